"""Loaded articles → the immutable :class:`~sitegen.model.Site`.

Decides what is published (drafts, future and expired articles), gives every
article its permalink, finds every URL collision before anything is written,
orders articles newest first and groups them into sections, tags and authors.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import datetime, timezone
from typing import Callable

from sitegen.arabic import clean_inline, strip_tashkeel, strip_tatweel
from sitegen.config import Config
from sitegen.errors import Diagnostic, Severity, SitegenError, shortened
from sitegen.model import Article, Site, Term
from sitegen.output_folder import MAX_NAME_BYTES, MAX_PATH_BYTES, path_refusal
from sitegen import urls


def is_published(article: Article, build_time: datetime, drafts: bool, future: bool) -> bool:
    """Whether ``article`` belongs in a build made at ``build_time`` (aware)."""
    if article.draft and not drafts:
        return False
    if article.date is not None and article.date > build_time and not future:
        return False
    if article.expires is not None and article.expires <= build_time:
        return False
    return True


def newest_first(articles) -> list[Article]:
    """Dated articles newest first, then undated ones; ties broken by source path."""
    dated = sorted((a for a in articles if a.date is not None), key=lambda a: a.source)
    # Compared in UTC: aware datetimes with distinct (if equal) offset objects compare through
    # utcoffset() calls at every comparison (5x slower at 10,000 articles; the same order).
    dated.sort(key=lambda a: a.date.astimezone(timezone.utc), reverse=True)
    undated = sorted((a for a in articles if a.date is None), key=lambda a: a.source)
    return dated + undated


def permalink_of(article: Article, config: Config) -> str:
    """The site path the ``permalink`` pattern gives ``article`` (its date taken in the site
    timezone). It reads only the article's slug, date and section and the config, so the load
    stage sets it once per loaded file and the cache's records keep it (an edit's build then
    gives 10,000 cached articles no new record here)."""
    local = article.date.astimezone(config.timezone) if article.date else None
    section_slug = urls.term_slug(article.section) if article.section else None
    return urls.permalink(config.permalink, article.slug, local, section_slug)


def with_url(article: Article, config: Config) -> Article:
    """``article`` with its ``url`` set: its front matter ``url:`` or :func:`permalink_of`."""
    return article if article.url is not None else replace(article, url=permalink_of(article, config))


def assign_urls(articles: list[Article], config: Config) -> list[Article]:
    """Each article :func:`with_url` (already set by the load stage for articles it loaded)."""
    return [with_url(article, config) for article in articles]


#: The top folders of the search index's folders (``search/``): a URL that holds none of them
#: anywhere is in none of them, however its slashes are written.
_SEARCH_TOPS = tuple(sorted({folder.partition("/")[0] + "/" for folder in urls.SEARCH_INDEX_FOLDERS}))


def placeable(articles: list[Article], config: Config, root_bytes: int = 0,
              is_root_file: Callable[[str], bool] = lambda name: False) -> tuple[list[Article], list[Diagnostic]]:
    """``articles``, each :func:`with_url`, without those whose page cannot be written, and an
    ``unsafe-url`` error for each of those (naming its file; the article is not published, the
    rest of the site is): a URL at or inside a folder of the search index
    (:func:`sitegen.urls.in_search_index`, the rule a front matter ``url:`` is refused by when
    read, here for the URL the ``permalink`` pattern made: ``/{section}/{slug}/`` of section
    «search» and slug «pagefind»), or a page whose output file the file system would refuse
    under an output folder whose path takes ``root_bytes``
    (:func:`sitegen.output_folder.path_refusal`: a name over 255 bytes, a path of 4096 or more),
    or a page whose first folder is named as a file the build writes at the output's root
    (``is_root_file``: :func:`sitegen.plan.is_root_file`; ``permalink: /{slug}.xml/`` and slug
    «feed» or «sitemap-1», /tmp/attack47b/r11-permalink-dot-page-over-crawler-file.sh)."""
    kept, refused = [], []
    # The look at each of 10,000 articles costs ~4 ms where the whole rule took ~12: a URL outside
    # search/ (:data:`_SEARCH_TOPS`) of at most 255 bytes, whose page file is below the path limit, fits.
    fits_below = MAX_PATH_BYTES - root_bytes - len("index.html")
    for article in articles:
        if article.url is None:  # else set by the load stage (with_url)
            article = with_url(article, config)
        url = article.url
        size = len(url.encode("utf-8", "surrogatepass"))
        if (size <= MAX_NAME_BYTES and size < fits_below and not any(top in url for top in _SEARCH_TOPS)
                and "." not in url):
            kept.append(article)
            continue
        why = None
        first = url.strip("/").partition("/")[0]
        if taken := urls.in_search_index(url):
            why = f"lies in {taken}/, where the site writes its search index"
        elif is_root_file(first):
            why = f"would put the page in a folder named {first}, the file the site writes there"
        elif problem := path_refusal(urls.output_file(url), root_bytes):
            why = f"cannot be written: {problem}"
        if why is None:
            kept.append(article)
            continue
        from_pattern = article.url == permalink_of(article, config)
        refused.append(Diagnostic(
            path=article.source, code="unsafe-url", field=None if from_pattern else "url",
            message=f"its URL {shortened(article.url)}"
                    f"{' (made by the permalink pattern)' if from_pattern else ''} {why}; the article is not published",
            hint="give the article another slug: or section: (or change permalink: in site.yaml)" if from_pattern
            else "give the article another, shorter url:"))
    return kept, refused


def resolve_collisions(articles: list[Article], config: Config) -> list[Article]:
    """Articles whose URLs are unique.

    With ``duplicate_urls: error`` (default) raises :class:`SitegenError` listing
    every clash with both sources (code ``url-collision``). With ``suffix`` the
    article that is older (then whose source path sorts first) keeps the URL and
    the others get ``-2``, ``-3`` … — a rule that does not depend on file order.
    """
    by_url: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_url[article.url].append(article)
    clashes = {url: group for url, group in by_url.items() if len(group) > 1}
    if not clashes:
        return articles
    if config.duplicate_urls == "error":
        diagnostics = []
        for url, group in sorted(clashes.items()):
            names = sorted(a.source for a in group)
            diagnostics.append(Diagnostic(
                path=names[0], code="url-collision",
                message=f"{url} would also be written by {', '.join(names[1:])}",
                hint="give one of them another `slug:` (or set duplicate_urls: suffix in site.yaml)"))
        raise SitegenError(*diagnostics)
    taken = set(by_url)
    renamed: dict[str, str] = {}
    for url, group in sorted(clashes.items()):
        ordered = sorted(group, key=lambda a: (a.date.timestamp() if a.date else 0.0, a.source))
        for article in ordered[1:]:
            number = 2
            while (candidate := f"{url.rstrip('/')}-{number}/") in taken:
                number += 1
            taken.add(candidate)
            renamed[article.source] = candidate
    return [replace(a, url=renamed[a.source], slug=renamed[a.source].rstrip("/").rsplit("/", 1)[-1])
            if a.source in renamed else a for a in articles]


def group_terms(articles: list[Article], kind: str) -> tuple[Term, ...]:
    """Taxonomy terms of ``kind`` (section, tag, author) sorted by slug; names that
    slugify alike (``انتخابات`` with and without an invisible mark) are one term."""
    names: dict[str, str] = {}
    members: dict[str, list[Article]] = defaultdict(list)
    slug_of = urls.term_slug
    for article in articles:
        if kind == "section":
            values = (article.section,) if article.section else ()
        else:
            values = article.tags if kind == "tag" else article.authors
        done: tuple[str, ...] = ()  # an article is a member once; its first spelling names the term
        for name in values:
            slug = slug_of(name)
            if slug in done:
                continue
            done += (slug,)
            names.setdefault(slug, name)
            members[slug].append(article)
    return tuple(Term(kind, names[slug], slug, urls.term_path(kind, slug), tuple(members[slug]))
                 for slug in sorted(names))


#: White space, hyphens and underscores: in a term's name, all one word break (the slug's ``-``).
_WORD_BREAKS = re.compile(r"[\s_-]+")


def _spelling(name: str) -> str:
    """What tells two term names apart beyond spelling variants: ``name`` without invisible
    marks, diacritics and tatweel, case-folded, its word breaks (:data:`_WORD_BREAKS`) one space.
    ``كرة القدم`` and ``كرة-القدم`` are one spelling; ``C++`` and ``C`` are not, though the slug
    rule (:func:`sitegen.arabic.slugify`, which drops symbols) gives both ``c``."""
    return _WORD_BREAKS.sub(" ", strip_tatweel(strip_tashkeel(clean_inline(name))).casefold()).strip()


def merged_terms(terms: tuple[Term, ...], kind: str, articles: list[Article] | None = None) -> list[Diagnostic]:
    """A ``term-merged`` warning for each term of ``kind`` (``"tag"`` or ``"section"``) whose
    articles call it by names that differ beyond spelling (:func:`_spelling`): ``C++``, ``C#``
    and ``C`` all have the slug ``c``, so they share one page, titled by one of them. The
    warning names the page, the names and the article files that use each (at most three).
    ``articles``: the articles the terms were grouped from, when at hand (else read from the
    terms, where an article is met once per term it is in)."""
    # The names used, once each (an edit at 10,000 articles asks: ~2 ms, where a look at every
    # article's every name took ~20 ms); only a slug written in two spellings is looked into.
    members = articles if articles is not None else (article for term in terms for article in term.articles)
    named = {(article.section,) if kind == "section" else article.tags for article in members}
    written: dict[str, set[str]] = defaultdict(set)
    for name in {name for names in named for name in names if name}:
        written[urls.term_slug(name)].add(name)
    merged = {slug for slug, names in written.items() if len(names) > 1 and len({_spelling(n) for n in names}) > 1}
    warnings = []
    for term in terms:
        if term.slug not in merged:
            continue
        users: dict[str, set[str]] = defaultdict(set)
        for article in term.articles:
            for name in (article.section,) if kind == "section" else article.tags:
                if name and urls.term_slug(name) == term.slug:
                    users[name].add(article.source)
        described = "; ".join(f"{name!r} in {', '.join(sorted(sources)[:3])}{' …' if len(sources) > 3 else ''}"
                              for name, sources in sorted(users.items()))
        warnings.append(Diagnostic(
            path=min(min(sources) for sources in users.values()), code="term-merged", severity=Severity.WARNING,
            field="tags" if kind == "tag" else "section",
            message=f"the {kind}s {described} have one page, {term.url}, titled {term.name!r}",
            hint=f"their URL slug is the same ({term.slug}): write them apart in letters or digits "
                 "(C++ as Cpp, C# as CSharp) to give each its own page"))
    return warnings


def order_sections(sections: tuple[Term, ...], order: tuple[str, ...]) -> tuple[Term, ...]:
    """Sections in menu order: those named in ``order`` (config ``sections``, matched by slug so
    spelling variants agree) first, in that order; the rest by article count, most first, then
    by slug. Names in ``order`` with no articles are left out."""
    rank = {urls.term_slug(name): index for index, name in enumerate(order)}
    listed = sorted((t for t in sections if t.slug in rank), key=lambda t: rank[t.slug])
    others = sorted((t for t in sections if t.slug not in rank), key=lambda t: (-len(t.articles), t.slug))
    return tuple(listed + others)


def collect(articles: list[Article], config: Config, build_time: datetime,
            drafts: bool = False, future: bool = False) -> Site:
    """The published site. Raises :class:`SitegenError` on URL collisions."""
    published = [a for a in articles if is_published(a, build_time, drafts, future)]
    published = newest_first(resolve_collisions(assign_urls(published, config), config))
    return Site(
        config=config,
        articles=tuple(published),
        sections=order_sections(group_terms(published, "section"), config.sections),
        tags=group_terms(published, "tag"),
        authors=group_terms(published, "author"),
        build_time=build_time,
    )
