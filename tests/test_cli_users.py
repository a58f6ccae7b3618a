"""``tracker user add|list|remove``, driven in-process through click's CliRunner.

Happy paths check what each command prints, what it stores (the users table and the audit
log) and that an account added with ``--password-stdin`` can really sign in. Bad input (an
unknown role included) exits with status 1, prints one clear ``Error:`` line on stderr,
shows no traceback and leaves the database file byte-for-byte as it was.
"""

from __future__ import annotations

import getpass
import json

import pytest
from clikit import assert_rejected, count, file_bytes, ok, query

from tracker import users
from tracker.auth import ROLES
from tracker.dates import today
from tracker.db import open_db
from tracker.passwords import verify_password

PASSPHRASE = "a long passphrase"
TODAY = today().isoformat()


def user_rows(path) -> list[dict]:
    return query(path, "SELECT email, name, role, password_hash, created_by FROM users")


def audit_entries(path, action: str | None = None) -> list[dict]:
    sql = "SELECT actor, role, via, action, entity, entity_id, details FROM audit_log"
    if action:
        return query(path, sql + " WHERE action = ? ORDER BY id", (action,))
    return query(path, sql + " ORDER BY id")


def add(runner, path, email, role, *extra, password: str | None = None):
    args = ["user", "add", email, "--role", role, *extra]
    if password is None:
        return ok(runner, path, *args)
    return ok(runner, path, *args, "--password-stdin", input=password)


# --- user add -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_user_add_gives_an_email_a_role_without_a_password(runner, demo_file, role):
    assert count(demo_file, "users") == 0
    result = ok(runner, demo_file, "user", "add", "Lena@Example.org", "--role", role)
    assert result.stdout == f"Added lena@example.org as {role}\n"
    [row] = user_rows(demo_file)
    assert (row["email"], row["role"], row["password_hash"]) == ("lena@example.org", role, None)
    [entry] = audit_entries(demo_file, "user.add")
    assert (entry["entity"], entry["entity_id"]) == ("user", "lena@example.org")
    assert json.loads(entry["details"]) == {"role": role, "password": False}


def test_user_add_with_a_name(runner, demo_file):
    ok(runner, demo_file, "user", "add", "ana@example.org", "--role", "officer", "--name", "Ana")
    assert user_rows(demo_file)[0]["name"] == "Ana"


def test_user_add_password_stdin_stores_a_hash_that_signs_in(runner, demo_file):
    result = add(runner, demo_file, "ana@example.org", "officer", password=PASSPHRASE + "\n")
    assert result.stdout == "Added ana@example.org as officer with a password\n"
    [row] = user_rows(demo_file)
    stored = row["password_hash"]
    assert stored and PASSPHRASE not in stored  # hashed, never kept as typed
    assert verify_password(PASSPHRASE, stored)
    assert not verify_password(PASSPHRASE + "!", stored)
    db = open_db(demo_file)
    try:
        actor = users.authenticate(db, "ana@example.org", PASSPHRASE)
        assert (actor.email, actor.role, actor.via) == ("ana@example.org", "officer", "password")
        with pytest.raises(users.SignInError, match="wrong email or password"):
            users.authenticate(db, "ana@example.org", "not the passphrase")
    finally:
        db.close()
    [entry] = audit_entries(demo_file, "user.add")
    assert json.loads(entry["details"]) == {"role": "officer", "password": True}


def test_user_add_password_stdin_reads_one_line_and_drops_only_its_line_ending(runner, demo_file):
    add(runner, demo_file, "ana@example.org", "admin", password="two words here\r\nignored\n")
    stored = user_rows(demo_file)[0]["password_hash"]
    assert verify_password("two words here", stored)
    assert not verify_password("two words here\r", stored)


@pytest.mark.parametrize("stdin", ["", "\n", "\r\n"], ids=["nothing", "empty-line", "crlf"])
def test_user_add_refuses_an_empty_password_on_stdin(runner, demo_file, stdin):
    args = ["user", "add", "ana@example.org", "--role", "officer", "--password-stdin"]
    assert_rejected(runner, demo_file, args, "no password on standard input", input=stdin)
    assert count(demo_file, "users") == 0


