"""Writing a page's file into the staging folder, in whichever process rendered it
(:class:`PageWriter`): only through real folders, never through a link."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat

from sitegen.errors import Diagnostic, SitegenError
from sitegen.output_folder import is_safe_relative

#: How :meth:`sitegen.writer.StagedOutput.write` opens a file: made anew, never through a link.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class PageWriter:
    """Writes files into a staging folder (``stage``, a path string) by relative POSIX path:
    :class:`sitegen.writer.StagedOutput`'s writes, in whatever process holds a copy (render workers write the
    pages they render; the main process notes them with
    :meth:`sitegen.writer.StagedOutput.written_elsewhere`).
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
        if not is_safe_relative(relative):
            raise SitegenError(Diagnostic(path=relative, code="output-path", message="unsafe output path refused"))
        path = self.folders_for(relative)
        try:
            handle = os.open(path, _NEW_FILE, 0o666)
        except FileExistsError:
            self.clear(path)
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
        way, refusing any step that is not a real folder (:class:`SitegenError` ``output-path``);
        in a staging folder started from the spare tree a file or link in a step's place is
        removed (never followed) and the folder made."""
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
                # A file or link the spare tree kept: someone put it into the output in this
                # folder's place while that tree was the live site (this build's own files never
                # stand where its pages need a folder: sitegen.sources.pages_win,
                # StagedOutput.make_way). Removed, never followed, and the folder made — by
                # whichever render process comes first.
                with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                    os.unlink(folder)
                with contextlib.suppress(FileExistsError):
                    os.mkdir(folder)
                mode = os.lstat(folder).st_mode
        if mode is not None and not stat.S_ISDIR(mode):
            raise SitegenError(Diagnostic(path=folder, code="output-path",
                                          message="a file or link in the staging folder blocks this folder"))
        self._real_dir_names.add(folder)

    def is_real(self, folder: str) -> bool:
        """Whether ``folder`` (a path string under the staging folder) was made or checked as a
        real folder by this copy, and not removed since."""
        return folder in self._real_dir_names

    def trust_folders(self, folders) -> None:
        """Note ``folders`` (paths under the staging folder, as strings) as real folders checked
        already (by :func:`sitegen.writer._look_at_spare`, each above the next checked first)."""
        self._real_dir_names.update(folders)

    def clear(self, path: str) -> bool:
        """Remove what stands at ``path`` (a path string under the staging folder) where a file is
        to be written: a file or a link, never followed; in a staging folder started from the
        spare tree a folder too, with what it holds — what that tree held there (a folder put
        into the output by hand where the site writes a file; this build's own folders never
        stand at its files' paths). In a fresh staging folder a folder is left (the write then
        fails on it). Returns whether a folder was removed."""
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return False
        if not stat.S_ISDIR(mode):
            os.unlink(path)
            return False
        if not self.reused_spare:
            return False
        shutil.rmtree(path)  # unlinks the links inside, never follows them
        self.forget_tree(path)
        return True

    def forget_tree(self, folder: str) -> None:
        """Forget ``folder`` (a path string) and every folder under it: they were removed."""
        below = folder + "/"
        self._real_dir_names = {name for name in self._real_dir_names if name != folder and not name.startswith(below)}

    def forget_folder(self, folder: str) -> None:
        """Forget that ``folder`` (a path string) was made or checked: it was removed."""
        self._real_dir_names.discard(folder)
