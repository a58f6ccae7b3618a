"""The journeys leadership and donors take, in Debian's Chromium against ``streamlit run``:
a filtered dashboard shared by its link and looked back on as of a typed date, a snapshot
link opened signed out (sign in, land on it, download HTML and PDF), a page the role may not
open, and the donor's list on a 390 px phone. Screenshots land in artifacts/screenshots/."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from browserkit import ROOT, download, sign_in, streamlit_server, wait_for_app
from dbkit import SETUP, add_ask, demo_database, update

from tracker import report, snapshots
from tracker.auth import acting_as
from tracker.db import open_db

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "a long journey password"
LEADER = "lena@example.org"
DONOR = "dora@example.org"


SECRET = "Kept inside"  # in every internal note and owner below: never in a donor's file
PUBLIC_NOTE = "The ministry opened a public consultation."
LONG_TITLE = "Where our Mexico asks stood at the end of 2025"


@pytest.fixture(scope="module")
def journeys_db(tmp_path_factory):
    """The demo data, a leader and a donor, and one published snapshot (the snapshot's row);
    then two asks donors may see only in part: one whose latest entry is internal, one with
    internal entries only, both owned by someone donors never see."""
    folder = tmp_path_factory.mktemp("journeys")
    people = [(LEADER, "leadership", "Lena Leader"), (DONOR, "donor", "Dora Donor")]
    db_file = demo_database(folder / "demo.db", people, PASSWORD)
    db = open_db(db_file)
    with acting_as(SETUP):
        row = snapshots.publish(
            db, "2024-12-31", title="End of 2024", narrative="Where the 2018 asks stood."
        )
        owner = f"{SECRET} (owner)"
        partly = add_ask(db, "Open the register of detentions", owner=owner)
        update(db, partly, "in_progress", "2025-01-10", note=PUBLIC_NOTE, visibility="public")
        update(db, partly, "achieved", "2025-03-01", note=f"{SECRET}: a source's word")
        hidden = add_ask(db, "Fund the search commission", owner=owner)
        update(db, hidden, "stalled", "2025-02-01", note=f"{SECRET}: budget talks")
    db.close()
    return db_file, row, {"partly": partly, "hidden": hidden}


@pytest.fixture(scope="module")
def app(journeys_db, tmp_path_factory):
    """The server's URL over ``journeys_db``, and the snapshot's token."""
    db_file, row, _ = journeys_db
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db_file, tmp_path_factory.mktemp("server")) as url:
        yield url, row["token"]


def fresh_page(browser, width: int = 1400, height: int = 1000):
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def sign_in_here(page, email: str) -> None:
    """Sign in on whatever page the link opened (the URL it pointed at is kept)."""
    sign_in(page, email, PASSWORD)
    wait_for_app(page)


def dashboard_as_of(app, browser, date: str):
    """A leader signed in on the dashboard as of ``date``: the context, the page, its sidebar."""
    url, _ = app
    context, page = fresh_page(browser)
    page.goto(f"{url}/dashboard?as_of={date}")
    wait_for_app(page)
    sign_in_here(page, LEADER)
    page.get_by_text(f"As of {date}").first.wait_for()
    return context, page, page.locator("[data-testid='stSidebar']")


def no_page_not_found(page) -> None:
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0


def open_signed_out(browser, address: str, email: str, heading: str, *, before: str = "", **size):
    """Open an address as a link does, signed out; sign in on the page it shows (which says
    ``before``, if given) and wait for ``heading``: neither before nor after sign-in is it
    "Page not found" or an error."""
    context, page = fresh_page(browser, **size)
    page.goto(address)
    wait_for_app(page)
    no_page_not_found(page)
    if before:
        page.get_by_text(before).wait_for()
    sign_in_here(page, email)
    page.get_by_role("heading", name=heading).wait_for()
    no_page_not_found(page)
    return context, page


def tile(page, label: str) -> str:
    metric = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return metric.locator("[data-testid='stMetricValue']").inner_text()


def test_leadership_shares_a_filtered_dashboard_and_looks_back(app, browser):
    url, _ = app
    context, page = fresh_page(browser)
    page.goto(url)
    sign_in_here(page, LEADER)
    page.get_by_role("heading", name="Dashboard").wait_for()
    everything = tile(page, "Asks tracked")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Theme", exact=True).wait_for()
    sidebar.locator("[data-testid='stMultiSelect']").first.click()
    page.get_by_role("option", name="Human rights").click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"theme=Human\+rights|theme=Human%20rights"))
    wait_for_app(page)
    filtered = tile(page, "Asks tracked")
    assert int(filtered) < int(everything)
    shared = page.url
    context.close()

    # the link, pasted into a browser that is not signed in: sign in, then the same view
    context, page = fresh_page(browser)
    page.goto(shared)
    wait_for_app(page)
    no_page_not_found(page)
    sign_in_here(page, LEADER)
    page.get_by_role("heading", name="Dashboard").wait_for()
    assert page.url == shared
    assert tile(page, "Asks tracked") == filtered
    sidebar = page.locator("[data-testid='stSidebar']")
    assert "Human rights" in sidebar.locator("[data-testid='stMultiSelect']").first.inner_text()

    # looking back: the date typed into As of applies on Enter
    # typed as a person types it: into the field's year, month and day, then Enter
    sidebar.get_by_role("spinbutton", name="year, As of").click()
    page.keyboard.type("20200630")
    page.keyboard.press("Enter")
    page.get_by_text("Historical view").wait_for()
    wait_for_app(page)
    assert "as_of=2020-06-30" in page.url and "theme=" in page.url
    page.get_by_text("As of 2020-06-30").first.wait_for()
    page.screenshot(path=str(SHOTS / "journey-dashboard-2020-06-30.png"), full_page=True)
    no_page_not_found(page)
    context.close()


def test_the_view_carries_when_leadership_moves_between_pages(app, browser):
    """QA 18: looking back to 2024-06-30 for one theme, a click on Asks in the navigation
    opens the asks as they stood then, for that theme (and says so in its address)."""
    url, _ = app
    context, page = open_signed_out(
        browser, f"{url}/?theme=Human+rights&as_of=2024-06-30", LEADER, "Dashboard"
    )
    page.get_by_text("Historical view").wait_for()
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("link", name="Asks").click()
    page.get_by_role("heading", name="Asks").first.wait_for()
    page.wait_for_url(re.compile(r"/asks\?.*as_of=2024-06-30"))
    wait_for_app(page)
    assert "theme=Human" in page.url
    page.get_by_text("Historical view").wait_for()
    assert "Human rights" in sidebar.locator("[data-testid='stMultiSelect']").first.inner_text()
    sidebar.get_by_role("link", name="Dashboard").click()
    page.wait_for_url(re.compile(r"as_of=2024-06-30"))
    page.get_by_text("Historical view").wait_for()
    context.close()


def test_an_as_of_date_typed_out_of_range_says_why_and_keeps_the_date_in_force(app, browser):
    """Regression (QA): typed out of range (1960), the sidebar's As of turned red and was not
    applied, with no word of why."""
    context, page, sidebar = dashboard_as_of(app, browser, "2020-06-30")
    sidebar.get_by_role("spinbutton", name="year, As of").click()
    page.keyboard.type("19600101")
    page.keyboard.press("Enter")
    said = sidebar.get_by_text("As of 1960-01-01 is before 1970-01-01")
    said.wait_for()
    wait_for_app(page)
    assert "pick a date from 1970-01-01 to" in said.inner_text()
    page.get_by_text("As of 2020-06-30").first.wait_for()  # the view stays where it was
    assert "as_of=2020-06-30" in page.url
    field = sidebar.locator("[data-testid='stDateInputField']").first
    assert "2020" in field.inner_text() and "1960" not in field.inner_text()
    page.screenshot(path=str(SHOTS / "journey-as-of-out-of-range.png"), full_page=True)
    context.close()


def test_each_as_of_date_typed_in_turn_applies(app, browser):
    """Regression (QA 2026-12-02): every second date typed into As of was thrown away: the
    field jumped back to the date before it, with no word (the page took its own link's new
    date for a link opened from elsewhere)."""
    url, _ = app
    context, page = fresh_page(browser)
    page.goto(f"{url}/dashboard")
    wait_for_app(page)
    sign_in_here(page, LEADER)
    page.get_by_role("heading", name="Dashboard").wait_for()
    sidebar = page.locator("[data-testid='stSidebar']")
    for typed, shown in [
        ("20220630", "2022-06-30"),
        ("20181231", "2018-12-31"),
        ("20200115", "2020-01-15"),
        ("20230301", "2023-03-01"),
    ]:
        sidebar.get_by_role("spinbutton", name="year, As of").click()
        page.keyboard.type(typed)
        page.keyboard.press("Enter")
        page.get_by_text(f"As of {shown}").first.wait_for()
        wait_for_app(page)
        page.wait_for_timeout(500)  # (the jump back came on the run after)
        wait_for_app(page)
        assert f"as_of={shown}" in page.url
        field = sidebar.locator("[data-testid='stDateInputField']").first
        assert shown[:4] in field.inner_text()
        page.get_by_text(f"As of {shown}").first.wait_for()
    context.close()


def test_a_year_typed_near_9999_into_as_of_leaves_the_page_working(app, browser):
    """Regression (QA 2026-12-03): typing 9999 (or any year from 9990) into As of froze the
    browser tab for good: Streamlit's date field hangs on a year within ten of its upper
    bound, which was 9999-12-31. The year is refused in the field instead, and the page
    keeps the date in force."""
    context, page, sidebar = dashboard_as_of(app, browser, "2020-06-30")
    year = sidebar.get_by_role("spinbutton", name="year, As of")
    year.press_sequentially("9999", timeout=15_000)  # a frozen tab never takes the keys
    year.press("Enter", timeout=15_000)
    wait_for_app(page)
    assert "as_of=2020-06-30" in page.url
    page.get_by_text("As of 2020-06-30").first.wait_for()
    # and the field still takes a date after it
    year.click(timeout=15_000)
    page.keyboard.type("20220630")
    page.keyboard.press("Enter")
    page.get_by_text("As of 2022-06-30").first.wait_for()
    context.close()


@pytest.mark.parametrize(
    ("email", "path", "heading"),
    [(LEADER, "dashboard", "Dashboard"), (DONOR, "public_dashboard", "Progress on our asks")],
)
def test_a_start_page_typed_or_bookmarked_by_its_name_opens(app, browser, email, path, heading):
    """The start page is also at /, but its own address (from a bookmark, a link in an email,
    or typed) opens it too, signed out (after sign-in) and signed in: never "Page not
    found"."""
    url, _ = app
    context, page = open_signed_out(browser, f"{url}/{path}?theme=Migration", email, heading)
    page.goto(f"{url}/{path}")
    wait_for_app(page)
    page.get_by_role("heading", name=heading).wait_for()
    no_page_not_found(page)
    context.close()


def test_leadership_opening_a_page_for_officers_is_told_why(app, browser):
    url, _ = app
    context, page = open_signed_out(browser, f"{url}/record_update", LEADER, "Record an update")
    refusal = page.locator("[data-testid='stAlert']").filter(has_text="do not have access")
    text = refusal.inner_text()
    assert "Administrator or Program officer" in text and "signed in as Leadership" in text
    assert page.get_by_role("button", name="Record update").count() == 0
    nav = page.locator("[data-testid='stSidebarNav']")
    assert nav.get_by_text("Dashboard", exact=True).count() == 1
    assert nav.get_by_text("Record an update").count() == 0  # not offered in the menu
    page.screenshot(path=str(SHOTS / "journey-refused-page.png"))
    context.close()


@pytest.mark.parametrize("link", ["snapshots?snapshot={token}", "?snapshot={token}"])
def test_donor_opens_a_snapshot_link_signed_out_and_downloads_it(app, browser, link, tmp_path):
    url, token = app
    context, page = open_signed_out(
        browser,
        f"{url}/{link.format(token=token)}",
        DONOR,
        "End of 2024",
        before="This link opens a progress snapshot",  # said on the sign-in page
    )
    assert f"snapshot={token}" in page.url
    if link.startswith("snapshots"):
        page.screenshot(path=str(SHOTS / "journey-donor-snapshot.png"), full_page=True)
        html_button = page.get_by_role("button", name="HTML report")
        html_file = download(page, html_button, tmp_path / "report.html")
        assert "<h1>End of 2024</h1>" in html_file.read_text(encoding="utf-8")
        wait_for_app(page)  # a download reruns the page: click Prepare PDF once it settles
        page.get_by_role("button", name="Prepare PDF").click()
        pdf_button = page.get_by_role("button", name="PDF", exact=True)
        pdf_file = download(page, pdf_button, tmp_path / "report.pdf")
        assert pdf_file.read_bytes()[:5] == b"%PDF-"
    context.close()


def test_donor_downloads_each_ask_from_public_progress_in_words_and_public_only(
    app, journeys_db, browser, tmp_path
):
    """The "Each ask" CSV a donor gets from Public progress: the snapshot's columns under
    headers in words, statuses by their labels, every ask, and only what public entries say:
    an ask whose latest entry is internal shows its last public one; one with internal entries
    only shows nothing recorded; no internal note, no owner."""
    url, _ = app
    db_file, _, asks = journeys_db
    context, page = open_signed_out(
        browser, f"{url}/public_dashboard", DONOR, "Progress on our asks"
    )
    page.get_by_role("heading", name="Each ask").wait_for()
    button = page.locator(".st-key-dl_public_asks button")
    saved = download(page, button, tmp_path / "public-asks.csv")
    context.close()
    text = saved.read_text(encoding="utf-8")
    assert SECRET not in text
    got = pd.read_csv(saved, dtype=str, keep_default_na=False)
    assert list(got.columns) == list(report.HEADERS["asks"].values())
    db = open_db(db_file)
    try:
        titles = {row["id"]: row["title"] for row in db["asks"].rows}
        labels = {
            row["code"]: row["label"] for row in db["statuses"].rows_where("track = 'outcome'")
        }
    finally:
        db.close()
    assert sorted(got["Ask"]) == sorted(titles.values())
    assert set(got["Status"]) <= set(labels.values())
    assert not set(got["Status"]) & (set(labels) - set(labels.values()))  # no codes
    by_title = got.set_index("Ask")
    partly = by_title.loc[titles[asks["partly"]]]
    assert (partly["Status"], partly["Since"]) == (labels["in_progress"], "2025-01-10")
    assert partly["Latest public note"] == PUBLIC_NOTE
    hidden = by_title.loc[titles[asks["hidden"]]]
    assert hidden["Status"] == labels["not_assessed"]
    assert hidden["Latest public note"] in ("", "—")


def test_a_withdrawn_or_unknown_link_says_so_in_words(app, browser):
    url, _ = app
    address = f"{url}/snapshots?snapshot=not-a-real-token"
    context, page = open_signed_out(browser, address, DONOR, "Snapshot not found")
    context.close()


def test_donor_list_opens_a_snapshot_in_one_click_and_shows_statuses_on_a_phone(app, browser):
    url, token = app
    context, page = fresh_page(browser, width=390, height=844)
    page.goto(f"{url}/snapshots")
    wait_for_app(page)
    sign_in_here(page, DONOR)
    page.get_by_role("heading", name="Snapshots").wait_for()
    page.screenshot(path=str(SHOTS / "journey-donor-list-phone.png"), full_page=True)
    page.locator("[data-testid='stMain'] [data-testid='stPageLink']").first.click()
    page.get_by_role("heading", name="End of 2024").wait_for()
    assert f"snapshot={token}" in page.url
    wait_for_app(page)
    no_page_not_found(page)
    # the asks table: title and status are its first columns, so a phone shows statuses
    # (the grid's accessible table holds the columns in view: at 390 px, title and status)
    table = page.locator("[data-testid='stDataFrame']").nth(1)
    table.scroll_into_view_if_needed()
    # the grid fills its (hidden, accessible) table of the columns in view after a moment
    table.locator("table th").nth(1).wait_for(state="attached")
    headers = table.locator("table th").all_text_contents()
    assert [h.strip() for h in headers[:2]] == ["Ask", "Status"], headers
    assert "Partially achieved" in table.locator("table").text_content()
    page.wait_for_timeout(500)
    table.screenshot(path=str(SHOTS / "journey-donor-asks-phone.png"))
    page.screenshot(path=str(SHOTS / "journey-donor-snapshot-phone.png"), full_page=True)
    context.close()


def test_the_link_shown_on_publishing_opens_for_a_donor_signed_out(browser, tmp_path):
    """The link the Snapshots page shows after publishing is whole (the address this browser
    shows, not a path or a token), and opened as it is, signed out, it lands on the snapshot.
    Its own server: a second snapshot would change what the module's other tests list."""
    people = [(LEADER, "leadership", "Lena Leader"), (DONOR, "donor", "Dora Donor")]
    db_file = demo_database(tmp_path / "publish.db", people, PASSWORD)
    with streamlit_server(db_file, tmp_path) as url:
        context, page = fresh_page(browser)
        page.goto(f"{url}/snapshots")
        wait_for_app(page)
        sign_in_here(page, LEADER)
        page.get_by_role("tab", name="New snapshot").click()
        wait_for_app(page)
        page.get_by_role("textbox", name="Title").fill("Shared by its link")
        page.get_by_role("textbox", name="Narrative (donors read this first)").fill(
            "Sent to a donor."
        )
        page.get_by_role("button", name="Preview what donors will see").click()
        wait_for_app(page)
        # the preview's rerun keeps the tab it was asked on (it went back to "Published")
        assert page.get_by_role("tab", name="New snapshot").get_attribute("aria-selected") == "true"
        page.get_by_role("button", name="Publish this snapshot").click(timeout=90_000)
        page.get_by_text("Share this link").wait_for(timeout=90_000)
        link = page.locator("[data-testid='stMain'] [data-testid='stCode'] code").inner_text()
        page.screenshot(path=str(SHOTS / "journey-published-link.png"), full_page=True)
        context.close()
        assert re.fullmatch(re.escape(url) + r"/snapshots\?snapshot=[\w-]+", link.strip()), link
        context, page = open_signed_out(browser, link.strip(), DONOR, "Shared by its link")
        context.close()


def test_a_long_snapshot_title_wraps_on_a_phone(app, journeys_db, browser):
    """QA 16: at 375 px the donor's list cut "...at the end of 2025" to "...end of 202" (the
    link's text does not wrap): every title in the list shows whole."""
    url, _ = app
    db_file, _, _ = journeys_db
    db = open_db(db_file)
    with acting_as(SETUP):
        row = snapshots.publish(
            db, "2025-12-31", title=LONG_TITLE, narrative="Where things stood a year on."
        )
    db.close()
    try:
        context, page = fresh_page(browser, width=375, height=800)
        page.goto(f"{url}/snapshots")
        wait_for_app(page)
        sign_in_here(page, DONOR)
        page.get_by_text(LONG_TITLE).wait_for()
        cut = page.evaluate(
            """() => [...document.querySelectorAll(
                    "[data-testid='stMain'] [data-testid='stPageLink'] a p")]
                .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.innerText)"""
        )
        page.screenshot(path=str(SHOTS / "journey-donor-list-long-title.png"), full_page=True)
        context.close()
    finally:
        db = open_db(db_file)
        with acting_as(SETUP):  # the other journeys see the list as it was
            snapshots.withdraw(db, row["id"], reason="A test's snapshot.")
        db.close()
    assert cut == []
