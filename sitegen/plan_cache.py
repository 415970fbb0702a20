"""What the plan stage takes from the build cache: the related articles (made in a forked
process while the rest is planned when their inputs changed) and the sitemap's entries, each
made again only when its inputs are not the last build's."""

from __future__ import annotations

from sitegen.apart import Apart
from sitegen.cache import BuildCache, code_fingerprint
from sitegen.model import Site
from sitegen.plan import RELATED_LATER, related_inputs, related_positions
from sitegen.sitemaps import SitemapURL, sitemap_inputs, sitemap_urls


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
