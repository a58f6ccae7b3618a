"""Users and their roles (OpenID Connect proves who someone is; the users table says what they
may do), and built-in sign-in: password, lockout, first run."""

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
from tracker.auth import ROLE_LABELS, Actor, acting_as, check_role, current_actor, require
from tracker.dates import now_timestamp
from tracker.errors import Checks, NotFound, TrackerError, ValidationError
from tracker.passwords import hash_password, needs_rehash, password_problem, verify_password

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=12)
MAX_NAME_LENGTH = 200
# a user as any list shows them: whether they have a password, never its hash
USER_COLUMNS = "email, name, role, password_hash IS NOT NULL AS has_password, last_sign_in"
MAX_EMAIL_LENGTH = 254  # RFC 5321's limit on a forward path
# the punctuation mail systems accept unquoted (no <, >, quotes, spaces, control characters)
_EMAIL = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@"
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
)


class SignInError(TrackerError):
    """Sign-in refused: wrong email or password, or the account is locked."""


def check_email(email: str) -> str:
    """The email, trimmed and lower-cased, if it is a plain address; else a ValidationError."""
    text = (email or "").strip().lower()
    if not text:
        raise ValidationError("type the email address this person signs in with.", "email")
    if len(text) > MAX_EMAIL_LENGTH:
        raise ValidationError(
            f"an email address has at most {MAX_EMAIL_LENGTH} characters "
            f"(this one has {len(text):,}).",
            "email",
        )
    if not _EMAIL.fullmatch(text) or ".." in text:
        shown = "".join(c if c.isprintable() else "?" for c in str(email or ""))[:60]
        raise ValidationError(
            f"'{shown}' is not an email address: it needs a name, an @ and a domain, in "
            "letters, digits and . _ + - only.",
            "email",
        )
    return text


def check_name(name: str | None) -> str:
    """A display name: trimmed, at most 200 characters, no control characters (NUL included)."""
    text = (name or "").strip()
    if len(text) > MAX_NAME_LENGTH:
        raise ValidationError(f"a name has at most {MAX_NAME_LENGTH} characters.", "name")
    if any(not c.isprintable() for c in text):
        raise ValidationError("a name cannot hold control characters (tabs, NUL...).", "name")
    return text


def count_users(db: Database) -> int:
    return db.conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]


def get_user(db: Database, email: str) -> dict | None:
    """The user's row without the password hash, or None."""
    email = (email or "").strip().lower()
    return next(db.query(f"SELECT {USER_COLUMNS} FROM users WHERE email = ?", [email]), None)


def _self_or_admin(email: str) -> str:
    """The email, normalised: the acting user's own account, or administrators only."""
    email = (email or "").strip().lower()
    actor = current_actor()
    if actor is None or actor.email != email:
        require("manage_users")
    return email


def _existing_user(db: Database, email: str) -> dict:
    user = get_user(db, email)
    if user is None:
        raise NotFound(f"no user with email {email}.", "email")
    return user


def actor_for(db: Database, email: str, via: str = "app") -> Actor | None:
    """The Actor for a signed-in email (None without an account: the no-access page)."""
    user = get_user(db, email)
    return user and Actor(email=user["email"], role=user["role"], name=user["name"], via=via)


def list_users(db: Database) -> pd.DataFrame:
    require("manage_users")
    columns = f"{USER_COLUMNS}, failed_attempts, locked_until, created_at, created_by"
    return pd.read_sql_query(f"SELECT {columns} FROM users ORDER BY role, email", db.conn)


def users_in_words(db: Database, now: dt.datetime | None = None) -> pd.DataFrame:
    """The users list as the Users page shows it: role labels, sign-in times to the minute
    ("Never" before the first), and a lock only while it lasts, so nobody reads a lock that
    ran out as one still in force."""
    now = now or dt.datetime.now(dt.UTC)
    listing = list_users(db)

    def minute(value) -> str:
        return dt.datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M UTC")

    def lock(value) -> str:
        return minute(value) if pd.notna(value) and dt.datetime.fromisoformat(value) > now else ""

    return pd.DataFrame(
        {
            "email": listing["email"],
            "name": listing["name"].fillna(""),
            "role": listing["role"].map(lambda role: ROLE_LABELS.get(role, role)),
            "has_password": listing["has_password"].astype(bool),
            "last_sign_in": [
                minute(v) if pd.notna(v) else "Never" for v in listing["last_sign_in"]
            ],
            "locked_until": [lock(v) for v in listing["locked_until"]],
        }
    )


def _new_hash(password: str | None) -> str | None:
    """A new password's hash (checked first), made before the write lock is taken."""
    if password is None:
        return None
    problem = password_problem(password)
    if problem:
        raise ValidationError(problem, "password")
    return hash_password(password)


