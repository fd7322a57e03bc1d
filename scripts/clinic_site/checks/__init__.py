"""The content checks: what an editor's change can break in the Markdown, each a pure
function of the pages returning Problems, with its settings beside it.

- markdown_style: the site's Markdown style (pymarkdownlnt, pymarkdown.yml);
- spelling: codespell, with medical-misspellings.txt and words.txt (codespell.cfg);
- readability: grade 8 or below, sentences of at most 20 words;
- references: every reference ends with a link readers can follow;
- alt_text: images without alt text in the finished pages (a finish step of the check).

`dev.py check` runs them through the runner (clinic_site.pipeline.check) with the data
step, the engine's warnings and the finish step's checks. To add a check of the Markdown:
write `def my_check(project: Path, pages: list[Path]) -> list[Problem]` and add it to
SOURCE_CHECKS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..problems import Problem

# What `dev.py check` checks, for its "no problems" line and the job summary.
CHECKED = ("front matter", "links and anchors", "blocked content", "Markdown style", "spelling",
           "reading level", "references", "alt text", "images")


def shown(project: Path, path: Path) -> str:
    """A file as the editor sees it: relative to the project, with forward slashes."""
    path = path if path.is_absolute() else project / path
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return str(path)


def markdown_pages(project: Path) -> list[Path]:
    """Every Markdown file under docs/, the article template included (editors copy it)."""
    return sorted((project / "docs").rglob("*.md"))


SourceCheck = Callable[[Path, list[Path]], list[Problem]]


def _reading(project: Path, _pages: list[Path]) -> list[Problem]:
    from .readability import reading_problems

    return reading_problems(project)


def _style(project: Path, pages: list[Path]) -> list[Problem]:
    from .markdown_style import lint

    return lint(project, pages)


def _spelling(project: Path, pages: list[Path]) -> list[Problem]:
    from .spelling import spelling

    return spelling(project, pages)


def _references(project: Path, pages: list[Path]) -> list[Problem]:
    from .references import references_without_links

    return references_without_links(project, pages)


SOURCE_CHECKS: tuple[SourceCheck, ...] = (_style, _spelling, _reading, _references)


def source_checks(project: Path, pages: list[Path]) -> list[Problem]:
    """Every check of the Markdown itself, over the given pages."""
    return [problem for check in SOURCE_CHECKS for problem in check(project, pages)]


def merge(problems: Iterable[Problem]) -> list[Problem]:
    """Every problem once, in file order. A problem two checks find is kept once: an image
    without alt text (the Markdown's MD045 line is kept, not the built page's), HTML in
    the text that the allowlist refuses (its line, not MD033's too)."""
    found = list(dict.fromkeys(problems))
    alt_in_markdown = {problem.path for problem in found if problem.rule == "md045"}
    refused_html = {(problem.path, problem.line) for problem in found if problem.rule == "html-allowlist"}
    kept = [problem for problem in found
            if not (problem.rule == "alt-text" and problem.path in alt_in_markdown)
            and not (problem.rule == "md033" and (problem.path, problem.line) in refused_html)]
    return sorted(kept, key=lambda problem: problem.sort_key)
