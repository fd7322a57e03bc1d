"""The site's pages pass the content checks: Markdown style, spelling, alt text.

A failure is written for the editor who made the change: it lists each file and line
with the fix, without a Python traceback. Readability is in test_readability.py;
broken links and anchors stop the build (the built_site fixture). The alt-text check of
the built pages runs over each engine's build and the site with more articles.
"""

from __future__ import annotations

import pytest

from clinic_site.checks import markdown_pages
from clinic_site.checks.markdown_style import LINT_FIX, lint
from clinic_site.checks.references import REFERENCES_FIX, references_without_links
from clinic_site.checks.spelling import SPELLING_FIX, spelling
from clinic_site.finish import images_without_alt_text
from clinic_site.pipeline import finished_site
from clinic_site.report import failure_message as report
from clinic_site.site_data import prepare
from site_builder import ROOT, BuildResult

PAGES = markdown_pages(ROOT)
# The guides are written in the same style (the pull-request template is a form, so
# it is only spell-checked).
GUIDES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CLINIC-SETUP.md",
          *sorted((ROOT / "dev-docs").glob("*.md"))]
PR_TEMPLATE = ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md"


def test_the_checks_see_every_page_and_the_template():
    names = {path.relative_to(ROOT).as_posix() for path in PAGES}
    every_file = {path.relative_to(ROOT).as_posix() for path in (ROOT / "docs").rglob("*.md")}
    assert "docs/articles/_template.md" in names and "docs/index.md" in names
    assert names == every_file


def test_markdown_follows_the_site_style():
    problems = lint(ROOT, PAGES + GUIDES)
    if problems:
        pytest.fail(report(problems, "Markdown style", LINT_FIX), pytrace=False)


def test_spelling():
    problems = spelling(ROOT, PAGES + GUIDES + [PR_TEMPLATE])
    if problems:
        pytest.fail(report(problems, "Spelling", SPELLING_FIX), pytrace=False)


def test_every_reference_has_a_link_to_check_it(project):
    problems = references_without_links(project, markdown_pages(project))
    if problems:
        pytest.fail(report(problems, "References without a link", REFERENCES_FIX), pytrace=False)


def test_every_image_in_the_content_has_alt_text(site_of_each_variant: BuildResult):
    built = site_of_each_variant
    site = finished_site(built.site_dir, prepare(built.project), built.project, "mkdocs")
    problems = images_without_alt_text(site)
    if problems:
        pytest.fail(report(problems, "Images without alt text", "Describe each image, as the lines say."),
                    pytrace=False)
