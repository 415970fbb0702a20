"""The order of the stages: load → collect → plan → render → write → search index.

:func:`build` is the whole program on one screen; each stage lives in its own module: the
content walk (:mod:`sitegen.sources`), loading (:mod:`sitegen.loading`), collecting
(:mod:`sitegen.collect`), planning (:mod:`sitegen.plan`, with what it takes from the build
cache: :mod:`sitegen.plan_cache`), the URL history (:mod:`sitegen.url_history`), rendering
and writing (:mod:`sitegen.rendering`, :mod:`sitegen.writing`) and the nothing-changed path
(:mod:`sitegen.nothing_changed`).
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from operator import attrgetter
from pathlib import Path

from sitegen import gcpause, late_imports, quick_exit, unchanged
from sitegen.authors import apply_profiles, authors_path, load_profiles, site_file_in, unused_profiles
from sitegen.cache import BuildCache, cache_folder, code_fingerprint, write_failed
from sitegen.config import load_config, missing_site_files
from sitegen.digests import digest
from sitegen.errors import Diagnostic, InterruptedAfterPublishing, Report, Severity, SitegenError
from sitegen.images import prepare_images, share_image_warnings
from sitegen.index_check import start_index_check
from sitegen.ledger import LastLedger, ledger_file
from sitegen.model import Article, BodyUnreadable
from sitegen.nothing_changed import (build_inputs, found_before, inputs_and_manifest, record_unchanged,
                                     unchanged_result)
from sitegen.output_folder import check_marker, check_output_dir
from sitegen.output_lock import CacheLock
from sitegen.parallel import default_jobs
from sitegen.progress import Progress
from sitegen.signatures import SourceIndex
from sitegen.sources import fitting, pages_win, shadowed_statics, sources_and_assets, static_files, usable_assets
from sitegen.theme import theme_dir
from sitegen.writer import longest_root, stage_name_refusal

EXIT_OK, EXIT_SKIPPED, EXIT_NOTHING_WRITTEN = 0, 1, 2
#: The stat signatures of the input files (:mod:`sitegen.signatures`), in the build cache.
SOURCE_INDEX = "sources"
#: Resized copies of content images, kept between builds beside the output folder (in the build
#: cache: without one, as when a folder of that name is not sitegen's, they are made apart and deleted).
IMAGE_CACHE = Path(".sitegen-cache", "images")


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
    those articles taken from the build cache unread (drafts and future-dated articles left out
    count in neither), ``pages_reused`` of the files taken from the previous site unrendered,
    ``seconds`` of wall time."""

    report: Report = field(default_factory=Report)
    exit_code: int = EXIT_OK
    files: int = 0
    articles: int = 0
    cached: int = 0
    pages_reused: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class BuildInputs:
    """Where a build of ``options`` reads its site from (what ``serve`` watches): ``folders``
    read whole (the content, the project's and the theme's ``templates/`` and ``static/``)
    and single ``files`` (the config, ``authors.yaml`` beside it, the URL ledger), each
    whether it exists or not. Paths as the options give them (relative to the cwd)."""

    folders: tuple[Path, ...]
    files: tuple[Path, ...]


def build_inputs_of(options: BuildOptions) -> BuildInputs:
    """The :class:`BuildInputs` of a build with ``options``: one list kept beside the build,
    so a new input is watched by ``serve`` too."""
    return BuildInputs(
        folders=(options.content, options.project / "templates", options.project / "static",
                 theme_dir("templates"), theme_dir("static")),
        files=(options.config, authors_path(options.config), ledger_file(options)))


def build_clock(options: BuildOptions) -> datetime:
    if options.build_time is not None:
        return options.build_time
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc)


def sign_articles(options: BuildOptions, articles: list[Article], report: Report):
    """The articles with their authors named as ``authors.yaml`` beside the config spells
    them, and the profiles (:mod:`sitegen.authors`); warns of profiles no article names and
    leaves out (with a warning) a ``photo`` naming no file of ``content/``, ``static/`` or the
    theme's ``static/``."""
    path = authors_path(options.config)
    site_files = site_file_in((options.content, options.project / "static", theme_dir("static")))
    profiles, warnings = load_profiles(path, site_files)
    report.extend(warnings)
    articles = apply_profiles(articles, profiles)
    report.extend(unused_profiles(profiles, articles, path))
    return articles, profiles


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


