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
- a folder is replaced only when it is empty or its :data:`~sitegen.output_folder.MARKER` proves it is a
  sitegen output (:mod:`sitegen.output_folder`);
- files someone else added to the output are carried over into the new site as hard links (or
  copies), but symbolic links and special files are dropped with a warning, never followed
  (:mod:`sitegen.foreign_files`);
- the staging folder holds only real folders and files, and every path written is checked
  to stay inside it (:mod:`sitegen.page_writer` writes the pages, in the render workers too).
"""

from __future__ import annotations

import bisect
import ctypes
import os
import shutil
import stat
import tempfile
import time
from array import array
from collections.abc import Iterable, Mapping
from itertools import chain
from pathlib import Path, PurePosixPath

from sitegen import interrupts
from sitegen.apart import Apart
from sitegen.errors import Diagnostic, InterruptedAfterPublishing, Severity, SitegenError
from sitegen.foreign_files import KnownFolders, carry_over_foreign, known_entries
from sitegen.output_folder import (
    MARKER, MARKER_HEADER, MAX_NAME_BYTES, MarkerIdentity, RealFolders, discard, is_safe_relative, marker_identity,
    verify_marker,
)
from sitegen.output_lock import OutputLock
from sitegen.parallel import interrupts_held
from sitegen.page_writer import PageWriter

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
#: A folder's recorded identity is trusted only when its last change is this much older than the
#: recording (nanoseconds): a change made later is then sure to give it another modification time,
#: even on file systems whose clock is coarse.
SETTLED_NS = 2_000_000_000


def _stage_prefix(output: Path) -> str:
    return f".{output.name}.sitegen-"


#: The random part ``tempfile.mkdtemp`` puts in a staging folder's name (8 characters).
_RANDOM_NAME_CHARS = 8


def _staging_name(output: Path) -> str:
    """A name as long as the staging folders' beside ``output`` (``.NAME.sitegen-new-XXXXXXXX``)."""
    return _stage_prefix(output) + "new-" + "x" * _RANDOM_NAME_CHARS


def stage_name_refusal(output: Path) -> Diagnostic | None:
    """An ``output-dir`` error when the staging folders beside ``output``
    (``.NAME.sitegen-new-XXXXXXXX``) would have a name longer than the file system holds
    (:data:`sitegen.output_folder.MAX_NAME_BYTES`, in UTF-8 bytes): such an output folder can
    never be built into (/tmp/attack47b/r9-long-output-folder-name.sh); ``None`` otherwise."""
    name = output.absolute().name
    staged = len(os.fsencode(_staging_name(Path(name))))
    if staged <= MAX_NAME_BYTES:
        return None
    room = MAX_NAME_BYTES - (staged - len(os.fsencode(name)))
    return Diagnostic(path=str(output), code="output-dir",
                      message=f"refusing output folder: its name is {len(os.fsencode(name))} bytes long, and the "
                              f"staging folder a build makes beside it would be {staged}; the file system holds "
                              f"at most {MAX_NAME_BYTES} bytes a name; nothing written",
                      hint=f"give the output folder a name of at most {room} bytes (UTF-8)")


def longest_root(output: Path) -> int:
    """The length in UTF-8 bytes, closing ``/`` included, of the longest absolute folder path
    the files of a build into ``output`` are written or kept under: the output itself, its
    staging folders beside it (``.NAME.sitegen-new-XXXXXXXX``, ``…-old-…``) and the spare tree
    in the build cache (:meth:`sitegen.cache.BuildCache.spare_folder`). An output path fits the
    system's path limit everywhere it goes when it fits under this
    (:func:`sitegen.output_folder.path_refusal`)."""
    from sitegen.cache import cache_folder, spare_folder_in

    absolute = output.absolute()
    stage = absolute.parent / _staging_name(absolute)
    spare = spare_folder_in(cache_folder(output), output)
    return max(len(os.fsencode(folder)) + 1 for folder in (absolute, stage, spare))


