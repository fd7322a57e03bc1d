"""The last check over the finished site (clinic_site/published_site.py): the real site
passes, and each way a page could run, redirect or hide something is found, however it
got there (here: written into a copy of the built site)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clinic_site.engine import theme_dirs
from clinic_site.published_site import check_published_site, theme_inline_scripts
from clinic_site.site_data import read_config
from problem_lines import lines
from site_builder import ENGINES, ROOT

ARTICLE = "articles/does-ketamine-treat-depression/index.html"


def published_problems(*args, **kwargs) -> list[str]:
    return lines(check_published_site(*args, **kwargs))


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def site_dir(engine, request) -> Path:
    """Each engine's build of the real site."""
    return request.getfixturevalue("built_site" if engine == "mkdocs" else "zensical_site").site_dir


@pytest.fixture(scope="module")
def theme_scripts(engine) -> list[str]:
    """The inline scripts of the templates this engine rendered with, as the build reads them."""
    return theme_inline_scripts(theme_dirs(ROOT, engine, read_config(ROOT / "mkdocs.yml")))


def test_the_built_site_passes(site_dir, theme_scripts):
    assert theme_scripts, "the theme's inline scripts were not found"
    assert published_problems(site_dir, theme_scripts) == []


def test_without_the_themes_scripts_every_inline_script_is_found(site_dir):
    problems = published_problems(site_dir)
    assert any(line.startswith(f"{ARTICLE}: has an inline script that is not one of the theme's") for line in problems)


@pytest.fixture
def site_copy(site_dir, tmp_path) -> Path:
    return Path(shutil.copytree(site_dir, tmp_path / "site"))


def add_to_body(site: Path, page: str, html: str) -> None:
    path = site / page
    text = path.read_text()
    path.write_text(text.replace("</article>", html + "</article>", 1))


# (HTML that reached a page, the start of what the check says)
CASES = [
    ('<meta http-equiv="Refresh" content="0;url=https://evil.example">', 'has a <meta http-equiv="refresh">'),
    ('<script src="../../x.js"></script>', 'has <script src="../../x.js">, which is not one of the site\'s own scripts'),
    ('<script src="https://evil.example/a.js"></script>', "has <script src=\"https://evil.example/a.js\">"),
    ('<script src="../../assets/javascripts/nothing.js"></script>', "has <script src=\"../../assets/javascripts/nothing.js\">"),
    ("<script>alert(1)</script>", "has an inline script that is not one of the theme's ('alert(1)')"),
    ('<script type="module">import "/x.js"</script>', "has an inline script that is not one of the theme's"),
    ('<base href="https://evil.example/">', "has a <base> element"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', 'has a data: address in <a href="...">'),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', 'has a javascript: address in <a href="...">'),
    ('<form><button formaction=" &#106;avascript:alert(1)">x</button></form>',
     'has a javascript: address in <button formaction="...">'),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', 'has a javascript: address in <a xlink:href="...">'),
    ('<img src="x.png" srcset="x.png 1x, data:image/svg+xml,x 2x" alt="">', 'has a data: address in <img srcset="...">'),
    ('<p onmouseover="alert(1)">x</p>', "has an onmouseover= attribute on <p>"),
    ('<iframe src="https://evil.example/"></iframe>', "has an <iframe> element"),
]


@pytest.mark.parametrize(("html", "problem"), CASES)
def test_what_could_run_or_redirect_is_found(site_copy, theme_scripts, html, problem):
    add_to_body(site_copy, ARTICLE, html)
    problems = published_problems(site_copy, theme_scripts)
    assert problems and problems[0].startswith(f"{ARTICLE}: {problem}"), problems
    assert all(line.startswith(f"{ARTICLE}: ") for line in problems), problems


def test_a_script_before_the_policy_is_found(site_copy, theme_scripts):
    path = site_copy / ARTICLE
    path.write_text(path.read_text().replace("<head>", '<head><script src="../../assets/javascripts/site.js"></script>', 1))
    assert any("has a <script> before its Content Security Policy" in line
               for line in published_problems(site_copy, theme_scripts))


def test_a_page_without_the_policy_is_found(site_copy, theme_scripts):
    path = site_copy / "404.html"
    text = path.read_text()
    start = text.index('<meta http-equiv="Content-Security-Policy"')
    path.write_text(text[:start] + text[text.index(">", start) + 1:])
    assert "404.html: has no Content Security Policy <meta>" in "\n".join(published_problems(site_copy, theme_scripts))


def test_a_published_svg_with_a_script_is_found(site_copy, theme_scripts):
    (site_copy / "assets" / "images" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    assert published_problems(site_copy, theme_scripts) == [
        "assets/images/logo.svg: the drawing has a script, which drawings on this site may not have (only shapes, "
        "text, gradients and filters); save it as a plain drawing without it"]


def test_absolute_script_addresses_are_read_under_the_sites_own_path(site_copy, theme_scripts):
    # 404.html links its files from the site's root: "/albany/assets/..." when published there.
    path = site_copy / "404.html"
    text = path.read_text()
    assert '<script src="/assets/javascripts/' in text
    path.write_text(text.replace('src="/assets/', 'src="/albany/assets/'))
    assert published_problems(site_copy, theme_scripts, base_path="/albany/") == []
    assert any(line.startswith('404.html: has <script src="/albany/assets/javascripts/')
               for line in published_problems(site_copy, theme_scripts, base_path="/"))
