"""Issue 10's form journeys in a real browser (Debian's Chromium through Playwright, against
``streamlit run`` on a free port): dates typed key by key as a person types them, the letter
grid filled cell by cell, two officers in two browser contexts, an oversized note. AppTest sets
widget values directly and never shows what a browser submits; these do. Screenshots go to
artifacts/screenshots/forms-*.png."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import browserkit
import pytest
from browserkit import ROOT, draft_pasted, streamlit_server, wait_for_app
from dbkit import demo_database

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "a long browser password"
OLGA = ("olga@example.org", "Olga Officer")
BEN = ("ben@example.org", "Ben Officer")


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms-browser")
    officers = [(email, "officer", name) for email, name in (OLGA, BEN)]
    db_file = demo_database(folder / "demo.db", officers, PASSWORD)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db_file, folder) as url:
        yield url, db_file


def signed_in(browser, url: str, who: tuple[str, str] = OLGA):
    """A new browser context (its own cookies: another person) signed in as ``who``."""
    return browserkit.signed_in(browser, url, who[0], PASSWORD, height=1100)


@pytest.fixture
def page(browser, app_server):
    context, page = signed_in(browser, app_server[0])
    yield page
    context.close()


def rows(db_file, sql: str, params: tuple = ()) -> list[tuple]:
    with closing(sqlite3.connect(db_file)) as conn:
        return conn.execute(sql, params).fetchall()


def entries(db_file, ask_id: int) -> int:
    return rows(db_file, "SELECT COUNT(*) FROM status_updates WHERE ask_id = ?", (ask_id,))[0][0]


def type_into(page, name: str, text: str) -> None:
    """Click a text field, select what it holds and type ``text`` key by key."""
    box = page.get_by_role("textbox", name=name, exact=True)
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=15)


def error_after(page, name: str):
    """The error shown right under the field ``name`` (its placeholder follows the widget)."""
    widget = page.locator(f"[data-testid='stTextInput']:has(input[aria-label='{name}'])")
    return widget.locator(
        "xpath=ancestor::div[contains(@class,'stElementContainer')][1]"
        "/following-sibling::div[1]//div[@data-testid='stAlertContentError']"
    )


def choose_status(page, label: str) -> None:
    page.get_by_role("combobox", name="New status").click()
    page.get_by_role("option", name=label, exact=True).click()


def open_update_form(page, url: str, ask_id: int) -> None:
    page.goto(f"{url}/record_update?ask={ask_id}")
    wait_for_app(page)
    page.get_by_text("Current outcome", exact=True).wait_for()


def grid_cells(grid) -> list[str]:
    """What the data editor shows, cell by cell (from the grid's accessible table)."""
    return grid.locator("table td").all_inner_texts()


BROWSER_LETTER = """March 2, 2015

Dear Secretary,

We urge you to press the authorities to protect the journalists of the northern border.

The Department should also fund the protection mechanism for human rights defenders.

Sincerely,

Press Watch Browser Group
Red de Prueba
"""


# x of the Title column in the review table: after the row marker, Keep and Found as (small
# columns), inside the large Title column
TITLE_X = 260


def type_in_grid_cell(page, grid, row: int, x: float, text: str) -> None:
    """Type ``text`` into a cell of the data editor (``x`` pixels into the grid; an empty
    ``text`` empties it) as a person does: focus the grid on another cell of the row, click
    the cell, Enter to edit, select all, type (or delete), Tab to keep it."""
    grid.scroll_into_view_if_needed()  # (clicks by position land only inside the viewport)
    box = grid.bounding_box()
    y = box["y"] + 35 * row + 17
    page.mouse.click(box["x"] + box["width"] - 40, y)
    page.wait_for_timeout(400)
    page.mouse.click(box["x"] + x, y)
    page.wait_for_timeout(400)
    page.keyboard.press("Enter")
    page.wait_for_timeout(250)
    page.keyboard.press("Control+A")
    if text:
        page.keyboard.type(text, delay=10)
    else:
        page.keyboard.press("Backspace")
    page.wait_for_timeout(250)
    page.keyboard.press("Tab")
    page.wait_for_timeout(250)
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)


def drafted_letter(page, url: str) -> None:
    """Add a letter with the test letter pasted and its asks drafted (nothing stored yet)."""
    page.goto(f"{url}/add_letter")
    wait_for_app(page)
    draft_pasted(page, BROWSER_LETTER)


