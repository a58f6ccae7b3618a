"""The import journey in a real browser: an officer uploads the messy NGO workbook, sees the
proposed mapping, runs a dry run and reads its problems, maps the missing status and gives the
missing defaults, dry-runs clean, imports, and sees the summary. Debian's Chromium through
Playwright against ``streamlit run``; screenshots in artifacts/screenshots/import-*.png."""

from __future__ import annotations

import pytest
from browserkit import ROOT, chromium, signed_in, streamlit_server, wait_for_app
from clikit import count, query
from test_import_export import messy_workbook

from tracker import users
from tracker.auth import Actor, acting_as
from tracker.db import open_db
from tracker.vocabulary import load_vocabulary

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
OFFICER = "olga@example.org"
PASSWORD = "a long browser password"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"import-{name}.png"), full_page=True)


def test_officer_imports_the_messy_workbook_through_the_page(tmp_path):
    db_file = tmp_path / "tracker.db"
    db = open_db(db_file, create=True)
    with acting_as(Actor(email="setup@example.org", role="admin", via="test")):
        load_vocabulary(db)
        users.add_user(db, OFFICER, "officer", name="Olga Officer", password=PASSWORD)
    db.close()
    workbook = tmp_path / "seguimiento.xlsx"
    workbook.write_bytes(messy_workbook(fixed=True))
    with streamlit_server(db_file, tmp_path) as url, chromium() as browser:
        context, page = signed_in(browser, url, OFFICER, PASSWORD, height=2400)

        page.goto(f"{url}/import_export")
        wait_for_app(page)
        page.get_by_role("heading", name="Import and export").wait_for()
        page.locator("input[type=file]").set_input_files(str(workbook))
        page.get_by_role("heading", name="Columns").wait_for()
        wait_for_app(page)
        page.get_by_text("Sheet '2022': asks, headers on row 3").wait_for()
        page.get_by_text("Sheet '2023': asks, headers on row 2").wait_for()
        page.get_by_text("is not mapped yet: 'Medio cumplida'").wait_for()
        _shot(page, "1-mapping")

        page.get_by_role("button", name="Dry run").click()
        page.get_by_text("problems: nothing will be imported").wait_for()
        wait_for_app(page)
        table = page.locator("[data-testid='stTable']")
        table.get_by_text("unknown status 'Medio cumplida'", exact=False).wait_for()
        assert "no column is mapped to Country" in table.inner_text()
        _shot(page, "2-problems")
        assert count(db_file, "asks") == 0

        # the person gives what the sheet lacks and maps the status nobody guessed
        for label, value in (("Country", "Mexico"), ("Theme", "Military accountability")):
            box = page.get_by_role("textbox", name=label)
            box.fill(value)
            box.press("Enter")
            wait_for_app(page)
        page.get_by_role("combobox", name="“Medio cumplida” (1 row)").click()
        page.get_by_role("option", name="Outcome: Partially achieved").click()
        wait_for_app(page)
        page.get_by_role("button", name="Dry run").click()
        page.get_by_text("Dry run: no problems.").wait_for()
        page.get_by_text("Would add: 4 asks, 7 status updates.").wait_for()
        _shot(page, "3-clean-dry-run")

        page.get_by_role("button", name="Import", exact=True).click()
        page.get_by_text("Imported seguimiento.xlsx: added 4 asks, 7 status updates.").wait_for()
        wait_for_app(page)
        _shot(page, "4-summary")
        assert "Traceback" not in page.content()

        page.set_viewport_size({"width": 390, "height": 844})  # a phone
        page.wait_for_timeout(800)
        _shot(page, "5-summary-phone")
        context.close()
    assert count(db_file, "asks") == 4 and count(db_file, "status_updates") == 7
    assert query(db_file, "SELECT actor FROM audit_log WHERE action = 'import'") == [
        {"actor": OFFICER}
    ]
