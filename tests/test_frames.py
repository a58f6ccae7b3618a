"""tracker.frames.read_frame: the Arrow read gives the frame pandas.read_sql_query gives, and
sees what sqlite3 would see."""

from __future__ import annotations

import pandas as pd
import pytest

from tracker import frames
from tracker.db import open_db


@pytest.fixture
def table_db(fresh_db):
    fresh_db.execute("CREATE TABLE sample (id INTEGER PRIMARY KEY, n, x, note TEXT, empty TEXT)")
    with fresh_db.atomic():
        fresh_db.conn.executemany(
            "INSERT INTO sample (id, n, x, note, empty) VALUES (?, ?, ?, ?, NULL)",
            # the first two thousand notes are NULL, then text; n turns from whole to decimal
            [
                (i, i, i if i < 1500 else i + 0.5, None if i < 2000 else f"note {i}")
                for i in range(2100)
            ],
        )
    return fresh_db


@pytest.mark.parametrize(
    "sql, params",
    [
        ("SELECT * FROM sample ORDER BY id", {}),
        ("SELECT * FROM sample WHERE id >= :low ORDER BY id", {"low": 1990, "unused": 1}),
        ("SELECT * FROM sample WHERE id < 0", {}),
        ("SELECT id, note FROM sample WHERE id = :id", {"id": 2050}),
        ("SELECT id, x FROM sample WHERE id BETWEEN ? AND ? ORDER BY id", (1490, 1510)),
        ("SELECT COUNT(*) AS n, MAX(note) AS last FROM sample WHERE note IS NULL", {}),
    ],
)
def test_read_frame_is_typed_like_read_sql_query(table_db, sql, params):
    through_arrow = frames.read_frame(table_db, sql, params)
    assert frames._connections.get(table_db) is not None  # it went through Arrow
    pd.testing.assert_frame_equal(
        through_arrow, pd.read_sql_query(sql, table_db.conn, params=params)
    )


def test_read_frame_sees_uncommitted_writes_of_its_own_transaction(table_db):
    table_db.conn.execute("BEGIN")
    table_db.execute("INSERT INTO sample (id, n) VALUES (5000, 1)")
    inside = frames.read_frame(table_db, "SELECT COUNT(*) AS n FROM sample")
    table_db.conn.rollback()
    assert inside["n"].tolist() == [2101]
    assert frames.read_frame(table_db, "SELECT COUNT(*) AS n FROM sample")["n"].tolist() == [2100]


def test_read_frame_sees_what_another_connection_committed(table_db, db_path):
    assert frames.read_frame(table_db, "SELECT COUNT(*) AS n FROM sample")["n"][0] == 2100
    other = open_db(db_path)
    other.execute("DELETE FROM sample WHERE id < 100")
    other.conn.commit()
    other.close()
    assert frames.read_frame(table_db, "SELECT COUNT(*) AS n FROM sample")["n"][0] == 2000
