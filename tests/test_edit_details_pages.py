"""The *Edit details* forms on an ask's and a letter's page, through AppTest: who sees them,
prefilled values, a save and its message, errors under their fields with nothing written,
a new value typed for a picker, a colleague's edit meanwhile, and a sign-out elsewhere."""

from __future__ import annotations

import json

import pytest
from appkit import button, open_app, unescaped
from dbkit import demo_database, dump_file
from streamlit.testing.v1 import AppTest

from tracker import records, users
from tracker.auth import Actor, acting_as
from tracker.db import open_db
from tracker.history import get_ask
from tracker.letters import get_letter

OFFICER, ADMIN = "officer@example.org", "admin@example.org"
LEADER, DONOR = "leader@example.org", "donor@example.org"
PASSWORD = "correct horse 1"
BEN = Actor(email="ben@example.org", role="officer", name="Ben Ortiz", via="test")


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    people = [
        (OFFICER, "officer", "Olga Officer"),
        (ADMIN, "admin", "Ada Admin"),
        (LEADER, "leadership", "Lee Leader"),
        (DONOR, "donor", "Dana Donor"),
        (BEN.email, "officer", "Ben Ortiz"),
    ]
    path = demo_database(tmp_path / "demo.db", people, PASSWORD)
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def stored(path, read, record_id: int) -> dict:
    db = open_db(path)
    try:
        return read(db, record_id)
    finally:
        db.close()


def said(at: AppTest, kind: str = "success") -> list[str]:
    return [unescaped(e.value) for e in at.get(kind)]


def edit_expanders(at: AppTest) -> list:
    return [e for e in at.expander if e.label == "Edit details"]


@pytest.mark.parametrize("who, sees", [(OFFICER, True), (ADMIN, True), (LEADER, False)])
def test_only_officers_and_admins_see_the_forms(app_db, who, sees):
    for page, param in (("asks", {"ask": "1"}), ("letters", {"letter": "1"})):
        at = open_app(who, page, **param)
        assert not at.exception
        assert bool(edit_expanders(at)) is sees, (who, page)
        assert any((w.key or "").startswith("edit_") for w in at.text_input) is sees


def test_the_ask_form_is_prefilled_and_saves_a_new_owner_and_theme(app_db):
    ask = stored(app_db, get_ask, 1)
    at = open_app(OFFICER, "asks", ask="1")
    assert at.text_input(key="edit_ask_1_title").value == ask["title"]
    assert at.selectbox(key="edit_ask_1_theme").value == ask["theme"]
    assert at.selectbox(key="edit_ask_1_owner").value == ask["owner"]
    assert at.radio(key="edit_ask_1_priority").value == ask["priority"]
    themes = at.selectbox(key="edit_ask_1_theme").options
    other = next(t for t in themes if t not in (ask["theme"], "new…"))
    at.selectbox(key="edit_ask_1_theme").set_value(other)
    at.selectbox(key="edit_ask_1_owner").set_value("new…").run()
    at.text_input(key="edit_ask_1_owner_new").input("Ben Ortiz")
    button(at, "Save details").click().run()
    assert not at.exception and not at.error
    (message,) = said(at)
    assert message.startswith("Details saved.")
    assert f"Owner: \u201c{ask['owner']}\u201d → \u201cBen Ortiz\u201d" in message
    assert f"Theme: \u201c{ask['theme']}\u201d → \u201c{other}\u201d" in message
    after = stored(app_db, get_ask, 1)
    assert (after["owner"], after["theme"], after["title"]) == ("Ben Ortiz", other, ask["title"])
    page = "\n".join(unescaped(m.value) for m in at.markdown)
    assert "**Owner:** Ben Ortiz" in page and f"**Theme:** {other}" in page
    # the form shows the new values, "Ben Ortiz" now one of the owners in use
    assert at.selectbox(key="edit_ask_1_owner").value == "Ben Ortiz"
    assert at.selectbox(key="edit_ask_1_theme").value == other


