"""MkDocs hook: text stays text, and every page carries its security policy.

A thin adapter; the logic is in clinic_site.escaping, .csp, .sanitize and .published_site.

- on_config, on_page_markdown: the site name and description, and each page's title,
  description and author, are escaped once (Markup), because the theme prints them as
  they are in <title>, meta tags, the header, nav, footer and search index.
- on_page_content: a page whose Markdown turns into HTML beyond the allowlist of
  clinic_site.sanitize (a <script>, <style>, <meta>, <base>, onclick=, a javascript: or
  data: link, a style attribute, a file from another site) is reported; on_env stops
  the build with every such problem, one line each, with the line of the Markdown file.
- on_post_page, on_post_template: every HTML file (404.html too, which is rendered from
  a static template, where page events do not run) gets its Content Security Policy and
  referrer policy first in <head>, allowing exactly its own inline scripts by hash.
- on_post_build: writes _headers with the same policy for the whole site, then reads
  every published HTML and SVG file once more (clinic_site.published_site): anything
  that could run, redirect or hide a page, whatever wrote it, fails the build.

`mkdocs serve` gets no policy: its live reload is an inline script that changes on
every reload, so no hash can allow it. `mkdocs build` (tests, deploy) always has it.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from clinic_site.csp import InlineCode, headers_file, with_security_meta
from clinic_site.escaping import CONFIG_TEXT_FIELDS, PAGE_TEXT_FIELDS, escaped_fields
from clinic_site.published_site import check_published_site, theme_inline_scripts
from clinic_site.sanitize import content_problems

log = get_plugin_logger("security")


class _Build:
    serving = False
    blocked: list[str]
    inline_code: InlineCode


_build = _Build()


def on_startup(command: str, dirty: bool) -> None:
    _build.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _build.blocked = []
    _build.inline_code = InlineCode()
    for name, value in escaped_fields(config, CONFIG_TEXT_FIELDS).items():
        config[name] = value
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # After the clinic hook has set an article's author (hooks run in mkdocs.yml's order).
    page.meta.update(escaped_fields(page.meta, PAGE_TEXT_FIELDS))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = os.path.join(os.path.relpath(config.docs_dir), page.file.src_path)
    _build.blocked.extend(content_problems(html, page.file.content_string, where=where))
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every page has been read by now: report all problems at once.
    if _build.blocked:
        lines = [f"  {problem}" for problem in _build.blocked]
        count = len(lines)
        raise PluginError("\n".join([
            f"The pages: {count} problem{'s' if count != 1 else ''} to fix before the site can be built:",
            *lines,
        ]))
    return env


def _secure(output: str, what: str) -> str:
    if _build.serving:
        return output
    try:
        secured, code = with_security_meta(output)
    except ValueError as error:
        raise PluginError(f"{what}: {error}") from None
    _build.inline_code |= code
    return secured


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _secure(output, page.file.src_path)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):  # sitemap.xml
        return output_content
    return _secure(output_content, template_name)


def on_post_build(config: MkDocsConfig) -> None:
    if _build.serving:
        return
    with open(os.path.join(config.site_dir, "_headers"), "w", encoding="utf-8") as file:
        file.write(headers_file(_build.inline_code))
    if problems := check_published_site(Path(config.site_dir), theme_inline_scripts(config.theme.dirs),
                                        urlsplit(config.site_url or "/").path):
        raise PluginError("\n".join(["The built site has what must never be published:", *problems]))
