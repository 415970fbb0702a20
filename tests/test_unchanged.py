"""The nothing-changed fast path (:mod:`sitegen.unchanged`): a rebuild whose inputs, clock
window and output are as the last build left them loads, renders and writes nothing — and
anything that would change the site sends it down the full path."""

from __future__ import annotations

import os
import time
from array import array
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from helpers import BUILD_TIME, article, build_site, snapshot
from sitegen import loading, unchanged
from sitegen.model import Article

FILES = {f"a{i}.md": article(f"خبر رقم {i} عن افتتاح مكتبة", f"2024-11-{10 + i}T10:00:00+03:00",
                             section="محليات") for i in range(3)}


@pytest.fixture
def loads(monkeypatch) -> list[int]:
    """One item per build that went past the fast path into the load stage."""
    calls: list[int] = []
    real = loading.load_all
    monkeypatch.setattr(loading, "load_all", lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    return calls


def test_a_rebuild_with_nothing_changed_loads_nothing_and_reports_the_same(new_site, loads):
    site = new_site({**FILES, "bad.md": "---\ntitle: [unclosed\n---\n\nنص.\n"})
    first = build_site(site, clean=True)
    second = build_site(site, jobs=2)  # neither --clean before nor --jobs now changes the site
    assert loads == [1]
    assert first.result.exit_code == second.result.exit_code == 1  # bad.md skipped, reported again
    assert second.codes() == first.codes() and "yaml" in " ".join(second.codes())
    assert (second.result.files, second.result.articles) == (first.result.files, first.result.articles)
    assert second.result.pages_reused == second.result.files


def test_after_an_edit_built_on_the_spare_tree_the_next_rebuild_takes_the_fast_path(new_site, loads):
    # Issue 10: the folders' identities recorded for the fast path are those the spare tree's
    # sweep saw (not looked at again); they must be the output's as it is after the swap.
    site = new_site(FILES)
    for number in range(3):  # the third build starts from the spare tree and sweeps it
        with open(site.content / "a1.md", "a", encoding="utf-8") as handle:
            handle.write(f"\nفقرة مضافة {number}.\n")
        build_site(site)
    assert loads == [1, 1, 1]
    expected = snapshot(site.output)
    again = build_site(site)
    assert loads == [1, 1, 1] and again.result.pages_reused == again.result.files
    (site.output / "sections" / "notes.txt").write_text("أضافها المحرر", encoding="utf-8")  # a folder's entries changed
    build_site(site)
    assert loads == [1, 1, 1, 1] and snapshot(site.output) == {**expected, "sections/notes.txt": "أضافها المحرر".encode()}


def test_an_output_file_edited_or_a_link_added_sends_it_down_the_full_path(new_site, loads):
    site = new_site(FILES)
    build_site(site)
    expected = snapshot(site.output)
    (site.output / "index.html").write_bytes(b"edited by hand")
    build_site(site)
    assert loads == [1, 1] and snapshot(site.output) == expected
    os.symlink("/etc/hostname", site.output / "sections" / "link.txt")  # a folder's entries changed
    built = build_site(site)
    assert loads == [1, 1, 1] and "output-symlink" in built.codes()
    assert not os.path.lexists(site.output / "sections" / "link.txt")


def test_a_search_index_file_edited_in_the_output_sends_it_down_the_full_path(new_site, loads, forks_allowed):
    # Issue 10: the search index's files are recorded as the blocks the writer adopted them in
    # (not one by one): a file of theirs changed by hand must still be noticed.
    site = new_site(FILES)
    for number in range(3):  # the third build starts from the spare tree: the index is adopted as blocks
        with open(site.content / "a1.md", "a", encoding="utf-8") as handle:
            handle.write(f"\nفقرة مضافة {number}.\n")
        build_site(site)
    cache = site.output.parent / ".sitegen-cache"
    recorded = unchanged.load(unchanged.snapshot_path(cache, site.output))
    assert {name.split("\0")[0].rpartition("/")[0].split("/")[1] for name, *_ in recorded.blocks} >= {"text"}
    build_site(site)
    assert loads == [1, 1, 1]
    text = sorted((site.output / "search" / "text").iterdir())[0]
    text.write_bytes(b"edited by hand")
    build_site(site)
    assert loads == [1, 1, 1, 1]


def test_a_file_dated_past_2262_in_the_output_costs_the_fast_path_not_the_build(new_site, loads):
    # /tmp/attack52/r1: a file someone keeps in the output folder (carried over by every build)
    # whose mtime in nanoseconds is beyond a signed 64-bit integer made every build that wrote
    # the site end in a traceback (exit 1) after publishing, while saving the snapshot.
    site = new_site(FILES)
    build_site(site)
    notes = site.output / "notes.txt"
    notes.write_text("ملاحظات", encoding="utf-8")
    os.utime(notes, ns=(10**19, 10**19))  # 2286-11-20
    (site.content / "a1.md").write_text(FILES["a1.md"] + "\nفقرة مضافة.\n", encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0 and not built.diagnostics
    assert notes.read_text(encoding="utf-8") == "ملاحظات"
    cache = site.output.parent / ".sitegen-cache"
    assert not os.path.lexists(unchanged.snapshot_path(cache, site.output))
    def pages() -> dict:  # but Pagefind's bundle, other bytes and names at each run (and the list naming them)
        return {path: data for path, data in snapshot(site.output).items()
                if not path.startswith("search/pagefind/") and path != ".sitegen-output"}

    before = pages()
    again = build_site(site)  # nothing changed, but no snapshot: the full way, to the same site
    assert again.result.exit_code == 0 and len(loads) == 3
    assert pages() == before


def test_a_site_with_no_published_article_keeps_the_fast_path(new_site, loads, forks_allowed):
    # A fresh helper's review (2026-12-05): with no article to index, search/text was adopted as
    # an empty block; the commit's sweep removed the empty folder the block still named, so no
    # snapshot was kept and every later build went the full way.
    site = new_site({"a.md": article("مسودة", "2024-11-10T10:00:00+03:00", draft=True)})
    config = site.config.read_text(encoding="utf-8")
    for number in range(4):  # from the fourth build on, the spare tree is swept
        site.config.write_text(config + f"description: وصف {number}\n", encoding="utf-8")
        build_site(site)
    build_site(site)
    assert loads == [1, 1, 1, 1]


def test_search_index_files_edited_by_hand_are_made_anew_by_the_next_edit(new_site, forks_allowed):
    # Known since 6611f22 (a fresh helper's review, 2026-12-05): a search text or bundle file
    # edited by hand inside the live output was reused by every later build (texts linked by
    # name, the main bundle's files kept as the same inodes) until a fold or --clean. The walks
    # of entering compare them with what the last build recorded (sitegen.index_check.check_index).
    site = new_site(FILES)
    for number in range(4):  # from the fourth build on, the staging folder is the spare tree
        with open(site.content / "a1.md", "a", encoding="utf-8") as handle:
            handle.write(f"\nفقرة مضافة {number}.\n")
        build_site(site, jobs=2)
    text = sorted((site.output / "search" / "text").iterdir())[0]
    bundle_file = site.output / "search" / "pagefind" / "sitegen-pages.txt"
    assert bundle_file.is_file()
    text.write_bytes(b"edited by hand")
    bundle_file.write_text("edited by hand", encoding="utf-8")
    with open(site.content / "a2.md", "a", encoding="utf-8") as handle:
        handle.write("\nفقرة أخرى.\n")
    assert build_site(site, jobs=2).result.exit_code == 0
    clean = build_site(site, clean=True, output=site.root / "clean", record_urls=False)
    assert clean.result.exit_code == 0
    assert text.read_bytes() == (site.root / "clean" / "search" / "text" / text.name).read_bytes()
    assert bundle_file.read_text(encoding="utf-8") == (site.root / "clean" / bundle_file.relative_to(site.output)).read_text(
        encoding="utf-8")


def test_a_snapshot_keeps_its_packed_blocks_and_refuses_blocks_of_another_shape(tmp_path):
    # Issue 10: blocks are saved and loaded as they are; a damaged one (a column of another
    # length) discards the snapshot (a full build follows), never trusted.
    block = ("search/text/a.gz\0search/text/b.gz", *(array("q", [n, n + 1]) for n in (1, 3, 5, 7)))
    snap = unchanged.Snapshot("inputs", "ledger", BUILD_TIME, (), False, {"": (1, 2, 3, 4)}, (2, 1, 0), (), (block,))
    path = tmp_path / "snapshot"
    unchanged.save(path, snap)
    assert unchanged.load(path, "inputs") == snap
    (tmp_path / "out" / "search" / "text").mkdir(parents=True)
    assert not unchanged.output_unchanged(tmp_path / "out", {}, (block,))  # the files are not there
    damaged = replace(snap, blocks=(block[:4] + (array("q", [7]),),))
    unchanged.save(path, damaged)
    assert unchanged.load(path, "inputs") is None


def test_a_snapshot_keeps_the_identities_of_the_output_and_refuses_columns_that_do_not_add_up(tmp_path):
    # Issue 10: the identities are saved as integer columns (pickling ~30,000 of them as tuples of
    # ints took ~40 ms at the end of an edit at 10,000 articles); read back the same, or not at all.
    import pickle

    output = {"": (1, 2, 3, 4), "index.html": (5, 6, 7, 2**40), "news/مقال/index.html": (9, 10, 11, 12),
              "old.html": (2**63 - 1, 0, -(2**62), 1_700_000_000_123_456_789)}  # a date before 1970 too
    snap = unchanged.Snapshot("inputs", "ledger", BUILD_TIME, (), False, output, (2, 1, 0), ())
    path = tmp_path / "snapshot"
    unchanged.save(path, snap)
    assert unchanged.load(path, "inputs") == snap
    with open(path, "rb") as handle:
        head, encoded = pickle.load(handle), pickle.load(handle)
    # A column a field, in the order of the paths (made from one pass through them all).
    assert encoded[7] == tuple(array("q", column) for column in zip(*output.values()))
    for damaged in (encoded[:5] + (len(output) + 1,) + encoded[6:],  # one path more counted than joined
                    encoded[:7] + ((array("q", [1]),) + encoded[7][1:],) + encoded[8:],  # a short column
                    encoded[:7] + (tuple(tuple(column) for column in encoded[7]),) + encoded[8:]):  # not arrays
        path.write_bytes(pickle.dumps(head) + pickle.dumps(damaged))
        assert unchanged.load(path, "inputs") is None
    empty = replace(snap, output={})
    unchanged.save(path, empty)
    assert unchanged.load(path, "inputs") == empty


def test_an_edited_template_or_ledger_sends_it_down_the_full_path(new_site, loads):
    site = new_site(FILES)
    build_site(site)
    (site.root / "templates").mkdir()
    (site.root / "templates" / "unused.html").write_text("x", encoding="utf-8")
    build_site(site)
    assert loads == [1, 1]
    ledger = site.root / "url-ledger.json"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("\n", "\n ", 1), encoding="utf-8")
    build_site(site)
    assert loads == [1, 1, 1]


def test_a_later_clock_publishes_a_future_article(new_site, loads):
    later = BUILD_TIME + timedelta(hours=5)
    site = new_site({**FILES, "soon.md": article("خبر ينشر بعد ساعات", later.isoformat())})
    first = build_site(site)
    build_site(site, build_time=BUILD_TIME + timedelta(hours=1))  # nothing happens in between
    assert loads == [1]
    published = build_site(site, build_time=later + timedelta(minutes=1))
    assert loads == [1, 1] and published.result.articles == first.result.articles + 1


def dated(when: datetime | None, breaking: bool = False, expires: datetime | None = None) -> Article:
    return Article(source="a.md", format="markdown", title="t", slug="t", display_title="t", body_html="",
                   date=when, breaking=breaking, expires=expires)


def test_clock_event_of_a_day_only_expiry_is_the_next_days_start(new_site, loads):
    # /tmp/attack47/r9-expires-dateonly-removed-a-day-early.sh: the nothing-changed path must wait for
    # the withdrawal at the end of the day `expires: 2025-01-05` names, as the full build does
    site = new_site({"offer.md": article("عرض خاص على الكتب", "2024-12-01T10:00:00+03:00", slug="offer",
                                         expires="2025-01-05")})  # Asia/Riyadh, +03:00
    gone = datetime(2025, 1, 5, 21, tzinfo=timezone.utc)  # 2025-01-06T00:00+03:00
    assert build_site(site, build_time=datetime(2025, 1, 5, 9, tzinfo=timezone.utc)).result.articles == 1
    build_site(site, build_time=gone - timedelta(seconds=1))  # the same site: nothing loaded
    assert loads == [1]
    assert build_site(site, build_time=gone).result.articles == 0
    assert loads == [1, 1]


def test_clock_events_cover_publication_expiry_breaking_and_news_windows():
    noon = datetime(2025, 6, 1, 12, tzinfo=timezone.utc)
    events, exact = unchanged.clock_events(
        [dated(noon, breaking=True, expires=noon + timedelta(days=9))], 6.0, noon, timezone.utc)
    assert not exact
    assert events == tuple(map(unchanged.micros, (
        datetime(2025, 1, 1, tzinfo=timezone.utc), noon, noon + timedelta(hours=6), noon + timedelta(days=2),
        noon + timedelta(days=9), datetime(2026, 1, 1, tzinfo=timezone.utc))))
    snap = unchanged.Snapshot("", "", noon + timedelta(hours=1), events, exact, {}, (0, 0, 0), ())
    assert unchanged.clock_allows(snap, noon + timedelta(hours=5))
    assert not unchanged.clock_allows(snap, noon + timedelta(hours=6))  # the breaking band ends
    assert not unchanged.clock_allows(snap, noon - timedelta(minutes=1))  # before publication


def test_an_undated_article_ties_the_fast_path_to_the_same_clock():
    noon = datetime(2025, 6, 1, 12, tzinfo=timezone.utc)
    events, exact = unchanged.clock_events([dated(None)], 6.0, noon, timezone.utc)
    snap = unchanged.Snapshot("", "", noon, events, exact, {}, (0, 0, 0), ())
    assert exact and unchanged.clock_allows(snap, noon)
    assert not unchanged.clock_allows(snap, noon + timedelta(seconds=1))


def test_a_template_that_prints_the_build_time_gets_a_new_page_for_any_new_clock(new_site, loads):
    site = new_site(FILES, templates={"robots.txt": "built {{ site.build_time.isoformat() }}\n"})
    build_site(site)
    build_site(site)
    assert loads == [1]
    later = BUILD_TIME + timedelta(seconds=1)
    build_site(site, build_time=later)
    assert loads == [1, 1] and (site.output / "robots.txt").read_text(encoding="utf-8") == f"built {later.isoformat()}\n"


def test_a_snapshot_for_other_inputs_is_refused_before_its_output_identities_are_read(tmp_path, monkeypatch):
    # Issue 10: an edit's rebuild unpickled the identity of every output file (~25,000) only to
    # find that its inputs differ.
    noon = datetime(2025, 6, 1, 12, tzinfo=timezone.utc)
    snap = unchanged.Snapshot("inputs-1", "ledger", noon, (unchanged.micros(noon),), False, {"": (1, 2, 3, 4), "a.html": (5, 6, 7, 8)},
                              (1, 1, 0), ())
    path = tmp_path / "snapshot"
    unchanged.save(path, snap)
    assert unchanged.load(path, "inputs-1") == snap == unchanged.load(path)
    head = len(path.read_bytes()) - 20
    path.write_bytes(path.read_bytes()[:head])  # the identities cut off: only the head is whole
    assert unchanged.load(path, "inputs-1") is None  # damaged where it is read
    calls = []
    real = unchanged.pickle.load
    monkeypatch.setattr(unchanged.pickle, "load", lambda handle: calls.append(1) or real(handle))
    assert unchanged.load(path, "inputs-2") is None
    assert calls == [1]  # the head only


def test_clock_events_are_in_the_order_of_their_instants_whatever_their_offsets():
    # Sorted by their UTC form (issue 10: comparing instants of distinct offset objects called
    # utcoffset() at every comparison); the order must stay that of the instants.
    riyadh, cairo = timezone(timedelta(hours=3)), timezone(timedelta(hours=2))
    late_wall = datetime(2025, 6, 1, 12, 30, tzinfo=riyadh)   # 09:30Z
    early_wall = datetime(2025, 6, 1, 11, 0, tzinfo=cairo)    # 09:00Z
    same = datetime(2025, 6, 1, 9, 30, tzinfo=timezone.utc)   # the instant of late_wall
    events, _ = unchanged.clock_events([dated(late_wall), dated(early_wall), dated(same)], 6.0, late_wall, timezone.utc)
    assert list(events) == sorted(events) and len(events) == len(set(events))
    assert events[1:3] == (unchanged.micros(early_wall), unchanged.micros(late_wall))
    assert unchanged.micros(same) == unchanged.micros(late_wall)  # one instant, one event


def test_a_snapshot_keeps_its_events_as_the_same_instants_without_pickling_a_datetime_each(tmp_path):
    # Issue 10: ~20,000 aware datetimes (each pickled through its time zone) and ~30,000
    # identity records made saving the snapshot ~0.1-0.2 s of every build at 10,000 articles;
    # the events are whole microseconds since the epoch from the start (clock_events).
    riyadh = timezone(timedelta(hours=3))
    moments = (datetime(2025, 6, 1, 12, 0, 0, 123457, tzinfo=riyadh), datetime(2025, 6, 1, 9, 0, tzinfo=timezone.utc),
               datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc), datetime(1901, 1, 1, tzinfo=riyadh))
    events = tuple(sorted(map(unchanged.micros, moments)))
    assert [datetime.fromtimestamp(0, timezone.utc) + timedelta(microseconds=event) for event in events] == sorted(
        moment.astimezone(timezone.utc) for moment in moments)  # the same instants, to the microsecond
    noon = datetime(2025, 6, 1, 12, tzinfo=riyadh)
    snap = unchanged.Snapshot("inputs", "ledger", noon, events, False,
                              {"": (1, 2, 3, 4), "a": (5, 6, 7, 8), "a/index.html": (9, 10, 11, 12)}, (2, 1, 0), ())
    path = tmp_path / "snapshot"
    unchanged.save(path, snap)
    loaded = unchanged.load(path, "inputs")
    assert loaded == snap
    with open(path, "rb") as handle:  # the head, then the snapshot's plain values
        unchanged.pickle.load(handle)
        stored = unchanged.pickle.load(handle)
    assert not any(isinstance(part, dict) or isinstance(part, tuple) and any(isinstance(v, datetime) for v in part)
                   for part in stored)  # no datetime per event, no dict of identity records
    empty = unchanged.Snapshot("inputs", "ledger", noon, (), True, {}, (0, 0, 0), ())
    unchanged.save(path, empty)
    assert unchanged.load(path) == empty


