"""The audit log's Details as people read them (QA 2026-12-02: raw JSON, off-screen at 375 px):
each action's details in words, and the column near the start of the row."""

from __future__ import annotations

import json

import pytest
from appkit import open_app
from dbkit import demo_database

from tracker.audit import SETTING_LABELS, details_in_words
from tracker.dates import EARLIEST_SETTING
from tracker.reading import PRIVATE_LINKS_SETTING
from tracker.snapshots import PUBLIC_LINKS_SETTING

LABELS = {("outcome", "partially_achieved"): "Partially achieved"}


@pytest.mark.parametrize(
    ("action", "details", "said"),
    [
        (
            "status.change",
            {
                "update_id": 12,
                "track": "outcome",
                "status": "partially_achieved",
                "date": "2024-03-01",
                "supersedes": None,
            },
            "Outcome: Partially achieved, dated 2024-03-01 (entry #12)",
        ),
        (
            "status.correction",
            {
                "update_id": 13,
                "track": "outcome",
                "status": "partially_achieved",
                "date": "2024-03-01",
                "supersedes": 12,
            },
            "Outcome: Partially achieved, dated 2024-03-01 (entry #13, correcting #12)",
        ),
        (
            "user.role",
            {"from": "officer", "to": "admin", "sessions_ended": 2},
            "Role: Program officer → Administrator; Sessions ended: 2",
        ),
        ("user.add", {"role": "donor", "password": True}, "Role: Donor; Password: yes"),
        ("letter.add", {"title": "To the minister"}, "Title: “To the minister”"),
        ("ask.link", {"letter_id": 4}, "Letter #4"),
        (
            "observation.add",
            {"observation_id": 9, "date": "2024-05-01", "value": 12.5},
            "Observation #9; Date: 2024-05-01; Value: 12.5",
        ),
        ("sign-in", {}, "—"),
        # QA 2026-12-03: "Setting changed: Value: no" did not say which setting
        (
            "setting.change",
            {"setting": "links_to_private_addresses", "value": True},
            "Fetch links to private or local addresses: yes",
        ),
        (
            "setting.change",
            {"setting": "snapshot_links_without_sign_in", "value": False},
            "Snapshot links open without sign-in: no",
        ),
        (
            "setting.change",
            {"setting": "earliest_date", "value": "1950-01-01"},
            "Earliest date that may be recorded: 1950-01-01",
        ),
    ],
)
def test_details_read_in_words(action, details, said):
    assert details_in_words(action, json.dumps(details), LABELS) == said


def test_the_audit_page_shows_details_in_words_near_the_start(tmp_path, monkeypatch):
    path = demo_database(
        tmp_path / "audit.db", [("lee@example.org", "leadership", "Lee")], "correct horse 1"
    )
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_app("lee@example.org", "audit")
    assert not at.exception
    log = at.dataframe[0].value
    assert list(log.columns)[:2] == ["at", "happened"], list(log.columns)
    assert not log["happened"].str.contains(r"[{}\"]").any(), log["happened"].head()
    assert log["happened"].str.startswith("Status changed: Outcome: ").any()


def test_every_setting_is_named_in_words():
    assert {EARLIEST_SETTING, PRIVATE_LINKS_SETTING, PUBLIC_LINKS_SETTING} <= set(SETTING_LABELS)


def test_what_happened_wraps_whole_at_a_phone_s_width(tmp_path, monkeypatch):
    """QA 2026-12-03: at 375 px the Audit log cut "What happened" to its first words. The
    column keeps a phone's width and its rows are tall enough for the longest entry to wrap."""
    import sys

    from browserkit import ROOT

    sys.path.insert(0, str(ROOT))
    from webapp import titles

    path = demo_database(
        tmp_path / "audit.db", [("lee@example.org", "leadership", "Lee")], "correct horse 1"
    )
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_app("lee@example.org", "audit")
    frame = at.dataframe[0]
    assert json.loads(frame.proto.columns)["happened"]["width"] == titles.TITLE_PX
    lines = titles.lines_needed(frame.value["happened"])
    assert lines >= 3
    assert frame.proto.row_height >= 2 * titles.PAD_PX + titles.LINE_PX * lines
