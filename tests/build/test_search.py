"""The site's search: Pagefind's index built with the site, and the header's search dialog.

Search loads nothing until a visitor opens it, works with the keyboard, at phone and
desktop widths in both palettes, without any third-party request and under a strict
Content Security Policy; without JavaScript the header leads to a page that says what
to do instead.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from selectolax.lexbor import LexborHTMLParser

import settings_file
from search_index_reader import indexed_pages
from site_builder import BuildResult, build_site, copy_project, html_files
from site_content import articles


# Every test here checks both engines' builds (MkDocs + Material, and Zensical).
@pytest.fixture(scope="session")
def site_dir(site_of_each_engine: BuildResult) -> Path:
    return site_of_each_engine.site_dir


@pytest.fixture(scope="module")
def site_url(site_dir: Path):
    """This module's build of each engine, served as GitHub Pages serves it."""
    from static_server import SiteServer

    with SiteServer(site_dir) as server:
        yield server.url


# Tests of what any valid content gives: each engine's build, and the site with three
# more articles of different kinds (adding articles never turns them red).
@pytest.fixture(scope="session")
def each_site(site_of_each_variant: BuildResult) -> BuildResult:
    return site_of_each_variant


ROOT = Path(__file__).resolve().parent.parent.parent
SEARCH_INPUT = "Search articles and pages"


def test_the_header_is_the_themes_but_for_search():
    """overrides/partials/header.html is Material's header with only its search part swapped."""
    theme = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text()
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text()
    theme_search = re.compile(r'    {% if "material/search" in config.plugins %}.*?      {% endif %}\n    {% endif %}\n', re.DOTALL)
    expected = theme_search.sub('    {% include "partials/site-search.html" %}\n', theme.split("-#}\n", 1)[1], count=1)
    assert ours.split("-#}\n", 1)[1] == expected, (
        "Material's partials/header.html has changed: copy it into overrides/partials/header.html again, "
        "replacing its search part with the include of partials/site-search.html."
    )


def test_every_content_page_is_indexed_with_its_title(each_site):
    site_dir = each_site.site_dir
    project = each_site.project
    pages = {page["url"]: page for page in indexed_pages(site_dir)}
    built = {"/" + path.relative_to(site_dir).as_posix().removesuffix("index.html") for path in html_files(site_dir)}
    # Every page but the 404 page and the search page itself.
    assert set(pages) == built - {"/404.html", "/search/"}
    for article in articles(project):
        page = LexborHTMLParser((site_dir / article.url / "index.html").read_text())
        assert pages[f"/{article.url}"]["meta"]["title"] == page.css_first("h1").text(strip=True) == article.title


def test_the_index_holds_each_pages_own_text(each_site):
    site_dir = each_site.site_dir
    clinic = settings_file.clinic(each_site.project)
    for page in indexed_pages(site_dir):
        content = page["content"]
        # Not the banner, the header, the navigation, the clinic block or the footer...
        for everywhere in ("More ways to get help", "Skip to content", "Table of contents", "Visit the clinic",
                           "Opening hours Monday"):
            assert everywhere not in content, (page["url"], everywhere)
        # ...nor an article's byline, review dates or standard note.
        if page["url"].startswith("/articles/") and page["url"] != "/articles/":
            for boilerplate in ("Last reviewed", "Next review due", "not medical advice", f"By {clinic['name']}"):
                assert boilerplate not in content, (page["url"], boilerplate)
    visit = next(page for page in indexed_pages(site_dir) if page["url"] == "/visit/")
    street = max(clinic["address"]["street"].split(), key=len).strip(".,")
    assert street in visit["content"]  # its address section is indexed


