"""MkDocs hook for `python3 scripts/dev.py serve` only: the data step on every rebuild.

The one hook left, listed only in the preview's generated config (.site-config.serve.yml,
never in mkdocs.yml). Builds never use it: scripts/site_build.py runs the data step before
the engine and the finish step after. A preview rebuilds when a file in docs/ changes, and
this runs the same data step again, so a new or renamed article shows in the articles
list, the nav and its own page without a restart. No security policy in a preview (its
live reload is an inline script that changes each time); the editors' HTML is checked
against the allowlist as a build checks it, the reference markers are kept apart, and
the search index is rebuilt.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from clinic_site.finish import (
    FinishedSite, FinishError, check_page_content, index_for_search, separate_reference_markers,
)
from clinic_site.messages import DataError
from clinic_site.site_data import prepare

log = get_plugin_logger("preview")
_pages: dict[str, str] = {}  # the data step's page -> source map, for the finish steps below


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    try:
        data = prepare(project, "mkdocs", use_directory_urls=config.use_directory_urls)
    except DataError as error:
        raise PluginError("\n".join(error.lines)) from None
    _pages.clear()
    _pages.update(data.pages)
    config.nav = data.config["nav"]
    config.extra["site"] = data.config["extra"]["site"]
    for line in data.log:
        log.info(line)
    return config


def on_post_build(config: MkDocsConfig) -> None:
    site = FinishedSite(Path(config.site_dir), pages=dict(_pages), project=Path(config.config_file_path).parent)
    try:
        check_page_content(site)
        separate_reference_markers(site)
        index_for_search(site)
    except FinishError as error:
        raise PluginError("\n".join(error.lines)) from None
