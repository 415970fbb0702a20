"""The head of the article, between its headline and its text: the byline, credits and
dateline, the deck under the headline, masthead lines, an aggregator's ``نشر في SITE``
line, and the headline printed again; every head line gets a role.
"""

from __future__ import annotations

from sitegen.arabic import clean_inline
from sitegen.loaders import bylines, line_text
from sitegen.loaders.body_start import DECK_SENTENCE_MAX_WORDS
from sitegen.loaders.bodyrun import Run
from sitegen.loaders.findings import Found, Title, set_role
from sitegen.loaders.headline import KEY_CONTAINS_MAX, TITLE_WINDOW
from sitegen.loaders.lines import Line
from sitegen.loaders.masthead import read_masthead
from sitegen.loaders.places import is_place
from sitegen.loaders.title_shape import DECK_MIN_WORDS, LATIN_DECK_SHARE, LATIN_ORIGINAL_MIN_WORDS, continues, deck_like, title_like


def head_start(lines: list[Line], body: Run | None) -> int:
    """Where the head of a page without a headline starts: up to :data:`TITLE_WINDOW`
    non-blank lines above the body, stopping at a menu or link list."""
    start = body.start if body else len(lines)
    seen = 0
    for line in reversed(lines[:start]):
        if line.blank:
            continue
        if line.link_run or seen == TITLE_WINDOW:
            break
        seen += 1
        start = line.index
    return start


def read_head(lines: list[Line], lo: int, hi: int, found: Found, title: Title | None) -> None:
    """Roles of the head lines ``lo``..``hi`` (exclusive) between headline and body."""
    expect_name_for: str | None = None
    deck_checked = title is None or title.index is None
    title_key = line_text.norm_key(title.text) if title else None
    for line in lines[lo:hi]:
        if line.blank:
            continue
        if line.key == title_key and not line.role:
            set_role(line, "repeated_title", "headline printed again")
            continue
        if line.role:
            deck_checked = deck_checked or line.role != "title"  # the headline's second line: the deck may follow
            continue
        taken, expect_name_for = read_masthead(line, expect_name_for, found)
        if taken:
            continue
        aggregated = bylines.parse_aggregator(line.text)
        if aggregated:
            before, site = aggregated
            found.site(2, site)
            if before and bylines.looks_like_name(before):
                found.byline = found.byline or clean_inline(before)
            set_role(line, "chrome", "aggregator line: نشر في SITE يوم DATE")
            continue
        if line.date is not None:
            found.site(3, line.date.site)
            set_role(line, "chrome", "date line (not the article's)")
            continue
        if line.byline:
            found.byline = found.byline or clean_inline(line.byline)
            set_role(line, "byline", "byline")
            deck_checked = True
            continue
        if line.credit and line.vocabulary == "caption":
            # ``Photo d'archives / SITE``: the picture's, no writer; its other part is what the
            # picture shows («محكمة استئناف طنطا - أرشيفية»), a tag as it may be, never the site
            credit = bylines.Credit(place=None, source=line.credit.source, person=None)
        else:
            credit = _credit_by_page(line.credit, lines, line) if line.credit else None
        if credit:
            found.site(5, credit.source)
            found.byline = found.byline or (clean_inline(credit.person) if credit.person else None)
            if credit.place and not found.dateline:
                found.dateline = clean_inline(credit.place)
            set_role(line, "byline" if credit.person else "chrome", "credit/dateline line")
            deck_checked = True
            continue
        if (filed := bylines.parse_place_credit(line.text)) is not None:
            found.site(5, filed.source)
            found.byline = found.byline or (clean_inline(filed.person) if filed.person else None)
            found.dateline = found.dateline or clean_inline(filed.place)
            set_role(line, "byline" if filed.person else "chrome", "PLACE: CREDIT under the headline")
            deck_checked = True
            continue
        if (named := bylines.name_with_job_title(line.text)) is not None:
            found.byline = found.byline or named
            set_role(line, "byline", "writer's name and job title")
            continue
        filed_by = None if found.byline else bylines.parse_place_byline(line.text)
        if (filed_by is not None and (line_text.words(filed_by.place) == 1 or is_place(filed_by.place))
                and _below(lines, line, hi, lambda l: l.date is not None)):
            _read_place_byline(line, filed_by, found)  # «ود مدني: عوض الله بشير» over the date: no deck
            deck_checked = True
            continue
        if (not deck_checked and line.latin_share >= LATIN_DECK_SHARE and title is not None and title.index is not None
                and lines[title.index].latin_share < LATIN_DECK_SHARE and title_like(line)
                and line.words >= LATIN_ORIGINAL_MIN_WORDS):
            # an Arabic headline over the translated article's original one (``Olive Growers …``):
            # the source's headline, no deck; the deck may follow it
            set_role(line, "chrome", "original headline in Latin script under the headline")
            continue
        if not deck_checked:
            deck_checked = True
            headline_in_list = title is not None and title.index is not None and lines[title.index].link_run
            if (deck_like(line, ending_comma_ok=True, in_list_ok=headline_in_list)
                    or _sentence_deck_over_date(lines, line, hi)):
                deck = [line]
                while (deck[-1].index + 1 < hi
                       and deck_like(lines[deck[-1].index + 1], ending_comma_ok=True, in_list_ok=headline_in_list)
                       and continues(deck[-1], lines[deck[-1].index + 1])):
                    deck.append(lines[deck[-1].index + 1])
                found.subtitle = " ".join(d.text for d in deck)
                for part in deck:
                    set_role(part, "subtitle", "deck under the headline" + (" (continued)" if part is not line else ""))
                continue
        if line.teaser:
            set_role(line, "teaser", "meta description: deck glued to body start")
            continue
        if line.vocabulary:
            set_role(line, "chrome", line.vocabulary)
        elif line.name_like and title_key and line.key in title_key:
            set_role(line, "chrome", "the headline's subject named alone (a caption)")
        elif line.name_like and not found.byline and not line.link_run:
            found.byline = line.text
            set_role(line, "byline", "name alone near the headline")
        elif filed_by is not None:
            _read_place_byline(line, filed_by, found)
        else:
            set_role(line, "chrome", "head line (caption, section, widget)")


