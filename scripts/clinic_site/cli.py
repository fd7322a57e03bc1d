"""The command line of the pipeline: `python -m clinic_site build|check|serve`, which
`python3 scripts/dev.py` runs in the set-up environment.

One parser for both: dev.py reads the same options (standard library only, before
anything is installed) to choose what to install, then runs this with them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .engines import DEFAULT_ENGINE, ENGINES

ROOT = Path(__file__).resolve().parent.parent.parent  # the project: scripts/clinic_site/ is in it
DEFAULT_ADDRESS = "127.0.0.1:8000"  # MkDocs' own default


def parser() -> argparse.ArgumentParser:
    """The options of every pipeline command. Options it does not know go to the engine
    (MkDocs only)."""
    main = argparse.ArgumentParser(prog="python3 scripts/dev.py", description="Build, check or preview the site.")
    commands = main.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site into site/, all or nothing")
    build.add_argument("-d", "--site-dir", type=Path, default=ROOT / "site",
                       help="where the site goes (default: site/ beside mkdocs.yml)")
    build.add_argument("--no-directory-urls", dest="directory_urls", action="store_false", default=None,
                       help="link pages as x.html (a preview that opens from a folder)")
    build.add_argument("--use-directory-urls", dest="directory_urls", action="store_true")
    serve = commands.add_parser("serve", help="preview the site with live reload")
    serve.add_argument("-a", "--dev-addr", default=DEFAULT_ADDRESS, help=f"where to serve (default {DEFAULT_ADDRESS})")
    serve.add_argument("--dirty", action="store_true", help="rebuild only the pages that changed (MkDocs)")
    for command in (build, serve):
        command.add_argument("--engine", choices=list(ENGINES), default=DEFAULT_ENGINE,
                             help=f"the site generator (default: {DEFAULT_ENGINE})")
    check = commands.add_parser("check", help="the content checks: what an editor's change can break")
    check.add_argument("project", nargs="?", type=Path, default=ROOT, help="the project to check (default: this one)")
    return main


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The options, and those left for the engine; exits with a usage line on a mistake."""
    options, rest = parser().parse_known_args(argv)
    if rest and (options.command == "check" or getattr(options, "engine", DEFAULT_ENGINE) != "mkdocs"):
        parser().error(f"{' '.join(rest)}: not an option of {options.command}"
                       + (" with Zensical" if options.command != "check" else ""))
    return options, rest


def main(argv: list[str]) -> int:
    options, rest = parse(argv)
    from . import pipeline

    if options.command == "build":
        return pipeline.build(ROOT, options.site_dir.absolute(), engine=options.engine, options=rest,
                              directory_urls=options.directory_urls).status
    if options.command == "serve":
        return pipeline.serve(ROOT, options.engine, options.dev_addr, [*rest, *(["--dirty"] * options.dirty)])
    return check(options.project.resolve())


def check(project: Path) -> int:
    """`dev.py check`: one line per problem, and on GitHub the annotations and the summary."""
    import time

    from . import pipeline
    from .checks import CHECKED
    from .problems import errors, notices
    from .report import annotation, check_lines, count, summary_markdown

    start = time.perf_counter()
    found = pipeline.check(project)
    seconds = time.perf_counter() - start
    lines = check_lines(found)
    for line in lines:
        print(line, flush=True)
    for note in notices(found):  # what is not a problem: reviews due, the contact notice
        print(note, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in [*sorted(errors(found), key=lambda problem: problem.sort_key), *notices(found)]:
            print(annotation(problem))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as file:
                file.write(summary_markdown(found, ", ".join(CHECKED)))
    if lines:
        print(f"\nContent check: {count(len(lines))} to fix ({seconds:.1f} s). Each line above names the file "
              "and the line, then the fix; CONTRIBUTING.md explains each check.", file=sys.stderr)
        return 1
    print(f"Content check: no problems ({', '.join(CHECKED)}; {seconds:.1f} s).")
    return 0
