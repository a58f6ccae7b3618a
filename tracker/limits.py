"""How long each kind of text may be: a product decision, enforced here for the app, the CLI
and every import alike.

The history is append-only: a note, once recorded, can never be removed, and every list that
shows it (what changed, an ask's history, the donor report) pays for its length forever. So
texts are capped at sizes that hold any real entry with room to spare:

=====================================================  ===================
What                                                   Maximum characters
=====================================================  ===================
a note (status update, observation), a passage, a
letter's summary, an ask's wording, an indicator's
description                                            10,000
a letter's full text                                   500,000 (about 80,000 words)
a title (letter, ask, snapshot)                        300
a name (organization, co-signer, recipient, target,
theme, country, owner, indicator, unit)                200
a web address                                          2,000
co-signers of one letter                               500 names
=====================================================  ===================

Longer material belongs in the source the entry links to (the evidence URL, the letter's
published address), not in the tracker.
"""

from __future__ import annotations

from tracker.errors import ValidationError

NOTE = 10_000
PASSAGE = 10_000
SUMMARY = 10_000
WORDING = 10_000
DESCRIPTION = 10_000
LETTER_TEXT = 500_000
TITLE = 300
NAME = 200
URL = 2_000
COSIGNERS = 500


def check_length(text: str | None, limit: int, label: str) -> str:
    """``text`` stripped, or a ValidationError that gives its length and the limit. A NUL
    character is refused too: invisible, it arrives with text copied from some PDFs and breaks
    the tools that read the database after us."""
    value = (text or "").strip()
    if "\x00" in value:
        raise ValidationError(
            f"{label} holds an invisible NUL character (copied from a PDF?): delete it and "
            "try again.",
            label,
        )
    if len(value) > limit:
        raise ValidationError(
            f"{label} is {len(value):,} characters long; the limit is {limit:,}: shorten it "
            "(longer material belongs in the linked source).",
            label,
        )
    return value


def help_text(limit: int, extra: str = "") -> str:
    """What a form says next to a field about its limit (the same number the check uses)."""
    return (extra + " " if extra else "") + f"Up to {limit:,} characters."
