"""A chart's table and its CSV, each for its reader: the table on screen shows numbers in the
reader's locale and a dash where one is missing (webapp.tables); the CSV holds plain numbers
(1296, not 1296.0 or "1,296"; 0.3667, not 0.3666666666666667) and an empty cell for a
missing one, so a spreadsheet reads the column as numbers. Labels in words in both."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.numbers import plain_numbers
from webapp import tables
from webapp.common import csv_download, number_column


def csv_table(frame: pd.DataFrame, columns: dict[str, str], places: int | None = None):
    """``frame``'s ``columns`` under their labels, codes in words (as ``tables.labelled``),
    numbers plain (``numbers.plain_numbers``; computed decimals to ``places`` places)."""
    words = {
        name: frame[name].map(lambda code, labels=labels: labels.get(code, code))
        for name, labels in tables.CODE_LABELS.items()
        if name in columns and name in frame
    }
    chosen = frame.assign(**words).reindex(columns=list(columns))
    return plain_numbers(chosen, places).rename(columns=columns)


def chart_with_table(
    fig,
    frame: pd.DataFrame,
    columns: dict[str, str],
    name: str,
    *,
    key: str,
    places: int | None = None,
) -> None:
    """A chart, then its data as a table and a CSV download (never colour alone): the table
    for reading (labels, codes in words, numbers in the reader's locale), the CSV for a
    spreadsheet (the same words, plain numbers)."""
    st.plotly_chart(fig, width="stretch", key=f"chart_{key}")
    with st.expander(f"Table: {name}"):
        shown = tables.labelled(frame, columns)
        numbers = {c: number_column(c, c, shown[c]) for c in shown.columns}
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={c: config for c, config in numbers.items() if config},
        )
        # made on click, not on every rerun (a cell at a time, in Python)
        csv_download(lambda: csv_table(frame, columns, places), f"{key}.csv", key=f"dl_{key}")
