"""Every HTML file of the built site carries the clinic block and the clinic's JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import settings_file
from clinic_site.articles import format_date
from clinic_site.clinic import load_clinic
from clinic_site.site_data import ARTICLE_TITLE_ID
from site_builder import BuildResult, html_files
from site_content import article_page, articles, expected_pages, pages_mentioning, reference_count


# Every test here checks both engines' builds (MkDocs + Material, and Zensical), and the
# site with three more articles of different kinds. What is expected comes from the
# project's docs/ and its clinic data: these tests hold for any valid content and facts.
@pytest.fixture(scope="session")
def built(site_of_each_variant: BuildResult) -> BuildResult:
    return site_of_each_variant


@pytest.fixture(scope="session")
def site_dir(built: BuildResult) -> Path:
    return built.site_dir


@pytest.fixture(scope="session")
def project(built: BuildResult) -> Path:
    return built.project


@pytest.fixture(scope="session")
def raw_clinic(project: Path) -> dict:
    return settings_file.clinic(project)


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def text(node) -> str:
    return " ".join(node.text(separator=" ").split())


def test_the_site_has_the_expected_pages(site_dir, project):
    built = {path.relative_to(site_dir).as_posix() for path in html_files(site_dir)}
    assert expected_pages(project) <= built
    print(f"\n{len(built)} HTML files built")


def test_every_html_file_shows_the_clinic_block(site_dir, raw_clinic, project):
    address = raw_clinic["address"]
    hours = load_clinic(raw_clinic).hours_lines
    pages = html_files(site_dir)
    assert len(pages) >= len(expected_pages(project))
    for path in pages:
        page = parse(path)
        blocks = page.css("address.clinic-info__address")
        assert len(blocks) == 1, f"{path}: expected one clinic <address> block, found {len(blocks)}"
        block = blocks[0]
        shown = text(block)
        assert raw_clinic["name"] in shown, path
        assert address["street"] in shown, path
        assert f"{address['city']}, {address['state']} {address['postal_code']}" in shown, path
        assert [text(li) for li in block.css(".clinic-info__hours li")] == hours, path
        map_link = block.css_first("a.clinic-info__map")
        assert map_link.attributes["href"] == load_clinic(raw_clinic).map_url, path
        # Where to get help now: on every page too.
        tel_links = {a.attributes.get("href") for a in page.css("a[href^='tel:']")}
        assert {"tel:988", "tel:911"} <= tel_links, path


def test_hours_set_by_the_test_read_as_they_are_given(sites):
    # A copy of the site whose clinic keeps 09:00-17:00 every day (the clinic's own may change).
    site_dir = sites("every-day-nine-to-five").site_dir
    block = parse(site_dir / "index.html").css_first("address.clinic-info__address")
    assert [text(li) for li in block.css(".clinic-info__hours li")] == ["Open every day, 9:00 AM \u2013 5:00 PM"]


def test_every_html_file_has_the_clinic_json_ld(site_dir, raw_clinic):
    address = raw_clinic["address"]
    for path in html_files(site_dir):
        scripts = parse(path).css('script[type="application/ld+json"]')
        clinics = [json.loads(script.text()) for script in scripts]
        clinics = [data for data in clinics if data.get("@type") == "MedicalClinic"]
        assert len(clinics) == 1, f"{path}: expected one MedicalClinic JSON-LD, found {len(clinics)}"
        data = clinics[0]
        assert data["@context"] == "https://schema.org"
        assert data["name"] == raw_clinic["name"]
        assert data["address"] == {
            "@type": "PostalAddress",
            "streetAddress": address["street"],
            "addressLocality": address["city"],
            "addressRegion": address["state"],
            "postalCode": address["postal_code"],
            "addressCountry": address["country"],
        }
        days_open = {}
        for spec in data["openingHoursSpecification"]:
            assert spec["@type"] == "OpeningHoursSpecification"
            for day in spec["dayOfWeek"]:
                days_open.setdefault(day, []).append(f"{spec['opens']}-{spec['closes']}")
        week = load_clinic(raw_clinic).opening_hours.week()
        expected = {day.capitalize(): [f"{hours.opens_24h}-{hours.closes_24h}" for hours in ranges]
                    for day, ranges in week.items() if ranges}
        assert {day: sorted(ranges) for day, ranges in days_open.items()} == \
            {day: sorted(ranges) for day, ranges in expected.items()}, path


def test_the_json_ld_gives_seven_days_nine_to_five_in_one_entry(sites):
    site_dir = sites("every-day-nine-to-five").site_dir
    scripts = parse(site_dir / "404.html").css('script[type="application/ld+json"]')
    [data] = [json.loads(s.text()) for s in scripts]
    [spec] = data["openingHoursSpecification"]
    assert spec["dayOfWeek"] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert (spec["opens"], spec["closes"]) == ("09:00", "17:00")


def street_word(raw_clinic: dict) -> str:
    """The street's longest word ("Wembley"): in the clinic block of every page."""
    return max(raw_clinic["address"]["street"].split(), key=len).strip(".,")


