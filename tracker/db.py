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

from tracker.auth import Actor, acting_as
from tracker.errors import TrackerError
from tracker.migrations import migrations

DEFAULT_DB = Path("data/tracker.db")
MMAP_BYTES = 1 << 30
CACHE_KIB = 32 * 1024
# longer than the longest write (a rebuild batch, a big letter, publishing a snapshot), so a
# writer waits its turn; a wait past it is reported as "the tracker is busy" (DatabaseBusy)
BUSY_TIMEOUT_MS = 15000
_local = threading.local()
# Migrations that only add or drop indexes (reads give the same answers without them, only
# slower), or only add triggers that refuse writes (a read-only database takes none). A
# database that cannot be written opens without them (it is upgraded the next time it is
# opened with write access); any other pending migration changes what reads read. Such a
# migration added later belongs here too (tests/test_migrations.py checks each).
READS_WITHOUT = frozenset(
    {
        "m007_status_history_covering_index",
        "m015_snapshot_listing_index",
        "m021_spans_read_by_ask",
        "m022_spans_runs_by_ask",
        "m023_one_observation_per_indicator_date",  # triggers: they guard writes only
    }
)


class DatabaseBusy(TrackerError):
    """Another write held the database past the busy timeout: nothing was written; retry."""


class ReadOnlyDatabase(TrackerError):
    """The database file, or its folder, cannot be written: reads work, writes do not."""


def read_only_error(path: object) -> ReadOnlyDatabase:
    return ReadOnlyDatabase(
        f"the database '{path}' is read-only (the file, or the folder it is in, cannot be "
        "written): nothing was written. Reading still works."
    )


def translate(error: sqlite3.Error, path: object) -> TrackerError | None:
    """The TrackerError a person can act on for a database error (lock timeout, read-only)."""
    text = str(error).lower()
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseBusy(
            "the tracker is busy (another change is being saved): nothing was written, try "
            "again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return read_only_error(path)
    return None


class TrackerDatabase(Database):
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock at once
    (``BEGIN IMMEDIATE``): a write that first reads (the last admin? the current status?) waits
    its turn instead of failing with "database is locked" when WAL cannot upgrade its snapshot."""

    path: str = ""
    read_only: bool = False

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # nested: sqlite-utils' savepoints
            with super().atomic():
                yield self
            return
        if self.read_only:
            raise read_only_error(self.path)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise
        except sqlite3.OperationalError as error:  # a lock timeout, a read-only file...
            raise (translate(error, self.path) or error) from None


def default_db_path() -> Path:
    """The database named by ``TRACKER_DB``, else ``data/tracker.db``."""
    return Path(os.environ.get("TRACKER_DB") or DEFAULT_DB)


def open_db(path: str | Path, *, create: bool = False, migrate: bool = True) -> Database:
    """Open (and by default migrate) the database at ``path``; without ``create`` a missing file
    is an error rather than a silently created empty database."""
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
    # SQLite writes the file and, beside it in its folder, the WAL and journal files
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
    read_only = path.exists() and not writable
    conn = _connect(path, read_only)
    db = TrackerDatabase(conn, execute_plugins=False)
    db.path, db.read_only = str(path), read_only
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    # as-of lookups touch rows all over a large file: read it through the OS page cache
    # (shared by every connection) and keep a bigger private cache than the 2 MB default
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    if migrate and (pending := migrations.pending(db)):
        if read_only:
            if all(m.name in READS_WITHOUT for m in pending):
                return db  # read as it is: only an index is missing
            db.close()
            raise ReadOnlyDatabase(
                f"the database '{path}' needs upgrading to this version of the tracker, and "
                "it is read-only here: open it once with write access (run 'tracker init' as "
                "someone who may write the file and its folder); after that it opens "
                "read-only too."
            )
        migrations.apply(db)
        # a database upgraded from before the (derived) spans existed: today's code builds them
        missing = "SELECT EXISTS (SELECT 1 FROM asks) AND NOT EXISTS (SELECT 1 FROM status_spans)"
        if db.conn.execute(missing).fetchone()[0]:
            from tracker.spans import refresh_spans  # here: it imports this module, via dates

            with acting_as(Actor(email="migration", role="admin", via="migration")), db.atomic():
                refresh_spans(db)
    return db


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection to ``path``, read-only when it cannot be written; immutable when even that
    fails (WAL on a read-only mount cannot make its shared-memory file; nobody writes it there)."""
    timeout = BUSY_TIMEOUT_MS / 1000  # sqlite3's timeout is SQLite's busy timeout
    if not read_only:
        return sqlite3.connect(str(path), timeout=timeout)
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=timeout)


def connect(path: str | Path) -> Database:
    """This thread's migrated connection to ``path``, opened once and reused."""
    key = str(Path(path).resolve())
    cache: dict[str, Database] = vars(_local).setdefault("dbs", {})
    if key not in cache:
        cache[key] = open_db(path)
    return cache[key]


def close_thread_connections() -> None:
    """Close this thread's cached connections (the tests call it after each test)."""
    for db in vars(_local).pop("dbs", {}).values():
        db.close()


def data_version(db: Database) -> int:
    """A number that changes whenever anyone writes to the data: the key for read caches."""
    return db.conn.execute("SELECT version FROM data_version").fetchone()[0]


def setting(db: Database, key: str) -> str | None:
    """An administrators' setting (the ``settings`` table), None when it was never set."""
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def is_empty(db: Database) -> bool:
    """True when the database holds no letters, asks or indicators yet."""
    return not any(
        db.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
        for table in ("letters", "asks", "indicators")
    )
