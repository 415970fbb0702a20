"""One build at a time per output folder, and a journal of the staging folders it made.

The lock is an OS file lock (``fcntl.flock``, released by the kernel when the process ends,
however it ends) on a file beside the output folder, never inside it:
``.NAME.sitegen-lock`` for an output folder ``NAME``. The same file holds a journal of the
folders the build holding the lock created beside the output (its staging folder, the old
site moved aside), each with the device and inode it had. A later build may remove or
restore only a folder that the journal names *and* whose device and inode still match: that
is how the leftovers of a killed build are recognised as sitegen's own, while a folder
someone else placed there under a similar name is never adopted or deleted.

The lock file is left in place after the build: deleting it would let a third build lock a
new file while a second still waits on the old one.

A forked worker process (the render pool) inherits the locked descriptor, and ``flock`` holds
until every copy is closed: a worker outliving a killed build would keep the next build out
(``output-locked``). So each forked child closes its copies at once (``os.register_at_fork``);
the parent's lock is unaffected.

The build cache (:mod:`sitegen.cache`, ``.sitegen-cache/``) is shared by every output folder
in the same parent folder, so the output's lock cannot guard it: :class:`CacheLock` is a second
lock of the same kind (``flock``, non-blocking, closed in forked children) that a build takes
before it reads, empties or writes anything in the cache, and holds until it ends. It locks the
parent folder itself (the one folder every build sharing that cache has in common and that no
build deletes or replaces), so it writes no file.
"""

from __future__ import annotations

import fcntl
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import Diagnostic, SitegenError

#: First line of the lock file; a non-empty file without it is not sitegen's and is refused.
LOCK_HEADER = "sitegen-lock 1"
#: Descriptors of the locks this process holds (closed in forked children).
_held: set[int] = set()


def _close_in_child() -> None:
    for fd in _held:
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)


def _take(fd: int) -> bool:
    """Lock the open file or folder ``fd`` exclusively without waiting; ``False`` when another
    open file description (another build) holds it. The lock is registered to be closed in
    forked children."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    _held.add(fd)
    return True


def _release(fd: int) -> None:
    _held.discard(fd)
    os.close(fd)  # closing releases the flock


def lock_path(output: Path) -> Path:
    """The lock file of ``output``: ``.NAME.sitegen-lock`` in the same parent folder."""
    return output.parent / f".{output.name}.sitegen-lock"


@dataclass(frozen=True)
class JournalEntry:
    """A folder beside the output made by a sitegen build: its name and its (device, inode)."""

    name: str
    device: int
    inode: int


class OutputLock:
    """An exclusive, non-blocking lock on one output folder with its staging journal.

    Use as a context manager. Entering raises :class:`SitegenError` (``output-locked``) when
    another build holds the lock, and (``output-dir``) when the lock path is a symlink, a
    folder, or a file that sitegen did not write. :class:`OSError` propagates when the lock
    file cannot be created (read-only parent folder).
    """

    def __init__(self, output: Path):
        self.output = output
        self.path = lock_path(output)
        self._fd: int | None = None

    def __enter__(self) -> "OutputLock":
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            if not (self.path.is_symlink() or self.path.is_dir()):
                raise
            raise SitegenError(self._not_ours("is a symbolic link or a folder")) from exc
        if not _take(fd):
            os.close(fd)
            raise SitegenError(Diagnostic(
                path=str(self.output), code="output-locked", message=f"another build is writing {self.output}",
                hint="wait for it to finish (or stop it), then build again"))
        self._fd = fd
        if self._read() and not self._read().startswith(LOCK_HEADER + "\n"):
            self.__exit__(None, None, None)
            raise SitegenError(self._not_ours("is a file sitegen did not write"))
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._fd is not None:
            _release(self._fd)
            self._fd = None

    def _not_ours(self, what: str) -> Diagnostic:
        return Diagnostic(path=str(self.path), code="output-dir", message=f"the output's lock file {what}",
                          hint="move it away; sitegen keeps a lock file of this name beside the output folder")

    def _read(self) -> str:
        assert self._fd is not None
        os.lseek(self._fd, 0, os.SEEK_SET)
        chunks = []
        while chunk := os.read(self._fd, 65536):
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8", errors="replace")

    def _write(self, entries: list[JournalEntry]) -> None:
        assert self._fd is not None
        text = LOCK_HEADER + "\n" + "".join(f"{e.device} {e.inode} {e.name}\n" for e in entries)
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, text.encode("utf-8"))

    def entries(self) -> list[JournalEntry]:
        """The journal: folders made beside the output by builds that held this lock."""
        found = []
        for line in self._read().splitlines()[1:]:
            device, _, rest = line.partition(" ")
            inode, _, name = rest.partition(" ")
            if device.isdigit() and inode.isdigit() and name and "/" not in name and name not in (".", ".."):
                found.append(JournalEntry(name, int(device), int(inode)))
        return found

    def record(self, name: str, folder: Path) -> None:
        """Journal that the folder now at ``folder`` (a real folder, not followed) may later be
        found under ``name`` beside the output and is sitegen's."""
        st = os.lstat(folder)
        self._write(self.entries() + [JournalEntry(name, st.st_dev, st.st_ino)])

    def clear(self) -> None:
        """Empty the journal (every journaled folder has been dealt with)."""
        self._write([])

    def owns(self, entry: JournalEntry) -> bool:
        """Whether the folder beside the output named by ``entry`` is still the one journaled:
        the same device and inode (an old output that was a symlink is journaled as that
        symlink, never as what it points to)."""
        try:
            st = os.lstat(self.output.parent / entry.name)
        except OSError:
            return False
        return (stat.S_ISDIR(st.st_mode) or stat.S_ISLNK(st.st_mode)) and (st.st_dev, st.st_ino) == (entry.device, entry.inode)


class CacheLock:
    """An exclusive, non-blocking lock on the build cache folder ``folder`` (a
    :func:`sitegen.cache.cache_folder`), held by a build for as long as it uses the cache.

    Use as a context manager. Entering creates the cache's parent folder when missing and locks
    it (``flock`` on the folder itself: every build whose cache is ``folder`` builds into that
    parent folder, and no file is written for the lock). It raises :class:`SitegenError`
    (``cache-locked``, naming ``folder``) when another build holds the lock, having touched
    nothing else; :class:`OSError` propagates when the parent folder cannot be created or opened.
    The lock ends with the block, or with the process however it ends; forked children close
    their copy at once, so a render worker never keeps it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._fd: int | None = None

    def __enter__(self) -> "CacheLock":
        parent = self.folder.parent
        parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        if not _take(fd):
            os.close(fd)
            raise SitegenError(Diagnostic(
                path=str(self.folder), code="cache-locked",
                message=f"another sitegen build is using the build cache {self.folder} "
                        "(a build into this output folder or another one beside it); nothing written",
                hint="wait for that build to end (or stop it), then build again"))
        self._fd = fd
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._fd is not None:
            _release(self._fd)
            self._fd = None
