"""Public progress: what donors may see. Public entries only: no internal notes or evidence,
no owners, no users, no audit log. Staff see it too, as a preview."""

import streamlit as st

from tracker import dashboard, figures, indicators, report
from tracker.auth import can
from tracker.filters import AskFilter, filter_options
from tracker.mix import status_mix
from tracker.standing import STALE_DAYS, public_asks, status_counts
from webapp import downloads, snapshot_view, tables, tiles, titles
from webapp.common import (
    as_of_picker,
    csv_download,
    figure,
    plain,
    read,
)

st.title("Progress on our asks")
as_of = as_of_picker().isoformat()
if can("read_internal"):
    st.info("This is what donors see: public entries only.", icon=":material/visibility:")
themes = read(filter_options)["themes"]
if not themes:
    st.info("Nothing has been published yet.")
    st.stop()
chosen = st.multiselect("Themes", themes, key="public_themes", placeholder="All themes")
ask_filter = AskFilter(themes=tuple(chosen))
st.caption(f"As of {as_of}, from published updates only.")

now, change = read(dashboard.kpis_with_change, as_of, ask_filter=ask_filter, public_only=True)
if now.asks == 0:
    st.info(
        f"No asks to show as of {as_of}"
        + (" in these themes" if chosen else "")
        + ": pick a later date"
        + (" or other themes." if chosen else ".")
    )
    st.stop()
DAYS = STALE_DAYS  # the change window, as on the dashboard
tiles.headline_counts(now, change, DAYS)  # the dashboard's tiles and words

left, right = st.columns(2)
with left:
    mix = read(status_mix, as_of, ask_filter=ask_filter, public_only=True)
    downloads.chart_with_table(
        figure(figures.status_mix_area, mix),
        mix,
        tables.MIX_COLUMNS,
        "status mix",
        key="public_mix",
    )
with right:
    counts = read(status_counts, as_of, ask_filter=ask_filter, by="theme", public_only=True)
    downloads.chart_with_table(
        figure(figures.status_breakdown_bars, counts, "theme"),
        counts[counts["count"] > 0],
        {"group": "Theme", "label": "Status", "count": "Asks"},
        "by theme",
        key="public_by_theme",
    )

st.subheader("Each ask")
asks = read(public_asks, as_of, ask_filter=ask_filter)
tables.show(asks, snapshot_view.ASK_COLUMNS, **titles.layout(asks["title"]))
# the columns and headers of a snapshot's "Each ask" CSV: labels in words, no codes
csv_download(tables.labelled(asks, report.HEADERS["asks"]), "public-asks.csv", key="dl_public_asks")

st.subheader("Indicators")
TILES = 8
table = read(indicators.list_indicators, as_of)
if table.empty:
    st.write("No indicators yet.")
else:
    # a tile each for the first few; with many indicators, one table holds them all
    tiles.indicator_tiles(table.head(TILES), read(indicators.sparklines, as_of))
    if len(table) > TILES:
        st.caption(f"The first {TILES} of {len(table):,} indicators; all of them:")
        columns = tables.indicator_columns(latest_date="As of", target_value="Target", unit="Unit")
        tables.show(table, columns)
    picked = st.selectbox(
        "Chart an indicator",
        table["indicator_id"].tolist(),
        format_func=dict(zip(table["indicator_id"], table["name"], strict=True)).get,
        key="public_indicator",
    )
    series = read(indicators.indicator_series, picked, as_of)[["date", "value", "source_url"]]
    info = table[table["indicator_id"] == picked].iloc[0].to_dict()
    if series.empty:  # an indicator first observed after the as-of date: said, not charted
        st.info(f"No value of {plain(info['name'])} was observed by {as_of}.")
    else:
        downloads.chart_with_table(  # its CSV with plain numbers: 1296, not 1296.0
            figure(figures.indicator_figure, series.assign(note=""), info),
            series,
            {"date": "Date", "value": "Value", "source_url": "Source"},
            "observations",
            key=f"public_ind_{picked}",
        )
