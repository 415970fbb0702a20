"""Frozen records: what the loaders produce and what templates read.

Records are mutable only while they are made (loaders and ``collect`` build new
ones with :func:`dataclasses.replace`); once the :class:`Site` exists nothing
changes, so rendering can be spread over processes and cached safely.
"""

from __future__ import annotations

import hashlib
import operator
import threading
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, Mapping, Protocol

from sitegen.digests import digest as digest_of

RAW = "raw"
MARKDOWN = "markdown"


@dataclass(frozen=True)
class MastheadEntry:
    """One line of a newspaper masthead: ``role`` (``رئيس التحرير``) and ``name``."""

    role: str
    name: str


@dataclass(frozen=True)
class Block:
    """One block of an article body in reading order.

    ``kind`` is ``"heading"``, ``"paragraph"`` or ``"list_item"``; ``text`` is plain text.
    """

    kind: str
    text: str


#: Where a stored body's bytes are in its store: ``(pack file name, offset, length in bytes)``.
Location = tuple[str, int, int]


class BodyStore(Protocol):
    """Where stored :class:`Body` values are read from (:class:`sitegen.cache.BodyFiles`)."""

    def read(self, location: Location) -> bytes:
        """The bytes at ``location`` (a body's :meth:`Body.encode` bytes); raises ``OSError``
        when they are gone or cut short."""


class BodyUnreadable(OSError):
    """A stored :class:`Body` is gone from its store or damaged (its bytes are not its digest's)."""


class Body:
    """An article's body: ``html`` (safe HTML) and ``blocks`` (plain-text blocks in reading order).

    Either *held* (the values are in memory) or *stored* (only its ``digest`` and its
    ``location`` in the store are, and ``store`` reads the values when ``html`` or ``blocks``
    is asked for, a few recent ones kept per process): a build's main process keeps every article's record but only the stored
    reference of its body, which only the pages showing a body (the article page,
    full-content feeds, the search index) read. Two bodies are equal when their digests are.
    ``text_identity`` is the URL ledger's identity of the body text (:func:`text_identity`).
    Raises :class:`BodyUnreadable` from ``html``/``blocks`` when a stored body is gone or damaged.
    """

    __slots__ = ("_html", "_blocks", "_digest", "_identity", "location", "store")

    def __init__(self, html: str, blocks: tuple["Block", ...] = ()):
        self._html, self._blocks = html, tuple(blocks)
        self._digest: str | None = None
        self._identity: str | None = None
        self.location: Location | None = None
        self.store: BodyStore | None = None

    @classmethod
    def stored(cls, digest: str, identity: str, location: Location, store: BodyStore | None) -> "Body":
        """A reference to the body ``digest`` at ``location`` in ``store`` (nothing is read now)."""
        body = cls.__new__(cls)
        body._html = body._blocks = None
        body._digest, body._identity, body.location, body.store = digest, identity, location, store
        return body

    def encode(self) -> bytes:
        """The canonical bytes of the body: a header line — the length in characters of the
        html and of each block's kind and text, decimal, comma-separated — then those strings
        one after the other (``"9,9,3\n<p>نص</p>paragraphنص"``), as UTF-16-LE; as UTF-8
        (``surrogatepass``) when a part holds a lone surrogate, which UTF-16 cannot carry
        (:func:`decode_body_text` tells the two apart by the second byte: a digit's UTF-16
        high byte is 0, its UTF-8 successor never is). The same values always give the same
        bytes, whose digest (:func:`sitegen.digests.digest`) is :attr:`digest`; any character
        may occur in any part. Why UTF-16: Arabic text is two bytes a letter in either, and
        CPython encodes and decodes its own two-byte strings as UTF-16 3-7× as fast (a 10 KB
        body: 3 against 11 µs encoded, 2 against 15 µs decoded; bench/RESULTS.md). (A JSON
        list took twice as long to write.)"""
        parts = [self.html]
        for block in self.blocks:
            parts += (block.kind, block.text)
        text = ",".join(map(str, map(len, parts))) + "\n" + "".join(parts)
        try:
            return text.encode("utf-16-le")
        except UnicodeEncodeError:  # a lone surrogate (an undecodable byte's, surrogateescape)
            return text.encode("utf-8", "surrogatepass")

    @classmethod
    def decode(cls, data: bytes) -> "Body":
        """The held body of :meth:`encode`'s bytes; raises ``ValueError`` for other bytes."""
        return cls.decode_text(decode_body_text(data))

    @classmethod
    def decode_text(cls, text: str) -> "Body":
        """:meth:`decode` of bytes already decoded (:func:`decode_body_text`)."""
        parts = _encoded_parts(text)
        return cls(parts[0], tuple(map(Block, parts[1::2], parts[2::2])))

    @property
    def digest(self) -> str:
        """The digest (:func:`sitegen.digests.digest`) of :meth:`encode`."""
        if self._digest is None:
            self.encode_with_digest()
        return self._digest

    def encode_with_digest(self) -> tuple[bytes, str]:
        """``(encode(), digest)`` of a held body, encoding it once (storing a body needs both)."""
        data = self.encode()
        if self._digest is None:
            self._digest = digest_of(data)
        return data, self._digest

    @property
    def text_identity(self) -> str:
        if self._identity is None:
            self._identity = text_identity(self.blocks)
        return self._identity

    @property
    def held(self) -> bool:
        return self._html is not None

    @property
    def html(self) -> str:
        return self._html if self._html is not None else _stored_html(self)

    @property
    def blocks(self) -> tuple["Block", ...]:
        return self._blocks if self._blocks is not None else _stored_blocks(self)

    def block_texts(self) -> list[str]:
        """The ``text`` of each of :attr:`blocks`, in reading order, read as :attr:`blocks`
        is (raises :class:`BodyUnreadable` alike) but, for a stored body not decoded yet,
        without decoding its html or making :class:`Block` values: what the search index
        reads of every body (:func:`sitegen.search_entries.article_words`)."""
        blocks = self._blocks
        if blocks is None:
            found = _read_body(self)
            blocks = found[2]
            if blocks is None:
                return _stored_block_texts(found[0])
        return [block.text for block in blocks]

    def __eq__(self, other) -> bool:
        return isinstance(other, Body) and self.digest == other.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"Body({self.digest})"

    def __reduce__(self):
        # A stored body travels (to and from worker processes) as its reference; a held one whole.
        if self._html is None:
            return Body.stored, (self._digest, self._identity, self.location, self.store)
        return Body, (self._html, self._blocks)


