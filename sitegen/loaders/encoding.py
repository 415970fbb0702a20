"""Bytes of a raw text dump → ``str``: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256.

Publishers hand us dumps saved by many tools. The decision (no guessing library, no
silent replacement of characters):

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE; Unicode §23.8 "Specials");
2. otherwise strict UTF-8: any byte sequence that decodes is UTF-8 (random Windows-1256
   Arabic is practically never valid UTF-8, WHATWG Encoding §4 rationale);
3. otherwise Windows-1256, kept only when the result reads as Arabic
   (:func:`sitegen.arabic.arabic_share` of its letters at least :data:`MIN_ARABIC_SHARE`);
4. anything else — including text with many control characters (binary files, UTF-16
   without BOM) — raises :class:`~sitegen.errors.SitegenError` with code ``undecodable``.

Trailing NUL bytes (left by some editors and by the newspaper corpus) are dropped,
CRLF / CR line endings become LF, vertical tab and form feed become spaces, and every
other code point that XML 1.0 forbids (:func:`sitegen.arabic.strip_xml_forbidden`: C0
controls, U+FFFE, U+FFFF) is dropped here, once, for both content formats.
"""

from __future__ import annotations

import codecs
import re

from sitegen.arabic import arabic_share, strip_xml_forbidden
from sitegen.errors import Diagnostic, SitegenError

__all__ = ["decode", "MIN_ARABIC_SHARE", "MAX_CONTROL_SHARE"]

#: Least share of Arabic letters for a non-UTF-8 file to be read as Windows-1256.
MIN_ARABIC_SHARE = 0.5
#: Largest share of control characters (other than tab, LF, CR, FF, VT) in a text file.
MAX_CONTROL_SHARE = 0.01

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
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
    text = data.decode("cp1256")  # defines all 256 bytes, never fails
    if arabic_share(text) >= MIN_ARABIC_SHARE:
        return text
    raise _fail(source, f"not UTF-8 (invalid byte at {utf8_error.start}) and not Arabic Windows-1256 text")


def decode(data: bytes, source: str) -> str:
    """Decode one dump file: ``data`` is the whole file, ``source`` its path (for errors).

    Returns text with LF line endings, no BOM, no trailing NUL characters and no code point
    that XML 1.0 forbids (vertical tab and form feed become spaces, the rest is dropped). Raises
    :class:`~sitegen.errors.SitegenError` (``Diagnostic.code == "undecodable"``) when the
    bytes are not UTF-8, UTF-16 with BOM or Arabic Windows-1256 text, or when more than
    :data:`MAX_CONTROL_SHARE` of the characters are control characters (binary data).
    """
    text = _with_bom(data, source)
    if text is None:
        text = _without_bom(data.rstrip(b"\x00"), source)
    text = text.rstrip("\x00")
    if text:
        controls = len(_CONTROL.findall(text))
        if controls / len(text) > MAX_CONTROL_SHARE:
            noun = "control character" if controls == 1 else "control characters"
            raise _fail(source, f"looks binary: {controls} {noun} in {len(text)}")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", " ").replace("\f", " ")
    return strip_xml_forbidden(text)
