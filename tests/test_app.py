"""The Streamlit pages through AppTest: every page renders, the update flow writes and shows,
filters change the dashboard, bad input writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from appkit import button, open_app
from dbkit import demo_database, dump_file, old_database_file, read_only_folder
from streamlit.testing.v1 import AppTest

from tracker import records, users
from tracker.auth import Actor, acting_as
from tracker.dates import today
from tracker.db import open_db
from tracker.history import ask_history
from tracker.indicators import list_indicators, sparklines
from tracker.letters import list_letters
from tracker.standing import current_status, stale_asks

PAGES = [
    "webapp/pages/dashboard.py",
    "webapp/pages/asks.py",
    "webapp/pages/letters.py",
    "webapp/pages/indicators.py",
    "webapp/pages/record_update.py",
    "webapp/pages/review_queue.py",
    "webapp/pages/methodology.py",
]


ROLE_USERS = {role: f"{role}@example.org" for role in ("admin", "officer", "leadership", "donor")}
OFFICER = ROLE_USERS["officer"]


def _make_db(path: Path, demo: bool) -> Path:
    """A database with one user per role (built-in accounts), and the demo data if asked."""
    people = [(email, role, role.capitalize()) for role, email in ROLE_USERS.items()]
    return demo_database(path, people, "correct horse 1", demo=demo)


@pytest.fixture
def demo_app_db(tmp_path, monkeypatch):
    path = _make_db(tmp_path / "demo.db", demo=True)
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def open_page(page: str, user: str | None = OFFICER, **params: str) -> AppTest:
    """Run the app signed in as ``user`` (a built-in account) and switch to ``page``."""
    name = Path(page).stem
    return open_app(user, None if page == PAGES[0] else name, **params)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("demo", [True, False], ids=["demo", "empty"])
@pytest.mark.parametrize("page", PAGES, ids=[Path(p).stem for p in PAGES])
def test_every_page_renders_without_exception(page, demo, tmp_path, monkeypatch):
    path = _make_db(tmp_path / "app.db", demo=demo)
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    if demo and page.endswith("dashboard.py"):
        assert _metric(at, "Asks tracked") == "7"


def test_empty_database_offers_the_demo_dataset_in_one_click(tmp_path, monkeypatch):
    path = _make_db(tmp_path / "new.db", demo=False)
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_page(PAGES[0])
    assert any("This tracker is empty" in i.value for i in at.info)
    button(at, "Load the demo dataset").click().run()
    assert not at.exception
    assert _metric(at, "Asks tracked") == "7"


def test_ask_and_letter_pages_show_their_content(demo_app_db):
    at = open_page("webapp/pages/asks.py", ask="7")
    assert at.title[0].value == "Ayotzinapa investigation"
    history = at.dataframe[1].value if len(at.dataframe) > 1 else at.dataframe[0].value
    assert (history["evidence_url"].str.startswith("http")).all()
    at = open_page("webapp/pages/letters.py", letter="1")
    assert "Pompeo" in " ".join(m.value for m in at.markdown)


def test_unknown_ask_shows_a_message_not_a_traceback(demo_app_db):
    at = open_page("webapp/pages/asks.py", ask="999")
    assert not at.exception
    assert "There is no ask #999" in at.error[0].value  # in words (QA 8)


def test_update_form_records_an_entry_shown_on_ask_page_and_dashboard(demo_app_db):
    before = open_page(PAGES[0])
    achieved_before = int(_metric(before, "Achieved"))

    at = open_page("webapp/pages/record_update.py", ask="6")
    at.selectbox(key="upd_status").set_value("achieved")
    at.text_area(key="upd_note").input("Protection mechanism fully funded (test note 8841).")
    at.text_input(key="upd_evidence").input("https://example.org/evidence")
    button(at, "Record update").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("recorded" in s.value for s in at.success)
    assert _metric(at, "Current outcome") == "Achieved"  # the form's page shows the new state

    db = open_db(demo_app_db)
    latest = ask_history(db, 6).iloc[0]
    db.close()
    assert latest["status"] == "achieved"
    assert latest["note"] == "Protection mechanism fully funded (test note 8841)."

    page = open_page("webapp/pages/asks.py", ask="6")
    notes = [df.value for df in page.dataframe if "note" in df.value.columns]
    assert any(
        "Protection mechanism fully funded (test note 8841)." in set(f["note"]) for f in notes
    )
    after = open_page(PAGES[0])
    assert int(_metric(after, "Achieved")) == achieved_before + 1


def test_same_status_is_recorded_as_a_verification(demo_app_db):
    db = open_db(demo_app_db)
    current = current_status(db).set_index("ask_id").loc[7, "status"]
    db.close()
    at = open_page("webapp/pages/record_update.py", ask="7")
    at.selectbox(key="upd_status").set_value(current)
    button(at, "Record update").click().run()
    assert any("Verification recorded" in s.value for s in at.success)
    db = open_db(demo_app_db)
    assert ask_history(db, 7).iloc[0]["kind"] == "verification"
    db.close()


def _fill(at: AppTest, kind: str, key: str, value: str) -> None:
    """Type into a text box, or pick in a select box, as a person would."""
    widget = getattr(at, kind)(key=key)
    if kind == "selectbox":
        widget.set_value(value)
    else:
        widget.input(value)


IN_3_DAYS = (today() + dt.timedelta(days=3)).isoformat()
UPDATE_3 = ("record_update.py", {"ask": "3"}, "Record update")
BAD_FORMS = [
    (*UPDATE_3, [("text_area", "upd_note", "No status chosen")], "Status is required"),
    (
        *UPDATE_3,
        [
            ("selectbox", "upd_status", "in_progress"),
            ("text_input", "upd_date", IN_3_DAYS),
            ("text_area", "upd_note", "From the future"),
        ],
        "in the future",
    ),
    (
        "indicators.py",
        {"indicator": "3"},
        "Add observation",
        [("text_input", "obs_value", "lots")],
        "'lots' is not a number",
    ),
]


@pytest.mark.parametrize(("page", "params", "label", "inputs", "message"), BAD_FORMS)
def test_a_bad_form_shows_its_error_and_writes_nothing(
    demo_app_db, page, params, label, inputs, message
):
    before = dump_file(demo_app_db)
    at = open_page(f"webapp/pages/{page}", **params)
    for kind, key, value in inputs:
        _fill(at, kind, key, value)
    button(at, label).click().run()
    assert any(message in e.value for e in at.error)
    assert dump_file(demo_app_db) == before


def test_update_with_bad_evidence_url_names_the_field(demo_app_db):
    before = dump_file(demo_app_db)
    at = open_page("webapp/pages/record_update.py", ask="3")
    at.selectbox(key="upd_status").set_value("in_progress")
    at.text_area(key="upd_note").input("x")
    at.text_input(key="upd_evidence").input("javascript:alert(1)")
    button(at, "Record update").click().run()
    assert any("Evidence URL" in e.value for e in at.error)
    assert dump_file(demo_app_db) == before


def test_dashboard_filters_change_counts_and_are_kept_in_the_url(demo_app_db):
    at = open_page(PAGES[0])
    assert _metric(at, "Asks tracked") == "7"
    at.multiselect(key="flt_theme").set_value(["Human rights"]).run()
    assert _metric(at, "Asks tracked") == "3"
    assert at.query_params["theme"] in ("Human rights", ["Human rights"])
    shared = open_page(PAGES[0], theme="Anti-corruption")
    assert _metric(shared, "Asks tracked") == "1"
    # before the filtered asks existed: the empty view says a filter is set
    early = open_page(PAGES[0], theme="Anti-corruption", as_of="2015-01-01")
    said = " ".join(i.value for i in early.info)
    assert "No asks match these filters" in said and "Clear a filter" in said


def test_review_queue_verifies_in_one_click(demo_app_db):
    at = open_page("webapp/pages/review_queue.py")
    due_before = len(at.dataframe[0].value) if at.dataframe else 0
    assert due_before > 0
    first = at.dataframe[0].value.iloc[0]["ask_id"]
    _button_key = f"verify_{first}"
    at.button(key=_button_key).click().run()
    assert not at.exception
    db = open_db(demo_app_db)
    assert ask_history(db, int(first)).iloc[0]["kind"] == "verification"
    db.close()
    remaining = len(at.dataframe[0].value) if at.dataframe else 0
    assert remaining == due_before - 1


def _page_links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_the_letters_page_has_one_way_to_add_a_letter(demo_app_db):
    at = open_page("webapp/pages/letters.py")
    assert not at.exception
    assert _page_links(at) == ["Add a letter from its text, a file or a link"]
    assert not at.text_input  # no second form of its own: the old grid is gone
    assert not any(b.label == "Add letter" for b in at.button)


def test_a_letter_typed_by_hand_is_stored_and_listed(demo_app_db):
    at = open_page("webapp/pages/add_letter.py")
    button(at, "Or type a letter in by hand").click().run()
    at.text_input(key="il_title_1").input("Follow-up letter on disappearances")
    at.text_input(key="il_author_1").input("WOLA")
    button(at, "Accept").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    db = open_db(demo_app_db)
    letters = list_letters(db)
    db.close()
    assert "Follow-up letter on disappearances" in set(letters["title"])
    listed = open_page("webapp/pages/letters.py")
    assert "Follow-up letter on disappearances" in set(listed.dataframe[0].value["title"])


def test_add_letter_without_title_names_the_field_and_writes_nothing(demo_app_db):
    before = dump_file(demo_app_db)
    at = open_page("webapp/pages/add_letter.py")
    button(at, "Or type a letter in by hand").click().run()
    at.text_input(key="il_author_1").input("WOLA")
    button(at, "Accept").click().run()
    assert any("Give the letter a title" in e.value for e in at.error)
    assert dump_file(demo_app_db) == before


def test_indicators_page_before_any_value_shows_a_dash(demo_app_db):
    at = open_page("webapp/pages/indicators.py", as_of="2000-01-01")
    assert not at.exception
    assert _metric(at, "Latest value") == "—"


def test_observation_form_adds_a_value(demo_app_db):
    at = open_page("webapp/pages/indicators.py", indicator="3")
    at.text_input(key="obs_value").input("27")
    at.text_input(key="obs_date").input("2025-12-31")
    at.text_input(key="obs_source").input("https://example.org/cpi-2025")
    button(at, "Add observation").click().run()
    assert not at.error, [e.value for e in at.error]
    db = open_db(demo_app_db)
    values = db.conn.execute(
        "SELECT value FROM observations WHERE indicator_id = 3 AND date = '2025-12-31'"
    ).fetchall()
    db.close()
    assert values == [(27.0,)]


def test_dashboard_period_in_the_link_sets_the_as_of_date(demo_app_db):
    # As of 2019-01-01 (data/demo/status_updates.csv): FGR in_progress (2018-12-14), SNA
    # in_progress (2017-07-19), torture/disappearances partially_achieved (2017-11-17),
    # Ayotzinapa in_progress (2018-12-03) -> 4 moving; military reversed (2017-12) -> 1 stuck.
    at = open_page(PAGES[0], as_of="2019-01-01")
    assert _metric(at, "In progress or partly achieved") == "4"
    assert _metric(at, "Stalled or reversed") == "1"
    assert "As of 2019-01-01" in at.caption[0].value
    assert at.query_params["as_of"] in ("2019-01-01", ["2019-01-01"])
    assert any("Historical view" in w.value for w in at.warning)


def test_what_changed_covers_the_whole_period_on_request(demo_app_db):
    # Nothing in the demo history is effective between 2019-05-01 and 2019-05-31; the whole
    # period (from the letter, 2018-07-11) includes 2019-01-29, when MPP began.
    at = open_page(PAGES[0], as_of="2019-05-31")
    empty = next(m.value for m in at.markdown if "No status changed" in m.value)
    assert "last 30 days" in empty and "The whole period" in empty  # the way to see more
    at.segmented_control(key="changes_window").set_value("The whole period").run()
    feed = " ".join(m.value for m in at.markdown)
    assert "2019-01-29" in feed
    # a window with nothing in it says which field widens it, not the choice already made
    at.date_input(key="flt_from").set_value(dt.date(2019, 4, 1)).run()
    empty = next(m.value for m in at.markdown if "No status changed" in m.value)
    assert "from 2019-04-01 to 2019-05-31" in empty and "Charts from" in empty


def test_charts_from_follows_the_as_of_date_back_from_before_any_ask(demo_app_db):
    """Regression (QA 2026-12-02): after As of went before the first ask, Charts from stayed
    on that date (the link kept it as a chosen start) when As of came back."""
    at = open_page(PAGES[0], as_of="2010-01-01")
    assert at.date_input(key="flt_from").value == dt.date(2010, 1, 1)
    assert "from" not in at.query_params
    at.date_input(key="as_of_date").set_value(today()).run()
    assert at.date_input(key="flt_from").value == dt.date(2018, 7, 11)  # the letter's asks
    assert "from" not in at.query_params


@pytest.mark.parametrize(
    ("as_of", "expected"),
    # data/demo/status_updates.csv, fgr-independence: stalled 2018-04-19, in_progress 2018-12-14,
    # partially_achieved 2019-01-18
    [
        ("2018-07-11", "Stalled"),
        ("2019-01-01", "In progress"),
        ("2019-02-01", "Partially achieved"),
    ],
)
def test_ask_page_time_travels_with_the_as_of_date(demo_app_db, as_of, expected):
    at = open_page("webapp/pages/asks.py", ask="1", as_of=as_of)
    assert _metric(at, "Outcome") == expected
    assert any("Historical view" in w.value for w in at.warning)
    history = next(df.value for df in at.dataframe if "kind" in df.value.columns)
    assert (history["effective_date"] <= as_of).all()


def test_indicators_page_shows_values_as_of_a_past_date(demo_app_db):
    # Corruption Perceptions Index: 28 for 2018 (dated 2018-12-31), 29 for 2019.
    at = open_page("webapp/pages/indicators.py", indicator="3", as_of="2019-06-30")
    assert _metric(at, "Latest value") == "28"


def test_ask_made_after_the_as_of_date_says_so(demo_app_db):
    at = open_page("webapp/pages/asks.py", ask="1", as_of="2017-01-01")
    assert not at.exception
    assert any("first made on 2018-07-11" in i.value for i in at.info)


def test_public_page_lists_many_indicators_in_one_table(demo_app_db):
    """Past a few tiles, the donors' page lists every indicator in one table instead of a tile
    each (a large NGO tracks hundreds)."""
    db = open_db(demo_app_db)
    with acting_as(Actor(email=OFFICER, role="officer")):
        for number in range(6):  # the demo has 7: 13 in all
            records.add_indicator(db, name=f"Extra indicator {number}", direction="higher")
    db.close()
    at = open_page("webapp/pages/public_dashboard.py", ROLE_USERS["donor"])
    assert not at.exception
    assert any("The first 8 of 13 indicators" in c.value for c in at.caption)
    listed = [frame.value for frame in at.dataframe if "progress_label" in frame.value.columns]
    assert len(listed) == 1 and len(listed[0]) == 13
    assert "Extra indicator 5" in set(listed[0]["name"])


def test_public_page_before_any_ask_says_so(demo_app_db):
    at = open_page("webapp/pages/public_dashboard.py", ROLE_USERS["donor"], as_of="2000-01-01")
    assert not at.exception
    assert any("No asks to show as of 2000-01-01" in i.value for i in at.info)
    assert not at.metric


def test_removing_the_last_admin_shows_the_refusal_not_a_success(demo_app_db):
    at = open_page("webapp/pages/users.py", ROLE_USERS["admin"])
    at.selectbox(key="remove_user_email").set_value(ROLE_USERS["admin"])
    at.checkbox(key="remove_confirm").check()
    button(at, "Remove user").click().run()
    assert not at.exception
    assert any("last administrator" in e.value for e in at.error)
    assert not at.toast
    db = open_db(demo_app_db)
    assert users.get_user(db, ROLE_USERS["admin"]) is not None
    db.close()


def test_stale_only_on_the_asks_page_agrees_with_the_dashboard(demo_app_db):
    db = open_db(demo_app_db)
    with acting_as(Actor(email=OFFICER, role="officer")):
        records.record_status_update(  # achieved long ago: stale, but needs no review
            db,
            1,
            "achieved",
            effective_date=(today() - dt.timedelta(days=100)).isoformat(),
            note="Done (test).",
        )
        records.verify_ask(db, 2)  # checked today
    stale = stale_asks(db)
    unchecked = current_status(db).query("days_since_checked > 90")
    db.close()
    assert 1 in set(unchecked["ask_id"]) and 1 not in set(stale["ask_id"])
    assert 2 not in set(stale["ask_id"])
    at = open_page("webapp/pages/asks.py")
    at.toggle(key="ask_stale").set_value(True).run()
    assert not at.exception
    assert any(c.value == f"{len(stale)} asks" for c in at.caption)


def _app_with_asks(tmp_path, monkeypatch, titles: list[str], owner: str | None = None):
    """The app on a database of one user per role and an ask per title (no history, made
    2020-01-01); returns the asks' ids in title order."""
    path = _make_db(tmp_path / "asks.db", demo=False)
    db = open_db(path)
    ids = [
        records.add_ask(
            db,
            title=title,
            target="T",
            theme="Press",
            country="Mexico",
            owner=owner,
            added_on="2020-01-01",
        )
        for title in titles
    ]
    # entered in the tracker back then too: due for review (a new ask is not yet checked)
    db.execute("UPDATE asks SET created_at = '2020-01-01T09:00:00Z'")
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return ids


