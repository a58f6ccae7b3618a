"""read_frame gives what pandas' read_sql_query gives, only faster."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from tracker.frames import read_frame


@pytest.fixture
def conn():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (i INTEGER, f REAL, s TEXT, n TEXT, b BLOB, m)")
    conn.executemany(
        "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
        [
            (1, 1.5, "a", None, b"x", 1),
            (2, None, "é ünï", None, None, "two"),
            (None, 3.0, None, None, b"", 3.5),
            (4, 2, "", None, b"z", None),
        ],
    )
    yield conn
    conn.close()


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM t",
        "SELECT i, f, s FROM t WHERE i IS NOT NULL ORDER BY i",
        "SELECT i AS x, s AS x FROM t",  # a name twice
        "SELECT n FROM t",  # nothing but NULLs
        "SELECT m FROM t",  # mixed types
        "SELECT i, s FROM t WHERE 0",  # no rows
        "SELECT COUNT(*) AS c, MAX(f) AS top FROM t",
    ],
)
def test_same_frame_as_read_sql_query(conn, sql):
    assert_frame_equal(read_frame(conn, sql), pd.read_sql_query(sql, conn))


def test_parameters_are_bound(conn):
    got = read_frame(conn, "SELECT s FROM t WHERE i = :i", {"i": 2})
    assert got["s"].tolist() == ["é ünï"]
