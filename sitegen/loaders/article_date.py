"""The article's date: which date line is the article's (in the head, else just above the
headline, else just below the body; never a page-header clock far above or a card's date),
a time printed on the line under it, a date in a printed web address when no line has one,
and the "last updated" time printed with it.
"""

from __future__ import annotations

import re
from datetime import tzinfo

from sitegen.loaders import line_text
from sitegen.loaders.bodyrun import Run
from sitegen.loaders.dates import DateMatch, find_dates, match_date, url_date
from sitegen.loaders.findings import set_role
from sitegen.loaders.header import says_updated
from sitegen.loaders.lines import Line
from sitegen.loaders.neighbours import nonblank_above, nonblank_below, nonblank_between
from sitegen.loaders.title_shape import fact_box_row


#: A date line before the headline counts only this close to it (non-blank lines) and with
#: no menu or ticker between: a page-header clock is further up, above the menus. (Ten
#: lines leave room for a site name and a masthead of four lines between them.)
DATE_ABOVE_WINDOW = 10
#: A date line after the body counts only this close to its end.
DATE_BELOW_WINDOW = 3


def with_clock_below(lines: list[Line], date_line: Line, tz: tzinfo) -> DateMatch:
    """The article date, with its time when the date line prints none and the next line is
    a time alone, or a time and its zone (``… 12 نوفمبر 2025`` then ``11:40 م``, ``٠٩:١٥ ص
    بتوقيت مكة المكرمة``): the two lines are read together by the one date grammar. Over the
    headline, the date's next line is the one under the headline."""
    match = date_line.date.match
    below = next((l for l in lines[date_line.index + 1:date_line.index + 3] if not l.blank), None)
    if below is not None and below.role == "title":  # the date over the headline, its time under it
        below = next((l for l in lines[below.index + 1:below.index + 3] if not l.blank), None)
    if match.has_time or below is None or below.words > CLOCK_ZONE_LINE_MAX_WORDS or below.role:
        return match
    both = f"{date_line.text} {below.text}"
    joined = match_date(both, tz)
    if joined is None or not joined.has_time or joined.value.date() != match.value.date():
        return match
    if below.words > CLOCK_LINE_MAX_WORDS and both[joined.end:].strip():
        return match  # a longer line is a time only when the date's time and zone are all of it
    set_role(below, "date", "time of the article date")
    return joined


#: A line holding only a time (``11:40 م``, ``٨:١٥ مساءً``, ``الساعة 20:15``) has at most this many words;
#: with its zone (``٠٩:١٥ ص بتوقيت مكة المكرمة``) at most the second figure, and nothing else.
CLOCK_LINE_MAX_WORDS = 4
CLOCK_ZONE_LINE_MAX_WORDS = 7


def pick_date(lines: list[Line], title_at: int | None, body: Run | None) -> Line | None:
    """The article's date line: in the head between headline and body, else just above
    the headline (not above a link run or a breadcrumb between them: the page header's day),
    else just below the body; a "last updated" line only when alone."""
    anchor = title_at if title_at is not None else (body.start if body else 0)
    body_start = body.start if body else len(lines)
    head = [l for l in lines[anchor:body_start] if l.date is not None and not l.role]
    # a date in a box of «LABEL: VALUE» rows is an event's (a match's kick-off), not the article's
    head = [l for l in head if not fact_box_row(lines, l)] or head
    above = [l for l in nonblank_above(lines, anchor, DATE_ABOVE_WINDOW) if l.date is not None and not l.role
             and not any(m.link_run or m.vocabulary == "breadcrumb" for m in lines[l.index + 1:anchor])]
    below = []
    if body:
        below = [l for l in nonblank_below(lines, body.end, DATE_BELOW_WINDOW) if l.date is not None]
    for group in (head, list(reversed(above)), below):
        if group:
            published = [l for l in group if not l.date.is_update] or group
            timed = [l for l in published if l.date.match.has_time] or published
            chosen = timed[0]
            if group is not below and not chosen.date.match.has_time:
                # a date without a time above the headline may be the page header's date of the
                # day; the same day printed with its time under the body is the article's, and
                # so is a time-stamped one right over the headline when the head's date has no time
                others = below if group is not head else [*reversed(above), *below]
                same_day = [l for l in others if not l.date.is_update and l.date.match.has_time
                            and l.date.match.value.date() == chosen.date.match.value.date()]
                if same_day:
                    return same_day[0]
            return chosen
    return None


