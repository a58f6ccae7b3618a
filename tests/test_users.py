"""Built-in accounts: password hashing, users and roles, sign-in with lockout, the first run,
sessions, and the Actor a signed-in email gets.

scrypt costs tens of milliseconds per hash, so users are created without a password unless the
test is about passwords, and each test hashes only a handful of times."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading

import pytest
from conftest import PRODUCTION_SCRYPT_N
from dbkit import audit_rows, dump

from tracker import passwords, users
from tracker.auth import Actor, PermissionDenied, acting_as
from tracker.db import open_db
from tracker.errors import FormErrors, NotFound, TrackerError, ValidationError
from tracker.passwords import hash_password, password_problem, verify_password
from tracker.users import SignInError

PASSWORD = "correct horse battery"
WRONG = "wrong horse battery"
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def user_row(db, email: str) -> dict:
    return next(db["users"].rows_where("email = ?", [email]))


@pytest.fixture
def db(fresh_db):
    return fresh_db


@pytest.fixture(scope="module")
def password_hash() -> str:
    """PASSWORD hashed once for the whole module (scrypt is deliberately slow), at the cost
    the tests hash at (conftest; set before the per-test patch, so set here too)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "N", 2**14)
        return hash_password(PASSWORD)


def session(db, email: str, now: dt.datetime) -> str:
    """A session token for ``email`` (whose password is PASSWORD), through a real sign-in."""
    return users.sign_in(db, email, PASSWORD, now=now)[1]


@pytest.fixture
def with_password(db, password_hash):
    """An officer whose built-in password is PASSWORD; returns the database. (Adding a user with
    a password through add_user is tested on its own; here the module's one hash is reused.)"""
    users.add_user(db, "officer@example.org", "officer", name="Olga")
    db.execute(
        "UPDATE users SET password_hash = ? WHERE email = ?", (password_hash, "officer@example.org")
    )
    return db


def sign_in_wrong(db, email: str, times: int, now: dt.datetime) -> list[str]:
    """``times`` wrong-password attempts at ``now``; the error messages, in order."""
    messages = []
    for _ in range(times):
        with pytest.raises(SignInError) as info:
            users.authenticate(db, email, WRONG, now=now)
        messages.append(str(info.value))
    return messages


# --- passwords ---------------------------------------------------------------------------------


def test_hashing_the_same_password_twice_uses_different_salts_and_both_verify(password_hash):
    first, second = password_hash, hash_password(PASSWORD)
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]  # scrypt$n$r$p$salt$hash
    assert verify_password(PASSWORD, first)
    assert verify_password(PASSWORD, second)


def test_hash_is_tagged_scrypt_and_never_contains_the_password(password_hash):
    stored = password_hash
    assert stored.startswith("scrypt$")
    assert len(stored.split("$")) == 6
    assert PASSWORD not in stored
    assert PASSWORD.encode().hex() not in stored


def test_verify_password_is_false_for_a_wrong_or_nearly_right_password(password_hash):
    stored = password_hash
    assert not verify_password(WRONG, stored)
    assert not verify_password(PASSWORD + " ", stored)
    assert not verify_password(PASSWORD.upper(), stored)
    assert not verify_password("", stored)


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "",
        PASSWORD,  # a plain-text password in the column is never accepted
        "scrypt$",
        "scrypt$16384$8$1$onlyfive",
        "scrypt$16384$8$1$salt$hash$extra",
        "scrypt$n$r$p$c2FsdA==$aGFzaA==",
        "scrypt$16384$8$1$!!!$!!!",
        "scrypt$16384$8$1$c2FsdA==$",
        "scrypt$3$8$1$c2FsdA==$aGFzaA==",  # n not a power of two
        "bcrypt$2b$12$somethingelse",
    ],
)
def test_verify_password_is_false_for_malformed_stored_values(stored):
    assert verify_password(PASSWORD, stored) is False


@pytest.mark.parametrize("password", ["", "short", "nine char"])
def test_password_problem_rejects_passwords_shorter_than_the_minimum(password):
    problem = password_problem(password)
    assert problem is not None
    assert str(passwords.MIN_LENGTH) in problem


def test_password_problem_rejects_surrounding_spaces_and_accepts_a_long_enough_password():
    assert password_problem(" " + PASSWORD) is not None
    assert password_problem(PASSWORD + " ") is not None
    assert password_problem("x" * passwords.MIN_LENGTH) is None
    assert password_problem(PASSWORD) is None


