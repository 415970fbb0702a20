"""The order of the stages: load → collect → plan → render → write → search index.

:func:`build` is the whole program on one screen; each stage lives in its own module.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote

from sitegen import gcpause, ledger, page_reuse, unchanged
from sitegen.authors import apply_profiles, authors_path, load_profiles, unused_profiles
from sitegen.cache import BuildCache, Written, cache_folder, code_fingerprint, digest, pack_records, unpack_records
from sitegen.collect import collect, permalink_of
from sitegen.config import Config, load_config, missing_site_files
from sitegen.errors import Diagnostic, Report, Severity, SitegenError
from sitegen.images import ImageSet, prepare_images, share_image_warnings
from sitegen.loaders.article import CONTENT_SUFFIXES, RAW_SUFFIXES, Loaded, load_article
from sitegen.loaders.sitechrome import learn_from_files
from sitegen.model import Article, BodyUnreadable, OutputFile, Site, share_repeated
from sitegen.parallel import default_jobs, iter_chunks
from sitegen.apart import Apart
from sitegen.plan import RELATED_LATER, add_related, plan, related_by_url, related_inputs, related_positions
from sitegen.redirects import find_redirects, redirect_files, relative_sources
from sitegen.render import add_compiled_templates, build_year, compiled_templates, make_environment, render_file
from sitegen.render_keys import RenderKeys, library_versions, template_fingerprint
from sitegen.search import BUNDLE_DIR, TEXT_DIR, pagefind_executable
from sitegen.search_run import SearchRun
from sitegen.signatures import SourceIndex
from sitegen.sitemaps import SitemapURL, sitemap_inputs, sitemap_urls
from sitegen.theme import theme_dir
from sitegen.output_lock import OutputLock
from sitegen.writer import MARKER, PageWriter, StagedOutput, check_output_dir, verify_marker

EXIT_OK, EXIT_SKIPPED, EXIT_NOTHING_WRITTEN = 0, 1, 2
#: The stat signatures of the input files (:mod:`sitegen.signatures`), in the build cache.
SOURCE_INDEX = "sources"
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
    the content files taken from the build cache unread, ``pages_reused`` of the files taken
    from the previous site unrendered, ``seconds`` of wall time."""

    report: Report = field(default_factory=Report)
    exit_code: int = EXIT_OK
    files: int = 0
    articles: int = 0
    cached: int = 0
    pages_reused: int = 0
    seconds: float = 0.0


def build_clock(options: BuildOptions) -> datetime:
    if options.build_time is not None:
        return options.build_time
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc)


def content_files(content: Path, suffixes: tuple[str, ...] = CONTENT_SUFFIXES,
                  report: Report | None = None, distinct: bool = False) -> list[Path]:
    """Files under ``content`` with one of ``suffixes``, in a stable order; hidden files are left
    out, and so are symlinks that lead outside the folder (files and folders alike: each gets a
    ``symlink-outside`` warning in ``report``, when given, once per link) and symlinks that never
    reach a file (``a.md → b.md → a.md``: a ``symlink-loop`` error, once per link). Symlinked
    folders are never entered. With ``distinct`` (articles: each file is one article) a symlink
    to a file that is already listed is left out too (:func:`_once_each`)."""
    found, _, links = _walk_content(content, suffixes, report)
    return _once_each(found, links, content, report) if distinct and links else found


def sources_and_assets(content: Path, report: Report) -> tuple[list[Path], list[Path], Report]:
    """``(content files, asset files, the assets' own diagnostics)`` under ``content`` from one
    walk of the folder: :func:`content_files` with :data:`CONTENT_SUFFIXES` and ``distinct`` (its
    diagnostics, and those of symlinked folders, in ``report``) and with :data:`ASSET_SUFFIXES`
    (those of its files' links in the returned report, for :func:`usable_assets` to add where it
    would have walked the folder itself)."""
    assets_report = Report()
    sources, assets, links = _walk_content(content, CONTENT_SUFFIXES, report, ASSET_SUFFIXES, assets_report)
    if links:
        sources = _once_each(sources, links, content, report)
    return sources, assets, assets_report


def _walk_content(content: Path, suffixes: tuple[str, ...], report: Report | None,
                  other_suffixes: tuple[str, ...] = (), other_report: Report | None = None
                  ) -> tuple[list[Path], list[Path], list[Path]]:
    """``(files with suffixes, files with other_suffixes, the symlinks among the first)`` under
    ``content`` (see :func:`content_files`); a file link's diagnostics go to the report of its
    kind, a folder link's to ``report``."""
    root = content.resolve()
    found: list[Path] = []
    others: list[Path] = []
    links: list[Path] = []

    def visit(folder: str) -> None:
        # os.walk's order and rules (top-down, names sorted, unreadable folders skipped), with
        # the entries' types from scandir: no lstat or Path per file that is not wanted.
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            return
        folders = []
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if not entry.name.startswith("."):
                    folders.append(entry)
                    if entry.is_symlink():
                        _check_symlink(Path(entry.path), root, report)
            elif not entry.name.startswith("."):
                suffix = os.path.splitext(entry.name)[1].lower()
                if suffix in suffixes:
                    into, link_report = found, report
                elif suffix in other_suffixes:
                    into, link_report = others, other_report
                else:
                    continue
                path = Path(entry.path)
                if not entry.is_symlink():
                    into.append(path)
                elif _check_symlink(path, root, link_report):
                    into.append(path)
                    if into is found:
                        links.append(path)
        for entry in folders:
            if not entry.is_symlink():
                visit(entry.path)

    visit(os.fspath(content))
    return found, others, links


def _once_each(found: list[Path], links: list[Path], content: Path, report: Report | None) -> list[Path]:
    """``found`` without the symlinks (of ``links``, all inside ``content``) that reach a file
    reached before: the file itself (``link.md → ok.md``) or an earlier link to it, in
    ``found``'s order. Each gets a ``symlink-duplicate`` warning naming
    the link and its target, so one file is never loaded twice (two articles at one URL)."""
    root = content.resolve()
    linked = set(links)
    seen = {root / path.relative_to(content) for path in found if path not in linked}  # folders entered are real
    kept = []
    for path in found:
        if path in linked:
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                target = None  # dangling: reading it reports why
            if target is not None and target in seen:
                if report is not None:
                    shown = os.path.relpath(target, root)
                    report.add(Diagnostic(
                        path=str(path), code="symlink-duplicate", severity=Severity.WARNING,
                        message=f"symbolic link to {shown}, which is already read from content/; skipped",
                        hint="delete the link (use aliases: in that file for a second address)"))
                continue
            if target is not None:
                seen.add(target)
        kept.append(path)
    return kept


