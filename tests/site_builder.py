"""Build the site the way editors and CI do: scripts/site_build.py (data, engine, finish)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from project_copy import copy_project  # noqa: F401 (the tests import it from here)

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildResult:
    returncode: int
    output: str
    seconds: float
    site_dir: Path


ENGINES = ("mkdocs", "zensical")


def build_site(project: Path, site_dir: Path, extra_env: dict[str, str] | None = None,
               extra_args: tuple[str, ...] = (), engine: str = "mkdocs") -> BuildResult:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(project / "scripts" / "site_build.py"), "--engine", engine,
         "--site-dir", str(site_dir), *extra_args],
        cwd=project, env=env, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - start
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, seconds, site_dir)


def html_files(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))
