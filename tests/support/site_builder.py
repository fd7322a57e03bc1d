"""Build the site the way editors and CI do: the runner (clinic_site.pipeline.build:
data, engine, finish), in the test's own process, with the build's own options."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from clinic_site import cli, pipeline
from clinic_site.engines import ENGINES
from project_copy import copy_project

ROOT = Path(__file__).resolve().parent.parent.parent
__all__ = ["ENGINES", "ROOT", "BuildResult", "add_article", "build_site", "copy_project", "html_files"]


@dataclass
class BuildResult:
    returncode: int
    output: str  # what the build printed, its progress and its problems, in order
    seconds: float
    site_dir: Path
    project: Path = ROOT


def build_site(project: Path, site_dir: Path, extra_env: dict[str, str] | None = None,
               extra_args: tuple[str, ...] = (), engine: str = "mkdocs") -> BuildResult:
    """`dev.py build [extra_args] --engine ENGINE --site-dir SITE_DIR` on project, with extra_env."""
    options, rest = cli.parse(["build", "--engine", engine, "--site-dir", str(site_dir), *extra_args])
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    printed: list[str] = []
    start = time.perf_counter()
    outcome = pipeline.build(project, options.site_dir, engine=options.engine, options=rest,
                             directory_urls=options.directory_urls, environ=environ,
                             say=printed.append, tell=printed.append)
    return BuildResult(outcome.status, "\n".join(printed), time.perf_counter() - start, site_dir, project)


# A valid article the tests own, so that what they expect never depends on the
# articles the site has today (an editor may change or remove any of those).
FIXTURE_ARTICLE = """---
title: {title}
description: A short summary of this test article, in plain words.
published: 2026-01-10
last_reviewed: 2026-02-01
next_review: 2027-02-01
tags:
  - depression
---

This article is here for the tests.
It has a few short sentences.[^source]

## Ask for a consultation

See our [Visit us](../visit.md) page.

## References

[^source]: Author A. Title of the paper. *Journal name*. 2024;1(1):1-2. [doi:10.5555/12345678](https://doi.org/10.5555/12345678)
"""


def add_article(project: Path, name: str, text: str | None = None, title: str = "A test article") -> Path:
    """Write an article into a copy of the project: the fixture, or the given text."""
    path = project / "docs" / "articles" / name
    path.write_text(text if text is not None else FIXTURE_ARTICLE.format(title=title), encoding="utf-8")
    return path


def html_files(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))
