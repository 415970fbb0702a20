"""The render and write stages together: the static files, content assets and every planned
page into a staging folder that replaces the output when complete (:func:`write_site`), with
the pages whose render keys or bytes the output already holds taken over unrendered."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any, Callable

from sitegen import gcpause, page_reuse, unchanged
from sitegen.apart import Apart
from sitegen.cache import BuildCache, Written, code_fingerprint, write_failed
from sitegen.digests import digest
from sitegen.errors import Diagnostic, InterruptedAfterPublishing, Report
from sitegen.feeds import enclosure_lengths
from sitegen.fingerprints import library_versions
from sitegen.index_check import start_index_check
from sitegen.ledger import ledger_file
from sitegen.loading import Loading
from sitegen.model import OutputFile, Site
from sitegen.progress import Progress
from sitegen.redirects import spare_foreign
from sitegen.render import add_compiled_templates, compiled_templates
from sitegen.render_keys import RenderKeys
from sitegen.rendering import render_all, render_salt
from sitegen.search import BUNDLE_DIR, TEXT_DIR
from sitegen.search_run import SearchRun
from sitegen.sources import copy_assets
from sitegen.writer import StagedOutput

#: A :class:`sitegen.pipeline.BuildOptions` (typed loosely: that module is above this one).
Options = Any


@dataclass(frozen=True)
class PageInputs:
    """What decides whether a page keeps the last build's render key unrendered and unkeyed
    (:mod:`sitegen.page_reuse`): the ``loading``, the publishing options as text
    (``options_part``), the build's clock window ``(clock, events, exact)``
    (:func:`sitegen.unchanged.clock_events`) and the ``redirects``' paths (never reused: the
    URL ledger makes them); ``shape``: the site's :class:`~sitegen.page_reuse.Shape`, when made
    already (against the state :func:`page_reuse_for` is given, it is taken as it is);
    ``cache_salt``: the build cache's salt, recorded in the state; ``feed_ids``: the feeds'
    entry ids that are not the entry's URL, ``(URL, id)`` sorted
    (:func:`sitegen.url_history.feed_ids`), read from the URL ledger, not the articles."""

    loading: Loading
    options_part: str
    window: tuple[datetime, tuple[datetime, ...], bool]
    redirects: frozenset[str]
    shape: page_reuse.Shape | None = None
    cache_salt: str = ""
    feed_ids: tuple[tuple[str, str], ...] = ()


def page_reuse_for(last, salt: str, site: Site, pages: PageInputs) -> tuple[page_reuse.Reuse, page_reuse.State]:
    """The :class:`~sitegen.page_reuse.Reuse` of this build against the ``last`` build's
    recorded state (anything else than a :class:`~sitegen.page_reuse.State`: none), and the
    state this build records."""
    last = last if isinstance(last, page_reuse.State) else None
    keyed = pages.loading.keyed
    # Under another salt (code, config, templates …) nothing is reused: the articles' meta keys
    # start afresh instead of each changed record being compared with its last one.
    against = last if last is not None and last.salt == salt else None
    shape = pages.shape
    if shape is None or shape.against is not against:
        shape = page_reuse.shape(keyed, against, pages.loading.previous, pages.options_part, site, pages.cache_salt)
    metas, changed, structure = shape.metas, shape.changed, shape.digest
    clock, events, exact = pages.window
    clock = unchanged.micros(clock)
    state = page_reuse.State(salt, structure, clock, events, exact,
                             {source: (key, meta) for (source, key, _), (_, meta) in zip(keyed, metas)},
                             cache_salt=pages.cache_salt)
    return page_reuse.Reuse(site, last, salt, structure, clock, changed), state


def staged_output(options: Options, cache: BuildCache | None, recorded: dict, apart: bool = False) -> StagedOutput:
    """The :class:`~sitegen.writer.StagedOutput` (not entered) that replaces ``options.output``:
    with a cache, started from the spare tree as ``recorded`` (the output manifest,
    :meth:`~sitegen.cache.BuildCache.manifest`) describes it and the last output; ``apart``: its
    entering walks, and the look at the spare tree's files, made in a forked process (see there)."""
    spare_folder = cache.spare_folder(options.output) if cache is not None else None
    spare = recorded.get("spare", {})
    spare_files = ((path, record.identity) for path, record in spare.items() if isinstance(record, Written))
    return StagedOutput(options.output, spare_folder, recorded.get("folders"), recorded.get("marker"),
                        recorded.get("spare_folders"), recorded.get("spare_marker"), apart=apart,
                        spare_files=spare_files)