# --- users and roles ----------------------------------------------------------------------------


NOT_EMAILS = ["<script>@x.org", "ana@exa mple.org", "ana\x00@example.org", "ana@@example.org"]
NOT_EMAILS += ["ana..b@example.org", '"ana"@example.org']
ADD_USER_REFUSALS = [
    *[
        (email, {}, [f"'{email}'"], "email")
        for email in ["not-an-email", "ana@", "@example.org", "ana @example.org"]
    ],
    ("", {}, ["type the email address"], "email"),
    ("a" * 10_000 + "@x.org", {}, ["at most 254 characters"], "email"),
    *[(email, {}, ["is not an email address"], "email") for email in NOT_EMAILS],
    ("ana@example.org", {"role": "superuser"}, ["'superuser'", "officer"], "role"),
    ("ana@example.org", {"password": "short"}, ["at least"], "password"),
    ("ana@example.org", {"name": "Ana\x00"}, ["control characters"], "name"),
]


@pytest.mark.parametrize(("email", "changes", "fragments", "field"), ADD_USER_REFUSALS)
def test_add_user_refuses_and_writes_nothing(db, email, changes, fragments, field):
    """Each refusal names what was wrong (the roles that exist, for a role) and which field,
    in a short printable sentence, and leaves the database as it was."""
    before = dump(db)
    with pytest.raises(ValidationError) as info:
        users.add_user(db, email, **({"role": "officer"} | changes))
    message = str(info.value)
    assert all(fragment in message for fragment in fragments), message
    assert info.value.field == field
    assert "\x00" not in message and len(message) < 200
    assert dump(db) == before


def test_add_user_stores_the_email_in_lowercase_and_returns_the_user_without_a_hash(db):
    user = users.add_user(db, "  Ana.Lopez@Example.ORG ", "leadership", name=" Ana ")
    assert user == {
        "email": "ana.lopez@example.org",
        "name": "Ana",
        "role": "leadership",
        "has_password": 0,
        "last_sign_in": None,
    }
    stored = user_row(db, "ana.lopez@example.org")
    assert stored["email"] == "ana.lopez@example.org"
    assert stored["created_by"] == "admin@example.org"


def test_add_user_refuses_a_duplicate_email_whatever_its_case(db):
    users.add_user(db, "ana@example.org", "officer")
    before = dump(db)
    with pytest.raises(ValidationError, match="ana@example.org already exists"):
        users.add_user(db, "ANA@Example.org", "admin")
    assert dump(db) == before
    assert users.get_user(db, "ana@example.org")["role"] == "officer"


def test_add_user_with_a_password_stores_only_its_hash(db):
    users.add_user(db, "ana@example.org", "officer", password=PASSWORD)
    stored = user_row(db, "ana@example.org")["password_hash"]
    assert stored.startswith("scrypt$")
    assert verify_password(PASSWORD, stored)
    assert PASSWORD not in dump(db)


def test_set_role_changes_the_role_and_audits_from_and_to(db):
    users.add_user(db, "ana@example.org", "officer")
    assert users.set_role(db, "ana@example.org", "leadership")["role"] == "leadership"
    entry = audit_rows(db, "user.role")[-1]
    assert entry["entity_id"] == "ana@example.org"
    assert json.loads(entry["details"]) == {
        "from": "officer",
        "to": "leadership",
        "sessions_ended": 0,
    }


def test_set_role_refuses_an_unknown_role_and_an_unknown_user(db):
    users.add_user(db, "ana@example.org", "officer")
    with pytest.raises(ValidationError, match="'boss'"):
        users.set_role(db, "ana@example.org", "boss")
    with pytest.raises(NotFound, match="nobody@example.org"):
        users.set_role(db, "nobody@example.org", "officer")
    assert users.get_user(db, "ana@example.org")["role"] == "officer"


def test_the_last_administrator_cannot_be_demoted_or_removed(db):
    users.add_user(db, "boss@example.org", "admin")
    users.add_user(db, "ana@example.org", "officer")
    before = dump(db)
    with pytest.raises(ValidationError, match="last administrator"):
        users.set_role(db, "boss@example.org", "officer")
    with pytest.raises(ValidationError, match="last administrator"):
        users.remove_user(db, "boss@example.org")
    assert dump(db) == before
    # Keeping the role is not a demotion.
    assert users.set_role(db, "boss@example.org", "admin")["role"] == "admin"


