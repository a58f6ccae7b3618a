"""Reading a query's result into a DataFrame: one function for the reads that return whole
lists (every ask, every month), through adbc-driver-sqlite, which fills Arrow columns in C.

Why: for a list of every ask, ``pandas.read_sql_query`` spent about as long turning sqlite3's
rows (one Python object per cell) into columns as SQLite spent answering; Arrow skips that
step. It is not a speed layer: nothing is kept, and the frames are the same, typed as
``read_sql_query`` types them (numbers, ``str`` columns; an empty result, or a column with no
values, as objects).

The Arrow connection is a second, read-only-by-use connection to the same file, opened once
per Database in autocommit mode, so every read sees the latest committed data, as sqlite3's
reads do. Reads that must see this connection's own uncommitted writes (inside a
transaction), and databases without a writable file, go through sqlite3 instead.
"""

from __future__ import annotations

import re
import weakref

import adbc_driver_sqlite.dbapi as adbc
import pandas as pd
from sqlite_utils import Database

from tracker.db import BUSY_TIMEOUT_MS, CACHE_KIB, MMAP_BYTES

# rows per Arrow batch: the driver infers each column's type from its first batch, so one
# batch for a whole result (10,000 asks, 20,000 monthly counts) types every column by all
# of its values; a later text value after a first batch of NULLs would otherwise fail
BATCH_ROWS = 1 << 24
_connections: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _arrow_connection(db: Database):
    """This Database's Arrow connection, or None when reads must go through sqlite3."""
    path = getattr(db, "path", "")
    if not path or getattr(db, "read_only", False) or db.conn.in_transaction:
        return None
    conn = _connections.get(db)
    if conn is None:
        conn = adbc.connect(str(path), autocommit=True)
        with conn.cursor() as cur:
            for pragma in (
                f"busy_timeout = {BUSY_TIMEOUT_MS}",
                f"mmap_size = {MMAP_BYTES}",
                f"cache_size = -{CACHE_KIB}",
            ):
                cur.execute(f"PRAGMA {pragma}")
                cur.fetchall()
        _connections[db] = conn
        weakref.finalize(db, conn.close)
    return conn


def read_frame(db: Database, sql: str, params: dict | tuple | list | None = None) -> pd.DataFrame:
    """The rows of ``sql`` as a DataFrame typed like ``pandas.read_sql_query``'s. ``params``:
    ``?`` values in order, or named ``:parameters`` (names the query does not use are left
    out, as sqlite3 leaves them)."""
    params = params or {}
    conn = _arrow_connection(db)
    if conn is None:
        return pd.read_sql_query(sql, db.conn, params=params)
    if isinstance(params, dict):
        params = {f":{k}": v for k, v in params.items() if re.search(rf":{re.escape(k)}\b", sql)}
    with conn.cursor() as cur:
        cur.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(BATCH_ROWS)})
        cur.execute(sql, params or None)
        table = cur.fetch_arrow_table()
    if table.num_rows == 0:
        return pd.DataFrame({name: pd.Series([], dtype=object) for name in table.column_names})
    frame = table.to_pandas()
    for name, column in zip(table.column_names, table.columns, strict=True):
        if column.null_count == table.num_rows:  # no values to type it by
            frame[name] = pd.Series([None] * table.num_rows, dtype=object, index=frame.index)
    return frame
