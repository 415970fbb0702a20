"""Pagefind bundles: search entries indexed by Pagefind into a folder of files
(:func:`index_bundle`, :func:`write_bundle`), with the page each record made
(:data:`PAGES_FILE`, :func:`read_pages`).

A main bundle of more than :data:`PART_PAGES` records is made in *parts* (:func:`index_parts`):
consecutive runs of articles, each indexed by a Pagefind process of its own, the first at
``search/pagefind/`` (with the engine), the others in ``search/pagefind/part{N}/``, which
:data:`sitegen.search.LIVE_FILE` lists and the search page merges like the delta. Pagefind's
memory is about linear in the terms it holds (~1.5 GiB for 10,000 articles in one process),
and a part's files are built while the next part's records are made, so only the last part's
are left to wait for after the pages are rendered (measured: bench/RESULTS.md).
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import shutil
import zlib
from itertools import chain, islice
from pathlib import Path
from typing import Iterable, Iterator

from sitegen.search_entries import Entry
from sitegen.search_files import headed_lines, write_file
from sitegen.search_pagefind import PagefindService

#: The parts of a main bundle after its first (:func:`index_parts`): ``part1``, ``part2`` … inside it.
PART_DIR = "part"
#: A main bundle of more records than this is made in parts of at most this many
#: (:func:`part_sizes`): one Pagefind process's peak memory (~150 KiB a record on news
#: articles) against one more index to merge per query (measured: bench/RESULTS.md).
PART_PAGES = 2500
#: In a bundle: which record made each page, and by which Pagefind (:func:`read_pages`).
PAGES_FILE = "sitegen-pages.txt"
#: The page id :data:`PAGES_FILE` gives a record of which Pagefind made no page (no words).
NO_PAGE = "-"
#: Pagefind's own search interfaces, which the site's search page does not use: not written.
UNUSED_FILES = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
#: The engine's files: a delta bundle is searched by the main bundle's engine (``mergeIndex``
#: loads only its entry, meta, index and fragment files), so it has none of them.
ENGINE_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.")


def index_bundle(entries: Iterable[tuple[Entry, str]], folder: Path, executable: Path, signature: str,
                 meanwhile=None, engine: bool = True) -> dict[str, str]:
    """Index ``entries`` (``(entry, record digest)`` pairs, taken one by one: each record goes
    to Pagefind as soon as it is made, so Pagefind indexes while the next ones are made)
    with Pagefind into a new bundle at ``folder`` (:func:`write_bundle`;
    without :data:`ENGINE_FILES` unless ``engine``), with :data:`PAGES_FILE` (written last: only a whole bundle has it); returns ``{record
    digest: page id}`` (:data:`NO_PAGE` for a record Pagefind made no page of: one without
    words). ``meanwhile()`` runs while Pagefind indexes and builds the bundle's files. Raises ``RuntimeError``
    when Pagefind fails, ``ValueError`` when its pages do not match the records."""
    with _BundleRun(entries, executable) as run:
        if meanwhile is not None:  # Pagefind indexes in its own process meanwhile
            meanwhile()
        pages = run.finish(folder, engine)
    _write_pages(folder, signature, pages)
    return pages


def part_sizes(records: int) -> list[int]:
    """How many records each part of a main bundle of ``records`` records gets: as few parts
    as keep each at most :data:`PART_PAGES`, as even as can be, earlier parts the larger
    (``[records]`` up to :data:`PART_PAGES`; ``[]`` for none)."""
    count = max(1, math.ceil(records / PART_PAGES)) if records else 0
    return [records // count + (i < records % count) for i in range(count)]


def part_folders(bundle: Path, parts: int) -> list[Path]:
    """The folders of a main bundle's ``parts`` parts: ``bundle`` itself, then ``bundle/part1`` …"""
    return [bundle] + [bundle / f"{PART_DIR}{n}" for n in range(1, parts)]


