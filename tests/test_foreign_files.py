"""sitegen.foreign_files: files someone else put into the output are carried into the new site,
and a folder recorded unchanged by the last build is not listed again.

Foreign files through whole builds are tested in ``tests/test_writer.py``.
"""

from __future__ import annotations

import os

from helpers import settle
from sitegen import foreign_files


def test_carrying_over_lists_only_folders_changed_since_they_were_recorded(tmp_path, monkeypatch):
    # A one-edit rebuild at 10,000 articles listed every folder of the output (~15,700) to find
    # the files someone else added (issue 10); a folder whose recorded identity holds is not.
    output, stage = tmp_path / "public", tmp_path / "stage"
    for relative in ("a/b", "c", "extra"):
        (output / relative).mkdir(parents=True)
    stage.mkdir()
    ours = {"a/b/index.html", "c/index.html"}
    for relative in ours:
        (output / relative).write_text("صفحة", encoding="utf-8")
    (output / "extra" / "note.txt").write_text("ملاحظة", encoding="utf-8")
    settle(output)
    folders = {relative: foreign_files.folder_identity(output / relative) for relative in ("a", "a/b", "c", "extra")}
    known = ({**folders, "": None}, frozenset({"extra", "extra/note.txt"}))
    (output / "c" / "new.txt").write_text("جديد", encoding="utf-8")  # added after the record
    listed: list[str] = []
    real = os.scandir
    monkeypatch.setattr(foreign_files.os, "scandir", lambda path: listed.append(os.path.relpath(path, output)) or real(path))
    carried: set[str] = set()
    assert foreign_files.carry_over_foreign(output, stage, ours, carried, known) == []
    assert sorted(listed) == [".", "c"]
    assert carried == {"extra", "extra/note.txt", "c/new.txt"}
    assert (stage / "extra" / "note.txt").read_text(encoding="utf-8") == "ملاحظة"
    assert (stage / "c" / "new.txt").read_text(encoding="utf-8") == "جديد"
    listed.clear()
    unknown: set[str] = set()
    again = tmp_path / "again"
    again.mkdir()
    assert foreign_files.carry_over_foreign(output, again, ours, unknown) == []  # no record: every folder listed
    assert unknown == carried and sorted(listed) == [".", "a", "a/b", "c", "extra"]