def test_the_clinic_block_is_not_in_the_search_index(site_dir, project, raw_clinic):
    # It is rendered by the template, so searching the street's name matches the visit
    # page, and only the pages whose own text names the street: not every page.
    from search_index_reader import indexed_pages

    word = street_word(raw_clinic)
    found = {page["url"] for page in indexed_pages(site_dir) if word in page["content"]}
    assert "/visit/" in found
    assert found - {"/visit/"} <= pages_mentioning(project, word)


def test_articles_show_byline_dates_note_and_references(site_dir, project, raw_clinic):
    every = articles(project)
    assert every, "the site has no article to check"
    for article in every:
        page = parse(site_dir / article_page(article))
        fields = article.front_matter
        # Content first: the title, one short line, then the article's own text.
        header = page.css_first("header.article-header")
        assert text(header.css_first("h1")) == article.title, article.src_uri
        assert header.css_first("h1").attributes["id"] == ARTICLE_TITLE_ID
        byline = header.css_first(".article-header__byline")
        assert text(byline) == (f"Reviewed {format_date(fields.last_reviewed)} · "
                                f"by {fields.author or raw_clinic['name']}"), article.src_uri
        assert [element.tag for element in header.iter()] == ["h1", "p"]
        # The full dates and the note close the article, in one panel after the text.
        note = page.css_first("aside.article-note")
        assert [text(dt) for dt in note.css("dt")] == ["Published", "Last reviewed", "Next review due"]
        assert [t.attributes["datetime"] for t in note.css("time")] == [
            fields.published.isoformat(), fields.last_reviewed.isoformat(), fields.next_review.isoformat()]
        assert format_date(fields.published) in text(note)
        assert "general information, not medical advice" in text(note)
        assert "988" in text(note) and "911" in text(note)
        # (Comments are the template's page-content markers, which the finish step reads.)
        children = [child.tag for child in page.css_first("article [data-pagefind-body]").iter()
                    if child.tag != "-comment"]
        assert children[0] == "header" and children[1] in ("p", "h2"), f"{article.src_uri}: text not after title"
        assert children[-1] == "aside", f"{article.src_uri}: the panel is not at the end of the article"
        # Every reference the Markdown defines is listed, numbered by the site.
        assert len(page.css(".footnote ol li")) == reference_count(project, article), article.src_uri
        # The skip link lands on the title.
        assert page.css_first("a.md-skip").attributes["href"] == f"#{ARTICLE_TITLE_ID}"


def test_the_articles_index_lists_every_article(site_dir, project):
    page = parse(site_dir / "articles" / "index.html")
    items = page.css(".article-list__item")
    titles = [text(item.css_first(".article-list__title")) for item in items]
    assert titles == [article.title for article in articles(project)]  # newest first
    for item in items:
        assert text(item.css_first(".article-list__summary"))
        assert text(item.css_first(".article-list__reviewed")).startswith("Last reviewed ")
