"""sitegen.loaders.line_text: folded keys, counts and line endings, on invented lines."""

import subprocess
import sys
from pathlib import Path

from sitegen.loaders import line_text

REPO = Path(__file__).resolve().parents[1]


def test_arabic_indic_zero_is_a_full_stop_only_after_a_letter():
    assert line_text.ends_sentence("وانتهى الاجتماع بالاتفاق٠")
    assert not line_text.ends_sentence("خطة موحدة للربط السككي بحلول ٢٠٣٠")  # a year, not a full stop
    assert line_text.ends_mid_sentence("خطة موحدة للربط السككي بحلول ٢٠٣٠")


def test_a_build_s_imports_leave_the_date_grammar_out():
    # Regression (2026-12-05): the search index's stop words (sitegen.search_terms) read the line
    # keys, which imported the dump reader's date grammar for their fold: ~9 ms of the ~0.15 s
    # of imports of every build, none of which reads a date from a dump. (A build imports the
    # loaders once it finds its site changed: sitegen.late_imports' steps.)
    code = ("import sys, sitegen.cli\nfrom sitegen import late_imports\n"
            "for step in late_imports.import_steps():\n    step()\n"
            "print(sorted(m for m in sys.modules if m.startswith('sitegen.loaders.')))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    loaded = proc.stdout.strip()
    assert "sitegen.loaders.line_text" in loaded and "sitegen.loaders.folding" in loaded
    assert "sitegen.loaders.dates" not in loaded
    assert line_text.norm_key("الأخبار،  العاجلة") == "الاخبار, العاجله"
