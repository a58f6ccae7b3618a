"""Leadership's dashboard: where we stand, what changed, what needs attention."""

import datetime as dt

import pandas as pd
import streamlit as st

from tracker import dashboard, figures, indicators, methodology, report, vocabulary
from tracker.changes import readable_feed, status_change_feed
from tracker.db import connect, is_empty
from tracker.filters import AskFilter, filter_options
from tracker.standing import STALE_DAYS, stale_asks, status_counts
from webapp import downloads, tables, tiles, titles
from webapp.access import guard
from webapp.common import (
    csv_download,
    db,
    db_path,
    empty_database_notice,
    figure,
    plain,
    read,
    sidebar_filters,
)

guard("read_internal")
st.title("Dashboard")
if is_empty(db()):
    empty_database_notice()
    st.stop()

ask_filter, start, end = sidebar_filters(read(filter_options))
as_of = end.isoformat()
st.caption(
    f"As of {as_of}, charts from {start.isoformat()}. Filters in the sidebar apply to every "
    "chart, and the page's link keeps them: copy it to share this view."
)

now, change = read(dashboard.kpis_with_change, as_of, ask_filter=ask_filter)
if now.asks == 0:
    filtered = ask_filter != AskFilter()
    st.info(
        f"No asks match these filters as of {as_of}. Clear a filter or pick a later date in "
        "the sidebar to see more."
        if filtered
        else f"No asks were tracked yet as of {as_of}: pick a later As of date in the sidebar."
    )
    st.stop()

DAYS = STALE_DAYS  # the window of the changes and of "stale" (tracker.dashboard)


def shift(value):
    """A tile's change, shown only when there is one: no "0", and none at all when nothing
    was tracked {DAYS} days earlier (``change`` is then None throughout)."""
    return None if value is None or value == 0 else value


# the words of the public page and of a snapshot's report, each tile's help saying which
# outcome statuses it counts; "Checked recently" joins the row
counted, _ = report.headline_buckets(read(vocabulary.statuses, "outcome").to_dict("records"))
helps = {
    key: f"Asks whose outcome is {report.joined(labels)}. "
    for key, labels in counted.items()
    if labels
}
headline, against = tiles.headline_counts(now, change, DAYS, helps)
share = now.verified_share
share_change = shift(change["verified_share"])
if share_change is not None and round(share_change * 100) == 0:
    share_change = None
headline.metric(
    "Checked recently",
    "—" if share is None else f"{share:.0%}",
    None if share_change is None else f"{share_change * 100:+.0f} pts",
    help=f"Share of asks with an update or verification in the {DAYS} days before the as-of "
    f"date. {against}",
    width="content",
)

mix, overall, by_theme = read(
    dashboard.progress_over_time, as_of, ask_filter=ask_filter, since=start.isoformat()
)
left, right = st.columns(2)
with left:
    downloads.chart_with_table(
        figure(figures.status_mix_area, mix),
        mix,
        tables.MIX_COLUMNS,
        "status mix",
        key="mix",
    )
with right:
    downloads.chart_with_table(  # its CSV's index to four places: 0.3667
        figure(figures.progress_index_lines, overall, by_theme),
        by_theme,
        {
            "month": "Month",
            "group": "Theme",
            "progress_index": "Progress index (0–1)",
            "assessed": "Assessed asks",
        },
        "progress index by theme",
        key="progress",
        places=4,
    )
    st.caption(methodology.PROGRESS_INDEX_LINE)

left, right = st.columns(2)
for column, by in ((left, "theme"), (right, "target")):
    with column:
        counts = read(status_counts, as_of, ask_filter=ask_filter, by=by)
        downloads.chart_with_table(
            figure(figures.status_breakdown_bars, counts, by),
            counts[counts["count"] > 0],
            {"group": by.capitalize(), "label": "Status", "count": "Asks"},
            f"by {by}",
            key=f"by_{by}",
        )

ARROWS = {"up": "↑", "down": "↓", "level": "→"}
NOTE_LINES, NOTE_CHARS = 3, 280  # a note in a list: its first lines, then a link to it


def folded_note(note, link: str) -> str:
    """A note as a list shows it: the first few lines (at most NOTE_CHARS characters), and
    a link to the whole entry when there is more, so one long note cannot fill the page."""
    text = "" if note is None or (isinstance(note, float) and pd.isna(note)) else str(note)
    lines = text.strip().splitlines()
    short = "\n".join(lines[:NOTE_LINES])[:NOTE_CHARS]
    if len(short) >= len(text.strip()):
        return plain(short)
    return plain(short.rstrip() + " …") + f" [Read the whole entry]({link})"


