"""Page-weight budgets, on the real built site (issue 5).

Measured from the built files with scripts/page_weight.py (what the HTML makes a
browser fetch, gzipped as served, on a 375 px phone at 2 device pixels per CSS pixel),
and cross-checked against what Chromium fetches.

Two budgets: the page itself (HTML, CSS, JavaScript, icons, fonts) and each picture in
it, as the phone loads it. Pictures are the editors' (the build makes web sizes of every
JPEG and PNG): a message about a picture names the picture, never the article's length.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from page_budget import (
    all_pages,
    article_pages,
    fetched_by_a_phone,
    over_budget,
    pictures_over_budget,
)
from page_weight import first_view
from site_builder import BuildResult, html_files
from site_content import source_of


# Every test here checks both engines' builds (MkDocs + Material, and Zensical), and the
# site with three more articles of different kinds.
@pytest.fixture(scope="session")
def built(site_of_each_variant: BuildResult) -> BuildResult:
    return site_of_each_variant


@pytest.fixture(scope="session")
def site_dir(built: BuildResult) -> Path:
    return built.site_dir


@pytest.fixture(scope="session")
def project(built: BuildResult) -> Path:
    return built.project


def test_every_picture_a_phone_loads_is_within_its_budget(site_dir, project):
    problems = pictures_over_budget(site_dir, all_pages(site_dir), project)
    assert not problems, "Pictures over the budget:\n" + "\n".join(problems)


def test_every_article_first_view_is_within_the_budget(site_dir):
    articles = article_pages(site_dir)
    assert len(articles) >= 2
    problems = over_budget(site_dir, articles)
    assert not problems, (
        "Over budget (pictures not counted). If an article's own HTML is what grew, shorten or split the "
        "article:\n" + "\n".join(problems)
    )


def test_every_other_page_first_view_is_within_the_budget(site_dir):
    others = [path for path in all_pages(site_dir) if path not in article_pages(site_dir)]
    assert {"", "articles/", "visit/", "404.html"} <= set(others)
    problems = over_budget(site_dir, others)
    assert not problems, "\n".join(problems)


def test_a_first_view_fetches_nothing_for_search(site_dir):
    # The search index and its code load only when a visitor opens search.
    for path in all_pages(site_dir):
        fetched = [request.path for request in first_view(site_dir, path)]
        assert not [p for p in fetched if p.startswith(("pagefind/", "search/search_index"))], (path, fetched)
        assert "assets/javascripts/workers/search.a7633da7.min.js" not in fetched
        assert not [request for request in first_view(site_dir, path) if request.third_party], path


def test_nothing_blocks_rendering_but_the_theme_stylesheet(site_dir):
    stylesheets = set()
    for path in all_pages(site_dir):
        blocking = [request.path for request in first_view(site_dir, path) if request.render_blocking]
        assert len(blocking) == 1, f"{path or '/'}: render-blocking requests: {blocking}"
        stylesheets.update(blocking)
    # One stylesheet for every page: the theme's CSS with the site's (the finish step,
    # clinic_site/finish.py). Zensical's classic look is in a folder of its own.
    [stylesheet] = stylesheets
    css = (site_dir / stylesheet).read_text(encoding="utf-8")
    assert re.match(r"/\* assets/stylesheets/(classic/)?main\.", css)
    assert re.search(r"/\* assets/stylesheets/(classic/)?palette\.", css)
    assert "/* assets/stylesheets/clinic.css */" in css


def images_without_size(html: str) -> list[str]:
    """Each <img> (or image button) that lacks a positive whole-number width or height."""
    missing = []
    for image in LexborHTMLParser(html).css("img, input[type=image]"):
        sizes = [image.attributes.get(name) or "" for name in ("width", "height")]
        if not all(size.strip().isdigit() and int(size) > 0 for size in sizes):
            missing.append(image.html)
    return missing


def test_the_image_check_finds_an_image_without_width_and_height():
    html = '<p><img src="a.png" alt="" width="600" height="400"><img src="b.png" alt="" width="600"></p>'
    assert images_without_size(html) == ['<img src="b.png" alt="" width="600">']


def test_no_image_lacks_width_and_height(site_dir):
    # The build writes them for JPEG and PNG pictures (clinic_site/images.py); only another
    # kind of picture (SVG, GIF, WebP) can lack them.
    problems = []
    for file in html_files(site_dir):
        for image in images_without_size(file.read_text(encoding="utf-8")):
            src = LexborHTMLParser(image).css_first("img, input").attributes.get("src") or ""
            problems.append(
                f"{source_of(project, site_dir, file)}: the picture {src.rpartition('/')[2]} has no width and height, "
                "so the page jumps as it loads; upload it as a .jpg or .png (the build sizes those), or write its "
                'size after it, like ![Text](picture.svg){ width="600" height="400" }')
    assert not problems, "\n".join(problems)


def test_chromium_fetches_what_the_budget_counts(browser, site_dir):
    # A server of this engine's build (the shared site_url fixture serves one build only).
    from static_server import SiteServer

    with SiteServer(site_dir) as server:
        check_chromium_fetches_what_the_budget_counts(browser, server.url, site_dir)


def check_chromium_fetches_what_the_budget_counts(browser, site_url, site_dir):
    article = article_pages(site_dir)[0]
    expected = first_view(site_dir, article)
    finished, page = fetched_by_a_phone(browser, site_url + article)
    fetched = {urlsplit(request.url).path.lstrip("/"): request for request in finished}
    assert set(fetched) == {request.path for request in expected}
    assert all(urlsplit(request.url).netloc == urlsplit(site_url).netloc for request in finished)
    for request in expected:
        assert fetched[request.path].sizes()["responseBodySize"] == request.bytes, request.path
    blocking = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".filter(entry => entry.renderBlockingStatus === 'blocking').map(entry => entry.name)"
    )
    assert [urlsplit(url).path.lstrip("/") for url in blocking] == [r.path for r in expected if r.render_blocking]
    page.close()
