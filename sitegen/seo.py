"""Page metadata for sharing and search (the Jinja global ``seo``, :class:`PageMetadata`): Open
Graph (https://ogp.me/), Twitter card and schema.org JSON-LD (``NewsArticle``,
``BreadcrumbList``, ``ProfilePage``, ``WebSite``, ``NewsMediaOrganization``).

JSON-LD is made safe to sit inside ``<script>`` by :func:`json_for_script`.
Every URL comes from :func:`sitegen.urls.absolute_url`. Sitemaps and ``robots.txt`` are
:mod:`sitegen.sitemaps`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Mapping

from markupsafe import Markup

from sitegen import urls
from sitegen.feeds import written_moment
from sitegen.model import Article, AuthorProfile

SCHEMA_CONTEXT = "https://schema.org"


def json_for_script(data) -> Markup:
    """``data`` as JSON that cannot end or confuse the ``<script>`` element holding it.

    Serialised with ``ensure_ascii=False`` (Arabic stays readable), then ``<``, ``>``,
    ``&``, U+2028 and U+2029 become ``\\u`` escapes, which every JSON parser reads
    back as the same characters; so ``</script>`` or ``<!--`` in a title stays data.
    """
    text = _indented_json(data)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


def _indented_json(data) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, the same text, without the standard
    library's pure-Python encoder (the one it uses whenever ``indent`` is given): strings go
    through its C string encoder. Anything but strings, finite numbers, booleans, ``None``,
    lists, tuples and dicts with string keys is left to ``json.dumps`` itself."""
    parts: list[str] = []
    try:
        _write_json(data, parts, "\n")
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(parts)


class _NotPlain(Exception):
    """A value :func:`_write_json` leaves to ``json.dumps``."""


_encode_string = json.encoder.encode_basestring  # the C encoder when available


