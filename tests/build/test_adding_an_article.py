"""Adding an article is adding one Markdown file: it appears in the index and the nav."""

from __future__ import annotations

import datetime

from selectolax.lexbor import LexborHTMLParser

from clinic_site.site_data import NEWEST_ARTICLES_IN_NAV
from site_builder import ROOT, build_site, copy_project
from site_content import articles

NEW_ARTICLE = """---
title: Sleep and depression
description: How sleep and depression affect each other, in plain words.
published: {today}
last_reviewed: {today}
next_review: {next_year}
---

Poor sleep and low mood often go together.

## Ask for a consultation

See our [Visit us](../visit.md) page.
"""


def test_a_new_article_file_appears_in_the_index_and_nav(tmp_path):
    project = copy_project(tmp_path / "project")
    # Dated after every existing article, so it is the newest.
    today = datetime.date.today() + datetime.timedelta(days=1)
    (project / "docs" / "articles" / "sleep-and-depression.md").write_text(
        NEW_ARTICLE.format(today=today, next_year=today.replace(year=today.year + 1))
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output

    index = LexborHTMLParser((result.site_dir / "articles" / "index.html").read_text())
    listed = {a.text(strip=True): a.attributes["href"] for a in index.css(".article-list__title a")}
    assert listed["Sleep and depression"] == "sleep-and-depression/"  # relative to articles/

    # Newest first, so it heads the list and the nav's "Articles" section.
    home = LexborHTMLParser((result.site_dir / "index.html").read_text())
    [section] = [item for item in home.css(".md-nav--primary li.md-nav__item--nested")
                 if item.css_first("a.md-nav__link").text(strip=True) == "Articles"]
    in_section = [a.text(strip=True) for a in section.css_first("nav.md-nav").css("a.md-nav__link")]
    assert in_section[0] == "Sleep and depression"
    # The articles the site has, plus this one, up to the nav's limit.
    assert len(in_section) == min(len(articles(ROOT)) + 1, NEWEST_ARTICLES_IN_NAV)

    page = LexborHTMLParser((result.site_dir / "articles" / "sleep-and-depression" / "index.html").read_text())
    assert page.css_first("h1").text(strip=True) == "Sleep and depression"
    assert page.css_first("address.clinic-info__address") is not None
    assert page.css_first('script[type="application/ld+json"]') is not None
