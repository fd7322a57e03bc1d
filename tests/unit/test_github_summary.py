"""On GitHub, each failed check's message is written to the run's Summary page, once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from github_summary import summary_markdown

SUPPORT = Path(__file__).resolve().parent.parent / "support"


def test_each_message_is_shown_once_with_its_tests():
    markdown = summary_markdown([
        ("tests/test_a.py::test_one", "The site cannot be built:\n  docs/x.md: title is missing"),
        ("tests/test_b.py::test_two", "The site cannot be built:\n  docs/x.md: title is missing"),
        ("tests/test_content.py::test_spelling", "Spelling: 1 problem to fix."),
    ])
    assert markdown.startswith("## What to fix\n\n3 tests failed.")
    assert markdown.count("title is missing") == 1
    assert "**tests/test_a.py::test_one** and 1 more\n\n```text\nThe site cannot be built:" in markdown
    assert "**tests/test_content.py::test_spelling**\n\n```text\nSpelling: 1 problem to fix.\n```" in markdown


def test_nothing_to_fix():
    assert summary_markdown([]) == "## What to fix\n\nNothing: every test and content check passed.\n"


def test_a_real_pytest_run_writes_the_summary(tmp_path):
    (tmp_path / "test_planted.py").write_text(
        "import pytest\n\n"
        "def test_spelling():\n"
        "    pytest.fail(\"Spelling: 1 problem to fix.\\n  docs/x.md, line 3: 'recieve' is misspelt\", pytrace=False)\n\n"
        "def test_fine():\n    pass\n"
    )
    summary = tmp_path / "summary.md"
    summary.write_text("earlier steps' summary\n")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PYTHONPATH": str(SUPPORT)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "github_summary", "-q", "-p", "no:cacheprovider",
                             str(tmp_path)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 1, result.stdout
    assert summary.read_text() == (
        "earlier steps' summary\n"
        "## What to fix\n\n1 test failed. Each problem is below, with the fix; the full report is in the log of "
        "the step *Run the tests and content checks*.\n\n"
        "**test_planted.py::test_spelling**\n\n```text\n"
        "Spelling: 1 problem to fix.\n  docs/x.md, line 3: 'recieve' is misspelt\n```\n"
    )
