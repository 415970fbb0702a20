"""sitegen.markdown_parser: Python-Markdown with sitegen's extensions, imported only by a body
that needs it (its output is tested through sitegen.markup in tests/test_markup.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_prose_bodies_leave_python_markdown_s_extensions_and_pygments_unimported():
    # Issue 10: importing them (~10 ms, fenced_code importing Pygments) was part of every build,
    # though an edit of a prose article never runs them.
    probe = textwrap.dedent("""
        import sys
        import sitegen.cli
        from sitegen.markup import markdown_body

        def loaded():
            return sorted(name for name in ("markdown.extensions.fenced_code", "pygments", "nh3", "sitegen.markdown_parser")
                          if name in sys.modules)

        markdown_body("فقرة أولى عن المدينة.\\n\\n## عنوان فرعي\\n\\nفقرة ثانية.\\n")
        print(loaded())
        markdown_body("فقرة فيها [رابط](https://example.org) و<b>وسم</b>.\\n")
        print(loaded())
        """)
    shown = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert shown.stdout.splitlines() == [
        "[]", "['markdown.extensions.fenced_code', 'nh3', 'pygments', 'sitegen.markdown_parser']"]


def test_the_raw_html_extractor_searches_for_start_tags_in_linear_time(monkeypatch):
    # /tmp/attack48/r6-unclosed-tags-quadratic-build.sh: at every `<a b="` (none ends) the raw
    # HTML extractor matched a start tag's pattern against the rest of the body, so the text it
    # searched grew with the square of the body's length (48 KB: 14 s). Counted here: the text
    # after each place the parser looks for a start tag's end.
    from markdown.htmlparser import htmlparser

    from sitegen.markdown_parser import convert

    searched = []
    own = htmlparser.HTMLParser.check_for_whole_start_tag

    def counted(self, i):
        searched.append(len(self.rawdata) - i)
        return own(self, i)

    monkeypatch.setattr(htmlparser.HTMLParser, "check_for_whole_start_tag", counted)
    body = '<a b="' * 3000 + "\n"
    html = convert(body)
    assert len(searched) == 3000
    assert sum(searched) < 20 * len(body)  # was ~27 million characters
    assert html.count("&lt;a b=") == 3000  # each broken opening is text
    # a whole tag is read as before, also one holding "<" in an attribute
    assert convert('نص <a title="1<2" href="/x">رابط</a>\n') == '<p>نص <a title="1<2" href="/x">رابط</a></p>'
