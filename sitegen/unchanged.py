"""The nothing-changed fast path: a rebuild whose inputs, clock window and output are as the
last build left them writes nothing and renders nothing.

After every complete build into an output folder, :func:`record` saves a :class:`Snapshot`
in the build cache (``unchanged-<hash of the output path>``):

* ``inputs``: a digest of everything the site's bytes depend on besides the clock — sitegen's
  code, the versions of the output libraries and of Pagefind, the build options, the config,
  ``authors.yaml``, every template and static file, and the name and bytes of every content file
  and asset (bytes through :class:`~sitegen.signatures.SourceIndex`: an unchanged file is only
  stat'ed) — and the digest of the URL ledger the build left;
* the build clock and ``events``: every instant at which the same inputs give other output as
  the clock passes it (:func:`clock_events`). A later clock with no event between it and the
  recorded one gives the same site;
* ``output``: ``(inode, size, mtime_ns, ctime_ns)`` of every file the build wrote and every
  folder of the output, so a file changed, added, removed or replaced there by anyone since is
  noticed (adding or removing an entry changes its folder's mtime); the search index's files
  are kept as the blocks the writer adopted them in (``blocks``: paths joined, identities as
  integer arrays, :func:`sitegen.writer.pack_files`);
* the build's result (counts and diagnostics), reported again by the fast path.

:func:`still_valid` checks all of that (under the output's lock, only when no killed build
left journaled folders behind); any difference means a full build, which records anew.
"""

from __future__ import annotations

import bisect
import os
import pickle
import stat
import struct
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import chain
from pathlib import Path

from sitegen.cache import _dump_atomic, open_entry, output_name, unreadable_entry
from sitegen.errors import Diagnostic
from sitegen.model import Article
from sitegen.writer import unpack_files

_FORMAT = "sitegen-unchanged 6"

Identity = tuple[int, int, int, int]
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICROSECOND = timedelta(microseconds=1)
#: How long an article stays in the news sitemap after its date (:mod:`sitegen.sitemaps`, which
#: takes it from here: the nothing-changed path reads the clock events before, and without,
#: the sitemaps' module and the feeds' it imports).
NEWS_WINDOW = timedelta(days=2)


@dataclass(frozen=True)
class Snapshot:
    """What one complete build saw and left (see the module docstring). ``clock`` is aware;
    ``events`` are instants as whole microseconds since the POSIX epoch (:func:`micros`),
    sorted; ``exact_clock`` says the output depends on the clock itself (a feed of undated
    articles is dated by the build), so only the same clock matches. ``output`` maps a
    relative POSIX path (``""`` the output folder itself) to its identity, and ``blocks`` gives
    more files with theirs, packed (:func:`sitegen.writer.pack_files`: the paths joined by NUL,
    then the four fields as integer arrays). ``counts`` is ``(files, articles, cached)`` of the
    build's result."""

    inputs: str
    ledger: str
    clock: datetime
    events: tuple[int, ...]
    exact_clock: bool
    output: dict[str, Identity]
    counts: tuple[int, int, int]
    diagnostics: tuple[Diagnostic, ...]
    blocks: tuple[tuple, ...] = ()


def micros(moment: datetime) -> int:
    """The aware instant ``moment`` as whole microseconds since the POSIX epoch (UTC), exactly."""
    return (moment - _EPOCH) // _MICROSECOND


_NEWS_WINDOW_MICROS = NEWS_WINDOW // _MICROSECOND


def snapshot_path(cache_folder: Path, output: Path) -> Path:
    return cache_folder / f"unchanged-{output_name(output)}"


def clock_events(articles: list[Article], breaking_hours: float, clock: datetime, tz) -> tuple[tuple[int, ...], bool]:
    """``(events, exact_clock)`` for the loaded ``articles`` (published or not) of a build at
    ``clock``: the instants (:func:`micros`, sorted) where an article is published (its
    ``date``, unless ``--future``) or withdrawn (``expires``, see
    :func:`sitegen.collect.is_published`), leaves the breaking band (``date + breaking_hours``,
    :func:`sitegen.plan.is_breaking`) or the news sitemap (``date + NEWS_WINDOW``,
    :mod:`sitegen.sitemaps`), and the first instants of this and the next year in the site's
    timezone ``tz`` (``build_year`` in templates). ``exact_clock`` is true when an article has
    no date or there is none (a feed of undated articles carries the build's own time,
    :func:`sitegen.feeds.feed_updated`). Whole microseconds, not datetimes: one subtraction an
    article, and the snapshot and the page reuse state keep them as they are (~20,000 events
    at 10,000 articles: 32 -> 9 ms of every build, measured)."""
    window = timedelta(hours=breaking_hours) // _MICROSECOND
    events = set()
    exact = not articles
    for article in articles:
        if article.date is None:
            exact = True
        else:
            date = micros(article.date)
            events.add(date)
            events.add(date + _NEWS_WINDOW_MICROS)
            if article.breaking:
                events.add(date + window)
        if article.expires is not None:
            events.add(micros(article.expires))
    year = clock.astimezone(tz).year
    for first in (year, year + 1):
        events.add(micros(datetime(first, 1, 1, tzinfo=tz)))
    return tuple(sorted(events)), exact


