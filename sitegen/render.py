"""Jinja2 rendering: the site's own templates first, the packaged theme last, file by file.

Autoescaping is on for every template (HTML and XML alike). Templates get the
site locale's language and direction, babel-backed date/number filters, URL
helpers from :mod:`sitegen.urls` and the theme's gettext catalogue.
"""

from __future__ import annotations

import html
import math
import posixpath
import re
import types
from functools import lru_cache
from datetime import datetime, time
from pathlib import Path
from urllib.parse import unquote

import jinja2
import jinja2.compiler
from markupsafe import Markup, escape
from babel.dates import format_date, format_skeleton, format_time, get_time_format
from babel.numbers import format_decimal
from babel.units import format_unit

from sitegen import urls
from sitegen.arabic import to_arabic_indic
from sitegen.config import Config
from sitegen.errors import SitegenError
from sitegen.feeds import rfc3339, rfc822, written_moment, xml_text
from sitegen.hijri import hijri_date
from sitegen.i18n import translations
from sitegen.images import ImageSet, responsive_body_images, srcset
from sitegen.markup import isolate_ltr_runs
from sitegen.model import Article, BodyUnreadable, OutputFile, Site
from sitegen.plan import is_breaking
from sitegen.render_keys import SiteView, view_context
from sitegen.seo import PageMetadata
from sitegen.share import share_links
from sitegen.template_errors import template_error
from sitegen.theme import theme_dir

WORDS_PER_MINUTE = 200
#: CLDR pattern fields of the time of day alone: hour (h, H, K, k), minute, second, AM/PM.
_CLOCK_FIELDS = frozenset("hHKkmsa")


