"""The status vocabulary: two tracks of known statuses, read from ``data/statuses.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from sqlite_utils import Database

from tracker import audit
from tracker.auth import require
from tracker.errors import ValidationError

TRACKS = ("outcome", "response")
DEFAULT_VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "statuses.json"
# What an ask's track shows before anyone records anything on it.
UNRECORDED = {"outcome": "not_assessed", "response": None}
# the words people read for the other codes an entry or ask carries (the tracks, an entry's
# visibility, an ask's priority): pages, tables and CSVs for people show these
TRACK_LABELS = {"outcome": "Outcome", "response": "Response"}
VISIBILITY_LABELS = {"internal": "Internal", "public": "Public"}
PRIORITY_LABELS = {"high": "High", "medium": "Medium", "low": "Low"}


def read_vocabulary_file(path: str | Path = DEFAULT_VOCABULARY) -> list[dict]:
    """Rows for the ``statuses`` table, in display order, from the JSON vocabulary file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        {
            "track": track,
            "code": entry["code"],
            "label": entry["label"],
            "description": entry.get("description", ""),
            "colour": entry["colour"],
            "sort_order": order,
            "score": entry.get("score"),
            "terminal": int(bool(entry.get("terminal", False))),
            "bucket": entry.get("bucket"),
        }
        for track in TRACKS
        for order, entry in enumerate(data[track])
    ]


def load_vocabulary(db: Database, path: str | Path = DEFAULT_VOCABULARY) -> int:
    """Insert or refresh the statuses from the file (never removing one); admins only."""
    require("manage_users")
    rows = read_vocabulary_file(path)
    columns = list(rows[0])
    stored = db.query(f"SELECT {', '.join(columns)} FROM statuses")
    existing = {(r["track"], r["code"]): r for r in stored}
    changed = [r for r in rows if existing.get((r["track"], r["code"])) != r]
    if changed:  # writing nothing when nothing changed keeps `tracker init` a true no-op
        with db.atomic():
            db["statuses"].upsert_all(changed, pk=("track", "code"))
            details = {"statuses": [f"{r['track']}:{r['code']}" for r in changed]}
            audit.log(db, "vocabulary.update", "statuses", None, details)
    return len(rows)


def statuses(db: Database, track: str | None = None) -> pd.DataFrame:
    """The vocabulary as a frame, in display order."""
    where, params = ("WHERE track = ?", (track,)) if track else ("", ())
    return pd.read_sql_query(
        f"SELECT * FROM statuses {where} ORDER BY track, sort_order", db.conn, params=params
    )


def by_code(vocabulary: pd.DataFrame, codes: pd.Series) -> pd.DataFrame:
    """The vocabulary's row (indexed by code) for each of ``codes``, NaN for a code it lacks
    (as ``reindex``): each distinct code is looked up once and its row repeated, where a
    lookup per row of a list of thousands of asks costs several times more."""
    at, distinct = pd.factorize(codes)
    missing = at < 0  # no status (e.g. the other track not recorded yet)
    if missing.any():
        at[missing] = len(distinct)
        distinct = [*distinct, None]
    return vocabulary.reindex(distinct).take(at).set_axis(codes.index)


def check_track(track: str) -> str:
    if track not in TRACKS:
        raise ValidationError(f"unknown track '{track}': use one of {', '.join(TRACKS)}.", "track")
    return track


def check_status(db: Database, track: str, status: str) -> str:
    """Return ``status`` if it is known on ``track``; otherwise say which ones are."""
    check_track(track)
    sql = "SELECT code FROM statuses WHERE track = ? ORDER BY sort_order"
    known = [code for (code,) in db.conn.execute(sql, (track,))]
    if status not in known:
        raise ValidationError(
            f"unknown {track} status '{status}': use one of {', '.join(known)}.", "status"
        )
    return status