def clock_allows(snapshot: Snapshot, clock: datetime) -> bool:
    """Whether a build at ``clock`` gives what the snapshot's build gave: the same clock, or
    (unless ``exact_clock``) no event in the closed span between the two clocks."""
    return clock_window_allows(micros(snapshot.clock), snapshot.events, snapshot.exact_clock, micros(clock))


def clock_window_allows(recorded: int, events: tuple[int, ...], exact: bool, clock: int) -> bool:
    """Whether a build at ``clock`` gives the site a build at ``recorded`` gave, whose
    :func:`clock_events` were ``(events, exact)``: the same clock, or (unless ``exact``) no
    event in the closed span between the two clocks. All instants in :func:`micros`."""
    if clock == recorded:
        return True
    if exact:
        return False
    low, high = sorted((clock, recorded))
    start = bisect.bisect_left(events, low)
    return start == len(events) or events[start] > high


def output_identities(output: Path, files: set[str], carried: set[str] = frozenset(),
                      known: dict[str, Identity] | None = None,
                      more_folders: Iterable[str] = ()) -> dict[str, Identity] | None:
    """The identity of each of ``files`` (relative POSIX paths, all regular files) under
    ``output``, of each of ``carried`` (files or folders someone else put there) and of every
    folder holding one of them or one of ``more_folders`` (``""`` is ``output``); ``None`` when
    one is missing or of another kind (a symlink is never followed). ``known`` gives the
    identities of files and folders seen already (by the writer, since the file or folder was
    last changed; never of ``""``): those are not looked at again."""
    known = known or {}
    root = os.fspath(output)
    folders = {""}
    for relative in chain(files, carried, (f"{folder}/-" for folder in more_folders)):
        parent = relative.rpartition("/")[0]
        while parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    found: dict[str, Identity] = {}
    for relative, want in ((f, stat.S_ISREG) for f in files):
        identity = known.get(relative) or _identity(root, relative, want)
        if identity is None:
            return None
        found[relative] = identity
    for relative in carried - folders:
        identity = _identity(root, relative, lambda mode: stat.S_ISREG(mode) or stat.S_ISDIR(mode))
        if identity is None:
            return None
        found[relative] = identity
    for relative in folders:
        identity = (relative and known.get(relative)) or _identity(root, relative, stat.S_ISDIR)
        if identity is None:
            return None
        found[relative] = identity
    return found


def _identity(root: str, relative: str, want) -> Identity | None:
    try:
        info = os.lstat(os.path.join(root, relative) if relative else root)
    except OSError:
        return None
    if not want(info.st_mode):
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def output_unchanged(output: Path, recorded: dict[str, Identity], blocks: tuple[tuple, ...] = ()) -> bool:
    """Whether every file and folder of ``recorded``, and every file of the packed ``blocks``
    (:attr:`Snapshot.blocks`), is still there with its identity."""
    entries = chain(recorded.items(), *(unpack_files(block) for block in blocks))
    return next(changed_paths(output, entries), None) is None


def changed_paths(output: Path, entries: Iterable[tuple[str, Identity]]) -> Iterator[str]:
    """The relative POSIX paths of ``entries`` (``(path, identity)``, ``""`` the output folder
    itself) that are no longer under ``output`` with that identity: gone, or another ``(inode,
    size, mtime_ns, ctime_ns)`` (one ``lstat`` each, no link followed), as they are met."""
    root = os.fspath(output)
    for relative, identity in entries:
        try:
            info = os.lstat(os.path.join(root, relative) if relative else root)
        except OSError:
            yield relative
            continue
        if (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns) != tuple(identity):
            yield relative


