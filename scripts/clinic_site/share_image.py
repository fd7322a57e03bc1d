"""The picture a shared link shows (Open Graph og:image, Twitter's large card).

Two parts, so the engine does not matter:

- `share_image_png(title, site_name, address_line)`: a pure function, text in, PNG bytes
  out: 1200x630, the title large, the clinic's name and address. Drawn with Pillow and
  the DejaVu Sans font shipped beside this file (fonts/, with its licence): nothing is
  fetched, and the same text always gives the same bytes (no date or path is stored).
- `share_images_wanted(pages, site_url)` and `draw_share_images(...)`: over the finished
  pages (the finish step, finish.share_images), the image each page's `og:image` names
  (the template computes the address), titled with that page's `og:title`. Pages that
  share one image get it once.
"""

from __future__ import annotations

import concurrent.futures
import io
import os
import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont
from selectolax.lexbor import LexborHTMLParser

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent / "fonts"
# The site's colours (overrides/assets/stylesheets/clinic.css): ink and teal on a warm
# white. The picture is drawn in one 8-bit channel whose values index a palette of two
# ramps meeting at the background: 0 is ink, PAPER the background, 255 teal. Text
# smoothing then blends between the background and its own colour, and the PNG is a
# small palette image, quick to write (about 5 ms).
BACKGROUND = (250, 247, 242)
BRAND_RGB = (0, 105, 92)
INK_RGB = (28, 36, 35)
PAPER = 127
INK, MUTED, BRAND = 0, 30, 255


def _palette() -> list[int]:
    def mix(a: tuple[int, ...], b: tuple[int, ...], share: float) -> list[int]:
        return [round(x + (y - x) * share) for x, y in zip(a, b)]
    ramp = [mix(INK_RGB, BACKGROUND, index / PAPER) for index in range(PAPER + 1)]
    ramp += [mix(BACKGROUND, BRAND_RGB, (index - PAPER) / (255 - PAPER)) for index in range(PAPER + 1, 256)]
    return [channel for colour in ramp for channel in colour]


PALETTE = _palette()
MARGIN = 80
TITLE_SIZES = (72, 62, 54, 46)  # the largest size at which the title fits in 4 lines
TITLE_LINES = 4


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit_title(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size in TITLE_SIZES:
        font = _font(True, size)
        lines = _wrap(title, font, width)
        if len(lines) <= TITLE_LINES and all(font.getlength(line) <= width for line in lines):
            return font, lines
    # Still too long: the smallest size, each line cut to fit and the last one ending
    # with an ellipsis (the page has the rest).
    font = _font(True, TITLE_SIZES[-1])
    lines = _wrap(title, font, width)
    cut = len(lines) > TITLE_LINES
    lines = lines[:TITLE_LINES]
    for index, line in enumerate(lines):
        ending = "…" if (cut and index == len(lines) - 1) or font.getlength(line) > width else ""
        while line and font.getlength(line + ending) > width:
            line = line[:-1]
        lines[index] = line.rstrip() + ending
    return font, lines


def share_image_png(title: str, site_name: str, address_line: str) -> bytes:
    """A 1200x630 PNG: the site's name, the title, and under a rule the first two lines
    of the address line (its parts, separated by " · ", each start a line)."""
    image = Image.new("L", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    text_width = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, WIDTH, 18), fill=BRAND)

    # The site's name above the title, unless the title is the name (the home page).
    if title.strip() != site_name.strip():
        draw.text((MARGIN, 70), site_name, font=_font(True, 34), fill=BRAND)

    title_font, lines = _fit_title(title, text_width)
    line_height = round(title_font.size * 1.2)
    top = 70 + 34 + 60
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * line_height), line, font=title_font, fill=INK)

    draw.rectangle((MARGIN, HEIGHT - 150, WIDTH - MARGIN, HEIGHT - 147), fill=BRAND)
    address_font = _font(False, 30)
    # Each part of the address line (" · " between them) starts a line of its own.
    address_lines = [line for part in address_line.split(" · ") for line in _wrap(part, address_font, text_width)]
    for index, line in enumerate(address_lines[:2]):
        draw.text((MARGIN, HEIGHT - 125 + index * 40), line, font=address_font, fill=MUTED)

    image.putpalette(PALETTE)  # the channel becomes palette indices ("P")
    output = io.BytesIO()
    # Level 3: half the time of the default 6 (a build draws one image per page) for
    # about 4 KB more per image.
    image.save(output, format="PNG", optimize=False, compress_level=3)
    return output.getvalue()


def _meta(document: LexborHTMLParser, key: str) -> str | None:
    node = document.css_first(f'head meta[property="{key}"]')
    return node.attributes.get("content") if node else None


def share_images_wanted(pages: dict[str, str], site_url: str) -> dict[str, str]:
    """Each image file the finished pages name in og:image (its path in the site), with the
    title to draw on it: the og:title of the page in the image's own folder (the 404 page
    shares the home page's image, titled for the home page), else of the first page that
    names it. ``pages``: each page's HTML by its path in the site."""
    base_path = urlsplit(site_url or "/").path
    wanted: dict[str, str] = {}
    for page, text in sorted(pages.items()):
        document = LexborHTMLParser(text)
        image_url = _meta(document, "og:image")
        if not image_url:
            continue
        path = urlsplit(image_url).path
        if not path.startswith(base_path):
            raise ValueError(f"{page}: og:image {image_url} is not on this site ({site_url})")
        target = posixpath.normpath(path[len(base_path):])
        if target.startswith(("../", "/")) or target in ("..", "."):
            raise ValueError(f"{page}: og:image {image_url} points outside the site")
        title = _meta(document, "og:title") or ""
        if posixpath.basename(page) == "index.html" and posixpath.dirname(target) == posixpath.dirname(page):
            wanted[target] = title
        else:
            wanted.setdefault(target, title)
    return wanted


# Fewer images than this are drawn in the build's own process: starting workers costs more.
DRAWN_IN_PARALLEL_FROM = 64


def _draw(job: tuple[str, str, str]) -> bytes:
    return share_image_png(*job)


def draw_share_images(wanted: dict[str, str], site_name: str, address_line: str) -> dict[str, bytes]:
    """Each wanted image (path in the site -> title), drawn. Many images are drawn on every
    core (each is drawn alone, so the bytes are the same)."""
    jobs = [(title, site_name, address_line) for title in wanted.values()]
    if len(jobs) >= DRAWN_IN_PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with concurrent.futures.ProcessPoolExecutor() as pool:
            images = list(pool.map(_draw, jobs, chunksize=32))
    else:
        images = [_draw(job) for job in jobs]
    return dict(zip(wanted, images))
