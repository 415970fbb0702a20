"""What stands right above the chosen headline: the real headline over its deck
(:func:`headline_above_deck`), a kicker (:func:`kicker_above`), or an item of the menu or
ticker the page printed there.

A kicker is markedly shorter than the headline, or printed with it in the title bar; a
prepositional phrase alone is a kicker, never a headline. A line taken into a run of alike
short lines (a menu) is a kicker or a headline only when it outgrows the menu items, names
the headline's topic, or alone in its run tells the body's story.
"""

from __future__ import annotations

import re

from sitegen.loaders import bylines, chrome, line_text
from sitegen.loaders.findings import Title
from sitegen.loaders.lines import Line, content_words
from sitegen.loaders.neighbours import nonblank_above, nonblank_below, previous_line
from sitegen.loaders.title_shape import (
    LATIN_DECK_SHARE, LATIN_ORIGINAL_MIN_WORDS, continues, deck_like, label_and_number, metadata_fields, opens_with_label, title_like,
)


#: A kicker above the headline is markedly shorter than it (word ratio below this).
KICKER_RATIO = 0.7
#: A line right above the chosen headline is no headline over its deck when it is at most
#: this share of it (a kicker, printed over the headline: 6 words over 10).
HEADLINE_OVER_DECK_RATIO = 0.6
#: A line above the chosen headline is the real headline (and the chosen one its deck) only
#: when it has this many words and shares this many content words with the body.
HEADLINE_ABOVE_MIN_WORDS = 5
HEADLINE_ABOVE_SHARED = 1
#: ...and a line of more words than this is too long for a kicker, however long the deck under it.
KICKER_MAX_WORDS = 6


def describes_writer(lines: list[Line], line: Line) -> bool:
    """True when ``line`` opens with a job title right under a line that is a person's name
    (``د. هشام البنا`` over ``أستاذ التخطيط العمراني بجامعة الإسكندرية``): a column's writer
    box, never the headline."""
    above = lines[line.index - 1] if line.index > 0 else None
    return (above is not None and above.name_like and above.vocabulary is None  # a section path is no name
            and bylines.opens_with_job_title(line.text))


#: A menu printed on one line names at least this many words of sections
#: (``لبنان إقليم عالم اقتصاد ثقافة رأي رياضة``).
MENU_LINE_MIN_WORDS = 4
#: A section's name printed alone as its label has at most this many words (``النفط والغاز``) …
SECTION_NAME_MAX_WORDS = 2
#: … and stands at most this many non-blank lines under the menu that lists it (a rates
#: ticker between them).
SECTION_UNDER_MENU_LINES = 3
#: Marks no menu of section names holds: punctuation inside a sentence, quotes, brackets.
_NOT_IN_MENUS = ("،", ",", ":", "؛", ";", "«", "»", '"', "(", ")", "؟", "?", "!")


def _menu_shaped(line: Line) -> bool:
    """A line that may be a menu printed on one line: :data:`MENU_LINE_MIN_WORDS` words or
    more, no function word, digit or punctuation (names of sections one after another)."""
    return (not line.blank and line.words >= MENU_LINE_MIN_WORDS and not line.function_share
            and line.vocabulary is None and line.date is None and not line.final_punct
            and not any(c.isdigit() for c in line.text) and not any(m in line.text for m in _NOT_IN_MENUS))


def _section_label(line: Line) -> bool:
    """A line that may be a section's name printed alone: a word or two, no name of a person,
    no byline, date or chrome (a name of three letters, ``رأي``, is read as no words)."""
    return (1 <= line.words <= SECTION_NAME_MAX_WORDS and not line.name_like and line.vocabulary in (None, "no words")
            and line.date is None and line.byline is None and not line.final_punct)


def _lists(menu: Line, item: Line) -> bool:
    return menu.key != item.key and f" {item.key} " in f" {menu.key} "


#: The real headline stands at most this many non-blank lines under a section's label (the
#: writer's name between them).
HEADLINE_UNDER_LABEL_LINES = 3


