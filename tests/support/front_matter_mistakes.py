"""Front-matter mistakes an editor makes, each with the line of the file and the message
the data step gives: tried one by one on the tests' own article
(site_builder.FIXTURE_ARTICLE) by tests/build/test_front_matter_build.py, and quoted by
CONTRIBUTING.md (tests/content/test_contributing.py holds the guide to them)."""

from __future__ import annotations

from site_builder import FIXTURE_ARTICLE

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