def test_an_administrator_can_be_demoted_or_removed_while_another_remains(db):
    users.add_user(db, "boss@example.org", "admin")
    users.add_user(db, "deputy@example.org", "admin")
    assert users.set_role(db, "boss@example.org", "officer")["role"] == "officer"
    with pytest.raises(ValidationError, match="last administrator"):
        users.remove_user(db, "deputy@example.org")
    users.set_role(db, "boss@example.org", "admin")
    users.remove_user(db, "deputy@example.org")
    assert users.get_user(db, "deputy@example.org") is None
    assert [r["role"] for r in db["users"].rows] == ["admin"]


def test_remove_user_takes_access_away_and_audits_it(db):
    users.add_user(db, "ana@example.org", "officer")
    users.remove_user(db, "ANA@example.org")
    assert users.get_user(db, "ana@example.org") is None
    assert users.actor_for(db, "ana@example.org") is None
    entry = audit_rows(db, "user.remove")[-1]
    assert (entry["entity_id"], json.loads(entry["details"])) == (
        "ana@example.org",
        {"role": "officer"},
    )
    with pytest.raises(NotFound):
        users.remove_user(db, "ana@example.org")


def test_list_users_never_shows_a_password_hash(with_password):
    db = with_password
    users.add_user(db, "lead@example.org", "leadership")
    stored = user_row(db, "officer@example.org")["password_hash"]
    listing = users.list_users(db)
    assert list(listing["email"]) == ["lead@example.org", "officer@example.org"]
    assert "password_hash" not in listing.columns
    cells = {str(value) for value in listing.to_numpy().ravel()}
    assert stored not in cells
    assert not any(cell.startswith("scrypt$") for cell in cells)
    assert dict(zip(listing["email"], listing["has_password"], strict=True)) == {
        "lead@example.org": 0,
        "officer@example.org": 1,
    }


def test_get_user_never_returns_the_password_hash(with_password):
    user = users.get_user(with_password, "officer@example.org")
    assert "password_hash" not in user
    assert user["has_password"] == 1
    assert not any(str(value).startswith("scrypt$") for value in user.values())


# --- passwords set later --------------------------------------------------------------------------


def test_anyone_can_set_their_own_password(db):
    users.add_user(db, "lead@example.org", "leadership")
    with acting_as(Actor("lead@example.org", "leadership")):
        users.set_password(db, "lead@example.org", PASSWORD)
    assert users.authenticate(db, "lead@example.org", PASSWORD, now=T0).role == "leadership"
    entry = audit_rows(db, "user.password")[-1]
    assert (entry["actor"], entry["entity_id"]) == ("lead@example.org", "lead@example.org")
    assert PASSWORD not in dump(db)


def test_set_password_refuses_a_too_short_password_and_an_unknown_user(db):
    users.add_user(db, "ana@example.org", "officer")
    before = dump(db)
    with pytest.raises(ValidationError, match="at least"):
        users.set_password(db, "ana@example.org", "short")
    with pytest.raises(NotFound, match="nobody@example.org"):
        users.set_password(db, "nobody@example.org", PASSWORD)
    assert dump(db) == before


def test_an_administrator_setting_a_password_unlocks_the_account(with_password):
    db = with_password
    sign_in_wrong(db, "officer@example.org", users.MAX_FAILED_ATTEMPTS, T0)
    assert user_row(db, "officer@example.org")["locked_until"] is not None
    users.set_password(db, "officer@example.org", "a brand new password")
    row = user_row(db, "officer@example.org")
    assert (row["failed_attempts"], row["locked_until"]) == (0, None)
    actor = users.authenticate(db, "officer@example.org", "a brand new password", now=T0)
    assert actor.email == "officer@example.org"


# --- sign-in --------------------------------------------------------------------------------------


def test_the_right_password_signs_in_with_the_stored_role(with_password):
    db = with_password
    actor = users.authenticate(db, " Officer@Example.org ", PASSWORD, now=T0)
    assert actor == Actor(email="officer@example.org", role="officer", name="Olga", via="password")
    assert user_row(db, "officer@example.org")["last_sign_in"] == T0.isoformat()
    entry = audit_rows(db, "sign-in")[-1]
    assert (entry["actor"], entry["role"], entry["via"]) == (
        "officer@example.org",
        None,
        "sign-in",
    )


def test_sign_in_uses_the_role_in_the_table_after_it_changes(with_password):
    db = with_password
    users.set_role(db, "officer@example.org", "donor")
    assert users.authenticate(db, "officer@example.org", PASSWORD, now=T0).role == "donor"


