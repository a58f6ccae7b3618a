"""My review queue opens on the signed-in officer's own asks (QA 2026-12-03: it opened on
whichever owner came first in the alphabet, so "My review queue" showed someone else's), and
says so when they own none."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import SETUP, add_ask, demo_database, update

from tracker import records
from tracker.auth import acting_as
from tracker.db import open_db

PEOPLE = [("zoe@example.org", "officer", "Zoe Zamora"), ("omar@example.org", "officer", "Omar")]


@pytest.fixture
def queue_db(tmp_path, monkeypatch):
    """The demo (its asks owned by "Program officer, Mexico"), and a stale ask Zoe owns."""
    path = demo_database(tmp_path / "queue.db", PEOPLE, "correct horse 1")
    db = open_db(path)
    with acting_as(SETUP):
        letter = records.add_letter(
            db, title="Zoe's letter", date_sent="2020-01-10", author_org="Test NGO"
        )
        ask = add_ask(db, "Zoe's stale ask", owner="Zoe Zamora", letters=[(letter, "Act.")])
        update(db, ask, "stalled", "2020-02-01")
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def test_the_queue_opens_on_the_signed_in_officers_own_asks(queue_db):
    at = open_app("zoe@example.org", "review_queue")
    assert not at.exception
    assert at.selectbox(key="queue_owner").value == "Zoe Zamora"
    assert list(at.dataframe[0].value["title"]) == ["Zoe's stale ask"]


def test_an_officer_who_owns_no_ask_is_told_whose_queue_is_shown(queue_db):
    at = open_app("omar@example.org", "review_queue")
    assert not at.exception
    shown = at.selectbox(key="queue_owner").value
    said = " ".join(c.value for c in at.caption)
    assert "You (Omar) own no asks yet" in said and shown in said


def test_a_link_naming_an_owner_opens_that_owners_queue(queue_db):
    at = open_app("zoe@example.org", "review_queue", owner="Program officer, Mexico")
    assert at.selectbox(key="queue_owner").value == "Program officer, Mexico"
    assert not any("own no asks" in c.value for c in at.caption)