def test_review_queue_pages_its_one_click_rows(tmp_path, monkeypatch):
    """45 due asks: every one in the table, 20 one-click rows per page, the last page 5."""
    ids = _app_with_asks(tmp_path, monkeypatch, [f"Ask {n}" for n in range(45)], owner="Ana")
    at = open_page("webapp/pages/review_queue.py")
    assert not at.exception
    assert len(at.dataframe[0].value) == 45

    def one_click_rows():
        return sorted(
            int(b.key.split("_")[1]) for b in at.button if (b.key or "").startswith("verify_")
        )

    assert one_click_rows() == ids[:20]
    at.number_input(key="queue_page").set_value(3).run()
    assert one_click_rows() == ids[40:]
    assert len(at.dataframe[0].value) == 45


def test_a_long_ask_list_opens_an_ask_by_typing_part_of_its_title(tmp_path, monkeypatch):
    """Past 300 asks the picker is a search: nothing listed until something is typed, then
    the first 50 matches (by title, or the id), and a word that matches nothing says so."""
    titles = [f"{'Detention' if n % 5 == 0 else 'Press'} ask {n}" for n in range(305)]
    ids = _app_with_asks(tmp_path, monkeypatch, titles)
    at = open_page("webapp/pages/asks.py")
    assert not at.exception
    assert len(at.dataframe[0].value) == 305
    assert not [s for s in at.selectbox if s.key == "ask_open"]
    at.text_input(key="ask_find").input("detention").run()
    picker = at.selectbox(key="ask_open")
    assert len(picker.options) == 50  # 61 titles match; the first 50 are listed
    assert any("61 asks match" in c.value for c in at.caption)
    at.text_input(key="ask_find").input("zzz [x](y)").run()
    assert not [s for s in at.selectbox if s.key == "ask_open"]
    assert any(c.value == "No ask's title contains “zzz \\[x\\]\\(y\\)”." for c in at.caption)
    at.text_input(key="ask_find").input(f"#{ids[7]}").run()
    assert at.selectbox(key="ask_open").options == [f"#{ids[7]} Press ask 7"]
    at.selectbox(key="ask_open").select(ids[7]).run()
    assert at.query_params["ask"] == str(ids[7])
    assert not at.exception
    assert any("Press ask 7" in t.value for t in at.title)


