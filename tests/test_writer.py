"""sitegen.writer: the output folder is swapped in whole or not at all, refused folders,
leftovers of killed builds, symlinks in content, content never modified."""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import (REPO, article, article_pages, build_site, fingerprint, make_site, process_gone, settle, snapshot,
                     staging_leftovers)
from sitegen import foreign_files, writer
from sitegen.cache import CACHE_DIR, BuildCache
from sitegen.errors import SitegenError
from sitegen.output_folder import MARKER
from sitegen.page_writer import PageWriter
from sitegen.writer import SETTLED_NS, StagedOutput, list_files, pack_files, sweep_handed, unpack_files

FIRST = {"a.md": article("افتتاح سوق المزارعين الأسبوعي", "2024-11-20T09:00:00+03:00", tags=["زراعة"]),
         "b.md": article("تمديد ساعات عمل المكتبة العامة", "2024-11-21T09:00:00+03:00", tags=["ثقافة"])}


@pytest.fixture
def built_once(new_site):
    """A mini-site already built once: (site, snapshot of its public/)."""
    site = new_site(FIRST)
    first = build_site(site)
    assert first.result.exit_code == 0
    return site, snapshot(site.output)


def add_article(site, name="c.md", title="خبر ثالث عن حديقة الحي"):
    (site.content / name).write_text(article(title, "2024-11-22T09:00:00+03:00"), encoding="utf-8")


# --- a failed build leaves the previous site whole ----------------------------------


def test_template_error_keeps_previous_output(built_once):
    site, before = built_once
    add_article(site)
    (site.root / "templates").mkdir()
    (site.root / "templates/article.html").write_text(
        '{% extends "base.html" %}{% block main %}{{ article.no_such_field.deeper }}{% endblock %}', encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 2
    assert "template" in built.codes()
    assert snapshot(site.output) == before
    assert staging_leftovers(site.output) == []


def test_template_syntax_error_names_template_and_line(built_once):
    site, before = built_once
    (site.root / "templates").mkdir()
    (site.root / "templates/article.html").write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}\n',
                                                     encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 2
    (diag,) = [d for d in built.diagnostics if d.code == "template"]
    assert diag.path.endswith("article.html") and diag.line == 3
    assert snapshot(site.output) == before


@pytest.mark.parametrize("fail_after", [0, 3])
def test_write_failure_midway_keeps_previous_output(built_once, monkeypatch, fail_after):
    site, before = built_once
    add_article(site)
    real_write = PageWriter.write  # every file written, by the main process or a render worker
    calls = {"n": 0}

    def failing_write(self, relative, data):
        if calls["n"] >= fail_after:
            raise OSError(errno.ENOSPC, "No space left on device")
        calls["n"] += 1
        return real_write(self, relative, data)

    monkeypatch.setattr(PageWriter, "write", failing_write)
    built = build_site(site)                # a full disk is reported, not raised
    assert built.result.exit_code == 2
    errors = [d for d in built.diagnostics if d.is_error]
    assert errors and all(d.path and d.code for d in errors)
    assert snapshot(site.output) == before
    assert staging_leftovers(site.output) == []


def test_failed_first_build_creates_no_output(new_site):
    site = new_site(FIRST, templates={"index.html": "{% for %}"})
    built = build_site(site)
    assert built.result.exit_code == 2
    assert not site.output.exists()
    assert staging_leftovers(site.output) == []


def test_successful_rebuild_replaces_everything(built_once):
    site, before = built_once
    (site.content / "a.md").unlink()
    built = build_site(site)
    assert built.result.exit_code == 0
    after = snapshot(site.output)
    assert not any("افتتاح-سوق-المزارعين" in path for path in after)
    assert not (site.output / "tags/زراعة").exists()
    assert staging_leftovers(site.output) == []


def test_output_folder_has_ordinary_permissions(new_site):
    site = new_site(FIRST)
    build_site(site)
    umask = os.umask(0)
    os.umask(umask)
    reference = site.root / "made-by-mkdir"
    reference.mkdir()
    mode = stat.S_IMODE(site.output.stat().st_mode)
    assert mode == stat.S_IMODE(reference.stat().st_mode), oct(mode)   # a web server must be able to read it


# --- leftovers of a killed build ---------------------------------------------------


#: A build killed by the kernel (``os._exit``: no clean-up runs, the OS releases the lock):
#: argv[1] is the output folder, argv[2] where it dies — ``writing`` (in the middle of
#: writing the staging folder) or ``swap`` (between moving the old site aside and moving the
#: new one in, on a system without an atomic exchange).
KILLED_BUILD = """
import os, sys
from pathlib import Path
import sitegen.writer as writer

where = sys.argv[2]
writer._exchange = lambda a, b: False
real_rename = os.rename
def rename(a, b):
    real_rename(a, b)
    if where == "swap" and ".sitegen-old-" in str(b):
        os._exit(9)
os.rename = rename
with writer.StagedOutput(Path(sys.argv[1])) as out:
    out.write("2024/half.html", "<p>نصف صفحة</p>".encode())
    if where == "writing":
        os._exit(9)
    out.commit()
"""


def kill_a_build(output: Path, where: str) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(output), where], env=env, capture_output=True)
    assert done.returncode == 9, done.stderr.decode()


def test_leftover_staging_folders_of_a_killed_build_are_removed(built_once):
    site, before = built_once
    kill_a_build(site.output, "writing")
    assert len(staging_leftovers(site.output)) == 1 and snapshot(site.output) == before
    unrelated = site.root / ".publicity.sitegen-new-keep"
    unrelated.mkdir()
    built = build_site(site)
    assert built.result.exit_code == 0
    assert staging_leftovers(site.output) == []
    assert unrelated.is_dir()
    assert (site.output / "index.html").is_file() and not (site.output / "2024/half.html").exists()


def test_old_site_moved_aside_by_a_killed_swap_is_not_lost(built_once):
    site, before = built_once
    kill_a_build(site.output, "swap")      # killed between "old → aside" and "new → public"
    assert not site.output.exists()
    (aside,) = [name for name in staging_leftovers(site.output) if "-old-" in name]
    assert snapshot(site.root / aside) == before
    built = build_site(site)
    assert built.result.exit_code == 0
    assert snapshot(site.output) == before  # the old site came back; the rebuild gave the same files
    assert staging_leftovers(site.output) == []


# --- refused output folders ---------------------------------------------------------


def test_output_equal_to_content_is_refused(built_once):
    site, _ = built_once
    content_before = fingerprint(site.content)
    built = build_site(site, output=site.content)
    assert built.result.exit_code == 2
    assert "output-dir" in built.codes()
    assert fingerprint(site.content) == content_before


def test_output_inside_content_is_refused(built_once):
    site, _ = built_once
    content_before = fingerprint(site.content)
    built = build_site(site, output=site.content / "public")
    assert built.result.exit_code == 2 and "output-dir" in built.codes()
    assert fingerprint(site.content) == content_before


def test_output_equal_to_project_root_is_refused(built_once):
    site, _ = built_once
    root_before = fingerprint(site.root)
    built = build_site(site, output=site.root)
    assert built.result.exit_code == 2 and "output-dir" in built.codes()
    assert fingerprint(site.root) == root_before


def test_output_holding_the_project_is_refused(built_once):
    site, _ = built_once
    parent_before = fingerprint(site.root.parent)
    built = build_site(site, output=site.root.parent)
    assert built.result.exit_code == 2 and "output-dir" in built.codes()
    assert fingerprint(site.root.parent) == parent_before


