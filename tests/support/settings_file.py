"""Change one setting of a copy of mkdocs.yml by its place (("extra", "clinic", "name")),
whatever its value is today: tests plant mistakes in the clinic's data without knowing
the clinic's name, address or hours (which an editor may change at any time).

The text is edited where the setting is written (found by composing the YAML, never by
searching for today's value), so every other line, comment and line number stays.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from clinic_site.site_data import read_config

Place = tuple[str, ...]
CLINIC = ("extra", "clinic")


def _node(text: str, place: Place) -> tuple[yaml.Node, yaml.Node, yaml.MappingNode]:
    """(key node, value node, the mapping holding them) of the setting at place."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    found: tuple[yaml.Node, yaml.Node, yaml.MappingNode] | None = None
    for name in place:
        assert isinstance(node, yaml.MappingNode), f"{place}: {name} is not in a group of settings"
        pairs = [(key, value) for key, value in node.value if getattr(key, "value", None) == name]
        assert len(pairs) == 1, f"{place}: {name} is written {len(pairs)} times"
        found = (pairs[0][0], pairs[0][1], node)
        node = pairs[0][1]
    assert found is not None
    return found


def line_of(path: Path, place: Place) -> int:
    """The line (from 1) of the setting at place."""
    key, _value, _mapping = _node(path.read_text(encoding="utf-8"), place)
    return key.start_mark.line + 1


def _block_end(lines: list[str], key: yaml.Node) -> int:
    """The index of the first line after the setting at key (its value's lines included)."""
    at = key.start_mark.line + 1
    while at < len(lines) and (not lines[at].strip() or len(lines[at]) - len(lines[at].lstrip()) > key.start_mark.column):
        at += 1
    while at > key.start_mark.line + 1 and not lines[at - 1].strip():  # blank lines belong to what follows
        at -= 1
    return at


def set_value(path: Path, place: Place, written: str) -> int:
    """Write the setting's value as the YAML text `written` (a flow value on one line);
    the line of the setting."""
    text = path.read_text(encoding="utf-8")
    key, value, _mapping = _node(text, place)
    if isinstance(value, yaml.ScalarNode) and value.start_mark.line == key.start_mark.line:
        start, end = value.start_mark.index, value.end_mark.index
        path.write_text(text[:start] + written + text[end:], encoding="utf-8")
    else:  # a value written over lines of its own: all of them replaced by one
        lines = text.split("\n")
        line = key.start_mark.line
        lines[line:_block_end(lines, key)] = [lines[line][:key.end_mark.column] + ": " + written]
        path.write_text("\n".join(lines), encoding="utf-8")
    return key.start_mark.line + 1


def rename(path: Path, place: Place, name: str) -> int:
    """Write the setting's name as another (a misspelling); its line."""
    text = path.read_text(encoding="utf-8")
    key, _value, _mapping = _node(text, place)
    path.write_text(text[:key.start_mark.index] + name + text[key.end_mark.index:], encoding="utf-8")
    return key.start_mark.line + 1


def remove(path: Path, place: Place) -> None:
    """Remove the setting, its line and any lines of its value."""
    text = path.read_text(encoding="utf-8")
    key, _value, _mapping = _node(text, place)
    lines = text.split("\n")
    del lines[key.start_mark.line:_block_end(lines, key)]
    path.write_text("\n".join(lines), encoding="utf-8")


def add(path: Path, group: Place, line: str, after: str | None = None) -> int:
    """Add `line` ("name: value") to the group of settings, after the setting named
    `after` (else after the group's last); the line it is on."""
    text = path.read_text(encoding="utf-8")
    _key, mapping, _parent = _node(text, group)
    assert isinstance(mapping, yaml.MappingNode)
    indent = " " * mapping.value[0][0].start_mark.column
    pairs = [pair for pair in mapping.value if after is None or pair[0].value == after]
    lines = text.split("\n")
    at = _block_end(lines, pairs[-1][0])
    lines.insert(at, indent + line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def clinic(project: Path) -> dict[str, Any]:
    """The clinic's data as the data step reads it."""
    data: dict[str, Any] = read_config(project / "mkdocs.yml")["extra"]["clinic"]
    return data
