"""Charts from pulled back by an earlier As of (QA 2026-12-03): the field changed to the new
as-of date without a word next to it; the only sentence, at the top of the page, blamed "the
link's 'Charts from' date" for a date the person had picked in this sidebar. Now a caption
under the field says it moved and why; a link that really names a later date still says so."""

from __future__ import annotations

import datetime as dt

import pytest
from appkit import open_app
from dbkit import demo_app_db

OFFICER = "olga@example.org"


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    return demo_app_db(tmp_path, monkeypatch, OFFICER, "officer", "Olga")


def sidebar_captions(at) -> list[str]:
    return [c.value.replace("\\", "") for c in at.sidebar.caption]


def test_as_of_before_charts_from_says_so_under_the_field(app_db):
    at = open_app(OFFICER, None, as_of="2024-06-30", **{"from": "2024-01-01"})
    assert at.date_input(key="flt_from").value == dt.date(2024, 1, 1)
    assert not [c for c in sidebar_captions(at) if "moved back" in c]
    at.date_input(key="as_of_date").set_value(dt.date(2023, 6, 30)).run()
    assert not at.exception
    assert at.date_input(key="flt_from").value == dt.date(2023, 6, 30)
    said = [c for c in sidebar_captions(at) if "moved back" in c]
    assert said == [
        "Charts from moved back from 2024-01-01 to 2023-06-30: charts cannot start after "
        "the As of date."
    ], sidebar_captions(at)
    assert not [w.value for w in at.warning if "The link's" in w.value], at.warning


def test_the_caption_goes_once_charts_from_is_picked_again(app_db):
    at = open_app(OFFICER, None, as_of="2024-06-30", **{"from": "2024-01-01"})
    at.date_input(key="as_of_date").set_value(dt.date(2023, 6, 30)).run()
    at.date_input(key="flt_from").set_value(dt.date(2023, 1, 1)).run()
    assert not at.exception
    assert at.date_input(key="flt_from").value == dt.date(2023, 1, 1)
    assert not [c for c in sidebar_captions(at) if "moved back" in c]


def test_an_as_of_after_charts_from_moves_nothing(app_db):
    at = open_app(OFFICER, None, as_of="2024-06-30", **{"from": "2024-01-01"})
    at.date_input(key="as_of_date").set_value(dt.date(2024, 3, 1)).run()
    assert at.date_input(key="flt_from").value == dt.date(2024, 1, 1)
    assert not [c for c in sidebar_captions(at) if "moved back" in c]


def test_a_link_naming_a_later_charts_from_still_says_it_is_the_link_s(app_db):
    at = open_app(OFFICER, None, as_of="2023-06-30", **{"from": "2024-01-01"})
    assert not at.exception
    assert at.date_input(key="flt_from").value == dt.date(2023, 6, 30)
    warned = [w.value for w in at.warning if "The link's" in w.value]
    assert warned and "2024-01-01 is after the as-of date" in warned[0], warned
