"""read_frame gives what pandas' read_sql_query gives, only faster."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from tracker.frames import read_arrow, read_frame, read_packed


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


# --- read_packed: the same frames, without a Python object per cell ----------------------------


@pytest.fixture
def codes():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE c (id INTEGER, code TEXT, day TEXT, ref INTEGER, gone TEXT)")
    conn.executemany(
        "INSERT INTO c VALUES (?, ?, ?, ?, NULL)",
        [
            (1, "in_progress", "2024-01-31", 7),
            (2, "stalled", None, None),
            (3, "señal ✓", "2024-02-29", 9),
            (4, "", "2025-12-31", 12345678901234),
        ],
    )
    yield conn
    conn.close()


KINDS = {"id": "int", "code": "text", "day": "text", "ref": "int", "gone": "text"}


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT id, code, day, ref, gone FROM c",
        "SELECT id, code, day, ref, gone FROM c WHERE id > 1 ORDER BY id DESC",
        "SELECT id, code, day, ref, gone FROM c WHERE ref IS NOT NULL",
        "SELECT id, code, day, ref, gone FROM c WHERE 0",
    ],
)
def test_packed_gives_the_frame_read_frame_gives(codes, sql):
    assert_frame_equal(read_packed(codes, sql, (), KINDS), read_frame(codes, sql))


def test_packed_parameters_are_bound(codes):
    got = read_packed(
        codes, "SELECT id, code FROM c WHERE id = :i", {"i": 3}, {"id": "int", "code": "text"}
    )
    assert got["code"].tolist() == ["señal ✓"]


@pytest.mark.parametrize(
    "value",
    ["a\x1fb", "\x1f", "x\x1e"],
    ids=["separator inside", "separator alone", "null marker inside"],
)
def test_a_value_holding_a_separator_is_read_the_ordinary_way(codes, value):
    codes.execute("UPDATE c SET code = ? WHERE id = 2", (value,))
    sql = "SELECT id, code, day, ref, gone FROM c"
    got = read_packed(codes, sql, (), KINDS)
    assert_frame_equal(got, read_frame(codes, sql))
    assert got.loc[1, "code"] == value


def test_a_value_not_of_its_kind_is_read_the_ordinary_way(codes):
    codes.execute("UPDATE c SET ref = 2.5 WHERE id = 1")
    sql = "SELECT id, ref FROM c"
    got = read_packed(codes, sql, (), {"id": "int", "ref": "int"})
    assert_frame_equal(got, read_frame(codes, sql))
    assert got.loc[0, "ref"] == 2.5


def _plain_columns(conn: sqlite3.Connection, sql: str) -> dict[str, list]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    return {name: [row[i] for row in rows] for i, name in enumerate(names)}


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT id, code, day, ref, gone FROM c",
        "SELECT id, code, day, ref, gone FROM c WHERE id > 1 ORDER BY id DESC",
    ],
)
def test_arrow_columns_hold_the_rows_values_and_kinds(codes, sql):
    table = read_arrow(codes, sql, (), KINDS)
    assert table.to_pydict() == _plain_columns(codes, sql)
    assert [str(t) for t in table.schema.types] == [
        "int64",
        "large_string",
        "large_string",
        "int64",
        "large_string",
    ]


def test_arrow_of_no_rows_keeps_the_column_kinds(codes):
    table = read_arrow(codes, "SELECT id, code FROM c WHERE id = :i", {"i": 99}, KINDS_2)
    assert table.num_rows == 0
    assert [str(t) for t in table.schema.types] == ["int64", "large_string"]


def test_arrow_reads_a_value_holding_a_separator_the_ordinary_way(codes):
    codes.execute("UPDATE c SET code = ? WHERE id = 2", ("a\x1fb\x1e",))
    table = read_arrow(codes, "SELECT id, code FROM c", (), KINDS_2)
    assert table["code"].to_pylist() == ["in_progress", "a\x1fb\x1e", "señal ✓", ""]


KINDS_2 = {"id": "int", "code": "text"}


PARTS = [
    "SELECT id, code, day, ref, gone FROM c WHERE id = 3",
    "SELECT id, code, day, ref, gone FROM c WHERE id > 99",  # no rows: left out
    "SELECT id, code, day, ref, gone FROM c WHERE id IN (1, 2)",
]


def test_parts_are_packed_apart_and_read_in_order(codes):
    whole = "\nUNION ALL\n".join(PARTS)
    got = read_packed(codes, PARTS, (), KINDS)
    assert_frame_equal(got, read_frame(codes, whole))
    assert got["id"].tolist() == [3, 1, 2]
    assert read_arrow(codes, PARTS, (), KINDS).to_pydict() == _plain_columns(codes, whole)


def test_parts_with_a_separator_inside_are_read_the_ordinary_way(codes):
    codes.execute("UPDATE c SET code = 'a\x1fb' WHERE id = 1")
    got = read_packed(codes, PARTS, (), KINDS)
    assert got["code"].tolist() == ["señal ✓", "a\x1fb", "stalled"]
    assert read_arrow(codes, PARTS, (), KINDS)["code"].to_pylist() == got["code"].tolist()


def test_parts_with_no_rows_at_all_give_an_empty_frame(codes):
    assert read_packed(codes, PARTS[1:2] * 2, (), KINDS).empty
    assert read_arrow(codes, PARTS[1:2] * 2, (), KINDS).num_rows == 0