def test_the_search_page_is_for_visitors_not_search_engines(site_dir):
    page = LexborHTMLParser((site_dir / "search" / "index.html").read_text())
    assert page.css_first('meta[name="robots"]').attributes["content"] == "noindex"
    notice = page.css_first("[data-site-search-no-script]")
    assert "needs JavaScript" in notice.text()
    assert notice.css_first("a").attributes["href"] == "../articles/"
    # Every page's header leads here without JavaScript.
    home = LexborHTMLParser((site_dir / "index.html").read_text())
    # (Zensical writes a link from the home page as ./search/, MkDocs as search/.)
    assert home.css_first("[data-site-search-link]").attributes["href"].removeprefix("./") == "search/"


def test_the_search_index_is_the_same_for_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project")
    first, second = build_site(project, tmp_path / "first"), build_site(project, tmp_path / "second")
    assert first.returncode == 0 and second.returncode == 0, first.output + second.output

    def index_files(site_dir: Path) -> dict[str, bytes]:
        folder = site_dir / "pagefind"
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    first_index = index_files(first.site_dir)
    assert any(name.startswith("fragment/") for name in first_index)
    assert first_index == index_files(second.site_dir)
    shutil.rmtree(tmp_path / "project")


@pytest.fixture
def open_page(browser):
    """A page in a fresh context; every request it makes is kept in page.requests_made."""
    contexts = []

    def open_(url: str, **context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.requests_made = []
        page.console_messages = []
        page.on("request", lambda request: page.requests_made.append(request.url))
        page.on("console", lambda message: page.console_messages.append(message.text))
        page.goto(url, wait_until="networkidle")
        return page

    yield open_
    for context in contexts:
        context.close()


def open_search(page):
    page.get_by_role("button", name="Search").click()
    dialog = page.get_by_role("dialog", name="Search this site")
    dialog.wait_for()
    return dialog


@pytest.mark.parametrize(("width", "scheme"), [(375, "light"), (1280, "dark")])
def test_search_from_the_header_finds_an_article(open_page, site_url, width, scheme):
    page = open_page(site_url + "visit/", viewport={"width": width, "height": 800}, color_scheme=scheme)
    assert not [url for url in page.requests_made if "/pagefind/" in url]  # nothing until opened
    assert page.locator("[data-site-search-link]").is_hidden()

    dialog = open_search(page)
    search_box = dialog.get_by_label(SEARCH_INPUT)
    assert search_box.evaluate("input => input === document.activeElement")
    newest = articles(ROOT)[0]  # whichever it is: its title finds it
    search_box.fill(newest.title)
    result = dialog.get_by_role("link", name=newest.title, exact=True)
    result.wait_for()
    status = dialog.get_by_role("status")
    assert re.fullmatch(rf"\d+ results? for “{re.escape(newest.title)}”\.", status.inner_text())
    words = {word.lower() for word in re.findall(r"\w+", newest.title)}
    marked = dialog.locator(".site-search__excerpt mark").first.inner_text().lower()
    assert any(word.startswith(marked[:4]) for word in words), (marked, words)
    box = dialog.bounding_box()
    assert box["width"] <= width and box["x"] >= 0  # fits the screen

    # Searching fetched Pagefind's files from this site, and nothing from anywhere else.
    assert [url for url in page.requests_made if "/pagefind/pagefind.js" in url]
    assert {urlsplit(url).netloc for url in page.requests_made} == {urlsplit(site_url).netloc}

    result.click()
    page.wait_for_url(f"**/{newest.url}")


def test_search_works_with_the_keyboard(open_page, site_url):
    page = open_page(site_url)
    opener = page.get_by_role("button", name="Search")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Search this site")
    dialog.wait_for()
    newest = articles(ROOT)[0]
    page.keyboard.type(newest.title)
    dialog.get_by_role("link", name=newest.title, exact=True).wait_for()
    page.keyboard.press("ArrowDown")
    first = dialog.locator(".site-search__result-link").first
    assert first.evaluate("link => link === document.activeElement")
    page.keyboard.press("ArrowUp")
    assert dialog.get_by_label(SEARCH_INPUT).evaluate("input => input === document.activeElement")
    # Escape closes the dialog and puts the focus back on the button that opened it.
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert opener.evaluate("button => button === document.activeElement")
    # The close button closes it too.
    open_search(page).get_by_role("button", name="Close search").click()
    dialog.wait_for(state="hidden")


def test_a_search_with_no_result_says_so_and_offers_the_articles(open_page, site_url):
    page = open_page(site_url)
    dialog = open_search(page)
    # No indexed word starts with "z" but "zarate", and Pagefind tries shorter beginnings
    # of a word it cannot find ("xylophone" finds the word "X"): this finds nothing.
    dialog.get_by_label(SEARCH_INPUT).fill("zzqqxx")
    status = dialog.get_by_role("status")
    page.wait_for_function("() => document.querySelector('#site-search-status').textContent.startsWith('No results')")
    assert "browse all articles" in status.inner_text()
    assert dialog.get_by_role("link", name="Browse all articles").get_attribute("href").removeprefix("./") == "articles/"


def test_the_search_page_searches_what_its_address_says(open_page, site_url):
    page = open_page(site_url + "search/?q=ketamine")
    results = page.locator("[data-site-search-page] .site-search__result-link")
    results.first.wait_for()
    assert results.count() >= 2
    assert page.locator("[data-site-search-no-script]").is_hidden()
    assert page.locator("[data-site-search-page]").get_by_label(SEARCH_INPUT).input_value() == "ketamine"


def test_without_javascript_the_search_control_leads_to_a_page_that_explains(open_page, site_url):
    page = open_page(site_url, java_script_enabled=False)
    assert page.get_by_role("button", name="Search").count() == 0  # the button is hidden
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url("**/search/")
    notice = page.locator("[data-site-search-no-script]")
    assert notice.is_visible() and "needs JavaScript" in notice.inner_text()
    assert notice.get_by_role("link", name="browse all articles").is_visible()


def inline_script_hashes(html: str) -> list[str]:
    """CSP hashes of the page's inline scripts (not its JSON data blocks)."""
    hashes = []
    for script in LexborHTMLParser(html).css("script:not([src])"):
        if (script.attributes.get("type") or "").lower() in ("application/json", "application/ld+json"):
            continue
        digest = hashlib.sha256(script.text(deep=True).encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


# What the search needs from a Content Security Policy, beside the theme's inline
# scripts' hashes: its own script and Pagefind's from this site, WebAssembly, the worker,
# and fetching the index from this site. No 'unsafe-inline' or 'unsafe-eval' for scripts.
SEARCH_CSP = "script-src 'self' 'wasm-unsafe-eval' {hashes}; worker-src 'self'; connect-src 'self'"


@pytest.mark.parametrize("worker", ["in a worker", "without a worker"])
def test_search_works_under_a_strict_content_security_policy(browser, site_url, worker):
    # As a <meta> policy in each page. Pagefind runs in a web worker, or, where a worker
    # cannot start, on the page itself: then 'wasm-unsafe-eval' is what lets it run.
    page = browser.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))

    def add_policy(route):
        response = route.fetch()
        if "text/html" not in response.headers.get("content-type", ""):
            route.fulfill(response=response)
            return
        html = response.text()
        policy = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                  + SEARCH_CSP.format(hashes=" ".join(inline_script_hashes(html))))
        route.fulfill(response=response, body=html.replace(
            "<head>", f'<head><meta http-equiv="Content-Security-Policy" content="{policy}">', 1))

    page.route("**/*", add_policy)
    if worker == "without a worker":
        page.route("**/pagefind/pagefind-worker.js", lambda route: route.abort())
    page.goto(site_url + "articles/", wait_until="networkidle")
    dialog = open_search(page)
    newest = articles(ROOT)[0]
    dialog.get_by_label(SEARCH_INPUT).fill(newest.title)
    dialog.get_by_role("link", name=newest.title, exact=True).wait_for()
    assert not [message for message in messages if "Content Security Policy" in message]
    page.close()