def test_dashboard_indicator_tiles_carry_their_recent_line_and_change(demo_app_db):
    """Each indicator tile is one metric with its recent values as its own sparkline and the
    change since the previous value, coloured by the indicator's better direction (a Plotly
    chart per tile cost every load eight figures)."""
    db = open_db(demo_app_db)
    table = list_indicators(db).head(8)
    lines = sparklines(db)
    db.close()
    at = open_page(PAGES[0])
    assert not at.exception
    tiles = [m.proto for m in at.metric if m.proto.chart_data]
    checked = 0
    for row in table.itertuples():
        values = lines.loc[lines["indicator_id"] == row.indicator_id, "value"].tolist()
        if len(values) < 2:
            continue
        tile = next(t for t in tiles if list(t.chart_data) == values)
        if values[-1] != values[-2]:
            number = tile.delta.split(" since ")[0]  # "-61,745 since 2023-12-31"
            assert float(number.replace(",", "")) == pytest.approx(values[-1] - values[-2])
            better = (values[-1] > values[-2]) == (row.direction != "lower")
            assert tile.color == (1 if better else 0)  # GREEN : RED
        checked += 1
    assert checked >= 2
    assert len(at.get("plotly_chart")) == 4  # the four big charts; no figure per tile


def test_a_read_only_database_an_index_behind_opens_and_a_table_behind_says_why(
    tmp_path, monkeypatch
):
    """Read-only (a backup's folder, a read-only mount): a database one index behind this
    version is read as it is; one whose tables changed since says what to do in a sentence,
    not an error page."""
    people = [(OFFICER, "officer", "Officer")]
    behind = old_database_file(tmp_path / "a" / "index.db", "m022_spans_runs_by_ask", people)
    with read_only_folder(behind, monkeypatch):
        monkeypatch.setenv("TRACKER_DB", str(behind))
        at = open_app(OFFICER, "asks")
        assert not at.exception, [e.value for e in at.exception]
        assert at.title[0].value == "Asks" and not at.error
    (tmp_path / "b").mkdir()
    older = old_database_file(tmp_path / "b" / "tables.db", "m020_plain_status_spans", None)
    with read_only_folder(older, monkeypatch):
        monkeypatch.setenv("TRACKER_DB", str(older))
        at = open_app(OFFICER)
        assert not at.exception, [e.value for e in at.exception]
        shown = " ".join(e.value.replace("\\", "") for e in at.error)  # as plain() escapes it
        assert "needs upgrading" in shown and "with write access" in shown


