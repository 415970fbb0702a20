"""Atomic, contained writing of the output folder.

Every file goes into a staging folder that this build creates beside the output folder
(``tempfile.mkdtemp``, same file system); only a complete build is swapped in, with one atomic
``renameat2(RENAME_EXCHANGE)`` on Linux (else two renames). So a build that fails or is killed
at any moment leaves the previous site whole.

What keeps writes inside the output and other people's files alive:

- one build at a time per output folder (:class:`sitegen.output_lock.OutputLock`, an OS file
  lock beside the output); its journal names the folders this build made, so the leftovers of
  a killed build are removed (or an old site moved aside is put back) by the next one, and a
  folder that merely looks like a staging folder is never adopted or deleted;
- a folder is replaced only when it is empty or its :data:`MARKER` proves it is a sitegen output;
- files someone else added to the output are carried over into the new site as hard links (or
  copies), but symbolic links and special files are dropped with a warning, never followed;
- the staging folder holds only real folders and files, and every path written is checked
  to stay inside it.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path, PurePosixPath

from sitegen.errors import Diagnostic, Severity, SitegenError
from sitegen.output_lock import OutputLock

_RENAME_EXCHANGE = 2
#: How :meth:`StagedOutput.write` opens a file: made anew, never through a link.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_AT_FDCWD = -100
#: A folder's recorded identity is trusted only when its last change is this much older than the
#: recording (nanoseconds): a change made later is then sure to give it another modification time,
#: even on file systems whose clock is coarse.
SETTLED_NS = 2_000_000_000

#: What a build records of the output it leaves, for the next build's :func:`carry_over_foreign`:
#: ``({relative folder: (device, inode, mtime_ns) or None when not settled}, relative paths carried over)``.
KnownFolders = tuple[dict[str, "tuple[int, int, int] | None"], frozenset[str]]


#: Written into every output folder: :data:`MARKER_HEADER`, then the files the build wrote (one
#: relative POSIX path a line). A folder is replaced only when it is empty or its marker proves
#: it is a sitegen output (see :func:`verify_marker`); files in it that the list does not name
#: (a CNAME, a .git folder) were added by someone else and are carried over.
MARKER = ".sitegen-output"
#: First line of :data:`MARKER`; the number changes if the format does.
MARKER_HEADER = "# sitegen-output 1"


def _stage_prefix(output: Path) -> str:
    return f".{output.name}.sitegen-"


def check_output_dir(output: Path, content: Path, project: Path, marker: bool = True) -> None:
    """Refuse an output folder whose replacement would destroy something else.

    Raises :class:`SitegenError` (``output-dir``) when ``output`` is a symbolic link (to a
    folder or dangling: the swap would replace the link by a real folder), an existing file,
    ``/``, the home folder, the project folder, the content folder, inside the content,
    static or templates folder, holds the content, project or home folder, or (with ``marker``) is a
    non-empty folder that :func:`verify_marker` does not accept.
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


def verify_marker(output: Path, listed: bool = True, written: MarkerIdentity | None = None) -> set[str]:
    """The files the previous build listed in ``output``'s :data:`MARKER`, once it proves the
    folder is a sitegen output: the marker is a regular file starting with
    :data:`MARKER_HEADER`, lists at least one file, and every listed path is safe (relative, no
    ``..``) and present as a regular file. A missing or empty folder gives an empty set.

    Raises :class:`SitegenError` (``output-dir``) for a non-empty folder without a marker or
    with one that proves nothing (an empty marker, a missing header, a listed file gone).
    ``listed`` false looks only at the header and that some file is listed, not at each
    listed path nor for each listed file (a quick check before a build's work: ~35,000 lines
    at 10,000 articles; :class:`StagedOutput` checks in full under the output's lock before
    anything is written or removed). ``written`` is the
    identity (:func:`marker_identity`) of the marker the last build wrote there: a marker that
    still has it is that very file, never moved (a rename or a new link changes the ctime) nor
    rewritten, so the folder holding it is that build's output and its lines were written
    safe — they are not checked again (~35,000 lines and lstat calls at 10,000 articles).
    """
    if not output.is_dir() or not any(output.iterdir()):
        return set()
    marker = output / MARKER
    if not marker.exists() and not marker.is_symlink():
        raise SitegenError(Diagnostic(path=str(output), code="output-dir",
                                      message="refusing to replace a folder that holds files sitegen did not write",
                                      hint="choose an empty or new folder, or empty this one yourself"))
    problem = None if isinstance(written, tuple) and marker_identity(output) == written else \
        _marker_problem(output, marker, listed)
    if problem:
        raise SitegenError(Diagnostic(
            path=str(marker), code="output-dir",
            message=f"refusing to replace {output}: its {MARKER} file does not prove it is a sitegen output ({problem})",
            hint="if the folder is yours, choose another --output; if it is an old sitegen output, delete it yourself"))
    return set(marker.read_text(encoding="utf-8").splitlines()[1:])


