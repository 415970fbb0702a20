"""sitegen.search_entries: an article's Pagefind record and written text, and the texts' files."""

from __future__ import annotations

import gzip
import hashlib
import os
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date

from helpers import article
from sitegen import search_entries
from sitegen.arabic import to_arabic_indic
from sitegen.search_entries import Entry, article_entry, write_texts
from sitegen.search_terms import STOP_TERMS
from test_search import SECTION, coded, variant_files


def test_function_words_are_not_indexed_but_kept_in_the_written_text(new_site):
    from helpers import BUILD_TIME
    from sitegen.collect import collect
    from sitegen.config import load_config
    from sitegen.errors import Report
    from sitegen.loading import load_all
    from sitegen.render import Formatter
    from sitegen.sources import content_files

    body = "وصل الوفد إلى العاصمة في زيارة، التي تستمر يومين أمام البرلمان."
    site = new_site({"visit.md": article("زيارة رسمية", "2024-10-01T09:00:00+03:00", body, slug="visit")})
    config, _ = load_config(site.config, None, True)
    model = collect(load_all(content_files(site.content), config, Report()).articles, config, BUILD_TIME, False, False)
    entry = article_entry(model.articles[0], model, Formatter(config))
    assert entry.record["content"] == coded("زياره رسميه وصل وفد عاصمه تستمر يومين امام برلمان")
    assert entry.text.decode("utf-8") == "زيارة رسمية " + body
    assert {"في", "الي", "تي"} <= STOP_TERMS


@pytest.mark.parametrize("extra, url", [
    ({}, "/ar/2024/10/13/cabinet/"),
    ({"relative_urls": True}, "../2024/10/13/cabinet/index.html"),  # from search/index.html
])
def test_record_content_is_each_index_term_once_and_the_text_is_the_words_as_written(new_site, extra, url):
    from helpers import BUILD_TIME
    from sitegen.collect import collect
    from sitegen.config import load_config
    from sitegen.errors import Report
    from sitegen.loading import load_all
    from sitegen.render import Formatter
    from sitegen.sources import content_files

    site = new_site(variant_files(), config={"base_url": "https://news.example.org/ar/", "digits": "arab", **extra})
    config, _ = load_config(site.config, None, True)
    model = collect(load_all(content_files(site.content), config, Report()).articles, config, BUILD_TIME, False, False)
    cabinet = next(a for a in model.articles if a.slug == "cabinet")
    entry = article_entry(cabinet, model, Formatter(config))
    record = entry.record
    # «القرار» and «القرار.» share one term: each term is indexed once per article, coded, ended,
    # the codes sorted (not in reading order: see article_entry).
    assert record["content"] == "hkwmo0 jdyd0 qrar0 tdrs0"
    assert entry.text.decode("utf-8") == "قرار جديد والحكومة تدرس القرار."
    assert entry.text_name == hashlib.sha256(entry.text).hexdigest()[:24] + ".gz"
    link, _, shown = record["url"].partition("#")
    assert link == url
    assert record["meta"] == {}  # meta values are searched as written: nothing there
    local = cabinet.date.astimezone(ZoneInfo("Asia/Riyadh"))
    assert parse_qs(shown) == {"title": ["قرار جديد"], "date": [to_arabic_indic(format_date(local, "long", locale="ar"))],
                               "section": [SECTION], "text": [entry.text_name]}
    assert record["language"] == "und"  # no stemmer
    # Entries makes each entry with the link and shown values it made the article's key from
    # (once per article): the same record as the entry made alone.
    made = search_entries.Entries(model, Formatter(config), {})
    assert made.entry(model.articles.index(cabinet)) == entry


def _entry(text: str) -> Entry:
    data = text.encode("utf-8")
    return Entry({}, data, hashlib.sha256(data).hexdigest()[:24] + ".gz")


def test_write_texts_compresses_only_what_is_not_there_and_removes_the_rest(tmp_path):
    folder, previous, outside = tmp_path / "stage", tmp_path / "live", tmp_path / "outside"
    for made in (folder, previous, outside):
        made.mkdir()
    staged, live, new = _entry("نص في المجلد"), _entry("نص في الموقع السابق"), _entry("نص جديد")
    (previous / staged.text_name).write_bytes(b"kept as it is")  # named by its bytes: never rewritten
    os.link(previous / staged.text_name, folder / staged.text_name)  # the live output's very file
    (previous / live.text_name).write_bytes(gzip.compress(live.text))
    (outside / "secret").write_text("x")
    (folder / "old.gz").write_bytes(b"a text no longer indexed")
    os.symlink(outside / "secret", folder / new.text_name)  # a link in the way is removed, never followed
    untouched = write_texts([staged, live, new], folder, previous)
    assert untouched == {staged.text_name}  # the others were linked or written: new ctimes
    assert sorted(p.name for p in folder.iterdir()) == sorted([staged.text_name, live.text_name, new.text_name])
    assert (folder / staged.text_name).read_bytes() == b"kept as it is"
    assert os.path.samefile(folder / live.text_name, previous / live.text_name)
    assert not (folder / new.text_name).is_symlink()
    assert gzip.decompress((folder / new.text_name).read_bytes()) == new.text
    assert (outside / "secret").read_text() == "x"