class _BodyDamaged(Exception):
    """A stored article body was found gone or damaged (:class:`BodyUnreadable`) where a page
    or the search index read it, once the load stage was over; the cache's records are
    forgotten already. ``warning`` is the ``cache-corrupt`` warning the build reports;
    ``earlier`` what the attempt had reported before it (and the cache's warnings not reported
    yet): damage it mended on the way, which the next attempt no longer meets."""

    def __init__(self, warning: Diagnostic, earlier: list[Diagnostic]):
        super().__init__(warning.message)
        self.warning, self.earlier = warning, earlier


def _build(options: BuildOptions, progress: Progress) -> BuildResult:
    """One build under the cache lock. A damaged stored body met after the load stage (where a
    render worker, the search index's process or a template reads it, or a pack is rewritten)
    cannot be mended there: the build is made again, once, from the load stage on, with the
    cache's records forgotten, so every article is loaded again from its source (the bodies
    stored then are read back and checked as any are). The first attempt wrote nothing (its
    staging folder goes, the URL ledger and the output manifest are saved only after the
    pages); its ``cache-corrupt`` warning leads the second attempt's report, followed by what it
    had reported that the second does not (damage it mended, met no more). Checking every
    stored body before rendering instead would read the whole body store at every build."""
    # The cache lock, once taken, is held to the very end: past abandoning a cache this build made.
    with ExitStack() as locks:
        try:
            with ExitStack() as attempt:  # the output's lock and staging folder: one an attempt
                return _build_locked(options, progress, locks, attempt)
        except _BodyDamaged as damaged:
            with ExitStack() as attempt:
                result = _build_locked(options, progress, locks, attempt, reloading=True)
            again = set(result.report.diagnostics)
            result.report.diagnostics[:0] = [damaged.warning, *(d for d in dict.fromkeys(damaged.earlier)
                                                                if d not in again)]
            return result


