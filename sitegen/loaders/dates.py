"""Arabic (and English) publication dates as printed on news pages → aware datetimes.

What is recognised, in any mix of Western, Arabic-Indic and Persian digits:

* day + month name + year, with an optional weekday before and a clock time before or
  after: ``الخميس 21 نوفمبر 2024 - 11:44``, ``الأحد ٥ تشرين الثاني ٢٠٢٣``,
  ``الأحد 16 نونبر 2025``, ``2 أيار/ مايو 2012``, ``Thursday, 21 November 2024``,
  ``July 10, 2012``. Month names: Egyptian/Gulf (يناير … ديسمبر with the variants
  إبريل/ابريل/يونيه/يوليه), Levantine (كانون الثاني … كانون الأول), Algerian/Tunisian
  (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت), Moroccan (يوليوز، غشت، شتنبر، نونبر،
  دجنبر) and Mauritanian (أغشت، شتمبر، دجمبر) — the month tables of CLDR ``ar`` locales plus the Maghreb spellings used by
  the press there — and French (``28 novembre 2026``, CLDR ``fr``: Maghreb pages' chrome);
* numbers: ``DD/MM/YYYY``, ``DD - MM - YYYY``, ``D-M-YYYY``, ``YYYY/MM/DD`` and ISO 8601
  (``2012-03-08``, ``2024-11-21T11:44:00+03:00``). Day first is the Arabic usage; a
  first number above 12 with a second at most 12 is always read day first, a second
  number above 12 month first;
* clock times ``HH:MM`` (and the French ``16h00`` of Maghreb sites), the one nearest each
  date, with the 12-hour markers ص/صباحاً/فجراً (a.m.), م/مساءً/ظهراً/عصراً (p.m.), ليلاً and
  بعد منتصف الليل (:data:`_DAY_PARTS`), ``AM``/``PM``; a zone after the time — ``GMT``,
  ``UTC``, ``GMT+3``, ``+03:00``, or a place in brackets or after ``بتوقيت`` (القدس، مكة،
  لندن …: :data:`ZONE_NAMES`) — sets the offset, else ``tz`` is used;
* a Hijri date printed beside the Gregorian one (``1445/11/18 هـ - الموافق 26/5/2024 م``,
  ``21 ربيع الأول 1433 هـ``) is skipped: the Gregorian one is returned.

Relative times (``منذ ساعتين``, ``أمس``) are not dates: they give ``None``. So do
impossible dates such as 2024-02-30 (never an exception).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from sitegen.hijri import gregorian_day
from sitegen.loaders.folding import fold_for_match, normalize_for_match

__all__ = ["DateMatch", "find_dates", "match_date", "parse_date", "url_date", "normalize_for_match", "fold_for_match"]

# --- normalisation: sitegen.loaders.folding ------------------------------------------

# --- vocabularies (already in normalised spelling) -----------------------------------

_MONTH_NAMES: dict[str, int] = {}
for _month, _names in enumerate((
    "يناير كانون الثاني جانفي january jan janvier",
    "فبراير شباط فيفري february feb fevrier février",
    "مارس اذار march mar mars",
    "ابريل نيسان افريل april apr avril",
    "مايو ايار ماي may mai",
    "يونيو يونيه حزيران جوان june jun juin",
    "يوليو يوليه تموز جويليه يوليوز july jul juillet",
    "اغسطس اب اوت غشت اغشت august aug aout août",
    "سبتمبر ايلول شتنبر شتمبر september sept sep septembre",
    "اكتوبر تشرين الاول october oct octobre",
    "نوفمبر تشرين الثاني نونبر november nov novembre",
    "ديسمبر كانون الاول دجنبر دجمبر december dec decembre décembre",
), start=1):
    _words = _names.split()
    _i = 0
    while _i < len(_words):
        if _words[_i] in ("كانون", "تشرين"):
            _MONTH_NAMES[f"{_words[_i]} {_words[_i + 1]}"] = _month
            _i += 2
        else:
            _MONTH_NAMES[_words[_i]] = _month
            _i += 1

_MONTH_RE = "|".join(
    sorted((re.escape(n).replace(r"\ ", r"\s+") for n in _MONTH_NAMES), key=len, reverse=True)
)
_WEEKDAY_RE = (r"(?:ال)?(?:احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت)|"
               r"(?:sun|mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?)(?:day)?")
_HIJRI_MONTH_RE = (r"محرم|صفر|ربيع\s+(?:الاول|الاخر|الثاني)|جمادي\s+(?:الاولي|الاول|الاخره|"
                   r"الاخر|الثانيه|الثاني)|رجب|شعبان|رمضان|شوال|ذو\s+القعده|ذو\s+الحجه")

#: Zone words as printed after ``بتوقيت`` or in brackets after a clock time → IANA zones.
ZONE_NAMES: dict[str, str] = {
    "القدس": "Asia/Jerusalem", "فلسطين": "Asia/Hebron", "رام الله": "Asia/Hebron",
    "غزه": "Asia/Gaza", "مكه المكرمه": "Asia/Riyadh", "مكه": "Asia/Riyadh",
    "الرياض": "Asia/Riyadh", "السعوديه": "Asia/Riyadh", "غرينتش": "UTC",
    "غرينيتش": "UTC", "جرينتش": "UTC", "جرينيتش": "UTC", "gmt": "UTC", "utc": "UTC",
    "القاهره": "Africa/Cairo", "مصر": "Africa/Cairo", "بيروت": "Asia/Beirut",
    "لبنان": "Asia/Beirut", "دمشق": "Asia/Damascus", "سوريا": "Asia/Damascus",
    "عمان": "Asia/Amman", "الاردن": "Asia/Amman", "بغداد": "Asia/Baghdad",
    "العراق": "Asia/Baghdad", "الكويت": "Asia/Kuwait", "الدوحه": "Asia/Qatar",
    "قطر": "Asia/Qatar", "ابوظبي": "Asia/Dubai", "ابو ظبي": "Asia/Dubai", "دبي": "Asia/Dubai",
    "الامارات": "Asia/Dubai", "مسقط": "Asia/Muscat", "المنامه": "Asia/Bahrain",
    "البحرين": "Asia/Bahrain", "الرباط": "Africa/Casablanca", "المغرب": "Africa/Casablanca",
    "تونس": "Africa/Tunis", "الجزائر": "Africa/Algiers", "طرابلس": "Africa/Tripoli",
    "ليبيا": "Africa/Tripoli", "الخرطوم": "Africa/Khartoum", "السودان": "Africa/Khartoum",
    "صنعاء": "Asia/Aden", "اليمن": "Asia/Aden", "عدن": "Asia/Aden", "نواكشوط": "Africa/Nouakchott",
    "موريتانيا": "Africa/Nouakchott", "سلطنه عمان": "Asia/Muscat", "جده": "Asia/Riyadh",
    "جيبوتي": "Africa/Djibouti", "مقديشو": "Africa/Mogadishu", "الصومال": "Africa/Mogadishu",
    "موروني": "Indian/Comoro", "جزر القمر": "Indian/Comoro",
    # where the diaspora press and the agencies print from
    "لندن": "Europe/London", "باريس": "Europe/Paris", "برلين": "Europe/Berlin",
    "اسطنبول": "Europe/Istanbul", "انقره": "Europe/Istanbul", "طهران": "Asia/Tehran",
    "موسكو": "Europe/Moscow", "واشنطن": "America/New_York", "نيويورك": "America/New_York",
}
_ZONE_RE = "|".join(sorted((re.escape(z).replace(r"\ ", r"\s+") for z in ZONE_NAMES),
                           key=len, reverse=True))

# --- patterns -----------------------------------------------------------------------
# No two quantifiers that both take spaces stand side by side (``\s*,?\s*``): a long run of
# spaces could be split between them in quadratically many ways. Each optional part starts
# with a mark of its own.

_SEP = r"[\s,./-]*"
_TEXT_DMY = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})[\s,/-]*(?:من\s+)?(?:شهر\s+)?(?P<mon>{_MONTH_RE})(?![^\W\d_])"
    rf"(?:\s*[/(-]\s*(?:{_MONTH_RE})\s*\)?)?{_SEP}(?:عام\s+|سنه\s+)?(?P<y>\d{{4}})(?!\d)"
)
_TEXT_MDY = re.compile(
    rf"(?<![^\W\d_])(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:,\s*)?(?P<y>\d{{4}})(?!\d)"
)
_NUM_DMY = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})\s*(?P<s>[/.-])\s*(?P<b>\d{1,2})\s*(?P=s)\s*(?P<y>\d{4})(?!\d)")
_NUM_YMD = re.compile(r"(?<![\d/.-])(?P<y>\d{4})\s*(?P<s>[/.-])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<d>\d{1,2})(?![\d/])")
_HIJRI_TEXT = re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<mon>{_HIJRI_MONTH_RE})\s+(?P<y>\d{{4}})")
#: Folded Hijri month names (as :data:`_HIJRI_MONTH_RE` matches them) → month number.
_HIJRI_MONTHS = {"محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4,
                 "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6, "جمادي الاخر": 6,
                 "جمادي الثانيه": 6, "جمادي الثاني": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
                 "ذو القعده": 11, "ذو الحجه": 12}
_HIJRI_MARK = re.compile(r"^\s*(?:هـ|ه)(?![^\W\d_])")
_TIME = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2})(?:\s*:\s*|h)(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?![\d])"
    r"(?:\s*(?P<ampm>بعد\s+منتصف\s+الليل|منتصف\s+الليل|بعد\s+الظهر|صباحا|صباح|فجرا|الفجر|مساء|ظهرا|"
    r"عصرا|ليلا|ص|م|a\.?m\.?|p\.?m\.?)(?![^\W\d_]))?"
)
# Each optional part is a mark followed by its own spaces, so a long run of spaces is taken by
# the first ``\s*`` alone (two adjacent ``\s*`` could split it in quadratically many ways).
# A place name is a zone only in brackets or after بتوقيت, and on the time's own line: a
# dateline after the time («18:20 واشنطن - …», or on the next line) is where the story is from.
_ZONE_AFTER_TIME = re.compile(
    r"[^\S\n]*(?:[(\[]\s*)?(?:(?:بتوقيت|توقيت)\s*)?(?P<gmt>gmt|utc|غرينتش|جرينتش|غرينيتش)\s*(?P<off>[+-]\s*\d{1,2}(?::?\d{2})?)?"
    rf"|[^\S\n]*(?:[(\[]\s*(?:(?:بتوقيت|توقيت)\s*)?|(?:بتوقيت|توقيت)\s*)(?P<zone>{_ZONE_RE})(?![^\W\d_])"
    r"|[^\S\n]*(?P<iso>[+-]\d{2}:?\d{2})(?!\d)"
)
_ZONE_BEFORE_TIME = re.compile(r"(?:gmt|utc)\s*$")
_ZONE_ANYWHERE = re.compile(rf"بتوقيت\s+(?P<zone>{_ZONE_RE})(?![^\W\d_])")
_RELATIVE = re.compile(r"منذ\s+\S+|امس|اليوم|قبل\s+\d+\s+(?:دقيقه|دقايق|ساعه|ساعات|يوم|ايام)")


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text.

    ``start``/``end`` index the ORIGINAL text (end exclusive) and cover the date and,
    when used, its clock time and zone. ``value`` is aware; ``has_time`` says whether a
    clock time was printed (else ``value`` is midnight in the zone); ``problem`` says what
    was printed but could not be used (an offset out of range), else ``None``.
    """

    start: int
    end: int
    value: datetime
    has_time: bool
    problem: str | None = None


