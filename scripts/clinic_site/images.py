"""Photos as editors have them: web sizes, a modern format, no metadata, the original never published.

A finish step over the finished pages, held in memory (``publish_images(files, pages,
cache_dir, sources, project)``, run by clinic_site.finish before the security policy and
the search index).
Every HTML page's ``<img>`` whose src is a local JPEG or PNG becomes::

    <picture>
      <source type="image/avif" srcset="photo-480w.<hash>.avif 480w, ..." sizes="...">
      <img src="photo-800w.<hash>.jpg" srcset="... 480w, ..." sizes="..." alt="(kept)"
           width="1600" height="1200" decoding="async" loading="lazy">
    </picture>

- Widths: 480, 800, 1200 and 1600 pixels, never wider than the picture itself.
- Formats: AVIF (WebP where this Pillow cannot write AVIF) with a JPEG fallback, or a
  PNG fallback for a picture with transparent parts.
- ``sizes`` follows the theme's content column (measured in Chromium, see COLUMN), so a
  375 px phone at 2 device pixels per CSS pixel loads the 800 px picture.
- ``width``/``height``: the published picture's size, so the page does not jump.
- ``loading="lazy"`` on every picture but a page's first one when it is in the first
  screen: fewer than FIRST_SCREEN_TEXT (50) characters of the page's content (the
  part after the first ``<!-- page-content -->`` comment, which both engines' pages
  get from the templates) come before it, an article's title, byline and notes included (a 375x812
  phone shows about that).
- The EXIF orientation is applied, colors converted to sRGB, then nothing else of the
  file is kept: no EXIF (GPS above all), XMP, ICC profile, comments or PNG text.
- The original is removed from the output; variants are named by their content hash.
- Variants are cached by the original's content hash (``cache_dir``), so a rebuild only
  copies files. Encoding is deterministic: two builds give the same bytes.

Local JPEG/PNG files that no ``<img>`` shows (theme icons, a share image) are published
under their own name with their metadata stripped the same way.

A file that is not a readable picture, or too small for its place, is a Problem on the
line of the Markdown that shows it: "the picture photo.jpg ...; the fix".
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import math
import posixpath
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urljoin, urlsplit

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features
from selectolax.lexbor import LexborHTMLParser

from .problems import Problem

WIDTHS = (480, 800, 1200, 1600)
# A picture narrower than this is blurred or tiny on a phone's content column (343 CSS px,
# 686 device pixels); an editor who wants a small picture says so with { width="..." }.
MIN_WIDTH = 400
# A picture is in the first screen when fewer characters of the page's content (counted from
# the content marker, after an article's title, byline, dates and notes) come before it: on
# a 375x812 phone those end about 750 px down, so a picture right after them starts in the
# first screen, one after the first paragraph below it (measured in Chromium).
FIRST_SCREEN_TEXT = 50
FALLBACK_WIDTH = 800  # the plain src, for browsers without srcset

# The theme's content column (Material for MkDocs with overrides/), measured in Chromium:
# (viewport at least, CSS px) -> the column's width, fixed ("px") or 100vw minus a margin.
COLUMN: tuple[tuple[int, str, int], ...] = (
    (2000, "px", 826),   # root font 24 px: both sidebars, grid 61rem
    (1600, "px", 757),   # root font 22 px
    (1220, "px", 688),   # both sidebars shown
    (960, "vw", 274),    # the navigation sidebar shown, no table of contents
    (0, "vw", 32),       # phone and tablet: 16 px margins
)

MODERN = "AVIF" if features.check("avif") else "WEBP"
_ENCODE: dict[str, dict[str, Any]] = {
    # chosen on a noisy 4000x3000 phone photo: 800 px AVIF about 77 KB, 0.6 s for all sizes;
    # speed 6 was 3x slower for 5 % fewer bytes. One thread: the bytes never depend on scheduling.
    "AVIF": {"quality": 60, "speed": 8, "max_threads": 1},
    "WEBP": {"quality": 75, "method": 4},
    "JPEG": {"quality": 80, "optimize": True, "progressive": True, "subsampling": "4:2:0"},
    "PNG": {"optimize": True},
}
_EXTENSION = {"AVIF": "avif", "WEBP": "webp", "JPEG": "jpg", "PNG": "png"}
_MIME = {"AVIF": "image/avif", "WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
# Anything that changes the bytes written changes the cache key.
_RECIPE = json.dumps([WIDTHS, FALLBACK_WIDTH, MODERN, _ENCODE, PIL.__version__, features.version(MODERN.lower())],
                     sort_keys=True, default=str)

LOCAL_PICTURE = (".jpg", ".jpeg", ".png")
_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_LINK_TAG = re.compile(r"""<a\s(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_PICTURE_NAME = re.compile(r"\.(?:jpe?g|png)\b", re.IGNORECASE)
# The start of the page's content, as overrides/ marks it for both engines (not a theme's class).
CONTENT_START = "<!-- page-content -->"
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PictureError(Exception):
    """A file that cannot be published as a picture; the text is the editor's fix."""


@dataclass(frozen=True)
class Variant:
    name: str  # file name, content-hashed: photo-800w.1a2b3c4d5e.avif
    format: str  # AVIF, WEBP, JPEG, PNG
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """The published sizes of one original, in each format, narrowest first."""

    modern: tuple[Variant, ...]
    fallback: tuple[Variant, ...]

    @property
    def width(self) -> int:
        return self.fallback[-1].width

    @property
    def height(self) -> int:
        return self.fallback[-1].height


@dataclass
class Report:
    pictures: int = 0  # <img> elements rewritten
    originals: int = 0  # distinct original files
    encoded: int = 0  # originals encoded in this run (not found in the cache)
    seconds_encoding: float = 0.0
    original_bytes: int = 0
    problems: list[Problem] = field(default_factory=list)


# --- The picture files ---------------------------------------------------------------

def _stem(name: str) -> str:
    stem = re.sub(r"[^a-z0-9_-]+", "-", Path(name).stem.lower()).strip("-")
    return stem[:60] or "picture"


def _widths(width: int) -> list[int]:
    """Published widths: the steps below the picture's width, then its own (at most the last step)."""
    largest = min(width, WIDTHS[-1])
    # a step within 10 % of the largest would be the same picture twice
    return [step for step in WIDTHS if step < largest * 0.9] + [largest]


def open_picture(data: bytes) -> Image.Image:
    """The picture as it should look (orientation applied, sRGB), without any of its metadata.

    Raises PictureError for a file that is not a JPEG or PNG, or is damaged.
    """
    image: Image.Image
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PictureError("is not a JPEG or PNG picture (its contents are something else); "
                           "save or export it again as .jpg or .png and upload that") from None
    if image.format not in ("JPEG", "PNG", "MPO"):
        raise PictureError(f"is a {image.format} file named like a JPEG or PNG; "
                           "save or export it again as .jpg or .png and upload that")
    try:
        orientation = image.getexif().get(0x0112, 1)
        width, height = image.size
        if orientation in (5, 6, 7, 8):
            width, height = height, width
        if image.format != "PNG" and width > WIDTHS[-1]:
            # JPEG decodes at 1/2, 1/4 or 1/8 scale at once: much faster, never below the largest size.
            scale = WIDTHS[-1] / width
            image.draft(image.mode, (math.ceil(image.size[0] * scale), math.ceil(image.size[1] * scale)))
        image.load()
        image = ImageOps.exif_transpose(image)
        image = _to_srgb(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PictureError("is damaged or only partly uploaded (the file ends too soon or cannot be read); "
                           "upload it again from the original") from None
    # A new image from the pixels alone: nothing of the file's metadata can follow it.
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _to_srgb(image: Image.Image) -> Image.Image:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                image = image.convert(mode)
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode if image.mode != "L" else "RGB")
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: read the pixels as sRGB, as browsers do
    image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # transparency declared but unused: a photo
    return image


def _encode(image: Image.Image, format: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format, **_ENCODE[format])
    return buffer.getvalue()


def make_variants(data: bytes, name: str) -> tuple[Picture, dict[str, bytes]]:
    """The published sizes and formats of one original: (what they are, file name -> bytes)."""
    image = open_picture(data)
    fallback_format = "PNG" if image.mode == "RGBA" else "JPEG"
    files: dict[str, bytes] = {}
    modern: list[Variant] = []
    fallback: list[Variant] = []
    for width in _widths(image.width):
        height = max(1, round(image.height * width / image.width))
        sized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for format, bucket in ((MODERN, modern), (fallback_format, fallback)):
            content = _encode(sized, format)
            digest = hashlib.sha256(content).hexdigest()[:10]
            variant = Variant(f"{_stem(name)}-{width}w.{digest}.{_EXTENSION[format]}", format, width, height)
            files[variant.name] = content
            bucket.append(variant)
    return Picture(tuple(modern), tuple(fallback)), files


def stripped_copy(data: bytes) -> bytes:
    """The same picture, same size and format, with its metadata removed (for files no <img> shows)."""
    image = open_picture(data)
    return _encode(image, "PNG" if image.mode == "RGBA" or data[:4] == b"\x89PNG" else "JPEG")


class VariantCache:
    """Variants of each original, kept by the original's content hash between builds."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = cache_dir

    def _folder(self, data: bytes, name: str) -> Path:
        key = hashlib.sha256(_RECIPE.encode() + b"\0" + _stem(name).encode() + b"\0" + data).hexdigest()
        return self.cache_dir / key[:2] / key

    def get(self, data: bytes, name: str) -> tuple[Picture, dict[str, Path]] | None:
        folder = self._folder(data, name)
        try:
            manifest = json.loads((folder / "picture.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        picture = Picture(*(tuple(Variant(**v) for v in manifest[part]) for part in ("modern", "fallback")))
        files = {v.name: folder / v.name for v in picture.modern + picture.fallback}
        return (picture, files) if all(path.is_file() for path in files.values()) else None

    def put(self, data: bytes, name: str, picture: Picture, files: dict[str, bytes]) -> dict[str, Path]:
        folder = self._folder(data, name)
        temporary = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir(parents=True)
        for file_name, content in files.items():
            (temporary / file_name).write_bytes(content)
        manifest = {part: [vars(v) for v in getattr(picture, part)] for part in ("modern", "fallback")}
        (temporary / "picture.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        temporary.rename(folder)  # whole or absent: an interrupted build leaves no half entry
        return {file_name: folder / file_name for file_name in files}

    def stripped(self, data: bytes) -> bytes:
        """stripped_copy(data), from the cache when it was made before."""
        file = self._folder(data, "stripped.").with_suffix(".stripped")
        if file.is_file():
            return file.read_bytes()
        content = stripped_copy(data)
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_name(file.name + ".tmp")
        temporary.write_bytes(content)
        temporary.rename(file)
        return content


# --- The HTML ------------------------------------------------------------------------

def sizes_for(display_width: int) -> str:
    """The ``sizes`` of a picture shown at most display_width CSS px wide in the content column."""
    entries: list[tuple[int, str]] = []  # (min viewport, slot), widest viewport first
    upper = None
    for min_viewport, kind, value in COLUMN:
        if kind == "px":
            entries.append((min_viewport, f"{min(value, display_width)}px"))
        else:
            reaches = display_width + value  # the viewport at which 100vw - value reaches the picture
            if upper is None or reaches < upper:
                entries.append((max(reaches, min_viewport), f"{display_width}px"))
            if reaches > min_viewport:
                entries.append((min_viewport, f"calc(100vw - {value}px)"))
        upper = min_viewport
    merged: list[tuple[int, str]] = []
    for min_viewport, slot in entries:  # a run of equal slots needs only its lowest condition
        if merged and merged[-1][1] == slot:
            merged[-1] = (min_viewport, slot)
        else:
            merged.append((min_viewport, slot))
    parts = [f"(min-width: {v}px) {slot}" if v else slot for v, slot in merged]
    return ", ".join(parts)


def _srcset(base: str, variants: tuple[Variant, ...]) -> str:
    return ", ".join(f"{base}{v.name} {v.width}w" for v in variants)


def _attributes(tag: str, element: str = "img") -> list[tuple[str, str | None]]:
    """The attributes of one start tag, decoded as a browser reads them, in order."""
    node = LexborHTMLParser(f"<body>{tag}</body>").css_first(element)
    return list(node.attributes.items()) if node is not None else []


def _serialize(attributes: list[tuple[str, str | None]]) -> str:
    return "".join(f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"' for k, v in attributes)


def picture_html(attributes: list[tuple[str, str | None]], base: str, picture: Picture, lazy: bool) -> str:
    """The <picture> replacing one <img>; attributes are the <img>'s own (alt, title, class...)."""
    given = dict(attributes)
    width, height = picture.width, picture.height
    given_width = (given.get("width") or "").strip()
    if given_width.isdigit():
        # the editor chose a smaller size: keep it, and the picture's shape
        width = int(given_width)
        height = max(1, round(picture.height * width / picture.width))
    sizes = sizes_for(width)
    fallback = [v for v in picture.fallback if v.width <= FALLBACK_WIDTH] or [picture.fallback[0]]
    own = {"src": f"{base}{fallback[-1].name}", "srcset": _srcset(base, picture.fallback), "sizes": sizes,
           "width": str(width), "height": str(height), "decoding": "async"}
    if lazy:
        own["loading"] = "lazy"
    # the <img>'s own attributes in their order (alt, title, class...), ours replacing theirs
    merged = [(k, own.pop(k) if k in own else v) for k, v in attributes] + list(own.items())
    img = "<img" + _serialize(merged) + ">"
    source = (f'<source type="{_MIME[picture.modern[0].format]}" '
              f'srcset="{html.escape(_srcset(base, picture.modern))}" sizes="{sizes}">')
    return f"<picture>{source}{img}</picture>"


def _local_file(page_url: str, src: str) -> tuple[str, str] | None:
    """(the file's name in the site, src without its file name) of a local JPEG/PNG src, else None."""
    src = src.strip()
    parts = urlsplit(src)
    if not src or parts.scheme or parts.netloc or src.startswith("//"):
        return None
    if not unquote(parts.path).lower().endswith(LOCAL_PICTURE):
        return None
    resolved = urlsplit(urljoin("http://site.invalid/" + page_url, parts.path)).path
    name = unquote(resolved).lstrip("/")
    base = parts.path.rpartition("/")[0]
    return name, (base + "/" if base or parts.path.startswith("/") else "")


def _text_length(fragment: str) -> int:
    return len(" ".join(html.unescape(_TAG.sub(" ", fragment)).split()))


# --- Where an editor finds the picture -----------------------------------------------

def _where(project: Path | None, source: str | None, page: str, src: str) -> tuple[str, int | None]:
    """(docs/articles/x.md, the line showing the picture), or the built page.

    source is the page's Markdown file relative to project ("docs/articles/x.md"),
    from the data step's map of pages to sources.
    """
    if source is None:
        return f"the page {page}", None
    name = unquote(urlsplit(src).path).rpartition("/")[2]
    try:
        lines = (project / source).read_text(encoding="utf-8", errors="replace").splitlines() if project else []
    except OSError:
        lines = []
    for number, line in enumerate(lines, 1):
        if name in unquote(line):
            return source, number
    return source, None


# --- The finish step -----------------------------------------------------------------

class SiteFiles(Protocol):
    """What the publisher needs of the site's files (clinic_site.finished_site.SiteFiles)."""

    def names(self) -> list[str]: ...
    def exists(self, name: str) -> bool: ...
    def read(self, name: str) -> bytes: ...
    def write(self, name: str, data: bytes | Path) -> None: ...
    def remove(self, name: str) -> None: ...


class ImagePublisher:
    """Publishes the pictures of one site: page() for each HTML page, then finish() once.

    The picture files change only in finish(), so a problem leaves the site as it was.
    sources maps each page's HTML file ("articles/x/index.html") to its Markdown file
    relative to project ("docs/articles/x.md").
    """

    def __init__(self, files: SiteFiles, cache_dir: Path, sources: dict[str, str] | None = None,
                 project: Path | None = None):
        self.files, self.sources, self.project = files, sources or {}, project
        self.cache = VariantCache(cache_dir)
        self.report = Report()
        self.pictures: dict[str, Picture | None] = {}
        self.variant_files: dict[str, dict[str, Path]] = {}
        self.errors: dict[str, PictureError] = {}

    def _prepare(self, file: str) -> Picture:
        if file not in self.pictures:
            self.pictures[file] = None
            data = self.files.read(file)
            self.report.originals += 1
            self.report.original_bytes += len(data)
            name = posixpath.basename(file)
            found = self.cache.get(data, name)
            if found is None:
                start = time.perf_counter()
                try:
                    picture, contents = make_variants(data, name)
                except PictureError as error:
                    self.errors[file] = error
                    raise
                self.report.seconds_encoding += time.perf_counter() - start
                self.report.encoded += 1
                found = picture, self.cache.put(data, name, picture, contents)
            self.pictures[file], self.variant_files[file] = found
        prepared = self.pictures[file]
        if prepared is None:
            raise self.errors[file]
        return prepared

    def _problem(self, where: tuple[str, int | None], message: str) -> None:
        problem = Problem(*where, message)
        if problem not in self.report.problems:  # the same picture twice on a page: one problem
            self.report.problems.append(problem)

    def page(self, page: str, text: str) -> str:
        """One page (its path in the site, like articles/x/index.html) with its pictures rewritten."""
        if "<img" not in text and "<IMG" not in text:
            return text
        content_start = text.find(CONTENT_START)
        pieces, at, first = [], 0, True
        for match in _IMG_TAG.finditer(text):
            attributes = _attributes(match.group(0))
            src = dict(attributes).get("src") or ""
            local = _local_file(page, src)
            if local is None or not self.files.exists(local[0]):
                continue
            file, base = local
            name = posixpath.basename(file)
            where = _where(self.project, self.sources.get(page), page, src)
            try:
                picture = self._prepare(file)
            except PictureError as error:
                self._problem(where, f"the picture {name} {error}")
                continue
            given = (dict(attributes).get("width") or "").strip()
            shown_width = int(given) if given.isdigit() else picture.width
            if shown_width > picture.width or (not given.isdigit() and picture.width < MIN_WIDTH):
                self._problem(where,
                    f"the picture {name} is only {picture.width} pixels wide, too small for its place "
                    f"(at least {max(shown_width, MIN_WIDTH)} pixels, or it looks blurred on phones); use a larger "
                    "picture, ideally 1600 pixels wide or more"
                    + (f", or make it smaller on the page with {{ width=\"{picture.width}\" }}"
                       if shown_width > picture.width else
                       f", or show it small on purpose with {{ width=\"{picture.width}\" }} after it"))
                continue
            in_first_screen = first and 0 <= content_start < match.start() and \
                _text_length(text[content_start + len(CONTENT_START):match.start()]) < FIRST_SCREEN_TEXT
            pieces += [text[at:match.start()], picture_html(attributes, base, picture, lazy=not in_first_screen)]
            at = match.end()
            first = False
            self.report.pictures += 1
        text = "".join(pieces) + text[at:] if pieces else text
        return _LINK_TAG.sub(lambda link: self._link(page, link.group(0)), text) if _PICTURE_NAME.search(text) else text

    def _link(self, page: str, tag: str) -> str:
        """A link to a local JPEG/PNG ("see the photo larger") goes to its largest web size."""
        attributes = _attributes(tag, "a")
        href = dict(attributes).get("href") or ""
        local = _local_file(page, href)
        if local is None or not self.files.exists(local[0]):
            return tag
        file, base = local
        try:
            picture = self._prepare(file)
        except PictureError as error:
            self._problem(_where(self.project, self.sources.get(page), page, href),
                          f"the picture {posixpath.basename(file)} {error}")
            return tag
        return "<a" + _serialize([(k, base + picture.fallback[-1].name if k == "href" else v)
                                  for k, v in attributes]) + ">"

    def finish(self) -> Report:
        """Write the variants, remove the originals, strip every other JPEG/PNG; or, with problems, change nothing."""
        report, files = self.report, self.files
        docs_folders = {source.split("/", 1)[0] for source in self.sources.values() if "/" in source}
        strays = [name for name in files.names()
                  if name.lower().endswith(LOCAL_PICTURE) and name not in self.pictures]
        stripped: dict[str, bytes] = {}
        for stray in strays:  # theme icons, a share image, a picture no page shows
            try:
                stripped[stray] = self.cache.stripped(files.read(stray))
            except PictureError as error:
                where = next((f"{folder}/{stray}" for folder in sorted(docs_folders)
                              if self.project is not None and (self.project / folder / stray).is_file()), stray)
                report.problems.append(Problem(where, None, f"the picture {posixpath.basename(stray)} {error}"))
        if report.problems:
            return report
        for file, variants in self.variant_files.items():
            folder = posixpath.dirname(file)
            for variant_name, cached in variants.items():
                files.write(posixpath.join(folder, variant_name), cached)
            files.remove(file)  # the original, with its metadata, is never published
        for stray, content in stripped.items():
            files.write(stray, content)
        return report


def publish_images(files: SiteFiles, pages: dict[str, str], cache_dir: Path, sources: dict[str, str] | None = None,
                   project: Path | None = None) -> tuple[Report, dict[str, str]]:
    """Publish every local JPEG/PNG of a finished site as web pictures (see the module's text):
    the report, and the pages whose HTML changed (path in the site -> new HTML).

    sources (page -> "docs/x.md", relative to project), when given, lets problems name the
    Markdown file and line. Nothing changes when there is a problem: report.problems lists them.
    """
    publisher = ImagePublisher(files, cache_dir, sources, project)
    rewritten = {}
    for page, text in sorted(pages.items()):
        new = publisher.page(page, text)
        if new != text:
            rewritten[page] = new
    report = publisher.finish()
    return report, ({} if report.problems else rewritten)