def reading_minutes(word_count: int) -> int:
    """Minutes to read ``word_count`` words at :data:`WORDS_PER_MINUTE`, rounded up, never 0."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


class Formatter:
    """Locale-aware display of dates, numbers and durations for one site (babel / CLDR).

    Dates are shown in the site timezone; digits follow ``config.digits``
    (``arab`` → Arabic-Indic). Machine-readable values never go through here.
    """

    def __init__(self, config: Config):
        self.config = config
        self.locale = config.babel_locale
        # The same dates and numbers are shown on many pages (cards on index, archive and related
        # lists; page numbers): each is formatted by babel once per process.
        self.date = lru_cache(maxsize=None)(self.date)
        self._day = lru_cache(maxsize=None)(self._day)  # thousands of moments, a few hundred days
        self.time = lru_cache(maxsize=None)(self.time)
        self._clocks: dict[tuple[int, int, int], str] = {}  # (hour, minute, second or 0) → text
        # The short time pattern's fields (``h:mm a`` in Arabic): when they are all of the clock
        # (no zone, no date), the text depends only on the local time of day, a few hundred
        # distinct values against one moment per article.
        fields = re.findall(r"%\((\w+)\)s", get_time_format("short", locale=self.locale).format)
        self._clock_only = bool(fields) and all(set(name) <= _CLOCK_FIELDS and len(set(name)) == 1 for name in fields)
        self._shows_seconds = any(name[0] == "s" for name in fields)
        self.number = lru_cache(maxsize=None)(self.number)
        self._reading_minutes = lru_cache(maxsize=None)(self._reading_minutes)

    def digits(self, text) -> str:
        """``text`` (or a number) with ASCII digits shown in the site's digit set."""
        text = str(text)
        return to_arabic_indic(text) if self.config.digits == "arab" else text

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.config.timezone)

    def date(self, moment: datetime, style: str = "full") -> str:
        """``الخميس، 21 نوفمبر 2024`` (style full), ``21 نوفمبر 2024`` (long)."""
        return self._day(self.local(moment).date(), style)

    def _day(self, day, style: str) -> str:
        # babel's format_date reads only the date of a datetime: the local day is the whole key
        return self.digits(format_date(day, style, locale=self.locale))

    def time(self, moment: datetime) -> str:
        """``11:44 ص`` (CLDR short time)."""
        local = self.local(moment)
        if not self._clock_only:
            return self.digits(format_time(local, "short", locale=self.locale, tzinfo=self.config.timezone))
        key = (local.hour, local.minute, local.second if self._shows_seconds else 0)
        text = self._clocks.get(key)
        if text is None:  # the first moment seen at this time of day is formatted: any other gives the same text
            text = self._clocks[key] = self.digits(format_time(local, "short", locale=self.locale,
                                                               tzinfo=self.config.timezone))
        return text

    def isodate(self, moment: datetime, day_only: bool = False) -> str:
        """A ``<time datetime>`` value: ISO 8601 with offset, or with ``day_only`` (an article's
        ``date_only``) the local calendar date alone, ``2024-11-21`` (HTML "valid date string").
        The offset is ``moment``'s own, ``hh:mm`` as HTML's "valid global date and time string"
        needs (UTC when it has seconds: :func:`sitegen.feeds.written_moment`)."""
        if day_only:
            return self.local(moment).date().isoformat()
        return written_moment(moment).isoformat()

    def has_time(self, moment: datetime, day_only: bool = False) -> bool:
        """Whether ``moment`` has a time of day to show: not when its source gave a day alone
        (``day_only``: :attr:`~sitegen.model.Article.date_only` or ``updated_only``; such a day
        is its first instant, 01:00 where a daylight-saving gap skips midnight:
        :func:`~sitegen.loaders.fields.start_of_day`), nor when its local time is exactly
        00:00:00 (a template that does not say whether the day came alone). A time the writer
        gave is shown, also the first instant of a day whose midnight was skipped
        (/tmp/attack47b/r4-written-time-hidden-on-dst-day.sh)."""
        return not day_only and self.local(moment).time() != time()

    def month_name(self, year: int, month: int) -> str:
        """``نوفمبر 2024`` (CLDR year-month skeleton ``yMMMM``)."""
        from datetime import date

        return self.digits(format_skeleton("yMMMM", date(year, month, 1), locale=self.locale))

    def number(self, value: int | float) -> str:
        # babel applies the numbering system to separators only, so digits are mapped here.
        return self.digits(format_decimal(value, locale=self.locale, numbering_system=self.config.digits))

    def reading_time(self, article: Article) -> str:
        """``دقيقتان``, ``3 دقائق``, ``11 دقيقة``: CLDR plural forms via babel units."""
        return self._reading_minutes(reading_minutes(article.word_count))

    def _reading_minutes(self, minutes: int) -> str:
        return self.digits(format_unit(minutes, "duration-minute", "long",
                                       locale=self.locale, numbering_system=self.config.digits))

    def hijri(self, moment: datetime) -> str:
        """The Umm al-Qura date of the local day, e.g. ``19 جمادى الأولى 1446 هـ`` (hijridate);
        ``""`` for a day outside the Umm al-Qura tables (1924-08-01 to 2077-11-16): the page
        then shows no Hijri date (the loader warned about it)."""
        day = self.local(moment).date()
        hijri = hijri_date(day.year, day.month, day.day)
        return self.digits(f"{hijri.day} {hijri.month_name('ar')} {hijri.year} هـ") if hijri else ""


def _link_folder(config: Config, page: str) -> str | None:
    """The folder of the output file ``page`` that its links are relative to: its own with
    ``relative_urls``, else ``None`` (links root-relative under the base path). The 404 page
    (:data:`sitegen.urls.NOT_FOUND_FILE`) is ``None`` either way: a host serves it at the
    missing URL, where links relative to its own folder would all miss."""
    if not config.relative_urls or page == urls.NOT_FOUND_FILE:
        return None
    return posixpath.dirname(page)


def _href_function(config: Config):
    """The templates' ``href(path)``: root-relative under the base path, or, with
    ``relative_urls``, relative to the page being rendered (for opening the output from disk)
    but on the 404 page (:func:`_link_folder`)."""
    root_relative = lru_cache(maxsize=None)(lambda path: urls.href(config.base_path, path))
    if config.relative_urls:
        return jinja2.pass_context(lambda context, path: root_relative(path) if _link_folder(config, context["path"]) is None
                                   else urls.relative_href(context["path"], path))
    return root_relative


