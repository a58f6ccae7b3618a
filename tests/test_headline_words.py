"""The headline figures say the same words everywhere (QA 2026-12-03): the dashboard's tile
said "Moving" where the public page, a snapshot and its report say "In progress or partly
achieved" for the same count (the statuses data/statuses.json puts in the bucket). Each
tile's help names the statuses it counts."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import LEADER

from tracker import report, snapshots
from tracker.db import open_db

BUCKETS = ("In progress or partly achieved", "Stalled or reversed")


def metrics(at) -> dict[str, object]:
    return {m.label: m for m in at.metric}


@pytest.mark.parametrize("page", [None, "public_dashboard"])
def test_headline_tiles_use_the_words_of_the_report(app_db, page):
    at = open_app(LEADER, page, as_of="2019-01-01")
    assert not at.exception
    shown = metrics(at)
    assert "Moving" not in shown
    for label in ("Asks tracked", "Achieved", *BUCKETS):
        assert label in shown, (page, label, list(shown))
    # 2019-01-01: four asks in progress or partly achieved, one reversed (test_app's count)
    assert shown["In progress or partly achieved"].value == "4"
    assert shown["Stalled or reversed"].value == "1"


def test_the_report_heads_its_figures_in_the_same_words(app_db):
    assert tuple(report.HEADLINE_LABELS.values())[2:] == BUCKETS
    db = open_db(app_db)
    content = snapshots.build_content(db, "2019-01-01")
    db.close()
    html = report.render_html(content)
    for label in report.HEADLINE_LABELS.values():
        assert f"</b>{label.lower()}</div>" in html


def test_each_bucket_tile_names_the_statuses_it_counts(app_db):
    shown = metrics(open_app(LEADER, None, as_of="2019-01-01"))
    assert "In progress or Partially achieved" in shown["In progress or partly achieved"].help
    assert "Reversed or Stalled" in shown["Stalled or reversed"].help
    assert "Achieved" in shown["Achieved"].help


def test_public_tiles_show_a_change_only_when_there_is_one(app_db):
    """QA 2026-12-03 (375 px): donors read a grey "0" under every public tile, unexplained.
    As on the dashboard, a tile shows a change only when there is one, and its help says
    what it is compared with."""
    at = open_app(LEADER, "public_dashboard")  # today: nothing changed in 90 days
    shown = metrics(at)
    for label in ("Achieved", *BUCKETS):
        assert shown[label].delta in (None, ""), (label, shown[label].delta)
    moved = metrics(open_app(LEADER, "public_dashboard", as_of="2019-01-01"))
    assert moved["In progress or partly achieved"].delta == "1"
    assert "90 days earlier" in moved["In progress or partly achieved"].help