def _headline_below(lines: list[Line], label: Line) -> bool:
    """True when a headline-like line (:func:`title_like`, no person's name) stands under the
    section's label ``label`` before the date line: the headline the label heads."""
    for below in nonblank_below(lines, label.index, HEADLINE_UNDER_LABEL_LINES):
        if below.date is not None:
            return False
        if title_like(below) and not below.name_like:
            return True
    return False


def lists_section_below(lines: list[Line], line: Line) -> bool:
    """True for a menu printed on one line (:func:`_menu_shaped`) that lists, word for word, a
    section whose label the page prints alone just under it (``لبنان إقليم … رأي رياضة`` over
    ``رأي``), the label heading the real headline in its turn (:func:`_headline_below`): the
    page's own menu, never a headline, however many of its words the story uses. A tag chip
    under the only headline-like line (``ريال مدريد يكتسح برشلونة …`` over ``برشلونة``, then
    the date) names one of its words, and the line stays the headline."""
    return _menu_shaped(line) and any(
        _section_label(below) and _lists(line, below) and _headline_below(lines, below)
        for below in nonblank_below(lines, line.index, SECTION_UNDER_MENU_LINES))


def listed_by_menu_above(lines: list[Line], line: Line) -> bool:
    """True for a section's label (a word or two) that a menu printed on one line just above it
    lists (``الرئيسية النفط والغاز المصرف المركزي …`` over ``النفط والغاز``): chrome, no kicker."""
    return _section_label(line) and any(
        _menu_shaped(above) and _lists(above, line) for above in nonblank_above(lines, line.index, SECTION_UNDER_MENU_LINES))


def headline_above_deck(lines: list[Line], chosen: Line, body_words: set[str], body_start: int | None = None) -> Line | None:
    """The line right above ``chosen`` when the pair reads as headline and deck: as long as a
    headline (no kicker: a kicker is short), printed once, not in a list, and telling the
    body's story too. The deck is closer to the body and often repeats it more, so the
    nearest-best choice alone would take it for the headline. When the page prints both in
    one run of short lines with its menu (no blank line between), the headline must
    outgrow the menu items above it. A label's line (``ملف خاص: …``) over ``chosen`` with a
    deck of its own under it is a kicker (:func:`_labelled_kicker_over_headed_deck`). A line in
    Latin script between an Arabic ``chosen`` and the Arabic headline over it (a translated
    article's original headline) is passed over (:func:`_over_latin_original`)."""
    above = _over_latin_original(lines, chosen, previous_line(lines, chosen.index), body_words)
    crumb = previous_line(lines, above.index) if above is not None else None
    in_menu_run = (above is not None and above.link_run and not (chosen.link_run and _outgrows_menu(lines, above))
                   and not _alone_in_its_run_on_the_story(lines, above, body_words)
                   and not (crumb is not None and crumb.vocabulary == "breadcrumb"))  # the breadcrumb ends the menus
    if (above is None or not title_like(above) or describes_writer(lines, above) or in_menu_run or above.page_repeats > 1 or above.site_repeat
            or above.under_label or above.name_like or line_text.ends_with_colon(above.text)
            or chrome.opens_with_series_part(above.text)
            or above.words > chosen.words * 2 or metadata_fields(above.text)
            or _labelled_kicker_over_headed_deck(lines, above, chosen, body_start)):
        return None
    if _deck_shaped(chosen):  # a standfirst under its headline, however short the headline
        return above if above.words >= DECK_HEADLINE_MIN_WORDS and not _bare_phrase(above) else None
    if (above.words < HEADLINE_ABOVE_MIN_WORDS
            or above.words <= min(HEADLINE_OVER_DECK_RATIO * chosen.words, KICKER_MAX_WORDS)):
        return None
    if _bare_phrase(above):
        return None
    shared = len(content_words(above.key) & body_words)
    # a breaking-news ticker item glued over the headline («عاجل الأمن العام: …») tells another story
    ticker = ticker_labelled(above.text) or (crumb is not None and crumb.vocabulary == "breaking-news status")
    least = TICKER_ABOVE_SHARED if ticker else HEADLINE_ABOVE_SHARED  # (the label glued, or on the line above)
    return above if shared >= least else None


