"""Article front matter: validated with one plain line per mistake."""

from __future__ import annotations

import datetime

import pytest

from clinic_site.articles import (
    format_date,
    is_article,
    load_article,
    load_articles,
    newest_first,
)
from clinic_site.problems import Problems

GOOD = """---
title: A good article
description: A short summary.
published: 2026-01-10
last_reviewed: 2026-02-01
next_review: 2027-02-01
---

Body text.
"""


def article(text: str = GOOD, name: str = "x.md"):
    return load_article(text, src_uri=f"articles/{name}", url=f"articles/{name[:-3]}/",
                        where=f"docs/articles/{name}", default_author="Albany Ketamine Infusions")


def mistakes(text: str) -> list[str]:
    with pytest.raises(Problems) as caught:
        article(text)
    return [str(problem) for problem in caught.value.problems]


def test_a_good_article():
    loaded = article()
    assert loaded.title == "A good article"
    assert loaded.author == "Albany Ketamine Infusions"
    assert loaded.front_matter.last_reviewed == datetime.date(2026, 2, 1)
    assert loaded.front_matter.reviewed_by is None


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("last_reviewed: 2026-02-01", "last_reviewed: Jan 31",
         "docs/articles/x.md:5: last_reviewed must be a date like 2026-01-31, got 'Jan 31'; write the year, the month "
         "and the day as numbers, with dashes between them"),
        ("last_reviewed: 2026-02-01", "last_reveiwed: 2026-02-01",
         "docs/articles/x.md:5: last_reveiwed is not a known field: did you mean 'last_reviewed'?"),
        ("next_review: 2027-02-01", "next_review: 2026-01-15",
         "docs/articles/x.md:6: next_review must be after last_reviewed (2026-02-01), got 2026-01-15"),
        ("last_reviewed: 2026-02-01", "last_reviewed: 2026-01-01",
         "docs/articles/x.md:5: last_reviewed must be on or after published (2026-01-10), got 2026-01-01"),
        ("title: A good article\n", "",
         "docs/articles/x.md:1: title is missing: add it (the article's title, like 'Does ketamine treat depression?')"),
        ("description: A short summary.", "description: " + "x" * 161,
         "docs/articles/x.md:3: description must be at most 160 characters (search engines cut the rest), got 161: shorten it"),
        ("published: 2026-01-10", "published: 2026-02-30",
         "docs/articles/x.md:4: published must be a date like 2026-01-31, got '2026-02-30'; write the year, the month "
         "and the day as numbers, with dashes between them"),
        ("published: 2026-01-10", "published: 20260110",
         "docs/articles/x.md:4: published must be a date like 2026-01-31, got 20260110; write the year, the month "
         "and the day as numbers, with dashes between them"),
    ],
)
def test_each_mistake_gets_one_clear_line(old, new, line):
    assert old in GOOD
    assert mistakes(GOOD.replace(old, new)) == [line]


def test_no_front_matter():
    [line] = mistakes("# Just a heading\n")
    assert line.startswith("docs/articles/x.md:1: has no front matter: the file must start with a line '---'")


def test_a_field_written_twice_is_named_with_both_lines():
    [line] = mistakes(GOOD.replace("published: 2026-01-10", "published: 2026-01-10\ntitle: Again"))
    assert line == ("docs/articles/x.md:5: title is written twice in the front matter (lines 2 and 5); "
                    "keep one and delete the other")


def test_front_matter_that_is_not_yaml_names_the_line():
    [line] = mistakes(GOOD.replace("title: A good article", "title: [unclosed"))
    assert line == ("docs/articles/x.md:2: this line of the front matter cannot be read; write each field as "
                    "'name: value' on its own line, like the template, and put a value with ':' or '#' in it "
                    "in double quotes")


def test_problems_in_several_files_are_all_reported():
    bad = GOOD.replace("title: A good article\n", "")
    with pytest.raises(Problems) as caught:
        load_articles([(bad, "articles/a.md", "articles/a/", "docs/articles/a.md"),
                       (GOOD, "articles/b.md", "articles/b/", "docs/articles/b.md"),
                       (bad.replace("published", "publishd"), "articles/c.md", "articles/c/", "docs/articles/c.md")],
                      default_author="Clinic")
    assert [str(problem) for problem in caught.value.problems] == [
        "docs/articles/a.md:1: title is missing: add it (the article's title, like 'Does ketamine treat depression?')",
        "docs/articles/c.md:1: title is missing: add it (the article's title, like 'Does ketamine treat depression?')",
        "docs/articles/c.md:3: publishd is not a known field: did you mean 'published'?",
    ]


def test_newest_first_then_by_title():
    older = article(GOOD.replace("title: A good article", "title: Older"), "older.md")
    newer_b = article(GOOD.replace("published: 2026-01-10", "published: 2026-02-01").replace("A good", "B"), "b.md")
    newer_a = article(GOOD.replace("published: 2026-01-10", "published: 2026-02-01").replace("A good", "A"), "a.md")
    assert [a.title for a in newest_first([older, newer_b, newer_a])] == ["A article", "B article", "Older"]


@pytest.mark.parametrize(
    ("src_uri", "expected"),
    [("articles/x.md", True), ("articles/sub/x.md", True), ("articles/index.md", False),
     ("articles/_template.md", False), ("visit.md", False), ("articles/notes.txt", False)],
)
def test_which_files_are_articles(src_uri, expected):
    assert is_article(src_uri) is expected


def test_dates_read_the_us_way():
    assert format_date(datetime.date(2026, 1, 5)) == "January 5, 2026"