def _write_json(value, parts: list[str], newline: str) -> None:
    if isinstance(value, str):
        parts.append(_encode_string(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _NotPlain
        parts.append(float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        parts.append("[")
        for index, item in enumerate(value):
            parts.append(inner if index == 0 else "," + inner)
            _write_json(item, parts, inner)
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        parts.append("{")
        for index, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise _NotPlain
            parts.append(inner if index == 0 else "," + inner)
            parts.append(_encode_string(key) + ": ")
            _write_json(item, parts, inner)
        parts.append(newline + "}")
    else:
        raise _NotPlain


class PageMetadata:
    """Metadata of pages for templates (the Jinja global ``seo``), for one site config.

    Meta tags are ``(attribute, key, content)`` triples — ``attribute`` is
    ``"property"`` (Open Graph) or ``"name"`` (Twitter) — left for the template to
    autoescape. JSON-LD comes back as script-safe :class:`~markupsafe.Markup`.
    Dates are ISO 8601 with the site timezone's offset.
    """

    #: The theme's raster logo (1200×630 PNG), shared when nothing better can be.
    THEME_LOGO = "/logo.png"

    def __init__(self, config, site_files: frozenset[str] | None = None):
        """``site_files``: site paths of every file the output will hold from ``content/`` and
        ``static/``; when given, an SVG or missing article image is shared as the site logo."""
        self.config = config
        self.site_files = site_files

    def share_image(self, image: str | None) -> str | None:
        """Absolute URL of the picture social networks show for ``image`` (Open Graph, X cards):
        the image itself unless it is an SVG or a site path with no file (when ``site_files``
        is known), then the site's raster ``logo``, else the theme's logo."""
        if not image or self.site_files is None or "://" in image:
            return self.image_url(image)
        if self._shareable_site_file(image):
            return self.image_url(image)
        logo = self.config.logo
        usable = logo and ("://" in logo or self._shareable_site_file(logo))
        return self.image_url(logo if usable else self.THEME_LOGO)

    def _shareable_site_file(self, link: str) -> bool:
        """Whether the site path ``link`` (as written: :func:`sitegen.urls.split_site_link`) names a
        file of the output that is no SVG."""
        path = urls.split_site_link(link)[0]
        return not path.lower().endswith(".svg") and path in self.site_files

    # -- helpers
    def url(self, path: str) -> str:
        """Absolute ASCII URL of a site path."""
        return urls.absolute_url(self.config.base_url, path)

    def image_url(self, image: str | None) -> str | None:
        """Absolute URL of an image as a user wrote it (an article's ``image``, an author's
        ``photo``, the ``logo``): an external URL as given (non-ASCII percent-encoded), a site
        path under the base URL, decoded once and encoded once (``/a%20b.jpg`` stays
        ``…/a%20b.jpg``: :func:`sitegen.urls.site_link_url`)."""
        if not image:
            return None
        if "://" in image:
            return urls.external_url(image)
        return urls.site_link_url(self.config.base_url, image)

    def iso(self, moment: datetime | None) -> str | None:
        """ISO 8601 date and time of ``moment`` in the site timezone, whole seconds, with an
        ``hh:mm`` offset (UTC when the zone's offset then has seconds:
        :func:`sitegen.feeds.written_moment`); ``None`` for ``None``."""
        if moment is None:
            return None
        return written_moment(moment, self.config.timezone).isoformat()

    def published(self, article: Article) -> str | None:
        """``datePublished`` of an article: ISO 8601 date and time with offset, or only the
        local date (``2024-11-21``) when the source gave no time of day (schema.org Date)."""
        if article.date is not None and article.date_only:
            return article.date.astimezone(self.config.timezone).date().isoformat()
        return self.iso(article.date)

    def modified(self, article: Article) -> str | None:
        """``dateModified`` of an article: its ``updated`` as :meth:`published` writes ``date``
        (the local date alone when the source gave no time of day, README "Corrections and
        dates"), or :meth:`published` itself when there is no ``updated`` or it is not after
        ``date``: a change never predates publication (``updated: 2024-11-21`` is that day's
        midnight, before a story published at 15:00 the same day)."""
        updated = article.updated
        if updated is None or (article.date is not None and updated <= article.date):
            return self.published(article)
        if article.updated_only:
            return updated.astimezone(self.config.timezone).date().isoformat()
        return self.iso(updated)

    @staticmethod
    def description(article: Article) -> str:
        """The text shared as description: summary, else subtitle, else the title."""
        return article.summary or article.subtitle or article.display_title

    @property
    def og_locale(self) -> str:
        """Open Graph locale, ``language_TERRITORY`` (``ar_EG``): :attr:`Config.og_locale`."""
        return self.config.og_locale

    # -- article pages
    def article_meta(self, article: Article) -> list[tuple[str, str, str]]:
        """Open Graph (``og:*``, ``article:*``) and Twitter card tags of an article page."""
        image = self.share_image(article.image)
        title, description = article.display_title, self.description(article)
        tags = [("property", "og:type", "article"),
                ("property", "og:title", title),
                ("property", "og:description", description),
                ("property", "og:url", self.url(article.url)),
                ("property", "og:site_name", self.config.title),
                ("property", "og:locale", self.og_locale)]
        if image:
            tags.append(("property", "og:image", image))
            if article.image_alt:
                tags.append(("property", "og:image:alt", article.image_alt))
        if article.date is not None:
            tags.append(("property", "article:published_time", self.published(article)))
            tags.append(("property", "article:modified_time", self.modified(article)))
        if article.section:
            tags.append(("property", "article:section", article.section))
        tags += [("property", "article:tag", tag) for tag in article.tags]
        tags += [("name", "twitter:card", "summary_large_image" if image else "summary"),
                 ("name", "twitter:title", title),
                 ("name", "twitter:description", description)]
        if image:
            tags.append(("name", "twitter:image", image))
        return tags

    def publisher(self) -> dict:
        """schema.org ``Organization`` of the site, with its logo when ``config.logo`` is set."""
        org = {"@type": "Organization", "name": self.config.title, "url": self.url("/")}
        logo = self.image_url(self.config.logo)
        if logo:
            org["logo"] = {"@type": "ImageObject", "url": logo}
        return org

    def news_article(self, article: Article, profiles: Mapping[str, AuthorProfile] | None = None) -> dict:
        """schema.org ``NewsArticle`` of an article (Google's Article structured data); authors
        with a profile in ``profiles`` (by name) get their ``image``, ``jobTitle`` and ``sameAs``."""
        canonical = self.url(article.url)
        data: dict = {"@context": SCHEMA_CONTEXT, "@type": "NewsArticle",
                      "headline": article.display_title,
                      "description": self.description(article),
                      "url": canonical,
                      "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
                      "inLanguage": article.lang or self.config.lang}
        if article.date is not None:
            data["datePublished"] = self.published(article)
            data["dateModified"] = self.modified(article)
        authors = article.authors or ((article.byline,) if article.byline else ())
        if authors:
            data["author"] = [self.person(name, bool(article.authors), (profiles or {}).get(name))
                              for name in authors]
        else:  # unsigned copy is the publication's own (schema.org: author may be an Organization)
            data["author"] = [{"@type": "Organization", "name": article.site_name or self.config.title}]
        data["publisher"] = self.publisher()
        image = self.image_url(article.image)
        if image:
            data["image"] = [image]
        if article.section:
            data["articleSection"] = article.section
        if article.tags:
            data["keywords"] = list(article.tags)
        return data

    def person(self, name: str, has_archive: bool = True, profile: AuthorProfile | None = None) -> dict:
        """schema.org ``Person``: ``url`` is the author's page (when there is one); from the
        profile, ``image`` (absolute), ``jobTitle`` (the role), ``description`` (the bio) and
        ``sameAs`` (the profile's links: the author's pages elsewhere)."""
        person: dict = {"@type": "Person", "name": name}
        if has_archive:
            person["url"] = self.url(urls.term_path_for("author", name))
        if profile is not None:
            image = self.image_url(profile.photo)
            if image:
                person["image"] = image
            if profile.role:
                person["jobTitle"] = profile.role
            if profile.bio:
                person["description"] = profile.bio
            if profile.links:
                person["sameAs"] = [urls.external_url(url) for _, url in profile.links]
        return person

    def author_jsonld(self, name: str, profile: AuthorProfile | None = None) -> Markup:
        """Script-safe JSON-LD ``ProfilePage`` of an author's page, its ``mainEntity`` the
        author's :meth:`person` (schema.org ProfilePage, as Google reads author pages)."""
        person = self.person(name, True, profile)
        return json_for_script({"@context": SCHEMA_CONTEXT, "@type": "ProfilePage", "url": person["url"],
                                "mainEntity": person})

    def breadcrumbs(self, article: Article) -> dict:
        """schema.org ``BreadcrumbList``: Home → section (when set) → the article."""
        trail = [(self.config.title, "/")]
        if article.section:
            trail.append((article.section, urls.term_path_for("section", article.section)))
        trail.append((article.display_title, article.url))
        return {"@context": SCHEMA_CONTEXT, "@type": "BreadcrumbList",
                "itemListElement": [{"@type": "ListItem", "position": n, "name": name, "item": self.url(path)}
                                    for n, (name, path) in enumerate(trail, start=1)]}

    def article_jsonld(self, article: Article, profiles: Mapping[str, AuthorProfile] | None = None) -> list[Markup]:
        """Script-safe JSON-LD blocks of an article page: ``NewsArticle``, ``BreadcrumbList``."""
        return [json_for_script(self.news_article(article, profiles)), json_for_script(self.breadcrumbs(article))]

    # -- home page
    def site_meta(self, path: str = "/") -> list[tuple[str, str, str]]:
        """Open Graph and Twitter tags of the home page (``og:type=website``)."""
        description = self.config.description or self.config.title
        tags = [("property", "og:type", "website"),
                ("property", "og:title", self.config.title),
                ("property", "og:description", description),
                ("property", "og:url", self.url(path)),
                ("property", "og:site_name", self.config.title),
                ("property", "og:locale", self.og_locale)]
        logo = self.image_url(self.config.logo)
        if logo:
            tags.append(("property", "og:image", logo))
        tags += [("name", "twitter:card", "summary"),
                 ("name", "twitter:title", self.config.title),
                 ("name", "twitter:description", description)]
        return tags

    def site_jsonld(self) -> Markup:
        """Script-safe JSON-LD ``@graph`` of ``WebSite`` and ``NewsMediaOrganization``."""
        home = self.url("/")
        organization = {**self.publisher(), "@type": "NewsMediaOrganization", "@id": home + "#organization"}
        website = {"@type": "WebSite", "@id": home + "#website", "url": home, "name": self.config.title,
                   "inLanguage": self.config.lang, "publisher": {"@id": organization["@id"]}}
        if self.config.description:
            website["description"] = self.config.description
        return json_for_script({"@context": SCHEMA_CONTEXT, "@graph": [website, organization]})

