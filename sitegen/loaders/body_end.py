"""Where the article's text ends: its parts after a widget set inside it, a box of short lines
closing it, and what closes it but is not its text (the author box, the site's sentence
about itself).
"""

from __future__ import annotations

import re

from sitegen.loaders import chrome, line_text
from sitegen.loaders.bodyrun import Run
from sitegen.loaders.findings import Found, set_role
from sitegen.loaders.lines import Line, content_words
from sitegen.loaders.widgets import in_gallery
from sitegen.loaders.neighbours import first_prose, last_prose
from sitegen.loaders.paragraphs import HEADING_MAX_WORDS
from sitegen.loaders.story import listing, run_words
from sitegen.loaders.title_shape import title_like


#: A line opening the gap that leads in to the items after it (``وتشمل المرحلة الأولى الأحياء
#: التالية:``) has at least this many words: a widget's own label ending with a colon (``اقرأ
#: أيضا:``) has fewer.
LEAD_IN_MIN_WORDS = 3
#: A widget splitting an article (poll, newsletter box, gallery, a list of cards) is at most
#: this many non-blank lines long.
CONTINUATION_MAX_GAP = 12
#: ...and the text after it shares at least this many content words with the article.
CONTINUATION_SHARED_WORDS = 2


def _gallery_between(gap: list[Line]) -> bool:
    """Whether the lines between two runs are the article's gallery: counters (``3 / 8``) and
    pictures' captions only, at least one counter."""
    return any(in_gallery(l) for l in gap) and all(
        in_gallery(l) or (l.vocabulary or "").startswith("caption") for l in gap)


#: A fact box's row: ``LABEL: VALUE``, a label of one to three words (``الإخراج``, ``حراسة
#: المرمى``, ``مدة العرض``) then its value (folded).
_FACT_ROW = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,2}\s*:\s*\S")
#: A fact box's row is at most this many words; a box has at least this many rows.
FACT_ROW_MAX_WORDS = 12
FACT_BOX_MIN_ROWS = 3


def _fact_row(line: Line) -> bool:
    """Whether ``line`` is a row of a fact box (``الإخراج: يوسف الإدريسي``, ``المدة: 104
    دقائق``): a short ``LABEL: VALUE`` line with no stop, printed once, that no other rule
    reads (no vocabulary, date, byline or credit)."""
    return (line.words <= FACT_ROW_MAX_WORDS and not line.full_stop and _FACT_ROW.match(line.key) is not None
            and not line.vocabulary and line.date is None and not line.byline and not line.credit
            and line.page_repeats <= 1 and not line.site_repeat)


def _fact_boxes(gap: list[Line]) -> bool:
    """Whether the lines ``gap`` are fact boxes only: each a short heading perhaps (``تشكيلة
    الفريق``, ``بطاقة الفيلم``), then at least :data:`FACT_BOX_MIN_ROWS` rows
    (:func:`_fact_row`) — the article's own data set between its paragraphs, not a widget."""
    rows = 0
    for k, line in enumerate(gap):
        if _fact_row(line):
            rows += 1
            continue
        if (k and rows < FACT_BOX_MIN_ROWS) or line.vocabulary or line.date is not None \
                or line.words > CLOSING_BOX_HEADING_MAX_WORDS or line.full_stop or line.page_repeats > 1:
            return False
        rows = 0  # a heading opening the next box
    return rows >= FACT_BOX_MIN_ROWS


#: The conjunction و opening a following paragraph: before a word of three letters or more
#: (``وأوضح``) or a function word (``وفي جانب الإقامة``, ``ومن جهته``, ``وقد``), spelt with a
#: final ى as Egyptian papers print it (``وفى``).
_AND_PARAGRAPH = re.compile(r"و(?:[^\W\d_]{3,}|(?:في|فى|من|قد|لم|لن|لا|على|عن|مع|إذ|إن|أن|ما)(?![^\W\d_]))")


