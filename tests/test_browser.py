"""The main flows in a real browser: Debian's Chromium driven by Playwright against
``streamlit run`` on a free localhost port, on a temporary copy of the demo database.
Screenshots of every page land in artifacts/screenshots/ (git-ignored)."""

from __future__ import annotations

import browserkit
import pandas as pd
import pytest
from browserkit import OFFICER, PASSWORD, ROOT, officer_server, wait_for_app
from dbkit import add_ask

from tracker import records
from tracker.auth import Actor, acting_as
from tracker.dates import today
from tracker.db import open_db
from tracker.standing import stale_asks
from tracker.vocabulary import PRIORITY_LABELS

SHOTS = ROOT / "artifacts" / "screenshots"
PAGES = {
    "dashboard": "",
    "asks": "asks",
    "ask-page": "asks?ask=4",
    "letters": "letters",
    "letter-page": "letters?letter=1",
    "indicators": "indicators",
    "record-update": "record_update",
    "review-queue": "review_queue",
    "methodology": "methodology",
    "public-progress": "public_dashboard",
    "snapshots": "snapshots",
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """``streamlit run app.py`` on a free port against a fresh demo database; stopped after."""
    with officer_server(tmp_path_factory.mktemp("browser")) as served:
        yield served


def sign_in(page, url: str) -> None:
    """Sign in through the built-in sign-in page; the session cookie then keeps us signed in
    across page loads."""
    browserkit.sign_in(page, OFFICER, PASSWORD, url)
    page.get_by_text("Signed in as").wait_for()


@pytest.fixture
def page(browser, app_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, app_server[0])
    yield page
    context.close()


def test_dashboard_opens_with_the_demo_data(app_server, page):
    url, _ = app_server
    page.goto(url)
    wait_for_app(page)
    page.get_by_role("heading", name="Dashboard").wait_for()
    page.get_by_text("Asks tracked").first.wait_for()
    assert page.locator("[data-testid='stMetricValue']").first.inner_text() == "7"
    page.locator(".js-plotly-plot").first.wait_for()
    assert page.locator("[data-testid='stPlotlyChart']").count() >= 4
    assert "Traceback" not in page.content()


def test_status_update_through_the_form_shows_on_the_ask_page(app_server, page):
    url, db_file = app_server
    note = "Browser test: special protection unit created (note 5521)."
    page.goto(f"{url}/record_update?ask=6")
    wait_for_app(page)
    page.get_by_text("Current outcome", exact=True).wait_for()
    status_box = page.get_by_role("combobox", name="New status")
    status_box.click()
    page.get_by_role("option", name="In progress").click()
    page.get_by_role("textbox", name="Note").fill(note)
    page.get_by_label("Evidence URL").fill("https://example.org/protection-unit")
    page.get_by_role("button", name="Record update").click()
    page.get_by_text("Update recorded for").first.wait_for()

    page.goto(f"{url}/asks?ask=6")
    wait_for_app(page)
    page.get_by_role(
        "heading", name="Protection of human-rights defenders and journalists"
    ).first.wait_for()
    page.get_by_text("Outcome").first.wait_for()
    assert page.locator("[data-testid='stMetricValue']").first.inner_text() == "In progress"
    db = open_db(db_file)
    try:
        row = db.conn.execute(
            "SELECT status, note FROM status_updates WHERE ask_id = 6 ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        db.close()
    assert row == ("in_progress", note)


def wait_for_charts(page) -> None:
    """Every Plotly chart on the page has drawn (not just its placeholder)."""
    page.wait_for_function(
        """() => document.querySelectorAll('.js-plotly-plot').length >=
                 document.querySelectorAll('[data-testid="stPlotlyChart"]').length""",
        timeout=30_000,
    )
    page.wait_for_timeout(500)


def test_screenshot_of_every_page(app_server, browser):
    url, _ = app_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 2600})
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, url)
    for name, path in PAGES.items():
        page.goto(f"{url}/{path}")
        wait_for_app(page)
        page.wait_for_selector("h1")
        wait_for_charts(page)
        assert "Traceback" not in page.content(), name
        assert page.locator("[data-testid='stException']").count() == 0, name
        target = SHOTS / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    context.close()