def date_in_printed_url(lines: list[Line], title_at: int | None, body: Run | None, tz: tzinfo) -> DateMatch | None:
    """When no date line was found: the date in the path of a web address the page prints
    from its headline down to just below the body (a short link ``الرابط المختصر: https://…/2026/11/29/…``)."""
    start = title_at if title_at is not None else (body.start if body else 0)
    for line in lines[start:]:
        if body and line.index > body.end and nonblank_between(lines, body.end, line.index) >= DATE_BELOW_WINDOW:
            break
        if line.blank or "://" not in line.text:
            continue
        found = url_date(line.text, tz)
        if found is not None:
            set_role(line, "date", "article date in the page's printed web address (no date line)")
            return found
    return None


#: A dateline's place before a date that opens the text: a few words, a comma or a dash between
#: them (``بيروت، ``, ``الدوحة، قطر – ``), no digit.
DATELINE_PLACE_MAX_WORDS = 4
_PLACE_BEFORE_DATE = re.compile(r"\s*[^\W\d_][^\d\n]{0,60}?[،,\-–—]?\s*")


def date_opening_the_text(lines: list[Line], body: Run | None, tz: tzinfo) -> DateMatch | None:
    """When no date line was found: the date of a dateline that opens the body's first line
    (a release's ``بيروت، 1 كانون الأول/ديسمبر 2026 – أعلنت …``): a place of at most
    :data:`DATELINE_PLACE_MAX_WORDS` words, then a date."""
    if body is None:
        return None
    first = next((line for line in lines[body.start:body.end + 1] if line.score > 0), None)
    if first is None:
        return None
    printed = find_dates(first.text[:DATELINE_SEARCH_CHARS], tz)
    if not printed:
        return None
    before = first.text[:printed[0].start]
    if not _PLACE_BEFORE_DATE.fullmatch(before) or line_text.words(before) > DATELINE_PLACE_MAX_WORDS:
        return None
    return printed[0]


#: How far into the first line a dateline's date is looked for (characters).
DATELINE_SEARCH_CHARS = 120


#: A "last updated" line counts this close to the article's date line (non-blank lines).
UPDATE_WINDOW = 2


def update_time(lines: list[Line], date_line: Line, published: DateMatch, tz: tzinfo,
                body: Run | None) -> DateMatch | None:
    """The "last updated" time printed with the article date: a later date on the date line
    after an update label (``نُشر: DATE | آخر تحديث: DATE``), else an update line right above or
    below it (``حُدّث في: DATE``), else one just below the ``body`` (``آخر تحديث: 3 كانون الأول
    2026 | 09:15`` closing the article), as printed (``has_time`` false for a day alone);
    ``None`` unless it is later than ``published``."""
    candidates: list[DateMatch] = []
    printed = find_dates(date_line.text, tz)
    for before, this in zip(printed, printed[1:]):
        if says_updated(date_line.text[before.end:this.start]):
            candidates.append(this)
    if not candidates:
        near = [l for l in lines[max(0, date_line.index - 2 * UPDATE_WINDOW):date_line.index + 2 * UPDATE_WINDOW + 1]
                if l is not date_line and not l.blank and l.date is not None and l.date.is_update
                and nonblank_between(lines, *sorted((l.index, date_line.index))) < UPDATE_WINDOW]
        candidates = [l.date.match for l in near]
    if not candidates and body is not None:
        candidates = [l.date.match for l in nonblank_below(lines, body.end, DATE_BELOW_WINDOW)
                      if l is not date_line and l.date is not None and l.date.is_update][:1]
    later = [found for found in candidates if found.value > published.value]
    return later[0] if later else None
