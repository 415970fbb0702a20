"""Article bodies as HTML: Markdown → sanitised HTML, raw-dump blocks → HTML, HTML → blocks.

Heading ids keep Arabic letters (:func:`heading_id`; repeated headings
get ``_1``, ``_2``). A body's ``# heading`` becomes an ``<h2>``: the article page has its
own ``<h1>`` (the title); ``##`` and deeper stay as written. Raw HTML inside Markdown is cleaned by nh3 (the Ammonia
sanitiser) against an allow-list, unless the site is configured ``trusted_html``.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

from sitegen.arabic import clean_inline, strip_tashkeel, strip_tatweel
from sitegen.model import Block


class _ShiftTitleHeadings(Treeprocessor):
    """``<h1>`` → ``<h2>`` (only level 1; the page's one ``<h1>`` is the article title)."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _BodyHeadings(Extension):
    """Registers :class:`_ShiftTitleHeadings` before ``toc``, so ids are given to the ``<h2>``."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_ShiftTitleHeadings(md), "shift_title_headings", 6)  # toc is 5


_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "toc", _BodyHeadings()]


def heading_id(text: str, separator: str = "-") -> str:
    """The anchor of a heading: Arabic letters kept, diacritics and tatweel dropped as in
    slugs (so ``## الأخبـــار`` is ``#الأخبار``), then Python-Markdown's ``slugify_unicode``."""
    return slugify_unicode(strip_tatweel(strip_tashkeel(text)), separator)


_EXTENSION_CONFIGS = {"toc": {"slugify": heading_id, "permalink": False}}

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


def sanitize_html(fragment: str, embed_hosts: tuple[str, ...] = ()) -> str:
    """``fragment`` with everything outside the allow-list removed (nh3/Ammonia).

    No script/style, no event handlers or ``style`` attributes, links only to
    http(s)/mailto/tel or relative URLs; an ``iframe`` keeps its ``src`` only when
    it is https on one of ``embed_hosts`` (exact host names).
    """

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "iframe" and attribute == "src":
            parts = urlsplit(value)
            return value if parts.scheme == "https" and parts.hostname in embed_hosts else None
        return value

    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=keep,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


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
_TRAILING = ".,:;!?)]}&"
_PARTIAL_ENTITY = re.compile(r"&#?\w*$")
_TAG = re.compile(r"(<[^>]*>)")
_NO_ISOLATION = {"code", "pre", "script", "style", "bdi", "bdo", "kbd", "samp", "textarea"}


def _wrap_latin(text: str) -> str:
    def wrap(match: re.Match) -> str:
        run = match.group(0)
        if match["signed"]:
            return f'<bdi dir="ltr">{run}</bdi>'
        core = run.rstrip(_TRAILING)
        while _PARTIAL_ENTITY.search(core):  # never split ``&quot;``/``&#x27;`` from its ``;``
            core = _PARTIAL_ENTITY.sub("", core).rstrip(_TRAILING + " ")
        core = core.rstrip(_TRAILING + " ")
        if not core:
            return run
        return f"<bdi>{core}</bdi>{run[len(core):]}"

    return _ISOLATE.sub(wrap, text)


def isolate_ltr_runs(fragment: str) -> str:
    """Wrap Latin-script runs of Arabic text in ``<bdi>`` so they keep their order (UAX #9 isolates).

    Works on our own well-formed HTML: text inside code, pre and existing bdi/bdo is left
    alone; text content and punctuation are unchanged (only elements are added). Runs
    made only of digits are not wrapped (European numbers already keep their order); a
    signed figure (``+1.8%``) is wrapped in ``<bdi dir="ltr">`` so its sign stays in front.
    """
    out = []
    skip_depth = 0
    for part in _TAG.split(fragment):
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


_parser: markdown.Markdown | None = None


def _markdown_parser() -> markdown.Markdown:
    """This process's one Python-Markdown parser (building one costs as much as converting a
    short article); :meth:`markdown.Markdown.reset` clears its per-document state (toc ids,
    reference links, stashed HTML) before every use."""
    global _parser
    if _parser is None:
        _parser = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS,
                                    output_format="html")
    return _parser.reset()


def markdown_to_html(text: str, *, trusted: bool = False, embed_hosts: tuple[str, ...] = ()) -> str:
    """Render a Markdown body (Python-Markdown with tables, fenced code, sane lists, toc);
    ``# heading`` becomes ``<h2>`` like ``## heading``.

    The result is sanitised with :func:`sanitize_html` unless ``trusted``, then Latin
    runs are isolated with :func:`isolate_ltr_runs`.
    """
    rendered = _markdown_parser().convert(text)
    return isolate_ltr_runs(rendered if trusted else sanitize_html(rendered, embed_hosts))


_BLOCK_TAGS = {"p": "paragraph", "li": "list_item", "h2": "heading", "h3": "heading", "h4": "heading",
               "h5": "heading", "h6": "heading"}


class _BlockCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._stack: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._stack.append((tag, []))

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1][0] == tag:
            name, parts = self._stack.pop()
            text = clean_inline("".join(parts))
            if text:
                self.blocks.append(Block(_BLOCK_TAGS[name], text))

    def handle_data(self, data):
        if self._stack:
            self._stack[-1][1].append(data)


def html_to_blocks(fragment: str) -> tuple[Block, ...]:
    """Plain-text headings, paragraphs and list items of an HTML body, in document order.

    A paragraph inside a list item is reported once, as the paragraph.
    """
    collector = _BlockCollector()
    collector.feed(fragment)
    collector.close()
    return tuple(collector.blocks)


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
