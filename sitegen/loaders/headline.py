"""The headline of a page and the body run it heads.

Every candidate body run gets the best title-like line within :data:`TITLE_WINDOW` lines
above it, scored by the words it shares with the run's first paragraphs, its nearness, a
date line right under it and its printing elsewhere (:func:`choose` keeps the best pair);
:func:`bar_over_its_headline` finds a ``SITE | HEADLINE`` title bar printed over the chosen
headline.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from sitegen.loaders import chrome, line_text
from sitegen.loaders.above_headline import describes_writer, headline_above_deck, lists_section_below, ticker_labelled
from sitegen.loaders.bodyrun import Run
from sitegen.loaders.findings import Title
from sitegen.loaders.header import TITLE_MAX_WORDS, find_title_bar
from sitegen.loaders.lines import Line, content_words
from sitegen.loaders.neighbours import next_line, nonblank_between, previous_line
from sitegen.loaders.story import run_words
from sitegen.loaders.title_shape import CONTINUES, fact_box_row, title_like


#: How far above a body run its headline may stand, in non-blank lines (a head with date,
#: section, share buttons, reading time, caption and byline between them is ~10 lines).
TITLE_WINDOW = 30
#: Least score of a headline candidate: below it the dump is read as body-only (no title).
TITLE_MIN_SCORE = 0.9


#: Headlines shorter than this many words are rare (section names and captions are not).
SHORT_TITLE_WORDS = 5
#: A headline sharing this many content words with the body's opening is surely its own.
SHARED_WORDS_ENOUGH = 6
#: A headline stands at most this many non-blank lines above its date line (a kicker,
#: a byline or a deck between): farther up, a widget's label or a menu item gets no bonus.
DATED_BELOW_REACH = 4
#: Bonus of a headline candidate with the page's date line between it and the body.
DATED_BELOW_BONUS = 2.0
#: A line with this share of Latin letters or more is a Latin line.
LATIN_LINE_SHARE = 0.5
#: Bonus of a short headline candidate, or one asking a question, printed right over a byline
#: (``بقلم: …``): a column's title, often a few words only, with no date line under it.
BYLINE_BELOW_BONUS = 1.0
#: Weight of the title–body word overlap against the nearness of the title to the body.
OVERLAP_WEIGHT = 3.0
#: Lines above a headline searched for another copy of it, and the longest line searched.
REPEAT_LOOKBACK = 40
KEY_CONTAINS_MAX = 400


def _title_score(line: Line, distance: int, body_words: set[str], bar_key: str | None,
                 dated_below: bool, printed_again: bool) -> float:
    own = content_words(line.key)
    shared = len(own & body_words)
    # Half the share of the line's words found in the body, half the count of shared words
    # (up to SHARED_WORDS_ENOUGH): a caption shares a larger part, a headline more words.
    overlap = (shared / max(len(own), SHORT_TITLE_WORDS) + min(shared, SHARED_WORDS_ENOUGH) / SHARED_WORDS_ENOUGH) / 2
    score = OVERLAP_WEIGHT * overlap + 1.0 / (1 + distance / 3)
    # the headline stands above its date line; captions and bylines below it (a Latin line that
    # shares no word with the story is a link to the site's other language, ``Version française``)
    if dated_below and (shared or line.latin_share < LATIN_LINE_SHARE):
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


def _names_a_section(line: Line, menu_items: Counter) -> bool:
    """True for a short line (under :data:`SHORT_TITLE_WORDS` words) that is also an item of
    the page's menu (``بريد القراء`` printed over the letter's own title): the section's name."""
    return line.words < SHORT_TITLE_WORDS and menu_items[line.key] - line.link_run >= 1


def _under_a_byline(lines: list[Line], line: Line) -> bool:
    """True when the line printed right above ``line`` is a byline with a line shaped like a
    headline right above it (``HEADLINE / كتب: … / DECK``): ``line`` is a deck or a caption. A
    byline over the headline itself (under the menu) says nothing."""
    above = previous_line(lines, line.index)
    upper = previous_line(lines, above.index) if above is not None else None
    return upper is not None and above.byline is not None and title_like(upper)


def _over_its_byline(lines: list[Line], line: Line) -> bool:
    """True when the next line printed under ``line`` is a byline (``بقلم: خالد …``)."""
    below = next_line(lines, line.index)
    return below is not None and below.byline is not None


def _printed_again(lines: list[Line], line: Line) -> bool:
    """True when a line shortly above holds this line inside it (a ticker item ``عاجل TITLE``,
    a breadcrumb ending with the headline)."""
    for other in lines[max(0, line.index - REPEAT_LOOKBACK):line.index]:
        if other.key != line.key and len(other.key) < KEY_CONTAINS_MAX and line.key in other.key:
            return True
    return False


