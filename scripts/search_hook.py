"""MkDocs hook: build the site's search index from the pages as they are written.

A thin adapter around clinic_site.search_index (Pagefind). Pagefind's service reads each
finished page while the build renders the next (on the machine's other core), and writes
the index once the build is done. A --dirty build writes only changed pages, so it
indexes the whole built site with Pagefind's command line instead. It runs for
`mkdocs build` and for each rebuild of `mkdocs serve`, so search works in the preview
too. The search UI is partials/site-search.html with assets/javascripts/site-search.js.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from clinic_site.search_index import SEARCH_DIR, SearchIndexer, SearchIndexError, build_search_index

log = get_plugin_logger("search")


class _Build:
    dirty = False
    indexer: SearchIndexer | None = None


_build = _Build()


def _stop(error: SearchIndexError) -> PluginError:
    _close()
    return PluginError(str(error))


def _close() -> None:
    if _build.indexer is not None:
        _build.indexer.close()
        _build.indexer = None


def on_startup(command: str, dirty: bool) -> None:
    _build.dirty = dirty


def on_pre_build(config: MkDocsConfig) -> None:
    _close()
    if not _build.dirty:
        try:
            _build.indexer = SearchIndexer()
        except SearchIndexError as error:
            raise _stop(error) from None


def _add(path_in_site: str, output: str) -> None:
    if _build.indexer is not None:
        try:
            _build.indexer.add(path_in_site, output)
        except SearchIndexError as error:
            raise _stop(error) from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _add(page.file.dest_uri, output)
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):  # 404.html
        _add(template_name, output_content)
    return output_content


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    try:
        if _build.indexer is not None:
            index = _build.indexer.write(site_dir / SEARCH_DIR)
        else:
            index = build_search_index(site_dir)
    except SearchIndexError as error:
        raise _stop(error) from None
    finally:
        _build.indexer = None
    if index.pages == 0:
        raise PluginError("The search index is empty: no page has data-pagefind-body (see overrides/main.html).")
    # The seconds the build waited for the index once its pages were written.
    log.info("Search index: %d pages in %.2f s", index.pages, index.seconds)


def on_build_error(error: Exception) -> None:
    _close()