def hand_over_index_folders(out: StagedOutput, indexing: SearchRun, options: Options, cache: BuildCache | None,
                            index_check: Apart | None = None) -> None:
    """Make the search index's folders in the entered staging folder ``out`` and tell the search
    stage ``indexing`` to write there (:meth:`~sitegen.search_run.SearchRun.staged`), with what
    ``index_check`` (:func:`start_index_check`, made here when ``None``) found of the last
    output's index. A file or link in the folders' way (``search/`` itself too) is cleared first
    (``output-foreign-dropped``, in ``out.warnings``), before a page (``search/index.html``) is
    placed under them. Called as soon as the staging folder's walks are done: at 10,000
    articles an edit's search stage runs ~0.19 s from here and was what the build waited for
    at the end of its page loop."""
    out.make_way((f"{BUNDLE_DIR}/-", f"{TEXT_DIR}/-"))
    out.folder(BUNDLE_DIR)
    out.folder(TEXT_DIR)
    if index_check is None:
        index_check = start_index_check(options, cache, fork=False)
    if index_check is None:
        indexing.staged(out.stage)
    else:
        # The last output's index files not as the last build left them (by hand) are not reused.
        indexing.staged(out.stage, *index_check.result())


def write_site(options: Options, site: Site, files: list[OutputFile], jobs: int, progress: Progress,
               cache: BuildCache | None, report: Report, assets: list[tuple[Path, str]], images,
               site_files: frozenset[str], pages: PageInputs | None = None,
               indexing: SearchRun | None = None, staged: StagedOutput | None = None,
               recorded: dict | None = None, meanwhile: Callable[[], Any] | None = None,
               index_check: Apart | None = None) -> tuple[int, StagedOutput, bool, Apart | None]:
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
    one is started here when ``None``. ``recorded``: the output manifest, when read already;
    ``staged``: the output already entered (by the caller, who leaves it: :func:`staged_output`)
    from it; else both are made here. ``meanwhile``: the caller's work to do once the pages are
    rendered, before the search index is waited for (what it saves once the new site is in
    place, made ready while the index is finished apart: at 10,000 articles an edit's page loop
    ends ~60 ms before its index does); not done when the index is not being made then
    (:attr:`~sitegen.search_run.SearchRun.busy`): the caller then does it once the site is in
    place, while the output manifest is saved apart, not before the site is. ``index_check``: :func:`start_index_check`, when the
    caller started it (else it is made here, when the search stage is told the staging folder).
    A redirect page (and its ``_redirects`` line) that would replace a file carried over for
    others is removed from ``files`` (:func:`sitegen.redirects.spare_foreign`, warned).
    Returns the number of pages taken over without rendering, the committed
    :class:`~sitegen.writer.StagedOutput` (what the output now holds), whether a page read
    ``site.build_time`` (its bytes may then change with any clock) and, with a cache, the save
    of the manifest going on apart (:func:`save_manifest` in an :class:`~sitegen.apart.Apart`:
    its result is the warnings to report).
    """
    if recorded is None:
        recorded = cache.manifest(options.output) if cache is not None else {}
    live, spare = recorded.get("live", {}), recorded.get("spare", {})
    keys = RenderKeys(site, render_salt(options, site, images.images, site_files)) if cache is not None else None
    reuse = state = None
    if keys is not None and pages is not None:
        keys.note_loaded((article, key) for _, key, article in pages.loading.keyed if key is not None)
        # A feed is taken over unkeyed when none of its entries' articles changed (page_reuse),
        # which says nothing of the sizes of the files they enclose, read from outside the
        # articles, nor of its entries' ids, read from the URL ledger (a ledger restored from
        # version control changes them alone): under other sizes or ids, every page is keyed
        # (the feeds' keys hold them).
        reuse_salt = digest(f"{keys.salt}\0{enclosure_lengths(files)!r}\0{pages.feed_ids!r}"
                            .encode("utf-8", "surrogateescape"))
        reuse, state = page_reuse_for(recorded.get("state"), reuse_salt, site, pages)
        keys.seed(reuse.known_tokens())
    written: dict[str, Written] = {}
    shared_used: dict[frozenset[str], frozenset[str]] = {}
    reused = 0
    # An error inside drops the staging folder (one entered by the caller, when the caller leaves it).
    if indexing is None:  # else started by sitegen.pipeline._build once the site was collected
        indexing = SearchRun(site, None, None if options.clean else options.output)
    # The search index is made beside the page loop and the render stage (sitegen.search_run: a
    # forked process, or a thread once the render workers are forked; Pagefind in its own
    # process): it writes only under search/pagefind/ and search/text/. Left first, a process
    # it forked ends before the staging folder goes.
    with nullcontext(staged) if staged is not None else staged_output(options, cache, recorded) as out, indexing:
        if not indexing.told:  # else told by sitegen.pipeline._build as soon as it could
            hand_over_index_folders(out, indexing, options, cache, index_check)
        # A redirect page never replaces a file someone put into the output (carried over): the
        # redirect is dropped. Someone's file in place of a folder the site writes into is not carried over.
        if out.carries_foreign:
            report.extend(spare_foreign(files, out.foreign_at, site.config.base_path,
                                        str(ledger_file(options))))
        out.make_way(chain((file.path for file in files), (path.lstrip("/") for _, path in assets),
                           (path for _, path in images.copies)))
        report.extend(out.warnings)
        if not out.reused_spare:
            spare = {}

        def place(path: str, data_digest: str) -> Written | None:
            """Put the known bytes ``data_digest`` at ``path`` without writing; the record of
            the file that is there then, or ``None`` when it must be written. A record's
            identity holds the file's ctime: a page the last build linked from the live site
            is no longer as the spare tree's record says (a link changes the ctime) but still
            the live record's very file, which the spare tree holds too (the same inode)."""
            # Called for each of ~15,000 pages of an edit: plain tests, no generator (~0.8 µs a call).
            record = spare.get(path)
            if isinstance(record, Written) and record.digest == data_digest and out.reuse_staged(path, record.identity):
                return record
            last = live.get(path)
            if not (isinstance(last, Written) and last.digest == data_digest):
                return None
            return last if out.reuse_staged(path, last.identity) or out.keep(path, last.identity) else None

        copy_assets(out, assets, report)
        for copy, path in images.copies:
            out.copy_file(copy, path)
        known_warnings = len(out.warnings)
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
        if meanwhile is not None and indexing.busy:
            meanwhile()
        report.extend(indexing.result())
        for folder in (BUNDLE_DIR, TEXT_DIR):
            if not out.adopt_block(folder, indexing.packed(folder), indexing.swept(folder)):
                out.adopt(folder, indexing.listed(folder), indexing.swept(folder))
        report.extend(out.warnings[known_warnings:])  # what adopting the index's files found
        out.commit()
    # The new site is in place: a cache file not saved from here on is a warning (BuildCache.saving).
    try:
        held = compiled_templates() if compiled is not None else None
        if held is not None and compiled[1] != held:
            with cache.saving(cache.folder / "value-templates"):
                cache.keep("templates", (compiled[0], held))
        saving = None
        if cache is not None:
            if state is not None:
                state = replace(state, tokens=keys.tokens)
            # After an edit, saved in a forked process while the caller saves the URL ledger and
            # the snapshot (at 10,000 articles ~40 ms of pickling and writing beside theirs).
            # Not after a whole build: there the fork's copied pages (~25 MiB) would be the
            # build's peak memory, for 40 ms of its ~10 s.
            saving = Apart(save_manifest, cache, options.output, {"live": written, "state": state,
                                                                  "folders": out.known, "marker": out.marker},
                           fork=jobs > 1 and reused > 0)
    except KeyboardInterrupt:
        raise InterruptedAfterPublishing from None
    return reused, out, any("build_time" in record.used for record in written.values()), saving


