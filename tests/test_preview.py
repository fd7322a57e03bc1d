"""The pull-request preview opens from a downloaded folder, with no web server.

The pull-request workflow builds it with `--no-directory-urls` (CONTRIBUTING.md tells
reviewers to unzip it and open index.html), so every link must name an .html file.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from site_builder import ROOT, BuildResult, build_site, html_files

# What the workflow runs: python3 scripts/dev.py build --no-directory-urls --site-dir site-preview
PREVIEW_ARGS = ("--no-directory-urls",)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build_site(ROOT, tmp_path_factory.mktemp("preview") / "site-preview", extra_args=PREVIEW_ARGS)
    assert result.returncode == 0, result.output
    return result


def local_links(page: Path) -> list[str]:
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    links = [node.attributes.get("href") or "" for node in tree.css("a[href], link[href]")]
    links += [node.attributes.get("src") or "" for node in tree.css("script[src], img[src]")]
    return [link for link in links
            if link and not urlsplit(link).scheme and not link.startswith(("#", "//"))]


def test_every_link_in_the_preview_opens_a_file(preview):
    broken = []
    pages = [page for page in html_files(preview.site_dir) if page.name != "404.html"]
    assert len(pages) >= 6
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
