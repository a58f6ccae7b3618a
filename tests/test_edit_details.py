"""Correcting an ask's or a letter's details once stored (tracker.records.edit_ask and
edit_letter): every field, refusals that write nothing, two people at once, and the derived
data (spans, monthly sums, full-text search) equal to a rebuild; published snapshots frozen."""

from __future__ import annotations

import json

import pytest
from dbkit import add_ask, refused, update

from tracker import audit, records, snapshots
from tracker.auth import Actor, PermissionDenied, acting_as
from tracker.errors import FormErrors, NotFound, StaleForm, ValidationError
from tracker.filters import AskFilter
from tracker.history import get_ask
from tracker.letters import get_letter
from tracker.mix import status_mix
from tracker.search import search
from tracker.spans import refresh_spans
from tracker.standing import list_asks, stale_asks

OLGA = Actor(email="olga@example.org", role="officer", name="Olga Ruiz", via="test")
LEADER = Actor(email="lead@example.org", role="leadership", via="test")
DONOR = Actor(email="donor@example.org", role="donor", via="test")
FGR = 1  # the demo's first ask


def derived(db) -> tuple[list, list]:
    spans = db.conn.execute(
        "SELECT ask_id, track, variant, start, stop, status, since, entry_id, theme, mix_start,"
        " run_stop, run_stop_month FROM status_spans ORDER BY 1, 2, 3, 4, 8"
    ).fetchall()
    mix = db.conn.execute(
        "SELECT variant, track, month, status, theme, delta FROM status_mix_months "
        "WHERE delta != 0 ORDER BY 1, 2, 3, 4, 5"
    ).fetchall()
    return spans, mix


def assert_derived_as_rebuilt(db) -> None:
    kept = derived(db)
    with db.atomic():
        refresh_spans(db)
    assert derived(db) == kept


