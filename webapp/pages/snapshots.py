"""Snapshots: donors see those published to them, newest first; officers and leadership
preview exactly what donors will see and publish, or withdraw."""

import streamlit as st

from tracker import snapshots
from tracker.auth import can
from tracker.dates import check_date
from tracker.errors import TrackerError
from tracker.filters import filter_options
from webapp import snapshot_view
from webapp.common import db, flash, plain, read, run_write, show_errors, show_flash, today
from webapp.forms import apply_clears, clear_later, date_field


def app_address() -> str:
    """Where the shared link points: TRACKER_PUBLIC_URL when set, else the address this
    browser shows (this page's own path taken off), else the one `make run` serves."""
    here = (st.context.url or "").removesuffix("/").removesuffix("/snapshots")
    return snapshots.public_url(here)


LIST_COLUMNS = {
    "title": "Title",
    "as_of": "As of",
    "status": "Status",
    "published_at": "Published",
    "published_by": "Published by",
    "withdrawn_at": "Withdrawn",
    "withdrawn_reason": "Why withdrawn",
    "id": "Number",
}


def empty_list_sentence(withdrawn: int) -> str:
    """What an empty list means: none published yet, or every one withdrawn since."""
    if withdrawn == 0:
        return "No snapshots have been published yet."
    which = (
        "The only snapshot published here was"
        if withdrawn == 1
        else f"All {withdrawn} snapshots published here were"
    )
    return (
        f"{which} withdrawn: none is available now. Ask whoever sent you a link for the "
        "current version."
    )


def published_list() -> None:
    """Each snapshot as a link that opens it in one click (a table cell needs two), newest
    first; publishers also get the whole register as a table."""
    table = snapshots.list_snapshots(db())
    if table.empty:
        st.info(empty_list_sentence(snapshots.withdrawn_count(db())))
        return
    # a link's text never wraps in Streamlit: at 375 px a long title lost its end ("...end of
    # 202"); these titles wrap instead
    st.html(
        "<style>[data-testid='stMain'] [data-testid='stPageLink'] a p "
        "{white-space: normal; overflow-wrap: anywhere;}</style>"
    )
    for row in table.itertuples():
        with st.container(border=True):
            st.page_link(
                "webapp/pages/snapshots.py",
                label=plain(row.title),
                icon=":material/photo:" if row.status == "published" else ":material/block:",
                query_params={"snapshot": row.token},
            )
            note = f"As of {row.as_of} · published {str(row.published_at)[:10]}"
            if row.status != "published":
                note += f" · withdrawn {str(row.withdrawn_at)[:10]}: its link says so"
            st.caption(note)
    if can("publish"):
        with st.expander("The register of snapshots (a table)"):
            shown = table.assign(
                status=table["status"].map({"published": "Published", "withdrawn": "Withdrawn"}),
                published_at=table["published_at"].str.slice(0, 16),
                withdrawn_at=table["withdrawn_at"].fillna("").str.slice(0, 16),
                withdrawn_reason=table["withdrawn_reason"].fillna(""),
            )
            st.dataframe(
                shown[list(LIST_COLUMNS)].rename(columns=LIST_COLUMNS),
                hide_index=True,
                width="stretch",
            )


def new_snapshot() -> None:
    options = read(filter_options)
    letters = dict(options["letters"])
    with st.form("snapshot_form", enter_to_submit=False):
        typed_as_of = date_field("As of", value=today(), key="snap_as_of")
        err_as_of = st.empty()
        cols = st.columns(2)
        themes = cols[0].multiselect("Themes (none = all)", options["themes"], key="snap_themes")
        letter_ids = cols[1].multiselect(
            "Letters (none = all)",
            list(letters),
            format_func=lambda i: f"#{i} · {letters[i]}",
            key="snap_letters",
        )
        title = st.text_input(
            "Title",
            key="snap_title",
            placeholder="Progress as of the as-of date",
            help="Left empty, the title is “Progress as of” and the as-of date you chose.",
        )
        narrative = st.text_area("Narrative (donors read this first)", key="snap_narrative")
        err_narrative = st.empty()
        previewed = st.form_submit_button("Preview what donors will see", type="primary")
    slots = {"as_of": err_as_of, "narrative": err_narrative}
    try:  # typed, so a date outside the range is an error, never silently another date
        if previewed:  # every problem at once, each next to its field
            snapshots.check_form(db(), typed_as_of, narrative)
        as_of = check_date(db(), typed_as_of, "as-of date")
    except TrackerError as error:
        show_errors(error, slots | {"as-of date": err_as_of})
        return
    params = {
        "as_of": as_of,
        "scope": snapshots.normalise_scope(themes, letter_ids),
        "title": title,
        "narrative": narrative,
    }
    if previewed:
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
    if content["kpis"]["asks"] == 0:  # donors would open four zeros: not offered
        st.warning(
            f"No public ask in this snapshot as of {content['as_of']} "
            f"({plain(content['scope_label'])}): donors would open an empty report. Pick a "
            "later As of date, or fewer themes and letters, and preview again.",
            icon=":material/block:",
        )
        return
    with st.container(border=True):
        st.caption("PREVIEW: exactly what donors will see (public entries only).")
        snapshot_view.render(content, key="preview")
    try:  # before publishing: a snapshot is published with a link that opens
        address = app_address()
    except TrackerError as error:
        st.error(plain(error.message))
        return
    published = st.session_state.get("snapshot_published")
    done = published is not None and published[0] == stored_params
    if st.button(
        "Published" if done else "Publish this snapshot",
        type="primary",
        icon=":material/check:" if done else ":material/publish:",
        key="snap_publish",
        disabled=done,  # one click, one snapshot: a second would publish a copy
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
            st.session_state["snapshot_published"] = (
                stored_params,
                {"title": row["title"], "token": row["token"]},
            )
            st.rerun()  # draw the button disabled, with the link under it
    if done:
        row = published[1]
        who = (
            "anyone with it sees the snapshot"
            if snapshots.links_without_sign_in(db())
            else "donors sign in, then see the snapshot"
        )
        st.success(
            f"Published “{plain(row['title'])}”. Share this link ({who}):",
            icon=":material/check_circle:",
        )
        st.code(snapshots.snapshot_link(row["token"], address), language=None)
        st.page_link(
            "webapp/pages/snapshots.py",
            label="Open it as donors will",
            icon=":material/open_in_new:",
            query_params={"snapshot": row["token"]},
        )


def withdraw_form() -> None:
    show_flash()
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
            # the form drawn again without it: no reason left typed, no button to click twice
            flash("Snapshot withdrawn: its link now says so.")
            clear_later({"withdraw_reason": ""})
            st.session_state.pop("withdraw_id", None)
            st.rerun()


apply_clears()
st.title("Snapshots")
if not can("publish"):
    st.caption("Progress reports published to you, newest first. Each is frozen as of its date.")
    published_list()
    st.stop()

st.caption(
    "A snapshot freezes public progress as of a date: later updates and corrections never change "
    "it. Donors open it by its link; a new version is a new snapshot."
)
# keyed: the tab asked on survives the preview's and the publishing's reruns (unkeyed, the
# browser went back to "Published" and hid the preview and the Publish button)
tabs = st.tabs(["Published", "New snapshot", "Withdraw"], key="snapshot_tab")
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
