"""The officer's form: pick an ask, see where it stands, record what changed (or that nothing
did). Same validation as the CLI: tracker.records.record_status_update.

The form remembers the latest entry it showed (per ask and track); if a colleague records one
before this form is submitted, the write is refused and the page shows theirs, with an explicit
"Record mine anyway" (tracker.latest, ``expect_latest``)."""

import streamlit as st

from tracker import limits, records, vocabulary
from tracker.db import is_empty
from tracker.errors import StaleForm
from tracker.filters import AskFilter, ask_choices
from tracker.history import dated_before_added, status_entry
from tracker.latest import entry_id, latest_status_entry
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
from webapp.forms import StaleGuard, apply_clears, clear_later, date_field, limit_help


def clear_form() -> None:
    clear_later(
        {
            "upd_status": None,
            "upd_date": today().isoformat(),
            "upd_note": "",
            "upd_evidence": "",
            "upd_vis": "internal",
            "upd_before_ok": False,
        }
    )
    st.session_state.pop(HELD, None)


# an update held back because it is dated before its ask was added: (ask, date, why)
HELD = "upd_before_held"
# the entry this form recorded last: (ask, entry id), offered for correction while on its ask
JUST = "upd_just_recorded"


guard("record")
apply_clears()
st.title("Record an update")
show_flash()
if is_empty(db()):
    empty_database_notice()
    st.stop()

titles = read(ask_choices)
if not titles:
    st.info("There are no asks yet: add a letter and its asks first.")
    st.page_link("webapp/pages/add_letter.py", label="Add a letter", icon=":material/mail:")
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


def correct_just_recorded(entry: int) -> None:
    st.query_params["correct"] = str(entry)
    st.session_state.pop(JUST, None)


just = st.session_state.get(JUST)
if just and just[0] != ask_id:  # another ask picked: the offer was for that one
    st.session_state.pop(JUST, None)
elif just and not st.query_params.get("correct"):
    st.button(
        f"Correct entry #{just[1]}",
        icon=":material/edit:",
        on_click=correct_just_recorded,
        args=(just[1],),
        key="upd_correct_just",
        help="The entry just recorded, with a mistake in it? This opens the form filled in "
        "with it; what you record then replaces it, and the history keeps both.",
    )


def stop_correcting() -> None:
    st.query_params.pop("correct", None)
    st.session_state.pop(CORRECTING, None)
    clear_form()


# a correction: the entry it supersedes, opened from the ask page ("Correct entry #N")
CORRECTING = "upd_correcting"
correcting = None
wanted_fix = st.query_params.get("correct")
if wanted_fix:
    entry = read(status_entry, int(wanted_fix)) if wanted_fix.isdigit() else None
    if entry is None or entry["ask_id"] != ask_id or entry["superseded_by"] is not None:
        why = (
            "it is not an entry of this ask"
            if not entry or entry["ask_id"] != ask_id
            else (f"entry #{entry['superseded_by']} corrects it already")
        )
        st.warning(f"Entry #{plain(wanted_fix)} cannot be corrected: {why}.")
        st.query_params.pop("correct", None)
    else:
        correcting = entry
        if st.session_state.get(CORRECTING) != entry["id"]:  # filled in once, then as typed
            st.session_state[CORRECTING] = entry["id"]
            st.session_state.update(
                upd_track=entry["track"],
                upd_status=entry["status"],
                upd_date=entry["effective_date"],
                upd_note=entry["note"] or "",
                upd_evidence=entry["evidence_url"] or "",
                upd_vis=entry["visibility"],
            )
        st.info(
            f"Correcting entry #{entry['id']} ({entry['effective_date']}, "
            f"{plain(entry['label'])}): what you record replaces it in every view, and the "
            "history keeps both. Say in the note what was wrong.",
            icon=":material/edit:",
        )
        st.button("Stop correcting", on_click=stop_correcting, key="stop_correcting")

row = read(list_asks, None, ask_filter=AskFilter(ask_ids=(ask_id,)), notes=True).iloc[0]
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
    list(vocabulary.TRACK_LABELS),
    format_func=vocabulary.TRACK_LABELS.get,
    horizontal=True,
    key="upd_track",
    help="Outcome: did the world move? Response: what did the letter's addressee do?",
)
vocab = read(vocabulary.statuses, track)
labels = dict(zip(vocab["code"], vocab["label"], strict=True))
current_code = text_or(row["status"] if track == "outcome" else row["response"], "")

