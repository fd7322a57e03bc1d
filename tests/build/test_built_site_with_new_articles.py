"""Adding valid articles never turns a check red: the site variant "new-articles" (three
more articles of different kinds, tests/support/new_articles.py) is checked by the
built-site tests of every module that reads `site_of_each_variant` (test_built_site.py,
test_built_site_security.py, test_page_metadata.py, test_page_weight.py, test_search.py,
test_valid_html.py, the alt-text check); here, that the articles are what they should be.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_site.articles import TITLE_MAX
from clinic_site.checks.markdown_style import lint
from clinic_site.checks.readability import article_problems
from clinic_site.checks.spelling import spelling
from new_articles import NEW, PHOTO_ALT
from site_content import articles


@pytest.fixture(scope="module")
def project(sites) -> Path:
    return sites("new-articles").project


@pytest.fixture(scope="module")
def site_dir(sites) -> Path:
    return sites("new-articles").site_dir


def test_the_new_articles_are_varied_as_intended(project):
    by_name = {article.src_uri.rsplit("/", 1)[1]: article for article in articles(project)}
    assert set(NEW) <= set(by_name)
    assert TITLE_MAX - 10 <= len(by_name["questions-before-you-start.md"].title) <= TITLE_MAX


def test_the_new_articles_pass_the_content_checks(project):
    paths = [project / "docs" / "articles" / name for name in NEW]
    assert lint(project, paths) == []
    assert spelling(project, paths) == []
    for path in paths:
        assert article_problems(path, path.relative_to(project).as_posix()) == []


def test_the_table_is_a_table(site_dir):
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser((site_dir / "articles" / "a-week-of-care" / "index.html").read_text())
    assert [cell.text(strip=True) for cell in page.css("article table th")] == ["Day", "What happens", "How long"]
    assert len(page.css("article table tbody tr")) == 3


def test_the_photo_is_on_its_page_with_its_alt_text(site_dir):
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser((site_dir / "articles" / "our-waiting-room" / "index.html").read_text())
    [image] = page.css("article img")
    assert image.attributes["alt"] == PHOTO_ALT
