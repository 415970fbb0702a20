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
from dataclasses import dataclass, field
from datetime import tzinfo

from sitegen.arabic import clean_inline
from sitegen.loaders import bylines, chrome, line_text
from sitegen.loaders.line_text import norm_key
from sitegen.loaders.dates import match_date
from sitegen.loaders.header import DateLine, date_line

__all__ = ["Line", "split_lines", "content_words", "FUNCTION_WORDS", "in_gallery"]

#: Lines are compared (repeats across the page and across dumps) on their first this many
#: characters: enough to tell two headlines apart, and keeps hashing linear.
KEY_MAX_CHARS = 300
#: A run of at least this many consecutive short unpunctuated lines is a menu or a link
#: list (three items is the smallest list a reader sees as one; jusText's "short" class).
LINK_RUN_MIN_LINES = 3
#: A line with this many list separators (``•••``, ``|``, ``●``) is a ticker or menu printed
#: on one line (a title bar ``SITE | TITLE`` or ``DATE | TIME`` has one).
INLINE_LIST_MIN_SEPARATORS = 2
#: A punctuated line of this many words reads as prose (bodyrun.PROSE_MIN_WORDS).
PROSE_LINE_MIN_WORDS = 8
#: Items of a ticker set apart by wide spaces are headlines of at most this many words.
SPACED_ITEM_MAX_WORDS = 14
#: Menu items are this many words at most ("اقتصاد وبورصة", "مرأة و منوعات").
MENU_ITEM_MAX_WORDS = 4
#: Items of one list differ in length by at most this factor (headlines of a ticker).
LIST_ITEM_LENGTH_RATIO = 2.0
#: Items listed under a label are at most this many words (a related headline).
LABELLED_ITEM_MAX_WORDS = 15
#: Teasers are compared with this many following non-blank lines.
TEASER_WINDOW = 40
#: A teaser has at least this many words and characters (it repeats a deck or a paragraph).
TEASER_MIN_WORDS = 5
TEASER_MIN_CHARS = 15
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


@dataclass
class Line:
    """One line of a dump and its features.

    ``index`` is 0-based; ``orig`` the line as given, ``raw`` without NUL/BOM, ``text``
    cleaned (:func:`~sitegen.arabic.clean_inline`), ``key`` folded for comparisons
    (:func:`~sitegen.loaders.line_text.norm_key`). ``role``/``note`` are set by the reader.
    """

    index: int
    orig: str
    raw: str
    text: str
    key: str
    words: int = 0
    final_punct: bool = False
    function_share: float = 0.0
    latin_share: float = 0.0
    digit_share: float = 0.0
    page_repeats: int = 0
    site_repeat: bool = False
    link_run: bool = False
    date: DateLine | None = None
    vocabulary: str | None = None
    name_like: bool = False
    masthead: tuple[str, str] | None = None
    byline: str | None = None
    credit: bylines.Credit | None = None
    teaser: bool = False
    under_label: bool = False
    inline_list: bool = False
    table_row: bool = False  # a row of a copied table, or a ``LABEL: VALUE`` row with figures
    role: str = ""
    note: str = ""
    score: float = 0.0
    facts: list[str] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return not self.key

    @property
    def prose_like(self) -> bool:
        """A punctuated sentence of prose length (the same test as the site-chrome learner's)."""
        return self.words >= PROSE_LINE_MIN_WORDS and line_text.ends_with_punct(self.text)

    @property
    def opens_footer(self) -> bool:
        """This line opens the page footer (comments, tags, ©, previous/next links, the comment
        rules however long): :func:`chrome.kind_opens_footer` of its vocabulary."""
        return chrome.kind_opens_footer(self.vocabulary, self.text)

    @property
    def full_stop(self) -> bool:
        """Ends with ``.`` or ``…`` (quotes aside): prose; a headline may end with ``؟`` or ``!``."""
        return self.text.rstrip(line_text.CLOSERS + " ")[-1:] in (".", "…")

    def explain(self) -> str:
        """The features that decided this line, for ``extract --explain``."""
        parts = [f"w={self.words}", f"score={self.score:+.1f}"]
        if self.final_punct:
            parts.append("punct")
        if self.function_share:
            parts.append(f"fw={self.function_share:.2f}")
        if self.page_repeats > 1:
            parts.append(f"repeats×{self.page_repeats}")
        if self.site_repeat:
            parts.append("site-chrome")
        if self.link_run:
            parts.append("link-run")
        if self.teaser:
            parts.append("teaser")
        if self.under_label:
            parts.append("listed under a label")
        if self.inline_list:
            parts.append("inline list")
        if self.vocabulary:
            parts.append(self.vocabulary)
        return " ".join(parts + self.facts)


