"""Front matter values → typed article fields, with a diagnostic for each bad value.

Keys (all optional): title, subtitle, date, updated (or lastmod), expires, slug,
url, summary (or description), tags, section (or category), author/authors,
draft, image, image_alt, image_caption, image_credit, featured, breaking, lang,
dir, site_name, byline. Dates are ISO 8601 calendar dates
(``2024-11-21``, ``2024-11-21 09:30``, ``2024-11-21T09:30:00+03:00``); a time
without an offset is wall-clock time in the site timezone, a day alone its first instant.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
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


def _exists(aware: datetime) -> bool:
    """Whether the wall-clock time of ``aware`` (its zone attached, not converted) exists there:
    false inside a daylight-saving gap, where the round trip through UTC lands elsewhere."""
    naive = aware.replace(tzinfo=None)
    return aware.astimezone(timezone.utc).astimezone(aware.tzinfo).replace(tzinfo=None) == naive


def localize(naive: datetime, tz: tzinfo, source: str, key: str) -> datetime:
    """Attach ``tz`` to a naive wall-clock time.

    Raises :class:`SitegenError` (``bad-value``) for a time that does not exist in
    ``tz`` (inside a daylight-saving gap). An ambiguous time (the repeated hour)
    takes the first occurrence (``fold=0``, PEP 495).
    """
    aware = naive.replace(tzinfo=tz, fold=0)
    if not _exists(aware):
        raise bad_value(source, key, f"{naive.isoformat(sep=' ')} does not exist in {tz} (daylight-saving gap)",
                        "use a time outside the gap or give an explicit UTC offset")
    return aware


@lru_cache(maxsize=4096)
def start_of_day(day: date, tz: tzinfo) -> datetime:
    """The first instant of the calendar ``day`` in ``tz`` (aware, in ``tz``): local midnight
    (its first occurrence when it is repeated), or, on a day whose midnight a daylight-saving gap
    skips, the first instant after the gap (``Africa/Cairo`` 2024-04-26, clocks 00:00 → 01:00:
    ``2024-04-26T01:00:00+03:00``). The rule of java.time's ``LocalDate.atStartOfDay(ZoneId)``;
    RFC 5545 §3.3.5 (a nonexistent time read with the offset before the gap) gives the same
    instant when the gap starts at midnight, as in every zone of the tz database today. The last
    few thousand days are kept (a site's dates repeat).
    """
    midnight = datetime.combine(day, time(), tzinfo=tz)
    if _exists(midnight):
        return midnight
    # In a gap, fold=1 reads midnight with the offset after it (an instant before the gap, on the
    # day before) and fold=0 with the offset before it (an instant after the gap): the day
    # starts at the transition between the two, found to the second (tz database transitions
    # fall on whole seconds).
    before = midnight.replace(fold=1).astimezone(timezone.utc)
    after = midnight.replace(fold=0).astimezone(timezone.utc)
    second = timedelta(seconds=1)
    while after - before > second:
        middle = before + (after - before) // 2 // second * second
        if middle.astimezone(tz).date() < day:
            before = middle
        else:
            after = middle
    return after.astimezone(tz)


#: Front matter years read as Hijri (AH) years typed by mistake: 1300–1500 AH is 1882–2077 CE,
#: when news is written; no Gregorian news article is dated 1300–1500.
HIJRI_YEARS = (1300, 1500)

#: The years a front matter date may name, whatever its form (a day, a time, an offset). Every
#: later stage moves a moment to UTC and the site's zone (offsets under a day) and a date-only
#: ``expires:`` ends at the next day's start; Python's datetimes end at the years 1 and 9999.
YEARS = (2, 9998)

#: The start every text date must have: an ISO 8601 calendar date, ``YYYY-MM-DD`` (§5.2.1.1,
#: extended format), the one form README documents (after :func:`~sitegen.arabic.fold_digits`);
#: all of it, a day alone. Week dates (``2024-W47-4``), ordinal dates (``2024-326``) and the
#: basic format (``20241121``), which :meth:`datetime.fromisoformat` would also take, are refused.
_CALENDAR_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])")


def _iso_text(value: str) -> str:
    """A date written in front matter as :meth:`datetime.fromisoformat` reads it: trimmed,
    Arabic-Indic digits folded, ``Z`` an offset of ``+00:00``."""
    return fold_digits(value.strip()).replace("Z", "+00:00").replace("z", "+00:00")


def written_day(value: Any) -> date | None:
    """The day of a front matter date value written without a time of day (``2024-11-21``, in
    any digits, or a YAML date), else ``None`` (a time was written, or it is no valid day)."""
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _CALENDAR_DATE.fullmatch(text := fold_digits(value.strip())):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return None


def parse_date_value(value: Any, tz: tzinfo, source: str, key: str) -> datetime:
    """A front matter date as an aware datetime. A day without a time of day is the first
    instant of that day in ``tz`` (:func:`start_of_day`); a time without an offset is
    wall-clock time in ``tz``.

    Raises :class:`SitegenError` (``bad-value``) for text that is not an ISO 8601 calendar date
    (:data:`_CALENDAR_DATE`) with an optional time and offset, names a day that does not exist
    (``2024-02-30``), a time inside a daylight-saving gap, a year outside :data:`YEARS` or a
    year of :data:`HIJRI_YEARS` (``1446-05-19``: a Hijri date typed where the Gregorian one goes).
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str):
        text = _iso_text(value)
        hint = "write e.g. 2024-11-21 or 2024-11-21T09:30:00+03:00"
        if not _CALENDAR_DATE.match(text):
            raise bad_value(source, key, f"{value!r} is not a date written YYYY-MM-DD (ISO 8601 calendar date; "
                                         "week dates such as 2024-W47-4 and day-of-year dates such as 2024-326 "
                                         "are not read)", hint)
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise bad_value(source, key, f"{value!r} is not a valid ISO 8601 date", hint) from None
    else:
        raise bad_value(source, key, f"expected a date, got {type(value).__name__}", "write e.g. 2024-11-21T09:30")
    if not YEARS[0] <= parsed.year <= YEARS[1]:
        raise bad_value(source, key, f"{value!r} is out of the supported date range",
                        f"write a date between the years {YEARS[0]} and {YEARS[1]}")
    if HIJRI_YEARS[0] <= parsed.year <= HIJRI_YEARS[1]:
        raise bad_value(source, key, f"{value!r}: the year {parsed.year} is a Hijri (AH) year of today's news, "
                                     "not a Gregorian one; the site would date the article six centuries back",
                        "write the Gregorian date, e.g. 2024-11-21 (the page shows the Hijri date beside it)")
    if parsed.tzinfo is not None:
        return parsed
    if written_day(value) is not None:
        first = start_of_day(parsed.date(), tz)
        if first.date() != parsed.date():  # a whole day skipped (Pacific/Apia, 2011-12-30)
            raise bad_value(source, key, f"{value!r}: that day does not exist in the site's time zone {tz} "
                                         "(its clocks skipped it)", "write the day before or after it")
        return first
    return localize(parsed, tz, source, key)


