"""Each front-matter mistake stops the real `mkdocs build --strict` with its own line.

The exit status is 1, the output has the exact line for the editor (file, field, what
was found, what is expected), nothing is built, and there is no Python traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import ROOT, build_site, copy_project

ARTICLE = "docs/articles/does-ketamine-treat-depression.md"
# The article's own description line, whatever its editors have written.
DESCRIPTION = next(line for line in (ROOT / ARTICLE).read_text(encoding="utf-8").splitlines()
                   if line.startswith("description: "))
TAGS = "tags:\n  - depression\n  - ketamine\n"

# (what the editor did, the text replaced, the text written, the line the build prints)
MISTAKES = [
    ("a date written in words", "last_reviewed: 2026-11-23", "last_reviewed: Nov 23",
     "last_reviewed must be a date like 2026-01-31, got 'Nov 23'"),
    ("a date that does not exist", "published: 2026-11-23", "published: 2026-02-30",
     "published must be a date like 2026-01-31, got '2026-02-30'"),
    ("a date with a time", "published: 2026-11-23", "published: 2026-11-23 10:00",
     "published must be a date like 2026-01-31, got '2026-11-23 10:00'"),
    ("a misspelled field", "last_reviewed: 2026-11-23", "last_reveiwed: 2026-11-23",
     "last_reveiwed is not a known field: did you mean 'last_reviewed'?"),
    ("an unknown field", TAGS, "summary: Ketamine and depression.\n" + TAGS,
     "summary is not a known field: the known fields are title, description, published, last_reviewed, "
     "next_review, author, reviewed_by, tags"),
    ("next review not after the last", "next_review: 2027-11-23", "next_review: 2026-11-23",
     "next_review must be after last_reviewed (2026-11-23), got 2026-11-23"),
    ("reviewed before it was published", "last_reviewed: 2026-11-23", "last_reviewed: 2026-11-01",
     "last_reviewed must be on or after published (2026-11-23), got 2026-11-01"),
    ("a description over 160 characters", DESCRIPTION, "description: " + "Ketamine and depression. " * 7,
     "description must be at most 160 characters (search engines cut the rest), got 174: shorten it"),
    ("a title over 120 characters", "title: Does ketamine treat depression?", "title: " + "Ketamine " * 14,
     "title must be at most 120 characters (it is the page's heading), got 125: shorten it"),
    ("a missing title", "title: Does ketamine treat depression?\n", "",
     "title is missing: add it (the article's title, like 'Does ketamine treat depression?')"),
    ("an empty title", "title: Does ketamine treat depression?", "title:",
     "title must be the article's title, like 'Does ketamine treat depression?', got nothing (an empty value)"),
    ("a missing description", DESCRIPTION + "\n", "",
     "description is missing: add it (a one-sentence summary of at most 160 characters)"),
    ("tags not written as a list", TAGS, "tags: depression\n",
     "tags must be a list of short words, like [depression], got 'depression'"),
    ("an empty reviewer", TAGS, 'reviewed_by: ""\n' + TAGS,
     "reviewed_by must be the reviewer the clinic has named; leave it out otherwise, got ''"),
    ("a field written twice", TAGS, "title: Another title\n" + TAGS,
     "title is written twice in the front matter (lines 2 and 7): keep one and delete the other"),
    ("a colon in an unquoted value", "title: Does ketamine treat depression?",
     "title: Ketamine: does it treat depression?",
     "the front matter cannot be read on line 2 (mapping values are not allowed in this context): check each "
     "line is 'field: value', and put values containing ':' or '#' in quotes"),
    ("no front matter", "---\ntitle: Does ketamine treat depression?\n", "title: Does ketamine treat depression?\n",
     "has no front matter: the file must start with a line '---', then the fields (title, description, "
     "published, ...), then a line '---' (copy docs/articles/_template.md)"),
]


def project_with(destination: Path, old: str, new: str) -> Path:
    project = copy_project(destination)
    article = project / ARTICLE
    text = article.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {ARTICLE}"
    article.write_text(text.replace(old, new, 1), encoding="utf-8")
    return project


def output_lines(output: str) -> list[str]:
    return [line.rstrip() for line in output.splitlines()]


@pytest.mark.parametrize(("mistake", "old", "new", "message"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_stops_the_build_with_its_own_line(tmp_path, mistake, old, new, message):
    project = project_with(tmp_path / "project", old, new)
    result = build_site(project, tmp_path / "site")

    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output, result.output
    lines = output_lines(result.output)
    assert "ERROR   -  The articles' front matter: 1 problem to fix before the site can be built:" in lines, result.output
    assert f"  {ARTICLE}: {message}" in lines, result.output
    assert not (tmp_path / "site" / "index.html").exists()


def test_every_problem_in_every_file_is_listed_at_once(tmp_path):
    project = copy_project(tmp_path / "project")
    first = project / ARTICLE
    first.write_text(first.read_text().replace("last_reviewed: 2026-11-23", "last_reviewed: Nov 23")
                     .replace("title: Does ketamine treat depression?\n", ""))
    second = project / "docs" / "articles" / "what-is-ketamine-therapy.md"
    second.write_text(second.read_text().replace("next_review: 2027-11-23", "next_reveiw: 2027-11-23"))
    result = build_site(project, tmp_path / "site")

    assert result.returncode == 1
    assert "Traceback" not in result.output
    lines = output_lines(result.output)
    start = lines.index("ERROR   -  The articles' front matter: 3 problems to fix before the site can be built:")
    assert lines[start + 1:start + 4] == [
        f"  {ARTICLE}: title is missing: add it (the article's title, like 'Does ketamine treat depression?')",
        f"  {ARTICLE}: last_reviewed must be a date like 2026-01-31, got 'Nov 23'",
        "  docs/articles/what-is-ketamine-therapy.md: next_reveiw is not a known field: did you mean 'next_review'?",
    ]


def test_an_overdue_review_builds_and_says_so(tmp_path):
    project = copy_project(tmp_path / "project")
    article = project / ARTICLE
    article.write_text(article.read_text().replace("published: 2026-11-23", "published: 2020-01-01")
                       .replace("last_reviewed: 2026-11-23", "last_reviewed: 2020-01-01")
                       .replace("next_review: 2027-11-23", "next_review: 2021-01-01"))
    result = build_site(project, tmp_path / "site")

    assert result.returncode == 0, result.output
    assert (f"INFO    -  clinic: REVIEW DUE: {ARTICLE} was due for review on 2021-01-01. "
            "Review it, then update last_reviewed and next_review.") in output_lines(result.output)
    assert (tmp_path / "site" / "articles" / "does-ketamine-treat-depression" / "index.html").exists()
