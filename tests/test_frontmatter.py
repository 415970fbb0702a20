"""Front matter as editors write it: BOM, CRLF, colons, YAML 1.1 traps, bad values, errors with a place."""

from __future__ import annotations

import dataclasses
import re

import pytest

from helpers import make_site, run_cli
from sitegen.config import parse_config
from sitegen.errors import SitegenError
from sitegen.loaders.article import load_article, read_text
from sitegen.loaders.frontmatter import split_front_matter

RIYADH, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")
NEW_YORK, _ = parse_config({"locale": "ar", "timezone": "America/New_York"}, "site.yaml")

ARTICLE_LF = (
    "---\n"
    "title: افتتاح معرض الحرف اليدوية في الميناء القديم\n"
    "date: 2024-11-21T18:00:00+03:00\n"
    "tags: [ثقافة, حرف]\n"
    "summary: عشرات الحرفيين يعرضون أعمالهم\n"
    "---\n"
    "\n"
    "افتتح المعرض أبوابه مساء اليوم بمشاركة واسعة.\n"
    "\n"
    "## البرنامج\n"
    "\n"
    "تستمر الفعاليات أسبوعاً كاملاً.\n"
)


def load(tmp_path, text, name="article.md", config=RIYADH):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_article(path, str(path), config)


def load_error(tmp_path, text, name="article.md", config=RIYADH):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(SitegenError) as info:
        load_article(path, str(path), config)
    return str(path), info.value.diagnostics


def same_record(a, b):
    return dataclasses.replace(a, source="x") == dataclasses.replace(b, source="x")


# --- encodings and line endings ---------------------------------------------------------


def test_bom_before_front_matter_is_ignored(tmp_path):
    loaded = load(tmp_path, b"\xef\xbb\xbf" + ARTICLE_LF.encode("utf-8"))
    a = loaded.article
    assert a.title == "افتتاح معرض الحرف اليدوية في الميناء القديم"
    assert a.tags == ("ثقافة", "حرف")
    assert "title:" not in a.body_html and "---" not in a.body_html and "<hr" not in a.body_html
    assert same_record(a, load(tmp_path, ARTICLE_LF, name="lf.md").article)


def test_crlf_file_gives_the_same_record_as_lf(tmp_path):
    crlf = ARTICLE_LF.replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "crlf.md"
    path.write_bytes(crlf)
    assert "\r" not in read_text(path, str(path), 10_000)
    a = load(tmp_path, crlf, name="crlf.md").article
    b = load(tmp_path, ARTICLE_LF, name="lf.md").article
    assert same_record(a, b)
    assert a.title == "افتتاح معرض الحرف اليدوية في الميناء القديم"
    assert a.summary == "عشرات الحرفيين يعرضون أعمالهم"
    assert a.headings == ("البرنامج",)


def test_bom_and_crlf_together(tmp_path):
    data = b"\xef\xbb\xbf" + ARTICLE_LF.replace("\n", "\r\n").encode("utf-8")
    a = load(tmp_path, data).article
    assert same_record(a, load(tmp_path, ARTICLE_LF, name="lf.md").article)


# --- YAML traps -------------------------------------------------------------------------


def test_quoted_title_with_colon(tmp_path):
    loaded = load(tmp_path, '---\ntitle: "عاجل: المجلس البلدي يقر خطة النظافة"\ndate: 2024-11-21\n---\nنص.\n')
    assert loaded.article.title == "عاجل: المجلس البلدي يقر خطة النظافة"
    assert loaded.warnings == ()


def test_unquoted_title_with_colon_is_repaired_with_a_warning_on_line_2(tmp_path):
    source = str(tmp_path / "article.md")
    loaded = load(tmp_path, "---\ntitle: عاجل: المجلس البلدي يقر خطة النظافة\ndate: 2024-11-21\n---\nنص.\n")
    assert loaded.article.title == "عاجل: المجلس البلدي يقر خطة النظافة"
    warnings = [w for w in loaded.warnings if w.code == "yaml-unquoted-colon"]
    assert len(warnings) == 1
    assert warnings[0].path == source and warnings[0].line == 2
    assert not warnings[0].is_error
    assert warnings[0].format().startswith(f"{source}:2: warning yaml-unquoted-colon: ")


