"""The data step's pure functions: page URLs, the nav's newest articles, the refusal of
markup where the themes print text as it is, and the config both engines read."""

from __future__ import annotations

import datetime

import pytest

import settings_file
from clinic_site.articles import Article, FrontMatter
from clinic_site.problems import Problems
from clinic_site.report import build_report
from clinic_site.site_data import (
    NEWEST_ARTICLES_IN_NAV,
    markup_problems,
    newest_in_nav,
    output_path,
    page_url,
    prepare,
    read_config,
)
from site_builder import ROOT, copy_project


@pytest.mark.parametrize(("src_uri", "directory_urls", "url", "output"), [
    ("index.md", True, "", "index.html"),
    ("visit.md", True, "visit/", "visit/index.html"),
    ("articles/index.md", True, "articles/", "articles/index.html"),
    ("articles/x.md", True, "articles/x/", "articles/x/index.html"),
    ("index.md", False, "index.html", "index.html"),
    ("articles/index.md", False, "articles/index.html", "articles/index.html"),
    ("articles/x.md", False, "articles/x.html", "articles/x.html"),
])
def test_page_urls_are_the_ones_both_engines_give(src_uri, directory_urls, url, output):
    assert page_url(src_uri, directory_urls) == url
    assert output_path(src_uri, directory_urls) == output


def article(name: str, published: str) -> Article:
    day = datetime.date.fromisoformat(published)
    front = FrontMatter(title=name.title(), description="d", published=day, last_reviewed=day,
                        next_review=day + datetime.timedelta(days=1))
    return Article(f"articles/{name}.md", f"articles/{name}/", front, "the clinic")


def test_the_nav_gets_the_newest_articles_after_the_index_and_nothing_else_changes():
    nav = [{"Home": "index.md"}, {"Articles": ["articles/index.md"]}, {"Visit": "visit.md"}]
    articles = [article(f"a{n}", f"2026-01-{n + 1:02d}") for n in range(NEWEST_ARTICLES_IN_NAV + 2)]
    added = newest_in_nav(nav, articles)
    newest = [f"articles/a{n}.md" for n in range(NEWEST_ARTICLES_IN_NAV + 1, 1, -1)]
    assert added == [{"Home": "index.md"}, {"Articles": ["articles/index.md", *newest]}, {"Visit": "visit.md"}]
    assert nav[1] == {"Articles": ["articles/index.md"]}  # a copy: mkdocs.yml's nav is left alone


def test_an_article_placed_by_hand_is_not_added_twice():
    nav = [{"Articles": ["articles/index.md", {"First": "articles/a0.md"}]}]
    added = newest_in_nav(nav, [article("a0", "2026-01-01"), article("a1", "2026-01-02")])
    assert added == [{"Articles": ["articles/index.md", {"First": "articles/a0.md"}, "articles/a1.md"]}]


@pytest.mark.parametrize("value", ['A "quote"', "a <b>", "x > y", "&amp; co", "&#60;"])
def test_markup_in_text_the_themes_print_as_it_is_is_refused(value):
    [problem] = markup_problems({"title": value}, ("title",), "docs/x.md")
    line = str(problem)
    assert line.startswith("docs/x.md: title has ") and "curly quotes “ ”" in line and "\n" not in line


@pytest.mark.parametrize("value", ["Tom & Jerry", "it's “quoted” ‘here’", "A & B; C", "R&D", "x = 1"])
def test_plain_text_is_let_through(value):
    assert markup_problems({"title": value, "other": '<b>"'}, ("title",), "docs/x.md") == []


def test_env_values_are_resolved_as_mkdocs_resolves_them(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\nflag: !ENV [NOT_SET_HERE, false]\n')
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("NOT_SET_HERE", raising=False)
    assert read_config(config) == {"site_url": "http://127.0.0.1:8000/", "flag": False}
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    assert read_config(config)["site_url"] == "https://example.org/"


def test_the_config_holds_plain_data_for_every_article_and_the_page_map(tmp_path):
    project = copy_project(tmp_path / "project")
    data = prepare(project, "zensical")
    site = data.config["extra"]["site"]
    articles = sorted(path.relative_to(project / "docs").as_posix() for path in (project / "docs" / "articles").glob("*.md")
                      if path.name != "index.md" and not path.name.startswith("_"))
    assert sorted(entry["url"] for entry in site["articles"]) == sorted(page_url(a) for a in articles)
    assert set(site["article_pages"]) == {page_url(a) for a in articles}
    for entry in site["articles"]:
        assert datetime.date.fromisoformat(entry["published"]).year > 2000
        assert entry["published_display"].endswith(entry["published"][:4])
    assert site["engine"] == "zensical" and site["urls"]["help_now"] == "get-help-now/"
    assert "hooks" not in data.config
    assert data.pages["index.html"] == "docs/index.md"
    assert {f"docs/{a}" for a in articles} <= set(data.pages.values())
    assert "docs/articles/_template.md" not in data.pages.values()  # exclude_docs


def test_the_real_project_passes_the_data_step():
    data = prepare(ROOT)
    assert data.config["extra"]["site"]["clinic"]["json_ld"].startswith("{")


def test_a_clinic_mistake_is_a_problem_under_its_heading(tmp_path):
    project = copy_project(tmp_path / "project")
    settings_file.set_value(project / "mkdocs.yml", (*settings_file.CLINIC, "time_zone"), "America")
    with pytest.raises(Problems) as caught:
        prepare(project)
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.topic) == ("mkdocs.yml", None, "The clinic data in mkdocs.yml")
    lines = build_report(caught.value.problems)
    assert lines[0] == "The clinic data in mkdocs.yml: 1 problem to fix before the site can be built:"
    assert lines[1].startswith("  mkdocs.yml: extra.clinic.time_zone must be a time zone name")


def test_a_long_title_is_cut_after_a_whole_word_for_search_results():
    from clinic_site.site_data import LONGEST_PAGE_TITLE, title_for_results

    assert title_for_results("A short title: it fits") == "A short title: it fits"
    long = "What happens during a ketamine infusion, from the first visit to the ride home afterwards"
    cut = title_for_results(long)
    assert len(cut) <= LONGEST_PAGE_TITLE and cut.endswith("…")
    assert long.startswith(cut.removesuffix("…")) and long[len(cut) - 1] == " "
    assert title_for_results("x" * 80) == "x" * (LONGEST_PAGE_TITLE - 1) + "…"
