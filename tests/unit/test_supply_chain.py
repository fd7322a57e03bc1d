"""Dependencies: every package pinned to one version and hash-checked, compiled from the
short hand-edited lists, with the README's commands.

A package added to a .in file but not compiled, removed but still pinned, or pinned
without a hash fails here, before anything is installed from it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from site_builder import ROOT

COMPILED = {"requirements.txt": "requirements.in", "requirements-test.txt": "requirements-test.in",
            "requirements-zensical.txt": "requirements-zensical.in"}
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)$")
_HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")


def entries(path: Path) -> dict[str, dict]:
    """The packages of a compiled file: version, hashes, and what required them ("via")."""
    found: dict[str, dict] = {}
    current = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            via = line.lstrip("#").strip()
            if current and via.startswith("via"):
                current["via"].append(via.removeprefix("via").strip())
            elif current and current["via"] and raw.startswith("    #   "):
                current["via"].append(via)
            continue
        if raw.startswith(" "):  # a --hash line of the package above
            assert current, f"{path.name}: {line} belongs to no package"
            current["hashes"].append(line.rstrip(" \\"))
            continue
        match = _PIN.match(line.rstrip(" \\"))
        assert match, f"{path.name}: '{line}' is not 'name==version': every line must be pinned"
        current = {"version": match["version"], "hashes": [], "via": []}
        found[canonicalize_name(match["name"])] = current
    return found


def top_level(path: Path) -> dict[str, Requirement]:
    """The requirements a .in file lists itself and through -r."""
    listed: dict[str, Requirement] = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            listed |= top_level(path.parent / line.removeprefix("-r ").strip())
            continue
        assert not line.startswith("-"), f"{path.name}: options such as '{line}' do not belong in the short list"
        requirement = Requirement(line)
        listed[canonicalize_name(requirement.name)] = requirement
    return listed


@pytest.mark.parametrize("compiled", list(COMPILED))
def test_every_package_is_pinned_and_hashed(compiled):
    packages = entries(ROOT / compiled)
    assert len(packages) > 10
    for name, package in packages.items():
        assert package["hashes"], f"{compiled}: {name} has no --hash"
        assert all(_HASH.match(line) for line in package["hashes"]), f"{compiled}: {name}: {package['hashes']}"
        assert package["via"], f"{compiled}: {name} says nothing about what needs it: recompile"


@pytest.mark.parametrize(("compiled", "source"), list(COMPILED.items()))
def test_the_compiled_file_is_the_short_list_compiled(compiled, source):
    packages = entries(ROOT / compiled)
    wanted = top_level(ROOT / source)
    for name, requirement in wanted.items():
        assert name in packages, f"{source} lists {name}, but {compiled} does not pin it: recompile (README)"
        assert requirement.specifier.contains(packages[name]["version"], prereleases=True), (
            f"{compiled} pins {name}=={packages[name]['version']}, outside {requirement} in {source}: recompile")
    # And nothing is pinned as wanted by the list that the list no longer has.
    listed_by_hand = {name for name, package in packages.items()
                      if any(via.startswith("-r requirements") for via in package["via"])}
    assert listed_by_hand == set(wanted), f"{compiled} was compiled from another list than {source}: recompile"


@pytest.mark.parametrize("other", ["requirements-test.txt", "requirements-zensical.txt"])
def test_the_tests_and_zensical_run_the_versions_the_site_is_built_with(other):
    # All three are installed into one .venv: a package pinned twice must be pinned alike.
    build = entries(ROOT / "requirements.txt")
    pinned = entries(ROOT / other)
    for name, package in build.items():
        assert pinned[name]["version"] == package["version"], f"{other}: {name}"
        assert pinned[name]["hashes"] == package["hashes"], f"{other}: {name}"


def test_the_tests_and_zensical_agree_on_what_they_share():
    test = entries(ROOT / "requirements-test.txt")
    zensical = entries(ROOT / "requirements-zensical.txt")
    for name in test.keys() & zensical.keys():
        assert test[name]["version"] == zensical[name]["version"], name


def test_zensical_is_pinned_exactly():
    # 0.0.74 and later need zensical-ui, which this project's registry does not have.
    assert str(top_level(ROOT / "requirements-zensical.in")["zensical"].specifier) == "==0.0.73"
    assert entries(ROOT / "requirements-zensical.txt")["zensical"]["version"] == "0.0.73"


def test_pymdown_extensions_stays_below_13_while_python_3_11_2_is_a_target():
    # 13.x needs Python 3.11.5 (CPython gh-106052); README, "Dependencies".
    specifier = top_level(ROOT / "requirements.in")["pymdown-extensions"].specifier
    assert not specifier.contains("13.0") and entries(ROOT / "requirements.txt")["pymdown-extensions"]["version"] == "12.3"


@pytest.mark.parametrize("compiled", list(COMPILED))
def test_the_readme_gives_the_command_that_compiled_each_file(compiled):
    header = (ROOT / compiled).read_text().splitlines()[:2]
    assert header[0] == "# This file was autogenerated by uv via the following command:"
    command = header[1].removeprefix("#").strip()
    readme_commands = [line.strip().removeprefix(".venv/bin/")
                       for line in (ROOT / "README.md").read_text().splitlines()]
    assert command in readme_commands, f"README.md does not give the command that made {compiled}: {command}"
    assert "--generate-hashes" in command


def test_npm_check_tools_are_pinned_exactly_with_integrity_hashes():
    package = json.loads((ROOT / "package.json").read_text())
    for name, version in package["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"package.json: {name} must be an exact version, got {version}"
    lock = json.loads((ROOT / "package-lock.json").read_text())
    installed = {path: entry for path, entry in lock["packages"].items() if path}
    assert installed
    for path, entry in installed.items():
        assert entry.get("integrity", "").startswith("sha512-"), f"package-lock.json: {path} has no integrity hash"
        assert entry.get("resolved", "https://registry.npmjs.org/").startswith("https://registry.npmjs.org/"), path
