"""Issue 10 (items 1, 3, 4, 5, 9) in the library and the CLI: the dates a record may carry, all
of a form's errors at once keyed by field, size limits, the stale-form guard and indicator
values checked against their unit. The app and the browser tests cover the same rules on
screen (test_form_pages.py, test_form_browser.py)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from clikit import assert_rejected, ok, query
from dbkit import refused

from tracker import limits, records
from tracker.auth import Actor, acting_as
from tracker.dates import check_date, earliest_date, today
from tracker.db import open_db
from tracker.errors import FormErrors, StaleForm, ValidationError
from tracker.indicators import check_value, value_rule
from tracker.intake import accept_draft, add_letter_with_asks
from tracker.latest import NO_ENTRY, latest_observation, latest_status_entry

OFFICER_A = Actor(email="ana@example.org", role="officer", name="Ana", via="test")
OFFICER_B = Actor(email="ben@example.org", role="officer", name="Ben", via="test")


# --- 1. dates ---------------------------------------------------------------------------------


def test_history_before_2016_is_accepted(one_ask):
    db, ask_id = one_ask
    row = records.record_status_update(
        db, ask_id, "in_progress", effective_date="2015-03-01", note="Background from 2015."
    )
    assert row["effective_date"] == "2015-03-01"
    letter = records.add_letter(db, title="Old letter", date_sent="1971-05-04", author_org="NGO")
    assert db["letters"].get(letter)["date_sent"] == "1971-05-04"


@pytest.mark.parametrize(
    ("typed", "fragments"),
    [
        ("1800-01-01", ["1800-01-01", "from 1970-01-01 to", "(today)"]),
        ("1969-12-31", ["1969-12-31", "before 1970-01-01", "administrator"]),
        ("2019-02-30", ["2019-02-30", "February 2019 has 28 days"]),
        ("2019-13-01", ["2019-13-01", "month must be 01 to 12"]),
        ("2015-3-1", ["2015-3-1", "YYYY-MM-DD"]),
        ("20150301", ["20150301", "YYYY-MM-DD"]),
    ],
)
def test_an_impossible_or_out_of_range_date_is_refused_with_the_range(one_ask, typed, fragments):
    db, ask_id = one_ask
    error = refused(
        db,
        FormErrors,
        records.record_status_update,
        ask_id,
        "in_progress",
        effective_date=typed,
        note="n",
    )
    assert set(error.errors) == {"effective_date"}
    for fragment in fragments:
        assert fragment in error.errors["effective_date"]


def test_tomorrow_is_refused_and_says_the_range(one_ask):
    db, ask_id = one_ask
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    error = refused(
        db, FormErrors, records.record_status_update, ask_id, "in_progress",
        effective_date=tomorrow, note="n",
    )  # fmt: skip
    assert "future" in error.message
    assert f"to {today().isoformat()} (today)" in error.message


def test_an_administrator_can_move_the_earliest_date_back(one_ask):
    db, ask_id = one_ask
    assert earliest_date(db) == dt.date(1970, 1, 1)
    with pytest.raises(ValidationError):
        check_date(db, "1965-06-01")
    assert records.set_earliest_date(db, "1960-01-01") == "1960-01-01"
    assert check_date(db, "1965-06-01") == "1965-06-01"
    row = records.record_status_update(
        db, ask_id, "in_progress", effective_date="1965-06-01", note="From the archive."
    )
    assert row["effective_date"] == "1965-06-01"
    assert "1959-12-31" in refused(db, ValidationError, check_date, "1959-12-31").message
    actions = [r[0] for r in db.conn.execute("SELECT action FROM audit_log ORDER BY id")]
    assert "setting.change" in actions


def test_only_an_administrator_moves_the_earliest_date(fresh_db):
    with acting_as(OFFICER_A), pytest.raises(Exception, match="(?i)admin|permission|not allowed"):
        records.set_earliest_date(fresh_db, "1950-01-01")
    assert earliest_date(fresh_db) == dt.date(1970, 1, 1)


@pytest.mark.parametrize("bad", ["1700-01-01", "2019-02-30", "later"])
def test_the_earliest_date_setting_must_be_a_sensible_date(fresh_db, bad):
    refused(fresh_db, ValidationError, records.set_earliest_date, bad)


def test_cli_refuses_1800_and_accepts_2015(runner, demo_file):
    assert_rejected(
        runner, demo_file,
        ["update", "1", "stalled", "--date", "1800-01-01", "--note", "n"],
        "1800-01-01", "from 1970-01-01",
    )  # fmt: skip
    ok(runner, demo_file, "update", "1", "stalled", "--date", "2015-03-01", "--note", "n")


# --- 5. all of a form's errors at once, keyed by field -----------------------------------------


def test_a_letter_with_several_problems_reports_them_all_by_field(fresh_db):
    error = refused(
        fresh_db,
        FormErrors,
        records.add_letter,
        title="",
        date_sent="2019-02-30",
        author_org="",
        url="javascript:alert(1)",
        summary="s" * (limits.SUMMARY + 1),
    )
    assert set(error.errors) == {"title", "date_sent", "author_org", "url", "summary"}
    assert "February 2019 has 28 days" in error.errors["date_sent"]
    assert error.field == "title"
    for message in error.errors.values():
        assert message in error.message  # the CLI's one line holds every sentence


def test_the_intake_grid_reports_each_row_under_its_number(fresh_db):
    letter = {"title": "", "date_sent": "2020-01-01", "author_org": "NGO"}
    rows = [
        {"title": "Fine", "target": "Gov", "theme": "T", "country": "C"},
        {"title": "", "target": "Gov", "theme": "T", "country": "", "passage": "x"},
        {},  # blank rows are left over, not errors
    ]
    error = refused(fresh_db, FormErrors, add_letter_with_asks, letter, rows)
    assert set(error.errors) == {"title", "asks[2].title", "asks[2].country"}
    assert error.errors["asks[2].title"].startswith("new ask 2: title")


def test_a_reviewed_draft_is_checked_by_the_same_rules_as_the_letter_form(fresh_db):
    letter = {"title": "T", "date_sent": "2020-01-01", "author_org": "", "url": "ftp://x"}
    rows = [
        {"title": "t" * (limits.TITLE + 1), "target": "Gov", "theme": "T", "country": "C"},
        {"keep": False, "title": ""},  # left out by the reviewer: not checked
        {"title": "Fine", "target": "Gov", "theme": "T", "country": "C", "priority": "urgent"},
        {"title": "", "target": "", "theme": "T", "country": "C", "passage": "p" * 10_001},
    ]
    with acting_as(OFFICER_A):
        error = refused(fresh_db, FormErrors, accept_draft, letter, rows)
    assert set(error.errors) == {
        "author_org", "url", "asks[1].title", "asks[3].priority", "asks[4].title",
        "asks[4].target", "asks[4].passage", "asks[4].wording",  # the wording is the passage
    }  # fmt: skip
    assert error.errors["author_org"] == "Name the organization that wrote the letter."
    assert error.errors["asks[1].title"].startswith("Row 1: title is 301 characters long")
    assert error.errors["asks[3].priority"].startswith("Row 3: priority 'urgent'")
    assert error.errors["asks[4].passage"].startswith("Row 4: passage is 10,001 characters")


# --- 4. size limits ----------------------------------------------------------------------------


def test_a_1_mb_note_is_refused_and_stores_nothing(one_ask):
    db, ask_id = one_ask
    error = refused(
        db, FormErrors, records.record_status_update, ask_id, "in_progress",
        effective_date="2024-03-01", note="x" * 1_000_000,
    )  # fmt: skip
    assert error.errors["note"] == (
        "note is 1,000,000 characters long; the limit is 10,000: shorten it (longer material "
        "belongs in the linked source)."
    )


def test_a_note_at_the_limit_is_kept_whole(one_ask):
    db, ask_id = one_ask
    note = "y" * limits.NOTE
    row = records.record_status_update(
        db, ask_id, "in_progress", effective_date="2024-03-01", note=note
    )
    assert db["status_updates"].get(row["id"])["note"] == note


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "t" * (limits.TITLE + 1)),
        ("author_org", "o" * (limits.NAME + 1)),
        ("full_text", "w" * (limits.LETTER_TEXT + 1)),
        ("url", "https://example.org/" + "p" * limits.URL),
        ("cosigners", ["c" * (limits.NAME + 1)]),
    ],
)
def test_oversized_letter_fields_are_refused(fresh_db, field, value):
    fields = {"title": "T", "date_sent": "2020-01-01", "author_org": "NGO", field: value}
    error = refused(fresh_db, FormErrors, records.add_letter, **fields)
    assert set(error.errors) == {field}


def test_a_50_mb_letter_text_through_the_cli_is_refused(runner, demo_file, tmp_path):
    text = tmp_path / "huge.txt"
    text.write_text("x" * 50_000_000, encoding="utf-8")
    assert_rejected(
        runner, demo_file,
        ["add-letter", "--title", "Huge", "--date", "2020-01-01", "--author", "NGO",
         "--text-file", str(text)],
        "full text is 50,000,000 characters long", "500,000",
    )  # fmt: skip


def test_an_oversized_observation_note_and_passage_are_refused(demo_db):
    refused(demo_db, FormErrors, records.record_observation, 1, 5, date="2020-01-01",
            note="n" * (limits.NOTE + 1))  # fmt: skip
    refused(demo_db, ValidationError, records.link_ask, 1, 2, "p" * (limits.PASSAGE + 1))


# --- 3. stale forms ----------------------------------------------------------------------------


def test_a_stale_update_is_refused_with_who_recorded_what_and_when(one_ask):
    db, ask_id = one_ask
    seen = latest_status_entry(db, ask_id, "outcome")
    assert seen is None
    with acting_as(OFFICER_A):
        a = records.record_status_update(
            db, ask_id, "in_progress", effective_date="2024-03-01", note="Bill tabled.",
            expect_latest=NO_ENTRY,
        )  # fmt: skip
    with acting_as(OFFICER_B):
        error = refused(
            db, StaleForm, records.record_status_update, ask_id, "stalled",
            effective_date="2024-03-01", note="Committee stalled it.", expect_latest=NO_ENTRY,
        )  # fmt: skip
        assert error.latest["id"] == a["id"]
        for fragment in ("ana@example.org", "In progress", "2024-03-01", "Bill tabled.", "#"):
            assert fragment in error.message
        # confirming against the entry the warning showed records it
        b = records.record_status_update(
            db, ask_id, "stalled", effective_date="2024-03-01", note="Committee stalled it.",
            expect_latest=error.latest["id"],
        )  # fmt: skip
    assert latest_status_entry(db, ask_id, "outcome")["id"] == b["id"]


def test_the_other_track_does_not_make_a_form_stale(one_ask):
    db, ask_id = one_ask
    records.record_status_update(
        db, ask_id, "acknowledged", track="response", effective_date="2024-03-01", note="r"
    )
    row = records.record_status_update(
        db, ask_id, "in_progress", effective_date="2024-03-01", note="o", expect_latest=NO_ENTRY
    )
    assert row["kind"] == "change"


def test_two_officers_at_once_one_wins_the_other_is_told(db_path, one_ask):
    """Both forms showed no entry; both submit at the same moment from their own connection.
    The guard runs under the write lock, so exactly one is written."""
    _, ask_id = one_ask
    barrier = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def submit(actor: Actor, status: str) -> None:
        db = open_db(db_path)
        try:
            with acting_as(actor):
                barrier.wait()
                outcome[actor.email] = records.record_status_update(
                    db, ask_id, status, effective_date="2024-03-01", note=status,
                    expect_latest=NO_ENTRY,
                )  # fmt: skip
        except StaleForm as error:
            outcome[actor.email] = error
        finally:
            db.close()

    threads = [
        threading.Thread(target=submit, args=(OFFICER_A, "in_progress")),
        threading.Thread(target=submit, args=(OFFICER_B, "stalled")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    kinds = sorted(type(v).__name__ for v in outcome.values())
    assert kinds == ["StaleForm", "dict"]
    entries = query(db_path, "SELECT status FROM status_updates WHERE ask_id = ?", (ask_id,))
    assert len(entries) == 1


def test_cli_update_and_observe_take_expect_latest(runner, demo_file):
    (latest,) = query(
        demo_file,
        "SELECT id FROM status_updates WHERE ask_id = 1 AND track = 'outcome' "
        "ORDER BY id DESC LIMIT 1",
    )
    assert_rejected(
        runner, demo_file,
        ["update", "1", "stalled", "--date", "2024-03-01", "--note", "n",
         "--expect-latest", str(latest["id"] - 1)],
        f"since entry #{latest['id'] - 1}", f"--expect-latest {latest['id']}",
    )  # fmt: skip
    ok(runner, demo_file, "update", "1", "stalled", "--date", "2024-03-01", "--note", "n",
       "--expect-latest", str(latest["id"]))  # fmt: skip
    (obs,) = query(
        demo_file, "SELECT id FROM observations WHERE indicator_id = 1 ORDER BY id DESC LIMIT 1"
    )
    assert_rejected(
        runner, demo_file,
        ["observe", "1", "5", "--date", "2024-03-01", "--expect-latest", "0"],
        "since it had no entry", f"--expect-latest {obs['id']}",
    )  # fmt: skip
    ok(runner, demo_file, "observe", "1", "5", "--date", "2024-03-01",
       "--expect-latest", str(obs["id"]))  # fmt: skip


def test_a_stale_observation_form_is_refused(demo_db):
    seen = latest_observation(demo_db, 1)["id"]
    records.record_observation(demo_db, 1, 7, date="2024-01-01", expect_latest=seen)
    error = refused(
        demo_db, StaleForm, records.record_observation, 1, 8, date="2024-01-02", expect_latest=seen
    )
    assert "recorded the value 7 for 2024-01-01" in error.message


# --- 9. indicator values -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "unit", "fragment"),
    [
        ("1,234.5", "% of resolved cases", "as 1234.5"),
        ("1,234.5", "", "as 1234.5"),
        ("1 234", "", "as 1234"),
        ("1,5", "", "(1.5)"),
        ("101", "% of investigations", "from 0 to 100"),
        ("-0.5", "%", "from 0 to 100"),
        ("2.5", "journalists killed per year", "whole number"),
        ("-1", "people (cumulative registry count)", "0 or more"),
        ("101", "score 0-100 (higher is cleaner)", "from 0 to 100"),
        ("45%", "%", "type the number alone (45)"),
        ("1_000", "", "as 1000"),
        ("١٢", "", "not a number"),
    ],
)
def test_indicator_values_are_checked_against_the_unit(typed, unit, fragment):
    with pytest.raises(ValidationError) as info:
        check_value(typed, unit)
    assert fragment in info.value.message


@pytest.mark.parametrize(
    ("typed", "unit", "stored"),
    [
        ("74.5", "% of resolved cases", 74.5),
        ("0", "%", 0.0),
        ("3", "journalists killed per year", 3.0),
        ("-3.5", "net change in people", -3.5),
        ("1234.5", "", 1234.5),
    ],
)
def test_values_that_fit_the_unit_are_kept(typed, unit, stored):
    assert check_value(typed, unit) == stored


def test_rules_are_named_for_the_form():
    assert value_rule("% of cases").description == "a percentage, from 0 to 100"
    assert value_rule("people").whole


def test_cli_never_reads_1_comma_5_as_15(runner, demo_file):
    before = query(demo_file, "SELECT COUNT(*) AS n FROM observations")[0]["n"]
    assert_rejected(
        runner, demo_file, ["observe", "2", "1,5", "--date", "2024-01-01"], "1,5", "1.5"
    )
    assert_rejected(
        runner, demo_file, ["observe", "2", "1,234.5", "--date", "2024-01-01"], "1234.5"
    )
    assert query(demo_file, "SELECT COUNT(*) AS n FROM observations")[0]["n"] == before


def test_a_baseline_outside_the_unit_is_refused(fresh_db):
    error = refused(
        fresh_db, FormErrors, records.add_indicator, name="Rate", direction="lower", unit="%",
        baseline_value="140", baseline_date="2020-01-01", target_value="1,5",
        target_date="2030-01-01",
    )  # fmt: skip
    assert set(error.errors) == {"baseline_value", "target_value"}


def test_a_nul_character_in_a_note_is_refused_and_nothing_is_stored(one_ask):
    """Regression: NUL bytes in notes and titles typed in the app reached the database."""
    db, ask_id = one_ask
    count = "SELECT COUNT(*) AS n FROM status_updates"
    before = db.execute_returning_dicts(count)[0]["n"]
    with pytest.raises(ValidationError, match="NUL"):
        records.record_status_update(
            db, ask_id, "in_progress", effective_date="2024-03-01", note="Bill\x00 tabled"
        )
    assert db.execute_returning_dicts(count)[0]["n"] == before
    records.record_status_update(
        db, ask_id, "in_progress", effective_date="2024-03-01", note="Bill tabled"
    )
    assert db.execute_returning_dicts(count)[0]["n"] == before + 1


def test_a_nul_character_in_a_letter_title_is_refused(fresh_db):
    with pytest.raises(FormErrors) as refused:
        records.add_letter(
            fresh_db, title="Open\x00 letter", date_sent="2024-01-15", author_org="WOLA"
        )
    assert "NUL" in refused.value.errors["title"]
