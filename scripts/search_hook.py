"""MkDocs hook: build the site's search index once the HTML is written.

A thin adapter around clinic_site.search_index (Pagefind). It runs for `mkdocs build`
and for each rebuild of `mkdocs serve`, so search works in the preview too. The search
UI is partials/site-search.html with assets/javascripts/site-search.js.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from clinic_site.search_index import SearchIndexError, build_search_index

log = get_plugin_logger("search")


def on_post_build(config: MkDocsConfig) -> None:
    try:
        index = build_search_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    if index.pages == 0:
        raise PluginError("The search index is empty: no page has data-pagefind-body (see overrides/main.html).")
    log.info("Search index: %d pages in %.2f s", index.pages, index.seconds)
