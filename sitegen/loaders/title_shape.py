"""The shape of a line that could be a headline or a deck, whatever stands around it.

A headline is short, unpunctuated at its end, no caption (no agency credit in brackets at
its end), no date, byline, credit, list or match score (:func:`title_like`); a deck is a
title-like line of :data:`DECK_MIN_WORDS`..:data:`DECK_MAX_WORDS` words that does not end a
sentence (:func:`deck_like`). :func:`continues` tells a line that carries on the sentence of
the line above it, which is never a headline of its own.
"""

from __future__ import annotations

import re

from sitegen.loaders import line_text
from sitegen.loaders.bylines import looks_like_name
from sitegen.loaders.dates import ago_spans
from sitegen.loaders.header import TITLE_MAX_WORDS
from sitegen.loaders.lines import FUNCTION_WORDS, Line
from sitegen.loaders.widgets import CREDITED_CAPTION


#: Longest deck line (subtitle under the headline), in words; and the shortest (a
#: "SITE - CITY" credit or a section name under the headline is shorter).
DECK_MAX_WORDS = 30
DECK_MIN_WORDS = 5


#: A photo caption ends with the agency or photographer in brackets: ``… (رويترز)``.
_CAPTION_END = re.compile(r"[(\[](?P<inside>[^()\[\]]{1,30})[)\]]\s*$")
#: What a headline says of itself in brackets at its end (folded): ``… (فيديو)``, ``… (النص
#: الكامل)``, a part of a series ``(2 من 3)``.
_HEADLINE_TAG = re.compile(
    r"\s*(?:(?:بال)?(?:فيديو|صور|الصور)(?:\s*و\s*(?:فيديو|صور))?|(?:ال)?نص(?: ال)?كامل|(?:ال)?تفاصيل|انفوجراف(?:يك)?"
    r"|فيديوجراف|جرافيك|محدث|تحديث|(?:بث )?مباشر|خاص|حصري|شاهد|فيديو|video|photos|live|update[d]?"
    r"|\d{1,3}(?:\s*(?:-|/|من)\s*\d{1,3})?)\s*")


#: What a headline's closing brackets hold that no credit does: a figure of two digits or more
#: (``(87 عاماً)``, ``(42 ألف نسمة)``) or a person's kunya (``(أبو نضال)``).
_FIGURE = re.compile(r"(?<!\d)\d{2,}(?!\d)")
_KUNYA = re.compile(r"\s*(?:ابو|ام) [^\W\d_]")


def _caption_end(text: str) -> bool:
    """True when ``text`` ends with a caption's credit in brackets, not with a headline's tag."""
    end = _CAPTION_END.search(text)
    if end is None:
        return False
    inside = line_text.norm_key(end["inside"])
    return not (_HEADLINE_TAG.fullmatch(inside) or _FIGURE.search(inside) or _KUNYA.match(inside))


#: A line ending with a comma continues on the next line: never a headline.
CONTINUES = ("،", ",", "؛", ";")
#: A clause opened by the conjunction و (``وتخفيض``, ``ويطالب``) continues the line above.
AND_OPENING = re.compile(r"و[^\W\d_]{3,}")
#: Function words that may close a sentence (``أيضا``, pronouns, ``ذلك``).
_MAY_END = frozenset(line_text.norm_key(w) for w in "أيضا أيضاً ذلك تلك هناك هو هي هم له لها به بها فيه فيها منه منها عليه عليها إليه".split())


