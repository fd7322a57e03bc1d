"""Faults: a failed or interrupted build never leaves a half-written site/, and two
builds of the same commit are byte-identical.

Each test builds a throwaway copy of the project, committed to its own git repository,
with the command the README gives (`python3 scripts/dev.py build` runs
scripts/site_build.py in the set-up environment; here it runs with the test's Python).
"""

from __future__ import annotations

import datetime
import gzip
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder import add_article, copy_project

COMMIT_TIME = "2026-03-04T05:06:07+00:00"


def committed_project(root: Path) -> Path:
    project = copy_project(root / "project")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    env = {**os.environ, "GIT_COMMITTER_DATE": COMMIT_TIME, "GIT_AUTHOR_DATE": COMMIT_TIME}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "A commit"]):
        subprocess.run([*git, *command], cwd=project, env=env, check=True)
    return project


def site_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, str(project / "scripts" / "site_build.py"), "--site-dir", str(site_dir)],
        cwd=project, env={**environment, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True, text=True,
    )


def snapshot(site_dir: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site_dir)): path.read_bytes()
            for path in sorted(site_dir.rglob("*")) if path.is_file()}


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


def leftovers(site_dir: Path) -> list[str]:
    return sorted(path.name for path in site_dir.parent.glob(f"{site_dir.name}.*"))


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("clean")
    project = committed_project(root)
    result = site_build(project, root / "site", PYTHONHASHSEED="1")
    assert result.returncode == 0, result.stdout + result.stderr
    return snapshot(root / "site")


def test_two_builds_of_the_same_commit_are_byte_identical(clean_build, tmp_path):
    # Another folder, another hash seed (set and dict order), another time zone, later.
    project = committed_project(tmp_path / "elsewhere")
    result = site_build(project, tmp_path / "elsewhere" / "out", PYTHONHASHSEED="2", TZ="Pacific/Auckland")
    assert result.returncode == 0, result.stdout + result.stderr
    again = snapshot(tmp_path / "elsewhere" / "out")
    assert len(again) > 20 and "_headers" in again and "sitemap.xml.gz" in again
    assert differences(clean_build, again) == []


def test_dates_in_the_site_come_from_the_commit(clean_build):
    dates = re.findall(rb"<lastmod>(.*?)</lastmod>", clean_build["sitemap.xml"])
    assert len(dates) >= 6 and set(dates) == {b"2026-03-04"}
    assert gzip.decompress(clean_build["sitemap.xml.gz"]) == clean_build["sitemap.xml"]
    header_time = int.from_bytes(clean_build["sitemap.xml.gz"][4:8], "little")
    assert datetime.datetime.fromtimestamp(header_time, datetime.timezone.utc).date() == datetime.date(2026, 3, 4)


def test_a_build_that_fails_part_way_leaves_the_previous_site(tmp_path):
    project = committed_project(tmp_path)
    site_dir = tmp_path / "site"
    assert site_build(project, site_dir).returncode == 0
    before = snapshot(site_dir)

    # A broken link: the data step passes it, and in strict mode MkDocs writes every page,
    # then fails at the end.
    article = add_article(project, "fixture.md")
    article.write_text(article.read_text() + "\nRead about [depression](no-such-page.md).\n")

    result = site_build(project, site_dir)
    assert result.returncode == 1
    assert "no-such-page.md" in result.stdout + result.stderr
    assert f"The build failed, so {site_dir} was left as it was." in result.stderr
    assert differences(before, snapshot(site_dir)) == []
    assert leftovers(site_dir) == []


def test_an_interrupted_build_leaves_the_site_and_the_next_build_is_identical(clean_build, tmp_path):
    project = committed_project(tmp_path)
    site_dir = tmp_path / "site"
    assert site_build(project, site_dir).returncode == 0
    before = snapshot(site_dir)

    # Stop a build the hard way once it has started writing (as when CI cancels a job).
    process = subprocess.Popen(
        [sys.executable, str(project / "scripts" / "site_build.py"), "--site-dir", str(site_dir)],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not any((path / "assets").exists() for path in tmp_path.glob("site.building-*")):
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert leftovers(site_dir), "the interrupted build should have left its folder"
    assert differences(before, snapshot(site_dir)) == []

    result = site_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert leftovers(site_dir) == []  # the dead build's folder is gone
    assert differences(clean_build, snapshot(site_dir)) == []
