"""The search stage: a Pagefind index of every article, written into the staged output.

Pagefind (installed from PyPI as ``pagefind[bin]``, a binary wheel) builds a static index
that the search page (``search/``, ``static/js/search.js``) queries in the browser: no
server. Each article gives two things (:func:`article_entry`):

* a Pagefind record whose ``content`` is the article's distinct :func:`index_term` forms,
  each once (ended by :data:`TERM_END`): the only words Pagefind indexes. They are
  :func:`search_key` forms (diacritics, tatweel, alef forms, alef maqsura, taa marbuta and
  Arabic-Indic digits folded, the prefixes و, ال, بال … removed) written in ASCII word
  characters by a one-to-one, prefix-preserving code (:mod:`sitegen.term_code`: Pagefind
  indexes ASCII words at less cost), indexed without Pagefind's stemmer
  (:data:`INDEX_LANGUAGE`), and the search page turns the query into the same form;
* its words as written, gzip-compressed, in ``search/text/`` under a name made from their
  bytes: the search page fetches it for each result shown and builds the excerpt from it,
  marking every written word whose term Pagefind matched.

Indexing each term once per article, instead of every word twice (as written for the
excerpt and as its key), keeps a common word's postings, which one query downloads, about
five times smaller; ranking then counts in how many articles and headlines a word occurs,
not how often one article repeats it (measured: bench/RESULTS.md).

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

A main bundle of more than :data:`PART_PAGES` records is made in *parts* (:func:`index_parts`):
consecutive runs of articles, each indexed by a Pagefind process of its own, the first at
``search/pagefind/`` (with the engine), the others in ``search/pagefind/part{N}/``, which
:data:`LIVE_FILE` lists and the search page merges like the delta. Pagefind's memory is about
linear in the terms it holds (~1.5 GiB for 10,000 articles in one process), and a part's files
are built while the next part's records are made, so only the last part's are left to wait for
after the pages are rendered (measured: bench/RESULTS.md).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib
import json
import math
import os
import re
import shutil
import stat
import subprocess
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice
from typing import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote_plus

from sitegen import urls
from sitegen.arabic import fold_for_matching, strip_prefixes
from sitegen.cache import code_fingerprint
from sitegen.errors import Diagnostic, Severity
from sitegen.loaders.chrome import FUNCTION_WORDS
from sitegen.model import Article, Site
from sitegen.plan import SEARCH_PAGE
from sitegen.render import Formatter
from sitegen.term_code import END, term_code

#: Where the index goes in the output folder, beside the search page (:data:`plan.SEARCH_PAGE`).
BUNDLE_DIR = "search/pagefind"
#: The written words of each indexed article, for the excerpts (:func:`write_texts`).
TEXT_DIR = "search/text"
#: The delta bundle, inside the main one (the search page finds it from :data:`LIVE_FILE`).
DELTA_DIR = "delta"
#: The parts of a main bundle after its first (:func:`index_parts`): ``part1``, ``part2`` … inside it.
PART_DIR = "part"
#: A main bundle of more records than this is made in parts of at most this many
#: (:func:`part_sizes`): one Pagefind process's peak memory (~150 KiB a record on news
#: articles) against one more index to merge per query (measured: bench/RESULTS.md).
PART_PAGES = 2500
#: In a bundle: which record made each page, and by which Pagefind (:func:`read_pages`).
PAGES_FILE = "sitegen-pages.txt"
#: In the main bundle: each article's entry key, record digest and text name (:class:`Entries`).
ENTRIES_FILE = "sitegen-entries.txt"
#: In the main bundle: ``{"delta": "delta/" or null, "parts": ["part1/", …], "stale": [page ids]}``,
#: read by the search page.
LIVE_FILE = "sitegen-live.json"
#: The delta bundle is folded into the main one when delta records and stale pages together
#: pass this share of the main bundle's pages, or :data:`DELTA_MIN` if that is more.
DELTA_SHARE = 0.02
#: The page id :data:`PAGES_FILE` gives a record of which Pagefind made no page (no words).
NO_PAGE = "-"
DELTA_MIN = 20
#: Pagefind's own search interfaces, which the site's search page does not use: not written.
UNUSED_FILES = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
#: The engine's files: a delta bundle is searched by the main bundle's engine (``mergeIndex``
#: loads only its entry, meta, index and fragment files), so it has none of them.
ENGINE_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.")


@lru_cache(maxsize=1 << 18)  # news vocabulary repeats: most words of a build are cache hits
def search_key(word: str) -> str:
    """The form under which one word is indexed and looked up: :func:`fold_for_matching`
    then :func:`strip_prefixes` (``"وَالحُكومة"`` → ``"حكومه"``). A word that folds to nothing
    (a lone tatweel or diacritic) stays as written, so every word keeps its place."""
    folded = fold_for_matching(word)
    return strip_prefixes(folded) if folded else word


def article_words(article: Article) -> list[str]:
    """The words of the headline, subtitle and body blocks, in reading order, split at
    whitespace as written (punctuation stays attached, as the reader sees it). A stored body's
    blocks are read without decoding its html (:meth:`~sitegen.model.Body.block_texts`)."""
    return " ".join([article.display_title, article.subtitle or "", *article.body.block_texts()]).split()


@lru_cache(maxsize=1 << 18)
def folded_term(word: str) -> str:
    """The :func:`search_key` of ``word`` with only its letters and digits, a word not all
    ASCII first decomposed (NFD) so that its marks go too, as Pagefind does to the words it
    indexes (``"مصرَ،"`` → ``"مصر"``, ``"«COVID-19»"`` → ``"covid19"``, ``"café"`` →
    ``"cafe"``); ``""`` when none is left. What :func:`index_term` codes, in letters a reader
    can read (:data:`STOP_TERMS` are these forms)."""
    key = search_key(word)
    if not key.isascii():
        key = unicodedata.normalize("NFD", key)
    return "".join(c for c in key if unicodedata.category(c)[0] in "LN")


@lru_cache(maxsize=1 << 18)
def index_term(word: str) -> str:
    """The term under which Pagefind indexes ``word`` and looks it up: its :func:`folded_term`
    in ASCII word characters (:func:`sitegen.term_code.term_code`: one-to-one, and a prefix
    of a term codes to a prefix of its code), ``"وَالحُكومة،"`` → ``"hkwmo"``; ``""`` when
    the word has no letter or digit."""
    return term_code(folded_term(word))


#: Function words whose folded form is also a content word (أمام/إمام, إثر/أثر, عبر/عبّر) or
#: that are nouns a reader may look for (يوم, وسط, داخل, خارج, قرب): indexed like any word.
_NOT_STOPPED = frozenset({"امام", "اثر", "عبر", "يوم", "وسط", "داخل", "خارج", "قرب"})
#: The :func:`folded_term` forms of the Arabic function words (:data:`FUNCTION_WORDS`: في، من،
#: على، التي …) that are not indexed: nearly every article holds them, so they cost Pagefind
#: ~10% of its work (measured: bench/RESULTS.md) and select nothing. :func:`query_key` drops
#: them from a query the same way (``static/js/search.js`` holds the same list).
STOP_TERMS = frozenset(folded_term(word) for word in FUNCTION_WORDS) - _NOT_STOPPED - {""}
#: :data:`STOP_TERMS` as :func:`index_term` codes them.
_STOP_CODES = frozenset(map(term_code, STOP_TERMS))
#: The codes no record's content holds: the stop terms and ``""`` (a word without letters or digits).
_NOT_INDEXED = _STOP_CODES | {""}


#: Pagefind's language for every record: a tag it has no stemmer for (``und``: undetermined,
#: BCP 47), so it indexes and looks up the coded terms (:func:`index_term`) as given: any
#: stemmer would cut the ASCII codes as if they were words of its language (an English one
#: takes a final ``s`` or ``ing`` off). Its Arabic stemmer was not needed for the variant
#: classes of issue 11 either (the terms are folded already: :func:`search_key`), and it
#: stemmed a query word to its longest *indexed* prefix when no indexed word extends it
#: («مدارس» → the page holding «مدي»), which, with each part of a main bundle
#: (:func:`index_parts`) looked up on its own, found unrelated articles in the parts
#: without the word. Without it, a query word finds the terms that start with it.
INDEX_LANGUAGE = "und"
#: Ends every indexed term (:data:`sitegen.term_code.END`, the codeword of no character):
#: no indexed term is then a prefix of a query word, so Pagefind never falls back to a
#: shorter word than the one asked for (its lookup takes the longest indexed prefix of a
#: word that no indexed term extends), while a word still finds every term it begins
#: («حكوم» → «حكومه» + end). The search page strips it from the terms.
TERM_END = END
#: Between two terms of a record's content: the first one's :data:`TERM_END`, then a space.
_TERM_SEPARATOR = TERM_END + " "


def query_key(query: str) -> str:
    """What the search page asks Pagefind for ``query``: the :func:`index_term` of each of its
    words (split at whitespace) whose :func:`folded_term` is neither empty nor one of the
    :data:`STOP_TERMS`, joined by one space; ``""`` when no word is left."""
    terms = (folded_term(word) for word in query.split())
    return " ".join(term_code(term) for term in terms if term and term not in STOP_TERMS)


@dataclass(frozen=True)
class Entry:
    """What the search stage writes for one article: the Pagefind ``record`` (keyword
    arguments of ``add_custom_record``) and its written words, ``text`` (UTF-8, one space
    between words), stored as ``search/text/{text_name}`` gzip-compressed."""

    record: dict
    text: bytes
    text_name: str


def article_entry(article: Article, site: Site, fmt: Formatter,
                  link_and_shown: tuple[str, str] | None = None) -> Entry:
    """The search :class:`Entry` of one article (``link_and_shown``: its :func:`_link_and_shown`,
    when the caller has it already).

    The record's ``url`` is the link as the search page writes it (under the base path, or
    relative to ``search/index.html``), with the ``title`` (headline), the shown ``date``
    (site locale and digits), ``section`` and ``text`` (the written words' file name) in its
    fragment (``#title=…&date=…&section=…&text=…``, form-encoded), which the page reads and
    drops. They cannot go in ``meta``, whose values Pagefind searches as written (a search
    for «أكتوبر» would find every October article; a coded query word could begin a Latin
    word of a headline: «غض» → ``g2``, a prefix of «G20»), nor in ``filters``, which Pagefind
    writes in a different order on every run (measured with pagefind 1.5), breaking
    reproducible builds; ``meta`` is empty. ``content`` is each distinct :func:`index_term`
    of the :func:`article_words` but the :data:`STOP_TERMS`, once, in sorted order, each
    followed by :data:`TERM_END`; ``language`` is :data:`INDEX_LANGUAGE`.

    Sorted, not in reading order: Pagefind stores each term's position in the record, and a
    term then sits at about the same position in every article holding the common words
    before it, so the postings of a common word repeat byte runs and Pagefind's gzip
    (level 9) of its index chunks finds long matches soon instead of searching its whole
    hash chain at every byte (10,000 articles: Pagefind CPU −1.1 s, index 12.6 → 11.1 MB;
    bench/RESULTS.md). Nothing reads the positions but to name the matched terms
    (``static/js/search.js``), and each term occurs once, so ranking is unchanged.
    """
    words = article_words(article)
    text = " ".join(words).encode("utf-8")
    text_name = hashlib.sha256(text).hexdigest()[:24] + ".gz"
    link, shown = link_and_shown or _link_and_shown(article, site, fmt)
    terms = sorted(set(map(index_term, set(words))) - _NOT_INDEXED)  # C loops: each term once
    title = "title=" + quote_plus(article.display_title)
    fragment = f"{title}&{shown}&text={text_name}" if shown else f"{title}&text={text_name}"  # the name needs no quoting
    content = _TERM_SEPARATOR.join(terms) + TERM_END if terms else ""
    record = {"url": f"{link}#{fragment}", "content": content, "language": INDEX_LANGUAGE, "meta": {}}
    return Entry(record, text, text_name)


def _link_and_shown(article: Article, site: Site, fmt: Formatter) -> tuple[str, str]:
    """The record's link and its shown date and section, form-encoded as ``urlencode`` does
    (``date=…&section=…``; each value quoted once per build: dates and sections repeat)."""
    config = site.config
    if config.relative_urls:
        link = urls.relative_href(SEARCH_PAGE, article.url)
    else:
        link = urls.href(config.base_path, article.url)
    shown = []
    if article.date is not None:
        shown.append("date=" + _form_value(fmt.date(article.date, "long")))
    if article.section:
        shown.append("section=" + _form_value(article.section))
    return link, "&".join(shown)


@lru_cache(maxsize=1 << 12)
def _form_value(value: str) -> str:
    return quote_plus(value)


def entry_key(article: Article, site: Site, fmt: Formatter,
              link_and_shown: tuple[str, str] | None = None) -> str:
    """A hex digest of everything :func:`article_entry` reads, the body by its digest: equal
    keys (from the same sitegen code) give the same entry. Reads nothing from the body store.
    ``link_and_shown``: the article's :func:`_link_and_shown`, when the caller has it."""
    link, shown = link_and_shown or _link_and_shown(article, site, fmt)
    body = article.body.digest if article.body is not None else "-"
    parts = (body, article.display_title, article.subtitle or "", link, shown, site.config.lang)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


class Entries:
    """The :class:`Entry` of each of ``site``'s articles, made only when asked for: the record
    digest and text name of an article whose :func:`entry_key` is in ``known`` (``{key:
    (record digest, text name)}``, the last build's :data:`ENTRIES_FILE`) come from there, so
    an incremental build reads the bodies of the changed articles only (a body is stored
    apart from its article and read from disk when asked for)."""

    def __init__(self, site: Site, fmt: Formatter, known: dict[str, tuple[str, str]]):
        self.site, self.fmt = site, fmt
        # Each article's link and shown date and section, made once for its key and its entry.
        self._shown = [_link_and_shown(article, site, fmt) for article in site.articles]
        self.keys = [entry_key(article, site, fmt, shown) for article, shown in zip(site.articles, self._shown)]
        self._known = known
        self._made: dict[int, Entry] = {}
        self._digests: dict[int, str] = {}

    def entry(self, i: int) -> Entry:
        """The entry of article ``i`` (in ``site.articles`` order)."""
        if i not in self._made:
            self._made[i] = article_entry(self.site.articles[i], self.site, self.fmt, self._shown[i])
        return self._made[i]

    def all(self) -> list[Entry]:
        return [self.entry(i) for i in range(len(self.keys))]

    def made(self, indexes) -> Iterator[tuple[Entry, str]]:
        """``(entry, record digest)`` of the articles ``indexes`` (in ``site.articles`` order), each
        made when the caller asks for the next one (:func:`index_bundle` sends it meanwhile)."""
        for i in indexes:
            yield self.entry(i), self._digest(i)

    def digests(self) -> list[str]:
        """:func:`record_digest` of every article's record."""
        return [self._known[key][0] if key in self._known and i not in self._made
                else self._digest(i) for i, key in enumerate(self.keys)]

    def _digest(self, i: int) -> str:
        if i not in self._digests:
            self._digests[i] = record_digest(self.entry(i).record)
        return self._digests[i]

    def texts(self) -> list["_Text"]:
        """Every article's written text for :func:`write_texts`, made only when its file is wanted."""
        return [_Text(self, i, self._known[key][1] if key in self._known and i not in self._made
                      else self.entry(i).text_name) for i, key in enumerate(self.keys)]

    def save(self, path: Path, fingerprint: str) -> None:
        """Write :data:`ENTRIES_FILE` at ``path`` for ``read_entries`` (sorted: the same
        articles give the same bytes)."""
        lines = sorted(f"{key} {digest} {name}" for key, digest, name in zip(
            self.keys, self.digests(), (t.text_name for t in self.texts())))
        path.write_text("\n".join([f"sitegen-entries {fingerprint}", *lines]) + "\n", encoding="ascii")


class _Text:
    __slots__ = ("entries", "index", "text_name")

    def __init__(self, entries: Entries, index: int, text_name: str):
        self.entries, self.index, self.text_name = entries, index, text_name

    @property
    def text(self) -> bytes:
        return self.entries.entry(self.index).text


def read_entries(bundle: Path, fingerprint: str) -> dict[str, tuple[str, str]]:
    """``{entry key: (record digest, text name)}`` from the :data:`ENTRIES_FILE` of ``bundle``;
    empty when there is none, it is damaged, or other sitegen code (``fingerprint``) wrote it."""
    lines = _headed_lines(bundle / ENTRIES_FILE, f"sitegen-entries {fingerprint}")
    if lines is None:
        return {}
    known = {}
    for line in lines:
        parts = line.split(" ")
        if len(parts) != 3 or not _TEXT_NAME.fullmatch(parts[2]):
            return {}
        known[parts[0]] = (parts[1], parts[2])
    return known


_TEXT_NAME = re.compile(r"[0-9a-f]{24}\.gz")


def _headed_lines(path: Path, header: str) -> list[str] | None:
    """The lines after the first of the ASCII file ``path`` when that one is ``header``;
    ``None`` when ``path`` is no regular file, cannot be read, or starts otherwise."""
    try:
        if not _regular_file(path):
            return None
        lines = path.read_text(encoding="ascii").splitlines()
    except (OSError, ValueError):
        return None
    return lines[1:] if lines and lines[0] == header else None


def pagefind_executable() -> Path | None:
    """The Pagefind binary the ``pagefind`` package would run, looked for in its order
    (``pagefind.service.get_executable``, Pagefind 1.x): ``PAGEFIND_BINARY_PATH``, the
    ``pagefind_bin_extended`` and ``pagefind_bin`` wheels, then ``pagefind_extended`` or
    ``pagefind`` on ``PATH``; ``None`` when there is none or it is not a file. The wheels' small
    modules are imported, not ``pagefind.service``, which imports asyncio to run the binary as a
    service (~37 ms a build) that sitegen never starts (it runs the binary itself)."""
    executable = _find_pagefind()
    return executable if executable is not None and executable.is_file() else None


#: The modules of the wheels that carry a Pagefind binary, in the order ``pagefind`` tries them.
PAGEFIND_WHEELS = ("pagefind_bin_extended", "pagefind_bin")


def _find_pagefind() -> Path | None:
    written = os.environ.get("PAGEFIND_BINARY_PATH")
    if written is not None:
        return Path(written)
    for name in PAGEFIND_WHEELS:
        try:
            wheel = importlib.import_module(name)
            return Path(wheel.get_executable())
        except ImportError:
            continue
        except OSError:  # the wheel is there but its binary is not (it raises FileNotFoundError)
            return None
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(found) if found is not None else None


def index_entries(site: Site, previous: Path | None = None) -> Entries:
    """The :class:`Entries` that :func:`write_index` indexes for ``site`` with the last output
    ``previous`` (none made yet: :meth:`Entries.all` makes them, which a caller may do before
    the staging folder is ready)."""
    old = previous / BUNDLE_DIR if previous is not None else None
    return Entries(site, Formatter(site.config), read_entries(old, code_fingerprint()) if old is not None else {})


def write_index(site: Site, stage: Path, previous: Path | None = None,
                entries: Entries | None = None) -> list[Diagnostic]:
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
    Cost: bench/bench_search.py. ``stage/search/text/`` must exist as a real folder.
    """
    executable = pagefind_executable()
    if executable is None:
        remove_index(stage)
        return [skipped("the Pagefind binary is not installed",
                         "install it with `pip install \"pagefind[bin]\"` (sitegen's own dependency)")]
    bundle = stage / BUNDLE_DIR
    old = previous / BUNDLE_DIR if previous is not None else None
    texts = previous / TEXT_DIR if previous is not None else None
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
        if main is not None and _write_delta(made, main, old, bundle, executable, signature, kept_main):
            write_texts(made.texts(), stage / TEXT_DIR, texts)
        else:
            shutil.rmtree(bundle, ignore_errors=True)
            index_parts(made.made(range(len(made.keys))), len(made.keys), bundle, executable, signature,
                        meanwhile=lambda: write_texts(made.all(), stage / TEXT_DIR, texts))
            _write_live(bundle, None, [])
        made.save(bundle / ENTRIES_FILE, fingerprint)
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
    ``meanwhile()`` runs once the last part's records are sent. Raises as :func:`index_bundle`,
    and ``ValueError`` when two parts made pages of the same id."""
    entries = iter(entries)
    sizes = part_sizes(records) or [0]
    folders = part_folders(bundle, len(sizes))
    pages: dict[str, str] = {}
    runs = []  # started, not finished
    try:
        for number, (size, folder) in enumerate(zip(sizes, folders)):
            runs.append((_BundleRun(islice(entries, size), executable), folder, number == 0))
            if len(runs) == 2:  # the last part's files were built while these records were sent
                _add_part(pages, _finish_part(runs.pop(0)))
        if meanwhile is not None:
            meanwhile()
        _add_part(pages, _finish_part(runs.pop(0)))
    finally:
        for run, _, _ in runs:
            run.close()
    _write_pages(bundle, signature, pages)
    return pages


def _finish_part(running) -> dict[str, str]:
    run, folder, engine = running
    with run:
        return run.finish(folder, engine)


def _add_part(pages: dict[str, str], part: dict[str, str]) -> None:
    made = set(pages.values()) - {NO_PAGE}
    if not made.isdisjoint(page for page in part.values() if page != NO_PAGE):
        raise ValueError("two parts of the index made pages of the same id")
    pages.update(part)


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
    :func:`pagefind_signature`) made the bundle."""
    lines = _headed_lines(bundle / PAGES_FILE, f"pagefind {signature}")
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


def record_digest(record: dict) -> str:
    """A hex digest of one Pagefind record (every field): equal records, equal digests."""
    return hashlib.sha256(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:24]


def pagefind_signature(executable: Path) -> str:
    """A hex digest of the Pagefind binary's path, size and modification time: a bundle made
    by another binary is not kept."""
    info = executable.stat()
    text = f"{executable}\0{info.st_size}\0{info.st_mtime_ns}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:24]


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
        _write_file(os.path.join(folder, parts[-1]), data)
        if len(parts) == 2 and parts[0] == "fragment" and parts[1].endswith(_FRAGMENT_SUFFIX):
            fragments[parts[1][:-len(_FRAGMENT_SUFFIX)]] = data
    return fragments


_FRAGMENT_SUFFIX = ".pf_fragment"


def _write_file(path: str, data: bytes) -> None:
    """Write ``data`` as the file ``path`` (replacing one there, never through a symlink): one
    system call to open it and one to write, where ``Path.write_bytes`` goes through a buffered
    file object."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


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
                if not _regular_file(source / name):
                    raise OSError(f"{source / name} is not a regular file")
                try:
                    os.link(source / name, target / name, follow_symlinks=False)
                except OSError:
                    shutil.copy2(source / name, target / name, follow_symlinks=False)
    except OSError:
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def write_texts(entries: list[Entry], folder: Path, previous: Path | None) -> None:
    """Put each entry's gzip-compressed text at ``folder/{text_name}``, and nothing else there.
    ``folder`` must exist and be a real folder of the staging folder (never a link).

    A file of that name already in ``folder`` (a reused staging folder) stays; one in
    ``previous`` (the live output's ``search/text/``) is hard-linked (else copied) if it is a
    regular file; only the others are compressed (gzip level 1: under half the CPU of level 6
    for files a third larger, measured; no time stamp: the same text gives the same bytes).
    The name is made from the text's bytes, so a file found under it holds that text. Files
    of texts no longer indexed are removed.
    """
    wanted = {entry.text_name: entry for entry in entries}
    present = set()
    with os.scandir(folder) as found:
        for item in found:
            if item.name in wanted and item.is_file(follow_symlinks=False):
                present.add(item.name)
            elif item.is_dir(follow_symlinks=False):
                shutil.rmtree(item.path)
            else:
                os.unlink(item.path)
    root = os.fspath(folder)
    for name, entry in wanted.items():
        if name in present:
            continue
        target = os.path.join(root, name)
        old = os.path.join(previous, name) if previous is not None else None
        if old is not None and _regular_file(old):
            try:
                os.link(old, target, follow_symlinks=False)
                continue
            except OSError:
                pass
        _write_file(target, gzip.compress(entry.text, compresslevel=1, mtime=0))


def remove_index(stage: Path) -> None:
    """Remove the search index (bundles and written texts) from the staging folder ``stage``."""
    for folder in (BUNDLE_DIR, TEXT_DIR):
        shutil.rmtree(stage / folder, ignore_errors=True)


def _regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


class PagefindService:
    """``pagefind --service``: requests and answers are base64 JSON, each followed by ``,``
    (the protocol of Pagefind's own Node and Python wrappers, pagefind/src/service).

    The ``pagefind`` package's asyncio wrapper reads each answer after a fixed 0.1 s pause:
    100 s for 1,000 articles (measured), so records go through this synchronous client.
    ``call`` and ``call_many`` raise ``RuntimeError`` for an error answer or a service that stopped.
    """

    def __init__(self, executable: Path):
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buffer = bytearray()
        self.message_id = 0

    def __enter__(self) -> "PagefindService":
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.process.stdin.close()  # at end of input the service exits by itself
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()

    def call(self, payload: dict) -> dict:
        """Send one request and return its answer's payload."""
        return self.call_many([payload])[-1]

    def call_many(self, payloads) -> list[dict]:
        """Send every request, then read the answers in order (the service reads its input on a
        thread of its own, so writing ahead never blocks it; one round trip per request cost
        seconds on a busy machine)."""
        return self.receive(self.send_many(payloads))

    def send_many(self, payloads) -> range:
        """Send every request without waiting; returns their message ids, for :meth:`receive`."""
        first = self.message_id + 1
        for payload in payloads:
            self.message_id += 1
            request = {"message_id": self.message_id, "payload": payload}
            self.process.stdin.write(base64.b64encode(json.dumps(request, ensure_ascii=False).encode("utf-8")) + b",")
        self.process.stdin.flush()
        return range(first, self.message_id + 1)

    def receive(self, message_ids: range) -> list[dict]:
        """The answers to the requests ``message_ids`` (sent by :meth:`send_many`), in order."""
        answers = []
        for message_id in message_ids:
            answer = json.loads(base64.b64decode(self._read_message()))
            payload = answer.get("payload") or {}
            if payload.get("type") == "Error" or answer.get("message_id") != message_id:
                raise RuntimeError(f"Pagefind answered {payload.get('message') or payload.get('type')!r}")
            answers.append(payload)
        return answers

    def _read_message(self) -> bytes:
        scanned = 0  # a long answer (GetFiles: the whole bundle) comes in many chunks: each is searched once
        while (end := self.buffer.find(b",", scanned)) < 0:
            scanned = len(self.buffer)
            chunk = self.process.stdout.read1(1 << 20)
            if not chunk:
                raise RuntimeError("the Pagefind service stopped")
            self.buffer += chunk
        message = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        return message


def skipped(why: str, hint: str) -> Diagnostic:
    """The ``search-skipped`` warning: no index was written, because ``why``; ``hint`` says what to do."""
    return Diagnostic(path=BUNDLE_DIR, code="search-skipped", severity=Severity.WARNING,
                      message=f"search index not written: {why}; the search page will say search is unavailable",
                      hint=hint)
