"""A snapshot as files: one self-contained HTML report (Plotly's JS embedded once, no network
requests, prints cleanly), a PDF printed from it by headless Chromium, XLSX and CSV tables."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

import jinja2
import pandas as pd
import plotly.io as pio

from tracker import figures, methodology
from tracker.errors import TrackerError
from tracker.indicators import DIRECTION_LABELS
from tracker.numbers import plain_numbers, readable
from tracker.spreadsheets import csv_bytes, xlsx_bytes
from tracker.standing import PUBLIC_ASK_COLUMNS

# The snapshot's tables, each a CSV download (``NAME.csv``) and a sheet of the XLSX, holding
# only the columns TABLE_COLUMNS names, so no owner or internal field can slip in.
TABLES = {
    "asks": "Each ask",
    "indicators": "Indicators",
    "changes": "What changed",  # since the previous snapshot of the same scope
    "status-mix": "Status mix over time",
    "status-by-theme": "Status by theme",
    "progress-by-theme": "Progress by theme",
    "indicator-values": "Indicator values",
}
TABLE_COLUMNS = {
    "asks": [c for c in PUBLIC_ASK_COLUMNS if c not in ("ask_id", "colour", "score")],
    "indicators": [
        "name",
        "unit",
        "direction",
        "baseline_value",
        "baseline_date",
        "latest_value",
        "latest_date",
        "target_value",
        "target_date",
        "progress_status",
        "progress_label",
        "progress_pct",
        "source",
    ],
    "changes": ["kind", "title", "from", "to"],
    "status-mix": ["month", "status", "label", "count"],
    "status-by-theme": ["theme", "status", "label", "count"],
    "progress-by-theme": ["theme", "progress_index", "assessed", "asks"],
    "indicator-values": ["indicator", "date", "value", "source_url"],
}
# ... and each table as donors read it (its CSV and sheet): labels under headers in words, no
# status codes beside them, no colours or scores
HEADERS = {
    "asks": {
        "title": "Ask",
        "theme": "Theme",
        "target": "Target",
        "country": "Country",
        "label": "Status",
        "since": "Since",
        "last_update": "Last update",
        "last_note": "Latest public note",
        "last_evidence": "Evidence",
    },
    "indicators": {
        "name": "Indicator",
        "unit": "Unit",
        "direction": "Better when",
        "baseline_value": "Baseline",
        "baseline_date": "Baseline date",
        "latest_value": "Latest value",
        "latest_date": "Latest date",
        "target_value": "Target",
        "target_date": "Target date",
        "progress_label": "Progress status",
        "progress_pct": "% of the way to target",
        "source": "Source",
    },
    "changes": {"kind": "Change", "title": "Ask or indicator", "from": "From", "to": "To"},
    "status-mix": {"month": "Month", "label": "Status", "count": "Asks"},
    "status-by-theme": {"theme": "Theme", "label": "Status", "count": "Asks"},
    "progress-by-theme": {
        "theme": "Theme",
        "progress_index": "Progress index (0–1)",
        "assessed": "Assessed asks",
        "asks": "Asks",
    },
    "indicator-values": {
        "indicator": "Indicator",
        "date": "Date",
        "value": "Value",
        "source_url": "Source",
    },
}
# the headline figures (dashboard.kpis; a status's bucket in data/statuses.json), in the
# words every page, the report and its summary sheet use for them
HEADLINE_LABELS = {
    "asks": "Asks tracked",
    "achieved": "Achieved",
    "moving": "In progress or partly achieved",
    "stuck": "Stalled or reversed",
}
# the XLSX's summary sheet, headed in the words the report's headline uses
SUMMARY_HEADERS = {
    "title": "Title",
    "as_of": "As of",
    "scope_label": "Scope",
    "narrative": "Narrative",
    **HEADLINE_LABELS,
}
CHANGE_KINDS = {
    "up": "Moved forward",
    "down": "Moved back",
    "changed": "Changed",
    "new": "New ask",
    "indicator": "Indicator",
}
CSV_TABLES = tuple(f"{name}.csv" for name in TABLES)
KINDS = ("html", "pdf", "xlsx", *CSV_TABLES)
# Chromium without a sandbox (servers run it as root), a GPU or any network of its own
CHROMIUM_QUIET = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ExportUnavailable(TrackerError):
    """This export cannot be made on this machine (e.g. no Chromium for PDF)."""


def shown(value) -> str:
    """A value as a report shows it: a dash for nothing, numbers as people read them
    (1,234,567 and 3.2: ``numbers.readable``), text as it is."""
    return readable(value)


TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("tracker", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
TEMPLATES.filters["shown"] = shown


def mix_frame(content: dict) -> pd.DataFrame:
    """The stored status mix back as a full month x status grid (zeros restored)."""
    mix = pd.DataFrame(content["status_mix"])
    if mix.empty:
        return pd.DataFrame(columns=["month", "status", "label", "colour", "count"])
    order = pd.DataFrame(content["status_order"])
    months = sorted(mix["month"].unique())
    grid = pd.MultiIndex.from_product([months, order["code"]], names=["month", "status"])
    full = mix.set_index(["month", "status"])["count"].reindex(grid, fill_value=0).reset_index()
    full = full.merge(order.rename(columns={"code": "status"}), on="status")
    return full[full["status"].isin(set(mix["status"]))]  # statuses some month has


# no fixed width: each chart takes its page's width (a phone's 375 px, a desktop's 960), and
# white paper; printing narrows it to PRINT_WIDTH (see report.html), which fits A4 and Letter
# (a right margin for half a date: a wide chart may put its last date tick at its edge)
PRINT_LAYOUT = dict(
    autosize=True, margin=dict(r=40), paper_bgcolor="#ffffff", plot_bgcolor="#ffffff"
)
PRINT_WIDTH = 680  # px at 96 an inch: A4's and Letter's width inside Chromium's margins
# and Plotly's own template, named in each chart's spec: once the app has drawn a chart,
# Streamlit's template is the default, whose axes cut long tick labels off
PRINT_TEMPLATE = pio.templates["plotly"].to_plotly_json()


def print_spec(fig) -> dict:
    """The figure as the report writes it, with Plotly's own template."""
    spec = fig.to_dict()
    spec["layout"]["template"] = PRINT_TEMPLATE
    return spec


