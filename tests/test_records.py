"""Every write in tracker/records.py: what it stores, and every input it refuses.

A refused write must raise an error naming the offending value and leave the database
byte-for-byte as it was (compared through a full SQL dump)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import threading
import time

import pytest
from dbkit import add_ask, dump, update

from tracker import audit, records
from tracker.auth import Actor, acting_as
from tracker.dates import today
from tracker.db import open_db
from tracker.errors import FormErrors, NotFound, StaleForm, TrackerError, ValidationError
from tracker.history import current_status_of, get_ask

FUTURE = (today() + dt.timedelta(days=1)).isoformat()


def assert_rejected(db, error_type, fragments, call, *args, **kwargs):
    """``call`` raises ``error_type`` whose message contains every fragment, and writes
    nothing."""
    before = dump(db)
    with pytest.raises(error_type) as info:
        call(db, *args, **kwargs)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert dump(db) == before
    return info.value


def rows(db, table: str) -> list[dict]:
    return list(db[table].rows)


@pytest.fixture
def two_asks(one_ask):
    """one_ask plus a second ask on its own letter; returns (db, first, second)."""
    db, first = one_ask
    letter = records.add_letter(db, title="Second", date_sent="2024-02-01", author_org="Other")
    second = add_ask(db, "Second ask", target="Congress", theme="Migration", letters=[(letter, "")])
    return db, first, second


# --- database settings -------------------------------------------------------------------------


def test_foreign_keys_are_enforced(fresh_db):
    assert fresh_db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.conn.execute(
            "INSERT INTO letter_asks (letter_id, ask_id, passage) VALUES (41, 42, '')"
        )


def test_journal_mode_is_wal(fresh_db):
    assert fresh_db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# --- letters ------------------------------------------------------------------------------------


def test_add_letter_stores_cleaned_fields(fresh_db):
    letter_id = records.add_letter(
        fresh_db,
        title="  Letter to the Secretary  ",
        date_sent="2018-07-11",
        author_org="WOLA",
        cosigners=["LAWG ", "", "  ", "RFK Human Rights"],
        recipient_person=" ",
        recipient_office="Department of State",
        url="https://example.org/letter",
        full_text=" Dear Secretary ",
        by="ana",
    )
    row = fresh_db["letters"].get(letter_id)
    assert row["title"] == "Letter to the Secretary"
    assert row["date_sent"] == "2018-07-11"
    assert json.loads(row["cosigners"]) == ["LAWG", "RFK Human Rights"]
    assert row["recipient_person"] is None
    assert row["recipient_office"] == "Department of State"
    assert row["url"] == "https://example.org/letter"
    assert row["full_text"] == "Dear Secretary"
    assert row["created_by"] == "ana"


def test_add_letter_accepts_a_date_object(fresh_db):
    letter_id = records.add_letter(
        fresh_db, title="T", date_sent=dt.date(2020, 2, 29), author_org="Org"
    )
    assert fresh_db["letters"].get(letter_id)["date_sent"] == "2020-02-29"


# --- asks ---------------------------------------------------------------------------------------


def test_add_ask_links_letters_and_takes_earliest_letter_date(fresh_db):
    late = records.add_letter(fresh_db, title="Late", date_sent="2021-05-05", author_org="A")
    early = records.add_letter(fresh_db, title="Early", date_sent="2019-03-03", author_org="A")
    ask_id = records.add_ask(
        fresh_db,
        title=" Free the press ",
        target="Government",
        theme="Press",
        country="Mexico",
        owner="  ",
        priority="high",
        letters=[(late, " second passage "), (early, "first passage")],
    )
    ask = get_ask(fresh_db, ask_id)
    assert ask["title"] == "Free the press"
    assert ask["added_on"] == "2019-03-03"
    assert ask["owner"] is None
    assert ask["priority"] == "high"
    links = {r["letter_id"]: r["passage"] for r in rows(fresh_db, "letter_asks")}
    assert links == {late: "second passage", early: "first passage"}


PLAIN_ASK = {"title": "A", "target": "T", "theme": "Th", "country": "C"}


def test_add_ask_explicit_added_on_wins_over_letter_date(fresh_db):
    letter = records.add_letter(fresh_db, title="L", date_sent="2019-03-03", author_org="A")
    ask_id = records.add_ask(fresh_db, **PLAIN_ASK, added_on="2020-06-30", letters=[(letter, "")])
    assert get_ask(fresh_db, ask_id)["added_on"] == "2020-06-30"


def test_add_ask_without_letters_is_added_today(fresh_db):
    ask_id = records.add_ask(fresh_db, **PLAIN_ASK)
    ask = get_ask(fresh_db, ask_id)
    assert ask["added_on"] == today().isoformat()
    assert ask["priority"] == "medium"


def test_add_ask_links_a_letter_named_twice_once(fresh_db):
    letter = records.add_letter(fresh_db, title="L", date_sent="2019-03-03", author_org="A")
    ask_id = records.add_ask(
        fresh_db, **PLAIN_ASK, letters=[(letter, "first"), (str(letter), "second")]
    )
    assert [(r["letter_id"], r["ask_id"], r["passage"]) for r in rows(fresh_db, "letter_asks")] == [
        (letter, ask_id, "first")
    ]


def test_add_ask_rejects_unknown_letter_after_a_known_one(one_ask):
    db, _ = one_ask
    assert_rejected(
        db,
        NotFound,
        ["778"],
        records.add_ask,
        **PLAIN_ASK,
        letters=[(1, "ok"), (778, "missing")],
    )


def test_get_ask_rejects_unknown_and_non_numeric_ids(one_ask):
    db, ask_id = one_ask
    assert get_ask(db, str(ask_id))["id"] == ask_id
    with pytest.raises(NotFound, match="404"):
        get_ask(db, 404)
    with pytest.raises(ValidationError, match="abc"):
        get_ask(db, "abc")


def test_link_ask_adds_and_then_updates_the_passage(two_asks):
    db, first, second = two_asks
    letter_two = 2
    records.link_ask(db, letter_two, first, " repeated ")
    records.link_ask(db, letter_two, first, "repeated, reworded")
    passages = [
        r["passage"]
        for r in db["letter_asks"].rows_where("letter_id = ? AND ask_id = ?", [letter_two, first])
    ]
    assert passages == ["repeated, reworded"]
    assert db["letter_asks"].count == 3


@pytest.mark.parametrize(
    ("letter", "ask", "fragments"), [(55, None, ["letter", "55"]), (1, 66, ["ask", "66"])]
)
def test_link_ask_rejects_unknown_letter_or_ask(one_ask, letter, ask, fragments):
    db, ask_id = one_ask
    assert_rejected(db, NotFound, fragments, records.link_ask, letter, ask or ask_id, "p")


# --- status updates -----------------------------------------------------------------------------


def test_record_status_update_stores_a_change(one_ask):
    db, ask_id = one_ask
    row = records.record_status_update(
        db,
        ask_id,
        "in_progress",
        effective_date="2024-03-01",
        note="  Bill tabled  ",
        evidence_url="https://example.org/bill",
        visibility="public",
        recorded_by="ana",
    )
    stored = db["status_updates"].get(row["id"])
    assert stored["ask_id"] == ask_id
    assert stored["track"] == "outcome"
    assert stored["status"] == "in_progress"
    assert stored["effective_date"] == "2024-03-01"
    assert stored["note"] == "Bill tabled"
    assert stored["evidence_url"] == "https://example.org/bill"
    assert stored["visibility"] == "public"
    assert stored["recorded_by"] == "ana"
    assert stored["kind"] == "change"
    assert stored["supersedes_id"] is None
    assert row["kind"] == "change"


def test_record_status_update_on_response_track(one_ask):
    db, ask_id = one_ask
    row = update(db, ask_id, "acknowledged", "2024-02-01", track="response")
    assert db["status_updates"].get(row["id"])["track"] == "response"
    assert current_status_of(db, ask_id, "response", "2024-02-01") == "acknowledged"
    assert current_status_of(db, ask_id, "response", "2024-01-31") is None
    assert current_status_of(db, ask_id, "outcome", "2024-02-01") == "not_assessed"


def test_same_status_again_is_recorded_as_verification(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-03-01")
    again = records.record_status_update(db, ask_id, "in_progress", effective_date="2024-05-01")
    assert again["kind"] == "verification"
    assert db["status_updates"].get(again["id"])["note"] == "Checked: no change."
    assert db["status_updates"].count == 2


def test_same_status_as_later_entry_but_different_at_its_date_is_a_change(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-03-01")
    update(db, ask_id, "stalled", "2024-06-01")
    # As of 2024-04-01 the ask was in progress, so "stalled" then is a change (needs a note).
    with pytest.raises(ValidationError, match="note"):
        records.record_status_update(db, ask_id, "stalled", effective_date="2024-04-01")
    row = update(db, ask_id, "stalled", "2024-04-01")
    assert row["kind"] == "change"


def test_status_other_than_the_current_one_is_a_change(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-03-01")
    assert update(db, ask_id, "stalled", "2024-06-01")["kind"] == "change"


def test_correction_supersedes_an_entry(one_ask):
    db, ask_id = one_ask
    wrong = update(db, ask_id, "achieved", "2024-03-01")
    fix = update(
        db,
        ask_id,
        "in_progress",
        "2024-03-01",
        note="It was only tabled.",
        supersedes_id=wrong["id"],
    )
    stored = db["status_updates"].get(fix["id"])
    assert stored["kind"] == "correction"
    assert stored["supersedes_id"] == wrong["id"]
    assert current_status_of(db, ask_id, "outcome", "2024-04-01") == "in_progress"


def test_correction_of_the_latest_correction_is_allowed(one_ask):
    db, ask_id = one_ask
    first = update(db, ask_id, "achieved", "2024-03-01")
    second = update(db, ask_id, "stalled", "2024-03-01", note="fix", supersedes_id=first["id"])
    third = update(
        db, ask_id, "in_progress", "2024-03-01", note="fix again", supersedes_id=second["id"]
    )
    assert third["kind"] == "correction"
    assert current_status_of(db, ask_id, "outcome", "2024-03-01") == "in_progress"


def _unknown_entry(db, first, second):
    update(db, first, "in_progress", "2024-03-01")
    return 12345


def _entry_of_another_ask(db, first, second):
    return update(db, second, "in_progress", "2024-03-01")["id"]


def _entry_of_another_track(db, first, second):
    return update(db, first, "acknowledged", "2024-03-01", track="response")["id"]


def _corrected_entry(db, first, second):
    wrong = update(db, first, "achieved", "2024-03-01")
    update(db, first, "in_progress", "2024-03-01", note="fix", supersedes_id=wrong["id"])
    return wrong["id"]


def _valid_entry(db, first, second):
    return update(db, first, "achieved", "2024-03-01")["id"]


@pytest.mark.parametrize(
    ("entry", "note", "error", "fragments", "field"),
    [
        (_unknown_entry, "fix", NotFound, ["{id}"], "supersedes"),
        (_entry_of_another_ask, "fix", ValidationError, ["{id}", "another ask"], "supersedes"),
        (_entry_of_another_track, "fix", ValidationError, ["{id}"], "supersedes"),
        (
            _corrected_entry,
            "fix again",
            ValidationError,
            ["{id}", "already been corrected"],
            "supersedes",
        ),
        (_valid_entry, " ", ValidationError, ["correction", "note"], "note"),
    ],
)
def test_correction_refuses(two_asks, entry, note, error, fragments, field):
    """A correction must name an uncorrected entry of the same ask and track, and say why."""
    db, first, second = two_asks
    entry_id = entry(db, first, second)
    refused = assert_rejected(
        db, error, [f.format(id=entry_id) for f in fragments], records.record_status_update,
        first, "stalled", effective_date="2024-03-01", note=note, supersedes_id=entry_id,
    )  # fmt: skip
    assert refused.field == field


def test_two_people_correcting_one_entry_at_once_cannot_fork_the_history(
    one_ask, db_path, monkeypatch
):
    """A colleague's correction made while ours is being written waits for the write lock,
    then finds the entry corrected: refused with the same message, nothing of it stored."""
    db, ask_id = one_ask
    wrong = update(db, ask_id, "achieved", "2024-03-01")
    real_now = records.now_timestamp
    outcome: dict = {}

    def colleague():
        other = open_db(db_path)
        try:
            with acting_as(Actor(email="colleague@example.org", role="officer", via="test")):
                update(
                    other,
                    ask_id,
                    "in_progress",
                    "2024-03-01",
                    note="late",
                    supersedes_id=wrong["id"],
                )
        except ValidationError as error:
            outcome["error"] = error
        finally:
            other.close()

    thread = threading.Thread(target=colleague)

    def colleague_starts_midway():  # called inside our write, after our checks
        monkeypatch.setattr(records, "now_timestamp", real_now)
        thread.start()
        time.sleep(0.3)  # the colleague is now waiting for our write lock
        return real_now()

    monkeypatch.setattr(records, "now_timestamp", colleague_starts_midway)
    update(db, ask_id, "stalled", "2024-03-01", note="first", supersedes_id=wrong["id"])
    thread.join(10)
    assert "already been corrected" in outcome["error"].message
    assert outcome["error"].field == "supersedes"
    corrections = db.conn.execute(
        "SELECT note FROM status_updates WHERE supersedes_id = ?", (wrong["id"],)
    ).fetchall()
    assert corrections == [("first",)]


def test_a_second_correction_written_around_the_tracker_is_refused_by_the_database(one_ask):
    """Defence in depth (a trigger): a tool writing SQL directly cannot fork the history
    either."""
    db, ask_id = one_ask
    wrong = update(db, ask_id, "achieved", "2024-03-01")
    update(db, ask_id, "stalled", "2024-03-01", note="fix", supersedes_id=wrong["id"])
    with pytest.raises(sqlite3.IntegrityError, match="already been corrected"):
        db.conn.execute(
            "INSERT INTO status_updates (ask_id, track, status, effective_date, recorded_at, "
            "note, visibility, recorded_by, kind, supersedes_id) VALUES "
            "(?, 'outcome', 'in_progress', '2024-03-01', '2024-03-02T00:00:00Z', 'x', "
            "'internal', 'sql', 'correction', ?)",
            (ask_id, wrong["id"]),
        )


def test_status_history_refuses_update(one_ask):
    db, ask_id = one_ask
    row = update(db, ask_id, "in_progress", "2024-03-01")
    before = dump(db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.conn.execute("UPDATE status_updates SET status = 'achieved' WHERE id = ?", (row["id"],))
    db.conn.rollback()
    assert dump(db) == before
    assert db["status_updates"].get(row["id"])["status"] == "in_progress"


def test_status_history_refuses_delete(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-03-01")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.conn.execute("DELETE FROM status_updates")
    db.conn.rollback()
    assert db["status_updates"].count == 1


# --- verify_ask ---------------------------------------------------------------------------------


def test_verify_ask_records_a_verification_of_the_current_status(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "stalled", "2024-03-01")
    row = records.verify_ask(db, ask_id, on="2024-08-01", recorded_by="leo")
    stored = db["status_updates"].get(row["id"])
    assert stored["kind"] == "verification"
    assert stored["status"] == "stalled"
    assert stored["effective_date"] == "2024-08-01"
    assert stored["visibility"] == "internal"
    assert stored["recorded_by"] == "leo"
    assert stored["note"] == "Checked: no change."


def test_verify_ask_with_no_outcome_yet_verifies_not_assessed(one_ask):
    db, ask_id = one_ask
    row = records.verify_ask(db, ask_id, on="2024-02-01")
    assert (row["status"], row["kind"]) == ("not_assessed", "verification")


def test_verify_ask_defaults_to_today(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-03-01")
    row = records.verify_ask(db, ask_id)
    assert row["effective_date"] == today().isoformat()
    assert row["kind"] == "verification"


# --- indicators and observations ----------------------------------------------------------------


def test_add_indicator_stores_baseline_target_and_links(two_asks):
    db, first, second = two_asks
    indicator_id = records.add_indicator(
        db,
        name=" Journalists killed ",
        direction="lower",
        unit="people",
        baseline_value="11",
        baseline_date="2017-12-31",
        target_value=0,
        target_date="2030-12-31",
        source="https://rsf.org",
        ask_ids=[first, str(second)],
    )
    row = db["indicators"].get(indicator_id)
    assert row["name"] == "Journalists killed"
    assert row["baseline_value"] == 11.0
    assert row["baseline_date"] == "2017-12-31"
    assert row["target_value"] == 0.0
    assert row["target_date"] == "2030-12-31"
    linked = sorted(r["ask_id"] for r in rows(db, "indicator_asks"))
    assert linked == sorted([first, second])


def test_add_indicator_links_an_ask_named_twice_once(one_ask):
    db, ask_id = one_ask
    indicator_id = records.add_indicator(
        db, name="X", direction="higher", ask_ids=[ask_id, str(ask_id)]
    )
    assert [(r["indicator_id"], r["ask_id"]) for r in rows(db, "indicator_asks")] == [
        (indicator_id, ask_id)
    ]


def test_add_indicator_without_baseline_or_target(fresh_db):
    indicator_id = records.add_indicator(fresh_db, name="Count", direction="higher")
    row = fresh_db["indicators"].get(indicator_id)
    assert row["baseline_value"] is None and row["target_value"] is None


def test_add_indicator_target_date_may_be_in_the_future(fresh_db):
    indicator_id = records.add_indicator(
        fresh_db, name="X", direction="higher", target_value=5, target_date=FUTURE
    )
    assert fresh_db["indicators"].get(indicator_id)["target_date"] == FUTURE


@pytest.fixture
def indicator(fresh_db):
    return fresh_db, records.add_indicator(fresh_db, name="Rate", direction="higher")


@pytest.mark.parametrize(("raw", "stored"), [("1234.5", 1234.5), (" 74 ", 74.0), (3, 3.0)])
def test_record_observation_stores_numbers(indicator, raw, stored):
    db, indicator_id = indicator
    obs_id = records.record_observation(
        db, indicator_id, raw, date="2023-12-31", source_url="https://ine.mx/x", note=" n "
    )
    row = db["observations"].get(obs_id)
    assert row["value"] == stored
    assert row["indicator_id"] == indicator_id
    assert row["date"] == "2023-12-31"
    assert row["source_url"] == "https://ine.mx/x"
    assert row["note"] == "n"


def _first_value(db, indicator_id) -> int:
    return records.record_observation(
        db,
        indicator_id,
        4,
        date="2023-12-31",
        source_url="https://lapalabranoticias.com/2023/recuento",
        recorded_by="demo-data",
    )


@pytest.mark.parametrize("anyway", [False, True], ids=["form", "record-mine-anyway"])
def test_a_second_value_for_an_indicators_date_is_refused_naming_the_first(indicator, anyway):
    """One value per indicator and date: a second one would leave the chart a vertical spike
    and which value counts for progress invisible. Even after the two-people guard ("record
    mine anyway" sends the latest id it was shown) the date's value is not doubled."""
    db, indicator_id = indicator
    first = _first_value(db, indicator_id)
    before = dump(db)
    expect = {"expect_latest": first} if anyway else {}
    with pytest.raises(FormErrors) as refused:
        records.record_observation(db, indicator_id, "8", date="2023-12-31", **expect)
    message = refused.value.errors["date"]
    for fragment in ("2023-12-31", "the value 4", "lapalabranoticias.com", "demo-data"):
        assert fragment in message
    assert f"#{first}" in message and "correct" in message
    assert list(refused.value.errors) == ["date"]
    assert dump(db) == before


def test_a_correction_replaces_the_dates_value_and_the_audit_log_keeps_the_old_one(indicator):
    db, indicator_id = indicator
    first = _first_value(db, indicator_id)
    corrected = records.record_observation(
        db,
        indicator_id,
        "5",
        date="2023-12-31",
        source_url="https://rsf.org/es/barometro",
        note="RSF's count",
        corrects=first,
    )
    assert corrected > first  # a new entry, the latest: a colleague's open form is stale
    kept = rows(db, "observations")
    assert [(r["date"], r["value"], r["source_url"]) for r in kept] == [
        ("2023-12-31", 5.0, "https://rsf.org/es/barometro")
    ]
    entry = db.execute(
        "SELECT details FROM audit_log WHERE action = 'observation.correct'"
    ).fetchone()
    details = json.loads(entry[0])
    assert (details["corrects"], details["observation_id"]) == (first, corrected)
    assert details["before"]["value"] == 4.0
    assert details["before"]["source_url"] == "https://lapalabranoticias.com/2023/recuento"
    assert details["before"]["recorded_by"] == "demo-data"
    assert details["value"] == 5.0
    # the audit log page names the action in words, like every other
    assert audit.ACTION_LABELS.get("observation.correct") == "Observation corrected"


def test_a_form_opened_before_a_correction_is_stale(indicator):
    db, indicator_id = indicator
    first = _first_value(db, indicator_id)
    records.record_observation(db, indicator_id, 5, date="2023-12-31", corrects=first)
    with pytest.raises(StaleForm, match="recorded the value 5 for 2023-12-31"):
        records.record_observation(
            db, indicator_id, 6, date="2023-12-31", corrects=first, expect_latest=first
        )


def test_a_value_on_another_date_is_recorded_beside_it(indicator):
    db, indicator_id = indicator
    _first_value(db, indicator_id)
    records.record_observation(db, indicator_id, 6, date="2024-12-31")
    assert sorted(r["date"] for r in rows(db, "observations")) == ["2023-12-31", "2024-12-31"]


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"date": "2022-12-31"}, "is the value for 2023-12-31, not 2022-12-31"),
        ({"corrects": 999}, "no observation #999"),
        ({"other_indicator": True}, "is a value of another indicator"),
    ],
)
def test_a_correction_must_name_the_value_of_that_indicator_and_date(indicator, change, fragment):
    db, indicator_id = indicator
    first = _first_value(db, indicator_id)
    target = indicator_id
    if change.pop("other_indicator", False):
        target = records.add_indicator(db, name="Other", direction="lower")
    arguments = {"date": "2023-12-31", "corrects": first} | change
    before = dump(db)
    with pytest.raises(FormErrors) as refused:
        records.record_observation(db, target, 8, **arguments)
    assert fragment in refused.value.errors["corrects"]
    assert dump(db) == before


# --- refused writes: each row changes one thing in a valid call; the write must raise the
# --- error naming it (and the field, where given) and leave the database as it was -----------

LETTER = {"title": "T", "date_sent": "2020-01-01", "author_org": "Org"}
BAD_DATES = ["2020-13-01", "11/07/2018", "2018-7-11", "yesterday"]
LETTER_REFUSALS = [
    ({"title": "   "}, ValidationError, ["title"], "title"),
    *[({"date_sent": d}, ValidationError, [d, "YYYY-MM-DD"], None) for d in BAD_DATES],
    ({"date_sent": FUTURE}, ValidationError, [FUTURE, "future"], None),
    ({"url": "javascript:alert(1)"}, ValidationError, ["javascript:alert(1)"], None),
]
ASK = PLAIN_ASK | {"added_on": "2020-01-01"}
ASK_REFUSALS = [
    ({"letters": [(777, "passage")]}, NotFound, ["letter", "777"], "letter"),
    ({"priority": "urgent"}, ValidationError, ["urgent", "high"], None),
    *[({f: " "}, ValidationError, [f], f) for f in ("title", "target", "theme", "country")],
    ({"added_on": "2020-02-30"}, ValidationError, ["2020-02-30"], None),
    ({"added_on": FUTURE}, ValidationError, [FUTURE], None),
]
UPDATE = {"ask_id": None, "status": "in_progress", "effective_date": "2024-03-01", "note": "n"}
BAD_URLS = ["javascript:alert(1)", "ftp://example.org/file", "example.org/page", "https://"]
UPDATE_REFUSALS = [
    ({"ask_id": 999}, NotFound, ["999"], "ask"),
    ({"status": "finished"}, ValidationError, ["finished", "in_progress"], "status"),
    # 'acknowledged' exists, but on the response track only, and in_progress on the outcome
    ({"status": "acknowledged"}, ValidationError, ["acknowledged", "outcome"], None),
    ({"track": "response"}, ValidationError, ["in_progress", "response"], None),
    ({"status": ""}, ValidationError, ["status"], None),
    ({"track": "impact"}, ValidationError, ["impact"], "track"),
    *[
        ({"effective_date": d}, ValidationError, [d], None)
        for d in ["2024-02-30", "2024/03/01", "March 2024", "20240301"]
    ],
    ({"effective_date": ""}, ValidationError, ["effective date"], None),
    ({"effective_date": FUTURE}, ValidationError, [FUTURE, "future"], None),
    *[({"note": empty}, ValidationError, ["note"], "note") for empty in ["", "   ", None]],
    *[
        ({"evidence_url": url}, ValidationError, [url.strip()], "evidence_url")
        for url in [*BAD_URLS, "http://a b"]
    ],
    ({"visibility": "secret"}, ValidationError, ["secret"], None),
]
VERIFY = {"ask_id": None, "on": "2024-03-01"}
VERIFY_REFUSALS = [
    ({"ask_id": 31337}, NotFound, ["31337"], None),
    ({"track": "response"}, ValidationError, ["{ask_id}", "response"], None),
    ({"on": FUTURE}, ValidationError, [FUTURE], None),
    ({"track": "impact"}, ValidationError, ["impact"], None),
]
INDICATOR = {"name": "X", "direction": "higher"}
INDICATOR_REFUSALS = [
    ({"baseline_value": 10}, ValidationError, ["baseline"], "baseline_date"),
    ({"baseline_date": "2020-01-01"}, ValidationError, ["baseline"], None),
    ({"target_value": 10}, ValidationError, ["target"], None),
    ({"baseline_value": "ten", "baseline_date": "2020-01-01"}, ValidationError, ["ten"], None),
    ({"direction": "sideways"}, ValidationError, ["sideways"], None),
    ({"ask_ids": ["{ask_id}", 4242]}, NotFound, ["4242"], None),
    ({"baseline_value": 1, "baseline_date": FUTURE}, ValidationError, [FUTURE], None),
    ({"source": "javascript:alert(1)"}, ValidationError, ["javascript:alert(1)"], None),
]
OBSERVATION = {"indicator_id": None, "value": 1, "date": "2023-01-01"}
OBSERVATION_REFUSALS = [
    ({"indicator_id": 808, "value": 5}, NotFound, ["indicator", "808"], "indicator"),
    *[
        ({"value": bad}, ValidationError, ["value", f"'{bad}'" if bad else "required"], "value")
        for bad in ["abc", "12%", "", None, "nan", "inf"]
    ],
    ({"date": "31/12/2023"}, ValidationError, ["31/12/2023"], None),
    ({"date": FUTURE}, ValidationError, [FUTURE], None),
    ({"source_url": "javascript:alert(1)"}, ValidationError, ["javascript:alert(1)"], None),
]


