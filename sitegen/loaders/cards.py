"""Cards of other stories printed inside or under the article: a headline, a one-sentence
summary and a date line, under a related-articles label or in a row without one.

A card inside the article leaves it and the text goes on; cards that close it end the body.
A dated line with neither a label above it nor a row of cards (a timeline's entry) stays.
"""

from __future__ import annotations

from itertools import islice

from sitegen.loaders import line_text
from sitegen.loaders.bodyrun import Run
from sitegen.loaders.findings import set_role
from sitegen.loaders.lines import Line
from sitegen.loaders.neighbours import first_prose, last_prose, nonblank_between
from sitegen.loaders.paragraphs import HEADING_MAX_WORDS
from sitegen.loaders.title_shape import title_like


#: A card of another story is at most this many lines between its label and its date
#: (headline, summary, a picture's caption).
CARD_MAX_LINES = 3


def before_dated_cards(lines: list[Line], body: Run) -> Run:
    """``body`` without the cards of other stories printed in it: a related-articles label
    (``قد يهمك أيضاً``, or a link printed once: ``اقرأ المزيد``) after the first paragraph, then
    a headline and summary, then the card's date line. When prose follows the date (or a
    subheading, then prose), the card sat inside the article and only its lines leave; else
    the article ended at the label. A date line with no such label above it (a timeline's
    entry) stays."""
    first = first_prose(lines, body.start, body.end + 1)
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
        if (len(below) == 3 and below[0].score <= 0 and title_like(below[0])
                and below[0].words <= HEADING_MAX_WORDS and below[2].date is None):
            below = below[1:]  # the article's next subheading, then its text (not a card's summary)
        below = [l for l in below if l.index <= body.end]
        if below and below[0].score > 0:
            for part in (label, *card, line):
                set_role(part, "chrome", "card of another story inside the article")
            continue
        last = last_prose(lines, body.start, label.index) or first
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
            and summary.vocabulary is None and title_like(headline) and headline.words <= HEADING_MAX_WORDS):
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
            and not line_text.ends_with_punct(label.text) and label.date is None and label.score <= 0)


def _closes_the_page_text(lines: list[Line], date: Line) -> bool:
    """True when no prose follows the card's ``date`` line on the page (its footer only)."""
    return not any(l.score > 0 and l.words > CARD_SUMMARY_MAX_WORDS for l in lines[date.index + 1:])


def before_unlabelled_cards(lines: list[Line], body: Run) -> Run:
    """``body`` ended above the cards of other stories printed under it without a label: two
    or more cards one after another, each a headline, a one-sentence summary and a date line
    (the page's own repetition makes them cards, not the article's last lines) — or one such
    card with its section label glued on its headline, when no prose follows it on the page.
    Left alone when the article's prose goes on under them."""
    first = first_prose(lines, body.start, body.end + 1)
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
        if cards and nonblank_between(lines, cards[-1][1].index, headline.index) > 0:
            cards = []
        cards.append((headline, line))
        if len(cards) == UNLABELLED_CARDS_MIN or (len(cards) == 1 and _under_its_label(lines, headline)
                                                  and _closes_the_page_text(lines, line)):
            start = cards[0][0]
            if start.index > body.end or any(l.score > 0 and l.words > CARD_SUMMARY_MAX_WORDS
                                             for l in lines[line.index + 1:body.end + 1]):
                return body  # below the body, or the article goes on under them
            last = last_prose(lines, body.start, start.index) or first
            return Run(body.start, last.index, body.score)
    return body
