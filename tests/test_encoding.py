"""sitegen.loaders.encoding: bytes of a dump → str, or an ``undecodable`` diagnostic."""

from __future__ import annotations

import codecs

import pytest

from sitegen.errors import SitegenError
from sitegen.loaders.encoding import decode

TEXT = "افتتاح معرض الكتاب في المدينة القديمة\nبمشاركة عشرين داراً للنشر."


def test_utf8_plain():
    assert decode(TEXT.encode("utf-8"), "a.txt") == TEXT


def test_utf8_bom_is_removed():
    assert decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "a.txt") == TEXT


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    assert decode(bom + TEXT.encode(codec), "a.txt") == TEXT


def test_windows_1256_arabic():
    assert decode(TEXT.encode("cp1256"), "a.txt") == TEXT


def test_line_endings_become_lf():
    data = "سطر أول\r\nسطر ثان\rسطر ثالث\n".encode("utf-8")
    assert decode(data, "a.txt") == "سطر أول\nسطر ثان\nسطر ثالث\n"


def test_trailing_nul_bytes_are_dropped():
    data = "خبر قصير.\r\n".encode("utf-8") + b"\x00\x00"
    assert decode(data, "a.txt") == "خبر قصير.\n"
    assert decode(codecs.BOM_UTF16_LE + "خبر".encode("utf-16-le") + b"\x00\x00", "a.txt") == "خبر"


def test_binary_data_is_undecodable():
    with pytest.raises(SitegenError) as err:
        decode(bytes(range(256)) * 8, "image.txt")
    diagnostic = err.value.diagnostics[0]
    assert diagnostic.code == "undecodable"
    assert diagnostic.path == "image.txt"
    assert diagnostic.hint


def test_nul_heavy_valid_utf8_is_undecodable():
    with pytest.raises(SitegenError) as err:
        decode(b"a\x00b\x00c\x00d\x00" * 50 + b"e", "x.txt")
    assert err.value.diagnostics[0].code == "undecodable"


def test_non_arabic_legacy_text_is_not_silently_misread():
    with pytest.raises(SitegenError) as err:
        decode("Café crème, déjà vu à Noël".encode("latin-1"), "fr.txt")
    assert err.value.diagnostics[0].code == "undecodable"


def test_broken_utf16_after_bom_is_undecodable():
    with pytest.raises(SitegenError):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00", "x.txt")  # lone high surrogate


def test_empty_file_is_empty_text():
    assert decode(b"", "empty.txt") == ""


def test_one_control_character_in_a_short_file_is_binary_and_counted_in_the_singular():
    """Regression: the message read "1 control characters in 44" (README: the share rule)."""
    text = "خبر قصير عن افتتاح المكتبة\x00 العامة في الحي.\n"
    assert len(text) == 44
    with pytest.raises(SitegenError) as err:
        decode(text.encode("utf-8"), "short.md")
    assert err.value.diagnostics[0].message == "looks binary: 1 control character in 44"


def test_a_control_character_under_the_binary_share_is_dropped():
    text = "خبر " * 30 + "\x00" + "نهاية."
    assert decode(text.encode("utf-8"), "long.md") == "خبر " * 30 + "نهاية."


def test_utf8_with_one_stray_byte_is_refused_on_its_line_not_read_as_windows_1256():
    # newcomer check: one stray byte (0xE9) after a UTF-8 Arabic article made the whole file
    # Windows-1256: published as «ظ…ط®طھظ„ط·» with exit 0 and a mojibake URL in the ledger
    data = "عنوان الخبر\nنص الخبر الأول.\n".encode() + b"\xe9"
    with pytest.raises(SitegenError) as info:
        decode(data, "news/a.md")
    (diag,) = info.value.diagnostics
    assert (diag.path, diag.code, diag.line) == ("news/a.md", "undecodable", 3)
    assert "1 byte that is not UTF-8 (the first, 0xE9, on line 3)" in diag.message


def test_utf8_with_a_pasted_windows_1256_line_is_refused():
    data = "عنوان الخبر\nنص الخبر الأول في السطر الثاني.\n".encode() + "سطر مختلط\n".encode("cp1256")
    with pytest.raises(SitegenError) as info:
        decode(data, "a.txt")
    assert info.value.diagnostics[0].line == 3
    assert "8 bytes that are not UTF-8" in info.value.diagnostics[0].message


def test_long_windows_1256_text_is_still_windows_1256():
    text = "أعلنت الوزارة اليوم، في بيان رسمي؟ عن خطة جديدة لدعم المزارعين في المحافظات.\n" * 40
    assert decode(text.encode("cp1256"), "a.txt") == text


def test_every_character_decode_changes_is_changed_in_an_otherwise_clean_file():
    # Regression (clean files are returned after one look): that look must find every character
    # the full path counts, replaces or drops, or a file with one of them would keep it.
    changed = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0), 0xFEFF, 0xFFFE, 0xFFFF]
    for code in changed:
        decoded = decode(f"{'خبر ' * 40}{chr(code)}عاجل".encode("utf-8"), "a.txt")  # under 1% controls: text
        assert chr(code) not in decoded and decoded.startswith("خبر ") and decoded.endswith("عاجل"), hex(code)
    kept = "خبر\tعاجل\n«نص»\x85 ✓ \u00a0"
    assert decode(kept.encode("utf-8"), "a.txt") == kept
