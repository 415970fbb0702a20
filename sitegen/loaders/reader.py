"""Raw text dumps of Arabic news pages → :class:`Extraction`: body first, then outwards.

A dump is what a reader gets by selecting a whole page and copying it, or a scraper's text:
menus, tickers, the headline (often twice), date lines, bylines, captions, the article,
then share widgets, tags, related and most-read lists, comments and the footer. The
reader does not follow a list of known layouts. It

1. describes every line by features (:mod:`sitegen.loaders.lines`) and scores it as prose
   or boilerplate (:mod:`sitegen.loaders.bodyrun`);
2. takes the candidate runs of prose, and for each the best headline above it — a
   title-like line near the run that shares words with its first paragraphs, printed
   twice or in the ``SITE | TITLE`` bar — and keeps the best pair;
3. reads the head between headline and body (date, byline, credits, deck) and the date
   nearest the headline (never a page-header clock far above it, never a card's date
   after the body);
4. splits the body run into paragraphs, subheadings and list items, dropping the chrome
   inside it (captions, inline "read also" cards, repeated lines);
5. names the site from what the chrome says (title bar, © line, date line, credit).

Every input line gets a role and the features that decided it (``extract --explain``).
The labelling rules are those of ``shared/corpus/SOURCES.md``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from itertools import islice

from sitegen.arabic import clean_inline
from sitegen.loaders import chrome
from sitegen.loaders.bodyrun import BOILERPLATE_SCORE, PROSE_MIN_WORDS, Run, candidate_runs, score_lines
from sitegen.loaders.dates import DateMatch, find_dates, match_date, url_date
from sitegen.loaders.header import TITLE_MAX_WORDS, byline_on_date_line, find_title_bar, says_updated
from sitegen.loaders.lines import CREDITED_CAPTION, FUNCTION_WORDS, Line, content_words, in_gallery, split_lines
from sitegen.loaders.paragraphs import BodyLine, HEADING_MAX_WORDS, assemble
from sitegen.model import Block, MastheadEntry

__all__ = ["LineRole", "Extraction", "extract", "ROLES"]

#: Every role a line can get in :attr:`Extraction.lines`.
ROLES = ("title", "subtitle", "kicker", "date", "site_name", "masthead", "byline", "heading",
         "paragraph", "list_item", "chrome", "blank", "teaser", "repeated_title")

#: How far above a body run its headline may stand, in non-blank lines (a head with date,
#: section, share buttons, reading time, caption and byline between them is ~10 lines).
TITLE_WINDOW = 30
#: Least score of a headline candidate: below it the dump is read as body-only (no title).
TITLE_MIN_SCORE = 0.9
#: Paragraphs of a run compared with a headline candidate for shared words.
OVERLAP_PARAGRAPHS = 3
#: A date line before the headline counts only this close to it (non-blank lines) and with
#: no menu or ticker between: a page-header clock is further up, above the menus. (Ten
#: lines leave room for a site name and a masthead of four lines between them.)
DATE_ABOVE_WINDOW = 10
#: A date line after the body counts only this close to its end.
DATE_BELOW_WINDOW = 3
#: Headlines shorter than this many words are rare (section names and captions are not).
SHORT_TITLE_WORDS = 5
#: A headline sharing this many content words with the body's opening is surely its own.
SHARED_WORDS_ENOUGH = 6
#: A headline stands at most this many non-blank lines above its date line (a kicker,
#: a byline or a deck between): farther up, a widget's label or a menu item gets no bonus.
DATED_BELOW_REACH = 4
#: Bonus of a headline candidate with the page's date line between it and the body.
DATED_BELOW_BONUS = 2.0
#: Weight of the title–body word overlap against the nearness of the title to the body.
OVERLAP_WEIGHT = 3.0
#: Lines above a headline searched for another copy of it, and the longest line searched.
REPEAT_LOOKBACK = 40
KEY_CONTAINS_MAX = 400
#: Longest deck line (subtitle under the headline), in words; and the shortest (a
#: "SITE - CITY" credit or a section name under the headline is shorter).
DECK_MAX_WORDS = 30
DECK_MIN_WORDS = 5
#: A kicker above the headline is markedly shorter than it (word ratio below this).
KICKER_RATIO = 0.7
#: A line right above the chosen headline is no headline over its deck when it is shorter
#: than this share of it (a kicker, printed over the headline).
HEADLINE_OVER_DECK_RATIO = 0.6
#: A line above the chosen headline is the real headline (and the chosen one its deck) only
#: when it has this many words and shares this many content words with the body.
HEADLINE_ABOVE_MIN_WORDS = 5
HEADLINE_ABOVE_SHARED = 1


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
    the date (aware, later than ``date``), else ``None``.
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


#: Words that take a credit's place without naming a site: "exclusive", "agencies", "reports".
_NOT_A_SITE = frozenset(chrome.norm_key(w) for w in (
    "خاص", "حصري", "حصريا", "متابعات", "وكالات", "وكالات الأنباء", "تقارير", "مواقع", "خاص بالموقع", "الموقع",
    "موقعنا"))


@dataclass(frozen=True)
class _Title:
    index: int | None   # line of the headline; None when only the title bar holds it
    text: str
    score: float


@dataclass
class _Found:
    """What the head holds; filled while the head lines are read."""

    byline: str | None = None
    dateline: str | None = None
    subtitle: str | None = None
    masthead: list[MastheadEntry] | None = None
    sites: list[tuple[int, str]] | None = None

    def site(self, priority: int, name: str | None) -> None:
        name = clean_inline((name or "").strip(" \"'«»“”:()-–"))
        if (name and chrome.words(name) <= SITE_NAME_MAX_WORDS and any(ch.isalpha() for ch in name)
                and chrome.norm_key(name) not in _NOT_A_SITE):
            self.sites.append((priority, name))


def _nonblank_between(lines: list[Line], lo: int, hi: int) -> int:
    return sum(1 for line in lines[lo + 1:hi] if not line.blank)


def _first_prose(lines: list[Line], lo: int, hi: int) -> Line | None:
    """The first line of ``lines[lo:hi]`` that scores as prose, else ``None``."""
    return next((line for line in lines[lo:hi] if line.score > 0), None)


def _last_prose(lines: list[Line], lo: int, hi: int) -> Line | None:
    """The last line of ``lines[lo:hi]`` that scores as prose, else ``None``."""
    return next((line for line in reversed(lines[lo:hi]) if line.score > 0), None)


#: A photo caption ends with the agency or photographer in brackets: ``… (رويترز)``.
_CAPTION_END = re.compile(r"[(\[](?P<inside>[^()\[\]]{1,30})[)\]]\s*$")
#: What a headline says of itself in brackets at its end (folded): ``… (فيديو)``, ``… (النص
#: الكامل)``, a part of a series ``(2 من 3)``.
_HEADLINE_TAG = re.compile(
    r"\s*(?:(?:بال)?(?:فيديو|صور|الصور)(?:\s*و\s*(?:فيديو|صور))?|(?:ال)?نص(?: ال)?كامل|(?:ال)?تفاصيل|انفوجراف(?:يك)?"
    r"|فيديوجراف|جرافيك|محدث|تحديث|(?:بث )?مباشر|خاص|حصري|شاهد|فيديو|video|photos|live|update[d]?"
    r"|\d{1,3}(?:\s*(?:-|/|من)\s*\d{1,3})?)\s*")


#: What a headline's closing brackets hold that no credit does: a figure (``(87 عاماً)``, ``(42
#: ألف نسمة)``) or a person's kunya (``(أبو نضال)``).
_FIGURE = re.compile(r"[0-9٠-٩]")
_KUNYA = re.compile(r"\s*(?:ابو|ام) [^\W\d_]")


def _caption_end(text: str) -> bool:
    """True when ``text`` ends with a caption's credit in brackets, not with a headline's tag."""
    end = _CAPTION_END.search(text)
    if end is None:
        return False
    inside = chrome.norm_key(end["inside"])
    return not (_HEADLINE_TAG.fullmatch(inside) or _FIGURE.search(inside) or _KUNYA.match(inside))


#: A line ending with a comma continues on the next line: never a headline.
_CONTINUES = ("،", ",", "؛", ";")
#: A clause opened by the conjunction و (``وتخفيض``, ``ويطالب``) continues the line above.
_AND_OPENING = re.compile(r"و[^\W\d_]{3,}")
#: Function words that may close a sentence (``أيضا``, pronouns, ``ذلك``).
_MAY_END = frozenset(chrome.norm_key(w) for w in "أيضا أيضاً ذلك تلك هناك هو هي هم له لها به بها فيه فيها منه منها عليه عليها إليه".split())


def _continues(prev: Line | None, line: Line) -> bool:
    """True when ``line`` carries on the sentence of the line right above it (no blank
    between): the one above ends with a comma or a function word (a sentence never ends
    on ``في`` or ``التي``), or this one opens with the conjunction و."""
    return (prev is not None and not prev.blank and prev.index == line.index - 1
            and (prev.text.rstrip().endswith(_CONTINUES) or _AND_OPENING.match(line.text) is not None
                 or _ends_on_function_word(prev)))


def _ends_on_function_word(line: Line) -> bool:
    last = line.key.rsplit(" ", 1)[-1] if line.key else ""
    return last in FUNCTION_WORDS and last not in _MAY_END


#: Match minutes as score widgets print them (``58'``, ``90+2'``): two or more on a line make
#: it the widget's scorers line, never a headline.
_MATCH_MINUTE = re.compile(r"\d{1,3}(?:\+\d{1,2})?['’′]")


#: A match result as a score line prints it: ``TEAM 88 - 81 TEAM`` (either script's digits).
_SCORE = re.compile(r"(?<![\d.,٫])\d{1,3}\s*[-–:]\s*\d{1,3}(?![\d.,٫%])")
SCORE_LINE_MAX_WORDS = 6


def _score_line(text: str) -> bool:
    """True for a match result ``المنامة 88 - 81 الأهلي``: one score, no other digit and at
    most :data:`SCORE_LINE_MAX_WORDS` words of team names around it. Neither it nor a line of
    two or more scores (a results ticker) is a headline or a deck."""
    score = _SCORE.search(text)
    if score is None:
        return False
    rest = text[:score.start()] + " " + text[score.end():]
    return not any(ch.isdigit() for ch in rest) and 1 <= len(rest.split()) <= SCORE_LINE_MAX_WORDS


def _title_like(line: Line, credited_ok: bool = False) -> bool:
    """A line that could be the headline (``credited_ok``: even one read as the caption of
    the photo credit printed under it)."""
    vocabulary = None if credited_ok and line.vocabulary == CREDITED_CAPTION else line.vocabulary
    return (not line.blank and len(_MATCH_MINUTE.findall(line.text)) < 2 and 2 <= line.words <= TITLE_MAX_WORDS + 5 and len(line.text) <= 250
            and not (line.final_punct and line.text.rstrip()[-1:] in ".…") and not _caption_end(line.text)
            and line.date is None and vocabulary is None and not line.inline_list
            and not line.text.rstrip().endswith(_CONTINUES)
            and line.byline is None and line.masthead is None and line.credit is None
            and not _score_line(line.text) and len(_SCORE.findall(line.text)) < 2)


_FIGURE = re.compile(r"(?<!\d)\d{2,}(?!\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _run_figures(lines: list[Line], run: Run) -> set[str]:
    """The figures of two digits or more printed anywhere in the body run ``run`` (its table
    rows too), years (19xx, 20xx) left out: a kicker quoting one (``بأغلبية 178 صوتاً``) is on
    the story even when it shares no word with the headline or the first paragraphs."""
    return {m for line in lines[run.start:run.end + 1] for m in _FIGURE.findall(line.key)
            if not _YEAR.fullmatch(m)}


def _run_words(lines: list[Line], run: Run) -> set[str]:
    found: set[str] = set()
    taken = 0
    for line in lines[run.start:run.end + 1]:
        if line.score > 0 and line.words >= PROSE_MIN_WORDS:
            found |= content_words(line.key)
            taken += 1
            if taken == OVERLAP_PARAGRAPHS:
                break
    return found


def _title_score(line: Line, distance: int, body_words: set[str], bar_key: str | None,
                 dated_below: bool, printed_again: bool) -> float:
    own = content_words(line.key)
    shared = len(own & body_words)
    # Half the share of the line's words found in the body, half the count of shared words
    # (up to SHARED_WORDS_ENOUGH): a caption shares a larger part, a headline more words.
    overlap = (shared / max(len(own), SHORT_TITLE_WORDS) + min(shared, SHARED_WORDS_ENOUGH) / SHARED_WORDS_ENOUGH) / 2
    score = OVERLAP_WEIGHT * overlap + 1.0 / (1 + distance / 3)
    if dated_below:  # the headline stands above its date line; captions and bylines below it
        score += DATED_BELOW_BONUS
    if line.page_repeats > 1 or printed_again or (bar_key and line.key and line.key in bar_key):
        score += 0.5
    if 4 <= line.words <= TITLE_MAX_WORDS:
        score += 0.3
    if line.link_run:
        score -= 0.4
    if line.name_like or line.words < SHORT_TITLE_WORDS - 1:
        score -= 0.5
    if line.site_repeat:  # in another dump too: a ticker item, or this headline in a related list
        score -= 0.5
    return score


def _printed_again(lines: list[Line], line: Line) -> bool:
    """True when a line shortly above holds this line inside it (a ticker item ``عاجل TITLE``,
    a breadcrumb ending with the headline)."""
    for other in lines[max(0, line.index - REPEAT_LOOKBACK):line.index]:
        if other.key != line.key and len(other.key) < KEY_CONTAINS_MAX and line.key in other.key:
            return True
    return False


def _best_title(lines: list[Line], run: Run, bar_key: str | None) -> _Title | None:
    """The headline of ``run``: the best-scoring title-like line above it; when there is none
    good enough (:data:`TITLE_MIN_SCORE`), the best line read as a photo caption because a credit is printed under it (a lead photo
    with a credit and no caption, right under the headline: ``صورة: أرشيف``)."""
    body_words = _run_words(lines, run)
    best = _best_title_of(lines, run, body_words, bar_key, False)
    if best is None or best.score < TITLE_MIN_SCORE:
        credited = _best_title_of(lines, run, body_words, bar_key, True)
        if credited is not None and (best is None or credited.score > best.score):
            return credited
    return best


def _best_title_of(lines: list[Line], run: Run, body_words: set[str], bar_key: str | None,
                   credited_ok: bool) -> _Title | None:
    best: _Title | None = None
    distance = 0
    date_at: int | None = None  # distance of the nearest date line below
    for line in reversed(lines[:run.start]):
        if line.blank:
            continue
        distance += 1
        if line.date is not None and date_at is None:
            date_at = distance
        if distance > TITLE_WINDOW:
            break
        if not _title_like(line, credited_ok) or (line.index > 0 and lines[line.index - 1].text.rstrip().endswith(_CONTINUES)):
            continue
        dated_below = date_at is not None and distance - date_at <= DATED_BELOW_REACH
        score = _title_score(line, distance, body_words, bar_key, dated_below, _printed_again(lines, line))
        if best is None or score > best.score:
            best = _Title(line.index, line.text, score)
    if best is not None and (above := _headline_above_deck(lines, lines[best.index], body_words)) is not None:
        return _Title(above.index, above.text, best.score)
    return best


def _headline_above_deck(lines: list[Line], chosen: Line, body_words: set[str]) -> Line | None:
    """The line right above ``chosen`` when the pair reads as headline and deck: as long as a
    headline (no kicker: a kicker is short), printed once, not in a list, and telling the
    body's story too. The deck is closer to the body and often repeats it more, so the
    nearest-best choice alone would take it for the headline. When the page prints both in
    one run of short lines with its menu (no blank line between), the headline must
    outgrow the menu items above it."""
    above = next((l for l in reversed(lines[:chosen.index]) if not l.blank), None)
    crumb = next((l for l in reversed(lines[:above.index]) if not l.blank), None) if above is not None else None
    in_menu_run = (above is not None and above.link_run and not (chosen.link_run and _outgrows_menu(lines, above))
                   and not _alone_in_its_run_on_the_story(lines, above, body_words)
                   and not (crumb is not None and crumb.vocabulary == "breadcrumb"))  # the breadcrumb ends the menus
    if (above is None or not _title_like(above) or in_menu_run or above.page_repeats > 1 or above.site_repeat
            or above.under_label or above.name_like or above.text.rstrip().endswith((":", "："))
            or above.words < max(HEADLINE_ABOVE_MIN_WORDS, HEADLINE_OVER_DECK_RATIO * chosen.words)
            or above.words > chosen.words * 2):
        return None
    if _bare_phrase(above):
        return None
    shared = len(content_words(above.key) & body_words)
    return above if shared >= HEADLINE_ABOVE_SHARED else None


#: Prepositions a kicker opens with (folded): ``بعد شكاوى متكررة من المزارعين``.
_PHRASE_OPENERS = frozenset(chrome.norm_key(w) for w in
                            "بعد قبل في من على مع وسط رغم خلال بين عقب إثر بسبب لأول".split())


def _bare_phrase(line: Line) -> bool:
    """True when ``line`` is a prepositional phrase alone (``بعد شكاوى متكررة من المزارعين``):
    it opens with a preposition and holds no clause after a comma, colon or dash — a kicker,
    never a headline, which says what happened."""
    first = line.key.split(" ", 1)[0]
    return first in _PHRASE_OPENERS and not any(mark in line.text for mark in "،,:：-–—")


def _choose(lines: list[Line], runs: list[Run], bar_key: str | None) -> tuple[Run | None, _Title | None]:
    """The body run and its headline: the pair with the best log(run score) × headline score
    (the log keeps a long stretch of other prose, such as comment rules, from outweighing
    the article that has a headline)."""
    best: tuple[float, Run | None, _Title | None] = (float("-inf"), None, None)
    for run in runs:
        title = _best_title(lines, run, bar_key)
        weight = 1.0 + (title.score if title and title.score >= TITLE_MIN_SCORE else 0.0)
        value = math.log1p(run.score) * weight
        if value > best[0]:
            best = (value, run, title if title and title.score >= TITLE_MIN_SCORE else None)
    return best[1], best[2]


#: A deck written as sentences is at most this long, in words.
DECK_SENTENCE_MAX_WORDS = 45


def _without_deck_above_meta(lines: list[Line], body: Run, title: _Title, found: _Found) -> Run:
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
    rest = _first_prose(lines, meta.index + 1, body.end + 1)
    if rest is None:
        return body
    found.subtitle = first.text
    _set(first, "subtitle", "deck under the headline (sentences), above the date line")
    return Run(rest.index, body.end, body.score - first.score)


#: A widget splitting an article (poll, newsletter box, gallery, a list of cards) is at most
#: this many non-blank lines long.
CONTINUATION_MAX_GAP = 12
#: ...and the text after it shares at least this many content words with the article.
CONTINUATION_SHARED_WORDS = 2


#: The article's meta lines between a headline and its text: at most this many.
HEAD_META_MAX_LINES = 4


def _without_headline_on_top(lines: list[Line], run: Run) -> Run:
    """``run`` starting below its first line when that line is the headline — a question
    (``… متى تراجع الطبيب وكيف تحمي أسرتك هذا الشتاء؟``) scores as prose — with the article's
    meta lines under it (a byline, the date line) and its text after them — or right over its
    text when nothing above could be a headline (a print copy). A date line between an
    article's first two paragraphs is not how news pages are printed."""
    first = _first_prose(lines, run.start, run.end + 1)
    if first is None or not _title_like(first) or not first.text.rstrip().endswith(("؟", "?", "!")):
        return run
    meta = []
    for line in lines[first.index + 1:run.end + 1]:
        if line.blank:
            continue
        if line.score > 0 or len(meta) == HEAD_META_MAX_LINES:
            break
        meta.append(line)
    if not any(l.date is not None for l in meta):
        if meta or not _nothing_titled_above(lines, first):
            return run
        rest = _first_prose(lines, first.index + 1, run.end + 1)  # a print copy: the text right under it
        return Run(rest.index, run.end, run.score - first.score) if rest else run
    rest = _first_prose(lines, meta[-1].index + 1, run.end + 1)
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
    return all(l.link_run or l.vocabulary is not None or not _title_like(l) for l in above)


