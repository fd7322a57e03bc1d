#!/usr/bin/env python3
"""How the build and the pages hold up as articles pile up. Not part of the test suite.

    python3 scripts/dev.py benchmark                      N = 10, 100, 1000, 3000; 3 runs each
    python3 scripts/dev.py benchmark --sizes 10,1000 --runs 1

For each N it copies the project into a temporary folder, writes N synthetic articles
(the real front matter, headings, lists, footnote references, about as long as the
site's own articles), and builds it with the real command (`mkdocs build --strict`),
with the clinic hook and without it, alternately. It prints, per N, the build's wall
time (median and best of the runs: the machine is shared, and load only ever adds
time), its CPU time, peak memory and output size, and what one article page's first
view transfers (gzipped, as served), with the targets beside them. One more build,
with a stopwatch on the clinic hook's events, says how much of a build is the hook's
own work. Run it when `uptime` shows a low load, and say so with the figures.

"Without the clinic hook" swaps scripts/clinic_hook.py for a stand-in that only hands
the templates the site-wide values they render (the clinic block, the JSON-LD): no
front-matter validation, no articles in the nav or the index, no article template.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from page_weight import first_view, total_bytes
from project_copy import copy_project

HOOK_LINE = "  - scripts/clinic_hook.py\n"
STAND_IN_HOOK = "clinic_stand_in_hook.py"

# The targets of issue 5, on this 2-core machine.
TARGET_SECONDS = {1000: 15.0, 3000: 60.0}
TARGET_OUTPUT_MB = {3000: 200.0}
TARGET_WEIGHT_DRIFT = 0.10  # first-view weight at 1,000 within 10% of the weight at 10
TARGET_HOOK_SHARE = 0.03  # the clinic hook adds at most 3% to the build time
BUDGET_FIRST_VIEW_KB = 75
BUDGET_REQUESTS = 8

STAND_IN = '''"""Benchmark stand-in for clinic_hook.py: only what the templates need to render."""
from clinic_site.articles import format_date
from clinic_site.clinic import load_clinic
from clinic_site.context import clinic_context


def on_env(env, config, files):
    env.globals["clinic"] = clinic_context(load_clinic(config.extra["clinic"]), config.site_url)
    env.globals["clinic_articles"] = []
    env.globals["clinic_articles_by_page"] = {}
    env.globals["article_title_id"] = "article-title"
    for name, url in (("help_now_url", "get-help-now/"), ("articles_index_url", "articles/"),
                      ("search_url", "search/"), ("visit_url", "visit/")):
        env.globals[name] = url
    env.filters["long_date"] = format_date
    return env
'''

# Plain words about the site's subject, to make text of a realistic shape and length.
WORDS = """
depression ketamine infusion therapy doctor clinic treatment mood sleep brain medicine
dose study research people family help week month day feel better side effects safety
blood pressure nurse visit appointment question answer plan care support talk therapy
symptoms signs change life work rest energy focus hope time body mind health risk benefit
evidence trial result patient history review guide option choice talk listen ask
""".split()
LINKING = "and but so because when while after before if that which who".split()


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the build and its children: less moved by load
    peak_mb: float
    output_mb: float
    files: int
    first_view_kb: float
    requests: int
    log: str


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if len(words) > 8:
        words.insert(rng.randint(3, len(words) - 3), rng.choice(LINKING))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int, notes: list[str]) -> str:
    """Sentences, one a line as the site's articles are written, citing each of `notes` once."""
    lines = [sentence(rng) for _ in range(sentences)]
    for note in notes:
        where = rng.randrange(len(lines))
        lines[where] += f"[^{note}]"
    return "\n".join(lines)