def _build_locked(options: BuildOptions, progress: Progress, locks: ExitStack, attempt: ExitStack,
                  reloading: bool = False) -> BuildResult:
    """The build (see :func:`build`); ``locks`` holds the cache lock (taken here unless
    ``reloading``: the second attempt of :func:`_build`, under the first's lock), ``attempt``
    what this attempt alone holds (the output entered early). Raises :class:`_BodyDamaged`
    (first attempt only) when a stored body is found damaged after the load stage."""
    result = BuildResult()
    jobs = options.jobs or default_jobs()
    report = result.report
    cache = None
    indexing = None
    making = None
    index_check = None
    manifest_saving = None
    images = None
    image_scratch = None
    damaged = None  # the cache-corrupt warning of a damaged stored body (first attempt)
    # The build's own records (paths, digests, articles, planned files, manifest entries) hold
    # no reference cycles: the cyclic collector is paused (sitegen.gcpause), on only where
    # articles are parsed and pages rendered, and while a search process is forked.
    gcpause.pause()
    try:
        config, warnings = load_config(options.config, options.base_url, options.config_required)
        report.extend(warnings)
        if not options.content.is_dir():
            found = options.content.exists() or options.content.is_symlink()
            raise SitegenError(Diagnostic(path=str(options.content), code="content-dir",
                                          message="is a file, not the content folder" if found else "content folder not found",
                                          hint="pass --content DIR, the folder holding the articles"))
        if options.write:
            check_output_dir(options.output, options.content, options.project, marker=False)
        refusal = stage_name_refusal(options.output)  # `check` says it too: build would refuse the folder
        if refusal is not None:
            raise SitegenError(refusal)
        if options.write:  # `check` writes nothing, not even a cache, and takes no lock
            # The cache is shared by every output folder beside this one: no other build may read,
            # empty or write it while this one uses it (a --clean build would empty it under them).
            if not reloading:
                locks.enter_context(CacheLock(cache_folder(options.output)))
            cache, warnings = BuildCache.open(cache_folder(options.output), digest(
                f"{code_fingerprint()}\n{config!r}".encode("utf-8", "surrogateescape")), options.clean)
            report.extend(warnings)
            # The look at the last output's search index (~20,000 lstat calls at 10,000 articles)
            # needs nothing of this build: made apart from here on, while this process walks and
            # digests the content and the other core idles.
            index_check = start_index_check(options, cache, fork=jobs > 1)
        index = SourceIndex.load(cache.folder / SOURCE_INDEX, cache.warnings) if cache is not None else SourceIndex()
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
        # What the config and the content walk reported is an input: no file's bytes show a link
        # that loops, or a warning that went away (/tmp/attack44/r3-fastpath-drops-walk-errors.sh).
        found = found_before([*report.diagnostics, *assets_report.diagnostics])
        inputs, recorded, content_keys = "", None, None
        last_ledger = LastLedger(ledger_file(options))
        if early:
            inputs, recorded, content_keys = inputs_and_manifest(
                options, config, sources, index, asset_files, found, cache, fork=jobs > 1,
                meanwhile=(last_ledger.read_now, *late_imports.import_steps()))
        if early and unchanged_result(options, cache, inputs, clock, result):
            if index.read_files:  # a lost or damaged index made anew: every such build read every file
                try:
                    index.save(cache.folder / SOURCE_INDEX)
                except OSError as exc:
                    result.report.add(write_failed(cache.folder / SOURCE_INDEX, exc))
            result.exit_code = EXIT_SKIPPED if result.report.errors else EXIT_OK
            return result
        # The site changed (or there is no last build to match): the build's stages, which a build
        # that finds nothing changed never needs (sitegen.late_imports; most of them were
        # imported while the inputs were digested, and are only looked up here).
        from sitegen import page_reuse
        from sitegen.collect import collect, merged_terms, placeable
        from sitegen.feeds import feed_files, sized_enclosures, with_ids
        from sitegen.loading import load_all
        from sitegen.plan import add_related, is_root_file, plan_pages, related_by_url, with_feeds_and_crawlers
        from sitegen.plan_cache import keep_pages, kept_pages, pages_inputs, reuse_sitemap, start_related
        from sitegen.redirects import REDIRECTS_FILE
        from sitegen.render import compile_templates
        from sitegen.rendering import render_all
        from sitegen.search_run import SearchRun
        from sitegen.url_history import keep_old_urls, record_urls
        from sitegen.writing import PageInputs, hand_over_index_folders, staged_output, write_site

        if options.write:
            check_marker(options.output)  # in full once the output is locked
        if early and recorded is None:  # not read in the wait, or damaged: read (removed and reported) now
            recorded = cache.manifest(options.output)
        staged = None
        if recorded and jobs > 1:
            # A build with a last output to match locks the output and enters its staging folder
            # now: the walks of entering (~0.1 s at 10,000 articles) go on in a forked process
            # while this one loads the articles and plans the pages (the other core idles then).
            # Left with the attempt: uncommitted (an error), its staging folder goes.
            staged = attempt.enter_context(staged_output(options, cache, recorded, apart=True))
        # While the first chunks are loaded apart, this process compiles the templates: the render
        # workers, forked from it later, then do not each compile them (~0.1 s a process).
        loading = load_all(sources, config, report, jobs, progress, cache, index,
                           meanwhile=(lambda: compile_templates(config, options.project / "templates"))
                           if options.write else None, given=content_keys)
        if cache is not None and (options.clean or loading.inputs_stale):
            # (the inputs of what was loaded: a file edited since they were digested is taken as loaded)
            inputs = build_inputs(options, config, sources, index, asset_files, found)
        articles, profiles = sign_articles(options, loading.articles, report)
        # Every output path is checked against the file system's limits under the longest folder
        # the site's files go (its staging folder, the cache's spare tree): one path too long is
        # left out with its own warning, not the whole build stopped at its write.
        root_bytes = longest_root(options.output)
        articles, refused = placeable(articles, config, root_bytes, is_root_file)
        report.extend(refused)
        options_part = f"drafts={options.drafts} future={options.future}"
        # The site's structure against the last build's (sitegen.page_reuse): it stands for the
        # inputs of the collected site and its pages (kept by the build that planned them last),
        # and its key for those of the related lists and the sitemap's entries.
        made = last = None
        if cache is not None:  # records of another cache salt are not compared (all keys differ)
            last = recorded.get("state") if recorded else None
            last = last if isinstance(last, page_reuse.State) and last.cache_salt == cache.salt else None
            made = page_reuse.structure_of(loading.keyed, last, loading.previous, options_part, profiles)
        pages_key = pages_inputs(cache.salt, made.digest, root_bytes) if made is not None and made.keyed else None
        keys = ()
        if pages_key is not None:
            key_of = {source: key for source, key, _ in loading.keyed}
            keys = tuple([key_of[article.source] for article in articles])
        kept = kept_pages(cache, pages_key, unchanged.micros(clock), articles, keys, config, clock)
        if kept is not None:  # a body edit: what the last structural change collected and planned
            site, events, exact, merged = kept.site, kept.events, kept.exact, kept.merged
        else:
            events, exact = unchanged.clock_events(loading.articles, config.breaking_hours, clock, config.timezone)
            site = collect(articles, config, clock, options.drafts, options.future)
            merged = merged_terms(site.tags, "tag", site.articles) + merged_terms(site.sections, "section", site.articles)
        report.extend(merged)
        site = replace(site, profiles=profiles)
        # A site that publishes no article shows the build's own clock in its feeds (their updated
        # time, sitegen.feeds.feed_updated): only a build at that very clock makes the same site.
        exact = exact or not site.articles
        shape = None
        if cache is not None:
            shape = page_reuse.shape(loading.keyed, last, loading.previous, options_part, site, cache.salt, made)
        # The articles and the site live to the end of the build: out of the cyclic garbage
        # collector's sight, which walked them at each full collection (~20% of a one-edit
        # rebuild's CPU at 10,000 articles) while it runs (rendering).
        gc.freeze()
        if options.write:  # the search index's entries are made while the pages are planned
            with gcpause.resumed():  # a search process forked here collects its own garbage
                indexing = SearchRun(site, None, None if options.clean else options.output)
        # The related articles are made apart (a forked process) while this one plans the rest.
        key = shape.key if shape is not None else None
        if kept is not None:  # related lists and all
            pages_planned, feeds_planned = kept.pages, kept.feeds
        else:
            related, making = start_related(site, cache, apart=jobs > 1, key=key)
            pages_planned, feeds_planned = plan_pages(site, related), feed_files(site)
        files = with_feeds_and_crawlers(site, pages_planned, reuse_sitemap(site, cache, key), feeds=feeds_planned)
        if staged is not None and indexing is not None and staged.walks_done:
            # The search stage is told the staging folder as soon as the folder's walks are done
            # (during the planning, at 10,000 articles), not at the page loop: its ~0.19 s of an
            # edit then ends with the loop instead of after it.
            hand_over_index_folders(staged, indexing, options, cache, index_check)
        assets = usable_assets(options.content, report, config, (asset_files, assets_report))
        image_cache = None
        if options.write and cache is not None:
            image_cache = options.output.absolute().parent / IMAGE_CACHE
        elif options.write:  # a cache folder sitegen did not make is never written in (cache-foreign)
            image_scratch = Path(tempfile.mkdtemp(prefix="sitegen-images-"))
            image_cache = image_scratch / "images"
        # A static or content file at a page's path or folder, at the folder of a file that wins
        # over it (the theme's, the content's over static/), or in the search index's folders,
        # is left out (page-over-file): the page, the file or the index is published. The static files
        # are found before the images are prepared (no resized copy takes one's path), their
        # diagnostics reported after the images' as before.
        page_paths = {file.path: file.source or f"its {file.template or file.path} page" for file in files}
        page_paths[REDIRECTS_FILE] = f"its own {REDIRECTS_FILE} (the redirects of aliases: and of changed URLs)"
        statics_report = Report()
        theme_statics = static_files(theme_dir("static"), statics_report)
        theme_paths = {path.lstrip("/"): f"the theme's {path.lstrip('/')}" for _, path in theme_statics}
        assets, too_long = fitting(assets, root_bytes)
        assets, asset_warnings = pages_win(assets, page_paths, theme_paths)
        site_statics, static_too_long = fitting(static_files(options.project / "static", statics_report), root_bytes)
        site_statics, static_warnings = pages_win(
            site_statics, page_paths, {**theme_paths, **{path.lstrip("/"): str(file) for file, path in assets}},
            {REDIRECTS_FILE: f"sitegen writes {REDIRECTS_FILE} itself; to keep these redirects, write each old path "
                             "in aliases: in the front matter of the article it leads to (README: Redirects)"})
        static_warnings = too_long + static_too_long + static_warnings
        statics = theme_statics + site_statics
        images = prepare_images(assets, config.image_widths, image_cache, reuse=not options.clean, others=statics,
                                root_bytes=root_bytes)
        report.extend(images.warnings)
        report.extend(asset_warnings)
        report.extend(statics_report.diagnostics)
        report.extend(static_warnings)
        report.extend(shadowed_statics(site_statics, assets))
        site_files = frozenset(path for _, path in statics + assets)
        files = sized_enclosures(files, statics + assets)
        copied = {path.lstrip("/") for path in site_files} | {path for _, path in images.copies}
        redirects, urls_after, feed_ids = keep_old_urls(site, options, sources, files, report, copied, last_ledger,
                                                          root_bytes)
        # The feeds' entry ids (the URLs articles were first published at) are given here, from
        # the ledger the redirect stage returns, not when the feeds are planned: that ledger is
        # made by one rule (sitegen.ledger.update: a renamed file keeps its first URL) and is the
        # one written, so ids and ledger never disagree, whereas the previous ledger plus this
        # build's URLs would repeat that rule; and the redirect stage needs the planned files'
        # paths, so it cannot run before the plan. Only feeds holding an article whose URL
        # moved are replaced (none in most builds).
        files = with_ids(files, feed_ids)
        files += redirects
        pages = PageInputs(loading, options_part, (clock, events, exact), frozenset(file.path for file in redirects),
                           shape, cache.salt if cache is not None else "", tuple(sorted(feed_ids.items())))
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
            ledger_text: list[str] = []  # the URL ledger's text, made while the search index is finished (if it is)
            writes_ledger = options.record_urls and not last_ledger.holds(urls_after)
            # The site and pages planned now are kept for the next body edits (~0.1 s at 10,000
            # articles), while the search index is finished if this build waits for it, else after.
            keep_planned = None if kept is not None or pages_key is None else (
                lambda: keep_pages(cache, pages_key, (unchanged.micros(clock), events, exact), articles, keys,
                                   (site, pages_planned, feeds_planned, merged)))
            waited: list[bool] = []

            def meanwhile() -> None:
                waited.append(True)
                if keep_planned is not None:
                    keep_planned()
                if writes_ledger:
                    ledger_text.append(last_ledger.text_for(urls_after))

            result.pages_reused, out, reads_clock, manifest_saving = write_site(
                options, site, files, jobs, progress, cache, report, statics + assets, images, site_files, pages,
                indexing, staged, recorded, meanwhile if keep_planned is not None or writes_ledger else None,
                index_check)
            try:  # the new site is in place: only what the next build is saved from here on
                if keep_planned is not None and not waited:
                    keep_planned()
                if writes_ledger:
                    record_urls(options, urls_after, report, ledger_text[0] if ledger_text else last_ledger.text_for(urls_after))
                if cache is not None:  # a cache file not saved is a warning
                    result.files, result.articles = len(files), len(site.articles)
                    saved_before = len(cache.warnings)
                    with cache.saving(unchanged.snapshot_path(cache.folder, options.output)):
                        record_unchanged(options, cache, inputs, clock, (events, exact), out, reads_clock, result)
                    # The manifest's warnings first. The save, done, stays referenced (closing it again
                    # is nothing): its manifest is held to the end, not freed now (sitegen.quick_exit).
                    cache.warnings[saved_before:saved_before] = manifest_saving.result()
                    report.extend(cache.warnings)
            except KeyboardInterrupt:
                raise InterruptedAfterPublishing from None
        else:
            with gcpause.resumed():
                for _ in render_all(site, files, options.project / "templates", jobs, progress, images.images,
                                    site_files):
                    pass
        result.cached = sum(map(loading.cached_sources.__contains__, map(attrgetter("source"), site.articles)))
        result.files, result.articles = len(files), len(site.articles)
    except SitegenError as exc:
        report.extend(exc.diagnostics)
        result.exit_code = EXIT_NOTHING_WRITTEN
    except BodyUnreadable as exc:  # a body file went missing or was damaged in the cache since the load stage
        if cache is not None:
            cache.forget_records()
        if cache is not None and not reloading:
            damaged = Diagnostic(path=str(cache.folder), code="cache-corrupt", severity=Severity.WARNING,
                                 message=f"{exc}: the cached articles were discarded and loaded again from their files",
                                 hint="nothing to do")
        else:
            report.add(Diagnostic(path=str(cache.folder if cache is not None else options.output), code="cache-corrupt",
                                  message=f"{exc}; nothing written", hint="build again: the cache's articles are loaded anew"))
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
        if index_check is not None:  # nothing changed, or an error before the search stage: the look ends
            index_check.close()
        if manifest_saving is not None:  # an error after the site was in place: the save ends
            manifest_saving.close()
        if images is not None:  # copies made apart from the cache (a link there) were published
            images.discard()
        if image_scratch is not None:
            shutil.rmtree(image_scratch, ignore_errors=True)
        if damaged is None:  # a build made again is not held twice
            quick_exit.hold(locals())  # the site, its plan and records: not freed one by one on return
    if damaged is not None:
        raise _BodyDamaged(damaged, [*report.diagnostics, *cache.warnings])
    if result.exit_code == EXIT_NOTHING_WRITTEN:
        if cache is not None:
            cache.abandon()
        return result
    result.exit_code = EXIT_SKIPPED if report.errors else EXIT_OK
    return result
