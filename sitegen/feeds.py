"""Syndication feeds, planned as templates: RSS 2.0 ``feed.xml``, Atom 1.0 ``atom.xml``, and an RSS
feed for every section, tag and author (``sections/SLUG/feed.xml``, ``tags/…``, ``authors/…``).

This module only gathers values (a :class:`Feed` of :class:`FeedEntry`); the templates
``rss.xml`` and ``atom.xml`` (a site may override either, file by file) write the XML
in the render stage, with Jinja's autoescaping on, so every text and attribute is
XML-escaped. Rules followed:

* RSS 2.0 (https://www.rssboard.org/rss-specification): ``<guid isPermaLink="true">`` is
  the entry's permanent id (see below), a URL that leads to the article; ``<pubDate>``/``<lastBuildDate>`` are RFC 822 dates with English day and
  month names whatever the site locale (:func:`rfc822`; a moment whose offset has seconds, a
  zone's local mean time, in UTC: :func:`written_moment`). Titles, the channel description,
  categories and creators are plain text escaped exactly once, ``&``, ``<``, ``>`` and quotes
  as hexadecimal character references (:func:`xml_text`), the form the RSS Best Practices
  Profile ("Character Data") asks for because it works in the widest range of readers.
  RSS has no way to declare a title as text: readers that guess (feedparser does) still take
  a title holding ``</b>`` or ``&amp;`` for HTML; Atom declares it. An item's ``<description>`` is HTML by
  convention, so the plain-text summary is HTML-escaped once here and once more by the
  XML template, and a summary holding ``<img onerror>`` stays inert text in every reader.
  With ``feed_content: full`` the whole article goes in ``<content:encoded>`` (RSS
  Content module) and the lead image in ``<enclosure>``, ``length`` its size in bytes when it
  is a file of the site (:func:`sized_enclosures`), else ``0`` (unknown), as the RSS Advisory
  Board's best practices ask.
* Atom (RFC 4287): ``<id>`` is the entry's permanent id (§4.2.6: "revisions retain the same
  content in their atom:id elements"), ``rel="self"`` link, ``xml:lang``, a
  feed-level ``<author>`` (the site) so entries without authors stay valid (§4.1.1),
  ``<updated>`` on every entry; titles and subtitle are ``type="text"`` (§3.1.1.1), so a
  reader shows them as written and never renders markup from them; full content in ``<content type="html">``, the lead
  image as ``<link rel="enclosure">`` (§4.2.7.2), with ``length`` only when it is known (§4.2.7.6).
* Every link and image inside full content is absolute (:func:`absolute_links`): feed
  readers resolve relative URLs against the feed, not the article.

An entry's id (:attr:`FeedEntry.id`) is the absolute URL the article was first published at,
as the URL ledger knows it (:func:`with_ids`, :func:`sitegen.url_history.feed_ids`), so a new
headline, which moves the article, does not make feed readers show it again as a new item; its
old URL redirects to the new one. An article whose URL never moved, or whose first URL the ledger
does not know or another article now has, is identified by its current URL.

Every URL comes from :func:`sitegen.urls.absolute_url`: absolute, ASCII, percent-encoded
once. Nothing depends on the wall clock: a feed's ``updated`` is the newest change among
its entries (``site.build_time`` only when none is dated), so two builds of the same
content give identical bytes. A corrected article's entry is updated at its ``updated``
time and carries the correction note.
"""

from __future__ import annotations

import email.utils
import functools
import html
import mimetypes
import os
import re
from dataclasses import dataclass, replace
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping
from urllib.parse import quote, unquote, urljoin

from markupsafe import Markup

from sitegen import urls
from sitegen.model import Article, OutputFile, Site, Term

FEED_SIZE = 20
RSS_PATH = "/feed.xml"
ATOM_PATH = "/atom.xml"
TERM_FEED_NAME = "feed.xml"
RSS_TEMPLATE = "rss.xml"
ATOM_TEMPLATE = "atom.xml"
GENERATOR = "sitegen"


@dataclass(frozen=True)
class Enclosure:
    """A media file of an entry: absolute ASCII ``url``, MIME ``type``, ``length`` in bytes (0:
    unknown), and ``path``, the decoded site path (``/images/a.jpg``) when it names a file of
    the site (``None``: another site's URL). The length of a file of the site is set once the
    published files are known (:func:`sized_enclosures`)."""

    url: str
    type: str
    length: int = 0
    path: str | None = None


