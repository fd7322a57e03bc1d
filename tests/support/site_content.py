"""What the tests expect, derived from a project's docs/: its pages and articles,
whatever they are. No test names today's articles, titles or counts (an editor may
add, change or remove any of them); they ask this module instead.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from clinic_site.articles import Article, newest_first
from clinic_site.reviews import load_articles_from
from clinic_site.site_data import prepare

# Files under docs/ that are not pages (mkdocs.yml, exclude_docs).
NOT_PAGES = {"articles/_template.md"}
_REFERENCE = re.compile(r"^\[\^[^\]]+\]:", re.MULTILINE)


def articles(project: Path) -> list[Article]:
    """The project's articles, validated, newest first (as the index lists them)."""
    return newest_first(load_articles_from(project / "docs"))


def article_page(article: Article) -> str:
    """The built file of an article, relative to the site: articles/x/index.html."""
    return f"{article.url}index.html"


def source(project: Path, article: Article) -> Path:
    return project / "docs" / article.src_uri


def reference_count(project: Path, article: Article) -> int:
    """The references ('[^name]: ...' lines) an article's Markdown defines."""
    return len(_REFERENCE.findall(source(project, article).read_text(encoding="utf-8")))


def page_url(src_uri: str) -> str:
    """The site address of a docs/ file, from the site root: /visit/, /, /articles/x/."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return "/" + stem.removesuffix("index")
    return f"/{stem}/"


def pages_mentioning(project: Path, words: str) -> set[str]:
    """The site addresses of the docs/ pages whose Markdown holds these words."""
    docs = project / "docs"
    return {page_url(path.relative_to(docs).as_posix()) for path in docs.rglob("*.md")
            if words in path.read_text(encoding="utf-8") and path.relative_to(docs).as_posix() not in NOT_PAGES}


def expected_pages(project: Path) -> set[str]:
    """Every HTML file the build makes from docs/ (directory URLs), and the 404 page."""
    docs = project / "docs"
    pages = {"404.html"}
    for path in docs.rglob("*.md"):
        src_uri = path.relative_to(docs).as_posix()
        if src_uri in NOT_PAGES:
            continue
        stem = src_uri[:-3]
        if stem == "index" or stem.endswith("/index"):
            pages.add(f"{stem.removesuffix('index')}index.html")
        else:
            pages.add(f"{stem}/index.html")
    return pages


@functools.cache
def _sources(project: Path) -> dict[str, str]:
    return prepare(project).pages


def source_of(project: Path, site_dir: Path, page: Path) -> str:
    """The Markdown file a built page comes from (docs/articles/x.md for articles/x/index.html),
    from the data step's map of pages; else the built page itself."""
    relative = page.relative_to(site_dir).as_posix()
    return _sources(project).get(relative, f"the built page {relative}")
