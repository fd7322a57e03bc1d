"""An article's front-matter description is its page's meta description, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from clinic_site.articles import is_article, split_front_matter
from site_builder import ROOT, add_article, build_site, copy_project

ARTICLES = sorted(p for p in (ROOT / "docs" / "articles").glob("*.md")
                  if is_article(p.relative_to(ROOT / "docs").as_posix()))


def meta(page: Path, name: str) -> list[str]:
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    return [node.attributes.get("content") for node in tree.css(f'meta[name="{name}"]')]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_the_description_is_the_meta_description(site_dir, site_config, path):
    front_matter = split_front_matter(path.read_text(encoding="utf-8"), where=path.name)
    page = site_dir / "articles" / path.stem / "index.html"
    assert meta(page, "description") == [front_matter["description"]]
    assert front_matter["description"] != site_config.site_description.strip()
    assert meta(page, "author") == [front_matter.get("author") or site_config.site_author]


def test_quotes_and_ampersands_in_a_description_survive(tmp_path):
    # Straight double quotes, < and > are refused by the data step (tests/test_hostile_text.py).
    project = copy_project(tmp_path / "project")
    page = add_article(project, "fixture.md")
    description = """Is “off-label” ketamine safe? Facts & limits, in ‘plain’ words it's."""
    text = page.read_text()
    start = text.index("description: ")
    end = text.index("\n", start)
    page.write_text(text[:start] + "description: \"" + description + "\"" + text[end:])
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    built = result.site_dir / "articles" / "fixture" / "index.html"
    assert meta(built, "description") == [description]
    listing = LexborHTMLParser((result.site_dir / "articles" / "index.html").read_text())
    summaries = [node.text(strip=True) for node in listing.css(".article-list__summary")]
    assert description in summaries