def load(path: Path, inputs: str | None = None, warnings: list | None = None,
         repair: bool = True) -> Snapshot | None:
    """The snapshot at ``path``; ``None`` when missing or damaged (a full build follows), or
    when it was made for other ``inputs`` (given: then the rest of the file, the identities of
    every output file, is not read). Anything but a regular file there (a link, folder or
    FIFO) is never followed nor waited on; unless ``repair`` is false, it is removed with a
    ``cache-corrupt`` warning added to ``warnings`` (:func:`sitegen.cache.open_entry`), as is
    a regular file whose bytes are not a snapshot (an earlier version's format is not damage)."""
    try:
        handle = open_entry(path, warnings, repair)
    except OSError:
        return None
    if handle is None:
        return None
    try:
        with handle:  # two pickles: the head, then the snapshot
            kind, recorded = pickle.load(handle)
            if kind != _FORMAT or (inputs is not None and recorded != inputs):
                return None
            value = _decode(pickle.load(handle))
        if not isinstance(value, Snapshot) or value.inputs != recorded:
            raise ValueError("not a snapshot")
    except Exception:  # noqa: BLE001 - damage only costs a full build
        if repair:
            unreadable_entry(path, warnings)
        return None
    return value


class Unrecordable(ValueError):
    """An identity of the snapshot's output does not fit its 64-bit fields (a file someone
    dated after 2262 in the output folder: its ``mtime_ns``)."""


def save(path: Path, snapshot: Snapshot) -> None:
    """Save ``snapshot`` at ``path``: its ``inputs`` first, so :func:`load` can stop there.
    Raises :class:`Unrecordable` (nothing written) for an identity beyond a signed 64-bit
    integer, and ``OSError`` when the file cannot be written."""
    try:
        encoded = _encode(snapshot)
    except (OverflowError, struct.error) as exc:
        raise Unrecordable(str(exc)) from None
    _dump_atomic(path, ((_FORMAT, snapshot.inputs), encoded))


def _encode(snapshot: Snapshot) -> tuple:
    """The snapshot as plain values that pickle in C: the events as they are (whole
    microseconds) and the output's identities as columns: how many, the paths joined by NUL
    (which no path holds), then each identity field as an integer array. (As a tuple of paths
    and four tuples of ints, pickling the ~30,000 identities of 10,000 articles took ~40 ms of
    an edit's end; as arrays, ~8 ms: bench/RESULTS.md, 2026-12-06.)"""
    output = snapshot.output
    columns = ()
    if output:  # one pass in C through the identities, then a column a field (array() of each: ~2x longer)
        every = array("q", struct.pack(f"{4 * len(output)}q", *chain.from_iterable(output.values())))
        columns = tuple(every[field::4] for field in range(4))
    return (snapshot.inputs, snapshot.ledger, snapshot.clock, tuple(snapshot.events), snapshot.exact_clock,
            len(output), "\0".join(output), columns, snapshot.counts, snapshot.diagnostics, tuple(snapshot.blocks))


def _decode(value: tuple) -> Snapshot:
    """The :class:`Snapshot` of :func:`_encode`; raises for anything else."""
    inputs, ledger, clock, events, exact, count, names, columns, counts, diagnostics, blocks = value
    paths = names.split("\0") if count else []
    if not (count.__class__ is int and len(paths) == count and isinstance(columns, tuple)
            and len(columns) == (4 if count else 0)
            and all(isinstance(column, array) and column.typecode == "q" and len(column) == count for column in columns)):
        raise ValueError("identities of another shape")
    if not (isinstance(events, tuple) and all(event.__class__ is int for event in events)):
        raise ValueError("events of another kind")
    if not (isinstance(blocks, tuple) and all(_is_block(block) for block in blocks)):
        raise ValueError("blocks of another shape")
    return Snapshot(inputs, ledger, clock, events, exact, dict(zip(paths, zip(*columns))), counts, diagnostics, blocks)


def _is_block(block) -> bool:
    """Whether ``block`` is a packed block: ``("",)``, or paths joined by NUL and four integer
    arrays of one entry a path."""
    if not (isinstance(block, tuple) and block and isinstance(block[0], str)):
        return False
    if not block[0]:
        return len(block) == 1
    count = block[0].count("\0") + 1
    return len(block) == 5 and all(isinstance(column, array) and column.typecode == "q" and len(column) == count
                                   for column in block[1:])
