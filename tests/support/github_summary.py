"""On GitHub, write what to fix on the check's Summary page, for editors.

GitHub shows the file named by $GITHUB_STEP_SUMMARY (Markdown) on the run's Summary
page. Each failed check's message goes there once, so an editor sees the fix without
reading the whole log (CONTRIBUTING.md, "The checks, and how to fix each failure").
Nothing happens outside GitHub Actions.
"""

from __future__ import annotations

import os

MAX_MESSAGE = 4000  # characters of one message; the full text stays in the log
MAX_SUMMARY = 60_000  # GitHub accepts up to 1 MiB per step


def summary_markdown(failures: list[tuple[str, str]]) -> str:
    """Markdown for (test id, message) pairs; the same message is shown once."""
    if not failures:
        return "## What to fix\n\nNothing: every test and content check passed.\n"
    by_message: dict[str, list[str]] = {}
    for test_id, message in failures:
        by_message.setdefault(message.strip(), []).append(test_id)
    parts = [f"## What to fix\n\n{len(failures)} test{'s' if len(failures) != 1 else ''} failed. "
             "Each problem is below, with the fix; the full report is in the log of the step "
             "*Run the tests and content checks*.\n"]
    size = len(parts[0])
    for message, test_ids in by_message.items():
        shown = message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE] + "\n... (see the log)"
        shown = shown.replace("```", "'''")
        more = f" and {len(test_ids) - 1} more" if len(test_ids) > 1 else ""
        part = f"\n**{test_ids[0]}**{more}\n\n```text\n{shown}\n```\n"
        if size + len(part) > MAX_SUMMARY:
            parts.append("\nMore problems are in the log.\n")
            break
        parts.append(part)
        size += len(part)
    return "".join(parts)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    reports = terminalreporter.stats.get("failed", []) + terminalreporter.stats.get("error", [])
    failures = [(report.nodeid, report.longreprtext.removeprefix("Failed: ")) for report in reports
                if getattr(report, "longreprtext", "")]
    with open(path, "a", encoding="utf-8") as summary:
        summary.write(summary_markdown(failures))
