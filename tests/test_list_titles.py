"""Long ask titles read whole in the lists (QA 2026-12-03): the title column is 180 px wide
(so the status beside it shows on a phone), and at 1280 px a title such as "Implementation
of the National Anti-Corruption System (SNA)" was cut to "Implementation of the Nation".
The rows of a list with such a title are tall enough for it to wrap (Streamlit wraps a
cell's text only in rows taller than 64 px); a list of short titles keeps one-line rows."""

from __future__ import annotations

import json
import sys

import pandas as pd
from appkit import open_app
from browserkit import ROOT
from dbkit import LEADER

sys.path.insert(0, str(ROOT))  # the app's own folder, as `streamlit run app.py` has it
from tracker import report, snapshots
from tracker.auth import Actor, acting_as
from tracker.db import open_db
from webapp import titles  # noqa: E402

LONGEST = "Implementation of the National Anti-Corruption System (SNA)"


def table_with(at, column: str):
    """The proto of the page's table whose data has ``column`` among its headers."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.proto, frame.value
    raise AssertionError(f"no table with {column}: {[list(f.value.columns) for f in at.dataframe]}")


def wraps_whole(proto, shown: pd.DataFrame, title: str) -> None:
    config = json.loads(proto.columns)
    assert config[title]["width"] == titles.TITLE_PX  # still a phone's width
    assert proto.row_height > titles.WRAP_FROM_PX - 1  # tall enough to wrap at all
    lines = titles.lines_needed(shown[title])
    assert lines >= 3  # the longest title takes three lines at that width
    assert proto.row_height >= 2 * titles.PAD_PX + titles.LINE_PX * lines


def test_the_asks_list_wraps_long_titles(app_db):
    at = open_app(LEADER, "asks")
    assert not at.exception
    proto, shown = table_with(at, "title")
    assert LONGEST in shown["title"].tolist()
    wraps_whole(proto, shown, "title")


def test_the_dashboards_stale_asks_wrap_long_titles(app_db):
    at = open_app(LEADER, None)
    proto, shown = table_with(at, "days_since_checked")
    assert LONGEST in shown["title"].tolist()
    wraps_whole(proto, shown, "title")


def test_short_titles_keep_one_line_rows():
    assert titles.layout(pd.Series(["Ayotzinapa investigation", "Fund the commission"])) == {}


def test_a_long_list_scrolls_after_ten_rows():
    laid = titles.layout(pd.Series([LONGEST] * 40))
    assert laid["height"] == titles.HEADER_PX + 10 * laid["row_height"] + 2


def test_an_asks_linked_indicators_show_their_names_whole(app_db):
    """QA 2026-12-03, 375 px: "Corruption Perceptions Index" lost ", Mexico"."""
    at = open_app(LEADER, "asks", ask="2")
    proto, shown = table_with(at, "progress_label")
    assert "Corruption Perceptions Index, Mexico" in shown["name"].tolist()
    assert proto.row_height > titles.WRAP_FROM_PX - 1


def test_a_snapshot_opened_by_its_link_wraps_long_titles(app_db):
    """The in-app snapshot (a donor's link) lists each ask as the asks list does."""
    db = open_db(app_db)
    with acting_as(Actor(email=LEADER, role="leadership")):
        token = snapshots.publish(db, "2024-06-30", title="Mid-2024", narrative="Where we stood.")[
            "token"
        ]
    db.close()
    at = open_app(LEADER, None, snapshot=token)
    assert not at.exception
    proto, shown = table_with(at, "last_note")
    assert LONGEST in shown["title"].tolist()
    wraps_whole(proto, shown, "title")


def test_the_longest_title_is_found_among_thousands():
    """Only the longest titles are wrapped (a 10,000-ask list reruns often); the one that
    needs most lines is still found wherever it is in the list."""
    many = pd.Series(["Short title"] * 5_000 + [LONGEST] + ["Another short one"] * 5_000)
    assert titles.lines_needed(many) == titles.lines_needed(pd.Series([LONGEST])) >= 3


def test_a_snapshot_says_its_headline_in_the_reports_words_and_what_each_counts(app_db):
    """As the HTML report does: the four figures by their labels, and which statuses each
    counts (the snapshot's own vocabulary)."""
    db = open_db(app_db)
    with acting_as(Actor(email=LEADER, role="leadership")):
        row = snapshots.publish(db, "2024-06-30", title="Mid-2024", narrative="Where we stood.")
    db.close()
    at = open_app(LEADER, None, snapshot=row["token"])
    assert not at.exception
    assert [m.label for m in at.metric] == list(report.HEADLINE_LABELS.values())
    said = " ".join(c.value for c in at.caption)
    assert "counts the asks whose outcome is" in said
    assert "counted in asks tracked only" in said
