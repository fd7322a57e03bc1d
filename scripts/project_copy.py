"""A throwaway copy of the project: what a build reads, to change and build elsewhere.

Used by the benchmark (scripts/benchmark.py) and the tests (tests/support/site_builder.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts")


def copy_project(destination: Path) -> Path:
    """Copy what a build reads into destination (made if missing); return it."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination
