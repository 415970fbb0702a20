"""Markdown bodies that would cost Python-Markdown many seconds are refused ``too-large`` before
they are rendered, each at the line where its limit is passed (sitegen.body_limits, checked by
sitegen.loaders.article): inline marks — entities, escapes and hard line breaks as well as
`` ` * _ [ `` — one paragraph or list item at a time and in the whole body, those marks times
the length of their paragraph, blocks, headings and rules cutting long paragraphs, and quoted
lines weighed by their depth. The repros are /tmp/attack49/r1-… and r3-…; the other shapes
were found while measuring them. No test here is timed: each checks what is counted and where
the limit is passed."""

from __future__ import annotations

import random
import re

import pytest
from markdown import util
from markdown.blockprocessors import HashHeaderProcessor, HRProcessor, SetextHeaderProcessor

from sitegen.config import parse_config
from sitegen.errors import SitegenError
from sitegen.loaders import article as article_loader
from sitegen.loaders.article import load_article
from sitegen.markdown_parser import _markdown_parser, convert
from sitegen.body_limits import (
    _ITEM_START, MAX_ANGLE_BRACKETS, MAX_BLOCKS, MAX_BODY_INLINE_MARKS, MAX_INLINE_MARKS, MAX_INLINE_WORK,
    MAX_QUOTED_LINES, _heading_line, _inline_texts, _rule_line, _underline, angle_brackets_over, block_cuts_over,
    blocks_over, inline_marks_over,
    inline_marks_total_over, inline_work_over, quoted_lines_over,
)

RIYADH, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")
FRONT = "---\ntitle: خبر\ndate: 2024-11-21T10:00:00+03:00\n---\n"  # the body starts on line 5
LEAD = "\nافتتحت البلدية مكتبة عامة.\n\n"  # after FRONT: the next paragraph starts on line 8


def load(tmp_path, text):
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    return load_article(path, str(path), RIYADH)


@pytest.fixture
def refusal(tmp_path, monkeypatch):
    """The one diagnostic of loading ``FRONT + body``, which must be refused before rendering."""
    def never(*args, **kwargs):
        raise AssertionError("the body was rendered before its cost was counted")

    monkeypatch.setattr(article_loader, "markdown_body", never)

    def refused(body):
        with pytest.raises(SitegenError) as info:
            load(tmp_path, FRONT + body)
        [diagnostic] = info.value.diagnostics
        assert (diagnostic.code, diagnostic.path) == ("too-large", str(tmp_path / "article.md"))
        return diagnostic

    return refused


# --- inline marks: entities, escapes and hard line breaks count ---------------------------


@pytest.mark.parametrize("piece, marks", [("&amp;", 1), ("&#1575;", 1), ("&copy; ", 1), ("\\-", 1), ("\\\\", 2),
                                          ("كلمة  \n", 1), ("`x` ", 2), ("*أ* ", 2), ("_أ_ ", 2), ("[a](b) ", 1)])
