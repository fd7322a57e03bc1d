"""MkDocs hook for `python3 scripts/dev.py serve` only: the runner's data step on every
rebuild, and its PREVIEW_STEPS after it (clinic_site.pipeline).

The one hook left, listed only in the preview's generated config (.site-config.serve.yml,
never in mkdocs.yml). A preview rebuilds when a file in docs/ changes, and this runs the
same data step again, so a new or renamed article shows in the articles list, the nav
and its own page without a restart.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from clinic_site.pipeline import finish_preview
from clinic_site.problems import Problems
from clinic_site.report import build_report
from clinic_site.site_data import prepare

log = get_plugin_logger("preview")
_pages: dict[str, str] = {}  # the data step's page -> source map, for the finish steps


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    try:
        data = prepare(project, "mkdocs", use_directory_urls=config.use_directory_urls)
    except Problems as stopped:
        raise PluginError("\n".join(build_report(stopped.problems))) from None
    _pages.clear()
    _pages.update(data.pages)
    config.nav = data.config["nav"]
    config.extra["site"] = data.config["extra"]["site"]
    for notice in data.notices:
        log.info(str(notice))
    return config


def on_post_build(config: MkDocsConfig) -> None:
    problems = finish_preview(Path(config.site_dir), dict(_pages), Path(config.config_file_path).parent)
    if problems:
        raise PluginError("\n".join(build_report(problems)))