def test_home_folder_is_refused(built_once, tmp_path, monkeypatch):
    site, _ = built_once
    home = tmp_path / "home"
    (home / "documents").mkdir(parents=True)
    (home / "documents/مذكرات.txt").write_text("لا تمسح هذا", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    assert Path.home() == home
    home_before = fingerprint(home)
    built = build_site(site, output=home)
    assert built.result.exit_code == 2 and "output-dir" in built.codes()
    assert fingerprint(home) == home_before


def test_output_that_is_an_existing_file_is_refused(built_once):
    site, _ = built_once
    target = site.root / "notes.txt"
    target.write_text("ملاحظات المحرر", encoding="utf-8")
    built = build_site(site, output=target)
    assert built.result.exit_code == 2
    assert target.is_file() and target.read_text(encoding="utf-8") == "ملاحظات المحرر"
    assert staging_leftovers(target) == []


def test_check_mode_writes_nothing(new_site):
    site = new_site(FIRST)
    before = fingerprint(site.root)
    built = build_site(site, write=False)
    assert built.result.exit_code == 0
    assert built.result.articles == 2
    assert fingerprint(site.root) == before
    assert not site.output.exists() and staging_leftovers(site.output) == []


# --- content is read, never followed outside, never modified -----------------------


def test_symlinks_pointing_outside_content_are_not_followed(new_site, tmp_path):
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    secret = "سر-خارجي-لا-ينشر"
    (outside / "secret.md").write_text(article("وثيقة خارجية سرية", body=secret), encoding="utf-8")
    (outside / "folder/other.md").write_text(article("وثيقة خارجية أخرى", body=secret), encoding="utf-8")
    site = new_site(FIRST)
    (site.content / "linked.md").symlink_to(outside / "secret.md")
    (site.content / "linked-folder").symlink_to(outside / "folder", target_is_directory=True)
    (outside / "secret.png").write_text(secret, encoding="utf-8")
    (site.content / "photo.png").symlink_to(outside / "secret.png")
    built = build_site(site)
    assert built.result.exit_code == 0
    assert len(article_pages(built.output)) == 2
    for file in built.output.rglob("*"):
        if file.is_file():
            assert secret.encode() not in file.read_bytes(), file
            assert "وثيقة-خارجية" not in file.as_posix()


def test_content_files_are_not_modified(new_site):
    files = dict(FIRST)
    files["crlf.md"] = article("خبر بنهايات أسطر ويندوز", "2024-11-19T09:00:00+03:00").replace("\n", "\r\n")
    files["bom.md"] = "\ufeff" + article("خبر يبدأ بعلامة ترتيب البايتات", "2024-11-18T09:00:00+03:00")
    files["colon.md"] = "---\ntitle: عاجل: خبر بنقطتين\ndate: 2024-11-17\n---\nنص.\n"
    site = new_site(files)
    for path in site.content.iterdir():
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = fingerprint(site.content)
    built = build_site(site)
    assert built.result.exit_code == 0
    assert fingerprint(site.content) == before
    assert sorted(p.name for p in site.content.iterdir()) == sorted(files)


def test_site_static_files_win_over_the_theme(new_site):
    site = new_site(FIRST, static={"css/site.css": "body { color: black; }\n", "js/extra.js": "// إضافي\n",
                                   ".secret-note": "لا ينشر"})
    built = build_site(site)
    assert built.result.exit_code == 0
    assert (built.output / "css/site.css").read_text(encoding="utf-8") == "body { color: black; }\n"
    assert (built.output / "js/extra.js").is_file()
    assert not (built.output / ".secret-note").exists()


def test_images_beside_articles_are_copied(new_site):
    site = new_site({**FIRST, "photos/جسر.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>", "notes.docx": "x"},
                    config={"trusted_html": True})  # an SVG from content/ needs it (test_untrusted_content)
    built = build_site(site)
    assert built.result.exit_code == 0
    assert (built.output / "photos/جسر.svg").read_bytes() == (site.content / "photos/جسر.svg").read_bytes()
    assert not (built.output / "notes.docx").exists()


def test_hidden_files_and_editor_leftovers_are_not_content(new_site):
    hidden = article("ملف مخفي لا ينشر", "2024-11-19T09:00:00+03:00")
    site = new_site({**FIRST, ".hidden.md": hidden, ".obsidian/cache.md": hidden, "b.md~": hidden,
                     "#a.md#": hidden.replace("مخفي", "مؤقت")})
    built = build_site(site)
    assert built.result.exit_code == 0
    assert len(article_pages(built.output)) == 2


def test_same_asset_in_static_and_content_names_both_sources(new_site):
    site = new_site({**FIRST, "images/شعار.svg": "<svg id='content'/>"}, static={"images/شعار.svg": "<svg id='static'/>"},
                    config={"trusted_html": True})
    built = build_site(site)
    if built.result.exit_code == 0:       # one copy may win, but only the site's own content copy
        assert (built.output / "images/شعار.svg").read_text(encoding="utf-8") == "<svg id='content'/>"
    else:                                 # or the clash is reported with both files, like any URL collision
        assert built.result.exit_code == 2
        text = "\n".join(d.format() for d in built.diagnostics)
        assert "static/images/شعار.svg" in text and "content/images/شعار.svg" in text, text
        assert not site.output.exists()


def test_a_folder_sitegen_did_not_make_is_never_replaced(new_site):
    site = new_site(FIRST)
    site.output.mkdir()
    (site.output / "رسالة.txt").write_text("ملف لا يخص الموقع", encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 2
    assert "output-dir" in [d.code for d in built.result.report.errors]
    assert [p.name for p in site.output.iterdir()] == ["رسالة.txt"]
    assert (site.output / "رسالة.txt").read_text(encoding="utf-8") == "ملف لا يخص الموقع"


def test_an_empty_folder_and_an_earlier_build_are_replaced(new_site):
    site = new_site(FIRST)
    site.output.mkdir()
    assert build_site(site).result.exit_code == 0
    assert (site.output / MARKER).is_file()
    assert build_site(site).result.exit_code == 0


def test_files_added_to_the_output_by_someone_else_survive_a_rebuild(new_site):
    site = new_site(FIRST)
    assert build_site(site).result.exit_code == 0
    ours = set((site.output / MARKER).read_text(encoding="utf-8").splitlines())
    assert "index.html" in ours and "CNAME" not in ours
    (site.output / "CNAME").write_text("news.example.org\n", encoding="utf-8")
    (site.output / ".git" / "refs" / "tags").mkdir(parents=True)
    (site.output / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (site.output / "index.html").write_text("تعديل يدوي", encoding="utf-8")  # ours: regenerated
    assert build_site(site).result.exit_code == 0
    assert (site.output / "CNAME").read_text(encoding="utf-8") == "news.example.org\n"
    assert (site.output / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (site.output / ".git" / "refs" / "tags").is_dir()
    assert "تعديل يدوي" not in (site.output / "index.html").read_text(encoding="utf-8")
    assert staging_leftovers(site.output) == []


def test_a_page_no_longer_built_is_removed(new_site):
    site = new_site(FIRST)
    assert build_site(site).result.exit_code == 0
    before = {p.relative_to(site.output).as_posix() for p in site.output.rglob("index.html")}
    victim = sorted(site.content.glob("*.md"))[0]
    victim.unlink()
    assert build_site(site).result.exit_code == 0
    after = {p.relative_to(site.output).as_posix() for p in site.output.rglob("index.html")}
    gone = before - after
    assert "tags/زراعة/index.html" in gone  # the tag only the removed article had
    assert [p for p in gone if p.count("/") == 4] == ["2024/11/20/افتتاح-سوق-المزارعين-الأسبوعي/index.html"]


def test_an_empty_search_folder_of_a_site_without_articles_stays_from_the_third_build_on(new_site):
    # /tmp/attack44b/r2-empty-site-search-text.sh: a build starting from the spare tree (the
    # third on) swept the search index's folders made for another tool away when empty, where
    # a build into a new staging folder (the first two, any --clean build) leaves them.
    from datetime import timedelta

    from helpers import BUILD_TIME

    site = new_site({})
    for hours in range(4):  # another clock each time: no build takes the nothing-changed path
        assert build_site(site, build_time=BUILD_TIME + timedelta(hours=hours)).result.exit_code == 0
        assert (site.output / "search" / "text").is_dir(), f"build {hours + 1}"
    clean = site.root / "clean"
    build_site(site, output=clean, clean=True, build_time=BUILD_TIME + timedelta(hours=3))

    def folders(root):
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}

    assert folders(site.output) == folders(clean)
    assert snapshot(site.output) == snapshot(clean)


# --- folders unchanged since the last build are not listed again ----------------------------


def test_a_file_added_to_a_folder_recorded_by_the_last_build_survives_the_next(new_site):
    site = new_site(FIRST)
    edit = 0

    def build_edited():
        nonlocal edit
        edit += 1
        (site.content / "a.md").write_text(FIRST["a.md"] + f"\nفقرة {edit}.\n", encoding="utf-8")
        assert build_site(site).result.exit_code == 0

    build_edited()
    build_edited()  # the first site becomes the spare tree
    spare = next((site.root / CACHE_DIR).glob("spare-*"))
    settle(spare)  # the next build starts from it: its folders untouched by that build stay settled
    build_edited()
    page = next(p.parent for p in article_pages(site.output) if "b.md" not in str(p) and "تمديد" in p.as_posix())
    relative = page.relative_to(site.output).as_posix()
    manifest = BuildCache(site.root / CACHE_DIR, "").manifest(site.output)
    assert manifest["folders"][0][relative] is not None  # recorded, so the next build does not list it
    (page / "notes.txt").write_text("أضافها المحرر", encoding="utf-8")
    build_edited()
    assert (page / "notes.txt").read_text(encoding="utf-8") == "أضافها المحرر"
    assert (page / "index.html").is_file() and staging_leftovers(site.output) == []


def test_adopt_lists_the_files_another_tool_wrote_sorted_with_their_identities(tmp_path):
    # Issue 10: the search index's ~20,000 files were found through Path.rglob (a Path and two
    # stat calls each, ~0.35 s at 10,000 articles); their identities were looked up again for
    # the nothing-changed snapshot.
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        folder = out.folder("search/text")
        (folder / "b.gz").write_bytes(b"bb")
        (folder / "deep").mkdir()
        (folder / "deep" / "a.gz").write_bytes(b"a")
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "x.gz").write_bytes(b"x")
        os.symlink(tmp_path / "elsewhere", folder / "linked")  # neither followed nor adopted
        os.symlink(tmp_path / "elsewhere" / "x.gz", folder / "link.gz")
        assert out.adopt("search/text") == ["search/text/b.gz", "search/text/deep/a.gz"]
        assert out.adopt("search/absent") == []
        info = os.lstat(folder / "deep" / "a.gz")
        assert out.stats["search/text/deep/a.gz"] == (info.st_ino, 1, info.st_mtime_ns, info.st_ctime_ns)
        assert "search/text/link.gz" not in out.stats
        out.commit()
    listed = (output / MARKER).read_text(encoding="utf-8").splitlines()
    assert "search/text/b.gz" in listed and "search/text/deep/a.gz" in listed
    assert not any("link" in line for line in listed)


def _output_with_a_file_put_into_the_index(tmp_path: Path) -> Path:
    """An output folder with a page, and ``search/text/mine.gz`` put there by hand."""
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        out.write("index.html", b"<p>home</p>")
        out.commit()
    (output / "search" / "text").mkdir(parents=True)
    (output / "search" / "text" / "mine.gz").write_bytes(b"by hand")
    return output


def test_adopt_takes_a_listing_made_elsewhere_as_list_files_makes_it_and_drops_carried_files_alike(tmp_path):
    # Issue 10: the search process lists the index's ~20,000 files while the build finishes its
    # page loop (list_files), and adopt takes that listing instead of listing them again (~65 ms);
    # a file someone put into the folder (carried over) is removed either way.
    output = _output_with_a_file_put_into_the_index(tmp_path)
    adopted, stats, warnings = [], [], []
    for given in (False, True):
        with StagedOutput(output) as out:
            folder = out.folder("search/text")
            (folder / "deep").mkdir()
            (folder / "deep" / "a.gz").write_bytes(b"a")
            os.symlink(tmp_path, folder / "linked")
            listing = list_files(os.fspath(out.stage), "search/text")
            assert sorted(relative for relative, _ in listing) == ["search/text/deep/a.gz", "search/text/mine.gz"]
            adopted.append(out.adopt("search/text", listing if given else None))
            stats.append(out.stats["search/text/deep/a.gz"] == dict(listing)["search/text/deep/a.gz"])
            warnings.append([w.code for w in out.warnings])
            assert not (folder / "mine.gz").exists() and (output / "search" / "text" / "mine.gz").is_file()
    assert adopted == [["search/text/deep/a.gz"]] * 2 and stats == [True, True]
    assert warnings == [["output-foreign-dropped"]] * 2


def test_sweep_handed_unlinks_links_and_empty_folders_and_notes_what_is_left(tmp_path):
    # Issue 10: the search process sweeps the index's folders as the commit's sweep would (a link
    # unlinked, never followed; folders left empty removed) and notes their identities, so that
    # the commit does not list ~20,000 entries again.
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's", encoding="utf-8")
    folder = tmp_path / "stage" / "search" / "pagefind"
    (folder / "index").mkdir(parents=True)
    (folder / "index" / "a.pf").write_bytes(b"a")
    (folder / "empty" / "emptier").mkdir(parents=True)
    os.symlink(outside, folder / "link.pf")
    os.symlink(tmp_path, folder / "folder-link")
    old = time.time_ns() - 2 * SETTLED_NS
    os.utime(folder / "index", ns=(old, old))
    packed, empty, notes, removed = sweep_handed(str(tmp_path / "stage"), "search/pagefind")
    assert not empty and sorted(removed) == ["search/pagefind/empty", "search/pagefind/empty/emptier"]
    assert sorted(os.listdir(folder)) == ["index"] and os.listdir(folder / "index") == ["a.pf"]
    assert outside.read_text(encoding="utf-8") == "not the site's"
    assert unpack_files(packed) == list_files(str(tmp_path / "stage"), "search/pagefind")
    assert [relative for relative, _ in unpack_files(packed)] == ["search/pagefind/index/a.pf"]
    noted = {relative: (identity, stats) for relative, identity, stats in notes}
    assert sorted(noted) == ["search/pagefind", "search/pagefind/index"]
    info = os.lstat(folder / "index")
    assert noted["search/pagefind/index"] == ((info.st_dev, info.st_ino, old),
                                              (info.st_ino, info.st_size, old, info.st_ctime_ns))
    assert noted["search/pagefind"][0] is None  # changed just now: not settled, listed again next time
    assert sweep_handed(str(tmp_path / "stage"), "search/text") is None
    (folder / "index" / "a.pf").unlink()
    assert sweep_handed(str(tmp_path / "stage"), "search/pagefind")[1:] == (True, [("search/pagefind", None, _stats(folder))],
                                                                            ["search/pagefind/index"])


def _stats(path):
    info = os.lstat(path)
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def test_a_commit_takes_a_handed_folder_as_its_process_swept_it_without_listing_it_again(tmp_path, monkeypatch):
    # Issue 10: with the search process's sweep the commit lists neither the index's folder nor
    # anything under it, and records the same folders as when it sweeps them itself.
    output = tmp_path / "public"
    spare = tmp_path / "cache" / "spare"
    known = marker = spare_known = spare_marker = None
    noted, scanned = {}, {}
    for given in (None, None, False, True):
        with StagedOutput(output, spare, known, marker, spare_known, spare_marker) as out:
            out.write("index.html", b"<p>home</p>")
            folder = out.folder("search/text")
            (folder / "deep").mkdir(exist_ok=True)
            (folder / "deep" / "a.gz").write_bytes(b"a")
            (folder / "gone").mkdir(exist_ok=True)
            swept = sweep_handed(os.fspath(out.stage), "search/text")
            out.adopt("search/text", unpack_files(swept[0]), swept[1:] if given else None)
            listed = []
            real_scandir = os.scandir
            monkeypatch.setattr(os, "scandir", lambda path: listed.append(os.fspath(path)) or real_scandir(path))
            out.commit()
            monkeypatch.setattr(os, "scandir", real_scandir)
        if given is not None:
            assert out.reused_spare
            scanned[given] = sorted(path.rpartition("/search/")[2] for path in listed if "/search/" in path)
            noted[given] = {relative for relative in out.known[0] if relative}
        spare_known, spare_marker, known, marker = known, marker, out.known, out.marker
        assert sorted(os.listdir(output / "search" / "text")) == ["deep"]
        assert (output / MARKER).read_text(encoding="utf-8").splitlines()[1:] == ["index.html", "search/text/deep/a.gz"]
    assert scanned == {False: ["text", "text/deep"], True: []}
    assert noted[True] == noted[False] == {"search", "search/text", "search/text/deep"}


def test_a_folder_adopted_as_one_block_is_listed_in_the_marker_in_place_and_kept_out_of_files(tmp_path):
    # Issue 10: the search index's ~20,000 files, listed and swept by the search process, are
    # adopted as one block: not one by one into the build's sets (~50 ms of an edit at 10,000
    # articles), yet the marker lists every file sorted, and the output's record gets them.
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        for page in ("a/index.html", "search/index.html", "search/z.html", "searchz/index.html", "z/index.html"):
            out.write(page, b"<p>page</p>")
        for folder, names in (("search/text", ("b.gz", "deep/a.gz")), ("search/pagefind", ("x.pf", "fragment/y.pf"))):
            made = out.folder(folder)
            for name in names:
                (made / name).parent.mkdir(exist_ok=True)
                (made / name).write_bytes(name.encode())
            swept = sweep_handed(os.fspath(out.stage), folder)
            assert out.adopt_block(folder, swept[0], swept[1:])
        out.commit()
    listed = (output / MARKER).read_text(encoding="utf-8").splitlines()[1:]
    assert listed == sorted(listed) == ["a/index.html", "search/index.html", "search/pagefind/fragment/y.pf",
                                        "search/pagefind/x.pf", "search/text/b.gz", "search/text/deep/a.gz",
                                        "search/z.html", "searchz/index.html", "z/index.html"]
    assert not any(path.startswith(("search/text/", "search/pagefind/")) for path in out.files)
    blocks = {tuple(folders): unpack_files(packed) for packed, folders in out.blocks}
    info = os.lstat(output / "search/text/deep/a.gz")
    assert blocks[("search/text/deep", "search/text")][1] == (
        "search/text/deep/a.gz", (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    assert sorted(blocks) == [("search/pagefind/fragment", "search/pagefind"), ("search/text/deep", "search/text")]


def test_a_block_is_not_adopted_over_a_carried_file_and_a_page_inside_it_keeps_the_marker_sorted(tmp_path):
    # Issue 10: a file someone put into the index's folder is carried over; adopt removes it
    # (the folder is sitegen's), so such a folder is not adopted as a block. A page of the
    # build's own inside a block's folder (never planned so) still leaves the marker sorted.
    output = _output_with_a_file_put_into_the_index(tmp_path)
    with StagedOutput(output) as out:
        out.write("index.html", b"<p>home</p>")
        folder = out.folder("search/text")
        (folder / "a.gz").write_bytes(b"a")
        swept = sweep_handed(os.fspath(out.stage), "search/text")
        assert not out.adopt_block("search/text", swept[0], swept[1:])
        assert out.adopt("search/text", unpack_files(swept[0]), swept[1:]) == ["search/text/a.gz"]
        bundle = out.folder("search/pagefind")
        (bundle / "p.pf").write_bytes(b"p")
        out.write("search/pagefind/a.html", b"<p>a page</p>")
        swept = sweep_handed(os.fspath(out.stage), "search/pagefind")
        assert out.adopt_block("search/pagefind", pack_files([item for item in unpack_files(swept[0])
                                                             if item[0].endswith(".pf")]), swept[1:])
        out.commit()
    assert [w.code for w in out.warnings] == ["output-foreign-dropped"]
    assert (output / MARKER).read_text(encoding="utf-8").splitlines()[1:] == [
        "index.html", "search/pagefind/a.html", "search/pagefind/p.pf", "search/text/a.gz"]


def test_write_in_a_fresh_staging_folder_notes_the_identity_of_the_file_it_made(tmp_path):
    # Issue 10: a clean build's page files are made with O_CREAT|O_EXCL and no look for a file
    # first; the identity comes from the open file (no lstat after the write).
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        out.write("2024/11/21/a/index.html", b"<p>a</p>")
        out.write("2024/11/21/b/index.html", b"<p>bb</p>")
        info = os.lstat(out.stage / "2024/11/21/b/index.html")
        assert out.stats["2024/11/21/b/index.html"] == (info.st_ino, 9, info.st_mtime_ns, info.st_ctime_ns)
        assert out.identity("2024/11/21/b/index.html") == (info.st_ino, 9, info.st_mtime_ns, info.st_ctime_ns)
        assert stat.S_IMODE(info.st_mode) == 0o666 & ~_umask()
        with pytest.raises(SitegenError):
            out.write("2024/11/21/a/index.html", b"again")
        out.commit()
    assert (output / "2024/11/21/a/index.html").read_bytes() == b"<p>a</p>"


@pytest.mark.skipif(sys.platform != "linux", reason="signals held with pthread_sigmask")
@pytest.mark.parametrize("exchange", [True, False])
def test_a_ctrl_c_during_the_swap_ends_as_interrupted_after_publishing(tmp_path, monkeypatch, exchange):
    # /tmp/attack45/r4-untouched-but-published.sh: a Ctrl-C landing just after the swap (or once
    # the new site was in place, before the build noted it) said "the previous output is
    # untouched" while the output held the new site.
    import signal

    from sitegen.errors import InterruptedAfterPublishing

    output = tmp_path / "public"
    with StagedOutput(output) as out:
        out.write("index.html", b"old")
        out.commit()
    real = writer._exchange

    def swapped_then_interrupted(a, b):
        done = real(a, b) if exchange else False
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)  # delivered once unblocked
        return done

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "_exchange", swapped_then_interrupted)
    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        with pytest.raises(InterruptedAfterPublishing):
            with StagedOutput(output) as out:
                out.write("index.html", b"new")
                out.commit()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert out.published and (output / "index.html").read_bytes() == b"new"
    monkeypatch.setattr(writer, "_exchange", real)
    with StagedOutput(output) as out:  # the old site left by a swap without exchange was journaled
        out.write("index.html", b"newer")
        out.commit()
    assert (output / "index.html").read_bytes() == b"newer" and staging_leftovers(output) == []


def test_a_ctrl_c_before_the_swap_leaves_the_output_untouched_and_says_so(tmp_path, monkeypatch):
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        out.write("index.html", b"old")
        out.commit()

    def interrupted(a, b):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "_exchange", interrupted)
    with pytest.raises(KeyboardInterrupt) as raised:
        with StagedOutput(output) as out:
            out.write("index.html", b"new")
            out.commit()
    assert raised.type is KeyboardInterrupt and not out.published  # not "after publishing"
    assert (output / "index.html").read_bytes() == b"old" and staging_leftovers(output) == []


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_write_over_a_link_or_file_in_the_staging_folder_replaces_it_never_writes_through(tmp_path):
    # Issue 10: with O_EXCL a name already taken (a file the spare tree or the carry-over
    # brought, maybe a link out of the staging folder) is unlinked and made anew.
    outside = tmp_path / "outside.html"
    outside.write_bytes(b"keep me")
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        os.makedirs(out.stage / "a")
        os.symlink(outside, out.stage / "a" / "index.html")
        (out.stage / "b.html").write_bytes(b"old")
        out.write("a/index.html", b"new a")
        out.write("b.html", b"new b")
        assert not (out.stage / "a" / "index.html").is_symlink()
        assert (out.stage / "a" / "index.html").read_bytes() == b"new a"
        assert (out.stage / "b.html").read_bytes() == b"new b"
        os.symlink(tmp_path, out.stage / "c")  # a link where a folder must be made
        with pytest.raises(SitegenError) as raised:
            out.write("c/index.html", b"x")
        assert raised.value.diagnostics[0].code == "output-path"
    assert outside.read_bytes() == b"keep me"
    assert not (tmp_path / "index.html").exists()


def test_sweep_lists_only_the_spare_folders_changed_since_their_build_and_still_removes_strays(new_site, monkeypatch, tmp_path):
    # The spare tree's sweep listed every folder (15,775 at 10,000 articles) at each edit; a
    # folder with the identity its build recorded holds what it held then, so it is not listed
    # unless one of those entries is a stray (a deleted article's page, a file no longer carried).
    from helpers import site_files

    monkeypatch.setattr(writer, "SETTLED_NS", -10**15)  # every folder's identity recorded at once
    files = {f"a{n}.md": article(f"خبر رقم {n}", f"2024-11-{1 + n:02d}T09:00:00+03:00", f"نص الخبر {n}.", slug=f"a{n}")
             for n in range(6)}
    site = new_site(files)
    assert build_site(site).result.exit_code == 0
    listed, sweeping = [], []
    real_scandir, real_sweep = os.scandir, StagedOutput._remove_strays

    def scandir(path="."):
        if sweeping:
            listed.append(os.fspath(path))
        return real_scandir(path)

    def remove_strays(self):
        sweeping.append(1)
        try:
            real_sweep(self)
        finally:
            sweeping.clear()

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(StagedOutput, "_remove_strays", remove_strays)
    steps = [("edit", "a1"), ("edit", "a2"), ("edit", "a3"), ("delete", "a4"), ("foreign", "extra/x.txt"),
             ("edit", "a5"), ("unforeign", "extra/x.txt"), ("edit", "a0"), ("edit", "a1")]
    for number, (kind, name) in enumerate(steps):
        if kind == "edit":
            path = site.content / f"{name}.md"
            path.write_text(path.read_text(encoding="utf-8") + f"\nفقرة مضافة {number}.\n", encoding="utf-8")
        elif kind == "delete":
            (site.content / f"{name}.md").unlink()
        elif kind == "foreign":  # a file someone put into the output: carried over
            (site.output / name).parent.mkdir(parents=True, exist_ok=True)
            (site.output / name).write_text("x", encoding="utf-8")
        else:
            (site.output / name).unlink()
            (site.output / name).parent.rmdir()
        listed.clear()
        built = build_site(site)
        assert built.result.exit_code == 0, built.diagnostics
        clean = build_site(site, output=tmp_path / f"clean{number}", clean=True, record_urls=False).output
        present = site_files(site.output)
        carried = number in (4, 5)  # put there at step 4, removed by hand at step 6
        assert (present.pop("extra/x.txt", None) == b"x") == carried, (number, kind, name)
        assert present == site_files(clean), (number, kind, name)
        swept = {path.rpartition(".sitegen-new-")[2].partition("/")[2] for path in listed}
        if number >= 5:  # the spare tree's build swept it, recording its folders: unchanged ones are not listed
            assert swept and not swept & {"2024/11/02/a1", "2024/11/03/a2", "2024/11/04/a3", "2024/11/06/a5"} - \
                {f"2024/11/0{1 + int(n[1])}/{n}" for k, n in steps[number - 1:number + 1] if k == "edit"}, (number, swept)


def test_a_copy_of_the_page_writer_writes_pages_that_the_staged_output_notes(tmp_path):
    # Issue 10: render workers write the pages they render with a copy of StagedOutput.pages
    # (the main process no longer receives and writes every page); the main process notes each
    # file with its identity, lists it in the marker and refuses a second write of the path.
    import pickle

    output = tmp_path / "public"
    with StagedOutput(output) as out:
        worker = pickle.loads(pickle.dumps(out.pages))  # as a spawned worker gets it
        identity = worker.write("news/a/index.html", b"<p>a</p>")
        assert identity[1] == 8
        out.written_elsewhere("news/a/index.html", identity)
        assert out.identity("news/a/index.html") == identity
        with pytest.raises(SitegenError) as caught:
            out.written_elsewhere("news/a/index.html", identity)
        assert caught.value.diagnostics[0].code == "url-collision"
        with pytest.raises(SitegenError) as caught:
            worker.write("news/../../escape.html", b"x")
        assert caught.value.diagnostics[0].code == "output-path"
        out.write("news/b/index.html", b"<p>b</p>")  # the main process's own writes still work
        out.commit()
    assert (output / "news/a/index.html").read_bytes() == b"<p>a</p>"
    assert (output / "news/b/index.html").read_bytes() == b"<p>b</p>"
    listed = (output / MARKER).read_text(encoding="utf-8").splitlines()
    assert "news/a/index.html" in listed and "news/b/index.html" in listed
    assert not (tmp_path / "escape.html").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_exchange_swaps_two_folders_with_the_c_library_the_process_has_loaded(tmp_path):
    # Regression: the C library was found with ctypes.util.find_library, an `ldconfig -p`
    # child process at every build's swap.
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "index.html").write_text("old site", encoding="utf-8")
    (new / "index.html").write_text("new site", encoding="utf-8")
    assert writer._exchange(new, old)
    assert (old / "index.html").read_text(encoding="utf-8") == "new site"
    assert (new / "index.html").read_text(encoding="utf-8") == "old site"


