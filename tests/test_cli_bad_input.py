"""A corpus of hostile and mistaken command lines (issue 11): usage errors, NUL bytes, emails
that are not addresses, ``--out`` files that would destroy the database, bad backups, and
writes to a read-only database. Each must exit with status 1 and one line on stderr, and leave
the database byte-for-byte as it was (tests/clikit.py's assert_rejected)."""

from __future__ import annotations

import os
import shutil

import pytest
from clikit import assert_rejected, count, file_bytes, ok, query
from dbkit import old_database_file, read_only_folder

from tracker.db import open_db
from tracker.errors import TrackerError
from tracker.files import write_atomically
from tracker.migrations import migrations

PAST = "2020-06-30"
NOTE = ["--note", "Something happened."]

BAD_INPUT = [
    # usage errors: one line and status 1, as the README says (click said 3 lines, status 2)
    pytest.param(["asks", "--bogus"], ["No such option", "asks --help"], id="unknown-option"),
    pytest.param(["update"], ["Missing argument", "ASK_ID"], id="missing-argument"),
    pytest.param(["update", "1", "achieved"], ["--date"], id="missing-required-option"),
    pytest.param(["nosuch"], ["No such command", "nosuch"], id="unknown-command"),
    pytest.param(["stale", "--days", "many"], ["many", "integer"], id="option-not-a-number"),
    pytest.param(["verify", "1", "--track", "sideways"], ["sideways"], id="bad-choice"),
    pytest.param(["history", "1", "2"], ["unexpected extra argument"], id="extra-argument"),
    # NUL bytes
    pytest.param(["update", "1", "achieved", "--date", PAST, "--note", "a\x00b"], ["NUL"],
                 id="nul-in-note"),
    pytest.param(["add-ask", "--title", "T\x00", "--target", "T", "--theme", "T",
                  "--country", "C"], ["NUL"], id="nul-in-title"),
    pytest.param(["user", "add", "ana\x00@example.org", "--role", "officer"], ["NUL"],
                 id="nul-in-email"),
    # emails that are not addresses
    pytest.param(["user", "add", "a" * 10_000 + "@x.org", "--role", "officer"],
                 ["at most 254 characters"], id="email-10k-characters"),
    pytest.param(["user", "add", "<script>@x.org", "--role", "officer"],
                 ["is not an email address"], id="email-with-markup"),
    pytest.param(["user", "add", "ana example@x.org", "--role", "officer"],
                 ["is not an email address"], id="email-with-space"),
    pytest.param(["user", "add", "ana@example.org", "--role", "officer", "--name", "x" * 300],
                 ["at most 200 characters"], id="name-too-long"),
    pytest.param(["user", "add", "ana@example.org", "--role", "overlord"], ["overlord"],
                 id="unknown-role"),
    pytest.param(["user", "sign-out", "nobody@example.org"], ["nobody@example.org"],
                 id="sign-out-unknown-user"),
    # --out files
    pytest.param(["snapshot", "--as-of", PAST, "--out", "{db}"], ["cannot export"],
                 id="out-is-the-db"),
    pytest.param(["snapshot", "--as-of", PAST, "--out", "{db}-wal"], ["cannot export"],
                 id="out-is-the-wal"),
    pytest.param(["snapshot", "--as-of", PAST, "--out", "{dir}/link.csv"], ["database"],
                 id="out-is-a-symlink-to-the-db"),
    pytest.param(["snapshot", "--as-of", PAST, "--out", "{dir}/none/x.csv"], ["no folder"],
                 id="out-in-a-missing-folder"),
    pytest.param(["backup", "{db}"], ["database"], id="backup-over-the-db"),
    pytest.param(["backup", "{dir}/link.csv"], ["database"], id="backup-over-a-link-to-the-db"),
    pytest.param(["backup", "{dir}/none/b.db"], ["no folder"], id="backup-to-a-missing-folder"),
    # restores from what is not a backup
    pytest.param(["restore", "{dir}/none.db"], ["no backup at"], id="restore-missing-file"),
    pytest.param(["restore", "{dir}/notes.txt"], ["not a readable"], id="restore-a-text-file"),
    pytest.param(["restore", "{db}"], ["live database itself"], id="restore-the-db-itself"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "fragments"), BAD_INPUT)
def test_bad_command_lines_exit_1_with_one_line_and_change_nothing(
    runner, demo_file, args, fragments
):
    folder = demo_file.parent
    (folder / "link.csv").symlink_to(demo_file)
    (folder / "notes.txt").write_text("not a database", encoding="utf-8")
    args = [a.format(db=demo_file, dir=folder) for a in args]
    assert_rejected(runner, demo_file, args, *fragments)
    assert os.path.islink(folder / "link.csv")
    assert [p.name for p in folder.iterdir() if p.name.endswith(".part")] == []


