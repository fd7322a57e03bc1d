"""Adding valid articles never turns a check red: the built-site checks, run again over a
copy of the site with three more articles of different kinds.

The articles: one with a table, one with several references and a title near the
120-character limit, and one with a photo (a real JPEG, made with Pillow, which the
build's photo step turns into web pictures). The
test functions are the same ones that check the real site: they are imported here,
and run with this module's `project` and `site_dir` fixtures instead of conftest's.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from clinic_site.articles import TITLE_MAX
from content_checks import lint, spelling
from readability import long_sentence_problems, readability_problem
from site_builder import add_article, build_site, copy_project
from site_content import articles

# The checks of the built site, reused as they are (pytest runs them again here).
from test_built_site import (  # noqa: F401
    test_articles_show_byline_dates_note_and_references,
    test_every_html_file_has_the_clinic_json_ld,
    test_every_html_file_shows_the_clinic_block,
    test_the_articles_index_lists_every_article,
    test_the_clinic_block_is_not_in_the_search_index,
    test_the_site_has_the_expected_pages,
)
from test_built_site_security import (  # noqa: F401
    test_every_html_file_has_the_policy_first_in_head,
    test_the_headers_file_has_the_whole_sites_policy,
    test_the_policy_allows_exactly_the_pages_own_inline_scripts,
)
from test_content import test_every_image_in_the_content_has_alt_text  # noqa: F401
from test_page_metadata import (  # noqa: F401
    test_every_page_has_canonical_open_graph_and_twitter_tags,
    test_every_page_has_a_large_share_image_with_its_title,
    test_every_title_fits_in_a_search_result,
    test_the_sitemap_lists_every_page_search_engines_may_list_and_robots_txt_points_to_it,
    test_titles_and_descriptions_come_from_each_page,
)
from test_page_weight import (  # noqa: F401
    test_a_first_view_fetches_nothing_for_search,
    test_every_article_first_view_is_within_the_budget,
    test_every_other_page_first_view_is_within_the_budget,
    test_no_image_lacks_width_and_height,
    test_nothing_blocks_rendering_but_the_theme_stylesheet,
)
from test_search import (  # noqa: F401
    test_every_content_page_is_indexed_with_its_title,
    test_the_index_holds_each_pages_own_text,
)
from test_valid_html import test_every_page_is_valid_html  # noqa: F401


FRONT_MATTER = """---
title: {title}
description: {description}
published: {published}
last_reviewed: {published}
next_review: 2027-06-01
tags:
  - depression
---
"""
ASK = """
## Ask for a consultation

Is ketamine therapy right for you?
A first talk with the clinic can help you decide.
See our [Visit us](../visit.md) page for our address and opening hours.
"""

TABLE_ARTICLE = FRONT_MATTER.format(
    title="What a week of care can look like",
    description="A simple table of what happens on each day of a first week of care, in plain words.",
    published="2026-03-02",
) + """
Many people want to know what happens in the first week.
This table shows one common plan.
Your own plan may be different.[^plan]

## A week at a glance

| Day | What happens | How long |
|---|---|---|
| Monday | A talk with the care team | One hour |
| Wednesday | The first visit for treatment | Two hours |
| Friday | A short check on how you feel | Half an hour |

Bring a friend who can drive you home after a visit.
""" + ASK + """
## References

[^plan]: Author A. Title of the paper. *Journal name*. 2024;1(1):1-2.
"""

LONG_TITLE = ("Questions people often ask before they start ketamine care, and the short, "
              "plain answers that a first visit can give")
REFERENCES_ARTICLE = FRONT_MATTER.format(
    title=LONG_TITLE,
    description="Short answers to the questions people ask most, each with its source.",
    published="2026-03-03",
) + """
People often have the same few questions.
Here are short answers.
Each answer has a source you can read.

## Is it safe?

Most side effects are mild and short.[^safety]
The care team watches you the whole time.[^watch]

## How soon does it help?

Some people feel better within a day.[^soon]
For others, it takes longer, or it does not help.[^limits]

## Does it replace my usual care?

No. It works alongside the care you already have.[^usual]
""" + ASK + """
## References

[^safety]: Author A. Title of the first paper. *Journal name*. 2020;1(1):1-2.
[^watch]: Author B. Title of the second paper. *Journal name*. 2021;2(1):3-4.
[^soon]: Author C. Title of the third paper. *Journal name*. 2022;3(1):5-6.
[^limits]: Author D. Title of the fourth paper. *Journal name*. 2023;4(1):7-8.
[^usual]: Author E. Title of the fifth paper. *Journal name*. 2024;5(1):9-10.
"""

PHOTO = "waiting-room.jpg"
PHOTO_ARTICLE = FRONT_MATTER.format(
    title="Our waiting room",
    description="What the waiting room looks like, so that the first visit holds fewer surprises.",
    published="2026-03-04",
) + """
A first visit is easier when you know the place.
This page shows the room where you wait.
{photo}
The room is quiet, and there is water to drink.
""" + ASK


def jpeg_bytes(width: int = 1200, height: int = 900) -> bytes:
    """A real photo-sized JPEG with a gradient (not one flat color)."""
    image = Image.new("RGB", (width, height))
    image.putdata([(x * 255 // width, y * 255 // height, 128) for y in range(height) for x in range(width)])
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


NEW = {"a-week-of-care.md": TABLE_ARTICLE, "questions-before-you-start.md": REFERENCES_ARTICLE,
       "our-waiting-room.md": PHOTO_ARTICLE}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("new-articles") / "project")
    for name, text in NEW.items():
        if name == "our-waiting-room.md":
            text = text.format(photo=f"\n![A quiet waiting room with chairs and a plant]({PHOTO})\n")
            (project / "docs" / "articles" / PHOTO).write_bytes(jpeg_bytes())
        add_article(project, name, text)
    return project


@pytest.fixture(scope="module")
def site_dir(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_site(project, tmp_path_factory.mktemp("new-articles-site") / "site")
    assert result.returncode == 0, result.output
    return result.site_dir


def test_the_new_articles_are_varied_as_intended(project):
    by_name = {article.src_uri.rsplit("/", 1)[1]: article for article in articles(project)}
    assert set(NEW) <= set(by_name)
    assert TITLE_MAX - 10 <= len(by_name["questions-before-you-start.md"].title) <= TITLE_MAX
    assert "| Day | What happens | How long |" in TABLE_ARTICLE


def test_the_new_articles_pass_the_content_checks(project):
    paths = [project / "docs" / "articles" / name for name in NEW]
    assert lint(project, paths) == []
    assert spelling(project, paths) == []
    for path in paths:
        shown = path.relative_to(project).as_posix()
        assert readability_problem(path, shown) is None
        assert long_sentence_problems(path, shown) == []


def test_the_table_is_a_table(site_dir):
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser((site_dir / "articles" / "a-week-of-care" / "index.html").read_text())
    assert [cell.text(strip=True) for cell in page.css("article table th")] == ["Day", "What happens", "How long"]
    assert len(page.css("article table tbody tr")) == 3


def test_the_photo_is_on_its_page_with_its_alt_text(site_dir):
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser((site_dir / "articles" / "our-waiting-room" / "index.html").read_text())
    [image] = page.css("article img")
    assert image.attributes["alt"] == "A quiet waiting room with chairs and a plant"
