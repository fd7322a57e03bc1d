"""Opening hours: read them from the clinic data, group them into lines for people.

Accepted forms for one day in ``mkdocs.yml`` (documented in the README):

- ``closed``
- one range of 24-hour times, ``"09:00-17:00"`` (a dash or an en dash, spaces allowed);
- a list of ranges for a day with a break, ``["09:00-12:00", "13:00-17:00"]``.

Times are ``H:MM`` or ``HH:MM`` from ``00:00`` to ``23:59``. A range closes later the
same day than it opens (no overnight ranges). "9am" or "5 PM" are refused, so the
hours never depend on guessing what an editor meant.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from .messages import show_value

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_RANGE = re.compile(r"^\s*(?P<opens>\S+?)\s*[-\u2013\u2014]\s*(?P<closes>\S+?)\s*$")
_EXAMPLE = "a time range like '09:00-17:00', a list of ranges, or 'closed'"


@dataclass(frozen=True, order=True)
class TimeRange:
    opens: datetime.time
    closes: datetime.time

    @property
    def opens_24h(self) -> str:
        return self.opens.strftime("%H:%M")

    @property
    def closes_24h(self) -> str:
        return self.closes.strftime("%H:%M")

    def __str__(self) -> str:
        return f"{self.opens_24h}-{self.closes_24h}"


def parse_time(text: str) -> datetime.time:
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(
            f"has the time {text!r}; write 24-hour times like 09:00 or 17:00 "
            "(from 00:00 to 23:59)"
        )
    return datetime.time(int(match[1]), int(match[2]))


def parse_range(text: str) -> TimeRange:
    match = _RANGE.match(text)
    if not match:
        raise ValueError(f"must be {_EXAMPLE}, got {show_value(text)}")
    time_range = TimeRange(parse_time(match["opens"]), parse_time(match["closes"]))
    if time_range.closes <= time_range.opens:
        raise ValueError(
            f"closes at {time_range.closes_24h}, not after it opens at {time_range.opens_24h}; "
            "use 24-hour times (17:00 for 5 PM), and ranges that end the same day"
        )
    return time_range


def parse_day(value: Any) -> tuple[TimeRange, ...]:
    """One day's value from the clinic data, as sorted, non-overlapping ranges."""
    if isinstance(value, str) and value.strip().lower() == "closed":
        return ()
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        items = value
    else:
        hint = ""
        if isinstance(value, int) and not isinstance(value, bool):
            hint = " (put times in quotes, like '09:00-17:00': YAML reads 9:00 alone as a number)"
        raise ValueError(f"must be {_EXAMPLE}, got {show_value(value)}{hint}")
    ranges = sorted(parse_range(item) for item in items)
    for earlier, later in zip(ranges, ranges[1:]):
        if later.opens < earlier.closes:
            raise ValueError(f"has ranges that overlap: {earlier} and {later}")
    return tuple(ranges)


def format_time(value: datetime.time) -> str:
    """9:00 AM, 12:30 PM: the way US readers write times."""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def format_ranges(ranges: tuple[TimeRange, ...]) -> str:
    if not ranges:
        return "Closed"
    return " and ".join(f"{format_time(r.opens)} \u2013 {format_time(r.closes)}" for r in ranges)


def _day_span(first: str, last: str, count: int) -> str:
    if count == 1:
        return first.capitalize()
    joiner = " and " if count == 2 else " to "
    return f"{first.capitalize()}{joiner}{last.capitalize()}"


@dataclass(frozen=True)
class HoursLine:
    days: tuple[str, ...]
    ranges: tuple[TimeRange, ...]

    @property
    def text(self) -> str:
        if len(self.days) == 7:
            return f"Open every day, {format_ranges(self.ranges)}" if self.ranges else "Closed every day"
        span = _day_span(self.days[0], self.days[-1], len(self.days))
        return f"{span}: {format_ranges(self.ranges)}"


def group_days(week: dict[str, tuple[TimeRange, ...]]) -> list[HoursLine]:
    """Group consecutive days (Monday first) that have the same hours into one line."""
    lines: list[HoursLine] = []
    for day in DAYS:
        ranges = week[day]
        if lines and lines[-1].ranges == ranges:
            lines[-1] = HoursLine(lines[-1].days + (day,), ranges)
        else:
            lines.append(HoursLine((day,), ranges))
    return lines


def hours_lines(week: dict[str, tuple[TimeRange, ...]]) -> list[str]:
    """The visible lines, e.g. ['Open every day, 9:00 AM – 5:00 PM']."""
    return [line.text for line in group_days(week)]
