"""The data step: everything the templates need, validated and computed before the engine runs.

mkdocs.yml stays the one place for the site's settings and the clinic's facts. This
module reads it (resolving ``!ENV`` itself), validates ``extra.clinic`` and the front
matter of every page, and returns a complete engine config: mkdocs.yml's settings plus
``extra.site`` (plain strings, lists and dicts: the clinic block, its JSON-LD, the
articles with their dates already written out, page URLs) and the nav with the newest
articles. MkDocs and Zensical both read that config; templates only read it.

Pure functions: files in, data out. The runner (clinic_site.pipeline) writes the config
to a file for the engine, for a build, a content check and a live preview alike.
"""

from __future__ import annotations

import copy
import datetime
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec
import yaml

from .articles import Article, field_lines, format_date, is_article, load_articles, newest_first, split_front_matter
from .clinic import Clinic, load_clinic
from .contact import contact_notice
from .context import build_date, clinic_context
from .messages import show_value
from .preflight import preflight_problems, unreadable_settings
from .problems import Problem, Problems, about
from .reviews import overdue_reviews, review_notice

CONFIG_FILE = "mkdocs.yml"
ARTICLES_INDEX = "articles/index.md"
# Pages templates link to: (key in extra.site.urls, source file).
LINKED_PAGES = {
    "home": "index.md",
    "help_now": "get-help-now.md",
    "articles_index": ARTICLES_INDEX,
    "search": "search.md",
    "visit": "visit.md",
}
ARTICLE_TITLE_ID = "article-title"  # the id of the <h1> partials/article.html renders
# The nav is rendered into every page: a fixed number of articles keeps pages the same
# size as articles pile up. The articles index lists them all.
NEWEST_ARTICLES_IN_NAV = 5
# Settings only a MkDocs build reads; the data step does their work.
DROPPED_SETTINGS = ("hooks",)

# Front matter and settings the themes print as they are, unescaped (in <title>, meta
# tags, the header, the nav). Both engines treat titles as HTML, so these may hold no
# markup: the data step refuses it, rather than each engine needing its own escaping.
PAGE_TEXT_FIELDS = ("title", "description", "author")
CONFIG_TEXT_FIELDS = ("site_name", "site_description", "site_author")
_MARKUP = re.compile(r'[<>"]|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);', re.IGNORECASE)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: YAML with !ENV, and no Python tags."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node, environ: Mapping[str, str] | None = None) -> Any:
    """!ENV NAME or !ENV [NAME, OTHER, default]: the first variable set, else the default."""
    environ = os.environ if environ is None else environ
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = node.value
        names = [loader.construct_scalar(item) for item in items[:-1]] if len(items) > 1 else \
            [loader.construct_scalar(items[0])]
        default = loader.construct_object(items[-1]) if len(items) > 1 else None
    for name in names:
        if name in environ:
            value = environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def _loader_with(environ: Mapping[str, str]) -> type[yaml.SafeLoader]:
    """A loader resolving !ENV from environ (a build's own variables, not this process's)."""
    class Loader(_ConfigLoader):
        pass

    def env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        return _env_tag(loader, node, environ)

    Loader.add_constructor("!ENV", env_tag)
    return Loader


def read_config(path: Path, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """mkdocs.yml as a plain dict, !ENV resolved (from environ, else os.environ); a YAML
    mistake is one Problem."""
    loader = _ConfigLoader if environ is None else _loader_with(environ)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as error:
        raise Problems([unreadable_settings(error, path.name)]) from None
    if not isinstance(data, dict):
        raise Problems([Problem(path.name, None, f"must be lines of 'setting: value', got {show_value(data)}")])
    return data


# --- Pages: where each source file ends up -------------------------------------------------

def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """A page's URL relative to the site root, as both engines give it (page.url)."""
    stem = src_uri[:-3]
    name = stem.rsplit("/", 1)[-1]
    if name in ("index", "README"):
        folder = stem[: -len(name)]
        return folder if use_directory_urls else f"{folder}index.html"
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def output_path(src_uri: str, use_directory_urls: bool = True) -> str:
    """The HTML file a page is written to, relative to the site folder."""
    url = page_url(src_uri, use_directory_urls)
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def page_sources(docs_dir: Path, exclude_docs: str | None = None) -> list[str]:
    """The Markdown pages in docs_dir (src_uri, sorted), without those exclude_docs names."""
    spec = pathspec.PathSpec.from_lines("gitignore", (exclude_docs or "").splitlines())
    found = []
    for path in docs_dir.rglob("*.md"):
        src_uri = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in src_uri.split("/")) or spec.match_file(src_uri):
            continue
        found.append(src_uri)
    return sorted(found)


