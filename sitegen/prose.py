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


def unique_id(anchor: str, given: set[str]) -> str:
    """``anchor``, or when ``given`` (the ids an article body gave so far) holds it, the first of
    ``anchor_1``, ``anchor_2`` … that neither it nor the theme (:data:`THEME_IDS`) holds, as
    Python-Markdown's ``toc`` numbers a repeated heading; noted in ``given``."""
    found, number = anchor, 0
    while found in given or found in THEME_IDS:
        number += 1
        found = f"{anchor}_{number}"
    given.add(found)
    return found


def heading_id(text: str, separator: str = "-") -> str:
    """The anchor of a heading: Arabic letters kept, diacritics and tatweel dropped as in
    slugs (so ``## الأخبـــار`` is ``#الأخبار``), then Python-Markdown's ``slugify_unicode``;
    one of the theme's own ids gets ``_1`` (:func:`body_id`: ``## Main`` is ``#main_1``)."""
    from markdown.extensions.toc import slugify_unicode  # the library's rule, imported where a heading is

    return body_id(slugify_unicode(strip_tatweel(strip_tashkeel(text)), separator))