#: Stored bodies read lately in this process, by digest (an article page and its feeds read
#: one body a few times); a digest names its bytes, so any store's copy is the same body. Each
#: is ``[the stored text, its html or None, its blocks or None]``: a part is decoded when first
#: asked for (an article page needs the html only, the search index the blocks only).
_recent: dict[str, list] = {}
_RECENT_BODIES = 16
_recent_lock = threading.Lock()


def _read_body(stored: Body) -> list:
    digest = stored._digest
    found = _recent.get(digest)
    if found is None:
        try:
            data = stored.store.read(stored.location)
        except (OSError, AttributeError, TypeError) as exc:
            raise BodyUnreadable(f"article body {digest} cannot be read: {exc}") from None
        if digest_of(data) != digest:
            raise BodyUnreadable(f"article body {digest} is damaged")
        found = [decode_body_text(data), None, None]
        with _recent_lock:  # the search stage reads bodies on a thread of its own
            if len(_recent) >= _RECENT_BODIES:
                _recent.pop(next(iter(_recent)))
            _recent[digest] = found
    return found


def decode_body_text(data: bytes) -> str:
    """The text of a body's :meth:`Body.encode` bytes: UTF-16-LE when the second byte is 0 (the
    header's first digit), else UTF-8 (``surrogatepass``). Raises ``ValueError``
    (``UnicodeDecodeError``) for bytes of neither."""
    if len(data) > 1 and data[1] == 0:
        return data.decode("utf-16-le")
    return data.decode("utf-8", "surrogatepass")


def _stored_html(stored: Body) -> str:
    """The html of a stored body: the first part of its :meth:`Body.encode` text, sliced out
    by the header's first length (the blocks after it are neither split nor checked)."""
    found = _read_body(stored)
    if found[1] is None:
        text = found[0]
        header_end = text.find("\n")
        first = text[:header_end].partition(",")[0]
        if header_end < 0 or not _is_length(first):
            raise ValueError("not an encoded body")
        found[1] = text[header_end + 1:header_end + 1 + int(first)]
    return found[1]


