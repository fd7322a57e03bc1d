#!/usr/bin/env python3
"""Set up and run the site on a fresh machine. Needs only Python 3.11 and pip.

    python3 scripts/dev.py serve    set up, then preview the site with live reload
    python3 scripts/dev.py test     set up, then run every test and content check
    python3 scripts/dev.py check    set up, then the fast content check (under a minute): what editors can break
    python3 scripts/dev.py build    set up, then build the static site into site/ (all or nothing)
        serve and build take --engine zensical to use Zensical instead of MkDocs + Material
    python3 scripts/dev.py benchmark   build times and page weight at 10 to 3,000 articles
    python3 scripts/dev.py audit    Lighthouse scores of each kind of page, mobile and desktop

Set-up makes a virtual environment in .venv and installs the pinned, hash-checked
requirements into it. It runs again only when a requirements file changes.
Standard library only: this script runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from clinic_site import cli  # noqa: E402  (standard library only, like this file)
from clinic_site.engines import ENGINE_REQUIREMENTS  # noqa: E402

VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def fail(message: str) -> NoReturn:
    print(f"\nERROR: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def run(*command: str | Path, **kwargs: object) -> None:
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


# What the browser, HTML-validation and audit tests need beyond Python: the command,
# where to look for it, and the Debian package that provides it.
SYSTEM_TOOLS = {
    "chromium": (("CHROMIUM_PATH",), ("chromium", "chromium-browser"), "chromium"),
    "npm": ((), ("npm",), "npm"),
    "java": ((), ("java",), "default-jre-headless"),
}


# The fonts the browser tests render with, and their Debian packages: where a line
# wraps depends on the font, so every machine renders with these (README, "Tests").
TEST_FONTS = {"DejaVu Sans": "fonts-dejavu-core", "DejaVu Sans Mono": "fonts-dejavu-core"}


def missing_font_packages() -> list[str]:
    """The packages of the test fonts this machine lacks (fontconfig lists them)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return ["fontconfig", *dict.fromkeys(TEST_FONTS.values())]
    listed = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False).stdout
    families = {family.strip() for line in listed.splitlines() for family in line.split(",")}
    return list(dict.fromkeys(package for font, package in TEST_FONTS.items() if font not in families))


def find_tool(name: str) -> str | None:
    variables, commands, _ = SYSTEM_TOOLS[name]
    for variable in variables:
        if os.environ.get(variable) and Path(os.environ[variable]).exists():
            return os.environ[variable]
    for command in commands:
        if found := shutil.which(command):
            return found
    return None


def ensure_system_tools() -> dict[str, str]:
    """Find Chromium, npm, Java and the test fonts; install what is missing with apt-get when we can.

    Never downloads a browser any other way (no `playwright install`).
    """
    missing = [name for name in SYSTEM_TOOLS if not find_tool(name)]
    font_packages = missing_font_packages()
    if missing or font_packages:
        packages = [SYSTEM_TOOLS[name][2] for name in missing] + font_packages
        missing = missing + [f"the fonts ({', '.join(font_packages)})"] * bool(font_packages)
        can_install = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
        if not can_install:
            fail(
                f"The browser and HTML tests need: {', '.join(missing)}. Install them, then run again:\n"
                f"  Debian or Ubuntu:  sudo apt-get install -y {' '.join(packages)}\n"
                "  Elsewhere: install Chromium, Node.js 18+ with npm and Java 11+; if Chromium is not on\n"
                "  the PATH, set CHROMIUM_PATH to its executable."
            )
        say(f"Installing {', '.join(packages)} with apt-get")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)
        still_missing = [name for name in SYSTEM_TOOLS if not find_tool(name)] + missing_font_packages()
        if still_missing:
            fail(f"apt-get ran, but these are still missing: {', '.join(still_missing)}")
    return {name: find_tool(name) for name in SYSTEM_TOOLS}


def set_up_node(npm: str) -> None:
    """Install the pinned check tools from package-lock.json (axe-core, vnu-jar, lighthouse)."""
    wanted = hashlib.sha256((ROOT / "package-lock.json").read_bytes()).hexdigest()
    stamp = ROOT / "node_modules" / ".installed-package-lock"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    say("Installing the pinned Node.js check tools (npm ci)")
    # --ignore-scripts: no package runs code at install time.
    run(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")
    stamp.write_text(wanted)


def pipeline_environment(root: Path = ROOT) -> dict[str, str]:
    """The site's environment, with the clinic_site package of root importable (`python -m clinic_site`)."""
    env = site_environment()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root / "scripts"), env.get("PYTHONPATH", "")]))
    return env


def pipeline_command(args: list[str], python: str | Path = PYTHON) -> list[str]:
    """The runner's command line (clinic_site.cli), as dev.py runs it in the set-up .venv."""
    return [str(python), "-m", "clinic_site", *args]


def pipeline(command: str, args: list[str]) -> None:
    """build, serve or check: set up what the command needs, then run the runner."""
    options, _ = cli.parse([command, *args])  # a mistake in the options is one usage line, before set-up
    # The check needs the linter, spelling and reading-level tools (the build's list is in it).
    set_up("requirements-test.txt" if command == "check" else ENGINE_REQUIREMENTS[options.engine])
    runner = pipeline_command([command, *args])
    sys.stdout.flush()
    if command != "build" or os.name == "nt":  # no exec that keeps the process there
        run(*runner, env=pipeline_environment())
        return
    os.chdir(ROOT)
    # All or nothing, and the same bytes for the same commit (clinic_site.pipeline.build).
    # Replaced by the runner (exec), not its parent: a signal to this process reaches the
    # build, which stops its engine and publishes nothing.
    os.execve(PYTHON, runner, pipeline_environment())


def serve(args: list[str]) -> None:
    pipeline("serve", args)


def build(args: list[str]) -> None:
    pipeline("build", args)


def check(args: list[str]) -> None:
    """The content checks only, one line per problem (clinic_site.cli.check); no pytest."""
    pipeline("check", args)


def test(args: list[str]) -> None:
    set_up("requirements-test.txt")
    set_up("requirements-zensical.txt")  # the built-site tests check both engines' output
    tools = ensure_system_tools()
    set_up_node(tools["npm"])
    env = {**pipeline_environment(), "CHROMIUM_PATH": tools["chromium"]}
    if not args or args[0].startswith("-"):  # the whole suite: the code's own checks first
        say("Checking the code (ruff, then mypy on the clinic_site package)")
        run(BIN / "ruff", "check", "--quiet", env=env)
        run(BIN / "mypy", env=env)
    say(f"Running the tests (Chromium: {tools['chromium']})")
    run(PYTHON, "-m", "pytest", *(args if args and not args[0].startswith("-") else ["tests", *args]), env=env)


def benchmark(args: list[str]) -> None:
    set_up("requirements-test.txt")  # the page-weight reader parses HTML with selectolax
    run(PYTHON, "scripts/benchmark.py", *args, env=site_environment())


def audit(args: list[str]) -> None:
    set_up("requirements-test.txt")
    tools = ensure_system_tools()
    set_up_node(tools["npm"])
    run(PYTHON, "scripts/audit.py", *args, env={**site_environment(), "CHROME_PATH": tools["chromium"]})


COMMANDS = {"serve": serve, "test": test, "check": check, "build": build, "benchmark": benchmark, "audit": audit}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        raise SystemExit(2)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
