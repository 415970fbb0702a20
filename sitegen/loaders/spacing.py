"""A dump copied with a blank line after every line (:func:`single_spaced`).

Some copies of a page (another browser's, a mail client's, a CMS's plain-text export) put a
blank line between every two lines: menu items, headline, date and each line of the text
alike. The reader tells a menu from a headline, and a wrapped sentence from two paragraphs,
by which lines touch; in such a copy no lines touch and one blank line says nothing. The
page's own spacing shows it: nearly every two neighbouring lines have a blank line between.
Read such a page with one blank line taken out of every gap (two become one, which still
parts what the copy parted more)."""

from __future__ import annotations

from sitegen.arabic import strip_invisible
from sitegen.loaders.lines import cut_lines

#: A page is read as double-spaced when it has at least this many non-blank lines …
SPACED_MIN_LINES = 8
#: … and at most this share of its neighbouring non-blank lines touch (no blank between).
SPACED_MAX_TOUCHING = 0.05


def single_spaced(text: str) -> tuple[str, list[int]] | None:
    """For a double-spaced ``text``, ``(the text with one blank line taken out
    of every gap between non-blank lines, the 0-based line number in ``text`` of each of its
    lines)``; ``None`` when ``text`` is not double-spaced (most pages). Linear in ``len(text)``."""
    lines = cut_lines(text)
    filled = [i for i, line in enumerate(lines) if strip_invisible(line).strip()]  # a mark alone is blank too
    if len(filled) < SPACED_MIN_LINES:
        return None
    touching = sum(1 for a, b in zip(filled, filled[1:]) if b == a + 1)
    if touching > SPACED_MAX_TOUCHING * (len(filled) - 1):
        return None
    kept = list(range(filled[0]))
    for a, b in zip(filled, filled[1:]):
        kept.append(a)
        kept.extend(range(a + 2, b))  # the gap's first blank line dropped
    kept.extend(range(filled[-1], len(lines)))
    return "\n".join(lines[i] for i in kept), kept
