"""The plain list of files a build emits: one :class:`~sitegen.model.OutputFile` each.

Planning only decides paths, templates and context; it renders nothing, so the
list can be checked for collisions first and rendered in any order (or in a
process pool) afterwards.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from sitegen import digests
from sitegen import urls
from sitegen.errors import Diagnostic, SitegenError
from sitegen.corrections import CORRECTIONS_PATH, corrected_articles
from sitegen.feeds import ATOM_PATH, RSS_PATH, feed_files
from sitegen.model import Article, OutputFile, Site
from sitegen.sitemaps import (NEWS_SITEMAP_PATH, ROBOTS_PATH, SITEMAP_PART_PATH, SITEMAP_PATH, SitemapURL,
                              crawler_files)

#: The search page (sitegen.search writes its index beside it, in search/pagefind/).
SEARCH_PAGE = "search/index.html"
RELATED_COUNT = 4
#: Per shared tag, how many of that tag's articles nearest in time are scored as related
#: candidates. Bounds the work per article (a tag on 3,000 articles would otherwise make the
#: related lists quadratic); a reader looks for related news from around the same time.
RELATED_CANDIDATES_PER_TAG = 50
#: Numbered pagination links shown either side of the current page (plus the first and last).
PAGINATION_WINDOW = 2


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list. ``number`` and ``count`` are 1-based; paths are site paths."""

    number: int
    count: int
    items: tuple[Article, ...]
    first: str

    @property
    def path(self) -> str:
        return urls.page_path(self.first, self.number)

    @property
    def prev_path(self) -> str | None:
        return urls.page_path(self.first, self.number - 1) if self.number > 1 else None

    @property
    def next_path(self) -> str | None:
        return urls.page_path(self.first, self.number + 1) if self.number < self.count else None

    def pages(self, window: int = PAGINATION_WINDOW) -> list[tuple[int | None, str | None]]:
        """``(number, path)`` pairs for numbered pagination links: the first and last page and
        ``window`` pages either side of the current one, in order; ``(None, None)`` stands for
        each run of left-out pages (a gap shown as an ellipsis). A list of 500 pages gets at most
        ``2 * window + 5`` links on each page, so page size stays flat as the archive grows."""
        shown = sorted({1, self.count} | set(range(max(1, self.number - window),
                                                   min(self.count, self.number + window) + 1)))
        out: list[tuple[int | None, str | None]] = []
        for number in shown:
            if out and number > out[-1][0] + 1:
                out.append((None, None))
            out.append((number, urls.page_path(self.first, number)))
        return out


def paginate(articles: tuple[Article, ...], per_page: int, first: str) -> list[Pager]:
    """Pages of ``per_page`` articles; an empty list still has one (empty) page."""
    chunks = [articles[i:i + per_page] for i in range(0, len(articles), per_page)] or [()]
    return [Pager(n, len(chunks), tuple(chunk), first) for n, chunk in enumerate(chunks, start=1)]


def list_pages(site: Site, articles: tuple[Article, ...], first: str, template: str, **context) -> list[OutputFile]:
    return [OutputFile(urls.output_file(pager.path), template, {"pager": pager, **context})
            for pager in paginate(articles, site.config.paginate, first)]


def related_articles(site: Site, limit: int = RELATED_COUNT,
                     per_tag: int = RELATED_CANDIDATES_PER_TAG) -> dict[str, tuple[Article, ...]]:
    """For each article URL, up to ``limit`` others: first those sharing tags, scored 2 per shared
    tag plus 1 for the same section, best score first, then newest first; then the section's
    newest articles. Never the article itself, never twice (:func:`related_positions`)."""
    return related_by_url(site, related_positions(site, limit, per_tag))


def related_by_url(site: Site, positions: list[tuple[int, ...]]) -> dict[str, tuple[Article, ...]]:
    """:func:`related_articles` from :func:`related_positions`' answer for ``site``."""
    articles = site.articles
    return {article.url: tuple(articles[i] for i in chosen) for article, chosen in zip(articles, positions)}


