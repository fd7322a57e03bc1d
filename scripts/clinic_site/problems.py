"""The one problem type: what an editor (or a maintainer) must fix, where, in plain words.

Every part of the pipeline reports through it: the pre-flight, the data step, the
engine adapter (the engines' warnings, mapped to file and line), the finish steps and
the content checks. A problem is data, not text: formatting happens once, at the edge
(clinic_site.report: the terminal, GitHub annotations, the job summary).

A pure check that finds problems returns them (``list[Problem]``); a step that must
stop the build raises ``Problems``, which carries them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "notice"]


@dataclass(frozen=True)
class Problem:
    """One thing to fix (or, with level "notice", to know).

    path: the file as the editor sees it on github.com ("docs/articles/x.md",
    "mkdocs.yml", or a built page "articles/x/index.html"); "" for the site as a whole.
    line: the line of that file, or None when the problem is the whole file's.
    message: what is wrong and the fix, in plain words, without the path.
    topic: the part of the site it belongs to, heading the build's list ("The pages").
    rule: a short stable name of the rule that found it ("md045"), for de-duplicating.
    """

    path: str
    line: int | None
    message: str
    level: Level = "error"
    topic: str = ""
    rule: str = ""

    def __str__(self) -> str:
        """The one way a problem is written: ``path:line: message`` (the line when known)."""
        if self.level == "notice":
            return self.message
        if not self.path:
            return self.message
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"

    def about(self, topic: str) -> Problem:
        """The same problem under a topic (the step that found it sets it)."""
        return dataclasses.replace(self, topic=topic) if not self.topic else self

    @property
    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.message)


def notice(message: str, path: str = "") -> Problem:
    """A line for the output that never fails a build (a review due, a missing contact)."""
    return Problem(path, None, message, level="notice")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.level == "error"]


def notices(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.level == "notice"]


def about(topic: str, problems: Iterable[Problem]) -> list[Problem]:
    return [problem.about(topic) for problem in problems]


def placed(path: str, found: Iterable[tuple[int | None, str]], rule: str = "") -> list[Problem]:
    """Problems of one file from a pure check's (line, message) pairs."""
    return [Problem(path, line, message, rule=rule) for line, message in found]


class Problems(Exception):
    """Raised by a step that stops: the problems it found, every one at once."""

    def __init__(self, problems: Iterable[Problem], topic: str = ""):
        self.problems = [problem.about(topic) if topic else problem for problem in problems]
        super().__init__("\n".join(map(str, self.problems)))
