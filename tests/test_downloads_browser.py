"""Downloads clicked one after another, as a person fetching every file of a snapshot does, in
Debian's Chromium against ``streamlit run``: each click gives its file (QA 23: a download that
reran the page re-registered every deferred file, so a second click a moment later pointed at
a file the server no longer had, and nothing came)."""

from __future__ import annotations

import pytest
from browserkit import sign_in, streamlit_server, wait_for_app
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
    names = sorted(download.suggested_filename for download in arrived)
    assert len(names) == len(FILES), f"only {names} of {FILES} arrived"
    for download in arrived:
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        assert saved.stat().st_size > 0
    assert any(name.endswith(".html") for name in names)
    assert any(name.endswith(".xlsx") for name in names)
    assert sum(name.endswith(".csv") for name in names) == 7
    context.close()
