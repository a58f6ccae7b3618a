"""Record an update offers to correct the entry it just recorded (QA 2026-12-03: an officer who
saw a typo in the confirmation had to go to the ask's page and pick the entry there); the
correction it opens supersedes that entry."""

from __future__ import annotations

import test_form_pages as form_pages

from tracker.db import open_db
from tracker.latest import latest_status_entry

app_db, button, errors, update_form = (
    form_pages.app_db,
    form_pages.button,
    form_pages.errors,
    form_pages.update_form,
)


def test_the_entry_just_recorded_can_be_corrected_in_one_click(app_db):
    at = update_form(status="stalled", date="2026-11-02", note="Talks stalled in Novmber.")
    button(at, "Record update").click().run()
    assert not at.exception and not errors(at)
    db = open_db(app_db)
    recorded = latest_status_entry(db, 3, "outcome")
    db.close()
    button(at, f"Correct entry #{recorded['id']}").click().run()
    assert not at.exception
    assert any(f"Correcting entry #{recorded['id']}" in i.value for i in at.info)
    assert at.text_area(key="upd_note").value == "Talks stalled in Novmber."
    at.text_area(key="upd_note").input("Talks stalled in November (typo fixed).")
    button(at, "Record correction").click().run()
    assert not at.exception and not errors(at)
    fixed, supersedes = form_pages.latest_and_what_it_corrects(app_db, 3)
    assert (fixed["kind"], supersedes) == ("correction", recorded["id"])
    # the offer follows the entry recorded last: now the correction
    offered = [b.label for b in at.button if (b.label or "").startswith("Correct entry")]
    assert offered == [f"Correct entry #{fixed['id']}"]


def test_the_offer_is_for_the_ask_it_was_recorded_for_only(app_db):
    at = update_form(status="stalled", date="2026-11-02", note="Stalled.")
    button(at, "Record update").click().run()
    assert [b for b in at.button if (b.label or "").startswith("Correct entry")]
    at.selectbox(key="upd_ask").set_value(5).run()
    assert not [b for b in at.button if (b.label or "").startswith("Correct entry")]
