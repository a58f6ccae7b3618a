"""Methodology: what each status means, how the progress index and the indicator progress
status are computed, and where the data comes from."""

import pandas as pd
import streamlit as st

from tracker import methodology, report, vocabulary
from tracker.auth import can
from tracker.dashboard import evidence_sources
from tracker.indicators import PROGRESS_STATUSES
from webapp import tables
from webapp.common import plain, read

st.title("Methodology")

st.header("Statuses")
st.write(methodology.TRACKS)
vocab = read(vocabulary.statuses)
# the codes are what a spreadsheet holds: for those who import or export one, not donors (at
# 375 px the column squeezed each meaning to a word a line)
with_codes = can("record") or can("export")
for track in ("outcome", "response"):
    st.subheader(track.capitalize())
    # a reference table is read, not scrolled: st.table wraps each meaning whole at any width
    rows = vocab[vocab["track"] == track]
    table = pd.DataFrame(
        {
            "Status": rows["label"],
            "Meaning": rows["description"],
            "Progress score": rows["score"].map(
                lambda score: "Not scored" if pd.isna(score) else f"{score:g}"
            ),
            "Final": rows["terminal"].map(lambda final: "Yes" if final else ""),
            "Code": rows["code"],
        }
    )
    st.table(table if with_codes else table.drop(columns="Code"), hide_index=True)

st.header("Headline figures")
# the dashboard's, public progress's and every snapshot's, in their words, with the statuses
# each counts (a status's bucket, data/statuses.json)
counted, uncounted = report.headline_buckets(vocab[vocab["track"] == "outcome"].to_dict("records"))
st.markdown(
    "\n".join(
        [
            f"- **{report.HEADLINE_LABELS['asks']}**: every ask made by the date shown.",
            *(
                f"- **{report.HEADLINE_LABELS[key]}**: the asks whose outcome is "
                f"{plain(report.joined(labels))} on that date."
                for key, labels in counted.items()
                if labels
            ),
        ]
    )
)
if uncounted:
    st.caption(
        f"{plain(', '.join(uncounted))}: counted in Asks tracked only, in none of the figures "
        "above."
    )

st.header("Progress index")
here = methodology.PROGRESS_INDEX_LINE.replace(" (see the Methodology page)", "")  # on it
st.info(here, icon=":material/show_chart:")
st.write(methodology.PROGRESS_INDEX)

st.header("Indicator progress status")
st.write(methodology.INDICATOR_STATUS)
st.caption("Statuses: " + ", ".join(PROGRESS_STATUSES.values()))

st.header("Where the data comes from")
st.write(
    methodology.SOURCES + " The demo dataset comes from a sourced timeline of what happened to "
    "each ask of the July 2018 letter; rows its authors could not verify were left out."
)
sources = read(evidence_sources, public_only=not can("read_internal"))
if sources.empty:
    st.write("No sources recorded yet.")
else:
    tables.show(sources, {"website": "Website", "entries": "Entries citing it"})
