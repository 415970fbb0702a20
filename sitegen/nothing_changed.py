"""The build's side of the nothing-changed fast path (:mod:`sitegen.unchanged`): the digest of
everything a site's bytes depend on (:func:`build_inputs`), the check that the last build's
snapshot still holds (:func:`unchanged_result`), and the snapshot a complete build records
for the next one (:func:`record_unchanged`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from sitegen import ledger, unchanged
from sitegen.apart import Apart
from sitegen.authors import authors_path
from sitegen.cache import BuildCache, ContentKeys, code_fingerprint
from sitegen.digests import digest
from sitegen.config import Config
from sitegen.errors import Report
from sitegen.fingerprints import library_versions, template_fingerprint
from sitegen.index_check import SKIPPED
from sitegen.ledger import ledger_file
from sitegen.loaders import is_raw
from sitegen.output_folder import discard
from sitegen.output_lock import OutputLock
from sitegen.search_pagefind import pagefind_executable
from sitegen.signatures import SourceIndex
from sitegen.sources import ASSET_SUFFIXES, content_files
from sitegen.theme import theme_dir
from sitegen.writer import StagedOutput

#: A :class:`sitegen.pipeline.BuildOptions` (typed loosely: that module is above this one).
Options = Any
#: A :class:`sitegen.pipeline.BuildResult` (typed loosely, as :data:`Options`).
Result = Any


def build_inputs(options: Options, config: Config, sources: list[Path], index: SourceIndex,
                 assets: list[Path] | None = None, found: tuple[str, ...] = ()) -> str:
    """The digest of everything a site's bytes depend on besides the clock and the URL ledger
    (see :mod:`sitegen.unchanged`): sitegen's code, the output libraries' and Pagefind's
    versions, the options, the config, ``authors.yaml``, the templates, the static files and the
    name and bytes of every content file and asset (``sources`` and the assets under the
    content folder, ``assets`` when given; bytes through ``index``, so unchanged files are only
    stat'ed, and a content file that ``index`` digested earlier in this build or took from the
    process that loaded it (:meth:`~sitegen.signatures.SourceIndex.adopt`) is not looked at again:
    the inputs are what the articles were loaded from). ``found``: the diagnostics the build
    found before (the config's, the content walk's: a link that loops or repeats a file, each
    formatted), which no file's bytes show: a build that finds others is not the last one."""
    pagefind = pagefind_executable()
    if assets is None:
        assets = content_files(options.content, ASSET_SUFFIXES, Report())
    parts = [code_fingerprint(), library_versions(), repr(config),
             repr(replace(options, build_time=None, jobs=None, clean=False)),  # the same site for these
             f"pagefind {pagefind} {pagefind and index.file_digest(str(pagefind))}",
             f"authors {index.file_digest(str(authors_path(options.config)))}",
             template_fingerprint((options.project / "templates", theme_dir("templates"))),
             template_fingerprint((theme_dir("static"), options.project / "static"))]
    names = [str(path) for path in sources]
    parts += (f"{name}\0{found}" for name, found in zip(names, index.given_digests(names, config.max_file_bytes)))
    parts += (f"{path}\0{index.file_digest(str(path))}" for path in assets)
    parts.append(f"found {found!r}")
    return digest("\n".join(parts).encode("utf-8", "surrogateescape"))


def found_before(diagnostics) -> tuple[str, ...]:
    """The ``found`` of :func:`build_inputs`: ``diagnostics`` (the config's and the content
    walk's), formatted, but for the cache's own (:func:`_about_cache`: damage repaired now, which
    the next build does not meet; /tmp/attack44b/r1-cache-warning-costs-second-full-build.sh)."""
    return tuple(d.format() for d in diagnostics if not _about_cache(d))


def _about_cache(diagnostic) -> bool:
    """Whether ``diagnostic`` is about the build cache (``cache-…``), not about the site."""
    return diagnostic.code.startswith("cache-")


def _repaired_now(diagnostic, ledger_now: str) -> bool:
    """Whether ``diagnostic`` is about a state the build repaired, which a later build that
    finds nothing changed does not meet, so must not repeat: ``url-ledger-missing`` once the
    build wrote a ledger (``ledger_now``: :func:`_ledger_digest` after it, ``"-"`` for none;
    /tmp/attack46/r20-ledger-missing-warning-replayed.sh). The fast path holds only while the
    ledger is the one recorded, so a ledger deleted again is met by a full build, which warns."""
    return diagnostic.code == ledger.MISSING and ledger_now != "-"


