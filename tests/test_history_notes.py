"""An ask's status history read whole (QA 2026-12-03): the History table cut each Note to its
first words, at 1280 px and more so at 375 px, where the column is off-screen. Under the table
each entry's note reads in full, after its number, date and status."""

from __future__ import annotations

import re

import pytest
from appkit import open_app
from dbkit import demo_database

from tracker import records
from tracker.auth import Actor, acting_as
from tracker.dates import today
from tracker.db import open_db
from tracker.history import ask_history

OFFICER = "olga@example.org"
LONG_NOTE = (
    "The ministry answered our second letter in writing: it will table the reform in the "
    "spring session, after the budget, and asks for the coalition's comments on the draft by "
    "the end of the month; the answer names the unit in charge and a person to write to."
)


@pytest.fixture
def long_note(tmp_path, monkeypatch):
    """Ask 3 with one entry whose note is longer than any table cell shows, and one with none."""
    path = demo_database(
        tmp_path / "notes.db", [(OFFICER, "officer", "Olga Ortiz")], "correct horse 1"
    )
    db = open_db(path)
    with acting_as(Actor(email=OFFICER, role="officer", name="Olga Ortiz", via="test")):
        entry = records.record_status_update(
            db, 3, "in_progress", effective_date=today().isoformat(), note=LONG_NOTE
        )
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path, entry["id"]


def as_read(markdown: str) -> str:
    """A markdown source as a person reads it: escapes dropped, each run of spaces one."""
    return " ".join(re.sub(r"\\(.)", r"\1", markdown).split())


def notes_in_full(at):
    found = [e for e in at.expander if "note" in e.label.lower() and "full" in e.label.lower()]
    assert found, [e.label for e in at.expander]
    return found[0]


def test_each_entry_s_note_reads_whole_under_the_history(long_note):
    _, entry = long_note
    at = open_app(OFFICER, "asks", ask="3")
    assert not at.exception
    shown = notes_in_full(at)
    texts = [as_read(m.value) for m in shown.markdown]
    ours = [t for t in texts if LONG_NOTE in t]
    assert len(ours) == 1, texts
    assert f"#{entry}" in ours[0] and "In progress" in ours[0], ours[0]


def test_every_note_of_the_history_is_there_once(long_note):
    path, _ = long_note
    db = open_db(path)
    with acting_as(Actor(email=OFFICER, role="officer", name="Olga Ortiz", via="test")):
        notes = [n for n in ask_history(db, 3)["note"] if n]
    db.close()
    at = open_app(OFFICER, "asks", ask="3")
    shown = [as_read(m.value) for m in notes_in_full(at).markdown]
    assert len(notes) >= 2
    for note in notes:
        assert sum(" ".join(note.split()) in text for text in shown) == 1, note
    assert str(len(notes)) in notes_in_full(at).label


def test_a_corrected_entry_s_note_says_it_was_corrected(long_note):
    """Under the table a corrected entry's note must not read as one still in force: its
    heading says what the table's Entry column says ("#7 · corrected by #9")."""
    path, entry = long_note
    db = open_db(path)
    with acting_as(Actor(email=OFFICER, role="officer", name="Olga Ortiz", via="test")):
        fixed = records.record_status_update(
            db,
            3,
            "stalled",
            effective_date=today().isoformat(),
            note="Corrected: the reform was not tabled.",
            supersedes_id=entry,
        )
    db.close()
    at = open_app(OFFICER, "asks", ask="3")
    texts = [as_read(m.value) for m in notes_in_full(at).markdown]
    old = [t for t in texts if LONG_NOTE in t]
    assert old and f"corrected by #{fixed['id']}" in old[0], old
    new = [t for t in texts if "the reform was not tabled" in t]
    assert new and f"corrects #{entry}" in new[0], new
