"""The lines around a line of a dump: the non-blank line before or after it, the first or
last prose line of a span, and how many non-blank lines stand between two lines.

``lines`` is always the whole page (:func:`sitegen.loaders.lines.split_lines`), indexed by
:attr:`~sitegen.loaders.lines.Line.index`; spans are ``lines[lo:hi]``, ``hi`` exclusive.
"""

from __future__ import annotations

from sitegen.loaders.lines import Line


def nonblank_between(lines: list[Line], lo: int, hi: int) -> int:
    """How many non-blank lines stand strictly between lines ``lo`` and ``hi``."""
    return sum(1 for line in lines[lo + 1:hi] if not line.blank)


def nonblank_above(lines: list[Line], index: int, count: int) -> list[Line]:
    """The ``count`` non-blank lines nearest above line ``index`` (fewer at the top of the
    page), top to bottom: those with fewer than ``count`` non-blank lines between them and it.
    Walks back only that far, so a page of thousands of lines costs no more."""
    found: list[Line] = []
    at = index - 1
    while at >= 0 and len(found) < count:
        if not lines[at].blank:
            found.append(lines[at])
        at -= 1
    return found[::-1]


def nonblank_below(lines: list[Line], index: int, count: int) -> list[Line]:
    """The ``count`` non-blank lines nearest below line ``index`` (fewer at the end of the
    page), top to bottom; as :func:`nonblank_above`, walking no further."""
    found: list[Line] = []
    at = index + 1
    while at < len(lines) and len(found) < count:
        if not lines[at].blank:
            found.append(lines[at])
        at += 1
    return found


def first_prose(lines: list[Line], lo: int, hi: int) -> Line | None:
    """The first line of ``lines[lo:hi]`` that scores as prose, else ``None``."""
    return next((line for line in lines[lo:hi] if line.score > 0), None)


def last_prose(lines: list[Line], lo: int, hi: int) -> Line | None:
    """The last line of ``lines[lo:hi]`` that scores as prose, else ``None``."""
    return next((line for line in reversed(lines[lo:hi]) if line.score > 0), None)


def previous_line(lines: list[Line], index: int) -> Line | None:
    """The nearest non-blank line above line ``index``, else ``None``."""
    return next((l for l in reversed(lines[:index]) if not l.blank), None)


def next_line(lines: list[Line], index: int) -> Line | None:
    """The nearest non-blank line below line ``index``, else ``None``."""
    return next((l for l in lines[index + 1:] if not l.blank), None)
