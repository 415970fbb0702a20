"""The © or "all rights reserved" line of a page footer, and the site it names
(:func:`chrome_site`): the owner after ``محفوظة لـ``, after ``©`` or before it, in Arabic
when the line names the site in two scripts.
"""

from __future__ import annotations

import re

from sitegen.loaders import line_text
from sitegen.loaders.findings import SITE_NAME_MAX_WORDS


#: A letter of the Latin script: a name mostly written in them is a Latin-script name.
LATIN_LETTER = re.compile(r"[A-Za-z]")


def mostly_latin(name: str) -> bool:
    """At least half of the name's letters are Latin (``Carthage Info``, ``Delta University``)."""
    return len(LATIN_LETTER.findall(name)) * 2 >= line_text.letters(name)


def rights_line(text: str) -> bool:
    """True when ``text`` says the rights are reserved (``حقوق``, ``محفوظة``, ``reserved``, …) or holds ``©``."""
    return bool(_RIGHTS_WORDS.search(text)) or "©" in text


# ``جميع الحقوق محفوظة لـ SITE`` / ``© 2022 SITE.``; bounded repeats keep them linear.
# A name may hold a number (``الإمارات 360``); a year ends it.
_RIGHTS_OWNER = re.compile(r"محفوظة\s+(?:لـ|ل)\s*(?P<site>[^©.\d\s][^©.]{1,39}?)\s*(?:[.©،,]|(?<!\S)\d{4}|$)")
#: What a rights phrase opens with after ``©`` (``NAME © جميع الحقوق محفوظة``): no name.
_RIGHTS_OPENER = r"(?i:جميع|كافة|حقوق|الحقوق|محفوظة|all|copyright|rights|tous|droits)(?![^\W\d_])"
_COPYRIGHT_OWNER = re.compile(r"©\s*(?:\d{4}\s*)?(?P<site>[^\W\d_][^©.]{1,39}?)\s*(?:[.©،,]|(?<!\S)\d{4}|$)")
#: ``NAME © 2026 - PLACE``: the name the line opens with, before the mark, owns it.
_OWNER_BEFORE_MARK = re.compile(r"^\s*(?P<site>[^\W\d_][^©|.]{1,39}?)\s*©")
#: A name (no year, no rights phrase) right after the mark.
_NAME_AFTER_MARK = re.compile(r"\s*(?!" + _RIGHTS_OPENER + r")[^\W\d_]")
#: Text before the mark of this many words or more, with a name after it, is a photo's caption:
#: ``CAPTION © NAME / PHOTOGRAPHER`` is owned by the name after the mark (:data:`_COPYRIGHT_OWNER`),
#: while ``الاقتصادية نيوز © يسمح بالاقتباس …`` is the short name's (/tmp/attack49c/r5).
CAPTION_BEFORE_MARK_MIN_WORDS = 4
#: ``NAME - جميع الحقوق محفوظة 2026``: the name the line opens with, before a dash and the
#: rights reserved, owns them.
_OWNER_BEFORE_RIGHTS = re.compile(r"^\s*(?P<site>[^\W\d_][^©|.\-–—]{1,39}?)\s+[-–—|]\s+(?:(?:جميع|كافة)\s+)?(?:ال)?حقوق")
#: ``NAME — مؤسسة بحثية مستقلة، بغداد. © 2026``: the name the line opens with, before a dash,
#: in a line with the mark further on, owns it.
_OWNER_BEFORE_DASH = re.compile(r"^\s*(?P<site>[^\W\d_][^©|.\-–—]{1,39}?)\s+[-–—]\s+[^©]{0,160}©")
#: Calendar marks printed with a year (``1448هـ / 2026م``): no part of a name.
_YEAR_MARKS = re.compile(r"(?<![^\W\d_])(?:هـ|ه|م)(?![^\W\d_])")
#: What parts a © line's name from what follows it: a dash or bar (``NAME - PLACE``), a slash
#: before a photographer's name (``© NAME / PHOTOGRAPHER``).
_SPACED_SEPARATOR = re.compile(r"\s+[-–—|/]\s+")
_RIGHTS_WORDS = re.compile(r"حقوق|محفوظة|reserved|rights|copyright|droits|réservés", re.IGNORECASE)
RIGHTS_PHRASES = re.compile(r"جميع الحقوق محفوظة|كافة الحقوق محفوظة|حقوق النشر|الحقوق محفوظة|محفوظة|"
                            r"all rights reserved|tous droits réservés|copyright|\(c\)|©|\d{4}", re.IGNORECASE)
RIGHTS_SPLIT = re.compile(r"\s*[|\-–—.,،]\s*")


def chrome_site(text: str) -> str | None:
    """The site named in a copyright line, else ``None``. A line naming the site in Latin
    letters and in Arabic (``© Carthage Info 2026 - قرطاج أنفو``) names it in Arabic."""
    for pattern in (_RIGHTS_OWNER, _OWNER_BEFORE_MARK, _OWNER_BEFORE_RIGHTS, _COPYRIGHT_OWNER, _OWNER_BEFORE_DASH):
        m = pattern.search(text)
        if (m and pattern is _OWNER_BEFORE_MARK and line_text.words(m["site"]) >= CAPTION_BEFORE_MARK_MIN_WORDS
                and _NAME_AFTER_MARK.match(text, m.end())):
            m = None
        if m is None and pattern is _COPYRIGHT_OWNER and "©" in text:  # ``© 2026 NAME - جميع الحقوق محفوظة``
            m = pattern.search(_SPACED_SEPARATOR.split(text[text.index("©"):])[0])
        if m and _RIGHTS_WORDS.search(m["site"]):  # ``© 2026 NAME - Tous droits réservés``
            m = pattern.search(_SPACED_SEPARATOR.split(text[m.start():])[0])
        if (m and line_text.words(m["site"]) <= SITE_NAME_MAX_WORDS and not _RIGHTS_WORDS.search(m["site"])
                and line_text.letters(_YEAR_MARKS.sub("", m["site"])) >= 2):
            # ``© 2026 مجلة المحّار - دار الساحل للنشر``: the name, then its publisher or place
            site = _SPACED_SEPARATOR.split(m["site"])[0].strip(" -–—|/")
            return _arabic_side(text, site) or site
    return None


def _arabic_side(text: str, site: str) -> str | None:
    """The Arabic name printed beside a Latin-script ``site`` in the © line ``text``, if any."""
    if not mostly_latin(site):
        return None
    for part in RIGHTS_SPLIT.split(RIGHTS_PHRASES.sub("|", text)):
        part = part.strip()
        if (1 <= line_text.words(part) <= SITE_NAME_MAX_WORDS and line_text.letters(_YEAR_MARKS.sub("", part)) >= 2
                and not LATIN_LETTER.search(part) and not _MADE_BY.search(part)):
            return part
    return None


#: The designer's credit printed in a © line (``تصميم وتطوير شركة …``): no name of the site.
_MADE_BY = re.compile(r"تصميم|تطوير|برمجة|استضافة|بواسطة|مدعوم")