def save_manifest(cache: BuildCache, output: Path, manifest: dict) -> list[Diagnostic]:
    """Save ``manifest``, the output manifest of a build into ``output`` now in place: the
    spare tree is the site the last manifest called live, so its parts are carried as they were
    read (the same values as ``recorded["live"]``, ``["folders"]`` and ``["marker"]``). Returns
    the ``cache-write-failed`` warning when it could not be saved (else nothing); raises nothing
    else of its own."""
    try:
        cache.save_manifest(output, manifest, carried={"spare": "live", "spare_folders": "folders", "spare_marker": "marker"})
    except OSError as exc:
        return [write_failed(cache.manifest_path(output), exc)]
    return []


def _kept_templates(cache: BuildCache) -> tuple[str, dict[str, bytes]]:
    """Give this process the compiled templates kept in ``cache`` by a build of the same code
    and libraries (compiling them is most of rendering a few pages); ``(that salt, those kept)``,
    for :func:`write_site` to keep them again when this process holds others: ones compiled
    while the load workers loaded (:func:`sitegen.render.compile_templates`) or while
    rendering, or a kept one compiled again because its template was edited (Jinja replaced
    its code: /tmp/attack44b/r3-edited-template-never-rekept.sh)."""
    salt = f"{code_fingerprint()} {library_versions()}"
    kept = cache.value("templates")
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == salt and isinstance(kept[1], dict):
        add_compiled_templates(kept[1])
        return salt, kept[1]
    return salt, {}