def with_continuations(lines: list[Line], body: Run, runs: list[Run]) -> Run:
    """``body`` joined with the candidate runs that continue it after a widget set in the
    article (five or more chrome lines in a row end a run, so a poll or a box of cards cuts
    the body in two). A run continues the article when the widget between is short and holds
    no footer line (comments, tags, ©) and no date, the run is no list of stories, its first
    paragraph opens with the conjunction و as a following paragraph of Arabic news does
    (``وأوضح``, ``وللمرة الأولى``), and it speaks of the same things (shared content words) —
    or the widget is the article's own gallery, counters and captions only (``3 / 8``).
    The lines between are chrome, unless the article led in to them (a table after «:»)."""
    for nxt in sorted((r for r in runs if r.start > body.end), key=lambda r: r.start):
        gap = [l for l in lines[body.end + 1:nxt.start] if not l.blank]
        if len(gap) > CONTINUATION_MAX_GAP or any(
                l.date is not None or l.opens_footer
                for l in gap):
            break  # a dated line between is a card of another story: the article ended above it
        opening = first_prose(lines, nxt.start, nxt.end + 1)
        announced = line_text.ends_with_colon(lines[body.end].text)  # «… كالتالي:»: the text goes on below
        if opening is None or (_AND_PARAGRAPH.match(opening.text) is None and not announced) or listing(lines, nxt):
            break
        if (len(run_words(lines, nxt) & run_words(lines, body)) < CONTINUATION_SHARED_WORDS
                and not _gallery_between(gap)):
            break
        # «… على النحو التالي:» then a table, the lead-in closing the text above or opening the gap
        led_in = announced or bool(
            gap and line_text.ends_with_colon(gap[0].text) and gap[0].words >= LEAD_IN_MIN_WORDS
            and gap[0].vocabulary is None and not gap[0].link_run)
        if led_in or _fact_boxes(gap):
            widget = []
        else:
            widget = gap[:-1] if title_like(gap[-1]) and gap[-1].words <= HEADING_MAX_WORDS else gap
        for line in widget:
            set_role(line, "chrome", "widget inside the article")  # the last line may head the text after it
        body = Run(body.start, nxt.end, body.score + nxt.score)
    return body


#: A section's box after the share bar opens with the section's name: at most this many words.
SECTION_BOX_LABEL_MAX_WORDS = 4


def before_section_box(lines: list[Line], run: Run) -> Run:
    """``run`` ending above a share bar (``واتساب فيسبوك نسخ الرابط``) when the line under the
    bar names one of the site's sections printed in the menu above the run (``تهاني``, ``وفيات
    وتعازي``: a short unpunctuated line printed again as an item of a run of links): the article
    closed with its share bar, and the notices under that name (full sentences, so they score
    as prose) are the section's box beside it. Linear: the menu's items are gathered once."""
    shown = [l for l in lines[run.start:run.end + 1] if not l.blank]
    menu: set[str] | None = None
    for bar, below in zip(shown, shown[1:]):
        if (bar.vocabulary != "share/tools widget" or below.words > SECTION_BOX_LABEL_MAX_WORDS
                or below.final_punct or below.page_repeats < 2):
            continue
        if menu is None:
            menu = {l.key for l in lines[:run.start] if l.link_run}
        if below.key not in menu:
            continue
        last = last_prose(lines, run.start, bar.index)
        if last is None:
            return run
        return Run(run.start, last.index, sum(l.score for l in lines[run.start:last.index + 1]))
    return run


