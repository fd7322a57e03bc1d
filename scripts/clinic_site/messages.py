"""Turn pydantic validation errors into one Problem each, in plain words, for editors.

Every problem names the file, the field, what was found and what is expected, e.g.

    docs/articles/x.md:5: last_reviewed must be a date like 2026-01-31, got 'Jan 31'

Each model field states what it expects in its ``description``; custom checks raise
``ValueError("must be ..., got ...")`` and their text is used as it is.
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .problems import Problem


def show_value(value: Any) -> str:
    """Show a value the way an editor wrote it in YAML, briefly."""
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``Model | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _submodel(arg)
            if found:
                return found
    return None


def _model_at(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel] | None:
    for name in path:
        field = model.model_fields.get(name) if isinstance(name, str) else None
        sub = _submodel(field.annotation) if field else None
        if sub is None:
            return None
        model = sub
    return model


def _field_names(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _expected(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    parent = _model_at(model, loc[:-1])
    if parent is None or not isinstance(loc[-1], str):
        return None
    field = parent.model_fields.get(loc[-1])
    return field.description if field else None


_PLAIN_NAME = re.compile(r"^[\w-]+$")


def _field_path(loc: tuple[Any, ...], prefix: str) -> str:
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f" (item {part + 1})"
        else:
            # A name with spaces, dots or line breaks is quoted, so the line stays one line.
            name = str(part) if _PLAIN_NAME.match(str(part)) else repr(str(part))
            path = f"{path}.{name}" if path else name
    return path


def _nearest_field(name: str, known: list[str], missing: set[str]) -> str | None:
    """The field an unknown name was probably meant to be: a missing one first.

    'munday' is as close to 'sunday' as to 'monday'; if monday is the one not given,
    that is the one the editor meant.
    """
    for candidates in ([field for field in known if field in missing], known):
        nearest = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
        if nearest:
            return nearest[0]
    return None


def _missing_fields(errors: list[ErrorDetails]) -> dict[tuple[Any, ...], set[str]]:
    """The names of required fields not given, by the location of the group that lacks them."""
    missing: dict[tuple[Any, ...], set[str]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and loc and isinstance(loc[-1], str):
            missing.setdefault(loc[:-1], set()).add(loc[-1])
    return missing


def describe_error(error: ErrorDetails, model: type[BaseModel], prefix: str = "",
                   missing: dict[tuple[Any, ...], set[str]] | None = None) -> str:
    """One editor-facing sentence for one pydantic error (without the file name)."""
    loc = tuple(error["loc"])
    field = _field_path(loc, prefix) or prefix or "the data"
    kind = error["type"]
    given = error.get("input")

    if kind == "missing":
        expected = _expected(model, loc)
        return f"{field} is missing: add it ({expected})" if expected else f"{field} is missing: add it"

    if kind == "invalid_key":
        # YAML read a field name as a number, date or true/false (e.g. `1:` or `no:`).
        parent = _model_at(model, loc[:-1])
        owner = _field_path(loc[:-1], prefix) or "the data"
        known = f": the known fields are {', '.join(_field_names(parent))}" if parent else ""
        return f"{owner} has {show_value(loc[-1])} where a field name belongs{known}"

    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"{field} must be at most {limit} characters, got {len(str(given))}: shorten it"

    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        names = _field_names(parent) if parent else []
        nearest = _nearest_field(str(loc[-1]), names, (missing or {}).get(loc[:-1], set()))
        if nearest:
            return f"{field} is not a known field: did you mean '{nearest}'?"
        return f"{field} is not a known field: the known fields are {', '.join(names)}"

    if kind in ("value_error", "assertion_error") and "error" in error.get("ctx", {}):
        # Our own checks raise ValueError("must be ..., got ..."): use their words.
        return f"{field} {error['ctx']['error']}"

    expected = _expected(model, loc)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        expected = expected or "a group of fields"
        return f"{field} must be {expected} (a group of fields, each on its own line), got {show_value(given)}"
    if expected:
        return f"{field} must be {expected}, got {show_value(given)}"
    return f"{field}: {error['msg']}, got {show_value(given)}"


def _misspelled(errors: list[ErrorDetails], model: type[BaseModel], missing: dict[tuple[Any, ...], set[str]]) -> set[tuple[Any, ...]]:
    """Locations of required fields that an unknown field looks like a misspelling of."""
    meant = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            parent = _model_at(model, loc[:-1])
            known = _field_names(parent) if parent else []
            nearest = _nearest_field(str(loc[-1]), known, missing.get(loc[:-1], set()))
            if nearest:
                meant.add(loc[:-1] + (nearest,))
    return meant


def validation_problems(
    exc: ValidationError, model: type[BaseModel], *, where: str, prefix: str = "",
    line_of: Callable[[tuple[Any, ...]], int | None] | None = None,
) -> list[Problem]:
    """All problems of one validation, one each, in the file ``where`` (on the line
    ``line_of`` gives for a problem's location, when it does).

    A misspelled field (last_reveiwed) is reported once, as unknown with the nearest
    valid name, not also as the real field (last_reviewed) missing.
    """
    errors = exc.errors()
    missing = _missing_fields(errors)
    meant = _misspelled(errors, model, missing)
    return [
        Problem(where, line_of(tuple(error["loc"])) if line_of else None,
                describe_error(error, model, prefix, missing))
        for error in errors
        if not (error["type"] == "missing" and tuple(error["loc"]) in meant)
    ]
