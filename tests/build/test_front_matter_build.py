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
from clinic_site.messages import DataError
from site_builder import FIXTURE_ARTICLE, add_article, build_site, copy_project

NAME = "fixture.md"
WHERE = f"docs/articles/{NAME}"
GOOD = FIXTURE_ARTICLE.format(title="Sleep and depression")
DESCRIPTION = "description: A short summary of this test article, in plain words."
TAGS = "tags:\n  - depression\n"
QUOTE_FIX = "put the whole value in double quotes"

# (what the editor did, the text replaced, the text written, the line of the file, the message)
MISTAKES = [
    ("a tab used for indenting", "  - depression", "\t- depression", 8,
     "this line starts with a tab; indent with spaces instead (two spaces before each '- ' of a list)"),
    ("no space after a colon", "title: Sleep and depression", "title:Sleep and depression", 2,
     "put a space after the colon of title: write 'title: Sleep and depression'"),
    ("a colon in an unquoted value", "title: Sleep and depression", "title: Sleep: what helps", 2,
     f"the value of title has a colon (':') in it; {QUOTE_FIX}: title: \"Sleep: what helps\""),
    ("a '#' in an unquoted value", "title: Sleep and depression", "title: Sleep tip #1", 2,
     f"the value of title has ' #' in it, and everything from the '#' on would be left out; {QUOTE_FIX}: "
     "title: \"Sleep tip #1\""),
    ("an unclosed quote", "title: Sleep and depression", 'title: "Sleep and depression', 2,
     "the value of title starts with a quote mark (\") but does not end with one; add \" at the end of the "
     "value, or remove the quote mark"),
    ("words after a closing quote", "title: Sleep and depression", 'title: "Sleep" and depression', 2,
     "the value of title starts with a quote mark and goes on after the closing one; put the whole value in "
     "double quotes, with \\ before each quote mark inside it: title: \"\\\"Sleep\\\" and depression\""),
    ("a value starting with a star", "title: Sleep and depression", "title: *New* sleep advice", 2,
     f"the value of title starts with '*', which has a special meaning at the start of a value; {QUOTE_FIX}: "
     "title: \"*New* sleep advice\""),
    ("a date written with slashes", "published: 2026-01-10", "published: 01/10/2026", 4,
     "published must be a date like 2026-01-31, got '01/10/2026'; write 2026-01-10 (year-month-day)"),
    ("a date written in words", "last_reviewed: 2026-02-01", "last_reviewed: February 1, 2026", 5,
     "last_reviewed must be a date like 2026-01-31, got 'February 1, 2026'; write 2026-02-01 (year-month-day)"),
    ("a date without its year", "last_reviewed: 2026-02-01", "last_reviewed: Nov 23", 5,
     "last_reviewed must be a date like 2026-01-31, got 'Nov 23'; write the year, the month and the day as "
     "numbers, with dashes between them"),
    ("a date that does not exist", "published: 2026-01-10", "published: 2026-02-30", 4,
     "published must be a date like 2026-01-31, got '2026-02-30'; write the year, the month and the day as "
     "numbers, with dashes between them"),
    ("a date with a time", "published: 2026-01-10", "published: 2026-01-10 10:00", 4,
     "published must be a date like 2026-01-31, got '2026-01-10 10:00'; write the year, the month and the day "
     "as numbers, with dashes between them"),
    ("a misspelled field", "last_reviewed: 2026-02-01", "last_reveiwed: 2026-02-01", 5,
     "last_reveiwed is not a known field: did you mean 'last_reviewed'?"),
    ("an unknown field", TAGS, "summary: Sleep and depression.\n" + TAGS, 7,
     "summary is not a known field: the known fields are title, description, published, last_reviewed, "
     "next_review, author, reviewed_by, tags"),
    ("tags on one line, with commas", TAGS, "tags: depression, sleep\n", 7,
     "tags must be a list, got 'depression, sleep'; write 'tags:' alone on its line, then each tag on its own "
     "line below it, as '  - depression' (two spaces, a dash, a space)"),
    ("a list item on the field's line", TAGS, "tags: - depression\n", 7,
     "tags is written as a list on one line; write 'tags:' alone on its line, then each item on its own line "
     "below it, as '  - depression'"),
    ("a list item without a space after its dash", "  - depression", "  -depression", 8,
     "put a space after the dash of this list item: '  - depression'"),
    ("next review not after the last", "next_review: 2027-02-01", "next_review: 2026-02-01", 6,
     "next_review must be after last_reviewed (2026-02-01), got 2026-02-01"),
    ("reviewed before it was published", "last_reviewed: 2026-02-01", "last_reviewed: 2026-01-01", 5,
     "last_reviewed must be on or after published (2026-01-10), got 2026-01-01"),
    ("a description over 160 characters", DESCRIPTION, "description: " + "Sleep and depression. " * 8, 3,
     "description must be at most 160 characters (search engines cut the rest), got 175: shorten it"),
    ("a title over 120 characters", "title: Sleep and depression", "title: " + "Sleep " * 21, 2,
     "title must be at most 120 characters (it is the page's heading), got 125: shorten it"),
    ("a missing title", "title: Sleep and depression\n", "", 1,
     "title is missing: add it (the article's title, like 'Does ketamine treat depression?')"),
    ("an empty title", "title: Sleep and depression", "title:", 2,
     "title must be the article's title, like 'Does ketamine treat depression?', got nothing (an empty value)"),
    ("a missing description", DESCRIPTION + "\n", "", 1,
     "description is missing: add it (a one-sentence summary of at most 160 characters)"),
    ("an empty reviewer", TAGS, 'reviewed_by: ""\n' + TAGS, 7,
     "reviewed_by must be the reviewer the clinic has named; leave it out otherwise, got ''"),
    ("a field written twice", TAGS, "title: Another title\n" + TAGS, 7,
     "title is written twice in the front matter (lines 2 and 7); keep one and delete the other"),
    ("no colon after a field's name", "title: Sleep and depression", "title Sleep and depression", 2,
     "this line has no colon after the field's name; write it as 'title: Sleep and depression'"),
    ("a field indented with spaces", "published: 2026-01-10", "  published: 2026-01-10", 4,
     "this line starts with spaces, but a field starts at the beginning of its line; remove the spaces before "
     "published"),
    ("a line that is not 'field: value'", "published: 2026-01-10", "published: 2026-01-10\n: 2026", 5,
     "this line of the front matter cannot be read; write each field as 'name: value' on its own line, like "
     "the template, and put a value with ':' or '#' in it in double quotes"),
    ("no closing line", "---\n\nThis article", "\nThis article", 1,
     "the front matter starts with '---' but has no closing '---' line; add a line '---' after the last field "
     "(copy docs/articles/_template.md)"),
    ("no front matter", "---\ntitle: Sleep and depression\n", "title: Sleep and depression\n", 1,
     "has no front matter: the file must start with a line '---', then the fields (title, description, "
     "published, ...), then a line '---' (copy docs/articles/_template.md)"),
]
REPEATED_VALUE = ("the front matter repeats a value with '&' and '*'; write each value out in full, without '&' "
                  "or '*' before it (or put it in double quotes)")
# Found by the data step after the fields are read: only a build shows them.
DATA_STEP_MISTAKES = [
    ("a straight quote in the title", "title: Sleep and depression",
     "title: 'Sleep \"and\" depression'", 2,
     "title has '\"', which pages would read as code, not text: write words instead of < and >, curly quotes "
     "“ ” instead of \", and the character itself instead of an &...; code; got 'Sleep \"and\" depression'"),
]
# Every message above, as the guide (CONTRIBUTING.md) may quote it.
MESSAGES = [message for *_, message in MISTAKES + DATA_STEP_MISTAKES] + [REPEATED_VALUE]
YAML_WORDS = ("mapping", "token", "scalar", "yaml", "stream", "alias", "anchor")


def with_mistake(old: str, new: str) -> str:
    assert old in GOOD, f"{old!r} is not in the fixture article"
    return GOOD.replace(old, new, 1)


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_article(text, src_uri=f"articles/{NAME}", url="articles/fixture/", where=WHERE,
                     default_author="Albany Ketamine Infusions")
    return caught.value.lines


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
