"""The dump reader's matching fold: the shared one (:data:`sitegen.arabic.MATCH_TABLE`) plus
what its date grammar and line keys need on top — Arabic comma and decimal separator → ``,``,
dashes → ``-``, ASCII lower-cased — still one character in and at most one out, so a match
maps back onto the original text (:func:`normalize_for_match`).

Apart from :mod:`sitegen.loaders.dates` (which re-exports both functions) so that what needs
only the fold — the line keys of :mod:`sitegen.loaders.line_text`, and through them the search
index's stop words — does not import the date grammar (~9 ms of every build's imports).
"""

from __future__ import annotations

from sitegen.arabic import MATCH_TABLE

__all__ = ["fold_for_match", "normalize_for_match"]

_TABLE: dict[int, str | None] = {
    **MATCH_TABLE,
    **{ord(k): v for k, v in {"،": ",", "٫": ",", "–": "-", "—": "-", "\u2010": "-",
                              "\u2011": "-", "\u2212": "-"}.items()},
    **{c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
}
_DROP = {chr(c) for c, v in _TABLE.items() if v is None}


def fold_for_match(text: str) -> str:
    """``text`` folded for matching (see :func:`normalize_for_match`), without the index map."""
    return text.translate(_TABLE)


def normalize_for_match(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, and for each kept character its index in ``text``.

    Folding: ASCII digits, no harakat/tatweel/invisible characters, one alef, ى→ي,
    ة→ه, Arabic comma → ``,``, dashes → ``-``, odd spaces → space, ASCII lower-cased.
    The index list lets a caller map a match span back onto the original text.
    """
    folded = fold_for_match(text)
    if len(folded) == len(text):
        return folded, list(range(len(text)))
    index = [i for i, ch in enumerate(text) if ch not in _DROP]
    return folded, index