def related_positions(site: Site, limit: int = RELATED_COUNT,
                      per_tag: int = RELATED_CANDIDATES_PER_TAG) -> list[tuple[int, ...]]:
    """For each article of ``site.articles`` (in order), the positions in that list of its
    related articles (:func:`related_articles`): plain data, made apart from the articles
    (:class:`sitegen.apart.Apart`) and sent back cheaply.

    Candidates come from an inverted index (the tag terms): for each tag, only the ``per_tag``
    articles nearest in time to this one, counted in C (:class:`collections.Counter`); only those
    sharing two tags or more are sorted by score, the rest taken newest first as far as needed,
    so the cost is O(articles × tags × per_tag × log per_tag) — linear in the number of articles.
    """
    articles = site.articles
    order = {a.url: i for i, a in enumerate(articles)}
    section_of = [urls.term_slug(a.section) if a.section else None for a in articles]
    # Each tag's members as positions in ``articles`` (newest first), and each article's
    # position inside every tag it carries.
    members_of = {term.slug: [order[a.url] for a in term.articles] for term in site.tags}
    place_in = {slug: {member: i for i, member in enumerate(members)} for slug, members in members_of.items()}
    section_members = {term.slug: [order[a.url] for a in term.articles] for term in site.sections}
    in_section = {slug: frozenset(members) for slug, members in section_members.items()}
    half = per_tag // 2
    related = []
    for index, article in enumerate(articles):
        section = section_of[index]
        candidates = []
        for slug in {urls.term_slug(tag) for tag in article.tags}:
            members = members_of[slug]
            at = place_in[slug][index]
            start = max(0, min(at - half, len(members) - per_tag - 1))
            candidates += members[start:start + per_tag + 1]
        shared = Counter(candidates)  # other article → tags shared (its score: 2 each, +1 same section)
        del shared[index]
        same = in_section[section] if section is not None else frozenset()
        # Best score first, then newest: those sharing two tags or more (few) ranked in full;
        # then those sharing one, the section's first, each group newest first, taken only
        # as far as needed (~150 candidates an article, most sharing one tag).
        chosen = [other for other, count in shared.items() if count > 1]
        if chosen:
            chosen.sort(key=lambda other: (-shared[other], other not in same, other))
            del chosen[limit:]
        for group, wanted in ((same.intersection(shared), True), (shared, False)):
            if len(chosen) == limit:
                break
            for other in sorted(group):
                if shared[other] == 1 and (other in same) == wanted:
                    chosen.append(other)
                    if len(chosen) == limit:
                        break
        if len(chosen) < limit and section is not None:
            taken = {index, *chosen}
            for other in section_members[section]:
                if other not in taken:
                    chosen.append(other)
                    if len(chosen) == limit:
                        break
        related.append(tuple(chosen))
    return related


def related_inputs(site: Site) -> str:
    """A digest of everything :func:`related_articles` reads: each published article's URL,
    section and tags, in site order (not dates or bodies: the order carries the dates). Equal
    digests give equal related lists, so a build can reuse the last one's (by URL)."""
    hasher = digests.hasher()
    for article in site.articles:
        hasher.update("\x1f".join((article.url, article.section or "", *article.tags, "\x1e"))
                      .encode("utf-8", "surrogateescape"))
    return digests.hex_of(hasher)


def lead_story(site: Site) -> Article | None:
    """The front page's lead: the newest ``featured: true`` article, else the newest one."""
    return next((a for a in site.articles if a.featured), site.articles[0] if site.articles else None)


def is_breaking(article: Article, site: Site) -> bool:
    """Whether ``article`` is breaking news now: ``breaking: true`` and published less than
    ``breaking_hours`` before the build time (and not after it). Older ones are ordinary news."""
    if not article.breaking or article.date is None:  # most articles: the site is not read
        return False
    window = timedelta(hours=site.config.breaking_hours)
    return site.build_time - window <= article.date <= site.build_time


def breaking_news(site: Site) -> tuple[Article, ...]:
    """The front page's ticker: articles for which :func:`is_breaking` holds, newest first."""
    return tuple(a for a in site.articles if is_breaking(a, site))


def date_archives(site: Site) -> list[OutputFile]:
    """``/YYYY/`` and ``/YYYY/MM/`` archive pages (local dates), paginated."""
    files = []
    tz = site.config.timezone
    dated = [a for a in site.articles if a.date is not None]
    by_year: dict[int, list[Article]] = defaultdict(list)
    by_month: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for article in dated:
        local = article.date.astimezone(tz)
        by_year[local.year].append(article)
        by_month[(local.year, local.month)].append(article)
    for year, items in sorted(by_year.items()):
        files += list_pages(site, tuple(items), f"/{year:04d}/", "archive.html", archive_kind="year", year=year)
    for (year, month), items in sorted(by_month.items()):
        files += list_pages(site, tuple(items), f"/{year:04d}/{month:02d}/", "archive.html",
                            archive_kind="month", year=year, month=month)
    return files


#: ``plan(site, RELATED_LATER)``: the article pages' related articles are added afterwards
#: (:func:`add_related`), once made apart (:class:`sitegen.apart.Apart`).
RELATED_LATER = "related later"


def plan(site: Site, related: dict[str, tuple[Article, ...]] | str | None = None,
         sitemap: tuple[SitemapURL, ...] | None = None, sitemap_max_urls: int | None = None,
         sitemap_max_bytes: int | None = None) -> list[OutputFile]:
    """Every file of the site except static assets; feeds (:mod:`sitegen.feeds`) and
    crawler files (:mod:`sitegen.sitemaps`) come with their values ready. ``related`` is
    :func:`related_articles` of ``site`` when known already (a build whose
    :func:`related_inputs` are the last one's), or :data:`RELATED_LATER`: the article pages'
    ``related`` is then ``None`` until :func:`add_related` gives it; ``sitemap`` likewise
    :func:`sitegen.sitemaps.sitemap_urls` (:func:`sitegen.sitemaps.sitemap_inputs`).
    Past ``sitemap_max_urls`` URLs or ``sitemap_max_bytes`` bytes (``None``: the sitemaps.org
    limits, :data:`sitegen.sitemaps.SITEMAP_MAX_URLS` and :data:`~sitegen.sitemaps.SITEMAP_MAX_BYTES`)
    ``sitemap.xml`` is a sitemap index of parts (:func:`sitegen.sitemaps.sitemap_files`).
    Raises :class:`SitegenError` (``url-collision``) if two planned files share a path."""
    return with_feeds_and_crawlers(site, plan_pages(site, related), sitemap, sitemap_max_urls, sitemap_max_bytes)


