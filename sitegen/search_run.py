"""Running the search stage (:func:`sitegen.search.write_index`) beside the render stage.

A whole index (no last bundle to keep: a clean or first build) costs the main process seconds
of CPU per 10,000 articles (each article's words and written text, the bundle's files) on top
of Pagefind's own process. On a thread, that work shares the interpreter lock with the loop
writing the rendered pages, and Pagefind gets its records only as fast as the thread makes
them. So where it is safe (Linux, no other thread running: ``fork`` copies only the calling
thread) a whole index is made in a forked process, started as soon as the site is collected:
it makes the articles' entries while the main process plans the pages alone (one core idle
on two), and writes into the staging folder once told it is ready (:meth:`SearchRun.staged`),
making the entries left then while Pagefind indexes the first (:func:`make_until_staged`);
it dies with the build (``PR_SET_PDEATHSIG``), so a killed build leaves no indexer writing
into a staging folder. An incremental build's index (a small delta, ~0.1 s of CPU at 10,000
articles: every article's entry key, the kept bundle's files looked at) is forked likewise, but
only once the staging folder is ready (:meth:`SearchRun.staged`, as soon as the staging
folder's walks are done: after the plan, :func:`sitegen.writing.hand_over_index_folders`): it
runs beside the redirect stage and the loop that places the unchanged pages instead of after
them, where the build waited for it; forked before the plan, the copy-on-write faults of the
planning cost what the overlap saved (bench/RESULTS.md, 2026-12-05 and 2026-12-06). Otherwise (``serve`` runs threads; other
systems; the system refusing the fork) it runs on a thread started once the render workers are
forked (:mod:`sitegen.parallel` forks only while this process runs no other thread).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from sitegen import search
from sitegen.errors import Diagnostic
from sitegen.model import Site
from sitegen.parallel import as_forked_child, interrupts_held
from sitegen.search_bundle import PAGES_FILE
from sitegen.search_entries import Entries
from sitegen.search_pagefind import pagefind_executable
from sitegen.writer import FileStats, pack_files, sweep_handed, unpack_files


class SearchRun:
    """:func:`~sitegen.search.write_index` of ``site`` into ``stage`` (``previous``: the last
    output, or ``None``), started in a forked process when that is safe — at once for a whole
    index, when the staging folder is given (:meth:`staged`) for a delta (see the module) — else
    on a thread at the first :meth:`rendering` call (or at :meth:`result`). ``stage`` may be
    ``None`` at first and given by :meth:`staged` when the staging folder is ready. Use as a
    context manager: leaving it ends a process still running (an error in a later stage)
    before the staging folder is dropped."""

    def __init__(self, site: Site, stage: Path | None, previous: Path | None):
        self._site, self._stage, self._previous = site, stage, previous
        self._process = self._receive = self._send_stage = None
        self._thread: ThreadPoolExecutor | None = None
        self._future: Future | None = None
        self._listed: dict[str, tuple] | None = None  # (pack_files, sweep or None) of each folder
        self._answered = False  # the process sent its last word: it writes nothing more
        self._distrusted: frozenset[str] | None = frozenset()
        # Without Pagefind there is no index to make (write_index only says so): no process is
        # forked for that (a copy of this process, ~100 MiB at 10,000 articles, waiting for the
        # staging folder, and on a loaded machine still alive when the render worker was forked:
        # counted in the build's peak memory).
        if _whole_index(previous) and _fork_safe() and pagefind_executable() is not None:
            self._fork()
        if stage is not None:
            self.staged(stage)

    def __enter__(self) -> "SearchRun":
        return self

    def __exit__(self, *exc) -> None:
        if self._send_stage is not None:  # never staged: the process ends at end of input
            self._send_stage.close()
            self._send_stage = None
        if self._process is not None:
            # A process that answered has written its last: its exit (~10 ms to free what it
            # copied of this one's memory, at 10,000 articles) is not waited for; multiprocessing
            # reaps it at the next fork or at this process's exit.
            if not self._answered:
                if self._process.is_alive():
                    self._process.terminate()  # Pagefind, its child, ends when its input closes
                self._process.join()
            self._receive.close()
        if self._thread is not None:
            self._thread.shutdown(wait=True)

    @property
    def told(self) -> bool:
        """Whether the staging folder was given (:meth:`staged`, or at the start)."""
        return self._stage is not None

    def staged(self, stage: Path, distrusted: frozenset[str] | None = frozenset(),
               recorded: list[tuple] | None = None) -> None:
        """The staging folder ``stage`` holds ``search/pagefind/`` and ``search/text/``: the
        index may be written there now (by a process forked now when none runs and it is safe).
        ``distrusted`` and ``recorded``: :func:`~sitegen.index_check.check_index` of the last output
        (``distrusted`` is :func:`~sitegen.search.write_index`'s; given ``recorded``, a forked
        process lists the index it leaves with the recorded stats of the files it did not
        touch, :func:`~sitegen.search.vouched_identities`)."""
        self._stage, self._distrusted = stage, distrusted
        if self._process is None and self._future is None and _fork_safe() and pagefind_executable() is not None:
            # Forked now: the process has them from the start (sent, ~1.5 MB of recorded stats
            # at 10,000 articles would keep this one waiting until it reads them).
            self._fork((stage, distrusted, recorded))
            return
        if self._send_stage is not None:
            self._send_stage.send((stage, distrusted, recorded))
            self._send_stage.close()
            self._send_stage = None

    @property
    def busy(self) -> bool:
        """Whether :meth:`result` would wait: the index is being made (a forked process that has
        not answered, or a thread not done). ``False`` before it started."""
        if self._process is not None:
            return not self._answered and not self._receive.poll()
        return self._future is not None and not self._future.done()

    def rendering(self) -> None:
        """The render workers are forked: start the thread now if no process runs."""
        if self._process is None and self._future is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="search")
            self._future = self._thread.submit(search.write_index, self._site, self._stage, self._previous,
                                               distrusted=self._distrusted)

    def result(self) -> list[Diagnostic]:
        """The diagnostics of ``write_index``, once it is done; an exception it raised is raised
        here. A process that stopped without answering (killed) leaves no index and a
        ``search-skipped`` warning."""
        if self._process is None:
            self.rendering()
            return self._future.result()
        try:
            kind, value, *listed = self._receive.recv()
        except (EOFError, OSError):
            self._process.join()
            search.remove_index(self._stage)
            return [search.skipped(f"the indexing process stopped (exit code {self._process.exitcode})",
                                   "build again; if it keeps stopping, check the machine's free memory")]
        self._answered = True
        if kind == "raised":
            raise value
        self._listed = listed[0] if listed else None
        return value

    def listed(self, relative_dir: str) -> "list[tuple[str, FileStats]] | None":
        """:func:`~sitegen.writer.list_files` of the index's folder ``relative_dir``
        (:data:`~sitegen.search.BUNDLE_DIR` or :data:`~sitegen.search.TEXT_DIR`) as the process
        left it, once :meth:`result` returned (for :meth:`~sitegen.writer.StagedOutput.adopt`:
        the process lists them while the build finishes its page loop); ``None`` when it was
        not listed so (a thread, or the listing failed)."""
        listed = (self._listed or {}).get(relative_dir)
        return unpack_files(listed[0]) if listed is not None else None

    def packed(self, relative_dir: str) -> tuple | None:
        """:meth:`listed` as :func:`~sitegen.writer.pack_files` packed it (for
        :meth:`~sitegen.writer.StagedOutput.adopt_block`); ``None`` likewise."""
        listed = (self._listed or {}).get(relative_dir)
        return listed[0] if listed is not None else None

    def swept(self, relative_dir: str) -> "tuple[bool, list, list[str]] | None":
        """The rest of :func:`~sitegen.writer.sweep_handed`'s answer for ``relative_dir``, made
        with :meth:`listed` (for :meth:`~sitegen.writer.StagedOutput.adopt`); ``None`` when the
        process did not sweep it (a thread, a missing folder, the listing failed)."""
        listed = (self._listed or {}).get(relative_dir)
        return listed[1] if listed is not None else None

    def _fork(self, staged: tuple | None = None) -> None:
        """Fork the indexing process; ``staged``: :meth:`staged`'s arguments, when known now
        (else sent once they are)."""
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        stage, self._send_stage = context.Pipe(duplex=False) if staged is None else (None, None)
        process = context.Process(target=_index_in_child, args=(send, stage, os.getpid(), self._site, self._previous, staged),
                                  name="sitegen-search", daemon=True)
        try:
            with interrupts_held():  # a Ctrl-C meanwhile comes after, when the process is known
                try:
                    process.start()
                except OSError:  # no process to be had now (the process limit, memory): a thread makes it
                    self._receive.close()
                    if self._send_stage is not None:
                        self._send_stage.close()
                    self._receive = self._send_stage = None
                else:
                    self._process = process
                finally:
                    send.close()
                    if stage is not None:
                        stage.close()
        except KeyboardInterrupt:  # the process ends before the caller, which never got it, goes on
            self.__exit__(None, None, None)
            raise


def _whole_index(previous: Path | None) -> bool:
    """Whether this build indexes every article: there is no last bundle to keep."""
    old = search.previous_folder(previous, search.BUNDLE_DIR)
    return old is None or not (old / PAGES_FILE).is_file()


def _fork_safe() -> bool:
    return (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


#: Entries made between two looks at whether the staging folder is ready (:func:`make_until_staged`).
STAGED_CHECK = 64


def make_until_staged(entries: Entries, staged) -> int:
    """Make ``entries`` in article order until all are made or ``staged`` (the receiving end of
    a pipe) holds the staging folder or is closed, looked at every :data:`STAGED_CHECK`
    entries; returns how many are made. Once the folder is ready, ``write_index`` makes the
    rest while Pagefind indexes the first ones (it streams the records to Pagefind as they are
    made): Pagefind no longer waits for every entry when the pages are planned sooner than
    the entries are made (a loaded machine)."""
    count = len(entries.keys)
    for start in range(0, count, STAGED_CHECK):
        if staged.poll():
            return start
        for i in range(start, min(start + STAGED_CHECK, count)):
            entries.entry(i)
    return count


def _listed(stage: Path, known: dict[str, tuple] | None = None) -> dict[str, tuple] | None:
    """``{folder: (packed files, sweep)}`` of the index's two folders, each swept by
    :func:`~sitegen.writer.sweep_handed` (with ``known``: the stats vouched for; ``sweep``: the
    rest of its answer; a missing folder lists no file and has ``None``); ``None`` when one
    cannot be listed or swept (the build then lists them itself, and meets the error)."""
    listed = {}
    try:
        for folder in (search.BUNDLE_DIR, search.TEXT_DIR):
            swept = sweep_handed(os.fspath(stage), folder, known)
            listed[folder] = (swept[0], swept[1:]) if swept is not None else (pack_files([]), None)
    except OSError:
        return None
    return listed


def _index_in_child(send, staged, parent: int, site: Site, previous: Path | None, given: tuple | None = None) -> None:
    """The indexing process: the index written into the staging folder, ``given`` as
    :meth:`SearchRun.staged`'s arguments or received on ``staged`` (entries made meanwhile),
    and the outcome sent on ``send``."""
    as_forked_child(parent)  # Ctrl-C is the build's to handle; dies with the build
    try:  # before the staging folder is ready (forked only with a Pagefind binary: SearchRun);
        # write_index meets again any error met here
        entries = search.index_entries(site, previous)
        if given is None:
            make_until_staged(entries, staged)
    except Exception:  # noqa: BLE001 - made anew, and raised or reported, by write_index
        entries = None
    if given is None:
        try:
            given = staged.recv()
        except (EOFError, OSError):  # the build stopped before it had a staging folder
            os._exit(0)
        staged.close()
    stage, distrusted, recorded = given
    untouched = search.Untouched()
    try:
        outcome = ("returned", search.write_index(site, stage, previous, entries=entries, distrusted=distrusted,
                                                  untouched=untouched))
    except BaseException as exc:  # noqa: BLE001 - handed to the build, which raises it
        outcome = ("raised", exc)
    else:
        vouched = search.vouched_identities(recorded, distrusted, untouched) if recorded is not None else None
        outcome += (_listed(stage, vouched),)
    try:
        send.send(outcome)
    except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
        send.send(("raised", RuntimeError(f"search index: {outcome[1]!r} ({type(exc).__name__})")))
    send.close()
