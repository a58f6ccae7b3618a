"""Data the process keeps between reads because it changes rarely or never: the asks'
descriptive columns (refreshed when ``data_version.asks`` moves) and the text of status
entries (the history is append-only, so an entry's note never changes). An as-of list of 10k
asks then reads only the narrow status spans in force, not 10k titles and notes through
Python's sqlite3, which makes an object per cell.

Kept per database (``data_version.identity``, made once by migration m013), shared by every
connection and thread: Streamlit runs each rerun in a new thread with its own connection.
Nothing is kept from inside a transaction: rolled-back rows must not be remembered. Restoring
a backup into a live file brings back old ids and versions: restart the app after one.
"""

from __future__ import annotations

import json
import threading

import numpy as np
import pandas as pd
from sqlite_utils import Database

from tracker.frames import STRING, read_frame

ASK_DETAILS = ["title", "theme", "target", "country", "owner", "priority", "added_on"]
ENTRY_DETAILS = {
    "note": "last_note",
    "evidence_url": "last_evidence",
    "visibility": "last_visibility",
}
MAX_KEPT_ENTRIES = 100_000  # about 10 MB of notes per database; past that, start again
_lock = threading.Lock()
_kept: dict[str, dict] = {}  # database identity -> {"asks": (version, frame), "entries": frame}


def forget() -> None:
    """Drop everything kept (benchmarks time a cold start with it)."""
    with _lock:
        _kept.clear()


def ask_details(db: Database) -> pd.DataFrame:
    """Every ask's title, theme, target, country, owner, priority and added_on, by id."""
    # the version is read first: a write landing in between makes the kept copy newer than
    # its version, so it is read again next time, never older and kept
    identity, version = db.conn.execute("SELECT identity, asks FROM data_version").fetchone()
    keeping = not db.conn.in_transaction
    kept = _kept.get(identity, {}).get("asks")
    if keeping and kept is not None and kept[0] == version:
        return kept[1]
    frame = read_frame(db.conn, f"SELECT id, {', '.join(ASK_DETAILS)} FROM asks")
    frame = frame.set_index("id")
    if keeping:
        with _lock:
            _kept.setdefault(identity, {})["asks"] = (version, frame)
    return frame


def entry_details(db: Database, entry_ids: pd.Series) -> pd.DataFrame:
    """The note, evidence link and visibility of each entry in ``entry_ids`` (NaN for a
    missing id), named ``last_note``, ``last_evidence``, ``last_visibility``, in that order."""
    identity = db.conn.execute("SELECT identity FROM data_version").fetchone()[0]
    keeping = not db.conn.in_transaction
    kept = _kept.get(identity, {}).get("entries") if keeping else None
    if kept is None or len(kept) > MAX_KEPT_ENTRIES:
        kept = _NO_ENTRIES
    ids = entry_ids.to_numpy(dtype="float64", na_value=np.nan)
    ids = np.where(np.isnan(ids), -1, ids).astype("int64")  # -1: no entry
    missing = pd.Index(np.unique(ids[ids >= 0])).difference(kept.index)
    if len(missing):
        fetched = _entries(db, missing.tolist())
        kept = pd.concat([kept, fetched]) if len(kept) else fetched
        if keeping:  # a thread keeping at the same time may lose its rows, never give wrong ones
            with _lock:
                _kept.setdefault(identity, {})["entries"] = kept
    at = kept.index.get_indexer(ids)
    return pd.DataFrame(
        {name: kept[name].array.take(at, allow_fill=True) for name in ENTRY_DETAILS.values()},
        index=entry_ids.index,
    )


def _entries(db: Database, ids: list[int]) -> pd.DataFrame:
    columns = ", ".join(f"{column} AS {name}" for column, name in ENTRY_DETAILS.items())
    frame = read_frame(
        db.conn,
        f"""SELECT id, {columns} FROM status_updates
            WHERE id IN (SELECT value FROM json_each(:ids))""",
        {"ids": json.dumps(ids)},
    )
    if frame.empty:
        return _NO_ENTRIES
    return frame.set_index("id")


_NO_ENTRIES = pd.DataFrame(
    {name: pd.Series(dtype=STRING) for name in ENTRY_DETAILS.values()},
    index=pd.Index([], dtype="int64", name="id"),
)