#: A start tag of our own sanitised HTML (attribute values double-quoted; text never holds a
#: raw ``<``), so ``href="/x"`` written as text inside ``<code>`` is not a link.
_START_TAG = re.compile(r'<[a-zA-Z][^\s/>]*(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?>')
#: A root-relative ``href``/``src`` in a start tag: one ``/`` then anything but a second ``/``
#: (``//host`` is another site), or a value starting with a character reference (a trusted body's
#: ``href="&#47;x"``, decoded and then looked at), either after spaces (read as a browser does,
#: :func:`sitegen.urls.url_as_read`). Attribute names in any case, as HTML reads them
#: (a trusted body's ``HREF="/x"``: /tmp/attack44/r5-trusted-html-links-not-rebased.sh).
_SITE_LINK = re.compile(r'(?P<attribute>\s(?i:href|src)=")(?P<value>[\x00-\x20]*(?:/(?!/)|&)[^"]*)"')
#: Where a body may hold one: an attribute value starting (after spaces) with ``/`` or ``&``.
_MAYBE_SITE_LINK = re.compile(r'="[\x00-\x20]*[/&]')


def _site_links_function(config: Config):
    """The templates' ``site_links`` filter: every root-relative ``href``/``src`` of a body
    (``/images/a.png``, as editors write them) goes through ``href`` like the templates' own
    links, so it lands under the base path or, with ``relative_urls``, relative to the page.
    The old path is decoded before ``href`` encodes it (never encoded twice); ``?query`` and
    ``#fragment`` are kept as written. External, ``//host``, ``#anchor`` and relative links stay,
    and so do single-quoted or unquoted attributes (only ``trusted_html`` bodies can have them)."""
    href = _href_function(config)
    link = (lambda context, path: href(context, path)) if config.relative_urls else (lambda context, path: href(path))

    @jinja2.pass_context
    def site_links(context, fragment: str) -> str:
        def rewrite(match: re.Match) -> str:
            value = urls.url_as_read(html.unescape(match["value"]))
            if not value.startswith("/") or urls.is_network_path(value):  # ``/%2Fhost``, ``/\\host``:
                return match.group()  # another site (or not root-relative once decoded), left as written
            cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
            new = link(context, unquote(value[:cut])) + value[cut:]
            return f'{match["attribute"]}{html.escape(new)}"'

        # Most bodies hold no root-relative link: one look (~4 µs a 5,500-character body) instead of
        # matching every start tag (~21 µs); a plain str back, as the substitution gives.
        if isinstance(fragment, str) and _MAYBE_SITE_LINK.search(fragment) is None:
            return str(fragment)
        return _START_TAG.sub(lambda tag: _SITE_LINK.sub(rewrite, tag.group()), fragment)

    return site_links


def bidi(text) -> Markup:
    """Escaped ``text`` with its Latin-script runs and signed figures isolated in ``<bdi>``
    (:func:`~sitegen.markup.isolate_ltr_runs`), for titles, summaries and names shown in HTML
    text (not in attributes or ``<title>``, where only plain text is allowed). Text that is
    already markup (a translated string with escaped values) is not escaped again."""
    return _bidi(str(text), hasattr(text, "__html__"))


@lru_cache(maxsize=8192)
def _bidi(text: str, is_markup: bool) -> Markup:
    # Titles, summaries and section names appear on many pages (cards): each is isolated once
    # while it is shown (pages render grouped by time: sitegen.rendering.render_order).
    return Markup(isolate_ltr_runs(text if is_markup else html.escape(text, quote=False)))


_TABLE_OPEN = re.compile(r"<table\b")
_TABLE_CLOSE = re.compile(r"</table\s*>")
#: What either of the two finds starts with.
_TABLE_TAG = re.compile(r"</?table")


def scrollable_tables(fragment: str, label: str) -> str:
    """Each ``<table>`` of a body inside ``<div class="table-scroll" role="region" tabindex="0">``
    named ``label``: a wide table scrolls sideways, and a focusable region lets keyboard users
    scroll it too (WCAG 2.1.1; axe rule ``scrollable-region-focusable``)."""
    # Most bodies hold no table: one scan instead of two substitutions; a plain str back, as
    # the substitutions give.
    if isinstance(fragment, str) and _TABLE_TAG.search(fragment) is None:
        return str(fragment)
    opening = f'<div class="table-scroll" role="region" tabindex="0" aria-label="{html.escape(label)}"><table'
    return _TABLE_CLOSE.sub("</table></div>", _TABLE_OPEN.sub(opening, fragment))


