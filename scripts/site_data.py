#!/usr/bin/env python3
"""The data step: validate mkdocs.yml and docs/, and write the config the engine reads.

    python3 scripts/site_data.py [--engine mkdocs|zensical] [-o FILE]

scripts/site_build.py runs it before every build; `dev.py serve` before the preview.
A mistake prints one plain line per problem and exits with status 1. The logic is in
clinic_site.site_data (pure functions); this file only writes its result.
"""

from __future__ import annotations

import argparse
import sys
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
    path.write_text(config_yaml(data.config), encoding="utf-8")
    return data


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / ".site-config.yml")
    options = parser.parse_args(argv)
    try:
        data = write_engine_config(ROOT, options.output, engine=options.engine)
    except DataError as error:
        print("\n".join(error.lines), file=sys.stderr)
        return 1
    for line in data.log:
        print(line)
    print(f"Wrote {options.output} for {options.engine}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
