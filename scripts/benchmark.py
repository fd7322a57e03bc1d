#!/usr/bin/env python3
"""How the build and the pages hold up as articles pile up, with each engine. Not part of the test suite.

    python3 scripts/dev.py benchmark                      N = 10, 100, 1000, 3000; 3 runs each; both engines
    python3 scripts/dev.py benchmark --sizes 2,1000 --runs 1 --engines mkdocs,zensical

For each N it copies the project into a temporary folder, writes N synthetic articles
(the real front matter, headings, lists, footnote references, about as long as the
site's own articles), and builds it with the real command (`python -m clinic_site build`:
data step, engine, finish step) with each engine, alternately. It prints, per N and engine,
the build's wall time (median and best of the runs: the machine is shared, and load only
ever adds time), the time of each step (from the build's log), its CPU time, peak memory
and output size, and what one article page's first view transfers (gzipped, as served),
with the targets beside them. Run it when `uptime` shows a low load, and say so with the figures.
"""

from __future__ import annotations

import argparse
import datetime
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

from clinic_site.engines import ENGINES
from page_weight import first_view, total_bytes
from project_copy import copy_project

# The targets of issue 5, on this 2-core machine.
TARGET_SECONDS = {1000: 15.0, 3000: 60.0}
TARGET_OUTPUT_MB = {3000: 200.0}
TARGET_WEIGHT_DRIFT = 0.10  # first-view weight at 1,000 within 10% of the weight at 10
BUDGET_FIRST_VIEW_KB = 75
BUDGET_REQUESTS = 8

# Plain words about the site's subject, to make text of a realistic shape and length.
WORDS = ["depression", "ketamine", "infusion", "therapy", "doctor", "clinic", "treatment", "mood", "sleep", "brain", "medicine", "dose", "study", "research", "people", "family", "help", "week", "month", "day", "feel", "better", "side", "effects", "safety", "blood", "pressure", "nurse", "visit", "appointment", "question", "answer", "plan", "care", "support", "talk", "therapy", "symptoms", "signs", "change", "life", "work", "rest", "energy", "focus", "hope", "time", "body", "mind", "health", "risk", "benefit", "evidence", "trial", "result", "patient", "history", "review", "guide", "option", "choice", "talk", "listen", "ask"]
LINKING = ["and", "but", "so", "because", "when", "while", "after", "before", "if", "that", "which", "who"]


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


def make_project(destination: Path, count: int) -> Path:
    copy_project(destination)
    today = datetime.date.today()
    articles = destination / "docs" / "articles"
    for number in range(1, count + 1):
        (articles / f"bench-{number:04d}.md").write_text(synthetic_article(number, today), encoding="utf-8")
    return destination


def directory_size(folder: Path) -> tuple[int, int]:
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return sum(sizes), len(sizes)