def test_a_wrong_password_is_refused_counted_and_audited(with_password):
    db = with_password
    before = len(audit_rows(db))
    assert sign_in_wrong(db, "officer@example.org", 1, T0) == ["wrong email or password."]
    assert user_row(db, "officer@example.org")["failed_attempts"] == 1
    entries = audit_rows(db)[before:]
    assert [(e["action"], e["actor"], e["entity_id"]) for e in entries] == [
        ("sign-in.failed", "officer@example.org", "officer@example.org")
    ]


def test_an_unknown_email_gets_the_same_message_as_a_wrong_password(with_password):
    db = with_password
    before = dump(db)
    with pytest.raises(SignInError) as unknown:
        users.authenticate(db, "nobody@example.org", PASSWORD, now=T0)
    [wrong] = sign_in_wrong(db, "officer@example.org", 1, T0)
    assert str(unknown.value) == wrong == "wrong email or password."
    assert unknown.value.field == "password"
    # Nothing is written for an email without an account (no row to hint that it was tried).
    assert "nobody@example.org" not in dump(db)
    assert "nobody@example.org" not in before


def test_an_unknown_email_costs_as_much_as_a_wrong_password(with_password, monkeypatch):
    """The response time must not tell whether an email has an account: both refusals run the
    same number of scrypt derivations (after the one-off set-up of the stand-in hash)."""
    db = with_password
    with pytest.raises(SignInError):  # warm-up: the stand-in hash may be made once
        users.authenticate(db, "warm-up@example.org", PASSWORD, now=T0)
    calls = []
    real_scrypt = hashlib.scrypt

    def counting_scrypt(*args, **kwargs):
        calls.append(kwargs.get("n"))
        return real_scrypt(*args, **kwargs)

    monkeypatch.setattr(passwords.hashlib, "scrypt", counting_scrypt)
    with pytest.raises(SignInError):
        users.authenticate(db, "nobody@example.org", PASSWORD, now=T0)
    unknown_calls = list(calls)
    calls.clear()
    with pytest.raises(SignInError):
        users.authenticate(db, "officer@example.org", WRONG, now=T0)
    assert unknown_calls == calls == [passwords.N]


def test_five_wrong_attempts_lock_the_account_for_fifteen_minutes(with_password):
    db = with_password
    email = "officer@example.org"
    messages = sign_in_wrong(db, email, users.MAX_FAILED_ATTEMPTS, T0)
    assert messages[:-1] == ["wrong email or password."] * (users.MAX_FAILED_ATTEMPTS - 1)
    assert "locked for 15 minutes" in messages[-1]
    assert user_row(db, email)["locked_until"] == (T0 + dt.timedelta(minutes=15)).isoformat()

    for later in (T0, T0 + dt.timedelta(minutes=1), T0 + dt.timedelta(minutes=14)):
        with pytest.raises(SignInError, match="locked") as info:
            users.authenticate(db, email, PASSWORD, now=later)
        assert "wrong email or password" not in str(info.value)

    actor = users.authenticate(db, email, PASSWORD, now=T0 + dt.timedelta(minutes=16))
    assert actor.role == "officer"
    row = user_row(db, email)
    assert (row["failed_attempts"], row["locked_until"]) == (0, None)


def test_locking_is_audited_after_the_failed_attempts(with_password):
    db = with_password
    before = len(audit_rows(db))
    sign_in_wrong(db, "officer@example.org", users.MAX_FAILED_ATTEMPTS, T0)
    actions = [e["action"] for e in audit_rows(db)[before:]]
    assert actions == ["sign-in.failed"] * (users.MAX_FAILED_ATTEMPTS - 1) + ["sign-in.locked"]
    assert {e["actor"] for e in audit_rows(db)[before:]} == {"officer@example.org"}


def test_a_wrong_password_after_the_lockout_ends_starts_a_new_count(with_password):
    db = with_password
    email = "officer@example.org"
    sign_in_wrong(db, email, users.MAX_FAILED_ATTEMPTS, T0)
    after = T0 + users.LOCKOUT + dt.timedelta(minutes=1)
    assert sign_in_wrong(db, email, 1, after) == ["wrong email or password."]
    row = user_row(db, email)
    assert (row["failed_attempts"], row["locked_until"]) == (1, None)


