"""An indicator tile's change says what it is measured from (QA 2026-12-03): "On track"
(judged from the baseline towards the target) sat beside a red arrow (the change since the
value before), and a leader read the two as one verdict that contradicted itself. The arrow's
colour already follows the indicator's better direction; its words now say "since" the
previous value's date, so the two judgments read apart."""

from __future__ import annotations

import sys

from appkit import open_app
from browserkit import ROOT
from dbkit import demo_app_db
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(ROOT))  # the app's own folder, as `streamlit run app.py` has it
from webapp import tiles  # noqa: E402


def _tiles(root: str) -> None:
    """Two indicators on track against their baseline whose latest value moved the worse way:
    one where higher is better (it fell), one where lower is better (it rose); and a third with
    a single value (no change to show). Run by AppTest from its own script."""
    import sys

    import pandas as pd

    sys.path.insert(0, root)

    from webapp import tiles

    row = dict(unit="cases", progress_label="On track", method="m", target_value=None)
    table = pd.DataFrame(
        [
            row
            | dict(indicator_id=1, name="Higher better", direction="higher")
            | dict(latest_value=150.0, latest_date="2024-12-31", progress_pct=None),
            row
            | dict(indicator_id=2, name="Lower better", direction="lower")
            | dict(latest_value=9.0, latest_date="2024-12-31", progress_pct=None),
            row
            | dict(indicator_id=3, name="Once", direction="higher")
            | dict(latest_value=5.0, latest_date="2024-12-31", progress_pct=None),
        ]
    )
    lines = pd.DataFrame(
        {
            "indicator_id": [1, 1, 1, 2, 2, 3],
            "date": [
                "2022-12-31",
                "2023-12-31",
                "2024-12-31",
                "2023-06-30",
                "2024-12-31",
                "2024-12-31",
            ],
            "value": [100.0, 180.0, 150.0, 7.0, 9.0, 5.0],
        }
    )
    tiles.indicator_tiles(table, lines)


def run_tiles() -> AppTest:
    at = AppTest.from_function(_tiles, args=(str(ROOT),)).run()
    assert not at.exception
    return at


def test_the_change_says_since_which_value():
    at = run_tiles()
    deltas = [m.proto.delta for m in at.metric]
    assert deltas[:2] == ["-30 since 2023-12-31", "+2 since 2023-06-30"], deltas
    assert not deltas[2], deltas  # one value: no change to show


def test_the_arrow_is_red_when_the_change_is_the_worse_way_and_says_down_or_up():
    at = run_tiles()
    fell, rose = (m.proto for m in at.metric[:2])
    assert (fell.color, rose.color) == (0, 0)  # RED: worse, whichever way is better
    assert (fell.direction, rose.direction) == (0, 1)  # DOWN, UP


def test_the_help_says_the_same_in_a_sentence():
    at = run_tiles()
    helps = [m.proto.help for m in at.metric]
    assert "The change is since the value of 2023-12-31" in helps[0], helps[0]
    assert "since" not in helps[2], helps[2]


def test_a_long_change_keeps_its_number_and_gives_the_year():
    assert tiles.change_since(-61745.0, "2023-12-31") == "-61,745 since 2023"
    assert tiles.change_since(13.0, "2022-12-31") == "+13 since 2022-12-31"
    assert tiles.change_since(-2.0, "2024-06-30") == "-2 since 2024-06-30"
    assert tiles.change_since(-2.25, "2024-06-30") == "-2.25 since 2024"


def test_every_demo_tile_s_change_fits_its_pill(tmp_path, monkeypatch):
    """The demo's tiles at 1280 px: no change longer than a quarter-page pill shows whole."""
    demo_app_db(tmp_path, monkeypatch, "lee@example.org", "leadership", "Lee")
    at = open_app("lee@example.org")
    deltas = [m.proto.delta for m in at.metric if m.proto.chart_data and m.proto.delta]
    assert len(deltas) >= 3, deltas
    assert all(" since " in d and len(d) <= tiles.CHANGE_CHARS for d in deltas), deltas
