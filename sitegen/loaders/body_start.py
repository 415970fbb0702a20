"""Where the article's text starts: the body run's first lines that belong to the head.

A deck written as sentences above the date line, a question or exclamation headline that
scored as prose, a card of another story printed above the article; and, the other way, a
live blog's first entry heading standing above the run.
"""

from __future__ import annotations

from sitegen.loaders.bodyrun import Run
from sitegen.loaders.findings import Found, Title, set_role
from sitegen.loaders.headline import TITLE_WINDOW
from sitegen.loaders.lines import Line
from sitegen.loaders.neighbours import first_prose, previous_line
from sitegen.loaders.paragraphs import HEADING_MAX_WORDS
from sitegen.loaders.title_shape import DECK_MIN_WORDS, title_like


#: A deck written as sentences is at most this long, in words.
DECK_SENTENCE_MAX_WORDS = 45


def without_deck_above_meta(lines: list[Line], body: Run, title: Title, found: Found) -> Run:
    """``body`` without its first line when that line is the deck written as sentences (ending
    with a full stop, so it scored as prose): it stands right under the headline and right
    above the date line, and the article's text follows the date line. A date line between an
    article's first two paragraphs is not how news pages are printed."""
    if title.index is None or title.index >= body.start:
        return body
    first = lines[body.start]
    if (any(not l.blank for l in lines[title.index + 1:body.start]) or first.words > DECK_SENTENCE_MAX_WORDS
            or first.words < DECK_MIN_WORDS):
        return body
    meta = next((l for l in lines[body.start + 1:body.end + 1] if not l.blank), None)
    if meta is None or meta.date is None:
        return body
    rest = first_prose(lines, meta.index + 1, body.end + 1)
    if rest is None:
        return body
    if first.byline is not None:  # «كتب NAME في «SITE»:» over the date line: the byline, no deck
        found.byline = found.byline or first.byline
        set_role(first, "byline", "byline under the headline, above the date line")
    else:
        found.subtitle = first.text
        set_role(first, "subtitle", "deck under the headline (sentences), above the date line")
    return Run(rest.index, body.end, body.score - first.score)


#: The article's meta lines between a headline and its text: at most this many.
HEAD_META_MAX_LINES = 4


def without_headline_on_top(lines: list[Line], run: Run) -> Run:
    """``run`` starting below its first line when that line is the headline — a question
    (``… متى تراجع الطبيب وكيف تحمي أسرتك هذا الشتاء؟``) scores as prose — with the article's
    meta lines under it (a byline, the date line) and its text after them — or right over its
    text when nothing above could be a headline (a print copy). A date line between an
    article's first two paragraphs is not how news pages are printed."""
    first = first_prose(lines, run.start, run.end + 1)
    if first is None or not title_like(first) or not first.text.rstrip().endswith(("؟", "?", "!")):
        return run
    meta = _lines_before_prose(lines, first, run, HEAD_META_MAX_LINES)
    if not any(l.date is not None for l in meta):
        if meta or not _nothing_titled_above(lines, first):
            return run
        rest = first_prose(lines, first.index + 1, run.end + 1)  # a print copy: the text right under it
        return Run(rest.index, run.end, run.score - first.score) if rest else run
    rest = first_prose(lines, meta[-1].index + 1, run.end + 1)
    return Run(rest.index, run.end, run.score - first.score) if rest else run


#: Headlines are at most this many words when nothing above the text could be one.
LONE_HEADLINE_MAX_WORDS = 15


def _nothing_titled_above(lines: list[Line], first: Line) -> bool:
    """True when ``first``, a short exclaiming or asking line, opens the page's text with no
    line above it that could be a headline (only the logo, menus and tools: a print or
    reader copy) — then it is the headline printed right over the text."""
    if first.words > LONE_HEADLINE_MAX_WORDS:
        return False
    above = [l for l in lines[max(0, first.index - TITLE_WINDOW):first.index] if not l.blank]
    return all(l.link_run or l.vocabulary is not None or not title_like(l) for l in above)


