"""The headline tiles' labels show whole at every width (QA 2026-12-03): in five columns of a
1024 px window (sidebar open) the dashboard read "Asks t…", "In progress or partl…" and
"Checked r…", public progress "In progress or partly ac…". The tiles flow in a row that
wraps, each as wide as its label, so none is cut, at 375, 1024 and 1280 px."""

from __future__ import annotations

import pytest
from browserkit import ROOT, signed_in, streamlit_server, wait_for_app
from dbkit import demo_database

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "a long headline password"
LEADER = "lena@example.org"
# each tile label cut by its box (text-overflow: ellipsis leaves scrollWidth > clientWidth)
CUT_LABELS = """() => [...document.querySelectorAll('[data-testid="stMetricLabel"]')]
  .flatMap(label => [label, ...label.querySelectorAll('*')])
  .filter(el => el.scrollWidth > el.clientWidth + 1)
  .map(el => el.textContent.trim())"""
LABELS = ["Asks tracked", "Achieved", "In progress or partly achieved", "Stalled or reversed"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("headline")
    db_file = demo_database(folder / "demo.db", [(LEADER, "leadership", "Lena")], PASSWORD)
    with streamlit_server(db_file, folder) as url:
        yield url


@pytest.mark.parametrize("width", [1280, 1024, 375])
@pytest.mark.parametrize("path", ["dashboard", "public_dashboard"])
def test_headline_labels_are_whole(app, browser, path, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = signed_in(
        browser, f"{app}/{path}?as_of=2019-01-01", LEADER, PASSWORD, width=width, height=900
    )
    wait_for_app(page)
    labels = page.locator("[data-testid='stMetricLabel']").all_inner_texts()
    cut = page.evaluate(CUT_LABELS)
    page.screenshot(path=str(SHOTS / f"headline-{path}-{width}.png"))
    context.close()
    assert all(label in labels for label in LABELS), labels
    assert cut == []
