"""One dump as a list of lines plus what has been found in it, while it is being read.

Mutable working records of :mod:`sitegen.loaders.dump` (STYLE.md habit 1: mutable while
loading); the result handed out is the frozen :class:`~sitegen.loaders.dump.Extraction`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from sitegen.arabic import clean_inline
from sitegen.loaders.chrome import norm_key, words
from sitegen.loaders.header import DateLine
from sitegen.model import MastheadEntry

__all__ = ["PageLine", "Findings", "split_lines", "set_role", "is_duplicate", "copyright_site",
           "next_nonblank", "pick_date"]

_NUL_AND_BOM = {0: None, 0xFEFF: None}
#: Lines are compared (repeats, duplicates, teasers) on their first this many characters.
_KEY_MAX_CHARS = 300


@dataclass
class PageLine:
    """One input line: 0-based ``index``, ``orig`` as given, ``raw`` without NUL/BOM,
    ``text`` cleaned (single spaces), ``key`` folded for comparisons; ``role``/``note`` once known."""

    index: int
    orig: str
    raw: str
    text: str
    key: str
    role: str = ""
    note: str = ""

    @property
    def blank(self) -> bool:
        return not self.key


@dataclass
class Findings:
    """What has been found in one dump so far: title, deck, date lines (with their line
    index), site-name candidates (``(priority, name)``, lowest priority wins), masthead,
    byline and dateline. Mutable while the dump is read."""

    tz: tzinfo
    title: str | None = None
    title_index: int | None = None
    subtitle: str | None = None
    dates: list[tuple[int, DateLine]] = field(default_factory=list)
    sites: list[tuple[int, str]] = field(default_factory=list)
    masthead: list[MastheadEntry] = field(default_factory=list)
    byline: str | None = None
    dateline: str | None = None
    expect_masthead_name: str | None = None
    expect_credit: bool = False

    def site(self, priority: int, name: str | None) -> None:
        """Record a site-name candidate (quotes and colons trimmed; at most 6 words)."""
        name = clean_inline((name or "").strip(" \"'«»“”:()"))
        if name and words(name) <= 6:
            self.sites.append((priority, name))

    def set_byline(self, name: str | None) -> None:
        """Record the byline unless one is already known."""
        if name and not self.byline:
            self.byline = clean_inline(name)


def split_lines(text: str) -> list[PageLine]:
    """``text`` cut at LF, CRLF or CR into :class:`PageLine` records, in order."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for i, orig in enumerate(text.split("\n")):
        raw = orig.translate(_NUL_AND_BOM)
        cleaned = clean_inline(raw)
        lines.append(PageLine(i, orig, raw, cleaned, norm_key(cleaned[:_KEY_MAX_CHARS])))
    return lines


def set_role(line: PageLine, role: str, note: str = "") -> None:
    """Give ``line`` its role and a short reason."""
    line.role, line.note = role, note


# --- head ---------------------------------------------------------------------------------

_COPYRIGHT_SITE = re.compile(r"(?:محفوظة\s+(?:لـ|ل)\s*|©\s*(?:\d{4}\s*)?)(?P<site>[^©.\d]{2,40}?)\s*(?:[.©]|\d|$)")


def copyright_site(text: str, state: Findings) -> None:
    """Record the site named in a copyright line (``© 2022 SITE.``, ``محفوظة لـ SITE``), last priority."""
    m = _COPYRIGHT_SITE.search(text)
    if m and words(m["site"]) <= 5:
        state.site(8, m["site"])


def is_duplicate(line: PageLine, lines: list[PageLine]) -> bool:
    """True when the line above or below is the same text (an image's alt text and caption)."""
    neighbours = [lines[i] for i in (line.index - 1, line.index + 1) if 0 <= i < len(lines)]
    return any(n.key == line.key for n in neighbours)


def next_nonblank(lines: list[PageLine], start: int) -> PageLine | None:
    """The first non-blank line from index ``start`` on, else ``None``."""
    for line in lines[start:]:
        if not line.blank:
            return line
    return None


def pick_date(state: Findings) -> datetime | None:
    """Publication date: not a "last updated" one unless alone; with a clock time if any;
    then the one nearest the headline (a page-header "today" date sits further up)."""
    if not state.dates:
        return None
    dates = [d for d in state.dates if not d[1].is_update] or state.dates
    anchor = state.title_index if state.title_index is not None else 0
    best = min(dates, key=lambda d: (not d[1].match.has_time, abs(d[0] - anchor), d[0]))
    return best[1].match.value
