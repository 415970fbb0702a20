"""Command line: ``sitegen [build|check|serve|extract|new] …`` (the same as ``python build.py …``).

Commands, options and exit statuses are fixed in INTERFACE.md.
"""

from __future__ import annotations

import gc
import sys

INTERRUPTED = "interrupted: the previous output is untouched"
INTERRUPTED_PUBLISHED = ("interrupted once the new site was in place: the site is built; "
                         "the next build does again what this one had left to save")
#: What Ctrl-C says for a command that has no output folder (:data:`INTERRUPTED` is the build's).
INTERRUPTED_BY_COMMAND = {"extract": "interrupted: extract writes no files; nothing was changed"}


def interrupted_message(argv: list[str]) -> str:
    """The line Ctrl-C prints for the command line ``argv`` (the arguments after the program):
    :data:`INTERRUPTED_BY_COMMAND` for its command (the first argument), else :data:`INTERRUPTED`
    (``build``, the default command, and the others that keep an output folder untouched)."""
    return INTERRUPTED_BY_COMMAND.get(argv[0] if argv else "build", INTERRUPTED)


# What importing the modules below makes (modules, classes, functions) lives as long as the
# process: a collection of the cyclic garbage collector meanwhile walks it and frees nothing
# (paused, the import takes ~8 ms less of ~155 ms: medians of 40), and so would the first one
# after (sitegen.gcpause.settle_imports). A build decides for itself from then on (sitegen.gcpause).
_collecting = gc.isenabled()
gc.disable()
try:  # the modules below take ~0.15 s to import: a Ctrl-C meanwhile is said as briefly as one later
    from sitegen import gcpause  # (inside: /tmp/attack52/r3, a Ctrl-C during its import gave a traceback)
    from typing import NoReturn

    # The standard library only: imported before the slow modules below.
    from sitegen.quick_exit import INTERRUPTED as EXIT_INTERRUPTED, ends_after_command, exit_without_teardown
    import argparse
    import json
    import os
    from datetime import datetime, timezone
    from pathlib import Path

    # What a build needs before it knows whether its site changed (the loaders, the renderer and
    # the other stages come later: sitegen.late_imports; extract's own, in run_extract).
    from sitegen import __version__, interrupts
    from sitegen.config import load_config
    from sitegen.errors import Diagnostic, InterruptedAfterPublishing, SitegenError
    from sitegen.loaders import RAW_SUFFIXES
    from sitegen.model import Article
    from sitegen.parallel import default_jobs
    from sitegen.pipeline import EXIT_NOTHING_WRITTEN, BuildOptions, build
    from sitegen.progress import Progress
    from sitegen import late_imports, urls

    late_imports.check_installed()  # the libraries of the modules a build imports later
except KeyboardInterrupt:  # (the newcomer check found a whole traceback): nothing was written yet
    print(interrupted_message(sys.argv[1:]), file=sys.stderr)
    raise SystemExit(130) from None  # quick_exit.INTERRUPTED, which may not be imported yet (INTERFACE.md)
finally:
    if _collecting:
        if "gcpause" in globals():  # (not when a Ctrl-C came before its import)
            gcpause.settle_imports()
        gc.enable()

COMMANDS = ("build", "check", "serve", "extract", "new")