def test_bad_details_are_said_under_their_fields_and_write_nothing(app_db):
    before = dump_file(app_db)
    at = open_app(OFFICER, "asks", ask="1")
    at.text_input(key="edit_ask_1_title").input("")
    at.selectbox(key="edit_ask_1_country").set_value("new…").run()
    at.text_input(key="edit_ask_1_country_new").input("c" * 201)
    button(at, "Save details").click().run()
    assert not at.exception
    errors = said(at, "error")
    assert any(e.startswith("Title is required") for e in errors)
    assert any("201 characters" in e for e in errors)
    assert dump_file(app_db) == before
    assert at.text_input(key="edit_ask_1_country_new").value == "c" * 201  # kept as typed
    untouched = open_app(OFFICER, "asks", ask="1")
    button(untouched, "Save details").click().run()
    assert any(e.startswith("Nothing to save") for e in said(untouched, "error"))
    assert dump_file(app_db) == before


def test_a_colleagues_edit_meanwhile_is_named_and_mine_kept_then_saved_anyway(app_db):
    at = open_app(OFFICER, "asks", ask="1")
    at.text_input(key="edit_ask_1_title").input("Olga's better title")
    db = open_db(app_db)
    with acting_as(BEN):
        records.edit_ask(db, 1, owner="Ben Ortiz")
    db.close()
    before = dump_file(app_db)
    button(at, "Save details").click().run()
    assert not at.exception
    assert dump_file(app_db) == before
    (warning,) = [w for w in said(at, "warning") if "someone else changed" in w]
    assert "Ben Ortiz (ben@example.org) changed ask 1" in warning
    assert "owner is now \u201cBen Ortiz\u201d" in warning
    assert at.text_input(key="edit_ask_1_title").value == "Olga's better title"
    assert at.selectbox(key="edit_ask_1_owner").value == "Ben Ortiz"  # theirs, shown
    button(at, "Save mine anyway").click().run()
    assert not at.exception
    after = stored(app_db, get_ask, 1)
    assert (after["title"], after["owner"]) == ("Olga's better title", "Ben Ortiz")
    assert said(at)[0].startswith("Details saved. Title:")


def test_discard_mine_shows_what_is_stored(app_db):
    at = open_app(OFFICER, "asks", ask="1")
    at.text_input(key="edit_ask_1_title").input("Mine")
    db = open_db(app_db)
    with acting_as(BEN):
        records.edit_ask(db, 1, title="Ben's title")
    db.close()
    button(at, "Save details").click().run()
    button(at, "Discard mine").click().run()
    assert not at.exception
    assert at.text_input(key="edit_ask_1_title").value == "Ben's title"
    assert not [w for w in said(at, "warning") if "someone else changed" in w]


def test_the_letter_form_corrects_the_date_and_cosigners(app_db):
    letter = stored(app_db, get_letter, 1)
    at = open_app(OFFICER, "letters", letter="1")
    assert at.text_input(key="edit_letter_1_date_sent").value == letter["date_sent"]
    assert at.text_input(key="edit_letter_1_author_org").value == letter["author_org"]
    at.text_input(key="edit_letter_1_date_sent").input("2018-06-01")
    at.text_area(key="edit_letter_1_cosigners").input("Group A\nGroup B\n")
    button(at, "Save details").click().run()
    assert not at.exception and not at.error
    (message,) = said(at)
    assert "Date sent: \u201c" + letter["date_sent"] + "\u201d → \u201c2018-06-01\u201d" in message
    assert "is now made since 2018-06-01" in message
    after = stored(app_db, get_letter, 1)
    assert (after["date_sent"], json.loads(after["cosigners"])) == (
        "2018-06-01",
        ["Group A", "Group B"],
    )
    page = "\n".join(m.value for m in at.markdown)
    assert "**Sent:** 2018-06-01" in page and "**Co-signed by:** Group A, Group B" in page


