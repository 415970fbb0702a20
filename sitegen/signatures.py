"""Stat signatures of input files: a file whose signature is unchanged is not read again.

Reading and hashing every content file is most of a rebuild's input work on a large site
(10,000 articles: ~110 MB read each build). :class:`SourceIndex` remembers, for every input
file it hashed, the file's stat signature ``(size, mtime_ns, ctime_ns, inode, device)`` and the
digest of its bytes; a file whose signature is the same is not read again (Git's index does
the same, see git's Documentation/technical/racy-git.txt).

A signature taken less than :data:`RACY_NS` before the file's last change proves nothing: a
second write within the file system's timestamp granularity leaves the same ``mtime_ns`` (and,
with the same length, the same size). Such "racy" entries are hashed again by the next build,
until the file has been still long enough.
"""

from __future__ import annotations

import os
import pickle
import stat
import time
from pathlib import Path
from typing import Iterable

from sitegen.cache import _write_atomic, read_entry, unreadable_entry
from sitegen.digests import digest

#: A signature recorded less than this long (ns) after the file's mtime or ctime is not trusted.
RACY_NS = 2_000_000_000
#: First element of the stored pickle; changes whenever the layout does.
_FORMAT = "sitegen-source-index 2"  # 2: SHA-256 digests (sitegen.digests)

Signature = tuple[int, int, int, int, int]
#: What :meth:`SourceIndex.given_digests` finds for a path not asked yet (``None`` is a digest's absence).
_NOT_GIVEN = object()


def signature(info: os.stat_result) -> Signature:
    """``(size, mtime_ns, ctime_ns, inode, device)`` of a stat result."""
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


def _trusted(known: tuple[Signature, str, int], info: os.stat_result) -> bool:
    """Whether the entry ``known`` still gives the digest of the file ``info`` describes: the
    same signature, recorded at least :data:`RACY_NS` after the file's last change."""
    return known[0] == signature(info) and known[2] - RACY_NS > max(info.st_mtime_ns, info.st_ctime_ns)


