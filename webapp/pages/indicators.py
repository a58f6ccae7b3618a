"""Indicators: each one's chart against baseline and target, its computed progress status, and
a form to add an observation."""

import streamlit as st

from tracker import figures, indicators, records
from tracker.auth import can
from webapp.access import guard
from webapp.common import (
    as_of_picker,
    chart_with_table,
    figure,
    number,
    plain,
    read,
    run_write,
    today,
)

guard("read_internal")
st.title("Indicators")
as_of = as_of_picker().isoformat()
table = read(indicators.list_indicators, as_of)
if table.empty:
    st.info(
        "No indicators yet. Indicators (impunity rates, convictions, asylum claims...) come "
        "with the demo dataset, or add one with `tracker add-indicator --name ... --direction "
        "higher|lower` and record its values with `tracker observe`."
    )
    st.stop()

names = dict(zip(table["indicator_id"], table["name"], strict=True))
wanted = st.query_params.get("indicator")
ids = list(names)
default = ids.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in names else 0
indicator_id = st.selectbox("Indicator", ids, index=default, format_func=names.get, key="ind_pick")
st.query_params["indicator"] = str(indicator_id)
row = table[table["indicator_id"] == indicator_id].iloc[0].to_dict()

cols = st.columns(4)
cols[0].metric(
    "Latest value",
    number(row["latest_value"]),
    help=f"As of {row['latest_date']}" if row["latest_date"] else "No value by this date",
)
cols[1].metric("Baseline", number(row["baseline_value"]), help=f"On {row['baseline_date']}")
cols[2].metric(
    "Target", number(row["target_value"], "none"), help=row["target_date"] or "No target date"
)
cols[3].metric("Progress status", row["progress_label"], help=row["method"])
if row["description"]:
    st.caption(plain(row["description"]))

series = read(indicators.indicator_series, indicator_id, as_of)
chart_with_table(
    figure(figures.indicator_figure, series, row),
    series[["date", "value", "progress_pct", "source_url", "note"]],
    f"observations of {plain(row['name'])}",  # an expander label: it renders markdown
    key=f"indicator_{indicator_id}",
)

if can("record"):
    with (
        st.expander("Add an observation", icon=":material/add:"),
        st.form("observe", clear_on_submit=True, enter_to_submit=False),
    ):
        value = st.text_input("Value", key="obs_value", placeholder="e.g. 74.5")
        err_value = st.empty()
        when = st.date_input(
            "Date the value refers to", value=today(), max_value=today(), key="obs_date"
        )
        source = st.text_input("Source URL", key="obs_source", placeholder="https://...")
        err_source = st.empty()
        note = st.text_input("Note", key="obs_note")
        if st.form_submit_button("Add observation", type="primary"):
            saved = run_write(
                records.record_observation,
                indicator_id,
                value,
                date=when,
                source_url=source,
                note=note,
                errors={"value": err_value, "source URL": err_source},
            )
            if saved:
                st.toast(
                    f"Added {plain(value)} on {when} to {plain(row['name'])}.",
                    icon=":material/check_circle:",
                )
                st.rerun()  # the chart and tiles above were drawn before the write

st.subheader("All indicators")
st.dataframe(
    table[
        [
            "indicator_id",
            "name",
            "unit",
            "direction",
            "baseline_value",
            "latest_value",
            "latest_date",
            "target_value",
            "target_date",
            "progress_label",
            "progress_pct",
        ]
    ],
    hide_index=True,
    width="stretch",
    column_config={
        "progress_label": "Progress status",
        "progress_pct": st.column_config.NumberColumn("% to target", format="%.0f"),
    },
)
