"""Faults: a failed or interrupted build never leaves a half-written site/, and two
builds of the same commit are byte-identical.

Each test builds a throwaway copy of the project, committed to its own git repository,
with the command dev.py runs for `python3 scripts/dev.py build` (`python -m clinic_site
build`, in its own process, so it can be stopped and killed; here with the test's Python).
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import dev
import settings_file
from clinic_site.pipeline import write_engine_config
from clinic_site.problems import Problem
from site_builder import add_article, copy_project

COMMIT_TIME = "2026-03-04T05:06:07+00:00"


def committed_project(root: Path) -> Path:
    project = copy_project(root / "project")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    env = {**os.environ, "GIT_COMMITTER_DATE": COMMIT_TIME, "GIT_AUTHOR_DATE": COMMIT_TIME}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "A commit"]):
        subprocess.run([*git, *command], cwd=project, env=env, check=True)
    return project


def build_command(project: Path, site_dir: Path) -> list[str]:
    """dev.py's own command for `build --site-dir SITE_DIR`, with this Python."""
    return dev.pipeline_command(["build", "--site-dir", str(site_dir)], python=sys.executable)


def build_environment(project: Path, **env: str) -> dict[str, str]:
    environment = {key: value for key, value in dev.pipeline_environment(project).items() if key != "SOURCE_DATE_EPOCH"}
    return {**environment, **env}


def site_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(build_command(project, site_dir), cwd=project, env=build_environment(project, **env),
                          capture_output=True, text=True)


def snapshot(site_dir: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site_dir)): path.read_bytes()
            for path in sorted(site_dir.rglob("*")) if path.is_file()}


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


def leftovers(site_dir: Path) -> list[str]:
    return sorted(path.name for path in site_dir.parent.glob(f"{site_dir.name}.*"))


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("clean")
    project = committed_project(root)
    result = site_build(project, root / "site", PYTHONHASHSEED="1")
    assert result.returncode == 0, result.stdout + result.stderr
    return snapshot(root / "site")


def test_two_builds_of_the_same_commit_are_byte_identical(clean_build, tmp_path):
    # Another folder, another hash seed (set and dict order), another time zone, later.
    project = committed_project(tmp_path / "elsewhere")
    result = site_build(project, tmp_path / "elsewhere" / "out", PYTHONHASHSEED="2", TZ="Pacific/Auckland")
    assert result.returncode == 0, result.stdout + result.stderr
    again = snapshot(tmp_path / "elsewhere" / "out")
    assert len(again) > 20 and "_headers" in again and "sitemap.xml.gz" in again
    assert differences(clean_build, again) == []


def test_dates_in_the_site_come_from_the_commit(clean_build):
    dates = re.findall(rb"<lastmod>(.*?)</lastmod>", clean_build["sitemap.xml"])
    assert len(dates) >= 6 and set(dates) == {b"2026-03-04"}
    assert gzip.decompress(clean_build["sitemap.xml.gz"]) == clean_build["sitemap.xml"]
    header_time = int.from_bytes(clean_build["sitemap.xml.gz"][4:8], "little")
    assert datetime.datetime.fromtimestamp(header_time, datetime.UTC).date() == datetime.date(2026, 3, 4)


def test_a_build_that_fails_part_way_leaves_the_previous_site(tmp_path):
    project = committed_project(tmp_path)
    site_dir = tmp_path / "site"
    assert site_build(project, site_dir).returncode == 0
    before = snapshot(site_dir)

    # A broken link: the data step passes it, and in strict mode MkDocs writes every page,
    # then fails at the end.
    article = add_article(project, "fixture.md")
    article.write_text(article.read_text() + "\nRead about [depression](no-such-page.md).\n")

    result = site_build(project, site_dir)
    assert result.returncode == 1
    assert "no-such-page.md" in result.stdout + result.stderr
    assert f"The build failed, so {site_dir} was left as it was." in result.stderr
    assert differences(before, snapshot(site_dir)) == []
    assert leftovers(site_dir) == []


