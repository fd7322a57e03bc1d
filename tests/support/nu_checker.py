"""The Nu HTML Checker (vnu.jar, from npm, run with Java), and the errors of the themes'
own markup that no override can reach (README, "Valid HTML")."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from site_builder import ROOT

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


def nu_errors(pages: list[Path]) -> list[dict[str, Any]]:
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


def is_theme_error(error: dict[str, Any], allowed: set[tuple[str, str]] = THEME_ERRORS | ZENSICAL_ERRORS) -> bool:
    return any(error["message"] == message and element in error.get("extract", "")
               for message, element in allowed)


def theme_errors(site_dir: Path) -> set[tuple[str, str]]:
    """The theme's errors this build has: Zensical's generator tag names it."""
    zensical = 'content="zensical' in (site_dir / "index.html").read_text(encoding="utf-8")
    return THEME_ERRORS | ZENSICAL_ERRORS if zensical else THEME_ERRORS


def describe(error: dict[str, Any], site_dir: Path) -> str:
    where = error.get("url", "").removeprefix(site_dir.as_uri() + "/")
    return f"{where}:{error.get('lastLine')}: {error['message']} [{error.get('extract', '').strip()}]"


