"""Letter intake: a letter and the asks it makes, new or repeated, stored in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from tracker import limits, records
from tracker.errors import Checks


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
    existing_asks = list(existing_asks)
    # every problem of the letter and of each row at once, keyed as the form's fields are
    # (``title``; ``asks[2].target``), before anything is written
    checks = Checks()
    checks("letter", records.letter_row, db, **letter)
    passages = []
    for number, ask in enumerate(new_asks, start=1):
        passages.append(ask.pop("passage", "") or "")
        row = Checks(prefix=f"asks[{number}].")
        row("", records.ask_row, db, **ask)
        row("passage", limits.check_length, passages[-1], limits.PASSAGE, "passage")
        for key, message in row.errors.items():
            checks.errors.setdefault(key, f"new ask {number}: {message}")
    checks.done()
    with db.atomic():
        letter_id = records.add_letter(db, **letter, by=by)
        ask_ids = [
            records.add_ask(db, **ask, letters=[(letter_id, passage)], by=by)
            for ask, passage in zip(new_asks, passages, strict=True)
        ]
        for ask_id, passage in existing_asks:
            records.link_ask(db, letter_id, ask_id, passage)
    return letter_id, ask_ids
