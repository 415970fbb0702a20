"""Places a dateline names in more than one word (``مكة المكرمة``, ``رام الله``).

A credit line ``A - B`` reads a one-word ``A`` as the dateline's place and a longer one as a
reporter's name (:func:`sitegen.loaders.bylines.parse_credit`); the cities and countries of the
Arab world whose names have two or three words are listed here, folded as
:func:`sitegen.loaders.dates.fold_for_match` folds them, so that ``مكة المكرمة - واس`` is a
place and an agency, not a person. The list is data (gazetteer), not a rule per outlet.
"""

from __future__ import annotations

from sitegen.loaders.dates import ZONE_NAMES, fold_for_match

#: Places of two or more words (capitals, large cities, governorates, countries).
_MULTIWORD = (
    "مكة المكرمة", "المدينة المنورة", "أبو ظبي", "أبوظبي", "رأس الخيمة", "أم القيوين", "رام الله",
    "شرم الشيخ", "كفر الشيخ", "بني سويف", "مرسى مطروح", "البحر الأحمر", "جنوب سيناء", "شمال سيناء",
    "الدار البيضاء", "دير الزور", "دير البلح", "خان يونس", "بيت لحم", "جبل لبنان", "البقاع الغربي",
    "حفر الباطن", "خميس مشيط", "المنطقة الشرقية", "الجبل الأخضر", "شمال الباطنة", "جنوب الباطنة",
    "سيدي بوزيد", "سيدي بلعباس", "برج بوعريريج", "عين تموشنت", "أم درمان", "ود مدني",
    "جزر القمر", "سلطنة عمان", "الضفة الغربية", "قطاع غزة", "القدس المحتلة", "القدس الشرقية",
    "مدينة الكويت", "مدينة غزة", "إقليم كردستان", "المملكة المغربية", "واشنطن العاصمة", "لوس أنجلوس",
)
PLACES = frozenset(fold_for_match(name) for name in _MULTIWORD) | frozenset(ZONE_NAMES)


def is_place(text: str) -> bool:
    """True when ``text`` (one credit part, any spelling) names a known place of
    :data:`PLACES` — the folded forms of :data:`_MULTIWORD` and of the dates' zone names."""
    return " ".join(fold_for_match(text).split()) in PLACES
