"""Two reference markers side by side read as two numbers, not one ("3,4", not "34")."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from clinic_site.footnotes import SEPARATOR, separate_adjacent_footnote_markers
from site_builder import BuildResult
from site_content import article_page, articles, source

# A marker followed at once by another, in the text (not a reference's own "[^x]:" line).
ADJACENT_IN_MARKDOWN = re.compile(r"\[\^[^\]\s]+\](?=\[\^[^\]\s]+\](?!:))")


# The built-site test checks both engines' builds (the finish step separates the markers).
@pytest.fixture(scope="session")
def site_dir(site_of_each_engine: BuildResult) -> Path:
    return site_of_each_engine.site_dir


def rendered(text: str) -> str:
    return separate_adjacent_footnote_markers(markdown.markdown(text, extensions=["footnotes"]))


def visible_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    return tree.css_first("p").text()


def test_adjacent_markers_get_a_comma_between_them():
    html = rendered("Two studies.[^a][^b][^c]\n\n[^a]: A.\n[^b]: B.\n[^c]: C.\n")
    assert visible_text(html) == "Two studies.1,2,3"
    assert html.count(SEPARATOR) == 2


def test_markers_apart_in_the_text_are_left_alone():
    html = rendered("One.[^a] Two.[^b]\n\n[^a]: A.\n[^b]: B.\n")
    assert SEPARATOR not in html
    assert visible_text(html) == "One.1 Two.2"


def test_the_comma_is_not_read_aloud():
    tree = LexborHTMLParser(rendered("Fact.[^a][^b]\n\n[^a]: A.\n[^b]: B.\n"))
    [separator] = tree.css("sup.footnote-separator")
    assert separator.attributes["aria-hidden"] == "true"


def test_the_built_articles_separate_their_adjacent_markers(site_dir, project):
    # As many separators in each built article as its Markdown has markers written side
    # by side ("[^berman][^zarate]"), and no two markers in a row without one.
    for article in articles(project):
        text = source(project, article).read_text(encoding="utf-8")
        written = len(ADJACENT_IN_MARKDOWN.findall(text))
        built = (site_dir / article_page(article)).read_text(encoding="utf-8")
        assert built.count(SEPARATOR) == written, article.src_uri
        tree = LexborHTMLParser(built)
        for marker in tree.css('sup[id^="fnref"]'):
            after = marker.next
            if after is not None and after.tag == "sup":
                assert "footnote-separator" in (after.attributes.get("class") or ""), article.src_uri
