"""JSON-LD and the open-now data: the same facts as the visible block, safe inside <script>."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_site.clinic import load_clinic
from clinic_site.context import build_date
from clinic_site.structured_data import (
    UTC_OFFSET_YEARS_AHEAD,
    clinic_json_ld,
    opening_hours_data,
    script_json,
    utc_offset_table,
)
from sample_clinic import VALID, with_changes

ALL_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def test_medical_clinic_json_ld():
    data = clinic_json_ld(load_clinic(VALID), "https://example.org/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == "Albany Ketamine Infusions"
    assert data["url"] == "https://example.org/"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "7 Wembley Ct.",
        "addressLocality": "Albany",
        "addressRegion": "NY",
        "postalCode": "12205",
        "addressCountry": "US",
    }
    assert data["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ALL_DAYS, "opens": "09:00", "closes": "17:00"}
    ]
    # Nothing the clinic has not given.
    assert not {"telephone", "email", "geo"} & data.keys()


def test_closed_days_are_left_out_and_split_days_listed():
    weekdays = {day.lower(): ["09:00-12:00", "13:00-17:00"] for day in ALL_DAYS[:5]}
    weekend = {"saturday": "10:00-14:00", "sunday": "closed"}
    data = clinic_json_ld(load_clinic(with_changes(opening_hours={**weekdays, **weekend})))
    specs = {(s["opens"], s["closes"]): s["dayOfWeek"] for s in data["openingHoursSpecification"]}
    assert specs == {
        ("09:00", "12:00"): ALL_DAYS[:5],
        ("13:00", "17:00"): ALL_DAYS[:5],
        ("10:00", "14:00"): ["Saturday"],
    }


def test_optional_fields_appear_when_given():
    clinic = load_clinic(with_changes(phone="+1 518-555-0100", email="info@example.org",
                                      map_coordinates={"latitude": 42.7, "longitude": -73.8}))
    data = clinic_json_ld(clinic)
    assert data["telephone"] == "+15185550100"
    assert data["email"] == "info@example.org"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 42.7, "longitude": -73.8}


@pytest.mark.parametrize("hostile", ["</script><script>alert(1)</script>", "<!--", "Tom & \"Jerry's\"", "\u2028"])
def test_script_json_cannot_close_its_element_and_round_trips(hostile):
    text = script_json({"name": hostile})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": hostile}


def test_open_now_data_matches_the_hours():
    data = opening_hours_data(load_clinic(with_changes(opening_hours__sunday="closed")), 2026)
    assert data["timeZone"] == "America/New_York"
    assert data["utcOffsets"] == utc_offset_table("America/New_York", 2025, 2026 + UTC_OFFSET_YEARS_AHEAD)
    assert data["week"]["monday"] == [["09:00", "17:00"]]
    assert data["week"]["sunday"] == []
    assert list(data["week"]) == [day.lower() for day in ALL_DAYS]


def utc_seconds(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def test_new_york_offsets_change_when_daylight_saving_starts_and_ends():
    table = utc_offset_table("America/New_York", 2026, 2026)
    assert table == {
        "changes": [
            [utc_seconds("2026-01-01T00:00:00"), -300],  # EST
            [utc_seconds("2026-03-08T07:00:00"), -240],  # 2 AM EST: clocks go forward
            [utc_seconds("2026-11-01T06:00:00"), -300],  # 2 AM EDT: clocks go back
        ],
        "until": utc_seconds("2027-01-01T00:00:00"),
    }


@pytest.mark.parametrize(("zone", "offsets"), [
    ("UTC", [0]), ("Asia/Kathmandu", [345]),  # no change; a quarter-hour offset
    ("Australia/Lord_Howe", [660, 630, 660]),  # a half-hour daylight saving, southern summer
])
def test_offsets_of_zones_without_an_hour_of_daylight_saving(zone, offsets):
    assert [offset for _, offset in utc_offset_table(zone, 2025, 2025)["changes"]] == offsets


ZONES = ["America/New_York", "America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "America/Santiago"]


@settings(max_examples=300, deadline=None)
@given(zone=st.sampled_from(ZONES), seconds=st.integers(utc_seconds("2025-01-01T00:00:00"),
                                                        utc_seconds("2031-12-31T23:59:59")))
def test_the_table_gives_the_offset_zoneinfo_gives_at_any_instant(zone, seconds):
    table = utc_offset_table(zone, 2025, 2031)
    offset = [minutes for start, minutes in table["changes"] if start <= seconds][-1]
    moment = datetime.fromtimestamp(seconds, UTC).astimezone(ZoneInfo(zone))
    assert offset * 60 == moment.utcoffset().total_seconds()


def test_the_build_date_is_source_date_epoch_when_set():
    assert build_date({"SOURCE_DATE_EPOCH": str(utc_seconds("2030-06-01T12:00:00"))}).isoformat() == "2030-06-01"
    assert build_date({}) == date.today()  # without it, the day the build runs