def _body_images_function(config: Config, images: dict[str, ImageSet]):
    """The templates' ``body_images(fragment, sizes)`` filter (see
    :func:`sitegen.images.responsive_body_images`), linking copies like ``href``."""
    href = _href_function(config)

    @jinja2.pass_context
    def body_images(context, fragment: str, sizes: str) -> str:
        link = (lambda path: href(context, path)) if config.relative_urls else href
        return responsive_body_images(fragment, images, link, sizes)

    return body_images


def _srcset_function(config: Config):
    href = _href_function(config)

    @jinja2.pass_context
    def image_srcset(context, variants) -> str:
        return srcset(variants, (lambda path: href(context, path)) if config.relative_urls else href)

    return image_srcset


#: The partial of one article's card in a list (front page, archives, related articles).
CARD_TEMPLATE = "partials/article_card.html"
#: Cards kept per process, the most recently shown (~1.5 KB each). Pages are rendered grouped
#: by the time of the articles they show (:func:`sitegen.rendering.render_order`), so the cards a
#: page needs were mostly shown lately: at 10,000 articles 8,192 cards are rendered 25,800 times
#: in one process against 24,500 unbounded, which held every card (~40 MiB a process).
CARD_CACHE_SIZE = 8192


def _article_card_function(env: jinja2.Environment, config: Config):
    """The templates' ``article_card(item, heading="h2", eager=False)``: the HTML of
    :data:`CARD_TEMPLATE` for ``item``, rendered once per process for each ``(item, heading,
    eager)`` and reused on every page that lists it (an article's card is on its section, tag,
    author, date and front pages and in related lists). The partial sees ``item``,
    ``card_heading``, ``card_eager``, ``site`` and ``path`` besides the globals. With
    ``relative_urls`` its links depend on the page's folder, so cards are shared within a folder
    only. The parts of the site the card read (:class:`~sitegen.render_keys.SiteView`) are
    noted for every page that shows it. At most :data:`CARD_CACHE_SIZE` cards are kept (the
    function's ``cards``); one shown again after it was dropped is rendered again, the same."""
    cards: dict[tuple, tuple[object, Markup, frozenset[str]]] = {}  # oldest shown first
    # The parts of the site cards read are a few distinct sets: one object each, not one a card
    # (8,192 frozensets, ~1.7 MiB a process at 10,000 articles).
    read_sets: dict[frozenset[str], frozenset[str]] = {}

    @jinja2.pass_context
    def article_card(context, item, heading: str = "h2", eager: bool = False) -> Markup:
        page = context["path"]
        key = (id(item), heading, bool(eager), _link_folder(config, page))
        found = cards.pop(key, None)
        site = context["site"]
        if found is None or found[0] is not item:
            read: set[str] = set()
            view = site.with_notes(read) if isinstance(site, SiteView) else site
            html = env.get_template(CARD_TEMPLATE).render(item=item, card_heading=heading, card_eager=eager,
                                                          site=view, path=page)
            read = frozenset(read)
            found = (item, Markup(html), read_sets.setdefault(read, read))  # item held: its id stays unique
            if len(cards) >= CARD_CACHE_SIZE:
                del cards[next(iter(cards))]  # the least recently shown
        cards[key] = found  # last in the dict: the most recently shown
        if isinstance(site, SiteView):
            site.note(found[2])
        return found[1]

    article_card.cards = cards
    return article_card