def _check_symlink(path: Path, root: Path, report: Report | None, folder_name: str | None = None) -> bool:
    """``False`` (with a diagnostic added to ``report`` unless already there) for a symlink
    leading outside ``root`` (the folder called ``folder_name`` in messages, ``content`` by
    default) or round in a loop; ``True`` for anything else."""
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
        folder = "content" if folder_name is None else folder_name
        diagnostic = Diagnostic(path=str(path), code="symlink-outside", severity=Severity.WARNING,
                                message=f"symbolic link to {target}, outside the {folder} folder; skipped",
                                hint=f"copy it into {folder}/ instead of linking to it")
    if report is not None and diagnostic not in report.diagnostics:
        report.add(diagnostic)
    return False


#: Characters that cannot be in a published file name: controls (C0, DEL, C1), the backslash
#: (a path separator on Windows hosts), bytes that are not UTF-8 (decoded by Python as lone
#: surrogates) and the non-characters U+FFFE and U+FFFF.
_UNUSABLE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\\\\\ud800-\udfff\ufffe\uffff]")


def usable_assets(content: Path, report: Report, config: Config,
                  walked: tuple[list[Path], Report] | None = None) -> list[tuple[Path, str]]:
    """``(file, site path)`` of the images and media under ``content``; a file whose name
    cannot be published or that is not a regular file is left out (:func:`_publishable`).
    ``walked`` is ``(asset files, their diagnostics)`` from :func:`sources_and_assets`
    (``None``: the folder is walked here).

    An SVG is a document that can hold ``<script>`` and ``onload``, which run on the site's
    own origin when the file is opened, so one from ``content/`` is left out with an
    ``svg-untrusted`` error unless ``trusted_html`` is set or ``site.yaml`` names it as the
    ``favicon`` or ``logo`` (the site's owner chose it). The theme's and ``static/`` SVGs are
    the site's own and are always published."""
    chosen = {"/" + unquote(p).lstrip("/") for p in (config.favicon, config.logo) if p and "://" not in p}
    assets = []
    if walked is None:
        found = content_files(content, ASSET_SUFFIXES, report)
    else:
        found, walk_report = walked
        for diagnostic in walk_report.diagnostics:  # as the walk would have added them here
            if diagnostic not in report.diagnostics:
                report.add(diagnostic)
    for asset in found:
        if not _publishable(asset, content, report):
            continue
        relative = asset.relative_to(content).as_posix()
        if asset.suffix.lower() == ".svg" and not config.trusted_html and "/" + relative not in chosen:
            report.add(Diagnostic(path=str(asset), code="svg-untrusted",
                                  message="SVG files in content/ are not published: an SVG can run scripts on the "
                                          "site when opened",
                                  hint="use a PNG, JPEG or WebP image, put a reviewed SVG in static/, or set "
                                       "trusted_html: true in site.yaml if every author is trusted"))
            continue
        assets.append((asset, "/" + relative))
    return assets


def static_files(static: Path, report: Report | None = None) -> list[tuple[Path, str]]:
    """``(file, site path)`` of the files under a ``static/`` folder, published as they are
    (``static/css/site.css`` → ``/css/site.css``), in a stable order. Hidden files are left out
    (hidden folders such as ``.well-known/`` are not). A symlink inside the folder is followed;
    one that leads outside it or round in a loop is left out (``symlink-outside`` warning,
    ``symlink-loop`` error) and a symlinked folder is never entered, as in ``content/``; so is a
    file whose name cannot be published or that is not a regular file (:func:`_publishable`).
    Each problem costs only its own file."""
    found: list[tuple[Path, str]] = []
    if not static.is_dir():
        return found
    root, name = static.resolve(), static.name
    for dirpath, dirnames, filenames in os.walk(static, followlinks=False):
        dirnames.sort()
        for folder in dirnames:
            _check_symlink(Path(dirpath, folder), root, report, name)
        for file_name in sorted(filenames):
            path = Path(dirpath, file_name)
            if file_name.startswith(".") or not _check_symlink(path, root, report, name):
                continue
            if _publishable(path, static, report):
                found.append((path, "/" + path.relative_to(static).as_posix()))
    return found


def _publishable(path: Path, folder: Path, report: Report | None) -> bool:
    """Whether the file ``path`` under ``folder`` can be copied into the output as it is. Not a
    name holding a control character, a backslash or bytes that are not UTF-8 (``unusable-name``
    warning: no host can serve it, and the output refuses it), and not a named pipe, socket or
    device (``unreadable`` error: reading a pipe waits for ever). A file that cannot be
    examined passes: copying it reports why."""
    if _UNUSABLE_NAME.search(path.relative_to(folder).as_posix()):
        shown = _UNUSABLE_NAME.sub(lambda m: ascii(m.group())[1:-1], str(path))  # visible, printable
        if report is not None:
            report.add(Diagnostic(path=shown, code="unusable-name", severity=Severity.WARNING,
                                  message="file name holds a control character, a backslash or bytes that are not "
                                          "UTF-8; not published", hint="rename the file"))
        return False
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True
    if not regular and report is not None:
        report.add(Diagnostic(path=str(path), code="unreadable",
                              message="not a regular file (a named pipe, socket or device); not published",
                              hint="replace it with a plain file, or move it out of the folder"))
    return regular


def shadowed_statics(statics: list[tuple[Path, str]], assets: list[tuple[Path, str]]) -> list[Diagnostic]:
    """A ``static-shadowed`` warning for each content file (``assets``, ``(file, site path)``)
    published at the same site path as a file of the site's ``static/`` folder: the content's
    file is copied last and wins (see :func:`write_site`)."""
    by_path = {path: file for file, path in statics}
    return [Diagnostic(path=str(asset), code="static-shadowed", severity=Severity.WARNING,
                       message=f"{by_path[path]} has the same site path {path}; this file from the content "
                               "folder is published and that one is not",
                       hint="rename or remove one of the two files")
            for asset, path in assets if path in by_path]


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
    """What a load worker needs; ``parent`` is the id of the process that made the job (a chunk
    loaded elsewhere sends its records once, inside its records part: :func:`_load_chunk`)."""

    paths: list[Path]
    config: Config
    site_chrome: frozenset[str] = frozenset()
    cache: BuildCache | None = None
    index: SourceIndex = field(default_factory=SourceIndex)
    parent: int = field(default_factory=os.getpid)


