"""Every built page passes the Nu HTML Checker (vnu.jar, from npm, run with Java).

The only errors allowed are the theme's, listed in README ("Valid HTML") with the
reason they stay; the test fails if one of them goes away, so the list stays true.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from site_builder import ROOT, html_files


# Every test here checks both engines' builds (MkDocs + Material, and Zensical).
@pytest.fixture(scope="session")
def site_dir(site_dir_of_each_engine: Path) -> Path:
    return site_dir_of_each_engine


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material writes these two inputs outside any template block, so an override cannot
# change them. `autocomplete="off"` stops Firefox restoring the menu or search as open
# when a page is reloaded; it is not allowed on a checkbox, and browsers other than
# Firefox ignore it. Listed in README, "Valid HTML".
THEME_ERRORS = {
    ('Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, '
     '“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, '
     'or “week”.', f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{toggle}" '
     'autocomplete="off">')
    for toggle in ("drawer", "search")
}
# Zensical's base.html also hides the drawer's overlay label from screen readers, outside
# any block (Material 9.8 no longer does). README, "Valid HTML".
ZENSICAL_ERRORS = {
    ("The “aria-hidden” attribute must not be used on any “label” element that is associated with a "
     "labelable element.", '<label class="md-overlay" for="__drawer" aria-hidden="true">'),
}


def nu_errors(pages: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("The HTML check needs Java and node_modules/vnu-jar: run the tests with "
                    "`python3 scripts/dev.py test`, which installs both.", pytrace=False)
    completed = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", "--errors-only", *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode in (0, 1), completed.stderr
    return [message for message in json.loads(completed.stdout)["messages"] if message["type"] == "error"]


def is_theme_error(error: dict, allowed=THEME_ERRORS | ZENSICAL_ERRORS) -> bool:
    return any(error["message"] == message and element in error.get("extract", "")
               for message, element in allowed)


def theme_errors(site_dir: Path) -> set:
    """The theme's errors this build has: Zensical's generator tag names it."""
    zensical = 'content="zensical' in (site_dir / "index.html").read_text(encoding="utf-8")
    return THEME_ERRORS | ZENSICAL_ERRORS if zensical else THEME_ERRORS


def describe(error: dict, site_dir: Path) -> str:
    where = error.get("url", "").removeprefix(site_dir.as_uri() + "/")
    return f"{where}:{error.get('lastLine')}: {error['message']} [{error.get('extract', '').strip()}]"


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
