"""MkDocs hook: the share image (og:image) of every page, drawn after the site is built.

A thin adapter, to move to the finish step over the output folder: the work is
clinic_site.share_image.write_share_images(site_dir, ...), which reads the finished
pages' og:image and og:title (overrides/partials/page-meta.html names the images).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from clinic_site.clinic import load_clinic
from clinic_site.share_image import write_share_images


def on_post_build(config: MkDocsConfig) -> None:
    clinic = load_clinic(config.extra.get("clinic"))  # validated already by the clinic hook
    address = " · ".join([clinic.one_line_address, *clinic.hours_lines])
    write_share_images(Path(config.site_dir), config.site_url or "", clinic.name, address)
