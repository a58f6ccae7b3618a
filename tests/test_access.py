"""Who sees what: every page x every role through AppTest, donor safety (a planted internal
marker never reaches a donor), inert rendering of hostile text, and the sign-in flows."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from appkit import rendered_text, run_as
from dbkit import EMAIL, add_ask, demo_database
from streamlit.testing.v1 import AppTest

from tracker import db as tracker_db
from tracker import records, users
from tracker.auth import Actor, acting_as
from tracker.dates import today
from tracker.db import open_db

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
ROLES = ("admin", "officer", "leadership", "donor")
MARKER = "INTERNAL-MARKER-7731"
OWNER_MARKER = "Owner Marker 7731"
HOSTILE = (
    "<script>alert('x')</script> [click me](javascript:alert(1)) "
    "<img src=x onerror=alert(2)> **bold**"
)

# page -> roles that may open it (app.py's SECTIONS and tracker.auth.PERMISSIONS)
ACCESS = {
    "dashboard": {"admin", "officer", "leadership"},
    "asks": {"admin", "officer", "leadership"},
    "letters": {"admin", "officer", "leadership"},
    "indicators": {"admin", "officer", "leadership"},
    "public_dashboard": set(ROLES),
    "snapshots": set(ROLES),
    "search": set(ROLES),
    "record_update": {"admin", "officer"},
    "add_letter": {"admin", "officer"},
    "review_queue": {"admin", "officer"},
    "users": {"admin"},
    "audit": {"admin", "leadership"},
    "import_export": {"admin", "officer", "leadership"},
    "methodology": set(ROLES),
}


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """The demo data, one built-in account per role, an internal note carrying a marker, an
    ask whose owner is a marker, and an ask titled with hostile markup."""
    people = [(EMAIL[role], role, role.capitalize()) for role in ROLES]
    path = demo_database(tmp_path / "access.db", people, PASSWORD)
    db = open_db(path)
    on = today().isoformat()
    records.record_status_update(
        db,
        3,
        "in_progress",
        effective_date=on,
        note=f"Private source says {MARKER}",
        evidence_url=f"https://internal.example.org/{MARKER}",
        visibility="internal",
    )
    hostile_ask = add_ask(
        db, f"Hostile {HOSTILE}", theme="Human rights", owner=OWNER_MARKER, letters=[(1, "")]
    )
    records.record_status_update(
        db,
        hostile_ask,
        "no_progress",
        effective_date=on,
        note=f"Public {HOSTILE}",
        evidence_url="https://example.org/public",
        visibility="public",
    )
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path, hostile_ask


ROLE_NAMES = {"admin": "Administrator", "officer": "Program officer", "leadership": "Leadership"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(ACCESS))
def test_page_access_by_role(app_db, page, role):
    """A page the role may open renders; one it may not (opened by its link) keeps its name
    and says which role it needs, instead of silently showing another page."""
    at = run_as(role, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{page} renders a title for {role}"
    refusals = [e.value for e in at.error if "do not have access" in e.value]
    if role in ACCESS[page]:
        assert not refusals
    else:
        assert len(refusals) == 1, page
        needed = [ROLE_NAMES[r] for r in ROLES if r in ACCESS[page]]
        assert all(name in refusals[0] for name in needed), refusals[0]
        assert f"you are signed in as {ROLE_NAMES.get(role, 'Donor')}" in refusals[0]
        assert not at.dataframe and not at.get("plotly_chart") and not at.text_area


@pytest.mark.parametrize("role", ROLES)
def test_every_page_url_is_known_to_every_role(app_db, role):
    """Every page's URL is registered whoever signs in (the ones the role may not open
    hidden and refused), so no link or bookmark meets Streamlit's "Page not found"."""
    at = run_as(role)
    registered = {Path(str(info.get("script_path"))).stem for info in at._registered_pages.values()}
    assert registered == set(ACCESS) | {"snapshot"}