def test_a_link_fifo_or_folder_at_the_snapshot_is_removed_unread_with_a_warning(new_site, tmp_path):
    # /tmp/attack-inc/bug-cache-fifo.sh and bug-cache-entry-dir.sh with unchanged-*: a FIFO hung
    # the build; a folder failed every later build with exit 2 although the site was written.
    site = new_site({"a.md": article()})
    build_site(site)
    [path] = (site.root / ".sitegen-cache").glob("unchanged-*")
    outside = tmp_path / "outside-snapshot"
    os.rename(path, outside)
    assert unchanged.load(outside) is not None
    for make in (lambda: path.symlink_to(outside), lambda: os.mkfifo(path), lambda: (path / "sub").mkdir(parents=True)):
        make()
        warnings: list = []
        assert unchanged.load(path, None, warnings) is None
        assert [(d.code, d.path) for d in warnings] == [("cache-corrupt", str(path))]
        assert not os.path.lexists(path)
    assert unchanged.load(outside) is not None


def test_a_rebuild_that_finds_nothing_changed_leaves_no_look_at_the_index_running(new_site, loads, forks_allowed,
                                                                                   monkeypatch):
    # The look at the last output's search index is forked before the fast path is tried
    # (sitegen.index_check.start_index_check); a build that then needs nothing ends it.
    import multiprocessing
    import time

    from sitegen import index_check

    site = new_site(FILES)
    build_site(site, jobs=2)
    monkeypatch.setattr(index_check, "check_index", lambda *args: time.sleep(60))  # a slow disk
    again = build_site(site, jobs=2)
    assert loads == [1] and again.result.exit_code == 0
    assert [child.name for child in multiprocessing.active_children()] == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_source_index_made_anew_on_the_fast_path_is_kept(new_site, loads, monkeypatch, forks_allowed, jobs):
    # Found while fixing the damaged-entry warnings (2026-12-06): with the source index lost,
    # every nothing-changed build read every content file again, as it never saved the index.
    from sitegen import signatures
    from sitegen.cache import CACHE_DIR
    from sitegen.pipeline import SOURCE_INDEX
    from sitegen.signatures import SourceIndex

    monkeypatch.setattr(signatures, "RACY_NS", 0)  # files as old as a site's
    site = new_site(FILES)
    build_site(site)
    index = site.root / CACHE_DIR / SOURCE_INDEX
    index.unlink()
    reads: list[str] = []
    real_open = open
    monkeypatch.setattr(signatures, "open", lambda path, *a, **k: reads.append(str(path)) or real_open(path, *a, **k),
                        raising=False)
    for expected_reads in (len(FILES), 0):
        reads.clear()
        again = build_site(site, jobs=jobs)
        assert again.result.exit_code == 0 and again.result.pages_reused == again.result.files  # the fast path
        if jobs == 1:  # with two, the inputs are digested in a forked child (its reads are its own)
            assert len([r for r in reads if r.endswith(".md")]) == expected_reads
        saved = SourceIndex.load(index).entries
        assert sorted(path for path in saved if path.endswith(".md")) == sorted(str(site.content / name) for name in FILES)
    assert loads == [1]


