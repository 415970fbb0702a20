"""The URL ledger file: its format, its updates and its safety (sitegen.ledger)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import article, build_site

from sitegen import ledger
from sitegen.errors import SitegenError
from sitegen.ledger import Entry, Published


def test_update_adds_current_urls_sorted_and_keeps_unpublished_files():
    previous = {"b.md": Entry("sha256:1", ("/z/",)), "draft.md": Entry("sha256:2", ("/d/",))}
    after, warnings = ledger.update(previous, [Published("b.md", "/a/", "sha256:1"), Published("a.md", "/c/", "")],
                                    {"a.md", "b.md", "draft.md"}, "url-ledger.json")
    assert warnings == []
    assert list(after) == ["a.md", "b.md", "draft.md"]
    assert after["b.md"] == Entry("sha256:1", ("/a/", "/z/"), first="/z/")  # its one URL was its first
    assert after["draft.md"] == previous["draft.md"]


def test_update_gives_back_the_very_ledger_it_was_given_when_no_entry_changes():
    # Issue 10: an edit that moves no URL neither makes the ledger's text (~20 ms at 10,000
    # articles) nor writes it; the build tells so by this identity (LastLedger.holds).
    previous = {"a.md": Entry("sha256:1", ("/a/",)), "b.md": Entry("", ("/b/", "/b2/"), first="/b/")}
    same, warnings = ledger.update(previous, [Published("a.md", "/a/", "sha256:1"), Published("b.md", "/b2/", "")],
                                   {"a.md", "b.md"}, "url-ledger.json")
    assert same is previous and warnings == []
    moved, _ = ledger.update(previous, [Published("a.md", "/a-new/", "sha256:1")], {"a.md", "b.md"}, "url-ledger.json")
    assert moved is not previous and moved["a.md"].urls == ("/a-new/", "/a/") and previous["a.md"].urls == ("/a/",)
    unsorted = {"b.md": previous["b.md"], "a.md": previous["a.md"]}
    after, _ = ledger.update(unsorted, [], {"a.md", "b.md"}, "url-ledger.json")
    assert list(after) == ["a.md", "b.md"]  # sorted as always, so not the ledger given


def test_an_edit_that_moves_no_url_leaves_the_ledger_file_alone_and_one_that_moves_one_writes_it(new_site, monkeypatch):
    # Issue 10: the edit path's ledger text and write are skipped when nothing in it changed.
    site = new_site({"a.md": article("خبر عن افتتاح مكتبة", "2024-11-10T10:00:00+03:00")})
    assert build_site(site).result.exit_code == 0
    path = ledger.ledger_path(site.config)
    text = path.read_text(encoding="utf-8").replace("\n ", "\n  ")  # the same entries, written otherwise
    path.write_text(text, encoding="utf-8")
    made: list[int] = []
    real_dumps = ledger.dumps
    monkeypatch.setattr(ledger, "dumps", lambda value: made.append(len(value)) or real_dumps(value))
    (site.content / "a.md").write_text(article("خبر عن افتتاح مكتبة", "2024-11-10T10:00:00+03:00") + "\nفقرة أخرى.\n",
                                        encoding="utf-8")
    assert build_site(site).result.exit_code == 0
    assert made == [] and path.read_text(encoding="utf-8") == text
    (site.content / "a.md").write_text(article("خبر عن افتتاح مكتبة عامة", "2024-11-10T10:00:00+03:00"), encoding="utf-8")
    assert build_site(site).result.exit_code == 0
    assert made == [1] and len(ledger.read(path)["a.md"].urls) == 2


def test_an_identity_shared_by_two_new_files_matches_neither():
    previous = {"old.md": Entry("sha256:same", ("/old/",))}
    after, warnings = ledger.update(previous, [Published("n1.md", "/n1/", "sha256:same"),
                                               Published("n2.md", "/n2/", "sha256:same")],
                                    {"n1.md", "n2.md"}, "url-ledger.json")
    assert after["n1.md"].urls == ("/n1/",) and after["n2.md"].urls == ("/n2/",)
    assert [w.code for w in warnings] == ["url-ledger-orphan"]


def test_the_file_is_sorted_one_value_per_line_and_reads_back(tmp_path):
    path = tmp_path / "url-ledger.json"
    data = {"ب.md": Entry("sha256:2", ("/ب/", "/أ/")), "a.md": Entry("", ("/a/",))}
    assert ledger.write(path, data) is True
    text = path.read_text(encoding="utf-8")
    assert text.index('"a.md"') < text.index('"ب.md"') and text.index('"/أ/"') < text.index('"/ب/"')
    assert "ب" in text  # readable in a diff, not \\u escapes
    assert ledger.read(path) == {"a.md": Entry("", ("/a/",)), "ب.md": Entry("sha256:2", ("/أ/", "/ب/"))}
    mtime = path.stat().st_mtime_ns
    assert ledger.write(path, ledger.read(path)) is False  # unchanged: not rewritten
    assert path.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("text", ["<<<<<<< HEAD\n{}", '{"files": {}}', '{"version": 1, "files": {"a.md": {"urls": "/a/"}}}'])
def test_a_broken_ledger_stops_the_build_before_anything_is_written(new_site, text):
    site = new_site({"a.md": article()})
    (site.root / "url-ledger.json").write_text(text, encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 2
    assert built.codes() == ["url-ledger"]
    assert not site.output.exists()
    assert (site.root / "url-ledger.json").read_text(encoding="utf-8") == text


def test_a_symlinked_ledger_is_neither_read_nor_written(new_site, tmp_path):
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps({"version": 1, "files": {}}), encoding="utf-8")
    site = new_site({"a.md": article()})
    (site.root / "url-ledger.json").symlink_to(target)
    built = build_site(site)
    assert built.codes() == ["url-ledger"]
    assert json.loads(target.read_text(encoding="utf-8")) == {"version": 1, "files": {}}
    # newcomer check: the hint spoke of a merge conflict; a link is replaced by a copy of its file
    assert "cp --remove-destination" in built.diagnostics[0].hint and "merge conflict" not in built.diagnostics[0].hint


def test_ledger_keys_do_not_depend_on_how_the_content_folder_is_named(new_site):
    site = new_site({"sub/a.md": article()})
    build_site(site, content=site.root / "." / "content")
    keys = list(json.loads((site.root / "url-ledger.json").read_text(encoding="utf-8"))["files"])
    assert keys == ["sub/a.md"]


def test_identity_ignores_title_and_date_but_not_the_body():
    from sitegen.model import Article, Block

    text = " ".join(["كلمة"] * ledger.MIN_IDENTITY_WORDS)
    words = ledger.MIN_IDENTITY_WORDS
    one = Article(source="a", format="markdown", title="x", slug="x", display_title="x", body_html="",
                  blocks=(Block("paragraph", text),), word_count=words)
    retitled = Article(source="b", format="markdown", title="y", slug="y", display_title="y", body_html="",
                       blocks=(Block("paragraph", text),), word_count=words)
    rewritten = Article(source="a", format="markdown", title="x", slug="x", display_title="x", body_html="",
                        blocks=(Block("paragraph", text + " آخر"),), word_count=words + 1)
    assert ledger.content_identity(one) == ledger.content_identity(retitled) != ledger.content_identity(rewritten)
    assert ledger.content_identity(one).startswith("sha256:")
    assert ledger.content_identity(Article(source="c", format="raw", title="t", slug="t", display_title="t",
                                           body_html="")) == ""


def test_a_body_too_short_to_tell_articles_apart_has_no_identity(new_site):
    # /tmp/attack46/r1-ledger-same-body-hijack.sh: placeholder bodies («نص.», «التفاصيل بعد
    # قليل.») are shared by unrelated stories; below MIN_IDENTITY_WORDS words a body names none.
    short = " ".join(["خبر"] * (ledger.MIN_IDENTITY_WORDS - 1))
    long = short + " عاجل"
    site = new_site({"short.md": article("أ", body=short), "long.md": article("ب", body=long),
                     "placeholder.md": article("ج", body="التفاصيل بعد قليل.")})
    build_site(site)
    files = ledger.read(ledger.ledger_path(site.config))
    assert files["short.md"].identity == files["placeholder.md"].identity == ""
    assert files["long.md"].identity.startswith("sha256:")


_TEXT = st.text(alphabet=st.sampled_from(["a", "ب", '"', "\\", "\n", "/", "é", "\u2028", "\x01", "\udc80"]), max_size=6)


@given(st.dictionaries(_TEXT, st.tuples(_TEXT, st.lists(_TEXT.map(lambda t: "/" + t), max_size=3)), max_size=4))
def test_dumps_writes_what_json_writes_with_indent_1(files):
    """The ledger text is made line by line (json's indent mode encodes in Python, slowly):
    it must stay the text json.dumps(indent=1) gives, as earlier ledgers were written."""
    entries = {source: ledger.Entry(identity, tuple(urls)) for source, (identity, urls) in files.items()}
    plain = {source: {"identity": entry.identity, "urls": sorted(entry.urls)} for source, entry in sorted(entries.items())}
    expected = json.dumps({"version": ledger.LEDGER_VERSION, "files": plain}, ensure_ascii=False, indent=1) + "\n"
    assert ledger.dumps(entries) == ledger._LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", expected)


def test_the_ledger_text_is_made_before_the_search_index_is_waited_for(new_site, monkeypatch):
    # Issue 10: at 10,000 articles an edit's page loop ends ~60 ms before its search index does;
    # the URL ledger's text (~20 ms) is made then, and written as made once the site is in place.
    from sitegen import search, search_run

    events: list[str] = []
    real_dumps, real_result, real_index = ledger.dumps, search_run.SearchRun.result, search.write_index
    # The index is made slower than the page loop, as at 10,000 articles: on a busy machine a
    # small site's index was done first, and the text was then made after it (a flaky test).
    monkeypatch.setattr(search, "write_index", lambda *args, **kwargs: time.sleep(0.5) or real_index(*args, **kwargs))
    monkeypatch.setattr(ledger, "dumps", lambda value: events.append("ledger text") or real_dumps(value))
    monkeypatch.setattr(search_run.SearchRun, "result", lambda self: events.append("index") or real_result(self))
    site = new_site({"a.md": article("خبر عن افتتاح مكتبة", "2024-11-10T10:00:00+03:00")})
    assert build_site(site).result.exit_code == 0
    assert events == ["ledger text", "index"]
    path = ledger.ledger_path(site.config)
    assert path.read_text(encoding="utf-8") == real_dumps(ledger.read(path))
    assert list(ledger.read(path)) == ["a.md"]
    text = path.read_text(encoding="utf-8")
    assert not ledger.write(path, ledger.read(path), text) and ledger.write(path, {}, text.replace("a.md", "b.md"))
    assert list(ledger.read(path)) == ["b.md"]  # the text given is what is written


def test_a_ledger_replaced_by_a_link_to_its_own_bytes_is_refused_by_a_build_that_finds_nothing_else_changed(new_site):
    # /tmp/attack46b/r1-symlink-ledger-fastpath.sh: the nothing-changed check read the link's
    # target, found the recorded bytes and skipped the build, where --clean refused the link.
    site = new_site({"a.md": article()})
    assert build_site(site).result.exit_code == 0
    ledger_file = site.root / "url-ledger.json"
    copy = site.root / "ledger-copy.json"
    copy.write_bytes(ledger_file.read_bytes())
    ledger_file.unlink()
    ledger_file.symlink_to(copy.name)
    again = build_site(site)
    assert again.codes() == ["url-ledger"] and again.result.exit_code == 2
    assert build_site(site, clean=True).codes() == ["url-ledger"]


def test_update_keeps_which_url_was_first_through_new_headlines_and_a_rename():
    # /tmp/attack46/r21-feed-id-changes-on-headline-edit.sh: the feeds' entry id is the first URL.
    def update(previous, source, url, on_disk):
        return ledger.update(previous, [Published(source, url, "sha256:1")], on_disk, "url-ledger.json")[0]

    moved = update({"a.md": Entry("sha256:1", ("/old/",))}, "a.md", "/new/", {"a.md"})
    assert moved["a.md"] == Entry("sha256:1", ("/new/", "/old/"), first="/old/")
    again = update(moved, "a.md", "/a-newer/", {"a.md"})  # sorts before the first: order says nothing
    assert again["a.md"] == Entry("sha256:1", ("/a-newer/", "/new/", "/old/"), first="/old/")
    renamed = update(again, "b.md", "/b/", {"b.md"})  # matched by its identity
    assert renamed == {"b.md": Entry("sha256:1", ("/a-newer/", "/b/", "/new/", "/old/"), first="/old/")}
    renamed_once = update({"a.md": Entry("sha256:1", ("/old/",))}, "b.md", "/b/", {"b.md"})
    assert renamed_once == {"b.md": Entry("sha256:1", ("/b/", "/old/"), first="/old/")}
    assert update({}, "a.md", "/a/", {"a.md"})["a.md"] == Entry("sha256:1", ("/a/",))  # its one URL is its first
    assert update({}, "a.md", "/a/", {"a.md"})["a.md"].first_url() == "/a/"
    # A ledger written before first URLs were recorded: not known, never guessed from the sorted URLs.
    unknown = update({"a.md": Entry("sha256:1", ("/x/", "/y/"))}, "a.md", "/z/", {"a.md"})["a.md"]
    assert unknown == Entry("sha256:1", ("/x/", "/y/", "/z/")) and unknown.first_url() is None


def test_first_is_written_only_for_an_entry_of_two_urls_and_reads_back(tmp_path):
    # /tmp/attack46/r21-feed-id-changes-on-headline-edit.sh
    path = tmp_path / "url-ledger.json"
    data = {"a.md": Entry("", ("/a/",)), "b.md": Entry("sha256:2", ("/b1/", "/b2/"), first="/b2/"),
            "c.md": Entry("", ("/c1/", "/c2/"))}
    ledger.write(path, data)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["files"] == {"a.md": {"identity": "", "urls": ["/a/"]},
                                         "b.md": {"first": "/b2/", "identity": "sha256:2", "urls": ["/b1/", "/b2/"]},
                                         "c.md": {"identity": "", "urls": ["/c1/", "/c2/"]}}
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"  # one value a line
    assert list(json.loads(text)["files"]["b.md"]) == ["first", "identity", "urls"]  # keys sorted
    assert ledger.read(path) == data


def test_a_ledger_written_before_first_urls_were_recorded_is_left_byte_for_byte(new_site):
    # /tmp/attack46/r21-feed-id-changes-on-headline-edit.sh: an upgrade changes no ledger of
    # files that did not move since.
    site = new_site({"a.md": article("خبر أول", "2024-11-20T10:00:00+03:00"),
                     "b.md": article("خبر ثان", "2024-11-21T10:00:00+03:00")})
    old = {"version": 1, "files": {
        "a.md": {"identity": "", "urls": ["/2024/11/20/خبر-أول/"]},
        "b.md": {"identity": "", "urls": ["/2024/11/21/خبر-ثان/", "/2024/11/21/عنوان-قديم/"]}}}
    text = json.dumps(old, ensure_ascii=False, indent=1) + "\n"
    (site.root / "url-ledger.json").write_text(text, encoding="utf-8")
    assert build_site(site).result.exit_code == 0
    assert (site.root / "url-ledger.json").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("first", ["/2024/11/21/elsewhere/", 7, None, ["/2024/11/21/b/"]])
def test_a_first_url_that_is_not_one_of_the_entrys_urls_stops_the_build(new_site, first):
    # /tmp/attack46/r21-feed-id-changes-on-headline-edit.sh: damage, as a broken ledger is.
    site = new_site({"a.md": article()})
    text = json.dumps({"version": 1, "files": {"a.md": {"first": first, "identity": "",
                                                        "urls": ["/2024/11/21/a/", "/2024/11/21/b/"]}}})
    (site.root / "url-ledger.json").write_text(text, encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 2 and built.codes() == ["url-ledger"]
    assert "'a.md'" in built.diagnostics[0].message and "first URL" in built.diagnostics[0].message
    assert not site.output.exists()
    assert (site.root / "url-ledger.json").read_text(encoding="utf-8") == text


_ENTRY = st.builds(lambda identity, urls, first: Entry(identity, tuple(sorted(set(urls))),
                                                       first if len(set(urls)) > 1 and first else None),
                   _TEXT, st.lists(_TEXT.map(lambda t: "/" + t), min_size=1, max_size=3), st.booleans().map(
                       lambda on: "/" if on else None))


@given(st.dictionaries(_TEXT, _ENTRY, min_size=1, max_size=5), st.data())
def test_dumps_after_gives_the_text_dumps_gives(previous, data):
    # Issue 10: an edit's ledger text is the file's text with its changed entries replaced
    # (~2 ms at 10,000 articles, where dumps takes ~20 ms); it must be dumps' text exactly.
    previous = {source: entry._replace(first=entry.urls[0] if entry.first else None)
                for source, entry in previous.items()}
    after = dict(previous)
    for source in data.draw(st.lists(st.sampled_from(sorted(previous)), max_size=3)):
        after[source] = data.draw(_ENTRY.map(lambda e: e._replace(first=e.urls[0] if e.first else None)))
    text = ledger.dumps(previous)
    assert ledger.dumps_after(text, previous, after) == ledger.dumps(after)


def test_dumps_after_keeps_what_it_cannot_find_as_written_by_writing_it_whole():
    previous = {"a.md": Entry("sha256:1", ("/a/",)), "b.md": Entry("sha256:2", ("/b/",))}
    after = {**previous, "b.md": Entry("sha256:3", ("/b/",))}
    canonical = ledger.dumps(previous)
    spliced = ledger.dumps_after(canonical, previous, after)
    assert spliced == ledger.dumps(after) and '"sha256:3"' in spliced and '"sha256:2"' not in spliced
    by_hand = canonical.replace('   "identity": "sha256:2",', '   "identity":   "sha256:2",')  # written otherwise
    assert ledger.dumps_after(by_hand, previous, after) == ledger.dumps(after)
    # a key written twice (json keeps the last): replacing one copy would leave the other read
    twice = canonical.replace(' "files": {\n', ' "files": {\n  "b.md": {\n   "identity": "sha256:2",\n   "urls": [\n    "/b/"\n   ]\n  },\n', 1)
    assert ledger.parse(Path("url-ledger.json"), twice) == previous
    assert ledger.dumps_after(twice, previous, after) == ledger.dumps(after)
    # /tmp/attack48b/r3-ledger-duplicate-key-edit-lost.sh: the copy read last written on one line
    # (a hand-resolved merge); the edit was spliced into the first copy and lost
    one_line = canonical.replace('\n }\n}\n', ',\n  "b.md": {"identity": "sha256:2", "urls": ["/b/"]}\n }\n}\n')
    assert ledger.parse(Path("url-ledger.json"), one_line) == previous
    assert ledger.parse(Path("url-ledger.json"), ledger.dumps_after(one_line, previous, after)) == after
    # /tmp/attack48c/r10: the same, its "urls" key written with a \u escape (JSON reads it alike)
    escaped = one_line.replace('"urls": ["/b/"]}', '"\\u0075rls": ["/b/"]}')
    assert ledger.parse(Path("url-ledger.json"), escaped) == previous
    assert ledger.parse(Path("url-ledger.json"), ledger.dumps_after(escaped, previous, after)) == after
    grown = {**after, "c.md": Entry("", ("/c/",))}  # a new entry: written whole
    assert ledger.dumps_after(canonical, previous, grown) == ledger.dumps(grown)
