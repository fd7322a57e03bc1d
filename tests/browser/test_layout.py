"""Layout at every width from a small phone to a wide screen: no page scrolls sideways,
and the clinic's address, its hours, the open-now status and the help-now links can be
reached and read. Saves a picture of each page type at 320 px to look at.
"""

from __future__ import annotations

import pytest

from browser_support import ARTIFACTS
from page_types import PAGE_TYPES, open_page, page_path

WIDTHS = (320, 360, 414, 768, 1024, 1280, 1920)
MIN_FONT_PX = 14

# What every visitor must find on every page, whatever the width.
ESSENTIALS = {
    "the address": ".clinic-info__address .clinic-info__map",
    "the opening hours": ".clinic-info__hours li",
    "the open-now status": ".clinic-info [data-open-now]",
    "the 988 link in the banner": ".help-now-banner a[href='tel:988']",
    "the link to more help": ".help-now-banner a[href$='get-help-now/']",
    "the 988 link by the address": ".clinic-info__help a[href='tel:988']",
}

# Where an element is, and whether it can be read there: inside the viewport's width,
# not covered, not clipped, not tiny.
READABLE = """async element => {
  element.scrollIntoView({block: 'center'});
  // Let the theme's scroll handlers (sticky sidebars) catch up, as they do for a visitor.
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  // Every box the element is drawn in: a link that wraps onto two lines has two, and
  // the centre of the box around both can lie on something else (another link).
  const rects = [...element.getClientRects()].filter(rect => rect.width > 0 && rect.height > 0);
  const style = getComputedStyle(element);
  const coveredAt = rect => {
    const top = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    return !(top && (element.contains(top) || top.contains(element)));
  };
  return {
    left: Math.min(...rects.map(rect => rect.left)), right: Math.max(...rects.map(rect => rect.right)),
    viewport: innerWidth,
    lines: rects.length,
    covered: rects.some(coveredAt),
    clipped: element.scrollWidth > element.clientWidth + 1 && style.overflowX !== 'visible',
    fontSize: parseFloat(style.fontSize),
    visible: style.visibility === 'visible' && rects.length > 0,
  };
}"""


# A heading taller than its own words by most of a line: something (the "¶" link) has
# wrapped onto a line of its own.
HEADINGS_WITH_AN_EMPTY_LINE = """() => [...document.querySelectorAll('article :is(h1, h2, h3)')].filter(heading => {
  const words = document.createRange();
  words.setStart(heading, 0);
  words.setEndAfter([...heading.childNodes].filter(node => node.nodeType === Node.TEXT_NODE).pop() || heading);
  const lineHeight = parseFloat(getComputedStyle(heading).lineHeight);
  return heading.getBoundingClientRect().height - words.getBoundingClientRect().height > 0.8 * lineHeight;
}).map(heading => heading.textContent.trim())"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_sideways_scrolling_and_the_essentials_are_readable_at_every_width(browser, site_url, site_dir, page_type):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 640})
    page = open_page(context, site_url + page_path(site_dir, page_type))
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(50)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        if overflow > 0:
            wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && getComputedStyle(e).position !== 'fixed')
                .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0])""")
            problems.append(f"{width} px: scrolls sideways by {overflow} px (too wide: {wide})")
        gaps = page.evaluate(HEADINGS_WITH_AN_EMPTY_LINE)
        if gaps:
            problems.append(f"{width} px: headings with an empty line: {gaps}")
        for name, selector in ESSENTIALS.items():
            if page_type == "get-help-now" and name == "the link to more help":
                continue  # that page is the help itself
            element = page.locator(selector).first
            found = element.evaluate(READABLE)
            if not found["visible"]:
                problems.append(f"{width} px: {name} is not shown")
                continue
            if found["left"] < 0 or found["right"] > found["viewport"] + 0.5:
                problems.append(f"{width} px: {name} runs off the screen ({found['left']:.0f} to {found['right']:.0f} px)")
            if found["covered"]:
                problems.append(f"{width} px: {name} is covered by something else")
            if found["clipped"]:
                problems.append(f"{width} px: {name} is cut off")
            if found["fontSize"] < MIN_FONT_PX:
                problems.append(f"{width} px: {name} is in {found['fontSize']} px text")
        if width == WIDTHS[0]:
            (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=ARTIFACTS / "screenshots" / f"{page_type}-320px.png", full_page=True, animations="disabled")
    context.close()
    assert not problems, f"{page_type}:\n  " + "\n  ".join(problems)


