"""Pure figure builders: DataFrame in, Plotly figure out. No Streamlit here, so every chart is
tested on known frames. Colours come from the status vocabulary; the status is always named in
text too (legend, hover), never by colour alone."""

from __future__ import annotations

import html
import math
import textwrap

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from tracker.numbers import readable

CHAR_PX = 7  # a tick label's character at Plotly's default 12 px
LABEL_CHARS = 40  # longer category labels are cut (with "…"); the hover has them whole
SHORT_SPAN = pd.Timedelta(days=14)  # a shorter time axis is widened (_date_axis)
BAR_PX = 28  # a bar chart's row per bar: a 12 px label with room above and below
TITLE_PX, AXIS_PX = 50, 30  # a chart's title above its plot; a count axis's numbers below
# a title's line on a 375 px phone (a chart there is about 340 px wide) at TITLE_FONT_PX, and
# each further line: the size is set, not left to the template, which the report's is not
# the app's (Plotly's own draws titles at 17 px, and 46 characters ran off a phone's chart)
TITLE_CHARS, TITLE_LINE_PX, TITLE_FONT_PX = 42, 20, 15
LEGEND_ROW_PX, LEGEND_SWATCH_PX = 30, 50  # a horizontal legend's row; an entry's swatch and gaps
PHONE_CHART_PX = 340  # a chart's width on a 375 px phone, where its legend wraps the most


def _safe(values: pd.Series) -> pd.Series:
    """User text shown in hover labels, escaped: Plotly renders some HTML tags in them."""
    return values.fillna("").astype(str).map(html.escape)


def _layout(fig: go.Figure, *, height: int = 360, legend: bool = True) -> go.Figure:
    """Transparent backgrounds so the chart reads in Streamlit's light and dark themes."""
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=50, b=40),
        title=dict(y=0.98, yanchor="top", x=0, xanchor="left", font=dict(size=TITLE_FONT_PX)),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font=dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"),
        showlegend=legend,
        legend=dict(orientation="h", yanchor="top", y=-0.28, xanchor="left", x=0, title=None),
        hovermode="closest",
    )
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(gridcolor="rgba(128,128,128,0.25)", zeroline=False)
    return fig


def short_label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def count_ticks(largest: float) -> dict:
    """Axis settings for a count: five or so whole-number ticks (never 0.5 asks), from zero."""
    step = max(1, math.ceil(largest / 5))
    return dict(tick0=0, dtick=step, tickformat=",d", rangemode="tozero", automargin=True)


def _date_axis(fig: go.Figure, dates: pd.Series) -> go.Figure:
    """A time axis over a few days (one observation) widened to a month, ticking in dates:
    Plotly would otherwise zoom to the millisecond and label ticks "23:59:59.999"."""
    values = pd.to_datetime(pd.Series(dates).dropna(), errors="coerce").dropna()
    if not values.empty and values.max() - values.min() < SHORT_SPAN:
        middle = values.min() + (values.max() - values.min()) / 2
        fig.update_xaxes(
            range=[(middle - SHORT_SPAN).isoformat(), (middle + SHORT_SPAN).isoformat()],
            tickformat="%Y-%m-%d",
        )
    return fig


def _months_axis(fig: go.Figure, months: pd.Series) -> go.Figure:
    """Monthly charts over a single month (Charts from = As of): a line of one point draws
    nothing, so each trace shows its point as a marker, on an axis ticking in dates."""
    if months.nunique() == 1:
        fig.update_traces(mode="lines+markers")
        _date_axis(fig, months)
    return fig


def _empty(message: str, height: int = 240) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, height=height, legend=False)


def status_mix_area(mix: pd.DataFrame, title: str = "Status mix over time") -> go.Figure:
    """Stacked area of asks per status at each month's end (frame from tracker.mix.status_mix)."""
    if mix.empty or mix["count"].sum() == 0:
        return _empty("No asks in view yet.")
    # a status no ask ever had adds nothing but a legend entry and an outline along the top
    mix = mix[mix.groupby("label", sort=False)["count"].transform("sum") > 0]
    colours = dict(zip(mix["label"], mix["colour"], strict=False))
    # graph_objects, not plotly.express, which spends most of a rerun's figure time on them
    fig = go.Figure(
        [
            go.Scatter(
                x=part["month"].tolist(),  # lists: Plotly checks a Series far slower
                y=part["count"].tolist(),
                name=label,
                legendgroup=label,
                stackgroup="mix",
                mode="lines",
                line=dict(color=colours[label], width=0, shape="hv"),
                # opaque, as in every other chart: Plotly fills an area half-transparent
                fillcolor=colours[label],
                hovertemplate="%{x}: %{y} asks — %{fullData.name}<extra></extra>",
            )
            for label, part in mix.groupby("label", sort=False)
        ],
        layout=dict(title=title, xaxis_title="Month", yaxis_title="Asks"),
    )
    fig = _months_axis(_layout(fig), mix["month"])
    fig.update_yaxes(**count_ticks(mix.groupby("month")["count"].sum().max()))
    return fig