def plan_pages(site: Site, related: dict[str, tuple[Article, ...]] | str | None = None) -> list[OutputFile]:
    """The HTML pages of :func:`plan` (the front page, article pages, archives, corrections, 404,
    search), in its order: every planned file whose context holds no copy of an article's
    fields, only the articles themselves (the feeds' entries and the news sitemap's titles
    are such copies: :func:`with_feeds_and_crawlers`). ``related`` as :func:`plan` takes it."""
    files: list[OutputFile] = []
    files += list_pages(site, site.articles, "/", "index.html", is_home=True,
                        lead=lead_story(site), breaking=breaking_news(site))
    if related is None:
        related = related_articles(site)
    later = isinstance(related, str)
    articles = site.articles
    for index, article in enumerate(articles):
        files.append(OutputFile(urls.output_file(article.url), "article.html", {
            "article": article,
            "newer": articles[index - 1] if index > 0 else None,
            "older": articles[index + 1] if index + 1 < len(articles) else None,
            "related": None if later else related[article.url],
        }, source=article.source))
    for terms in (site.sections, site.tags, site.authors):
        for term in terms:
            files += list_pages(site, term.articles, term.url, "archive.html", archive_kind=term.kind, term=term)
    files += date_archives(site)
    files += list_pages(site, corrected_articles(site), CORRECTIONS_PATH, "corrections.html")
    files.append(OutputFile(urls.NOT_FOUND_FILE, "404.html", {}))
    files.append(OutputFile(SEARCH_PAGE, "search.html", {}))
    return files


def with_feeds_and_crawlers(site: Site, pages: list[OutputFile], sitemap: tuple[SitemapURL, ...] | None = None,
                            sitemap_max_urls: int | None = None, sitemap_max_bytes: int | None = None,
                            feeds: list[OutputFile] | None = None) -> list[OutputFile]:
    """``pages`` (:func:`plan_pages` of ``site``) followed by the feeds and crawler files
    (sitemaps, robots.txt), as :func:`plan` gives them; ``feeds``: :func:`sitegen.feeds.feed_files`
    of ``site`` when made already; the other arguments as :func:`plan` takes them. Raises
    :class:`SitegenError` (``url-collision``) if two files share a path."""
    feeds = feed_files(site) if feeds is None else feeds
    files = pages + feeds + crawler_files(site, sitemap, sitemap_max_urls, sitemap_max_bytes)
    check_unique(files)
    return files


def add_related(files: list[OutputFile], related: dict[str, tuple[Article, ...]]) -> None:
    """Give the article pages of ``plan(site, RELATED_LATER)`` their related articles
    (``related``: :func:`related_articles` of the site), in place. Raises ``KeyError`` for an
    article ``related`` does not know."""
    for file in files:
        if file.template == "article.html" and file.context.get("related", ()) is None:
            file.context["related"] = related[file.context["article"].url]


#: The files :func:`plan` writes at the output's root besides the pages: an article whose page
#: folder took one of these names (``permalink: /{slug}.xml/`` and slug «feed») would stand
#: where that file goes (:func:`is_root_file`).
ROOT_FILES = frozenset(path.lstrip("/") for path in (
    RSS_PATH, ATOM_PATH, SITEMAP_PATH, NEWS_SITEMAP_PATH, ROBOTS_PATH, urls.NOT_FOUND_FILE))
_SITEMAP_PART_NAME = re.compile(re.escape(SITEMAP_PART_PATH.lstrip("/")).replace(r"\{number\}", "[0-9]+"))


def is_root_file(name: str) -> bool:
    """Whether ``name`` is the name of a file the build may write at the output's root
    (:data:`ROOT_FILES`, or a part of a split sitemap: ``sitemap-3.xml``)."""
    return name in ROOT_FILES or _SITEMAP_PART_NAME.fullmatch(name) is not None


def check_unique(files: list[OutputFile]) -> None:
    """Raise one :class:`SitegenError` listing every output path planned twice."""
    counts = Counter(f.path for f in files)
    clashes = sorted(path for path, n in counts.items() if n > 1)
    if not clashes:
        return
    diagnostics = []
    for path in clashes:
        makers = sorted({f.source or f"the {f.template or path} page" for f in files if f.path == path})
        articles = [m for m in makers if not m.startswith("the ")]
        diagnostics.append(Diagnostic(
            path=articles[0] if articles else path, code="url-collision",
            message=f"{path} would be written by {' and '.join(makers)}",
            hint="give the article another `slug:` or `url:`"))
    raise SitegenError(*diagnostics)