#: A standing label is a name printed alone above it with at most this many words added.
STANDING_LABEL_WORDS = 3


def _labels_the_masthead(lines: list[Line], line: Line) -> bool:
    """True for a column's standing label built on a name printed alone higher on the page —
    the masthead (``كلمة الرابية`` under ``الرابية``, ``رأي الخليج``): a short line that is
    that name with one word before or after it, never the headline."""
    if line.words > STANDING_LABEL_WORDS:
        return False
    first, _, rest = line.key.partition(" ")
    head, _, last = line.key.rpartition(" ")
    names = {rest, head} - {""}
    return any(other.key in names for other in lines[:line.index] if not other.blank)


def _best_title(lines: list[Line], run: Run, bar_key: str | None) -> Title | None:
    """The headline of ``run``: the best-scoring title-like line above it; when there is none
    good enough (:data:`TITLE_MIN_SCORE`), the best line read as a photo caption because a credit is printed under it (a lead photo
    with a credit and no caption, right under the headline: ``صورة: أرشيف``)."""
    body_words = run_words(lines, run)
    best = _best_title_of(lines, run, body_words, bar_key, False)
    if best is None or best.score < TITLE_MIN_SCORE:
        credited = _best_title_of(lines, run, body_words, bar_key, True)
        if credited is not None and (best is None or credited.score > best.score):
            return credited
    return best


def _best_title_of(lines: list[Line], run: Run, body_words: set[str], bar_key: str | None,
                   credited_ok: bool) -> Title | None:
    distance = 0
    date_at: int | None = None  # distance of the nearest date line below
    in_page_header = False  # above a breadcrumb: the page's header, whose date is the or today's
    menu_items = Counter(line.key for line in lines if line.link_run and not line.blank)
    candidates: list[tuple[Title, int]] = []  # (candidate, content words it shares with the body)
    for line in reversed(lines[:run.start]):
        if line.blank:
            continue
        distance += 1
        if line.date is not None and date_at is None and not in_page_header:
            date_at = distance
        if line.vocabulary == "breadcrumb" and line.date is None:
            in_page_header, date_at = True, None
        if distance > TITLE_WINDOW:
            break
        if (not title_like(line, credited_ok) or (line.index > 0 and lines[line.index - 1].text.rstrip().endswith(CONTINUES))
                or describes_writer(lines, line) or _labels_the_masthead(lines, line)
                or _names_a_section(line, menu_items) or lists_section_below(lines, line)
                or fact_box_row(lines, line)):
            continue
        dated_below = date_at is not None and distance - date_at <= DATED_BELOW_REACH
        score = _title_score(line, distance, body_words, bar_key, dated_below, _printed_again(lines, line))
        if (not dated_below and (line.words < SHORT_TITLE_WORDS or line.text.rstrip().endswith(("؟", "?")))
                and _over_its_byline(lines, line)):
            score += BYLINE_BELOW_BONUS
        elif _under_a_byline(lines, line):
            score -= BYLINE_BELOW_BONUS  # a deck or a caption printed under the byline
        candidates.append((Title(line.index, line.text, score), len(content_words(line.key) & body_words)))
    if not candidates:
        return None
    best, shared = max(candidates, key=lambda candidate: candidate[0].score)  # the nearest of equals
    if ticker_labelled(best.text) or not shared:
        best = _story_below(candidates, best, shared)
    if (above := headline_above_deck(lines, lines[best.index], body_words, run.start)) is not None:
        return Title(above.index, above.text, best.score)
    return best


def _story_below(candidates: list[tuple[Title, int]], best: Title, shared: int) -> Title:
    """The headline when the best candidate ``best``, sharing ``shared`` content words with the
    body, opens with a ticker's label (``عاجل …``) or shares none (a ticker's items glued under
    the menu, over the date): a candidate of :data:`TITLE_MIN_SCORE` or more printed between it
    and the body that shares more words with the body tells the story, else ``best`` (a breaking
    story's own headline)."""
    below = [title for title, count in candidates
             if title.index > best.index and count > shared and title.score >= TITLE_MIN_SCORE]
    return max(below, key=lambda title: title.score) if below else best


def choose(lines: list[Line], runs: list[Run], bar_key: str | None) -> tuple[Run | None, Title | None]:
    """The body run and its headline: the pair with the best log(run score) × headline score
    (the log keeps a long stretch of other prose, such as comment rules, from outweighing
    the article that has a headline)."""
    best: tuple[float, Run | None, Title | None] = (float("-inf"), None, None)
    for run in runs:
        title = _best_title(lines, run, bar_key)
        weight = 1.0 + (title.score if title and title.score >= TITLE_MIN_SCORE else 0.0)
        value = math.log1p(run.score) * weight
        if value > best[0]:
            best = (value, run, title if title and title.score >= TITLE_MIN_SCORE else None)
    return best[1], best[2]


