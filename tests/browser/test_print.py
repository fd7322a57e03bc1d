"""Printing a page (print media emulation): an article prints its text, its references
(with where they point) and the clinic's address, hours and where to get help now; the
navigation, search, palette switch and share buttons do not print. Ink on white, even
from the dark palette. A PDF and a picture of each printed page are saved to look at.
"""

from __future__ import annotations

import pytest

from browser_support import ARTIFACTS
from page_types import new_context, open_page, page_path

PRINTS = ARTIFACTS / "print"
SCREEN_ONLY = {
    "the header": ".md-header",
    "the navigation": ".md-sidebar--primary",
    "the table of contents": ".md-sidebar--secondary",
    "search": ".site-search, .site-search-open, [data-site-search-link]",
    "the palette switch": "form[data-md-component=palette]",
    "share buttons": "section.share",
    "the skip link": ".md-skip",
    "the clinic line at the top (the clinic block prints at the end)": ".clinic-strip",
}


# The contrast of an element's text colour (alpha blended on white) with white paper.
CONTRAST_ON_WHITE = """element => {
    const [r, g, b, a = 1] = getComputedStyle(element).color.match(/[\\d.]+/g).map(Number);
    const channel = c => { c = (c * a + 255 * (1 - a)) / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    return 1.05 / (luminance + 0.05);
}"""


def printed(browser, site_url, path: str, palette: str = "light"):
    context = new_context(browser, "desktop", palette)
    page = open_page(context, site_url + path)
    page.emulate_media(media="print", color_scheme=palette)
    return context, page


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_a_printed_article_has_its_text_references_and_the_clinic(browser, site_url, site_dir, raw_clinic, palette):
    context, page = printed(browser, site_url, page_path(site_dir, "article"), palette)
    for what, selector in {
        "the title": "article h1",
        "the review dates": ".article-note .article-header__dates",
        "the note that this is not medical advice": ".article-note",
        "the text": "article.md-content__inner [data-pagefind-body] > p",
        "the references": ".footnote li",
        "the address": ".clinic-info__address",
        "the opening hours": ".clinic-info__hours li",
        "where to get help now": ".clinic-info__help a[href='tel:988']",
    }.items():
        assert page.locator(selector).first.is_visible(), f"{what} does not print"
    assert raw_clinic["address"]["street"] in page.locator(".clinic-info__address").inner_text()
    for what, selector in SCREEN_ONLY.items():
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{what} prints"

    # A printed link cannot be followed: a reference shows where it points.
    link = page.locator(".footnote a[href^='https://']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after

    # Dark ink on white paper, whatever the palette on screen.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    for selector in ("article h1", "article p", ".footnote li", ".article-header__dates dd",
                     ".clinic-info__address", ".clinic-info__hours li"):
        ratio = page.locator(selector).first.evaluate(CONTRAST_ON_WHITE)
        assert ratio >= 7, f"{selector} prints at {ratio:.1f}:1 on white (at least 7:1 wanted)"

    PRINTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=PRINTS / f"article-{palette}.png", full_page=True, animations="disabled")
    if palette == "light":
        page.pdf(path=PRINTS / "article.pdf", format="Letter", print_background=True)
    context.close()


@pytest.mark.parametrize("page_type", ["home", "visit", "get-help-now", "404"])
def test_other_printed_pages_keep_the_clinic_and_drop_the_screen_parts(browser, site_url, site_dir, page_type):
    context, page = printed(browser, site_url, page_path(site_dir, page_type))
    assert page.locator("article h1").first.is_visible()
    assert page.locator(".clinic-info__address").is_visible()
    assert page.locator(".clinic-info__hours li").first.is_visible()
    for what, selector in SCREEN_ONLY.items():
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{page_type}: {what} prints"
    PRINTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=PRINTS / f"{page_type}.png", full_page=True, animations="disabled")
    context.close()
