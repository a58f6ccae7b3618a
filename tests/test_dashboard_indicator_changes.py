"""The dashboard's indicators that moved (QA 2026-12-03, the whole period): a table with no
heading under the status changes, its Assessment column in codes ("better", "new") and its
Before column left-aligned text ("14,619") beside a right-aligned Now. It has a heading,
words for the assessment, and numbers in both value columns."""

from __future__ import annotations

from appkit import open_app
from dbkit import LEADER


def test_indicators_that_moved_are_headed_and_assessed_in_words(app_db):
    at = open_app(LEADER, None, as_of="2025-03-01")
    at.segmented_control(key="changes_window").set_value("The whole period").run()
    assert not at.exception
    frame = next(f.value for f in at.dataframe if "assessment" in f.value.columns)
    assert set(frame["assessment"]) <= {"Better", "Worse", "No change", "First value"}
    assert "First value" in set(frame["assessment"])  # RNPDNO: first observed in the period
    headings = [m.value for m in at.markdown if m.value.startswith("**Indicators that moved**")]
    assert headings == [f"**Indicators that moved** ({len(frame)})"]
    config = next(f.proto for f in at.dataframe if "assessment" in f.value.columns)
    assert '"latest_value_before"' in config.columns and '"localized"' in config.columns
    assert frame["latest_value_before"].dtype.kind == "f"  # numbers, a gap shown as a dash
