"""Raw text dumps of Arabic news pages → :class:`Extraction`: body first, then outwards.

A dump is what a reader gets by selecting a whole page and copying it, or a scraper's text:
menus, tickers, the headline (often twice), date lines, bylines, captions, the article,
then share widgets, tags, related and most-read lists, comments and the footer. The
reader does not follow a list of known layouts. It

1. describes every line by features (:mod:`sitegen.loaders.lines`) and scores it as prose
   or boilerplate (:mod:`sitegen.loaders.bodyrun`), the lines the site repeats across its
   dumps counting as chrome (:mod:`sitegen.loaders.site_repeats`);
2. takes the candidate runs of prose, and for each the best headline above it — a
   title-like line near the run that shares words with its first paragraphs, printed
   twice or in the ``SITE | TITLE`` bar — and keeps the best pair
   (:mod:`sitegen.loaders.headline`, :mod:`sitegen.loaders.title_shape`,
   :mod:`sitegen.loaders.above_headline`);
3. sets the body's edges: where its text starts (:mod:`sitegen.loaders.body_start`), the
   cards of other stories in and under it (:mod:`sitegen.loaders.cards`), where it ends
   (:mod:`sitegen.loaders.body_end`);
4. reads the head between headline and body (date, byline, credits, deck:
   :mod:`sitegen.loaders.article_head`) and the date nearest the headline (never a
   page-header clock far above it, never a card's date after the body:
   :mod:`sitegen.loaders.article_date`);
5. splits the body run into paragraphs, subheadings and list items, dropping the chrome
   inside it (captions, inline "read also" cards, repeated lines:
   :mod:`sitegen.loaders.body_lines`, :mod:`sitegen.loaders.paragraphs`);
6. names the site from what the chrome says (title bar, © line, date line, credit:
   :mod:`sitegen.loaders.site_name`).

What the steps find goes into a :class:`~sitegen.loaders.findings.Found`. Every input line
gets a role and the features that decided it (``extract --explain``). The labelling rules
are those of ``shared/corpus/SOURCES.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone, tzinfo

from sitegen.arabic import clean_inline
from sitegen.loaders import bylines, chrome, line_text
from sitegen.loaders.above_headline import kicker_above
from sitegen.loaders.article_date import (date_in_printed_url, date_opening_the_text, pick_date, update_time,
                                          with_clock_below)
from sitegen.loaders.article_head import head_start, read_aggregator, read_head
from sitegen.loaders.body_end import (before_section_box, before_self_description, with_announced_table, with_closing_box,
                                     with_continuations, with_text_above, without_author_box, without_closing_credit)
from sitegen.loaders.body_lines import read_body_lines
from sitegen.loaders.body_start import (with_first_entry_heading, without_card_above, without_deck_above_meta,
                                        without_headline_on_top)
from sitegen.loaders.bodyrun import candidate_runs, score_lines
from sitegen.loaders.cards import before_dated_cards, before_unlabelled_cards
from sitegen.loaders.findings import Found, Title, set_role
from sitegen.loaders.dates import DateMatch, find_dates, is_weekday
from sitegen.loaders.fields import start_of_day
from sitegen.loaders.header import byline_on_date_line, find_title_bar
from sitegen.loaders.headline import TITLE_MIN_SCORE, bar_over_its_headline, choose, two_line_headline
from sitegen.loaders.lines import cut_lines, split_lines
from sitegen.loaders.masthead import read_outer_masthead
from sitegen.loaders.paragraphs import assemble
from sitegen.loaders.site_name import TEMPERATURE, arabic_logo_beside, read_chrome_sites, read_kind_masthead, read_logo_repeated, site_name
from sitegen.loaders.spacing import single_spaced
from sitegen.loaders.site_repeats import chrome_ate_the_body, own_recurring_headings, runs_without_site_chrome
from sitegen.loaders.story import listing, run_figures, run_words
from sitegen.model import Block, MastheadEntry

__all__ = ["LineRole", "Extraction", "extract", "ROLES"]

#: Every role a line can get in :attr:`Extraction.lines`.
ROLES = ("title", "subtitle", "kicker", "date", "site_name", "masthead", "byline", "heading",
         "paragraph", "list_item", "chrome", "blank", "teaser", "repeated_title")
#: Roles of lines that may stand above the body of a dump with no headline (an agency text).
_HEAD_ROLES = ("byline", "date", "masthead", "site_name", "subtitle", "kicker", "teaser")


@dataclass(frozen=True)
class LineRole:
    """What one input line is: ``lineno`` 1-based, ``role`` one of :data:`ROLES`,
    ``text`` the line as it was (no line ending), ``note`` the reason and features."""

    lineno: int
    role: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything read from one dump.

    ``title`` is ``None`` for body-only texts (the first paragraph is never promoted);
    ``subtitle`` is the deck under the headline, else a kicker above it; ``date`` is aware
    (the printed wall-clock time in the zone the text names, else the given one);
    ``masthead`` holds (role, name) pairs; ``byline``/``dateline`` are the reporter and the
    dateline place; ``blocks`` the body in order; ``lines`` the role of EVERY input line;
    ``confident`` is False when no clear headline or body was found (the caller warns);
    ``problems`` are ``(lineno, message)`` of what was printed but not usable (a date's
    out-of-range offset), for warnings. ``updated`` is the "last updated" time printed with
    the date (aware, later than ``date``), else ``None``. ``date_only`` is true when the page
    printed the date as a day without a time of day (``21 تشرين الثاني 2024``): ``date`` is then
    the day's first instant in the given zone (:func:`~sitegen.loaders.fields.start_of_day`),
    as for a front matter ``date: 2024-11-21`` (:attr:`sitegen.model.Article.date_only`);
    ``updated_only`` is the same for ``updated``.
    """

    title: str | None
    subtitle: str | None
    date: datetime | None
    site_name: str | None
    masthead: tuple[MastheadEntry, ...]
    byline: str | None
    dateline: str | None
    blocks: tuple[Block, ...]
    lines: tuple[LineRole, ...]
    confident: bool = True
    problems: tuple[tuple[int, str], ...] = ()
    updated: datetime | None = None
    date_only: bool = False
    updated_only: bool = False


