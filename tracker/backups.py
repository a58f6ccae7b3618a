"""Backing up and restoring the tracker's database, safely while the app is running.

Both go through SQLite's online backup API, never a file copy: a copy of a WAL database may
miss the writes still in ``-wal``, and an old ``-wal`` beside a file copied over the live one
would be replayed over it, silently undoing the restore. A backup is one self-contained file,
integrity-checked before it gets its name; a restore first keeps the replaced content aside."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from tracker import audit
from tracker.auth import require
from tracker.db import open_db
from tracker.errors import TrackerError
from tracker.files import check_destination, write_atomically

REQUIRED_TABLES = ("_sqlite_migrations", "asks", "status_updates", "audit_log", "users")


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds: where it is, its size, and a few counts to check it by."""

    path: Path
    size: int
    asks: int
    status_updates: int
    users: int


def _db_file(db: Database) -> Path:
    (name,) = [row[2] for row in db.conn.execute("PRAGMA database_list") if row[1] == "main"]
    if not name:
        raise TrackerError("this database lives in memory: there is no file to back up.")
    return Path(name)


def _read_only(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def check_backup(path: Path) -> BackupInfo:
    """Open ``path`` read-only and check that it is a whole, intact tracker database."""
    path = Path(path)
    if not path.is_file():
        raise TrackerError(f"no backup at '{path}'.")
    try:
        with _read_only(path) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            missing = [t for t in REQUIRED_TABLES if t not in tables]
            if problems != ["ok"]:
                raise TrackerError(
                    f"'{path}' is damaged (SQLite's integrity check: {problems[0]}): "
                    "use another backup."
                )
            if missing:
                raise TrackerError(
                    f"'{path}' is not an Advocacy Tracker database (no {', '.join(missing)} table)."
                )
            counts = [
                conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("asks", "status_updates", "users")
            ]
    except sqlite3.DatabaseError as error:
        raise TrackerError(f"'{path}' is not a readable SQLite database ({error}).") from None
    return BackupInfo(path, path.stat().st_size, *counts)


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """The online backup of ``source`` into the new file ``target``, as one file."""
    with contextlib.closing(sqlite3.connect(str(target))) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # self-contained: no -wal beside it
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise TrackerError(f"the backup failed its integrity check ({problems[0]}).")


def backup(db: Database, out: str | Path) -> BackupInfo:
    """Back the database up to ``out`` (safe while the app writes). The file appears only
    once it is complete and checked. Administrators only: a backup holds everything,
    internal notes and password hashes included."""
    actor = require("manage_users")
    out = Path(out)
    live = _db_file(db)
    check_destination(out, live)
    with db.atomic():
        audit.log(db, "backup.made", "database", None, {"file": out.name, "by": actor.email})
    write_atomically(out, lambda temporary: _copy(db.conn, temporary), protected=live, mode=0o600)
    return check_backup(out)


def backup_bytes(db: Database) -> bytes:
    """A backup as bytes, for the app's download (made in a temporary folder, then read)."""
    with tempfile.TemporaryDirectory(prefix="tracker-backup-") as folder:
        path = Path(folder) / "tracker-backup.db"
        backup(db, path)
        return path.read_bytes()


def backup_file_name(now: dt.datetime | None = None) -> str:
    """``tracker-backup-YYYY-MM-DD-HHMM.db``: sorts by date, says what it is."""
    return f"tracker-backup-{(now or dt.datetime.now()).strftime('%Y-%m-%d-%H%M')}.db"


def restore(db: Database, backup_path: str | Path) -> Path:
    """Replace the live database's content with the checked backup's, safely while apps run;
    returns the file next to it holding the replaced content. Administrators only."""
    require("manage_users")
    backup_path = Path(backup_path)
    live = _db_file(db)
    if backup_path.exists() and backup_path.resolve() == live.resolve():
        raise TrackerError(f"'{backup_path}' is the live database itself: name a backup file.")
    info = check_backup(backup_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = live.with_name(f"{live.name}.before-restore-{stamp}")
    (before,) = db.conn.execute("SELECT max(version) FROM data_version").fetchone()
    write_atomically(aside, lambda temporary: _copy(db.conn, temporary), protected=live, mode=0o600)
    with _read_only(info.path) as source:
        try:
            source.backup(db.conn)
        except sqlite3.OperationalError as error:
            raise TrackerError(
                f"the restore could not take the database ({error}): nothing was changed; "
                f"try again (the content it would have replaced is in '{aside}')."
            ) from None
    open_db(live).close()  # migrated: the restored file may be from an older version
    with db.atomic():
        # a new identity and a version past any the running apps have seen: all they keep or
        # cache from the old content is dropped at their next rerun
        db.execute(
            "UPDATE data_version SET version = max(version, ?) + 1, "
            "identity = lower(hex(randomblob(16)))",
            (before or 0,),
        )
        details = {"from": backup_path.name, "kept_aside": aside.name}
        audit.log(db, "backup.restore", "database", None, details)
    return aside


def restore_file(path: str | Path, backup_path: str | Path) -> Path:
    """:func:`restore` into the database at ``path`` (the CLI's entry point), which must exist
    and be writable."""
    path = Path(path)
    if not path.exists():
        raise TrackerError(
            f"no database at '{path}' to restore into: create it with 'tracker init'."
        )
    if not os.access(path, os.W_OK):
        raise TrackerError(f"the database '{path}' is read-only: nothing was restored.")
    db = open_db(path)
    try:
        return restore(db, backup_path)
    finally:
        db.close()
