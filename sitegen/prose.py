"""Markdown that is only prose: paragraphs and ``#`` headings with no markup in their text.

Most article bodies are such prose. Python-Markdown turns them into ``<p>`` and ``<hN>``
elements whose text is the source's, but spends ~0.5 ms a body getting there (block
processors tried on every block, inline patterns on every paragraph, an ElementTree
serialised); :func:`prose_blocks` reads such a body in one pass instead, and
:func:`sitegen.markup.markdown_to_html` writes the same HTML from it. Anything else (any
markup character, an indented or list-like line, a heading glued to a paragraph) gives
``None``: the body goes through Python-Markdown as before.
"""

from __future__ import annotations

import re

from sitegen.arabic import strip_tashkeel, strip_tatweel

#: A character after which Python-Markdown may write anything but the text as it is:
#: markup (``*`` ``_`` emphasis, `````` ``~`` code, ``[`` ``]`` links and references, ``<``
#: HTML and autolinks, ``>`` quotes, ``|`` tables, ``{`` ``}`` attributes, ``\\`` escapes,
#: ``&`` entities; ``<``, ``>`` and ``&`` are also escaped in text), tabs (expanded, and
#: indentation), controls (CR is a line break; STX and ETX are Python-Markdown's own
#: placeholders), U+00A0 (the sanitiser writes ``&nbsp;``), U+FEFF, surrogates and noncharacters
#: (the characters :data:`sitegen.markup._NOT_PLAIN` sends to the sanitiser are all here).
NOT_PROSE = re.compile(r"[<>&\[\]\\|{}`~*_\t\x00-\x08\x0b-\x1f\x7f-\x9f\xa0\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff]")
#: The start of an ordered list item (Python-Markdown's ``\d``: any Unicode decimal digit).
_NUMBERED = re.compile(r"\d+\.")
#: First characters of a line that may start a heading, list, rule or setext underline.
_BLOCK_MARKS = frozenset("#=-+")


def prose_blocks(text: str) -> list[tuple[int, str]] | None:
    """``(level, text)`` of each block of a Markdown body that is only prose, in order:
    level 0 for a paragraph (its lines joined by ``\\n`` as written), 1–6 for a heading
    written ``# text`` … ``###### text`` (the number of ``#``). ``None`` when the body is
    anything else or holds no block; then only Python-Markdown says what it is.

    A prose body holds no character of :data:`NOT_PROSE`; its blocks are separated by empty
    lines; no line starts or ends with white space (indented code, lazy list lines, ``"  "``
    line breaks) or starts with ``#``, ``=``, ``-``, ``+`` or digits and a dot (headings,
    setext underlines, rules, lists) — except a heading, which is a block of one line: one to
    six ``#``, one space and a text that neither starts nor ends with white space nor ends
    with ``#`` (Python-Markdown would drop closing hashes). Such blocks are what
    Python-Markdown makes ``<p>`` and ``<hN>`` of with their text unchanged (nothing in them
    can match an inline pattern, and no text needs escaping); tests/test_prose.py checks the
    HTML of :func:`sitegen.markup.markdown_to_html` against Python-Markdown's on generated text.
    """
    if NOT_PROSE.search(text) is not None:
        return None
    blocks: list[tuple[int, str]] = []
    lines: list[str] = []  # of the paragraph being read
    after_heading = False  # the last line was a heading: the next must be empty
    for line in text.split("\n"):
        if not line:
            if lines:
                blocks.append((0, "\n".join(lines)))
                lines = []
            after_heading = False
            continue
        if after_heading or line[0].isspace() or line[-1].isspace():
            return None
        if line[0] in _BLOCK_MARKS or _NUMBERED.match(line):
            level = _heading_level(line)
            if not level or lines:
                return None
            blocks.append((level, line[level + 1:]))
            after_heading = True
            continue
        lines.append(line)
    if lines:
        blocks.append((0, "\n".join(lines)))
    return blocks or None


def _heading_level(line: str) -> int:
    """The number of ``#`` of a prose heading line (see :func:`prose_blocks`), else 0."""
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or len(line) < level + 2 or line[level] != " ":
        return 0
    text = line[level + 1:]
    return 0 if text[0].isspace() or text.endswith("#") else level