@dataclass(frozen=True)
class FeedEntry:
    """One article in a feed. ``published``/``updated`` are aware, in the site timezone, whole
    seconds (``published`` is ``None`` for an undated article). ``summary_html`` is HTML
    holding only the escaped summary text; ``content_html`` the whole article with
    absolute URLs (``None`` unless ``feed_content: full``). ``categories`` are ``(name,
    scheme URL)`` pairs: the section then the tags. ``id``: the entry's permanent id, an absolute
    URL (Atom ``<id>``, RSS ``<guid>``): ``url`` when planned, the first URL once the URL ledger
    is known (:func:`with_ids`)."""

    title: str
    url: str
    id: str
    published: datetime | None
    updated: datetime
    summary_html: str | None
    content_html: str | None
    image: Enclosure | None
    authors: tuple[str, ...]
    categories: tuple[tuple[str, str], ...]
    correction: str | None


@dataclass(frozen=True)
class Feed:
    """One feed document: its ``title``, ``subtitle``, own absolute URL ``self_url``, the page
    it belongs to ``home_url``, ``updated`` (aware, site timezone), ``language`` (BCP 47),
    the site's name and home as ``author_name``/``author_url``, and ``entries`` newest first."""

    title: str
    subtitle: str
    self_url: str
    home_url: str
    updated: datetime
    language: str
    author_name: str
    author_url: str
    entries: tuple[FeedEntry, ...]
    generator: str = GENERATOR


def feed_files(site: Site) -> list[OutputFile]:
    """The site's feeds as planned files: ``feed.xml`` (RSS 2.0), ``atom.xml`` (Atom 1.0) and
    an RSS ``feed.xml`` in the archive folder of every section, tag and author.

    Each holds the newest :data:`FEED_SIZE` articles of its scope, newest first. An article's
    entry is made once and shared by every feed that holds it (the site's, its section's, tags'
    and authors').
    """
    title = site.config.title
    entries: dict = {}
    files = [
        _file(RSS_PATH, RSS_TEMPLATE, feed(site, site.articles, title, RSS_PATH, "/", entries)),
        _file(ATOM_PATH, ATOM_TEMPLATE, feed(site, site.articles, title, ATOM_PATH, "/", entries)),
    ]
    for terms in (site.sections, site.tags, site.authors):
        for term in terms:
            path = term_feed_path(term)
            files.append(_file(path, RSS_TEMPLATE, feed(site, term.articles, f"{term.name} | {title}", path, term.url,
                                                         entries)))
    return files


def _file(path: str, template: str, value: Feed) -> OutputFile:
    return OutputFile(urls.output_file(path), template, {"feed": value})


def term_feed_path(term: Term) -> str:
    """Site path of a section's, tag's or author's RSS feed: ``/tags/SLUG/feed.xml`` (what
    ``archive.html`` links as ``term.url + 'feed.xml'``)."""
    return term.url + TERM_FEED_NAME


def feed(site: Site, articles: tuple[Article, ...], title: str, self_path: str, home_path: str,
         entries: dict | None = None) -> Feed:
    """The :class:`Feed` of the newest :data:`FEED_SIZE` of ``articles`` (given newest first).
    ``self_path`` is the feed's own site path, ``home_path`` the page it belongs to;
    ``entries`` (a dict kept for one ``site``) holds the entries made so far, shared by feeds."""
    config = site.config
    articles = articles[:FEED_SIZE]
    updated = _local(site, feed_updated(site, articles))
    return Feed(
        title=title, subtitle=config.description or config.title,
        self_url=urls.absolute_url(config.base_url, self_path), home_url=urls.absolute_url(config.base_url, home_path),
        updated=updated, language=config.lang,
        author_name=config.title, author_url=urls.absolute_url(config.base_url, "/"),
        entries=tuple(_shared_entry(site, article, updated, entries) for article in articles))


def with_entries_of(site: Site, files: list[OutputFile], articles: Iterable[Article]) -> list[OutputFile]:
    """``files`` (:func:`feed_files` of a site that differs from ``site`` only in the content of
    ``articles``, which the entries copy: title, summary, body …) with the entries of those
    articles made again from ``site``'s; a feed holding none of them is left as it is. Entries
    are found by their URL (before :func:`with_ids`, an entry's id is its URL)."""
    base = site.config.base_url
    by_url = {urls.absolute_url(base, article.url): article for article in articles}
    if not by_url:
        return files
    made: dict = {}
    out = []
    for file in files:
        feed = file.context["feed"]
        if by_url.keys().isdisjoint([entry.url for entry in feed.entries]):
            out.append(file)
            continue
        entries = tuple(_shared_entry(site, by_url[entry.url], feed.updated, made) if entry.url in by_url else entry
                        for entry in feed.entries)
        out.append(replace(file, context={**file.context, "feed": replace(feed, entries=entries)}))
    return out