def extract(text: str, tz: tzinfo, site_chrome: frozenset[str] = frozenset()) -> Extraction:
    """Read one decoded dump. ``tz`` is the zone for naive times (the site's timezone);
    ``site_chrome`` the line keys this site repeats across its dumps
    (:func:`sitegen.loaders.sitechrome.learn_site_chrome`), empty for a dump read alone.
    A copy with a blank line after every line is read without them
    (:func:`~sitegen.loaders.spacing.single_spaced`); line numbers stay the copy's own.

    Never raises on odd input; linear in ``len(text)``; every line of ``text`` appears in
    :attr:`Extraction.lines`, chrome included.
    """
    spaced = single_spaced(text)
    if spaced is None:
        return _extract(text, tz, site_chrome)
    tight, kept = spaced
    found = _extract(tight, tz, site_chrome)
    roles = {kept[role.lineno - 1]: replace(role, lineno=kept[role.lineno - 1] + 1) for role in found.lines}
    given = cut_lines(text)
    lines = tuple(roles.get(i) or LineRole(i + 1, "blank", given[i], "one blank line of a double-spaced copy")
                  for i in range(len(given)))
    return replace(found, lines=lines, problems=tuple((kept[n - 1] + 1, message) for n, message in found.problems))


def _extract(text: str, tz: tzinfo, site_chrome: frozenset[str]) -> Extraction:
    lines = split_lines(text, tz, site_chrome)
    score_lines(lines)
    if site_chrome:
        repeated, plain = runs_without_site_chrome(lines)
        if chrome_ate_the_body(lines, plain):
            return _extract(text, tz, frozenset())
        own_recurring_headings(lines, repeated, plain)
    found = Found(masthead=[], sites=[])
    first = next((l for l in lines if not l.blank), None)
    bar = (find_title_bar([l.text for l in lines], [l.key for l in lines], first.index)
           if first and first.date is None else None)  # a "CITY HH:MM | DATE" clock is no title bar
    if bar and chrome.chrome_kind(bar.site) is not None:
        bar = None  # «Accueil | Français | العربية | Contact»: a bar of links, no site in it
    elif bar and _opens_with_date(bar.headline):
        bar = None  # «تونس | الجمعة 4 ديسمبر 2026 من نحن …»: the page header's city and day
    elif bar and TEMPERATURE.search(bar.site):
        # «بغداد ٤٦° | البصرة ٤٩° | …»: a weather strip's cities and temperatures, no site in it (a
        # headline may give temperatures: «المدى | موجة حر: 51° في البصرة», /tmp/attack49c/r4)
        bar = None
    runs = [before_section_box(lines, without_headline_on_top(lines, without_card_above(lines, run)))
            for run in candidate_runs(lines)]
    body, title = choose(lines, runs, bar.headline and line_text.norm_key(bar.headline) if bar else None)
    body = with_announced_table(lines, with_closing_box(lines, with_continuations(
        lines, before_unlabelled_cards(lines, before_dated_cards(lines, body)), runs))) if body else None
    if body and title:
        body = with_text_above(lines, body, runs, title.index)
        body = without_deck_above_meta(lines, body, title, found)
    bar_line = first
    if bar is None and title is not None and title.index is not None and title.index != first.index:
        bar = bar_over_its_headline(lines, title.index)
        bar_line = lines[title.index] if bar else first
    if bar:
        found.site(1 if bar_line is first else 2, bar.site)
        set_role(bar_line, "chrome", f"title bar of another headline ({bar.site})")
        if bar.head_index is not None and (title is None or title.index != bar.head_index) and \
                (body is None or bar.head_index < body.start):
            title = Title(bar.head_index, lines[bar.head_index].text, TITLE_MIN_SCORE)
        elif title is None:
            title = Title(None, bar.headline, TITLE_MIN_SCORE)
        elif title.index == bar_line.index:  # the bar itself scored as the headline: its headline side
            title = Title(bar_line.index, bar.headline, title.score)
    if title and title.index is not None:
        title, other_half = two_line_headline(lines, title, body.start if body else None)
        set_role(lines[title.index], "title", "headline")
        if other_half is not None:
            set_role(other_half, "title", "headline printed over two lines")
            if found.subtitle is not None and line_text.norm_key(found.subtitle) == other_half.key:
                found.subtitle = None  # read as the deck under its first half
    body = with_first_entry_heading(lines, body) if body else None
    if bar and title and line_text.norm_key(title.text) in bar_line.key:
        if title.index is not None and title.index != bar_line.index:
            set_role(lines[title.index], "repeated_title", "headline of the title bar printed again")
        set_role(bar_line, "title", f"title bar: site | headline ({bar.site})")
    kicker = (kicker_above(lines, title, bar.headline if bar else None,
                           run_words(lines, body) | run_figures(lines, body) if body else set())
              if title and title.index is not None else None)
    date_line = pick_date(lines, title.index if title else None, body)
    date_match = None
    updated = None
    if date_line is not None:
        found.site(3, date_line.date.site)
        found.byline = found.byline or byline_on_date_line(date_line.text, date_line.date.match)
        set_role(date_line, "date", "article date" + (" (last updated)" if date_line.date.is_update else ""))
        read_aggregator(date_line, found, has_title=title is not None)
        date_match = with_clock_below(lines, date_line, tz)
        updated = update_time(lines, date_line, date_match, tz, body)
    else:
        date_match = (date_in_printed_url(lines, title.index if title else None, body, tz)
                      or date_opening_the_text(lines, body, tz))
    head_lo = title.index + 1 if title and title.index is not None else head_start(lines, body)
    head_hi = body.start if body else len(lines)
    read_head(lines, min(head_lo, head_hi), head_hi, found, title)
    if found.subtitle is None and kicker is not None:
        found.subtitle = kicker.text
        set_role(kicker, "kicker", "kicker above the headline")
    read_logo_repeated(lines, body, found)
    read_kind_masthead(lines, found)
    read_chrome_sites(lines, found)
    read_outer_masthead(lines, body, found)
    blocks: list[Block] = []
    if body:
        body = without_author_box(lines, without_closing_credit(lines, body), found)
        own_site = site_name(lines, found.sites)
        body = before_self_description(lines, body, own_site)
        body_lines = read_body_lines(lines, body, title, line_text.norm_key(found.subtitle) if found.subtitle else None,
                                     found, own_site)
        interview = any(line.role == "byline" and bylines.names_interviewer(line.text) for line in lines[:body.start])
        built, roles = assemble(body_lines, interview)
        blocks = list(built)
        for index, (role, note) in roles.items():
            line = lines[index]
            set_role(line, role, "; ".join(n for n in (line.note, note) if n))
    site = arabic_logo_beside(lines, site_name(lines, found.sites))
    if site:
        site_key = line_text.norm_key(site)
        for line in lines:
            if line.key == site_key and line.role in ("", "chrome"):
                set_role(line, "site_name", "site name printed alone")
    for line in lines:
        if not line.role:
            if line.teaser:
                set_role(line, "teaser", "meta description: deck glued to body start")
            else:
                set_role(line, "blank" if line.blank else "chrome", "outside the article")
        if not line.blank:
            line.note = f"{line.note} [{line.explain()}]".strip()

    return Extraction(
        title=clean_inline(title.text) if title else None,
        subtitle=clean_inline(found.subtitle) if found.subtitle else None,
        date=_moment(date_match, tz),
        site_name=site,
        masthead=tuple(found.masthead),
        byline=found.byline,
        dateline=found.dateline,
        blocks=tuple(blocks),
        lines=tuple(LineRole(l.index + 1, l.role, l.orig, l.note) for l in lines),
        confident=body is not None and not listing(lines, body) and (
            title is not None or all(l.blank or l.role in _HEAD_ROLES for l in lines[:body.start])),
        problems=((date_line.index + 1, date_match.problem),)
        if date_line is not None and date_match.problem else (),
        updated=_moment(updated, tz),
        date_only=date_match is not None and not date_match.has_time,
        updated_only=updated is not None and not updated.has_time,
    )


def _moment(found: DateMatch | None, tz: tzinfo) -> datetime | None:
    """The instant of a printed date: its time as printed, or for a day printed without a time
    of day the day's first instant in ``tz`` (no invented midnight in another zone)."""
    if found is None:
        return None
    return found.value if found.has_time else start_of_day(found.value.date(), tz)


def _opens_with_date(text: str) -> bool:
    """True when ``text`` opens with a date (``الجمعة 4 ديسمبر 2026 …``): the page header's day
    beside a city, never a headline beside its site."""
    dates = find_dates(text, timezone.utc)  # the span only: any zone reads it
    return bool(dates) and (not text[:dates[0].start].strip() or is_weekday(text[:dates[0].start]))
