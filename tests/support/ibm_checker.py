"""IBM Equal Access (the pinned accessibility-checker-engine npm package) run inside a
Playwright page, beside axe (axe_checker.py).

Its ace.js is added to the page as a <script> element from node_modules, as IBM's
documentation does; the page's Content-Security-Policy would block that, so the page
is opened in a context made with bypass_csp=True (tests/test_csp_browser.py checks the
policy itself). Only the "accessibility-checker" wrapper downloads a browser driver:
the engine alone needs nothing from the network.
"""

from __future__ import annotations

from playwright.sync_api import Page

from site_builder import ROOT

ACE_SOURCE = ROOT / "node_modules" / "accessibility-checker-engine" / "ace.js"
# IBM's own rule set: WCAG 2.2 A and AA, EN 301 549 and US 508, harmonized with ACT rules.
RULESET = "IBM_Accessibility"


def ibm_violations(page: Page) -> list[dict]:
    """The violations IBM Equal Access finds in the page as it is now: one entry per rule
    and element, with the rule, IBM's message and the element's path and HTML. Only
    definite failures ("VIOLATION", "FAIL"), as its checker reports violations; its
    "potential violations" ask a person to confirm something (is this text a heading?)
    and are not counted."""
    assert ACE_SOURCE.is_file(), (
        f"{ACE_SOURCE} is missing. Run the tests with `python3 scripts/dev.py test`, "
        "which installs the pinned npm check tools (npm ci)."
    )
    if not page.evaluate("typeof window.ace === 'object'"):
        page.add_script_tag(path=ACE_SOURCE)
    return page.evaluate(
        """async (ruleset) => {
            const report = await new ace.Checker().check(document, [ruleset]);
            return report.results
                .filter(result => result.value[0] === "VIOLATION" && result.value[1] === "FAIL")
                .map(result => ({rule: result.ruleId, reason: result.reasonId, message: result.message,
                                 path: result.path.dom, snippet: result.snippet}));
        }""",
        RULESET,
    )


def describe(violations: list[dict], where: str) -> str:
    lines = [f"{where}: {len(violations)} IBM Equal Access violation(s)"]
    for violation in violations:
        lines.append(f"  [{violation['rule']}] {violation['message']}\n      {violation['path']}\n"
                     f"      {violation['snippet'][:200]}")
    return "\n".join(lines)
