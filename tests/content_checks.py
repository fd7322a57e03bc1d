"""Content checks on the Markdown pages, with messages written for editors.

Each check returns one line per problem, naming the file, the line and the fix:

    docs/articles/x.md, line 7: this image has no alt text: ... (Markdown rule MD045)
    docs/articles/x.md, line 12: 'recieve' is misspelt: write 'receive'. ...

The settings live in tests/checks/ (see the comments there). Readability is in
readability.py; broken links and anchors are found by `mkdocs build --strict` (the
`validation` settings in mkdocs.yml).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

CHECKS_DIR = Path(__file__).resolve().parent / "checks"
LINT_CONFIG = CHECKS_DIR / "pymarkdown.yml"
SPELLING_CONFIG = CHECKS_DIR / "codespell.cfg"
SPELLING_WORDS = CHECKS_DIR / "words.txt"
MEDICAL_MISSPELLINGS = CHECKS_DIR / "medical-misspellings.txt"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project, as the editor sees it on github.com
    line: int  # 0 when the problem is found on the built page, not a line of the file
    text: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        return f"{where}: {self.text}"


def markdown_pages(project: Path) -> list[Path]:
    """Every Markdown file under docs/, the article template included (editors copy it)."""
    return sorted((project / "docs").rglob("*.md"))


def report(problems: Iterable[Problem], what: str, fix: str) -> str:
    """The whole message an editor reads when a check fails."""
    problems = sorted(problems)
    count = len(problems)
    lines = [f"{what}: {count} problem{'s' if count != 1 else ''} to fix.", fix, ""]
    return "\n".join(lines + [f"  {problem}" for problem in problems])


# --- Markdown lint (pymarkdownlnt) -------------------------------------------------

# What each rule means for an editor, and the fix. Rules not listed fall back to the
# linter's own description.
LINT_ADVICE = {
    "md001": "a heading skips a level (like ## then ####): use the next level down (###)",
    "md003": "write headings with # marks at the start of the line, like '## Side effects'",
    "md004": "use '-' for every bullet point, like the template",
    "md005": "the items of this list are indented differently: line them up",
    "md007": "this bullet is indented too much or too little: indent sub-items by 2 spaces",
    "md009": "there are spaces at the end of this line: remove them",
    "md010": "there is a tab character on this line: use spaces instead",
    "md011": "the link is written the wrong way round: write [words](address), not (words)[address]",
    "md012": "there are two blank lines in a row: remove one",
    "md018": "put one space after the # marks of a heading, like '## Side effects'",
    "md019": "put only one space after the # marks of a heading",
    "md020": "put one space inside the # marks of this heading",
    "md021": "put only one space inside the # marks of this heading",
    "md022": "put a blank line before and after each heading",
    "md023": "start the heading at the beginning of the line, with no spaces before the #",
    "md024": "two headings in the same section have the same words: make each one different",
    "md025": ("a second title ('# '): a page has one title, and an article's is its front matter's "
              "'title', shown by the site, so an article has no '# ' line at all. Make this a section "
              "heading with '## ', or remove it"),
    "md026": "a heading ends with punctuation: remove the '.', ':' or '!' at its end (a '?' is fine)",
    "md027": "put only one space after the '>' of a quote",
    "md028": "a blank line splits this quote in two: start the blank line with '>' too, or remove it",
    "md029": "number the list 1. 2. 3. in order",
    "md030": "put one space after the list marker ('-' or '1.')",
    "md031": "put a blank line before and after each code block",
    "md032": "put a blank line before and after each list",
    "md033": ("this line has HTML (a <tag>): write Markdown instead; if Markdown cannot do what you need, "
              "ask a developer"),
    "md034": "a bare web address: write it as a link with words, like [FDA safety notice](https://www.fda.gov/...)",
    "md035": "write a dividing line as '---' only",
    "md036": "bold or italic text used as a heading: make it a heading with '## ' instead",
    "md037": "remove the spaces just inside the * or ** marks",
    "md038": "remove the spaces just inside the ` marks",
    "md039": "remove the spaces just inside the [ ] of the link",
    "md040": "say which language the code block is in, after the ```",
    "md041": "the page should start with a '# ' title (articles take theirs from the front matter)",
    "md042": "the link has no address: put where it goes between the ( ), or remove the link",
    "md044": "write this name the standard way",
    "md045": ("this image has no alt text: between the square brackets, say what the picture shows, "
              "like ![A nurse checks a patient's blood pressure](nurse.jpg)"),
    "md047": "end the file with exactly one empty line",
    "md049": "use *single stars* for italics, like the template",
    "md050": "use **double stars** for bold, like the template",
    "md051": "this link points to a section (#...) that this page does not have: check the section's name",
    "md052": "this [reference] link has no matching '[reference]: address' line",
    "md053": "this '[name]: address' line is not used by any link: remove it",
    "md055": "start and end every table row the same way, with or without '|'",
    "md056": "this table row has a different number of cells from the header row",
    "md058": "put a blank line before and after each table",
    "md059": ("the link's words do not say where it goes (like 'click here'): use words that name the "
              "page, like [our opening hours](../visit.md)"),
}


def lint(project: Path, paths: list[Path]) -> list[Problem]:
    from pymarkdown.api import PyMarkdownApi

    api = PyMarkdownApi().configuration_file_path(str(LINT_CONFIG)).enable_strict_configuration()
    problems = []
    for path in paths:
        result = api.scan_path(str(path))
        if result.critical_errors:  # the linter itself failed: say so rather than pass
            raise RuntimeError(f"the Markdown linter could not read {path}: {result.critical_errors}")
        for failure in result.scan_failures:
            rule = failure.rule_id.lower()
            advice = LINT_ADVICE.get(rule, failure.rule_description)
            extra = f" ({failure.extra_error_information})" if failure.extra_error_information else ""
            problems.append(Problem(_shown(project, path), failure.line_number,
                                    f"{advice}{extra} (Markdown rule {rule.upper()})"))
    return problems


LINT_FIX = ("Each line below names the file, the line and what to change. "
            "Compare with docs/articles/_template.md; CONTRIBUTING.md explains each check.")


# --- Spelling (codespell) -----------------------------------------------------------

_CODESPELL_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$")


def spelling(project: Path, paths: list[Path]) -> list[Problem]:
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
        problems.append(Problem(_shown(project, Path(found["path"])), int(found["line"]),
                                f"'{found['word']}' is misspelt: write {choice}"))
    # codespell exits 65 when it finds misspellings; anything else is the tool failing.
    if completed.returncode not in (0, 65) or (completed.returncode == 65 and not problems):
        raise RuntimeError(f"codespell failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return problems


SPELLING_FIX = ("Correct each word below. If a word is spelt right (a medical term, say), add it on its "
                "own line, in lower case, to tests/checks/words.txt.")


# --- References that can be checked --------------------------------------------------

# A reference (footnote) starts "[^label]: text" at the start of a line; lines indented
# under it continue it. A fenced code block (``` ... ```) holds examples, not references.
_REFERENCE_START = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:(?P<text>.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_WEB_ADDRESS = re.compile(r"https://[^\s)>\]]+")


def references_without_links(project: Path, paths: list[Path]) -> list[str]:
    """One line per reference that gives readers no way to check it: no https:// address
    (a DOI link, https://doi.org/..., or the page's web address)."""
    problems = []
    for path in paths:
        shown = _shown(project, path)
        for label, line, text in _references(path.read_text(encoding="utf-8")):
            if not _WEB_ADDRESS.search(text):
                problems.append(f"{shown}:{line}: reference [^{label}] has no link; "
                                "add its DOI (https://doi.org/...) or web address")
    return problems


def _references(markdown_text: str) -> list[tuple[str, int, str]]:
    """(label, line number, whole text) of each reference in a Markdown file."""
    found: list[list] = []
    in_fence = False
    current = None
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
            current[2] += " " + line.strip()
        elif line.strip():
            current = None
    return [tuple(reference) for reference in found]


REFERENCES_FIX = ("Each reference needs a link readers can follow: end it with its DOI, like "
                  "[doi:10.1001/archpsyc.63.8.856](https://doi.org/10.1001/archpsyc.63.8.856), or the "
                  "web address of the page, like [fda.gov](https://www.fda.gov/...). See docs/articles/_template.md.")


# --- Images without alt text, on the built site -------------------------------------

def images_without_alt_text(project: Path, site_dir: Path) -> list[Problem]:
    """Images in a page's content whose alt text is missing or empty.

    The Markdown lint (rule MD045) finds them in the source with a line number; this
    checks what visitors get, whatever Markdown or attribute produced the image.
    """
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for image in tree.css("article.md-content__inner img"):
            if not (image.attributes.get("alt") or "").strip():
                problems.append(Problem(source_of(project, site_dir, page), 0,
                                        f"the image {image.attributes.get('src')!r} has no alt text: "
                                        + LINT_ADVICE["md045"].split(": ", 1)[1]))
    return problems


def source_of(project: Path, site_dir: Path, page: Path) -> str:
    """The Markdown file a built page comes from: docs/articles/x.md for articles/x/index.html."""
    relative = page.relative_to(site_dir).as_posix()
    stem = relative.removesuffix("index.html").rstrip("/")
    candidates = [f"docs/{stem}.md", f"docs/{stem}/index.md"] if stem else ["docs/index.md"]
    return next((c for c in candidates if (project / c).exists()), f"the built page {relative}")


def _shown(project: Path, path: Path) -> str:
    path = path if path.is_absolute() else project / path
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return str(path)
