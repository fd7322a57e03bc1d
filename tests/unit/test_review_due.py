"""Articles past their review date are listed, never silently and never blocking."""

from __future__ import annotations

import datetime
import subprocess
import sys

from clinic_site.articles import load_article
from clinic_site.reviews import OverdueReview, build_log_line, overdue_markdown, overdue_reviews
from site_builder import ROOT, add_article, copy_project
from site_content import articles

SCRIPT = ROOT / "scripts" / "review_due.py"


def article(name: str, title: str, next_review: str):
    text = (f"---\ntitle: {title}\ndescription: A summary.\npublished: 2025-01-01\n"
            f"last_reviewed: 2025-01-01\nnext_review: {next_review}\n---\n\nText.\n")
    return load_article(text, src_uri=f"articles/{name}", url=f"articles/{name[:-3]}/",
                        where=f"docs/articles/{name}", default_author="Clinic")


TODAY = datetime.date(2026, 3, 1)


def test_only_past_due_articles_are_listed_longest_overdue_first():
    articles = [article("a.md", "A", "2026-03-01"),   # due today: not yet overdue
                article("b.md", "B", "2026-02-28"),
                article("c.md", "C", "2026-01-01"),
                article("d.md", "D", "2027-01-01")]
    assert overdue_reviews(articles, TODAY) == [
        OverdueReview("docs/articles/c.md", "C", datetime.date(2026, 1, 1), 59),
        OverdueReview("docs/articles/b.md", "B", datetime.date(2026, 2, 28), 1),
    ]


def test_the_build_line_says_what_to_do():
    review = OverdueReview("docs/articles/c.md", "C", datetime.date(2026, 1, 1), 59)
    assert build_log_line(review) == ("REVIEW DUE: docs/articles/c.md was due for review on 2026-01-01. "
                                      "Review it, then update last_reviewed and next_review.")


def test_the_markdown_report_links_each_file_and_escapes_titles():
    reviews = [OverdueReview("docs/articles/c.md", "Pipes | and *stars*", datetime.date(2026, 1, 1), 1)]
    report = overdue_markdown(reviews, TODAY, link_base="https://github.com/owner/repo/blob/main/")
    assert report.startswith("## Articles past their review date\n\n1 article is past its review date (checked 2026-03-01).")
    assert report.endswith(
        "| Article | File | Review was due | Overdue by |\n|---|---|---|---|\n"
        "| Pipes \\| and \\*stars\\* | [docs/articles/c.md](https://github.com/owner/repo/blob/main/docs/articles/c.md)"
        " | 2026-01-01 | 1 day |\n"
    )


def test_the_report_says_so_when_nothing_is_due():
    assert overdue_markdown([], TODAY) == (
        "## Articles past their review date\n\nNo article is past its review date (checked 2026-03-01).\n"
    )


def run_script(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd)


def test_the_script_lists_the_real_articles_once_their_date_has_passed(tmp_path):
    every = articles(ROOT)
    count_file = tmp_path / "count"
    result = run_script("--today", "2100-01-01", "--count-file", str(count_file))
    assert result.returncode == 0, result.stderr
    for article in every:
        assert f"`docs/{article.src_uri}` |" in result.stdout, article.src_uri
    assert count_file.read_text() == f"{len(every)}\n"

    # The day the first review falls due, nothing is overdue yet.
    first_due = min(article.front_matter.next_review for article in every).isoformat()
    result = run_script("--today", first_due, "--count-file", str(count_file))
    assert result.returncode == 0, result.stderr
    assert f"No article is past its review date (checked {first_due})." in result.stdout
    assert count_file.read_text() == "0\n"


def test_the_script_explains_broken_front_matter_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    page = add_article(project, "fixture.md")
    page.write_text(page.read_text().replace("last_reviewed: 2026-02-01", "last_reviewed: Nov 23"))
    result = run_script("--docs-dir", str(project / "docs"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "last_reviewed must be a date like 2026-01-31, got 'Nov 23'" in result.stdout
