"""sitegen.loaders.dates: Arabic/English publication dates → aware datetimes (one test per rule)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sitegen.loaders.dates import find_dates, is_relative_time, is_weekday, match_date, parse_date, url_date

CAIRO = ZoneInfo("Africa/Cairo")
RIYADH = ZoneInfo("Asia/Riyadh")


def wall(value: datetime | None) -> str | None:
    """The printed wall-clock time, as the corpus labels write it."""
    return value.strftime("%Y-%m-%dT%H:%M") if value else None


@pytest.mark.parametrize("text, expected", [
    ("الخميس 21 نوفمبر 2024 - 11:44", "2024-11-21T11:44"),
    ("السبت 3 إبريل 2021", "2021-04-03T00:00"),
    ("الاثنين 7 ابريل 2025", "2025-04-07T00:00"),
    ("1 يونيه 2020", "2020-06-01T00:00"),
    ("15 يوليه 2019", "2019-07-15T00:00"),
    ("9 أغسطس 2018", "2018-08-09T00:00"),
])
def test_egyptian_gulf_month_names_and_variants(text, expected):
    assert wall(parse_date(text, CAIRO)) == expected


@pytest.mark.parametrize("text, expected", [
    ("الأربعاء ٣ كانون الثاني ٢٠٢٤", "2024-01-03"),
    ("12 شباط 2023", "2023-02-12"),
    ("4 آذار 2022", "2022-03-04"),
    ("18 نيسان 2021", "2021-04-18"),
    ("6 أيار 2020", "2020-05-06"),
    ("30 حزيران 2019", "2019-06-30"),
    ("14 تموز 2018", "2018-07-14"),
    ("2 آب 2017", "2017-08-02"),
    ("22 أيلول 2016", "2016-09-22"),
    ("10 تشرين الأول 2015", "2015-10-10"),
    ("11 تشرين الثاني 2014", "2014-11-11"),
    ("25 كانون الأول 2013", "2013-12-25"),
])
def test_levantine_month_names(text, expected):
    assert wall(parse_date(text, CAIRO))[:10] == expected


@pytest.mark.parametrize("text, expected", [
    ("5 جانفي 2012", "2012-01-05"), ("5 فيفري 2012", "2012-02-05"), ("5 أفريل 2012", "2012-04-05"),
    ("5 ماي 2012", "2012-05-05"), ("5 جوان 2012", "2012-06-05"), ("الأحد 15 جويلية 2012", "2012-07-15"),
    ("5 يوليوز 2012", "2012-07-05"), ("5 غشت 2012", "2012-08-05"), ("5 أوت 2012", "2012-08-05"),
    ("5 شتنبر 2012", "2012-09-05"), ("5 نونبر 2012", "2012-11-05"), ("5 دجنبر 2012", "2012-12-05"),
    # Mauritanian spellings (tune11: «أطار بريس - 01 دجمبر 2026» was no date line)
    ("01 دجمبر 2026", "2026-12-01"), ("5 أغشت 2012", "2012-08-05"), ("5 شتمبر 2012", "2012-09-05"),
])
def test_maghreb_month_names(text, expected):
    assert wall(parse_date(text, CAIRO))[:10] == expected


def test_arabic_indic_and_persian_digits():
    assert wall(parse_date("الجمعة ٢٤ يناير ٢٠٢٥ - ١٨:٠٥", CAIRO)) == "2025-01-24T18:05"
    assert wall(parse_date("۱۲/۰۳/۲۰۲۴", CAIRO)) == "2024-03-12T00:00"


@pytest.mark.parametrize("text, expected", [
    ("07/04/2012", "2012-04-07"),         # day first (Arab usage)
    ("05 - 09 - 2012", "2012-09-05"),
    ("2-5-2012", "2012-05-02"),
    ("2012-03-08  (علوم)", "2012-03-08"),  # ISO
    ("2012/3/26", "2012-03-26"),
    ("12/25/2020", "2020-12-25"),          # second number > 12: month first
])
def test_numeric_dates(text, expected):
    assert wall(parse_date(text, CAIRO))[:10] == expected


def test_iso_datetime_with_offset_keeps_offset():
    value = parse_date("2024-11-21T11:44:00+03:00", CAIRO)
    assert value.utcoffset() == timedelta(hours=3)
    assert wall(value) == "2024-11-21T11:44"


@pytest.mark.parametrize("text, expected", [
    ("الجمعة، 24 يناير 2025 06:23 م", "2025-01-24T18:23"),
    ("12:40 ص 15/03/2024", "2024-03-15T00:40"),
    ("13 فبراير 2012 م - الساعه 8:07 مساءً", "2012-02-13T20:07"),
    ("3 مايو 2012 الساعة 9:30 صباحاً", "2012-05-03T09:30"),
    ("Tuesday, July 10, 2012 - 10:59 PM", "2012-07-10T22:59"),
    ("12:05 م 1/1/2020", "2020-01-01T12:05"),
])
def test_twelve_hour_clock(text, expected):
    assert wall(parse_date(text, CAIRO)) == expected


@pytest.mark.parametrize("text, expected", [
    # tune30 lb_municipal_results_zahle: «12:40 بعد منتصف الليل» was read as 12:40 noon
    ("26 تشرين الأول 2026 - 12:40 بعد منتصف الليل", "2026-10-26T00:40"),
    ("3 مايو 2026 12:40 فجراً", "2026-05-03T00:40"),
    ("3 مايو 2026 4:50 فجراً", "2026-05-03T04:50"),
    ("3 مايو 2026 11:40 ليلاً", "2026-05-03T23:40"),
    ("3 مايو 2026 1:30 ليلاً", "2026-05-03T01:30"),
    ("3 مايو 2026 12:00 ليلاً", "2026-05-03T00:00"),
    ("3 مايو 2026 4:15 عصراً", "2026-05-03T16:15"),
    ("3 مايو 2026 3:10 بعد الظهر", "2026-05-03T15:10"),
    ("3 مايو 2026 12:15 ظهراً", "2026-05-03T12:15"),
])
def test_words_for_the_part_of_the_day_after_a_twelve_hour_time(text, expected):
    assert wall(parse_date(text, CAIRO)) == expected


def test_a_dateline_after_the_time_is_not_its_zone():
    """A Cairo site's story from Baghdad or Washington: the place after the time (same line or
    the next) is the dateline, not the zone of the clock, which is the site's."""
    for text in ("26 نوفمبر 2026 - 18:20 بغداد - أعلن", "26 نوفمبر 2026 - 18:20\nواشنطن - أعلن"):
        value = parse_date(text, CAIRO)
        assert value.tzinfo == CAIRO and wall(value) == "2026-11-26T18:20"
    london = parse_date("26 نوفمبر 2026 - 18:20 بتوقيت لندن", CAIRO)
    assert london.utcoffset() == timedelta(0) and wall(london) == "2026-11-26T18:20"
    muscat = parse_date("26 نوفمبر 2026 - 18:20 (بتوقيت سلطنة عمان)", CAIRO)
    assert muscat.utcoffset() == timedelta(hours=4)

