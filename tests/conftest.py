"""Shared fixtures: every test builds its own database in a temporary folder."""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import tempfile

import pytest
from browserkit import chromium
from dbkit import LEADER, add_ask, demo_app_db

# One "today" for the whole run, inherited by app servers started from tests: a run that
# crosses midnight must not turn yesterday's "future" into today.
os.environ.setdefault("TRACKER_TODAY", _dt.date.today().isoformat())
# Never data/tracker.db (`make test` exports it), not even in a module-scoped fixture, which
# is set up before the per-test guard below
os.environ["TRACKER_DB"] = os.path.join(tempfile.mkdtemp(prefix="tracker-tests-"), "guard.db")

from click.testing import CliRunner
from clikit import file_bytes

from tracker import passwords, records
from tracker.auth import Actor, acting_as
from tracker.cli import cli
from tracker.db import close_thread_connections, open_db
from tracker.demo import load_demo
from tracker.vocabulary import load_vocabulary

ADMIN = Actor(email="admin@example.org", role="admin", name="Test Admin", via="test")
PRODUCTION_SCRYPT_N = passwords.N


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):
    """Hash passwords at scrypt N=2^14 in this process (OWASP's 2^17 costs about a second a
    hash here; the suite hashes hundreds of times). Same code path, and hashes still record
    their parameters; tests/test_users.py checks the production cost and the rehash."""
    monkeypatch.setattr(passwords, "N", 2**14)


@pytest.fixture(autouse=True)
def _no_default_db(monkeypatch, tmp_path):
    """Point TRACKER_DB at a temp file so no test can touch data/tracker.db, and act as an
    administrator unless a test says otherwise (``acting_as``)."""
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "default-guard.db"))
    monkeypatch.delenv("TRACKER_PUBLIC_URL", raising=False)  # links at make run's address
    with acting_as(ADMIN):
        yield
    close_thread_connections()


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """The database the app opens (TRACKER_DB): the demo data and one account, Lena of
    leadership (``dbkit.LEADER``). A test module that needs other people or data defines
    its own ``app_db``."""
    return demo_app_db(tmp_path, monkeypatch, LEADER, "leadership", "Lena")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "tracker.db"


@pytest.fixture
def fresh_db(db_path):
    """A migrated database with the status vocabulary and nothing else."""
    db = open_db(db_path, create=True)
    load_vocabulary(db)
    yield db
    db.close()


@pytest.fixture
def demo_db(fresh_db):
    """The demo dataset (the 2018 letter) loaded into a fresh database."""
    load_demo(fresh_db)
    return fresh_db


@pytest.fixture
def one_ask(fresh_db):
    """A letter of 2024-01-15 with one ask; returns (db, ask_id)."""
    letter = records.add_letter(
        fresh_db, title="Test letter", date_sent="2024-01-15", author_org="Test NGO"
    )
    ask = add_ask(fresh_db, "Test ask", owner="Ana", letters=[(letter, "We urge you to act.")])
    return fresh_db, ask


# --- the CLI through CliRunner ------------------------------------------------------------------


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """One database built by 'tracker init --demo', copied for each test that needs it."""
    path = tmp_path_factory.mktemp("template") / "demo.db"
    result = CliRunner().invoke(cli, ["--db", str(path), "init", "--demo"])
    assert result.exit_code == 0, result.output
    file_bytes(path)  # and nothing left pending in the WAL
    return path


@pytest.fixture
def demo_file(demo_template, db_path):
    """A copy of the demo database made by the CLI, for one test to change."""
    shutil.copyfile(demo_template, db_path)
    return db_path


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium (Debian's) for a module of browser tests."""
    with chromium() as browser:
        yield browser