def _without_card_above(lines: list[Line], run: Run) -> Run:
    """``run`` starting below a card printed above the article when its first paragraph is
    followed by a date line and then a headline (``HEADLINE / SUMMARY / DATE`` of another
    story, then the article's ``HEADLINE``, its date, its text): the summary is no part of the
    article, whose body starts at the first prose line under that headline."""
    first = _first_prose(lines, run.start, run.end + 1)
    if first is None:
        return run
    after = [l for l in lines[first.index + 1:run.end + 1] if not l.blank][:2]
    if len(after) < 2 or after[0].date is None or not _title_like(after[1]) or after[1].score > 0:
        return run
    start = _first_prose(lines, after[1].index + 1, run.end + 1)
    if start is None:
        return run
    return Run(start.index, run.end, run.score - sum(l.score for l in lines[run.start:start.index]))


def _gallery_between(gap: list[Line]) -> bool:
    """Whether the lines between two runs are the article's gallery: counters (``3 / 8``) and
    pictures' captions only, at least one counter."""
    return any(in_gallery(l) for l in gap) and all(
        in_gallery(l) or (l.vocabulary or "").startswith("caption") for l in gap)


def _with_continuations(lines: list[Line], body: Run, runs: list[Run]) -> Run:
    """``body`` joined with the candidate runs that continue it after a widget set in the
    article (five or more chrome lines in a row end a run, so a poll or a box of cards cuts
    the body in two). A run continues the article when the widget between is short and holds
    no footer line (comments, tags, ©) and no date, the run is no list of stories, its first
    paragraph opens with the conjunction و as a following paragraph of Arabic news does
    (``وأوضح``, ``وللمرة الأولى``), and it speaks of the same things (shared content words) —
    or the widget is the article's own gallery, counters and captions only (``3 / 8``).
    The lines between are chrome, unless the article led in to them (a table after «:»)."""
    for nxt in sorted((r for r in runs if r.start > body.end), key=lambda r: r.start):
        gap = [l for l in lines[body.end + 1:nxt.start] if not l.blank]
        if len(gap) > CONTINUATION_MAX_GAP or any(
                l.date is not None or l.opens_footer
                for l in gap):
            break  # a dated line between is a card of another story: the article ended above it
        opening = _first_prose(lines, nxt.start, nxt.end + 1)
        if opening is None or _AND_OPENING.match(opening.text) is None or _listing(lines, nxt):
            break
        if (len(_run_words(lines, nxt) & _run_words(lines, body)) < CONTINUATION_SHARED_WORDS
                and not _gallery_between(gap)):
            break
        led_in = lines[body.end].text.rstrip().endswith((":", "："))  # «… على النحو التالي:» then a table
        widget = [] if led_in else gap[:-1] if _title_like(gap[-1]) and gap[-1].words <= HEADING_MAX_WORDS else gap
        for line in widget:
            _set(line, "chrome", "widget inside the article")  # the last line may head the text after it
        body = Run(body.start, nxt.end, body.score + nxt.score)
    return body


