"""The record of one line of a dump (:class:`Line`): its text, its key for comparisons and the
features :mod:`sitegen.loaders.lines` and :mod:`sitegen.loaders.widgets` describe it by, then
the role the reader gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen.loaders import bylines, chrome, line_text
from sitegen.loaders.header import DateLine

#: A punctuated line of this many words reads as prose (bodyrun.PROSE_MIN_WORDS).
PROSE_LINE_MIN_WORDS = 8


@dataclass
class Line:
    """One line of a dump and its features.

    ``index`` is 0-based; ``orig`` the line as given, ``raw`` without NUL, BOM and invisible
    marks (bidi marks, zero-width space: :func:`~sitegen.loaders.lines.split_lines`), ``text``
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
