"""Issue 10's form rules on the pages, through AppTest: typed dates saved as typed or refused
next to the field, every error at once, limits said and enforced, the stale-form warning with
its explicit confirmation, indicator values against their unit, the admin's earliest date.
(AppTest sets widget values directly; test_form_browser.py types them like a person.)"""

from __future__ import annotations

import pytest
from appkit import button, open_app, unescaped
from dbkit import demo_database, dump_file
from streamlit.testing.v1 import AppTest

from tracker import limits, records, users
from tracker.auth import Actor, acting_as
from tracker.dates import today
from tracker.db import open_db
from tracker.latest import latest_status_entry

OFFICER = "officer@example.org"
ADMIN = "admin@example.org"


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    people = [(OFFICER, "officer", "Olga Officer"), (ADMIN, "admin", "Ada Admin")]
    path = demo_database(tmp_path / "demo.db", people, "correct horse 1")
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def errors(at: AppTest) -> list[str]:
    return [unescaped(e.value) for e in at.error]


def latest_and_what_it_corrects(path, ask_id: int) -> tuple[dict, int | None]:
    """The ask's latest outcome entry and the id of the entry it corrects (None if none)."""
    db = open_db(path)
    latest = latest_status_entry(db, ask_id, "outcome")
    (supersedes,) = db.conn.execute(
        "SELECT supersedes_id FROM status_updates WHERE id = ?", (latest["id"],)
    ).fetchone()
    db.close()
    return latest, supersedes


def update_form(ask: str = "3", **typed: str) -> AppTest:
    at = open_app(OFFICER, "record_update", ask=ask)
    if "status" in typed:
        at.selectbox(key="upd_status").set_value(typed["status"])
    for field in ("date", "note", "evidence"):
        if field in typed:
            widget = at.text_area if field == "note" else at.text_input
            widget(key=f"upd_{field}").input(typed[field])
    return at


def confirm_before_added(at: AppTest) -> AppTest:
    """Record an update dated before the ask was added: held back once, then confirmed."""
    button(at, "Record update").click().run()
    at.checkbox(key="upd_before_ok").check()
    button(at, "Record update").click().run()
    return at


def test_an_update_dated_2015_is_saved_with_that_date(app_db):
    at = update_form(status="in_progress", date="2015-03-01", note="Background entry.")
    confirm_before_added(at)  # ask 3 was first asked in 2018: a background entry
    assert not at.exception
    assert not errors(at)
    db = open_db(app_db)
    assert latest_status_entry(db, 3, "outcome")["effective_date"] == "2015-03-01"
    db.close()


def test_an_update_dated_before_the_ask_was_added_is_held_for_confirmation(app_db):
    """QA 1: a date years before the ask was first asked (a mistyped year looks the same) is
    not saved at once: the form says so under the date, and saves it only once the officer
    ticks that it is meant (views before the ask's added date never show the entry)."""
    before = dump_file(app_db)
    at = update_form(status="in_progress", date="2015-03-01", note="Embassy staff said so.")
    assert not at.checkbox  # nothing to confirm until a date before the ask is typed
    button(at, "Record update").click().run()
    assert not at.exception
    assert dump_file(app_db) == before
    (said,) = [w for w in map(unescaped, (w.value for w in at.warning)) if "2015-03-01" in w]
    assert "2018-07-11" in said and "first asked" in said
    assert at.text_input(key="upd_date").value == "2015-03-01"  # nothing typed is lost
    assert at.text_area(key="upd_note").value == "Embassy staff said so."
    button(at, "Record update").click().run()  # submitting again is not the confirmation
    assert dump_file(app_db) == before
    at.checkbox(key="upd_before_ok").check()
    button(at, "Record update").click().run()
    assert not at.exception and not errors(at)
    db = open_db(app_db)
    saved = latest_status_entry(db, 3, "outcome")
    db.close()
    assert (saved["effective_date"], saved["note"]) == ("2015-03-01", "Embassy staff said so.")


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("1800-01-01", "from 1970-01-01 to"),
        ("2019-02-30", "February 2019 has 28 days"),
        ("01/03/2015", "YYYY-MM-DD"),
    ],
)
def test_a_typed_date_out_of_range_or_impossible_saves_nothing(app_db, typed, fragment):
    before = dump_file(app_db)
    at = update_form(status="in_progress", date=typed, note="n")
    button(at, "Record update").click().run()
    assert not at.exception
    (message,) = errors(at)
    assert typed in message and fragment in message
    assert not at.success
    assert dump_file(app_db) == before