def _inputs_and_manifest_of(site, **kwargs):
    """:func:`sitegen.nothing_changed.inputs_and_manifest` of ``site`` as a build has it (and the
    digest a build without a child makes, the index it was made with, the config and cache)."""
    from sitegen.cache import BuildCache, cache_folder, code_fingerprint
    from sitegen.config import load_config
    from sitegen.digests import digest
    from sitegen.errors import Report
    from sitegen.nothing_changed import build_inputs, inputs_and_manifest
    from sitegen.pipeline import SOURCE_INDEX
    from sitegen.signatures import SourceIndex
    from sitegen.sources import sources_and_assets

    options = site.options()
    config, _ = load_config(site.config, None, True)
    sources, assets, _ = sources_and_assets(site.content, Report())
    cache, _ = BuildCache.open(cache_folder(site.output), digest(f"{code_fingerprint()}\n{config!r}".encode()), False)
    apart_index, here_index = (SourceIndex.load(cache.folder / SOURCE_INDEX) for _ in range(2))
    assert len(apart_index.entries) >= 3  # the articles, and Pagefind's program where installed
    inputs, recorded, keys = inputs_and_manifest(options, config, sources, apart_index, assets, (), cache, **kwargs)
    return inputs, recorded, build_inputs(options, config, sources, here_index, assets), (apart_index, here_index), \
        config, cache, (sources, keys)


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "here"])
def test_inputs_made_apart_are_the_inputs_and_the_index_learns_what_they_saw(new_site, forks_allowed, monkeypatch,
                                                                             fork):
    # Issue 10: an edit digests its inputs in a forked child while it reads the manifest; the
    # digest made here (one job) waits for nothing, and leaves the manifest to the build.
    from sitegen import nothing_changed
    from sitegen.digests import digest

    site = new_site(FILES)
    build_site(site)
    (site.content / "a1.md").write_text(FILES["a1.md"] + "\nفقرة مضافة.\n", encoding="utf-8")
    real = nothing_changed._inputs_learnt
    monkeypatch.setattr(nothing_changed, "_inputs_learnt", lambda *args: time.sleep(0.5) or real(*args))
    inputs, recorded, here, indexes, config, cache, (sources, keys) = _inputs_and_manifest_of(site, fork=fork)
    assert inputs == here
    # The content files' keys come along, made from the digests the inputs saw (the edited file's new one).
    names = [str(path) for path in sources]
    assert keys == cache.content_keys(names, indexes[1].given_digests(names, config.max_file_bytes), ())
    assert keys.keys[names.index(str(site.content / "a1.md"))] == cache.content_key(
        str(site.content / "a1.md"), digest((site.content / "a1.md").read_bytes()))
    if fork:
        assert recorded == cache.manifest(site.output) and recorded["live"]
    else:
        assert recorded is None
    seen = [{path: entry[:2] for path, entry in index.used.items()} for index in indexes]
    assert seen[0] == seen[1] and len(seen[0]) >= 3  # signatures and digests (the files are racy: read twice)
    edited = str(site.content / "a1.md")
    assert indexes[0].given_digest(edited, config.max_file_bytes) == digest((site.content / "a1.md").read_bytes())


