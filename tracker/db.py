"""Opening the SQLite store: WAL, foreign keys, a busy timeout, migrations, one connection per
thread (Streamlit runs each session in its own thread)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from tracker.errors import TrackerError
from tracker.migrations import migrations

DEFAULT_DB = Path("data/tracker.db")
MMAP_BYTES = 1 << 30
CACHE_KIB = 32 * 1024
BUSY_TIMEOUT_MS = 5000
_local = threading.local()


class TrackerDatabase(Database):
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock at once
    (``BEGIN IMMEDIATE``). A write that first reads (is this the last admin? what is the
    current status?) then waits its turn behind another writer instead of failing with "database
    is locked" when its read snapshot turns out stale (WAL cannot upgrade it)."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # nested: sqlite-utils' savepoints
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def default_db_path() -> Path:
    """The database named by ``TRACKER_DB``, else ``data/tracker.db``."""
    return Path(os.environ.get("TRACKER_DB") or DEFAULT_DB)


def open_db(path: str | Path, *, create: bool = False, migrate: bool = True) -> Database:
    """Open (and by default migrate) the database at ``path``.

    Without ``create`` a missing file is an error rather than a silently created empty database.
    """
    path = Path(path)
    if not create and not path.exists():
        raise TrackerError(
            f"no database at '{path}': create one with 'tracker init' (add --demo for sample data)."
        )
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise TrackerError(
                f"cannot create a database at '{path}': {error.strerror or error}."
            ) from None
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = TrackerDatabase(conn, execute_plugins=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    # as-of lookups touch rows all over a large file: read it through the OS page cache
    # (shared by every connection) and keep a bigger private cache than the 2 MB default
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    if migrate and migrations.pending(db):
        migrations.apply(db)
        _build_missing_spans(db)
    return db


def _build_missing_spans(db: Database) -> None:
    """Build the status spans (derived data) of a database that has asks but none: one just
    upgraded from before they existed. Migrations leave that to today's code."""
    missing = "SELECT EXISTS (SELECT 1 FROM asks) AND NOT EXISTS (SELECT 1 FROM status_spans)"
    if db.conn.execute(missing).fetchone()[0]:
        from tracker.spans import refresh_spans

        with db.atomic():
            refresh_spans(db)


def connect(path: str | Path) -> Database:
    """This thread's migrated connection to ``path``, opened once and reused."""
    key = str(Path(path).resolve())
    cache: dict[str, Database] = getattr(_local, "dbs", None) or {}
    _local.dbs = cache
    db = cache.get(key)
    if db is None:
        db = open_db(path)
        cache[key] = db
    return db


def close_thread_connections() -> None:
    """Close this thread's cached connections (the tests call it after each test)."""
    for db in (getattr(_local, "dbs", None) or {}).values():
        db.close()
    _local.dbs = {}


def data_version(db: Database) -> int:
    """A number that changes whenever anyone writes to the data: the key for read caches."""
    return db.conn.execute("SELECT version FROM data_version").fetchone()[0]


def is_empty(db: Database) -> bool:
    """True when the database holds no letters, asks or indicators yet."""
    return not any(
        db.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
        for table in ("letters", "asks", "indicators")
    )
