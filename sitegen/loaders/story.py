"""What a candidate body run tells: the words and figures of its story (compared with a
headline or kicker candidate, or with the text after a widget), and whether it is a list of
stories (a section page) rather than one article.
"""

from __future__ import annotations

import re

from sitegen.loaders.bodyrun import BOILERPLATE_SCORE, PROSE_MIN_WORDS, Run
from sitegen.loaders.lines import Line, content_words


#: Paragraphs of a run compared with a headline candidate for shared words.
OVERLAP_PARAGRAPHS = 3


#: A figure of two digits or more, and a year (19xx, 20xx), which is no figure of the story.
_FIGURE = re.compile(r"(?<!\d)\d{2,}(?!\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")


def run_figures(lines: list[Line], run: Run) -> set[str]:
    """The figures of two digits or more printed anywhere in the body run ``run`` (its table
    rows too), years (19xx, 20xx) left out: a kicker quoting one (``بأغلبية 178 صوتاً``) is on
    the story even when it shares no word with the headline or the first paragraphs."""
    return {m for line in lines[run.start:run.end + 1] for m in _FIGURE.findall(line.key)
            if not _YEAR.fullmatch(m)}


def run_words(lines: list[Line], run: Run) -> set[str]:
    """The content words (folded) of the first :data:`OVERLAP_PARAGRAPHS` prose lines of ``run``
    that have :data:`~sitegen.loaders.bodyrun.PROSE_MIN_WORDS` words or more: what its story
    speaks of."""
    found: set[str] = set()
    taken = 0
    for line in lines[run.start:run.end + 1]:
        if line.score > 0 and line.words >= PROSE_MIN_WORDS:
            found |= content_words(line.key)
            taken += 1
            if taken == OVERLAP_PARAGRAPHS:
                break
    return found


#: A run holding this many dated or boilerplate lines, and no more prose lines, is a list
#: of stories (a section page), not an article.
LISTING_MIN_ITEMS = 3


def listing(lines: list[Line], body: Run) -> bool:
    """True when the body run reads like a list of stories (a section page): as many dated
    or boilerplate lines inside it as prose lines, and at least :data:`LISTING_MIN_ITEMS`."""
    inside = [l for l in lines[body.start:body.end + 1] if not l.blank]
    noise = sum(1 for l in inside if l.date is not None or l.score <= BOILERPLATE_SCORE)
    prose = sum(1 for l in inside if l.score > 0)
    return noise >= max(LISTING_MIN_ITEMS, prose)
