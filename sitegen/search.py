"""The search stage: a Pagefind index of every article, written into the staged output.

Pagefind (installed from PyPI as ``pagefind[bin]``, a binary wheel) builds a static index
that the search page (``search/``, ``static/js/search.js``) queries in the browser: no
server. Each article gives two things (:func:`sitegen.search_entries.article_entry`):

* a Pagefind record whose ``content`` is the article's distinct
  :func:`~sitegen.search_terms.index_term` forms, each once (ended by
  :data:`~sitegen.search_terms.TERM_END`): the only words Pagefind indexes. They are
  :func:`~sitegen.search_terms.search_key` forms (diacritics, tatweel, alef forms, alef
  maqsura, taa marbuta and Arabic-Indic digits folded, the prefixes و, ال, بال … removed)
  written in ASCII word characters by a one-to-one, prefix-preserving code
  (:mod:`sitegen.term_code`: Pagefind indexes ASCII words at less cost), indexed without
  Pagefind's stemmer (:data:`~sitegen.search_terms.INDEX_LANGUAGE`), and the search page
  turns the query into the same form (:mod:`sitegen.search_terms`);
* its words as written, gzip-compressed, in ``search/text/`` under a name made from their
  bytes: the search page fetches it for each result shown and builds the excerpt from it,
  marking every written word whose term Pagefind matched (:mod:`sitegen.search_entries`).

Only articles are indexed: navigation, footers and related lists never reach the index.

Pagefind cannot update an index in place, so an incremental build keeps two bundles
(:func:`write_index`): the *main* bundle (``search/pagefind/``), made from every record by a
clean build or a fold and then kept as it is, and a small *delta* bundle
(``search/pagefind/delta/``) of the records the main bundle does not hold (added or edited
articles), made anew when they change. :data:`LIVE_FILE` names the main bundle's *stale*
pages (edited or deleted articles): the search page merges both bundles (Pagefind's
``mergeIndex``) and drops those pages. When the delta and the stale pages together pass
:func:`delta_limit`, the build folds them into a whole new main bundle; ``--clean`` always
does. What a reader finds is then the same as after a clean build: the live pages of both
bundles hold the same records as a clean build's one bundle (tests/test_incremental.py); only
ranking may differ a little, since each bundle weighs words by its own page counts. A written
text whose file is already in the output is never compressed again.

A large main bundle is made in parts, each by a Pagefind process of its own
(:func:`sitegen.search_bundle.index_parts`).
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from sitegen.cache import code_fingerprint
from sitegen.errors import Diagnostic, Severity
from sitegen.index_check import SKIPPED
from sitegen.output_folder import RealFolders
from sitegen.model import Site
from sitegen.render import Formatter
from sitegen.search_bundle import NO_PAGE, PART_DIR, index_bundle, index_parts, read_pages
from sitegen.search_entries import ENTRIES_FILE, Entries, read_entries, write_texts
from sitegen.search_files import regular_file
from sitegen.search_pagefind import pagefind_executable, pagefind_signature
from sitegen.urls import SEARCH_INDEX_FOLDERS
from sitegen.writer import unpack_files

#: Where the index goes in the output folder, beside the search page (:data:`plan.SEARCH_PAGE`),
#: and the written words of each indexed article, for the excerpts
#: (:func:`~sitegen.search_entries.write_texts`): :data:`sitegen.urls.SEARCH_INDEX_FOLDERS`.
BUNDLE_DIR, TEXT_DIR = SEARCH_INDEX_FOLDERS
#: The delta bundle, inside the main one (the search page finds it from :data:`LIVE_FILE`).
DELTA_DIR = "delta"
#: In the main bundle: ``{"delta": "delta/" or null, "parts": ["part1/", …], "stale": [page ids]}``,
#: read by the search page.
LIVE_FILE = "sitegen-live.json"
#: The delta bundle is folded into the main one when delta records and stale pages together
#: pass this share of the main bundle's pages, or :data:`DELTA_MIN` if that is more.
DELTA_SHARE = 0.02
DELTA_MIN = 20


def previous_folder(previous: Path | None, relative: str) -> Path | None:
    """``previous / relative`` (the last output's ``search/pagefind`` or ``search/text``) when it
    and each folder on the way below ``previous`` are real folders; ``None`` otherwise. A link
    someone put there (``public/search/pagefind`` linked to a folder elsewhere) is never taken for
    the last build's index: its files would be linked into the new site, published from outside."""
    return previous / relative if previous is not None and RealFolders(os.fspath(previous)).holds(relative) else None


def index_entries(site: Site, previous: Path | None = None) -> Entries:
    """The :class:`Entries` that :func:`write_index` indexes for ``site`` with the last output
    ``previous`` (none made yet: :meth:`Entries.all` makes them, which a caller may do before
    the staging folder is ready)."""
    old = previous_folder(previous, BUNDLE_DIR)
    return Entries(site, Formatter(site.config), read_entries(old, code_fingerprint()) if old is not None else {})


@dataclass
class Untouched:
    """What :func:`write_index` left in the staging folder as the last output's very files
    (the same inodes) without making a link to them — a link changes a file's ctime, so only
    these still have the stats the last build recorded: ``main``, whether the main bundle's own
    files (all but :data:`MAIN_ONLY_SKIP`) are; ``texts``, the names of the written texts that are."""

    main: bool = False
    texts: frozenset[str] = frozenset()

    def covers(self, relative: str) -> bool:
        """Whether the index file at ``relative`` (a POSIX path from the output folder) is one of them."""
        if relative.startswith(BUNDLE_DIR + "/"):
            return self.main and relative[len(BUNDLE_DIR) + 1:].partition("/")[0] not in MAIN_ONLY_SKIP
        if relative.startswith(TEXT_DIR + "/"):
            return relative[len(TEXT_DIR) + 1:] in self.texts
        return False


def vouched_identities(recorded: list[tuple] | None, distrusted: frozenset[str],
                       untouched: Untouched) -> dict[str, tuple]:
    """``{relative path: (inode, size, mtime_ns, ctime_ns)}`` of the index files ``untouched``
    covers, as the last build's nothing-changed snapshot recorded them (``recorded``: the packed
    blocks of :func:`~sitegen.index_check.recorded_index_files`), but those in ``distrusted``
    (:func:`~sitegen.index_check.check_index` of this build, which found every other one as
    recorded): :func:`~sitegen.writer.sweep_handed`'s ``known``, so the staging folder's index is
    listed without an ``lstat`` of each of its ~20,000 files (~0.1 s at 10,000 articles, in the
    process the build waits for at the end of its page loop). The sweep still looks at a file whose inode is not the recorded one. Empty
    when nothing is untouched or nothing was recorded."""
    if recorded is None or not (untouched.main or untouched.texts):
        return {}
    return {path: tuple(identity) for block in recorded for path, identity in unpack_files(block)
            if path not in distrusted and untouched.covers(path)}


def write_index(site: Site, stage: Path, previous: Path | None = None,
                entries: Entries | None = None, distrusted: frozenset[str] | None = frozenset(),
                untouched: Untouched | None = None) -> list[Diagnostic]:
    """Write the search index of ``site``'s articles into ``stage``: the Pagefind bundles in
    ``search/pagefind/`` and the written texts in ``search/text/`` (:func:`write_texts`).

    ``previous`` is the output folder of the last build (``None``, as with ``--clean``: use
    nothing of it). When it holds a main bundle made by the same Pagefind (:func:`read_pages`),
    that bundle is kept (hard links, no Pagefind run) and only the records it does not hold
    go to Pagefind, as the delta bundle (:data:`DELTA_DIR`, itself kept when its records did
    not change); its pages whose records are gone are listed as stale in :data:`LIVE_FILE`.
    Otherwise, or when delta and stale pages together pass :func:`delta_limit`, every record
    is indexed into a new main bundle. ``entries``: :func:`index_entries` of the same
    arguments, some made already. Returns a ``search-skipped`` warning (and leaves no
    index) when the Pagefind binary is missing or fails; the rest of the site is unaffected.
    ``distrusted``: the index's files of ``previous`` that are not what the last build left
    there (:func:`~sitegen.index_check.check_index`; ``None``: none of it can be vouched for):
    such a written text is compressed again, and such a bundle file makes the main bundle anew (a fold).
    Cost: bench/bench_search.py. ``stage/search/text/`` must exist as a real folder.
    ``untouched`` (given) is set to what was left as the last output's very files (:class:`Untouched`).
    """
    executable = pagefind_executable()
    if executable is None:
        remove_index(stage)
        return [skipped("the Pagefind binary is not installed",
                         "install it with `pip install \"pagefind[bin]\"` (sitegen's own dependency)")]
    bundle = stage / BUNDLE_DIR
    if distrusted is None:  # nothing of the last output's index is vouched for
        previous, distrusted = None, frozenset()
    old, texts = previous_folder(previous, BUNDLE_DIR), previous_folder(previous, TEXT_DIR)
    if old is not None and any(path.startswith(BUNDLE_DIR + "/") for path in distrusted):
        old = None  # a bundle file changed by hand since the last build: made anew
    changed_texts = frozenset(path[len(TEXT_DIR) + 1:] for path in distrusted if path.startswith(TEXT_DIR + "/"))
    try:
        # A reused staging folder holds an older index: its files would linger. Its main bundle
        # is usually the live one's own files (hard links made by the build before last): kept.
        kept_main = old is not None and _keep_same_tree(old, bundle, MAIN_ONLY_SKIP)
        if not kept_main and bundle.exists():
            shutil.rmtree(bundle)
        fingerprint = code_fingerprint()
        made = entries if entries is not None else index_entries(site, previous)
        signature = pagefind_signature(executable)
        main = read_pages(old, signature) if old is not None else None
        left = Untouched()
        if main is not None and _write_delta(made, main, old, bundle, executable, signature, kept_main):
            left = Untouched(kept_main, write_texts(made.texts(), stage / TEXT_DIR, texts, changed_texts))
        else:
            shutil.rmtree(bundle, ignore_errors=True)
            index_parts(made.made(range(len(made.keys))), len(made.keys), bundle, executable, signature,
                        meanwhile=lambda: setattr(left, "texts", write_texts(made.all(), stage / TEXT_DIR, texts,
                                                                             changed_texts)))
            _write_live(bundle, None, [])
        made.save(bundle / ENTRIES_FILE, fingerprint)
        if untouched is not None:
            untouched.main, untouched.texts = left.main, left.texts
    except (OSError, ValueError, RuntimeError) as exc:
        remove_index(stage)
        return [skipped(f"Pagefind failed: {type(exc).__name__}: {exc}",
                         "run `python -m pagefind --version` to check the installation")]
    return []


def delta_limit(main_pages: int) -> int:
    """How many delta records and stale pages together a main bundle of ``main_pages`` pages
    carries before the next build folds them into a new main bundle: :data:`DELTA_SHARE` of
    its pages, at least :data:`DELTA_MIN`. The delta is indexed anew by each build that
    changes it (~1.3 ms of Pagefind CPU per record, measured) and the stale list is fetched by
    every search (~14 bytes a page), so both stay small against the main bundle."""
    return max(DELTA_MIN, math.ceil(DELTA_SHARE * main_pages))


def _write_delta(made: Entries, main: dict[str, str], old: Path, bundle: Path,
                 executable: Path, signature: str, kept_main: bool = False) -> bool:
    """Keep the main bundle ``old`` in ``bundle`` with a delta bundle of the records it lacks
    and :data:`LIVE_FILE`; ``False`` (``bundle`` then half made) when they should be folded
    instead: past :func:`delta_limit`, an unusable ``old``, or a delta page whose id is a
    main page's too (the search page tells pages apart by id). ``kept_main``: ``bundle``
    already holds ``old``'s main bundle, the same files (:func:`_keep_same_tree`)."""
    digests = made.digests()
    current = set(digests)
    delta = [(i, digest) for i, digest in enumerate(digests) if digest not in main]
    stale = sorted(page for digest, page in main.items() if digest not in current and page != NO_PAGE)
    if len(delta) + len(stale) > delta_limit(len(main)):
        return False
    if not kept_main and not _copy_tree(old, bundle, skip=MAIN_ONLY_SKIP):
        return False
    if not delta:
        _write_live(bundle, None, stale)
        return True
    wanted = {digest for _, digest in delta}
    kept = read_pages(old / DELTA_DIR, signature)
    if kept is not None and set(kept) == wanted and _copy_tree(old / DELTA_DIR, bundle / DELTA_DIR):
        pages = kept
    else:
        shutil.rmtree(bundle / DELTA_DIR, ignore_errors=True)
        pages = index_bundle(made.made(i for i, _ in delta), bundle / DELTA_DIR, executable, signature,
                             engine=False)
    if not (set(pages.values()) - {NO_PAGE}).isdisjoint(main.values()):
        return False
    _write_live(bundle, DELTA_DIR + "/", stale)
    return True


def _write_live(bundle: Path, delta: str | None, stale: list[str]) -> None:
    parts = sorted((int(item.name[len(PART_DIR):]) for item in os.scandir(bundle)
                    if _PART_NAME.fullmatch(item.name) and item.is_dir(follow_symlinks=False)))
    data = json.dumps({"delta": delta, "parts": [f"{PART_DIR}{n}/" for n in parts], "stale": stale},
                      separators=(",", ":"))
    (bundle / LIVE_FILE).write_text(data + "\n", encoding="ascii")


_PART_NAME = re.compile(PART_DIR + r"[1-9][0-9]{0,5}")

#: What a bundle holds besides its main bundle's own files (each build makes them anew).
MAIN_ONLY_SKIP = (DELTA_DIR, LIVE_FILE, ENTRIES_FILE)


def _keep_same_tree(old: Path, bundle: Path, skip: tuple[str, ...]) -> bool:
    """Whether ``bundle`` (a folder of the staging folder) holds, but for the top-level names
    in ``skip``, exactly the files of ``old``: the same names, real folders and regular files
    only, each file the very same file (the same inode: a hard link of it, so the same bytes).
    When it does, the ``skip`` names are removed from ``bundle`` (``True``); otherwise
    ``bundle`` is left as it is (``False``). One ``scandir`` a folder of each tree and no
    ``stat`` call: names, kinds and inodes come from the directory entries (~10,000 files
    at 10,000 articles, instead of removing them and linking them again)."""
    try:
        if not (stat.S_ISDIR(os.lstat(bundle).st_mode) and stat.S_ISDIR(os.lstat(old).st_mode)):
            return False
        device = os.lstat(old).st_dev
        if os.lstat(bundle).st_dev != device or not _same_entries(os.fspath(old), os.fspath(bundle), skip):
            return False
        for name in skip:
            path = bundle / name
            if os.path.isdir(path) and not path.is_symlink():
                shutil.rmtree(path)
            elif os.path.lexists(path):
                os.unlink(path)
    except OSError:
        return False
    return True


def _same_entries(old: str, new: str, skip: tuple[str, ...] = ()) -> bool:
    """The folder ``new`` holds the same entries as ``old`` (see :func:`_keep_same_tree`),
    but for the names in ``skip``, which are ignored in both; raises ``OSError`` when one
    cannot be listed."""
    with os.scandir(old) as scan:
        before = {entry.name: entry for entry in scan if entry.name not in skip}
    with os.scandir(new) as scan:
        after = {entry.name: entry for entry in scan if entry.name not in skip}
    if before.keys() != after.keys():
        return False
    folders = []
    for name, entry in before.items():
        other = after[name]
        if entry.is_dir(follow_symlinks=False):
            if not other.is_dir(follow_symlinks=False):
                return False
            folders.append(name)
        elif not (entry.is_file(follow_symlinks=False) and other.is_file(follow_symlinks=False)
                  and entry.inode() == other.inode()):
            return False
    return all(_same_entries(f"{old}/{name}", f"{new}/{name}") for name in folders)


def _copy_tree(old: Path, bundle: Path, skip: tuple[str, ...] = ()) -> bool:
    """Hard-link (else copy) the files of ``old`` into the new folder ``bundle``, but not the
    top-level names in ``skip``, when ``old`` holds only real folders and regular files
    (nothing is followed out of it). ``False``, and ``bundle`` removed, otherwise."""
    try:
        for folder, folders, files in os.walk(old):
            source = Path(folder)
            top = source == old
            target = bundle / source.relative_to(old)
            target.mkdir()
            if top:
                folders[:] = [name for name in folders if name not in skip]
            if any((source / name).is_symlink() for name in folders):
                raise OSError(f"a link in {source}")
            for name in files:
                if top and name in skip:
                    continue
                if not regular_file(source / name):
                    raise OSError(f"{source / name} is not a regular file")
                try:
                    os.link(source / name, target / name, follow_symlinks=False)
                except OSError:
                    shutil.copy2(source / name, target / name, follow_symlinks=False)
    except OSError:
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def remove_index(stage: Path) -> None:
    """Remove the search index (bundles and written texts) from the staging folder ``stage``."""
    for folder in (BUNDLE_DIR, TEXT_DIR):
        shutil.rmtree(stage / folder, ignore_errors=True)


def skipped(why: str, hint: str) -> Diagnostic:
    """The ``search-skipped`` warning: no index was written, because ``why``; ``hint`` says what to do."""
    return Diagnostic(path=BUNDLE_DIR, code=SKIPPED, severity=Severity.WARNING,
                      message=f"search index not written: {why}; the search page will say search is unavailable",
                      hint=hint)
