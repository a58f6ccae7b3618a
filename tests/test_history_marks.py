"""An ask's history as an officer reads it (AppTest): a corrected entry says so in the row's
first column (the part a 375 px phone shows before it scrolls), and each entry names who
recorded it by the person's name, their email only where no name is known."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import demo_database

from tracker import records
from tracker.auth import Actor, acting_as
from tracker.dates import today
from tracker.db import open_db
from tracker.history import ask_history

OFFICER = "olga@example.org"
NAMELESS = "nameless@example.org"


@pytest.fixture
def corrected(tmp_path, monkeypatch):
    """Ask 3 with an entry by Olga that she then corrected, and one by an officer with no
    name on record."""
    path = demo_database(
        tmp_path / "marks.db",
        [(OFFICER, "officer", "Olga Ortiz"), (NAMELESS, "officer", "")],
        "correct horse 1",
    )
    db = open_db(path)
    on = today().isoformat()
    with acting_as(Actor(email=OFFICER, role="officer", name="Olga Ortiz", via="test")):
        wrong = records.record_status_update(db, 3, "reversed", effective_date=on, note="Oops.")
        right = records.record_status_update(
            db,
            3,
            "partially_achieved",
            effective_date=on,
            note="Wrong status.",
            supersedes_id=wrong["id"],
        )
    with acting_as(Actor(email=NAMELESS, role="officer", name="", via="test")):
        records.record_status_update(db, 3, "partially_achieved", effective_date=on)
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path, wrong["id"], right["id"]


def history_table(at):
    return next(t.value for t in at.dataframe if "effective_date" in t.value.columns)


def test_a_corrected_entry_says_so_in_the_rows_first_column(corrected):
    _, wrong, right = corrected
    at = open_app(OFFICER, "asks", ask="3")
    assert not at.exception
    table = history_table(at)
    first = table.columns[0]
    marks = {int(text.split()[0].lstrip("#")): text for text in table[first]}
    assert f"corrected by #{right}" in marks[wrong].lower(), marks[wrong]
    assert f"corrects #{wrong}" in marks[right].lower(), marks[right]


def test_the_history_names_who_recorded_each_entry(corrected):
    _, wrong, _ = corrected
    at = open_app(OFFICER, "asks", ask="3")
    assert not at.exception
    table = history_table(at)
    who = set(table["recorded_by_name"])
    assert "Olga Ortiz" in who and NAMELESS in who
    assert OFFICER not in who


def test_the_public_history_names_nobody(corrected):
    path, _, _ = corrected
    db = open_db(path)
    public = ask_history(db, 3, public_only=True)
    assert "recorded_by_name" not in public.columns
    assert "Olga Ortiz" not in public.astype(str).to_numpy()