def test_gregorian_year_marker_is_not_pm():
    # "م" after the year means AD (ميلادي), the clock is 24-hour.
    assert wall(parse_date("26/5/2024 م الساعة 09:05", CAIRO)) == "2024-05-26T09:05"


def test_hijri_beside_gregorian_uses_gregorian():
    text = "الأحد 1445/11/18 هـ - الموافق 26/5/2024 م الساعة 21:05"
    assert wall(parse_date(text, CAIRO)) == "2024-05-26T21:05"
    text = "الإثنين 21 ربيع الأول 1433 هـ - الموافق 13 فبراير 2012 م"
    assert wall(parse_date(text, CAIRO)) == "2012-02-13T00:00"


def test_hijri_only_is_not_a_gregorian_date():
    assert parse_date("1445/11/18 هـ", CAIRO) is None


@pytest.mark.parametrize("text", ["نشر في 3 مارس 2023", "آخر تحديث: 3 مارس 2023", "التاريخ: 3 مارس 2023",
                                  "تاريخ النشر :3 مارس 2023"])
def test_label_prefixes(text):
    assert wall(parse_date(text, CAIRO))[:10] == "2023-03-03"


def test_named_zone_sets_offset():
    jerusalem = parse_date("الثلاثاء, 08 مايو, 2012, 10:20 بتوقيت القدس", CAIRO)
    assert jerusalem.tzinfo == ZoneInfo("Asia/Jerusalem")
    assert wall(jerusalem) == "2012-05-08T10:20"
    mecca = parse_date("19/8/2023 الساعة 06:15 (مكة المكرمة)، 03:15 (غرينتش)", CAIRO)
    assert mecca.tzinfo == RIYADH and wall(mecca) == "2023-08-19T06:15"
    gmt = parse_date("1/1/2020 10:00 GMT", CAIRO)
    assert gmt.utcoffset() == timedelta(0)
    plus4 = parse_date("1/1/2020 10:00 GMT+4", CAIRO)
    assert plus4.utcoffset() == timedelta(hours=4)


