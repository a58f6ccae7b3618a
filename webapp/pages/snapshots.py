"""Snapshots: donors see those published to them, newest first; officers and leadership
preview exactly what donors will see and publish, or withdraw."""

import streamlit as st

from tracker import snapshots
from tracker.auth import can
from tracker.errors import TrackerError
from tracker.filters import filter_options
from webapp import snapshot_view
from webapp.common import db, plain, read, run_write, today


def link(token: str) -> str:
    base = (st.context.url or "").split("?")[0] if hasattr(st.context, "url") else ""
    return f"{base}?snapshot={token}" if base else f"?snapshot={token}"


def published_list() -> None:
    table = snapshots.list_snapshots(db())
    if table.empty:
        st.info("No snapshots have been published yet.")
        return
    shown = table.assign(link="?snapshot=" + table["token"])
    columns = ["link", "title", "as_of", "status", "published_at"]
    if can("publish"):
        columns += ["id", "published_by", "withdrawn_at", "withdrawn_reason"]
    st.dataframe(
        shown[columns],
        hide_index=True,
        width="stretch",
        column_config={"link": st.column_config.LinkColumn("Open", display_text="Open")},
    )


def new_snapshot() -> None:
    options = read(filter_options)
    letters = dict(options["letters"])
    with st.form("snapshot_form", enter_to_submit=False):
        as_of = st.date_input("As of", value=today(), max_value=today(), key="snap_as_of")
        cols = st.columns(2)
        themes = cols[0].multiselect("Themes (none = all)", options["themes"], key="snap_themes")
        letter_ids = cols[1].multiselect(
            "Letters (none = all)", list(letters), format_func=letters.get, key="snap_letters"
        )
        title = st.text_input("Title", value=f"Progress as of {today():%B %Y}", key="snap_title")
        narrative = st.text_area("Narrative (donors read this first)", key="snap_narrative")
        err_narrative = st.empty()
        previewed = st.form_submit_button("Preview what donors will see", type="primary")
    params = {
        "as_of": as_of.isoformat(),
        "scope": snapshots.normalise_scope(themes, letter_ids),
        "title": title,
        "narrative": narrative,
    }
    if previewed:
        if not narrative.strip():
            err_narrative.error("Write a short narrative: donors read it first.")
            return
        with st.spinner("Building the preview..."):
            try:
                st.session_state["snapshot_preview"] = (
                    params,
                    snapshots.preview(
                        db(),
                        params["as_of"],
                        scope=params["scope"],
                        title=title,
                        narrative=narrative,
                    ),
                )
            except TrackerError as error:
                st.error(plain(error.message))
                return
    stored = st.session_state.get("snapshot_preview")
    if not stored:
        return
    stored_params, content = stored
    if stored_params != params:
        st.warning("The form changed since this preview: preview again before publishing.")
        return
    with st.container(border=True):
        st.caption("PREVIEW: exactly what donors will see (public entries only).")
        snapshot_view.render(content, key="preview")
    if st.button(
        "Publish this snapshot", type="primary", icon=":material/publish:", key="snap_publish"
    ):
        with st.spinner("Publishing: freezing the content and rendering the report..."):
            row = run_write(
                snapshots.publish,
                stored_params["as_of"],
                scope=stored_params["scope"],
                title=stored_params["title"],
                narrative=stored_params["narrative"],
            )
        if row:
            st.session_state.pop("snapshot_preview", None)
            st.success(
                f"Published “{plain(row['title'])}”. Share this link: {plain(link(row['token']))}"
            )
            st.toast("Snapshot published.", icon=":material/check_circle:")


def withdraw_form() -> None:
    table = snapshots.list_snapshots(db())
    live = table[table["status"] == "published"]
    if live.empty:
        st.write("No published snapshot to withdraw.")
        return
    with st.form("withdraw_form"):
        chosen = st.selectbox(
            "Snapshot",
            live["id"].tolist(),
            format_func=dict(
                zip(live["id"], live["as_of"] + " — " + live["title"], strict=True)
            ).get,
            key="withdraw_id",
        )
        reason = st.text_input("Why (shown to whoever opens the link)", key="withdraw_reason")
        err = st.empty()
        if st.form_submit_button("Withdraw") and run_write(
            snapshots.withdraw, chosen, reason, errors={"reason": err, "_form": err}
        ):
            st.toast("Snapshot withdrawn: its link now says so.")


st.title("Snapshots")
if not can("publish"):
    st.caption("Progress reports published to you, newest first. Each is frozen as of its date.")
    published_list()
    st.stop()

st.caption(
    "A snapshot freezes public progress as of a date: later updates and corrections never change "
    "it. Donors open it by its link; a new version is a new snapshot."
)
tabs = st.tabs(["Published", "New snapshot", "Withdraw"])
with tabs[0]:
    published_list()
    if can("manage_users"):
        allowed = snapshots.links_without_sign_in(db())
        choice = st.toggle(
            "Snapshot links open without sign-in",
            value=allowed,
            key="snap_public_links",
            help="Off (the default): donors must sign in to open a link.",
        )
        if choice != allowed:
            run_write(snapshots.set_links_without_sign_in, choice)
            st.rerun()
with tabs[1]:
    new_snapshot()
with tabs[2]:
    withdraw_form()
