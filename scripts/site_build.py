#!/usr/bin/env python3
"""Build the site into site/ all or nothing, the same bytes every time, with either engine,
one plain line per fault.

    python3 scripts/dev.py build [--engine mkdocs|zensical]     (sets up .venv, then runs this)

Three steps, each a plain function:
  1. data (clinic_site.site_data): read mkdocs.yml and every file under docs/ first
     (clinic_site.preflight: an unreadable file, a page that is not UTF-8, a key written
     twice, settings that repeat blocks (& and *) past a small limit, a script, web page
     or active drawing under docs/ each get one line, and the engine never starts), then
     validate the clinic data and every page's front matter, and write the engine's
     config (.site-config-<pid>.yml in the project root: mkdocs.yml plus everything
     templates read, under extra.site, and the nav);
  2. render: MkDocs + Material (the default) or Zensical builds the pages from it;
  3. finish (clinic_site.finish): the editors' HTML against the allowlist, one stylesheet
     and one script, the photos as web pictures, the share images, the sitemap without
     noindex pages, the security policy, robots.txt and the search index over the
     finished folder, and last a check of every published HTML and SVG file.

- All or nothing: the engine writes into a new sibling folder (site.building-<pid>/),
  which replaces site/ only when all three steps have succeeded. A failed or
  interrupted build leaves the previous site/ as it was; the next build says what it
  left and removes it. site/ is never half-written: it is the previous complete site,
  the new one, or (for the instant between two renames) absent.
- Stops when told: the engine runs in its own process group. Ctrl+C, SIGTERM or SIGHUP
  stops the whole group and publishes nothing; if this process is killed outright, the
  engine is killed with it (Linux: the parent-death signal), so nothing goes on writing.
- The same bytes: SOURCE_DATE_EPOCH is set to the time of the last git commit, so the
  dates the engine writes (the sitemap's lastmod, the sitemap.xml.gz header) depend on
  the commit, not on the day of the build. Outside git, the day of the build is used.
- A full disk or a read-only output folder is one line, never a traceback.

Runs in the set-up environment (.venv); other options are passed to `mkdocs build`
(MkDocs only).
"""

from __future__ import annotations

import argparse
import errno
import importlib.util
import os
import shutil
import signal
import stat
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
ENGINE_FLAG = "--run-engine"  # this file, run as the engine's own process
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_GRACE_SECONDS = 10
ENGINES = {"mkdocs": "MkDocs + Material for MkDocs", "zensical": "Zensical"}
# The package whose templates each engine renders with (the theme's inline scripts are
# read from them by the last check, clinic_site.published_site).
THEME_PACKAGES = {"mkdocs": "material", "zensical": "zensical"}


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


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


def fault_line(error: OSError, writing_to: Path | None = None) -> str:
    """One plain line for a file-system fault, and what to do about it."""
    where = error.filename or writing_to or "a file"
    writing = writing_to is not None and str(where).startswith(str(writing_to))
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"Could not write {where}: the disk is full; free some space, then build again."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if writing:
            return (f"Could not write {where}: the folder is read-only (permission denied); make it "
                    "writable, or build into another folder with --site-dir.")
        return f"Could not read {where}: permission denied; give your user permission to read it."
    verb = "write" if writing else "read"
    return f"Could not {verb} {where}: {error.strerror or error}."


def remove_tree(path: Path) -> OSError | None:
    """Remove a folder, making read-only parts writable first; the error if it cannot."""
    def make_writable_and_retry(function, name, _info):
        try:
            os.chmod(os.path.dirname(name), stat.S_IRWXU)
            if os.path.isdir(name) and not os.path.islink(name):
                os.chmod(name, stat.S_IRWXU)
            function(name)
        except FileNotFoundError:
            pass

    try:
        shutil.rmtree(path, onerror=make_writable_and_retry)
    except FileNotFoundError:
        return None
    except OSError as error:
        return error
    return None


