"""MkDocs hook for the content check's own build (scripts/content_checks.py), in place
of security_hook.py: it reports what the security policy would block as warnings, one
per problem, instead of stopping the build before links and anchors are checked.

Never used by a real build: the check puts it in a throwaway copy's mkdocs.yml.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from clinic_site.csp import blocked_in_content

log = get_plugin_logger("content-check")
MARK = "BLOCKED CONTENT"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = os.path.join(os.path.relpath(config.docs_dir), page.file.src_path).replace(os.sep, "/")
    for problem in blocked_in_content(html):
        log.warning(f"{MARK} {where}: {problem}")
    return html
