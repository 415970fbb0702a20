"""The build cache (:mod:`sitegen.cache`): unchanged articles are not parsed again, unchanged
files are not written again, and a damaged or foreign cache is never trusted."""

from __future__ import annotations

import hashlib
import os

import pytest

from helpers import article, build_site, snapshot
from sitegen import loading, model
from dataclasses import replace

from sitegen import cache as cache_module
from sitegen.cache import BODIES_DIR, CACHE_DIR, RECORDS_FILE, RECORDS_JOURNAL, STAMP, BuildCache
from sitegen.loaders.article import Loaded
from sitegen.model import Article, Block, Body

FILES = {f"a{i}.md": article(f"خبر رقم {i} عن افتتاح مكتبة", f"2024-11-{10 + i}T10:00:00+03:00",
                             tags=["ثقافة"], section="محليات") for i in range(4)}
#: The same with a body of its own each (equal bodies are stored once).
OWN_BODIES = {f"a{i}.md": article(f"خبر رقم {i} عن افتتاح مكتبة", f"2024-11-{10 + i}T10:00:00+03:00",
                                  body=f"افتتحت البلدية المكتبة رقم {i} في وسط المدينة.") for i in range(4)}


def count_loads(monkeypatch) -> list[str]:
    """Record every content file the loader really parses."""
    loaded: list[str] = []
    real = loading.load_article

    def spy(path, source, config, *rest):
        loaded.append(path.name)
        return real(path, source, config, *rest)

    monkeypatch.setattr(loading, "load_article", spy)
    return loaded


def test_a_rebuild_parses_only_changed_files_and_writes_only_changed_bytes(new_site, monkeypatch):
    site = new_site(FILES)
    loads = count_loads(monkeypatch)
    first = build_site(site)
    assert first.result.exit_code == 0 and first.result.cached == 0
    assert sorted(loads) == ["a0.md", "a1.md", "a2.md", "a3.md"]
    assert (site.root / CACHE_DIR / "STAMP").read_text(encoding="utf-8") == STAMP
    inodes = {p: os.lstat(site.output / p).st_ino for p in snapshot(site.output)}

    loads.clear()
    edited = FILES["a1.md"] + "\nفقرة ثانية أضيفت إلى الخبر بعد نشره.\n"  # the summary is the first paragraph
    (site.content / "a1.md").write_text(edited, encoding="utf-8")
    second = build_site(site)
    assert loads == ["a1.md"] and second.result.cached == 3
    after = {p: os.lstat(site.output / p).st_ino for p in snapshot(site.output)}
    pages = [p for p in after if p.endswith((".html", ".xml"))]  # static files are copied every time
    assert len(pages) > 15
    rewritten = sorted(p for p in pages if after[p] != inodes.get(p))
    assert rewritten == ["2024/11/11/خبر-رقم-1-عن-افتتاح-مكتبة/index.html"]
    assert "فقرة ثانية" in (site.output / rewritten[0]).read_text(encoding="utf-8")


def test_summary_cache_count_leaves_out_drafts_and_future_articles(new_site):
    # Newcomer check: a 7-file site (5 published, a draft, a future-dated article) rebuilt printed
    # «built 5 articles, 39 pages … (7 articles, 39 pages from cache)».
    files = {f"a{i}.md": article(f"خبر رقم {i} عن افتتاح مكتبة", f"2024-11-{10 + i}T10:00:00+03:00") for i in range(5)}
    files["draft.md"] = article("مسودة خبر لم ينشر بعد", "2024-11-20T10:00:00+03:00", draft=True)
    files["later.md"] = article("خبر مؤجل إلى موعد لاحق", "2030-01-01T10:00:00+03:00")
    site = new_site(files)
    first = build_site(site)
    assert (first.result.exit_code, first.result.articles, first.result.cached) == (0, 5, 0)
    again = build_site(site)  # nothing changed: the last build's snapshot answers
    assert again.result.pages_reused == again.result.files
    assert (again.result.articles, again.result.cached) == (5, 5)
    (site.content / "a1.md").write_text(files["a1.md"] + "\nفقرة ثانية أضيفت بعد النشر.\n", encoding="utf-8")
    edited = build_site(site)  # one article loaded again, the other four from the cache
    assert (edited.result.articles, edited.result.cached) == (5, 4)


def test_clean_ignores_the_cache_and_output_is_the_same(new_site, monkeypatch, tmp_path):
    site = new_site(FILES)
    build_site(site)
    loads = count_loads(monkeypatch)
    cached = build_site(site)
    assert loads == [] and cached.result.cached == 4
    clean = build_site(site, clean=True, output=tmp_path / "clean")
    assert sorted(loads) == ["a0.md", "a1.md", "a2.md", "a3.md"] and clean.result.cached == 0
    assert snapshot(site.output) == snapshot(tmp_path / "clean")


def past_the_fast_path(site) -> None:
    for snapshot_file in (site.root / CACHE_DIR).glob("unchanged-*"):
        snapshot_file.unlink()  # past the nothing-changed fast path, which would read no entry


def test_a_damaged_records_file_is_discarded_with_a_warning(new_site, monkeypatch):
    site = new_site(FILES)
    build_site(site)
    records = site.root / CACHE_DIR / RECORDS_FILE
    records.write_bytes(b"not a pickle")
    past_the_fast_path(site)
    loads = count_loads(monkeypatch)
    built = build_site(site)
    assert built.result.exit_code == 0 and len(loads) == 4
    assert [d.code for d in built.diagnostics] == ["cache-corrupt"]
    assert records.read_bytes() != b"not a pickle"  # stored afresh


