"""What a person reads on the overview pages is whole, at a 1280 px desktop and a 375 px
phone, in Debian's Chromium against ``streamlit run``: Streamlit cuts a tile's value or label
that does not fit with "…" ("133,…", "Insufficient …"), which only a drawn page shows."""

from __future__ import annotations

import pytest
from browserkit import ROOT, sign_in, streamlit_server, wait_for_app
from dbkit import demo_database

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "a long layout password"
LEADER = "lena@example.org"
ADMIN = "ada@example.org"
# a text Streamlit shortens with an ellipsis, inside the tiles' parts named
CUT = """(parts) => [...document.querySelectorAll(
        parts.map(part => `[data-testid=${part}], [data-testid=${part}] *`).join(','))]
    .filter(e => getComputedStyle(e).textOverflow === 'ellipsis'
                 && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    db_file = demo_database(
        folder / "demo.db", [(LEADER, "leadership", "Lena"), (ADMIN, "admin", "Ada")], PASSWORD
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db_file, folder) as url:
        yield url


@pytest.fixture(scope="module", params=[1280, 375])
def page(request, app, browser):
    """A leader signed in, at a desktop's or a phone's width."""
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    sign_in(page, LEADER, PASSWORD, app)
    page.get_by_text("Signed in as").wait_for()
    yield page
    context.close()


def cut_texts(page, app, path: str, parts: list[str]) -> list[str]:
    page.goto(f"{app}/{path}")
    wait_for_app(page)
    page.locator("[data-testid='stMetric']").first.wait_for()
    width = page.viewport_size["width"]
    page.screenshot(
        path=SHOTS / f"layout-{path.replace('?', '-') or 'dashboard'}-{width}.png", full_page=True
    )
    return page.evaluate(CUT, parts)


# the demo's indicators 5 and 6: the longest latest value (133,520) and progress status
# ("Insufficient data", "Deterioration")
PAGES = ["", "public_dashboard", "indicators?indicator=5", "indicators?indicator=6"]


@pytest.mark.parametrize("path", PAGES)
def test_indicator_and_headline_values_are_shown_whole(app, page, path):
    assert cut_texts(page, app, path, ["stMetricValue"]) == []


@pytest.mark.parametrize("path", [*PAGES, "asks?ask=5"])
def test_tile_labels_and_changes_are_shown_whole(app, page, path):
    """ "In progress or partl…", "Checked in the last …", a unit as "applications (people)…"
    and "since the pr…" were cut at 1280 px: labels short enough, the rest in help or text."""
    cut = cut_texts(page, app, path, ["stMetricLabel", "stMetricDelta", "stMetricValue"])
    assert cut == []


def test_the_asks_filters_labels_are_shown_whole(app, page):
    """QA 19a: at 1280 px the asks list's toggle read "Stale only (9…"."""
    page.goto(f"{app}/asks")
    wait_for_app(page)
    page.get_by_text("Stale only").first.wait_for()
    width = page.viewport_size["width"]
    page.screenshot(path=SHOTS / f"layout-asks-{width}.png", full_page=True)
    assert page.evaluate(CUT, ["stCheckbox", "stWidgetLabel"]) == []


def test_an_admins_sidebar_shows_every_page_at_1280_by_800(app, browser):
    """QA 2026-12-02: at 1280x800 an administrator's sidebar hid Users and Audit log behind
    "View 4 more": every page the role may open is listed, under its section."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        sign_in(page, ADMIN, PASSWORD, app)
        page.get_by_text("Signed in as").wait_for()
        nav = page.get_by_test_id("stSidebarNav")
        nav.wait_for()
        wait_for_app(page)
        page.screenshot(path=SHOTS / "layout-admin-sidebar-1280x800.png")
        assert nav.get_by_test_id("stSidebarNavViewButton").count() == 0
        for title in ("Users", "Audit log", "Import and export", "Methodology"):
            assert nav.get_by_role("link", name=title).is_visible(), title
    finally:
        context.close()
