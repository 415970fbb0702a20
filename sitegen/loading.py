"""The load stage: every content file loaded into an article, by worker processes, with the
build cache's records taken unread where a file is unchanged (:func:`load_all`)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, NamedTuple

from sitegen import gcpause
from sitegen.cache import BuildCache, ContentKeys, pack_records, unpack_records
from sitegen.collect import permalink_of
from sitegen.config import Config
from sitegen.errors import Diagnostic, Report, SitegenError
from sitegen.loaders import is_raw
from sitegen.loaders.article import Loaded, load_article
from sitegen.loaders.sitechrome import learn_from_files
from sitegen.model import Article, share_repeated
from sitegen.parallel import iter_chunks
from sitegen.progress import Progress
from sitegen.signatures import SourceIndex


def load_one(path: Path, config: Config, site_chrome: frozenset[str] = frozenset(),
             data: bytes | None = None) -> Loaded | tuple[Diagnostic, ...]:
    """One content file loaded, or the diagnostics that keep it out of the site (a loader
    bug costs that one file: ``internal-error``). ``site_chrome``: see
    :func:`sitegen.loaders.sitechrome.learn_site_chrome`; ``data``: the file's bytes, when
    they were read already (:meth:`sitegen.signatures.SourceIndex.take_read`)."""
    try:
        return load_article(path, str(path), config, site_chrome, data)
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


class _LoadOutcome(NamedTuple):
    """One content file after the load stage: what :func:`load_one` gave (or the cache held),
    its cache ``key`` (``None`` without a cache), whether it came from the cache, and, for a
    file loaded with a cache, what the loading process's source index saw of it before it
    was loaded (:meth:`~sitegen.signatures.SourceIndex.seen`, for the build's own index).
    A named tuple: an edit at 10,000 articles makes one per file (a frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__``)."""

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
    keys, seen, results = [], [], []
    for path in paths:  # each file loaded from the bytes its key digested, when the key read them
        keys.append(_source_key(path, job))
        seen.append(job.index.seen(str(path), job.config.max_file_bytes))  # as the key saw it
        results.append(load_one(path, job.config, job.site_chrome, job.index.take_read(str(path))))
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
        outcomes = [o._replace(loaded=None) if o.key in keyed else o for o in outcomes]
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
    return [o._replace(loaded=keyed[o.key]) if o.loaded is None else o for o in outcomes]


def _given_keys(paths: list[Path], job: _LoadJob, given: ContentKeys | None = None) -> list[str | None]:
    """The :func:`_source_key` of each of ``paths`` as the source index saw the file earlier in
    this build (:meth:`~sitegen.signatures.SourceIndex.given_digest`), in order, from one batch of
    the source index's digests (:meth:`~sitegen.signatures.SourceIndex.given_digests`) and one
    loop (an edit at 10,000 articles asks for every file's key). ``given``: the keys the inputs'
    digest made of ``paths`` (:func:`_usable_keys`), taken as they are but for the raw dumps'."""
    if given is not None:
        keys = list(given.keys)
        raw = [str(paths[i]) for i in given.raw]
        chrome = _chrome_part(job)
        for i, name, data in zip(given.raw, raw, job.index.given_digests(raw, job.config.max_file_bytes)):
            keys[i] = None if data is None else _article_key(job, name, data, chrome)
        return keys
    names = [str(path) for path in paths]
    chrome = _chrome_part(job)
    return [None if data is None else _article_key(job, name, data, chrome)
            for name, data in zip(names, job.index.given_digests(names, job.config.max_file_bytes))]


def _usable_keys(paths: list[Path], given: ContentKeys | None) -> ContentKeys | None:
    """``given`` when it is :class:`~sitegen.cache.ContentKeys` of as many files as ``paths``
    (made of this very list by the inputs' digest), else ``None``."""
    if isinstance(given, ContentKeys) and len(given.keys) == len(paths):
        return given
    return None


def _source_key(path: Path, job: _LoadJob) -> str | None:
    """The cache key of a content file: its bytes, its path, the salt and, for a raw dump, the
    site chrome learnt from all dumps (which loading a dump also reads). ``None`` for a file
    the loader must see to report it (not a regular file, too large, unreadable). The bytes
    are read only when the file's stat signature changed (:class:`~sitegen.signatures.SourceIndex`);
    :func:`_given_keys` gives the keys of files as the index saw them earlier in this build
    (:func:`sitegen.nothing_changed.build_inputs`)."""
    name = str(path)
    data = job.index.file_digest(name, job.config.max_file_bytes)
    return None if data is None else _article_key(job, name, data, _chrome_part(job) if is_raw(name) else b"\0")


def _chrome_part(job: _LoadJob) -> bytes:
    """What a raw dump's key holds of the site chrome (:func:`_article_key`)."""
    return "\n".join(sorted(job.site_chrome)).encode("utf-8", "surrogateescape") + b"\0"


def _article_key(job: _LoadJob, name: str, data: str, chrome: bytes) -> str:
    """The cache key of the content file ``name`` whose bytes digest to ``data``: with the site
    ``chrome`` (:func:`_chrome_part`) when it is a raw dump (:meth:`~sitegen.cache.BuildCache.content_key`)."""
    return job.cache.content_key(name, data, chrome if is_raw(name) else b"\0")


@dataclass
class Loading:
    """What the load stage gives: the articles in content order, how many came from the
    cache unread (and the sources of those articles), the cache keys this build used,
    ``(source, cache key or None, article)`` of each article in content order, the cache's
    records before this build (``{key: Loaded}``), and whether a file was loaded from other
    bytes than the build's inputs digest saw (``inputs_stale``: it changed in between; that
    digest must be made again, of what was loaded, before it is recorded)."""

    articles: list[Article]
    from_cache: int = 0
    cached_sources: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    keyed: list[tuple[str, str | None, Article]] = field(default_factory=list)
    previous: dict = field(default_factory=dict)
    inputs_stale: bool = False


def load_all(paths: list[Path], config: Config, report: Report, jobs: int = 1,
             progress: Progress = Progress(), cache: BuildCache | None = None,
             index: SourceIndex | None = None, meanwhile: Callable[[], Any] | None = None,
             given: ContentKeys | None = None) -> Loading:
    """Every loadable article, in the order of ``paths``; each file that fails is reported and
    skipped. With ``cache``, this process finds every file's key (reading only files whose stat
    signature changed since ``index`` saw them) and takes the articles found under their keys
    in the cache's records (one file); only the others are loaded, by ``jobs`` processes, which
    store their bodies and send back the rest. The articles' bodies stay in the cache (stored
    :class:`~sitegen.model.Body`); the records of this build's articles replace the last ones.
    ``meanwhile``: this process's work while the first chunks are loaded by forked workers
    (:func:`sitegen.parallel.iter_chunks`; not done when none are forked). ``given``: the
    files' keys as the inputs' digest made them of ``paths`` (:class:`~sitegen.cache.ContentKeys`:
    an edit at 10,000 articles then neither digests the keys nor makes each path's text here,
    ~35 ms)."""
    progress.stage("load", len(paths))
    loading = Loading([])
    given = _usable_keys(paths, given)
    # Lines the site's raw dumps repeat are its chrome: learnt once, before the pool starts.
    raw = [paths[i] for i in given.raw] if given is not None else [p for p in paths if is_raw(str(p))]
    site_chrome = learn_from_files(raw, config)
    job = _LoadJob(paths, config, site_chrome, cache, index if index is not None else SourceIndex())
    expected: list[str | None] | None = None  # each file's key as the inputs digest saw it
    outcomes: list[_LoadOutcome | None] = [None] * len(paths)
    records = {}
    if cache is not None:
        records = cache.records()
        # Each file as build_inputs saw it: the inputs digest and the articles agree. One not
        # found is loaded, and its key looked up afresh then (_load_chunk).
        if records or given is not None:  # none (a clean build): nothing to look up, no inputs made yet
            expected = _given_keys(paths, job, given)
        for index, key in enumerate(expected if records else ()):
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
                                               len(missing), jobs, meanwhile):
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
        if expected is not None and outcome.key != expected[index]:  # edited since the inputs' digest
            loading.inputs_stale = True  # (/tmp/attack52/r2: its new bytes built, its old ones recorded)
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
    keys, articles, cached_sources, keyed = loading.keys, loading.articles, loading.cached_sources, loading.keyed
    for loaded, key, from_cache, _ in outcomes:
        if key is not None:
            keys.add(key)
            loading.from_cache += from_cache
        if isinstance(loaded, Loaded):
            if loaded.warnings:
                report.extend(loaded.warnings)
            article = loaded.article
            articles.append(article)
            if from_cache:
                cached_sources.add(article.source)
            keyed.append((article.source, key, article))
        else:
            report.extend(loaded)
    progress.done()
    return loading
