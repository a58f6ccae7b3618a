"""A snapshot with nothing in it is not offered for publishing (QA 2026-12-03): as of
1999-01-01, before the demo's first ask, the preview showed four zeros and "No asks in this
snapshot." above an enabled Publish button. It says why and what to pick instead."""

from __future__ import annotations

from appkit import open_app
from dbkit import LEADER

from tracker import snapshots
from tracker.db import open_db


def preview(as_of: str):
    at = open_app(LEADER, "snapshots")
    at.text_input(key="snap_as_of").input(as_of)
    at.text_area(key="snap_narrative").input("Where we stand.")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert not at.exception
    return at


def test_an_empty_snapshot_is_said_and_not_offered(app_db):
    at = preview("1999-01-01")
    said = " ".join(w.value for w in at.warning)
    assert "No public ask in this snapshot as of 1999-01-01" in said
    assert "later As of date" in said
    assert "snap_publish" not in [b.key for b in at.button]
    db = open_db(app_db)
    assert snapshots.list_snapshots(db).empty
    db.close()


def test_a_snapshot_with_asks_is_offered(app_db):
    at = preview("2024-12-31")
    assert "snap_publish" in [b.key for b in at.button]
    assert not [w for w in at.warning if "No public ask" in w.value]
