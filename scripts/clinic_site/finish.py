"""The finish step: what the build does to the finished site, after the engine.

The pages are held in memory (clinic_site.finished_site): every HTML page is read once,
each step below changes pages and files in memory, and everything is written once,
before the steps that need the folder itself (the search index, and the last check of
every published file).

A step is a function of the FinishedSite returning the Problems it found (an empty list
when all is well); a step that finds problems changes nothing. The runner
(clinic_site.pipeline) runs FINISH_STEPS for a build (stopping at the first step with a
problem), PREVIEW_STEPS after each rebuild of a live preview, and CHECK_STEPS for
`dev.py check` (reporting every problem instead of stopping).

To add a step: write `def my_step(site: FinishedSite) -> list[Problem]` (a pure change of
one page at a time goes through `site.change_pages`, a check of one page through
`site.check_pages`), and add `Step(my_step, "The pages")` to the lists that need it.
"""

from __future__ import annotations

import gzip
import html
import posixpath
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from . import images
from .csp import InlineCode, headers_file, with_security_meta
from .finished_site import FinishedSite
from .footnotes import SEPARATOR, separate_adjacent_footnote_markers
from .problems import Problem, about
from .published_site import check_published_site, theme_inline_scripts
from .sanitize import content_problems
from .search_index import SearchIndexError, build_search_index
from .share_image import draw_share_images, share_images_wanted
from .site_assets import SCRIPTS_DIR, STYLESHEETS_DIR, asset_path, combine_scripts, combine_stylesheets, rebased_urls
from .site_data import ARTICLE_TITLE_ID

# What templates put around the page's own content, written by an editor: the part of
# each page the allowlist is applied to, and where the photos' first screen starts
# (overrides/main.html, partials/article.html, search.html). Comments, found as text: the
# first opening and the last closing one on the page are the template's, whatever an
# editor's Markdown writes between them (a stray </div> or a copy of a marker cannot move
# where the content ends).
CONTENT_START = images.CONTENT_START
CONTENT_END = "<!-- /page-content -->"
# Not in .cache/: `zensical build --clean` empties that folder on every build.
IMAGE_CACHE = ".image-cache"
SKIP_LINK = re.compile(r'(<a href=")[^"]*(" class="md-skip">)')

StepFunction = Callable[[FinishedSite], list[Problem]]


@dataclass(frozen=True)
class Step:
    """One finish step: its function, the heading of its problems, and whether it needs the
    site written to its folder first (the search index and the last check read the folder)."""

    function: StepFunction
    topic: str = "The pages"
    needs_folder: bool = False

    @property
    def name(self) -> str:
        return self.function.__name__


def page_content(text: str) -> str | None:
    """The editor's part of a page's HTML: from the first CONTENT_START to the last CONTENT_END."""
    start, end = text.find(CONTENT_START), text.rfind(CONTENT_END)
    if start < 0 or end < start:
        return None
    return text[start + len(CONTENT_START):end]


def _site_problem(message: str) -> list[Problem]:
    return [Problem("", None, message)]


# --- Checks ----------------------------------------------------------------------------------

def check_page_content(site: FinishedSite) -> list[Problem]:
    """What the HTML of an editor's page holds beyond the allowlist (clinic_site.sanitize: a
    script, a style, a meta refresh, onclick=, a javascript: or data: link, a file from
    another site), each on the Markdown file's line."""
    def check(page: str, text: str) -> list[Problem]:
        source = site.sources[page]
        content = page_content(text)
        if content is None:
            return [Problem(page, None, f"no {CONTENT_START} ... {CONTENT_END} around the page's content; "
                                        "its template must have them (see overrides/main.html)", rule="template")]
        # The reference markers' separators are the build's own (separate_reference_markers),
        # already in the pages a --dirty preview did not rewrite.
        return content_problems(content.replace(SEPARATOR, ""), site.source_text(source), where=source)

    by_source = sorted((page for page in site.sources if page in site.pages), key=lambda page: site.sources[page])
    found = [problem for page in by_source for problem in check(page, site.pages[page])]
    template = [problem for problem in found if problem.rule == "template"]
    return template[:1] or found  # a template without its markers: not an editor's to fix


