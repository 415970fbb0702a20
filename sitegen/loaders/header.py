"""The head of a dumped news page: title bar, date lines, teasers, and the site-name candidates.

Helpers for :mod:`sitegen.loaders.dump`, one question each. Rules come from the corpus
labelling conventions (``shared/corpus/SOURCES.md``): the browser title bar is
``SITE | HEADLINE`` (or ``HEADLINE - SITE``) and the headline is printed again on the
page; a date line is a line that is mostly a date; the meta description printed near the
top is the deck glued to the start of the body, cut off (the "teaser").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import tzinfo

from sitegen.arabic import clean_inline
from sitegen.loaders.bylines import looks_like_name, parse_byline, parse_credit
from sitegen.loaders.places import is_place
from sitegen.loaders.line_text import ends_sentence, norm_key, words
from sitegen.loaders.dates import DateMatch, ago_spans, find_dates, fold_for_match, hijri_spans
from sitegen.loaders.paragraphs import PARAGRAPH_BREAK

__all__ = ["TitleBar", "find_title_bar", "DateLine", "date_line", "byline_on_date_line", "says_updated", "TITLE_MAX_WORDS"]

#: Longest headline, deck or kicker, in words.
TITLE_MAX_WORDS = 25

#: A browser title bar is one short line: ``SITE | HEADLINE`` (rarely with a section too).
TITLE_BAR_MAX_CHARS = 400
TITLE_BAR_MAX_SEPARATORS = 4
_BAR_SEP = re.compile(r"\s+[|｜¦]\s+|\s*[|｜]\s*|\s+[-–—]\s+|\s+::\s+")


@dataclass(frozen=True)
class TitleBar:
    """A ``SITE | HEADLINE`` line: where it is, the headline, the site part, and the line
    index where the headline is printed again (``None`` when it is not)."""

    index: int
    headline: str
    site: str
    head_index: int | None


def _refine_site(site: str, later_keys: dict[str, int], lines_text: list[str]) -> str:
    """``صدى الأطلس - جريدة إلكترونية`` → ``صدى الأطلس`` when that piece stands alone later."""
    pieces = [p.strip() for p in re.split(r"\s+[-–—|]\s+", site) if p.strip()]
    for piece in pieces:
        if norm_key(piece) in later_keys:
            return clean_inline(lines_text[later_keys[norm_key(piece)]])
    return clean_inline(pieces[0]) if pieces else clean_inline(site)


def _printed_later(side_key: str, later_keys: dict[str, int]) -> int | None:
    """The line printing ``side_key`` again: the same words, else the longest later line of
    at least 3 words found inside it (``بعد توقف عامين.. استئناف …`` holds the headline line
    ``استئناف …``). ``side_key`` is at most :data:`TITLE_BAR_MAX_CHARS` long, so each test is bounded."""
    if side_key in later_keys:
        return later_keys[side_key]
    inside = [(len(key), at) for key, at in later_keys.items()
              if key.count(" ") >= 2 and len(key) >= len(side_key) // 2 and key in side_key]
    return max(inside)[1] if inside else None


def find_title_bar(texts: list[str], keys: list[str], first: int) -> TitleBar | None:
    """The title bar in line ``first`` (the first non-blank line of ``texts``), else ``None``.

    ``keys`` are the :func:`~sitegen.loaders.line_text.norm_key` of ``texts``, line by line.

    Checked in order: one side of a separator is printed again as its own line later
    (the headline); one side is printed later as its own line (the site name); a ``|``
    splits a short side (≤ 4 words, the site) from a longer one (the headline).
    """
    line = texts[first]
    if len(line) > TITLE_BAR_MAX_CHARS or len(_BAR_SEP.findall(line)) > TITLE_BAR_MAX_SEPARATORS:
        return None  # each split is compared whole: bounding the line keeps this linear
    later_keys: dict[str, int] = {}
    for i in range(len(texts) - 1, first, -1):
        if keys[i]:
            later_keys[keys[i]] = i
    splits = [(line[:m.start()].strip(), line[m.end():].strip(), m.group().strip())
              for m in _BAR_SEP.finditer(line)]
    splits = [(a, b, sep) for a, b, sep in splits if a and b]
    printed = [(head, site, at) for left, right, _ in splits for head, site in ((left, right), (right, left))
               if words(head) >= 3 and (at := _printed_later(norm_key(head), later_keys)) is not None]
    if printed:
        # The side printed again at the greatest length is the headline: a site name is printed
        # again too (masthead, © line), but a bar like «SITE | KICKER.. HEADLINE» holds a longer
        # line of the page inside its headline side. Among splits printing the same line, the
        # tightest side (``HEADLINE`` rather than ``HEADLINE | SITE`` of a ``… | SITE - TAGLINE`` bar).
        head, site, at = max(printed, key=lambda hsa: (words(texts[hsa[2]]), -words(hsa[0])))
        return TitleBar(first, clean_inline(head), _refine_site(site, later_keys, texts), at)
    for left, right, _ in splits:
        for site, head in ((left, right), (right, left)):
            if words(head) >= 3 and norm_key(site) in later_keys and words(site) <= 6:
                return TitleBar(first, clean_inline(head), clean_inline(site), None)
    for left, right, sep in splits:
        if sep in "|｜¦":
            head, site = (left, right) if words(left) >= words(right) else (right, left)
            if words(site) <= 4 and words(head) >= 3:
                return TitleBar(first, clean_inline(head), _refine_site(site, later_keys, texts), None)
    return None


# --- date lines ---------------------------------------------------------------------

_DATE_WORDS = frozenset(norm_key(w) for w in (
    "الأحد الاثنين الإثنين الأثنين الثلاثاء الأربعاء الخميس الجمعة السبت أحد اثنين ثلاثاء أربعاء خميس "
    "جمعة سبت sunday monday tuesday wednesday thursday friday saturday "
    "محرم صفر ربيع الأول الآخر الثاني جمادى الأولى الآخرة رجب شعبان رمضان شوال ذو القعدة الحجة "
    "تاريخ النشر نشر في بتاريخ التاريخ آخر تحديث تحديث محدث تم إضافته أضيف أضيفت يوم الموافق هـ ه م "
    "الساعة ساعة ص صباحا مساء مساءً صباحاً ظهرا بتوقيت توقيت published updated last on at am pm "
    "à gmt utc مكة المكرمة غرينتش جرينتش القدس الرياض القاهرة بيروت دمشق بغداد الكويت الدوحة دبي "
    "أبوظبي مسقط المنامة الرباط تونس الجزائر طرابلس الخرطوم صنعاء عمان "
    "lundi mardi mercredi jeudi vendredi samedi dimanche le publié publie mis mise jour"
).split())
_DATE_RESIDUE_MAX_WORDS = 3
#: Words of a post's meta line, printed around its date: who wrote it, how many read it,
#: how long it takes (``بواسطة هيئة التحرير 12 نونبر 2026 - 18:25 لا توجد تعليقات``,
#: ``حاوره: فلان     السبت, 21 نوفمبر, 2026     532 مشاهدة``).
_META_WORDS = frozenset(norm_key(w) for w in (
    "بواسطة كتب كتبت كتبه بقلم الكاتب الكاتبة حاوره حاورته حاورها حوار إعداد اعداد تقرير روبورتاج ريبورتاج متابعة "
    "تحرير ترجمة مشاهدة مشاهدات المشاهدات قراءة القراءة قراءات زيارة زيارات مدة وقت دقائق دقيقة "
    "دقيقتان تعليق تعليقات التعليقات توجد يوجد لا مشاركة على ألف الف مليون k by par views comments min read"
).split())
#: A meta line that opens with a byline label may hold the writer's name (up to 4 words)
#: besides the :data:`_DATE_RESIDUE_MAX_WORDS` other words.
_META_NAME_MAX_WORDS = 4
#: A byline label opening a meta line; ``تحرير`` and ``ترجمة`` only before a colon (``تحرير: NAME • DATE``),
#: as either word may open a headline too (``تحرير الموصل …``).
_BYLINE_LABEL_START = re.compile(r"^\s*(?:بواسطة|كتب(?:ت|ه)?|بقلم|حاور(?:ه|ته|ها)|إعداد|اعداد|تقرير|روبورتاج|ريبورتاج|"
                                 r"متابعة|(?:تحرير|ترجمة)(?=\s*:)|by|par)(?![^\W\d_])", re.IGNORECASE)
#: A writer's label inside a meta line (``التاريخ 03.12.2026 الكاتب سامي حداد``).
_WRITER_LABEL = re.compile(r"(?<![^\W\d_])(?:الكاتب|الكاتبة|بقلم|كتب)(?![^\W\d_])")
_DATE_LINE_MAX_WORDS = 40
#: What a "last updated" stamp says, folded: ``آخر تحديث``, ``حُدّث في``, ``تعديل``, ``Mis à jour``, ``Updated``.
_UPDATE = re.compile(r"تحديث|محدث|حدث في|تعديل|عدل في|updated|modified|mis [aà] jour|mise [aà] jour|modifi[eé]")


def says_updated(text: str) -> bool:
    """True when ``text`` labels a date as the last update (``آخر تحديث``, ``حُدّث في``,
    ``Mis à jour``, ``Updated``)."""
    return bool(_UPDATE.search(fold_for_match(text)))
_COLON_PREFIX = re.compile(r"^\s*(?P<site>[^\d:]{2,40}?)\s*:\s*\S")


@dataclass(frozen=True)
class DateLine:
    """A line that is mostly a date: the match, whether it is a "last updated" date, and
    a site name printed on the same line (``الوئام: تم إضافته يوم …``), if any."""

    match: DateMatch
    is_update: bool
    site: str | None


def _residue_words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    kept = []
    last = 0
    for start, end in sorted(spans):
        kept.append(text[last:start])
        last = max(last, end)
    kept.append(text[last:])
    tokens = re.findall(r"[^\W\d_]+", fold_for_match(" ".join(kept)))
    return [t for t in tokens if t not in _DATE_WORDS]


def _site_on_date_line(text: str, residue: list[str]) -> str | None:
    """The non-date words of a date line when they form a name set off by ``:`` or a space run."""
    if not residue or _BYLINE_LABEL_START.match(text):  # ``بقلم: NAME DATE``: a writer, no site
        return None
    m = _COLON_PREFIX.match(text)
    if m and all(norm_key(w) in residue for w in m["site"].split()):
        return clean_inline(m["site"])
    for segment in PARAGRAPH_BREAK.split(text.strip()):
        seg_words = re.findall(r"[^\W\d_]+", fold_for_match(segment))
        bracketed = segment.strip().startswith(("(", "["))  # a section label such as "(علوم)"
        if seg_words and all(w in residue for w in seg_words) and not re.search(r"\d", segment) and not bracketed:
            return clean_inline(segment)
    return None


_TRAILING_SEPARATORS = " \t|-–—•·:،,"


def _credit_then_date(text: str, found: DateMatch) -> bool:
    """A dateline credit in front of the date (``نابلس - جبل النار نيوز27-11-2026 | 10:15 ص``,
    ``تعز - مراسل SITE السبت 28/11/2026 - 11:50 م``): all that precedes the date (its weekday
    aside) is a ``PLACE - SOURCE`` credit and nothing but date words, separators, labels, a
    post's counts (``18.4 ألف مشاهدة``) and how long ago (``منذ 13 ساعة``) follows it."""
    before = _before_date(text, found)
    if not before or parse_credit(before) is None:
        return False
    return _only_date_words_after(text, found)