def test_the_work_done_while_the_inputs_are_digested_stops_once_they_are(new_site, forks_allowed, monkeypatch,
                                                                         tmp_path):
    # Issue 10: what a build does while its inputs are digested apart (the ledger read, the late
    # imports, the manifest read) is what a build that finds nothing changed does not need: no
    # step is begun once the digest is made (here during the first step), and the manifest is
    # left to the build that goes on.
    from sitegen import apart

    site = new_site(FILES)
    build_site(site)
    made = tmp_path / "digest-made"
    real = apart._run_and_send

    def sent_then_noted(sender, parent, work, args) -> None:  # in the child: noted once the answer is sent
        real(sender, parent, work, args)
        made.write_text("made", encoding="utf-8")

    monkeypatch.setattr(apart, "_run_and_send", sent_then_noted)
    steps = []

    def first() -> None:
        # Waits until the digest's answer is in the pipe (not a guess of how long sending takes:
        # at load 9 a 0.3 s sleep was too short).
        steps.append("first")
        deadline = time.monotonic() + 60
        while not made.exists() and time.monotonic() < deadline:
            time.sleep(0.01)

    def second() -> None:
        steps.append("second")

    inputs, recorded, here, *_ = _inputs_and_manifest_of(site, fork=True, meanwhile=(first, second))
    assert made.exists() and inputs == here
    assert steps == ["first"] and recorded is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_damaged_manifest_is_left_unreported_by_a_build_that_finds_nothing_changed(new_site, forks_allowed, jobs):
    # /tmp/attack44/r4-manifest-warning-on-fast-path.sh: once the manifest was read while the
    # inputs were digested apart, a build that wrote nothing deleted a damaged manifest and
    # said "every file is written again". The next build that writes reports and removes it.
    from sitegen.cache import CACHE_DIR

    site = new_site(FILES)
    build_site(site, jobs=jobs)
    (manifest,) = (site.root / CACHE_DIR).glob("manifest*")
    manifest.write_bytes(b"garbage")
    again = build_site(site, jobs=jobs)
    assert again.result.exit_code == 0 and again.result.pages_reused == again.result.files  # the fast path
    assert again.diagnostics == [] and manifest.read_bytes() == b"garbage"
    edited = site.content / "a1.md"
    edited.write_text(FILES["a1.md"] + "\nفقرة مضافة.\n", encoding="utf-8")
    built = build_site(site, jobs=jobs)
    assert [(d.code, d.path) for d in built.diagnostics] == [("cache-corrupt", str(manifest))]
    assert built.result.exit_code == 0 and manifest.read_bytes() != b"garbage"