def remove_leftovers(site_dir: Path, project: Path = ROOT) -> list[str]:
    """Remove what builds that died left (their process is gone); say what each was."""
    lines = []
    for marker, what in ((BUILDING, "an unfinished build"), (REPLACED, "a previous site")):
        for leftover in sorted(site_dir.parent.glob(f"{site_dir.name}{marker}*")):
            pid = leftover.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not _running(int(pid)):
                error = remove_tree(leftover)
                if error:
                    lines.append(f"Could not remove {leftover}, {what} left by a build that was stopped "
                                 f"({error.strerror or error}); remove it by hand.")
                else:
                    lines.append(f"Removed {leftover}: {what} left by a build that was stopped.")
    # The data step's config and Zensical's output, inside the project: removed quietly.
    for leftover in [*project.glob(f"{ENGINE_CONFIG}*.yml"), *project.glob(f"{ZENSICAL_OUTPUT}*")]:
        pid = leftover.name.removesuffix(".yml").rsplit("-", 1)[-1]
        if pid.isdigit() and not _running(int(pid)):
            if leftover.is_dir():
                remove_tree(leftover)
            else:
                leftover.unlink(missing_ok=True)
    return lines


def publish(built: Path, site_dir: Path) -> str | None:
    """Put the new site in place of the old one: two renames in one folder, no copying.

    Returns a line to show if the previous site could not be removed afterwards.
    """
    replaced = site_dir.with_name(f"{site_dir.name}{REPLACED}{os.getpid()}")
    if site_dir.exists():
        os.rename(site_dir, replaced)
    os.rename(built, site_dir)
    if error := remove_tree(replaced):
        return (f"The new site is in {site_dir}, but the previous one could not be removed from "
                f"{replaced} ({error.strerror or error}); the next build tries again.")
    return None


# --- The engine, in its own process group ------------------------------------------------------

