"""Article bodies as HTML: Markdown → sanitised HTML, raw-dump blocks → HTML, HTML → blocks.

Heading ids keep Arabic letters (:func:`heading_id`; repeated headings
get ``_1``, ``_2``). A body's ``# heading`` becomes an ``<h2>``: the article page has its
own ``<h1>`` (the title); ``##`` and deeper stay as written. Raw HTML inside Markdown is cleaned by nh3 (the Ammonia
sanitiser) against an allow-list, unless the site is configured ``trusted_html``. Python-Markdown
itself, with sitegen's extensions, is :mod:`sitegen.markdown_parser`, imported by the first body
that is not plain prose (:mod:`sitegen.prose`).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from collections.abc import Callable
from urllib.parse import urlsplit

from sitegen.arabic import clean_inline, strip_xml_forbidden
from sitegen.html_tags import LinearStartTags
from sitegen.model import Block
from sitegen.prose import BodyIds, body_id, heading_id, prose_blocks


ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul", "var", "wbr",
}
_GENERIC = {"id", "dir", "lang", "title", "class"}
ALLOWED_ATTRIBUTES = {
    "*": _GENERIC,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "iframe": {"src", "width", "height", "allowfullscreen", "loading"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_URL_ATTRIBUTES = {"href", "src", "cite"}


def sanitize_html(fragment: str, embed_hosts: tuple[str, ...] = (),
                  url_filter: Callable[[str], str | None] | None = None) -> str:
    """``fragment`` with everything outside the allow-list removed (nh3/Ammonia).

    No script/style, no event handlers or ``style`` attributes, links only to
    http(s)/mailto/tel or relative URLs; an ``iframe`` keeps its ``src`` only when
    it is https on one of ``embed_hosts`` (exact host names), and an iframe left without a
    ``src`` is dropped, and a kept one is emptied (:func:`_clean_frames`). ``url_filter`` sees every
    ``href``, ``src`` and ``cite`` value and returns the value to write or ``None`` to drop
    it (the loader passes :func:`sitegen.urls.body_url`, which turns a protocol-relative
    ``//host/x`` into ``https://host/x``). An ``id`` the theme uses itself gets ``_1``
    (:func:`sitegen.prose.body_id`: ``<p id="main">`` would duplicate ``<main id="main">``), and
    an id given earlier in the fragment the next free ``_N`` (:meth:`sitegen.prose.BodyIds.raw`:
    ids are unique in a page, HTML Living Standard §3.2.6.1). Code points XML 1.0 forbids (written as character
    references) are dropped from the result (:func:`sitegen.arabic.strip_xml_forbidden`).
    """

    ids = BodyIds()  # given so far in this fragment (the sanitiser calls keep in document order)

    def keep(element: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return ids.raw(body_id(value))
        if url_filter is not None and attribute in _URL_ATTRIBUTES:
            value = url_filter(value)
            if value is None:
                return None
        if element == "iframe" and attribute == "src":
            parts = urlsplit(value)
            return value if parts.scheme == "https" and parts.hostname in embed_hosts else None
        return value

    # The sanitiser decodes character references: ``&#xFFFE;`` or ``&#x1;`` in a body would
    # come out as code points XML 1.0 forbids, and the feeds that carry the body would not parse.
    import nh3  # the sanitiser, imported by the first body that needs it

    clean = nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=keep,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return strip_xml_forbidden(_clean_frames(clean) if "<iframe" in clean else clean)


#: An iframe's opening tag in nh3's output, where attribute values are double-quoted and hold
#: no ``"`` or ``>`` (written ``&quot;``, ``&gt;``): ``[^>]*`` ends at the tag's end.
_FRAME_OPENING = re.compile(r"<iframe\b([^>]*)>")
_FRAME_CLOSING = "</iframe>"


def _clean_frames(html: str) -> str:
    """``html`` (:func:`nh3.clean`'s output) without each ``iframe`` that has no ``src`` (the
    sanitiser refused its address, or it had none), an empty frame being a blank box on the
    page, and with every kept frame emptied. A frame holds raw text up to the first
    ``</iframe>`` (HTML's parsing of ``iframe``), which nh3 writes back unescaped: a browser never
    shows it, but a feed reader or tool that parses ``iframe`` as an element would read the
    ``<script>`` or ``<img onerror=…>`` written there. One pass."""
    out: list[str] = []
    position = 0
    while (start := html.find("<iframe", position)) >= 0:
        tag = _FRAME_OPENING.match(html, start)
        if tag is None:  # "<iframex…": not a frame
            out.append(html[position:start + 1])
            position = start + 1
            continue
        end = html.find(_FRAME_CLOSING, tag.end())
        end = len(html) if end < 0 else end + len(_FRAME_CLOSING)
        out.append(html[position:start])
        if ' src="' in tag[1]:
            out.append(tag[0] + _FRAME_CLOSING)
        position = end
    out.append(html[position:])
    return "".join(out)


# A run of Latin-script text: words, numbers, URLs, e-mail addresses, joined by single
# spaces or URL punctuation. Trailing sentence punctuation is left outside the run so it
# lands at the end of the right-to-left line (UAX #9: an isolate is one neutral unit).
_LATIN_RUN = re.compile(
    r"(?<![&#\w])[A-Za-z][A-Za-z0-9@._:/\-+#%=?~;&]*(?:[ ]+[A-Za-z0-9][A-Za-z0-9@._:/\-+#%=?~;&]*)*"
)
#: A signed figure (``+1.8%``, ``-0.9``, ``−3``) standing alone: in right-to-left text the
#: Unicode Bidirectional Algorithm (UAX #9, rules W4–W6) would show its sign after the digits
#: (``1.8%+``), so it is isolated left to right.
_SIGNED_NUMBER = r"(?<![\w.,%+\-−])[+\-−±][0-9٠-٩](?:[0-9٠-٩.,٫٬]*[0-9٠-٩])?[%٪]?"
_ISOLATE = re.compile(f"(?P<latin>{_LATIN_RUN.pattern})|(?P<signed>{_SIGNED_NUMBER})")
#: A character that every match of ``_ISOLATE`` starts with: text without one is left as it is
#: after one quick scan (the lookbehinds make ``_ISOLATE`` slow on long Arabic paragraphs).
_ISOLATE_START = re.compile(r"[A-Za-z+\-−±]")
_TRAILING = ".,:;!?)]}&"
_TRAILING_OR_SPACE = _TRAILING + " "
_ENTITY_START = re.compile(r"&#?\w*")
_TAG = re.compile(r"(<[^>]*>)")
_NO_ISOLATION = {"code", "pre", "script", "style", "bdi", "bdo", "kbd", "samp", "textarea"}


def _wrap_latin(text: str) -> str:
    def wrap(match: re.Match) -> str:
        run = match.group(0)
        if match["signed"]:
            return f'<bdi dir="ltr">{run}</bdi>'
        end = len(run.rstrip(_TRAILING))
        while True:  # never split ``&quot;``/``&#x27;`` from its ``;``: drop a partial entity at the end
            amp = run.rfind("&", 0, end)  # (indexes, not slices: a run of 10,000 entities stays linear)
            if amp < 0 or not _ENTITY_START.fullmatch(run, amp, end):
                break
            end = amp
            while end and run[end - 1] in _TRAILING_OR_SPACE:
                end -= 1
        while end and run[end - 1] in _TRAILING_OR_SPACE:
            end -= 1
        core = run[:end]
        if not core:
            return run
        return f"<bdi>{core}</bdi>{run[len(core):]}"

    return _ISOLATE.sub(wrap, text) if _ISOLATE_START.search(text) else text


def isolate_ltr_runs(fragment: str) -> str:
    """Wrap Latin-script runs of Arabic text in ``<bdi>`` so they keep their order (UAX #9 isolates).

    Works on our own well-formed HTML: text inside code, pre and existing bdi/bdo is left
    alone; text content and punctuation are unchanged (only elements are added). Runs
    made only of digits are not wrapped (European numbers already keep their order); a
    signed figure (``+1.8%``) is wrapped in ``<bdi dir="ltr">`` so its sign stays in front.
    Text after the last ``>`` holds no tag and is not searched for one (raw HTML of a site with
    ``trusted_html`` may hold thousands of ``<`` with no ``>`` after them: searching from each
    took time growing with the square of their number).
    """
    out = []
    skip_depth = 0
    tags_end = fragment.rfind(">") + 1
    for part in (*_TAG.split(fragment[:tags_end]), fragment[tags_end:]):
        if part.startswith("<"):
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if name in _NO_ISOLATION and not part.endswith("/>"):
                skip_depth += -1 if part.startswith("</") else 1
            out.append(part)
        elif skip_depth > 0 or not part:
            out.append(part)
        else:
            out.append(_wrap_latin(part))
    return "".join(out)


def markdown_to_html(text: str, *, trusted: bool = False, embed_hosts: tuple[str, ...] = (),
                     url_filter: Callable[[str], str | None] | None = None) -> str:
    """Render a Markdown body (Python-Markdown with tables, fenced code, sane lists, toc);
    ``# heading`` becomes ``<h2>`` like ``## heading``.

    The result is sanitised with :func:`sanitize_html` (given ``embed_hosts`` and
    ``url_filter``) unless ``trusted`` or the Markdown holds no markup that could need it
    (:func:`markup_is_plain`: the sanitiser would return the same bytes), then Latin runs are isolated with :func:`isolate_ltr_runs`.
    """
    prose = prose_blocks(text)
    if prose is not None:
        return _prose_html(prose)
    from sitegen.markdown_parser import convert  # Python-Markdown, imported by the first body that needs it

    rendered = convert(text)
    # Python-Markdown may leave its STX/ETX placeholder marks in the HTML (``_#__#_  \n*``): the
    # sanitiser drops them, so such HTML goes through it however plain its source
    if not trusted and (not markup_is_plain(text) or "\x02" in rendered or "\x03" in rendered):
        rendered = sanitize_html(rendered, embed_hosts, url_filter)
    return isolate_ltr_runs(rendered)


def markdown_body(text: str, *, trusted: bool = False, embed_hosts: tuple[str, ...] = (),
                  url_filter: Callable[[str], str | None] | None = None) -> tuple[str, tuple[Block, ...]]:
    """``(html, blocks)`` of a Markdown body: :func:`markdown_to_html` and the blocks
    :func:`html_to_blocks` reads from it (``sanitised`` unless ``trusted``). A body that is
    only prose (:func:`sitegen.prose.prose_blocks`) has its blocks taken from its source, the
    same ones, without reading its HTML back."""
    prose = prose_blocks(text)
    if prose is None:
        html = markdown_to_html(text, trusted=trusted, embed_hosts=embed_hosts, url_filter=url_filter)
        return html, html_to_blocks(html, sanitised=not trusted)
    blocks = []
    for level, block in prose:
        block = clean_inline(block)
        if block:
            blocks.append(Block("heading" if level else "paragraph", block))
    return _prose_html(prose), tuple(blocks)


def _prose_html(prose: list[tuple[int, str]]) -> str:
    """Python-Markdown's HTML of :func:`sitegen.prose.prose_blocks`' blocks (one element a
    line, ``<p>`` or ``<hN>``, ``#`` shifted to ``<h2>``) with its Latin runs isolated, as
    :func:`markdown_to_html` gives it: the text as written (it holds nothing to escape) in
    :func:`_wrap_latin`, which :func:`isolate_ltr_runs` applies to the text of such elements.
    A heading's id is the ``toc`` extension's, as :class:`sitegen.markdown_parser._QuickToc`
    gives it to a plain heading (:meth:`sitegen.prose.BodyIds.heading` of ``heading_id(name)``,
    ``name`` the text with runs of white space made one space: word characters and ``-`` only,
    nothing to escape either)."""
    ids = BodyIds()
    out = []
    for level, text in prose:
        if level:
            level = max(level, 2)
            anchor = ids.heading(heading_id(" ".join(text.split())))
            out.append(f'<h{level} id="{anchor}">{_wrap_latin(text)}</h{level}>')
        else:
            out.append(f"<p>{_wrap_latin(text)}</p>")
    return "\n".join(out)


#: A character that lets Python-Markdown write something the sanitiser could remove or write
#: differently (see :func:`markup_is_plain`): ``<`` (raw HTML, autolinks), ``&`` (entities),
#: ``[`` ``]`` (links, images, reference definitions, ``[TOC]``), ``\\`` (escapes), ``|`` (tables:
#: ``style`` on aligned cells), ``{`` ``}`` (fenced-code attributes), `````` ``~`` (code: fenced
#: code escapes ``"`` as ``&quot;``, which nh3 writes ``"``), C0 and C1 controls other
#: than tab and line feed (NUL is dropped by HTML parsing, CR turned into LF; Python-Markdown
#: uses STX/ETX itself), U+00A0 (nh3 writes ``&nbsp;``), U+FEFF, surrogates and noncharacters.
_NOT_PLAIN = re.compile(r"[<&\[\]\\|{}`~\x00-\x08\x0b-\x1f\x7f-\x9f\xa0\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff]")


def markup_is_plain(text: str) -> bool:
    """Whether the HTML Python-Markdown makes of the Markdown ``text`` (with this module's
    extensions) is already what :func:`sanitize_html` would return, byte for byte, whatever its
    ``embed_hosts`` and ``url_filter``: then :func:`markdown_to_html` does not run nh3 on it.

    True when ``text`` holds no character of :data:`_NOT_PLAIN`. The argument, from how
    Python-Markdown 3 builds its output (an ElementTree, serialised by its own writer):

    * Every element that can carry a URL or script comes from a pattern that needs one of those
      characters: ``a`` and ``img`` from links, images and references (``[``) or autolinks
      (``<url>``, ``<mail>``); raw HTML, blocks and inline, needs ``<``; an entity or numeric
      character reference (``&#106;avascript:``) needs ``&``; a reference definition
      (``[x]: javascript:…``) and the ``[TOC]`` marker need ``[``. A ``javascript:`` written
      as plain text stays text. Without them the only elements are ``p``, ``h1``–``h6``
      (``h1`` shifted to ``h2``), ``ul``, ``ol``, ``li``, ``blockquote``, ``pre``, ``code``,
      ``hr``, ``br``, ``em`` and ``strong`` — all on :data:`ALLOWED_TAGS` — and the only
      attributes ``id`` of headings (:func:`heading_id`: word characters and ``-``) and
      ``start`` of ``ol`` (digits), allowed and not URLs. Tables (``|``: alignment is a
      ``style``) and code (`````` and ``~``: fenced code writes ``"`` as ``&quot;`` where nh3
      writes ``"``; ``{…}`` attributes) are left to nh3; indented code blocks escape as text.
    * All text goes through the serialiser, which escapes ``&``, ``<`` and ``>`` (and ``"`` in
      attributes), so no text becomes markup; elements come out well nested, no block inside
      a ``p``, so an HTML parser (nh3's html5ever) builds the same tree from them.
    * Characters an HTML parser or nh3's writer changes are refused: NUL (dropped), CR
      (becomes LF), U+00A0 (written ``&nbsp;``), other controls, surrogates and noncharacters
      (kept by nh3 today; refused so as not to rest on that).

    tests/test_markup.py checks the equality on generated Markdown over these characters and
    that hostile bodies (script tags, ``javascript:`` in every link form, entities, event
    handlers) are refused here and cleaned as before.
    """
    return _NOT_PLAIN.search(text) is None


#: The elements whose text is a block, and its kind. Besides paragraphs, list items and
#: headings (a raw ``h1`` too), the text a reader reads in a table's cells and caption, a
#: definition list, a figure's caption, a code block and a disclosure's summary is a paragraph:
#: counted in the reading time, found by the search.
_BLOCK_TAGS = {"p": "paragraph", "li": "list_item", "h1": "heading", "h2": "heading", "h3": "heading",
               "h4": "heading", "h5": "heading", "h6": "heading", "td": "paragraph", "th": "paragraph",
               "caption": "paragraph", "dt": "paragraph", "dd": "paragraph", "figcaption": "paragraph",
               "pre": "paragraph", "summary": "paragraph"}

#: The body itself, the outermost container: text outside every block is a paragraph.
_ROOT = "#body"

#: Elements that hold blocks (raw HTML's ``div``, a disclosure, a figure …): the text written
#: directly in one is a paragraph when no block holds it; inside a block (``<h2>…<div>…</div></h2>``)
#: its text is the block's.
_CONTAINER_TAGS = frozenset({_ROOT, "div", "blockquote", "details", "figure", "section", "article", "aside",
                             "header", "footer", "main", "nav", "address", "center", "fieldset", "form"})

#: Elements within a line of text (and custom elements, ``x-…``): every other tag (``<br>``,
#: ``<hr>``, a block …) that opens or closes an element separates the words on either side of
#: it, as a browser shows them; an end tag of no open element is ignored, as a browser does.
_INLINE_TAGS = frozenset({"a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
                          "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "output", "q", "s",
                          "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
                          "wbr"})

_CELL_END = frozenset({"tr", "table", "tbody", "thead", "tfoot"})
#: The elements whose end tags close a block left open (:data:`_IMPLIED_END`), counted inside
#: each open block: the end of a list nested in a list item does not end the item.
_STRUCTURE_TAGS = _CELL_END | {"ul", "ol", "menu", "dl"}
#: End tags that close an open block of a given kind whose own end tag HTML lets be left out
#: (HTML § 13.1.2.4, optional tags): ``<td>a<td>b</table>``, ``<li>a</ul>``, ``<div><p>a</div>``.
_IMPLIED_END = {"td": _CELL_END, "th": _CELL_END, "caption": frozenset({"table"}),
                "li": frozenset({"ul", "ol", "menu"}), "dt": frozenset({"dl"}), "dd": frozenset({"dl"}),
                "p": (_CONTAINER_TAGS - {_ROOT}) | (_BLOCK_TAGS.keys() - {"p"})}

#: Start tags that close an open ``p`` (HTML § 13.2.6.4.7: a paragraph holds no block).
_CLOSES_P = (_CONTAINER_TAGS - {_ROOT}) | _BLOCK_TAGS.keys() | {"hr", "ul", "ol", "dl", "menu", "table"}

#: Elements whose content no reader sees: left out, tags and text (raw HTML of a site with
#: ``trusted_html``; the sanitiser removes most of them): scripts, styles, templates, and the
#: fallback content of embedded content (HTML § 4.8: an iframe's, a video's, a canvas's …).
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "video", "audio", "canvas",
                          "object", "datalist", "select", "rp"})


class _BlockReader:
    """The blocks of a stream of start tags, end tags and text, in reading order: a block's (or
    container's, the body's) text before a block inside it is a block of its own, before the
    inner one (``<li>a<ul><li>b</li></ul>c</li>`` is ``a``, ``b``, ``c``); a block whose end tag
    HTML lets be left out is closed where a browser closes it (:data:`_IMPLIED_END`,
    :data:`_CLOSES_P`), and any left open at the end there. Both of :func:`html_to_blocks`'
    readers feed one, so they give the same blocks."""

    __slots__ = ("blocks", "_stack", "_hidden", "_open")

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        # Open blocks and containers, the body first: (tag, its text so far, the lists, tables
        # and rows opened inside it and not closed yet, by tag).
        self._stack: list[tuple[str, list[str], dict[str, int]]] = [(_ROOT, [], {})]
        self._hidden = 0  # depth inside elements whose content is left out
        self._open: dict[str, int] = {}  # elements open, by tag (an end tag of none is ignored)

    def start(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
            return
        if self._hidden:
            return
        stack = self._stack
        if stack[-1][0] == "p" and tag in _CLOSES_P:
            self._pop()
        if tag in _BLOCK_TAGS or (tag in _CONTAINER_TAGS and stack[-1][0] in _CONTAINER_TAGS):
            self._close(stack[-1])
            stack[-1][1].clear()
            stack.append((tag, [], {}))
        elif tag not in _INLINE_TAGS and "-" not in tag:
            if tag in _STRUCTURE_TAGS:
                inner = stack[-1][2]
                inner[tag] = inner.get(tag, 0) + 1
            stack[-1][1].append(" ")
        else:
            return
        self._open[tag] = self._open.get(tag, 0) + 1

    def end(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
            return
        if self._hidden:
            return
        if not self._open.get(tag):  # no such element is open: ignored, as a browser does
            return
        stack = self._stack
        while len(stack) > 1:
            name, _, inner = stack[-1]
            if inner.get(tag):  # a list or table opened inside the open block ends here
                inner[tag] -= 1
                break
            if name == tag:
                self._pop()
                return
            if tag not in _IMPLIED_END.get(name, ()):
                break
            self._pop()
        self._open[tag] -= 1
        stack[-1][1].append(" ")

    def text(self, data: str) -> None:
        if not self._hidden:
            self._stack[-1][1].append(data)

    def finish(self) -> tuple[Block, ...]:
        while self._stack:
            self._close(self._stack.pop())
        return tuple(self.blocks)

    def _pop(self) -> None:
        """Close the innermost open block or container."""
        entry = self._stack.pop()
        self._open[entry[0]] -= 1
        self._close(entry)

    def _close(self, entry: tuple[str, list[str], dict[str, int]]) -> None:
        text = clean_inline("".join(entry[1]))
        if text:
            self.blocks.append(Block(_BLOCK_TAGS.get(entry[0], "paragraph"), text))


class _BlockCollector(LinearStartTags, HTMLParser):
    """:class:`_BlockReader` fed by Python's HTML parser (any HTML)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.reader = _BlockReader()

    def handle_starttag(self, tag, attrs):
        self.reader.start(tag)

    def handle_endtag(self, tag):
        self.reader.end(tag)

    def handle_data(self, data):
        self.reader.text(data)


def html_to_blocks(fragment: str, sanitised: bool = False) -> tuple[Block, ...]:
    """Plain-text headings, paragraphs and list items of an HTML body, in reading order
    (:data:`_BLOCK_TAGS`: a table cell's text, a code block's … are paragraphs; so is text
    written directly in a ``div`` or another of :data:`_CONTAINER_TAGS` outside any block).

    A block's text before a block inside it is a block of its own, before it (a list item's
    text, then its nested list's items); a tag other than :data:`_INLINE_TAGS` separates words
    (``<br>``, ``<hr>``); script and style text is left out (:class:`_BlockReader`). With
    ``sanitised`` the fragment is :func:`sanitize_html`'s output, read by one regex (same
    blocks, a few times faster than :class:`html.parser.HTMLParser`, which reads any HTML).
    """
    if sanitised:
        return _sanitised_blocks(fragment)
    collector = _BlockCollector()
    try:
        collector.feed(fragment)
        collector.close()
    except AssertionError:  # "<![" not opening a marked section: html.parser (3.11) asserts
        collector = _BlockCollector()
        collector.feed(fragment.replace("<![", "&lt;!["))
        collector.close()
    return collector.reader.finish()


#: A tag as nh3 writes it: ``<`` and ``>`` in text and attribute values are always escaped
#: (``&lt;``, ``&gt;``) and comments are stripped, so a tag ends at the first ``>``.
_SANITISED_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")


def _sanitised_blocks(fragment: str) -> tuple[Block, ...]:
    """:class:`_BlockCollector`'s blocks of a sanitised fragment (the same :class:`_BlockReader`)."""
    reader = _BlockReader()
    end = 0
    for tag in _SANITISED_TAG.finditer(fragment):
        if tag.start() > end:
            reader.text(html.unescape(fragment[end:tag.start()]))
        end = tag.end()
        if tag[1]:
            reader.end(tag[2].lower())
        else:
            reader.start(tag[2].lower())
    if end < len(fragment):
        reader.text(html.unescape(fragment[end:]))
    return reader.finish()


def blocks_to_html(blocks: tuple[Block, ...]) -> str:
    """Escaped HTML for raw-dump blocks: ``<h2 id>`` headings, ``<p>`` paragraphs, ``<ul>`` lists.

    Heading ids follow the same rule as Markdown bodies (:func:`heading_id`, ``_1`` for repeats).
    """
    out: list[str] = []
    seen: dict[str, int] = {}
    in_list = False
    for block in blocks:
        if block.kind == "list_item" and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.kind != "list_item" and in_list:
            out.append("</ul>")
            in_list = False
        text = html.escape(block.text)
        if block.kind == "heading":
            base = heading_id(block.text) or "section"
            count = seen.get(base, 0)
            seen[base] = count + 1
            anchor = base if count == 0 else f"{base}_{count}"
            out.append(f'<h2 id="{html.escape(anchor)}">{text}</h2>')
        elif block.kind == "list_item":
            out.append(f"<li>{text}</li>")
        else:
            out.append(f"<p>{text}</p>")
    if in_list:
        out.append("</ul>")
    return isolate_ltr_runs("\n".join(out))
