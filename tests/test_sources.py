"""The content walk (:mod:`sitegen.sources`): which files under the content folder are read.

The walk's symlink rules as a build meets them (links outside the folder, links read once,
static files shadowed) are tested end to end in ``tests/test_pipeline.py``.
"""

from __future__ import annotations

import os

from helpers import article
from sitegen.errors import Report
from sitegen.sources import content_files


def test_content_files_without_a_report_stay_silent(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(article(), encoding="utf-8")
    (tmp_path / "far.md").write_text(article(), encoding="utf-8")
    os.symlink(tmp_path / "far.md", content / "far.md")
    assert content_files(content) == [content / "a.md"]
    report = Report()
    assert content_files(content, report=report) == [content / "a.md"]
    assert [d.code for d in report.diagnostics] == ["symlink-outside"]
