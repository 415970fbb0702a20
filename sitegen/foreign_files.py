"""Files someone else put into the output folder (a CNAME, a .git folder), carried into each
new site as hard links (:func:`carry_over_foreign`), and the record of the output's folders
(:data:`KnownFolders`) that lets the next build find them without listing every folder."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from sitegen.errors import Diagnostic, Severity
from sitegen.output_folder import MARKER, discard, is_safe_relative
from sitegen.page_writer import PageWriter

#: What a build records of the output it leaves, for the next build's :func:`carry_over_foreign`:
#: ``({relative folder: (device, inode, mtime_ns) or None when not settled}, relative paths carried over)``.
KnownFolders = tuple[dict[str, "tuple[int, int, int] | None"], frozenset[str]]


def folder_identity(path: str | Path) -> tuple[int, int, int] | None:
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
    ``known`` is what the previous build recorded of ``output`` (:attr:`sitegen.writer.StagedOutput.known`):
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
    recorded, children, carried_in = known_entries(known)
    output_name = os.fspath(output)
    lstat, is_dir = os.lstat, stat.S_ISDIR
    warnings = []
    # Folders of the staging folder made real as PageWriter makes them: a file or link in the
    # way, which a staging folder started from the spare tree may hold (someone's file or link
    # in the output two builds ago, replaced by a folder since), removed first, never followed.
    # Nothing of this build is there yet: carrying over comes first.
    folders = PageWriter(os.fspath(stage), True)
    pending = [""]  # relative folders still to scan, depth first in name order
    while pending:
        relative_folder = pending.pop()
        if relative_folder not in our_folders:
            folders.real_folder(f"{folders.stage}/{relative_folder}")
            if carried is not None:
                carried.add(relative_folder)
        identity = recorded.get(relative_folder)
        if identity is not None:
            try:  # a safe relative path (known_entries): plain names
                info = lstat(f"{output_name}/{relative_folder}" if relative_folder else output_name)
            except OSError:
                info = None
            if info is not None and is_dir(info.st_mode) and (info.st_dev, info.st_ino, info.st_mtime_ns) == identity:
                for relative in carried_in.get(relative_folder, ()):
                    if relative not in ours and relative != MARKER:
                        _carry(output / relative, stage, relative, carried, folders)
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
            if (relative in ours or relative == MARKER) and entry.is_file(follow_symlinks=False):
                continue  # the site's own file: this build writes or keeps its own
            source = folder / entry.name
            if not entry.is_file(follow_symlinks=False):  # a link at one of the site's paths too
                what = f"symbolic link to {os.readlink(source)}" if entry.is_symlink() else "special file"
                warnings.append(Diagnostic(
                    path=str(source), code="output-symlink", severity=Severity.WARNING,
                    message=f"{what} in the output folder; not carried into the new site (links there are never followed)",
                    hint="put real files into the output folder, or publish them through static/"))
                continue
            _carry(source, stage, relative, carried, folders)
        pending.extend(reversed(subfolders))
    return warnings


def known_entries(known: KnownFolders | None) -> tuple[dict, dict[str, list[str]], dict[str, list[str]]]:
    """``(recorded identities, subfolders of each folder, files carried over in each folder)``
    of ``known`` (empty for ``None`` or anything not of its shape)."""
    if not (isinstance(known, tuple) and len(known) == 2 and isinstance(known[0], dict)
            and isinstance(known[1], frozenset)):
        return {}, {}, {}
    folders, carried_before = known
    children: dict[str, list[str]] = {}
    for relative in folders:
        if relative and isinstance(relative, str) and is_safe_relative(relative):
            children.setdefault(relative.rpartition("/")[0], []).append(relative)
    carried_in: dict[str, list[str]] = {}
    for relative in carried_before:
        if relative not in folders and isinstance(relative, str) and is_safe_relative(relative):
            carried_in.setdefault(relative.rpartition("/")[0], []).append(relative)
    return folders, children, carried_in


def _carry(source: Path, stage: Path, relative: str, carried: set[str] | None, folders: PageWriter) -> None:
    """Hard-link (or copy) the regular file ``source`` to ``relative`` in the staging folder
    ``stage``, whose folders ``folders`` makes real; a ``source`` that is gone (a record of the
    last build that no longer holds) is not carried."""
    folders.real_folder(f"{folders.stage}/{relative}".rpartition("/")[0])
    destination = stage / relative
    if os.path.lexists(destination):  # a staging folder started from the spare tree
        discard(destination)  # never written through: it may be a link into the live site
    try:
        os.link(source, destination, follow_symlinks=False)
    except FileNotFoundError:
        if os.path.lexists(source):
            raise
        return
    except OSError:
        shutil.copy2(source, destination, follow_symlinks=False)
    if carried is not None:
        carried.add(relative)