#: A card of another story is at most this many lines between its label and its date
#: (headline, summary, a picture's caption).
CARD_MAX_LINES = 3


def _before_dated_cards(lines: list[Line], body: Run) -> Run:
    """``body`` without the cards of other stories printed in it: a related-articles label
    (``قد يهمك أيضاً``, or a link printed once: ``اقرأ المزيد``) after the first paragraph, then
    a headline and summary, then the card's date line. When prose follows the date (or a
    subheading, then prose), the card sat inside the article and only its lines leave; else
    the article ended at the label. A date line with no such label above it (a timeline's
    entry) stays."""
    first = _first_prose(lines, body.start, body.end + 1)
    if first is None:
        return body
    after_end = next((l.index for l in lines[body.end + 1:] if not l.blank), body.end)
    for line in lines[first.index + 1:after_end + 1]:  # the last card's date may close the run
        if line.date is None or line.role:
            continue
        label = next((l for l in reversed(lines[first.index + 1:line.index])
                      if l.vocabulary == "related-articles label"
                      or (l.vocabulary == "navigation" and l.page_repeats == 1)), None)
        card = [l for l in lines[label.index + 1:line.index] if not l.blank] if label is not None else []
        if label is None or len(card) > CARD_MAX_LINES:
            continue
        below = [l for l in lines[line.index + 1:after_end + 1] if not l.blank][:3]
        if (len(below) == 3 and below[0].score <= 0 and _title_like(below[0])
                and below[0].words <= HEADING_MAX_WORDS and below[2].date is None):
            below = below[1:]  # the article's next subheading, then its text (not a card's summary)
        below = [l for l in below if l.index <= body.end]
        if below and below[0].score > 0:
            for part in (label, *card, line):
                _set(part, "chrome", "card of another story inside the article")
            continue
        last = _last_prose(lines, body.start, label.index) or first
        return Run(body.start, last.index, body.score)
    return body


#: A card's summary is one short sentence of at most this many words.
CARD_SUMMARY_MAX_WORDS = 15
#: Unlabelled cards end the body when at least this many follow one another.
UNLABELLED_CARDS_MIN = 2


def _card_ending_at(lines: list[Line], date: Line) -> Line | None:
    """The headline of a card of another story that ends with the date line ``date``: a short
    headline-like line, then a one-sentence summary, then the date; else ``None``."""
    above = []
    at = date.index - 1
    while at >= 0 and len(above) < 2:
        if not lines[at].blank:
            above.append(lines[at])
        at -= 1
    if len(above) < 2:
        return None
    summary, headline = above
    if (summary.final_punct and summary.words <= CARD_SUMMARY_MAX_WORDS and summary.date is None
            and summary.vocabulary is None and _title_like(headline) and headline.words <= HEADING_MAX_WORDS):
        return headline
    return None


#: A card's label (its section: ``أخبار الطقس``) is at most this many words.
CARD_LABEL_MAX_WORDS = 3


def _under_its_label(lines: list[Line], headline: Line) -> bool:
    """True when a card's ``headline`` has its label glued on top of it: a short line without
    punctuation right above, no blank line between (a subheading of the article stands alone
    over its paragraph)."""
    label = lines[headline.index - 1] if headline.index else None
    return (label is not None and not label.blank and label.words <= CARD_LABEL_MAX_WORDS
            and not chrome.ends_with_punct(label.text) and label.date is None and label.score <= 0)


def _closes_the_page_text(lines: list[Line], date: Line) -> bool:
    """True when no prose follows the card's ``date`` line on the page (its footer only)."""
    return not any(l.score > 0 and l.words > CARD_SUMMARY_MAX_WORDS for l in lines[date.index + 1:])


def _before_unlabelled_cards(lines: list[Line], body: Run) -> Run:
    """``body`` ended above the cards of other stories printed under it without a label: two
    or more cards one after another, each a headline, a one-sentence summary and a date line
    (the page's own repetition makes them cards, not the article's last lines) — or one such
    card with its section label glued on its headline, when no prose follows it on the page.
    Left alone when the article's prose goes on under them."""
    first = _first_prose(lines, body.start, body.end + 1)
    if first is None:
        return body
    after = list(islice((l for l in islice(lines, body.end + 1, None) if not l.blank),
                        CARD_MAX_LINES * UNLABELLED_CARDS_MIN))
    end = after[-1].index if after else body.end
    cards: list[tuple[Line, Line]] = []  # (headline, date line) of each card in a row
    for line in lines[first.index + 1:end + 1]:
        if line.date is None or line.role:
            continue
        headline = _card_ending_at(lines, line)
        if headline is None or headline.index <= first.index:
            cards = []
            continue
        if cards and _nonblank_between(lines, cards[-1][1].index, headline.index) > 0:
            cards = []
        cards.append((headline, line))
        if len(cards) == UNLABELLED_CARDS_MIN or (len(cards) == 1 and _under_its_label(lines, headline)
                                                  and _closes_the_page_text(lines, line)):
            start = cards[0][0]
            if start.index > body.end or any(l.score > 0 and l.words > CARD_SUMMARY_MAX_WORDS
                                             for l in lines[line.index + 1:body.end + 1]):
                return body  # below the body, or the article goes on under them
            last = _last_prose(lines, body.start, start.index) or first
            return Run(body.start, last.index, body.score)
    return body


#: A closing box is at most this many lines; its first line (the box's heading) this many words.
_STAMP_KINDS = ("clock time", "relative time")


def _previous(lines: list[Line], index: int) -> Line | None:
    return next((l for l in reversed(lines[:index]) if not l.blank), None)


def _next_line(lines: list[Line], index: int) -> Line | None:
    return next((l for l in lines[index + 1:] if not l.blank), None)


def _stamped_heading(lines: list[Line], line: Line, in_list_ok: bool = False) -> bool:
    """A short unpunctuated line right under a time stamp (``13:20``, ``منذ ساعتين``, a date);
    ``in_list_ok``: even when a copy without blank lines ran it into the list above it."""
    above = _previous(lines, line.index)
    return (not line.blank and line.words <= HEADING_MAX_WORDS and not line.final_punct
            and line.vocabulary is None and line.date is None and (in_list_ok or not line.link_run)
            and above is not None and (above.vocabulary in _STAMP_KINDS or above.date is not None))


def _with_first_entry_heading(lines: list[Line], body: Run) -> Run:
    """A live blog's entries are a time stamp, a heading, then text; the first entry's heading
    stands above the body run (a run starts on prose). It is taken in when the body's own
    entries show that shape: a heading inside the body stands under a stamp as well."""
    above = _previous(lines, body.start)
    # the body's own stamped headings vouch for it, even run into a list (a summary box's items)
    if above is None or above.role or not _stamped_heading(lines, above, in_list_ok=True):
        return body
    if not any(_stamped_heading(lines, l) for l in lines[body.start:body.end + 1]):
        return body
    return Run(above.index, body.end, body.score)


CLOSING_BOX_MAX_LINES = 40
CLOSING_BOX_HEADING_MAX_WORDS = 4
CLOSING_BOX_LINE_MAX_WORDS = 20


def _with_closing_box(lines: list[Line], body: Run) -> Run:
    """``body`` extended over a box of short lines that closes the article (``أرقام`` and its
    figures, a timeline, a list of points) when nothing but the page footer, or the end of the
    page, follows it. Its lines are short and unpunctuated, so they score as neutral or as a
    list and the body run stops before them; what tells them from a related-news list is that
    the box opens with a short heading (not a name), has no label, no date, no byline, and nothing in it is
    printed elsewhere in the page or the site."""
    kept: list[Line] = []
    for line in lines[body.end + 1:]:
        if line.blank or line.vocabulary in ("empty", "no words"):
            continue
        if line.opens_footer:
            break
        if (len(kept) == CLOSING_BOX_MAX_LINES or line.vocabulary or line.date is not None or line.under_label
                or line.byline or line.credit or line.page_repeats > 1 or line.site_repeat
                or line.inline_list or line.words > CLOSING_BOX_LINE_MAX_WORDS or line.full_stop):
            return body
        kept.append(line)
    if len(kept) < 3 or kept[0].words > CLOSING_BOX_HEADING_MAX_WORDS or kept[0].name_like:
        return body
    return Run(body.start, kept[-1].index, body.score)


#: A site's name is at most this many words (``وكالة أنباء جبل الخليل المستقلة للأخبار والتحقيقات``:
#: an official or agency name in full).
SITE_NAME_MAX_WORDS = 7
#: A line standing for the site's name alone (logo text, footer name) has at most this many words.
SITE_LINE_MAX_WORDS = 6


def _site_name(lines: list[Line], sites: list[tuple[int, str]]) -> str | None:
    """The site's name: the first candidate, in priority order, that the page prints as a line
    of its own (the logo text at the top, the name in the footer) — or that holds, or is held
    in, such a line (``موقع الرابية نيوز`` in a © line and ``الرابية نيوز`` alone; the credit
    ``(شنقيط)`` and the logo line ``وكالة شنقيط للأنباء``), which is then the name; else the
    first candidate that may stand unconfirmed. An agency credited for one story is never printed alone, the site is."""
    if not sites:
        return None
    ranked = sorted(sites, key=lambda s: s[0])
    alone = [l for l in lines if not l.blank and l.key and l.words <= SITE_LINE_MAX_WORDS and l.date is None
             and l.vocabulary is None and l.role in ("", "chrome", "site_name", "masthead")]
    logo = next((l for l in lines if not l.blank), None)
    for _, name in ranked:
        key = f" {chrome.norm_key(name)} "
        for line in alone:
            own = f" {_EDGE_SYMBOLS.sub('', line.key)} "
            if own == key:
                return name
            if own in key and not line.under_label and not (line.link_run and line.words == 1):
                return line.text  # not a tag or a one-word menu item (a place) the name holds
            if line is logo and key in own:
                return next((p for p in _LOGO_PARTS.split(line.text) if key in f" {chrome.norm_key(p)} "), line.text)
    for _, name in ranked:  # the same outlet named with another kind word (``مؤسسة الرمال`` / ``صحيفة الرمال``)
        core = _name_core(chrome.norm_key(name))
        if core:
            found = next((line.text for line in alone if _name_core(_EDGE_SYMBOLS.sub("", line.key)) == core), None)
            if found is not None:
                return found
    return next((name for priority, name in ranked if priority < UNCONFIRMED_ONLY), None)