# the latest entry this page shows now, and the one the person saw when filling in the form
shown_id = entry_id(read(latest_status_entry, int(ask_id), track))
guard_form = StaleGuard("upd", f"{ask_id}_{track}", shown_id)

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
    effective = date_field(
        "Effective date (when it happened)",
        value=today(),
        key="upd_date",
        help="When the change happened in the world, not when you record it.",
    )
    err_date = st.empty()
    held = st.session_state.get(HELD)
    confirmed = False
    if held and held[0] == ask_id:
        err_date.warning(
            f"{plain(held[2])} Check the year; if it is meant, tick the box and record it again.",
            icon=":material/history:",
        )
        confirmed = st.checkbox(
            f"Yes: it happened on {held[1]}, before the ask was made", key="upd_before_ok"
        )
    note = st.text_area(
        "Note",
        placeholder="What happened, and how do we know?",
        key="upd_note",
        help=limit_help(limits.NOTE, "Required for a change; optional for a verification."),
    )
    err_note = st.empty()
    evidence = st.text_input("Evidence URL", placeholder="https://...", key="upd_evidence")
    err_evidence = st.empty()
    visibility = st.radio(
        "Visibility",
        list(vocabulary.VISIBILITY_LABELS),
        format_func=vocabulary.VISIBILITY_LABELS.get,
        horizontal=True,
        key="upd_vis",
        help="Public entries may appear in donor snapshots.",
    )
    submitted = st.form_submit_button(
        "Record correction" if correcting else "Record update", type="primary"
    )
    err_form = st.empty()

slots = {
    "status": err_status,
    "effective_date": err_date,
    "note": err_note,
    "evidence_url": err_evidence,
    "_form": err_form,
}


def save(fields: dict, expect_latest: int) -> None:
    """Write the update; on a stale form keep it for the confirmation below, on success clear
    the form and rerun so that everything above shows the new state."""
    try:
        saved = run_write(
            records.record_status_update,
            int(ask_id),
            fields["status"] or "",
            effective_date=fields["effective_date"],
            note=fields["note"],
            track=track,
            evidence_url=fields["evidence_url"],
            visibility=fields["visibility"],
            expect_latest=expect_latest,
            supersedes_id=correcting["id"] if correcting else None,
            errors=slots,
        )
    except StaleForm as error:
        guard_form.refused(error, fields)
    if saved:
        kind = {"verification": "Verification", "correction": "Correction"}.get(
            saved["kind"], "Update"
        )
        st.toast(
            f"{kind} recorded: {plain(titles[ask_id])} is {labels[saved['status']]}.",
            icon=":material/check_circle:",
        )
        flash(
            f"{kind} recorded for {plain(titles[ask_id])}: **{labels[saved['status']]}** "
            f"on {saved['effective_date']}."
        )
        clear_form()
        guard_form.done()
        st.session_state[JUST] = (ask_id, saved["id"])
        if correcting:  # done: the form records new entries again
            st.query_params.pop("correct", None)
            st.session_state.pop(CORRECTING, None)
        st.rerun()  # what is shown above (current status, last update) predates the write


def held_back(date: str, is_confirmed: bool) -> bool:
    """Hold back an update dated before the ask was added until the officer confirms that
    date (a box ticked for another date confirms nothing): the form says why under the date."""
    why = dated_before_added(db(), int(ask_id), date)
    if not why or (is_confirmed and held and held[:2] == (ask_id, date.strip())):
        return False
    st.session_state[HELD] = (ask_id, date.strip(), why)
    clear_later({"upd_before_ok": False})
    st.rerun()


if submitted and not held_back(effective, confirmed):
    save(
        {
            "status": status,
            "effective_date": effective,
            "note": note,
            "evidence_url": evidence,
            "visibility": visibility,
        },
        guard_form.expected,
    )
yours = ""  # the refused entry, said back to the person beside the two choices
if guard_form.stale:
    mine = guard_form.stale["fields"]
    yours = (
        f"Yours: **{labels.get(mine['status'], mine['status'])}**, effective "
        f"{plain(mine['effective_date'])}"
        + (f": {plain(mine['note'])}" if (mine["note"] or "").strip() else "")
    )
guard_form.confirmation(
    "Not saved: someone else updated this ask while you were filling in the form.",
    save,
    clear_form,
    yours=yours,
)
if current_code:
    st.caption(f"Current {track} status: {labels.get(current_code, current_code)}.")
