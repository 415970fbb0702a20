"""sitegen.search_run: the search stage in a forked process (a whole index) or on a thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import REPO, build_site, snapshot, staging_leftovers
from sitegen import search, search_run, writer
from sitegen.writer import list_files
from sitegen.search import BUNDLE_DIR, DELTA_DIR, LIVE_FILE, TEXT_DIR
from test_search import variant_files


def _tree(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def _spy_on_write_index(monkeypatch, pids):
    """Have every call of ``search.write_index`` append its process id to the file ``pids``."""
    real = search.write_index

    def spied(*args, **kwargs):
        with open(pids, "a", encoding="ascii") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(search, "write_index", spied)
    return real


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_a_clean_build_indexes_in_a_forked_process_with_the_threads_bytes(new_site, monkeypatch, tmp_path):
    site = new_site(variant_files())
    monkeypatch.setattr(search_run, "_fork_safe", lambda: False)
    threaded = build_site(site, clean=True).output
    expected = {**_tree(threaded / BUNDLE_DIR), **{"text/" + k: v for k, v in _tree(threaded / TEXT_DIR).items()}}
    pids = tmp_path / "pids"
    _spy_on_write_index(monkeypatch, pids)
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    forked = build_site(site, clean=True)
    assert forked.result.exit_code == 0 and "search-skipped" not in forked.codes(), forked.diagnostics
    assert pids.read_text(encoding="ascii").split() != [str(os.getpid())]  # another process indexed
    got = {**_tree(forked.output / BUNDLE_DIR), **{"text/" + k: v for k, v in _tree(forked.output / TEXT_DIR).items()}}
    assert got == expected


def _edited_twice(site, monkeypatch, pids, fork_safe: bool) -> Path:
    """Build ``site`` clean, then edit one article and build again with ``fork_safe``; the pids
    that ran ``write_index`` in the second build are appended to ``pids``."""
    assert build_site(site, clean=True).result.exit_code == 0
    edited = site.content / "markets.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة عن أسعار النفط\n", encoding="utf-8")
    real = _spy_on_write_index(monkeypatch, pids)
    monkeypatch.setattr(search_run, "_fork_safe", lambda: fork_safe)
    built = build_site(site)
    monkeypatch.setattr(search, "write_index", real)
    assert built.result.exit_code == 0 and "search-skipped" not in built.codes(), built.diagnostics
    return built.output


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_an_edits_delta_is_indexed_in_a_process_forked_when_staged_with_the_threads_bytes(new_site, monkeypatch,
                                                                                           tmp_path):
    threaded = _edited_twice(new_site(variant_files()), monkeypatch, tmp_path / "thread", fork_safe=False)
    forked = _edited_twice(new_site(variant_files()), monkeypatch, tmp_path / "fork", fork_safe=True)
    assert (tmp_path / "thread").read_text(encoding="ascii").split() == [str(os.getpid())]
    assert (tmp_path / "fork").read_text(encoding="ascii").split() != [str(os.getpid())]  # another process
    assert json.loads((forked / BUNDLE_DIR / LIVE_FILE).read_text(encoding="ascii"))["delta"] == DELTA_DIR + "/"
    for folder in (BUNDLE_DIR, TEXT_DIR):
        assert _tree(forked / folder) == _tree(threaded / folder)


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_a_build_failing_in_its_page_loop_ends_the_delta_process_before_dropping_the_staging_folder(
        new_site, monkeypatch, tmp_path):
    # The delta's process is forked before the page loop, and writes into the staging folder: an
    # error in the loop ends it first (else it could write on into a folder being removed).
    site = new_site(variant_files())
    assert build_site(site, clean=True).result.exit_code == 0
    before = snapshot(site.output)
    edited = site.content / "markets.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة\n", encoding="utf-8")
    pids = tmp_path / "pids"

    def slow(*args, **kwargs):
        pids.write_text(str(os.getpid()), encoding="ascii")
        time.sleep(60)

    def placing_fails(self, relative, identity):
        deadline = time.monotonic() + 10
        while not pids.exists() and time.monotonic() < deadline:  # the process is indexing
            time.sleep(0.01)
        raise OSError(28, "No space left on device")

    alive_when_dropped = []
    real_exit = writer.StagedOutput.__exit__

    def dropped(self, *exc):
        alive_when_dropped.append(pids.exists() and _alive(int(pids.read_text(encoding="ascii"))))
        return real_exit(self, *exc)

    monkeypatch.setattr(search, "write_index", slow)
    monkeypatch.setattr(writer.StagedOutput, "keep", placing_fails)  # the first edit after a clean build keeps
    monkeypatch.setattr(writer.StagedOutput, "__exit__", dropped)
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    started = time.monotonic()
    built = build_site(site)
    assert built.result.exit_code == 2 and "write-failed" in built.codes()
    assert time.monotonic() - started < 30  # the build did not wait for the index
    assert int(pids.read_text(encoding="ascii")) != os.getpid() and alive_when_dropped == [False]
    assert snapshot(site.output) == before and staging_leftovers(site.output) == []


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_an_index_lost_with_its_killed_process_is_made_again_by_the_next_build_with_nothing_changed(
        new_site, monkeypatch):
    # Review of the forked delta: an edit's indexing process killed (as by the kernel's OOM
    # killer) left the site without an index, and that build was saved for the nothing-changed
    # fast path: every later build with nothing changed replayed its warning and made no index.
    site = new_site(variant_files())
    assert build_site(site, clean=True).result.exit_code == 0
    edited = site.content / "markets.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة\n", encoding="utf-8")
    real = search.write_index
    monkeypatch.setattr(search, "write_index", lambda *args, **kwargs: os._exit(9))
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    killed = build_site(site)
    assert killed.result.exit_code == 0 and "search-skipped" in killed.codes()
    assert not (site.output / BUNDLE_DIR).exists()
    monkeypatch.setattr(search, "write_index", real)
    again = build_site(site)
    assert again.result.exit_code == 0 and "search-skipped" not in again.codes(), again.diagnostics
    assert (site.output / BUNDLE_DIR / LIVE_FILE).is_file() and any((site.output / TEXT_DIR).iterdir())
    assert build_site(site).result.exit_code == 0  # and now the fast path, with the index kept
    assert (site.output / BUNDLE_DIR / LIVE_FILE).is_file()


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_an_exception_in_the_indexing_process_is_raised_by_result(monkeypatch, tmp_path):
    def broken(site, stage, previous, **_):
        raise ValueError(f"no index for {site}")

    monkeypatch.setattr(search, "write_index", broken)
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    with search_run.SearchRun("the site", tmp_path, None) as run:
        with pytest.raises(ValueError, match="no index for the site"):
            run.result()


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_an_indexing_process_that_stops_without_answering_leaves_no_index_and_warns(monkeypatch, tmp_path):
    def dies(site, stage, previous, **_):
        (stage / BUNDLE_DIR).mkdir(parents=True)
        (stage / BUNDLE_DIR / "half.pf_meta").write_bytes(b"half")
        os._exit(3)

    monkeypatch.setattr(search, "write_index", dies)
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    with search_run.SearchRun(None, tmp_path, None) as run:
        warnings = run.result()
    assert [w.code for w in warnings] == ["search-skipped"] and "exit code 3" in warnings[0].message
    assert not (tmp_path / BUNDLE_DIR).exists()


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_leaving_early_ends_the_indexing_process(monkeypatch, tmp_path):
    # A render error leaves the stage while the index is still being made: the staging folder
    # is then dropped, so nothing may go on writing into it.
    monkeypatch.setattr(search, "write_index", lambda *args, **_: time.sleep(60))
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    with pytest.raises(KeyError):
        with search_run.SearchRun(None, tmp_path, None) as run:
            pid = run._process.pid
            raise KeyError("a template failed")
    assert not _alive(pid)


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_the_indexing_process_dies_with_a_killed_build(tmp_path):
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "from sitegen import search, search_run\n"
        "search.write_index = lambda *args, **_: time.sleep(60)\n"
        "run = search_run.SearchRun(None, __import__('pathlib').Path(sys.argv[2]), None)\n"
        "print(run._process.pid, flush=True)\n"
        "time.sleep(60)\n")
    build = subprocess.Popen([sys.executable, "-c", script, str(REPO), str(tmp_path)], stdout=subprocess.PIPE)
    pid = int(build.stdout.readline())
    assert _alive(pid)
    build.kill()
    build.wait()
    build.stdout.close()
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_a_process_started_before_the_staging_folder_writes_where_it_is_then_told(monkeypatch, tmp_path):
    def writes(site, stage, previous, **_):
        (stage / "written").write_text(site, encoding="utf-8")
        return []

    monkeypatch.setattr(search, "write_index", writes)
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    with search_run.SearchRun("the site", None, None) as run:
        assert run._process.is_alive()  # started, waiting for the staging folder
        run.staged(tmp_path)
        assert run.result() == []
    assert (tmp_path / "written").read_text(encoding="utf-8") == "the site"


@pytest.mark.parametrize("forked", [True, False])
def test_the_indexing_process_hands_back_its_folders_listing_and_a_thread_none(monkeypatch, tmp_path, forked):
    # Issue 10: the process lists the index's files while the build finishes its page loop, so
    # that adopt does not list them again; a thread lists nothing (adopt then lists them).
    def writes(site, stage, previous, **_):
        for relative in ("search/pagefind/pagefind.js", "search/pagefind/index/a.pf_index", "search/text/b.gz"):
            (stage / relative).parent.mkdir(parents=True, exist_ok=True)
            (stage / relative).write_bytes(relative.encode())
        return []

    if forked and sys.platform != "linux":
        pytest.skip("the index is forked on Linux only")
    monkeypatch.setattr(search, "write_index", writes)
    monkeypatch.setattr(search_run, "_fork_safe", lambda: forked)
    monkeypatch.setattr(search_run, "pagefind_executable", lambda: Path("/bin/true"))
    with search_run.SearchRun("the site", tmp_path, tmp_path / "no-last-output") as run:
        assert run.result() == []
        if forked:
            for folder in (BUNDLE_DIR, TEXT_DIR):
                assert run.listed(folder) == list_files(str(tmp_path), folder) != []
            assert sorted(relative for relative, _ in run.listed(BUNDLE_DIR)) == [
                "search/pagefind/index/a.pf_index", "search/pagefind/pagefind.js"]
            empty, notes, removed = run.swept(BUNDLE_DIR)
            assert (empty, removed) == (False, [])
            assert sorted(relative for relative, _, _ in notes) == ["search/pagefind", "search/pagefind/index"]
        else:
            assert run.listed(BUNDLE_DIR) is None and run.listed(TEXT_DIR) is None
            assert run.swept(BUNDLE_DIR) is None


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_a_process_never_told_its_staging_folder_ends_with_the_run_and_writes_nothing(monkeypatch, tmp_path):
    # A build that fails between collecting the site and rendering never makes a staging folder.
    calls = tmp_path / "calls"
    monkeypatch.setattr(search, "write_index", lambda *args, **_: calls.write_text("called", encoding="utf-8"))
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    with search_run.SearchRun("the site", None, None) as run:
        pid = run._process.pid
    assert not _alive(pid) and not calls.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_no_process_is_forked_when_there_is_no_pagefind_binary(monkeypatch, tmp_path):
    # Issue 10 (memory): with no Pagefind the forked copy of the build only said so, and on a
    # loaded machine it was still alive when the render worker was forked (three copies counted)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    (tmp_path / BUNDLE_DIR).mkdir(parents=True)
    with search_run.SearchRun(None, tmp_path, None) as run:
        assert run._process is None
        warnings = run.result()
    assert [w.code for w in warnings] == ["search-skipped"] and "not installed" in warnings[0].message
    assert not (tmp_path / BUNDLE_DIR).exists()


class _Made:
    """Stands for :class:`sitegen.search_entries.Entries`: records which entries were made."""

    def __init__(self, count: int):
        self.keys = [f"k{i}" for i in range(count)]
        self.made: list[int] = []

    def entry(self, i: int):
        self.made.append(i)


class _Pipe:
    """Stands for the receiving end of the staging pipe: ready after ``looks`` looks."""

    def __init__(self, looks: int):
        self.looks = looks

    def poll(self) -> bool:
        self.looks -= 1
        return self.looks < 0


def test_entries_are_made_in_order_until_the_staging_folder_is_told():
    # Issue 11: the forked process made every entry before Pagefind saw one, even when the
    # staging folder was ready long before (a loaded machine): Pagefind waited.
    made = _Made(200)
    assert search_run.make_until_staged(made, _Pipe(looks=2)) == 2 * search_run.STAGED_CHECK
    assert made.made == list(range(2 * search_run.STAGED_CHECK))
    made = _Made(200)
    assert search_run.make_until_staged(made, _Pipe(looks=10)) == 200  # never told: all made
    assert made.made == list(range(200))
    made = _Made(200)
    assert search_run.make_until_staged(made, _Pipe(looks=0)) == 0 and made.made == []


def _recorded_but_changed(site) -> list[str]:
    """The output's paths whose identity the last build's nothing-changed snapshot recorded
    and which now have another (or are gone)."""
    from sitegen import unchanged
    from sitegen.writer import unpack_files

    recorded = unchanged.load(unchanged.snapshot_path(site.output.parent / ".sitegen-cache", site.output))
    assert recorded is not None
    entries = [*recorded.output.items(), *(item for block in recorded.blocks for item in unpack_files(block))]
    assert any(path.startswith(TEXT_DIR + "/") for path, _ in entries)
    return list(unchanged.changed_paths(site.output, entries))


@pytest.mark.skipif(sys.platform != "linux", reason="the index is forked on Linux only")
def test_the_index_listed_with_recorded_stats_leaves_a_record_true_to_every_file(new_site, monkeypatch, tmp_path):
    # The forked process lists the index files it did not touch with the stats the last build
    # recorded (search.vouched_identities), not an lstat each: one it linked this build (a kept
    # delta, a text linked from the live site) has a new ctime, and a stale record of it would
    # make the next build distrust the file (and fold the whole index).
    monkeypatch.setattr(search_run, "_fork_safe", lambda: True)
    used = tmp_path / "vouched"
    real = search.vouched_identities

    def counted(*args):
        found = real(*args)
        with open(used, "a", encoding="ascii") as handle:
            handle.write(f"{len(found)}\n")
        return found

    monkeypatch.setattr(search, "vouched_identities", counted)
    site = new_site(variant_files())
    template = (REPO / "templates" / "404.html").read_text(encoding="utf-8")

    def append(name, words):
        path = site.content / name
        path.write_text(path.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")

    steps = [
        lambda: append("markets.md", "فقرة مضافة عن أسعار النفط"),  # a delta
        lambda: append("markets.md", "فقرة ثانية عن الذهب"),  # a new delta; the text of the first linked back
        lambda: (site.root / "templates").mkdir(exist_ok=True) or (site.root / "templates" / "404.html").write_text(
            template + "<!-- changed -->\n", encoding="utf-8"),  # no record changed: the delta kept (linked)
        lambda: append("cabinet.md", "قرار آخر"),
        lambda: (site.content / "quake.md").unlink(),
        lambda: None,
    ]
    assert build_site(site, clean=True).result.exit_code == 0
    for number, step in enumerate(steps, start=1):
        step()
        built = build_site(site)
        assert built.result.exit_code == 0 and "search-skipped" not in built.codes(), (number, built.diagnostics)
        assert _recorded_but_changed(site) == [], number
    assert max(map(int, used.read_text(encoding="ascii").split())) > 0  # the recorded stats were used


@pytest.mark.parametrize("forked", [True, False], ids=["process", "thread"])
def test_busy_says_whether_result_would_wait(monkeypatch, tmp_path, forked):
    # Issue 10: write_site makes the URL ledger's text before publishing only while the index is
    # still being made (busy); otherwise after, beside the manifest's save.
    monkeypatch.setattr(search, "write_index", lambda *args, **_: time.sleep(0.6) or [])
    monkeypatch.setattr(search_run, "_fork_safe", lambda: forked)
    with search_run.SearchRun(None, tmp_path, None) as run:
        assert run.busy is forked  # a thread starts at the first rendering() call
        run.rendering()
        assert run.busy
        assert run.result() == []
        assert not run.busy
    with search_run.SearchRun(None, tmp_path, None) as run:
        monkeypatch.setattr(search, "write_index", lambda *args, **_: [])
        run.rendering()
        deadline = time.monotonic() + 5
        while run.busy and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not run.busy and run.result() == []
