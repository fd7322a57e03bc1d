"""Spelling (codespell), with the site's own lists of medical misspellings and accepted
words. The settings are codespell.cfg beside this file (it says what each list is)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ..problems import Problem
from . import shown

SETTINGS = Path(__file__).resolve().parent
SPELLING_CONFIG = SETTINGS / "codespell.cfg"
SPELLING_WORDS = SETTINGS / "words.txt"
MEDICAL_MISSPELLINGS = SETTINGS / "medical-misspellings.txt"
# codespell's own output, one misspelling a line: "path:LINE: word ==> fix, fix".
_CODESPELL_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$")


def spelling(project: Path, paths: list[Path]) -> list[Problem]:
    """One Problem per misspelt word, with the right spelling."""
    command = [
        sys.executable, "-m", "codespell_lib",
        "--config", str(SPELLING_CONFIG),
        "--dictionary", "-",  # codespell's own lists (the builtin setting)
        "--dictionary", str(MEDICAL_MISSPELLINGS),
        "--ignore-words", str(SPELLING_WORDS),
        *map(str, paths),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=project)
    problems = []
    for line in completed.stdout.splitlines():
        found = _CODESPELL_LINE.match(line)
        if not found:
            continue
        fixes = [fix.strip() for fix in found["fix"].split(",") if fix.strip()]
        choice = f"'{fixes[0]}'" if len(fixes) == 1 else " or ".join(f"'{fix}'" for fix in fixes)
        problems.append(Problem(shown(project, Path(found["path"])), int(found["line"]),
                                f"'{found['word']}' is misspelt: write {choice}", rule="spelling"))
    # codespell exits 65 when it finds misspellings; anything else is the tool failing.
    if completed.returncode not in (0, 65) or (completed.returncode == 65 and not problems):
        raise RuntimeError(f"codespell failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return problems


SPELLING_FIX = ("Correct each word below. If a word is spelt right (a medical term, say), add it on its "
                f"own line, in lower case, to {SPELLING_WORDS.relative_to(SETTINGS.parent.parent.parent).as_posix()}.")
