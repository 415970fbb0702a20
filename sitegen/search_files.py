"""Files of the search index: each written whole in two system calls, read only when it is a
regular file (never through a link), and the small ASCII files the search stage keeps beside
a bundle, which start with a header line (:func:`headed_lines`)."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_file(path: str, data: bytes) -> None:
    """Write ``data`` as the file ``path`` (replacing one there, never through a symlink): one
    system call to open it and one to write, where ``Path.write_bytes`` goes through a buffered
    file object."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file, not followed if it is a link (``False`` when it
    cannot be looked at)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def headed_lines(path: Path, header: str) -> list[str] | None:
    """The lines after the first of the ASCII file ``path`` when that one is ``header``;
    ``None`` when ``path`` is no regular file, cannot be read, or starts otherwise."""
    try:
        if not regular_file(path):
            return None
        lines = path.read_text(encoding="ascii").splitlines()
    except (OSError, ValueError):
        return None
    return lines[1:] if lines and lines[0] == header else None
