"""A dateline or credit glued to the start of the first paragraph, taken off it into the
record's dateline, byline and site candidates: ``NAME- SITE- CITY: …``, ``بغداد/ SITE: …``,
``رام الله 3-3-2025 الزيتون- …``, ``دمشق، سوريا (CNN) -- …``, ``الرباط - (و.أ.أ) …``, ``المنامة
في 3 مارس / بنا / …``, ``القاهرة، 1 ديسمبر 2026 – …``, ``الكرك – …``. Every pattern has bounded parts: linear on any line.
"""

from __future__ import annotations

import re
from datetime import timezone

from sitegen.arabic import TASHKEEL, clean_inline
from sitegen.loaders import bylines, line_text
from sitegen.loaders.dates import find_dates
from sitegen.loaders.findings import Found
from sitegen.loaders.lines import FUNCTION_WORDS, Line


#: ``رام الله 3-3-2025 الزيتون- أعلنت …``: place, numeric date, agency, dash, then the text.
#: Bounded repeats keep it linear.
_DATED_DATELINE = re.compile(r"(?P<place>[^\W\d_][^\d:،,.\-–]{1,30}?)\s+\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\s+"
                             r"(?P<source>[^\W\d_][^\d:،,.\-–]{1,30}?)\s*[-–]\s*(?=\S)")

#: ``دمشق، سوريا (CNN) -- …``, ``نواكشوط، 20 يناير 2025 (شنقيط) - …``: place (and date), the
#: agency or outlet in brackets, a dash. Bounded parts keep the match linear.
_BRACKETED_DATELINE = re.compile(r"(?P<place>[^\W\d_][^()،,:\n]{0,30}?)(?:[،,][^()\n]{1,45}?)?\s*"
                                 r"\((?P<source>[^\W\d_][^()\n]{0,30})\)\s*[-–—]{1,2}\s*(?=\S)")
#: ``الرباط - (و.أ.أ) أعلنت …``, ``الرباط - (و.أ.أ) - …``: place, a dash, then the agency in
#: brackets (the Maghreb agencies' order). Bounded parts: linear.
_DASH_BRACKETED_DATELINE = re.compile(r"(?P<place>[^\W\d_][^()،,:\-–—\n]{0,30}?)\s*[-–—]{1,2}\s*"
                                      r"\((?P<source>[^\W\d_][^()\n]{0,30})\)\s*(?:[-–—]{1,2}\s*)?(?=\S)")
#: ``الرياض في ٢٦ نوفمبر /وكالة أنباء الخليج/ …``, ``المنامة في 3 مارس / بنا / …``, ``الدوحة في
#: 3 ديسمبر /قنا/ - …``: place (and date), the agency between slashes — the Gulf news agencies'
#: form — and the dash or colon after it. Bounded parts: linear.
_SLASHED_DATELINE = re.compile(r"(?P<place>[^\W\d_][^/()،,:.\n]{0,40}?)\s*/\s*"
                               r"(?P<source>[^\W\d_][^/\d.،,:\n]{0,30}?)\s*/\s*(?:[-–—:]{1,2}\s*)?(?=\S)")
_DATELINE_PLACE_END = re.compile(r"\s+(?:في|فى)\s|\s*\d|\s*[٠-٩]")
DATELINE_MAX_WORDS = 10


#: How far into a first paragraph a dateline written with a full date may reach, in characters.
DATELINE_HEAD_CHARS = 80
#: What follows the date of a dated dateline: an optional source in brackets, then a dash or
#: a colon (``الدوحة، قطر – 2 ديسمبر 2026: أعلن …``).
_AFTER_DATELINE_DATE = re.compile(r"\s*(?:\((?P<source>[^\W\d_][^()\n]{0,30})\)\s*)?(?:[-–—]{1,2}|:)\s*(?=\S)")
#: The place before a dated dateline's date: letters only, its country after a comma maybe
#: (``الدوحة، قطر``), then a comma, a dash or «في» before the date.
_DATELINE_PLACE = re.compile(r"(?P<place>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)(?:\s*[،,]\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)?"
                             r"\s*(?:،|,|[-–—]|\s(?:في|فى))?\s*$")


def _dated_dateline(text: str) -> tuple[int, tuple[int, int], tuple[int, int] | None] | None:
    """A dateline written with a date the date grammar reads, glued to the start of a
    paragraph: ``القاهرة، 1 ديسمبر 2026 – أعلنت …`` (a press release's head), ``الرباط في 3
    دجنبر 2026 (ومع) - …`` (a wire story's). Returns ``(end, place, source)``: where the text
    starts, the place (one to three words of letters, no function word), and the source in
    brackets or ``None`` (both as spans of ``text``); ``None`` when the paragraph opens otherwise."""
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
    return after.end(), place.span("place"), after.span("source") if after["source"] else None


