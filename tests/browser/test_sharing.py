"""Every article can be shared: the browser's share sheet where it has one, otherwise
plain links (email, Facebook, X, LinkedIn) and "Copy link". No third-party script, and
no share service hears anything until the visitor follows its link.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser

from page_types import follow_link_to_another_site, new_context, open_page, page_path

SHARE_SERVICES = {
    "Email": ("mailto", "", "body"),
    "Facebook": ("https", "www.facebook.com", "u"),
    "X": ("https", "x.com", "url"),
    "LinkedIn": ("https", "www.linkedin.com", "url"),
}

# Stands in for the Web Share API, which headless Chromium on Linux does not have.
FAKE_WEB_SHARE = """
window.sharedWith = [];
Object.defineProperty(navigator, 'share', {value: data => { window.sharedWith.push(data); return Promise.resolve(); }});
Object.defineProperty(navigator, 'canShare', {value: () => true});
"""


def article_pages(site_dir):
    return sorted(site_dir.glob("articles/*/index.html"))


def test_every_article_offers_plain_share_links_to_its_own_address(site_dir):
    assert len(article_pages(site_dir)) >= 2
    for path in article_pages(site_dir):
        page = LexborHTMLParser(path.read_text(encoding="utf-8"))
        canonical = page.css_first("link[rel=canonical]").attributes["href"]
        title = page.css_first("h1").text().strip()
        share = page.css_first("section.share")
        assert share is not None, f"{path}: no share section"
        links = {a.text().strip(): a for a in share.css("a")}
        assert set(links) == set(SHARE_SERVICES), f"{path}: share links are {sorted(links)}"
        for name, (scheme, host, url_parameter) in SHARE_SERVICES.items():
            href = links[name].attributes["href"]
            parts = urlsplit(href)
            assert (parts.scheme, parts.netloc) == (scheme, host), f"{path}: {name} link {href}"
            query = parse_qs(parts.query)
            assert query[url_parameter] == [canonical], f"{path}: {name} does not share {canonical}: {href}"
            if scheme == "https":
                assert set(links[name].attributes.get("rel", "").split()) >= {"noopener", "noreferrer"}, href
        assert parse_qs(urlsplit(links["Email"].attributes["href"]).query)["subject"] == [title]
        # No script from a share service, or from anywhere but the site.
        for script in page.css("script[src]"):
            assert not urlsplit(script.attributes["src"]).netloc, f"{path}: third-party script {script.attributes['src']}"


def test_pages_that_are_not_articles_have_no_share_section(site_dir):
    for path in (site_dir / "index.html", site_dir / "visit" / "index.html", site_dir / "404.html"):
        assert LexborHTMLParser(path.read_text(encoding="utf-8")).css_first("section.share") is None, path


def test_without_web_share_the_links_show_and_copy_link_copies_the_address(browser, site_url, site_dir):
    context = new_context(browser, "phone")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = open_page(context, site_url + page_path(site_dir, "article"))
    assert page.evaluate("typeof navigator.share") == "undefined", "this Chromium has Web Share: the test needs none"
    share = page.locator("section.share")
    assert share.get_by_role("button", name="Share").is_hidden()
    for name in SHARE_SERVICES:
        assert share.get_by_role("link", name=name, exact=True).is_visible()
    copy = share.get_by_role("button", name="Copy link")
    assert copy.is_visible()
    copy.click()
    expect(share.get_by_role("status")).to_have_text("Link copied.")  # once the clipboard answers
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    context.close()


def test_with_web_share_one_button_opens_the_share_sheet(browser, site_url, site_dir):
    context = new_context(browser, "phone")
    context.add_init_script(FAKE_WEB_SHARE)
    page = open_page(context, site_url + page_path(site_dir, "article"))
    share = page.locator("section.share")
    button = share.get_by_role("button", name="Share", exact=True)
    assert button.is_visible()
    assert share.get_by_role("link", name="Facebook").is_hidden()
    button.click()
    shared = page.evaluate("window.sharedWith")
    assert shared == [{
        "title": page.locator("h1").inner_text().strip(),
        "url": page.locator("link[rel=canonical]").get_attribute("href"),
    }]
    context.close()


def test_without_javascript_the_plain_links_remain(browser, site_url, site_dir):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + page_path(site_dir, "article"))
    share = page.locator("section.share")
    for name in SHARE_SERVICES:
        assert share.get_by_role("link", name=name, exact=True).is_visible()
    # "Share" and "Copy link" need JavaScript: they stay hidden.
    buttons = share.locator("button").all()
    assert len(buttons) == 2 and not any(button.is_visible() for button in buttons)
    context.close()


@pytest.mark.parametrize("service", ["Facebook", "X", "LinkedIn"])
def test_a_share_service_hears_nothing_until_its_link_is_followed_and_gets_no_referrer(browser, site_url, site_dir, service):
    link = lambda page: page.locator("section.share").get_by_role("link", name=service, exact=True)
    _, outside = follow_link_to_another_site(browser, site_url, page_path(site_dir, "article"), link)
    assert [urlsplit(request.url).netloc for request in outside] == [SHARE_SERVICES[service][1]]
    assert "referer" not in outside[0].headers