def _staged_builds(tmp_path, monkeypatch, count, before_last=None, listed=None, apart=False, kept=None):
    """``count`` builds of the same four pages through :class:`StagedOutput` with a spare tree,
    each passing on what the one before recorded as the real pipeline does (``known``, marker,
    the spare tree's own) and taking over the spare tree's pages by identity. ``before_last(spare)``
    runs before the last build; ``listed`` receives the folders its sweep lists; ``apart``:
    entering's walks (and the look at the spare tree's files) made in a forked process; ``kept``
    receives what a next build would be given: ``(known, marker, spare known, spare marker,
    the spare tree's files' identities)``."""
    monkeypatch.setattr(writer, "SETTLED_NS", -10**15)  # every folder's identity recorded at once
    pages = {"index.html": b"top", "a/b/c/index.html": b"c", "a/b/d/index.html": b"d", "x/y/index.html": b"y"}
    output, spare = tmp_path / "public", tmp_path / "cache" / "spare"
    records = [({}, None, None)] * 2  # (identities of files, known, marker) of the last two builds
    out = None
    for number in range(count):
        if number == count - 1 and before_last is not None:
            before_last(spare)
        live_ids, known, marker = records[-1]
        spare_ids, spare_known, spare_marker = records[-2]
        real_scandir = os.scandir

        def scandir(path="."):
            if listed is not None and sweeping and last:
                listed.append(os.fspath(path).rpartition(".sitegen-new-")[2].partition("/")[2])
            return real_scandir(path)

        sweeping, last = [], number == count - 1
        monkeypatch.setattr(os, "scandir", scandir)
        real_sweep = StagedOutput._remove_strays
        monkeypatch.setattr(StagedOutput, "_remove_strays", lambda self: (sweeping.append(1), real_sweep(self)))
        with StagedOutput(output, spare, known, marker, spare_known, spare_marker, apart=apart,
                          spare_files=spare_ids.items()) as out:
            for path, data in pages.items():
                if not (path in spare_ids and out.reuse_staged(path, spare_ids[path])):
                    out.write(path, data)
            out.commit()
        monkeypatch.setattr(os, "scandir", real_scandir)
        monkeypatch.setattr(StagedOutput, "_remove_strays", real_sweep)
        records.append(({path: out.stats[path] for path in pages}, out.known, out.marker))
    if kept is not None:
        kept.extend((*records[-1][1:], *records[-2][1:], records[-2][0]))
    return out, output