def test_unquoted_colon_warning_names_the_right_line(tmp_path):
    loaded = load(tmp_path, "---\ndate: 2024-11-21\ntags: [بلدية]\nsubtitle: تصريح: العمل يبدأ غداً\n---\nنص.\n")
    assert loaded.article.subtitle == "تصريح: العمل يبدأ غداً"
    assert [w.line for w in loaded.warnings if w.code == "yaml-unquoted-colon"] == [4]


@pytest.mark.parametrize("value", ["عاجل : المجلس يجتمع غداً", "2024: عام المشاريع الكبرى",
                                   'تنبيه: "الدفاع المدني" يحذر من العاصفة', "عاجل: الفريق رقم #1 في الدوري"])
def test_colon_repair_keeps_the_whole_value(tmp_path, value):
    loaded = load(tmp_path, f"---\ntitle: {value}\ndate: 2024-11-21\n---\nنص.\n")
    assert loaded.article.title == value
    assert [w.line for w in loaded.warnings if w.code == "yaml-unquoted-colon"] == [2]


def test_clock_time_stays_a_string():
    front = split_front_matter("---\nshow_time: 14:30\n---\n", "a.md")
    assert front.data["show_time"] == "14:30"


def test_clock_time_as_subtitle_is_text(tmp_path):
    a = load(tmp_path, "---\ntitle: موعد المباراة\nsubtitle: 14:30\ndate: 2024-11-21\n---\nنص.\n").article
    assert a.subtitle == "14:30"


@pytest.mark.parametrize("word", ["no", "on", "yes", "off", "y", "n", "NO"])
def test_yaml11_booleans_stay_strings(tmp_path, word):
    a = load(tmp_path, f"---\ntitle: {word}\ndate: 2024-11-21\ntags: [{word}, أخرى]\n---\nنص.\n").article
    assert a.title == word
    assert a.tags == (word, "أخرى")


@pytest.mark.parametrize("word, draft", [("true", True), ("yes", True), ("on", True), ("ON", True), ("Yes", True),
                                         ("false", False), ("no", False), ("off", False), ("Off", False), ("NO", False)])
def test_draft_takes_true_false_yes_no_on_off(tmp_path, word, draft):
    a = load(tmp_path, f"---\ntitle: مسودة خبر السوق\ndate: 2024-11-21\ndraft: {word}\n---\nنص.\n").article
    assert a.draft is draft


@pytest.mark.parametrize("word", ["1", "0", "maybe", "[yes]"])
def test_draft_of_another_word_is_an_error(tmp_path, word):
    _, (diag,) = load_error(tmp_path, f"---\ntitle: مسودة خبر السوق\ndraft: {word}\n---\nنص.\n")
    assert (diag.code, diag.line, diag.field) == ("bad-value", 3, "draft")
    assert diag.message.startswith("draft: expected true or false, got ")
    assert diag.hint == "write draft: true or draft: false"


def test_date_in_front_matter_is_read_in_site_timezone(tmp_path):
    a = load(tmp_path, "---\ntitle: خبر\ndate: 2024-11-21 09:30\n---\nنص.\n").article
    assert a.date.isoformat() == "2024-11-21T09:30:00+03:00"


def test_date_with_explicit_offset_keeps_the_instant(tmp_path):
    a = load(tmp_path, "---\ntitle: خبر\ndate: 2024-11-20T22:30:00Z\n---\nنص.\n").article
    assert a.date.utcoffset().total_seconds() == 0
    assert (a.date.year, a.date.month, a.date.day, a.date.hour, a.date.minute) == (2024, 11, 20, 22, 30)


