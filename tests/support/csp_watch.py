"""A Chromium page whose Content Security Policy violations are recorded: from
`securitypolicyviolation` events (a listener added before any page script runs) and
from the console, where Chromium reports each blocked script, style or request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}` +
    ` (${event.sourceFile || "the page"}:${event.lineNumber}) ${event.sample}`);
});
"""


@contextmanager
def watched_page(browser: Browser) -> Iterator[Any]:
    """A fresh page whose CSP violations and console CSP errors are recorded."""
    context: BrowserContext = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)  # runs before any script of each document
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.csp_console, page.dialogs = console, dialogs
    try:
        yield page
    finally:
        context.close()


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations") + page.csp_console


