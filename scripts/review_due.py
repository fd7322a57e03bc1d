#!/usr/bin/env python3
"""List the articles past their review date, as Markdown.

    python3 scripts/review_due.py [--today 2026-01-31] [--link-base URL] [--docs-dir docs]

Used by the pull-request check (its job summary) and the scheduled review workflow.
It never fails because a review is overdue: that must not block an unrelated change.
It exits 1 only if an article's front matter cannot be read, printing what to fix.
Needs the build's requirements (requirements.txt).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from clinic_site.problems import Problems
from clinic_site.reviews import load_articles_from, overdue_markdown, overdue_reviews

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today(),
                        help="the date to compare with (default: today)")
    parser.add_argument("--link-base", default="",
                        help="prefix that turns a file path into a link, e.g. https://github.com/OWNER/REPO/blob/main/")
    parser.add_argument("--docs-dir", type=Path, default=ROOT / "docs", help="the site's docs folder")
    parser.add_argument("--count-file", type=Path,
                        help="also write the number of overdue articles to this file (for workflows)")
    args = parser.parse_args(argv)

    shown_as = os.path.relpath(args.docs_dir, ROOT) if args.docs_dir.is_relative_to(ROOT) else str(args.docs_dir)
    try:
        articles = load_articles_from(args.docs_dir, shown_as=shown_as)
    except Problems as error:
        print("## Articles past their review date\n\nThe articles' front matter has problems to fix first:\n")
        print("\n".join(f"- {problem}" for problem in error.problems))
        return 1
    reviews = overdue_reviews(articles, args.today, docs_dir=shown_as)
    print(overdue_markdown(reviews, args.today, link_base=args.link_base), end="")
    if args.count_file:
        args.count_file.write_text(f"{len(reviews)}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
