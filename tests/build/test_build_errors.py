"""A mistake in mkdocs.yml stops the build with plain lines, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

import settings_file
from site_builder import build_site, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def assert_stopped_with(result, *lines: str) -> None:
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output, result.output
    for line in lines:
        assert line in result.output, result.output


def test_wrong_clinic_data_stops_the_build(project, tmp_path):
    config = project / "mkdocs.yml"
    settings_file.set_value(config, (*settings_file.CLINIC, "opening_hours", "wednesday"), '"9am-5pm"')
    settings_file.set_value(config, (*settings_file.CLINIC, "address", "postal_code"), '"1220"')
    result = build_site(project, tmp_path / "site")
    assert_stopped_with(
        result,
        "The clinic data in mkdocs.yml: 2 problems to fix before the site can be built:",
        "  mkdocs.yml: extra.clinic.address.postal_code must be a 5-digit ZIP",
        "  mkdocs.yml: extra.clinic.opening_hours.wednesday has the time '9am'",
    )
    assert not (tmp_path / "site" / "index.html").exists()


# Front-matter mistakes, one by one, and overdue reviews: test_front_matter_build.py.
