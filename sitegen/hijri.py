"""The Umm al-Qura Hijri date of a Gregorian day (hijridate), within the tables' range.

hijridate's Umm al-Qura tables cover 1343–1500 AH, Gregorian 1924-08-01 to 2077-11-16
(``hijridate.ummalqura.GREGORIAN_RANGE``); outside them it raises ``OverflowError``.
"""

from __future__ import annotations

from hijridate import Gregorian, Hijri


def hijri_date(year: int, month: int, day: int) -> Hijri | None:
    """The Umm al-Qura date of the Gregorian day ``year-month-day`` (a local calendar day),
    or ``None`` when the day is outside the Umm al-Qura tables (never raises for a valid day)."""
    try:
        return Gregorian(year, month, day).to_hijri()
    except OverflowError:
        return None