def test_a_bad_letter_date_is_said_under_the_field(app_db):
    before = dump_file(app_db)
    at = open_app(OFFICER, "letters", letter="1")
    at.text_input(key="edit_letter_1_date_sent").input("2018-02-30")
    at.text_input(key="edit_letter_1_url").input("javascript:alert(1)")
    button(at, "Save details").click().run()
    errors = said(at, "error")
    assert any("date sent" in e.lower() for e in errors)
    assert any("not a web address" in e for e in errors)
    assert dump_file(app_db) == before


def test_signed_out_elsewhere_mid_edit_gives_the_typed_details_back(app_db):
    at = open_app(None)
    at.text_input(key="signin_email").input(OFFICER)
    at.text_input(key="signin_password").input(PASSWORD)
    button(at, "Sign in").click().run()
    token = at.session_state["session_token"]
    at.switch_page("webapp/pages/asks.py")
    at.query_params["ask"] = "2"
    at.run()
    at.text_input(key="edit_ask_2_title").input("A title typed before the sign-out")
    db = open_db(app_db)
    users.end_session(db, token)
    db.close()
    before = dump_file(app_db)
    button(at, "Save details").click().run()
    assert dump_file(app_db) == before
    assert at.title[0].value == "Sign in to Advocacy Tracker"
    at.text_input(key="signin_email").input(OFFICER)
    at.text_input(key="signin_password").input(PASSWORD)
    button(at, "Sign in").click().run()
    assert not at.exception
    assert at.text_input(key="edit_ask_2_title").value == "A title typed before the sign-out"
    button(at, "Save details").click().run()
    assert stored(app_db, get_ask, 2)["title"] == "A title typed before the sign-out"


def test_a_letter_form_opened_before_a_colleagues_edit_says_so_and_keeps_mine(app_db):
    at = open_app(OFFICER, "letters", letter="1")
    at.text_input(key="edit_letter_1_title").input("Olga's letter title")
    db = open_db(app_db)
    with acting_as(BEN):
        records.edit_letter(db, 1, recipient_office="Office of the President")
    db.close()
    before = dump_file(app_db)
    button(at, "Save details").click().run()
    assert dump_file(app_db) == before
    (warning,) = [w for w in said(at, "warning") if "someone else changed" in w]
    assert "Ben Ortiz (ben@example.org) changed letter 1" in warning
    assert at.text_input(key="edit_letter_1_title").value == "Olga's letter title"
    assert at.text_input(key="edit_letter_1_recipient_office").value == "Office of the President"
    button(at, "Save mine anyway").click().run()
    after = stored(app_db, get_letter, 1)
    assert (after["title"], after["recipient_office"]) == (
        "Olga's letter title",
        "Office of the President",
    )


def test_donors_cannot_open_the_pages_that_hold_the_forms(app_db):
    for page, param in (("asks", {"ask": "1"}), ("letters", {"letter": "1"})):
        at = open_app(DONOR, page, **param)
        assert not at.exception
        assert not edit_expanders(at)
        assert not [w for w in at.text_input if (w.key or "").startswith("edit_")]


def test_the_audit_log_page_says_what_a_correction_changed(app_db):
    page = open_app(OFFICER, "asks", ask="1")
    owner = stored(app_db, get_ask, 1)["owner"]
    page.selectbox(key="edit_ask_1_owner").set_value("new…").run()
    page.text_input(key="edit_ask_1_owner_new").input("Ben Ortiz")
    button(page, "Save details").click().run()
    at = open_app(ADMIN, "audit")
    assert not at.exception
    log = at.dataframe[0].value
    row = log[log["action"] == "Ask details corrected"].iloc[0]
    # (the table says the action, then its details: "What happened")
    said = f"Ask details corrected: Owner: \u201c{owner}\u201d → \u201cBen Ortiz\u201d"
    assert row["happened"] == said
