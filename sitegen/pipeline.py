"""The order of the stages: load → collect → plan → render → write.

:func:`build` is the whole program on one screen; each stage lives in its own module.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from sitegen import ledger
from sitegen.authors import apply_profiles, authors_path, load_profiles, unused_profiles
from sitegen.collect import collect
from sitegen.config import Config, load_config
from sitegen.errors import Diagnostic, Report, Severity, SitegenError
from sitegen.images import ImageSet, prepare_images, share_image_warnings
from sitegen.loaders.article import CONTENT_SUFFIXES, RAW_SUFFIXES, Loaded, load_article
from sitegen.loaders.sitechrome import learn_from_files
from sitegen.model import Article, OutputFile, Site
from sitegen.parallel import default_jobs, iter_chunks, map_chunks
from sitegen.plan import plan
from sitegen.redirects import find_redirects, redirect_files, relative_sources
from sitegen.render import make_environment, render_file
from sitegen.theme import theme_dir
from sitegen.writer import MARKER, StagedOutput, check_output_dir

EXIT_OK, EXIT_SKIPPED, EXIT_NOTHING_WRITTEN = 0, 1, 2
#: Resized copies of content images, kept between builds beside the output folder.
IMAGE_CACHE = Path(".sitegen-cache", "images")
#: Files in the content folder that are copied to the output beside the pages (images, media).
ASSET_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".pdf", ".mp3", ".mp4", ".webm")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where. Paths are as the user gave them (relative to the cwd).

    ``build_time`` is the clock of the build (aware); ``None`` means
    ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now.
    ``ledger`` is the URL ledger file (:mod:`sitegen.ledger`; ``None``: beside ``config``);
    ``record_urls`` false reads it for redirects but never writes it (``serve``'s previews).
    ``jobs`` is the number of worker processes for loading and rendering (``None``: one per
    core); the output is the same, byte for byte, for any number.
    """

    project: Path = Path(".")
    content: Path = Path("content")
    output: Path = Path("public")
    config: Path = Path("site.yaml")
    config_required: bool = False
    base_url: str | None = None
    drafts: bool = False
    future: bool = False
    write: bool = True
    build_time: datetime | None = None
    ledger: Path | None = None
    record_urls: bool = True
    jobs: int | None = None
    clean: bool = False


@dataclass
class BuildResult:
    """What a build did: ``files`` planned and written, ``articles`` published, ``cached`` of
    the content files taken from the build cache unread, ``seconds`` of wall time."""

    report: Report = field(default_factory=Report)
    exit_code: int = EXIT_OK
    files: int = 0
    articles: int = 0
    cached: int = 0
    seconds: float = 0.0


def build_clock(options: BuildOptions) -> datetime:
    if options.build_time is not None:
        return options.build_time
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc)


def content_files(content: Path, suffixes: tuple[str, ...] = CONTENT_SUFFIXES,
                  report: Report | None = None) -> list[Path]:
    """Files under ``content`` with one of ``suffixes``, in a stable order; hidden files are left
    out, and so are symlinks that lead outside the folder (files and folders alike: each gets a
    ``symlink-outside`` warning in ``report``, when given, once per link) and symlinks that never
    reach a file (``a.md → b.md → a.md``: a ``symlink-loop`` error, once per link). Symlinked
    folders are never entered."""
    root = content.resolve()
    found = []
    for dirpath, dirnames, filenames in os.walk(content, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames:
            _check_symlink(Path(dirpath, name), root, report)
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if name.startswith(".") or path.suffix.lower() not in suffixes:
                continue
            if not _check_symlink(path, root, report):
                continue
            found.append(path)
    return found


def _check_symlink(path: Path, root: Path, report: Report | None) -> bool:
    """``False`` (with a diagnostic added to ``report`` unless already there) for a symlink
    leading outside ``root`` or round in a loop; ``True`` for anything else."""
    if not path.is_symlink():
        return True
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return True  # dangling: reading it gives the file's own "unreadable" error
    except (OSError, RuntimeError):  # RuntimeError: Python < 3.13 reports a loop so
        diagnostic = Diagnostic(path=str(path), code="symlink-loop", message="symbolic link that never reaches a file "
                                "(it leads back to itself); skipped", hint="point the link at a real file, or delete it")
    else:
        if target.is_relative_to(root):
            return True
        diagnostic = Diagnostic(path=str(path), code="symlink-outside", severity=Severity.WARNING,
                                message=f"symbolic link to {target}, outside the content folder; skipped",
                                hint="copy it into content/ instead of linking to it")
    if report is not None and diagnostic not in report.diagnostics:
        report.add(diagnostic)
    return False


#: Characters that cannot be in a published file name: controls (C0, DEL, C1), the backslash
#: (a path separator on Windows hosts), bytes that are not UTF-8 (decoded by Python as lone
#: surrogates) and the non-characters U+FFFE and U+FFFF.
_UNUSABLE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\\\\\ud800-\udfff\ufffe\uffff]")


