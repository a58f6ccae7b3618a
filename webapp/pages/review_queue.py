"""An officer's review queue: their asks, stalest first. Verify in one click ("checked, no
change") or open the update form, so a quarterly review of 50 asks takes minutes."""

import streamlit as st

from tracker import records
from tracker.auth import current_actor
from tracker.counting import how_many
from tracker.db import is_empty
from tracker.filters import AskFilter, filter_options
from tracker.standing import STALE_DAYS, stale_asks
from webapp import tables
from webapp.access import guard
from webapp.common import (
    db,
    empty_database_notice,
    flash,
    number_column,
    plain,
    read,
    run_write,
    show_flash,
)

ROWS_PER_PAGE = 20  # one-click rows drawn per rerun; the table above holds every due ask

guard("record")
st.title("My review queue")
show_flash()  # what a Verify just recorded (a toast would be lost in the rerun that follows)
if is_empty(db()):
    empty_database_notice()
    st.stop()

owners = read(filter_options)["owners"]
if not owners:
    st.info("No ask has an owner yet. Set owners on asks to build review queues.")
    st.stop()
wanted = st.query_params.get("owner")
me = current_actor().display  # asks are owned by name, as Add a letter gives them
first = wanted if wanted in owners else me if me in owners else owners[0]
owner = st.selectbox("Owner", owners, index=owners.index(first), key="queue_owner")
st.query_params["owner"] = owner
if me not in owners:
    st.caption(f"You ({plain(me)}) own no asks yet: this is {plain(owner)}'s queue.")
days = st.slider("Due when not checked for (days)", 0, 365, STALE_DAYS, step=15, key="queue_days")

queue = read(stale_asks, None, days=days, ask_filter=AskFilter(owners=(owner,)))
if queue.empty:
    st.success(  # (an ask never checked is due from the day it was added)
        f"All caught up: every open ask of {plain(owner)} was added or checked in the last "
        f"{days} days."
    )
    st.stop()
st.caption(f"{how_many(len(queue), 'ask')} due, stalest first.")

picked = st.data_editor(
    queue.assign(verify=False)[
        ["verify", "ask_id", "title", "label", "last_checked", "days_since_checked"]
    ],
    hide_index=True,
    width="stretch",
    disabled=["ask_id", "title", "label", "last_checked", "days_since_checked"],
    column_config={
        "verify": st.column_config.CheckboxColumn("Verify", help="Checked, no change"),
        "ask_id": "Ask #",
        "title": tables.title_column(),
        "label": tables.status_column(),
        "last_checked": "Last checked",
        "days_since_checked": number_column(
            "days_since_checked", "Days since checked", queue["days_since_checked"]
        ),
    },
    key="queue_editor",
)
chosen = picked[picked["verify"]]["ask_id"].tolist()
verify_selected = st.button(
    f"Verify {len(chosen):,} selected: checked, no change",
    disabled=not chosen,
    type="primary",
    key="queue_verify_selected",
)
if verify_selected and run_write(records.verify_asks, [int(a) for a in chosen]):
    flash(f"Verified {how_many(len(chosen), 'ask')}: checked, no change.")
    st.rerun()

st.divider()
pages = -(-len(queue) // ROWS_PER_PAGE)
page = 1
if pages > 1:
    page = st.number_input(
        f"Page (of {pages:,}, {ROWS_PER_PAGE} asks each, stalest first)",
        min_value=1,
        max_value=pages,
        value=1,
        key="queue_page",
    )
start = (int(page) - 1) * ROWS_PER_PAGE
for row in queue.iloc[start : start + ROWS_PER_PAGE].itertuples():
    cols = st.columns([6, 2, 2, 2])
    cols[0].markdown(f"**#{row.ask_id}** {plain(row.title)}")
    cols[1].write(f"{plain(row.label)} · {row.days_since_checked:,} days")
    verified = cols[2].button("Verify", key=f"verify_{row.ask_id}", icon=":material/check:")
    if verified and run_write(records.verify_ask, int(row.ask_id)):
        flash(f"Verified #{row.ask_id} {plain(row.title)}: still {row.label} (checked, no change).")
        st.rerun()
    cols[3].page_link(
        "webapp/pages/record_update.py",
        label="Update",
        query_params={"ask": str(row.ask_id)},
        icon=":material/edit_note:",
    )