def progress_index_lines(
    overall: pd.DataFrame, by_theme: pd.DataFrame | None = None, title: str = "Progress index"
) -> go.Figure:
    """Mean progress score per month (0-1), overall as a thick line and per theme as thin ones."""
    if overall.empty or overall["progress_index"].isna().all():
        return _empty("Nothing assessed yet: record a status to start the index.")
    fig = go.Figure()
    for raw_theme, part in [] if by_theme is None else by_theme.groupby("group", sort=True):
        theme = html.escape(str(raw_theme))
        fig.add_trace(
            go.Scatter(
                x=part["month"].tolist(),
                y=part["progress_index"].tolist(),
                name=theme,
                mode="lines",
                line=dict(width=1.5, shape="hv"),
                opacity=0.75,
                hovertemplate="%{x}: %{y:.2f} — " + theme + "<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=overall["month"],
            y=overall["progress_index"],
            name="All asks",
            mode="lines",
            line=dict(width=4, color="#000000", shape="hv"),
            hovertemplate="%{x}: %{y:.2f} — all asks<extra></extra>",
        )
    )
    fig.update_yaxes(range=[0, 1.02], title="Progress index (0–1)")
    fig.update_layout(title=title)
    return _months_axis(_layout(fig), overall["month"])


def status_breakdown_bars(counts: pd.DataFrame, by: str, title: str | None = None) -> go.Figure:
    """Horizontal stacked bars: asks per status within each theme/target (status_counts by=)."""
    data = counts[counts["count"] > 0].assign(
        full=lambda f: _safe(f["group"]), group=lambda f: _safe(f["group"].map(short_label))
    )
    if data.empty:
        return _empty("No asks in view.")
    order = list(dict.fromkeys(counts.sort_values("sort_order")["label"]))
    colours = dict(zip(counts["label"], counts["colour"], strict=False))
    parts = dict(list(data.groupby("label", sort=False)))
    fig = go.Figure(
        [
            go.Bar(
                y=parts[label]["group"].tolist(),  # lists: Plotly checks a Series far slower
                x=parts[label]["count"].tolist(),
                name=label,
                legendgroup=label,
                orientation="h",
                marker_color=colours[label],
                customdata=[[full] for full in parts[label]["full"].tolist()],
                hovertemplate="%{customdata[0]}: %{x} asks — %{fullData.name}<extra></extra>",
            )
            for label in order
            if label in parts
        ],
        layout=dict(title=f"By {by}" if title is None else title, barmode="relative"),
    )
    fig.update_yaxes(categoryorder="total ascending", title=None, automargin=True)
    # the legend sits where the axis title would
    fig.update_xaxes(title=None, **count_ticks(data.groupby("group")["count"].sum().max()))
    # a left margin that fits the longest label, so none is clipped ("Human rights" as "ts")
    longest = min(max(len(group) for group in data["group"]), LABEL_CHARS + 1)
    left = max(10, CHAR_PX * longest + 16)
    # every bar labelled: a tick per category, BAR_PX a bar, and the legend's rows (as many
    # as a phone needs) in a bottom margin of their own, so they never squeeze the bars
    fig.update_yaxes(tickmode="array", tickvals=list(dict.fromkeys(data["group"])))
    bars = data["group"].nunique()
    top = TITLE_PX if fig.layout.title.text else 10
    rows = legend_rows(list(parts), PHONE_CHART_PX - left - 10)
    bottom = AXIS_PX + LEGEND_ROW_PX * rows + 10
    fig = _layout(fig, height=top + BAR_PX * bars + bottom)
    return fig.update_layout(
        margin=dict(l=left, t=top, b=bottom),
        legend=dict(y=-AXIS_PX / (BAR_PX * bars), yanchor="top"),  # just under the numbers
    )