def images_without_alt_text(site: FinishedSite) -> list[Problem]:
    """Images in a page's content whose alt text is missing or empty, whatever Markdown or
    attribute produced them (the Markdown lint finds the usual ones in the source)."""
    from .checks.alt_text import missing_alt_text

    def check(page: str, text: str) -> list[Problem]:
        content = page_content(text)
        source = site.sources.get(page)
        if content is None or source is None:
            return []
        return missing_alt_text(content, source, site.source_text(source))

    return site.check_pages(check, site.sources)


# --- One stylesheet and one script -------------------------------------------------------------

# As both engines' templates write them. (No leading-whitespace part: on pages full of
# indentation it made each search many times slower.)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')


def _site_path(href: str, page: str, base_path: str) -> str | None:
    """The file an href of a page names, relative to the site folder; None if on another site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):  # the 404 page's links are site-absolute
        return posixpath.normpath(parts.path.removeprefix(base_path).lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))


def _href(target: str, page: str, absolute: bool, base_path: str) -> str:
    if absolute:
        return base_path.rstrip("/") + "/" + target
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def combine_assets(site: FinishedSite) -> list[Problem]:
    """Every page links one stylesheet (the theme's and extra_css, combined, the site's own
    minified) and one deferred script (extra_javascript's), in place of the links the
    engine wrote. The same files, in the same order, on every page."""
    base_path = urlsplit(site.site_url).path or "/"
    found: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    absolute: dict[str, bool] = {}
    for page, text in sorted(site.pages.items()):
        hrefs = _STYLESHEET.findall(text)
        absolute[page] = any(href.startswith("/") for href in hrefs)
        found[page] = (
            tuple(p for p in (_site_path(h, page, base_path) for h in hrefs) if p),
            tuple(p for p in (_site_path(h, page, base_path) for h in _SCRIPT.findall(text)) if p),
        )
    if not found:
        return []
    stylesheets, scripts = max(found.values(), key=lambda value: len(value[0]) + len(value[1]))
    odd = sorted(page for page, value in found.items() if value != (stylesheets, scripts))
    if odd:
        return [Problem(odd[0], None, "links other stylesheets or scripts than the other pages "
                                      f"({', '.join(found[odd[0]][0] + found[odd[0]][1])}); every page must link the same")]
    missing = [name for name in stylesheets + scripts if not site.files.exists(name)]
    if missing:
        return _site_problem(f"Every page links {missing[0]}, but the site has no such file: check extra_css and "
                             "extra_javascript in mkdocs.yml against the files in overrides/assets/")
    outside = [name for name in scripts if not name.startswith(SCRIPTS_DIR)]
    if outside:  # a script finds the files it loads next to itself (site-search.js)
        return [Problem(outside[0], None, f"move it into {SCRIPTS_DIR}, where the combined script is served from")]
    css = combine_stylesheets([(name, rebased_urls(site.files.read_text(name), posixpath.dirname(name),
                                                   STYLESHEETS_DIR.rstrip("/"))) for name in stylesheets])
    stylesheet = asset_path(STYLESHEETS_DIR, "css", css)
    site.files.write_text(stylesheet, css)
    script = None
    if scripts:
        js = combine_scripts([(name, site.files.read_text(name)) for name in scripts])
        script = asset_path(SCRIPTS_DIR, "js", js)
        site.files.write_text(script, js)

    def link_combined(page: str, text: str) -> str:
        text = _replace_first(_STYLESHEET, text,
                              f'<link rel="stylesheet" href="{_href(stylesheet, page, absolute[page], base_path)}">')
        if script:
            text = _replace_first(_SCRIPT, text,
                                  f'<script src="{_href(script, page, absolute[page], base_path)}" defer></script>')
        return text

    site.change_pages(link_combined)
    return []


def _replace_first(pattern: re.Pattern[str], text: str, replacement: str) -> str:
    """The first match replaced, the others removed."""
    seen = False

    def replace(match: re.Match[str]) -> str:
        nonlocal seen
        if seen:
            return ""
        seen = True
        return replacement

    return pattern.sub(replace, text)


# --- The rest ----------------------------------------------------------------------------------

def link_to_article_title(text: str) -> str:
    """On an article, the theme's skip link goes to the title its template renders (the
    theme would pick the first heading of the Markdown, past the title and byline)."""
    if f'id="{ARTICLE_TITLE_ID}"' not in text:
        return text
    return SKIP_LINK.sub(rf"\1#{ARTICLE_TITLE_ID}\2", text, count=1)


def skip_link_to_article_title(site: FinishedSite) -> list[Problem]:
    site.change_pages(lambda _page, text: link_to_article_title(text))
    return []


def separate_reference_markers(site: FinishedSite) -> list[Problem]:
    """In each page's content, two reference markers side by side get a comma between
    them ("3,4", not "34"). Python-Markdown writes the markers the same way for both
    engines; only the editors' pages (site.sources) have them."""
    site.change_pages(lambda _page, text: separate_adjacent_footnote_markers(text), site.sources)
    return []


