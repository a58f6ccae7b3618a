"""Correcting a mistaken status entry the way an officer does it, in Debian's Chromium against
``streamlit run``: the ask's page links to the update form with ``?correct=``, a link AppTest
cannot follow (it does not run the router). The form must open filled in with that entry, the
typed date must be what is stored, and the ask's page must then show the corrected entry as
its history's latest, at desk and phone width. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import browserkit
import pytest
from browserkit import ROOT, streamlit_server, wait_for_app
from dbkit import SETUP, add_ask, demo_database, update

from tracker.auth import acting_as
from tracker.db import open_db

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "a long correcting password"
OFFICER = ("corina@example.org", "Corina Officer")
WRONG_NOTE = "The ministry published the draft rules (year typed wrong)."
WIDTHS = (1280, 375)


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The demo data plus, for each screen width, an ask whose latest entry carries a mistyped
    year (2019 for 2025): {width: (ask id, the wrong entry's id)}."""
    folder = tmp_path_factory.mktemp("correction-browser")
    db_file = demo_database(folder / "demo.db", [(OFFICER[0], "officer", OFFICER[1])], PASSWORD)
    db = open_db(db_file)
    asks = {}
    with acting_as(SETUP):
        for width in WIDTHS:
            ask_id = add_ask(
                db, f"Publish the search commission's rules ({width})", added_on="2018-07-10"
            )
            update(db, ask_id, "in_progress", "2024-02-01", note="Consultation opened.")
            wrong = update(db, ask_id, "partially_achieved", "2019-06-03", note=WRONG_NOTE)
            asks[width] = ask_id, wrong["id"]
    db.close()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db_file, folder) as url:
        yield url, db_file, asks


def stored(db_file, entry_id: int):
    with closing(sqlite3.connect(db_file)) as conn:
        return conn.execute(
            "SELECT effective_date, kind, supersedes_id, note FROM status_updates "
            "WHERE supersedes_id = ?",
            (entry_id,),
        ).fetchall()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_officer_corrects_a_mistyped_entry_from_the_ask_page(browser, app_server, width):
    url, db_file, asks = app_server
    ask_id, wrong_id = asks[width]
    context, page = browserkit.signed_in(
        browser, url, OFFICER[0], PASSWORD, width=width, height=1100, wait=60_000
    )
    try:
        page.goto(f"{url}/asks?ask={ask_id}")
        wait_for_app(page)
        page.get_by_role("combobox", name="Correct an entry").click()
        page.keyboard.type(f"#{wrong_id} ", delay=30)  # the picker filters as a person types
        page.get_by_role("option", name=re.compile(f"^#{wrong_id} ")).click()
        wait_for_app(page)
        page.get_by_role("link", name=f"Correct entry #{wrong_id}").click()
        wait_for_app(page)

        # the router opened the form with the entry, not a blank form
        page.get_by_text(f"Correcting entry #{wrong_id}").wait_for()
        assert f"correct={wrong_id}" in page.url
        date_box = page.get_by_role("textbox", name="Effective date (when it happened)")
        assert date_box.input_value() == stored_date(db_file, wrong_id)
        date_box.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("2025-06-03", delay=15)
        note = page.get_by_role("textbox", name="Note")
        note.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("Draft rules published in 2025; the entry said 2019.", delay=5)
        page.get_by_role("button", name="Record correction").click()
        page.get_by_text("Correction recorded for").first.wait_for()
        wait_for_app(page)
        page.get_by_text("Stop correcting").wait_for(state="detached")
        page.screenshot(path=str(SHOTS / f"correction-recorded-{width}.png"), full_page=True)

        ((date, kind, supersedes, saved_note),) = stored(db_file, wrong_id)
        assert (date, kind, supersedes) == ("2025-06-03", "correction", wrong_id)
        assert saved_note.startswith("Draft rules published in 2025")
        assert f"correct={wrong_id}" not in page.url  # the form records new entries again

        # the ask's page shows the corrected entry as the latest, and no stack trace anywhere
        page.goto(f"{url}/asks?ask={ask_id}")
        wait_for_app(page)
        page.get_by_text("2025-06-03").first.wait_for()
        assert page.locator("[data-testid='stException']").count() == 0
        page.screenshot(path=str(SHOTS / f"correction-ask-page-{width}.png"), full_page=True)
    finally:
        context.close()


def stored_date(db_file, entry_id: int) -> str:
    with closing(sqlite3.connect(db_file)) as conn:
        (date,) = conn.execute(
            "SELECT effective_date FROM status_updates WHERE id = ?", (entry_id,)
        ).fetchone()
    return date
