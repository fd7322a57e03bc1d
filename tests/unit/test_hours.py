"""Opening hours: reading each day's value and grouping days into lines for people."""

from __future__ import annotations

import datetime

import pytest

from clinic_site.hours import DAYS, format_time, group_days, hours_lines, parse_day, parse_range


def week(**days: str | list[str]) -> dict:
    """A week from readable values; days not given are closed."""
    return {day: parse_day(days.get(day, "closed")) for day in DAYS}


def every_day(value: str) -> dict:
    return week(**dict.fromkeys(DAYS, value))


class TestGrouping:
    def test_seven_equal_days_read_as_one_line(self):
        assert hours_lines(every_day("09:00-17:00")) == ["Open every day, 9:00 AM \u2013 5:00 PM"]

    def test_weekdays_only(self):
        weekdays = dict.fromkeys(DAYS[:5], "09:00-17:00")
        assert hours_lines(week(**weekdays)) == [
            "Monday to Friday: 9:00 AM \u2013 5:00 PM",
            "Saturday and Sunday: Closed",
        ]

    def test_closed_day_in_the_middle(self):
        days = dict.fromkeys(DAYS, "09:00-17:00")
        days["wednesday"] = "closed"
        assert hours_lines(week(**days)) == [
            "Monday and Tuesday: 9:00 AM \u2013 5:00 PM",
            "Wednesday: Closed",
            "Thursday to Sunday: 9:00 AM \u2013 5:00 PM",
        ]

    def test_different_weekend_hours_read_as_two_lines(self):
        days = dict.fromkeys(DAYS[:5], "09:00-17:00")
        days.update(saturday="10:00-14:00", sunday="10:00-14:00")
        assert hours_lines(week(**days)) == [
            "Monday to Friday: 9:00 AM \u2013 5:00 PM",
            "Saturday and Sunday: 10:00 AM \u2013 2:00 PM",
        ]

    def test_one_day_only(self):
        assert hours_lines(week(thursday="08:30-12:00")) == [
            "Monday to Wednesday: Closed",
            "Thursday: 8:30 AM \u2013 12:00 PM",
            "Friday to Sunday: Closed",
        ]

    def test_a_day_with_a_break_lists_both_ranges(self):
        lines = hours_lines(week(monday=["13:00-17:00", "09:00-12:00"]))
        assert lines[0] == "Monday: 9:00 AM \u2013 12:00 PM and 1:00 PM \u2013 5:00 PM"

    def test_equal_days_apart_are_not_grouped(self):
        lines = group_days(week(monday="09:00-17:00", wednesday="09:00-17:00"))
        assert [line.days for line in lines] == [
            ("monday",), ("tuesday",), ("wednesday",), ("thursday", "friday", "saturday", "sunday")
        ]


class TestTimes:
    @pytest.mark.parametrize(
        ("hour", "minute", "text"),
        [(0, 0, "12:00 AM"), (9, 5, "9:05 AM"), (12, 0, "12:00 PM"), (17, 30, "5:30 PM"), (23, 59, "11:59 PM")],
    )
    def test_times_read_the_us_way(self, hour, minute, text):
        assert format_time(datetime.time(hour, minute)) == text

    @pytest.mark.parametrize("value", ["09:00-17:00", "9:00-17:00", "09:00 - 17:00", "09:00\u201317:00"])
    def test_accepted_range_forms(self, value):
        time_range = parse_range(value)
        assert (time_range.opens, time_range.closes) == (datetime.time(9), datetime.time(17))

    @pytest.mark.parametrize(
        ("value", "complaint"),
        [
            ("9am-5pm", "has the time '9am'"),
            ("09:00-25:00", "has the time '25:00'"),
            ("09:60-17:00", "has the time '09:60'"),
            ("17:00-09:00", "closes at 09:00, not after it opens at 17:00"),
            ("09:00-09:00", "closes at 09:00, not after it opens at 09:00"),
            ("9 to 5", "must be a time range like '09:00-17:00'"),
        ],
    )
    def test_refused_ranges_say_why(self, value, complaint):
        with pytest.raises(ValueError) as caught:
            parse_range(value)
        assert complaint in str(caught.value)

    def test_overlapping_ranges_are_refused(self):
        with pytest.raises(ValueError, match="overlap: 09:00-13:00 and 12:00-17:00"):
            parse_day(["12:00-17:00", "09:00-13:00"])

    def test_touching_ranges_are_fine(self):
        assert len(parse_day(["09:00-12:00", "12:00-17:00"])) == 2

    @pytest.mark.parametrize("value", ["closed", "Closed", " CLOSED "])
    def test_closed(self, value):
        assert parse_day(value) == ()

    def test_a_bare_yaml_time_gets_a_hint(self):
        # YAML reads an unquoted 9:00 as the number 540.
        with pytest.raises(ValueError, match="put times in quotes"):
            parse_day(540)
