"""Output safety (issue 9): a build never writes outside its output folder, never adopts or
deletes what it did not make, never wipes a folder it cannot prove is a sitegen output, and
two builds never write one output at once. One regression test (or group) per class."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from helpers import REPO, article, build_site, fingerprint, snapshot
from sitegen.errors import SitegenError
from sitegen.output_folder import MARKER, MARKER_HEADER
from sitegen.output_lock import OutputLock, lock_path

FILES = {"a.md": article("افتتاح سوق المزارعين الأسبوعي", "2024-11-20T09:00:00+03:00", tags=["زراعة"]),
         "b.md": article("تمديد ساعات عمل المكتبة العامة", "2024-11-21T09:00:00+03:00", section="ثقافة")}


@pytest.fixture
def outside(tmp_path):
    """A folder outside every site, holding one file that must never change."""
    folder = tmp_path / "somewhere"
    folder.mkdir()
    (folder / "keep.txt").write_text("ملف خارج الموقع", encoding="utf-8")
    return folder


def _build_edited(site):
    """Edit ``a.md`` (a line appended) and build ``site`` again; the build must succeed."""
    edited = site.content / "a.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nتحديث\n", encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0, built.diagnostics
    return built


# --- symlinks inside the output are never followed ----------------------------------------


def test_symlinks_in_the_output_are_never_followed(new_site, outside):
    site = new_site(FILES)
    assert build_site(site).result.exit_code == 0
    os.rename(site.output / "sections", outside / "sections")  # a folder of ours moved away and linked
    (site.output / "sections").symlink_to(outside / "sections", target_is_directory=True)
    before = fingerprint(outside)
    (site.output / "extra").symlink_to(outside, target_is_directory=True)     # a link someone added
    (site.output / "notes.txt").symlink_to(outside / "keep.txt")
    built = build_site(site)
    assert built.result.exit_code == 0
    assert fingerprint(outside) == before
    assert not (site.output / "sections").is_symlink() and (site.output / "sections").is_dir()
    assert not any(p.is_symlink() for p in site.output.rglob("*"))
    dropped = sorted(d.path for d in built.diagnostics if d.code == "output-symlink")
    assert dropped == [str(site.output / name) for name in ("extra", "notes.txt", "sections")]


def test_a_link_put_at_one_of_the_site_s_files_is_replaced_by_the_page_with_a_warning(new_site, outside):
    """Left alone at stop 35 (2026-12-05): a link put in place of one of the site's own files
    (its front page, linked to a file outside) was replaced by the page silently; it is
    dropped with the same ``output-symlink`` warning as a link anywhere else in the output,
    and the page is written again, nothing followed."""
    site = new_site(FILES)
    _build_edited(site)
    page = (site.output / "index.html").read_bytes()
    (outside / "front.html").write_bytes(b"someone else's page")
    (site.output / "index.html").unlink()
    (site.output / "index.html").symlink_to(outside / "front.html")
    before = fingerprint(outside)
    built = build_site(site)
    assert [d.path for d in built.diagnostics if d.code == "output-symlink"] == [str(site.output / "index.html")]
    assert not (site.output / "index.html").is_symlink() and (site.output / "index.html").read_bytes() == page
    assert fingerprint(outside) == before


def test_a_dropped_link_replaced_by_a_folder_is_carried_as_a_folder_not_followed(new_site, outside):
    """Regression (found 2026-12-05): a link someone put into the output is dropped with a
    warning, but the replaced site keeps it and becomes the spare tree that the build after next
    starts from; a real folder put in its place by then was carried over through the link: a
    hard link of its file made in the folder outside, and the link left in the new output."""
    site = new_site(FILES)
    _build_edited(site)
    before = fingerprint(outside)
    (site.output / "x").symlink_to(outside, target_is_directory=True)
    assert "output-symlink" in _build_edited(site).codes()  # dropped; the spare tree now holds it
    (site.output / "x").mkdir()
    (site.output / "x" / "f.txt").write_text("ملف المحرر", encoding="utf-8")
    _build_edited(site)
    assert fingerprint(outside) == before
    assert not (site.output / "x").is_symlink() and (site.output / "x" / "f.txt").read_text(encoding="utf-8") == "ملف المحرر"
    assert not any(p.is_symlink() for p in site.output.rglob("*"))


def test_a_carried_file_replaced_by_a_folder_of_the_same_name_is_carried_at_once(new_site):
    """Regression (issue 10 review, left alone until now): a file someone put into the output,
    replaced by a folder of the same name, stopped the build after next once («write-failed: File
    exists»): the spare tree it started from still held the file where the folder must go."""
    site = new_site(FILES)
    for step in range(5):
        if step == 1:
            (site.output / "notes").write_text("ملاحظة", encoding="utf-8")
        if step == 3:
            (site.output / "notes").unlink()
            (site.output / "notes").mkdir()
            (site.output / "notes" / "a.txt").write_text("داخل المجلد", encoding="utf-8")
        _build_edited(site)
    assert (site.output / "notes" / "a.txt").read_text(encoding="utf-8") == "داخل المجلد"


def test_a_link_to_a_folder_put_at_a_static_files_path_is_replaced_by_the_file(new_site, outside):
    """Regression (found 2026-12-05): public/css/own.css replaced by a link to a folder stopped the
    build after next once («.public.sitegen-new-…/css/own.css: error write-failed: Is a
    directory»): the spare tree kept the link, and the static file's copy opened it."""
    site = new_site(FILES, static={"css/own.css": b"body{}"})
    assert build_site(site).result.exit_code == 0
    before = fingerprint(outside)
    (site.output / "css" / "own.css").unlink()
    (site.output / "css" / "own.css").symlink_to(outside, target_is_directory=True)
    for _ in range(3):
        _build_edited(site)
        assert (site.output / "css" / "own.css").read_bytes() == b"body{}"
    assert fingerprint(outside) == before and not (site.output / "css" / "own.css").is_symlink()


