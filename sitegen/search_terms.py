"""Search terms: the form under which the search index holds each word and a query looks it up.

A word's term is its :func:`search_key` (diacritics, tatweel, alef forms, alef maqsura, taa
marbuta and Arabic-Indic digits folded, the prefixes و, ال, بال … removed) with only its
letters and digits (:func:`folded_term`), written in ASCII word characters by a one-to-one,
prefix-preserving code (:func:`index_term`; :mod:`sitegen.term_code`: Pagefind indexes ASCII
words at less cost) and ended by :data:`TERM_END`. The Arabic function words
(:data:`STOP_TERMS`) are neither indexed nor looked up. The search page
(``static/js/search.js``) turns a query into the same terms with a port of these rules
(:func:`query_key`), which tests/test_search.py checks against them in the browser.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from sitegen.arabic import fold_for_matching, strip_prefixes
from sitegen.loaders.line_text import FUNCTION_WORDS
from sitegen.term_code import END, term_code


@lru_cache(maxsize=1 << 18)  # news vocabulary repeats: most words of a build are cache hits
def search_key(word: str) -> str:
    """The form under which one word is indexed and looked up: :func:`fold_for_matching`
    then :func:`strip_prefixes` (``"وَالحُكومة"`` → ``"حكومه"``). A word that folds to nothing
    (a lone tatweel or diacritic) stays as written, so every word keeps its place."""
    folded = fold_for_matching(word)
    return strip_prefixes(folded) if folded else word


@lru_cache(maxsize=1 << 18)
def folded_term(word: str) -> str:
    """The :func:`search_key` of ``word`` with only its letters and digits, a word not all
    ASCII first decomposed (NFD) so that its marks go too, as Pagefind does to the words it
    indexes (``"مصرَ،"`` → ``"مصر"``, ``"«COVID-19»"`` → ``"covid19"``, ``"café"`` →
    ``"cafe"``); ``""`` when none is left. What :func:`index_term` codes, in letters a reader
    can read (:data:`STOP_TERMS` are these forms)."""
    key = search_key(word)
    if not key.isascii():
        key = unicodedata.normalize("NFD", key)
    return "".join(c for c in key if unicodedata.category(c)[0] in "LN")


@lru_cache(maxsize=1 << 18)
def index_term(word: str) -> str:
    """The term under which Pagefind indexes ``word`` and looks it up: its :func:`folded_term`
    in ASCII word characters (:func:`sitegen.term_code.term_code`: one-to-one, and a prefix
    of a term codes to a prefix of its code), ``"وَالحُكومة،"`` → ``"hkwmo"``; ``""`` when
    the word has no letter or digit."""
    return term_code(folded_term(word))


#: Function words whose folded form is also a content word (أمام/إمام, إثر/أثر, عبر/عبّر) or
#: that are nouns a reader may look for (يوم, وسط, داخل, خارج, قرب): indexed like any word.
_NOT_STOPPED = frozenset({"امام", "اثر", "عبر", "يوم", "وسط", "داخل", "خارج", "قرب"})
#: The :func:`folded_term` forms of the Arabic function words (:data:`FUNCTION_WORDS`: في، من،
#: على، التي …) that are not indexed: nearly every article holds them, so they cost Pagefind
#: ~10% of its work (measured: bench/RESULTS.md) and select nothing. :func:`query_key` drops
#: them from a query the same way (``static/js/search.js`` holds the same list).
STOP_TERMS = frozenset(folded_term(word) for word in FUNCTION_WORDS) - _NOT_STOPPED - {""}


#: Pagefind's language for every record: a tag it has no stemmer for (``und``: undetermined,
#: BCP 47), so it indexes and looks up the coded terms (:func:`index_term`) as given: any
#: stemmer would cut the ASCII codes as if they were words of its language (an English one
#: takes a final ``s`` or ``ing`` off). Its Arabic stemmer was not needed for the variant
#: classes of issue 11 either (the terms are folded already: :func:`search_key`), and it
#: stemmed a query word to its longest *indexed* prefix when no indexed word extends it
#: («مدارس» → the page holding «مدي»), which, with each part of a main bundle
#: (:func:`~sitegen.search_bundle.index_parts`) looked up on its own, found unrelated
#: articles in the parts without the word. Without it, a query word finds the terms that
#: start with it.
INDEX_LANGUAGE = "und"
#: Ends every indexed term (:data:`sitegen.term_code.END`, the codeword of no character):
#: no indexed term is then a prefix of a query word, so Pagefind never falls back to a
#: shorter word than the one asked for (its lookup takes the longest indexed prefix of a
#: word that no indexed term extends), while a word still finds every term it begins
#: («حكوم» → «حكومه» + end). The search page strips it from the terms.
TERM_END = END


def query_key(query: str) -> str:
    """What the search page asks Pagefind for ``query``: the :func:`index_term` of each of its
    words (split at whitespace) whose :func:`folded_term` is neither empty nor one of the
    :data:`STOP_TERMS`, joined by one space; ``""`` when no word is left."""
    terms = (folded_term(word) for word in query.split())
    return " ".join(term_code(term) for term in terms if term and term not in STOP_TERMS)