def test_user_add_refuses_a_short_password_on_stdin(runner, demo_file):
    args = ["user", "add", "ana@example.org", "--role", "officer", "--password-stdin"]
    assert_rejected(runner, demo_file, args, "at least 10 characters", input="short\n")
    assert count(demo_file, "users") == 0


def test_user_add_refuses_a_duplicate_whatever_its_case(runner, demo_file):
    ok(runner, demo_file, "user", "add", "ana@example.org", "--role", "officer")
    audited = len(audit_entries(demo_file))
    for email in ("ana@example.org", "ANA@Example.ORG"):
        assert_rejected(
            runner,
            demo_file,
            ["user", "add", email, "--role", "admin"],
            "a user with email ana@example.org already exists",
        )
    assert [r["role"] for r in user_rows(demo_file)] == ["officer"]
    assert len(audit_entries(demo_file)) == audited


def test_user_add_refuses_something_that_is_not_an_email(runner, demo_file):
    assert_rejected(
        runner,
        demo_file,
        ["user", "add", "ana.example.org", "--role", "officer"],
        "'ana.example.org' is not an email address",
    )


@pytest.mark.parametrize(
    "args",
    [
        ["user", "add", "ana@example.org", "--role", "wizard"],
        ["user", "set-role", "ana@example.org", "wizard"],
    ],
    ids=["add", "set-role"],
)
def test_an_unknown_role_is_refused_in_one_line_naming_the_roles(runner, demo_file, args):
    """Like every other bad value: status 1, one line naming the value and the roles there
    are, nothing written."""
    error = assert_rejected(runner, demo_file, args, "unknown role 'wizard'")
    for role in ROLES:
        assert role in error


# --- user list ------------------------------------------------------------------------------------


def test_user_list_with_no_users(runner, demo_file):
    assert ok(runner, demo_file, "user", "list").stdout == "(none)\n"
    assert json.loads(ok(runner, demo_file, "user", "list", "--json").stdout) == []


def test_user_list_shows_each_user_role_and_password_flag_never_the_hash(runner, demo_file):
    add(runner, demo_file, "boss@example.org", "admin", "--name", "Boss", password=PASSPHRASE)
    ok(runner, demo_file, "user", "add", "lena@example.org", "--role", "leadership")
    ok(runner, demo_file, "user", "add", "dana@example.org", "--role", "donor")
    table = ok(runner, demo_file, "user", "list").stdout
    lines = table.splitlines()
    assert lines[0].split() == ["email", "name", "role", "has_password", "last_sign_in"]
    body = [line.split() for line in lines[2:]]
    # ordered by role, then email
    assert body == [
        ["boss@example.org", "Boss", "admin", "1"],
        ["dana@example.org", "donor", "0"],
        ["lena@example.org", "leadership", "0"],
    ]
    data = json.loads(ok(runner, demo_file, "user", "list", "--json").stdout)
    assert [(r["email"], r["role"], r["has_password"]) for r in data] == [
        ("boss@example.org", "admin", 1),
        ("dana@example.org", "donor", 0),
        ("lena@example.org", "leadership", 0),
    ]
    assert data[0]["name"] == "Boss"
    stored = user_rows(demo_file)
    hashes = [r["password_hash"] for r in stored if r["password_hash"]]
    assert len(hashes) == 1
    for output in (table, json.dumps(data)):
        assert "password_hash" not in output
        assert hashes[0] not in output
        assert PASSPHRASE not in output


def test_user_list_writes_nothing(runner, demo_file):
    ok(runner, demo_file, "user", "add", "ana@example.org", "--role", "officer")
    before = file_bytes(demo_file)
    ok(runner, demo_file, "user", "list")
    ok(runner, demo_file, "user", "list", "--json")
    assert file_bytes(demo_file) == before


# --- user remove ----------------------------------------------------------------------------------


