#!/usr/bin/env python3
"""The data step: validate mkdocs.yml and docs/, and write the config the engine reads.

    python3 scripts/site_data.py [--engine mkdocs|zensical] [-o FILE] [--preview] [--watch]

scripts/site_build.py runs it before every build; `dev.py serve` before the preview.
A mistake prints one plain line per problem and exits with status 1. The logic is in
clinic_site.site_data (pure functions); this file only writes its result.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from clinic_site.messages import DataError
from clinic_site.site_data import ENGINES, SiteData, config_yaml, prepare

ROOT = Path(__file__).resolve().parent.parent


def write_engine_config(project: Path, path: Path, *, engine: str = "mkdocs", directory_urls: bool | None = None,
                        site_dir: str | None = None, extra_settings: dict | None = None) -> SiteData:
    """Run the data step on project and write the engine's config to path (in the project
    root, so docs_dir and custom_dir resolve as in mkdocs.yml). Raises DataError."""
    data = prepare(project, engine, use_directory_urls=directory_urls)
    if site_dir is not None:
        data.config["site_dir"] = site_dir
    data.config.update(extra_settings or {})
    text = config_yaml(data.config)
    if not path.exists() or path.read_text(encoding="utf-8") != text:  # a preview rebuilds on any write
        path.write_text(text, encoding="utf-8")
    return data


PREVIEW_CONFIG = ".site-config.serve.yml"
PREVIEW_HOOK = "scripts/preview_hook.py"  # MkDocs only: Zensical runs no hooks


def preview_settings(engine: str, dirty: bool = False) -> dict:
    """What a live preview changes: MkDocs reruns the data step in its one hook; a --dirty
    preview cannot be strict (MkDocs warns that its navigation may be stale)."""
    settings: dict = {"hooks": [PREVIEW_HOOK]} if engine == "mkdocs" else {"site_dir": ".zensical-site-serve"}
    if dirty:
        settings["strict"] = False
    return settings


def sources_state(project: Path) -> list[tuple[str, int]]:
    """What the data step reads, with modification times: mkdocs.yml and docs/**.md."""
    files = [project / "mkdocs.yml", *sorted((project / "docs").rglob("*.md"))]
    return [(str(path), path.stat().st_mtime_ns) for path in files if path.exists()]


def write_once(output: Path, engine: str, settings: dict) -> bool:
    try:
        data = write_engine_config(ROOT, output, engine=engine, extra_settings=settings)
    except DataError as error:
        print("\n".join(error.lines), file=sys.stderr, flush=True)
        return False
    for line in data.log:
        print(line, flush=True)
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs")
    parser.add_argument("-o", "--output", type=Path, default=None)
    parser.add_argument("--preview", action="store_true", help="the config for a live preview (dev.py serve)")
    parser.add_argument("--dirty", action="store_true", help="for a --dirty preview")
    parser.add_argument("--watch", action="store_true",
                        help="write it again whenever mkdocs.yml or a page changes (Zensical's preview)")
    options = parser.parse_args(argv)
    output = options.output or ROOT / (PREVIEW_CONFIG if options.preview else ".site-config.yml")
    settings = preview_settings(options.engine, options.dirty) if options.preview else {}
    written = write_once(output, options.engine, settings)
    if not options.watch:
        return 0 if written else 1
    state = sources_state(ROOT)
    while True:  # until the preview stops it
        time.sleep(0.5)
        now = sources_state(ROOT)
        if now != state:
            state = now
            write_once(output, options.engine, settings)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
