"""The Zensical build in Chromium: every page type (and the states a visitor puts a page
in) runs with no Content Security Policy violation and no request to another host, and
search answers. The same checks as the MkDocs build's browser tests, in one pass."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from csp_watch import violations, watched_page
from page_types import SEARCH_QUERY, VISITS, open_search_and_type, visit


@pytest.fixture(scope="module")
def zensical_url(zensical_site):
    from static_server import SiteServer

    with SiteServer(zensical_site.site_dir) as server:
        yield server.url


def test_every_page_type_runs_clean_on_the_zensical_build(browser, zensical_url):
    own_host = urlsplit(zensical_url).netloc
    problems = []
    for page_visit in VISITS:
        with watched_page(browser) as page:
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            visit(page, zensical_url, page_visit)
            if not page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null"):
                problems.append(f"{page_visit.name}: no Content Security Policy")
            problems += [f"{page_visit.name}: {violation}" for violation in violations(page)]
            problems += [f"{page_visit.name}: requested {url}" for url in requested
                         if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own_host]
            if not page.locator("address.clinic-info__address").count():
                problems.append(f"{page_visit.name}: no clinic address")
    assert problems == []


def test_search_answers_on_the_zensical_build(browser, zensical_url):
    with watched_page(browser) as page:
        page.goto(zensical_url)
        results = open_search_and_type(page, SEARCH_QUERY)
        assert results.count() > 0
        assert SEARCH_QUERY in results.first.inner_text().lower()
        assert violations(page) == []
