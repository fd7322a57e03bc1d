"""The site's search index, built by Pagefind from the finished HTML, offline.

Pagefind (the pagefind-bin package from PyPI ships its binary) splits the index into
small chunks: a search fetches only the chunks for the words typed, so what a visitor
downloads to search stays about the same size however many articles there are. Only
the parts of pages marked `data-pagefind-body` are indexed (the text of each page, not
its header, navigation or footer); pages without it (404, the search page) are left out.

The finish step (clinic_site.finish.index_for_search) runs Pagefind's command line over
the finished site folder, whichever engine built it.
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SEARCH_DIR = "pagefind"  # where the index goes in the site, and where site-search.js looks
# Inside the indexed text, but not what a search should match or quote: an article's
# byline and review dates, its standard "not medical advice" note, permalink symbols,
# and footnote numbers and return arrows.
EXCLUDED = ", ".join([
    ".article-header__byline", ".article-header__dates", ".article-note", ".headerlink",
    ".footnote-ref", ".footnote-backref",
])


class SearchIndexError(Exception):
    """Pagefind failed; the message says how."""


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    seconds: float


def pagefind_executable() -> str:
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except (ImportError, OSError) as error:
        raise SearchIndexError(f"Pagefind could not run ({error}); reinstall the requirements (README).") from None


def pagefind_command(site_dir: Path) -> list[str]:
    return [pagefind_executable(), "--site", str(site_dir), "--output-subdir", SEARCH_DIR, "--exclude-selectors", EXCLUDED, "--quiet"]


def build_search_index(site_dir: Path) -> SearchIndex:
    """Index the built site in site_dir; the index goes to site_dir/pagefind/."""
    start = time.perf_counter()
    try:
        # cwd: the site, so no pagefind.yml from elsewhere changes what is indexed.
        completed = subprocess.run(pagefind_command(site_dir), cwd=site_dir, capture_output=True, text=True)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not run ({error}); reinstall the requirements (README).") from None
    if completed.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{completed.stdout}{completed.stderr}")
    return SearchIndex(indexed_page_count(site_dir / SEARCH_DIR), time.perf_counter() - start)


def indexed_page_count(index_dir: Path) -> int:
    entry = json.loads((index_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())
