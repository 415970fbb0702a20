"""What a Markdown body may hold before it is rendered: each limit guards a cost that grows
worse than linearly (or a memory that grows large, or a linear cost too high for one file) in
the libraries that read the body — Python-Markdown and the sanitiser, nh3 — and each finder here
returns the 1-based line of the body where its limit is passed, or ``None``, in linear time and
without a regex that can backtrack. :data:`sitegen.loaders.article._BODY_LIMITS` checks them in
order and refuses the article (``too-deep``, ``too-large``) before it is rendered. The
measurements quoted are this machine's (2 cores); tests/test_html_depth_and_source.py and
tests/test_markdown_costs.py check what each one counts and where its limit is passed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from markdown.util import BLOCK_LEVEL_ELEMENTS

from sitegen.prose import prose_blocks


#: Deepest nesting of raw HTML elements a Markdown body may hold (:func:`html_too_deep`). A
#: news article's HTML nests a few dozen levels at most (an embed's ``div`` wrappers inside a
#: table inside a quote); past a few thousand levels the sanitiser's parser (html5ever, under
#: nh3) takes time quadratic in the depth (40,000 ``<div>``: 5 s; 200,000: over 3 minutes
#: and 1.2 GB) and Python-Markdown's inline processor does too on nested inline tags. 100
#: leaves a wide margin over real articles and costs nothing on them.
MAX_HTML_DEPTH = 100
#: HTML's void elements (HTML Living Standard §13.1.2) and obsolete ones parsed the same way:
#: a start tag that never opens anything (in HTML content).
_VOID_ELEMENTS = frozenset({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
                            "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"})
#: Elements that an HTML parser closes when the next one of their kind starts (``<p>`` ``<p>``,
#: ``<li>`` ``<li>``, ``<option>`` ``<option>``), or ignores outside a table (``<td>``, ``<tr>``, …)
#: or altogether (``<body>``): they add no depth of their own in HTML content (what they can
#: nest in, ``ul``, ``table``, ``b``, …, is counted).
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot",
                           "colgroup", "caption", "html", "head", "body"})
#: SVG and MathML: inside them ``<x/>`` is a whole element (in HTML content ``<div/>`` opens a div).
_FOREIGN = frozenset({"svg", "math"})
#: Elements inside SVG or MathML whose content is read as HTML again (HTML integration points
#: and MathML text integration points, §13.2.6.5).
_INTEGRATION_POINTS = frozenset({"foreignobject", "desc", "title", "annotation-xml", "mi", "mo", "mn", "ms",
                                 "mtext"})
#: Start tags that end SVG or MathML content and are read as HTML (§13.2.6.5, "breakout").
_BREAKOUT = frozenset({"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
                       "embed", "font", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
                       "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
                       "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var"})
#: A comment (to its ``-->``, or to the end of the text when unclosed, as HTML reads it) or a
#: start or end tag (group 1 ``/`` for an end tag, group 2 its name, group 3 its rest). Each
#: alternative stops at the first ``-->``, ``<`` or ``>``: one pass, linear time.
_HTML_MARK = re.compile(r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>", re.DOTALL)
#: A Markdown autolink, ``<https://…>`` or ``<name@host>``: Python-Markdown 3's ``AUTOLINK_RE`` (http,
#: https, ftp; recent releases link other schemes too, ``<foo://…>``, counted as a tag here) and
#: ``AUTOMAIL_RE``. Outside raw HTML Markdown makes it a link, no element.
_AUTOLINK = re.compile(r"<(?:(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*|[^<> !]+@[^@<> ]+)>")


def html_too_deep(text: str, limit: int = MAX_HTML_DEPTH) -> int | None:
    """The 1-based line of ``text`` (a Markdown body with raw HTML) at which its HTML elements
    first nest more than ``limit`` deep, or ``None`` if they never do.

    One linear pass over its tags, erring on the side of depth: a start tag opens an element
    unless, in HTML content, it is void (``<br>``, ``<img>``, …), one that does not nest in its
    own kind (``<p>``, ``<li>``, …: :data:`_OPTIONAL_END`) or ``<svg/>``/``<math/>``, or,
    inside ``svg``/``math``, it ends in ``/>`` (``<path/>``) and is not one that leaves them
    (:data:`_BREAKOUT`); ``<div/>`` in HTML content opens a div, as HTML parsers read it. An
    autolink (:data:`_AUTOLINK`) opens nothing while no element is open (Markdown makes it a
    link); inside an open element it may be raw HTML (Markdown is not read in a ``<div>`` block,
    where an HTML parser reads ``<https:…>`` as an element) and is counted as a start tag. An
    end tag closes its element and every one opened after it (one with no open element is
    ignored); comments are skipped. Tags inside code spans and blocks are counted too (a few
    do no harm)."""
    if "<" not in text:
        return None
    stack: list[str] = []
    foreign_below: list[bool] = []  # per open element: whether its content is SVG/MathML
    open_count: dict[str, int] = {}
    for mark in _HTML_MARK.finditer(text):
        name = mark[2]
        if name is None:  # a comment
            continue
        name = name.lower()
        if mark[1]:
            if open_count.get(name):
                while True:
                    top = stack.pop()
                    foreign_below.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        if not stack and _AUTOLINK.fullmatch(mark[0]):
            continue
        foreign = bool(foreign_below) and foreign_below[-1]
        closed = mark[3].endswith("/")
        if foreign:
            if closed and name not in _BREAKOUT:
                continue
            inside = name not in _BREAKOUT and name not in _INTEGRATION_POINTS
        else:
            if name in _VOID_ELEMENTS or name in _OPTIONAL_END or (closed and name in _FOREIGN):
                continue
            inside = name in _FOREIGN
        stack.append(name)
        foreign_below.append(inside)
        open_count[name] = open_count.get(name, 0) + 1
        if len(stack) > limit:
            return text.count("\n", 0, mark.start()) + 1
    return None


#: Most raw HTML tags (start and end tags) a Markdown body may hold (:func:`html_tags_over`).
#: Python-Markdown takes time quadratic in the number of tags side by side, not nested: its
#: inline processor rebuilds a paragraph's text once per tag in it (80,000 ``<b></b>`` in one
#: paragraph: 93 s) and its HTML block parser its list of blocks once per block (60,000
#: ``<div></div>``: 24 s). A long article with a pasted HTML table of a few hundred rows holds
#: a few thousand tags; at 20,000 the worst case renders in about a second.
MAX_HTML_TAGS = 20_000


def html_tags_over(text: str, limit: int = MAX_HTML_TAGS) -> int | None:
    """The 1-based line of ``text`` (a Markdown body) at which its raw HTML start and end tags
    (comments not counted) number more than ``limit``, or ``None``. One linear pass, skipped
    when ``text`` holds no more than ``limit`` ``<``."""
    if text.count("<") <= limit:
        return None
    count = 0
    for mark in _HTML_MARK.finditer(text):
        if mark[2] is not None:
            count += 1
            if count > limit:
                return text.count("\n", 0, mark.start()) + 1
    return None


#: Most ``<`` a Markdown body may hold, tags, comments and bare ones alike (:func:`angle_brackets_over`).
#: Python-Markdown's raw HTML pass reads each apart through Python's ``html.parser`` (~5 µs a
#: ``<``; an inline comment ``<!---->`` ~25 µs): 2.85 million bare ``<`` in short paragraphs took
#: 9–15 s and 675,000 inline comments 9–19 s (/tmp/attack49d r4, r5), under every other limit.
#: A results table of 1,800 rows holds ~20,000; at 100,000 the pass takes about a second.
MAX_ANGLE_BRACKETS = 100_000


def angle_brackets_over(text: str, limit: int = MAX_ANGLE_BRACKETS) -> int | None:
    """The 1-based line of ``text`` (a Markdown body) holding its ``<`` number ``limit + 1``,
    or ``None`` when it holds no more than ``limit``. Linear time."""
    if text.count("<") <= limit:
        return None
    at = -1
    for _ in range(limit + 1):
        at = text.index("<", at + 1)
    return text.count("\n", 0, at) + 1


#: The inline markup :func:`inline_marks_over` counts, each character one mark: code spans
#: (`` ` ``), emphasis (``*``, ``_``), links, images and references (``[``), entities and
#: character references (``&amp;``, ``&#1575;``) and backslash escapes (``\-``, ``\\``). A hard
#: line break (a line ending in two spaces) is one mark too. Each is a match of one of
#: Python-Markdown's inline patterns.
INLINE_MARKS = "`*_[&\\"

#: Most inline marks (:data:`INLINE_MARKS` and hard line breaks) one text read inline (a
#: paragraph, a list item or a heading: :func:`_inline_texts`) of a Markdown body may hold
#: (:func:`inline_marks_over`). Python-Markdown's inline processor rebuilds the text once per
#: match, so its time grows with the number of matches times the text's length
#: (:data:`MAX_INLINE_WORK`), and a 1 MB paragraph could hold 250,000 marks (80,000 `` `x` ``:
#: 21 s; 40,000 ``&amp;``: 7.5 s; 100,000 ``\\``: 10.9 s). A real paragraph holds a few dozen, a
#: poem's with a line break on every line a few hundred. 20,000 ``*a*`` marks render in about
#: 0.5 s; a text of the densest kinds (one match a mark: ``&amp;``, ``\-``, line breaks) meets
#: the work limit first, at about 11,000.
MAX_INLINE_MARKS = 20_000

#: Most inline work a Markdown body may cost (:func:`inline_work_over`). Python-Markdown copies
#: a text once per match of an inline pattern, and puts a 14-character placeholder
#: (``\x02klzzwxh:0000\x03``) where the match was, so a text of dense marks grows as it is read:
#: a text's work is its inline marks (:data:`INLINE_MARKS`, hard line breaks and ``<``, which
#: opens raw HTML and autolinks) times its length in characters, plus
#: :data:`_PLACEHOLDER_GROWTH` times the square of its marks other than ``<`` (tags are counted
#: by :func:`html_tags_over`). Measured ~0.5–2.7 ns a unit: a paragraph of 1 MB of text and
#: 9,900 ``*a*``, under the mark limit, 2e10 units: 16 s; 19,900 ``\-`` in 58 KB, 3.5e9: 3 s;
#: at the limit the worst body takes about a second. A long article's paragraphs cost a few
#: million; a poem of 2,000 lines with a line break on each, 100 KB in one paragraph, 2.2e8. A
#: Markdown table and a raw HTML block are weighed a row at a time (:func:`_read_by_row`).
MAX_INLINE_WORK = 1_000_000_000
#: Characters a text read inline grows by, on average, for each inline mark in it
#: (:data:`MAX_INLINE_WORK`): half what a placeholder adds in place of a mark of 2–5 characters.
_PLACEHOLDER_GROWTH = 6

#: Most inline marks (:data:`INLINE_MARKS` and hard line breaks) a whole Markdown body may hold
#: (:func:`inline_marks_total_over`), however short its paragraphs: each match of an inline
#: pattern costs Python-Markdown ~10–60 µs besides the copying (10,000 short paragraphs of ten
#: ``[a](b)`` each: 6 s; of ten ``*ج*``: 3.8 s), and a 5 MB body could hold a million. A long
#: article holds a few thousand; 40,000 render in at most about 2 s.
MAX_BODY_INLINE_MARKS = 40_000


#: Most cell bars (``|``) one table — one paragraph — of a Markdown body may hold
#: (:func:`table_cells_over`). Python-Markdown's tables take about 0.8 KB of memory a cell while
#: they are built (measured: 20,000 cells 0.2 s and ~20 MB; a 4.8 MB table of 3,000 × 800 cells,
#: under the file size limit, 27 s and 2 GB); a news table holds a few hundred.
MAX_TABLE_CELLS = 20_000


def inline_marks_over(text: str, limit: int = MAX_INLINE_MARKS) -> int | None:
    """The 1-based line of ``text`` (a Markdown body) where a text read inline (a paragraph, a
    list item, a heading: :func:`_inline_texts`) holding more than ``limit`` inline marks
    (:data:`INLINE_MARKS` and hard line breaks: :func:`_marks`) starts, or ``None``. Lines of
    code blocks are not counted: nothing in them is parsed inline. One linear pass, skipped
    when the whole body holds no more than ``limit`` marks (:func:`_marks_at_most`)."""
    if _at_most_marks_by_length(text) <= limit or _marks_at_most(text, INLINE_MARKS) <= limit:
        return None
    for start, lines in _inline_texts(text):
        if _marks(lines, INLINE_MARKS) > limit:
            return start
    return None


def inline_marks_total_over(text: str, limit: int = MAX_BODY_INLINE_MARKS) -> int | None:
    """The 1-based line of ``text`` (a Markdown body) where the text read inline
    (:func:`_inline_texts`) starts that brings the inline marks read so far (:data:`INLINE_MARKS`
    and hard line breaks: :func:`_marks`) over ``limit``, or ``None``. One linear pass, skipped
    when the whole body holds no more than ``limit`` marks (:func:`_marks_at_most`)."""
    if _at_most_marks_by_length(text) <= limit or _marks_at_most(text, INLINE_MARKS) <= limit:
        return None
    count = 0
    for start, lines in _inline_texts(text):
        count += _marks(lines, INLINE_MARKS)
        if count > limit:
            return start
    return None


def inline_work_over(text: str, limit: int = MAX_INLINE_WORK) -> int | None:
    """The 1-based line of ``text`` (a Markdown body) where the text read inline
    (:func:`_inline_texts`) starts that brings the body's inline work over ``limit``, or
    ``None``: the sum, over those texts, of their inline marks (:data:`INLINE_MARKS` and hard
    line breaks: :func:`_marks`) and ``<`` times their length in characters, line ends
    included, plus :data:`_PLACEHOLDER_GROWTH` times the square of their marks
    (:data:`MAX_INLINE_WORK`). One linear pass, skipped when the body's marks and ``<`` times
    its length (a tab may widen a line by 3 columns), plus the growth of all its marks in one
    text, are no more than ``limit``."""
    width = len(text) + 3 * text.count("\t") + 1
    most = _at_most_marks_by_length(text)  # bounds marks and ``<`` each: one count for most bodies
    if 2 * most * width + _PLACEHOLDER_GROWTH * most * most <= limit:
        return None
    marks, tags = _marks_at_most(text, INLINE_MARKS), text.count("<")
    if (marks + tags) * width + _PLACEHOLDER_GROWTH * marks * marks <= limit:
        return None
    work = 0
    for start, lines in _inline_texts(text):
        for part in ([line] for line in lines) if _read_by_row(lines) else (lines,):
            marks = _marks(part, INLINE_MARKS)
            tags = sum(line.count("<") for line in part)
            work += (marks + tags) * sum(len(line) + 1 for line in part) + _PLACEHOLDER_GROWTH * marks * marks
        if work > limit:
            return start
    return None


#: The block-level tags that open a raw HTML block Python-Markdown sets aside whole (its
#: ``BLOCK_LEVEL_ELEMENTS``; ``table``, ``div``, ``figure`` …), folded to lower case.
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9]*)")


def _read_by_row(lines: list[str]) -> bool:
    """Whether Python-Markdown reads the text ``lines`` a row at a time, never whole, so its
    inline work is no more than each line's (:func:`inline_work_over`): a table (the second
    line a row of ``---`` cells: the tables extension parses each cell alone), or a raw HTML
    block (it opens with a block-level tag and closes with a tag: set aside unparsed). Counted
    whole, an election's results table of a few hundred rows — 0.1–1 s to render — was refused
    (/tmp/attack49d/r1, r2)."""
    if len(lines) >= 2 and _separator_row(lines[1]):
        return True
    opening = _TAG_NAME.match(lines[0].lstrip(" "))
    return opening is not None and opening[1].lower() in _BLOCK_TAGS and lines[-1].rstrip().endswith(">")


def _separator_row(line: str) -> bool:
    """Whether ``line`` is a table's header separator (``| --- | :---: |``): cells of ``-`` with
    an optional ``:`` at either end, at least one ``|``."""
    if "|" not in line:
        return False
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return all(cell and cell.strip(":") and not cell.strip(":").strip("-") for cell in cells)


def _marks(lines: list[str], marks: str) -> int:
    """The characters ``marks`` in ``lines`` and their hard line breaks: lines that end in two
    spaces (after tabs are expanded, as Python-Markdown's ``LINE_BREAK_RE``, ``"  \\n"``, reads
    them; a text's last line is counted too)."""
    return sum(sum(line.count(mark) for mark in marks) + line.endswith("  ") for line in lines)


def _at_most_marks_by_length(text: str) -> int:
    """A bound of :func:`_marks_at_most` read off the length alone (each mark is a character,
    each hard line break two): what lets the checks skip a body of ordinary length (~5,500
    characters a news article) without counting (~25 µs a check, ~1 s of a 10,000-article
    build's CPU when every check counted, measured 2026-12-06)."""
    return len(text) + 1


def _marks_at_most(text: str, marks: str) -> int:
    """At least the most marks :func:`_marks` can count in the lines of ``text``: its characters
    ``marks`` and a line break for every line that ends in a space or a tab (the last too),
    Python-Markdown's STX and ETX marks left out."""
    if "\x02" in text or "\x03" in text:  # dropped by Python-Markdown (and _code_lines)
        text = text.replace("\x02", "").replace("\x03", "")
    return sum(text.count(mark) for mark in marks) + text.count(" \n") + text.count("\t\n") + 1


#: A line that starts a list item as Python-Markdown reads one (``sane_lists``' ``CHILD_RE``s,
#: tab length 4): group ``bullet`` the bullet of a bulleted list's item, none for a numbered
#: list's (``\d``: any Unicode decimal digit, as the library's).
_ITEM_START = re.compile(r"[ ]{0,3}(?:(?P<bullet>[*+-])|\d+\.)[ ]+")


def _heading_line(line: str) -> bool:
    """Whether Python-Markdown's ``HashHeaderProcessor`` takes ``line`` out of its block as a
    heading: it starts with ``#`` and does not end in an odd run of backslashes (its ``RE``
    reads a backslash with the character after it, and none follows the last)."""
    return line.startswith("#") and (len(line) - len(line.rstrip("\\"))) % 2 == 0


def _rule_line(line: str) -> bool:
    """Whether Python-Markdown's ``HRProcessor`` (its ``SEARCH_RE``) takes ``line`` out of its
    block as a rule: after at most 3 spaces, 3 or more of one of ``-``, ``_``, ``*`` with at
    most 2 spaces between them, then spaces."""
    rest = line.lstrip(" ")
    if len(line) - len(rest) > 3 or not rest or rest[0] not in "-_*":
        return False
    rest = rest.rstrip(" ")
    return rest.count(rest[0]) >= 3 and not rest.strip(rest[0] + " ") and "   " not in rest


def _underline(line: str) -> bool:
    """Whether ``line`` under a block's first line makes it a setext heading (Python-Markdown's
    ``SetextHeaderProcessor``: only ``=`` or only ``-`` from the line's start, then spaces)."""
    mark = line.rstrip(" ")
    return mark != "" and mark[0] in "=-" and not mark.strip(mark[0])


def _inline_texts(text: str) -> Iterator[tuple[int, list[str]]]:
    """``(first line, lines)`` of each text of ``text`` (a Markdown body) that Python-Markdown's
    inline processor may read whole, in order, erring towards longer texts: the lines of a
    paragraph (lines between blank lines, outside code blocks: :func:`_code_lines`), cut only
    where Python-Markdown surely cuts them. Its block parser takes a heading
    (:func:`_heading_line`) or a rule (:func:`_rule_line`) out of a paragraph wherever it is,
    each a text of its own here. Where the part after such a cut surely starts a block of its
    own, an underline under its first line (:func:`_underline`) makes that line a heading, and
    a part opening with a list item (:data:`_ITEM_START`) is a list whose items (from a line
    opening an item of the same kind, bullet or number, to the next; the first line given
    without its bullet or number) are read one by one. A part surely starts a block at the
    paragraph's start, after a heading and after a rule unless an underline follows it (the
    two may be a setext heading); never on a line indented 4 spaces (a code block or a list
    item's continuation may take it), and no longer after a line with ``<`` or ``>`` (a raw
    HTML block, set aside before, may end there). Anything else stays one text.
    tests/test_markdown_costs.py checks on random bodies that no text Python-Markdown reads
    inline spans two of these. Linear time."""
    lines, code = _code_lines(text)
    start, unit = 0, []  # the text being read: its first line (0: none) and its lines
    # The part since the last cut: its lines so far, whether it surely starts a block, its list
    # kind (True: bullets, False: numbers, None: no list); whether the line before was a rule.
    part, sure, bullet, after_rule = 0, True, None, False
    for number, line in enumerate(lines, 1):
        if code[number - 1] or not line.strip(" "):
            if unit:
                yield start, unit
            start, unit, part, sure, bullet, after_rule = 0, [], 0, True, None, False
            continue
        if part == 0 and after_rule:
            sure = not _underline(line)
        heading, rule = _heading_line(line), _rule_line(line)
        if heading or rule or (part == 1 and sure and _underline(line)):
            if unit:
                yield start, unit
            yield number, [line]
            start, unit, part, bullet = 0, [], 0, None
            sure, after_rule = not rule, rule
            continue
        after_rule = False
        item = _ITEM_START.match(line)
        kind = None if item is None else item["bullet"] is not None
        if part == 0:
            sure = sure and not line.startswith("    ")
            bullet = kind if sure else None
        opens_item = item is not None and bullet is not None and kind == bullet
        if opens_item and unit:
            yield start, unit
            start, unit = 0, []
        if "<" in line or ">" in line:  # a raw HTML block may end here, a block start after it
            sure, bullet = False, None
        start = start or number
        unit.append(line[item.end():] if opens_item else line)  # the item's text, without its bullet
        part += 1
    if unit:
        yield start, unit


def _paragraphs(text: str) -> Iterator[tuple[int, list[str]]]:
    """``(first line, lines)`` of each paragraph of ``text`` (a Markdown body): lines between
    blank lines, outside code blocks (:func:`_code_lines`), in order. Linear time."""
    lines, code = _code_lines(text)
    start, unit = 0, []
    for number, line in enumerate(lines, 1):
        if code[number - 1] or not line.strip(" "):
            if unit:
                yield start, unit
            start, unit = 0, []
            continue
        start = start or number
        unit.append(line)
    if unit:
        yield start, unit


#: A line that opens a fenced code block (Python-Markdown's ``fenced_code``, its
#: ``FENCED_BLOCK_RE`` without the ``{attributes}`` and ``hl_lines=`` forms), group 1 the fence;
#: one that is only the fence (and spaces) also closes a block opened by the same fence.
_FENCE = re.compile(r"(`{3,}|~{3,})[ ]*(?:\.?[\w#.+-]*[ ]*)?")
#: A line that may start a list item (Python-Markdown's list patterns, more widely).
_LIST_ITEM = re.compile(r"[ ]*(?:[*+-]|\d+\.)(?: |$)")


@functools.lru_cache(maxsize=1)  # each limit of a body reads it
def _code_lines(text: str) -> tuple[list[str], list[bool]]:
    """The lines of ``text`` (a Markdown body) as Python-Markdown reads them (tabs expanded to
    4 columns, its STX/ETX placeholder marks dropped) and, for each, whether it is in a code
    block, so never parsed inline: a fenced block (:func:`_fenced_lines`), or a block of lines
    all indented 4 spaces between blank lines, unless a list came before it (Python-Markdown
    then continues the list item with it). Where this reading could differ from the library's
    the lines count as text: an indented block after any block holding a line that may start a
    list item (or after a reference definition following one) is text. Linear time; the last
    body's lines are kept for the next caller (shared lists, never to be changed)."""
    lines = text.replace("\x02", "").replace("\x03", "").expandtabs(4).split("\n")
    fenced = _fenced_lines(lines)
    code = list(fenced)
    after_list = False  # the block before may be a list
    number = 0
    while number < len(lines):
        end = number
        while end < len(lines) and not fenced[end] and lines[end].strip(" "):
            end += 1
        block = lines[number:end]
        if not block or (after_list and block[0].startswith("    ")):
            pass  # blank or fenced lines, or a list item's indented continuation: the list stays last
        elif all(line.startswith("    ") for line in block):
            code[number:end] = [True] * len(block)
        else:
            after_list = any(_LIST_ITEM.match(line) for line in block) or (
                after_list and any(line.lstrip(" ").startswith("[") for line in block))
        number = max(end, number + 1)
    return lines, code


def _fenced_lines(lines: list[str]) -> list[bool]:
    """For each of ``lines``, whether Python-Markdown's ``fenced_code`` (which reads the body
    before anything else does) takes it into a fenced block: from a line opening one
    (:data:`_FENCE`) to the next line that is the same fence alone, the first such block first.
    A body with a fence line in a form not followed here (``{…}``, ``hl_lines=``) has none.
    Linear time: the next closing line of each fence is found in one pass from the end."""
    fences: list[str | None] = []  # of the lines that may open a block
    for line in lines:
        opening = _FENCE.fullmatch(line) if line.startswith(("```", "~~~")) else None
        if opening is None and line.startswith(("```", "~~~")) and ("{" in line or "hl_lines=" in line):
            return [False] * len(lines)
        fences.append(opening[1] if opening else None)
    closing: list[int | None] = [None] * len(lines)  # of the block each line would open
    next_closing: dict[str, int] = {}
    for number in reversed(range(len(lines))):
        fence = fences[number]
        if fence:
            closing[number] = next_closing.get(fence)
            if lines[number].rstrip(" ") == fence:
                next_closing[fence] = number
    fenced = [False] * len(lines)
    number = 0
    while number < len(lines):
        end = closing[number]
        if end is None:
            number += 1
        else:
            fenced[number:end + 1] = [True] * (end + 1 - number)
            number = end + 1
    return fenced


def table_cells_over(text: str, limit: int = MAX_TABLE_CELLS) -> int | None:
    """The 1-based line of ``text`` (a Markdown body) where a table (a paragraph:
    :func:`_paragraphs`) with more than ``limit`` cell bars starts, or ``None``. One linear
    pass, skipped when the whole body holds no more than ``limit`` of them."""
    if text.count("|") <= limit:
        return None
    for start, lines in _paragraphs(text):
        if sum(line.count("|") for line in lines) > limit:
            return start
    return None


#: Most blocks a Markdown body that is not plain prose may hold (:func:`blocks_over`): the parts
#: of its text between blank lines (paragraphs, headings, lists, quotes, code) and its list
#: items. Python-Markdown's block parser takes each part off the front of a list of the rest
#: (``list.pop(0)``), so its time grows with the square of their number (100,000 one-word
#: paragraphs: 7 s; 400,000, 1.6 MB: 70 s), on top of ~25–100 µs a block; and it reads each
#: list item as a document of its own (~20–40 µs: 100,000 one-line items, 800 KB, 2 s). A long
#: article holds a few hundred, a very long report a few thousand; 10,000 render in under a
#: second. A body of plain prose (:func:`sitegen.prose.prose_blocks`) never reaches the parser.
MAX_BLOCKS = 10_000


def blocks_over(text: str, limit: int = MAX_BLOCKS) -> int | None:
    """The 1-based line of ``text`` (a Markdown body) where its block number ``limit + 1``
    starts, or ``None``: each part of the text Python-Markdown cuts at ``"\n\n"`` (lines of
    spaces count as empty; a run of ``k`` blank lines makes ``ceil(k / 2)`` cuts, and blank
    lines in a fenced code block, which is set aside before, none: :func:`_code_lines`) and
    each line outside code that may open a list item (:data:`_LIST_ITEM`, at any depth) is a
    block. ``None`` for a body of plain prose (its blocks never reach Python-Markdown). One
    linear pass, skipped when ``text`` has fewer than ``limit`` lines."""
    if text.count("\n") + 2 <= limit or prose_blocks(text) is not None:
        return None
    lines, code = _code_lines(text)
    blocks, blank_run = 1, 0  # blocks begun so far; blank lines just read
    for number, line in enumerate(lines, 1):
        if not line.strip(" ") and not code[number - 1]:
            blank_run += 1
            continue
        blocks += (blank_run + 1) // 2 + (not code[number - 1] and _LIST_ITEM.match(line) is not None)
        blank_run = 0
        if blocks > limit:
            return number
    return None


#: Most block cutting a Markdown body may cost (:func:`block_cuts_over`): the sum, over its
#: paragraphs (lines between blank lines), of the lines in each that cut it into blocks
#: (:func:`_cuts_block`) times its length in characters. Python-Markdown takes a heading, a
#: rule or a reference definition out of the middle of a block by copying the rest of the block
#: and reading it again, so a block of many such lines costs time quadratic in its length
#: (40,000 ``---`` rules between one-word lines, 280 KB, one block: 18 s; 80,000 setext
#: headings: 43 s; 200,000 ``#`` headings: 19 s): ~0.1–2 ns a unit, so the worst body takes
#: about a second. A long article of 500 headings with no blank lines around them costs ~2.5e7.
MAX_BLOCK_CUT_WORK = 500_000_000


def _cuts_block(line: str) -> bool:
    """Whether Python-Markdown may cut the block holding ``line`` there, erring towards yes: a
    heading (``#`` first), a rule or a setext underline (only ``-``, ``_``, ``*``, ``=`` and
    spaces) or a reference definition (``[x]: …``)."""
    text = line.strip(" ")
    return line.startswith("#") or (text != "" and not text.strip("-_*= ")) or (
        text.startswith("[") and "]:" in text)


def block_cuts_over(text: str, limit: int = MAX_BLOCK_CUT_WORK) -> int | None:
    """The 1-based line of ``text`` (a Markdown body) where the paragraph starts that brings its
    block cutting over ``limit``, or ``None``: the sum, over its paragraphs (lines between
    blank lines, outside code blocks: :func:`_paragraphs`), of the lines that may cut the
    paragraph into blocks (:func:`_cuts_block`) times its length in characters, line ends
    included. One linear pass, skipped when the body's lines that may cut (at most its lines,
    and its characters ``#-_*=[``) times its length are no more than ``limit``."""
    width = len(text) + 3 * text.count("\t") + 1
    lines = text.count("\n") + 1
    if lines * width <= limit:  # one count for most bodies
        return None
    cuts = min(lines, sum(text.count(mark) for mark in "#-_*=["))  # each such line holds one
    if cuts * width <= limit:
        return None
    work = 0
    for start, lines in _paragraphs(text):
        work += sum(map(_cuts_block, lines)) * sum(len(line) + 1 for line in lines)
        if work > limit:
            return start
    return None


#: Most quoted lines a Markdown body may hold, each counted once per level of quoting
#: (:func:`quoted_lines_over`). Python-Markdown reads a quote by taking one ``>`` off each of its
#: lines and parsing what is left again, so a paragraph quoted ``d`` deep is parsed ``d`` times:
#: ~23 µs a paragraph and level, whatever its length (4,000 one-word paragraphs quoted 90 deep,
#: 730 KB: 8–9 s; 100,000 quoted 5 deep, 900 KB: 12 s). A real article quotes a few
#: paragraphs 2–5 deep, a few hundred lines at most; 20,000 render in about half a second.
MAX_QUOTED_LINES = 20_000

#: Characters that may come before a line's quote marks: spaces, and the marks of the list
#: items it opens (``- > > text``: the item's text is a quote).
_BEFORE_QUOTE = " >*+-.)0123456789"


def quoted_lines_over(text: str, limit: int = MAX_QUOTED_LINES) -> int | None:
    """The 1-based line of ``text`` (a Markdown body) where the paragraph starts that brings its
    quoted lines, each counted once per level of quoting, over ``limit``, or ``None``: the sum,
    over its paragraphs (lines between blank lines, outside code blocks: :func:`_paragraphs`),
    of the paragraph's lines times the deepest quoting of one of them (:func:`_quote_depth`).
    Every line of a paragraph counts at that depth: an unmarked line goes on the paragraph above
    it (a lazy line), and a line ``>`` alone ends a block inside the quote, so each line may be
    a block of its own at each level. One linear pass, skipped when the body's ``>`` times its
    lines are no more than ``limit``."""
    if text.count(">") * (text.count("\n") + 1) <= limit:
        return None
    work = 0
    for start, lines in _paragraphs(text):
        work += len(lines) * max(map(_quote_depth, lines))
        if work > limit:
            return start
    return None


def _quote_depth(line: str) -> int:
    """The ``>`` among the spaces and list markers that open ``line`` (:data:`_BEFORE_QUOTE`)."""
    return line.count(">", 0, len(line) - len(line.lstrip(_BEFORE_QUOTE)))
