"""sitegen.term_code: folded index terms in ASCII word characters, one-to-one and prefix-preserving."""

from __future__ import annotations

import random
import string

import pytest

from sitegen.arabic import fold_for_matching
from sitegen.term_code import ASCII_ESCAPE, END, LETTERS, OTHER_ESCAPE, SYMBOLS, decode, term_code


@pytest.mark.parametrize("term, code", [
    ("حكومه", "hkwmo"),
    ("ضرائب", "2ra" + "8017q" + "b"),  # ئ (U+0626 = 1·36² + 7·36 + 26) is folded before coding: here «any other»
    ("covid19", "9c9o9v9i9d9199"),
    ("2024", "92909294"),
    ("پژوهش", "801a6" + "801aw" + "woc"),  # Persian پ (U+067E = 1·36² + 10·36 + 6) and ژ (U+0698)
    ("", ""),
])
def test_term_code_writes_each_character_as_its_codeword(term, code):
    assert term_code(term) == code


def test_every_letter_left_by_the_arabic_fold_has_a_one_character_codeword():
    alphabet = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    assert set(LETTERS) == set(alphabet)
    assert set(fold_for_matching("أإآٱىةؤئ")) <= set(alphabet)  # the folded forms are letters of it
    assert all(len(LETTERS[c]) == 1 and LETTERS[c] in SYMBOLS for c in alphabet)


def _codewords() -> dict[str, str]:
    chars = list(LETTERS) + list(string.ascii_lowercase + string.digits) + list("ABZ_-éپ東😀\U0010ffff")
    return {c: term_code(c) for c in chars}


def test_no_codeword_starts_another_nor_the_end_and_all_are_ascii_word_characters():
    words = list(_codewords().values()) + [END]
    assert len(set(words)) == len(words)  # one codeword per character, none the end's
    for a in words:
        assert a and set(a) <= set(SYMBOLS)
        for b in words:
            assert a == b or not b.startswith(a), (a, b)


def test_ascii_letters_and_digits_never_read_as_arabic_letters():
    # Regression guard for the design: «g20» must not code like an Arabic word.
    assert ASCII_ESCAPE not in LETTERS.values() and OTHER_ESCAPE not in LETTERS.values() and END not in LETTERS.values()
    assert term_code("g20") == "9g9290" != term_code("غض")
    assert decode(term_code("g20")) == "g20"


def _random_terms(count: int = 400) -> list[str]:
    pool = "".join(LETTERS) + "abcxyz0189" + "éپ東_😀"
    rng = random.Random(7)
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 8))) for _ in range(count)]


def test_code_is_one_to_one_and_decodes_back():
    terms = set(_random_terms())
    codes = {term_code(t) for t in terms}
    assert len(codes) == len(terms)
    assert all(decode(term_code(t)) == t for t in terms)


def test_a_term_starts_another_exactly_when_its_code_starts_the_others_code():
    terms = _random_terms(150)
    terms += [t[:k] for t in terms[:50] for k in range(len(t))]  # make sure true prefixes are many
    for s in terms:
        for t in terms:
            assert t.startswith(s) == term_code(t).startswith(term_code(s)), (s, t)


@pytest.mark.parametrize("code", ["0", "9", "8zz", "8zzzz", "1", "h0", "A"])
def test_decode_refuses_what_no_term_codes_to(code):
    with pytest.raises(ValueError):
        decode(code)
