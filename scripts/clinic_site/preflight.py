"""Before the engine runs: mkdocs.yml and every file under docs/ can be read, and say
one thing each.

MkDocs meets these faults with a traceback, or worse: a YAML "alias bomb" (a block
repeated with & and * inside itself) held a core for 300 s before running out of
memory; a key written twice (``monday:`` twice under ``extra.clinic``) silently
publishes the second value; an unreadable file or a page that is not UTF-8 stops it
with a Python error. Here each is one line naming the file, the line and the fix.

YAML is only *composed* here (its structure read, nothing built from it): an alias is
a reference to a block read once, so counting what the aliases would expand to takes
time in proportion to the file, however much they would expand.

Pure functions: text or folders in, Problems out.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .docs_files import docs_folder_problems, undecodable, unreadable
from .problems import Problem

# How many values mkdocs.yml may hold once every alias is expanded. The site's own
# settings hold a few hundred; a file over this is a mistake or an attack.
EXPANDED_LIMIT = 10_000

try:  # the C composer when present: faster, same result
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class _TooBig(Exception):
    pass


def _expanded_size(root: yaml.Node) -> int:
    """How many values the document holds with every alias expanded; _TooBig past the limit.

    Each node's size is computed once (aliases share nodes), so this is linear in the file.
    """
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:  # a block that contains itself: endless once expanded
            raise _TooBig
        in_progress.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        in_progress.discard(key)
        if total > EXPANDED_LIMIT:
            raise _TooBig
        sizes[key] = total
        return total

    return size(root)


def _first_alias_line(text: str) -> int:
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return int(event.start_mark.line) + 1
    return 1


def _key_name(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else "a group"


def _repeated_keys(node: yaml.Node, path: str, seen: set[int]) -> list[tuple[int, str]]:
    """Keys written twice in one group, anywhere in the document, with their line."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    found: list[tuple[int, str]] = []
    if isinstance(node, yaml.MappingNode):
        first_line: dict[tuple[str, str], int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                name, line = (key.tag, key.value), key.start_mark.line + 1
                if name in first_line:
                    where = f"{path} has" if path else "The settings have"
                    found.append((line, f"{where} {key.value!r} twice (lines {first_line[name]} and {line}): "
                                        "the build would silently use only the last one; keep one"))
                first_line.setdefault(name, line)
            found += _repeated_keys(value, f"{path}.{_key_name(key)}" if path else _key_name(key), seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            found += _repeated_keys(child, f"{path} (item {index + 1})", seen)
    return found


def unreadable_settings(error: yaml.YAMLError, name: str = "mkdocs.yml") -> Problem:
    """One plain line for settings that cannot be read, on the line where the mistake is
    (an unclosed quote is found a line or two later: the line where it began)."""
    mark = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    if mark and context and 0 <= mark.line - context.line <= 2:
        mark = context
    return Problem(name, mark.line + 1 if mark else None,
                   "the settings cannot be read here; check the indentation, colons and quotes "
                   "on this line and the one before: a quote closes on the same line, and a value "
                   "holding ':' or '#' goes in quotes")


def config_problems(text: str, name: str = "mkdocs.yml") -> list[Problem]:
    """What in the settings file's text MkDocs would fail on, hang on, or silently get wrong."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        return [unreadable_settings(error, name)]
    if root is None:
        return [Problem(name, None, "the settings file is empty; restore it from git")]
    try:
        _expanded_size(root)
    except _TooBig:
        return [Problem(name, _first_alias_line(text), "the settings repeat blocks (with & and *) so much that "
                        f"they would grow past {EXPANDED_LIMIT:,} values; write the settings out without & and *")]
    except RecursionError:
        return [Problem(name, None, "the settings are nested too deeply to read; write them with fewer levels")]
    return [Problem(name, line, problem) for line, problem in sorted(_repeated_keys(root, "", set()))]


def _docs_dir_setting(text: str) -> str:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return "docs"
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if getattr(key, "value", None) == "docs_dir" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return "docs"


def preflight_problems(config_file: Path) -> list[Problem]:
    """Every problem with mkdocs.yml and the files under its docs_dir.

    Names are shown relative to the folder of mkdocs.yml, as editors see them.
    """
    config_file = Path(config_file)
    project = config_file.parent
    name = config_file.name
    try:
        data = config_file.read_bytes()
    except OSError as error:
        return [Problem(name, None, unreadable(error))]
    if problem := undecodable(data):
        return [Problem(name, None, problem)]
    text = data.decode("utf-8")
    problems = config_problems(text, name)
    if problems:
        return problems
    docs_dir = project / _docs_dir_setting(text)
    if not docs_dir.is_dir():
        return [Problem(name, None, f"docs_dir is {os.path.relpath(docs_dir, project)!r}, which is not a folder; "
                                    "set it to the folder of the pages (docs)")]
    return docs_folder_problems(docs_dir, shown_as=os.path.relpath(docs_dir, project))