def _die_with_parent(parent: int) -> None:
    """In the engine's process, before it starts: end it if this build's process ends."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: Ctrl+C and SIGTERM still stop it
        pass
    if os.getppid() != parent:  # the build died before the line above ran
        os._exit(1)


class _Stopped(Exception):
    def __init__(self, signum: int):
        self.signum = signum


def _run_engine(command: list[str], project: Path, env: dict[str, str]) -> int:
    """Run the engine in its own process group; on a stop signal, stop the whole group."""
    parent = os.getpid()
    process = subprocess.Popen(command, cwd=project, env=env, start_new_session=True,
                               preexec_fn=lambda: _die_with_parent(parent))

    def stop(signum, _frame):
        raise _Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        return process.wait()
    except _Stopped as stopped:
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass
        return 128 + stopped.signum
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stopped_by_signal(status: int) -> bool:
    return status > 128 and status - 128 in [int(signum) for signum in STOP_SIGNALS]


def render(engine: str, project: Path, config: Path, building: Path, options: list[str],
           python: str, env: dict[str, str]) -> int:
    """Run the engine on the generated config (in its own process group); the pages go to building/."""
    this_file = str(Path(__file__).resolve())
    if engine == "mkdocs":
        return _run_engine([python, this_file, ENGINE_FLAG, str(building), "mkdocs", "build", "--strict",
                            "--config-file", str(config), "--site-dir", str(building), *options], project, env)
    # Zensical writes only inside the project (its config says where): move the pages out after.
    inside = project / f"{ZENSICAL_OUTPUT}{os.getpid()}"
    try:
        status = _run_engine([python, this_file, ENGINE_FLAG, str(inside), "zensical", "build", "--strict",
                              "--clean", "--config-file", str(config)], project, env)
        if status == 0:
            building.rmdir()  # made empty by build(), to find a read-only folder before the engine runs
            shutil.move(str(inside), str(building))
        return status
    finally:
        remove_tree(inside)


def engine_process(writing_to: Path, engine: str, arguments: list[str]) -> int:
    """The engine's process: `mkdocs ...` or `zensical ...`, with file-system faults as
    one line, not a traceback."""
    if engine == "zensical":
        from zensical.main import cli
    else:
        from mkdocs.__main__ import cli
    try:
        cli.main(args=arguments, prog_name=engine, standalone_mode=True)
    except OSError as error:
        say(fault_line(error, writing_to=writing_to))
        return 1
    except UnicodeDecodeError as error:  # docs/ was checked first: a template, or a file changed since
        say(f"Could not read a file as UTF-8 text (byte {error.start}: {error.reason}); save the files under "
            "docs/ and overrides/ as UTF-8, then build again.")
        return 1
    return 0


def theme_dirs(project: Path, engine: str, config: dict) -> list[Path]:
    """The folders the engine reads templates from: the site's overrides, then the theme's."""
    dirs = []
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:
        dirs.append(project / custom_dir)
    spec = importlib.util.find_spec(THEME_PACKAGES[engine])
    if spec and spec.submodule_search_locations:
        dirs.append(Path(next(iter(spec.submodule_search_locations))) / "templates")
    return dirs


# --- The build ---------------------------------------------------------------------------------

def build(project: Path, site_dir: Path, engine_options: list[str], python: str = sys.executable,
          engine: str = "mkdocs", directory_urls: bool | None = None) -> int:
    """Data, render, finish into a new folder, then swap it in for site_dir. Returns the exit status."""
    site_dir = site_dir.resolve()
    for line in remove_leftovers(site_dir, project):
        say(line)
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
            say("\n".join(error.lines))
            say(f"\nThe build did not start, so {site_dir} was left as it was.")
            return 1
        except OSError as error:  # the project folder itself: the config cannot be written
            say(fault_line(error, writing_to=project))
            say(f"\nThe build did not start, so {site_dir} was left as it was.")
            return 1
        for line in data.log:
            print(line, flush=True)
        started = _step_done("data", started)
        try:
            building.mkdir(parents=True)
        except OSError as error:
            error.filename = str(site_dir.parent)  # the folder the editor chose, not ours inside it
            say(fault_line(error, writing_to=site_dir.parent))
            return 1
        try:
            status = render(engine, project, config, building, engine_options, python, env)
        except OSError as error:  # moving Zensical's pages out of the project
            say(fault_line(error, writing_to=building))
            return _failed(site_dir)
        if _stopped_by_signal(status):
            say(f"\nThe build was stopped, so {site_dir} was left as it was.")
            return status
        if status != 0:
            return _failed(site_dir, status)
        started = _step_done("render", started)
        site = FinishedSite(building, data.site_url, data.pages, project=project,
                            theme_dirs=theme_dirs(project, engine, data.config), noindex=data.noindex,
                            clinic=data.config["extra"]["site"]["clinic"])
        try:
            finish(site)
        except FinishError as error:
            say("\n".join(error.lines))
            return _failed(site_dir)
        except OSError as error:
            say(fault_line(error, writing_to=building))
            return _failed(site_dir)
        for line in site.log:
            print(line, flush=True)
        _step_done("finish", started)
        try:
            note = publish(building, site_dir)
        except OSError as error:
            say(fault_line(error, writing_to=site_dir))
            say(f"The build succeeded but could not be put in place, so {site_dir} was left as it was.")
            return 1
        if note:
            say(note)
        print(f"The site is in {site_dir} (built with {ENGINES[engine]})")
        return 0
    finally:
        config.unlink(missing_ok=True)
        remove_tree(building)


def _step_done(step: str, started: float) -> float:
    now = time.perf_counter()
    print(f"{step} step: {now - started:.2f} s", flush=True)
    return now


def _failed(site_dir: Path, status: int = 1) -> int:
    say(f"\nThe build failed, so {site_dir} was left as it was.")
    return status


def main(argv: list[str]) -> int:
    if argv[:1] == [ENGINE_FLAG]:
        return engine_process(Path(argv[1]), argv[2], argv[3:])
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