def headline_figures(content: dict, layout: dict) -> tuple[object, object | None]:
    """The status mix and by-theme (None: no public ask) charts, from frozen content only."""
    mix = figures.status_mix_area(mix_frame(content), title="").update_layout(**layout)
    by_theme = pd.DataFrame(content["by_theme"])
    if by_theme.empty:
        return mix, None
    return mix, figures.status_breakdown_bars(by_theme, "theme", title="").update_layout(**layout)


def indicator_figures(
    content: dict, layout: dict, ids: Iterable[int] | None = None
) -> list[tuple[dict, object]]:
    """A chart per indicator of the content with two observations or more (only ``ids``,
    when given): a line through one point says nothing (see ``single_observation``)."""
    wanted = None if ids is None else {int(i) for i in ids}
    charts = []
    for ind in content["indicators"]:
        series = content["indicator_series"].get(str(ind["indicator_id"]))
        if series and len(series) > 1 and (wanted is None or int(ind["indicator_id"]) in wanted):
            frame = pd.DataFrame(series).assign(note="")
            charts.append((ind, figures.indicator_figure(frame, ind).update_layout(**layout)))
    return charts


def single_observation(content: dict, indicator_id: int) -> dict | None:
    """The indicator's one observation (date, value, source_url) when it has just one: shown
    as a sentence with its date and source, not as a chart."""
    series = content["indicator_series"].get(str(int(indicator_id))) or []
    return series[0] if len(series) == 1 else None


