"""Render keys: when a page's bytes cannot have changed, it is not rendered again.

A page's **render key** digests everything its bytes depend on:

* the build-wide *salt*: sitegen's code, the versions of the libraries that shape output,
  the site config, every template file (the site's and the theme's) and the build's year
  (:mod:`sitegen.fingerprints`);
* the page's own path, template and context (articles, pagers, terms, tuples and plain
  values by value);
* the parts of the site the page *read* while it was last rendered. Templates see the
  :class:`~sitegen.model.Site` through :class:`SiteView`, which notes each part used
  (``sections``, ``build_time``, the articles of one term …) as a *token*; the tokens are
  stored with the page, and the next build digests their current values.

So a body edit re-renders the article's page and the pages that list it, not the site; a
template, config or code change re-renders everything. If a template starts reading another
part of the site, that part becomes a token of the pages that read it. Rendering is a pure
function of these inputs (the build clock reaches templates only through ``site.build_time``,
a token, or the build's year, in the salt).
"""

from __future__ import annotations

import io
import itertools
import pickle
from typing import Any, Iterable

from sitegen import digests
from sitegen.model import Article, Body, Site, Term, reduce_article
from sitegen.plan import Pager


def _hash(*parts: str) -> str:
    hasher = digests.hasher()
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogateescape"))
        hasher.update(b"\0")
    return digests.hex_of(hasher)


#: Values digested part by part (the id cache of articles; a term's articles are a token).
_BY_PART = (Article, Term, Pager, dict, tuple, list)


def _body_by_digest(body: Body):
    return str, (f"body {body.digest}",)


#: Bodies are pickled as their digest (a stored body's reference also names its store's
#: folder, which does not shape a page); a dispatch table is consulted in C for each type.
_BY_DIGEST = {Body: _body_by_digest, Article: reduce_article}


