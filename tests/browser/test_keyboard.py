"""A keyboard user can use every page type: a skip link first; a visible focus ring at
every stop, never hidden under the sticky header or anything else (WCAG 2.4.7, 2.4.11);
Tab reaches the clinic's address, its hours and the help-now links; every target is at
least 24 by 24 CSS pixels (WCAG 2.5.8).
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from axe_checker import axe_violations, describe
from clinic_site.clinic import load_clinic
from focus_walk import FocusStop, focused, tab_through
from page_types import PAGE_TYPES, VIEWPORTS, new_context, open_page, page_path
from site_builder import html_files


def test_every_page_has_a_skip_link_to_an_element_on_it(site_dir):
    for path in html_files(site_dir):
        page = LexborHTMLParser(path.read_text(encoding="utf-8"))
        skips = page.css("a.md-skip")
        assert len(skips) == 1, f"{path}: {len(skips)} skip links"
        target = skips[0].attributes["href"].removeprefix("#")
        assert page.css_first(f"[id='{target}']") is not None, f"{path}: the skip link's target #{target} is missing"


WALKS = [(page_type, viewport) for page_type in PAGE_TYPES for viewport in VIEWPORTS]
WALK_IDS = ["-".join(walk) for walk in WALKS]
MIN_TARGET = 24  # CSS px


@pytest.fixture(scope="module")
def tab_walks(browser, site_url, site_dir):
    """Every Tab stop of a page type at a width; walked once, read by several tests."""
    walks: dict[tuple[str, str], list[FocusStop]] = {}

    def walk(page_type: str, viewport: str) -> list[FocusStop]:
        if (page_type, viewport) not in walks:
            context = new_context(browser, viewport)
            page = open_page(context, site_url + page_path(site_dir, page_type))
            walks[page_type, viewport] = tab_through(page)
            context.close()
        return walks[page_type, viewport]

    return walk


@pytest.mark.parametrize(("page_type", "viewport"), WALKS, ids=WALK_IDS)
def test_the_skip_link_comes_first_and_moves_focus_to_the_content(browser, site_url, site_dir, page_type, viewport):
    context = new_context(browser, viewport)
    page = open_page(context, site_url + page_path(site_dir, page_type))
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip is not None and "md-skip" in skip.classes, f"{page_type}: the first Tab stop is {skip}, not a skip link"
    assert skip.ring_shows and not skip.hidden_by, f"{page_type}: the skip link is not visible when focused: {skip}"
    # It is readable when it shows (contrast of the label on the page).
    violations = axe_violations(page)
    assert not violations, describe(violations, f"{page_type}, skip link focused")

    target_id = skip.href.removeprefix("#")
    page.keyboard.press("Enter")
    target = page.locator(f"[id='{target_id}']")
    assert target.count() == 1, f"{page_type}: the skip link points to #{target_id}, which is not on the page"
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    target_box = target.bounding_box()
    assert target_box["y"] >= header_bottom - 1, f"{page_type}: the skip link's target is under the sticky header"

    page.keyboard.press("Tab")
    # Tab goes on from the target: to the first visible control after it (in the
    # content, or the footer on a page whose text has no links), never back up.
    goes_on_from_the_target = page.evaluate(
        """(id) => {
            const target = document.getElementById(id), now = document.activeElement;
            const controls = [...document.querySelectorAll(
                'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')];
            const next = controls.find(control => control.checkVisibility({visibilityProperty: true})
                && (target.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING));
            return now === next && !now.closest('.md-header, .md-sidebar');
        }""",
        target_id,
    )
    assert goes_on_from_the_target, f"{page_type}: after the skip link, Tab goes to {focused(page)}, not on from the content"
    context.close()


@pytest.mark.parametrize(("page_type", "viewport"), WALKS, ids=WALK_IDS)
def test_focus_is_visible_and_never_hidden(tab_walks, page_type, viewport):
    stops = tab_walks(page_type, viewport)
    assert len(stops) >= 10, f"{page_type}: only {len(stops)} Tab stops"
    problems = []
    for stop in stops:
        if not stop.ring_shows:
            problems.append(f"no visible focus ring: {stop.description}")
        if stop.hidden_by:
            problems.append(f"hidden by {', '.join(sorted(set(stop.hidden_by)))}: {stop.description}")
    assert not problems, f"{page_type} at {viewport} width:\n  " + "\n  ".join(problems)


BACKWARD_WALKS = [(page_type, viewport) for page_type in ("home", "article") for viewport in VIEWPORTS]


@pytest.mark.parametrize(("page_type", "viewport"), BACKWARD_WALKS, ids=["-".join(w) for w in BACKWARD_WALKS])
def test_focus_is_never_hidden_under_the_header_going_backwards(browser, site_url, site_dir, page_type, viewport):
    """Shift+Tab scrolls up: each stop comes in at the top, where the sticky header is."""
    context = new_context(browser, viewport)
    page = open_page(context, site_url + page_path(site_dir, page_type))
    stops = tab_through(page, backwards=True)
    context.close()
    assert len(stops) >= 10
    problems = [f"hidden by {', '.join(sorted(set(stop.hidden_by)))}: {stop.description}" for stop in stops if stop.hidden_by]
    problems += [f"no visible focus ring: {stop.description}" for stop in stops if not stop.ring_shows]
    assert not problems, f"{page_type} at {viewport} width, going backwards:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_section_links_land_below_the_sticky_header(browser, site_url, site_dir, viewport):
    context = new_context(browser, viewport)
    page = open_page(context, site_url + page_path(site_dir, "article"))
    ids = page.eval_on_selector_all("article h2[id]", "headings => headings.map(h => h.id)")
    assert len(ids) >= 3
    for heading_id in ids:
        page.evaluate("""async id => {
            location.hash = id;
            await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        }""", heading_id)
        top, header_bottom = page.evaluate(
            "id => [document.getElementById(id).getBoundingClientRect().top,"
            " document.querySelector('.md-header').getBoundingClientRect().bottom]", heading_id)
        at_end = page.evaluate("innerHeight + scrollY >= document.documentElement.scrollHeight - 1")
        assert top >= header_bottom, f"#{heading_id} lands under the sticky header ({top:.0f} < {header_bottom:.0f})"
        assert at_end or top <= header_bottom + 120, f"#{heading_id} lands far below the header ({top:.0f})"
    context.close()


@pytest.mark.parametrize(("page_type", "viewport"), WALKS, ids=WALK_IDS)
def test_tab_reaches_the_address_the_hours_and_help_now(tab_walks, raw_clinic, page_type, viewport):
    stops = tab_walks(page_type, viewport)
    address = [stop for stop in stops if stop.in_address and "clinic-info__map" in stop.classes]
    hours = [stop for stop in stops if "clinic-info__hours-link" in stop.classes]
    crisis_line = [stop for stop in stops if stop.href == "tel:988"]
    help_page = [stop for stop in stops if (stop.href or "").endswith("get-help-now/")]
    wanted = [("the address (map link)", address), ("the opening hours", hours), ("the 988 link", crisis_line)]
    if page_type != "get-help-now":  # that page is the help itself
        wanted.append(("the get-help-now page link", help_page))
    for name, found in wanted:
        assert found, f"{page_type} at {viewport} width: Tab never reaches {name}"
        assert not found[0].hidden_by, f"{page_type}: {name} is hidden when focused: {found[0]}"
    # The hours link's text is the hours themselves: a screen reader reads them out.
    first_line = load_clinic(raw_clinic).hours_lines[0]
    assert first_line[:30] in hours[0].description, hours[0]


@pytest.mark.parametrize(("page_type", "viewport"), WALKS, ids=WALK_IDS)
def test_every_target_is_at_least_24_by_24_css_pixels(tab_walks, page_type, viewport):
    too_small = [
        f"{stop.width:.0f}x{stop.height:.0f}: {stop.description}"
        for stop in tab_walks(page_type, viewport)
        if not stop.inline_in_text and (stop.width < MIN_TARGET - 0.5 or stop.height < MIN_TARGET - 0.5)
    ]
    assert not too_small, f"{page_type} at {viewport} width, targets under {MIN_TARGET} px:\n  " + "\n  ".join(too_small)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_crisis_and_emergency_links_are_full_size_even_inline(tab_walks, viewport):
    """WCAG exempts links inside sentences; these matter most, so they are 24 px anyway."""
    for page_type in PAGE_TYPES:
        phone_links = [stop for stop in tab_walks(page_type, viewport) if (stop.href or "").startswith("tel:")]
        assert phone_links, page_type
        for stop in phone_links:
            assert stop.width >= MIN_TARGET - 0.5 and stop.height >= MIN_TARGET - 0.5, f"{page_type}: {stop}"
