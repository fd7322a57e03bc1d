#!/usr/bin/env python3
"""Serve a built site the way GitHub Pages does: gzip for text, 404.html for missing paths.

Used by the browser tests and the Lighthouse audit, and handy to look at a build:

    python3 scripts/static_server.py site/ --port 8000

With --headers-file it also sends the headers in the site's _headers file, as Netlify
and Cloudflare Pages do (GitHub Pages ignores that file).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import threading
from functools import partial
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest")


def read_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """A _headers file: a path pattern on its own line, then indented "Name: value" lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".webmanifest": "application/manifest+json"}

    extra_headers: list[tuple[str, list[tuple[str, str]]]] = []  # from _headers, when honoured

    def log_message(self, format: str, *args) -> None:  # quiet: tests read their own output
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return None
        body = path.read_bytes()
        content_type = self.guess_type(str(path))
        gzipped = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        request_path = self.path.split("?", 1)[0]
        for pattern, headers in self.extra_headers:
            if _matches(pattern, request_path):
                for name, value in headers:
                    self.send_header(name, value)
        self.end_headers()
        return _Body(body)


class _Body:
    """The bytes of one response, read once by SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class SiteServer:
    """A site served on 127.0.0.1 in a background thread. Use as a context manager."""

    def __init__(self, site_dir: Path, port: int = 0, headers_file: bool = False):
        rules = read_headers_file((Path(site_dir) / "_headers").read_text()) if headers_file else []
        handler_class = type("Handler", (PagesHandler,), {"extra_headers": rules})
        handler = partial(handler_class, directory=str(site_dir))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> SiteServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--headers-file", action="store_true", help="send the headers in _headers")
    args = parser.parse_args()
    with SiteServer(args.site_dir, args.port, headers_file=args.headers_file) as server:
        print(f"Serving {args.site_dir} at {server.url} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
