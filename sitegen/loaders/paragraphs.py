"""Article body lines → blocks (paragraphs, headings, list items), following the corpus rules.

The rules (``shared/corpus/SOURCES.md``, "General rules behind the labels"):

* a run of 3+ spaces/NBSP inside a line separates paragraphs (:data:`PARAGRAPH_BREAK`);
* a line that ends mid-sentence (no punctuation at all) followed directly by a line
  that continues it is one paragraph (hard-wrapped text);
* a short line without final punctuation standing alone between body paragraphs is a
  heading (:data:`HEADING_MAX_WORDS`);
* consecutive short lines (no blank line between) enumerate items: one list item each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.arabic import clean_inline
from sitegen.loaders.bylines import opens_with_job_title
from sitegen.loaders.line_text import (
    COMMAS, STARRED, ends_mid_sentence, ends_sentence, ends_with_colon, ends_with_punct, has_comma, words,
)
from sitegen.model import Block

__all__ = ["BodyLine", "assemble", "split_paragraphs", "PARAGRAPH_BREAK", "HEADING_MAX_WORDS"]

#: 3 or more spaces/NBSP/other spaces inside a line: a paragraph break.
PARAGRAPH_BREAK = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{3,}")
#: Longest line (in words) that counts as short: a heading or a list item.
HEADING_MAX_WORDS = 12
_SHORT_MAX_CHARS = 100


@dataclass(frozen=True)
class BodyLine:
    """One non-chrome body line: ``index`` is its 0-based line number, ``raw`` its text;
    ``opens_text`` when a dateline glued to it was cut off (the text's first words: no heading)."""

    index: int
    raw: str
    opens_text: bool = False


def split_paragraphs(raw: str) -> list[str]:
    """The paragraphs in one line: split at runs of 3+ spaces, each cleaned, empties dropped."""
    parts = (clean_inline(p) for p in PARAGRAPH_BREAK.split(raw))
    return [p for p in parts if p]


@dataclass
class _Unit:
    line: BodyLine
    segments: list[str]
    short: bool
    kind: str = "paragraph"


def _units(lines: list[BodyLine]) -> list[_Unit]:
    units = []
    for line in lines:
        segments = split_paragraphs(line.raw)
        if not segments:
            continue
        short = (len(segments) == 1 and words(segments[0]) <= HEADING_MAX_WORDS and not line.opens_text
                 and len(segments[0]) <= _SHORT_MAX_CHARS and not _verse(segments[0]))
        units.append(_Unit(line, segments, short))
    return units


#: The gap between a verse's two halves as newspapers print it: ``صدر ... عجز``, ``صدر … عجز``,
#: ``صدر *** عجز``.
_HEMISTICH_GAP = re.compile(r"\s(?:\.{3,}|…|\*{3})\s")
#: Each half of a printed verse has at least this many words.
VERSE_HALF_MIN_WORDS = 3


def _verse(text: str) -> bool:
    """True for a line of verse printed as two halves with a gap between them (``مضى الشيخ
    والألواح تبكي فراقه ... وتسأل عنه الخيمة المتهدّلُ``): a line of the text, never a subheading."""
    halves = _HEMISTICH_GAP.split(text)
    return len(halves) == 2 and all(words(half) >= VERSE_HALF_MIN_WORDS for half in halves)


def _adjacent(a: _Unit, b: _Unit) -> bool:
    return b.line.index == a.line.index + 1


_ITEM_MARKER = re.compile(r"\s*(?:[-–—•●▪■◆►◄*·]|(?P<number>[0-9٠-٩]{1,3})\s*[-–.)])")
_INNER_COLON = re.compile(r"\S\s*[:：]\s*\S")
_LEADING_FIGURE = re.compile(r"\s*[0-9٠-٩]")
_WHOLLY_QUOTED = re.compile(r"[\"«“„][^\"«»“”„]+[\"»”][.،,]?")
#: A sentence's stop inside a line, after a word of three letters or more (not an initial's
#: dot, ``د. سامر``; not the two dots of ``تصل.. والمحطات``), then the next sentence's word.
_INNER_STOP = re.compile(r"(?<=\w\w\w)[.!؟?]\s+\w")


def _quoted_sentences(text: str) -> bool:
    """True for a line wholly between quotation marks that holds two sentences (``"لم أعد
    أخاف البحر. أخاف أن أبقى هنا إلى الأبد"``): a quote set apart, the pull quote of a feature,
    read as the text's paragraph (the labelling rule) — never a subheading, which is one phrase
    (a quoted one, ``«نبدأ من الصفر كل موسم»``, stays one)."""
    return _WHOLLY_QUOTED.fullmatch(text.strip()) is not None and _INNER_STOP.search(text) is not None


#: A short line ending with ``:`` and at least this many words is a sentence leading in to
#: what follows (``وتضمن المشروع عدة التزامات، أبرزها:``), not a list item.
LEAD_IN_MIN_WORDS = 6


def _signature(unit: _Unit) -> tuple[bool, bool, bool, bool, bool, bool]:
    """What makes list items alike: a leading bullet/number, a ``label: value`` shape, a
    leading figure (the values of a table flattened to lines: ``6080 جنيهاً``), cells joined
    by tabs (a table row as browsers copy it), a closing full stop (items written as
    sentences), a line wholly in quotation marks (a quoted verse or saying set apart)."""
    text = unit.segments[0]
    return (_ITEM_MARKER.match(text) is not None, _INNER_COLON.search(text) is not None,
            _LEADING_FIGURE.match(text) is not None, "\t" in unit.line.raw.strip(),
            text.rstrip().endswith("."), _WHOLLY_QUOTED.fullmatch(text.strip()) is not None)


#: A subheading printed with a colon after it (``الكلفة والتمويل:``) has at most this many words.
COLON_LABEL_MAX_WORDS = 4
_AND_OPENING = re.compile(r"\s*[وف](?!\s)")


def _colon_label(unit: _Unit) -> bool:
    """True for a short label ending with a colon (``الكلفة والتمويل:``, ``مدة الرحلة:``): a
    subheading as some pages print them, when standing alone over a paragraph — not a sentence
    leading in to what follows (``والخطوط الجديدة هي:`` opens with و), nor ``label: value``."""
    text = unit.segments[0]
    return (len(unit.segments) == 1 and ends_with_colon(text) and words(text) <= COLON_LABEL_MAX_WORDS
            and _INNER_COLON.search(text) is None and _AND_OPENING.match(text) is None)


def _lead_in(unit: _Unit) -> bool:
    return ends_with_colon(unit.segments[-1]) and words(unit.segments[-1]) >= LEAD_IN_MIN_WORDS


#: A line announcing the run of items under it (``والفقيد والد كل من:``) has this many words or more.
ANNOUNCING_MIN_WORDS = 3


def _announces(unit: _Unit) -> bool:
    """True for a line ending with a colon, of :data:`ANNOUNCING_MIN_WORDS` words or more, that
    heads a run of short lines (``والفقيد والد كل من:``): the lines under it are its items."""
    text = unit.segments[-1]
    return ends_with_colon(text) and words(text) >= ANNOUNCING_MIN_WORDS


def _heading_in_run(run: list[_Unit], k: int, after: _Unit | None) -> bool:
    """True when ``run[k]``, a short line among other short lines, is a subheading: it has no
    punctuation or item marker, and what follows it is a lead-in sentence, a paragraph
    right below it (the last line of the run; below a blank line too when the items above
    have a shape it lacks, or when the run is a titled list), or two or more items alike in a
    shape it lacks; or it is the title of a list of longer items (:func:`_title_over_longer_items`)."""
    unit = run[k]
    if ends_with_punct(unit.segments[0]) or _ITEM_MARKER.match(unit.segments[0]) or "\t" in unit.line.raw.strip():
        return False  # a table's header row (cells joined by tabs) is one more row
    if k + 1 < len(run) and _lead_in(run[k + 1]):
        return True
    own = _signature(unit)
    if k + 1 == len(run):  # a last line shaped like items above it is one more item
        alike = any(own) and any(_signature(u) == own for u in run[:-1])
        announced = k > 1 and _announces(run[0]) and all(_signature(u) == own for u in run[1:k])
        if after is None or after.short or alike or announced:
            return False  # ... and so is the last of plain items a line ending with a colon announces
        if k >= 3 and words(unit.segments[0]) <= LIST_TITLE_MAX_WORDS and _title_over_longer_items(run):
            return True  # the next section's title under a titled list, its text below it
        # right above a paragraph; across a blank line only when unlike the items above it
        previous = _signature(run[k - 1]) if k else own
        return _adjacent(unit, after) or any(previous[i] and not own[i] for i in range(len(own)))
    if (len(run) == 2 and run[1].segments[0].rstrip().endswith(".") and after is not None and not after.short
            and _adjacent(run[1], after)):
        return True  # a subheading over a one-sentence paragraph, the text going on below it
    if len(run) == 2 and run[1].segments[0].rstrip().endswith(("؟", "?")) and after is not None:
        return True  # a section's heading over its first question (``أسئلة شائعة`` / ``من يحتاج إلى الفحص؟``)
    if k <= 1 and _title_over_longer_items(run):
        return k == 0  # the list's title; the item under it is one of its items, whatever its shape
    # the two lines below are all the test needs: reading the shapes of every line below, for
    # every line of the run, took time quadratic in the run (20,000 short lines: 500 s)
    shapes = [_signature(u) for u in run[k + 1:k + 3]]

    def items_alike(i: int) -> int:
        """How many of the (next two) lines below share shape ``i``, counted from the first."""
        return next((n for n, shape in enumerate(shapes) if not shape[i]), len(shapes))

    return any(items_alike(i) >= 2 and not own[i] for i in range(len(own)))


#: A list's title over its items is at most this many words (``المكونات``, ``طريقة التحضير``).
LIST_TITLE_MAX_WORDS = 3
#: ... and half of the items under it are more than this many times as long.
LIST_TITLE_ITEM_RATIO = 2


def _title_over_longer_items(run: list[_Unit]) -> bool:
    """True when the first of a run of short lines is the title of the items under it: a
    label of at most :data:`LIST_TITLE_MAX_WORDS` words over two or more items, each longer
    than it and half of them more than :data:`LIST_TITLE_ITEM_RATIO` times as long (a recipe's
    ``المكونات`` over its ingredients), the run's last line aside (the next section's heading,
    ``طريقة التحضير``)."""
    own = words(run[0].segments[0])
    items = sorted(words(u.segments[0]) for u in run[1:-1])
    return (own <= LIST_TITLE_MAX_WORDS and len(items) >= 2 and items[0] > own
            and items[len(items) // 2] > LIST_TITLE_ITEM_RATIO * own)


#: A live blog's entry opens with its time stamp: ``11:52 - أعلن الصليب الأحمر …``.
_STAMPED_ENTRY = re.compile(r"\s*[0-9٠-٩]{1,2}[:.٫][0-9٠-٩]{2}\s*(?:[صمap]\.?m?\.?\s*)?[-–—|:]")
#: A live blog has at least this many stamped entries.
LIVE_ENTRIES_MIN = 3


def _entry_tools(units: list[_Unit]) -> None:
    """Mark the links a live blog prints under each entry (``انسخ رابط التحديث``, ``أرسل
    التحديث``): short unpunctuated lines right after the entries that open with a time stamp —
    after the last entry and after at least half of them, so they close entries rather than
    head them (a subheading stands before its entry)."""
    stamped = [k for k, unit in enumerate(units) if not unit.short and _STAMPED_ENTRY.match(unit.segments[0])]
    if len(stamped) < LIVE_ENTRIES_MIN:
        return
    after = [k + 1 for k in stamped if k + 1 < len(units) and units[k + 1].short  # a short line is no entry
             and not ends_with_punct(units[k + 1].segments[0])]
    if stamped[-1] + 1 in after and 2 * len(after) >= len(stamped):
        for k in after:
            units[k].kind = "entry tool"


#: Kinds of body line that are no part of the text, with the explain view's note.
_DROPPED = {"caption": "a lone long line between paragraphs: a photo caption", "entry tool": "a live blog entry's link", "writer note": "note on the writer after the text"}


def _writer_footnote(units: list[_Unit]) -> None:
    """The body's last line, when it opens with one ``*`` and the line above it does not (no
    list of starred items), is the column's note on its writer (``* كاتب وأكاديمي``) — the
    asterisk refers back to the byline: a short line, or a longer one of at most
    :data:`WRITER_NOTE_MAX_WORDS` words whose first word is a job title (``* كاتب ومهندس
    معماري سوري، مقيم في دمشق، له كتاب …``)."""
    if len(units) < 2:
        return
    last, above = units[-1], units[-2]
    starred = STARRED.match(last.segments[0])
    if starred is None or STARRED.match(above.segments[0]):
        return
    if last.short or (len(last.segments) == 1 and words(last.segments[0]) <= WRITER_NOTE_MAX_WORDS
                      and opens_with_job_title(last.segments[0][starred.end():])):
        last.kind = "writer note"


#: A note on the writer under a column is at most this many words long.
WRITER_NOTE_MAX_WORDS = 30


def _mark_kinds(units: list[_Unit], interview: bool = False) -> None:
    """Headings (lone short lines without punctuation, or a short line heading a run of
    items or a lead-in) and list items (runs of short lines); in an ``interview`` no
    question is a heading."""
    i = 0
    while i < len(units):
        if not units[i].short:
            i += 1
            continue
        j = i
        while j + 1 < len(units) and units[j + 1].short and _adjacent(units[j], units[j + 1]):
            j += 1
        if j > i:
            run = units[i:j + 1]
            after = units[j + 1] if j + 1 < len(units) else None
            wrapped = {n for k in range(len(run) - 1) if _wrapped_prose(run[k]) for n in (k, k + 1)}
            for k, unit in enumerate(run):
                if k in wrapped:  # a sentence hard-wrapped over two short lines: paragraph text
                    continue
                if _heading_in_run(run, k, after):
                    unit.kind = "heading"
                elif not _lead_in(unit):
                    unit.kind = "list_item"
            _lone_items_are_paragraphs(run)
        elif (i + 1 < len(units) and "\t" not in units[i].line.raw.strip()  # a table's row, cells joined by tabs
              and not _quoted_sentences(units[i].segments[0])
              and (not ends_with_punct(units[i].segments[0]) or (_colon_label(units[i]) and not units[i + 1].short))):
            units[i].kind = "heading"
        i = j + 1
    _entry_tools(units)
    _writer_footnote(units)
    _numbered_questions(units)
    if not interview:
        _questions_in_a_headed_text(units)
    _long_lone_heading_is_a_caption(units)
    _spaced_items(units)
    _rows_alike(units)


#: A list set one item a paragraph (blank lines between) has at least this many items.
SPACED_LIST_MIN_ITEMS = 3


def _spaced_items(units: list[_Unit]) -> None:
    """Short lines read as headings one after another, with only blank lines between and no
    paragraph, enumerate items (the corpus rule for a list: one paragraph each) — the first
    stays their heading when it is a short label (at most 3 words and well under the items'
    length: ``إرشادات للمواطنين`` over ``عدم الاقتراب من مجاري السيول والأودية``)."""
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and units[j].kind == "heading":
            j += 1
        if j - i >= SPACED_LIST_MIN_ITEMS:
            run = units[i:j]
            lengths = [words(u.segments[0]) for u in run[1:]]
            label = words(run[0].segments[0]) <= 3 and words(run[0].segments[0]) * 5 <= min(lengths) * 3
            items = run[1:] if label else run
            if max(lengths) <= 2 * min(lengths):  # items alike in length; headings of sections vary
                for unit in items:
                    unit.kind = "paragraph"
        i = max(j, i + 1)


def _row_shape(unit: _Unit) -> bool:
    """A data row: a short ``label: value`` line or one opening with a figure, no sentence."""
    text = unit.segments[0]
    return unit.short and not ends_with_punct(text) and (
        _INNER_COLON.search(text) is not None or _LEADING_FIGURE.match(text) is not None)


def _rows_alike(units: list[_Unit]) -> None:
    """Data rows one after another (``مصرف الراجحي: 97.10 ريال (+2.1%)``) — at least
    :data:`SPACED_LIST_MIN_ITEMS` short ``label: value`` lines or lines opening with a figure,
    with or without blank lines between, as a table copies raggedly — are items, one paragraph
    each (the corpus rule for a list), not subheadings; a short line right above a row (glued
    or across a blank line), without that shape, heads the rows under it (``أبرز الرابحين``,
    ``أبرز الخاسرين``). Rows all set next to each other are left to :func:`_mark_kinds`."""

    row = [_row_shape(unit) for unit in units]

    def label(k: int) -> bool:
        unit = units[k]
        return (k + 1 < len(units) and unit.short and not ends_with_punct(unit.segments[0])
                and not row[k] and row[k + 1])

    i = 0
    while i < len(units):
        j = i
        while j < len(units) and (row[j] or label(j)):
            j += 1
        spaced = any(not _adjacent(a, b) for a, b in zip(units[i:j], units[i + 1:j]))
        if sum(row[i:j]) >= SPACED_LIST_MIN_ITEMS and spaced:
            for k in range(i, j):
                units[k].kind = "paragraph" if row[k] else "heading"
        i = max(j, i + 1)


#: Most words of a lone question line read as one more subheading of a headed text.
QUESTION_HEADING_MAX_WORDS = 8


def _numbered_questions(units: list[_Unit]) -> None:
    """The questions of an explainer numbered in order (``1. كم خسر الريال؟``, ``2. ما أسباب
    التراجع؟`` …), each a short line above a paragraph, are its subheadings when the series
    they number has at least two members: other such questions, or the numbered subheadings
    between them (``1- من أين تأتي المشكلة؟``, ``2- المحطات الحالية والصيانة الشتوية``). An
    interview does not number its questions, and a list of questions has no text under each."""
    series: list[_Unit] = []
    for k, unit in enumerate(units[:-1]):
        text = unit.segments[0].rstrip()
        marker = _ITEM_MARKER.match(text)
        number = marker["number"] if marker else None  # int() reads Arabic-Indic digits too
        if not number or not unit.short or int(number) != len(series) + 1:
            continue
        below = units[k + 1]
        question = (text.endswith(("؟", "?")) and unit.kind == "paragraph"
                    and below.kind == "paragraph" and not below.short)
        if question or unit.kind == "heading":
            series.append(unit)
    if len(series) >= 2:
        for unit in series:
            unit.kind = "heading"


#: A speaker's turn in a transcript or an interview: a name or role of a few words, then a
#: colon (``المراسلة: وماذا عن الليل؟``): a question so opened is said, not a subheading.
_SPEAKER = re.compile(r"\s*[^\W\d_][^\s:：]*(?:\s[^\s:：]+){0,3}\s*[:：]\s")


def _questions_in_a_headed_text(units: list[_Unit]) -> None:
    """In a text that has subheadings, a lone short question (``ما الذي ينتظر التلاميذ؟``)
    standing between paragraphs (blank lines around it, unless the copy has none) is one more
    of them: the article's own series of headings decides, as a question is sentence-final by
    punctuation alone. The line under it is a paragraph, or a sentence leading in to a list
    (``ينصح الأطباء بمراجعة المركز عند ظهور العلامات التالية:``). A question a speaker asks
    (:data:`_SPEAKER`) is none. The text's questions over their answers are one series, read
    alike: promoted only when most of them stand so (a FAQ's three questions, one glued to the
    section's heading, one over a short answer, stay text, never the one between)."""
    if not any(u.kind == "heading" for u in units):
        return
    # a copy without blank lines sets every line next to the next: nothing to tell by it
    spaced = not all(_adjacent(a, b) for a, b in zip(units, units[1:]))
    # a page that prints its subheadings right on their text: a question may stand so too
    glued_headings = all(k + 1 < len(units) and _adjacent(u, units[k + 1])
                         for k, u in enumerate(units) if u.kind == "heading")
    series, promoted = 0, []
    for k in range(1, len(units) - 1):
        unit, above, below = units[k], units[k - 1], units[k + 1]
        text = unit.segments[0].rstrip()
        if not (unit.kind == "paragraph" and unit.short and text.endswith(("؟", "?"))
                and words(text) <= QUESTION_HEADING_MAX_WORDS and not _ITEM_MARKER.match(text)
                and not _SPEAKER.match(text) and below.kind == "paragraph"):
            continue
        series += 1  # one of the text's questions, each over its answer
        if (not (spaced and (_adjacent(above, unit) or (_adjacent(unit, below) and not glued_headings)))
                and above.kind != "heading"
                and (not below.short or _lead_in(below))):  # over its text, or a sentence leading in to a list
            promoted.append(unit)
    if len(promoted) * 2 > series:  # a series of parallel questions reads alike, most of it or none:
        for unit in promoted:  # not one of three a subheading (a FAQ's questions, which the label keeps as text)
            unit.kind = "heading"


#: A text's only subheading is at most this many words less one; a longer lone line between
#: paragraphs is a picture's caption. Measured on every labelled set (shared corpus and pages,
#: 16 invented sets, 275 pages): the 43 lone subheadings have 2–5 words (the 9 real ones 2–4), while captions
#: copied from a ``<figcaption>`` without a credit run 6–15 (``مياه الفيضان تحيط بمنازل قرية في
#: ولاية نهر النيل``).
LONE_CAPTION_MIN_WORDS = 6


def _long_lone_heading_is_a_caption(units: list[_Unit]) -> None:
    """The text's only heading, when it is :data:`LONE_CAPTION_MIN_WORDS` words or longer and
    not its first line, is a photo caption: a caption copies exactly like a subheading (a short
    unpunctuated line between paragraphs), but introduces no text (the corpus rule for a
    heading), and a lone subheading is a short label. Headings of a text with several keep
    their length (``التأكيد على دور مصر المحورى بمنطقة الشرق الأوسط``, 8 words, one of three),
    and so does the title of a table right above its rows (cells joined by tabs): it introduces
    what follows (``متوسط سعر القدم المربعة في مناطق مختارة (بالدرهم)``)."""
    headings = [k for k, unit in enumerate(units) if unit.kind == "heading"]
    if len(headings) != 1 or headings[0] == 0:
        return
    k = headings[0]
    if k + 1 < len(units) and "\t" in units[k + 1].line.raw.strip():
        return
    if words(units[k].segments[0]) >= LONE_CAPTION_MIN_WORDS:
        units[k].kind = "caption"


#: A short line cut off mid-sentence is the first half of a wrapped sentence when it holds a
#: comma and at least this many words (an item naming a person and a post, «الدكتورة منى …،
#: أستاذة الأدب المقارن», has fewer).
WRAPPED_SHORT_MIN_WORDS = 10


def _wrapped_prose(unit: _Unit) -> bool:
    """True for a short line that is the first half of a hard-wrapped sentence: it ends
    mid-sentence and holds a comma and :data:`WRAPPED_SHORT_MIN_WORDS` words or more
    (``أصدرت وزارة التربية، اليوم، البرنامج النهائي لامتحانات الفصل الدراسي الأول لطلاب``)."""
    text = unit.segments[-1]
    return ends_mid_sentence(text) and has_comma(text) and words(text) >= WRAPPED_SHORT_MIN_WORDS


def _lone_items_are_paragraphs(run: list[_Unit]) -> None:
    """An item cut off from other items by headings or lead-ins is a paragraph."""
    for k, unit in enumerate(run):
        if unit.kind != "list_item":
            continue
        neighbours = [run[n] for n in (k - 1, k + 1) if 0 <= n < len(run)]
        if not any(n.kind == "list_item" for n in neighbours):
            unit.kind = "paragraph"



def _continues(a: _Unit, b: _Unit) -> bool:
    """True when ``b`` is the hard-wrapped continuation of ``a``."""
    if a.kind != "paragraph" or not _adjacent(a, b):
        return False
    if a.segments[-1].rstrip().endswith(COMMAS):
        # cut after a comma: wrapped when the line under it ends the sentence and is about as
        # long or shorter (hard-wrapped lines are about one width; a careless source may end a
        # whole paragraph with a comma, the next paragraph then runs far longer)
        return (b.kind == "paragraph" and words(a.segments[-1]) >= 6 and ends_sentence(b.segments[0])
                and 2 * words(b.segments[0]) <= 3 * words(a.segments[-1]))
    if not ends_mid_sentence(a.segments[-1]):
        return False
    if words(a.segments[-1]) < 6:
        return False
    return b.kind == "paragraph" and (not b.short or ends_sentence(b.segments[0]))


def assemble(lines: list[BodyLine], interview: bool = False) -> tuple[list[Block], dict[int, tuple[str, str]]]:
    """Blocks in reading order and, per line index, ``(role, note)`` for the explain view.

    ``lines`` are the body lines left after chrome removal, in order; a gap in their
    indexes means a blank or chrome line stood between them (no wrap-joining across it).
    ``interview``: the text is an interview (its byline names who asked): a question between
    paragraphs is one of its questions, never a subheading.
    """
    units = _units(lines)
    _mark_kinds(units, interview)
    # Each block's kind and its text in parts, joined once at the end (joining every wrapped
    # line to the text above it at once copied that text again for each line: time quadratic
    # in a paragraph's length, 2,000 wrapped lines of 2.5 KB took 8 s).
    kinds: list[str] = []
    texts: list[list[str]] = []
    roles: dict[int, tuple[str, str]] = {}
    joined_into_previous = False
    for pos, unit in enumerate(units):
        if unit.kind in _DROPPED:
            roles[unit.line.index] = ("chrome", _DROPPED[unit.kind])
            continue
        segments = unit.segments
        if joined_into_previous:
            texts[-1].append(segments[0])
            kinds[-1] = unit.kind
            segments = segments[1:]
        nxt = units[pos + 1] if pos + 1 < len(units) else None
        joined_into_previous = bool(nxt and _continues(unit, nxt))
        for segment in segments:
            kinds.append(unit.kind)
            texts.append([segment])
        note = ""
        if len(unit.segments) > 1:
            note = f"{len(unit.segments)} paragraphs split at space runs"
        if joined_into_previous:
            note = (note + "; " if note else "") + "wrapped: continues on next line"
        roles[unit.line.index] = (unit.kind, note)
    return [Block(kind=kind, text=" ".join(parts)) for kind, parts in zip(kinds, texts)], roles
