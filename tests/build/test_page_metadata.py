"""Sharing and search metadata on every page, 404 included: canonical URL, Open Graph and
Twitter card tags, escaped; a sitemap of every page; a robots.txt that points to it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from clinic_site.articles import load_articles
from site_builder import BuildResult, build_site, copy_project, html_files


# Every test here checks both engines' builds (MkDocs + Material, and Zensical).
@pytest.fixture(scope="session")
def site_dir(site_of_each_engine: BuildResult) -> Path:
    return site_of_each_engine.site_dir


# Tests of what any valid content gives: each engine's build, and the site with three
# more articles of different kinds (adding articles never turns them red).
@pytest.fixture(scope="session")
def each_site(site_of_each_variant: BuildResult) -> BuildResult:
    return site_of_each_variant


REQUIRED = ("og:type", "og:site_name", "og:title", "og:description", "og:url", "og:image", "og:image:alt",
            "og:image:width", "og:image:height", "twitter:card", "twitter:title", "twitter:description")
# Search engines cut longer titles.
LONGEST_TITLE = 60


def head_tags(path: Path) -> dict[str, str]:
    page = LexborHTMLParser(path.read_text(encoding="utf-8"))
    tags = {}
    for meta in page.css("head meta"):
        key = meta.attributes.get("property") or meta.attributes.get("name")
        if key:
            assert key not in tags or key == "description", f"{path}: {key} appears twice"
            tags[key] = meta.attributes.get("content")
    canonical = page.css("head link[rel=canonical]")
    assert len(canonical) == 1, f"{path}: {len(canonical)} canonical links"
    tags["canonical"] = canonical[0].attributes["href"]
    return tags


def page_url(site_url: str, site_dir: Path, path: Path) -> str:
    relative = path.relative_to(site_dir).as_posix()
    return site_url + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def test_every_page_has_canonical_open_graph_and_twitter_tags(each_site, site_config):
    site_dir = each_site.site_dir
    site_url = site_config.site_url
    for path in html_files(site_dir):
        tags = head_tags(path)
        missing = [key for key in REQUIRED if not tags.get(key)]
        assert not missing, f"{path}: missing {missing}"
        assert tags["canonical"] == page_url(site_url, site_dir, path), path
        assert tags["og:url"] == tags["canonical"], path
        assert tags["og:site_name"] == site_config.site_name
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["twitter:title"] == tags["og:title"] and tags["twitter:description"] == tags["og:description"]


def test_titles_and_descriptions_come_from_each_page(each_site, site_config):
    site_dir = each_site.site_dir
    home = head_tags(site_dir / "index.html")
    assert home["og:title"] == site_config.site_name and home["og:type"] == "website"
    assert head_tags(site_dir / "404.html")["og:title"] == "Page not found"
    visit = head_tags(site_dir / "visit" / "index.html")
    assert visit["og:title"] == "Visit us"
    assert visit["og:description"] == visit["description"]

    docs = Path(site_config.docs_dir)
    sources = [(p.read_text(encoding="utf-8"), p.relative_to(docs).as_posix(), "", str(p))
               for p in sorted((docs / "articles").glob("*.md")) if p.name != "index.md" and not p.name.startswith("_")]
    articles = load_articles(sources, default_author=site_config.site_name)
    assert articles
    for article in articles:
        slug = article.src_uri.removeprefix("articles/").removesuffix(".md")
        tags = head_tags(site_dir / "articles" / slug / "index.html")
        assert tags["og:type"] == "article"
        assert tags["og:title"] == article.front_matter.title
        assert tags["og:description"] == article.front_matter.description
        assert tags["article:published_time"] == article.front_matter.published.isoformat()
        assert tags["article:modified_time"] == article.front_matter.last_reviewed.isoformat()


def is_noindex(path: Path) -> bool:
    robots = LexborHTMLParser(path.read_text(encoding="utf-8")).css_first('head meta[name="robots"]')
    return robots is not None and "noindex" in robots.attributes.get("content", "")


def test_the_sitemap_lists_every_page_search_engines_may_list_and_robots_txt_points_to_it(each_site, site_config):
    site_dir = each_site.site_dir
    site_url = site_config.site_url
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ElementTree.parse(site_dir / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)}
    pages = {page_url(site_url, site_dir, path) for path in html_files(site_dir)
             if path.name != "404.html" and not is_noindex(path)}
    assert listed == pages
    assert is_noindex(site_dir / "search" / "index.html"), "the search results page asks not to be listed"
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"(?m)^User-agent: \*$", robots)
    assert re.findall(r"(?m)^Sitemap: (\S+)$", robots) == [f"{site_url}sitemap.xml"]


# Material's own <meta name="description"> is not escaped (issue 6 deals with it): a
# description with "> in it would end the <head> before these tags. So the description
# here carries quotes and ampersands, and the title (inside <title>, text only) carries
# markup too.
# What a title may hold (the data step refuses <, > and straight double quotes, which the
# themes would print as markup: tests/test_hostile_text.py): & and quotes stay text.
HOSTILE_TITLE = "Tags & ‘quotes’ “double” it's & more"
HOSTILE_DESCRIPTION = "Quotes “ and 'apostrophes' & ampersands"


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    """A copy built for a published address, with an article whose front matter is hostile."""
    project = copy_project(tmp_path_factory.mktemp("metadata-project"))
    article = next(p for p in sorted((project / "docs" / "articles").glob("*.md")) if p.name != "index.md" and not p.name.startswith("_"))
    text = article.read_text(encoding="utf-8")
    for field, value in (("title", HOSTILE_TITLE), ("description", HOSTILE_DESCRIPTION)):
        quoted = value.replace("'", "''")
        text = re.sub(rf"(?m)^{field}: .*$", lambda _: f"{field}: '{quoted}'", text, count=1)
    article.write_text(text, encoding="utf-8")
    result = build_site(project, tmp_path_factory.mktemp("metadata-site"),
                        extra_env={"SITE_URL": "https://clinic.example/albany/"})
    assert result.returncode == 0, result.output
    return result.site_dir, article.stem


def test_titles_and_descriptions_are_escaped_in_the_metadata(published_site):
    site_dir, slug = published_site
    tags = head_tags(site_dir / "articles" / slug / "index.html")
    for key, value in (("og:title", HOSTILE_TITLE), ("twitter:title", HOSTILE_TITLE),
                       ("og:description", HOSTILE_DESCRIPTION), ("twitter:description", HOSTILE_DESCRIPTION)):
        assert tags[key] == value, f"{key} was not escaped: {tags[key]!r}"
    raw = (site_dir / "articles" / slug / "index.html").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if 'property="og:' in line or 'name="twitter:' in line:
            assert "<script>" not in line and "<b>" not in line, line


def test_a_published_build_points_robots_txt_and_canonical_urls_to_the_published_address(published_site):
    site_dir, _ = published_site
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://clinic.example/albany/sitemap.xml" in robots
    assert head_tags(site_dir / "404.html")["canonical"] == "https://clinic.example/albany/404.html"
    assert head_tags(site_dir / "visit" / "index.html")["og:url"] == "https://clinic.example/albany/visit/"


def test_every_title_fits_in_a_search_result(each_site, site_config):
    site_dir = each_site.site_dir
    for path in html_files(site_dir):
        title = LexborHTMLParser(path.read_text(encoding="utf-8")).css_first("head title").text()
        assert 0 < len(title) <= LONGEST_TITLE, f"{path}: a {len(title)}-character title: {title}"
        # The site's name follows the page's title whenever both fit.
        if title != site_config.site_name and len(title) + 3 + len(site_config.site_name) <= LONGEST_TITLE:
            assert title.endswith(" - " + site_config.site_name), title


def test_every_page_has_a_large_share_image_with_its_title(each_site, site_config):
    site_dir = each_site.site_dir
    from PIL import Image

    site_url = site_config.site_url
    images = set()
    for path in html_files(site_dir):
        tags = head_tags(path)
        assert tags["og:image"].startswith(site_url) and tags["og:image"].endswith(".png"), path
        image_file = site_dir / tags["og:image"].removeprefix(site_url)
        assert image_file.is_file(), f"{path}: {tags['og:image']} was not written"
        with Image.open(image_file) as image:
            assert image.format == "PNG"
            assert image.size == (int(tags["og:image:width"]), int(tags["og:image:height"]))
            assert image.width >= 1200 and image.height >= 630
        assert site_config.site_name in tags["og:image:alt"], path
        images.add(image_file)
    # Each article has its own, with its title: the share image of its own folder.
    for article in site_dir.glob("articles/*/index.html"):
        assert head_tags(article)["og:image"] == page_url(site_url, site_dir, article) + "share.png"
        assert head_tags(article)["og:title"] in head_tags(article)["og:image:alt"]
    assert len(images) >= len(list(site_dir.glob("articles/*/index.html")))
