"""Downloads clicked one after another, as a person fetching every file of a snapshot does, in
Debian's Chromium against ``streamlit run``: each click gives its file (QA 23: a download that
reran the page re-registered every deferred file, so a second click a moment later pointed at
a file the server no longer had, and nothing came)."""

from __future__ import annotations

import csv

import pytest
from browserkit import download, sign_in, streamlit_server, wait_for_app
from dbkit import SETUP, demo_database

from tracker import snapshots
from tracker.auth import acting_as
from tracker.db import open_db

pytestmark = pytest.mark.browser
PASSWORD = "a long download password"
LEADER = "lena@example.org"
# the snapshot's files, in the order a person clicks them (labels as the page shows them)
FILES = [
    "HTML report",
    "Excel (XLSX)",
    "Each ask",
    "Indicators",
    "What changed",
    "Status mix over time",
    "Status by theme",
    "Progress by theme",
    "Indicator values",
]
# between clicks: a person's quick clicks on a loaded machine; before the fix, on an idle one,
# 4 of the 9 files never came at this pace (each click's rerun moved the others' files)
GAP_MS = 100


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The demo data, a leader and one published snapshot: the server's URL and its token."""
    folder = tmp_path_factory.mktemp("downloads")
    db_file = demo_database(folder / "demo.db", [(LEADER, "leadership", "Lena")], PASSWORD)
    db = open_db(db_file)
    with acting_as(SETUP):
        row = snapshots.publish(db, "2024-12-31", title="End of 2024", narrative="Downloads.")
    db.close()
    with streamlit_server(db_file, folder) as url:
        yield url, row["token"]


def test_downloads_clicked_in_quick_succession_each_give_their_file(app, browser, tmp_path):
    url, token = app
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    sign_in(page, LEADER, PASSWORD, f"{url}/snapshots?snapshot={token}")
    page.get_by_role("heading", name="End of 2024").wait_for()
    wait_for_app(page)
    arrived = []
    page.on("download", lambda download: arrived.append(download))
    for label in FILES:  # never waiting for the page to settle in between
        page.get_by_role("button", name=label, exact=True).click()
        page.wait_for_timeout(GAP_MS)
    for _ in range(60):  # the slowest file, on a loaded machine, is the XLSX
        if len(arrived) == len(FILES):
            break
        page.wait_for_timeout(1000)
    names = sorted(file.suggested_filename for file in arrived)
    assert len(names) == len(FILES), f"only {names} of {FILES} arrived"
    for file in arrived:
        saved = tmp_path / file.suggested_filename
        file.save_as(saved)
        assert saved.stat().st_size > 0
    assert any(name.endswith(".html") for name in names)
    assert any(name.endswith(".xlsx") for name in names)
    assert sum(name.endswith(".csv") for name in names) == 7
    context.close()


def csv_rows(saved) -> list[dict]:
    with open(saved, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_leadership_csvs_hold_plain_numbers(app, browser, tmp_path):
    """QA 2026-12-03, each CSV of a leadership page downloaded: an indicator's observations
    came as 1296.0 and "—" (its missing "% to target"), the progress index as
    0.3666666666666667. Plain numbers now, an empty cell where one is missing, labels in
    words."""
    url, _ = app
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    sign_in(page, LEADER, PASSWORD, f"{url}/indicators?indicator=1")
    wait_for_app(page)
    page.get_by_text("Table: observations of COMAR asylum applications").click()
    button = page.get_by_role("button", name="Download CSV")
    observations = csv_rows(download(page, button, tmp_path / "observations.csv"))
    values = [r["Value"] for r in observations]
    assert "1296" in values and not [v for v in values if v.endswith(".0") or "," in v]
    assert {r["% to target"] for r in observations} == {""}  # no target: nothing, not "—"

    page.goto(f"{url}/dashboard")
    wait_for_app(page)
    table = page.locator("[data-testid='stExpander']", has_text="Table: progress index by")
    table.get_by_text("Table: progress index by theme").click()
    button = table.get_by_role("button", name="Download CSV")
    index = csv_rows(download(page, button, tmp_path / "progress.csv"))
    assert list(index[0]) == ["Month", "Theme", "Progress index (0–1)", "Assessed asks"]
    decimals = [r["Progress index (0–1)"].partition(".")[2] for r in index]
    assert max(len(d) for d in decimals) <= 4
    assert "0.0" not in {r["Progress index (0–1)"] for r in index}
    context.close()
