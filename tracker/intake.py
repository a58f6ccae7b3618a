"""Letter intake: a letter and the asks it makes, new or repeated, stored in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from tracker import records
from tracker.errors import ValidationError


def _filled(row: dict) -> bool:
    """A row of the intake table that holds anything (blank rows are left over, not errors)."""
    return any(isinstance(v, str) and v.strip() for v in row.values())


def _ask_row(row: dict) -> dict:
    """An intake row as add_ask's fields: empty cells as "", priority medium unless given."""
    ask = {k: (v if isinstance(v, str) else "") for k, v in row.items()}
    ask["priority"] = ask.get("priority") or "medium"
    return ask


def add_letter_with_asks(
    db: Database,
    letter: dict,
    new_asks: Iterable[dict] = (),
    existing_asks: Iterable[tuple[int, str]] = (),
    *,
    by: str | None = None,
) -> tuple[int, list[int]]:
    """Store a letter, its new asks (dicts of add_ask's fields plus ``passage``; blank rows are
    skipped, priority defaults to medium) and links to asks it repeats. All or nothing: a bad
    ask leaves no letter behind. Returns the letter id and the new asks' ids."""
    new_asks = [_ask_row(a) for a in new_asks if _filled(a)]
    with db.atomic():
        letter_id = records.add_letter(db, **letter, by=by)
        ask_ids = []
        for number, ask in enumerate(new_asks, start=1):
            passage = ask.pop("passage", "") or ""
            try:
                ask_ids.append(records.add_ask(db, **ask, letters=[(letter_id, passage)], by=by))
            except ValidationError as error:
                raise ValidationError(f"new ask {number}: {error.message}", error.field) from None
        for ask_id, passage in existing_asks:
            records.link_ask(db, letter_id, ask_id, passage)
    return letter_id, ask_ids
