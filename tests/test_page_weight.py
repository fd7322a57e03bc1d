"""Page-weight budgets, on the real built site (issue 5).

Measured from the built files with scripts/page_weight.py (what the HTML makes a
browser fetch, gzipped as served), and cross-checked against what Chromium fetches.
"""

from __future__ import annotations

import re

import pytest

from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from page_weight import first_view, total_bytes
from site_builder import html_files


# Every test here checks both engines' builds (MkDocs + Material, and Zensical).
@pytest.fixture(scope="session")
def site_dir(site_dir_of_each_engine: Path) -> Path:
    return site_dir_of_each_engine


BUDGET_BYTES = 75_000  # an article page's first view, gzipped (75 KB)
BUDGET_REQUESTS = 8


def page_path(site_dir: Path, file: Path) -> str:
    """The path a visitor asks for: "" for the home page, "visit/", "404.html"."""
    relative = file.relative_to(site_dir).as_posix()
    return relative.removesuffix("index.html")


def all_pages(site_dir: Path) -> list[str]:
    return [page_path(site_dir, file) for file in html_files(site_dir)]


def article_pages(site_dir: Path) -> list[str]:
    return [path for path in all_pages(site_dir) if path.startswith("articles/") and path != "articles/"]


def breakdown(requests) -> str:
    return "\n".join(f"    {request.bytes / 1000:6.1f} KB  {request.kind:10}  {request.path or '/'}" for request in requests)


def over_budget(site_dir: Path, pages: list[str]) -> list[str]:
    problems = []
    for path in pages:
        requests = first_view(site_dir, path)
        total = total_bytes(requests)
        print(f"{path or '/'}: {total / 1000:.1f} KB in {len(requests)} requests")
        if total > BUDGET_BYTES or len(requests) > BUDGET_REQUESTS:
            problems.append(
                f"{path or '/'}: first view {total / 1000:.1f} KB in {len(requests)} requests, over the budget of "
                f"{BUDGET_BYTES / 1000:.0f} KB in {BUDGET_REQUESTS}:\n{breakdown(requests)}"
            )
    return problems


def test_every_article_first_view_is_within_the_budget(site_dir):
    articles = article_pages(site_dir)
    assert len(articles) >= 2
    problems = over_budget(site_dir, articles)
    assert not problems, (
        "Over budget. If an article's own HTML is what grew, shorten or split the article:\n" + "\n".join(problems)
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
    problems = {}
    for file in html_files(site_dir):
        missing = images_without_size(file.read_text(encoding="utf-8"))
        if missing:
            problems[str(file.relative_to(site_dir))] = missing
    assert not problems, (
        "Images need a width and a height, so the page does not jump as they load. In Markdown: "
        '![Text](picture.jpg){ width="600" height="400" }\n' + "\n".join(f"{k}: {v}" for k, v in problems.items())
    )


def test_chromium_fetches_what_the_budget_counts(browser, site_url, site_dir):
    article = article_pages(site_dir)[0]
    expected = first_view(site_dir, article)
    page = browser.new_page()  # a new context: an empty cache, as on a first visit
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(site_url + article, wait_until="networkidle")
    page.wait_for_timeout(500)  # anything the scripts fetch once started
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
