"""An ask the draft missed, picked by the officer: the letter's sentences and list items as
spans (drafting.passages_of), a picked one drafted like the drafter's own asks
(draft_letter's ``also``), and the review row intake makes of it, refused when a row holds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import drafting, intake
from tracker.errors import TrackerError

DATA = Path(__file__).parent / "data"
EN = (DATA / "missed-ask-en.txt").read_text(encoding="utf-8")
ES = (DATA / "missed-ask-es.txt").read_text(encoding="utf-8")
ITEMS = """May 4, 2026

Dear Director Okafor,

We write about the closure of the shelters in the northern districts. Families have nowhere to go.

We ask your office to:

1. Reopen the two shelters closed in March.
2. Publish the budget for shelters this year, by district and by month.

Sincerely,

Shelter Watch
"""


def _span(text: str, words: str) -> tuple[int, int]:
    return next(s for s in drafting.passages_of(text) if words in text[s[0] : s[1]])


def test_passages_are_the_bodys_sentences_and_list_items_not_its_heading_or_signature():
    spans = drafting.passages_of(ITEMS)
    passages = [ITEMS[a:b] for a, b in spans]
    assert passages == [
        "We write about the closure of the shelters in the northern districts.",
        "Families have nowhere to go.",
        "We ask your office to:",
        "Reopen the two shelters closed in March.",  # an item, without its number
        "Publish the budget for shelters this year, by district and by month.",
    ]


@pytest.mark.parametrize(
    ("text", "words", "title", "target", "country"),
    [
        (
            EN,
            "A public register",
            "Ensure a public register of every threat reported by journalists",
            "Ministry of the Interior of Colombia",
            "Colombia",
        ),
        (
            ES,
            "Un registro público",
            "Garantizar un registro público de cada amenaza denunciada por periodistas",
            "Ministerio del Interior de Colombia",
            "Colombia",
        ),
    ],
)
def test_a_picked_passage_the_rules_missed_is_drafted_as_an_ask_saying_why(
    text, words, title, target, country
):
    span = _span(text, words)
    plain = drafting.draft_letter(None, text)
    assert all(words not in a.text for a in [*plain.asks, *plain.possible])  # missed
    draft = drafting.draft_letter(None, text, also=(span,))
    picked = [a for a in draft.asks if a.why == drafting.PICKED]
    assert len(picked) == 1
    ask = picked[0]
    assert (ask.start, ask.end) == span
    assert ask.text == " ".join(text[span[0] : span[1]].split())
    assert ask.title.startswith(title)
    assert len(ask.title.split()) <= 12
    assert ask.target == target  # the addressee: the passage names no other actor
    assert ask.target_why == "the letter's addressee"
    assert ask.country == country
    assert ask.theme  # from those in use, or one proposed
    # the draft's own asks are the same as without the pick
    assert [a.text for a in draft.asks if a is not ask] == [a.text for a in plain.asks]


def test_the_review_row_of_a_picked_passage_is_owned_by_the_officer_and_said_picked():
    draft = drafting.draft_letter(None, EN)
    rows = intake.draft_rows(draft, owner="Olga")
    missed = intake.missed_passages(EN, rows)
    held = [EN[a:b] for a, b in drafting.passages_of(EN) if (a, b) not in missed]
    assert held == [draft.asks[0].text]  # the drafted ask's sentence is not offered
    span = _span(EN, "A public register")
    row, ask = intake.picked_row(None, EN, span, rows, owner="Olga")
    assert row["found"] == intake.PICKED_FOUND
    assert row["keep"] is True and row["owner"] == "Olga" and row["priority"] == "medium"
    assert row["passage"] == ask.text and row["title"] == ask.title
    assert row["target"] == "Ministry of the Interior of Colombia"
    # picked again, once it is a row: refused, naming the row
    with pytest.raises(TrackerError, match="already row 2"):
        intake.picked_row(None, EN, span, [*rows, row], owner="Olga")
    assert span not in intake.missed_passages(EN, [*rows, row])


def test_a_picked_sentence_holding_a_drafted_clause_is_refused_naming_its_row():
    rows = [{"passage": "restore the protection scheme"}]
    span = _span(EN, "We urge you")
    with pytest.raises(TrackerError, match="already row 1"):
        intake.picked_row(None, EN, span, rows)


def test_a_row_of_a_word_or_two_typed_in_does_not_hide_the_sentences_holding_it():
    rows = [{"passage": "Ministry"}, {"passage": ""}, {"passage": None}]
    assert intake.missed_passages(EN, rows) == drafting.passages_of(EN)
    exact = [{"passage": "We thank you for your attention and remain at your disposal."}]
    assert len(intake.missed_passages(EN, exact)) == len(drafting.passages_of(EN)) - 1