def test_links_the_content_walk_reports_send_it_down_the_full_path(new_site, loads):
    # /tmp/attack44/r3-fastpath-drops-walk-errors.sh: a link that loops, or a second link to an
    # article, changes no file's bytes; the fast path gave the last build's diagnostics (none,
    # exit 0), and, once the links were gone, went on reporting them.
    site = new_site(FILES)
    build_site(site)
    (site.content / "loop1.md").symlink_to("loop2.md")
    (site.content / "loop2.md").symlink_to("loop1.md")
    (site.content / "dup.md").symlink_to("a0.md")
    linked = build_site(site)
    codes = sorted(d.code for d in linked.diagnostics)
    assert codes == ["symlink-duplicate", "symlink-loop", "symlink-loop"] and linked.result.exit_code != 0
    assert loads == [1, 1]
    assert sorted(d.code for d in build_site(site).diagnostics) == codes and loads == [1, 1]  # the same: fast
    for name in ("loop1.md", "loop2.md", "dup.md"):
        (site.content / name).unlink()
    unlinked = build_site(site)
    assert unlinked.diagnostics == [] and unlinked.result.exit_code == 0 and loads == [1, 1, 1]


def test_the_build_after_one_that_repaired_the_cache_takes_the_fast_path(new_site, loads):
    # /tmp/attack44b/r1-cache-warning-costs-second-full-build.sh: once the walk's diagnostics
    # were inputs, the cache's own startup warning (a link in place of bodies/, repaired by that
    # build) was one of them too, and the next build, warned of nothing, went the full path.
    # The fast path reports what opening the cache repaired (it used to drop it).
    import shutil

    from sitegen.cache import CACHE_DIR

    site = new_site(FILES)
    build_site(site)
    bodies = site.root / CACHE_DIR / "bodies"
    shutil.rmtree(bodies)
    bodies.symlink_to(site.root)
    repaired = build_site(site)  # nothing changed but the cache, repaired and reported: the fast path
    assert [d.code for d in repaired.diagnostics] == ["cache-corrupt"] and loads == [1]
    after = build_site(site)
    assert after.diagnostics == [] and after.result.pages_reused == after.result.files and loads == [1]


