"""The "Add a letter" review flow in AppTest: paste a letter, the form and the asks table are
filled from the draft, nothing is stored before Accept, the draft survives reruns, a repeated
ask is prefilled and linked with its passage, and problems are shown next to their fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from appkit import open_app
from dbkit import demo_app_db, dump_file

from tracker import intake, letters, users
from tracker.audit import details_in_words
from tracker.db import open_db

OFFICER = "olga@example.org"
LETTER = (Path(__file__).parent / "data" / "journey-letter.txt").read_text(encoding="utf-8")


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    return demo_app_db(tmp_path, monkeypatch, OFFICER, "officer", "Olga")


def pasted(at):
    at.text_area(key="intake_text").input(LETTER)
    next(b for b in at.button if b.label == "Draft the asks").click()
    at.run()
    return at


def test_pasting_a_letter_fills_the_form_and_stores_nothing(app_db):
    before = dump_file(app_db)
    at = pasted(open_app(OFFICER, "add_letter"))
    assert not at.exception
    assert at.text_input(key="il_title_1").value.startswith("Letter to")
    assert at.text_input(key="il_author_1").value == "Center for Press Freedom in the Americas"
    assert at.text_area(key="il_cos_1").value == "Red de Defensores Comunitarios"
    assert at.text_input(key="il_date_1").value == "2025-04-02"  # typed, prefilled
    assert "Marco Rubio" in at.text_input(key="il_person_1").value
    rows = at.session_state["intake_draft"]["rows"]
    assert [r["title"][:14] for r in rows] == ["Press the Mexi", "Fund legal aid"]
    captions = " ".join(c.value for c in at.caption)
    assert "Likely repeats: #6 Protection of human" in captions  # with its score and words
    assert "shared words" in captions
    # the draft survives a rerun, and nothing was stored
    at.run()
    assert at.text_input(key="il_author_1").value == "Center for Press Freedom in the Americas"
    assert dump_file(app_db) == before


def test_accept_stores_new_asks_and_links_the_repeat_with_its_passage(app_db):
    at = pasted(open_app(OFFICER, "add_letter"))
    state = at.session_state["intake_draft"]
    assert [r["same_as"] for r in state["rows"]][0] == 6  # prefilled: the demo ask it repeats
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    db = open_db(app_db)
    letter = db.conn.execute("SELECT id, author_org FROM letters ORDER BY id DESC").fetchone()
    assert letter[1] == "Center for Press Freedom in the Americas"
    linked = letters.letter_asks(db, letter[0])
    passages = dict(zip(linked["ask_id"], linked["passage"], strict=True))
    assert passages[6].startswith("We urge you to press the Mexican government")
    assert len(passages) == 2  # the repeat and one new ask
    new_id = next(i for i in passages if i != 6)
    new = db.conn.execute(
        "SELECT title, target, theme, country FROM asks WHERE id = ?", (new_id,)
    ).fetchone()
    assert new[0].startswith("Fund legal aid")
    assert new[1] == "US Department of State"  # the addressee, from the values in use
    assert new[3] == "Mexico"
    db.close()


def test_problems_are_shown_next_to_their_fields_and_nothing_is_stored(app_db):
    at = pasted(open_app(OFFICER, "add_letter"))
    before = dump_file(app_db)
    at.text_input(key="il_author_1").input("")
    at.text_input(key="il_url_1").input("javascript:alert(1)")
    at.run()
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    errors = [e.value for e in at.error]
    assert any("organization that wrote the letter" in e for e in errors)
    assert any("not a web address" in e for e in errors)
    assert any("Nothing was saved" in e for e in errors)
    assert dump_file(app_db) == before
    # the draft is still there to fix
    assert at.text_input(key="il_title_1").value.startswith("Letter to")


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Paste the letter's text first"), ("   \n  ", "Paste the letter's text first")],
)
def test_empty_paste_is_refused_next_to_the_box(app_db, text, message):
    at = open_app(OFFICER, "add_letter")
    at.text_area(key="intake_text").input(text)
    next(b for b in at.button if b.label == "Draft the asks").click()
    at.run()
    assert any(message in e.value for e in at.error)
    assert "intake_draft" not in at.session_state


def test_a_letter_without_asks_still_opens_the_form(app_db):
    at = open_app(OFFICER, "add_letter")
    at.text_area(key="intake_text").input(
        "May 1, 2024\n\nDear Ambassador,\n\nThank you for your visit last week.\n\n"
        "Sincerely,\n\nRed de Defensores Comunitarios\n"
    )
    next(b for b in at.button if b.label == "Draft the asks").click()
    at.run()
    assert any("No asks were found" in i.value for i in at.info)
    assert at.text_input(key="il_author_1").value == "Red de Defensores Comunitarios"


def test_donors_have_no_add_a_letter_page(app_db):
    db = open_db(app_db)
    users.add_user(db, "dana@example.org", "donor", name="Dana", password="correct horse 1")
    db.close()
    at = open_app("dana@example.org", "add_letter")  # the page's link, opened by a donor
    assert not at.exception
    assert any("do not have access" in e.value for e in at.error)
    assert not at.text_area and not at.get("file_uploader")


def test_a_possible_ask_comes_unticked_after_the_drafted_ones_with_its_reason(app_db):
    at = open_app(OFFICER, "add_letter")
    at.text_area(key="intake_text").input(
        LETTER.replace(
            "\n\nSincerely",
            "\n\nRenewing the federal protection mechanism for journalists must come first."
            "\n\nSincerely",
        )
    )
    next(b for b in at.button if b.label == "Draft the asks").click()
    at.run()
    rows = at.session_state["intake_draft"]["rows"]
    assert [(r["keep"], r["found"]) for r in rows] == [
        (True, "Drafted"),
        (True, "Drafted"),
        (False, "Possible"),
    ]
    at.selectbox(key="il_show_1").set_value(2).run()
    captions = " ".join(c.value for c in at.caption)
    assert "a possible ask, unticked" in captions  # (the reason as plain() shows it)
    assert 'says "must" but names no one to act' in captions
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    db = open_db(app_db)
    assert not db.conn.execute("SELECT 1 FROM asks WHERE wording LIKE 'Renewing%'").fetchone()
    db.close()


def test_accepts_errors_are_sentences_that_name_the_fields_as_labelled(app_db):
    """Regression (QA): the errors next to the fields began in lower case ("date sent ...")
    and the link's said "letter URL" beside a field labelled "Published at (URL)"."""
    at = pasted(open_app(OFFICER, "add_letter"))
    at.text_input(key="il_date_1").input("2026-02-31")
    at.text_input(key="il_url_1").input("ftp://x")
    at.run()
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    errors = [e.value.replace("\\", "") for e in at.error]  # as plain() escapes them
    assert any(e.startswith("Date sent '2026-02-31'") for e in errors), errors
    assert any(e.startswith("Published at (URL) 'ftp://x'") for e in errors), errors
    assert not any(e[:1].islower() for e in errors), errors


