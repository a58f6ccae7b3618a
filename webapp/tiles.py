"""Indicator tiles, one design on every page that shows them (the dashboard, public progress):
each part is short enough to show whole in a quarter of a 1280 px page, and anything longer
wraps (the name, the unit, the latest value's date) or sits in the help (the method), never cut
with "…"."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.numbers import readable
from tracker.report import HEADLINE_LABELS
from webapp.common import plain

PER_ROW = 4
TILE_CHARS = 7  # "133,520": the widest value a quarter-page tile shows whole at 1280 px
CHANGE_CHARS = 20  # "+13 since 2022-12-31": the longest change its pill shows whole there


def tile_number(value) -> str:
    """A tile's value: whole when it fits ("133,520"), else shortened ("1.3M"); the help
    has the whole figure."""
    text = readable(value)
    if len(text) <= TILE_CHARS:
        return text
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"{value / size:,.3g}{suffix}"
    return f"{value:.4g}"


def change_since(change, before: str) -> str:
    """A tile's change and the date of the value it is measured from ("-5 since 2023-12-31"),
    by its year alone where the whole date would be cut ("-61,745 since 2023"); the help
    has the whole date."""
    number = f"{'+' if change > 0 else ''}{tile_number(change)}"
    said = f"{number} since {before}"
    return said if len(said) <= CHANGE_CHARS else f"{number} since {before[:4]}"


def indicator_tiles(table: pd.DataFrame, lines: pd.DataFrame) -> None:
    """A bordered tile per indicator (``list_indicators`` rows), PER_ROW a row, with its
    recent values (``sparklines``) as the metric's own line and the change since the last."""
    for start in range(0, len(table), PER_ROW):
        columns = st.columns(PER_ROW)
        rows = table.iloc[start : start + PER_ROW].itertuples()
        for column, row in zip(columns, rows, strict=False):
            with column.container(border=True):
                indicator_tile(row, lines)


def indicator_tile(row, lines: pd.DataFrame) -> None:
    st.markdown(f"**{plain(row.name)}**")
    if row.unit:
        st.caption(plain(row.unit))  # wraps, where a metric's label would be cut
    # the metric's own sparkline, not a Plotly chart per tile: eight figures to serialise
    # and draw on every load for a line of two dozen points; its colour follows the change,
    # green when it goes the indicator's better way
    recent = lines.loc[lines["indicator_id"] == row.indicator_id]
    values = recent["value"].tolist()
    change = values[-1] - values[-2] if len(values) > 1 else None
    observed = pd.notna(row.latest_date) and bool(row.latest_date)  # None, NaN or ""
    dated = f"Dated {row.latest_date}" if observed else "No value by this date"
    since = None
    if change:  # said as "since" a date: beside "On track" (from the baseline) a bare red
        # arrow read as the same verdict contradicting itself
        before = str(recent["date"].iloc[-2])
        since = change_since(change, before)
        dated += f". The change is since the value of {before}"
    st.metric(
        "Latest value",
        tile_number(row.latest_value),
        since,
        delta_color="inverse" if row.direction == "lower" else "normal",
        help=f"{readable(row.latest_value)}: {dated}.",
        chart_data=values if len(values) > 1 else None,
    )
    # the value's date in sight, not only in the help: a 2016 figure is not this year's
    st.caption(f"As of {row.latest_date}" if observed else "No value by this date")
    st.markdown(f"Progress status: **{plain(row.progress_label)}**", help=row.method)
    if pd.notna(row.target_value) and pd.notna(row.progress_pct):
        st.caption(
            f"Target {readable(row.target_value)}: {row.progress_pct:.0f}% of the way from "
            "baseline to target"
        )
    else:
        st.caption("No target set")


def headline_counts(now, change: dict, days: int, helps: dict[str, str] | None = None):
    """The count tiles the dashboard and public progress share, in the report's words
    (report.HEADLINE_LABELS): a row that wraps, each tile as wide as its label (in fixed
    columns at 1024 px "In progress or partly achieved" was cut), each change shown only when
    there is one (no grey "0"). ``helps`` adds a tile's own explanation before the comparison.
    Returns the row, for a page's further tiles, and the comparison said in each help."""

    def moved(value):
        return None if value is None or value == 0 else f"{int(value):,}"

    against = (
        f"Change against {days} days earlier."
        if change["asks"] is not None
        else f"No change shown: nothing was tracked {days} days earlier to compare with."
    )
    helps = helps or {}
    row = st.container(horizontal=True, gap="medium")
    row.metric(
        HEADLINE_LABELS["asks"], f"{now.asks:,}", moved(change["asks"]), help=against,
        width="content",
    )  # fmt: skip
    for key, colour in (("achieved", "normal"), ("moving", "normal"), ("stuck", "inverse")):
        row.metric(
            HEADLINE_LABELS[key],
            f"{getattr(now, key):,}",
            moved(change[key]),
            delta_color=colour,
            help=helps.get(key, "") + against,
            width="content",
        )
    return row, against
