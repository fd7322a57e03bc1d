"""Markdown style (pymarkdownlnt), with a message for editors for each rule.

The settings are pymarkdown.yml beside this file. Each problem names the line and the
fix, and ends with the rule's code, for a website maintainer: "... (Markdown rule MD045)".
"""

from __future__ import annotations

from pathlib import Path

from ..articles import FRONT_MATTER, split_front_matter
from ..problems import Problem, Problems
from . import shown

LINT_CONFIG = Path(__file__).resolve().parent / "pymarkdown.yml"

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




def lintable_text(text: str) -> str:
    """The page as the linter should read it. Front matter with a mistake in it (a tab,
    a quote left open) becomes plain 'field: value' lines, as many as it had, so line
    numbers stay right; 'title' stays, so a '# ' line is still a second title.

    The linter would otherwise read such front matter as Markdown, and report its lines
    as lists and headings that contradict the template; the front-matter check reports
    the mistake itself.
    """
    text = text.replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if not match:
        return text
    try:
        split_front_matter(text, where="")
        return text
    except Problems:
        pass
    lines = match.group(1).split("\n")[:-1]
    fields = [("title: x" if line.startswith("title") else f"field{number}: x") for number, line in enumerate(lines)]
    return "---\n" + "".join(f"{field}\n" for field in fields) + "---\n" + text[match.end():]


def lint(project: Path, paths: list[Path]) -> list[Problem]:
    """One Problem per place a page breaks the site's Markdown style."""
    from pymarkdown.api import PyMarkdownApi

    api = PyMarkdownApi().configuration_file_path(str(LINT_CONFIG)).enable_strict_configuration()
    problems: list[Problem] = []
    for path in paths:
        result = api.scan_string(lintable_text(path.read_text(encoding="utf-8")))
        if result.critical_errors:  # the linter itself failed: say so rather than pass
            raise RuntimeError(f"the Markdown linter could not read {path}: {result.critical_errors}")
        for failure in result.scan_failures:
            rule = failure.rule_id.lower()
            advice = LINT_ADVICE.get(rule, failure.rule_description)
            problems.append(Problem(shown(project, path), failure.line_number,
                                    f"{advice} (Markdown rule {rule.upper()})", rule=rule))
    return problems


LINT_FIX = ("Each line below names the file, the line and what to change. "
            "Compare with docs/articles/_template.md; CONTRIBUTING.md explains each check.")


