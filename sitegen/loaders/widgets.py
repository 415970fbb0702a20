"""Page widgets read across neighbouring lines of a dump: a section path the page vouches for,
pull quotes, sign-up boxes, photo captions credited below, gallery captions, poll questions,
video players and embedded posts. Each ``mark_…`` function sets features of the
:class:`~sitegen.loaders.lines.Line` records it is given (``vocabulary`` mostly), after
:func:`sitegen.loaders.lines.split_lines` has described every line alone; each is linear in the
number of lines.
"""

from __future__ import annotations

import re
from collections import Counter

from sitegen.loaders import chrome, line_text
from sitegen.loaders.line_record import Line


#: Separators of a section path as sites print them: ``SITE ⟵ SECTION``, ``SITE ‹ SECTION``.
PATH_SEPARATOR = re.compile(r"\s(?:[»«›‹<>|/\\←→⟵⟶◂▸◀▶⇐⇒≪≫]{1,2}|->|<-)\s")
#: Each part of a section path is a name of this many words at most.
PATH_PART_MAX_WORDS = 4


def mark_section_paths(lines: list[Line], counts: Counter) -> None:
    """Flag a section path the page vouches for: short parts between path separators
    (``دمشق الآن ⟵ تربية وجامعات``), one of which the page prints alone on a line of its own
    (the logo, a menu item). ``counts`` holds how often each line key is printed."""
    for line in lines:
        if line.blank or line.vocabulary is not None or line.date is not None:
            continue
        parts = [part.strip() for part in PATH_SEPARATOR.split(line.key)]
        if (len(parts) >= 2 and all(parts) and all(len(part.split()) <= PATH_PART_MAX_WORDS for part in parts)
                and any(counts[part] for part in parts)):
            line.vocabulary = "breadcrumb"
        elif len(parts) == 1 and (_menu_items_from_home(line.key, counts) or _menu_items_then_a_line(line.key, counts)):
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
    return len(words) in _name_ends(words, counts)


def _name_ends(words: list[str], counts: Counter) -> set[int]:
    """The word positions (after «الرئيسية», ``words[0]``) up to which ``words`` can be cut into
    names the page prints alone, within :data:`UNMARKED_PATH_MAX_WORDS` words (a few: every
    cut is tried)."""
    ends = {1}
    for end in range(2, min(len(words), UNMARKED_PATH_MAX_WORDS + 1) + 1):
        if any(counts[" ".join(words[start:end])] for start in ends):
            ends.add(end)
    return ends


def _menu_items_then_a_line(key: str, counts: Counter) -> bool:
    """True for a section path printed without separators that ends with the page's own title
    (``الرئيسية أمن ومرور «المرور»: إغلاق …`` over the headline «المرور»: إغلاق …»):
    «الرئيسية», names the page prints alone, then the whole text of another line of the page."""
    words = key.split()
    if len(words) < 3 or words[0] != chrome.HOME_KEY:
        return False
    return any(counts[" ".join(words[end:])] for end in _name_ends(words, counts) - {1} if end < len(words))


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


