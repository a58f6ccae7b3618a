"""The clock: one pinned "today" keeps future-date checks stable across midnight."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.dates import TODAY_ENV, as_of_or_today, parse_date, today
from tracker.errors import ValidationError


def test_pinned_today_decides_what_is_future(monkeypatch):
    monkeypatch.setenv(TODAY_ENV, "2020-06-30")
    assert today().isoformat() == "2020-06-30"
    assert as_of_or_today(None) == "2020-06-30"
    assert parse_date("2020-06-30") == "2020-06-30"
    with pytest.raises(ValidationError, match="2020-07-01.*future"):
        parse_date("2020-07-01")


def test_unpinned_today_is_the_system_date(monkeypatch):
    monkeypatch.delenv(TODAY_ENV, raising=False)
    assert today() == dt.date.today()


def test_bad_pinned_date_is_named(monkeypatch):
    monkeypatch.setenv(TODAY_ENV, "tomorrow")
    with pytest.raises(ValidationError, match="TRACKER_TODAY 'tomorrow'"):
        today()
