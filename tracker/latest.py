"""The latest entry of an ask's track or of an indicator: what a form shows when it opens and
remembers, so that a write made from a stale form (a colleague recorded something since) is
caught instead of silently reversing theirs (records.record_status_update's ``expect_latest``)."""

from __future__ import annotations

from sqlite_utils import Database

NO_ENTRY = 0  # what a form remembers when there was no entry yet


def latest_status_entry(db: Database, ask_id: int, track: str) -> dict | None:
    """The most recently recorded entry of the ask on ``track`` (change, verification or
    correction), with its status label and who recorded it (name when a user of the app)."""
    return next(
        db.query(
            """SELECT u.id, u.status, s.label AS status_label, u.effective_date, u.recorded_at,
                      u.recorded_by,
                      COALESCE(NULLIF(p.name, ''), u.recorded_by) AS recorded_by_name,
                      u.kind, u.note
               FROM status_updates u
               JOIN statuses s ON s.track = u.track AND s.code = u.status
               LEFT JOIN users p ON p.email = u.recorded_by
               WHERE u.ask_id = ? AND u.track = ?
               ORDER BY u.id DESC LIMIT 1""",
            (ask_id, track),
        ),
        None,
    )


def latest_observation(db: Database, indicator_id: int) -> dict | None:
    """The most recently recorded observation of the indicator, and who recorded it."""
    return next(
        db.query(
            """SELECT o.id, o.value, o.date, o.recorded_at, o.recorded_by,
                      COALESCE(NULLIF(p.name, ''), o.recorded_by) AS recorded_by_name, o.note
               FROM observations o LEFT JOIN users p ON p.email = o.recorded_by
               WHERE o.indicator_id = ?
               ORDER BY o.id DESC LIMIT 1""",
            (indicator_id,),
        ),
        None,
    )


def entry_id(entry: dict | None) -> int:
    """The id a form remembers: the entry's, or NO_ENTRY when there was none."""
    return NO_ENTRY if entry is None else int(entry["id"])