def test_an_interrupted_build_leaves_the_site_and_the_next_build_is_identical(clean_build, tmp_path):
    project = committed_project(tmp_path)
    site_dir = tmp_path / "site"
    assert site_build(project, site_dir).returncode == 0
    before = snapshot(site_dir)

    # Stop a build the hard way once it has started writing (as when CI cancels a job).
    process = subprocess.Popen(build_command(project, site_dir), cwd=project, env=build_environment(project),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any((path / "assets").exists() for path in tmp_path.glob("site.building-*")):
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert leftovers(site_dir), "the interrupted build should have left its folder"
    assert differences(before, snapshot(site_dir)) == []

    result = site_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert leftovers(site_dir) == []  # the dead build's folder is gone
    assert differences(clean_build, snapshot(site_dir)) == []


# --- One plain line for every fault, before the engine runs or instead of its traceback ---

def no_traceback(result: subprocess.CompletedProcess) -> str:
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "Error:" not in output.replace("ERROR", ""), output
    return output


def test_a_page_that_is_not_utf8_is_one_line_and_the_engine_never_starts(tmp_path):
    project = copy_project(tmp_path / "project")
    article = project / "docs" / "articles" / "what-is-ketamine-therapy.md"
    data = article.read_bytes()
    article.write_bytes(data + b"Caf\xe9\n")
    result = site_build(project, tmp_path / "site")
    assert result.returncode == 1
    output = no_traceback(result)
    line = data.count(b"\n") + 1
    assert (f"  docs/articles/what-is-ketamine-therapy.md: line {line} (byte {len(data) + 3}) is not UTF-8 text "
            "(the byte 0xe9); save the file as UTF-8") in output
    assert "The build did not start" in output and "Building documentation" not in output
    assert not (tmp_path / "site").exists() and leftovers(tmp_path / "site") == []


def test_an_unreadable_file_is_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "gone.md").symlink_to(project / "docs" / "nowhere.md")
    result = site_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert ("  docs/gone.md: cannot be read: it is a link to a file that is not there; remove the link or restore "
            "the file") in no_traceback(result)


