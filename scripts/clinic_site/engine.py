"""The engine adapter: the one place MkDocs or Zensical runs, for a build and a preview.

- ``render``: the engine builds the pages from the data step's config into a folder, in
  its own process group (Ctrl+C, SIGTERM or SIGHUP stop the whole group; if this process
  is killed outright, the engine dies with it: Linux's parent-death signal). Its warnings
  come back as Problems on the editor's file and line (a link to a page or a section
  that does not exist); anything else it says is passed on as it is.
- ``serve_command``: the engine's live preview.

The engine's own process is ``python -m clinic_site.engine``: it runs the engine's command
line and reports a file-system fault as a Problem (JSON, to a file the adapter reads),
never a traceback.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from .engines import THEME_PACKAGES
from .output_folder import ZENSICAL_OUTPUT, fault, remove_tree
from .problems import Problem

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_GRACE_SECONDS = 10
SCRIPTS = Path(__file__).resolve().parent.parent  # the folder holding this package


@dataclass
class Rendered:
    status: int  # the engine's exit status (128 + the signal when it was stopped)
    problems: list[Problem] = field(default_factory=list)  # its warnings, on the editors' lines
    output: list[str] = field(default_factory=list)  # everything else it said

    @property
    def stopped(self) -> bool:
        return self.status > 128 and self.status - 128 in [int(signum) for signum in STOP_SIGNALS]


def python_environment(env: Mapping[str, str]) -> dict[str, str]:
    """env, with this package importable (the engine's process runs `-m clinic_site.engine`)."""
    paths = [str(SCRIPTS), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    return {**env, "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}


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


def _run(command: list[str], project: Path, env: Mapping[str, str]) -> tuple[int, str]:
    """Run the engine in its own process group, its output captured; on a stop signal,
    stop the whole group."""
    parent = os.getpid()
    process = subprocess.Popen(command, cwd=project, env=dict(env), start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               errors="replace", preexec_fn=lambda: _die_with_parent(parent))

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise _Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        output, _ = process.communicate()
        return process.returncode, output
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
        return 128 + stopped.signum, ""
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def render(engine: str, project: Path, config: Path, building: Path, options: list[str],
           env: Mapping[str, str], docs_name: str = "docs", python: str = sys.executable) -> Rendered:
    """Run the engine on the generated config; the pages go to building/ (which must exist,
    empty). Raises OSError when Zensical's pages cannot be moved into place."""
    with tempfile.TemporaryDirectory(prefix="engine-") as scratch:
        faults = Path(scratch) / "problems.jsonl"
        prefix = [python, "-m", "clinic_site.engine", str(faults)]
        environment = python_environment(env)
        if engine == "mkdocs":
            status, output = _run([*prefix, str(building), "mkdocs", "build", "--strict", "--config-file",
                                   str(config), "--site-dir", str(building), *options], project, environment)
        else:
            # Zensical writes only inside the project (its config says where): moved out after.
            inside = project / f"{ZENSICAL_OUTPUT}{os.getpid()}"
            try:
                status, output = _run([*prefix, str(inside), "zensical", "build", "--strict", "--clean",
                                       "--config-file", str(config)], project, environment)
                if status == 0:
                    building.rmdir()  # made empty by the runner, to find a read-only folder before the engine runs
                    shutil.move(str(inside), str(building))
            finally:
                remove_tree(inside)
        problems = [Problem(**json.loads(line)) for line in faults.read_text().splitlines()] \
            if faults.exists() else []
    mapped, rest = engine_warnings(engine, output, project, docs_name)
    return Rendered(status, problems + mapped, rest)


def theme_dirs(project: Path, engine: str, config: Mapping[str, Any]) -> list[Path]:
    """The folders the engine reads templates from: the site's overrides, then the theme's."""
    dirs = []
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:
        dirs.append(project / custom_dir)
    spec = importlib.util.find_spec(THEME_PACKAGES[engine])
    if spec and spec.submodule_search_locations:
        dirs.append(Path(next(iter(spec.submodule_search_locations))) / "templates")
    return dirs


def serve_command(engine: str, config: str, address: str, options: list[str],
                  python: str = sys.executable) -> list[str]:
    """The engine's live preview of the data step's preview config, at address."""
    if engine == "mkdocs":
        return [python, "-m", "mkdocs", "serve", "--livereload", "--config-file", config,
                "--dev-addr", address, *options]
    return [python, "-m", "zensical", "serve", "--config-file", config, "--dev-addr", address]


# --- What the engines say, on the editors' lines -----------------------------------------------

_SECTION_FIX = "after the '#', write the section's heading in lower case, with dashes for spaces"
_IMAGE_FILE = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg)$", re.IGNORECASE)


def link_message(link: str, kind: str, target: str = "") -> str:
    """What an editor reads about a link the engine cannot follow, and the fix.

    kind: "no-page" (no such file), "no-section" (target, a page, has no such section),
    "no-section-here" (this page has none), "absolute", "not-a-page".
    """
    if kind == "no-page" and _IMAGE_FILE.search(link):
        return (f"the picture '{link}' is not in the docs folder; upload it next to the article, or correct "
                "its name (capital letters count)")
    if kind == "no-page":
        return (f"the link '{link}' goes to a page that does not exist; check the file name in the docs "
                "folder (a link names the page's .md file, like ../visit.md)")
    if kind == "no-section":
        return f"the link '{link}' goes to a section that {target} does not have; {_SECTION_FIX}"
    if kind == "no-section-here":
        return f"the link '{link}' goes to a section this page does not have; {_SECTION_FIX}"
    if kind == "absolute" or link.startswith("/"):
        return f"the link '{link}' starts with '/'; link to the page's .md file instead, like ../visit.md"
    return f"the link '{link}' does not name a page's .md file; link to the file, like ../visit.md"


def line_of(text: str, *needles: str) -> int | None:
    """The first line of text holding any of the needles (case-insensitive), else None."""
    lines = text.lower().split("\n")
    for needle in needles:
        needle = needle.lower()
        for number, line in enumerate(lines, start=1):
            if needle and needle in line:
                return number
    return None


# MkDocs' own words (mkdocs/structure/pages.py), one warning a line.
_MKDOCS_WARNING = re.compile(r"^(WARNING|ERROR)\s+-\s+(?P<text>.*)$")
_MKDOCS_LINK = re.compile(r"Doc file '(?P<file>[^']+)' contains (?P<how>a|an|an absolute|an unrecognized relative) "
                          r"link '(?P<link>[^']*)'(?P<rest>.*)$")
_MKDOCS_ANCHOR = re.compile(r"the doc '(?P<doc>[^']+)' does not contain an anchor")
# Zensical's: "Warning: page does not exist", then the place, "[ articles/x.md:131:9 ]".
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ZENSICAL_WARNING = re.compile(r"^Warning: (?P<what>.+)$")
_ZENSICAL_PLACE = re.compile(r"\[ (?P<file>[^\]:]+\.md):(?P<line>\d+):(?P<column>\d+) \]")
_NOISE = ("Aborted with", "issues found", "Traceback", "Aborted because --strict")


def _source(project: Path, docs_name: str, src_uri: str) -> tuple[str, str]:
    shown = f"{docs_name}/{src_uri}"
    try:
        return shown, (project / shown).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return shown, ""


def _mkdocs_problem(text: str, project: Path, docs_name: str) -> Problem | None:
    link = _MKDOCS_LINK.search(text)
    if not link:
        return None
    shown, source = _source(project, docs_name, link["file"])
    rest, target = link["rest"], link["link"]
    anchor = _MKDOCS_ANCHOR.search(rest)
    kind = ("absolute" if link["how"] == "an absolute" else "not-a-page" if "unrecognized" in link["how"]
            else "no-page" if "is not found among documentation files" in rest
            else "no-section" if anchor else "no-section-here" if "there is no such anchor" in rest else "other")
    return Problem(shown, line_of(source, f"]({target}", target),
                   link_message(target, kind, anchor["doc"] if anchor else ""), rule="link")


def _zensical_problem(what: str, file: str, line: int, column: int, project: Path, docs_name: str) -> Problem:
    shown, source = _source(project, docs_name, file)
    lines = source.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    start = text.rfind("](", 0, column) + 2
    end = text.find(")", start)
    target = text[start:end] if start >= 2 and end > start else ""
    if "anchor" in what:
        page = target.split("#", 1)[0]
        kind, doc = ("no-section", posixpath_name(page)) if page else ("no-section-here", "")
    else:
        kind, doc = "no-page", ""
    return Problem(shown, line, link_message(target, kind, doc) if target else f"{what}; check the link",
                   rule="link")


def posixpath_name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def engine_warnings(engine: str, output: str, project: Path, docs_name: str) -> tuple[list[Problem], list[str]]:
    """The engine's output as Problems (its warnings, on the editors' lines) and the rest."""
    problems: list[Problem] = []
    rest: list[str] = []
    lines = _ANSI.sub("", output).splitlines()
    if engine == "mkdocs":
        for line in lines:
            warning = _MKDOCS_WARNING.match(line)
            if warning is None:
                if line.strip() and not line.startswith(_NOISE):
                    rest.append(line)
                continue
            problem = _mkdocs_problem(warning["text"], project, docs_name)
            problems.append(problem or Problem("", None, f"{warning['text']} (the site cannot be built; "
                                                         "ask a website maintainer)"))
        return problems, rest
    pending: str | None = None
    in_traceback = False
    for line in lines:
        if line.startswith("Traceback"):
            in_traceback = True
        if in_traceback:
            if line.startswith("RuntimeError: Aborted because --strict"):
                in_traceback = False
            elif not line.startswith((" ", "Traceback")):
                rest.append(line)
                in_traceback = False
            continue
        warning = _ZENSICAL_WARNING.match(line.strip())
        place = _ZENSICAL_PLACE.search(line)
        if warning:
            pending = warning["what"]
        elif place and pending is not None:
            problems.append(_zensical_problem(pending, place["file"], int(place["line"]), int(place["column"]),
                                              project, docs_name))
            pending = None
        elif pending is None and line.strip() and not line.strip().startswith(("│", "╭", "─", "╰")) \
                and not re.match(r"^\s*\d+\s*│", line) and not line.startswith(_NOISE):
            rest.append(line)
    return problems, rest


# --- The engine's own process --------------------------------------------------------------------

def engine_process(faults: Path, writing_to: Path, engine: str, arguments: list[str]) -> int:
    """`mkdocs ...` or `zensical ...`, with file-system faults as Problems (JSON lines in
    faults), never a traceback."""
    def report(problem: Problem) -> int:
        with open(faults, "a", encoding="utf-8") as file:
            file.write(json.dumps(asdict(problem)) + "\n")
        return 1

    cli: Any
    if engine == "zensical":
        from zensical.main import cli
    else:
        from mkdocs.__main__ import cli
    try:
        cli.main(args=arguments, prog_name=engine, standalone_mode=True)
    except OSError as error:
        return report(fault(error, writing_to=writing_to))
    except UnicodeDecodeError as error:  # docs/ was checked first: a template, or a file changed since
        return report(Problem("", None, f"Could not read a file as UTF-8 text (byte {error.start}: {error.reason}); "
                                        "save the files under docs/ and overrides/ as UTF-8, then build again."))
    except RuntimeError as error:
        if "--strict" in str(error):  # Zensical, after its warnings: they say what to fix
            return 1
        raise
    return 0


if __name__ == "__main__":
    raise SystemExit(engine_process(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4:]))