def synthetic_article(number: int, today: datetime.date) -> str:
    """One article with the real front matter and layout, about 900 words, reproducible."""
    rng = random.Random(number)
    topic = " ".join(rng.choice(WORDS) for _ in range(3))
    title = f"Article {number:04d}: {topic}".capitalize()
    description = f"{sentence(rng, 8, 14)[:-1]}, in plain words."[:160]
    last_reviewed = today - datetime.timedelta(days=number % 300)
    published = last_reviewed - datetime.timedelta(days=(number * 7) % 700)
    next_review = last_reviewed + datetime.timedelta(days=366)
    notes = [f"source{n}" for n in range(1, rng.randint(4, 7))]
    parts = [
        "---",
        f"title: \"{title}\"",
        f"description: {description}",
        f"published: {published.isoformat()}",
        f"last_reviewed: {last_reviewed.isoformat()}",
        f"next_review: {next_review.isoformat()}",
        "tags:",
        "  - depression",
        f"  - {rng.choice(WORDS)}",
        "---",
        "",
        paragraph(rng, 4, []),
    ]
    sections = rng.randint(5, 7)
    for section in range(sections):
        cited = notes[section::sections]  # every reference is cited, as --strict requires
        parts += ["", f"## {sentence(rng, 3, 6)[:-1]}?", "", paragraph(rng, rng.randint(4, 7), cited)]
        if section % 2 == 0:
            parts += ["", sentence(rng, 5, 8)[:-1] + ":", ""]
            parts += [f"- {sentence(rng, 4, 10)[:-1].lower()};" for _ in range(rng.randint(3, 6))]
        if section == 3:
            parts += ["", "!!! note", "", "    " + sentence(rng)]
    parts += [
        "", "## Ask for a consultation", "",
        "To ask for a consultation, see our [Visit us](../visit.md) page for our address and opening hours.",
        "", "## References", "",
    ]
    parts += [f"[^{note}]: Author A, Author B. {sentence(rng, 5, 9)} *Journal of {rng.choice(WORDS).capitalize()}*. "
              f"{2000 + number % 25};{number % 90 + 1}({number % 12 + 1}):{number % 400 + 1}-{number % 400 + 9}."
              for note in notes]
    return "\n".join(parts) + "\n"


def make_project(destination: Path, count: int, with_hook: bool) -> Path:
    copy_project(destination)
    today = datetime.date.today()
    articles = destination / "docs" / "articles"
    for number in range(1, count + 1):
        (articles / f"bench-{number:04d}.md").write_text(synthetic_article(number, today), encoding="utf-8")
    if not with_hook:
        config = destination / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        if HOOK_LINE not in text:
            raise SystemExit(f"mkdocs.yml has no line {HOOK_LINE.strip()!r} to swap for the stand-in: update {__file__}")
        config.write_text(text.replace(HOOK_LINE, f"  - scripts/{STAND_IN_HOOK}\n"), encoding="utf-8")
        (destination / "scripts" / STAND_IN_HOOK).write_text(STAND_IN, encoding="utf-8")
    return destination


def directory_size(folder: Path) -> tuple[int, int]:
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return sum(sizes), len(sizes)


def build(project: Path, site_dir: Path, sample_page: str) -> Run:
    """One real build; its wall time, peak memory (of the build and its children) and output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"The build in {project} failed:\n{output}")
    size, files = directory_size(site_dir)
    requests = first_view(site_dir, sample_page)
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, size / 1e6, files,
               total_bytes(requests) / 1000, len(requests), output)


# The same build, with a stopwatch on each event of the clinic hook: how much of a
# build is the hook's own work, measured inside one build, so the machine's load moves
# both figures alike. (It wraps MkDocs 1.6's PluginCollection._register_event.)
HOOK_STOPWATCH = """
import functools, json, sys, time
from mkdocs import plugins
from mkdocs.__main__ import cli

spent = {}
register = plugins.PluginCollection._register_event

def stopwatch(event_name, method):
    @functools.wraps(method)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[event_name] = spent.get(event_name, 0.0) + time.perf_counter() - start
    return timed

def timed_register(self, event_name, method, plugin_name=None):
    if plugin_name == "scripts/clinic_hook.py" and callable(method):
        method = stopwatch(event_name, method)
    register(self, event_name, method, plugin_name)

