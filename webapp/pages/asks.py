"""Asks: a filterable list, and each ask's own page (``?ask=ID``): wording, letters, both
tracks' timelines, full history with evidence, linked indicators."""

import streamlit as st

from tracker import figures, indicators, vocabulary
from tracker.auth import can
from tracker.counting import how_many
from tracker.db import is_empty
from tracker.errors import NotFound, TrackerError
from tracker.filters import AskFilter, filter_options
from tracker.history import ask_history, ask_timeline, get_ask
from tracker.letters import ask_letters
from tracker.standing import STALE_DAYS, current_status, list_asks, stale_asks
from webapp import details, downloads, tables, titles
from webapp.access import guard
from webapp.common import (
    as_of_picker,
    csv_download,
    db,
    empty_database_notice,
    figure,
    one_or_list,
    open_item,
    plain,
    read,
    show_flash,
    sidebar_filters,
    text_or,
)

ENTRY_PX = 150  # "#1234 · corrected by #1240" whole, and a date beside it at 375 px


def correction_link(ask_id: int, history) -> None:
    """A mistaken entry (a wrong status, a mistyped date) is corrected, never edited: the
    update form opens filled in with it and records a correction that supersedes it."""
    open_entries = history[history["superseded_by"].isna()]
    if open_entries.empty:
        return
    labels = {
        int(row.id): f"#{row.id} · {row.effective_date} · "
        f"{vocabulary.TRACK_LABELS.get(row.track, row.track)}: {row.label}"
        for row in open_entries.itertuples()
    }
    cols = st.columns([3, 2], vertical_alignment="bottom")
    entry_id = cols[0].selectbox(
        "Correct an entry",
        list(labels),
        format_func=labels.get,
        key=f"correct_pick_{ask_id}",
        help="Opens the update form filled in with the entry; what you record replaces it "
        "in every view, and the history keeps both.",
    )
    cols[1].page_link(
        "webapp/pages/record_update.py",
        label=f"Correct entry #{entry_id}",
        icon=":material/edit:",
        query_params={"ask": str(ask_id), "correct": str(entry_id)},
    )


