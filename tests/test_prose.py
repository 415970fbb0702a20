"""sitegen.prose: Markdown bodies that are only prose skip Python-Markdown (issue 10) and must
give the same HTML and blocks as it."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import markdown_parser, markup
from sitegen.markup import html_to_blocks, isolate_ltr_runs, markdown_body, markdown_to_html
from sitegen.model import Block
from sitegen.prose import THEME_IDS, BodyIds, prose_blocks

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


def _numbering_steps(render) -> int:
    """Lines run inside the functions that number ids (the library's ``unique``, sitegen's
    ``BodyIds`` and its former ``unique_id``) while ``render()`` runs: a count of the work, not a
    time, so the test does not depend on the machine's speed."""
    import sys

    names = {"unique", "unique_id", "heading", "raw", "_free"}
    steps = 0

    def local(frame, event, arg):
        nonlocal steps
        steps += event == "line"
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_name in names else None

    sys.settrace(tracer)
    try:
        render()
    finally:
        sys.settrace(None)
    return steps


# /tmp/attack48/r8-repeated-heading-ids-quadratic.sh: 16,000 `## تحديث` in a live blog took
# 30 s and more (each repeat's id was found by trying _1, _2, … from the start); so did 10,000
# `<p id="x">` in the sanitiser. The prose path, Python-Markdown's plain headings, its headings with
# markup (the library's run, ids numbered ahead of it) and raw HTML ids each number in linear time.
@pytest.mark.parametrize("piece, ids", [
    ("## تحديث\n\nنص.\n\n", ["تحديث"] + [f"تحديث_{n}" for n in range(1, 400)]),  # prose path
    ("## تحديث\n\n* نص\n\n", ["تحديث"] + [f"تحديث_{n}" for n in range(1, 400)]),  # plain headings
    ("## *x* a_5\n\n", ["x-a_5"] + [f"x-a_{n}" for n in range(6, 405)]),  # library's run, "_5" counted on
    ('<p id="x">t</p>\n\n', ["x"] + [f"x_{n}" for n in range(1, 400)]),  # raw HTML, sanitised
])
def test_repeated_ids_are_numbered_in_linear_time_with_the_same_ids(piece, ids):
    html = []
    steps = _numbering_steps(lambda: html.append(markdown_to_html(piece * 400)))
    assert re.findall(r' id="([^"]*)"', html[0]) == ids
    assert steps < 60 * 400  # ~25 a repeat; counting up from _1 on each repeat ran 240,000 lines


def test_body_ids_number_as_python_markdowns_toc_and_the_sanitiser():
    """:class:`BodyIds` gives the ids the rules it replaces gave, on random orders of ids that
    are repeats, numbered already (``x_1``, ``x_01``), empty or the theme's."""
    import random

    from markdown.extensions.toc import unique

    def sanitiser_rule(anchor, given):  # the sanitiser's rule before BodyIds (prose.unique_id)
        found, number = anchor, 0
        while found in given or found in THEME_IDS:
            number += 1
            found = f"{anchor}_{number}"
        given.add(found)
        return found

    choices = ["x", "x_1", "x_2", "x_01", "x_1_1", "x_10", "", "_1", "_", "main", "main_1", "y", "y_3"]
    rng = random.Random(48)
    for _ in range(3000):
        before = rng.sample(choices, rng.randint(0, 3))
        anchors = [rng.choice(choices) for _ in range(rng.randint(1, 20))]
        given, ids = set(before), BodyIds(before)
        assert [ids.heading(a) for a in anchors] == [unique(a, given) for a in anchors], (before, anchors)
        given, ids = set(before), BodyIds(before)
        assert [ids.raw(a) for a in anchors] == [sanitiser_rule(a, given) for a in anchors], (before, anchors)
