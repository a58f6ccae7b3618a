"""An officer corrects an ask's owner and theme in a real browser (Debian's Chromium through
Playwright, against ``streamlit run`` on a free port): the ask's page opened, *Edit details*
expanded, a new owner typed through the picker's "new…", another theme picked, saved; the page
and the Asks list (filtered by the new owner and theme) show them. Screenshots at 1280 and
375 px go to artifacts/screenshots/edit-details-*.png."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from urllib.parse import quote

import browserkit
import pytest
from browserkit import OFFICER as OLGA
from browserkit import PASSWORD, ROOT, officer_server, wait_for_app
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with officer_server(tmp_path_factory.mktemp("edit-details-browser")) as served:
        yield served


def stored(db_file, ask_id: int) -> tuple:
    with closing(sqlite3.connect(db_file)) as conn:
        sql = "SELECT owner, theme FROM asks WHERE id = ?"
        return conn.execute(sql, (ask_id,)).fetchone()


def main(page):
    """The page's own content (the sidebar's filters are named Owner and Theme too)."""
    return page.locator("[data-testid='stMain']")


def pick(page, label: str, option: str) -> None:
    """Open the picker and choose ``option``, as a person does: a click that lands while a
    rerun redraws the page opens nothing, so they click again."""
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        wait_for_app(page)
        main(page).get_by_role("combobox", name=label, exact=True).click()
        try:
            choice.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    choice.click()
    wait_for_app(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_an_officer_changes_an_asks_owner_and_theme(browser, app_server, width):
    url, db_file = app_server
    ask_id = 1 if width == 1280 else 2
    owner, theme = f"Ben Ortiz {width}", "Human rights"
    context, page = browserkit.signed_in(
        browser, url, OLGA, PASSWORD, width=width, height=1400 if width == 1280 else 1600
    )
    try:
        page.goto(f"{url}/asks?ask={ask_id}")
        wait_for_app(page)
        page.get_by_text("Edit details", exact=True).click()
        title = page.get_by_role("textbox", name="Title", exact=True)
        title.wait_for()
        old_owner, old_theme = stored(db_file, ask_id)
        assert main(page).get_by_role("combobox", name="Owner", exact=True).is_visible()
        pick(page, "Owner", "new…")
        new_owner = page.get_by_role("textbox", name="New owner", exact=True)
        new_owner.click()
        new_owner.type(owner, delay=10)
        new_owner.press("Tab")
        wait_for_app(page)
        pick(page, "Theme", theme)
        page.get_by_role("button", name="Save details").click()
        wait_for_app(page)
        saved = page.get_by_text("Details saved.")
        saved.wait_for()
        assert f"\u201c{old_owner}\u201d → \u201c{owner}\u201d" in saved.inner_text()
        assert f"\u201c{old_theme}\u201d → \u201c{theme}\u201d" in saved.inner_text()
        assert stored(db_file, ask_id) == (owner, theme)
        details = page.locator("[data-testid='stMarkdownContainer']", has_text="Target:").first
        assert f"Owner: {owner}" in details.inner_text()
        assert f"Theme: {theme}" in details.inner_text()
        page.get_by_text("Edit details", exact=True).click()  # open again: the new values
        main(page).get_by_role("combobox", name="Owner", exact=True).wait_for()
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"edit-details-{width}.png"), full_page=True)
        # the Asks list, filtered (in its link) by the new owner and theme, lists the ask
        page.goto(f"{url}/asks?owner={quote(owner)}&theme={quote(theme)}")
        wait_for_app(page)
        page.get_by_text("1 ask", exact=True).wait_for()
        page.screenshot(path=str(SHOTS / f"edit-details-list-{width}.png"), full_page=True)
    finally:
        context.close()