def test_naive_time_is_read_in_given_zone():
    value = parse_date("21 نوفمبر 2024 - 11:44", RIYADH)
    assert value.tzinfo == RIYADH
    assert value.astimezone(timezone.utc).hour == 8


def test_english_date_lines():
    assert wall(parse_date("Thursday, 21 November 2024", CAIRO)) == "2024-11-21T00:00"
    assert wall(parse_date("Nov 3, 2019", CAIRO)) == "2019-11-03T00:00"


@pytest.mark.parametrize("text", ["منذ ساعتين", "أمس", "قبل 5 دقائق", "اليوم"])
def test_relative_times_are_not_dates(text):
    assert parse_date(text, CAIRO) is None
    assert is_relative_time(text)


@pytest.mark.parametrize("text", ["2024-02-30", "31/04/2023", "30 فبراير 2024", "29/02/2023"])
def test_impossible_dates_give_none(text):
    assert parse_date(text, CAIRO) is None


def test_first_date_wins_and_spans_map_to_original_text():
    text = "تاريخ النشر: 3 مارس 2023 — تحديث: 4 مارس 2023"
    dates = find_dates(text, CAIRO)
    assert [d.value.day for d in dates] == [3, 4]
    first = match_date("نُشِرَ في ١٠ ديسمبر ٢٠١٢ الساعة 10:30", CAIRO)
    original = "نُشِرَ في ١٠ ديسمبر ٢٠١٢ الساعة 10:30"
    assert original[first.start:first.end].startswith("١٠ ديسمبر")
    assert original[first.start:first.end].endswith("10:30")
    assert first.has_time


def test_no_digits_no_date():
    assert parse_date("وزير الداخلية يزور الصين", CAIRO) is None


@pytest.mark.parametrize("text, expected", [
    ("5 يناير-كانون الثاني 2025", "2025-01-05"),
    ("5 كانون الثاني-يناير 2025", "2025-01-05"),
    ("2 نيسان / أبريل 2024", "2024-04-02"),
    ("17 مارس/ آذار 2020", "2020-03-17"),
    ("3 تشرين الأول 2024", "2024-10-03"),
])
def test_combined_month_names_any_separator(text, expected):
    assert wall(parse_date(text, CAIRO))[:10] == expected


@pytest.mark.parametrize("text, expected", [
    ("2026-01-08 | 12:42", "2026-01-08T12:42"),
    ("12:42 | 08/01/2026", "2026-01-08T12:42"),
    ("08.01.2026 - 12:42", "2026-01-08T12:42"),
    ("٠٢:٠٠ الثلاثاء ١ / ١٢ / ٢٠٢٠", "2020-12-01T02:00"),
])
def test_pipe_and_dash_between_date_and_time(text, expected):
    assert wall(parse_date(text, CAIRO)) == expected


def test_zone_printed_before_the_time():
    found = parse_date("GMT 17:27 17.03.2020", CAIRO)
    assert wall(found) == "2020-03-17T17:27" and found.utcoffset() == timedelta(0)


@pytest.mark.parametrize("text", ["10 مايو 2024 14:00 GMT+24", "10 مايو 2024 14:00 +99:00", "10 مايو 2024 14:00 GMT-30"])
def test_out_of_range_offset_is_reported_not_raised(text):
    found = match_date(text, CAIRO)
    assert wall(found.value) == "2024-05-10T14:00"
    assert found.value.tzinfo is CAIRO  # the site's zone, not a made-up offset
    assert found.problem and "offset" in found.problem


def test_printed_offset_after_the_date_when_the_time_comes_first():
    # «آخر تحديث: 14:05 الأحد 07 ديسمبر 2025 (GMT+4)»: the zone ends the date, not the time.
    found = match_date("آخر تحديث: 14:05 الأحد 07 ديسمبر 2025 (GMT+4)", CAIRO)
    assert found.value.isoformat() == "2025-12-07T14:05:00+04:00"


def test_arabic_gmt_with_an_offset():
    found = match_date("12/10/2025 10:30 بتوقيت غرينتش+4", CAIRO)
    assert found.value.isoformat() == "2025-10-12T10:30:00+04:00"


