"""Opening a database made by an earlier version upgrades it in place, losing nothing."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from tracker import records
from tracker.db import READS_WITHOUT, connect, data_version, is_empty, open_db
from tracker.errors import TrackerError
from tracker.migrations import DATA_TABLES, migrations
from tracker.mix import status_mix
from tracker.standing import current_status
from tracker.vocabulary import load_vocabulary, read_vocabulary_file

ALL_MIGRATIONS = [
    "m001_core_tables",
    "m002_history_indexes_and_guards",
    "m003_data_version",
    "m004_users_and_audit",
    "m005_sign_in_sessions",
    "m006_snapshots",
    "m007_status_history_covering_index",
    "m008_status_periods",
    "m009_status_spans",
    "m010_evidence_websites",
    "m011_one_correction_per_entry",
    "m012_asks_version",
    "m013_database_identity",
    "m014_span_reach",
    "m015_snapshot_listing_index",
    "m016_append_only_refuses_replace",
    "m017_remake_unneutralised_csv_files",
    "m018_full_text_search",
    "m019_spreadsheet_imports",
    "m020_plain_status_spans",
    "m021_spans_read_by_ask",
    "m022_spans_runs_by_ask",
    "m023_one_observation_per_indicator_date",
]


def applied(db) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def schema_names(db, kind: str) -> set[str]:
    return {
        row[0] for row in db.conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))
    }


def old_database(path, stop_before: str) -> None:
    """A database as an earlier release left it: migrated up to ``stop_before``, holding the
    vocabulary, a letter, an ask and two status updates written with plain inserts."""
    db = Database(path)
    migrations.apply(db, stop_before=stop_before)
    # plain inserts, as that release did (it had no buckets)
    db["statuses"].insert_all(
        {k: v for k, v in row.items() if k != "bucket"} for row in read_vocabulary_file()
    )
    db["letters"].insert(
        {
            "id": 1,
            "title": "Old letter",
            "date_sent": "2018-07-11",
            "author_org": "WOLA",
            "cosigners": '["LAWG"]',
            "created_at": "2018-07-12T00:00:00.000000Z",
        }
    )
    db["asks"].insert(
        {
            "id": 1,
            "title": "Old ask",
            "target": "Government of Mexico",
            "theme": "Rule of law",
            "country": "Mexico",
            "added_on": "2018-07-11",
            "created_at": "2018-07-12T00:00:00.000000Z",
        }
    )
    db["letter_asks"].insert({"letter_id": 1, "ask_id": 1, "passage": "We urge"})
    for row_id, status, date in [
        (1, "no_progress", "2018-07-11"),
        (2, "in_progress", "2019-01-01"),
    ]:
        db["status_updates"].insert(
            {
                "id": row_id,
                "ask_id": 1,
                "track": "outcome",
                "status": status,
                "effective_date": date,
                "recorded_at": f"{date}T00:00:00.000000Z",
                "note": f"{status} then",
                "evidence_url": f"https://www.wola.org/{row_id}?page=2",
            }
        )
    db.close()


def assert_old_rows_kept(db) -> None:
    assert db["statuses"].count == len(read_vocabulary_file())
    assert [(r["id"], r["title"], r["cosigners"]) for r in db["letters"].rows] == [
        (1, "Old letter", '["LAWG"]')
    ]
    assert [(r["id"], r["title"]) for r in db["asks"].rows] == [(1, "Old ask")]
    assert [(r["letter_id"], r["ask_id"], r["passage"]) for r in db["letter_asks"].rows] == [
        (1, 1, "We urge")
    ]
    assert [
        (r["id"], r["status"], r["effective_date"], r["kind"], r["visibility"])
        for r in db["status_updates"].rows_where(order_by="id")
    ] == [
        (1, "no_progress", "2018-07-11", "change", "internal"),
        (2, "in_progress", "2019-01-01", "change", "internal"),
    ]


def test_database_before_data_version_is_upgraded_without_losing_rows(db_path):
    old_database(db_path, stop_before="m003_data_version")
    before = Database(db_path)
    assert applied(before) == ALL_MIGRATIONS[:2]
    assert "data_version" not in before.table_names()
    before.close()

    db = open_db(db_path)
    assert applied(db) == ALL_MIGRATIONS
    assert_old_rows_kept(db)
    # later steps write (m020 files each status's headline bucket): the counter counts them
    start = data_version(db)
    assert (
        start
        == db.conn.execute("SELECT COUNT(*) FROM statuses WHERE bucket IS NOT NULL").fetchone()[0]
    )
    # Every write now bumps the counter.
    records.record_status_update(db, 1, "stalled", effective_date="2020-01-01", note="Stopped.")
    after_update = data_version(db)
    assert after_update > start
    records.add_letter(db, title="New", date_sent="2020-02-02", author_org="WOLA")
    assert data_version(db) > after_update
    db.close()


def test_database_before_guards_is_upgraded_and_becomes_append_only(db_path):
    old_database(db_path, stop_before="m002_history_indexes_and_guards")
    before = Database(db_path)
    assert applied(before) == ALL_MIGRATIONS[:1]
    assert not any(
        name.startswith("status_updates_append_only") for name in schema_names(before, "trigger")
    )
    # The old schema allowed edits in place.
    before.conn.execute("UPDATE status_updates SET note = 'edited' WHERE id = 1")
    before.conn.commit()
    before.close()

    db = open_db(db_path)
    assert applied(db) == ALL_MIGRATIONS
    assert db["status_updates"].get(1)["note"] == "edited"
    assert db["status_updates"].count == 2
    assert db["asks"].get(1)["title"] == "Old ask"
    triggers = schema_names(db, "trigger")
    assert {"status_updates_append_only_update", "status_updates_append_only_delete"} <= triggers
    assert {f"{t}_bump_version_insert" for t in DATA_TABLES} <= triggers
    assert "idx_status_updates_history" in schema_names(db, "index")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.conn.execute("UPDATE status_updates SET note = 'again' WHERE id = 1")
    db.conn.rollback()
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.conn.execute("DELETE FROM status_updates WHERE id = 2")
    db.conn.rollback()
    assert db["status_updates"].count == 2
    before_version = data_version(db)
    records.verify_ask(db, 1, on="2020-01-01")
    assert data_version(db) > before_version
    db.close()


def test_upgraded_database_is_in_wal_mode_with_foreign_keys(db_path):
    old_database(db_path, stop_before="m003_data_version")
    db = open_db(db_path)
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_open_without_migrate_leaves_old_database_alone(db_path):
    old_database(db_path, stop_before="m003_data_version")
    db = open_db(db_path, migrate=False)
    assert [m.name for m in migrations.pending(db)] == ALL_MIGRATIONS[2:]
    assert "data_version" not in db.table_names()
    db.close()


def test_open_db_is_idempotent(db_path):
    first = open_db(db_path, create=True)
    load_vocabulary(first)
    records.add_letter(first, title="L", date_sent="2020-01-01", author_org="O")
    first_applied = [(m.name, m.applied_at) for m in migrations.applied(first)]
    version = data_version(first)
    schema = sorted(first.conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
    first.close()

    second = open_db(db_path)
    assert migrations.pending(second) == []
    assert [(m.name, m.applied_at) for m in migrations.applied(second)] == first_applied
    assert second["_sqlite_migrations"].count == len(ALL_MIGRATIONS)
    assert data_version(second) == version
    assert sorted(second.conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()) == (
        schema
    )
    assert second["letters"].count == 1
    second.close()


def test_open_db_on_missing_path_without_create_says_tracker_init(tmp_path):
    missing = tmp_path / "nowhere" / "tracker.db"
    with pytest.raises(TrackerError, match="tracker init") as info:
        open_db(missing)
    assert str(missing) in str(info.value)
    assert not missing.exists()
    assert not missing.parent.exists()


def test_open_db_with_create_makes_folder_and_schema(tmp_path):
    path = tmp_path / "new" / "folder" / "tracker.db"
    db = open_db(path, create=True)
    assert path.exists()
    assert applied(db) == ALL_MIGRATIONS
    assert set(DATA_TABLES) <= set(db.table_names())
    assert is_empty(db)
    db.close()


def test_data_version_bumps_on_every_kind_of_write(one_ask):
    db, ask_id = one_ask
    steps = [
        lambda: records.add_letter(db, title="L2", date_sent="2024-02-01", author_org="O"),
        lambda: records.link_ask(db, 2, ask_id, "again"),
        lambda: records.record_status_update(
            db, ask_id, "in_progress", effective_date="2024-03-01", note="n"
        ),
        lambda: records.add_indicator(db, name="I", direction="higher"),
        lambda: records.record_observation(db, 1, 3, date="2024-03-01"),
    ]
    for step in steps:
        before = data_version(db)
        step()
        assert data_version(db) > before


def test_data_version_unchanged_by_a_rejected_write(one_ask):
    db, ask_id = one_ask
    before = data_version(db)
    with pytest.raises(TrackerError):
        records.record_status_update(db, ask_id, "bogus", effective_date="2024-03-01", note="n")
    assert data_version(db) == before


def test_is_empty_until_something_is_stored(fresh_db):
    assert is_empty(fresh_db)  # the vocabulary alone does not count
    records.add_letter(fresh_db, title="L", date_sent="2020-01-01", author_org="O")
    assert not is_empty(fresh_db)


def test_connect_reuses_one_connection_per_thread(fresh_db, db_path):
    first = connect(db_path)
    assert connect(str(db_path)) is first
    assert applied(first) == ALL_MIGRATIONS


def test_database_before_users_and_audit_is_upgraded_without_losing_rows(db_path):
    old_database(db_path, stop_before="m004_users_and_audit")
    db = open_db(db_path)
    assert applied(db) == ALL_MIGRATIONS
    assert_old_rows_kept(db)
    assert {"users", "audit_log"} <= set(db.table_names())
    assert db.conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0
    records.record_status_update(
        db, 1, "stalled", effective_date="2020-01-01", note="after the upgrade"
    )
    assert db.conn.execute("SELECT action FROM audit_log").fetchall() == [("status.change",)]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit_log")
    db.close()


@pytest.mark.parametrize(
    "stop_before",
    ["m008_status_periods", "m009_status_spans", "m014_span_reach", "m020_plain_status_spans"],
)
def test_status_spans_are_built_for_an_existing_database(db_path, stop_before):
    """Upgrading builds the spans from the history already there, so as-of answers match."""
    old_database(db_path, stop_before=stop_before)
    db = open_db(db_path)
    assert "status_periods" not in schema_names(db, "table")
    spans = db.conn.execute(
        "SELECT status, start, stop, since, entry_id IS NOT NULL FROM status_spans "
        "WHERE ask_id = 1 AND track = 'outcome' AND variant = 'all' ORDER BY start"
    ).fetchall()
    # old_database: no_progress on 2018-07-11 (the day the ask was made), in_progress 2019-01-01
    assert spans == [
        ("no_progress", "2018-07-11", "2019-01-01", "2018-07-11", 1),
        ("in_progress", "2019-01-01", "9999-12-31", "2019-01-01", 1),
    ]
    assert current_status(db, "2018-12-31")["status"].tolist() == ["no_progress"]
    mix = status_mix(db, "2019-01-31")  # the monthly sums were built too
    assert mix.groupby("month")["count"].sum().to_dict() == {
        f"2018-{m:02d}": 1 for m in range(7, 13)
    } | {"2019-01": 1}
    assert mix[mix["count"] > 0]["status"].tolist()[-1] == "in_progress"
    db.close()


def test_evidence_websites_are_counted_for_an_existing_database(db_path):
    """Upgrading counts the evidence already there; entries recorded later add to it."""
    old_database(db_path, stop_before="m010_evidence_websites")  # two entries cite wola.org
    db = open_db(db_path)
    expected = {"www.wola.org": 2}
    before = dict(db.conn.execute("SELECT website, SUM(entries) FROM evidence_websites GROUP BY 1"))
    assert before == expected
    records.record_status_update(
        db,
        1,
        "stalled",
        effective_date="2020-01-01",
        note="Stalled",
        evidence_url="https://new.example/z",
    )
    after = dict(db.conn.execute("SELECT website, SUM(entries) FROM evidence_websites GROUP BY 1"))
    assert after == {**expected, "new.example": 1}
    db.close()


def test_asks_version_starts_on_an_existing_database_and_counts_only_ask_writes(db_path):
    """Upgrading keeps the rows; afterwards an ask write bumps the asks' counter, a status
    entry does not (the data_version counter still moves for both)."""
    old_database(db_path, stop_before="m012_asks_version")
    db = open_db(db_path)
    assert db["asks"].count == 1 and db["status_updates"].count == 2

    def versions():
        return db.conn.execute("SELECT version, asks FROM data_version").fetchone()

    start = versions()
    records.record_status_update(db, 1, "stalled", effective_date="2020-01-01", note="Stalled")
    after_entry = versions()
    assert after_entry[0] > start[0] and after_entry[1] == start[1]
    records.add_ask(
        db, title="New", target="T", theme="Press", country="Mexico", added_on="2020-01-01"
    )
    after_ask = versions()
    assert after_ask[0] > after_entry[0] and after_ask[1] > after_entry[1]
    db.close()


def test_a_write_transaction_takes_the_write_lock_when_it_begins(fresh_db, db_path):
    """Another writer waits from BEGIN on, not from the first write: a read-then-write (the
    last-admin check, the current status) cannot act on a snapshot someone else changed."""
    other = sqlite3.connect(str(db_path), timeout=0.05, isolation_level=None)
    with fresh_db.atomic():
        assert fresh_db.conn.in_transaction
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        with fresh_db.atomic():  # nested blocks still work, as savepoints
            fresh_db.execute("UPDATE data_version SET version = version")
    other.execute("BEGIN IMMEDIATE")  # released at commit
    other.execute("ROLLBACK")
    other.close()


def test_a_failed_write_transaction_rolls_back_and_releases_the_lock(fresh_db, db_path):
    before = data_version(fresh_db)
    with pytest.raises(RuntimeError), fresh_db.atomic():
        fresh_db.execute("UPDATE data_version SET version = version + 5")
        raise RuntimeError("undo")
    assert data_version(fresh_db) == before and not fresh_db.conn.in_transaction
    other = sqlite3.connect(str(db_path), timeout=0.05, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def _tables_and_triggers(db) -> set[tuple]:
    return set(db.conn.execute("SELECT type, name, sql FROM sqlite_master WHERE type != 'index'"))


@pytest.mark.parametrize("name", sorted(READS_WITHOUT))
def test_a_migration_a_read_only_open_goes_without_changes_only_indexes(db_path, name):
    """What makes it safe to read a read-only database without it: it leaves every table,
    view and trigger as they were and changes some index, or it only adds triggers that
    refuse writes (a read-only database takes none)."""
    assert name in ALL_MIGRATIONS
    later = ALL_MIGRATIONS[ALL_MIGRATIONS.index(name) + 1 :]
    db = Database(db_path)
    migrations.apply(db, stop_before=name)
    before, indexes = _tables_and_triggers(db), schema_names(db, "index")
    migrations.apply(db, stop_before=later[0] if later else None)
    assert applied(db)[-1] == name
    added = _tables_and_triggers(db) - before
    assert before <= _tables_and_triggers(db)
    if added:
        assert all(kind == "trigger" and "RAISE(ABORT" in sql for kind, _, sql in added)
        assert schema_names(db, "index") == indexes
    else:
        assert schema_names(db, "index") != indexes
    db.close()


def test_a_database_with_two_values_for_a_date_keeps_them_and_takes_no_third(db_path):
    """The rule of one value per indicator and date reaches the schema (writes made outside
    the tracker, e.g. in Datasette, included) without touching what older databases hold:
    their duplicates stay (nothing is deleted), a correction of one still goes in, and no new
    value lands on a date that already has one."""
    db = Database(db_path)
    migrations.apply(db, stop_before="m023_one_observation_per_indicator_date")
    db["indicators"].insert(
        {"id": 1, "name": "Killed", "direction": "lower", "unit": "", "created_at": "2024-01-01"}
    )
    both = [
        {"id": n, "indicator_id": 1, "date": "2023-12-31", "value": v, "recorded_at": "2024-01-0"
         f"{n}"}
        for n, v in ((1, 4.0), (2, 8.0))
    ]  # fmt: skip
    db["observations"].insert_all(both)
    db.close()
    db = open_db(db_path)
    assert applied(db)[-1] == "m023_one_observation_per_indicator_date"
    assert [r["value"] for r in db["observations"].rows] == [4.0, 8.0]
    with pytest.raises(sqlite3.IntegrityError, match="already has a value for that date"):
        db.execute(
            "INSERT INTO observations (indicator_id, date, value, recorded_at) "
            "VALUES (1, '2023-12-31', 9, '2024-01-03')"
        )
    with pytest.raises(sqlite3.IntegrityError, match="already has a value for that date"):
        db.execute("INSERT INTO observations (indicator_id, date, value, recorded_at) "
                   "VALUES (1, '2024-12-31', 5, '2025-01-01')")  # fmt: skip
        db.execute("UPDATE observations SET date = '2024-12-31' WHERE id = 1")
    db.execute("UPDATE observations SET value = 5 WHERE id = 2")  # a correction of one of them
    kept = db["observations"].rows_where("date = '2023-12-31'", order_by="id")
    assert [r["value"] for r in kept] == [4.0, 5.0]
    db.close()


def _schema(db) -> set[tuple]:
    """Every table, index, trigger and view as SQLite stores it, spacing aside (a table that
    ``transform`` rebuilt is written on one line where a fresh one keeps its CREATE text)."""
    return {
        (kind, name, " ".join((sql or "").split()).replace("( ", "(").replace(" )", ")"))
        for kind, name, sql in db.conn.execute("SELECT type, name, sql FROM sqlite_master")
        if not name.startswith("sqlite_")
    }


@pytest.mark.parametrize("stop_before", ALL_MIGRATIONS[1:])
def test_a_database_left_at_any_earlier_release_ends_with_todays_schema(tmp_path, stop_before):
    """Whatever release made a database, upgrading it gives the very tables, indexes and
    triggers a new database gets, so a superseded step (a table or index a later migration
    drops) can be left out of the chain without any database ending differently."""
    fresh = Database(tmp_path / "fresh.db")
    migrations.apply(fresh)
    old = Database(tmp_path / "old.db")
    migrations.apply(old, stop_before=stop_before)
    migrations.apply(old)
    assert applied(old) == applied(fresh) == ALL_MIGRATIONS
    assert {(kind, name) for kind, name, _ in _schema(old)} == {
        (kind, name) for kind, name, _ in _schema(fresh)
    }
    assert {
        name: [(c.name, c.type, c.notnull, c.default_value, c.is_pk) for c in old[name].columns]
        for name in old.table_names()
    } == {
        name: [(c.name, c.type, c.notnull, c.default_value, c.is_pk) for c in fresh[name].columns]
        for name in fresh.table_names()
    }
    indexes = "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
    assert set(old.conn.execute(indexes)) == set(fresh.conn.execute(indexes))
    old.close()
    fresh.close()
