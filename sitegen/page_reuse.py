"""Which pages keep the last build's render key without computing it (an edit's fast path).

Computing the render key (:mod:`sitegen.render_keys`) of every page digests every article
(14,637 pages and 10,000 articles: ~15% of a one-edit rebuild at that size). When only the
*content* of some articles changed since the last build that wrote the output — their body
and the fields a page shows but nothing else reads (:data:`CONTENT_FIELDS`) — the site's
*structure* is the same: which articles are published, their order, URLs, terms, related
lists, the breaking band, the planned files and their contexts but for those articles'
values. A page whose inputs hold none of the changed articles then has the last key.

The **structure** digest (:func:`structure`) covers what the site's structure is made of:
every loaded article's *meta key* in content order, the options that choose what is
published, the author profiles and the clock window (no instant between the last build's
clock and this one at which the site changes, :func:`sitegen.unchanged.clock_events`). An
article's meta key is its cache key when it was first loaded; when its file changes but the
new record differs from the last one only in :data:`CONTENT_FIELDS`, it keeps its meta key
and the article is *changed*. The build-wide render salt (code, libraries, config,
templates, images, the build's year) must be the last one's too.

Then :meth:`Reuse.same_key` says a page planned by :func:`sitegen.plan.plan` keeps its key
when its context is made only of articles, article sequences, pagers, terms, plain
scalars and the values the feeds and sitemaps are made of, and holds no changed article,
and each site part it read (its tokens) is a term's list of articles holding none, the
list of terms, the author profiles or — when no article changed — the whole list of
articles. A feed (:class:`sitegen.feeds.Feed`) is made from the structure and config but
for its entries, each made from one article (found by its absolute URL, the same as in the
last build when the structure is) but for its id, read from the URL ledger, which
:func:`sitegen.writing.write_site` puts in the salt of the decision; the sitemap's entries (:class:`sitegen.sitemaps.SitemapURL`:
URLs and dates) and, past one file's limits, its index's (:class:`sitegen.sitemaps.SitemapPart`:
the parts' URLs and newest dates) only from the structure and config; the news sitemap's
(:class:`sitegen.sitemaps.NewsURL`) also show their article's title (found by URL). Any
other value or token (``build_time``, a redirect) means the key is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from sitegen import digests
from sitegen import urls
from sitegen.feeds import Feed
from sitegen.model import Article, Site, Term
from sitegen.plan import Pager
from sitegen.render_keys import PART_PREFIX, parse_part_token
from sitegen.sitemaps import NewsURL, SitemapPart, SitemapURL
from sitegen.unchanged import clock_window_allows

#: Fields of an article that only the pages showing it read: nothing in collect, plan, the
#: related lists, the clock window or the redirects looks at them (``slug``, ``url``, dates,
#: terms, ``featured``, ``breaking``, ``draft``, ``aliases`` and ``correction`` do). Not the
#: ``byline``: it names the authors of an article without ``author:`` that ``authors.yaml``
#: profiles (sitegen.authors.apply_profiles), and authors are terms.
CONTENT_FIELDS = ("body", "word_count", "title", "display_title", "subtitle", "summary", "dateline",
                  "masthead", "image", "image_alt", "image_caption", "image_credit", "site_name")
_BLANK = {name: None for name in CONTENT_FIELDS if name not in ("word_count", "display_title", "masthead")}
_BLANK.update(word_count=0, display_title="", masthead=())

#: Tokens whose value no article's content changes: the lists of terms (kind, name, slug,
#: URL each) and the author profiles (``authors.yaml``, in the structure).
_STRUCTURE_TOKENS = frozenset({"sections", "tags", "authors", "profiles", "config"})
#: Context values that are the same whenever the structure is (not articles).
_SCALARS = (str, int, float, bool, type(None), Term)
#: The classes of :data:`_SCALARS` themselves (a set lookup, before ``isinstance`` for subclasses).
_SCALAR_CLASSES = frozenset(_SCALARS)


@dataclass(frozen=True)
class State:
    """What a build that wrote the output recorded for the next one (kept in its manifest):
    the render ``salt``, the ``structure`` digest, its ``clock`` with the clock window's
    ``events`` (sorted) and ``exact`` flag (:func:`sitegen.unchanged.clock_events`; instants as
    whole microseconds since the POSIX epoch, :func:`sitegen.unchanged.micros`),
    ``articles``: ``{source: (cache key, meta key)}`` of every loaded article, ``tokens``:
    the digests of site parts (:meth:`sitegen.render_keys.RenderKeys.token`) it computed, and
    ``cache_salt``: its build cache's (:attr:`sitegen.cache.BuildCache.salt`: code and config;
    under another one every article has another cache key)."""

    salt: str
    structure: str
    clock: int
    events: tuple[int, ...]
    exact: bool
    articles: dict[str, tuple[str, str]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    cache_salt: str = ""


def content_only(old: Article, new: Article) -> bool:
    """Whether ``new`` differs from ``old`` at most in :data:`CONTENT_FIELDS`."""
    return replace(old, **_BLANK) == replace(new, **_BLANK)


def structure(options_part: str, profiles: Mapping, articles: Iterable[tuple[str, str]]) -> str:
    """The structure digest of ``(source, meta key)`` pairs in content order, the publishing
    options (``options_part``, text) and the author ``profiles``."""
    hasher = digests.hasher()
    hasher.update(f"{options_part}\0{profiles!r}\0".encode("utf-8", "surrogateescape"))
    for source, meta in articles:
        hasher.update(f"{source}\0{meta}\0".encode("utf-8", "surrogateescape"))
    return digests.hex_of(hasher)


def meta_keys(loaded: list[tuple[str, str | None, Article]], last: State | None,
              previous: Mapping) -> tuple[list[tuple[str, str]], set[str]]:
    """``(source, meta key)`` of each of ``loaded`` (``(source, cache key or None, article as
    loaded)`` in content order) and the sources of the *changed* articles (see the module
    docstring). ``last`` is the last build's :class:`State`, ``previous`` the cache's records
    before this build (``{key: Loaded}``). An article without a key gets a meta key of its own
    (``None`` never matches), so the structure differs."""
    before = last.articles if last is not None else {}
    metas, changed = [], set()
    for source, key, article in loaded:
        recorded = before.get(source)
        meta = key if key is not None else f"unkeyed {source}"
        if recorded is not None and key is not None:
            if recorded[0] == key:
                meta = recorded[1]
            else:
                old = previous.get(recorded[0])
                if old is not None and content_only(old.article, article):
                    meta = recorded[1]
                    changed.add(source)
                elif meta == recorded[1]:
                    # The file is back to the bytes its meta key was made from, but the pages were
                    # last made from other bytes, not known to differ in content only (a build
                    # that failed since kept no record of them): the structure must differ.
                    meta = f"{key} again"
        metas.append((source, meta))
    return metas, changed


@dataclass(frozen=True)
class Shape:
    """The site's structure as this build's articles give it against the last build's
    ``against`` state (a :class:`State`, or ``None``), made once the site is collected
    (:func:`shape`): ``metas`` and ``changed`` as :func:`meta_keys` gives them, ``digest`` the
    :func:`structure`, and ``key`` the :func:`site_key` (``None`` when an article has no cache
    key: its meta key then says nothing of its fields)."""

    against: State | None
    metas: list[tuple[str, str]]
    changed: set[str]
    digest: str
    key: str | None


@dataclass(frozen=True)
class Structure:
    """The part of a :class:`Shape` known before the site is collected (:func:`structure_of`):
    ``metas``, ``changed`` and ``digest`` as there, and whether every loaded article has a
    cache key (``keyed``: else the digest says nothing of an unkeyed article's fields)."""

    metas: list[tuple[str, str]]
    changed: set[str]
    digest: str
    keyed: bool


def structure_of(loaded: list[tuple[str, str | None, Article]], last: State | None, previous: Mapping,
                 options_part: str, profiles: Mapping) -> Structure:
    """The :class:`Structure` of the articles ``loaded`` (as :func:`meta_keys` takes them)
    against ``last``, under the publishing options ``options_part`` (text) and author ``profiles``."""
    metas, changed = meta_keys(loaded, last, previous)
    return Structure(metas, changed, structure(options_part, profiles, metas),
                     all(key is not None for _, key, _ in loaded))


def shape(loaded: list[tuple[str, str | None, Article]], last: State | None, previous: Mapping,
          options_part: str, site: Site, salt: str, made: Structure | None = None) -> Shape:
    """The :class:`Shape` of ``site`` (collected from the articles ``loaded``, as
    :func:`meta_keys` takes them) against ``last``, under the publishing options
    ``options_part`` (text), in a build cache of ``salt`` (:attr:`sitegen.cache.BuildCache.salt`).
    ``made``: :func:`structure_of` the same, when made already."""
    made = made or structure_of(loaded, last, previous, options_part, site.profiles)
    return Shape(last, made.metas, made.changed, made.digest,
                 site_key(salt, made.digest, site) if made.keyed else None)


def site_key(salt: str, structure_digest: str, site: Site) -> str:
    """A digest (hex) of the build cache's ``salt`` (:attr:`sitegen.cache.BuildCache.salt`:
    sitegen's code and the config), ``structure_digest`` (:func:`structure`) and the sources of
    ``site``'s articles in site order (those published: the clock chooses them too). Equal keys
    give sites equal but for their articles' :data:`CONTENT_FIELDS`: what is made from the rest
    — the related lists, the sitemap's entries — is the same (a body edit at 10,000 articles
    takes them for ~2 ms, where digesting every article's fields took ~30 ms). Every article
    must have a cache key (an unkeyed article's meta key says nothing of its fields)."""
    sources = "\0".join(article.source for article in site.articles)
    text = f"{salt}\0{structure_digest}\0{len(site.articles)}\0{sources}"
    return digests.digest(text.encode("utf-8", "surrogateescape"))


class Reuse:
    """The decision for one build (see the module docstring): ``allowed`` when the last
    build's ``last`` state has this build's ``salt``, ``structure`` and a clock window that
    holds ``clock`` (:func:`sitegen.unchanged.micros`); ``changed`` are the sources of articles whose content changed."""

    def __init__(self, site: Site, last: State | None, salt: str, structure_digest: str, clock: int,
                 changed: set[str]):
        self.changed = changed
        self.last = last
        self.allowed = (last is not None and last.salt == salt and last.structure == structure_digest
                        and clock_window_allows(last.clock, last.events, last.exact, clock))
        #: :meth:`token_same` of every token of a set of tokens, by set (a manifest holds one
        #: object per distinct set: a few hundred for ~15,000 pages at 10,000 articles).
        self._tokens_same: dict[frozenset[str], bool] = {}
        #: The absolute URLs of the changed articles (what a feed entry or news sitemap entry names).
        self._changed_urls: set[str] = set()
        #: The terms holding a changed article, by ``(kind, slug)``.
        self._dirty_terms: dict[tuple[str, str], Term] = {}
        #: The ``id`` of each changed article of the site: a list of articles is looked through
        #: in C (``isdisjoint(map(id, …))``: ~85,000 pager items and ~55,000 term memberships at
        #: 10,000 articles), not one source look-up at a time. A page and a term hold the site's
        #: own article objects (sitegen.plan, sitegen.collect).
        self._changed_ids: frozenset[int] = frozenset()
        if self.allowed and changed:
            base = site.config.base_url
            changed_articles = [a for a in site.articles if a.source in changed]
            self._changed_urls = {urls.absolute_url(base, a.url) for a in changed_articles}
            self._changed_ids = frozenset(map(id, changed_articles))
            for terms in (site.sections, site.tags, site.authors):
                for term in terms:
                    if not self._changed_ids.isdisjoint(map(id, term.articles)):
                        self._dirty_terms[(term.kind, term.slug)] = term

    def token_same(self, token: str) -> bool:
        """Whether the site part ``token`` has the digest it had in the last build."""
        if token in _STRUCTURE_TOKENS:
            return True
        if token.startswith("term:"):
            _, kind, slug = token.split(":", 2)
            return (kind, slug) not in self._dirty_terms
        if token.startswith(PART_PREFIX):  # the same articles at those places (the structure is): same unless one changed
            try:
                kind, slug, part = parse_part_token(token)
            except ValueError:
                return False
            term = self._dirty_terms.get((kind, slug))
            return term is None or self._changed_ids.isdisjoint(map(id, term.articles[part]))
        return token == "articles" and not self.changed

    def known_tokens(self) -> dict[str, str]:
        """The last build's token digests that still hold (none unless :attr:`allowed`)."""
        if not self.allowed:
            return {}
        return {token: value for token, value in self.last.tokens.items() if self.token_same(token)}

    def same_key(self, context: Mapping, tokens: Iterable[str]) -> bool:
        """Whether a planned page with ``context`` whose last render read ``tokens`` has the
        last build's render key (``False``: compute it)."""
        if not self.allowed:
            return False
        changed, changed_ids = self.changed, self._changed_ids
        same = self._tokens_same.get(tokens) if isinstance(tokens, frozenset) else None
        if same is None:
            same = all(self.token_same(token) for token in tokens)
            if isinstance(tokens, frozenset):
                self._tokens_same[tokens] = same
        if not same:
            return False
        for value in context.values():  # ~100,000 values at 10,000 articles: by class first, no call
            kind = value.__class__
            if kind is Article:
                if value.source in changed:
                    return False
                continue
            if kind in _SCALAR_CLASSES:
                continue
            if kind is tuple:  # an article page's related articles
                for item in value:
                    if item.__class__ is not Article or item.source in changed:
                        break
                else:
                    continue
            if isinstance(value, Article):
                if value.source in changed:
                    return False
                continue
            if isinstance(value, _SCALARS):
                continue
            if kind is Pager:  # articles only (sitegen.plan.paginate)
                if not changed_ids.isdisjoint(map(id, value.items)):
                    return False
                continue
            if isinstance(value, Feed):
                if not self._changed_urls.isdisjoint([entry.url for entry in value.entries]):
                    return False
                continue
            items = value.items if isinstance(value, Pager) else value if isinstance(value, (tuple, list)) else None
            if items is None:
                return False
            for item in items:
                if isinstance(item, Article):
                    if item.source in changed:
                        return False
                    continue
                kind = item.__class__
                if kind is SitemapURL or kind is SitemapPart:
                    continue
                if kind is not NewsURL or item.loc in self._changed_urls:
                    return False
        return True
