"""Every kind of page a visitor meets, and what they do on it, for browser checks.

One list, used by the security-policy test (and free for any other browser test), so a
new page type or a new search is added in one place. Each type opens a path and may
then act on the page the way a visitor would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from playwright.sync_api import Page

SEARCH_QUERY = "ketamine"


def open_search_and_type(page: Page, query: str = SEARCH_QUERY) -> None:
    """Open the site search from the header, type a query, wait for results.

    Every test that opens the search goes through this function, so a change to the
    search (overrides/partials/site-search.html) is followed here once.
    """
    page.get_by_role("button", name="Search").click()
    dialog = page.get_by_role("dialog", name="Search this site")
    dialog.get_by_label("Search articles and pages").press_sequentially(query, delay=20)  # as a visitor types
    dialog.locator(".site-search__result-link").first.wait_for()


def switch_to_dark_and_reload(page: Page) -> None:
    """Choose the dark scheme, then reload: the theme's inline script restores the choice."""
    for _ in range(2):  # system preference -> light -> dark
        page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.reload()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")


def open_the_menu(page: Page) -> None:
    """On a phone, open the navigation drawer."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    act: Callable[[Page], None] | None = None


PAGE_TYPES = [
    PageType("home", ""),
    PageType("articles index", "articles/"),
    PageType("article", "articles/does-ketamine-treat-depression/"),
    PageType("article at a section", "articles/does-ketamine-treat-depression/#references"),
    PageType("visit", "visit/"),
    PageType("get help now", "get-help-now/"),
    PageType("missing page (404)", "no-such-page/"),
    PageType("search open with a query typed", "", open_search_and_type),
    PageType("dark scheme chosen, then reloaded", "visit/", switch_to_dark_and_reload),
    PageType("menu open on a phone", "articles/", open_the_menu),
]


def visit(page: Page, site_url: str, page_type: PageType) -> None:
    """Open the page type and do what it does, leaving the page when everything has run."""
    page.goto(site_url + page_type.path)
    page.wait_for_load_state("networkidle")
    if page_type.act:
        page_type.act(page)
        page.wait_for_load_state("networkidle")