def test_hostile_text_renders_as_text_in_the_browser(app_server, page):
    """Markup in titles and notes shows as typed: no script runs, no javascript: link, no image
    is injected."""

    url, db_file = app_server
    hostile = "<img src=x onerror=alert(1)> [click](javascript:alert(2)) <script>alert(3)</script>"
    db = open_db(db_file)
    with acting_as(Actor(email=OFFICER, role="officer", via="test")):
        ask_id = add_ask(db, f"Hostile {hostile}", theme="Human rights", letters=[(1, hostile)])
        records.record_status_update(
            db,
            ask_id,
            "no_progress",
            effective_date=today().isoformat(),
            note=f"Note {hostile}",
            visibility="public",
        )
    db.close()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in (f"asks?ask={ask_id}", "", "letters?letter=1", "public_dashboard"):
        page.goto(f"{url}/{path}")
        wait_for_app(page)
        main = page.locator("[data-testid='stMain']")
        assert main.locator("a[href^='javascript']").count() == 0, path
        assert main.locator("img[src='x']").count() == 0, path
        assert main.locator("script").count() == 0, path
    page.goto(f"{url}/asks?ask={ask_id}")
    wait_for_app(page)
    assert "<img src=x onerror=alert(1)>" in page.locator("h1").inner_text()
    assert dialogs == []


def download_csv(page, key: str, saved) -> pd.DataFrame:
    """Click the download button Streamlit keyed ``key`` and read the file a person gets."""
    browserkit.download(page, page.locator(f".st-key-{key} button"), saved)
    return pd.read_csv(saved, dtype=str, keep_default_na=False)


def assert_for_people(got: pd.DataFrame, db) -> None:
    """Headers in words, statuses by their labels, ids as whole numbers: no codes."""
    for header in got.columns:
        assert "_" not in header and header[0].isupper(), header
    assert not {"Colour", "Score", "Terminal"} & set(got.columns)
    labels = {row["label"] for row in db["statuses"].rows}
    codes = {row["code"] for row in db["statuses"].rows} - labels
    assert set(got["Status"]) <= labels and not set(got["Status"]) & codes
    assert got["Ask #"].str.fullmatch(r"\d+").all(), got["Ask #"].tolist()


def test_the_asks_csv_downloaded_from_the_list_carries_notes_priority_and_date_added(
    app_server, page, tmp_path
):
    """The asks list's CSV is read when clicked, with more than the list shows: each ask's
    last note, evidence, priority and date added, for every ask listed; for people, like the
    list (headers in words, labels, no codes)."""
    url, db_file = app_server
    page.goto(f"{url}/asks")
    wait_for_app(page)
    page.get_by_role("heading", name="Asks").first.wait_for()
    got = download_csv(page, "dl_asks", tmp_path / "asks.csv")
    db = open_db(db_file)
    try:
        asks = {row["id"]: row for row in db["asks"].rows}
        assert_for_people(got, db)
    finally:
        db.close()
    got = got.set_index("Ask #")
    assert sorted(int(ask) for ask in got.index) == sorted(asks)
    for ask, row in asks.items():
        priority = PRIORITY_LABELS.get(row["priority"], "—")
        assert got.loc[str(ask), "Priority"] == priority
        assert got.loc[str(ask), "Added"] == row["added_on"]
        assert got.loc[str(ask), "Ask"] == row["title"]
    assert (got["Latest note"] != "—").any() and (got["Evidence"] != "—").any()


def test_the_stale_asks_csv_from_the_dashboard_is_for_people(app_server, page, tmp_path):
    """The dashboard's "Not checked" CSV: every stale ask (not only the table's stalest),
    headers in words, statuses by their labels, days as whole numbers."""
    url, db_file = app_server
    page.goto(url)
    wait_for_app(page)
    page.get_by_text("Needs attention").first.wait_for()
    got = download_csv(page, "dl_stale", tmp_path / "stale-asks.csv")
    db = open_db(db_file)
    try:
        stale = stale_asks(db, today().isoformat(), notes=True)
        assert_for_people(got, db)
    finally:
        db.close()
    assert not stale.empty
    assert got["Ask #"].astype(int).tolist() == stale["ask_id"].tolist()
    assert got["Status"].tolist() == stale["label"].tolist()
    assert got["Days since checked"].tolist() == [str(d) for d in stale["days_since_checked"]]
    assert got["Priority"].tolist() == [PRIORITY_LABELS.get(p, "—") for p in stale["priority"]]
