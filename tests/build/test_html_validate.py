"""Every built page passes html-validate (the pinned npm package), beside the Nu HTML
Checker of test_valid_html.py: html-validate also checks accessibility and good
practice in the markup itself.

Its settings are .htmlvalidate.json (JSON allows no comments: each rule changed there
has its reason below, and the test fails if the two lists differ). The theme's own
markup that no override can reach is allowed here, and the test fails if it goes away.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from site_builder import ROOT, html_files

HTML_VALIDATE = ROOT / "node_modules" / "html-validate" / "bin" / "html-validate.mjs"
CONFIG = ROOT / ".htmlvalidate.json"

WHY_RULES_ARE_CHANGED = {
    "no-trailing-whitespace": "style: the theme's templates leave spaces at line ends; browsers ignore them",
    "doctype-style": "style: the theme writes <!doctype html> in lower case, which HTML allows",
    "void-style": "style: Python-Markdown writes <hr /> in footnotes; both forms are valid HTML",
    "valid-id": "the theme's ids start with underscores (__drawer, __nav_2): valid HTML, which forbids only spaces",
    "unique-landmark": ("the theme writes the table of contents twice, in the phone drawer and the desktop "
                        "sidebar, and CSS shows one at each width; axe and IBM Equal Access check the "
                        "landmarks a browser shows (test_accessibility.py)"),
    "aria-label-misuse": "the search results <ol> (role list, which ARIA lets be named) is named for screen readers",
    "tel-non-breaking": "typography: CSS keeps each tel: link on one line (accessibility.css); editors write plain numbers",
}

# Material writes these in base.html and its palette partial, outside any block.
THEME_MESSAGES = {
    # The same two inputs the Nu checker reports (README, "Valid HTML").
    ("valid-autocomplete", "#__drawer"),
    ("valid-autocomplete", "#__search"),
    # The palette switch is a <form> of radios that nothing submits: theme.js acts on a change.
    ("wcag/h32", "html > body > header > nav > form"),
}


def html_validate(pages: list[Path], report_dir: Path) -> list[tuple[str, str, str, str]]:
    node = shutil.which("node")
    if not node or not HTML_VALIDATE.exists():
        pytest.fail("This check needs Node and node_modules/html-validate: run the tests with "
                    "`python3 scripts/dev.py test`, which installs both.", pytrace=False)
    # To a file: Node cuts a long report written to a pipe when it exits.
    report = report_dir / "html-validate.json"
    completed = subprocess.run(
        [node, str(HTML_VALIDATE), "--config", str(CONFIG), "--formatter", f"json={report}", *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    return [(result["filePath"], message["ruleId"], message.get("selector") or "", message["message"])
            for result in json.loads(report.read_text(encoding="utf-8") or "[]") for message in result["messages"]]


def test_every_page_passes_html_validate(site_dir: Path, tmp_path: Path):
    pages = html_files(site_dir)
    messages = html_validate(pages, tmp_path)
    ours = [f"{Path(path).relative_to(site_dir)}: [{rule}] {text} ({selector})"
            for path, rule, selector, text in messages if (rule, selector) not in THEME_MESSAGES]
    assert ours == [], "\n".join(ours)
    # The theme's markup is still there on every page (else remove it from THEME_MESSAGES).
    for rule, selector in THEME_MESSAGES:
        assert sum(1 for _, r, s, _ in messages if (r, s) == (rule, selector)) == len(pages), (rule, selector)


def test_every_rule_changed_in_the_settings_says_why():
    changed = set(json.loads(CONFIG.read_text(encoding="utf-8"))["rules"])
    assert changed == set(WHY_RULES_ARE_CHANGED)


def test_html_validate_finds_errors(tmp_path: Path):
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
                    '<body><main><img src="a.png"><button></button><p id="a"></p><p id="a"></p></main></body></html>')
    rules = {rule for _, rule, _, _ in html_validate([page], tmp_path)}
    assert {"wcag/h37", "no-dup-id"} <= rules, rules
