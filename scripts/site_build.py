#!/usr/bin/env python3
"""Build the site into site/ all or nothing, the same bytes every time, one plain line per fault.

    python3 scripts/dev.py build        (sets up .venv, then runs this)

- Checked first: mkdocs.yml and every file under docs/ are read before the engine runs
  (clinic_site.preflight): an unreadable file, a page that is not UTF-8, a key written
  twice, settings that repeat blocks (& and *) past a small limit, a script, web page or
  active drawing under docs/ each get one line, and the engine never starts.
- All or nothing: MkDocs empties its output folder and writes into it as it goes, and
  with `strict: true` it stops only at the end, after writing every page. So the build
  goes into a new sibling folder (site.building-<pid>/) and replaces site/ only when it
  has succeeded. A failed or interrupted build leaves the previous site/ as it was; the
  next build says what it left and removes it. site/ is never half-written: it is the
  previous complete site, the new one, or (for the instant between two renames) absent.
- Stops when told: the engine runs in its own process group. Ctrl+C, SIGTERM or SIGHUP
  stops the whole group and publishes nothing; if this process is killed outright, the
  engine is killed with it (Linux: the parent-death signal), so nothing goes on writing.
- The same bytes: SOURCE_DATE_EPOCH is set to the time of the last git commit, so the
  dates MkDocs writes (the sitemap's lastmod, the sitemap.xml.gz header) depend on the
  commit, not on the day of the build. Outside git, MkDocs uses the day of the build.
- A full disk or a read-only output folder is one line, never a traceback.

Runs in the set-up environment (.venv); other options are passed to `mkdocs build`.
"""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILDING = ".building-"  # site.building-<pid>: a build in progress, or left by one that died
REPLACED = ".replaced-"  # site.replaced-<pid>: the previous site, while it is swapped out
ENGINE_FLAG = "--run-engine"  # this file, run as the engine's own process
PREFLIGHT_FLAG = "--preflight-only"  # only read mkdocs.yml and docs/, as a build does first
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_GRACE_SECONDS = 10


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


def remove_leftovers(site_dir: Path) -> list[str]:
    """Remove folders left by builds that died (their process is gone); say what each was."""
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


def preflight(project: Path) -> list[str]:
    sys.path.insert(0, str(project / "scripts"))
    from clinic_site.preflight import preflight_problems

    return preflight_problems(project / "mkdocs.yml")


def report_preflight(project: Path) -> bool:
    """Say every problem the pre-flight finds, one line each; True if there were none."""
    problems = preflight(project)
    if problems:
        count = len(problems)
        say(f"The site's files: {count} problem{'s' if count != 1 else ''} to fix before the site can be built:")
        for line in problems:
            say(f"  {line}")
    return not problems


def build(project: Path, site_dir: Path, mkdocs_options: list[str], python: str = sys.executable) -> int:
    """Build with `mkdocs build --strict` into site_dir, all or nothing. Returns the exit status."""
    site_dir = site_dir.resolve()
    for line in remove_leftovers(site_dir):
        say(line)
    if not report_preflight(project):
        say(f"\nThe build did not start, so {site_dir} was left as it was.")
        return 1
    building = site_dir.with_name(f"{site_dir.name}{BUILDING}{os.getpid()}")
    try:
        building.mkdir(parents=True)
    except OSError as error:
        error.filename = str(site_dir.parent)  # the folder the editor chose, not ours inside it
        say(fault_line(error, writing_to=site_dir.parent))
        return 1
    env = dict(os.environ)
    if "SOURCE_DATE_EPOCH" not in env and (epoch := source_date_epoch(project)):
        env["SOURCE_DATE_EPOCH"] = epoch
    try:
        status = _run_engine(
            [python, str(Path(__file__).resolve()), ENGINE_FLAG, str(building),
             "build", "--strict", "--site-dir", str(building), *mkdocs_options],
            project, env,
        )
        if status > 128 and status - 128 in [int(signum) for signum in STOP_SIGNALS]:
            say(f"\nThe build was stopped, so {site_dir} was left as it was.")
            return status
        if status != 0:
            say(f"\nThe build failed, so {site_dir} was left as it was.")
            return status
        try:
            note = publish(building, site_dir)
        except OSError as error:
            say(fault_line(error, writing_to=site_dir))
            say(f"The build succeeded but could not be put in place, so {site_dir} was left as it was.")
            return 1
        if note:
            say(note)
        print(f"The site is in {site_dir}")
        return 0
    finally:
        remove_tree(building)


def engine(building: Path, mkdocs_arguments: list[str]) -> int:
    """The engine's process: `mkdocs ...`, with file-system faults as one line, not a traceback."""
    from mkdocs.__main__ import cli

    try:
        cli.main(args=mkdocs_arguments, prog_name="mkdocs", standalone_mode=True)
    except OSError as error:
        say(fault_line(error, writing_to=building))
        return 1
    except UnicodeDecodeError as error:  # docs/ was checked first: a template, or a file changed since
        say(f"Could not read a file as UTF-8 text (byte {error.start}: {error.reason}); save the files under "
            "docs/ and overrides/ as UTF-8, then build again.")
        return 1
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == [ENGINE_FLAG]:
        return engine(Path(argv[1]), argv[2:])
    if argv[:1] == [PREFLIGHT_FLAG]:  # `dev.py serve` runs this first
        return 0 if report_preflight(ROOT) else 1
    parser = argparse.ArgumentParser(description="Build the site all or nothing.", add_help=True)
    parser.add_argument("-d", "--site-dir", type=Path, default=ROOT / "site",
                        help="where the site goes (default: site/ beside mkdocs.yml)")
    options, mkdocs_options = parser.parse_known_args(argv)
    return build(ROOT, options.site_dir.absolute(), mkdocs_options)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
