"""Add a letter's "Link a row to another existing ask" says what "Offer it" did (seen in
Chromium): clicked, the page looked the same, the button still there, so it seemed to do
nothing (its ask had become a choice in the table's "Same as existing ask" column, out of
sight); and an ask the draft already offered as a likely repeat had a button that did nothing
at all."""

from __future__ import annotations

import test_intake_page as intake_page
from appkit import open_app

app_db, pasted, OFFICER = intake_page.app_db, intake_page.pasted, intake_page.OFFICER
OFFERED = "Offered: pick it in a row's “Same as existing ask” column"


def offer_buttons(at) -> list[str]:
    return [b.key for b in at.button if b.label == "Offer it"]


def found(at, words: str):
    at.text_input(key="il_find_1").input(words).run()
    return at


def test_an_offered_ask_says_so_in_place_of_its_button(app_db):
    at = found(pasted(open_app(OFFICER, "add_letter")), "anti-corruption system")
    assert "il_offer_2_1" in offer_buttons(at)  # (#2: no likely repeat of this letter)
    assert not [c for c in at.caption if OFFERED in c.value]
    next(b for b in at.button if b.key == "il_offer_2_1").click().run()
    assert not at.exception
    assert 2 in at.session_state["intake_draft"]["extra_choices"]
    assert "il_offer_2_1" not in offer_buttons(at)
    assert any(OFFERED in c.value for c in at.caption), [c.value for c in at.caption]


def test_an_ask_the_draft_already_offers_has_no_button(app_db):
    at = pasted(open_app(OFFICER, "add_letter"))
    repeats = {r["ask_id"] for a in at.session_state["intake_draft"]["asks"] for r in a["repeats"]}
    assert 6 in repeats  # the letter repeats the demo's ask #6 (protection of defenders)
    at = found(at, "protection of human-rights defenders")
    assert "il_offer_6_1" not in offer_buttons(at)
    assert any(OFFERED in c.value for c in at.caption), [c.value for c in at.caption]
