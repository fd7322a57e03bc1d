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

import pytest

from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from content_checks import source_of
from page_weight import PHONE, first_view, total_bytes
from site_builder import ROOT, html_files


# Every test here checks both engines' builds (MkDocs + Material, and Zensical).
@pytest.fixture(scope="session")
def site_dir(site_dir_of_each_engine: Path) -> Path:
    return site_dir_of_each_engine


BUDGET_BYTES = 75_000  # a page's first view without its pictures, gzipped (75 KB)
BUDGET_REQUESTS = 8  # requests of a first view, pictures not counted
PICTURE_BUDGET_BYTES = 150_000  # each picture, as a 375 px phone loads it


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
    """Pages whose first view, pictures left out, is over the budget."""
    problems = []
    for path in pages:
        requests = [request for request in first_view(site_dir, path) if request.kind != "image"]
        total = total_bytes(requests)
        print(f"{path or '/'}: {total / 1000:.1f} KB in {len(requests)} requests")
        if total > BUDGET_BYTES or len(requests) > BUDGET_REQUESTS:
            problems.append(
                f"{path or '/'}: first view {total / 1000:.1f} KB in {len(requests)} requests, over the budget of "
                f"{BUDGET_BYTES / 1000:.0f} KB in {BUDGET_REQUESTS}:\n{breakdown(requests)}"
            )
    return problems


def pictures_over_budget(site_dir: Path, pages: list[str], project: Path = ROOT) -> list[str]:
    """One line for each picture a phone loads that is over the picture budget, naming it."""
    problems = []
    for path in pages:
        for request in first_view(site_dir, path):
            if request.kind == "image" and request.bytes > PICTURE_BUDGET_BYTES:
                page_file = site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)
                problems.append(
                    f"{source_of(project, site_dir, page_file)}: the picture {request.path.rpartition('/')[2]} "
                    f"(\"{request.alt or ''}\") is {request.bytes / 1000:.0f} KB on a {PHONE.width} px phone, over "
                    f"{PICTURE_BUDGET_BYTES / 1000:.0f} KB; upload it as a .jpg (a photo) or .png (a drawing), "
                    "so the build makes web sizes of it, or make the file smaller")
    return problems


def test_every_picture_a_phone_loads_is_within_its_budget(site_dir):
    problems = pictures_over_budget(site_dir, all_pages(site_dir))
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
                f"{source_of(ROOT, site_dir, file)}: the picture {src.rpartition('/')[2]} has no width and height, "
                "so the page jumps as it loads; upload it as a .jpg or .png (the build sizes those), or write its "
                'size after it, like ![Text](picture.svg){ width="600" height="400" }')
    assert not problems, "\n".join(problems)


def fetched_by_a_phone(browser, url: str, init_script: str | None = None, console: list | None = None):
    """(every finished request, the page) of a first visit on the phone the budget counts for,
    scrolled to the end so every lazy picture loads. console collects CSP messages."""
    page = browser.new_page(  # a new context: an empty cache, as on a first visit
        viewport={"width": PHONE.width, "height": 812}, device_scale_factor=PHONE.pixel_ratio, is_mobile=True)
    if init_script:
        page.add_init_script(init_script)
    if console is not None:
        page.on("console", lambda message: console.append(message.text)
                if "Content Security Policy" in message.text else None)
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # anything the scripts fetch once started
    return finished, page


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
