"""The pure Plotly figure builders in tracker/figures.py, on small hand-made frames with the
columns the queries return, and once on real query output from the demo database.

No Streamlit: each figure is inspected through its traces and layout."""

from __future__ import annotations

import csv
import json
import math
from itertools import groupby
from pathlib import Path

import pandas as pd
import pytest

from tracker import figures, indicators
from tracker.history import ask_timeline
from tracker.mix import status_mix

DATA = Path(__file__).resolve().parent.parent / "data"
DEMO = DATA / "demo"
TRANSPARENT = "rgba(0,0,0,0)"


def vocabulary() -> dict[str, dict[str, dict]]:
    """track -> code -> {label, colour, ...}, read from data/statuses.json."""
    raw = json.loads((DATA / "statuses.json").read_text(encoding="utf-8"))
    return {track: {s["code"]: s for s in raw[track]} for track in ("outcome", "response")}


VOCAB = vocabulary()


def annotation_texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def assert_empty_figure(fig, fragment: str) -> None:
    assert len(fig.data) == 0
    texts = annotation_texts(fig)
    assert len(texts) == 1
    assert fragment in texts[0]


# --- frames shaped like the queries' output ----------------------------------------------------


def timeline_frame(periods: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """Rows as ask_timeline returns them, from (track, status, start, end)."""
    rows = []
    for index, (track, status, start, end) in enumerate(periods):
        is_current = index == len(periods) - 1 or periods[index + 1][0] != track
        rows.append(
            {
                "track": track,
                "status": status,
                "label": VOCAB[track][status]["label"],
                "colour": VOCAB[track][status]["colour"],
                "start": start,
                "end": end,
                "is_current": int(is_current),
                "entries": 1,
                "last_checked": start,
                "note": f"Note for {status} from {start}",
                "evidence_url": None if status == "stalled" else f"https://example.org/{start}",
            }
        )
    return pd.DataFrame(rows)


# outcome: In progress, Stalled, In progress again; response: Acknowledged.
PERIODS = [
    ("outcome", "in_progress", "2019-01-01", "2020-06-15"),
    ("outcome", "stalled", "2020-06-15", "2021-03-01"),
    ("outcome", "in_progress", "2021-03-01", "2022-01-01"),
    ("response", "acknowledged", "2019-02-01", "2022-01-01"),
]


def bands(fig) -> list[tuple[str, str, str, str]]:
    """(trace name, row, start date, end date) of every band: px.timeline stores the start in
    ``base`` and the duration in milliseconds in ``x``."""
    out = []
    for trace in fig.data:
        for base, duration, row in zip(trace.base, trace.x, trace.y, strict=True):
            start = pd.Timestamp(base)
            end = start + pd.Timedelta(milliseconds=int(round(float(duration))))
            out.append((trace.name, row, start.date().isoformat(), end.date().isoformat()))
    return sorted(out)


def mix_frame() -> pd.DataFrame:
    """status_mix-shaped frame: three months, three statuses in sort order (Reversed,
    Stalled, Achieved: not alphabetical), with made-up colours."""
    counts = {
        "2024-01": (1, 2, 0),
        "2024-02": (0, 2, 1),
        "2024-03": (0, 1, 2),
    }
    statuses = [
        ("reversed", "Reversed", "#aa0000"),
        ("stalled", "Stalled", "#00bb00"),
        ("achieved", "Achieved", "#0000cc"),
    ]
    rows = [
        {"month": month, "status": code, "label": label, "colour": colour, "count": n}
        for month, values in counts.items()
        for (code, label, colour), n in zip(statuses, values, strict=True)
    ]
    return pd.DataFrame(rows)


def series_frame() -> pd.DataFrame:
    """indicators.indicator_series-shaped frame."""
    return pd.DataFrame(
        {
            "id": [1, 2, 3],
            "date": ["2020-12-31", "2021-12-31", "2022-12-31"],
            "value": [40.0, 45.0, 52.0],
            "source_url": ["https://stats.example.org/2020", None, "https://news.example.com/x"],
            "note": ["first release", None, ""],
            "recorded_by": ["Ana", "Ana", "Ben"],
            "progress_pct": [0.0, 25.0, 60.0],
        }
    )


INDICATOR = {
    "indicator_id": 1,
    "name": "Convictions for torture",
    "unit": "cases",
    "direction": "higher",
    "baseline_value": 40.0,
    "baseline_date": "2020-12-31",
    "target_value": 60.0,
    "target_date": "2026-12-31",
}


def progress_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """progress_index-shaped frames, overall and by="theme"."""
    overall = pd.DataFrame(
        {
            "month": ["2024-01", "2024-02"],
            "progress_index": [0.3, 0.55],
            "assessed": [2, 2],
            "asks": [2, 2],
        }
    )
    by_theme = pd.DataFrame(
        {
            "month": ["2024-01", "2024-01", "2024-02", "2024-02"],
            "group": ["Rule of law", "Migration", "Rule of law", "Migration"],
            "progress_index": [0.4, 0.2, 0.7, 0.4],
            "assessed": [1, 1, 1, 1],
            "asks": [1, 1, 1, 1],
        }
    )
    return overall, by_theme


def counts_frame() -> pd.DataFrame:
    """status_counts(by="theme")-shaped frame: every status listed, zeros included."""
    return breakdown_frame(
        {
            "Migration": {"stalled": 1, "achieved": 2},
            "Rule of law": {"stalled": 1, "in_progress": 3},
            "Press": {"reversed": 1},
        }
    )


def breakdown_frame(per_theme: dict[str, dict[str, int] | list[str]]) -> pd.DataFrame:
    """A status_counts frame from theme -> {status: asks} (or a list: one ask each)."""
    rows = []
    for group, found in per_theme.items():
        found = dict.fromkeys(found, 1) if isinstance(found, list) else found
        for code, status in VOCAB["outcome"].items():
            rows.append(
                {
                    "group": group,
                    "status": code,
                    "label": status["label"],
                    "colour": status["colour"],
                    "score": status["score"],
                    "sort_order": list(VOCAB["outcome"]).index(code),
                    "count": found.get(code, 0),
                }
            )
    return pd.DataFrame(rows)


# --- ask_timeline_figure -----------------------------------------------------------------------


def test_timeline_bands_start_and_end_where_the_frame_says():
    fig = figures.ask_timeline_figure(timeline_frame(PERIODS))
    assert bands(fig) == sorted(
        [
            ("In progress", "Outcome", "2019-01-01", "2020-06-15"),
            ("Stalled", "Outcome", "2020-06-15", "2021-03-01"),
            ("In progress", "Outcome", "2021-03-01", "2022-01-01"),
            ("Acknowledged", "Response", "2019-02-01", "2022-01-01"),
        ]
    )


def test_timeline_has_one_trace_per_status_label_in_the_vocabulary_colour():
    fig = figures.ask_timeline_figure(timeline_frame(PERIODS))
    names = [trace.name for trace in fig.data]
    assert sorted(names) == ["Acknowledged", "In progress", "Stalled"]
    colours = {trace.name: trace.marker.color for trace in fig.data}
    assert colours == {
        "In progress": "#56B4E9",
        "Stalled": "#F0E442",
        "Acknowledged": "#56B4E9",
    }
    assert colours["Stalled"] == VOCAB["outcome"]["stalled"]["colour"]


def test_timeline_names_the_status_on_the_band_and_in_the_hover():
    fig = figures.ask_timeline_figure(timeline_frame(PERIODS))
    for trace in fig.data:
        assert list(trace.text) == [trace.name] * len(trace.base)
        assert "%{customdata[0]}" in trace.hovertemplate
        assert [row[0] for row in trace.customdata] == [trace.name] * len(trace.base)
    assert fig.layout.showlegend is True


def test_timeline_hover_shows_start_and_end_dates_note_and_evidence():
    fig = figures.ask_timeline_figure(timeline_frame(PERIODS))
    hover = {trace.name: [[str(v) for v in row] for row in trace.customdata] for trace in fig.data}
    # label, start, end, note, evidence: the end is a date, not px.timeline's duration.
    assert hover["Stalled"] == [
        ["Stalled", "2020-06-15", "2021-03-01", "Note for stalled from 2020-06-15", "—"]
    ]
    assert hover["Acknowledged"] == [
        [
            "Acknowledged",
            "2019-02-01",
            "2022-01-01",
            "Note for acknowledged from 2019-02-01",
            "https://example.org/2019-02-01",
        ]
    ]
    assert [row[1:3] for row in hover["In progress"]] == [
        ["2019-01-01", "2020-06-15"],
        ["2021-03-01", "2022-01-01"],
    ]
    template = fig.data[0].hovertemplate
    for index in range(5):
        assert f"%{{customdata[{index}]}}" in template


def test_timeline_puts_each_track_on_its_own_row():
    fig = figures.ask_timeline_figure(timeline_frame(PERIODS))
    rows = {row for trace in fig.data for row in trace.y}
    assert rows == {"Outcome", "Response"}
    # two tracks: 140 + 50 per track
    assert fig.layout.height == 240


def test_timeline_of_nothing_explains_itself():
    empty = timeline_frame(PERIODS).iloc[0:0]
    assert_empty_figure(figures.ask_timeline_figure(empty), "No status recorded yet")


# --- status_mix_area ---------------------------------------------------------------------------


def test_status_mix_has_one_stacked_trace_per_status_in_the_given_order():
    fig = figures.status_mix_area(mix_frame())
    assert [trace.name for trace in fig.data] == ["Reversed", "Stalled", "Achieved"]
    assert len({trace.stackgroup for trace in fig.data}) == 1
    assert fig.data[0].stackgroup is not None


def test_status_mix_colours_follow_the_frame_and_legend_names_are_labels():
    fig = figures.status_mix_area(mix_frame())
    assert {trace.name: trace.line.color for trace in fig.data} == {
        "Reversed": "#aa0000",
        "Stalled": "#00bb00",
        "Achieved": "#0000cc",
    }
    assert fig.layout.showlegend is True
    for trace in fig.data:
        assert trace.showlegend is not False
        assert "%{fullData.name}" in trace.hovertemplate


def test_status_mix_values_per_month():
    fig = figures.status_mix_area(mix_frame())
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name["Stalled"].x) == ["2024-01", "2024-02", "2024-03"]
    assert list(by_name["Reversed"].y) == [1, 0, 0]
    assert list(by_name["Stalled"].y) == [2, 2, 1]
    assert list(by_name["Achieved"].y) == [0, 1, 2]


