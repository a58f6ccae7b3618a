"""The ``tracker`` command, driven in-process through click's CliRunner.

Happy paths check what each command prints and what it stores; expectations are computed from
the demo files in ``data/demo/`` and ``data/statuses.json``, never copied from program output.
Bad input must exit with status 1, print one line on stderr naming the problem and the
offending value, show no traceback, and leave the database file byte-for-byte as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from clikit import assert_rejected, count, ok, query, run

from tracker.cli import cli
from tracker.dates import today
from tracker.db import open_db
from tracker.demo import read_rows
from tracker.mix import status_mix

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = json.loads((ROOT / "data" / "statuses.json").read_text(encoding="utf-8"))

TODAY = today().isoformat()
FUTURE = (today() + dt.timedelta(days=30)).isoformat()
PAST = "2024-05-02"
HUGE_ID = "99999999999999999999"  # larger than any SQLite integer


LETTERS = read_rows("letters.json")
ASKS = read_rows("asks.json")
INDICATORS = read_rows("indicators.json")
UPDATES = read_rows("status_updates.csv")
OBSERVATIONS = read_rows("observations.csv")

# A fresh database numbers the demo's asks and indicators in file order, from 1.
ASK_ID = {ask["key"]: number for number, ask in enumerate(ASKS, start=1)}
ASK_KEY = {number: key for key, number in ASK_ID.items()}
SCORE = {entry["code"]: entry["score"] for entry in VOCABULARY["outcome"]}
TERMINAL = {entry["code"] for entry in VOCABULARY["outcome"] if entry.get("terminal")}


def expected_status(ask_key: str, as_of: str, track: str = "outcome") -> str | None:
    """The ask's status on ``track`` as of a date, from the demo CSV (the latest entry wins;
    on the same date, the later row)."""
    rows = [
        (row["effective_date"], index, row["status"])
        for index, row in enumerate(UPDATES)
        if row["ask_key"] == ask_key and row["track"] == track and row["effective_date"] <= as_of
    ]
    if not rows:
        return "not_assessed" if track == "outcome" else None
    return max(rows)[2]


def expected_last_checked(ask_key: str, as_of: str) -> str | None:
    dates = [r["effective_date"] for r in UPDATES if r["ask_key"] == ask_key]
    dates = [d for d in dates if d <= as_of]
    return max(dates) if dates else None


def days_between(start: str, end: str) -> int:
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days


def a_status_other_than(status: str) -> str:
    return next(code for code in SCORE if code not in (status, "not_assessed"))


# --- helpers ---------------------------------------------------------------------------------


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def empty_file(runner, db_path) -> Path:
    ok(runner, db_path, "init")
    return db_path


# --- init ------------------------------------------------------------------------------------


def test_init_creates_database_with_vocabulary_and_is_idempotent(runner, db_path):
    first = ok(runner, db_path, "init")
    assert "Database ready" in first.stdout and str(db_path) in first.stdout
    migrations = count(db_path, "_sqlite_migrations")
    ok(runner, db_path, "init")
    vocabulary_size = len(VOCABULARY["outcome"]) + len(VOCABULARY["response"])
    assert count(db_path, "statuses") == vocabulary_size
    assert count(db_path, "_sqlite_migrations") == migrations
    assert count(db_path, "letters") == 0


def test_init_demo_prints_and_loads_the_demo_counts(runner, db_path):
    result = ok(runner, db_path, "init", "--demo")
    counts = [
        (len(LETTERS), "letter", "letters"),
        (len(ASKS), "ask", "asks"),
        (len(UPDATES), "status update", "status updates"),
        (len(INDICATORS), "indicator", "indicators"),
        (len(OBSERVATIONS), "observation", "observations"),
    ]
    said = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
    assert f"Loaded the demo dataset: {said}" in result.stdout.splitlines()  # "1 letter"
    assert count(db_path, "letters") == len(LETTERS)
    assert count(db_path, "asks") == len(ASKS)
    assert count(db_path, "status_updates") == len(UPDATES)
    assert count(db_path, "observations") == len(OBSERVATIONS)


def test_init_demo_refuses_a_database_with_data_and_writes_nothing(runner, demo_file):
    assert_rejected(runner, demo_file, ["init", "--demo"], "already holds data", "--force")
    assert count(demo_file, "letters") == len(LETTERS)


def test_init_demo_force_adds_the_demo_again(runner, demo_file):
    ok(runner, demo_file, "init", "--demo", "--force")
    assert count(demo_file, "letters") == 2 * len(LETTERS)
    assert count(demo_file, "asks") == 2 * len(ASKS)


def test_tracker_db_environment_variable_names_the_database(runner, tmp_path):
    path = tmp_path / "from-env.db"
    result = runner.invoke(cli, ["init"], env={"TRACKER_DB": str(path)})
    assert result.exit_code == 0, result.output
    assert path.exists() and str(path) in result.stdout
    listed = runner.invoke(cli, ["letters", "--json"], env={"TRACKER_DB": str(path)})
    assert listed.exit_code == 0 and json.loads(listed.stdout) == []
    missing = tmp_path / "missing.db"
    failed = runner.invoke(cli, ["letters"], env={"TRACKER_DB": str(missing)})
    assert failed.exit_code == 1 and str(missing) in failed.stderr


# --- reads -----------------------------------------------------------------------------------


def test_letters_table_shows_the_demo_letter(runner, demo_file):
    result = ok(runner, demo_file, "letters")
    letter = LETTERS[0]
    assert letter["title"] in result.stdout
    assert letter["date_sent"] in result.stdout


def test_letters_json_is_one_array_with_ask_counts(runner, demo_file):
    data = json.loads(ok(runner, demo_file, "letters", "--json").stdout)
    assert isinstance(data, list) and len(data) == len(LETTERS)
    (letter,) = data
    assert letter["title"] == LETTERS[0]["title"]
    assert letter["date_sent"] == LETTERS[0]["date_sent"]
    made_here = [a for a in ASKS if any(x["letter"] == LETTERS[0]["key"] for x in a["letters"])]
    assert letter["asks"] == len(made_here)


@pytest.mark.parametrize("as_of", ["2018-07-11", "2019-01-01", "2022-06-30", TODAY])
def test_asks_json_gives_each_asks_status_as_of_a_date(runner, demo_file, as_of):
    data = json.loads(ok(runner, demo_file, "asks", "--as-of", as_of, "--json").stdout)
    assert {row["ask_id"] for row in data} == set(ASK_KEY)
    for row in data:
        key = ASK_KEY[row["ask_id"]]
        assert row["status"] == expected_status(key, as_of), (key, as_of)
        assert row["response"] == expected_status(key, as_of, "response"), (key, as_of)


def test_asks_as_of_changes_the_answer(runner, demo_file):
    key = ASKS[0]["key"]
    before, after = expected_status(key, "2018-07-11"), expected_status(key, "2019-01-01")
    assert (before, after) == ("stalled", "in_progress")  # the brief's example, from the CSV

    def status_of_first_ask(as_of: str) -> str:
        data = json.loads(ok(runner, demo_file, "asks", "--as-of", as_of, "--json").stdout)
        return next(row["status"] for row in data if row["ask_id"] == 1)

    assert status_of_first_ask("2018-07-11") == before
    assert status_of_first_ask("2019-01-01") == after


def test_asks_table_lists_every_ask_with_its_status(runner, demo_file):
    output = ok(runner, demo_file, "asks", "--as-of", "2019-01-01").stdout
    for ask in ASKS:
        assert ask["title"] in output
    line = next(line for line in output.splitlines() if ASKS[0]["title"] in line)
    assert expected_status(ASKS[0]["key"], "2019-01-01") in line


def test_asks_before_any_ask_was_made_lists_none(runner, demo_file):
    earliest = min(ask["added_on"] for ask in ASKS)
    day_before = (dt.date.fromisoformat(earliest) - dt.timedelta(days=1)).isoformat()
    assert json.loads(ok(runner, demo_file, "asks", "--as-of", day_before, "--json").stdout) == []
    assert "(none)" in ok(runner, demo_file, "asks", "--as-of", day_before).stdout


def test_indicators_json_gives_latest_observation_of_each(runner, demo_file):
    data = json.loads(ok(runner, demo_file, "indicators", "--json").stdout)
    assert [row["name"] for row in data] == [item["name"] for item in INDICATORS]
    for row, item in zip(data, INDICATORS, strict=True):
        series = [o for o in OBSERVATIONS if o["indicator_key"] == item["key"]]
        latest = max(series, key=lambda o: o["date"])
        assert row["latest_date"] == latest["date"]
        assert row["latest_value"] == pytest.approx(float(latest["value"]))
        assert row["progress_status"]


def test_indicators_as_of_ignores_later_observations(runner, demo_file):
    as_of = "2019-01-01"
    data = json.loads(ok(runner, demo_file, "indicators", "--as-of", as_of, "--json").stdout)
    by_name = {row["name"]: row for row in data}
    for item in INDICATORS:
        series = [o for o in OBSERVATIONS if o["indicator_key"] == item["key"]]
        earlier = [o for o in series if o["date"] <= as_of]
        if earlier:
            latest = max(earlier, key=lambda o: o["date"])
            assert by_name[item["name"]]["latest_date"] == latest["date"]


def test_indicators_table_names_every_indicator(runner, demo_file):
    output = ok(runner, demo_file, "indicators").stdout
    for item in INDICATORS:
        assert item["name"] in output


# --- update, verify, history -----------------------------------------------------------------


def entries(path: Path, ask_id: int) -> list[dict]:
    return query(path, "SELECT * FROM status_updates WHERE ask_id = ? ORDER BY id", (ask_id,))


def test_update_records_a_change_and_it_becomes_the_current_status(runner, demo_file):
    new = a_status_other_than(expected_status(ASK_KEY[1], TODAY))
    result = ok(runner, demo_file, "update", "1", new, "--date", TODAY, "--note", "Bill tabled")
    row = entries(demo_file, 1)[-1]
    assert result.stdout.strip() == (
        f"Recorded change #{row['id']}: ask 1 outcome -> {new} on {TODAY}"
    )
    assert (row["status"], row["kind"], row["note"]) == (new, "change", "Bill tabled")
    assert row["visibility"] == "internal"
    assert row["evidence_url"] is None
    data = json.loads(ok(runner, demo_file, "asks", "--json").stdout)
    assert next(r["status"] for r in data if r["ask_id"] == 1) == new


def test_update_dated_before_the_ask_was_added_says_so(runner, demo_file):
    """QA 1: the CLI records a background entry (its docstring's example is one) and says
    that views before the ask's added date do not show it; a later date says nothing more."""
    result = ok(runner, demo_file, "update", "1", "stalled", "--date", "2015-03-01", "--note", "x")
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Recorded change #")
    assert lines[1] == (
        "Note: 2015-03-01 is before #1 was first asked, on 2018-07-11: views as of earlier "
        "dates do not show the ask, so this entry only says where things stood on "
        "2018-07-11."
    )
    assert entries(demo_file, 1)[-1]["effective_date"] == "2015-03-01"
    later = ok(runner, demo_file, "update", "1", "in_progress", "--date", PAST, "--note", "y")
    assert len(later.stdout.strip().splitlines()) == 1


def test_update_public_flag_makes_the_entry_public(runner, demo_file):
    new = a_status_other_than(expected_status(ASK_KEY[1], PAST))
    ok(runner, demo_file, "update", "1", new, "--date", PAST, "--note", "Seen.", "--public")
    assert entries(demo_file, 1)[-1]["visibility"] == "public"


def test_update_on_the_response_track(runner, demo_file):
    assert expected_status(ASK_KEY[1], TODAY, "response") is None
    result = ok(
        runner, demo_file, "update", "1", "acknowledged", "--track", "response",
        "--date", PAST, "--note", "Reply received.",
    )  # fmt: skip
    assert "ask 1 response -> acknowledged" in result.stdout
    row = entries(demo_file, 1)[-1]
    assert (row["track"], row["status"]) == ("response", "acknowledged")
    data = json.loads(ok(runner, demo_file, "asks", "--json").stdout)
    assert next(r["response"] for r in data if r["ask_id"] == 1) == "acknowledged"


def test_update_stores_evidence_url_and_recorder(runner, demo_file):
    url = "https://example.org/report?id=7"
    new = a_status_other_than(expected_status(ASK_KEY[1], PAST))
    ok(
        runner, demo_file, "update", "1", new, "--date", PAST, "--note", "Report.",
        "--evidence", url, "--by", "Ana Pérez",
    )  # fmt: skip
    row = entries(demo_file, 1)[-1]
    assert (row["evidence_url"], row["recorded_by"]) == (url, "Ana Pérez")


def test_update_with_the_same_status_is_a_verification(runner, demo_file):
    same = expected_status(ASK_KEY[1], TODAY)
    result = ok(runner, demo_file, "update", "1", same, "--date", TODAY)
    assert "verification" in result.stdout
    row = entries(demo_file, 1)[-1]
    assert (row["kind"], row["status"]) == ("verification", same)
    assert row["note"]


def test_update_supersedes_records_a_correction(runner, demo_file):
    wrong = a_status_other_than(expected_status(ASK_KEY[1], TODAY))
    ok(runner, demo_file, "update", "1", wrong, "--date", TODAY, "--note", "Typo ahead.")
    wrong_id = entries(demo_file, 1)[-1]["id"]
    right = a_status_other_than(wrong)
    result = ok(
        runner, demo_file, "update", "1", right, "--date", TODAY,
        "--note", "Wrong status picked.", "--supersedes", str(wrong_id),
    )  # fmt: skip
    assert "correction" in result.stdout
    correction = entries(demo_file, 1)[-1]
    assert (correction["kind"], correction["supersedes_id"]) == ("correction", wrong_id)
    history = json.loads(ok(runner, demo_file, "history", "1", "--json").stdout)
    by_id = {entry["id"]: entry for entry in history}
    assert by_id[wrong_id]["superseded_by"] == correction["id"]
    data = json.loads(ok(runner, demo_file, "asks", "--json").stdout)
    assert next(r["status"] for r in data if r["ask_id"] == 1) == right


def test_verify_records_a_check_and_refreshes_staleness(runner, demo_file):
    def stale_ids() -> set[int]:
        data = json.loads(ok(runner, demo_file, "stale", "--json").stdout)
        return {row["ask_id"] for row in data}

    last = expected_last_checked(ASK_KEY[1], TODAY)
    assert days_between(last, TODAY) > 90
    assert 1 in stale_ids()
    result = ok(runner, demo_file, "verify", "1", "--by", "Ana")
    status = expected_status(ASK_KEY[1], TODAY)
    assert result.stdout.strip() == f"Verified ask 1: still {status} ({TODAY})"
    row = entries(demo_file, 1)[-1]
    assert (row["kind"], row["effective_date"], row["recorded_by"]) == (
        "verification",
        TODAY,
        "Ana",
    )
    assert 1 not in stale_ids()


def test_verify_on_a_past_date(runner, demo_file):
    result = ok(runner, demo_file, "verify", "1", "--date", "2019-01-01")
    assert f"still {expected_status(ASK_KEY[1], '2019-01-01')} (2019-01-01)" in result.stdout


def test_history_lists_every_entry_and_json_contains_a_new_one(runner, demo_file):
    key = ASK_KEY[1]
    history = json.loads(ok(runner, demo_file, "history", "1", "--json").stdout)
    assert len(history) == sum(1 for row in UPDATES if row["ask_key"] == key)
    new = a_status_other_than(expected_status(key, PAST))
    ok(runner, demo_file, "update", "1", new, "--date", PAST, "--note", "A new entry.")
    new_id = entries(demo_file, 1)[-1]["id"]
    history = json.loads(ok(runner, demo_file, "history", "1", "--json").stdout)
    assert len(history) == sum(1 for row in UPDATES if row["ask_key"] == key) + 1
    entry = next(e for e in history if e["id"] == new_id)
    assert (entry["status"], entry["effective_date"], entry["note"]) == (new, PAST, "A new entry.")
    table = ok(runner, demo_file, "history", "1").stdout
    assert "A new entry." in table


# --- observe, add-letter, add-ask, link-ask --------------------------------------------------


def test_observe_records_a_value_that_becomes_the_latest(runner, demo_file):
    url = "https://example.org/cpi"
    result = ok(
        runner, demo_file, "observe", "1", "80000", "--date", TODAY,
        "--source", url, "--note", "Provisional",
    )  # fmt: skip
    assert "indicator 1" in result.stdout and "80000" in result.stdout
    row = query(demo_file, "SELECT * FROM observations ORDER BY id DESC LIMIT 1")[0]
    assert (row["indicator_id"], row["value"], row["date"]) == (1, 80000.0, TODAY)
    assert (row["source_url"], row["note"]) == (url, "Provisional")
    data = json.loads(ok(runner, demo_file, "indicators", "--json").stdout)
    first = next(r for r in data if r["indicator_id"] == 1)
    assert (first["latest_value"], first["latest_date"]) == (80000, TODAY)


def _journalists_2023(demo_file) -> dict:
    return query(
        demo_file,
        """SELECT o.* FROM observations o JOIN indicators i ON i.id = o.indicator_id
           WHERE i.name LIKE 'Journalists killed%' AND o.date = '2023-12-31'""",
    )


def test_observe_refuses_a_second_value_for_a_date_and_names_the_first(runner, demo_file):
    """The demo holds 4 for 2023 (RSF's count): an 8 for the same date is refused, naming it."""
    (first,) = _journalists_2023(demo_file)
    indicator = str(first["indicator_id"])
    assert_rejected(
        runner, demo_file, ["observe", indicator, "8", "--date", "2023-12-31"],
        "2023-12-31 already has the value 4", "lapalabranoticias.com", "demo-data",
        f"--corrects {first['id']}",
    )  # fmt: skip


def test_observe_corrects_replaces_the_dates_value(runner, demo_file):
    (first,) = _journalists_2023(demo_file)
    indicator, obs_id = str(first["indicator_id"]), str(first["id"])
    result = ok(
        runner, demo_file, "observe", indicator, "5", "--date", "2023-12-31",
        "--source", "https://rsf.org/es", "--corrects", obs_id,
    )  # fmt: skip
    assert f"Corrected observation #{obs_id}" in result.stdout and "4 -> 5" in result.stdout
    (now,) = _journalists_2023(demo_file)
    assert (now["value"], now["source_url"]) == (5.0, "https://rsf.org/es")
    assert f"(now observation #{now['id']})" in result.stdout


def test_add_letter_reads_text_file_and_keeps_every_cosigner(runner, empty_file, tmp_path):
    text = "Dear Secretary,\n\nWe urge you to act on asylum.\n\nSincerely,\n"
    text_file = tmp_path / "letter.txt"
    text_file.write_text(text, encoding="utf-8")
    result = ok(
        runner, empty_file, "add-letter", "--title", "Letter on asylum", "--date", "2024-01-15",
        "--author", "Test NGO", "--cosigner", "LAWG", "--cosigner", "RFK Human Rights",
        "--text-file", str(text_file), "--url", "https://example.org/letter",
    )  # fmt: skip
    (letter,) = query(empty_file, "SELECT * FROM letters")
    assert result.stdout.strip() == f"Added letter #{letter['id']}: Letter on asylum"
    assert letter["full_text"] == text.strip()
    assert json.loads(letter["cosigners"]) == ["LAWG", "RFK Human Rights"]
    assert (letter["date_sent"], letter["author_org"]) == ("2024-01-15", "Test NGO")


def test_add_ask_links_it_to_the_letter_with_its_passage(runner, empty_file):
    ok(runner, empty_file, "add-letter", "--title", "L", "--date", "2024-01-15", "--author", "N")
    result = ok(
        runner, empty_file, "add-ask", "--title", "Protect asylum seekers",
        "--target", "Government of Mexico", "--theme", "Migration", "--country", "Mexico",
        "--letter", "1", "--passage", "We urge you to act on asylum.",
    )  # fmt: skip
    (ask,) = query(empty_file, "SELECT * FROM asks")
    assert result.stdout.strip() == f"Added ask #{ask['id']}: Protect asylum seekers"
    assert ask["added_on"] == "2024-01-15"  # defaults to the letter's date
    links = query(empty_file, "SELECT * FROM letter_asks")
    assert links == [
        {"letter_id": 1, "ask_id": ask["id"], "passage": "We urge you to act on asylum."}
    ]
    letters = json.loads(ok(runner, empty_file, "letters", "--json").stdout)
    assert letters[0]["asks"] == 1


def test_link_ask_records_that_a_later_letter_repeats_an_ask(runner, demo_file):
    ok(runner, demo_file, "add-letter", "--title", "Follow-up", "--date", "2020-03-01",
       "--author", "WOLA")  # fmt: skip
    (new_letter,) = query(demo_file, "SELECT id FROM letters WHERE title = 'Follow-up'")
    letter_id = new_letter["id"]
    result = ok(runner, demo_file, "link-ask", str(letter_id), "1", "--passage", "We ask again.")
    assert result.stdout.strip() == f"Linked ask 1 to letter {letter_id}"
    links = query(demo_file, "SELECT * FROM letter_asks WHERE letter_id = ?", (letter_id,))
    assert links == [{"letter_id": letter_id, "ask_id": 1, "passage": "We ask again."}]


# --- stale, changes --------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "days"), [("2020-01-01", 180), ("2024-06-30", 365)])
def test_stale_lists_asks_unchecked_for_more_than_days(runner, demo_file, as_of, days):
    expected = {}
    for ask in ASKS:
        status = expected_status(ask["key"], as_of)
        last = expected_last_checked(ask["key"], as_of) or ask["added_on"]
        if days_between(last, as_of) > days and status not in TERMINAL:
            expected[ASK_ID[ask["key"]]] = days_between(last, as_of)
    assert expected  # the case exercises something
    args = ["stale", "--as-of", as_of, "--days", str(days)]
    data = json.loads(ok(runner, demo_file, *args, "--json").stdout)
    assert {row["ask_id"]: row["days_since_checked"] for row in data} == expected
    assert [row["days_since_checked"] for row in data] == sorted(expected.values(), reverse=True)
    table = ok(runner, demo_file, *args).stdout
    for ask_id in expected:
        assert ASKS[ask_id - 1]["title"] in table


@pytest.mark.parametrize(
    ("since", "until"), [("2018-07-11", "2019-01-01"), ("2019-01-01", "2024-12-31")]
)
def test_changes_lists_asks_that_moved_between_two_dates(runner, demo_file, since, until):
    expected = {}
    for ask in ASKS:
        before, after = expected_status(ask["key"], since), expected_status(ask["key"], until)
        if before != after:
            a, b = SCORE[before], SCORE[after]
            change = "changed" if a is None or b is None or a == b else "up" if b > a else "down"
            expected[ASK_ID[ask["key"]]] = (change, before, after)
    assert expected
    args = ["changes", "--since", since, "--until", until]
    data = json.loads(ok(runner, demo_file, *args, "--json").stdout)
    found = {r["ask_id"]: (r["change"], r["status_before"], r["status_after"]) for r in data}
    assert found == expected
    table = ok(runner, demo_file, *args).stdout
    for ask_id in expected:
        assert ASKS[ask_id - 1]["title"] in table


def test_changes_until_defaults_to_today(runner, demo_file):
    data = json.loads(ok(runner, demo_file, "changes", "--since", "2018-07-11", "--json").stdout)
    moved = {
        ASK_ID[a["key"]]
        for a in ASKS
        if expected_status(a["key"], "2018-07-11") != expected_status(a["key"], TODAY)
    }
    assert {row["ask_id"] for row in data} == moved


# --- bad input -------------------------------------------------------------------------------

NOTE = ["--note", "Something happened."]

BAD_INPUT = [
    # unknown ask, letter, indicator or entry
    pytest.param(["update", "999", "achieved", "--date", PAST, *NOTE], ["ask", "999"],
                 id="update-unknown-ask"),
    pytest.param(["verify", "999"], ["ask", "999"], id="verify-unknown-ask"),
    pytest.param(["history", "999"], ["ask", "999"], id="history-unknown-ask"),
    pytest.param(["link-ask", "1", "999"], ["ask", "999"], id="link-ask-unknown-ask"),
    pytest.param(["link-ask", "999", "1"], ["letter", "999"], id="link-ask-unknown-letter"),
    pytest.param(["add-ask", "--title", "T", "--target", "T", "--theme", "T", "--country", "C",
                  "--letter", "999"], ["letter", "999"], id="add-ask-unknown-letter"),
    pytest.param(["observe", "999", "5", "--date", PAST], ["indicator", "999"],
                 id="observe-unknown-indicator"),
    pytest.param(["update", "1", "achieved", "--date", PAST, *NOTE, "--supersedes", "999"],
                 ["999"], id="update-supersedes-unknown-entry"),
    # ids too large for SQLite: not found, not an OverflowError traceback
    pytest.param(["history", HUGE_ID], ["ask", HUGE_ID], id="history-huge-ask-id"),
    pytest.param(["verify", HUGE_ID], ["ask", HUGE_ID], id="verify-huge-ask-id"),
    pytest.param(["update", HUGE_ID, "achieved", "--date", PAST, *NOTE], ["ask", HUGE_ID],
                 id="update-huge-ask-id"),
    pytest.param(["observe", HUGE_ID, "5", "--date", PAST], ["indicator", HUGE_ID],
                 id="observe-huge-indicator-id"),
    pytest.param(["link-ask", HUGE_ID, "1"], ["letter", HUGE_ID], id="link-ask-huge-letter-id"),
    pytest.param(["link-ask", "1", HUGE_ID], ["ask", HUGE_ID], id="link-ask-huge-ask-id"),
    pytest.param(["add-ask", "--title", "T", "--target", "T", "--theme", "T", "--country", "C",
                  "--letter", HUGE_ID], ["letter", HUGE_ID], id="add-ask-huge-letter-id"),
    pytest.param(["update", "1", "achieved", "--date", PAST, *NOTE, "--supersedes", HUGE_ID],
                 [HUGE_ID], id="update-supersedes-huge-id"),
    # non-numeric ids
    pytest.param(["update", "abc", "achieved", "--date", PAST, *NOTE], ["ask", "abc"],
                 id="update-non-numeric-ask"),
    pytest.param(["verify", "abc"], ["ask", "abc"], id="verify-non-numeric-ask"),
    pytest.param(["history", "abc"], ["ask", "abc"], id="history-non-numeric-ask"),
    pytest.param(["link-ask", "1", "abc"], ["ask", "abc"], id="link-ask-non-numeric-ask"),
    pytest.param(["link-ask", "abc", "1"], ["letter", "abc"], id="link-ask-non-numeric-letter"),
    pytest.param(["observe", "abc", "5", "--date", PAST], ["indicator", "abc"],
                 id="observe-non-numeric-indicator"),
    # unknown status
    pytest.param(["update", "1", "bogus", "--date", PAST, *NOTE], ["status", "bogus"],
                 id="update-unknown-status"),
    pytest.param(["update", "1", "acknowledged", "--date", PAST, *NOTE], ["acknowledged"],
                 id="update-response-status-on-outcome-track"),
    pytest.param(["update", "1", "stalled", "--track", "response", "--date", PAST, *NOTE],
                 ["stalled"], id="update-outcome-status-on-response-track"),
    # non-numeric value
    pytest.param(["observe", "1", "lots", "--date", PAST], ["value", "lots"],
                 id="observe-non-numeric-value"),
    # empty note on a status change
    pytest.param(["update", "1", "achieved", "--date", PAST], ["note"], id="update-no-note"),
    pytest.param(["update", "1", "achieved", "--date", PAST, "--note", "   "], ["note"],
                 id="update-blank-note"),
    # URLs that are not web addresses
    pytest.param(["update", "1", "achieved", "--date", PAST, *NOTE,
                  "--evidence", "javascript:alert(1)"], ["javascript:alert(1)"],
                 id="update-javascript-evidence"),
    pytest.param(["observe", "1", "5", "--date", PAST, "--source", "javascript:alert(1)"],
                 ["javascript:alert(1)"], id="observe-javascript-source"),
    pytest.param(["add-letter", "--title", "T", "--date", PAST, "--author", "A",
                  "--url", "javascript:alert(1)"], ["javascript:alert(1)"],
                 id="add-letter-javascript-url"),
    # other refusals
    pytest.param(["verify", "1", "--track", "response"], ["response"],
                 id="verify-track-without-status"),
    pytest.param(["stale", "--days", "-1"], ["-1"], id="stale-negative-days"),
    pytest.param(["changes", "--since", "2024-01-01", "--until", "2020-01-01"],
                 ["2024-01-01", "2020-01-01"], id="changes-since-after-until"),
]  # fmt: skip


def _date_cases(value: str) -> list:
    """Every place a date goes in, given ``value``."""
    return [
        ("update", ["update", "1", "achieved", "--date", value, *NOTE]),
        ("verify", ["verify", "1", "--date", value]),
        ("observe", ["observe", "1", "5", "--date", value]),
        ("add-letter", ["add-letter", "--title", "T", "--date", value, "--author", "A"]),
        ("add-ask", ["add-ask", "--title", "T", "--target", "T", "--theme", "T",
                     "--country", "C", "--added-on", value]),
    ]  # fmt: skip


def _as_of_cases(value: str) -> list:
    return [
        ("asks", ["asks", "--as-of", value]),
        ("indicators", ["indicators", "--as-of", value]),
        ("stale", ["stale", "--as-of", value]),
        ("changes-since", ["changes", "--since", value]),
        ("changes-until", ["changes", "--since", "2020-01-01", "--until", value]),
    ]


MALFORMED_DATES = ["2024-13-45", "yesterday", "2024-1-5"]

for _value in MALFORMED_DATES:
    for _name, _args in _date_cases(_value) + _as_of_cases(_value):
        BAD_INPUT.append(
            pytest.param(_args, [_value, "not a valid date"], id=f"{_name}-date-{_value}")
        )
for _name, _args in _date_cases(FUTURE):
    BAD_INPUT.append(pytest.param(_args, [FUTURE, "future"], id=f"{_name}-future-date"))


@pytest.mark.parametrize(("args", "fragments"), BAD_INPUT)
def test_bad_input_exits_1_with_one_line_and_leaves_database_unchanged(
    runner, demo_file, args, fragments
):
    assert_rejected(runner, demo_file, args, *fragments)


def test_update_refuses_to_correct_an_entry_of_another_ask(runner, demo_file):
    (other,) = query(demo_file, "SELECT id FROM status_updates WHERE ask_id = 2 LIMIT 1")
    assert_rejected(
        runner, demo_file,
        ["update", "1", "achieved", "--date", PAST, *NOTE, "--supersedes", str(other["id"])],
        str(other["id"]), "another ask",
    )  # fmt: skip


def test_update_refuses_a_second_correction_of_the_same_entry(runner, demo_file):
    first = entries(demo_file, 1)[0]["id"]
    ok(runner, demo_file, "update", "1", "achieved", "--date", PAST, *NOTE,
       "--supersedes", str(first))  # fmt: skip
    assert_rejected(
        runner, demo_file,
        ["update", "1", "stalled", "--date", PAST, *NOTE, "--supersedes", str(first)],
        str(first), "already been corrected",
    )  # fmt: skip


def test_update_rejects_future_date(runner, demo_file):
    line = assert_rejected(
        runner, demo_file, ["update", "1", "achieved", "--date", FUTURE, *NOTE], FUTURE
    )
    assert "future" in line


@pytest.mark.parametrize(
    "args",
    [
        ["letters"],
        ["asks"],
        ["indicators"],
        ["update", "1", "achieved", "--date", PAST, *NOTE],
        ["verify", "1"],
        ["history", "1"],
        ["observe", "1", "5", "--date", PAST],
        ["add-letter", "--title", "T", "--date", PAST, "--author", "A"],
        ["add-ask", "--title", "T", "--target", "T", "--theme", "T", "--country", "C"],
        ["link-ask", "1", "1"],
        ["stale"],
        ["changes", "--since", "2024-01-01"],
    ],
    ids=lambda args: args[0],
)
def test_commands_other_than_init_refuse_a_missing_database(runner, tmp_path, args):
    missing = tmp_path / "nowhere" / "missing.db"
    assert_rejected(runner, missing, args, str(missing), "tracker init")
    assert not missing.parent.exists()


def test_add_letter_from_a_file_that_is_not_utf8_says_so(runner, demo_file, tmp_path):
    text = tmp_path / "letter.txt"
    text.write_bytes("Carta al Secretario: impunidad".encode("utf-16"))
    args = ["add-letter", "--title", "T", "--date", "2020-01-01", "--author", "A"]
    assert_rejected(runner, demo_file, [*args, "--text-file", str(text)], "letter.txt", "UTF-8")


def test_init_where_no_folder_can_be_made_says_so(runner, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "tracker.db"
    assert_rejected(runner, target, ["init"], "cannot create a database", str(target))


def test_init_rebuild_brings_the_mix_in_step_with_asks_edited_outside(runner, demo_file):
    """A theme renamed in Datasette: the by-theme mix still counts the ask under its old
    theme (not under another one); `init --rebuild` recomputes it under the new one."""
    with sqlite3.connect(demo_file) as conn:
        conn.execute("UPDATE asks SET theme = 'Aaa renamed' WHERE theme = 'Migration and asylum'")
    conn.close()

    def by_theme():
        db = open_db(demo_file)
        mix = status_mix(db, "2025-12-31", by="theme")
        db.close()
        last = mix[mix["month"] == "2025-12"]
        return last.groupby("group")["count"].sum().to_dict()

    stale = by_theme()
    assert stale["Migration and asylum"] > 0 and stale.get("Aaa renamed", 0) == 0
    result = runner.invoke(cli, ["--db", str(demo_file), "init", "--rebuild"])
    assert result.exit_code == 0, result.output
    assert "Rebuilt the status spans" in result.output
    fresh = by_theme()
    assert fresh["Aaa renamed"] == stale["Migration and asylum"]
    assert fresh.get("Migration and asylum", 0) == 0
    assert sum(fresh.values()) == sum(stale.values())


def test_add_indicator_stores_it_with_baseline_and_target(runner, demo_file):
    result = runner.invoke(
        cli,
        [
            "--db",
            str(demo_file),
            "add-indicator",
            "--name",
            "Impunity rate",
            "--direction",
            "lower",
            "--unit",
            "%",
            "--baseline",
            "95",
            "--baseline-date",
            "2018-01-01",
            "--target",
            "80",
            "--target-date",
            "2030-12-31",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Added indicator #" in result.output
    listed = json.loads(ok(runner, demo_file, "indicators", "--json").output)
    row = next(r for r in listed if r["name"] == "Impunity rate")
    assert (row["direction"], row["target_value"]) == ("lower", 80)


def test_add_indicator_refuses_an_unknown_direction_and_writes_nothing(runner, demo_file):
    assert_rejected(
        runner,
        demo_file,
        ["add-indicator", "--name", "X", "--direction", "sideways"],
        "sideways",
    )


def test_a_stale_expect_latest_is_said_for_the_command_line(runner, demo_file):
    """The app's "since this form was opened" means nothing in a shell: the refusal names the
    entry --expect-latest gave, and nothing is stored."""
    sql = "SELECT MAX(id) AS id FROM status_updates WHERE ask_id = 3 AND track = 'outcome'"
    latest = query(demo_file, sql)[0]["id"]
    before = count(demo_file, "status_updates")
    result = run(
        runner, demo_file, "update", "3", "stalled", "--date", "2025-03-01",
        "--note", "Talks paused.", "--expect-latest", str(latest - 1),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "form" not in result.stderr
    assert f"since entry #{latest - 1}" in result.stderr
    assert count(demo_file, "status_updates") == before
