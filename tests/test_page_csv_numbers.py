"""The CSVs of the leadership pages' charts hold plain numbers (QA 2026-12-03): an indicator's
observations downloaded as 1296.0, its missing "% to target" as "—", and the progress index
as 0.3666666666666667; a value beside a missing one as "1,296", text to a spreadsheet."""

from __future__ import annotations

import csv
import io
import sys

import pandas as pd
from browserkit import ROOT

from tracker.spreadsheets import csv_bytes

sys.path.insert(0, str(ROOT))  # the app's own folder, as `streamlit run app.py` has it
from webapp.downloads import csv_table  # noqa: E402


def rows(frame: pd.DataFrame) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))


def test_observations_csv_has_plain_numbers_and_empty_missing_cells():
    series = pd.DataFrame(
        {
            "date": ["2013-12-31", "2014-12-31", "2015-12-31"],
            "value": [1296.0, 1234567.0, 3.2],
            "progress_pct": [float("nan"), 37.5, float("nan")],
            "source_url": ["https://example.org/a", None, None],
        }
    )
    got = rows(csv_table(series, {"date": "Date", "value": "Value", "progress_pct": "% to target"}))
    assert [r["Value"] for r in got] == ["1296", "1234567", "3.2"]
    assert [r["% to target"] for r in got] == ["", "37.5", ""]


def test_a_computed_index_is_rounded_and_codes_are_in_words():
    index = pd.DataFrame(
        {
            "month": ["2018-07", "2018-07"],
            "group": ["Human rights", "Migration and asylum"],
            "progress_index": [0.3666666666666667, 0.0],
            "track": ["outcome", "response"],
        }
    )
    columns = {"month": "Month", "group": "Theme", "progress_index": "Index", "track": "Track"}
    got = rows(csv_table(index, columns, places=4))
    assert [r["Index"] for r in got] == ["0.3667", "0"]
    assert [r["Track"] for r in got] == ["Outcome", "Response"]
    assert list(got[0]) == ["Month", "Theme", "Index", "Track"]
