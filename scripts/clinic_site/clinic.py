"""The clinic's facts, read from ``extra.clinic`` in mkdocs.yml and validated.

This is the one source of truth for the name, address and opening hours. Optional
contact fields are rendered only when the clinic has given them: never invent them.
"""

from __future__ import annotations

import difflib
import functools
import re
import zoneinfo
from typing import Any
from urllib.parse import quote_plus

import phonenumbers
from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    ValidationError,
    field_validator,
    model_validator,
)

from .hours import DAYS, TimeRange, hours_lines, parse_day
from .messages import show_value, validation_problems
from .problems import Problem, Problems

CONFIG_FILE = "mkdocs.yml"
CONFIG_KEY = "extra.clinic"

_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_STATE = re.compile(r"^[A-Z]{2}$")


class _Strict(BaseModel):
    # Unknown fields are mistakes (often a misspelling): report them, never ignore.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _text(description: str, **kwargs: Any) -> Any:
    return Field(description=description, min_length=1, strict=True, **kwargs)


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


class PostalAddress(_Strict):
    street: str = _text("the street address, like '7 Wembley Ct.'", max_length=100)
    city: str = _text("the city, like 'Albany'", max_length=60)
    state: str = Field(description="a two-letter state code, like 'NY'", strict=True)
    postal_code: str = Field(
        description="a 5-digit ZIP like '12205' or ZIP+4 like '12205-1234', in quotes",
        strict=True,
    )
    country: str = Field("US", description="a two-letter country code, like 'US'", strict=True)

    @field_validator("state", "country")
    @classmethod
    def _two_letters(cls, value: str) -> str:
        if not _STATE.match(value):
            raise ValueError(f"must be two capital letters, like 'NY' or 'US', got {show_value(value)}")
        return value

    @field_validator("postal_code")
    @classmethod
    def _zip(cls, value: str) -> str:
        if not _ZIP.match(value):
            raise ValueError(
                f"must be a 5-digit ZIP like '12205' or ZIP+4 like '12205-1234', got {show_value(value)}"
            )
        return value


class OpeningHours(_Strict):
    monday: tuple[TimeRange, ...] = Field(description="Monday's hours, like '09:00-17:00' or 'closed'")
    tuesday: tuple[TimeRange, ...] = Field(description="Tuesday's hours, like '09:00-17:00' or 'closed'")
    wednesday: tuple[TimeRange, ...] = Field(description="Wednesday's hours, like '09:00-17:00' or 'closed'")
    thursday: tuple[TimeRange, ...] = Field(description="Thursday's hours, like '09:00-17:00' or 'closed'")
    friday: tuple[TimeRange, ...] = Field(description="Friday's hours, like '09:00-17:00' or 'closed'")
    saturday: tuple[TimeRange, ...] = Field(description="Saturday's hours, like '09:00-17:00' or 'closed'")
    sunday: tuple[TimeRange, ...] = Field(description="Sunday's hours, like '09:00-17:00' or 'closed'")

    @field_validator(*DAYS, mode="before")
    @classmethod
    def _day(cls, value: Any) -> tuple[TimeRange, ...]:
        return parse_day(value)

    @model_validator(mode="after")
    def _open_some_day(self) -> OpeningHours:
        if not any(self.week().values()):
            raise ValueError("cannot be 'closed' on every day: give at least one day opening hours")
        return self

    def week(self) -> dict[str, tuple[TimeRange, ...]]:
        return {day: getattr(self, day) for day in DAYS}


class MapCoordinates(_Strict):
    latitude: float = Field(description="a latitude between -90 and 90, like 42.7", ge=-90, le=90)
    longitude: float = Field(description="a longitude between -180 and 180, like -73.8", ge=-180, le=180)


class Clinic(_Strict):
    name: str = _text("the clinic's name, like 'Albany Ketamine Infusions'", max_length=100)
    address: PostalAddress = Field(description="the postal address: street, city, state, postal_code")
    time_zone: str = Field(description="a time zone name like 'America/New_York'", strict=True)
    opening_hours: OpeningHours = Field(description="one line per day, monday to sunday")
    # Optional: the clinic has given none of these yet.
    phone: str | None = Field(None, description="a US phone number like '+1 518-555-0100'", strict=True)
    email: EmailStr | None = Field(None, description="an email address like 'info@example.org'")
    booking_url: HttpUrl | None = Field(None, description="a web address starting with https://")
    map_coordinates: MapCoordinates | None = Field(None, description="latitude and longitude")

    @field_validator("time_zone")
    @classmethod
    def _time_zone(cls, value: str) -> str:
        # Looked up in the list of zones, never opened as a file: a name such as
        # 'America' or a very long one must give a message, not an OSError.
        if value not in _time_zones():
            nearest = difflib.get_close_matches(value, sorted(_time_zones()), n=1, cutoff=0.9)
            hint = f" (did you mean '{nearest[0]}'?)" if nearest else ""
            raise ValueError(
                f"must be a time zone name like 'America/New_York', got {show_value(value)}{hint}"
            )
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            number = phonenumbers.parse(value, "US")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValueError(f"must be a phone number like '+1 518-555-0100', got {show_value(value)}")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    @field_validator("booking_url")
    @classmethod
    def _https(cls, value: HttpUrl | None) -> HttpUrl | None:
        if value is not None and value.scheme != "https":
            raise ValueError(f"must start with https://, got {show_value(str(value))}")
        return value

    # Derived facts, computed from the data above (never stored twice).

    @property
    def address_lines(self) -> list[str]:
        a = self.address
        return [a.street, f"{a.city}, {a.state} {a.postal_code}"]

    @property
    def one_line_address(self) -> str:
        return ", ".join(self.address_lines)

    @property
    def map_url(self) -> str:
        """A plain link to a map search: no embed, nothing loads until the visitor taps."""
        if self.map_coordinates:
            lat, lon = self.map_coordinates.latitude, self.map_coordinates.longitude
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        return "https://www.openstreetmap.org/search?query=" + quote_plus(self.one_line_address)

    @property
    def phone_display(self) -> str | None:
        if not self.phone:
            return None
        number = phonenumbers.parse(self.phone, "US")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)

    @property
    def hours_lines(self) -> list[str]:
        return hours_lines(self.opening_hours.week())


def load_clinic(raw: Any) -> Clinic:
    """Validate the raw ``extra.clinic`` mapping, or raise Problems, one per mistake."""
    if not isinstance(raw, dict):
        raise Problems([Problem(CONFIG_FILE, None, f"{CONFIG_KEY} must be a group of fields (name, address, "
                                                   f"time_zone, opening_hours), got {show_value(raw)}")])
    try:
        return Clinic.model_validate(raw)
    except ValidationError as exc:
        problems = validation_problems(exc, Clinic, where=CONFIG_FILE, prefix=CONFIG_KEY)
        raise Problems(problems or [Problem(CONFIG_FILE, None, f"{CONFIG_KEY}: invalid")]) from None
