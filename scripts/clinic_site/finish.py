"""The finish step: what the build does to the finished site folder, after the engine.

Each step is a function of one FinishedSite (the folder, its URL, and which source file
each page came from), run in the order of FINISH_STEPS. A step that finds a problem an
editor must fix raises FinishError with one line per problem; nothing is published then
(scripts/site_build.py swaps the new folder in only when every step has passed).

To add a step: write `def my_step(site: FinishedSite) -> None` and add it to FINISH_STEPS.
"""

from __future__ import annotations

import gzip
import html
import posixpath
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from . import images
from .csp import InlineCode, headers_file, with_security_meta
from .footnotes import SEPARATOR, separate_adjacent_footnote_markers
from .published_site import check_published_site, theme_inline_scripts
from .sanitize import content_problems
from .search_index import SearchIndexError, build_search_index
from .share_image import write_share_images
from .site_assets import SCRIPTS_DIR, STYLESHEETS_DIR, asset_path, combine_scripts, combine_stylesheets, rebased_urls

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


class FinishError(Exception):
    """Problems found in the finished site: the first line says what, one line each after."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass
class FinishedSite:
    site_dir: Path
    site_url: str = ""
    # Each page's HTML file in the site ("articles/x/index.html") and its Markdown source
    # ("docs/articles/x.md"), from the data step. Other HTML files (404.html) have none.
    pages: dict[str, str] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)  # lines for the build's output
    # The project folder: site.pages' sources are relative to it (their Markdown gives the
    # lines of problems) and its IMAGE_CACHE keeps the photos' web sizes between builds;
    # and the folders the engine read templates from (the theme's own inline scripts are
    # allowed by the last check). site_build.py fills both; None: no line numbers, no cache.
    project: Path | None = None
    theme_dirs: list[Path] = field(default_factory=list)
    # The clinic's facts as the data step wrote them for templates (extra.site.clinic):
    # name, one_line_address, hours_lines..., for steps that draw or write them.
    clinic: dict[str, Any] = field(default_factory=dict)
    noindex: bool = False  # a pull-request preview (extra.noindex): robots.txt disallows everything

    def html_files(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html"))

    def path_in_site(self, path: Path) -> str:
        return path.relative_to(self.site_dir).as_posix()


def _stop(what: str, lines: list[str]) -> FinishError:
    count = len(lines)
    return FinishError([f"{what}: {count} problem{'s' if count != 1 else ''} to fix before the site can be built:",
                        *(f"  {line}" for line in lines)])


def page_content(text: str) -> str | None:
    """The editor's part of a page's HTML: from the first CONTENT_START to the last CONTENT_END."""
    start, end = text.find(CONTENT_START), text.rfind(CONTENT_END)
    if start < 0 or end < start:
        return None
    return text[start + len(CONTENT_START):end]


def _source_text(site: FinishedSite, source: str) -> str | None:
    """A page's Markdown, for the lines of its problems; None if it cannot be read."""
    if site.project is None:
        return None
    try:
        return (site.project / source).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None


def page_content_problems(site: FinishedSite) -> list[str]:
    """What the HTML of an editor's page holds beyond the allowlist (clinic_site.sanitize:
    a script, a style, a meta refresh, onclick=, a javascript: or data: link, a file from
    another site), one line each, naming the Markdown file and line: for the build to stop
    on, and for the content check (dev.py check) to report with its other problems."""
    lines = []
    for page, source in sorted(site.pages.items(), key=lambda item: item[1]):
        path = site.site_dir / page
        if not path.exists():
            continue
        content = page_content(path.read_text(encoding="utf-8"))
        if content is None:
            raise FinishError([f"{page}: no {CONTENT_START} ... {CONTENT_END} around the page's content; "
                               "its template must have them (see overrides/main.html)"])
        # The reference markers' separators are the build's own (separate_reference_markers),
        # already in the pages a --dirty preview did not rewrite.
        lines += content_problems(content.replace(SEPARATOR, ""), _source_text(site, source), where=source)
    return lines


def check_page_content(site: FinishedSite) -> None:
    """Stop the build on anything page_content_problems finds."""
    lines = page_content_problems(site)
    if lines:
        raise _stop("The pages", lines)


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


