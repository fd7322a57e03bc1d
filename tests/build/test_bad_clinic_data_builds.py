"""Wrong clinic data in mkdocs.yml, through the real build (the runner, as `dev.py build` runs it).

Each case is a mistake an editor can make in the YAML itself. The build must stop with
exit status 1, the heading and the exact line naming the field and the fix, no
traceback, and no site written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import settings_file
from site_builder import build_site, copy_project

HEADING = "The clinic data in mkdocs.yml: {count} problem{s} to fix before the site can be built:"
PREFIX = "  mkdocs.yml: extra.clinic."

# The clinic's data, found by place, whatever its values are today.
CLINIC = settings_file.CLINIC
HOURS = (*CLINIC, "opening_hours")

# Each case: the edits (set a value, rename or remove a setting, add one) and the lines.
CASES = {
    "a required field missing": (
        [("remove", (*CLINIC, "time_zone"))],
        ["time_zone is missing: add it (a time zone name like 'America/New_York')"],
    ),
    "an unknown day name": (
        [("rename", (*HOURS, "monday"), "munday")],
        ["opening_hours.munday is not a known field: did you mean 'monday'?"],
    ),
    "a time like 25:00": (
        [("set", (*HOURS, "tuesday"), '"09:00-25:00"')],
        ["opening_hours.tuesday has the time '25:00'; write 24-hour times like 09:00 or 17:00 "
         "(from 00:00 to 23:59)"],
    ),
    "a time like 9am": (
        [("set", (*HOURS, "wednesday"), '"9am-5pm"')],
        ["opening_hours.wednesday has the time '9am'; write 24-hour times like 09:00 or 17:00 "
         "(from 00:00 to 23:59)"],
    ),
    "a bare 9:00 that YAML reads as a number": (
        [("set", (*HOURS, "thursday"), "9:00")],
        ["opening_hours.thursday must be a time range like '09:00-17:00', a list of ranges, or 'closed', "
         "got 540 (put times in quotes, like '09:00-17:00': YAML reads 9:00 alone as a number)"],
    ),
    "closing before opening, and overlapping ranges": (
        [("set", (*HOURS, "friday"), '"17:00-09:00"'),
         ("set", (*HOURS, "saturday"), '["09:00-13:00", "12:00-17:00"]')],
        ["opening_hours.friday closes at 09:00, not after it opens at 17:00; use 24-hour times "
         "(17:00 for 5 PM), and ranges that end the same day",
         "opening_hours.saturday has ranges that overlap: 09:00-13:00 and 12:00-17:00"],
    ),
    "YAML's no for a day": (
        [("set", (*HOURS, "sunday"), "no")],
        ["opening_hours.sunday must be a time range like '09:00-17:00', a list of ranges, or 'closed', "
         "got false"],
    ),
    "an unknown time zone": (
        [("set", (*CLINIC, "time_zone"), "America/Albany")],
        ["time_zone must be a time zone name like 'America/New_York', got 'America/Albany'"],
    ),
    "a time zone that is a folder of zones": (
        [("set", (*CLINIC, "time_zone"), "America")],
        ["time_zone must be a time zone name like 'America/New_York', got 'America'"],
    ),
    "a ZIP that is not 5 digits, and a state written out": (
        [("set", (*CLINIC, "address", "postal_code"), '"1220"'), ("set", (*CLINIC, "address", "state"), "New York")],
        ["address.state must be two capital letters, like 'NY' or 'US', got 'New York'",
         "address.postal_code must be a 5-digit ZIP like '12205' or ZIP+4 like '12205-1234', got '1220'"],
    ),
    "an unquoted ZIP": (
        [("set", (*CLINIC, "address", "postal_code"), "12205")],
        ["address.postal_code must be a 5-digit ZIP like '12205' or ZIP+4 like '12205-1234', "
         "in quotes, got 12205"],
    ),
    "an empty name": (
        [("set", (*CLINIC, "name"), '""')],
        ["name must be the clinic's name, like 'Albany Ketamine Infusions', got ''"],
    ),
    "a list where a group of fields belongs": (
        [("set", (*CLINIC, "address"), '["7 Main St.", "Town, NY 12205"]')],
        ["address must be the postal address: street, city, state, postal_code "
         "(a group of fields, each on its own line), got a list"],
    ),
    "a group of fields where text belongs": (
        [("set", (*CLINIC, "name"), "{first: Albany}")],
        ["name must be the clinic's name, like 'Albany Ketamine Infusions', got a group of fields"],
    ),
    "a malformed phone, email and web address": (
        [("add", CLINIC, 'phone: "555-CALL"'), ("add", CLINIC, "email: clinic.example.org"),
         ("add", CLINIC, "booking_url: http://example.org/book")],
        ["phone must be a phone number like '+1 518-555-0100', got '555-CALL'",
         "email must be an email address like 'info@example.org', got 'clinic.example.org'",
         "booking_url must start with https://, got 'http://example.org/book'"],
    ),
}


def edit(config: Path, edits: list[tuple]) -> None:
    for how, place, *value in edits:
        if how == "set":
            settings_file.set_value(config, place, *value)
        elif how == "rename":
            settings_file.rename(config, place, *value)
        elif how == "remove":
            settings_file.remove(config, place)
        else:
            settings_file.add(config, place, *value)


@pytest.mark.parametrize("case", list(CASES))
def test_wrong_clinic_data_stops_the_real_build(case: str, tmp_path: Path):
    edits, lines = CASES[case]
    project = copy_project(tmp_path / "project")
    edit(project / "mkdocs.yml", edits)

    result = build_site(project, tmp_path / "site")

    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output, result.output
    heading = HEADING.format(count=len(lines), s="s" if len(lines) != 1 else "")
    reported = [line for line in result.output.splitlines() if line.startswith(PREFIX)]
    assert heading in result.output, result.output
    assert reported == [PREFIX + line for line in lines], result.output
    assert not (tmp_path / "site" / "index.html").exists()


def test_broken_yaml_is_reported_with_its_line(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    broken_line = settings_file.set_value(config, (*HOURS, "monday"), '"09:00-17:00')  # an unclosed quote

    result = build_site(project, tmp_path / "site")

    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output, result.output
    assert f"mkdocs.yml:{broken_line}: the settings cannot be read" in result.output, result.output