def with_text_above(lines: list[Line], body: Run, runs: list[Run], title_index: int | None) -> Run:
    """``body`` joined with the candidate run above it that holds the article's first paragraphs,
    when a widget set in the article (a long «اقرأ أيضاً» list of headlines) cut it in two and
    the longer part below was chosen. The run above lies under the headline, the widget between
    is short and holds no date and no footer line, the body opens with the conjunction و as a
    following paragraph does, and both parts speak of the same things — as
    :func:`with_continuations` joins a part below. A word's first letter و is no proof of the
    conjunction (``وزارة``, ``وكالة``): when the body's opening paragraph restates the headline
    more than the run above does, it is the lede, and the run above is another story's teaser."""
    if title_index is None:
        return body
    opening = first_prose(lines, body.start, body.end + 1)
    if opening is None or _AND_PARAGRAPH.match(opening.text) is None:
        return body
    headline = content_words(lines[title_index].key)
    for above in sorted((r for r in runs if title_index < r.start and r.end < body.start), key=lambda r: -r.end):
        gap = [l for l in lines[above.end + 1:body.start] if not l.blank]
        if (len(gap) > CONTINUATION_MAX_GAP or any(l.date is not None or l.opens_footer for l in gap)
                or listing(lines, above)
                or len(run_words(lines, above) & run_words(lines, body)) < CONTINUATION_SHARED_WORDS
                or len(headline & content_words(opening.key)) > len(headline & run_words(lines, above))):
            break
        for line in gap:
            set_role(line, "chrome", "widget inside the article")
        body = Run(above.start, body.end, body.score + above.score)
        opening = first_prose(lines, above.start, above.end + 1)
        if opening is None or _AND_PARAGRAPH.match(opening.text) is None:
            break
    return body


#: A closing box is at most this many lines; its first line (the box's heading) this many words;
#: each of its lines this many.
CLOSING_BOX_MAX_LINES = 40
CLOSING_BOX_HEADING_MAX_WORDS = 4
CLOSING_BOX_LINE_MAX_WORDS = 20


def with_closing_box(lines: list[Line], body: Run) -> Run:
    """``body`` extended over a box of short lines that closes the article (``أرقام`` and its
    figures, a timeline, a list of points) when nothing but the page footer, or the end of the
    page, follows it. Its lines are short and unpunctuated, so they score as neutral or as a
    list and the body run stops before them; what tells them from a related-news list is that
    the box opens with a short heading (not a name), has no label, no date, no byline, and nothing in it is
    printed elsewhere in the page or the site."""
    kept: list[Line] = []
    for line in lines[body.end + 1:]:
        if line.blank or line.vocabulary in ("empty", "no words"):
            continue
        if line.opens_footer:
            break
        if (len(kept) == CLOSING_BOX_MAX_LINES or line.vocabulary or line.date is not None or line.under_label
                or line.byline or line.credit or line.page_repeats > 1 or line.site_repeat
                or line.inline_list or line.words > CLOSING_BOX_LINE_MAX_WORDS or line.full_stop):
            return body
        kept.append(line)
    if len(kept) < 3 or kept[0].words > CLOSING_BOX_HEADING_MAX_WORDS or kept[0].name_like:
        return body
    return Run(body.start, kept[-1].index, body.score)


#: An interview's question or answer label opening a paragraph (folded): ``س: متى …؟``, ``ج: …``.
_QA_LABEL = re.compile(r"(?:س|ج|سؤال|جواب)\s*[:：]\s*\S")


def _interview(text_lines: list[Line], label: str) -> bool:
    """Whether ``text_lines`` (the body above its closing line) read as an interview whose
    speaker the closing line's ``label`` names: a sentence of prose, ended with its stop or
    question mark, opens with a question or answer label (:data:`_QA_LABEL`) or with ``label``
    itself (``المصدر: …``). A quote (``وأضاف الوزير: …``) makes no interview."""
    return any(l.score > 0 and l.final_punct and (_QA_LABEL.match(l.key) is not None
                                                  or l.key.startswith(label + ":") or l.key.startswith(label + " :"))
               for l in text_lines)


def without_closing_credit(lines: list[Line], body: Run) -> Run:
    """``body`` without the labelled source credits that close it (``المصدر: …``, ``المرجع:
    دراسة منشورة في دورية …، 2026.``: :func:`chrome.is_source_credit`), read as its text when
    they end with a stop. Only after the last paragraph: the label says what the line is, and
    nothing of the text follows it. In an interview (:func:`_interview`) the label is
    the speaker's, and the line is its answer."""
    while True:
        last = last_prose(lines, body.start, body.end + 1)
        if last is None or not chrome.is_source_credit(last.text) or any(
                not l.blank for l in lines[last.index + 1:body.end + 1]) or _interview(
                lines[body.start:last.index], last.key.partition(":")[0].strip()):
            return body
        above = last_prose(lines, body.start, last.index)
        if above is None:
            return body
        set_role(last, "chrome", "source credit closing the text")
        body = Run(body.start, above.index, body.score)


