"""The snapshot's HTML report in a real browser: it opens from a file, draws its charts, and
makes no network request at all."""

from __future__ import annotations

import pytest
from browserkit import chromium

from tracker import snapshots

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