plugins.PluginCollection._register_event = timed_register
start = time.perf_counter()
cli(sys.argv[1:], standalone_mode=False)
print("HOOK_SECONDS", json.dumps({"hook": sum(spent.values()), "build": time.perf_counter() - start}))
"""


def hook_share(project: Path, site_dir: Path) -> tuple[float, float]:
    """(seconds in the clinic hook's events, seconds of the whole build), in one build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", HOOK_STOPWATCH, "build", "--strict", "--site-dir", str(site_dir)]
    completed = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    match = re.search(r"^HOOK_SECONDS (.*)$", completed.stdout, re.MULTILINE)
    if completed.returncode != 0 or not match:
        raise SystemExit(f"The timed build in {project} failed:\n{completed.stdout}{completed.stderr}")
    figures = json.loads(match.group(1))
    return figures["hook"], figures["build"]


@dataclass
class Result:
    """One N: the runs of each variant, and the hook's own share of one build."""

    count: int
    site: list[Run]
    bare: list[Run]
    hook_seconds: float
    hook_build_seconds: float

    @staticmethod
    def median(runs: list[Run]) -> Run:
        middle = statistics.median_low([run.seconds for run in runs])
        return next(run for run in runs if run.seconds == middle)

    @staticmethod
    def best(runs: list[Run]) -> Run:
        return min(runs, key=lambda run: run.seconds)

    @property
    def ratio(self) -> float:
        """Best with the hook over best with the stand-in: load only ever adds time."""
        return self.best(self.site).seconds / self.best(self.bare).seconds

    @property
    def hook_share(self) -> float:
        return self.hook_seconds / self.hook_build_seconds


def search_index_seconds(log: str) -> str:
    match = re.search(r"Search index: .* in ([\d.]+) s", log)
    return f"{float(match.group(1)):.1f} s" if match else "-"


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(result: Result, weight_at_10: float | None) -> list[str]:
    site_median, bare_median = Result.median(result.site), Result.median(result.bare)
    site_best, bare_best = Result.best(result.site), Result.best(result.bare)
    runs = len(result.site)
    lines = [
        f"N = {result.count:,} synthetic articles (+ the site's own pages); {runs} run{'s' if runs > 1 else ''} "
        "of each, alternating",
        f"  {'':30}{'site':>11}{'no clinic hook':>16}{'ratio':>8}   target",
    ]

    def row(label: str, site: str, bare: str = "", ratio: str = "", target: str = "") -> None:
        lines.append(f"  {label:30}{site:>11}{bare:>16}{ratio:>8}   {target}".rstrip())

    target = TARGET_SECONDS.get(result.count)
    row("build wall time, median", f"{site_median.seconds:.1f} s", f"{bare_median.seconds:.1f} s")
    row("build wall time, best", f"{site_best.seconds:.1f} s", f"{bare_best.seconds:.1f} s", f"{result.ratio:.3f}",
        f"<= {target:.0f} s: {mark(site_best.seconds <= target)}" if target else "")
    row("  CPU time of that build", f"{site_best.cpu_seconds:.1f} s", f"{bare_best.cpu_seconds:.1f} s")
    # Two whole builds differ by more than 3 % from load alone (-11 % to +7 % between
    # runs on this machine), so the target is judged by the hook's own time, measured
    # inside one build; the whole-build ratio is printed beside it.
    row("clinic hook adds (best/best)", f"{(result.ratio - 1) * 100:+.1f} %", "", "",
        "whole builds: load moves this by up to 10 %")
    row("  its events' own time", f"{result.hook_seconds:.2f} s", f"{result.hook_share * 100:.1f} %", "",
        f"<= {TARGET_HOOK_SHARE * 100:.0f} %: {mark(result.hook_share <= TARGET_HOOK_SHARE)} "
        f"(of a {result.hook_build_seconds:.1f} s build, timed inside it)")
    row("peak memory", f"{site_median.peak_mb:.0f} MB", f"{bare_median.peak_mb:.0f} MB")
    output_target = TARGET_OUTPUT_MB.get(result.count)
    row("output size", f"{site_median.output_mb:.1f} MB", f"{bare_median.output_mb:.1f} MB", "",
        f"<= {output_target:.0f} MB: {mark(site_median.output_mb <= output_target)}" if output_target else "")
    row("output files", f"{site_median.files:,}", f"{bare_median.files:,}")
    row("build waited for the index", search_index_seconds(site_median.log), search_index_seconds(bare_median.log))
    ok = site_median.first_view_kb <= BUDGET_FIRST_VIEW_KB and site_median.requests <= BUDGET_REQUESTS
    row("article first view", f"{site_median.first_view_kb:.1f} KB", "", "",
        f"<= {BUDGET_FIRST_VIEW_KB} KB in <= {BUDGET_REQUESTS}: {mark(ok)}")
    row("  in requests", f"{site_median.requests}")
    if weight_at_10:
        drift = site_median.first_view_kb / weight_at_10 - 1
        row("  vs. the weight at N = 10", f"{drift * 100:+.1f} %", "", "", f"within 10 %: {mark(abs(drift) <= TARGET_WEIGHT_DRIFT)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,3000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3, help="builds per N and variant")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    print(f"Benchmark on {os.cpu_count()} cores; load average now {os.getloadavg()[0]:.2f} "
          f"(shared machine: timings are noisy)", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="site-benchmark-"))
    weight_at_10 = None
    results: list[Result] = []
    try:
        for count in sizes:
            projects = {variant: make_project(workdir / f"{count}-{variant}", count, variant == "site")
                        for variant in ("site", "bare")}
            sample = f"articles/bench-{max(count // 2, 1):04d}/"
            runs: dict[str, list[Run]] = {"site": [], "bare": []}
            for run in range(args.runs):
                for variant, project in projects.items():  # alternate, so load drift hits both alike
                    site_dir = workdir / f"{count}-{variant}-site-{run}"
                    runs[variant].append(build(project, site_dir, sample))
                    if not args.keep:
                        shutil.rmtree(site_dir)
            hook_seconds, hook_build_seconds = hook_share(projects["site"], workdir / f"{count}-timed-site")
            shutil.rmtree(workdir / f"{count}-timed-site", ignore_errors=True)
            result = Result(count, runs["site"], runs["bare"], hook_seconds, hook_build_seconds)
            if count == 10:
                weight_at_10 = Result.median(result.site).first_view_kb
            print("\n".join(["", *report(result, weight_at_10 if count != 10 else None)]), flush=True)
            results.append(result)
    finally:
        if args.keep:
            print(f"\nProjects and sites kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"\nSummary ({args.runs} runs each; load average now {os.getloadavg()[0]:.2f})")
    print("| N | build, best (median) | CPU | without hook, best | hook adds | hook's own time | peak memory "
          "| output | article first view |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for result in results:
        site_best, site_median = Result.best(result.site), Result.median(result.site)
        print(f"| {result.count:,} | {site_best.seconds:.1f} s ({site_median.seconds:.1f} s) | {site_best.cpu_seconds:.1f} s "
              f"| {Result.best(result.bare).seconds:.1f} s | {(result.ratio - 1) * 100:+.1f} % "
              f"| {result.hook_share * 100:.1f} % | {site_median.peak_mb:.0f} MB | {site_median.output_mb:.1f} MB "
              f"| {site_median.first_view_kb:.1f} KB in {site_median.requests} |")
    print("Targets: 1,000 <= 15 s; 3,000 <= 60 s and <= 200 MB; first view <= 75 KB in <= 8 requests and"
          " within 10 % of N = 10; the clinic hook adds <= 3 % (its own time, timed inside a build).")


if __name__ == "__main__":
    main()
