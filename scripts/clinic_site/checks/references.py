"""References readers can check: each ends with an https:// address (its DOI, or the page)."""

from __future__ import annotations

import re
from pathlib import Path

from ..problems import Problem
from . import shown

# A reference (footnote) starts "[^label]: text" at the start of a line; lines indented
# under it continue it. A fenced code block (``` ... ```) holds examples, not references.
_REFERENCE_START = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:(?P<text>.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_WEB_ADDRESS = re.compile(r"https://[^\s)>\]]+")


def references_without_links(project: Path, paths: list[Path]) -> list[Problem]:
    """One Problem per reference that gives readers no way to check it: no https:// address
    (a DOI link, https://doi.org/..., or the page's web address)."""
    problems = []
    for path in paths:
        for label, line, text in references(path.read_text(encoding="utf-8")):
            if not _WEB_ADDRESS.search(text):
                problems.append(Problem(shown(project, path), line, f"reference [^{label}] has no link; "
                                        "add its DOI (https://doi.org/...) or web address", rule="reference"))
    return problems


def references(markdown_text: str) -> list[tuple[str, int, str]]:
    """(label, line number, whole text) of each reference in a Markdown file."""
    found: list[list[str | int]] = []
    in_fence = False
    current: list[str | int] | None = None
    for number, line in enumerate(markdown_text.replace("\r\n", "\n").split("\n"), start=1):
        if _FENCE.match(line):
            in_fence, current = not in_fence, None
            continue
        if in_fence:
            continue
        start = _REFERENCE_START.match(line)
        if start:
            current = [start["label"], number, start["text"]]
            found.append(current)
        elif current is not None and line.startswith(("    ", "\t")):
            current[2] = f"{current[2]} {line.strip()}"
        elif line.strip():
            current = None
    return [(str(label), int(line), str(text)) for label, line, text in found]


REFERENCES_FIX = ("Each reference needs a link readers can follow: end it with its DOI, like "
                  "[doi:10.1001/archpsyc.63.8.856](https://doi.org/10.1001/archpsyc.63.8.856), or the "
                  "web address of the page, like [fda.gov](https://www.fda.gov/...). See docs/articles/_template.md.")