def parse_expires_value(value: Any, tz: tzinfo, source: str, key: str) -> datetime | None:
    """The instant an ``expires:`` value withdraws its article (:func:`parse_date_value`), but a
    day alone keeps the article up through that whole day in ``tz`` (README: "removed from the
    site after this date"): ``expires: 2025-01-05`` is the first instant of 2025-01-06. A valid
    date in the year 9999, past :data:`YEARS` (``9999-12-31``: how a CMS writes "never"), is no
    expiry: ``None``. Raises :class:`SitegenError` (``bad-value``) as :func:`parse_date_value` does."""
    if _in_year_9999(value):
        return None
    day = written_day(value)
    moment = parse_date_value(value, tz, source, key)
    return moment if day is None else start_of_day(day + timedelta(days=1), tz)


# C0/C1 control characters (tab, LF, CR become spaces in clean_inline) and lone
# surrogates: YAML escapes (``"\0"``, ``"\x1b"``) can put them in a value, and they
# are not allowed in XML feeds or in UTF-8 output.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def _display(value: Any) -> str:
    return clean_inline(_CONTROLS.sub("", str(value)))


def is_blank(value: Any) -> bool:
    """Whether a front matter value gives nothing: ``None`` (the key alone), text that shows as
    nothing (``""``, spaces, invisible marks) or a list of such items (``[]``, ``[""]``)."""
    if isinstance(value, list):
        return all(map(is_blank, value))
    return value is None or isinstance(value, str) and not _display(value)


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


def _in_year_9999(value: Any) -> bool:
    """Whether ``value`` is a valid front matter date (a day, or a day and a time) in the year
    9999, the last year Python's dates hold."""
    if isinstance(value, date):  # a datetime too
        return value.year == 9999
    if not isinstance(value, str):
        return False
    text = _iso_text(value)
    if not (text.startswith("9999-") and _CALENDAR_DATE.match(text)):
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
