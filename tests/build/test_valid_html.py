"""Every built page passes the Nu HTML Checker (vnu.jar, from npm, run with Java).

The only errors allowed are the theme's, listed in README ("Valid HTML") with the
reason they stay; the test fails if one of them goes away, so the list stays true.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nu_checker import describe, is_theme_error, nu_errors, theme_errors
from site_builder import BuildResult, html_files


# Every test here checks both engines' builds (MkDocs + Material, and Zensical), and the
# site with three more articles of different kinds.
@pytest.fixture(scope="session")
def site_dir(site_of_each_variant: BuildResult) -> Path:
    return site_of_each_variant.site_dir


def test_every_page_is_valid_html(site_dir: Path):
    pages = html_files(site_dir)
    errors = nu_errors(pages)
    allowed = theme_errors(site_dir)
    ours = [describe(error, site_dir) for error in errors if not is_theme_error(error, allowed)]
    assert ours == [], "\n".join(ours)
    # The theme's errors are still there on every page (else remove them from README).
    assert len(errors) == len(allowed) * len(pages)


def test_the_checker_finds_errors(tmp_path: Path):
    # The check can fail: a page with a mistake in it is reported.
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><head><title>x</title></head>'
                    "<body><p><div>block in a paragraph</p></body></html>")
    assert nu_errors([page])
