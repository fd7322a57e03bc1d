"""The site does without Material for MkDocs' bundle (its start-up holds a phone's main
thread for 150-250 ms); overrides/assets/javascripts/theme.js and
overrides/assets/stylesheets/theme.css do what visitors need of it. Checked here in
Chromium: the palette switch (as Material's own: the same storage key and format, read
by Material's inline script on the next page), the navigation drawer and its labels,
notes (<details>) opened to print or by a link, and the layout: desktop sidebars that
scroll, wide tables that do not widen a phone's page.
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from page_types import PALETTE_STORAGE_KEY, PALETTES, new_context, open_page, page_path
from site_builder import build_site, copy_project, html_files
from static_server import SiteServer

SWITCH = "form[data-md-component=palette]"
BODY_SCHEME = "document.body.getAttribute('data-md-color-scheme')"


def palette_names(site_config) -> list[str]:
    """The switch's label for each palette of mkdocs.yml, in order (automatic, light, dark)."""
    return [option["toggle"]["name"] for option in site_config.theme["palette"]]


def stored_palette(page) -> dict | None:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", PALETTE_STORAGE_KEY)


def shown_label(page) -> str:
    labels = page.locator(f"{SWITCH} label:not([hidden])")
    assert labels.count() == 1, f"{labels.count()} palette icons show, not one"
    assert labels.first.is_visible()
    return labels.first.get_attribute("title")


def click_switch(page) -> None:
    page.locator(f"{SWITCH} label:not([hidden])").click()


# ---- The built pages -------------------------------------------------------------------


def test_no_page_loads_materials_bundle_and_every_page_loads_the_theme_script(site_dir):
    [combined] = site_dir.glob("assets/javascripts/site.*.js")
    assert "/* assets/javascripts/theme.js */" in combined.read_text(encoding="utf-8")
    for file in html_files(site_dir):
        page = LexborHTMLParser(file.read_text(encoding="utf-8"))
        scripts = page.css("script[src]")
        assert [script.attributes["src"].rsplit("/", 1)[-1] for script in scripts] == [combined.name], (
            f"{file}: scripts {[script.attributes['src'] for script in scripts]}; only the site's own is wanted, "
            "not Material's bundle"
        )
        assert "defer" in scripts[0].attributes, f"{file}: the site's script is not deferred"


# ---- The palette -----------------------------------------------------------------------


@pytest.mark.parametrize("system", list(PALETTES))
def test_a_first_visit_follows_the_system_palette(browser, site_url, site_config, system):
    context = new_context(browser, "phone", system)
    page = open_page(context, site_url)
    assert page.evaluate(BODY_SCHEME) == PALETTES[system]
    assert page.evaluate("document.body.getAttribute('data-md-color-media')") == "(prefers-color-scheme)"
    # The automatic palette is the current one: its icon shows, offering the next.
    assert shown_label(page) == palette_names(site_config)[0]
    assert stored_palette(page) == {"index": 0, "color": {
        "media": "(prefers-color-scheme)", "scheme": PALETTES[system], "primary": "custom", "accent": "custom"}}
    # The browser's own parts (scroll bars, form controls) and its address bar match.
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    theme_color = page.evaluate("document.querySelector('meta[name=theme-color]').content")
    assert tuple(int(theme_color[i:i + 2], 16) for i in (1, 3, 5)) == tuple(
        int(n) for n in header.removeprefix("rgb(").removesuffix(")").split(","))
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == (
        "dark" if system == "dark" else "light")
    context.close()


