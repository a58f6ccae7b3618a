"""An indicator with no value by the as-of date says so (QA 2026-12-03): looking back to
2010, the page drew an empty chart reading "No observations yet." over an empty table and
CSV, where the indicator has a dozen observations, all later."""

from __future__ import annotations

from appkit import open_app
from dbkit import LEADER


def test_no_value_by_the_date_is_said_not_charted(app_db):
    at = open_app(LEADER, "indicators", as_of="2010-01-01", indicator="1")
    assert not at.exception
    said = " ".join(i.value for i in at.info)
    assert "No value of COMAR asylum applications per year was observed by 2010-01-01" in said
    assert "2013-12-31" in said  # its first observation, to pick instead
    assert not [e for e in at.expander if e.label.startswith("Table: observations")]


def test_a_value_by_the_date_is_charted(app_db):
    at = open_app(LEADER, "indicators", as_of="2020-01-01", indicator="1")
    assert [e for e in at.expander if e.label.startswith("Table: observations")]
    assert not [i for i in at.info if "was observed by" in i.value]


def test_public_progress_says_an_indicator_had_no_value_yet(app_db):
    """People disappeared (RNPDNO) is first observed in 2020: as of 2019 donors read so."""
    at = open_app(LEADER, "public_dashboard", as_of="2019-06-30")
    at.selectbox(key="public_indicator").set_value(5).run()
    said = " ".join(i.value for i in at.info).replace("\\", "")  # as plain() escaped it
    assert "No value of People disappeared and not located (RNPDNO) was observed by" in said
    assert not [e for e in at.expander if e.label == "Table: observations"]
