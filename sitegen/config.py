"""Typed site configuration read from ``site.yaml`` (keys fixed in INTERFACE.md).

All keys are optional; defaults follow INTERFACE.md. Unknown keys give a warning,
wrong types and unknown locales/timezones an error naming the file and key. Switches
(``hijri``, ``trusted_html``, ``relative_urls``) take true/false, yes/no or on/off.
"""

from __future__ import annotations

import difflib
import ipaddress
import math
import re
from functools import lru_cache
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import babel
from babel.core import UnknownLocaleError

from sitegen.arabic import clean_inline
from sitegen.errors import Diagnostic, Severity, SitegenError
from sitegen.model import MastheadEntry
from sitegen.yamlsafe import key_lines, load_yaml_file, not_utf8, parse_bool, repeated_keys

DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
DEFAULT_PERMALINK = "/{year}/{month}/{day}/{slug}/"
PERMALINK_FIELDS = ("year", "month", "day", "slug", "section")
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Share links an article page can carry, in the order they are shown (INTERFACE.md ``share``).
SHARE_TARGETS = ("whatsapp", "telegram", "x", "facebook", "email", "copy")
DEFAULT_IMAGE_WIDTHS = (480, 960, 1600)
MAX_IMAGE_WIDTH = 4096
#: The longest ``breaking_hours``: a year (365 days). A breaking label kept longer is no longer
#: news, and a window of billions of hours overflows Python's date arithmetic (``timedelta``).
MAX_BREAKING_HOURS = 365 * 24


@dataclass(frozen=True)
class Config:
    """Site settings. ``base_url`` always ends with ``/``; ``base_path`` is its path part
    (``/news/`` for ``https://host/news/``). ``timezone`` is a :class:`zoneinfo.ZoneInfo`.
    ``digits`` is ``"latn"`` or ``"arab"`` (CLDR numbering systems).
    """

    title: str = "sitegen"
    base_url: str = DEFAULT_BASE_URL
    locale: str = "ar_EG"
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Africa/Cairo"))
    paginate: int = 20
    permalink: str = DEFAULT_PERMALINK
    digits: str = "latn"
    description: str = ""
    logo: str | None = None
    hijri: bool = False
    trusted_html: bool = False
    relative_urls: bool = False
    embed_hosts: tuple[str, ...] = ("www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com")
    duplicate_urls: str = "error"
    max_file_bytes: int = MAX_FILE_BYTES
    sections: tuple[str, ...] = ()
    favicon: str | None = None
    masthead: tuple[MastheadEntry, ...] = ()
    share: tuple[str, ...] = SHARE_TARGETS
    breaking_hours: float = 6.0
    image_widths: tuple[int, ...] = DEFAULT_IMAGE_WIDTHS
    feed_content: str = "summary"
    source: str = "site.yaml"

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    @property
    def babel_locale(self) -> babel.Locale:
        return _parsed_locale(self.locale)

    @property
    def lang(self) -> str:
        """BCP 47 language tag (RFC 5646 §2.1) for ``<html lang>``, ``xml:lang``, the feeds'
        ``<language>`` and JSON-LD ``inLanguage``: see :func:`language_tag` (``ar-EG``)."""
        return language_tag(self.locale)

    @property
    def og_locale(self) -> str:
        """Open Graph ``og:locale``, ``language_TERRITORY`` (https://ogp.me/#optional): ``ar_EG``."""
        parsed = _parsed_locale(self.locale)
        return f"{parsed.language}_{parsed.territory}" if parsed.territory else parsed.language

    @property
    def dir(self) -> str:
        """``rtl`` or ``ltr`` from CLDR's character order for the locale."""
        return _direction(self.locale)


@lru_cache(maxsize=None)
def _parsed_locale(locale: str) -> babel.Locale:
    # Asked for by every article loaded (its language's direction) and every formatter: babel
    # parses the identifier and looks up its data each time (~2% of the load stage at 10,000 articles).
    return babel.Locale.parse(locale)


@lru_cache(maxsize=None)
def language_tag(locale: str) -> str:
    """The BCP 47 language tag (RFC 5646 §2.1: ``language[-script][-region][-variant]``) of a
    CLDR locale identifier, from the subtags babel's :class:`babel.Locale` parses out of it:
    ``ar_EG`` → ``ar-EG``, ``sr_Latn_RS`` → ``sr-Latn-RS``. A POSIX codeset (``ar_EG.UTF-8``) or
    ``@modifier`` of the identifier has no place in a tag and is not copied into it (the newcomer
    check found ``lang="ar-SA@calendar=islamic"``); variants are lower case (RFC 5646 §2.1.1)."""
    parsed = _parsed_locale(locale)
    subtags = (parsed.language, parsed.script, parsed.territory, parsed.variant.lower() if parsed.variant else None)
    return "-".join(subtag for subtag in subtags if subtag)


