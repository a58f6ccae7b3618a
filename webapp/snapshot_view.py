"""Showing a snapshot's frozen content in the app: the same content the HTML report holds, for
the donor's link, the list, and the publisher's preview."""

from __future__ import annotations

import sqlite3

import pandas as pd
import streamlit as st

from tracker import methodology, report, snapshots
from tracker.errors import TrackerError
from tracker.numbers import readable
from webapp import tables, titles
from webapp.common import db, plain

APP_LAYOUT = {
    "width": None,
    "autosize": True,
    "paper_bgcolor": "rgba(0,0,0,0)",  # follow Streamlit's light or dark theme
    "plot_bgcolor": "rgba(0,0,0,0)",
}


# the donor's list of asks: title and status first, so a phone shows both before scrolling
ASK_COLUMNS = {
    "title": tables.title_column(),
    "label": tables.status_column(),
    "since": "Since",
    "theme": "Theme",
    "target": "Target",
    "last_note": "Latest public note",
    "last_evidence": st.column_config.LinkColumn("Evidence"),
}


def render(content: dict, *, key: str) -> None:
    """The report, from its frozen content only (never from live data)."""
    st.title(plain(content["title"]), anchor=False)
    st.caption(
        f"As of {content['as_of']} · Scope: {plain(content['scope_label'])} · Public entries only"
    )
    if content["narrative"]:
        st.info(plain(content["narrative"]), icon=":material/campaign:")
    # the report's figures and words, in a row that wraps as the dashboard's (in four fixed
    # columns at 1024 px "In progress or partly achieved" was cut), then what each one counts
    row = st.container(horizontal=True, gap="medium")
    for name, label in report.HEADLINE_LABELS.items():
        row.metric(label, f"{content['kpis'][name]:,}", width="content")
    counts = report.headline_counts(content)
    if counts:
        said = [
            f"{label} counts the asks whose outcome is {statuses} on {content['as_of']}."
            for label, statuses in counts["figures"]
        ]
        if counts["none"]:
            said.append(f"{counts['none']}: counted in asks tracked only.")
        st.caption(plain(" ".join(said)))
    mix_fig, by_theme_fig = report.headline_figures(content, APP_LAYOUT)
    st.subheader("Status mix over time")
    st.plotly_chart(mix_fig, width="stretch", key=f"{key}_chart_mix")
    if by_theme_fig is not None:
        st.subheader("By theme")
        st.caption(f"Asks in each theme by status, as of {content['as_of']}.")
        st.plotly_chart(by_theme_fig, width="stretch", key=f"{key}_chart_by_theme")
    if content["progress_by_theme"]:
        st.markdown("**Progress index by theme**")
        st.caption(methodology.PROGRESS_INDEX_LINE)
        tables.show(
            pd.DataFrame(content["progress_by_theme"]).round({"progress_index": 2}),
            {
                "group": "Theme",
                "progress_index": "Progress index (0–1)",
                "assessed": "Assessed asks",
                "asks": "Asks",
            },
        )

    st.subheader("What changed")
    changes = content["changes"]
    if not changes.get("previous"):
        st.write("This is the first snapshot of this scope: the next one will say what changed.")
    else:
        st.caption(
            f"Since “{plain(changes['previous']['title'])}”, as of {changes['previous']['as_of']}."
        )
        moves = {"title": tables.title_column(), "from": "From", "to": "To"}
        for kind, label, columns in (
            ("up", "Moved forward", moves),
            ("down", "Moved back", moves),
            ("changed", "Changed", moves),
            ("new", "New asks", {"title": tables.title_column(), "to": "Status"}),
            (
                "indicators",
                "Indicators",
                {
                    "name": tables.title_column("Indicator"),
                    "from": "Before",
                    "from_date": "Dated",
                    "to": "Now",
                    "to_date": "Dated ",
                    "status": "Progress status",
                },
            ),
        ):
            rows = changes.get(kind) or []
            st.markdown(f"**{label}** ({len(rows)})")
            if rows:
                tables.show(pd.DataFrame(rows), columns)

    st.subheader("Each ask")
    asks = pd.DataFrame(content["asks"])
    if asks.empty:
        st.write("No asks in this snapshot.")
    else:
        tables.show(asks, ASK_COLUMNS, **titles.layout(asks["title"]))  # titles whole
    st.subheader("Indicators")
    inds = pd.DataFrame(content["indicators"])
    series = content["indicator_series"]
    if inds.empty:
        st.write("No indicators in this snapshot.")
    else:
        columns = tables.indicator_columns(
            baseline_value="Baseline", target_value="Target", unit="Unit"
        )
        tables.show(inds, columns, **titles.layout(inds["name"]))  # names whole
        charted = [i for i in content["indicators"] if str(i["indicator_id"]) in series]
        if charted:  # one chart at a time: a snapshot may hold hundreds of indicators
            names = {int(i["indicator_id"]): i["name"] for i in charted}
            picked = st.selectbox(
                "Chart an indicator", list(names), format_func=names.get, key=f"{key}_ind_pick"
            )
            for _, fig in report.indicator_figures(content, APP_LAYOUT, ids=[picked]):
                st.plotly_chart(fig, width="stretch", key=f"{key}_ind_{picked}")
            if single := report.single_observation(content, picked):
                unit = next(i.get("unit") or "" for i in charted if i["indicator_id"] == picked)
                source = f" Source: {plain(single['source_url'])}" if single["source_url"] else ""
                st.markdown(
                    f"One observation so far, so no chart: **{readable(single['value'])}** "
                    f"{plain(unit)} on {single['date']}.{source}"
                )
    with st.expander("Methodology"):
        method = methodology.of_snapshot(content)  # as published, like the HTML report
        st.write(method["tracks"])
        tables.show(
            pd.DataFrame(content["vocabulary"]),
            {"label": "Status", "description": "Meaning", "score": "Progress score"},
        )
        st.write(method["progress_index"])
        st.write(method["indicator_status"])
        st.write(method["sources"])


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREPARED = ("xlsx", *report.CSV_TABLES)  # made on the page, with a progress indicator