def test_the_same_as_choices_start_with_new_ask_not_an_empty_line(app_db):
    at = pasted(open_app(OFFICER, "add_letter"))
    same_as = json.loads(at.dataframe[0].proto.columns)["same_as"]
    assert same_as["required"] is True  # no empty choice above "New ask"
    assert same_as["type_config"]["options"][0] == {"value": 0, "label": "New ask"}


def test_the_priority_choices_read_in_words_and_store_their_codes(app_db):
    """QA 2026-12-03: the review table offered "medium" (a code) where every other page says
    "Medium"."""
    at = pasted(open_app(OFFICER, "add_letter"))
    priority = json.loads(at.dataframe[0].proto.columns)["priority"]
    assert [o["label"] for o in priority["type_config"]["options"]] == ["High", "Medium", "Low"]
    assert [o["value"] for o in priority["type_config"]["options"]] == ["high", "medium", "low"]
    assert {r["priority"] for r in at.session_state["intake_draft"]["rows"]} <= {"medium"}


def test_a_row_marked_same_as_says_the_existing_ask_keeps_its_fields(app_db):
    """QA 2026-12-03: a theme or target picked on a repeated ask's row was dropped without a
    word (the existing ask keeps its own); the selected row now says so."""
    at = pasted(open_app(OFFICER, "add_letter"))
    assert at.session_state["intake_draft"]["rows"][0]["same_as"] == 6
    said = [c.value for c in at.caption if c.value.startswith("Same as ask #6")]
    assert said and "keeps its own title, target, theme, country" in said[0]