def ask_page(ask_id: int) -> None:
    try:
        ask = read(get_ask, ask_id)
    except NotFound:
        st.title("Asks")
        st.error(f"There is no ask #{ask_id}: it may have been mistyped in the link.")
        st.button("Back to all asks", on_click=lambda: st.query_params.pop("ask", None))
        return
    except TrackerError as error:
        st.title("Asks")
        st.error(plain(error.message[:1].upper() + error.message[1:]))
        st.button("Back to all asks", on_click=lambda: st.query_params.pop("ask", None))
        return
    show_flash()
    if st.button("← All asks", key="back"):
        del st.query_params["ask"]
        st.query_params.pop("entry", None)
        st.rerun()
    as_of = as_of_picker().isoformat()
    st.title(plain(ask["title"]), anchor=False)
    current = read(list_asks, as_of, ask_filter=AskFilter(ask_ids=(ask["id"],)))
    if current.empty:
        st.info(
            f"This ask was first made on {ask['added_on']}: there is nothing to show as of "
            f"{as_of}. Pick a later date in the sidebar."
        )
        return
    mine = current.iloc[0]
    # two a row: a status in a quarter of the page ("Partially achieved") is cut with "…"
    cols = [*st.columns(2), *st.columns(2)]
    cols[0].metric("Outcome", mine["label"])
    cols[1].metric("Response", text_or(mine["response_label"], "Not recorded"))
    cols[2].metric("Since", text_or(mine["since"]))
    cols[3].metric("Last checked", text_or(mine["last_checked"], "Not yet checked"))
    priority = vocabulary.PRIORITY_LABELS.get(ask["priority"], ask["priority"])
    st.markdown(
        f"**Target:** {plain(ask['target'])} · **Theme:** {plain(ask['theme'])} · "
        f"**Country:** {plain(ask['country'])} · **Owner:** {plain(ask['owner'] or '—')} · "
        f"**Priority:** {plain(priority)} · **Made since:** {ask['added_on']}"
    )
    if ask["wording"]:
        st.markdown("> " + plain(ask["wording"]))
    if can("record"):
        details.ask_form(ask)
        st.page_link(
            "webapp/pages/record_update.py",
            label="Record an update for this ask",
            icon=":material/edit_note:",
            query_params={"ask": str(ask["id"])},
        )

    st.subheader("Timeline")
    timeline = read(ask_timeline, ask["id"], as_of)
    downloads.chart_with_table(
        figure(figures.ask_timeline_figure, timeline),
        timeline.assign(track=timeline["track"].str.capitalize()),
        {
            "track": "Track",
            "label": "Status",
            "start": "From",
            "end": "To",
            "entries": "Entries",
            "note": "Latest note",
            "evidence_url": "Evidence",
        },
        "status periods",
        key=f"timeline_{ask['id']}",
    )

    st.subheader("Letters that made this ask")
    letters = read(ask_letters, ask["id"])
    if letters.empty:
        st.write("No letter is linked to this ask yet.")
    for row in letters.itertuples():
        st.markdown(
            f"- [{plain(row.title)}](/letters?letter={row.letter_id}) ({row.date_sent}, "
            f"{plain(row.author_org)})" + (f"  \n  “{plain(row.passage)}”" if row.passage else "")
        )

    st.subheader("History")
    history = read(ask_history, ask["id"], as_of=as_of)
    if history.empty:
        st.write("Nothing recorded yet.")
    else:
        wanted = st.query_params.get("entry", "")
        entry = history[history["id"].astype(str) == wanted]
        if not entry.empty:  # opened from a folded note in a list: the entry in full
            row = entry.iloc[0]
            with st.container(border=True):
                st.markdown(_entry_heading(row))
                st.markdown(plain(text_or(row["note"], "No note.")))
        tables.show(
            history.assign(
                track=history["track"].map(vocabulary.TRACK_LABELS),
                kind=history["kind"].str.capitalize(),
                visibility=history["visibility"].map(vocabulary.VISIBILITY_LABELS),
            ),
            {
                # first, so a phone shows it: a corrected entry says so before it scrolls
                "entry": st.column_config.TextColumn("Entry", width=ENTRY_PX),
                "effective_date": "Date",
                "label": tables.status_column(),
                "track": "Track",
                "kind": "Kind",
                "note": st.column_config.TextColumn("Note", width="large"),
                "evidence_url": st.column_config.LinkColumn("Evidence"),
                "visibility": "Visibility",
                "recorded_by_name": "Recorded by",
            },
        )
        _notes_in_full(history)
        if can("record"):
            correction_link(ask["id"], history)

    st.subheader("Linked indicators")
    linked = read(indicators.list_indicators, as_of, ask_id=ask["id"])
    if linked.empty:
        st.write("No indicator is linked to this ask.")
    else:
        columns = tables.indicator_columns(target_value="Target", indicator_id="Indicator #")
        tables.show(linked, columns, **titles.layout(linked["name"]))  # names whole


def _entry_heading(row) -> str:
    """An entry as a person finds it in the table: its number and standing (the Entry column:
    a corrected entry must not read as in force), date, track and status."""
    track = vocabulary.TRACK_LABELS.get(row["track"], str(row["track"]).capitalize())
    return (
        f"**Entry {plain(row['entry'])}** · {row['effective_date']} · "
        f"{plain(track)}: **{plain(row['label'])}**"
    )


def _notes_in_full(history) -> None:
    """Each entry's note whole, under the table that cuts it to a cell's width (at 375 px the
    Note column is off-screen): one click opens them all, newest first, as the table lists them."""
    noted = history[history["note"].fillna("").str.strip() != ""]
    if noted.empty:
        return
    label = f"Notes in full ({how_many(len(noted), 'entry', 'entries')})"
    with st.expander(label, icon=":material/notes:"):
        for _, row in noted.iterrows():
            st.markdown(f"{_entry_heading(row)}  \n{plain(row['note'])}")


PICKER_LIMIT = 300  # past this many asks, type to search: a list of 10k options is no picker
PICKER_MATCHES = 50


def _pick_ask(frame) -> int | None:
    """The ask to open: chosen from every ask listed, or, for a long list, from the first
    matches of what was typed (part of a title, or an id)."""
    searching = len(frame) > PICKER_LIMIT
    if searching:
        typed = st.text_input(
            "Open an ask", placeholder="Type part of a title, or an id", key="ask_find"
        ).strip()
        if not typed:
            return None
        found = frame["title"].str.contains(typed, case=False, regex=False, na=False)
        found |= frame["ask_id"].astype(str) == typed.lstrip("#")
        frame = frame[found]
        if frame.empty:
            st.caption(f"No ask's title contains “{plain(typed)}”.")
            return None
        if len(frame) > PICKER_MATCHES:
            st.caption(f"{len(frame):,} asks match: the first {PICKER_MATCHES} are listed.")
            frame = frame.head(PICKER_MATCHES)
    labels = "#" + frame["ask_id"].astype(str) + " " + frame["title"]  # for those listed only
    return st.selectbox(
        "Matching asks" if searching else "Open an ask",
        frame["ask_id"].tolist(),
        index=None,
        placeholder="Choose one..." if searching else "Search by title...",
        format_func=dict(zip(frame["ask_id"], labels, strict=True)).get,
        key="ask_open",
    )


