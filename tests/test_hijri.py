"""sitegen.hijri: Umm al-Qura conversions both ways, within the tables."""

from datetime import date

from sitegen.hijri import gregorian_day, hijri_date


def test_gregorian_day_is_the_inverse_of_hijri_date():
    h = hijri_date(2026, 11, 29)
    assert (h.year, h.month, h.day) == (1448, 6, 19)
    assert gregorian_day(1448, 6, 19) == date(2026, 11, 29)


def test_days_outside_the_tables_or_the_month_are_none():
    assert gregorian_day(1600, 1, 1) is None
    assert gregorian_day(1448, 13, 1) is None
    assert gregorian_day(1448, 1, 31) is None
