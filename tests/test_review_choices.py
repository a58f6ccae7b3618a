"""Add a letter's review table and an ask without a target, theme or country (QA 2026-12-03:
the pickers offer a blank choice, and nothing said what it does). The blank is Streamlit's: a
picker column that is not ``required`` always offers it, and a ``required`` one makes the
editor hold back a row added with + until every required cell is filled, so Accept stored the
letter without that row and said nothing (seen in Chromium). The columns stay open; the page
says, under the table and before Accept, which new asks still lack one, and Accept refuses
them there with nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from appkit import open_app
from dbkit import demo_app_db, dump_file

from tracker.intake import lacking

OFFICER = "olga@example.org"
LETTER = (Path(__file__).parent / "data" / "journey-letter.txt").read_text(encoding="utf-8")
NEEDED = "New asks need a target, theme and country before Accept"


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    return demo_app_db(tmp_path, monkeypatch, OFFICER, "officer", "Olga")


def pasted():
    at = open_app(OFFICER, "add_letter")
    at.text_area(key="intake_text").input(LETTER)
    next(b for b in at.button if b.label == "Draft the asks").click()
    at.run()
    assert not at.exception
    return at


def emptied(at, column: str, value=None) -> int:
    """The first new-ask row's ``column`` set to ``value`` (as the draft leaves a row it could
    not tell, or the blank choice does), in a new table drawn from the rows: its number."""
    state = at.session_state["intake_draft"]
    row = next(n for n, r in enumerate(state["rows"]) if not r.get("same_as"))
    state["rows"][row][column] = value
    state["table"] = state.get("table", 0) + 1
    at.run()
    assert not at.exception
    return row + 1


def warnings(at) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning]


@pytest.mark.parametrize("column", ["target", "theme", "country"])
def test_the_pickers_stay_open_so_a_row_added_with_plus_reaches_accept(app_db, column):
    at = pasted()
    config = json.loads(at.dataframe[0].proto.columns)[column]
    assert not config.get("required"), config


def test_a_drafted_table_with_every_field_says_nothing(app_db):
    at = pasted()
    rows = at.session_state["intake_draft"]["rows"]
    assert all(r["target"] and r["theme"] and r["country"] for r in rows), rows
    assert not [w for w in warnings(at) if NEEDED in w]


@pytest.mark.parametrize("column", ["target", "theme", "country"])
def test_a_new_ask_without_one_is_said_under_the_table_before_accept(app_db, column):
    at = pasted()
    number = emptied(at, column)
    said = [w for w in warnings(at) if NEEDED in w]
    assert said == [
        f"{NEEDED}: row {number} has no {column}. Pick it in the table, or untick the row."
    ], warnings(at)


def test_two_gaps_in_a_row_are_named_together(app_db):
    at = pasted()
    number = emptied(at, "theme", "")
    emptied(at, "country", "  ")
    said = [w for w in warnings(at) if NEEDED in w]
    assert said and f"row {number} has no theme or country. Pick them" in said[0], said


def test_a_row_same_as_an_existing_ask_needs_none(app_db):
    """A repeated ask keeps its own target, theme and country."""
    at = pasted()
    state = at.session_state["intake_draft"]
    row = next(n for n, r in enumerate(state["rows"]) if r.get("same_as"))
    state["rows"][row]["target"] = None
    state["table"] = state.get("table", 0) + 1
    at.run()
    assert not [w for w in warnings(at) if NEEDED in w]


@pytest.mark.parametrize("column", ["target", "theme", "country"])
def test_accept_refuses_it_next_to_the_table_and_stores_nothing(app_db, column):
    at = pasted()
    number = emptied(at, column)
    before = dump_file(app_db)
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert f"Row {number}: {column} is required." in "\n".join(errors), errors
    assert "Nothing was saved: fix the fields marked above." in errors, errors
    assert dump_file(app_db) == before


def test_lacking_names_each_new_asks_missing_fields_and_skips_repeats_and_unticked_rows():
    rows = [
        {"title": "Fund the commission", "target": "Congress", "theme": "", "country": None},
        {"title": "Repeat", "target": "", "theme": "", "country": "", "same_as": "#4 Old ask"},
        {"title": "Dropped", "target": "", "theme": "", "country": "", "keep": False},
        {"title": "Whole", "target": "Congress", "theme": "Rule of law", "country": "Mexico"},
        {"title": "Bare", "target": " ", "theme": "Rule of law", "country": "Mexico"},
    ]
    assert lacking(rows) == [(1, ["theme", "country"]), (5, ["target"])]
