"""The pull-request previews: one published at its own address, one to download.

The published one (.github/workflows/pull-request.yml, "Build the preview for its
address") is a directory-URL build with SITE_NOINDEX=true, served from a sub-path of
the Pages site (pr-preview/pr-N/): search engines are told to stay away, the security
policy is the site's, and search works there. The downloadable one is built with
`--no-directory-urls` (CONTRIBUTING.md tells reviewers to unzip it and open
index.html), so every link must name an .html file.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from site_builder import ROOT, BuildResult, html_files
from site_content import articles, expected_pages
from site_variants import PREVIEW_PATH

# The two previews are site variants (tests/support/site_variants.py): "files-preview",
# what the workflow runs as `python3 scripts/dev.py build --no-directory-urls --site-dir
# site-preview`, and "pr-preview", the published one, with SITE_URL and SITE_NOINDEX.


@pytest.fixture(scope="module")
def preview(sites) -> BuildResult:
    return sites("files-preview")


def local_links(page: Path) -> list[str]:
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    links = [node.attributes.get("href") or "" for node in tree.css("a[href], link[href]")]
    links += [node.attributes.get("src") or "" for node in tree.css("script[src], img[src]")]
    return [link for link in links
            if link and not urlsplit(link).scheme and not link.startswith(("#", "//"))]


def test_every_link_in_the_preview_opens_a_file(preview):
    broken = []
    pages = [page for page in html_files(preview.site_dir) if page.name != "404.html"]
    assert len(pages) == len(expected_pages(ROOT)) - 1
    for page in pages:
        for link in local_links(page):
            target = (page.parent / urlsplit(link).path).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(preview.site_dir)}: {link}")
    assert broken == []


def test_a_reviewer_can_open_the_preview_and_reach_an_article(preview, browser):
    page = browser.new_page()
    try:
        page.goto((preview.site_dir / "index.html").as_uri())
        # The newest article, first in the home page's list, whichever it is today.
        link = page.locator(".article-list__title a:visible").first
        href, title = link.get_attribute("href"), link.inner_text()
        assert href.startswith("articles/") and href.endswith(".html")
        link.click()
        assert page.url.endswith("/" + href)
        assert page.locator("h1#article-title").inner_text() == title
        # The site's own stylesheet loaded from the folder: the clinic block is styled.
        assert page.locator("address.clinic-info__address").is_visible()
        page.click("text=More ways to get help")
        assert page.url.endswith("/get-help-now.html")
    finally:
        page.close()


@pytest.fixture(scope="module")
def pages_root(sites) -> Path:
    """A Pages branch holding one preview under its sub-path."""
    site_dir = sites("pr-preview").site_dir
    return Path(str(site_dir).removesuffix(PREVIEW_PATH.rstrip("/")))


def policy(page: Path) -> str:
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    [meta] = tree.css('head meta[http-equiv="Content-Security-Policy"]')
    return meta.attributes["content"]


def test_every_page_of_the_published_preview_says_noindex(pages_root):
    site = pages_root / PREVIEW_PATH
    pages = html_files(site)
    assert len(pages) == len(expected_pages(ROOT))
    for page in pages:
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        robots = [meta.attributes.get("content") for meta in tree.css('meta[name="robots"]')]
        assert robots == ["noindex, nofollow"], page
    robots_txt = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /" in robots_txt.splitlines() and "Allow: /" not in robots_txt.splitlines()


def test_a_preview_built_with_zensical_says_noindex_too(sites):
    # The data step resolves SITE_NOINDEX for both engines' templates and the finish step.
    result = sites("pr-preview-zensical")
    for page in html_files(result.site_dir):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        assert [meta.attributes.get("content") for meta in tree.css('meta[name="robots"]')] == \
            ["noindex, nofollow"], page
    assert "Disallow: /" in (result.site_dir / "robots.txt").read_text(encoding="utf-8").splitlines()


def test_the_published_site_is_indexed_as_usual(site_dir):
    for page in html_files(site_dir):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        robots = [meta.attributes.get("content") for meta in tree.css('meta[name="robots"]')]
        assert robots == (["noindex"] if page.parent.name == "search" else []), page
    assert "Allow: /" in (site_dir / "robots.txt").read_text(encoding="utf-8").splitlines()


def without_hashes(policy_text: str) -> str:
    return re.sub(r"'sha256-[^']+'", "'sha256-...'", policy_text)


def test_the_published_preview_has_the_sites_security_policy(pages_root, site_dir):
    # (test_built_site_security.py checks each of its pages' policy against its own scripts.)
    site = pages_root / PREVIEW_PATH
    # The same policy on every page; only the hashes of inline scripts that name the
    # site's address (the 404 page's) differ, and each allows exactly its page's scripts.
    for page in html_files(site_dir):
        assert without_hashes(policy(site / page.relative_to(site_dir))) == without_hashes(policy(page)), page


def test_search_works_in_the_published_preview_under_its_sub_path(pages_root, browser):
    from static_server import SiteServer

    newest = articles(ROOT)[0]
    with SiteServer(pages_root) as server:
        page = browser.new_page()
        failed = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        try:
            page.goto(server.url + PREVIEW_PATH + "visit/", wait_until="networkidle")
            page.get_by_role("button", name="Search").click()
            dialog = page.get_by_role("dialog", name="Search this site")
            dialog.get_by_label("Search articles and pages").fill(newest.title)
            result = dialog.get_by_role("link", name=newest.title, exact=True)
            result.wait_for()
            result.click()
            page.wait_for_url(f"**/{PREVIEW_PATH}{newest.url}")
            assert page.locator("h1#article-title").inner_text() == newest.title
            assert failed == []
        finally:
            page.close()
