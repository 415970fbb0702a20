"""Files for crawlers, planned as templates a site may override file by file.

* ``sitemap.xml`` (template ``sitemap.xml``) — sitemaps.org protocol 0.9
  (https://www.sitemaps.org/protocol.html): home, every article, every section/tag/author
  archive, the corrections page once there is a correction; never a redirect page.
  ``<loc>`` percent-encoded once, ``<lastmod>`` a W3C datetime with offset.
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
from datetime import datetime, timedelta, timezone

from sitegen import digests
from sitegen import urls
from sitegen.corrections import CORRECTIONS_PATH, corrected_articles
from sitegen.feeds import written_moment
from sitegen.model import Article, OutputFile, Site

SITEMAP_PATH = "/sitemap.xml"
NEWS_SITEMAP_PATH = "/news-sitemap.xml"
ROBOTS_PATH = "/robots.txt"
NEWS_WINDOW = timedelta(days=2)
NEWS_MAX_URLS = 1000


@dataclass(frozen=True)
class SitemapURL:
    """One ``<url>``: absolute ASCII ``loc`` and ``lastmod`` (W3C datetime, or ``None``)."""

    loc: str
    lastmod: str | None


@dataclass(frozen=True)
class NewsURL:
    """One Google News ``<url>``: ``loc``, ``publication_date`` (W3C datetime) and ``title``."""

    loc: str
    publication_date: str
    title: str


def crawler_files(site: Site, sitemap: tuple[SitemapURL, ...] | None = None) -> list[OutputFile]:
    """``sitemap.xml``, ``news-sitemap.xml`` and ``robots.txt`` as planned files; ``sitemap``
    is :func:`sitemap_urls` of ``site`` when known already (``None``: made here)."""
    config = site.config
    return [
        OutputFile(urls.output_file(SITEMAP_PATH), "sitemap.xml",
                   {"urls": sitemap_urls(site) if sitemap is None else sitemap}),
        OutputFile(urls.output_file(NEWS_SITEMAP_PATH), "news-sitemap.xml", {
            "publication_name": config.title,
            "publication_language": config.babel_locale.language,  # ISO 639 (news:language)
            "urls": tuple(NewsURL(urls.absolute_url(config.base_url, a.url), w3c_datetime(site, a.date),
                                  a.display_title) for a in news_articles(site))}),
        OutputFile(urls.output_file(ROBOTS_PATH), "robots.txt", {"sitemaps": (
            urls.absolute_url(config.base_url, SITEMAP_PATH), urls.absolute_url(config.base_url, NEWS_SITEMAP_PATH))}),
    ]


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
