"""Property-based checks of the clinic data (hypothesis).

- Any valid week shows the same hours in the visible block, the JSON-LD and the
  open-now data.
- Any invalid input, of any YAML shape, is refused with editor-facing lines: never a
  traceback, never silently accepted as something else.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
import re

import jinja2
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from clinic_site.articles import load_article
from clinic_site.clinic import load_clinic
from clinic_site.context import clinic_context
from clinic_site.hours import DAYS
from clinic_site.problems import Problems
from sample_clinic import VALID
from site_builder import ROOT


def lines_of(error: Problems) -> list[str]:
    return [str(problem) for problem in error.problems]


# The same examples on every run, so a pull request never fails on an example drawn for
# the first time. HYPOTHESIS_EXPLORE=1 draws new ones (and more): run it after changing
# the validation, and add what it finds to the unit tests.
EXPLORE = bool(os.environ.get("HYPOTHESIS_EXPLORE"))
PROPERTY_SETTINGS = settings(max_examples=3000 if EXPLORE else 300, deadline=None, derandomize=not EXPLORE,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# --- A valid week, written in any of the accepted forms -------------------------------

Minutes = tuple[int, int]  # (opens, closes), minutes after midnight


@st.composite
def day_ranges(draw) -> list[Minutes]:
    """0 to 3 ranges in one day: each closes after it opens; they may touch, never overlap."""
    count = draw(st.integers(0, 3))
    bounds = sorted(draw(st.lists(st.integers(0, 23 * 60 + 59), min_size=2 * count, max_size=2 * count)))
    ranges = [(bounds[i], bounds[i + 1]) for i in range(0, 2 * count, 2)]
    assume(all(opens < closes for opens, closes in ranges))
    return ranges


@st.composite
def written_time(draw, minutes: int) -> str:
    hour, minute = divmod(minutes, 60)
    if hour < 10 and draw(st.booleans()):
        return f"{hour}:{minute:02d}"  # H:MM
    return f"{hour:02d}:{minute:02d}"  # HH:MM


@st.composite
def written_day(draw, ranges: list[Minutes]):
    """How an editor may write one day in mkdocs.yml (README, "The clinic's facts")."""
    if not ranges:
        return draw(st.sampled_from(["closed", "Closed", "CLOSED", " closed "]))
    dash = draw(st.sampled_from(["-", "\u2013", " - ", " \u2013 "]))
    items = [f"{draw(written_time(opens))}{dash}{draw(written_time(closes))}" for opens, closes in ranges]
    if len(items) == 1 and draw(st.booleans()):
        return items[0]
    return draw(st.permutations(items))  # any order: the build sorts them


@st.composite
def valid_weeks(draw) -> tuple[dict[str, list[Minutes]], dict]:
    week = {day: draw(day_ranges()) for day in DAYS}
    assume(any(week.values()))  # the model refuses a week closed every day
    raw = copy.deepcopy(VALID)
    raw["opening_hours"] = {day: draw(written_day(ranges)) for day, ranges in week.items()}
    return week, raw


# --- Reading each rendering back into a week -------------------------------------------

def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def expected_week(week: dict[str, list[Minutes]]) -> dict[str, list[tuple[str, str]]]:
    return {day: [(hhmm(o), hhmm(c)) for o, c in ranges] for day, ranges in week.items()}


_US_TIME = re.compile(r"^(\d{1,2}):(\d{2}) (AM|PM)$")
_SPAN = re.compile(r"^(?P<first>[A-Z][a-z]+day)(?: (?P<joiner>to|and) (?P<last>[A-Z][a-z]+day))?$")


def from_us_time(text: str) -> str:
    hour, minute, half = _US_TIME.match(text).groups()
    hour = int(hour) % 12 + (12 if half == "PM" else 0)
    return f"{hour:02d}:{minute}"


def parse_ranges(text: str) -> list[tuple[str, str]]:
    if text == "Closed":
        return []
    return [tuple(from_us_time(t) for t in part.split(" \u2013 ")) for part in text.split(" and ")]


def week_from_visible_lines(lines: list[str]) -> dict[str, list[tuple[str, str]]]:
    """The inverse of the visible hours: 'Monday to Friday: 9:00 AM – 5:00 PM' -> each day."""
    week: dict[str, list[tuple[str, str]]] = {}
    for line in lines:
        if line.startswith("Open every day, "):
            return {day: parse_ranges(line.removeprefix("Open every day, ")) for day in DAYS}
        span, ranges = line.split(": ", 1)
        match = _SPAN.match(span)
        first = DAYS.index(match["first"].lower())
        last = DAYS.index(match["last"].lower()) if match["last"] else first
        if match["joiner"] == "and":
            assert last == first + 1, line
        for day in DAYS[first:last + 1]:
            week[day] = parse_ranges(ranges)
    assert list(week) == list(DAYS), lines  # every day once, in order
    return week


def week_from_json_ld(data: dict) -> dict[str, list[tuple[str, str]]]:
    week: dict[str, list[tuple[str, str]]] = {day: [] for day in DAYS}
    for spec in data["openingHoursSpecification"]:
        assert spec["@type"] == "OpeningHoursSpecification"
        for day in spec["dayOfWeek"]:
            week[day.lower()].append((spec["opens"], spec["closes"]))
    return {day: sorted(ranges) for day, ranges in week.items()}


_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))  # like MkDocs: no autoescape
# MkDocs's url filter makes a link relative to the page; these tests read no links.
_templates.filters["url"] = lambda path: path


def visible_hours(context: dict) -> list[str]:
    """The hours as a visitor reads them in the clinic block (the real template)."""
    html = _templates.get_template("partials/clinic.html").render(
        config={"extra": {"site": {"clinic": context, "urls": {"visit": "visit/"}}}})
    items = LexborHTMLParser(html).css(".clinic-info__hours li")
    return [" ".join(item.text().split()) for item in items]


@PROPERTY_SETTINGS
@given(valid_weeks())
def test_any_valid_week_reads_the_same_everywhere(case):
    week, raw = case
    want = expected_week(week)
    context = clinic_context(load_clinic(raw), "https://example.org/")

    assert week_from_visible_lines(visible_hours(context)) == want
    assert week_from_json_ld(json.loads(context["json_ld"])) == want
    open_now = json.loads(context["hours_json"])
    assert open_now["timeZone"] == raw["time_zone"]
    assert {day: [tuple(r) for r in ranges] for day, ranges in open_now["week"].items()} == want


# --- Anything invalid: a message, never a traceback ------------------------------------

# What YAML can hand the build: every scalar type it produces, lists and mappings of them,
# and mappings whose keys are not text (`1:`, `no:`, `2026-01-01:`).
# Text that has broken validators elsewhere: names of folders and files (a time zone is
# looked up by name), very long text, control characters, markup, near-valid values.
tricky_text = st.sampled_from([
    "America", "America/", "Etc", "/", ".", "..", "../../etc/passwd", "\x00", "a" * 300, "9" * 40,
    "", " ", "\n", "closed", "09:00-17:00", "9am-5pm", "25:00-26:00", "17:00-09:00", "24:00-24:30",
    "12205", "12205-", "America/New_York", "+1 518-555-0100", "+1", "info@example.org", "@", "a@b",
    "https://example.org/", "https://", "javascript:alert(1)", "</script>", "NY", "ny",
])
yaml_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=80) | st.dates() | st.datetimes() | tricky_text
)
yaml_keys = st.text(max_size=20) | st.integers() | st.booleans() | st.dates()
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(yaml_keys, inner, max_size=4),
    max_leaves=12,
)

# Every place in the clinic data an editor can write something.
FIELD_PATHS = [
    (), ("name",), ("address",), ("address", "street"), ("address", "city"), ("address", "state"),
    ("address", "postal_code"), ("address", "country"), ("time_zone",), ("opening_hours",),
    *[("opening_hours", day) for day in DAYS],
    ("phone",), ("email",), ("booking_url",), ("map_coordinates",),
    ("map_coordinates", "latitude"), ("map_coordinates", "longitude"),
    ("an_unknown_field",), ("address", "an_unknown_field"), ("opening_hours", "an_unknown_field"),
]


def replaced(path: tuple, value) -> object:
    if not path:
        return value
    data = copy.deepcopy(VALID)
    data.setdefault("map_coordinates", {"latitude": 42.7, "longitude": -73.8})
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def assert_editor_lines(lines: list[str], prefix: str) -> None:
    assert lines, "an error with no message"
    for line in lines:
        assert line.startswith(prefix), line
        assert "\n" not in line and "Traceback" not in line, line
        assert len(line) < 600, line


ARTICLE_LINE = re.compile(r"^docs/articles/x\.md:\d+: ")
YAML_WORDS = ("mapping values", "token", "scalar", "YAML", "stream")


def assert_article_lines(lines: list[str]) -> None:
    """Each line: the file and its line number, then plain words (no YAML's)."""
    assert lines, "an error with no message"
    for line in lines:
        assert ARTICLE_LINE.match(line), line
        assert "\n" not in line and "Traceback" not in line, line
        assert not any(word in line for word in YAML_WORDS), line
        assert len(line) < 600, line


@PROPERTY_SETTINGS
@given(st.sampled_from(FIELD_PATHS), yaml_values)
def test_any_yaml_value_anywhere_is_accepted_or_explained(path, value):
    data = replaced(path, value)
    try:
        load_clinic(data)
    except Problems as error:
        assert_editor_lines(lines_of(error), "mkdocs.yml: extra.clinic")
        if path and path[-1] != "an_unknown_field":
            # The line names the field that is wrong (or the group that holds it).
            named = ".".join(("extra.clinic", *path))
            assert any(line.split(" ", 2)[1].startswith(named) or named.startswith(line.split(" ", 2)[1])
                       for line in lines_of(error)), (named, lines_of(error))


TEXT_FIELDS = [path for path in FIELD_PATHS if path and path[0] != "opening_hours"
               and path[-1] not in ("address", "map_coordinates", "an_unknown_field")]


@PROPERTY_SETTINGS
@given(st.sampled_from(TEXT_FIELDS), tricky_text | st.text())
def test_any_text_in_any_field_is_accepted_or_explained(path, value):
    try:
        load_clinic(replaced(path, value))
    except Problems as error:
        assert_editor_lines(lines_of(error), "mkdocs.yml: extra.clinic." + ".".join(path) + " ")


@PROPERTY_SETTINGS
@given(st.sampled_from(DAYS), st.text(max_size=40) | yaml_values)
def test_a_wrong_day_is_refused_with_a_line_naming_that_day(day, value):
    data = copy.deepcopy(VALID)
    data["opening_hours"][day] = value
    try:
        clinic = load_clinic(data)
    except Problems as error:
        assert lines_of(error) and all(
            line.startswith(f"mkdocs.yml: extra.clinic.opening_hours.{day} ") for line in lines_of(error)
        ), lines_of(error)
        return
    # Accepted only when it is really one of the documented forms.
    if isinstance(value, str) and value.strip().lower() == "closed":
        assert clinic.opening_hours.week()[day] == ()
        return
    items = [value] if isinstance(value, str) else value
    assert isinstance(items, list) and items, value
    assert all(isinstance(item, str) and _ACCEPTED_RANGE.match(item) for item in items), value
    assert len(clinic.opening_hours.week()[day]) == len(items)


_ACCEPTED_RANGE = re.compile(r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*[-\u2013\u2014]\s*([01]?\d|2[0-3]):[0-5]\d\s*$")


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.sampled_from("0123456789:-\u2013 apmAPM"), max_size=14))
def test_times_outside_the_documented_forms_are_refused(text):
    data = copy.deepcopy(VALID)
    data["opening_hours"]["monday"] = text
    if text.strip().lower() == "closed":
        return
    try:
        load_clinic(data)
        accepted = True
    except Problems as error:
        accepted = False
        [line] = lines_of(error)
        assert line.startswith("mkdocs.yml: extra.clinic.opening_hours.monday ")
    # Accepted exactly when it is HH:MM-HH:MM with closing after opening.
    assert accepted == bool(_ACCEPTED_RANGE.match(text)) and accepted <= _closes_later(text)


