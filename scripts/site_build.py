#!/usr/bin/env python3
"""Build the site into site/ all or nothing, the same bytes every time, with either engine.

    python3 scripts/dev.py build [--engine mkdocs|zensical]     (sets up .venv, then runs this)

Three steps, each a plain function:
  1. data (clinic_site.site_data): validate mkdocs.yml's clinic data and every page's
     front matter, and write the engine's config (.site-config-<pid>.yml in the project
     root: mkdocs.yml plus everything templates read, under extra.site, and the nav);
  2. render: MkDocs + Material (the default) or Zensical builds the pages from it;
  3. finish (clinic_site.finish): the security policy, one stylesheet and one script,
     robots.txt and the search index, over the finished folder.

- All or nothing: the engine writes into a new sibling folder (site.building-<pid>/),
  which replaces site/ only when all three steps have succeeded. A failed or
  interrupted build leaves the previous site/ as it was, and its leftovers are removed
  by the next build. site/ is never half-written: it is the previous complete site, the
  new one, or (for the instant between two renames) absent.
- The same bytes: SOURCE_DATE_EPOCH is set to the time of the last git commit, so the
  dates the engine writes (the sitemap's lastmod, the sitemap.xml.gz header) depend on
  the commit, not on the day of the build. Outside git, the day of the build is used.

Other options are passed to `mkdocs build` (MkDocs only).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from site_data import write_engine_config

from clinic_site.finish import FinishedSite, FinishError, finish
from clinic_site.messages import DataError

ROOT = Path(__file__).resolve().parent.parent
BUILDING = ".building-"  # site.building-<pid>: a build in progress, or left by one that died
REPLACED = ".replaced-"  # site.replaced-<pid>: the previous site, while it is swapped out
ENGINE_CONFIG = ".site-config-"  # .site-config-<pid>.yml: the data step's config for one build
ZENSICAL_OUTPUT = ".zensical-site-"  # Zensical writes only inside the project: moved out after


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


def remove_leftovers(site_dir: Path, project: Path = ROOT) -> None:
    """Folders and configs left by builds that died (their process is gone)."""
    leftovers = [*(path for marker in (BUILDING, REPLACED) for path in site_dir.parent.glob(f"{site_dir.name}{marker}*")),
                 *project.glob(f"{ENGINE_CONFIG}*.yml"), *project.glob(f"{ZENSICAL_OUTPUT}*")]
    for leftover in leftovers:
        pid = leftover.name.removesuffix(".yml").rsplit("-", 1)[-1]
        if pid.isdigit() and not _running(int(pid)):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def publish(built: Path, site_dir: Path) -> None:
    """Put the new site in place of the old one: two renames in one folder, no copying."""
    replaced = site_dir.with_name(f"{site_dir.name}{REPLACED}{os.getpid()}")
    if site_dir.exists():
        os.rename(site_dir, replaced)
    os.rename(built, site_dir)
    shutil.rmtree(replaced, ignore_errors=True)


def render(engine: str, project: Path, config: Path, building: Path, options: list[str],
           python: str, env: dict[str, str]) -> int:
    """Run the engine on the generated config; the pages go to building/."""
    if engine == "mkdocs":
        return subprocess.run([python, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                               "--site-dir", str(building), *options], cwd=project, env=env).returncode
    # Zensical writes only inside the project (its config says where): move the pages out after.
    inside = project / f"{ZENSICAL_OUTPUT}{os.getpid()}"
    try:
        status = subprocess.run([python, "-m", "zensical", "build", "--strict", "--clean", "--config-file", str(config)],
                                cwd=project, env=env).returncode
        if status == 0:
            shutil.move(str(inside), str(building))
        return status
    finally:
        shutil.rmtree(inside, ignore_errors=True)


def build(project: Path, site_dir: Path, engine_options: list[str], python: str = sys.executable,
          engine: str = "mkdocs", directory_urls: bool | None = None) -> int:
    """Data, render, finish into a new folder, then swap it in for site_dir. Returns the exit status."""
    site_dir = site_dir.resolve()
    remove_leftovers(site_dir, project)
    building = site_dir.with_name(f"{site_dir.name}{BUILDING}{os.getpid()}")
    config = project / f"{ENGINE_CONFIG}{os.getpid()}.yml"
    env = dict(os.environ)
    if "SOURCE_DATE_EPOCH" not in env and (epoch := source_date_epoch(project)):
        env["SOURCE_DATE_EPOCH"] = epoch
    os.environ.update({key: env[key] for key in ("SOURCE_DATE_EPOCH",) if key in env})
    print(f"Building with {ENGINES[engine]}", flush=True)
    started = time.perf_counter()
    try:
        try:
            data = write_engine_config(project, config, engine=engine, directory_urls=directory_urls,
                                       site_dir=f"{ZENSICAL_OUTPUT}{os.getpid()}" if engine == "zensical" else None)
        except DataError as error:
            print("\n".join(error.lines), file=sys.stderr)
            return _failed(site_dir)
        for line in data.log:
            print(line, flush=True)
        started = _step_done("data", started)
        status = render(engine, project, config, building, engine_options, python, env)
        if status != 0:
            return _failed(site_dir, status)
        started = _step_done("render", started)
        site = FinishedSite(building, data.site_url, data.pages, noindex=data.noindex)
        try:
            finish(site)
        except FinishError as error:
            print("\n".join(error.lines), file=sys.stderr)
            return _failed(site_dir)
        for line in site.log:
            print(line, flush=True)
        _step_done("finish", started)
        publish(building, site_dir)
        print(f"The site is in {site_dir} (built with {ENGINES[engine]})")
        return 0
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(building, ignore_errors=True)


def _step_done(step: str, started: float) -> float:
    now = time.perf_counter()
    print(f"{step} step: {now - started:.2f} s", flush=True)
    return now


def _failed(site_dir: Path, status: int = 1) -> int:
    print(f"\nThe build failed, so {site_dir} was left as it was.", file=sys.stderr)
    return status


ENGINES = {"mkdocs": "MkDocs + Material for MkDocs", "zensical": "Zensical"}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Build the site all or nothing.", add_help=True)
    parser.add_argument("-d", "--site-dir", type=Path, default=ROOT / "site",
                        help="where the site goes (default: site/ beside mkdocs.yml)")
    parser.add_argument("--engine", choices=list(ENGINES), default="mkdocs",
                        help="the site generator (default: mkdocs)")
    parser.add_argument("--no-directory-urls", dest="directory_urls", action="store_false", default=None,
                        help="link pages as x.html (a preview that opens from a folder)")
    parser.add_argument("--use-directory-urls", dest="directory_urls", action="store_true")
    options, engine_options = parser.parse_known_args(argv)
    if engine_options and options.engine != "mkdocs":
        parser.error(f"{' '.join(engine_options)}: not an option of the Zensical build")
    return build(ROOT, options.site_dir.absolute(), engine_options, engine=options.engine,
                 directory_urls=options.directory_urls)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