def joined(labels: list[str], word: str = "or") -> str:
    """Labels as a sentence lists them: "A", "A or B", "A, B or C"."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} {word} {labels[-1]}"


def headline_buckets(outcomes: list[dict]) -> tuple[dict[str, list[str]], list[str]]:
    """Which outcome statuses (``outcomes``: records with ``label`` and ``bucket``, the
    vocabulary's) each headline figure counts, by figure, and those counted in none of them
    but asks tracked: the one reading of data/statuses.json's buckets that the dashboard, the
    methodology page and every snapshot say in words."""
    counted = {
        key: [s["label"] for s in outcomes if s.get("bucket") == key]
        for key in HEADLINE_LABELS
        if key != "asks"
    }
    none = [s["label"] for s in outcomes if s.get("bucket") not in HEADLINE_LABELS]
    return counted, none


def headline_counts(content: dict) -> dict | None:
    """What each headline figure counts, from the snapshot's own vocabulary: ``figures``
    (label, its statuses' labels joined) and ``none`` (the statuses counted in none but asks
    tracked, joined). None for a snapshot published before it kept the buckets."""
    vocabulary = content["vocabulary"]
    if not any("bucket" in status for status in vocabulary):
        return None
    counted, none = headline_buckets(vocabulary)
    figures = [  # a figure named as its one status (Achieved) needs no sentence
        (HEADLINE_LABELS[key], joined(labels))
        for key, labels in counted.items()
        if labels and labels != [HEADLINE_LABELS[key]]
    ]
    return {"figures": figures, "none": joined(none, "and") if none else ""}


def render_html(content: dict) -> str:
    """One self-contained HTML file from ``templates/report.html`` (Plotly's JS inline once)."""

    def chart_div(fig, first: bool) -> str:
        div = pio.to_html(
            print_spec(fig),
            validate=False,  # a figure already, validated as it was built
            full_html=False,
            include_plotlyjs=first,  # Plotly's JS once, with the first chart
            # responsive: drawn at, and redrawn with, its container's width
            config={"displaylogo": False, "displayModeBar": False, "responsive": True},
        )
        return f'<div class="chart">{div}</div>'

    mix_fig, by_theme_fig = headline_figures(content, PRINT_LAYOUT)
    return TEMPLATES.get_template("report.html").render(
        content=content,
        headline=HEADLINE_LABELS,
        counts=headline_counts(content),
        print_width=PRINT_WIDTH,
        progress_index_line=methodology.PROGRESS_INDEX_LINE,
        method=methodology.of_snapshot(content),  # as published, not as the code says today
        mix_chart=chart_div(mix_fig, first=True),
        by_theme_chart=chart_div(by_theme_fig, first=False) if by_theme_fig is not None else "",
        indicator_views=indicator_views(content, chart_div),
    )


def indicator_views(content: dict, chart_div) -> list[dict]:
    """Each indicator with observations, in the content's order: its chart (``chart_div``'s
    HTML) or, with one observation, that observation."""
    charts = {
        ind["indicator_id"]: chart_div(fig, first=False)
        for ind, fig in indicator_figures(content, PRINT_LAYOUT)
    }
    views = []
    for ind in content["indicators"]:
        single = single_observation(content, ind["indicator_id"])
        if single or ind["indicator_id"] in charts:
            views.append(
                {
                    "name": ind["name"],
                    "unit": ind.get("unit") or "",
                    "chart": charts.get(ind["indicator_id"], ""),
                    "single": single,
                }
            )
    return views


def chromium_path() -> str | None:
    """Debian's Chromium (or $CHROMIUM), if this machine has it."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def render_pdf(html_text: str, timeout: float = 120) -> bytes:
    """Print the HTML report to PDF with headless Chromium."""
    browser = chromium_path()
    if browser is None:
        raise ExportUnavailable(
            "PDF export needs Chromium, which is not installed on this server: download the "
            "HTML report and print it from your browser instead."
        )
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        out = Path(folder) / "report.pdf"
        page.write_text(html_text, encoding="utf-8")
        try:
            result = subprocess.run(
                [
                    browser,
                    "--headless",
                    *CHROMIUM_QUIET,
                    "--no-pdf-header-footer",
                    "--virtual-time-budget=10000",  # the charts drawn before printing
                    # the charts laid out at a printed page's width, not a screen's
                    f"--window-size={PRINT_WIDTH + 32},1200",
                    f"--user-data-dir={folder}/profile",
                    f"--print-to-pdf={out}",
                    page.as_uri(),
                ],
                capture_output=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise ExportUnavailable(
                f"Chromium did not finish printing the PDF in {timeout:.0f} s: try again, or "
                "download the HTML report and print it from your browser."
            ) from None
        if not out.exists() or out.stat().st_size == 0:
            raise ExportUnavailable(
                "Chromium could not print the report to PDF: "
                + result.stderr.decode("utf-8", "replace").strip()[-300:]
            )
        return out.read_bytes()


def _frame(rows: list[dict], name: str, rename: dict | None = None) -> pd.DataFrame:
    """``rows`` as table ``name``: its columns only, in order (headers even when empty)."""
    frame = pd.DataFrame(rows).rename(columns=rename or {})
    return frame.reindex(columns=TABLE_COLUMNS[name])


def tables(content: dict) -> dict[str, pd.DataFrame]:
    """The snapshot's tables (TABLES), as donors may see them, from its frozen content."""
    changes = content["changes"]
    change_rows = [
        {"kind": kind, **row}
        for kind in ("up", "down", "changed", "new")
        for row in changes.get(kind, [])
    ] + [
        {"kind": "indicator", "title": row["name"], "from": row.get("from"), "to": row.get("to")}
        for row in changes.get("indicators", [])
    ]
    names = {str(i["indicator_id"]): i["name"] for i in content["indicators"]}
    values = [
        {"indicator": names.get(key, key), **row}
        for key, rows in content["indicator_series"].items()
        for row in rows
    ]
    theme = {"group": "theme"}
    inds = _frame(content["indicators"], "indicators")
    frames = {
        "asks": _frame(content["asks"], "asks"),
        "indicators": inds.assign(direction=inds["direction"].map(DIRECTION_LABELS)),
        "changes": _frame(change_rows, "changes").assign(
            kind=lambda f: f["kind"].map(CHANGE_KINDS)
        ),
        "status-mix": _frame(content["status_mix"], "status-mix"),
        "status-by-theme": _frame(content["by_theme"], "status-by-theme", theme),
        "progress-by-theme": _frame(content["progress_by_theme"], "progress-by-theme", theme).round(
            {"progress_index": 4}  # 0.2, not 0.20000000000000004
        ),
        "indicator-values": _frame(values, "indicator-values"),
    }
    return {
        name: plain_numbers(frame[list(HEADERS[name])]).rename(columns=HEADERS[name])
        for name, frame in frames.items()
    }


def export(
    content: dict,
    kind: str,
    *,
    html: str | None = None,
    frames: dict[str, pd.DataFrame] | None = None,
) -> bytes:
    """Bytes of one export: html, pdf, xlsx (every table), or one table's CSV (CSV_TABLES).
    ``frames``: the content's ``tables``, when several exports are made from one content."""
    if kind == "html":
        return (html or render_html(content)).encode("utf-8")
    if kind == "pdf":
        return render_pdf(html or render_html(content))
    frames = frames if frames is not None else tables(content)
    if kind == "xlsx":
        summary = pd.DataFrame([{**content, **content["kpis"]}])[list(SUMMARY_HEADERS)]
        sheets = {"summary": summary.rename(columns=SUMMARY_HEADERS)}
        sheets |= {n.replace("-", " "): f for n, f in frames.items()}
        return xlsx_bytes(sheets)
    if kind in CSV_TABLES:
        return csv_bytes(frames[kind.removesuffix(".csv")])
    raise TrackerError(f"unknown export '{kind}': use one of {', '.join(KINDS)}.")