# the list's columns after the title and status, headed as its CSV heads them
ON_SCREEN = (
    "since",
    "last_checked",
    "last_update",
    "theme",
    "target",
    "country",
    "owner",
    "ask_id",
)


def empty_list_sentence(
    as_of: str, tracked: bool, filtered: bool, picked: list, stale_only: bool
) -> str:
    """Why the list is empty, and what to change: nothing tracked yet by the date, or the
    choices that left nothing (never "these filters" when none is set)."""
    if not tracked and not filtered:
        return f"No asks were tracked yet as of {as_of}: pick a later As of date in the sidebar."
    choices = [
        *(["the sidebar's filters"] if filtered else []),
        *(["Status"] if picked and tracked else []),
        *([f"Stale only ({STALE_DAYS} days)"] if stale_only and tracked else []),
    ]
    if not tracked:
        return (
            f"No ask matches the sidebar's filters as of {as_of}: clear a filter or pick a "
            "later As of date to see more."
        )
    return f"No ask matches these choices: clear {' or '.join(choices)} to see more."


def ask_list() -> None:
    st.title("Asks")
    if is_empty(db()):
        empty_database_notice()
        return
    ask_filter, _, as_of_date = sidebar_filters(read(filter_options), with_dates=False)
    as_of = as_of_date.isoformat()
    statuses = read(vocabulary.statuses)
    cols = st.columns([2, 3, 2])  # the toggle's label whole at 1280 px ("Stale only (9…")
    track = cols[0].radio(
        "Track",
        list(vocabulary.TRACK_LABELS),
        format_func=vocabulary.TRACK_LABELS.get,
        horizontal=True,
        key="ask_track",
    )
    labels = statuses[statuses["track"] == track]
    picked = cols[1].multiselect(
        "Status",
        labels["code"].tolist(),
        format_func=dict(zip(labels["code"], labels["label"], strict=True)).get,
        key="ask_status",
    )
    stale_only = cols[2].toggle(
        f"Stale only ({STALE_DAYS} days)",
        key="ask_stale",
        help="Not updated or verified for longer, and not achieved or dropped (as on the "
        "dashboard).",
    )
    frame = read(current_status, as_of, track=track, ask_filter=ask_filter)
    tracked = not frame.empty  # before the status and stale choices narrow it
    if picked:
        frame = frame[frame["status"].isin(picked)]
    if stale_only:
        stale = read(stale_asks, as_of, ask_filter=ask_filter)["ask_id"]
        frame = frame[frame["ask_id"].isin(stale)]
    st.caption(how_many(len(frame), "ask"))
    if frame.empty:
        st.info(empty_list_sentence(as_of, tracked, ask_filter != AskFilter(), picked, stale_only))
        return
    shown = frame.assign(
        open="/asks?ask=" + frame["ask_id"].astype(str),
        last_checked=frame["last_checked"].fillna(tables.NOT_CHECKED),
    )
    tables.show(
        shown,
        {
            "title": tables.title_column(),
            "label": tables.status_column(),
            # (the same header words as the CSV's, which adds what only the file has)
            **{key: tables.ASKS_CSV[key] for key in ON_SCREEN},
            "open": st.column_config.LinkColumn("Open", display_text="Open"),
        },
        **titles.layout(shown["title"]),
    )
    # the download carries each entry's note and evidence too (read on click, not per rerun)
    listed = frame["ask_id"]

    def asks_csv():
        full = current_status(db(), as_of, track=track, ask_filter=ask_filter, notes=True)
        full = full[full["ask_id"].isin(listed)]
        checked = full["last_checked"].fillna(tables.NOT_CHECKED)
        return tables.labelled(full.assign(last_checked=checked), tables.ASKS_CSV)

    csv_download(asks_csv, "asks.csv", key="dl_asks")
    open_item("ask", _pick_ask(frame))


guard("read_internal")
one_or_list("ask", ask_page, ask_list)
