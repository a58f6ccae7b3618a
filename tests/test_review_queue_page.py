"""My review queue (QA 2026-12-03): it opens on the signed-in officer's own asks (it opened on
whichever owner came first in the alphabet, so "My review queue" showed someone else's) and
says so when they own none; a verification says what it recorded after the page reruns (the
toast it showed was lost in the rerun, and the row just vanished)."""

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


def test_verify_says_what_it_recorded_once_the_row_has_left_the_queue(queue_db):
    at = open_app("zoe@example.org", "review_queue")
    ask_id = int(at.dataframe[0].value["ask_id"].iloc[0])
    at.button(key=f"verify_{ask_id}").click().run()
    assert not at.exception
    said = [s.value for s in at.success]
    assert said[0] == f"Verified #{ask_id} Zoe's stale ask: still Stalled (checked, no change)."
    assert said[1:] == [  # and nothing of Zoe's is due now
        "All caught up: every open ask of Zoe Zamora was added or checked in the last 90 days."
    ]


def test_verifying_the_selected_rows_says_how_many(queue_db):
    at = open_app("omar@example.org", "review_queue", owner="Program officer, Mexico")
    due = list(at.dataframe[0].value["ask_id"])
    at.session_state["queue_editor"] = {
        "edited_rows": {0: {"verify": True}, 1: {"verify": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    next(b for b in at.button if b.key == "queue_verify_selected").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Verified 2 asks: checked, no change."]
    assert list(at.dataframe[0].value["ask_id"]) == due[2:]


def test_days_since_checked_read_with_thousands_separators_as_the_dashboard_writes_them(queue_db):
    """Zoe's ask was last checked in February 2020: over a thousand days, written "2,130 days"
    as the dashboard writes it, not "2130"."""
    at = open_app("zoe@example.org", "review_queue")
    days = int(at.dataframe[0].value["days_since_checked"].iloc[0])
    assert days >= 1000
    shown = [m.value for m in at.markdown]
    assert any(f"{days:,} days" in text for text in shown), shown
    assert not any(f"{days} days" in text for text in shown)
