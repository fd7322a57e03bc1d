"""The built site loads in a real browser, from the local server only."""

from __future__ import annotations

from urllib.parse import urlsplit


def test_home_page_loads_in_chromium_with_no_third_party_request(browser, site_url):
    page = browser.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    response = page.goto(site_url)
    assert response.status == 200
    assert response.headers.get("content-encoding") == "gzip"
    assert page.locator("address.clinic-info__address").is_visible()
    page.wait_for_load_state("networkidle")
    assert hosts == {urlsplit(site_url).netloc}
    page.close()


def test_missing_pages_get_the_404_page(browser, site_url):
    page = browser.new_page()
    response = page.goto(site_url + "no-such-page/")
    assert response.status == 404
    assert page.locator("address.clinic-info__address").is_visible()
    page.close()
