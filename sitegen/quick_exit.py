"""Ending the ``sitegen`` process without the interpreter's teardown.

When a Python program ends, the interpreter frees its objects one by one before the process
goes: after a build of 10,000 articles that is every article, page record and manifest entry
still referenced, ~0.11 s of a one-edit rebuild's ~1.2 s (measured 2026-12-05, bench/RESULTS.md).
The operating system takes the whole address space back at once, so the command ends with
:func:`os._exit` instead — after doing what Python's own exit does that anyone could see
(``Py_FinalizeEx`` in CPython's ``Python/pylifecycle.c``): the :mod:`atexit` callbacks (logging's
flush, multiprocessing's clean-up, ``weakref.finalize`` objects), then the flush of stdout and
stderr, whose failure makes the exit status 120 and, for stdout, is reported on stderr.

The interpreter's own exit is kept when something still expects it: a thread that is not a
daemon (Python waits for it), ``python -i`` (the prompt comes after the script), a profiler or
tracer (``python -m cProfile``, ``trace``, coverage: they report after the script).

Freeing one by one also happens before the end: when a function returns, what only its frame
referenced goes. A command that ends the process once it is done (a build, not ``serve``) says so
(:func:`ends_after_command`), and the build then hands its last frame's values to :func:`hold`, which
keeps them to the end: the one-edit rebuild at 10,000 articles spent ~30 ms freeing them after
its last file was saved (measured 2026-12-06, bench/RESULTS.md).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

#: The status Python itself exits with when stdout or stderr cannot be flushed at exit, whatever
#: the status was (``Py_Exit`` after a failed ``Py_FinalizeEx``).
FLUSH_FAILED = 120
#: The command's status after Ctrl-C (128 + SIGINT, as shells report it; INTERFACE.md), also
#: when it comes while the output is flushed.
INTERRUPTED = 130

#: Whether the process ends once its command is done (:func:`ends_after_command`), and what
#: :func:`hold` keeps referenced until then.
_ending = False
_held: list = []


def ends_after_command() -> None:
    """Say that this process ends (through :func:`exit_without_teardown`) once its one command
    is done: :func:`hold` then keeps what it is given. Not for a process that goes on working
    (``serve``, a test calling the command), where held values would pile up."""
    global _ending
    _ending = True


def hold(value: object) -> None:
    """Keep ``value`` referenced until the process ends, when it ends after its command
    (:func:`ends_after_command`); else do nothing. The operating system takes it back with the
    rest of the address space, instead of each object being freed when its last holder goes."""
    if _ending:
        _held.append(value)


def exit_without_teardown(status: int) -> NoReturn:
    """End the process with exit ``status`` (0–255) after the :mod:`atexit` callbacks and a flush
    of stdout and stderr, without freeing every object. :data:`FLUSH_FAILED` when either stream
    cannot be flushed (stdout's error is written to stderr, as Python writes it);
    :data:`INTERRUPTED` on Ctrl-C meanwhile (no traceback). Falls back to the interpreter's own
    exit (:func:`sys.exit`) where it is still expected (see the module docstring)."""
    if _teardown_expected():
        sys.exit(status)
    try:
        atexit._run_exitfuncs()  # noqa: SLF001 - the callbacks Python's own exit runs, in its order
        status = _flush_standard_streams(status)
    except KeyboardInterrupt:
        status = INTERRUPTED
    os._exit(status)


def _teardown_expected() -> bool:
    main = threading.main_thread()
    return (bool(sys.flags.interactive) or sys.gettrace() is not None or sys.getprofile() is not None
            or any(thread is not main and not thread.daemon and thread.is_alive() for thread in threading.enumerate()))


def _flush_standard_streams(status: int) -> int:
    """Flush stdout, then stderr, as ``flush_std_files`` does: :data:`FLUSH_FAILED` if either
    fails, else ``status``. A stream that is gone or closed is left alone."""
    failed = False
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "closed", False):
            continue
        try:
            stream.flush()
        except (OSError, ValueError) as exc:
            failed = True
            if stream is sys.stdout:
                _say_ignored(stream, exc)
    return FLUSH_FAILED if failed else status


def _say_ignored(stream, exc: BaseException) -> None:
    """The two lines Python writes for an error it cannot raise (``PyErr_WriteUnraisable``)."""
    try:
        sys.stderr.write(f"Exception ignored in: {stream!r}\n{type(exc).__name__}: {exc}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
