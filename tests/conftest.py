"""Shared fixtures: every test builds its own database in a temporary folder."""

from __future__ import annotations

import datetime as _dt
import os

import pytest

# One "today" for the whole run, inherited by app servers started from tests: a run that
# crosses midnight must not turn yesterday's "future" into today.
os.environ.setdefault("TRACKER_TODAY", _dt.date.today().isoformat())

from tracker import records
from tracker.auth import Actor, acting_as
from tracker.db import close_thread_connections, open_db
from tracker.demo import load_demo
from tracker.vocabulary import load_vocabulary

ADMIN = Actor(email="admin@example.org", role="admin", name="Test Admin", via="test")


@pytest.fixture(autouse=True)
def _no_default_db(monkeypatch, tmp_path):
    """Point TRACKER_DB at a temp file so no test can touch data/tracker.db, and act as an
    administrator unless a test says otherwise (``acting_as``)."""
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "default-guard.db"))
    with acting_as(ADMIN):
        yield
    close_thread_connections()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "tracker.db"


@pytest.fixture
def fresh_db(db_path):
    """A migrated database with the status vocabulary and nothing else."""
    db = open_db(db_path, create=True)
    load_vocabulary(db)
    yield db
    db.close()


@pytest.fixture
def demo_db(fresh_db):
    """The demo dataset (the 2018 letter) loaded into a fresh database."""
    load_demo(fresh_db)
    return fresh_db


@pytest.fixture
def one_ask(fresh_db):
    """A letter of 2024-01-15 with one ask; returns (db, ask_id)."""
    letter = records.add_letter(
        fresh_db, title="Test letter", date_sent="2024-01-15", author_org="Test NGO"
    )
    ask = records.add_ask(
        fresh_db,
        title="Test ask",
        target="Government of Mexico",
        theme="Rule of law",
        country="Mexico",
        owner="Ana",
        letters=[(letter, "We urge you to act.")],
    )
    return fresh_db, ask