# --- Checks ------------------------------------------------------------------------------------

def markup_problems(values: dict[str, Any], fields: tuple[str, ...], where: str,
                    lines: dict[str, int] | None = None) -> list[Problem]:
    """One problem per field holding '<', '>', a straight double quote or a character
    reference, on the field's line of the file when `lines` (from articles.field_lines) knows it."""
    problems = []
    for name in fields:
        value = values.get(name)
        if not isinstance(value, str):
            continue
        found = _MARKUP.search(value)
        if found:
            problems.append(Problem(
                where, (lines or {}).get(name),
                f"{name} has {found.group(0)!r}, which pages would read as code, not text: "
                f"write words instead of < and >, curly quotes “ ” instead of \", and the character "
                f"itself instead of an &...; code; got {show_value(value)}"))
    return problems


# --- What templates read -----------------------------------------------------------------------

def _date_fields(name: str, value: datetime.date) -> dict[str, str]:
    return {name: value.isoformat(), f"{name}_display": format_date(value)}


# Search engines show about 60 characters of a page's <title> (main.html reads it from
# extra.site.longest_page_title).
LONGEST_PAGE_TITLE = 60


def title_for_results(title: str, limit: int = LONGEST_PAGE_TITLE) -> str:
    """A title as a search result can show it: whole when it fits, else cut after a whole
    word with an ellipsis (the page's heading keeps the whole title)."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,:;-–—") + "…"


def article_data(article: Article) -> dict[str, Any]:
    """One article's front matter as plain values, dates both ISO and written out."""
    front = article.front_matter
    return {
        "title": front.title,
        "title_in_results": title_for_results(front.title),
        "description": front.description,
        "url": article.url,
        "author": article.author,
        "reviewed_by": front.reviewed_by or "",
        **_date_fields("published", front.published),
        **_date_fields("last_reviewed", front.last_reviewed),
        **_date_fields("next_review", front.next_review),
    }


def newest_in_nav(nav: list[Any], articles: list[Article], count: int = NEWEST_ARTICLES_IN_NAV) -> list[Any]:
    """The nav with the newest articles added after the articles index, in its section."""
    nav = copy.deepcopy(nav)
    placed = set(_nav_files(nav))
    newest = [article.src_uri for article in newest_first(articles) if article.src_uri not in placed][:count]

    def add(items: list[Any]) -> bool:
        for item in items:
            children = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else None
            if isinstance(children, list):
                if ARTICLES_INDEX in _nav_files(children, deep=False):
                    children.extend(newest)
                    return True
                if add(children):
                    return True
        return False

    add(nav)
    return nav


def _nav_files(items: list[Any], deep: bool = True) -> list[str]:
    files = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(value, str):
            files.append(value)
        elif isinstance(value, list) and deep:
            files.extend(_nav_files(value))
    return files


@dataclass
class SiteData:
    """What the data step found: the engine's config, and facts for the finish step."""

    config: dict[str, Any]
    # Each page's HTML file in the site ("articles/x/index.html") and its source
    # ("docs/articles/x.md"), for finish steps that report a problem in a page's content.
    pages: dict[str, str]
    site_url: str
    # Lines for the output that never fail a build: reviews due, no way to reach the clinic.
    notices: list[Problem] = field(default_factory=list)
    noindex: bool = False  # a pull-request preview: search engines are asked to stay away


# The checks of the data step, in order: each a pure function of what it reads, returning
# Problems. The first that finds any stops the step: later ones need what it checked.
SITE_FILES = "The site's files"
PAGES = "The pages"
ARTICLES = "The articles' front matter"