def _stored_blocks(stored: Body) -> tuple["Block", ...]:
    found = _read_body(stored)
    if found[2] is None:
        body = Body.decode_text(found[0])
        found[1], found[2] = body._html, body._blocks
    return found[2]


def _is_length(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _encoded_parts(text: str) -> list[str]:
    """The parts of a body's :meth:`Body.encode` text: ``[html, kind, text, kind, text, …]``.
    Raises ``ValueError`` for other text: no header line, a length that is not an ASCII
    number, an even count of parts, or lengths that do not add up to the text after the header."""
    header, newline, rest = text.partition("\n")
    lengths = header.split(",")
    if not newline or len(lengths) % 2 == 0 or not all(map(_is_length, lengths)):
        raise ValueError("not an encoded body")
    parts, start = [], 0
    for length in map(int, lengths):
        parts.append(rest[start:start + length])
        start += length
    if start != len(rest):
        raise ValueError("not an encoded body")
    return parts


def _stored_block_texts(text: str) -> list[str]:
    """The block texts of a body's :meth:`Body.encode` text (no :class:`Block` is made).
    Raises ``ValueError`` for other text."""
    return _encoded_parts(text)[2::2]


def text_identity(blocks: tuple["Block", ...]) -> str:
    """``sha256:`` + 32 hex digits of the text of ``blocks`` (one per line, in order), or ``""``
    when there is no text: what the URL ledger (:mod:`sitegen.ledger`) knows an article by."""
    text = "\n".join(block.text for block in blocks)
    if not text.strip():
        return ""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Article:
    """One article, from either content format (``format`` is ``"raw"`` or ``"markdown"``).

    Dates are timezone-aware (the site timezone unless the source named another
    offset); ``date`` is ``None`` only for a raw dump with no recognisable date.
    ``title`` is ``None`` when a raw dump has no headline (see ``display_title``).
    ``body_html`` is safe HTML for the body (escaped or sanitised by the loader) and ``blocks``
    its plain text; both are kept in ``body`` (:class:`Body`: held, or stored apart and read
    when asked for). ``Article(..., body_html=…, blocks=…)`` (keywords) makes a held body;
    ``replace(article, body_html=…)`` replaces that part only.
    ``url`` is the site path of the article (``/2024/11/21/slug/``, decoded): set
    by a loader only from a front matter ``url:``, otherwise from the permalink pattern
    (:func:`sitegen.collect.permalink_of`) by the build's load stage, for the records it keeps
    in the cache, or by :mod:`sitegen.collect`.
    ``date_only`` is true when the source gave a day without a time of day (``date: 2024-11-21``):
    ``date`` is then the day's first instant in the site's zone (local midnight, or the end of a
    daylight-saving gap that skips it: :func:`sitegen.loaders.fields.start_of_day`), shown and
    marked up as a date only; ``updated_only`` is the same for ``updated`` (``updated: 2024-11-21``).
    ``expires`` is the instant the article leaves the site; for a day alone (``expires:
    2025-01-05``) the first instant of the next day (:func:`sitegen.loaders.fields.parse_expires_value`).
    ``aliases`` are extra old site paths of the article (front matter ``aliases:``), each
    becoming a redirect; ``correction`` is the text of a correction note (front matter
    ``correction:``), dated by ``updated``.
    """

    source: str
    format: str
    title: str | None
    slug: str
    display_title: str
    date: datetime | None = None
    subtitle: str | None = None
    updated: datetime | None = None
    expires: datetime | None = None
    site_name: str | None = None
    masthead: tuple[MastheadEntry, ...] = ()
    byline: str | None = None
    dateline: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    section: str | None = None
    authors: tuple[str, ...] = ()
    draft: bool = False
    image: str | None = None
    image_alt: str | None = None
    image_caption: str | None = None
    image_credit: str | None = None
    featured: bool = False
    breaking: bool = False
    lang: str = "ar"
    dir: str = "rtl"
    word_count: int = 0
    url: str | None = None
    date_only: bool = False
    updated_only: bool = False
    aliases: tuple[str, ...] = ()
    correction: str | None = None
    body: Body | None = None

    @property
    def body_html(self) -> str:
        return self.body.html

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.body.blocks

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "heading")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind != "heading")


