"""Who made a story and where it was filed from, as a page prints it on one line: bylines
(``كتب : طارق هلال``, ``بقلم``, ``Par``), credits and datelines (``دبي - البيان``, ``NAME- SITE-
CITY:``, ``لندن: محمد الشافعي``), a writer's name with a job title, credits glued to a first
paragraph, aggregator lines (``نشر في SITE يوم DATE``) and the roles of a newspaper's masthead
(``رئيس التحرير: NAME``). Every pattern is bounded or split in two searches: linear on any line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.loaders.line_text import FUNCTION_WORDS, ends_with_punct, norm_key, words
from sitegen.loaders.places import is_place

__all__ = ["masthead_role", "looks_like_name", "name_with_job_title", "parse_byline", "Credit", "parse_credit",
           "parse_place_byline", "parse_place_credit", "opens_with_job_title", "glued_credit", "parse_aggregator"]


# --- masthead -----------------------------------------------------------------------

#: The roles a newspaper's masthead prints, as printed (matched longest first, folded).
_ROLES = [
    "رئيس مجلس الإدارة ورئيس التحرير", "رئيس مجلس الإدارة والعضو المنتدب", "رئيس مجلس الإدارة",
    "رئيس التحرير التنفيذي", "نائب رئيس التحرير", "رئيس التحرير", "مدير عام التحرير", "مدير التحرير",
    "المدير العام", "المدير التنفيذي", "العضو المنتدب", "المشرف العام", "مساعد رئيس التحرير",
    "سكرتير التحرير", "رئيس القسم", "الناشر", "المدير المسؤول", "مدير النشر",
]
_ROLE_KEYS = sorted(((norm_key(r), r) for r in _ROLES), key=lambda kr: len(kr[0]), reverse=True)
_ROLE_FIRST_WORDS = frozenset(k.split(" ", 1)[0] for k, _ in _ROLE_KEYS)


def masthead_role(text: str) -> tuple[str, str] | None:
    """``(role, name)`` when ``text`` is a masthead line: a role alone (name ``""``) or
    ``role: name`` on one line; else ``None``. The role is given as printed.
    """
    if words(text) > 12:
        return None
    key = norm_key(text)
    if key.split(" ", 1)[0].rstrip(":") not in _ROLE_FIRST_WORDS:
        return None
    for role_key, _ in _ROLE_KEYS:
        if key == role_key or key == role_key + ":":
            return text.rstrip(": ").strip(), ""
        if key.startswith(role_key + ":") or key.startswith(role_key + " :"):
            head, _, name = text.partition(":")
            name = name.strip()
            if 0 < words(name) <= 5:
                return head.strip(), name
    return None


# --- bylines, datelines, credits ------------------------------------------------------

#: The byline label of an interview: ``حاوره`` / ``حاورتها`` / ``حوار`` (who put the questions).
_INTERVIEW_LABEL = re.compile(r"^\s*(?:حاور(?:تها|ته|ها|هم|ه)|حوار)(?![^\W\d_])\s*[:\-–ـ/|]?")


def names_interviewer(text: str) -> bool:
    """True when ``text`` is an interview's byline (``حاورتها: دينا السمّان``): the text under
    it is questions and answers, the questions its paragraphs (``shared/corpus/SOURCES.md``:
    a heading has no sentence-final punctuation)."""
    return _INTERVIEW_LABEL.match(text) is not None and parse_byline(text) is not None


#: The labels a byline opens with.
_LABELS = r"كتب(?:ها|ت|ه)?|بقلم|إعداد|اعداد|تقرير|تحليل|حاور(?:تها|ته|ها|هم|ه)|حوار|متابعة|ترجمة|تحرير|بواسطة|By|Par"
#: A second label joined to the first (``تقرير وتصوير``, ``نص وتصوير``, ``ترجمة وتحرير``): the
#: writer took the pictures too, or translated and edited.
_AND_LABEL = rf"و(?:تصوير|{_LABELS})"
_BYLINE = re.compile(
    rf"^\s*(?P<label>(?:{_LABELS})(?:\s+{_AND_LABEL})?|(?:نص|تحقيق)\s+{_AND_LABEL})(?![^\W\d_])"
    r"\s*(?:[:\-–ـ/|]\s*)*\s*(?P<name>[^:]{2,60}?)\s*:?\s*$",
    re.IGNORECASE,
)
_LABEL_WORD = re.compile(rf"(?:{_LABELS})", re.IGNORECASE)


def looks_like_name(text: str, labelled: bool = False) -> bool:
    """True when ``text`` could be a person's name alone: 2–4 words, letters only, no
    function words (في، من، على …), no digits, no religious formula (:data:`_FORMULA_OPENINGS`).
    ``labelled``: a byline label (``كتب:``, ``حاوره:``) says a name follows, so «على» there is
    the name Ali in Egyptian spelling wherever it stands (without a label: only last in a name)."""
    # «محمّد حدّاد»: a shadda is no letter; «د. NAME*»: the star points to a note on the writer
    tokens = text.strip().strip("*").translate(_NAME_MARKS).replace("ـ", " ").split()
    if not 2 <= len(tokens) <= 4:
        return False
    if any(not t.replace(".", "").isalpha() for t in tokens):
        return False
    if norm_key(tokens[0]) in _FORMULA_OPENINGS:
        return False
    # «مشروب الجبال والسهول»: «و» + «ال» + a noun joins two common nouns; in a name «و» joins two
    # persons' names (``سامي وليلى``), never one with the article
    if any(t.startswith("وال") and len(t) >= 6 for t in tokens[1:]):
        return False
    # «محمد على», «سميرة بن على»: Egyptian spelling writes the name's final ي as ى; last in a
    # name it is the name (the preposition always has a word after it)
    return not any(norm_key(t) in FUNCTION_WORDS and t not in _NAMES_LIKE_FUNCTION_WORDS
                   and not (t == "على" and (labelled or i == len(tokens) - 1)) for i, t in enumerate(tokens))


#: First words of the religious formulas a page prints alone on a line, which are no name:
#: ``بسم الله الرحمن الرحيم`` (the basmala), ``الحمد لله``, ``سبحان الله``, ``إنا لله``.
_FORMULA_OPENINGS = frozenset(norm_key(w) for w in ("بسم", "الحمد", "سبحان", "إنا"))


#: The marks a name may be written with (short vowels, sukun, shadda, dagger alef), dropped before
#: asking whether its words are letters; tanween (U+064B–U+064D) is not among them: it marks an
#: indefinite noun (``أرقاماً``), which no name is.
_NAME_MARKS = dict.fromkeys([*range(0x064E, 0x0653), 0x0670])
#: Given names that fold onto a function word: ``علي`` (Ali) is ``على`` (on) once ى is folded
#: to ي; standard spelling writes the preposition with ى, so ``علي`` as printed is the name.
_NAMES_LIKE_FUNCTION_WORDS = frozenset(("علي",))


#: Job titles a newsroom prints after a writer's name (folded, both genders).
_JOB_TITLES = frozenset(norm_key(w) for w in (
    "مراسل", "مراسلة", "محرر", "محررة", "كاتب", "كاتبة", "صحفي", "صحفية", "صحافي", "صحافية", "رئيس", "رئيسة",
    "مدير", "مديرة", "باحث", "باحثة", "أستاذ", "أستاذة", "محلل", "محللة", "خبير", "خبيرة", "مستشار",
    "مستشارة", "مندوب", "مندوبة", "موفد", "موفدة", "مراسلة", "correspondant", "correspondante", "journaliste"))
#: The job title after the name is at most this many words (``مراسلة الشؤون البرلمانية``).
JOB_TITLE_MAX_WORDS = 6


def name_with_job_title(text: str) -> str | None:
    """The name in a writer's line ``NAME JOB TITLE`` (``رنا حداد مراسلة الشؤون البرلمانية``,
    ``سامي خوري محرر الشؤون الاقتصادية``): a name of 2–4 words, then a job title opening with
    one of :data:`_JOB_TITLES`, no digits, no sentence punctuation; else ``None``."""
    tokens = text.split()
    if not 3 <= len(tokens) <= 4 + JOB_TITLE_MAX_WORDS or any(ch.isdigit() for ch in text) or ends_with_punct(text):
        return None
    for at in range(2, min(4, len(tokens) - 1) + 1):
        name = " ".join(tokens[:at])
        if norm_key(tokens[at]) in _JOB_TITLES and len(tokens) - at <= JOB_TITLE_MAX_WORDS and looks_like_name(name):
            return name
    return None


def parse_byline(text: str) -> str | None:
    """The name in a byline line (``كتب : طارق هلال``, ``بقلم: د. يوسف``, ``كتب/ محمد``, ``كتب
    نبيل فرح في «الشرفة»:`` → ``نبيل فرح``), else ``None``; without what a post's meta line
    prints beside it (``By: NAME | 5 min read``) or the place after it (``كتب: NAME - الخبر``)."""
    m = _BYLINE.match(text)
    if not m:
        return None
    name = _without_place_after(_without_counts(m["name"]))
    if words(name) > 6 and not all(looks_like_name(part, labelled=True) for part in _SPACED_DASH.split(name)):
        return None  # longer only as writers' names set apart by dashes (``NAME - NAME``)
    return _IN_PUBLICATION.sub("", name).strip(" -–ـ/:") or None


#: The separators between a byline's name and what a post's meta line prints beside it.
_META_SEPARATOR = re.compile(r"\s*[|·•]\s*")


def _without_counts(name: str) -> str:
    """``name`` without the parts after a ``|`` or ``·`` that hold a figure (a reading time
    ``5 min read``, a count of views): no name has a digit."""
    parts = _META_SEPARATOR.split(name)
    while len(parts) > 1 and any(ch.isdigit() for ch in parts[-1]):
        parts.pop()
    return " | ".join(parts) if len(parts) > 1 else parts[0]


_SPACED_DASH = re.compile(r"\s+[-–—]\s+")


def _without_place_after(name: str) -> str:
    """``name`` without one word after a spaced dash (``فهد سالم العتيبي - الخبر``) when what
    is before it is a name: the city the story was filed from (a second writer's name, as in
    ``NAME - محمود الشاذلي``, has two words or more)."""
    parts = _SPACED_DASH.split(name.strip())
    if len(parts) == 2 and words(parts[1]) == 1 and parts[1].isalpha() and looks_like_name(parts[0], labelled=True):
        return parts[0]
    return name


#: Where the byline says the piece was written for, after the name: ``كتب نبيل فرح في «الشرفة»:``.
_IN_PUBLICATION = re.compile(r"\s+(?:في|فى|لـ|ل)\s*(?:«[^«»]{1,40}»|\"[^\"]{1,40}\"|“[^“”]{1,40}”)\s*$")


_DASH_SPLIT = re.compile(r"\s*[-–—]\s*|\s+ـ+\s*|\s*ـ+\s+|\s+/\s*|/\s+")


@dataclass(frozen=True)
class Credit:
    """The parts of a credit/dateline line such as ``دبي - البيان``, ``حاتم العميري- سبق- مكة المكرمة:``.

    ``place`` is the dateline city, ``source`` the publisher or agency, ``person`` a
    reporter; any may be ``None``.
    """

    place: str | None
    source: str | None
    person: str | None


def _strip_quotes(part: str) -> str:
    return part.strip(" \"'«»“”()[]:")


#: Longest credit line in characters (three parts of four long words, and dashes).
CREDIT_MAX_CHARS = 160


#: ``خاص`` (exclusive to) before the site's name in a credit: ``خاص الشهباء``, ``خاص بـ SITE``, ``خاص لـSITE``.
_EXCLUSIVE_TO = re.compile(r"خاص(?:\s+|$)(?:(?:بـ|لـ|ب|ل)\s*(?=\S))?")


#: A title abbreviated before a name (``د.`` doctor, ``م.`` engineer, ``أ.د.`` professor): its
#: point is no sentence's.
_HONORIFIC = re.compile(r"(?<![^\W\d_])(?:[أا]\.\s*د|د|م|أ)\.(?=\s*[^\W\d_])")


def parse_credit(text: str) -> Credit | None:
    """Split a short dash-separated credit line into place/source/person, else ``None``.

    Accepted: 2 or 3 parts of 1–4 words each, no sentence punctuation, no digits.
    ``A - B`` → place A (one word, a known place of :mod:`~sitegen.loaders.places`, or the
    line ends with ``:``) or person A, source B
    (or person B when B has 3+ words); ``A - B - C`` → person A, source B, place C.
    """
    body = text.strip()
    if len(body) > CREDIT_MAX_CHARS:  # 3 parts of 4 words at most; also keeps the split linear
        return None
    colon = body.endswith(":")
    body = body.rstrip(": ").strip()
    if not body or re.search(r"\d|[.!؟?،,]", _HONORIFIC.sub("", body)):
        return None
    parts = [_strip_quotes(p) for p in _DASH_SPLIT.split(body)]
    parts = [p for p in parts if p]
    if len(parts) not in (2, 3) or any(words(p) > 4 for p in parts):
        return None
    if len(parts) == 3:
        return Credit(place=parts[2], source=parts[1], person=parts[0])
    first, second = parts
    exclusive = _EXCLUSIVE_TO.match(second)
    if exclusive:  # ``حلب - خاص الشهباء اليوم``: the story is the site's own, no reporter named
        return Credit(place=first, source=second[exclusive.end():].strip() or second, person=None)
    if words(second) >= 3 or _HONORIFIC.match(second):
        return Credit(place=first, source=None, person=second)
    if colon or words(first) == 1 or is_place(first):
        return Credit(place=first, source=second, person=None)
    return Credit(place=None, source=second, person=first)


#: Labels that a ``LABEL: NAME`` line may carry that say who made a picture or where a story
#: came from, not where its reporter filed from.
_NOT_A_PLACE = frozenset(norm_key(w) for w in (
    "المصدر مصدر تصوير صورة الصورة الصور تصميم جرافيك انفوجراف إنفوجراف القسم التصنيف الوسوم "
    "الكلمات المفتاحية الموضوع").split())
_PLACE_BYLINE = re.compile(r"^\s*(?P<place>[^\W\d_][^:\d]{0,40}?)\s*:\s*(?P<name>[^:\d]{2,60}?)\s*$")


def parse_place_byline(text: str) -> Credit | None:
    """A reporter's dateline and name on one line, ``PLACE: NAME`` (``لندن: محمد الشافعي``,
    the Arabic press's usual head of a filed story), else ``None``.

    ``PLACE`` is one to three words of letters, none of them a function word or a label of
    :data:`_NOT_A_PLACE` (``المصدر``, ``تصوير`` …); ``NAME`` passes :func:`looks_like_name`.
    """
    if len(text) > CREDIT_MAX_CHARS:
        return None
    m = _PLACE_BYLINE.match(text)
    if not m or not looks_like_name(m["name"]):
        return None
    place = m["place"].split()
    if not 1 <= len(place) <= 3 or any(not t.isalpha() for t in place):
        return None
    if any(norm_key(t) in FUNCTION_WORDS or _not_a_place(t) for t in place):
        return None
    return Credit(place=m["place"].strip(), source=None, person=m["name"].strip())


def _not_a_place(word: str) -> bool:
    """True when ``word`` is a label of :data:`_NOT_A_PLACE` or a byline's label (``تقرير``),
    bare or after the conjunction و (``تقرير وتصوير``)."""
    bare = word[1:] if word.startswith("و") else word
    return norm_key(word) in _NOT_A_PLACE or norm_key(bare) in _NOT_A_PLACE or _LABEL_WORD.fullmatch(bare) is not None


def parse_place_credit(text: str) -> Credit | None:
    """A dateline and a labelled credit on one line: ``PLACE: BYLINE`` (``بشار: حاوره عبد
    القادر بلخير``) or ``PLACE: JOB TITLE [SOURCE]`` (``ود مدني: مراسل منبر ود مدني``,
    ``ود مدني: مراسلنا``: no person named, the source kept), else ``None``. Unlike
    :func:`parse_place_byline` the credit's own label says what it is, so such a line is no
    deck (``SPEAKER: QUOTE`` reads like ``PLACE: NAME``)."""
    if len(text) > CREDIT_MAX_CHARS:
        return None
    m = _PLACE_BYLINE.match(text)
    if not m:
        return None
    place = m["place"].split()
    if (not 1 <= len(place) <= 3 or any(not t.isalpha() for t in place)
            or any(norm_key(t) in FUNCTION_WORDS or norm_key(t) in _NOT_A_PLACE for t in place)):
        return None
    credit = m["name"].strip()
    if (byline := parse_byline(credit)) is not None and looks_like_name(byline, labelled=True):
        return Credit(place=m["place"].strip(), source=None, person=byline)
    first, _, rest = credit.partition(" ")
    if _job_title(first) and words(rest) <= 4 and not ends_with_punct(credit):
        return Credit(place=m["place"].strip(), source=rest.strip() or None, person=None)
    return None


def opens_with_job_title(text: str) -> bool:
    """True when ``text``'s first word is a job title (:data:`_JOB_TITLES`): ``أستاذ التخطيط
    العمراني بجامعة الإسكندرية``, ``مراسلة الشؤون البرلمانية``."""
    first = text.split(maxsplit=1)
    return bool(first) and _job_title(first[0])


def _job_title(word: str) -> bool:
    """A job title of :data:`_JOB_TITLES`, bare or with a possessive (``مراسلنا``, ``مندوبتنا``)."""
    key = norm_key(word)
    return key in _JOB_TITLES or any(key.endswith(own) and key[:-len(own)] in _JOB_TITLES for own in ("نا", "تنا"))


_GLUED_CREDIT = re.compile(r"^(?P<credit>[^.:،؛!؟]{3,70}?)\s*:\s*(?=\S)")
_GLUED_BYLINE = re.compile(
    r"^(?:(?P<place>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?)\s*[-–ـ]\s*)?"  # ``سلفيت - كتب …:``: the place it was filed from
    r"(?P<credit>(?:كتب(?:ت)?|بقلم)\s*[-–ـ/:]?\s*[^:.،]{2,40}?)\s*[:\-–ـ]\s*(?=\S)")


def glued_credit(text: str) -> tuple[str, Credit | None, str | None, str] | None:
    """A credit glued to the start of a first paragraph, split off.

    ``"حاتم العميري- سبق- مكة المكرمة: اعترف …"`` → ``(credit_text, Credit, byline, rest)``;
    ``"كتب ـ أيمن حسين:صدر عن …"`` → byline ``أيمن حسين``. ``None`` when there is none.
    """
    m = _GLUED_BYLINE.match(text)
    if m and parse_byline(m["credit"]):
        return m["credit"], None, parse_byline(m["credit"]), text[m.end():]
    m = _GLUED_CREDIT.match(text)
    if m:
        credit = parse_credit(m["credit"] + ":")
        if credit:
            return m["credit"], credit, credit.person, text[m.end():]
    return None


_PUBLISHED_IN = re.compile(r"نشر\s+(?:في|فى)")
_ON_DAY = re.compile(r"\s+يوم\s+")


def parse_aggregator(text: str) -> tuple[str, str] | None:
    """``(text_before, site)`` of an aggregator line ``… نشر في SITE يوم DATE``, else ``None``.

    ``text_before`` is what is glued in front (a subtitle or a byline), possibly ``""``.
    """
    # Two forward searches instead of one pattern with three lazy groups (which backtracks
    # cubically on a long line): linear in len(text).
    published = _PUBLISHED_IN.search(text)
    if not published:
        return None
    day = _ON_DAY.search(text, published.end())
    if not day or not any(c.isdigit() for c in text[day.end():]):
        return None
    site = text[published.end():day.start()].strip()
    if not site or words(site) > 6:
        return None
    return text[:published.start()].strip(), site