def _shared_partial_function(env: jinja2.Environment, config: Config):
    """The templates' ``shared_partial(name, **values)``: the HTML of the template ``name``
    rendered once per process for each set of ``values`` (hashable) and reused on every page
    that asks for the same (the header and footer of every page are the same but for the
    section the page is in). The partial sees ``site``, ``path`` and ``values`` besides the
    globals; with ``relative_urls`` its links depend on the page's folder, so it is shared
    within a folder only. The parts of the site it read are noted for every page that shows
    it, as :func:`_article_card_function` does."""
    rendered: dict[tuple, tuple[Markup, frozenset[str]]] = {}

    @jinja2.pass_context
    def shared_partial(context, name: str, **values) -> Markup:
        page, site = context["path"], context["site"]
        key = (name, tuple(sorted(values.items())), _link_folder(config, page))
        found = rendered.get(key)
        if found is None:
            read: set[str] = set()
            view = site.with_notes(read) if isinstance(site, SiteView) else site
            html = env.get_template(name).render(site=view, path=page, **values)
            found = rendered[key] = (Markup(html), frozenset(read))
        if isinstance(site, SiteView):
            site.note(found[1])
        return found[0]

    return shared_partial


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, so a later build (each
    ``serve`` rebuild, each build of a test run) does not parse and compile them again.
    Jinja keys an entry by template name and file and checks it against the source's
    checksum, so an edited template is compiled anew. The compiled code depends on the
    environment's settings, which :func:`make_environment` makes the same every time."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def compiled_templates() -> dict[str, bytes]:
    """The templates this process has compiled, ``{Jinja bucket key: Jinja's bytecode string}``
    (plain data, for the build cache to keep: :func:`add_compiled_templates` takes it back)."""
    return dict(_COMPILED._code)


def compile_templates(config: Config, site_templates: Path | None) -> None:
    """Compile every template of the site (``site_templates``) and of the theme into this
    process's store of compiled templates (:func:`compiled_templates`): ~0.1 s for the theme's
    28, which each render process otherwise spends on its own; a process forked from this one
    later (a render worker) takes them from the store (~4 ms). A template that does not compile
    is left for the render stage, which reports it with its file and line."""
    env = make_environment(config, site_templates)
    for name in env.list_templates():
        try:
            env.get_template(name)
        except Exception:  # noqa: BLE001 - any fault of a template is reported where it is rendered
            pass


def add_compiled_templates(code: object) -> None:
    """Take compiled templates kept from another process (:func:`compiled_templates`), so they
    are not compiled again. Jinja checks each against its template's source checksum and its
    own and Python's bytecode version when it is used (a stale or damaged one is compiled
    anew); the caller keys what it keeps by sitegen's code and Jinja's version, which decide
    the environment's settings. Anything but a dict of bytes is ignored."""
    if isinstance(code, dict):
        _COMPILED._code.update((k, v) for k, v in code.items() if isinstance(k, str) and isinstance(v, bytes))


def _gettext_function(catalogue):
    """The templates' ``_(message, **values)``, as :mod:`jinja2.ext`'s new-style gettext does
    it (the translation is markup when autoescaping, and always ``%``-formatted with ``values``),
    each message looked up and formatted once: pages call ``_`` hundreds of thousands of times
    with a few dozen messages."""
    translated: dict[tuple[str, bool], str] = {}  # (message, autoescaping) → translation
    formatted: dict[tuple[str, bool], str] = {}   # the same, %-formatted without values

    @jinja2.pass_context
    def gettext(context, message: str, **values) -> str:
        key = (message, context.eval_ctx.autoescape)
        if not values and key in formatted:
            return formatted[key]
        text = translated.get(key)
        if text is None:
            text = translated[key] = Markup(catalogue.gettext(message)) if key[1] else catalogue.gettext(message)
        if values:
            return text % values
        formatted[key] = text % {}
        return formatted[key]

    return gettext


#: Callables whose ``__call__`` cannot carry Jinja's ``pass_context`` mark (a method-wrapper):
#: :meth:`_Context.call` reads the mark off the callable itself. ``functools.lru_cache``'s
#: wrapper is one (its mark, if any, is the wrapped function's, copied onto it): the templates'
#: ``href`` and ``fmt`` formatters, ~200,000 calls a build of 10,000 articles.
_PLAIN_CALLABLES = frozenset((types.FunctionType, types.BuiltinFunctionType, types.MethodType,
                              type(lru_cache(maxsize=None)(len))))
_PASS_CONTEXT = jinja2.utils._PassArg.context
_PASS_EVAL_CONTEXT = jinja2.utils._PassArg.eval_context
_PASS_ENVIRONMENT = jinja2.utils._PassArg.environment