def inputs_and_manifest(options: Options, config: Config, sources: list[Path], index: SourceIndex,
                        assets: list[Path], found: tuple[str, ...], cache: BuildCache, fork: bool = True,
                        meanwhile: Iterable[Callable[[], Any]] = ()) -> tuple[str, dict | None, ContentKeys]:
    """``(build_inputs(…), the last output's manifest, the content files' keys)``. The inputs' digest (a ``stat`` and a
    look-up for every content file: ~65 ms at 10,000 articles) is made in a forked child
    (:class:`~sitegen.apart.Apart`, when ``fork`` and a fork is safe) while this process does
    what a build needs once it finds its site changed, which a build that finds nothing changed
    does not: the caller's ``meanwhile`` steps, in order, then the read of the manifest
    (``cache.manifest(options.output, repair=False)``: ~45 ms, and ~20 ms to import
    :mod:`sitegen.page_reuse`, whose records it holds). Each is begun only while the digest is
    not made: a build that finds nothing changed waits for no more than the step under way, and
    one that goes on does the rest itself. So the manifest is ``None`` when it was not read
    (always without a child: the digest is then made here) or is damaged (read without repair:
    a build that finds nothing changed leaves it as it is, unreported); the caller reads it
    with repair once it builds. What the child found about the files is then taken into
    ``index`` (:meth:`~sitegen.signatures.SourceIndex.adopt_learnt`), so the load stage sees
    each file as the inputs did; the content files' keys (:meth:`~sitegen.cache.BuildCache.content_keys`)
    are made there too, from the digests the inputs hold (~25 ms of the load stage's at 10,000
    articles, made while this process imports). Raises what :meth:`~sitegen.cache.BuildCache.manifest` and
    the steps raise."""
    digesting = Apart(_inputs_learnt, options, config, sources, index, assets, found, cache, fork=fork)
    recorded = None
    try:
        for step in meanwhile:
            if digesting.done():
                break
            step()
        if not digesting.done():
            recorded = cache.manifest(options.output, repair=False)
    except BaseException:  # Ctrl-C too: the child is not waited for
        digesting.close()
        raise
    inputs, learnt, keys = digesting.result()
    index.adopt_learnt(learnt)
    return inputs, recorded, keys


def _inputs_learnt(options: Options, config: Config, sources: list[Path], index: SourceIndex,
                   assets: list[Path], found: tuple[str, ...], cache: BuildCache) -> tuple[str, tuple, ContentKeys]:
    """:func:`build_inputs`, what ``index`` learnt making it and the content files' keys in
    ``cache`` as it saw them (for :func:`inputs_and_manifest`)."""
    inputs = build_inputs(options, config, sources, index, assets, found)
    names = [str(path) for path in sources]
    raw = tuple(i for i, name in enumerate(names) if is_raw(name))
    return inputs, index.learnt(), cache.content_keys(names, index.given_digests(names, config.max_file_bytes), raw)


def _ledger_digest(options: Options) -> str:
    """The digest of the URL ledger's bytes; ``"-"`` when there is none, ``"link"`` when it is
    a symbolic link (which the redirect stage refuses, :func:`sitegen.ledger.read`: a link to
    the very bytes recorded must not pass as unchanged, /tmp/attack46b/r1-symlink-ledger-fastpath.sh)."""
    path = ledger_file(options)
    if path.is_symlink():
        return "link"
    try:
        return digest(path.read_bytes())
    except OSError:
        return "-"


def unchanged_result(options: Options, cache: BuildCache, inputs: str, clock: datetime,
                      result: Result) -> bool:
    """Fill ``result`` from the last build's snapshot and say ``True`` when nothing it depends
    on changed (:mod:`sitegen.unchanged`): a rebuild would write the same site."""
    snapshot = unchanged.load(unchanged.snapshot_path(cache.folder, options.output), inputs, cache.warnings)
    if (snapshot is None or snapshot.inputs != inputs or not unchanged.clock_allows(snapshot, clock)
            or snapshot.ledger != _ledger_digest(options)):
        return False
    with OutputLock(options.output) as lock:  # no build is writing it while we look
        if lock.entries() or not unchanged.output_unchanged(options.output, snapshot.output, snapshot.blocks):
            return False
    # The last build's diagnostics hold this one's (config, content folder) already, but for the
    # cache's own: what opening it found and repaired now (/tmp/attack44b/r1-…), and damaged
    # entries met on the way here (sitegen.cache.read_entry).
    repaired = [d for d in result.report.diagnostics if _about_cache(d)]
    result.report = Report()
    result.report.extend(list(snapshot.diagnostics))
    result.report.extend(repaired)
    result.report.extend(cache.warnings)
    result.files, result.articles, result.cached = snapshot.counts
    result.pages_reused = result.files
    return True


def record_unchanged(options: Options, cache: BuildCache, inputs: str, clock: datetime,
                      window: tuple[tuple[datetime, ...], bool], out: StagedOutput,
                      reads_clock: bool, result: Result) -> None:
    """Save the snapshot of a complete build for the next one's fast path; ``window`` is
    :func:`sitegen.unchanged.clock_events` of the build; ``reads_clock``: a page read
    ``site.build_time``, so only the same clock gives the same site. A build that left no
    search index although Pagefind is installed (it failed, or its process was killed) saves
    none: the next build, changed or not, makes the index again instead of repeating the
    warning (a missing Pagefind is one of the inputs: installing it is a change)."""
    path = unchanged.snapshot_path(cache.folder, options.output)
    if pagefind_executable() is not None and any(d.code == SKIPPED for d in result.report.diagnostics):
        discard(path)
        return
    identities = unchanged.output_identities(options.output, out.files, out.carried, out.stats,
                                             (folder for _, folders in out.blocks for folder in folders))
    if identities is None:  # changed under us already: no fast path next time
        discard(path)
        return
    events, exact = window
    exact = exact or reads_clock
    ledger_now = _ledger_digest(options)  # the ledger this build wrote
    diagnostics = tuple(d for d in result.report.diagnostics
                        if not _about_cache(d) and not _repaired_now(d, ledger_now))
    # The fast path's build takes every published article from the cache: its cached count is theirs
    # (drafts and future-dated files, never built, are no part of it).
    try:
        unchanged.save(path, unchanged.Snapshot(inputs, ledger_now, clock, events, exact, identities,
                                                (result.files, result.articles, result.articles), diagnostics,
                                                tuple(packed for packed, _ in out.blocks)))
    except unchanged.Unrecordable:  # /tmp/attack52/r1: no fast path next time (the site is built)
        discard(path)
