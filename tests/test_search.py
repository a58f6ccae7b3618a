"""Full-text search kept in step with every write (letters, asks, passages, status notes,
corrections), donors limited to public content, and repeat suggestions."""

from __future__ import annotations

import pytest

from tracker import records, search
from tracker.drafting import PREFILL_SCORE
from tracker.intake import add_letter_with_asks

LETTER = {
    "title": "Letter on the protection mechanism",
    "date_sent": "2024-03-01",
    "author_org": "Press Watch",
    "full_text": "We urge you to fund the protección mechanism for periodistas.",
}


@pytest.fixture
def tracker(fresh_db):
    letter_id, (ask_id,) = add_letter_with_asks(
        fresh_db,
        LETTER,
        [
            {
                "title": "Fund the protection mechanism",
                "target": "Government of Mexico",
                "theme": "Press freedom",
                "country": "Mexico",
                "wording": "Give the mechanism enough staff.",
                "passage": "We urge you to fund the mechanism in full.",
            }
        ],
    )
    return fresh_db, letter_id, ask_id


def kinds(db, query, **kwargs) -> set[tuple[str, int]]:
    found = search.search(db, query, **kwargs)
    return set(zip(found["kind"], found["id"], strict=True))


def test_letters_asks_and_passages_are_found_at_once(tracker):
    db, letter_id, ask_id = tracker
    assert ("letter", letter_id) in kinds(db, "periodistas")
    assert ("ask", ask_id) in kinds(db, "enough staff")
    assert ("passage", ask_id) in kinds(db, "in full")
    assert kinds(db, "mechanism") >= {("letter", letter_id), ("ask", ask_id), ("passage", ask_id)}


def test_accents_are_folded_and_the_last_word_may_be_a_prefix(tracker):
    db, letter_id, _ = tracker
    assert ("letter", letter_id) in kinds(db, "proteccion")
    assert ("letter", letter_id) in kinds(db, "periodis")


def test_search_syntax_in_the_box_is_just_text(tracker):
    db, *_ = tracker
    for query in ('"', "NEAR(", "a OR", "*", "mechanism AND -x", "title:"):
        search.search(db, query)  # no FTS5 syntax error reaches the person


def test_a_new_passage_replaces_the_old_one_in_the_index(tracker):
    db, letter_id, ask_id = tracker
    records.link_ask(db, letter_id, ask_id, "We ask that the mechanism hire psychologists.")
    assert ("passage", ask_id) in kinds(db, "psychologists")
    assert ("passage", ask_id) not in kinds(db, "in full")


def test_an_ask_edited_in_place_is_found_by_its_new_title(tracker):
    db, _, ask_id = tracker
    db.execute("UPDATE asks SET title = 'Staff the mechanism' WHERE id = ?", [ask_id])
    assert ("ask", ask_id) in kinds(db, "staff the")
    assert ("ask", ask_id) not in kinds(db, "fund the protection")


def test_status_notes_and_their_corrections(tracker):
    db, _, ask_id = tracker
    first = records.record_status_update(
        db, ask_id, "in_progress", effective_date="2024-04-01", note="Budget hearing in April."
    )
    assert ("status note", first["id"]) in kinds(db, "hearing")
    fixed = records.record_status_update(
        db,
        ask_id,
        "in_progress",
        effective_date="2024-04-01",
        note="Budget hearing moved to May.",
        supersedes_id=first["id"],
    )
    found = kinds(db, "hearing")
    assert ("status note", fixed["id"]) in found
    assert ("status note", first["id"]) not in found  # superseded: its correction is found


def test_donors_search_public_content_only(tracker):
    db, letter_id, ask_id = tracker
    internal = records.record_status_update(
        db, ask_id, "in_progress", effective_date="2024-04-01", note="Secret source says yes."
    )
    public = records.record_status_update(
        db,
        ask_id,
        "partially_achieved",
        effective_date="2024-05-01",
        note="Congress voted the budget.",
        visibility="public",
    )
    assert ("status note", internal["id"]) not in kinds(db, "secret", public_only=True)
    assert ("status note", public["id"]) in kinds(db, "budget", public_only=True)
    assert kinds(db, "periodistas", public_only=True) == set()  # letters are internal
    assert kinds(db, "enough staff", public_only=True) == set()  # wordings too
    assert ("ask", ask_id) in kinds(db, "protection mechanism", public_only=True)


def test_repeat_suggestions_rank_the_same_ask_first(tracker):
    db, _, ask_id = tracker
    records.add_ask(
        db,
        title="Release political prisoners",
        target="Government of Nicaragua",
        theme="Detention",
        country="Nicaragua",
    )
    found = search.suggest_repeats(db, "Fully fund Mexico's protection mechanism for reporters")
    assert found[0].ask_id == ask_id
    assert "protection" in found[0].words
    assert search.suggest_repeats(db, "the and of") == []


def test_a_passage_naming_an_asks_short_title_is_a_repeat_sure_enough_to_prefill(fresh_db):
    """Regression (QA 2026-12-02): a passage naming the case of an ask titled with it scored
    too low to be prefilled as "same as" (0.10), because the title was read only together
    with the ask's long wording; read on its own too, the title's words carry."""
    db = fresh_db
    common = {"target": "Government of Mexico", "theme": "Justice", "country": "Mexico"}
    named = records.add_ask(
        db,
        title="Tlacotalpan massacre inquiry",
        wording=(
            "Make real progress on the cases that marked the decade, above all the killing of "
            "nine farmworkers near Tlacotalpan, Veracruz, by state police officers in 2016, "
            "and tell the families what the investigators found at each step."
        ),
        **common,
    )
    records.add_ask(
        db,
        title="Independent National Electoral Court (TNE)",
        wording="Support the move to an independent national electoral court.",
        **common,
    )
    passage = "Back the independent experts so that the Tlacotalpan inquiry can go on."
    found = search.suggest_repeats(db, passage)
    assert found[0].ask_id == named
    assert found[0].score >= PREFILL_SCORE > found[1].score
    assert {"tlacotalpan", "inquiry"} <= set(found[0].words)


def test_a_spanish_passage_finds_an_english_ask_through_the_glossary(tracker):
    db, _, ask_id = tracker
    found = search.suggest_repeats(db, "Fortalecer el mecanismo de protección de periodistas")
    assert found and found[0].ask_id == ask_id


def test_ids_are_whole_numbers_where_a_letter_row_leaves_them_empty(tracker):
    """Regression (QA): a letter's row has no ask id, so pandas made the column float and the
    app showed an ask as "#4.0"."""
    db, letter_id, ask_id = tracker
    found = search.search(db, "mechanism")
    assert set(found["kind"]) >= {"letter", "ask", "passage"}
    asks = found[found["kind"] != "letter"]
    assert [f"#{i}" for i in asks["ask_id"]] == [f"#{ask_id}"] * len(asks)
    letters = found[found["kind"] != "ask"]["letter_id"].dropna()
    assert [f"#{i}" for i in letters] == [f"#{letter_id}"] * len(letters)
