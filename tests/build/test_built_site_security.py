"""The built site: a Content Security Policy and referrer policy on every HTML file, a
_headers file that agrees with them, and pages that would break the policy refused."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from site_builder import ENGINES, BuildResult, add_article, build_site, copy_project, html_files


# Every test here checks both engines' builds (MkDocs + Material, and Zensical).
@pytest.fixture(scope="session")
def site_dir(site_of_each_engine: BuildResult) -> Path:
    return site_of_each_engine.site_dir


# Tests of what any valid content gives: each engine's build, the site with three more
# articles of different kinds (adding articles never turns them red), and the
# pull-request preview published under its sub-path.
@pytest.fixture(scope="session", params=[*ENGINES, "new-articles", "pr-preview"])
def each_site(request: pytest.FixtureRequest, sites) -> BuildResult:
    return sites(request.param)


JSON_TYPES = {"application/json", "application/ld+json"}


def csp_of(document: LexborHTMLParser) -> dict[str, list[str]]:
    [meta] = document.css('meta[http-equiv="Content-Security-Policy"]')
    directives = [part.split() for part in meta.attributes["content"].split(";")]
    return {name: sources for name, *sources in directives}


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_html_file_has_the_policy_first_in_head(each_site):
    site_dir = each_site.site_dir
    pages = html_files(site_dir)
    assert any(path.name == "404.html" for path in pages)
    for path in pages:
        document = LexborHTMLParser(path.read_text(encoding="utf-8"))
        head = list(document.head.iter(include_text=False))
        names = [(node.tag, node.attributes.get("charset") or node.attributes.get("http-equiv")
                  or node.attributes.get("name")) for node in head[:3]]
        assert names == [("meta", "utf-8"), ("meta", "Content-Security-Policy"), ("meta", "referrer")], path
        assert head[2].attributes["content"] == "no-referrer"
        assert not document.body.css('meta[http-equiv="Content-Security-Policy"]'), path


def test_the_policy_allows_exactly_the_pages_own_inline_scripts(each_site):
    site_dir = each_site.site_dir
    for path in html_files(site_dir):
        document = LexborHTMLParser(path.read_text(encoding="utf-8"))
        policy = csp_of(document)
        inline = {sha256_source(script.text()) for script in document.css("script:not([src])")
                  if script.attributes.get("type") not in JSON_TYPES}
        assert inline, f"{path}: the theme's inline scripts are gone; is this test still right?"
        assert set(policy["script-src"]) == {"'self'", "'wasm-unsafe-eval'", *inline}, path
        assert policy["default-src"] == ["'none'"] and policy["object-src"] == ["'none'"], path
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path  # no inline styles in the site today
        everything = " ".join(source for sources in policy.values() for source in sources)
        assert "unsafe-inline" not in everything and "'unsafe-eval'" not in everything, path
        assert "http" not in everything, f"{path}: the policy names another site"


def test_the_headers_file_has_the_whole_sites_policy(each_site):
    site_dir = each_site.site_dir
    lines = (site_dir / "_headers").read_text().splitlines()
    assert lines[lines.index("/*") + 1].startswith("  Content-Security-Policy: ")
    headers = dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))
    header_policy = {name: sources for name, *sources in
                     (part.split() for part in headers["Content-Security-Policy"].split(";"))}
    assert header_policy.pop("frame-ancestors") == ["'none'"]
    every_hash = set()
    for path in html_files(site_dir):
        page_policy = csp_of(LexborHTMLParser(path.read_text(encoding="utf-8")))
        assert header_policy.keys() == page_policy.keys()
        every_hash |= set(page_policy["script-src"])
        for name in header_policy.keys() - {"script-src"}:
            assert header_policy[name] == page_policy[name], (path, name)
    assert set(header_policy["script-src"]) == every_hash
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    assert "microphone=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_that_would_break_the_policy_stops_the_build(tmp_path: Path, engine: str):
    project = copy_project(tmp_path / "project")
    article = add_article(project, "fixture.md")
    text = article.read_text()
    end = text.count("\n")
    article.write_text(text + (
        '\n<script>alert("hi")</script>\n\n'
        '<p><a href="#" onclick="track()">Share</a></p>\n\n'
        '![A photo](https://example.org/photo.jpg)\n\n'
        '<meta http-equiv="refresh" content="0;url=https://evil.example">\n'
    ))
    result = build_site(project, tmp_path / "site", engine=engine)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    where = "  docs/articles/fixture.md:"
    assert "The pages: 4 problems to fix before the site can be built:" in result.output
    assert [line[len(where):].split(":")[0:2] for line in result.output.splitlines() if line.startswith(where)] == [
        [str(end + 2), " has a <script> element"],
        [str(end + 4), " has an onclick= attribute on <a>"],
        [str(end + 6), ' loads <img src="..."> from example.org'],
        [str(end + 8), " has a <meta> element"],
    ]


def test_files_under_docs_that_are_code_stop_the_build(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "x.js").write_text("alert(1)")
    (project / "docs" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "The site's files: 2 problems to fix before the site can be built:" in result.output
    assert "  docs/logo.svg: the drawing has a script" in result.output
    assert "  docs/x.js: a .js file is code, and files under docs/ are content" in result.output


@pytest.mark.parametrize("engine", ENGINES)
def test_the_last_check_stops_what_any_template_lets_through(tmp_path: Path, engine: str):
    # A hole in a template, not in an article: the check of the finished site finds it.
    project = copy_project(tmp_path / "project")
    main = project / "overrides" / "main.html"
    text = main.read_text()
    assert text.count("{% block scripts %}") == 1
    main.write_text(text.replace("{% block scripts %}", '{% block scripts %}<meta http-equiv="refresh" '
                                 'content="0;url=https://evil.example"><a href="jav&#x09;ascript:alert(1)">x</a>'))
    result = build_site(project, tmp_path / "site", engine=engine)
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "The built site has what must never be published:" in result.output
    assert '404.html: has a <meta http-equiv="refresh">' in result.output
    assert 'index.html: has a javascript: address in <a href="...">' in result.output