def test_a_missing_or_cut_body_loads_its_article_again(new_site, monkeypatch):
    site = new_site(OWN_BODIES)
    build_site(site)
    bodies = sorted(p for p in (site.root / CACHE_DIR / BODIES_DIR).rglob("*") if p.is_file())
    assert len(bodies) == 4
    bodies[0].unlink()
    bodies[1].write_bytes(bodies[1].read_bytes()[:-3])
    past_the_fast_path(site)
    loads = count_loads(monkeypatch)
    built = build_site(site)
    assert built.result.exit_code == 0 and len(loads) == 2
    assert [d.code for d in built.diagnostics] == ["cache-corrupt", "cache-corrupt"]
    assert sorted(p for p in (site.root / CACHE_DIR / BODIES_DIR).rglob("*") if p.is_file()) == bodies


def test_a_folder_that_is_not_a_sitegen_cache_is_left_alone(new_site):
    site = new_site(FILES)
    foreign = site.root / CACHE_DIR
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0
    assert [d.code for d in built.diagnostics] == ["cache-foreign"]
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]


def test_a_cache_of_another_layout_is_discarded(new_site, monkeypatch):
    site = new_site(FILES)
    build_site(site)
    (site.root / CACHE_DIR / "STAMP").write_text("sitegen-cache 0\n", encoding="utf-8")
    loads = count_loads(monkeypatch)
    built = build_site(site)
    assert [d.code for d in built.diagnostics] == ["cache-discarded"] and len(loads) == 4


def test_an_output_file_changed_by_hand_is_written_again(new_site):
    site = new_site(FILES)
    build_site(site)
    page = site.output / "index.html"
    original = page.read_bytes()
    page.write_bytes(b"edited by hand")
    build_site(site)
    assert page.read_bytes() == original


def test_keys_depend_on_path_bytes_and_salt(tmp_path):
    cache, warnings = BuildCache.open(tmp_path / CACHE_DIR, "salt-1", clean=False)
    assert warnings == []
    key = cache.article_key("content/a.md", b"body")
    assert len({key, cache.article_key("content/b.md", b"body"), cache.article_key("content/a.md", b"body!"),
                BuildCache(tmp_path / CACHE_DIR, "salt-2").article_key("content/a.md", b"body")}) == 4


def test_records_keep_bodies_apart_and_drop_unused_ones(tmp_path):
    cache, _ = BuildCache.open(tmp_path / CACHE_DIR, "salt", clean=False)
    held = Article(source="a.md", format="markdown", title="t", slug="t", display_title="t",
                   body_html="<p>نص</p>", blocks=(Block("paragraph", "نص"),))
    stored = cache.bodies.put(held.body)
    assert not stored.held and stored == held.body and stored.text_identity == held.body.text_identity
    one = Loaded(replace(held, body=stored), ())
    cache.save_records({"k1": one})
    again = BuildCache(tmp_path / CACHE_DIR, "salt").records()
    assert list(again) == ["k1"] and again["k1"] == one
    assert again["k1"].article.body_html == "<p>نص</p>" and again["k1"].article.paragraphs == ("نص",)
    assert b"<p>" not in (tmp_path / CACHE_DIR / RECORDS_FILE).read_bytes()  # bodies are apart
    pack = stored.location[0]
    assert cache.bodies.path(pack).is_file()
    cache.save_records({}, dropped={pack})
    assert BuildCache(tmp_path / CACHE_DIR, "salt").records() == {}
    assert not cache.bodies.path(pack).exists()


def test_records_saved_as_parts_pickled_elsewhere_read_back_as_one_dict(tmp_path):
    # Issue 10: a clean build's records are pickled in the load workers, a part per chunk
    # (pack_records), and written as they are; the next build reads them as one dict, with
    # their bodies' store set, and a save that appends to them still works.
    from sitegen.cache import pack_records, unpack_records
    cache, _ = BuildCache.open(tmp_path / CACHE_DIR, "salt", clean=False)
    records = {}
    for name in ("a", "b", "c"):
        held = Article(source=f"{name}.md", format="markdown", title=name, slug=name, display_title=name,
                       body_html=f"<p>نص {name}</p>", blocks=(Block("paragraph", f"نص {name}"),))
        records[f"k-{name}"] = Loaded(replace(held, body=cache.bodies.put(held.body)), ())
    parts = (pack_records({"k-a": records["k-a"]}), pack_records({"k-b": records["k-b"], "k-c": records["k-c"]}))
    assert unpack_records(parts[1], cache.bodies)["k-c"].article.body_html == "<p>نص c</p>"
    cache.save_records(records, parts=parts)
    again = BuildCache(tmp_path / CACHE_DIR, "salt").records()
    assert list(again) == ["k-a", "k-b", "k-c"] and again == records
    assert again["k-b"].article.body_html == "<p>نص b</p>"  # read through the cache's store
    reader = BuildCache(tmp_path / CACHE_DIR, "salt")
    kept = reader.records()
    reader.save_records({key: kept[key] for key in ("k-a", "k-c")})  # a journal frame on the parts
    assert list(BuildCache(tmp_path / CACHE_DIR, "salt").records()) == ["k-a", "k-c"]