def _modifier_message(locale: str, parsed: babel.Locale) -> str:
    """Why a locale's ``@modifier`` is refused: CLDR data through babel formats dates in the
    Gregorian calendar only, and a BCP 47 tag (RFC 5646) has no place for a POSIX modifier."""
    return (f"{locale!r}: the modifier @{parsed.modifier} cannot be honoured (dates are shown in the "
            "Gregorian calendar and the page language is a plain BCP 47 tag)")


def _modifier_hint(parsed: babel.Locale) -> str:
    plain = str(babel.Locale(parsed.language, parsed.territory, parsed.script, parsed.variant))
    if "islamic" in parsed.modifier.lower():
        return (f"write locale: {plain}, and hijri: true to show the Umm al-Qura Hijri date beside the "
                "Gregorian one")
    return f"write locale: {plain}"


@lru_cache(maxsize=None)
def _direction(locale: str) -> str:
    return "rtl" if _parsed_locale(locale).character_order == "right-to-left" else "ltr"


_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_KNOWN = {
    "title": str, "base_url": str, "locale": str, "timezone": str, "paginate": int, "permalink": str,
    "digits": str, "description": str, "logo": str, "hijri": bool, "trusted_html": bool, "relative_urls": bool,
    "embed_hosts": list, "duplicate_urls": str, "max_file_bytes": int,
    "sections": list, "favicon": str, "masthead": list, "share": list, "breaking_hours": float, "image_widths": list,
    "feed_content": str,
}


def _error(source: str, key: str, message: str, hint: str = "") -> SitegenError:
    return SitegenError(Diagnostic(path=source, code="config", message=f"{key}: {message}", hint=hint, field=key))


#: What a list key holds, for the hint after a value of the wrong type.
_LIST_EXAMPLES = {"embed_hosts": "[www.youtube.com]", "sections": "[سياسة, اقتصاد]", "share": "[whatsapp, x]",
                  "image_widths": "[480, 960]", "masthead": "[{role: رئيس التحرير, name: …}]"}


def _type_hint(key: str, kind: type) -> str:
    """What to write instead of a value of the wrong type, e.g. ``write a whole number, e.g. paginate: 20``."""
    if kind is int:
        return f"write a whole number, e.g. {key}: {getattr(Config, key)}"
    if kind is float:
        return f"write a number, e.g. {key}: {getattr(Config, key):g}"
    if kind is bool:
        return f"write {key}: true or {key}: false"
    if kind is list:
        return f"write a list, e.g. {key}: {_LIST_EXAMPLES.get(key, '[…, …]')}"
    return f'write one line of text, e.g. {key}: "…"'


def _unknown_key_hint(key: object) -> str:
    """``did you mean 'paginate'?`` for a misspelt key (:func:`difflib.get_close_matches`),
    else where the keys are listed."""
    close = difflib.get_close_matches(str(key), list(_KNOWN), n=1, cutoff=0.75)
    return f"did you mean {close[0]!r}? (the config keys are in README.md)" if close else "see the config keys in README.md"