def continues(prev: Line | None, line: Line) -> bool:
    """True when ``line`` carries on the sentence of the line right above it (no blank
    between): the one above ends with a comma or a function word (a sentence never ends
    on ``في`` or ``التي``), or this one opens with the conjunction و."""
    return (prev is not None and not prev.blank and prev.index == line.index - 1
            and (prev.text.rstrip().endswith(CONTINUES) or AND_OPENING.match(line.text) is not None
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


#: A signed change as a market ticker prints it after each price (``(+3.4%)``, ``-0.21%``,
#: ``▲ 1.2%``): two or more on a line make it the ticker, never a headline.
_PRICE_CHANGE = re.compile(r"(?:[+\-−▲▼]\s?)[\d\u0660-\u0669][\d\u0660-\u0669.,٫]*\s?[%٪]")


#: A figure after a label's colon (``الدولار: 13.150``; a clock's ``10:30`` is none): two or more
#: on a line make it a prices strip (``غرام الذهب عيار 21: 1.210.000 ل.س الدولار: 13.150 ل.س``),
#: never a headline.
_LABELLED_FIGURE = re.compile(r"[:：]\s[\d\u0660-\u0669]|(?<![\d\u0660-\u0669])[:：][\d\u0660-\u0669]")


def _suspended(text: str) -> bool:
    """True when ``text`` ends with two dots (``… في باريس..``): a headline's suspension
    (Arabic headlines use «..» as they use it mid-line), not a sentence's full stop or a cut
    teaser's ellipsis."""
    stripped = text.rstrip()
    return stripped.endswith("..") and not stripped.endswith("...")


def title_like(line: Line, credited_ok: bool = False) -> bool:
    """A line that could be the headline (``credited_ok``: even one read as the caption of
    the photo credit printed under it)."""
    vocabulary = None if credited_ok and line.vocabulary == CREDITED_CAPTION else line.vocabulary
    return (not line.blank and len(_MATCH_MINUTE.findall(line.text)) < 2 and 2 <= line.words <= TITLE_MAX_WORDS + 5 and len(line.text) <= 250
            and not (line.final_punct and line.text.rstrip()[-1:] in ".…" and not _suspended(line.text))
            and not _caption_end(line.text)
            and line.date is None and vocabulary is None and not line.inline_list
            and not line.text.rstrip().endswith(CONTINUES)
            and line.byline is None and line.masthead is None and line.credit is None
            and not _score_line(line.text) and len(_SCORE.findall(line.text)) < 2
            and len(_PRICE_CHANGE.findall(line.text)) < 2 and len(_LABELLED_FIGURE.findall(line.text)) < 2)


#: A line with this share of Latin letters or more is no deck of an Arabic headline (the
#: original English headline of a translated article printed under the Arabic one).
LATIN_DECK_SHARE = 0.5
#: A translation's original headline in Latin script has at least this many words (``English``,
#: a language switch's one word, is none: /tmp/attack49b/r8).
LATIN_ORIGINAL_MIN_WORDS = 3
#: A widget's label and number (``خدمة الطوارئ على مدار الساعة: 121``).
_NUMBER_AFTER_LABEL = re.compile(r"[:：]\s*[\d\u0660-\u0669][\d\u0660-\u0669 +-]*$")
#: A rates box's label, price and currency (``الدولار: 39,86 أوقية``): a figure with decimals.
_PRICE_AFTER_LABEL = re.compile(r"[:：]\s*[\d\u0660-\u0669]+[.,٫][\d\u0660-\u0669]+(?:\s+[^\W\d_]+)?\s*$")


def label_and_number(text: str) -> bool:
    """True for a widget's label and number (``خدمة الطوارئ على مدار الساعة: 121``), a rates
    box's price (``الدولار: 39,86 أوقية``) or a line of the page's metadata fields
    (:func:`metadata_fields`): no kicker, no deck."""
    return (_NUMBER_AFTER_LABEL.search(text) is not None or _PRICE_AFTER_LABEL.search(text) is not None
            or metadata_fields(text))


#: A label's colon, and the separators a page prints between its fields (``|``, ``•``, ``·``).
_FIELD_COLON = re.compile(r"[:：]")
_FIELD_SEPARATORS = "|•·/-–—"
#: A field's label is a word or two (``رقم الخبر``, ``التصنيف``); its value at most this many words.
FIELD_LABEL_MAX_WORDS = 2
FIELD_VALUE_MAX_WORDS = 3


def metadata_fields(text: str) -> bool:
    """True for a line of the page's own ``LABEL: VALUE`` fields (``رقم الخبر: 884213
    التصنيف: اقتصاد``): two or more fields, each label a word or two of letters and each value
    a few words and no function word (names and figures, no sentence). A kicker says something
    of the story in one label at most (``عاجل:``, ``خاص``, ``رأي: …``, ``الكوليرا: 12540 إصابة``:
    a figure after one label is the story's, /tmp/attack49b/r2, r3); a quote's two colons
    (``الوزير: مصر لن تتراجع: …``) are a sentence."""
    parts = _FIELD_COLON.split(text)
    if len(parts) < 3 or FUNCTION_WORDS.intersection(line_text.norm_key(text).split()):
        return False  # a label and its value (one field at most), or a sentence
    first, *middle, last = (_field_words(part) for part in parts)
    return (_field_label(first) and 1 <= len(last) <= FIELD_VALUE_MAX_WORDS
            and all(_value_then_label(words) for words in middle))


def _field_words(part: str) -> list[str]:
    """The words of ``part``, the text between two colons, without the separators between fields."""
    return [word for word in (token.strip(_FIELD_SEPARATORS) for token in part.split()) if word]


def _field_label(words: list[str]) -> bool:
    return 1 <= len(words) <= FIELD_LABEL_MAX_WORDS and all(word.isalpha() for word in words)


def _value_then_label(words: list[str]) -> bool:
    """True when ``words``, the text between two colons, splits into a value of one to
    :data:`FIELD_VALUE_MAX_WORDS` words and the next field's label."""
    return any(_field_label(words[cut:]) and 1 <= cut <= FIELD_VALUE_MAX_WORDS
               for cut in range(max(1, len(words) - FIELD_LABEL_MAX_WORDS), len(words)))


#: A fact box's row: a label of one or two words, a colon, its value (``الملعب: ملعب النخلة``).
_LABEL_VALUE = re.compile(r"\s*[^\W\d_]+(?:\s[^\W\d_]+)?\s*[:：]\s*\S")
#: A row of a fact box has at most this many words; a box has at least this many rows.
FACT_ROW_MAX_WORDS = 8
FACT_BOX_MIN_ROWS = 3


def opens_with_label(text: str) -> bool:
    """True when ``text`` opens with a label of one or two words of letters and a colon
    (``ملف خاص: …``, ``الملعب: …``); a year or a figure in it (``مونديال 2026: …``) makes none."""
    return _LABEL_VALUE.match(text) is not None


def _fact_row(line: Line) -> bool:
    return not line.blank and line.words <= FACT_ROW_MAX_WORDS and _LABEL_VALUE.match(line.text) is not None


def fact_box_row(lines: list[Line], line: Line) -> bool:
    """True when ``line`` is a row of a box of short ``LABEL: VALUE`` rows (a match box's
    ``المباراة: …`` / ``الموعد: …`` / ``الملعب: …``, a film's credits): lines of that shape in
    a row, blank lines aside, of which at least :data:`FACT_BOX_MIN_ROWS` are no date line and
    no byline (the article's own meta rows, ``إعداد: …`` / ``تاريخ النشر: …``, make no box).
    Neither the headline nor the article's date (a kick-off time) is one."""
    if not _fact_row(line):
        return False
    rows = 0
    for step in (-1, 1):
        at = line.index + step
        while 0 <= at < len(lines) and (lines[at].blank or _fact_row(lines[at])):
            rows += not lines[at].blank and lines[at].date is None and lines[at].byline is None
            at += step
    rows += line.date is None and line.byline is None
    return rows >= FACT_BOX_MIN_ROWS


def _opens_with_ago(text: str) -> bool:
    """True when ``text`` opens with how long ago (``منذ 5 ساعات SITE - NAME``), or a name ends
    with it (``منى الزهراني منذ 5 أيام``): a meta line."""
    spans = ago_spans(text)
    return bool(spans) and (not text[:spans[0][0]].strip()
                            or (not text[spans[-1][1]:].strip() and looks_like_name(text[:spans[-1][0]])))


#: A line ending with a dash runs in to the text under it (a dateline), as no deck does.
_RUN_IN_DASHES = ("-", "–", "—")


def deck_like(line: Line, ending_comma_ok: bool = False, in_list_ok: bool = False) -> bool:
    """A deck (subtitle) line: title-like, at least :data:`DECK_MIN_WORDS` words (one fewer
    when it holds a function word: a phrase such as «اكتشاف قرب جزر حوار», never a name), not a name,
    list item (unless ``in_list_ok``: the headline itself stands in the same run of short lines,
    a page head printed without blank lines), repeated line or match score, not ending a sentence,
    not in Latin script, not a label and its number, not opening with how long ago, not ending
    with a dash (:data:`_RUN_IN_DASHES`)."""
    text = line.text.rstrip()
    if ending_comma_ok and text.endswith(CONTINUES):
        text = text.rstrip("،,؛; ")
    shaped = title_like(line) or (ending_comma_ok and text != line.text.rstrip() and not line.blank
                                  and line.date is None and line.vocabulary is None)
    least = DECK_MIN_WORDS - 1 if line.function_share else DECK_MIN_WORDS
    return (shaped and least <= line.words <= DECK_MAX_WORDS and not line.name_like
            and not _score_line(text) and line.latin_share < LATIN_DECK_SHARE
            and not label_and_number(text) and not _opens_with_ago(text)
            and not text.endswith(_RUN_IN_DASHES)  # ``تونس 2 ديسمبر (و.ق.أ)-``: a dateline run in to the text
            and (in_list_ok or not line.link_run) and line.page_repeats == 1
            and not line_text.ends_sentence(text.rstrip("!؟?")))
