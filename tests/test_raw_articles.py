"""Raw page dumps (``*.txt``) as articles: front matter overrides, body-only texts, ``extract --explain``.

Fixtures are invented dumps in the shapes of issue 5 (title bar, date line, masthead,
paragraphs; a body-only column with no headline).
"""

from __future__ import annotations

import json
import re

import pytest

from helpers import article_pages, build_site, parse_html, run_cli, text_of
from sitegen.config import parse_config
from sitegen.errors import SitegenError
from sitegen.loaders import reader
from sitegen.loaders.article import MAX_DUMP_LINES, dump_lines_over, load_article

DUMP = """موقع الخليج اليوم | افتتاح جسر المشاة الجديد على الكورنيش

الأحد 3 مارس 2024 - 09:20

افتتاح جسر المشاة الجديد على الكورنيش

الجسر يربط الحي القديم بالواجهة البحرية

افتتحت البلدية صباح اليوم جسر المشاة الجديد الذي يربط الحي القديم بالواجهة البحرية.

وقال رئيس البلدية إن الجسر سيخفف الازدحام في ساعات الذروة.
"""

COLUMN = """   يكتب كثيرون عن المدينة كأنها صورة ثابتة، لكنها تتغير كل صباح مع أصوات الباعة.   وفي الأزقة القديمة تتجاور المقاهي والمكتبات الصغيرة التي يعرفها أهل الحي.
"""


def test_front_matter_in_a_dump_wins_over_extraction(new_site, tmp_path):
    override = ('---\ntitle: "جسر الكورنيش يفتح أبوابه للمشاة"\nsection: محليات\n'
                "date: 2024-03-04T08:00:00+03:00\ntags: [بلدية]\n---\n")
    site = new_site({"bridge.txt": override + DUMP})
    built = build_site(site)
    assert built.result.exit_code == 0
    [page_file] = article_pages(built.output)
    assert page_file.parent.parent.name == "04"  # the front matter date, not the dump's 3 March
    page = parse_html(page_file)
    assert page.texts("h1") == ["جسر الكورنيش يفتح أبوابه للمشاة"]
    assert page.texts("p", class_="subtitle") == ["الجسر يربط الحي القديم بالواجهة البحرية"]
    assert (built.output / "sections" / "محليات" / "index.html").is_file()
    assert (built.output / "tags" / "بلدية" / "index.html").is_file()


def test_dump_fields_are_extracted_without_front_matter(new_site):
    site = new_site({"bridge.txt": DUMP})
    built = build_site(site)
    assert built.result.exit_code == 0
    [page_file] = article_pages(built.output)
    assert page_file.relative_to(built.output).parts[:3] == ("2024", "03", "03")
    page = parse_html(page_file)
    assert page.texts("h1") == ["افتتاح جسر المشاة الجديد على الكورنيش"]
    body = page.one("div", class_="article-body")
    assert [p for p in page.texts("p") if p.startswith("افتتحت البلدية")] == [
        "افتتحت البلدية صباح اليوم جسر المشاة الجديد الذي يربط الحي القديم بالواجهة البحرية."]
    assert "موقع الخليج اليوم" not in "".join(body.itertext())


def test_body_only_dump_is_published_titled_from_its_opening_words(new_site):
    site = new_site({"column.txt": COLUMN})
    built = build_site(site)
    assert built.result.exit_code == 0
    warnings = [d for d in built.diagnostics if d.code == "no-title"]
    assert [d.path.endswith("column.txt") for d in warnings] == [True]
    index = parse_html(built.output / "index.html")
    lead = index.one("section", class_="lead-story")
    assert "".join(lead.find(".//h2").itertext()).startswith("يكتب كثيرون عن المدينة")


