"""Indicator progress by Open SDG's method, on series worked out by hand.

Most cases use dates exactly 4 years apart (2020-01-01 -> 2024-01-01 = 366 + 3 * 365 = 1461
days = 4 * 365.25) and targets 8 years after the baseline (2028-01-01, 2922 days), so the
years in the compound annual growth rate (CAGR) are whole numbers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tracker import records
from tracker.errors import NotFound, ValidationError
from tracker.indicators import (
    PROGRESS_COLOURS,
    PROGRESS_STATUSES,
    get_indicator,
    indicator_series,
    indicators_moved_between,
    list_indicators,
    progress_pct,
    progress_status,
)

BASE = "2020-01-01"
LATEST = "2024-01-01"  # 4.0 years after BASE
TARGET = "2028-01-01"  # 8.0 years after BASE


def status(
    direction,
    baseline,
    latest,
    target=None,
    *,
    points=2,
    base=BASE,
    when=LATEST,
    target_date=TARGET,
):
    return progress_status(
        direction=direction,
        baseline_value=baseline,
        baseline_date=base,
        latest_value=latest,
        latest_date=when,
        points=points,
        target_value=target,
        target_date=target_date if target is not None else None,
    )


# --- with a target, direction higher ------------------------------------------------------------


def test_example_from_the_method_ten_percent_against_required_seven():
    # Baseline 100 on 2020-01-01, latest 121 on 2022-01-01: 731 days = 2.0014 years,
    # CAGR = 1.21 ** (1 / 2.0014) - 1 = 9.99%. Target 200 by 2030-01-01 (3653 days = 10.0014
    # years): required CAGR = 2 ** (1 / 10.0014) - 1 = 7.18%. R = 9.99 / 7.18 = 1.39 -> on track.
    result = status("higher", 100, 121, 200, when="2022-01-01", target_date="2030-01-01")
    assert result.status == "on_track"
    assert result.ratio == pytest.approx(1.3925, abs=0.001)
    assert result.method == "compound annual growth rates"
    assert result.label == "On track"


@pytest.mark.parametrize(
    ("latest", "expected", "ratio"),
    [
        # Baseline 100, target 400 in 8 years: required CAGR = 4 ** (1/8) - 1 = 2 ** (1/4) - 1
        # = 18.921%.
        # 200 in 4 years: 2 ** (1/4) - 1 = 18.921% -> R = 1.0.
        (200, "on_track", 1.0),
        # 195: 1.95 ** (1/4) - 1 = 18.170% -> R = 0.9603 (just above 0.95).
        (195, "on_track", 0.9603),
        # 193: 1.93 ** (1/4) - 1 = 17.865% -> R = 0.9442 (just below 0.95).
        (193, "acceleration_needed", 0.9442),
        # 170: 1.7 ** (1/4) - 1 = 14.186% -> R = 0.7498.
        (170, "acceleration_needed", 0.7498),
        # 154: 1.54 ** (1/4) - 1 = 11.399% -> R = 0.6025 (just above 0.60).
        (154, "acceleration_needed", 0.6025),
        # 153: 1.53 ** (1/4) - 1 = 11.218% -> R = 0.5929 (just below 0.60).
        (153, "limited_progress", 0.5929),
        # 120: 1.2 ** (1/4) - 1 = 4.664% -> R = 0.2465.
        (120, "limited_progress", 0.2465),
        # 100: no change -> R = 0 -> still limited progress (0 <= R < 0.60).
        (100, "limited_progress", 0.0),
        # 90: 0.9 ** (1/4) - 1 = -2.600% -> R = -0.1374.
        (90, "deterioration", -0.1374),
    ],
)
def test_higher_with_target(latest, expected, ratio):
    result = status("higher", 100, latest, 400)
    assert result.status == expected
    assert result.ratio == pytest.approx(ratio, abs=0.0005)
    assert result.growth is None


@pytest.mark.parametrize("latest", [400, 450])
def test_higher_target_met_is_target_achieved(latest):
    result = status("higher", 100, latest, 400)
    assert result.status == "target_achieved"
    assert result.ratio is None


# --- with a target, direction lower -------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "expected", "ratio"),
    [
        # Baseline 400, target 100 in 8 years: required CAGR = 0.25 ** (1/8) - 1
        # = 2 ** (-1/4) - 1 = -15.910%; d = -1.
        # 200: 0.5 ** (1/4) - 1 = -15.910% -> R = -1 * -15.910 / 15.910 = 1.0.
        (200, "on_track", 1.0),
        # 250: 0.625 ** (1/4) - 1 = -11.086% -> R = 0.6968.
        (250, "acceleration_needed", 0.6968),
        # 300: 0.75 ** (1/4) - 1 = -6.940% -> R = 0.4362.
        (300, "limited_progress", 0.4362),
        # 450: 1.125 ** (1/4) - 1 = +2.988% -> R = -0.1878.
        (450, "deterioration", -0.1878),
    ],
)
def test_lower_with_target(latest, expected, ratio):
    result = status("lower", 400, latest, 100)
    assert result.status == expected
    assert result.ratio == pytest.approx(ratio, abs=0.0005)


@pytest.mark.parametrize("latest", [100, 60])
def test_lower_target_met_is_target_achieved(latest):
    assert status("lower", 400, latest, 100).status == "target_achieved"


def test_target_date_not_after_baseline_is_insufficient_data():
    result = status("higher", 100, 120, 400, target_date=BASE)
    assert result.status == "insufficient_data"


# --- zero or negative values: linear change -----------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "expected", "ratio"),
    [
        # Baseline 0 (no CAGR possible), target 8 in 8 years: required 1 a year.
        # 4 in 4 years: 1 a year -> R = 1.0.
        (4, "on_track", 1.0),
        # 3 in 4 years: 0.75 a year -> R = 0.75.
        (3, "acceleration_needed", 0.75),
        # 2 in 4 years: 0.5 a year -> R = 0.5.
        (2, "limited_progress", 0.5),
    ],
)
def test_zero_baseline_with_target_uses_linear_change(latest, expected, ratio):
    result = status("higher", 0, latest, 8)
    assert result.status == expected
    assert result.ratio == pytest.approx(ratio)
    assert "linear" in result.method


def test_negative_baseline_lower_uses_linear_change():
    # Baseline -2 (e.g. a net balance), target -10 in 8 years: required -1 a year.
    # Latest -3 in 4 years: -0.25 a year; d = -1 -> R = 0.25 -> limited progress.
    result = status("lower", -2, -3, -10)
    assert result.status == "limited_progress"
    assert result.ratio == pytest.approx(0.25)
    assert "linear" in result.method


def test_positive_baseline_falling_to_zero_still_uses_cagr():
    # 100 -> 0 is a CAGR of -100% (the value may be zero, not negative). Higher, target 400:
    # R = -1 / 0.18921 = -5.285 -> deterioration.
    result = status("higher", 100, 0, 400)
    assert result.status == "deterioration"
    assert result.ratio == pytest.approx(-5.285, abs=0.001)


# --- without a target ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "expected", "growth"),
    [
        # Baseline 100, 4 years, direction higher; thresholds 1.5% / 0.5% / 0 a year.
        # 110: 1.1 ** (1/4) - 1 = 2.411%.
        (110, "on_track", 0.02411),
        # 106.2: 1.062 ** (1/4) - 1 = 1.515% (just above 1.5%).
        (106.2, "on_track", 0.01515),
        # 106: 1.06 ** (1/4) - 1 = 1.467% (just below 1.5%).
        (106, "acceleration_needed", 0.01467),
        # 102.1: 1.021 ** (1/4) - 1 = 0.521% (just above 0.5%).
        (102.1, "acceleration_needed", 0.00521),
        # 101.9: 1.019 ** (1/4) - 1 = 0.472% (just below 0.5%).
        (101.9, "limited_progress", 0.00472),
        # 100: 0% -> limited progress (growth >= 0).
        (100, "limited_progress", 0.0),
        # 99: 0.99 ** (1/4) - 1 = -0.251%.
        (99, "deterioration", -0.00251),
    ],
)
def test_higher_without_target(latest, expected, growth):
    result = status("higher", 100, latest)
    assert result.status == expected
    assert result.growth == pytest.approx(growth, abs=0.00001)
    assert result.ratio is None


@pytest.mark.parametrize(
    ("latest", "expected", "growth"),
    [
        # Direction lower: growth = -CAGR.
        # 90: 0.9 ** (1/4) - 1 = -2.600% -> +2.600%.
        (90, "on_track", 0.02600),
        # 98: 0.98 ** (1/4) - 1 = -0.504% -> +0.504%.
        (98, "acceleration_needed", 0.00504),
        # 99: 0.99 ** (1/4) - 1 = -0.251% -> +0.251%.
        (99, "limited_progress", 0.00251),
        # 110: +2.411% -> -2.411%.
        (110, "deterioration", -0.02411),
    ],
)
def test_lower_without_target(latest, expected, growth):
    result = status("lower", 100, latest)
    assert result.status == expected
    assert result.growth == pytest.approx(growth, abs=0.00001)


def test_zero_baseline_without_target_is_insufficient_data():
    # A growth rate from 0 is undefined and a linear change has no percentage to compare with.
    assert status("higher", 0, 5).status == "insufficient_data"


# --- too little data ----------------------------------------------------------------------------


def test_fewer_than_two_points_is_insufficient_data():
    result = status("higher", 100, 200, 400, points=1)
    assert result.status == "insufficient_data"
    assert result.label == "Insufficient data"


def test_latest_on_the_baseline_date_is_insufficient_data():
    assert status("higher", 100, 100, points=2, when=BASE).status == "insufficient_data"


def test_missing_latest_value_is_insufficient_data():
    assert status("higher", 100, None).status == "insufficient_data"


def test_every_status_has_a_label_and_colour():
    assert set(PROGRESS_STATUSES) == set(PROGRESS_COLOURS)


@pytest.mark.parametrize(
    ("baseline", "value", "target", "expected"),
    [
        (10, 30, 50, 50.0),  # (30 - 10) / (50 - 10) = 0.5
        (400, 250, 100, 50.0),  # (250 - 400) / (100 - 400) = 0.5
        (10, 5, 50, -12.5),  # (5 - 10) / 40 = -0.125: went back
        (10, 30, 10, None),  # target equals baseline
        (10, 30, None, None),
        (None, 30, 50, None),
        (10, float("nan"), 50, None),
    ],
)
def test_progress_pct_by_hand(baseline, value, target, expected):
    assert progress_pct(baseline, value, target) == expected


# --- stored indicators --------------------------------------------------------------------------


@pytest.fixture
def indicators(one_ask):
    """conv: higher, baseline 10 on 2020-01-01, target 50 by 2028-01-01, linked to the ask;
    observations 11 on 2022-01-01 and 30 on 2024-01-01.
    kill: lower, no baseline, no target; 20 on 2020-01-01 and 16 on 2024-01-01.
    rate: higher, no baseline, target 100 by 2030-01-01; 40 on 2020-01-01, 55 on 2022-01-01."""
    db, ask_id = one_ask
    conv = records.add_indicator(
        db,
        name="Convictions",
        direction="higher",
        baseline_value=10,
        baseline_date=BASE,
        target_value=50,
        target_date=TARGET,
        ask_ids=[ask_id],
    )
    kill = records.add_indicator(db, name="Killings", direction="lower")
    rate = records.add_indicator(
        db, name="Rate", direction="higher", target_value=100, target_date="2030-01-01"
    )
    for indicator, value, date in [
        (conv, 11, "2022-01-01"),
        (conv, 30, "2024-01-01"),
        (kill, 20, "2020-01-01"),
        (kill, 16, "2024-01-01"),
        (rate, 40, "2020-01-01"),
        (rate, 55, "2022-01-01"),
    ]:
        records.record_observation(db, indicator, value, date=date)
    return db, ask_id, conv, kill, rate


def test_list_indicators_latest_values_and_status(indicators):
    db, _, conv, kill, rate = indicators
    frame = list_indicators(db, "2024-06-01").set_index("indicator_id")
    row = frame.loc[conv]
    assert (row["baseline_value"], row["baseline_date"]) == (10, BASE)
    assert (row["latest_value"], row["latest_date"]) == (30, "2024-01-01")
    # Two observations plus the declared baseline (no observation on its date).
    assert row["points"] == 3
    # Observed 3 ** (1/4) - 1 = 31.607%; required 5 ** (1/8) - 1 = 22.284%; R = 1.4184.
    assert row["progress_status"] == "on_track"
    assert row["ratio"] == pytest.approx(1.4184, abs=0.0005)
    # (30 - 10) / (50 - 10) = 50%.
    assert row["progress_pct"] == pytest.approx(50.0)
    assert row["ask_ids"] == str(indicators[1])

    row = frame.loc[kill]
    # No declared baseline: the first observation (20 on 2020-01-01) is the baseline.
    assert (row["baseline_value"], row["baseline_date"]) == (20, "2020-01-01")
    assert row["points"] == 2
    # 0.8 ** (1/4) - 1 = -5.426%, direction lower -> +5.426% -> on track.
    assert row["progress_status"] == "on_track"
    assert row["growth"] == pytest.approx(0.05426, abs=0.00001)
    assert pd.isna(row["progress_pct"])

    row = frame.loc[rate]
    # Baseline 40 (first observation); (55 - 40) / (100 - 40) = 25%.
    assert row["progress_pct"] == pytest.approx(25.0)


def test_list_indicators_respects_the_as_of_cut_off(indicators):
    db, _, conv, kill, rate = indicators
    frame = list_indicators(db, "2023-06-01").set_index("indicator_id")
    row = frame.loc[conv]
    assert (row["latest_value"], row["latest_date"]) == (11, "2022-01-01")
    assert row["points"] == 2
    # 731 days = 2.0014 years: 1.1 ** (1 / 2.0014) - 1 = 4.877%; R = 4.877 / 22.284 = 0.2189.
    assert row["progress_status"] == "limited_progress"
    assert row["ratio"] == pytest.approx(0.2189, abs=0.0005)
    assert row["progress_pct"] == pytest.approx(2.5)  # (11 - 10) / 40
    # Killings: one observation by then.
    assert frame.loc[kill, "latest_value"] == 20
    assert frame.loc[kill, "progress_status"] == "insufficient_data"


def test_list_indicators_before_any_observation(indicators):
    db, _, conv, kill, _ = indicators
    frame = list_indicators(db, "2019-06-01").set_index("indicator_id")
    assert pd.isna(frame.loc[conv, "latest_value"])
    assert frame.loc[conv, "points"] == 1  # only the declared baseline
    assert frame.loc[conv, "progress_status"] == "insufficient_data"
    assert frame.loc[kill, "points"] == 0


def test_list_indicators_for_one_ask(indicators):
    db, ask_id, conv, *_ = indicators
    assert list(list_indicators(db, "2024-06-01", ask_id=ask_id)["indicator_id"]) == [conv]
    assert list_indicators(db, "2024-06-01", ask_id=ask_id + 1).empty


def test_baseline_date_observation_is_not_counted_twice(fresh_db):
    ind = records.add_indicator(
        fresh_db, name="X", direction="higher", baseline_value=10, baseline_date=BASE
    )
    records.record_observation(fresh_db, ind, 10, date=BASE)
    row = list_indicators(fresh_db, "2024-06-01").iloc[0]
    assert row["points"] == 1
    assert row["progress_status"] == "insufficient_data"


def test_indicator_series_progress_pct_by_hand(indicators):
    db, _, conv, kill, rate = indicators
    series = indicator_series(db, conv, "2024-06-01")
    # (11 - 10) / 40 = 2.5%; (30 - 10) / 40 = 50%.
    assert list(zip(series["date"], series["value"], series["progress_pct"], strict=True)) == [
        ("2022-01-01", 11.0, pytest.approx(2.5)),
        ("2024-01-01", 30.0, pytest.approx(50.0)),
    ]
    # rate: baseline = first observation 40, target 100: 0%, then (55 - 40) / 60 = 25%.
    series = indicator_series(db, rate, "2024-06-01")
    assert list(series["progress_pct"]) == [pytest.approx(0.0), pytest.approx(25.0)]
    # kill: no target, no progress percentage.
    assert indicator_series(db, kill, "2024-06-01")["progress_pct"].isna().all()


def test_indicator_series_respects_the_as_of_cut_off(indicators):
    db, _, conv, *_ = indicators
    assert list(indicator_series(db, conv, "2023-12-31")["value"]) == [11.0]
    assert indicator_series(db, conv, "2021-12-31").empty


def test_unknown_indicator_is_not_found(indicators):
    db, *_ = indicators
    with pytest.raises(NotFound, match="9090"):
        indicator_series(db, 9090)
    with pytest.raises(NotFound, match="9090"):
        get_indicator(db, 9090)


def test_indicators_moved_between_two_dates(indicators):
    db, _, conv, kill, rate = indicators
    fresh = records.add_indicator(db, name="New", direction="higher")
    records.record_observation(db, fresh, 5, date="2024-02-01")
    records.record_observation(db, rate, 50, date="2024-03-01")  # 55 -> 50: worse
    frame = indicators_moved_between(db, "2023-01-01", "2024-06-01").set_index("indicator_id")
    assert set(frame.index) == {conv, kill, rate, fresh}
    # conv: 11 (2022) -> 30 (2024), higher is better: +19, better; limited -> on track.
    assert frame.loc[conv, "change"] == 19
    assert frame.loc[conv, "assessment"] == "better"
    assert frame.loc[conv, "progress_status_before"] == "limited_progress"
    assert frame.loc[conv, "progress_status"] == "on_track"
    # kill: 20 (2020) -> 16 (2024), lower is better: -4, better.
    assert frame.loc[kill, "change"] == -4
    assert frame.loc[kill, "assessment"] == "better"
    # rate: 55 (2022) -> 50 (2024), higher is better: -5, worse.
    assert frame.loc[rate, "change"] == -5
    assert frame.loc[rate, "assessment"] == "worse"
    # fresh: nothing before.
    assert frame.loc[fresh, "assessment"] == "new"
    assert pd.isna(frame.loc[fresh, "latest_value_before"])


def test_indicators_moved_skips_indicators_without_new_values(indicators):
    db, _, conv, kill, rate = indicators
    # Between 2024-02-01 and 2024-06-01 nothing new was observed.
    assert indicators_moved_between(db, "2024-02-01", "2024-06-01").empty
    # Between 2021-06-01 and 2023-01-01 only conv (11) and rate (55) got values.
    frame = indicators_moved_between(db, "2021-06-01", "2023-01-01").set_index("indicator_id")
    assert set(frame.index) == {conv, rate}


def test_indicators_moved_same_value_on_a_new_date(fresh_db):
    ind = records.add_indicator(fresh_db, name="Flat", direction="higher")
    records.record_observation(fresh_db, ind, 7, date="2022-01-01")
    records.record_observation(fresh_db, ind, 7, date="2023-01-01")
    frame = indicators_moved_between(fresh_db, "2022-06-01", "2023-06-01")
    assert list(frame["assessment"]) == ["same"]


def test_indicators_moved_rejects_reversed_dates(indicators):
    db, *_ = indicators
    with pytest.raises(ValidationError, match="2024-06-01"):
        indicators_moved_between(db, "2024-06-01", "2023-01-01")


def _two_tiles(root: str) -> None:
    """The tiles of two indicators, one observed and one not yet (run by AppTest from a
    script of its own, so the project's folder is put on the path for ``webapp``)."""
    import sys

    import pandas as pd

    sys.path.insert(0, root)

    from webapp import tiles

    row = dict(unit="cases", direction="higher", progress_label="On track", method="m")
    table = pd.DataFrame(
        [
            row
            | dict(indicator_id=1, name="Observed", latest_value=120.0, latest_date="2024-05-06")
            | dict(target_value=200.0, progress_pct=40.0),
            row
            | dict(indicator_id=2, name="Not yet", latest_value=None, latest_date=None)
            | dict(target_value=None, progress_pct=None),
        ]
    )
    lines = pd.DataFrame(
        {"indicator_id": [1, 1], "date": ["2023-05-06", "2024-05-06"], "value": [100.0, 120.0]}
    )
    tiles.indicator_tiles(table, lines)


def test_indicator_tiles_date_their_latest_value():
    """QA (donor view): a tile's latest value had no date in sight (only in its help). Each
    tile says "as of" the observation's date, or that there is no value yet."""
    root = str(Path(__file__).resolve().parent.parent)
    at = AppTest.from_function(_two_tiles, args=(root,)).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert "As of 2024-05-06" in captions, captions
    assert "No value by this date" in captions, captions
    assert [m.value for m in at.metric] == ["120", "—"]