def test_a_records_file_of_parts_that_are_not_records_is_discarded_with_a_warning(tmp_path):
    import pickle
    cache, _ = BuildCache.open(tmp_path / CACHE_DIR, "salt", clean=False)
    (tmp_path / CACHE_DIR / RECORDS_FILE).write_bytes(pickle.dumps((RECORDS_FILE, (pickle.dumps([1, 2]),), "base")))
    assert cache.records() == {}
    assert [w.code for w in cache.warnings] == ["cache-corrupt"]


def test_storing_a_body_encodes_it_once_and_names_it_by_its_bytes(tmp_path, monkeypatch):
    from sitegen.cache import BodyFiles
    from sitegen.model import Block, Body
    calls = []
    encode = Body.encode
    monkeypatch.setattr(Body, "encode", lambda self: calls.append(1) or encode(self))
    body = Body("<p>نص الخبر</p>", (Block("paragraph", "نص الخبر"),))
    stored = BodyFiles(tmp_path).put(body)
    assert len(calls) == 1  # the digest and the file's bytes come from one encoding
    data = (tmp_path / stored.location[0]).read_bytes()
    assert stored.location[1:] == (0, len(data))
    assert hashlib.sha256(data).hexdigest()[:32] == stored.digest == body.digest
    assert Body.decode(data).html == "<p>نص الخبر</p>"



def test_a_stored_bodys_html_is_read_without_its_blocks_and_both_are_the_held_ones(tmp_path, monkeypatch):
    # Issue 10: an article page reads only the html of its body; the blocks after it in the
    # stored JSON are decoded only when asked for (the search index, feeds of text).
    from sitegen.cache import BodyFiles
    from sitegen.model import Body
    tricky = '<p dir="rtl">«نص» \\ "quoted" \u2028 \ud800 \x00 &amp; ✓</p>'
    blocks = (Block("heading", "عنوان \""), Block("paragraph", 'نص "الخبر" \\ \ud800'))
    held = Body(tricky, blocks)
    stored = BodyFiles(tmp_path).pack([Body("<p>قبله</p>", ()), held])[1]
    model._recent.clear()
    decoded = []
    decode_text = Body.decode_text
    monkeypatch.setattr(Body, "decode_text", lambda text: decoded.append(text) or decode_text(text))
    assert stored.html == tricky and decoded == []
    assert stored.blocks == blocks and len(decoded) == 1
    model._recent.clear()
    assert stored.blocks == blocks and stored.html == tricky  # the other order


def packed_records(tmp_path, count: int):
    """A cache with ``count`` records whose bodies are in one pack, and the records."""
    cache, _ = BuildCache.open(tmp_path / CACHE_DIR, "salt", clean=False)
    held = [Article(source=f"a{i}.md", format="markdown", title="t", slug=f"t{i}", display_title="t",
                    body_html=f"<p>نص الخبر {i}</p>", blocks=(Block("paragraph", f"نص الخبر {i}"),))
            for i in range(count)]
    stored = cache.bodies.pack([a.body for a in held])
    records = {f"k{i}": Loaded(replace(a, body=s), ()) for i, (a, s) in enumerate(zip(held, stored))}
    cache.save_records(records)
    return cache, records


def test_bodies_loaded_together_share_one_pack_and_a_cut_pack_loses_only_its_tail(tmp_path):
    cache, records = packed_records(tmp_path, 3)
    packs = {r.article.body.location[0] for r in records.values()}
    assert len(packs) == 1 and sorted(p.name for p in (tmp_path / CACHE_DIR / BODIES_DIR).iterdir()) == sorted(packs)
    pack = cache.bodies.path(packs.pop())
    pack.write_bytes(pack.read_bytes()[:-3])  # the last body is cut short
    again = BuildCache(tmp_path / CACHE_DIR, "salt")
    kept = again.records()
    assert sorted(kept) == ["k0", "k1"] and kept["k1"].article.body_html == "<p>نص الخبر 1</p>"
    assert [(d.code, d.path) for d in again.warnings] == [("cache-corrupt", str(pack))]
    pack.unlink()
    gone = BuildCache(tmp_path / CACHE_DIR, "salt")
    assert gone.records() == {} and [d.code for d in gone.warnings] == ["cache-corrupt"]


def test_a_pack_mostly_of_dropped_bodies_is_rewritten_with_the_others(tmp_path):
    cache, records = packed_records(tmp_path, 4)
    old = records["k0"].article.body.location[0]
    cache.save_records({"k0": records["k0"], "k1": records["k1"]}, dropped={old})  # half used: kept
    assert records["k0"].article.body.location[0] == old
    cache.save_records({"k2": records["k2"]}, dropped={old})  # a quarter used: rewritten
    moved = records["k2"].article.body.location
    assert moved[0] != old and not cache.bodies.path(old).exists()
    assert [p.name for p in (tmp_path / CACHE_DIR / BODIES_DIR).iterdir()] == [moved[0]]
    model._recent.clear()
    again = BuildCache(tmp_path / CACHE_DIR, "salt").records()
    assert list(again) == ["k2"] and again["k2"].article.body_html == "<p>نص الخبر 2</p>"


