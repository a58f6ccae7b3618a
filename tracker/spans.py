"""Status spans: each ask's history per track laid out on the calendar, kept in the
``status_spans`` table so that "as of" questions are a range lookup instead of a pass over
every entry ever recorded (a large NGO's whole history is far more entries than asks).

A span runs from one live entry's effective date to the next entry's (the last one is open:
``stop`` = 9999-12-31), so the span containing a date names the exact entry in force then: its
status, its date (when someone last checked) and the note to show. Before an ask's first
entry, an outcome track is "not assessed" from the day the ask was made (a span with no entry).
Consecutive spans of one status form a **run**; each span knows its run's start (``since``),
and the first span of a run also carries the run's end and the months it counts in, for the
monthly status mix; the runs' monthly changes are also summed by theme in
``status_mix_months``, which answers the unfiltered and by-theme mix. Spans are kept twice:
from all entries, and from public entries only (for donors). Both tables are derived data:
every write to an ask's history refreshes that ask's rows in the same transaction, and
``refresh_spans(db)`` rebuilds them all.

The spans are computed by SQL in one statement (window functions over each ask's track,
ordered by effective date), so refreshing every ask after a large import costs about what a
few asks did when Python laid them out one by one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database

from tracker.auth import require
from tracker.vocabulary import UNRECORDED

OPEN = "9999-12-31"

# The asks a statement works on: every ask, or those whose ids are in the JSON list :ids.
_EVERY_ASK = "1"
_SOME_ASKS = "{column} IN (SELECT value FROM json_each(:ids))"


def _spans_sql(chosen: str) -> str:
    """INSERT of the spans of the asks ``chosen`` names (a condition on ``ask_id``)."""
    on = lambda column: chosen.format(column=column)  # noqa: E731
    unrecorded = " UNION ALL ".join(
        f"SELECT '{track}', '{status}'" for track, status in UNRECORDED.items() if status
    )
    return f"""
    INSERT INTO status_spans (ask_id, track, variant, status, start, stop, entry_id, since,
                              mix_start, run_stop, run_stop_month, theme)
    WITH variants(variant) AS (VALUES ('all'), ('public')),
    unrecorded(track, status) AS ({unrecorded}),
    entries AS (  -- live entries: those no correction supersedes
        SELECT v.variant, u.ask_id, u.track, u.status, u.effective_date AS start,
               u.id AS entry_id, u.recorded_at
        FROM status_updates u JOIN variants v ON v.variant = 'all' OR u.visibility = 'public'
        WHERE {on("u.ask_id")}
          AND NOT EXISTS (SELECT 1 FROM status_updates c WHERE c.supersedes_id = u.id)
    ),
    spans AS (
        SELECT * FROM entries
        UNION ALL  -- before the first entry: "not assessed" from the day the ask was made
        SELECT v.variant, a.id, n.track, n.status, a.added_on, NULL, NULL
        FROM asks a CROSS JOIN variants v CROSS JOIN unrecorded n
        WHERE {on("a.id")} AND NOT EXISTS (
            SELECT 1 FROM entries e WHERE e.variant = v.variant AND e.ask_id = a.id
              AND e.track = n.track AND e.start <= a.added_on)
    ),
    laid AS (
        SELECT s.*, COALESCE(LEAD(start) OVER w, '{OPEN}') AS stop,
               (LAG(status) OVER w IS NOT status) AS head
        FROM spans s
        WINDOW w AS (PARTITION BY variant, ask_id, track
                     ORDER BY start, entry_id IS NOT NULL, recorded_at, entry_id)
    ),
    runs AS (  -- a run's start is its first span's; it stops where the next run starts
        SELECT l.*, MAX(CASE WHEN head THEN start END) OVER before AS since,
               COALESCE(MIN(CASE WHEN head THEN start END) OVER after, '{OPEN}') AS run_stop,
               MAX(start, a.added_on) AS began, a.theme
        FROM laid l JOIN asks a ON a.id = l.ask_id
        WINDOW ordered AS (PARTITION BY variant, ask_id, track
                           ORDER BY start, entry_id IS NOT NULL, recorded_at, entry_id),
               before AS (ordered ROWS UNBOUNDED PRECEDING),
               after AS (ordered ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
    )
    SELECT ask_id, track, variant, status, start, stop, entry_id, since,
           CASE WHEN head AND run_stop > began THEN substr(began, 1, 7) END,
           CASE WHEN head THEN run_stop END,
           CASE WHEN head THEN substr(run_stop, 1, 7) END,
           theme
    FROM runs WHERE 1
    """


def _add_mix_sql(chosen: str, sign: int) -> str:
    """Adds (``sign`` 1) or takes away (-1) the monthly changes of the runs of the asks
    ``chosen`` names: +1 in the month a run starts counting, -1 in the month it ends."""
    on = chosen.format(column="ask_id")
    return f"""
    INSERT INTO status_mix_months (variant, track, month, status, theme, delta)
    SELECT * FROM (
        SELECT variant, track, month, status, theme, {sign} * SUM(step) AS delta FROM (
            SELECT variant, track, mix_start AS month, status, COALESCE(theme, '') AS theme,
                   1 AS step
            FROM status_spans WHERE mix_start IS NOT NULL AND {on}
            UNION ALL
            SELECT variant, track, run_stop_month, status, COALESCE(theme, ''), -1
            FROM status_spans
            WHERE mix_start IS NOT NULL AND run_stop_month != '{OPEN[:7]}' AND {on}
        )
        GROUP BY variant, track, month, status, theme
    ) WHERE delta != 0
    ON CONFLICT (variant, track, month, status, theme) DO UPDATE SET delta = delta + excluded.delta
    """


def refresh_spans(db: Database, ask_ids: Iterable[int] | None = None) -> int:
    """Recompute the spans of ``ask_ids`` (every ask when None) from their live history.
    Call inside the transaction that changed the history. Returns the rows written."""
    require("record")
    if ask_ids is None:
        return _refresh_every_ask(db)
    ids = sorted({int(i) for i in ask_ids})
    if not ids:
        return 0
    params = {"ids": json.dumps(ids)}
    db.conn.execute(_add_mix_sql(_SOME_ASKS, -1), params)
    db.conn.execute(f"DELETE FROM status_spans WHERE {_SOME_ASKS.format(column='ask_id')}", params)
    written = db.conn.execute(_spans_sql(_SOME_ASKS), params).rowcount
    db.conn.execute(_add_mix_sql(_SOME_ASKS, 1), params)
    return written


def _refresh_every_ask(db: Database) -> int:
    """Every span again, the indexes built after the rows instead of row by row (a third
    faster for 270,000 spans); all in the caller's transaction."""
    db.execute("DELETE FROM status_spans")
    db.execute("DELETE FROM status_mix_months")
    indexes = db.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name = 'status_spans' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    written = db.conn.execute(_spans_sql(_EVERY_ASK)).rowcount
    for _, sql in indexes:
        db.execute(sql)
    db.conn.execute(_add_mix_sql(_EVERY_ASK, 1))
    return written


REBUILD_BATCH = 250  # asks per transaction: about half a second of CPU at most


def rebuild_spans(db: Database, *, batch: int = REBUILD_BATCH, progress=None) -> int:
    """Recompute every ask's spans (after edits made outside the tracker) in short
    transactions of ``batch`` asks, so the app's writes interleave instead of waiting for one
    long write: each batch is an ordinary per-ask refresh, which stays right whatever other
    writers do between batches. Spans of asks deleted outside go too, and the monthly counts
    are summed again from the spans at the end (one short transaction). ``progress(done,
    total)`` is called after each batch. Administrators only. Returns the span rows written."""
    require("manage_users")
    ids = [r[0] for r in db.conn.execute("SELECT id FROM asks ORDER BY id")]
    orphans = [
        r[0]
        for r in db.conn.execute(
            "SELECT DISTINCT ask_id FROM status_spans WHERE ask_id NOT IN (SELECT id FROM asks)"
        )
    ]
    written = 0
    for start in range(0, len(ids), batch):
        with db.atomic():
            written += refresh_spans(db, ids[start : start + batch])
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    with db.atomic():
        if orphans:
            refresh_spans(db, orphans)
        db.execute("DELETE FROM status_mix_months")
        db.conn.execute(_add_mix_sql(_EVERY_ASK, 1))
    return written