def _read_place_byline(line: Line, filed: bylines.Credit, found: Found) -> None:
    """``PLACE: NAME`` under the headline (:func:`~sitegen.loaders.bylines.parse_place_byline`):
    the writer and the dateline."""
    found.byline = clean_inline(filed.person)
    found.dateline = found.dateline or clean_inline(filed.place)
    set_role(line, "byline", "PLACE: NAME under the headline")


def _below(lines: list[Line], line: Line, hi: int, test) -> bool:
    """Whether the next printed line under ``line``, before line ``hi``, passes ``test``."""
    below = next((l for l in lines[line.index + 1:hi] if not l.blank), None)
    return below is not None and test(below)


def _sentence_deck_over_date(lines: list[Line], line: Line, hi: int) -> bool:
    """True for a deck written as sentences (``الثنائي البحريني تفوق … في النهائي. الإماراتيتان …
    تحصدان لقب السيدات.``) right under the headline and right over the article's date line, the
    text further down: a date line between an article's first two paragraphs is not how news
    pages are printed (as :func:`~sitegen.loaders.body_start.without_deck_above_meta`, for a
    deck the body run took)."""
    if not (line.final_punct and DECK_MIN_WORDS <= line.words <= DECK_SENTENCE_MAX_WORDS
            and line.vocabulary is None and line.date is None and not line.link_run and line.page_repeats == 1):
        return False
    return _below(lines, line, hi, lambda l: l.role == "date")


def _credit_by_page(credit: bylines.Credit, lines: list[Line], at: Line) -> bylines.Credit:
    """A ``NAME - SITE`` credit read the other way round when the page says so: the part
    printed elsewhere in the page (a © line, a title bar, a menu) is the site; so is a part
    the page prints as a line of its own (its logo) when the other part is not (``زنقة بريس -
    الدار البيضاء``: SITE - CITY; ``بوابة النيل - سارة عبد المنعم``: SITE - REPORTER)."""
    def printed_elsewhere(part: str) -> bool:
        key = line_text.norm_key(part)
        return any(key in other.key for other in lines if other is not at and other.key
                   and len(other.key) <= KEY_CONTAINS_MAX)

    def printed_alone(part: str) -> bool:
        key = line_text.norm_key(part)
        return any(other.key == key for other in lines if other is not at)

    if credit.place and credit.person and not credit.source:
        if printed_alone(credit.place) and not printed_alone(credit.person):
            return bylines.Credit(place=None, source=credit.place, person=credit.person)
        return credit
    if not credit.person or not credit.source:
        return credit
    if printed_alone(credit.person) and not printed_alone(credit.source):
        other = credit.source  # a reporter's name, printed nowhere else; or a place
        if bylines.looks_like_name(other) and not printed_elsewhere(other):
            return bylines.Credit(place=credit.place, source=credit.person, person=other)
        return bylines.Credit(place=credit.place or other, source=credit.person, person=None)
    if printed_elsewhere(credit.person) and not printed_elsewhere(credit.source):
        return bylines.Credit(place=credit.place, source=credit.person, person=credit.source)
    return credit


def read_aggregator(line: Line, found: Found, has_title: bool) -> None:
    """What an aggregator date line ``BEFORE نشر في SITE يوم DATE`` carries besides the date:
    a byline or the deck glued in front of it."""
    aggregated = bylines.parse_aggregator(line.text)
    if not aggregated:
        return
    before, _ = aggregated
    if before and bylines.looks_like_name(before):
        found.byline = found.byline or clean_inline(before)
    elif before and has_title and found.subtitle is None:
        found.subtitle = clean_inline(before)