#: The words that say what kind of outlet a name is, or describe it (folded): ``صحيفة``,
#: ``مؤسسة``, ``للصحافة والنشر``, ``الإخبارية`` — not the name itself.
_OUTLET_WORDS = frozenset(chrome.norm_key(w) for w in (
    "صحيفة جريدة مؤسسة موقع شبكة بوابة منصة وكالة مجلة قناة دار إذاعة للصحافة والنشر للنشر والصحافة "
    "للإعلام والإعلام الإخبارية الإخباري الإلكترونية الإلكتروني الالكترونية الالكتروني").split())


def _name_core(key: str) -> str:
    """A folded outlet name without its kind words (:data:`_OUTLET_WORDS`), when they were
    there and something is left: ``مؤسسه الرمال للصحافه والنشر`` → ``الرمال``; else ``""``."""
    words = key.split()
    core = [w for w in words if w not in _OUTLET_WORDS]
    return " ".join(core) if core and len(core) < len(words) else ""


#: Icons printed with a logo or a menu or search button (``☰البتراء نت``, ``NAME🔍``), not
#: part of the name.
_EDGE_SYMBOLS = re.compile(r"^[\W_]+|[\W_]+$")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _mostly_latin(name: str) -> bool:
    """At least half of the name's letters are Latin (``Carthage Info``, ``Delta University``)."""
    return len(_LATIN_LETTER.findall(name)) * 2 >= chrome.letters(name)


def _arabic_logo_beside(lines: list[Line], site: str | None) -> str | None:
    """The Arabic name printed beside a Latin-script site name in the logo at the top of the
    page (``جامعة الدلتا الأهلية`` over ``Delta National University``, ``أطلس 24`` over
    ``Atlas24.ma``: the logo line opens with the name's first two words): an Arabic site's
    name is the Arabic one; else ``site`` as it is."""
    if not site or not _mostly_latin(site):
        return site
    top = [l for l in lines if not l.blank][:LOGO_SEARCH_LINES]
    key = chrome.norm_key(site)
    lead = " ".join(key.split()[:2])  # «Oran Online SARL» (©) and the logo's «Oran Online - L'info …»
    for at, line in enumerate(top):
        if line.key != key and not (line.key.startswith(lead) and not line.key[len(lead):len(lead) + 1].isalnum()):
            continue
        for other in top[max(0, at - 1):at + 2]:
            if (other is not line and 1 <= other.words <= SITE_LINE_MAX_WORDS and other.vocabulary is None
                    and not _LATIN_LETTER.search(other.text) and other.date is None):
                return other.text
    return site


#: Candidates of this priority or lower (pieces of a © line) name the site only when the page
#: prints them alone as well.
UNCONFIRMED_ONLY = 9


#: The parts of a logo line such as ``المرفأ | صحيفة العرب الدولية`` (name, tagline).
_LOGO_PARTS = re.compile(r"\s+[|｜¦\-–—]\s+")


def _with_clock_below(lines: list[Line], date_line: Line, tz: tzinfo) -> DateMatch:
    """The article date, with its time when the date line prints none and the next line is
    a time alone (``… 12 نوفمبر 2025`` then ``11:40 م``): the two lines are read together
    by the one date grammar."""
    match = date_line.date.match
    below = next((l for l in lines[date_line.index + 1:date_line.index + 3] if not l.blank), None)
    if match.has_time or below is None or below.words > CLOCK_LINE_MAX_WORDS or below.role:
        return match
    joined = match_date(f"{date_line.text} {below.text}", tz)
    if joined is None or not joined.has_time or joined.value.date() != match.value.date():
        return match
    _set(below, "date", "time of the article date")
    return joined


#: A line holding only a time (``11:40 م``, ``٨:١٥ مساءً``, ``الساعة 20:15``) has at most this many words.
CLOCK_LINE_MAX_WORDS = 4


#: An author box's note on the writer is at most this many lines of at most this many words.
AUTHOR_BIO_MAX_LINES = 2
AUTHOR_BIO_MAX_WORDS = 30
_ROLE_WORD = re.compile(r"(?<!\w)(?:مراسل|محرر|كاتب|صحفي|استاذ|باحث|تكتب|يكتب|رئيس|مدير|خبير|محلل|اعلامي|"
                        r"مستشار|مديره|استاذه|باحثه|كاتبه|صحفيه|محرره|مراسله)")


def _without_author_box(lines: list[Line], body: Run, found: _Found) -> Run:
    """``body`` without the author box that closes columns and reports: the writer's name
    alone on a line (the byline's name, or a name printed in the head too), then a line or two saying
    who they are (``مراسل «الرواق» في لندن…``, ``أستاذة … تكتب في «الصباحية» كل ثلاثاء.``)."""
    tail = [l for l in lines[body.start:body.end + 1] if not l.blank]
    byline_key = chrome.norm_key(found.byline) if found.byline else None
    for size in range(1, AUTHOR_BIO_MAX_LINES + 1):
        if len(tail) <= size + 1:
            break
        bio, name = tail[-size:], tail[-size - 1]
        if not all(l.words <= AUTHOR_BIO_MAX_WORDS for l in bio) or not _ROLE_WORD.search(bio[0].key):
            continue
        if name.key and (name.key == byline_key or (name.name_like and (
                name.page_repeats > 1 or any(name.key in l.key for l in lines[:body.start] if l.key)))):
            for line in (name, *bio):
                _set(line, "chrome", "author box")
            previous = next(l for l in reversed(lines[body.start:name.index]) if not l.blank)
            return Run(body.start, previous.index, body.score)
    return body


def _set(line: Line, role: str, note: str) -> None:
    line.role, line.note = role, note


def _pick_date(lines: list[Line], title_at: int | None, body: Run | None) -> Line | None:
    """The article's date line: in the head between headline and body, else just above
    the headline, else just below the body; a "last updated" line only when alone."""
    anchor = title_at if title_at is not None else (body.start if body else 0)
    body_start = body.start if body else len(lines)
    head = [l for l in lines[anchor:body_start] if l.date is not None and not l.role]
    above = [l for l in lines[:anchor] if l.date is not None and not l.role
             and _nonblank_between(lines, l.index, anchor) < DATE_ABOVE_WINDOW
             and not any(m.link_run for m in lines[l.index + 1:anchor])]
    below = []
    if body:
        below = [l for l in lines[body.end + 1:] if l.date is not None
                 and _nonblank_between(lines, body.end, l.index) < DATE_BELOW_WINDOW]
    for group in (head, list(reversed(above)), below):
        if group:
            published = [l for l in group if not l.date.is_update] or group
            timed = [l for l in published if l.date.match.has_time] or published
            chosen = timed[0]
            if group is not below and not chosen.date.match.has_time:
                # a date without a time above the headline may be the page header's date of the
                # day; the same day printed with its time under the body is the article's
                same_day = [l for l in below if not l.date.is_update and l.date.match.has_time
                            and l.date.match.value.date() == chosen.date.match.value.date()]
                if same_day:
                    return same_day[0]
            return chosen
    return None


def _date_in_printed_url(lines: list[Line], title_at: int | None, body: Run | None, tz: tzinfo) -> DateMatch | None:
    """When no date line was found: the date in the path of a web address the page prints
    from its headline down to just below the body (a short link ``الرابط المختصر: https://…/2026/11/29/…``)."""
    start = title_at if title_at is not None else (body.start if body else 0)
    for line in lines[start:]:
        if body and line.index > body.end and _nonblank_between(lines, body.end, line.index) >= DATE_BELOW_WINDOW:
            break
        if line.blank or "://" not in line.text:
            continue
        found = url_date(line.text, tz)
        if found is not None:
            _set(line, "date", "article date in the page's printed web address (no date line)")
            return found
    return None


#: A "last updated" line counts this close to the article's date line (non-blank lines).
UPDATE_WINDOW = 2


def _update_time(lines: list[Line], date_line: Line, published: DateMatch, tz: tzinfo,
                 body: Run | None) -> datetime | None:
    """The "last updated" time printed with the article date: a later date on the date line
    after an update label (``نُشر: DATE | آخر تحديث: DATE``), else an update line right above or
    below it (``حُدّث في: DATE``), else one just below the ``body`` (``آخر تحديث: 3 كانون الأول
    2026 | 09:15`` closing the article); ``None`` unless it is later than ``published``."""
    candidates: list[datetime] = []
    printed = find_dates(date_line.text, tz)
    for before, this in zip(printed, printed[1:]):
        if says_updated(date_line.text[before.end:this.start]):
            candidates.append(this.value)
    if not candidates:
        near = [l for l in lines[max(0, date_line.index - 2 * UPDATE_WINDOW):date_line.index + 2 * UPDATE_WINDOW + 1]
                if l is not date_line and not l.blank and l.date is not None and l.date.is_update
                and _nonblank_between(lines, *sorted((l.index, date_line.index))) < UPDATE_WINDOW]
        candidates = [l.date.match.value for l in near]
    if not candidates and body is not None:
        candidates = [l.date.match.value for l in lines[body.end + 1:]
                      if l is not date_line and l.date is not None and l.date.is_update
                      and _nonblank_between(lines, body.end, l.index) < DATE_BELOW_WINDOW][:1]
    later = [value for value in candidates if value > published.value]
    return later[0] if later else None


def _head_start(lines: list[Line], body: Run | None) -> int:
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


def _deck_like(line: Line, ending_comma_ok: bool = False, in_list_ok: bool = False) -> bool:
    """A deck (subtitle) line: title-like, at least :data:`DECK_MIN_WORDS` words (one fewer
    when it holds a function word: a phrase such as «اكتشاف قرب جزر حوار», never a name), not a name,
    list item (unless ``in_list_ok``: the headline itself stands in the same run of short lines,
    a page head printed without blank lines), repeated line or match score, not ending a sentence."""
    text = line.text.rstrip()
    if ending_comma_ok and text.endswith(_CONTINUES):
        text = text.rstrip("،,؛; ")
    shaped = _title_like(line) or (ending_comma_ok and text != line.text.rstrip() and not line.blank
                                   and line.date is None and line.vocabulary is None)
    least = DECK_MIN_WORDS - 1 if line.function_share else DECK_MIN_WORDS
    return (shaped and least <= line.words <= DECK_MAX_WORDS and not line.name_like
            and not _score_line(text)
            and (in_list_ok or not line.link_run) and line.page_repeats == 1
            and not chrome.ends_sentence(text.rstrip("!؟?")))


