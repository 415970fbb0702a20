"""Arabic text rules: invisible characters, diacritics, digits, whitespace, slugs, words.

Standard library only (plus python-slugify for the final slug step). Character
classes follow the Unicode Standard: Arabic harakat are U+064B–U+065F and U+0670
(Unicode ch. 9.2, "Arabic"), tatweel is U+0640, bidi controls are those of
UAX #9 §2 (explicit formatting characters).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from slugify import slugify as _python_slugify

#: Zero-width characters, bidi controls (UAX #9), BOM and soft hyphen: never part of
#: a title, slug, tag or URL.
INVISIBLE = (
    "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
#: Arabic diacritics: harakat, shadda, sukun, superscript alef and Quranic marks (U+064B–U+065F,
#: U+0670, U+06D6–U+06ED).
TASHKEEL = "".join(map(chr, [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]))
#: Space characters that are not U+0020 but mean a space to a reader.
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

# Regular expressions rather than str.translate with a dict: translate walks every
# character in Python-level lookups and dominated build profiles.
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
#: What :func:`clean_inline` drops: :data:`INVISIBLE` but the zero-width joiner and non-joiner,
#: which change what a reader sees (a ZWNJ keeps two letters apart, as Persian writes ``می‌خواهم``;
#: a ZWJ joins emoji into one, 👨‍👩‍👧: Unicode 15, §23.2 "Layout Controls").
_DROPPED_INLINE_RE = re.compile(f"[{INVISIBLE.replace(chr(0x200C), '').replace(chr(0x200D), '')}]")
_ODD_SPACE_RE = re.compile(f"[{ODD_SPACES}]")
_TASHKEEL = re.compile(f"[{TASHKEEL}]")
_TATWEEL = "\u0640"
_WS_RUN = re.compile(r"[ \t\f\v]+")

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_FOLD_DIGITS = str.maketrans(ARABIC_INDIC_DIGITS + PERSIAN_DIGITS, "0123456789" * 2)
_TO_ARABIC_INDIC = str.maketrans("0123456789", ARABIC_INDIC_DIGITS)

SLUG_MAX_CHARS = 80


#: Code points that XML 1.0 does not allow anywhere in a document (§2.2, production [2] Char:
#: only #x9, #xA, #xD, #x20–#xD7FF, #xE000–#xFFFD and #x10000–#x10FFFF are characters).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_xml_forbidden(text: str) -> str:
    """``text`` without the code points XML 1.0 forbids (§2.2 Char): C0 controls other than
    tab, LF and CR, lone surrogates, and the non-characters U+FFFE and U+FFFF. Applied once
    where text enters (content files, ``site.yaml``), so feeds and sitemaps can hold any of it."""
    return _XML_FORBIDDEN.sub("", text)


def strip_invisible(text: str) -> str:
    """``text`` without zero-width characters, bidi controls, BOM and soft hyphens."""
    return _INVISIBLE_RE.sub("", text)


def normalize_spaces(text: str) -> str:
    """NBSP and the other Unicode spaces become U+0020; tabs and runs collapse to one space.

    Newlines are kept. Ends are not trimmed.
    """
    return _WS_RUN.sub(" ", _ODD_SPACE_RE.sub(" ", text))


def clean_inline(text: str) -> str:
    """One-line display text: NFC, no invisible characters (but the joiners ZWJ and ZWNJ,
    which a reader sees the effect of), single spaces, trimmed.

    Diacritics and tatweel are kept (they are part of what the editor wrote). Used
    for titles, subtitles, tags, section and author names.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # No invisible character (each is a format character, not printable) and no white
        # space but single inner U+0020 spaces: already clean (most titles and paragraphs),
        # without a scan for invisible characters and a split into words.
        return text
    if _DROPPED_INLINE_RE.search(text):
        text = _DROPPED_INLINE_RE.sub("", text)
    return " ".join(text.split())  # str.split() splits on NBSP and every Unicode space


def strip_tashkeel(text: str) -> str:
    """``text`` without Arabic diacritics (harakat, shadda, sukun, Quranic marks)."""
    return _TASHKEEL.sub("", text)


def strip_tatweel(text: str) -> str:
    """``text`` without the kashida/tatweel elongation character U+0640."""
    return text.replace(_TATWEEL, "")


def fold_digits(text: str) -> str:
    """Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) digits → ASCII digits."""
    return text.translate(_FOLD_DIGITS)


def to_arabic_indic(text: str) -> str:
    """ASCII digits → Arabic-Indic digits (CLDR numbering system ``arab``)."""
    return text.translate(_TO_ARABIC_INDIC)


def slugify(text: str, fallback_seed: str = "") -> str:
    """A URL slug that keeps Arabic letters: ``"مُكافحة الإرهاب"`` → ``"مكافحة-الإرهاب"``.

    Diacritics, tatweel and invisible characters are removed first so a word stays
    one word; NBSP separates words; Latin letters are lower-cased (python-slugify
    with ``allow_unicode=True``); at most :data:`SLUG_MAX_CHARS` characters, cut at
    a word boundary. Never empty: text with no letter or digit gives
    ``article-<8 hex of sha1(fallback_seed or text)>``.
    """
    cleaned = strip_tatweel(strip_tashkeel(clean_inline(text)))
    slug = _python_slugify(
        cleaned, allow_unicode=True, max_length=SLUG_MAX_CHARS, word_boundary=True, save_order=True
    )
    if slug:
        return slug
    digest = hashlib.sha1((fallback_seed or text).encode("utf-8")).hexdigest()[:8]
    return f"article-{digest}"


