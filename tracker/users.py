"""Users and their roles, and built-in sign-in (password, lockout, first run).

OpenID Connect proves who someone is; this table says what they may do.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
import secrets

import pandas as pd
from sqlite_utils import Database

from tracker import audit
from tracker.auth import Actor, acting_as, check_role, require
from tracker.dates import now_timestamp
from tracker.errors import NotFound, TrackerError, ValidationError
from tracker.passwords import hash_password, password_problem, verify_password

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = dt.timedelta(minutes=15)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SignInError(TrackerError):
    """Sign-in refused: wrong email or password, or the account is locked."""


def check_email(email: str) -> str:
    text = (email or "").strip().lower()
    if not _EMAIL.match(text):
        raise ValidationError(f"'{email}' is not an email address.", "email")
    return text


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def count_users(db: Database) -> int:
    return db.conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]


def get_user(db: Database, email: str) -> dict | None:
    """The user's row without the password hash, or None."""
    row = db.conn.execute(
        "SELECT email, name, role, password_hash IS NOT NULL, last_sign_in FROM users "
        "WHERE email = ?",
        ((email or "").strip().lower(),),
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("email", "name", "role", "has_password", "last_sign_in"), row, strict=True))


def actor_for(db: Database, email: str, via: str = "app") -> Actor | None:
    """The Actor for a signed-in email, with the role the users table gives it (None if the
    email has no account: the app then shows the no-access page)."""
    user = get_user(db, email)
    if user is None:
        return None
    return Actor(email=user["email"], role=user["role"], name=user["name"], via=via)


def list_users(db: Database) -> pd.DataFrame:
    require("manage_users")
    return pd.read_sql_query(
        """SELECT email, name, role, password_hash IS NOT NULL AS has_password, last_sign_in,
                  failed_attempts, locked_until, created_at, created_by
           FROM users ORDER BY role, email""",
        db.conn,
    )


def _store_user(db, email, role, name, password, created_by) -> None:
    if password is not None:
        problem = password_problem(password)
        if problem:
            raise ValidationError(problem, "password")
    if get_user(db, email) is not None:
        raise ValidationError(f"a user with email {email} already exists.", "email")
    db["users"].insert(
        {
            "email": email,
            "name": (name or "").strip(),
            "role": role,
            "password_hash": hash_password(password) if password else None,
            "created_at": now_timestamp(),
            "created_by": created_by,
        }
    )


def add_user(
    db: Database, email: str, role: str, *, name: str = "", password: str | None = None
) -> dict:
    """Give an email a role (and, for built-in sign-in, a password). Admins only."""
    actor = require("manage_users")
    email, role = check_email(email), check_role(role)
    with db.atomic():
        _store_user(db, email, role, name, password, actor.email)
        audit.log(db, "user.add", "user", email, {"role": role, "password": bool(password)})
    return get_user(db, email)


def _admins(db: Database) -> int:
    return db.conn.execute("SELECT COUNT(*) FROM users WHERE role = 'admin'").fetchone()[0]


def set_role(db: Database, email: str, role: str) -> dict:
    """Change a user's role; the last administrator cannot be demoted."""
    require("manage_users")
    role = check_role(role)
    user = get_user(db, email)
    if user is None:
        raise NotFound(f"no user with email {email}.", "email")
    with db.atomic():
        # checked inside the transaction, so two admins demoting each other cannot both succeed
        if user["role"] == "admin" and role != "admin" and _admins(db) == 1:
            raise ValidationError("this is the last administrator: make someone else admin first.")
        db.execute("UPDATE users SET role = ? WHERE email = ?", (role, user["email"]))
        audit.log(db, "user.role", "user", user["email"], {"from": user["role"], "to": role})
    return get_user(db, email)


def remove_user(db: Database, email: str) -> None:
    """Take away someone's access; the last administrator cannot be removed."""
    require("manage_users")
    user = get_user(db, email)
    if user is None:
        raise NotFound(f"no user with email {email}.", "email")
    with db.atomic():
        if user["role"] == "admin" and _admins(db) == 1:
            raise ValidationError("this is the last administrator: make someone else admin first.")
        db.execute("DELETE FROM users WHERE email = ?", (user["email"],))
        audit.log(db, "user.remove", "user", user["email"], {"role": user["role"]})


def set_password(db: Database, email: str, password: str) -> None:
    """Set a built-in password (admins for anyone; anyone for themselves)."""
    from tracker.auth import current_actor

    actor = current_actor()
    if actor is None or (actor.email != (email or "").lower() and not actor.can("manage_users")):
        require("manage_users")
    problem = password_problem(password)
    if problem:
        raise ValidationError(problem, "password")
    user = get_user(db, email)
    if user is None:
        raise NotFound(f"no user with email {email}.", "email")
    with db.atomic():
        db.execute(
            "UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL "
            "WHERE email = ?",
            (hash_password(password), user["email"]),
        )
        audit.log(db, "user.password", "user", user["email"])


