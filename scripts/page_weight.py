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

Pictures are counted as a phone loads them: a 375 px wide screen at 2 device pixels per
CSS pixel (PHONE), the most common phone class. Of a <picture>, the first <source> whose
type the browser reads (AVIF, WebP, JPEG, PNG, GIF, SVG) and whose media matches; of its
srcset, the candidate Chromium picks for the width that `sizes` gives at that screen
(choose_candidate). Every picture of the page counts, lazy or not: a reader scrolling
through the article loads them all.
"""

from __future__ import annotations

import gzip
import math
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
# Picture types every current browser reads (a <source> of another type is skipped).
_READABLE_TYPES = {"", "image/avif", "image/webp", "image/jpeg", "image/png", "image/gif", "image/svg+xml"}
_MEDIA_FEATURE = re.compile(r"\(\s*(min|max)-width\s*:\s*([\d.]+)(px|em|rem)\s*\)")
_CALC = re.compile(r"calc\(\s*([\d.]+)vw\s*([+-])\s*([\d.]+)px\s*\)")
_LENGTH = re.compile(r"([\d.]+)(px|vw|em|rem)")
_SIZES_ENTRY = re.compile(r"(?P<media>.*?)\s*(?P<length>calc\([^)]*\)|[\d.]+(?:px|vw|em|rem))", re.IGNORECASE)
_EM = 16  # px: media queries and sizes read em as the browser's default font size


@dataclass(frozen=True)
class Screen:
    """The screen a first view is counted for."""

    width: int  # CSS px
    pixel_ratio: float  # device pixels per CSS pixel


PHONE = Screen(375, 2.0)


@dataclass(frozen=True)
class Request:
    """One response of a first view."""

    path: str  # site-relative, like "assets/stylesheets/main.css" ("" is the home page)
    kind: str  # document, stylesheet, script, icon, image, font, fetch
    bytes: int  # the body as served (gzipped when the server gzips it)
    render_blocking: bool = False
    third_party: bool = False  # on another host: never fetched, never counted
    alt: str | None = None  # a picture's alt text, to name it in messages


def media_matches(media: str, screen: Screen) -> bool:
    """Whether a media condition of (min-width: ...) and (max-width: ...) parts holds on the screen."""
    media = media.strip().lower()
    if not media or media in ("all", "screen"):
        return True
    features = _MEDIA_FEATURE.findall(media)
    if not features or " or " in media or "," in media or "not " in media:
        return False  # beyond what the site writes: not matched, so the next entry is taken
    for bound, number, unit in features:
        px = float(number) * (_EM if unit != "px" else 1)
        if (bound == "min" and screen.width < px) or (bound == "max" and screen.width > px):
            return False
    return True


def _length(text: str, screen: Screen) -> float | None:
    text = text.strip().lower()
    calc = _CALC.fullmatch(text)
    if calc:
        vw, sign, px = float(calc[1]), calc[2], float(calc[3])
        return screen.width * vw / 100 + (px if sign == "+" else -px)
    length = _LENGTH.fullmatch(text)
    if length:
        number, unit = float(length[1]), length[2]
        return {"px": number, "vw": screen.width * number / 100}.get(unit, number * _EM)
    return None


def source_size(sizes: str | None, screen: Screen) -> float:
    """The width in CSS px that a `sizes` attribute gives on the screen (100vw without one)."""
    for entry in (sizes or "").split(","):
        parts = _SIZES_ENTRY.fullmatch(entry.strip())
        if not parts:
            continue
        media, length = parts["media"], parts["length"]
        size = _length(length, screen)
        if size is not None and media_matches(media, screen):
            return size
    return float(screen.width)


def srcset_candidates(srcset: str, sizes: str | None, screen: Screen) -> list[tuple[str, float]]:
    """(URL, density) of each srcset candidate, w descriptors turned into densities."""
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts:
            continue
        descriptor = parts[1] if len(parts) > 1 else "1x"
        if descriptor.endswith("w"):
            density = float(descriptor[:-1]) / source_size(sizes, screen)
        elif descriptor.endswith("x"):
            density = float(descriptor[:-1])
        else:
            continue
        candidates.append((parts[0], density))
    return candidates


def choose_candidate(candidates: list[tuple[str, float]], pixel_ratio: float) -> str:
    """The candidate Chromium loads (Blink's HTMLSrcsetParser selection logic).

    The lowest density at or above the screen's, unless the one below it is close
    enough: Chromium takes the lower one when the screen's ratio is under the geometric
    mean of the two.
    """
    ordered = sorted(candidates, key=lambda candidate: candidate[1])
    index = 0
    for index in range(len(ordered) - 1):
        current, following = ordered[index][1], ordered[index + 1][1]
        if following < pixel_ratio:
            continue
        if (pixel_ratio <= 1 and pixel_ratio > current) or math.sqrt(current * following) <= pixel_ratio:
            index += 1
        break
    else:
        index = len(ordered) - 1
    return ordered[index][0]


def chosen_picture(node, screen: Screen) -> str | None:
    """The URL a browser on the screen loads for an <img> (in a <picture> or not)."""
    parent = node.parent
    if parent is not None and parent.tag == "picture":
        for source in parent.iter(include_text=False):
            if source.tag != "source":
                continue
            attrs = source.attributes
            if (attrs.get("type") or "").strip().lower() in _READABLE_TYPES and \
                    media_matches(attrs.get("media") or "", screen) and (attrs.get("srcset") or "").strip():
                return choose_candidate(srcset_candidates(attrs["srcset"], attrs.get("sizes"), screen),
                                        screen.pixel_ratio)
    attrs = node.attributes
    candidates = srcset_candidates(attrs.get("srcset") or "", attrs.get("sizes"), screen)
    if attrs.get("src") and not any(c[1] == 1 for c in candidates) and \
            not any(part.split()[-1].endswith("w") for part in (attrs.get("srcset") or "").split(",") if part.split()):
        candidates.append((attrs["src"], 1.0))
    return choose_candidate(candidates, screen.pixel_ratio) if candidates else None


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


def _html_references(page: LexborHTMLParser, screen: Screen) -> list[tuple[str, str, object]]:
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
    for node in page.css("img[src], img[srcset]"):
        chosen = chosen_picture(node, screen)
        if chosen:
            found.append(("image", chosen, node))
    for node in page.css("input[type=image][src]"):
        found.append(("image", node.attributes["src"], node))
    for node in page.css("video[poster]"):
        found.append(("image", node.attributes["poster"], node))
    return found


def first_view(site_dir: Path, page_path: str, screen: Screen = PHONE) -> list[Request]:
    """Every response of a first visit to one page (site-relative, like "articles/x/") on a screen."""
    document = _site_file(site_dir, page_path)
    if document is None:
        raise FileNotFoundError(f"{page_path!r} is not a page of the site in {site_dir}")
    page_url = urljoin(_SITE, page_path)
    page = LexborHTMLParser(document.read_text(encoding="utf-8"))
    requests = [Request(page_path, "document", served_size(document))]
    seen = {page_path}

    def add(kind: str, base: str, reference: str, render_blocking: bool = False, alt: str | None = None) -> Path | None:
        resolved = _resolve(base, reference)
        if resolved is None:
            return None
        path, third_party = resolved
        if path in seen:
            return None
        seen.add(path)
        file = None if third_party else _site_file(site_dir, path)
        size = served_size(file) if file else 0
        requests.append(Request(path, kind, size, render_blocking, third_party, alt))
        return file

    for kind, reference, node in _html_references(page, screen):
        file = add(kind, page_url, reference, _blocks_rendering(node) if kind in ("stylesheet", "script") else False,
                   node.attributes.get("alt") if kind == "image" else None)
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
