"""UI strings of the theme: a gettext catalogue per language, compiled with babel at load time.

Catalogues are ``sitegen/locale/LANG/LC_MESSAGES/sitegen.po`` with English msgids.
The site locale ``ar_EG`` uses ``ar_EG`` if present, else ``ar``; a language with
no catalogue shows the English msgids.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "sitegen"


@lru_cache(maxsize=None)
def translations(locale: str) -> NullTranslations:
    """The compiled catalogue for a CLDR locale id (``ar_EG``), falling back to its language."""
    parsed = Locale.parse(locale)
    for candidate in (str(parsed), parsed.language):
        po = LOCALE_DIR / candidate / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=candidate, domain=DOMAIN)
            buffer = BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return Translations(buffer, domain=DOMAIN)
    return NullTranslations()
