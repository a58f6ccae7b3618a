"""The Methodology page says what each headline figure counts (QA 2026-12-03): the dashboard,
public progress and a snapshot show "In progress or partly achieved" and "Stalled or
reversed", and nowhere said that "No progress" counts in neither (data/statuses.json's
buckets)."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import demo_database

DONOR = "dora@example.org"


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = demo_database(tmp_path / "demo.db", [(DONOR, "donor", "Dora")], "a long pw 1")
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def test_methodology_lists_the_statuses_each_headline_figure_counts(app_db):
    at = open_app(DONOR, "methodology")
    assert not at.exception
    assert "Headline figures" in [h.value for h in at.header]
    table = next(t.value for t in at.table if "Figure" in t.value.columns)
    counts = dict(zip(table["Figure"], table["Counts the asks whose outcome is"], strict=True))
    assert counts["In progress or partly achieved"] == "In progress or Partially achieved"
    assert counts["Stalled or reversed"] == "Reversed or Stalled"
    assert counts["Achieved"] == "Achieved"
    said = " ".join(c.value for c in at.caption)
    for label in ("Not assessed", "No progress", "Dropped"):
        assert label in said  # counted in Asks tracked only
