#!/usr/bin/env python3
"""Lighthouse scores for each kind of page, on mobile and desktop. Not part of the tests.

    python3 scripts/dev.py audit                    build, serve, audit; median of 3 runs
    python3 scripts/dev.py audit --runs 1 --site-dir site

It builds the site (or takes --site-dir), serves it on 127.0.0.1 as GitHub Pages does
(gzip, 404.html: scripts/static_server.py), and runs the pinned Lighthouse (package.json)
with Debian's Chromium (CHROME_PATH) on the home page, an article, the articles index,
the visit page and the 404 page. It prints the median of the runs for performance,
accessibility, best practices and SEO, and every audit that cost a point, with why.

The 404 page: Lighthouse refuses to audit a page answered with status 404
(ERRORED_DOCUMENT_REQUEST), and the site's missing pages are answered with 404, as
GitHub Pages does. So the audit checks that a missing page gets status 404 and the 404
page's HTML, then audits that same HTML at /404.html, where it is answered with 200.

Performance swings a few points between runs on a shared machine: run it when `uptime`
shows a low load, and report the median.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from static_server import SiteServer

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "best pr.", "seo": "SEO"}
# The flags Chromium needs on this machine (as tests/browser_support.py): no sandbox as
# root, and no background calls to Google.
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")
FORM_FACTORS = ("mobile", "desktop")


def find_chromium() -> str:
    for candidate in (os.environ.get("CHROME_PATH"), os.environ.get("CHROMIUM_PATH"),
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("Chromium was not found: install it (Debian: apt-get install chromium) or set CHROME_PATH.")


def build_site(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    # The real build (data step, engine, finish step), as deployed.
    command = [sys.executable, "-m", "clinic_site", "build", "--site-dir", str(site_dir)]
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"The build failed:\n{completed.stdout}{completed.stderr}")


def pages_to_audit(site_dir: Path) -> dict[str, str]:
    """Page kind -> path on the site. The article is the newest, as the index lists it."""
    index = LexborHTMLParser((site_dir / "articles" / "index.html").read_text(encoding="utf-8"))
    first = index.css_first(".article-list__title a")
    if first is None:
        raise SystemExit("The articles index lists no article to audit.")
    return {
        "home": "",
        "article": "articles/" + first.attributes["href"],
        "articles index": "articles/",
        "visit": "visit/",
        "404": "404.html",
    }


def check_not_found(base_url: str, site_dir: Path) -> str:
    """A missing page is answered 404 with the 404 page, as GitHub Pages does."""
    try:
        urllib.request.urlopen(base_url + "no-such-page-for-the-audit/")
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8")
        same = body == (site_dir / "404.html").read_text(encoding="utf-8")
        return f"a missing page is answered {error.code}{' with 404.html' if same else ', NOT with 404.html'}"
    return "a missing page is NOT answered 404"


def lighthouse(url: str, form_factor: str, chromium: str, workdir: Path) -> dict:
    report = workdir / "report.json"
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    completed = subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium},
                               capture_output=True, text=True, timeout=300)
    if not report.exists():
        raise SystemExit(f"Lighthouse failed on {url}:\n{completed.stdout}{completed.stderr}")
    result = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    if result.get("runtimeError"):
        raise SystemExit(f"Lighthouse could not audit {url}: {result['runtimeError']['message']}")
    return result


def scores(result: dict) -> dict[str, int]:
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def lost_points(result: dict) -> dict[str, str]:
    """Audit id -> 'category: title (value)' for every weighted audit that did not pass."""
    lost = {}
    for name in CATEGORIES:
        for ref in result["categories"][name]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lost[ref["id"]] = f"{SHORT[name]}: {audit['title']}{shown}"
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and form factor (median shown)")
    parser.add_argument("--site-dir", type=Path, help="audit this built site instead of building one")
    parser.add_argument("--only", help="comma-separated page kinds, e.g. 'home,article'")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `python3 scripts/dev.py audit`, which installs it.")
    chromium = find_chromium()

    with tempfile.TemporaryDirectory(prefix="site-audit-") as temporary:
        workdir = Path(temporary)
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = workdir / "site"
            print("Building the site...", flush=True)
            build_site(site_dir)
        pages = pages_to_audit(site_dir)
        if args.only:
            pages = {kind: path for kind, path in pages.items() if kind in args.only.split(",")}
        print(f"Lighthouse 12 on {chromium}; median of {args.runs} run(s); load average "
              f"{os.getloadavg()[0]:.2f} (shared machine: performance is noisy)", flush=True)
        rows, problems = [], {}
        with SiteServer(site_dir) as server:
            print(f"404: {check_not_found(server.url, site_dir)}; its HTML is audited at /404.html (status 200).",
                  flush=True)
            for kind, path in pages.items():
                for form_factor in FORM_FACTORS:
                    runs = [lighthouse(server.url + path, form_factor, chromium, workdir) for _ in range(args.runs)]
                    medians = {name: statistics.median_low(scores(run)[name] for run in runs) for name in CATEGORIES}
                    rows.append((kind, form_factor, medians))
                    for run in runs:
                        for audit, text in lost_points(run).items():
                            problems.setdefault((kind, form_factor), {})[audit] = text
                    print(f"  {kind:15} {form_factor:8} " + "  ".join(f"{SHORT[n]} {medians[n]:>3}" for n in CATEGORIES),
                          flush=True)

    print(f"\n| page | form factor | {' | '.join(SHORT[name] for name in CATEGORIES)} |")
    print(f"|---|---|{'---:|' * len(CATEGORIES)}")
    for kind, form_factor, medians in rows:
        print(f"| {kind} | {form_factor} | {' | '.join(str(medians[name]) for name in CATEGORIES)} |")
    if problems:
        print("\nAudits that cost points (in any run):")
        for (kind, form_factor), lost in problems.items():
            for text in lost.values():
                print(f"  {kind}, {form_factor}: {text}")
    else:
        print("\nNo audit cost a point.")
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