#: A title bar printed below the page's first line stands at most this many lines above the
#: headline it repeats.
BAR_ABOVE_HEADLINE_MAX_LINES = 2


def bar_over_its_headline(lines: list[Line], at: int):
    """The title bar in line ``at`` — the line chosen as the headline — when one side of it is
    printed again as its own line right below (``بوابة الأخبار | ارتفاع أسعار الذهب …`` over
    ``ارتفاع أسعار الذهب …``: a copy that caught the page's title bar under the menu), and its
    other side names no menu item or section the page prints alone; else ``None``."""
    bar = find_title_bar([l.text for l in lines], [l.key for l in lines], at)
    if bar is None or chrome.chrome_kind(bar.site) is not None:
        return None
    site_key = line_text.norm_key(bar.site)
    if any(l.key == site_key for l in lines if l.index != at):
        return None  # «اقتصاد | HEADLINE»: a section path, the section printed in the menu
    if bar.head_index is None:
        # «نينوى بوست | HEADLINE», the headline printed once: the site's name of two words or
        # more is printed inside other lines of the page (the logo, the footer), never in a path
        return bar if len(site_key.split()) >= 2 and _printed_inside(lines, at, site_key) else None
    if nonblank_between(lines, at, bar.head_index) >= BAR_ABOVE_HEADLINE_MAX_LINES:
        return None
    return bar


def _printed_inside(lines: list[Line], at: int, key: str) -> bool:
    """True when ``key`` is printed inside another line than ``at`` and no such line is a
    breadcrumb (where a section's name is printed)."""
    holding = [l for l in lines if l.index != at and key in l.key and len(l.key) < KEY_CONTAINS_MAX]
    return bool(holding) and not any(l.vocabulary == "breadcrumb" for l in holding)


#: A headline copied as two lines holds at most this many words in all.
TWO_LINE_TITLE_MAX_WORDS = TITLE_MAX_WORDS + 10


def two_line_headline(lines: list[Line], title: Title, body_start: int | None) -> tuple[Title, Line | None]:
    """The headline when the page printed it over two lines (a ``<br>`` in the ``<h1>``): the
    chosen line and the line right above or below it, when one carries on the other's sentence
    (the upper one ends with a comma, the lower one opens with «و» before a quotation mark or a
    function word: ``شتاء دافئ يعيد الزوار إلى البتراء`` over ``و«وادي رم» يسجل …``) or the upper
    one is a short lead-in ending with ``:`` (``وزارة الصحة العامة:``). Returns the joined title (at the upper line) and the other line, else ``title``
    and ``None``."""
    at = title.index
    if at is None:
        return title, None
    below = lines[at + 1] if at + 1 < len(lines) and (body_start is None or at + 1 < body_start) else None
    above = lines[at - 1] if at > 0 else None
    for upper, lower in ((lines[at], below), (above, lines[at])):
        if upper is None or lower is None or not (_title_half(upper) and _title_half(lower)):
            continue
        if upper.words + lower.words > TWO_LINE_TITLE_MAX_WORDS:
            continue
        lead_in = line_text.ends_with_colon(upper.text) and 2 <= upper.words <= LEAD_IN_MAX_WORDS
        if upper.text.rstrip().endswith(CONTINUES) or _and_goes_on(lower) or lead_in:
            return Title(upper.index, f"{upper.text.rstrip()} {lower.text.strip()}", title.score), lower
    return title, None


#: The first line of a headline printed over two lines, ending with ``:``, is this short (``وزارة الصحة العامة:``).
LEAD_IN_MAX_WORDS = 5
#: «و» opening a clause that goes on from the line above: before a quotation mark or bracket
#: (``و«وادي رم» يسجل …``) or a function word (``ولا خسائر …``, ``وفي …``); never «و» as a
#: word's own first letter (``وزير``, ``وزارة``, ``وادي``). ``فى``, ``هى``: the final ى of Egyptian papers.
_AND_GOES_ON = re.compile(r"\s*و(?:\s*[«\"“(\[]|(?:لا|لم|لن|في|فى|من|على|إلى|عن|مع|قد|هو|هي|هى|بعد|قبل|ذلك|هذا|هذه)\s)")


def _and_goes_on(line: Line) -> bool:
    return _AND_GOES_ON.match(line.text) is not None  # the printed spelling: «والي» is a governor, «وإلى» goes on


def _title_half(line: Line) -> bool:
    """A line that may be one half of a headline printed over two lines."""
    return (not line.blank and line.date is None and line.vocabulary is None and line.byline is None
            and line.credit is None and not line.final_punct and 2 <= line.words <= TITLE_MAX_WORDS)