"""The .github/ set-up: workflows that lint clean and do what CONTRIBUTING.md promises.

actionlint (with shellcheck for the `run:` scripts) and zizmor (offline: no network)
check the workflows; the rest checks the promises: tests before publishing, least
privilege, pinned actions, the preview, the review-due list, dependabot, code owners.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builder import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent  # actionlint, shellcheck and zizmor come with the test requirements
README_TEST_COMMAND = "python3 scripts/dev.py test"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def tool_env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def run_tool(*command: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, cwd=cwd, env=tool_env())


def workflow(name: str) -> dict:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").startswith(f"{action}@")]


def run_lines(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_the_workflows_are_there():
    assert [path.name for path in WORKFLOWS] == ["deploy.yml", "pull-request.yml", "review-due.yml"]


# --- Linters ------------------------------------------------------------------------

def test_actionlint_finds_nothing():
    result = run_tool(BIN / "actionlint", "-no-color", *WORKFLOWS)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_checks_run_scripts_with_shellcheck(tmp_path):
    # Proves the check above is real: a planted mistake in a script is found.
    planted = tmp_path / ".github" / "workflows" / "planted.yml"
    planted.parent.mkdir(parents=True)
    planted.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
                       "      - run: cat $RUNNER_TEMP/report.md\n")
    result = run_tool(BIN / "actionlint", "-no-color", planted, cwd=tmp_path)
    assert result.returncode == 1
    assert "shellcheck reported issue in this script: SC2086" in result.stdout


def test_zizmor_finds_nothing():
    result = run_tool(BIN / "zizmor", "--offline", "--persona", "pedantic", ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report." in result.stdout
    for path in [GITHUB / "dependabot.yml", *WORKFLOWS]:
        assert f"completed {path.relative_to(ROOT)}" in result.stderr  # every file was audited


def test_zizmor_catches_a_planted_injection_and_an_unpinned_action(tmp_path):
    planted = tmp_path / ".github" / "workflows" / "planted.yml"
    planted.parent.mkdir(parents=True)
    planted.write_text("on: pull_request\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-24.04\n"
                       "    permissions: {}\n    steps:\n      - uses: actions/checkout@v4\n"
                       "      - run: echo \"${{ github.event.pull_request.title }}\"\n")
    result = run_tool(BIN / "zizmor", "--offline", tmp_path / ".github", cwd=tmp_path)
    assert result.returncode != 0
    assert "template-injection" in result.stdout
    assert "unpinned-uses" in result.stdout


# --- Every workflow ------------------------------------------------------------------

def test_every_action_is_pinned_to_a_commit_with_its_version():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            if "uses:" in line:
                pinned = line.split("uses:", 1)[1].strip()
                assert PINNED.match(pinned), f"{path.name}: {pinned}"
                pins.setdefault(pinned.split("@")[0], set()).add(pinned)
    # One version of each action everywhere.
    assert all(len(versions) == 1 for versions in pins.values()), pins
    assert set(pins) == {"actions/checkout", "actions/setup-python", "actions/setup-node", "actions/upload-artifact",
                         "actions/download-artifact", "actions/configure-pages", "rossjrw/pr-preview-action",
                         "JamesIves/github-pages-deploy-action"}


# Actions that write to the gh-pages branch (and the preview's comment).
PUBLISHING = ("rossjrw/pr-preview-action", "JamesIves/github-pages-deploy-action")


def publishes(job: dict) -> bool:
    return any(steps_using(job, action) for action in PUBLISHING)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_each_job_has_its_own_least_permissions(path):
    data = workflow(path.name)
    assert data["permissions"] == {}, "no permission by default: each job asks for what it needs"
    allowed = {"contents": {"read"}, "pages": {"read"}, "issues": {"write"}}
    # Only a job that publishes may write the repository (the gh-pages branch) or comment,
    # and such a job runs nothing of the pull request's: no `run:` step but a `touch`.
    for_publishing = {"contents": {"read", "write"}, "pull-requests": {"write"}}
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} must say what it needs"
        may = for_publishing if publishes(job) else allowed
        for scope, level in job["permissions"].items():
            assert level in may.get(scope, set()), f"{path.name}: job {name} asks for {scope}: {level}"
        if publishes(job):
            assert not [step for step in job["steps"] if "run" in step], f"{path.name}: job {name} runs code"
        assert job.get("timeout-minutes"), f"{path.name}: job {name} needs a time limit"
        for step in steps_using(job, "actions/checkout"):
            assert step["with"]["persist-credentials"] is False
    assert data["concurrency"]["group"]


def test_the_runner_uses_its_own_chrome():
    # The runner user is not root: dev.py cannot apt-install Chromium there.
    for name in ("pull-request.yml", "deploy.yml"):
        for job in workflow(name)["jobs"].values():
            for step in job["steps"]:
                if step.get("run") == README_TEST_COMMAND:
                    assert step["env"]["CHROMIUM_PATH"] == "/usr/bin/google-chrome"


# --- Pull requests -------------------------------------------------------------------

SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository"


def needs(job: dict) -> list[str]:
    value = job.get("needs") or []
    return [value] if isinstance(value, str) else list(value)


def runs_after(jobs: dict, name: str, first: str) -> bool:
    return any(need == first or runs_after(jobs, need, first) for need in needs(jobs[name]))


def test_pull_requests_run_the_content_check_first_then_everything():
    data = workflow("pull-request.yml")
    assert "pull_request" in data["on"] and "pull_request_target" not in data["on"]
    assert set(data["on"]["pull_request"]["types"]) == {"opened", "reopened", "synchronize", "closed"}
    jobs = data["jobs"]
    # The content check comes first: its own job, that nothing waits on but itself.
    assert run_lines(jobs["content"]).strip() == "python3 scripts/dev.py check"
    assert not needs(jobs["content"])
    assert "python3 scripts/dev.py check" in (ROOT / "CONTRIBUTING.md").read_text()
    for name in ("tests", "build-preview", "publish-preview"):
        assert runs_after(jobs, name, "content"), name
    assert README_TEST_COMMAND in run_lines(jobs["tests"])
    assert README_TEST_COMMAND in (ROOT / "README.md").read_text()
    # The tests and the preview are built even when the content check found problems.
    for name in ("tests", "build-preview"):
        assert "!cancelled()" in jobs[name]["if"], name


def test_each_pull_request_gets_a_preview_address_and_keeps_the_zip():
    jobs = workflow("pull-request.yml")["jobs"]
    build = jobs["build-preview"]
    [pages_build] = [step for step in build["steps"] if "--site-dir site-pages-preview" in step.get("run", "")]
    assert pages_build["run"] == "python3 scripts/dev.py build --site-dir site-pages-preview"  # directory URLs
    assert pages_build["env"]["SITE_NOINDEX"] == "true"
    assert pages_build["env"]["SITE_URL"].endswith("/pr-preview/pr-${{ github.event.pull_request.number }}/")
    # The address the action publishes at is the one the site was built for.
    [preview] = steps_using(jobs["publish-preview"], "rossjrw/pr-preview-action")
    assert preview["with"]["action"] == "deploy"
    assert preview["with"]["umbrella-dir"] == "pr-preview" and preview["with"]["preview-branch"] == "gh-pages"
    assert preview["with"]["qr-code"] == "false"  # no third-party request
    # The address in the comment is the one the site was built for (from the same step).
    [configure] = steps_using(build, "actions/configure-pages")
    assert pages_build["env"]["SITE_URL"].startswith(f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/")
    assert build["outputs"]["pages-address"] == (f"${{{{ steps.{configure['id']}.outputs.host }}}}"
                                                 f"${{{{ steps.{configure['id']}.outputs.base_path }}}}")
    assert preview["with"]["pages-base-url"] == "${{ needs.build-preview.outputs.pages-address }}"
    [download] = steps_using(jobs["publish-preview"], "actions/download-artifact")
    [keep] = [step for step in steps_using(build, "actions/upload-artifact") if step["with"]["name"] == download["with"]["name"]]
    assert keep["with"]["path"] == download["with"]["path"] == preview["with"]["source-dir"] == "site-pages-preview/"
    # The zip stays, as a fallback (and for forks).
    runs = [step.get("run", "") for step in build["steps"]]
    assert "python3 scripts/dev.py build --no-directory-urls --site-dir site-preview" in runs
    [zipped] = [step for step in steps_using(build, "actions/upload-artifact") if step["with"]["name"] == "site-preview"]
    assert zipped["with"]["path"] == "site-preview/"


def test_the_preview_is_removed_when_the_pull_request_closes():
    jobs = workflow("pull-request.yml")["jobs"]
    [remove] = steps_using(jobs["remove-preview"], "rossjrw/pr-preview-action")
    assert remove["with"]["action"] == "remove" and remove["with"]["umbrella-dir"] == "pr-preview"
    assert "github.event.action == 'closed'" in jobs["remove-preview"]["if"]
    for name, job in jobs.items():
        if name != "remove-preview":
            assert "github.event.action != 'closed'" in job["if"], name


def test_forks_get_no_preview_and_no_write_token():
    jobs = workflow("pull-request.yml")["jobs"]
    writers = {name for name, job in jobs.items() if "write" in job["permissions"].values()}
    assert writers == {"publish-preview", "remove-preview"}
    for name in writers:
        assert SAME_REPOSITORY in " ".join(jobs[name]["if"].split()), name
    # The preview built for its address is built only for the same repository too.
    for step in jobs["build-preview"]["steps"]:
        if "site-pages-preview" in str(step) or step.get("id") == "pages":
            assert step["if"] == SAME_REPOSITORY, step.get("name")


def test_publishing_keeps_the_previews():
    jobs = workflow("deploy.yml")["jobs"]
    [publish] = steps_using(jobs["deploy"], "JamesIves/github-pages-deploy-action")
    assert publish["with"]["branch"] == "gh-pages" and publish["with"]["folder"] == "site"
    assert publish["with"]["clean-exclude"].split() == ["pr-preview/"]


# That `dev.py build` (scripts/site_build.py) stops on any warning, as the workflows
# rely on, is shown by tests/test_faults.py: a broken link fails the build.


def test_the_check_summary_lists_overdue_reviews():
    job = workflow("pull-request.yml")["jobs"]["tests"]
    [step] = [step for step in job["steps"] if "review_due.py" in step.get("run", "")]
    assert '"$GITHUB_STEP_SUMMARY"' in step["run"]
    assert step["if"] == "${{ !cancelled() }}"  # listed even when a test failed


# --- Publishing ----------------------------------------------------------------------

def test_publishing_happens_only_after_the_tests_pass():
    data = workflow("deploy.yml")
    assert data["on"]["push"] == {"branches": ["main"]}
    jobs = data["jobs"]
    assert README_TEST_COMMAND in run_lines(jobs["test"])
    assert jobs["build"]["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_site_is_built_for_its_pages_address_and_published_to_the_pages_branch():
    jobs = workflow("deploy.yml")["jobs"]
    [configure] = steps_using(jobs["build"], "actions/configure-pages")
    [build] = [step for step in jobs["build"]["steps"] if "dev.py build" in step.get("run", "")]
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/"
    assert "SITE_NOINDEX" not in build["env"]
    [upload] = steps_using(jobs["build"], "actions/upload-artifact")
    assert upload["with"]["path"] == "site/" and "--site-dir site" in build["run"]
    assert "touch site/.nojekyll" in run_lines(jobs["build"])
    [download] = steps_using(jobs["deploy"], "actions/download-artifact")
    assert download["with"]["name"] == upload["with"]["name"]
    assert jobs["deploy"]["permissions"] == {"contents": "write"}
    assert "!ENV [SITE_URL" in (ROOT / "mkdocs.yml").read_text()
    assert "!ENV [SITE_NOINDEX" in (ROOT / "mkdocs.yml").read_text()


# --- Review dates --------------------------------------------------------------------

def test_overdue_reviews_are_listed_every_week():
    data = workflow("review-due.yml")
    assert data["on"]["schedule"][0]["cron"].endswith("* * 1")
    [job] = data["jobs"].values()
    assert "python scripts/review_due.py" in run_lines(job)
    assert '>> "$GITHUB_STEP_SUMMARY"' in run_lines(job)
    assert "gh issue create" in run_lines(job)
    assert job["permissions"] == {"contents": "read", "issues": "write"}


# --- Dependabot, code owners, pull-request template ------------------------------------

def test_dependabot_updates_every_pinned_tool():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text())
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "github-actions", "npm"}


def test_articles_need_the_medical_reviewers_and_the_placeholder_is_explained():
    rules = [line.split() for line in (GITHUB / "CODEOWNERS").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {rule[0]: rule[1:] for rule in rules}
    assert owners["/docs/articles/"] == ["@REPLACE_WITH_CLINIC_ORG/medical-reviewers"]
    guide = (ROOT / "CLINIC-SETUP.md").read_text()
    assert "@REPLACE_WITH_CLINIC_ORG" in guide and "Require review from Code Owners" in guide


def test_the_pull_request_template_has_a_medical_review_checklist():
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text()
    checklist = template[template.index("## Medical review"):]
    boxes = [line for line in checklist.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) >= 6
    for needed in ("reference", "No suicide statistics", "last_reviewed", "consultation", "invented"):
        assert any(needed in box for box in boxes), needed