def create_first_admin(db: Database, email: str, password: str, name: str = "") -> Actor:
    """First run: create the first administrator, only while there are no users at all."""
    email = check_email(email)
    db.conn.execute("BEGIN IMMEDIATE")  # no second first-admin can slip in between
    try:
        if count_users(db) > 0:
            raise TrackerError("the first administrator already exists: sign in instead.")
        _store_user(db, email, "admin", name, password, "first-run")
        actor = Actor(email=email, role="admin", name=name, via="first-run")
        with acting_as(actor):
            audit.log(db, "user.add", "user", email, {"role": "admin", "first_run": True})
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    return actor


@functools.cache
def _stand_in_hash() -> str:
    """A hash to check against when there is no real one (unknown email, no password), made
    once, so every refusal costs one scrypt derivation like a real wrong password."""
    return hash_password(secrets.token_urlsafe(16))


def authenticate(
    db: Database, email: str, password: str, *, now: dt.datetime | None = None
) -> Actor:
    """Check a built-in password. Five wrong attempts lock the account for 15 minutes; every
    refusal says only what the person may know."""
    now = now or _now()
    email = (email or "").strip().lower()
    row = db.conn.execute(
        "SELECT password_hash, locked_until, role, name FROM users WHERE email = ?",
        (email,),
    ).fetchone()
    wrong = SignInError("wrong email or password.", "password")
    if row is None:
        verify_password(password or "", _stand_in_hash())  # same cost as a real try
        raise wrong
    stored, locked_until, role, name = row
    if locked_until and dt.datetime.fromisoformat(locked_until) > now:
        seconds = (dt.datetime.fromisoformat(locked_until) - now).total_seconds()
        minutes = max(1, math.ceil(seconds / 60))
        with db.atomic():
            audit.log(db, "sign-in.refused-locked", "user", email, actor_email=email)
        raise SignInError(
            f"this account is locked after {MAX_FAILED_ATTEMPTS} failed attempts: "
            f"try again in {minutes} minute{'s' if minutes != 1 else ''}.",
            "password",
        )
    if not verify_password(password or "", stored or _stand_in_hash()):
        with db.atomic():
            # Count in the database, not from the value read above: attempts racing on other
            # connections must not overwrite each other's count and so escape the lockout.
            db.execute(
                """UPDATE users SET failed_attempts = failed_attempts + 1,
                       locked_until = CASE WHEN locked_until > :now THEN locked_until END
                   WHERE email = :email""",
                {"now": now.isoformat(), "email": email},
            )
            counted = db.conn.execute(
                "SELECT failed_attempts FROM users WHERE email = ?", (email,)
            ).fetchone()
            failed = counted[0] if counted else 0  # 0: the user was removed meanwhile
            lock = (now + LOCKOUT).isoformat() if failed >= MAX_FAILED_ATTEMPTS else None
            if lock:
                db.execute(
                    "UPDATE users SET failed_attempts = 0, locked_until = ? WHERE email = ?",
                    (lock, email),
                )
            audit.log(
                db, "sign-in.locked" if lock else "sign-in.failed", "user", email, actor_email=email
            )
        if lock:
            raise SignInError(
                f"too many failed attempts: this account is locked for "
                f"{int(LOCKOUT.total_seconds() // 60)} minutes.",
                "password",
            )
        raise wrong
    with db.atomic():
        db.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in = ? "
            "WHERE email = ?",
            (now.isoformat(), email),
        )
        audit.log(db, "sign-in", "user", email, actor_email=email)
    return Actor(email=email, role=role, name=name or "", via="password")


SESSION_LIFETIME = dt.timedelta(hours=12)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(db: Database, email: str, *, now: dt.datetime | None = None) -> str:
    """A new random session token for a signed-in built-in account (only its hash is kept)."""
    now = now or _now()
    token = secrets.token_urlsafe(32)
    with db.atomic():
        db.execute("DELETE FROM sign_in_sessions WHERE expires_at < ?", (now.isoformat(),))
        db["sign_in_sessions"].insert(
            {
                "token_hash": _token_hash(token),
                "email": email.lower(),
                "created_at": now.isoformat(),
                "expires_at": (now + SESSION_LIFETIME).isoformat(),
            }
        )
    return token


def email_for_session(
    db: Database, token: str | None, *, now: dt.datetime | None = None
) -> str | None:
    """The email a live session token belongs to, or None (unknown, expired or removed user)."""
    if not isinstance(token, str) or not token:
        return None
    row = db.conn.execute(
        "SELECT email FROM sign_in_sessions WHERE token_hash = ? AND expires_at > ?",
        (_token_hash(token), (now or _now()).isoformat()),
    ).fetchone()
    return row[0] if row else None


def end_session(db: Database, token: str | None) -> None:
    if token:
        with db.atomic():
            db.execute("DELETE FROM sign_in_sessions WHERE token_hash = ?", (_token_hash(token),))
