"""Every article's body reads at US grade 8 or below (Flesch-Kincaid), as NIH advises."""

from __future__ import annotations

import pytest

from clinic_site.articles import is_article
from clinic_site.checks.readability import (
    MAX_GRADE,
    article_readability,
    body_blocks,
    description_of,
    description_problems,
    grade,
    listing_pages,
    listing_problems,
    listing_readability,
    long_sentences,
    too_hard,
)
from problem_lines import lines
from site_builder import ROOT

ARTICLES = sorted(
    path for path in (ROOT / "docs" / "articles").rglob("*.md")
    if is_article(path.relative_to(ROOT / "docs").as_posix())
)


def test_there_are_articles_to_check():
    assert ARTICLES, "no article under docs/articles to check"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_article_body_reads_at_grade_8_or_below(path):
    result = article_readability(path)
    print(f"\n{path.name}: Flesch-Kincaid grade {result.grade:.1f}")
    problem = too_hard(path, path.relative_to(ROOT).as_posix(), result)
    if problem:
        pytest.fail(str(problem), pytrace=False)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_article_sentences_are_at_most_20_words(path):
    problems = [f"{path.relative_to(ROOT).as_posix()}:{line}: {message}" for line, message in long_sentences(path)]
    if problems:
        pytest.fail("Sentences longer than the content standard allows:\n" + "\n".join(problems), pytrace=False)


def test_the_measure_tells_plain_from_hard_text():
    plain = "We are open every day. Come in and ask us. We will talk with you about your care."
    hard = ("Notwithstanding considerable heterogeneity, ketamine's glutamatergic modulation "
            "demonstrates substantial antidepressant efficacy in treatment-resistant populations.")
    assert grade(plain) < 4 < 12 < grade(hard)


def test_the_body_leaves_out_front_matter_headings_and_references():
    text = "---\ntitle: Long title words\n---\n\n## Heading\n\nOne line.[^a]\n\n- item one\n\n[^a]: A source."
    assert body_blocks(text) == ["One line.", "item one."]


PAGES_WITH_DESCRIPTIONS = sorted(path for path in (ROOT / "docs").rglob("*.md") if description_of(path))
LISTING_PAGES = listing_pages(ROOT)


def test_there_are_descriptions_and_listing_pages_to_check():
    assert set(ARTICLES) <= set(PAGES_WITH_DESCRIPTIONS)
    assert LISTING_PAGES


@pytest.mark.parametrize("path", PAGES_WITH_DESCRIPTIONS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_description_sentences_are_at_most_20_words(path):
    problems = lines(description_problems(path, path.relative_to(ROOT).as_posix()))
    if problems:
        pytest.fail("Descriptions with sentences longer than the content standard allows:\n" + "\n".join(problems),
                    pytrace=False)


@pytest.mark.parametrize("path", LISTING_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_listing_page_reads_at_grade_8_or_below(path):
    print(f"\n{path.name}: Flesch-Kincaid grade {listing_readability(path, ROOT).grade:.1f} with the descriptions")
    problems = lines(listing_problems(path, ROOT, path.relative_to(ROOT).as_posix()))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_the_grade_limit_is_the_content_standards():
    # CONTRIBUTING.md tells editors the limit the check holds them to.
    assert f"grade {MAX_GRADE:.0f} or below" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
