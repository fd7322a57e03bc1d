#!/usr/bin/env python3
"""Set up and run the site on a fresh machine. Needs only Python 3.11 and pip.

    python3 scripts/dev.py serve    set up, then preview the site with live reload
    python3 scripts/dev.py test     set up, then run every test and content check
    python3 scripts/dev.py build    set up, then build the static site into site/

Set-up makes a virtual environment in .venv and installs the pinned, hash-checked
requirements into it. It runs again only when a requirements file changes.
Standard library only: this script runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def fail(message: str) -> NoReturn:
    print(f"\nERROR: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def run(*command: str | Path, **kwargs) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT, **kwargs)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def site_environment() -> dict[str, str]:
    env = dict(os.environ)
    # Material prints a long banner about its end of life (README, "Maintenance").
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def set_up(requirements: str) -> None:
    """Create .venv and install one pinned requirements file, if not done already."""
    if sys.version_info[:2] < (3, 11):
        fail(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say("Creating the virtual environment in .venv")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256((ROOT / requirements).read_bytes()).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    say(f"Installing {requirements} (pinned, hash-checked)")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--require-hashes", "--no-deps", "-r", requirements)
    stamp.write_text(wanted)


def serve(args: list[str]) -> None:
    set_up("requirements.txt")
    say("Serving the site at http://127.0.0.1:8000/ (Ctrl+C to stop)")
    run(BIN / "mkdocs", "serve", "--livereload", *args, env=site_environment())


def build(args: list[str]) -> None:
    set_up("requirements.txt")
    run(BIN / "mkdocs", "build", "--strict", *args, env=site_environment())


def test(args: list[str]) -> None:
    set_up("requirements-test.txt")
    say("Running the tests")
    run(PYTHON, "-m", "pytest", "tests", *args, env=site_environment())


COMMANDS = {"serve": serve, "test": test, "build": build}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        raise SystemExit(2)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