def parse_config(data: dict, source: str, base_url_override: str | None = None) -> tuple[Config, list[Diagnostic]]:
    """Validate a config mapping into a :class:`Config`; returns it with warnings.

    Raises :class:`SitegenError` (code ``config``) on a wrong type or value.
    """
    warnings = [
        Diagnostic(path=source, code="config-unknown-key", message=f"unknown key {key!r} ignored",
                   severity=Severity.WARNING, hint=_unknown_key_hint(key), field=str(key))
        for key in data if key not in _KNOWN
    ]
    values = {}
    for key, kind in _KNOWN.items():
        if key not in data or data[key] is None:
            continue
        value = data[key]
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if kind is bool and parse_bool(value) is not None:
            value = parse_bool(value)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value) if value.bit_length() <= 1000 else math.inf  # float(10**400) overflows
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _error(source, key, f"expected {kind.__name__}, got {type(value).__name__}", _type_hint(key, kind))
        values[key] = value
    for key in ("title", "description"):
        if key in values:
            values[key] = clean_inline(_CONTROL_CHARS.sub("", values[key]))
    if base_url_override is not None:  # ``--base-url ''`` is a wrong URL, not "no option"
        values["base_url"] = base_url_override

    values["base_url"], url_warnings = _base_url(values.get("base_url", DEFAULT_BASE_URL), source,
                                                 from_option=base_url_override is not None)
    warnings += url_warnings

    locale = values.get("locale", "ar_EG").replace("-", "_")
    try:
        parsed_locale = babel.Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        raise _error(source, "locale", f"unknown CLDR locale {locale!r}", "e.g. ar, ar_EG, ar_LB, ar_MA") from None
    if parsed_locale.modifier:
        raise _error(source, "locale", _modifier_message(locale, parsed_locale), _modifier_hint(parsed_locale))
    values["locale"] = locale

    tz_name = values.get("timezone", "Africa/Cairo")
    try:
        values["timezone"] = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _error(source, "timezone", f"unknown IANA time zone {tz_name!r}", "e.g. Africa/Cairo, Asia/Riyadh") from None

    digits = values.get("digits")
    if digits is None:  # the locale's CLDR default, when it is one we can show
        digits = parsed_locale.default_numbering_system if parsed_locale.default_numbering_system == "arab" else "latn"
    if digits not in ("latn", "arab"):
        raise _error(source, "digits", f"{digits!r} is not latn or arab")
    values["digits"] = digits

    if values.get("paginate", 20) < 1:
        raise _error(source, "paginate", "must be at least 1")
    if values.get("max_file_bytes", MAX_FILE_BYTES) < 1:
        raise _error(source, "max_file_bytes", "must be at least 1")
    _check_permalink(values.get("permalink", DEFAULT_PERMALINK), source)
    if values.get("duplicate_urls", "error") not in ("error", "suffix"):
        raise _error(source, "duplicate_urls", "must be error or suffix")
    if values.get("feed_content", "summary") not in ("summary", "full"):
        raise _error(source, "feed_content", "must be summary or full",
                     "full puts each whole article in the feeds; summary only its summary")
    if "embed_hosts" in values:
        values["embed_hosts"] = tuple(str(h) for h in values["embed_hosts"])
    for key in ("logo", "favicon"):
        if key in values:
            _check_site_file(key, values[key], source)
    if "favicon" in values and not site_file_path(values["favicon"]).lower().endswith(FAVICON_SUFFIXES):
        warnings.append(Diagnostic(
            path=source, code="config-favicon-type", severity=Severity.WARNING, field="favicon",
            message=f"favicon: {values.pop('favicon')} is not a PNG or SVG file; the theme's icon is used",
            hint="save the icon as PNG or SVG and name that file, e.g. favicon: /brand/icon.png"))
    values.update(_newsroom_values(values, source))
    return Config(**values, source=source), warnings


_BASE_URL_EXAMPLE = "e.g. https://example.com/news/"
#: The command-line option that overrides ``base_url`` (INTERFACE.md), named by its diagnostics.
BASE_URL_OPTION = "--base-url"
#: One label of a host name: letters, digits, hyphens (not first or last), at most 63 (RFC 1123
#: §2.1, RFC 5890 §2.3.1 "LDH label"); "_" too, which RFC 3986's reg-name allows and browsers take.
_HOST_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\Z")


