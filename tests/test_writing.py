"""sitegen.writing: the pages whose bytes the output already holds are taken over unwritten,
but only while their files are as the last builds left them."""

from __future__ import annotations

import os
import time

import pytest

from helpers import article, build_site

FILES = {f"a{i}.md": article(f"خبر رقم {i} عن افتتاح مكتبة", f"2024-11-{10 + i}T10:00:00+03:00",
                             body=f"افتتحت البلدية المكتبة رقم {i} في وسط المدينة.") for i in range(4)}
A1_PAGE = "2024/11/11/خبر-رقم-1-عن-افتتاح-مكتبة/index.html"


def pages(output) -> dict[str, tuple[int, int]]:
    """``{relative path: (inode, ctime_ns)}`` of every page (``.html``, ``.xml``) of ``output``."""
    found = {}
    for folder, _, names in os.walk(output):
        for name in names:
            if name.endswith((".html", ".xml")):
                info = os.lstat(os.path.join(folder, name))
                found[os.path.relpath(os.path.join(folder, name), output)] = (info.st_ino, info.st_ctime_ns)
    return found


def test_a_page_edited_by_hand_with_its_size_and_mtime_put_back_is_written_again(new_site):
    # Reproduction: /tmp/attack-inc/bug-output-edit-mtime.sh: a page edited in place (dd
    # conv=notrunc, the same size) whose mtime was put back (touch -d) was kept, by
    # (inode, size, mtime_ns), by every later build; only --clean repaired it.
    site = new_site(FILES)
    build_site(site)
    page = site.output / "404.html"
    original = page.read_bytes()
    before = os.lstat(page)
    time.sleep(0.05)  # past the file system's clock tick: the edit gets another ctime
    with open(page, "r+b") as file:
        file.write(b"X")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert build_site(site).result.exit_code == 0  # nothing changed in the inputs
    assert page.read_bytes() == original
    with open(page, "r+b") as file:  # again, now that a spare tree holds the page too
        file.write(b"X")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    (site.content / "a2.md").write_text(FILES["a2.md"] + "\nفقرة ثانية.\n", encoding="utf-8")
    assert build_site(site).result.exit_code == 0
    assert page.read_bytes() == original


def test_a_page_the_last_build_linked_from_the_live_site_is_left_in_place_not_linked_again(new_site):
    # The identity of a page holds its ctime, which the link that kept it changed: the spare
    # tree's record of it is then stale, yet the spare tree holds that very file (the live
    # record's, the same inode). A steady edit must leave it in place, not link every such
    # page again at each build (each link changing its ctime once more).
    site = new_site(FILES)
    build_site(site)
    (site.content / "a2.md").write_text(FILES["a2.md"].replace("خبر رقم 2", "خبر ثان"), encoding="utf-8")
    build_site(site)  # the lists showing a2's title are written anew
    edited = FILES["a1.md"]
    changed = []
    for build in range(2):  # first the lists are linked from the live site, then left in place
        edited += f"\nفقرة أضيفت بعد النشر رقم {build}.\n"
        before = pages(site.output)
        (site.content / "a1.md").write_text(edited, encoding="utf-8")
        assert build_site(site).result.exit_code == 0
        after = pages(site.output)
        assert after.keys() == before.keys()
        assert sorted(path for path in after if after[path][0] != before[path][0]) == [A1_PAGE]  # written
        changed.append(sorted(path for path in after if path != A1_PAGE and after[path] != before[path]))
    assert "index.html" in changed[0]  # linked from the live site: another ctime, the same inode
    assert changed[1] == []  # left in place: not linked again


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_manifest_saved_apart_is_whole_for_the_next_build(new_site, forks_allowed, monkeypatch, jobs):
    # Issue 10: the output manifest is saved in a forked process while the build saves the URL
    # ledger and the snapshot (~40 ms of its edit at 10,000 articles); the next build must find
    # it whole, and a save that fails must be said, forked or not.
    import errno

    from sitegen import writing
    from sitegen.cache import BuildCache, cache_folder

    forked = []

    class Noted(writing.Apart):
        def __init__(self, work, *args, **kwargs):
            super().__init__(work, *args, **kwargs)
            if work is writing.save_manifest:  # not the look at the last index (start_index_check)
                forked.append((work.__name__, self.forked))

    monkeypatch.setattr(writing, "Apart", Noted)
    site = new_site(FILES)
    assert build_site(site, jobs=jobs).result.exit_code == 0
    # A whole build saves it itself: a fork's copied pages would be that build's peak memory.
    assert forked == [("save_manifest", False)]
    manifest = BuildCache(cache_folder(site.output), "").manifest(site.output)
    assert A1_PAGE in manifest["live"] and set(pages(site.output)) <= set(manifest["live"])  # every page
    (site.content / "a2.md").write_text(FILES["a2.md"] + "\nفقرة مضافة.\n", encoding="utf-8")
    edited = build_site(site, jobs=jobs)
    assert edited.result.pages_reused > 0 and edited.result.exit_code == 0
    assert forked[1:] == [("save_manifest", jobs > 1)]
    manifest = BuildCache(cache_folder(site.output), "").manifest(site.output)
    assert set(pages(site.output)) <= set(manifest["live"])
    (site.content / "a3.md").write_text(FILES["a3.md"] + "\nفقرة أخرى.\n", encoding="utf-8")
    assert build_site(site, jobs=jobs).result.pages_reused > 0  # the manifest saved apart was whole

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(BuildCache, "save_manifest", full_disk)
    (site.content / "a2.md").write_text(FILES["a2.md"], encoding="utf-8")
    failed = build_site(site, jobs=jobs)
    assert failed.result.exit_code == 0
    assert [(d.code, d.path) for d in failed.diagnostics] == [
        ("cache-write-failed", str(BuildCache(cache_folder(site.output), "").manifest_path(site.output)))]


@pytest.mark.parametrize("indexing", [False, True], ids=["no-index", "index-being-made"])
def test_the_ledger_text_is_made_before_publishing_only_while_the_index_is_being_made(new_site, monkeypatch, indexing):
    # Issue 10: an edit made the URL ledger's text (~20 ms at 10,000 articles) before the site was
    # published even when no search index was being made to wait for; it is made after then,
    # while the output manifest is saved apart.
    from sitegen import ledger, search_run
    from sitegen.ledger import LastLedger
    from sitegen.writer import StagedOutput

    body = " ".join(["كلمة"] * ledger.MIN_IDENTITY_WORDS) + "."  # identified: an edit changes its ledger entry
    site = new_site({"a.md": article(body=body)})
    build_site(site)
    events: list[str] = []
    text_for, commit = LastLedger.text_for, StagedOutput.commit
    monkeypatch.setattr(LastLedger, "text_for", lambda *args: events.append("ledger text") or text_for(*args))
    monkeypatch.setattr(StagedOutput, "commit", lambda self: events.append("published") or commit(self))
    monkeypatch.setattr(search_run.SearchRun, "busy", property(lambda run: indexing))  # (tested in test_search_run)
    (site.content / "a.md").write_text(article(body=body) + "\nفقرة مضافة.\n", encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0
    assert events == (["ledger text", "published"] if indexing else ["published", "ledger text"])
    assert ledger.read(site.root / ledger.LEDGER_NAME)  # written either way
