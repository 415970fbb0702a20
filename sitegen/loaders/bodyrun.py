"""Where the article body is in a dump: line scores and the best contiguous run of prose.

Each line gets a score (:func:`line_score`): positive for prose (long, punctuated, dense in
function words), negative for boilerplate (repeated in the page or across the site's dumps,
part of a menu or link list, web vocabulary, dates), slightly negative for short neutral
lines so that a caption or a subheading can sit inside the body but a long stretch of them
cannot. Candidate bodies are the maximal-scoring runs of lines (Kadane's maximum-sum
segment, found again left and right of each run taken: Ruzzo & Tompa's idea, simplified);
the reader picks among them with the headline (see :mod:`sitegen.loaders.reader`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.loaders import bylines, line_text, widgets
from sitegen.loaders.lines import PROSE_LINE_MIN_WORDS, Line

__all__ = ["Run", "line_score", "score_lines", "candidate_runs", "PROSE_MIN_WORDS"]

#: A punctuated line of at least this many words is prose (jusText's "medium" length class
#: starts near 10 words; Arabic words are longer than English ones, so a little less).
PROSE_MIN_WORDS = PROSE_LINE_MIN_WORDS
#: An unpunctuated line this long is still prose (a paragraph whose final stop was lost).
LONG_LINE_WORDS = 20
#: Prose has at least this share of function words (measured on the bundled fixtures:
#: news paragraphs 0.15–0.35, headlines 0.0–0.15, menus 0.0).
PROSE_FUNCTION_SHARE = 0.08
#: A punctuated line this long is prose whatever its share of function words.
PUNCTUATED_PROSE_WORDS = 12
#: The first half of a hard-wrapped paragraph is at least this long (a headline directly
#: above the body is shorter).
WRAPPED_MIN_WORDS = 13
#: ... or this long when it holds a comma (no labelled headline of 8 words or more holds one;
#: a list item naming a person and a post may, at 8 words).
WRAPPED_COMMA_MIN_WORDS = 10
#: Cost of a neutral line inside the body (caption, subheading, inline card).
GAP_COST = 1.5
#: Cost of one row of a table copied from the page (cells joined by tabs): a table inside an
#: article never cuts its body in two, and rows alone never make one.
TABLE_ROW_COST = 0.5
#: Lines scoring this or lower are boilerplate (not merely neutral short lines).
BOILERPLATE_SCORE = -3.0
#: This many boilerplate lines in a row end any body run.
BARRIER_LINES = 5
#: Least score of a run worth considering as a body (two short punctuated paragraphs).
MIN_RUN_SCORE = 6.0
#: At most this many candidate runs are kept per page.
MAX_RUNS = 8


@dataclass(frozen=True)
class Run:
    """A candidate body: lines ``start``..``end`` (0-based, inclusive) and its ``score``."""

    start: int
    end: int
    score: float


def line_score(line: Line) -> float:
    """The prose score of one line: > 0 prose, < 0 boilerplate, 0 blank."""
    if line.blank:
        return 0.0
    bad = max(-BOILERPLATE_SCORE, line.words / 2)
    if line.site_repeat:
        # Prose the site prints in other dumps too: comment rules — or a background paragraph
        # two articles share. Neutral, so it never makes a body but stays inside one.
        return -GAP_COST if line.prose_like else -max(4.0, float(line.words))
    if line.vocabulary == widgets.PHOTO_STORY_CAPTION:
        return float(line.words)  # a photo story's text, told in its captions
    if line.vocabulary or line.date is not None or line.teaser or line.under_label:
        return -bad
    if line.page_repeats > 1 and line.words < LONG_LINE_WORDS * 2:
        return -bad
    if line.table_row:
        return -TABLE_ROW_COST
    if line.link_run or line.inline_list:
        return -bad
    prose = line.function_share >= PROSE_FUNCTION_SHARE or line.words >= LONG_LINE_WORDS * 2
    if line.final_punct and line.words >= PROSE_MIN_WORDS and (prose or line.words >= PUNCTUATED_PROSE_WORDS):
        return float(line.words)
    punctuated = line_text.ends_with_punct(line.text)
    if (line.words >= LONG_LINE_WORDS or punctuated) and (prose or (punctuated and line.words >= PUNCTUATED_PROSE_WORDS)):
        return line.words * 0.8  # a paragraph whose stop was lost, or one opening a list with ":"
    if line.final_punct and line.words >= 3 and not (line.byline and bylines.looks_like_name(line.byline)):
        return 1.0  # a short sentence; not a byline whose name ends with an initial (``إعداد: أمينة ر.``)
    return -GAP_COST


def score_lines(lines: list[Line]) -> None:
    """Set every line's :attr:`~sitegen.loaders.lines.Line.score`. An unpunctuated line of
    prose length (or shorter but holding a comma) followed directly by prose is the first half
    of a hard-wrapped paragraph and scores as prose too."""
    for line in lines:
        line.score = line_score(line)
    for line, nxt in zip(lines, lines[1:]):
        if (line.score == -GAP_COST and nxt.score > 0 and not line.final_punct
                and (line.words >= WRAPPED_MIN_WORDS
                     or (line.words >= WRAPPED_COMMA_MIN_WORDS and line_text.has_comma(line.text)))):
            line.score = line.words * 0.8
    shown = [line for line in lines if not line.blank]  # the passes below look at neighbours across blanks
    _long_headlines_over_dates(shown)
    _foreign_script_prose(shown)
    _starred_writer_notes(shown)
    _what_a_lead_in_announces(shown)


#: At most this many neutral lines after a lead-in are what it announces.
LEAD_IN_REACH = 8
#: The score of a line a lead-in announces: positive, so that the body ends after them.
ANNOUNCED_SCORE = 0.5


def _what_a_lead_in_announces(shown: list[Line]) -> None:
    """The neutral lines (short, unpunctuated: verses, list items, quoted lines) right after a
    line of prose ending with a colon (``منها قول أحدهم:``) are what it announces, part of the
    text even where nothing follows them (a quoted verse closing an obituary): they score a
    little above zero. Up to :data:`LEAD_IN_REACH` lines, until prose or boilerplate."""
    for k, line in enumerate(shown):
        if line.score <= 0 or not line_text.ends_with_colon(line.text):
            continue
        for other in shown[k + 1:k + 1 + LEAD_IN_REACH]:
            if not BOILERPLATE_SCORE < other.score <= 0:
                break
            other.score = ANNOUNCED_SCORE


def _starred_writer_notes(shown: list[Line]) -> None:
    """A line opening with one ``*`` then a job title (``* كاتب ليبي مقيم في فاليتا …``), with
    no starred line next to it (no list of starred items), is a column's note on its writer:
    boilerplate, so the body ends above it and a date printed between them stays outside."""
    for k, line in enumerate(shown):
        starred = line_text.STARRED.match(line.text)
        if (starred is None or not bylines.opens_with_job_title(line.text[starred.end():])
                or any(0 <= j < len(shown) and line_text.STARRED.match(shown[j].text) for j in (k - 1, k + 1))):
            continue
        line.score = min(line.score, BOILERPLATE_SCORE)


#: A line with at least this share of Latin letters is in a Latin-script language.
LATIN_LINE_SHARE = 0.7


def _foreign_script_prose(shown: list[Line]) -> None:
    """On a page whose prose is mostly in Arabic script, a prose line in Latin script with no
    Arabic prose next to it (a cookie notice in English or French above the menus, a bilingual
    outlet's strap) is neutral: it never starts a body. One next to Arabic prose (a quoted
    French statement closing the article) is the article's."""
    latin = [k for k, line in enumerate(shown) if line.score > 0 and line.latin_share >= LATIN_LINE_SHARE]
    if not latin or sum(line.score for line in shown if line.score > 0) <= 2 * sum(shown[k].score for k in latin):
        return

    def arabic_prose(k: int) -> bool:
        return 0 <= k < len(shown) and shown[k].score > 0 and shown[k].latin_share < LATIN_LINE_SHARE

    for k in latin:
        if not (arabic_prose(k - 1) or arabic_prose(k + 1)):
            shown[k].score = -GAP_COST