class _Context(jinja2.runtime.Context):
    """Jinja's template context with a quicker :meth:`call` (every call a template makes: ~65
    an article page). Jinja first looks for a ``pass_context`` mark on the callable's
    ``__call__`` (for callable objects), through ``hasattr`` on a new method-wrapper, which
    raises and catches ``AttributeError`` each time; for plain functions, builtins and bound
    methods that look can only fail, so it is skipped. The rest is Jinja's own (3.1): the
    context, eval context or environment passed first as marked, the ``_loop_vars`` and
    ``_block_vars`` of the calling template seen by a ``pass_context`` callable."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's names (a keyword may be called "self")
        if type(__obj) not in _PLAIN_CALLABLES:
            return jinja2.runtime.Context.call(__self, __obj, *args, **kwargs)
        pass_arg = getattr(__obj, "jinja_pass_arg", None)
        if pass_arg is _PASS_CONTEXT:
            if kwargs.get("_loop_vars"):
                __self = __self.derived(kwargs["_loop_vars"])
            if kwargs.get("_block_vars"):
                __self = __self.derived(kwargs["_block_vars"])
            args = (__self,) + args
        elif pass_arg is _PASS_EVAL_CONTEXT:
            args = (__self.eval_ctx,) + args
        elif pass_arg is _PASS_ENVIRONMENT:
            args = (__self.environment,) + args
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a"
                                                " StopIteration exception")


def _plain_escape():
    """markupsafe's C string escaper (``&<>"'`` as entities, plain ``str`` in and out), or
    the same through :func:`markupsafe.escape` where its speedups are not built."""
    try:
        from markupsafe._speedups import _escape_inner
    except ImportError:  # pure-Python markupsafe
        return lambda text: str(escape(text))
    return _escape_inner


_escape_text = _plain_escape()


def output_escape(value, _type=type, _str=str, _escape=_escape_text) -> str:
    """What a template's ``{{ value }}`` writes when autoescaping: the text of
    :func:`markupsafe.escape` (``value.__html__()`` for markup, else ``str(value)`` escaped),
    as a plain ``str`` — output is joined into the page's text at once, so the ``Markup``
    object :func:`markupsafe.escape` wraps each value in (a Python-level ``__new__``, a copy
    of the value when it is markup already: ~1.9 million a build of 10,000 articles) is not
    made. Raises what ``str(value)`` or ``value.__html__()`` raise (an undefined value)."""
    if _type(value) is _str:
        return _escape(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()
    return _escape(_str(value))


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator with the templates' output escaped by :func:`output_escape`
    instead of :func:`markupsafe.escape` (the same text). Only output goes through it:
    ``{{ … }}`` values, whose results are joined into the page (or into a ``Markup`` block
    of a macro or ``{% set %}``) and never seen as objects; filters such as ``|e`` keep
    markupsafe's."""

    def visit_Template(self, node, frame=None) -> None:
        self.writeline("from sitegen.render import output_escape")
        super().visit_Template(node, frame)

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile:
            self.write("(output_escape if context.eval_ctx.autoescape else str)(")
        elif frame.eval_ctx.autoescape:
            self.write("output_escape(")
        else:
            self.write("str(")
        if finalize.src is not None:
            self.write(finalize.src)


#: A template whose output takes every path :class:`_CodeGenerator` changes.
_PROBE_TEMPLATE = ("{{ a }}{{ b }}{{ 3 }}{% set s %}{{ a }}{% endset %}{{ s }}{% macro m(v) %}{{ v }}{% endmacro %}"
                   "{{ m(a) }}{% autoescape false %}{{ a }}{% endautoescape %}")


def _code_generator() -> type[jinja2.compiler.CodeGenerator]:
    """:class:`_CodeGenerator` when it writes what Jinja's own generator writes for
    :data:`_PROBE_TEMPLATE`; Jinja's own otherwise. It overrides a private method of Jinja's
    compiler, which a release of Jinja may rename or change: the site is then built the
    slower way, never with other output."""
    values = {"a": "<a href='x'>&</a>", "b": Markup("<b>")}
    try:
        class Ours(jinja2.Environment):
            code_generator_class = _CodeGenerator
        ours = Ours(autoescape=True).from_string(_PROBE_TEMPLATE).render(values)
    except Exception:  # noqa: BLE001 - any failure of the private hook means: do not use it
        return jinja2.compiler.CodeGenerator
    stock = jinja2.Environment(autoescape=True).from_string(_PROBE_TEMPLATE).render(values)
    return _CodeGenerator if ours == stock else jinja2.compiler.CodeGenerator


