"""The Umm al-Qura Hijri date of a Gregorian day (hijridate), within the tables' range.

hijridate's Umm al-Qura tables cover 1343–1500 AH, Gregorian 1924-08-01 to 2077-11-16
(``hijridate.ummalqura.GREGORIAN_RANGE``); outside them it raises ``OverflowError``.
"""

from __future__ import annotations

from datetime import date

from hijridate import Gregorian, Hijri


def hijri_date(year: int, month: int, day: int) -> Hijri | None:
    """The Umm al-Qura date of the Gregorian day ``year-month-day`` (a local calendar day),
    or ``None`` when the day is outside the Umm al-Qura tables (never raises for a valid day)."""
    try:
        return Gregorian(year, month, day).to_hijri()
    except OverflowError:
        return None


def gregorian_day(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of the Umm al-Qura date ``year-month-day`` (AH), or ``None`` when it
    is no day of the tables (month out of range, day 30 of a 29-day month, a year outside
    1343–1500 AH)."""
    try:
        return Hijri(year, month, day).to_gregorian()
    except (OverflowError, ValueError):
        return None