def _name_then_date(text: str, found: DateMatch) -> bool:
    """A writer's name with no label in front of the date (``سعيد بن حمد الرواحي الخميس
    26/11/2026``, ``هشام عبد الكريم الأحمد | 27 تشرين الثاني/نوفمبر 2026 | 11:45``): all that
    precedes the date (its weekday aside) is a name, and nothing but date words, separators,
    labels and a post's counts follows it. What ends with a colon is a label
    (``بدأت التغطية: DATE``, a live blog's start), no name."""
    before = _before_date(text, found)
    return (bool(before) and looks_like_name(before) and not is_place(before)
            and not _before_date(text, found, strip=False).endswith((":", "："))
            and _only_date_words_after(text, found))


def _only_date_words_after(text: str, found: DateMatch) -> bool:
    rest = text[found.end:]
    for start, end in reversed(ago_spans(rest)):  # ``| منذ 13 ساعة`` beside the date
        rest = rest[:start] + " " + rest[end:]
    after = re.findall(r"[^\W\d_]+", fold_for_match(rest))
    return all(t in _DATE_WORDS or t in _META_WORDS for t in after)


def _before_date(text: str, found: DateMatch, strip: bool = True) -> str:
    """What a line prints before its date, without the weekday and date labels that belong
    to the date, and without separators at the end (kept when not ``strip``)."""
    tokens = text[:found.start].split()
    while tokens and (norm_key(tokens[-1].strip(_TRAILING_SEPARATORS)) in _DATE_WORDS
                      or not tokens[-1].strip(_TRAILING_SEPARATORS)):
        tokens.pop()
    return " ".join(tokens).strip(_TRAILING_SEPARATORS if strip else " \t")