def combine_assets(site: FinishedSite) -> None:
    """Every page links one stylesheet (the theme's and extra_css, combined, the site's own
    minified) and one deferred script (extra_javascript's), in place of the links the
    engine wrote. The same files, in the same order, on every page."""
    base_path = urlsplit(site.site_url).path or "/"
    pages = [(path, site.path_in_site(path), path.read_text(encoding="utf-8")) for path in site.html_files()]
    found: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    absolute: dict[str, bool] = {}
    for _, page, text in pages:
        hrefs = _STYLESHEET.findall(text)
        absolute[page] = any(href.startswith("/") for href in hrefs)
        found[page] = (
            tuple(p for p in (_site_path(h, page, base_path) for h in hrefs) if p),
            tuple(p for p in (_site_path(h, page, base_path) for h in _SCRIPT.findall(text)) if p),
        )
    if not found:
        return
    stylesheets, scripts = max(found.values(), key=lambda value: len(value[0]) + len(value[1]))
    odd = sorted(page for page, value in found.items() if value != (stylesheets, scripts))
    if odd:
        raise FinishError([f"{odd[0]}: links other stylesheets or scripts than the other pages "
                           f"({', '.join(found[odd[0]][0] + found[odd[0]][1])}); every page must link the same"])
    css = combine_stylesheets([(name, rebased_urls(_read(site, name), posixpath.dirname(name),
                                                   STYLESHEETS_DIR.rstrip("/"))) for name in stylesheets])
    stylesheet = asset_path(STYLESHEETS_DIR, "css", css)
    _write(site, stylesheet, css)
    script = None
    if scripts:
        outside = [name for name in scripts if not name.startswith(SCRIPTS_DIR)]
        if outside:  # a script finds the files it loads next to itself (site-search.js)
            raise FinishError([f"{outside[0]}: move it into {SCRIPTS_DIR}, where the combined script is served from"])
        js = combine_scripts([(name, _read(site, name)) for name in scripts])
        script = asset_path(SCRIPTS_DIR, "js", js)
        _write(site, script, js)
    for path, page, text in pages:
        text = _replace_first(_STYLESHEET, text,
                              f'<link rel="stylesheet" href="{_href(stylesheet, page, absolute[page], base_path)}">')
        if script:
            text = _replace_first(_SCRIPT, text, f'<script src="{_href(script, page, absolute[page], base_path)}" defer></script>')
        path.write_text(text, encoding="utf-8")


def _replace_first(pattern: re.Pattern, text: str, replacement: str) -> str:
    """The first match replaced, the others removed."""
    seen = False

    def replace(match: re.Match) -> str:
        nonlocal seen
        if seen:
            return ""
        seen = True
        return replacement

    return pattern.sub(replace, text)


def _read(site: FinishedSite, name: str) -> str:
    path = site.site_dir / name
    if not path.is_file():
        raise FinishError([f"Every page links {name}, but the site has no such file: check extra_css and "
                           "extra_javascript in mkdocs.yml against the files in overrides/assets/"])
    return path.read_text(encoding="utf-8")


def _write(site: FinishedSite, name: str, text: str) -> None:
    path = site.site_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- The rest ----------------------------------------------------------------------------------

def skip_link_to_article_title(site: FinishedSite) -> None:
    """On an article, the theme's skip link goes to the title its template renders (the
    theme would pick the first heading of the Markdown, past the title and byline)."""
    marker = 'id="article-title"'
    for path in site.html_files():
        text = path.read_text(encoding="utf-8")
        if marker in text:
            path.write_text(SKIP_LINK.sub(r"\1#article-title\2", text, count=1), encoding="utf-8")


def separate_reference_markers(site: FinishedSite) -> None:
    """In each page's content, two reference markers side by side get a comma between
    them ("3,4", not "34"). Python-Markdown writes the markers the same way for both
    engines; only the editors' pages (site.pages) have them."""
    for page in site.pages:
        path = site.site_dir / page
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        separated = separate_adjacent_footnote_markers(text)
        if separated != text:
            path.write_text(separated, encoding="utf-8")


def publish_images(site: FinishedSite) -> None:
    """Editors' JPEG and PNG photos become web pictures (clinic_site.images): web sizes in
    a modern format with a fallback, width and height, no metadata, the original not
    published. Before the security policy and the search index, which then read the
    pictures' final HTML (the index never names an unpublished file)."""
    with tempfile.TemporaryDirectory() as scratch:
        cache = site.project / IMAGE_CACHE if site.project else Path(scratch)
        report = images.publish_images(site.site_dir, cache, site.pages, site.project)
    if report.problems:
        raise _stop("The photos", report.problems)
    if report.originals:
        site.log.append(f"Pictures: {report.pictures} shown, from {report.originals} files; {report.encoded} made "
                        f"in {report.seconds_encoding:.2f} s, the rest from {IMAGE_CACHE}/")