def test_user_remove_takes_away_access_and_is_audited(runner, demo_file):
    ok(runner, demo_file, "user", "add", "boss@example.org", "--role", "admin")
    add(runner, demo_file, "ana@example.org", "officer", password=PASSPHRASE)
    result = ok(runner, demo_file, "user", "remove", "ana@example.org")
    assert result.stdout == "Removed ana@example.org\n"
    assert [r["email"] for r in user_rows(demo_file)] == ["boss@example.org"]
    [entry] = audit_entries(demo_file, "user.remove")
    assert (entry["entity_id"], json.loads(entry["details"])) == (
        "ana@example.org",
        {"role": "officer"},
    )
    db = open_db(demo_file)
    try:
        assert users.actor_for(db, "ana@example.org") is None
        with pytest.raises(users.SignInError):
            users.authenticate(db, "ana@example.org", PASSPHRASE)
    finally:
        db.close()


def test_user_remove_refuses_a_user_who_does_not_exist(runner, demo_file):
    ok(runner, demo_file, "user", "add", "ana@example.org", "--role", "officer")
    assert_rejected(
        runner,
        demo_file,
        ["user", "remove", "nobody@example.org"],
        "no user with email nobody@example.org",
    )
    assert [r["email"] for r in user_rows(demo_file)] == ["ana@example.org"]


def test_user_remove_on_an_empty_table_is_refused(runner, demo_file):
    assert_rejected(runner, demo_file, ["user", "remove", "ana@example.org"], "no user with email")


def test_user_remove_refuses_the_last_administrator(runner, demo_file):
    ok(runner, demo_file, "user", "add", "boss@example.org", "--role", "admin")
    assert_rejected(runner, demo_file, ["user", "remove", "boss@example.org"], "last administrator")
    assert [r["role"] for r in user_rows(demo_file)] == ["admin"]


# --- who the audit log names ----------------------------------------------------------------------


def test_a_cli_write_is_audited_under_the_os_user(runner, demo_file):
    ok(runner, demo_file, "user", "add", "ana@example.org", "--role", "officer")
    [entry] = audit_entries(demo_file, "user.add")
    assert (entry["actor"], entry["role"], entry["via"]) == (getpass.getuser(), "admin", "cli")
    assert user_rows(demo_file)[0]["created_by"] == getpass.getuser()


def test_the_os_user_is_asked_at_each_run(runner, demo_file, monkeypatch):
    """Not a name fixed at import: whoever runs the command is the one audited."""
    monkeypatch.setattr(getpass, "getuser", lambda: "carla-7731")
    ok(runner, demo_file, "user", "add", "ana@example.org", "--role", "officer")
    ok(runner, demo_file, "verify", "1")
    ok(runner, demo_file, "user", "remove", "ana@example.org")
    new = audit_entries(demo_file)[-3:]
    assert [(e["action"], e["actor"], e["via"]) for e in new] == [
        ("user.add", "carla-7731", "cli"),
        ("status.verification", "carla-7731", "cli"),
        ("user.remove", "carla-7731", "cli"),
    ]


def test_a_cli_write_is_audited_under_by_when_given(runner, demo_file, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "carla-7731")
    current = {
        r["ask_id"]: r["status"] for r in json.loads(ok(runner, demo_file, "asks", "--json").stdout)
    }
    new_status = "reversed" if current[2] != "reversed" else "stalled"
    before = len(audit_entries(demo_file))
    ok(runner, demo_file, "verify", "1", "--by", "Ana Pérez")
    ok(
        runner, demo_file, "update", "2", new_status, "--date", TODAY,
        "--note", "Bill withdrawn.", "--by", "Ben",
    )  # fmt: skip
    added = audit_entries(demo_file)[before:]
    assert [(e["action"], e["actor"], e["role"], e["via"]) for e in added] == [
        ("status.verification", "Ana Pérez", "admin", "cli"),
        ("status.change", "Ben", "admin", "cli"),
    ]
    assert all(e["actor"] != "carla-7731" for e in added)
