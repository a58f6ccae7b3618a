"""Dates in one form everywhere (ISO ``YYYY-MM-DD`` strings), and the one place that decides
which may be recorded: from the earliest date (1970-01-01 unless an administrator moves it) to
today. The app, the CLI and imports all call ``check_date``, so they refuse the same dates with
the same sentence, which says the range.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re

from tracker.db import setting
from tracker.errors import ValidationError

TODAY_ENV = "TRACKER_TODAY"
EARLIEST_DEFAULT = dt.date(1970, 1, 1)
EARLIEST_SETTING = "earliest_date"
# far enough back for any advocacy record; stops a typo such as 0201 for 2010
EARLIEST_POSSIBLE = dt.date(1800, 1, 1)
EARLIER_HINT = " An administrator can allow earlier dates (Users page, or 'tracker earliest-date')."
LATEST_TARGET = dt.date(2100, 12, 31)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def today() -> dt.date:
    """Today, or the date pinned in ``TRACKER_TODAY``: pinned, "never in the future" and "as of
    today" hold still for a whole test run or rehearsed demo, even across midnight."""
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
    parsed = value if isinstance(value, dt.date) else _from_text(str(value).strip(), field)
    if not allow_future and parsed > today():
        raise ValidationError(
            f"{field} '{parsed.isoformat()}' is in the future: record things that have happened.",
            field,
        )
    return parsed.isoformat()


def impossible_day(year: int, month: int, day: int) -> str | None:
    """Why a year, month and day name no day (the month must be 01 to 12; April 2024 has
    30 days), or None: the forms and the import say the same reason in the same words."""
    if not 1 <= month <= 12:
        return "the month must be 01 to 12"
    last = calendar.monthrange(max(year, 1), month)[1]
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} {year} has {last} days"
    return None


def _from_text(text: str, field: str) -> dt.date:
    """A strict ``YYYY-MM-DD`` (no week dates, no ``20240331``), and for an impossible day a
    sentence that says why, rather than a silent nearest date."""
    match = _ISO.match(text)
    if not match:
        raise ValidationError(
            f"{field} '{text}' is not a valid date: type it as YYYY-MM-DD, e.g. 2024-03-31.", field
        )
    year, month, day = map(int, match.groups())
    why = impossible_day(year, month, day)
    if why:
        raise ValidationError(f"{field} '{text}' is not a valid date: {why}.", field)
    if year < 1:
        raise ValidationError(f"{field} '{text}' is not a valid date (YYYY-MM-DD).", field)
    return dt.date(year, month, day)


def earliest_date(db) -> dt.date:
    """The earliest date that may be recorded: the administrators' setting, else 1970-01-01."""
    try:
        return dt.date.fromisoformat(setting(db, EARLIEST_SETTING) or "")
    except ValueError:  # unset, or hand-edited: fall back rather than refuse every date
        return EARLIEST_DEFAULT


def range_text(db) -> str:
    """The dates a person may record, for forms' help text: 'from 1970-01-01 to ... (today)'."""
    return f"from {earliest_date(db).isoformat()} to {today().isoformat()} (today)"


def check_date(
    db, value: str | dt.date | None, field: str = "date", *, future: bool = False
) -> str:
    """``value`` as an ISO date if it may be recorded, else a ValidationError that says the
    range. ``future`` allows dates after today (a target date), up to 2100-12-31."""
    when = parse_date(value, field, allow_future=True)  # ISO dates compare as text
    first = earliest_date(db).isoformat()
    last = (LATEST_TARGET if future else today()).isoformat()
    allowed = f"from {first} to {last}" + ("" if future else " (today)")
    if when > last:
        reason = "is too far ahead" if future else "is in the future: record things that happened"
        raise ValidationError(f"{field} {when} {reason}; use a date {allowed}.", field)
    if when < first:
        hint = "" if when < EARLIEST_POSSIBLE.isoformat() else EARLIER_HINT
        raise ValidationError(
            f"{field} {when} is before {first}, the earliest date this tracker records; use a "
            f"date {allowed}.{hint}",
            field,
        )
    return when


def check_earliest(value: str | dt.date | None) -> str:
    """A new earliest date for the setting: a real date from 1800-01-01 to today."""
    parsed = dt.date.fromisoformat(parse_date(value, "earliest date"))
    if parsed < EARLIEST_POSSIBLE:
        raise ValidationError(
            f"earliest date {parsed.isoformat()} is too early: the tracker records dates from "
            f"{EARLIEST_POSSIBLE.isoformat()} at the earliest.",
            "earliest date",
        )
    return parsed.isoformat()


def as_of_or_today(value: str | dt.date | None) -> str:
    """The as-of date for a query: today when none is given."""
    if value is None or value == "":
        return today().isoformat()
    return parse_date(value, "as-of date", allow_future=True)


def days_before(date: str, days: int) -> str:
    """The ISO date ``days`` days before ``date``; '' (before every date) when that is before
    the year 1."""
    try:
        return (dt.date.fromisoformat(date) - dt.timedelta(days=int(days))).isoformat()
    except OverflowError:
        return ""


def now_timestamp() -> str:
    """A UTC timestamp with microseconds, for recorded-at columns (sorts as text)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def years_between(start: str, end: str) -> float:
    """Years between two ISO dates, as used by growth-rate calculations."""
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days / 365.25