#: A token with no letter or digit, in tokens joined by single spaces with a space on each side
#: (each match starts at a space: the search jumps from space to space instead of trying a
#: lookbehind at every character). ``[\W_]`` also takes a space, but the lazy repeat stops at
#: the first space after a token, so a match never runs into the next one; one class in a
#: lazy repeat is ~40% quicker than the alternation ``(?:[^\w ]|_)+`` (bench/RESULTS.md).
_NON_WORD_TOKEN = re.compile(r" [\W_]+?(?= )")


def count_words(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens holding at least one letter or digit.

    Arabic punctuation (``،`` ``؛`` ``؟``) is not a word and does not split words.
    """
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())  # split() splits on NBSP and every Unicode space
    # ``text`` now holds words joined by single U+0020 spaces (``isprintable`` is false for
    # every other white space character). Clean text, such as the loader's blocks, is counted
    # without splitting it into ~1,000 strings an article.
    return count_clean_words((text,))


def count_clean_words(texts: Iterable[str]) -> int:
    """:func:`count_words` of ``texts`` joined by spaces, for texts as :func:`clean_inline`
    leaves them (single inner U+0020 spaces and no other white space, trimmed, none empty):
    what the Markdown loader's blocks are. Such text is not looked over for other white space
    (a third of :func:`count_words`' time on an article's ~5,500 characters); other text gives
    a wrong count."""
    text = " ".join(texts)
    if not text:
        return 0
    # One token more than spaces, less those with no letter or digit.
    return text.count(" ") + 1 - len(_NON_WORD_TOKEN.findall(" " + text + " "))


def arabic_share(text: str) -> float:
    """Share (0.0–1.0) of the letters in ``text`` that are in the Arabic blocks."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0.0
    return len(_ARABIC_LETTER.findall(text)) / letters


_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff](?<=[^\\W\\d_])")


# Folding for matching (never for display). Spelling variants that Arabic writers and
# keyboards use interchangeably: hamza seats on alef (أ إ آ ٱ → ا), alef maqsura (ى → ي,
# Egyptian press writes final yaa as ى), taa marbuta (ة → ه), hamza on waw/yaa (ؤ → و,
# ئ → ي) — the folding of common Arabic IR normalisers (Larkey et al., "Light stemming for
# Arabic IR", 2002; Lucene's ArabicNormalizer); diacritics, tatweel and invisible characters
# dropped; Arabic-Indic and Persian digits → ASCII; odd spaces → U+0020. Defined once here:
# the dump reader's line keys and date grammar and the search index all use it.
_FOLD_LETTERS = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a", "\u0629": "\u0647", "\u0624": "\u0648", "\u0626": "\u064a",
}
#: ``str.translate`` table of the folding above: one character in, at most one out.
MATCH_TABLE: dict[int, str | None] = {
    **{ord(c): None for c in INVISIBLE + _TATWEEL},
    **{c: None for c in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE))},
    **{ord(c): " " for c in ODD_SPACES + "\t\r"},
    **{ord(k): v for k, v in _FOLD_LETTERS.items()},
    **{ord(d): str(i % 10) for i, d in enumerate(ARABIC_INDIC_DIGITS + PERSIAN_DIGITS)},
}


def fold_chars(text: str) -> str:
    """``text`` through :data:`MATCH_TABLE`, character by character (no case change, no
    whitespace collapsing; dropped characters shorten it): the base of every matching key."""
    return text.translate(MATCH_TABLE)


def fold_for_matching(text: str) -> str:
    """``text`` reduced to one spelling per word, for comparing and indexing, never for display.

    :func:`fold_chars` (invisible characters, diacritics and tatweel removed; hamza/alef
    forms, alef maqsura, taa marbuta and hamza seats folded; Arabic-Indic and Persian digits
    to ASCII), then lower-cased, whitespace collapsed:
    ``"الاقتصـــاد المُصرى ٢٠٢٤"`` → ``"الاقتصاد المصري 2024"``.
    """
    return " ".join(fold_chars(unicodedata.normalize("NFC", text)).lower().split())


# Prefixes removed by Larkey's "light10" stemmer (Larkey, Ballesteros & Connell, "Improving
# Stemming for Arabic Information Retrieval: Light Stemming and Co-occurrence Analysis",
# SIGIR 2002), written in folded letters: first the conjunction و when at least three
# letters remain, then one definite article when at least two letters remain.
_CONJUNCTION = "\u0648"
_ARTICLES = ("\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644",
             "\u0644\u0644", "\u0627\u0644")  # وال بال كال فال لل ال


def strip_prefixes(word: str) -> str:
    """One folded word (:func:`fold_for_matching` output) without Larkey's light10 prefixes:
    ``"والحكومه"`` → ``"حكومه"``, ``"بالبرلمان"`` → ``"برلمان"``, ``"للمدارس"`` → ``"مدارس"``.

    Removes و (and) when three or more letters remain, then the first of وال بال كال فال لل ال
    that leaves two or more letters (Larkey et al. 2002, light10). Short or unprefixed words
    come back unchanged. For matching only: it also cuts a root letter (``"وزاره"`` →
    ``"زاره"``), which is harmless when index and query are cut alike.
    """
    if word.startswith(_CONJUNCTION) and len(word) - 1 >= 3:
        word = word[1:]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article):]
    return word