def _shared_entry(site: Site, article: Article, feed_updated_at: datetime, entries: dict | None) -> FeedEntry:
    """:func:`_entry`, made once per article (and, for an undated one, per ``feed_updated_at``
    it shows) in ``entries``; the article is kept with its entry so its ``id`` stays its own."""
    if entries is None:
        return _entry(site, article, feed_updated_at)
    key = (id(article), feed_updated_at if article.date is None and article.updated is None else None)
    found = entries.get(key)
    if found is None or found[0] is not article:
        found = entries[key] = (article, _entry(site, article, feed_updated_at))
    return found[1]


#: XML character data of plain text: ``&``, ``<``, ``>`` and both quotes as hexadecimal
#: character references (valid in element content and in attribute values).
_XML_TEXT = str.maketrans({"&": "&#x26;", "<": "&#x3C;", ">": "&#x3E;", '"': "&#x22;", "'": "&#x27;"})


def xml_text(text: object) -> Markup:
    """Plain ``text`` escaped exactly once as XML character data, with hexadecimal character
    references (``'AT&T <عاجل>'`` → ``'AT&#x26;T &#x3C;عاجل&#x3E;'``), as the RSS Advisory Board's
    Best Practices Profile asks for plain text ("Character Data"). An XML parser reads back
    ``text`` exactly; the template filter ``xml_text`` for feed titles, names and categories."""
    return Markup(str(text).translate(_XML_TEXT))


def last_change(article: Article) -> datetime | None:
    """The latest of the article's ``date`` and ``updated`` (aware), or ``None`` if undated."""
    moments = [m for m in (article.date, article.updated) if m is not None]
    return max(moments) if moments else None


def feed_updated(site: Site, articles: tuple[Article, ...]) -> datetime:
    """The feed's ``updated``/``lastBuildDate``: the newest change among ``articles``
    (never the wall clock); ``site.build_time`` when none is dated."""
    changes = [c for c in map(last_change, articles) if c is not None]
    return max(changes) if changes else site.build_time


