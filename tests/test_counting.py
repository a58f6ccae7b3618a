"""How counts read in sentences, in the CLI and the app alike."""

from __future__ import annotations

import pytest

from tracker.counting import how_many


@pytest.mark.parametrize(
    ("number", "noun", "plural", "said"),
    [
        (0, "problem", None, "0 problems"),
        (1, "problem", None, "1 problem"),
        (1234, "problem", None, "1,234 problems"),
        (1_000_000, "ask", None, "1,000,000 asks"),
        (1, "entry", "entries", "1 entry"),
        (2, "entry", "entries", "2 entries"),
        (12_345, "status update", None, "12,345 status updates"),
    ],
)
def test_a_count_has_thousands_separators_and_its_noun_agrees(number, noun, plural, said):
    assert how_many(number, noun, plural) == said
