"""Status spans: each ask's history per track laid out on the calendar, kept in the
``status_spans`` table so that "as of" questions are a range lookup instead of a pass over
every entry ever recorded (the whole history is 200k+ entries at a large NGO's scale).

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
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import groupby

from sqlite_utils import Database

from tracker.auth import require
from tracker.vocabulary import TRACKS, UNRECORDED

OPEN = "9999-12-31"


def _spans(entries: list[tuple[str, str, int]], ask: dict, track: str) -> list[dict]:
    """Lay one track's live entries (``(status, date, id)``, oldest first) out as spans."""
    spans = [{"status": status, "start": date, "entry_id": eid} for status, date, eid in entries]
    unrecorded = UNRECORDED[track]
    if unrecorded and (not spans or spans[0]["start"] > ask["added_on"]):
        spans.insert(0, {"status": unrecorded, "start": ask["added_on"], "entry_id": None})
    for number, span in enumerate(spans):
        span["stop"] = spans[number + 1]["start"] if number + 1 < len(spans) else OPEN
        span.update(mix_start=None, run_stop=None, run_stop_month=None)
    firsts = [n for n, s in enumerate(spans) if n == 0 or s["status"] != spans[n - 1]["status"]]
    for run, first in enumerate(firsts):
        following = firsts[run + 1] if run + 1 < len(firsts) else len(spans)
        head = spans[first]
        run_stop = spans[following]["start"] if following < len(spans) else OPEN
        began = max(head["start"], ask["added_on"])
        head.update(
            mix_start=began[:7] if run_stop > began else None,
            run_stop=run_stop,
            run_stop_month=run_stop[:7],
        )
        for span in spans[first:following]:
            span["since"] = head["start"]
    return spans


MixKey = tuple[str, str, str, str, str]  # variant, track, month, status, theme


def _mix_changes(runs: Iterable[tuple]) -> Counter[MixKey]:
    """+1 in the month each run starts counting, -1 in the month it ends, by theme, from
    ``(variant, track, mix_start, run_stop_month, status, theme)`` of runs' first spans."""
    changes: Counter[MixKey] = Counter()
    for variant, track, mix_start, stop_month, status, theme in runs:
        if mix_start is None:
            continue
        changes[(variant, track, mix_start, status, theme or "")] += 1
        if stop_month != OPEN[:7]:
            changes[(variant, track, stop_month, status, theme or "")] -= 1
    return changes


def _update_mix_months(db: Database, old: Counter[MixKey], new: Counter[MixKey]) -> None:
    steps = [(*key, new[key] - old[key]) for key in old.keys() | new.keys()]
    db.conn.executemany(
        """INSERT INTO status_mix_months (variant, track, month, status, theme, delta)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (variant, track, month, status, theme)
           DO UPDATE SET delta = delta + excluded.delta""",
        [step for step in steps if step[-1]],
    )


def refresh_spans(db: Database, ask_ids: Iterable[int] | None = None) -> int:
    """Recompute the spans of ``ask_ids`` (every ask when None) from their live history.
    Call inside the transaction that changed the history. Returns the rows written."""
    require("record")
    if ask_ids is None:
        clause, params = "1", []
        db.execute("DELETE FROM status_spans")
        db.execute("DELETE FROM status_mix_months")
        old: Counter[MixKey] = Counter()
    else:
        ids = sorted({int(i) for i in ask_ids})
        if not ids:
            return 0
        clause = f"ask_id IN ({','.join('?' * len(ids))})"
        params = ids
        old = _mix_changes(
            db.conn.execute(
                f"""SELECT variant, track, mix_start, run_stop_month, status, theme
                    FROM status_spans WHERE {clause} AND mix_start IS NOT NULL""",
                params,
            )
        )
        db.execute(f"DELETE FROM status_spans WHERE {clause}", params)
    asks = {
        row[0]: {"added_on": row[1], "theme": row[2]}
        for row in db.conn.execute(
            f"SELECT id, added_on, theme FROM asks WHERE {clause.replace('ask_id', 'id')}", params
        )
    }
    entries = db.conn.execute(
        f"""SELECT u.ask_id, u.track, u.status, u.effective_date, u.id, u.visibility
            FROM status_updates u
            WHERE {clause.replace("ask_id", "u.ask_id")}
              AND NOT EXISTS (SELECT 1 FROM status_updates c WHERE c.supersedes_id = u.id)
            ORDER BY u.ask_id, u.track, u.effective_date, u.recorded_at, u.id""",
        params,
    ).fetchall()
    by_ask = {ask_id: list(rows) for ask_id, rows in groupby(entries, key=lambda r: r[0])}
    rows = []
    for ask_id, ask in asks.items():
        history = by_ask.get(ask_id, [])
        for track in TRACKS:
            mine = [r for r in history if r[1] == track]
            for variant, chosen in (
                ("all", mine),
                ("public", [r for r in mine if r[5] == "public"]),
            ):
                entries = [(r[2], r[3], r[4]) for r in chosen]
                for span in _spans(entries, ask, track):
                    rows.append(
                        {"ask_id": ask_id, "track": track, "variant": variant, **span}
                        | {"theme": ask["theme"]}
                    )
    if rows:
        db["status_spans"].insert_all(rows, batch_size=2000)
    new = _mix_changes(
        (r["variant"], r["track"], r["mix_start"], r["run_stop_month"], r["status"], r["theme"])
        for r in rows
    )
    _update_mix_months(db, old, new)
    return len(rows)


REBUILD_BATCH = 250  # asks per transaction: a few hundred milliseconds at most


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
        runs = db.conn.execute(
            """SELECT variant, track, mix_start, run_stop_month, status, theme
               FROM status_spans WHERE mix_start IS NOT NULL"""
        )
        new = _mix_changes(runs)
        db.execute("DELETE FROM status_mix_months")
        _update_mix_months(db, Counter(), new)
    return written
