"""sitegen.page_writer: a page's file written in the staging folder, never through a link.

The page writer with the staged output it writes for (render workers' writes noted by the
main process) is tested in ``tests/test_writer.py``.
"""

from __future__ import annotations

import os

from sitegen.page_writer import PageWriter


def test_the_page_writer_replaces_a_link_in_the_staging_folder_instead_of_writing_through_it(tmp_path):
    # Issue 10: a render worker's writes keep StagedOutput.write's rule: a file or link already
    # at the path (a spare tree's hard link into the live site) is unlinked, never written through.
    stage = tmp_path / "stage"
    (stage / "a").mkdir(parents=True)
    outside = tmp_path / "live.html"
    outside.write_bytes(b"live")
    os.link(outside, stage / "a" / "index.html")
    writer = PageWriter(os.fspath(stage), reused_spare=True)
    writer.write("a/index.html", b"new")
    assert outside.read_bytes() == b"live"
    assert (stage / "a" / "index.html").read_bytes() == b"new"
