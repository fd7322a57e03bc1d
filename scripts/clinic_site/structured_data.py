"""Machine-readable clinic data: schema.org JSON-LD and the hours for the open-now script."""

from __future__ import annotations

import json
from typing import Any

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


def opening_hours_data(clinic: Clinic) -> dict[str, Any]:
    """The week for the open-now script: same data as the visible hours and the JSON-LD."""
    week = clinic.opening_hours.week()
    return {
        "timeZone": clinic.time_zone,
        "week": {day: [[r.opens_24h, r.closes_24h] for r in week[day]] for day in DAYS},
    }