def test_a_folder_of_ours_replaced_by_a_link_does_not_stop_the_build_after_next(new_site, outside):
    """Regression (found 2026-12-05): public/sections replaced by a link stopped the build after
    next once («.public.sitegen-new-…/sections: error output-path: a file or link in the staging
    folder blocks this folder»): the spare tree that build starts from kept the link where the
    section pages' folder goes."""
    site = new_site(FILES)
    assert build_site(site).result.exit_code == 0
    before = fingerprint(outside)
    shutil.rmtree(site.output / "sections")
    (site.output / "sections").symlink_to(outside, target_is_directory=True)
    for _ in range(3):
        _build_edited(site)
        assert (site.output / "sections").is_dir() and not (site.output / "sections").is_symlink()
    assert fingerprint(outside) == before


@pytest.mark.parametrize("builds_before", [1, 4])
def test_a_file_put_in_place_of_a_folder_of_ours_is_dropped_not_stopping_every_build(new_site, builds_before):
    """Regression (found 2026-12-05): a file put into the output in place of one of the site's
    folders (public/sections) was carried over as someone's file and stopped every build
    («.public.sitegen-new-…/sections: error output-path: a file or link in the staging folder
    blocks this folder») until removed by hand; then the spare tree kept it and stopped the build
    after next. With a spare tree recorded (4 builds before) and without (1)."""
    site = new_site(FILES)

    def build_edited():
        built = _build_edited(site)
        assert (site.output / "sections").is_dir() and any((site.output / "sections").iterdir())
        return built

    for _ in range(builds_before):
        build_edited()
    shutil.rmtree(site.output / "sections")
    (site.output / "sections").write_text("ملف المحرر", encoding="utf-8")
    dropped = [d for d in build_edited().diagnostics if d.code == "output-foreign-dropped"]
    assert [d.path for d in dropped] == [str(site.output / "sections")]
    assert "where the site writes the folder sections/" in dropped[0].message
    for _ in range(3):
        assert "output-foreign-dropped" not in build_edited().codes()


@pytest.mark.parametrize("place", ["index.html", "tags/زراعة/index.html"])
def test_a_link_to_a_folder_at_a_pages_path_is_replaced_by_the_page(new_site, outside, place):
    """Regression (a fresh helper's review, 2026-12-05; there before): public/index.html replaced
    by a link to a folder stopped the build after next once («…/index.html: write-failed: File
    exists»): the page writer took the link for a folder (os.path.isdir follows links)."""
    site = new_site(FILES)
    _build_edited(site)
    before = fingerprint(outside)
    (site.output / place).unlink()
    (site.output / place).symlink_to(outside, target_is_directory=True)
    _build_edited(site)  # the spare tree it started from held no link; the next one does
    for title in ("الشهري", "السنوي"):  # the title changed: the page is written again
        (site.content / "a.md").write_text(FILES["a.md"].replace("الأسبوعي", title), encoding="utf-8")
        _build_edited(site)
        assert (site.output / place).is_file() and not (site.output / place).is_symlink()
        assert title in (site.output / place).read_text(encoding="utf-8")
    assert fingerprint(outside) == before


@pytest.mark.parametrize("place", ["feed.xml", "index.html"])
def test_a_folder_put_where_the_site_writes_a_file_is_dropped_not_stopping_every_build(new_site, place):
    """Regression (a fresh helper's review, 2026-12-05; there before): a folder put into the
    output in place of one of the site's files was carried over as someone's folder and stopped
    every build («…/feed.xml: write-failed: Is a directory») until removed by hand."""
    site = new_site(FILES)
    _build_edited(site)
    (site.output / place).unlink()
    (site.output / place).mkdir()
    (site.output / place / "hand.txt").write_text("ملف المحرر", encoding="utf-8")
    dropped = [d for d in _build_edited(site).diagnostics if d.code == "output-foreign-dropped"]
    assert [d.path for d in dropped] == [str(site.output / place)]
    assert f"where the site writes the file {place}" in dropped[0].message
    for _ in range(3):  # the spare tree that kept the folder is started from, too
        assert "output-foreign-dropped" not in _build_edited(site).codes()
        assert (site.output / place).is_file()