def _marker_problem(output: Path, marker: Path, listed: bool = True) -> str | None:
    """Why ``marker`` does not prove ``output`` is a sitegen output, or ``None`` when it does
    (``listed`` false: its header and first listed line only, see :func:`verify_marker`)."""
    if marker.is_symlink() or not marker.is_file():
        return "it is not a regular file"
    try:
        lines = marker.read_text(encoding="utf-8").splitlines()
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
        if not _is_safe_relative(relative):
            return f"it lists an unsafe path {relative!r}"
        try:
            mode = os.lstat(os.path.join(root, relative)).st_mode  # a safe relative path: plain names
        except OSError:
            return f"the listed file {relative} is missing"
        if not stat.S_ISREG(mode):
            return f"the listed file {relative} is not a regular file"
    return None


def _is_safe_relative(relative: str) -> bool:
    """A relative POSIX path of plain names: no empty, ``.`` or ``..`` part (so no ``//`` or
    leading ``/``), no NUL, no backslash. Five substring searches of the path framed by
    slashes (a part is empty, ``.`` or ``..`` exactly when ``//``, ``/./`` or ``/../`` occurs
    in it): ~0.7 µs for a 100-character path, where one regular expression took ~5 µs, and
    it runs ~46,000 times in an edit's build at 10,000 articles. A name may end with a newline."""
    framed = f"/{relative}/"
    return not ("//" in framed or "/./" in framed or "/../" in framed or "\x00" in relative or "\\" in relative)