@dataclass(frozen=True)
class _LoadOutcome:
    """One content file after the load stage: what :func:`load_one` gave (or the cache held),
    its cache ``key`` (``None`` without a cache), whether it came from the cache, and, for a
    file loaded with a cache, what the loading process's source index saw of it before it
    was loaded (:meth:`~sitegen.signatures.SourceIndex.seen`, for the build's own index)."""

    loaded: Loaded | tuple[Diagnostic, ...]
    key: str | None = None
    from_cache: bool = False
    seen: tuple | None = None


def _load_chunk(job: _LoadJob, indices) -> tuple[list[_LoadOutcome], bytes | None]:
    """``(outcomes, records part)``: :func:`load_one` of each file; with a cache, the articles'
    bodies are stored in the cache (one pack for the chunk) and the articles hold only their
    references, each outcome has its file's key (``None`` when the file's key changed while it
    was loaded: an edit meanwhile is not recorded under it) and the records part is the
    chunk's keyed articles pickled for the records file (:func:`sitegen.cache.pack_records`),
    made here so that the main process does not pickle them after the stage. In a process
    other than ``job.parent`` those articles are sent only inside the part: their outcomes
    hold ``None`` (:func:`_unpacked` fills them in). ``None`` for the part without a cache."""
    if job.cache is None:
        return [_LoadOutcome(load_one(job.paths[i], job.config, job.site_chrome)) for i in indices], None
    paths = [job.paths[i] for i in indices]
    keys = [_source_key(path, job) for path in paths]
    seen = [job.index.seen(str(path), job.config.max_file_bytes) for path in paths]  # as the keys saw them
    results = [load_one(path, job.config, job.site_chrome) for path in paths]
    loaded = [r for r in results if isinstance(r, Loaded)]
    stored = iter(job.cache.bodies.pack([r.article.body for r in loaded]))
    outcomes = []
    for path, key, result, source in zip(paths, keys, results, seen):
        if isinstance(result, Loaded):  # the body is stored; the small record goes back, with its URL
            article = result.article  # (with_url and the stored body in one replace)
            url = article.url if article.url is not None else permalink_of(article, job.config)
            result = replace(result, article=replace(article, url=url, body=next(stored)))
            if _source_key(path, job) != key:  # edited meanwhile: not to be found under the old key
                key = None
        outcomes.append(_LoadOutcome(result, key, seen=source))
    keyed = {o.key: o.loaded for o in outcomes if o.key is not None and isinstance(o.loaded, Loaded)}
    repeated: dict = {}  # pickled as the main process holds them: equal values one object (share_repeated)
    for loaded in keyed.values():
        share_repeated(loaded.article, repeated)
    part = pack_records(keyed)
    if os.getpid() != job.parent:
        outcomes = [replace(o, loaded=None) if o.key in keyed else o for o in outcomes]
    return outcomes, part


def _spooled(spool, places: dict[int, tuple[int, int]]) -> tuple[bytes, ...]:
    """The parts written to ``spool`` (an open binary file) at ``places`` (``{chunk start:
    (offset, length)}``), in chunk order. Raises ``OSError`` when one cannot be read whole."""
    spool.flush()
    parts = []
    for start in sorted(places):
        offset, length = places[start]
        part = os.pread(spool.fileno(), length, offset)
        if len(part) != length:
            raise OSError(f"records part of chunk {start} cut short")
        parts.append(part)
    return tuple(parts)


def _unpacked(outcomes: list[_LoadOutcome], part: bytes | None, cache: BuildCache | None) -> list[_LoadOutcome]:
    """A chunk's outcomes (:func:`_load_chunk`) with the articles sent only inside its records
    ``part`` put back (their bodies read from ``cache``)."""
    if part is None or all(o.loaded is not None for o in outcomes):
        return outcomes
    keyed = unpack_records(part, cache.bodies)
    return [replace(o, loaded=keyed[o.key]) if o.loaded is None else o for o in outcomes]


def _source_key(path: Path, job: _LoadJob, given: bool = False) -> str | None:
    """The cache key of a content file: its bytes, its path, the salt and, for a raw dump, the
    site chrome learnt from all dumps (which loading a dump also reads). ``None`` for a file
    the loader must see to report it (not a regular file, too large, unreadable). The bytes
    are read only when the file's stat signature changed (:class:`~sitegen.signatures.SourceIndex`);
    ``given``: the file as the index saw it earlier in this build (:func:`build_inputs`), if it did."""
    index = job.index
    data = (index.given_digest if given else index.file_digest)(str(path), job.config.max_file_bytes)
    if data is None:
        return None
    chrome = "\n".join(sorted(job.site_chrome)) if path.suffix.lower() in RAW_SUFFIXES else ""
    return job.cache.article_key(str(path), chrome.encode("utf-8", "surrogateescape") + b"\0" + data.encode())


@dataclass
class Loading:
    """What the load stage gives: the articles in content order, how many came from the
    cache unread, the cache keys this build used, ``(source, cache key or None, article)`` of
    each article in content order, and the cache's records before this build (``{key: Loaded}``)."""

    articles: list[Article]
    from_cache: int = 0
    keys: set[str] = field(default_factory=set)
    keyed: list[tuple[str, str | None, Article]] = field(default_factory=list)
    previous: dict = field(default_factory=dict)