def usable_assets(content: Path, report: Report) -> list[tuple[Path, str]]:
    """``(file, site path)`` of the images and media under ``content``; a file whose name
    cannot be published (a control character, a backslash, bytes that are not UTF-8) is left
    out with an ``unusable-name`` warning."""
    assets = []
    for asset in content_files(content, ASSET_SUFFIXES, report):
        relative = asset.relative_to(content).as_posix()
        if _UNUSABLE_NAME.search(relative):
            shown = _UNUSABLE_NAME.sub(lambda m: ascii(m.group())[1:-1], str(asset))  # visible, printable
            report.add(Diagnostic(path=shown, code="unusable-name", severity=Severity.WARNING,
                                  message="file name holds a control character, a backslash or bytes that are not "
                                          "UTF-8; not published", hint="rename the file"))
            continue
        assets.append((asset, "/" + relative))
    return assets


def copy_assets(out: StagedOutput, assets: list[tuple[Path, str]], report: Report) -> None:
    """Copy each ``(file, site path)`` into the output; a file that cannot be read is skipped
    with an ``unreadable`` error (the rest of the site is still written)."""
    for asset, site_path in assets:
        try:
            out.copy_file(asset, site_path.lstrip("/"))
        except OSError as exc:
            if exc.filename != str(asset):
                raise  # the output side failed (disk full …): the whole build stops
            report.add(Diagnostic(path=str(asset), code="unreadable", message=exc.strerror or str(exc),
                                  hint="check that the file exists and can be read"))