def test_new_asks_are_owned_by_the_officer_adding_the_letter(app_db):
    """Regression (QA 10): asks added from a letter had no owner, so they reached nobody's
    review queue. The officer adding the letter owns them unless they pick someone else, and
    the Owner column is among the first ones (it was the last, off-screen at 1280 px)."""
    at = pasted(open_app(OFFICER, "add_letter"))
    assert [r["owner"] for r in at.session_state["intake_draft"]["rows"]] == ["Olga", "Olga"]
    columns = json.loads(at.dataframe[0].proto.columns)
    assert "Olga" in columns["owner"]["type_config"]["options"]
    order = list(at.dataframe[0].value.columns)
    assert order.index("owner") < order.index("target")
    assert not [w for w in at.warning if "no owner" in w.value]
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    db = open_db(app_db)
    new = db.conn.execute("SELECT owner FROM asks ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    assert new == ("Olga",)


def test_a_new_ask_left_without_an_owner_is_said_before_and_after_accept(app_db):
    """Regression (QA 10): nothing said that an ask without an owner is in no review queue."""
    at = pasted(open_app(OFFICER, "add_letter"))
    state = at.session_state["intake_draft"]
    state["rows"][1]["owner"] = None  # the officer cleared the new ask's owner
    state["table"] = state.get("table", 0) + 1  # (a new table, drawn from the rows)
    at.run()
    warnings = [w.value for w in at.warning]
    assert any(
        "Row 2 (a new ask) has no owner: it will not appear in anyone's review queue" in w
        for w in warnings
    ), warnings
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    said = " ".join(s.value for s in at.success)
    assert "Added the letter with 1 new ask and 1 repeated" in said
    assert "1 new ask has no owner, so it is in no review queue." in said
    db = open_db(app_db)
    new = db.conn.execute("SELECT owner FROM asks ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    assert new == (None,)


def _stored_once(app_db) -> int:
    """The journey letter accepted once; returns its id."""
    at = pasted(open_app(OFFICER, "add_letter"))
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    db = open_db(app_db)
    (letter_id,) = db.conn.execute("SELECT max(id) FROM letters").fetchone()
    db.close()
    return letter_id


def test_the_same_letter_again_is_said_next_to_its_title_and_needs_add_it_anyway(app_db):
    """Regression (QA 12): the same letter could be added twice without a word."""
    first = _stored_once(app_db)
    at = pasted(open_app(OFFICER, "add_letter"))
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any(
        w.startswith(f"This looks like letter #{first}, “Letter to")
        and "by Olga: the same text" in w
        for w in warnings
    ), warnings
    [link] = [p for p in at.get("page_link") if p.proto.label == f"Open letter #{first}"]
    assert link.proto.query_string == f"letter={first}"
    before = dump_file(app_db)
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("If it is another letter, tick “Add it anyway”" in e for e in errors), errors
    assert any("Nothing was saved" in e for e in errors)
    assert dump_file(app_db) == before
    at.checkbox(key="il_anyway_1").check().run()
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    db = open_db(app_db)
    assert db.conn.execute("SELECT max(id) FROM letters").fetchone() == (first + 1,)
    db.close()


def test_another_letter_has_no_same_letter_warning(app_db):
    at = pasted(open_app(OFFICER, "add_letter"))
    assert not [w for w in at.warning if "This looks like letter" in w.value]
    assert not at.get("checkbox") or all(c.key != "il_anyway_1" for c in at.checkbox)


def test_the_uploader_lets_any_file_reach_the_server_to_be_named(app_db):
    """Regression (QA 13): the uploader's type filter refused a dragged .xlsx in the browser,
    so the server saw no file and said "Choose a file first."; now every file reaches the
    tracker, which says what it is not (tests/test_intake_upload.py), and the label still
    names the formats."""
    at = open_app(OFFICER, "add_letter")
    [uploader] = at.get("file_uploader")
    assert list(uploader.proto.type) == []
    assert ".pdf (with a text layer), .docx, .html, .txt or .md" in uploader.proto.label


def test_typing_a_letter_by_hand_says_so_not_that_a_letter_was_read(app_db):
    """Regression (QA 22): the empty form of "Or type a letter in by hand" said "Drafted from
    the letter", "No date was found in the letter" and "No asks were found in this letter"."""
    at = open_app(OFFICER, "add_letter")
    next(b for b in at.button if b.label == "Or type a letter in by hand").click()
    at.run()
    said = " ".join(e.value for e in [*at.caption, *at.info, *at.markdown])
    assert "Type the letter's details and its asks." in said
    assert "Add one row per ask (the + below the table)." in said
    for wrong in ("Drafted from the letter", "was found", "were found"):
        assert wrong not in said, said
    assert "Type the date the letter was sent" in said  # today is prefilled: it says so


def test_a_row_added_to_the_table_is_owned_by_the_officer_too(app_db):
    """QA 10, for asks typed in: a row added with the table's + gets the officer as owner."""
    at = open_app(OFFICER, "add_letter")
    next(b for b in at.button if b.label == "Or type a letter in by hand").click()
    at.run()
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["owner"]["default"] == "Olga"
    assert "Olga" in columns["owner"]["type_config"]["options"]


MISSED = (Path(__file__).parent / "data" / "missed-ask-en.txt").read_text(encoding="utf-8")
REGISTER = "A public register of every threat reported by journalists"


def _picker(at):
    return next(s for s in at.selectbox if s.key.startswith("il_pick_"))


def _pick_and_add(at, words: str):
    picker = _picker(at)
    picker.select_index(next(i for i, o in enumerate(picker.options) if o.startswith(words)))
    at.run()
    next(b for b in at.button if b.label == "Add as an ask").click()
    at.run()
    return at


def test_an_ask_the_draft_missed_is_added_in_two_clicks_keeping_the_edits_made(app_db):
    """Issue 13: an officer who sees an ask the draft missed picks its sentence and adds it;
    the tracker drafts its fields, the edits made to the other rows stay, the new row is the
    one shown in the letter, and Accept stores it with its passage."""
    at = open_app(OFFICER, "add_letter")
    at.text_area(key="intake_text").input(MISSED)
    next(b for b in at.button if b.label == "Draft the asks").click()
    at.run()
    before = dump_file(app_db)
    rows = at.session_state["intake_draft"]["rows"]
    assert len(rows) == 1 and REGISTER not in rows[0]["passage"]  # the draft missed it
    options = _picker(at).options
    assert any(o.startswith("A public register") and o.endswith("…") for o in options)
    assert not any(o.startswith("We urge you") for o in options)  # row 1 holds it
    # an edit to the drafted row, made in the table before picking
    at.session_state["intake_asks_1_0"] = {
        "edited_rows": {0: {"title": "Restore Radio Mar's protection (edited)"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    _pick_and_add(at, "A public register")
    assert not at.exception
    rows = at.session_state["intake_draft"]["rows"]
    assert rows[0]["title"] == "Restore Radio Mar's protection (edited)"  # kept
    picked = rows[1]
    assert picked["found"] == "Picked" and picked["keep"] is True
    assert picked["title"].startswith("Ensure a public register of every threat")
    assert picked["target"] == "Ministry of the Interior of Colombia"
    assert picked["country"] == "Colombia" and picked["theme"] and picked["owner"] == "Olga"
    assert picked["passage"].startswith(REGISTER)
    assert at.selectbox(key="il_show_1").value == 1  # the new row is the one shown
    captions = " ".join(c.value for c in at.caption)
    assert "picked by you" in captions
    letter = next(h for h in at.get("html") if "intake-letter" in h.proto.body)
    assert f"<mark id='intake-passage' style='background:#ffe08a;padding:0 2px'>{REGISTER}" in (
        letter.proto.body
    )
    assert not any(o.startswith("A public register") for o in _picker(at).options)
    assert dump_file(app_db) == before  # nothing stored before Accept
    at.run()  # the draft survives a rerun
    assert len(at.session_state["intake_draft"]["rows"]) == 2
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    db = open_db(app_db)
    letter_id = db.conn.execute("SELECT MAX(id) FROM letters").fetchone()[0]
    linked = letters.letter_asks(db, letter_id)
    stored = [
        db.conn.execute("SELECT title, owner FROM asks WHERE id = ?", (int(i),)).fetchone()
        for i in sorted(linked["ask_id"])
    ]
    passages = list(linked["passage"])
    db.close()
    assert stored[0] == ("Restore Radio Mar's protection (edited)", "Olga")
    assert stored[1][0].startswith("Ensure a public register") and stored[1][1] == "Olga"
    assert any(p.startswith(REGISTER) for p in passages)


def test_when_every_sentence_is_in_a_row_the_picker_says_so(app_db):
    at = open_app(OFFICER, "add_letter")
    at.text_area(key="intake_text").input(MISSED)
    next(b for b in at.button if b.label == "Draft the asks").click()
    at.run()
    for words in ("We write", "A public register", "We thank you"):
        _pick_and_add(at, words)
    assert not at.exception
    assert [s for s in at.selectbox if s.key.startswith("il_pick_")] == []
    said = " ".join(c.value for c in at.caption)
    assert "Every sentence of the letter's body is already in a row of the table." in said


def test_a_letter_typed_by_hand_has_no_sentence_picker(app_db):
    at = open_app(OFFICER, "add_letter")
    next(b for b in at.button if b.label == "Or type a letter in by hand").click()
    at.run()
    assert not [s for s in at.selectbox if s.key.startswith("il_pick_")]
    assert not [h for h in at.subheader if h.value == "Add an ask the draft missed"]


def test_add_as_an_ask_with_nothing_picked_says_to_pick_one(app_db):
    at = open_app(OFFICER, "add_letter")
    at.text_area(key="intake_text").input(MISSED)
    next(b for b in at.button if b.label == "Draft the asks").click()
    at.run()
    next(b for b in at.button if b.label == "Add as an ask").click()
    at.run()
    assert any("Pick a sentence of the letter first." in e.value for e in at.error)
    assert len(at.session_state["intake_draft"]["rows"]) == 1


def test_draft_with_no_file_taken_says_a_larger_file_is_not_taken(app_db):
    """QA 2026-12-03: a file over the limit is kept out by the browser's uploader (marked
    red, its reason shown only on hover), so the server sees no file; "Choose a file first."
    read as if nothing had been chosen. The sentence next to the uploader now says the limit
    and what to do."""
    at = open_app(OFFICER, "add_letter")
    upload_draft = [b for b in at.button if b.label == "Draft the asks"][1]  # (the 2nd tab's)
    upload_draft.click()
    at.run()
    [said] = [e.value for e in at.error]
    assert said.startswith("Choose a file first.")
    assert "over 10 MB" in said and "paste its text" in said
    assert "intake_draft" not in at.session_state


def test_an_administrator_allows_links_to_local_addresses_beside_the_link_field(
    tmp_path, monkeypatch
):
    """QA 2026-12-03: the server fetches no private or local address unless an administrator
    allows it, and the officer is told so, but the only switch was `tracker private-links`:
    an administrator in the app could not find it. It is beside the link field, for
    administrators only, and audited."""
    path = demo_app_db(tmp_path, monkeypatch, "ada@example.org", "admin", "Ada")
    at = open_app("ada@example.org", "add_letter")
    [switch] = [t for t in at.toggle if t.key == "intake_private_links"]
    assert switch.value is False and "private or local" in switch.label
    switch.set_value(True).run()
    assert not at.exception
    db = open_db(path)
    assert intake.private_links_allowed(db)
    [logged] = db.query("SELECT action, details FROM audit_log WHERE entity = 'setting'")
    assert details_in_words(logged["action"], logged["details"]) == (
        "Fetch links to private or local addresses: yes"
    )


def test_officers_see_no_switch_for_links_to_local_addresses(app_db):
    at = open_app(OFFICER, "add_letter")
    assert all(t.key != "intake_private_links" for t in at.toggle)


THANKS = (
    "May 1, 2024\n\nDear Ambassador,\n\nThank you for your visit last week.\n\n"
    "Sincerely,\n\nRed de Defensores Comunitarios\n"
)


def test_a_letter_with_no_ask_kept_is_stored_only_once_said_so(app_db):
    """QA 2026-12-03: Accept stored a letter in which no ask was kept ("Added the letter with
    0 new asks."), as a slip (every row unticked) would. Now it is refused next to the table,
    nothing stored, until "Store it without asks" is ticked (its asks can be linked later
    from its page)."""
    at = open_app(OFFICER, "add_letter")
    at.text_area(key="intake_text").input(THANKS)
    next(b for b in at.button if b.label == "Draft the asks").click()
    at.run()
    before = dump_file(app_db)
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any(e.startswith("No ask is kept") and "“Store it without asks”" in e for e in errors)
    assert any("Nothing was saved" in e for e in errors)
    assert dump_file(app_db) == before
    at.checkbox(key="il_no_asks_1").check().run()
    next(b for b in at.button if b.label == "Accept").click()
    at.run()
    assert not at.exception
    assert any(s.value == "Added the letter with no asks." for s in at.success), at.success
    db = open_db(app_db)
    assert db.conn.execute("SELECT count(*) FROM letters").fetchone() == (2,)
    db.close()