#: A headline is at most this many words; a date line this many non-blank lines under it.
LONG_HEADLINE_MAX_WORDS = 30
HEADLINE_DATE_REACH = 3


#: A headline asking a question has at most this many words.
QUESTION_HEADLINE_MAX_WORDS = 15


def _long_headlines_over_dates(shown: list[Line]) -> None:
    """An unpunctuated line long enough to score as prose (``LONG_LINE_WORDS`` or more), with
    no prose right above it and a date line among the :data:`HEADLINE_DATE_REACH` non-blank
    lines under it, is a long headline over its date and credits (portals print headlines of
    20–30 words); a question of at most :data:`QUESTION_HEADLINE_MAX_WORDS` words with no prose
    above it and its date or byline right under it is a headline that asks (``هل تنجو مدرجات
    حراز …؟`` over ``تقرير: NAME · منذ 45 دقيقة``): neutral, so the body starts below it and
    the headline can be chosen."""
    for k, line in enumerate(shown):
        if line.score <= 0 or line.words > LONG_HEADLINE_MAX_WORDS or (k > 0 and shown[k - 1].score > 0):
            continue
        below = shown[k + 1:k + 1 + HEADLINE_DATE_REACH]
        if not line_text.ends_with_punct(line.text) and any(other.date is not None for other in below):
            line.score = -GAP_COST
        elif (line.text.rstrip().endswith(("؟", "?")) and line.words <= QUESTION_HEADLINE_MAX_WORDS
              and below and (below[0].date is not None or below[0].byline is not None)):
            line.score = -GAP_COST  # a question headline right over its date or byline


