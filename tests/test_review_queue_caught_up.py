"""My review queue's "All caught up" is true of an owner whose asks were just added and never
checked (seen in Chromium after Add a letter): it said every ask "was checked in the last 90
days" while each ask's page said "Not yet checked"."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import add_ask, demo_database

from tracker.auth import Actor, acting_as
from tracker.db import open_db

PEOPLE = [("olga@example.org", "officer", "Olga Officer")]


@pytest.fixture
def new_unchecked_ask(tmp_path, monkeypatch):
    path = demo_database(tmp_path / "demo.db", PEOPLE, "correct horse 1")
    monkeypatch.setenv("TRACKER_DB", str(path))
    db = open_db(path)
    with acting_as(Actor(email="olga@example.org", role="officer", via="test")):
        ask_id = add_ask(db, "Publish the registry every quarter", owner="Olga Officer")
    db.close()
    return path, ask_id


def test_caught_up_with_a_new_ask_never_checked_does_not_say_it_was_checked(new_unchecked_ask):
    at = open_app("olga@example.org", "review_queue", owner="Olga Officer")
    assert not at.exception
    said = [s.value for s in at.success]
    assert len(said) == 1 and said[0].startswith("All caught up"), said
    assert "was added or checked in the last 90 days" in said[0], said


def test_the_dashboard_with_no_stale_ask_does_not_say_a_new_one_was_checked(new_unchecked_ask):
    at = open_app("olga@example.org", "dashboard", owner="Olga Officer")
    assert not at.exception
    assert "**Not checked in 90 days** (0)" in [m.value for m in at.markdown]
    assert "Every open ask was added or checked in the last 90 days." in [
        m.value for m in at.markdown
    ]