def _read_head(lines: list[Line], lo: int, hi: int, found: _Found, title: _Title | None) -> None:
    """Roles of the head lines ``lo``..``hi`` (exclusive) between headline and body."""
    expect_name_for: str | None = None
    deck_checked = title is None or title.index is None
    title_key = chrome.norm_key(title.text) if title else None
    for line in lines[lo:hi]:
        if line.blank:
            continue
        if line.key == title_key and not line.role:
            _set(line, "repeated_title", "headline printed again")
            continue
        if line.role:
            deck_checked = True
            continue
        taken, expect_name_for = _read_masthead(line, expect_name_for, found)
        if taken:
            continue
        aggregated = chrome.parse_aggregator(line.text)
        if aggregated:
            before, site = aggregated
            found.site(2, site)
            if before and chrome.looks_like_name(before):
                found.byline = found.byline or clean_inline(before)
            _set(line, "chrome", "aggregator line: نشر في SITE يوم DATE")
            continue
        if line.date is not None:
            found.site(3, line.date.site)
            _set(line, "chrome", "date line (not the article's)")
            continue
        if line.byline:
            found.byline = found.byline or clean_inline(line.byline)
            _set(line, "byline", "byline")
            deck_checked = True
            continue
        credit = _credit_by_page(line.credit, lines, line) if line.credit else None
        if credit and line.vocabulary == "caption":  # ``Photo d'archives / SITE``: the picture's, no writer
            credit = chrome.Credit(place=None, source=credit.source, person=None)
        if credit:
            found.site(5, credit.source)
            found.byline = found.byline or (clean_inline(credit.person) if credit.person else None)
            if credit.place and not found.dateline:
                found.dateline = clean_inline(credit.place)
            _set(line, "byline" if credit.person else "chrome", "credit/dateline line")
            deck_checked = True
            continue
        if (filed := chrome.parse_place_credit(line.text)) is not None:
            found.site(5, filed.source)
            found.byline = found.byline or (clean_inline(filed.person) if filed.person else None)
            found.dateline = found.dateline or clean_inline(filed.place)
            _set(line, "byline" if filed.person else "chrome", "PLACE: CREDIT under the headline")
            deck_checked = True
            continue
        if (named := chrome.name_with_job_title(line.text)) is not None:
            found.byline = found.byline or named
            _set(line, "byline", "writer's name and job title")
            continue
        if not deck_checked:
            deck_checked = True
            headline_in_list = title is not None and title.index is not None and lines[title.index].link_run
            if _deck_like(line, ending_comma_ok=True, in_list_ok=headline_in_list):
                deck = [line]
                while (deck[-1].index + 1 < hi
                       and _deck_like(lines[deck[-1].index + 1], ending_comma_ok=True, in_list_ok=headline_in_list)
                       and _continues(deck[-1], lines[deck[-1].index + 1])):
                    deck.append(lines[deck[-1].index + 1])
                found.subtitle = " ".join(d.text for d in deck)
                for part in deck:
                    _set(part, "subtitle", "deck under the headline" + (" (continued)" if part is not line else ""))
                continue
        if line.teaser:
            _set(line, "teaser", "meta description: deck glued to body start")
            continue
        if line.vocabulary:
            _set(line, "chrome", line.vocabulary)
        elif line.name_like and title_key and line.key in title_key:
            _set(line, "chrome", "the headline's subject named alone (a caption)")
        elif line.name_like and not found.byline and not line.link_run:
            found.byline = line.text
            _set(line, "byline", "name alone near the headline")
        elif not found.byline and (filed := chrome.parse_place_byline(line.text)):
            found.byline = clean_inline(filed.person)
            found.dateline = found.dateline or clean_inline(filed.place)
            _set(line, "byline", "PLACE: NAME under the headline")
        else:
            _set(line, "chrome", "head line (caption, section, widget)")


def _credit_by_page(credit: chrome.Credit, lines: list[Line], at: Line) -> chrome.Credit:
    """A ``NAME - SITE`` credit read the other way round when the page says so: the part
    printed elsewhere in the page (a © line, a title bar, a menu) is the site; so is a part
    the page prints as a line of its own (its logo) when the other part is not (``زنقة بريس -
    الدار البيضاء``: SITE - CITY; ``بوابة النيل - سارة عبد المنعم``: SITE - REPORTER)."""
    def printed_elsewhere(part: str) -> bool:
        key = chrome.norm_key(part)
        return any(key in other.key for other in lines if other is not at and other.key
                   and len(other.key) <= KEY_CONTAINS_MAX)

    def printed_alone(part: str) -> bool:
        key = chrome.norm_key(part)
        return any(other.key == key for other in lines if other is not at)

    if credit.place and credit.person and not credit.source:
        if printed_alone(credit.place) and not printed_alone(credit.person):
            return chrome.Credit(place=None, source=credit.place, person=credit.person)
        return credit
    if not credit.person or not credit.source:
        return credit
    if printed_alone(credit.person) and not printed_alone(credit.source):
        other = credit.source  # a reporter's name, printed nowhere else; or a place
        if chrome.looks_like_name(other) and not printed_elsewhere(other):
            return chrome.Credit(place=credit.place, source=credit.person, person=other)
        return chrome.Credit(place=credit.place or other, source=credit.person, person=None)
    if printed_elsewhere(credit.person) and not printed_elsewhere(credit.source):
        return chrome.Credit(place=credit.place, source=credit.person, person=credit.source)
    return credit


def _read_aggregator(line: Line, found: _Found, has_title: bool) -> None:
    """What an aggregator date line ``BEFORE نشر في SITE يوم DATE`` carries besides the date:
    a byline or the deck glued in front of it."""
    aggregated = chrome.parse_aggregator(line.text)
    if not aggregated:
        return
    before, _ = aggregated
    if before and chrome.looks_like_name(before):
        found.byline = found.byline or clean_inline(before)
    elif before and has_title and found.subtitle is None:
        found.subtitle = clean_inline(before)


#: A line holding these is a section path or a menu, not a kicker (``أخبار|المغرب العربي``).
_PATH_MARKS = ("|", "»", "›", " / ", " • ", " · ")


def _in_bar(line: Line, title: Line, bar_headline: str | None) -> bool:
    """True when the title bar's headline carries most of ``line``'s own words besides the
    headline's (a bar printing «KICKER.. HEADLINE»)."""
    if not bar_headline:
        return False
    own = content_words(line.key) - content_words(title.key)
    return bool(own) and len(own & content_words(chrome.norm_key(bar_headline))) * 2 >= len(own)


#: A kicker standing under menu or section words has at least this many words, and twice
#: as many as any of the :data:`KICKER_MENU_LOOKBACK` lines above it.
KICKER_UNDER_MENU_MIN_WORDS = 3
KICKER_MENU_LOOKBACK = 3


def _alone_in_its_run_on_the_story(lines: list[Line], line: Line, body_words: set[str]) -> bool:
    """True when ``line``, the last of a run of alike lines (a ticker of headlines glued to the
    article's headline), tells the body's story and the lines of the run above it do not (each
    shares one word with the body at most, or a third of what ``line`` shares)."""
    run_above = []
    for other in reversed(lines[:line.index]):
        if other.blank or not other.link_run:
            break
        run_above.append(other)
    below = next((l for l in lines[line.index + 1:] if not l.blank), None)
    if not run_above or (below is not None and below.link_run):
        return False
    shared = len(content_words(line.key) & body_words)
    if shared < HEADLINE_ABOVE_SHARED + 1:
        return False
    return all(len(found := content_words(o.key) & body_words) < 2 or 3 * len(found) <= shared for o in run_above)


def _outgrows_menu(lines: list[Line], line: Line) -> bool:
    """True when ``line``, taken into a run of alike short lines (``محليات``, ``الصحة``), is
    much longer than the menu or section words just above it: a kicker, not one more item."""
    above = [l for l in reversed(lines[:line.index]) if not l.blank][:KICKER_MENU_LOOKBACK]
    return (line.words >= KICKER_UNDER_MENU_MIN_WORDS and bool(above)
            and all(line.words >= 2 * l.words for l in above))


def _names_the_headline_topic(lines: list[Line], line: Line, headline: Line) -> bool:
    """True when ``line``, taken into a run of alike short lines (the menu above the article),
    shares a content word with the headline under it (``تحضيرات الإياب`` over ``… لمواجهة
    الإياب …``, ``في رحاب الحرف`` over ``… الحرف العربي …``) and none with the lines just
    above it: a kicker on the story. Items of one menu share words (``كرة القدم``, ``كرة
    السلة``): such a line is the menu's item for the article's section."""
    own = content_words(line.key)
    if line.words < 2 or not own & content_words(headline.key):
        return False
    above = [l for l in reversed(lines[:line.index]) if not l.blank][:KICKER_MENU_LOOKBACK]
    return not any(own & content_words(l.key) for l in above)


#: A title bar printed below the page's first line stands at most this many lines above the
#: headline it repeats.
BAR_ABOVE_HEADLINE_MAX_LINES = 2


def _bar_over_its_headline(lines: list[Line], at: int):
    """The title bar in line ``at`` — the line chosen as the headline — when one side of it is
    printed again as its own line right below (``بوابة الأخبار | ارتفاع أسعار الذهب …`` over
    ``ارتفاع أسعار الذهب …``: a copy that caught the page's title bar under the menu), and its
    other side names no menu item or section the page prints alone; else ``None``."""
    bar = find_title_bar([l.text for l in lines], [l.key for l in lines], at)
    if bar is None or bar.head_index is None or chrome.chrome_kind(bar.site) is not None:
        return None
    if _nonblank_between(lines, at, bar.head_index) >= BAR_ABOVE_HEADLINE_MAX_LINES:
        return None
    site_key = chrome.norm_key(bar.site)
    if any(l.key == site_key for l in lines if l.index != at):
        return None  # «اقتصاد | HEADLINE»: a section path, the section printed in the menu
    return bar


def _kicker(lines: list[Line], title: _Title, bar_headline: str | None, body_words: set[str]) -> Line | None:
    """A kicker printed right above the headline: short (or printed in the title bar with
    the headline), title-like, not a menu item."""
    for line in reversed(lines[:title.index]):
        if line.blank:
            continue
        title_words = lines[title.index].words
        topical = _names_the_headline_topic(lines, line, lines[title.index])
        upper = next((l for l in reversed(lines[:line.index]) if not l.blank), None)
        under_crumb = upper is not None and upper.vocabulary == "breadcrumb" and line.words >= 3  # the breadcrumb ends the menus
        if (_title_like(line) and (not line.link_run or topical or under_crumb or _outgrows_menu(lines, line))
                and line.page_repeats == 1 and (not line.name_like or topical)
                and not any(mark in line.text for mark in _PATH_MARKS)
                and (line.words < KICKER_RATIO * title_words or _in_bar(line, lines[title.index], bar_headline))
                and line.words >= 2
                and not chrome.ends_sentence(line.text.rstrip("!؟?"))):
            if (upper is not None and _title_like(upper) and not upper.link_run and upper.words >= 4
                    and not content_words(line.key) & (body_words | content_words(lines[title.index].key))):
                return None
            return line
        return None
    return None


_COPYRIGHT_OWNER_SUFFIXES = ("لـ", "ل", "لصالح")


#: The site's logo stands in the page's first lines, its name again in the last ones.
LOGO_SEARCH_LINES = 8
FOOTER_SEARCH_LINES = 25
_NAME_THEN_MORE = re.compile(r"\s*(?:[-–—|،,©:]|\(c\))")


