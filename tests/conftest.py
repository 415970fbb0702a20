"""Shared fixtures: a mini-site factory and the repository on ``sys.path``."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from helpers import make_site  # noqa: E402


@pytest.fixture
def new_site(tmp_path):
    """``new_site({"a.md": "..."}, config={...}, templates={...})`` → :class:`helpers.MiniSite`.

    Each call makes a fresh site folder under ``tmp_path`` (``site1``, ``site2`` …).
    """
    counter = itertools.count(1)

    def factory(files: dict, config: dict | None = None, **kwargs):
        kwargs.setdefault("name", f"site{next(counter)}")
        return make_site(tmp_path, files, config, **kwargs)

    return factory


@pytest.fixture
def forks_allowed(monkeypatch):
    """sitegen forks (its pools, :class:`sitegen.apart.Apart`, the search process) only from a
    process running no other thread, as a build's is; the test process keeps idle threads of
    its own once a browser test or a served fixture ran in it (Playwright's child watcher,
    tqdm's monitor, module-scoped HTTP servers). A test that checks the forked path counts
    only the calling thread."""
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 1)


@pytest.fixture
def search_on_thread(monkeypatch):
    """The search stage on a thread of the test process, never in a forked one, so that what a
    test patches or records in it is seen: a build forks it when its process runs no other
    thread (:mod:`sitegen.search_run`), which a test process may or may not, by which tests
    ran in it before (a browser test leaves Playwright's threads)."""
    from sitegen import search_run

    monkeypatch.setattr(search_run, "_fork_safe", lambda: False)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium under Playwright (tests/browser.py), one for the session."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


_FORK_INTERRUPT_ARMED: list[int] = []


def _interrupt_before_forking() -> None:
    if _FORK_INTERRUPT_ARMED:
        _FORK_INTERRUPT_ARMED.clear()
        import signal
        import threading
        import time

        # To this thread: a process-directed signal goes to any thread that does not block it
        # (a test process may run others; a build forks from its only one).
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        time.sleep(0.05)  # Python code inside a fork callback: where the interrupt was met and dropped


@pytest.fixture
def interrupt_at_next_fork():
    """Ctrl-C (SIGINT to this process, raising ``KeyboardInterrupt``) sent from inside Python's
    fork callbacks (``os.register_at_fork(before=…)``) of the next fork this process makes, as a
    user's Ctrl-C can land there. The callback is registered once per process (callbacks cannot
    be removed) and armed for one fork by the fixture."""
    import signal
    import threading

    assert threading.current_thread() is threading.main_thread()  # where Python handles signals
    if not getattr(_interrupt_before_forking, "registered", False):
        os.register_at_fork(before=_interrupt_before_forking)
        _interrupt_before_forking.registered = True

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupt)
    _FORK_INTERRUPT_ARMED.append(1)
    try:
        yield
    finally:
        _FORK_INTERRUPT_ARMED.clear()
        signal.signal(signal.SIGINT, previous)