def test_every_problem_of_the_update_form_shows_at_once(app_db):
    before = dump_file(app_db)
    at = update_form(date="2019-02-30", evidence="javascript:alert(1)", note="x" * 10_001)
    button(at, "Record update").click().run()
    shown = errors(at)
    assert len(shown) == 4, shown
    assert any(m.startswith("Status is required") for m in shown)
    assert any("February 2019" in m for m in shown)
    assert any("Evidence URL" in m for m in shown)
    assert any("10,001 characters" in m and "10,000" in m for m in shown)
    assert dump_file(app_db) == before


def test_the_update_form_says_the_limits_next_to_the_fields(app_db):
    at = open_app(OFFICER, "record_update", ask="3")
    assert "10,000 characters" in at.text_area(key="upd_note").help
    assert "YYYY-MM-DD, from 1970-01-01 to" in at.text_input(key="upd_date").help


def test_a_colleagues_update_since_the_form_opened_asks_for_confirmation(app_db):
    at = update_form(ask="7", status="stalled", note="B: the committee stalled it.")
    db = open_db(app_db)
    with acting_as(Actor(email=OFFICER, role="officer", name="Olga Officer", via="test")):
        theirs = records.record_status_update(
            db, 7, "in_progress", effective_date=today().isoformat(), note="A: bill tabled."
        )
    db.close()
    before = dump_file(app_db)
    button(at, "Record update").click().run()
    assert not at.exception
    (warning,) = [unescaped(w.value) for w in at.warning if "Not saved" in w.value]
    for fragment in ("Olga Officer", "In progress", today().isoformat(), "A: bill tabled", "#"):
        assert fragment in warning, fragment
    assert dump_file(app_db) == before

    button(at, "Record update").click().run()  # submitting again is not the confirmation
    assert dump_file(app_db) == before

    button(at, "Record mine anyway").click().run()
    assert not at.exception
    db = open_db(app_db)
    mine = latest_status_entry(db, 7, "outcome")
    db.close()
    assert mine["id"] > theirs["id"]
    assert (mine["status"], mine["note"]) == ("stalled", "B: the committee stalled it.")
    assert any("Update recorded" in s.value for s in at.success)
    assert not [w for w in at.warning if "Not saved" in w.value]


def test_discarding_after_the_warning_saves_nothing(app_db):
    at = update_form(ask="7", status="stalled", note="B again.")
    db = open_db(app_db)
    records.record_status_update(db, 7, "in_progress", effective_date="2024-03-01", note="A.")
    db.close()
    button(at, "Record update").click().run()
    before = dump_file(app_db)
    button(at, "Discard mine").click().run()
    assert dump_file(app_db) == before
    assert not [w for w in at.warning if "Not saved" in w.value]
    assert at.text_area(key="upd_note").value == ""


def by_hand(at: AppTest) -> AppTest:
    """Add a letter, typed in by hand (the page's way for a letter with no text to draft)."""
    button(at, "Or type a letter in by hand").click().run()
    return at


def test_the_letter_form_shows_all_its_errors_by_field(app_db):
    before = dump_file(app_db)
    at = by_hand(open_app(OFFICER, "add_letter"))
    at.text_input(key="il_date_1").input("2019-02-30")
    at.text_input(key="il_url_1").input("ftp://example.org")
    button(at, "Accept").click().run()
    shown = errors(at)
    assert len(shown) == 5, shown  # each next to its own field, and what to do
    assert shown[0] == "Give the letter a title."
    assert any("February 2019" in m for m in shown)
    assert any("organization that wrote the letter" in m for m in shown)
    assert any("ftp://example.org" in m for m in shown)
    assert shown[-1].startswith("Nothing was saved")
    assert dump_file(app_db) == before


