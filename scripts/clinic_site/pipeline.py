"""The runner: data -> render -> finish, the one pipeline the build, the content check,
the live preview and the tests go through, each choosing its steps.

- ``build``: a build into site/, all or nothing (clinic_site.output_folder): the data
  step, the engine (clinic_site.engine), FINISH_STEPS, then the new folder swapped in.
  The first part that finds a problem stops it.
- ``check``: what `dev.py check` reports: the content checks of the Markdown
  (clinic_site.checks), the data step, the engine's warnings and CHECK_STEPS, every
  problem collected instead of stopping.
- ``write_preview_config``, ``finish_preview``, ``watch`` and ``serve``: `dev.py serve`.
  MkDocs reruns the data step and PREVIEW_STEPS in its preview hook (scripts/
  preview_hook.py); Zensical, which runs no hooks, gets the data step rewriting its
  config whenever a page changes.

Every part reports Problems (clinic_site.problems); they become text only at the edge
(clinic_site.report, printed by the caller through ``say``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from . import engine as engines_adapter
from .engines import DEFAULT_ENGINE, ENGINES
from .finish import CHECK_STEPS, FINISH_STEPS, PREVIEW_STEPS, Step, run_steps
from .finished_site import FinishedSite
from .output_folder import (
    BUILDING,
    ENGINE_CONFIG,
    ZENSICAL_OUTPUT,
    fault,
    publish,
    remove_leftovers,
    remove_tree,
    source_date_epoch,
)
from .problems import Problem, Problems, errors
from .report import build_report
from .site_data import SiteData, config_yaml, prepare

PREVIEW_CONFIG = ".site-config.serve.yml"  # the preview's config, in the project root (gitignored)
PREVIEW_HOOK = "scripts/preview_hook.py"  # MkDocs only: Zensical runs no hooks
ZENSICAL_PREVIEW_OUTPUT = ".zensical-site-serve"
ENGINE_TOPIC = "The pages' links"

Say = Callable[[str], None]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _stdout(line: str) -> None:
    print(line, flush=True)


# --- The data step -----------------------------------------------------------------------------

def write_engine_config(project: Path, path: Path, engine: str = DEFAULT_ENGINE, *,
                        directory_urls: bool | None = None, settings: Mapping[str, Any] | None = None,
                        environ: Mapping[str, str] | None = None, docs_dir: Path | None = None) -> SiteData:
    """The data step on project, its config written to path for the engine (in the project
    root, so docs_dir and custom_dir resolve as in mkdocs.yml). Raises Problems."""
    data = prepare(project, engine, use_directory_urls=directory_urls, environ=environ, docs_dir=docs_dir)
    write_config(path, data, settings, docs_dir)
    return data


def write_config(path: Path, data: SiteData, settings: Mapping[str, Any] | None = None,
                 docs_dir: Path | None = None) -> None:
    """The data step's config, with a run's own settings, where the engine reads it."""
    config = {**data.config, **(settings or {})}
    if docs_dir is not None:
        config["docs_dir"] = str(docs_dir)
    text = config_yaml(config)
    if not path.exists() or path.read_text(encoding="utf-8") != text:  # a preview rebuilds on any write
        path.write_text(text, encoding="utf-8")


# --- A build -----------------------------------------------------------------------------------

@dataclass
class Outcome:
    """How a run ended: its exit status, and every problem and notice it found."""

    status: int
    problems: list[Problem] = field(default_factory=list)


def _print_problems(problems: list[Problem], say: Say) -> None:
    for line in build_report(errors(problems)):
        say(line)


def build(project: Path, site_dir: Path, *, engine: str = DEFAULT_ENGINE, options: list[str] | None = None,
          directory_urls: bool | None = None, environ: Mapping[str, str] | None = None,
          steps: tuple[Step, ...] = FINISH_STEPS, say: Say = _stderr, tell: Say = _stdout) -> Outcome:
    """Data, render, finish into a new folder, then swap it in for site_dir.

    say: where problems and faults go (the build's stderr); tell: the progress lines.
    """
    site_dir = site_dir.resolve()
    env = dict(os.environ if environ is None else environ)
    if "SOURCE_DATE_EPOCH" not in env and (epoch := source_date_epoch(project)):
        env["SOURCE_DATE_EPOCH"] = epoch
    for line in remove_leftovers(site_dir, project):
        say(line)
    building = site_dir.with_name(f"{site_dir.name}{BUILDING}{os.getpid()}")
    config = project / f"{ENGINE_CONFIG}{os.getpid()}.yml"
    tell(f"Building with {ENGINES[engine]}")
    started = time.perf_counter()

    def failed(problems: list[Problem], why: str = "failed", status: int = 1) -> Outcome:
        _print_problems(problems, say)
        say(f"\nThe build {why}, so {site_dir} was left as it was.")
        return Outcome(status, problems)

    try:
        try:
            data = write_engine_config(project, config, engine, directory_urls=directory_urls, environ=env,
                                       settings={"site_dir": f"{ZENSICAL_OUTPUT}{os.getpid()}"}
                                       if engine == "zensical" else None)
        except Problems as stopped:
            return failed(stopped.problems, "did not start")
        except OSError as error:  # the project folder itself: the config cannot be written
            return failed([fault(error, writing_to=project)], "did not start")
        for notice in data.notices:
            tell(str(notice))
        started = _step_done("data", started, tell)
        try:
            building.mkdir(parents=True)
        except OSError as error:
            error.filename = str(site_dir.parent)  # the folder the editor chose, not ours inside it
            _print_problems([fault(error, writing_to=site_dir.parent)], say)
            return Outcome(1, [fault(error, writing_to=site_dir.parent)])
        docs_name = str(data.config.get("docs_dir", "docs")).rstrip("/")
        try:
            rendered = engines_adapter.render(engine, project, config, building, options or [], env, docs_name)
        except OSError as error:  # moving Zensical's pages out of the project
            return failed([fault(error, writing_to=building)])
        for line in rendered.output:
            tell(line)
        if rendered.stopped:
            say(f"\nThe build was stopped, so {site_dir} was left as it was.")
            return Outcome(rendered.status)
        if rendered.status != 0:
            return failed([problem.about(ENGINE_TOPIC) for problem in rendered.problems], status=rendered.status)
        started = _step_done("render", started, tell)
        try:
            site = finished_site(building, data, project, engine)
            problems = run_steps(site, steps)
        except OSError as error:
            return failed([fault(error, writing_to=building)])
        if problems:
            return failed(problems)
        for line in site.log:
            tell(line)
        _step_done("finish", started, tell)
        try:
            note = publish(building, site_dir)
        except OSError as error:
            _print_problems([fault(error, writing_to=site_dir)], say)
            say(f"The build succeeded but could not be put in place, so {site_dir} was left as it was.")
            return Outcome(1, [fault(error, writing_to=site_dir)])
        if note:
            say(note)
        tell(f"The site is in {site_dir} (built with {ENGINES[engine]})")
        return Outcome(0, data.notices)
    finally:
        config.unlink(missing_ok=True)
        remove_tree(building)


def finished_site(folder: Path, data: SiteData, project: Path, engine: str) -> FinishedSite:
    """The engine's output with what the data step knows about it, every page read once."""
    return FinishedSite.read(folder, site_url=data.site_url, sources=data.pages, project=project,
                             theme_dirs=engines_adapter.theme_dirs(project, engine, data.config),
                             noindex=data.noindex, clinic=data.config["extra"]["site"]["clinic"])


def _step_done(step: str, started: float, tell: Say) -> float:
    now = time.perf_counter()
    tell(f"{step} step: {now - started:.2f} s")
    return now


# --- The content check -------------------------------------------------------------------------

# A page whose front matter the data step refused still gets its links checked: the check
# renders a copy of docs/ where it has this front matter instead.
STAND_IN_ARTICLE = ("---\ntitle: A page with a front-matter mistake\ndescription: Reported on its own.\n"
                    "published: 2026-01-01\nlast_reviewed: 2026-01-01\nnext_review: 2027-01-01\n---\n")
STAND_IN_PAGE = "---\ntitle: A page with a front-matter mistake\n---\n"


def _docs_with_stand_ins(docs: Path, copy: Path, docs_name: str, refused: set[str]) -> None:
    from .articles import FRONT_MATTER, is_article

    shutil.copytree(docs, copy)
    for shown in refused:
        src_uri = shown.removeprefix(f"{docs_name}/")
        path = copy / src_uri
        if shown == src_uri or path.suffix != ".md" or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        match = FRONT_MATTER.match(text)
        body = text[match.end():] if match else text
        path.write_text((STAND_IN_ARTICLE if is_article(src_uri) else STAND_IN_PAGE) + body, encoding="utf-8")


def check(project: Path, environ: Mapping[str, str] | None = None) -> list[Problem]:
    """Every problem an editor's change can cause, and the notices, in one list: the
    content checks of the Markdown, then the data step, the engine's warnings and
    CHECK_STEPS over the pages it rendered (into a temporary folder, with MkDocs)."""
    from .checks import markdown_pages, merge, source_checks

    found: list[Problem] = []
    data: SiteData | None = None
    try:
        data = prepare(project, environ=environ)
    except Problems as refused:
        found += refused.problems
    with tempfile.TemporaryDirectory(prefix="content-check-") as temporary:
        found += _render_and_check(project, Path(temporary), data, found, environ)
    found += source_checks(project, markdown_pages(project))
    return merge(found)


def _render_and_check(project: Path, temporary: Path, data: SiteData | None, data_problems: list[Problem],
                      environ: Mapping[str, str] | None) -> list[Problem]:
    refused = {problem.path for problem in data_problems}
    if any(not path.startswith("docs/") for path in refused):
        return []  # mkdocs.yml itself: the data step's problems say what to fix
    config = project / f"{ENGINE_CONFIG}{os.getpid()}.yml"
    site_dir = temporary / "site"
    site_dir.mkdir()
    try:
        if data is None:  # pages refused: their links are checked with a stand-in front matter
            docs_copy = temporary / "docs"
            _docs_with_stand_ins(project / "docs", docs_copy, "docs", refused)
            data = write_engine_config(project, config, environ=environ, docs_dir=docs_copy)
        else:
            write_config(config, data)
        rendered = engines_adapter.render(DEFAULT_ENGINE, project, config, site_dir, [],
                                          dict(os.environ if environ is None else environ))
    except Problems:
        return []
    finally:
        config.unlink(missing_ok=True)
    problems = [problem.about(ENGINE_TOPIC) for problem in rendered.problems]
    if not (site_dir / "index.html").exists():  # the engine wrote nothing: its own words, for a maintainer
        detail = " / ".join(rendered.output[-3:]) or "no output"
        return problems or [Problem("mkdocs.yml", None, f"the site cannot be built ({detail}); "
                                                        "ask a website maintainer")]
    # In strict mode MkDocs writes every page before it fails on a warning: the finish
    # step's checks read them either way.
    site = finished_site(site_dir, data, project, DEFAULT_ENGINE)
    return problems + data.notices + run_steps(site, CHECK_STEPS, stop=False)


# --- The live preview --------------------------------------------------------------------------

def preview_settings(engine: str, dirty: bool = False) -> dict[str, Any]:
    """What a live preview changes: MkDocs reruns the data step in its one hook; a --dirty
    preview cannot be strict (MkDocs warns that its navigation may be stale)."""
    settings: dict[str, Any] = {"hooks": [PREVIEW_HOOK]} if engine == "mkdocs" \
        else {"site_dir": ZENSICAL_PREVIEW_OUTPUT}
    if dirty:
        settings["strict"] = False
    return settings


def write_preview_config(project: Path, engine: str = DEFAULT_ENGINE, dirty: bool = False) -> SiteData:
    """The data step for `dev.py serve`, its config written where the engine's preview reads it."""
    return write_engine_config(project, project / PREVIEW_CONFIG, engine, settings=preview_settings(engine, dirty))


def finish_preview(site_dir: Path, pages: dict[str, str], project: Path) -> list[Problem]:
    """PREVIEW_STEPS over a preview's rebuilt folder (the MkDocs hook, after each rebuild)."""
    site = FinishedSite.read(site_dir, sources=pages, project=project)
    return run_steps(site, PREVIEW_STEPS)


def _sources_state(project: Path) -> list[tuple[str, int]]:
    """What the data step reads, with modification times: mkdocs.yml and docs/**.md."""
    files = [project / "mkdocs.yml", *sorted((project / "docs").rglob("*.md"))]
    return [(str(path), path.stat().st_mtime_ns) for path in files if path.exists()]


def _preview_once(project: Path, engine: str, dirty: bool, say: Say) -> bool:
    try:
        data = write_preview_config(project, engine, dirty)
    except Problems as stopped:
        _print_problems(stopped.problems, say)
        return False
    for notice in data.notices:
        say(str(notice))
    return True


def watch(project: Path, engine: str, dirty: bool, stop: threading.Event, say: Say = _stderr) -> None:
    """Zensical's preview: the data step again whenever mkdocs.yml or a page changes (Zensical
    watches the config it writes)."""
    state = _sources_state(project)
    while not stop.wait(0.5):
        now = _sources_state(project)
        if now != state:
            state = now
            _preview_once(project, engine, dirty, say)


def serve(project: Path, engine: str, address: str, options: list[str], say: Say = _stderr) -> int:
    """`dev.py serve`: the data step, then the engine's live preview, rerunning the data
    step on each change (in MkDocs' hook; for Zensical, a watcher beside it)."""
    dirty = "--dirty" in options
    if not _preview_once(project, engine, dirty, say):
        return 1
    say(f"==> Serving the site with {ENGINES[engine]} at http://{address}/ (Ctrl+C to stop)")
    command = engines_adapter.serve_command(engine, PREVIEW_CONFIG, address, options)
    stop = threading.Event()
    watcher = None
    if engine != "mkdocs":
        watcher = threading.Thread(target=watch, args=(project, engine, dirty, stop, say), daemon=True)
        watcher.start()
    process = subprocess.Popen(command, cwd=project, env=engines_adapter.python_environment(os.environ))

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = {signum: signal.signal(signum, interrupt) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return process.wait()
    except KeyboardInterrupt:  # Ctrl+C, or the preview told to stop: the engine's preview stops too
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 130
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        stop.set()
        if watcher is not None:
            watcher.join(timeout=5)
