"""axe-core (the pinned npm package) run inside a Playwright page.

axe is evaluated through the DevTools protocol, not added as a <script> element, so a
strict Content-Security-Policy on the page cannot block it.
"""

from __future__ import annotations

from playwright.sync_api import Page

from site_builder import ROOT

AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 level A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _axe_source() -> str:
    assert AXE_SOURCE.is_file(), (
        f"{AXE_SOURCE} is missing. Run the tests with `python3 scripts/dev.py test`, "
        "which installs the pinned npm check tools (npm ci)."
    )
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict]:
    """The WCAG 2.2 AA violations axe finds in the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        WCAG_TAGS,
    )


def describe(violations: list[dict], where: str) -> str:
    """One readable block per violated rule: id, what it asks, which elements."""
    lines = [f"{where}: {len(violations)} axe rule(s) violated"]
    for violation in violations:
        lines.append(f"  [{violation['id']}] {violation['help']} ({violation['impact']}) {violation['helpUrl']}")
        for node in violation["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"      {node['target']}\n        {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"      ... and {len(violation['nodes']) - 8} more elements")
    return "\n".join(lines)
