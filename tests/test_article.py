"""One Markdown file → one article (:mod:`sitegen.loaders.article`): the title from a ``# Title`` line."""

from __future__ import annotations

import pytest

from sitegen.config import parse_config
from sitegen.errors import SitegenError
from sitegen.loaders.article import load_article

RIYADH, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")


def load(tmp_path, text, name="article.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_article(path, str(path), RIYADH)


def test_first_line_heading_is_the_title_without_front_matter(tmp_path):
    loaded = load(tmp_path, "\n# افتتاح *سوق* الخضار الجديد #\n\nافتتحت البلدية السوق صباح اليوم.\n\n# الأسعار\n\nنص.\n")
    a = loaded.article
    assert (a.title, a.display_title, a.slug) == ("افتتاح سوق الخضار الجديد",) * 2 + ("افتتاح-سوق-الخضار-الجديد",)
    assert a.headings == ("الأسعار",)  # the title line left the body; a later # heading stays (as h2)
    assert a.paragraphs == ("افتتحت البلدية السوق صباح اليوم.", "نص.")
    assert "افتتاح" not in a.body_html
    assert a.body_html.startswith("<p>")
    assert [d.code for d in loaded.warnings] == ["no-date"]  # no "no-title"


def test_first_line_heading_is_the_title_when_front_matter_has_none(tmp_path):
    a = load(tmp_path, "---\ndate: 2024-11-21\ntags: [أسواق]\n---\n# تمديد ساعات عمل السوق\n\nنص الخبر.\n").article
    assert a.title == "تمديد ساعات عمل السوق"
    assert a.headings == ()
    assert a.paragraphs == ("نص الخبر.",)


def test_front_matter_title_wins_and_the_heading_stays_in_the_body(tmp_path):
    a = load(tmp_path, "---\ntitle: عنوان من الترويسة\n---\n# عنوان داخل النص\n\nنص الخبر.\n").article
    assert a.title == "عنوان من الترويسة"
    assert a.headings == ("عنوان داخل النص",)
    assert '<h2 id="عنوان-داخل-النص">عنوان داخل النص</h2>' in a.body_html


def test_a_level_two_first_line_or_a_later_heading_is_not_the_title(tmp_path):
    loaded = load(tmp_path, "## ملخص الجلسة\n\nناقش المجلس الميزانية.\n", name="a.md")
    assert loaded.article.title is None
    assert loaded.article.headings == ("ملخص الجلسة",)
    assert "no-title" in [d.code for d in loaded.warnings]
    later = load(tmp_path, "ناقش المجلس الميزانية.\n\n# ملخص الجلسة\n", name="b.md").article
    assert later.title is None
    assert later.headings == ("ملخص الجلسة",)


def test_a_headline_of_body_length_is_published_with_a_warning(tmp_path):
    # newcomer check: a 100,000-character title: was published whole without a word
    long_title = "عنوان " * 20_000
    loaded = load(tmp_path, f"---\ntitle: {long_title}\ndate: 2024-11-21\n---\nنص.\n")
    warning = next(d for d in loaded.warnings if d.code == "long-title")
    assert "119,999 characters" in warning.message
    assert loaded.article.title == long_title.strip()
    short = load(tmp_path, "---\ntitle: " + "ب" * 300 + "\ndate: 2024-11-21\n---\nنص.\n", name="b.md")
    assert "long-title" not in [d.code for d in short.warnings]


def test_hostile_aliases_are_dropped_with_a_warning_naming_file_key_and_what_to_write(tmp_path):
    # Attack: //evil.com/x and javascript:alert(1) were accepted as local paths, and an alias
    # holding "><script> made a folder of those characters. An old http(s) address pasted whole
    # gives its path.
    loaded = load(tmp_path, '---\ntitle: خبر عن افتتاح مكتبة عامة\ndate: 2024-11-21\naliases:\n'
                            '  - //evil.com/x\n  - "javascript:alert(1)"\n  - https://old.example.com/أخبار/قديم?id=5\n'
                            '  - \'/x"><script>alert(1)</script>\'\n  - /news/1234.html\n---\n\nنص.\n')
    assert loaded.article.aliases == ("/أخبار/قديم/", "/news/1234.html")  # the article keeps its good aliases
    refused = [d for d in loaded.warnings if d.code == "unsafe-url"]
    assert [(d.path, d.line, d.field, d.is_error) for d in refused] == [(str(tmp_path / "article.md"), 4, "aliases", False)] * 3
    assert refused[0].message == "aliases: '//evil.com/x' is a full address (a scheme or a host), not a path of this site; left out"
    assert refused[0].hint == "write the old address's path on this site, e.g. aliases: [/news/1234.html]"
    assert refused[1].message.startswith("aliases: 'javascript:alert(1)' is a full address")
    assert refused[2].message == "aliases: '/x\"><script>alert(1)</script>' is not a path a static site can hold; left out"
    assert refused[2].hint.startswith('write the old address as a path, e.g. aliases: [/news/1234.html] (no < > : " | ? * \\')


def test_a_dump_of_html_source_says_so_instead_of_no_content(tmp_path):
    # newcomer check: a .txt whose lines all held tags was «no title and no body text found»
    source = "\n".join(["<html><body>", '<div class="post">', "<h1>افتتاح مكتبة الحي</h1>",
                        "<p>افتتحت البلدية اليوم مكتبة عامة جديدة في الحي القديم.</p>", "</div></body></html>"])
    with pytest.raises(SitegenError) as info:
        load(tmp_path, source, name="page.txt")
    assert [d.code for d in info.value.diagnostics] == ["html-source"]


@pytest.mark.parametrize("end", ["\u2028", "\u2029", "\x85"])
def test_a_dump_whose_lines_end_in_unicode_line_ends_gets_its_title_and_date(tmp_path, end):
    # attack49: such a dump (as a browser's copy shows it) was read as one line: no title, no date
    text = end.join(["محافظ أسوان يفتتح مدرسة فنية للطاقة الشمسية", "الأربعاء 12 مارس 2025 - 10:15",
                     "افتتح محافظ أسوان اليوم مدرسة فنية للطاقة الشمسية بقرية الصعايدة بحضور عدد من القيادات.",
                     "وقال المحافظ إن المدرسة تستقبل 300 طالب في عامها الأول وتمنح شهادة معتمدة."])
    loaded = load(tmp_path, text, name="page.txt")
    assert loaded.article.title == "محافظ أسوان يفتتح مدرسة فنية للطاقة الشمسية"
    assert loaded.article.date.isoformat() == "2025-03-12T10:15:00+03:00"
    assert len(loaded.article.paragraphs) == 2
    assert [d.code for d in loaded.warnings] == []


def test_a_dump_with_a_tag_on_one_line_is_read_as_text(tmp_path):
    text = "\n\n".join(["افتتاح مكتبة الحي", "افتتحت البلدية اليوم مكتبة عامة جديدة في الحي القديم بحضور الأهالي.",
                        "وقال رئيس البلدية إن المكتبة تضم عشرة آلاف كتاب <b>للأطفال</b> والكبار."])
    assert load(tmp_path, text, name="page.txt").article.title == "افتتاح مكتبة الحي"


# --- a slug or url rewritten to be safe says so ------------------------------------------------


@pytest.mark.parametrize("line, used", [("slug: ../../etc/x", "etc-x"), ("slug: عاجل!", "عاجل"),
                                        ('slug: "!!!"', None), ("slug: Gaza_ceasefire", "gaza-ceasefire")])
def test_an_odd_slug_is_rewritten_with_a_warning_naming_the_file_value_and_slug_used(tmp_path, line, used):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: خبر\ndate: 2024-11-21\n{line}\n---\nنص.\n", encoding="utf-8")
    loaded = load_article(path, "content/a.md", RIYADH)
    (warning,) = [w for w in loaded.warnings if w.code == "slug-rewritten"]
    written = line.split(": ", 1)[1].strip('"')
    assert (warning.path, warning.line, warning.field, warning.is_error) == ("content/a.md", 4, "slug", False)
    assert loaded.article.slug == (used or loaded.article.slug) and loaded.article.slug.startswith(used or "article-")
    assert f"slug: {written!r}" in warning.message and f"the slug used is {loaded.article.slug!r}" in warning.message


@pytest.mark.parametrize("line, used", [("url: news/x.html", "/news/x-html/"), ("url: ../../etc/passwd", "/etc/passwd/")])
def test_an_odd_url_is_rewritten_with_a_warning_naming_the_value_and_path_used(tmp_path, line, used):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: خبر\ndate: 2024-11-21\n{line}\n---\nنص.\n", encoding="utf-8")
    loaded = load_article(path, "content/a.md", RIYADH)
    (warning,) = [w for w in loaded.warnings if w.code == "slug-rewritten"]
    assert (warning.line, warning.field, loaded.article.url) == (4, "url", used)
    assert f"the path used is {used!r}" in warning.message


@pytest.mark.parametrize("line", ['url: "/"', "url: /..", "url: ./"])
def test_a_url_of_the_home_page_is_not_used_and_says_the_permalink_is(tmp_path, line):
    """Regression: ``url: "/"`` was dropped for the permalink without a word (other rewritten
    ``url:`` values get a ``slug-rewritten`` warning)."""
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: خبر\ndate: 2024-11-21\n{line}\n---\nنص.\n", encoding="utf-8")
    loaded = load_article(path, "content/a.md", RIYADH)
    (warning,) = [w for w in loaded.warnings if w.code == "slug-rewritten"]
    assert (warning.path, warning.line, warning.field, warning.is_error) == ("content/a.md", 4, "url", False)
    assert "published at its permalink instead" in warning.message and "remove url:" in warning.hint
    assert loaded.article.url != "/"


@pytest.mark.parametrize("line", ["slug: my-story", "slug: My Story", "slug: مكافحة-الإرهاب", "slug: 2024",
                                  "url: /news/my-article", "url: /أخبار/عاجل/", "url: News/Big Story"])
def test_a_slug_or_url_used_as_written_gives_no_warning(tmp_path, line):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: خبر\ndate: 2024-11-21\n{line}\n---\nنص.\n", encoding="utf-8")
    assert [w for w in load_article(path, "content/a.md", RIYADH).warnings if w.code == "slug-rewritten"] == []


@pytest.mark.parametrize("typed", ["1446-05-19", "1446-05-19T10:00:00+03:00", "١٤٤٦-٠٥-١٩"])
def test_a_hijri_year_typed_as_the_date_is_a_bad_value(tmp_path, typed):
    # newcomer check: `date: 1446-05-19` (the Hijri date of the day) was published as the
    # Gregorian year 1446, six centuries back, with no word
    path = tmp_path / "hijri.md"
    path.write_text(f"---\ntitle: خبر\ndate: \"{typed}\"\n---\n\nنص الخبر.\n", encoding="utf-8")
    with pytest.raises(SitegenError) as info:
        load_article(path, "hijri.md", parse_config({}, "site.yaml")[0])
    (diag,) = info.value.diagnostics
    assert (diag.code, diag.line) == ("bad-value", 3)
    assert "Hijri (AH) year" in diag.message and "Gregorian" in diag.hint


def test_a_date_of_the_1800s_or_1900s_is_still_a_date(tmp_path):
    path = tmp_path / "old.md"
    path.write_text("---\ntitle: خبر من الأرشيف\ndate: 1899-12-30\n---\n\nنص الخبر.\n", encoding="utf-8")
    assert load_article(path, "old.md", parse_config({}, "site.yaml")[0]).article.date.year == 1899


def test_an_expiry_not_after_the_date_is_a_warning_naming_its_line(tmp_path):
    # newcomer check: `expires` earlier than `date` hid the article without a word
    path = tmp_path / "gone.md"
    path.write_text("---\ntitle: خبر\ndate: 2024-11-21T10:00:00+03:00\nexpires: 2024-11-20\n---\n\nنص الخبر.\n",
                    encoding="utf-8")
    loaded = load_article(path, "gone.md", parse_config({}, "site.yaml")[0])
    (warning,) = [w for w in loaded.warnings if w.code == "expires-before-date"]
    assert (warning.line, warning.field, warning.severity.value) == (4, "expires", "warning")
    assert "is never shown" in warning.message
    later = tmp_path / "later.md"
    later.write_text("---\ntitle: خبر\ndate: 2024-11-21T10:00:00+03:00\nexpires: 2024-12-20\n---\n\nنص الخبر.\n",
                     encoding="utf-8")
    assert not [w for w in load_article(later, "later.md", parse_config({}, "site.yaml")[0]).warnings
                if w.code == "expires-before-date"]


def test_day_only_dates_on_a_day_whose_midnight_is_skipped_load(tmp_path):
    # /tmp/attack47/r3-dateonly-dst-midnight-rejected.sh: in Africa/Cairo 2024-04-26 starts at 01:00;
    # `date: 2024-04-26` (and `updated:`, `expires:`) was a "does not exist" error and the article dropped
    path = tmp_path / "day.md"
    path.write_text("---\ntitle: خبر\ndate: 2024-04-26\nupdated: 2024-04-26\nexpires: 2024-04-25\n---\n\nنص.\n",
                    encoding="utf-8")
    loaded = load_article(path, "day.md", parse_config({"timezone": "Africa/Cairo"}, "site.yaml")[0])
    art = loaded.article
    assert (art.date.isoformat(), art.date_only) == ("2024-04-26T01:00:00+03:00", True)
    assert (art.updated.isoformat(), art.updated_only) == ("2024-04-26T01:00:00+03:00", True)
    assert art.expires.isoformat() == "2024-04-26T01:00:00+03:00"  # the end of 2024-04-25
    (warning,) = [w for w in loaded.warnings if w.code == "expires-before-date"]
    assert "expires (2024-04-25) is not after date (2024-04-26)" in warning.message


def test_an_expiry_warning_prints_a_day_as_written(tmp_path):
    # /tmp/attack47/r9-expires-dateonly-removed-a-day-early.sh: the warning printed an invented
    # `2024-11-20T00:00:00+03:00` for `expires: 2024-11-20`
    path = tmp_path / "gone.md"
    path.write_text("---\ntitle: خبر\ndate: 2024-11-21T10:00:00+03:00\nexpires: 2024-11-20\n---\n\nنص.\n",
                    encoding="utf-8")
    (warning,) = [w for w in load_article(path, "gone.md", parse_config({}, "site.yaml")[0]).warnings
                  if w.code == "expires-before-date"]
    assert warning.message.startswith("expires (2024-11-20) is not after date (2024-11-21T10:00:00+03:00)")
    same_day = tmp_path / "same.md"  # kept through 2024-11-21, after the 10:00 publication
    same_day.write_text("---\ntitle: خبر\ndate: 2024-11-21T10:00:00+03:00\nexpires: 2024-11-21\n---\n\nنص.\n",
                        encoding="utf-8")
    loaded = load_article(same_day, "same.md", parse_config({}, "site.yaml")[0])
    assert not [w for w in loaded.warnings if w.code == "expires-before-date"]
    assert loaded.article.expires.isoformat() == "2024-11-22T00:00:00+02:00"  # Africa/Cairo, the default


# /tmp/attack48/r4-updated-before-date-shown-silently.sh: `updated:` before `date:` (a slip while
# writing a correction) was shown silently as «آخر تحديث» before the publication.
def test_updated_before_date_is_warned_about_and_dated_at_the_publication(tmp_path):
    a = load(tmp_path, "---\ntitle: خبر\ndate: 2024-11-20T10:00\nupdated: 2024-11-19T10:00\ncorrection: تصحيح\n---\nنص.\n")
    (warning,) = [w for w in a.warnings if w.code == "updated-before-date"]
    assert (warning.line, warning.field, warning.severity.value) == (4, "updated", "warning")
    assert warning.path.endswith("article.md")
    assert warning.message.startswith("updated (2024-11-19T10:00:00+03:00) is before date (2024-11-20T10:00:00+03:00)")
    assert "updated:" in warning.hint
    assert a.article.updated == a.article.date  # the page, the note and JSON-LD all say the publication time
    assert (a.article.updated.isoformat(), a.article.updated_only) == ("2024-11-20T10:00:00+03:00", False)


def test_day_only_updated_before_the_publications_day_is_warned_about_with_the_day_as_written(tmp_path):
    a = load(tmp_path, "---\ntitle: خبر\ndate: 2024-11-20\nlastmod: 2024-11-19\n---\nنص.\n")
    (warning,) = [w for w in a.warnings if w.code == "updated-before-date"]
    assert (warning.line, warning.field) == (4, "lastmod")
    assert warning.message.startswith("lastmod (2024-11-19) is before date (2024-11-20)")
    assert (a.article.updated.isoformat(), a.article.updated_only) == ("2024-11-20T00:00:00+03:00", True)


@pytest.mark.parametrize("date, updated", [("2024-11-20T15:00", "2024-11-20"),  # corrected the day it went out
                                           ("2024-11-20", "2024-11-20T09:00"),
                                           ("2024-11-20T10:00", "2024-11-20T10:00"),
                                           ("2024-11-20T10:00", "2024-11-21T08:00")])
def test_updated_on_or_after_the_publication_is_kept_as_written(tmp_path, date, updated):
    a = load(tmp_path, f"---\ntitle: خبر\ndate: {date}\nupdated: {updated}\n---\nنص.\n")
    assert [w for w in a.warnings if w.code == "updated-before-date"] == []
    assert a.article.updated.isoformat()[:16] == (updated + "T00:00")[:16]
    assert a.article.updated_only == ("T" not in updated)


def test_bytes_read_already_are_loaded_as_the_file_would_be_and_judged_alike(tmp_path):
    # Issue 10: the load stage hands over the bytes the cache key digested (sitegen.loading).
    missing = tmp_path / "gone.md"  # not looked at when the bytes are given
    data = "---\ntitle: خبر من الذاكرة\n---\nنص الخبر.\n".encode("utf-8")
    a = load_article(missing, "gone.md", RIYADH, data=data).article
    assert (a.title, a.paragraphs) == ("خبر من الذاكرة", ("نص الخبر.",))
    small, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh", "max_file_bytes": len(data) - 1}, "site.yaml")
    for config, given, code in ((small, data, "too-large"), (RIYADH, b"\xef\xbb\xbf \n\t", "empty")):
        with pytest.raises(SitegenError) as raised:
            load_article(missing, "gone.md", config, data=given)
        assert [(d.path, d.code) for d in raised.value.diagnostics] == [("gone.md", code)]