def _refused(db, call, valid, changes, error, fragments, field, **ids):
    """``call`` with ``valid`` arguments but ``changes`` is refused with ``error`` (naming
    every fragment and ``field``); ``None`` and "{name}" take the ids of the fixture."""

    def fill(value):
        if isinstance(value, list):
            return [fill(v) for v in value]
        return ids.get(value[1:-1], value) if isinstance(value, str) and value[:1] == "{" else value

    arguments = {k: ids[k] if v is None and k in ids else fill(v) for k, v in valid.items()}
    arguments |= {k: fill(v) for k, v in changes.items()}
    fragments = [str(fill(f)) for f in fragments]
    first = [arguments.pop(k) for k in ("ask_id", "indicator_id", "status", "value") if k in valid]
    refused = assert_rejected(db, error, fragments, call, *first, **arguments)
    assert field is None or refused.field == field


REFUSAL = ("changes", "error", "fragments", "field")
# each write: its valid arguments, the fixture its ids come from, and what it must refuse
WRITES = {
    "add_letter": (LETTER, "fresh_db", LETTER_REFUSALS),
    "add_ask": (ASK, "fresh_db", ASK_REFUSALS),
    "record_status_update": (UPDATE, "one_ask", UPDATE_REFUSALS),
    "verify_ask": (VERIFY, "one_ask", VERIFY_REFUSALS),
    "add_indicator": (INDICATOR, "one_ask", INDICATOR_REFUSALS),
    "record_observation": (OBSERVATION, "indicator", OBSERVATION_REFUSALS),
}
FIXTURE_ID = {"one_ask": "ask_id", "indicator": "indicator_id"}  # fresh_db: no id


