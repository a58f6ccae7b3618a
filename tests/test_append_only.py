"""Append-only tables stay append-only against every way SQL can write over a row:
UPDATE, DELETE, and INSERT OR REPLACE (which deletes without running any DELETE trigger)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from tracker import audit, records, snapshots


def _published(db, ask):
    records.record_status_update(
        db, ask, "in_progress", effective_date="2024-03-01", note="Tabled.", visibility="public"
    )
    return snapshots.publish(db, "2024-06-30", title="Mid-year", narrative="Where we stand.")


# the text column each forged copy rewrites
FORGED = {"audit_log": "actor", "status_updates": "note", "snapshots": "title"}


@pytest.mark.parametrize("table", list(FORGED))
@pytest.mark.parametrize("verb", ["INSERT OR REPLACE", "REPLACE"])
def test_replace_over_an_existing_id_is_refused(one_ask, table, verb):
    """Regression: REPLACE deletes the old row without running its DELETE trigger, so it
    rewrote the audit log, the status history and published snapshots."""
    db, ask = one_ask
    _published(db, ask)
    # another tool on the file (the sqlite3 shell, a script): sqlite-utils, which the tracker
    # connects through, turns recursive triggers on (then REPLACE runs DELETE triggers); a
    # plain connection does not
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    db.close()
    with closing(sqlite3.connect(path)) as conn:
        before = conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
        forged = dict(zip(columns, before[0], strict=True)) | {FORGED[table]: "forged"}
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(
                f"{verb} INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                list(forged.values()),
            )
        conn.rollback()
        assert conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() == before


def test_new_rows_still_append(one_ask):
    db, ask = one_ask
    before = db.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    with db.atomic():
        audit.log(db, "test.entry", "test")
    assert db.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == before + 1


def test_a_kept_snapshot_file_is_never_replaced(one_ask):
    db, ask = one_ask
    row = _published(db, ask)
    first = snapshots.export_file(db, row["id"], "asks.csv")
    with closing(sqlite3.connect(db.conn.execute("PRAGMA database_list").fetchone()[2])) as conn:
        conn.execute(
            "INSERT OR REPLACE INTO snapshot_files (snapshot_id, kind, content, created_at) "
            "VALUES (?, 'asks.csv', x'00', '2030-01-01')",
            (row["id"],),
        )
        conn.commit()
    assert snapshots.export_file(db, row["id"], "asks.csv") == first
