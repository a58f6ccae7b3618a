"""Indicators: each one's chart against baseline and target, its computed progress status, and
a form to add an observation."""

import pandas as pd
import streamlit as st

from tracker import figures, indicators, limits, records
from tracker.auth import can
from tracker.errors import StaleForm
from tracker.latest import entry_id, latest_observation
from tracker.numbers import readable
from webapp import downloads, tables, tiles, titles
from webapp.access import guard
from webapp.common import (
    as_of_picker,
    figure,
    flash,
    label_text,
    plain,
    read,
    run_write,
    show_flash,
    today,
)
from webapp.forms import StaleGuard, apply_clears, clear_later, date_field, limit_help


def clear_form() -> None:
    clear_later(
        {
            "obs_value": "",
            "obs_date": today().isoformat(),
            "obs_source": "",
            "obs_note": "",
            "obs_correct": False,
        }
    )


guard("read_internal")
apply_clears()
st.title("Indicators")
show_flash()
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
known = bool(wanted and wanted.isdigit() and int(wanted) in names)
default = ids.index(int(wanted)) if known else 0
if wanted and not known:  # a link to a removed or mistyped indicator: never another silently
    st.warning(
        f"There is no indicator #{plain(wanted)}: it may have been mistyped in the link. "
        f"Showing {plain(names[ids[0]])}; pick another below.",
        icon=":material/link_off:",
    )
indicator_id = st.selectbox("Indicator", ids, index=default, format_func=names.get, key="ind_pick")
st.query_params["indicator"] = str(indicator_id)
row = table[table["indicator_id"] == indicator_id].iloc[0].to_dict()

# three numbers a row, the progress status in words below: a status as a metric's big
# value ("Insufficient data", "Progress made, acceleration needed") is cut with "…"
cols = st.columns(3)
dated = f"As of {row['latest_date']}" if row["latest_date"] else "No value by this date"
cols[0].metric("Latest value", tiles.tile_number(row["latest_value"]), help=dated)
cols[1].metric(
    "Baseline", tiles.tile_number(row["baseline_value"]), help=f"On {row['baseline_date']}"
)
cols[2].metric(
    "Target",
    tiles.tile_number(row["target_value"]) if pd.notna(row["target_value"]) else "No target set",
    help=row["target_date"] or "No target date",
)
st.markdown(f"Progress status: **{plain(row['progress_label'])}**", help=row["method"])
about = [f"Values in {row['unit']}." if row["unit"] else "", row["description"] or ""]
if any(about):
    st.caption(plain(" ".join(part for part in about if part)))

series = read(indicators.indicator_series, indicator_id, as_of)
if series.empty:  # looking back before its first value: say so, not an empty chart and CSV
    every = read(indicators.indicator_series, indicator_id, today().isoformat())
    first = f" Its first is dated {every['date'].iloc[0]}." if not every.empty else ""
    st.info(
        f"No value of {plain(row['name'])} was observed by {as_of}.{first}"
        + (" Pick a later As of date in the sidebar to see it." if first else ""),
        icon=":material/history:",
    )
else:
    downloads.chart_with_table(  # its CSV with plain numbers: 1296, not 1296.0
        figure(figures.indicator_figure, series, row),
        series,
        {
            "date": "Date",
            "value": "Value",
            "progress_pct": "% to target",
            "source_url": "Source",
            "note": "Note",
        },
        f"observations of {plain(row['name'])}",  # an expander label: it renders markdown
        key=f"indicator_{indicator_id}",
    )

if can("record"):
    rule = indicators.value_rule(row["unit"])
    shown_id = entry_id(read(latest_observation, int(indicator_id)))
    guard_form = StaleGuard("obs", indicator_id, shown_id)
    with (
        st.expander("Add an observation", icon=":material/add:", expanded=bool(guard_form.stale)),
        st.form("observe", clear_on_submit=False, enter_to_submit=False),
    ):
        unit = f" ({label_text(row['unit'])})" if row["unit"] else ""
        value = st.text_input(
            f"Value{unit}",
            key="obs_value",
            placeholder="e.g. 74.5",
            help=f"This indicator takes {rule.description}. Digits with a point for decimals, "
            "no thousands separators: 1234.5, not 1,234.5.",
        )
        err_value = st.empty()
        when = date_field("Date the value refers to", value=today(), key="obs_date")
        err_date = st.empty()
        correct = st.checkbox(
            "Correct the value already recorded for this date",
            key="obs_correct",
            help="An indicator holds one value per date: this replaces that value, its source "
            "and note (the audit log keeps what it replaced).",
        )
        err_corrects = st.empty()
        source = st.text_input("Source URL", key="obs_source", placeholder="https://...")
        err_source = st.empty()
        note = st.text_input("Note", key="obs_note", help=limit_help(limits.NOTE))
        err_note = st.empty()
        submitted = st.form_submit_button("Add observation", type="primary")
        err_form = st.empty()
    slots = {
        "value": err_value,
        "date": err_date,
        "corrects": err_corrects,
        "source_url": err_source,
        "note": err_note,
        "_form": err_form,
    }

    def save(fields: dict, expect_latest: int) -> None:
        there = read(indicators.observation_on, int(indicator_id), fields["date"].strip())
        corrects = int(there["id"]) if fields["correct"] and there else None
        try:
            saved = run_write(
                records.record_observation,
                indicator_id,
                fields["value"],
                date=fields["date"],
                source_url=fields["source_url"],
                note=fields["note"],
                expect_latest=expect_latest,
                corrects=corrects,
                errors=slots,
            )
        except StaleForm as error:
            guard_form.refused(error, fields)
        if saved:
            # as the tile's help and the tables write it (the save parsed the same text)
            value = readable(indicators.parse_number(fields["value"]))
            name = plain(row["name"])
            flash(  # said after the rerun below (a toast was lost in it)
                f"Corrected {fields['date']} of {name} to {value}."
                if corrects
                else f"Added {value} on {fields['date']} to {name}."
            )
            clear_form()
            guard_form.done()
            st.rerun()  # the chart and tiles above were drawn before the write

    if submitted:
        save(
            {"value": value, "date": when, "source_url": source, "note": note, "correct": correct},
            guard_form.expected,
        )
    guard_form.confirmation(
        "Not saved: someone else added a value to this indicator meanwhile.", save, clear_form
    )

st.subheader("All indicators")
tables.show(
    table.assign(direction=table["direction"].map(indicators.DIRECTION_LABELS)),
    tables.indicator_columns(
        unit="Unit",
        direction="Better when",
        baseline_value="Baseline",
        target_value="Target",
        target_date="Target date",
        progress_pct=st.column_config.NumberColumn("% to target", format="%.0f"),
        indicator_id="Indicator #",
    ),
    **titles.layout(table["name"]),
)
