"""Page-weight budgets of a first view on a 375 px phone (issue 5), counted from the built
files with scripts/page_weight.py, and what Chromium fetches on that phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from page_weight import PHONE, first_view, total_bytes
from site_builder import ROOT, html_files
from site_content import source_of

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


def fetched_by_a_phone(browser: Any, url: str, init_script: str | None = None,
                       console: list[str] | None = None) -> tuple[list[Any], Any]:
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