def publish_images(site: FinishedSite) -> list[Problem]:
    """Editors' JPEG and PNG photos become web pictures (clinic_site.images): web sizes in
    a modern format with a fallback, width and height, no metadata, the original not
    published. Before the security policy and the search index, which then read the
    pictures' final HTML (the index never names an unpublished file)."""
    with tempfile.TemporaryDirectory() as scratch:
        cache = site.project / IMAGE_CACHE if site.project else Path(scratch)
        report, rewritten = images.publish_images(site.files, site.pages, cache, site.sources, site.project)
    if report.problems:
        return report.problems
    for page, text in rewritten.items():
        site.set_page(page, text)
    if report.originals:
        site.log.append(f"Pictures: {report.pictures} shown, from {report.originals} files; {report.encoded} made "
                        f"in {report.seconds_encoding:.2f} s, the rest from {IMAGE_CACHE}/")
    return []


def add_security_policy(site: FinishedSite) -> list[Problem]:
    """Every HTML file gets its Content Security Policy first in <head> (allowing exactly its
    own inline scripts by hash); _headers gets the policy for the whole site."""
    every = InlineCode()
    secured: dict[str, str] = {}
    for page, text in sorted(site.pages.items()):
        try:
            secured[page], code = with_security_meta(text)
        except ValueError as error:
            return [Problem(page, None, str(error))]
        every |= code
    site.change_pages(lambda page, _text: secured[page])
    site.files.write_text("_headers", headers_file(every))
    return []


def share_images(site: FinishedSite) -> list[Problem]:
    """The picture each page's og:image names (overrides/partials/page-meta.html computes
    the address: share.png in the page's folder), drawn with the page's og:title, the
    clinic's name, address and hours (clinic_site/share_image.py)."""
    clinic = site.clinic
    address = " · ".join([clinic.get("one_line_address", ""), *clinic.get("hours_lines", [])])
    try:
        wanted = share_images_wanted(site.pages, site.site_url)
    except ValueError as error:
        return _site_problem(str(error))
    for name, png in draw_share_images(wanted, clinic.get("name", ""), address).items():
        site.files.write(name, png)
    site.log.append(f"Share images: {len(wanted)}")
    return []


_SITEMAP_URL = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.DOTALL)


def noindex_url(text: str) -> str | None:
    """The canonical URL of a page that asks search engines not to list it, else None."""
    if "noindex" not in text:
        return None
    head = LexborHTMLParser(text).head
    robots = head.css_first('meta[name="robots"]') if head else None
    canonical = head.css_first('link[rel="canonical"]') if head else None
    if robots and "noindex" in (robots.attributes.get("content") or "") and canonical:
        return canonical.attributes.get("href") or ""
    return None


def sitemap_without_noindex_pages(sitemap: str, noindex: set[str]) -> str:
    """The sitemap without the <url> entries whose <loc> is one of noindex."""
    return _SITEMAP_URL.sub(lambda match: "" if html.unescape(match.group(1).strip()) in noindex else match.group(0),
                            sitemap)


