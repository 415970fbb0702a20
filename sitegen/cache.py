"""The build cache: ``.sitegen-cache/`` beside the output folder (ignored by git, safe to delete).

It holds two things, so that a rebuild does only the work that changed:

* **loaded articles**, by a key made of the content file's bytes, its path, the site config
  and sitegen's own code (:func:`code_fingerprint`): an unchanged article is never parsed
  again, and any change to what loading depends on gives another key. The articles' records
  without their bodies are one file (``records``, read by the main process at once, with the
  journal ``records-journal`` of the changes made since it was written); the bodies
  are in pack files under ``bodies/`` (one per chunk of articles loaded together; a record
  holds its body's place in a pack), read only by the process rendering a page that shows it
  (:class:`BodyFiles`). Records not used by a build are dropped, and so are packs no record
  uses any more; a pack mostly of dropped bodies is rewritten with the others.
* **the output manifest** of each output folder (``manifest-<hash of the output path>``): for
  every file the last build wrote, the digest of its bytes (:mod:`sitegen.digests`), the ``(inode, size,
  mtime_ns)`` it had and its render key, so the next build renders and writes only what
  changed (see :func:`sitegen.writing.write_site`);
* **the spare tree** of each output folder (``spare-<hash>``): the site the last build
  replaced, which the next build updates in place of starting from an empty folder
  (deleting and recreating a folder per page is the slowest part of writing a site).

Nothing here is trusted blindly: the folder must carry :data:`STAMP` (a folder of the same name
without it is left alone, with a warning, and the build runs without a cache); an entry that
does not unpickle or names another key is discarded with a warning; a manifest entry is used
only when the old file still has the recorded inode, size and modification time. Entries are
written to a temporary name and renamed, so concurrent workers and killed builds never leave
half an entry.

No link in the cache is ever followed, for reading or writing, and no read blocks: every file
is read by :func:`open_entry` (``O_NOFOLLOW | O_NONBLOCK``, a regular file only), and a link,
folder, FIFO, device or socket where a file belongs (or anything but a real folder at
``bodies/``) is damage, removed itself (:func:`discard_entry`) with a ``cache-corrupt`` warning
and made again. Writes replace a link by renaming a new file over it
(:func:`_write_atomic`); the journal is appended only to a regular file (:func:`_append_entry`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import errno
import io
import os
import pickle
import shutil
import stat
import tempfile
from contextlib import contextmanager
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from sitegen import digests
from sitegen.digests import digest
from sitegen.errors import Diagnostic, Severity
from sitegen.images import is_own_cache
from sitegen.model import Article, Body, OtherArticleLayout, reduce_article
from sitegen.output_folder import discard, is_real_folder, open_regular

CACHE_DIR = ".sitegen-cache"
#: Where :mod:`sitegen.images` keeps its resized copies in the cache (``sitegen.pipeline.IMAGE_CACHE``).
IMAGES_DIR = "images"
#: First bytes of the ``STAMP`` file; the number changes whenever the layout does.
STAMP = "sitegen-cache 3\n"
#: The loaded articles' records (everything but their bodies), one file (:meth:`BuildCache.records`).
RECORDS_FILE = "records"
#: The changes to :data:`RECORDS_FILE` made since it was written, appended one frame per build
#: (:meth:`BuildCache.save_records`): an edit writes its own records, not all 10,000 again.
RECORDS_JOURNAL = "records-journal"
#: The journal is folded into a rewritten records file once it would pass this share of the
#: file's size, or :data:`JOURNAL_MIN_LIMIT` bytes when that is more (a small site's records).
JOURNAL_MAX_SHARE = 0.25
JOURNAL_MIN_LIMIT = 64 * 1024
#: Bytes before each journal frame: the frame's length (little-endian).
_FRAME_HEAD = 8
#: The articles' bodies, in pack files named by their digest (:class:`BodyFiles`).
BODIES_DIR = "bodies"
#: A pack whose bodies still in use fill less than this share of it is rewritten with them only.
PACK_MIN_USED = 0.5
_PACKAGE = Path(__file__).resolve().parent


def output_name(output: Path) -> str:
    """The name of the output folder ``output`` in the names of its own cache entries (its
    manifest, spare tree and nothing-changed snapshot): hex BLAKE2b-128 of its absolute path.
    A name, not a content hash: it stays what earlier versions gave (they used the cache's
    digest, BLAKE2b-128, until 2026-12-06), so a new version finds the entries the last build
    left — the output's marker is trusted only as its manifest recorded it, and entries under
    another name would stay in the cache for good."""
    return hashlib.blake2b(str(output.absolute()).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """Digest of sitegen's own files (its Python code and message catalogues): a changed
    loader or renderer never reuses what an older one made, even within one version. Read
    once a process (~5 ms; a build asks five times): the code running is what was imported,
    whatever the files say later."""
    hasher = digests.hasher()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".po", ".mo") and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digests.hex_of(hasher)


def spare_folder_in(folder: Path, output: Path) -> Path:
    """The spare tree of ``output`` in the cache folder ``folder``: ``spare-<output_name>``."""
    return folder / f"spare-{output_name(output)}"


def cache_folder(output: Path) -> Path:
    """Where the cache of a build into ``output`` lives: ``.sitegen-cache`` beside it."""
    return output.absolute().parent / CACHE_DIR


class Written(tuple):
    """The output manifest's record of one file: the ``digest`` of its bytes, its ``(inode,
    size, mtime_ns, ctime_ns)`` ``identity`` in the output, and the ``render_key`` and site parts read
    (``used``) of its last render. A tuple: the manifest holds ~15,000 each of this build's
    and the last one's at 10,000 articles. The manifest keeps them as columns
    (:meth:`BuildCache.save_manifest`), so pickling neither calls :meth:`__reduce__` nor
    unpickling the constructor once per record."""

    __slots__ = ()

    def __new__(cls, digest: str, identity: tuple[int, int, int, int], render_key: str, used: frozenset[str]):
        return tuple.__new__(cls, (digest, identity, render_key, used))

    def __reduce__(self):
        return Written, tuple(self)

    digest = property(itemgetter(0))
    identity = property(itemgetter(1))
    render_key = property(itemgetter(2))
    used = property(itemgetter(3))


#: Part of the output manifest's file name; changes when its records do (``-2``: records are
#: tuples, ``-3``: kept as columns, ``-4``: the last manifest's own part carried as its bytes).
#: The earlier layouts' files are deleted when a manifest is saved.
MANIFEST_VERSION = "-4"
_OLD_MANIFEST_VERSIONS = ("", "-2", "-3")
#: Marks a ``{path: Written}`` dict of the manifest kept as columns (:func:`_record_columns`).
_COLUMNS = "written-columns"
_MAKE_WRITTEN = partial(tuple.__new__, Written)


class ContentKeys(NamedTuple):
    """The cache keys of a build's content files, in the order of its content walk, as its
    inputs' digest saw them (:meth:`BuildCache.content_keys`, made where that digest is made:
    in a forked child while the build imports its stages). ``keys``: each file's key
    (:meth:`BuildCache.article_key` of its path and bytes), ``None`` for a raw dump (whose key
    holds the site chrome, learnt from every dump by the load stage) and for a file the loader
    must see to report it; ``raw``: the positions of the raw dumps."""

    keys: tuple[str | None, ...]
    raw: tuple[int, ...]


class BuildCache:
    """An open build cache. Made by :meth:`open`; pickles into worker processes.

    ``salt`` is mixed into every article key (the config and code fingerprint).
    ``warnings`` collects what was discarded.
    """

    def __init__(self, folder: Path, salt: str, created: bool = False):
        self.folder = folder
        self.salt = salt
        self.created = created
        self.warnings: list[Diagnostic] = []
        # What the records file and its journal hold (:meth:`records`, :meth:`save_records`):
        # every record by key, the records file's id and size, the journal's size. None: unknown.
        self._stored: tuple[dict, str, int, int] | None = None
        # The pickled carriable values of the manifest read last for each output (:meth:`manifest`).
        self._own_parts: dict[Path, bytes] = {}

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_stored": None, "_own_parts": {}}  # worker processes never save these

    @classmethod
    def open(cls, folder: Path, salt: str, clean: bool) -> tuple["BuildCache | None", list[Diagnostic]]:
        """``(cache, warnings)`` for the cache in ``folder``, created when missing and emptied
        first with ``clean``. A cache of another layout version is deleted and started afresh
        (``cache-discarded``); a folder of that name that no sitegen made (no ``STAMP``) is
        neither used nor changed: ``(None, [cache-foreign warning])``. An unstamped folder is
        adopted only when empty or an older sitegen's (:func:`_older_cache`). The files of a save
        left unfinished by a killed build are deleted (:func:`_remove_unfinished_writes`)."""
        stamp = folder / "STAMP"
        warnings = []
        adoptable = _older_cache(folder)
        if folder.is_symlink() or (folder.exists() and not adoptable and not _stamp(folder).startswith("sitegen-cache ")):
            return None, [Diagnostic(
                path=str(folder), code="cache-foreign", severity=Severity.WARNING,
                message="this folder is not a sitegen build cache; built without a cache and left as it is",
                hint="delete or rename it to let sitegen keep its cache there")]
        if folder.exists() and not adoptable and _stamp(folder) != STAMP:
            warnings.append(Diagnostic(path=str(folder), code="cache-discarded", severity=Severity.WARNING,
                                       message="build cache of another sitegen version discarded",
                                       hint="nothing to do: it is rebuilt"))
            clean = True
        if clean and folder.exists():
            _empty(folder)
        created = not folder.exists()
        bodies = folder / BODIES_DIR
        if os.path.lexists(bodies) and not is_real_folder(bodies):
            # A link there would take the packs (and their deletion) elsewhere. Without the
            # packs the records name no body: they go too, and every article is loaded again.
            discard_entry(bodies, warnings)
            discard(folder / RECORDS_FILE)
            discard(folder / RECORDS_JOURNAL)
        bodies.mkdir(parents=True, exist_ok=True)
        if not stamp.exists():
            stamp.write_text(STAMP, encoding="utf-8")
        for place in (folder, bodies):
            _remove_unfinished_writes(place)
        return cls(folder, salt, created), warnings

    def abandon(self) -> None:
        """After a build that wrote nothing (exit 2): remove the cache folder if this build
        created it, so a failed first build leaves the site folder as it found it. (Entries
        added to an existing cache stay: they are keyed by content and remain true.)"""
        if self.created:
            shutil.rmtree(self.folder, ignore_errors=True)

    @contextmanager
    def saving(self, path: Path):
        """Run the block that saves the cache file ``path`` once the new site is in place: an
        ``OSError`` there (a full disk, a folder made read-only) is no failure of the build,
        only a ``cache-write-failed`` warning in :attr:`warnings` naming the file (the next
        build does again the work it would have saved)."""
        try:
            yield
        except OSError as exc:
            self.warnings.append(write_failed(path, exc))

    # ---------------------------------------------------------------- articles

    def article_key(self, source: str, data: bytes) -> str:
        """The key of a content file's loaded article: its path (as shown), bytes and the salt."""
        return digest(b"\0".join((self.salt.encode(), source.encode("utf-8", "surrogateescape"), data)))

    def content_key(self, name: str, data_digest: str, chrome: bytes = b"\0") -> str:
        """The key of the content file ``name`` (its path as text) whose bytes digest to
        ``data_digest``: :meth:`article_key` of its path and that digest after ``chrome``, what
        a raw dump's key holds of the site chrome learnt from every dump
        (:func:`sitegen.loading._chrome_part`; ``b"\\0"`` for any other file)."""
        return self.article_key(name, chrome + data_digest.encode())

    def content_keys(self, names: list[str], digests: list[str | None], raw: tuple[int, ...]) -> "ContentKeys":
        """The :class:`ContentKeys` of the content files ``names`` (paths as text) whose bytes
        digest to ``digests`` (``None``: a file the loader must see to report it); ``raw``: the
        positions of the raw dumps among them."""
        keys = [None if found is None else self.content_key(name, found) for name, found in zip(names, digests)]
        for i in raw:
            keys[i] = None
        return ContentKeys(tuple(keys), raw)

    @property
    def bodies(self) -> "BodyFiles":
        """The store of this cache's article bodies (``bodies/``)."""
        return BodyFiles(self.folder / BODIES_DIR)

    def records(self) -> dict:
        """The loaded articles of the last build, ``{key: Loaded}`` (bodies stored, see
        :meth:`save_records`): the records file with its journal's changes applied; only those
        whose body's pack is there and long enough to hold it (the others are loaded again,
        with a ``cache-corrupt`` warning per pack in :attr:`warnings`). Empty when missing; a
        damaged records file or journal deletes both with a ``cache-corrupt`` warning (every
        article is loaded again); so does one of articles with other fields (kept by the
        sitegen before an upgrade: :class:`~sitegen.model.OtherArticleLayout`), unreported. A journal written against an earlier records file (a build
        stopped between rewriting the file and deleting the journal) is deleted unread."""
        path = self.folder / RECORDS_FILE
        store = self.bodies
        self._stored = None
        try:
            data = read_entry(path, self.warnings)
        except OSError:
            data = None
        if data is None:
            return {}
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of objects, none garbage: each collection would walk them all
        try:
            kind, records, *rest = pickle.loads(data)
            if kind != RECORDS_FILE:
                raise ValueError(kind)
            records = _joined_parts(records)
            base = rest[0] if rest and isinstance(rest[0], str) else ""
            journal, frames = self._read_journal(base) if base else (0, [])
            for added, removed in frames:
                for key in removed:
                    records.pop(key, None)
                records.update(added)
        except OtherArticleLayout:  # kept by a sitegen with other article fields (an upgrade): no damage to report
            self.forget_records()
            return {}
        except Exception as exc:  # noqa: BLE001 - any damage means: do not trust it
            self.warnings.append(Diagnostic(path=str(path), code="cache-corrupt", severity=Severity.WARNING,
                                            message=f"damaged cache of loaded articles discarded ({type(exc).__name__})",
                                            hint="nothing to do: the articles are loaded again"))
            self.forget_records()
            return {}
        finally:
            if collecting:
                gc.enable()
        self._stored = (dict(records), base, len(data), journal) if base else None
        sizes: dict[str, int | None] = {}
        lost: dict[str, int] = {}
        whole = {}
        for key, loaded in records.items():
            body = loaded.article.body
            body.store = store  # saved without one (_stored_body)
            pack, offset, length = body.location
            if pack not in sizes:
                sizes[pack] = store.size(pack)
            if sizes[pack] is not None and offset + length <= sizes[pack]:
                whole[key] = loaded
            else:
                lost[pack] = lost.get(pack, 0) + 1
        for pack, count in lost.items():
            self.warnings.append(Diagnostic(path=str(store.path(pack)), code="cache-corrupt", severity=Severity.WARNING,
                                            message=f"cached article bodies missing or damaged ({count} articles)",
                                            hint="nothing to do: their articles are loaded again"))
        return whole

    def _read_journal(self, base: str) -> tuple[int, list[tuple[dict, tuple]]]:
        """``(size in bytes, frames)`` of the journal of the records file whose id is ``base``:
        each frame ``({key: Loaded} added, keys removed)``, oldest first; ``(0, [])`` when there
        is none, or when it belongs to another records file (it is then deleted). Raises
        ``ValueError`` (or what unpickling raises) for a damaged one, and for anything but a
        regular file there (removed, never followed)."""
        path = self.folder / RECORDS_JOURNAL
        damage: list[Diagnostic] = []
        data = read_entry(path, damage)
        if damage:  # removed: without its frames the records file is not trusted either
            raise ValueError("journal not a regular file")
        if data is None:
            return 0, []
        frames: list[tuple[dict, tuple]] = []
        position = 0
        while position < len(data):
            length = int.from_bytes(data[position:position + _FRAME_HEAD], "little")
            start, position = position + _FRAME_HEAD, position + _FRAME_HEAD + length
            if position > len(data):
                raise ValueError("journal cut short")
            kind, frame_base, added, removed = pickle.loads(data[start:position])
            if kind != RECORDS_JOURNAL or not isinstance(added, dict) or not isinstance(removed, tuple):
                raise ValueError(kind)
            if frame_base != base:
                discard(path)
                return 0, []
            frames.append((added, removed))
        return len(data), frames

    def forget_records(self) -> None:
        """Drop the records file and its journal: the next build loads every article again."""
        discard(self.folder / RECORDS_FILE)
        discard(self.folder / RECORDS_JOURNAL)
        self._stored = None

    def release_records(self) -> None:
        """Let go of what this cache remembers of the records file and journal (every record by
        key, for :meth:`save_records` to append only a change): a build saves its records once,
        and the references kept the records' wrappers alive through the render stage (~1.6 MiB
        at 10,000 articles, in the main process and again in a forked render worker). A later
        :meth:`save_records` rewrites the records file whole."""
        self._stored = None

    def save_records(self, records: dict, dropped: set[str] = frozenset(),
                     parts: tuple[bytes, ...] | None = None) -> None:
        """Keep ``records`` (``{key: Loaded}`` whose articles' bodies are in :attr:`bodies`) as
        the articles :meth:`records` gives the next build: in one file (one read instead of a
        file per article), or, when this cache read or saved the records before, as the change
        since then appended to the journal (the file rewritten whole once the journal would grow
        past its limit, :data:`JOURNAL_MAX_SHARE`, or when a pack was rewritten). ``dropped`` names
        packs the last records used: those no record uses now are deleted, and those whose used bodies fill less than :data:`PACK_MIN_USED` of
        them are rewritten with those bodies only (the records' bodies are moved there, in
        place). ``parts``: ``records`` pickled already, in parts (:func:`pack_records`, made
        where the articles were loaded; together exactly ``records``), written as they are when
        the file is rewritten whole, so this process does not pickle them again (~0.2 s at
        10,000 articles). Raises :class:`~sitegen.model.BodyUnreadable` when a body to move is
        damaged."""
        store = self.bodies
        used: dict[str, dict[tuple[int, int], list[Body]]] = {}
        for loaded in records.values():
            body = loaded.article.body
            pack, offset, length = body.location
            used.setdefault(pack, {}).setdefault((offset, length), []).append(body)
        emptied = set()
        for pack in dropped & used.keys():
            size = store.size(pack)
            if size and sum(length for _, length in used[pack]) < PACK_MIN_USED * size:
                store.repack(pack, [bodies for _, bodies in sorted(used[pack].items())])
                emptied.add(pack)
        if emptied or not self._append_records(records):
            base = os.urandom(8).hex()
            data = _pickle_records((RECORDS_FILE, records if emptied or parts is None else parts, base))
            _write_atomic(self.folder / RECORDS_FILE, data)
            discard(self.folder / RECORDS_JOURNAL)
            self._stored = (dict(records), base, len(data), 0)
        in_use = used.keys()
        if emptied:
            # A pack is named by its bodies: one written by a repack may bear the name of a
            # pack no record used before it (two articles of one body), which must stay.
            in_use = {loaded.article.body.location[0] for loaded in records.values()}
        for gone in (dropped | emptied) - in_use:
            discard(store.path(gone))

    def _append_records(self, records: dict) -> bool:
        """Append to the journal the change from what the records file and journal hold to
        ``records`` (records are compared by identity: an unchanged one is the object that
        :meth:`records` gave); ``False`` when that is unknown (no :meth:`records` read or
        save by this cache) or the journal would grow past its limit
        (:data:`JOURNAL_MAX_SHARE`): the file is then rewritten whole."""
        if self._stored is None:
            return False
        stored, base, size, journal = self._stored
        removed = tuple(key for key in stored if key not in records)
        added = {key: loaded for key, loaded in records.items() if stored.get(key) is not loaded}
        if not removed and not added:
            return True
        frame = _pickle_records((RECORDS_JOURNAL, base, added, removed))
        if journal + _FRAME_HEAD + len(frame) > max(JOURNAL_MAX_SHARE * size, JOURNAL_MIN_LIMIT):
            return False
        if not _append_entry(self.folder / RECORDS_JOURNAL, len(frame).to_bytes(_FRAME_HEAD, "little") + frame):
            return False
        for key in removed:
            del stored[key]
        stored.update(added)
        self._stored = (stored, base, size, journal + _FRAME_HEAD + len(frame))
        return True

    # ---------------------------------------------------------------- values kept between builds

    def value(self, name: str):
        """The value last kept under ``name`` by :meth:`keep` (``None``: none, or damaged or
        unreadable, with a ``cache-corrupt`` warning in :attr:`warnings`; a link or anything but
        a regular file there is removed)."""
        path = self.folder / f"value-{name}"
        try:
            data = read_entry(path, self.warnings)
        except OSError:  # a regular file this user cannot read: the next keep replaces it
            unreadable_entry(path, self.warnings)
            return None
        if data is None:
            return None
        try:
            kind, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - damage only costs computing it again
            unreadable_entry(path, self.warnings)
            return None
        return value if kind == name else None

    def keep(self, name: str, value) -> None:
        """Keep ``value`` (plain data: strings, numbers, tuples, dicts) under ``name``."""
        _write_atomic(self.folder / f"value-{name}", pickle.dumps((name, value), protocol=pickle.HIGHEST_PROTOCOL))

    # ---------------------------------------------------------------- output manifest

    def manifest_path(self, output: Path, version: str = MANIFEST_VERSION) -> Path:
        """The file holding the output manifest of ``output`` (of the layout ``version``)."""
        return self.folder / f"manifest{version}-{output_name(output)}"

    def manifest(self, output: Path, repair: bool = True) -> dict | None:
        """What the last build into ``output`` recorded about the files it left there (see
        :func:`sitegen.writing.write_site`): its own values and those it carried over from the
        build before (:meth:`save_manifest`); empty when unknown or damaged. A damaged one is
        removed with a ``cache-corrupt`` warning in :attr:`warnings`; unless ``repair`` is
        false (a look before the build knows it will write anything): then ``None`` is given
        instead, nothing is removed or reported, and the look with ``repair`` does both."""
        path = self.manifest_path(output)
        self._own_parts.pop(output, None)
        try:
            data = read_entry(path, self.warnings, repair)
        except OSError:
            data = b""
        if data is None:
            return {} if repair or not os.path.lexists(path) else None
        try:
            stream = io.BytesIO(data)
            rest = self._manifest_part(pickle.load(stream))
            start = stream.tell()
            carriable = self._manifest_part(pickle.load(stream))
            carriable_bytes = data[start:stream.tell()]
            kind, renames = pickle.load(stream)
            if kind != "carried" or not isinstance(renames, dict):
                raise ValueError(kind)
            last = self._manifest_part(pickle.load(stream)) if renames else {}
            if stream.read(1):
                raise ValueError("trailing bytes")
            carried = {name: last[old] for name, old in renames.items() if old in last}
        except Exception:  # noqa: BLE001 - any damage means: do not trust it
            if not repair:
                return None
            self.warnings.append(Diagnostic(path=str(path), code="cache-corrupt", severity=Severity.WARNING,
                                            message="damaged output manifest discarded",
                                            hint="nothing to do: every file is written again"))
            discard(path)
            return {}
        self._own_parts[output] = carriable_bytes
        return {**carried, **rest, **carriable}

    def save_manifest(self, output: Path, manifest: dict, carried: dict[str, str] | None = None) -> None:
        """Keep ``manifest`` (a dict of plain values) as what the last build into ``output``
        recorded; a value that is a dict of :class:`Written` records only is kept as columns
        (the paths, then each field's values in the same order: ~30,000 records at 10,000
        articles pickle and unpickle as a few long tuples).

        ``carried`` (``{name: name of the last manifest's}``) adds values of the manifest
        :meth:`manifest` read last for ``output`` under new names, as the very bytes they were
        read from (not pickled again: ~15,000 records and folders at 10,000 articles). Only the
        values the last save named as sources of ``carried`` can be carried (they are pickled
        apart for it); a name the last manifest lacked (or none was read) is left out, and
        :meth:`manifest` then gives no value for it. Layout: a pickle of the values no
        ``carried`` names, one of those it names, the renames, the carried bytes."""
        sources = set((carried or {}).values())
        encoded = {name: _record_columns(value) if _all_written(value) else value for name, value in manifest.items()}
        last = self._own_parts.get(output)
        renames = dict(carried or {}) if last is not None else {}
        _dump_atomic(self.manifest_path(output), (("manifest", {n: v for n, v in encoded.items() if n not in sources}),
                                                  ("manifest", {n: v for n, v in encoded.items() if n in sources}),
                                                  ("carried", renames)),
                     last if renames else b"")
        self._own_parts.pop(output, None)
        for version in _OLD_MANIFEST_VERSIONS:  # the earlier layouts', which this one replaces
            discard(self.manifest_path(output, version))

    def spare_folder(self, output: Path) -> Path:
        """Where the site replaced by the last build into ``output`` is kept as the next build's
        starting point (:class:`sitegen.writer.StagedOutput`)."""
        return spare_folder_in(self.folder, output)

    @staticmethod
    def _manifest_part(value) -> dict:
        """The values of one pickled part of a manifest (``("manifest", {name: value})``, a
        :class:`Written` dict as columns); raises ``ValueError`` for anything else."""
        kind, part = value
        if kind != "manifest" or not isinstance(part, dict):
            raise ValueError(kind)
        return {name: _from_columns(item) if isinstance(item, tuple) and item[:1] == (_COLUMNS,) else item
                for name, item in part.items()}


