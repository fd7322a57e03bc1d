"""The site variants the tests read, each built once per run (conftest.py, `sites`).

A variant is the project (the real one, or a copy changed by a function) built with
some options. Tests of one variant share its build, whichever module they are in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import settings_file
from new_articles import add_new_articles
from site_builder import copy_project

# What the pull-request workflow's published preview is: python3 scripts/dev.py build
# --site-dir ..., with these variables, served at <Pages address>/pr-preview/pr-N/.
PREVIEW_PATH = "pr-preview/pr-7/"
PREVIEW_ENV = {"SITE_URL": f"https://clinic.example/albany/{PREVIEW_PATH}", "SITE_NOINDEX": "true"}

# Opening hours the tests set themselves (the clinic's own may change at any time).
EVERY_DAY = dict.fromkeys(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), '"09:00-17:00"')
# A week with a closed day, a short day and a day with a lunch break.
TEST_WEEK = {
    "monday": '"09:00-17:00"',
    "tuesday": '"09:00-17:00"',
    "wednesday": '["09:00-12:00", "13:00-17:00"]',
    "thursday": '"09:00-17:00"',
    "friday": '"09:00-17:00"',
    "saturday": '"10:00-14:00"',
    "sunday": "closed",
}
TIME_ZONE = "America/New_York"


def with_hours(week: dict[str, str]) -> Callable[[Path], Path]:
    def change(root: Path) -> Path:
        project = copy_project(root / "project")
        config = project / "mkdocs.yml"
        settings_file.set_value(config, (*settings_file.CLINIC, "time_zone"), TIME_ZONE)
        for day, value in week.items():
            settings_file.set_value(config, (*settings_file.CLINIC, "opening_hours", day), value)
        return project
    return change


def with_new_articles(root: Path) -> Path:
    return add_new_articles(copy_project(root / "project"))


@dataclass(frozen=True)
class Variant:
    project: Callable[[Path], Path] | None = None  # None: the real project
    site_path: str = "site"  # where the site goes, under the variant's own folder
    env: dict[str, str] = field(default_factory=dict)
    args: tuple[str, ...] = ()
    engine: str = "mkdocs"


VARIANTS = {
    "mkdocs": Variant(),
    "zensical": Variant(engine="zensical"),
    # The downloadable preview: links name .html files, so it opens from a folder.
    "files-preview": Variant(site_path="site-preview", args=("--no-directory-urls",)),
    # The published preview, under its sub-path of a Pages branch (the variant's folder).
    "pr-preview": Variant(site_path=PREVIEW_PATH, env=PREVIEW_ENV),
    "pr-preview-zensical": Variant(site_path=PREVIEW_PATH, env=PREVIEW_ENV, engine="zensical"),
    "new-articles": Variant(with_new_articles),
    "every-day-nine-to-five": Variant(with_hours(EVERY_DAY)),
    "test-week": Variant(with_hours(TEST_WEEK)),
}
