"""The snapshot's HTML report in a real browser: it opens from a file, draws its charts, and
makes no network request at all."""

from __future__ import annotations

import contextlib
import shutil
import subprocess

import pytest
from browserkit import ROOT, chromium
from dbkit import add_ask
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tracker import records, snapshots

pytestmark = pytest.mark.browser


def test_html_report_renders_offline_with_zero_network_requests(demo_db, tmp_path):
    row = snapshots.publish(
        demo_db, "2025-12-31", title="End of 2025", narrative="Offline report check."
    )
    report_file = tmp_path / "report.html"
    report_file.write_bytes(snapshots.export_file(demo_db, row["id"], "html"))
    requests: list[str] = []
    with chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(report_file.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        page.wait_for_load_state("networkidle")
        charts = page.locator(".js-plotly-plot").count()
        drawn = page.locator(".js-plotly-plot .main-svg").count()
        heading = page.locator("h1").inner_text()
        context.close()
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert outside == []
    assert charts >= 3 and drawn >= charts  # status mix, by theme, indicators
    assert heading == "End of 2025"


LONG_THEME = "Accountability for the disappeared"  # long, yet under the 40 shown whole
# every tick label of every chart lies inside its chart (nothing clipped at the edges)
CLIPPED_LABELS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('.js-plotly-plot .main-svg:first-of-type')) {
    const box = svg.getBoundingClientRect();
    for (const label of svg.querySelectorAll('.xtick text, .ytick text')) {
      const r = label.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(label.textContent);
    }
  }
  return out;
}"""


def test_report_charts_clip_no_label_on_screen_or_in_print(demo_db, tmp_path):
    """The by-theme chart's left margin comes from its labels (a long theme too) and counts
    tick in whole numbers; checked in Chromium on the HTML, and the PDF (printed at its own
    width, so never shrunk) is turned into PNGs to look at."""
    ask = add_ask(
        demo_db, "Search commission for the disappeared", theme=LONG_THEME, letters=[(1, "")]
    )
    records.record_status_update(
        demo_db,
        ask,
        "in_progress",
        effective_date="2025-03-01",
        note="Set up.",
        visibility="public",
    )
    row = snapshots.publish(demo_db, "2025-12-31", title="Chart check", narrative="Charts.")
    shots = ROOT / "artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    report_file = tmp_path / "report.html"
    report_file.write_bytes(snapshots.export_file(demo_db, row["id"], "html"))
    with chromium() as browser:
        for width in (1200, 760):  # a desktop screen, and the width of a printed page
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(report_file.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg")
            # Plotly lays out again once it has measured the labels: wait for that
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(f"() => ({CLIPPED_LABELS})().length === 0", timeout=45_000)
            assert page.evaluate(CLIPPED_LABELS) == [], width
            ticks = (
                page.locator(".js-plotly-plot").nth(1).locator(".xtick text").all_text_contents()
            )
            assert ticks and all(t.replace(",", "").isdigit() for t in ticks), ticks
            assert LONG_THEME in page.locator(".js-plotly-plot").nth(1).text_content()
            page.screenshot(path=str(shots / f"report-html-{width}.png"), full_page=True)
            page.close()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(snapshots.export_file(demo_db, row["id"], "pdf"))
    if shutil.which("pdftoppm"):  # poppler-utils: the PDF as PNGs, to look at
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "3",
                str(pdf),
                str(shots / "report-pdf"),
            ],
            check=True,
        )
        assert list(shots.glob("report-pdf-*.png"))


# the page's width and each chart's, as the browser lays them out
WIDTHS = """() => ({
  page: document.documentElement.scrollWidth,
  charts: [...document.querySelectorAll('.js-plotly-plot .main-svg:first-of-type')]
    .map(svg => svg.getBoundingClientRect().width),
})"""


def test_report_fits_a_phone_and_fills_a_desktop(demo_db, tmp_path):
    """QA (donor view): the charts had a fixed 700 px width, so at 375 px the page was ~716 px
    wide and scrolled sideways. They follow the page's width: no wider than a phone at 375 px,
    wider than 700 px at 1280 px. Screenshots of both are kept to look at."""
    row = snapshots.publish(demo_db, "2025-12-31", title="Phone check", narrative="Widths.")
    report_file = tmp_path / "report.html"
    report_file.write_bytes(snapshots.export_file(demo_db, row["id"], "html"))
    shots = ROOT / "artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        for width in (375, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(report_file.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg")
            page.wait_for_load_state("networkidle")
            measured = page.evaluate(WIDTHS)
            page.screenshot(path=str(shots / f"report-width-{width}.png"), full_page=True)
            page.close()
            assert measured["page"] <= width, (width, measured)
            assert measured["charts"] and all(w <= width for w in measured["charts"]), measured
            if width == 1280:
                assert all(w > 720 for w in measured["charts"]), measured


# every chart title's lines lie inside its chart, left to right (2 px for a glyph's overhang)
CLIPPED_TITLES = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('.js-plotly-plot .main-svg')) {
    const box = svg.getBoundingClientRect();
    for (const title of svg.querySelectorAll('.gtitle')) {
      const r = title.getBoundingClientRect();
      if (r.width && (r.left < box.left - 2 || r.right > box.right + 2))
        out.push(title.textContent);
    }
  }
  return out;
}"""
LONG_INDICATOR = "People disappeared and not located (RNPDNO)"  # the demo's longest name


def test_report_chart_titles_fit_a_phone(demo_db, tmp_path):
    """QA 2026-12-03: at 375 px an indicator chart's title ran off its chart ("Journalists
    killed in Mexico per year (RSF" and no more): Plotly never wraps a title, and the report's
    template drew it larger than the app does. Each title's lines fit at 375 px."""
    row = snapshots.publish(demo_db, "2025-12-31", title="Titles", narrative="Phone titles.")
    report_file = tmp_path / "report.html"
    report_file.write_bytes(snapshots.export_file(demo_db, row["id"], "html"))
    shots = ROOT / "artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(report_file.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        page.wait_for_load_state("networkidle")
        titles = page.locator(".js-plotly-plot .gtitle").all_text_contents()
        clipped = page.evaluate(CLIPPED_TITLES)
        page.screenshot(path=str(shots / "report-titles-375.png"), full_page=True)
        page.close()
    assert any(t.startswith("People disappeared") for t in titles), titles
    assert clipped == []
