"""The lines of the body run that are the article's text, in order, for
:func:`sitegen.loaders.paragraphs.assemble`: without the chrome set inside it (a poll,
photo captions and credits, the headline or deck printed again, boilerplate, masthead
lines), the first one without a dateline glued to it.
"""

from __future__ import annotations

import re

from sitegen.loaders import chrome, widgets
from sitegen.loaders.bodyrun import Run
from sitegen.loaders.findings import Found, Title, set_role
from sitegen.loaders.glued_dateline import strip_glued_credit
from sitegen.loaders.line_text import FUNCTION_WORDS, norm_key
from sitegen.loaders.lines import PROSE_LINE_MIN_WORDS, Line
from sitegen.loaders.neighbours import nonblank_above, nonblank_below
from sitegen.loaders.paragraphs import HEADING_MAX_WORDS, BodyLine
from sitegen.loaders.widgets import PHOTO_STORY_CAPTION


#: Longest photo caption, in words (a gallery caption is one sentence).
CAPTION_MAX_WORDS = 25
#: A neutral line inside the body (no chrome word, printed once, no date) of at most this many
#: words stays in it: a subheading, or an item such as a match's scorers (``الأهداف: علي كاظم
#: (23) لنفط البصرة، حسين جبار (61) …``, 13 words); the same as an unpunctuated line's prose length.
LONG_ITEM_MAX_WORDS = 20
#: A photo credit line: ``© REUTERS / NAME``, ``صورة: …``, ``(أ ف ب)``.
_PHOTO_CREDIT = re.compile(r"^\s*(?:©|\(c\)|صورة\s*:|الصورة\s*:|تصوير\s*:)", re.IGNORECASE)


#: The lead photo's caption over a source credit is at most this many words: a lead sentence
#: of 16–24 words over «المصدر: وكالة الأناضول» is the story's first paragraph (/tmp/attack49c/r2).
LEAD_CAPTION_MAX_WORDS = 12


def _lead_photo_credit(lines: list[Line], run: Run, body: list[BodyLine], below: Line) -> bool:
    """True when ``below``, the line under the body's first line, is a labelled credit of a
    name alone (``المصدر: الشركة``) set apart from the text under it by a blank line: the
    lead photo's credit, the line above it its caption (``خط إنتاج في أحد مصانع الشركة
    بالمنطقة الشرقية.``) — a credit of the text's source closes the text, it does not stand
    between its first line and the rest."""
    after = below.index + 1
    text = nonblank_below(lines, after, 1)
    return (not body and below.index < run.end and lines[after].blank and bool(text) and text[0].index <= run.end
            and lines[below.index - 1].words <= LEAD_CAPTION_MAX_WORDS
            and chrome.is_source_credit(below.text) and below.words <= chrome.SOURCE_NAME_MAX_WORDS)


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


def read_body_lines(lines: list[Line], run: Run, title: Title | None, subtitle_key: str | None,
                    found: Found, site: str | None = None) -> list[BodyLine]:
    """The lines of the body ``run`` that are the article's text, for
    :func:`~sitegen.loaders.paragraphs.assemble`; every other line of the run gets its role
    (chrome, blank, repeated headline). ``title`` and ``subtitle_key`` (folded) name the lines
    printed again; the first line loses a dateline or credit glued to it, which goes to ``found``.
    ``site`` is the site's name as read so far: with the other names the page gives itself
    (``found.sites``) it tells a caption credited to the site itself (:func:`_credited_caption`)."""
    body: list[BodyLine] = []
    title_key = lines[title.index].key if title and title.index is not None else None
    own_names = {f" {norm_key(name)} " for name in (site, *(name for _, name in found.sites or ())) if name}
    after_credit = captioned = False
    poll = _widget_block(lines, run)
    for line in lines[run.start:run.end + 1]:
        if line.blank:
            set_role(line, "blank", "")
            continue
        if line.role == "chrome":
            continue  # a widget between two parts of the article
        if line.index in poll:
            set_role(line, "chrome", "poll inside the body (question, answers)")
            continue
        follows_credit = after_credit
        after_credit = _PHOTO_CREDIT.match(line.text) is not None and not captioned
        captioned = False
        if follows_credit and line.words <= HEADING_MAX_WORDS and not line.final_punct:
            set_role(line, "chrome", "caption or card under a photo credit")
            continue
        below = lines[line.index + 1] if line.index + 1 < len(lines) else None
        if (below is not None and line.words <= CAPTION_MAX_WORDS and not after_credit
                and (_PHOTO_CREDIT.match(below.text) or _lead_photo_credit(lines, run, body, below))
                and line.vocabulary != PHOTO_STORY_CAPTION):
            set_role(line, "chrome", "photo caption above its credit")
            captioned = True  # the photo's caption is this line: a short line under the credit is the text's own
            continue
        if line.key == title_key:
            set_role(line, "repeated_title", "headline printed again")
            continue
        if subtitle_key and line.key == subtitle_key:
            set_role(line, "chrome", "deck printed again")
            continue
        if _media_embed(line):
            set_role(line, "chrome", "media embed inside the body (its label or caption)")
            continue
        if _credited_caption(lines, run, line, own_names):
            set_role(line, "chrome", "photo caption closing with its credit in brackets")
            continue
        if line.score < 0 and not (line.site_repeat and line.prose_like) and not _heading_shaped_like_a_label(lines, line) and not (
                line.words <= LONG_ITEM_MAX_WORDS and line.page_repeats == 1
                                   and line.vocabulary is None and not line.under_label
                                   and line.date is None and not line.site_repeat and not line.teaser):
            set_role(line, "chrome", "boilerplate inside the body")
            continue
        if line.masthead:
            set_role(line, "chrome", "masthead inside the body")
            continue
        raw = line.raw
        if not body:
            raw = strip_glued_credit(line, found)
        # a line that carried a dateline opens the text: never a subheading, however short the rest
        body.append(BodyLine(line.index, raw, opens_text=raw != line.raw))
    return _without_captions_set_alike(lines, run, body)


