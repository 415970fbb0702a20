"""sitegen.flatyaml: flat front matter read without YAML (issue 10) must give YAML's value."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import SitegenError
from sitegen import flatyaml
from sitegen.flatyaml import load_flat
from sitegen.yamlsafe import load_yaml


def _yaml(lines: list[str]):
    try:
        return load_yaml("\n".join(lines), "x.md")
    except SitegenError:
        return "error"


def test_an_articles_flat_front_matter_is_read_without_yaml():
    lines = ['title: "وزير الأمن: يشيد # بدور"', "date: 2024-10-14T17:21:13+03:00", "slug: news-006262",
             'tags: ["العاصمة", "المصرى مُنذ"]', "draft: true", "weight: 12", "featured: FALSE", "",
             "subtitle: نص عربي بلا علامات", "aliases: []", "flag: yes", 'title: "آخر"']
    data = load_flat(lines)
    assert data == {"title": "آخر", "date": "2024-10-14T17:21:13+03:00", "slug": "news-006262",
                    "tags": ["العاصمة", "المصرى مُنذ"], "draft": True, "weight": 12, "featured": False,
                    "subtitle": "نص عربي بلا علامات", "aliases": [], "flag": "yes"}
    assert list(data) == list(_yaml(lines))  # a repeated key keeps its first place, as in YAML
    assert data == _yaml(lines)


@pytest.mark.parametrize("line", [
    "title: عاجل: خبر",        # ": " in a plain value (YAML refuses it; the loader repairs it)
    "title: خبر # تعليق",       # a comment
    'title: "قال \\"نعم\\""',   # escapes
    "title: 'نص'",              # single quotes
    "count: 1.5", "note: null", "note: ~",  # floats, nulls: YAML's
    "true: x", "null: x",       # keys that are not text
    " title: x", "title: x ", "title:\tx", "title:x", "title:",  # white space, no value
    "- item", "# comment", "title: |", "title: >", "title: &a x", "title: *a", "title: !!str 5",
    "tags: [a, b]", 'tags: ["a" "b"]', 'tags: ["a",, "b"]', 'tags: ["a", "b"', "title: \x85x", "title: x\u2028y",
])
def test_anything_not_flat_goes_to_yaml(line):
    assert load_flat(["slug: s", line]) is None


def test_too_many_values_go_to_yaml():
    # load_yaml refuses a document past MAX_VALUES values: the shortcut must not accept it.
    assert load_flat(["tags: [" + ", ".join(['"t"'] * 100_000) + "]"]) is None


_PIECES = ["title", "tags", "draft", "true", "null", "x", "نص", "عاجل", "2024-10-14", "T17:21", "+03:00", "1", "0",
           "-5", "1.5", "yes", "TRUE", "False", ": ", ":", " ", "  ", '"', "'", "#", " #", "[", "]", ", ", ",", "\\",
           "-", "~", "&", "*", "!", "|", ">", "%", "@", "`", "{", "}", "\t", "\u2028", "\x85", "\ufeff", "\x01",
           "\ud800", "\ufffe"]
_LINES = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join)
_FLAT_LINES = st.tuples(st.sampled_from(["title", "tags", "draft", "a-b", "k_1", "true", "x"]),
                        st.sampled_from([": ", ":  ", ":"]),
                        st.one_of(_LINES, _LINES.map(lambda v: f'"{v}"'),
                                  st.lists(_LINES.map(lambda v: f'"{v}"'), max_size=3).map(lambda v: f"[{', '.join(v)}]"))
                        ).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(_FLAT_LINES, st.just("")), min_size=1, max_size=6))
def test_flat_front_matter_is_what_yaml_reads(lines):
    data = load_flat(lines)
    if data is not None:
        expected = _yaml(lines)
        assert data == expected
        assert [(k, type(v)) for k, v in data.items()] == [(k, type(v)) for k, v in expected.items()]


def test_an_integer_past_pythons_digit_limit_goes_to_yaml():
    # Regression (tests/test_hostile.py huge-int.md): int() refuses 4,301 digits; load_yaml
    # reports it as yaml-syntax, so the shortcut must leave it to YAML, not raise.
    assert load_flat(["n: " + "9" * 5000]) is None


def test_not_flat_is_every_character_outside_the_printable_set_but_the_line_breaks_and_bom():
    # Spelled as the ranges outside the set (cheaper to compile at import): it must be the same
    # characters, YAML 1.1 §5.1's printable set without U+0085, U+2028, U+2029 and U+FEFF.
    def flat(code: int) -> bool:
        return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0x2027 or 0x202A <= code <= 0xD7FF
                or 0xE000 <= code <= 0xFEFE or 0xFF00 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF)

    wrong = [code for code in range(0x110000) if (flatyaml._NOT_FLAT.match(chr(code)) is None) != flat(code)]
    assert wrong == []