def drop_noindex_pages_from_sitemap(site: FinishedSite) -> list[Problem]:
    """Both engines list every page in sitemap.xml; a page marked noindex (front matter
    `noindex: true`: the search page) is left out. sitemap.xml.gz, which MkDocs also
    writes, is rewritten to match, with the time its header had (the same bytes each build)."""
    noindex = {url for text in site.pages.values() if (url := noindex_url(text)) is not None}
    if not site.files.exists("sitemap.xml") or not noindex:
        return []
    text = sitemap_without_noindex_pages(site.files.read_text("sitemap.xml"), noindex)
    site.files.write_text("sitemap.xml", text)
    if site.files.exists("sitemap.xml.gz"):
        mtime = int.from_bytes(site.files.read("sitemap.xml.gz")[4:8], "little")
        site.files.write("sitemap.xml.gz", gzip.compress(text.encode("utf-8"), mtime=mtime))
    return []


def robots_txt(site_url: str, noindex: bool = False) -> str:
    lines = ["User-agent: *", "Disallow: /" if noindex else "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {site_url.rstrip('/')}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def write_robots_txt(site: FinishedSite) -> list[Problem]:
    site.files.write_text("robots.txt", robots_txt(site.site_url, site.noindex))
    return []


def index_for_search(site: FinishedSite) -> list[Problem]:
    """The Pagefind index of every page's marked text, in the folder's pagefind/."""
    if site.folder is None:
        return _site_problem("The search index needs the site written to a folder.")
    try:
        index = build_search_index(site.folder)
    except SearchIndexError as error:
        return _site_problem(str(error))
    if index.pages == 0:
        return _site_problem("The search index is empty: no page has data-pagefind-body (see overrides/main.html).")
    site.log.append(f"Search index: {index.pages} pages in {index.seconds:.2f} s")
    return []


def check_published_site_files(site: FinishedSite) -> list[Problem]:
    """The last check: every published HTML and SVG file (clinic_site.published_site), the
    pages as written. Whatever route a hole takes (a template, an engine, a file under
    docs/), nothing that runs, redirects or hides a page is published."""
    if site.folder is None:
        return _site_problem("The last check needs the site written to a folder.")
    return check_published_site(site.folder, theme_inline_scripts(site.theme_dirs),
                                urlsplit(site.site_url or "/").path or "/", pages=site.pages)


PUBLISHED = "The built site has what must never be published"

# In order: checks first (nothing is changed if a page is refused), then the changes, the
# security policy after every change to the pages' HTML, the search index, and last the
# check of everything that will be published, as it will be.
FINISH_STEPS = (
    Step(check_page_content),
    Step(combine_assets),
    Step(skip_link_to_article_title),
    Step(separate_reference_markers),
    Step(publish_images, "The photos"),
    Step(share_images),
    Step(drop_noindex_pages_from_sitemap),
    Step(add_security_policy),
    Step(write_robots_txt),
    Step(index_for_search, "The search index", needs_folder=True),
    Step(check_published_site_files, PUBLISHED, needs_folder=True),
)
# A live preview (dev.py serve, after each rebuild): the editors' HTML against the
# allowlist, the reference markers apart, and the search index. No security policy (the
# live reload is an inline script that changes each time), no combined files, and
# photos as uploaded.
PREVIEW_STEPS = (
    Step(check_page_content),
    Step(separate_reference_markers),
    Step(index_for_search, "The search index", needs_folder=True),
)
# `dev.py check`: what an editor's change can break in the finished pages, every
# problem reported: the allowlist, images without alt text, and the photos.
CHECK_STEPS = (
    Step(check_page_content),
    Step(images_without_alt_text),
    Step(publish_images, "The photos"),
)


def run_steps(site: FinishedSite, steps: tuple[Step, ...], *, stop: bool = True) -> list[Problem]:
    """Run the steps in order, writing the site once before the first that needs its folder.

    stop: end at the first step that finds a problem (a build publishes nothing then);
    otherwise run them all and return every problem (the content check).
    """
    found: list[Problem] = []
    seconds = []
    committed = False
    for step in steps:
        if step.needs_folder and not committed:
            site.commit()
            committed = True
        started = time.perf_counter()
        problems = about(step.topic, step.function(site))
        seconds.append(f"{step.name} {time.perf_counter() - started:.2f}")
        found += problems
        if stop and problems:
            return found
    if not committed:
        site.commit()
    # Where the finish step's time goes, for the build log and the benchmark.
    site.log.append("Finish steps (s): " + ", ".join(seconds))
    return found
