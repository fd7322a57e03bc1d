"""JSON-LD and the open-now data: the same facts as the visible block, safe inside <script>."""

from __future__ import annotations

import json

import pytest

from clinic_site.clinic import load_clinic
from clinic_site.structured_data import clinic_json_ld, opening_hours_data, script_json
from test_clinic_data import VALID, with_changes

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
    data = opening_hours_data(load_clinic(with_changes(opening_hours__sunday="closed")))
    assert data["timeZone"] == "America/New_York"
    assert data["week"]["monday"] == [["09:00", "17:00"]]
    assert data["week"]["sunday"] == []
    assert list(data["week"]) == [day.lower() for day in ALL_DAYS]
