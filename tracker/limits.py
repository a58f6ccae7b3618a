"""How long each kind of text may be (the README's *Sizes*): a product decision, enforced here
for the app, the CLI and every import alike. The history is append-only, so every list that
shows a note pays for its length forever; longer material belongs in the linked source."""

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
    """``text`` stripped, or a ValidationError that gives its length and the limit. A NUL is
    refused too: invisible, it comes with text copied from PDFs and breaks tools that read us."""
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