def _year_ok(year: int) -> bool:
    return 1900 <= year <= 2100


def _candidates(norm: str) -> list[tuple[int, int, int, int, int]]:
    """(start, end, year, month, day) of every Gregorian date in ``norm``, in text order."""
    found: list[tuple[int, int, int, int, int]] = []
    for m in _TEXT_DMY.finditer(norm):
        month = _MONTH_NAMES[re.sub(r"\s+", " ", m["mon"])]
        found.append((m.start(), m.end(), int(m["y"]), month, int(m["d"])))
    for m in _TEXT_MDY.finditer(norm):
        month = _MONTH_NAMES[re.sub(r"\s+", " ", m["mon"])]
        found.append((m.start(), m.end(), int(m["y"]), month, int(m["d"])))
    for m in _NUM_DMY.finditer(norm):
        a, b = int(m["a"]), int(m["b"])
        day, month = (b, a) if (b > 12 >= a) else (a, b)
        found.append((m.start(), m.end(), int(m["y"]), month, day))
    for m in _NUM_YMD.finditer(norm):
        found.append((m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"])))
    found.sort()
    kept: list[tuple[int, int, int, int, int]] = []
    for cand in found:
        start, end, year = cand[0], cand[1], cand[2]
        if not _year_ok(year) or _HIJRI_MARK.match(norm, end):
            continue
        if kept and start < kept[-1][1]:
            continue
        kept.append(cand)
    if not kept:  # a page printing only the Hijri date (Umm al-Qura calendar)
        for m in _HIJRI_TEXT.finditer(norm):
            day = gregorian_day(int(m["y"]), _HIJRI_MONTHS[re.sub(r"\s+", " ", m["mon"])], int(m["d"]))
            if day is not None:
                mark = _HIJRI_MARK.match(norm, m.end())
                kept.append((m.start(), mark.end() if mark else m.end(), day.year, day.month, day.day))
    return kept


#: Folded words after a 12-hour clock time → the part of the day they name: ``am`` (ص،
#: صباحاً، فجراً), ``pm`` (م، مساءً، ظهراً، عصراً، بعد الظهر), ``night`` (ليلاً: 12 is midnight,
#: 1–5 are small hours, 6–11 evening: «الواحدة ليلاً» is 01:00, «11:40 ليلاً» 23:40) and
#: ``after midnight`` (بعد منتصف الليل: 12:40 is 00:40).
_DAY_PARTS = {"ص": "am", "صباحا": "am", "صباح": "am", "فجرا": "am", "الفجر": "am", "a": "am",
              "م": "pm", "مساء": "pm", "ظهرا": "pm", "عصرا": "pm", "بعد الظهر": "pm", "p": "pm",
              "ليلا": "night", "بعد منتصف الليل": "after midnight", "منتصف الليل": "after midnight"}
#: The first hour of the evening that ``ليلاً`` names (before it, the small hours).
NIGHT_EVENING_FROM = 6


def _hour24(hour: int, marker: str | None) -> int:
    """``hour`` of a 12-hour clock with its day-part word (:data:`_DAY_PARTS`) on the 24-hour
    clock; as printed without a word, or with an hour past 12 (already 24-hour)."""
    if not marker or hour > 12:
        return hour
    key = " ".join(marker.split())
    part = _DAY_PARTS.get(key) or _DAY_PARTS.get(key[0], "am")
    if part == "pm" or (part == "night" and NIGHT_EVENING_FROM <= hour < 12):
        return hour + 12 if hour < 12 else hour
    return 0 if hour == 12 else hour


#: UTC offsets in use run from −12:00 to +14:00 (IANA tz database); a printed offset
#: outside ±14:00 is a typo, reported and replaced by the site's zone.
MAX_OFFSET = timedelta(hours=14)


def _offset_zone(text: str) -> tzinfo | None:
    """The fixed zone of a printed offset (``+3``, ``+03:00``, ``-0430``); ``None`` when it is
    out of range."""
    sign = -1 if text.strip().startswith("-") else 1
    digits = re.sub(r"\D", "", text)
    hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    offset = timedelta(hours=hours, minutes=minutes)
    if offset > MAX_OFFSET or minutes > 59:
        return None
    return timezone(sign * offset)


def _zone_at(norm: str, pos: int) -> tuple[tzinfo | None, int] | None:
    """The zone printed right at ``pos`` (after a clock time) and where it ends."""
    m = _ZONE_AFTER_TIME.match(norm, pos)
    if not m:
        return None
    if m["zone"]:
        return ZoneInfo(ZONE_NAMES[re.sub(r"\s+", " ", m["zone"])]), m.end()
    if m["gmt"]:
        return (_offset_zone(m["off"]) if m["off"] else timezone.utc), m.end()
    return _offset_zone(m["iso"]), m.end()


#: A date's clock time and zone are printed within this many characters of it. Looking no
#: further keeps a line of thousands of dates linear.
CONTEXT_CHARS = 80


def _line_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    """The part of the date's line where its time and zone may stand."""
    lo = max(norm.rfind("\n", max(0, start - CONTEXT_CHARS), start) + 1, start - CONTEXT_CHARS)
    hi = norm.find("\n", end, end + CONTEXT_CHARS)
    return lo, (min(len(norm), end + CONTEXT_CHARS) if hi < 0 else hi)


def _pick_time(norm: str, lo: int, hi: int, start: int, end: int):
    """The valid clock time on the date's line, outside the date itself, nearest to it (the
    first one after it on a tie): a line printing two dates, each with its time
    (``نشر: DATE 09:12 | آخر تحديث: DATE 11:40``), gives each date its own. A time in GMT
    yields to a local one printed with it (``02:15 م (توقيت الدوحة) / 11:15 GMT - DATE``: the
    labelling rule of ``shared/corpus/SOURCES.md``, the first, local time)."""
    best = local = None
    best_in_gmt = False
    for m in _TIME.finditer(norm, lo, hi):
        if start <= m.start() < end:
            continue
        hour, minute = int(m["h"]), int(m["mi"])
        hour = _hour24(hour, m["ampm"])
        if hour > 23 or minute > 59:
            continue
        gap = m.start() - end if m.start() >= end else start - m.end()
        found = (gap, (m, hour, minute, int(m["s"] or 0)))
        zone = _ZONE_AFTER_TIME.match(norm, m.end())
        in_gmt = zone is not None and bool(zone["gmt"])
        if best is None or gap < best[0] or (gap == best[0] and m.start() >= end):
            best, best_in_gmt = found, in_gmt
        if not in_gmt and (local is None or gap < local[0]):
            local = found
    if best_in_gmt and local is not None:
        return local[1]
    return best[1] if best else None


def find_dates(text: str, tz: tzinfo) -> list[DateMatch]:
    """Every valid Gregorian date in ``text``, in order, each with its clock time and zone.

    The time and zone are looked for on the same line as the date, within
    :data:`CONTEXT_CHARS` of it (first time not inside the date; zone right after that
    time, or ``GMT`` right before it, else a ``بتوقيت …`` nearby). Naive times are read in ``tz``. Impossible calendar dates are skipped.
    """
    norm, index = normalize_for_match(text)
    results: list[DateMatch] = []
    for start, end, year, month, day in _candidates(norm):
        lo, hi = _line_bounds(norm, start, end)
        span_start, span_end = start, end
        zone: tzinfo = tz
        problem = None
        hour = minute = second = 0
        picked = _pick_time(norm, lo, hi, start, end)
        if picked:
            m, hour, minute, second = picked
            span_start, span_end = min(start, m.start()), max(end, m.end())
            zone_hit = _zone_at(norm, m.end())
            if not zone_hit and m.end() <= start:  # ``14:05 الأحد 07 ديسمبر 2025 (GMT+4)``: the zone ends the date
                zone_hit = _zone_at(norm, end)
            if zone_hit:
                span_end = max(span_end, zone_hit[1])
                if zone_hit[0] is None:
                    problem = f"time zone offset out of range in {text[index[m.start()]:index[span_end - 1] + 1]!r}; read in the site's zone"
                else:
                    zone = zone_hit[0]
            elif _ZONE_BEFORE_TIME.search(norm, max(lo, m.start() - 8), m.start()):
                zone = timezone.utc
        if zone is tz:
            anywhere = _ZONE_ANYWHERE.search(norm, lo, hi)
            if anywhere:
                zone = ZoneInfo(ZONE_NAMES[re.sub(r"\s+", " ", anywhere["zone"])])
        try:
            value = datetime(year, month, day, hour, minute, second, tzinfo=zone)
        except ValueError:
            continue
        results.append(DateMatch(index[span_start], index[span_end - 1] + 1, value, picked is not None, problem))
    return results


def match_date(text: str, tz: tzinfo) -> DateMatch | None:
    """The first date in ``text`` (see :func:`find_dates`), or ``None``."""
    dates = find_dates(text, tz)
    return dates[0] if dates else None


def parse_date(text: str, tz: tzinfo) -> datetime | None:
    """The first publication date written in ``text`` as an aware datetime, else ``None``.

    ``tz`` is the zone naive times are read in (the site's). A zone named in the text
    (``بتوقيت القدس``, ``(مكة المكرمة)``, ``GMT``, ``+03:00``) wins. Hijri dates beside a
    Gregorian one are skipped; relative times and impossible dates give ``None``.
    """
    found = match_date(text, tz)
    return found.value if found else None


#: A printed web address (RFC 3986 scheme ``http``/``https``), up to the next space.
_URL = re.compile(r"https?://[^\s/]+(?P<path>/\S*)", re.IGNORECASE)
#: A date as news CMSs put it in a permalink's path: ``/2026/11/29/`` or ``/2026-11-29-…``.
_URL_YMD = re.compile(r"/(?P<y>\d{4})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?=[/_.?#-]|$)")


def url_date(text: str, tz: tzinfo) -> DateMatch | None:
    """The date in the path of the first web address printed in ``text`` that carries one
    (``https://site/news/2026/11/29/slug`` → 2026-11-29 midnight in ``tz``, no time), else
    ``None``. ``start``/``end`` cover the address. Impossible dates and years outside
    1900–2100 are skipped. A fallback for pages that print their date only in a short link.
    """
    for url in _URL.finditer(text):
        found = _URL_YMD.search(url["path"])
        if found is None or not _year_ok(int(found["y"])):
            continue
        try:
            value = datetime(int(found["y"]), int(found["m"]), int(found["d"]), tzinfo=tz)
        except ValueError:
            continue
        return DateMatch(url.start(), url.end(), value, False)
    return None


_WEEKDAY_ALONE = re.compile(rf"\s*(?:{_WEEKDAY_RE})\s*[،,]?\s*")


def is_weekday(text: str) -> bool:
    """True when ``text`` is a weekday's name alone, Arabic or English (``الجمعة``, ``الجمعة،``,
    ``Friday``), as printed before a date."""
    return _WEEKDAY_ALONE.fullmatch(fold_for_match(text)) is not None


def is_relative_time(text: str) -> bool:
    """True when ``text`` holds a relative time such as ``منذ ساعتين`` or ``أمس``."""
    return bool(_RELATIVE.search(normalize_for_match(text)[0]))


#: «how long ago», printed beside the date on a meta line (``منذ ساعتين``, ``منذ 3 ساعات``).
_AGO = re.compile(r"منذ\s+(?:\d+\s+)?\S+|قبل\s+\d+\s+(?:دقيقه|دقايق|ساعه|ساعات|يوم|ايام)")


def ago_spans(text: str) -> list[tuple[int, int]]:
    """Spans (original indices) of «how long ago» phrases such as ``منذ ساعتين``."""
    norm, index = normalize_for_match(text)
    return [(index[m.start()], index[m.end() - 1] + 1) for m in _AGO.finditer(norm)]


def hijri_spans(text: str) -> list[tuple[int, int]]:
    """Spans (original indices) of textual Hijri dates such as ``21 ربيع الأول 1433``."""
    norm, index = normalize_for_match(text)
    return [(index[m.start()], index[m.end() - 1] + 1) for m in _HIJRI_TEXT.finditer(norm)]