class StagedOutput:
    """Collects the files of one build in a staging folder, then swaps it in.

    Use as a context manager. Entering takes the output's lock (raises :class:`SitegenError`
    ``output-locked`` while another build holds it), cleans up after a killed build, checks the
    output with :func:`verify_marker` (under the lock, so the check and the swap see the same
    folder), creates the staging folder and carries foreign files over. Leaving the block with
    an exception (or uncommitted) removes the staging folder and keeps the old output untouched.
    ``warnings`` lists what was dropped or left alone (symlinks in the output, look-alike staging
    folders).

    With ``apart``, the two walks of entering (the look at the spare tree's folders and carrying
    foreign files over: ~15,700 folders each at 10,000 articles, ~0.1 s) go on in a forked
    process (:class:`sitegen.apart.Apart`) while the caller does other work, and so does the look
    at the files the spare tree should hold (``spare_files``); :meth:`settle` takes their
    outcome (waiting for it), as the first method that works in the staging folder does. Call
    it before handing :attr:`pages` to anyone.
    """

    def __init__(self, output: Path, spare: Path | None = None, known: KnownFolders | None = None,
                 marker: MarkerIdentity | None = None, spare_known: KnownFolders | None = None,
                 spare_marker: MarkerIdentity | None = None, apart: bool = False,
                 spare_files: "Iterable[tuple[str, FileStats]] | None" = None):
        self._apart = apart
        #: The walks of entering under way apart, until :meth:`settle`.
        self._entering: Apart | None = None
        #: With ``apart``: the files the spare tree's build left, as ``(relative path, (inode,
        #: size, mtime_ns, ctime_ns))``, looked at apart too (:func:`_files_in_place`).
        self._spare_files = spare_files if apart else None
        #: The spare tree's files found in place apart: ``{relative path: (inode, size,
        #: mtime_ns, ctime_ns)}``, each taken once by :meth:`reuse_staged` while its folder is
        #: still a real one to :attr:`pages` (a folder removed since is forgotten there).
        self._in_place_apart: dict[str, tuple[int, int, int, int]] = {}
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
        #: Whether :meth:`commit` put the staging folder in place: the new site is published.
        self.published = False
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
        #: The spare tree's recorded folders as :func:`_look_at_spare` found them on entering:
        #: the real ones, and those still with their recorded identity (with their stats).
        self._spare_real: set[str] = set()
        self._spare_unchanged: dict[str, tuple[tuple[int, int, int], tuple[int, int, int, int]]] = {}
        #: Files the spare tree brought that this build kept as they were (:meth:`reuse_staged`).
        self._in_place: set[str] = set()
        #: The folders handed to another tool (:meth:`folder`), which may change or remove them.
        self._handed: set[str] = set()
        #: The live output's folders :meth:`keep` found real.
        self._live_real = RealFolders(os.fspath(output))
        #: What :meth:`adopt` adopted, sorted, by folder.
        self._adopted: dict[str, list[str]] = {}
        #: Handed folders swept by the tool's own process once it was done (:func:`sweep_handed`),
        #: by folder: ``(left empty, the folders' notes, the folders it removed)``.
        self._swept: dict[str, tuple[bool, list, list[str]]] = {}
        #: Handed folders whose files are adopted as one block (:meth:`adopt_block`), by folder:
        #: the files as :func:`pack_files` packed them.
        self._blocks: dict[str, tuple] = {}
        #: After :meth:`commit`: the files adopted in blocks (:meth:`adopt_block`), which
        #: :attr:`files` leaves out, as ``(packed files, the folders holding them)`` a block:
        #: each file's stats are in the packing (as :attr:`stats` would note them), a folder's
        #: in :attr:`stats` once the sweep noted it.
        self.blocks: list[tuple[tuple, list[str]]] = []

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
            walks = (self._stage_name, self.output, ours, self._known,
                     self._spare_known if self.reused_spare else None, self._spare_marker,
                     self._spare_files if self.reused_spare else None)
            if self._apart:
                self._entering = Apart(_look_and_carry, *walks)
            else:
                self._take_walks(_look_and_carry(*walks))
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    def settle(self) -> None:
        """Take the outcome of entering's walks made apart (``apart``; waits for them, or
        makes them here if their process failed); nothing to do otherwise or once done."""
        if self._entering is not None:
            found = self._entering.result()  # interrupted: ends the child (__exit__ then removes the staging folder)
            self._entering = None
            self._take_walks(found)

    @property
    def walks_done(self) -> bool:
        """Whether :meth:`settle` would not wait: entering's walks made apart are done (or were
        made here)."""
        return self._entering is None or self._entering.done()

    def _take_walks(self, found: tuple) -> None:
        """Note what :func:`_look_and_carry` found and did."""
        real, unchanged, carried, warnings, in_place = found
        self._spare_real, self._spare_unchanged = real, unchanged
        root = self._stage_name
        self.pages.trust_folders(f"{root}/{relative}" for relative in real if relative)
        self._carried |= carried
        self.warnings += warnings
        if in_place is not None:
            self._in_place_apart = dict(unpack_files(in_place))

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
            if self._entering is not None:  # its walks end before the staging folder goes
                self._entering.close()
                self._entering = None
            # Not committed: the staging folder goes. (Interrupted once the new site was in place,
            # the old site, journaled, is left for the next build to remove: a Ctrl-C is not
            # kept waiting for a whole site's deletion.)
            if self.stage is not None and not self.published:
                shutil.rmtree(self.stage, ignore_errors=True)
                self.stage = None
                self._lock.clear()
        finally:
            self._lock.__exit__(exc_type, exc, tb)
        if self.published and exc_type is not None and issubclass(exc_type, KeyboardInterrupt) \
                and not issubclass(exc_type, InterruptedAfterPublishing):
            # A Ctrl-C once the new site is in place (/tmp/attack45/r4-untouched-but-published.sh)
            raise InterruptedAfterPublishing from None

    def target(self, relative: str) -> Path:
        """The staging path for a relative POSIX output path; refuses escapes and second writes.

        Every folder on the way is a real folder inside the staging folder (created if missing);
        a file already there (carried over, maybe a hard link into the old site) is unlinked
        first, so nothing outside the staging folder is ever written through.
        """
        self.settle()
        path = self._claim(relative)
        self.stats.pop(relative, None)
        if os.path.lexists(path) and self.pages.clear(path):  # a link to a folder too: never written through
            self._forget_spare_tree(relative)  # a folder the spare tree held there, removed
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
        if not is_safe_relative(relative):
            raise SitegenError(Diagnostic(path=relative, code="output-path", message="unsafe output path refused"))
        if relative in self._written:
            raise SitegenError(Diagnostic(path=relative, code="url-collision", message="two pages write this file"))
        self._written.add(relative)

    def write(self, relative: str, data: bytes) -> None:
        """Write ``data`` to ``relative`` (POSIX) in the staging folder, checked as :meth:`target`
        checks (:meth:`PageWriter.write`), and note the new file's identity in :attr:`stats`."""
        self.settle()
        self._claim_name(relative)
        self.stats[relative] = self.pages.write(relative, data)

    def written_elsewhere(self, relative: str, identity: tuple[int, int, int, int]) -> None:
        """Note the file that a copy of :attr:`pages` in another process (a render worker)
        wrote at ``relative``, whose ``(inode, size, mtime_ns, ctime_ns)`` is ``identity``, as
        this build's; raises :class:`SitegenError` as :meth:`write` does (``url-collision``
        when the path was written already: the build then stops and the staging folder goes)."""
        self.settle()
        self._claim_name(relative)
        self.stats[relative] = tuple(identity)

    def reuse_staged(self, relative: str, identity: FileStats) -> bool:
        """Leave the file at ``relative`` that the spare tree brought into the staging folder,
        if it is still the regular file with ``identity`` ``(inode, size, mtime_ns, ctime_ns)``
        (its bytes are then known to the caller). ``False`` (nothing done) otherwise. The ctime
        is part of it: an edit in place whose size and mtime were put back (``touch -d``)
        still gives the file another one, which nobody can set back. A file the look made
        apart on entering found so (``spare_files``) is not looked at again."""
        if self._entering is not None:  # called per page: no call when settled
            self.settle()
        if not self.reused_spare or relative in self._written:
            return False
        found = self._in_place_apart.pop(relative, None)
        path = f"{self._stage_name}/{relative}"
        # Found in place apart, in a folder still real (one this build removed is forgotten).
        if found is not None and found == tuple(identity) and self.pages.is_real(path.rpartition("/")[0]):
            self._written.add(relative)
            self._in_place.add(relative)
            self.stats[relative] = found
            return True
        if not is_safe_relative(relative):
            return False
        assert self.stage is not None
        # Its folders first: the file is looked at only where no link leads elsewhere (a link in
        # a folder's place is replaced by the folder, and the file is then not there).
        self.pages.real_folder(path.rpartition("/")[0])
        try:
            info = os.lstat(path)
        except OSError:
            return False
        found = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if not stat.S_ISREG(info.st_mode) or found != tuple(identity):
            return False
        self._written.add(relative)
        self._in_place.add(relative)
        self.stats[relative] = found
        return True

    def keep(self, relative: str, identity: FileStats) -> bool:
        """Put the previous site's file at ``relative`` into the new one unchanged (a hard link,
        else a copy) instead of writing it again, if it is still the regular file the last build
        wrote: ``identity`` is its recorded ``(inode, size, mtime_ns, ctime_ns)`` (as
        :meth:`identity` gave it, after any link made to it), and it is reached through real
        folders only (a link someone put in place of one of the output's folders is not
        followed, even to that very file). ``False`` (and nothing done) otherwise, so the caller
        writes the file. The link gives the file another ctime: ask :meth:`identity` after."""
        self.settle()
        if not is_safe_relative(relative) or not self._live_real.holds(relative.rpartition("/")[0]):
            return False
        old = f"{self.output}/{relative}"  # a safe relative path, under real folders: plain names
        if not _is_file_with(old, identity):
            return False
        path = self.target(relative)
        try:
            os.link(old, path, follow_symlinks=False)
        except OSError:
            shutil.copy2(old, path, follow_symlinks=False)
        return True

    def identity(self, relative: str) -> FileStats:
        """``(inode, size, mtime_ns, ctime_ns)`` of a file written or kept in the staging folder,
        as it is now (a file :meth:`keep` linked: after the link); the same after :meth:`commit`
        (a rename keeps them). Also noted in :attr:`stats`."""
        if self._entering is not None:  # called per page: no call when settled
            self.settle()
        found = self.stats.get(relative)
        if found is None:
            assert self.stage is not None
            info = os.lstat(os.path.join(self.stage, relative))  # written, so a safe relative path
            found = self.stats[relative] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        return found

    def copy_file(self, source: Path, relative: str) -> None:
        """Copy one file to ``relative`` (POSIX) in the output; it replaces a static file of that name."""
        self.settle()
        self._written.discard(relative)
        self._in_place.discard(relative)
        shutil.copyfile(source, self.target(relative))

    def folder(self, relative_dir: str) -> Path:
        """The staging path of ``relative_dir``, made now as a real folder (every step checked
        as :meth:`target` does) for another tool to fill (the search index). Made before that
        tool starts, a folder shared with this build's own writes (``search/``) is never
        created by two threads at once. The sweep of :meth:`commit` lists it and the folders
        above it again (the tool may have emptied or removed it). A file or link in the way is
        removed, never followed: one the spare tree kept here (:meth:`PageWriter.real_folder`),
        one carried over for others already by :meth:`make_way`, with its warning — the folder
        is sitegen's. Raises :class:`SitegenError` ``output-path`` for an unsafe path or a file
        this build wrote in the way."""
        self.settle()
        if not is_safe_relative(relative_dir):
            raise SitegenError(Diagnostic(path=relative_dir, code="output-path", message="unsafe output path refused"))
        assert self.stage is not None
        folder = f"{self._stage_name}/{relative_dir}"
        self.pages.real_folder(folder)
        self._handed.add(PurePosixPath(relative_dir).as_posix())
        return Path(folder)

    def adopt(self, relative_dir: str, listed: "list[tuple[str, FileStats]] | None" = None,
              swept: "tuple[bool, list, list[str]] | None" = None) -> list[str]:
        """Record the files another tool wrote under ``relative_dir`` of the staging folder (the
        search index) as written by this build, so the output's :data:`MARKER` lists them.
        Returns their relative paths, sorted; an absent folder adopts nothing. Symbolic links
        are neither adopted nor followed. Each file's identity is noted in :attr:`stats`.
        ``listed`` is :func:`list_files` of the folder made by whoever wrote it, once done (the
        search process, which has the time); without it the folder is listed here (one
        ``scandir`` a folder and an ``lstat`` a file: ~20,000 files at 10,000 articles, ~65 ms).
        A file carried over into the folder for others (put there by hand) that the tool kept is
        removed, with an ``output-foreign-dropped`` warning in :attr:`warnings`: the folder is
        sitegen's; nothing carried there is counted as carried any more. ``swept``: the rest of
        :func:`sweep_handed`'s answer, made with ``listed`` by the same process: the sweep of
        :meth:`commit` then takes the folder as that process left it instead of listing it again
        (~20,000 entries at 10,000 articles), unless a carried file was removed here since."""
        self.settle()
        assert self.stage is not None
        relative_dir = PurePosixPath(relative_dir).as_posix()
        if listed is None:
            listed = list_files(self._stage_name, relative_dir)
        carried_here = {relative for relative in self._carried if _under_any(relative, {relative_dir})}
        if carried_here:
            kept = []
            for relative, identity in listed:
                if relative in carried_here:
                    os.unlink(f"{self._stage_name}/{relative}")  # a link to the live site's file: never written through
                    self._foreign_dropped(relative, "a file put into the output where sitegen's search index goes",
                                          "keep your own files out of the search index's folders (search/pagefind/, "
                                          "search/text/)")
                else:
                    kept.append((relative, identity))
            listed = kept
        if swept is not None and not carried_here:
            self._swept[relative_dir] = swept
        self.stats.update(listed)
        adopted = [relative for relative, _ in listed]
        adopted.sort()  # sorted already when listed by list_files
        self._carried -= carried_here
        self._written.update(adopted)
        self._adopted[relative_dir] = adopted
        return adopted

    def adopt_block(self, relative_dir: str, packed: tuple | None,
                    swept: "tuple[bool, list, list[str]] | None") -> bool:
        """Record the files another tool wrote under ``relative_dir`` (the search index), as
        its process listed and swept them (:func:`sweep_handed`: ``packed`` the files as
        :func:`pack_files` packed them, ``swept`` the rest of its answer), as written by this
        build, in one block: none is handled one by one here (~20,000 files at 10,000
        articles), the output's :data:`MARKER` lists them all the same, and :attr:`blocks`
        gives them to the output's record. ``False`` (nothing recorded: :meth:`adopt` them)
        without such a listing, for a folder holding no file (the commit's sweep removes it:
        no block may name it), or when a file carried over for others is in the folder
        (:meth:`adopt` removes it)."""
        self.settle()
        relative_dir = PurePosixPath(relative_dir).as_posix()
        if packed is None or swept is None or not packed[0] \
                or any(_under_any(relative, {relative_dir}) for relative in self._carried):
            return False
        self._swept[relative_dir] = swept
        self._blocks[relative_dir] = packed
        return True

    @property
    def carries_foreign(self) -> bool:
        """Whether anything was carried over for others (:meth:`foreign_at` may find something)."""
        self.settle()
        return bool(self._carried)

    def foreign_at(self, relative: str) -> str | None:
        """The path of what was carried over for others (:attr:`carried`) that a file written at
        the relative POSIX path ``relative`` would replace: ``relative`` itself (a file or a
        folder carried there), or a carried *file* in the place of one of its folders (``CNAME``
        for ``CNAME/index.html``); ``None`` when there is none (a carried folder on the way is
        no obstacle: the file is added inside it). Used to keep a redirect page from replacing a
        publisher's file (:func:`sitegen.redirects.spare_foreign`)."""
        self.settle()
        if not self._carried:
            return None
        if relative in self._carried:
            return relative
        folder = relative.rpartition("/")[0]
        while folder:
            if folder in self._carried:
                try:
                    if not stat.S_ISDIR(os.lstat(f"{self._stage_name}/{folder}").st_mode):
                        return folder
                except FileNotFoundError:  # gone before it was carried (_carry): nothing there
                    pass
            folder = folder.rpartition("/")[0]
        return None

    def make_way(self, paths) -> None:
        """Remove from the staging folder each file carried over for others (:attr:`carried`)
        that stands where one of ``paths`` (an iterable of the relative POSIX paths this build
        writes) needs a folder: someone's file put into the output in place of one of the site's
        folders (``public/sections``), which would stop every build at the first page under it.
        So is a folder carried over where this build writes a file (``public/feed.xml`` made a
        folder). Each gets an ``output-foreign-dropped`` warning in :attr:`warnings`; the site's
        files are published, what stood in their way is not carried. ``paths`` is read only when something is carried,
        and then only the paths sharing a first folder with it; only the carried paths where a
        folder is needed are looked at (a carried ``.git`` folder's thousands of files are not)."""
        self.settle()
        assert self.stage is not None
        if not self._carried:
            return
        tops = tuple({relative.partition("/")[0] + "/" for relative in self._carried})
        holders: set[str] = set()
        at_files: set[str] = set()  # carried paths where this build writes a file
        for path in paths:
            if path in self._carried:
                at_files.add(path)
            if path.startswith(tops):
                folder = path.rpartition("/")[0]
                while folder and folder not in holders:
                    holders.add(folder)
                    folder = folder.rpartition("/")[0]
        in_the_way = [(relative, True) for relative in self._carried & holders] + [(relative, False) for relative in at_files]
        for relative, folder_needed in sorted(in_the_way):
            path = f"{self._stage_name}/{relative}"
            try:
                if stat.S_ISDIR(os.lstat(path).st_mode) == folder_needed:
                    continue  # a folder where one is needed; a file where one is written (it replaces it)
            except FileNotFoundError:
                continue
            discard(Path(path))  # links to the live site's files: never written through
            below = relative + "/"
            self._carried = {r for r in self._carried if r != relative and not r.startswith(below)}
            # Carrying it replaced whatever the spare tree held there (our folder, with its
            # subfolders): none of them is there any more.
            self.pages.forget_tree(path)
            self._forget_spare_tree(relative)
            what, where = ("file", f"the folder {relative}/") if folder_needed else ("folder", f"the file {relative}")
            self._foreign_dropped(relative, f"a {what} put into the output where the site writes {where}",
                                  "remove it from the output folder or move it elsewhere in it (or publish it "
                                  "through static/ under another name)")

    def _forget_spare_tree(self, relative: str) -> None:
        """Forget what :func:`_look_at_spare` noted of the folder ``relative`` and those below it:
        they were removed from the staging folder."""
        below = relative + "/"
        self._spare_real = {r for r in self._spare_real if r != relative and not r.startswith(below)}
        for gone in [r for r in self._spare_unchanged if r == relative or r.startswith(below)]:
            del self._spare_unchanged[gone]

    def _foreign_dropped(self, relative: str, what: str, hint: str) -> None:
        """Warn (``output-foreign-dropped``) that ``what`` someone put at ``relative`` is not
        carried over (``what``: "a file put into the output where …")."""
        self.warnings.append(Diagnostic(
            path=str(self.output / relative), code="output-foreign-dropped", severity=Severity.WARNING,
            message=f"{what}; not carried into the new site", hint=hint))

    def commit(self) -> None:
        """Swap the staging folder in as the output folder and drop the old one. Raises
        ``KeyboardInterrupt`` (nothing published) for a Ctrl-C Python dropped on the way
        (:func:`sitegen.interrupts.check`). A Ctrl-C from the swap on is held back to the end
        (:func:`sitegen.parallel.interrupts_held`): :attr:`published` then says truly whether the
        new site is in place (/tmp/attack45/r4-untouched-but-published.sh), and the bookkeeping
        of the swap is done."""
        assert self.stage is not None
        interrupts.check()
        self.settle()
        if self.reused_spare:
            self._remove_strays()
        self.files, self.carried = self._written | {MARKER}, set(self._carried)
        if self.known is not None:
            self.known = (self.known[0], frozenset(self.carried))
        self.blocks = [(packed, [relative for relative, _, _ in self._swept[folder][1]])
                       for folder, packed in self._blocks.items()]
        # The search index's ~20,000 files came sorted (adopt): the rest is sorted and merged with
        # them (runs that sorted() merges), not all sorted again.
        adopted = [[path for path in paths if path in self._written] for paths in self._adopted.values()]
        rest = self._written.difference(*adopted)
        paths = sorted(chain(sorted(rest), *adopted))
        if len(paths) != len(self._written):  # adopted twice (folders one inside another)
            paths = sorted(self._written)
        (self.stage / MARKER).write_text(f"{MARKER_HEADER}\n{_listing(paths, self._blocks)}", encoding="utf-8")
        replaced = None
        with interrupts_held():
            if self.output.exists() or self.output.is_symlink():
                # Once exchanged, the stage's name holds the old site: journal that too.
                self._lock.record(self.stage.name, self.output)
                if _exchange(self.stage, self.output):
                    replaced = self.stage
                else:
                    replaced = Path(tempfile.mkdtemp(prefix=_stage_prefix(self.output) + "old-", dir=self.output.parent))
                    replaced.rmdir()
                    self._lock.record(replaced.name, self.output)
                    os.rename(self.output, replaced)
                    os.rename(self.stage, self.output)
            else:
                os.rename(self.stage, self.output)
            self.published = True
            interrupts.note_published()
        if replaced is not None:  # the old site: journaled, so a Ctrl-C from here on leaves nothing behind
            self._keep_as_spare(replaced)
        self.stage = None
        self._lock.clear()
        self.marker = marker_identity(self.output)


    def _keep_as_spare(self, old_site: Path) -> None:
        """The replaced site becomes the spare tree of the next build (see :meth:`_adopt_spare`),
        or is deleted when no spare is wanted. Deleting a site is the slow part of a swap (a
        folder per page); keeping it costs one rename."""
        if self.spare is None:
            discard(old_site)
            return
        if os.path.lexists(self.spare):
            discard(self.spare)
        self.spare.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old_site, self.spare)

    def _remove_strays(self) -> None:
        """Delete what the spare tree brought that this build neither wrote nor kept nor carried
        over (pages no longer built, the old marker), then the folders left empty. Symbolic
        links are unlinked, never followed. Notes each folder left, with its identity once
        swept when it is settled (:data:`SETTLED_NS`), in :attr:`known`.

        A folder the spare tree's build recorded that still has that identity (and holds no
        stray) holds what it held then: it is not listed, and a subtree of such folders is not
        walked at all (:func:`_look_at_spare` looked at each once, in one flat pass: ~15,700
        folders at 10,000 articles, of which a one-page edit changes a few dozen)."""
        assert self.stage is not None
        # The folders made for another tool stay, even empty (the search index of a site without
        # articles): as a build into a new staging folder leaves them.
        keep = self._written | self._carried | self._handed
        settled = time.time_ns() - SETTLED_NS
        recorded, children, with_strays = self._spare_entries(keep)
        changed = self._changed_folders(keep) if recorded else set()
        # (A recorded folder where this build wrote a file was removed: stale, as a render
        # process found it; sitegen.page_writer.PageWriter.clear.)
        # A folder under a handed folder its tool's process swept is taken as that process noted
        # it (sweep_handed), or gone.
        swept_under = tuple(folder + "/" for folder in self._swept)
        unchanged = {relative: seen for relative, seen in self._spare_unchanged.items()
                     if relative not in with_strays and relative not in changed and relative not in self._written
                     and not relative.startswith(swept_under)} \
            if recorded else {}
        if self._carried:  # a file carried over may have replaced a folder (and what it held)
            unchanged = {relative: seen for relative, seen in unchanged.items()
                         if not _under_any(relative, self._carried)}
        # A folder handed to another tool may have been emptied or removed since it was looked
        # at (the search stage removes its index when Pagefind is missing or fails): it and the
        # folders above it are listed again.
        handed = set()
        for relative in self._handed:
            while relative not in handed:
                handed.add(relative)
                relative = relative.rpartition("/")[0]
        unchanged = {relative: seen for relative, seen in unchanged.items() if relative not in handed}
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
            swept = self._swept.get(relative_folder)
            if swept is not None:  # a handed folder, swept by the tool's process (sweep_handed)
                empty, notes, removed = swept
                for path in removed:
                    folders.pop(path, None)
                    self.stats.pop(path, None)
                    self.pages.forget_folder(f"{self._stage_name}/{path}")
                for relative, identity, stats in notes:
                    folders[relative] = identity
                    if stats is None:
                        self.stats.pop(relative, None)
                    else:
                        self.stats[relative] = stats
                return empty
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

    def _changed_folders(self, keep: set[str]) -> set[str]:
        """The folders of the staging folder whose entries this build changed since
        :func:`_look_at_spare`: the folder of each file or folder in ``keep`` (written, carried
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
        recorded, children, carried = known_entries(known)
        if not recorded or not isinstance(marker, tuple) or self.stage is None \
                or marker_identity(self.stage) != marker:
            return {}, {}, set()
        try:
            lines = (self.stage / MARKER).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return {}, {}, set()
        if not lines or lines[0] != MARKER_HEADER:
            return {}, {}, set()
        del lines[0]
        # A folder adopted as a block was swept by its tool's process: its files need no look.
        for folder in sorted(self._blocks, reverse=True):
            del lines[bisect.bisect_left(lines, folder + "/"):bisect.bisect_left(lines, folder + "0")]
        held = set(lines)
        for relatives in carried.values():
            held.update(relatives)
        with_strays = {relative.rpartition("/")[0] for relative in held - keep}
        # A folder it carried over may have been empty (no other folder was: the sweep removes
        # those): listed again, so that it goes when no longer carried.
        with_strays.update(known[1])
        return recorded, children, with_strays


def _look_and_carry(root: str, output: Path, ours: set[str], known: KnownFolders | None,
                    spare_known: KnownFolders | None, spare_marker: MarkerIdentity | None,
                    spare_files: "Iterable[tuple[str, FileStats]] | None" = None) -> tuple:
    """The walks of entering a :class:`StagedOutput` (staging folder ``root``, a string): the
    look at the spare tree (:func:`_look_at_spare`, when the staging folder started from it and
    ``spare_known`` is what its build recorded), then the foreign files of ``output`` carried
    over into it (:func:`sitegen.foreign_files.carry_over_foreign`, ``ours`` its marker's list,
    ``known`` its recorded folders), then, given ``spare_files``, which of them are in place
    (:func:`_files_in_place`). Returns ``(real folders, unchanged folders, relative paths
    carried over, warnings, files in place or None)``: plain data, made alike in any process."""
    real, unchanged = _look_at_spare(root, spare_known, spare_marker) if spare_known is not None else (set(), {})
    carried: set[str] = set()
    warnings = carry_over_foreign(output, Path(root), ours, carried, known)
    in_place = _files_in_place(root, real, spare_files) if spare_files is not None else None
    return real, unchanged, carried, warnings, in_place


def _look_at_spare(root: str, spare_known: KnownFolders | None, marker: MarkerIdentity | None,
                   ) -> tuple[set[str], dict[str, tuple[tuple[int, int, int], tuple[int, int, int, int]]]]:
    """Look once at each folder the spare tree's build recorded (``spare_known``), when the
    staging folder ``root`` (a string) still holds that build's :data:`MARKER` (``marker`` its
    identity then): top down, one ``lstat`` each, never following a link. Returns ``(the real
    folders, those still with their recorded identity)``, relative paths (``""`` the top one),
    the latter with ``(recorded identity, (inode, size, mtime_ns, ctime_ns))``; ``(set(), {})``
    when nothing recorded is usable. A folder whose parent is real (the top one is) and that
    is a real folder is real: the page writer then makes and checks no folder there again
    (~15,000 ``lstat`` calls at 10,000 articles); an unchanged one is not listed by the sweep of
    :meth:`StagedOutput.commit` (:meth:`StagedOutput._remove_strays`)."""
    recorded, children, _ = known_entries(spare_known)
    if not recorded or not isinstance(marker, tuple) or marker_identity(Path(root)) != marker:
        return set(), {}
    real = {""}
    unchanged: dict[str, tuple[tuple[int, int, int], tuple[int, int, int, int]]] = {}
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
    return real, unchanged


def _files_in_place(root: str, real: set[str], files: "Iterable[tuple[str, FileStats]]") -> tuple:
    """Which of ``files`` (``(relative path, (inode, size, mtime_ns, ctime_ns))`` the spare tree's build
    wrote) are still there as that regular file, in one of the ``real`` folders (relative paths,
    each checked to be a real folder under real ones, :func:`_look_at_spare`) of the staging
    folder ``root``: one ``lstat`` each (~14,600 at 10,000 articles), none followed. Returns
    ``(their relative paths joined by NUL characters, which no file name holds, then their
    inodes, sizes, mtimes and ctimes as four integer arrays)``: sent back from a forked process
    as five blocks."""
    names: list[str] = []
    columns = [array("q") for _ in range(4)]
    inodes, sizes, mtimes, ctimes = columns
    lstat, is_file = os.lstat, stat.S_ISREG
    for relative, identity in files:
        if relative.rpartition("/")[0] not in real or not is_safe_relative(relative):
            continue
        try:
            info = lstat(f"{root}/{relative}")
        except OSError:
            continue
        if is_file(info.st_mode) and (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns) == tuple(identity):
            names.append(relative)
            inodes.append(info.st_ino)
            sizes.append(info.st_size)
            mtimes.append(info.st_mtime_ns)
            ctimes.append(info.st_ctime_ns)
    return ("\0".join(names), *columns)


def _under_any(relative: str, paths: set[str]) -> bool:
    """Whether the relative POSIX path ``relative`` or a folder above it is one of ``paths``."""
    while relative:
        if relative in paths:
            return True
        relative = relative.rpartition("/")[0]
    return False


#: ``(inode, size, mtime_ns, ctime_ns)`` of a file, as :attr:`StagedOutput.stats` notes it.
FileStats = tuple[int, int, int, int]


def list_files(stage: str, relative_dir: str) -> list[tuple[str, FileStats]]:
    """``(relative path, stats)`` of every regular file under the folder ``relative_dir`` (a
    safe relative POSIX path) of the staging folder ``stage`` (a path string), for
    :meth:`StagedOutput.adopt`, sorted by path; symbolic links are neither listed nor
    followed; an absent folder lists nothing."""
    found: list[tuple[str, FileStats]] = []

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
                found.append((relative, (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)))

    visit(f"{stage}/{relative_dir}", relative_dir)
    found.sort()
    return found


def _listing(paths: list[str], blocks: dict[str, tuple]) -> str:
    """The :data:`MARKER`'s list of files: ``paths`` (sorted) with the files of each packed
    block (``{folder: pack_files(...)}``, sorted within) in their places, one a line: between
    the paths before ``folder + "/"`` and those from ``folder + "0"`` (the character after
    ``/``) on, when no path of ``paths`` lies in the folder; else everything is sorted anew."""
    parts = []
    start = 0
    for folder in sorted(blocks):
        names = blocks[folder][0]
        if not names:
            continue
        cut = bisect.bisect_left(paths, folder + "/", start)
        if cut != bisect.bisect_left(paths, folder + "0", cut):  # a path of its own in the folder
            return _listing(sorted(chain(paths, *(_names(packed) for packed in blocks.values()))), {})
        parts.extend(paths[start:cut])
        parts.append(names.replace("\0", "\n"))
        start = cut
    parts.extend(paths[start:])
    return "\n".join(parts) + "\n" if parts else ""


def _names(packed: tuple) -> list[str]:
    """The paths of a packed listing (:func:`pack_files`)."""
    return packed[0].split("\0") if packed[0] else []


def sweep_handed(stage: str, relative_dir: str, known: Mapping[str, FileStats] | None = None) -> tuple | None:
    """Sweep the folder ``relative_dir`` (a safe relative POSIX path) of the staging folder
    ``stage`` (a path string) as :meth:`StagedOutput.commit` sweeps a folder whose regular files
    are all kept, from the process of the tool that filled it, once it is done: every entry that
    is neither a regular file nor a folder is unlinked (a link is never followed), every folder
    under it left empty is removed. Returns ``(files, empty, notes, removed)``: :func:`list_files`'
    list of the files, packed (:func:`pack_files`); whether the folder itself is left empty; each
    folder left (itself included), as ``(relative path, identity, stats)`` — ``(st_dev, st_ino,
    st_mtime_ns)`` when its last change is :data:`SETTLED_NS` old, else ``None``, then ``(inode,
    size, mtime_ns, ctime_ns)`` — and the relative paths of the folders removed. ``None`` when the
    folder is missing or not a folder. Raises ``OSError`` when a folder cannot be listed.

    ``known``: ``{relative path: (inode, size, mtime_ns, ctime_ns)}`` of files whose stats the
    caller vouches for (the last output's very files, checked against the last build's record in
    this build, with no link made to them since); a regular file found with a known path and the
    known inode (from its directory entry) is noted with those stats, without an ``lstat``
    (~20,000 at 10,000 articles: ~0.1 s). Any other file is looked at."""
    settled = time.time_ns() - SETTLED_NS
    vouched = (known or {}).get
    found: list[tuple[str, FileStats]] = []
    notes: list[tuple[str, tuple[int, int, int] | None, FileStats]] = []
    removed: list[str] = []

    def visit(folder: str, relative_folder: str) -> tuple[bool, tuple]:
        """Sweep one folder: ``(whether it is left empty, its note)``."""
        left = 0
        with os.scandir(folder) as scan:
            entries = list(scan)
        for entry in entries:
            relative = f"{relative_folder}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                empty, note = visit(entry.path, relative)
                if empty:
                    os.rmdir(entry.path)
                    removed.append(relative)
                else:
                    notes.append(note)
                    left += 1
            elif entry.is_file(follow_symlinks=False):
                stats = vouched(relative)
                if stats is None or stats[0] != entry.inode():
                    info = entry.stat(follow_symlinks=False)
                    stats = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
                found.append((relative, stats))
                left += 1
            else:
                os.unlink(entry.path)
        info = os.lstat(folder)
        identity = (info.st_dev, info.st_ino, info.st_mtime_ns) if info.st_mtime_ns < settled else None
        return left == 0, (relative_folder, identity, (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))

    root = f"{stage}/{relative_dir}"
    try:
        if not stat.S_ISDIR(os.lstat(root).st_mode):
            return None
    except FileNotFoundError:
        return None
    empty, note = visit(root, relative_dir)
    notes.append(note)
    found.sort()
    return pack_files(found), empty, notes, removed


def pack_files(listed: list[tuple[str, FileStats]]) -> tuple:
    """:func:`list_files`' list as ``(the paths joined by NUL characters, which no file name
    holds, then the four stats as integer arrays)``: ~20,000 files pickled between processes as
    five blocks, not 20,000 tuples (:func:`unpack_files` reverses it)."""
    if not listed:
        return ("",)
    names, stats = zip(*listed)
    return ("\0".join(names), *(array("q", column) for column in zip(*stats)))


def unpack_files(packed: tuple) -> list[tuple[str, FileStats]]:
    """The list :func:`pack_files` packed."""
    names, *columns = packed
    return list(zip(names.split("\0"), zip(*columns))) if names else []


def _is_file_with(path: str | Path, identity: FileStats) -> bool:
    """True when ``path`` is, without following a link, the regular file with ``identity``
    ``(inode, size, mtime_ns, ctime_ns)``."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (stat.S_ISREG(info.st_mode)
            and (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns) == tuple(identity))


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
            discard(path)
    lock.clear()
    prefixes = tuple(_stage_prefix(output) + kind for kind in ("new-", "old-"))
    return [Diagnostic(path=str(p), code="foreign-staging", severity=Severity.WARNING,
                       message="looks like a sitegen staging folder, but no build of this output made it; left alone",
                       hint="delete it yourself if you do not need it")
            for p in sorted(output.parent.iterdir()) if p.name.startswith(prefixes) and p.name not in owned]