def test_a_pack_rewritten_under_the_name_of_an_unused_pack_of_the_same_body_stays(tmp_path):
    # A fresh helper's attack (2026-12-06, /tmp/attack43/repro_repack_collision.py): a pack is
    # named by its bodies, so the rewrite of a mostly dropped pack (a1 + a2, a2 edited) wrote
    # a1's body under the name of the pack of another article of the same body (z, edited in
    # the same build: its pack unused); that pack was then deleted as unused, and the next
    # build met a1's body gone (cache-corrupt, loaded again).
    cache, records = packed_records(tmp_path, 4)
    old = records["k0"].article.body.location[0]
    alone = cache.bodies.pack([Body(records["k2"].article.body_html, records["k2"].article.body.blocks)])[0]
    cache.save_records({"k2": records["k2"]}, dropped={old, alone.location[0]})  # a quarter used: rewritten
    moved = records["k2"].article.body.location
    assert moved[0] == alone.location[0] and cache.bodies.path(moved[0]).exists()
    assert [p.name for p in (tmp_path / CACHE_DIR / BODIES_DIR).iterdir()] == [moved[0]]
    model._recent.clear()
    again = BuildCache(tmp_path / CACHE_DIR, "salt")
    assert again.records()["k2"].article.body_html == "<p>نص الخبر 2</p>" and again.warnings == []


def test_an_edit_build_appends_its_records_to_the_journal_instead_of_rewriting_the_file(new_site, monkeypatch):
    site = new_site(FILES)
    build_site(site)
    records = site.root / CACHE_DIR / RECORDS_FILE
    journal = site.root / CACHE_DIR / RECORDS_JOURNAL
    written = records.read_bytes()
    assert not journal.exists()
    (site.content / "a1.md").write_text(FILES["a1.md"] + "\nفقرة ثانية أضيفت إلى الخبر.\n", encoding="utf-8")
    build_site(site)
    assert records.read_bytes() == written and journal.stat().st_size > 0
    (site.content / "a2.md").unlink()
    build_site(site)
    assert records.read_bytes() == written
    loads = count_loads(monkeypatch)
    past_the_fast_path(site)
    again = build_site(site)  # the file and the journal together give every article
    assert loads == [] and again.result.cached == 3
    assert not [d for d in again.diagnostics if d.code.startswith("cache-")]
    kept = BuildCache(site.root / CACHE_DIR, "any").records()
    assert sorted(loaded.article.source.rsplit("/", 1)[1] for loaded in kept.values()) == ["a0.md", "a1.md", "a3.md"]
    assert "فقرة ثانية" in next(l.article.body_html for l in kept.values() if l.article.source.endswith("a1.md"))


def test_records_and_journal_read_back_in_order_and_fold_into_the_file_when_it_grows(tmp_path, monkeypatch):
    cache, records = packed_records(tmp_path, 4)
    journal = tmp_path / CACHE_DIR / RECORDS_JOURNAL
    reader = BuildCache(tmp_path / CACHE_DIR, "salt")
    read = reader.records()
    assert list(read) == ["k0", "k1", "k2", "k3"] and not journal.exists()
    reader.save_records({"k0": read["k0"], "k2": read["k2"], "k3": read["k3"]})  # k1 removed
    reader.save_records({"k2": read["k2"], "k3": read["k3"], "k1": records["k1"]})  # k0 removed, k1 back
    assert journal.is_file()
    assert list(BuildCache(tmp_path / CACHE_DIR, "salt").records()) == ["k2", "k3", "k1"]
    monkeypatch.setattr(cache_module, "JOURNAL_MAX_SHARE", 0.0)
    monkeypatch.setattr(cache_module, "JOURNAL_MIN_LIMIT", 0)
    reader.save_records({"k3": read["k3"]})  # the journal would grow too much: the file is rewritten
    assert not journal.exists()
    again = BuildCache(tmp_path / CACHE_DIR, "salt").records()
    assert list(again) == ["k3"] and again["k3"].article.body_html == "<p>نص الخبر 3</p>"


def test_a_damaged_journal_discards_the_records_with_a_warning(tmp_path):
    packed_records(tmp_path, 3)
    reader = BuildCache(tmp_path / CACHE_DIR, "salt")
    read = reader.records()
    reader.save_records({"k0": read["k0"]})
    journal = tmp_path / CACHE_DIR / RECORDS_JOURNAL
    journal.write_bytes(journal.read_bytes()[:-2])  # a build stopped while appending
    damaged = BuildCache(tmp_path / CACHE_DIR, "salt")
    assert damaged.records() == {} and [d.code for d in damaged.warnings] == ["cache-corrupt"]
    assert not journal.exists() and not (tmp_path / CACHE_DIR / RECORDS_FILE).exists()


def test_a_journal_of_an_earlier_records_file_is_dropped_unread(tmp_path):
    cache, records = packed_records(tmp_path, 3)
    reader = BuildCache(tmp_path / CACHE_DIR, "salt")
    read = reader.records()
    reader.save_records({"k0": read["k0"]})
    journal = tmp_path / CACHE_DIR / RECORDS_JOURNAL
    stale = journal.read_bytes()
    BuildCache(tmp_path / CACHE_DIR, "salt").save_records(records)  # rewritten whole (none read first)
    assert not journal.exists()
    journal.write_bytes(stale)  # as if the build had stopped before deleting it
    again = BuildCache(tmp_path / CACHE_DIR, "salt")
    assert list(again.records()) == ["k0", "k1", "k2"] and again.warnings == []
    assert not journal.exists()