def test_status_mix_order_is_the_frames_not_alphabetical():
    frame = mix_frame()
    reordered = pd.concat(
        [frame[frame["label"] == "Achieved"], frame[frame["label"] != "Achieved"]]
    ).sort_values("month", kind="stable")
    fig = figures.status_mix_area(reordered)
    assert [trace.name for trace in fig.data] == ["Achieved", "Reversed", "Stalled"]


@pytest.mark.parametrize("which", ["no rows", "all zero"])
def test_status_mix_of_nothing_explains_itself(which):
    frame = mix_frame()
    frame = frame.iloc[0:0] if which == "no rows" else frame.assign(count=0)
    assert_empty_figure(figures.status_mix_area(frame), "No asks")


# --- indicator_figure --------------------------------------------------------------------------


def horizontal_lines(fig) -> list[float]:
    return sorted(s.y0 for s in fig.layout.shapes if s.y0 == s.y1 and s.xref == "x domain")


def vertical_lines(fig) -> list[str]:
    return [s.x0 for s in fig.layout.shapes if s.x0 == s.x1 and s.yref == "y domain"]


def test_indicator_has_baseline_and_target_lines_and_target_date():
    fig = figures.indicator_figure(series_frame(), INDICATOR)
    assert horizontal_lines(fig) == [40.0, 60.0]
    assert vertical_lines(fig) == ["2026-12-31"]
    texts = annotation_texts(fig)
    assert any(t.startswith("Baseline 40") and "2020-12-31" in t for t in texts)
    assert any(t.startswith("Target 60") for t in texts)
    assert any("Target date 2026-12-31" in t for t in texts)