def legend_rows(names: list[str], width: int) -> int:
    """Rows a horizontal legend of ``names`` takes in ``width`` px: Plotly gives each entry
    the widest one's width once they wrap, and wraps within the plot (right of the labels)."""
    entry = LEGEND_SWATCH_PX + CHAR_PX * max(len(name) for name in names)
    return math.ceil(len(names) / max(1, width // entry))


def ask_timeline_figure(timeline: pd.DataFrame, title: str = "Status over time") -> go.Figure:
    """Status periods as coloured bands named by status, one row per track (frame from
    tracker.history.ask_timeline), with the note and evidence on hover."""
    if timeline.empty:
        return _empty("No status recorded yet.", height=160)
    data = timeline.copy()
    data["track_label"] = data["track"].str.capitalize()
    data["evidence"] = _safe(data["evidence_url"].fillna("—"))
    data["note_short"] = _safe(data["note"].fillna("").str.slice(0, 160))
    # px.timeline turns x_start into datetimes and x_end into durations: hover shows copies.
    data["start_text"] = data["start"].astype(str)
    data["end_text"] = data["end"].astype(str)
    colours = dict(zip(data["label"], data["colour"], strict=False))
    fig = px.timeline(
        data,
        x_start="start",
        x_end="end",
        y="track_label",
        color="label",
        color_discrete_map=colours,
        text="label",
        custom_data=["label", "start_text", "end_text", "note_short", "evidence"],
        labels={"track_label": "Track", "label": "Status"},
        title=title,
    )
    fig.update_traces(
        hovertemplate=(
            "<b>%{customdata[0]}</b><br>%{customdata[1]} → %{customdata[2]}"
            "<br>%{customdata[3]}<br>Evidence: %{customdata[4]}<extra></extra>"
        ),
        textposition="inside",
        insidetextanchor="start",
    )
    fig.update_yaxes(title=None, autorange="reversed")
    _date_axis(fig, pd.concat([data["start"], data["end"]]))
    return _layout(fig, height=140 + 50 * data["track"].nunique())


def indicator_figure(series: pd.DataFrame, indicator: dict) -> go.Figure:
    """Observations over time, with baseline, target and target date, sources on hover."""
    name = html.escape(str(indicator.get("name", "Indicator")))
    unit = html.escape(str(indicator.get("unit") or ""))
    if series.empty:
        return _empty("No observations yet.")
    fig = go.Figure(
        go.Scatter(
            x=series["date"],
            y=series["value"],
            mode="lines+markers",
            name=name,
            line=dict(color="#0072B2", width=3),
            marker=dict(size=8),
            customdata=series[["source_url", "note"]].fillna("—").apply(_safe).values,
            hovertemplate=(
                "%{x}: <b>%{y:,}</b> " + unit + "<br>Source: %{customdata[0]}"
                "<br>%{customdata[1]}<extra></extra>"
            ),
        )
    )
    baseline, target = indicator.get("baseline_value"), indicator.get("target_value")
    baseline_date = f" ({indicator.get('baseline_date') or ''})"
    for value, dash, colour, word, after, position in (
        (baseline, "dot", "#999999", "Baseline", baseline_date, "bottom left"),
        (target, "dash", "#009E73", "Target", "", "top left"),
    ):
        if not pd.isna(value):
            fig.add_hline(
                y=value,
                line_dash=dash,
                line_color=colour,
                annotation_text=f"{word} {readable(value)}{after}",
                annotation_position=position,
            )
    if not pd.isna(target) and indicator.get("target_date"):
        fig.add_vline(x=indicator["target_date"], line_dash="dash", line_color="#009E73")
        fig.add_annotation(
            x=indicator["target_date"],
            y=target,
            text=f"Target date {indicator['target_date']}",
            showarrow=False,
            yshift=14,
            xanchor="right",
        )
    direction = "higher is better" if indicator.get("direction") == "higher" else "lower is better"
    # wrapped to a phone's width (Plotly never wraps a title, it runs off the chart)
    lines = textwrap.wrap(name, TITLE_CHARS, break_on_hyphens=False) or [""]
    if len(lines[-1]) + len(direction) + 3 <= TITLE_CHARS:
        lines[-1] += f" ({direction})"
    else:
        lines.append(f"({direction})")
    fig.update_layout(title="<br>".join(lines))
    fig.update_yaxes(title=unit)
    # a label names the period between its ticks: a value dated 31 December sits in its year,
    # not over the next year's label
    fig.update_xaxes(ticklabelmode="period")
    _date_axis(fig, series["date"])
    fig = _layout(fig, legend=False)
    below = TITLE_LINE_PX * (len(lines) - 1)  # the lines after the first
    top = TITLE_PX + below
    # in a top margin grown per line, and anchored by its first line (which is how Plotly
    # anchors a title of several lines: the others hang below it) so high that the last line
    # ends 14 px above the plot: anchored as if one line, the second was drawn over the top
    # tick label ("150k"); anchored at the top, the first line was cut off above the chart
    return fig.update_layout(
        margin=dict(t=top),
        title=dict(y=1 - (top - 14 - below) / fig.layout.height, yanchor="bottom"),
    )