def test_a_manifest_carries_the_last_ones_own_part_as_its_bytes_under_new_names(tmp_path, monkeypatch):
    # Issue 10: each edit pickled the spare tree's ~15,000 records and folders again, though
    # they are the last manifest's live ones; they are now its very bytes.
    from sitegen.cache import Written

    cache, _ = BuildCache.open(tmp_path / "cache", "salt", clean=False)
    output = tmp_path / "public"
    used = frozenset({"sections"})
    first = {"a/index.html": Written("d1", (1, 2, 3), "k1", used)}
    cache.save_manifest(output, {"live": first, "folders": ({"a": (1, 2, 3)}, frozenset()), "marker": (9, 9)},
                        carried={"spare": "live", "spare_folders": "folders", "spare_marker": "marker"})  # nothing read before
    assert cache.manifest(output) == {"live": first, "folders": ({"a": (1, 2, 3)}, frozenset()), "marker": (9, 9)}
    columns: list[dict] = []
    real = cache_module._record_columns
    monkeypatch.setattr(cache_module, "_record_columns", lambda records: columns.append(records) or real(records))
    second = {"b/index.html": Written("d2", (4, 5, 6), "k2", used)}
    cache.save_manifest(output, {"live": second, "marker": (7, 7)},
                        carried={"spare": "live", "spare_folders": "folders", "spare_marker": "marker", "x": "gone"})
    assert columns == [second]  # the carried records are not encoded again
    again = cache.manifest(output)
    assert again == {"live": second, "marker": (7, 7), "spare": first, "spare_folders": ({"a": (1, 2, 3)}, frozenset()),
                     "spare_marker": (9, 9)}
    assert isinstance(again["spare"]["a/index.html"], Written) and cache.warnings == []
    # The next one carries only the last one's own part (its live records), never a chain.
    cache.save_manifest(output, {"live": first}, carried={"spare": "live", "spare_marker": "marker"})
    assert cache.manifest(output) == {"live": first, "spare": second, "spare_marker": (7, 7)}


def test_a_manifest_with_a_damaged_carried_part_is_discarded_with_a_warning(tmp_path):
    from sitegen.cache import Written

    cache, _ = BuildCache.open(tmp_path / "cache", "salt", clean=False)
    output = tmp_path / "public"
    cache.save_manifest(output, {"live": {"a": Written("d1", (1, 2, 3), "k1", frozenset())}})
    cache.manifest(output)
    cache.save_manifest(output, {"live": {}}, carried={"spare": "live"})
    path = cache.manifest_path(output)
    path.write_bytes(path.read_bytes()[:-5])  # the carried part cut short
    assert cache.manifest(output) == {}
    assert [w.code for w in cache.warnings] == ["cache-corrupt"] and not path.exists()


def test_records_released_after_saving_are_rewritten_whole_by_a_later_save(tmp_path):
    # Issue 10 (memory): a build releases what the cache remembers of its records once it saved
    # them (sitegen.loading.load_all); a later save cannot append a change it cannot know.
    packed_records(tmp_path, 3)
    journal = tmp_path / CACHE_DIR / RECORDS_JOURNAL
    reader = BuildCache(tmp_path / CACHE_DIR, "salt")
    read = reader.records()
    reader.release_records()
    reader.save_records({"k0": read["k0"], "k2": read["k2"]})
    assert not journal.exists()
    assert list(BuildCache(tmp_path / CACHE_DIR, "salt").records()) == ["k0", "k2"]


def test_a_clean_build_stopped_while_emptying_the_cache_leaves_it_stamped(tmp_path, monkeypatch):
    """Regression (newcomer attack): SIGINT during ``build --clean`` deleted STAMP first and left
    the rest; every later build, --clean too, then called the folder foreign and ran uncached."""
    folder = tmp_path / CACHE_DIR
    cache, _ = BuildCache.open(folder, "salt", clean=False)
    (folder / BODIES_DIR / "ab").mkdir(parents=True)
    (folder / BODIES_DIR / "ab" / "entry").write_bytes(b"x")
    (folder / RECORDS_FILE).write_bytes(b"records")

    def stopped(path, *args, **kwargs):  # an rmtree stopped after its first file, the stamp if it holds one
        stamp = os.path.join(path, "STAMP")
        if os.path.exists(stamp):
            os.unlink(stamp)
        raise KeyboardInterrupt

    monkeypatch.setattr(cache_module.shutil, "rmtree", stopped)
    with pytest.raises(KeyboardInterrupt):
        BuildCache.open(folder, "salt", clean=True)
    monkeypatch.undo()
    assert (folder / "STAMP").read_text(encoding="utf-8") == STAMP
    cache, warnings = BuildCache.open(folder, "salt", clean=False)
    assert cache is not None and [w.code for w in warnings] == []


