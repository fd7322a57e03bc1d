"""The share image: a pure function (title, site name, address -> PNG bytes), and the
step over a finished site that writes what each page's og:image names."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from clinic_site.share_image import draw_share_images, share_image_png, share_images_wanted

ARGS = ("Does ketamine treat depression?", "Albany Ketamine Infusions", "7 Wembley Ct., Albany, NY 12205")


def test_the_image_is_a_large_png_and_the_same_text_gives_the_same_bytes():
    png = share_image_png(*ARGS)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
        assert not image.info.get("tIME") and "date" not in str(image.info).lower()
    assert share_image_png(*ARGS) == png
    assert share_image_png("Another title", *ARGS[1:]) != png


@pytest.mark.parametrize("title", ["", "A", "word " * 80, "Averyveryverylongwordwithoutanyspaceatallthatcannotwrapanywhere" * 3,
                                   "Short words then " + "Averyveryverylongwordwithoutanyspace" * 4 + " and more " * 30,
                                   "Tags <b>bold</b> & \"quotes\" ’ – é 日本"])
def test_any_title_is_drawn_inside_the_picture(title):
    with Image.open(io.BytesIO(share_image_png(title, ARGS[1], ARGS[2]))) as image:
        assert image.size == (1200, 630)
        # Nothing drawn in the right margin: long titles are wrapped or cut, not spilt.
        margin = image.convert("RGB").crop((1200 - 60, 30, 1200, 630 - 160))
        assert len(margin.getcolors()) == 1


def page(relative: str, image_url: str, title: str) -> tuple[str, str]:
    return relative, (f'<html><head><meta property="og:title" content="{title}">'
                      f'<meta property="og:image" content="{image_url}"></head><body></body></html>')


def test_the_finished_site_gets_the_images_its_pages_name():
    pages = dict([page("index.html", "https://clinic.example/a/share.png", "Home"),
                  page("404.html", "https://clinic.example/a/share.png", "Page not found"),
                  page("articles/one/index.html", "https://clinic.example/a/articles/one/share.png", "One")])
    wanted = share_images_wanted(pages, "https://clinic.example/a/")
    assert wanted == {"share.png": "Home", "articles/one/share.png": "One"}
    drawn = draw_share_images(wanted, *ARGS[1:])
    assert sorted(drawn) == ["articles/one/share.png", "share.png"]
    assert drawn["articles/one/share.png"] == share_image_png("One", *ARGS[1:])


@pytest.mark.parametrize("image_url", ["https://elsewhere.example/share.png", "https://clinic.example/a/../../etc/x.png"])
def test_an_image_outside_the_site_is_refused(image_url):
    with pytest.raises(ValueError):
        share_images_wanted(dict([page("index.html", image_url, "Home")]), "https://clinic.example/a/")


def test_many_images_are_drawn_on_every_core_with_the_same_bytes():
    from clinic_site.share_image import DRAWN_IN_PARALLEL_FROM

    site_url = "https://clinic.example/"
    count = DRAWN_IN_PARALLEL_FROM + 3
    pages = dict(page(f"page-{number}/index.html", f"{site_url}page-{number}/share.png", f"Page {number}")
                 for number in range(count))
    drawn = draw_share_images(share_images_wanted(pages, site_url), ARGS[1], ARGS[2])
    assert len(drawn) == count
    for number in (0, count - 1):
        assert drawn[f"page-{number}/share.png"] == share_image_png(f"Page {number}", ARGS[1], ARGS[2])
