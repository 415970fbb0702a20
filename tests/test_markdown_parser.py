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
