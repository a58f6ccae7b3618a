"""The Methodology page says what each headline figure counts (QA 2026-12-03): the dashboard,
public progress and a snapshot show "In progress or partly achieved" and "Stalled or
reversed", and nowhere said that "No progress" counts in neither (data/statuses.json's
buckets)."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import demo_app_db, demo_database

DONOR = "dora@example.org"


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    return demo_app_db(tmp_path, monkeypatch, DONOR, "donor", "Dora")


def test_methodology_lists_the_statuses_each_headline_figure_counts(app_db):
    at = open_app(DONOR, "methodology")
    assert not at.exception
    assert "Headline figures" in [h.value for h in at.header]
    said_figures = " ".join(m.value for m in at.markdown)
    for line in (
        "**Asks tracked**: every ask made by the date shown.",
        "**In progress or partly achieved**: the asks whose outcome is In progress or "
        "Partially achieved on that date.",
        "**Stalled or reversed**: the asks whose outcome is Reversed or Stalled on that date.",
        "**Achieved**: the asks whose outcome is Achieved on that date.",
    ):
        assert line in said_figures, line
    said = " ".join(c.value for c in at.caption)
    for label in ("Not assessed", "No progress", "Dropped"):
        assert label in said  # counted in Asks tracked only


def test_donors_read_the_statuses_without_their_codes(app_db, tmp_path, monkeypatch):
    """QA 2026-12-03, 375 px: the donor's status tables ended in a Code column (for
    spreadsheets, which donors never import or export) that squeezed each meaning into a
    word a line and ran off the screen. Staff who import or export still see the codes."""
    at = open_app(DONOR, "methodology")
    columns = [list(t.value.columns) for t in at.table if "Meaning" in t.value.columns]
    assert len(columns) == 2 and all("Code" not in c for c in columns), columns
    staff = demo_database(
        tmp_path / "staff.db", [("lena@example.org", "leadership", "L")], "a long pw 12"
    )
    monkeypatch.setenv("TRACKER_DB", str(staff))
    at = open_app("lena@example.org", "methodology")
    columns = [list(t.value.columns) for t in at.table if "Meaning" in t.value.columns]
    assert all("Code" in c for c in columns), columns
