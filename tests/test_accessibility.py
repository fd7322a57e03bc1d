"""axe-core finds no WCAG 2.2 AA violation on any page type, search open with a query
typed included, at phone and desktop widths, in the light and dark palettes.

Each check also saves a full-page screenshot of what it checked, to look at by eye
(the folder is printed at the end of the run).
"""

from __future__ import annotations

import pytest

from axe_checker import axe_violations, describe
from browser_support import ARTIFACTS
from page_types import (
    PAGE_TYPES, PALETTES, VIEWPORTS, assert_palette, new_context, open_page, open_search_and_type, page_path,
)

SCREENSHOTS = ARTIFACTS / "screenshots"
CHECKED_STATES = (*PAGE_TYPES, "search")
CHECKS = [
    (state, viewport, palette)
    for state in CHECKED_STATES for viewport in VIEWPORTS for palette in PALETTES
]


@pytest.mark.parametrize(("state", "viewport", "palette"), CHECKS, ids=["-".join(check) for check in CHECKS])
def test_no_wcag_2_2_aa_violations(browser, site_url, site_dir, state, viewport, palette):
    context = new_context(browser, viewport, palette)
    page = open_page(context, site_url + page_path(site_dir, "home" if state == "search" else state))
    assert_palette(page, palette)
    if state == "search":
        open_search_and_type(page, "ketamine")

    violations = axe_violations(page)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{state}-{viewport}-{palette}.png", full_page=state != "search", animations="disabled")
    context.close()
    size = VIEWPORTS[viewport]
    assert not violations, describe(violations, f"{state} at {size['width']}x{size['height']}, {palette} palette")

