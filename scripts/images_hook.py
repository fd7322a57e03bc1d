"""MkDocs hook: photos as editors upload them become web pictures (clinic_site.images).

A thin adapter. Each page's <img> of a local JPEG/PNG becomes a <picture> as the page
is written (before the search hook reads it, so the index never names an unpublished
file); once the site is written, the web sizes are copied in, the originals removed and
every other JPEG/PNG stripped of its metadata. Variants are cached in .cache/images/
beside mkdocs.yml. A picture that cannot be published stops the build with one line
per problem.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from clinic_site.images import ImagePublisher

log = get_plugin_logger("images")


class _Build:
    publisher: ImagePublisher


_build = _Build()


def on_pre_build(config: MkDocsConfig) -> None:
    cache = Path(config.config_file_path).parent / ".cache" / "images"
    _build.publisher = ImagePublisher(Path(config.site_dir), cache, Path(config.docs_dir))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _build.publisher.page(page.file.dest_uri, output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html, rendered from a static template, where page events do not run
    return _build.publisher.page(template_name, output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    report = _build.publisher.finish()
    if report.problems:
        raise PluginError("\n".join(report.problems))
    log.info("Pictures: %d shown, from %d files; %d made in %.2f s, the rest from .cache/images/",
             report.pictures, report.originals, report.encoded, report.seconds_encoding)
