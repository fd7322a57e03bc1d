#!/usr/bin/env python3
"""Build the site into site/ all or nothing, the same bytes every time.

    python3 scripts/dev.py build        (sets up .venv, then runs this)

- All or nothing: MkDocs empties its output folder and writes into it as it goes, and
  with `strict: true` it stops only at the end, after writing every page. So the build
  goes into a new sibling folder (site.building-<pid>/) and replaces site/ only when it
  has succeeded. A failed or interrupted build leaves the previous site/ as it was, and
  its leftovers are removed by the next build. site/ is never half-written: it is the
  previous complete site, the new one, or (for the instant between two renames)
  absent.
- The same bytes: SOURCE_DATE_EPOCH is set to the time of the last git commit, so the
  dates MkDocs writes (the sitemap's lastmod, the sitemap.xml.gz header) depend on the
  commit, not on the day of the build. Outside git, MkDocs uses the day of the build.

Standard library only, like dev.py. Other options are passed to `mkdocs build`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILDING = ".building-"  # site.building-<pid>: a build in progress, or left by one that died
REPLACED = ".replaced-"  # site.replaced-<pid>: the previous site, while it is swapped out


def source_date_epoch(project: Path) -> str | None:
    """The time of the last commit, in seconds since 1970, or None outside a git checkout."""
    try:
        completed = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project,
                                   capture_output=True, text=True, check=False)
    except OSError:  # no git
        return None
    stamp = completed.stdout.strip()
    return stamp if completed.returncode == 0 and stamp.isdigit() else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_leftovers(site_dir: Path) -> None:
    """Folders left by builds that died (their process is gone)."""
    for marker in (BUILDING, REPLACED):
        for leftover in site_dir.parent.glob(f"{site_dir.name}{marker}*"):
            pid = leftover.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not _running(int(pid)):
                shutil.rmtree(leftover, ignore_errors=True)


def publish(built: Path, site_dir: Path) -> None:
    """Put the new site in place of the old one: two renames in one folder, no copying."""
    replaced = site_dir.with_name(f"{site_dir.name}{REPLACED}{os.getpid()}")
    if site_dir.exists():
        os.rename(site_dir, replaced)
    os.rename(built, site_dir)
    shutil.rmtree(replaced, ignore_errors=True)


def build(project: Path, site_dir: Path, mkdocs_options: list[str], python: str = sys.executable) -> int:
    """Build with `mkdocs build --strict` into site_dir, all or nothing. Returns the exit status."""
    site_dir = site_dir.resolve()
    remove_leftovers(site_dir)
    building = site_dir.with_name(f"{site_dir.name}{BUILDING}{os.getpid()}")
    env = dict(os.environ)
    if "SOURCE_DATE_EPOCH" not in env and (epoch := source_date_epoch(project)):
        env["SOURCE_DATE_EPOCH"] = epoch
    try:
        completed = subprocess.run(
            [python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(building), *mkdocs_options],
            cwd=project, env=env,
        )
        if completed.returncode != 0:
            print(f"\nThe build failed, so {site_dir} was left as it was.", file=sys.stderr)
            return completed.returncode
        publish(building, site_dir)
        print(f"The site is in {site_dir}")
        return 0
    finally:
        shutil.rmtree(building, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Build the site all or nothing.", add_help=True)
    parser.add_argument("-d", "--site-dir", type=Path, default=ROOT / "site",
                        help="where the site goes (default: site/ beside mkdocs.yml)")
    options, mkdocs_options = parser.parse_known_args(argv)
    return build(ROOT, options.site_dir.absolute(), mkdocs_options)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