def test_arabic_indic_digits_in_date(tmp_path):
    a = load(tmp_path, "---\ntitle: خبر\ndate: \"٢٠٢٤-١١-٢١ ٠٩:٣٠\"\n---\nنص.\n").article
    assert a.date.isoformat() == "2024-11-21T09:30:00+03:00"


@pytest.mark.parametrize("key", ["updated", "lastmod"])
def test_updated_written_as_a_day_is_a_date_like_date(tmp_path, key):
    # /tmp/attack46/r17-dateonly-updated-invented-midnight.sh: updated: 2024-11-21 is a day, as
    # date: 2024-11-21 is (README "Corrections and dates"), not a time of 00:00.
    a = load(tmp_path, f"---\ntitle: خبر\ndate: 2024-11-20\n{key}: 2024-11-21\n---\nنص.\n").article
    assert (a.date_only, a.updated_only) == (True, True)
    assert a.updated.isoformat() == "2024-11-21T00:00:00+03:00"  # local midnight, for feeds and order
    timed = load(tmp_path, f"---\ntitle: خبر\ndate: 2024-11-20T10:00\n{key}: \"٢٠٢٤-١١-٢١ ٠٩:٣٠\"\n---\nنص.\n").article
    assert (timed.date_only, timed.updated_only) == (False, False)
    arabic_digits = load(tmp_path, f"---\ntitle: خبر\n{key}: \"٢٠٢٤-١١-٢١\"\n---\nنص.\n").article
    assert arabic_digits.updated_only and arabic_digits.date is None and not arabic_digits.date_only


def test_ambiguous_autumn_time_takes_the_first_occurrence(tmp_path):
    a = load(tmp_path, "---\ntitle: خبر\ndate: 2024-11-03T01:30\n---\nنص.\n", config=NEW_YORK).article
    assert a.date.isoformat() == "2024-11-03T01:30:00-04:00"


def test_unknown_key_is_a_warning_naming_the_key(tmp_path):
    loaded = load(tmp_path, "---\ntitle: خبر\ndate: 2024-11-21\ncolour: أزرق\n---\nنص.\n")
    assert loaded.article.title == "خبر"
    unknown = [w for w in loaded.warnings if w.code == "unknown-key"]
    assert len(unknown) == 1 and "colour" in unknown[0].message and not unknown[0].is_error
    assert unknown[0].path == str(tmp_path / "article.md")


def test_body_line_counts_from_the_file(tmp_path):
    front = split_front_matter("---\ntitle: x\ndate: 2024-11-21\n---\nأول سطر\n", "a.md")
    assert front.body_line == 5
    assert front.body == "أول سطر\n"


def test_yaml_error_line_is_a_file_line():
    with pytest.raises(SitegenError) as info:
        split_front_matter("---\ntitle: خبر\ndate: 2024-11-21\n\ttags: [a]\n---\nنص\n", "news/a.md")
    (diag,) = info.value.diagnostics
    assert (diag.path, diag.code, diag.line) == ("news/a.md", "yaml-syntax", 4)


# --- errors -----------------------------------------------------------------------------

