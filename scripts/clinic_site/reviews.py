"""Articles past their review date: found from the front matter, reported in Markdown.

An overdue review never stops the build (it must not block an unrelated change), so it
is reported instead: in the build output (the clinic hook), in the pull-request check's
summary and by the scheduled workflow (scripts/review_due.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from .articles import Article, is_article, load_articles, newest_first
from .problems import Problem, notice


@dataclass(frozen=True)
class OverdueReview:
    path: str  # as the editor sees it: docs/articles/x.md
    title: str
    due: datetime.date
    days_overdue: int


def overdue_reviews(articles: list[Article], today: datetime.date, *, docs_dir: str = "docs") -> list[OverdueReview]:
    """Articles whose next_review is before today, longest overdue first."""
    found = [
        OverdueReview(f"{docs_dir}/{article.src_uri}", article.title, article.front_matter.next_review,
                      (today - article.front_matter.next_review).days)
        for article in newest_first(articles)
        if article.review_overdue(today)
    ]
    return sorted(found, key=lambda review: (-review.days_overdue, review.path))


def build_log_line(review: OverdueReview) -> str:
    """The line the build prints: plain text, one per article."""
    return (f"REVIEW DUE: {review.path} was due for review on {review.due.isoformat()}. "
            "Review it, then update last_reviewed and next_review.")


def review_notice(review: OverdueReview) -> Problem:
    """An overdue review as a notice on its file: never a failure."""
    return notice(build_log_line(review), review.path)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (a title may hold '|' or Markdown)."""
    escaped = "".join(f"\\{char}" if char in "\\`*_[]<>|#" else char for char in text)
    return " ".join(escaped.split())


def overdue_markdown(reviews: list[OverdueReview], today: datetime.date, *, link_base: str = "") -> str:
    """A Markdown report for a GitHub job summary or issue. ``link_base`` + path opens the file."""
    lines = ["## Articles past their review date", ""]
    if not reviews:
        lines.append(f"No article is past its review date (checked {today.isoformat()}).")
        return "\n".join(lines) + "\n"
    count = len(reviews)
    lines += [
        f"{count} article{'s are' if count != 1 else ' is'} past {'their' if count != 1 else 'its'} "
        f"review date (checked {today.isoformat()}). This does not block any change, but each one needs "
        "a medical review: check its facts and sources, then set `last_reviewed` to the day you checked "
        "it and `next_review` to the next date it is due (see CONTRIBUTING.md).",
        "",
        "| Article | File | Review was due | Overdue by |",
        "|---|---|---|---|",
    ]
    for review in reviews:
        file_cell = f"[{_cell(review.path)}]({link_base}{review.path})" if link_base else f"`{review.path}`"
        days = f"{review.days_overdue} day{'s' if review.days_overdue != 1 else ''}"
        lines.append(f"| {_cell(review.title)} | {file_cell} | {review.due.isoformat()} | {days} |")
    return "\n".join(lines) + "\n"


def load_articles_from(docs_dir: Path, *, shown_as: str = "docs") -> list[Article]:
    """Every article under docs_dir, validated (Problems lists every problem)."""
    sources = []
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        if is_article(src_uri):
            url = src_uri[:-3] + "/"
            sources.append((path.read_text(encoding="utf-8"), src_uri, url, f"{shown_as}/{src_uri}"))
    # The author is not part of the report; any name will do.
    return load_articles(sources, default_author="the clinic")
