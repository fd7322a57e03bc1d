"""Validating the clinic data: every mistake gets one plain line naming the field and the fix."""

from __future__ import annotations

import pytest

from clinic_site.clinic import load_clinic
from clinic_site.problems import Problems
from sample_clinic import VALID, with_changes


def problems(data) -> list[str]:
    with pytest.raises(Problems) as caught:
        load_clinic(data)
    return [str(problem) for problem in caught.value.problems]


def test_the_clinic_as_given_is_valid():
    clinic = load_clinic(VALID)
    address = VALID["address"]
    assert clinic.name == VALID["name"]
    assert clinic.address_lines == [address["street"], f"{address['city']}, {address['state']} {address['postal_code']}"]
    assert clinic.phone is None and clinic.email is None and clinic.booking_url is None


def test_the_real_mkdocs_yml_is_valid(raw_clinic):
    clinic = load_clinic(raw_clinic)
    assert clinic.time_zone == raw_clinic["time_zone"] and clinic.hours_lines


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"name": KeyError},
         "mkdocs.yml: extra.clinic.name is missing: add it (the clinic's name, like 'Albany Ketamine Infusions')"),
        ({"name": ""},
         "mkdocs.yml: extra.clinic.name must be the clinic's name, like 'Albany Ketamine Infusions', got ''"),
        ({"name": "   "},
         "mkdocs.yml: extra.clinic.name must be the clinic's name, like 'Albany Ketamine Infusions', got '   '"),
        ({"address__city": KeyError},
         "mkdocs.yml: extra.clinic.address.city is missing: add it (the city, like 'Albany')"),
        ({"opening_hours__wensday": "09:00-17:00"},
         "mkdocs.yml: extra.clinic.opening_hours.wensday is not a known field: did you mean 'wednesday'?"),
        ({"opening_hours__monday": "25:00-26:00"},
         "mkdocs.yml: extra.clinic.opening_hours.monday has the time '25:00'; write 24-hour times like "
         "09:00 or 17:00 (from 00:00 to 23:59)"),
        ({"opening_hours__monday": "9am-5pm"},
         "mkdocs.yml: extra.clinic.opening_hours.monday has the time '9am'; write 24-hour times like "
         "09:00 or 17:00 (from 00:00 to 23:59)"),
        ({"opening_hours__friday": "17:00-09:00"},
         "mkdocs.yml: extra.clinic.opening_hours.friday closes at 09:00, not after it opens at 17:00; "
         "use 24-hour times (17:00 for 5 PM), and ranges that end the same day"),
        ({"opening_hours__friday": ["09:00-13:00", "12:00-17:00"]},
         "mkdocs.yml: extra.clinic.opening_hours.friday has ranges that overlap: 09:00-13:00 and 12:00-17:00"),
        ({"time_zone": "America/Albany"},
         "mkdocs.yml: extra.clinic.time_zone must be a time zone name like 'America/New_York', got 'America/Albany'"),
        ({"time_zone": "America"},
         "mkdocs.yml: extra.clinic.time_zone must be a time zone name like 'America/New_York', got 'America'"),
        ({"time_zone": "America/NewYork"},
         "mkdocs.yml: extra.clinic.time_zone must be a time zone name like 'America/New_York', "
         "got 'America/NewYork' (did you mean 'America/New_York'?)"),
        ({"time_zone": "x" * 300},
         "mkdocs.yml: extra.clinic.time_zone must be a time zone name like 'America/New_York', "
         f"got '{'x' * 57}...'"),
        ({"name": "x" * 101},
         "mkdocs.yml: extra.clinic.name must be at most 100 characters, got 101: shorten it"),
        ({"name": ["Albany", "Ketamine"]},
         "mkdocs.yml: extra.clinic.name must be the clinic's name, like 'Albany Ketamine Infusions', got a list"),
        ({"opening_hours__monday": KeyError, "opening_hours__munday": "09:00-17:00"},
         "mkdocs.yml: extra.clinic.opening_hours.munday is not a known field: did you mean 'monday'?"),
        ({"address__postal_code": "1220"},
         "mkdocs.yml: extra.clinic.address.postal_code must be a 5-digit ZIP like '12205' or ZIP+4 like "
         "'12205-1234', got '1220'"),
        ({"address__postal_code": 12205},
         "mkdocs.yml: extra.clinic.address.postal_code must be a 5-digit ZIP like '12205' or ZIP+4 like "
         "'12205-1234', in quotes, got 12205"),
        ({"address": ["7 Wembley Ct.", "Albany"]},
         "mkdocs.yml: extra.clinic.address must be the postal address: street, city, state, postal_code "
         "(a group of fields, each on its own line), got a list"),
        ({"opening_hours": {"monday": {"opens": "09:00"}, **dict.fromkeys(("tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), "closed")}},
         "mkdocs.yml: extra.clinic.opening_hours.monday must be a time range like '09:00-17:00', a list of "
         "ranges, or 'closed', got a group of fields"),
        ({"phone": "555-CALL"},
         "mkdocs.yml: extra.clinic.phone must be a phone number like '+1 518-555-0100', got '555-CALL'"),
        ({"email": "clinic.example.org"},
         "mkdocs.yml: extra.clinic.email must be an email address like 'info@example.org', got 'clinic.example.org'"),
        ({"booking_url": "not a url"},
         "mkdocs.yml: extra.clinic.booking_url must be a web address starting with https://, got 'not a url'"),
        ({"booking_url": "http://example.org/book"},
         "mkdocs.yml: extra.clinic.booking_url must start with https://, got 'http://example.org/book'"),
    ],
)
def test_each_mistake_gets_one_clear_line(changes, line):
    assert problems(with_changes(**changes)) == [line]


def test_every_problem_is_reported_at_once():
    lines = problems(with_changes(name="", time_zone="Nowhere", address__state="New York"))
    assert len(lines) == 3
    assert [line.split(" ")[1] for line in lines] == [
        "extra.clinic.name", "extra.clinic.address.state", "extra.clinic.time_zone"
    ]


@pytest.mark.parametrize("raw", [None, [], "Albany Ketamine Infusions"])
def test_clinic_data_that_is_not_a_mapping(raw):
    [line] = problems(raw)
    assert line.startswith("mkdocs.yml: extra.clinic must be a group of fields (name, address, time_zone, opening_hours)")


def test_a_field_name_that_yaml_reads_as_a_number():
    data = with_changes()
    data["opening_hours"][1] = "09:00-17:00"  # `1: "09:00-17:00"` in mkdocs.yml
    assert problems(data) == [
        "mkdocs.yml: extra.clinic.opening_hours has 1 where a field name belongs: the known fields are "
        "monday, tuesday, wednesday, thursday, friday, saturday, sunday"
    ]


def test_an_unknown_field_with_odd_characters_is_quoted_on_one_line():
    data = with_changes()
    data["opening hours\n"] = "09:00-17:00"
    assert problems(data) == [
        "mkdocs.yml: extra.clinic.'opening hours\\n' is not a known field: did you mean 'opening_hours'?"
    ]


def test_a_week_with_no_opening_hours_is_refused():
    closed_week = dict.fromkeys(VALID["opening_hours"], "closed")
    assert problems(with_changes(opening_hours=closed_week)) == [
        "mkdocs.yml: extra.clinic.opening_hours cannot be 'closed' on every day: give at least one day opening hours"
    ]


def test_optional_contact_details_are_normalised_when_given():
    clinic = load_clinic(with_changes(phone="(518) 555-0100", email="info@example.org",
                                      booking_url="https://example.org/book",
                                      map_coordinates={"latitude": 42.7, "longitude": -73.8}))
    assert clinic.phone == "+15185550100"
    assert clinic.phone_display == "(518) 555-0100"
    assert "mlat=42.7&mlon=-73.8" in clinic.map_url
