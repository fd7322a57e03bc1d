"""The site's page types, the widths and palettes they are checked at, and how a visitor
opens them and acts on them in a browser. Shared by the accessibility, keyboard,
layout, privacy, print and security-policy tests, so a new page type, or a change to
how search is opened, is made in one place.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Locator, Page

# One page of each kind the site has. "article" is the first article found in the
# build, so renaming an article does not break the checks.
PAGE_TYPES = ("home", "article", "articles-index", "visit", "get-help-now", "privacy", "search-page", "404")
FIXED_PATHS = {
    "home": "",
    "articles-index": "articles/",
    "visit": "visit/",
    "get-help-now": "get-help-now/",
    "privacy": "privacy/",
    "search-page": "search/",
    "404": "no-such-page/",
}

VIEWPORTS = {
    "phone": {"width": 375, "height": 812},
    "desktop": {"width": 1280, "height": 800},
}

# The palette the visitor's system asks for (Material's automatic palette follows it),
# and the scheme Material then puts on <body>.
PALETTES = {"light": "default", "dark": "slate"}

# Material keeps the visitor's palette choice under this key, scoped by the site's path.
PALETTE_STORAGE_KEY = "/.__palette"

SEARCH_QUERY = "ketamine"
SEARCH_INPUT_LABEL = "Search articles and pages"


def page_path(site_dir: Path, page_type: str) -> str:
    if page_type == "article":
        # The newest article, first in the articles index: it is in the navigation (only the
        # newest five are), as every article is when it is published.
        index = (site_dir / "articles" / "index.html").read_text(encoding="utf-8")
        link = re.search(r'class="article-list__title"><a href="([^"]+)"', index)
        assert link, f"no article is listed in {site_dir / 'articles' / 'index.html'}"
        return posixpath.normpath(posixpath.join("articles", link.group(1))) + "/"
    return FIXED_PATHS[page_type]


def new_context(browser: Browser, viewport: str = "phone", palette: str = "light", **options) -> BrowserContext:
    """A fresh visitor: no storage, the given screen and system color scheme."""
    return browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=palette, **options)


def open_page(context: BrowserContext, url: str) -> Page:
    """Load a page and wait until the theme's scripts have set it up."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def follow_link_to_another_site(
    browser: Browser, site_url: str, path: str, find_link: Callable[[Page], Locator],
) -> tuple[str | None, list]:
    """Open a page, then click a link to another site: (the link's href, the requests
    made to other sites). Such requests are recorded, then stopped here. The page must
    make none before the click."""
    context = new_context(browser, "desktop")
    own_host = urlsplit(site_url).netloc
    outside = []

    def record_and_stop(route):
        outside.append(route.request)
        route.abort()

    context.route(lambda url: urlsplit(url).netloc != own_host, record_and_stop)
    page = open_page(context, site_url + path)
    assert outside == [], f"{path} contacted another site before any click: {[r.url for r in outside]}"
    link = find_link(page)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_timeout(300)
    context.close()
    return href, outside


def assert_palette(page: Page, palette: str) -> None:
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == PALETTES[palette], f"{page.url}: expected the {palette} palette, got scheme {scheme!r}"


def open_search_and_type(page: Page, query: str = SEARCH_QUERY) -> Locator:
    """Open the site search from the header, type a query, wait for results.

    The one place that knows how search is opened and where its results appear
    (overrides/partials/site-search.html). Returns the locator of the result entries,
    each holding a link to its page.
    """
    page.get_by_role("button", name="Search").click()
    dialog = page.get_by_role("dialog", name="Search this site")
    dialog.get_by_label(SEARCH_INPUT_LABEL).press_sequentially(query, delay=20)  # as a visitor types
    results = dialog.locator(".site-search__result")
    results.first.wait_for(state="visible")
    return results


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
class Visit:
    """A page opened at a path, then, if given, something a visitor does on it."""

    name: str
    path: str
    act: Callable[[Page], None] | None = None


# Every page type, and the states a visitor can put a page in that run more code.
VISITS = [
    Visit("home", ""),
    Visit("articles index", "articles/"),
    Visit("article", "articles/does-ketamine-treat-depression/"),
    Visit("article at a section", "articles/does-ketamine-treat-depression/#references"),
    Visit("visit", "visit/"),
    Visit("get help now", "get-help-now/"),
    Visit("privacy", "privacy/"),
    Visit("missing page (404)", "no-such-page/"),
    Visit("search open with a query typed", "", open_search_and_type),
    Visit("search page with a query in its address", "search/?q=ketamine",
          lambda page: page.locator("[data-site-search-page] .site-search__result").first.wait_for()),
    Visit("dark scheme chosen, then reloaded", "visit/", switch_to_dark_and_reload),
    Visit("menu open on a phone", "articles/", open_the_menu),
]


def visit(page: Page, site_url: str, page_visit: Visit) -> None:
    """Open the page and do what the visit does, returning when everything has run."""
    page.goto(site_url + page_visit.path)
    page.wait_for_load_state("networkidle")
    if page_visit.act:
        page_visit.act(page)
        page.wait_for_load_state("networkidle")