def _base_url(base_url: str, source: str, from_option: bool = False) -> tuple[str, list[Diagnostic]]:
    """``base_url`` checked and normalised (RFC 3986): an absolute http(s) URL whose host is a
    valid host name (:func:`_host_problem`; an internationalised one in its ASCII form, RFC 3490),
    whose path is encoded once, ends with ``/`` and has no empty segment (``//news/``: every
    root-relative link would be a network-path reference to the host ``news``, RFC 3986 §4.2;
    refused, not rewritten), and no user name or password (RFC 3986
    §3.2.1's userinfo: a public site's links would carry it). A query or fragment is dropped with a
    ``config-base-url`` warning: pages live under the base URL's path, never under a query.
    ``from_option``: the URL was given with ``--base-url``, which the diagnostics name instead of
    ``source`` (the newcomer check found ``--base-url ftp://x`` blamed on ``site.yaml:2``).
    Raises :class:`SitegenError` (``config``)."""
    def fail(message: str, hint: str = _BASE_URL_EXAMPLE) -> SitegenError:
        if from_option:
            return SitegenError(Diagnostic(path=BASE_URL_OPTION, code="config", message=message,
                                           hint=hint, field=BASE_URL_OPTION))
        return _error(source, "base_url", message, hint)

    try:
        parts = urlsplit(base_url)
        port = parts.port  # raises ValueError when not a number in 0–65535
    except ValueError as exc:
        raise fail(f"{base_url!r} is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(f"{base_url!r} is not an absolute http(s) URL")
    if parts.username is not None or parts.password is not None:  # RFC 3986 §3.2.1: userinfo
        raise fail(f"{base_url!r} holds a user name or password: every page's links would print it")
    decoded = unquote(parts.path)
    if any(segment in (".", "..") for segment in decoded.split("/")):  # RFC 3986 §5.2.4 dot segments
        raise fail(f"{base_url!r} has a . or .. segment in its path: every link would climb out of it")
    if "//" in decoded:  # an empty segment
        written = urlunsplit((parts.scheme, parts.netloc, re.sub("/{2,}", "/", decoded), "", ""))
        harm = ("every link of the site would start with // and name another host (RFC 3986 §4.2 network-path "
                "reference)" if decoded.startswith("//") else "every link of the site would carry it")
        raise fail(f"{base_url!r} has an empty segment (//) in its path: {harm}",
                   f"remove the empty segment: {BASE_URL_OPTION} {written}" if from_option
                   else f"remove the empty segment: base_url: {written}")
    path = quote(decoded, safe="/-._~!$&'()*+,;=:@")  # RFC 3986 path, encoded once
    if not path.endswith("/"):
        path += "/"
    netloc, host = parts.netloc, parts.hostname
    if not netloc.isascii():  # an internationalised domain name → its ASCII (punycode) form, RFC 3490
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except (UnicodeError, ValueError):
            raise fail(f"{base_url!r} has an invalid host name {parts.hostname!r}") from None
        netloc = host + (f":{port}" if port else "")
    problem = _host_problem(host)
    if problem:
        raise fail(f"{base_url!r}: {parts.hostname!r} is not a valid host name ({problem})")
    warnings = []
    dropped = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    if dropped:
        written = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        warnings.append(Diagnostic(path=BASE_URL_OPTION if from_option else source, code="config-base-url",
                                   severity=Severity.WARNING, field=BASE_URL_OPTION if from_option else "base_url",
                                   message=("" if from_option else "base_url: ")
                                   + f"{dropped!r} is dropped: a base URL has no query or fragment",
                                   hint=f"give {BASE_URL_OPTION} {written}" if from_option else f"write base_url: {written}"))
    return urlunsplit((parts.scheme, netloc, path, "", "")), warnings


def _host_problem(host: str) -> str:
    """What makes ``host`` (lower case, ASCII) no valid host: ``""`` for an IP address literal
    (RFC 3986 §3.2.2) or a host name of dot-separated labels of letters, digits, hyphens and
    underscores (:data:`_HOST_LABEL`), at most 253 characters (RFC 1035 §2.3.4)."""
    if ":" in host:  # an IPv6 literal, written in brackets
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return "not an IPv6 address"
        return ""
    if " " in host:
        return "it contains a space"
    if len(host) > 253:
        return "longer than 253 characters"
    for label in host.split("."):
        if not label:
            return "an empty label: two dots in a row, or a dot at the start or end"
        if not _HOST_LABEL.match(label):
            bad = next((c for c in label if not (c.isascii() and (c.isalnum() or c in "-_"))), None)
            if bad is not None:
                return f"{bad!r} is not allowed: only letters, digits, hyphens and dots"
            if len(label) > 63:
                return f"the label {label[:20]!r}… is longer than 63 characters"
            return f"the label {label!r} starts or ends with a hyphen"
    return ""


def _text(value: object) -> str:
    """``value`` as one line of text (:func:`clean_inline`) if YAML read it as text or a number,
    else ``""`` (a list, mapping, boolean or nothing is not a name)."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return clean_inline(str(value))
    return ""


def _newsroom_values(values: dict, source: str) -> dict:
    """``sections``, ``masthead``, ``share``, ``breaking_hours`` and ``image_widths`` checked and
    made immutable (INTERFACE.md "Newsroom additions"). Raises :class:`SitegenError` (``config``)."""
    out: dict = {}
    if "sections" in values:
        names = [clean_inline(str(name)) for name in values["sections"] if isinstance(name, (str, int, float))]
        if len(names) != len(values["sections"]) or not all(names):
            raise _error(source, "sections", "each item must be a section name", "write sections: [سياسة, اقتصاد, رياضة]")
        out["sections"] = tuple(dict.fromkeys(names))
    if "masthead" in values:
        entries = []
        for item in values["masthead"]:
            role, name = (_text(item.get("role")), _text(item.get("name"))) if isinstance(item, dict) else ("", "")
            if not role or not name:  # a list or mapping as the role would be printed as its Python repr
                raise _error(source, "masthead", f"{item!r} is not a role and a name, each one line of text",
                             "write masthead: [{role: رئيس التحرير, name: أحمد علي}]")
            entries.append(MastheadEntry(role, name))
        out["masthead"] = tuple(entries)
    if "share" in values:
        unknown = [str(name) for name in values["share"] if name not in SHARE_TARGETS]
        if unknown:
            raise _error(source, "share", f"unknown share target {unknown[0]!r}", f"choose from {', '.join(SHARE_TARGETS)}")
        out["share"] = tuple(dict.fromkeys(values["share"]))
    hours = values.get("breaking_hours", 6.0)
    if not 0 < hours <= MAX_BREAKING_HOURS:  # NaN fails too
        raise _error(source, "breaking_hours", f"must be more than 0 and at most {MAX_BREAKING_HOURS} hours (a year), "
                                               f"not {hours:g}", "e.g. breaking_hours: 6")
    if "image_widths" in values:
        widths = values["image_widths"]
        if not widths or not all(isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= MAX_IMAGE_WIDTH
                                 for w in widths):
            raise _error(source, "image_widths", f"each width must be a whole number of pixels from 16 to {MAX_IMAGE_WIDTH}",
                         "write image_widths: [480, 960, 1600]")
        out["image_widths"] = tuple(sorted(set(widths)))
    return out


#: A URL scheme of two letters or more, once browsers' ignored characters (C0 controls, space,
#: DEL) are dropped; one letter is a Windows drive. The rule of :func:`sitegen.urls.names_another_site`,
#: which this layer cannot import.
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]+):")
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")


def _check_site_file(key: str, value: str, source: str) -> None:
    """Refuse a ``logo`` that is neither a site path nor an http(s) URL (``javascript:``,
    ``data:`` …) and a ``favicon`` that is not a site path (the theme links it under the base
    path). Raises :class:`SitegenError` (``config``)."""
    scheme = _SCHEME.match(_IGNORED_IN_SCHEME.sub("", value).lower())
    if scheme and (key == "favicon" or scheme.group(1) not in ("http", "https")):
        allowed = "a site path under static/ or content/" if key == "favicon" else "a site path or an http(s) URL"
        example = "/brand/icon.png" if key == "favicon" else "/images/logo.png or https://…"
        raise _error(source, key, f"{value!r} is not {allowed}", f"e.g. {key}: {example}")


#: The kinds of file a ``favicon`` may be (INTERFACE.md: "PNG or SVG"), by name.
FAVICON_SUFFIXES = (".png", ".svg")


def site_file_path(value: str) -> str:
    """The site path of the file a user-written site link names (a ``favicon``, a local
    ``logo``, an article's ``image``, an author's ``photo``): query and fragment dropped,
    percent-decoded once, one leading ``/`` (``brand/a%20b.png?v=2`` → ``/brand/a b.png``).
    The one place such a link is decoded: every URL made of it encodes this path once
    (:func:`sitegen.urls.split_site_link`), so ``a%20b.jpg`` is never published as ``a%2520b.jpg``."""
    return "/" + unquote(value.split("?", 1)[0].split("#", 1)[0]).lstrip("/")


def missing_site_files(config: Config, site_files: frozenset[str]) -> list[Diagnostic]:
    """A ``config-missing-file`` warning (naming the config file and the line of the key) for a
    ``favicon`` or a local ``logo`` whose site path (query and fragment dropped, percent-decoded)
    is none of ``site_files``, the site paths of the files copied from the theme, ``static/`` and
    ``content/``: every page would link a missing file."""
    warnings = []
    for key in ("favicon", "logo"):
        value = getattr(config, key)
        if not value or "://" in value:
            continue
        path = site_file_path(value)
        if path not in site_files:
            warnings.append(Diagnostic(path=config.source, code="config-missing-file", severity=Severity.WARNING,
                                       field=key, message=f"{key}: {value} is not a file in static/ or content/; "
                                                          "every page links it",
                                       hint=f"put the file at static{path}, or fix the path"))
    return _with_lines(warnings, Path(config.source)) if warnings else warnings


_PERMALINK_FIELD = re.compile(r"\{(?:" + "|".join(PERMALINK_FIELDS) + r")\}")


def _check_permalink(pattern: str, source: str) -> None:
    """Refuse a permalink pattern that is not plain text and ``{field}`` names: no format
    specs or conversions (``{slug:>99999999999}`` would build a gigabyte string), no other
    braces, no ``.``/``..`` segments or backslashes, no scheme, host, ``:``, ``?`` or ``#`` (a
    path on the site: ``https://evil.example/{slug}/`` made folders named ``https:``), and
    ``{slug}`` somewhere.
    Raises :class:`SitegenError` (``config``)."""
    fields = ", ".join(f"{{{name}}}" for name in PERMALINK_FIELDS)
    rest = _PERMALINK_FIELD.sub("", pattern)
    if "{" in rest or "}" in rest:
        raise _error(source, "permalink", f"bad pattern {pattern!r}: only the fields {fields} may be in braces "
                                          "(no format specs)", "e.g. permalink: /{year}/{month}/{day}/{slug}/")
    if "{slug}" not in pattern:
        raise _error(source, "permalink", "must contain {slug}")
    if "\\" in pattern or any(segment in (".", "..") for segment in pattern.split("/")):
        raise _error(source, "permalink", f"bad pattern {pattern!r}: no . or .. segments and no backslashes",
                     "e.g. permalink: /{year}/{month}/{day}/{slug}/")
    if ":" in rest or "?" in rest or "#" in rest:  # a scheme, a host's port, a query or a fragment: no path
        raise _error(source, "permalink", f"bad pattern {pattern!r}: a permalink is a path on the site, with no "
                                          "scheme, host, ':', '?' or '#'", "e.g. permalink: /{year}/{month}/{day}/{slug}/")


def load_config(path: Path, base_url_override: str | None = None, required: bool = False) -> tuple[Config, list[Diagnostic]]:
    """Read and validate a YAML config file. A missing file gives the defaults unless ``required``.

    Raises :class:`SitegenError` (codes ``config``, ``yaml-syntax``); a file that is not UTF-8
    (UTF-16, Windows-1256) is a ``config`` error that says so, with the hint to save it as UTF-8.
    """
    source = str(path)
    if not path.exists():
        if required:
            raise _error(source, "file", "config file not found", "create it or drop --config")
        return parse_config({}, source, base_url_override)
    if path.is_dir():
        if path.suffix.lower() in (".yaml", ".yml"):  # a folder took the settings file's name
            hint = f"the site's settings go in a YAML file named {path.name}: move the folder away and create the file"
        else:  # ``--config content``: the option names the settings file, not a folder of the site
            hint = "give --config the site's YAML settings file (site.yaml), not a folder"
        raise _error(source, "file", "is a folder, not a file", hint)
    try:
        data = load_yaml_file(path, source) or {}
    except UnicodeDecodeError as exc:
        raise _error(source, "file", not_utf8(exc), f"save {path.name} as UTF-8") from None
    except OSError as exc:
        raise _error(source, "file", f"cannot read: {exc.strerror or exc}") from None
    if not isinstance(data, dict):
        raise _error(source, "file", "must be a mapping of key: value")
    try:
        config, warnings = parse_config(data, source, base_url_override)
    except SitegenError as exc:
        raise SitegenError(*_with_lines(exc.diagnostics, path)) from None
    return config, (_with_lines(warnings, path) if warnings else warnings) + _repeated_key_warnings(path, source)


def _repeated_key_warnings(path: Path, source: str) -> list[Diagnostic]:
    """A ``repeated-key`` warning at each later place of a top-level key written twice in the
    config file at ``path``: its last value is used, as PyYAML builds a mapping (the front
    matter rule, :mod:`sitegen.loaders.frontmatter`). The file is read again (a few KB)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return [Diagnostic(path=source, line=line, code="repeated-key", severity=Severity.WARNING, field=key,
                       message=f"{key!r} is given again (first on line {first}); the last value is used",
                       hint=f"keep one {key}: line and delete the other")
            for key, line, first in repeated_keys(text)]


def _with_lines(diagnostics, path: Path) -> list[Diagnostic]:
    """``diagnostics`` with the line of their config key (``field``) in the file at ``path``
    (read again: only a build with something to report pays for it)."""
    try:
        lines = key_lines(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        lines = {}
    return [replace(d, line=lines[d.field]) if d.field in lines and d.line is None else d
            for d in diagnostics]