def load_all(paths: list[Path], config: Config, report: Report, jobs: int = 1,
             progress: Progress = Progress(), cache: BuildCache | None = None,
             index: SourceIndex | None = None) -> Loading:
    """Every loadable article, in the order of ``paths``; each file that fails is reported and
    skipped. With ``cache``, this process finds every file's key (reading only files whose stat
    signature changed since ``index`` saw them) and takes the articles found under their keys
    in the cache's records (one file); only the others are loaded, by ``jobs`` processes, which
    store their bodies and send back the rest. The articles' bodies stay in the cache (stored
    :class:`~sitegen.model.Body`); the records of this build's articles replace the last ones."""
    progress.stage("load", len(paths))
    loading = Loading([])
    # Lines the site's raw dumps repeat are its chrome: learnt once, before the pool starts.
    site_chrome = learn_from_files([p for p in paths if p.suffix.lower() in RAW_SUFFIXES], config)
    job = _LoadJob(paths, config, site_chrome, cache, index if index is not None else SourceIndex())
    outcomes: list[_LoadOutcome | None] = [None] * len(paths)
    records = {}
    if cache is not None:
        records = cache.records()
        for index, path in enumerate(paths if records else ()):  # none (a clean build): nothing to look up
            # The file as build_inputs saw it: the inputs digest and the articles agree. One
            # not found is loaded, and its key looked up afresh then (_load_chunk).
            key = _source_key(path, job, given=True)
            found = records.get(key) if key is not None else None
            if isinstance(found, Loaded):
                outcomes[index] = _LoadOutcome(found, key, True)
                progress.advance(1)
        report.extend(cache.warnings)  # damaged entries met on the way (each loaded again)
        cache.warnings = []
    missing = [i for i, outcome in enumerate(outcomes) if outcome is None]
    fresh: list = [None] * len(missing)
    # A clean build's records, pickled where they were loaded (a part per chunk), wait on disk
    # (an unnamed file in the cache folder) until they are saved: held in memory, their ~7 MiB
    # at 10,000 articles added to the build's peak while the load worker lived.
    spool = tempfile.TemporaryFile(dir=cache.folder) if cache is not None and not records else None
    places: dict[int, tuple[int, int]] = {}  # chunk start → (offset, length) of its part in the spool
    with gcpause.resumed():  # parsing makes reference cycles (sitegen.gcpause)
        for chunk, (done, part) in iter_chunks(_load_chunk, replace(job, paths=[paths[i] for i in missing]),
                                               len(missing), jobs):
            fresh[chunk.start:chunk.stop] = _unpacked(done, part, cache)
            if part is not None and spool is not None:
                places[chunk.start] = (spool.tell(), len(part))
                spool.write(part)
            del done, part
            progress.advance(len(chunk))
    repeated: dict = {}  # one object per section, tag, author, time zone … (share_repeated)
    for index, outcome in zip(missing, fresh):
        outcomes[index] = outcome
        if outcome.seen is not None:  # the digest a worker read: build_inputs asks for it after this stage
            job.index.adopt(str(paths[index]), config.max_file_bytes, outcome.seen)
        if isinstance(outcome.loaded, Loaded):
            share_repeated(outcome.loaded.article, repeated)
    if cache is not None:
        used = {o.key: o.loaded for o in outcomes if o.key is not None and isinstance(o.loaded, Loaded)}
        with spool if spool is not None else contextlib.nullcontext():
            if used.keys() != records.keys():
                # Nothing came from the last records (a clean build): the parts are these records.
                cache.save_records(used, {loaded.article.body.location[0] for loaded in records.values()},
                                   _spooled(spool, places) if spool is not None else None)
        cache.release_records()  # saved once a build: not kept through the render stage
    loading.previous = records
    for outcome in outcomes:
        if outcome.key is not None:
            loading.keys.add(outcome.key)
            loading.from_cache += outcome.from_cache
        if isinstance(outcome.loaded, Loaded):
            report.extend(outcome.loaded.warnings)
            loading.articles.append(outcome.loaded.article)
            loading.keyed.append((outcome.loaded.article.source, outcome.key, outcome.loaded.article))
        else:
            report.extend(outcome.loaded)
    progress.done()
    return loading


def sign_articles(options: BuildOptions, articles: list[Article], report: Report):
    """The articles with their authors named as ``authors.yaml`` beside the config spells
    them, and the profiles (:mod:`sitegen.authors`); warns of profiles no article names."""
    path = authors_path(options.config)
    profiles, warnings = load_profiles(path)
    report.extend(warnings)
    articles = apply_profiles(articles, profiles)
    report.extend(unused_profiles(profiles, articles, path))
    return articles, profiles


def start_related(site: Site, cache: BuildCache | None, apart: bool = True) -> tuple[dict | str | None, Apart | None]:
    """``(related, making)``: ``related`` is what :func:`sitegen.plan.plan` takes: the last
    build's related articles when their inputs (:func:`sitegen.plan.related_inputs`) are the same (``making``
    is then ``None``), ``None`` without a cache, else :data:`sitegen.plan.RELATED_LATER`: they
    are being made (and kept in ``cache`` for the next build) by ``making``, in a forked process
    when ``apart`` (:class:`sitegen.apart.Apart`; at 10,000 articles ~0.35 s of CPU the main
    process spends on the sitemap, the plan and the redirects meanwhile), and
    ``related_by_url(site, making.result())`` gives them."""
    if cache is None:
        return None, None
    inputs = related_inputs(site)
    kept = cache.value("related")
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == inputs:
        by_url = {article.url: article for article in site.articles}
        try:
            return {url: tuple(by_url[other] for other in others) for url, others in kept[1].items()}, None
        except (KeyError, TypeError, AttributeError):
            pass  # damaged: made again
    return RELATED_LATER, Apart(_related_kept, site, cache, inputs, fork=apart)


def _related_kept(site: Site, cache: BuildCache, inputs: str) -> list[tuple[int, ...]]:
    """:func:`sitegen.plan.related_positions` of ``site``, kept in ``cache`` under ``inputs``."""
    positions = related_positions(site)
    articles = site.articles
    cache.keep("related", (inputs, {article.url: tuple(articles[i].url for i in chosen)
                                    for article, chosen in zip(articles, positions)}))
    return positions


def reuse_sitemap(site: Site, cache: BuildCache | None) -> tuple[SitemapURL, ...] | None:
    """The sitemap's entries of ``site`` (:func:`sitegen.sitemaps.sitemap_urls`): the last
    build's when its code and :func:`sitegen.sitemaps.sitemap_inputs` are this one's (a body
    edit), else made now and kept in ``cache`` for the next build. ``None`` without a cache
    (``plan`` makes them)."""
    if cache is None:
        return None
    inputs = f"{code_fingerprint()} {sitemap_inputs(site)}"
    kept = cache.value("sitemap")
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == inputs:
        try:
            return tuple(SitemapURL(loc, lastmod) for loc, lastmod in kept[1])
        except (TypeError, ValueError):
            pass  # damaged: made again
    entries = sitemap_urls(site)
    cache.keep("sitemap", (inputs, tuple((entry.loc, entry.lastmod) for entry in entries)))
    return entries