class Progress:
    """What a build tells about its progress (the command line draws a bar; this one is silent).

    ``stage(name, total)`` starts a stage of ``total`` items (``"load"``, ``"render"``),
    ``advance(n)`` reports ``n`` more done, ``done()`` ends the stage.
    """

    def stage(self, name: str, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def done(self) -> None:
        pass


def load_one(path: Path, config: Config, site_chrome: frozenset[str] = frozenset()) -> Loaded | tuple[Diagnostic, ...]:
    """One content file loaded, or the diagnostics that keep it out of the site (a loader
    bug costs that one file: ``internal-error``). ``site_chrome``: see
    :func:`sitegen.loaders.sitechrome.learn_site_chrome`."""
    try:
        return load_article(path, str(path), config, site_chrome)
    except SitegenError as exc:
        return exc.diagnostics
    except Exception as exc:  # noqa: BLE001 - a loader bug must cost one file, not the site
        return (Diagnostic(path=str(path), code="internal-error",
                           message=f"could not load: {type(exc).__name__}: {exc}",
                           hint="this is a sitegen bug; please report it with the file"),)


@dataclass
class _LoadJob:
    paths: list[Path]
    config: Config
    site_chrome: frozenset[str] = frozenset()


def _load_chunk(job: _LoadJob, indices) -> list[Loaded | tuple[Diagnostic, ...]]:
    return [load_one(job.paths[i], job.config, job.site_chrome) for i in indices]


def load_all(paths: list[Path], config: Config, report: Report, jobs: int = 1,
             progress: Progress = Progress()) -> list[Article]:
    """Every loadable article, in the order of ``paths``, loaded by ``jobs`` processes; each
    file that fails is reported and skipped."""
    progress.stage("load", len(paths))
    articles = []
    # Lines the site's raw dumps repeat are its chrome: learnt once, before the pool starts.
    site_chrome = learn_from_files([p for p in paths if p.suffix.lower() in RAW_SUFFIXES], config)
    for loaded in map_chunks(_load_chunk, _LoadJob(paths, config, site_chrome), len(paths), jobs, progress.advance):
        if isinstance(loaded, Loaded):
            report.extend(loaded.warnings)
            articles.append(loaded.article)
        else:
            report.extend(loaded)
    progress.done()
    return articles


def sign_articles(options: BuildOptions, articles: list[Article], report: Report):
    """The articles with their authors named as ``authors.yaml`` beside the config spells
    them, and the profiles (:mod:`sitegen.authors`); warns of profiles no article names."""
    path = authors_path(options.config)
    profiles, warnings = load_profiles(path)
    report.extend(warnings)
    articles = apply_profiles(articles, profiles)
    report.extend(unused_profiles(profiles, articles, path))
    return articles, profiles


def keep_old_urls(site: Site, options: BuildOptions, sources: list[Path], files: list[OutputFile],
                  report: Report) -> tuple[list[OutputFile], ledger.Ledger]:
    """The redirect stage: the previous URL ledger plus this build's URLs, and the redirect
    pages and ``_redirects`` for every old URL no planned file uses (:mod:`sitegen.redirects`).
    Warns (``url-ledger-missing``) when the output folder holds an earlier build but the
    ledger is gone: redirects of earlier URL changes are then lost. Drafts' URLs are not
    recorded (they were never public)."""
    path = options.ledger or ledger.ledger_path(options.config)
    previous = ledger.read(path)
    if previous is None:
        previous = {}
        if (options.output / MARKER).is_file():
            report.add(Diagnostic(path=str(path), code="url-ledger-missing", severity=Severity.WARNING,
                                  message="no URL ledger, but the output folder holds an earlier build: "
                                          "URLs that changed before this build have no redirects",
                                  hint=f"restore {path.name} from version control; a new one is written now"))
    relative = relative_sources(sources, options.content)
    published = [ledger.Published(relative[a.source], a.url, ledger.content_identity(a))
                 for a in site.articles if a.source in relative and not a.draft]
    after, warnings = ledger.update(previous, published, set(relative.values()), str(path))
    report.extend(warnings)
    redirects, warnings = find_redirects(site, after, relative, {f.path for f in files})
    report.extend(warnings)
    return redirect_files(redirects, site.config.base_path), after


def record_urls(options: BuildOptions, urls_after: ledger.Ledger, report: Report) -> None:
    """Write the URL ledger after a build was written; a failure is a warning (the site is built)."""
    path = options.ledger or ledger.ledger_path(options.config)
    try:
        ledger.write(path, urls_after)
    except OSError as exc:
        report.add(Diagnostic(path=str(path), code="url-ledger-not-written", severity=Severity.WARNING,
                              message=f"could not write the URL ledger: {exc.strerror or exc}",
                              hint="make the site folder writable; until then changed URLs get no redirects"))


@dataclass
class _RenderJob:
    """What a render worker needs; ``env`` is compiled once in each process, on first use."""

    config: Config
    templates: Path
    site: Site
    files: list[OutputFile]
    images: dict[str, ImageSet]
    site_files: frozenset[str]
    env: object = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "env": None}  # a Jinja environment does not pickle: rebuilt there


def _render_chunk(job: _RenderJob, indices) -> list[bytes]:
    if job.env is None:
        job.env = make_environment(job.config, job.templates, job.images, job.site_files)
    return [render_file(job.env, job.site, job.files[i]) for i in indices]


