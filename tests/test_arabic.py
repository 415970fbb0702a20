"""sitegen.arabic: diacritics, invisible characters, digits, words and slugs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.arabic import (
    INVISIBLE, SLUG_MAX_CHARS, clean_inline, count_clean_words, count_words, fold_digits, fold_for_matching, slugify,
    strip_invisible, strip_prefixes,
    strip_tashkeel, to_arabic_indic,
)

TASHKEEL = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]


# --- strip_tashkeel -------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("مُكَافَحَةُ", "مكافحة"),          # damma, fatha
    ("مُحَمَّدٌ", "محمد"),              # shadda, tanween
    ("كِتَابًا", "كتابا"),              # kasra, tanween fath
    ("هٰذَا", "هذا"),                   # superscript alef U+0670
    ("سْم", "سم"),                      # sukun
])
def test_strip_tashkeel_removes_harakat(text, expected):
    assert strip_tashkeel(text) == expected


def test_strip_tashkeel_keeps_letters_hamza_forms_and_latin():
    text = "أإآؤئء ى ة Latin 123 ٣"
    assert strip_tashkeel(text) == text


# --- strip_invisible / clean_inline ---------------------------------------------------


@pytest.mark.parametrize("mark", [
    "\u200e", "\u200f", "\u061c", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
])
def test_strip_invisible_removes_each_control(mark):
    assert strip_invisible(f"{mark}حديقة{mark}عامة{mark}") == "حديقةعامة"


def test_strip_invisible_keeps_visible_spaces_and_diacritics():
    assert strip_invisible("حديقة\u00a0عامة مُزهرة") == "حديقة\u00a0عامة مُزهرة"


def test_clean_inline_trims_collapses_and_drops_invisible():
    raw = "  \u200fعاجل:\u00a0\u00a0 افتتاح\tالحديقة\u200b\n العامة \u202f"
    assert clean_inline(raw) == "عاجل: افتتاح الحديقة العامة"


def test_clean_inline_keeps_the_joiners_a_reader_sees():
    # A fresh helper's attack (2026-12-06, /tmp/attack43d/r3-zwj-zwnj-stripped.sh): body blocks,
    # and so the search text, an untitled article's title and its summary, lost ZWJ and ZWNJ:
    # an emoji family fell apart into three people, a Persian word's letters joined.
    assert clean_inline("عائلة 👨\u200d👩\u200d👧 قال می\u200cخواهم\u200f") == "عائلة 👨\u200d👩\u200d👧 قال می\u200cخواهم"


def test_clean_inline_keeps_diacritics_and_tatweel():
    assert clean_inline("مُكافحة الفســاد") == "مُكافحة الفســاد"


def test_clean_inline_composes_nfc():
    # alef + combining madda above → U+0622 (NFC)
    assert clean_inline("\u0627\u0653خر") == "\u0622خر"


def test_clean_inline_of_text_already_clean_is_that_text():
    # clean_inline returns printable single-spaced text as it is (issue 10): the shortcut must
    # agree with the long way on every invisible and white space character (none is printable).
    import sys

    from sitegen.arabic import _INVISIBLE_RE

    assert clean_inline("قال المتحدث، إن الخطة جاهزة") == "قال المتحدث، إن الخطة جاهزة"
    for odd in (" ", "  ", "\u00a0", "\u200f", "\u00ad", "\ufeff", "\t"):
        assert clean_inline(f"قال{odd}المتحدث") in ("قالالمتحدث", "قال المتحدث")
        assert clean_inline(f"{odd}قال المتحدث{odd}") == "قال المتحدث"
    odd = [chr(c) for c in range(sys.maxunicode + 1)
           if chr(c).isprintable() and (_INVISIBLE_RE.match(chr(c)) or (chr(c).isspace() and c != 0x20))]
    assert odd == []


# --- digits ---------------------------------------------------------------------------


def test_fold_digits_arabic_indic_and_persian():
    assert fold_digits("٢١/١١/٢٠٢٤ - ۱۴۰۳") == "21/11/2024 - 1403"


def test_to_arabic_indic():
    assert to_arabic_indic("2024-11-21 11:44") == "٢٠٢٤-١١-٢١ ١١:٤٤"


def test_to_arabic_indic_leaves_letters_alone():
    assert to_arabic_indic("عيار 21") == "عيار ٢١"


@given(st.text(alphabet="0123456789:/- ابت", max_size=40))
def test_digits_round_trip(text):
    assert fold_digits(to_arabic_indic(text)) == text


# --- count_words ----------------------------------------------------------------------


@pytest.mark.parametrize("text, words", [
    ("قال المتحدث ، إن الخطة ؛ جاهزة ؟", 5),      # standalone Arabic punctuation is not a word
    ("الخطة،جاهزة؛تماماً؟", 1),                  # and does not split a word
    ("افتتاح 3 مدارس عام ٢٠٢٤", 5),              # numbers are words
    ("  — … - ", 0),
    ("", 0),
    ("سطر أول\nسطر\u00a0ثانٍ", 4),
])
def test_count_words(text, words):
    assert count_words(text) == words


@given(st.text(alphabet=st.sampled_from("ab_1٣،؛؟.-—… \t\n\u00a0\u2003ـ"), max_size=40))
def test_count_words_counts_tokens_with_a_letter_or_digit(text):
    assert count_words(text) == sum(1 for token in text.split() if any(c.isalnum() for c in token))


def test_count_words_of_clean_text_is_that_of_the_same_words_spaced_otherwise():
    # count_words counts single-spaced printable text (the loader's blocks) without splitting
    # it (issue 10); the same words with other spacing, controls or odd spaces around them
    # must count alike, and every white space character but U+0020 must send text the long way.
    import sys

    clean = "قال المتحدث ، إن الخطة ؛ جاهزة ؟ افتتاح 3 مدارس _ —"
    assert count_words(clean) == 8
    for spaced in ("  " + clean, clean + " ", clean.replace(" ", "  "), clean.replace(" ", "\u00a0"),
                   clean.replace(" ", "\n"), clean.replace(" ", " \u200b ")):
        assert count_words(spaced) == 8
    assert count_words("ا") == 1 and count_words("،") == 0 and count_words(" ") == 0
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and c != 0x20]
    assert spaces and not any(c.isprintable() for c in spaces)


@given(st.lists(st.text(alphabet=st.sampled_from("ab_1٣،؛؟.-—… \t\n\u00a0\u2003\u200b\x01ـ"), max_size=20), max_size=6))
def test_count_clean_words_of_clean_inline_texts_is_count_words_of_them_joined(texts):
    # The Markdown loader counts its blocks (each through clean_inline, none empty) with
    # count_clean_words, without count_words' look for other white space (issue 10).
    blocks = [text for text in map(clean_inline, texts) if text]
    assert count_clean_words(blocks) == count_words(" ".join(blocks))


def test_count_clean_words_counts_words_across_blocks():
    assert count_clean_words(["قال المتحدث ، إن", "الخطة ؛ جاهزة ؟", "—"]) == 5
    assert count_clean_words([]) == 0 and count_clean_words(["،"]) == 0 and count_clean_words(["ا"]) == 1


# --- slugify --------------------------------------------------------------------------


def test_slugify_keeps_arabic_letters():
    assert slugify("وزارة الصحة تطلق حملة تطعيم") == "وزارة-الصحة-تطلق-حملة-تطعيم"


def test_slugify_diacritics_do_not_split_a_word():
    assert slugify("مُكافحة التصحُّر") == "مكافحة-التصحر"


def test_slugify_removes_tatweel():
    assert slugify("الأخبـــار المحليـة") == "الأخبار-المحلية"


def test_slugify_nbsp_separates_words():
    assert slugify("موسم\u00a0الحصاد") == "موسم-الحصاد"


def test_slugify_rlm_and_zwsp_vanish():
    assert slugify("\u200fتمديد\u00a0مهلة التسجيل\u200b في المسابقة") == "تمديد-مهلة-التسجيل-في-المسابقة"


def test_slugify_lowercases_latin():
    assert slugify("شركة Nova تطلق هاتف XR") == "شركة-nova-تطلق-هاتف-xr"


def test_slugify_never_doubles_or_dangles_hyphens():
    assert slugify(" - خبر -- عاجل — اليوم - ") == "خبر-عاجل-اليوم"


@pytest.mark.parametrize("text", ["", "!!!", "؟؟ ،،", "\u200f\u200b", "ـــ", "  - ", "َُِ"])
def test_slugify_never_empty(text):
    slug = slugify(text, fallback_seed="content/x.md")
    assert re.fullmatch(r"article-[0-9a-f]{8}", slug), slug


def test_slugify_fallback_depends_on_seed_and_is_stable():
    a = slugify("؟؟؟", fallback_seed="content/a.md")
    assert a == slugify("؟؟؟", fallback_seed="content/a.md")
    assert a != slugify("؟؟؟", fallback_seed="content/b.md")


def test_slugify_cuts_long_titles_at_a_word_boundary():
    words = ["الحكومة", "تعلن", "خطة", "شاملة", "لتطوير", "شبكة", "الطرق", "السريعة", "بين", "المحافظات",
             "الشمالية", "والجنوبية", "خلال", "السنوات", "الخمس", "المقبلة", "بتكلفة", "كبيرة"]
    full = "-".join(words)
    assert len(full) > SLUG_MAX_CHARS
    slug = slugify(" ".join(words))
    assert 0 < len(slug) <= SLUG_MAX_CHARS
    assert full.startswith(slug)
    assert full[len(slug)] == "-"            # the cut falls between two words
    assert slug.split("-") == words[:len(slug.split("-"))]
    assert len(slug) + 1 + len(words[len(slug.split("-"))]) > SLUG_MAX_CHARS  # no room for one more word


_SLUG_ALPHABET = list("مرحباعالمكتبة") + ["ـ", "ُ", "ّ", "-", "_", ".", "،", "؟", "!", "/", "\\", " ", "\t", "\n",
                                         "\u00a0", "\u200f", "\u200b", "\u200c", "\u202e", "\ufeff",
                                         "A", "Z", "x", "0", "9", "٣", "'", '"', "<", ">", "&", "%", "#", "?", ":"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SLUG_ALPHABET), max_size=120))
def test_slugify_properties(text):
    slug = slugify(text, fallback_seed="seed")
    assert slug
    assert "--" not in slug and not slug.startswith("-") and not slug.endswith("-")
    assert len(slug) <= SLUG_MAX_CHARS
    assert not any(c in INVISIBLE for c in slug)
    assert "\u0640" not in slug and not any(c in TASHKEEL for c in slug)
    assert slug == slug.lower()
    assert not any(c in slug for c in "/\\?#%<>&\"' .:\t\n\u00a0")
    assert slugify(slug, fallback_seed="seed") == slug


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("مُكافحة", "مكافحه"),
        ("الاقتصـــاد", "الاقتصاد"),
        ("أحمد إلى آخر", "احمد الي اخر"),
        ("الصينى", "الصيني"),
        ("المنظمة", "المنظمه"),
        ("٢٠٢٤ ۲۰۲۴", "2024 2024"),
        ("Apple  iPhone\u200f", "apple iphone"),
    ],
)
def test_fold_for_matching_gives_one_spelling_per_variant(variant, plain):
    assert fold_for_matching(variant) == plain


# --- strip_prefixes (Larkey light10 prefixes) ------------------------------------------


@pytest.mark.parametrize("word, expected", [
    ("والحكومه", "حكومه"),   # و then ال
    ("بالبرلمان", "برلمان"),  # بال
    ("كالعاده", "عاده"),      # كال
    ("فالقرار", "قرار"),      # فال
    ("للمدارس", "مدارس"),     # لل
    ("الصحه", "صحه"),         # ال
    ("وزاره", "زاره"),        # و with three letters left (cuts a root letter, as light10 does)
    ("ولد", "ولد"),           # و with only two letters left stays
    ("الم", "الم"),           # ال with one letter left stays
    ("وال", "وال"),           # too short for either rule
    ("مدرسه", "مدرسه"),       # no prefix
    ("", ""),
])
def test_strip_prefixes_removes_light10_prefixes(word, expected):
    assert strip_prefixes(word) == expected


def test_strip_prefixes_takes_one_article_only():
    # Guards against stripping repeatedly: "الالتزام" loses ال once and keeps its own ال-.
    assert strip_prefixes("الالتزام") == "التزام"
