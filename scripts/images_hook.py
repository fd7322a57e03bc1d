"""MkDocs hook: photos as editors upload them become web pictures (clinic_site.images).

A thin adapter, run once the site is written (before the search hook writes its
index): every local JPEG/PNG an <img> shows gets web sizes, a modern format, width and
height, and no metadata; the original is not published. Variants are cached in
.cache/images/ beside mkdocs.yml. A picture that cannot be published stops the build
with one line per problem.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from clinic_site.images import publish_images

log = get_plugin_logger("images")


def on_post_build(config: MkDocsConfig) -> None:
    project = Path(config.config_file_path).parent
    report = publish_images(Path(config.site_dir), project / ".cache" / "images", Path(config.docs_dir))
    if report.problems:
        raise PluginError("\n".join(report.problems))
    log.info("Pictures: %d shown, %d files, %d made in %.2f s (the rest from .cache/images/)",
             report.pictures, report.originals, report.encoded, report.seconds_encoding)
