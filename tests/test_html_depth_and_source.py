"""Raw HTML in content that would cost a build dearly or publish garbage (newcomer report):
a Markdown body whose HTML nests thousands of levels deep (the sanitiser's time is quadratic in
the depth: 200,000 ``<div>`` took over 3 minutes) is refused ``too-deep`` before it is rendered;
a page's HTML source saved as ``.txt`` is refused ``html-source`` even when the dump reader
would find a "headline" in its markup."""

from __future__ import annotations

import re

import pytest

from helpers import article, article_pages, build_site
from sitegen.config import parse_config
from sitegen.errors import SitegenError
from sitegen.loaders import article as article_loader
from sitegen.loaders.article import load_article
from sitegen.body_limits import (MAX_HTML_DEPTH, MAX_HTML_TAGS, MAX_INLINE_MARKS, MAX_TABLE_CELLS, html_tags_over,
                                 html_too_deep, inline_marks_over, table_cells_over)

RIYADH, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")
FRONT = "---\ntitle: خبر\ndate: 2024-11-21T10:00:00+03:00\n---\n"  # the body starts on line 5


def load(tmp_path, text, name="article.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_article(path, str(path), RIYADH)


def refusal(tmp_path, text, name="article.md"):
    with pytest.raises(SitegenError) as info:
        load(tmp_path, text, name)
    [diagnostic] = info.value.diagnostics
    return diagnostic


# --- raw HTML nested too deeply ---------------------------------------------------------


def test_thousands_of_nested_divs_are_refused_too_deep_at_their_line_before_rendering(tmp_path, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the body was rendered (and sanitised) before its depth was checked")

    monkeypatch.setattr(article_loader, "markdown_body", never)
    text = FRONT + "\nافتتحت البلدية مكتبة عامة.\n\n" + "<div>" * 200_000 + "\n"
    diagnostic = refusal(tmp_path, text)
    assert (diagnostic.code, diagnostic.line) == ("too-deep", 8)
    assert diagnostic.path == str(tmp_path / "article.md")
    assert f"more than {MAX_HTML_DEPTH} levels" in diagnostic.message
    assert "close each HTML tag" in diagnostic.hint


@pytest.mark.parametrize("opening", ["<div/>", "<span>", "<b>", "<ul><li>", "<table><tr><td><div>", "<svg/><x-a/>",
                                     "<svg><div/>", "<svg><foreignObject><x/>"])
def test_nesting_the_html_parser_builds_is_counted(opening):
    # <div/> opens a div in HTML content; a tag that leaves SVG, or SVG's HTML island, is HTML again
    assert html_too_deep("نص\n" + opening * (MAX_HTML_DEPTH + 1)) == 2


def test_void_closed_sibling_and_self_ending_elements_and_comments_add_no_depth(tmp_path):
    body = "\n\n".join([
        "سطر<br>" * 500, '<img src="/a.jpg" alt="صورة">' * 300, "<hr/>" * 200, "<!-- <div> -->" * 300,
        "<p>فقرة" * 500, "<ul>" + "<li>بند" * 300 + "</ul>", "<div>نص</div>" * 500,
        '<svg viewBox="0 0 10 10">' + '<path d="M0 0L1 1"/>' * 300 + "</svg>",
        "<table>" + "<tr><td>1<td>2" * 300 + "</table>", "<div>" * MAX_HTML_DEPTH + "</div>" * MAX_HTML_DEPTH,
    ])
    assert html_too_deep(body) is None
    assert load(tmp_path, FRONT + body).article.title == "خبر"


def test_the_depth_limit_is_exact_and_an_end_tag_closes_what_it_holds():
    assert html_too_deep("<div>" * MAX_HTML_DEPTH) is None
    assert html_too_deep("<div>" * MAX_HTML_DEPTH + "<section>") == 1
    assert html_too_deep(("<section>" + "<b>" * 60 + "</section>") * 10) is None  # </section> closes the b's
    assert html_too_deep("<!-- unclosed " + "<div>" * 500) is None  # a comment runs to the end


def test_autolinks_outside_raw_html_open_nothing(tmp_path):
    # /tmp/attack48/r7-autolinks-counted-as-nested-html.sh: a sources list of 120 autolinks was
    # refused as "raw HTML nested too deeply"; Markdown makes each a link, not an element.
    items = "\n".join(f"- تحديث {i}، المصدر <https://example.com/s{i}> أو <desk{i}@example.com>" for i in range(150))
    assert html_too_deep(items) is None
    page = load(tmp_path, FRONT + items + "\n").article.body_html
    assert len(set(re.findall(r'href="https://example.com/s\d+"', page))) == 150
    # inside an open element it may be raw HTML (a <div> block is not read as Markdown), so it
    # counts; and <x:y> is no autolink at all
    assert html_too_deep("<div>\n" + "<https://example.com/x>\n" * MAX_HTML_DEPTH) == MAX_HTML_DEPTH + 1
    assert html_too_deep("<x:y>" * (MAX_HTML_DEPTH + 1)) == 1


def test_a_site_with_one_deeply_nested_article_builds_the_rest(new_site):
    site = new_site({"deep.md": article(title="عميق", body="<div>" * 5000), "good.md": article()})
    built = build_site(site)
    assert built.result.exit_code == 1
    [refused] = [d for d in built.diagnostics if d.is_error]
    assert (refused.code, refused.path) == ("too-deep", str(site.content / "deep.md"))
    assert len(article_pages(built.output)) == 1


# --- raw HTML with too many tags side by side ----------------------------------------------


@pytest.mark.parametrize("piece", ["<b></b>", "<div></div>\n", "<span>نص</span> "])
def test_tens_of_thousands_of_sibling_tags_are_refused_too_large_before_rendering(tmp_path, monkeypatch, piece):
    def never(*args, **kwargs):
        raise AssertionError("the body was rendered before its tags were counted")

    monkeypatch.setattr(article_loader, "markdown_body", never)
    diagnostic = refusal(tmp_path, FRONT + "\nنص.\n\n" + piece * MAX_HTML_TAGS)
    assert diagnostic.code == "too-large" and f"more than {MAX_HTML_TAGS:,} raw HTML tags" in diagnostic.message
    assert diagnostic.line == 8 + (MAX_HTML_TAGS // 2 if "\n" in piece else 0)  # the line of the tag over the limit


def test_the_tag_limit_is_exact_and_comments_do_not_count():
    assert html_tags_over("<br>" * MAX_HTML_TAGS) is None
    assert html_tags_over("<br>" * MAX_HTML_TAGS + "\n<br>") == 2
    assert html_tags_over("<!-- x -->" * (MAX_HTML_TAGS + 1)) is None
    assert html_tags_over("a < b " * (MAX_HTML_TAGS + 1)) is None


# --- a page's HTML source saved as .txt -------------------------------------------------

#: Invented page source: a head with a long inline script (lines without tags) and a body whose
#: markup the dump reader would take text from (its first <div> line as the "headline").
_SCRIPT = ["  var config = {", *[f"    key{i}: 'value {i}'," for i in range(40)], "  };"]
_BODY = ['<div class="news-date font-14 font-blue">', "21 نوفمبر 2024", "</div>", "<h1>",
         "افتتاح مكتبة عامة جديدة في وسط المدينة", "</h1>", '<div class="article-text">',
         "افتتحت البلدية اليوم مكتبة عامة جديدة في الحي القديم بحضور الأهالي وعدد من المسؤولين.", "</div>"]


@pytest.mark.parametrize("piece", ["`x` ", "*a* ", "_a_ ", "[a](b) "])
def test_a_paragraph_of_tens_of_thousands_of_inline_marks_is_refused_too_large_before_rendering(tmp_path, monkeypatch, piece):
    """Newcomer report: 80,000 `` `x` `` in one paragraph took 21 s in Python-Markdown's inline
    patterns (a 1 MB paragraph could hold 250,000)."""
    def never(*args, **kwargs):
        raise AssertionError("the body was rendered before its inline markup was counted")

    monkeypatch.setattr(article_loader, "markdown_body", never)
    text = FRONT + "\nافتتحت البلدية مكتبة عامة.\n\n" + piece * (MAX_INLINE_MARKS + 1) + "\n"
    diagnostic = refusal(tmp_path, text)
    assert (diagnostic.code, diagnostic.line) == ("too-large", 8)
    assert "inline markup" in diagnostic.message


def test_the_inline_mark_limit_is_per_paragraph_and_exact():
    one = "*" * MAX_INLINE_MARKS
    assert inline_marks_over(one) is None
    assert inline_marks_over("نص\n\n" + one + "_") == 3
    # as many marks spread over paragraphs read as fast as short ones: no refusal
    assert inline_marks_over("\n\n".join(["*أ* " * 1000] * 30)) is None


def test_a_table_of_tens_of_thousands_of_cells_is_refused_too_large_before_rendering(tmp_path, monkeypatch):
    """Newcomer report: a 4.8 MB Markdown table (3,000 columns × 800 rows, under the file size
    limit) took 27 s and 2 GB of memory for one article."""
    def never(*args, **kwargs):
        raise AssertionError("the body was rendered before its table was counted")

    monkeypatch.setattr(article_loader, "markdown_body", never)
    cols = 200
    table = "| " + " | ".join(["ع"] * cols) + " |\n|" + "---|" * cols + "\n" + ("| " + " | ".join(["1"] * cols) + " |\n") * 110
    text = FRONT + "\nافتتحت البلدية مكتبة عامة.\n\n" + table
    diagnostic = refusal(tmp_path, text)
    assert (diagnostic.code, diagnostic.line) == ("too-large", 8)
    assert "table" in diagnostic.message and f"{MAX_TABLE_CELLS:,}" in diagnostic.message


def test_the_table_cell_limit_is_per_table_and_exact():
    row = "|" * 100 + "\n"
    assert table_cells_over(row * (MAX_TABLE_CELLS // 100)) is None
    assert table_cells_over("نص\n\n" + row * (MAX_TABLE_CELLS // 100) + "|") == 3
    # tables apart (blank lines between) are counted apart
    assert table_cells_over("\n\n".join([row * 150] * 3)) is None


# /tmp/attack48/r9-fenced-code-counted-as-inline-markup.sh: a 3,000-line listing of snake_case code
# in a fenced block (21,000 `_`) was refused as "a paragraph of more than 20,000 inline markup
# characters"; nothing in a code block is parsed inline.
_LISTING = "\n".join(f"my_var_{i} = some_func_name(arg_one, arg_two)  # x_y | [z]" for i in range(3000))


def test_a_long_code_listing_in_a_fenced_block_is_published(tmp_path):
    loaded = load(tmp_path, FRONT + "مثال:\n\n```python\n" + _LISTING + "\n```\n\nوبعد المثال.\n")
    html = loaded.article.body_html
    assert '<code class="language-python">my_var_0 = some_func_name' in html
    assert "my_var_2999" in html and "<p>وبعد المثال.</p>" in html


@pytest.mark.parametrize("listing", [
    "```python\n" + _LISTING + "\n```",  # fenced
    "~~~~\n" + _LISTING.replace("\n", "\n\n") + "\n~~~~",  # fenced with blank lines inside
    "\n".join("    " + line for line in _LISTING.split("\n")),  # indented after a paragraph
    "\n".join("\t" + line for line in _LISTING.split("\n")),  # indented by tabs
])
def test_code_blocks_count_no_inline_marks_or_table_cells(listing):
    assert inline_marks_over("مثال:\n\n" + listing + "\n") is None
    assert table_cells_over("مثال:\n\n" + listing + "\n") is None


@pytest.mark.parametrize("body, line", [
    ("```\n" + _LISTING, 1),  # a fence never closed opens no block
    ("```py\n" + _LISTING + "\n````", 1),  # nor one closed by another fence
    ("- بند\n\n" + "\n".join("    " + l for l in _LISTING.split("\n")), 3),  # continues a list item
    ("- بند\n\n[a]: /x\n\n" + "\n".join("    " + l for l in _LISTING.split("\n")), 5),  # so after a reference
    ("مثال:\n" + "\n".join("    " + l for l in _LISTING.split("\n")), 1),  # lines of the paragraph above
    ("```{.x}\n```\n" + _LISTING + "\n```", 1),  # a fence form not followed here: no block is
    ("```\nx\n```\n" + _LISTING, 4),  # the paragraph after a block (the fences end it)
])
def test_lines_that_python_markdown_may_parse_inline_are_still_counted(body, line):
    assert inline_marks_over(body) == line


def test_lines_read_as_code_are_never_parsed_inline_by_python_markdown():
    """Every line :func:`_code_lines` takes as code stays unparsed in Python-Markdown's HTML, on
    random bodies of fences, indented lines, lists, quotes, references, raw HTML and tabs."""
    import random

    from sitegen.markdown_parser import convert
    from sitegen.body_limits import _code_lines

    kinds = ["```", "~~~", "```py", "````", "``` ", "    *L*", "*L*", "- *L*", "", "", "[a]: http://x", "> *L*",
             "1. *L*", "```{.x}", "\t*L*", "  ```", "        *L*", "# *L*", "<div>", "</div>", "***", "أ *L*",
             "```py thon", "~~~~", "    - *L*", "  - *L*", "    ```"]
    rng = random.Random(48)
    taken = 0
    for _ in range(1500):
        lines = [rng.choice(kinds).replace("*L*", f"*L{n}z*") for n in range(rng.randint(1, 14))]
        html = convert("\n".join(lines))
        for number, is_code in enumerate(_code_lines("\n".join(lines))[1]):
            if is_code and "*L" in lines[number]:
                taken += 1
                assert f"<em>L{number}z</em>" not in html, lines
    assert taken > 200  # the bodies did hold code blocks


@pytest.mark.parametrize("opening", ["<!DOCTYPE html>", "<!-- saved page -->\n<!doctype html>", "<html lang=\"ar\">",
                                     "<head>"])
def test_a_page_source_that_opens_as_html_is_refused_though_most_lines_are_script(tmp_path, opening):
    text = "\n".join([opening, "<head>", "<script>", *_SCRIPT, "</script>", "</head>", "<body>", *_BODY,
                      "</body></html>"])
    assert refusal(tmp_path, text, "page.txt").code == "html-source"


def test_a_page_source_of_bare_tag_lines_is_refused_though_a_headline_is_found(tmp_path):
    # no doctype: a fragment of the page's markup, 6 of its 9 lines tags and nothing else
    text = "\n".join(_BODY)
    assert refusal(tmp_path, text, "page.txt").code == "html-source"


def test_a_text_dump_that_quotes_a_tag_on_almost_every_line_still_loads(tmp_path):
    # tags on 8 of 9 lines, each amid text: a lesson on HTML, not a page's source
    tags = ["<br>", "<p>", "<div>", "<img>", '<a href="/">', "<b>", "<table>", "<ul>"]
    lines = ["دورة لتعليم تصميم المواقع في المكتبة العامة",
             *[f"في الدرس رقم {i} يتعلم المشاركون الوسم {tag} وطريقة استعماله في صفحات المواقع الإخبارية."
               for i, tag in enumerate(tags)]]
    loaded = load(tmp_path, "\n\n".join(lines), "page.txt")
    assert loaded.article.title == "دورة لتعليم تصميم المواقع في المكتبة العامة"
    assert len(loaded.article.paragraphs) == 8


def test_a_text_dump_that_mentions_html_tags_still_loads(tmp_path):
    text = "\n\n".join(["دورة لتعليم البرمجة للشباب", "أطلقت المكتبة العامة دورة مجانية لتعليم تصميم المواقع.",
                        "ويتعلم المشاركون كتابة الوسم <html> في أول الصفحة، والوسم <br> لكسر السطر.",
                        "وتستمر الدورة ستة أسابيع."])
    assert load(tmp_path, text, "page.txt").article.title == "دورة لتعليم البرمجة للشباب"