_article_fields_init = Article.__init__


def _article_init(self, *args, body_html: str | None = None, blocks: tuple[Block, ...] | None = None, **fields) -> None:
    # ``body_html=`` and ``blocks=`` (keywords only) make the held ``body``, or replace one of
    # its parts (``dataclasses.replace(article, body_html=…)``); otherwise ``body`` is kept as
    # given, unread (a stored body stays stored through ``replace``).
    old = fields.get("body")
    if old is None or body_html is not None or blocks is not None:
        fields["body"] = Body(body_html if body_html is not None else old.html if old is not None else "",
                              blocks if blocks is not None else old.blocks if old is not None else ())
    _article_fields_init(self, *args, **fields)


Article.__init__ = _article_init


@dataclass(frozen=True)
class Term:
    """A taxonomy term (section, tag or author) with its articles, newest first.

    ``name`` is the display name, ``slug`` the URL segment, ``url`` the
    site-relative path of its archive (``/tags/slug/``).
    """

    kind: str
    name: str
    slug: str
    url: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class AuthorProfile:
    """What ``authors.yaml`` says about one author (all optional but ``name``).

    ``name`` is spelled as in ``authors.yaml`` (articles naming the author in another
    spelling are given this one); ``photo`` is a site path or an http(s) URL; ``links``
    are ``(label, http(s) URL)`` pairs in file order (``("x", "https://x.com/…")``).
    """

    name: str
    bio: str | None = None
    photo: str | None = None
    role: str | None = None
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Site:
    """The whole site, ready to render: published articles newest first and taxonomies.

    ``build_time`` is the injected clock (UTC, aware) that decides what is
    "future" and what goes in the news sitemap; output depends on nothing else
    that varies between runs. ``profiles`` maps an author's name (as articles now
    spell it) to its :class:`AuthorProfile` from ``authors.yaml``.
    """

    config: Any  # sitegen.config.Config (typed loosely to keep this module at layer 0)
    articles: tuple[Article, ...]
    sections: tuple[Term, ...]
    tags: tuple[Term, ...]
    authors: tuple[Term, ...]
    build_time: datetime
    profiles: Mapping[str, AuthorProfile] = field(default_factory=dict)


@dataclass(frozen=True)
class OutputFile:
    """One file to emit: ``path`` is relative to the output folder, POSIX, UTF-8 names.

    Every file is a ``template`` rendered with ``context`` by :mod:`sitegen.render` — pages,
    feeds, sitemaps, ``robots.txt`` and redirects alike, so a site can override any of them.
    ``source`` names what asked for the file (an article's content file, or the kind of
    page) for error messages.
    """

    path: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    source: str = ""


#: The fields of an :class:`Article`, in order (:func:`article_state`), and the positions of the
#: texts each article has its own of (its title, summary, URL …; not the section, tags or
#: authors, which articles share).
ARTICLE_FIELDS = tuple(item.name for item in fields(Article))
_OWN_TEXTS = tuple(ARTICLE_FIELDS.index(name) for name in (
    "source", "title", "slug", "display_title", "subtitle", "byline", "dateline", "summary", "image", "image_alt",
    "image_caption", "image_credit", "url", "correction"))
_article_values = operator.attrgetter(*ARTICLE_FIELDS)


def article_state(article: Article) -> tuple:
    """An article's field values in :data:`ARTICLE_FIELDS` order, each non-ASCII text of its
    own (title, summary, URL …) as its UTF-8 bytes (one ``bytes`` for a text two fields share,
    as the title and display title do); undone by :func:`article_from_state`. For picklers
    (the cache's records, render keys' digests): pickling a ``str`` keeps a UTF-8 copy of it
    inside the string for as long as the string lives (CPython's cached UTF-8 form), ~5 MiB
    for the texts of 10,000 articles in each process that pickles them; ``str.encode`` keeps
    none."""
    values = list(_article_values(article))
    encoded: dict[int, bytes] = {}
    for i in _OWN_TEXTS:
        value = values[i]
        if value.__class__ is str and not value.isascii():
            data = encoded.get(id(value))
            if data is None:
                data = encoded[id(value)] = value.encode("utf-8", "surrogatepass")
            values[i] = data
    return tuple(values)