ERROR_CASES = {
    "unclosed": ("---\ntitle: خبر\ndate: 2024-11-21\n\nنص بلا نهاية للترويسة.\n", "front-matter", NEW_YORK),
    "list": ("---\n- أول\n- ثان\n---\nنص.\n", "front-matter", RIYADH),
    "tags-number": ("---\ntitle: خبر\ndate: 2024-11-21\ntags: 5\n---\nنص.\n", "bad-value", RIYADH),
    "date-word": ("---\ntitle: خبر\ndate: tomorrow\n---\nنص.\n", "bad-value", RIYADH),
    "date-impossible": ("---\ntitle: خبر\ndate: 2024-02-30\n---\nنص.\n", "bad-value", RIYADH),
    "date-in-dst-gap": ("---\ntitle: خبر\ndate: 2024-03-10T02:30\n---\nنص.\n", "bad-value", NEW_YORK),
    "empty": ("", "empty", RIYADH),
    "blank-lines": ("\n  \n\t\n", "empty", RIYADH),
    "bom-only": ("\ufeff", "empty", RIYADH),
    "bad-yaml": ("---\ntitle: [خبر\n---\nنص.\n", "yaml-syntax", RIYADH),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_every_error_names_the_file_and_a_code(tmp_path, case):
    text, code, config = ERROR_CASES[case]
    source, diagnostics = load_error(tmp_path, text, name=f"{case}.md", config=config)
    assert diagnostics, "an error must carry at least one diagnostic"
    for diag in diagnostics:
        assert diag.is_error
        assert diag.path == source
        assert diag.code == code
        assert re.fullmatch(r"[a-z][a-z0-9-]*", diag.code)
        assert re.match(rf"^{re.escape(source)}(:\d+)?: error {code}: \S", diag.format())


def test_unclosed_block_points_at_line_1(tmp_path):
    _, (diag,) = load_error(tmp_path, "---\ntitle: خبر\n\nنص.\n")
    assert diag.line == 1


def test_tags_number_error_mentions_the_key(tmp_path):
    _, (diag,) = load_error(tmp_path, "---\ntitle: خبر\ntags: 5\n---\nنص.\n")
    assert "tags" in diag.message


@pytest.mark.parametrize("value", ["tomorrow", "2024-02-30", "2024-13-01", "21/11/2024"])
def test_bad_date_error_mentions_date_and_value(tmp_path, value):
    _, (diag,) = load_error(tmp_path, f"---\ntitle: خبر\ndate: {value}\n---\nنص.\n")
    assert diag.message.startswith("date:") and value in diag.message


def test_dst_gap_error_but_neighbouring_times_load(tmp_path):
    _, (diag,) = load_error(tmp_path, "---\ntitle: خبر\ndate: 2024-03-10T02:30\n---\nنص.\n", config=NEW_YORK)
    assert "date" in diag.message
    after = load(tmp_path, "---\ntitle: خبر\ndate: 2024-03-10T03:30\n---\nنص.\n", name="b.md", config=NEW_YORK)
    assert after.article.date.isoformat() == "2024-03-10T03:30:00-04:00"
    explicit = load(tmp_path, "---\ntitle: خبر\ndate: 2024-03-10T02:30:00-05:00\n---\nنص.\n", name="c.md",
                    config=NEW_YORK)
    assert explicit.article.date.isoformat() == "2024-03-10T02:30:00-05:00"


def test_fence_lines_with_trailing_spaces_and_dots_close(tmp_path):
    a = load(tmp_path, "---  \ntitle: خبر الصباح\ndate: 2024-11-21\n...\t\nنص الخبر.\n").article
    assert a.title == "خبر الصباح"
    assert a.paragraphs == ("نص الخبر.",)


def test_file_without_front_matter_is_all_body(tmp_path):
    loaded = load(tmp_path, "افتتاح مركز صحي جديد في القرية بحضور الأهالي.\n\nفقرة ثانية.\n")
    assert loaded.article.title is None
    assert loaded.article.paragraphs == ("افتتاح مركز صحي جديد في القرية بحضور الأهالي.", "فقرة ثانية.")
    assert "no-title" in [w.code for w in loaded.warnings]


def test_file_over_the_size_limit_is_an_error(tmp_path):
    config, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh", "max_file_bytes": 200}, "site.yaml")
    text = "---\ntitle: خبر طويل\n---\n" + "كلمة " * 100
    assert len(text.encode()) > 200
    source, (diag,) = load_error(tmp_path, text, config=config)
    assert (diag.path, diag.code) == (source, "too-large")


# --- a key written twice ------------------------------------------------------------------


@pytest.mark.parametrize("title_line", ['title: "خبر ثان"', "title: خبر ثان", "title: 'خبر ثان'",
                                        "title: عاجل: خبر ثان"])
def test_repeated_key_warns_with_file_line_and_key_and_keeps_the_last_value(tmp_path, title_line):
    # flat lines (read without YAML), YAML lines, and a line the colon repair quotes
    loaded = load(tmp_path, f"---\ntitle: خبر أول\ndate: 2024-11-21\n{title_line}\n---\nنص.\n")
    assert loaded.article.title.endswith("خبر ثان")
    (repeat,) = [w for w in loaded.warnings if w.code == "repeated-key"]
    assert (repeat.path, repeat.line, repeat.field) == (str(tmp_path / "article.md"), 4, "title")
    assert not repeat.is_error and "'title'" in repeat.message and "line 2" in repeat.message


def test_repeated_key_error_points_at_the_value_used(tmp_path):
    _, (diag,) = load_error(tmp_path, "---\ntitle: خبر\ndate: 2024-11-21\ndate: tomorrow\n---\nنص.\n")
    assert (diag.code, diag.line) == ("bad-value", 4)


def test_a_key_like_line_inside_a_block_value_is_not_a_repeated_key(tmp_path):
    loaded = load(tmp_path, "---\ntitle: خبر\nsummary: |\n  سطر\ntitle2: x\n---\nنص.\n")
    assert [w for w in loaded.warnings if w.code == "repeated-key"] == []
    front = split_front_matter('---\ntitle: "سطر أول\ntitle: ما زال العنوان"\n---\nنص\n', "a.md")
    assert front.data == {"title": "سطر أول title: ما زال العنوان"} and front.warnings == ()


# --- a field given twice under its two names, or with more values than it holds -----------


@pytest.mark.parametrize("first, second, attribute, value, message", [
    ("section: سياسة", "category: اقتصاد", "section", "سياسة",
     "category: and section: (line 4) both give the section; section: 'سياسة' is used and category: 'اقتصاد' is "
     "left out"),
    ("category: اقتصاد", "section: سياسة", "section", "سياسة",
     "category: and section: (line 5) both give the section; section: 'سياسة' is used and category: 'اقتصاد' is "
     "left out"),
    ("author: [أحمد, منى]", "authors: سارة", "authors", ("سارة",),
     "author: and authors: (line 5) both give the authors; authors: 'سارة' is used and author: [أحمد, منى] is "
     "left out"),
    ("summary: موجز أول", "description: موجز ثان", "summary", "موجز أول",
     "description: and summary: (line 4) both give the summary; summary: 'موجز أول' is used and description: "
     "'موجز ثان' is left out"),
    ("kicker: عنوان فرعي", "subtitle: عنوان تمهيدي", "subtitle", "عنوان تمهيدي",
     "kicker: and subtitle: (line 5) both give the subtitle; subtitle: 'عنوان تمهيدي' is used and kicker: "
     "'عنوان فرعي' is left out"),
    ("updated: 2024-11-22", "lastmod: 2024-11-23", "updated", "2024-11-23",
     "updated: and lastmod: (line 5) both give the time of the last change; lastmod: '2024-11-23' is used and "
     "updated: '2024-11-22' is left out"),
])
def test_a_field_under_both_its_names_warns_at_the_line_left_out_and_keeps_the_value_read(
        tmp_path, first, second, attribute, value, message):
    # attack49 r2: author: [A, B] beside authors: C, or section: beside category:, dropped A and B silently
    loaded = load(tmp_path, f"---\ntitle: خبر\ndate: 2024-11-21\n{first}\n{second}\n---\nنص.\n")
    got = getattr(loaded.article, attribute)
    assert (got.date().isoformat() if attribute == "updated" else got) == value  # as before: the same name wins
    (warning,) = loaded.warnings
    left = message.split(":")[0]
    left_line = 4 if first.startswith(f"{left}:") else 5
    assert (warning.path, warning.line, warning.code, warning.field, warning.is_error) == (
        str(tmp_path / "article.md"), left_line, "repeated-field", left, False)
    assert warning.message == message
    if attribute != "authors":
        assert warning.hint == f"delete one of the two lines (delete {left}: to keep what is published now)"


def test_authors_beside_author_says_how_to_write_them_all_in_one_line(tmp_path):
    loaded = load(tmp_path, "---\ntitle: خبر\ndate: 2024-11-21\nauthor: [أحمد, منى]\nauthors: سارة\n---\nنص.\n")
    (warning,) = [w for w in loaded.warnings if w.code == "repeated-field"]
    assert warning.message == ("author: and authors: (line 5) both give the authors; authors: 'سارة' is used and "
                               "author: [أحمد, منى] is left out")
    assert warning.hint == "write every author in one line, authors: [أحمد, منى, سارة], and delete the author: line"


@pytest.mark.parametrize("lines, section", [("section:\ncategory: اقتصاد", "اقتصاد"),
                                            ("section: اقتصاد\ncategory:", "اقتصاد"),
                                            ("section: اقتصاد\ncategory: اقتصاد", "اقتصاد"),
                                            ('section: ""\ncategory: [اقتصاد]', "اقتصاد")])
def test_a_name_that_gives_nothing_yields_to_the_other_without_a_warning(tmp_path, lines, section):
    # an empty section: beside category: اقتصاد filed the article under no section
    loaded = load(tmp_path, f"---\ntitle: خبر\ndate: 2024-11-21\n{lines}\n---\nنص.\n")
    assert loaded.article.section == section
    assert [w.code for w in loaded.warnings] == []


@pytest.mark.parametrize("lines", ["author: سارة\nauthors: [منى, سارة]", "authors: سارة، منى\nauthor: [منى]"])
def test_an_author_the_other_name_gives_too_is_no_loss_and_says_nothing(tmp_path, lines):
    loaded = load(tmp_path, f"---\ntitle: خبر\ndate: 2024-11-21\n{lines}\n---\nنص.\n")
    assert set(loaded.article.authors) == {"سارة", "منى"}
    assert loaded.warnings == ()


def test_a_bad_value_under_the_name_not_used_is_still_an_error(tmp_path):
    _, diagnostics = load_error(tmp_path, "---\ntitle: خبر\ndate: 2024-11-21\nupdated: tomorrow\nlastmod: 2024-11-23\n"
                                          "---\nنص.\n")
    assert [(d.code, d.line, d.field) for d in diagnostics] == [("bad-value", 4, "updated")]


@pytest.mark.parametrize("line, used, others", [
    ("section: [سياسة, اقتصاد]", "سياسة", ["اقتصاد"]),
    ("category: [سياسة, اقتصاد, رياضة, سياسة]", "سياسة", ["اقتصاد", "رياضة"]),
    ('section: ["", اقتصاد, رياضة]', "اقتصاد", ["رياضة"]),
])
def test_a_list_of_sections_keeps_the_first_and_warns_naming_the_others(tmp_path, line, used, others):
    # attack49 r2: section: [سياسة, اقتصاد] filed the article under سياسة and dropped اقتصاد silently
    loaded = load(tmp_path, f"---\ntitle: خبر\ndate: 2024-11-21\n{line}\n---\nنص.\n")
    assert loaded.article.section == used
    key = line.split(":")[0]
    (warning,) = loaded.warnings
    assert (warning.code, warning.line, warning.field, warning.is_error) == ("bad-value", 4, key, False)
    listed = line.split(": ", 1)[1].replace('""', "")
    assert warning.message == (f"{key}: {listed} names {len(others) + 1} sections and an article is filed under one: "
                               f"{used!r} is used, {', '.join(map(repr, others))} {'is' if len(others) == 1 else 'are'}"
                               " left out")
    assert warning.hint == f"write one section ({key}: {used}) and give the others as tags (tags: [{', '.join(others)}])"


@pytest.mark.parametrize("line", ["section: [سياسة]", "section: [سياسة, سياسة]", 'section: [سياسة, ""]'])
def test_a_list_of_one_section_says_nothing(tmp_path, line):
    loaded = load(tmp_path, f"---\ntitle: خبر\ndate: 2024-11-21\n{line}\n---\nنص.\n")
    assert (loaded.article.section, loaded.warnings) == ("سياسة", ())


@pytest.mark.parametrize("line, what, aliases", [('aliases: [""]', "[''] holds 1 empty item", ()),
                                                 ('aliases: ""', "'' is empty", ()),
                                                 ('aliases: [/news/1.html, "", " "]',
                                                  "['/news/1.html', '', ' '] holds 2 empty items", ("/news/1.html",))])
def test_an_empty_alias_is_left_out_with_a_warning(tmp_path, line, what, aliases):
    # attack49: aliases: [""] was ignored without a word
    loaded = load(tmp_path, f"---\ntitle: خبر\ndate: 2024-11-21\n{line}\n---\nنص.\n")
    assert loaded.article.aliases == aliases
    (warning,) = loaded.warnings
    assert (warning.code, warning.line, warning.field, warning.is_error) == ("bad-value", 4, "aliases", False)
    assert warning.message == f"aliases: {what}: no old address to redirect; left out"
    assert warning.hint.startswith("delete the empty alias, or write the old address's path")


@pytest.mark.parametrize("line", ["aliases:", "aliases: []"])
def test_no_alias_given_says_nothing(tmp_path, line):
    loaded = load(tmp_path, f"---\ntitle: خبر\ndate: 2024-11-21\n{line}\n---\nنص.\n")
    assert (loaded.article.aliases, loaded.warnings) == ((), ())


def test_regression_attack49_r2_silent_drop_section_list_author_authors(tmp_path):
    # regression (/tmp/attack49/r2-silent-drop-section-list-author-authors.sh): `check` exited 0 and
    # printed nothing for a section list and for author: beside authors:
    site = make_site(tmp_path, {
        "a.md": "---\ntitle: one\ndate: 2024-11-21\nsection: [سياسة, اقتصاد]\n---\nbody one\n",
        "b.md": "---\ntitle: two\ndate: 2024-11-21\nauthor: [أحمد, منى]\nauthors: سارة\n---\nbody two\n",
    })
    proc = run_cli(["check"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    told = [line for line in proc.stderr.splitlines() if line.startswith("content/")]
    assert told == [
        "content/a.md:4: warning bad-value: section: [سياسة, اقتصاد] names 2 sections and an article is filed "
        "under one: 'سياسة' is used, 'اقتصاد' is left out — write one section (section: سياسة) and give the "
        "others as tags (tags: [اقتصاد])",
        "content/b.md:4: warning repeated-field: author: and authors: (line 5) both give the authors; authors: "
        "'سارة' is used and author: [أحمد, منى] is left out — write every author in one line, authors: "
        "[أحمد, منى, سارة], and delete the author: line",
    ]


# --- every bad value of a file at once ----------------------------------------------------


def test_every_bad_front_matter_value_of_a_file_is_reported_in_one_go(tmp_path):
    source, diagnostics = load_error(tmp_path, "---\ntitle: [خبر]\ndate: tomorrow\ntags: 5\ndraft: maybe\n"
                                               "url: https://other.example/x\ndir: sideways\n---\nنص.\n")
    assert [(d.path, d.line, d.code, d.field) for d in diagnostics] == [
        (source, 2, "bad-value", "title"), (source, 3, "bad-value", "date"), (source, 6, "bad-value", "url"),
        (source, 4, "bad-value", "tags"), (source, 5, "bad-value", "draft"), (source, 7, "bad-value", "dir")]
    assert all(d.is_error and d.message.startswith(f"{d.field}:") for d in diagnostics)
