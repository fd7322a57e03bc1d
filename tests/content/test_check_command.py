"""`python3 scripts/dev.py check`: every mistake an editor can make, one plain line each.

The command (dev.py's own command line for the runner, clinic_site.cli.check) runs on a
copy of the site with one mistake per file planted in the tests' own article, and
must print exactly the expected line for each, `docs/path.md:LINE: what is wrong; the
fix`, and exit 1; under GitHub Actions also as annotations and at the head of the
job summary. On the real site it finds nothing. How long it takes is measured by
running it (the README says how), not asserted here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import dev
from clinic_site.checks import CHECKED
from clinic_site.checks.markdown_style import LINT_ADVICE, lint
from clinic_site.problems import Problem
from clinic_site.report import annotation, summary_markdown
from site_builder import FIXTURE_ARTICLE, ROOT, add_article, copy_project

GOOD = FIXTURE_ARTICLE.format(title="A test article")
GRADE_12 = ("Notwithstanding considerable methodological heterogeneity across randomized investigations, "
            "subanesthetic ketamine administration demonstrates substantial antidepressant efficacy in "
            "treatment-resistant populations.")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n'
QUOTES = "put the whole value in double quotes"

# (file, text replaced in the fixture article, text written, the line of the file, the message)
MISTAKES = [
    ("tab.md", "  - depression", "\t- depression", 8,
     "this line starts with a tab; indent with spaces instead (two spaces before each '- ' of a list)"),
    ("colon.md", "title: A test article", "title: Ketamine: a test article", 2,
     f"the value of title has a colon (':') in it; {QUOTES}: title: \"Ketamine: a test article\""),
    ("no-space.md", "title: A test article", "title:A test article", 2,
     "put a space after the colon of title: write 'title: A test article'"),
    ("quote.md", "title: A test article", "title: \"A test article", 2,
     "the value of title starts with a quote mark (\") but does not end with one; add \" at the end of the "
     "value, or remove the quote mark"),
    ("date.md", "published: 2026-01-10", "published: Jan 10, 2026", 4,
     "published must be a date like 2026-01-31, got 'Jan 10, 2026'; write 2026-01-10 (year-month-day)"),
    ("field.md", "last_reviewed: 2026-02-01", "last_reveiwed: 2026-02-01", 5,
     "last_reveiwed is not a known field: did you mean 'last_reviewed'?"),
    ("tags.md", "tags:\n  - depression", "tags: depression, sleep", 7,
     "tags must be a list, got 'depression, sleep'; write 'tags:' alone on its line, then each tag on its own "
     "line below it, as '  - depression' (two spaces, a dash, a space)"),
    ("spelling.md", "It has a few short sentences.", "We recieve a few short sentences.", 12,
     "'recieve' is misspelt: write 'receive'"),
    ("second-title.md", "This article is here for the tests.", "# A test article\n\nThis article is here for the tests.",
     11, f"{LINT_ADVICE['md025']} (Markdown rule MD025)"),
    ("link.md", "See our [Visit us](../visit.md) page.", "See our [Visit us](../visiting.md) page.", 16,
     "the link '../visiting.md' goes to a page that does not exist; check the file name in the docs folder "
     "(a link names the page's .md file, like ../visit.md)"),
    ("anchor.md", "See our [Visit us](../visit.md) page.", "See our [Visit us](../visit.md#opening-times) page.", 16,
     "the link '../visit.md#opening-times' goes to a section that visit.md does not have; after the '#', write "
     "the section's heading in lower case, with dashes for spaces"),
    ("alt-text.md", "See our [Visit us](../visit.md) page.", "See our [Visit us](../visit.md) page.\n\n![](square.svg)",
     18, f"{LINT_ADVICE['md045']} (Markdown rule MD045)"),
    ("missing-photo.md", "See our [Visit us](../visit.md) page.",
     "See our [Visit us](../visit.md) page.\n\n![A quiet room](Waiting-Room.JPG)", 18,
     "the picture 'Waiting-Room.JPG' is not in the docs folder; upload it next to the article, or correct its "
     "name (capital letters count)"),
    ("script.md", "See our [Visit us](../visit.md) page.", "See our [Visit us](../visit.md) page.\n\n<script>alert(1)</script>",
     18, "has a <script> element: the site's security policy blocks scripts written into pages; remove it, or "
     "ask a developer to add it as a file under overrides/assets/"),
    ("hard.md", "It has a few short sentences.", GRADE_12, 12,
     "the article reads at US school grade 22.4; articles must read at grade 8 or below, so shorten or simplify "
     "its hardest sentences first: line 12 (grade 38.2)"),
    ("long.md", "It has a few short sentences.", "It has " + "a few short words and " * 5 + "an end.", 12,
     "this sentence has 29 words; write at most 20 (split it in two, or cut words): \"It has "
     + "a few short words and " * 5 + "an end.\""),
]
JARGON = ("mapping values", "token", "scalar", "setext", "Expected:", "Traceback", "YAML")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("check") / "project")
    (project / "docs" / "articles" / "square.svg").write_text(SVG)
    for name, old, new, _line, _message in MISTAKES:
        assert old in GOOD, old
        add_article(project, name, GOOD.replace(old, new, 1))
    return project


def run_check(project: Path, tmp_path: Path, github: bool) -> tuple[subprocess.CompletedProcess, str]:
    summary = tmp_path / "summary.md"
    summary.write_text("")
    env = {key: value for key, value in os.environ.items() if key not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    if github:
        env |= {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    # dev.py's own command for `check`, run with this Python (the set-up .venv's).
    completed = subprocess.run(dev.pipeline_command(["check", str(project)], python=sys.executable),
                               capture_output=True, text=True, env={**dev.pipeline_environment(), **env}, timeout=300)
    return completed, summary.read_text()


@pytest.fixture(scope="module")
def on_github(project: Path, tmp_path_factory: pytest.TempPathFactory):
    return run_check(project, tmp_path_factory.mktemp("github"), github=True)


def expected_lines() -> list[str]:
    return [f"docs/articles/{name}:{line}: {message}" for name, _old, _new, line, message in MISTAKES]


def test_each_mistake_is_one_plain_line_with_file_and_line(on_github):
    completed, _summary = on_github
    assert completed.returncode == 1, completed.stdout + completed.stderr
    printed = [line for line in completed.stdout.splitlines() if not line.startswith("::")]
    for line in expected_lines():
        assert line in printed, f"missing: {line}\n\nprinted:\n" + "\n".join(printed)
    assert sorted(printed) == sorted(expected_lines())  # nothing else, nothing twice
    for line in printed:
        assert not any(word in line for word in JARGON), line


def test_under_github_actions_each_line_is_an_annotation_and_heads_the_summary(on_github):
    completed, summary = on_github
    annotations = [line for line in completed.stdout.splitlines() if line.startswith("::error ")]
    assert ("::error file=docs/articles/date.md,line=4,title=Content check::published must be a date like "
            "2026-01-31, got 'Jan 10, 2026'; write 2026-01-10 (year-month-day)") in annotations
    printed = [line for line in completed.stdout.splitlines() if not line.startswith("::")]
    assert len(annotations) == len(printed)
    assert summary.startswith("## Content check: ")
    for line in expected_lines():
        assert line in summary


def test_outside_github_there_are_no_annotations(project, tmp_path):
    completed, summary = run_check(project, tmp_path, github=False)
    assert completed.returncode == 1
    assert "::error" not in completed.stdout and summary == ""


def test_the_real_site_passes(capfd):
    dev.check([])  # the command itself, as an editor runs it: it exits (SystemExit) on a problem
    printed = capfd.readouterr().out
    assert printed.splitlines()[-1].startswith(f"Content check: no problems ({', '.join(CHECKED)}; "), printed


def test_the_template_and_the_guide_pass_the_style_rules():
    # No style rule contradicts what editors are told to copy or to do.
    assert lint(ROOT, [ROOT / "docs" / "articles" / "_template.md", ROOT / "CONTRIBUTING.md"]) == []


def test_a_broken_front_matter_is_not_read_as_markdown(tmp_path):
    # A tab in the tags used to make the linter read the front matter as a list and a
    # heading underlined with '---'.
    project = copy_project(tmp_path / "project")
    path = add_article(project, "tab.md", GOOD.replace("  - depression", "\t- depression"))
    assert lint(project, [path]) == []


def test_annotations_escape_what_github_reads_as_their_end():
    problem = Problem("docs/a,b:c.md", 3, "50% done\nnext line")
    assert annotation(problem) == "::error file=docs/a%2Cb%3Ac.md,line=3,title=Content check::50%25 done%0Anext line"
    assert summary_markdown([], "everything").startswith("## Content check\n\nNo problems")
    notice = Problem("docs/a.md", None, "REVIEW DUE: docs/a.md was due", level="notice")
    assert annotation(notice) == "::notice file=docs/a.md,title=Content check::REVIEW DUE: docs/a.md was due"


def test_dev_py_check_runs_the_runners_check_without_pytest():
    assert dev.COMMANDS["check"] is dev.check
    assert dev.pipeline_command(["check"], python="python3") == ["python3", "-m", "clinic_site", "check"]
    # The check needs no test runner: the runner and every check import without pytest.
    code = ("import sys, clinic_site.cli, clinic_site.pipeline, clinic_site.checks.readability, "
            "clinic_site.checks.markdown_style, clinic_site.checks.spelling; "
            "assert 'pytest' not in sys.modules, 'pytest imported'")
    completed = subprocess.run([sys.executable, "-c", code], env=dev.pipeline_environment(), capture_output=True,
                               text=True)
    assert completed.returncode == 0, completed.stderr
