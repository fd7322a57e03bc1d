"""What a visitor's browser downloads on a first view of one built page, from the files.

Used by the benchmark (scripts/benchmark.py) and by the page-weight budget tests. It
follows what the HTML asks for (stylesheets, scripts, icons, images, preloads, and the
fonts and imports in those stylesheets). No script of the site fetches anything as a
page starts: Material's bundle, which would fetch its search index, is not loaded, and
the site's own search fetches nothing until the visitor opens it. The browser tests
check this list against what Chromium requests.

Sizes are response bodies as scripts/static_server.py serves them, like GitHub Pages:
text types gzipped, the rest as they are. HTTP headers (about 200 bytes a response) are
not counted.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from static_server import COMPRESSIBLE

_SITE = "http://site.invalid/"  # a stand-in origin to resolve relative URLs against
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""")
_FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.IGNORECASE)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Media queries a screen never matches: such stylesheets load without blocking rendering.
_NON_SCREEN_MEDIA = {"print", "speech"}


@dataclass(frozen=True)
class Request:
    """One response of a first view."""

    path: str  # site-relative, like "assets/stylesheets/main.css" ("" is the home page)
    kind: str  # document, stylesheet, script, icon, image, font, fetch
    bytes: int  # the body as served (gzipped when the server gzips it)
    render_blocking: bool = False
    third_party: bool = False  # on another host: never fetched, never counted


def served_size(file: Path) -> int:
    """The bytes of a file's body as the static server sends it to a browser asking for gzip."""
    data = file.read_bytes()
    if file.suffix in COMPRESSIBLE:
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def _site_file(site_dir: Path, path: str) -> Path | None:
    file = site_dir / unquote(path)
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    return file if file.is_file() else None


def _resolve(base: str, reference: str) -> tuple[str, bool] | None:
    """(site-relative path, third party?) of a reference, or None for data: and fragments."""
    reference = reference.strip()
    if not reference or reference.startswith(("data:", "#", "javascript:", "blob:")):
        return None
    url = urlsplit(urljoin(base, reference))
    if f"{url.scheme}://{url.netloc}/" != _SITE:
        return urljoin(base, reference), True
    return url.path.lstrip("/"), False


def _is_script(node) -> bool:
    return (node.attributes.get("type") or "").strip().lower() in _SCRIPT_TYPES


def _blocks_rendering(node) -> bool:
    attrs = node.attributes
    if node.tag == "link":
        media = {part.strip().lower() for part in (attrs.get("media") or "all").split(",")}
        return "disabled" not in attrs and not media <= _NON_SCREEN_MEDIA
    # A classic script without async or defer stops the parser, and the first paint
    # with it: in <head> always, in <body> when it comes before the first paint
    # (Chromium reports both as "blocking").
    is_module = (attrs.get("type") or "").strip().lower() == "module"
    return not is_module and "async" not in attrs and "defer" not in attrs


def _html_references(page: LexborHTMLParser) -> list[tuple[str, str, object]]:
    """(kind, URL, node) for everything the HTML itself makes the browser fetch."""
    found: list[tuple[str, str, object]] = []
    for node in page.css("link[href]"):
        rel = set((node.attributes.get("rel") or "").lower().split())
        if "stylesheet" in rel and "alternate" not in rel:
            found.append(("stylesheet", node.attributes["href"], node))
        elif rel & {"icon", "shortcut"}:
            found.append(("icon", node.attributes["href"], node))
        elif rel & {"preload", "modulepreload"}:
            found.append(("preload", node.attributes["href"], node))
    for node in page.css("script[src]"):
        if _is_script(node):
            found.append(("script", node.attributes["src"], node))
    for node in page.css("img[src], input[type=image][src]"):
        found.append(("image", node.attributes["src"], node))
    for node in page.css("video[poster]"):
        found.append(("image", node.attributes["poster"], node))
    return found


def first_view(site_dir: Path, page_path: str) -> list[Request]:
    """Every response of a first visit to one page (site-relative, like "articles/x/")."""
    document = _site_file(site_dir, page_path)
    if document is None:
        raise FileNotFoundError(f"{page_path!r} is not a page of the site in {site_dir}")
    page_url = urljoin(_SITE, page_path)
    page = LexborHTMLParser(document.read_text(encoding="utf-8"))
    requests = [Request(page_path, "document", served_size(document))]
    seen = {page_path}

    def add(kind: str, base: str, reference: str, render_blocking: bool = False) -> Path | None:
        resolved = _resolve(base, reference)
        if resolved is None:
            return None
        path, third_party = resolved
        if path in seen:
            return None
        seen.add(path)
        file = None if third_party else _site_file(site_dir, path)
        size = served_size(file) if file else 0
        requests.append(Request(path, kind, size, render_blocking, third_party))
        return file

    for kind, reference, node in _html_references(page):
        file = add(kind, page_url, reference, _blocks_rendering(node) if kind in ("stylesheet", "script") else False)
        if kind == "stylesheet" and file is not None:
            stylesheet_url = urljoin(page_url, reference)
            css = file.read_text(encoding="utf-8")
            for imported in _CSS_IMPORT.findall(css):
                add("stylesheet", stylesheet_url, imported, render_blocking=True)
            for face in _FONT_FACE.findall(css):
                for _, font in _CSS_URL.findall(face):
                    add("font", stylesheet_url, font)
    return requests


def total_bytes(requests: list[Request]) -> int:
    return sum(request.bytes for request in requests)