@pytest.mark.parametrize(
    ("page", "role"),
    [
        ("users", "officer"),
        ("audit", "officer"),
        ("record_update", "leadership"),
        ("dashboard", "donor"),
        ("asks", "donor"),
        ("review_queue", "donor"),
        ("letters", "donor"),
        ("indicators", "donor"),
    ],
)
def test_hidden_page_refuses_even_when_run_directly(app_db, page, role):
    """A page's own guard refuses, whatever the navigation shows."""
    script = f"""
from tracker.auth import Actor, set_actor
set_actor(Actor(email="{EMAIL[role]}", role="{role}"))
import runpy
runpy.run_path({str(ROOT / "webapp" / "pages" / f"{page}.py")!r}, run_name="__main__")
"""
    at = AppTest.from_string(script, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("do not have access" in e.value for e in at.error)
    assert not at.dataframe and not at.get("plotly_chart")


@pytest.mark.parametrize("page", [p for p, roles in ACCESS.items() if "donor" in roles])
def test_donor_pages_never_show_internal_notes_owners_or_evidence(app_db, page):
    at = run_as("donor", page)
    text = rendered_text(at)
    assert text.strip(), "the page rendered something to scan"
    assert MARKER not in text
    assert "internal.example.org" not in text
    assert OWNER_MARKER not in text
    assert "Program officer, Mexico" not in text  # the demo asks' owner
    assert "@example.org" not in text  # no users
    assert "sign-in" not in text and "status.change" not in text  # no audit log


def test_staff_do_see_the_internal_note_the_donor_cannot(app_db):
    """The marker is really there for internal roles, so the donor scan above means something."""
    at = run_as("leadership", "asks", ask="3")
    assert MARKER in rendered_text(at)


def test_hostile_text_renders_inertly(app_db):
    _, hostile_ask = app_db
    at = run_as("officer", "asks", ask=str(hostile_ask))
    assert not at.exception
    title = at.title[0].value
    assert "[click me](javascript" not in title  # markdown link syntax is escaped
    assert "\\[click me\\]" in title and "\\<script\\>" in title
    dashboard = run_as("officer", "dashboard")
    feed = [m.value for m in dashboard.markdown if "onerror" in m.value]
    assert feed, "the hostile note appears in the what-changed feed"
    for body in feed:
        # every markup character arrives escaped, so markdown and HTML render it as text
        assert not re.search(r"(?<!\\)<(img|script)", body)
        assert "(javascript:alert(1))" not in body


def test_unknown_session_user_sees_sign_in(app_db):
    at = run_as(None)
    assert at.title[0].value == "Sign in to Advocacy Tracker"
    assert len(at.get("plotly_chart")) == 0 and not at.dataframe


def test_sign_in_with_password_then_sign_out(app_db):
    at = run_as(None)
    at.text_input(key="signin_email").input(EMAIL["leadership"])
    at.text_input(key="signin_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert at.title[0].value == "Dashboard"
    assert any("Signed in as" in c.value for c in at.sidebar.caption)
    at.sidebar.button(key="sign_out").click().run()
    assert at.title[0].value == "Sign in to Advocacy Tracker"


def test_wrong_password_is_refused_and_five_failures_lock(app_db):
    at = run_as(None)
    for _ in range(5):
        at.text_input(key="signin_email").input(EMAIL["officer"])
        at.text_input(key="signin_password").input("wrong password!")
        next(b for b in at.button if b.label == "Sign in").click().run()
    assert any("locked" in e.value for e in at.error)
    at.text_input(key="signin_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert any("locked" in e.value for e in at.error)
    assert at.title[0].value == "Sign in to Advocacy Tracker"


def test_first_run_creates_the_first_admin_only_when_there_are_no_users(tmp_path, monkeypatch):
    path = tmp_path / "new.db"
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = run_as(None)
    assert at.title[0].value == "Welcome to Advocacy Tracker"
    at.text_input(key="first_name").input("Ada")
    at.text_input(key="first_email").input("ada@example.org")
    at.text_input(key="first_password").input(PASSWORD)
    at.text_input(key="first_confirm").input(PASSWORD)
    next(b for b in at.button if b.label == "Create administrator").click().run()
    assert not at.exception
    assert at.title[0].value == "Dashboard"
    again = run_as(None)
    assert again.title[0].value == "Sign in to Advocacy Tracker"  # first run is gone
    db = open_db(path)
    assert users.get_user(db, "ada@example.org")["role"] == "admin"
    db.close()


def test_first_run_says_each_problem_under_its_field(tmp_path, monkeypatch):
    path = tmp_path / "new.db"
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = run_as(None)
    at.text_input(key="first_password").input("short")
    at.text_input(key="first_confirm").input("other")
    next(b for b in at.button if b.label == "Create administrator").click().run()
    assert not at.exception
    said = [e.value for e in at.error]
    assert len(said) == 3  # email, password and the confirmation, each in its own place
    assert any("Type the email address" in s for s in said)
    assert any("at least" in s for s in said)
    assert any("same password twice" in s for s in said)
    assert at.title[0].value == "Welcome to Advocacy Tracker"
    db = open_db(path)
    assert users.count_users(db) == 0
    db.close()


def test_removed_user_loses_access_at_once(app_db):
    path, _ = app_db
    at = run_as("officer")
    assert at.title[0].value == "Dashboard"
    db = open_db(path)
    with acting_as(Actor(email=EMAIL["admin"], role="admin")):
        users.remove_user(db, EMAIL["officer"])
    db.close()
    at.run()
    assert at.title[0].value == "Sign in to Advocacy Tracker"


def test_admin_adds_a_user_and_the_change_is_audited(app_db):
    at = run_as("admin", "users")
    at.text_input(key="new_user_email").input("new.officer@example.org")
    at.selectbox(key="new_user_role").set_value("officer")
    at.text_input(key="new_user_password").input("a fine new password")
    next(b for b in at.button if b.label == "Add user").click().run()
    assert not at.exception
    audit = run_as("leadership", "audit")
    log = audit.dataframe[0].value
    added = log[(log["action"] == "User added") & (log["entity_id"] == "new.officer@example.org")]
    assert list(added["actor"]) == [EMAIL["admin"]]


def test_leadership_reads_but_cannot_record(app_db):
    at = run_as("leadership", "indicators")
    assert not any(b.label == "Add observation" for b in at.button)
    letters = run_as("leadership", "letters")
    assert not letters.get("page_link")  # no way to the Add a letter page


# --- sessions are checked on every rerun (issue 11) -----------------------------------------------


def _signed_in(role: str) -> AppTest:
    """A tab signed in through the sign-in form (a real session token, as a browser gets)."""
    at = run_as(None)
    at.text_input(key="signin_email").input(EMAIL[role])
    at.text_input(key="signin_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert at.title[0].value == "Dashboard" if role != "donor" else True
    assert at.session_state["session_token"]
    return at


def _admin_does(path, write, *args, **kwargs):
    db = open_db(path)
    with acting_as(Actor(email=EMAIL["admin"], role="admin")):
        result = write(db, *args, **kwargs)
    db.close()
    return result


def _expire_sessions(path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE sign_in_sessions SET expires_at = '2000-01-01T00:00:00+00:00'")
        conn.commit()


REVOCATIONS = {
    "signed-out-everywhere": lambda p: _admin_does(p, users.sign_out_everywhere, EMAIL["officer"]),
    "password-changed": lambda p: _admin_does(
        p, users.set_password, EMAIL["officer"], "another long password"
    ),
    "role-changed": lambda p: _admin_does(p, users.set_role, EMAIL["officer"], "leadership"),
    "expired": _expire_sessions,
}


@pytest.mark.parametrize("revoke", list(REVOCATIONS))
def test_an_open_tab_is_signed_out_at_its_next_rerun(app_db, revoke):
    """Regression: an open tab was never re-checked, so it stayed signed in past 12 hours, after
    a sign-out elsewhere and after a password or role change."""
    path, _ = app_db
    at = _signed_in("officer")
    REVOCATIONS[revoke](path)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Sign in to Advocacy Tracker"


def test_the_admin_signs_someone_out_everywhere_from_the_users_page(app_db):
    path, _ = app_db
    lead = _signed_in("leadership")
    at = run_as("admin", "users")
    at.selectbox(key="sign_out_user").set_value(EMAIL["leadership"])
    next(b for b in at.button if b.label == "Sign out everywhere").click().run()
    assert not at.exception
    assert any("1 session ended" in t.value for t in at.toast)
    lead.run()
    assert lead.title[0].value == "Sign in to Advocacy Tracker"
    assert any(b.label == "Download a backup" for b in at.get("download_button"))


def test_a_write_during_a_long_write_says_the_tracker_is_busy(app_db, monkeypatch):
    """Regression: with another write holding the database, the app failed with "database is
    locked" instead of saying it is busy."""
    path, _ = app_db
    monkeypatch.setattr(tracker_db, "BUSY_TIMEOUT_MS", 300)
    at = run_as("admin", "users")
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        at.text_input(key="new_user_email").input("busy@example.org")
        next(b for b in at.button if b.label == "Add user").click().run()
    finally:
        holder.rollback()
        holder.close()
    assert not at.exception
    assert any("the tracker is busy" in e.value.lower() for e in at.error)
    db = open_db(path)
    assert users.get_user(db, "busy@example.org") is None
    db.close()