def test_the_missing_ledger_warning_is_not_replayed_once_the_build_wrote_a_new_one(new_site, loads):
    # /tmp/attack46/r20-ledger-missing-warning-replayed.sh: the build that found the ledger gone
    # warned and wrote a new one; each later nothing-changed build replayed the warning from its
    # snapshot although the ledger is there.
    from sitegen import ledger

    site = new_site(FILES)
    build_site(site)
    path = ledger.ledger_path(site.config)
    path.unlink()
    repaired = build_site(site)
    assert repaired.codes() == [ledger.MISSING] and path.is_file() and loads == [1, 1]
    after = build_site(site)
    assert after.diagnostics == [] and after.result.pages_reused == after.result.files and loads == [1, 1]
    path.unlink()  # gone again: the fast path does not hold, and the full build warns again
    again = build_site(site)
    assert again.codes() == [ledger.MISSING] and loads == [1, 1, 1]


def test_a_rebuild_that_finds_nothing_changed_imports_neither_the_loaders_nor_the_renderer(new_site):
    # Issue 10: the command imported the whole program (~0.2 s) before it found nothing
    # changed; the loaders, the renderer and the stages after them are imported only by a
    # build that goes on (sitegen.late_imports; with two jobs, also while the inputs are
    # digested apart, until the digest is made: one job here, which waits for nothing).
    import pickle
    import subprocess
    import sys

    from helpers import REPO

    site = new_site(FILES)
    build_site(site)
    public = os.stat(site.output).st_ino
    code = ("import pickle, sys\n"
            "sys.path.insert(0, sys.argv[1])\n"
            "import sitegen.cli\n"
            "from sitegen.pipeline import build\n"
            "result = build(pickle.loads(bytes.fromhex(sys.argv[2])))\n"
            "print(result.exit_code, result.files, result.pages_reused)\n"
            "print(*sorted(sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code, str(REPO), pickle.dumps(site.options(jobs=1)).hex()],
                          capture_output=True, text=True, timeout=120, check=True)
    status, modules = done.stdout.splitlines()
    exit_code, files, reused = map(int, status.split())
    assert exit_code == 0 and files == reused > 0 and os.stat(site.output).st_ino == public  # untouched
    assert sorted(set(modules.split()) & {"jinja2", "markdown", "sitegen.render", "sitegen.loaders.article",
                                           "sitegen.loading", "sitegen.writing", "sitegen.rendering"}) == []