def test_a_successful_sign_in_resets_the_failed_attempts(with_password):
    db = with_password
    email = "officer@example.org"
    sign_in_wrong(db, email, users.MAX_FAILED_ATTEMPTS - 1, T0)
    assert user_row(db, email)["failed_attempts"] == users.MAX_FAILED_ATTEMPTS - 1
    users.authenticate(db, email, PASSWORD, now=T0)
    assert user_row(db, email)["failed_attempts"] == 0
    # Another four wrong attempts do not lock: the count started again.
    assert sign_in_wrong(db, email, users.MAX_FAILED_ATTEMPTS - 1, T0)[-1] == (
        "wrong email or password."
    )
    assert user_row(db, email)["locked_until"] is None
    assert users.authenticate(db, email, PASSWORD, now=T0).email == email


def test_wrong_attempts_made_at_the_same_time_are_all_counted(with_password, db_path, monkeypatch):
    """Two sign-ins racing on separate connections must not lose a failed attempt (otherwise
    parallel guessing never reaches the lockout)."""
    db = with_password
    email = "officer@example.org"
    sign_in_wrong(db, email, users.MAX_FAILED_ATTEMPTS - 2, T0)
    other = open_db(db_path)
    real_verify = users.verify_password
    raced = []

    def verify_while_another_attempt_lands(password, stored):
        if not raced:
            raced.append(True)
            sign_in_wrong(other, email, 1, T0)  # completes while the first is mid-check
        return real_verify(password, stored)

    monkeypatch.setattr(users, "verify_password", verify_while_another_attempt_lands)
    try:
        with pytest.raises(SignInError, match="wrong email or password"):
            users.authenticate(db, email, WRONG, now=T0)
    finally:
        other.close()
    assert user_row(db, email)["locked_until"] is not None
    assert [r["action"] for r in audit_rows(db)][-2:] == ["sign-in.locked", "sign-in.failed"]