def test_indicator_plots_the_values_with_their_sources_on_hover():
    fig = figures.indicator_figure(series_frame(), INDICATOR)
    assert len(fig.data) == 1
    trace = fig.data[0]
    assert list(trace.x) == ["2020-12-31", "2021-12-31", "2022-12-31"]
    assert list(trace.y) == [40.0, 45.0, 52.0]
    assert [row[0] for row in trace.customdata] == [
        "https://stats.example.org/2020",
        "—",
        "https://news.example.com/x",
    ]
    assert trace.customdata[0][1] == "first release"
    assert "Source: %{customdata[0]}" in trace.hovertemplate
    assert "cases" in trace.hovertemplate
    assert fig.layout.title.text == "Convictions for torture (higher is better)"


def test_a_long_indicator_title_wraps_to_fit_a_phone():
    """At 375 px the QA read "Military-abuse investigations ending in convictio": the title
    wraps in lines a phone's chart holds, and the top margin grows to hold them."""
    name = "Military-abuse investigations ending in conviction, all federal courts"
    fig = figures.indicator_figure(series_frame(), {**INDICATOR, "name": name})
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= figures.TITLE_CHARS for line in lines)
    assert " ".join(lines).startswith(name) and "higher is better" in lines[-1]
    short = figures.indicator_figure(series_frame(), INDICATOR)
    assert fig.layout.margin.t > short.layout.margin.t