def test_an_alias_bomb_in_mkdocs_yml_stops_at_once(tmp_path):
    project = copy_project(tmp_path / "project")
    bomb = 'lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f'l{i}: &{chr(98 + i)} [' + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9))
    with open(project / "mkdocs.yml", "a") as config:
        config.write("\n" + bomb)
    start = time.monotonic()
    result = site_build(project, tmp_path / "site")
    assert time.monotonic() - start < 30, "the bomb was expanded"
    assert result.returncode == 1
    assert "the settings repeat blocks (with & and *) so much that they would grow past 10,000 values" in no_traceback(result)


def test_a_day_written_twice_in_the_clinic_data_is_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    settings_file.add(project / "mkdocs.yml", (*settings_file.CLINIC, "opening_hours"), 'monday: "10:00-11:00"',
                      after="monday")
    result = site_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(r"  mkdocs\.yml:\d+: extra\.clinic\.opening_hours has 'monday' twice \(lines \d+ and \d+\): "
                     "the build would silently use only the last one; keep one", no_traceback(result))
    assert "The build did not start" in result.stderr and not (tmp_path / "site").exists()


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder nobody may write in: read-only permissions, or, for root (whom permissions do
    not stop), a read-only system folder."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    folder = Path("/sys/fs")
    assert not os.access(folder, os.W_OK) or subprocess.run(["mkdir", str(folder / "x")]).returncode != 0, \
        "this machine has no read-only folder to test with"
    return folder


def test_a_read_only_output_folder_is_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    folder = unwritable_folder(tmp_path)
    result = site_build(project, folder / "site")
    assert result.returncode == 1
    assert (f"Could not write {folder}: the folder is read-only (permission denied); make it writable, or build "
            "into another folder with --site-dir.") in no_traceback(result)


def engine_processes(building_dir_glob: str) -> list[int]:
    """The engine processes writing into a building folder, found by their command line."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if proc.name.isdigit() and "clinic_site.engine" in command and building_dir_glob in command:
            found.append(int(proc.name))
    return found


def start_and_wait_until_writing(project: Path, tmp_path: Path) -> subprocess.Popen:
    process = subprocess.Popen(build_command(project, tmp_path / "site"), cwd=project, env=build_environment(project),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any((path / "assets").exists() for path in tmp_path.glob("site.building-*")):
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.005)
    return process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_build_told_to_stop_stops_its_engine_and_publishes_nothing(tmp_path, signum):
    project = committed_project(tmp_path)
    process = start_and_wait_until_writing(project, tmp_path)
    assert engine_processes(str(tmp_path / "site.building-"))
    os.kill(process.pid, signum)  # the build's own process only, as `kill PID` or Ctrl+C does
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 128 + signum, output
    assert f"The build was stopped, so {tmp_path / 'site'} was left as it was." in output
    assert "Traceback" not in output
    time.sleep(1)
    assert engine_processes(str(tmp_path / "site.building-")) == []
    assert not (tmp_path / "site").exists() and leftovers(tmp_path / "site") == []


def test_a_build_killed_outright_takes_its_engine_with_it_and_the_next_build_says_what_it_removed(tmp_path):
    project = committed_project(tmp_path)
    process = start_and_wait_until_writing(project, tmp_path)
    os.kill(process.pid, signal.SIGKILL)  # no chance to clean up
    process.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while engine_processes(str(tmp_path / "site.building-")):
        assert time.monotonic() < deadline, "the engine went on after its build was killed"
        time.sleep(0.05)
    time.sleep(1)
    assert not (tmp_path / "site").exists(), "something was published after the build was killed"
    [left] = leftovers(tmp_path / "site")
    result = site_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Removed {tmp_path / left}: an unfinished build left by a build that was stopped." in result.stderr
    assert leftovers(tmp_path / "site") == []


def test_a_full_disk_while_the_engine_writes_is_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    building = tmp_path / "site.building-1"
    config = project / ".site-config-1.yml"  # the data step's, as a build writes it
    write_engine_config(project, config)
    faults = tmp_path / "faults.jsonl"
    # MkDocs' process with every write into its folder failing as on a full disk (Zensical
    # writes from Rust, out of reach of this patch).
    arguments = ["build", "--config-file", str(config), "--site-dir", str(building)]
    code = f"""
import builtins, errno, sys
from pathlib import Path
from clinic_site.engine import engine_process
real_open = builtins.open
def full_disk(file, mode="r", *args, **kwargs):
    if ("w" in mode or "a" in mode) and str(file).startswith({str(building)!r}):
        raise OSError(errno.ENOSPC, "No space left on device", str(file))
    return real_open(file, mode, *args, **kwargs)
builtins.open = full_disk
raise SystemExit(engine_process(Path({str(faults)!r}), Path({str(building)!r}), "mkdocs", {arguments!r}))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True,
                            env=build_environment(project))
    assert result.returncode == 1
    no_traceback(result)
    [problem] = [Problem(**json.loads(line)) for line in faults.read_text().splitlines()]
    assert re.fullmatch(rf"Could not write {re.escape(str(building))}/\S+: the disk is full; free some space, then "
                        r"build again\.", str(problem)), problem


def test_a_previous_site_that_cannot_be_removed_is_said_and_removed_next_time(tmp_path, monkeypatch):
    from clinic_site import output_folder

    site_dir = tmp_path / "site"
    (site_dir / "old").mkdir(parents=True)
    built = tmp_path / "site.building-1"
    (built / "new").mkdir(parents=True)
    real_rmtree = shutil.rmtree
    monkeypatch.setattr(shutil, "rmtree", lambda *args, **kwargs: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    note = output_folder.publish(built, site_dir)
    replaced = site_dir.with_name(f"site.replaced-{os.getpid()}")
    assert note == (f"The new site is in {site_dir}, but the previous one could not be removed from {replaced} "
                    "(Permission denied); the next build tries again.")
    assert (site_dir / "new").is_dir() and replaced.is_dir()
    monkeypatch.setattr(output_folder, "running", lambda pid: False)  # as seen by the next build's process
    assert output_folder.remove_leftovers(site_dir, tmp_path) == [
        f"Could not remove {replaced}, a previous site left by a build that was stopped (Permission denied); "
        "remove it by hand."]
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    assert output_folder.remove_leftovers(site_dir, tmp_path) == [
        f"Removed {replaced}: a previous site left by a build that was stopped."]
    assert leftovers(site_dir) == []
