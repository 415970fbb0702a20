"""A pure computation run in a forked process while the caller goes on (:mod:`sitegen.apart`)."""

from __future__ import annotations

import os
import threading

from sitegen.apart import Apart


def _pid_and_sum(numbers):
    return os.getpid(), sum(numbers)


def _fails(_):
    raise RuntimeError("boom")


def _dies(_):
    os._exit(3)


def test_the_work_runs_in_a_child_and_its_result_comes_back():
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


def test_a_child_that_fails_or_dies_leaves_the_work_to_this_process():
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


def test_a_child_that_exits_without_answering_is_replaced_by_the_work_here(monkeypatch):
    later = Apart(_dies, None)
    assert later.forked
    monkeypatch.setattr(later, "_work", lambda _: "done here")
    assert later.result() == "done here"
