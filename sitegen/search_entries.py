"""Search entries: what the search stage writes for each article (:func:`article_entry`).

An :class:`Entry` is a Pagefind record whose ``content`` is the article's distinct
:func:`~sitegen.search_terms.index_term` forms, each once (ended by
:data:`~sitegen.search_terms.TERM_END`): the only words Pagefind indexes; and the article's
words as written, stored gzip-compressed in ``search/text/`` under a name made from their
bytes (:func:`write_texts`): the search page fetches it for each result shown and builds the
excerpt from it, marking every written word whose term Pagefind matched.

Indexing each term once per article, instead of every word twice (as written for the
excerpt and as its key), keeps a common word's postings, which one query downloads, about
five times smaller; ranking then counts in how many articles and headlines a word occurs,
not how often one article repeats it (measured: bench/RESULTS.md).

:class:`Entries` makes them only when asked for; :data:`ENTRIES_FILE` keeps each article's
:func:`entry_key`, record digest and text name, so an incremental build reads the bodies of
the changed articles only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator
from urllib.parse import quote_plus

from sitegen import urls
from sitegen.model import Article, Site
from sitegen.plan import SEARCH_PAGE
from sitegen.render import Formatter
from sitegen.fingerprints import library_versions
from sitegen.search_files import headed_lines, write_file
from sitegen.search_terms import INDEX_LANGUAGE, STOP_TERMS, TERM_END, index_term
from sitegen.term_code import term_code

#: In the main bundle: each article's entry key, record digest and text name (:class:`Entries`).
ENTRIES_FILE = "sitegen-entries.txt"
#: :data:`STOP_TERMS` as :func:`index_term` codes them.
_STOP_CODES = frozenset(map(term_code, STOP_TERMS))
#: The codes no record's content holds: the stop terms and ``""`` (a word without letters or digits).
_NOT_INDEXED = _STOP_CODES | {""}
#: Between two terms of a record's content: the first one's :data:`TERM_END`, then a space.
_TERM_SEPARATOR = TERM_END + " "


def article_words(article: Article) -> list[str]:
    """The words of the headline, subtitle and body blocks, in reading order, split at
    whitespace as written (punctuation stays attached, as the reader sees it). A stored body's
    blocks are read without decoding its html (:meth:`~sitegen.model.Body.block_texts`)."""
    return " ".join([article.display_title, article.subtitle or "", *article.body.block_texts()]).split()


@dataclass(frozen=True)
class Entry:
    """What the search stage writes for one article: the Pagefind ``record`` (keyword
    arguments of ``add_custom_record``) and its written words, ``text`` (UTF-8, one space
    between words), stored as ``search/text/{text_name}`` gzip-compressed."""

    record: dict
    text: bytes
    text_name: str


def article_entry(article: Article, site: Site, fmt: Formatter) -> Entry:
    """The search :class:`Entry` of one article.

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
    link, shown = _link_and_shown(article, site, fmt)
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


def key_shape(site: Site) -> str:
    """What every article's :func:`entry_key` shares: the settings and libraries its link and
    shown date are made with (:func:`_link_and_shown`: base path or relative links, time zone,
    locale, digits; babel's version, whose CLDR data spells the date) and the index language."""
    config = site.config
    return "\0".join(map(str, (config.relative_urls, config.base_path, config.timezone, config.babel_locale,
                                config.digits, config.lang, library_versions())))


def entry_key(article: Article, shape: str) -> str:
    """A hex digest of everything :func:`article_entry` reads, the body by its digest and the
    link and shown date by what makes them (the article's URL, date and section, and the
    site's ``shape``: :func:`key_shape`): equal keys (from the same sitegen code) give the
    same entry. Reads nothing from the body store and formats nothing (~3 µs an article)."""
    body = article.body.digest if article.body is not None else "-"
    date = article.date.isoformat() if article.date is not None else "-"
    parts = (body, article.display_title, article.subtitle or "", article.url, date, article.section or "", shape)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


class Entries:
    """The :class:`Entry` of each of ``site``'s articles, made only when asked for: the record
    digest and text name of an article whose :func:`entry_key` is in ``known`` (``{key:
    (record digest, text name)}``, the last build's :data:`ENTRIES_FILE`) come from there, so
    an incremental build reads the bodies of the changed articles only (a body is stored
    apart from its article and read from disk when asked for)."""

    def __init__(self, site: Site, fmt: Formatter, known: dict[str, tuple[str, str]]):
        self.site, self.fmt = site, fmt
        shape = key_shape(site)
        self.keys = [entry_key(article, shape) for article in site.articles]
        self._known = known
        self._made: dict[int, Entry] = {}
        self._digests: dict[int, str] = {}

    def entry(self, i: int) -> Entry:
        """The entry of article ``i`` (in ``site.articles`` order)."""
        if i not in self._made:
            self._made[i] = article_entry(self.site.articles[i], self.site, self.fmt)
        return self._made[i]

    def all(self) -> list[Entry]:
        return [self.entry(i) for i in range(len(self.keys))]

    def made(self, indexes) -> Iterator[tuple[Entry, str]]:
        """``(entry, record digest)`` of the articles ``indexes`` (in ``site.articles`` order), each
        made when the caller asks for the next one (:func:`~sitegen.search_bundle.index_bundle`
        sends it meanwhile)."""
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
    lines = headed_lines(bundle / ENTRIES_FILE, f"sitegen-entries {fingerprint}")
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


def record_digest(record: dict) -> str:
    """A hex digest of one Pagefind record (every field): equal records, equal digests."""
    return hashlib.sha256(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:24]


def write_texts(entries: list[Entry], folder: Path, previous: Path | None,
                distrusted: frozenset[str] = frozenset()) -> frozenset[str]:
    """Put each entry's gzip-compressed text at ``folder/{text_name}``, and nothing else there.
    ``folder`` must exist and be a real folder of the staging folder (never a link).

    A file of that name already in ``folder`` (a reused staging folder) stays when it is the
    very file of that name in ``previous`` (the live output's ``search/text/``: the same inode,
    a hard link of it), which the caller vouches for; else one in ``previous`` is hard-linked
    (else copied) if it is a regular file; only the others are compressed (gzip level 1: under half the CPU of level 6
    for files a third larger, measured; no time stamp: the same text gives the same bytes).
    The name is made from the text's bytes, so a file found under it holds that text. Files
    of texts no longer indexed are removed. A name in ``distrusted`` (a file of ``previous``
    changed by hand since the last build: a link of it may stand in ``folder`` too) is
    compressed again. Returns the names of the files that stayed as they were (the live
    output's very files, to which this call made no link).
    """
    wanted = {entry.text_name: entry for entry in entries}
    # A staging folder's file is kept only as a link of the live output's file of that name:
    # one of its own (the spare tree's) may be an edit made by hand while that tree was live.
    live: dict[str, int] = {}
    if previous is not None:
        with os.scandir(previous) as found:
            live = {item.name: item.inode() for item in found if item.is_file(follow_symlinks=False)}
    present = set()
    with os.scandir(folder) as found:
        for item in found:
            if (item.name in wanted and item.name not in distrusted and item.is_file(follow_symlinks=False)
                    and live.get(item.name) == item.inode()):
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
        if name in live and name not in distrusted:  # a regular file there, as listed above
            try:
                os.link(os.path.join(previous, name), target, follow_symlinks=False)
                continue
            except OSError:
                pass
        write_file(target, gzip.compress(entry.text, compresslevel=1, mtime=0))
    return frozenset(present)
