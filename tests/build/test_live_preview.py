"""`dev.py serve`: the live preview reruns the data step on each rebuild, so adding or
renaming an article shows in the articles list, the nav and its own page without a
restart, with MkDocs (its one preview hook) and with Zensical (the data step watches
docs/); a --dirty MkDocs preview works too."""

from __future__ import annotations

import datetime
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from site_builder import FIXTURE_ARTICLE, copy_project

# The tests' own article, published tomorrow: the newest, so the nav lists it whatever
# articles the site has.
TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
NEW_ARTICLE = (FIXTURE_ARTICLE.format(title="A new article")
               .replace("published: 2026-01-10", f"published: {TOMORROW}")
               .replace("last_reviewed: 2026-02-01", f"last_reviewed: {TOMORROW}")
               .replace("next_review: 2027-02-01", "next_review: 2099-01-01"))


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


def start_preview(project: Path, engine: str, port: int, dirty: bool) -> list[subprocess.Popen]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    data_step = [sys.executable, str(project / "scripts" / "site_data.py"), "--engine", engine, "--preview",
                 *(["--dirty"] if dirty else [])]
    subprocess.run(data_step, cwd=project, env=env, check=True, capture_output=True)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if engine == "mkdocs":
        return [subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--config-file", ".site-config.serve.yml",
                                  "--dev-addr", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
                                 cwd=project, env=env, **quiet)]
    return [subprocess.Popen([*data_step, "--watch"], cwd=project, env=env, **quiet),
            subprocess.Popen([sys.executable, "-m", "zensical", "serve", "--config-file", ".site-config.serve.yml",
                              "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env, **quiet)]


@pytest.mark.parametrize(("engine", "dirty"), [("mkdocs", False), ("mkdocs", True), ("zensical", False)])
def test_a_new_or_renamed_article_shows_without_a_restart(tmp_path, engine, dirty):
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    processes = start_preview(project, engine, port, dirty)
    try:
        wait_for(url, "clinic-info__address")
        new = project / "docs" / "articles" / "a-new-article.md"
        new.write_text(NEW_ARTICLE, encoding="utf-8")
        assert '<h1 id="article-title">A new article</h1>' in wait_for(url + "articles/a-new-article/", "article-title")
        if dirty:  # a dirty rebuild writes only changed pages: the others keep their nav
            return
        wait_for(url + "articles/", "A new article")  # the articles list
        assert "articles/a-new-article/" in wait_for(url, "a-new-article/")  # the nav
        new.rename(new.with_name("renamed.md"))
        wait_for(url + "articles/renamed/", '<h1 id="article-title">A new article</h1>')
        assert "a-new-article/" not in wait_for(url, "articles/renamed/")
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