@pytest.mark.parametrize(
    ("write", *REFUSAL),
    [(write, *refusal) for write, (_, _, refusals) in WRITES.items() for refusal in refusals],
)
def test_writes_refuse(request, write, changes, error, fragments, field):
    valid, fixture, _ = WRITES[write]
    made = request.getfixturevalue(fixture)
    db, ids = (made[0], {FIXTURE_ID[fixture]: made[1]}) if fixture in FIXTURE_ID else (made, {})
    _refused(db, getattr(records, write), valid, changes, error, fragments, field, **ids)


def test_errors_are_tracker_errors():
    assert issubclass(NotFound, TrackerError)
    assert issubclass(ValidationError, TrackerError)


def test_verify_asks_verifies_each_in_one_transaction(demo_db):
    results = records.verify_asks(demo_db, [1, 2], on="2025-12-31")
    assert [r["kind"] for r in results] == ["verification", "verification"]
    assert [r["ask_id"] for r in results] == [1, 2]


def test_verify_asks_writes_nothing_when_one_ask_is_unknown(demo_db):
    before = dump(demo_db)
    with pytest.raises(NotFound, match="no ask with id 999"):
        records.verify_asks(demo_db, [1, 999], on="2025-12-31")
    assert dump(demo_db) == before


def test_a_missing_note_is_refused_at_once_while_a_colleague_is_writing(one_ask, db_path):
    """Input errors do not wait for the write lock: a colleague's long write does not turn
    "note is required" into "database is locked" five seconds later."""
    db, ask_id = one_ask
    colleague = sqlite3.connect(str(db_path), isolation_level=None)
    colleague.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ValidationError, match="note is required"):
            update(db, ask_id, "achieved", "2024-03-01", note=" ")
        with pytest.raises(ValidationError, match="correction needs a note"):
            update(db, ask_id, "achieved", "2024-03-01", note="", supersedes_id=1)
        with pytest.raises(ValidationError, match="no response status yet"):
            records.verify_ask(db, ask_id, track="response")
    finally:
        colleague.execute("ROLLBACK")
        colleague.close()


# what Streamlit's markdown (GitHub's autolinks) turns into a link even when escaped
AUTOLINK = r"(https?://|www\.)[-\w]+\.[-\w]|[-.\w+]+@[-\w]+\.[-\w]"


@pytest.mark.parametrize(
    "typed", ["www.example.org", "www.example.org/report.pdf", "press@example.org", "ftp://x.org"]
)
@pytest.mark.parametrize("field", ["evidence URL", "source URL"])
def test_a_refused_address_is_not_echoed_as_a_link(typed, field):
    """QA 2026-12-02: 'www.example.org' quoted in the refusal rendered as a clickable link
    next to the field, a link to the very address just refused."""
    with pytest.raises(ValidationError) as refused:
        records.check_url(typed, field)
    message = refused.value.message
    assert "not a web address" in message and field in message
    assert not re.search(AUTOLINK, message), message
