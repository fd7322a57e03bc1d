"""`dev.py serve`: the live preview reruns the data step on each rebuild, so adding or
renaming an article shows in the articles list, the nav and its own page without a
restart, with MkDocs (its one preview hook) and with Zensical (the data step watches
docs/); a --dirty MkDocs preview works too. The preview runs as dev.py runs it (its own
command for `serve`), on a copy of the project."""

from __future__ import annotations

import datetime
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import dev
from clinic_site.site_data import ARTICLE_TITLE_ID
from site_builder import FIXTURE_ARTICLE, copy_project

# The tests' own article, published tomorrow: the newest, so the nav lists it whatever
# articles the site has.
TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
NEW_ARTICLE = (FIXTURE_ARTICLE.format(title="A new article")
               .replace("published: 2026-01-10", f"published: {TOMORROW}")
               .replace("last_reviewed: 2026-02-01", f"last_reviewed: {TOMORROW}")
               .replace("next_review: 2027-02-01", "next_review: 2099-01-01"))


TITLE = f'<h1 id="{ARTICLE_TITLE_ID}">A new article</h1>'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


def start_preview(project: Path, engine: str, port: int, dirty: bool) -> subprocess.Popen:
    """`python3 scripts/dev.py serve --engine ENGINE --dev-addr ... [--dirty]` in project, with this Python."""
    command = dev.pipeline_command(["serve", "--engine", engine, "--dev-addr", f"127.0.0.1:{port}",
                                    *(["--dirty"] if dirty else [])], python=sys.executable)
    return subprocess.Popen(command, cwd=project, env=dev.pipeline_environment(project),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.parametrize(("engine", "dirty"), [("mkdocs", False), ("mkdocs", True), ("zensical", False)])
def test_a_new_or_renamed_article_shows_without_a_restart(tmp_path, engine, dirty):
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    preview = start_preview(project, engine, port, dirty)
    try:
        wait_for(url, "clinic-info__address")
        new = project / "docs" / "articles" / "a-new-article.md"
        new.write_text(NEW_ARTICLE, encoding="utf-8")
        assert TITLE in wait_for(url + "articles/a-new-article/", ARTICLE_TITLE_ID)
        if dirty:  # a dirty rebuild writes only changed pages: the others keep their nav
            return
        wait_for(url + "articles/", "A new article")  # the articles list
        assert "articles/a-new-article/" in wait_for(url, "a-new-article/")  # the nav
        new.rename(new.with_name("renamed.md"))
        wait_for(url + "articles/renamed/", TITLE)
        assert "a-new-article/" not in wait_for(url, "articles/renamed/")
    finally:
        preview.terminate()  # as `kill`: the engine's preview stops with it
        assert preview.wait(timeout=30) == 130
    port_is_free = socket.socket()
    port_is_free.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # closed connections may linger
    try:
        port_is_free.bind(("127.0.0.1", port))  # nothing left listening
    finally:
        port_is_free.close()
