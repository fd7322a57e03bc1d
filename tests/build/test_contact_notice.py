"""When the clinic data gives no phone, email or booking link, the build says so, once,
as a notice that never fails the (strict) build (the data step's output), and so does
the content check (`dev.py check`), in its output and the pull request's job summary."""

from __future__ import annotations

import subprocess
import sys

import pytest
from selectolax.lexbor import LexborHTMLParser

import dev
import settings_file
from clinic_site.clinic import load_clinic
from clinic_site.contact import CONTACT_FIELDS, contact_notice
from sample_clinic import VALID, with_changes
from site_builder import ROOT, build_site, copy_project

NOTICE = ("NOTICE: visitors have no way to reach the clinic except in person; "
          "add a phone, email or booking link to extra.clinic in mkdocs.yml")
ONE_CHANNEL = {"phone": "(518) 555-0100", "email": "info@example.org", "booking_url": "https://example.org/book"}


def test_no_channel_gives_the_notice():
    notice = contact_notice(load_clinic(VALID))
    assert notice is not None and (str(notice), notice.level, notice.path) == (NOTICE, "notice", "mkdocs.yml")


@pytest.mark.parametrize("field", CONTACT_FIELDS)
def test_any_one_channel_is_enough(field):
    assert contact_notice(load_clinic(with_changes(**{field: ONE_CHANNEL[field]}))) is None


def test_the_build_prints_the_notice_once_when_the_data_has_no_channel(built_site, raw_clinic):
    assert built_site.returncode == 0, built_site.output
    expected = contact_notice(load_clinic(raw_clinic))
    lines = [line for line in built_site.output.splitlines() if "NOTICE: visitors have no way" in line]
    if expected is None:
        assert lines == []
    else:
        assert lines == [str(expected)]  # printed by the data step; the build still succeeds


def test_with_a_phone_the_notice_goes_and_the_visit_page_shows_the_phone_before_the_hours(tmp_path):
    project = copy_project(tmp_path / "project")
    settings_file.add(project / "mkdocs.yml", settings_file.CLINIC, 'phone: "+1 518-555-0100"')
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "NOTICE: visitors have no way" not in result.output
    tree = LexborHTMLParser((result.site_dir / "visit" / "index.html").read_text(encoding="utf-8"))
    # Under the page's "Address and opening hours" heading, right after the address and
    # before the hours (partials/clinic-details.html).
    details = tree.css_first(".clinic-info--page")
    [phone] = details.css('a[href^="tel:"]:not([href="tel:988"]):not([href="tel:911"])')
    assert phone.attributes["href"] == "tel:+15185550100"
    html = details.html
    assert html.index('href="tel:+15185550100"') < html.index("clinic-info__hours")


def test_the_content_check_prints_the_notice_and_puts_it_in_the_summary(tmp_path, raw_clinic):
    expected = contact_notice(load_clinic(raw_clinic))
    summary = tmp_path / "summary.md"
    summary.write_text("")
    completed = subprocess.run(dev.pipeline_command(["check", str(ROOT)], python=sys.executable),
                               capture_output=True, text=True, timeout=300,
                               env={**dev.pipeline_environment(), "GITHUB_ACTIONS": "true",
                                    "GITHUB_STEP_SUMMARY": str(summary)})
    assert completed.returncode == 0, completed.stdout + completed.stderr
    if expected is None:
        assert "NOTICE" not in completed.stdout + completed.stderr + summary.read_text()
    else:
        assert [line for line in completed.stderr.splitlines() if "NOTICE" in line] == [str(expected)]
        assert str(expected) in summary.read_text()
        assert "::notice" in completed.stdout  # an annotation too: a notice, not an error
