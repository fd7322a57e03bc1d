"""Machine-readable clinic data: schema.org JSON-LD and the hours for the open-now script."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from .clinic import Clinic
from .hours import DAYS


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element.

    Escaping <, > and & means no value can write "</script>" or "<!--" and end the
    element early; the JSON itself is unchanged for any JSON parser.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def opening_hours_specification(clinic: Clinic) -> list[dict[str, Any]]:
    """One OpeningHoursSpecification per distinct time range, listing its days.

    Days with no range are closed; schema.org reads days left out as closed.
    """
    days_by_range: dict[tuple[str, str], list[str]] = {}
    for day, ranges in clinic.opening_hours.week().items():
        for time_range in ranges:
            key = (time_range.opens_24h, time_range.closes_24h)
            days_by_range.setdefault(key, []).append(day.capitalize())
    return [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": days, "opens": opens, "closes": closes}
        for (opens, closes), days in sorted(days_by_range.items())
    ]


def clinic_json_ld(clinic: Clinic, site_url: str | None = None) -> dict[str, Any]:
    address = clinic.address
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": clinic.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address.street,
            "addressLocality": address.city,
            "addressRegion": address.state,
            "postalCode": address.postal_code,
            "addressCountry": address.country,
        },
        "openingHoursSpecification": opening_hours_specification(clinic),
        "hasMap": clinic.map_url,
    }
    if site_url:
        data["url"] = site_url
    if clinic.phone:
        data["telephone"] = clinic.phone
    if clinic.email:
        data["email"] = str(clinic.email)
    if clinic.map_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": clinic.map_coordinates.latitude,
            "longitude": clinic.map_coordinates.longitude,
        }
    return data


def opening_hours_data(clinic: Clinic, build_year: int) -> dict[str, Any]:
    """The week for the open-now script: same data as the visible hours and the JSON-LD.

    With the clinic time zone's offsets from UTC from the year before the build to
    UTC_OFFSET_YEARS_AHEAD after it, so the script needs no time-zone data of its own.
    """
    week = clinic.opening_hours.week()
    return {
        "timeZone": clinic.time_zone,
        "week": {day: [[r.opens_24h, r.closes_24h] for r in week[day]] for day in DAYS},
        "utcOffsets": utc_offset_table(clinic.time_zone, build_year - 1, build_year + UTC_OFFSET_YEARS_AHEAD),
    }


# A browser loads its time-zone data the first time a page asks for a zone's wall clock
# (Intl.DateTimeFormat with timeZone), which blocks a phone's main thread for 100-200 ms.
# The build knows the offsets (Python's zoneinfo), so it writes them into the page; the
# script asks the browser only for an instant past the table (a site not rebuilt for years).
UTC_OFFSET_YEARS_AHEAD = 6
SECONDS_PER_DAY = 24 * 60 * 60


def utc_offset_table(time_zone: str, first_year: int, last_year: int) -> dict[str, Any]:
    """A time zone's offset from UTC, in minutes, from 1 January of first_year to the end
    of last_year (UTC): {"changes": [[seconds since the epoch, offset from then on], ...],
    "until": seconds since the epoch}. The first change is the offset at the start.

    Found day by day, then to the second: a zone that changes twice within one day
    (none does today) would show only the second change.
    """
    zone = ZoneInfo(time_zone)
    start = int(datetime(first_year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(last_year + 1, 1, 1, tzinfo=UTC).timestamp())

    def offset_minutes(seconds: int) -> int:
        moment = datetime.fromtimestamp(seconds, UTC).astimezone(zone)
        offset = moment.utcoffset()
        return round(offset.total_seconds() / 60) if offset is not None else 0

    changes = [[start, offset_minutes(start)]]
    for day in range(start, end, SECONDS_PER_DAY):
        next_day = min(day + SECONDS_PER_DAY, end)
        if offset_minutes(next_day) != changes[-1][1]:
            before, after = day, next_day  # the offset changes in (before, after]
            while after - before > 1:
                middle = (before + after) // 2
                if offset_minutes(middle) == changes[-1][1]:
                    before = middle
                else:
                    after = middle
            changes.append([after, offset_minutes(after)])
    return {"changes": changes, "until": end}