def keep_old_urls(site: Site, options: BuildOptions, sources: list[Path], files: list[OutputFile],
                  report: Report, copied: set[str] = frozenset()) -> tuple[list[OutputFile], ledger.Ledger]:
    """The redirect stage: the previous URL ledger plus this build's URLs, and the redirect
    pages and ``_redirects`` for every old URL no planned file and no copied file (``copied``:
    output-relative paths of static, theme and content files) uses (:mod:`sitegen.redirects`).
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
    redirects, warnings = find_redirects(site, after, relative, {f.path for f in files}, set(copied))
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
    """What a render worker needs; ``env`` is compiled once in each process, on first use.
    With ``keys``, each page's render key is made where it was rendered (not in the main process).
    With ``writer``, each page is written where it was rendered (not in the main process),
    unless its bytes may already be in the output: ``placeable`` maps such a page's path to the
    digests of the bytes there (:func:`write_site` then places or writes it)."""

    config: Config
    templates: Path
    site: Site
    files: list[OutputFile]
    images: dict[str, ImageSet]
    site_files: frozenset[str]
    keys: RenderKeys | None = None
    writer: PageWriter | None = None
    placeable: dict[str, tuple[str, ...]] = field(default_factory=dict)
    env: object = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "env": None}  # a Jinja environment does not pickle: rebuilt there


def _render_chunk(job: _RenderJob, indices) -> tuple[list[tuple[bytes | None, str, frozenset[str], str, tuple | None]],
                                                     dict[str, str]]:
    """``([(bytes, digest, site parts read, render key, identity) of each page], site-part
    digests)``: a page written here (``job.writer``) has no bytes but the identity of its file
    (:meth:`~sitegen.writer.PageWriter.write`), any other its bytes and no identity. The
    digests (``{token: digest}``) are those this chunk's keys computed first in this process,
    for the main process to record (:meth:`~sitegen.render_keys.RenderKeys.seed`) when the
    chunk ran in a worker."""
    if job.env is None:
        job.env = make_environment(job.config, job.templates, job.images, job.site_files)
    out = []
    known = job.keys.count() if job.keys is not None else 0
    writer, placeable = job.writer, job.placeable
    for i in indices:
        used: set[str] = set()
        file = job.files[i]
        data = render_file(job.env, job.site, file, used)
        key = job.keys.page_key(file.path, file.template, file.context, used) if job.keys is not None else ""
        data_digest = digest(data)
        if writer is not None and data_digest not in placeable.get(file.path, ()):
            out.append((None, data_digest, frozenset(used), key, writer.write(file.path, data)))
        else:
            out.append((data, data_digest, frozenset(used), key, None))
    return out, (job.keys.found_since(known) if job.keys is not None else {})


def render_order(files: list[OutputFile]) -> list[OutputFile]:
    """``files`` ordered by the date of the article each shows first (an article page's own,
    a list page's first item), newest first, then the rest in their order: the pages near one
    another in time list mostly the same articles, so each process's recent cards
    (:data:`sitegen.render.CARD_CACHE_SIZE`) are the ones its next pages show."""
    def newest(file: OutputFile) -> float:
        article = file.context.get("article")
        if article is None:
            items = getattr(file.context.get("pager"), "items", None)
            article = items[0] if items else None
        date = getattr(article, "date", None)
        return -date.timestamp() if date is not None else math.inf

    return sorted(files, key=newest)


def render_all(site: Site, files: list[OutputFile], templates: Path, jobs: int = 1,
               progress: Progress = Progress(), images: dict[str, ImageSet] | None = None,
               site_files: frozenset[str] | None = None, keys: RenderKeys | None = None,
               writer: PageWriter | None = None, placeable: dict[str, tuple[str, ...]] | None = None):
    """``(file, bytes, digest, site parts read, render key, identity)`` for every file in
    ``files``, in an order of their own (:func:`render_order`, chunks as they are done),
    rendered by ``jobs`` processes as the caller consumes them (a few chunks of pages in memory
    at a time); ``images`` are the content images with their resized copies
    (:mod:`sitegen.images`), ``site_files`` the site paths of every file the output will hold
    besides the pages; the render key is ``keys.page_key`` of the page (``""`` without
    ``keys``). With ``writer`` the process that rendered a page writes it
    (:meth:`~sitegen.writer.PageWriter.write`): its bytes are then ``None`` and its identity
    the file's ``(inode, size, mtime_ns, ctime_ns)``; but a page whose digest ``placeable``
    lists for its path comes back as bytes (identity ``None``), as every page does without
    ``writer``. Raises :class:`SitegenError` (``template``) on the first template error,
    ``OSError`` when a page cannot be written."""
    progress.stage("render", len(files))
    files = render_order(files)
    job = _RenderJob(site.config, templates, site, files, images or {}, site_files, keys, writer, placeable or {})
    for chunk, (rendered, tokens) in iter_chunks(_render_chunk, job, len(files), jobs):
        if keys is not None:  # a worker's digests of site parts (the next build's seeds)
            keys.seed(tokens)
        for i, (data, data_digest, used, key, identity) in zip(chunk, rendered):
            yield files[i], data, data_digest, used, key, identity
        del rendered  # the chunk's pages are written: not held while the next one is made
        progress.advance(len(chunk))
    progress.done()


def render_salt(options: BuildOptions, site: Site, images: dict[str, ImageSet], site_files: frozenset[str]) -> str:
    """The build-wide part of every render key (:mod:`sitegen.render_keys`): code, library
    versions, config, the build's year, every template, the content images' sets and the
    other files of the site (templates may ask whether one exists)."""
    return digest("\n".join((
        code_fingerprint(), library_versions(), repr(site.config), str(build_year(site)),
        template_fingerprint((options.project / "templates", theme_dir("templates"))),
        RenderKeys(site, "").value(images), RenderKeys(site, "").value(sorted(site_files)),
    )).encode("utf-8", "surrogateescape"))


@dataclass(frozen=True)
class PageInputs:
    """What decides whether a page keeps the last build's render key unrendered and unkeyed
    (:mod:`sitegen.page_reuse`): the ``loading``, the publishing options as text
    (``options_part``), the build's clock window ``(clock, events, exact)``
    (:func:`sitegen.unchanged.clock_events`) and the ``redirects``' paths (never reused: the
    URL ledger makes them)."""

    loading: Loading
    options_part: str
    window: tuple[datetime, tuple[datetime, ...], bool]
    redirects: frozenset[str]


def page_reuse_for(last, salt: str, site: Site, pages: PageInputs) -> tuple[page_reuse.Reuse, page_reuse.State]:
    """The :class:`~sitegen.page_reuse.Reuse` of this build against the ``last`` build's
    recorded state (anything else than a :class:`~sitegen.page_reuse.State`: none), and the
    state this build records."""
    last = last if isinstance(last, page_reuse.State) else None
    keyed = pages.loading.keyed
    # Under another salt (code, config, templates …) nothing is reused: the articles' meta keys
    # start afresh instead of each changed record being compared with its last one.
    metas, changed = page_reuse.meta_keys(keyed, last if last is not None and last.salt == salt else None,
                                          pages.loading.previous)
    structure = page_reuse.structure(pages.options_part, site.profiles, metas)
    clock, events, exact = pages.window
    clock, events = clock.timestamp(), tuple(event.timestamp() for event in events)
    state = page_reuse.State(salt, structure, clock, events, exact,
                             {source: (key, meta) for (source, key, _), (_, meta) in zip(keyed, metas)})
    return page_reuse.Reuse(site, last, salt, structure, clock, changed), state


def write_site(options: BuildOptions, site: Site, files: list[OutputFile], jobs: int, progress: Progress,
               cache: BuildCache | None, report: Report, assets: list[tuple[Path, str]], images,
               site_files: frozenset[str], pages: PageInputs | None = None,
               indexing: SearchRun | None = None) -> tuple[int, StagedOutput, bool]:
    """The render and write stages: static files, content assets and every planned file into a
    staging folder that replaces the output when complete (:class:`~sitegen.writer.StagedOutput`).

    With a cache, the staging folder starts as the spare tree (the site before the previous
    one) and the output manifest says what both trees hold. A page whose render key
    (:mod:`sitegen.render_keys`) is the one recorded for the live site is not rendered; a page
    whose bytes are already in the spare tree stays as it is; one whose bytes are in the live
    site is linked from there (:meth:`~sitegen.writer.StagedOutput.keep`); only the rest is
    written. With ``pages``, a page that :mod:`sitegen.page_reuse` shows to have the last
    key is not even keyed. The manifest of this build is saved once the new site is in place.
    ``assets`` are the files copied as they are (``(file, site path)``: the theme's and the
    site's ``static/`` files, then the content's; a later one of the same path wins), ``images``
    the prepared image sets and resized copies (:func:`sitegen.images.prepare_images`),
    ``site_files`` the site paths of the non-page files. ``indexing``: the search stage
    (:class:`~sitegen.search_run.SearchRun`) started without a staging folder, told it here;
    one is started here when ``None``.
    Returns the number of pages taken over without rendering, the committed
    :class:`~sitegen.writer.StagedOutput` (what the output now holds) and whether a page read
    ``site.build_time`` (its bytes may then change with any clock).
    """
    recorded = cache.manifest(options.output) if cache is not None else {}
    live, spare = recorded.get("live", {}), recorded.get("spare", {})
    keys = RenderKeys(site, render_salt(options, site, images.images, site_files)) if cache is not None else None
    reuse = state = None
    if keys is not None and pages is not None:
        reuse, state = page_reuse_for(recorded.get("state"), keys.salt, site, pages)
        keys.seed(reuse.known_tokens())
    written: dict[str, Written] = {}
    shared_used: dict[frozenset[str], frozenset[str]] = {}
    reused = 0
    spare_folder = cache.spare_folder(options.output) if cache is not None else None
    with StagedOutput(options.output, spare_folder, recorded.get("folders"), recorded.get("marker"),
                      recorded.get("spare_folders"), recorded.get("spare_marker")) as out:  # an error inside drops the staging folder
        report.extend(out.warnings)
        if not out.reused_spare:
            spare = {}

        def place(path: str, data_digest: str) -> Written | None:
            """Put the known bytes ``data_digest`` at ``path`` without writing; the record of
            the file that is there then, or ``None`` when it must be written."""
            for record, take in ((spare.get(path), out.reuse_staged), (live.get(path), out.keep)):
                if isinstance(record, Written) and record.digest == data_digest and take(path, record.identity):
                    return record
            return None

        copy_assets(out, assets, report)
        for copy, path in images.copies:
            out.copy_file(copy, path)
        to_render = []
        for file in files:
            before = live.get(file.path)
            if (keys is not None and isinstance(before, Written)
                    and ((reuse is not None and file.path not in pages.redirects
                          and reuse.same_key(file.context, before.used))
                         or before.render_key == keys.page_key(file.path, file.template, file.context, before.used))
                    and place(file.path, before.digest)):
                written[file.path] = Written(before.digest, out.identity(file.path), before.render_key,
                                             shared_used.setdefault(before.used, before.used))
                reused += 1
            else:
                to_render.append(file)
        templates = options.project / "templates"
        compiled = _kept_templates(cache) if cache is not None and to_render else None
        out.folder(BUNDLE_DIR)
        out.folder(TEXT_DIR)
        previous = None if options.clean else options.output
        # The search index is made beside the render stage (sitegen.search_run: a forked process
        # or a thread; Pagefind in its own process): it writes only under search/pagefind/ and
        # search/text/.
        if indexing is None:
            indexing = SearchRun(site, out.stage, previous)
        else:  # started by _build once the site was collected
            indexing.staged(out.stage)
        with indexing:
            # The pages are written where they are rendered, but for those whose bytes the
            # output may hold already (by digest): they come back to be placed (or written) here.
            placeable: dict[str, tuple[str, ...]] = {}
            for file in to_render:
                found = tuple(record.digest for record in (spare.get(file.path), live.get(file.path))
                              if isinstance(record, Written))
                if found:
                    placeable[file.path] = found
            rendered = render_all(site, to_render, templates, jobs, progress, images.images, site_files, keys,
                                  out.pages, placeable)
            with gcpause.resumed():  # rendering makes reference cycles (sitegen.gcpause)
                for file, data, data_digest, used, key, identity in rendered:
                    used = shared_used.setdefault(used, used)  # one object per set in the manifest's pickle
                    indexing.rendering()
                    if data is None:
                        out.written_elsewhere(file.path, identity)
                    elif not place(file.path, data_digest):
                        out.write(file.path, data)
                    written[file.path] = Written(data_digest, out.identity(file.path), key, used)
            report.extend(indexing.result())
        out.adopt(BUNDLE_DIR)
        out.adopt(TEXT_DIR)
        out.commit()
    if compiled is not None and compiled[1].keys() != compiled_templates().keys():
        cache.keep("templates", (compiled[0], compiled_templates()))
    if cache is not None:
        if state is not None:
            state = replace(state, tokens=keys.tokens)
        # The spare tree is the site the last manifest called live: its parts are carried as
        # they were read (the same values as recorded["live"], ["folders"] and ["marker"]).
        cache.save_manifest(options.output, {"live": written, "state": state, "folders": out.known, "marker": out.marker},
                            carried={"spare": "live", "spare_folders": "folders", "spare_marker": "marker"})
    return reused, out, any("build_time" in record.used for record in written.values())


def _kept_templates(cache: BuildCache) -> tuple[str, dict[str, bytes]]:
    """Give this process the compiled templates kept in ``cache`` by a build of the same code
    and libraries (compiling them is most of rendering a few pages); ``(that salt, what this
    process holds now)``, for :func:`write_site` to keep what it compiled besides."""
    salt = f"{code_fingerprint()} {library_versions()}"
    kept = cache.value("templates")
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == salt:
        add_compiled_templates(kept[1])
    return salt, compiled_templates()


def build_inputs(options: BuildOptions, config: Config, sources: list[Path], index: SourceIndex,
                 assets: list[Path] | None = None) -> str:
    """The digest of everything a site's bytes depend on besides the clock and the URL ledger
    (see :mod:`sitegen.unchanged`): sitegen's code, the output libraries' and Pagefind's
    versions, the options, the config, ``authors.yaml``, the templates, the static files and the
    name and bytes of every content file and asset (``sources`` and the assets under the
    content folder, ``assets`` when given; bytes through ``index``, so unchanged files are only
    stat'ed, and a content file that ``index`` digested earlier in this build or took from the
    process that loaded it (:meth:`~sitegen.signatures.SourceIndex.adopt`) is not looked at again:
    the inputs are what the articles were loaded from)."""
    pagefind = pagefind_executable()
    if assets is None:
        assets = content_files(options.content, ASSET_SUFFIXES, Report())
    parts = [code_fingerprint(), library_versions(), repr(config),
             repr(replace(options, build_time=None, jobs=None, clean=False)),  # the same site for these
             f"pagefind {pagefind} {pagefind and index.file_digest(str(pagefind))}",
             f"authors {index.file_digest(str(authors_path(options.config)))}",
             template_fingerprint((options.project / "templates", theme_dir("templates"))),
             template_fingerprint((theme_dir("static"), options.project / "static"))]
    parts += (f"{path}\0{index.given_digest(str(path), config.max_file_bytes)}" for path in sources)
    parts += (f"{path}\0{index.file_digest(str(path))}" for path in assets)
    return digest("\n".join(parts).encode("utf-8", "surrogateescape"))


def _ledger_digest(options: BuildOptions) -> str:
    try:
        return digest((options.ledger or ledger.ledger_path(options.config)).read_bytes())
    except OSError:
        return "-"


def _unchanged_result(options: BuildOptions, cache: BuildCache, inputs: str, clock: datetime,
                      result: BuildResult) -> bool:
    """Fill ``result`` from the last build's snapshot and say ``True`` when nothing it depends
    on changed (:mod:`sitegen.unchanged`): a rebuild would write the same site."""
    snapshot = unchanged.load(unchanged.snapshot_path(cache.folder, options.output), inputs)
    if (snapshot is None or snapshot.inputs != inputs or not unchanged.clock_allows(snapshot, clock)
            or snapshot.ledger != _ledger_digest(options)):
        return False
    with OutputLock(options.output) as lock:  # no build is writing it while we look
        if lock.entries() or not unchanged.output_unchanged(options.output, snapshot.output):
            return False
    result.report = Report()  # the last build's diagnostics hold this one's (config, content folder) already
    result.report.extend(list(snapshot.diagnostics))
    result.files, result.articles, result.cached = snapshot.counts
    result.pages_reused = result.files
    return True


def _record_unchanged(options: BuildOptions, cache: BuildCache, inputs: str, clock: datetime,
                      window: tuple[tuple[datetime, ...], bool], loading: Loading, out: StagedOutput,
                      reads_clock: bool, result: BuildResult) -> None:
    """Save the snapshot of a complete build for the next one's fast path; ``window`` is
    :func:`sitegen.unchanged.clock_events` of the build; ``reads_clock``: a page read
    ``site.build_time``, so only the same clock gives the same site."""
    identities = unchanged.output_identities(options.output, out.files, out.carried, out.stats)
    path = unchanged.snapshot_path(cache.folder, options.output)
    if identities is None:  # changed under us already: no fast path next time
        path.unlink(missing_ok=True)
        return
    events, exact = window
    exact = exact or reads_clock
    diagnostics = tuple(d for d in result.report.diagnostics if not d.code.startswith("cache-"))
    unchanged.save(path, unchanged.Snapshot(inputs, _ledger_digest(options), clock, events, exact, identities,
                                            (result.files, result.articles, len(loading.keys)), diagnostics))


def build(options: BuildOptions, progress: Progress = Progress()) -> BuildResult:
    """Build the site. Never raises for bad input: problems land in ``result.report``
    and ``result.exit_code`` (0 built, 1 built with files skipped, 2 nothing written).
    ``progress`` hears about each stage as it goes."""
    started = time.monotonic()
    frozen_already = gc.get_freeze_count() > 0
    try:
        with gcpause.session():
            result = _build(options, progress)
    finally:
        if not frozen_already:
            gc.unfreeze()  # the site's records, frozen once collected (_build), are garbage now
    result.seconds = time.monotonic() - started
    return result


def _build(options: BuildOptions, progress: Progress) -> BuildResult:
    result = BuildResult()
    jobs = options.jobs or default_jobs()
    report = result.report
    cache = None
    indexing = None
    making = None
    # The build's own records (paths, digests, articles, planned files, manifest entries) hold
    # no reference cycles: the cyclic collector is paused (sitegen.gcpause), on only where
    # articles are parsed and pages rendered, and while a search process is forked.
    gcpause.pause()
    try:
        config, warnings = load_config(options.config, options.base_url, options.config_required)
        report.extend(warnings)
        if not options.content.is_dir():
            raise SitegenError(Diagnostic(path=str(options.content), code="content-dir",
                                          message="content folder not found", hint="pass --content DIR"))
        if options.write:
            check_output_dir(options.output, options.content, options.project, marker=False)
        if options.write:  # `check` writes nothing, not even a cache
            cache, warnings = BuildCache.open(cache_folder(options.output), digest(
                f"{code_fingerprint()}\n{config!r}".encode("utf-8", "surrogateescape")), options.clean)
            report.extend(warnings)
        index = SourceIndex.load(cache.folder / SOURCE_INDEX) if cache is not None else SourceIndex()
        clock = build_clock(options)
        sources, asset_files, assets_report = sources_and_assets(options.content, report)
        if not sources:
            report.add(Diagnostic(path=str(options.content), code="no-articles", severity=Severity.WARNING,
                                     message="the content folder holds no article (.md or .txt file); "
                                             "the site is built without articles",
                                     hint="add articles to it, or pass the right folder with --content"))
        # A clean build has no last build to match: its content files are digested where they
        # are loaded (both cores; the load stage hands the digests back) and the inputs after.
        early = cache is not None and not options.clean
        inputs = build_inputs(options, config, sources, index, asset_files) if early else ""
        if early and _unchanged_result(options, cache, inputs, clock, result):
            result.exit_code = EXIT_SKIPPED if result.report.errors else EXIT_OK
            return result
        if options.write:
            verify_marker(options.output, listed=False)  # in full once the output is locked
        loading = load_all(sources, config, report, jobs, progress, cache, index)
        if cache is not None and options.clean:
            inputs = build_inputs(options, config, sources, index, asset_files)
        articles, profiles = sign_articles(options, loading.articles, report)
        site = collect(articles, config, clock, options.drafts, options.future)
        site = replace(site, profiles=profiles)
        # The articles and the site live to the end of the build: out of the cyclic garbage
        # collector's sight, which walked them at each full collection (~20% of a one-edit
        # rebuild's CPU at 10,000 articles) while it runs (rendering).
        gc.freeze()
        if options.write:  # the search index's entries are made while the pages are planned
            with gcpause.resumed():  # a search process forked here collects its own garbage
                indexing = SearchRun(site, None, None if options.clean else options.output)
        # The related articles are made apart (a forked process) while this one plans the rest.
        related, making = start_related(site, cache, apart=jobs > 1)
        files = plan(site, related, reuse_sitemap(site, cache))
        assets = usable_assets(options.content, report, config, (asset_files, assets_report))
        image_cache = options.output.absolute().parent / IMAGE_CACHE if options.write else None
        images = prepare_images(assets, config.image_widths, image_cache, reuse=not options.clean)
        report.extend(images.warnings)
        site_statics = static_files(options.project / "static", report)
        statics = static_files(theme_dir("static"), report) + site_statics
        report.extend(shadowed_statics(site_statics, assets))
        site_files = frozenset(path for _, path in statics + assets)
        copied = {path.lstrip("/") for path in site_files} | {path for _, path in images.copies}
        redirects, urls_after = keep_old_urls(site, options, sources, files, report, copied)
        files += redirects
        events, exact = unchanged.clock_events(loading.articles, config.breaking_hours, clock, config.timezone)
        pages = PageInputs(loading, f"drafts={options.drafts} future={options.future}", (clock, events, exact),
                           frozenset(file.path for file in redirects))
        report.extend(share_image_warnings(site.articles, site_files))
        report.extend(missing_site_files(config, site_files))
        # What only the load and redirect stages read is let go before the render stage forks its
        # workers (a forked worker's resident size starts as this process's: each MiB held here
        # is counted twice in the build's memory): the content walk's paths, and the source
        # index, saved now (its entries are facts about the files, true whether or not this
        # build completes).
        del sources, asset_files
        if cache is not None:
            index.save(cache.folder / SOURCE_INDEX)
        index = None
        if making is not None:
            add_related(files, related_by_url(site, making.result()))
            making = None
        if options.write:
            result.pages_reused, out, reads_clock = write_site(options, site, files, jobs, progress, cache, report,
                                                               statics + assets, images, site_files, pages,
                                                               indexing)
            if options.record_urls:
                record_urls(options, urls_after, report)
            if cache is not None:
                report.extend(cache.warnings)
                result.files, result.articles = len(files), len(site.articles)
                _record_unchanged(options, cache, inputs, clock, (events, exact), loading, out, reads_clock, result)
        else:
            with gcpause.resumed():
                for _ in render_all(site, files, options.project / "templates", jobs, progress, images.images,
                                    site_files):
                    pass
        result.cached = loading.from_cache
        result.files, result.articles = len(files), len(site.articles)
    except SitegenError as exc:
        report.extend(exc.diagnostics)
        result.exit_code = EXIT_NOTHING_WRITTEN
    except BodyUnreadable as exc:  # a body file went missing from the cache since the load stage
        report.add(Diagnostic(path=str(cache.folder if cache is not None else options.output), code="cache-corrupt",
                              message=f"{exc}; nothing written", hint="build again: the cache's articles are loaded anew"))
        if cache is not None:
            cache.forget_records()
        result.exit_code = EXIT_NOTHING_WRITTEN
    except OSError as exc:  # disk full, permissions, output path blocked by a file …
        report.add(Diagnostic(path=str(exc.filename or options.output), code="write-failed",
                              message=exc.strerror or str(exc),
                              hint="check the output folder and free disk space; the previous output is untouched"))
        result.exit_code = EXIT_NOTHING_WRITTEN
    finally:
        if indexing is not None:  # an error before the render stage: the indexing process ends
            indexing.__exit__(None, None, None)
        if making is not None:  # an error before the related articles were taken: the process ends
            making.close()
    if result.exit_code == EXIT_NOTHING_WRITTEN:
        if cache is not None:
            cache.abandon()
        return result
    result.exit_code = EXIT_SKIPPED if report.errors else EXIT_OK
    return result
