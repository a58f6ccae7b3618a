"""The audit log: every write, who made it and when (administrators and leadership)."""

import datetime as dt

import pandas as pd
import streamlit as st

from tracker.audit import ACTION_LABELS, audit_actions, audit_log, details_in_words
from tracker.auth import ROLE_LABELS
from tracker.counting import how_many
from tracker.dates import earliest_date
from tracker.vocabulary import statuses
from webapp import tables, titles
from webapp.access import guard
from webapp.common import csv_download, db, today

guard("read_audit")
VIA = {"password": "Password", "oidc": "Single sign-on", "cli": "Command line"}
ENTITIES = {"statuses": "Status vocabulary", "setting": "Setting", "tracker": "Tracker"}
# the log's columns as its CSV heads them
COLUMNS = {
    "at": "When",
    "action": "Action",
    "details": "Details",
    "actor": "Who",
    "entity": "Record",
    "entity_id": "Record #",
    "role": "Role",
    "via": "Signed in with",
    "id": "Entry #",
}
# the table's: what happened (the action, then its details) beside the time, so a 375 px
# phone shows both before the row scrolls
TABLE = {
    "at": "When",
    # a phone's width, its rows tall enough for the longest entry to wrap (cut at 375 px)
    "happened": st.column_config.TextColumn("What happened", width=titles.TITLE_PX),
    **{name: label for name, label in COLUMNS.items() if name not in ("at", "details")},
}

st.title("Audit log")
st.caption("Every change to the data and to users, newest first. The log cannot be edited.")
cols = st.columns([2, 2, 3])
who = cols[0].text_input("Who (email contains)", key="audit_who")
action = cols[1].selectbox(
    "What",
    audit_actions(db()),
    index=None,
    format_func=lambda code: ACTION_LABELS.get(code, code),
    placeholder="Any action",
    key="audit_action",
)
period = cols[2].date_input(
    "When",
    value=(today() - dt.timedelta(days=365), today()),
    min_value=earliest_date(db()),
    max_value=today(),
    key="audit_when",
)
start, end = period if isinstance(period, tuple) and len(period) == 2 else (None, None)
log = audit_log(db(), actor=who or None, action=action, start=start, end=end)
st.caption(
    how_many(len(log), "entry", "entries") + (" (the newest 1,000)" if len(log) == 1000 else "")
)
if log.empty:
    st.info("No entries match these filters.")
else:
    labels = statuses(db())
    status_labels = {(row.track, row.code): row.label for row in labels.itertuples()}
    shown = log.assign(
        at=log["at"].str.slice(0, 16).str.replace("T", " ") + " UTC",  # to the minute
        details=[
            details_in_words(a, d, status_labels)
            for a, d in zip(log["action"], log["details"], strict=True)
        ],
        action=log["action"].map(lambda code: ACTION_LABELS.get(code, code)),
        role=log["role"].map(ROLE_LABELS),
        via=log["via"].map(lambda via: VIA.get(via, str(via).capitalize())),
        entity=log["entity"].map(lambda kind: ENTITIES.get(kind, str(kind).capitalize())),
    )
    happened = [
        action if details == "\u2014" else f"{action}: {details}"
        for action, details in zip(shown["action"], shown["details"], strict=True)
    ]
    tables.show(shown.assign(happened=happened), TABLE, **titles.layout(pd.Series(happened)))
    csv_download(tables.labelled(shown, COLUMNS), "audit-log.csv", key="dl_audit")
