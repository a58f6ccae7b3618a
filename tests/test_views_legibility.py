"""What a director reads on the dashboard and the ask page (AppTest): statuses by their
labels, long notes folded with a link to the whole entry, every table column labelled in
words with no "None", and no delta where there is nothing to compare with."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from appkit import open_app
from dbkit import SETUP, demo_app_db, demo_database

from tracker import records, vocabulary
from tracker.auth import acting_as
from tracker.dates import today
from tracker.db import open_db
from tracker.numbers import readable as number
from webapp.tables import readable

LEADER = "leader@example.org"
LONG_NOTE = "\n".join(f"Line {n} of a long field report." for n in range(1, 40))


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """The demo data, a leader, and today's change on ask 3 from Partially achieved (a code
    with an underscore) with a 39-line note."""
    path = demo_database(tmp_path / "views.db", [(LEADER, "leadership", "Lee")], "correct horse 1")
    db = open_db(path)
    with acting_as(SETUP):
        on = today().isoformat()
        records.record_status_update(db, 3, "partially_achieved", effective_date=on, note="Up.")
        entry = records.record_status_update(
            db, 3, "reversed", effective_date=on, note=LONG_NOTE, visibility="public"
        )
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path, entry["id"]


def test_what_changed_names_statuses_and_folds_long_notes(app_db):
    _, entry_id = app_db
    at = open_app(LEADER)
    assert not at.exception
    feed = next(m.value for m in at.markdown if "Line 1 of a long field report" in m.value)
    assert "Partially achieved → **Reversed**" in feed
    assert "partially\\_achieved" not in feed and "partially_achieved" not in feed
    assert "Line 3 of" in feed and "Line 4 of" not in feed  # the first lines only
    assert f"(/asks?ask=3&entry={entry_id})" in feed and "Read the whole entry" in feed


def test_the_linked_entry_shows_in_full_on_the_ask_page(app_db):
    _, entry_id = app_db
    at = open_app(LEADER, "asks", ask="3", entry=str(entry_id))
    assert not at.exception
    assert any("Line 39 of a long field report" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    "page", [None, "asks", "public_dashboard", "methodology", "audit", "letters"]
)
def test_every_table_column_is_labelled_in_words_and_no_cell_says_none(app_db, page):
    at = open_app(LEADER, page)
    assert not at.exception
    assert at.dataframe
    for table in at.dataframe:
        frame = table.value
        labels = {
            name: (config or {}).get("label") or name
            for name, config in json.loads(table.proto.columns or "{}").items()
        }
        for column in frame.columns:
            shown = labels.get(column, column)
            assert "_" not in str(shown), (page, shown)
        assert not frame.isna().any().any(), (page, frame.columns[frame.isna().any()].tolist())
        assert not frame.astype(str).isin(["None", "nan"]).any().any(), page


def is_id(name: str, label: str) -> bool:
    return name == "id" or name.endswith("_id") or label.endswith("#") or label == "Number"


@pytest.mark.parametrize("page", [None, "public_dashboard", "methodology", "indicators"])
def test_every_number_column_shows_thousands_separators(app_db, page):
    """Streamlit shows a number column's 78975 as "78975" unless told: every table's number
    columns (its ids aside) are formatted for the reader's locale ("78,975"), the tables in
    the charts' expanders too."""
    at = open_app(LEADER, page)
    assert not at.exception
    numbers = 0
    for table in at.dataframe:
        frame = table.value
        configs = json.loads(table.proto.columns or "{}")
        for column in frame.columns:
            if not pd.api.types.is_numeric_dtype(frame[column]) or frame[column].dtype == bool:
                continue
            config = configs.get(column) or {}
            kind = (config.get("type_config") or {}).get("type", "number")
            if kind != "number" or is_id(column, config.get("label") or column):
                continue  # a checkbox, a link, an id
            numbers += 1
            number_format = (config.get("type_config") or {}).get("format")
            assert number_format == "localized" or "," in (number_format or ""), (
                page,
                column,
                config,
            )
    assert numbers, page  # each page has a number column to check


def test_no_delta_without_a_previous_period(app_db, tmp_path):
    """Looking back to the demo's first month: nothing was tracked 90 days earlier, so the
    tiles show no change at all (not "+7" and "0")."""
    at = open_app(LEADER, None, as_of="2018-08-31")
    assert not at.exception
    tiles = [m for m in at.metric if m.label in ("Asks tracked", "Achieved", "Stalled or reversed")]
    assert tiles and all(not m.proto.delta for m in tiles)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1_234_567, "1,234,567"),  # it said 1.23457e+06
        (2_500_000.0, "2,500,000"),
        (1_234_567.25, "1,234,567.25"),
        (133_520, "133,520"),
        (999_999.5, "999,999.5"),  # 6 significant digits made it 1e+06
        (3.2, "3.2"),
        (99, "99"),
        (0.125, "0.125"),
        (-1500, "-1,500"),
        (None, "—"),
        (float("nan"), "—"),
    ],
)
def test_an_indicator_tile_shows_its_value_in_full(value, shown):
    """A tile's value (indicators' latest, baseline and target): thousands separated, never
    in scientific notation, no needless decimals."""
    assert number(value) == shown