class PageWriter:
    """Writes files into a staging folder (``stage``, a path string) by relative POSIX path:
    :class:`StagedOutput`'s writes, in whatever process holds a copy (render workers write the
    pages they render; the main process notes them with :meth:`StagedOutput.written_elsewhere`).
    ``reused_spare``: the staging folder started as the spare tree (most folders exist).
    Only real folders are made or walked through, and no file is ever written through a link.
    The folders made or checked are remembered per copy; two processes making one folder at
    once is harmless (the second finds it)."""

    def __init__(self, stage: str, reused_spare: bool):
        self.stage = stage
        self.reused_spare = reused_spare
        self._real_dir_names: set[str] = {stage} if stage else set()  # ~15,000 at 10,000 articles

    def folders_for(self, relative: str) -> str:
        """The staging path (a string) of the safe relative path ``relative``, with the folders
        on the way made real."""
        path = f"{self.stage}/{relative}"  # a safe relative path: plain names
        self.real_folder(path.rpartition("/")[0])
        return path

    def write(self, relative: str, data: bytes) -> tuple[int, int, int, int]:
        """Write ``data`` to ``relative`` (POSIX) in the staging folder; returns the new file's
        ``(inode, size, mtime_ns, ctime_ns)`` (from the open file: no second look-up). Raises
        :class:`SitegenError` (``output-path``) for an unsafe path or a file or link where a
        folder must be, ``OSError`` when the file cannot be written. The file is created anew
        (``O_CREAT | O_EXCL | O_NOFOLLOW``): in a fresh staging folder that is one system call,
        with no look for a file first; a file or link already there (from the spare tree, or
        carried over) is unlinked and the file created again, so nothing is ever written
        through a link."""
        if not _is_safe_relative(relative):
            raise SitegenError(Diagnostic(path=relative, code="output-path", message="unsafe output path refused"))
        path = self.folders_for(relative)
        try:
            handle = os.open(path, _NEW_FILE, 0o666)
        except FileExistsError:
            if not os.path.isdir(path):
                os.unlink(path)
            handle = os.open(path, _NEW_FILE, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            info = os.fstat(handle)
        finally:
            os.close(handle)
        return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns

    def real_folder(self, folder: str) -> None:
        """Create ``folder`` (a path under the staging folder, as a string) and the folders on the
        way, refusing any step that is not a real folder (:class:`SitegenError` ``output-path``)."""
        if folder in self._real_dir_names:
            return
        if folder != self.stage:
            self.real_folder(folder.rpartition("/")[0])
        # The folder above is a real one (checked or made): ``mkdir`` makes this one there or
        # fails on whatever has the name (a link is not followed). A fresh staging folder holds
        # few folders yet, so it is made first; the spare tree holds most, so they are looked at.
        mode = None
        if not self.reused_spare:
            try:
                os.mkdir(folder)
            except FileExistsError:
                mode = os.lstat(folder).st_mode
        else:
            try:
                mode = os.lstat(folder).st_mode
            except FileNotFoundError:
                os.mkdir(folder)
        if mode is not None and not stat.S_ISDIR(mode):
            raise SitegenError(Diagnostic(path=folder, code="output-path",
                                          message="a file or link in the staging folder blocks this folder"))
        self._real_dir_names.add(folder)

    def trust_folders(self, folders) -> None:
        """Note ``folders`` (paths under the staging folder, as strings) as real folders checked
        already (by :meth:`StagedOutput._look_at_spare`, each above the next checked first)."""
        self._real_dir_names.update(folders)

    def forget_folder(self, folder: str) -> None:
        """Forget that ``folder`` (a path string) was made or checked: it was removed."""
        self._real_dir_names.discard(folder)


class StagedOutput:
    """Collects the files of one build in a staging folder, then swaps it in.

    Use as a context manager. Entering takes the output's lock (raises :class:`SitegenError`
    ``output-locked`` while another build holds it), cleans up after a killed build, checks the
    output with :func:`verify_marker` (under the lock, so the check and the swap see the same
    folder), creates the staging folder and carries foreign files over. Leaving the block with
    an exception removes the staging folder and keeps the old output untouched. ``warnings``
    lists what was dropped or left alone (symlinks in the output, look-alike staging folders).
    """

    def __init__(self, output: Path, spare: Path | None = None, known: KnownFolders | None = None,
                 marker: MarkerIdentity | None = None, spare_known: KnownFolders | None = None,
                 spare_marker: MarkerIdentity | None = None):
        self.output = output
        self.spare = spare
        self._known = known
        self._marker = marker
        #: What the build that made the spare tree recorded of it (its :attr:`known` and
        #: :attr:`marker`): the sweep of :meth:`commit` then lists only the folders changed since.
        self._spare_known = spare_known
        self._spare_marker = spare_marker
        #: After :meth:`commit`: the identity of the output's new :data:`MARKER`, for the next
        #: build's ``marker`` (see :func:`verify_marker`'s ``written``).
        self.marker: MarkerIdentity | None = None
        #: After :meth:`commit` of a build started from the spare tree: the new output's folders
        #: as its sweep saw them, and what it carried over (for the next build's ``known``).
        self.known: KnownFolders | None = None
        self.reused_spare = False
        self.stage: Path | None = None
        #: After :meth:`commit`: what the new output holds, as relative POSIX paths — the files
        #: this build wrote or kept (its marker's list) and what it carried over for others.
        self.files: set[str] = set()
        self.carried: set[str] = set()
        self.warnings: list[Diagnostic] = []
        self._written: set[str] = set()
        self._carried: set[str] = set()
        self._stage_name = ""  # the staging folder as a string, once made
        #: Writes the pages' files into the staging folder (once entered); a copy of it writes in
        #: a render worker (:meth:`written_elsewhere` notes what it wrote).
        self.pages = PageWriter("", False)
        #: ``(inode, size, mtime_ns, ctime_ns)`` of files of the staging folder as last seen
        #: (:meth:`reuse_staged`, :meth:`identity`), and of its folders but the top one as the
        #: sweep of :meth:`commit` left them: unchanged by the swap, so the record of the new
        #: output (:func:`sitegen.unchanged.output_identities`) need not look again.
        self.stats: dict[str, tuple[int, int, int, int]] = {}
        self._lock = OutputLock(output)
        #: The spare tree's recorded folders as :meth:`_look_at_spare` found them on entering:
        #: the real ones, and those still with their recorded identity (with their stats).
        self._spare_real: set[str] = set()
        self._spare_unchanged: dict[str, tuple[tuple[int, int, int], tuple[int, int, int, int]]] = {}
        #: Files the spare tree brought that this build kept as they were (:meth:`reuse_staged`).
        self._in_place: set[str] = set()
        #: :func:`_known_entries` of ``spare_known``, once made.
        self._spare_known_entries: tuple[dict, dict[str, list[str]], dict[str, list[str]]] | None = None

    def __enter__(self) -> "StagedOutput":
        parent = self.output.parent
        parent.mkdir(parents=True, exist_ok=True)
        self._lock.__enter__()
        try:
            self.warnings += _recover_interrupted(self.output, self._lock)
            ours = verify_marker(self.output, written=self._marker)
            self.stage = Path(tempfile.mkdtemp(prefix=_stage_prefix(self.output) + "new-", dir=parent))
            self._lock.record(self.stage.name, self.stage)
            self._adopt_spare()
            umask = os.umask(0o022)
            os.umask(umask)
            os.chmod(self.stage, 0o777 & ~umask)  # mkdtemp makes 0700: web servers could not read the site
            self._stage_name = os.fspath(self.stage)
            self.pages = PageWriter(self._stage_name, self.reused_spare)
            if self.reused_spare:
                self._look_at_spare()
            self.warnings += carry_over_foreign(self.output, self.stage, ours, self._carried, self._known)
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def _adopt_spare(self) -> None:
        """Start from the spare tree (the site before the previous one, kept by :meth:`commit`)
        instead of an empty staging folder: only what changed since then is written, and no
        folder of an unchanged page is made or removed. The spare takes the staging folder's
        name; the journal names it first, so a build killed at any point has it removed."""
        spare = self.spare
        if spare is None or self.stage is None:
            return
        try:
            if not stat.S_ISDIR(os.lstat(spare).st_mode) or spare.parent.is_symlink():
                return
        except OSError:
            return
        self._lock.record(self.stage.name, spare)
        os.rename(spare, self.stage)  # replaces the empty staging folder
        self.reused_spare = True

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.stage is not None:  # not committed
                shutil.rmtree(self.stage, ignore_errors=True)
                self.stage = None
                self._lock.clear()
        finally:
            self._lock.__exit__(exc_type, exc, tb)

    def target(self, relative: str) -> Path:
        """The staging path for a relative POSIX output path; refuses escapes and second writes.

        Every folder on the way is a real folder inside the staging folder (created if missing);
        a file already there (carried over, maybe a hard link into the old site) is unlinked
        first, so nothing outside the staging folder is ever written through.
        """
        path = self._claim(relative)
        self.stats.pop(relative, None)
        if os.path.lexists(path) and not os.path.isdir(path):
            os.unlink(path)
        return Path(path)

    def _claim(self, relative: str) -> str:
        """The staging path (a string) for the relative POSIX output path ``relative``, with the
        folders on the way made real; raises :class:`SitegenError` (``output-path``) for a path
        that could leave the staging folder and (``url-collision``) for a second write."""
        self._claim_name(relative)
        return self.pages.folders_for(relative)

    def _claim_name(self, relative: str) -> None:
        """Note ``relative`` as written by this build; raises :class:`SitegenError`
        (``output-path``) for an unsafe path and (``url-collision``) for a second write."""
        if not _is_safe_relative(relative):
            raise SitegenError(Diagnostic(path=relative, code="output-path", message="unsafe output path refused"))
        if relative in self._written:
            raise SitegenError(Diagnostic(path=relative, code="url-collision", message="two pages write this file"))
        self._written.add(relative)

    def write(self, relative: str, data: bytes) -> None:
        """Write ``data`` to ``relative`` (POSIX) in the staging folder, checked as :meth:`target`
        checks (:meth:`PageWriter.write`), and note the new file's identity in :attr:`stats`."""
        self._claim_name(relative)
        self.stats[relative] = self.pages.write(relative, data)

    def written_elsewhere(self, relative: str, identity: tuple[int, int, int, int]) -> None:
        """Note the file that a copy of :attr:`pages` in another process (a render worker)
        wrote at ``relative``, whose ``(inode, size, mtime_ns, ctime_ns)`` is ``identity``, as
        this build's; raises :class:`SitegenError` as :meth:`write` does (``url-collision``
        when the path was written already: the build then stops and the staging folder goes)."""
        self._claim_name(relative)
        self.stats[relative] = tuple(identity)

    def reuse_staged(self, relative: str, identity: tuple[int, int, int]) -> bool:
        """Leave the file at ``relative`` that the spare tree brought into the staging folder,
        if it is still the regular file with ``identity`` ``(inode, size, mtime_ns)`` (its bytes
        are then known to the caller). ``False`` (nothing done) otherwise."""
        if not self.reused_spare or not _is_safe_relative(relative) or relative in self._written:
            return False
        assert self.stage is not None
        path = f"{self._stage_name}/{relative}"  # a safe relative path: plain names
        try:
            info = os.lstat(path)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode) or (info.st_ino, info.st_size, info.st_mtime_ns) != tuple(identity):
            return False
        self.pages.real_folder(path.rpartition("/")[0])
        self._written.add(relative)
        self._in_place.add(relative)
        self.stats[relative] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        return True

    def keep(self, relative: str, identity: tuple[int, int, int]) -> bool:
        """Put the previous site's file at ``relative`` into the new one unchanged (a hard link,
        else a copy) instead of writing it again, if it is still the regular file the last build
        wrote: ``identity`` is its recorded ``(inode, size, mtime_ns)``. ``False`` (and nothing
        done) when it is not, so the caller writes the file."""
        old = self.output.joinpath(*PurePosixPath(relative).parts)
        if not _is_file_with(old, identity):
            return False
        path = self.target(relative)
        try:
            os.link(old, path, follow_symlinks=False)
        except OSError:
            shutil.copy2(old, path, follow_symlinks=False)
        return True

    def identity(self, relative: str) -> tuple[int, int, int]:
        """``(inode, size, mtime_ns)`` of a file written or kept in the staging folder; the same
        after :meth:`commit` (a rename keeps them). Also noted in :attr:`stats`."""
        found = self.stats.get(relative)
        if found is None:
            assert self.stage is not None
            info = os.lstat(os.path.join(self.stage, relative))  # written, so a safe relative path
            found = self.stats[relative] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        return found[:3]

    def copy_file(self, source: Path, relative: str) -> None:
        """Copy one file to ``relative`` (POSIX) in the output; it replaces a static file of that name."""
        self._written.discard(relative)
        self._in_place.discard(relative)
        shutil.copyfile(source, self.target(relative))

    def folder(self, relative_dir: str) -> Path:
        """The staging path of ``relative_dir``, made now as a real folder (every step checked
        as :meth:`target` does) for another tool to fill (the search index). Made before that
        tool starts, a folder shared with this build's own writes (``search/``) is never
        created by two threads at once. Raises :class:`SitegenError` ``output-path`` for an
        unsafe path or a file or link in the way."""
        if not _is_safe_relative(relative_dir):
            raise SitegenError(Diagnostic(path=relative_dir, code="output-path", message="unsafe output path refused"))
        assert self.stage is not None
        folder = f"{self._stage_name}/{relative_dir}"
        self.pages.real_folder(folder)
        return Path(folder)

    def adopt(self, relative_dir: str) -> list[str]:
        """Record the files another tool wrote under ``relative_dir`` of the staging folder (the
        search index) as written by this build, so the output's :data:`MARKER` lists them.
        Returns their relative paths, sorted; an absent folder adopts nothing. Symbolic links
        are neither adopted nor followed. Each file's identity is noted in :attr:`stats` (one
        ``scandir`` a folder and an ``lstat`` a file: ~20,000 files at 10,000 articles)."""
        assert self.stage is not None
        adopted: list[str] = []
        stats = self.stats

        def visit(folder: str, relative_folder: str) -> None:
            try:
                with os.scandir(folder) as scan:
                    entries = list(scan)
            except (FileNotFoundError, NotADirectoryError):
                return
            for entry in entries:
                relative = f"{relative_folder}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, relative)
                elif entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    stats[relative] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
                    adopted.append(relative)

        relative_dir = PurePosixPath(relative_dir).as_posix()
        visit(f"{self._stage_name}/{relative_dir}", relative_dir)
        adopted.sort()
        self._written.update(adopted)
        return adopted

    def commit(self) -> None:
        """Swap the staging folder in as the output folder and drop the old one."""
        assert self.stage is not None
        if self.reused_spare:
            self._remove_strays()
        self.files, self.carried = self._written | {MARKER}, set(self._carried)
        if self.known is not None:
            self.known = (self.known[0], frozenset(self.carried))
        listing = "".join(f"{p}\n" for p in sorted(self._written))
        (self.stage / MARKER).write_text(f"{MARKER_HEADER}\n{listing}", encoding="utf-8")
        if self.output.exists() or self.output.is_symlink():
            # Once exchanged, the stage's name holds the old site: journal that too.
            self._lock.record(self.stage.name, self.output)
            if _exchange(self.stage, self.output):
                self._keep_as_spare(self.stage)
            else:
                old = Path(tempfile.mkdtemp(prefix=_stage_prefix(self.output) + "old-", dir=self.output.parent))
                old.rmdir()
                self._lock.record(old.name, self.output)
                os.rename(self.output, old)
                os.rename(self.stage, self.output)
                self._keep_as_spare(old)
        else:
            os.rename(self.stage, self.output)
        self.stage = None
        self._lock.clear()
        self.marker = marker_identity(self.output)


    def _keep_as_spare(self, old_site: Path) -> None:
        """The replaced site becomes the spare tree of the next build (see :meth:`_adopt_spare`),
        or is deleted when no spare is wanted. Deleting a site is the slow part of a swap (a
        folder per page); keeping it costs one rename."""
        if self.spare is None:
            _discard(old_site)
            return
        if os.path.lexists(self.spare):
            _discard(self.spare)
        self.spare.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old_site, self.spare)

    def _remove_strays(self) -> None:
        """Delete what the spare tree brought that this build neither wrote nor kept nor carried
        over (pages no longer built, the old marker), then the folders left empty. Symbolic
        links are unlinked, never followed. Notes each folder left, with its identity once
        swept when it is settled (:data:`SETTLED_NS`), in :attr:`known`.

        A folder the spare tree's build recorded that still has that identity (and holds no
        stray) holds what it held then: it is not listed, and a subtree of such folders is not
        walked at all (:meth:`_look_at_spare` looked at each once, in one flat pass: ~15,700
        folders at 10,000 articles, of which a one-page edit changes a few dozen)."""
        assert self.stage is not None
        keep = self._written | self._carried
        settled = time.time_ns() - SETTLED_NS
        recorded, children, with_strays = self._spare_entries(keep)
        changed = self._changed_folders(keep) if recorded else set()
        unchanged = {relative: seen for relative, seen in self._spare_unchanged.items()
                     if relative not in with_strays and relative not in changed} if recorded else {}
        if self._carried:  # a file carried over may have replaced a folder (and what it held)
            unchanged = {relative: seen for relative, seen in unchanged.items()
                         if not _under_any(relative, self._carried)}
        # The folders above a recorded folder that changed: walked to reach it. Any other
        # unchanged folder's subtree is unchanged throughout (a new or removed entry changes
        # its folder's identity), so nothing in it is removed and it stays as recorded.
        above_changed: set[str] = set()
        for relative in recorded:
            if relative and relative not in unchanged:
                parent = relative.rpartition("/")[0]
                while parent and parent not in above_changed:
                    above_changed.add(parent)
                    parent = parent.rpartition("/")[0]
        folders: dict[str, tuple[int, int, int] | None] = {}
        for relative, (identity, stats) in unchanged.items():
            folders[relative] = identity
            self.stats[relative] = stats

        def sweep(folder: str, relative_folder: str) -> bool:
            """Sweep one folder; whether it is left empty."""
            if relative_folder in unchanged:
                # Unchanged since the spare tree's build swept it: it holds what it held
                # then, all of it kept but maybe a subfolder; nothing to list.
                removed = False
                for relative in children.get(relative_folder, ()):
                    if relative in unchanged and relative not in above_changed:
                        continue  # an unchanged subtree: left as it is
                    path = f"{folder}/{relative.rpartition('/')[2]}"
                    if sweep(path, relative) and relative not in keep:
                        os.rmdir(path)
                        del folders[relative]
                        self.stats.pop(relative, None)
                        self.pages.forget_folder(path)
                        removed = True
                if not removed:
                    return False
                with os.scandir(folder) as scan:
                    empty = next(scan, None) is None
                return note(folder, relative_folder, empty)
            left = 0
            with os.scandir(folder) as scan:
                entries = list(scan)
            for entry in entries:
                relative = f"{relative_folder}/{entry.name}" if relative_folder else entry.name
                if entry.is_dir(follow_symlinks=False):
                    if sweep(entry.path, relative) and relative not in keep:
                        os.rmdir(entry.path)
                        del folders[relative]
                        self.stats.pop(relative, None)
                        self.pages.forget_folder(entry.path)
                    else:
                        left += 1
                elif relative in keep:
                    left += 1
                else:
                    os.unlink(entry.path)
            return note(folder, relative_folder, left == 0)

        def note(folder: str, relative_folder: str, empty: bool) -> bool:
            """Record the swept folder's identity (when settled); returns ``empty``."""
            try:
                info = os.lstat(folder)
            except OSError:
                info = None
            if info is not None and stat.S_ISDIR(info.st_mode):
                folders[relative_folder] = (info.st_dev, info.st_ino, info.st_mtime_ns) if info.st_mtime_ns < settled else None
                if relative_folder:  # the top one gets the marker next
                    self.stats[relative_folder] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
            else:
                folders[relative_folder] = None
                self.stats.pop(relative_folder, None)
            return empty

        sweep(os.fspath(self.stage), "")
        folders[""] = None  # the marker is written into it next
        self.known = (folders, frozenset())

    def _look_at_spare(self) -> None:
        """Look once at each folder the spare tree's build recorded (:data:`KnownFolders`), when
        the staging folder still holds that build's :data:`MARKER`: top down, one ``lstat``
        each, never following a link. A folder whose parent is real (the top one is) and that
        is a real folder is noted as such (:attr:`pages` then makes and checks no folder there
        again: ~15,000 ``lstat`` calls at 10,000 articles), and as unchanged when it still has
        its recorded identity, for the sweep of :meth:`commit` (:meth:`_remove_strays`)."""
        assert self.stage is not None
        self._spare_known_entries = entries = _known_entries(self._spare_known)
        recorded, children, _ = entries
        marker = self._spare_marker
        if not recorded or not isinstance(marker, tuple) or marker_identity(self.stage) != marker:
            return
        root = self._stage_name
        real = {""}
        unchanged = self._spare_unchanged
        lstat, is_dir = os.lstat, stat.S_ISDIR
        # Down from the top through the recorded subfolders (plain relative paths only: a
        # damaged record's others are left out), each looked at once its parent is a real folder.
        pending = [""]
        while pending:
            for relative in children.get(pending.pop(), ()):
                try:
                    info = lstat(f"{root}/{relative}")  # a safe relative path: plain names
                except OSError:
                    continue
                if not is_dir(info.st_mode):
                    continue
                real.add(relative)
                pending.append(relative)
                identity = recorded[relative]
                if identity is not None and (info.st_dev, info.st_ino, info.st_mtime_ns) == identity:
                    unchanged[relative] = (identity, (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
        self._spare_real = real
        self.pages.trust_folders(f"{root}/{relative}" for relative in real if relative)

    def _changed_folders(self, keep: set[str]) -> set[str]:
        """The folders of the staging folder whose entries this build changed since
        :meth:`_look_at_spare`: the folder of each file or folder in ``keep`` (written, carried
        over) but those it kept in place (:meth:`reuse_staged`), and above each folder made
        since, the folder it was made in."""
        changed: set[str] = set()
        real = self._spare_real
        for relative in keep - self._in_place:
            folder = relative.rpartition("/")[0]
            while folder not in changed:
                changed.add(folder)
                if not folder or folder in real:
                    break
                folder = folder.rpartition("/")[0]  # made by this build: its parent changed too
        return changed

    def _spare_entries(self, keep: set[str]) -> tuple[dict, dict[str, list[str]], set[str]]:
        """What the build that made the spare tree recorded of it, for the sweep:
        ``(identities of its folders, subfolders of each folder, folders holding a stray)``.
        A folder that still has its recorded identity (:data:`SETTLED_NS`) holds the entries it
        held then: that build's files (its :data:`MARKER`, still that very file, lists them),
        the files and folders it carried over, and its folders. A stray is one of them this
        build neither wrote, kept nor carried over; a folder holding one is listed again.
        Nothing usable recorded (no spare known, another marker): ``({}, {}, set())``, so every
        folder is listed."""
        known, marker = self._spare_known, self._spare_marker
        recorded, children, carried = self._spare_known_entries or _known_entries(known)
        if not recorded or not isinstance(marker, tuple) or self.stage is None \
                or marker_identity(self.stage) != marker:
            return {}, {}, set()
        try:
            lines = (self.stage / MARKER).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return {}, {}, set()
        if not lines or lines[0] != MARKER_HEADER:
            return {}, {}, set()
        held = set(lines[1:])
        for relatives in carried.values():
            held.update(relatives)
        with_strays = {relative.rpartition("/")[0] for relative in held - keep}
        # A folder it carried over may have been empty (no other folder was: the sweep removes
        # those): listed again, so that it goes when no longer carried.
        with_strays.update(known[1])
        return recorded, children, with_strays


def _under_any(relative: str, paths: set[str]) -> bool:
    """Whether the relative POSIX path ``relative`` or a folder above it is one of ``paths``."""
    while relative:
        if relative in paths:
            return True
        relative = relative.rpartition("/")[0]
    return False


def _is_file_with(path: str | Path, identity: tuple[int, int, int]) -> bool:
    """True when ``path`` is, without following a link, the regular file with ``identity``
    ``(inode, size, mtime_ns)``."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (info.st_ino, info.st_size, info.st_mtime_ns) == tuple(identity)


def _folder_identity(path: str | Path) -> tuple[int, int, int] | None:
    """``(device, inode, mtime_ns)`` of the real folder ``path`` (not followed if a link);
    ``None`` when it is not one. Adding, removing or renaming an entry changes the mtime."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_mtime_ns) if stat.S_ISDIR(info.st_mode) else None


def carry_over_foreign(output: Path, stage: Path, ours: set[str], carried: set[str] | None = None,
                       known: KnownFolders | None = None) -> list[Diagnostic]:
    """Hard-link (or copy) into ``stage`` every regular file and folder of ``output`` that
    ``ours`` (the previous build's :data:`MARKER` list) does not name — files a person or
    another tool added. Symbolic links (to files or folders) and special files are never
    followed or carried: each is dropped with a warning, which the returned list holds.
    ``carried``, when given, receives the relative path of every file and folder carried.
    ``known`` is what the previous build recorded of ``output`` (:attr:`StagedOutput.known`):
    a folder that still has its recorded identity holds the entries it held then, so it is
    not listed again (its subfolders are visited and the files carried over then are carried
    again); any other folder is listed.
    """
    if not output.is_dir() or output.is_symlink() or not ours:
        return []
    our_folders = {""}
    for relative in ours:
        parent = relative.rpartition("/")[0]
        while parent not in our_folders:
            our_folders.add(parent)
            parent = parent.rpartition("/")[0]
    recorded, children, carried_in = _known_entries(known)
    output_name = os.fspath(output)
    lstat, is_dir = os.lstat, stat.S_ISDIR
    warnings = []
    pending = [""]  # relative folders still to scan, depth first in name order
    while pending:
        relative_folder = pending.pop()
        if relative_folder not in our_folders:
            (stage / relative_folder).mkdir(parents=True, exist_ok=True)
            if carried is not None:
                carried.add(relative_folder)
        identity = recorded.get(relative_folder)
        if identity is not None:
            try:  # a safe relative path (_known_entries): plain names
                info = lstat(f"{output_name}/{relative_folder}" if relative_folder else output_name)
            except OSError:
                info = None
            if info is not None and is_dir(info.st_mode) and (info.st_dev, info.st_ino, info.st_mtime_ns) == identity:
                for relative in carried_in.get(relative_folder, ()):
                    if relative not in ours and relative != MARKER:
                        _carry(output / relative, stage / relative, relative, carried)
                subfolders = children.get(relative_folder)
                if subfolders:
                    pending.extend(sorted(subfolders, reverse=True))
                continue
        folder = output / relative_folder if relative_folder else output
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        subfolders = []
        for entry in entries:
            relative = f"{relative_folder}/{entry.name}" if relative_folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(relative)
                continue
            if relative in ours or relative == MARKER:
                continue
            source = folder / entry.name
            if not entry.is_file(follow_symlinks=False):
                what = f"symbolic link to {os.readlink(source)}" if entry.is_symlink() else "special file"
                warnings.append(Diagnostic(
                    path=str(source), code="output-symlink", severity=Severity.WARNING,
                    message=f"{what} in the output folder; not carried into the new site (links there are never followed)",
                    hint="put real files into the output folder, or publish them through static/"))
                continue
            _carry(source, stage / relative, relative, carried)
        pending.extend(reversed(subfolders))
    return warnings


def _known_entries(known: KnownFolders | None) -> tuple[dict, dict[str, list[str]], dict[str, list[str]]]:
    """``(recorded identities, subfolders of each folder, files carried over in each folder)``
    of ``known`` (empty for ``None`` or anything not of its shape)."""
    if not (isinstance(known, tuple) and len(known) == 2 and isinstance(known[0], dict)
            and isinstance(known[1], frozenset)):
        return {}, {}, {}
    folders, carried_before = known
    children: dict[str, list[str]] = {}
    for relative in folders:
        if relative and isinstance(relative, str) and _is_safe_relative(relative):
            children.setdefault(relative.rpartition("/")[0], []).append(relative)
    carried_in: dict[str, list[str]] = {}
    for relative in carried_before:
        if relative not in folders and isinstance(relative, str) and _is_safe_relative(relative):
            carried_in.setdefault(relative.rpartition("/")[0], []).append(relative)
    return folders, children, carried_in


def _carry(source: Path, destination: Path, relative: str, carried: set[str] | None) -> None:
    """Hard-link (or copy) the regular file ``source`` to ``destination`` in the staging folder."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(destination):  # a staging folder started from the spare tree
        _discard(destination)  # never written through: it may be a link into the live site
    if carried is not None:
        carried.add(relative)
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, destination, follow_symlinks=False)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); ``False`` when unsupported. The C
    library's function is looked up among the symbols the process has loaded (``CDLL(None)``),
    not through ``ctypes.util.find_library`` (an ``ldconfig -p`` child process at every swap)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _recover_interrupted(output: Path, lock: OutputLock) -> list[Diagnostic]:
    """Clean up after a killed build (``lock`` held): put back an old site that was moved aside
    but not replaced, delete its staging folders — only folders the lock's journal names with
    their device and inode. Returns a warning for each look-alike folder left alone."""
    owned = {entry.name for entry in lock.entries() if lock.owns(entry)}
    for name in sorted(owned, key=lambda n: "-old-" not in n):  # an old site first: it may be restored
        path = output.parent / name
        if "-old-" in name and not output.exists() and not output.is_symlink():
            os.rename(path, output)
        else:
            _discard(path)
    lock.clear()
    prefixes = tuple(_stage_prefix(output) + kind for kind in ("new-", "old-"))
    return [Diagnostic(path=str(p), code="foreign-staging", severity=Severity.WARNING,
                       message="looks like a sitegen staging folder, but no build of this output made it; left alone",
                       hint="delete it yourself if you do not need it")
            for p in sorted(output.parent.iterdir()) if p.name.startswith(prefixes) and p.name not in owned]


def _discard(path: Path) -> None:
    """Delete a folder this build (or a killed one, per the journal) made, with its files;
    a symlink or file is unlinked itself (whatever it points to is never touched)."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
