"""Ending the ``sitegen`` process without the interpreter's teardown.

When a Python program ends, the interpreter frees its objects one by one before the process
goes: after a build of 10,000 articles that is every article, page record and manifest entry
still referenced, ~0.13 s of a one-edit rebuild's ~1.2 s (measured 2026-12-05, bench/RESULTS.md).
The operating system takes the whole address space back at once, so the command ends with
:func:`os._exit` instead — after doing what a normal exit does that anyone could see: the
:mod:`atexit` callbacks (logging's flush, multiprocessing's clean-up, ``weakref.finalize``
objects) and the flush of stdout and stderr.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

#: The status Python itself exits with when stdout cannot be flushed at exit
#: (``Py_FinalizeEx`` in CPython's ``Python/pylifecycle.c``).
FLUSH_FAILED = 120


def exit_without_teardown(status: int) -> NoReturn:
    """End the process with exit ``status`` (0–255) after the :mod:`atexit` callbacks and a
    flush of stdout and stderr, skipping the freeing of every object. Status
    :data:`FLUSH_FAILED` when it was 0 and stdout could not be flushed (a closed pipe), as
    Python's own exit does. While a thread other than the main one that is not a daemon is
    still running, the interpreter's own exit (which waits for it) is used instead."""
    main = threading.main_thread()
    if any(thread is not main and not thread.daemon and thread.is_alive() for thread in threading.enumerate()):
        sys.exit(status)
    atexit._run_exitfuncs()  # noqa: SLF001 - the callbacks a normal exit runs, then os._exit
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe, a closed file
            if stream is sys.stdout and status == 0:
                status = FLUSH_FAILED
    os._exit(status)
