"""The site's search index, built by Pagefind from the finished HTML, offline.

Pagefind (the pagefind-bin package from PyPI ships its binary) splits the index into
small chunks: a search fetches only the chunks for the words typed, so what a visitor
downloads to search stays about the same size however many articles there are. Only
the parts of pages marked `data-pagefind-body` are indexed (the text of each page, not
its header, navigation or footer); pages without it (404, the search page) are left out.

Two ways to run it, giving the same index: `build_search_index` runs the command line on
a built site; `SearchIndexer` runs Pagefind's service alongside the build and hands it
each page as it is written, so Pagefind reads the pages on the machine's other core
while Python renders the next ones, and only writing the index is left for the end.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

SEARCH_DIR = "pagefind"  # where the index goes in the site, and where site-search.js looks
# Inside the indexed text, but not what a search should match or quote: an article's
# byline and review dates, its standard "not medical advice" note, permalink symbols,
# and footnote numbers and return arrows.
EXCLUDED = ", ".join([
    ".article-header__byline", ".article-header__dates", ".article-note", ".headerlink",
    ".footnote-ref", ".footnote-backref",
])


class SearchIndexError(Exception):
    """Pagefind failed; the message says how."""


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    seconds: float


def pagefind_executable() -> str:
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except (ImportError, OSError) as error:
        raise SearchIndexError(f"Pagefind could not run ({error}); reinstall the requirements (README).") from None


def pagefind_command(site_dir: Path) -> list[str]:
    return [pagefind_executable(), "--site", str(site_dir), "--output-subdir", SEARCH_DIR, "--exclude-selectors", EXCLUDED, "--quiet"]


def build_search_index(site_dir: Path) -> SearchIndex:
    """Index the built site in site_dir; the index goes to site_dir/pagefind/."""
    start = time.perf_counter()
    try:
        # cwd: the site, so no pagefind.yml from elsewhere changes what is indexed.
        completed = subprocess.run(pagefind_command(site_dir), cwd=site_dir, capture_output=True, text=True)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not run ({error}); reinstall the requirements (README).") from None
    if completed.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{completed.stdout}{completed.stderr}")
    return SearchIndex(indexed_page_count(site_dir / SEARCH_DIR), time.perf_counter() - start)


def indexed_page_count(index_dir: Path) -> int:
    entry = json.loads((index_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


SERVICE_TIMEOUT_SECONDS = 600  # for one answer; a whole build of 3,000 articles takes a minute


class SearchIndexer:
    """Pagefind's service (`pagefind --service`), fed pages during the build.

    The protocol: requests and responses are base64-encoded JSON messages, each ended by
    a comma, on the service's stdin and stdout; each response carries its request's
    message_id. Pages are sent without waiting for their answers; `write` waits for all.
    A thread writes the requests, so the build never waits on a busy service.
    """

    def __init__(self, executable: str | None = None) -> None:
        self._responses: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._last_id = 0
        self._pages: list[int] = []
        self._ended = False  # the service's output has ended: it stopped
        # cwd: an empty folder, so no pagefind.yml from elsewhere changes what is indexed.
        self._workdir = tempfile.TemporaryDirectory(prefix="pagefind-")
        self._errors = tempfile.TemporaryFile()
        try:
            self._service = subprocess.Popen([executable or pagefind_executable(), "--service"], cwd=self._workdir.name,
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors)
        except OSError as error:
            raise SearchIndexError(f"Pagefind could not run ({error}); reinstall the requirements (README).") from None
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        threading.Thread(target=self._read_responses, name="pagefind-responses", daemon=True).start()
        threading.Thread(target=self._write_requests, name="pagefind-requests", daemon=True).start()
        answer = self._wait(self._send({"type": "NewIndex", "config": {"exclude_selectors": EXCLUDED.split(", ")}}))
        self._index_id = answer["index_id"]

    def add(self, path_in_site: str, html: str) -> None:
        """One built page, by its path in the site ("articles/x/index.html"): Pagefind
        makes its address from the path, as the command line does."""
        self._pages.append(self._send({"type": "AddFile", "index_id": self._index_id,
                                       "file_path": path_in_site, "file_contents": html}))

    def write(self, index_dir: Path) -> SearchIndex:
        """Wait for every page, then write the index to index_dir (site_dir/pagefind).

        The files are asked for and written here: the service's own WriteFiles answers
        before its files are all on disk. The seconds returned are this wait: what the
        build spends on the index after its last page.
        """
        start = time.perf_counter()
        try:
            for message_id in self._pages:
                self._wait(message_id)
            files = self._wait(self._send({"type": "GetFiles", "index_id": self._index_id}))["files"]
        finally:
            self.close()
        folders: set[Path] = set()
        for file in files:
            relative = PurePosixPath(file["path"])
            if relative.is_absolute() or ".." in relative.parts:
                raise SearchIndexError(f"Pagefind's service gave a file outside the index: {file['path']}")
            target = index_dir / relative
            if target.parent not in folders:  # a thousand fragments share one folder
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_bytes(base64.b64decode(file["content"]))
        return SearchIndex(indexed_page_count(index_dir), time.perf_counter() - start)

    def close(self) -> None:
        self._outbox.put(None)
        if self._service.poll() is None:
            self._service.kill()
            self._service.wait()
        self._errors.close()
        self._workdir.cleanup()

    def _send(self, payload: dict[str, Any]) -> int:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        self._outbox.put(base64.b64encode(message) + b",")
        return self._last_id

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._answered:
            answered = self._answered.wait_for(lambda: message_id in self._responses or self._ended,
                                               timeout=SERVICE_TIMEOUT_SECONDS)
            response = self._responses.get(message_id)
        if response is None:
            raise SearchIndexError(self._failure("stopped" if answered else "did not answer"))
        if response.get("type") == "Error":
            raise SearchIndexError(self._failure(f"answered: {response.get('message')}"))
        return response

    def _write_requests(self) -> None:
        while (request := self._outbox.get()) is not None:
            try:
                self._service.stdin.write(request)
                if self._outbox.empty():
                    self._service.stdin.flush()
            except (OSError, ValueError):  # the service stopped; the reader says so
                return

    def _read_responses(self) -> None:
        parts: list[bytes] = []  # of the message being read (the index's files come as one)
        try:
            while chunk := self._service.stdout.read1(1 << 16):
                while (comma := chunk.find(b",")) != -1:
                    parts.append(chunk[:comma])
                    response = json.loads(base64.b64decode(b"".join(parts)))
                    parts, chunk = [], chunk[comma + 1:]
                    with self._answered:
                        self._responses[response["message_id"]] = response["payload"]
                        self._answered.notify_all()
                parts.append(chunk)
        finally:  # the service stopped, or spoke nonsense: wake anyone waiting
            with self._answered:
                self._ended = True
                self._answered.notify_all()

    def _failure(self, what: str) -> str:
        self._errors.seek(0)
        detail = self._errors.read().decode("utf-8", "replace").strip()
        return f"Pagefind's service {what}" + (f":\n{detail}" if detail else "")
