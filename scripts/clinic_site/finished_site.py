"""The finished site, held in memory while the finish steps change it.

Every HTML page is read once, when the finish step starts; each step changes pages and
files in memory (``FinishedSite.change_pages`` for a pure change of one page at a time),
and everything is written once, by ``commit()``. A site needs no folder at all: tests
build one from a dict of files.

The per-page work goes through ``change_pages`` and ``check_pages``, so a cache of each
page's result by a hash of its inputs, or a pool of processes, fits in there alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem

HTML = ".html"


class SiteFiles:
    """The site folder's files, with the changes held until commit(): what a step writes is
    what the next one reads. With no folder, every file lives in memory."""

    def __init__(self, folder: Path | None = None, files: dict[str, bytes] | None = None):
        self.folder = folder
        self._on_disk: set[str] = set()
        if folder is not None and folder.is_dir():
            self._on_disk = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
        self._written: dict[str, bytes | Path] = dict(files or {})
        self._removed: set[str] = set()

    def names(self) -> list[str]:
        return sorted((self._on_disk - self._removed) | set(self._written))

    def exists(self, name: str) -> bool:
        return name in self._written or (name in self._on_disk and name not in self._removed)

    def read(self, name: str) -> bytes:
        if name in self._written:
            data = self._written[name]
            return data.read_bytes() if isinstance(data, Path) else data
        if name in self._on_disk and name not in self._removed and self.folder is not None:
            return (self.folder / name).read_bytes()
        raise FileNotFoundError(name)

    def read_text(self, name: str) -> str:
        return self.read(name).decode("utf-8")

    def write(self, name: str, data: bytes | Path) -> None:
        """Write bytes, or (a Path) a copy of that file, at commit()."""
        self._written[name] = data
        self._removed.discard(name)

    def write_text(self, name: str, text: str) -> None:
        self.write(name, text.encode("utf-8"))

    def remove(self, name: str) -> None:
        self._written.pop(name, None)
        if name in self._on_disk:
            self._removed.add(name)

    def commit(self) -> None:
        """Write every change into the folder, once."""
        if self.folder is None:
            return
        for name in sorted(self._removed):
            (self.folder / name).unlink(missing_ok=True)
        for name, data in sorted(self._written.items()):
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, Path):
                shutil.copyfile(data, path)
            else:
                path.write_bytes(data)
        self._on_disk = (self._on_disk - self._removed) | set(self._written)
        self._written, self._removed = {}, set()


@dataclass
class FinishedSite:
    """The pages and files the engine wrote, and what the data step knows about them."""

    files: SiteFiles
    # Every HTML file's text, by its path in the site ("articles/x/index.html").
    pages: dict[str, str] = field(default_factory=dict)
    site_url: str = ""
    # Each page's Markdown source ("docs/articles/x.md"), from the data step. Other HTML
    # files (404.html) have none.
    sources: dict[str, str] = field(default_factory=dict)
    # The project folder: the sources are relative to it (their Markdown gives the lines of
    # problems), and its image cache keeps the photos' web sizes between builds. None: no
    # line numbers, no cache.
    project: Path | None = None
    # The folders the engine read templates from (the last check allows the theme's own
    # inline scripts).
    theme_dirs: list[Path] = field(default_factory=list)
    # The clinic's facts as the data step wrote them for templates (extra.site.clinic).
    clinic: dict[str, Any] = field(default_factory=dict)
    noindex: bool = False  # a pull-request preview: robots.txt disallows everything
    log: list[str] = field(default_factory=list)  # lines for the build's output
    changed: set[str] = field(default_factory=set)  # pages changed since they were read

    @classmethod
    def read(cls, folder: Path, **context: Any) -> FinishedSite:
        """The site the engine wrote into folder, every HTML page read once."""
        files = SiteFiles(folder)
        pages = {name: files.read_text(name) for name in files.names() if name.endswith(HTML)}
        return cls(files, pages, **context)

    @classmethod
    def in_memory(cls, files: dict[str, str | bytes], **context: Any) -> FinishedSite:
        """A site with no folder (for tests): its files by path, text or bytes."""
        data = {name: value.encode("utf-8") if isinstance(value, str) else value for name, value in files.items()}
        pages = {name: value.decode("utf-8") for name, value in data.items() if name.endswith(HTML)}
        return cls(SiteFiles(None, {name: value for name, value in data.items() if not name.endswith(HTML)}),
                   pages, **context)

    @property
    def folder(self) -> Path | None:
        return self.files.folder

    def set_page(self, page: str, text: str) -> None:
        if self.pages.get(page) != text:
            self.pages[page] = text
            self.changed.add(page)

    def change_pages(self, change: Callable[[str, str], str], pages: Iterable[str] | None = None) -> None:
        """Apply a pure change of one page (its path, its HTML -> its new HTML) to each page."""
        for page in sorted(self.pages if pages is None else pages):
            if page in self.pages:
                self.set_page(page, change(page, self.pages[page]))

    def check_pages(self, check: Callable[[str, str], list[Problem]],
                    pages: Iterable[str] | None = None) -> list[Problem]:
        """The problems a pure check of one page (its path, its HTML) finds in each page."""
        found: list[Problem] = []
        for page in sorted(self.pages if pages is None else pages):
            if page in self.pages:
                found += check(page, self.pages[page])
        return found

    def source_text(self, source: str) -> str | None:
        """A page's Markdown, for the lines of its problems; None if it cannot be read."""
        if self.project is None:
            return None
        try:
            return (self.project / source).read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            return None

    def commit(self) -> None:
        """Write the changed pages and every other change into the folder, once."""
        for page in sorted(self.changed):
            self.files.write_text(page, self.pages[page])
        self.changed.clear()
        self.files.commit()