def test_indicator_without_a_target_has_no_target_line():
    indicator = dict(INDICATOR, target_value=None, target_date=None, direction="lower")
    fig = figures.indicator_figure(series_frame(), indicator)
    assert horizontal_lines(fig) == [40.0]
    assert vertical_lines(fig) == []
    assert not any("Target" in t for t in annotation_texts(fig))
    assert any(t.startswith("Baseline") for t in annotation_texts(fig))
    assert "lower is better" in fig.layout.title.text


def test_indicator_with_nan_target_and_baseline_has_no_lines():
    """list_indicators rows hold NaN, not None, for missing numbers."""
    indicator = dict(INDICATOR, baseline_value=float("nan"), target_value=float("nan"))
    fig = figures.indicator_figure(series_frame(), indicator)
    assert horizontal_lines(fig) == []
    assert vertical_lines(fig) == []
    assert len(fig.data) == 1


def test_indicator_without_observations_explains_itself():
    assert_empty_figure(
        figures.indicator_figure(series_frame().iloc[0:0], INDICATOR), "No observations"
    )


# --- progress_index_lines ----------------------------------------------------------------------


def test_progress_index_has_all_asks_and_one_line_per_theme():
    overall, by_theme = progress_frames()
    fig = figures.progress_index_lines(overall, by_theme)
    names = [trace.name for trace in fig.data]
    assert sorted(names) == ["All asks", "Migration", "Rule of law"]
    traces = {trace.name: trace for trace in fig.data}
    assert list(traces["All asks"].y) == [0.3, 0.55]
    assert list(traces["Migration"].y) == [0.2, 0.4]
    assert list(traces["Rule of law"].x) == ["2024-01", "2024-02"]
    assert traces["All asks"].line.width > traces["Migration"].line.width


def test_progress_index_y_axis_runs_from_zero_to_one():
    overall, by_theme = progress_frames()
    low, high = figures.progress_index_lines(overall, by_theme).layout.yaxis.range
    assert low == 0
    assert 1 <= high < 1.1


def test_progress_index_without_themes_has_only_the_overall_line():
    overall, _ = progress_frames()
    fig = figures.progress_index_lines(overall)
    assert [trace.name for trace in fig.data] == ["All asks"]


def test_progress_index_with_nothing_assessed_explains_itself():
    overall, _ = progress_frames()
    assert_empty_figure(
        figures.progress_index_lines(overall.assign(progress_index=float("nan"))),
        "Nothing assessed",
    )


# --- status_breakdown_bars ---------------------------------------------------------------------


def test_breakdown_has_a_horizontal_trace_per_status_present_in_vocabulary_order():
    fig = figures.status_breakdown_bars(counts_frame(), "theme")
    assert [trace.name for trace in fig.data] == ["Reversed", "Stalled", "In progress", "Achieved"]
    for trace in fig.data:
        assert trace.orientation == "h"
    colours = {trace.name: trace.marker.color for trace in fig.data}
    assert colours["Achieved"] == "#009E73"
    assert colours["Reversed"] == "#D55E00"


def test_breakdown_counts_per_group():
    fig = figures.status_breakdown_bars(counts_frame(), "theme")
    bars = {
        (trace.name, group): count
        for trace in fig.data
        for group, count in zip(trace.y, trace.x, strict=True)
    }
    assert bars == {
        ("Reversed", "Press"): 1,
        ("Stalled", "Migration"): 1,
        ("Stalled", "Rule of law"): 1,
        ("In progress", "Rule of law"): 3,
        ("Achieved", "Migration"): 2,
    }
    assert fig.layout.title.text == "By theme"


