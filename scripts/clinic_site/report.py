"""Problems, written out: the one place they become text (the edge of the pipeline).

- ``build_report``: what a build prints when it stops, a heading per part of the site
  and one indented line per problem;
- ``check_lines``: what `dev.py check` prints, one line per problem, file order;
- ``annotation`` and ``summary_markdown``: the same problems on GitHub (workflow
  commands shown on the changed lines, and the head of the job summary).
"""

from __future__ import annotations

from collections.abc import Iterable

from .problems import Problem, errors, notices


def count(number: int, word: str = "problem") -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"


def heading(topic: str, number: int) -> str:
    return f"{topic}: {count(number)} to fix before the site can be built:"


def build_report(problems: Iterable[Problem]) -> list[str]:
    """The lines a build prints for the problems that stopped it: per topic, in the order
    found, a heading, then one indented line each; notices as they are."""
    found = list(problems)
    lines: list[str] = []
    by_topic: dict[str, list[Problem]] = {}
    for problem in errors(found):
        by_topic.setdefault(problem.topic, []).append(problem)
    for topic, listed in by_topic.items():
        if topic:
            lines.append(heading(topic, len(listed)))
            lines += [f"  {problem}" for problem in listed]
        else:
            lines += [str(problem) for problem in listed]
    lines += [str(problem) for problem in notices(found)]
    return lines


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """In file order, each once."""
    return sorted(dict.fromkeys(problems), key=lambda problem: problem.sort_key)


def check_lines(problems: Iterable[Problem]) -> list[str]:
    """`dev.py check`: one line per problem, ``docs/path.md:LINE: what is wrong; the fix``."""
    return [str(problem) for problem in sorted_problems(errors(problems))]


# --- On GitHub ---------------------------------------------------------------------------------

TITLE = "Content check"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """The workflow command that shows a problem on its line of the pull request (an error),
    or on the run (a notice)."""
    command = "notice" if problem.level == "notice" else "error"
    where = [f"file={_escape_property(problem.path)}"] if problem.path else []
    if problem.path and problem.line:
        where.append(f"line={problem.line}")
    return f"::{command} {','.join([*where, f'title={_escape_property(TITLE)}'])}::{_escape_data(problem.message)}"


def summary_markdown(problems: Iterable[Problem], checked: str) -> str:
    """What heads the job summary: every problem, one line each, or that all is well (with
    what was checked); then the notices (not problems), if any."""
    found = list(problems)
    told = notices(found)
    notes = ("**Notices** (not problems):\n\n" + "\n".join(f"- {note}" for note in told) + "\n\n") if told else ""
    listed = check_lines(found)
    if not listed:
        return f"## {TITLE}\n\nNo problems: {checked} are all fine.\n\n" + notes
    listing = "\n".join(line.replace("```", "` ` `") for line in listed)
    return (f"## {TITLE}: {count(len(listed))} to fix\n\n"
            "Each line names the file and the line, what is wrong, and the fix. The same lines show "
            "on the changed lines of the pull request (the **Files changed** tab).\n\n"
            f"```text\n{listing}\n```\n\n" + notes)


def failure_message(problems: Iterable[Problem], what: str, fix: str) -> str:
    """A whole message for a failed check of the site's own content (a test's failure):
    what failed and how many, the fix, then one line per problem."""
    listed = check_lines(problems)
    return "\n".join([f"{what}: {count(len(listed))} to fix.", fix, "", *(f"  {line}" for line in listed)])