def _add_build_options(parser: argparse.ArgumentParser, output: str | None = "public") -> None:
    """The options shared by build, check and serve; ``output`` is the default ``--output``."""
    parser.add_argument("--content", type=_path, default="content", help="content folder (default: content)")
    parser.add_argument("--output", type=_path, default=output,
                        help=f"output folder (default: {output or 'a temporary folder, removed on exit'})")
    parser.add_argument("--config", type=_path, default=None, help="config file (default: site.yaml)")
    parser.add_argument("--base-url", default=None, help="override base_url from the config")
    parser.add_argument("--drafts", action="store_true", help="include drafts")
    parser.add_argument("--future", action="store_true", help="include future-dated articles")
    parser.add_argument("--jobs", type=_jobs, default=None,
                        help=f"worker processes for loading and rendering (default: one per core, here {default_jobs()})")
    parser.add_argument("--clean", action="store_true", help="ignore any build cache")
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors only")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description="Static site generator for Arabic news sites.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    sub = parser.add_subparsers(dest="command")
    _add_build_options(sub.add_parser("build", help="build the site (default)"))
    _add_build_options(sub.add_parser("check", help="validate content and config, write nothing"))
    serve = sub.add_parser("serve", help="build, serve the output, rebuild and reload the browser on change")
    _add_build_options(serve, output=None)  # a preview never replaces public/ unless told to
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on; 0 picks a free one (default: 8000)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="also answer requests for this host name (repeatable; '*' answers any, e.g. behind "
                            "a proxy); by default only 127.0.0.1, localhost, ::1 and --host")
    extract = sub.add_parser("extract", help="print the parsed record of content files")
    extract.add_argument("files", nargs="+")
    extract.add_argument("--json", action="store_true", help="a JSON array, one object per file")
    extract.add_argument("--explain", action="store_true", help="each input line with the role the loader gave it")
    extract.add_argument("--config", default=None)
    new = sub.add_parser("new", help="write a new Markdown article with front matter")
    new.add_argument("title")
    new.add_argument("--content", default="content")
    new.add_argument("--config", default=None)
    return parser


def _options(args, write: bool) -> BuildOptions:
    """Build options from parsed arguments (``serve`` without ``--output``: see :func:`run_serve`)."""
    return BuildOptions(
        content=Path(args.content), output=Path(args.output or "public"),
        config=Path(args.config or "site.yaml"), config_required=args.config is not None,
        base_url=args.base_url, drafts=args.drafts, future=args.future, write=write,
        jobs=args.jobs, clean=args.clean,
    )


def _path(text: str) -> str:
    """A folder or file option's text; an empty one (``--output ''``, an unset shell variable) is
    refused (argparse prints it and exits 2, nothing written): read as ``Path('')`` it would be
    the current folder, and the default would silently take its place."""
    if not text:
        raise argparse.ArgumentTypeError("empty path: give a folder or file name, or leave the option out "
                                         "for its default")
    return text


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of worker processes (1 or more): {text!r}")
    return int(text)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {text!r}")
    return int(text)


def run_build(args, write: bool) -> int:
    with interrupts.watching():  # a Ctrl-C Python drops (in a callback from C) still stops the build
        try:
            result = build(_options(args, write), progress_for(args))
            interrupts.check()  # dropped after the build's own last look
            print_report(result, args, write)
        except KeyboardInterrupt as exc:  # once the new site is in place, whatever the build was doing
            if interrupts.published() and not isinstance(exc, InterruptedAfterPublishing):
                raise InterruptedAfterPublishing from None
            raise
    return result.exit_code


