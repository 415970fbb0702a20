"""Which output folder a build may replace, and what proves a folder is a sitegen output.

:func:`check_output_dir` refuses folders whose replacement would destroy something else; the
:data:`MARKER` file every build leaves in its output lists the files it wrote, and
:func:`verify_marker` accepts a non-empty folder only when that list proves it is sitegen's
(:func:`check_marker`: a quick look at its first lines).
Paths inside the output are plain relative names (:func:`is_safe_relative`); a folder a
build made beside the output is removed without following links (:func:`discard`).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

from sitegen.errors import Diagnostic, SitegenError


#: Written into every output folder: :data:`MARKER_HEADER`, then the files the build wrote (one
#: relative POSIX path a line). A folder is replaced only when it is empty or its marker proves
#: it is a sitegen output (see :func:`verify_marker`); files in it that the list does not name
#: (a CNAME, a .git folder) were added by someone else and are carried over.
MARKER = ".sitegen-output"
#: First line of :data:`MARKER`; the number changes if the format does.
MARKER_HEADER = "# sitegen-output 1"


def check_output_dir(output: Path, content: Path, project: Path, marker: bool = True) -> None:
    """Refuse an output folder whose replacement would destroy something else.

    Raises :class:`SitegenError` (``output-dir``) when ``output`` is a symbolic link (to a
    folder or dangling: the swap would replace the link by a real folder), an existing file,
    ``/``, the home folder, the project folder, the content folder, inside the content,
    static or templates folder, holds the content, project or home folder, is a folder this
    process may not write in, or (with ``marker``) is a non-empty folder that :func:`verify_marker`
    does not accept.
    """
    if output.is_symlink():
        raise SitegenError(Diagnostic(path=str(output), code="output-dir",
                                      message=f"{output} is a symbolic link; give --output the real folder",
                                      hint="pass the folder the link points to, or remove the link"))
    out = output.resolve()
    home = Path.home().resolve()
    protected = {Path("/"), home, project.resolve(), content.resolve()}
    reason = None
    if output.exists() and not output.is_dir():
        reason = "is an existing file, not a folder"
    elif out in protected:
        reason = "is the root, home, project or content folder"
    elif any(p.is_relative_to(out) for p in (content.resolve(), project.resolve(), home)):
        reason = "contains the content, project or home folder"
    elif out.is_relative_to(content.resolve()):
        reason = "is inside the content folder"
    elif out.is_relative_to((project / "static").resolve()):
        reason = "is inside the static folder (it would be copied into itself on every build)"
    elif out.is_relative_to((project / "templates").resolve()):
        reason = "is inside the templates folder (the built pages would be read as templates)"
    if reason:
        raise SitegenError(Diagnostic(path=str(output), code="output-dir", message=f"refusing output folder: it {reason}",
                                      hint="choose a separate folder such as public/"))
    if output.is_dir() and not os.access(output, os.W_OK | os.X_OK):
        # The new site replaces the folder whole (a rename, which its mode does not stop), but
        # the old one could then be neither kept as the spare tree nor deleted: it would be
        # left beside the output. A read-only output is refused before anything is written.
        raise SitegenError(Diagnostic(path=str(output), code="output-dir",
                                      message="refusing output folder: it is read-only; nothing written",
                                      hint=f"make it writable (chmod u+w {output}) or choose another folder"))
    if marker:
        verify_marker(output)


#: What a build records of the :data:`MARKER` it left: ``(device, inode, size, mtime_ns, ctime_ns)``.
MarkerIdentity = tuple[int, int, int, int, int]


def marker_identity(output: Path) -> MarkerIdentity | None:
    """The identity of ``output``'s :data:`MARKER` (not followed if a link); ``None`` when it
    is not a regular file."""
    try:
        info = os.lstat(output / MARKER)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def verify_marker(output: Path, written: MarkerIdentity | None = None) -> set[str]:
    """The files the previous build listed in ``output``'s :data:`MARKER`, once it proves the
    folder is a sitegen output: the marker is a regular file starting with
    :data:`MARKER_HEADER`, lists at least one file, and every listed path is safe (relative, no
    ``..``) and present as a regular file. A missing or empty folder gives an empty set.

    Raises :class:`SitegenError` (``output-dir``) for a non-empty folder without a marker or
    with one that proves nothing (an empty marker, a missing header, a listed file gone).
    ``written`` is the identity (:func:`marker_identity`) of the marker the last build wrote
    there: a marker that still has it is that very file, never moved (a rename or a new link
    changes the ctime) nor rewritten, so the folder holding it is that build's output and its
    lines were written safe — they are not checked again (~35,000 lines and lstat calls at
    10,000 articles). :class:`sitegen.writer.StagedOutput` checks so under the output's lock,
    before anything is written or removed; :func:`check_marker` is the quick look before.
    """
    if _proven_empty(output):
        return set()
    marker = output / MARKER
    problem = None if isinstance(written, tuple) and marker_identity(output) == written else \
        _marker_problem(output, marker)
    if problem:
        raise _unproven(output, marker, problem)
    return set(marker.read_text(encoding="utf-8").splitlines()[1:])


class RealFolders:
    """The folders below ``root`` (a path string, itself taken as a real folder: an output
    folder is never a link, :func:`check_output_dir`) that are real folders under real ones, as
    :meth:`holds` finds them: one ``lstat`` a step, never following a link, each step looked at
    once (kept for a build: ~15,700 folders at 10,000 articles when every page is taken from the
    last output)."""

    def __init__(self, root: str):
        self.root = root
        self._real: set[str] = set()

    def holds(self, folder: str) -> bool:
        """Whether the relative POSIX folder ``folder`` (a safe relative path; ``""`` the root)
        and each folder above it below the root is a real folder, not a link."""
        if not folder or folder in self._real:
            return True
        if not self.holds(folder.rpartition("/")[0]):
            return False
        try:
            if not stat.S_ISDIR(os.lstat(f"{self.root}/{folder}").st_mode):
                return False
        except OSError:
            return False
        self._real.add(folder)
        return True


def check_marker(output: Path) -> None:
    """The quick look of :func:`verify_marker` before a build's work: the same errors for a
    folder without a marker, or whose marker's first line is not :data:`MARKER_HEADER` or
    lists no file; only its first two lines are read (not the ~35,000 at 10,000 articles, nor
    each listed path)."""
    if not _proven_empty(output):
        problem = _marker_problem(output, output / MARKER, listed=False)
        if problem:
            raise _unproven(output, output / MARKER, problem)


def _proven_empty(output: Path) -> bool:
    """Whether ``output`` is missing or an empty folder; raises ``output-dir`` for a non-empty
    one without a :data:`MARKER`."""
    if not output.is_dir() or not any(output.iterdir()):
        return True
    marker = output / MARKER
    if not marker.exists() and not marker.is_symlink():
        raise SitegenError(Diagnostic(path=str(output), code="output-dir",
                                      message="refusing to replace a folder that holds files sitegen did not write",
                                      hint="choose an empty or new folder, or empty this one yourself"))
    return False


def _unproven(output: Path, marker: Path, problem: str) -> SitegenError:
    return SitegenError(Diagnostic(
        path=str(marker), code="output-dir",
        message=f"refusing to replace {output}: its {MARKER} file does not prove it is a sitegen output ({problem})",
        hint="if the folder is yours, choose another --output; if it is an old sitegen output, delete it yourself"))


#: The most of a line :func:`check_marker` reads (bytes): a longer first line is no header.
_LINE_LIMIT = 1 << 16


def _marker_problem(output: Path, marker: Path, listed: bool = True) -> str | None:
    """Why ``marker`` does not prove ``output`` is a sitegen output, or ``None`` when it does
    (``listed`` false: its header and first listed line only, see :func:`check_marker`)."""
    if marker.is_symlink() or not marker.is_file():
        return "it is not a regular file"
    try:
        if listed:
            lines = marker.read_text(encoding="utf-8").splitlines()
        else:
            with open(marker, "rb") as handle:
                head = handle.readline(_LINE_LIMIT) + handle.readline(_LINE_LIMIT)
            lines = head.decode("utf-8").splitlines()[:2]
    except (UnicodeDecodeError, OSError):
        return "it cannot be read as UTF-8 text"
    if not lines or lines[0] != MARKER_HEADER:
        return f"its first line is not {MARKER_HEADER!r}"
    if len(lines) < 2:
        return "it lists no files"
    if not listed:
        return None
    root = os.fspath(output)
    for relative in lines[1:]:
        if not is_safe_relative(relative):
            return f"it lists an unsafe path {relative!r}"
        try:
            mode = os.lstat(os.path.join(root, relative)).st_mode  # a safe relative path: plain names
        except OSError:
            return f"the listed file {relative} is missing"
        if not stat.S_ISREG(mode):
            return f"the listed file {relative} is not a regular file"
    return None


def is_safe_relative(relative: str) -> bool:
    """A relative POSIX path of plain names: no empty, ``.`` or ``..`` part (so no ``//`` or
    leading ``/``), no NUL, no backslash. Five substring searches of the path framed by
    slashes (a part is empty, ``.`` or ``..`` exactly when ``//``, ``/./`` or ``/../`` occurs
    in it): ~0.7 µs for a 100-character path, where one regular expression took ~5 µs, and
    it runs ~46,000 times in an edit's build at 10,000 articles. A name may end with a newline."""
    framed = f"/{relative}/"
    return not ("//" in framed or "/./" in framed or "/../" in framed or "\x00" in relative or "\\" in relative)