def index_parts(entries: Iterable[tuple[Entry, str]], records: int, bundle: Path, executable: Path,
                signature: str, meanwhile=None) -> dict[str, str]:
    """:func:`index_bundle` for a main bundle of ``records`` entries, in the parts of
    :func:`part_sizes` (consecutive entries; folders :func:`part_folders`, the engine in the
    first only), each by a Pagefind process of its own: a part's process builds its files
    while the next part's records are made and sent, so at most two run at once, one of them
    only indexing. :data:`PAGES_FILE` at ``bundle`` (written last) lists the pages of every
    part. Returns ``{record digest: page id}`` of all parts.

    Page ids are unique across parts, as the search page needs (it tells merged pages apart by
    id): Pagefind names a page by 28 bits of its fragment's hash and lengthens a name only
    against the pages of its own run, so two pages of different parts share a name with a
    chance of one in 2**28 a pair: 0.14 clashes expected at 10,000 articles in 4 parts (one
    site in eight), 18 at 100,000 in 40 (measured: every build failed). A part whose pages
    clash with an earlier part's is made again with those records' URLs given
    :data:`CLASH_PARAMETER` (which the search page ignores: a new hash, a new name); the
    returned digests stay the records' own.
    ``meanwhile()`` runs once the last part's records are sent. Raises as :func:`index_bundle`,
    and ``ValueError`` when a part still clashes after :data:`CLASH_TRIES` more runs."""
    entries = iter(entries)
    sizes = part_sizes(records) or [0]
    folders = part_folders(bundle, len(sizes))
    pages: dict[str, str] = {}
    made: set[str] = set()  # the page ids of the parts added
    runs = []  # started, not finished: (run, folder, engine, the entries sent to it)
    try:
        for number, (size, folder) in enumerate(zip(sizes, folders)):
            sent: list[tuple[Entry, str]] = []
            runs.append((_BundleRun(_kept(islice(entries, size), sent), executable), folder, number == 0, sent))
            if len(runs) == 2:  # the last part's files were built while these records were sent
                _add_part(pages, made, runs.pop(0), executable)
        if meanwhile is not None:
            meanwhile()
        _add_part(pages, made, runs.pop(0), executable)
    finally:
        for run, _, _, _ in runs:
            run.close()
    _write_pages(bundle, signature, pages)
    return pages


#: Added to the URL fragment of a record whose page id clashes with another part's (``&n=1``,
#: ``&n=2`` …: a fragment parameter the search page does not read).
CLASH_PARAMETER = "n"
#: How many times a part is made again for clashing page ids (each clash again has a chance of
#: about one in 2,700 at 100,000 pages).
CLASH_TRIES = 3


def _kept(entries: Iterable[tuple[Entry, str]], sent: list) -> Iterator[tuple[Entry, str]]:
    for item in entries:
        sent.append(item)
        yield item


def _add_part(pages: dict[str, str], made: set[str], running, executable: Path) -> None:
    """Finish the part ``running``, make it again while its page ids clash with ``made``'s
    (:func:`index_parts`), then add its pages to ``pages`` and ``made``."""
    run, folder, engine, sent = running
    with run:
        part = run.finish(folder, engine)
    renamed: dict[str, int] = {}  # record digest: the attempt that gave it its parameter
    for attempt in range(1, CLASH_TRIES + 1):
        clashing = {digest for digest, page in part.items() if page in made}
        if not clashing:
            break
        renamed.update(dict.fromkeys(clashing, attempt))  # a record renamed before keeps its name
        shutil.rmtree(folder)  # a later part's own folder (the first clashes with none): made anew
        again = [(_with_parameter(entry, renamed[digest]) if digest in renamed else entry, digest)
                 for entry, digest in sent]
        with _BundleRun(again, executable) as rerun:
            part = rerun.finish(folder, engine)
    if not made.isdisjoint(part.values()):  # still, after the last try
        raise ValueError("two parts of the index made pages of the same id")
    pages.update(part)
    made.update(page for page in part.values() if page != NO_PAGE)


def _with_parameter(entry: Entry, attempt: int) -> Entry:
    record = dict(entry.record, url=f"{entry.record['url']}&{CLASH_PARAMETER}={attempt}")
    return Entry(record, entry.text, entry.text_name)


def _write_pages(folder: Path, signature: str, pages: dict[str, str]) -> None:
    lines = [f"pagefind {signature}"] + [f"{digest} {page}" for digest, page in sorted(pages.items())]
    (folder / PAGES_FILE).write_text("\n".join(lines) + "\n", encoding="ascii")


