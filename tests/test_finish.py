"""The finish step's pure parts: robots.txt, stylesheets moved to another folder, the
skip link on articles, and the order of the steps."""

from __future__ import annotations

from pathlib import Path

from clinic_site.finish import (
    FINISH_STEPS, FinishedSite, FinishError, add_security_policy, check_page_content, index_for_search,
    robots_txt, skip_link_to_article_title,
)
from clinic_site.site_assets import rebased_urls


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


def test_an_articles_skip_link_goes_to_its_title(tmp_path: Path):
    (tmp_path / "a.html").write_text(page('<h1 id="article-title">T</h1><h2 id="first">F</h2>'))
    (tmp_path / "b.html").write_text(page('<h2 id="first">F</h2>'))
    skip_link_to_article_title(FinishedSite(tmp_path))
    assert 'href="#article-title" class="md-skip"' in (tmp_path / "a.html").read_text()
    assert 'href="#first" class="md-skip"' in (tmp_path / "b.html").read_text()


def test_an_editors_script_is_reported_with_its_source_file(tmp_path: Path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "index.html").write_text(page('<div data-page-content><p onclick="f()">x</p></div>'
                                                    '<script>templates may</script>'))
    site = FinishedSite(tmp_path, pages={"x/index.html": "docs/x.md"})
    try:
        check_page_content(site)
    except FinishError as error:
        assert error.lines == ["The pages: 1 problem to fix before the site can be built:",
                               "  docs/x.md: has an onclick= attribute on <p>: the site's security policy blocks "
                               "scripts in attributes; remove it"]
    else:
        raise AssertionError("the onclick= was not reported")


def test_every_html_file_gets_its_policy_and_the_site_its_headers(tmp_path: Path):
    (tmp_path / "a.html").write_text(page("<script>run()</script>"))
    add_security_policy(FinishedSite(tmp_path))
    text = (tmp_path / "a.html").read_text()
    assert text.index('http-equiv="Content-Security-Policy"') < text.index("<script>")
    assert "frame-ancestors 'none'" in (tmp_path / "_headers").read_text()


def test_checks_run_before_changes_and_the_search_index_last():
    assert FINISH_STEPS[0] is check_page_content
    assert FINISH_STEPS[-1] is index_for_search
    assert FINISH_STEPS.index(add_security_policy) == len(FINISH_STEPS) - 3