def test_a_users_images_folder_in_the_cache_folder_is_not_adopted_nor_emptied_by_clean(new_site):
    """Regression (newcomer: a user's .sitegen-cache/images was adopted and emptied by --clean):
    a folder holding only ``images`` was taken for an older sitegen's cache, whatever was in it."""
    site = new_site(FILES)
    folder = site.root / CACHE_DIR
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "notes.txt").write_text("mine", encoding="utf-8")
    for clean in (False, True):
        built = build_site(site, clean=clean)
        assert built.result.exit_code == 0
        assert [d.code for d in built.diagnostics] == ["cache-foreign"]
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["images", "images/notes.txt"]
        assert (folder / "images" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_linked_images_folder_makes_the_cache_folder_foreign(tmp_path):
    """Regression (newcomer: resized images written through a symlinked .sitegen-cache/images):
    an unstamped folder whose ``images`` is a link to a folder elsewhere was adopted."""
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    (folder / "images").symlink_to(outside, target_is_directory=True)
    for clean in (False, True):
        cache, warnings = BuildCache.open(folder, "salt", clean=clean)
        assert cache is None and [w.code for w in warnings] == ["cache-foreign"]
        assert os.listdir(folder) == ["images"] and (folder / "images").is_symlink() and os.listdir(outside) == []


def test_an_older_sitegens_images_only_cache_is_still_adopted(tmp_path):
    """A sitegen older than the build cache kept its resized copies in ``.sitegen-cache/images``
    with no STAMP: such a folder (only sitegen's own copies) is adopted and its copies kept."""
    from PIL import Image

    from sitegen.images import prepare_images

    source = tmp_path / "content" / "a.png"
    source.parent.mkdir()
    Image.new("RGB", (600, 300), (200, 30, 30)).save(source, "PNG")
    folder = tmp_path / CACHE_DIR
    prepare_images([(source, "/a.png")], (480,), folder / "images")
    made = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    cache, warnings = BuildCache.open(folder, "salt", clean=False)
    assert cache is not None and warnings == []
    assert (folder / "STAMP").read_text(encoding="utf-8") == STAMP
    assert set(made) <= {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


EDIT = "\nفقرة ثانية أضيفت إلى الخبر بعد نشره.\n"


def edited(site, name: str = "a1.md", text: str = EDIT) -> None:
    (site.content / name).write_text(FILES[name] + text, encoding="utf-8")


def test_a_link_at_the_journal_is_removed_never_written_through(new_site, tmp_path):
    # /tmp/attack-inc/bug-journal-symlink.sh: the edit build appended its journal frame (or
    # created the file) at the link's target outside the cache.
    site = new_site(FILES)
    build_site(site)
    edited(site)
    build_site(site)
    journal = site.root / CACHE_DIR / RECORDS_JOURNAL
    outside, missing = tmp_path / "outside-journal", tmp_path / "missing-journal"
    outside.write_bytes(b"someone else's file")
    for target in (missing, outside):
        journal.unlink(missing_ok=True)
        journal.symlink_to(target)
        edited(site, "a2.md", f"\nفقرة عن {target.name}.\n")
        built = build_site(site)
        assert built.result.exit_code == 0
        assert "cache-corrupt" in [d.code for d in built.diagnostics]
        assert not journal.is_symlink()
    assert not missing.exists() and outside.read_bytes() == b"someone else's file"


def test_a_link_put_at_the_journal_after_reading_is_not_appended_through(tmp_path):
    # The guard of the append itself: the journal became a link between reading and saving.
    cache, records = packed_records(tmp_path, 3)
    journal, outside = tmp_path / CACHE_DIR / RECORDS_JOURNAL, tmp_path / "outside-journal"
    journal.symlink_to(outside)
    cache.save_records({"k0": records["k0"], "k1": records["k1"]})  # would append a frame
    assert not outside.exists() and not os.path.lexists(journal)  # the file rewritten whole instead
    assert sorted(BuildCache(tmp_path / CACHE_DIR, "salt").records()) == ["k0", "k1"]


def test_a_link_at_the_bodies_folder_is_removed_and_nothing_outside_is_written_or_deleted(new_site, tmp_path, monkeypatch):
    # /tmp/attack-inc/bug-bodies-symlink.sh: new packs were written into the link's target
    # folder, and the packs no record used any more deleted there.
    site = new_site(FILES)
    build_site(site)
    bodies = site.root / CACHE_DIR / BODIES_DIR
    outside = tmp_path / "outside-bodies"
    os.rename(bodies, outside)  # the last build's packs, by their names, now outside
    before = snapshot(outside)
    bodies.symlink_to(outside)
    edited(site)
    loads = count_loads(monkeypatch)
    built = build_site(site)
    assert built.result.exit_code == 0 and sorted(loads) == ["a0.md", "a1.md", "a2.md", "a3.md"]
    assert [(d.code, d.path) for d in built.diagnostics] == [("cache-corrupt", str(bodies))]
    assert snapshot(outside) == before
    assert not bodies.is_symlink() and len(list(bodies.iterdir())) >= 1


#: Cache files by the glob that finds them after two builds (the second an edit).
CACHE_FILES = ["sources", RECORDS_FILE, RECORDS_JOURNAL, "manifest-*", "unchanged-*", "value-*"]


def damaged_cache(new_site, name: str, damage) -> tuple:
    """A site built twice (the second an edit, so a journal exists) whose cache files matching
    ``name`` are replaced by ``damage(path)``; ``(site, the damaged paths)``."""
    site = new_site(FILES)
    build_site(site)
    edited(site)
    build_site(site)
    paths = sorted((site.root / CACHE_DIR).glob(name))
    assert paths, name
    for path in paths:
        path.unlink()
        damage(path)
    edited(site, "a2.md")
    return site, paths


@pytest.mark.parametrize("name", CACHE_FILES)
def test_a_fifo_in_place_of_a_cache_file_is_removed_without_waiting_on_it(new_site, name):
    # /tmp/attack-inc/bug-cache-fifo.sh: `mkfifo .sitegen-cache/sources` hung the build forever.
    import threading

    site, paths = damaged_cache(new_site, name, os.mkfifo)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(build_site(site)), daemon=True)
    worker.start()
    worker.join(120)
    if worker.is_alive():  # a reader blocked in open(): a writer lets it go, and the test fails
        for path in paths:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(60)
        pytest.fail(f"the build waited on the FIFO at {name}")
    built = done[0]
    assert built.result.exit_code == 0
    assert "cache-corrupt" in [d.code for d in built.diagnostics]
    assert not any(os.path.lexists(path) and not path.is_file() for path in paths)


@pytest.mark.parametrize("name", CACHE_FILES)
def test_a_folder_in_place_of_a_cache_file_is_removed_and_the_build_succeeds(new_site, name):
    # /tmp/attack-inc/bug-cache-entry-dir.sh: a folder at unchanged-* (or records, the journal,
    # manifest-*, sources, value-*) made every build exit 2 with a misleading write-failed.
    site, paths = damaged_cache(new_site, name, lambda path: (path / "sub").mkdir(parents=True))
    built = build_site(site)
    assert built.result.exit_code == 0
    assert "cache-corrupt" in [d.code for d in built.diagnostics]
    assert "فقرة ثانية" in (site.output / "2024/11/12/خبر-رقم-2-عن-افتتاح-مكتبة/index.html").read_text(encoding="utf-8")
    assert not any(path.is_dir() for path in paths)
    again = build_site(site)
    assert again.result.exit_code == 0 and not [d for d in again.diagnostics if d.code.startswith("cache-")]


def test_reading_a_cache_file_never_follows_a_link_nor_opens_a_special_file(tmp_path):
    outside = tmp_path / "outside"
    outside.write_bytes(b"someone else's")
    link, fifo, regular = tmp_path / "link", tmp_path / "fifo", tmp_path / "regular"
    link.symlink_to(outside)
    os.mkfifo(fifo)
    regular.write_bytes(b"ours")
    warnings: list = []
    assert cache_module.read_entry(regular, warnings) == b"ours" and warnings == []
    assert cache_module.read_entry(tmp_path / "missing", warnings) is None and warnings == []
    assert cache_module.read_entry(link, warnings) is None and cache_module.read_entry(fifo, warnings) is None
    assert [(d.code, d.path) for d in warnings] == [("cache-corrupt", str(link)), ("cache-corrupt", str(fifo))]
    assert not os.path.lexists(link) and not os.path.lexists(fifo) and outside.read_bytes() == b"someone else's"


def test_a_cache_entry_that_cannot_be_removed_is_not_said_removed(tmp_path, monkeypatch):
    # A fresh helper's attack (/tmp/attack2/bug_unremovable_folder_entry.py): a folder at
    # `records` holding a read-only folder (built as another user) stayed, and the warning said
    # "removed"; the user was not told to remove it.
    entry = tmp_path / "records"
    (entry / "inside").mkdir(parents=True)
    monkeypatch.setattr(cache_module, "discard", lambda path: None)  # as when the user may not delete it
    warnings: list = []
    cache_module.discard_entry(entry, warnings)
    assert [w.code for w in warnings] == ["cache-corrupt"]
    assert "could not be removed" in warnings[0].message and str(entry) in warnings[0].hint
    monkeypatch.undo()
    warnings.clear()
    cache_module.discard_entry(entry, warnings)
    assert not entry.exists() and "removed, not followed" in warnings[0].message


def test_saves_left_unfinished_by_a_killed_build_are_removed_at_the_next_open(tmp_path):
    # /tmp/attack40/f2_tmp_leftover.py: a build interrupted while its manifest was saved apart
    # left the save's temporary file in the cache folder, one more each time, never removed.
    folder = tmp_path / CACHE_DIR
    cache, _ = BuildCache.open(folder, "salt", clean=False)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the cache's", encoding="utf-8")
    (folder / ".tmp-abc123").write_bytes(b"half a manifest")
    (folder / BODIES_DIR / ".tmp-def456").write_bytes(b"half a pack")
    (folder / ".tmp-link").symlink_to(outside)
    (folder / ".tmp-folder").mkdir()
    (folder / "value-kept").write_bytes(b"a finished entry")
    BuildCache.open(folder, "salt", clean=False)
    assert sorted(os.listdir(folder)) == sorted([".tmp-folder", ".tmp-link", BODIES_DIR, "STAMP", "value-kept"])
    assert os.listdir(folder / BODIES_DIR) == []
    assert outside.read_text(encoding="utf-8") == "not the cache's"


def test_an_output_folders_own_entries_keep_the_names_earlier_versions_gave_them(tmp_path):
    # A fresh helper's attack (/tmp/attack42/oldcache_rm.sh): when the cache's digest became
    # SHA-256 (909ce14) the manifest, spare tree and snapshot of an output were looked for under
    # new names: after an upgrade a build refused the output (its marker no longer proved by
    # the manifest) once a page was deleted by hand, and the old entries stayed for good.
    from sitegen.unchanged import snapshot_path

    output = tmp_path / "public"
    name = hashlib.blake2b(str(output.absolute()).encode("utf-8"), digest_size=16).hexdigest()
    cache, _ = BuildCache.open(tmp_path / ".sitegen-cache", "salt", False)
    assert cache.manifest_path(output).name == f"manifest{cache_module.MANIFEST_VERSION}-{name}"
    assert cache.spare_folder(output).name == f"spare-{name}"
    assert snapshot_path(cache.folder, output).name == f"unchanged-{name}"


@pytest.mark.parametrize("name", ["unchanged-*", "sources", "value-*"])
def test_a_cut_or_overwritten_speed_entry_is_reported_and_made_again(new_site, name):
    # A fresh helper's attack (/tmp/attack42/trunc_snapshot.sh): a cut nothing-changed snapshot,
    # source index or kept value was dropped without the cache-corrupt warning README promises.
    site = new_site(FILES)
    build_site(site)
    paths = sorted((site.root / CACHE_DIR).glob(name))
    assert paths, name
    for path in paths:
        path.write_bytes(path.read_bytes()[:7])
    edited(site)  # an edit: the kept values are read too
    built = build_site(site)
    assert built.result.exit_code == 0
    assert sorted(d.path for d in built.diagnostics if d.code == "cache-corrupt") == sorted(map(str, paths))
    for again in (build_site(site), (edited(site, text=EDIT + "\nفقرة أخرى.\n"), build_site(site))[1]):
        assert again.result.exit_code == 0 and not [d for d in again.diagnostics if d.code.startswith("cache-")]


@pytest.mark.parametrize("module", ["cache", "images"])
def test_ctrl_c_right_after_the_rename_reaches_the_caller_as_an_interrupt(tmp_path, monkeypatch, module):
    # /tmp/attack44/r2-write-atomic-ctrl-c.sh: an interrupt just after os.replace made the
    # clean-up's unlink of the (renamed) temporary file raise FileNotFoundError, which the build
    # reported as "write-failed" (exit 2) instead of "interrupted" (130).
    import importlib

    target = importlib.import_module(f"sitegen.{module}")
    real = os.replace

    def replace_then_interrupt(source, destination):
        real(source, destination)
        raise KeyboardInterrupt

    monkeypatch.setattr(target.os, "replace", replace_then_interrupt)
    path = tmp_path / "entry"
    with pytest.raises(KeyboardInterrupt):
        if module == "cache":
            target._write_atomic(path, b"data")
        else:
            target._write_new(path, lambda file: file.write(b"data"))
    assert path.read_bytes() == b"data" and sorted(p.name for p in tmp_path.iterdir()) == ["entry"]


def test_values_dumped_into_a_cache_file_are_the_bytes_of_their_pickles_joined(tmp_path):
    # The tail of an edit at 10,000 articles: the output manifest (~6.7 MiB) and the snapshot
    # are pickled into their file as they are made, not made whole and joined first; the file
    # is byte for byte what joining the pickles gave (frames, large strings and arrays alike).
    import pickle
    from array import array

    values = [("manifest", {"live": tuple(f"page-{n}/index.html" for n in range(40_000))}),
              ("big", "ب" * 200_000, b"x" * 100_000, array("q", range(50_000))), ("carried", {})]
    path = tmp_path / "entry"
    cache_module._dump_atomic(path, values, b"the carried bytes")
    assert path.read_bytes() == b"".join(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                                         for value in values) + b"the carried bytes"


def test_a_value_that_cannot_be_pickled_leaves_the_cache_file_as_it_was(tmp_path):
    import pickle

    path = tmp_path / "entry"
    path.write_bytes(b"the last save")
    with pytest.raises((pickle.PicklingError, TypeError, AttributeError)):
        cache_module._dump_atomic(path, [("first", 1), ("second", lambda: None)])
    assert path.read_bytes() == b"the last save" and [p.name for p in tmp_path.iterdir()] == ["entry"]


def test_records_of_articles_with_other_fields_are_loaded_again_without_a_warning(new_site, monkeypatch):
    # Found while measuring the attack46 fixes: a new Article field (updated_only) made every
    # existing cache say "damaged cache of loaded articles discarded" once after the upgrade.
    import pickle

    site = new_site(FILES)
    build_site(site)
    records = site.root / CACHE_DIR / RECORDS_FILE

    class Older:  # what an article of a sitegen with one field fewer pickles as
        def __reduce__(self):
            return model.article_from_state, (tuple(range(len(model.ARTICLE_FIELDS) - 1)),)

    records.write_bytes(pickle.dumps((RECORDS_FILE, {"key": Older()})))
    past_the_fast_path(site)
    loads = count_loads(monkeypatch)
    built = build_site(site)
    assert built.result.exit_code == 0 and len(loads) == 4 and built.diagnostics == []
    assert pickle.loads(records.read_bytes())[0] == RECORDS_FILE  # stored afresh


def test_a_kept_value_this_user_cannot_read_is_made_again_not_a_failed_build(new_site, monkeypatch):
    """/tmp/attack50/r1-unreadable-value-pages.sh: a ``value-pages`` (or ``value-sitemap``) file
    the build's user could not read stopped every build (``write-failed``, exit 2, the edit not
    published) until someone deleted it; it is now a damaged entry: warned of, made again."""
    site = new_site({f"a{n}.md": article(f"خبر رقم {n} عن المدينة", f"2024-11-0{n + 1}T10:00:00+03:00")
                     for n in range(3)})
    assert build_site(site).result.exit_code == 0
    real = cache_module.read_entry

    def read_entry(path, *args, **kwargs):
        if path.name.startswith("value-"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(cache_module, "read_entry", read_entry)
    edited = site.content / "a1.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة أضيفت بعد النشر.\n", encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0, built.codes()
    unreadable = {d.path.rsplit("/", 1)[-1] for d in built.result.report.diagnostics if d.code == "cache-corrupt"}
    assert {"value-pages", "value-sitemap"} <= unreadable
    assert any("فقرة أضيفت بعد النشر" in data.decode("utf-8", "replace") for data in snapshot(site.output).values())
