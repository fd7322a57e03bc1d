"""The open-now status beside the hours: computed in the clinic's time zone from the same
data as the hours, whatever the visitor's zone; right on weekdays, weekends, closed
days, days with a break and the days daylight saving starts and ends; updated without a
reload at each boundary; announced politely only when it changes; absent without
JavaScript.

The browser runs in Tokyo (13 or 14 hours from New York) under Playwright's clock.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import settings_file
from clinic_site.clinic import load_clinic
from clinic_site.context import build_date
from clinic_site.structured_data import opening_hours_data
from site_builder import BuildResult
from static_server import SiteServer

FAR_ZONE = "Asia/Tokyo"
STATUS = ".clinic-info [data-open-now]"
UTC = UTC

# The site variants whose clinic keeps hours the tests set (tests/support/site_variants.py):
# 09:00-17:00 every day, and a week with a closed day, a short day and a day with a lunch
# break; both in New York. The clinic's own hours may change at any time.
@pytest.fixture(scope="module")
def nine_to_five(sites) -> BuildResult:
    return sites("every-day-nine-to-five")


@pytest.fixture(scope="module")
def site_dir(nine_to_five: BuildResult) -> Path:
    return nine_to_five.site_dir


@pytest.fixture(scope="module")
def raw_clinic(nine_to_five: BuildResult) -> dict:
    return settings_file.clinic(nine_to_five.project)


@pytest.fixture(scope="module")
def site_url(site_dir: Path):
    with SiteServer(site_dir) as server:
        yield server.url


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture(scope="module")
def test_week_site_url(sites):
    with SiteServer(sites("test-week").site_dir) as server:
        yield server.url


@pytest.fixture
def tokyo(browser):
    context = browser.new_context(timezone_id=FAR_ZONE, viewport={"width": 375, "height": 812})
    yield context
    context.close()


def status_at(context, url: str, instant: datetime):
    page = context.new_page()
    page.clock.install(time=instant)
    page.goto(url)
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == FAR_ZONE
    return page


def shown(page) -> str:
    status = page.locator(STATUS)
    assert status.is_visible(), "the open-now status is not shown"
    return status.inner_text()


# Every day 9 AM to 5 PM in New York (the real clinic data). 2026-03-10 is a Tuesday,
# New York on daylight time (UTC-4); 2026-01-13 a Tuesday on standard time (UTC-5).
REAL_HOURS_CASES = [
    ("weekday before opening", "2026-01-13T13:30:00", "Closed \u00b7 opens 9:00 AM today"),
    ("weekday during hours", "2026-01-13T19:00:00", "Open now \u00b7 closes 5:00 PM"),
    ("weekday after closing", "2026-01-13T23:30:00", "Closed \u00b7 opens 9:00 AM tomorrow"),
    ("weekday just before midnight", "2026-01-14T04:55:00", "Closed \u00b7 opens 9:00 AM tomorrow"),
    ("weekday just after midnight", "2026-01-14T05:05:00", "Closed \u00b7 opens 9:00 AM today"),
    ("Saturday during hours", "2026-01-17T15:00:00", "Open now \u00b7 closes 5:00 PM"),
    ("Sunday after closing", "2026-01-18T22:30:00", "Closed \u00b7 opens 9:00 AM tomorrow"),
    # Daylight saving starts in New York on Sunday 2026-03-08 at 2 AM (UTC-5 -> UTC-4).
    ("DST starts: 9:30 AM EDT", "2026-03-08T13:30:00", "Open now \u00b7 closes 5:00 PM"),
    ("DST starts: 5:30 PM EDT", "2026-03-08T21:30:00", "Closed \u00b7 opens 9:00 AM tomorrow"),
    # Daylight saving ends on Sunday 2026-11-01 at 2 AM (UTC-4 -> UTC-5).
    ("DST ends: 8:30 AM EST", "2026-11-01T13:30:00", "Closed \u00b7 opens 9:00 AM today"),
    ("DST ends: 4:30 PM EST", "2026-11-01T21:30:00", "Open now \u00b7 closes 5:00 PM"),
]


@pytest.mark.parametrize(("case", "instant", "expected"), REAL_HOURS_CASES, ids=[c[0] for c in REAL_HOURS_CASES])
def test_status_with_the_clinic_hours_seen_from_tokyo(tokyo, site_url, case, instant, expected):
    page = status_at(tokyo, site_url, utc(instant))
    assert shown(page) == expected, f"{case} ({instant} UTC)"


# TEST_WEEK. 2026-01-14 is a Wednesday; New York is UTC-5 in January.
TEST_WEEK_CASES = [
    ("Wednesday morning", "2026-01-14T15:00:00", "Open now \u00b7 closes 12:00 PM"),
    ("Wednesday lunch break", "2026-01-14T17:30:00", "Closed \u00b7 opens 1:00 PM today"),
    ("Wednesday afternoon", "2026-01-14T19:00:00", "Open now \u00b7 closes 5:00 PM"),
    ("Friday evening, short Saturday next", "2026-01-16T23:00:00", "Closed \u00b7 opens 10:00 AM tomorrow"),
    ("Saturday during its short hours", "2026-01-17T16:00:00", "Open now \u00b7 closes 2:00 PM"),
    ("Saturday after closing, Sunday closed", "2026-01-17T20:00:00", "Closed \u00b7 opens 9:00 AM Monday"),
    ("Sunday, the closed day", "2026-01-18T16:00:00", "Closed \u00b7 opens 9:00 AM tomorrow"),
]


@pytest.mark.parametrize(("case", "instant", "expected"), TEST_WEEK_CASES, ids=[c[0] for c in TEST_WEEK_CASES])
def test_status_in_a_week_with_a_closed_day_and_a_break(tokyo, test_week_site_url, case, instant, expected):
    page = status_at(tokyo, test_week_site_url, utc(instant))
    assert shown(page) == expected, f"{case} ({instant} UTC)"


def test_the_status_updates_at_closing_time_without_a_reload(tokyo, site_url):
    page = status_at(tokyo, site_url, utc("2026-01-13T21:59:30"))  # 4:59:30 PM in New York
    assert shown(page) == "Open now \u00b7 closes 5:00 PM"
    page.evaluate("window.notReloaded = true")
    page.clock.run_for(60_000)
    assert shown(page) == "Closed \u00b7 opens 9:00 AM tomorrow"
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded"


def test_the_status_follows_the_clock_through_the_night_daylight_saving_ends(tokyo, site_url):
    """Boundaries on the day clocks go back: midnight, then 9 AM EST (14:00 UTC, not 13:00)."""
    page = status_at(tokyo, site_url, utc("2026-11-01T03:30:00"))  # 11:30 PM EDT, Saturday
    page.evaluate("window.notReloaded = true")
    assert shown(page) == "Closed \u00b7 opens 9:00 AM tomorrow"
    page.clock.fast_forward(int(timedelta(minutes=31).total_seconds() * 1000))  # 12:01 AM EDT
    assert shown(page) == "Closed \u00b7 opens 9:00 AM today"
    page.clock.fast_forward(int(timedelta(hours=9, minutes=58).total_seconds() * 1000))  # 13:59 UTC: 8:59 AM EST
    assert shown(page) == "Closed \u00b7 opens 9:00 AM today"
    page.clock.fast_forward(int(timedelta(minutes=2).total_seconds() * 1000))  # 9:01 AM EST
    assert shown(page) == "Open now \u00b7 closes 5:00 PM"
    assert page.evaluate("window.notReloaded === true")


def test_the_status_follows_the_clock_through_the_morning_daylight_saving_starts(tokyo, site_url):
    """On the day clocks go forward, 9 AM EDT is 13:00 UTC (not 14:00)."""
    page = status_at(tokyo, site_url, utc("2026-03-08T06:30:00"))  # 1:30 AM EST
    assert shown(page) == "Closed \u00b7 opens 9:00 AM today"
    page.clock.fast_forward(int(timedelta(hours=6, minutes=29).total_seconds() * 1000))  # 12:59 UTC: 8:59 AM EDT
    assert shown(page) == "Closed \u00b7 opens 9:00 AM today"
    page.clock.fast_forward(int(timedelta(minutes=2).total_seconds() * 1000))  # 9:01 AM EDT
    assert shown(page) == "Open now \u00b7 closes 5:00 PM"


# Records, in order, what happens to the announcing status element, from page load on.
RECORD_STATUS_CHANGES = """
window.statusChanges = [];
new MutationObserver(records => {
  for (const record of records) {
    const element = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    if (!element || !element.matches('[data-open-now="announce"]')) continue;
    window.statusChanges.push({
      kind: record.type === 'attributes' ? record.attributeName : 'text',
      live: element.getAttribute('aria-live'),
      text: element.textContent,
    });
  }
}).observe(document, {subtree: true, childList: true, characterData: true, attributes: true,
                      attributeFilter: ['aria-live', 'hidden']});