def _read_logo_repeated(lines: list[Line], body: Run | None, found: _Found) -> None:
    """The site's name from the page's own repetition: a short line among its first lines
    (the logo's text) that the footer prints again — alone outside a menu, at the head of a
    line (``NAME - ADDRESS``, ``NAME © 2026``, ``NAME الإلكترونية - مرخصة …``), or owning the
    rights (``محفوظة لNAME``)."""
    shown = [l for l in lines if not l.blank]
    top = [l for k, l in enumerate(shown[:LOGO_SEARCH_LINES])
           if 1 <= l.words <= SITE_NAME_MAX_WORDS and l.date is None and l.vocabulary is None
           and not l.role.startswith(("title", "subtitle")) and any(ch.isalpha() for ch in l.text)
           and not _menu_item_inside(shown, k)]
    after = body.end if body else -1
    bottom = [l for l in shown[-FOOTER_SEARCH_LINES:] if l.index > after]
    for logo in top:
        key = logo.key
        # ``محفوظة لNAME``; ل before ال drops the alef: ``للفيحاء`` for ``الفيحاء``
        owned = re.escape(key) + (f"|ل{re.escape(key[2:])}" if key.startswith("ال") else "")
        if any(line is not logo and _prints_logo_again(line, key, owned) for line in bottom):
            found.site(0, logo.text)
            return
    if shown and shown[0] in top and _names_itself(shown[0], shown[1:]):
        found.site(0, shown[0].text)


#: What a page calls itself before its name (folded): ``تطبيق NAME``, ``موقع NAME``.
_SELF_NAMED = re.compile(r"(?<![^\W\d_])(?:تطبيق|موقع|صحيفه|جريده|بوابه|منصه|قناه)\s+")


def _names_itself(logo: Line, others: list[Line]) -> bool:
    """True when the page's first line (the logo's text) is printed again in another line after
    a word saying what it is: ``تمت المشاركة من تطبيق NAME``, ``حمّل تطبيق NAME لمتابعة …`` (an
    app-share copy, which has no footer)."""
    key = logo.key
    for line in others:
        at = line.key.find(key)
        if at > 0 and not line.role.startswith(("title", "subtitle")):
            end = at + len(key)
            before = _SELF_NAMED.search(line.key, max(0, at - 8), at)
            if before is not None and before.end() == at and (end == len(line.key) or not line.key[end].isalnum()):
                return True
    return False


#: A masthead naming the kind of outlet it is opens with one of these words (folded).
_MASTHEAD_KINDS = frozenset(chrome.norm_key(w) for w in
                            "صحيفة جريدة موقع مجلة بوابة شبكة وكالة منصة مدونة قناة إذاعة".split())


def _read_kind_masthead(lines: list[Line], found: _Found) -> None:
    """The site's name from the page's first line when it names itself by its kind
    (``مدونة أخبار آدرار``, ``صحيفة الوادي``): two to five words, the first a kind word, no
    date. A blog's title is often printed nowhere else."""
    first = next((l for l in lines if not l.blank), None)
    if (first is not None and 2 <= first.words <= 5 and first.date is None and first.vocabulary is None
            and not first.role.startswith(("title", "subtitle"))
            and first.key.split()[0] in _MASTHEAD_KINDS):
        found.site(6, first.text)


def _menu_item_inside(shown: list[Line], k: int) -> bool:
    """True when ``shown[k]`` is one word in the middle of a menu — items of one or two words
    glued above and below it (``سياسة`` / ``اقتصاد`` / ``تحقيقات``): a section, which the
    footer's menu or a card's label prints again, not the logo (that heads the menu or stands
    apart from it)."""
    line = shown[k]
    if line.words != 1 or not line.link_run or not 0 < k < len(shown) - 1:
        return False
    return all(n.link_run and n.words <= 2 and abs(n.index - line.index) == 1 for n in (shown[k - 1], shown[k + 1]))


def _prints_logo_again(line: Line, key: str, owned: str) -> bool:
    """True when the footer line ``line`` prints the logo's ``key`` again: alone outside a
    menu; at its head before a separator (``NAME - …``, ``NAME © …``), or before one further on
    when the line is no menu item (``NAME الإلكترونية - …``); or owning the rights (``owned``:
    the pattern of ``key`` as ``محفوظة لNAME`` prints it)."""
    if line.key == key:
        return not line.link_run
    if line.key.startswith(key) and (_NAME_THEN_MORE.match(line.key, len(key)) or (
            line.key.startswith(key + " ") and not line.link_run and _NAME_THEN_MORE.search(line.key, len(key)))):
        return True
    return _rights_line(line.text) and re.search(rf"(?<![^\sل])(?:{owned})(?![^\W\d_])", line.key) is not None


#: What a site calls itself in the sentence about it (folded): ``SITE مجلة إلكترونية تعنى …``.
_SELF_KIND = re.compile(r"\s*[:،,\-–]?\s*(?:صحيفه|جريده|موقع|مجله|بوابه|شبكه|وكاله|قناه|اذاعه|منصه|مؤسسه|نشره)(?![^\W\d_])")


def _before_self_description(lines: list[Line], body: Run, site: str | None) -> Run:
    """``body`` ended above the site's sentence about itself (``شام الثقافية مجلة إلكترونية
    تعنى بالثقافة …``, ``الخليج المالي: بوابة الأخبار …``): the footer's about box, printed as
    prose, that a run of prose carries on into."""
    if not site:
        return body
    key = chrome.norm_key(site)
    first = _first_prose(lines, body.start, body.end + 1)
    for line in lines[first.index + 1 if first else body.start:body.end + 1]:
        if line.key.startswith(key) and _SELF_KIND.match(line.key, len(key)):
            last = _last_prose(lines, body.start, line.index)
            if last is None:
                return body
            _set(line, "chrome", "the site's sentence about itself")
            return Run(body.start, last.index, body.score)
    return body


def _rights_line(text: str) -> bool:
    return bool(_RIGHTS_WORDS.search(text)) or "©" in text


def _read_chrome_sites(lines: list[Line], found: _Found) -> None:
    """Site-name candidates from a footer line ``NAME - TAGLINE`` saying what the site is, and
    from the © / "rights reserved" line (or the line after it)."""
    _read_tagline(lines, found)
    for line in lines:
        if line.blank or line.vocabulary != "footer/meta line":
            continue
        name = chrome_site(line.text)
        if name:
            found.site(4, name)
        elif (line.text.split() or [""])[-1] in _COPYRIGHT_OWNER_SUFFIXES and _rights_line(line.text):
            nxt = next((l for l in lines[line.index + 1:] if not l.blank), None)
            if nxt is not None and nxt.words <= SITE_NAME_MAX_WORDS:
                found.site(8, nxt.text)
        elif _rights_line(line.text):
            for part in _RIGHTS_SPLIT.split(_RIGHTS_PHRASES.sub("|", line.text)):
                if 1 <= chrome.words(part) <= SITE_NAME_MAX_WORDS:
                    found.site(UNCONFIRMED_ONLY, part)  # ``NAME © 2025 …``, ``… محفوظة - NAME - CITY``: kept if printed alone


#: Longest line ``NAME - TAGLINE`` (``وادي عُمان - صحيفة يومية مستقلة``), in words.
TAGLINE_MAX_WORDS = 10
#: What a tagline says the site is.
_PUBLICATION = re.compile(r"(?<![^\W\d_])(?:صحيفة|جريدة|موقع|مجلة|بوابة|شبكة|وكالة|قناة|إذاعة|منصة)(?![^\W\d_])")


def _read_tagline(lines: list[Line], found: _Found) -> None:
    """The site's name from a line ``NAME - TAGLINE`` whose tagline says what kind of
    publication it is (``كازا بريس 24 - جريدة إلكترونية مغربية``) and whose name the page also
    prints as a line of its own (the logo): the page repeating its own name."""
    alone = {line.key for line in lines if not line.blank and line.key and line.words <= 4}
    for line in lines:
        if line.blank or line.words > TAGLINE_MAX_WORDS:
            continue
        parts = _LOGO_PARTS.split(line.text)
        if (len(parts) == 2 and _PUBLICATION.match(parts[1].strip()) and 1 <= chrome.words(parts[0]) <= 4
                and chrome.norm_key(parts[0]) in alone):
            found.site(4, parts[0].strip())
            return


# ``جميع الحقوق محفوظة لـ SITE`` / ``© 2022 SITE.``; bounded repeats keep them linear.
# A name may hold a number (``الإمارات 360``); a year ends it.
_RIGHTS_OWNER = re.compile(r"محفوظة\s+(?:لـ|ل)\s*(?P<site>[^©.\d\s][^©.]{1,39}?)\s*(?:[.©،,]|(?<!\S)\d{4}|$)")
_COPYRIGHT_OWNER = re.compile(r"©\s*(?:\d{4}\s*)?(?P<site>[^\W\d_][^©.]{1,39}?)\s*(?:[.©،,]|(?<!\S)\d{4}|$)")
#: ``NAME © 2026 - PLACE``: the name the line opens with, before the mark, owns it.
_OWNER_BEFORE_MARK = re.compile(r"^\s*(?P<site>[^\W\d_][^©|.]{1,39}?)\s*©")
#: Calendar marks printed with a year (``1448هـ / 2026م``): no part of a name.
_YEAR_MARKS = re.compile(r"(?<![^\W\d_])(?:هـ|ه|م)(?![^\W\d_])")
_SPACED_SEPARATOR = re.compile(r"\s+[-–—|]\s+")
_RIGHTS_WORDS = re.compile(r"حقوق|محفوظة|reserved|rights|copyright|droits|réservés", re.IGNORECASE)
_RIGHTS_PHRASES = re.compile(r"جميع الحقوق محفوظة|كافة الحقوق محفوظة|حقوق النشر|الحقوق محفوظة|محفوظة|"
                             r"all rights reserved|tous droits réservés|copyright|\(c\)|©|\d{4}", re.IGNORECASE)
_RIGHTS_SPLIT = re.compile(r"\s*[|\-–—.,،]\s*")


def chrome_site(text: str) -> str | None:
    """The site named in a copyright line, else ``None``. A line naming the site in Latin
    letters and in Arabic (``© Carthage Info 2026 - قرطاج أنفو``) names it in Arabic."""
    for pattern in (_RIGHTS_OWNER, _OWNER_BEFORE_MARK, _COPYRIGHT_OWNER):
        m = pattern.search(text)
        if m and _RIGHTS_WORDS.search(m["site"]):  # ``© 2026 NAME - Tous droits réservés``
            m = pattern.search(_SPACED_SEPARATOR.split(text[m.start():])[0])
        if (m and chrome.words(m["site"]) <= SITE_NAME_MAX_WORDS and not _RIGHTS_WORDS.search(m["site"])
                and chrome.letters(_YEAR_MARKS.sub("", m["site"])) >= 2):
            site = m["site"].strip(" -–—|/")
            return _arabic_side(text, site) or site
    return None


