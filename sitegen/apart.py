"""One pure computation run apart: in a forked process while this one goes on with other work.

Between the load and render stages the main process works alone (the other core idles): a
step that the next few steps do not need, such as the related articles, can be made in a
forked child meanwhile (:class:`Apart`), its result (plain data) read when it is needed. The
child inherits everything (nothing is pickled on the way in) and sends back only its result.

Where a fork is not safe (not Linux, or this process runs other threads: ``serve``), not
wanted (one job) or fails, the work is done in this process when its result is first asked
for. A child that fails or dies costs nothing but the time: the work is then done here. A
child dies with its parent (a killed build leaves none writing on).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from typing import Any, Callable

from sitegen.parallel import as_forked_child, interrupts_held


class Apart:
    """``work(*args)``, computed in a forked child process (when ``fork`` is true and a fork
    is safe) from now on, or in this process by :meth:`result`. ``work`` must be a pure
    function of its arguments (what it writes, it writes the same wherever it runs) and
    return plain data (it is pickled back).

    Use as ``later = Apart(work, a, b)`` … other work … ``later.result()``; :meth:`close`
    (or the result) ends the child: call it when the result is no longer wanted."""

    def __init__(self, work: Callable[..., Any], *args: Any, fork: bool = True):
        self._work, self._args = work, args
        self._process = self._receiver = None
        self._answered = False
        if fork and sys.platform == "linux" and threading.active_count() == 1:
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_run_and_send, args=(sender, os.getpid(), work, args),
                                      name=f"sitegen-apart-{getattr(work, '__name__', 'work')}", daemon=True)
            try:
                with interrupts_held():  # a Ctrl-C meanwhile comes after, when the child is known
                    try:
                        process.start()
                    except OSError:  # no fork now (no memory, process limit): done here when asked
                        self._receiver.close()
                        self._receiver = None
                    else:
                        self._process = process
                    finally:
                        sender.close()
            except KeyboardInterrupt:
                self.close()
                raise

    @property
    def forked(self) -> bool:
        """Whether the work is being done in a child process."""
        return self._process is not None

    def done(self) -> bool:
        """Whether :meth:`result` would not wait for the child: it answered or ended (or there
        is none)."""
        return self._process is None or self._receiver.poll()

    def result(self) -> Any:
        """``work(*args)``: the child's answer, or, without a child or when it failed, the
        work done now in this process (whatever it raises, raised here)."""
        answer = None
        if self._process is not None:
            try:
                answer = self._receiver.recv()
                self._answered = True
            except (EOFError, OSError):
                answer = None  # the child died: done here
            finally:  # interrupted too (Ctrl-C while waiting): the child ends before the caller goes on
                self.close()
        if isinstance(answer, tuple) and len(answer) == 2 and answer[0] == "done":
            return answer[1]
        return self._work(*self._args)

    def close(self) -> None:
        """End the child (if any) and let go of it: one that answered is given a moment to end
        on its own, one still working is killed at once (its work is not wanted)."""
        if self._process is not None:
            answered = self._answered or self._receiver.poll()
            self._receiver.close()
            if answered and self._process.is_alive():
                self._process.join(timeout=0.05)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            self._process.close()
            self._process = self._receiver = None


def _run_and_send(sender, parent: int, work: Callable[..., Any], args: tuple) -> None:
    """In the child: ``("done", work(*args))`` sent back, or ``("failed", None)``."""
    as_forked_child(parent)  # Ctrl-C is the main process's to handle; dies with it
    try:
        answer = ("done", work(*args))
    except BaseException:  # noqa: BLE001 - the parent does the work itself then
        answer = ("failed", None)
    try:
        sender.send(answer)
    except (OSError, ValueError):
        pass  # the parent stopped listening
    finally:
        sender.close()
