"""The content walk (:mod:`sitegen.sources`): which files under the content folder are read.

The walk's symlink rules as a build meets them (links outside the folder, links read once,
static files shadowed) are tested end to end in ``tests/test_pipeline.py``.
"""

from __future__ import annotations

import os

from helpers import article
from sitegen.errors import Report
from sitegen.sources import content_files, static_files


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


def test_a_version_control_folder_in_static_is_not_published(tmp_path):
    # newcomer check: static/.git/ was published, its config (a remote's address, maybe a token) too;
    # other hidden folders such as .well-known/ still are
    static = tmp_path / "static"
    for relative, text in ((".git/config", "[remote] url = https://token@example.org/r.git"), (".git/HEAD", "ref"),
                           (".well-known/security.txt", "Contact: x"), ("css/site.css", "body{}")):
        (static / relative).parent.mkdir(parents=True, exist_ok=True)
        (static / relative).write_text(text, encoding="utf-8")
    report = Report()
    published = [path for _, path in static_files(static, report)]
    assert published == ["/.well-known/security.txt", "/css/site.css"]
    (warning,) = report.diagnostics
    assert (warning.code, warning.path, warning.severity.value) == ("vcs-folder-skipped", str(static / ".git"), "warning")


def test_fitting_leaves_out_files_the_file_system_cannot_hold(tmp_path):
    """/tmp/attack47/r8-long-alias-path-stops-build.sh's rule for static and content files: a file
    whose output path is over the limits under the output folder is not published, with a
    name-too-long warning naming it; the others are."""
    from sitegen.sources import fitting

    deep = "/" + "/".join(["d" * 200] * 19) + "/f.css"  # 3824 bytes in the output: fits under a short folder path
    files = [(tmp_path / "static/a.css", "/a.css"), (tmp_path / "static/deep.css", deep)]
    assert fitting(files, 100) == (files, [])
    kept, (warning,) = fitting(files, 300)
    assert kept == files[:1]
    assert (warning.path, warning.code) == (str(tmp_path / "static/deep.css"), "name-too-long")
    assert "4124 bytes long" in warning.message and "shorten" in warning.hint