def without_card_above(lines: list[Line], run: Run) -> Run:
    """``run`` starting below a card printed above the article when its first paragraph is
    followed by a date line and then a headline (``HEADLINE / SUMMARY / DATE`` of another
    story, then the article's ``HEADLINE``, its date, its text): the summary is no part of the
    article, whose body starts at the first prose line under that headline — or below a
    ticker glued into one line over the article's head (:func:`_text_under_ticker`)."""
    first = first_prose(lines, run.start, run.end + 1)
    if first is None:
        return run
    after = [l for l in lines[first.index + 1:run.end + 1] if not l.blank][:2]
    if len(after) < 2 or after[0].date is None or not title_like(after[1]) or after[1].score > 0:
        start = _text_under_ticker(lines, run, first)
    else:
        start = first_prose(lines, after[1].index + 1, run.end + 1)
    if start is None:
        return run
    return Run(start.index, run.end, run.score - sum(l.score for l in lines[run.start:start.index]))


#: Between a ticker over the article and the article's text: at most this many lines (section,
#: headline, byline, date line, caption).
TICKER_HEAD_MAX_LINES = 6


def _text_under_ticker(lines: list[Line], run: Run, first: Line) -> Line | None:
    """The article's first prose line when ``first`` is a ticker's items glued into one long
    line with no full stop over the article (``الهلال يواجه الاتحاد في نصف نهائي كأس الملك
    الأرصاد: أمطار رعدية …``), the article's headline and date line following it before any
    prose: a date line between an article's first two paragraphs is not how news pages are
    printed. Else ``None``."""
    if first.final_punct:
        return None
    head = _lines_before_prose(lines, first, run, TICKER_HEAD_MAX_LINES)
    dated = next((k for k, l in enumerate(head) if l.date is not None), None)
    if dated is None or not any(title_like(l) for l in head[:dated]):
        return None
    return first_prose(lines, head[dated].index + 1, run.end + 1)


def _lines_before_prose(lines: list[Line], first: Line, run: Run, most: int) -> list[Line]:
    """The non-blank lines of ``run`` under ``first`` and before the next prose line, at most ``most``."""
    found: list[Line] = []
    for line in lines[first.index + 1:run.end + 1]:
        if line.blank:
            continue
        if line.score > 0 or len(found) == most:
            break
        found.append(line)
    return found


#: What a time stamp line is (:attr:`~sitegen.loaders.lines.Line.vocabulary`): ``13:20``, ``منذ ساعتين``.
_STAMP_KINDS = ("clock time", "relative time")


def _stamped_heading(lines: list[Line], line: Line, in_list_ok: bool = False) -> bool:
    """A short unpunctuated line right under a time stamp (``13:20``, ``منذ ساعتين``, a date);
    ``in_list_ok``: even when a copy without blank lines ran it into the list above it."""
    above = previous_line(lines, line.index)
    return (not line.blank and line.words <= HEADING_MAX_WORDS and not line.final_punct
            and line.vocabulary is None and line.date is None and (in_list_ok or not line.link_run)
            and above is not None and (above.vocabulary in _STAMP_KINDS or above.date is not None))


def with_first_entry_heading(lines: list[Line], body: Run) -> Run:
    """A live blog's entries are a time stamp, a heading, then text; the first entry's heading
    stands above the body run (a run starts on prose). It is taken in when the body's own
    entries show that shape: a heading inside the body stands under a stamp as well."""
    above = previous_line(lines, body.start)
    # the body's own stamped headings vouch for it, even run into a list (a summary box's items)
    if above is None or above.role or not _stamped_heading(lines, above, in_list_ok=True):
        return body
    if not any(_stamped_heading(lines, l) for l in lines[body.start:body.end + 1]):
        return body
    return Run(above.index, body.end, body.score)
