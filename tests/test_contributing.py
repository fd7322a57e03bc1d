"""CONTRIBUTING.md is linked from the README and quotes the checks' real messages.

(Its section links are checked by the Markdown lint, rule MD051, in test_content.py.)
"""

from __future__ import annotations

import re

from content_checks import LINT_ADVICE
from site_builder import ROOT
from test_front_matter_build import MESSAGES

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = GUIDE.index(f"\n{title}\n")
    end = GUIDE.find("\n## ", start + 1)
    return GUIDE[start:end if end != -1 else None]


def test_the_readme_links_the_guide():
    assert "[CONTRIBUTING.md](CONTRIBUTING.md)" in (ROOT / "README.md").read_text()


def test_the_front_matter_messages_in_the_guide_are_the_real_ones():
    table = section("### The fields at the top (front matter)")
    quoted = re.findall(r"^\| `([^`]+)` \|", table, flags=re.MULTILINE)
    assert len(quoted) >= 8
    real = MESSAGES
    for message in quoted:
        # The guide shortens some messages with "..." or "(...)".
        fragments = [part.strip(" ,") for part in re.split(r"\(\.\.\.\)|\.\.\.", message) if part.strip(" ,")]
        assert any(all(fragment in line for fragment in fragments) for line in real), message


def test_the_lint_messages_in_the_guide_are_the_real_ones():
    for rule in ("md025", "md045"):
        assert f"{LINT_ADVICE[rule]} (Markdown rule {rule.upper()})" in GUIDE


def test_the_guide_covers_what_editors_need():
    for heading in ("## Add a new article", "## Change an article", "## The fields at the top of an article",
                    "## Content standards", "## See a preview of your change",
                    "## The checks, and how to fix each failure", "## When an article is due for review",
                    "## For the clinic: one-time set-up"):
        assert f"\n{heading}" in GUIDE, heading
    for field in ("title", "description", "published", "last_reviewed", "next_review", "author",
                  "reviewed_by", "tags"):
        assert f"| `{field}` |" in GUIDE, field
    standards = section("## Content standards")
    for needed in ("Plain language", "reference", "Invents nothing", "No suicide statistics", "988",
                   "not medical advice"):
        assert needed.lower() in standards.lower(), needed