def _best_run(scores: list[float], lo: int, hi: int) -> Run | None:
    """Kadane's maximum-sum segment of ``scores[lo:hi]``; starts and ends on a positive line."""
    best = None
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += scores[i]
        if scores[i] > 0 and (best is None or total > best.score):
            best = Run(start, i, total)
    if best is None:
        return None
    start = best.start
    while scores[start] <= 0:
        start += 1
    return Run(start, best.end, best.score)


def _zones(lines: list[Line]) -> list[tuple[int, int]]:
    """Spans ``[lo, hi)`` of the page between barriers: :data:`BARRIER_LINES` or more
    boilerplate lines in a row (blanks aside), or a line opening the page footer (comments or tags
    label, a tags line, ©, previous/next links: :func:`~sitegen.loaders.chrome.is_terminal`) or a breadcrumb (the
    article's head starts under it: teasers printed above it are no part of it). Inline chrome inside an article (a caption,
    a "read also" card) is shorter; share bars, tag lists, menus and forms are longer."""
    zones = []
    lo = 0
    streak_start, streak = None, 0
    for line in lines:
        if line.blank:
            continue
        if line.score <= BOILERPLATE_SCORE:
            if streak == 0:
                streak_start = line.index
            streak += 1
            if line.opens_footer or line.vocabulary == "breadcrumb":
                # comments, tags, ©: the article is above; a breadcrumb: the article page starts below
                streak = max(streak, BARRIER_LINES)
            continue
        if streak >= BARRIER_LINES:
            zones.append((lo, streak_start))
            lo = line.index
        streak = 0
    zones.append((lo, len(lines)))
    return [(a, b) for a, b in zones if a < b]


def candidate_runs(lines: list[Line]) -> list[Run]:
    """The page's candidate bodies, best score first (at most :data:`MAX_RUNS`); a run never
    crosses a barrier of boilerplate (see :func:`_zones`)."""
    scores = [line.score for line in lines]
    runs: list[Run] = []
    spans = _zones(lines)
    while spans and len(runs) < MAX_RUNS:
        lo, hi = spans.pop()
        run = _best_run(scores, lo, hi)
        if run is None or (run.score < MIN_RUN_SCORE and runs):
            continue
        runs.append(run)
        spans += [(lo, run.start), (run.end + 1, hi)]
        spans.sort(key=lambda s: s[1] - s[0])
    runs.sort(key=lambda r: -r.score)
    return runs[:1] if runs and runs[0].score < MIN_RUN_SCORE else runs