def _arabic_side(text: str, site: str) -> str | None:
    """The Arabic name printed beside a Latin-script ``site`` in the © line ``text``, if any."""
    if not _mostly_latin(site):
        return None
    for part in _RIGHTS_SPLIT.split(_RIGHTS_PHRASES.sub("|", text)):
        part = part.strip()
        if (1 <= chrome.words(part) <= SITE_NAME_MAX_WORDS and chrome.letters(_YEAR_MARKS.sub("", part)) >= 2
                and not _LATIN_LETTER.search(part) and not _MADE_BY.search(part)):
            return part
    return None


#: The designer's credit printed in a © line (``تصميم وتطوير شركة …``): no name of the site.
_MADE_BY = re.compile(r"تصميم|تطوير|برمجة|استضافة|بواسطة|مدعوم")


#: A run holding this many dated or boilerplate lines, and no more prose lines, is a list
#: of stories (a section page), not an article.
LISTING_MIN_ITEMS = 3
#: Longest photo caption, in words (a gallery caption is one sentence).
CAPTION_MAX_WORDS = 25
#: A neutral line inside the body (no chrome word, printed once, no date) of at most this many
#: words stays in it: a subheading, or an item such as a match's scorers (``الأهداف: علي كاظم
#: (23) لنفط البصرة، حسين جبار (61) …``, 13 words); the same as an unpunctuated line's prose length.
LONG_ITEM_MAX_WORDS = 20
#: A photo credit line: ``© REUTERS / NAME``, ``صورة: …``, ``(أ ف ب)``.
_PHOTO_CREDIT = re.compile(r"^\s*(?:©|\(c\)|صورة\s*:|الصورة\s*:|تصوير\s*:)", re.IGNORECASE)


def _widget_block(lines: list[Line], run: Run) -> set[int]:
    """Lines of a poll set inside the body: the short lines printed with a poll label or button
    (``استطلاع رأي``, ``صوت الآن``) with no blank line or full stop between — its question and
    answers. Below its last poll line it takes answers only up to a short line that stands right
    above prose: that one is the article's next subheading."""
    taken: set[int] = set()

    def short(line: Line) -> bool:
        return not line.blank and line.words <= HEADING_MAX_WORDS and not line.full_stop

    for line in lines[run.start:run.end + 1]:
        if line.vocabulary != "poll" or line.index in taken:
            continue
        start = end = line.index
        while start - 1 >= run.start and short(lines[start - 1]):
            start -= 1
        while end + 1 <= run.end and short(lines[end + 1]):
            end += 1
        last_poll = max(i for i in range(line.index, end + 1) if lines[i].vocabulary == "poll")
        if last_poll > line.index:  # a button closes the widget
            end = last_poll
        elif end > last_poll and end + 1 < len(lines) and lines[end + 1].score > 0:
            end -= 1  # a subheading over the next part
        taken.update(range(start, end + 1))
    return taken


def _body_lines(lines: list[Line], run: Run, title: _Title | None, subtitle_key: str | None,
                found: _Found) -> list[BodyLine]:
    body: list[BodyLine] = []
    title_key = lines[title.index].key if title and title.index is not None else None
    after_credit = captioned = False
    poll = _widget_block(lines, run)
    for line in lines[run.start:run.end + 1]:
        if line.blank:
            _set(line, "blank", "")
            continue
        if line.role == "chrome":
            continue  # a widget between two parts of the article
        if line.index in poll:
            _set(line, "chrome", "poll inside the body (question, answers)")
            continue
        follows_credit = after_credit
        after_credit = _PHOTO_CREDIT.match(line.text) is not None and not captioned
        captioned = False
        if follows_credit and line.words <= HEADING_MAX_WORDS and not line.final_punct:
            _set(line, "chrome", "caption or card under a photo credit")
            continue
        below = lines[line.index + 1] if line.index + 1 < len(lines) else None
        if (below is not None and _PHOTO_CREDIT.match(below.text) and line.words <= CAPTION_MAX_WORDS
                and not after_credit):
            _set(line, "chrome", "photo caption above its credit")
            captioned = True  # the photo's caption is this line: a short line under the credit is the text's own
            continue
        if line.key == title_key:
            _set(line, "repeated_title", "headline printed again")
            continue
        if subtitle_key and line.key == subtitle_key:
            _set(line, "chrome", "deck printed again")
            continue
        if line.score < 0 and not (line.site_repeat and line.prose_like) and not (
                line.words <= LONG_ITEM_MAX_WORDS and line.page_repeats == 1
                                   and line.vocabulary is None and not line.under_label
                                   and line.date is None and not line.site_repeat and not line.teaser):
            _set(line, "chrome", "boilerplate inside the body")
            continue
        if line.masthead:
            _set(line, "chrome", "masthead inside the body")
            continue
        raw = line.raw
        if not body:
            raw = _strip_glued_credit(line, found)
        body.append(BodyLine(line.index, raw))
    return _without_captions_set_alike(lines, run, body)


#: Blank lines on each side that set a line apart as a block of its own (an image and its
#: caption copy with more space around them than a paragraph or a subheading).
SET_APART_BLANKS = 2


def _blanks_around(lines: list[Line], at: int) -> tuple[int, int]:
    """Blank lines right above and right below line ``at``."""
    above = below = 0
    while at - above - 1 >= 0 and lines[at - above - 1].blank:
        above += 1
    while at + below + 1 < len(lines) and lines[at + below + 1].blank:
        below += 1
    return above, below


def _without_captions_set_alike(lines: list[Line], run: Run, body: list[BodyLine]) -> list[BodyLine]:
    """Photo captions between paragraphs, told by the page's own repetition: when a line of
    the body that the page prints elsewhere too (the lead photo's caption again beside its
    picture) stands set apart — :data:`SET_APART_BLANKS` blank lines or more above and below
    it —, the short unpunctuated body lines set apart the same way are captions of the other
    pictures, not subheadings (they introduce no text: the corpus rule for a heading)."""
    def set_apart(at: int) -> bool:
        return min(_blanks_around(lines, at)) >= SET_APART_BLANKS

    repeated_caption = any(
        line.role == "chrome" and line.page_repeats > 1 and not line.final_punct
        and line.words <= CAPTION_MAX_WORDS and set_apart(line.index)
        for line in lines[run.start:run.end + 1])
    if not repeated_caption:
        return body
    kept = []
    for body_line in body:
        line = lines[body_line.index]
        if line.words <= HEADING_MAX_WORDS and not line.final_punct and set_apart(line.index):
            _set(line, "chrome", "photo caption, set apart like the one the page repeats")
            continue
        kept.append(body_line)
    return kept


#: ``رام الله 3-3-2025 الزيتون- أعلنت …``: place, numeric date, agency, dash, then the text.
#: Bounded repeats keep it linear.
_DATED_DATELINE = re.compile(r"(?P<place>[^\W\d_][^\d:،.\-–]{1,30}?)\s+\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\s+"
                             r"(?P<source>[^\W\d_][^\d:،.\-–]{1,30}?)\s*[-–]\s*(?=\S)")

#: ``دمشق، سوريا (CNN) -- …``, ``نواكشوط، 20 يناير 2025 (شنقيط) - …``: place (and date), the
#: agency or outlet in brackets, a dash. Bounded parts keep the match linear.
_BRACKETED_DATELINE = re.compile(r"(?P<place>[^\W\d_][^()،:\n]{0,30}?)(?:،[^()\n]{1,45}?)?\s*"
                                 r"\((?P<source>[^\W\d_][^()\n]{0,30})\)\s*[-–—]{1,2}\s*(?=\S)")
#: ``الرياض في ٢٦ نوفمبر /وكالة أنباء الخليج/ …``, ``المنامة في 3 مارس / بنا / …``, ``الدوحة في
#: 3 ديسمبر /قنا/ - …``: place (and date), the agency between slashes — the Gulf news agencies'
#: form — and the dash or colon after it. Bounded parts: linear.
_SLASHED_DATELINE = re.compile(r"(?P<place>[^\W\d_][^/()،:.\n]{0,40}?)\s*/\s*"
                               r"(?P<source>[^\W\d_][^/\d.،:\n]{0,30}?)\s*/\s*(?:[-–—:]{1,2}\s*)?(?=\S)")
_DATELINE_PLACE_END = re.compile(r"\s+(?:في|فى)\s|\s*\d|\s*[٠-٩]")
DATELINE_MAX_WORDS = 10


#: How far into a first paragraph a dateline written with a full date may reach, in characters.
DATELINE_HEAD_CHARS = 80
#: What follows the date of a dated dateline: an optional source in brackets, then a dash.
_AFTER_DATELINE_DATE = re.compile(r"\s*(?:\((?P<source>[^\W\d_][^()\n]{0,30})\)\s*)?[-–—]{1,2}\s*(?=\S)")
#: The place before a dated dateline's date: letters only, a comma or «في» before the date.
_DATELINE_PLACE = re.compile(r"(?P<place>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)\s*(?:،|,|\s(?:في|فى))?\s*$")


def _dated_dateline(text: str) -> tuple[int, str, str | None] | None:
    """A dateline written with a date the date grammar reads, glued to the start of a
    paragraph: ``القاهرة، 1 ديسمبر 2026 – أعلنت …`` (a press release's head), ``الرباط في 3
    دجنبر 2026 (ومع) - …`` (a wire story's). Returns ``(end, place, source)``: where the text
    starts, the place (one to three words of letters, no function word), and the source in
    brackets or ``None``; ``None`` when the paragraph opens otherwise."""
    head = text[:DATELINE_HEAD_CHARS]
    dates = find_dates(head, timezone.utc)  # spans only: any zone reads them
    if not dates:
        return None
    date = dates[0]
    place = _DATELINE_PLACE.fullmatch(head[:date.start])
    after = _AFTER_DATELINE_DATE.match(text, date.end)
    if not place or not after:
        return None
    names = place["place"].split()
    if any(name in FUNCTION_WORDS for name in names):
        return None
    return after.end(), place["place"], after["source"]


#: ``الكرك – أعلنت …``, ``الأحساء، المملكة العربية السعودية – …``: a place of one to three words
#: (its country after a comma, up to four more), then a spaced dash. Bounded: linear.
_PLACE_DATELINE = re.compile(r"(?P<place>[^\W\d_]+(?: [^\W\d_]+){0,2}?)(?:، ?[^\W\d_]+(?: [^\W\d_]+){0,3}?)? [-–—] (?=[^\W\d_])")


def _place_dateline(text: str) -> tuple[int, str] | None:
    """A dateline of a place alone glued to the first paragraph (a press release's head), as
    ``(end, place)``; ``None`` when the paragraph opens otherwise or a function word is in the
    would-be place (``في خطوة مفاجئة – …`` is the text's own dash)."""
    m = _PLACE_DATELINE.match(text)
    if m is None or any(word in FUNCTION_WORDS for word in m.group().replace("،", " ").split()[:-1]):
        return None
    return m.end(), m["place"]