st.subheader("What changed")
window = st.segmented_control(
    "Changes over",
    ["Last 30 days", "The whole period"],
    default="Last 30 days",
    key="changes_window",
)
since = (end - dt.timedelta(days=30)) if window != "The whole period" else start
st.caption(f"Status changes effective after {since.isoformat()} up to {as_of}.")
feed = read(status_change_feed, since.isoformat(), as_of, ask_filter=ask_filter)
if feed.empty:
    st.write(
        "No status changed in the last 30 days: choose *The whole period* above to see earlier "
        "changes."
        if window != "The whole period"
        else f"No status changed from {since.isoformat()} to {as_of}: move *Charts from* in "
        "the sidebar to an earlier date to see earlier changes."
    )
else:
    for row in feed.head(50).itertuples():
        arrow = ARROWS[row.direction]
        before = row.previous_label if isinstance(row.previous_label, str) else "first assessment"
        track = "" if row.track == "outcome" else " (response)"
        st.markdown(
            f"**{row.effective_date}** {arrow} [{plain(row.title)}](/asks?ask={row.ask_id}) "
            f"— {plain(before)} → **{plain(row.label)}**{track}  \n"
            + folded_note(row.note, f"/asks?ask={row.ask_id}&entry={row.id}")
        )
    if len(feed) > 50:
        st.caption(f"Showing 50 of {len(feed):,} changes; the CSV has them all.")
    csv_download(readable_feed(feed), "status-changes.csv", key="dl_feed")
ind_changes = read(indicators.indicators_moved_between, since.isoformat(), as_of)
if not ind_changes.empty:
    # headed, assessed in words, and both values numbers (a gap a dash): through
    # tables.show, "Before" with a gap turned to left-aligned text beside a right-aligned "Now"
    st.markdown(f"**Indicators that moved** ({len(ind_changes):,})")
    shown = ind_changes.assign(
        assessment=ind_changes["assessment"]
        .map(indicators.ASSESSMENT_LABELS)
        .fillna(ind_changes["assessment"])
    )[["name", "latest_value_before", "latest_value", "latest_date", "assessment"]]
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config={
            "name": tables.title_column("Indicator"),
            "latest_value_before": st.column_config.NumberColumn("Before", format="localized"),
            "latest_value": st.column_config.NumberColumn("Now", format="localized"),
            "latest_date": "Dated",
            "assessment": "Assessment",
        },
        **titles.layout(shown["name"]),
    )

st.subheader("Needs attention")
# one table above the other: side by side, half a 1280 px page cut their titles and dates
left, right = st.container(), st.container()
with left:
    stale_count, stale, backwards = read(dashboard.needs_attention, as_of, ask_filter=ask_filter)
    st.markdown(f"**Not checked in {DAYS} days** ({stale_count:,})")
    if stale.empty:
        # (an ask never checked is due from the day it was added)
        st.write(f"Every open ask was added or checked in the last {DAYS} days.")
    else:
        tables.show(
            stale.assign(last_checked=stale["last_checked"].fillna(tables.NOT_CHECKED)),
            {
                "title": tables.title_column(),
                "label": tables.status_column(),
                "last_checked": "Last checked",
                "days_since_checked": "Days since",
                "owner": "Owner",
                "ask_id": "Ask #",
            },
            **titles.layout(stale["title"]),
        )
        if stale_count > len(stale):
            st.caption(f"The {len(stale):,} stalest of {stale_count:,}; the CSV has them all.")

        def stale_csv():
            every = stale_asks(connect(db_path()), as_of, ask_filter=ask_filter, notes=True)
            checked = every["last_checked"].fillna(tables.NOT_CHECKED)
            return tables.labelled(every.assign(last_checked=checked), tables.STALE_CSV)

        csv_download(stale_csv, "stale-asks.csv", key="dl_stale")
with right:
    st.markdown(f"**Moved backwards in the last {DAYS} days** ({len(backwards):,})")
    if backwards.empty:
        st.write("No ask moved backwards.")
    else:
        tables.show(
            backwards,
            {
                "title": tables.title_column(),
                "label_before": "Was",
                "label_after": "Now",
                "last_update": "Changed on",
                "ask_id": "Ask #",
            },
            **titles.layout(backwards["title"]),
        )

st.subheader("Indicators")
table = read(indicators.list_indicators, as_of)
lines = read(indicators.sparklines, as_of)
TILES = 8
if table.empty:
    st.info(
        "No indicators yet. Add one with `tracker add-indicator --name ... --direction "
        "higher|lower`, then record values with `tracker observe`."
    )
elif len(table) > TILES:
    st.caption(f"The first {TILES} of {len(table):,} indicators; the Indicators page has them all.")
    table = table.head(TILES)
tiles.indicator_tiles(table, lines)
