"""Making and reading a test database directly: what the store-level tests share, and the
database files the page and browser tests serve (as appkit is shared by the page tests and
clikit by the CLI tests)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tracker import records, users
from tracker.auth import ROLES, Actor, acting_as
from tracker.db import open_db
from tracker.demo import load_demo
from tracker.migrations import migrations
from tracker.vocabulary import load_vocabulary

SETUP = Actor(email="setup@example.org", role="admin", via="test")
LEADER = "lena@example.org"  # the one account of the page tests' usual database (app_db)
# the built-in account of each role, as the page tests make them (appkit.run_as signs in so)
EMAIL = {role: f"{role}@example.org" for role in ROLES}


def demo_app_db(folder: Path, monkeypatch, email: str, role: str, name: str = "") -> Path:
    """The demo database with one built-in account, the one the app opens (TRACKER_DB): what
    most page tests start from."""
    path = demo_database(folder / "demo.db", [(email, role, name)], "a long pw 1")
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def demo_database(
    path: Path,
    people: Iterable[tuple[str, str, str]] = (),
    password: str | None = None,
    *,
    demo: bool = True,
) -> Path:
    """A database file at ``path``: the status vocabulary, the demo data (unless ``demo`` is
    false) and ``people`` (email, role, display name), each signing in with ``password``
    (None: through OpenID Connect only)."""
    db = open_db(path, create=True)
    with acting_as(SETUP):
        load_vocabulary(db)
        if demo:
            load_demo(db)
        for email, role, name in people:
            users.add_user(db, email, role, name=name, password=password)
    db.close()
    return path


def old_database_file(
    path: Path, stop_before: str, people: Iterable[tuple[str, str, str]] = (), password=None
) -> Path:
    """A database file as the version before migration ``stop_before`` left it: migrated up to
    it; with the vocabulary, the demo data and ``people`` written by today's code, which an
    index behind writes the same (give a schema-changing ``stop_before`` no data: None)."""
    db = open_db(path, create=True, migrate=False)
    migrations.apply(db, stop_before=stop_before)
    if people is not None:
        with acting_as(SETUP):
            load_vocabulary(db)
            load_demo(db)
            for email, role, name in people:
                users.add_user(db, email, role, name=name, password=password)
    db.close()
    return path


@contextlib.contextmanager
def read_only_folder(path: Path, monkeypatch) -> Iterator[Path]:
    """The database file ``path`` and its folder made read-only while inside. Tests run as root
    here, whom permissions do not stop, so the check the tracker makes is told the truth for
    non-root (chmod) and made to see it for root (os.access); SQLite is opened read-only
    either way."""
    folder = path.parent
    os.chmod(path, 0o444)
    os.chmod(folder, 0o555)
    try:
        with monkeypatch.context() as patch:
            if os.geteuid() == 0:
                real_access = os.access

                def access(name, mode, **kwargs):
                    if str(name).startswith(str(folder)) and mode & os.W_OK:
                        return False
                    return real_access(name, mode, **kwargs)

                patch.setattr(os, "access", access)
            yield path
    finally:
        os.chmod(folder, 0o755)
        os.chmod(path, 0o644)


def audit_rows(db, action: str | None = None) -> list[dict]:
    """The audit log in order, or only its ``action`` entries."""
    rows = list(db["audit_log"].rows_where(order_by="id"))
    return [r for r in rows if action is None or r["action"] == action]


def dump(db) -> str:
    """The whole database as SQL: equal before and after means a refused write wrote nothing."""
    return "\n".join(db.conn.iterdump())


def dump_file(path: Path) -> str:
    """``dump`` of the database file at ``path`` (a page test's app wrote through its own
    connection)."""
    db = open_db(path)
    try:
        return dump(db)
    finally:
        db.close()


def refused(db, error_type, call, *args, **kwargs):
    """``call(db, ...)`` raises ``error_type`` and the database is byte for byte as it was:
    the refusal and its exception, for the test to read."""
    before = dump(db)
    with pytest.raises(error_type) as info:
        call(db, *args, **kwargs)
    assert dump(db) == before
    return info.value


def add_ask(db, title: str, **fields) -> int:
    """An ask titled ``title``: to the Government of Mexico, in Mexico, on the rule of law,
    unless ``fields`` (any of ``records.add_ask``'s) say otherwise."""
    plain = {"target": "Government of Mexico", "theme": "Rule of law", "country": "Mexico"}
    return records.add_ask(db, title=title, **(plain | fields))


def update(db, ask_id, status, date, **kwargs) -> dict:
    """Record ``status`` for the ask on ``date``, with a note saying so unless one is given."""
    kwargs.setdefault("note", f"{status} on {date}")
    return records.record_status_update(db, ask_id, status, effective_date=date, **kwargs)
