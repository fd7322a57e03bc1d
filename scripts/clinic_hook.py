"""MkDocs hook: the clinic's address, hours and articles on every page.

A thin adapter. The logic lives in the clinic_site package (plain, tested functions);
this file only connects it to MkDocs' build events:

- on_config: validate the clinic data (extra.clinic); a mistake stops the build with
  one plain line per problem, never a traceback. With no phone, email or booking link,
  print one notice (clinic_site/contact.py) that never fails the build.
- on_files: validate every article's front matter the same way, all files at once.
- on_nav: put the newest articles under "Articles" in the navigation. Only a few, so
  every page stays small however many articles there are.
- on_page_markdown: articles use the article template and credit the clinic by default
  (scripts/security_hook.py, which runs next, escapes the text the theme prints).
- on_page_content: an article's title (rendered by its template, not written in its
  Markdown) heads its table of contents, as a page's own H1 would, so the theme's
  "skip to content" link lands on the title.
- on_env: hand the templates the clinic block, the JSON-LD and the articles list.
  Templates render them on every page, 404.html included, because it reaches every
  template (page events do not run for 404.html).
"""

from __future__ import annotations

import datetime
import os

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from clinic_site.articles import Article, format_date, is_article, load_articles, newest_first
from clinic_site.clinic import Clinic, load_clinic
from clinic_site.contact import contact_notice
from clinic_site.context import article_listing, clinic_context
from clinic_site.footnotes import separate_adjacent_footnote_markers
from clinic_site.messages import DataError
from clinic_site.reviews import build_log_line, overdue_reviews

log = get_plugin_logger("clinic")

ARTICLE_TEMPLATE = "article.html"
ARTICLES_INDEX = "articles/index.md"
HELP_NOW_PAGE = "get-help-now.md"  # linked from the help-now banner on every page
# Pages that templates link to, as globals holding each page's URL: (global, source
# file, the URL it usually has). The URL follows use_directory_urls, so links also
# work in a preview built without directory URLs.
LINKED_PAGES = (
    ("help_now_url", HELP_NOW_PAGE, "get-help-now/"),
    ("articles_index_url", ARTICLES_INDEX, "articles/"),
    ("search_url", "search.md", "search/"),
    ("visit_url", "visit.md", "visit/"),
)
ARTICLE_TITLE_ID = "article-title"  # the id of the <h1> that article.html renders
# The nav is rendered into every page: a fixed number of articles keeps pages the same
# size as articles pile up. The articles index lists them all.
NEWEST_ARTICLES_IN_NAV = 5


class _Build:
    """What one build has validated, shared between its events."""

    clinic: Clinic
    articles: dict[str, Article]


_build = _Build()


def _stop(error: DataError, what: str) -> PluginError:
    count = len(error.lines)
    heading = f"{what}: {count} problem{'s' if count != 1 else ''} to fix before the site can be built:"
    return PluginError("\n".join([heading, *(f"  {line}" for line in error.lines)]))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        _build.clinic = load_clinic(config.extra.get("clinic"))
    except DataError as error:
        raise _stop(error, "The clinic data in mkdocs.yml") from None
    if notice := contact_notice(_build.clinic):  # reported, never blocking: log.info, not a warning
        log.info(notice)
    _build.articles = {}
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs_dir = os.path.relpath(config.docs_dir)
    sources = [
        (file.content_string, file.src_uri, file.url, os.path.join(docs_dir, file.src_path))
        for file in files.documentation_pages()
        if is_article(file.src_uri)
    ]
    try:
        articles = load_articles(sources, default_author=_build.clinic.name)
    except DataError as error:
        raise _stop(error, "The articles' front matter") from None
    _build.articles = {article.src_uri: article for article in articles}

    # Reported, never blocking: an overdue review must not stop unrelated changes.
    for review in overdue_reviews(articles, datetime.date.today(), docs_dir=docs_dir):
        log.info(build_log_line(review))
    return files


def _articles_section(nav: Navigation) -> Section | None:
    for item in nav.items:
        if isinstance(item, Section) and any(
            isinstance(child, Page) and child.file.src_uri == ARTICLES_INDEX for child in item.children
        ):
            return item
    return None


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    section = _articles_section(nav)
    if section is None:
        return nav
    placed_by_hand = {page.file.src_uri for page in nav.pages}
    newest = newest_first(list(_build.articles.values()))[:NEWEST_ARTICLES_IN_NAV]
    for article in newest:
        if article.src_uri in placed_by_hand:
            continue
        # MkDocs has made a page for every file already; show it under "Articles".
        page = files.get_file_from_path(article.src_uri).page
        page.parent = section
        section.children.append(page)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    article = _build.articles.get(page.file.src_uri)
    if article is not None:
        page.meta.setdefault("template", ARTICLE_TEMPLATE)
        page.meta["author"] = article.author
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in _build.articles:
        title = AnchorLink(page.title or "", ARTICLE_TITLE_ID, 1)
        title.children = list(page.toc.items)
        page.toc.items[:] = [title]
    return separate_adjacent_footnote_markers(html)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["clinic"] = clinic_context(_build.clinic, config.site_url)
    env.globals["clinic_articles"] = article_listing(list(_build.articles.values()))
    env.globals["clinic_articles_by_page"] = {
        src_uri: article.front_matter for src_uri, article in _build.articles.items()
    }
    env.globals["article_title_id"] = ARTICLE_TITLE_ID
    for name, src_uri, usual_url in LINKED_PAGES:
        file = files.get_file_from_path(src_uri)
        env.globals[name] = file.url if file else usual_url
    env.filters["long_date"] = format_date
    return env