"""


def test_the_status_is_announced_politely_and_only_when_it_changes(tokyo, site_url):
    tokyo.add_init_script(RECORD_STATUS_CHANGES)
    page = status_at(tokyo, site_url, utc("2026-01-13T21:50:00"))  # 4:50 PM in New York
    status = page.locator(".clinic-info [data-open-now]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("aria-atomic") == "true"
    assert status.get_attribute("role") not in ("alert", "log")
    assert page.locator("[data-open-now]:not([data-open-now='announce'])[aria-live]").count() == 0
    changes = page.evaluate("window.statusChanges")
    first_text = next(i for i, change in enumerate(changes) if change["kind"] == "text")
    made_live = next(i for i, change in enumerate(changes) if change["kind"] == "aria-live")
    assert first_text < made_live, f"the first status was announced on page load: {changes}"

    page.clock.run_for(5 * 60_000)  # 4:55 PM: nothing changes, nothing is said
    assert [c for c in page.evaluate("window.statusChanges")[made_live + 1:] if c["kind"] == "text"] == []

    page.clock.run_for(10 * 60_000)  # past 5 PM: said once, politely
    later = [c for c in page.evaluate("window.statusChanges")[made_live + 1:] if c["kind"] == "text"]
    assert later and all(c["live"] == "polite" for c in later)
    assert {c["text"] for c in later} == {"Closed \u00b7 opens 9:00 AM tomorrow"}


def test_without_javascript_the_hours_stand_alone(browser, site_url, raw_clinic):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "visit/")
    assert page.locator("[data-open-now]").count() == 2  # beside the hours on the visit page and in the footer
    for element in page.locator("[data-open-now]").all():
        assert not element.is_visible()
        assert element.inner_text().strip() == ""
    hours = page.locator(".clinic-info__hours li")
    assert hours.all_inner_texts() == load_clinic(raw_clinic).hours_lines
    assert hours.first.is_visible()
    text = page.locator(".clinic-info").inner_text()
    assert "Open now" not in text and "Closed" not in text
    context.close()


def test_the_status_reads_the_same_data_as_the_hours(site_dir, raw_clinic):
    """One source of truth: the data block is the clinic data, not a second copy of it."""
    for path in [site_dir / "index.html", site_dir / "404.html", site_dir / "visit" / "index.html"]:
        block = LexborHTMLParser(path.read_text(encoding="utf-8")).css_first("script#clinic-hours-data")
        assert block is not None, path
        assert block.attributes["type"] == "application/json"
        assert json.loads(block.text()) == opening_hours_data(load_clinic(raw_clinic), build_date().year), path


FORMAT_CASES = [
    # hours, instant (UTC), expected text: weeks the page tests do not build.
    ({"monday": [["09:00", "17:00"]]}, "2026-01-12T23:00:00", "Closed \u00b7 opens 9:00 AM next Monday"),
    ({"monday": [["09:00", "17:00"]]}, "2026-01-14T15:00:00", "Closed \u00b7 opens 9:00 AM Monday"),
    ({"friday": [["00:00", "12:00"]], "thursday": [["12:00", "23:59"]]}, "2026-01-16T04:30:00",
     "Open now \u00b7 closes 11:59 PM"),
    ({"tuesday": [["08:00", "12:30"], ["12:30", "18:15"]]}, "2026-01-13T17:00:00", "Open now \u00b7 closes 6:15 PM"),
    ({"tuesday": [["00:30", "12:00"]]}, "2026-01-13T04:00:00", "Closed \u00b7 opens 12:30 AM tomorrow"),
]


@pytest.mark.parametrize(("week", "instant", "expected"), FORMAT_CASES, ids=[c[2] for c in FORMAT_CASES])
def test_the_pure_functions_word_rare_weeks_correctly(tokyo, site_url, week, instant, expected):
    page = tokyo.new_page()
    page.goto(site_url)
    hours = {"timeZone": "America/New_York", "week": week}
    millis = utc(instant).timestamp() * 1000
    assert page.evaluate("([hours, at]) => window.clinicOpenNow.openNow(hours, at).text", [hours, millis]) == expected


PAGE_HOURS = "JSON.parse(document.getElementById('clinic-hours-data').textContent)"


@pytest.mark.parametrize("offsets_from", ["the table in the page", "the browser's time-zone data"])
def test_the_next_boundary_is_an_exact_instant_across_daylight_saving(tokyo, site_url, offsets_from):
    page = tokyo.new_page()
    page.goto(site_url)
    zone = page.evaluate(PAGE_HOURS) if offsets_from == "the table in the page" else {"timeZone": "America/New_York"}
    assert ("utcOffsets" in zone) == (offsets_from == "the table in the page")
    to_utc = "([y, m, d, minutes, zone]) => new Date(window.clinicOpenNow.instantOfWallTime(y, m, d, minutes, zone)).toISOString()"
    assert page.evaluate(to_utc, [2026, 3, 8, 9 * 60, zone]) == "2026-03-08T13:00:00.000Z"
    assert page.evaluate(to_utc, [2026, 3, 7, 9 * 60, zone]) == "2026-03-07T14:00:00.000Z"
    assert page.evaluate(to_utc, [2026, 11, 1, 9 * 60, zone]) == "2026-11-01T14:00:00.000Z"
    assert page.evaluate(to_utc, [2026, 10, 31, 24 * 60, zone]) == "2026-11-01T04:00:00.000Z"  # midnight, EDT


def test_the_offsets_in_the_page_agree_with_the_browser_and_hand_over_past_their_end(tokyo, site_url):
    """Every 15 minutes of the table, and a year past its end (where the browser answers)."""
    page = tokyo.new_page()
    page.goto(site_url)
    disagreements = page.evaluate("""() => {
      const hours = PAGE_HOURS_HERE, table = hours.utcOffsets, found = [];
      const browserOnly = {timeZone: hours.timeZone};
      const last = (table.until + 366 * 86400) * 1000;
      for (let at = table.changes[0][0] * 1000; at < last; at += 15 * 60000) {
        for (const instant of [at, at - 1]) {
          const fromTable = window.clinicOpenNow.utcOffset(hours, instant);
          const fromBrowser = window.clinicOpenNow.utcOffset(browserOnly, instant);
          if (fromTable !== fromBrowser) found.push([new Date(instant).toISOString(), fromTable, fromBrowser]);
        }
      }
      return found;
    }""".replace("PAGE_HOURS_HERE", PAGE_HOURS))
    assert disagreements == []


# Counts the formatters made for a named time zone: each loads the browser's time-zone
# data, which blocks a phone's main thread for 100-200 ms on first use.
COUNT_ZONE_FORMATTERS = """
window.zoneFormatters = 0;
const DateTimeFormat = Intl.DateTimeFormat;
Intl.DateTimeFormat = function (locales, options) {
  if (options && options.timeZone) window.zoneFormatters += 1;
  return new DateTimeFormat(locales, options);
};
Intl.DateTimeFormat.prototype = DateTimeFormat.prototype;
"""


def test_the_first_view_needs_no_time_zone_data_from_the_browser(tokyo, site_url):
    tokyo.add_init_script(COUNT_ZONE_FORMATTERS)
    page = status_at(tokyo, site_url + "visit/", datetime.now(UTC))
    assert shown(page).startswith(("Open now", "Closed"))
    page.clock.run_for(24 * 60 * 60_000)  # a day of updates
    assert page.evaluate("window.zoneFormatters") == 0
