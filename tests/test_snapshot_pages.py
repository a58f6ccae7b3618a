"""Snapshots in the app: preview exactly what donors see, publish, open by link, withdraw,
not found, and whether a link needs sign-in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tracker import records, snapshots, users
from tracker.auth import Actor, acting_as
from tracker.db import open_db
from tracker.demo import load_demo
from tracker.vocabulary import load_vocabulary

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PASSWORD = "correct horse battery"
EMAIL = {r: f"{r}@example.org" for r in ("admin", "officer", "leadership", "donor")}
MARKER = "INTERNAL-SNAPSHOT-MARKER-5150"
ADMIN = Actor(email=EMAIL["admin"], role="admin")


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = tmp_path / "snap.db"
    db = open_db(path, create=True)
    load_vocabulary(db)
    load_demo(db)
    for role, email in EMAIL.items():
        users.add_user(db, email, role, password=PASSWORD)
    records.record_status_update(
        db,
        2,
        "achieved",
        effective_date="2025-06-01",
        note=f"Leak {MARKER}",
        evidence_url=f"https://internal.example.org/{MARKER}",
        visibility="internal",
    )
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def run(role: str | None, page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if role:
        at.session_state["user_email"] = EMAIL[role]
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"webapp/pages/{page}.py")
        at.run()
    return at


def text_of(at: AppTest) -> str:
    parts = [
        str(e.value)
        for kind in (
            "title",
            "markdown",
            "caption",
            "info",
            "metric",
            "subheader",
            "warning",
            "error",
            "success",
        )
        for e in getattr(at, kind)
    ]
    parts += [df.value.to_csv() for df in at.dataframe]
    parts += [str(c.proto) for c in at.get("plotly_chart")]
    return "\n".join(parts)


def publish(path: Path, as_of: str = "2024-06-30", **kwargs) -> dict:
    db = open_db(path)
    with acting_as(ADMIN):
        row = snapshots.publish(
            db,
            as_of,
            title=kwargs.pop("title", "Mid-2024"),
            narrative=kwargs.pop("narrative", "Where we stood."),
            **kwargs,
        )
    db.close()
    return row


def test_officer_previews_then_publishes_and_donor_opens_the_link(app_db):
    at = run("officer", "snapshots")
    at.date_input(key="snap_as_of").set_value(dt.date(2025, 12, 31))
    at.text_input(key="snap_title").input("End of 2025")
    at.text_area(key="snap_narrative").input("A hard year for accountability.")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert not at.exception, [e.value for e in at.exception]
    preview = text_of(at)
    assert "End of 2025" in preview and "A hard year for accountability" in preview
    assert MARKER not in preview and "internal.example.org" not in preview
    at.button(key="snap_publish").click().run()
    assert any("Published" in s.value for s in at.success)
    db = open_db(app_db)
    table = snapshots.list_snapshots(db, include_withdrawn=True)
    token = table.iloc[0]["token"]
    db.close()

    donor = run("donor", snapshot=token)
    assert donor.title[0].value == "End of 2025"
    shown = text_of(donor)
    assert MARKER not in shown and "A hard year for accountability" in shown
    listing = run("donor", "snapshots")
    assert "End of 2025" in listing.dataframe[0].value["title"].tolist()


def test_snapshot_page_shows_frozen_content_after_later_updates(app_db):
    row = publish(app_db)
    before = text_of(run("donor", snapshot=row["token"]))
    db = open_db(app_db)
    with acting_as(ADMIN):
        records.record_status_update(
            db,
            1,
            "achieved",
            effective_date="2024-06-01",
            note="Backdated public change",
            visibility="public",
        )
    db.close()
    after = text_of(run("donor", snapshot=row["token"]))
    assert after == before


def test_withdrawn_link_says_so_and_wrong_token_says_not_found(app_db):
    row = publish(app_db)
    db = open_db(app_db)
    with acting_as(ADMIN):
        snapshots.withdraw(db, row["id"], "Superseded by the annual report")
    db.close()
    at = run("donor", snapshot=row["token"])
    assert not at.exception
    assert at.title[0].value == "This snapshot was withdrawn"
    assert any("Superseded by the annual report" in w.value for w in at.warning)
    wrong = run("donor", snapshot="not-a-real-token")
    assert not wrong.exception
    assert wrong.title[0].value == "Snapshot not found"


def test_link_needs_sign_in_unless_the_setting_allows(app_db):
    row = publish(app_db)
    anonymous = run(None, snapshot=row["token"])
    assert anonymous.title[0].value == "Sign in to Advocacy Tracker"
    db = open_db(app_db)
    with acting_as(ADMIN):
        snapshots.set_links_without_sign_in(db, True)
    db.close()
    opened = run(None, snapshot=row["token"])
    assert opened.title[0].value.replace("\\", "") == "Mid-2024"
    assert MARKER not in text_of(opened)


def test_donor_sees_only_published_snapshots_newest_first(app_db):
    first = publish(app_db, "2023-12-31", title="End of 2023")
    publish(app_db, "2024-12-31", title="End of 2024")
    db = open_db(app_db)
    with acting_as(ADMIN):
        snapshots.withdraw(db, first["id"], "Old")
    db.close()
    at = run("donor", "snapshots")
    titles = at.dataframe[0].value["title"].tolist()
    assert titles == ["End of 2024"]
    assert "published_by" not in at.dataframe[0].value.columns


def test_publishing_without_narrative_names_the_field(app_db):
    at = run("leadership", "snapshots")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert any("narrative" in e.value for e in at.error)
    db = open_db(app_db)
    assert snapshots.list_snapshots(db, include_withdrawn=True).empty
    db.close()