def test_a_table_column_with_a_gap_shows_its_values_in_full():
    """A numeric column with a missing value is shown as text (a dash in the gap): its values
    as the tiles show them, not 1.23457e+06."""
    frame = pd.DataFrame({"latest_value": [1_234_567.0, None, 3.2]})
    assert readable(frame, {"latest_value": "Latest"})["latest_value"].tolist() == [
        "1,234,567",
        "—",
        "3.2",
    ]


OFFICER = "officer@example.org"


@pytest.fixture
def officer_db(tmp_path, monkeypatch):
    return demo_app_db(tmp_path, monkeypatch, OFFICER, "officer", "Ofelia")


def column_labels(table) -> list[str]:
    """What a table's headers say: each column's configured label, else its name."""
    configured = json.loads(table.proto.columns or "{}")
    return [(configured.get(c) or {}).get("label") or c for c in table.value.columns]


def in_words(label: str) -> bool:
    """A header a person reads: no snake_case and no lower-case code ("name", "unit")."""
    return "_" not in label and not label[:1].islower()


@pytest.mark.parametrize(("page", "params"), [("indicators", {}), ("review_queue", {})])
def test_tables_of_indicators_and_the_review_queue_are_headed_in_words(officer_db, page, params):
    at = open_app(OFFICER, page, **params)
    assert not at.exception
    tables = [*at.dataframe, *at.get("arrow_data_frame")]
    assert tables
    for table in tables:
        assert all(in_words(label) for label in column_labels(table)), column_labels(table)


def test_all_indicators_says_which_way_is_better_in_words(officer_db):
    at = open_app(OFFICER, "indicators")
    frame = next(t.value for t in at.dataframe if "direction" in t.value.columns)
    shown = set(frame.astype(str).stack())
    assert not shown & {"higher", "lower"}
    assert {"Higher is better", "Lower is better"} <= shown


@pytest.mark.parametrize(
    ("page", "params", "key", "options"),
    [
        ("record_update", {"ask": "1"}, "upd_track", ["Outcome", "Response"]),
        ("record_update", {"ask": "1"}, "upd_vis", ["Internal", "Public"]),
        ("asks", {}, "ask_track", ["Outcome", "Response"]),
    ],
)
def test_choices_are_labelled_in_words(officer_db, page, params, key, options):
    at = open_app(OFFICER, page, **params)
    assert not at.exception
    assert at.radio(key=key).options == options


def test_the_ask_page_names_its_priority_in_words(officer_db):
    at = open_app(OFFICER, "asks", ask="1")
    assert any(
        "**Priority:** Medium" in m.value or "**Priority:** High" in m.value for m in at.markdown
    )


def test_a_link_to_an_ask_that_does_not_exist_says_so_in_words(app_db):
    """QA 8: /asks?ask=999 showed only "no ask with id 999: 'tracker asks' lists them." (a
    command-line hint, lower case, no heading); the letters page's words are the model."""
    at = open_app(LEADER, "asks", ask="999")
    assert not at.exception
    assert [t.value for t in at.title] == ["Asks"]
    (said,) = [e.value for e in at.error]
    assert said.startswith("There is no ask #999") and "tracker" not in said
    assert any(b.label == "Back to all asks" for b in at.button)


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        ("2099-01-01", "The link's as-of date 2099-01-01 is after today"),
        ("abc", "The link's as-of date 'abc' is not a valid date"),
        ("2020-02-30", "February 2020 has 29 days"),
        ("1900-01-01", "The link's as-of date 1900-01-01 is before 1970-01-01"),
    ],
)
def test_a_link_with_a_bad_as_of_date_says_which_date_is_shown(app_db, as_of, said):
    """QA 9: a shared link's bad as-of date was silently replaced by today's view; the page
    now says what was wrong with the link's date and which date it shows instead."""
    at = open_app(LEADER, None, as_of=as_of)
    assert not at.exception
    warnings = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning if "The link" in w.value]
    assert len(warnings) == 1 and said in warnings[0], warnings
    shown = "1970-01-01" if as_of.startswith("1900") else today().isoformat()
    assert f"showing {shown}" in warnings[0].lower()


def test_a_link_to_an_indicator_that_does_not_exist_says_so(app_db):
    """QA 9: /indicators?indicator=999 showed indicator #1 as if it were the one linked."""
    at = open_app(LEADER, "indicators", indicator="999")
    assert not at.exception
    (said,) = [w.value for w in at.warning if "#999" in w.value]
    assert said.startswith("There is no indicator #999")


