"""Walk a page with the Tab key, as a keyboard user does, and describe each focus stop:
what it is, where it is, whether its focus ring shows and whether anything covers it.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

# Reads the focused element. The palette switch is hidden radio buttons and one visible
# icon that shows the focus: that icon is the element checked for visibility.
_DESCRIBE_FOCUS = r"""async () => {
  // Wait for movements to end (the drawer sliding in), as a person would see them.
  // Colour fades do not move anything: not waiting for them keeps the walk fast.
  const moving = document.getAnimations().filter(a => a.effect
    && a.effect.getComputedTiming().endTime !== Infinity && !/color|shadow/.test(a.transitionProperty || ""));
  await Promise.all(moving.map(animation => animation.finished.catch(() => null)));
  // And let anything that follows scrolling settle, as it does for a person.
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const shown = focused.matches("input.md-option")
    ? focused.form.querySelector("label:not([hidden])") : focused;
  const box = shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  // Five points of every box the element is drawn in (a link wrapping onto two lines
  // has two; the box around both can hold other text): the centre and four corners,
  // 2 px inside. A point is hidden when the element drawn there is not the focused
  // element, part of it, or its label.
  const inset = 2;
  const rects = [...shown.getClientRects()].filter(rect => rect.width > 0 && rect.height > 0);
  const points = (rects.length ? rects : [box]).flatMap(rect => [
    [rect.left + rect.width / 2, rect.top + rect.height / 2],
    [rect.left + inset, rect.top + inset], [rect.right - inset, rect.top + inset],
    [rect.left + inset, rect.bottom - inset], [rect.right - inset, rect.bottom - inset],
  ]);
  const hiddenBy = [];
  for (const [x, y] of points) {
    const inViewport = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
    const top = inViewport ? document.elementFromPoint(x, y) : null;
    const ours = top && (shown.contains(top) || top.contains(shown) || focused.contains(top));
    if (!ours) hiddenBy.push(top ? `${top.tagName.toLowerCase()}.${String(top.className).split(" ")[0]}` : "outside the viewport");
  }
  const text = (focused.innerText || focused.getAttribute("aria-label") || focused.value || "").trim();
  const parentBlock = shown.parentElement && shown.parentElement.closest("p, li, td, dd, div, section");
  return {
    description: `<${focused.tagName.toLowerCase()} class="${focused.className}"> ${JSON.stringify(text.slice(0, 40))}`
      + (focused.getAttribute("href") ? ` href=${focused.getAttribute("href")}` : ""),
    width: box.width, height: box.height,
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    boxShadow: style.boxShadow,
    hiddenBy,
    display: style.display,
    // An inline link in a sentence: WCAG 2.5.8 exempts it from the 24 px minimum.
    inlineInText: style.display === "inline" && !!parentBlock
      && parentBlock.textContent.trim().length > text.length + 10,
    insideHeader: !!focused.closest(".md-header"),
    tag: focused.tagName.toLowerCase(),
    href: focused.getAttribute("href"),
    classes: String(focused.className),
    inAddress: !!focused.closest("address"),
  };
}"""

@dataclass
class FocusStop:
    description: str
    width: float
    height: float
    outline_style: str
    outline_width: float
    box_shadow: str
    hidden_by: list[str]
    display: str
    inline_in_text: bool
    inside_header: bool
    tag: str
    href: str | None
    classes: str
    in_address: bool

    @property
    def ring_shows(self) -> bool:
        return (self.outline_style not in ("none", "") and self.outline_width >= 2) or self.box_shadow != "none"


def focused(page: Page) -> FocusStop | None:
    data = page.evaluate(_DESCRIBE_FOCUS)
    if data is None:
        return None
    return FocusStop(
        description=data["description"], width=data["width"],
        height=data["height"], outline_style=data["outlineStyle"], outline_width=data["outlineWidth"],
        box_shadow=data["boxShadow"], hidden_by=data["hiddenBy"], display=data["display"],
        inline_in_text=data["inlineInText"], inside_header=data["insideHeader"], tag=data["tag"],
        href=data["href"], classes=data["classes"], in_address=data["inAddress"],
    )


def tab_through(page: Page, limit: int = 200, backwards: bool = False) -> list[FocusStop]:
    """Every focus stop from the top of the page to the end, by pressing Tab; or from the
    end to the top with Shift+Tab, which scrolls up and brings stops in under the header."""
    key = "Shift+Tab" if backwards else "Tab"
    stops: list[FocusStop] = []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = focused(page)
        if stop is None:  # past the last stop, focus returns to the browser
            return stops
        stops.append(stop)
    raise AssertionError(f"{page.url}: more than {limit} Tab stops, or focus is trapped")
