"""Files for crawlers, planned as templates a site may override file by file.

* ``sitemap.xml`` (template ``sitemap.xml``) — sitemaps.org protocol 0.9
  (https://www.sitemaps.org/protocol.html): home, every article, every section/tag/author
  archive, the corrections page once there is a correction; never a redirect page.
  ``<loc>`` percent-encoded once, ``<lastmod>`` a W3C datetime with offset. Past one file's
  limits (:data:`SITEMAP_MAX_URLS`, :data:`SITEMAP_MAX_BYTES`) the same URLs, in the same
  order, go in ``sitemap-1.xml``, ``sitemap-2.xml``, … (template ``sitemap.xml`` each), and
  ``sitemap.xml`` is their sitemap index (template ``sitemap-index.xml``):
  :func:`sitemap_files`.
* ``news-sitemap.xml`` (template ``news-sitemap.xml``) — Google News sitemap extension
  (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap):
  only articles published in the :data:`NEWS_WINDOW` before ``site.build_time``,
  at most :data:`NEWS_MAX_URLS`.
* ``robots.txt`` (template ``robots.txt``, RFC 9309) — allows everything and names both
  sitemaps by absolute URL.

This module gathers the values (absolute URLs, W3C datetimes); the templates write them
with autoescaping on, so every value is XML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from markupsafe import escape

from sitegen import digests
from sitegen import urls
from sitegen.corrections import CORRECTIONS_PATH, corrected_articles
from sitegen.feeds import written_moment
from sitegen.model import Article, OutputFile, Site
from sitegen.unchanged import NEWS_WINDOW

SITEMAP_PATH = "/sitemap.xml"
NEWS_SITEMAP_PATH = "/news-sitemap.xml"
ROBOTS_PATH = "/robots.txt"
NEWS_MAX_URLS = 1000
#: The most ``<url>`` entries one sitemap file may hold, and the most bytes it may be
#: (uncompressed): sitemaps.org protocol 0.9, https://www.sitemaps.org/protocol.html
#: ("Sitemap files have a limit of 50,000 URLs and 50MB (52,428,800 bytes)"). Past either,
#: ``sitemap.xml`` becomes a sitemap index ("Using Sitemap index files"). Read when a site is
#: planned (:func:`sitemap_files`), so a test may lower them.
SITEMAP_MAX_URLS = 50_000
SITEMAP_MAX_BYTES = 52_428_800
#: The site path of part ``number`` (1-based) of a sitemap past those limits. No page has
#: it: an article whose page folder a permalink pattern would name so (``/{slug}.xml/``) is
#: refused (:func:`sitegen.plan.is_root_file`); a redirect page or a static file there gives
#: way to the planned part (``alias-taken``, ``page-over-file``).
SITEMAP_PART_PATH = "/sitemap-{number}.xml"
#: What the theme's ``templates/sitemap.xml`` writes around the entries, and around each
#: entry's ``loc`` and ``lastmod`` (:func:`urlset_bytes`; tests/test_seo.py checks them
#: against the rendered files).
_URLSET_BYTES = len('<?xml version="1.0" encoding="utf-8"?>\n'
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n')
_URL_BYTES = len("  <url>\n    <loc></loc>\n  </url>\n")
_LASTMOD_BYTES = len("    <lastmod></lastmod>\n")


@dataclass(frozen=True)
class SitemapURL:
    """One ``<url>``: absolute ASCII ``loc`` and ``lastmod`` (W3C datetime, or ``None``)."""

    loc: str
    lastmod: str | None


@dataclass(frozen=True)
class SitemapPart:
    """One ``<sitemap>`` of a sitemap index: the absolute ASCII ``loc`` of a part and its
    ``lastmod`` (the newest of its URLs' W3C datetimes, or ``None`` when none is dated)."""

    loc: str
    lastmod: str | None


@dataclass(frozen=True)
class NewsURL:
    """One Google News ``<url>``: ``loc``, ``publication_date`` (W3C datetime) and ``title``."""

    loc: str
    publication_date: str
    title: str


def crawler_files(site: Site, sitemap: tuple[SitemapURL, ...] | None = None,
                  max_urls: int | None = None, max_bytes: int | None = None) -> list[OutputFile]:
    """``sitemap.xml`` (and its parts past the limits: :func:`sitemap_files`, which takes
    ``max_urls`` and ``max_bytes``), ``news-sitemap.xml`` and ``robots.txt`` as planned files;
    ``sitemap`` is :func:`sitemap_urls` of ``site`` when known already (``None``: made here)."""
    config = site.config
    return [
        *sitemap_files(config.base_url, sitemap_urls(site) if sitemap is None else sitemap, max_urls, max_bytes),
        OutputFile(urls.output_file(NEWS_SITEMAP_PATH), "news-sitemap.xml", {
            "publication_name": config.title,
            "publication_language": config.babel_locale.language,  # ISO 639 (news:language)
            "urls": tuple(NewsURL(urls.absolute_url(config.base_url, a.url), w3c_datetime(site, a.date),
                                  a.display_title) for a in news_articles(site))}),
        OutputFile(urls.output_file(ROBOTS_PATH), "robots.txt", {"sitemaps": (
            urls.absolute_url(config.base_url, SITEMAP_PATH), urls.absolute_url(config.base_url, NEWS_SITEMAP_PATH))}),
    ]


def sitemap_files(base_url: str, entries: tuple[SitemapURL, ...], max_urls: int | None = None,
                  max_bytes: int | None = None) -> list[OutputFile]:
    """The planned files of the sitemap of ``entries`` (:func:`sitemap_urls`) on a site at
    ``base_url``: one ``sitemap.xml`` (template ``sitemap.xml``, context ``urls``) while it
    holds at most ``max_urls`` entries and :func:`urlset_bytes` are at most ``max_bytes``
    (``None``: :data:`SITEMAP_MAX_URLS`, :data:`SITEMAP_MAX_BYTES`, the sitemaps.org limits);
    past either, the parts of :func:`split_sitemap` at :data:`SITEMAP_PART_PATH` (template
    ``sitemap.xml`` each) and ``sitemap.xml`` their index (template ``sitemap-index.xml``,
    context ``sitemaps``: :class:`SitemapPart` each). Bytes are counted as the theme's
    template writes them; a site's own ``sitemap.xml`` template that writes more a URL may
    pass the byte limit (sitemaps.org protocol, "Using Sitemap index files"; an index may name
    50,000 parts, 2.5 billion URLs: not checked)."""
    max_urls = SITEMAP_MAX_URLS if max_urls is None else max_urls
    max_bytes = SITEMAP_MAX_BYTES if max_bytes is None else max_bytes
    index_file = urls.output_file(SITEMAP_PATH)
    if len(entries) <= max_urls and urlset_bytes(entries) <= max_bytes:  # ~1 ms at 10,000 articles
        return [OutputFile(index_file, "sitemap.xml", {"urls": entries})]
    files, listed = [], []
    for number, part in enumerate(split_sitemap(entries, max_urls, max_bytes), start=1):
        path = SITEMAP_PART_PATH.format(number=number)
        files.append(OutputFile(urls.output_file(path), "sitemap.xml", {"urls": part}))
        listed.append(SitemapPart(urls.absolute_url(base_url, path), newest_lastmod(part)))
    return [OutputFile(index_file, "sitemap-index.xml", {"sitemaps": tuple(listed)}), *files]


def urlset_bytes(entries: tuple[SitemapURL, ...]) -> int:
    """The size in bytes of the ``<urlset>`` of ``entries`` as the theme's ``sitemap.xml``
    template writes it (values XML-escaped; ``loc`` and ``lastmod`` are ASCII)."""
    dated = [entry.lastmod for entry in entries if entry.lastmod]
    return (_URLSET_BYTES + _URL_BYTES * len(entries) + _escaped_length("".join([entry.loc for entry in entries]))
            + _LASTMOD_BYTES * len(dated) + _escaped_length("".join(dated)))


def _escaped_length(text: str) -> int:
    """The length of ``text`` XML-escaped as the templates write it (``&`` is ``&amp;`` …).
    Escaping is skipped when no character needs it (sitemap values seldom hold one): at
    10,000 articles ~0.1 ms to look against ~3 ms to escape."""
    return len(escape(text)) if any(char in text for char in "&<>\"'") else len(text)


def split_sitemap(entries: tuple[SitemapURL, ...], max_urls: int, max_bytes: int) -> list[tuple[SitemapURL, ...]]:
    """``entries`` cut, in order, into the fewest runs that each hold at most ``max_urls``
    entries and :func:`urlset_bytes` of at most ``max_bytes`` (filled one after the other); an
    entry too large for a file alone still gets a run of its own. Raises ``ValueError`` when
    ``max_urls`` is below 1."""
    if max_urls < 1:
        raise ValueError(f"a sitemap file holds at least one URL, not {max_urls}")
    runs: list[tuple[SitemapURL, ...]] = []
    start, size = 0, _URLSET_BYTES
    for at, entry in enumerate(entries):
        grown = urlset_bytes((entry,)) - _URLSET_BYTES
        if at > start and (at - start == max_urls or size + grown > max_bytes):
            runs.append(entries[start:at])
            start, size = at, _URLSET_BYTES
        size += grown
    if start < len(entries):
        runs.append(entries[start:])
    return runs


def newest_lastmod(entries: tuple[SitemapURL, ...]) -> str | None:
    """The ``lastmod`` of ``entries`` at the latest instant (compared as instants: two W3C
    datetimes may have other offsets), as written; ``None`` when none has one."""
    dated = [entry.lastmod for entry in entries if entry.lastmod]
    return max(dated, key=datetime.fromisoformat) if dated else None


def sitemap_urls(site: Site) -> tuple[SitemapURL, ...]:
    """The ``<url>`` entries of ``sitemap.xml`` (:func:`sitemap_entries`, absolute and dated)."""
    base_url = site.config.base_url
    return tuple(SitemapURL(urls.absolute_url(base_url, path), w3c_datetime(site, moment) if moment else None)
                 for path, moment in sitemap_entries(site))


def sitemap_inputs(site: Site) -> str:
    """A digest (hex) of what :func:`sitemap_urls` reads of ``site``: each published article's
    URL, ``date`` and ``updated`` instants, section, tags, authors (the terms and their members)
    and whether it has a correction, in site order, with the config's base URL, time zone and
    section order. Equal digests (under the same code) give equal entries, so a build can take
    the last ones (a body edit at 10,000 articles: ~20 ms against ~90 ms to make them). Values
    are written as text (``repr``, POSIX seconds), not pickled: a pickle's bytes also depend on
    which equal objects are one object."""
    config = site.config
    hasher = digests.hasher()
    hasher.update(f"{config.base_url!r}\x1f{config.timezone!s}\x1f{config.sections!r}\x1e".encode(
        "utf-8", "surrogateescape"))
    for article in site.articles:
        date, updated = article.date, article.updated
        hasher.update((f"{article.url!r}\x1f{date.timestamp() if date is not None else None}\x1f"
                       f"{updated.timestamp() if updated is not None else None}\x1f{article.section!r}\x1f"
                       f"{article.tags!r}\x1f{article.authors!r}\x1f{not article.correction}\x1e")
                      .encode("utf-8", "surrogateescape"))
    return digests.hex_of(hasher)


def w3c_datetime(site: Site, moment: datetime) -> str:
    """W3C datetime (ISO 8601 profile) in the site timezone, whole seconds: ``2024-11-21T01:30:00+03:00``
    (in UTC when the zone's offset then has seconds: :func:`sitegen.feeds.written_moment`)."""
    return written_moment(moment, site.config.timezone).isoformat()


def last_modified(articles) -> datetime | None:
    """The newest ``updated`` or ``date`` among ``articles`` (aware), ``None`` if none is dated."""
    moments = [m for a in articles for m in (a.date, a.updated) if m is not None]
    return max(moments) if moments else None


def sitemap_entries(site: Site) -> list[tuple[str, datetime | None]]:
    """``(site path, last modified)`` for the home page, every article, then every
    section, tag and author archive (first page), then the corrections page (once there is
    a correction); each path once, in that order. Redirect pages are never listed.
    A last modified moment is :func:`last_modified`'s instant, in UTC (the sitemap writes it
    in the site's time zone): each article's is found once, and the ~55,000 comparisons of
    the archives' at 10,000 articles compare datetimes of one time zone, field by field."""
    newest: dict[int, datetime | None] = {}
    own = []
    for article in site.articles:
        moment = newest[id(article)] = _newest_utc(article)
        own.append((article.url, moment))
    entries: list[tuple[str, datetime | None]] = [("/", _latest(newest.values()))]
    entries += own
    for terms in (site.sections, site.tags, site.authors):
        entries += [(term.url, _latest([newest[id(a)] if id(a) in newest else _newest_utc(a) for a in term.articles]))
                    for term in terms]
    corrected = corrected_articles(site)
    if corrected:  # an empty corrections page is not worth a crawl
        entries.append((CORRECTIONS_PATH, last_modified(corrected)))
    seen: set[str] = set()
    unique = []
    for path, moment in entries:
        if path not in seen:
            seen.add(path)
            unique.append((path, moment))
    return unique


def _newest_utc(article: Article) -> datetime | None:
    """:func:`last_modified` of one article, in UTC (``None`` when it is not dated)."""
    moment = last_modified((article,))
    return moment.astimezone(timezone.utc) if moment is not None else None


def _latest(moments) -> datetime | None:
    """The latest of ``moments`` (aware datetimes in UTC, or ``None``: left out), ``None`` if none."""
    dated = [moment for moment in moments if moment is not None]
    return max(dated) if dated else None


def news_articles(site: Site) -> list[Article]:
    """Articles whose ``date`` lies in ``[build_time - NEWS_WINDOW, build_time]``, newest
    first, at most :data:`NEWS_MAX_URLS` (Google News: articles from the last two days)."""
    start = site.build_time - NEWS_WINDOW
    recent = [a for a in site.articles if a.date is not None and start <= a.date <= site.build_time]
    return recent[:NEWS_MAX_URLS]
