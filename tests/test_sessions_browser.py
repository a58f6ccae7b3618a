"""Sessions in a real browser (issue 11): the cookie the sign-in leaves, and an open tab that
is signed out at its next click when an administrator signs the person out everywhere."""

from __future__ import annotations

import time

import pytest
from browserkit import chromium, sign_in, signed_in, streamlit_server, wait_for_app
from dbkit import SETUP, demo_database

from tracker import users
from tracker.auth import acting_as
from tracker.dates import today
from tracker.db import open_db

pytestmark = pytest.mark.browser
OFFICER = "olga@example.org"
ADMIN = "ada@example.org"
PASSWORD = "a long browser password"


def test_a_tab_is_signed_out_at_its_next_click_after_sign_out_everywhere(tmp_path):
    people = [(OFFICER, "officer", "Olga Officer")]
    db_file = demo_database(tmp_path / "demo.db", people, PASSWORD)
    with streamlit_server(db_file, tmp_path) as url, chromium() as browser:
        context, page = signed_in(
            browser, url, OFFICER, PASSWORD, width=1200, height=900, wait=60_000
        )
        [cookie] = [c for c in context.cookies() if c["name"] == "tracker_session"]
        assert cookie["sameSite"] == "Strict"
        assert cookie["secure"] is False  # plain http on 127.0.0.1; Secure over https
        assert 11 * 3600 < cookie["expires"] - time.time() <= 12 * 3600
        page.goto(url)  # a reload stays signed in
        wait_for_app(page)
        page.get_by_role("heading", name="Dashboard").wait_for()

        db = open_db(db_file)
        with acting_as(SETUP):
            assert users.sign_out_everywhere(db, OFFICER) == 1
        db.close()
        page.get_by_role("link", name="Methodology").click()  # the next click re-checks
        page.get_by_role("heading", name="Sign in to Advocacy Tracker").wait_for()
        page.goto(url)  # and the cookie the browser still holds no longer signs anyone in
        page.get_by_role("heading", name="Sign in to Advocacy Tracker").wait_for()
        context.close()


def test_the_users_page_keeps_its_tab_after_a_form_is_sent(tmp_path):
    """Regression: sending a form on a tab other than the first (here Sign out everywhere)
    reran the page on the first tab, hiding the form and what it said; the tabs are keyed."""
    people = [(ADMIN, "admin", "Ada Admin"), (OFFICER, "officer", "Olga Officer")]
    db_file = demo_database(tmp_path / "demo.db", people, PASSWORD)
    with streamlit_server(db_file, tmp_path) as url, chromium() as browser:
        context, page = signed_in(browser, f"{url}/users", ADMIN, PASSWORD, wait=60_000)
        wait_for_app(page)
        tab = page.get_by_role("tab", name="Sign out everywhere")
        tab.click()
        wait_for_app(page)
        page.get_by_role("button", name="Sign out everywhere").click()
        page.get_by_text("out everywhere (").wait_for()  # the toast
        wait_for_app(page)
        assert tab.get_attribute("aria-selected") == "true"
        context.close()


def test_the_first_form_sent_after_signing_in_keeps_its_result_in_view(tmp_path):
    """Regression (QA): on the page a link opened and the person signed in on, the first form
    sent collapsed its expander and hid its own error: the run after signing in drew one more
    element (the cookie's script) before the page, so every later element was a new one on
    the next run. The cookie's place is drawn on every run."""
    people = [(OFFICER, "officer", "Olga Officer")]
    db_file = demo_database(tmp_path / "demo.db", people, PASSWORD)
    with streamlit_server(db_file, tmp_path) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": 1200, "height": 1100})
        page = context.new_page()
        page.set_default_timeout(60_000)
        sign_in(page, OFFICER, PASSWORD, f"{url}/indicators?indicator=3")
        wait_for_app(page)
        page.get_by_text("Add an observation").click()
        wait_for_app(page)
        form = page.locator("[data-testid='stForm']")
        form.get_by_role("textbox").first.fill("abc")
        page.get_by_role("button", name="Add observation").click()
        wait_for_app(page)
        expander = page.locator("[data-testid='stExpander']").filter(has_text="Add an observation")
        assert expander.locator("details").get_attribute("open") is not None
        assert form.locator("[data-testid='stAlertContentError']").first.is_visible()
        context.close()


def test_signed_out_in_another_tab_the_typed_update_comes_back_after_signing_in(tmp_path):
    """QA 5, as the QA did it: two tabs of one browser, the update typed in the first, Sign
    out in the second, then Record update in the first: the sign-in page says nothing was
    saved, and signing in there again brings the form back as it was, to record it."""
    people = [(OFFICER, "officer", "Olga Officer")]
    db_file = demo_database(tmp_path / "demo.db", people, PASSWORD)
    note = "Olga typed a long careful note before being signed out elsewhere."
    with streamlit_server(db_file, tmp_path) as url, chromium() as browser:
        context, page = signed_in(browser, url, OFFICER, PASSWORD, wait=60_000)
        page.goto(f"{url}/record_update?ask=6")
        wait_for_app(page)
        page.get_by_role("combobox", name="New status").click()
        page.get_by_role("option", name="Stalled").click()
        page.get_by_role("textbox", name="Note").fill(note)
        other = context.new_page()  # the second tab: same browser, same cookie
        other.goto(url)
        wait_for_app(other)
        other.get_by_role("button", name="Sign out").click()
        other.get_by_role("heading", name="Sign in to Advocacy Tracker").wait_for()
        other.close()

        page.get_by_role("button", name="Record update").click()
        page.get_by_role("heading", name="Sign in to Advocacy Tracker").wait_for()
        page.get_by_text("You were signed out").wait_for()
        assert "Nothing was saved" in page.get_by_text("You were signed out").inner_text()
        sign_in(page, OFFICER, PASSWORD)
        page.get_by_role("heading", name="Record an update").wait_for()
        wait_for_app(page)
        assert page.get_by_role("textbox", name="Note").input_value() == note
        page.get_by_role("button", name="Record update").click()
        page.get_by_text("recorded for #6").first.wait_for()  # a verification: it was Stalled
        page.get_by_text(f"Last update, {today().isoformat()}: {note}").wait_for()
        db = open_db(db_file)
        try:
            (saved,) = db.conn.execute(
                "SELECT status, note FROM status_updates WHERE ask_id = 6 ORDER BY id DESC LIMIT 1"
            ).fetchall()
        finally:
            db.close()
        assert saved == ("stalled", note)
        context.close()
