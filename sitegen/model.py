"""Frozen records: what the loaders produce and what templates read.

Records are mutable only while they are made (loaders and ``collect`` build new
ones with :func:`dataclasses.replace`); once the :class:`Site` exists nothing
changes, so rendering can be spread over processes and cached safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping

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


@dataclass(frozen=True)
class Article:
    """One article, from either content format (``format`` is ``"raw"`` or ``"markdown"``).

    Dates are timezone-aware (the site timezone unless the source named another
    offset); ``date`` is ``None`` only for a raw dump with no recognisable date.
    ``title`` is ``None`` when a raw dump has no headline (see ``display_title``).
    ``body_html`` is safe HTML for the body (escaped or sanitised by the loader).
    ``url`` is the site path of the article (``/2024/11/21/slug/``, decoded): set
    by a loader only from a front matter ``url:``, otherwise by :mod:`sitegen.collect`
    from the permalink pattern.
    ``date_only`` is true when the source gave a day without a time of day (``date: 2024-11-21``):
    ``date`` is then local midnight, shown and marked up as a date only.
    ``aliases`` are extra old site paths of the article (front matter ``aliases:``), each
    becoming a redirect; ``correction`` is the text of a correction note (front matter
    ``correction:``), dated by ``updated``.
    """

    source: str
    format: str
    title: str | None
    slug: str
    display_title: str
    body_html: str
    date: datetime | None = None
    subtitle: str | None = None
    updated: datetime | None = None
    expires: datetime | None = None
    site_name: str | None = None
    masthead: tuple[MastheadEntry, ...] = ()
    byline: str | None = None
    dateline: str | None = None
    blocks: tuple[Block, ...] = ()
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
    aliases: tuple[str, ...] = ()
    correction: str | None = None

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "heading")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind != "heading")


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
