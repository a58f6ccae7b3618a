"""Tables for people: the columns a reader needs, labelled in words, titles and statuses first
(so a phone's narrow screen shows them before it scrolls), and a dash where a value is
missing, never "None" or a snake_case column name."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker import numbers
from tracker.vocabulary import PRIORITY_LABELS, TRACK_LABELS, VISIBILITY_LABELS
from webapp.common import number_column

MISSING = "—"


def _column(name: str, label, values: pd.Series) -> object:
    """A label's column (numbers in the reader's locale), or the config a page gave."""
    if not isinstance(label, str):
        return label
    return number_column(name, label, values) or st.column_config.Column(label)


def _is_link(config) -> bool:
    return isinstance(config, dict) and (config.get("type_config") or {}).get("type") == "link"


def readable(frame: pd.DataFrame, columns: dict) -> pd.DataFrame:
    """``frame``'s ``columns`` (in their order), missing values shown as a dash (a missing
    link as an empty cell, not a dash that looks like a link)."""
    shown = frame.reindex(columns=list(columns)).copy()
    for name, config in columns.items():
        values = shown[name]
        if not values.isna().any():
            continue
        if _is_link(config):
            shown[name] = values.astype(object).where(values.notna(), "")
        elif pd.api.types.is_numeric_dtype(values):
            shown[name] = values.map(lambda v: numbers.readable(v, MISSING))
        elif isinstance(values.dtype, pd.StringDtype):  # text stays text: no copy per cell
            shown[name] = values.fillna(MISSING)
        else:
            shown[name] = values.astype(object).where(values.notna(), MISSING)
    return shown


# the columns that hold a vocabulary's codes, and the words people read for them
CODE_LABELS = {"priority": PRIORITY_LABELS, "track": TRACK_LABELS, "visibility": VISIBILITY_LABELS}


def labelled(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``readable`` with the columns renamed to their labels and codes in words: for a chart's
    table and every CSV a page offers (the whole-tracker export keeps its codes)."""
    words = {
        name: frame[name].map(lambda code, labels=labels: labels.get(code, code))
        for name, labels in CODE_LABELS.items()
        if name in columns and name in frame
    }
    return readable(frame.assign(**words), columns).rename(columns=columns)


def show(frame: pd.DataFrame, columns: dict, *, key: str | None = None, **kwargs) -> None:
    """``st.dataframe`` of ``readable(frame, columns)``: ``columns`` maps each column to its
    label, or to a ``st.column_config`` column (a link, a number format)."""
    shown = readable(frame, columns)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={name: _column(name, label, shown[name]) for name, label in columns.items()},
        key=key,
        **kwargs,
    )


# on a 390 px phone the table is about 350 px wide: a title and a status ("Partially
# achieved", "Progress made, acceleration needed" cut) fit side by side
TITLE_PX, STATUS_PX = 180, 135


def title_column(label: str = "Ask") -> object:
    """The title column, narrow enough that the status beside it shows on a phone; with
    ``titles.layout``'s rows a long title wraps (and is whole in the cell's tooltip and the CSV)."""
    return st.column_config.TextColumn(label, width=TITLE_PX)


def status_column(label: str = "Status") -> object:
    return st.column_config.TextColumn(label, width=STATUS_PX)


def indicator_columns(**more: object) -> dict:
    """An indicators table's columns: its name, progress status and latest value, then
    ``more`` (column: label)."""
    return {
        "name": title_column("Indicator"),
        "progress_label": status_column("Progress status"),
        "latest_value": "Latest",
        "latest_date": "Dated",
        **more,
    }


MIX_COLUMNS = {"month": "Month", "label": "Status", "count": "Asks"}  # a status mix's table

# the asks list's CSV (read when clicked): the list's columns, then what only the file has
ASKS_CSV = {
    "title": "Ask",
    "label": "Status",
    "since": "Since",
    "last_checked": "Last checked",
    "last_update": "Last change",
    "theme": "Theme",
    "target": "Target",
    "country": "Country",
    "owner": "Owner",
    "priority": "Priority",
    "added_on": "Added",
    "last_note": "Latest note",
    "last_evidence": "Evidence",
    "ask_id": "Ask #",
}
# the dashboard's stale asks CSV: every ask not checked lately, stalest first
STALE_CSV = {
    "title": "Ask",
    "label": "Status",
    "last_checked": "Last checked",
    "days_since_checked": "Days since checked",
    "last_update": "Last change",
    "owner": "Owner",
    "theme": "Theme",
    "target": "Target",
    "country": "Country",
    "priority": "Priority",
    "last_note": "Latest note",
    "last_evidence": "Evidence",
    "ask_id": "Ask #",
}
NOT_CHECKED = "Not yet checked"