@pytest.mark.parametrize("apart", [False, True], ids=["walks-here", "walks-apart"])
def test_sweep_removes_a_stray_below_unchanged_folders_and_records_the_unwalked_ones(tmp_path, monkeypatch, apart):
    # Issue 10: the sweep walked every folder of the spare tree (~15,700 at 10,000 articles,
    # 0.2-0.4 s a build) to reach the few a one-page edit changes; it now looks at each
    # recorded folder once, flat, and walks only down to the changed ones. A stray put deep
    # inside folders that did not change (its own folder did) is still found and removed.
    def put_stray(spare):
        (spare / "a/b/c/stray.html").write_bytes(b"stray")

    listed: list[str] = []
    out, output = _staged_builds(tmp_path, monkeypatch, 5, put_stray, listed, apart)
    assert sorted(listed) == ["", "a/b/c"]  # the top folder (gets the marker) and the stray's
    assert not (output / "a/b/c/stray.html").exists()
    assert (output / "a/b/c/index.html").read_bytes() == b"c" and (output / "x/y/index.html").read_bytes() == b"y"
    folders, _ = out.known
    assert set(folders) == {"", "a", "a/b", "a/b/c", "a/b/d", "x", "x/y"}
    info = os.lstat(output / "x/y")
    assert folders["x/y"] == (info.st_dev, info.st_ino, info.st_mtime_ns)
    assert out.stats["x/y"] == (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def test_sweep_ignores_recorded_folder_paths_that_leave_the_staging_folder(tmp_path, monkeypatch):
    # Issue 10: the flat look at the spare tree's recorded folders takes only plain relative
    # paths: a damaged record naming "a/../.." (the staging folder's parent) or "../x" is
    # neither looked at as unchanged nor recorded for the next build.
    outside = tmp_path / "x"
    outside.mkdir()
    real_entries = foreign_files.known_entries

    def damaged(known):
        recorded, children, carried = real_entries(known)
        if recorded:
            recorded = dict(recorded)
            for bad in ("a/..", "a/../..", "../x", "a/../../x"):
                recorded[bad] = (0, 0, 0)
        return recorded, children, carried

    monkeypatch.setattr(writer, "known_entries", damaged)  # the look at the spare tree and its sweep
    monkeypatch.setattr(foreign_files, "known_entries", damaged)  # carrying foreign files over
    out, output = _staged_builds(tmp_path, monkeypatch, 5)
    folders, _ = out.known
    assert set(folders) == {"", "a", "a/b", "a/b/c", "a/b/d", "x", "x/y"}
    assert outside.is_dir() and (output / "x/y/index.html").read_bytes() == b"y"


@pytest.mark.parametrize("apart", [False, True], ids=["walks-here", "walks-apart"])
def test_a_spare_folder_replaced_by_a_link_out_is_not_trusted_and_nothing_is_written_through_it(tmp_path, monkeypatch, apart):
    # Issue 10: the spare tree's recorded folders are trusted as real (no lstat per page) only
    # when lstat sees a real folder under a real one. A folder moved out of the spare tree and
    # replaced by a link to it keeps its files' identities (a page there looks reusable), but
    # the link is never taken for the folder: it is removed (2026-12-05: the build refused
    # before, and stopped), the folder made and its page written, and the folder outside is as it was.
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    def link_out(spare):
        os.rename(spare / "x/y", outside / "y")
        os.symlink(outside / "y", spare / "x/y")

    _, output = _staged_builds(tmp_path, monkeypatch, 5, link_out, apart=apart)
    assert not (output / "x/y").is_symlink() and (output / "x/y/index.html").read_bytes() == b"y"
    assert sorted(p.name for p in (outside / "y").iterdir()) == ["index.html"]
    assert (outside / "y/index.html").read_bytes() == b"y"


def _spare_and_foreign(tmp_path, monkeypatch):
    """An output built four times through :class:`StagedOutput` (:func:`_staged_builds`), then
    given someone's CNAME, a folder of theirs and a link; ``(output, spare, what the fifth
    build gets: known, marker, spare known, spare marker, the spare tree's files' identities)``."""
    kept: list = []
    _, output = _staged_builds(tmp_path, monkeypatch, 4, kept=kept)
    spare = tmp_path / "cache" / "spare"
    (output / "CNAME").write_text("news.example.org\n", encoding="utf-8")
    (output / "a/theirs").mkdir()
    (output / "a/theirs/note.txt").write_text("keep me", encoding="utf-8")
    os.symlink(tmp_path, output / "x/elsewhere")
    return output, spare, kept


def test_entering_apart_walks_in_another_process_and_settles_as_entering_here(tmp_path, monkeypatch, forks_allowed):
    # Issue 10: an edit's build entered its staging folder only once the pages were planned,
    # then walked the spare tree's and the output's ~15,700 folders each (~0.1 s at 10,000
    # articles) while the other core idled. Entered apart (the pipeline does so before loading
    # the articles), the walks run in a forked process; what the build then knows and does —
    # the spare tree's real and unchanged folders, what is carried over, the warnings, the
    # output committed — is what entering here gives.
    monkeypatch.setattr(writer, "SETTLED_NS", -10**15)
    pids = tmp_path / "pids"
    real_walks = writer._look_and_carry

    def noted(*args):
        with open(pids, "a", encoding="ascii") as file:
            file.write(f"{os.getpid()}\n")
        return real_walks(*args)

    monkeypatch.setattr(writer, "_look_and_carry", noted)
    outcomes = {}
    for apart in (False, True):
        root = tmp_path / ("apart" if apart else "here")
        root.mkdir()
        output, spare, kept = _spare_and_foreign(root, monkeypatch)
        pids.write_text("", encoding="ascii")
        with StagedOutput(output, spare, *kept[:4], apart=apart, spare_files=kept[4].items()) as out:
            out.settle()
            seen = (sorted(out._spare_real), sorted(out._spare_unchanged), sorted(out._carried),
                    sorted((d.code, Path(d.path).relative_to(output).as_posix()) for d in out.warnings))
            for path, data in {"index.html": b"top", "a/b/c/index.html": b"c", "a/b/d/index.html": b"d",
                               "x/y/index.html": b"y"}.items():
                if not out.reuse_staged(path, kept[4][path]):
                    out.write(path, data)
            stats = dict(out.stats)
            out.commit()
        outcomes[apart] = (seen, snapshot(output), [int(pid) for pid in pids.read_text(encoding="ascii").split()])
        in_place = {path: os.lstat(output / path) for path in ("a/b/c/index.html", "x/y/index.html")}
        assert {path: stats[path] for path in in_place} == {
            path: (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns) for path, info in in_place.items()}
    assert outcomes[True][:2] == outcomes[False][:2]
    seen, files, walked_in = outcomes[True]
    assert seen[0] == ["", "a", "a/b", "a/b/c", "a/b/d", "x", "x/y"] and "x/y" in seen[1]
    assert seen[2] == ["CNAME", "a/theirs", "a/theirs/note.txt"]
    assert seen[3] == [("output-symlink", "x/elsewhere")]
    assert files["CNAME"] == b"news.example.org\n" and files["a/theirs/note.txt"] == b"keep me"
    assert outcomes[False][2] == [os.getpid()]
    assert len(walked_in) == 1 and walked_in[0] != os.getpid()


def test_entering_apart_whose_process_dies_walks_here(tmp_path, monkeypatch, forks_allowed):
    # Issue 10: the walks' process killed (as by the OOM killer) costs only the time: they are
    # made in the build's own process, and someone's file is still carried over.
    parent = os.getpid()
    real_walks = writer._look_and_carry

    def dies_apart(*args):
        if os.getpid() != parent:
            os._exit(9)
        return real_walks(*args)

    monkeypatch.setattr(writer, "_look_and_carry", dies_apart)
    output, spare, kept = _spare_and_foreign(tmp_path, monkeypatch)
    with StagedOutput(output, spare, *kept[:4], apart=True) as out:
        out.write("index.html", b"top")
        out.commit()
    assert (output / "CNAME").read_text(encoding="utf-8") == "news.example.org\n"
    assert sorted(out.carried) == ["CNAME", "a/theirs", "a/theirs/note.txt"]


def test_entering_apart_left_uncommitted_ends_its_walks_and_removes_the_staging_folder(tmp_path, monkeypatch, forks_allowed):
    # Issue 10: the pipeline enters apart before loading the articles; an error before the
    # pages are written leaves the block uncommitted: the walks' process is ended, the staging
    # folder removed, the output untouched and unlocked (the next build enters it).
    output, spare, kept = _spare_and_foreign(tmp_path, monkeypatch)
    before = snapshot(output)
    with pytest.raises(RuntimeError):
        with StagedOutput(output, spare, *kept[:4], apart=True) as out:
            entering = out._entering
            assert entering is not None and entering.forked
            raise RuntimeError("a stage failed")
    assert out._entering is None and not entering.forked  # ended
    assert snapshot(output) == before and staging_leftovers(output) == []
    with StagedOutput(output, None) as again:
        again.write("index.html", b"again")
        again.commit()
    assert (output / "index.html").read_bytes() == b"again"


def test_a_spare_file_found_in_place_apart_is_looked_at_again_once_a_folder_above_it_is_removed(
        tmp_path, monkeypatch, forks_allowed):
    # Issue 10: the spare tree's files are looked at apart with the folders (one lstat each,
    # ~14,600 at 10,000 articles, off the build's own process). A folder the build removes
    # afterwards (a file written where the spare tree held the folder x/y) takes the file
    # found in place there with it: it is not taken over as in place, and a file there
    # changed in place since it was written is not either.
    output, spare, kept = _spare_and_foreign(tmp_path, monkeypatch)
    (spare / "a/b/d/index.html").write_bytes(b"D")  # changed in place: another size
    with StagedOutput(output, spare, *kept[:4], apart=True, spare_files=kept[4].items()) as out:
        out.settle()
        looked_at, real_lstat = [], os.lstat
        monkeypatch.setattr(os, "lstat", lambda path, **kw: (looked_at.append(os.fspath(path)), real_lstat(path, **kw))[1])
        assert out.reuse_staged("a/b/c/index.html", kept[4]["a/b/c/index.html"])
        assert looked_at == []  # found in place apart
        info = real_lstat(out.stage / "a/b/c/index.html")
        assert out.stats["a/b/c/index.html"] == (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        assert not out.reuse_staged("a/b/d/index.html", kept[4]["a/b/d/index.html"])
        out.write("x/y", b"a file where the folder was")
        assert not out.reuse_staged("x/y/index.html", kept[4]["x/y/index.html"])
        assert not (out.stage / "x/y/index.html").exists()


@pytest.mark.parametrize("adopts", [("search/pagefind", "search/text"), ("search/pagefind", "search", "search/text")],
                         ids=["apart", "one-inside-another"])
def test_the_marker_lists_every_file_once_in_order_with_the_adopted_folders_merged_in(tmp_path, adopts):
    # Issue 10: the marker's ~35,000 lines (with search on) were sorted whole at each commit;
    # the ~20,000 adopted from the search index come sorted and are merged in instead. The
    # lines are the same: every file once, in order, whatever was adopted (folders one inside
    # another too).
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        for path in ("zz/index.html", "index.html", "search/index.html", "search/pagefind/zz.js"):
            out.write(path, b"page")
        for path in ("search/pagefind/a/c.pf", "search/pagefind/b.pf", "search/text/t.gz", "search/text/a.gz"):
            (out.stage / path).parent.mkdir(parents=True, exist_ok=True)
            (out.stage / path).write_bytes(b"index")
        for folder in adopts:
            out.adopt(folder)
        out.commit()
    lines = (output / MARKER).read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["index.html", "search/index.html", "search/pagefind/a/c.pf", "search/pagefind/b.pf",
                         "search/pagefind/zz.js", "search/text/a.gz", "search/text/t.gz", "zz/index.html"]


def test_a_listing_packed_for_another_process_comes_back_as_listed(tmp_path):
    # Issue 10: the search process sends the index's ~20,000 files' listing back packed (paths
    # joined, stats as integer arrays: 1 ms to unpickle instead of ~10): the same list, sorted
    # by path, an empty folder's too, a name with a line break in it too (joined by NUL).
    for name in ("b/z.pf", "a.pf", "b/a b.pf", "ب.pf", "b/line\nbreak.pf"):
        (tmp_path / "index" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "index" / name).write_bytes(name.encode("utf-8"))
    (tmp_path / "empty").mkdir()
    listed = list_files(str(tmp_path), "index")
    assert [relative for relative, _ in listed] == ["index/a.pf", "index/b/a b.pf", "index/b/line\nbreak.pf",
                                                    "index/b/z.pf", "index/ب.pf"]
    info = os.lstat(tmp_path / "index/ب.pf")
    assert listed[4][1] == (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    assert unpack_files(pickle.loads(pickle.dumps(pack_files(listed)))) == listed
    assert unpack_files(pack_files(list_files(str(tmp_path), "empty"))) == []


def test_files_found_in_place_come_back_with_their_own_stats_whatever_their_names(tmp_path):
    # Issue 10: the files found in place apart come back as one joined text and four arrays; a
    # name holding a line break (a person's file) kept the others' stats in step only because
    # the names are joined by NUL, which no file name holds (2026-12-05, a fresh helper's review).
    root = tmp_path / "stage"
    (root / "d").mkdir(parents=True)
    names = ["d/a\nb.html", "d/c.html", "top.html"]
    for name in names:
        (root / name).write_bytes(name.encode("utf-8"))
    identities = {}
    for name in names:
        info = os.lstat(root / name)
        identities[name] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    joined, *columns = writer._files_in_place(str(root), {"", "d"}, identities.items())
    found = dict(zip(joined.split("\0"), zip(*columns)))
    assert sorted(found) == sorted(names)
    for name in names:
        info = os.lstat(root / name)
        assert found[name] == (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def test_interrupted_while_settling_the_walks_end_before_the_staging_folder_goes(tmp_path, monkeypatch, forks_allowed):
    # Ctrl-C while the build waited for entering's walks (a large folder of someone's files to
    # carry over) left their process carrying files into the staging folder that the build then
    # removed, and the folder was left behind for good (2026-12-05, a fresh helper's attack).
    import signal
    import time

    output, spare, kept = _spare_and_foreign(tmp_path, monkeypatch)
    before = snapshot(output)
    parent, real_walks = os.getpid(), writer._look_and_carry

    def slow_apart(*args):
        found = real_walks(*args)
        if os.getpid() != parent:
            time.sleep(60)
        return found

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "_look_and_carry", slow_apart)
    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            with StagedOutput(output, spare, *kept[:4], apart=True) as out:
                pid = out._entering._process.pid
                signal.setitimer(signal.ITIMER_REAL, 0.3)
                out.settle()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert process_gone(pid)
    assert staging_leftovers(output) == [] and snapshot(output) == before


def test_keep_never_reaches_the_last_site_s_file_through_a_link_put_in_place_of_its_folder(tmp_path):
    # Left alone at stop 35 (2026-12-05): keep took a page from the live output when it was the
    # very file the last build wrote (inode, size, mtime) — also through a link someone put in
    # place of one of its folders, to where that folder was moved outside the output: the link
    # was followed. Each folder on the way is now looked at (lstat, once a build): that page is
    # written instead, and nothing is linked from outside.
    output, outside = tmp_path / "public", tmp_path / "elsewhere"
    outside.mkdir()
    with StagedOutput(output) as out:
        out.write("x/y/index.html", b"y")
        out.write("a/index.html", b"a")
        out.commit()
    identities = {path: out.stats[path] for path in ("x/y/index.html", "a/index.html")}
    os.rename(output / "x/y", outside / "y")
    os.symlink(outside / "y", output / "x/y")
    with StagedOutput(output) as out:
        assert out.keep("a/index.html", identities["a/index.html"])
        assert not out.keep("x/y/index.html", identities["x/y/index.html"])
        out.write("x/y/index.html", b"y")
        out.commit()
    assert not (output / "x/y").is_symlink() and (output / "x/y/index.html").read_bytes() == b"y"
    assert os.lstat(output / "x/y/index.html").st_ino != os.lstat(outside / "y/index.html").st_ino
    assert os.lstat(output / "a/index.html").st_ino == identities["a/index.html"][0]


def _edit_in_place_keeping_size_and_mtime(path: Path) -> None:
    """Overwrite the first byte of ``path`` with ``X`` (same size), then put its mtime back as
    ``touch -d`` does: only the ctime, which nobody can set back, tells of the edit."""
    before = os.lstat(path)
    time.sleep(0.05)  # past the file system's clock tick: the edit gets another ctime
    with open(path, "r+b") as file:
        file.write(b"X")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.lstat(path)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)


def test_keep_refuses_a_live_file_edited_in_place_with_its_size_and_mtime_put_back(tmp_path):
    # Reproduction: /tmp/attack-inc/bug-output-edit-mtime.sh (dd conv=notrunc, then touch -d):
    # keep trusted (inode, size, mtime_ns) and linked the edited page into every later site.
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        out.write("404.html", b"<!doctype html>")
        identity = out.identity("404.html")
        out.commit()
    _edit_in_place_keeping_size_and_mtime(output / "404.html")
    with StagedOutput(output) as out:
        assert out.keep("404.html", identity) is False
        out.write("404.html", b"<!doctype html>")
        out.commit()
    assert (output / "404.html").read_bytes() == b"<!doctype html>"


@pytest.mark.parametrize("apart", [False, True], ids=["looked-at-here", "looked-at-apart"])
def test_reuse_staged_refuses_a_spare_file_edited_in_place_with_its_size_and_mtime_put_back(
        tmp_path, monkeypatch, forks_allowed, apart):
    # Reproduction: /tmp/attack-inc/bug-output-edit-mtime.sh: the live output's files are hard
    # links into the spare tree, so an edit in place reaches the spare tree's copy too.
    kept: list = []
    _, output = _staged_builds(tmp_path, monkeypatch, 4, kept=kept)
    spare, spare_ids = tmp_path / "cache" / "spare", kept[4]
    _edit_in_place_keeping_size_and_mtime(spare / "a/b/c/index.html")
    with StagedOutput(output, spare, *kept[:4], apart=apart, spare_files=spare_ids.items()) as out:
        out.settle()
        assert out.reuse_staged("a/b/c/index.html", spare_ids["a/b/c/index.html"]) is False
        assert out.reuse_staged("a/b/d/index.html", spare_ids["a/b/d/index.html"]) is True


def test_keep_records_the_identity_of_the_file_after_linking_it(tmp_path):
    # A link changes the file's ctime: the identity noted before it would never match again,
    # and every page kept so would be written anew by the next build.
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        out.write("index.html", b"top")
        identity = out.identity("index.html")
        out.commit()
    time.sleep(0.05)
    with StagedOutput(output) as out:
        assert out.keep("index.html", identity)
        info = os.lstat(out.stage / "index.html")
        assert out.identity("index.html") == (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        assert info.st_ino == identity[0] and info.st_ctime_ns != identity[3]
        out.commit()


def test_sweep_handed_takes_the_stats_it_is_given_for_a_file_of_the_same_inode_without_looking(tmp_path):
    # search.vouched_identities: the index's files left as the last output's very files are
    # listed with the stats the last build recorded (~20,000 lstat calls less at 10,000 articles).
    folder = tmp_path / "stage" / "search" / "text"
    folder.mkdir(parents=True)
    for name in ("a.gz", "b.gz", "c.gz"):
        (folder / name).write_bytes(b"x")
    a, b = os.lstat(folder / "a.gz"), os.lstat(folder / "b.gz")
    known = {"search/text/a.gz": (a.st_ino, 99, 1, 2),  # the same inode: taken as given, not looked at
             "search/text/b.gz": (b.st_ino + 1, 99, 1, 2)}  # another inode: looked at
    listed = dict(unpack_files(sweep_handed(str(tmp_path / "stage"), "search/text", known)[0]))
    assert listed["search/text/a.gz"] == (a.st_ino, 99, 1, 2)
    assert listed["search/text/b.gz"] == (b.st_ino, b.st_size, b.st_mtime_ns, b.st_ctime_ns)
    assert listed["search/text/c.gz"] == _stats(folder / "c.gz")


def test_foreign_at_names_the_carried_file_a_write_would_replace(tmp_path):
    # /tmp/attack46/r16-alias-overwrites-carried-foreign-file.sh: a redirect page must not replace
    # a file put into the output by hand; foreign_at tells which carried file a path would replace.
    output = tmp_path / "public"
    with StagedOutput(output) as out:
        out.write("index.html", b"<p>home</p>")
        out.commit()
    (output / "CNAME").write_text("example.com\n", encoding="utf-8")
    (output / ".well-known").mkdir()
    (output / ".well-known" / "security.txt").write_text("Contact: x\n", encoding="utf-8")
    with StagedOutput(output) as out:
        assert out.carries_foreign
        assert out.foreign_at("CNAME") == "CNAME"
        assert out.foreign_at("CNAME/index.html") == "CNAME"  # a file where a folder is needed
        assert out.foreign_at(".well-known/security.txt") == ".well-known/security.txt"
        assert out.foreign_at(".well-known/other.txt") is None  # inside someone's folder: added, nothing replaced
        assert out.foreign_at(".well-known") == ".well-known"
        assert out.foreign_at("index.html") is None and out.foreign_at("news/a/index.html") is None
    (output / "CNAME").unlink()
    shutil.rmtree(output / ".well-known")
    with StagedOutput(output) as out:
        assert not out.carries_foreign and out.foreign_at("CNAME") is None


def test_longest_root_counts_the_staging_folder_and_the_spare_tree(tmp_path):
    """/tmp/attack47/r8-long-alias-path-stops-build.sh: an output path must fit under every folder
    it is written or kept in: the staging folder beside the output (.NAME.sitegen-new-XXXXXXXX)
    and the cache's spare tree (.sitegen-cache/spare-<32 hex>), whichever is longer."""
    parent = len(os.fsencode(tmp_path))
    assert writer.longest_root(tmp_path / "out") == parent + len("/.sitegen-cache/spare-") + 32 + 1
    name = "o" * 60
    assert writer.longest_root(tmp_path / name) == parent + len(f"/.{name}.sitegen-new-") + 8 + 1


def test_an_output_folder_whose_staging_folder_name_is_too_long_is_refused_before_anything_is_written(tmp_path):
    """/tmp/attack47b/r9-long-output-folder-name.sh: the staging folder beside the output,
    .NAME.sitegen-new-XXXXXXXX, is the output's name plus 22 bytes; an output named with 234
    to 255 bytes could never be built (write-failed, a disk-space hint). Build and check now
    refuse it with output-dir, saying how long its name may be; 234 bytes is the first refused."""
    from sitegen.pipeline import build

    assert writer.stage_name_refusal(tmp_path / ("a" * 234)) is not None
    assert writer.stage_name_refusal(tmp_path / ("a" * 233)) is None  # built (tried by hand)
    assert writer.stage_name_refusal(tmp_path / ("م" * 117)) is not None  # 234 bytes in UTF-8
    site = make_site(tmp_path, {"a.md": article()})
    output = site.root / ("م" * 120)  # 240 bytes
    for options in (site.options(output=output), site.options(output=output, write=False)):
        result = build(options)
        assert result.exit_code == 2
        found = [d for d in result.report.diagnostics if d.code == "output-dir"]
        assert found and "at most 233 bytes" in found[0].hint, [d.format() for d in result.report.diagnostics]
    assert sorted(p.name for p in site.root.iterdir()) == ["content", "site.yaml"]
