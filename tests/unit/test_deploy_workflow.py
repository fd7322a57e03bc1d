"""The deploy runs only after the tests pass.

Reads every GitHub Actions workflow in .github/workflows/. A job that publishes the
site must run the README's test command itself, before publishing, or depend (through
`needs`, directly or not) on a job that does. With no workflow that publishes, there is
nothing to check yet; the rule is proven on example workflows below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_builder import ROOT

TEST_COMMANDS = ("scripts/dev.py test", ".ci/run")
PUBLISHING_ACTIONS = ("actions/deploy-pages", "peaceiris/actions-gh-pages", "jamesives/github-pages-deploy-action",
                      "netlify/actions", "cloudflare/pages-action", "cloudflare/wrangler-action")
PUBLISHING_COMMANDS = ("mkdocs gh-deploy", "ghp-import", "netlify deploy", "wrangler pages deploy")


def _steps(job: dict) -> list[dict]:
    return [step for step in job.get("steps") or [] if isinstance(step, dict)]


def _publishes(step: dict) -> bool:
    uses = str(step.get("uses", "")).lower()
    run = str(step.get("run", ""))
    return uses.startswith(PUBLISHING_ACTIONS) or any(command in run for command in PUBLISHING_COMMANDS)


def _tests(step: dict) -> bool:
    return any(command in str(step.get("run", "")) for command in TEST_COMMANDS)


def _needs(job: dict) -> list[str]:
    needs = job.get("needs") or []
    return [needs] if isinstance(needs, str) else list(needs)


def untested_deploys(workflow: dict) -> list[str]:
    """The jobs of a workflow that publish the site without the tests having passed first."""
    jobs: dict[str, dict] = workflow.get("jobs") or {}

    def tested_before(name: str, seen: frozenset[str] = frozenset()) -> bool:
        if name in seen or name not in jobs:
            return False
        job = jobs[name]
        if any(_tests(step) for step in _steps(job)) and not job.get("continue-on-error"):
            return True
        return any(tested_before(need, seen | {name}) for need in _needs(job))

    problems = []
    for name, job in jobs.items():
        steps = _steps(job)
        for index, step in enumerate(steps):
            if not _publishes(step):
                continue
            tested_here = any(_tests(earlier) and not earlier.get("continue-on-error") for earlier in steps[:index])
            if not (tested_here or any(tested_before(need) for need in _needs(job))):
                problems.append(f"job '{name}' publishes the site without the tests passing first")
    return problems


def workflows() -> list[Path]:
    folder = ROOT / ".github" / "workflows"
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []


def test_no_workflow_deploys_before_the_tests_pass():
    checked = 0
    for path in workflows():
        workflow = yaml.safe_load(path.read_text()) or {}
        assert untested_deploys(workflow) == [], path.name
        checked += sum(1 for job in (workflow.get("jobs") or {}).values() if any(map(_publishes, _steps(job))))
    print(f"\n{checked} deploy job(s) checked in {len(workflows())} workflow(s)")


TESTS = {"name": "Tests", "run": "python3 scripts/dev.py test"}
BUILD = {"run": "python3 scripts/dev.py build"}
UPLOAD = {"uses": "actions/upload-pages-artifact@0123456789abcdef0123456789abcdef01234567", "with": {"path": "site"}}
DEPLOY = {"uses": "actions/deploy-pages@0123456789abcdef0123456789abcdef01234567"}


@pytest.mark.parametrize(("jobs", "problems"), [
    ({"deploy": {"steps": [BUILD, UPLOAD, DEPLOY]}},
     ["job 'deploy' publishes the site without the tests passing first"]),
    ({"test": {"steps": [TESTS]}, "deploy": {"steps": [BUILD, UPLOAD, DEPLOY]}},
     ["job 'deploy' publishes the site without the tests passing first"]),
    ({"test": {"steps": [TESTS]}, "build": {"needs": "test", "steps": [BUILD, UPLOAD]},
      "deploy": {"needs": ["build"], "steps": [DEPLOY]}}, []),
    ({"all": {"steps": [TESTS, BUILD, UPLOAD, DEPLOY]}}, []),
    ({"all": {"steps": [BUILD, UPLOAD, DEPLOY, TESTS]}},
     ["job 'all' publishes the site without the tests passing first"]),
    ({"test": {"continue-on-error": True, "steps": [TESTS]}, "deploy": {"needs": "test", "steps": [DEPLOY]}},
     ["job 'deploy' publishes the site without the tests passing first"]),
    ({"gh": {"steps": [{"run": "mkdocs gh-deploy --force"}]}},
     ["job 'gh' publishes the site without the tests passing first"]),
    ({"test": {"steps": [TESTS]}}, []),
])
def test_the_rule_on_example_workflows(jobs, problems):
    assert untested_deploys({"jobs": jobs}) == problems