def _store_user(db, email, role, name, password_hash, created_by) -> None:
    if get_user(db, email) is not None:
        raise ValidationError(f"a user with email {email} already exists.", "email")
    db["users"].insert(
        {
            "email": email,
            "name": name,
            "role": role,
            "password_hash": password_hash,
            "created_at": now_timestamp(),
            "created_by": created_by,
        }
    )


def add_user(
    db: Database, email: str, role: str, *, name: str = "", password: str | None = None
) -> dict:
    """Give an email a role (and, for built-in sign-in, a password). Admins only."""
    actor = require("manage_users")
    email, role, name = check_email(email), check_role(role), check_name(name)
    if get_user(db, email) is not None:  # said before the slow hash; checked again below
        raise ValidationError(f"a user with email {email} already exists.", "email")
    password_hash = _new_hash(password)
    with db.atomic():
        _store_user(db, email, role, name, password_hash, actor.email)
        audit.log(db, "user.add", "user", email, {"role": role, "password": bool(password)})
    return get_user(db, email)


def _keep_an_admin(db: Database, user: dict) -> None:
    """Refuse to demote or remove the last administrator; called inside the write's
    transaction, so two admins demoting each other cannot both succeed."""
    if user["role"] == "admin" and db["users"].count_where("role = 'admin'") == 1:
        raise ValidationError("this is the last administrator: make someone else admin first.")


def set_role(db: Database, email: str, role: str) -> dict:
    """Change a user's role; the last administrator cannot be demoted."""
    require("manage_users")
    role = check_role(role)
    user = _existing_user(db, email)
    with db.atomic():
        if role != "admin":
            _keep_an_admin(db, user)
        db.execute("UPDATE users SET role = ? WHERE email = ?", (role, user["email"]))
        ended = _revoke_sessions(db, user["email"]) if role != user["role"] else 0
        details = {"from": user["role"], "to": role, "sessions_ended": ended}
        audit.log(db, "user.role", "user", user["email"], details)
    return get_user(db, email)


def remove_user(db: Database, email: str) -> None:
    """Take away someone's access; the last administrator cannot be removed."""
    require("manage_users")
    user = _existing_user(db, email)
    with db.atomic():
        _keep_an_admin(db, user)
        _revoke_sessions(db, user["email"])  # the foreign key cascades too; say it here
        db.execute("DELETE FROM users WHERE email = ?", (user["email"],))
        audit.log(db, "user.remove", "user", user["email"], {"role": user["role"]})


def set_password(db: Database, email: str, password: str, *, keep_token: str | None = None) -> None:
    """Set a built-in password (admins for anyone; anyone for themselves), signing out every
    session but ``keep_token``'s (this browser's): whoever knew the old password."""
    email = _self_or_admin(email)
    new_hash = _new_hash(password)
    user = _existing_user(db, email)
    with db.atomic():
        db.execute(
            "UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL "
            "WHERE email = ?",
            (new_hash, user["email"]),
        )
        ended = _revoke_sessions(db, user["email"], keep_token)
        audit.log(db, "user.password", "user", user["email"], {"sessions_ended": ended})


def create_first_admin(
    db: Database, email: str, password: str, name: str = "", *, confirm: str | None = None
) -> Actor:
    """First run: create the first administrator, only while there are no users at all.
    ``confirm`` is the password typed again (the first-run form asks twice, since nobody can
    reset a mistyped first password); every problem is said at once, each under its field."""
    checks = Checks()
    email = checks("email", check_email, email)
    name = checks("name", check_name, name)
    if not password:
        checks.add("password", "the first administrator needs a password.")
    else:
        problem = password_problem(password)
        if problem:
            checks.add("password", problem)
    if confirm is not None and confirm != password:
        checks.add("confirm", "the two passwords differ: type the same password twice.")
    checks.done()
    if count_users(db) > 0:
        raise TrackerError("the first administrator already exists: sign in instead.")
    password_hash = _new_hash(password)
    actor = Actor(email=email, role="admin", name=name, via="first-run")
    with db.atomic(), acting_as(actor):  # under the write lock: no second first admin
        if count_users(db) > 0:
            raise TrackerError("the first administrator already exists: sign in instead.")
        _store_user(db, email, "admin", name, password_hash, "first-run")
        audit.log(db, "user.add", "user", email, {"role": "admin", "first_run": True})
    return actor


@functools.cache
def _stand_in_hash() -> str:
    """A hash to check when there is none, so every refusal costs one scrypt."""
    return hash_password(secrets.token_urlsafe(16))


