"""The theme's message catalogues (sitegen.i18n)."""

import gettext
import io

import pytest

from sitegen import i18n

PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Home"
msgstr "{home}"
'''


def _messages(mo: bytes) -> dict:
    return {key: value for key, value in gettext.GNUTranslations(io.BytesIO(mo))._catalog.items() if key}


@pytest.mark.parametrize("po", sorted(i18n.LOCALE_DIR.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po")),
                         ids=lambda path: path.parts[-3])
def test_shipped_mo_says_what_its_po_says(po):
    # Builds read the .mo; the .po is what translators edit. Regenerate with
    # `pybabel compile -d sitegen/locale -D sitegen` when this fails.
    language = po.parts[-3]
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run pybabel compile -d sitegen/locale -D sitegen"
    assert _messages(mo.read_bytes()) == _messages(i18n.compile_po(po, language))


def test_arabic_catalogue_translates_the_theme_strings():
    i18n.translations.cache_clear()
    assert i18n.translations("ar_EG").gettext("Home") == "الرئيسية"


def _catalogue(tmp_path, language, home, mo=False):
    folder = tmp_path / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / f"{i18n.DOMAIN}.po").write_text(PO.format(home=home), encoding="utf-8")
    if mo:
        (folder / f"{i18n.DOMAIN}.mo").write_bytes(i18n.compile_po(folder / f"{i18n.DOMAIN}.po", language))


@pytest.fixture
def locale_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    yield tmp_path
    i18n.translations.cache_clear()


def test_compiled_catalogue_is_read_without_its_po(locale_dir):
    _catalogue(locale_dir, "fa", "خانه", mo=True)
    (locale_dir / "fa" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").write_text("not a catalogue {", encoding="utf-8")
    assert i18n.translations("fa").gettext("Home") == "خانه"


def test_catalogue_without_mo_is_compiled_from_its_po(locale_dir):
    _catalogue(locale_dir, "ur", "صفحۂ اول")
    assert i18n.translations("ur").gettext("Home") == "صفحۂ اول"


def test_region_catalogue_wins_over_its_language(locale_dir):
    _catalogue(locale_dir, "ar", "الرئيسية", mo=True)
    _catalogue(locale_dir, "ar_MA", "الصفحة الأولى", mo=True)
    assert i18n.translations("ar_MA").gettext("Home") == "الصفحة الأولى"
    assert i18n.translations("ar_EG").gettext("Home") == "الرئيسية"


def test_language_without_catalogue_shows_english(locale_dir):
    assert i18n.translations("fr").gettext("Home") == "Home"