def _labelled_kicker_over_headed_deck(lines: list[Line], above: Line, chosen: Line, body_start: int | None) -> bool:
    """True when ``above`` opens with a label of a word or two and a colon (``ملف خاص: …``,
    ``سلسلة: …``; ``تقرير: …`` and ``حوار: …`` are read as bylines before this) and ``chosen``, a headline's shape (no deck's sentence), has a
    deck of its own right under it, before the body: a longer line read as a deck that does not
    carry on ``chosen``'s sentence. ``chosen`` is then the headline and ``above`` a series'
    kicker, shorter than the headline. A headline of the same shape (``الصحة: …``, ``مونديال
    2026: …``) stands over its deck with nothing deck-like under that, or a caption longer than
    the deck (/tmp/attack49b/r4), and is shorter than the deck it is chosen over: still lifted.
    A kicker with no deck under the headline is left to the rules of :func:`headline_above_deck`
    (a short one stays a kicker)."""
    if (not opens_with_label(above.text) or above.words >= chosen.words or _deck_shaped(chosen)
            or line_text.ends_sentence(chosen.text.rstrip("!؟?"))):
        return False
    below = next((l for l in lines[chosen.index + 1:body_start] if not l.blank), None)
    return (below is not None and below.words > chosen.words and deck_like(below, ending_comma_ok=True)
            and not continues(chosen, below) and not opens_with_label(below.text))


def _latin(line: Line) -> bool:
    """Whether ``line`` is in Latin script (:data:`~sitegen.loaders.title_shape.LATIN_DECK_SHARE`)."""
    return line.latin_share >= LATIN_DECK_SHARE


def _over_latin_original(lines: list[Line], chosen: Line, above: Line | None, body_words: set[str]) -> Line | None:
    """``above``, the line right above the chosen line — or, when ``above`` is in Latin script
    and the chosen line is not (an Arabic page printing a translated article's original
    headline under its own: ``HEADLINE / Original English Headline / DECK``), the line above
    it when that one is not in Latin script and tells the body's story (shares
    :data:`HEADLINE_ABOVE_SHARED` content words with it): the page's headline is in the page's
    language, and the Latin line is the source's."""
    if above is None or not _latin(above) or above.words < LATIN_ORIGINAL_MIN_WORDS or _latin(chosen):
        return above
    upper = previous_line(lines, above.index)
    if (upper is None or _latin(upper) or not title_like(upper)
            or len(content_words(upper.key) & body_words) < HEADLINE_ABOVE_SHARED):
        return above
    return upper


#: A line of this many words or more holding a comma is a deck (a standfirst), never a
#: headline (no labelled headline of the shared and invented pages is one).
DECK_SHAPED_MIN_WORDS = 16
#: The headline over such a deck has at least this many words.
DECK_HEADLINE_MIN_WORDS = 3


def _deck_shaped(line: Line) -> bool:
    """True for a line of :data:`DECK_SHAPED_MIN_WORDS` words or more holding a comma: a
    sentence of a standfirst (``بعد عامين من الارتباك، تنتقل المدارس …``)."""
    return line.words >= DECK_SHAPED_MIN_WORDS and line_text.has_comma(line.text)


#: A breaking-news ticker's label opening a line (``عاجل``, ``عاجل |``, ``عاجل:``, ``الآن:``, ``الان:``).
_TICKER_LABEL = re.compile(r"\s*(?:عاجل|خبر عاجل|ال[آا]ن|breaking)(?:\s*[|:：\-–—•])?\s", re.IGNORECASE)


def ticker_labelled(text: str) -> bool:
    """True when ``text`` opens with a breaking-news ticker's label (``عاجل:``, ``الآن |``)."""
    return _TICKER_LABEL.match(text) is not None


#: Content words a ticker-labelled line above the headline shares with the body to be the headline.
TICKER_ABOVE_SHARED = 3


#: Prepositions a kicker opens with (folded): ``بعد شكاوى متكررة من المزارعين``.
_PHRASE_OPENERS = frozenset(line_text.norm_key(w) for w in
                            "بعد قبل في من على مع وسط رغم خلال بين عقب إثر بسبب لأول".split())