@pytest.mark.slow
@pytest.mark.parametrize("head", ["12 أكتوبر 2025 10:30", "أكتوبر 12", "12 من", "12 أكتوبر 2025 10:30 ("])
def test_a_long_run_of_spaces_after_a_date_is_read_in_linear_time(head):
    # Adjacent space-taking quantifiers (\s*,?\s*) made a 50,000-space run take minutes.
    began = time.process_time()
    find_dates(head + " " * 200_000 + "x", CAIRO)
    assert time.process_time() - began < 2.0


def test_a_hijri_only_date_is_read_through_the_umm_al_qura_calendar():
    riyadh = ZoneInfo("Asia/Riyadh")
    assert parse_date("الأحد 19 جمادى الآخرة 1448هـ", riyadh) == datetime(2026, 11, 29, tzinfo=riyadh)
    assert parse_date("1 رمضان 1447 هـ", riyadh) == datetime(2026, 2, 18, tzinfo=riyadh)
    # beside a Gregorian date the Gregorian one is read, as before
    assert parse_date("19 جمادى الآخرة 1448هـ - 30 نوفمبر 2026", riyadh).day == 30
    assert parse_date("30 محرم 1600 هـ", riyadh) is None  # outside the tables


@pytest.mark.parametrize("text, expected", [
    ("الرابط المختصر: https://example.net/news/2026/11/29/bridge-closure-48213", "2026-11-29T00:00"),
    ("https://example.net/2025-03-07-budget.html", "2025-03-07T00:00"),
    ("http://a.example/story/123 ثم https://b.example/ar/2024/1/5/slug", "2024-01-05T00:00"),
])
def test_url_date_reads_the_permalink_path(text, expected):
    found = url_date(text, CAIRO)
    assert wall(found.value) == expected and not found.has_time
    assert text[found.start:found.end].startswith("http")


@pytest.mark.parametrize("text", [
    "https://example.net/news/48213/bridge",      # no date in the path
    "https://example.net/news/2026/02/30/slug",   # impossible day
    "https://example.net/news/3026/11/29/slug",   # year out of range
    "2026/11/29 بلا عنوان",                      # a date, but no web address
])
def test_url_date_is_none_without_a_dated_path(text):
    assert url_date(text, CAIRO) is None


def test_french_month_names_of_maghreb_pages():
    assert wall(parse_date("Publié le samedi 28 novembre 2026 à 14h30", CAIRO)) == "2026-11-28T14:30"
    assert wall(parse_date("le 3 février 2025", CAIRO)) == "2025-02-03T00:00"
    assert wall(parse_date("15 août 2024 à 9h05", CAIRO)) == "2024-08-15T09:05"


def test_each_date_of_a_line_takes_its_own_time():
    # tune6: «نُشر: DATE 09:12 ص | آخر تحديث: DATE 11:40 ص» gave both dates 09:12
    found = find_dates("نُشر: 29 نوفمبر 2026 09:12 ص | آخر تحديث: 29 نوفمبر 2026 11:40 ص", CAIRO)
    assert [wall(d.value) for d in found] == ["2026-11-29T09:12", "2026-11-29T11:40"]
    # a time before the date is still its own when none follows it
    assert wall(parse_date("14:05 الأحد 07 ديسمبر 2025", CAIRO)) == "2025-12-07T14:05"


def test_a_weekday_alone_is_told_from_a_word_or_a_date():
    assert [is_weekday(t) for t in ("الجمعة ", "الجمعة، ", "الخميس", "Friday", "الجمعة 4", "بيان", "")] == \
        [True, True, True, True, False, False, False]


def test_a_local_time_printed_with_its_gmt_time_is_the_dates_time():
    # tune64 QA_hiwar_energy_economist_gas_markets: «02:15 م (توقيت الدوحة) / 11:15 GMT - DATE»
    # took the GMT time, the nearer one; the labelling rule takes the first, local one
    text = "الدوحة - 02:15 م (توقيت الدوحة) / 11:15 GMT - الثلاثاء 24 نوفمبر 2026"
    assert [d.value.isoformat() for d in find_dates(text, timezone.utc)] == ["2026-11-24T14:15:00+03:00"]
    assert [d.value.isoformat() for d in find_dates("24 نوفمبر 2026 11:15 GMT", timezone.utc)] == ["2026-11-24T11:15:00+00:00"]
