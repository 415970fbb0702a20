"""A pure computation run in a forked process while the caller goes on (:mod:`sitegen.apart`)."""

from __future__ import annotations

import multiprocessing.context
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from helpers import REPO, process_gone

from sitegen.apart import Apart


def _pid_and_sum(numbers):
    return os.getpid(), sum(numbers)


def _fails(_):
    raise RuntimeError("boom")


def _dies(_):
    os._exit(3)


def test_the_work_runs_in_a_child_and_its_result_comes_back(forks_allowed):
    later = Apart(_pid_and_sum, range(10))
    assert later.forked
    pid, total = later.result()
    assert total == 45 and pid != os.getpid()


def test_without_fork_the_work_runs_here_when_asked_for():
    later = Apart(_pid_and_sum, [1, 2, 3], fork=False)
    assert not later.forked
    assert later.result() == (os.getpid(), 6)


def test_with_other_threads_running_nothing_is_forked():
    # serve builds on a thread beside its server's: forking a threaded process is unsafe.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        later = Apart(_pid_and_sum, [4])
        assert not later.forked and later.result() == (os.getpid(), 4)
    finally:
        stop.set()
        thread.join()


def test_a_child_that_fails_or_dies_leaves_the_work_to_this_process(forks_allowed):
    failing = Apart(_fails, None)
    assert failing.forked
    try:
        failing.result()
    except RuntimeError as exc:  # raised here, by the work done again in this process
        assert str(exc) == "boom"
    else:
        raise AssertionError("the work's error was not raised")
    dying = Apart(_pid_and_sum, [5])
    dying.close()  # ended before its result was asked for: the work is done here
    assert dying.result() == (os.getpid(), 5)


def test_a_child_that_exits_without_answering_is_replaced_by_the_work_here(monkeypatch, forks_allowed):
    later = Apart(_dies, None)
    assert later.forked
    monkeypatch.setattr(later, "_work", lambda _: "done here")
    assert later.result() == "done here"


def _sleeps(seconds):
    time.sleep(seconds)
    return "slept"


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_the_child_dies_with_its_parent():
    # A killed build's Apart child (entering's walks, carrying files into the staging folder)
    # went on writing after the build was killed, racing the next build's clean-up, which then
    # left the staging folder for good (2026-12-05, a fresh helper's attack): it dies with it.
    script = ("import sys, time; sys.path.insert(0, sys.argv[1]); from sitegen.apart import Apart; "
              "from test_apart import _sleeps; later = Apart(_sleeps, 60); "
              "print(later._process.pid, flush=True); time.sleep(60)")
    parent = subprocess.Popen([sys.executable, "-c", script, str(REPO)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'tests'}"})
    try:
        child = int(parent.stdout.readline())
        assert not process_gone(child)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while not process_gone(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process_gone(child)
    finally:
        parent.kill()
        parent.stdout.close()


def test_interrupted_while_waiting_for_the_result_the_child_is_ended(forks_allowed):
    # Ctrl-C while the caller waited for the answer left the child running (it was ended only
    # once an answer came): the staging folder it carried files into was then removed under it.
    later = Apart(_sleeps, 60)
    pid = later._process.pid

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    try:
        with pytest.raises(KeyboardInterrupt):
            later.result()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not later.forked and process_gone(pid)


def test_a_fork_that_fails_leaves_the_work_to_this_process(monkeypatch, forks_allowed):
    # No fork to be had (out of memory, the process limit) stopped the build: the work is done
    # here when asked for, as without a fork.
    def refused(self):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", refused)
    later = Apart(_pid_and_sum, [1, 2])
    assert not later.forked and later.result() == (os.getpid(), 3)


def _joins_of(later: Apart, monkeypatch) -> list:
    """The timeouts ``later``'s child process is joined with from now on."""
    joins, real_join = [], later._process.join

    def join(timeout=None):
        joins.append(timeout)
        return real_join(timeout)

    monkeypatch.setattr(later._process, "join", join)
    return joins


def test_a_child_still_working_when_closed_is_killed_without_waiting(forks_allowed, monkeypatch):
    # A look the build no longer wants (nothing changed since the last build) was given 50 ms
    # to end on its own before it was killed: time on every nothing-changed rebuild.
    working = Apart(_sleeps, 60)
    pid = working._process.pid
    joins = _joins_of(working, monkeypatch)
    working.close()
    assert joins == [None] and process_gone(pid)  # killed, then reaped: no grace wait


def test_a_child_that_answered_is_given_a_moment_to_end_when_closed(forks_allowed, monkeypatch):
    from sitegen import apart

    real_run = apart._run_and_send

    def lingers(*args):  # still ending (freeing what it copied) after its answer
        real_run(*args)
        time.sleep(0.5)

    monkeypatch.setattr(apart, "_run_and_send", lingers)
    done = Apart(_pid_and_sum, [5])
    assert done._receiver.poll(30) and done.done()
    joins = _joins_of(done, monkeypatch)
    done.close()
    assert joins[0] == 0.05  # given the moment, then killed


def test_done_says_whether_the_result_would_wait(forks_allowed):
    working = Apart(_sleeps, 60)
    assert not working.done()
    working.close()
    assert Apart(_pid_and_sum, [1], fork=False).done()


@pytest.mark.skipif(sys.platform != "linux", reason="forked children: Linux")
def test_ctrl_c_met_inside_a_fork_callback_reaches_the_caller_and_ends_the_child(forks_allowed, interrupt_at_next_fork):
    # /tmp/attack44/r1-sigint-swallowed.sh: a Ctrl-C that landed in one of Python's fork
    # callbacks was printed and dropped there, and the build went on to publish and exit 0.
    before = {child.pid for child in multiprocessing.active_children()}
    with pytest.raises(KeyboardInterrupt):
        Apart(_sleeps, 60)
    assert {child.pid for child in multiprocessing.active_children()} == before  # the child it forked ended
