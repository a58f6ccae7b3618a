"""The asks list says why it is empty (QA 2026-12-03): as of a date before any ask was made
it said "No ask matches these filters." with no filter set. It says nothing was tracked yet
by that date; with a filter, a status or "stale only" picked, which of them to clear."""

from __future__ import annotations

from appkit import open_app
from dbkit import LEADER


def said(at) -> str:
    return " ".join(i.value for i in at.info)


def test_before_any_ask_the_list_says_nothing_was_tracked_yet(app_db):
    at = open_app(LEADER, "asks", as_of="2015-01-01")
    assert not at.exception
    text = said(at)
    assert "No asks were tracked yet as of 2015-01-01" in text
    assert "filters" not in text


def test_a_filter_that_matches_nothing_says_to_clear_it(app_db):
    at = open_app(LEADER, "asks", theme="Human rights")
    at.multiselect(key="ask_status").set_value(["achieved"]).run()
    text = said(at)
    assert "No ask matches" in text and "Status" in text and "sidebar" in text
