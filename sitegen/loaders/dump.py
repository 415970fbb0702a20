"""Raw text dumps of Arabic news pages → :class:`Extraction` (title, date, site, body blocks …).

A dump is what a browser's "save as text" or a scraper gives: the title bar, the site
name, menus, dates, the masthead, the headline (often twice), a deck, bylines, captions,
the article paragraphs, then share widgets, tags, comments and copyright lines. The
labelling rules followed here are in ``shared/corpus/SOURCES.md``; the recognisers are in
:mod:`~sitegen.loaders.chrome` (chrome lines), :mod:`~sitegen.loaders.header` (title bar,
date lines, teaser) and :mod:`~sitegen.loaders.paragraphs` (body blocks).

The page is read top-down in two zones:

* the **head**, up to the first prose line after the headline: title bar, headline,
  deck/kicker, date lines, masthead, bylines, datelines, captions — all non-body;
* the **body**: paragraphs, headings and list items, minus chrome lines (related-article
  blocks, captions, share widgets …); the page footer (tags, comments, copyright) ends it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sitegen.arabic import ODD_SPACES
from sitegen.loaders import chrome
from sitegen.arabic import clean_inline
from sitegen.loaders.chrome import norm_key, words
from sitegen.loaders.dates import match_date
from sitegen.loaders.header import TITLE_MAX_WORDS, DateLine, date_line, find_title_bar, is_teaser
from sitegen.loaders.page import (Findings, PageLine, copyright_site, is_duplicate, next_nonblank,
                                  pick_date, set_role, split_lines)
from sitegen.loaders.paragraphs import BodyLine, assemble
from sitegen.model import Block, MastheadEntry

__all__ = ["LineRole", "Extraction", "extract", "ROLES"]

#: Every role a line can get in :attr:`Extraction.lines`.
ROLES = ("title", "subtitle", "kicker", "date", "site_name", "masthead", "byline", "heading",
         "paragraph", "list_item", "chrome", "blank", "teaser", "repeated_title")

#: A line with at least this many words (or ending a sentence) is article prose.
PROSE_MIN_WORDS = 8
#: A kicker is markedly shorter than the headline below it (word ratio below this).
KICKER_RATIO = 0.6
#: Longer lines are never head chrome (dates, bylines, masthead, teaser …).
HEAD_LINE_MAX_WORDS = 40
#: A line this long followed directly by prose is a wrapped paragraph, not a deck.
WRAP_MIN_WORDS = 13
#: Longest deck (subtitle under the headline), in words.
DECK_MAX_WORDS = 20


@dataclass(frozen=True)
class LineRole:
    """What one input line is: ``lineno`` 1-based, ``role`` one of :data:`ROLES`,
    ``text`` the line as it was (no line ending), ``note`` a short reason."""

    lineno: int
    role: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything read from one dump.

    ``title`` is ``None`` for body-only texts (the first paragraph is never promoted);
    ``subtitle`` is the deck under the headline, else a kicker above it; ``date`` is
    aware (the printed wall-clock time in the zone the text names, else the given one);
    ``masthead`` holds (role, name) pairs; ``byline``/``dateline`` are the reporter and the
    dateline place; ``blocks`` the body in order; ``lines`` the role of EVERY input line.
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


def _title_like(line: PageLine) -> bool:
    count = words(line.text)
    if not 0 < count <= TITLE_MAX_WORDS or len(line.text) > 220:
        return False
    return line.text.endswith(("!", "؟", "?")) or not chrome.ends_with_punct(line.text)


def _prose(line: PageLine) -> bool:
    return words(line.text) >= PROSE_MIN_WORDS or (chrome.ends_sentence(line.text) and words(line.text) >= 2)


def _head_line(line: PageLine, state: Findings, lines: list[PageLine], in_head_zone: bool) -> bool:
    """Classify one head line that is neither blank nor the headline; False if unknown."""
    text = line.text
    if words(text) > HEAD_LINE_MAX_WORDS:
        return False
    if state.expect_masthead_name:
        role, state.expect_masthead_name = state.expect_masthead_name, None
        if words(text) <= 5 and not chrome.masthead_role(text) and not re.search(r"\d", text):
            state.masthead.append(MastheadEntry(role, text))
            set_role(line, "masthead", f"name for {role}")
            return True
    role_name = chrome.masthead_role(text)
    if role_name:
        role, name = role_name
        if name:
            state.masthead.append(MastheadEntry(role, name))
        else:
            state.expect_masthead_name = role
        set_role(line, "masthead", "masthead role")
        return True
    aggregated = chrome.parse_aggregator(text)
    if aggregated:
        before, site = aggregated
        state.site(2, site)
        found = match_date(text, state.tz)
        if found:
            state.dates.append((line.index, DateLine(found, False, None)))
        if before and chrome.looks_like_name(before):
            state.set_byline(before)
        elif before and state.title is not None and state.subtitle is None:
            state.subtitle = clean_inline(before)
        set_role(line, "date", "aggregator line: نشر في SITE يوم DATE")
        return True
    found = date_line(line.raw.strip(), state.tz)  # raw: a space run may set off the site name
    if found:
        state.dates.append((line.index, found))
        state.site(3, found.site)
        set_role(line, "date", "date line" + (" (last updated)" if found.is_update else ""))
        return True
    name = chrome.parse_byline(text)
    if name:
        state.set_byline(name)
        set_role(line, "byline", "byline")
        return True
    if norm_key(text).startswith(norm_key("المصدر")) and words(text) <= 6:
        source = text.split(":", 1)[1] if ":" in text else ""
        if source.strip():
            state.site(4, source)
        else:
            state.expect_credit = True
        set_role(line, "chrome", "source label")
        return True
    credit = chrome.parse_credit(text)
    if credit:
        state.site(5 if state.expect_credit else 6, credit.source)
        state.expect_credit = False
        state.set_byline(credit.person)
        if credit.place and not state.dateline:
            state.dateline = clean_inline(credit.place)
        set_role(line, "byline" if credit.person else "chrome", "credit/dateline line")
        return True
    kind = chrome.chrome_kind(text)
    if kind:
        if kind == "footer/meta line":
            copyright_site(text, state)
        set_role(line, "chrome", kind)
        return True
    if is_duplicate(line, lines):
        set_role(line, "chrome", "caption (printed twice)")
        return True
    if in_head_zone and is_teaser(line.key, [l.key for l in lines[line.index + 1:] if l.key]):
        set_role(line, "teaser", "meta description: deck glued to body start")
        return True
    return False


def _deck_like(line: PageLine) -> bool:
    return (_title_like(line) and words(line.text) <= DECK_MAX_WORDS and not chrome.looks_like_name(line.text)
            and not chrome.ends_sentence(line.text.rstrip("!؟?")))


def _wraps_into_next(line: PageLine, lines: list[PageLine]) -> bool:
    """True when a would-be deck is rather the first half of a hard-wrapped paragraph."""
    nxt = lines[line.index + 1] if line.index + 1 < len(lines) else None
    return (nxt is not None and not nxt.blank and words(line.text) >= WRAP_MIN_WORDS
            and chrome.ends_mid_sentence(line.text) and _prose(nxt))


def _scan_head(lines: list[PageLine], state: Findings) -> int:
    """Classify the head lines; returns the index of the first body line."""
    first = next_nonblank(lines, 0)
    if first is None:
        return len(lines)
    bar = find_title_bar([l.text for l in lines], [l.key for l in lines], first.index)
    head_end = -1
    if bar:
        state.site(1, bar.site)
        set_role(first, "title", f"title bar: site | headline ({bar.site})")
        state.title, state.title_index = bar.headline, first.index
        if bar.head_index is not None:
            head_end = bar.head_index
            state.title, state.title_index = lines[head_end].text, head_end
            set_role(lines[head_end], "repeated_title", "headline printed again on the page")
    deck_checked = False
    i = first.index + 1 if bar else first.index
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.role or line.blank:
            if line.blank:
                set_role(line, "blank")
            if line.role == "repeated_title" and line.index == head_end:
                deck_checked = False
            continue
        site_keys = {norm_key(name) for _, name in state.sites}
        in_head_zone = line.index < head_end
        if line.key in site_keys:
            set_role(line, "site_name", "site name printed alone")
            continue
        if _head_line(line, state, lines, in_head_zone or state.title is None):
            continue
        if in_head_zone:
            set_role(line, "chrome", "page head above the headline")
            continue
        if state.title is None and _title_like(line):
            _take_title(line, lines, state)
            deck_checked = True
            i = max(i, (state.title_index or 0) + 1)
            continue
        if state.title is not None and not deck_checked:
            deck_checked = True
            if (state.subtitle is None and _deck_like(line) and not _wraps_into_next(line, lines)
                    and next_nonblank(lines, line.index + 1)):
                state.subtitle = line.text
                set_role(line, "subtitle", "deck under the headline")
                continue
        if _prose(line):
            return line.index
        if chrome.looks_like_name(line.text):
            state.set_byline(line.text)
            set_role(line, "byline", "name alone near the headline")
        else:
            set_role(line, "chrome", "short line in the page head")
    return len(lines)


def _take_title(line: PageLine, lines: list[PageLine], state: Findings) -> None:
    """Headline without a title bar: ``line``, or the line after it when ``line`` is a kicker."""
    nxt = next_nonblank(lines, line.index + 1)
    pair_ok = (nxt is not None and not nxt.role and _deck_like(nxt)
               and chrome.chrome_kind(nxt.text) is None and date_line(nxt.text, state.tz) is None
               and chrome.parse_byline(nxt.text) is None and chrome.parse_credit(nxt.text) is None
               and chrome.parse_aggregator(nxt.text) is None)
    if pair_ok and words(line.text) < KICKER_RATIO * words(nxt.text) and not _wraps_into_next(nxt, lines):
        state.subtitle = line.text
        set_role(line, "kicker", "kicker above the headline")
        state.title, state.title_index = nxt.text, nxt.index
        set_role(nxt, "title", "headline")
        return
    state.title, state.title_index = line.text, line.index
    set_role(line, "title", "headline")
    if pair_ok and next_nonblank(lines, nxt.index + 1) and not _wraps_into_next(nxt, lines):
        state.subtitle = nxt.text
        set_role(nxt, "subtitle", "deck under the headline")


# --- body ---------------------------------------------------------------------------------

_SPACES = {ord(c): " " for c in ODD_SPACES}


def _strip_glued_credit(line: PageLine, state: Findings) -> str:
    """The first body line without a credit glued to its start (``NAME- SITE- CITY: …``)."""
    raw = line.raw.translate(_SPACES).lstrip()
    glued = chrome.glued_credit(raw)
    if not glued:
        return line.raw
    _, credit, byline, rest = glued
    state.set_byline(byline)
    if credit:
        state.site(7, credit.source)
        if credit.place and not state.dateline:
            state.dateline = clean_inline(credit.place)
    line.note = "dateline/byline glued to the first paragraph"
    return rest


def _scan_body(lines: list[PageLine], start: int, state: Findings) -> list[BodyLine]:
    body: list[BodyLine] = []
    title_key = norm_key(state.title or "") or None
    subtitle_key = norm_key(state.subtitle or "") or None
    in_block = terminal = False
    for line in lines[start:]:
        if line.blank:
            set_role(line, "blank")
            in_block = False
            continue
        if terminal:
            set_role(line, "chrome", "page footer")
            continue
        if line.key == title_key:
            set_role(line, "repeated_title", "headline printed again")
            continue
        if line.key == subtitle_key and words(line.text) <= DECK_MAX_WORDS:
            set_role(line, "chrome", "deck printed again")
            continue
        if body and chrome.is_terminal(line.text):
            terminal = True
            set_role(line, "chrome", "page footer starts")
            continue
        if chrome.is_block_label(line.text):
            in_block = True
            set_role(line, "chrome", chrome.chrome_kind(line.text) or "")
            continue
        if in_block and words(line.text) <= 15 and not chrome.ends_sentence(line.text):
            set_role(line, "chrome", "item of a related/tags block")
            continue
        in_block = False
        kind = chrome.chrome_kind(line.text)
        if kind or is_duplicate(line, lines):
            set_role(line, "chrome", kind or "caption (printed twice)")
            if kind == "footer/meta line":
                copyright_site(line.text, state)
            continue
        if chrome.masthead_role(line.text):
            _head_line(line, state, lines, False)
            continue
        raw = _strip_glued_credit(line, state) if not body else line.raw
        body.append(BodyLine(line.index, raw))
    return body


def extract(text: str, tz: tzinfo) -> Extraction:
    """Read one decoded dump. ``tz`` is the zone for naive times (the site's timezone).

    Never raises on odd input (CR, NBSP, NUL, BOM remnants are handled); every line of
    ``text`` appears in :attr:`Extraction.lines`, chrome included.
    """
    lines = split_lines(text)
    state = Findings(tz)
    start = _scan_head(lines, state)
    body_lines = _scan_body(lines, start, state)
    blocks, roles = assemble(body_lines)
    for index, (role, note) in roles.items():
        line = lines[index]
        set_role(line, role, "; ".join(n for n in (line.note, note) if n))
    for line in lines:
        if not line.role:
            set_role(line, "blank" if line.blank else "chrome", line.note or "unclassified")
    site = min(state.sites, key=lambda s: s[0])[1] if state.sites else None
    return Extraction(
        title=clean_inline(state.title) if state.title else None,
        subtitle=clean_inline(state.subtitle) if state.subtitle else None,
        date=pick_date(state),
        site_name=site,
        masthead=tuple(state.masthead),
        byline=state.byline,
        dateline=state.dateline,
        blocks=tuple(blocks),
        lines=tuple(LineRole(l.index + 1, l.role, l.orig, l.note) for l in lines),
    )
