"""The officer's form: pick an ask, see where it stands, record what changed (or that nothing
did). Same validation as the CLI: tracker.records.record_status_update."""

import streamlit as st

from tracker import records, vocabulary
from tracker.db import is_empty
from tracker.filters import AskFilter, ask_choices
from tracker.standing import list_asks
from webapp.access import guard
from webapp.common import (
    db,
    empty_database_notice,
    flash,
    plain,
    read,
    run_write,
    show_flash,
    text_or,
    today,
)

guard("record")
st.title("Record an update")
show_flash()
if is_empty(db()):
    empty_database_notice()
    st.stop()

titles = read(ask_choices)
if not titles:
    st.info("There are no asks yet: add a letter and its asks first.")
    st.page_link("webapp/pages/letters.py", label="Add a letter", icon=":material/mail:")
    st.stop()

wanted = st.query_params.get("ask")
default = int(wanted) if wanted and wanted.isdigit() and int(wanted) in titles else None
ask_id = st.selectbox(
    "Ask",
    list(titles),
    index=None if default is None else list(titles).index(default),
    format_func=titles.get,
    placeholder="Type to search asks by title...",
    key="upd_ask",
)
if ask_id is None:
    st.caption("Pick an ask to see its current status and record an update.")
    st.stop()
st.query_params["ask"] = str(ask_id)

row = read(list_asks, None, ask_filter=AskFilter(ask_ids=(ask_id,))).iloc[0]
with st.container(border=True):
    cols = st.columns(3)
    cols[0].metric("Current outcome", row["label"])
    cols[1].metric("Response", text_or(row["response_label"], "Not recorded"))
    cols[2].metric("Last checked", text_or(row["last_checked"], "never"))
    if text_or(row["last_update"], ""):
        st.markdown(f"Last update, {row['last_update']}: {plain(row['last_note'])}")
    st.page_link(
        "webapp/pages/asks.py",
        label="Open the ask's page",
        query_params={"ask": str(ask_id)},
        icon=":material/open_in_new:",
    )

track = st.radio(
    "Track",
    ["outcome", "response"],
    horizontal=True,
    key="upd_track",
    help="Outcome: did the world move? Response: what did the letter's addressee do?",
)
vocab = read(vocabulary.statuses, track)
labels = dict(zip(vocab["code"], vocab["label"], strict=True))
current_code = text_or(row["status"] if track == "outcome" else row["response"], "")

with st.form("update_form", clear_on_submit=False, enter_to_submit=False):
    status = st.selectbox(
        "New status",
        list(labels),
        index=None,
        format_func=labels.get,
        placeholder="Choose a status",
        key="upd_status",
        help="Choosing the current status again records a verification: checked, no change.",
    )
    err_status = st.empty()
    effective = st.date_input(
        "Effective date (when it happened)",
        value=today(),
        key="upd_date",
        help="When the change happened in the world: today or earlier, never in the future.",
    )
    err_date = st.empty()
    note = st.text_area("Note", placeholder="What happened, and how do we know?", key="upd_note")
    err_note = st.empty()
    evidence = st.text_input("Evidence URL", placeholder="https://...", key="upd_evidence")
    err_evidence = st.empty()
    visibility = st.radio(
        "Visibility",
        ["internal", "public"],
        horizontal=True,
        key="upd_vis",
        help="Public entries may appear in donor snapshots.",
    )
    submitted = st.form_submit_button("Record update", type="primary")
    err_form = st.empty()

if submitted:
    errors = {
        "status": err_status,
        "effective date": err_date,
        "note": err_note,
        "evidence URL": err_evidence,
        "_form": err_form,
    }
    if status is None:
        err_status.error("Choose a status: the ask's new status, or its current one to verify.")
    else:
        saved = run_write(
            records.record_status_update,
            int(ask_id),
            status,
            effective_date=effective,
            note=note,
            track=track,
            evidence_url=evidence,
            visibility=visibility,
            errors=errors,
        )
        if saved:
            kind = "Verification" if saved["kind"] == "verification" else "Update"
            st.toast(
                f"{kind} recorded: {plain(titles[ask_id])} is {labels[saved['status']]}.",
                icon=":material/check_circle:",
            )
            flash(
                f"{kind} recorded for {plain(titles[ask_id])}: **{labels[saved['status']]}** "
                f"on {saved['effective_date']}."
            )
            st.rerun()  # what is shown above (current status, last update) predates the write
if current_code:
    st.caption(f"Current {track} status: {labels.get(current_code, current_code)}.")