def test_write_texts_compresses_again_a_text_the_last_output_holds_changed_by_hand(tmp_path):
    # A text file edited by hand in the live output (and linked, as the same file, into the
    # spare tree that became the staging folder) was kept for good: its name says its bytes, so
    # it was trusted. Named distrusted (sitegen.index_check.check_index), it is written anew.
    folder, previous = tmp_path / "stage", tmp_path / "live"
    folder.mkdir()
    previous.mkdir()
    edited, other = _entry("نص عدله أحد بيده"), _entry("نص لم يمسه أحد")
    for entry in (edited, other):
        (previous / entry.text_name).write_bytes(b"edited by hand" if entry is edited else gzip.compress(entry.text))
        os.link(previous / entry.text_name, folder / entry.text_name)
    write_texts([edited, other], folder, previous, frozenset({edited.text_name}))
    assert gzip.decompress((folder / edited.text_name).read_bytes()) == edited.text
    assert (previous / edited.text_name).read_bytes() == b"edited by hand"  # the live output is not written
    assert os.path.samefile(folder / other.text_name, previous / other.text_name)


def test_write_texts_keeps_a_staging_folders_text_only_as_the_live_outputs_very_file(tmp_path):
    # A fresh helper's review (2026-12-05): a text edited by hand in the output lived on in the
    # spare tree (a link of the same file), and came back from there when the snapshot that
    # vouches for the live output was gone, or after a build that left no index.
    folder, previous = tmp_path / "stage", tmp_path / "live"
    folder.mkdir()
    previous.mkdir()
    own, linked = _entry("نص بقي من موقع أقدم"), _entry("نص الموقع الحالي")
    (folder / own.text_name).write_bytes(b"edited by hand")
    (previous / own.text_name).write_bytes(gzip.compress(own.text))  # another file of that name
    (previous / linked.text_name).write_bytes(gzip.compress(linked.text))
    os.link(previous / linked.text_name, folder / linked.text_name)
    write_texts([own, linked], folder, previous)
    assert gzip.decompress((folder / own.text_name).read_bytes()) == own.text
    assert os.path.samefile(folder / linked.text_name, previous / linked.text_name)
    (folder / own.text_name).write_bytes(b"edited by hand")
    write_texts([own], folder, None)  # no live index to vouch for it
    assert gzip.decompress((folder / own.text_name).read_bytes()) == own.text


def test_an_entry_key_changes_exactly_when_its_entry_can(new_site):
    # The keys are made from what makes the link and shown date, not from them (2026-12-05:
    # formatting every article's date and link was ~0.07 s of an edit's search work at 10,000
    # articles): equal keys must still mean equal entries, and a setting the entry does not
    # read must keep the key (or every edit of it would index the whole site again).
    from dataclasses import replace
    from datetime import timedelta

    from helpers import BUILD_TIME
    from sitegen.collect import collect
    from sitegen.config import load_config
    from sitegen.errors import Report
    from sitegen.loading import load_all
    from sitegen.model import Body
    from sitegen.render import Formatter
    from sitegen.search_entries import entry_key, key_shape
    from sitegen.sources import content_files

    site = new_site(variant_files(), config={"base_url": "https://news.example.org/ar/"})
    config, _ = load_config(site.config, None, True)
    model = collect(load_all(content_files(site.content), config, Report()).articles, config, BUILD_TIME, False, False)
    cabinet = next(a for a in model.articles if a.slug == "cabinet")
    other_body = next(a for a in model.articles if a.slug != "cabinet").body

    def key_and_entry(article, settings):
        changed = replace(model, config=replace(config, **settings))
        return entry_key(article, key_shape(changed)), article_entry(article, changed, Formatter(changed.config))

    base_key, base_entry = key_and_entry(cabinet, {})
    variants = {
        "body": (replace(cabinet, body=other_body), {}),
        "headline": (replace(cabinet, title="قرار آخر", display_title="قرار آخر"), {}),
        "subtitle": (replace(cabinet, subtitle="تفاصيل القرار"), {}),
        "url": (replace(cabinet, url="/2024/10/13/cabinet-2/"), {}),
        "date, another day": (replace(cabinet, date=cabinet.date + timedelta(days=1)), {}),
        "section": (replace(cabinet, section="اقتصاد"), {}),
        "digits": (cabinet, {"digits": "arab"}),
        "time zone": (cabinet, {"timezone": ZoneInfo("Pacific/Kiritimati")}),
        "relative links": (cabinet, {"relative_urls": True}),
        "base path": (cabinet, {"base_url": "https://news.example.org/"}),
        "locale": (cabinet, {"locale": "ar_MA"}),
        "a minute later, the same day": (replace(cabinet, date=cabinet.date + timedelta(minutes=1)), {}),
        "site title": (cabinet, {"title": "صحيفة أخرى"}),
        "tags": (replace(cabinet, tags=("وسم",)), {}),
    }
    changed_keys, changed_entries = set(), set()
    for name, (variant, settings) in variants.items():
        key, entry = key_and_entry(variant, settings)
        if key != base_key:
            changed_keys.add(name)
        if entry != base_entry:
            changed_entries.add(name)
    # every entry that changed has a new key; only the two of what it does not show keep theirs
    assert changed_entries <= changed_keys
    assert set(variants) - changed_keys == {"site title", "tags"}
    assert changed_entries >= {"body", "headline", "subtitle", "url", "date, another day", "section", "digits",
                               "relative links", "base path"}