def test_the_sidebars_view_carries_from_page_to_page(app_db):
    """QA 18: the dashboard looked back to 2024-06-30 for one theme; a click on Asks in the
    navigation (its link has no parameters) showed today, unfiltered. The view the person set
    carries to the next page that shares it (and into its address), until they change it."""
    at = open_app(LEADER, None, theme="Human rights", as_of="2024-06-30")
    assert any("as it stood on 2024-06-30" in w.value for w in at.warning)
    for page in ("asks", "indicators", "dashboard"):
        at.query_params.clear()  # what a click in the navigation opens: the bare page
        at.switch_page(f"webapp/pages/{page}.py")
        at.run()
        assert not at.exception
        assert any("as it stood on 2024-06-30" in w.value for w in at.warning), page
        assert str(at.query_params["as_of"]).strip("[]'") == "2024-06-30", page
        if page != "indicators":  # the pages with the filters keep the theme too
            assert at.multiselect(key="flt_theme").value == ["Human rights"], page
            assert str(at.query_params["theme"]).strip("[]'") == "Human rights", page
    # changed on one page, the next page follows the change
    at.multiselect(key="flt_theme").set_value([]).run()
    at.query_params.clear()
    at.switch_page("webapp/pages/asks.py")
    at.run()
    assert at.multiselect(key="flt_theme").value == []
    assert any("as it stood on 2024-06-30" in w.value for w in at.warning)


def test_clear_filters_puts_every_page_back_to_today_and_all_asks(app_db):
    at = open_app(LEADER, None, theme="Human rights", as_of="2024-06-30")
    next(b for b in at.button if b.label == "Clear filters and As of").click().run()
    assert not at.exception
    assert not any("Historical view" in w.value for w in at.warning)
    assert at.multiselect(key="flt_theme").value == []
    assert "as_of" not in at.query_params and "theme" not in at.query_params
    at.switch_page("webapp/pages/asks.py")
    at.run()
    assert not any("Historical view" in w.value for w in at.warning)


def test_the_audit_log_reads_in_words(app_db):
    """QA 14: the audit log showed 2026-12-02T00:18:05.894490Z, letter.add, officer and None:
    times to the minute in UTC, actions, roles and sign-in methods in words, no None."""
    at = open_app(LEADER, "audit")
    assert not at.exception
    log = at.dataframe[0].value
    assert log["at"].str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC").all(), log["at"].head()
    actions = set(log["action"])
    assert "Status changed" in actions and "Letter added" in actions
    assert not [a for a in actions if "." in a or a.islower()], actions
    assert set(log["role"]) <= {"Administrator", "Program officer", "Leadership", "Donor", "—"}
    assert not log.isin(["None", "nan"]).any().any()
    what = at.selectbox[0]
    assert what.label == "What" and "Letter added" in what.options


def test_an_indicator_without_a_target_says_so_in_words(app_db):
    """QA 15b: the indicator page's Target tile read "none" (the dashboard's: No target set)."""
    at = open_app(LEADER, "indicators", indicator="3")
    (target,) = [m for m in at.metric if m.label == "Target"]
    assert target.value == "No target set"


def test_the_methodology_page_does_not_point_to_itself(app_db):
    """QA 19e: its progress index box said "(see the Methodology page)" on that very page."""
    at = open_app(LEADER, "methodology")
    assert not [i.value for i in at.info if "see the Methodology page" in i.value]
    assert any(i.value.startswith("Progress index:") for i in at.info)


def test_the_letter_filter_tells_two_letters_of_one_date_and_title_apart(app_db):
    """QA 19c: two letters of the same date and title were two identical choices."""
    at = open_app(LEADER, None)
    letter = at.multiselect(key="flt_letter")
    assert letter.options and all(option.startswith("#") for option in letter.options)
    assert len(set(letter.options)) == len(letter.options)


def test_the_methodology_status_tables_show_every_meaning_whole(app_db):
    """QA 19d: in a scrolling grid at 1280 px the Meaning of "Not assessed" was cut mid-word and
    the codes to "not_as": a reference table is read, not scrolled, so it is a static table
    (text wraps) that holds each status's whole description, headed in words."""
    db = open_db(app_db[0])
    vocab = vocabulary.statuses(db)
    db.close()
    at = open_app(LEADER, "methodology")
    assert not at.exception
    shown = {}
    for table in at.table:
        frame = table.value
        assert list(frame.columns) == ["Status", "Meaning", "Progress score", "Final", "Code"]
        shown |= dict(zip(frame["Code"], frame["Meaning"], strict=True))
    assert shown == dict(zip(vocab["code"], vocab["description"], strict=True))


def test_the_value_fields_label_names_the_unit_without_escapes(officer_db):
    """QA 15f: the label "Value (score 0-100 (higher is cleaner))" was escaped for Markdown
    as "Value (score 0\\-100 \\(higher is cleaner\\))", and a label's raw text is also its
    accessible name, so screen readers read the backslashes. Parentheses and hyphens mean
    nothing in a label; only the marks a label renders are escaped."""
    db = open_db(officer_db)
    units = dict(db.conn.execute("SELECT id, unit FROM indicators WHERE unit != ''"))
    db.close()
    assert any("-" in u and "(" in u for u in units.values())  # the demo has one such unit
    for indicator_id, unit in units.items():
        at = open_app(OFFICER, "indicators", indicator=str(indicator_id))
        assert not at.exception
        assert at.text_input(key="obs_value").label == f"Value ({unit})"