def add_security_policy(site: FinishedSite) -> None:
    """Every HTML file gets its Content Security Policy first in <head> (allowing exactly its
    own inline scripts by hash); _headers gets the policy for the whole site."""
    every = InlineCode()
    for path in site.html_files():
        try:
            secured, code = with_security_meta(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise FinishError([f"{site.path_in_site(path)}: {error}"]) from None
        every |= code
        path.write_text(secured, encoding="utf-8")
    (site.site_dir / "_headers").write_text(headers_file(every), encoding="utf-8")


def share_images(site: FinishedSite) -> None:
    """The picture each page's og:image names (overrides/partials/page-meta.html computes
    the address: share.png in the page's folder), drawn with the page's og:title, the
    clinic's name, address and hours (clinic_site/share_image.py)."""
    clinic = site.clinic
    address = " · ".join([clinic.get("one_line_address", ""), *clinic.get("hours_lines", [])])
    try:
        written = write_share_images(site.site_dir, site.site_url, clinic.get("name", ""), address)
    except ValueError as error:
        raise FinishError([str(error)]) from None
    site.log.append(f"Share images: {len(written)}")


_SITEMAP_URL = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.DOTALL)


def _noindex_urls(site: FinishedSite) -> set[str]:
    """The canonical URLs of the pages that ask search engines not to list them."""
    urls = set()
    for path in site.html_files():
        text = path.read_text(encoding="utf-8")
        if "noindex" not in text:
            continue
        head = LexborHTMLParser(text).head
        robots = head.css_first('meta[name="robots"]') if head else None
        canonical = head.css_first('link[rel="canonical"]') if head else None
        if robots and "noindex" in (robots.attributes.get("content") or "") and canonical:
            urls.add(canonical.attributes.get("href") or "")
    return urls


def sitemap_without_noindex_pages(sitemap: str, noindex: set[str]) -> str:
    """The sitemap without the <url> entries whose <loc> is one of noindex."""
    return _SITEMAP_URL.sub(lambda match: "" if html.unescape(match.group(1).strip()) in noindex else match.group(0),
                            sitemap)


def drop_noindex_pages_from_sitemap(site: FinishedSite) -> None:
    """Both engines list every page in sitemap.xml; a page marked noindex (front matter
    `noindex: true`: the search page) is left out. sitemap.xml.gz, which MkDocs also
    writes, is rewritten to match, with the time its header had (the same bytes each build)."""
    sitemap = site.site_dir / "sitemap.xml"
    noindex = _noindex_urls(site)
    if not sitemap.is_file() or not noindex:
        return
    text = sitemap_without_noindex_pages(sitemap.read_text(encoding="utf-8"), noindex)
    sitemap.write_text(text, encoding="utf-8")
    packed = site.site_dir / "sitemap.xml.gz"
    if packed.is_file():
        mtime = int.from_bytes(packed.read_bytes()[4:8], "little")
        packed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=mtime))


def robots_txt(site_url: str, noindex: bool = False) -> str:
    lines = ["User-agent: *", "Disallow: /" if noindex else "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {site_url.rstrip('/')}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def write_robots_txt(site: FinishedSite) -> None:
    (site.site_dir / "robots.txt").write_text(robots_txt(site.site_url, site.noindex), encoding="utf-8")


def index_for_search(site: FinishedSite) -> None:
    """The Pagefind index of every page's marked text, in site/pagefind/."""
    try:
        index = build_search_index(site.site_dir)
    except SearchIndexError as error:
        raise FinishError([str(error)]) from None
    if index.pages == 0:
        raise FinishError(["The search index is empty: no page has data-pagefind-body (see overrides/main.html)."])
    site.log.append(f"Search index: {index.pages} pages in {index.seconds:.2f} s")


def check_published_site_files(site: FinishedSite) -> None:
    """The last check: every published HTML and SVG file read once more (clinic_site.
    published_site). Whatever route a hole takes (a template, an engine, a file under
    docs/), nothing that runs, redirects or hides a page is published."""
    problems = check_published_site(site.site_dir, theme_inline_scripts(site.theme_dirs),
                                    urlsplit(site.site_url or "/").path or "/")
    if problems:
        raise FinishError(["The built site has what must never be published:", *(f"  {line}" for line in problems)])


# In order: checks first (nothing is changed if a page is refused), then the changes, the
# security policy after every change to the pages' HTML, the search index, and last the
# check of everything that will be published, as it will be.
FINISH_STEPS = (
    check_page_content,
    combine_assets,
    skip_link_to_article_title,
    separate_reference_markers,
    publish_images,
    share_images,
    drop_noindex_pages_from_sitemap,
    add_security_policy,
    write_robots_txt,
    index_for_search,
    check_published_site_files,
)


def finish(site: FinishedSite, steps=FINISH_STEPS) -> None:
    seconds = []
    for step in steps:
        started = time.perf_counter()
        step(site)
        seconds.append(f"{step.__name__} {time.perf_counter() - started:.2f}")
    # Where the finish step's time goes, for the build log and the benchmark.
    site.log.append("Finish steps (s): " + ", ".join(seconds))
