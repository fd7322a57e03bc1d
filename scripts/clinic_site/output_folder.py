"""The output folder: a build goes into a new folder beside it, which replaces it only
when every step has passed; what a build that died left is removed by the next one.

site/ is never half-written: it is the previous complete site, the new one, or (for the
instant between two renames) absent. A file-system fault is one plain Problem.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .problems import Problem

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


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def fault(error: OSError, writing_to: Path | None = None) -> Problem:
    """A file-system fault, in one plain sentence, and what to do about it."""
    where = error.filename or writing_to or "a file"
    writing = writing_to is not None and str(where).startswith(str(writing_to))
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        message = f"Could not write {where}: the disk is full; free some space, then build again."
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        message = (f"Could not write {where}: the folder is read-only (permission denied); make it "
                   "writable, or build into another folder with --site-dir." if writing else
                   f"Could not read {where}: permission denied; give your user permission to read it.")
    else:
        message = f"Could not {'write' if writing else 'read'} {where}: {error.strerror or error}."
    return Problem("", None, message)


def remove_tree(path: Path) -> OSError | None:
    """Remove a folder, making read-only parts writable first; the error if it cannot."""
    def make_writable_and_retry(function: Callable[[str], Any], name: str, _info: Any) -> None:
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


def remove_leftovers(site_dir: Path, project: Path) -> list[str]:
    """Remove what builds that died left (their process is gone); say what each was."""
    lines = []
    for marker, what in ((BUILDING, "an unfinished build"), (REPLACED, "a previous site")):
        for leftover in sorted(site_dir.parent.glob(f"{site_dir.name}{marker}*")):
            pid = leftover.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not running(int(pid)):
                error = remove_tree(leftover)
                if error:
                    lines.append(f"Could not remove {leftover}, {what} left by a build that was stopped "
                                 f"({error.strerror or error}); remove it by hand.")
                else:
                    lines.append(f"Removed {leftover}: {what} left by a build that was stopped.")
    # The data step's config and Zensical's output, inside the project: removed quietly.
    for leftover in [*project.glob(f"{ENGINE_CONFIG}*.yml"), *project.glob(f"{ZENSICAL_OUTPUT}*")]:
        pid = leftover.name.removesuffix(".yml").rsplit("-", 1)[-1]
        if pid.isdigit() and not running(int(pid)):
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