def _article_filler():
    """The function that makes an :class:`Article` of :func:`article_state`'s values, written
    out for its fields: one local and one slot setter call per field, each own text decoded
    in place (one text for fields that shared one bytes object), no loop over the fields. The
    slots are filled through their setters, not the frozen dataclass's ``__init__`` (an
    ``object.__setattr__`` call by name per field). 10,000 articles: ``__init__`` 61 ms, a
    loop over the setters ~50 ms, this ~38 ms (of the ~0.15 s an edit spends unpickling the
    cache's records)."""
    names = [f"v{i}" for i in range(len(ARTICLE_FIELDS))]
    lines = ["def fill(state):", f"    {', '.join(names)}, = state", "    decoded = {}"]
    for i in _OWN_TEXTS:
        lines += [f"    if v{i}.__class__ is bytes:",
                  f"        text = decoded.get(id(v{i}))",
                  "        if text is None:",
                  f"            text = decoded[id(v{i})] = v{i}.decode('utf-8', 'surrogatepass')",
                  f"        v{i} = text"]
    lines.append("    article = new(Article)")
    lines += [f"    set{i}(article, v{i})" for i in range(len(ARTICLE_FIELDS))]
    lines.append("    return article")
    namespace = {"new": object.__new__, "Article": Article,
                 **{f"set{i}": Article.__dict__[name].__set__ for i, name in enumerate(ARTICLE_FIELDS)}}
    exec("\n".join(lines), namespace)  # noqa: S102 - our own text, made from the field list
    return namespace["fill"]


_fill_article = _article_filler()


class OtherArticleLayout(ValueError):
    """An article's stored state holds another number of values than :data:`ARTICLE_FIELDS`:
    kept by a sitegen whose :class:`Article` has other fields (before an upgrade), or damaged."""


def article_from_state(state: tuple) -> Article:
    """The :class:`Article` of :func:`article_state`'s values (body and all as they were; one
    text for fields that shared one), every field set (:func:`_article_filler`). Raises
    :class:`OtherArticleLayout` for a state of another length."""
    if len(state) != len(ARTICLE_FIELDS):
        raise OtherArticleLayout(f"an article's state has {len(state)} values, not {len(ARTICLE_FIELDS)}")
    return _fill_article(state)


def reduce_article(article: Article):
    """A pickler's ``dispatch_table`` entry for :class:`Article` (:func:`article_state`)."""
    return article_from_state, (article_state(article),)


def share_repeated(article: Article, known: dict) -> None:
    """Make the values ``article`` repeats from other articles (its section, tags, authors,
    language, direction and format texts, the tags and authors tuples, and the time zones of
    its dates) the one object per distinct value kept in ``known`` (``{value: value}``, one
    dict for a whole build), in place: the article was just received from a worker process or
    read from the cache, where each article's copies are objects of their own (at 10,000
    articles ~7 MiB: 10,000 copies of 8 sections, 35,000 of 200 tags, 10,000 of 2 time zones),
    held by the main process through the build and again by each render worker forked from
    it. Values only are shared, never changed: equal before, equal after. The dates keep their
    instant, offset and zone name (a new ``datetime`` with a fixed-offset ``timezone`` of the same
    offset and name; other kinds of zone are left as they are)."""
    shared = known.setdefault
    setter = object.__setattr__  # a frozen record, still being made: only equal values go in
    for name in ("format", "section", "lang", "dir"):
        value = getattr(article, name)
        if value is not None:
            setter(article, name, shared(value, value))
    for name in ("tags", "authors"):
        values = getattr(article, name)
        if values:
            values = tuple([shared(value, value) for value in values])
            setter(article, name, shared(values, values))
    for name in ("date", "updated", "expires"):
        moment = getattr(article, name)
        if moment is not None and moment.tzinfo.__class__ is timezone:
            # keyed by offset and name: timezones of one offset are equal whatever their names
            zone = moment.tzinfo
            zone = shared((timezone, zone.utcoffset(None), zone.tzname(None)), zone)
            if zone is not moment.tzinfo:
                setter(article, name, moment.replace(tzinfo=zone))
