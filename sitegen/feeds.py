"""Syndication feeds: RSS 2.0 ``feed.xml``, Atom 1.0 ``atom.xml`` and one RSS feed per section.

Built with feedgen (lxml underneath, so every text node and attribute is
XML-escaped by the writer). Rules followed:

* RSS 2.0 (https://www.rssboard.org/rss-specification): ``<guid>`` is the
  permalink (``isPermaLink="true"``); ``<pubDate>``/``<lastBuildDate>`` are
  RFC 822 dates with English day and month names whatever the site locale
  (feedgen formats them under the C locale; babel is never involved);
  ``<description>`` is HTML by convention, so the plain-text summary is
  HTML-escaped before the XML writer escapes it again, and a summary holding
  ``<img onerror>`` stays inert text in every reader.
* Atom (RFC 4287): ``<id>`` equals the permalink, ``rel="self"`` link,
  ``xml:lang`` from the site locale, a feed-level ``<author>`` (the site) so
  entries without authors stay valid (§4.1.1), ``<updated>`` on every entry.

Every URL comes from :func:`sitegen.urls.absolute_url`: absolute, ASCII,
percent-encoded once. Nothing depends on the wall clock: the feed's
``lastBuildDate``/``updated`` is the newest change among its entries (the
injected ``site.build_time`` only when a feed has no dated entry), so two builds
of the same content give identical bytes.
"""

from __future__ import annotations

import html
from datetime import datetime

from feedgen.feed import FeedGenerator

from sitegen import urls
from sitegen.model import Article, OutputFile, Site, Term

FEED_SIZE = 20
RSS_PATH = "/feed.xml"
ATOM_PATH = "/atom.xml"
SECTION_FEED_NAME = "feed.xml"
GENERATOR = "sitegen"


def feed_files(site: Site) -> list[OutputFile]:
    """The site's feeds as ready bytes: ``feed.xml`` (RSS 2.0), ``atom.xml`` (Atom 1.0)
    and ``sections/SLUG/feed.xml`` (RSS 2.0) for every section.

    Each holds the newest :data:`FEED_SIZE` articles of its scope, newest first.
    """
    newest = site.articles[:FEED_SIZE]
    title = site.config.title
    files = [
        OutputFile(urls.output_file(RSS_PATH), content=rss_feed(site, newest, title, RSS_PATH, "/")),
        OutputFile(urls.output_file(ATOM_PATH), content=atom_feed(site, newest, title, ATOM_PATH, "/")),
    ]
    for term in site.sections:
        path = section_feed_path(term)
        files.append(OutputFile(urls.output_file(path), content=rss_feed(
            site, term.articles[:FEED_SIZE], f"{term.name} | {title}", path, term.url)))
    return files


def section_feed_path(term: Term) -> str:
    """Site path of a section's RSS feed: ``/sections/SLUG/feed.xml`` (what
    ``archive.html`` links as ``term.url + 'feed.xml'``)."""
    return term.url + SECTION_FEED_NAME


def rss_feed(site: Site, articles: tuple[Article, ...], title: str, self_path: str, home_path: str) -> bytes:
    """RSS 2.0 document (UTF-8 bytes with an XML declaration) for ``articles`` in the given order.

    ``self_path`` is the feed's own site path (``atom:link rel="self"``), ``home_path``
    the page the channel ``<link>`` points at.
    """
    generator = _generator(site, articles, title, self_path, home_path, rss=True)
    return generator.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def atom_feed(site: Site, articles: tuple[Article, ...], title: str, self_path: str, home_path: str) -> bytes:
    """Atom 1.0 document (RFC 4287; UTF-8 bytes with an XML declaration); arguments as :func:`rss_feed`."""
    generator = _generator(site, articles, title, self_path, home_path, rss=False)
    return generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def last_change(article: Article) -> datetime | None:
    """The latest of the article's ``date`` and ``updated`` (aware), or ``None`` if undated."""
    moments = [m for m in (article.date, article.updated) if m is not None]
    return max(moments) if moments else None


def feed_updated(site: Site, articles: tuple[Article, ...]) -> datetime:
    """The feed's ``updated``/``lastBuildDate``: the newest change among ``articles``
    (never the wall clock); ``site.build_time`` when none is dated."""
    changes = [c for c in map(last_change, articles) if c is not None]
    return max(changes) if changes else site.build_time


def _local(site: Site, moment: datetime) -> datetime:
    """``moment`` in the site timezone, whole seconds (RFC 3339 / RFC 822 friendly)."""
    return moment.astimezone(site.config.timezone).replace(microsecond=0)


def _generator(site: Site, articles: tuple[Article, ...], title: str, self_path: str,
               home_path: str, rss: bool) -> FeedGenerator:
    config = site.config
    self_url = urls.absolute_url(config.base_url, self_path)
    home_url = urls.absolute_url(config.base_url, home_path)
    updated = _local(site, feed_updated(site, articles))

    fg = FeedGenerator()
    if rss:
        fg.load_extension("dc", atom=False, rss=True)
    fg.id(self_url)
    fg.title(title)
    fg.subtitle(config.description or config.title)
    fg.author({"name": config.title, "uri": urls.absolute_url(config.base_url, "/")})
    fg.language(config.lang)
    fg.generator(GENERATOR)
    # feedgen gives RSS the *last* link added: self first, the alternate page last.
    fg.link(href=self_url, rel="self",
            type="application/rss+xml" if rss else "application/atom+xml")
    fg.link(href=home_url, rel="alternate", type="text/html")
    fg.updated(updated)  # also lastBuildDate; feedgen's default is "now"
    for article in articles:
        _add_entry(fg, site, article, updated, rss)
    return fg


def _add_entry(fg: FeedGenerator, site: Site, article: Article, feed_updated_at: datetime, rss: bool) -> None:
    config = site.config
    url = urls.absolute_url(config.base_url, article.url)
    entry = fg.add_entry(order="append")
    entry.title(article.display_title)
    entry.guid(url, permalink=True)  # RSS guid and Atom id, the same ASCII permalink
    entry.link(href=url, rel="alternate", type="text/html")
    if article.date is not None:
        entry.published(_local(site, article.date))
    change = last_change(article)
    entry.updated(_local(site, change) if change is not None else feed_updated_at)
    summary = article.summary or article.subtitle
    if summary:
        # Plain text shown as HTML: escape once for HTML; lxml escapes again for XML.
        entry.summary(html.escape(summary, quote=False), type="html")
    for author in article.authors:
        entry.author(name=author)
        if rss:
            entry.dc.dc_creator(author)
    for kind, names in (("section", (article.section,) if article.section else ()), ("tag", article.tags)):
        scheme = urls.absolute_url(config.base_url, "/" + urls.ARCHIVE_ROOTS[kind] + "/")
        for name in names:
            entry.category(term=name, scheme=scheme, label=name)
