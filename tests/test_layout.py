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