# What a phone's first screen (375x812, not scrolled) shows on every page: help now
# first, then where and when. Selectors of partials/clinic-strip.html.
FIRST_SCREEN = {
    "the 988 link": ".help-now-banner a[href='tel:988']",
    "the clinic's full name": ".clinic-strip__name",
    "the street address, linked to the map": ".clinic-strip__map",
    "the hours": ".clinic-strip__hours",
    "the open-now status": ".clinic-strip [data-open-now]",
}
IN_FIRST_SCREEN = """element => {
  const box = element.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {top: box.top, bottom: box.bottom, right: box.right, text: element.innerText.trim(),
          shown: box.width > 0 && box.height > 0 && !!top && (element.contains(top) || top.contains(element)),
          clipped: element.scrollWidth > element.clientWidth + 1};
}"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_a_phone_shows_help_then_where_and_when_without_scrolling(browser, site_url, site_dir, raw_clinic, page_type):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = open_page(context, site_url + page_path(site_dir, page_type))
    found = {name: page.locator(selector).first.evaluate(IN_FIRST_SCREEN) for name, selector in FIRST_SCREEN.items()}
    context.close()
    for name, where in found.items():
        assert where["shown"] and where["bottom"] <= 812 and where["right"] <= 375 and not where["clipped"], \
            f"{page_type}: {name} is not on the first screen ({where})"
    assert found["the clinic's full name"]["text"] == raw_clinic["name"]
    assert found["the street address, linked to the map"]["text"].startswith(raw_clinic["address"]["street"])
    assert found["the 988 link"]["top"] < found["the clinic's full name"]["top"], "help now is not first"


def test_the_clinic_line_at_the_top_is_one_named_landmark_read_once(site_dir):
    from selectolax.lexbor import LexborHTMLParser

    for path in sorted(site_dir.rglob("*.html")):
        document = LexborHTMLParser(path.read_text(encoding="utf-8"))
        strips = document.css("aside.clinic-strip")
        assert len(strips) == 1, path
        assert strips[0].attributes.get("aria-label") == "Clinic address and hours", path
        assert strips[0].attributes.get("aria-hidden") is None, path
        # Its name is not the clinic block's: two landmarks, two names.
        footer_names = [node.text(strip=True) for node in document.css("#clinic-info-heading")]
        assert "Clinic address and hours" not in footer_names, path
        # Only the clinic block's status speaks when it changes.
        assert strips[0].css_first("[data-open-now]").attributes.get("data-open-now") in ("", None), path


def test_the_desktop_home_page_has_the_navigation_and_readable_lines(browser, site_url, site_dir):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = open_page(context, site_url + page_path(site_dir, "home"))
    assert page.locator(".md-sidebar--primary nav").first.is_visible()
    for link in ("Visit us", "Privacy", "Get help now"):
        assert page.locator(".md-sidebar--primary").get_by_role("link", name=link, exact=True).first.is_visible(), link
    # The longest line of the home page's paragraphs of body text, in characters.
    longest = page.evaluate("""() => Math.max(...[...document.querySelectorAll('article [data-pagefind-body] > p')].map(p => {
        const lines = {};
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.length; i++) {
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const rect = range.getBoundingClientRect();
            if (rect.height) { const key = Math.round(rect.top); lines[key] = (lines[key] || 0) + 1; }
          }
        }
        return Math.max(0, ...Object.values(lines));
    }))""")
    context.close()
    assert 60 <= longest <= 80, f"the home page's lines run to {longest} characters (60 to 80 wanted)"


def test_footnote_back_links_are_24_px_and_do_not_move_the_text(browser, site_url, site_dir):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = open_page(context, site_url + page_path(site_dir, "article"))
    measured = page.evaluate("""() => {
        const items = [...document.querySelectorAll('.footnote li')];
        const links = [...document.querySelectorAll('.footnote-backref')].map(a => a.getBoundingClientRect());
        const heights = items.map(li => li.getBoundingClientRect().height);
        const lineHeight = parseFloat(getComputedStyle(items[0]).lineHeight);
        document.querySelectorAll('.footnote-backref').forEach(a => { a.style.display = 'none'; });
        return {links: links.map(r => [r.width, r.height]), heights, lineHeight,
                without: items.map(li => li.getBoundingClientRect().height)};
    }""")
    context.close()
    assert measured["links"] and all(w >= 24 and h >= 24 for w, h in measured["links"]), measured["links"]
    # The link never makes a line taller. At the end of a full last line it may wrap onto a
    # line of its own, as a word would: exactly one more line, never half a line.
    for shown, hidden in zip(measured["heights"], measured["without"]):
        extra = shown - hidden
        assert abs(extra) < 0.5 or abs(extra - measured["lineHeight"]) < 1, (
            f"the back links make the references' lines taller: {measured}")