def value_digest(value: Any) -> str:
    """The digest (:func:`sitegen.digests.digest`) of the pickle of ``value`` (bodies by
    digest). Equal bytes mean equal values, so a page handed a value of the same digest is
    handed the same value (equal values pickled with other sharing of equal parts give another
    digest: only a render more)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _BY_DIGEST
    pickler.dump(value)
    return digests.digest(buffer.getbuffer())


class RenderKeys:
    """Render keys of one build's pages.

    ``salt`` is the build-wide part (see the module docstring).
    """

    def __init__(self, site: Site, salt: str):
        self.site = site
        self.salt = salt
        self._articles: dict[int, str] = {}
        self._loaded: dict[int, tuple[Article, str]] = {}
        self._tokens: dict[str, str] = {}
        self._terms = {(t.kind, t.slug): t for terms in (site.sections, site.tags, site.authors) for t in terms}

    def __getstate__(self) -> dict:
        # Article digests are cached by id(): in another process those ids name other objects.
        # The site's articles still as loaded travel as their sources' keys (a source names one
        # article of the site), found again among the copy's articles.
        loaded = {article.source: found[1] for article in self.site.articles
                  if (found := self._loaded.get(id(article))) is not None and found[0] is article}
        return {**self.__dict__, "_articles": {}, "_loaded": loaded}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        keys = state["_loaded"]
        self._loaded = {id(article): (article, keys[article.source])
                        for article in self.site.articles if article.source in keys}

    def note_loaded(self, loaded: Iterable[tuple[Article, str]]) -> None:
        """Note ``(article, cache key)`` of articles as the load stage gave them (the object it
        loaded or took from the cache under that key: :attr:`sitegen.loading.Loading.keyed`).
        While a site's article is that very object — nothing replaced it since (author
        profiles, a renamed URL make another) — its digest is made from its key: the cache
        gives one value for one key (its source's bytes and path, the config and sitegen's
        code), so equal keys are equal values. Pickling each article instead took ~30 µs, in
        every process that showed it (~0.4 s of a clean build's CPU at 10,000 articles)."""
        self._loaded.update((id(article), (article, key)) for article, key in loaded)

    def page_key(self, path: str, template: str, context: dict, tokens: Iterable[str]) -> str:
        """The render key of a page whose last render read the site parts ``tokens``."""
        return _hash(self.salt, path, template, self.value(context),
                     *(f"{t}={self.token(t)}" for t in sorted(tokens)))

    def article(self, article: Article) -> str:
        """The digest of an article's whole value (whatever collect or author profiles changed
        after loading included; its body by digest): from its cache key while it is as loaded
        (:meth:`note_loaded`), else through pickle (:func:`value_digest`)."""
        found = self._articles.get(id(article))
        if found is None:
            loaded = self._loaded.get(id(article))
            if loaded is not None and loaded[0] is article:
                found = _hash("loaded", loaded[1])
            else:
                found = value_digest(article)
            self._articles[id(article)] = found
        return found

    def value(self, value: Any) -> str:
        """A digest of a context value (what the page was handed, besides the site): articles,
        terms and pagers as above, mappings and sequences holding them item by item, any other
        value (a feed, sitemap entries, text, dates) whole through :func:`value_digest`."""
        if isinstance(value, Article):
            return self.article(value)
        if isinstance(value, Term):  # its articles are a token, read through TermView
            return _hash("term", value.kind, value.name, value.slug, value.url)
        if isinstance(value, Pager):
            return _hash("pager", str(value.number), str(value.count), value.first,
                         *(self.article(a) for a in value.items))
        if isinstance(value, dict):
            return _hash("map", *(f"{k}:{self.value(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))))
        if isinstance(value, (tuple, list)) and any(isinstance(v, _BY_PART) for v in value):
            return _hash("seq", *(self.value(v) for v in value))
        return _hash("value", value_digest(value))

    def seed(self, tokens: dict[str, str]) -> None:
        """Take ``tokens`` (``{token: digest}``) as the current digests of those site parts
        (known to be the last build's: :mod:`sitegen.page_reuse`)."""
        self._tokens.update(tokens)

    def count(self) -> int:
        """How many site-part digests this process holds (seeded or found), for :meth:`found_since`."""
        return len(self._tokens)

    def found_since(self, count: int) -> dict[str, str]:
        """The site-part digests (``{token: digest}``) added after the first ``count`` (digests
        are only ever added, in order): what a render worker found, for the main process."""
        return dict(itertools.islice(self._tokens.items(), count, None))

    @property
    def tokens(self) -> dict[str, str]:
        """The digests of the site parts found so far in this process, ``{token: digest}``."""
        return dict(self._tokens)

    def token(self, token: str) -> str:
        """The current digest of one part of the site a page read (see :class:`SiteView`)."""
        found = self._tokens.get(token)
        if found is None:
            found = self._tokens[token] = self._token_value(token)
        return found

    def _token_value(self, token: str) -> str:
        if token.startswith("term:"):
            _, kind, slug = token.split(":", 2)
            term = self._terms.get((kind, slug))
            return _hash("gone") if term is None else _hash(*(self.article(a) for a in term.articles))
        if token.startswith(PART_PREFIX):
            try:
                kind, slug, part = parse_part_token(token)
            except ValueError:  # none this code notes
                return _hash("unknown", token)
            term = self._terms.get((kind, slug))
            return _hash("gone") if term is None else _hash("part", *(self.article(a) for a in term.articles[part]))
        if token in ("sections", "tags", "authors"):
            return _hash(*(self.value(term) for term in getattr(self.site, token)))
        if token == "articles":
            return _hash(*(self.article(a) for a in self.site.articles))
        return self.value(getattr(self.site, token, None))


#: The start of a token naming a slice of one term's articles (:class:`TermArticles`).
PART_PREFIX = "term-part:"


def part_token(kind: str, slug: str, part: slice) -> str:
    """The token of the slice ``part`` of the articles of the term ``kind``/``slug``:
    ``term-part:KIND:START:STOP:STEP:SLUG``, an absent bound as nothing (the slug last: it is
    the one part that may hold a colon)."""
    bounds = ("" if bound is None else str(bound) for bound in (part.start, part.stop, part.step))
    return f"{PART_PREFIX}{kind}:{':'.join(bounds)}:{slug}"


def parse_part_token(token: str) -> tuple[str, str, slice]:
    """``(kind, slug, slice)`` of a :func:`part_token`. Raises ``ValueError`` for another text
    (or a step of 0, which slices nothing)."""
    kind, start, stop, step, slug = token[len(PART_PREFIX):].split(":", 4)
    part = slice(*(int(bound) if bound else None for bound in (start, stop, step)))
    if part.step == 0:
        raise ValueError("a slice step of 0")
    return kind, slug, part


class TermView:
    """A :class:`~sitegen.model.Term` as templates see it: its ``articles`` are a
    :class:`TermArticles` noting what is read of them in ``used``; every other field reads
    through."""

    def __init__(self, term: Term, used: set[str]):
        self._term, self._used = term, used
        self._articles: TermArticles | None = None

    def __getattr__(self, name: str):
        if name == "articles":  # one view, as a term's tuple is one object (``is sameas``)
            if self._articles is None:
                self._articles = TermArticles(self._term, self._used)
            return self._articles
        return getattr(self._term, name)


class TermArticles:
    """A term's articles (a tuple, newest first) as templates see them. A slice or an index
    (``section.articles[:4]``) is noted in ``used`` as the token of that slice
    (:func:`part_token`; an index ``i`` as the slice ``i:i+1``): its digest is that of the
    articles the slice gives, so the front page's four newest of a section are not keyed
    again when an older article of the section changes. Anything else (iteration,
    ``length``, ``in``, comparison, hashing …) reads the whole list, noted as
    ``term:KIND:SLUG``; each gives what the tuple gives."""

    __slots__ = ("_term", "_used")

    def __init__(self, term: Term, used: set[str]):
        self._term, self._used = term, used

    def _whole(self) -> tuple:
        self._used.add(f"term:{self._term.kind}:{self._term.slug}")
        return self._term.articles

    def __getitem__(self, index):
        if isinstance(index, slice) and index.step != 0 and all(bound is None or type(bound) is int
                                                                for bound in (index.start, index.stop, index.step)):
            part = index
        elif type(index) is int:
            part = slice(index, index + 1 if index != -1 else None)
        else:
            return self._whole()[index]
        self._used.add(part_token(self._term.kind, self._term.slug, part))
        return self._term.articles[index]

    def __iter__(self):
        return iter(self._whole())

    def __reversed__(self):
        return reversed(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())

    def __contains__(self, item) -> bool:
        return item in self._whole()

    def __eq__(self, other) -> bool:
        return self._whole() == _unwrapped(other)

    def __ne__(self, other) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._whole())

    def __lt__(self, other):
        return self._whole() < _unwrapped(other)

    def __le__(self, other):
        return self._whole() <= _unwrapped(other)

    def __gt__(self, other):
        return self._whole() > _unwrapped(other)

    def __ge__(self, other):
        return self._whole() >= _unwrapped(other)

    def __add__(self, other):
        return self._whole() + other

    def __radd__(self, other):
        return other + self._whole()

    def __mul__(self, count):
        return self._whole() * count

    __rmul__ = __mul__

    def __getattr__(self, name: str):  # index(), count()
        return getattr(self._whole(), name)

    def __repr__(self) -> str:
        return repr(self._whole())


def _unwrapped(value):
    """``value``, or the tuple a :class:`TermArticles` stands for (read whole)."""
    return value._whole() if isinstance(value, TermArticles) else value


class SiteView:
    """The :class:`~sitegen.model.Site` as templates see it: each field read is noted in
    ``used`` (``sections``, ``tags`` and ``authors`` give :class:`TermView`\\ s, so reading a
    term's articles is noted per term); ``config`` is in every key already."""

    def __init__(self, site: Site, used: set[str]):
        self._site, self._used = site, used

    def with_notes(self, used: set[str]) -> "SiteView":
        """A view of the same site noting its reads in ``used`` (a part of a page rendered
        once and shown on many: :func:`sitegen.render._article_card_function`)."""
        return SiteView(self._site, used)

    def note(self, tokens) -> None:
        """Note ``tokens`` as read (what a reused part of the page read when it was rendered)."""
        self._used.update(tokens)

    def __getattr__(self, name: str):
        value = getattr(self._site, name)
        if name in ("sections", "tags", "authors"):
            self._used.add(name)
            return tuple(TermView(term, self._used) for term in value)
        if name != "config":
            self._used.add(name)
        return value


def view_context(context: dict, used: set[str]) -> dict:
    """``context`` with its terms wrapped in :class:`TermView` (noting reads in ``used``)."""
    return {k: TermView(v, used) if isinstance(v, Term) else v for k, v in context.items()}
