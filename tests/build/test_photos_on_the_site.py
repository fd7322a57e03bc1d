"""An editor adds a phone photo the way CONTRIBUTING.md says, and the built site publishes it well.

A temporary copy of the site gets a 4000x3000, about 3 MB photo with its GPS position
in EXIF, shown in an article by `![alt text](photo.jpg)` and nothing more. The build
(the finish step's publish_images, clinic_site/images.py), with each engine, must publish it with a width and height,
small enough for a 375 px phone (at most 150 KB), with no metadata in any published
picture, and without the original; Chromium loads exactly what the budget counts, with
no security-policy violation, and the page stays valid HTML.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from clinic_site.sanitize import content_problems
from csp_watch import RECORD_VIOLATIONS
from nu_checker import is_theme_error, nu_errors
from page_budget import PICTURE_BUDGET_BYTES, fetched_by_a_phone, pictures_over_budget
from page_weight import PHONE, first_view
from photos import metadata_left, phone_photo
from site_builder import ENGINES, build_site, copy_project

PHOTO = "phone-photo.jpg"
ALT = "A reclining chair beside a window in a quiet treatment room"
PICTURE_TYPES = {".jpg", ".jpeg", ".png", ".avif", ".webp", ".gif"}


def add_photo_to_an_article(project: Path) -> tuple[Path, bytes]:
    """The first article gets the photo before its first section heading (or at its end)."""
    article = next(path for path in sorted((project / "docs" / "articles").glob("*.md"))
                   if path.name not in ("index.md", "_template.md"))
    photo = phone_photo()
    (article.parent / PHOTO).write_bytes(photo)
    text = article.read_text(encoding="utf-8")
    line = f"![{ALT}]({PHOTO})\n\n"
    heading = re.search(r"^## ", text, re.MULTILINE)
    text = text[:heading.start()] + line + text[heading.start():] if heading else text + "\n" + line
    article.write_text(text, encoding="utf-8")
    return article, photo


@pytest.fixture(scope="module", params=ENGINES)
def photo_site(request, tmp_path_factory):
    """(project, site folder, the article's path, the photo's bytes), built with each engine."""
    engine = request.param
    project = copy_project(tmp_path_factory.mktemp("project"))
    article, photo = add_photo_to_an_article(project)
    result = build_site(project, tmp_path_factory.mktemp("site"), engine=engine)
    assert result.returncode == 0, result.output
    print("\n" + "\n".join(line for line in result.output.splitlines() if "Pictures:" in line))
    page = f"articles/{article.stem}/"
    return project, result.site_dir, page, photo, engine


def the_picture(site_dir: Path, page: str):
    tree = LexborHTMLParser((site_dir / page / "index.html").read_text(encoding="utf-8"))
    [img] = [img for img in tree.css("article img") if img.attributes.get("alt") == ALT]
    return img


def test_the_photo_is_a_picture_with_width_height_and_its_alt_text(photo_site):
    _, site_dir, page, _, _ = photo_site
    img = the_picture(site_dir, page)
    assert img.parent.tag == "picture"
    assert (img.attributes["width"], img.attributes["height"]) == ("1600", "1200")
    assert img.attributes["decoding"] == "async" and img.attributes["loading"] == "lazy"
    [source] = img.parent.css("source")
    assert source.attributes["type"] in ("image/avif", "image/webp") and " 800w" in source.attributes["srcset"]
    assert content_problems(img.parent.html) == []  # srcset candidates are the site's own files


def test_a_375_px_phone_loads_at_most_150_kb_of_it(photo_site):
    _, site_dir, page, photo, _ = photo_site
    [loaded] = [r for r in first_view(site_dir, page) if r.kind == "image" and r.alt == ALT]
    print(f"\n{PHOTO}: {len(photo) / 1000:.0f} KB uploaded (4000x3000); a {PHONE.width} px phone at "
          f"{PHONE.pixel_ratio:g}x loads {loaded.path} ({loaded.bytes / 1000:.0f} KB)")
    assert len(photo) > 2_000_000
    assert loaded.bytes <= PICTURE_BUDGET_BYTES == 150_000
    assert pictures_over_budget(site_dir, [page]) == []


def test_no_published_picture_keeps_any_metadata(photo_site):
    _, site_dir, _, _, _ = photo_site
    published = [path for path in site_dir.rglob("*") if path.suffix.lower() in PICTURE_TYPES]
    assert len(published) >= 8
    for path in published:
        Image.open(path).verify()
        assert metadata_left(path.read_bytes()) == {}, path


def test_the_original_is_not_published(photo_site):
    _, site_dir, _, photo, _ = photo_site
    assert not list(site_dir.rglob(PHOTO))
    assert not [path for path in site_dir.rglob("*") if path.is_file() and path.stat().st_size == len(photo)]
    # nor named by any page or the search index
    for path in site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert PHOTO not in path.read_text(encoding="utf-8", errors="replace"), path
    import gzip
    for fragment in (site_dir / "pagefind" / "fragment").iterdir():
        assert PHOTO.encode() not in gzip.decompress(fragment.read_bytes())


def test_chromium_loads_what_the_budget_counts_with_no_csp_violation(photo_site, browser):
    from static_server import SiteServer

    _, site_dir, page, _, _ = photo_site
    expected = {r.path: r for r in first_view(site_dir, page)}
    console = []
    with SiteServer(site_dir) as server:
        context_page = None
        try:
            finished, context_page = fetched_by_a_phone(browser, server.url + page, init_script=RECORD_VIOLATIONS,
                                                        console=console)
            fetched = {urlsplit(request.url).path.lstrip("/"): request for request in finished}
            assert set(fetched) == set(expected)
            for path, request in expected.items():
                assert fetched[path].sizes()["responseBodySize"] == request.bytes, path
            assert context_page.evaluate("window.__cspViolations") == [] and console == []
            loaded = context_page.evaluate(f"[...document.images].filter(i => i.alt === {ALT!r})"
                                           ".map(i => [i.complete, i.naturalWidth, i.currentSrc, i.width, i.height])")
            # shown 343 CSS px wide from the 800 px file (naturalWidth is in CSS px: 800 / 2.33),
            # in the photo's shape
            [(complete, natural_width, current, width, height)] = loaded
            assert complete and natural_width == 343 and re.search(r"-800w\.[0-9a-f]{10}\.(avif|webp)$", current)
            assert (width, height) == (343, 257)
        finally:
            if context_page is not None:
                context_page.close()


def test_the_page_with_the_picture_is_valid_html(photo_site):
    _, site_dir, page, _, _ = photo_site
    errors = [e for e in nu_errors([site_dir / page / "index.html"]) if not is_theme_error(e)]
    assert errors == [], errors


def test_a_rebuild_writes_the_same_bytes(photo_site, tmp_path):
    project, site_dir, _, _, engine = photo_site
    again = build_site(project, tmp_path / "again", engine=engine)
    assert again.returncode == 0, again.output
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    first, second = files(site_dir), files(again.site_dir)
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_file_that_is_not_a_picture_stops_the_build_with_one_plain_line(tmp_path, engine):
    project = copy_project(tmp_path / "project")
    article, _ = add_photo_to_an_article(project)
    (article.parent / PHOTO).write_text("Notes for the photo shoot, saved by mistake as a .jpg\n")
    result = build_site(project, tmp_path / "site", engine=engine)
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    number = next(n for n, line in enumerate(article.read_text().splitlines(), 1) if PHOTO in line)
    assert (f"docs/articles/{article.name}:{number}: the picture {PHOTO} is not a JPEG or PNG picture (its "
            "contents are something else); save or export it again as .jpg or .png and upload that") in result.output