def test_a_static_file_where_the_spare_tree_holds_an_old_folder_of_the_site_is_written(new_site):
    """Regression (a fresh helper's review, 2026-12-05): a tag dropped and a static file put at
    its archive's folder (static/tags/مؤقت) stopped every build that started from the spare tree
    («…/tags/مؤقت: write-failed: Is a directory»): the copy opened the old folder."""
    files = {**FILES, "c.md": article("خبر مؤقت", "2024-11-22T09:00:00+03:00", tags=["مؤقت"])}
    site = new_site(files)
    for _ in range(2):
        _build_edited(site)
    (site.content / "c.md").write_text(article("خبر مؤقت", "2024-11-22T09:00:00+03:00"), encoding="utf-8")
    (site.root / "static" / "tags").mkdir(parents=True)
    (site.root / "static" / "tags" / "مؤقت").write_bytes(b"static")
    for _ in range(3):
        _build_edited(site)
        assert (site.output / "tags" / "مؤقت").read_bytes() == b"static"


def test_a_staging_path_through_a_link_is_refused(new_site, outside):
    from sitegen.writer import StagedOutput

    site = new_site(FILES)
    with pytest.raises(SitegenError) as info, StagedOutput(site.output) as out:
        (out.stage / "sections").symlink_to(outside, target_is_directory=True)
        out.write("sections/x/index.html", b"<p>x</p>")
    assert info.value.diagnostics[0].code == "output-path"
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]


# --- planted staging folders are never adopted or deleted ----------------------------------


def test_planted_staging_folders_are_never_adopted_or_deleted(new_site, outside):
    site = new_site(FILES)
    planted = site.root / ".public.sitegen-old-planted"
    planted.mkdir()
    (planted / "index.html").write_text("صفحة مزروعة", encoding="utf-8")
    (planted / "sections").symlink_to(outside, target_is_directory=True)
    backup = site.root / ".public.sitegen-mybackup"
    backup.mkdir()
    (backup / "old.html").write_text("نسخة احتياطية", encoding="utf-8")
    planted_before, backup_before, outside_before = snapshot(planted), snapshot(backup), fingerprint(outside)
    built = build_site(site)
    assert built.result.exit_code == 0
    assert "صفحة مزروعة" not in (site.output / "index.html").read_text(encoding="utf-8")
    assert not (site.output / "sections").is_symlink()
    assert fingerprint(outside) == outside_before and sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert snapshot(planted) == planted_before and snapshot(backup) == backup_before
    assert [d.path for d in built.diagnostics if d.code == "foreign-staging"] == [str(planted)]


# --- a marker must prove the folder is a sitegen output -------------------------------------


@pytest.mark.parametrize("marker", ["", "index.html\n", f"{MARKER_HEADER}\n", f"{MARKER_HEADER}\nindex.html\ngone.html\n",
                                    f"{MARKER_HEADER}\n../index.html\n"],
                         ids=["empty", "no-header", "no-files", "listed-file-missing", "unsafe-path"])
def test_a_marker_that_proves_nothing_is_refused(new_site, marker):
    site = new_site(FILES)
    site.output.mkdir()
    (site.output / "index.html").write_text("صفحتي الخاصة", encoding="utf-8")
    (site.output / "رسالة.txt").write_text("ملف لا يخص الموقع", encoding="utf-8")
    (site.output / MARKER).write_text(marker, encoding="utf-8")
    before = snapshot(site.output)
    built = build_site(site)
    assert built.result.exit_code == 2
    (refusal,) = [d for d in built.diagnostics if d.code == "output-dir"]
    assert refusal.path == str(site.output / MARKER)
    assert snapshot(site.output) == before


def test_a_marker_written_by_a_build_is_accepted(new_site):
    site = new_site(FILES)
    assert build_site(site).result.exit_code == 0
    lines = (site.output / MARKER).read_text(encoding="utf-8").splitlines()
    assert lines[0] == MARKER_HEADER and "index.html" in lines[1:]
    assert build_site(site).result.exit_code == 0