def _count_attempt(db: Database, email: str, now: dt.datetime) -> tuple | None:
    """Count one sign-in attempt under the write lock, before the password is checked, so
    parallel guesses cannot get past the limit. ``(stored hash, role, name, locks_now)``, None
    for an unknown email, or SignInError while the account is locked (no password checked)."""
    columns = "password_hash, locked_until, role, name, failed_attempts"
    with db.atomic():
        row = db.conn.execute(f"SELECT {columns} FROM users WHERE email = ?", (email,)).fetchone()
        if row is None:
            return None
        stored, locked_until, role, name, failed = row
        if locked_until and dt.datetime.fromisoformat(locked_until) > now:
            audit.log(db, "sign-in.refused-locked", "user", email, actor_email=email)
            seconds = (dt.datetime.fromisoformat(locked_until) - now).total_seconds()
            minutes = max(1, math.ceil(seconds / 60))
            refusal = SignInError(
                f"this account is locked after {MAX_FAILED_ATTEMPTS} failed attempts: "
                f"try again in {minutes} minute{'s' if minutes != 1 else ''}.",
                "password",
            )
        else:
            failed = (failed if not locked_until else 0) + 1
            lock = (now + LOCKOUT).isoformat() if failed >= MAX_FAILED_ATTEMPTS else None
            db.execute(
                "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE email = ?",
                (0 if lock else failed, lock, email),
            )
            return stored, role, name, lock is not None
    raise refusal


def authenticate(
    db: Database, email: str, password: str, *, now: dt.datetime | None = None
) -> Actor:
    """Check a built-in password. Five wrong attempts lock the account for 15 minutes; a refusal
    says only what the person may know. A hash with weaker parameters than today's is replaced
    on success (only then is the password known)."""
    now = now or dt.datetime.now(dt.UTC)
    email = (email or "").strip().lower()
    missing = [name for name, given in (("email", email), ("password", password)) if not given]
    if missing:  # nothing to check: say what to fill in, count no attempt
        raise SignInError(f"enter your {' and '.join(missing)}.", missing[0])
    wrong = SignInError("wrong email or password.", "password")
    counted = _count_attempt(db, email, now)
    if counted is None:
        verify_password(password or "", _stand_in_hash())  # same cost as a real try
        raise wrong
    stored, role, name, locks_now = counted
    if not verify_password(password or "", stored or _stand_in_hash()):
        action = "sign-in.locked" if locks_now else "sign-in.failed"
        with db.atomic():
            audit.log(db, action, "user", email, actor_email=email)
        if locks_now:
            raise SignInError(
                f"too many failed attempts: this account is locked for "
                f"{int(LOCKOUT.total_seconds() // 60)} minutes.",
                "password",
            )
        raise wrong
    rehashed = hash_password(password) if needs_rehash(stored) else None
    with db.atomic():
        db.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in = ?, "
            "password_hash = coalesce(?, password_hash) WHERE email = ?",
            (now.isoformat(), rehashed, email),
        )
        details = {"rehashed": True} if rehashed else None
        audit.log(db, "sign-in", "user", email, details, actor_email=email)
    return Actor(email=email, role=role, name=name or "", via="password")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def sign_in(
    db: Database, email: str, password: str, *, now: dt.datetime | None = None
) -> tuple[Actor, str]:
    """Check a built-in password and start a session: the Actor, and a new random token for the
    browser to keep (only its hash is stored). The only way to a session token."""
    now = now or dt.datetime.now(dt.UTC)
    actor = authenticate(db, email, password, now=now)
    token = secrets.token_urlsafe(32)
    with db.atomic():
        db.execute("DELETE FROM sign_in_sessions WHERE expires_at < ?", (now.isoformat(),))
        db["sign_in_sessions"].insert(
            {
                "token_hash": _token_hash(token),
                "email": actor.email.lower(),
                "created_at": now.isoformat(),
                "expires_at": (now + SESSION_LIFETIME).isoformat(),
            }
        )
    return actor, token


def email_for_session(
    db: Database, token: str | None, *, now: dt.datetime | None = None
) -> str | None:
    """A live session token's email, or None: one primary-key lookup, fit for every rerun."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    sql = "SELECT email FROM sign_in_sessions WHERE token_hash = ? AND expires_at > ?"
    now = now or dt.datetime.now(dt.UTC)
    row = db.conn.execute(sql, (_token_hash(token), now.isoformat())).fetchone()
    return row[0] if row else None


def end_session(db: Database, token: str | None) -> None:
    """Sign one browser out (whoever holds the token may end it)."""
    if token:
        with db.atomic():
            db.execute("DELETE FROM sign_in_sessions WHERE token_hash = ?", (_token_hash(token),))


def _revoke_sessions(db: Database, email: str, keep_token: str | None = None) -> int:
    """End every session of ``email`` but ``keep_token``'s, inside the write that ends them."""
    keep = _token_hash(keep_token) if keep_token else ""
    sql = "DELETE FROM sign_in_sessions WHERE email = ? AND token_hash != ?"
    return db.execute(sql, (email, keep)).rowcount


def sign_out_everywhere(db: Database, email: str, *, keep_token: str | None = None) -> int:
    """End a user's sessions but ``keep_token``'s (admins, or the user); returns how many."""
    email = _self_or_admin(email)
    _existing_user(db, email)
    with db.atomic():
        ended = _revoke_sessions(db, email, keep_token)
        audit.log(db, "user.sign-out-everywhere", "user", email, {"sessions": ended})
    return ended
