"""The site's page types, the widths and palettes they are checked at, and how a visitor
opens them in a browser. Shared by the accessibility, keyboard, layout, privacy and
print tests.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Locator, Page

# One page of each kind the site has. "article" is the first article found in the
# build, so renaming an article does not break the checks.
PAGE_TYPES = ("home", "article", "articles-index", "visit", "get-help-now", "privacy", "404")
FIXED_PATHS = {
    "home": "",
    "articles-index": "articles/",
    "visit": "visit/",
    "get-help-now": "get-help-now/",
    "privacy": "privacy/",
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


def page_path(site_dir: Path, page_type: str) -> str:
    if page_type == "article":
        articles = sorted(site_dir.glob("articles/*/index.html"))
        assert articles, f"no article was built in {site_dir}"
        return articles[0].parent.relative_to(site_dir).as_posix() + "/"
    return FIXED_PATHS[page_type]


def new_context(browser: Browser, viewport: str = "phone", palette: str = "light", **options) -> BrowserContext:
    """A fresh visitor: no storage, the given screen and system colour scheme."""
    return browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=palette, **options)


def open_page(context: BrowserContext, url: str) -> Page:
    """Load a page and wait until the theme's scripts have set it up."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def assert_palette(page: Page, palette: str) -> None:
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == PALETTES[palette], f"{page.url}: expected the {palette} palette, got scheme {scheme!r}"


def open_search_and_type(page: Page, query: str) -> Locator:
    """Open the site search from the keyboard, type a query, wait for results.

    The ONE place that knows how search is opened and where its results appear: the
    search UI is being replaced (issue 5), so only this function changes with it.
    Returns the locator of the result entries.
    """
    page.keyboard.press("/")
    search_input = page.locator("input.md-search__input")
    search_input.wait_for(state="visible")
    search_input.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    return results
