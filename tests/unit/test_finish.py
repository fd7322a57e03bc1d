"""The finish step's steps, each a change of pages held in memory (no folder: the sites
here are dicts of files): robots.txt, stylesheets moved to another folder, the skip
link on articles, the allowlist, the photos, the share images, the sitemap without
noindex pages, and the order of the steps."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from clinic_site.finish import (
    FINISH_STEPS,
    IMAGE_CACHE,
    add_security_policy,
    check_page_content,
    check_published_site_files,
    drop_noindex_pages_from_sitemap,
    index_for_search,
    publish_images,
    robots_txt,
    run_steps,
    share_images,
    skip_link_to_article_title,
)
from clinic_site.finished_site import FinishedSite
from clinic_site.report import build_report
from clinic_site.site_assets import rebased_urls
from clinic_site.site_data import ARTICLE_TITLE_ID

STEPS = [step.function for step in FINISH_STEPS]


def test_robots_txt_points_to_the_sitemap_at_the_site_url():
    assert robots_txt("https://clinic.example/albany/") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://clinic.example/albany/sitemap.xml\n")
    assert robots_txt("") == "User-agent: *\nAllow: /\n"


def test_a_preview_robots_txt_disallows_everything():
    assert robots_txt("https://clinic.example/pr-preview/pr-7/", noindex=True).splitlines()[:2] == [
        "User-agent: *", "Disallow: /"]


def test_a_stylesheet_served_from_another_folder_keeps_its_urls_working():
    css = "a{background:url(../fonts/x.woff2)} b{background:url('img/y.svg')} c{background:url(data:image/png;base64,AA)}"
    moved = rebased_urls(css, "assets/stylesheets/classic", "assets/stylesheets")
    assert moved == ("a{background:url(fonts/x.woff2)} b{background:url('classic/img/y.svg')} "
                     "c{background:url(data:image/png;base64,AA)}")
    assert rebased_urls(css, "assets/stylesheets", "assets/stylesheets") == css


def page(body: str, skip: str = "#first") -> str:
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>'
            f'<a href="{skip}" class="md-skip">Skip</a>{body}</body></html>')


def test_an_articles_skip_link_goes_to_its_title():
    site = FinishedSite.in_memory({"a.html": page(f'<h1 id="{ARTICLE_TITLE_ID}">T</h1><h2 id="first">F</h2>'),
                                   "b.html": page('<h2 id="first">F</h2>')})
    assert skip_link_to_article_title(site) == []
    assert f'href="#{ARTICLE_TITLE_ID}" class="md-skip"' in site.pages["a.html"]
    assert 'href="#first" class="md-skip"' in site.pages["b.html"]
    assert site.changed == {"a.html"}  # what a step leaves alone is not written again


def test_an_editors_script_is_reported_with_its_source_file_and_line(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.md").write_text("# X\n\nText.\n\n<p onclick=\"f()\">x</p>\n")
    site = FinishedSite.in_memory({"x/index.html": page(
        '<div><!-- page-content --><h1 id="x">X</h1><p>Text.</p><p onclick="f()">x</p><!-- /page-content --></div>'
        '<script>templates may</script>')}, sources={"x/index.html": "docs/x.md"}, project=tmp_path)
    problems = run_steps(site, FINISH_STEPS)
    assert build_report(problems) == [
        "The pages: 1 problem to fix before the site can be built:",
        "  docs/x.md:5: has an onclick= attribute on <p>: the site's security policy blocks scripts in attributes; "
        "remove it"]
    assert "Content-Security-Policy" not in site.pages["x/index.html"]  # the build stopped at the first step


def test_the_content_ends_at_the_templates_marker_whatever_the_editor_writes():
    # A stray </div> and a copy of the closing marker cannot end the checked part early.
    site = FinishedSite.in_memory({"x/index.html": page(
        '<div><!-- page-content --><p>a</p></div><!-- /page-content --><style>body{display:none}</style>'
        '<!-- /page-content --></div>')}, sources={"x/index.html": "docs/x.md"})
    [problem] = check_page_content(site)
    assert str(problem).startswith("docs/x.md: has a <style> element"), problem


def test_a_page_without_the_content_markers_stops_the_build():
    site = FinishedSite.in_memory({"x.html": page("<p>no markers</p>")}, sources={"x.html": "docs/x.md"})
    [problem] = check_page_content(site)
    assert str(problem).startswith("x.html: no <!-- page-content -->"), problem


def test_every_html_file_gets_its_policy_and_the_site_its_headers():
    site = FinishedSite.in_memory({"a.html": page("<script>run()</script>")})
    assert add_security_policy(site) == []
    text = site.pages["a.html"]
    assert text.index('http-equiv="Content-Security-Policy"') < text.index("<script>")
    assert "frame-ancestors 'none'" in site.files.read_text("_headers")


def test_a_site_is_read_once_and_written_once(tmp_path: Path):
    (tmp_path / "a.html").write_text(page(f'<h1 id="{ARTICLE_TITLE_ID}">T</h1>'))
    (tmp_path / "b.html").write_text(page("<p>b</p>"))
    site = FinishedSite.read(tmp_path)
    (tmp_path / "a.html").write_text("changed on disk after it was read")
    skip_link_to_article_title(site)
    add_security_policy(site)
    assert not (tmp_path / "_headers").exists()  # nothing is written before commit()
    site.commit()
    assert (tmp_path / "a.html").read_text() == site.pages["a.html"]
    assert "Content-Security-Policy" in (tmp_path / "b.html").read_text() and (tmp_path / "_headers").is_file()


def test_checks_run_before_changes_and_the_last_check_after_everything():
    assert STEPS[0] is check_page_content
    # The last check reads the site as it is published: after the policy and the search index.
    assert STEPS[-1] is check_published_site_files
    assert STEPS.index(add_security_policy) < STEPS.index(index_for_search) < len(STEPS) - 1
    # Only the steps that read the folder itself come after the site is written.
    assert [step.name for step in FINISH_STEPS if step.needs_folder] == ["index_for_search",
                                                                        "check_published_site_files"]
    assert all(step.needs_folder for step in FINISH_STEPS[-2:])


def test_photos_are_published_before_the_security_policy_and_the_search_index():
    # the policy hashes the final HTML; the index must never name an unpublished original
    assert STEPS.index(publish_images) < STEPS.index(add_security_policy) < STEPS.index(index_for_search)


def site_with_a_photo(tmp_path: Path, photo: bytes) -> FinishedSite:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.md").write_text("---\ntitle: X\n---\n\n![A room](room.jpg)\n")
    return FinishedSite.in_memory({
        "x/index.html": page('<div><!-- page-content --><h1>X</h1><p><img alt="A room" src="room.jpg"></p>'
                             '<!-- /page-content --></div>'),
        "x/room.jpg": photo}, sources={"x/index.html": "docs/x.md"}, project=tmp_path)


def test_a_photo_becomes_a_picture_cached_in_the_project(tmp_path: Path):
    photo = io.BytesIO()
    Image.new("RGB", (900, 600), "teal").save(photo, "JPEG")
    site = site_with_a_photo(tmp_path, photo.getvalue())
    assert publish_images(site) == []
    text = site.pages["x/index.html"]
    assert '<picture><source type="image/' in text and 'width="900" height="600"' in text
    assert "room.jpg" not in text and not site.files.exists("x/room.jpg")
    assert "loading=" not in text  # the page's first picture, right after its title
    assert any((tmp_path / IMAGE_CACHE).rglob("picture.json"))
    [line] = site.log
    assert re.fullmatch(rf"Pictures: 1 shown, from 1 files; 1 made in [0-9.]+ s, the rest from {IMAGE_CACHE}/", line)


def test_a_file_that_is_not_a_photo_is_one_line_naming_the_source_line(tmp_path: Path):
    site = site_with_a_photo(tmp_path, b"notes saved as room.jpg")
    before = dict(site.pages)
    problems = run_steps(site, FINISH_STEPS)
    assert build_report(problems) == [
        "The photos: 1 problem to fix before the site can be built:",
        "  docs/x.md:5: the picture room.jpg is not a JPEG or PNG picture (its contents are something else); "
        "save or export it again as .jpg or .png and upload that"]
    assert site.files.exists("x/room.jpg")  # the photo step changed nothing
    assert "<picture>" not in site.pages["x/index.html"] and set(site.pages) == set(before)


def test_share_images_and_the_sitemap_are_finished_before_the_security_policy():
    assert STEPS.index(share_images) < STEPS.index(add_security_policy)
    assert STEPS.index(drop_noindex_pages_from_sitemap) < STEPS.index(index_for_search)


def listed_page(url: str, noindex: bool = False) -> str:
    robots = '<meta name="robots" content="noindex">' if noindex else ""
    return (f'<!doctype html><html><head><title>t</title><link rel="canonical" href="{url}">{robots}'
            f'<meta property="og:title" content="T"><meta property="og:image" content="{url}share.png">'
            '</head><body></body></html>')


# MkDocs' sitemap (with <lastmod>, and a .gz copy) and Zensical's (neither).
SITEMAPS = {
    "mkdocs": ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               '\n    <url>\n         <loc>https://clinic.example/a/</loc>\n         <lastmod>2026-12-01</lastmod>\n    </url>'
               '\n    <url>\n         <loc>https://clinic.example/search/</loc>\n         <lastmod>2026-12-01</lastmod>\n    </url>'
               '\n</urlset>'),
    "zensical": ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 '\n      <url>\n        <loc>https://clinic.example/search/</loc>\n      </url>'
                 '\n      <url>\n        <loc>https://clinic.example/a/</loc>\n      </url>\n</urlset>'),
}


@pytest.mark.parametrize("engine", SITEMAPS)
def test_the_sitemap_leaves_out_pages_marked_noindex(engine: str):
    files: dict[str, str | bytes] = {f"{folder}/index.html": listed_page(f"https://clinic.example/{folder}/", noindex)
                                     for folder, noindex in (("a", False), ("search", True))}
    files["sitemap.xml"] = SITEMAPS[engine]
    if engine == "mkdocs":
        files["sitemap.xml.gz"] = gzip.compress(SITEMAPS[engine].encode(), mtime=1764547200)
    site = FinishedSite.in_memory(files, site_url="https://clinic.example/")
    assert drop_noindex_pages_from_sitemap(site) == []
    sitemap = site.files.read_text("sitemap.xml")
    assert "https://clinic.example/a/" in sitemap and "search" not in sitemap
    assert sitemap.startswith("<?xml") and sitemap.rstrip().endswith("</urlset>")
    if engine == "mkdocs":
        packed = site.files.read("sitemap.xml.gz")
        assert gzip.decompress(packed).decode() == sitemap
        assert int.from_bytes(packed[4:8], "little") == 1764547200  # the same bytes each build


def test_each_page_gets_the_share_image_its_og_image_names():
    site = FinishedSite.in_memory({"a/index.html": listed_page("https://clinic.example/a/"),
                                   "index.html": listed_page("https://clinic.example/")},
                                  site_url="https://clinic.example/",
                                  clinic={"name": "Clinic", "one_line_address": "1 Road, Town",
                                          "hours_lines": ["Open every day"]})
    assert share_images(site) == []
    for image in ("a/share.png", "share.png"):
        with Image.open(io.BytesIO(site.files.read(image))) as picture:
            assert picture.size == (1200, 630) and picture.format == "PNG"
    assert STEPS.index(share_images) < STEPS.index(add_security_policy)