#: Between two writers' names on one byline: ``سارة عبد الحميد، كريم يوسف``, ``… و كريم يوسف``.
_NAME_LIST_SEP = re.compile(r"\s*[،,]\s*|\s+و\s*(?=\S)")


def byline_on_date_line(text: str, found: DateMatch) -> str | None:
    """The writer's name on a post's meta line that opens with a byline label, before the date
    (``بقلم سارة عبد الحميد الاثنين، 18 نوفمبر 2024 - 3:30 م``: ``سارة عبد الحميد``), or that
    opens with the name alone (:func:`_name_then_date`), else ``None``. Weekday and date words
    between the name and the date are not the name."""
    if not _BYLINE_LABEL_START.match(text):
        return _before_date(text, found) if _name_then_date(text, found) else None
    name = parse_byline(_before_date(text, found))
    if not name:
        return None
    names = [part.strip() for part in _NAME_LIST_SEP.split(name)]
    return name if all(looks_like_name(n, labelled=True) or len(n.split()) == 1 and n.isalpha() for n in names) else None


def date_line(text: str, tz: tzinfo) -> DateLine | None:
    """The date of ``text`` when the line is a date line (at most 3 words besides the date,
    weekday, Hijri date, labels such as ``تاريخ النشر`` and zone words; or a post's meta line:
    the same with its byline label, name, read and comment counts, see :data:`_META_WORDS`),
    else ``None``."""
    if words(text) > _DATE_LINE_MAX_WORDS or not re.search(r"\d", text):
        return None
    printed = find_dates(text, tz)
    if not printed:
        return None
    found = printed[0]
    residue = _residue_words(text, [*((d.start, d.end) for d in printed), *hijri_spans(text), *ago_spans(text)])
    if (len(residue) > _DATE_RESIDUE_MAX_WORDS and not _credit_then_date(text, found)
            and not _name_then_date(text, found)):
        meta_residue = [w for w in residue if w not in _META_WORDS]
        # a writer's label opening the line or inside it (``التاريخ DATE الكاتب NAME``) lets a name in
        named = _BYLINE_LABEL_START.match(text) or _WRITER_LABEL.search(text)
        allowed = _DATE_RESIDUE_MAX_WORDS + (_META_NAME_MAX_WORDS if named else 0)
        if len(meta_residue) == len(residue) or len(meta_residue) > allowed:
            return _date_beside_credits(text, tz)
    updated = says_updated(text)  # ``تعديل: DATE`` names no site
    return DateLine(found, updated, None if updated else _site_on_date_line(text, residue))


