"""Deleting the middle row of Add a letter's review table, then Accept, in a real browser
(Debian's Chromium through Playwright, against ``streamlit run`` on a free port): a problem in
the row after it is said by the number the table now shows, and Accept stores the other two
asks, not the deleted one. tests/test_intake_row_numbers.py has the AppTest side (a row
emptied rather than deleted). Screenshots in artifacts/screenshots/."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import pytest
from browserkit import (
    OFFICER,
    PASSWORD,
    ROOT,
    draft_pasted,
    officer_server,
    signed_in_page,
    wait_for_app,
)
from test_form_browser import TITLE_X, grid_cells, type_in_grid_cell

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
LETTER = (ROOT / "tests" / "data" / "three-asks-en.txt").read_text(encoding="utf-8")
FIRST, MIDDLE, LAST = "Reopen the investigation", "Publish each year", "Fund shelters"


@pytest.fixture
def app_server(tmp_path_factory):
    with officer_server(tmp_path_factory.mktemp("intake-row-numbers-browser")) as served:
        yield served


def stored_asks(db_file) -> list[str]:
    with closing(sqlite3.connect(db_file)) as conn:
        return [
            title
            for (title,) in conn.execute(
                "SELECT a.title FROM asks a JOIN letter_asks x ON x.ask_id = a.id "
                "WHERE x.letter_id = (SELECT MAX(id) FROM letters) ORDER BY a.id"
            )
        ]


def letters(db_file) -> int:
    with closing(sqlite3.connect(db_file)) as conn:
        return conn.execute("SELECT COUNT(*) FROM letters").fetchone()[0]


def delete_row(page, grid, row: int) -> None:
    """Select a row by its marker (the grid's first column) and press Delete, as a person
    does; back once the page has run again."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 * row + 17)
    page.wait_for_timeout(400)
    page.keyboard.press("Delete")
    page.wait_for_timeout(800)
    wait_for_app(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_delete_the_middle_row_then_accept(app_server, width):
    url, db_file = app_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with signed_in_page(
        url, "add_letter", "Add a letter", OFFICER, PASSWORD, width=width, height=1600
    ) as page:
        draft_pasted(page, LETTER)
        grid = page.locator("[data-testid='stDataFrame']").first
        titles = [c for c in grid_cells(grid) if c.startswith((FIRST, MIDDLE, LAST))]
        assert [t.split(" ")[0] for t in titles] == ["Reopen", "Publish", "Fund"], titles
        delete_row(page, grid, 2)
        cells = " ".join(grid_cells(grid))
        assert MIDDLE not in cells and FIRST in cells and LAST in cells
        shown = page.get_by_role("combobox", name="Ask")
        shown.scroll_into_view_if_needed()
        wait_for_app(page)
        shown.click()
        page.get_by_role("option").first.wait_for()
        options = page.get_by_role("option").all_inner_texts()
        page.keyboard.press("Escape")
        assert [o.split(":")[0] for o in options] == ["Row 1", "Row 2"], options
        assert options[1].startswith(f"Row 2: {LAST}")
        if width >= 1280:  # (at 375 px the Title column is off the grid's screen)
            type_in_grid_cell(page, grid, 2, TITLE_X, "")  # the row after the deleted one
            wait_for_app(page)
            page.get_by_role("button", name="Accept").click()
            problem = page.get_by_text("Row 2: title is required.")
            problem.wait_for()
            assert page.get_by_text(re.compile(r"Row 3\b")).count() == 0
            assert problem.bounding_box()["y"] > grid.bounding_box()["y"]
            page.screenshot(path=str(SHOTS / "intake-deleted-row-error.png"), full_page=True)
            assert letters(db_file) == 1  # the demo's letter: nothing stored
            type_in_grid_cell(page, grid, 2, TITLE_X, "Fund shelters for journalists")
            wait_for_app(page)
        page.screenshot(path=str(SHOTS / f"intake-deleted-row-{width}.png"), full_page=True)
        page.get_by_role("button", name="Accept").click()
        page.get_by_text("Added the letter with 2 new asks.").wait_for()
        wait_for_app(page)
        stored = stored_asks(db_file)
        assert len(stored) == 2 and stored[0].startswith(FIRST)
        assert stored[1].startswith(LAST) and not any(s.startswith(MIDDLE) for s in stored)
        page.get_by_role("link", name=re.compile(f"^{LAST}")).wait_for()
