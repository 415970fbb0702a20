"""Markdown bodies → HTML (:mod:`sitegen.markup`): heading levels under the page's own ``<h1>``."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.markup import html_to_blocks, isolate_ltr_runs, markdown_to_html
from sitegen.model import Block


def test_level_one_heading_in_a_body_becomes_h2_with_its_id():
    html = markdown_to_html("# عنوان داخلي\n\nنص الفقرة الأولى.\n")
    assert re.findall(r"<(h\d) id=\"([^\"]+)\">([^<]+)</h\d>", html) == [("h2", "عنوان-داخلي", "عنوان داخلي")]
    assert "<h1" not in html
    assert html_to_blocks(html) == (Block("heading", "عنوان داخلي"), Block("paragraph", "نص الفقرة الأولى."))


def test_only_level_one_is_shifted():
    html = markdown_to_html("# الخلفية\n\n## ردود الفعل\n\n### تفاصيل أخرى\n\n# الخلفية\n")
    assert re.findall(r"<(h\d) id=\"([^\"]+)\">", html) == [
        ("h2", "الخلفية"), ("h2", "ردود-الفعل"), ("h3", "تفاصيل-أخرى"), ("h2", "الخلفية_1")]


def test_trusted_body_shifts_the_heading_too():
    html = markdown_to_html("# عنوان في نص موثوق\n", trusted=True)
    assert html == '<h2 id="عنوان-في-نص-موثوق">عنوان في نص موثوق</h2>'


def test_the_reused_parser_forgets_the_previous_body():
    """One parser serves every article: heading ids and reference links must not leak across."""
    first = markdown_to_html("## الخلفية\n\n[رابط][مرجع]\n\n[مرجع]: https://example.org/a\n")
    second = markdown_to_html("## الخلفية\n\n[رابط][مرجع]\n")
    assert 'id="الخلفية"' in first and 'href="https://example.org/a"' in first
    assert re.findall(r'id="([^"]+)"', second) == ["الخلفية"]  # not الخلفية_1
    assert "href" not in second and "[رابط][مرجع]" in second

def test_signed_figures_keep_their_sign_in_front():
    """Issue 12: ``+1.8%`` in a right-to-left table cell showed as ``1.8%+``; a signed figure is
    isolated left to right (UAX #9), a date range or a word with a hyphen is not touched."""
    html = markdown_to_html("| المؤشر | التغير |\n| --- | --- |\n| EGX30 | +1.8% |\n| الدولار | -0.9% |\n\n"
                            "تراجع بنسبة −3٫5٪، في الفترة 2024-2025 لشركة COVID-19.")
    assert '<td><bdi dir="ltr">+1.8%</bdi></td>' in html
    assert '<td><bdi dir="ltr">-0.9%</bdi></td>' in html
    assert '<bdi dir="ltr">−3٫5٪</bdi>،' in html
    assert "2024-2025" in html and '<bdi dir="ltr">-2025' not in html
    assert "<bdi>COVID-19</bdi>" in html


def test_a_body_nested_too_deeply_does_not_break_later_bodies():
    """Regression: a RecursionError inside the shared parser left its block state unbalanced,
    so every later body in the process lost all paragraphs after the first block."""
    with pytest.raises(RecursionError):
        markdown_to_html("- " * 20000 + "x\n")
    html = markdown_to_html("# عنوان\n\nنص الفقرة.\n")
    assert html_to_blocks(html) == (Block("heading", "عنوان"), Block("paragraph", "نص الفقرة."))


@pytest.mark.parametrize("run, wrapped", [("±2", '<bdi dir="ltr">±2</bdi>'), ("+5", '<bdi dir="ltr">+5</bdi>'),
                                          ("-4", '<bdi dir="ltr">-4</bdi>'), ("−6", '<bdi dir="ltr">−6</bdi>'),
                                          ("Reuters", "<bdi>Reuters</bdi>")])
def test_each_first_character_of_a_run_is_seen_by_the_quick_scan(run, wrapped):
    # isolate_ltr_runs skips text in which no run can start (issue 10): each kind of start is seen.
    assert isolate_ltr_runs(f"<p>تغير المؤشر {run} اليوم</p>") == f"<p>تغير المؤشر {wrapped} اليوم</p>"


_MARKDOWN_PIECES = ["`", "``", "\\", "\\\\`", "[", "]", "(", ")", "![", "<", ">", "://", "@", "  \n", "&", "&amp;",
                    "*", "_", "**", "\n\n", "http://x.y", "a@b.c", "<b>", "</b>", "&#65;", " ", "نص", "x",
                    "<!-- c -->", "[a]: /u\n", "\n- ", "\n> ", "    code\n",
                    # what the block, whitespace, HTML-block and toc shortcuts look for
                    "#", "# ", "\n## ", "\n=", "\n-", "---", "***", "___", "- - -", "```", "~~~", "\n```\n",
                    "\n~~~\n", "[TOC]", "\n\n[TOC]\n\n", "\t", "\r\n", "\r", "\n  \n", " \n", "\x02", "\x03",
                    "|", "\n| a | b |\n| - | - |\n", "{#id}"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_MARKDOWN_PIECES), min_size=1, max_size=25).map("".join))
def test_quick_scan_changes_no_output(text):
    # _QuickScan (issue 10) skips inline and block patterns whose required text is absent, whole
    # texts no inline pattern can match, and the toc, raw HTML and blank-line passes over
    # documents they leave as they are: the HTML must be what Python-Markdown gives without it.
    import markdown

    from sitegen import markup

    plain = markdown.Markdown(extensions=[e for e in markup._EXTENSIONS if not isinstance(e, markup._QuickScan)],
                              extension_configs=markup._EXTENSION_CONFIGS, output_format="html")
    assert markup._markdown_parser().convert(text) == plain.convert(text)


_HTML_PIECES = _MARKDOWN_PIECES + ['<span title="a>b">', "</span>", "<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>",
                                   "<h3>", "</h3>", "&lt;", "&gt;", "&quot;", "&nbsp;", "\u00a0", "<br>", '"', "'",
                                   "<div>", "</div>", "<script>x</script>", "<style>y</style>", "<a href='/x'>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HTML_PIECES), min_size=1, max_size=30).map("".join))
def test_blocks_of_a_sanitised_body_are_those_html_parser_reads(text):
    # Loading reads a sanitised body's blocks with one regex (issue 10): the same blocks as the
    # HTMLParser reader, for bodies holding raw HTML, entities and quotes.
    fragment = markdown_to_html(text)
    assert html_to_blocks(fragment, sanitised=True) == html_to_blocks(fragment)