def test_parallel_guesses_get_no_more_tries_than_the_limit(with_password, db_path):
    """Regression: 8 parallel sessions got 12 guesses against a limit of 5, because each
    attempt was counted only after its (slow) password check. Now each is counted under the
    write lock first; guesses past the limit are refused without checking the password."""
    email = "officer@example.org"
    checked = []
    real_verify = users.verify_password
    barrier = threading.Barrier(8)

    def slow_verify(password, stored):
        checked.append(password)
        return real_verify(password, stored)

    def guess(number: int) -> str:
        conn = open_db(db_path)
        try:
            barrier.wait()
            for attempt in range(3):
                try:
                    users.authenticate(conn, email, f"guess {number} {attempt}", now=T0)
                except SignInError as error:
                    outcomes.append(str(error))
        finally:
            conn.close()

    outcomes: list[str] = []
    original = users.verify_password
    users.verify_password = slow_verify
    try:
        threads = [threading.Thread(target=guess, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        users.verify_password = original
    assert len(outcomes) == 24
    assert len([p for p in checked if p.startswith("guess")]) == users.MAX_FAILED_ATTEMPTS
    assert sum("locked" in o for o in outcomes) == 24 - users.MAX_FAILED_ATTEMPTS + 1
    with pytest.raises(SignInError, match="locked"):
        users.authenticate(with_password, email, PASSWORD, now=T0)


def test_a_user_without_a_password_cannot_sign_in_with_one(db):
    users.add_user(db, "oidc@example.org", "officer")
    with pytest.raises(SignInError, match="wrong email or password"):
        users.authenticate(db, "oidc@example.org", "any password at all", now=T0)
    with pytest.raises(SignInError, match="enter your password"):  # empty: nothing to check
        users.authenticate(db, "oidc@example.org", "", now=T0)


# --- first run ------------------------------------------------------------------------------------


def test_the_first_administrator_can_be_created_while_there_are_no_users(db):
    before = len(audit_rows(db))
    with acting_as(None):
        actor = users.create_first_admin(db, "Boss@Example.org", PASSWORD, "Boss")
    assert actor == Actor(email="boss@example.org", role="admin", name="Boss", via="first-run")
    assert users.get_user(db, "boss@example.org")["role"] == "admin"
    assert user_row(db, "boss@example.org")["created_by"] == "first-run"
    [entry] = audit_rows(db)[before:]
    assert (entry["actor"], entry["role"], entry["via"], entry["action"]) == (
        "boss@example.org",
        "admin",
        "first-run",
        "user.add",
    )
    assert json.loads(entry["details"]) == {"role": "admin", "first_run": True}
    assert users.authenticate(db, "boss@example.org", PASSWORD, now=T0).role == "admin"


def test_a_second_first_administrator_is_refused(db):
    with acting_as(None):
        users.create_first_admin(db, "boss@example.org", PASSWORD)
        before = dump(db)
        with pytest.raises(TrackerError, match="already exists"):
            users.create_first_admin(db, "intruder@example.org", PASSWORD)
    assert dump(db) == before
    assert users.count_users(db) == 1
    assert not db.conn.in_transaction


def test_first_run_is_refused_once_any_user_exists(db):
    users.add_user(db, "ana@example.org", "donor")
    before = dump(db)
    with acting_as(None), pytest.raises(TrackerError, match="already exists"):
        users.create_first_admin(db, "intruder@example.org", PASSWORD)
    assert dump(db) == before
    assert users.get_user(db, "intruder@example.org") is None


def test_a_refused_first_administrator_leaves_the_first_run_open(db):
    before = dump(db)
    with acting_as(None):
        with pytest.raises(ValidationError, match="at least"):
            users.create_first_admin(db, "boss@example.org", "short")
        with pytest.raises(ValidationError, match="not-an-email"):
            users.create_first_admin(db, "not-an-email", PASSWORD)
        assert dump(db) == before
        assert not db.conn.in_transaction
        assert users.create_first_admin(db, "boss@example.org", PASSWORD).role == "admin"


# --- sessions -------------------------------------------------------------------------------------


def test_a_session_stores_only_the_hash_of_its_token(with_password):
    db = with_password
    token = session(db, "Officer@Example.org", T0)
    assert len(token) >= 32
    [row] = db["sign_in_sessions"].rows
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert row["email"] == "officer@example.org"
    assert row["expires_at"] == (T0 + users.SESSION_LIFETIME).isoformat()
    assert token not in dump(db)


def test_each_session_gets_its_own_token(with_password):
    db = with_password
    first = session(db, "officer@example.org", T0)
    second = session(db, "officer@example.org", T0)
    assert first != second
    assert users.email_for_session(db, first, now=T0) == "officer@example.org"
    assert users.email_for_session(db, second, now=T0) == "officer@example.org"


def test_a_session_finds_its_email_until_it_expires(with_password):
    db = with_password
    token = session(db, "officer@example.org", T0)
    lifetime = users.SESSION_LIFETIME
    assert users.email_for_session(db, token, now=T0) == "officer@example.org"
    just_before = T0 + lifetime - dt.timedelta(seconds=1)
    assert users.email_for_session(db, token, now=just_before) == "officer@example.org"
    assert users.email_for_session(db, token, now=T0 + lifetime) is None
    assert users.email_for_session(db, token, now=T0 + lifetime + dt.timedelta(days=1)) is None


def test_a_wrong_or_missing_token_finds_nobody(with_password):
    db = with_password
    token = session(db, "officer@example.org", T0)
    assert users.email_for_session(db, token + "x", now=T0) is None
    assert users.email_for_session(db, "not-a-token", now=T0) is None
    assert users.email_for_session(db, "", now=T0) is None
    assert users.email_for_session(db, None, now=T0) is None
    # The stored hash is not a token: presenting it does not sign anyone in.
    stored = db.conn.execute("SELECT token_hash FROM sign_in_sessions").fetchone()[0]
    assert users.email_for_session(db, stored, now=T0) is None


def test_ending_a_session_signs_out_that_session_only(with_password):
    db = with_password
    phone = session(db, "officer@example.org", T0)
    laptop = session(db, "officer@example.org", T0)
    users.end_session(db, phone)
    assert users.email_for_session(db, phone, now=T0) is None
    assert users.email_for_session(db, laptop, now=T0) == "officer@example.org"
    users.end_session(db, None)  # signing out without a session is harmless
    assert db["sign_in_sessions"].count == 1


def test_removing_a_user_ends_their_sessions(with_password):
    db = with_password
    users.add_user(db, "lead@example.org", "leadership", password=PASSWORD)
    gone = session(db, "officer@example.org", T0)
    stays = session(db, "lead@example.org", T0)
    users.remove_user(db, "officer@example.org")
    assert users.email_for_session(db, gone, now=T0) is None
    assert [r["email"] for r in db["sign_in_sessions"].rows] == ["lead@example.org"]
    assert users.email_for_session(db, stays, now=T0) == "lead@example.org"


def test_starting_a_session_clears_expired_ones(with_password):
    db = with_password
    session(db, "officer@example.org", T0)
    later = T0 + users.SESSION_LIFETIME + dt.timedelta(hours=1)
    fresh = session(db, "officer@example.org", later)
    assert db["sign_in_sessions"].count == 1
    assert users.email_for_session(db, fresh, now=later) == "officer@example.org"


# --- actor_for ------------------------------------------------------------------------------------


def test_actor_for_gives_the_current_role_and_follows_role_changes(db):
    users.add_user(db, "ana@example.org", "officer", name="Ana")
    assert users.actor_for(db, "ANA@example.org", via="oidc") == Actor(
        email="ana@example.org", role="officer", name="Ana", via="oidc"
    )
    users.set_role(db, "ana@example.org", "donor")
    actor = users.actor_for(db, "ana@example.org")
    assert actor.role == "donor"
    assert not actor.can("record")


@pytest.mark.parametrize("email", ["nobody@example.org", "", None])
def test_actor_for_an_email_without_an_account_is_none(db, email):
    users.add_user(db, "ana@example.org", "officer")
    assert users.actor_for(db, email) is None


# --- sessions end when what proved them changes (issue 11) ----------------------------------------


def test_a_password_change_ends_every_other_session(with_password):
    db = with_password
    email = "officer@example.org"
    phone, laptop = session(db, email, T0), session(db, email, T0)
    with acting_as(Actor(email=email, role="officer", via="password")):
        users.set_password(db, email, "a brand new password", keep_token=laptop)
    assert users.email_for_session(db, phone, now=T0) is None
    assert users.email_for_session(db, laptop, now=T0) == email
    users.set_password(db, email, "another new password")  # by an admin: every session ends
    assert users.email_for_session(db, laptop, now=T0) is None


def test_a_role_change_ends_the_users_sessions(with_password):
    db = with_password
    token = session(db, "officer@example.org", T0)
    users.set_role(db, "officer@example.org", "officer")  # no change: nothing ends
    assert users.email_for_session(db, token, now=T0) == "officer@example.org"
    users.set_role(db, "officer@example.org", "donor")
    assert users.email_for_session(db, token, now=T0) is None


def test_an_admin_signs_a_user_out_everywhere(with_password):
    db = with_password
    tokens = [session(db, "officer@example.org", T0) for _ in range(3)]
    assert users.sign_out_everywhere(db, "officer@example.org") == 3
    assert all(users.email_for_session(db, t, now=T0) is None for t in tokens)
    entry = audit_rows(db, "user.sign-out-everywhere")[-1]
    assert (entry["actor"], json.loads(entry["details"])) == ("admin@example.org", {"sessions": 3})


def test_only_admins_sign_others_out_everywhere(with_password):
    db = with_password
    users.add_user(db, "lead@example.org", "leadership", password=PASSWORD)
    token = session(db, "officer@example.org", T0)
    mine = session(db, "lead@example.org", T0)
    before = dump(db)
    with acting_as(Actor(email="lead@example.org", role="leadership")):
        with pytest.raises(PermissionDenied):
            users.sign_out_everywhere(db, "officer@example.org")
        assert dump(db) == before
        assert users.sign_out_everywhere(db, "lead@example.org", keep_token=mine) == 0
    assert users.email_for_session(db, token, now=T0) == "officer@example.org"


def test_a_session_token_comes_only_from_a_password(with_password):
    """Regression: start_session minted a session for any email, for any caller (a donor got an
    admin session without a password)."""
    db = with_password
    assert not hasattr(users, "start_session")
    before = dump(db)
    with acting_as(Actor(email="donor@example.org", role="donor")), pytest.raises(SignInError):
        users.sign_in(db, "officer@example.org", WRONG, now=T0)
    assert db["sign_in_sessions"].count == 0
    assert "sign-in.failed" in dump(db) and before != dump(db)


# --- password cost (OWASP: scrypt N=2^17, r=8, p=1) --------------------------------------------


def test_new_hashes_use_owasps_minimum_cost(monkeypatch):
    assert (PRODUCTION_SCRYPT_N, passwords.R, passwords.P) == (2**17, 8, 1)
    monkeypatch.setattr(passwords, "N", PRODUCTION_SCRYPT_N)
    stored = hash_password(PASSWORD)
    assert stored.split("$")[1:4] == ["131072", "8", "1"]
    assert verify_password(PASSWORD, stored) and not passwords.needs_rehash(stored)


def test_a_weaker_hash_is_replaced_on_the_next_successful_sign_in(with_password, monkeypatch):
    db = with_password
    email = "officer@example.org"
    old = user_row(db, email)["password_hash"]
    assert old.split("$")[1] == str(2**14)
    monkeypatch.setattr(passwords, "N", 2**15)  # today's parameters are now stronger
    with pytest.raises(SignInError):
        users.authenticate(db, email, WRONG, now=T0)
    assert user_row(db, email)["password_hash"] == old  # a wrong password changes nothing
    users.authenticate(db, email, PASSWORD, now=T0)
    new = user_row(db, email)["password_hash"]
    assert new.split("$")[1] == str(2**15) and verify_password(PASSWORD, new)
    assert json.loads(audit_rows(db, "sign-in")[-1]["details"]) == {"rehashed": True}
    users.authenticate(db, email, PASSWORD, now=T0)
    assert user_row(db, email)["password_hash"] == new


def test_an_edited_hash_asking_for_gigabytes_is_refused_not_run(password_hash):
    parts = password_hash.split("$")
    parts[1] = str(2**24)
    assert not verify_password(PASSWORD, "$".join(parts))


def test_plain_emails_are_accepted(db):
    for email in ("o'brien@example.org", "ana.b+tracker@sub.example-ngo.org"):
        assert users.add_user(db, email, "officer")["email"] == email


@pytest.mark.parametrize(
    ("email", "password", "said"),
    [
        ("", "", "enter your email and password."),
        ("  ", "a password", "enter your email."),
        ("someone@example.org", "", "enter your password."),
    ],
)
def test_sign_in_with_an_empty_field_says_which_to_fill_in(fresh_db, email, password, said):
    """QA 19b: empty fields were told "wrong email or password." (and counted as a try)."""
    with pytest.raises(users.SignInError) as refused:
        users.sign_in(fresh_db, email, password)
    assert refused.value.message == said
    assert fresh_db["audit_log"].count_where("action LIKE 'sign-in%'") == 0


def test_the_users_list_reads_in_words_roles_sign_ins_and_locks(with_password):
    """What the Users page shows: role labels, sign-in times to the minute, "Never" for no
    sign-in yet, and a lock only while it lasts."""
    db = with_password
    users.add_user(db, "lead@example.org", "leadership")
    now = dt.datetime(2026, 3, 4, 9, 30, 15, tzinfo=dt.UTC)
    session(db, "officer@example.org", now)
    sign_in_wrong(db, "officer@example.org", users.MAX_FAILED_ATTEMPTS, now)
    shown = users.users_in_words(db, now=now + dt.timedelta(minutes=1)).set_index("email")
    assert list(shown.columns) == ["name", "role", "has_password", "last_sign_in", "locked_until"]
    assert shown.loc["officer@example.org", "role"] == "Program officer"
    assert shown.loc["lead@example.org", "role"] == "Leadership"
    assert shown.loc["officer@example.org", "last_sign_in"] == "2026-03-04 09:30 UTC"
    assert shown.loc["lead@example.org", "last_sign_in"] == "Never"
    assert shown.loc["officer@example.org", "locked_until"] == "2026-03-04 09:45 UTC"
    assert shown.loc["lead@example.org", "locked_until"] == ""
    later = users.users_in_words(db, now=now + users.LOCKOUT + dt.timedelta(minutes=1))
    assert set(later["locked_until"]) == {""}  # a lock that has run out is no lock
    assert bool(shown.loc["officer@example.org", "has_password"]) is True


def test_the_first_run_form_names_every_problem_under_its_field_and_stores_nothing(db):
    """An empty email is asked for in words (not quoted back as ''), a short password and a
    mistyped confirmation are said at once, each under its own field."""
    with pytest.raises(FormErrors) as info:
        users.create_first_admin(db, "", "short", "Boss", confirm="shorter")
    assert set(info.value.errors) == {"email", "password", "confirm"}
    assert "type the email address" in info.value.errors["email"].lower()
    assert "''" not in info.value.errors["email"]
    assert "the same password twice" in info.value.errors["confirm"]
    assert users.count_users(db) == 0
    with pytest.raises(FormErrors) as info:
        users.create_first_admin(db, "boss@example.org", PASSWORD, confirm=PASSWORD + "x")
    assert set(info.value.errors) == {"confirm"}
    assert users.count_users(db) == 0
    assert users.create_first_admin(db, "boss@example.org", PASSWORD, confirm=PASSWORD).role == (
        "admin"
    )


def test_an_empty_email_is_asked_for_in_words():
    with pytest.raises(ValidationError) as info:
        users.check_email("   ")
    assert info.value.field == "email"
    assert info.value.message.startswith("type the email address")