#: Longest file or folder name ext4, XFS, Btrfs and APFS hold (``NAME_MAX``), in UTF-8 bytes.
MAX_NAME_BYTES = 255
#: Longest path a system call takes on Linux (``PATH_MAX``, ``<linux/limits.h>``), in bytes,
#: its closing NUL included: a path of 4096 bytes or more gives ``ENAMETOOLONG``.
MAX_PATH_BYTES = 4096


def path_refusal(relative: str, root_bytes: int = 0) -> str | None:
    """Why the file system would refuse the relative POSIX output path ``relative`` (a page, a
    redirect page, a resized image, a static or content file), or ``None`` when it fits: a name
    of it longer than :data:`MAX_NAME_BYTES`, or the whole path, under a folder whose own path
    takes ``root_bytes`` (its closing ``/`` included: :func:`sitegen.writer.longest_root`), as
    long as :data:`MAX_PATH_BYTES` or longer. Lengths are UTF-8 bytes, as Linux counts them.
    The one rule for every output path, so one file too long is left out with its own warning
    instead of stopping the build at its write (``File name too long``)."""
    data = relative.encode("utf-8", "surrogatepass")
    if len(data) > MAX_NAME_BYTES:  # else no name of it can be too long
        for name in data.split(b"/"):
            if len(name) > MAX_NAME_BYTES:
                shown = name[:60].decode("utf-8", "ignore")
                return (f"its name {shown}… is {len(name)} bytes long; the file system holds at most "
                        f"{MAX_NAME_BYTES} bytes a name")
    if root_bytes + len(data) >= MAX_PATH_BYTES:
        return (f"its path in the output folder is {root_bytes + len(data)} bytes long; the system takes "
                f"at most {MAX_PATH_BYTES - 1} bytes a path")
    return None


def is_real_folder(path: Path) -> bool:
    """Whether ``path`` is a folder itself, not a symbolic link to one (nor anything else);
    ``False`` when nothing is there or it cannot be looked at."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def open_regular(path: Path) -> int | None:
    """A descriptor reading ``path`` when it is a regular file; ``None`` when it is anything
    else (a link, not followed; a folder, FIFO, device or socket, never opened or, swapped in
    since the look, opened without blocking and closed). Raises ``FileNotFoundError`` when
    missing, ``OSError`` when it cannot be read."""
    if not stat.S_ISREG(os.lstat(path).st_mode):
        return None
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a link swapped in since the look
            return None
        raise
    if stat.S_ISREG(os.fstat(handle).st_mode):
        return handle
    os.close(handle)
    return None


def discard(path: Path) -> None:
    """Delete a folder this build (or a killed one, per the journal) made, with its files;
    a symlink or file is unlinked itself (whatever it points to is never touched)."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
