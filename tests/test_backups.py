"""Backups made while the app writes, and restores that stay restored (issue 11, item 11)."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from contextlib import closing

import pytest
from clikit import assert_rejected, ok, query
from conftest import ADMIN

from tracker import backups, records
from tracker.auth import Actor, PermissionDenied, acting_as, set_actor
from tracker.db import open_db
from tracker.errors import TrackerError


def _entries(path) -> int:
    return query(path, "SELECT COUNT(*) AS n FROM status_updates")[0]["n"]


def _record(db, ask: int, day: int) -> None:
    records.record_status_update(
        db, ask, "in_progress", effective_date=f"2024-02-{day:02d}", note=f"Entry {day}."
    )


def test_a_backup_made_while_another_connection_writes_is_whole_and_checked(one_ask, tmp_path):
    db, ask = one_ask
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    stop, written = threading.Event(), []

    def keep_writing():
        set_actor(ADMIN)  # a thread starts with nobody acting
        writer = open_db(path)
        day = 1
        while not stop.is_set() and day < 28:
            _record(writer, ask, day)
            written.append(day)
            day += 1
        writer.close()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        while len(written) < 3 and thread.is_alive():
            threading.Event().wait(0.01)
        info = backups.backup(db, tmp_path / "copy.db")
    finally:
        stop.set()
        thread.join()
    assert info.asks == 1 and 3 <= info.status_updates <= len(written)
    assert not (tmp_path / "copy.db-wal").exists()
    with closing(sqlite3.connect(tmp_path / "copy.db")) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        # one consistent moment: each entry's spans are there with it
        entries = copy.execute("SELECT COUNT(*) FROM status_updates").fetchone()[0]
        assert entries == info.status_updates
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_restore_undoes_later_writes_and_keeps_them_aside(demo_file, tmp_path, runner):
    """Regression: copying a backup over the live file with an old -wal beside it replayed the
    WAL over the restore (300 later rows came back). Restore goes through SQLite instead."""
    ok(runner, demo_file, "backup", str(tmp_path / "before.db"))
    before = _entries(demo_file)
    app = open_db(demo_file)  # a running app's connection, with a WAL open beside the file
    (version,) = app.conn.execute("SELECT version FROM data_version").fetchone()
    for day in range(1, 21):
        _record(app, 1, day)
    assert _entries(demo_file) == before + 20
    result = ok(runner, demo_file, "restore", str(tmp_path / "before.db"))
    assert "the replaced content is in" in result.output
    assert _entries(demo_file) == before
    # the running app reads the restored content, with a new version and identity
    assert app.conn.execute("SELECT COUNT(*) FROM status_updates").fetchone()[0] == before
    (after, identity) = app.conn.execute("SELECT version, identity FROM data_version").fetchone()
    assert after > version + 20
    app.close()
    open_db(demo_file).close()  # the last connection closes; nothing replays later rows
    assert _entries(demo_file) == before
    [aside] = list(tmp_path.glob("tracker.db.before-restore-*"))
    assert _entries(aside) == before + 20
    actions = [r["action"] for r in query(demo_file, "SELECT action FROM audit_log ORDER BY id")]
    assert actions[-1] == "backup.restore"
    assert identity != query(aside, "SELECT identity FROM data_version")[0]["identity"]


def test_restore_refuses_a_damaged_or_foreign_file_and_changes_nothing(demo_file, tmp_path, runner):
    ok(runner, demo_file, "backup", str(tmp_path / "good.db"))
    damaged = tmp_path / "damaged.db"
    data = bytearray((tmp_path / "good.db").read_bytes())
    data[8192:12288] = b"\xff" * 4096
    damaged.write_bytes(bytes(data))
    foreign = tmp_path / "foreign.db"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    (tmp_path / "text.db").write_text("not a database")
    assert_rejected(runner, demo_file, ["restore", str(damaged)], "damaged")
    assert_rejected(runner, demo_file, ["restore", str(foreign)], "not an Advocacy Tracker")
    assert_rejected(runner, demo_file, ["restore", str(tmp_path / "text.db")], "not a readable")
    assert_rejected(runner, demo_file, ["restore", str(tmp_path / "none.db")], "no backup at")
    assert_rejected(runner, demo_file, ["restore", str(demo_file)], "live database itself")
    assert list(tmp_path.glob("*.before-restore-*")) == []


@pytest.mark.parametrize("name", ["tracker.db", "tracker.db-wal", "link.db"])
def test_a_backup_never_overwrites_the_database(demo_file, runner, name):
    (demo_file.parent / "link.db").symlink_to(demo_file)
    assert_rejected(runner, demo_file, ["backup", str(demo_file.parent / name)], "database")


def test_backups_are_for_administrators(one_ask, tmp_path):
    db, _ = one_ask
    with acting_as(Actor("lead@example.org", "leadership")), pytest.raises(PermissionDenied):
        backups.backup(db, tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()


def test_backup_bytes_are_a_restorable_database(one_ask, tmp_path):
    db, _ = one_ask
    (tmp_path / "download.db").write_bytes(backups.backup_bytes(db))
    assert backups.check_backup(tmp_path / "download.db").asks == 1
    with pytest.raises(TrackerError):
        backups.check_backup(tmp_path / "missing.db")
    shutil.copyfile(tmp_path / "download.db", tmp_path / "again.db")
    assert backups.restore(db, tmp_path / "again.db").exists()


def test_a_backup_is_readable_by_its_owner_only(one_ask, tmp_path):
    """It holds password hashes and internal notes."""
    db, _ = one_ask
    backups.backup(db, tmp_path / "copy.db")
    assert (tmp_path / "copy.db").stat().st_mode & 0o777 == 0o600