class SourceIndex:
    """Digests of input files by path, trusted while their stat signature is unchanged.

    ``entries`` maps a path (as given, ``str``) to ``(signature, digest, recorded_ns)``,
    where ``recorded_ns`` is the wall clock (``time.time_ns``) before the file was stat'ed.
    Only the entries looked up since :meth:`load` are saved (files gone from the site drop out).
    """

    def __init__(self, entries: dict[str, tuple[Signature, str, int]] | None = None):
        self.entries = entries or {}
        self.used: dict[str, tuple[Signature, str, int]] = {}
        #: What :meth:`file_digest` last gave for each ``(path, max_bytes)`` in this process.
        self._given: dict[tuple[str, int | None], str | None] = {}
        #: ``(path, bytes)`` of the file :meth:`file_digest` read last, until :meth:`take_read`.
        self._read: tuple[str, bytes] | None = None
        #: Whether :meth:`file_digest` read a file's bytes in this process (made an entry anew).
        self.read_files = False

    def __getstate__(self) -> dict:
        # A worker looks at its files itself.
        return {**self.__dict__, "_given": {}, "_read": None, "read_files": False}

    @classmethod
    def load(cls, path: Path, warnings: list | None = None) -> "SourceIndex":
        """The index saved at ``path``; an empty one when it is missing or damaged (every file
        is then read once). Anything but a regular file there (a link, folder or FIFO) is
        removed, never followed nor waited on, with a ``cache-corrupt`` warning added to
        ``warnings`` (:func:`sitegen.cache.read_entry`)."""
        data = read_entry(path, warnings)
        if data is None:
            return cls()
        try:
            kind, entries = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a damaged index only costs reading the files
            unreadable_entry(path, warnings)
            return cls()
        if kind != _FORMAT or not isinstance(entries, dict):  # an earlier version's
            return cls()
        return cls(entries)

    def save(self, path: Path) -> None:
        """Write the entries used by this build to ``path`` (atomically)."""
        _write_atomic(path, pickle.dumps((_FORMAT, self.used), protocol=pickle.HIGHEST_PROTOCOL))

    def given_digest(self, path: str, max_bytes: int | None = None) -> str | None:
        """What :meth:`file_digest` gave for ``path`` and ``max_bytes`` earlier in this process
        (the file as it was then, not looked at again: a build digests its inputs, then finds
        its articles in the cache by the same digests, ~10,000 ``stat`` calls fewer at 10,000
        articles); :meth:`file_digest` now when it was not asked yet. Raises nothing."""
        try:
            return self._given[(path, max_bytes)]
        except KeyError:
            return self.file_digest(path, max_bytes)

    def given_digests(self, paths: Iterable[str], max_bytes: int | None = None) -> list[str | None]:
        """:meth:`given_digest` of each of ``paths`` (strings), in order: the same digests and
        entries, an unchanged file's in one loop without a call (10,000 unchanged content files:
        ~48 ms where a call each took ~59 ms, most of both the ``stat`` calls; :func:`_trusted`
        decides for both). Raises nothing."""
        given, used, entries = self._given, self.used, self.entries
        stat_of, is_file = os.stat, stat.S_ISREG
        found_all: list[str | None] = []
        for path in paths:
            key = (path, max_bytes)
            found = given.get(key, _NOT_GIVEN)
            if found is _NOT_GIVEN:
                try:
                    info = stat_of(path)
                except OSError:
                    info = None
                known = (used.get(path) or entries.get(path)) if info is not None else None
                if (known is not None and is_file(info.st_mode)
                        and (max_bytes is None or info.st_size <= max_bytes) and _trusted(known, info)):
                    used[path] = known
                    found = given[key] = known[1]
                else:  # new, changed, racy or not a file: looked at in full (stat'ed again)
                    found = self.file_digest(path, max_bytes)
            found_all.append(found)
        return found_all

    def seen(self, path: str, max_bytes: int | None = None) -> tuple[str | None, tuple[Signature, str, int] | None]:
        """``(digest, entry)`` of ``path`` as :meth:`file_digest` last gave it in this process
        (asking it now when it was not asked yet) with the entry it recorded (``None`` when the
        file could not be digested): for :meth:`adopt` in another process. Raises nothing."""
        found = self.given_digest(path, max_bytes)
        return found, self.used.get(path) if found is not None else None

    def adopt(self, path: str, max_bytes: int | None, seen: tuple[str | None, tuple[Signature, str, int] | None]) -> None:
        """Take what another process's index :meth:`seen` of ``path`` (a worker that loaded the
        file): :meth:`given_digest` gives that digest here, and the entry is saved with this
        index's. Raises nothing."""
        found, entry = seen
        self._given[(path, max_bytes)] = found
        if entry is not None:
            self.used[path] = entry

    def file_digest(self, path: str, max_bytes: int | None = None) -> str | None:
        """The digest (:func:`sitegen.digests.digest`) of the bytes of the file at ``path``
        (symlinks followed, as a reader would), read only when its signature changed or is
        racy. ``None`` for what is not a regular file, is larger than ``max_bytes`` or cannot
        be read. Raises nothing."""
        found = self._given[(path, max_bytes)] = self._file_digest(path, max_bytes)
        return found

    def _file_digest(self, path: str, max_bytes: int | None) -> str | None:
        now = time.time_ns()
        try:
            info = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or (max_bytes is not None and info.st_size > max_bytes):
            return None
        sig = signature(info)
        known = self.used.get(path) or self.entries.get(path)
        if known is not None and _trusted(known, info):
            self.used[path] = known
            return known[1]
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        found = digest(data)
        self.used[path] = (sig, found, now)
        self._read = (path, data)
        self.read_files = True
        return found

    def learnt(self) -> tuple:
        """What :meth:`file_digest` found in this process, for :meth:`adopt_learnt` in the
        process this one was forked from (whose index was this one when it forked): every
        digest given, the entries that are not the loaded ones (a file read anew; an unchanged
        file's entry is the very object :meth:`load` made, so it is named, not sent) and
        whether any file was read. Plain data, ~1 MB at 10,000 articles. The bytes of the file
        read last are not sent (they may be a large asset's): the process that loads a file
        reads it itself (:meth:`file_digest` then digests what it loads)."""
        entries = self.entries
        fresh = {path: entry for path, entry in self.used.items() if entries.get(path) is not entry}
        return list(self._given.items()), fresh, self.read_files

    def adopt_learnt(self, learnt: tuple) -> None:
        """Take :meth:`learnt` of a forked copy of this index: this index then gives the same
        digests and saves the same entries as that copy would. Taking one's own is harmless.
        Raises nothing for the value :meth:`learnt` gives."""
        given, fresh, read_files = learnt
        entries, used, remembered = self.entries, self.used, self._given
        for key, found in given:
            remembered[key] = found
            if found is not None:
                path = key[0]
                entry = fresh.get(path) or used.get(path) or entries.get(path)
                if entry is not None:
                    used[path] = entry
        self.read_files = self.read_files or read_files

    def take_read(self, path: str) -> bytes | None:
        """The bytes of ``path`` that :meth:`file_digest` read and digested, when it was the last
        file it read (its signature was new or racy); given once, then let go. ``None`` when the
        digest came from the index or another file was read since. A caller that loads the file
        from these bytes loads what its digest names, and does not read it twice (a clean build:
        ~10,000 files). Raises nothing."""
        read, self._read = self._read, None
        return read[1] if read is not None and read[0] == path else None
