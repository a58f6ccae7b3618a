"""Add a letter's "Row N" sentences number the rows as the review table shows them (QA
2026-12-03): a row emptied in the table is left out of what Accept stores, and the rows after
it were then counted without it, so a problem in the table's row 2 was said as "Row 1".
tests/test_intake_row_numbers_browser.py walks the same in a real browser."""

from __future__ import annotations

import pytest
import test_intake_page as intake_page
from appkit import open_app
from dbkit import dump_file

from tracker import intake
from tracker.auth import Actor, acting_as
from tracker.errors import FormErrors

EDITOR = "intake_asks_1_0"
app_db, pasted, OFFICER = intake_page.app_db, intake_page.pasted, intake_page.OFFICER
EMPTIED = {"title": "", "passage": "", "same_as": 0}  # row 1 emptied, not deleted


def errors(at) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]


def test_a_problem_after_an_emptied_row_is_said_with_the_rows_number_in_the_table(app_db):
    at = pasted(open_app(OFFICER, "add_letter"))
    before = dump_file(app_db)
    at.session_state[EDITOR] = {
        "edited_rows": {0: EMPTIED, 1: {"title": ""}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    said = " ".join(errors(at))
    assert "Row 2: title is required." in said, said
    assert "Row 1" not in said
    assert dump_file(app_db) == before


def test_an_unowned_row_after_an_emptied_row_is_warned_by_its_number(app_db):
    at = pasted(open_app(OFFICER, "add_letter"))
    at.session_state[EDITOR] = {
        "edited_rows": {0: EMPTIED, 1: {"owner": None}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    warned = " ".join(w.value for w in at.warning)
    assert "Row 2 (a new ask) has no owner" in warned, warned


def test_accept_draft_skips_empty_rows_and_keeps_the_numbers_it_was_given(db_path, demo_db):
    """The tracker itself leaves an empty row out (as add_letter_with_asks does) and says a
    later row's problem by its place in the rows given, as the table shows it."""
    letter = {
        "title": "A letter with an empty row",
        "date_sent": "2024-03-01",
        "author_org": "Test NGO",
        "full_text": "We urge you to act. We also ask you to fund legal aid.",
    }
    rows = [
        {"keep": True, "title": "", "passage": "", "owner": "", "same_as": None},
        {
            "keep": True,
            "title": "",
            "passage": "We also ask you to fund legal aid.",
            "target": "Ministry of Justice",
            "theme": "Justice",
            "country": "Mexico",
        },
    ]
    with acting_as(Actor(email="olga@example.org", role="officer", via="test")):
        with pytest.raises(FormErrors) as refused:
            intake.accept_draft(demo_db, letter, rows)
        assert refused.value.errors == {"asks[2].title": "Row 2: title is required."}
        assert intake.unowned(rows) == [2]
        rows[1]["title"] = "Fund legal aid"
        rows[1]["owner"] = "Olga"
        letter_id, new, linked = intake.accept_draft(demo_db, letter, rows)
    assert len(new) == 1 and linked == []
    assert demo_db.conn.execute(
        "SELECT COUNT(*) FROM letter_asks WHERE letter_id = ?", (letter_id,)
    ).fetchone() == (1,)
