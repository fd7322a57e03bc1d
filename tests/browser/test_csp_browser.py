"""In Chromium, every page type runs under the Content Security Policy with no violation.

Violations are collected from `securitypolicyviolation` events, with a listener added
before any page script runs, and from the console, where Chromium reports each blocked
script, style or request. Checked twice: as GitHub Pages serves the site (the policy in
<meta> only) and as Netlify or Cloudflare Pages serve it (the _headers too; a browser
enforces both).
"""

from __future__ import annotations

import pytest

from csp_watch import violations, watched_page
from page_types import VISITS, Visit, open_search_and_type, visit


@pytest.fixture(params=["GitHub Pages", "_headers"])
def served_site(request) -> str:
    fixture = "site_url" if request.param == "GitHub Pages" else "site_url_with_headers"
    return request.getfixturevalue(fixture)


@pytest.mark.parametrize("page_visit", VISITS, ids=[page_visit.name for page_visit in VISITS])
def test_every_page_type_runs_with_no_csp_violation(browser, served_site, page_visit: Visit):
    with watched_page(browser) as page:
        visit(page, served_site, page_visit)
        assert page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null")
        assert violations(page) == []


def test_the_headers_are_sent_where_a_host_honours_them(browser, site_url_with_headers):
    with watched_page(browser) as page:
        response = page.goto(site_url_with_headers)
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert "camera=()" in headers["permissions-policy"]


@pytest.mark.parametrize("code", [
    "document.head.append(Object.assign(document.createElement('script'), {textContent: 'window.ran = 1'}))",
    "document.body.setAttribute('onclick', 'window.ran = 1'); document.body.click()",
    "document.head.append(Object.assign(document.createElement('style'), {textContent: 'body{color:red}'}))",
    "document.body.append(Object.assign(new Image(), {src: 'https://example.org/pixel.png'}))",
])
def test_the_policy_blocks_injected_code_and_the_test_sees_it(browser, site_url, code):
    # The check above can fail: anything not allowed by the policy is blocked and recorded.
    with watched_page(browser) as page:
        page.goto(site_url)
        page.evaluate(code)
        page.wait_for_function("window.__cspViolations.length > 0")
        assert page.evaluate("window.ran") is None
        assert violations(page)


def test_a_page_without_the_policy_would_be_caught(browser, site_url, site_dir, tmp_path):
    # The theme's inline scripts are allowed only by the hashes in the policy: served
    # with a policy that lacks them, the same page reports each one.
    from static_server import SiteServer

    page_html = (site_dir / "index.html").read_text()
    start = page_html.index("<meta http-equiv=\"Content-Security-Policy\"")
    end = page_html.index(">", start) + 1
    (tmp_path / "index.html").write_text(
        page_html[:start] + "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'\">"
        + page_html[end:])
    with SiteServer(tmp_path) as server, watched_page(browser) as page:
        page.goto(server.url)
        page.wait_for_load_state("networkidle")
        assert any("script-src" in line for line in violations(page))


def test_hostile_text_shows_as_text_in_search_results(browser, tmp_path_factory):
    # The search shows titles from its index as HTML: a title with markup shows as text.
    from hostile_values import ARTICLE_URL, HOSTILE, build_with
    from static_server import SiteServer

    site = build_with(HOSTILE, tmp_path_factory.mktemp("hostile-search"))
    with SiteServer(site) as server, watched_page(browser) as page:
        page.goto(server.url)
        open_search_and_type(page, "sleepwalking")
        titles = [title.strip() for title in page.locator(".site-search__result-link").all_inner_texts()]
        assert HOSTILE["title"] in titles
        page.goto(server.url + ARTICLE_URL)
        # The title alone when "title - site name" would pass 60 characters (search engines cut it).
        assert page.title() in (f"{HOSTILE['title']} - {HOSTILE['site_name']}", HOSTILE["title"])
        assert page.dialogs == []
        assert violations(page) == []
