"""The search index built during the build (Pagefind's service) is the one Pagefind's
command line makes from the finished site; a --dirty build still indexes every page;
a service that fails stops the build with a plain message, and no broken index ships.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clinic_site.search_index import (
    SEARCH_DIR, SearchIndexer, SearchIndexError, build_search_index, indexed_page_count,
)
from search_index_reader import indexed_pages
from site_builder import build_site, copy_project, html_files
from site_content import articles, source


def test_the_index_made_during_the_build_is_the_one_the_command_line_makes(site_dir, tmp_path):
    by_command_line = tmp_path / "site"
    shutil.copytree(site_dir, by_command_line)
    shutil.rmtree(by_command_line / SEARCH_DIR)
    build_search_index(by_command_line)
    during_the_build = indexed_pages(site_dir)
    # Every page but the 404 page and the search page (test_search.py checks which).
    assert len(during_the_build) == len(html_files(site_dir)) - 2
    assert during_the_build == indexed_pages(by_command_line)


def test_a_dirty_rebuild_still_indexes_every_page(tmp_path):
    project = copy_project(tmp_path / "project")
    first = build_site(project, tmp_path / "site")
    assert first.returncode == 0, first.output
    everything = [page["url"] for page in indexed_pages(first.site_dir)]
    article = source(project, articles(project)[0])
    article.write_text(article.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
    time.sleep(0.01)  # a newer modification time than the built page
    # --no-strict: MkDocs warns that a dirty build is for previews only.
    again = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "--site-dir", str(tmp_path / "site")],
                           cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"Search index: {len(everything)} pages" in again.stderr
    # The folder keeps the first build's fragments too (a dirty build cleans nothing):
    # count the pages in the index's own entry file.
    assert indexed_page_count(tmp_path / "site" / SEARCH_DIR) == len(everything)
    assert {page["url"] for page in indexed_pages(tmp_path / "site")} == set(everything)
    assert any("A sentence added later." in page["content"] for page in indexed_pages(tmp_path / "site"))


def fake_pagefind(tmp_path: Path, script: str) -> str:
    fake = tmp_path / "fake-pagefind"
    fake.write_text(f"#!{sys.executable}\n{script}", encoding="utf-8")
    fake.chmod(0o755)
    return str(fake)


def test_a_service_that_stops_is_reported_in_plain_words(tmp_path):
    stops = """
import sys
sys.stdin.buffer.read(10)
sys.stderr.write("pagefind: out of disk space\\n")
sys.exit(3)
"""
    with pytest.raises(SearchIndexError, match="Pagefind's service stopped:\npagefind: out of disk space"):
        SearchIndexer(executable=fake_pagefind(tmp_path, stops))


# Speaks the service's protocol: makes an index, then refuses every page.
REFUSES_PAGES = """
import base64, json, sys
def answer(message_id, payload):
    sys.stdout.buffer.write(base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b",")
    sys.stdout.flush()
buffer = b""
while chunk := sys.stdin.buffer.read1(65536):
    buffer += chunk
    *messages, buffer = buffer.split(b",")
    for message in messages:
        request = json.loads(base64.b64decode(message))
        if request["payload"]["type"] == "NewIndex":
            answer(request["message_id"], {"type": "NewIndex", "index_id": 0})
        else:
            answer(request["message_id"], {"type": "Error", "message": "this page cannot be read"})
"""


def test_a_page_the_service_refuses_stops_the_index(tmp_path):
    indexer = SearchIndexer(executable=fake_pagefind(tmp_path, REFUSES_PAGES))
    indexer.add("index.html", "<html><body data-pagefind-body><h1>Fine</h1></body></html>")
    with pytest.raises(SearchIndexError, match="Pagefind's service answered: this page cannot be read"):
        indexer.write(tmp_path / SEARCH_DIR)
    assert not (tmp_path / SEARCH_DIR).exists()


def test_a_build_whose_search_index_fails_stops_with_one_plain_line(tmp_path):
    project = copy_project(tmp_path / "project")
    broken = project / "scripts" / "clinic_site" / "search_index.py"
    broken.write_text(broken.read_text(encoding="utf-8").replace(
        '[executable or pagefind_executable(), "--service"]', '["/nonexistent/pagefind", "--service"]'), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Pagefind could not run" in result.output and "reinstall the requirements" in result.output
    assert "Traceback" not in result.output