class BodyFiles:
    """Article bodies stored in pack files, ``bodies/<digest of its bodies' digests>.pack``: the
    :meth:`~sitegen.model.Body.encode` bytes of a chunk of bodies one after the other (one file
    written per chunk of articles loaded together, not one per article); a stored body knows
    its :data:`~sitegen.model.Location` and is read only where a page shows it.
    Pickles (into worker processes) as its folder."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, pack: str) -> Path:
        return self.folder / pack

    def pack(self, bodies: list[Body]) -> list[Body]:
        """Store held ``bodies`` in one new pack and return the stored references to them (in
        the same order), which hold no text. Raises ``OSError`` when the pack cannot be written."""
        if not bodies:
            return []
        encoded = [body.encode_with_digest() for body in bodies]
        data = b"".join(data for data, _ in encoded)
        # Named by its bodies' digests and lengths, which name its bytes as well as a digest of
        # them would, without hashing ~20 KB a body a second time (each body's digest is checked
        # where it is read).
        name = digest(" ".join(f"{body_digest}:{len(body_data)}" for body_data, body_digest in encoded).encode()) + ".pack"
        _write_atomic(self.path(name), data)
        stored, offset = [], 0
        for body, (data, body_digest) in zip(bodies, encoded):
            stored.append(Body.stored(body_digest, body.text_identity, (name, offset, len(data)), self))
            offset += len(data)
        return stored

    def put(self, body: Body) -> Body:
        """Store one held ``body`` (a pack of its own) and return the stored reference to it."""
        return self.pack([body])[0]

    def repack(self, pack: str, groups: list[list[Body]]) -> None:
        """Move the stored bodies of ``pack`` (``groups``: the references to one body each)
        into a new pack; ``pack`` itself is left for the caller to delete once no reference
        uses it (the new pack may bear the name of another one: a pack is named by its
        bodies). Raises :class:`~sitegen.model.BodyUnreadable` when one is gone or damaged."""
        held = [Body(group[0].html, group[0].blocks) for group in groups]
        for group, moved in zip(groups, self.pack(held)):
            for body in group:
                body.location = moved.location

    def read(self, location: tuple[str, int, int]) -> bytes:
        """The stored bytes at ``location`` (``(pack, offset, length)``); raises ``OSError``
        when the pack is missing or too short."""
        pack, offset, length = location
        handle = open_regular(self.path(pack))
        if handle is None:
            raise OSError(f"{pack} is not a regular file")
        try:
            data = os.pread(handle, length, offset)
        finally:
            os.close(handle)
        if len(data) != length:
            raise OSError(f"{pack} is cut short")
        return data

    def size(self, pack: str) -> int | None:
        """The size in bytes of ``pack``; ``None`` when missing or not a regular file (a link is
        not followed)."""
        try:
            info = os.lstat(self.path(pack))
        except OSError:
            return None
        return info.st_size if stat.S_ISREG(info.st_mode) else None

    def __eq__(self, other) -> bool:
        return isinstance(other, BodyFiles) and self.folder == other.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def _stored_body(body: Body):
    """Pickle a record's body in :data:`RECORDS_FILE` as its reference without a store (the
    cache reading the file is its store). Raises ``ValueError`` for a held body."""
    if body.held:
        raise ValueError("a record's body must be stored first")
    return Body.stored, (body.digest, body.text_identity, body.location, None)


#: How :meth:`BuildCache.save_records` pickles (a dispatch table is consulted in C per type).
_STORED_BODIES = {Body: _stored_body, Article: reduce_article}


def _pickle_records(value) -> bytes:
    """``value`` (holding records) pickled with their bodies as references (:func:`_stored_body`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _STORED_BODIES
    pickler.dump(value)
    return buffer.getvalue()


def pack_records(records: dict) -> bytes:
    """``records`` (``{key: Loaded}``, bodies stored) pickled as one part of a records file
    (:meth:`BuildCache.save_records`'s ``parts``; :func:`unpack_records` reads it back).
    Raises ``ValueError`` for a record whose body is held."""
    return _pickle_records(records)


def unpack_records(part: bytes, store: "BodyFiles | None" = None) -> dict:
    """The ``{key: Loaded}`` of a :func:`pack_records` part, their bodies read from ``store``.
    Raises ``ValueError`` (or what unpickling raises) for anything else."""
    records = pickle.loads(part)
    if not isinstance(records, dict):
        raise ValueError("records part of another shape")
    if store is not None:
        for loaded in records.values():
            loaded.article.body.store = store
    return records


def _joined_parts(records) -> dict:
    """The records of a records file: its dict (a whole pickle), or its parts' dicts joined (a
    tuple of :func:`pack_records` parts). Raises ``ValueError`` for anything else."""
    if isinstance(records, dict):
        return records
    if not isinstance(records, tuple) or not all(isinstance(part, bytes) for part in records):
        raise ValueError("records of another shape")
    joined: dict = {}
    for part in records:
        joined.update(unpack_records(part))
    return joined


def _empty(folder: Path) -> None:
    """Delete the cache in ``folder``, its ``STAMP`` last: a build stopped halfway leaves a
    stamped cache holding fewer entries (each still true), never an unstamped folder that
    every later build would take for someone else's (``cache-foreign``)."""
    for entry in os.scandir(folder):
        if entry.name == "STAMP":
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    shutil.rmtree(folder)


def _older_cache(folder: Path) -> bool:
    """Whether ``folder`` (no ``STAMP``) is empty or what a sitegen older than the build cache
    left: only :data:`IMAGES_DIR` with nothing but resized copies in it
    (:func:`sitegen.images.is_own_cache`: a real folder, no link, no file of anyone else's)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    try:
        names = set(os.listdir(folder))
    except OSError:
        return False
    return names <= {IMAGES_DIR} and (not names or is_own_cache(folder / IMAGES_DIR))


def _stamp(folder: Path) -> str:
    """The text of ``folder``'s STAMP file ('' when missing, unreadable or not a regular file:
    never followed, and left as it is, for the folder may be someone else's)."""
    handle = None
    try:
        handle = open_regular(folder / "STAMP")
        if handle is None:
            return ""
        with os.fdopen(handle, "rb") as file:
            handle = None
            return file.read(len(STAMP) + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    finally:
        if handle is not None:
            os.close(handle)


def _all_written(value) -> bool:
    return isinstance(value, dict) and all(type(record) is Written for record in value.values())


def _record_columns(records: dict) -> tuple:
    """``(marker, paths, columns)`` of a ``{path: Written}`` dict: ``columns`` holds the
    records' digests, identities, render keys and read parts, each in the order of ``paths``."""
    return _COLUMNS, tuple(records), tuple(zip(*records.values()))


def write_failed(path: Path, exc: OSError) -> Diagnostic:
    """The ``cache-write-failed`` warning of the cache file ``path`` not saved once the new
    site was in place (:meth:`BuildCache.saving`)."""
    return Diagnostic(path=str(path), code="cache-write-failed", severity=Severity.WARNING,
                      message=f"the site is built, but this build cache file could not be saved ({exc.strerror or exc})",
                      hint="the next build will be slower; check the free disk space and that the cache folder is writable")


def _from_columns(encoded: tuple) -> dict:
    """The ``{path: Written}`` dict of :func:`_record_columns`; raises ``ValueError`` for
    anything not of its shape (the manifest is then discarded as damaged)."""
    _, paths, columns = encoded
    if not (isinstance(paths, tuple) and isinstance(columns, tuple)
            and (len(columns) == 4 or not paths and not columns)
            and all(isinstance(column, tuple) and len(column) == len(paths) for column in columns)):
        raise ValueError("output manifest records of another shape")
    return dict(zip(paths, map(_MAKE_WRITTEN, zip(*columns))))


def open_entry(path: Path, warnings: list[Diagnostic] | None = None, repair: bool = True):
    """A binary file object reading the cache file at ``path``; ``None`` when it is missing,
    or when anything but a regular file is there (a link, folder, FIFO, device or socket: never
    followed nor waited on), which is damage: removed itself (:func:`discard_entry`) with a
    ``cache-corrupt`` warning added to ``warnings``, unless ``repair`` is false (a look from
    another process, which leaves the damage to the build's own look to remove and report).
    Raises ``OSError`` when a regular file there cannot be read."""
    try:
        handle = open_regular(path)
    except FileNotFoundError:
        return None
    if handle is None:
        if repair:
            discard_entry(path, warnings)
        return None
    return os.fdopen(handle, "rb")


def read_entry(path: Path, warnings: list[Diagnostic] | None = None, repair: bool = True) -> bytes | None:
    """The bytes of the cache file at ``path`` (:func:`open_entry`: ``None`` when missing or
    not a regular file, which is then removed with a warning in ``warnings`` unless ``repair``
    is false). Raises ``OSError`` when a regular file there cannot be read."""
    file = open_entry(path, warnings, repair)
    if file is None:
        return None
    with file:
        return file.read()


def unreadable_entry(path: Path, warnings: list[Diagnostic] | None) -> None:
    """Add to ``warnings`` (when given) the ``cache-corrupt`` warning of the cache file ``path``,
    a regular file whose bytes are not what sitegen writes there (cut short, overwritten): it
    is not used, and the next save replaces it."""
    if warnings is not None:
        warnings.append(Diagnostic(path=str(path), code="cache-corrupt", severity=Severity.WARNING,
                                   message="damaged cache entry (unreadable) not used",
                                   hint="nothing to do: it is made again"))


def discard_entry(path: Path, warnings: list[Diagnostic] | None = None) -> None:
    """Remove the damaged cache entry ``path`` (a link or special file where a file or the
    ``bodies`` folder belongs, a folder where a file does) without following it, adding a
    ``cache-corrupt`` warning to ``warnings``: that it was removed, or, when it is still there
    (a folder holding what the build's user may not delete), that it must be removed by hand."""
    discard(path)
    if warnings is None:
        return
    if os.path.lexists(path):
        warnings.append(Diagnostic(path=str(path), code="cache-corrupt", severity=Severity.WARNING,
                                   message="cache entry of the wrong kind (a link, folder or special file) "
                                           "that could not be removed; it is not followed",
                                   hint=f"remove it by hand (rm -r '{path}') or delete the cache folder: "
                                        "until then builds may fail to save the cache"))
    else:
        warnings.append(Diagnostic(path=str(path), code="cache-corrupt", severity=Severity.WARNING,
                                   message="cache entry of the wrong kind (a link, folder or special file) "
                                           "removed, not followed",
                                   hint="nothing to do: it is made again"))


def _append_entry(path: Path, data: bytes) -> bool:
    """Append ``data`` to the cache file ``path`` (made when missing); ``False``, writing
    nothing, when anything but a regular file is there (a link is never followed)."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
                         0o666)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
            return False
        raise
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return False
        with os.fdopen(handle, "wb", closefd=False) as file:
            file.write(data)
    finally:
        os.close(handle)
    return True


#: The start of the name of a file :func:`_write_atomic` writes before renaming it into place.
_UNFINISHED_PREFIX = ".tmp-"


def _remove_unfinished_writes(folder: Path) -> None:
    """Delete the files :func:`_write_atomic` left unrenamed in ``folder`` (a save killed
    halfway: a build stopped with ``kill -9``, or a save apart ended with its interrupted build);
    called under the cache lock, when no save is under way. Links and folders of that name are
    left alone (never followed)."""
    try:
        with os.scandir(folder) as entries:
            unfinished = [entry.path for entry in entries
                          if entry.name.startswith(_UNFINISHED_PREFIX) and entry.is_file(follow_symlinks=False)]
    except OSError:
        return
    for path in unfinished:
        try:
            os.unlink(path)
        except OSError:
            pass


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` whole: a new temporary file beside it (made exclusively, so no link is
    followed) renamed over it, which replaces a link there rather than writing through it; a
    folder in its place is removed first (:func:`sitegen.output_folder.discard`)."""
    _dump_atomic(path, (), data)


def _dump_atomic(path: Path, values, tail: bytes = b"") -> None:
    """Write ``path`` whole as :func:`_write_atomic` does: the pickles of ``values`` (an
    iterable, each pickled apart, protocol :data:`pickle.HIGHEST_PROTOCOL`) one after the
    other, then the bytes ``tail``. The same bytes as the pickles made first and joined, but
    pickled into the file as they are made: a cache file of a few MiB is neither held whole
    nor copied (at 10,000 articles the output manifest's ~6.7 MiB were ~8 ms of an edit's end
    in fresh memory alone)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=_UNFINISHED_PREFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            for value in values:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            file.write(tail)
        if is_real_folder(path):
            discard(path)
        os.replace(temporary, path)
    except BaseException:
        # Ctrl-C may come after the rename: the temporary file is gone then, and the interrupt,
        # not the look for it, is what the caller must see (/tmp/attack44/r2-write-atomic-ctrl-c.sh).
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
