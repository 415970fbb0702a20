"""Front matter values → typed article fields, with a diagnostic for each bad value.

Keys (all optional): title, subtitle, date, updated (or lastmod), expires, slug,
url, summary (or description), tags, section (or category), author/authors,
draft, image, image_alt, image_caption, image_credit, featured, breaking, lang,
dir, site_name, byline. Dates are ISO 8601
(``2024-11-21``, ``2024-11-21 09:30``, ``2024-11-21T09:30:00+03:00``); a date
without an offset is wall-clock time in the site timezone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone, tzinfo
from typing import Any

from sitegen.arabic import clean_inline, fold_digits
from sitegen.errors import Diagnostic, Severity, SitegenError
from sitegen.yamlsafe import parse_bool

KNOWN_KEYS = {
    "title", "subtitle", "date", "updated", "lastmod", "expires", "slug", "url", "summary", "description",
    "tags", "section", "category", "author", "authors", "draft", "image", "image_alt", "lang", "dir",
    "site_name", "byline", "kicker", "image_caption", "image_credit", "featured", "breaking",
}


#: Most items a list field (tags, authors, aliases) may hold. Each tag and author gets its
#: own archive page and feed, and each feed entry lists the article's tags, so an article's
#: ``n`` tags cost ``n²`` of output: 3,000 tags (a 35 KB file) made 700 MB of feeds.
MAX_LIST_ITEMS = 100


def bad_value(source: str, key: str, message: str, hint: str = "") -> SitegenError:
    """The error for a front matter value of ``key`` (code ``bad-value``; the loader adds the line)."""
    return SitegenError(Diagnostic(path=source, code="bad-value", message=f"{key}: {message}", hint=hint, field=key))


def localize(naive: datetime, tz: tzinfo, source: str, key: str) -> datetime:
    """Attach ``tz`` to a naive wall-clock time.

    Raises :class:`SitegenError` (``bad-date``) for a time that does not exist in
    ``tz`` (inside a daylight-saving gap). An ambiguous time (the repeated hour)
    takes the first occurrence (``fold=0``, PEP 495).
    """
    aware = naive.replace(tzinfo=tz, fold=0)
    round_trip = aware.astimezone(timezone.utc).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        raise bad_value(source, key, f"{naive.isoformat(sep=' ')} does not exist in {tz} (daylight-saving gap)",
                        "use a time outside the gap or give an explicit UTC offset")
    return aware


#: Front matter years read as Hijri (AH) years typed by mistake: 1300–1500 AH is 1882–2077 CE,
#: when news is written; no Gregorian news article is dated 1300–1500.
HIJRI_YEARS = (1300, 1500)


def parse_date_value(value: Any, tz: tzinfo, source: str, key: str) -> datetime:
    """A front matter date as an aware datetime (a bare date means 00:00 in ``tz``).

    Raises :class:`SitegenError` (``bad-value``) for text that is not an ISO 8601
    date, names a day that does not exist (``2024-02-30``) or a year of :data:`HIJRI_YEARS`
    (``1446-05-19``: a Hijri date typed where the Gregorian one goes).
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str):
        text = fold_digits(value.strip()).replace("Z", "+00:00").replace("z", "+00:00")
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise bad_value(source, key, f"{value!r} is not a valid ISO 8601 date",
                            "write e.g. 2024-11-21 or 2024-11-21T09:30:00+03:00") from None
    else:
        raise bad_value(source, key, f"expected a date, got {type(value).__name__}", "write e.g. 2024-11-21T09:30")
    if HIJRI_YEARS[0] <= parsed.year <= HIJRI_YEARS[1]:
        raise bad_value(source, key, f"{value!r}: the year {parsed.year} is a Hijri (AH) year of today's news, "
                                     "not a Gregorian one; the site would date the article six centuries back",
                        "write the Gregorian date, e.g. 2024-11-21 (the page shows the Hijri date beside it)")
    try:
        aware = localize(parsed, tz, source, key) if parsed.tzinfo is None else parsed
        aware.astimezone(timezone.utc).astimezone(tz)  # every later stage converts; must not overflow
    except OverflowError:
        raise bad_value(source, key, f"{value!r} is out of the supported date range",
                        "write a date between the years 2 and 9998") from None
    return aware


# C0/C1 control characters (tab, LF, CR become spaces in clean_inline) and lone
# surrogates: YAML escapes (``"\0"``, ``"\x1b"``) can put them in a value, and they
# are not allowed in XML feeds or in UTF-8 output.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def _display(value: Any) -> str:
    return clean_inline(_CONTROLS.sub("", str(value)))


def as_text(value: Any, source: str, key: str) -> str | None:
    """A one-line display string (numbers accepted and converted); ``None`` for empty."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise bad_value(source, key, f"expected text, got {type(value).__name__}",
                        f'write one line of text, e.g. {key}: "…"')
    text = _display(value)
    return text or None


def as_text_list(value: Any, source: str, key: str) -> tuple[str, ...]:
    """A list of strings, or one comma-separated string; duplicates dropped, order kept.
    Raises :class:`SitegenError` (``bad-value``) for an item that is not text or for more than
    :data:`MAX_LIST_ITEMS` distinct items."""
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.replace("،", ",").split(",")
    elif isinstance(value, list):
        items = value
    else:
        raise bad_value(source, key, f"expected a list, got {type(value).__name__}", f"write {key}: [a, b]")
    out: dict[str, None] = {}  # a dict keeps order and finds a duplicate in constant time
    for item in items:
        if isinstance(item, dict):
            raise bad_value(source, key, "an item was read as a key: value pair",
                            'quote an item that contains ": ", e.g. [سياسة, "عاجل: البرلمان"]')
        if isinstance(item, list) or isinstance(item, bool) or item is None:
            raise bad_value(source, key, f"each item must be text, got {type(item).__name__}",
                            f"write {key}: [a, b]")
        text = _display(item)
        if text:
            out[text] = None
            if len(out) > MAX_LIST_ITEMS:
                raise bad_value(source, key, f"more than {MAX_LIST_ITEMS} items",
                                f"keep the {MAX_LIST_ITEMS} that matter most: each becomes pages of the site")
    return tuple(out)


def as_bool(value: Any, source: str, key: str) -> bool:
    """A switch: true/false, yes/no, on/off in any case (:func:`~sitegen.yamlsafe.parse_bool`);
    ``False`` for empty."""
    if value is None:
        return False
    parsed = parse_bool(value)
    if parsed is None:
        raise bad_value(source, key, f"expected true or false, got {value!r}", f"write {key}: true or {key}: false")
    return parsed


def unknown_key_warnings(data: dict, source: str) -> list[Diagnostic]:
    return [
        Diagnostic(path=source, code="unknown-key", severity=Severity.WARNING,
                   message=f"unknown front matter key {key!r} ignored", hint="see README.md for the keys")
        for key in data if key not in KNOWN_KEYS
    ]


