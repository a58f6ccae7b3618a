"""Dates in one form everywhere: ISO ``YYYY-MM-DD`` strings, never in the future."""

from __future__ import annotations

import datetime as dt
import os

from tracker.errors import ValidationError

TODAY_ENV = "TRACKER_TODAY"


def today() -> dt.date:
    """Today's date, or the date pinned in ``TRACKER_TODAY`` (YYYY-MM-DD).

    Pinning keeps "never in the future" and "as of today" stable for a whole test run or a
    rehearsed demo, even when it crosses midnight.
    """
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise ValidationError(
                f"{TODAY_ENV} '{pinned}' is not a valid date: use YYYY-MM-DD.", TODAY_ENV
            ) from None
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