#: ``الكرك – أعلنت …``, ``الأحساء، المملكة العربية السعودية – …``: a place of one to three words
#: (its country after a comma, up to four more), then a spaced dash — and the agency of one or
#: two words between two spaced dashes, the Levant's wires' form (``عمّان - بترا - …``).
#: Bounded: linear.
_PLACE_DATELINE = re.compile(r"(?P<place>[^\W\d_]+(?: [^\W\d_]+){0,2}?)(?:[،,] ?[^\W\d_]+(?: [^\W\d_]+){0,3}?)? [-–—] "
                             r"(?:(?P<source>[^\W\d_]+(?: [^\W\d_]+)?) [-–—] )?(?=[^\W\d_])")


def _place_dateline(text: str) -> tuple[int, tuple[int, int], tuple[int, int] | None] | None:
    """A dateline of a place (and an agency) glued to the first paragraph (a press release's
    head, a wire), as ``(end, place span, source span or None)``; ``None`` when the paragraph
    opens otherwise or a function word is in the would-be place or agency (``في خطوة مفاجئة –
    …`` is the text's own dash)."""
    m = _PLACE_DATELINE.match(text)
    if m is None or any(word in FUNCTION_WORDS for word in re.split(r"[\s،,\-–—]+", m.group())):
        return None
    return m.end(), m.span("place"), m.span("source") if m["source"] else None


def strip_glued_credit(line: Line, found: Found) -> str:
    """The first body line without a credit glued to its start (``NAME- SITE- CITY: …``).
    The datelines are matched on the line without its diacritics (``عمّان``'s shadda is no
    letter to a pattern) and cut at the same place of the line as printed."""
    glued = bylines.glued_credit(line.raw.strip())
    if glued:
        _, credit, byline, rest = glued
        found.byline = found.byline or (clean_inline(byline) if byline else None)
        if credit:
            found.site(7, credit.source)
            if credit.place and not found.dateline:
                found.dateline = clean_inline(credit.place)
        line.note = "dateline/byline glued to the first paragraph"
        return rest
    text, at = _unmarked(line.text)
    cut = _glued_dateline(text)
    if cut is None:
        return line.raw
    end, place, source, note = cut
    if source:
        found.site(7, _printed(line.text, at, source))
    found.dateline = found.dateline or clean_inline(_printed(line.text, at, place))
    line.note = note
    return line.text[at[end]:]


def _glued_dateline(text: str) -> tuple[int, tuple[int, int], tuple[int, int] | None, str] | None:
    """The dateline glued to the start of ``text`` as ``(end, place span, source span or None,
    note)``: where the text starts after it, where its place and its source stand; ``None``
    when ``text`` opens otherwise."""
    dated = (_DATED_DATELINE.match(text) or _DASH_BRACKETED_DATELINE.match(text)
             or _BRACKETED_DATELINE.match(text) or _SLASHED_DATELINE.match(text))
    if dated and line_text.words(dated.group()) <= DATELINE_MAX_WORDS and line_text.words(dated["source"]) <= 4:
        start, stop = dated.span("place")
        cut = _DATELINE_PLACE_END.search(text, start, stop)
        return dated.end(), (start, cut.start() if cut else stop), dated.span("source"), "agency dateline glued to the first paragraph"
    with_date = _dated_dateline(text)
    if with_date:
        end, place, source = with_date
        return end, place, source, "dated dateline glued to the first paragraph"
    bare = _place_dateline(text)
    if bare is None:
        return None
    end, place, source = bare
    return end, place, source, "place dateline glued to the first paragraph"


#: Diacritics (harakat, shadda, sukun, Quranic marks): no letters to ``[^\W\d_]``.
_MARKS = frozenset(TASHKEEL)


def _unmarked(text: str) -> tuple[str, list[int]]:
    """``text`` without diacritics (:data:`_MARKS`), and for each of its characters the index
    of the same character in ``text``, then ``len(text)``: a span of the one is a span of the
    other."""
    at = [i for i, ch in enumerate(text) if ch not in _MARKS]
    return "".join(text[i] for i in at), [*at, len(text)]


def _printed(text: str, at: list[int], span: tuple[int, int]) -> str:
    """The part of ``text`` (as printed, diacritics and all) that ``span`` of its unmarked copy
    covers."""
    return text[at[span[0]]:at[span[1]]].strip()