def test_officer_enters_a_letter_with_asks_then_an_update_dated_2015(app_server, page):
    url, db_file = app_server
    drafted_letter(page, url)
    type_into(page, "Title", "Browser letter on protection (2015)")
    type_into(page, "Date sent", "2015-02-10")
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for()
    titles = [t for t in grid_cells(grid) if t.startswith(("Press the", "Fund the"))]
    assert len(titles) == 2, grid_cells(grid)
    type_in_grid_cell(page, grid, 2, TITLE_X, "")  # empty the second ask's title
    page.get_by_role("button", name="Accept").click()

    # the missing ask title is said under the table, by row, not under the letter's Title
    problem = page.get_by_text("Row 2: title is required.")
    problem.wait_for()
    assert error_after(page, "Title").count() == 0
    assert problem.bounding_box()["y"] > grid.bounding_box()["y"]
    page.screenshot(path=str(SHOTS / "forms-letter-grid-error.png"), full_page=True)
    assert rows(db_file, "SELECT id FROM letters WHERE title LIKE 'Browser letter%'") == []

    type_in_grid_cell(page, grid, 2, TITLE_X, "Fund the protection mechanism (browser)")
    assert "Fund the protection mechanism (browser)" in grid_cells(grid)
    page.get_by_role("button", name="Accept").click()
    page.get_by_role("heading", name="Browser letter on protection (2015)").wait_for()
    ((letter_id, date_sent),) = rows(
        db_file, "SELECT id, date_sent FROM letters WHERE title LIKE 'Browser letter%'"
    )
    assert date_sent == "2015-02-10"
    asks = rows(
        db_file,
        "SELECT a.id, a.title FROM asks a JOIN letter_asks l ON l.ask_id = a.id "
        "WHERE l.letter_id = ? ORDER BY a.id",
        (letter_id,),
    )
    assert [title for _, title in asks][1] == "Fund the protection mechanism (browser)"
    assert asks[0][1].startswith("Press the authorities to protect the journalists")

    ask_id = asks[0][0]
    open_update_form(page, url, ask_id)
    choose_status(page, "In progress")
    type_into(page, "Effective date (when it happened)", "2015-03-01")
    page.get_by_role("textbox", name="Note").fill("Background: the mechanism met in March 2015.")
    page.get_by_role("button", name="Record update").click()
    page.get_by_text("Update recorded for").first.wait_for()
    assert "2015-03-01" in page.get_by_text("Update recorded for").first.inner_text()
    # the form is cleared for the next entry: nothing left to be saved twice by mistake
    wait_for_app(page)
    assert page.get_by_role("textbox", name="Note").input_value() == ""
    page.screenshot(path=str(SHOTS / "forms-update-2015.png"), full_page=True)
    assert rows(
        db_file,
        "SELECT status, effective_date FROM status_updates WHERE ask_id = ? AND track = 'outcome'",
        (ask_id,),
    ) == [("in_progress", "2015-03-01")]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("1800-01-01", "is before 1970-01-01"),
        ("2019-02-30", "February 2019 has 28 days"),
    ],
)
def test_a_typed_impossible_date_shows_an_error_and_saves_nothing(app_server, page, typed, said):
    url, db_file = app_server
    before = entries(db_file, 3)
    open_update_form(page, url, 3)
    choose_status(page, "Stalled")
    type_into(page, "Effective date (when it happened)", typed)
    page.get_by_role("textbox", name="Note").fill("Typed date test.")
    page.get_by_role("button", name="Record update").click()
    error = error_after(page, "Effective date (when it happened)")
    error.wait_for()
    assert typed in error.inner_text() and said in error.inner_text()
    # the field still shows what was typed, and nothing says it was saved
    field = page.get_by_role("textbox", name="Effective date (when it happened)", exact=True)
    assert field.input_value() == typed
    assert page.get_by_text("Update recorded").count() == 0
    page.screenshot(path=str(SHOTS / f"forms-date-{typed}.png"), full_page=True)
    assert entries(db_file, 3) == before


