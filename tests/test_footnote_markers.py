"""Two reference markers side by side read as two numbers, not one ("3,4", not "34")."""

from __future__ import annotations

import markdown
from selectolax.lexbor import LexborHTMLParser

from clinic_site.footnotes import SEPARATOR, separate_adjacent_footnote_markers


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


def test_the_built_article_separates_its_adjacent_markers(site_dir):
    # docs/articles/ has markers side by side ("[^berman][^zarate]"); wherever the
    # built pages have two markers in a row, a separator stands between them.
    pages = sorted((site_dir / "articles").rglob("index.html"))
    adjacent = 0
    for page in pages:
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for marker in tree.css('sup[id^="fnref"]'):
            after = marker.next
            if after is not None and after.tag == "sup":
                assert "footnote-separator" in (after.attributes.get("class") or ""), page
                adjacent += 1
    assert adjacent > 0, "no article has two markers side by side: this test checks nothing"