class TerminalProgress(Progress):
    """A tqdm progress bar on stderr for each stage of a build (loading, rendering)."""

    LABELS = {"load": "loading", "render": "rendering"}

    def __init__(self) -> None:
        self.bar = None

    def stage(self, name: str, total: int) -> None:
        from tqdm import tqdm

        self.done()
        self.bar = tqdm(total=total, desc=self.LABELS.get(name, name), unit=" files", file=sys.stderr,
                        leave=False, dynamic_ncols=True, mininterval=0.2)

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def done(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def progress_for(args) -> Progress:
    """A progress bar when stderr is a terminal and ``--quiet`` is not given; else silence."""
    return TerminalProgress() if not args.quiet and sys.stderr.isatty() else Progress()


def print_report(result, args, write: bool = True) -> None:
    """Print a build's diagnostics (errors only with ``--quiet``) and its summary line on stderr:
    ``built 10,000 articles, 14,380 pages into public in 6.2 s (9,999 articles, 14,310 pages from cache)``."""
    for diagnostic in result.report.diagnostics:
        if diagnostic.is_error or not args.quiet:
            print(diagnostic.format(), file=sys.stderr)
    if not args.quiet and result.exit_code != EXIT_NOTHING_WRITTEN:
        verb = "built" if write else "checked"
        skipped = len({d.path for d in result.report.errors})
        print(f"{verb} {counted(result.articles, 'article')}, {counted(result.files, 'page')}"
              + (f" into {args.output}" if write and args.output else "")
              + f" in {result.seconds:.1f} s"
              + (f" ({counted(result.cached, 'article')}, {counted(result.pages_reused, 'page')} from cache)"
                 if result.cached or result.pages_reused else "")
              + (f"; {counted(skipped, 'file')} skipped" if skipped else ""),
              file=sys.stderr)


def counted(number: int, noun: str) -> str:
    """``1 article``, ``2 articles``, ``10,000 articles`` (the summary line is English)."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def run_serve(args) -> int:
    """``serve``: without ``--output`` the preview is built into a temporary folder (see
    :func:`sitegen.serve.serve`), so ``public/`` never holds preview URLs."""
    from sitegen.serve import serve

    return serve(_options(args, write=True), args.host, args.port,
                 report=lambda result: print_report(result, args), quiet=args.quiet,
                 temporary_output=args.output is None,
                 allowed_hosts=None if "*" in args.allow_host else tuple(args.allow_host))


def record(article: Article, base_url: str) -> dict:
    """The ``extract --json`` record (keys listed in INTERFACE.md, plus a few more)."""
    from sitegen.feeds import written_moment

    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "date": written_moment(article.date).isoformat() if article.date else None,
        "updated": written_moment(article.updated).isoformat() if article.updated else None,
        "site_name": article.site_name,
        "masthead": [{"role": m.role, "name": m.name} for m in article.masthead],
        "byline": article.byline,
        "dateline": article.dateline,
        "headings": list(article.headings),
        "paragraphs": list(article.paragraphs),
        "summary": article.summary,
        "tags": list(article.tags),
        "section": article.section,
        "authors": list(article.authors),
        "slug": article.slug,
        "url": urls.absolute_url(base_url, article.url) if article.url else None,
        "draft": article.draft,
        "word_count": article.word_count,
        "lang": article.lang,
        "dir": article.dir,
        "format": article.format,
        "source": article.source,
    }


def run_extract(args) -> int:
    # The loaders are imported by the command that needs them (a build imports them only once it
    # finds its site changed: sitegen.late_imports).
    from sitegen.collect import assign_urls
    from sitegen.loaders.article import load_article
    from sitegen.loaders.sitechrome import learn_from_files

    config, _ = load_config(Path(args.config or "site.yaml"), required=args.config is not None)
    records, status = [], 0
    # Dumps given together teach the reader their site's chrome (lines they all repeat).
    site_chrome = learn_from_files([Path(n) for n in args.files if Path(n).suffix.lower() in RAW_SUFFIXES], config)
    for name in args.files:
        path = Path(name)
        try:
            if args.explain:
                print(explain(path, name, config, site_chrome))
                continue
            loaded = load_article(path, name, config, site_chrome)
        except SitegenError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic.format(), file=sys.stderr)
            records.append({"source": name, "error": exc.diagnostics[0].code})
            status = 1
            continue
        for warning in loaded.warnings:
            print(warning.format(), file=sys.stderr)
        article = assign_urls([loaded.article], config)[0]
        records.append(record(article, config.base_url))
    if args.explain:
        return status
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        for item in records:
            for key, value in item.items():
                print(f"{key}: {value}")
            print()
    return status


def explain(path: Path, name: str, config, site_chrome: frozenset[str] = frozenset()) -> str:
    """``== NAME``, then every line of the file with the role the loader gave it: ``LINE ROLE | text``
    (a Markdown file's lines are ``front-matter`` or ``markdown``)."""
    from sitegen.loaders import reader
    from sitegen.loaders.article import read_text
    from sitegen.loaders.frontmatter import split_front_matter

    text = read_text(path, name, config.max_file_bytes)
    if path.suffix.lower() not in RAW_SUFFIXES:
        front = split_front_matter(text, name)
        lines = text.split("\n")
        return f"== {name}\n" + "\n".join(f"{n:4d} {'front-matter' if n < front.body_line else 'markdown':<15}| {line}"
                                            for n, line in enumerate(lines, start=1))
    front = split_front_matter(text, name)
    offset = front.body_line - 1
    found = reader.extract(front.body, config.timezone, site_chrome)
    rows = [f"{n:4d} {'front-matter':<15}| {line}" for n, line in enumerate(text.split("\n")[:offset], start=1)]
    for line in found.lines:
        note = f"  ({line.note})" if line.note else ""
        rows.append(f"{line.lineno + offset:4d} {line.role:<15}| {line.text}{note}")
    return f"== {name}\n" + "\n".join(rows)


def run_new(args) -> int:
    from sitegen.arabic import clean_inline, slugify
    from sitegen.urls import fit_segment

    # A title is one line: a pasted line break or tab becomes a space (the newcomer check
    # found «new $'خبر\nعاجل'» wrote a two-line title into the front matter).
    args.title = clean_inline(args.title)
    if not args.title:
        print(Diagnostic(path=args.content, code="new-title", message="the title is empty; nothing written",
                         hint='give the article a title, e.g. python build.py new "افتتاح مكتبة الحي"').format(),
              file=sys.stderr)
        return EXIT_NOTHING_WRITTEN
    config, _ = load_config(Path(args.config or "site.yaml"), required=args.config is not None)
    now = datetime.now(timezone.utc).astimezone(config.timezone).replace(microsecond=0)
    slug = fit_segment(slugify(args.title))
    path = Path(args.content) / f"{now:%Y-%m-%d}-{slug}.md"
    title = json.dumps(args.title, ensure_ascii=False)
    try:
        if path.exists():
            print(Diagnostic(path=str(path), code="exists", message="a file with this name already exists; nothing written",
                             hint="pick another title, or edit the existing file").format(), file=sys.stderr)
            return EXIT_NOTHING_WRITTEN
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(f"---\ntitle: {title}\ndate: {now.isoformat()}\nsection:\ntags: []\nauthor:\ndraft: true\n---\n\n")
    except OSError as exc:
        print(Diagnostic(path=str(path), code="new-write", message=f"cannot write the article: {exc.strerror or exc}",
                         hint="check that the content folder is a writable folder").format(), file=sys.stderr)
        return EXIT_NOTHING_WRITTEN
    print(path)
    return 0


def run(argv: list[str] | None = None) -> NoReturn:
    """The ``sitegen`` command (and ``python build.py``, ``python -m sitegen``): :func:`main`,
    then the process ends with its status without the interpreter's teardown
    (:mod:`sitegen.quick_exit`): a command that runs once (all but ``serve``) keeps its values to the end."""
    exit_without_teardown(main(argv, ends_after=True))


def main(argv: list[str] | None = None, ends_after: bool = False) -> int:
    """The ``sitegen`` command's exit status for ``argv`` (``sys.argv[1:]`` when ``None``);
    ``ends_after``: the process ends once the command is done (:func:`run`)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")
    try:
        args = make_parser().parse_args(argv)
        if args.command == "extract":
            return run_extract(args)
        if args.command == "new":
            return run_new(args)
        if args.command == "serve":
            return run_serve(args)
        if ends_after:
            ends_after_command()
        return run_build(args, write=args.command != "check")
    except SitegenError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return EXIT_NOTHING_WRITTEN
    except InterruptedAfterPublishing:  # Ctrl-C after the swap (/tmp/attack40/f2_int_wait.py)
        print(INTERRUPTED_PUBLISHED, file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:  # Ctrl-C: the writer drops its staging folder on the way out
        print(interrupted_message(argv), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `… | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