def test_an_update_dated_before_the_ask_was_added_is_recorded_once_confirmed(app_server, page):
    """QA 1: ask 3 was first asked on 2018-07-11; an update typed as 2015-03-01 is held back
    with a sentence under the date and recorded only once the officer ticks that it is meant."""
    url, db_file = app_server
    before = entries(db_file, 3)
    open_update_form(page, url, 3)
    choose_status(page, "In progress")
    type_into(page, "Effective date (when it happened)", "2015-03-01")
    page.get_by_role("textbox", name="Note").fill("Background: the first reform bill of 2015.")
    page.get_by_role("button", name="Record update").click()
    said = page.get_by_text("is before #3 was first asked, on 2018-07-11")
    said.wait_for()
    date_box = page.get_by_role("textbox", name="Effective date (when it happened)", exact=True)
    assert said.bounding_box()["y"] > date_box.bounding_box()["y"]  # under the date
    assert date_box.input_value() == "2015-03-01"
    assert entries(db_file, 3) == before
    page.screenshot(path=str(SHOTS / "forms-update-before-added.png"), full_page=True)
    page.get_by_text("Yes: it happened on 2015-03-01, before the ask was made").click()
    page.get_by_role("button", name="Record update").click()
    page.get_by_text("Update recorded for").first.wait_for()
    assert entries(db_file, 3) == before + 1
    (latest,) = rows(
        db_file,
        "SELECT effective_date, note FROM status_updates WHERE ask_id = 3 ORDER BY id DESC LIMIT 1",
    )
    assert latest == ("2015-03-01", "Background: the first reform bill of 2015.")


def test_two_officers_update_one_ask_and_the_second_must_confirm(app_server, browser):
    url, db_file = app_server
    ctx_a, olga = signed_in(browser, url, OLGA)
    ctx_b, ben = signed_in(browser, url, BEN)
    try:
        open_update_form(olga, url, 5)
        open_update_form(ben, url, 5)  # both forms loaded before either submits
        choose_status(olga, "In progress")
        olga.get_by_role("textbox", name="Note").fill("Olga: the bill was tabled today.")
        choose_status(ben, "Stalled")
        ben.get_by_role("textbox", name="Note").fill("Ben: the committee shelved it.")
        before = entries(db_file, 5)

        olga.get_by_role("button", name="Record update").click()
        olga.get_by_text("Update recorded for").first.wait_for()
        assert entries(db_file, 5) == before + 1

        ben.get_by_role("button", name="Record update").click()
        warning = ben.get_by_text("Not saved: someone else updated this ask")
        warning.wait_for()
        box = ben.locator("[data-testid='stAlertContentWarning']").first.inner_text()
        for fragment in ("Olga Officer", "In progress", "Olga: the bill was tabled today."):
            assert fragment in box, fragment
        ben.get_by_role("button", name="Record mine anyway").scroll_into_view_if_needed()
        ben.screenshot(path=str(SHOTS / "forms-stale-warning.png"), full_page=True)
        assert entries(db_file, 5) == before + 1  # Ben's is not saved yet

        ben.get_by_role("button", name="Record mine anyway").click()
        ben.get_by_text("Update recorded for").first.wait_for()
        latest = rows(
            db_file,
            "SELECT status, note, recorded_by FROM status_updates WHERE ask_id = 5 "
            "ORDER BY id DESC LIMIT 2",
        )
        assert latest == [
            ("stalled", "Ben: the committee shelved it.", BEN[0]),
            ("in_progress", "Olga: the bill was tabled today.", OLGA[0]),
        ]
    finally:
        ctx_a.close()
        ctx_b.close()


def test_a_too_long_note_via_the_form_is_refused_and_stores_nothing(app_server, page):
    url, db_file = app_server
    before = entries(db_file, 2)
    open_update_form(page, url, 2)
    choose_status(page, "Stalled")
    # pasted, as a person pastes a report: 10,500 characters
    page.get_by_role("textbox", name="Note").fill("Pasted report. " * 700)
    page.get_by_role("button", name="Record update").click()
    error = page.get_by_text("characters long; the limit is 10,000")
    error.wait_for()
    assert "Note is 10,499 characters long" in error.inner_text()
    error.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "forms-long-note.png"), full_page=True)
    assert entries(db_file, 2) == before