def test_every_kind_of_inline_mark_is_counted_to_the_exact_limit(piece, marks):
    body = "نص\n\n" + piece * (MAX_INLINE_MARKS // marks)
    assert inline_marks_over(body) is None
    assert inline_marks_over(body + "*") == 3


def test_a_line_ending_in_a_tab_or_spaces_before_markdowns_own_marks_is_a_line_break():
    # Python-Markdown expands tabs and drops STX/ETX before reading "  \n" as a line break
    assert "<br" in convert("أ\t\nب") and "<br" in convert("أ  \x02\nب")
    for line in ("كلمة\t\n", "كلمة  \x02\n"):
        assert inline_marks_over("نص\n\n" + line * MAX_INLINE_MARKS) is None
        assert inline_marks_over("نص\n\n" + line * (MAX_INLINE_MARKS + 1) + "ب") == 3


@pytest.mark.parametrize("name, body", [("amp", "&amp;" * 60_000), ("esc", "\\-" * 60_000), ("br", "a  \n" * 60_000)])
def test_regression_r1_entities_escapes_and_line_breaks_are_refused_before_rendering(refusal, name, body):
    """regression (/tmp/attack49/r1-markdown-quadratic-entities-escapes-linebreaks.sh): 60,000
    ``&amp;``, ``\\-`` or line breaks in one ~300 KB paragraph took 11–14 s each to extract;
    they were not counted as inline markup."""
    diagnostic = refusal(LEAD + body + "\n")
    assert diagnostic.line == 8
    assert f"more than {MAX_INLINE_MARKS:,} inline markup characters (` * _ [ & \\)" in diagnostic.message
    assert "line breaks (lines ending in two spaces)" in diagnostic.message
    assert "&amp;" in diagnostic.hint and "spaces at the ends of lines" in diagnostic.hint


def test_a_poem_and_a_paragraph_of_hundreds_of_entities_still_build(tmp_path):
    poem = "\n".join(f"بيت رقم {i} من القصيدة  " for i in range(400))  # a line break after each line
    names = " ".join(f"الشركة رقم {i} &amp; شركاؤها &#1575;&#1604; \\*" for i in range(300))
    html = load(tmp_path, FRONT + LEAD + poem + "\n\n" + names + "\n").article.body_html
    assert html.count("<br") == 399 and html.count("شركاؤها") == 300 and "&amp; شركاؤها ال *" in html


# --- inline marks times the length of their paragraph ---------------------------------------


def test_inline_work_is_marks_times_length_and_their_growth_and_its_limit_exact():
    text = "*" * 10 + "ب" * 89  # 10 marks; 99 characters and the line end: 10 × 100 + 6 × 10²
    assert inline_work_over(text, 1600) is None
    assert inline_work_over(text, 1599) == 1
    body = "\n\n".join([text] * 3)  # summed over the paragraphs: the third passes 4,799
    assert inline_work_over(body, 4800) is None
    assert inline_work_over(body, 4799) == 5
    tags = "<" * 10 + "ب" * 89  # ``<`` times the length, no growth (tags are counted on their own)
    assert inline_work_over(tags, 1000) is None
    assert inline_work_over(tags, 999) == 1


def test_a_long_paragraph_with_thousands_of_marks_is_refused_though_under_the_mark_limit(refusal):
    """Found measuring r1: 1 MB of text and 9,900 ``*a*`` in one paragraph, under the limit of
    20,000 marks, took 16 s (each match copies the whole paragraph)."""
    body = "كلمة " * 200_000 + "*a* " * 9_900
    assert inline_marks_over(body) is None
    diagnostic = refusal(LEAD + body + "\n")
    assert diagnostic.line == 8
    assert f"times its length and their number, come to more than {MAX_INLINE_WORK:,}" in diagnostic.message


def test_raw_html_tags_count_times_the_length_of_their_paragraph(refusal):
    # under the limit of 20,000 tags, but 2,400 inline tags in a 900 KB paragraph
    diagnostic = refusal(LEAD + "نص\n\n" + "<b>x</b> " * 1200 + "كلمة " * 100_000 + "\n")
    assert diagnostic.line == 10 and "<, and line breaks" in diagnostic.message


def test_a_pasted_html_table_of_a_thousand_rows_still_builds_and_a_longer_one_with_blank_lines(tmp_path):
    rows = [f"<tr><td>المدينة رقم {i}</td><td>{i * 7}</td><td>{i * 3}</td><td>نسبة</td></tr>" for i in range(1800)]
    html = load(tmp_path, FRONT + LEAD + "<table>\n" + "\n".join(rows[:1000]) + "\n</table>\n").article.body_html
    assert html.count("<tr>") == 1000
    # a raw HTML block is weighed a row at a time (set aside whole, never read inline): a table
    # of 1,800 rows is published, with or without a blank line between its rows (/tmp/attack49d/r1)
    assert inline_work_over("<table>\n" + "\n".join(rows) + "\n</table>") is None
    html = load(tmp_path, FRONT + LEAD + "<table>\n" + "\n".join(rows) + "\n</table>\n").article.body_html
    assert html.count("<tr>") == 1800
    html = load(tmp_path, FRONT + LEAD + "<table>\n" + "\n\n".join(rows) + "\n</table>\n").article.body_html
    assert html.count("<tr>") == 1800


# --- list items are read one by one --------------------------------------------------------

#: 8 marks each: [ ** ** & ` `
_SOURCES = [f"[المصدر رقم {i}](https://example.com/{i}) **مهم** &amp; `x`" for i in range(3000)]


@pytest.mark.parametrize("marker", ["- ", "* ", "+ ", "1. "])
def test_the_items_of_a_long_list_are_counted_one_by_one(marker):
    items = "\n".join(marker + source for source in _SOURCES)  # 24,000 marks, a bullet * not one of them
    assert inline_marks_over(items) is None and inline_work_over(items) is None
    assert convert("\n".join(items.split("\n")[:300])).count("<li>") == 300  # a list, read item by item
    # the same lines under a line of text are one paragraph: a list cannot interrupt it
    assert inline_marks_over("المصادر:\n" + items) == 1


def test_a_list_item_or_heading_of_tens_of_thousands_of_marks_is_refused_at_its_line():
    assert inline_marks_over("- بند\n- " + "&amp;" * (MAX_INLINE_MARKS + 1)) == 2
    assert inline_marks_over("# عنوان " + "\\-" * (MAX_INLINE_MARKS + 1)) == 1


def test_the_lines_that_cut_a_paragraph_are_read_as_python_markdown_reads_them():
    hr, heading, setext = HRProcessor.SEARCH_RE, HashHeaderProcessor.RE, SetextHeaderProcessor.RE
    parser = _markdown_parser().parser.blockprocessors
    bullets, numbers = parser["ulist"].CHILD_RE, parser["olist"].CHILD_RE
    rng = random.Random(49)
    for _ in range(50_000):
        line = "".join(rng.choice("-_*=# \\xا١1.+>") for _ in range(rng.randint(1, 9)))
        item = _ITEM_START.match(line)
        assert _rule_line(line) == bool(hr.match(line)), line
        assert _heading_line(line) == bool(heading.match(line)), line
        assert _underline(line) == bool(setext.match("x\n" + line)), line
        assert bool(item and item["bullet"]) == bool(bullets.match(line)), line
        assert bool(item and not item["bullet"]) == bool(numbers.match(line)), line


def test_no_text_python_markdown_reads_inline_spans_two_texts_counted_apart():
    """Every text Python-Markdown's block parser leaves for its inline processor lies within one
    text of :func:`_inline_texts`, on random bodies of items, headings, rules, underlines,
    quotes, code, tables and raw HTML (each line tagged ``LNz`` with its number)."""
    kinds = ["- *L*", "* *L*", "+ *L*", "1. *L*", "2. *L*", "١. *L*", "  - *L*", "    - *L*", "*L*", "*L*", "", "",
             "# *L*", "#*L*\\", "#\\\\", "---", "- - -", "***", "___", "===", "-", "=", "  ---", "    ---", "--",
             "> *L*", "> - *L*", "- > *L*", "[a]: /x", "    *L*", "```", "~~~", "1) *L*", "-*L*", "*L*  ", "\t- *L*",
             "######## *L*", "--- *L*", "-  -  -", "-   -   -", "| a | *L* |", "|---|---|", "<div>", "</div>",
             "<!--", "-->", "<div>*L*", "*L*</div>", "<p>", "- <https://x.y/*L*>", "<b>*L*</b>"]
    rng = random.Random(49)
    md = _markdown_parser()
    read = 0
    for _ in range(1500):
        lines = [rng.choice(kinds).replace("*L*", f"L{n}z") for n in range(rng.randint(1, 24))]
        body = "\n".join(lines)
        text_of = {}
        for number, (start, text) in enumerate(_inline_texts(body)):
            text_of.update(dict.fromkeys(range(start, start + len(text)), number))
        md.reset()
        prepared = body.split("\n")
        for preprocessor in md.preprocessors:
            prepared = preprocessor.run(prepared)
        for element in md.parser.parseDocument(prepared).getroot().iter():
            for inline in (element.text, element.tail):
                if inline and not isinstance(inline, util.AtomicString):
                    read += 1
                    lines_in = {text_of.get(int(n) + 1, ("no text", n)) for n in re.findall(r"L(\d+)z", inline)}
                    assert len(lines_in) <= 1, (body, inline)
    assert read > 3000


# --- inline marks in the whole body ---------------------------------------------------------


def test_inline_marks_are_limited_in_the_whole_body_however_short_its_paragraphs(refusal):
    """Found measuring r1: 10,000 short paragraphs of ten ``[a](b)`` each took 6 s (each match
    costs Python-Markdown tens of µs)."""
    paragraphs = ["ب " + "[a](b) " * 10] * (MAX_BODY_INLINE_MARKS // 10)
    body = "\n\n".join(paragraphs)
    assert inline_marks_over(body) is None and inline_marks_total_over(body) is None
    assert inline_marks_total_over(body + "\n\nب *") == 2 * len(paragraphs) + 1
    diagnostic = refusal(LEAD + body + "\n\nب *\n")
    assert diagnostic.line == 8 + 2 * len(paragraphs)
    assert f"more than {MAX_BODY_INLINE_MARKS:,} inline markup characters" in diagnostic.message


# --- blocks --------------------------------------------------------------------------------


@pytest.mark.parametrize("blank_lines", range(1, 7))
def test_blocks_are_counted_where_python_markdown_cuts_the_body(blank_lines):
    text = "*أ*" + "\n" * (blank_lines + 1) + "ب"
    blocks = len(text.split("\n\n"))  # Python-Markdown's cut
    assert blocks_over(text, blocks) is None
    assert blocks_over(text, blocks - 1) == blank_lines + 2


def test_the_block_limit_is_exact_and_spares_code_and_prose():
    assert blocks_over("*أ*\n\nب\n\nج", 3) is None
    assert blocks_over("*أ*\n\nب\n\nج", 2) == 5
    assert blocks_over("*أ*\n\n```\n" + "x\n\n" * 50 + "```\n\nب", 3) is None  # blank lines in a fence
    prose = "\n\n".join(["فقرة من نص الخبر"] * 50)  # never read by Python-Markdown
    assert blocks_over(prose, 10) is None and blocks_over(prose.replace("نص", "*نص*"), 10) == 21


def test_list_items_are_blocks_at_any_depth():
    items = "مقدمة\n\n" + "- بند\n    - بند داخله\n" * 5 + "```\n- ليس بندا\n```"  # code is no item
    assert blocks_over(items, 12) is None  # the two parts and the 10 items
    assert blocks_over(items, 11) == 12


def test_a_list_of_tens_of_thousands_of_items_is_refused_before_rendering(refusal):
    """Found measuring r3: Python-Markdown reads each list item as a document of its own
    (100,000 one-line items, 800 KB: 2 s; a 5 MB list ~20 s)."""
    diagnostic = refusal(LEAD + "- بند *مهم*\n" * MAX_BLOCKS)
    assert diagnostic.line == 8 + MAX_BLOCKS - 3  # the lead and the front matter's blank line are blocks
    assert "list items" in diagnostic.message


def test_tens_of_thousands_of_blocks_are_refused_before_rendering(refusal):
    """Found measuring r3: Python-Markdown's block parser takes each block off the front of a
    list (quadratic): 100,000 one-word paragraphs took 7 s, 400,000 (1.6 MB) 70 s."""
    body = "ب *ج*\n\n" * MAX_BLOCKS
    assert blocks_over("*أ*\n\n" + body) == 2 * MAX_BLOCKS + 1
    diagnostic = refusal(LEAD + body)
    assert diagnostic.line == 8 + 2 * (MAX_BLOCKS - 2)  # the lead and the front matter's blank line are blocks
    assert f"more than {MAX_BLOCKS:,} blocks" in diagnostic.message


# --- headings, rules and definitions cutting long paragraphs ----------------------------------


def test_lines_that_cut_a_paragraph_cost_its_length_each():
    paragraph = "نص\n# عنوان\nنص\n---\nنص\n===\n[a]: /x"  # 4 lines that may cut it
    size = len(paragraph) + 1
    assert block_cuts_over(paragraph, 4 * size) is None
    assert block_cuts_over(paragraph, 4 * size - 1) == 1
    spaced = paragraph.replace("\n", "\n\n")  # blank lines around them: each alone
    assert block_cuts_over(spaced, 4 * size - 1) is None


def test_a_paragraph_of_thousands_of_rules_is_refused_before_rendering(refusal):
    """Found measuring r3: Python-Markdown copies the rest of a block at each rule or heading it
    takes out of it; 40,000 ``---`` between one-word lines in one block (280 KB) took 18 s."""
    diagnostic = refusal(LEAD + "ع\n---\n" * 20_000)
    assert diagnostic.line == 8
    assert "put a blank line before and after each heading" in diagnostic.hint


# --- quotes --------------------------------------------------------------------------------


def test_quoted_lines_count_once_per_level_at_their_paragraphs_deepest():
    assert quoted_lines_over("> > > أ\n> ب", 6) is None  # 2 lines × 3 levels
    assert quoted_lines_over("> > > أ\n> ب", 5) == 1
    assert quoted_lines_over("> > > أ\nب", 5) == 1  # a lazy line is read at the quote's depth
    assert quoted_lines_over("- > > أ\n1. > ب", 4) is None  # list markers before the quote
    assert quoted_lines_over("- > > أ\n1. > ب", 3) == 1
    assert quoted_lines_over("مثال:\n\n    > > > أ\n    > > > ب", 0) is None  # a code block
    body = "> أ\n\n> > ب\n\n> > > ج"  # 1 + 2 + 3
    assert quoted_lines_over(body, 6) is None
    assert quoted_lines_over(body, 5) == 5


def test_regression_r3_thousands_of_paragraphs_quoted_90_deep_are_refused(refusal):
    """regression (/tmp/attack49/r3-slow-nested-quotes-markdown.sh): 4,000 paragraphs quoted 90
    levels deep (730 KB, under the depth that makes Python-Markdown recurse too deep) took
    8–9 s: ~23 µs a paragraph and level."""
    body = "".join("> " * 90 + "a\n\n" for _ in range(4000))
    passing = MAX_QUOTED_LINES // 90 + 1  # the paragraph that passes the limit
    diagnostic = refusal(body)
    assert diagnostic.line == 5 + 2 * (passing - 1)
    assert f"come to more than {MAX_QUOTED_LINES:,}" in diagnostic.message
    assert "quote at most a few levels deep" in diagnostic.hint


def test_an_article_quoting_an_exchange_five_levels_deep_still_builds(tmp_path):
    exchange = "\n\n".join("> " * (1 + i % 5) + f"قال المتحدث في الرسالة رقم {i} إن الاجتماع تأجل."
                           for i in range(200))
    html = load(tmp_path, FRONT + LEAD + exchange + "\n").article.body_html
    assert html.count("<blockquote>") >= 5 and "الرسالة رقم 199" in html


def _results_table(rows: int) -> tuple[str, str]:
    """An election's results as a Markdown table and as a pasted HTML table, ``rows`` rows each
    with a link to the district's page, its PDF, and the winner in bold."""
    markdown = ["| الدائرة | المرشح الفائز | الأصوات | المحضر |", "| --- | --- | ---: | --- |"]
    html = ["<table>", "<tr><th>الدائرة</th><th>المرشح الفائز</th><th>الأصوات</th></tr>"]
    for n in range(rows):
        markdown.append(f"| [الدائرة {n}](/districts/{n}/) | **مرشح رقم {n}** | {1000 + n} | "
                        f"[محضر](/pdf/{n}.pdf?a=1&amp;b=2) |")
        html.append(f"<tr><td><a href=\"/districts/{n}/\">الدائرة {n}</a></td><td><b>مرشح رقم {n}</b></td>"
                    f"<td>{1000 + n}&nbsp;صوت</td></tr>")
    html.append("</table>")
    return "\n".join(markdown), "\n".join(html)


def test_a_results_table_of_hundreds_of_rows_is_weighed_a_row_at_a_time():
    # regression (/tmp/attack49d r1, r2): an election's results table of hundreds of rows, as a
    # Markdown table or a pasted HTML table (0.1-1 s to render: the tables extension parses each
    # cell alone, a raw HTML block is set aside whole), was weighed as one paragraph and refused
    markdown, html = _results_table(1500)
    assert inline_work_over(markdown) is None
    assert inline_work_over(html) is None
    # the same lines without a header separator, or opening with an inline tag, are one paragraph
    rows = markdown.split("\n")
    not_a_table = "\n".join([rows[0], *rows[2:]])
    assert inline_work_over(not_a_table) == 1
    assert inline_work_over("\n".join(["<span>", *html.split("\n")[1:]])) == 1


# --- every «<» --------------------------------------------------------------------------------


def test_angle_brackets_are_counted_to_the_line_passing_the_limit():
    text = "أ < ب\n<!-- ملاحظة -->\n\n<b>ج</b>"  # 1, 1, then 2 on line 4
    assert angle_brackets_over(text, 4) is None
    assert angle_brackets_over(text, 3) == 4
    assert angle_brackets_over(text, 1) == 2


@pytest.mark.parametrize("paragraph", ["< " * 300, "<!----> " * 75])
def test_bare_brackets_and_comments_by_the_hundred_thousand_are_refused(refusal, paragraph):
    # regression (/tmp/attack49d r4, r5): short paragraphs of bare «<» (2.9 MB: 9-15 s) or inline
    # comments (4.8 MB: 9-19 s) passed every other limit; the raw HTML pass reads each «<» apart
    per_paragraph = paragraph.count("<")
    body = LEAD + ("نص " + paragraph + "\n\n") * (MAX_ANGLE_BRACKETS // per_paragraph + 1)
    diagnostic = refusal(body)
    assert "«<»" in diagnostic.message
    assert diagnostic.line == 8 + 2 * (MAX_ANGLE_BRACKETS // per_paragraph)