def mark_pull_quotes(lines: list[Line]) -> None:
    """Flag a pull quote set apart from the text: a line wholly between quotation marks
    (``«الحرفي الإفريقي لا يحتاج إلى الشفقة، بل إلى سوق عادلة»``) with its attribution under
    it (``— مديرة المعرض``), or without one when a longer line of the page holds the quoted
    words (the article's paragraph it repeats); neither is a paragraph of it."""
    shown = [l for l in lines if not l.blank]
    for quote, credit in zip(shown, shown[1:]):
        if (credit.index - quote.index <= 2 and quote.vocabulary is None and credit.vocabulary in (None, "signature")
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


def mark_sign_up_boxes(lines: list[Line]) -> None:
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


def mark_credited_captions(lines: list[Line]) -> None:
    """Flag a picture's caption: the line printed right above (no blank line between) a
    photographer's credit line, a sentence as it may be, or across one blank line a short line
    without final punctuation above a photographer's credit (``تصوير: NAME`` set in a block of
    its own) — a caption is a short heading-like line, and without this it reads as a
    subheading of the text below."""
    for line in lines:
        if line.index == 0 or line.vocabulary != "caption" or line.words > PHOTO_CREDIT_MAX_WORDS:
            continue
        photographer = _PHOTO_CREDIT.match(line.key) is not None
        if not photographer and line.words > SHORT_CREDIT_MAX_WORDS:
            continue
        above = lines[line.index - 1]
        if above.blank and photographer and line.index > 1:
            above = lines[line.index - 2]  # a credit set in a block of its own, a blank line under its caption
            if above.words > CREDITED_CAPTION_MAX_WORDS or above.final_punct:
                continue
        if (not above.blank and above.words <= GALLERY_CAPTION_MAX_WORDS and above.vocabulary is None
                and above.date is None and not above.link_run
                and (photographer or (above.words <= CREDITED_CAPTION_MAX_WORDS and not above.final_punct))):
            above.vocabulary = CREDITED_CAPTION


#: The vocabulary of a caption that is the text of a photo story (:func:`mark_photo_story`).
PHOTO_STORY_CAPTION = "photo story caption"
#: A photo story tells its story in at least this many captions written as sentences.
PHOTO_STORY_MIN_CAPTIONS = 3


def mark_photo_story(lines: list[Line]) -> None:
    """Flag the captions of a photo story (``بالصور.. …``, a gallery told in its captions): at
    least :data:`PHOTO_STORY_MIN_CAPTIONS` captions in a row — each credited below it or beside a
    gallery counter, each a sentence —, with nothing between them but credits, counters and
    blank lines. They are the story's text (the labelling rule for such pages), not chrome; a
    lone credited caption, or captions not written as sentences, stay the pictures'."""
    group: list[Line] = []

    def close() -> None:
        if len(group) >= PHOTO_STORY_MIN_CAPTIONS:
            for caption in group:
                caption.vocabulary = PHOTO_STORY_CAPTION
        group.clear()

    for line in lines:
        if line.blank:
            continue
        if line.vocabulary in (CREDITED_CAPTION, "gallery caption") and line.final_punct:
            group.append(line)
        elif not (group and (line.vocabulary == "caption" or in_gallery(line))):
            close()
    close()


#: A gallery's counter under each picture's caption: ``1 / 4``, ``٢ من ٦``.
_GALLERY_COUNTER = re.compile(r"\s*\d{1,3}\s*(?:/|من)\s*(?P<of>\d{1,3})\s*")
GALLERY_CAPTION_MAX_WORDS = 40


def mark_gallery_captions(lines: list[Line]) -> None:
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
    :func:`mark_gallery_captions` flagged."""
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


def mark_poll_questions(lines: list[Line]) -> None:
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


def mark_video_players(lines: list[Line]) -> None:
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


#: The label a media embed prints alone on its line, folded: a video's, a gallery's, an
#: infographic's (``فيديو``, ``بالصور``, ``شاهد``). Bare ``صور`` is left out: it is also a city
#: (Tyre, Sur), a subheading of its own in a travel story.
_MEDIA_LABELS = frozenset(line_text.norm_key(w) for w in (
    "فيديو", "الفيديو", "بالفيديو", "شاهد", "شاهد الفيديو", "شاهدوا", "الصور", "بالصور", "صور وفيديو",
    "بالصور والفيديو", "بالفيديو والصور", "فيديوجراف", "موشن جرافيك", "انفوجراف", "إنفوجراف", "انفوجرافيك",
    "إنفوجرافيك", "انفوغراف", "إنفوغراف", "انفوغرافيك", "إنفوغرافيك", "شاهد بالفيديو", "شاهد بالصور", "فيديوهات",
    "video", "vidéo", "photos", "infographic"))
#: A media embed's caption opening with its label and a separator (folded): ``فيديو | TITLE``,
#: ``بالفيديو: TITLE``, ``شاهد - TITLE``. Not the two dots of a headline's pause (``الفيديو..
#: والرواية الرسمية`` is a subheading: /tmp/attack49b/r6), nor a bare ``صور`` (Tyre, r9).
_MEDIA_CAPTION_START = re.compile(
    r"(?:(?:ال|بال)?فيديو|شاهد(?: (?:الفيديو|بالفيديو|بالصور))?|(?:ال|بال)صور(?: و ?(?:ال)?فيديو)?|فيديوجراف"
    r"|انفو[جغ]راف(?:يك)?|video|vidéo|photos)\s*[|:：\-–—]\s*[^\s|:：\-–—.…]")


def is_media_label(key: str) -> bool:
    """True when the folded line ``key`` is a media embed's label alone (``فيديو``,
    ``بالصور:``): the player's or gallery's text, never a subheading."""
    return key.rstrip(" :：|-–—.…") in _MEDIA_LABELS


def opens_with_media_label(key: str) -> bool:
    """True when the folded line ``key`` opens with a media label and a separator, as a media
    embed's caption does (``فيديو | ملخص المباراة``). Only a short unpunctuated line should be
    asked: a sentence opening with ``شاهد:`` may be a witness's words."""
    return _MEDIA_CAPTION_START.match(key) is not None



#: An embedded post (a tweet, an Instagram picture) prints at most this many short lines above
#: its attribution or its «view this post» line: the account, the caption or the post's text.
EMBED_MAX_LINES = 3
EMBED_LINE_MAX_WORDS = 30
_EMBED_KINDS = ("embedded post", "embedded post attribution")


def mark_embedded_posts(lines: list[Line]) -> None:
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
                    or above.words > EMBED_LINE_MAX_WORDS or line_text.ends_with_colon(above.text)):
                break  # a sentence of prose, or the article's lead-in to the post (``… جاء فيه:``)
            above.vocabulary = "embedded post"
            taken += 1


def _led_in(lines: list[Line], line: Line) -> bool:
    """True when the non-blank line above ``line`` ends with ``:`` (the article leading in)."""
    above = next((l for l in reversed(lines[:line.index]) if not l.blank), None)
    return above is not None and line_text.ends_with_colon(above.text)