def _bare_phrase(line: Line) -> bool:
    """True when ``line`` is a prepositional phrase alone (``بعد شكاوى متكررة من المزارعين``):
    it opens with a preposition and holds no clause after a comma, colon, dash or two dots
    (``بعد 18 شهراً من الترميم.. قرية … تفتح أبوابها``) — a kicker, never a headline, which says
    what happened."""
    first = line.key.split(" ", 1)[0]
    return first in _PHRASE_OPENERS and not any(mark in line.text for mark in ("،", ",", ":", "：", "-", "–", "—", "..", "…"))


#: A line holding these is a section path or a menu, not a kicker (``أخبار|المغرب العربي``).
_PATH_MARKS = ("|", "»", "›", " / ", " • ", " · ")


def _holds_code(line: Line) -> bool:
    """True when a word of ``line`` joins digits to a slash (``4471/ك.خ``, ``12/2026``): a
    reference number or a date printed over a wire, never a kicker, which is words."""
    return any("/" in word and any(c.isdigit() for c in word) for word in line.text.split())


def _in_bar(line: Line, title: Line, bar_headline: str | None) -> bool:
    """True when the title bar's headline carries most of ``line``'s own words besides the
    headline's (a bar printing «KICKER.. HEADLINE»)."""
    if not bar_headline:
        return False
    own = content_words(line.key) - content_words(title.key)
    return bool(own) and len(own & content_words(line_text.norm_key(bar_headline))) * 2 >= len(own)


#: A prepositional phrase of at least this many words above the headline is its kicker
#: wherever it stands (a menu's items that open with a preposition are shorter: ``في العمق``).
PHRASE_KICKER_MIN_WORDS = 4
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


def _under_breadcrumb(lines: list[Line], line: Line) -> bool:
    """True when the line above ``line`` is a breadcrumb, or the section it ends printed again
    as a label (``الرئيسية > بنوك`` then ``بنوك``): the menus are over."""
    above = [l for l in reversed(lines[:line.index]) if not l.blank][:2]
    if not above:
        return False
    if above[0].vocabulary == "breadcrumb":
        return True
    return (len(above) == 2 and above[1].vocabulary == "breadcrumb" and above[0].words <= 2
            and above[1].key.endswith(above[0].key))


def kicker_above(lines: list[Line], title: Title, bar_headline: str | None, body_words: set[str]) -> Line | None:
    """A kicker printed right above the headline: short (or printed in the title bar with
    the headline), title-like, not a menu item."""
    for line in reversed(lines[:title.index]):
        if line.blank:
            continue
        title_words = lines[title.index].words
        topical = _names_the_headline_topic(lines, line, lines[title.index])
        upper = next((l for l in reversed(lines[:line.index]) if not l.blank), None)
        under_crumb = line.words >= 3 and _under_breadcrumb(lines, line)  # the breadcrumb ends the menus
        # a prepositional phrase of some length (``بعد توقف دام أكثر من ثلاثة عقود``) is no menu
        # item and no headline: a kicker, even glued under a ticker and nearly as long as the headline
        phrase = line.words >= PHRASE_KICKER_MIN_WORDS and line.words <= title_words and _bare_phrase(line)
        series = chrome.opens_with_series_part(line.text)  # «الحلقة الثالثة | رحلة في الأهوار»
        if (title_like(line) and (not line.link_run or topical or under_crumb or phrase or _outgrows_menu(lines, line))
                and line.page_repeats == 1 and (not line.name_like or topical)
                and (not any(mark in line.text for mark in _PATH_MARKS) or series) and not _holds_code(line)
                and (line.words < KICKER_RATIO * title_words or phrase or series
                     or _in_bar(line, lines[title.index], bar_headline))
                and line.words >= 2 and not chrome.MENU_GLYPH.search(line.text) and not label_and_number(line.text)
                and not ticker_labelled(line.text) and not listed_by_menu_above(lines, line)
                and not line_text.ends_sentence(line.text.rstrip("!؟?"))):
            if (upper is not None and title_like(upper) and not upper.link_run and upper.words >= 4
                    and not content_words(line.key) & (body_words | content_words(lines[title.index].key))):
                return None
            return line
        return None
    return None
