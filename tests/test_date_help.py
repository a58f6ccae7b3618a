"""A day the month does not have, typed into a sidebar date (QA 2026-12-03): Streamlit 1.67's
date field shows 2019/02/30 while it is typed and applies 2019-02-28, the month's last day;
the server only ever receives the valid date, so it cannot tell and say so after the fact.
Each sidebar date field's help says it beforehand, in a sentence."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import demo_app_db

OFFICER = "olga@example.org"
SAID = "A day the month does not have (2019-02-30) becomes its last day (2019-02-28)."


@pytest.mark.parametrize("key", ["as_of_date", "flt_from"])
def test_each_sidebar_date_says_what_a_day_past_the_month_s_end_becomes(tmp_path, monkeypatch, key):
    demo_app_db(tmp_path, monkeypatch, OFFICER, "officer", "Olga")
    at = open_app(OFFICER)
    assert not at.exception
    field = at.date_input(key=key)
    assert SAID in field.help, field.help
    assert field.help.index(SAID) > 0  # after what the field is for