#: A table closing the article has at least this many rows (its head row counted).
CLOSING_TABLE_MIN_ROWS = 3
#: The cells of a copied table row: browsers join them with tabs (``innerText``).
_CELL_BREAK = re.compile(r"[ \u00a0]*\t[\t \u00a0]*")


def _cells(line: Line) -> int:
    """How many tab-separated cells ``line`` holds (1: not a copied table row)."""
    return len(_CELL_BREAK.split(line.raw.strip()))


def with_announced_table(lines: list[Line], body: Run) -> Run:
    """``body`` extended over the table its text announces at its end: a lead-in ending with a
    colon (``ملخص الأهداف والبطاقات:``, the body's last line or the line under it), then at
    least :data:`CLOSING_TABLE_MIN_ROWS` rows of as many tab-separated cells each, as a copied
    HTML table prints them. The rows are short and unpunctuated, so the body run stops above
    them. Without the lead-in a captioned table under the text (``ترتيب الدوري``) is the
    page's sidebar as often as the article's: it stays out."""
    rest = [l for l in lines[body.end + 1:] if not l.blank]
    lead_in = 0 if line_text.ends_with_colon(lines[body.end].text) else 1
    if lead_in and not (rest and _cells(rest[0]) == 1 and line_text.ends_with_colon(rest[0].text)
                        and rest[0].words <= CLOSING_BOX_LINE_MAX_WORDS and not rest[0].vocabulary
                        and rest[0].page_repeats <= 1 and not rest[0].site_repeat):
        return body
    rows: list[Line] = []
    for line in rest[lead_in:]:
        if _cells(line) < 2 or (rows and _cells(line) != _cells(rows[0])) or line.page_repeats > 1 or line.site_repeat:
            break
        rows.append(line)
    if len(rows) < CLOSING_TABLE_MIN_ROWS:
        return body
    return Run(body.start, rows[-1].index, body.score)


#: An author box's note on the writer is at most this many lines of at most this many words.
AUTHOR_BIO_MAX_LINES = 2
AUTHOR_BIO_MAX_WORDS = 30
_ROLE_WORD = re.compile(r"(?<!\w)و?(?:اكاديمي|مراسل|محرر|كاتب|صحفي|صحافي|ناقد|استاذ|باحث|تكتب|يكتب|رئيس|مدير|خبير|محلل|اعلامي|"
                        r"مستشار|مديره|استاذه|باحثه|كاتبه|صحفيه|صحافيه|ناقده|محرره|مراسله)")


def without_author_box(lines: list[Line], body: Run, found: Found) -> Run:
    """``body`` without the author box that closes columns and reports: the writer's name
    alone on a line (the byline's name, or a name printed in the head too), then a line or two saying
    who they are (``مراسل «الرواق» في لندن…``, ``أستاذة … تكتب في «الصباحية» كل ثلاثاء.``)."""
    tail = [l for l in lines[body.start:body.end + 1] if not l.blank]
    byline_key = line_text.norm_key(found.byline) if found.byline else None
    for size in range(1, AUTHOR_BIO_MAX_LINES + 1):
        if len(tail) <= size + 1:
            break
        bio, name = tail[-size:], tail[-size - 1]
        if not all(l.words <= AUTHOR_BIO_MAX_WORDS for l in bio) or not _ROLE_WORD.search(bio[0].key):
            continue
        if name.key and (name.key == byline_key or (name.name_like and (
                name.page_repeats > 1 or any(name.key in l.key for l in lines[:body.start] if l.key)))):
            for line in (name, *bio):
                set_role(line, "chrome", "author box")
            previous = next(l for l in reversed(lines[body.start:name.index]) if not l.blank)
            return Run(body.start, previous.index, body.score)
    return _without_named_bio(lines, body, tail, byline_key)