def test_a_percentage_with_a_thousands_separator_is_refused_in_the_browser(app_server, page):
    url, db_file = app_server
    ((indicator,),) = rows(db_file, "SELECT id FROM indicators WHERE unit LIKE '\\%%' ESCAPE '\\'"
                                    " ORDER BY id LIMIT 1")  # fmt: skip
    before = rows(db_file, "SELECT COUNT(*) FROM observations")
    page.goto(f"{url}/indicators?indicator={indicator}")
    wait_for_app(page)
    page.get_by_text("Add an observation").click()
    value = page.get_by_role("textbox", name="Value", exact=False).first
    value.click()
    page.keyboard.type("1,234.5")
    type_into(page, "Date the value refers to", "2024-06-30")
    page.get_by_role("button", name="Add observation").click()
    error = page.get_by_text("has thousands separators")
    error.wait_for()
    assert "as 1234.5" in error.inner_text()
    page.screenshot(path=str(SHOTS / "forms-observation-separator.png"), full_page=True)
    assert rows(db_file, "SELECT COUNT(*) FROM observations") == before


def test_offering_an_existing_ask_keeps_the_edits_made_in_the_review_table(app_server, page):
    """Regression (QA): "Offer it" (Link a row to another existing ask) adds a choice to the
    table's "Same as" column, which made Streamlit draw a new table from the draft and threw
    away every edit already made in it."""
    url, _ = app_server
    drafted_letter(page, url)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for()
    edited = "Protect the northern border's journalists (edited)"
    type_in_grid_cell(page, grid, 1, TITLE_X, edited)
    wait_for_app(page)
    assert edited in grid_cells(grid)
    page.get_by_text("Link a row to another existing ask").click()
    # (an ask the draft does not offer already: those say so in place of the button)
    page.get_by_label("Find an ask by its words").fill("anti-corruption system")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Offer it").first.click()
    wait_for_app(page)
    page.screenshot(path=str(SHOTS / "forms-offer-keeps-edits.png"), full_page=True)
    assert edited in grid_cells(grid), grid_cells(grid)


def observation_form(page, url: str, indicator: int, value: str, date: str) -> None:
    page.goto(f"{url}/indicators?indicator={indicator}")
    wait_for_app(page)
    page.get_by_text("Add an observation").click()
    box = page.get_by_role("textbox", name="Value", exact=False).first
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    type_into(page, "Date the value refers to", date)


def test_a_second_value_for_a_date_is_refused_then_made_a_correction(app_server, browser):
    """QA 20: the demo holds 4 for 2023 (RSF). Olga's 8 for that date is refused under the Date
    field, naming the 4; ticked as a correction it replaces it. Ben, whose form was opened
    before, is stopped by the two-people guard, and "Record mine anyway" is refused too: the
    date keeps one value, Olga's."""
    url, db_file = app_server
    ((indicator,),) = rows(db_file, "SELECT id FROM indicators WHERE name LIKE 'Journalists%'")
    dated = "SELECT value FROM observations WHERE indicator_id = ? AND date = '2023-12-31'"
    ctx_a, olga = signed_in(browser, url, OLGA)
    ctx_b, ben = signed_in(browser, url, BEN)
    try:
        observation_form(olga, url, indicator, "8", "2023-12-31")
        observation_form(ben, url, indicator, "9", "2023-12-31")
        olga.get_by_role("button", name="Add observation").click()
        error = error_after(olga, "Date the value refers to")
        error.wait_for()
        said = error.inner_text()
        for fragment in ("2023-12-31 already has the value 4", "lapalabranoticias.com", "correct"):
            assert fragment in said, fragment
        olga.screenshot(path=str(SHOTS / "forms-observation-date-taken.png"), full_page=True)
        assert rows(db_file, dated, (indicator,)) == [(4.0,)]

        olga.get_by_test_id("stCheckbox").get_by_text("Correct the value already recorded").click()
        olga.get_by_role("button", name="Add observation").click()
        wait_for_app(olga)
        olga.screenshot(path=str(SHOTS / "forms-observation-corrected.png"), full_page=True)
        assert rows(db_file, dated, (indicator,)) == [(8.0,)]

        ben.get_by_role("button", name="Add observation").click()
        ben.get_by_text("Not saved: someone else added a value").wait_for()
        ben.get_by_role("button", name="Record mine anyway").click()
        refused = ben.get_by_text("2023-12-31 already has the value 8")
        refused.wait_for()
        assert "Olga Officer" in refused.inner_text()
        ben.screenshot(path=str(SHOTS / "forms-observation-anyway-refused.png"), full_page=True)
        assert rows(db_file, dated, (indicator,)) == [(8.0,)]
    finally:
        ctx_a.close()
        ctx_b.close()
