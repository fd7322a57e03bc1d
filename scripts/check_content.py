#!/usr/bin/env python3
"""The fast content check: everything an editor's change can break, in one run.

    python3 scripts/dev.py check      (sets up .venv, then runs this)

Front matter, links and anchors, content the security policy blocks, Markdown style,
spelling, reading level, references, alt text and images (scripts/content_checks.py). Prints one
line per problem, `docs/path.md:LINE: what is wrong; the fix`, and exits 1 if there
is any. Under GitHub Actions (GITHUB_ACTIONS=true) each line is also an annotation
on its line of the pull request, and the list heads the job summary.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))

from content_checks import CHECKS, annotation, check_with_log, notice_annotation, summary_markdown  # noqa: E402


def main(argv: list[str]) -> int:
    project = Path(argv[0]).resolve() if argv else SCRIPTS.parent
    start = time.perf_counter()
    problems, notes = check_with_log(project)
    seconds = time.perf_counter() - start
    for problem in problems:
        print(problem, flush=True)
    # What the build prints that is not a problem (reviews due, the contact notice).
    for note in notes:
        print(note, file=sys.stderr)
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    if on_github:
        for problem in problems:
            print(annotation(problem))
        for note in notes:
            print(notice_annotation(note))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as file:
                file.write(summary_markdown(problems, notes))
    count = len(problems)
    if count:
        print(f"\nContent check: {count} problem{'s' if count != 1 else ''} to fix ({seconds:.1f} s). "
              "Each line above names the file and the line, then the fix; CONTRIBUTING.md explains each check.",
              file=sys.stderr)
        return 1
    print(f"Content check: no problems ({', '.join(CHECKS)}; {seconds:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