def _closes_later(text: str) -> bool:
    times = re.findall(r"(\d{1,2}):(\d{2})", text)
    return len(times) == 2 and datetime.time(*map(int, times[0])) < datetime.time(*map(int, times[1]))


# --- Article front matter: the same promise -------------------------------------------

FRONT_MATTER_FIELDS = ["title", "description", "published", "last_reviewed", "next_review",
                       "author", "reviewed_by", "tags", "an_unknown_field"]
GOOD_FRONT_MATTER = {"title": "A title", "description": "A summary.", "published": "2026-01-10",
                     "last_reviewed": "2026-02-01", "next_review": "2027-02-01"}


@PROPERTY_SETTINGS
@given(st.sampled_from(FRONT_MATTER_FIELDS), yaml_values)
def test_any_front_matter_value_is_accepted_or_explained(field, value):
    import yaml

    front_matter = {**GOOD_FRONT_MATTER, field: value}
    try:
        text = "---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + "---\n\nBody.\n"
    except yaml.YAMLError:
        assume(False)
    try:
        load_article(text, src_uri="articles/x.md", url="articles/x/", where="docs/articles/x.md",
                     default_author="Clinic")
    except Problems as error:
        assert_article_lines(lines_of(error))


@PROPERTY_SETTINGS
@given(st.text(max_size=200))
def test_any_front_matter_text_is_accepted_or_explained(body):
    try:
        load_article(f"---\n{body}\n---\n\nBody.\n", src_uri="articles/x.md", url="articles/x/",
                     where="docs/articles/x.md", default_author="Clinic")
    except Problems as error:
        assert_article_lines(lines_of(error))
