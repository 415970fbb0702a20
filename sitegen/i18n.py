"""UI strings of the theme: a gettext catalogue per language.

Catalogues are ``sitegen/locale/LANG/LC_MESSAGES/sitegen.po`` with English msgids, each
shipped beside its compiled ``sitegen.mo`` (GNU gettext's binary format, which the standard
library reads in well under a millisecond; babel's ``.po`` reader took ~15 ms a build, on the
way of every build's first page). ``tests/test_i18n.py`` fails when a ``.mo`` says other than
its ``.po``; ``pybabel compile -d sitegen/locale -D sitegen`` makes them again. A language with
a ``.po`` but no ``.mo`` (a catalogue being added) is compiled from the ``.po`` when loaded.
The site locale ``ar_EG`` uses ``ar_EG`` if present, else ``ar``; a language with no catalogue
shows the English msgids.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "sitegen"


def catalogue_paths(language: str) -> tuple[Path, Path]:
    """``(.po, .mo)`` paths of the catalogue of ``language`` (a CLDR id: ``ar``, ``ar_EG``)."""
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def compile_po(po: Path, language: str) -> bytes:
    """The ``.mo`` bytes of the ``.po`` file ``po`` (babel's reader and writer). Raises
    ``OSError`` when it cannot be read, babel's ``PoFileError`` when it is not a catalogue."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


@lru_cache(maxsize=None)
def translations(locale: str) -> NullTranslations:
    """The compiled catalogue for a CLDR locale id (``ar_EG``), falling back to its language."""
    parsed = Locale.parse(locale)
    for candidate in (str(parsed), parsed.language):
        po, mo = catalogue_paths(candidate)
        if mo.is_file():
            return Translations(BytesIO(mo.read_bytes()), domain=DOMAIN)
        if po.is_file():
            return Translations(BytesIO(compile_po(po, candidate)), domain=DOMAIN)
    return NullTranslations()