#: The ids the theme's templates give their own elements: ``<main id="main">`` (the skip link's
#: target), the search boxes and the search page, the ticker's label. An id in an article body
#: never takes one of them (:func:`body_id`): the page would hold it twice (HTML Living Standard
#: §3.2.6.1: an id is unique in its tree) and ``#main`` would lead to the heading, not the main
#: content. tests/test_theme.py checks this set against every ``id`` written in templates/.
THEME_IDS = frozenset({"main", "search", "search-query", "site-search-box", "ticker-label"})


def body_id(anchor: str) -> str:
    """``anchor`` as an id in an article body: itself, or ``anchor_1`` when the theme uses it
    (:data:`THEME_IDS`), as if the theme's element were an earlier heading of that name
    (Python-Markdown's ``toc`` numbers a repeated one ``_1``, ``_2``, …)."""
    return f"{anchor}_1" if anchor in THEME_IDS else anchor


#: An id ending in a number (``x_2``): Python-Markdown's ``toc`` numbers a repeat of it on from
#: that number (``x_3``), not from ``x_2_1`` (its ``IDCOUNT_RE``).
_NUMBERED_ID = re.compile(r"^(.*)_([0-9]+)$")


class BodyIds:
    """The ids one article body has given so far (``given``), and the id its next heading or
    element gets, so that none repeats (HTML Living Standard §3.2.6.1: an id is unique in its
    tree): :meth:`heading` numbers as Python-Markdown's ``toc`` does
    (``markdown.extensions.toc.unique``), :meth:`raw` as the sanitiser's filter does for raw
    HTML ids. The ids are the rules' ids, byte for byte; the time is not: the rules count up from
    ``_1`` on every repeat (10,000 ``## تحديث`` cost 50 million tries), while here every
    ``base_N`` found taken is passed only once (:meth:`_free`)."""

    def __init__(self, given=()):
        self.given: set[str] = set(given)
        #: ``(base, n)`` → ``m`` (``m > n``) when ``base_n`` … ``base_{m-1}`` are all given.
        self._after: dict[tuple[str, int], int] = {}

    def heading(self, anchor: str) -> str:
        """``anchor`` (a heading's slug), or when it is given already or empty, the first free
        ``base_N`` after it: ``base`` and ``N`` are ``anchor`` and 0, or its parts when it ends in
        ``_N`` itself (``x_2`` → ``x_3``), as Python-Markdown's ``toc``; noted as given."""
        if anchor in self.given or not anchor:
            numbered = _NUMBERED_ID.match(anchor)
            base, number = (numbered[1], int(numbered[2])) if numbered else (anchor, 0)
            anchor = self._free(base, number + 1)
        self.given.add(anchor)
        return anchor

    def raw(self, anchor: str) -> str:
        """``anchor`` (a raw HTML element's id), or when it is given already or is one of the
        theme's (:data:`THEME_IDS`), the first free of ``anchor_1``, ``anchor_2`` …; noted as
        given. (No theme id ends in ``_N``, so none of these is one.)"""
        if anchor in self.given or anchor in THEME_IDS:
            anchor = self._free(anchor, 1)
        self.given.add(anchor)
        return anchor

    def _free(self, base: str, number: int) -> str:
        """The first ``base_N`` not given with ``N >= number``, which the caller gives. Runs of
        ids known to be given are jumped over and the jumps made longer (path compression, as in
        a union-find forest), so repeats of one id cost a few steps each, not one per repeat."""
        passed = []
        while True:
            after = self._after.get((base, number))
            if after is None:
                if f"{base}_{number}" not in self.given:
                    break
                after = number + 1
            passed.append(number)
            number = after
        for taken in (*passed, number):  # the one found is given next, by the caller
            self._after[(base, taken)] = number + 1
        return f"{base}_{number}"


def heading_id(text: str, separator: str = "-") -> str:
    """The anchor of a heading: Arabic letters kept, diacritics and tatweel dropped as in
    slugs (so ``## الأخبـــار`` is ``#الأخبار``), then Python-Markdown's ``slugify_unicode``;
    one of the theme's own ids gets ``_1`` (:func:`body_id`: ``## Main`` is ``#main_1``)."""
    from markdown.extensions.toc import slugify_unicode  # the library's rule, imported where a heading is

    return body_id(slugify_unicode(strip_tatweel(strip_tashkeel(text)), separator))