class _Environment(jinja2.Environment):
    """A Jinja environment whose templates see the globals as one plain dict, a copy of the
    environment's taken when the template is loaded (Jinja's own is a ``ChainMap`` over the
    environment's, which every render and every include copies key by key in Python: ~10% of
    rendering a list page). :func:`make_environment` sets every global before a template is
    loaded, so the copy holds the same values."""

    context_class = _Context
    code_generator_class = _code_generator()

    def make_globals(self, d):
        return {**self.globals, **(d or {})}


def make_environment(config: Config, site_templates: Path | None,
                     images: dict[str, ImageSet] | None = None,
                     site_files: frozenset[str] | None = None) -> jinja2.Environment:
    """A Jinja2 environment searching ``site_templates`` then the packaged theme.

    ``images`` maps the site path of each content image to its :class:`ImageSet`
    (sizes and resized copies); templates ask for one with ``image_set(path)``.
    ``site_files`` are the site paths of the content and static files the output holds
    (see :meth:`sitegen.seo.PageMetadata.share_image`)."""
    images = images or {}
    search = [str(p) for p in (site_templates,) if p is not None and p.is_dir()]
    search.append(str(theme_dir("templates")))
    env = _Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build's templates do not change: no stat() per include
        bytecode_cache=_COMPILED,
    )
    catalogue = translations(config.locale)
    env.install_gettext_translations(catalogue, newstyle=True)
    env.globals["_"] = _gettext_function(catalogue)
    fmt = Formatter(config)
    env.globals.update(
        config=config,
        lang=config.lang,
        dir=config.dir,
        fmt=fmt,
        href=_href_function(config),
        absolute_url=lambda path: urls.absolute_url(config.base_url, path),
        external_url=urls.external_url,
        split_site_link=urls.split_site_link,
        term_url=urls.term_path_for,
        slugify=urls.term_slug,
        month_name=fmt.month_name,
        seo=PageMetadata(config, site_files),
        is_breaking=jinja2.pass_context(lambda context, article: is_breaking(article, context["site"])),
        image_set=lambda path: images.get(urls.split_site_link(path)[0]) if path and path.startswith("/") else None,
        share_links=lambda article: share_links(config.share, urls.absolute_url(config.base_url, article.url),
                                                article.display_title),
    )
    env.globals["article_card"] = _article_card_function(env, config)
    env.globals["shared_partial"] = _shared_partial_function(env, config)
    env.filters.update(
        date=fmt.date,
        time=fmt.time,
        number=fmt.number,
        digits=fmt.digits,
        isodate=fmt.isodate,
        rfc822=rfc822,
        rfc3339=rfc3339,
        xml_text=xml_text,
        site_links=_site_links_function(config),
        bidi=bidi,
        scrollable_tables=scrollable_tables,
        body_images=_body_images_function(config, images),
        srcset=_srcset_function(config),
    )
    return env


def build_year(site: Site) -> int:
    """The year of the build in the site timezone (templates: ``build_year``, e.g. a copyright line)."""
    return site.build_time.astimezone(site.config.timezone).year


def render_file(env: jinja2.Environment, site: Site, output: OutputFile, used: set[str] | None = None) -> bytes:
    """The bytes of one planned file. Raises :class:`SitegenError` (``template``) naming the
    template file and line on a template error (:func:`sitegen.template_errors.template_error`).
    With ``used``, the template sees the site through :class:`~sitegen.render_keys.SiteView`,
    which adds to ``used`` the parts it reads."""
    context, year = output.context, build_year(site)
    if used is not None:
        site, context = SiteView(site, used), view_context(context, used)
    try:
        template = env.get_template(output.template)
        text = template.render(site=site, path=output.path, build_year=year, **context)
    except BodyUnreadable:
        raise  # the build cache's fault, not the template's (sitegen.pipeline reports it)
    except Exception as exc:  # a template can raise anything from a filter or attribute
        raise SitegenError(template_error(env, exc, output.template, output.path)) from None
    return text.encode("utf-8")
