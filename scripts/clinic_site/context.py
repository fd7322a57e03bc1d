"""What the templates read: plain values computed once per build from the validated data."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import Any

from .clinic import Clinic
from .structured_data import clinic_json_ld, opening_hours_data, script_json


def build_date(environ: Mapping[str, str] = os.environ) -> datetime.date:
    """The day the site is built: SOURCE_DATE_EPOCH's when set (repeatable builds), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def clinic_context(clinic: Clinic, site_url: str | None, build_year: int | None = None) -> dict[str, Any]:
    """The clinic block's data. Templates escape every text value (| e)."""
    build_year = build_year or build_date().year
    return {
        "name": clinic.name,
        "address_lines": clinic.address_lines,
        "one_line_address": clinic.one_line_address,
        "map_url": clinic.map_url,
        "hours_lines": clinic.hours_lines,
        "phone": clinic.phone,
        "phone_display": clinic.phone_display,
        "email": str(clinic.email) if clinic.email else None,
        "booking_url": str(clinic.booking_url) if clinic.booking_url else None,
        # Already safe to place inside <script> elements as they are.
        "json_ld": script_json(clinic_json_ld(clinic, site_url)),
        "hours_json": script_json(opening_hours_data(clinic, build_year)),
    }