class _BundleRun:
    """One Pagefind service indexing ``entries`` into one bundle: the records are sent as they
    are made, the bundle asked for right behind them (the service answers its requests one at
    a time, in order, so it builds the bundle while the caller does other work), and
    :meth:`finish` writes the files. Use as a context manager (it ends the service)."""

    def __init__(self, entries: Iterable[tuple[Entry, str]], executable: Path):
        self.by_url: dict[str, str] = {}
        self.service = PagefindService(executable)
        try:
            index_id = self.service.call({"type": "NewIndex", "config": {}})["index_id"]
            self.answers = self.service.send_many(chain(self._records(entries, index_id),
                                                        [{"type": "GetFiles", "index_id": index_id}]))
        except BaseException:
            self.close()
            raise

    def _records(self, entries, index_id: int):
        for entry, digest in entries:
            self.by_url[entry.record["url"]] = digest
            yield {"type": "AddRecord", "index_id": index_id, **entry.record}

    def __enter__(self) -> "_BundleRun":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.service.__exit__(None, None, None)

    def finish(self, folder: Path, engine: bool) -> dict[str, str]:
        """Wait for the bundle, write it at ``folder`` and return ``{record digest: page id}``."""
        files = self.service.receive(self.answers)[-1]["files"]
        pages = {}
        for page, data in write_bundle(files, folder, () if engine else ENGINE_FILES).items():
            url = fragment_url(data)
            if url not in self.by_url:
                raise ValueError(f"Pagefind made a page of no record: {url!r}")
            pages[self.by_url[url]] = page
        for digest in self.by_url.values():  # Pagefind makes no page of a record without words
            pages.setdefault(digest, NO_PAGE)
        return pages


def fragment_url(data: bytes) -> str:
    """The ``url`` of a Pagefind fragment file (gzip of ``pagefind_dcd`` and a JSON object that
    starts with ``"url"``, as Pagefind 1.x writes it); only its head is decompressed. Raises
    ``ValueError`` for anything else."""
    inflate = zlib.decompressobj(wbits=31)
    head = inflate.decompress(data, 4096)
    prefix = b'pagefind_dcd{"url":'
    if not head.startswith(prefix):
        raise ValueError("not a Pagefind fragment")
    try:
        url, _ = json.JSONDecoder().raw_decode(head[len(prefix):].decode("utf-8", "ignore"))
    except ValueError:  # a url longer than the head
        text = (head + inflate.decompress(inflate.unconsumed_tail) + inflate.flush())[len(prefix):]
        url, _ = json.JSONDecoder().raw_decode(text.decode("utf-8"))
    if not isinstance(url, str):
        raise ValueError("a Pagefind fragment without a url")
    return url


def read_pages(bundle: Path, signature: str) -> dict[str, str] | None:
    """``{record digest: page id}`` of the bundle at ``bundle`` from its :data:`PAGES_FILE`;
    ``None`` when there is none, it is damaged, or another Pagefind (``signature``,
    :func:`~sitegen.search_pagefind.pagefind_signature`) made the bundle."""
    lines = headed_lines(bundle / PAGES_FILE, f"pagefind {signature}")
    if lines is None:
        return None
    pages = {}
    for line in lines:
        digest, _, page = line.partition(" ")
        if not digest or not _PAGE_ID.fullmatch(page):
            return None
        pages[digest] = page
    return pages


#: A Pagefind page id: the record's language (a BCP 47 tag: letters, digits, ``-``), ``_``, a hash.
_PAGE_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")


def write_bundle(files: list[dict], bundle: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Write the files of a Pagefind ``GetFiles`` answer (``{"path", "content"}``, the content
    base64) under ``bundle``, but not :data:`UNUSED_FILES` nor names starting with one of ``skip``. Pagefind's own ``WriteFiles``
    answers before its writes are done (an index with empty files was seen under load): here
    every file is whole when this returns. Returns ``{page id: bytes}`` of the page fragments
    written (``fragment/{page id}.pf_fragment``). Raises ``ValueError`` for a path that would
    leave ``bundle`` (or has an empty, ``.`` or ``..`` part)."""
    fragments: dict[str, bytes] = {}
    made: set[str] = set()  # folders known to exist: ~10,000 fragments share one
    root = os.fspath(bundle)
    for file in files:
        parts = file["path"].split("/")
        if file["path"].startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"Pagefind named a file outside its folder: {file['path']!r}")
        if parts[-1].startswith(UNUSED_FILES) or (skip and parts[-1].startswith(skip)):
            continue
        folder = os.path.join(root, *parts[:-1])
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        data = base64.b64decode(file["content"])
        write_file(os.path.join(folder, parts[-1]), data)
        if len(parts) == 2 and parts[0] == "fragment" and parts[1].endswith(_FRAGMENT_SUFFIX):
            fragments[parts[1][:-len(_FRAGMENT_SUFFIX)]] = data
    return fragments


_FRAGMENT_SUFFIX = ".pf_fragment"