def render_all(site: Site, files: list[OutputFile], templates: Path, jobs: int = 1,
               progress: Progress = Progress(), images: dict[str, ImageSet] | None = None,
               site_files: frozenset[str] | None = None):
    """``(file, bytes)`` for every planned file, in plan order, rendered by ``jobs`` processes
    as the caller consumes them (one chunk of pages in memory at a time); ``images`` are the
    content images with their resized copies (:mod:`sitegen.images`). Raises
    :class:`SitegenError` (``template``) on the first template error."""
    progress.stage("render", len(files))
    job = _RenderJob(site.config, templates, site, files, images or {}, site_files)
    for chunk, rendered in iter_chunks(_render_chunk, job, len(files), jobs):
        yield from zip((files[i] for i in chunk), rendered)
        progress.advance(len(chunk))
    progress.done()


def static_paths(site_static: Path) -> list[str]:
    """Site paths of the files of the theme's ``static/`` and the site's own (``/css/site.css``)."""
    return ["/" + p.relative_to(folder).as_posix() for folder in (theme_dir("static"), site_static)
            if folder.is_dir() for p in folder.rglob("*") if p.is_file()]


def build(options: BuildOptions, progress: Progress = Progress()) -> BuildResult:
    """Build the site. Never raises for bad input: problems land in ``result.report``
    and ``result.exit_code`` (0 built, 1 built with files skipped, 2 nothing written).
    ``progress`` hears about each stage as it goes."""
    started = time.monotonic()
    result = _build(options, progress)
    result.seconds = time.monotonic() - started
    return result


def _build(options: BuildOptions, progress: Progress) -> BuildResult:
    result = BuildResult()
    jobs = options.jobs or default_jobs()
    report = result.report
    try:
        config, warnings = load_config(options.config, options.base_url, options.config_required)
        report.extend(warnings)
        if not options.content.is_dir():
            raise SitegenError(Diagnostic(path=str(options.content), code="content-dir",
                                          message="content folder not found", hint="pass --content DIR"))
        if options.write:
            check_output_dir(options.output, options.content, options.project)
        sources = content_files(options.content, report=report)
        articles = load_all(sources, config, report, jobs, progress)
        articles, profiles = sign_articles(options, articles, report)
        site = collect(articles, config, build_clock(options), options.drafts, options.future)
        site = replace(site, profiles=profiles)
        files = plan(site)
        redirects, urls_after = keep_old_urls(site, options, sources, files, report)
        files += redirects
        assets = usable_assets(options.content, report)
        cache = options.output.absolute().parent / IMAGE_CACHE if options.write else None
        images = prepare_images(assets, config.image_widths, cache, reuse=not options.clean)
        report.extend(images.warnings)
        site_files = frozenset([path for _, path in assets] + static_paths(options.project / "static"))
        report.extend(share_image_warnings(site.articles, site_files))
        pages = render_all(site, files, options.project / "templates", jobs, progress, images.images, site_files)
        if options.write:
            with StagedOutput(options.output) as out:  # an error inside drops the staging folder
                report.extend(out.warnings)
                out.copy_tree(theme_dir("static"))
                out.copy_tree(options.project / "static")
                copy_assets(out, assets, report)
                for copy, path in images.copies:
                    out.copy_file(copy, path)
                for file, data in pages:  # rendered a chunk at a time: memory stays flat
                    out.write(file.path, data)
                out.commit()
            if options.record_urls:
                record_urls(options, urls_after, report)
        else:
            for _ in pages:
                pass
        result.files, result.articles = len(files), len(site.articles)
    except SitegenError as exc:
        report.extend(exc.diagnostics)
        result.exit_code = EXIT_NOTHING_WRITTEN
        return result
    except OSError as exc:  # disk full, permissions, output path blocked by a file …
        report.add(Diagnostic(path=str(exc.filename or options.output), code="write-failed",
                              message=exc.strerror or str(exc),
                              hint="check the output folder and free disk space; the previous output is untouched"))
        result.exit_code = EXIT_NOTHING_WRITTEN
        return result
    result.exit_code = EXIT_SKIPPED if report.errors else EXIT_OK
    return result
