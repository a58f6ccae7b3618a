"""Letter intake: a letter and the asks it makes, new or repeated, stored in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from tracker import records
from tracker.errors import ValidationError


def add_letter_with_asks(
    db: Database,
    letter: dict,
    new_asks: Iterable[dict] = (),
    existing_asks: Iterable[tuple[int, str]] = (),
    *,
    by: str | None = None,
) -> tuple[int, list[int]]:
    """Store a letter, its new asks (dicts of add_ask's fields plus ``passage``) and links to
    asks it repeats. All or nothing: a bad ask leaves no letter behind. Returns the letter id and
    the new asks' ids."""
    new_asks = [dict(a) for a in new_asks]
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
