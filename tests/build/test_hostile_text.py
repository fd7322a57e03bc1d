"""Clinic data and front matter holding markup, quotes and & stay text everywhere they reach.

Two real builds of a copy of the project: one with hostile values in the clinic data and
the fields only the site's own templates print (which escape every value: <script>,
</script>, quotes, &), and with tricky but allowed values (&, apostrophes, curly quotes)
in the fields the themes print as they are (the site name, page titles, descriptions,
authors); one with plain values in the same fields. Escaping works when the hostile
values change only text and attribute values, never the structure of any page; and each
place a value reaches shows it exactly as written. Markup in the fields the themes print
as they are stops the build (the data step), with a line naming the file and the field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from clinic_site.articles import field_lines
from hostile_values import (
    ARTICLE,
    ARTICLE_PAGE,
    ARTICLE_URL,
    HOSTILE,
    PLAIN,
    REFUSED,
    build_with,
    project_with,
    yaml_text,
)
from site_builder import ENGINES, build_site, html_files


@pytest.fixture(scope="module", params=ENGINES)
def sites(tmp_path_factory, request) -> tuple[Path, Path]:
    return (build_with(HOSTILE, tmp_path_factory.mktemp("hostile"), request.param),
            build_with(PLAIN, tmp_path_factory.mktemp("plain"), request.param))


@pytest.fixture(scope="module")
def hostile(sites) -> Path:
    return sites[0]


def parse(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / page).read_text(encoding="utf-8"))


def text(node) -> str:
    return " ".join(node.text(separator="").split())


def structure(document: LexborHTMLParser) -> list[tuple[str, tuple[str, ...]]]:
    """Every element in order, by tag and attribute names: what markup in a value would change."""
    return [(node.tag, tuple(sorted(node.attributes))) for node in document.root.traverse()
            if node.tag not in ("-text", "-comment")]


def test_hostile_values_change_no_page_structure(sites):
    hostile_site, plain_site = sites
    pages = [str(path.relative_to(plain_site)) for path in html_files(plain_site)]
    assert ARTICLE_PAGE in pages and "404.html" in pages
    for page in pages:
        assert structure(parse(hostile_site, page)) == structure(parse(plain_site, page)), page


def test_head_title_and_meta_tags_show_the_text(hostile):
    article = parse(hostile, ARTICLE_PAGE)
    # "Title - Site name", or the title alone when that would be long (main.html):
    # either way the text shows as it was written.
    assert article.css_first("title").text() in (f"{HOSTILE['title']} - {HOSTILE['site_name']}", HOSTILE["title"])
    assert article.css_first('meta[name="description"]').attributes["content"] == HOSTILE["description"]
    assert article.css_first('meta[name="author"]').attributes["content"] == HOSTILE["author"]
    home = parse(hostile, "index.html")
    assert home.css_first("title").text() == HOSTILE["site_name"]
    assert home.css_first('meta[name="description"]').attributes["content"] == HOSTILE["home_description"]
    visit = parse(hostile, "visit/index.html")
    assert visit.css_first("title").text() in (f"{HOSTILE['visit_title']} - {HOSTILE['site_name']}", HOSTILE["visit_title"])


def test_social_meta_tags_show_the_text_when_present(hostile):
    # Open Graph and Twitter tags (added by another part of the site) carry the same values.
    article = parse(hostile, ARTICLE_PAGE)
    social = {(node.attributes.get("property") or node.attributes.get("name")): node.attributes.get("content")
              for node in article.css('meta[property^="og:"], meta[name^="twitter:"]')}
    for name in ("og:title", "twitter:title"):
        if name in social:
            assert HOSTILE["title"] in social[name], (name, social[name])
    for name in ("og:description", "twitter:description"):
        if name in social:
            assert social[name] == HOSTILE["description"], (name, social[name])


def test_the_clinic_block_shows_the_text_on_every_page(hostile):
    for path in html_files(hostile):
        block = LexborHTMLParser(path.read_text()).css_first("address.clinic-info__address")
        assert text(block.css_first(".clinic-info__name")) == HOSTILE["clinic_name"], path
        assert text(block.css_first("a.clinic-info__map")).startswith(HOSTILE["street"]), path
    visit = parse(hostile, "visit/index.html")
    assert text(visit.css_first(".clinic-info--page .clinic-info__name")) == HOSTILE["clinic_name"]
    assert text(parse(hostile, "index.html").css_first(".clinic-strip__name")) == HOSTILE["clinic_name"]


def test_the_json_ld_holds_the_exact_values_and_cannot_end_early(hostile):
    for path in html_files(hostile):
        page_html = path.read_text()
        document = LexborHTMLParser(page_html)
        [script] = document.css('script[type="application/ld+json"]')
        data = json.loads(script.text())
        assert data["name"] == HOSTILE["clinic_name"], path
        assert data["address"]["streetAddress"] == HOSTILE["street"], path
        # Written so no "</script" or "<!--" can appear inside the element's source.
        start = page_html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
        source = page_html[start:page_html.index("</script>", start)]
        assert json.loads(source) == data and "<" not in source and ">" not in source, path


def test_the_article_header_nav_toc_and_lists_show_the_text(hostile):
    article = parse(hostile, ARTICLE_PAGE)
    assert text(article.css_first("h1#article-title")) == HOSTILE["title"]
    assert text(article.css_first(".article-header__byline")).endswith(f"by {HOSTILE['author']}")
    assert f"Written by {HOSTILE['author']}. Reviewed by {HOSTILE['reviewed_by']}." in text(article.css_first(".article-note"))
    assert HOSTILE["title"] in [text(node) for node in article.css(".md-header__topic .md-ellipsis")]
    assert {text(node) for node in article.css(".md-nav__link--active")} == {HOSTILE["title"]}
    for page in ("index.html", "articles/index.html", ARTICLE_PAGE):
        document = parse(hostile, page)
        assert HOSTILE["title"] in [text(link) for link in document.css(".md-nav--primary a.md-nav__link")], page
        assert text(document.css_first(".md-header__topic .md-ellipsis")) in (HOSTILE["site_name"],
                                                                                  HOSTILE["title"]), page
    listing = parse(hostile, "articles/index.html")
    assert HOSTILE["title"] in [text(node) for node in listing.css(".article-list__title")]
    assert HOSTILE["description"] in [text(node) for node in listing.css(".article-list__summary")]
    home = parse(hostile, "index.html")
    assert HOSTILE["title"] in [text(node) for node in home.css(".article-list__title")]


def test_the_search_index_holds_the_title_as_text(hostile):
    # Pagefind's index holds text (the search shows it with textContent): the title as
    # the visitor reads it on the page, no markup made of it, none lost.
    from search_index_reader import indexed_pages

    [entry] = [page for page in indexed_pages(hostile) if page["url"] == f"/{ARTICLE_URL}"]
    assert entry["meta"]["title"] == HOSTILE["title"]


def test_pages_with_hostile_text_are_still_valid_html(hostile):
    from nu_checker import is_theme_error, nu_errors

    errors = [error for error in nu_errors(html_files(hostile)) if not is_theme_error(error)]
    assert errors == []


def test_markup_where_the_themes_print_text_as_it_is_stops_the_build(tmp_path):
    project = project_with({**HOSTILE, **REFUSED}, tmp_path)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    # The settings first: the pages are not read until the settings can be used.
    assert ("  mkdocs.yml: site_name has '\"', which pages would read as code, not text: write words instead "
            "of < and >, curly quotes “ ” instead of \", and the character itself instead of an &...; code; "
            "got 'Albany & \"Co\" </title><script>alert(\"site\")</script>'") in result.output.splitlines()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(yaml_text(REFUSED["site_name"]), yaml_text(HOSTILE["site_name"])))
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1, result.output
    reported = [line.split(", which")[0].strip() for line in result.output.splitlines() if ", which pages" in line]

    def at(page: str, field: str) -> str:  # the file and the line of its field
        return f"{page}:{field_lines((project / page).read_text(encoding='utf-8'))[field]}"

    assert sorted(reported) == sorted([
        f"{at(ARTICLE, 'title')}: title has '<'", f"{at(ARTICLE, 'description')}: description has '\"'",
        f"{at(ARTICLE, 'author')}: author has '<'",
        f"{at('docs/index.md', 'description')}: description has '&lt;'", f"{at('docs/visit.md', 'title')}: title has '<'",
    ]), result.output
    assert not (tmp_path / "site").exists()
