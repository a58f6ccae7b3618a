"""Methodology: what each status means, how the progress index and the indicator progress
status are computed, and where the data comes from."""

import streamlit as st

from tracker import vocabulary
from tracker.auth import can
from tracker.dashboard import evidence_sources
from tracker.indicators import NO_TARGET_THRESHOLDS, PROGRESS_STATUSES
from webapp.common import read

st.title("Methodology")

st.header("Statuses")
st.markdown(
    "Every ask is followed on two tracks. The **outcome** track records whether the world moved "
    "towards what we asked; the **response** track records what the letter's addressee did. "
    "History is append-only: a correction is a new entry naming the one it replaces, and "
    "recording the same status again is a *verification* (checked, nothing changed)."
)
vocab = read(vocabulary.statuses)
for track in ("outcome", "response"):
    st.subheader(track.capitalize())
    part = vocab[vocab["track"] == track][["label", "code", "description", "score", "terminal"]]
    st.dataframe(
        part,
        hide_index=True,
        width="stretch",
        column_config={
            "score": st.column_config.NumberColumn("Progress score", format="%.2f"),
            "terminal": st.column_config.CheckboxColumn("Terminal"),
        },
    )

st.header("Progress index")
st.markdown(
    "At each month's end, each ask's outcome status as of that day is scored (see the table "
    "above), and the **progress index** is the mean score of assessed asks: 0 when nothing moved "
    "or things went backwards, 1 when everything was achieved. *Not assessed* and *dropped* asks "
    "have no score and are left out. Asks count from the date the first letter made them."
)

st.header("Indicator progress status")
on_track, acceleration, limited = NO_TARGET_THRESHOLDS
st.markdown(
    "We follow Open SDG's progress methodology (Statistics Canada). With a target, "
    "**R** = *d* × observed compound annual growth rate from baseline to the latest value ÷ "
    "|the growth rate needed to reach the target by its date|, where *d* is +1 when higher is "
    "better and -1 when lower is better:\n\n"
    "- the latest value meets the target: **Target achieved**\n"
    "- R ≥ 0.95: **On track**\n- 0.60 ≤ R < 0.95: **Progress made, acceleration needed**\n"
    "- 0 ≤ R < 0.60: **Limited progress**\n- R < 0: **Deterioration**\n\n"
    f"Without a target, the direction-adjusted growth rate is compared with {on_track:.1%}, "
    f"{acceleration:.1%} and {limited:.0%} a year for the same four classes. With fewer than two "
    "dated values the status is **Insufficient data**. Growth rates need positive values; when "
    "a value is zero or negative, the linear yearly change is used instead."
)
st.caption("Statuses: " + ", ".join(PROGRESS_STATUSES.values()))

st.header("Where the data comes from")
st.markdown(
    "Every status update and observation carries the address of its evidence. The demo dataset "
    "comes from a sourced timeline of what happened to each ask of the July 2018 letter; rows "
    "its authors could not verify were left out."
)
sources = read(evidence_sources, public_only=not can("read_internal"))
if sources.empty:
    st.write("No sources recorded yet.")
else:
    st.dataframe(sources, hide_index=True, width="stretch")