def prepare(project: Path, engine: str = "mkdocs", *, today: datetime.date | None = None,
            config_file: str = CONFIG_FILE, use_directory_urls: bool | None = None,
            docs_dir: Path | None = None, environ: Mapping[str, str] | None = None) -> SiteData:
    """Read and validate mkdocs.yml and docs/, and compute the engine config.

    use_directory_urls, when given, overrides mkdocs.yml's (a preview opened from a
    folder links pages as x.html); docs_dir reads the pages from another folder (the
    content check's copy with stand-ins), shown as mkdocs.yml's docs_dir.

    Raises Problems, each with its topic (the part of the site it belongs to).
    """
    # mkdocs.yml and every file under docs/ read first: a file that cannot be read or is
    # not UTF-8, a key written twice, an alias bomb, code under docs/ (clinic_site.preflight).
    if problems := preflight_problems(project / config_file):
        raise Problems(problems, SITE_FILES)
    raw = read_config(project / config_file, environ)
    problems = markup_problems(raw, CONFIG_TEXT_FIELDS, config_file)
    if problems:
        raise Problems(problems, f"The settings in {config_file}")
    try:
        clinic = load_clinic((raw.get("extra") or {}).get("clinic"))
    except Problems as error:
        raise Problems(error.problems, f"The clinic data in {config_file}") from None

    docs_name = str(raw.get("docs_dir", "docs")).rstrip("/")
    docs_dir = docs_dir or project / docs_name
    if use_directory_urls is not None:
        raw["use_directory_urls"] = use_directory_urls
    directory_urls = bool(raw.get("use_directory_urls", True))
    sources = page_sources(docs_dir, raw.get("exclude_docs"))
    texts = {src_uri: (docs_dir / src_uri).read_text(encoding="utf-8-sig") for src_uri in sources}

    articles, problems = _articles(texts, docs_name, clinic, directory_urls)
    problems = about(ARTICLES, problems)
    for src_uri, text in texts.items():
        if is_article(src_uri):
            continue  # checked with the rest of the article's front matter
        try:
            meta = split_front_matter(text, where=f"{docs_name}/{src_uri}") if text.startswith("---") else {}
        except Problems as error:
            problems += about(PAGES, error.problems)
            continue
        problems += about(PAGES, markup_problems(meta, PAGE_TEXT_FIELDS, f"{docs_name}/{src_uri}", field_lines(text)))
    if problems:
        raise Problems(problems)

    site_url = str(raw.get("site_url") or "")
    noindex = _flag((raw.get("extra") or {}).get("noindex"))
    config = {key: value for key, value in raw.items() if key not in DROPPED_SETTINGS}
    config["nav"] = newest_in_nav(raw.get("nav") or [], articles)
    in_nav = set(_nav_files(config["nav"]))
    by_src = {src_uri: page_url(src_uri, directory_urls) for src_uri in sources}
    config["extra"] = {**(raw.get("extra") or {}), "site": {
        "engine": engine,
        "clinic": clinic_context(clinic, site_url or None, build_date(os.environ if environ is None else environ).year),
        "articles": [article_data(article) for article in newest_first(articles)],
        # By page URL, for partials/article.html; in_nav: whether the nav lists it (the
        # theme's table of contents needs a checkbox the nav renders only for its pages).
        "article_pages": {article.url: {**article_data(article), "in_nav": article.src_uri in in_nav}
                          for article in articles},
        "urls": {name: by_src.get(src_uri, page_url(src_uri, directory_urls))
                 for name, src_uri in LINKED_PAGES.items()},
        "article_title_id": ARTICLE_TITLE_ID,
        "longest_page_title": LONGEST_PAGE_TITLE,
        "noindex": noindex,
    }}
    notices = [review_notice(review) for review in
               overdue_reviews(articles, today or datetime.date.today(), docs_dir=docs_name)]
    if notice := contact_notice(clinic):  # a notice for the build's output, never a failure
        notices.append(notice)
    pages = {output_path(src_uri, directory_urls): f"{docs_name}/{src_uri}" for src_uri in sources}
    return SiteData(config, pages, site_url, notices, noindex)


def _flag(value: Any) -> bool:
    """extra.noindex as set in mkdocs.yml or by !ENV SITE_NOINDEX: true, "true", 1, "yes"."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "on", "1")
    return bool(value)


def _articles(texts: dict[str, str], docs_name: str, clinic: Clinic,
              directory_urls: bool) -> tuple[list[Article], list[Problem]]:
    """The valid articles, and the problems of the others' front matter."""
    sources = [(text, src_uri, page_url(src_uri, directory_urls), f"{docs_name}/{src_uri}")
               for src_uri, text in texts.items() if is_article(src_uri)]
    problems: list[Problem] = []
    try:
        articles = load_articles(sources, default_author=clinic.name)
    except Problems as error:
        problems, articles = list(error.problems), []
    for article in articles:
        where = f"{docs_name}/{article.src_uri}"
        problems += markup_problems(article.front_matter.model_dump(), PAGE_TEXT_FIELDS, where,
                                    field_lines(texts[article.src_uri]))
    return articles, problems


def config_yaml(config: dict[str, Any]) -> str:
    """The engine config as YAML, with a note that it is generated."""
    return ("# Generated by the data step (clinic_site.pipeline) from mkdocs.yml: do not edit.\n"
            + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000))