def prepare(snapshot_id: int) -> None:
    """Make the snapshot's spreadsheet and table files that are not kept yet (the first visit
    after publishing), showing progress file by file; later visits find them all kept."""
    missing = len(set(PREPARED) - snapshots.stored_kinds(db(), snapshot_id))
    if not missing:
        return
    names = {f"{name}.csv": f"{title} (CSV)" for name, title in report.TABLES.items()}
    names["xlsx"] = "the spreadsheet (XLSX)"
    with st.status("Preparing the downloads...", expanded=False) as status:
        try:
            for count, kind in enumerate(
                snapshots.prepare_files(db(), snapshot_id, PREPARED), start=1
            ):
                status.update(label=f"Preparing {names[kind]} ({count} of {missing})...")
        except (TrackerError, sqlite3.Error):
            status.update(
                label="Some files could not be prepared now: each is made when you click it.",
                state="error",
            )
            return
        status.update(label="Downloads ready", state="complete")


def downloads(snapshot_id: int, slug: str) -> None:
    """The report as files, and each of its tables as CSV, all from the frozen content. Each
    is made once and kept, so every download is identical."""
    st.subheader("Download")
    prepare(snapshot_id)

    def button(column, label: str, kind: str, file_name: str, mime: str, icon: str) -> None:
        column.download_button(
            label,
            # read on click (the button shows a spinner meanwhile), not on every rerun
            lambda: snapshots.export_file(db(), snapshot_id, kind),
            file_name,
            mime,
            icon=icon,
            key=f"dl_{kind}_{snapshot_id}",
            on_click="ignore",  # no rerun: it would re-register, and lose, the other files
        )

    cols = st.columns(3)
    button(cols[0], "HTML report", "html", f"{slug}.html", "text/html", ":material/download:")
    button(cols[1], "Excel (XLSX)", "xlsx", f"{slug}.xlsx", XLSX_MIME, ":material/table:")
    pdf_key = f"pdf_{snapshot_id}"
    if pdf_key not in st.session_state:
        if cols[2].button("Prepare PDF", icon=":material/picture_as_pdf:", key=f"mk_{pdf_key}"):
            with st.spinner("Printing the PDF with Chromium (a few seconds)..."):
                try:
                    st.session_state[pdf_key] = snapshots.export_file(db(), snapshot_id, "pdf")
                except report.ExportUnavailable as error:
                    st.warning(plain(error.message), icon=":material/print_disabled:")
                except (TrackerError, sqlite3.Error) as error:
                    reason = getattr(error, "message", str(error))
                    st.error(f"The PDF could not be made: {plain(reason)}")
            if pdf_key in st.session_state:
                st.rerun()
    else:
        cols[2].download_button(
            "PDF",
            st.session_state[pdf_key],
            f"{slug}.pdf",
            "application/pdf",
            icon=":material/picture_as_pdf:",
            key=f"dl_pdf_{snapshot_id}",
            on_click="ignore",
        )
    st.markdown("**Each table (CSV)**")
    cols = st.columns(4)
    for place, (name, title) in enumerate(report.TABLES.items()):
        button(
            cols[place % 4],
            title,
            f"{name}.csv",
            f"{slug}-{name}.csv",
            "text/csv",
            ":material/csv:",
        )