def last_audit(db) -> dict:
    row = db.conn.execute(
        "SELECT action, entity, entity_id, actor, details FROM audit_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    named = dict(zip(("action", "entity", "entity_id", "actor"), row[:4], strict=True))
    return named | json.loads(row[4])


# --- an ask -------------------------------------------------------------------------------------

NEW_ASK = {
    "title": "Pass the asylum law",
    "wording": "We urge Congress to pass it this year.",
    "target": "Congress of Mexico",
    "theme": "Migration",
    "country": "Guatemala",
    "owner": "Ben Ortiz",
    "priority": "high",
}


@pytest.mark.parametrize("field", list(NEW_ASK))
def test_each_detail_of_an_ask_can_be_corrected_and_is_audited(one_ask, field):
    db, ask = one_ask
    before = get_ask(db, ask)
    changed = records.edit_ask(db, ask, **{field: NEW_ASK[field]})
    after = get_ask(db, ask)
    assert after[field] == NEW_ASK[field]
    assert changed == {field: (before[field] or None, NEW_ASK[field])}
    assert {k: v for k, v in after.items() if k != field} == {
        k: v for k, v in before.items() if k != field
    }
    entry = last_audit(db)
    assert (entry["action"], entry["entity"], entry["entity_id"]) == ("ask.edit", "ask", str(ask))
    assert entry["changes"] == {field: {"from": before[field] or None, "to": NEW_ASK[field]}}


def test_an_owner_can_be_cleared_and_text_is_stripped(one_ask):
    db, ask = one_ask
    assert records.edit_ask(db, ask, owner="  ", title="  Test ask, corrected ") == {
        "owner": ("Ana", None),
        "title": ("Test ask", "Test ask, corrected"),
    }
    assert get_ask(db, ask)["owner"] is None


def test_the_audit_page_says_what_changed_from_what_to_what(one_ask):
    db, ask = one_ask
    records.edit_ask(db, ask, owner="Ben Ortiz", priority="high")
    row = db.conn.execute("SELECT action, details FROM audit_log ORDER BY id DESC").fetchone()
    assert audit.ACTION_LABELS[row[0]] == "Ask details corrected"
    assert audit.details_in_words(*row) == (
        "Owner: \u201cAna\u201d → \u201cBen Ortiz\u201d; "
        "Priority: \u201cMedium\u201d → \u201cHigh\u201d"
    )


@pytest.mark.parametrize(
    "changes, errors",
    [
        ({"title": ""}, {"title": "title is required"}),
        ({"title": "x" * 301}, {"title": "the limit is 300"}),
        ({"theme": " ", "country": ""}, {"theme": "theme is required", "country": "required"}),
        ({"priority": "urgent", "owner": "o" * 201}, {"priority": "use high", "owner": "200"}),
        ({"wording": "a\x00b"}, {"wording": "NUL"}),
        ({"added_on": "2020-01-01"}, {"added_on": "cannot be corrected here"}),
        ({"colour": "red"}, {"colour": "cannot be corrected here"}),
    ],
)
def test_bad_details_are_refused_together_and_write_nothing(one_ask, changes, errors):
    db, ask = one_ask
    error = refused(db, FormErrors, records.edit_ask, ask, **({"wording": "Fine"} | changes))
    assert set(error.errors) == set(errors)
    for field, fragment in errors.items():
        assert fragment in error.errors[field]


def test_nothing_changed_is_refused(one_ask):
    db, ask = one_ask
    error = refused(db, ValidationError, records.edit_ask, ask, title=" Test ask ", owner="Ana")
    assert "nothing to save" in error.message
    assert "nothing to save" in refused(db, ValidationError, records.edit_ask, ask).message


def test_an_unknown_ask_is_not_found(one_ask):
    db, _ = one_ask
    assert "no ask with id 99" in refused(db, NotFound, records.edit_ask, 99, title="X").message


def test_officers_and_admins_may_correct_leadership_and_donors_may_not(one_ask):
    db, ask = one_ask
    for reader in (LEADER, DONOR):
        with acting_as(reader):
            refused(db, PermissionDenied, records.edit_ask, ask, title="Not mine")
            refused(db, PermissionDenied, records.edit_letter, 1, title="Not mine")
    with acting_as(OLGA):
        records.edit_ask(db, ask, title="Officer's fix")
    assert last_audit(db)["actor"] == "olga@example.org"


def test_a_form_opened_before_a_colleagues_edit_is_refused_naming_them(one_ask):
    db, ask = one_ask
    db["users"].insert(
        {"email": "olga@example.org", "name": "Olga Ruiz", "role": "officer", "created_at": "x"}
    )
    opened = get_ask(db, ask)  # both open the form
    with acting_as(OLGA):
        records.edit_ask(db, ask, expected=opened, owner="Olga Ruiz")
    error = refused(db, StaleForm, records.edit_ask, ask, expected=opened, title="Mine")
    assert error.field == "expected"
    assert "Olga Ruiz (olga@example.org) changed ask" in error.message
    assert "owner is now \u201cOlga Ruiz\u201d" in error.message
    assert "UTC" in error.message and "Nothing was saved" in error.message
    assert error.latest["fields"] == {"owner": "Olga Ruiz"}
    # with what the page now shows, the same change goes in (and keeps Olga's)
    records.edit_ask(db, ask, expected=get_ask(db, ask), title="Mine")
    assert (get_ask(db, ask)["title"], get_ask(db, ask)["owner"]) == ("Mine", "Olga Ruiz")


def test_a_change_made_outside_the_tracker_is_refused_too(one_ask):
    db, ask = one_ask
    opened = get_ask(db, ask)
    with db.atomic():
        db.execute("UPDATE asks SET theme = 'Edited in Datasette' WHERE id = ?", [ask])
    error = refused(db, StaleForm, records.edit_ask, ask, expected=opened, owner="Ben")
    assert "changed outside the tracker" in error.message and "Edited in Datasette" in error.message


def test_a_new_theme_moves_the_monthly_mix_exactly_as_a_rebuild_would(demo_db):
    db = demo_db
    theme = get_ask(db, FGR)["theme"]
    before = status_mix(db, "2024-12-31", by="theme")
    counted = lambda mix, t: int(mix[mix["group"] == t]["count"].sum())  # noqa: E731
    records.edit_ask(db, FGR, theme="Justice reform")
    after = status_mix(db, "2024-12-31", by="theme")
    assert counted(after, "Justice reform") > 0
    assert counted(after, theme) + counted(after, "Justice reform") == counted(before, theme)
    spans = db.conn.execute("SELECT DISTINCT theme FROM status_spans WHERE ask_id = ?", [FGR])
    assert spans.fetchall() == [("Justice reform",)]
    assert_derived_as_rebuilt(db)
    assert status_mix(db, "2024-12-31", by="theme").equals(after)


def test_lists_filters_and_stale_asks_show_the_new_details(demo_db):
    db = demo_db
    records.edit_ask(db, FGR, owner="Ben Ortiz", target="Senate", title="FGR, renamed")
    one = AskFilter(owners=("Ben Ortiz",))
    listed = list_asks(db, "2024-12-31", ask_filter=one)
    assert listed["ask_id"].tolist() == [FGR]
    assert listed.iloc[0]["title"] == "FGR, renamed" and listed.iloc[0]["target"] == "Senate"
    stale = stale_asks(db, None, days=1, ask_filter=one)
    assert (stale["ask_id"].tolist(), stale["owner"].tolist()) == ([FGR], ["Ben Ortiz"])
    assert list_asks(db, None, ask_filter=AskFilter(targets=("Senate",)))["ask_id"].tolist() == [
        FGR
    ]


def test_full_text_search_finds_the_new_title_and_not_the_old_one(one_ask):
    db, ask = one_ask
    records.edit_ask(db, ask, title="Release the detained journalists")
    found = search(db, "journalists")
    assert (found["kind"] == "ask").any() and ask in found["ask_id"].tolist()
    old = search(db, "Test ask")
    assert old[old["kind"] == "ask"].empty


def test_a_published_snapshot_keeps_its_content(demo_db):
    db = demo_db
    row = snapshots.publish(db, "2024-12-31", title="Frozen", narrative="As it was.")
    title = get_ask(db, FGR)["title"]
    records.edit_ask(db, FGR, title="A new title", theme="Justice reform")
    kept = snapshots.get_by_token(db, row["token"])
    stored = db.conn.execute("SELECT content, html FROM snapshots WHERE id = ?", [row["id"]])
    assert stored.fetchone() == (row["content"], row["html"])
    assert title in row["content"] and "A new title" not in row["html"]
    assert "A new title" not in json.dumps(kept, default=str)
    assert "A new title" in json.dumps(snapshots.preview(db, "2024-12-31"), default=str)


# --- a letter -----------------------------------------------------------------------------------

NEW_LETTER = {
    "title": "Letter on asylum, corrected",
    "date_sent": "2024-01-10",
    "author_org": "Another NGO",
    "cosigners": ["Group A", "Group B"],
    "recipient_person": "Minister Ruiz",
    "recipient_office": "Ministry of the Interior",
    "url": "https://example.org/letter",
    "summary": "What the letter asks.",
}


@pytest.mark.parametrize("field", list(NEW_LETTER))
def test_each_detail_of_a_letter_can_be_corrected_and_is_audited(one_ask, field):
    db, _ = one_ask
    before = get_letter(db, 1)
    result = records.edit_letter(db, 1, **{field: NEW_LETTER[field]})
    after = get_letter(db, 1)
    stored = json.loads(after[field]) if field == "cosigners" else after[field]
    assert stored == NEW_LETTER[field]
    old = records.detail_value(field, before[field])
    assert result["changes"] == {field: (old, NEW_LETTER[field])}
    assert {k: v for k, v in after.items() if k != field} == {
        k: v for k, v in before.items() if k != field
    }
    entry = db.conn.execute(
        "SELECT details FROM audit_log WHERE action = 'letter.edit' ORDER BY id DESC"
    ).fetchone()
    assert json.loads(entry[0])["changes"] == {field: {"from": old, "to": NEW_LETTER[field]}}


@pytest.mark.parametrize(
    "changes, errors",
    [
        ({"title": "", "author_org": " "}, {"title": "required", "author_org": "required"}),
        ({"date_sent": "2024-02-30"}, {"date_sent": "date sent"}),
        ({"date_sent": "2999-01-01"}, {"date_sent": "future"}),
        ({"url": "javascript:alert(1)"}, {"url": "not a web address"}),
        ({"cosigners": ["x" * 201]}, {"cosigners": "200"}),
        (
            {"summary": "s" * 10_001, "recipient_office": "o" * 201},
            {"summary": "", "recipient_office": ""},
        ),
        ({"full_text": "new text"}, {"full_text": "cannot be corrected here"}),
    ],
)
def test_bad_letter_details_are_refused_together_and_write_nothing(one_ask, changes, errors):
    db, _ = one_ask
    error = refused(db, FormErrors, records.edit_letter, 1, **changes)
    assert set(error.errors) == set(errors)
    for field, fragment in errors.items():
        assert fragment in error.errors[field], error.errors[field]


def test_a_letter_form_opened_before_a_colleagues_edit_is_refused(one_ask):
    db, _ = one_ask
    opened = get_letter(db, 1)
    records.edit_letter(db, 1, expected=opened, cosigners=["Group A"])
    error = refused(db, StaleForm, records.edit_letter, 1, expected=opened, title="Mine")
    assert "changed letter 1" in error.message and "co-signers is now" in error.message
    assert "nothing to save" in refused(db, ValidationError, records.edit_letter, 1).message
    refused(db, NotFound, records.edit_letter, 42, title="X")


def test_an_asks_made_since_date_follows_its_letters_corrected_date(one_ask):
    """The tracker sets an ask's "made since" date to its letters' earliest date: corrected,
    the letter's date moves it (both ways), its spans with it; a date given by hand stays."""
    db, ask = one_ask
    update(db, ask, "in_progress", "2024-03-01")
    by_hand = add_ask(db, "Dated by hand", added_on="2024-01-20", letters=[(1, "")])
    later = records.add_letter(db, title="Later", date_sent="2024-02-01", author_org="NGO")
    records.link_ask(db, later, ask)
    result = records.edit_letter(db, 1, date_sent="2023-11-30")
    assert result["asks_moved"] == {ask: ("2024-01-15", "2023-11-30")}
    assert get_ask(db, ask)["added_on"] == "2023-11-30"
    assert get_ask(db, by_hand)["added_on"] == "2024-01-20"
    assert list_asks(db, "2023-12-15")["ask_id"].tolist() == [ask]
    words = audit.details_in_words(
        *db.conn.execute(
            "SELECT action, details FROM audit_log WHERE action = 'ask.edit' ORDER BY id DESC"
        ).fetchone()
    )
    assert words.startswith("Made since: \u201c2024-01-15\u201d → \u201c2023-11-30\u201d")
    assert "letter 1's date was corrected" in words
    assert_derived_as_rebuilt(db)
    # moved after the later letter: the ask is made since that one's date
    result = records.edit_letter(db, 1, date_sent="2024-05-01")
    assert result["asks_moved"] == {ask: ("2023-11-30", "2024-02-01")}
    assert_derived_as_rebuilt(db)


def test_full_text_search_finds_a_letters_new_title(one_ask):
    db, _ = one_ask
    records.edit_letter(db, 1, title="Open letter on press freedom")
    letters = search(db, "press freedom")
    assert letters[letters["kind"] == "letter"]["letter_id"].tolist() == [1]
    assert search(db, "Test letter").query("kind == 'letter'").empty
