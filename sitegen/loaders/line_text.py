"""One line of text as the dump reader compares and measures it: folded keys
(:func:`norm_key`: hamza, ta marbuta, alef maqsura, diacritics and tatweel do not matter),
word and letter counts, how the line ends (a sentence's full stop, any punctuation, none),
and the Arabic function words whose share tells prose from lists of names or links.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitegen.loaders.folding import fold_for_match

__all__ = ["norm_key", "words", "letters", "ends_sentence", "ends_mid_sentence", "ends_with_punct", "CLOSERS",
           "FUNCTION_WORDS", "COMMAS", "has_comma"]

_WS = re.compile(r"\s+")
#: The Arabic comma and the Latin one, which a copy or a keyboard may put in its place.
COMMAS = ("،", ",")


def has_comma(text: str) -> bool:
    """Whether ``text`` holds a comma (:data:`COMMAS`)."""
    return "،" in text or "," in text


@lru_cache(maxsize=8192)
def norm_key(text: str) -> str:
    """``text`` folded for comparing lines and vocabulary (see ``folding.normalize_for_match``)."""
    return _WS.sub(" ", fold_for_match(text)).strip()


def words(text: str) -> int:
    """Number of whitespace-separated tokens in ``text``."""
    return len(text.split())


CLOSERS = "\"'»«”“’‘)]}>"
_CLOSERS = CLOSERS
_FINAL = ".!؟?…"
_ANY_PUNCT = _FINAL + ":؛;،,"


def _visible(text: str) -> str:
    """``text`` without the spaces and closing quotes or brackets at its end."""
    return text.rstrip().rstrip(_CLOSERS + " ").rstrip()


def _last_char(text: str) -> str:
    return _visible(text)[-1:]


def _zero_as_full_stop(text: str) -> bool:
    """Some typists end a sentence with ARABIC-INDIC DIGIT ZERO ``٠`` for a full stop; it is
    one only when it does not end a number (``بحلول ٢٠٣٠`` ends with a year)."""
    visible = _visible(text)
    return visible.endswith("٠") and not visible[-2:-1].isdigit()


def ends_with_colon(text: str) -> bool:
    """True when ``text`` ends with a colon (``:`` or the fullwidth ``：``), spaces aside: a lead-in."""
    return text.rstrip().endswith((":", "："))


#: One asterisk opening a line (not ``**``, Markdown's bold): a footnote or a note on the writer.
STARRED = re.compile(r"\s*\*(?!\*)")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (``. ! ؟ ? …``), quotes aside."""
    return _last_char(text) in tuple(_FINAL) or _zero_as_full_stop(text)


def credit_after_stop(text: str) -> bool:
    """True when ``text`` ends with a sentence's stop then a credit in brackets
    (``… العذبة. (رويترز)``: a wire's last paragraph; ``… بنغازي. (الساحل الليبي)``: a caption)."""
    return _CREDIT_AFTER_STOP.search(text[-CREDIT_AFTER_STOP_CHARS:]) is not None


#: An agency's credit in brackets after the last sentence's stop: ``. (رويترز)``, ``. (أ ف ب)``,
#: ``. (د.ب.أ)`` — at most this many characters from the end.
CREDIT_AFTER_STOP_CHARS = 30
_CREDIT_AFTER_STOP = re.compile(r"[.!؟?…]\s*\((?:[^\W\d_]+[.\s]?){1,4}\)\s*$")


def ends_mid_sentence(text: str) -> bool:
    """True when ``text`` ends with a letter or digit, i.e. with no punctuation at all."""
    last = _last_char(text)
    return bool(last) and last.isalnum() and not _zero_as_full_stop(text)


def ends_with_punct(text: str) -> bool:
    """True when the last visible character (quotes aside) is any punctuation mark."""
    last = _last_char(text)
    return bool(last) and last in _ANY_PUNCT


_LETTER = re.compile(r"[^\W\d_]")


def letters(text: str) -> int:
    """How many letters ``text`` holds (any script; digits and marks aside)."""
    return len(_LETTER.findall(text))


#: Arabic function words: prepositions, particles, pronouns, demonstratives, relatives and
#: the common conjunction-joined forms. Their share of a line's words tells prose from a
#: list of names or links, and a name never contains one.
FUNCTION_WORDS = frozenset(norm_key(w) for w in (
    "في فى من على علي إلى الى عن مع بعد قبل حول خلال أن إن أنه إنه أنها كما لا لم لن ما هل "
    "هذا هذه ذلك تلك هناك التي الذي الذين اللذين اللتين اللواتي و أو ثم بين عند منذ كل "
    "تحت فوق ضد حتى قد كان كانت يكون تكون غير دون بدون لكن لكنه بل إذ إذا لدى وفي ومن وعلى "
    "وأن وإن وقد وكان وكانت ولا ولم وهو وهي هو هي هم نحو عبر فيه فيها منه منها عليه عليها "
    "إليه له لها بها به وذلك حيث والتي والذي أيضا أيضاً يوم رغم برغم وسط أمام بسبب إثر عقب لأن قرب داخل خارج ضمن أثناء إزاء تجاه بحسب وفق طوال"
).split())


#: Line ends other than LF, each read as LF (CRLF is one): a lone CR, and the Unicode line ends a
#: page's text may carry (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR; Unicode §5.8, UAX #14 BK),
#: which a browser shows, and a copy of the page pastes, as a new line.
OTHER_LINE_ENDS = ("\r", "\x85", "\u2028", "\u2029")