def test_body_only_dump_record_has_a_null_title(new_site):
    site = new_site({"column.txt": COLUMN})
    proc = run_cli(["extract", "--json", "content/column.txt"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    [record] = json.loads(proc.stdout)
    assert record["title"] is None
    assert len(record["paragraphs"]) == 2
    assert record["format"] == "raw"


def test_explain_shows_every_line_with_its_role(new_site):
    site = new_site({"bridge.txt": DUMP})
    proc = run_cli(["extract", "--explain", "content/bridge.txt"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if "|" in line]
    assert len(rows) == len(DUMP.split("\n"))  # every input line, blank ones included
    roles = {}
    for row in rows:
        head, text = row.split("|", 1)
        text = re.sub(r"\s\s\(.*\)$", "", text).strip()  # the loader's note on why
        if text:
            roles[text] = head.split()[1]
    assert roles["الأحد 3 مارس 2024 - 09:20"] == "date"
    assert roles["الجسر يربط الحي القديم بالواجهة البحرية"] == "subtitle"
    assert roles["وقال رئيس البلدية إن الجسر سيخفف الازدحام في ساعات الذروة."] == "paragraph"
    title_bar = next(role for text, role in roles.items() if text.startswith("موقع الخليج اليوم |"))
    assert title_bar == "title"


def test_a_dump_printing_its_last_update_gives_the_article_its_updated_time(new_site):
    dump = DUMP.replace("الأحد 3 مارس 2024 - 09:20", "الأحد 3 مارس 2024 - 09:20 | آخر تحديث: 3 مارس 2024 - 12:45")
    site = new_site({"bridge.txt": dump})
    proc = run_cli(["extract", "--json", "content/bridge.txt"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    [record] = json.loads(proc.stdout)
    assert record["date"].startswith("2024-03-03T09:20")
    assert record["updated"].startswith("2024-03-03T12:45")


def test_a_dump_printing_a_day_without_a_time_is_published_as_a_date(new_site):
    # /tmp/attack48/r3-dump-day-only-date-invented-midnight.sh: «3 آذار 2024» alone was published as
    # 2024-03-03T00:00:00+02:00 (an invented midnight); it is a day, as front matter date: 2024-03-03.
    dump = DUMP.replace("الأحد 3 مارس 2024 - 09:20", "3 آذار 2024")
    site = new_site({"bridge.txt": dump})
    built = build_site(site)
    assert built.result.exit_code == 0
    [page_file] = article_pages(built.output)
    page = parse_html(page_file)
    assert page.one("time").get("datetime") == "2024-03-03"
    assert " - " not in text_of(page.one("time"))  # no time of day shown
    data = next(json.loads(text_of(s)) for s in page.all("script", type="application/ld+json")
                if json.loads(text_of(s))["@type"] == "NewsArticle")
    assert (data["datePublished"], data["dateModified"]) == ("2024-03-03", "2024-03-03")
    assert page.one("meta", property="article:published_time").get("content") == "2024-03-03"
    proc = run_cli(["extract", "--json", "content/bridge.txt"], cwd=site.root)
    [record] = json.loads(proc.stdout)
    assert record["date"] == "2024-03-03T00:00:00+03:00"  # INTERFACE.md: ISO 8601 with offset (site zone Asia/Riyadh)


# --- a dump too long to be one page ----------------------------------------------------------


def test_dump_lines_are_counted_as_the_reader_cuts_them():
    assert dump_lines_over("سطر\n" * MAX_DUMP_LINES) is None  # the end of the last line ends the text
    assert dump_lines_over("سطر\n" * MAX_DUMP_LINES + "سطر") == MAX_DUMP_LINES + 1
    assert dump_lines_over("سطر\r\n" * MAX_DUMP_LINES) is None
    assert dump_lines_over("سطر\r\n" * MAX_DUMP_LINES + "\r\n") == MAX_DUMP_LINES + 1  # an empty last line
    assert dump_lines_over("سطر\r" * (MAX_DUMP_LINES + 1)) == MAX_DUMP_LINES + 1  # a lone CR ends a line too
    assert dump_lines_over("\n" * (MAX_DUMP_LINES + 1)) == MAX_DUMP_LINES + 1  # blank lines are read too
    for end in ("\x85", "\u2028", "\u2029"):  # Unicode line ends, which the reader cuts at too
        assert dump_lines_over(f"سطر{end}" * MAX_DUMP_LINES) is None
        assert dump_lines_over(f"سطر{end}" * MAX_DUMP_LINES + "سطر") == MAX_DUMP_LINES + 1


def test_regression_a_dump_of_100000_short_lines_is_refused_too_large_before_it_is_read(tmp_path, monkeypatch):
    """regression (attack49, item 3): a 1.3 MB dump of 100,000 short lines took 8.7 s; the reader
    describes every line (~87 µs each)."""
    def never(*args, **kwargs):
        raise AssertionError("the dump was read before its lines were counted")

    monkeypatch.setattr(reader, "extract", never)
    config, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")
    path = tmp_path / "dump.txt"
    path.write_text("---\ndate: 2024-11-21\n---\n" + "".join(f"خبر رقم {i}\n" for i in range(100_000)),
                    encoding="utf-8")
    with pytest.raises(SitegenError) as info:
        load_article(path, str(path), config)
    [diagnostic] = info.value.diagnostics
    assert (diagnostic.code, diagnostic.path, diagnostic.line) == ("too-large", str(path), 3 + MAX_DUMP_LINES + 1)
    assert f"more than {MAX_DUMP_LINES:,} lines" in diagnostic.message
    assert "one file per article" in diagnostic.hint