def _strip_glued_credit(line: Line, found: _Found) -> str:
    """The first body line without a credit glued to its start (``NAME- SITE- CITY: …``)."""
    glued = chrome.glued_credit(line.raw.strip())
    if not glued:
        dated = (_DATED_DATELINE.match(line.text) or _BRACKETED_DATELINE.match(line.text)
                 or _SLASHED_DATELINE.match(line.text))
        if not dated or chrome.words(dated.group()) > DATELINE_MAX_WORDS or chrome.words(dated["source"]) > 4:
            with_date = _dated_dateline(line.text)
            if not with_date:
                bare = _place_dateline(line.text)
                if bare is None:
                    return line.raw
                end, place = bare
                found.dateline = found.dateline or clean_inline(place)
                line.note = "place dateline glued to the first paragraph"
                return line.text[end:]
            end, place, source = with_date
            if source:
                found.site(7, source)
            found.dateline = found.dateline or clean_inline(place)
            line.note = "dated dateline glued to the first paragraph"
            return line.text[end:]
        found.site(7, dated["source"])
        place = dated["place"]
        found.dateline = found.dateline or clean_inline(place[:m.start()] if (m := _DATELINE_PLACE_END.search(place)) else place)
        line.note = "agency dateline glued to the first paragraph"
        return line.text[dated.end():]
    _, credit, byline, rest = glued
    found.byline = found.byline or (clean_inline(byline) if byline else None)
    if credit:
        found.site(7, credit.source)
        if credit.place and not found.dateline:
            found.dateline = clean_inline(credit.place)
    line.note = "dateline/byline glued to the first paragraph"
    return rest


def _best_score(lines: list[Line]) -> float:
    runs = candidate_runs(lines)
    return runs[0].score if runs else 0.0


def _runs_without_site_chrome(lines: list[Line]) -> tuple[list[Line], list[Run]]:
    """``(repeated, runs)``: the lines the site repeats across dumps, and the page's candidate
    bodies read as if the site repeated nothing (the lines' scores are left as they were)."""
    repeated = [line for line in lines if line.site_repeat]
    for line in repeated:
        line.site_repeat = False
    score_lines(lines)
    runs = candidate_runs(lines)
    for line in repeated:
        line.site_repeat = True
    score_lines(lines)
    return repeated, runs


def _chrome_ate_the_body(lines: list[Line], plain: list[Run]) -> bool:
    """True when what the site repeats across dumps took most of this page's prose (copies
    of one article built together): the site's chrome must never empty an article.
    ``plain``: the candidate bodies read without the site's chrome."""
    return _best_score(lines) < (plain[0].score if plain else 0.0) / 2


#: A subheading the site prints in many of its articles (``المكونات``) is at most this many words.
RECURRING_HEADING_MAX_WORDS = 3


def _own_recurring_headings(lines: list[Line], repeated: list[Line], plain: list[Run]) -> None:
    """Give back to the article the short lines its site prints in other dumps too that stand
    alone inside this article's text: a subheading every recipe (or every match report) of
    the site carries, such as ``المكونات``. Such a line is site chrome by repetition, but read
    without the site's chrome (``plain``) the article's best run holds it, and no neighbour of
    it is repeated (a repeated widget or menu comes as a block). Lines with web vocabulary stay chrome."""
    if not repeated or not plain:
        return
    best = plain[0]
    own = [line for line in repeated
           if best.start < line.index < best.end and line.words <= RECURRING_HEADING_MAX_WORDS
           and line.vocabulary is None and not line.prose_like
           and not any(n is not None and n.site_repeat for n in (_previous(lines, line.index),
                                                                 _next_line(lines, line.index)))]
    for line in own:
        line.site_repeat = False
    if own:
        score_lines(lines)


def extract(text: str, tz: tzinfo, site_chrome: frozenset[str] = frozenset()) -> Extraction:
    """Read one decoded dump. ``tz`` is the zone for naive times (the site's timezone);
    ``site_chrome`` the line keys this site repeats across its dumps
    (:func:`sitegen.loaders.sitechrome.learn_site_chrome`), empty for a dump read alone.

    Never raises on odd input; linear in ``len(text)``; every line of ``text`` appears in
    :attr:`Extraction.lines`, chrome included.
    """
    lines = split_lines(text, tz, site_chrome)
    score_lines(lines)
    if site_chrome:
        repeated, plain = _runs_without_site_chrome(lines)
        if _chrome_ate_the_body(lines, plain):
            return extract(text, tz)
        _own_recurring_headings(lines, repeated, plain)
    found = _Found(masthead=[], sites=[])
    first = next((l for l in lines if not l.blank), None)
    bar = (find_title_bar([l.text for l in lines], [l.key for l in lines], first.index)
           if first and first.date is None else None)  # a "CITY HH:MM | DATE" clock is no title bar
    if bar and chrome.chrome_kind(bar.site) is not None:
        bar = None  # «Accueil | Français | العربية | Contact»: a bar of links, no site in it
    runs = [_without_headline_on_top(lines, _without_card_above(lines, run)) for run in candidate_runs(lines)]
    body, title = _choose(lines, runs, bar.headline and chrome.norm_key(bar.headline) if bar else None)
    body = _with_closing_box(lines, _with_continuations(lines, _before_unlabelled_cards(lines, _before_dated_cards(lines, body)), runs)) if body else None
    if body and title:
        body = _without_deck_above_meta(lines, body, title, found)
    bar_line = first
    if bar is None and title is not None and title.index is not None and title.index != first.index:
        bar = _bar_over_its_headline(lines, title.index)
        bar_line = lines[title.index] if bar else first
    if bar:
        found.site(1 if bar_line is first else 2, bar.site)
        _set(bar_line, "chrome", f"title bar of another headline ({bar.site})")
        if bar.head_index is not None and (title is None or title.index != bar.head_index) and \
                (body is None or bar.head_index < body.start):
            title = _Title(bar.head_index, lines[bar.head_index].text, TITLE_MIN_SCORE)
        elif title is None:
            title = _Title(None, bar.headline, TITLE_MIN_SCORE)
        elif title.index == bar_line.index:  # the bar itself scored as the headline: its headline side
            title = _Title(bar_line.index, bar.headline, title.score)
    if title and title.index is not None:
        _set(lines[title.index], "title", "headline")
    body = _with_first_entry_heading(lines, body) if body else None
    if bar and title and chrome.norm_key(title.text) in bar_line.key:
        if title.index is not None and title.index != bar_line.index:
            _set(lines[title.index], "repeated_title", "headline of the title bar printed again")
        _set(bar_line, "title", f"title bar: site | headline ({bar.site})")
    kicker = (_kicker(lines, title, bar.headline if bar else None,
                      _run_words(lines, body) | _run_figures(lines, body) if body else set())
              if title and title.index is not None else None)
    date_line = _pick_date(lines, title.index if title else None, body)
    date_match = None
    updated = None
    if date_line is not None:
        found.site(3, date_line.date.site)
        found.byline = found.byline or byline_on_date_line(date_line.text, date_line.date.match)
        _set(date_line, "date", "article date" + (" (last updated)" if date_line.date.is_update else ""))
        _read_aggregator(date_line, found, has_title=title is not None)
        date_match = _with_clock_below(lines, date_line, tz)
        updated = _update_time(lines, date_line, date_match, tz, body)
    else:
        date_match = _date_in_printed_url(lines, title.index if title else None, body, tz)
    head_lo = title.index + 1 if title and title.index is not None else _head_start(lines, body)
    head_hi = body.start if body else len(lines)
    _read_head(lines, min(head_lo, head_hi), head_hi, found, title)
    if found.subtitle is None and kicker is not None:
        found.subtitle = kicker.text
        _set(kicker, "kicker", "kicker above the headline")
    _read_logo_repeated(lines, body, found)
    _read_kind_masthead(lines, found)
    _read_chrome_sites(lines, found)
    _read_outer_masthead(lines, body, found)
    blocks: list[Block] = []
    if body:
        body = _without_author_box(lines, body, found)
        body = _before_self_description(lines, body, _site_name(lines, found.sites))
        body_lines = _body_lines(lines, body, title, chrome.norm_key(found.subtitle) if found.subtitle else None, found)
        built, roles = assemble(body_lines)
        blocks = list(built)
        for index, (role, note) in roles.items():
            line = lines[index]
            _set(line, role, "; ".join(n for n in (line.note, note) if n))
    site = _arabic_logo_beside(lines, _site_name(lines, found.sites))
    if site:
        site_key = chrome.norm_key(site)
        for line in lines:
            if line.key == site_key and line.role in ("", "chrome"):
                _set(line, "site_name", "site name printed alone")
    for line in lines:
        if not line.role:
            if line.teaser:
                _set(line, "teaser", "meta description: deck glued to body start")
            else:
                _set(line, "blank" if line.blank else "chrome", "outside the article")
        if not line.blank:
            line.note = f"{line.note} [{line.explain()}]".strip()

    return Extraction(
        title=clean_inline(title.text) if title else None,
        subtitle=clean_inline(found.subtitle) if found.subtitle else None,
        date=date_match.value if date_match is not None else None,
        site_name=site,
        masthead=tuple(found.masthead),
        byline=found.byline,
        dateline=found.dateline,
        blocks=tuple(blocks),
        lines=tuple(LineRole(l.index + 1, l.role, l.orig, l.note) for l in lines),
        confident=body is not None and not _listing(lines, body) and (
            title is not None or all(l.blank or l.role in _HEAD_ROLES for l in lines[:body.start])),
        problems=((date_line.index + 1, date_match.problem),)
        if date_line is not None and date_match.problem else (),
        updated=updated,
    )


#: Roles of lines that may stand above the body of a dump with no headline (an agency text).
_HEAD_ROLES = ("byline", "date", "masthead", "site_name", "subtitle", "kicker", "teaser")


def _listing(lines: list[Line], body: Run) -> bool:
    """True when the body run reads like a list of stories (a section page): as many dated
    or boilerplate lines inside it as prose lines, and at least :data:`LISTING_MIN_ITEMS`."""
    inside = [l for l in lines[body.start:body.end + 1] if not l.blank]
    noise = sum(1 for l in inside if l.date is not None or l.score <= BOILERPLATE_SCORE)
    prose = sum(1 for l in inside if l.score > 0)
    return noise >= max(LISTING_MIN_ITEMS, prose)


def _read_masthead(line: Line, expect: str | None, found: _Found) -> tuple[bool, str | None]:
    """One masthead line: the name under a role printed alone on the line above (``expect``),
    or a role (``role: name``, or the role alone, its name expected next). Returns whether the
    line was taken and the role still waiting for its name."""
    if expect and line.words <= 5 and not line.masthead and not any(c.isdigit() for c in line.text):
        found.masthead.append(MastheadEntry(expect, line.text))
        _set(line, "masthead", f"name for {expect}")
        return True, None
    if not line.masthead:
        return False, expect
    role, name = line.masthead
    if name:
        found.masthead.append(MastheadEntry(role, name))
    _set(line, "masthead", "masthead role")
    return True, None if name else role


def _read_outer_masthead(lines: list[Line], body: Run | None, found: _Found) -> None:
    """Masthead roles printed outside the head (above the headline or in the footer)."""
    expect: str | None = None
    for line in lines:
        if line.blank or (body and body.start <= line.index <= body.end):
            continue
        if line.role and line.role != "chrome":
            expect = None
            continue
        taken, expect = _read_masthead(line, expect, found)
        if not taken:
            expect = None