#: A part of a line set apart by a space run (:data:`PARAGRAPH_BREAK`): text without such a run.
_SPACED_PART = re.compile(r"[^ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+"
                          r"(?:[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{1,2}[^ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+)*")
#: A part of a meta line whose items are set apart by a middle dot or a bullet (``NAME · DATE``).
_DOTTED_PART = re.compile(r"[^·•‧]+")
#: Longest part beside the date part of such a line (credits: ``إعداد: NAME تصوير: NAME``).
BESIDE_DATE_MAX_WORDS = 8


def _date_beside_credits(text: str, tz: tzinfo) -> DateLine | None:
    """The date of a meta line whose parts the page set apart by space runs (separate
    elements copied side by side) or by middle dots: one part a date line, the others short
    and no sentence (``03 ديسمبر 2026 | 11:20 ص   إعداد: ريم الظاهري تصوير: خالد المرزوقي``,
    ``د. علي الموسوي · باحث غير مقيم · ٢٢ تشرين الثاني ٢٠٢٦ · قراءة في ٧ دقائق``)."""
    parts = list(_SPACED_PART.finditer(text))
    if len(parts) < 2:
        parts = list(_DOTTED_PART.finditer(text))  # ``NAME · باحث غير مقيم · DATE · قراءة في 7 دقائق``
    if len(parts) < 2:
        return None
    for part in parts:
        dated = date_line(part[0], tz)
        if dated is None:
            continue
        others = [p[0] for p in parts if p is not part]
        if any(words(o) > BESIDE_DATE_MAX_WORDS or ends_sentence(o) for o in others):
            return None
        match = dated.match
        shifted = replace(match, start=match.start + part.start(), end=match.end + part.start())
        return DateLine(shifted, dated.is_update, dated.site)
    return None
