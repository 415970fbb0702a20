"""What the collect and plan stages take from the build cache: the collected site and its
planned pages, when the site's structure and clock window are the ones they were kept under
(a body edit: :func:`kept_pages`); else the related articles (made in a forked process while
the rest is planned when their inputs changed) and the sitemap's entries, each made again only
when its inputs are not the last build's."""

from __future__ import annotations

import io
import pickle
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

from sitegen.apart import Apart
from sitegen.cache import BuildCache, code_fingerprint, write_failed
from sitegen.errors import Diagnostic
from sitegen.feeds import Feed, with_entries_of
from sitegen.model import Article, OutputFile, Site
from sitegen.plan import RELATED_LATER, related_inputs, related_positions
from sitegen.sitemaps import SitemapURL, sitemap_inputs, sitemap_urls
from sitegen.unchanged import clock_window_allows


def start_related(site: Site, cache: BuildCache | None, apart: bool = True,
                  key: str | None = None) -> tuple[dict | str | None, Apart | None]:
    """``(related, making)``: ``related`` is what :func:`sitegen.plan.plan` takes: the last
    build's related articles when their inputs (:func:`sitegen.plan.related_inputs`) are the same (``making``
    is then ``None``), ``None`` without a cache, else :data:`sitegen.plan.RELATED_LATER`: they
    are being made (and kept in ``cache`` for the next build) by ``making``, in a forked process
    when ``apart`` (:class:`sitegen.apart.Apart`; at 10,000 articles ~0.35 s of CPU the main
    process spends on the sitemap, the plan and the redirects meanwhile), and
    ``related_by_url(site, making.result())`` gives them. ``key``: the site's
    :func:`sitegen.page_reuse.site_key`, which stands for the inputs when given."""
    if cache is None:
        return None, None
    inputs = f"site {key}" if key is not None else related_inputs(site)
    kept = cache.value("related")
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == inputs:
        by_url = {article.url: article for article in site.articles}
        try:
            return {url: tuple(by_url[other] for other in others) for url, others in kept[1].items()}, None
        except (KeyError, TypeError, AttributeError):
            pass  # damaged: made again
    return RELATED_LATER, Apart(_related_kept, site, cache, inputs, fork=apart)


def _related_kept(site: Site, cache: BuildCache, inputs: str) -> list[tuple[int, ...]]:
    """:func:`sitegen.plan.related_positions` of ``site``, kept in ``cache`` under ``inputs``."""
    positions = related_positions(site)
    articles = site.articles
    cache.keep("related", (inputs, {article.url: tuple(articles[i].url for i in chosen)
                                    for article, chosen in zip(articles, positions)}))
    return positions


def reuse_sitemap(site: Site, cache: BuildCache | None, key: str | None = None) -> tuple[SitemapURL, ...] | None:
    """The sitemap's entries of ``site`` (:func:`sitegen.sitemaps.sitemap_urls`): the last
    build's when its code and :func:`sitegen.sitemaps.sitemap_inputs` are this one's (a body
    edit), else made now and kept in ``cache`` for the next build. ``None`` without a cache
    (``plan`` makes them). ``key``: the site's :func:`sitegen.page_reuse.site_key`, which
    stands for the inputs when given."""
    if cache is None:
        return None
    inputs = f"{code_fingerprint()} " + (f"site {key}" if key is not None else sitemap_inputs(site))
    kept = cache.value("sitemap")
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == inputs:
        try:
            return tuple(SitemapURL(loc, lastmod) for loc, lastmod in kept[1])
        except (TypeError, ValueError):
            pass  # damaged: made again
    entries = sitemap_urls(site)
    cache.keep("sitemap", (inputs, tuple((entry.loc, entry.lastmod) for entry in entries)))
    return entries


#: The build cache's value holding the last planned pages (:func:`keep_pages`).
PAGES_VALUE = "pages"


class _Articles:
    """Stands, in a pickle of the kept pages, for the list of the build's articles (one
    persistent id, :class:`_PagesPickler`)."""


#: The one object each article's reduction names (pickled once, then by memo).
_ARTICLES = (_Articles(),)


def _article_at(articles: tuple, place: int) -> Article:
    """The article at ``place`` of the build's list (``articles``: :data:`_ARTICLES` as the
    unpickler gives it back)."""
    return articles[0][place]


class _PagesPickler(pickle.Pickler):
    """Pickles a site and its pages with each article as its place in the build's list of
    articles (pickled once each, then by memo) and the config as itself: the entry holds the
    site's structure, never an article's fields, so a body edit leaves it true. Each article
    is ``_article_at(_ARTICLES, place)``: one persistent id for the whole list, not one per
    reference (~150,000 at 10,000 articles, each a Python call when unpickled: 72 against
    ~35 ms, measured)."""

    def __init__(self, file, places: dict[int, int], config):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._config = config
        self.dispatch_table = {Article: lambda article: (_article_at, (_ARTICLES, places[id(article)]))}

    def persistent_id(self, obj):
        if obj is _ARTICLES[0]:
            return "articles"
        if obj is self._config:
            return "config"
        return None


