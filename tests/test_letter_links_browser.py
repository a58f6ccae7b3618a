"""A letter's page's *Link an ask this letter also makes*, in a real browser (Debian's Chromium
through Playwright, against ``streamlit run`` on a free port): first Link with no ask picked,
refused under the picker with nothing stored; then an ask found by typing a few of its words,
its passage typed, linked, and listed under the letter's asks; at 1280 and at 375 px.
tests/test_letter_links.py has the AppTest side. Screenshots in artifacts/screenshots/."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import pytest
from browserkit import ROOT, signed_in_page, streamlit_server, wait_for_app
from dbkit import SETUP, demo_database

from tracker import records
from tracker.auth import acting_as
from tracker.db import open_db

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
OFFICER = "olga@example.org"
PASSWORD = "a long browser password"
PASSAGE = "We ask again that the families of the 43 students hear what the new inquiry found."
PICKER = "Ask"


@pytest.fixture
def app_server(tmp_path_factory):
    """The demo with a 2022 follow-up letter that has no asks yet: (url, db file, letter id)."""
    folder = tmp_path_factory.mktemp("letter-links-browser")
    db_file = demo_database(folder / "demo.db", [(OFFICER, "officer", "Olga Officer")], PASSWORD)
    db = open_db(db_file)
    with acting_as(SETUP):
        letter_id = records.add_letter(
            db, title="Follow-up on Ayotzinapa", date_sent="2022-09-26", author_org="WOLA"
        )
    db.close()
    with streamlit_server(db_file, folder) as url:
        yield url, db_file, letter_id


def links(db_file, letter_id: int) -> list[tuple]:
    with closing(sqlite3.connect(db_file)) as conn:
        return conn.execute(
            "SELECT ask_id, passage FROM letter_asks WHERE letter_id = ?", (letter_id,)
        ).fetchall()


def error_under(page, widget_testid: str, label: str):
    """The error shown right under the field labelled ``label`` (its placeholder follows it)."""
    widget = page.locator(f"[data-testid='{widget_testid}']").filter(has_text=label)
    return widget.locator(
        "xpath=ancestor::div[contains(@class,'stElementContainer')][1]"
        "/following-sibling::div[1]//div[@data-testid='stAlertContentError']"
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_link_an_ask_from_the_letters_page_refused_then_linked(app_server, width):
    url, db_file, letter_id = app_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with signed_in_page(
        url,
        f"letters?letter={letter_id}",
        "Follow-up on Ayotzinapa",
        OFFICER,
        PASSWORD,
        width=width,
        height=1400,
    ) as page:
        wait_for_app(page)
        page.get_by_text("No asks are linked to this letter yet.").wait_for()
        page.get_by_text("Link an ask this letter also makes").click()
        passage = page.get_by_role("textbox", name="The passage of this letter that makes it")
        passage.fill(PASSAGE)
        # no ask picked: said under the picker, and nothing stored
        page.get_by_role("button", name="Link the ask").click()
        refused = error_under(page, "stSelectbox", PICKER)
        refused.wait_for()
        assert refused.inner_text().strip().endswith("Pick the ask this letter makes.")
        assert links(db_file, letter_id) == []
        page.screenshot(path=str(SHOTS / f"letter-link-refused-{width}.png"), full_page=True)
        # the ask found by a few of its words, then linked with the passage
        page.get_by_role("combobox", name=PICKER).click()
        page.keyboard.type("Ayotzinapa", delay=20)
        option = page.get_by_role("option", name=re.compile(r"^#7 "))
        assert option.count() == 1
        option.click()
        wait_for_app(page)
        assert passage.input_value() == PASSAGE  # kept through the refusal
        page.get_by_role("button", name="Link the ask").click()
        page.get_by_text(re.compile(r"^Linked #7 .*to this letter\.$")).wait_for()
        wait_for_app(page)
        assert links(db_file, letter_id) == [(7, PASSAGE)]
        listed = page.get_by_role("link", name=re.compile("Ayotzinapa investigation"))
        assert listed.get_attribute("href").endswith("/asks?ask=7")
        assert page.get_by_text("No asks are linked to this letter yet.").count() == 0
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"letter-link-linked-{width}.png"), full_page=True)
        # the form is empty again, and the ask just linked is no longer offered
        form = page.locator("[data-testid='stExpander']").filter(
            has_text="Link an ask this letter also makes"
        )
        if form.locator("details[open]").count() == 0:
            page.get_by_text("Link an ask this letter also makes").click()
        assert passage.input_value() == ""
        page.get_by_role("combobox", name=PICKER).click()
        page.keyboard.type("Ayotzinapa", delay=20)
        page.wait_for_timeout(300)
        assert page.get_by_role("option", name=re.compile(r"^#7 ")).count() == 0