def test_a_letter_text_over_the_limit_is_refused_next_to_the_box(app_db):
    before = dump_file(app_db)
    at = open_app(OFFICER, "add_letter")
    at.text_area(key="intake_text").input("w " * (limits.LETTER_TEXT // 2 + 1))
    button(at, "Draft the asks").click().run()
    assert any("characters" in m for m in errors(at)), errors(at)
    assert "intake_draft" not in at.session_state
    assert dump_file(app_db) == before


def test_the_letter_form_accepts_a_typed_2015_date(app_db):
    at = by_hand(open_app(OFFICER, "add_letter"))
    at.text_input(key="il_title_1").input("Background letter")
    at.text_input(key="il_date_1").input("2015-03-01")
    at.text_input(key="il_author_1").input("WOLA")
    button(at, "Accept").click().run()
    assert not errors(at)
    db = open_db(app_db)
    (date_sent,) = db.conn.execute(
        "SELECT date_sent FROM letters WHERE title = 'Background letter'"
    ).fetchone()
    db.close()
    assert date_sent == "2015-03-01"


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [("1,234.5", "as 1234.5"), ("1,5", "(1.5)"), ("140", "from 0 to 100")],
)
def test_a_percentage_observation_is_checked_against_its_unit(app_db, typed, fragment):
    db = open_db(app_db)
    (indicator,) = db.conn.execute("SELECT id FROM indicators WHERE unit LIKE '%\\%%' ESCAPE '\\'"
                                   " LIMIT 1").fetchone()  # fmt: skip
    db.close()
    before = dump_file(app_db)
    at = open_app(OFFICER, "indicators", indicator=str(indicator))
    assert "percentage, from 0 to 100" in at.text_input(key="obs_value").help
    at.text_input(key="obs_value").input(typed)
    at.text_input(key="obs_date").input("2024-06-30")
    button(at, "Add observation").click().run()
    (message,) = errors(at)
    assert fragment in message
    assert dump_file(app_db) == before


def _journalists(app_db) -> tuple[int, list[tuple]]:
    """The RSF journalists indicator's id and its 2023-12-31 values (the demo holds 4)."""
    db = open_db(app_db)
    (indicator,) = db.conn.execute(
        "SELECT id FROM indicators WHERE name LIKE 'Journalists killed%'"
    ).fetchone()
    values = db.conn.execute(
        "SELECT value, source_url FROM observations WHERE indicator_id = ? AND date = ?",
        (indicator, "2023-12-31"),
    ).fetchall()
    db.close()
    return indicator, values


def _observe(app_db, value: str, *, correct: bool = False) -> AppTest:
    indicator, _ = _journalists(app_db)
    at = open_app(OFFICER, "indicators", indicator=str(indicator))
    at.text_input(key="obs_value").input(value)
    at.text_input(key="obs_date").input("2023-12-31")
    if correct:
        at.checkbox(key="obs_correct").check()
    button(at, "Add observation").click().run()
    return at


def test_a_second_value_for_a_date_is_refused_next_to_the_date_naming_the_first(app_db):
    before = dump_file(app_db)
    at = _observe(app_db, "8")
    (message,) = errors(at)
    assert "2023-12-31 already has the value 4" in message
    assert "lapalabranoticias.com" in message and "correct" in message
    assert dump_file(app_db) == before
    assert at.text_input(key="obs_value").value == "8"  # what was typed is kept


def test_a_ticked_correction_replaces_the_dates_value(app_db):
    at = _observe(app_db, "5", correct=True)
    assert not errors(at)
    _, values = _journalists(app_db)
    assert [value for value, _ in values] == [5.0]


def test_an_administrator_moves_the_earliest_date_from_the_users_page(app_db):
    at = open_app(ADMIN, "users")
    at.text_input(key="earliest_date").input("1950-01-01")
    button(at, "Save earliest date").click().run()
    assert not errors(at)
    at = update_form(status="in_progress", date="1960-05-01", note="Archive.")
    assert "from 1950-01-01 to" in at.text_input(key="upd_date").help
    confirm_before_added(at)
    assert not errors(at)
    db = open_db(app_db)
    assert latest_status_entry(db, 3, "outcome")["effective_date"] == "1960-05-01"
    db.close()


def test_signed_out_elsewhere_mid_form_says_so_and_gives_the_typed_update_back(app_db):
    """QA 5: signed out in another tab (or the session ended) while filling in the update
    form, "Record update" saves nothing; the sign-in page says why, and signing in again
    brings back what was typed, to record it."""
    at = open_app(None)
    at.text_input(key="signin_email").input(OFFICER)
    at.text_input(key="signin_password").input("correct horse 1")
    button(at, "Sign in").click().run()
    token = at.session_state["session_token"]
    at.switch_page("webapp/pages/record_update.py")
    at.query_params["ask"] = "6"
    at.run()
    note = "Ana typed a long careful note before being signed out elsewhere."
    at.selectbox(key="upd_status").set_value("stalled")
    at.text_area(key="upd_note").input(note)
    db = open_db(app_db)
    users.end_session(db, token)  # "Sign out" in another tab of the same browser
    db.close()
    before = dump_file(app_db)
    button(at, "Record update").click().run()
    assert not at.exception
    assert dump_file(app_db) == before
    assert at.title[0].value == "Sign in to Advocacy Tracker"
    (said,) = [w.value for w in at.warning if "signed out" in w.value]
    assert "Nothing was saved" in said and "comes back" in said
    at.text_input(key="signin_email").input(OFFICER)
    at.text_input(key="signin_password").input("correct horse 1")
    button(at, "Sign in").click().run()
    assert not at.exception
    assert at.title[0].value == "Record an update"
    assert at.text_area(key="upd_note").value == note
    assert at.selectbox(key="upd_status").value == "stalled"
    button(at, "Record update").click().run()
    db = open_db(app_db)
    saved = latest_status_entry(db, 6, "outcome")
    db.close()
    assert (saved["status"], saved["note"]) == ("stalled", note)


def test_an_officer_corrects_a_mistaken_entry_from_the_ask_page(app_db):
    """QA 21: a mistaken entry (a typed 2019 for 2026) could be corrected only from the CLI.
    The ask page offers "Correct an entry"; the update form opens filled in with that entry,
    and what it records supersedes it (the old one stays in the history, corrected)."""
    db = open_db(app_db)
    with acting_as(Actor(email=OFFICER, role="officer", name="Olga Officer", via="test")):
        wrong = records.record_status_update(
            db, 3, "in_progress", effective_date="2024-05-01", note="Talks began (typo'd date)."
        )
    db.close()
    page = open_app(OFFICER, "asks", ask="3")
    page.selectbox(key="correct_pick_3").set_value(wrong["id"]).run()
    (link,) = [p for p in page.get("page_link") if "Correct" in p.proto.label]
    assert link.proto.label == f"Correct entry #{wrong['id']}"
    assert link.proto.query_string == f"ask=3&correct={wrong['id']}"

    at = open_app(OFFICER, "record_update", ask="3", correct=str(wrong["id"]))
    assert not at.exception
    assert any(f"Correcting entry #{wrong['id']}" in unescaped(i.value) for i in at.info)
    assert at.selectbox(key="upd_status").value == "in_progress"
    assert at.text_input(key="upd_date").value == "2024-05-01"
    at.text_input(key="upd_date").input("2025-05-01")
    at.text_area(key="upd_note").input("Talks began in 2025: the earlier entry had 2024.")
    button(at, "Record correction").click().run()
    assert not at.exception and not errors(at)
    fixed, supersedes = latest_and_what_it_corrects(app_db, 3)
    assert (fixed["effective_date"], fixed["kind"], supersedes) == (
        "2025-05-01",
        "correction",
        wrong["id"],
    )
    assert "correct" not in at.query_params  # the form is back to recording new entries


def test_record_mine_anyway_refused_by_a_rule_leaves_only_the_error_by_the_field(app_db):
    """QA 20 (the rest): a colleague adds 7 for 2025-12-31 while this form is open with 9 for
    that date. The two-people guard stops it; "Record mine anyway" is then refused by the rule
    of one value per date, next to the Date field. The warning and its two buttons go: they
    offered a choice the rule has already answered. The typed value stays in the form."""
    indicator, _ = _journalists(app_db)
    at = open_app(OFFICER, "indicators", indicator=str(indicator))
    at.text_input(key="obs_value").input("9")
    at.text_input(key="obs_date").input("2025-12-31")
    db = open_db(app_db)
    with acting_as(Actor(email=ADMIN, role="admin", name="Ada Admin", via="test")):
        records.record_observation(
            db, indicator, 7, date="2025-12-31", source_url="https://rsf.org"
        )
    db.close()
    button(at, "Add observation").click().run()
    assert [w for w in at.warning if "Not saved" in w.value]
    before = dump_file(app_db)

    button(at, "Record mine anyway").click().run()
    assert not at.exception
    (message,) = errors(at)
    assert "2025-12-31 already has the value 7" in message
    assert dump_file(app_db) == before
    at.run()  # whatever the person does next
    assert not [w for w in at.warning if "Not saved" in w.value]
    assert not [b for b in at.button if b.label in ("Record mine anyway", "Discard mine")]
    assert at.text_input(key="obs_value").value == "9"


def test_an_added_observation_is_said_at_the_top_after_the_page_redraws(app_db):
    """The page reruns after the write (its chart and tiles were drawn before it), which lost a
    toast: the confirmation is a message at the top of the redrawn page."""
    indicator, _ = _journalists(app_db)
    at = open_app(OFFICER, "indicators", indicator=str(indicator))
    at.text_input(key="obs_value").input("7")
    at.text_input(key="obs_date").input("2025-06-30")
    button(at, "Add observation").click().run()
    assert not at.exception
    said = [s.value for s in at.success]
    assert any("Added 7 on 2025-06-30" in s for s in said), said
    at.run()  # the next run of the page no longer says it
    assert not any("Added 7" in s.value for s in at.success)


@pytest.mark.parametrize(("typed", "said"), [("81250", "81,250"), ("007", "7")])
def test_an_added_observation_is_said_as_the_tiles_write_it(app_db, typed, said):
    """The confirmation wrote the value as typed ("Added 81250") beside tiles reading
    "81,250": one way to write a number across the app."""
    indicator, _ = _journalists(app_db)
    at = open_app(OFFICER, "indicators", indicator=str(indicator))
    at.text_input(key="obs_value").input(typed)
    at.text_input(key="obs_date").input("2025-06-30")
    button(at, "Add observation").click().run()
    assert not at.exception
    assert any(f"Added {said} on 2025-06-30" in s.value for s in at.success), [
        s.value for s in at.success
    ]