class _PagesUnpickler(pickle.Unpickler):
    """Undoes :class:`_PagesPickler` with this build's ``articles`` and ``config``."""

    def __init__(self, file, articles: list[Article], config):
        super().__init__(file)
        self._articles, self._config = articles, config

    def persistent_load(self, pid):
        if pid == "articles":
            return self._articles
        if pid == "config":
            return self._config
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def pages_inputs(salt: str, structure_digest: str, root_bytes: int) -> str:
    """What the kept pages stand for: the build cache's ``salt`` (:attr:`sitegen.cache.BuildCache.salt`:
    sitegen's code and the config), the site's ``structure_digest``
    (:func:`sitegen.page_reuse.structure`: every loaded article's meta key in content order,
    the publishing options, the author profiles) and ``root_bytes``
    (:func:`sitegen.writer.longest_root`, which chooses the articles whose paths fit)."""
    return f"{salt}\0{structure_digest}\0{root_bytes}"


class Kept(NamedTuple):
    """What :func:`kept_pages` gives back of the collect and plan stages of the build that kept
    them: the collected ``site`` (at this build's clock), its HTML ``pages``
    (:func:`sitegen.plan.plan_pages`, related articles given), its ``feeds``
    (:func:`sitegen.feeds.feed_files`, their entries of articles changed since made anew), the
    clock ``events`` and ``exact`` flag of its articles (:func:`sitegen.unchanged.clock_events`:
    this build's, the structure and the clock window being the same), its ``merged`` terms'
    warnings (:func:`sitegen.collect.merged_terms`, tags then sections)."""

    site: Site
    pages: list[OutputFile]
    feeds: list[OutputFile]
    events: tuple[int, ...]
    exact: bool
    merged: list[Diagnostic]


def kept_pages(cache: BuildCache | None, inputs: str | None, clock: int, articles: list[Article],
               keys: tuple[str, ...], config, build_time: datetime) -> Kept | None:
    """The :class:`Kept` site, pages and feeds of the build that kept them (:func:`keep_pages`),
    made of this build's ``articles`` (the list ``collect`` takes, in content order; ``keys``:
    their cache keys) and ``config``, at ``build_time``: when they were kept under ``inputs``
    (:func:`pages_inputs`) and no instant between that build's clock and this one's (``clock``,
    :func:`sitegen.unchanged.micros`) changes the site (:func:`sitegen.unchanged.clock_window_allows`).
    Then the site differs from the one ``collect`` would give only in the articles' content
    fields (:data:`sitegen.page_reuse.CONTENT_FIELDS`), which the pages hold no copy of: they
    hold the articles. A feed's entries do copy them: those of the articles whose key is not the
    one kept are made again. ``None`` otherwise (or when the entry is damaged: made again)."""
    if cache is None or inputs is None:
        return None
    kept = cache.value(PAGES_VALUE)
    if not (isinstance(kept, tuple) and len(kept) == 7 and kept[0] == inputs and kept[1] == len(articles)):
        return None
    _, _, recorded, events, exact, kept_keys, data = kept
    try:
        if not clock_window_allows(recorded, events, exact, clock):
            return None
        site, pages, feeds, merged = _PagesUnpickler(io.BytesIO(data), articles, config).load()
        site = replace(site, build_time=build_time)
        changed = () if kept_keys == keys else [a for a, then, now in zip(articles, kept_keys, keys) if then != now]
        feeds = with_entries_of(site, feeds, changed)
    except Exception:  # noqa: BLE001 - damage only costs planning again
        return None
    if not (isinstance(site, Site) and isinstance(pages, list) and all(p.__class__ is OutputFile for p in pages)
            and isinstance(feeds, list) and all(isinstance(f.context.get("feed"), Feed) for f in feeds)
            and isinstance(merged, list) and all(d.__class__ is Diagnostic for d in merged)):
        return None
    return Kept(site, pages, feeds, events, exact, merged)


def keep_pages(cache: BuildCache | None, inputs: str | None, window: tuple[int, tuple[int, ...], bool],
               articles: list[Article], keys: tuple[str, ...], planned: tuple[Site, list[OutputFile],
                                                                               list[OutputFile], list[Diagnostic]]) -> None:
    """Keep the ``planned`` site, its pages, feeds and merged terms' warnings (as :class:`Kept`
    names them) for the next builds (:func:`kept_pages`), under ``inputs`` (:func:`pages_inputs`)
    and the clock ``window`` (``(clock, events, exact)``: :func:`sitegen.unchanged.micros` of
    the build's clock, :func:`sitegen.unchanged.clock_events`). ``articles``: the list the site
    was collected from, ``keys`` their cache keys. Nothing is kept (the last entry is dropped)
    when a page or the site holds an article not of that list (one ``collect`` made anew: a URL
    collision renamed it)."""
    if cache is None or inputs is None:
        return
    places = {id(article): place for place, article in enumerate(articles)}
    buffer = io.BytesIO()
    try:
        _PagesPickler(buffer, places, planned[0].config).dump(planned)
    except Exception:  # noqa: BLE001 - an article not of the list (KeyError), a value that does not
        buffer = None  # pickle: no entry rather than the last one, which stands for another structure
    clock, events, exact = window
    try:
        cache.keep(PAGES_VALUE, None if buffer is None else
                   (inputs, len(articles), clock, tuple(events), exact, tuple(keys), buffer.getvalue()))
    except OSError as exc:  # the site is built (or being built): the next edit plans again
        cache.warnings.append(write_failed(cache.folder / f"value-{PAGES_VALUE}", exc))
