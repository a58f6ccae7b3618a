"""Reading and writing a test database directly: what the store-level tests share (as
appkit is shared by the page tests and clikit by the CLI tests)."""

from __future__ import annotations

from tracker import records


def dump(db) -> str:
    """The whole database as SQL: equal before and after means a refused write wrote nothing."""
    return "\n".join(db.conn.iterdump())


def update(db, ask_id, status, date, **kwargs) -> dict:
    """Record ``status`` for the ask on ``date``, with a note saying so unless one is given."""
    kwargs.setdefault("note", f"{status} on {date}")
    return records.record_status_update(db, ask_id, status, effective_date=date, **kwargs)
