"""MkDocs hook: every page links one stylesheet, the theme's CSS and extra_css combined.

A thin adapter around clinic_site.stylesheets. Material's base template links its two
stylesheets (in the `styles` block) and then each extra_css file; main.html replaces
the `styles` block with one link to the combined file this hook adds to the site. So
first views wait for one stylesheet instead of three, and nothing else blocks rendering.
"""

from __future__ import annotations

import fnmatch

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from clinic_site.stylesheets import STYLESHEETS_DIR, combine_stylesheets, relative_urls, stylesheet_path

# Material's own stylesheets, as its base.html links them (names carry a content hash).
THEME_STYLESHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")


class _Build:
    extra_css: list[str] = []
    stylesheet: str | None = None


_build = _Build()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The extra stylesheets go into the combined file; base.html must not link them again.
    _build.extra_css = list(config.extra_css)
    config.extra_css = []
    return config


def _theme_stylesheet(files: Files, pattern: str) -> File:
    matches = [file for file in files if fnmatch.fnmatch(file.src_uri, pattern)]
    if len(matches) != 1:
        raise PluginError(
            f"stylesheet_hook: expected one theme stylesheet like {pattern}, found {len(matches)}. "
            "Has Material for MkDocs changed? Update THEME_STYLESHEETS in scripts/stylesheet_hook.py."
        )
    return matches[0]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    theme = [_theme_stylesheet(files, pattern) for pattern in THEME_STYLESHEETS]
    parts = [(file.src_uri, file.content_string) for file in theme]
    for path in _build.extra_css:
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"mkdocs.yml: extra_css lists {path!r}, but there is no such file in docs/ or overrides/.")
        css = file.content_string
        if not file.src_uri.startswith(STYLESHEETS_DIR) and relative_urls(css):
            raise PluginError(
                f"{path}: its url() references would break when served from {STYLESHEETS_DIR}: "
                f"move the file there ({', '.join(relative_urls(css))})."
            )
        parts.append((file.src_uri, css))
    css = combine_stylesheets(parts)
    _build.stylesheet = stylesheet_path(css)
    files.append(File.generated(config, _build.stylesheet, content=css))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["site_stylesheet"] = _build.stylesheet
    return env
