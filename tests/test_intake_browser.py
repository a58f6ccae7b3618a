"""The whole intake journey in a real browser (Debian's Chromium through Playwright, against
``streamlit run`` on a free port): paste a letter, review the draft, keep the repeated ask
linked, accept, and see the letter and the repeated ask's passage on their pages, its new asks
in the officer's review queue; the same letter again is said and needs "Add it anyway"; a
spreadsheet dropped on the uploader is named. Screenshots land in artifacts/screenshots/
(git-ignored)."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from browserkit import (
    OFFICER,
    PASSWORD,
    ROOT,
    chromium,
    draft_pasted,
    officer_server,
    signed_in,
    wait_for_app,
)

SHOTS = ROOT / "artifacts" / "screenshots"
LETTER = (ROOT / "tests" / "data" / "journey-letter.txt").read_text(encoding="utf-8")
# and one sentence the rules do not take (a modal naming no one): offered as a possible ask
POSSIBLE = "Renewing the federal protection mechanism for journalists must come first."
LETTER = LETTER.replace("\n\nSincerely", f"\n\n{POSSIBLE}\n\nSincerely")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    with officer_server(tmp_path_factory.mktemp("intake-browser")) as served:
        yield served


def _click_cell(page, row: int, column: int) -> None:
    """Click a cell of the review table (a canvas grid: by position, rows of 35 pixels under a
    header of 35; column 0 is the row marker of a table that may grow, column 1's checkbox is
    at its middle, 70 pixels in)."""
    grid = page.locator("[data-testid='stDataFrameResizable']").first
    box = grid.bounding_box()
    x = box["x"] + {0: 15, 1: 70}[column]
    page.mouse.click(x, box["y"] + 35 * row + 17)


def test_paste_review_link_accept_and_see_it(app_server):
    url, db_file = app_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        context, page = signed_in(
            browser, url, OFFICER, PASSWORD, width=1280, height=2600
        )  # the whole review in one shot, at a laptop's width
        try:
            page.goto(f"{url}/letters")
            wait_for_app(page)
            page.get_by_role("link", name="Add a letter from its text").click()
            page.get_by_role("heading", name="Add a letter").wait_for()
            draft_pasted(page, LETTER)
            assert page.get_by_label("Authoring organization").input_value() == (
                "Center for Press Freedom in the Americas"
            )
            assert page.get_by_role("textbox", name="Date sent").input_value() == "2025-04-02"
            # the selected ask's passage is marked in the letter, with why it was taken
            marked = page.locator("mark#intake-passage")
            assert marked.inner_text().startswith("We urge you to press the Mexican government")
            page.get_by_text("Likely repeats: #6 Protection of human").wait_for()
            page.screenshot(path=str(SHOTS / "intake-review.png"), full_page=True)
            # the second ask: its passage is marked instead
            page.get_by_role("combobox", name="Ask").click()
            page.get_by_role("option", name=re.compile("^Row 2")).click()
            page.wait_for_function(
                "() => document.querySelector('mark#intake-passage')"
                "?.innerText.startsWith('We also ask that the Department fund legal aid')"
            )
            page.screenshot(path=str(SHOTS / "intake-review-row-2.png"), full_page=True)
            # the possible ask: third, unticked, its reason shown; the officer ticks it
            page.get_by_role("combobox", name="Ask").click()
            page.get_by_role("option", name=re.compile("^Row 3")).click()
            page.get_by_text("a possible ask, unticked: it says").wait_for()
            assert page.locator("mark#intake-passage").inner_text() == POSSIBLE
            _click_cell(page, row=3, column=1)  # its "Keep" box
            wait_for_app(page)
            page.screenshot(path=str(SHOTS / "intake-review-possible.png"), full_page=True)
            page.get_by_role("button", name="Accept").click()
            page.get_by_text("Added the letter with 2 new asks and 1 repeated.").wait_for()
            wait_for_app(page)
            assert re.search(r"/letters\?letter=\d+$", page.url)
            page.get_by_role("link", name="Protection of human-rights defenders").wait_for()
            page.get_by_role("link", name=re.compile("^Fund legal aid")).wait_for()
            page.get_by_role(
                "link", name=re.compile("^Ensure renewing the federal protection")
            ).wait_for()
            page.screenshot(path=str(SHOTS / "intake-letter-page.png"), full_page=True)
            # the repeated ask's page shows this letter with its own passage
            link = page.get_by_role("link", name="Protection of human-rights defenders")
            assert link.get_attribute("href").endswith("/asks?ask=6")
            page.goto(f"{url}/asks?ask=6")  # (markdown links open a new tab)
            page.get_by_role("heading", name="Protection of human-rights defenders").wait_for()
            page.get_by_text("“We urge you to press the Mexican government").wait_for()
            wait_for_app(page)
            page.screenshot(path=str(SHOTS / "intake-ask-page.png"), full_page=True)
            # QA 10: the new asks are the officer's (she owned none before), so her review
            # queue holds them (just added, they are not due yet: "checked in the last 90 days")
            page.goto(f"{url}/review_queue")
            wait_for_app(page)
            page.get_by_role("combobox", name="Owner").click()
            page.get_by_role("option", name="Olga Officer").click()
            wait_for_app(page)
            page.get_by_text(
                "every open ask of Olga Officer was added or checked in the last"
            ).wait_for()
            page.screenshot(path=str(SHOTS / "intake-review-queue.png"), full_page=True)
            letter_id = int(db_letter_id(db_file))
            # QA 12: the same letter again is said next to its title, and needs "Add it anyway"
            page.goto(f"{url}/add_letter")
            page.get_by_role("heading", name="Add a letter").wait_for()
            draft_pasted(page, LETTER)
            page.get_by_text(f"This looks like letter #{letter_id},").wait_for()
            page.get_by_text("by Olga Officer: the same text.").wait_for()
            link = page.get_by_role("link", name=f"Open letter #{letter_id}")
            assert link.get_attribute("href").endswith(f"letters?letter={letter_id}")
            page.screenshot(path=str(SHOTS / "intake-same-letter.png"), full_page=True)
            page.get_by_role("button", name="Accept").click()
            page.get_by_text("If it is another letter, tick “Add it anyway” below.").wait_for()
            page.get_by_text("Nothing was saved: fix the fields marked above.").wait_for()
            assert int(db_letter_id(db_file)) == letter_id  # nothing stored
            page.get_by_text("Add it anyway: it is another letter").click()
            wait_for_app(page)
            page.get_by_role("button", name="Accept").click()
            page.get_by_text("Added the letter with").wait_for()
            assert int(db_letter_id(db_file)) == letter_id + 1
        finally:
            context.close()


def db_letter_id(db_file) -> int:
    """The newest letter's id, read from the server's database file."""
    with contextlib.closing(sqlite3.connect(db_file)) as conn:
        return conn.execute("SELECT max(id) FROM letters").fetchone()[0]


def _workbook(folder) -> Path:
    """A hand-kept tracker as openpyxl writes it: a spreadsheet, not a letter."""
    book = openpyxl.Workbook()
    book.active.append(["Ask", "Status"])
    book.active.append(["Free the press", "In progress"])
    path = Path(folder) / "hand_kept.xlsx"
    book.save(path)
    return path


def test_add_a_letter_at_phone_width(app_server, tmp_path):
    url, _ = app_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        context, page = signed_in(browser, url, OFFICER, PASSWORD, width=375)
        try:
            page.goto(f"{url}/add_letter")
            page.get_by_role("heading", name="Add a letter").wait_for()
            # QA 13: a spreadsheet dropped on the uploader (no dialog filter) is named
            page.get_by_role("tab", name="Upload a file").click()
            page.locator("input[type=file]").set_input_files(str(_workbook(tmp_path)))
            page.get_by_text("hand_kept.xlsx").first.wait_for()
            page.locator("button:visible", has_text="Draft the asks").click()
            page.get_by_text(
                "hand_kept.xlsx is not a letter: upload a .pdf (with a text layer), .docx, "
                ".html, .txt or .md. To bring in a spreadsheet of asks, use Import and export."
            ).wait_for()
            link = page.get_by_role("link", name="Go to Import and export")
            assert link.get_attribute("href").endswith("import_export")
            page.screenshot(path=str(SHOTS / "intake-phone-not-a-letter.png"), full_page=True)
            # QA 2026-12-03: a file over the limit, kept out by the uploader, is said as such
            big = tmp_path / "scanned_annex.txt"
            big.write_bytes(b"We urge you to act. " * (11 * 2**20 // 20))
            page.get_by_role("button", name="Remove hand_kept.xlsx").click()
            page.get_by_role("button", name="Remove hand_kept.xlsx").wait_for(state="detached")
            page.locator("input[type=file]").set_input_files(str(big))
            page.get_by_text("scanned_annex.txt").first.wait_for()
            page.locator("button:visible", has_text="Draft the asks").click()
            page.get_by_text("Choose a file first. A file over 10 MB is not taken").wait_for()
            page.get_by_role("tab", name="Paste the text").click()
            draft_pasted(page, LETTER)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 375  # nothing forces sideways scrolling
            page.screenshot(path=str(SHOTS / "intake-phone.png"), full_page=True)
            # the table's first columns say, at a glance, which asks are drafted and which possible
            page.get_by_role("heading", name="Its asks").scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / "intake-phone-asks.png"))
            # QA 22: typed in by hand, the form says what to type, not what it found
            page.get_by_role("button", name="Start over").click()
            page.get_by_role("button", name="Or type a letter in by hand").click()
            page.get_by_text("Type the letter's details and its asks.").wait_for()
            page.get_by_text("Add one row per ask (the + below the table).").wait_for()
            wait_for_app(page)
            assert page.get_by_text("was found in the letter").count() == 0
            page.screenshot(path=str(SHOTS / "intake-phone-by-hand.png"), full_page=True)
        finally:
            context.close()


# a long letter of our own: its last ask is far below the top of the letter's box
LONG_LETTER = (
    "June 3, 2025\n\nThe Honorable Minister of the Interior\nRepublic of Honduras\n\n"
    "Dear Minister,\n\n"
    + "".join(
        f"In {year}, our monitors in the Aguán valley recorded threats against community "
        "leaders, the burning of two homes and the closure of a rural school, and the local "
        "prosecutor's office opened no file on any of them.\n\n"
        for year in range(2015, 2025)
    )
    + "We urge you to open an independent investigation into the killings of the four "
    "community leaders.\n\n"
    "Sincerely,\n\nRiverbend Rights Collective\nValley Watch Honduras\n"
)


def test_the_selected_asks_passage_is_scrolled_into_view_in_the_letter(app_server):
    """QA 2026-12-03: the letter is shown in a box of fixed height, and the marked passage of
    an ask far down the letter sat below it, unseen until the officer scrolled the box."""
    url, _ = app_server
    with chromium() as browser:
        context, page = signed_in(browser, url, OFFICER, PASSWORD, width=1280, height=1800)
        try:
            page.goto(f"{url}/add_letter")
            page.get_by_role("heading", name="Add a letter").wait_for()
            draft_pasted(page, LONG_LETTER)
            marked = page.locator("mark#intake-passage")
            assert marked.inner_text().startswith("We urge you to open an independent")
            page.wait_for_timeout(500)
            seen = page.evaluate(
                """() => {
                    const mark = document.getElementById('intake-passage');
                    let box = mark.parentElement;
                    while (box && !(box.scrollHeight > box.clientHeight + 1
                                    && getComputedStyle(box).overflowY !== 'visible')) {
                        box = box.parentElement;
                    }
                    const m = mark.getBoundingClientRect(), b = box.getBoundingClientRect();
                    return m.top >= b.top && m.bottom <= b.bottom;
                }"""
            )
            page.screenshot(path=str(SHOTS / "intake-long-letter-marked.png"), full_page=True)
            assert seen, "the marked passage is outside the letter's box"
        finally:
            context.close()
