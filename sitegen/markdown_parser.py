"""This process's Python-Markdown parser, with sitegen's extensions: ``# heading`` made an
``<h2>`` (:class:`_BodyHeadings`), link and image patterns that run in linear time
(:class:`_LinearLinks`), and shortcuts that give the library's own output sooner on prose
(:class:`_QuickScan`). Imported by the first body that is not plain prose
(:func:`sitegen.markup.markdown_to_html`): a build whose changed articles are all prose never
imports Python-Markdown's extensions (nor Pygments, which ``fenced_code`` imports).
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree

import markdown
from markdown import blockprocessors, inlinepatterns, util
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.toc import TocTreeprocessor, nest_toc_tokens
from markdown.htmlparser import HTMLExtractor
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.preprocessors import HtmlBlockPreprocessor, NormalizeWhitespace
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from sitegen.html_tags import LinearStartTags
from sitegen.prose import BodyIds, heading_id


class _ShiftTitleHeadings(Treeprocessor):
    """``<h1>`` → ``<h2>`` (only level 1; the page's one ``<h1>`` is the article title)."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _BodyHeadings(Extension):
    """Registers :class:`_ShiftTitleHeadings` before ``toc``, so ids are given to the ``<h2>``."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_ShiftTitleHeadings(md), "shift_title_headings", 6)  # toc is 5


_SQUARE = re.compile(r"[\[\]]")
_ROUND = re.compile(r"[()]")
_QUOTE = re.compile("[\"']")


class _BracketTable:
    """Where each ``[`` and ``(`` of a text is closed, and where its quotes are, all counted
    from the *end* of the text. A bracket's match depends only on the text after it, and
    Python-Markdown replaces matched links left to right, so a table stays valid for every
    later text that ends the same way; it is rebuilt (one pass) only for a text that does not.
    """

    def __init__(self, text: str):
        self.text = text
        self.squares = self._closing(_SQUARE, "[")
        self.rounds = self._closing(_ROUND, "(")
        self.quotes = [len(text) - m.start() for m in reversed(list(_QUOTE.finditer(text)))]  # ascending

    def _closing(self, pair: re.Pattern, opening: str) -> dict[int, int]:
        size, matches, open_at = len(self.text), {}, []
        for match in pair.finditer(self.text):
            if match.group() == opening:
                open_at.append(match.start())
            elif open_at:
                matches[size - open_at.pop()] = size - match.start()
        return matches

    def covers(self, data: str, index: int) -> bool:
        """Whether ``data[index:]`` is an end of the text this table was built from."""
        return data is self.text or (len(data) - index <= len(self.text) and self.text.endswith(data[index:]))

    def closing(self, table: dict[int, int], data: str, index: int) -> int | None:
        """Index in ``data`` of the bracket closing the one at ``index``, or ``None``."""
        end = table.get(len(data) - index)
        return None if end is None else len(data) - end

    def has_quote(self, data: str, start: int, stop: int) -> bool:
        """Whether ``data[start:stop]`` holds a quote character."""
        size = len(data)
        return bisect.bisect_left(self.quotes, size - stop + 1) < bisect.bisect_left(self.quotes, size - start + 1)


class _LinearBrackets:
    """Mixin for Python-Markdown's link and image processors that keeps them linear in time.

    The library scans to the end of the text for the ``]`` closing every ``[`` and for the
    ``)`` closing every ``(`` of a destination, so a line of 30,000 ``[`` or of ``[a](``
    repeated took minutes. Here both are looked up in a :class:`_BracketTable`, with the
    library's result: the first bracket where the count returns to zero. A destination that
    holds a quote (a title) is still parsed by the library, within :data:`LINK_SCAN_LIMIT`
    characters.
    """

    _table: _BracketTable | None = None

    def _table_for(self, data: str, index: int) -> _BracketTable:
        if self._table is None or not self._table.covers(data, index):
            self._table = _BracketTable(data)
        return self._table

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 - Python-Markdown's name
        table = self._table_for(data, index - 1)
        end = table.closing(table.squares, data, index - 1)
        if end is None:
            return data[index:], len(data), False
        return data[index:end], end + 1, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        match = self.RE_LINK.match(data, pos=index)
        if not match or match.group(1):  # no "(", or "(<url> 'title')": the regex alone decides
            return super().getLink(data, index)
        table = self._table_for(data, index)
        end = table.closing(table.rounds, data, index)
        if table.has_quote(data, index, len(data) if end is None else end):
            href, title, after, handled = super().getLink(data[index:index + LINK_SCAN_LIMIT], 0)
            return href, title, after if after < 0 else after + index, handled  # the library may say -1
        if end is None:
            return "", None, len(data), False
        return self.unescape(data[match.end():end]).strip(), None, end + 1, True


#: Longest ``(destination "title")`` the library scans (only one that holds a quote).
LINK_SCAN_LIMIT = 1024


class _LinearLinks(Extension):
    """Gives every registered link/image inline processor :class:`_LinearBrackets`."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor) and not isinstance(processor, _LinearBrackets):
                processor.__class__ = type(f"Linear{type(processor).__name__}", (_LinearBrackets, type(processor)), {})


class _NeedsText:
    """A compiled pattern that first looks for a string that every match of it holds (one
    ``str.find`` each, at C speed) and runs the regex only when one is there. Python-Markdown runs
    each of its inline patterns over every paragraph and tests every block against each block
    pattern; on prose without markup most cannot match, and those opening with a lookbehind or
    ``(?:^|\n)`` scan the text character by character."""

    def __init__(self, compiled: re.Pattern, needed: tuple[str, ...]):
        self.compiled, self.needed = compiled, needed

    def _may_match(self, string: str, pos: int) -> bool:
        return any(string.find(text, pos) >= 0 for text in self.needed)

    def finditer(self, string: str, pos: int = 0):
        return self.compiled.finditer(string, pos) if self._may_match(string, pos) else iter(())

    def search(self, string: str, pos: int = 0):
        return self.compiled.search(string, pos) if self._may_match(string, pos) else None

    def match(self, string: str, pos: int = 0):
        return self.compiled.match(string, pos) if self._may_match(string, pos) else None

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)


#: What every match of each of Python-Markdown's inline patterns holds, by the pattern's exact
#: text (a pattern not named here, or changed by a later release of the library, is left as it is).
_NEEDED_BY_PATTERN = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),
    inlinepatterns.IMAGE_LINK_RE: ("![",),
    inlinepatterns.AUTOLINK_RE: ("://",),
    inlinepatterns.AUTOMAIL_RE: ("@",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\*|_": ("*", "_"),  # em_strong (DelimiterProcessor)
}

#: The same for the block patterns that are searched in every block and the fenced-code
#: pattern searched in every document, by ``(class, attribute, pattern text)``.
_NEEDED_BY_BLOCK_PATTERN = {
    (blockprocessors.HashHeaderProcessor, "RE", blockprocessors.HashHeaderProcessor.RE.pattern): ("#",),
    (blockprocessors.BlockQuoteProcessor, "RE", blockprocessors.BlockQuoteProcessor.RE.pattern): (">",),
    (blockprocessors.SetextHeaderProcessor, "RE", blockprocessors.SetextHeaderProcessor.RE.pattern): ("\n=", "\n-"),
    (blockprocessors.HRProcessor, "SEARCH_RE", blockprocessors.HRProcessor.SEARCH_RE.pattern): ("-", "_", "*"),
    (FencedBlockPreprocessor, "FENCED_BLOCK_RE", FencedBlockPreprocessor.FENCED_BLOCK_RE.pattern): ("```", "~~~"),
}


class _QuickInline:
    """Mixin for Python-Markdown's inline tree processor: a text that holds none of the strings
    every inline pattern needs (:data:`_NEEDED_BY_PATTERN`) is returned as it is, without trying
    each pattern in turn (what the library would return: no pattern can match it).
    ``_needed`` is ``None`` (no shortcut) when some pattern's needed text is unknown."""

    _needed: tuple[str, ...] | None = None

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        needed = self._needed
        if needed is not None and not any(text in data for text in needed):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


#: Text of a heading that makes the ``toc`` processor's HTML of it differ from the text itself:
#: markup it escapes (``&``, ``<``, ``>``) and Python-Markdown's placeholders (STX/ETX).
_TOC_MARKUP = re.compile("[&<>\x02\x03]")


class _QuickToc:
    """Mixin for the ``toc`` tree processor: a document with no heading and no paragraph that is
    the ``[TOC]`` marker is left as it is, and the processor's empty table of contents is
    set as the library would (made once, from an empty document); in a document with headings
    but no marker text the marker is not searched for. When every heading is plain text (no
    child element, attribute, placeholder or character the serialiser escapes:
    :data:`_TOC_MARKUP`), ids are given by the library's rule without serialising each heading
    and the table of contents: the heading's HTML is its text stripped, its name that with runs
    of white space made one space, its id ``unique(slugify(name))`` among the document's ids
    (Python-Markdown 3.5–3.11 ``TocTreeprocessor.run``); ``md.toc_tokens`` are set as the
    library sets them and ``md.toc`` is made from them when read (:class:`_LazyToc`).

    Ids are numbered by :class:`sitegen.prose.BodyIds` (the library's numbering, in linear time:
    the library's ``unique`` counts up from ``_1`` for a repeat of ``x_2``); where the library's
    ``run`` gives them, its ``slugify`` hook returns each one numbered already, which the
    library's ``unique`` then keeps (:meth:`_numbered_run`)."""

    _empty: tuple[list, str] | None = None
    #: Whether the document being run holds a text that is the marker (else the library's
    #: search for it, which joins the text of every element, is skipped).
    _marker_seen = True

    def run(self, doc):
        marker, headings, given, self._marker_seen = self.marker, [], set(), False
        for element in doc.iter():
            if "id" in element.attrib:  # as the library gathers them
                given.add(element.attrib["id"])
            tag = element.tag
            if isinstance(tag, str) and self.header_rgx.match(tag):
                headings.append(element)
            elif marker and element.text and element.text.strip() == marker:
                self._marker_seen = True
        ids = BodyIds(given)
        if self._marker_seen or (headings and not self._plain(headings)):
            return self._numbered_run(doc, ids)
        if headings:
            return self._plain_ids(headings, ids)
        if self._empty is None:
            super().run(etree.Element("div"))
            self._empty = (self.md.toc_tokens, self.md.toc)
        tokens, self.md.toc = self._empty
        self.md.toc_tokens = list(tokens)
        return None

    def _plain(self, headings: list) -> bool:
        if self.use_anchors or self.use_permalinks not in (False, None) or not isinstance(self.md, _LazyToc):
            return False
        return all(len(h) == 0 and not h.attrib and not _TOC_MARKUP.search(h.text or "") for h in headings)

    def _numbered_run(self, doc, ids: BodyIds) -> None:
        """The library's ``run``, its ``slugify`` returning ``ids.heading`` of the slug: an id
        not given yet, kept as it is by the library's ``unique``."""
        slugify = self.slugify
        self.slugify = lambda value, separator: ids.heading(slugify(value, separator))
        try:
            return super().run(doc)
        finally:
            self.slugify = slugify

    def _plain_ids(self, headings: list, ids: BodyIds) -> None:
        tokens = []
        for element in headings:
            self.set_level(element)
            inner = (element.text or "").strip()
            name = " ".join(inner.split())
            element.attrib["id"] = ids.heading(self.slugify(name, self.sep))
            level = int(element.tag[-1])
            if self.toc_top <= level <= self.toc_bottom:
                tokens.append({"level": level, "id": element.attrib["id"], "name": name, "html": inner,
                               "data-toc-label": ""})
        self.md.toc_tokens = nest_toc_tokens(tokens)
        self.md.toc = _LazyToc.Pending(self)

    def replace_marker(self, root, elem) -> None:
        if self._marker_seen:
            super().replace_marker(root, elem)


class _LazyToc:
    """Mixin for the parser: its ``toc`` (the table of contents' HTML, which sitegen does not
    show) is made from ``toc_tokens`` when read, as ``TocTreeprocessor.run`` makes it, when
    :class:`_QuickToc` left it pending."""

    class Pending:
        def __init__(self, processor):
            self.processor = processor

    @property
    def toc(self):
        value = self.__dict__.get("_toc", "")
        if isinstance(value, _LazyToc.Pending):
            processor = value.processor
            value = self.serializer(processor.build_toc_div(self.toc_tokens))
            for postprocessor in self.postprocessors:
                value = postprocessor.run(value)
            self.__dict__["_toc"] = value
        return value

    @toc.setter
    def toc(self, value) -> None:
        self.__dict__["_toc"] = value


class _LinearHtmlExtractor(LinearStartTags, HTMLExtractor):
    """Python-Markdown's raw HTML extractor, its start tags found in linear time
    (:class:`sitegen.html_tags.LinearStartTags`)."""


class _QuickHtmlBlocks:
    """Mixin for the raw HTML block preprocessor: a document without ``<`` or ``&`` holds no
    HTML for it to stash, so its lines are returned as they are; another is read by
    :class:`_LinearHtmlExtractor` (``HtmlBlockPreprocessor.run`` of Python-Markdown 3.5–3.11
    with that extractor)."""

    def run(self, lines: list[str]) -> list[str]:
        if not any("<" in line or "&" in line for line in lines):
            return lines
        parser = _LinearHtmlExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


#: A line holding only spaces, after a line break (``NormalizeWhitespace``'s own pattern).
_SPACES_LINE = re.compile(r"(?<=\n) +\n")


class _QuickWhitespace(NormalizeWhitespace):
    """``NormalizeWhitespace`` that runs its blank-line regex (a lookbehind tried at every
    character) only when a line break is followed by a space."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        source = source.replace(util.STX, "").replace(util.ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(self.md.tab_length)
        if "\n " in source:
            source = _SPACES_LINE.sub("\n", source)
        return source.split("\n")


def _mix(instance, mixin) -> None:
    """Give ``instance`` the behaviour of ``mixin`` in front of its own class."""
    if not isinstance(instance, mixin):
        instance.__class__ = type(f"{mixin.__name__}{type(instance).__name__}", (mixin, type(instance)), {})


class _QuickScan(Extension):
    """Shortcuts that give Python-Markdown's own output, found sooner on prose without markup:
    inline and block patterns get a :class:`_NeedsText` pattern when their text is known
    (:data:`_NEEDED_BY_PATTERN`, :data:`_NEEDED_BY_BLOCK_PATTERN`), the inline processor skips
    texts none of them can match (:class:`_QuickInline`), and ``toc``, the raw HTML block
    preprocessor and ``NormalizeWhitespace`` skip documents they would leave as they are.
    Registered after every other extension, so it sees their processors too."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        needed: set[str] | None = set()
        for processor in md.inlinePatterns:
            compiled = getattr(processor, "compiled_re", None)
            if isinstance(compiled, re.Pattern) and compiled.pattern in _NEEDED_BY_PATTERN:
                processor.compiled_re = _NeedsText(compiled, _NEEDED_BY_PATTERN[compiled.pattern])
            if needed is not None and isinstance(getattr(processor, "compiled_re", None), _NeedsText):
                needed.update(processor.compiled_re.needed)
            else:
                needed = None
        for processor in [*md.parser.blockprocessors, *md.preprocessors]:
            for (kind, attribute, pattern), texts in _NEEDED_BY_BLOCK_PATTERN.items():
                compiled = getattr(processor, attribute, None)
                if isinstance(processor, kind) and isinstance(compiled, re.Pattern) and compiled.pattern == pattern:
                    setattr(processor, attribute, _NeedsText(compiled, texts))
        if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
            inline = md.treeprocessors["inline"]
            _mix(inline, _QuickInline)
            # A needed text that holds another one is implied by it ("![" by "[").
            inline._needed = None if needed is None else tuple(sorted(
                t for t in needed if not any(o != t and o in t for o in needed)))
        if "toc" in md.treeprocessors and type(md.treeprocessors["toc"]) is TocTreeprocessor:
            _mix(md.treeprocessors["toc"], _QuickToc)
        if "html_block" in md.preprocessors and type(md.preprocessors["html_block"]) is HtmlBlockPreprocessor:
            _mix(md.preprocessors["html_block"], _QuickHtmlBlocks)
        if "normalize_whitespace" in md.preprocessors and type(md.preprocessors["normalize_whitespace"]) is NormalizeWhitespace:
            md.preprocessors.register(_QuickWhitespace(md), "normalize_whitespace", 30)


_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "toc", _BodyHeadings(), _LinearLinks(), _QuickScan()]


_EXTENSION_CONFIGS = {"toc": {"slugify": heading_id, "permalink": False}}


_parser: markdown.Markdown | None = None


def _markdown_parser() -> markdown.Markdown:
    """This process's one Python-Markdown parser (building one costs as much as converting a
    short article); :meth:`markdown.Markdown.reset` clears its per-document state (toc ids,
    reference links, stashed HTML) before every use."""
    global _parser
    if _parser is None:
        _parser = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS,
                                    output_format="html")
        _mix(_parser, _LazyToc)
    return _parser.reset()


def convert(text: str) -> str:
    """Python-Markdown's HTML of ``text`` with :data:`_EXTENSIONS` (not sanitised)."""
    global _parser
    try:
        return _markdown_parser().convert(text)
    except BaseException:
        # A conversion cut short (RecursionError on deep nesting, Ctrl-C) leaves the block
        # parser's state stack unbalanced, which would drop paragraphs of every later body.
        _parser = None
        raise
