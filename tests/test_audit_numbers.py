"""The audit log's numbers read as the rest of the app writes them (QA 2026-12-03: an
observation of 99 read "Value: 99.0", and 29583 read "29583.0", where the tiles say 29,583)."""

from __future__ import annotations

import json

import pytest
from appkit import open_app
from dbkit import demo_database

from tracker.audit import details_in_words


@pytest.mark.parametrize(
    ("action", "details", "said"),
    [
        (
            "observation.add",
            {"observation_id": 3, "date": "2024-05-01", "value": 99.0},
            "Observation #3; Date: 2024-05-01; Value: 99",
        ),
        (
            "observation.add",
            {"observation_id": 4, "date": "2024-05-01", "value": 29583.0},
            "Observation #4; Date: 2024-05-01; Value: 29,583",
        ),
        (
            "observation.add",
            {"observation_id": 5, "date": "2024-05-01", "value": 0.125},
            "Observation #5; Date: 2024-05-01; Value: 0.125",
        ),
        (
            "observation.correct",
            {
                "observation_id": 7,
                "corrects": 1234,
                "date": "2024-05-01",
                "value": 98.0,
                "before": {"value": 99.0, "note": "typo"},
            },
            "Observation #7; Corrects #1234; Date: 2024-05-01; Value: 98; "
            "Before: value: 99, note: “typo”",
        ),
        (
            "user.role",
            {"from": "officer", "to": "admin", "sessions_ended": 1200},
            "Role: Program officer → Administrator; Sessions ended: 1,200",
        ),
    ],
)
def test_a_number_in_the_details_reads_as_the_app_writes_it(action, details, said):
    assert details_in_words(action, json.dumps(details)) == said


def test_the_audit_page_shows_the_demo_s_observations_without_trailing_decimals(
    tmp_path, monkeypatch
):
    path = demo_database(
        tmp_path / "audit.db", [("lee@example.org", "leadership", "Lee")], "correct horse 1"
    )
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_app("lee@example.org", "audit")
    assert not at.exception
    happened = at.dataframe[0].value["happened"]
    observations = happened[happened.str.startswith("Observation added")]
    assert len(observations) > 0
    assert not observations.str.contains(r"Value: [\d,]+\.0\b").any(), observations.head()
    assert observations.str.contains(r"Value: \d{1,3}(?:,\d{3})+\b").any(), observations.head()
