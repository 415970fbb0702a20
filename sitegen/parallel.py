"""Spreading a stage's work over worker processes (``--jobs N``).

A stage is a list of items numbered ``0 … count-1`` and a module-level function
``work(state, indices) -> list`` that handles one chunk of them. :func:`map_chunks` cuts the
items into a few large chunks per process (so the main process only hands out index ranges and
collects results), runs the chunks in ``jobs`` processes and returns the results in item order,
so the output never depends on the number of workers. The calling process is one of the
``jobs``: it works on a chunk whenever the pool's are all under way, so ``--jobs 2`` forks one
worker, not two (a forked worker starts as big as the process it was forked from, and the
memory of a build is counted over all its processes). ``state`` (the config, the site, the
list of files) is handed to each worker once, when it starts: on Linux the workers are forked
and inherit it; elsewhere, or when the calling process runs other threads (``serve``), it is
pickled once per worker. Per-worker caches (a compiled Jinja environment) live on the state
object, so they are built once in each process.

Small stages run in the calling process: a pool costs tens of milliseconds to start.
"""

from __future__ import annotations

import ctypes
import gc
import math
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

#: A pool is used only when every worker gets at least this many items.
MIN_ITEMS_PER_WORKER = 64
#: Chunks per worker: enough to even out uneven items, few enough to keep hand-outs rare.
CHUNKS_PER_WORKER = 4
#: Chunks queued for each worker process beyond the one it is doing, so it never waits for one.
AHEAD = 2
#: At most this many items a chunk, so a chunk's results (rendered pages) stay a few MiB: the main
#: process holds up to AHEAD finished chunks of each worker besides its own (128 pages: ~3 MB).
MAX_CHUNK = 128
#: A pool's chunks shrink towards the end of the items, down to this many: the processes finish
#: together instead of one waiting for another's last large chunks (:func:`pool_chunk_size`).
MIN_CHUNK = 8

_state: Any = None


def default_jobs() -> int:
    """The number of worker processes when ``--jobs`` is not given: the machine's cores."""
    return os.cpu_count() or 1


def chunk_ranges(count: int, jobs: int) -> list[range]:
    """``count`` items cut into consecutive ranges, about :data:`CHUNKS_PER_WORKER` per worker
    and at most :data:`MAX_CHUNK` items each."""
    size = max(1, min(MAX_CHUNK, math.ceil(count / (max(1, jobs) * CHUNKS_PER_WORKER))))
    return [range(start, min(count, start + size)) for start in range(0, count, size)]


def pool_chunk_size(remaining: int, jobs: int) -> int:
    """The number of items in the next chunk a pool of ``jobs`` processes hands out when
    ``remaining`` items are left: about ``remaining / (jobs × CHUNKS_PER_WORKER)``, at least
    :data:`MIN_CHUNK` and at most :data:`MAX_CHUNK` (never more than ``remaining``). Chunks shrink
    as the items run out (guided self-scheduling), so when none are left the chunks still under
    way are small: at 10,000 articles the main process waited ~0.4 s for the worker's last two
    128-page chunks."""
    return min(remaining, MAX_CHUNK, max(MIN_CHUNK, math.ceil(remaining / (max(1, jobs) * CHUNKS_PER_WORKER))))


