"""sitegen.loaders.fields: front matter date values (days, gaps, expiry, the accepted forms)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from sitegen.errors import SitegenError
from sitegen.loaders.fields import parse_date_value, parse_expires_value, start_of_day, written_day

CAIRO = ZoneInfo("Africa/Cairo")  # DST starts at 00:00 on the last Friday of April: 2024-04-26
NEW_YORK = ZoneInfo("America/New_York")


def bad(value, key="date", tz=CAIRO):
    with pytest.raises(SitegenError) as info:
        parse_date_value(value, tz, "a.md", key)
    (diag,) = info.value.diagnostics
    assert (diag.path, diag.code, diag.field) == ("a.md", "bad-value", key)
    return diag


# --- the first instant of a day ---------------------------------------------------------


@pytest.mark.parametrize("zone, day, first", [
    ("Africa/Cairo", date(2024, 4, 26), "2024-04-26T01:00:00+03:00"),       # midnight skipped
    ("Africa/Cairo", date(2024, 4, 25), "2024-04-25T00:00:00+02:00"),
    ("Africa/Cairo", date(2024, 11, 1), "2024-11-01T00:00:00+02:00"),       # after the repeated hour
    ("America/Sao_Paulo", date(2018, 11, 4), "2018-11-04T01:00:00-02:00"),  # midnight skipped
    ("Pacific/Apia", date(2011, 12, 31), "2011-12-31T00:00:00+14:00"),      # the day after a skipped day
])
def test_start_of_day_is_midnight_or_the_end_of_a_gap_that_skips_it(zone, day, first):
    moment = start_of_day(day, ZoneInfo(zone))
    assert moment.isoformat() == first
    assert moment.tzinfo == ZoneInfo(zone)


# --- date-only values -------------------------------------------------------------------


@pytest.mark.parametrize("key", ["date", "updated"])
@pytest.mark.parametrize("value", ["2024-04-26", "٢٠٢٤-٠٤-٢٦", date(2024, 4, 26)])
def test_a_day_whose_midnight_is_skipped_is_its_first_instant_not_an_error(value, key):
    # /tmp/attack47/r3-dateonly-dst-midnight-rejected.sh: `date: 2024-04-26` in Africa/Cairo was
    # "2024-04-26 00:00:00 does not exist … use a time outside the gap", and the article was dropped
    assert parse_date_value(value, CAIRO, "a.md", key).isoformat() == "2024-04-26T01:00:00+03:00"
    assert written_day(value) == date(2024, 4, 26)


@pytest.mark.parametrize("value", ["2024-04-26T00:30", "2024-04-26 00:00"])
def test_a_written_time_inside_the_gap_is_still_an_error(value):
    diag = bad(value)
    assert "does not exist in Africa/Cairo" in diag.message and "outside the gap" in diag.hint


@pytest.mark.parametrize("value", ["2024-04-26T00:30", "2024-04-26T00:00:00+02:00", " 2024-04-26 ", 20240426])
def test_written_day_is_none_for_a_time_or_a_number(value):
    assert written_day(value) == (date(2024, 4, 26) if value == " 2024-04-26 " else None)


# --- expires ------------------------------------------------------------------------------


@pytest.mark.parametrize("value, gone", [
    ("2025-01-05", "2025-01-06T00:00:00+02:00"),                # kept through the whole day
    ("2024-04-25", "2024-04-26T01:00:00+03:00"),                # the next day starts after the gap
    ("2025-01-05T18:00", "2025-01-05T18:00:00+02:00"),          # a written time is the time
    ("2025-01-05T00:00:00+02:00", "2025-01-05T00:00:00+02:00"),
])
def test_a_day_only_expiry_withdraws_the_article_after_that_day(value, gone):
    # /tmp/attack47/r9-expires-dateonly-removed-a-day-early.sh: README "removed from the site after
    # this date", but `expires: 2025-01-05` removed the article at 00:00 on 2025-01-05
    assert parse_expires_value(value, CAIRO, "a.md", "expires").isoformat() == gone


@pytest.mark.parametrize("value", ["9999-12-31", "٩٩٩٩-١٢-٣١", "9999-12-31T23:59:59Z", date(9999, 12, 31),
                                   datetime(9999, 1, 1, tzinfo=timezone.utc)])
def test_an_expiry_in_the_year_9999_is_none(value):
    # Left by stop 47: `expires: 9999-12-31`, how a CMS writes "never", was a bad-value error that
    # left the whole article out; a date (expires:) still has the one year range.
    assert parse_expires_value(value, CAIRO, "a.md", "expires") is None
    assert "out of the supported date range" in bad(value).message


@pytest.mark.parametrize("value", ["9999-02-30", "9999-12-31T25:00", "99999-01-01"])
def test_an_invalid_day_of_the_year_9999_is_still_refused_as_an_expiry(value):
    with pytest.raises(SitegenError):
        parse_expires_value(value, CAIRO, "a.md", "expires")


# --- the forms and years a date may take ----------------------------------------------------


@pytest.mark.parametrize("value", ["0001-01-01", "0001-01-01T00:00+00:00", "9999-12-31", "9999-12-31T10:00Z",
                                   datetime(1, 1, 1, tzinfo=timezone.utc)])
def test_one_year_range_for_every_form(value):
    # /tmp/attack47 fault 4: 0001-01-01T00:00+00:00 and 9999-12-31 were accepted, 0001-01-01 refused
    # with "write a date between the years 2 and 9998"
    diag = bad(value)
    assert "out of the supported date range" in diag.message
    assert diag.hint == "write a date between the years 2 and 9998"


@pytest.mark.parametrize("value, first", [("0002-01-01T00:00+00:00", "0002-01-01T00:00:00+00:00"),
                                          ("9998-12-31", "9998-12-31T00:00:00+02:00")])
def test_the_range_ends_are_dates(value, first):
    assert parse_date_value(value, CAIRO, "a.md", "date").isoformat() == first
    parse_expires_value(value, CAIRO, "a.md", "expires").astimezone(timezone.utc)  # no overflow a day later


@pytest.mark.parametrize("value", ["2024-W47-4", "2024-W47", "2024-326", "20241121", "2024-11-21T09:30:00".replace("-", "")])
def test_week_ordinal_and_basic_dates_are_refused(value):
    # /tmp/attack47 fault 4: `2024-W47-4` was read as an invented midnight; README documents YYYY-MM-DD
    diag = bad(value)
    assert f"{value!r} is not a date written YYYY-MM-DD" in diag.message and "week dates" in diag.message
    assert diag.hint.startswith("write e.g. 2024-11-21")


def test_an_impossible_day_keeps_its_short_message():
    assert bad("2024-02-30").message == "date: '2024-02-30' is not a valid ISO 8601 date"


def test_a_day_in_new_york_is_midnight_even_in_a_gap_month():
    assert parse_date_value("2024-03-10", NEW_YORK, "a.md", "date").isoformat() == "2024-03-10T00:00:00-05:00"


def test_a_day_the_zone_skipped_whole_is_an_error_not_the_next_day():
    # /tmp/attack47b/r5-skipped-day-becomes-next-day.sh: Pacific/Apia went from 2011-12-29 to
    # 2011-12-31; `date: 2011-12-30` was published as 2011-12-31 (URL, <time>, JSON-LD)
    with pytest.raises(SitegenError) as raised:
        parse_date_value("2011-12-30", ZoneInfo("Pacific/Apia"), "a.md", "date")
    assert "does not exist" in raised.value.diagnostics[0].message
    assert parse_date_value("2011-12-29", ZoneInfo("Pacific/Apia"), "a.md", "date").isoformat() == "2011-12-29T00:00:00-10:00"
