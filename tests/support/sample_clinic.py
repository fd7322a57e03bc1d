"""A valid clinic for unit tests of the validation and what is computed from it: the
tests' own data, not the clinic's (which lives in mkdocs.yml and may change)."""

from __future__ import annotations

import copy
from typing import Any

VALID = {
    "name": "Albany Ketamine Infusions",
    "address": {"street": "7 Wembley Ct.", "city": "Albany", "state": "NY", "postal_code": "12205", "country": "US"},
    "time_zone": "America/New_York",
    "opening_hours": dict.fromkeys(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), "09:00-17:00"),
}


def with_changes(**changes: Any) -> dict[str, Any]:
    """VALID with some fields changed (address__city=...), or removed (=KeyError)."""
    data = copy.deepcopy(VALID)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = data
        for key in parents:
            target = target[key]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return data


