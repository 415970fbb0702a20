"""Index terms written in ASCII word characters, for Pagefind: a one-to-one, prefix-preserving code.

Pagefind cleans every word it indexes that is not all ASCII (Unicode lower-casing, then NFD
and the combining marks removed, keeping the word as written as a second form): about 0.6 s
of the ~1.0 s its ``AddRecord`` spends on 2,500 Arabic news articles, against ~0.4 s for the
same terms in ASCII letters (measured: bench/RESULTS.md). So the search stage hands Pagefind
each folded term (:func:`sitegen.search_terms.folded_term`) through :func:`term_code`, and the
search page (``static/js/search.js``, ``termCode``) codes the query the same way.

The code gives each character one *codeword* of ``[0-9a-z]`` characters, and no codeword is
the start of another (a prefix code), so for any terms ``s`` and ``t``:

* ``term_code(s) == term_code(t)`` only when ``s == t`` (one-to-one);
* ``term_code(t)`` starts with ``term_code(s)`` exactly when ``t`` starts with ``s``: Pagefind's
  prefix search on a coded query word finds the coded terms that start with the word, and no
  others (a query «حكوم» finds «حكومه», as before the code).

Codewords (:data:`LETTERS`, :data:`ASCII_ESCAPE`, :data:`OTHER_ESCAPE`, :data:`END`):

* the 29 letters of folded Arabic (:func:`sitegen.arabic.fold_for_matching` leaves no other
  Arabic letter): one character each, ``ب`` → ``b``, ``ض`` → ``2``;
* an ASCII letter or digit (already ASCII, so it must not read as a coded Arabic letter):
  ``9`` then itself (``covid`` → ``9c9o9v9i9d``, ``2024`` → ``92909294``);
* any other character: ``8`` then its code point in four base-36 digits (36⁴ > 0x10FFFF);
* :data:`END`, ``0``: no character's codeword; ends every indexed term
  (:data:`sitegen.search_terms.TERM_END`).

``1``, ``5``, ``6`` and ``7`` start no codeword (spare). What Pagefind does to a word
(pagefind 1.5, ``fossick/splitting.rs``): it keeps the alphanumeric characters, lower-cases
them, splits a word holding punctuation or an upper-case letter after its first into parts,
and stems it in the record's language. A coded term is lower-case ASCII letters and digits
only, so it is indexed whole and as given, provided the language has no stemmer
(:data:`sitegen.search_terms.INDEX_LANGUAGE`).
"""

from __future__ import annotations

#: One-character codewords of the letters of folded Arabic (ASCII-like where one fits).
LETTERS = {
    "\u0621": "i",  # ء
    "\u0627": "a",  # ا
    "\u0628": "b",  # ب
    "\u062a": "t",  # ت
    "\u062b": "v",  # ث
    "\u062c": "j",  # ج
    "\u062d": "h",  # ح
    "\u062e": "x",  # خ
    "\u062f": "d",  # د
    "\u0630": "u",  # ذ
    "\u0631": "r",  # ر
    "\u0632": "z",  # ز
    "\u0633": "s",  # س
    "\u0634": "c",  # ش
    "\u0635": "p",  # ص
    "\u0636": "2",  # ض
    "\u0637": "3",  # ط
    "\u0638": "4",  # ظ
    "\u0639": "e",  # ع
    "\u063a": "g",  # غ
    "\u0641": "f",  # ف
    "\u0642": "q",  # ق
    "\u0643": "k",  # ك
    "\u0644": "l",  # ل
    "\u0645": "m",  # م
    "\u0646": "n",  # ن
    "\u0647": "o",  # ه
    "\u0648": "w",  # و
    "\u064a": "y",  # ي
}
#: Starts the codeword of an ASCII letter or digit, which follows it.
ASCII_ESCAPE = "9"
#: Starts the codeword of any other character: its code point in :data:`OTHER_DIGITS` base-36 digits.
OTHER_ESCAPE = "8"
OTHER_DIGITS = 4
#: Ends every indexed term (:data:`sitegen.search_terms.TERM_END`); no character's codeword.
END = "0"
#: The characters of every codeword, in base-36 digit order.
SYMBOLS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(number: int) -> str:
    digits = []
    for _ in range(OTHER_DIGITS):
        number, digit = divmod(number, 36)
        digits.append(SYMBOLS[digit])
    return "".join(reversed(digits))


class _Codewords(dict):
    """``str.translate`` table of the code: code point → codeword, each made when first asked."""

    def __missing__(self, point: int) -> str:
        if point > 0x10FFFF:
            raise LookupError(point)
        char = chr(point)
        word = (ASCII_ESCAPE + char if char in SYMBOLS
                else OTHER_ESCAPE + _base36(point))
        self[point] = word
        return word


_CODEWORDS = _Codewords({ord(letter): word for letter, word in LETTERS.items()})


def term_code(term: str) -> str:
    """``term`` written in ``[0-9a-z]`` (see the module): ``"حكومه"`` → ``"hkwmo"``,
    ``"covid19"`` → ``"9c9o9v9i9d9199"``, ``""`` → ``""``. Any string is accepted; the
    result never holds :data:`END` as a codeword."""
    return term.translate(_CODEWORDS)


def decode(code: str) -> str:
    """The term whose :func:`term_code` is ``code`` (the inverse; for tests and debugging).
    Raises ``ValueError`` for a string that is no concatenation of codewords."""
    letters = {word: letter for letter, word in LETTERS.items()}
    term, i = [], 0
    while i < len(code):
        symbol = code[i]
        if symbol in letters:
            term.append(letters[symbol])
            i += 1
        elif symbol == ASCII_ESCAPE and i + 1 < len(code) and code[i + 1] in SYMBOLS:
            term.append(code[i + 1])
            i += 2
        elif symbol == OTHER_ESCAPE and len(code) - i > OTHER_DIGITS:
            digits = code[i + 1:i + 1 + OTHER_DIGITS]
            if not all(d in SYMBOLS for d in digits) or int(digits, 36) > 0x10FFFF:
                raise ValueError(f"not a codeword at {i}: {code!r}")
            term.append(chr(int(digits, 36)))
            i += 1 + OTHER_DIGITS
        else:
            raise ValueError(f"not a codeword at {i}: {code!r}")
    return "".join(term)
