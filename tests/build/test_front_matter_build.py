"""Each front-matter mistake gets its own plain line: `docs/path.md:LINE: what is wrong; the fix`,
from the build's data step.

Every mistake is tried on the tests' own article (site_builder.FIXTURE_ARTICLE), so
the expected line never depends on today's articles. A few go through the real
build too: exit status 1, the exact line, nothing built, no
traceback. No YAML words ("mapping values", "token", "scalar") reach the editor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_site.articles import load_article
from clinic_site.problems import Problems
from front_matter_mistakes import (
    DATA_STEP_MISTAKES,
    GOOD,
    MISTAKES,
    NAME,
    REPEATED_VALUE,
    TAGS,
    WHERE,
    YAML_WORDS,
)
from site_builder import add_article, build_site, copy_project


def with_mistake(old: str, new: str) -> str:
    assert old in GOOD, f"{old!r} is not in the fixture article"
    return GOOD.replace(old, new, 1)


def problems(text: str) -> list[str]:
    with pytest.raises(Problems) as caught:
        load_article(text, src_uri=f"articles/{NAME}", url="articles/fixture/", where=WHERE,
                     default_author="Albany Ketamine Infusions")
    return [str(problem) for problem in caught.value.problems]


def test_the_fixture_article_is_valid():
    article = load_article(GOOD, src_uri=f"articles/{NAME}", url="articles/fixture/", where=WHERE,
                           default_author="Albany Ketamine Infusions")
    assert article.title == "Sleep and depression"


@pytest.mark.parametrize(("mistake", "old", "new", "line", "message"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_gets_its_own_line_with_the_line_number(mistake, old, new, line, message):
    assert problems(with_mistake(old, new)) == [f"{WHERE}:{line}: {message}"]
    assert not any(word in message.lower() for word in YAML_WORDS), message


def test_an_alias_bomb_stops_at_once_with_a_plain_line():
    # Nine values nested nine deep: a billion strings if anything expanded them.
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    text = with_mistake(TAGS, TAGS + "\n".join(levels) + "\n")
    # Refused before any value is built from the text: nothing can expand it.
    assert problems(text) == [f"{WHERE}:9: {REPEATED_VALUE}"]


def test_a_plain_anchor_and_alias_are_refused_too():
    text = with_mistake("tags:\n  - depression\n", "author: &who Clinic\nreviewed_by: *who\n")
    assert problems(text) == [f"{WHERE}:7: {REPEATED_VALUE}"]


def test_quoted_values_with_colons_and_hashes_are_fine():
    text = with_mistake("title: Sleep and depression", 'title: "Sleep: tip #1, the \\"short\\" one"')
    article = load_article(text, src_uri=f"articles/{NAME}", url="articles/fixture/", where=WHERE,
                           default_author="Clinic")
    assert article.title == 'Sleep: tip #1, the "short" one'


def project_with(destination: Path, old: str, new: str) -> Path:
    project = copy_project(destination)
    add_article(project, NAME, with_mistake(old, new))
    return project


def output_lines(output: str) -> list[str]:
    return [line.rstrip() for line in output.splitlines()]


BUILT = ["a tab used for indenting", "a colon in an unquoted value", "a date written with slashes"]


@pytest.mark.parametrize(("mistake", "old", "new", "line", "message"),
                         [m for m in MISTAKES if m[0] in BUILT] + DATA_STEP_MISTAKES,
                         ids=BUILT + [m[0] for m in DATA_STEP_MISTAKES])
def test_a_mistake_stops_the_build_with_its_own_line(tmp_path, mistake, old, new, line, message):
    project = project_with(tmp_path / "project", old, new)
    result = build_site(project, tmp_path / "site")

    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output, result.output
    lines = output_lines(result.output)
    assert "The articles' front matter: 1 problem to fix before the site can be built:" in lines, result.output
    assert f"  {WHERE}:{line}: {message}" in lines, result.output
    assert not (tmp_path / "site" / "index.html").exists()


def test_every_problem_in_every_file_is_listed_at_once(tmp_path):
    project = copy_project(tmp_path / "project")
    add_article(project, "first.md", GOOD.replace("last_reviewed: 2026-02-01", "last_reviewed: Nov 23")
                .replace("title: Sleep and depression\n", ""))
    add_article(project, "second.md", GOOD.replace("next_review: 2027-02-01", "next_reveiw: 2027-02-01"))
    result = build_site(project, tmp_path / "site")

    assert result.returncode == 1
    assert "Traceback" not in result.output
    lines = output_lines(result.output)
    start = lines.index("The articles' front matter: 3 problems to fix before the site can be built:")
    assert lines[start + 1:start + 4] == [
        "  docs/articles/first.md:1: title is missing: add it (the article's title, like 'Does ketamine treat "
        "depression?')",
        "  docs/articles/first.md:4: last_reviewed must be a date like 2026-01-31, got 'Nov 23'; write the year, "
        "the month and the day as numbers, with dashes between them",
        "  docs/articles/second.md:6: next_reveiw is not a known field: did you mean 'next_review'?",
    ]


def test_an_overdue_review_builds_and_says_so(tmp_path):
    project = copy_project(tmp_path / "project")
    add_article(project, NAME, GOOD.replace("published: 2026-01-10", "published: 2020-01-01")
                .replace("last_reviewed: 2026-02-01", "last_reviewed: 2020-01-01")
                .replace("next_review: 2027-02-01", "next_review: 2021-01-01"))
    result = build_site(project, tmp_path / "site")

    assert result.returncode == 0, result.output
    assert (f"REVIEW DUE: {WHERE} was due for review on 2021-01-01. "
            "Review it, then update last_reviewed and next_review.") in output_lines(result.output)
    assert (tmp_path / "site" / "articles" / "fixture" / "index.html").exists()
