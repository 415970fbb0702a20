"""The lines of a raw page dump, each described by features the layout reader scores.

One :class:`Line` per input line (LF, CRLF or CR), computed once, in linear time. The
features are the ones jusText and boilerpipe use for blocks of HTML, applied to lines of
text: length in words, sentence-final punctuation, the share of Arabic function words
(stopwords — prose has many, menus and headlines few), digit and Latin share, whether the
line repeats elsewhere in the page or in other dumps of the same site, whether it stands
in a run of short unpunctuated lines (a menu or a list of links), whether it is a date
line, a name, a byline, a masthead role or general web vocabulary (share, comments,
related, tags, copyright).

References: Pomikálek, *Removing Boilerplate and Duplicate Content from Web Corpora*
(2011, jusText: stopword density and length classes); Kohlschütter et al., *Boilerplate
Detection using Shallow Text Features* (WSDM 2010, boilerpipe: word counts and link
density of neighbouring blocks).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import tzinfo

from sitegen.arabic import INVISIBLE, clean_inline
from sitegen.loaders import bylines, chrome, line_text, widgets
from sitegen.loaders.line_text import norm_key
from sitegen.loaders.dates import match_date
from sitegen.loaders.header import DateLine, date_line
from sitegen.loaders.line_record import PROSE_LINE_MIN_WORDS, Line

__all__ = ["Line", "split_lines", "content_words", "FUNCTION_WORDS", "PROSE_LINE_MIN_WORDS"]

#: Lines are compared (repeats across the page and across dumps) on their first this many
#: characters: enough to tell two headlines apart, and keeps hashing linear.
KEY_MAX_CHARS = 300
#: A line ending with a stop then a credit in brackets ends a sentence when it is this long
#: (a wire's last paragraph, ``… العذبة. (رويترز)``); a caption with its credit is shorter.
CREDITED_SENTENCE_MIN_WORDS = 12
#: A run of at least this many consecutive short unpunctuated lines is a menu or a link
#: list (three items is the smallest list a reader sees as one; jusText's "short" class).
LINK_RUN_MIN_LINES = 3
#: A line with this many list separators (``•••``, ``|``, ``●``) is a ticker or menu printed
#: on one line (a title bar ``SITE | TITLE`` or ``DATE | TIME`` has one).
INLINE_LIST_MIN_SEPARATORS = 2
#: Items of a ticker set apart by wide spaces are headlines of at most this many words.
SPACED_ITEM_MAX_WORDS = 14
#: Menu items are this many words at most ("اقتصاد وبورصة", "مرأة و منوعات").
MENU_ITEM_MAX_WORDS = 4
#: Items of one list differ in length by at most this factor (headlines of a ticker).
LIST_ITEM_LENGTH_RATIO = 2.0
#: Items listed under a label are at most this many words (a related headline).
LABELLED_ITEM_MAX_WORDS = 15
#: An ad label set between the article's paragraphs (``إعلان``, ``مساحة إعلانية``, ``إعلانات مبوبة``,
#: ``محتوى ممول``) heads an ad box: the lines under it up to the next blank line, at most this
#: many, each at most :data:`AD_LINE_MAX_WORDS` words (an advertiser's pitch, a classified).
AD_BOX_MAX_LINES = 6
AD_LINE_MAX_WORDS = 25
#: An advertiser's contact in an ad box's line: a phone number (7 digits or more, as printed
#: or spaced by one space or dash), an e-mail address or a web address. An ad label over lines
#: with none is an empty ad slot's over the article's own text (/tmp/attack49b/r1, r20).
_AD_CONTACT = re.compile(r"[\d\u0660-\u0669](?:[ \-]?[\d\u0660-\u0669]){6}|\w@\w|https?://|www\.")
#: Kinds of :func:`chrome.chrome_kind` that label an ad box.
AD_LABEL_KINDS = ("advertisement", "sponsored label")
#: Teasers are compared with this many following non-blank lines.
TEASER_WINDOW = 40
#: A teaser has at least this many words and characters (it repeats a deck or a paragraph).
TEASER_MIN_WORDS = 5
TEASER_MIN_CHARS = 15
#: A line printed again below after a dateline glued to its start (``مسقط - SITE:``, at most
#: this many characters, spaces left out) is compared on its first :data:`TEASER_PROBE_CHARS`.
GLUED_PREFIX_MAX_CHARS = 40
TEASER_PROBE_CHARS = 80
#: Lines longer than this many words are never looked up as dates, names or vocabulary:
#: such recognisers are meant for short lines, and this keeps each line's cost bounded.
SHORT_LINE_MAX_WORDS = 40
SHORT_LINE_MAX_CHARS = 400

#: Arabic function words (prepositions, conjunctions, particles, relatives, demonstratives,
#: auxiliaries) in folded spelling: their share is high in running prose and low in
#: headlines, menus and lists (jusText's stopword density, with an Arabic stoplist).
FUNCTION_WORDS = line_text.FUNCTION_WORDS

_TOKEN = re.compile(r"\w+")
#: Bullets and bars that join the items of a ticker or menu printed on one line.
#: Browsers copy a table row as its cells joined by tabs (``innerText``, HTML Living Standard
#: "rendered text collection steps": a tab between table cells, a newline between rows).
_TABLE_CELL_BREAK = re.compile(r"\S\t+(?=\S)")
#: ...and a list of values under a subheading is printed as ``LABEL: VALUE`` rows holding
#: figures (``المنامة: العظمى 27 – الصغرى 20``): data, not links.
_DATA_ROW = re.compile(r"[^:\d]{2,30}:\s*[^:\d]{0,40}\d")
DATA_ROW_MAX_WORDS = 12
_WIDE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{3,}(?:[.·•-]+[ \t\u00a0]*)?")
_LIST_SEPARATORS = re.compile(r"[•●■◆▪★|·◄►▶◀♦]+")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_ARTICLE = re.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ب|ل|ف)(?=\w{3})")


def content_words(key: str) -> set[str]:
    """Words of a folded line worth comparing (for title–body overlap): no function
    words, no one- or two-letter tokens, the article and one-letter prefixes removed
    (``والحكومة`` and ``الحكومة`` are one word; Larkey's light stemming, prefixes only)."""
    return {_ARTICLE.sub("", t) for t in _TOKEN.findall(key) if len(t) > 2 and t not in FUNCTION_WORDS}


#: Dropped from a line before it is read (:attr:`Line.raw`): NUL and the invisible characters
#: of :data:`sitegen.arabic.INVISIBLE` a copy of a web page may carry — the BOM, the bidi marks and embeddings of UAX #9 §2 (LRM, RLM,
#: ALM, LRE … PDF, LRI … PDI: ``&rlm;`` around a date, a CMS's mark before each line), the
#: zero-width space, the word joiner and the soft hyphen. None is read by a rule; each would
#: stand between a line's start and the word a rule looks for (``‏كتب:``). Zero-width
#: (non-)joiners stay: they join or part letters and emoji.
_INVISIBLE_MARKS = dict.fromkeys(map(ord, "\x00" + INVISIBLE.replace("\u200c", "").replace("\u200d", "")))


def cut_lines(text: str) -> list[str]:
    """``text`` cut into its lines at LF, CRLF, a lone CR, NEL, U+2028 or U+2029, without the line
    ends: how every part of the reader numbers a dump's lines."""
    text = text.replace("\r\n", "\n")
    for end in line_text.OTHER_LINE_ENDS:  # str.replace, ~20 times faster than str.translate on Arabic text
        text = text.replace(end, "\n")
    return text.split("\n")


def split_lines(text: str, tz: tzinfo, site_chrome: frozenset[str] = frozenset()) -> list[Line]:
    """``text`` cut into :class:`Line` records with all their features.

    ``site_chrome`` holds the keys of lines that recur in other dumps of the same site
    (see :func:`sitegen.loaders.sitechrome.learn_site_chrome`). Linear in ``len(text)``.
    """
    lines = []
    for i, orig in enumerate(cut_lines(text)):
        raw = orig.translate(_INVISIBLE_MARKS)
        cleaned = clean_inline(raw)
        lines.append(Line(i, orig, raw, cleaned, norm_key(cleaned[:KEY_MAX_CHARS])))
    counts = Counter(line.key for line in lines if line.key)
    for line in lines:
        if not line.blank:
            _describe(line, tz)
            line.page_repeats = counts[line.key]
            line.site_repeat = line.key in site_chrome
    widgets.mark_section_paths(lines, counts)
    _mark_link_runs(lines)
    _mark_teasers(lines)
    _mark_labelled_lists(lines)
    _mark_ad_boxes(lines)
    widgets.mark_embedded_posts(lines)
    widgets.mark_poll_questions(lines)
    widgets.mark_video_players(lines)
    widgets.mark_gallery_captions(lines)
    widgets.mark_credited_captions(lines)
    widgets.mark_photo_story(lines)
    widgets.mark_sign_up_boxes(lines)
    widgets.mark_pull_quotes(lines)
    return lines


def _mark_labelled_lists(lines: list[Line]) -> None:
    """Flag the items under a list label ("اقرأ أيضا", "الكلمات المفتاحية", "tags"): the
    short unpunctuated lines that follow it up to the next blank line or a line of half the
    first item's words or fewer (a subheading glued under a card: «ملفات إقليمية على الطاولة»,
    4 words, under an item of 8)."""
    under = summary = False
    first_words = 0
    for line in lines:
        if line.blank or line.vocabulary == "breadcrumb":  # a breadcrumb opens the article's head
            under = False
        elif line.vocabulary in chrome.BLOCK_LABEL_KINDS:
            under, first_words = True, 0
            summary = line.vocabulary == "summary box label"
        elif (under and line.words <= LABELLED_ITEM_MAX_WORDS and (summary or not line.full_stop)
              and line.words * 2 > first_words):
            line.under_label = True
            first_words = first_words or line.words
        else:
            # Items of one list are alike: a line half as long as the first item (or shorter) is the
            # article resuming (a subheading after an «اقرأ أيضا» card), not another item.
            under = False


def _mark_ad_boxes(lines: list[Line]) -> None:
    """Flag the lines of an ad box set between the article's paragraphs: under an ad label
    that stands after a blank line with a paragraph of prose above it, the lines up to the
    next blank line, when there are at most :data:`AD_BOX_MAX_LINES` of them and none is
    longer than :data:`AD_LINE_MAX_WORDS` words (``إعلان`` over an advertiser's pitch,
    ``إعلانات مبوبة`` over classifieds «للبيع: …», full sentences both) and one of them
    gives the advertiser's contact (:data:`_AD_CONTACT`). A label glued to the
    line above it (a dump without blank lines), over the article's first paragraph, over a
    longer block or one the page's end closes heads no box: what follows may be the article
    itself. Linear: each line is looked at by at most one box."""
    i, n = 0, len(lines)
    prose_above = False  # the last non-blank line above is a paragraph of prose
    while i < n:
        line = lines[i]
        if line.vocabulary not in AD_LABEL_KINDS or not prose_above or not (i and lines[i - 1].blank):
            if not line.blank:
                prose_above = line.prose_like
            i += 1
            continue
        end = i + 1
        while end < n and not lines[end].blank and end - i <= AD_BOX_MAX_LINES:
            end += 1
        box = lines[i + 1:end]
        if (end < n and lines[end].blank and all(l.words <= AD_LINE_MAX_WORDS for l in box)
                and any(_AD_CONTACT.search(l.text) for l in box)):
            for l in box:
                l.under_label = True
        prose_above = False
        i = end


def _mark_teasers(lines: list[Line]) -> None:
    """Flag meta-description teasers: a later line (the deck) glued to the start of a later
    paragraph, cut off; or the start of a later line printed again, cut off. Keys are
    compared without spaces (``norm_key`` already folds spelling); only the next
    :data:`TEASER_WINDOW` non-blank lines are compared, which keeps this linear."""
    keyed = [line for line in lines if line.key]
    bare = [line.key.replace(" ", "") for line in keyed]
    for pos, line in enumerate(keyed):
        if line.words >= TEASER_MIN_WORDS and len(bare[pos]) >= TEASER_MIN_CHARS:
            line.teaser = _is_teaser(bare[pos], bare[pos + 1:pos + 1 + TEASER_WINDOW])


def _is_teaser(bare: str, later: list[str]) -> bool:
    for other in later:
        if len(other) < TEASER_MIN_CHARS or other == bare:
            continue
        if bare.startswith(other):
            tail = bare[len(other):]
            if len(tail) >= 3 and any(p.startswith(tail) for p in later):
                return True
        if other.startswith(bare):
            return True
        if len(bare) >= TEASER_PROBE_CHARS and 0 < other.find(bare[:TEASER_PROBE_CHARS], 0, GLUED_PREFIX_MAX_CHARS + TEASER_PROBE_CHARS) <= GLUED_PREFIX_MAX_CHARS:
            return True  # a summary box printed again below with the dateline glued to it
    return False


def _describe(line: Line, tz: tzinfo) -> None:
    text, key = line.text, line.key
    tokens = _TOKEN.findall(key)
    line.words = line_text.words(text)
    line.final_punct = line_text.ends_sentence(text) or (
        line.words >= CREDITED_SENTENCE_MIN_WORDS and line_text.credit_after_stop(text))
    if tokens:
        line.function_share = sum(t in FUNCTION_WORDS for t in tokens) / len(tokens)
    letters_and_digits = sum(len(t) for t in tokens) or 1
    line.latin_share = len(_LATIN.findall(text[:KEY_MAX_CHARS])) / min(letters_and_digits, KEY_MAX_CHARS)
    line.digit_share = len(_DIGIT.findall(key)) / letters_and_digits
    line.table_row = _TABLE_CELL_BREAK.search(line.raw.strip()) is not None or (
        line.words <= DATA_ROW_MAX_WORDS and not line.final_punct and _DATA_ROW.match(text) is not None)
    line.inline_list = (len(_LIST_SEPARATORS.findall(text[:KEY_MAX_CHARS * 4])) >= INLINE_LIST_MIN_SEPARATORS
                        or _spaced_list(line.raw))
    if line.words <= SHORT_LINE_MAX_WORDS and len(text) <= SHORT_LINE_MAX_CHARS:
        line.date = date_line(line.raw.strip(), tz) or _aggregator_date(text, tz)
        line.vocabulary = chrome.chrome_kind(text)
        if line.vocabulary == "no words" and _TABLE_CELL_BREAK.search(line.raw.strip()):
            line.vocabulary = None  # a table row of figures under a short name (``دبي⇥2.61⇥2.50``)
        line.name_like = bylines.looks_like_name(text)
        line.masthead = bylines.masthead_role(text)
        line.byline = bylines.parse_byline(text)
        line.credit = bylines.parse_credit(text)
    elif chrome.is_comment_rules(key):
        line.vocabulary = "comment rules"


def _spaced_list(raw: str) -> bool:
    """A ticker whose items are set apart by wide spaces (``عاجل    ..    خبر    ..    خبر``):
    :data:`INLINE_LIST_MIN_SEPARATORS` + 1 or more pieces, all short, none a full sentence."""
    pieces = [p for p in _WIDE_SPACE.split(raw[:KEY_MAX_CHARS * 4]) if p.strip(" .·-")]
    return (len(pieces) > INLINE_LIST_MIN_SEPARATORS
            and all(len(p.split()) <= SPACED_ITEM_MAX_WORDS and not p.rstrip().endswith((".", "…")) for p in pieces))


def _aggregator_date(text: str, tz: tzinfo) -> DateLine | None:
    """The date of an aggregator line ``… نشر في SITE يوم DATE`` (the site rides along)."""
    aggregated = bylines.parse_aggregator(text)
    found = match_date(text, tz) if aggregated else None
    return DateLine(found, False, aggregated[1]) if found else None


def _unpunctuated_short(line: Line) -> bool:
    """A line that could be one link of a list: short, no date, not ending a sentence with a
    full stop (headlines may end with ``؟`` or ``!``), not a byline or masthead role, not a
    table row."""
    return (not line.blank and line.date is None and line.words <= 25
            and not line.full_stop and not line.table_row
            and line.byline is None and line.masthead is None and not _lead_in(line))


#: A clause opened by the conjunction و (``ويستهدف``, ``وقال``): how a following sentence of
#: Arabic prose starts, never a link.
_AND_CLAUSE = re.compile(r"و[^\W\d_]{2,}\s")


def _lead_in(line: Line) -> bool:
    """A sentence leading in to what follows, ending with a colon: ``ويستهدف البرنامج الفئات
    التالية:``, ``وقال وكيل الوزارة خلال حفل الإطلاق:``."""
    return line_text.ends_with_colon(line.text) and _AND_CLAUSE.match(line.text.lstrip()) is not None


def _alike(a: Line, b: Line) -> bool:
    """Two neighbouring lines that could be items of one list: both menu-short, or of
    similar length (within :data:`LIST_ITEM_LENGTH_RATIO`)."""
    if a.words <= MENU_ITEM_MAX_WORDS and b.words <= MENU_ITEM_MAX_WORDS:
        return True
    return max(a.words, b.words) <= LIST_ITEM_LENGTH_RATIO * min(a.words, b.words)


#: A copy that puts a blank line after (nearly) every line: at least this share of the gaps
#: between printed lines is one blank line …
SPACED_COPY_SHARE = 0.9
#: … over at least this many printed lines.
SPACED_COPY_MIN_LINES = 20


def _spaced_copy(lines: list[Line]) -> bool:
    """True when the copy set a blank line after (nearly) every printed line, so that a
    blank line tells nothing of where a menu ends."""
    shown = [line.index for line in lines if not line.blank]
    if len(shown) < SPACED_COPY_MIN_LINES:
        return False
    single = sum(1 for a, b in zip(shown, shown[1:]) if b - a == 2)
    return single >= SPACED_COPY_SHARE * (len(shown) - 1)


#: A list inside the body opens with a subheading of at most this many words (``المكونات``).
LIST_HEADING_MAX_WORDS = 3


def _next_printed(lines: list[Line], index: int, step: int) -> Line | None:
    """The first printed line from ``index`` going by ``step``, across at most one blank."""
    for i in (index, index + step):
        if 0 <= i < len(lines) and not lines[i].blank:
            return lines[i]
    return None


def _headed_list_in_prose(lines: list[Line], run: list[Line]) -> bool:
    """A run that is a list the article itself prints under a subheading (a recipe's
    ingredients, a programme's items): it opens with a short heading (its first line, or the
    line right above it when the items are longer than a heading), follows a paragraph of
    prose and is followed by a sentence (or by the next short subheading and its sentence: a
    recipe's steps under «طريقة التحضير»), and none of its lines is web vocabulary or printed
    twice on the page. Menus and link boxes sit between page parts, not between two of the
    article's sentences."""
    heading = run[0]
    if not _list_heading(heading):
        heading = lines[run[0].index - 1] if run[0].index > 0 else None
        if heading is None or not _list_heading(heading):
            return False
    before = _next_printed(lines, heading.index - 1, -1)
    after = _next_printed(lines, run[-1].index + 1, 1)
    if after is not None and after is not run[-1] and _list_heading(after):
        after = _next_printed(lines, after.index + 1, 1)
    return (before is not None and before.prose_like
            and after is not None and after.full_stop and after.words >= 4
            and all(line.vocabulary is None and line.page_repeats == 1 for line in run))


def _list_heading(line: Line) -> bool:
    """A line that could head a list inside the text: short, unpunctuated, no web vocabulary."""
    return (not line.blank and line.words <= LIST_HEADING_MAX_WORDS and not line.final_punct
            and line.vocabulary is None and line.date is None and line.page_repeats == 1)


def _mark_link_runs(lines: list[Line]) -> None:
    """Flag runs of consecutive, alike, short unpunctuated lines: menus, tickers, link lists.

    Such lists are printed one link per line with no blank line between, their items of
    one kind (all menu-short, or all headline-long). A run of :data:`LINK_RUN_MIN_LINES`
    menu items is a menu; a run of headline-long lines needs one line more. A page head
    printed without blank lines (breadcrumb, headline, caption, section, byline) mixes
    lengths, so it breaks into short pieces and is not taken for a list. Dates, bylines,
    punctuated lines and blanks end a run — but for a copy that sets a blank line after
    every line (:func:`_spaced_copy`), where blanks are read through.
    """
    shown = [line for line in lines if not line.blank] if _spaced_copy(lines) else lines
    start = 0
    while start < len(shown):
        if not _unpunctuated_short(shown[start]):
            start += 1
            continue
        end = start + 1
        while end < len(shown) and _unpunctuated_short(shown[end]) and _alike(shown[end - 1], shown[end]):
            end += 1
        run = shown[start:end]
        menu = all(line.words <= MENU_ITEM_MAX_WORDS for line in run)
        led_in = start > 0 and _lead_in(shown[start - 1]) and shown[start - 1].index == run[0].index - 1
        if (len(run) >= LINK_RUN_MIN_LINES + (0 if menu else 1) and not led_in
                and not _headed_list_in_prose(lines, run)):
            for line in run:
                line.link_run = True
        start = end
