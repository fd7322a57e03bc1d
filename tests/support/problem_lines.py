"""Problems as the editor reads them, one line each (the one format, Problem.__str__)."""

from __future__ import annotations

from collections.abc import Iterable

from clinic_site.problems import Problem


def lines(problems: Iterable[Problem]) -> list[str]:
    return [str(problem) for problem in problems]
