"""An editor who follows CONTRIBUTING.md adds an article: it passes every check and is on the site.

The steps are the guide's: copy docs/articles/_template.md to a new file, fill in the
fields, replace the example text (a section, a list, a link, a reference, an image
with alt text). Then every check the pull request runs must pass, and the built site
must show the article.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import settings_file
from clinic_site.checks.markdown_style import lint
from clinic_site.checks.readability import article_problems
from clinic_site.checks.spelling import spelling
from clinic_site.finish import images_without_alt_text
from clinic_site.pipeline import finished_site
from clinic_site.site_data import prepare
from site_builder import build_site, copy_project

TODAY = datetime.date.today()
FIELDS = {
    "title: Write the article's title here": "title: Sleep and low mood",
    "description: One sentence that sums up the article, at most 160 characters. "
    "It shows in search results and on the articles page.":
        "description: How sleep and mood affect each other, and simple steps that may help, in plain words.",
    # Published tomorrow, so it is the newest article and heads the lists.
    "published: 2026-01-31": f"published: {TODAY + datetime.timedelta(days=1)}",
    "last_reviewed: 2026-01-31": f"last_reviewed: {TODAY + datetime.timedelta(days=1)}",
    "next_review: 2027-01-31": f"next_review: {TODAY + datetime.timedelta(days=366)}",
    "  - depression\n": "  - depression\n  - sleep\n",
}
BODY = """
Poor sleep and low mood often go together.
This article explains how they are linked.
It also lists a few steps that may help.

## How are sleep and mood linked?

Many people with depression sleep badly.
Some wake early and cannot get back to sleep.
Others sleep much more than usual.[^guide]

![A clock beside a bed at night](clock.svg)

## What may help

- Go to bed and get up at the same times each day.
- Get some daylight in the morning.
- Have less coffee and tea after lunch.

Tell your doctor if poor sleep goes on for more than a few weeks.

## Ask for a consultation

Is ketamine therapy right for you?
A first talk with the clinic can help you decide.
To ask for a consultation, see our [Visit us](../visit.md) page for our address and opening hours.

## References

[^guide]: Author A, Author B. Title of the paper. *Journal name*. Year;volume(issue):pages.
"""
CLOCK_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" viewBox="0 0 8 8">'
             '<circle cx="4" cy="4" r="3" fill="none" stroke="black"/></svg>\n')
NEW = "docs/articles/sleep-and-low-mood.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("editor") / "project")
    template = (project / "docs" / "articles" / "_template.md").read_text(encoding="utf-8")
    for old, new in FIELDS.items():
        assert old in template, f"the template no longer has {old!r}: update this test and CONTRIBUTING.md"
        template = template.replace(old, new, 1)
    front_matter_end = template.index("\n---\n", 4) + len("\n---\n")
    (project / NEW).write_text(template[:front_matter_end] + BODY, encoding="utf-8")
    (project / "docs" / "articles" / "clock.svg").write_text(CLOCK_SVG)
    return project


@pytest.fixture(scope="module")
def built(project: Path, tmp_path_factory: pytest.TempPathFactory):
    result = build_site(project, tmp_path_factory.mktemp("editor-site") / "site")
    assert result.returncode == 0, result.output
    return result


def test_the_front_matter_is_valid_and_the_links_work(built):
    assert "ERROR" not in built.output and "WARNING" not in built.output, built.output


def test_it_passes_the_markdown_style_and_spelling_checks(project):
    assert lint(project, [project / NEW]) == []
    assert spelling(project, [project / NEW]) == []


def test_it_reads_at_grade_8_or_below_in_short_sentences(project):
    assert article_problems(project / NEW, NEW) == []


def test_its_image_has_alt_text_on_the_built_page(project, built):
    assert images_without_alt_text(finished_site(built.site_dir, prepare(project), project, "mkdocs")) == []
    page = LexborHTMLParser((built.site_dir / "articles" / "sleep-and-low-mood" / "index.html").read_text())
    [image] = page.css("article img")
    assert image.attributes["alt"] == "A clock beside a bed at night"


def test_it_appears_on_the_site_with_its_title_dates_and_description(built, project):
    page = LexborHTMLParser((built.site_dir / "articles" / "sleep-and-low-mood" / "index.html").read_text())
    assert page.css_first("h1#article-title").text(strip=True) == "Sleep and low mood"
    assert f"by {settings_file.clinic(project)['name']}" in page.css_first(".article-header__byline").text()
    description = FIELDS[next(k for k in FIELDS if k.startswith("description:"))].removeprefix("description: ")
    assert page.css_first('meta[name="description"]').attributes["content"] == description
    assert len(page.css(".footnote li")) == 1
    assert "general information, not medical advice" in page.css_first(".article-note").text()

    index = LexborHTMLParser((built.site_dir / "articles" / "index.html").read_text())
    titles = [node.text(strip=True) for node in index.css(".article-list__title a")]
    assert titles[0] == "Sleep and low mood"

    home = LexborHTMLParser((built.site_dir / "index.html").read_text())
    nav_links = [a.text(strip=True) for a in home.css(".md-nav--primary a.md-nav__link")]
    assert "Sleep and low mood" in nav_links