def test_status_mix_leaves_out_a_status_no_ask_had_and_draws_no_outline():
    """A status with no asks all along (the demo's Dropped) adds no trace, so no outline runs
    along the top of the stack; the others are fills only."""
    frame = pd.concat(
        [
            mix_frame(),
            pd.DataFrame(
                {
                    "month": ["2024-01", "2024-02", "2024-03"],
                    "status": "dropped",
                    "label": "Dropped",
                    "colour": "#ff00aa",
                    "count": 0,
                }
            ),
        ]
    )
    fig = figures.status_mix_area(frame)
    assert [trace.name for trace in fig.data] == ["Reversed", "Stalled", "Achieved"]
    assert all(trace.line.width == 0 for trace in fig.data)


def test_a_status_has_one_colour_in_every_chart_its_vocabulary_colour():
    """The QA saw the status mix in pale tones beside saturated bars (Reversed salmon in one,
    dark orange in the other): Plotly fills a stacked area half-transparent unless told."""
    counts = breakdown_frame({"Press": list(VOCAB["outcome"])})
    mix = counts.drop(columns="group").assign(month="2024-01")
    area = {t.name: t.fillcolor for t in figures.status_mix_area(mix).data}
    bars = {t.name: t.marker.color for t in figures.status_breakdown_bars(counts, "theme").data}
    expected = {s["label"]: s["colour"] for s in VOCAB["outcome"].values()}
    assert area == bars == expected


@pytest.mark.parametrize("total", [1, 3, 10, 47, 1000])
def test_count_axes_tick_in_whole_numbers(total):
    """Counts never show 0.5 asks, and 10 stays "10": integer steps, integer format, room
    for the widest number."""
    mix = mix_frame().assign(count=0)
    mix.loc[0, "count"] = total
    counts = counts_frame().assign(count=0)
    counts.loc[0, "count"] = total
    for axis in (
        figures.status_mix_area(mix).layout.yaxis,
        figures.status_breakdown_bars(counts, "theme").layout.xaxis,
    ):
        assert axis.tickformat == ",d" and axis.tick0 == 0 and axis.automargin is True
        assert axis.dtick >= 1 and float(axis.dtick).is_integer()
        assert total / axis.dtick <= 6  # five or so ticks, not a thousand


@pytest.mark.parametrize("bars", [1, 4, 7, 15])
@pytest.mark.parametrize("statuses", [1, 6, 8])
def test_breakdown_labels_every_bar_and_grows_with_them(bars, statuses):
    """Plotly skips category labels on a squeezed axis (the QA saw 4 labels on 7 bars): a tick
    at every category, and the figure grows by a bar's height per bar, its legend's rows
    (up to one a status, as on a phone) in a bottom margin beside the bars' own height."""
    codes = list(VOCAB["outcome"])[:statuses]
    groups = [f"Theme {n}" for n in range(bars)]
    fig = figures.status_breakdown_bars(breakdown_frame(dict.fromkeys(groups, codes)), "theme")
    axis = fig.layout.yaxis
    assert axis.tickmode == "array" and sorted(axis.tickvals) == sorted(groups)
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot_height >= 24 * bars  # a 12 px label with room above and below
    # the axis's numbers, and the legend at two statuses a row at most (a phone fits two)
    assert fig.layout.margin.b >= 20 + 25 * math.ceil(statuses / 2)
    taller = figures.status_breakdown_bars(
        breakdown_frame(dict.fromkeys([*groups, "One more"], codes)), "theme"
    )
    assert taller.layout.height - fig.layout.height >= 24


def test_breakdown_margin_fits_its_longest_label():
    """Margins come from the labels: "Military accountability" is not clipped to "ty", and a
    very long theme is cut with an ellipsis (whole in the hover)."""
    long_theme = "Accountability for enforced disappearances in the northern states"
    counts = counts_frame()
    counts.loc[counts["group"] == "Press", "group"] = "Military accountability"
    counts.loc[counts["group"] == "Migration", "group"] = long_theme
    fig = figures.status_breakdown_bars(counts, "theme", title="")
    shown = {group for trace in fig.data for group in trace.y}
    assert "Military accountability" in shown
    cut = next(group for group in shown if group.startswith("Accountability"))
    assert cut.endswith("…") and len(cut) == figures.LABEL_CHARS
    assert fig.layout.margin.l >= figures.CHAR_PX * len(cut)
    assert any(long_theme in str(trace.customdata) for trace in fig.data)
    assert not fig.layout.title.text  # the report's heading names it


