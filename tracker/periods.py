"""Status periods: each ask's history per track folded into runs of one status, kept in the
``status_periods`` table so that "as of" questions are a range lookup instead of a pass over
every entry ever recorded (the whole history is 200k+ entries at a large NGO's scale).

A period runs from the first entry of a run of the same status (verifications extend it) to
the first entry of the next run; the last one is open (``stop`` = 9999-12-31). Before an ask's
first entry, an outcome track is "not assessed" from the day the ask was made. Periods are
kept twice: from all entries, and from public entries only (for donors). They are derived
data: every write to an ask's history refreshes that ask's periods in the same transaction,
and ``refresh_periods(db)`` rebuilds them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from sqlite_utils import Database

from tracker.vocabulary import TRACKS, UNRECORDED

OPEN = "9999-12-31"
ASK_COLUMNS = ("added_on", "theme", "target", "country", "owner", "priority")


def _runs(entries: list[tuple], ask: dict, track: str) -> list[dict]:
    """Fold one track's live entries (oldest first) into periods."""
    runs: list[dict] = []
    for entry in entries:
        _, status, date, entry_id, note, evidence, visibility = entry
        if runs and runs[-1]["status"] == status:
            run = runs[-1]
        else:
            run = {"status": status, "start": date, "entries": 0}
            runs.append(run)
        run.update(
            entries=run["entries"] + 1,
            last_date=date,
            last_id=entry_id,
            last_note=note,
            last_evidence=evidence,
            last_visibility=visibility,
        )
    unrecorded = UNRECORDED[track]
    first = runs[0]["start"] if runs else None
    if unrecorded and (first is None or first > ask["added_on"]):
        if runs and runs[0]["status"] == unrecorded:
            runs[0]["start"] = ask["added_on"]
        else:
            runs.insert(0, {"status": unrecorded, "start": ask["added_on"], "entries": 0})
    for number, this in enumerate(runs):
        this["stop"] = runs[number + 1]["start"] if number + 1 < len(runs) else OPEN
    return runs


def refresh_periods(db: Database, ask_ids: Iterable[int] | None = None) -> int:
    """Recompute the periods of ``ask_ids`` (every ask when None) from their live history.
    Call inside the transaction that changed the history. Returns the rows written."""
    if ask_ids is None:
        clause, params = "1", []
        db.execute("DELETE FROM status_periods")
    else:
        ids = sorted({int(i) for i in ask_ids})
        if not ids:
            return 0
        clause = f"ask_id IN ({','.join('?' * len(ids))})"
        params = ids
        db.execute(f"DELETE FROM status_periods WHERE {clause}", params)
    asks = {
        row[0]: dict(zip(ASK_COLUMNS, row[1:], strict=True))
        for row in db.conn.execute(
            f"SELECT id, {', '.join(ASK_COLUMNS)} FROM asks WHERE {clause.replace('ask_id', 'id')}",
            params,
        )
    }
    entries = db.conn.execute(
        f"""SELECT u.ask_id, u.track, u.status, u.effective_date, u.id, u.note, u.evidence_url,
                   u.visibility
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
            mine = [(r[0], r[2], r[3], r[4], r[5], r[6], r[7]) for r in history if r[1] == track]
            for variant, chosen in (
                ("all", mine),
                ("public", [e for e in mine if e[6] == "public"]),
            ):
                for run in _runs(chosen, ask, track):
                    began = max(run["start"], ask["added_on"])
                    rows.append(
                        {
                            "ask_id": ask_id,
                            "track": track,
                            "variant": variant,
                            **run,
                            "mix_start": began[:7] if run["stop"] > began else None,
                            "stop_month": run["stop"][:7],
                            **ask,
                        }
                    )
    if rows:
        db["status_periods"].insert_all(rows, batch_size=2000)
    return len(rows)