def _media_embed(line: Line) -> bool:
    """True for a line a video or a gallery set in the article prints: its label alone
    (``فيديو``) or a short unpunctuated caption opening with the label and a separator
    (``فيديو | ملخص المباراة (03:41)``). Read alone, either is a short line between paragraphs:
    a subheading, which introduces text as neither does. A time in brackets closing a line is
    no clip's running time by itself: live entries and schedules print the clock time so
    (``إجلاء سكان القرية (13:10)``, /tmp/attack49b/r5, r11, r19)."""
    if widgets.is_media_label(line.key):
        return True
    if line.words > CAPTION_MAX_WORDS or line.final_punct or line.vocabulary == PHOTO_STORY_CAPTION:
        return False
    return widgets.opens_with_media_label(line.key)


#: The brackets closing a line (``… (لؤلؤة الخليج)``, ``… (بوابة الساحل)``, ``… (واس)``), no
#: bracket inside: where a caption's credit stands.
_CLOSING_BRACKETS = re.compile(r"\(([^()]{2,60})\)\s*$")
#: A caption's credit is at most this many words (``(موقع لؤلؤة الخليج)``).
CREDIT_MAX_WORDS = 5
#: The caption's own words, before its credit, hold no sentence's stop and no colon (a
#: sentence ending with its source; a ``LABEL: VALUE`` row such as a match card's).
_SENTENCE_OR_LABEL = re.compile(r"[.!؟?:؛]")


def _credited_caption(lines: list[Line], run: Run, line: Line, own_names: set[str]) -> bool:
    """True for a photo caption between paragraphs that closes with the site's own credit in
    brackets (``الوزير الحارثي خلال إلقاء كلمته (لؤلؤة الخليج)``): a short unpunctuated line,
    read alone as a subheading, that introduces no text (the corpus rule for a heading). The
    credit is the site itself — its name, a part of it, or a credit holding it, known from the
    page's chrome (``own_names``, folded and padded with spaces); agencies and ``تصوير: …`` are
    the chrome words' (:data:`~sitegen.loaders.chrome._CREDIT_END`). Any other bracket closing
    a subheading stays: a year or a figure (``(2024)``, ``(كوب 28)``), a unit (``(بالدرهم)``),
    a part (``(الجزء الأول)``), a name. The line stands right under a paragraph (a sentence),
    and no line like it right under it (rows of a list, ``فلان (الهلال)``)."""
    if (line.vocabulary is not None or line.final_punct or line.words > CAPTION_MAX_WORDS
            or not line.key.endswith(")") or not own_names):
        return False
    closing = _CLOSING_BRACKETS.search(line.key)
    if closing is None or _SENTENCE_OR_LABEL.search(line.key, 0, closing.start()) or not line.key[:closing.start()].strip():
        return False
    credit = closing.group(1).strip(" -–")
    tokens = credit.split()
    if not 0 < len(tokens) <= CREDIT_MAX_WORDS or any(ch.isdigit() for ch in credit):
        return False
    if len(tokens) == 1 and (credit in FUNCTION_WORDS or len(credit) < 3):
        return False
    before = line.key[:closing.start()]
    last_word = before.rsplit(None, 1)[-1] if before.strip() else ""
    if not before.endswith(" ") or last_word in FUNCTION_WORDS or len(last_word.rstrip("ـ")) < 2:
        return False  # ``مسؤول لـ(بوابة الساحل)``, ``الهجرة عبر (الساحل)``: the bracket is the sentence's (r7, r13)
    above = nonblank_above(lines, line.index, 1)
    below = nonblank_below(lines, line.index, 1)
    if not above or above[0].index < run.start or not above[0].final_punct or above[0].words < PROSE_LINE_MIN_WORDS:
        return False
    if below and not below[0].final_punct and below[0].key.endswith(")") and below[0].words <= HEADING_MAX_WORDS:
        return False
    padded = f" {credit} "
    return any(padded in name or name in padded for name in own_names)


def _heading_shaped_like_a_label(lines: list[Line], line: Line) -> bool:
    """True for a subheading that reads like a related list's label by its shape only («بنود
    أخرى»: other items) with a paragraph of prose under it, not a list of headlines."""
    if line.vocabulary != "related-articles label" or not chrome.related_by_shape_only(line.text):
        return False
    below = next((l for l in lines[line.index + 1:] if not l.blank), None)
    return below is not None and below.score > 0 and below.final_punct and below.words >= PROSE_LINE_MIN_WORDS


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
            set_role(line, "chrome", "photo caption, set apart like the one the page repeats")
            continue
        kept.append(body_line)
    return kept
