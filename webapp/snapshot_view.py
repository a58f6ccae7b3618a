"""Showing a snapshot's frozen content in the app: the same content the HTML report holds, for
the donor's link, the list, and the publisher's preview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker import methodology, report, snapshots
from webapp.common import db, plain

APP_LAYOUT = {
    "width": None,
    "autosize": True,
    "paper_bgcolor": "rgba(0,0,0,0)",  # follow Streamlit's light or dark theme
    "plot_bgcolor": "rgba(0,0,0,0)",
}


def render(content: dict, *, key: str) -> None:
    """The report, from its frozen content only (never from live data)."""
    st.title(plain(content["title"]), anchor=False)
    st.caption(
        f"As of {content['as_of']} · Scope: {plain(content['scope_label'])} · Public entries only"
    )
    if content["narrative"]:
        st.info(plain(content["narrative"]), icon=":material/campaign:")
    k = content["kpis"]
    cols = st.columns(4)
    cols[0].metric("Asks tracked", k["asks"])
    cols[1].metric("Achieved", k["achieved"])
    cols[2].metric("In progress or partly achieved", k["moving"])
    cols[3].metric("Stalled or reversed", k["stuck"])
    mix_fig, by_theme_fig = report.headline_figures(content, APP_LAYOUT)
    st.subheader("Status mix over time")
    st.plotly_chart(mix_fig, width="stretch", key=f"{key}_chart_mix")
    if by_theme_fig is not None:
        st.subheader("By theme")
        st.plotly_chart(by_theme_fig, width="stretch", key=f"{key}_chart_by_theme")
    if content["progress_by_theme"]:
        st.dataframe(
            pd.DataFrame(content["progress_by_theme"]).rename(
                columns={"group": "theme", "progress_index": "progress index (0-1)"}
            ),
            hide_index=True,
            width="stretch",
        )

    st.subheader("What changed")
    changes = content["changes"]
    if not changes.get("previous"):
        st.write("This is the first snapshot of this scope.")
    else:
        st.caption(
            f"Since “{plain(changes['previous']['title'])}”, as of {changes['previous']['as_of']}."
        )
        for kind, label in (
            ("up", "Moved forward"),
            ("down", "Moved back"),
            ("changed", "Changed"),
            ("new", "New asks"),
            ("indicators", "Indicators"),
        ):
            rows = changes.get(kind) or []
            st.markdown(f"**{label}** ({len(rows)})")
            if rows:
                st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

    st.subheader("Each ask")
    asks = pd.DataFrame(content["asks"])
    if asks.empty:
        st.write("No asks in this snapshot.")
    else:
        st.dataframe(
            asks[["title", "theme", "target", "label", "since", "last_note", "last_evidence"]],
            hide_index=True,
            width="stretch",
            column_config={
                "label": "Status",
                "last_note": "Latest public note",
                "last_evidence": st.column_config.LinkColumn("Evidence"),
            },
        )
    st.subheader("Indicators")
    inds = pd.DataFrame(content["indicators"])
    series = content["indicator_series"]
    if inds.empty:
        st.write("No indicators in this snapshot.")
    else:
        st.dataframe(
            inds[
                [
                    "name",
                    "unit",
                    "baseline_value",
                    "latest_value",
                    "latest_date",
                    "target_value",
                    "progress_label",
                ]
            ],
            hide_index=True,
            width="stretch",
            column_config={"progress_label": "Progress status"},
        )
        charted = [i for i in content["indicators"] if str(i["indicator_id"]) in series]
        if charted:  # one chart at a time: a snapshot may hold hundreds of indicators
            names = {int(i["indicator_id"]): i["name"] for i in charted}
            picked = st.selectbox(
                "Chart an indicator", list(names), format_func=names.get, key=f"{key}_ind_pick"
            )
            for _, fig in report.indicator_figures(content, APP_LAYOUT, ids=[picked]):
                st.plotly_chart(fig, width="stretch", key=f"{key}_ind_{picked}")
    with st.expander("Methodology"):
        st.write(methodology.TRACKS)
        st.dataframe(pd.DataFrame(content["vocabulary"]), hide_index=True, width="stretch")
        st.write(methodology.PROGRESS_INDEX)
        st.write(methodology.INDICATOR_STATUS)
        st.write(methodology.SOURCES)


def downloads(snapshot_id: int, slug: str) -> None:
    """The report as files. Each is made once and kept, so every download is identical."""
    st.subheader("Download")
    cols = st.columns(4)
    files = (
        ("HTML report", "html", ".html", "text/html", ":material/download:"),
        (
            "Excel (XLSX)",
            "xlsx",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ":material/table:",
        ),
        ("Asks (CSV)", "asks.csv", "-asks.csv", "text/csv", ":material/csv:"),
    )
    for column, (label, kind, suffix, mime, icon) in zip(cols, files, strict=False):
        column.download_button(
            label,
            lambda kind=kind: snapshots.export_file(db(), snapshot_id, kind),
            f"{slug}{suffix}",
            mime,
            icon=icon,
            key=f"dl_{kind}_{snapshot_id}",
        )
    pdf_key = f"pdf_{snapshot_id}"
    if pdf_key not in st.session_state:
        if cols[3].button("Prepare PDF", icon=":material/picture_as_pdf:", key=f"mk_{pdf_key}"):
            with st.spinner("Printing the PDF with Chromium (a few seconds)..."):
                try:
                    st.session_state[pdf_key] = snapshots.export_file(db(), snapshot_id, "pdf")
                except report.ExportUnavailable as error:
                    st.warning(plain(error.message), icon=":material/print_disabled:")
            if pdf_key in st.session_state:
                st.rerun()
    else:
        cols[3].download_button(
            "PDF",
            st.session_state[pdf_key],
            f"{slug}.pdf",
            "application/pdf",
            icon=":material/picture_as_pdf:",
            key=f"dl_pdf_{snapshot_id}",
        )