def iter_chunks(work: Callable[[Any, Sequence[int]], list], state: Any, count: int,
                jobs: int, meanwhile: Callable[[], Any] | None = None) -> Iterator[tuple[range, list]]:
    """``(chunk, work(state, chunk))`` for every chunk of ``range(count)``, each once, as they
    are done (the caller can write one chunk's results while the next is being made): in item
    order with one process, in the order they finish with more (:func:`map_chunks` puts them
    back in item order).

    Runs in this process alone when ``jobs`` is 1 or the stage is too small for a pool to pay
    off (:data:`MIN_ITEMS_PER_WORKER`); otherwise ``jobs - 1`` workers take chunks from a queue
    kept :data:`AHEAD` chunks each ahead from the front of the list, and this process does the
    last chunk left itself whenever none of theirs is done (so each process works through
    neighbouring items); a pool's chunks are cut as they are handed out, smaller towards the
    end (:func:`pool_chunk_size`). Exceptions raised by ``work`` (``SitegenError`` included) reach the
    caller as they were raised; Ctrl-C is left to this process, which stops the pool. When the
    system refuses the workers (``fork`` failing: the process limit, memory), this process
    does every chunk, as with one job. ``meanwhile``: work for this process to do once forked
    workers have started on their first chunks, before it takes one itself (what processes
    forked from it later can inherit instead of each doing it: the compiled templates); not
    done without a forked pool.
    """
    jobs = max(1, min(jobs, count // MIN_ITEMS_PER_WORKER))
    if jobs == 1:
        for chunk in chunk_ranges(count, jobs):
            yield chunk, work(state, chunk)
        return
    # The objects made so far (the site, the articles) are moved out of the cyclic garbage
    # collector's sight, here and in the forked workers, and it is paused here while results
    # arrive: each full collection would walk every article again (measured at 10,000 articles:
    # ~5 s of the main process's ~7 s of CPU), and in a worker it would also write to every
    # page of memory it shares with this process. It runs as usual while this process works.
    # A forked worker starts with this process's resident memory, free memory the C allocator
    # holds included (~8 MiB at the render stage of 10,000 articles): it is handed back first.
    _release_free_memory()
    frozen_already = gc.get_freeze_count() > 0  # by the build (sitegen.pipeline.build): left so
    gc.freeze()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        context = _context()
        parent = os.getpid() if context.get_start_method() == "fork" else None  # else not the workers' parent
        pool = None
        try:
            with interrupts_held():
                pool = context.Pool(jobs - 1, initializer=_start_worker, initargs=(state, parent))
        except KeyboardInterrupt:  # met once the pool was made: its workers end first
            if pool is not None:
                pool.terminate()
            raise
        except OSError:  # no process to be had now (the process limit, memory): all done here
            if was_enabled:
                gc.enable()
            for chunk in chunk_ranges(count, 1):
                yield chunk, work(state, chunk)
            return
        with pool:
            run = _RunChunk(work)
            queued: deque = deque()  # (chunk, AsyncResult) in the order handed out
            # The workers take chunks from the front, this process from the back: each process
            # works through neighbouring items (the pages of one stretch of time share most of
            # their article cards, which each process keeps: sitegen.render.CARD_CACHE_SIZE).
            # The items not handed out yet are range(front, back).
            front, back = 0, count

            def hand_out() -> None:
                nonlocal front
                while front < back and len(queued) < AHEAD * (jobs - 1):
                    chunk = range(front, front + pool_chunk_size(back - front, jobs))
                    front = chunk.stop
                    queued.append((chunk, pool.apply_async(run, (chunk,))))

            def collecting(call, *args):
                """``call(*args)`` with the collector on as the build had it (paused while
                results arrive, it runs while this process works)."""
                if was_enabled:
                    gc.enable()
                try:
                    return call(*args)
                finally:
                    gc.disable()

            if meanwhile is not None and parent is not None:
                hand_out()
                collecting(meanwhile)
            while front < back or queued:
                hand_out()
                if queued and (front == back or queued[0][1].ready()):
                    done, result = queued.popleft()
                    part = result.get()
                    del result  # it holds the chunk's results too
                else:
                    done = range(back - pool_chunk_size(back - front, jobs), back)
                    back = done.start
                    part = collecting(work, state, done)
                yield done, part
                # The chunk's results (rendered pages: megabytes) are gone once the caller is
                # done with them; the C allocator keeps such memory unless told to give it back.
                del part
                _release_free_memory()
    finally:
        if was_enabled:
            gc.enable()
        if not frozen_already:
            gc.unfreeze()


def map_chunks(work: Callable[[Any, Sequence[int]], list], state: Any, count: int, jobs: int,
               on_chunk: Callable[[int], None] | None = None) -> list:
    """:func:`iter_chunks` with the results concatenated in item order; ``on_chunk(n)`` is
    called after each chunk of ``n`` items (progress)."""
    results: list = [None] * count
    for chunk, part in iter_chunks(work, state, count, jobs):
        results[chunk.start:chunk.stop] = part
        if on_chunk:
            on_chunk(len(chunk))
    return results


def _malloc_trim():
    """glibc's ``malloc_trim``, or ``None`` (another C library, or none found). Looked up
    among the symbols the process has loaded (``CDLL(None)``: the C library is one), not
    through ``ctypes.util.find_library``, which runs ``ldconfig -p`` in a child process
    (5-60 ms of every build's start)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None


_MALLOC_TRIM = _malloc_trim()


def _release_free_memory() -> None:
    """Give the memory the C allocator holds free back to the system (glibc: ``malloc_trim``,
    ~0.1 ms; elsewhere nothing). Without it the main process, which receives every chunk's
    results and renders chunks of its own, kept ~15-20 MiB more at 10,000 articles."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _context():
    """Fork where it is safe (Linux, no other threads in this process); else a fork server or spawn."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


#: ``prctl`` option: the signal this process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back from this thread while it forks a process (``with`` around the
    fork): it is delivered, as ``KeyboardInterrupt``, when the block ends. Python runs
    ``os.register_at_fork`` callbacks (the ``logging`` module's lock, for one) around each fork,
    and an exception raised inside one is printed and dropped: a Ctrl-C met there was lost, and
    the build went on to publish and exit 0 (/tmp/attack44/r1-sigint-swallowed.sh). The child
    starts with it blocked too, until :func:`as_forked_child` ignores it. Nothing is held where
    the platform has no ``pthread_sigmask`` or off the main thread (which alone runs Python's
    signal handlers)."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def as_forked_child(parent: int | None = None) -> None:
    """Signal handling for a process a build forks (a pool worker, the search process, an
    :class:`~sitegen.apart.Apart` child): Ctrl-C ignored — the build's main process handles it
    and ends its children — and SIGTERM and SIGHUP back to their default action, which ends the
    process. A handler the parent set for itself would otherwise be inherited (``serve``'s, which
    stops the preview), and a child its parent ends with SIGTERM (``Pool.terminate``, the search
    process) would go on waiting: Ctrl-C during ``serve``'s first build hung there.

    Given the ``parent``'s process id (taken before the fork), the process also dies with it
    (Linux ``PR_SET_PDEATHSIG``, SIGKILL), and ends now if it is gone already: a child that
    writes into a staging folder stops when a killed build can no longer, so the next build's
    clean-up does not race it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # held while forked (interrupts_held): ignored from now on
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    if parent is None:
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the build died before the line above
        os._exit(1)


def _start_worker(state: Any, parent: int | None) -> None:
    global _state
    as_forked_child(parent)  # a killed build's workers write no more pages into its staging folder
    gc.enable()  # paused in the main process while it waits (see iter_chunks), not here
    _state = state


class _RunChunk:
    """A picklable ``chunk -> work(worker state, chunk)``."""

    def __init__(self, work: Callable[[Any, Sequence[int]], list]):
        self.work = work

    def __call__(self, chunk: Sequence[int]) -> list:
        return self.work(_state, chunk)