@pytest.mark.parametrize("edited", [False, True])
def test_a_site_publishing_no_article_makes_its_feeds_again_at_another_clock(new_site, edited):
    """/tmp/attack51/r1-empty-feed-clock.sh: with only a scheduled article and a draft, the site's
    feeds carry the build's clock (no dated entry); a build a day later, nothing changed between
    (the nothing-changed path) or the scheduled article's body edited (the kept pages), kept the
    first build's date in feed.xml and atom.xml instead of its own."""
    from sitegen.pipeline import build

    site = new_site({"f1.md": article("خبر مجدول للنشر", "2025-01-10T10:00:00+02:00", body="نص أول."),
                     "d1.md": article("مسودة", "2024-11-10T10:00:00+02:00", draft=True)})
    first = datetime(2024, 11, 25, 2, 0, tzinfo=timezone.utc)
    assert build(site.options(jobs=1, build_time=first)).exit_code == 0
    if edited:
        (site.content / "f1.md").write_text(article("خبر مجدول للنشر", "2025-01-10T10:00:00+02:00",
                                                     body="نص معدل."), encoding="utf-8")
    later = first + timedelta(days=1, hours=3, minutes=46)
    assert build(site.options(jobs=1, build_time=later)).exit_code == 0
    clean = site.root / "clean" / "public"
    assert build(site.options(jobs=1, build_time=later, clean=True, output=clean, record_urls=False)).exit_code == 0
    for name in ("feed.xml", "atom.xml"):
        assert (site.output / name).read_bytes() == (clean / name).read_bytes(), name
    assert "26 Nov 2024" in (site.output / "feed.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_edited_between_the_inputs_digest_and_its_load_is_recorded_as_loaded(new_site, monkeypatch, jobs):
    # /tmp/attack52/r2: an article edited while a build ran (after its inputs were digested,
    # before the file was loaded) was built from its new bytes but recorded with its old ones:
    # put back to the old bytes (an undo), every later build found nothing changed and kept the
    # page of bytes that were gone.
    from sitegen import pipeline

    site = new_site(FILES)
    build_site(site, jobs=jobs)
    before, during = FILES["a1.md"] + "\nالنص كما كان.\n", FILES["a1.md"] + "\nالنص وهو يتغير.\n"
    (site.content / "a1.md").write_text(before, encoding="utf-8")
    real = pipeline.inputs_and_manifest

    def then_edited(*args, **kwargs):
        made = real(*args, **kwargs)
        (site.content / "a1.md").write_text(during, encoding="utf-8")
        return made

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "inputs_and_manifest", then_edited)
        build_site(site, jobs=jobs)
    assert any("وهو يتغير" in page.read_text(encoding="utf-8") for page in (site.output / "2024").rglob("*.html"))
    (site.content / "a1.md").write_text(before, encoding="utf-8")
    build_site(site, jobs=jobs)
    pages = [page.read_text(encoding="utf-8") for page in (site.output / "2024").rglob("*.html")]
    assert any("كما كان" in page for page in pages) and not any("وهو يتغير" in page for page in pages)
