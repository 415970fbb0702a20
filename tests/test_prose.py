"""sitegen.prose: Markdown bodies that are only prose skip Python-Markdown (issue 10) and must
give the same HTML and blocks as it."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import markdown_parser, markup
from sitegen.markup import html_to_blocks, isolate_ltr_runs, markdown_body, markdown_to_html
from sitegen.model import Block
from sitegen.prose import THEME_IDS, prose_blocks

from helpers import REPO


def _python_markdown(text: str, trusted: bool = False) -> tuple[str, tuple[Block, ...]]:
    """What loading made of a body before the prose path: Python-Markdown, nh3 unless the
    markup is plain, Latin runs isolated, the blocks read back from the HTML."""
    rendered = markdown_parser.convert(text)
    if not trusted and not markup.markup_is_plain(text):
        rendered = markup.sanitize_html(rendered)
    html = isolate_ltr_runs(rendered)
    return html, html_to_blocks(html, sanitised=not trusted)


def test_a_news_body_is_read_as_prose():
    body = ("قال المتحدث باسم Reuters إن الاجتماع انتهى.\n\n## نتائج  الاجتماع\n\n"
            "ارتفع المؤشر +1.8% اليوم،\nوانخفض الدولار.\n\n## نتائج الاجتماع\n\n# خلاصة\n")
    assert prose_blocks(body) == [(0, "قال المتحدث باسم Reuters إن الاجتماع انتهى."), (2, "نتائج  الاجتماع"),
                                  (0, "ارتفع المؤشر +1.8% اليوم،\nوانخفض الدولار."), (2, "نتائج الاجتماع"),
                                  (1, "خلاصة")]
    html, blocks = markdown_body(body)
    assert html == ('<p>قال المتحدث باسم <bdi>Reuters</bdi> إن الاجتماع انتهى.</p>\n'
                    '<h2 id="نتائج-الاجتماع">نتائج  الاجتماع</h2>\n'
                    '<p>ارتفع المؤشر <bdi dir="ltr">+1.8%</bdi> اليوم،\nوانخفض الدولار.</p>\n'
                    '<h2 id="نتائج-الاجتماع_1">نتائج الاجتماع</h2>\n'
                    '<h2 id="خلاصة">خلاصة</h2>')
    assert blocks[1] == Block("heading", "نتائج الاجتماع")
    assert blocks[2] == Block("paragraph", "ارتفع المؤشر +1.8% اليوم، وانخفض الدولار.")
    assert (html, blocks) == _python_markdown(body)
    assert markdown_to_html(body) == html


@pytest.mark.parametrize("body", [
    "## عنوان\nنص تحته",          # a heading glued to its paragraph
    "نص\n## عنوان",               # a paragraph glued to a heading
    "## عنوان\n## آخر",           # two headings without a blank line
    "    نص مزاح",                # indented code
    "نص \nتابع",                  # trailing white space (two spaces make a line break)
    "- بند",                       # list
    "+ بند",
    "1. بند",
    "١. بند",                      # Arabic-Indic digits are digits to Python-Markdown too
    "نص\n===",                     # setext heading
    "نص\n---",
    "#وسم",                        # a heading without a space
    "####### سبعة",                # seven hashes
    "## عنوان ##",                 # closing hashes
    "نص *مائل*", "نص _مائل_", "> اقتباس", "نص & نص", "نص <b>", "[رابط](/x)", "نص\tجدول",
    "", "\n\n",
])
def test_anything_but_prose_goes_to_python_markdown(body):
    # Each shape Python-Markdown reads as more than paragraphs and headings (or that this
    # path does not check) is refused, and the body's HTML and blocks stay the library's.
    assert prose_blocks(body) is None
    assert markdown_body(body) == _python_markdown(body)


_PIECES = ["نص", "عاجل", "مُ", "Reuters", "x", "e\u0301", "\u200b", "\u200f", "\u2003", "\u2028", " ", "  ", "\n",
           "\n\n", "\n\n\n", "# ", "## ", "###### ", "####### ", "#", "\n# ", "\n## ", "\n### عنوان\n", " #",
           "1. ", "١. ", "2024", "-", "- ", "+", "+5", "1.8%", "=", "\n=", "\n-", "*", "_", ">", "(", ")", "!",
           ":", '"', "'", "http://x.y", "a@b.c", "www.x.y", "\t", "\r", "|", "&", "<", "[", "]", "`", "~", "\\"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map("".join))
def test_prose_path_gives_python_markdowns_html_and_blocks(text):
    # The shortcut (issue 10) must change nothing: for every body, prose or not, the HTML and
    # blocks are those of Python-Markdown (sanitised or trusted).
    assert markdown_body(text) == _python_markdown(text)
    assert markdown_body(text, trusted=True) == _python_markdown(text, trusted=True)
    assert markdown_to_html(text) == _python_markdown(text)[0]


#: Pieces with no character that always sends a body to Python-Markdown, so that most bodies
#: made of them are prose and the rest fail on their lines' shapes.
_PROSE_PIECES = [p for p in _PIECES if not any(c in p for c in "*_<>&[]`~\\|\t\r")] + ["نص", "عنوان", " ", "\n\n"] * 3


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PROSE_PIECES), min_size=1, max_size=40).map("".join))
def test_bodies_near_prose_give_python_markdowns_html_and_blocks(text):
    assert markdown_body(text) == _python_markdown(text)
    assert markdown_body(text, trusted=True) == _python_markdown(text, trusted=True)


def test_theme_ids_are_every_id_the_theme_templates_write():
    # /tmp/attack46/r12-heading-id-duplicates-template-id.sh: body ids keep clear of THEME_IDS, so
    # the set must hold every id the theme writes (a new one added to templates/ fails here).
    written = {match for path in (REPO / "templates").rglob("*") if path.is_file()
               for match in re.findall(r'\bid="([^"{]+)"', path.read_text(encoding="utf-8"))}
    assert "{" not in "".join(path.read_text(encoding="utf-8") for path in (REPO / "templates").rglob("*.html")
                              if 'id="{' in path.read_text(encoding="utf-8"))  # no computed id to miss
    assert written == THEME_IDS
