"""Importing asks that have no owner, in a real browser (Debian's Chromium through Playwright,
against ``streamlit run`` on a free port). QA 2026-12-03: a spreadsheet whose rows name no
owner imported asks that no review queue ever shows, and nothing said so (Add a letter warns
before Accept). The dry run now says how many new asks have no owner and what to do, and an
Owner given for every new ask without one makes it go away. The columns to map read in the
sheet's order at 375 px too (three columns stacked as A, D, G, B, ...). Screenshots in
artifacts/screenshots/."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import pytest
from browserkit import (
    OFFICER,
    PASSWORD,
    ROOT,
    officer_server,
    signed_in_page,
    wait_for_app,
)

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
ROWS = [
    ("Title", "Target", "Theme", "Country", "Status", "Status date", "Owner"),
    ("Restore a radio reporter's escort", "Interior ministry", "Press freedom", "Mexico",
     "In progress", "2026-11-15", "Olga Officer"),
    ("Review the protection cases closed in 2025", "Interior ministry", "Press freedom",
     "Mexico", "Stalled", "2026-11-15", ""),
    ("Publish a monthly registry of disappearances", "Attorney General", "Human rights",
     "Mexico", "Stalled", "2026-11-01", ""),
]  # fmt: skip
SHEET = "".join(",".join(row) + "\n" for row in ROWS)


@pytest.fixture
def app_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("import-owner-browser")
    (folder / "tracker.csv").write_text(SHEET, encoding="utf-8")
    with officer_server(folder) as (url, db_file):
        yield url, db_file, folder / "tracker.csv"


def owners(db_file, titles: tuple[str, ...]) -> list:
    with closing(sqlite3.connect(db_file)) as conn:
        marks = ", ".join("?" * len(titles))
        return conn.execute(
            f"SELECT owner FROM asks WHERE title IN ({marks}) ORDER BY id", titles
        ).fetchall()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_dry_run_says_which_new_asks_have_no_owner(app_server, width):
    url, db_file, sheet = app_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with signed_in_page(
        url, "import_export", "Import and export", OFFICER, PASSWORD, width=width, height=2400
    ) as page:
        page.locator("input[type=file]").set_input_files(str(sheet))
        page.get_by_role("heading", name="Columns").wait_for()
        wait_for_app(page)
        # the columns read A, B, C... also at 375 px, where the page's three columns stack
        labels = page.locator("[data-testid='stSelectbox'] label").all_inner_texts()
        columns = [label for label in labels if re.match(r"^[A-G] \(", label)]
        assert columns == sorted(columns) and len(columns) == 7, columns
        page.get_by_role("button", name="Dry run").click()
        page.get_by_text("Dry run: no problems.").wait_for()
        warned = page.get_by_text("2 new asks have no owner")
        warned.wait_for()
        assert "review queue" in warned.inner_text()
        page.screenshot(path=str(SHOTS / f"import-unowned-{width}.png"), full_page=True)
        page.get_by_role("textbox", name="Owner", exact=True).fill("Olga Officer")
        page.keyboard.press("Tab")
        wait_for_app(page)
        page.get_by_role("button", name="Dry run").click()
        page.get_by_text("Dry run: no problems.").wait_for()
        wait_for_app(page)
        assert page.get_by_text("have no owner").count() == 0
        page.get_by_role("button", name="Import", exact=True).click()
        page.get_by_text("Imported tracker.csv").wait_for()
        wait_for_app(page)
        assert page.get_by_text("no owner").count() == 0
        titles = tuple(row[0] for row in ROWS[1:])
        assert owners(db_file, titles) == [("Olga Officer",)] * 3