def test_the_switch_cycles_automatic_light_dark_and_the_choice_persists(browser, site_url, site_dir, site_config):
    names = palette_names(site_config)
    context = new_context(browser, "phone", "light")
    page = open_page(context, site_url)
    for index, scheme in ((1, "default"), (2, "slate"), (0, "default"), (1, "default"), (2, "slate")):
        click_switch(page)
        assert page.evaluate(BODY_SCHEME) == scheme
        assert shown_label(page) == names[index]
        assert stored_palette(page)["index"] == index
    assert stored_palette(page) == {"index": 2, "color": {
        "media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "custom", "accent": "custom"}}

    # The next page is dark before any script of the site runs: Material's inline script
    # in <body> reads the same key. Then theme.js shows the dark palette's icon.
    without_scripts = context.new_page()
    without_scripts.route("**/assets/javascripts/site.*.js", lambda route: route.abort())
    without_scripts.goto(site_url + page_path(site_dir, "visit"))
    assert without_scripts.evaluate(BODY_SCHEME) == "slate"
    without_scripts.close()
    page = open_page(context, site_url + page_path(site_dir, "visit"))
    assert page.evaluate(BODY_SCHEME) == "slate"
    assert shown_label(page) == names[2]
    context.close()


def test_the_automatic_palette_follows_a_change_of_the_system_setting(browser, site_url):
    context = new_context(browser, "desktop", "light")
    page = open_page(context, site_url)
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"() => {BODY_SCHEME} === 'slate'")
    assert stored_palette(page)["color"]["scheme"] == "slate"
    page.emulate_media(color_scheme="light")
    page.wait_for_function(f"() => {BODY_SCHEME} === 'default'")

    # A palette the visitor chose stays, whatever the system says.
    click_switch(page)  # light
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(100)
    assert page.evaluate(BODY_SCHEME) == "default"
    assert stored_palette(page)["index"] == 1
    context.close()


def test_enter_on_the_switch_moves_to_the_next_palette(browser, site_url, site_config):
    names = palette_names(site_config)
    context = new_context(browser, "desktop", "dark")
    page = open_page(context, site_url)
    page.locator(f"{SWITCH} input").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(BODY_SCHEME) == "default" and shown_label(page) == names[1]
    page.keyboard.press("Enter")
    assert page.evaluate(BODY_SCHEME) == "slate" and shown_label(page) == names[2]
    # The focus stays on the switch, with its icon showing the ring.
    assert page.evaluate("document.activeElement.matches('form[data-md-component=palette] input')")
    context.close()


# ---- The navigation drawer -------------------------------------------------------------


def drawer_is_open(page) -> bool:
    return page.evaluate("document.getElementById('__drawer').checked")


def test_a_section_link_in_the_drawer_closes_it(browser, site_url, site_dir):
    context = new_context(browser, "phone")
    page = open_page(context, site_url + page_path(site_dir, "article"))
    page.locator("label.md-header__button[for=__drawer]").click()
    drawer = page.locator(".md-sidebar--primary")
    drawer.locator("label.md-nav__link[for=__toc]").click()
    link = drawer.locator(".md-nav--secondary a.md-nav__link").nth(1)
    link.wait_for(state="visible")
    link.click()
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    heading = page.locator(f"[id='{link.get_attribute('href').split('#')[1]}']")
    assert heading.is_visible()
    # The same link again (no change of address) closes it too.
    page.locator("label.md-header__button[for=__drawer]").click()
    assert drawer_is_open(page)
    link.click()  # the table of contents is still open in the drawer
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    context.close()


@pytest.mark.parametrize("key", ["Enter", " "])
def test_the_arrow_beside_a_section_is_a_named_button_that_opens_it(browser, site_url, key):
    context = new_context(browser, "phone")
    page = open_page(context, site_url)
    # Material's icon-only <label tabindex="0"> is now a button named after its section.
    assert page.locator(".md-sidebar--primary label.md-nav__link[tabindex='0']").count() == 0
    button = page.locator(".md-sidebar--primary").get_by_role("button", name="Pages in Articles")
    assert button.get_attribute("aria-expanded") == "false"
    # Its section's <nav> takes its name, and no longer carries aria-expanded itself.
    section = page.locator(f"nav[aria-labelledby='{button.get_attribute('id')}']")
    assert section.count() == 1 and section.get_attribute("aria-expanded") is None
    toggle = button.get_attribute("id").removesuffix("_label")
    button.focus()
    page.keyboard.press(key)
    assert page.evaluate("id => document.getElementById(id).checked", toggle)
    assert button.get_attribute("aria-expanded") == "true"
    context.close()


# ---- A page with a long table of contents, a wide table and a closed note --------------

SECTIONS = 40
TEST_ARTICLE = f"""---
title: Layout test page
description: A page with a long table of contents, a wide table and a closed note, for the tests.
published: 2026-01-01
last_reviewed: 2026-01-01
next_review: 2027-01-01
tags:
  - depression
---

A page for the layout tests.

| {" | ".join(f"Column {n}" for n in range(1, 13))} |
|{"---|" * 12}
| {" | ".join("a-rather-long-cell-value" for _ in range(12))} |

??? note "More about this page"

    Text in a closed note.

    The end of the note.
    {{: #inside-the-note }}

""" + "\n".join(f"## Section {n}\n\nText of section {n}.\n" for n in range(1, SECTIONS + 1))


@pytest.fixture(scope="module")
def layout_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / "docs" / "articles" / "layout-test-page.md").write_text(TEST_ARTICLE, encoding="utf-8")
    result = build_site(project, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.output
    with SiteServer(result.site_dir) as server:
        yield server.url + "articles/layout-test-page/"


def test_a_long_table_of_contents_scrolls_within_the_desktop_window(browser, layout_site):
    context = new_context(browser, "desktop")
    page = open_page(context, layout_site)
    page.mouse.wheel(0, 400)  # past the banner: the sidebar sticks under the header
    page.wait_for_function("() => scrollY >= 400")
    wrap = page.locator(".md-sidebar--secondary .md-sidebar__scrollwrap")
    assert wrap.evaluate("el => el.scrollHeight > el.clientHeight"), "the table of contents does not scroll"
    box = wrap.bounding_box()
    assert box["y"] + box["height"] <= 800, "the table of contents runs past the bottom of the window"
    last = wrap.locator("a.md-nav__link").last
    last.scroll_into_view_if_needed()
    last_box = last.bounding_box()
    assert last_box["y"] + last_box["height"] <= 800 and last.is_visible()
    assert page.evaluate("scrollY") < 1000, "reaching the last entry scrolled the page, not the sidebar"
    last.click()
    page.wait_for_function(f"() => location.hash === '#section-{SECTIONS}'")
    context.close()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_wide_table_scrolls_inside_itself_not_the_page(browser, layout_site, viewport):
    context = new_context(browser, viewport)
    page = open_page(context, layout_site)
    table = page.locator("article table")
    assert table.evaluate("el => el.scrollWidth > el.clientWidth"), "the test table is not wider than the page"
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
    table.evaluate("el => el.scrollLeft = el.scrollWidth")
    assert table.evaluate("el => el.scrollLeft") > 0
    context.close()


def test_closed_notes_print_open_and_close_again(browser, layout_site):
    context = new_context(browser, "desktop")
    page = open_page(context, layout_site)
    note = page.locator("article details")
    assert note.get_attribute("open") is None
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert note.get_attribute("open") is not None
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert note.get_attribute("open") is None
    context.close()


def test_a_link_into_a_closed_note_opens_it(browser, layout_site):
    context = new_context(browser, "phone")
    page = open_page(context, layout_site + "#inside-the-note")
    assert page.locator("article details").get_attribute("open") is not None
    assert page.locator("#inside-the-note").is_visible()
    page.evaluate("document.querySelector('article details').open = false; location.hash = ''")
    page.evaluate("location.hash = 'inside-the-note'")
    page.wait_for_function("() => document.querySelector('article details').open")
    context.close()
