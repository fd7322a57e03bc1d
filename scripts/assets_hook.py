"""MkDocs hook: every page links one stylesheet and one script.

A thin adapter around clinic_site.site_assets.

- Stylesheet: Material's two stylesheets and each extra_css file, combined.
  main.html's `styles` block links it instead of the theme's links.
- Script: the extra_javascript files (classic scripts), combined and deferred.
  main.html's `scripts` block links it in place of Material's bundle, which the site does
  not load (assets/javascripts/theme.js does what the site needs of it). A module
  script is left linked as it is.

So an article's first view makes two requests for the site's CSS and JavaScript, and
nothing but the stylesheet blocks the first paint.
"""

from __future__ import annotations

import fnmatch

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from clinic_site.site_assets import (
    SCRIPTS_DIR, STYLESHEETS_DIR, asset_path, combine_scripts, combine_stylesheets, relative_urls,
)

# Material's own stylesheets, as its base.html links them (names carry a content hash).
THEME_STYLESHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")


class _Build:
    extra_css: list[str] = []
    extra_scripts: list[str] = []
    stylesheet: str | None = None
    script: str | None = None


_build = _Build()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # What goes into the combined files; base.html must not link it again.
    _build.extra_css = list(config.extra_css)
    config.extra_css = []
    classic = [script for script in config.extra_javascript if getattr(script, "type", "") != "module"]
    _build.extra_scripts = [str(script) for script in classic]
    config.extra_javascript = [script for script in config.extra_javascript if script not in classic]
    return config


def _theme_stylesheet(files: Files, pattern: str) -> File:
    matches = [file for file in files if fnmatch.fnmatch(file.src_uri, pattern)]
    if len(matches) != 1:
        raise PluginError(
            f"assets_hook: expected one theme stylesheet like {pattern}, found {len(matches)}. "
            "Has Material for MkDocs changed? Update THEME_STYLESHEETS in scripts/assets_hook.py."
        )
    return matches[0]


def _site_file(files: Files, path: str, setting: str) -> File:
    file = files.get_file_from_path(path)
    if file is None:
        raise PluginError(f"mkdocs.yml: {setting} lists {path!r}, but there is no such file in docs/ or overrides/.")
    return file


def on_files(files: Files, config: MkDocsConfig) -> Files:
    parts = [(file.src_uri, file.content_string) for file in
             (_theme_stylesheet(files, pattern) for pattern in THEME_STYLESHEETS)]
    for path in _build.extra_css:
        file = _site_file(files, path, "extra_css")
        css = file.content_string
        if not file.src_uri.startswith(STYLESHEETS_DIR) and relative_urls(css):
            raise PluginError(
                f"{path}: its url() references would break when served from {STYLESHEETS_DIR}: "
                f"move the file there ({', '.join(relative_urls(css))})."
            )
        parts.append((file.src_uri, css))
    css = combine_stylesheets(parts)
    _build.stylesheet = asset_path(STYLESHEETS_DIR, "css", css)
    files.append(File.generated(config, _build.stylesheet, content=css))

    _build.script = None
    if _build.extra_scripts:
        scripts = []
        for path in _build.extra_scripts:
            file = _site_file(files, path, "extra_javascript")
            if not file.src_uri.startswith(SCRIPTS_DIR):
                # A script finds the files it loads next to itself (site-search.js).
                raise PluginError(f"{path}: move it into {SCRIPTS_DIR}, where the combined script is served from.")
            scripts.append((file.src_uri, file.content_string))
        js = combine_scripts(scripts)
        _build.script = asset_path(SCRIPTS_DIR, "js", js)
        files.append(File.generated(config, _build.script, content=js))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["site_stylesheet"] = _build.stylesheet
    env.globals["site_script"] = _build.script
    return env