def test_the_marker_the_last_build_left_proves_the_output_without_looking_for_each_listed_file(new_site, monkeypatch):
    # Issue 10: an edit's build looked for every listed file (~35,000 lstat calls at 10,000
    # articles); the marker the last build left, still that very file, proves the folder by itself.
    from sitegen import output_folder

    site = new_site(FILES)
    assert build_site(site).result.exit_code == 0
    looked: list[bool] = []
    real = output_folder._marker_problem
    monkeypatch.setattr(output_folder, "_marker_problem", lambda output, marker, listed=True: looked.append(listed)
                        or real(output, marker, listed))
    (site.content / "c.md").write_text(article("خبر ثالث عن الطقس", "2024-11-22T09:00:00+03:00"), encoding="utf-8")
    assert build_site(site).result.exit_code == 0
    assert looked == [False]  # the quick check before the build's work only
    (site.output / "index.html").unlink()  # a page removed by hand: the marker still proves it
    assert build_site(site).result.exit_code == 0
    assert (site.output / "index.html").is_file()


def test_a_marker_rewritten_with_the_same_text_is_checked_in_full_again(new_site):
    site = new_site(FILES)
    assert build_site(site).result.exit_code == 0
    text = (site.output / MARKER).read_bytes()
    (site.output / MARKER).unlink()
    (site.output / MARKER).write_bytes(text)  # another file: not the one the last build left
    (site.output / "index.html").unlink()
    before = snapshot(site.output)
    built = build_site(site)
    assert built.result.exit_code == 2
    (refusal,) = [d for d in built.diagnostics if d.code == "output-dir"]
    assert "the listed file index.html is missing" in refusal.message
    assert snapshot(site.output) == before


# --- two builds never write one output at once ---------------------------------------------


def test_a_second_build_into_a_locked_output_exits_2(new_site):
    site = new_site(FILES)
    assert build_site(site).result.exit_code == 0
    before = snapshot(site.output)
    (site.content / "c.md").write_text(article("خبر ثالث عن حديقة الحي", "2024-11-22T09:00:00+03:00"), encoding="utf-8")
    with OutputLock(site.output):   # another build is in the middle of writing
        built = build_site(site)
    assert built.result.exit_code == 2
    (locked,) = [d for d in built.diagnostics if d.code == "output-locked"]
    assert locked.message == f"another build is writing {site.output}"
    assert snapshot(site.output) == before
    assert build_site(site).result.exit_code == 0   # released: the next build writes
    assert snapshot(site.output) != before


def test_the_output_lock_is_released_when_a_build_dies(new_site):
    site = new_site(FILES)
    holder = ("import os, sys\nfrom pathlib import Path\nfrom sitegen.output_lock import OutputLock\n"
              "OutputLock(Path(sys.argv[1])).__enter__()\nos._exit(9)\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    died = subprocess.run([sys.executable, "-c", holder, str(site.output)], env=env, capture_output=True)
    assert died.returncode == 9, died.stderr.decode()
    assert lock_path(site.output).is_file()
    assert build_site(site).result.exit_code == 0


def test_a_lock_file_sitegen_did_not_write_is_refused(new_site, outside):
    site = new_site(FILES)
    lock_path(site.output).symlink_to(outside / "keep.txt")
    built = build_site(site)
    assert built.result.exit_code == 2 and "output-dir" in built.codes()
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "ملف خارج الموقع"
    assert not site.output.exists()


def test_a_forked_worker_does_not_keep_the_output_locked(tmp_path):
    """Regression: a render-pool worker (forked while the build held the lock) outliving a
    killed build kept the next build out with ``output-locked`` (tests/test_interrupt.py)."""
    output = tmp_path / "public"
    from_child, to_parent = os.pipe()
    with OutputLock(output):
        child = os.fork()
        if child == 0:  # the worker: says it runs, then lives on after its parent lets go
            os.write(to_parent, b"x")
            time.sleep(60)  # killed below
            os._exit(0)
        assert os.read(from_child, 1) == b"x"
    try:
        with OutputLock(output):  # the parent is gone from the lock; the child must not hold it
            pass
    finally:
        os.kill(child, 9)
        os.waitpid(child, 0)


@pytest.mark.parametrize("target", ["real", "dangling"])
def test_an_output_folder_that_is_a_symlink_is_refused(new_site, outside, target):
    """Regression: ``public -> /elsewhere/realout`` (or a dangling link) was silently replaced by
    a real folder and the link lost."""
    site = new_site(FILES)
    real = outside / "realout"
    if target == "real":
        real.mkdir()
    site.output.symlink_to(real, target_is_directory=True)
    built = build_site(site)
    assert built.result.exit_code == 2
    (refusal,) = [d for d in built.diagnostics if d.code == "output-dir"]
    assert (refusal.path, refusal.message) == (str(site.output),
                                               f"{site.output} is a symbolic link; give --output the real folder")
    assert site.output.is_symlink() and os.readlink(site.output) == str(real)
    assert sorted(p.name for p in outside.iterdir()) == (["keep.txt", "realout"] if target == "real" else ["keep.txt"])
    assert not real.exists() or not any(real.iterdir())