_NUL_AND_BOM = {0: None, 0xFEFF: None}


def split_lines(text: str, tz: tzinfo, site_chrome: frozenset[str] = frozenset()) -> list[Line]:
    """``text`` cut into :class:`Line` records with all their features.

    ``site_chrome`` holds the keys of lines that recur in other dumps of the same site
    (see :func:`sitegen.loaders.sitechrome.learn_site_chrome`). Linear in ``len(text)``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for i, orig in enumerate(text.split("\n")):
        raw = orig.translate(_NUL_AND_BOM)
        cleaned = clean_inline(raw)
        lines.append(Line(i, orig, raw, cleaned, norm_key(cleaned[:KEY_MAX_CHARS])))
    counts = Counter(line.key for line in lines if line.key)
    for line in lines:
        if not line.blank:
            _describe(line, tz)
            line.page_repeats = counts[line.key]
            line.site_repeat = line.key in site_chrome
    _mark_section_paths(lines, counts)
    _mark_link_runs(lines)
    _mark_teasers(lines)
    _mark_labelled_lists(lines)
    _mark_embedded_posts(lines)
    _mark_poll_questions(lines)
    _mark_video_players(lines)
    _mark_gallery_captions(lines)
    _mark_credited_captions(lines)
    _mark_sign_up_boxes(lines)
    _mark_pull_quotes(lines)
    return lines


#: Separators of a section path as sites print them: ``SITE ⟵ SECTION``, ``SITE ‹ SECTION``.
_PATH_SEPARATOR = re.compile(r"\s(?:[»«›‹<>|/\\←→⟵⟶◂▸◀▶⇐⇒≪≫]{1,2}|->|<-)\s")
#: Each part of a section path is a name of this many words at most.
PATH_PART_MAX_WORDS = 4


def _mark_section_paths(lines: list[Line], counts: Counter) -> None:
    """Flag a section path the page vouches for: short parts between path separators
    (``دمشق الآن ⟵ تربية وجامعات``), one of which the page prints alone on a line of its own
    (the logo, a menu item). ``counts`` holds how often each line key is printed."""
    for line in lines:
        if line.blank or line.vocabulary is not None or line.date is not None:
            continue
        parts = [part.strip() for part in _PATH_SEPARATOR.split(line.key)]
        if (len(parts) >= 2 and all(parts) and all(len(part.split()) <= PATH_PART_MAX_WORDS for part in parts)
                and any(counts[part] for part in parts)):
            line.vocabulary = "breadcrumb"
        elif len(parts) == 1 and _menu_items_from_home(line.key, counts):
            line.vocabulary = "breadcrumb"


#: A breadcrumb printed without separators holds at most this many words after «الرئيسية».
UNMARKED_PATH_MAX_WORDS = 6


def _menu_items_from_home(key: str, counts: Counter) -> bool:
    """True for a section path whose links the page printed with no separator between them
    (``الرئيسية محليات``): «الرئيسية» (Home), then one or more names each printed alone on a
    line of the page (its menu), at most :data:`UNMARKED_PATH_MAX_WORDS` words in all."""
    words = key.split()
    if not words or words[0] != chrome.HOME_KEY or not 2 <= len(words) <= UNMARKED_PATH_MAX_WORDS + 1:
        return False
    # Can words[1:] be cut into names the page prints alone? (a few words: every cut is tried)
    ends = {1}
    for end in range(2, len(words) + 1):
        if any(counts[" ".join(words[start:end])] for start in ends):
            ends.add(end)
    return len(words) in ends


#: A pull quote: the whole line between quotation marks; its attribution: a dash, then a few words.
_WHOLLY_QUOTED = re.compile(r"\s*[«“\"][^«»“”\"]{2,400}[»”\"]\s*")
_ATTRIBUTION = re.compile(r"\s*[—–-]\s*[^\W\d_]")
ATTRIBUTION_MAX_WORDS = 6
#: A pull quote without attribution repeats at least this many words of a paragraph …
PULL_QUOTE_MIN_WORDS = 4
#: … of more than this many words.
PULL_QUOTE_CONTEXT_MIN_WORDS = 12
#: At most this many wholly quoted lines are looked for in the page (the search stays linear).
PULL_QUOTES_MAX = 16


def _mark_pull_quotes(lines: list[Line]) -> None:
    """Flag a pull quote set apart from the text: a line wholly between quotation marks
    (``«الحرفي الإفريقي لا يحتاج إلى الشفقة، بل إلى سوق عادلة»``) with its attribution under
    it (``— مديرة المعرض``), or without one when a longer line of the page holds the quoted
    words (the article's paragraph it repeats); neither is a paragraph of it."""
    shown = [l for l in lines if not l.blank]
    for quote, credit in zip(shown, shown[1:]):
        if (credit.index - quote.index <= 2 and quote.vocabulary is None and credit.vocabulary is None
                and _WHOLLY_QUOTED.fullmatch(quote.text) and credit.words <= ATTRIBUTION_MAX_WORDS
                and _ATTRIBUTION.match(credit.text) and not credit.text.rstrip().endswith((")", "."))):
            quote.vocabulary = credit.vocabulary = "pull quote"
    quoted = [l for l in shown if l.vocabulary is None and _WHOLLY_QUOTED.fullmatch(l.text)][:PULL_QUOTES_MAX]
    if not quoted:
        return
    longer = [l.key for l in shown if l.words > PULL_QUOTE_CONTEXT_MIN_WORDS]
    for quote in quoted:
        inner = quote.key.strip(" «»“”\"")
        if len(inner.split()) >= PULL_QUOTE_MIN_WORDS and any(inner in key for key in longer if key != quote.key):
            quote.vocabulary = "pull quote"


#: Words that address the reader (folded): a box selling a newsletter or an app speaks to
#: "you", news prose does not (``احصل …``, ``تصل إلى بريدك``, ``لتصلك``).
_TO_YOU = re.compile(r"(?<!\w)(?:احصل|اشترك|سجل|تابعنا|تابعونا|انضم|لتصلك|تصلك|يصلك|ليصلك|بريدك|هاتفك|لك|اليك|"
                     r"subscribe|sign up|get)(?!\w)")  # a word, punctuation after it or not (``في بريدك.``)
#: A sign-up box is at most this many lines above its button (a heading, a sentence).
SIGN_UP_BOX_LINES = 2


def _mark_sign_up_boxes(lines: list[Line]) -> None:
    """Flag the box a sign-up button closes (a newsletter's heading and its pitch): up to
    :data:`SIGN_UP_BOX_LINES` lines right above the button when the pitch speaks to the
    reader (:data:`_TO_YOU`); the heading over it goes with it."""
    for at, line in enumerate(lines):
        if line.vocabulary != "sign-up button":
            continue
        above = [l for l in lines[max(0, at - 2 * SIGN_UP_BOX_LINES):at] if not l.blank][-SIGN_UP_BOX_LINES:]
        pitch = next((l for l in reversed(above) if l.vocabulary is None and _TO_YOU.search(l.key)), None)
        if pitch is None:
            continue
        pitch.vocabulary = "sign-up box"
        heading = above[0] if len(above) == SIGN_UP_BOX_LINES and above[0] is not pitch else None
        if heading is not None and heading.vocabulary is None and not heading.final_punct and heading.words <= 4:
            heading.vocabulary = "sign-up box"


#: A photographer's credit on a line of its own: ``عدسة: NAME``, ``تصوير: NAME``, ``Photo : NAME``.
_PHOTO_CREDIT = re.compile(r"[(\[]?\s*(?:عدسه|تصوير|الصوره|صوره|photo|credit photo|credit)\s*[:：\-–]\s*\S")
#: A credit of a few words only (``أرشيفية``, ``صورة أرشيفية``): the line above is its caption
#: when that is short and no sentence.
SHORT_CREDIT_MAX_WORDS = 3
CREDITED_CAPTION_MAX_WORDS = 15
PHOTO_CREDIT_MAX_WORDS = 6


#: The vocabulary of a line read as the caption of the photo credit under it.
CREDITED_CAPTION = "caption (credited below)"


def _mark_credited_captions(lines: list[Line]) -> None:
    """Flag a picture's caption: the line printed right above (no blank line between) a
    photographer's credit line, a sentence as it may be — a caption is a short heading-like
    line, and without this it reads as a subheading of the text below."""
    for line in lines:
        if line.index == 0 or line.vocabulary != "caption" or line.words > PHOTO_CREDIT_MAX_WORDS:
            continue
        photographer = _PHOTO_CREDIT.match(line.key) is not None
        if not photographer and line.words > SHORT_CREDIT_MAX_WORDS:
            continue
        above = lines[line.index - 1]
        if (not above.blank and above.words <= GALLERY_CAPTION_MAX_WORDS and above.vocabulary is None
                and above.date is None and not above.link_run
                and (photographer or (above.words <= CREDITED_CAPTION_MAX_WORDS and not above.final_punct))):
            above.vocabulary = CREDITED_CAPTION


#: A gallery's counter under each picture's caption: ``1 / 4``, ``٢ من ٦``.
_GALLERY_COUNTER = re.compile(r"\s*\d{1,3}\s*(?:/|من)\s*(?P<of>\d{1,3})\s*")
GALLERY_CAPTION_MAX_WORDS = 40


def _mark_gallery_captions(lines: list[Line]) -> None:
    """Flag the captions of a gallery: for two or more counters ``k / N`` with the same ``N``,
    the lines printed right next to each counter (no blank line between) on the side the page
    puts its captions — above the counters or below them, whichever side has more such lines,
    then the shorter ones (a caption is shorter than the paragraph a copy without blank lines
    glues to the counter's other side). Sentences as they may be."""
    counters: dict[str, list[Line]] = {}
    for line in lines:
        m = _GALLERY_COUNTER.fullmatch(line.key) if line.key else None
        if m:
            counters.setdefault(m["of"], []).append(line)
    for found in counters.values():
        if len(found) < 2:
            continue
        above = [c for c in (_caption_beside(lines, counter, -1) for counter in found) if c is not None]
        below = [c for c in (_caption_beside(lines, counter, +1) for counter in found) if c is not None]
        side = min((above, below), key=lambda s: (-len(s), sum(c.words for c in s) / max(1, len(s))))
        for caption in side:
            caption.vocabulary = caption.vocabulary or "gallery caption"


def in_gallery(line: Line) -> bool:
    """Whether ``line`` is a gallery's counter (``3 / 8``) or a caption
    :func:`_mark_gallery_captions` flagged."""
    return line.vocabulary == "gallery caption" or bool(line.key and _GALLERY_COUNTER.fullmatch(line.key))


def _caption_beside(lines: list[Line], counter: Line, step: int) -> Line | None:
    """The line right above (``step`` -1) or below (+1) a gallery counter when it could be the
    picture's caption: printed, at most :data:`GALLERY_CAPTION_MAX_WORDS` words, no role but a
    caption's."""
    at = counter.index + step
    if not 0 <= at < len(lines):
        return None
    line = lines[at]
    if (line.blank or line.words > GALLERY_CAPTION_MAX_WORDS or line.date is not None
            or (line.vocabulary is not None and not line.vocabulary.startswith("caption"))
            or _GALLERY_COUNTER.fullmatch(line.key)):
        return None
    return line


#: A poll's question is one short line.
POLL_QUESTION_MAX_WORDS = 20


def _mark_poll_questions(lines: list[Line]) -> None:
    """Flag a poll's question: the first line below a poll label (``استطلاع``) when it asks
    (ends with ``؟`` or ``?``) in a few words and its answers are not printed one a line right
    under it (that whole set is read as one widget by the reader)."""
    for at, line in enumerate(lines):
        if line.vocabulary != "poll":
            continue
        question = next((l for l in lines[at + 1:at + 3] if not l.blank), None)
        if (question is None or question.vocabulary is not None or question.words > POLL_QUESTION_MAX_WORDS
                or question.text.rstrip(line_text.CLOSERS + " ")[-1:] not in ("؟", "?")):
            continue
        below = lines[question.index + 1] if question.index + 1 < len(lines) else None
        if below is None or below.blank or below.words > POLL_QUESTION_MAX_WORDS:
            question.vocabulary = "poll"


#: The label a video player prints over its title (folded keys).
_VIDEO_LABELS = frozenset(line_text.norm_key(w) for w in ("فيديو", "فيديو:", "بالفيديو", "شاهد", "شاهد الفيديو",
                                                        "video", "vidéo"))
#: A video's running time: ``02:41``, ``1:05:30``.
_DURATION = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
#: A player prints at most this many lines between its label and the running time (its title).
VIDEO_TITLE_MAX_LINES = 2


def _mark_video_players(lines: list[Line]) -> None:
    """Flag a video player's text set in the article: a video label (``فيديو``), then at most
    :data:`VIDEO_TITLE_MAX_LINES` lines (the video's title), then its running time alone on a
    line (``02:41``), then — when it reads as one (no sentence, no full stop) — its caption.
    Read alone, the title and the caption are short unpunctuated lines: subheadings."""
    shown = [l for l in lines if not l.blank]
    for at, line in enumerate(shown):
        if line.key not in _VIDEO_LABELS:
            continue
        after = shown[at + 1:at + 2 + VIDEO_TITLE_MAX_LINES]
        end = next((k for k, l in enumerate(after) if _DURATION.fullmatch(l.key)), None)
        if not end:  # None, or a running time right under the label: no title to flag
            continue
        for title in after[:end]:
            if title.vocabulary is None and not title.final_punct:
                title.vocabulary = "video player"
        caption = shown[at + 2 + end] if at + 2 + end < len(shown) else None
        if (caption is not None and caption.vocabulary is None and not caption.final_punct
                and caption.words <= chrome.CAPTION_MAX_WORDS):
            caption.vocabulary = "video player"


#: An embedded post (a tweet, an Instagram picture) prints at most this many short lines above
#: its attribution or its «view this post» line: the account, the caption or the post's text.
EMBED_MAX_LINES = 3
EMBED_LINE_MAX_WORDS = 30
_EMBED_KINDS = ("embedded post", "embedded post attribution")


def _mark_embedded_posts(lines: list[Line]) -> None:
    """Flag the text of a post embedded in the article: the short lines right above the line
    that closes the embed (``— NAME (@handle) DATE``, ``عرض هذا المنشور على Instagram``), up to
    :data:`EMBED_MAX_LINES`, stopping at a sentence of prose (a line ending with a full stop,
    but for the post's own text right over its attribution ``— NAME (@handle) DATE`` when the
    article does not lead in to it) or at the article's line leading in to the post (ending
    with ``:``)."""
    for at, line in enumerate(lines):
        if line.vocabulary not in _EMBED_KINDS:
            continue
        taken = 0
        for above in reversed(lines[max(0, at - 2 * EMBED_MAX_LINES):at]):
            if above.blank:
                continue
            # the post's own text right over «— NAME (@handle) DATE» may end with a full stop,
            # unless the article leads in to it (``وكتب على حسابه:``): then it quotes the post
            post_text = taken == 0 and line.vocabulary == "embedded post attribution" and not _led_in(lines, above)
            if (taken == EMBED_MAX_LINES or above.vocabulary is not None or (above.full_stop and not post_text)
                    or above.words > EMBED_LINE_MAX_WORDS or above.text.rstrip().endswith((":", "："))):
                break  # a sentence of prose, or the article's lead-in to the post (``… جاء فيه:``)
            above.vocabulary = "embedded post"
            taken += 1


def _led_in(lines: list[Line], line: Line) -> bool:
    """True when the non-blank line above ``line`` ends with ``:`` (the article leading in)."""
    above = next((l for l in reversed(lines[:line.index]) if not l.blank), None)
    return above is not None and above.text.rstrip().endswith((":", "："))


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
    return False


def _describe(line: Line, tz: tzinfo) -> None:
    text, key = line.text, line.key
    tokens = _TOKEN.findall(key)
    line.words = line_text.words(text)
    line.final_punct = line_text.ends_sentence(text)
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
    return line.text.rstrip().endswith((":", "：")) and _AND_CLAUSE.match(line.text.lstrip()) is not None


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
    ingredients, a programme's items): it opens with a short heading, follows a paragraph of
    prose and is followed by a sentence, and none of its lines is web vocabulary or printed
    twice on the page. Menus and link boxes sit between page parts, not between two of the
    article's sentences."""
    before = _next_printed(lines, run[0].index - 1, -1)
    after = _next_printed(lines, run[-1].index + 1, 1)
    return (run[0].words <= LIST_HEADING_MAX_WORDS
            and before is not None and before.prose_like
            and after is not None and after.full_stop and after.words >= 4
            and all(line.vocabulary is None and line.page_repeats == 1 for line in run))


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
