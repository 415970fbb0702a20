"""Work spread over processes (:mod:`sitegen.parallel`): chunks, order, errors, small stages in-process."""

from __future__ import annotations

import os
import sys
import time

import pytest

from sitegen import parallel
from sitegen.errors import Diagnostic, SitegenError


def pids_and_squares(state, chunk):
    return [(os.getpid(), state["offset"] + i * i) for i in chunk]


def slow_elsewhere(state, chunk):
    if os.getpid() != state["parent"]:
        time.sleep(0.05)  # a worker's chunk takes a while: this process is sure to take one
    return [(os.getpid(), i * i) for i in chunk]


def fail_at_seven(state, chunk):
    if 7 in chunk:
        raise SitegenError(Diagnostic(path="item-7", code="template", message="broken"))
    return list(chunk)


def test_chunks_cover_every_item_once_in_order():
    ranges = parallel.chunk_ranges(1001, jobs=2)
    assert [i for r in ranges for i in r] == list(range(1001))
    assert len(ranges) == 2 * parallel.CHUNKS_PER_WORKER
    assert max(len(r) for r in parallel.chunk_ranges(100_000, jobs=2)) == parallel.MAX_CHUNK
    assert parallel.chunk_ranges(0, jobs=2) == []


def test_a_pool_returns_results_in_item_order(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    done = []
    results = parallel.map_chunks(pids_and_squares, {"offset": 5}, 40, jobs=2, on_chunk=done.append)
    assert [value for _, value in results] == [5 + i * i for i in range(40)]
    assert {pid for pid, _ in results} - {os.getpid()}  # the work ran in other processes
    assert sum(done) == 40 and min(done) >= parallel.MIN_CHUNK


def test_the_calling_process_is_one_of_the_jobs(monkeypatch):
    # --jobs 2 forks one worker and works itself (issue 10: a forked worker starts as big as
    # the build's process, and a build's memory is counted over all its processes)
    import multiprocessing

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    results = parallel.map_chunks(slow_elsewhere, {"parent": os.getpid()}, 400, jobs=2)
    assert [value for _, value in results] == [i * i for i in range(400)]
    pids = {pid for pid, _ in results}
    assert os.getpid() in pids and len(pids) == 2


def test_the_calling_process_works_from_the_far_end_of_the_items(monkeypatch):
    # Issue 10: the worker takes chunks from the front and this process from the back, so each
    # works through neighbouring items (a process keeps the article cards of its recent pages:
    # at 10,000 articles 41,300 cards were rendered for 24,500 different ones, 28,000 so).
    import multiprocessing

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    results = parallel.map_chunks(slow_elsewhere, {"parent": os.getpid()}, 400, jobs=2)
    assert [value for _, value in results] == [i * i for i in range(400)]
    here = [i for i, (pid, _) in enumerate(results) if pid == os.getpid()]
    elsewhere = [i for i, (pid, _) in enumerate(results) if pid != os.getpid()]
    assert here and elsewhere and max(elsewhere) < min(here)  # two runs: front (worker), back (here)
    assert here[-1] == 399 and elsewhere[0] == 0


def test_a_pools_chunks_shrink_towards_the_end_of_the_items():
    # Issue 10: with chunks of 128 pages to the end, the main process waited ~0.4 s of a clean
    # 10,000-article build for the worker's last two chunks; sizes shrink as items run out.
    sizes, remaining = [], 14_000
    while remaining:
        sizes.append(parallel.pool_chunk_size(remaining, jobs=2))
        remaining -= sizes[-1]
    assert sizes[0] == parallel.MAX_CHUNK and sizes[-1] <= parallel.MIN_CHUNK
    assert sizes == sorted(sizes, reverse=True)  # never larger again
    assert sum(sizes) == 14_000
    assert parallel.pool_chunk_size(1000, jobs=2) == 125  # 1000 / (2 × 4)
    assert parallel.pool_chunk_size(20, jobs=2) == parallel.MIN_CHUNK
    assert parallel.pool_chunk_size(3, jobs=2) == 3  # never more than is left


def test_a_pool_hands_out_every_item_once_in_shrinking_chunks(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    chunks = [chunk for chunk, _ in parallel.iter_chunks(pids_and_squares, {"offset": 0}, 1000, jobs=2)]
    assert sorted(i for chunk in chunks for i in chunk) == list(range(1000))
    assert max(len(chunk) for chunk in chunks) == 125 and min(len(chunk) for chunk in chunks) <= parallel.MIN_CHUNK


def test_a_small_stage_runs_in_this_process():
    results = parallel.map_chunks(pids_and_squares, {"offset": 0}, 10, jobs=4)
    assert {pid for pid, _ in results} == {os.getpid()}
    assert [value for _, value in results] == [i * i for i in range(10)]


def test_an_error_in_a_worker_reaches_the_caller_with_its_diagnostics(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    with pytest.raises(SitegenError) as caught:
        parallel.map_chunks(fail_at_seven, None, 40, jobs=2)
    assert [(d.path, d.code) for d in caught.value.diagnostics] == [("item-7", "template")]


def gc_state(state, chunk):
    import gc

    return [(gc.isenabled(), gc.get_freeze_count() > 0) for _ in chunk]


def test_the_garbage_collector_is_paused_only_while_a_pool_runs(monkeypatch):
    # iter_chunks freezes the objects made so far and pauses collection in this process while a
    # pool works (issue 10); workers collect as usual, and afterwards all is as it was.
    import gc

    import multiprocessing

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    # forked workers, as on Linux (a test run may hold threads, which makes iter_chunks avoid fork)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    seen_here = []
    for _, part in parallel.iter_chunks(gc_state, None, 8, jobs=2):
        seen_here.append((gc.isenabled(), gc.get_freeze_count() > 0))
        assert all(enabled and frozen for enabled, frozen in part)  # in the workers
    assert seen_here and all(not enabled and frozen for enabled, frozen in seen_here)
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's function")
def test_malloc_trim_is_found_without_a_child_process():
    # Regression: found through ctypes.util.find_library, which runs `ldconfig -p` at every build's start.
    assert parallel._MALLOC_TRIM is not None
    assert parallel._MALLOC_TRIM(0) in (0, 1)  # 1: memory was given back, 0: there was none to give


STOPPED_WHILE_A_HANDLER_KEEPS_SIGTERM = """
import signal, sys, time
from sitegen import parallel

signal.signal(signal.SIGTERM, lambda number, frame: None)  # as serve's: SIGTERM stops the preview

def slow(state, chunk):
    time.sleep(0.05)
    return list(chunk)

try:
    for _ in parallel.iter_chunks(slow, None, 2000, 3):
        raise KeyboardInterrupt  # Ctrl-C while the workers are busy
except KeyboardInterrupt:
    print("stopped")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers: Linux")
def test_a_pool_stops_although_its_parent_handles_sigterm():
    # Regression (adversarial review, 2026-12-05): Ctrl-C during `sitegen serve`'s first build
    # hung for good — the pool's workers inherited serve's SIGTERM handler, so Pool.terminate()
    # did not end them and the main process waited for them.
    import subprocess

    proc = subprocess.run([sys.executable, "-c", STOPPED_WHILE_A_HANDLER_KEEPS_SIGTERM], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert (proc.returncode, proc.stdout) == (0, "stopped\n"), proc.stderr


def _dispositions(state, chunk):
    import signal

    return [(signal.getsignal(signal.SIGINT) is signal.SIG_IGN, signal.getsignal(signal.SIGTERM) is signal.SIG_DFL,
             signal.getsignal(signal.SIGHUP) is signal.SIG_DFL, os.getpid()) for _ in chunk]


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers: Linux")
def test_a_worker_ignores_ctrl_c_and_ends_on_sigterm_whatever_its_parent_set():
    import signal

    previous = {number: signal.signal(number, lambda number, frame: None) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        results = parallel.map_chunks(_dispositions, None, 400, 2)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    in_workers = {tuple(r[:3]) for r in results if r[3] != os.getpid()}
    assert in_workers == {(True, True, True)}


def pid_and_marks(state, chunk):
    return [(os.getpid(), os.path.exists(state["mark"])) for _ in chunk]


def test_meanwhile_runs_once_here_while_forked_workers_take_their_first_chunks(monkeypatch, tmp_path):
    # Issue 10: the build compiles its templates while the load workers load (the render
    # workers forked later inherit them); with no forked pool there is nothing to inherit.
    import multiprocessing

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    mark = tmp_path / "meanwhile"
    calls: list[int] = []

    def meanwhile():
        calls.append(os.getpid())
        time.sleep(0.2)  # the worker's first chunks are under way before this process takes one
        mark.touch()

    results: list = [None] * 400
    for chunk, part in parallel.iter_chunks(pid_and_marks, {"mark": str(mark)}, 400, 2, meanwhile):
        results[chunk.start:chunk.stop] = part
    assert calls == [os.getpid()]
    started_before = [seen for pid, seen in results[:parallel.pool_chunk_size(400, 2)]]
    assert results[0][0] != os.getpid() and started_before == [False] * len(started_before)
    assert all(seen for pid, seen in results if pid == os.getpid())  # after it, never before
    calls.clear()
    assert len(list(parallel.iter_chunks(pid_and_marks, {"mark": str(mark)}, 400, 1, meanwhile))) > 1
    assert calls == []  # one process: no worker to inherit it


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers: Linux")
def test_ctrl_c_met_inside_a_fork_callback_reaches_the_caller_and_ends_the_workers(monkeypatch, forks_allowed,
                                                                                  interrupt_at_next_fork):
    # /tmp/attack44/r1-sigint-swallowed.sh: a Ctrl-C that landed in one of Python's fork
    # callbacks while the pool forked was printed and dropped there; the build published, exit 0.
    import multiprocessing

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    before = {child.pid for child in multiprocessing.active_children()}
    with pytest.raises(KeyboardInterrupt):
        parallel.map_chunks(pids_and_squares, {"offset": 5}, 40, jobs=2)
    assert {child.pid for child in multiprocessing.active_children()} == before


def _sigint_blocked(state, chunk):
    import signal

    return [(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []), os.getpid()) for _ in chunk]


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers: Linux")
def test_a_worker_forked_with_ctrl_c_held_back_no_longer_holds_it(monkeypatch, forks_allowed):
    # Ctrl-C is held back while a pool forks (parallel.interrupts_held); a worker then ignores it
    # and unblocks it, so that a program it runs (Pagefind) does not start with it blocked.
    import signal

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    results = parallel.map_chunks(_sigint_blocked, None, 400, 2)
    assert {blocked for blocked, pid in results if pid != os.getpid()} == {False}
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # nor here, after the fork
