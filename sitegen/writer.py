"""Atomic writing of the output folder.

Every file goes into a staging folder beside the output folder (same file system);
only a complete build is swapped in, with one atomic ``renameat2(RENAME_EXCHANGE)``
on Linux (else two renames, recovered on the next run). So a build that fails or is
killed at any moment leaves the previous site whole, and leftovers of a killed build
are removed by the next one. Nothing outside the output folder is written or deleted.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from sitegen.errors import Diagnostic, SitegenError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


#: Written into every output folder, listing the files the build wrote (one relative path a
#: line). A folder without it was not made by sitegen and is never replaced; files in it that
#: the list does not name (a CNAME, a .git folder) were added by someone else and are kept.
MARKER = ".sitegen-output"


def _stage_prefix(output: Path) -> str:
    return f".{output.name}.sitegen-"


def check_output_dir(output: Path, content: Path, project: Path) -> None:
    """Refuse an output folder whose replacement would destroy something else.

    Raises :class:`SitegenError` (``output-dir``) when ``output`` is an existing file,
    ``/``, the home folder, the project folder, the content folder, inside the content
    or static folder, holds the content, project or home folder, or is a non-empty
    folder that a sitegen build did not make (it has no :data:`MARKER` file).
    """
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
    elif output.is_dir() and not (output / MARKER).exists() and any(output.iterdir()):
        raise SitegenError(Diagnostic(path=str(output), code="output-dir",
                                      message="refusing to replace a folder that holds files sitegen did not write",
                                      hint="choose an empty or new folder, or empty this one yourself"))
    if reason:
        raise SitegenError(Diagnostic(path=str(output), code="output-dir", message=f"refusing output folder: it {reason}",
                                      hint="choose a separate folder such as public/"))


class StagedOutput:
    """Collects the files of one build in a staging folder, then swaps it in.

    Use as a context manager: leaving the block with an exception removes the
    staging folder and keeps the old output untouched.
    """

    def __init__(self, output: Path):
        self.output = output
        self.stage: Path | None = None
        self._written: set[str] = set()

    def __enter__(self) -> "StagedOutput":
        parent = self.output.parent
        parent.mkdir(parents=True, exist_ok=True)
        recover_interrupted(self.output)
        self.stage = Path(tempfile.mkdtemp(prefix=_stage_prefix(self.output) + "new-", dir=parent))
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(self.stage, 0o777 & ~umask)  # mkdtemp makes 0700: web servers could not read the site
        (self.stage / MARKER).write_bytes(b"")
        carry_over_foreign(self.output, self.stage)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None and self.stage is not None:
            shutil.rmtree(self.stage, ignore_errors=True)

    def target(self, relative: str) -> Path:
        """The staging path for a relative POSIX output path; refuses escapes and second writes."""
        parts = PurePosixPath(relative).parts
        if not parts or relative.startswith("/") or any(p in ("..", ".", "") or "\x00" in p or "\\" in p for p in parts):
            raise SitegenError(Diagnostic(path=relative, code="output-path", message="unsafe output path refused"))
        if relative in self._written:
            raise SitegenError(Diagnostic(path=relative, code="url-collision", message="two pages write this file"))
        self._written.add(relative)
        assert self.stage is not None
        path = self.stage.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():  # a carried-over file (maybe a hard link into the old site)
            path.unlink()
        return path

    def write(self, relative: str, data: bytes) -> None:
        self.target(relative).write_bytes(data)

    def copy_file(self, source: Path, relative: str) -> None:
        """Copy one file to ``relative`` (POSIX) in the output; it replaces a static file of that name."""
        self._written.discard(relative)
        shutil.copyfile(source, self.target(relative))

    def copy_tree(self, source: Path) -> list[str]:
        """Copy the files under ``source`` (static assets); a later copy of the same path wins.

        Symlinks are not followed. Returns the relative paths copied.
        """
        copied = []
        if not source.is_dir():
            return copied
        root = source.resolve()
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not Path(dirpath, d).is_symlink())
            for name in sorted(filenames):
                file = Path(dirpath, name)
                if file.is_symlink() or name.startswith("."):
                    continue
                relative = file.relative_to(root).as_posix()
                self._written.discard(relative)
                shutil.copyfile(file, self.target(relative))
                copied.append(relative)
        return copied

    def commit(self) -> None:
        """Swap the staging folder in as the output folder and drop the old one."""
        assert self.stage is not None
        (self.stage / MARKER).write_text("".join(f"{p}\n" for p in sorted(self._written)), encoding="utf-8")
        if self.output.exists():
            if _exchange(self.stage, self.output):
                _discard(self.stage)  # the stage now holds the old site
            else:
                old = Path(tempfile.mkdtemp(prefix=_stage_prefix(self.output) + "old-", dir=self.output.parent))
                old.rmdir()
                os.rename(self.output, old)
                os.rename(self.stage, self.output)
                _discard(old)
        else:
            os.rename(self.stage, self.output)
        self.stage = None


def carry_over_foreign(output: Path, stage: Path) -> list[str]:
    """Hard-link (or copy) into ``stage`` every file, symlink and folder of ``output`` that the
    previous build's :data:`MARKER` does not list — files a person or another tool added.

    An empty or missing marker list carries nothing over. Returns the relative paths carried.
    """
    marker = output / MARKER
    if not output.is_dir() or output.is_symlink() or not marker.is_file():
        return []
    ours = set(marker.read_text(encoding="utf-8", errors="replace").splitlines())
    if not ours:
        return []
    our_folders = {str(PurePosixPath(p).parent) for p in ours}
    our_folders |= {str(parent) for p in ours for parent in PurePosixPath(p).parents}
    carried = []
    for dirpath, dirnames, filenames in os.walk(output):
        folder = Path(dirpath)
        relative_folder = folder.relative_to(output).as_posix()
        if relative_folder not in our_folders:
            (stage / relative_folder).mkdir(parents=True, exist_ok=True)
        for name in filenames + [d for d in dirnames if (folder / d).is_symlink()]:
            source = folder / name
            relative = source.relative_to(output).as_posix()
            if relative in ours or relative == MARKER:
                continue
            destination = stage / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                os.symlink(os.readlink(source), destination)
            else:
                try:
                    os.link(source, destination)
                except OSError:
                    shutil.copy2(source, destination)
            carried.append(relative)
    return carried


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); ``False`` when unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def recover_interrupted(output: Path) -> None:
    """Clean up after a build that was killed: restore an old site that was moved
    aside but not replaced, and delete staging folders."""
    parent = output.parent
    if not parent.is_dir():
        return
    leftovers = sorted(p for p in parent.iterdir() if p.name.startswith(_stage_prefix(output)))
    for path in leftovers:
        if "-old-" in path.name and not output.exists() and not output.is_symlink():
            os.rename(path, output)
        else:
            _discard(path)


def _discard(path: Path) -> None:
    """Delete a leftover: a folder with its files, or a symlink or file itself (an old
    output that was a symlink is unlinked; whatever it pointed to is never touched)."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
