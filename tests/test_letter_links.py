"""Linking an ask already tracked to a letter from the letter's page (QA 2026-12-02: only the
CLI's ``link-ask`` could): the passage kept, shown on the ask's page, refusals under the field,
nothing written on a refusal, and no form for those who only read."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import demo_database, dump_file

from tracker import records
from tracker.auth import Actor, acting_as
from tracker.db import open_db
from tracker.errors import ValidationError
from tracker.letters import ask_letters

PEOPLE = [
    ("olga@example.org", "officer", "Olga Officer"),
    ("lena@example.org", "leadership", "Lena"),
]
PASSAGE = "We ask again that the families of the 43 students hear what the new inquiry found."


@pytest.fixture
def second_letter(tmp_path, monkeypatch):
    """The demo with a 2022 follow-up letter that has no asks yet: (db file, letter id)."""
    path = demo_database(tmp_path / "demo.db", PEOPLE, "correct horse 1")
    monkeypatch.setenv("TRACKER_DB", str(path))
    db = open_db(path)
    with acting_as(Actor(email="olga@example.org", role="officer", via="test")):
        letter_id = records.add_letter(
            db, title="Follow-up on Ayotzinapa", date_sent="2022-09-26", author_org="WOLA"
        )
    db.close()
    return path, letter_id


def link_button(at):
    return next(b for b in at.button if b.label == "Link the ask")


def test_an_officer_links_a_tracked_ask_with_its_passage(second_letter):
    path, letter_id = second_letter
    at = open_app("olga@example.org", "letters", letter=str(letter_id))
    assert any("No asks are linked" in m.value for m in at.markdown)
    at.selectbox(key=f"link_{letter_id}_ask").set_value(7).run()
    at.text_area(key=f"link_{letter_id}_passage").input(PASSAGE).run()
    link_button(at).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    db = open_db(path)
    made = ask_letters(db, 7)
    db.close()
    row = made[made["letter_id"] == letter_id].iloc[0]
    assert row["passage"] == PASSAGE
    listed = " ".join(m.value for m in at.markdown)
    assert "Ayotzinapa investigation" in listed and "/asks?ask=7" in listed
    assert any("Linked #7 Ayotzinapa investigation" in s.value for s in at.success)
    # the form is empty again, and the linked ask is no longer offered
    assert at.text_area(key=f"link_{letter_id}_passage").value == ""
    assert not any(o.startswith("#7 ") for o in at.selectbox(key=f"link_{letter_id}_ask").options)
    ask_page = open_app("olga@example.org", "asks", ask="7")
    shown = " ".join(m.value for m in ask_page.markdown)
    assert "Follow" in shown and "2022-09-26" in shown  # the letters that made it
    assert "families of the 43 students" in shown  # with this letter's passage


def test_linking_without_an_ask_says_so_under_the_field_and_writes_nothing(second_letter):
    path, letter_id = second_letter
    before = dump_file(path)
    at = open_app("olga@example.org", "letters", letter=str(letter_id))
    at.text_area(key=f"link_{letter_id}_passage").input(PASSAGE).run()
    link_button(at).click().run()
    # (shown through the page's markdown escaping: "makes\\." reads "makes.")
    assert [e.value.replace("\\", "") for e in at.error] == ["Pick the ask this letter makes."]
    assert dump_file(path) == before


def test_a_passage_over_the_limit_is_refused_under_its_field(second_letter):
    path, letter_id = second_letter
    before = dump_file(path)
    at = open_app("olga@example.org", "letters", letter=str(letter_id))
    at.selectbox(key=f"link_{letter_id}_ask").set_value(7).run()
    at.text_area(key=f"link_{letter_id}_passage").input("word " * 3_000).run()
    link_button(at).click().run()
    assert at.error and "passage" in at.error[0].value.lower()
    assert dump_file(path) == before


def test_leadership_reads_the_letter_without_the_form(second_letter):
    _, letter_id = second_letter
    at = open_app("lena@example.org", "letters", letter=str(letter_id))
    assert not at.exception
    assert not [b for b in at.button if b.label == "Link the ask"]


def test_link_ask_refuses_no_ask_picked_in_the_tracker_itself(second_letter):
    """The form's empty picker is refused by records.link_ask, not only by the page."""
    path, letter_id = second_letter
    before = dump_file(path)
    db = open_db(path)
    with (
        acting_as(Actor(email="olga@example.org", role="officer", via="test")),
        pytest.raises(ValidationError) as refused,
    ):
        records.link_ask(db, letter_id, None, PASSAGE)
    db.close()
    assert (refused.value.message, refused.value.field) == (
        "Pick the ask this letter makes.",
        "ask",
    )
    assert dump_file(path) == before


def test_an_ask_a_colleague_linked_meanwhile_is_refused_and_their_passage_kept(second_letter):
    """QA 2026-12-03: two officers on one letter's page link the same ask; the second's link
    silently replaced the first one's passage (records.link_ask updates a passage when asked
    to, as ``tracker link-ask`` does). The form only adds: it says the ask is linked already."""
    path, letter_id = second_letter
    at = open_app("olga@example.org", "letters", letter=str(letter_id))
    at.selectbox(key=f"link_{letter_id}_ask").set_value(7).run()
    at.text_area(key=f"link_{letter_id}_passage").input(PASSAGE).run()
    db = open_db(path)
    with acting_as(Actor(email="lena@example.org", role="officer", via="test")):
        records.link_ask(db, letter_id, 7, "Their passage, linked first.")
    db.close()
    before = dump_file(path)
    link_button(at).click().run()
    assert not at.exception
    said = [e.value.replace("\\", "") for e in at.error]
    assert len(said) == 1 and "already linked to this letter" in said[0], said
    assert "Their passage, linked first." in said[0]
    assert dump_file(path) == before
