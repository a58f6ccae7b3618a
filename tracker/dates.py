"""Dates in one form everywhere: ISO ``YYYY-MM-DD`` strings, never in the future."""

from __future__ import annotations

import datetime as dt

from tracker.errors import ValidationError


def today() -> dt.date:
    return dt.date.today()


def parse_date(value: str | dt.date | None, field: str = "date", allow_future: bool = False) -> str:
    """Return ``value`` as an ISO date string, or raise a ValidationError that names it."""
    if value is None or value == "":
        raise ValidationError(f"{field} is required (use YYYY-MM-DD).", field)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        parsed = value
    else:
        text = str(value).strip()
        try:
            parsed = dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                f"{field} '{value}' is not a valid date: use YYYY-MM-DD, e.g. 2024-03-31.", field
            ) from None
        if len(text) != 10:
            raise ValidationError(
                f"{field} '{value}' is not a valid date: use YYYY-MM-DD, e.g. 2024-03-31.", field
            )
    if not allow_future and parsed > today():
        raise ValidationError(
            f"{field} '{parsed.isoformat()}' is in the future: record things that have happened.",
            field,
        )
    return parsed.isoformat()


def as_of_or_today(value: str | dt.date | None) -> str:
    """The as-of date for a query: today when none is given."""
    if value is None or value == "":
        return today().isoformat()
    return parse_date(value, "as-of date", allow_future=True)


def now_timestamp() -> str:
    """A UTC timestamp with microseconds, for recorded-at columns (sorts as text)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def years_between(start: str, end: str) -> float:
    """Years between two ISO dates, as used by growth-rate calculations."""
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days / 365.25