#: What may stand before the writer's name opening a bio line: a note mark or a dash.
_BIO_MARK = re.compile(r"[\s*\-–—]*")
#: What may stand between the name and what the writer is: a colon, a comma, a dash.
_AFTER_NAME = re.compile(r"\s*[:،,\-–—]?\s*")
#: The word saying what the writer is comes within this many words after the name.
BIO_ROLE_WITHIN_WORDS = 3


def _named_in_story(name: str, below: list[Line], text: list[Line]) -> bool:
    """Whether the name ``name`` (folded), printed alone over the text, is named again in the
    story: in full in a line ``below`` it (the headline, the text above the closing line), or by
    its last word (a surname: ``وقال موسى``) as a word of the ``text``. Who a story is about is
    named in it; a columnist's card names the writer, whom the column does not name."""
    if any(name in l.key for l in below):
        return True
    surname = content_words(name.split()[-1])
    return bool(surname) and any(surname <= content_words(l.key) for l in text)


def _without_named_bio(lines: list[Line], body: Run, tail: list[Line], byline_key: str | None) -> Run:
    """``body`` without its last line when that line opens with the writer's name and says at
    once what the writer is (``ريم الكتبي صحفية متخصصة في النقل …``, ``* ليلى عودة: كاتبة وناقدة
    من نابلس …``, ``د. سلمى الكواري: كاتبة وباحثة …``): the author box printed as one line, its
    name and bio together. The writer's name is the byline's, or a name printed alone above the
    text (a column's author card over its headline) that the story itself does not name: a
    kicker naming the person a story is about is no writer's card (see :func:`_named_in_story`)."""
    if len(tail) < 3:
        return body
    last = tail[-1]
    opening = _BIO_MARK.match(last.key).end()
    if last.words > AUTHOR_BIO_MAX_WORDS:
        return body
    names = {byline_key} if byline_key else set()
    names |= {l.key for l in lines[:body.start] if l.name_like and l.key
              and not _named_in_story(l.key, lines[l.index + 1:last.index], lines[body.start:last.index])}
    for name in sorted(names, key=len, reverse=True):
        if not last.key.startswith(name, opening):
            continue
        after = _AFTER_NAME.match(last.key, opening + len(name)).end()
        if after == opening + len(name) and last.key[after:after + 1].isalnum():
            continue  # the name was the start of a longer name
        if _ROLE_WORD.search(" ".join(last.key[after:].split()[:BIO_ROLE_WITHIN_WORDS])) is None:
            continue
        set_role(last, "chrome", "author box (name and bio on one line)")
        return Run(body.start, tail[-2].index, body.score)
    return body


#: What a site calls itself in the sentence about it (folded): ``SITE مجلة إلكترونية تعنى …``.
_SELF_KIND = re.compile(r"\s*[:،,\-–]?\s*(?:صحيفه|جريده|موقع|مجله|بوابه|شبكه|وكاله|قناه|اذاعه|منصه|مؤسسه|نشره)(?![^\W\d_])")


def before_self_description(lines: list[Line], body: Run, site: str | None) -> Run:
    """``body`` ended above the site's sentence about itself (``شام الثقافية مجلة إلكترونية
    تعنى بالثقافة …``, ``الخليج المالي: بوابة الأخبار …``): the footer's about box, printed as
    prose, that a run of prose carries on into."""
    if not site:
        return body
    key = line_text.norm_key(site)
    first = first_prose(lines, body.start, body.end + 1)
    for line in lines[first.index + 1 if first else body.start:body.end + 1]:
        if line.key.startswith(key) and _SELF_KIND.match(line.key, len(key)):
            last = last_prose(lines, body.start, line.index)
            if last is None:
                return body
            set_role(line, "chrome", "the site's sentence about itself")
            return Run(body.start, last.index, body.score)
    return body
