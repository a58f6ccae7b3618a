"""Adding an ask the draft missed, in a real browser (Debian's Chromium through Playwright,
against ``streamlit run`` on a free port): paste a letter whose one ask the draft misses, edit
the drafted row, find the missed sentence by typing a few of its words, add it, see it marked
in the letter, accept, and see it on the letter's page; at 1280 and at 375 px. Screenshots
land in artifacts/screenshots/ (git-ignored)."""

from __future__ import annotations

import re

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

SHOTS = ROOT / "artifacts" / "screenshots"
LETTER = (ROOT / "tests" / "data" / "missed-ask-en.txt").read_text(encoding="utf-8")
PICKER = "A sentence or list item of the letter that no row holds"
MISSED = "A public register of every threat reported by journalists"

pytestmark = pytest.mark.browser


@pytest.fixture
def app_server(tmp_path_factory):
    """A server of its own for each width: the same letter twice would be said to be stored."""
    with officer_server(tmp_path_factory.mktemp("intake-pick-browser")) as (url, _):
        yield url


@pytest.mark.parametrize("width", [1280, 375])
def test_pick_the_missed_ask_add_it_accept_and_see_it_on_the_letters_page(app_server, width):
    url = app_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with signed_in_page(
        url, "add_letter", "Add a letter", OFFICER, PASSWORD, width=width, height=1800
    ) as page:
        draft_pasted(page, LETTER)
        grid = page.locator("[data-testid='stDataFrame']").first
        edited = f"Restore Radio Mar's protection ({width} px)"
        if width >= 1280:  # (at 375 px the Title column is off the grid's screen)
            type_in_grid_cell(page, grid, 1, TITLE_X, edited)
            wait_for_app(page)
            assert edited in grid_cells(grid)
        assert MISSED not in " ".join(grid_cells(grid))  # the draft missed it
        page.get_by_role("heading", name="Add an ask the draft missed").wait_for()
        picker = page.get_by_role("combobox", name=PICKER)
        picker.click()
        page.keyboard.type("public register", delay=20)
        option = page.get_by_role("option", name=re.compile("^A public register"))
        assert option.count() == 1
        assert option.inner_text().endswith("…")  # a long sentence, cut
        page.screenshot(path=str(SHOTS / f"intake-pick-{width}.png"), full_page=True)
        option.click()
        wait_for_app(page)
        page.get_by_role("button", name="Add as an ask").click()
        wait_for_app(page)
        page.get_by_text("picked by you: the draft had missed it").wait_for()
        marked = page.locator("mark#intake-passage")
        assert marked.inner_text().startswith(MISSED)
        cells = " ".join(grid_cells(grid))
        assert "Picked" in grid_cells(grid)  # its "Found as" cell
        assert "Ensure a public register of every threat" in cells
        if width >= 1280:
            assert edited in cells  # the edit made before picking is kept
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"intake-picked-{width}.png"), full_page=True)
        page.get_by_role("button", name="Accept").click()
        page.get_by_text("Added the letter with 2 new asks.").wait_for()
        wait_for_app(page)
        assert re.search(r"/letters\?letter=\d+$", page.url)
        page.get_by_role(
            "link", name=re.compile("^Ensure a public register of every threat")
        ).wait_for()
        if width >= 1280:
            page.get_by_role("link", name=edited).wait_for()
        page.screenshot(path=str(SHOTS / f"intake-picked-letter-{width}.png"), full_page=True)