def test_breakdown_of_zero_counts_explains_itself():
    assert_empty_figure(
        figures.status_breakdown_bars(counts_frame().assign(count=0), "target"), "No asks"
    )


# --- every figure ------------------------------------------------------------------------------


OVERALL, BY_THEME = progress_frames()
FIGURES = {
    "timeline": lambda: figures.ask_timeline_figure(timeline_frame(PERIODS)),
    "timeline empty": lambda: figures.ask_timeline_figure(timeline_frame(PERIODS).iloc[0:0]),
    "mix": lambda: figures.status_mix_area(mix_frame()),
    "mix empty": lambda: figures.status_mix_area(mix_frame().iloc[0:0]),
    "progress": lambda: figures.progress_index_lines(OVERALL, BY_THEME),
    "progress empty": lambda: figures.progress_index_lines(OVERALL.iloc[0:0]),
    "bars": lambda: figures.status_breakdown_bars(counts_frame(), "theme"),
    "indicator": lambda: figures.indicator_figure(series_frame(), INDICATOR),
    "indicator empty": lambda: figures.indicator_figure(series_frame().iloc[0:0], INDICATOR),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_figure_serialises_with_transparent_background(name):
    fig = FIGURES[name]()
    layout = json.loads(fig.to_json())["layout"]
    assert layout["paper_bgcolor"] == TRANSPARENT
    assert layout["plot_bgcolor"] == TRANSPARENT


# --- real query output on the demo database ----------------------------------------------------


def demo_ask_ids() -> dict[str, int]:
    """Ask key -> id: the demo loader adds asks in asks.json order, from id 1."""
    asks = json.loads((DEMO / "asks.json").read_text(encoding="utf-8"))
    return {ask["key"]: number for number, ask in enumerate(asks, start=1)}


def expected_periods(ask_key: str, as_of: str) -> list[tuple[str, str, str, str]]:
    """(label, track row, start, end) worked out from status_updates.csv: consecutive entries
    with the same status are one period, which ends where the next one starts (else as_of)."""
    with (DEMO / "status_updates.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if r["ask_key"] == ask_key and r["effective_date"] <= as_of
        ]
    out = []
    for track in ("outcome", "response"):
        entries = sorted(
            (r for r in rows if r["track"] == track), key=lambda r: r["effective_date"]
        )
        runs = [
            (status, list(group)) for status, group in groupby(entries, key=lambda r: r["status"])
        ]
        for index, (status, group) in enumerate(runs):
            end = runs[index + 1][1][0]["effective_date"] if index + 1 < len(runs) else as_of
            label = VOCAB[track][status]["label"]
            out.append((label, track.capitalize(), group[0]["effective_date"], end))
    return sorted(out)


def test_demo_timeline_of_the_prosecutor_ask_starts_in_2014(demo_db):
    assert demo_ask_ids()["fgr-independence"] == 1
    fig = figures.ask_timeline_figure(ask_timeline(demo_db, 1, "2025-12-31"))
    found = bands(fig)
    expected = expected_periods("fgr-independence", "2025-12-31")
    assert found == expected
    first = min(found, key=lambda band: band[2])
    assert first[2] == "2014-02-10"
    assert first[0] == "In progress"
    assert max(band[3] for band in found) == "2025-12-31"


@pytest.mark.parametrize("ask_key", list(demo_ask_ids()))
def test_demo_timelines_match_the_csv(demo_db, ask_key):
    ask_id = demo_ask_ids()[ask_key]
    fig = figures.ask_timeline_figure(ask_timeline(demo_db, ask_id, "2025-12-31"))
    assert bands(fig) == expected_periods(ask_key, "2025-12-31")
    for trace in fig.data:
        code = next(c for t in VOCAB.values() for c, s in t.items() if s["label"] == trace.name)
        track = "outcome" if code in VOCAB["outcome"] else "response"
        assert trace.marker.color == VOCAB[track][code]["colour"]


def test_demo_status_mix_stacks_every_ask_in_vocabulary_order(demo_db):
    asks = json.loads((DEMO / "asks.json").read_text(encoding="utf-8"))
    mix = status_mix(demo_db, "2019-03-31")
    had = set(mix.loc[mix["count"] > 0, "label"])
    fig = figures.status_mix_area(mix)
    assert [trace.name for trace in fig.data] == [
        s["label"] for s in VOCAB["outcome"].values() if s["label"] in had
    ]
    months = list(fig.data[0].x)
    assert months[0] == min(a["added_on"] for a in asks)[:7]
    assert months[-1] == "2019-03"
    totals = [sum(trace.y[i] for trace in fig.data) for i in range(len(months))]
    assert totals == [len(asks)] * len(months)


def test_demo_indicator_figure_from_real_rows(demo_db):
    with (DEMO / "indicators.json").open(encoding="utf-8") as handle:
        declared = json.load(handle)[0]
    with (DEMO / "observations.csv").open(encoding="utf-8", newline="") as handle:
        observed = sorted(
            (r for r in csv.DictReader(handle) if r["indicator_key"] == declared["key"]),
            key=lambda r: r["date"],
        )
    row = indicators.list_indicators(demo_db).iloc[0].to_dict()
    fig = figures.indicator_figure(indicators.indicator_series(demo_db, 1), row)
    assert horizontal_lines(fig) == [float(declared["baseline_value"])]
    assert vertical_lines(fig) == []
    assert [c[0] for c in fig.data[0].customdata] == [r["source_url"] for r in observed]
    assert list(fig.data[0].y) == [float(r["value"]) for r in observed]
    fig.to_json()


@pytest.mark.parametrize("which", ["timeline of one day", "one observation"])
def test_a_one_day_span_ticks_in_dates_not_milliseconds(which):
    """One observation, or a status recorded today: the axis spans a month around it in
    whole dates, never Plotly's "23:59:59.999" zoom."""
    if which == "one observation":
        fig = figures.indicator_figure(series_frame().iloc[:1], {"name": "One value"})
        day = pd.Timestamp("2020-12-31")
    else:
        fig = figures.ask_timeline_figure(
            timeline_frame([("outcome", "in_progress", "2026-12-01", "2026-12-01")])
        )
        day = pd.Timestamp("2026-12-01")
    low, high = (pd.Timestamp(value) for value in fig.layout.xaxis.range)
    assert low <= day <= high and high - low >= pd.Timedelta(days=14)
    assert fig.layout.xaxis.tickformat == "%Y-%m-%d"


def test_a_long_span_keeps_plotlys_own_date_ticks():
    fig = figures.indicator_figure(series_frame(), {"name": "Three years"})
    assert fig.layout.xaxis.range is None and fig.layout.xaxis.tickformat is None


@pytest.mark.parametrize("which", ["status mix", "progress index"])
def test_charts_of_one_month_tick_in_dates_and_mark_the_month(which):
    """Charts from equal to As of leaves one month: Plotly zoomed the axis to milliseconds
    ("23:59:59.999 May 31") and a line of one point drew nothing at all."""
    if which == "status mix":
        mix = mix_frame()
        fig = figures.status_mix_area(mix[mix["month"] == "2024-02"])
    else:
        overall, by_theme = progress_frames()
        fig = figures.progress_index_lines(
            overall[overall["month"] == "2024-02"], by_theme[by_theme["month"] == "2024-02"]
        )
    low, high = (pd.Timestamp(value) for value in fig.layout.xaxis.range)
    assert low <= pd.Timestamp("2024-02-01") <= high and high - low >= pd.Timedelta(days=14)
    assert fig.layout.xaxis.tickformat == "%Y-%m-%d"
    assert fig.data and all("markers" in trace.mode for trace in fig.data)


def test_charts_of_many_months_draw_lines_without_markers():
    overall, by_theme = progress_frames()
    for fig in (
        figures.status_mix_area(mix_frame()),
        figures.progress_index_lines(overall, by_theme),
    ):
        assert all(trace.mode == "lines" for trace in fig.data)
        assert fig.layout.xaxis.range is None


def test_an_indicators_years_label_the_span_its_values_close():
    """Yearly values are dated 31 December: with Plotly's ticks at 1 January, the 2024 value
    sat over the label "2025". Each label names the period between its ticks instead."""
    fig = figures.indicator_figure(series_frame(), {"name": "Three years"})
    assert fig.layout.xaxis.ticklabelmode == "period"
