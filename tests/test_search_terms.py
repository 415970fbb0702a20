"""sitegen.search_terms: each word's search key, folded term and index term, and a query's key
without the stop terms (the search page's port of them is checked in tests/test_search.py)."""

from __future__ import annotations

import pytest

from sitegen.search_terms import folded_term, index_term, query_key, search_key


@pytest.mark.parametrize("word, expected", [
    ("وَالحُكومة", "حكومه"),
    ("بالبرلمـــان", "برلمان"),
    ("الصينى", "صيني"),
    ("٢٠٢٤", "2024"),
    ("ـ", "ـ"),  # folds to nothing: kept so every word keeps its place
])
def test_search_key_folds_then_strips_prefixes(word, expected):
    assert search_key(word) == expected


@pytest.mark.parametrize("word, term", [("وَالحُكومة،", "حكومه"), ("«COVID-19»", "covid19"), ("٢٠٢٤،", "2024"),
                                        ("…", ""), ("بالبرلمـــان.", "برلمان"), ("Café", "cafe"),
                                        ("snake_case", "snakecase"), ("پژوهش", "پژوهش")])
def test_folded_term_is_the_search_key_with_letters_and_digits_only(word, term):
    assert folded_term(word) == term


@pytest.mark.parametrize("word, code", [("وَالحُكومة،", "hkwmo"), ("«COVID-19»", "9c9o9v9i9d9199"), ("…", ""),
                                        ("٢٠٢٤", "92909294"), ("الضرائب", "2rayb")])
def test_index_term_is_the_folded_term_in_ascii_word_characters(word, code):
    assert index_term(word) == code


@pytest.mark.parametrize("query, key", [
    ("حملة في الموانئ", "hmlo mwany"),
    ("إلى التي، على", ""),  # function words only
    ("فى ومن", ""),
    ("أمام إمام يوم", "amam amam ywm"),  # folded like a content word, or a noun: kept
    ("« حكومة »", "hkwmo"),  # punctuation alone is no word
])
def test_query_key_drops_the_stop_terms(query, key):
    assert query_key(query) == key