def test_a_negative_observation_needs_no_double_dash(runner, demo_file):
    """Regression: 'tracker observe 1 -5' was read as an unknown option '-5'. (The demo's
    indicators count things, which are never negative: a balance can be.)"""
    ok(runner, demo_file, "add-indicator", "--name", "Budget balance", "--direction", "higher")
    [new] = query(demo_file, "SELECT id FROM indicators ORDER BY id DESC LIMIT 1")
    before = count(demo_file, "observations")
    ok(runner, demo_file, "observe", str(new["id"]), "-5", "--date", PAST)
    assert count(demo_file, "observations") == before + 1
    [row] = query(demo_file, "SELECT value FROM observations ORDER BY id DESC LIMIT 1")
    assert row["value"] == -5


def test_help_still_exits_0(runner, demo_file):
    result = ok(runner, demo_file, "asks", "--help")
    assert "--as-of" in result.output
    result = ok(runner, demo_file, "user")  # a group alone shows its commands
    assert "sign-out" in result.output


def test_an_export_through_a_symlink_replaces_the_link_not_its_target(runner, demo_file, tmp_path):
    """Regression: a symlink at --out was followed. Now the file is written beside it and
    renamed over the link: whatever it pointed at is untouched."""
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "report.csv"
    link.symlink_to(target)
    ok(runner, demo_file, "snapshot", "--as-of", PAST, "--out", str(link))
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not link.is_symlink() and link.read_bytes().startswith(b"Ask,")


def test_a_failed_write_leaves_no_partial_file(tmp_path):
    out = tmp_path / "report.csv"
    out.write_bytes(b"the previous export")

    def half_then_fail(temporary):
        temporary.write_bytes(b"half of it")
        raise OSError(28, "No space left on device")

    with pytest.raises(TrackerError, match="No space left on device. No file was written"):
        write_atomically(out, half_then_fail)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


# --- a read-only database ---------------------------------------------------------------------


@pytest.fixture
def read_only_db(demo_file, monkeypatch):
    """The demo database in a folder that cannot be written."""
    file_bytes(demo_file)
    with read_only_folder(demo_file, monkeypatch):
        yield demo_file


def test_reads_work_on_a_read_only_database(runner, read_only_db):
    """Regression: a plain read on a read-only folder failed with "the database refused the
    change"."""
    result = ok(runner, read_only_db, "asks")
    assert "Ayotzinapa" in result.output or len(result.output.splitlines()) > 5
    ok(runner, read_only_db, "history", "1")


@pytest.mark.parametrize(
    "args",
    [
        ["update", "1", "achieved", "--date", PAST, *NOTE],
        ["verify", "1"],
        ["user", "add", "ana@example.org", "--role", "officer"],
    ],
    ids=["update", "verify", "user-add"],
)
def test_writes_to_a_read_only_database_say_so(runner, read_only_db, args):
    assert_rejected(runner, read_only_db, args, "read-only", "nothing was written")


def test_a_read_only_database_an_index_behind_reads_as_it_is(
    runner, db_path, monkeypatch, tmp_path_factory
):
    """Regression: a database last opened before a step that only adds an index could not be
    read read-only ("needs upgrading") until someone opened it with write access. Reads do not need
    the index: they work, and the file stays as it was, still to be upgraded later."""
    old_database_file(db_path, "m022_spans_runs_by_ask")
    upgraded = tmp_path_factory.mktemp("upgraded") / "copy.db"
    shutil.copyfile(db_path, upgraded)
    commands = [["asks"], ["asks", "--as-of", "2019-12-31"], ["history", "1"], ["stale"]]
    expected = [ok(runner, upgraded, *args).stdout for args in commands]
    before = file_bytes(db_path)
    with read_only_folder(db_path, monkeypatch):
        assert [ok(runner, db_path, *args).stdout for args in commands] == expected
        assert_rejected(runner, db_path, ["verify", "1"], "read-only", "nothing was written")
    assert file_bytes(db_path) == before
    db = open_db(db_path, migrate=False)
    assert [m.name for m in migrations.pending(db)] == [
        "m022_spans_runs_by_ask",
        "m023_one_observation_per_indicator_date",
    ]
    db.close()


def test_a_read_only_database_a_table_behind_says_to_open_it_writable(runner, db_path, monkeypatch):
    """A database whose tables changed since (the spans were remade) cannot be read by this
    version: one sentence saying what to do, never a traceback."""
    old_database_file(db_path, "m020_plain_status_spans", people=None)
    with read_only_folder(db_path, monkeypatch):
        assert_rejected(
            runner, db_path, ["asks"], "needs upgrading", "read-only", "with write access"
        )


def test_snapshot_exports_work_on_a_read_only_database(
    runner, demo_file, monkeypatch, tmp_path_factory
):
    """A read-only database keeps no export file, but makes and gives every one."""
    out = tmp_path_factory.mktemp("exports") / "a.csv"
    ok(
        runner,
        demo_file,
        "snapshots",
        "publish",
        "--as-of",
        PAST,
        "--title",
        "T",
        "--narrative",
        "N",
    )
    with read_only_folder(demo_file, monkeypatch):
        ok(runner, demo_file, "snapshots", "export", "1", "--out", str(out))
        assert out.read_bytes().startswith(b"Ask,")
