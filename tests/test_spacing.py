"""sitegen.loaders.spacing: a copy with a blank line after every line, read without them."""

from __future__ import annotations

from sitegen.loaders.spacing import single_spaced

LINES = ["الرئيسية", "سياسة", "اقتصاد", "رياضة", "عنوان الخبر الرئيسي اليوم", "الأحد 3 مارس 2024",
         "الفقرة الأولى من الخبر.", "الفقرة الثانية من الخبر.", "الفقرة الثالثة من الخبر."]


def test_a_blank_line_after_every_line_is_taken_out_and_the_line_numbers_kept():
    text = "\n\n".join(LINES)
    tight, kept = single_spaced(text)
    assert tight == "\n".join(LINES)
    assert kept == list(range(0, 2 * len(LINES) - 1, 2))


def test_two_blank_lines_in_a_double_spaced_copy_become_one():
    text = "\n\n".join(LINES[:6]) + "\n\n\n" + "\n\n".join(LINES[6:]) + "\n"
    tight, kept = single_spaced(text.replace("\n", "\r\n"))
    assert tight == "\n".join(LINES[:6]) + "\n\n" + "\n".join(LINES[6:]) + "\n"
    assert [text.split("\n")[i] for i in kept] == tight.split("\n")


def test_a_page_whose_lines_touch_is_read_as_it_is():
    assert single_spaced("\n".join(LINES[:4]) + "\n\n" + "\n\n".join(LINES[4:])) is None  # a menu's lines touch
    assert single_spaced("\n\n".join(LINES[:5])) is None  # too few lines to tell


def test_a_blank_line_holding_only_a_bidi_mark_is_blank():
    # found by an adversarial review (2026-12-05): «\n\u200f\n» between lines (a copy of a
    # direction-marked page) was no gap, and the copy was read as if its lines touched
    tight, kept = single_spaced("\n\u200f\n".join(LINES))
    assert tight == "\n".join(LINES)
    assert kept == list(range(0, 2 * len(LINES) - 1, 2))
