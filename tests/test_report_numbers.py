"""Numbers in a snapshot's report read as people write them (QA donor view, 2026-12-03): the
report and its charts formatted values with ``:,g``, so an indicator of 1234567 read
1.23457e+06 and a count of asks had no thousands separator."""

from __future__ import annotations

import copy
import re

import numpy as np
import pandas as pd
import pytest

from tracker import figures, report, snapshots
from tracker.numbers import readable


@pytest.mark.parametrize(
    "value, text",
    [
        (1234567, "1,234,567"),
        (1234567.0, "1,234,567"),
        (2500000.5, "2,500,000.5"),
        (1234.5678, "1,234.57"),
        (3.2, "3.2"),
        (74.0, "74"),
        (0.428571, "0.429"),
        (0.125, "0.125"),
        (0.0042, "0.0042"),
        (-61745.0, "-61,745"),
        (0, "0"),
        (None, "—"),
        (float("nan"), "—"),
        ("Stalled", "Stalled"),
    ],
)
def test_a_number_reads_as_people_write_it(value, text):
    assert readable(value) == text


@pytest.fixture
def big_content(demo_db):
    """The demo's snapshot content as of 2024-12-31, its first indicator given values in the
    millions and its progress index a long decimal."""
    content = copy.deepcopy(snapshots.preview(demo_db, "2024-12-31", narrative="Numbers."))
    first = content["indicators"][0]
    first.update(baseline_value=1234567.0, latest_value=2500000.5, target_value=3000000.0)
    key = str(first["indicator_id"])
    content["indicator_series"][key] = [
        {"date": "2023-12-31", "value": 1234567.0, "source_url": None},
        {"date": "2024-12-31", "value": 2500000.5, "source_url": None},
    ]
    content["progress_by_theme"][0]["progress_index"] = 0.428571428
    content["kpis"]["asks"] = 12345
    return content


def test_the_report_shows_big_values_with_thousands_separators(big_content):
    html = report.render_html(big_content)
    text = re.sub(r"<script.*?</script>", "", html, flags=re.S)  # Plotly's own JS aside
    assert not re.search(r"\d\.\d+e[+-]\d", text), "a value in scientific notation"
    for shown in ("1,234,567", "2,500,000.5", "3,000,000", "0.429", "12,345"):
        assert f">{shown}<" in text, shown


def test_an_indicator_chart_labels_its_baseline_and_target_in_full():
    series = pd.DataFrame(
        {"date": ["2023-12-31", "2024-12-31"], "value": [1234567.0, 2500000.5], "note": ""}
    ).assign(source_url=None)
    info = {
        "name": "People registered",
        "unit": "people",
        "direction": "higher",
        "baseline_value": 1234567.0,
        "baseline_date": "2023-12-31",
        "target_value": 3000000.0,
        "target_date": None,
    }
    fig = figures.indicator_figure(series, info)
    notes = [a.text for a in fig.layout.annotations]
    assert "Baseline 1,234,567 (2023-12-31)" in notes
    assert "Target 3,000,000" in notes


def test_the_report_says_what_each_headline_figure_counts(demo_db):
    """QA 2026-12-03: donors read "7 asks tracked, 0 achieved, 2 in progress or partly
    achieved, 3 stalled or reversed" with nothing saying where the other two went ("No
    progress" and "Not assessed" count in none). A snapshot keeps each status's headline
    figure (its bucket) and the report says which statuses each figure counts; a snapshot
    published before it kept them shows its figures without the sentence."""
    content = snapshots.preview(demo_db, "2024-12-31", narrative="Counts.")
    html = report.render_html(content)
    said = re.search(r'<p class="counts">(.*?)</p>', html, re.S)
    assert said, "no sentence under the headline figures"
    text = said.group(1)
    assert (
        "In progress or partly achieved counts the asks whose outcome is In progress or "
        "Partially achieved on 2024-12-31." in text
    )
    assert "Stalled or reversed counts the asks whose outcome is Reversed or Stalled" in text
    assert "Not assessed, No progress and Dropped: counted in asks tracked only." in text
    assert "Achieved counts" not in text  # named as its one status
    older = copy.deepcopy(content)
    for status in older["vocabulary"]:
        status.pop("bucket", None)
    assert '<p class="counts">' not in report.render_html(older)


def test_numpy_numbers_and_pandas_missing_read_like_any_other():
    """A value straight from a frame (numpy's int64, pandas' NA) reads as a Python one does."""
    assert readable(np.int64(1_234_567)) == readable(1_234_567) == "1,234,567"
    assert readable(np.float64(3.2)) == "3.2"
    assert readable(pd.NA) == readable(None) == "—"
