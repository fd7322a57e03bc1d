"""CONTRIBUTING.md is linked from the README and quotes the checks' real messages.

(Its section links are checked by the Markdown lint, rule MD051, in test_content.py.)
"""

from __future__ import annotations

import re

from clinic_site.checks.markdown_style import LINT_ADVICE
from clinic_site.engine import link_message
from front_matter_mistakes import MESSAGES
from site_builder import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = GUIDE.index(f"\n{title}\n")
    end = GUIDE.find("\n## ", start + 1)
    return GUIDE[start:end if end != -1 else None]


def test_the_readme_links_the_guides():
    readme = (ROOT / "README.md").read_text()
    assert "[CONTRIBUTING.md](CONTRIBUTING.md)" in readme and "[CLINIC-SETUP.md](CLINIC-SETUP.md)" in readme
    assert "[CLINIC-SETUP.md](CLINIC-SETUP.md)" in GUIDE


def test_the_clinics_one_time_set_up_has_its_own_guide():
    setup = (ROOT / "CLINIC-SETUP.md").read_text(encoding="utf-8")
    for needed in ("**Publish with GitHub Pages:**", "**Name the reviewers.**", "**Protect `main`:**",
                   "Require review from Code Owners", "**Content check** and **All tests**", "Dependabot"):
        assert needed in setup, needed


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
                    "## The checks, and how to fix each failure", "## When an article is due for review"):
        assert f"\n{heading}" in GUIDE, heading
    for field in ("title", "description", "published", "last_reviewed", "next_review", "author",
                  "reviewed_by", "tags"):
        assert f"| `{field}` |" in GUIDE, field
    standards = section("## Content standards")
    for needed in ("Plain language", "reference", "Invents nothing", "No suicide statistics", "988",
                   "not medical advice"):
        assert needed.lower() in standards.lower(), needed


def test_the_guide_walks_the_editors_path_on_github():
    for heading in ("## Add a photo", "## When a check is red for a reason that is not yours"):
        assert f"\n{heading}\n" in GUIDE, heading
    photo = section("## Add a photo")
    assert "**Upload files**" in photo
    assert "![A quiet waiting room with two chairs and a plant](waiting-room.jpg)" in photo
    assert "Nothing more" in photo
    preview = section("## See a preview of your change")
    for needed in ("**Preview** tab", "/pr-preview/pr-", "github-actions", "removed when the pull", "site-preview"):
        assert needed in preview, needed
    checks = section("## The checks, and how to fix each failure")
    assert "**Files changed**" in checks and "python3 scripts/dev.py check" in checks
    not_yours = section("## When a check is red for a reason that is not yours")
    assert "**Re-run failed jobs**" in not_yours


def test_the_checks_the_guide_names_are_the_workflows_jobs():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    names = {job["name"] for job in workflow["jobs"].values()}
    for name in ("Content check", "All tests", "Build the preview", "Publish the preview"):
        assert name in names and f"**{name}**" in GUIDE, name


def test_the_check_lines_in_the_guide_are_the_real_ones():
    examples = re.findall(r"^docs/articles/sleep\.md:\d+: (.*)$", GUIDE, flags=re.MULTILINE)
    assert len(examples) >= 8
    assert link_message("../visiting.md", "no-page") in examples
    assert link_message("../get-help-now.md#call-998", "no-section", "get-help-now.md") in examples
