"""Whether visitors can reach the clinic other than in person.

The clinic's pages invite visitors to "contact us to schedule a consultation". With no
phone, email or booking link in extra.clinic, the only way is to go there: the build
says so, as a notice that never fails it (the clinic may simply not have given them).
"""

from __future__ import annotations

from .clinic import CONFIG_FILE, CONFIG_KEY, Clinic
from .problems import Problem, notice

CONTACT_FIELDS = ("phone", "email", "booking_url")


def contact_notice(clinic: Clinic) -> Problem | None:
    """A notice for the build output when the clinic data gives no way to reach it; else None."""
    if any(getattr(clinic, field) for field in CONTACT_FIELDS):
        return None
    return notice("NOTICE: visitors have no way to reach the clinic except in person; "
                  f"add a phone, email or booking link to {CONFIG_KEY} in {CONFIG_FILE}", CONFIG_FILE)
