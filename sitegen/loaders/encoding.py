"""Bytes of a raw text dump → ``str``: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256.

Publishers hand us dumps saved by many tools. The decision (no guessing library, no
silent replacement of characters):

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE; Unicode §23.8 "Specials");
2. otherwise strict UTF-8: any byte sequence that decodes is UTF-8 (random Windows-1256
   Arabic is practically never valid UTF-8, WHATWG Encoding §4 rationale);
3. UTF-8 but for a few bytes (:data:`MIN_UTF8_SHARE`): refused, naming the line — read as
   Windows-1256 it would be published as mojibake;
4. otherwise Windows-1256, kept only when the result reads as Arabic
   (:func:`sitegen.arabic.arabic_share` of its letters at least :data:`MIN_ARABIC_SHARE`);
5. anything else — including text with many control characters (binary files, UTF-16
   without BOM) — raises :class:`~sitegen.errors.SitegenError` with code ``undecodable``.

Trailing NUL bytes (left by some editors and by the newspaper corpus) are dropped,
CRLF / CR line endings become LF, vertical tab and form feed become spaces, and every
other code point that XML 1.0 forbids (:func:`sitegen.arabic.strip_xml_forbidden`: C0
controls, U+FFFE, U+FFFF) is dropped here, once, for both content formats, with DEL, the C1
controls but NEL, and U+FEFF inside the text.
"""

from __future__ import annotations

import codecs
import re

from sitegen.arabic import arabic_share, strip_xml_forbidden
from sitegen.errors import Diagnostic, SitegenError

__all__ = ["decode", "MIN_ARABIC_SHARE", "MAX_CONTROL_SHARE"]

#: Least share of Arabic letters for a non-UTF-8 file to be read as Windows-1256.
MIN_ARABIC_SHARE = 0.5
#: Least share of a non-UTF-8 file's non-ASCII bytes in valid UTF-8 sequences for it to be
#: UTF-8 with some bad bytes (refused) rather than Windows-1256: Arabic Windows-1256 text puts
#: few of its bytes in such sequences by chance (its letters are lead bytes, not continuations):
#: at most 4% for each text of the shared corpus re-encoded so.
MIN_UTF8_SHARE = 0.5
#: Largest share of control characters (other than tab, LF, CR, FF, VT) in a text file.
MAX_CONTROL_SHARE = 0.01

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Control characters XML allows but a text file has no use for: DEL and the C1 controls
#: except NEL, and U+FEFF inside text (a stray BOM from joined files; its ZWNBSP use is
#: deprecated, Unicode §23.8). Dropped.
_LEFT_CONTROLS = re.compile("[\x7f-\x84\x86-\x9f\ufeff]")
#: Every character :func:`decode` counts, replaces or drops: a text with none is returned as is.
_UNTOUCHED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HINT = "save the file as UTF-8 (or Windows-1256 Arabic text)"


def _fail(source: str, message: str) -> SitegenError:
    return SitegenError(Diagnostic(path=source, code="undecodable", message=message, hint=_HINT))


def _with_bom(data: bytes, source: str) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if codec != "utf-8":
                body = body[: len(body) - len(body) % 2]
                while body.endswith(b"\x00\x00"):
                    body = body[:-2]
            try:
                return body.decode(codec)
            except UnicodeDecodeError as err:
                raise _fail(source, f"starts with a {codec} byte-order mark but is not valid {codec} "
                                    f"(byte {err.start + len(bom)})") from None
    return None


def _without_bom(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    _refuse_broken_utf8(data, source)
    text = data.decode("cp1256")  # defines all 256 bytes, never fails
    if arabic_share(text) >= MIN_ARABIC_SHARE:
        return text
    raise _fail(source, f"not UTF-8 (invalid byte at {utf8_error.start}) and not Arabic Windows-1256 text")


def _refuse_broken_utf8(data: bytes, source: str) -> None:
    """Raise ``undecodable`` when ``data`` is UTF-8 but for a few bytes: at least
    :data:`MIN_UTF8_SHARE` of its non-ASCII bytes form valid UTF-8 sequences. Read as
    Windows-1256, such a file (one stray byte in an Arabic UTF-8 article, or UTF-8 text with a
    pasted Windows-1256 line) would be published as mojibake («ظ…ط®طھظ„ط·») without a word;
    the error names the line of the first bad byte."""
    text = data.decode("utf-8", errors="surrogateescape")  # each bad byte → one U+DC80–U+DCFF
    bad = [i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff"]
    valid = len(data) - sum(1 for b in data if b < 0x80) - len(bad)
    if valid < MIN_UTF8_SHARE * (valid + len(bad)):
        return
    first = bad[0]
    line = text.count("\n", 0, first) + 1
    noun = "byte" if len(bad) == 1 else "bytes"
    raise SitegenError(Diagnostic(
        path=source, line=line, code="undecodable",
        message=f"UTF-8 text with {len(bad)} {noun} that {'is' if len(bad) == 1 else 'are'} not UTF-8 "
                f"(the first, 0x{ord(text[first]) - 0xDC00:02X}, on line {line})",
        hint="fix or delete that character and save the file as UTF-8 (two encodings were mixed)"))


def decode(data: bytes, source: str) -> str:
    """Decode one dump file: ``data`` is the whole file, ``source`` its path (for errors).

    Returns text with LF line endings, no BOM, no trailing NUL characters, no code point
    that XML 1.0 forbids (vertical tab and form feed become spaces, the rest is dropped) and no
    DEL, C1 control but NEL, or U+FEFF. Raises
    :class:`~sitegen.errors.SitegenError` (``Diagnostic.code == "undecodable"``) when the
    bytes are not UTF-8, UTF-16 with BOM or Arabic Windows-1256 text, or when more than
    :data:`MAX_CONTROL_SHARE` of the characters are control characters (binary data).
    """
    text = _with_bom(data, source)
    if text is None:
        text = _without_bom(data.rstrip(b"\x00"), source)
    text = text.rstrip("\x00")
    if _UNTOUCHED.search(text) is None:  # the usual file: one pass instead of the four below
        return text
    if text:
        controls = len(_CONTROL.findall(text))
        if controls / len(text) > MAX_CONTROL_SHARE:
            noun = "control character" if controls == 1 else "control characters"
            raise _fail(source, f"looks binary: {controls} {noun} in {len(text)}")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", " ").replace("\f", " ")
    return _LEFT_CONTROLS.sub("", strip_xml_forbidden(text))
