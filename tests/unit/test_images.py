"""clinic_site/images.py: photos as editors upload them become web pictures (small, hand-made sites)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from clinic_site.finished_site import FinishedSite
from clinic_site.images import (
    MIN_WIDTH,
    MODERN,
    WIDTHS,
    PictureError,
    Report,
    make_variants,
    open_picture,
    publish_images,
    sizes_for,
)
from photos import metadata_left, phone_photo
from problem_lines import lines


@pytest.fixture(scope="module")
def photo() -> bytes:
    return phone_photo(2400, 1800, orientation=6)  # taken holding the phone upright


def test_a_phone_photo_becomes_web_sizes_without_its_metadata(photo):
    assert metadata_left(photo)  # the upload has GPS, camera, XMP and ICC
    picture, files = make_variants(photo, "IMG 2041.JPG")
    # turned as the phone held it: 1800x2400 upright, published at 1600x2133 at most
    assert (picture.width, picture.height) == (1600, 2133)
    assert [v.width for v in picture.modern] == [v.width for v in picture.fallback] == list(WIDTHS)
    assert {v.format for v in picture.modern} == {MODERN} and {v.format for v in picture.fallback} == {"JPEG"}
    for name, content in files.items():
        assert re.fullmatch(r"img-2041-\d+w\.[0-9a-f]{10}\.(avif|webp|jpg)", name)
        image = Image.open(io.BytesIO(content))
        variant = next(v for v in picture.modern + picture.fallback if v.name == name)
        assert image.size == (variant.width, variant.height) and image.height > image.width
        assert metadata_left(content) == {}, name


def test_the_same_photo_gives_the_same_bytes(photo):
    assert make_variants(photo, "a.jpg")[1] == make_variants(photo, "a.jpg")[1]


def test_a_picture_with_transparent_parts_keeps_a_png_fallback():
    drawing = Image.new("RGBA", (900, 600), (0, 0, 0, 0))
    drawing.paste((20, 90, 160, 255), (100, 100, 800, 500))
    buffer = io.BytesIO()
    from PIL import PngImagePlugin
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Someone at the clinic")
    drawing.save(buffer, "PNG", pnginfo=text)
    picture, files = make_variants(buffer.getvalue(), "chart.png")
    assert [v.width for v in picture.fallback] == [480, 800, 900]  # never wider than the picture
    assert {v.format for v in picture.fallback} == {"PNG"}
    for content in files.values():
        assert metadata_left(content) == {} and b"Someone" not in content
        assert Image.open(io.BytesIO(content)).mode == "RGBA"


def test_what_is_not_a_picture_is_refused_in_plain_words(photo):
    with pytest.raises(PictureError, match="is not a JPEG or PNG picture"):
        open_picture(b"This is a text file someone renamed photo.jpg\n" * 20)
    with pytest.raises(PictureError, match="damaged or only partly uploaded"):
        open_picture(photo[: len(photo) // 2])


def test_sizes_follow_the_theme_content_column():
    assert sizes_for(4000) == ("(min-width: 2000px) 826px, (min-width: 1600px) 757px, (min-width: 1220px) 688px, "
                               "(min-width: 960px) calc(100vw - 274px), calc(100vw - 32px)")
    assert sizes_for(500) == "(min-width: 532px) 500px, calc(100vw - 32px)"  # never wider than itself


# --- publish_images over a finished site --------------------------------------------------

PAGE = """<!doctype html><html><head><title>x</title></head><body><article class="md-typeset"><div><!-- page-content -->
<h1>Title</h1><p>Short start.</p>
<p><img alt="A treatment room" src="../room.jpg" title="Our room"></p>
<p>{text}</p>
<p><img alt="The room again" src="../room.jpg"></p>
<p><a href="../room.jpg" title="Larger">See the room larger</a> or <a href="../sketch.svg">the sketch</a>.</p>
<p><img alt="A sketch" src="../sketch.svg" width="4" height="4"></p>
</div></article></body></html>"""
ARTICLE = "---\ntitle: X\n---\n\nShort start.\n\n![A treatment room](room.jpg \"Our room\")\n\nText.\n\n![The room again](room.jpg)\n"


# The data step's map of each page to its source, relative to the project (tmp_path).
SOURCES = {"articles/x/index.html": "docs/articles/x.md"}


def publish_in_folder(site_dir: Path, cache: Path, sources: dict[str, str], project: Path) -> Report:
    """The photo step over a site folder: read once, changed in memory, written once."""
    site = FinishedSite.read(site_dir)
    report, rewritten = publish_images(site.files, site.pages, cache, sources, project)
    for page, text in rewritten.items():
        site.set_page(page, text)
    site.commit()
    return report


def site_with(tmp_path, pictures: dict[str, bytes], page: str = PAGE.format(text="Words. " * 100)):
    site, docs = tmp_path / "site", tmp_path / "docs"
    (site / "articles" / "x").mkdir(parents=True)
    (docs / "articles").mkdir(parents=True)
    (site / "articles" / "x" / "index.html").write_text(page)
    (docs / "articles" / "x.md").write_text(ARTICLE)
    for name, content in pictures.items():
        (site / "articles" / name).write_bytes(content)
    (site / "articles" / "sketch.svg").write_text("<svg/>")
    return site, docs


def test_pictures_are_published_and_the_original_is_not(tmp_path, photo):
    site, docs = site_with(tmp_path, {"room.jpg": photo})
    report = publish_in_folder(site, tmp_path / "cache", SOURCES, tmp_path)
    assert report.problems == [] and report.pictures == 2 and report.originals == 1 and report.encoded == 1
    assert not (site / "articles" / "room.jpg").exists()
    page = LexborHTMLParser((site / "articles" / "x" / "index.html").read_text())
    first, second = page.css("picture img")
    assert first.attributes["alt"] == "A treatment room" and first.attributes["title"] == "Our room"
    assert (first.attributes["width"], first.attributes["height"]) == ("1600", "2133")
    assert first.attributes["decoding"] == "async"
    assert "loading" not in first.attributes  # in the first screen
    assert second.attributes["loading"] == "lazy"  # after 700 characters of text
    assert page.css_first("picture source").attributes["type"] == f"image/{MODERN.lower()}"
    published = sorted(p.name for p in (site / "articles").iterdir() if p.is_file())
    for img in page.css("picture img"):
        for candidate in img.attributes["srcset"].split(", ") + [img.attributes["src"]]:
            assert candidate.split()[0].removeprefix("../") in published
    assert page.css_first("img[src$='sketch.svg']") is not None  # not a JPEG or PNG: left alone
    # a link to the photo goes to its largest web size, not to the unpublished original
    larger, sketch = page.css("a")
    assert re.fullmatch(r"\.\./room-1600w\.[0-9a-f]{10}\.jpg", larger.attributes["href"]), larger.attributes
    assert larger.attributes["title"] == "Larger" and larger.text() == "See the room larger"
    assert larger.attributes["href"].removeprefix("../") in published
    assert sketch.attributes["href"] == "../sketch.svg"


def test_a_rebuild_takes_the_pictures_from_the_cache_and_writes_the_same_bytes(tmp_path, photo):
    builds = []
    for run in ("one", "two"):
        site, docs = site_with(tmp_path / run, {"room.jpg": photo})
        report = publish_in_folder(site, tmp_path / "cache", SOURCES, tmp_path / run)
        builds.append({p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()})
    assert report.encoded == 0 and report.originals == 1
    assert builds[0] == builds[1]


def test_a_broken_or_too_small_picture_is_one_plain_line_and_nothing_changes(tmp_path, photo):
    small = io.BytesIO()
    Image.new("RGB", (MIN_WIDTH - 1, 200), "white").save(small, "JPEG")
    page = PAGE.replace("../room.jpg\" title", "../notes.jpg\" title").replace('src="../room.jpg"', 'src="../tiny.jpg"')
    site, docs = site_with(tmp_path, {"notes.jpg": b"not a picture", "tiny.jpg": small.getvalue()}, page)
    (docs / "articles" / "x.md").write_text(ARTICLE.replace("(room.jpg \"", "(notes.jpg \"").replace("(room.jpg)", "(tiny.jpg)"))
    before = (site / "articles" / "x" / "index.html").read_text()
    report = publish_in_folder(site, tmp_path / "cache", SOURCES, tmp_path)
    assert lines(report.problems) == [
        "docs/articles/x.md:7: the picture notes.jpg is not a JPEG or PNG picture (its contents are something "
        "else); save or export it again as .jpg or .png and upload that",
        f"docs/articles/x.md:11: the picture tiny.jpg is only {MIN_WIDTH - 1} pixels wide, too small for its place "
        f"(at least {MIN_WIDTH} pixels, or it looks blurred on phones); use a larger picture, ideally 1600 pixels "
        f'wide or more, or show it small on purpose with {{ width="{MIN_WIDTH - 1}" }} after it',
    ]
    assert (site / "articles" / "x" / "index.html").read_text() == before
    assert (site / "articles" / "tiny.jpg").exists()


def test_a_small_picture_shown_small_on_purpose_is_fine(tmp_path):
    small = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(small, "JPEG")
    page = PAGE.replace('src="../room.jpg" title="Our room"', 'src="../room.jpg" width="150"')
    site, docs = site_with(tmp_path, {"room.jpg": small.getvalue()}, page.replace('<p><img alt="The room again" src="../room.jpg"></p>', ""))
    report = publish_in_folder(site, tmp_path / "cache", SOURCES, tmp_path)
    assert report.problems == []
    img = LexborHTMLParser((site / "articles" / "x" / "index.html").read_text()).css_first("picture img")
    assert (img.attributes["width"], img.attributes["height"]) == ("150", "100")
    assert img.attributes["sizes"] == "(min-width: 182px) 150px, calc(100vw - 32px)"


def test_a_picture_no_page_shows_is_published_without_its_metadata(tmp_path, photo):
    site, docs = site_with(tmp_path, {"room.jpg": photo, "unused.jpg": photo})
    assert publish_in_folder(site, tmp_path / "cache", SOURCES, tmp_path).problems == []
    assert metadata_left((site / "articles" / "unused.jpg").read_bytes()) == {}