def written_moment(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """``moment`` (aware) as every machine-readable date writes it: in ``zone`` (``None``: at its
    own offset), whole seconds, or in UTC when that offset is not a whole number of minutes.

    Such offsets are a zone's local mean time before it took a standard time (Asia/Riyadh
    +03:06:52 before 1947, Africa/Cairo +02:05:09 before 1900). No date format of the site's
    outputs can write their seconds: RFC 822 §5.1 (RSS) has ``+hhmm``, RFC 3339 §5.6 (Atom,
    JSON-LD, sitemaps' W3C-DTF, HTML's ``<time datetime>``) ``+hh:mm``; rounding the offset
    would move the instant, UTC keeps it exact. Pages still show such a time as local."""
    if zone is not None:
        moment = moment.astimezone(zone)
    moment = moment.replace(microsecond=0)
    offset = moment.utcoffset()
    # (a check of the normalised fields: ~0.4 µs a call less than a timedelta's modulo, ~10,000 calls a build)
    if offset is not None and (offset.seconds % 60 or offset.microseconds):
        moment = moment.astimezone(timezone.utc)
    return moment


def rfc822(moment: datetime) -> str:
    """RFC 822 date as RSS 2.0 wants it, English names in any locale: ``Thu, 21 Nov 2024 10:00:00 +0300``
    (RFC 5322 §3.3 form, :func:`email.utils.format_datetime`), of ``moment`` (aware) at its own
    offset, whole seconds (:func:`written_moment`: ``+0000`` for an offset with seconds)."""
    return email.utils.format_datetime(written_moment(moment))


def rfc3339(moment: datetime) -> str:
    """RFC 3339 date-time as Atom wants it (RFC 4287 §3.3): ``2024-11-21T10:00:00+03:00``, of
    ``moment`` (aware) at its own offset, whole seconds (:func:`written_moment`: ``+00:00`` for
    an offset with seconds)."""
    return written_moment(moment).isoformat()


def _local(site: Site, moment: datetime) -> datetime:
    """``moment`` in the site timezone, whole seconds (RFC 3339 / RFC 822 friendly)."""
    return moment.astimezone(site.config.timezone).replace(microsecond=0)


def _entry(site: Site, article: Article, feed_updated_at: datetime) -> FeedEntry:
    config = site.config
    url = urls.absolute_url(config.base_url, article.url)
    change = last_change(article)
    summary = article.summary or article.subtitle
    full = config.feed_content == "full"
    schemes = _category_schemes(config.base_url)
    categories = tuple((name, schemes[kind])
                       for kind, names in (("section", (article.section,) if article.section else ()),
                                           ("tag", article.tags))
                       for name in names)
    return FeedEntry(
        title=article.display_title, url=url, id=url,
        published=_local(site, article.date) if article.date is not None else None,
        updated=_local(site, change) if change is not None else feed_updated_at,
        # Plain text shown as HTML: escape once for HTML; the XML template escapes again.
        summary_html=html.escape(summary, quote=False) if summary else None,
        content_html=absolute_links(article.body_html, config.base_url, article.url) if full else None,
        image=lead_image(config.base_url, article.image) if full else None,
        authors=article.authors, categories=categories, correction=article.correction)


@functools.lru_cache(maxsize=8)
def _category_schemes(base_url: str) -> dict[str, str]:
    """``{kind: absolute URL of the kind's archive root}`` (a category's ``domain``/``scheme``),
    made once per base URL instead of once per category (~10,000 quotings at 10,000 articles);
    shared: read it, never change it."""
    return {kind: urls.absolute_url(base_url, "/" + root + "/") for kind, root in urls.ARCHIVE_ROOTS.items()}


def lead_image(base_url: str, image: str | None) -> Enclosure | None:
    """The enclosure of an article's lead ``image`` (a site path or an http(s) URL), its MIME
    type guessed from the file name (``image/jpeg`` when it says nothing)."""
    if not image:
        return None
    path = None
    if "://" in image:
        url = urls.external_url(image)
        kind = mimetypes.guess_type(image.split("?", 1)[0])[0]
    else:  # the file's path decoded once, the URL encoding it once (urls.split_site_link)
        path = urls.split_site_link(image)[0]
        url = urls.site_link_url(base_url, image)
        kind = mimetypes.guess_type(path)[0]
    return Enclosure(url, kind if kind and kind.startswith("image/") else "image/jpeg", path=path)


def sized_enclosures(files: list[OutputFile], published: Iterable[tuple[Path, str]]) -> list[OutputFile]:
    """``files`` (the planned files) with each feed's enclosures of files of the site given their
    size in bytes: RSS 2.0 says ``<enclosure length>`` "says how big it is in bytes"
    (https://www.rssboard.org/rss-specification#ltenclosuregtSubelementOfLtitemgt).

    ``published`` are the ``(file, site path)`` pairs copied to the output as they are (the
    theme's, ``static/`` and the content's files; a later one of a path wins, as it does when
    copied). An enclosure of another site, or of a path no such file has (or one that cannot be
    read now), keeps length 0, the RSS Advisory Board's value for a size that cannot be
    determined (https://www.rssboard.org/rss-profile#element-channel-item-enclosure); the Atom
    template then leaves ``length`` out (optional, RFC 4287 §4.2.7.6). Entries shared by feeds
    stay shared; files other than feeds are returned as they are."""
    enclosing = list(_feeds_with(files, _encloses_site_file))
    if not enclosing:
        return files  # (an edit at 10,000 articles without lead images: no new list)
    where = {path: file for file, path in published}
    sizes: dict[str, int] = {}

    def size(path: str) -> int:
        if path not in sizes:
            try:
                sizes[path] = os.stat(where[path]).st_size if path in where else 0
            except OSError:  # gone or unreadable since it was found: unknown, as for another site's
                sizes[path] = 0
        return sizes[path]

    return _with_entries(files, enclosing, _encloses_site_file,
                         lambda entry: replace(entry, image=replace(entry.image, length=size(entry.image.path))))


def with_ids(files: list[OutputFile], ids: Mapping[str, str]) -> list[OutputFile]:
    """``files`` (the planned files) with each feed entry whose ``url`` is a key of ``ids``
    (``{absolute current URL: absolute id}``: :func:`sitegen.url_history.feed_ids`) given that
    ``id``. Entries shared by feeds stay shared; other files, and feeds without such an entry,
    are returned as they are (``files`` itself when ``ids`` is empty: an article's URL never moved)."""
    if not ids:
        return files

    def moved(entry: FeedEntry) -> bool:
        return entry.url in ids

    return _with_entries(files, _feeds_with(files, moved), moved, lambda entry: replace(entry, id=ids[entry.url]))


def _encloses_site_file(entry: FeedEntry) -> bool:
    """Whether ``entry`` encloses a file of the site (its lead image given as a site path)."""
    return entry.image is not None and entry.image.path is not None


def _feeds_with(files: Iterable[OutputFile], wanted: Callable[[FeedEntry], bool]) -> Iterator[tuple[int, Feed]]:
    """``(index, feed)`` of each feed file of ``files`` with an entry that is ``wanted``."""
    for index, file in enumerate(files):
        value = file.context.get("feed") if file.template in (RSS_TEMPLATE, ATOM_TEMPLATE) else None
        if isinstance(value, Feed) and any(map(wanted, value.entries)):
            yield index, value


def _with_entries(files: list[OutputFile], feeds: Iterable[tuple[int, Feed]], wanted: Callable[[FeedEntry], bool],
                  change: Callable[[FeedEntry], FeedEntry]) -> list[OutputFile]:
    """``files`` with each of ``feeds`` (``(index in files, feed)``) holding ``change(entry)``
    for each of its ``wanted`` entries; an entry shared by feeds is changed once, and the
    changed one is shared the same way."""
    changed: dict[int, FeedEntry] = {}  # id of an entry -> the entry changed

    def change_once(entry: FeedEntry) -> FeedEntry:
        if not wanted(entry):
            return entry
        found = changed.get(id(entry))
        if found is None:
            found = changed[id(entry)] = change(entry)
        return found

    out = list(files)
    for index, feed in feeds:
        feed = replace(feed, entries=tuple(map(change_once, feed.entries)))
        out[index] = replace(out[index], context={**out[index].context, "feed": feed})
    return out


def enclosure_lengths(files: Iterable[OutputFile]) -> tuple[tuple[str, int], ...]:
    """``(site path, length)`` of every enclosure of a file of the site in the feeds of ``files``,
    sorted: what :func:`sized_enclosures` read from outside the articles (part of what
    :func:`sitegen.writing.write_site` checks before it takes a feed over unkeyed: a lead
    image's new size re-renders its feeds)."""
    return tuple(sorted({(entry.image.path, entry.image.length) for _, value in _feeds_with(files, _encloses_site_file)
                         for entry in value.entries if _encloses_site_file(entry)}))


#: A start tag of sanitised HTML (attribute values double-quoted; text never holds a raw ``<``).
_START_TAG = re.compile(r'<[a-zA-Z][^\s/>]*(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?>')
#: Attribute names in any case, as HTML reads them (a trusted body's ``HREF="/x"``).
_LINK_ATTRIBUTE = re.compile(r'(?P<name>\s(?i:href|src|poster)=")(?P<value>[^"]*)"')
_SRCSET_ATTRIBUTE = re.compile(r'(?P<name>\s(?i:srcset)=")(?P<value>[^"]*)"')


def absolute_links(fragment: str, base_url: str, page_path: str) -> str:
    """``fragment`` (an article's sanitised body HTML) with every ``href``, ``src``, ``poster``
    and ``srcset`` URL made absolute and ASCII, as a feed reader needs them.

    A root-relative path (``/images/a.jpg``, as editors write them) is a site path under the
    base URL's path, like the pages' own links; a relative one (``a.jpg``, ``#note``) is
    resolved against the article's URL, and so is a network-path one (``//host``, and what a
    browser reads as one: ``/\\host``, ``/\t/host``; not ``/%2Fhost``, whose escape a browser
    does not decode: a path of this site); ``https:`` and ``mailto:`` links stay.
    """
    page_url = urls.absolute_url(base_url, page_path)

    def absolute(value: str) -> str:
        value = urls.url_as_read(html.unescape(value))
        slashed = value.replace("\\", "/")  # as a browser reads an http(s) URL
        if slashed.startswith("//"):  # ``//host``, ``/\\host``: another site
            return quote(urljoin(page_url, slashed), safe=urls.URL_KEEP)
        if value.startswith("/"):  # ``/%2Fhost`` too: a browser decodes no escape there, a path of this site
            cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
            return urls.absolute_url(base_url, unquote(value[:cut])) + quote(value[cut:], safe=urls.URL_KEEP)
        return quote(urljoin(page_url, value), safe=urls.URL_KEEP)

    def link(match: re.Match) -> str:
        return f'{match["name"]}{html.escape(absolute(match["value"]))}"'

    def srcset(match: re.Match) -> str:
        candidates = []
        for candidate in match["value"].split(","):
            parts = candidate.split()
            if parts:
                candidates.append(" ".join([absolute(parts[0]), *parts[1:]]))
        return f'{match["name"]}{html.escape(", ".join(candidates))}"'

    def tag(match: re.Match) -> str:
        return _SRCSET_ATTRIBUTE.sub(srcset, _LINK_ATTRIBUTE.sub(link, match.group()))

    return _START_TAG.sub(tag, fragment)