@pytest.mark.parametrize(
    ("key", "typed", "said"),
    [
        ("as_of_date", "1960-01-01", "is before 1970-01-01"),
        ("as_of_date", "2099-01-01", "is after"),
        ("flt_from", "1960-01-01", "is before 1970-01-01"),
        ("flt_from", "2020-01-01", "is after 2019-06-30, the as-of date"),
    ],
)
def test_a_sidebar_date_out_of_range_says_why_and_keeps_the_date_in_force(
    demo_app_db, key, typed, said
):
    """Regression (QA): a date typed out of range showed a red outline and was not applied,
    with no word of why. Now a sentence under the field says the range, and the field goes
    back to the date in force."""
    at = open_page(PAGES[0], as_of="2019-06-30", **{"from": "2019-01-01"})
    before = at.date_input(key=key).value
    at.date_input(key=key).set_value(dt.date.fromisoformat(typed)).run()
    assert not at.exception
    errors = [e.value for e in at.sidebar.error]
    assert any(typed in e and said in e and "1970-01-01" in e for e in errors), errors
    assert at.date_input(key=key).value == before
    assert "As of 2019-06-30" in at.caption[0].value


def test_public_progress_says_no_target_in_words(demo_app_db):
    """Regression (QA): an indicator without a target showed "none" in lower case. (The demo's
    indicators have no target.)"""
    at = open_page("webapp/pages/public_dashboard.py", ROLE_USERS["donor"])
    assert not at.exception
    # each indicator's tile says it in a caption (the tiles shared with the dashboard)
    assert sum(c.value == "No target set" for c in at.caption) == len(at.metric) - 4
    assert len(at.metric) > 4  # the four headline tiles, then one per indicator
    assert "none" not in [m.value for m in at.metric]


def test_search_counts_one_match_in_the_singular(demo_app_db):
    db = open_db(demo_app_db)
    records.record_status_update(
        db, 2, "in_progress", effective_date="2024-05-02", note="Quokkaword hearing held."
    )
    db.close()
    at = open_page("webapp/pages/search.py", q="quokkaword")
    assert not at.exception
    assert [c.value for c in at.main.caption] == ["1 match"]  # it said "1 matches"


def test_the_users_page_lists_roles_by_their_labels(demo_app_db):
    at = open_page("webapp/pages/users.py", ROLE_USERS["admin"])
    assert not at.exception
    listed = at.dataframe[0].value
    assert "Administrator" in set(listed["role"]) and "admin" not in set(listed["role"])
    assert set(listed["last_sign_in"]) <= {"Never"} | {
        v for v in listed["last_sign_in"] if v.endswith(" UTC")
    }
