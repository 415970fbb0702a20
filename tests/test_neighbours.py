"""The lines around a line of a dump (sitegen.loaders.neighbours)."""

from __future__ import annotations

from datetime import timezone

from sitegen.loaders.lines import split_lines
from sitegen.loaders.neighbours import nonblank_above, nonblank_below, nonblank_between


def _texts(found):
    return [line.text for line in found]


def test_the_nearest_nonblank_lines_above_and_below_a_line():
    lines = split_lines("أ\n\nب\nج\n\n\nد\nهـ\n\nو", timezone.utc, frozenset())
    at = next(line.index for line in lines if line.text == "د")
    assert _texts(nonblank_above(lines, at, 2)) == ["ب", "ج"]
    assert _texts(nonblank_above(lines, at, 9)) == ["أ", "ب", "ج"]  # fewer at the top of the page
    assert _texts(nonblank_below(lines, at, 1)) == ["هـ"]
    assert _texts(nonblank_below(lines, at, 9)) == ["هـ", "و"]
    # the same lines as «fewer than COUNT non-blank lines between» picks
    assert _texts(nonblank_above(lines, at, 2)) == [l.text for l in lines[:at]
                                                    if not l.blank and nonblank_between(lines, l.index, at) < 2]


def test_a_date_line_far_above_thousands_of_dated_lines_is_looked_at_once():
    # pick_date summed the lines between every date above the headline and the headline: a page of
    # 4,000 dated rows took 0.76 s, growing with the square; it now walks back ten lines at most
    lines = split_lines("\n".join(f"موعد {i}: {1 + i % 28} ديسمبر 2026" for i in range(4000)),
                        timezone.utc, frozenset())
    assert len(nonblank_above(lines, len(lines), 10)) == 10
    assert nonblank_above(lines, len(lines), 10)[0].index == 3990