def build(project: Path, site_dir: Path, sample_page: str, engine: str) -> Run:
    """One real build; its wall time, peak memory (of the build and its children) and output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "scripts")}
    command = [sys.executable, "-m", "clinic_site", "build", "--engine", engine, "--site-dir", str(site_dir)]
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


@dataclass
class Result:
    """One N: the runs of each engine."""

    count: int
    runs: dict[str, list[Run]]

    @staticmethod
    def median(runs: list[Run]) -> Run:
        middle = statistics.median_low([run.seconds for run in runs])
        return next(run for run in runs if run.seconds == middle)

    @staticmethod
    def best(runs: list[Run]) -> Run:
        return min(runs, key=lambda run: run.seconds)


def step_seconds(log: str, step: str) -> str:
    match = re.search(rf"^{step} step: ([\d.]+) s", log, re.MULTILINE)
    return f"{float(match.group(1)):.1f} s" if match else "-"


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(result: Result, weight_at_10: dict[str, float]) -> list[str]:
    engines = list(result.runs)
    runs = len(next(iter(result.runs.values())))
    lines = [
        f"N = {result.count:,} synthetic articles (+ the site's own pages); {runs} run{'s' if runs > 1 else ''} "
        "of each engine, alternating",
        f"  {'':30}" + "".join(f"{engine:>12}" for engine in engines) + "   target",
    ]

    def row(label: str, values: list[str], target: str = "") -> None:
        lines.append((f"  {label:30}" + "".join(f"{value:>12}" for value in values) + f"   {target}").rstrip())

    medians = {engine: Result.median(runs) for engine, runs in result.runs.items()}
    bests = {engine: Result.best(runs) for engine, runs in result.runs.items()}
    target = TARGET_SECONDS.get(result.count)
    row("build wall time, median", [f"{medians[e].seconds:.1f} s" for e in engines])
    row("build wall time, best", [f"{bests[e].seconds:.1f} s" for e in engines],
        f"<= {target:.0f} s: " + ", ".join(f"{e} {mark(bests[e].seconds <= target)}" for e in engines) if target else "")
    for step in ("data", "render", "finish"):
        row(f"  {step} step (best build)", [step_seconds(bests[e].log, step) for e in engines])
    row("  CPU time of that build", [f"{bests[e].cpu_seconds:.1f} s" for e in engines])
    row("peak memory", [f"{medians[e].peak_mb:.0f} MB" for e in engines])
    output_target = TARGET_OUTPUT_MB.get(result.count)
    row("output size", [f"{medians[e].output_mb:.1f} MB" for e in engines],
        f"<= {output_target:.0f} MB" if output_target else "")
    row("output files", [f"{medians[e].files:,}" for e in engines])
    row("article first view", [f"{medians[e].first_view_kb:.1f} KB" for e in engines],
        f"<= {BUDGET_FIRST_VIEW_KB} KB in <= {BUDGET_REQUESTS}")
    row("  in requests", [f"{medians[e].requests}" for e in engines])
    if weight_at_10:
        row("  vs. the weight at N = 10", [f"{(medians[e].first_view_kb / weight_at_10[e] - 1) * 100:+.1f} %"
                                           if e in weight_at_10 else "-" for e in engines], "within 10 %")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,3000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3, help="builds per N and engine")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated: mkdocs, zensical")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    engines = [engine for engine in args.engines.split(",") if engine]

    print(f"Benchmark on {os.cpu_count()} cores; load average now {os.getloadavg()[0]:.2f} "
          f"(shared machine: timings are noisy)", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="site-benchmark-"))
    weight_at_10: dict[str, float] = {}
    results: list[Result] = []
    try:
        for count in sizes:
            project = make_project(workdir / f"{count}", count)
            sample = f"articles/bench-{max(count // 2, 1):04d}/"
            runs: dict[str, list[Run]] = {engine: [] for engine in engines}
            for run in range(args.runs):
                for engine in engines:  # alternate, so load drift hits both alike
                    site_dir = workdir / f"{count}-{engine}-site-{run}"
                    runs[engine].append(build(project, site_dir, sample, engine))
                    if not args.keep:
                        shutil.rmtree(site_dir)
            result = Result(count, runs)
            if count == 10:
                weight_at_10 = {engine: Result.median(r).first_view_kb for engine, r in runs.items()}
            print("\n".join(["", *report(result, weight_at_10 if count != 10 else {})]), flush=True)
            results.append(result)
    finally:
        if args.keep:
            print(f"\nProjects and sites kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"\nSummary ({args.runs} runs each; load average now {os.getloadavg()[0]:.2f})")
    print("| N | engine | build, best (median) | data | render | finish | CPU | peak memory | output | article first view |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for result in results:
        for engine, engine_runs in result.runs.items():
            best, median = Result.best(engine_runs), Result.median(engine_runs)
            print(f"| {result.count:,} | {engine} | {best.seconds:.1f} s ({median.seconds:.1f} s) "
                  f"| {step_seconds(best.log, 'data')} | {step_seconds(best.log, 'render')} | {step_seconds(best.log, 'finish')} "
                  f"| {best.cpu_seconds:.1f} s | {median.peak_mb:.0f} MB | {median.output_mb:.1f} MB "
                  f"| {median.first_view_kb:.1f} KB in {median.requests} |")
    print("Targets: 1,000 <= 15 s; 3,000 <= 60 s and <= 200 MB; first view <= 75 KB in <= 8 requests and"
          " within 10 % of N = 10.")


if __name__ == "__main__":
    main()
