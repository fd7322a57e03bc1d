"""Visitors' privacy, checked in a real browser: no request to any host but the site's
own, on every page type and while searching; no cookies; nothing in web storage but
the theme's record of the visitor's own palette choice; links to other sites send no
referrer, and other sites hear nothing until a link to them is followed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from page_types import (
    PAGE_TYPES,
    PALETTE_STORAGE_KEY,
    VIEWPORTS,
    follow_link_to_another_site,
    new_context,
    open_page,
    open_search_and_type,
    page_path,
)
from site_builder import html_files

# What the site keeps in the visitor's browser, and why. Everything else is a failure.
THEME_SETTINGS_IN_LOCAL_STORAGE = {
    PALETTE_STORAGE_KEY: "the palette the visitor chose (automatic, light or dark); Material for MkDocs' key, kept by theme.js",
}
THEME_SETTINGS_IN_SESSION_STORAGE: dict[str, str] = {}

BROWSER_STORAGE = """async () => ({
  local: Object.keys(localStorage),
  session: Object.keys(sessionStorage),
  cookie: document.cookie,
  indexedDB: (await indexedDB.databases()).map(db => db.name),
  caches: await caches.keys(),
  serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
})"""


def visit_everything(context, site_url, site_dir):
    """Every page type, then search with a result opened, then the palette switch."""
    for page_type in PAGE_TYPES:
        open_page(context, site_url + page_path(site_dir, page_type)).close()
    page = open_page(context, site_url)
    results = open_search_and_type(page, "ketamine")
    with page.expect_navigation():
        results.first.locator("a").first.click()
    page.wait_for_load_state("networkidle")
    # Choose a palette: the one setting the theme keeps.
    page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_request_goes_to_another_host(browser, site_url, site_dir, viewport):
    context = new_context(browser, viewport)
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    visit_everything(context, site_url, site_dir)
    context.close()
    own_host = urlsplit(site_url).netloc
    assert len(requested) > len(PAGE_TYPES), "the visits made fewer requests than pages: nothing was watched"
    elsewhere = sorted({url for url in requested if urlsplit(url).netloc != own_host})
    assert not elsewhere, "requests to other hosts:\n  " + "\n  ".join(elsewhere)


def test_no_cookies_and_only_the_palette_choice_in_web_storage(browser, site_url, site_dir):
    context = new_context(browser, "phone")
    page = visit_everything(context, site_url, site_dir)
    stored = page.evaluate(BROWSER_STORAGE)
    cookies = context.cookies()
    palette = page.evaluate("key => JSON.parse(localStorage.getItem(key))", PALETTE_STORAGE_KEY)
    context.close()

    assert cookies == [], f"cookies were set: {cookies}"
    assert stored["cookie"] == ""
    unexpected_local = set(stored["local"]) - set(THEME_SETTINGS_IN_LOCAL_STORAGE)
    assert not unexpected_local, f"localStorage holds more than the theme's settings: {sorted(unexpected_local)}"
    unexpected_session = set(stored["session"]) - set(THEME_SETTINGS_IN_SESSION_STORAGE)
    assert not unexpected_session, f"sessionStorage holds: {sorted(unexpected_session)}"
    assert stored["indexedDB"] == [] and stored["caches"] == [] and stored["serviceWorkers"] == 0, stored
    # The listed key is really what the palette switch stores, and only that.
    assert PALETTE_STORAGE_KEY in stored["local"]
    assert set(palette) == {"index", "color"} and palette["color"]["scheme"] in ("default", "slate"), palette


def test_the_map_link_contacts_openstreetmap_only_when_followed_and_sends_no_referrer(browser, site_url, site_dir):
    link = lambda page: page.locator("a.clinic-info__map").first
    href, outside = follow_link_to_another_site(browser, site_url, "visit/", link)
    assert [urlsplit(request.url).netloc for request in outside] == [urlsplit(href).netloc]
    assert "referer" not in outside[0].headers, outside[0].headers


def test_reference_links_in_articles_send_no_referrer(browser, site_url, site_dir):
    article = page_path(site_dir, "article")
    link = lambda page: page.locator(".footnote a[href^='https://']").first
    href, outside = follow_link_to_another_site(browser, site_url, article, link)
    assert outside and urlsplit(outside[0].url).netloc == urlsplit(href).netloc
    assert "referer" not in outside[0].headers, outside[0].headers


def test_every_page_sends_no_referrer_and_links_the_privacy_page(site_dir):
    for path in html_files(site_dir):
        page = LexborHTMLParser(path.read_text(encoding="utf-8"))
        policy = page.css_first("meta[name=referrer]")
        assert policy is not None and policy.attributes["content"] == "no-referrer", path
        assert any(a.attributes.get("href", "").rstrip("/").endswith("privacy") for a in page.css("a")), (
            f"{path}: no link to the privacy page"
        )


def test_the_privacy_page_says_what_the_tests_prove(site_dir):
    text = LexborHTMLParser((site_dir / "privacy" / "index.html").read_text(encoding="utf-8")).css_first("article").text()
    for claim in ("No cookies", "No analytics", "does not contact any other website", "OpenStreetMap",
                  "color choice", "which of our pages you came from"):
        assert claim in text, f"the privacy page no longer says {claim!r}: update it and these tests together"
