"""The demo dataset's integrity: the raw files in ``data/demo/`` and the database that
``tracker.demo.load_demo`` builds from them (fixture ``demo_db``)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.dates import today
from tracker.demo import DEMO_DIR, load_demo, read_rows
from tracker.errors import TrackerError

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = json.loads((ROOT / "data" / "statuses.json").read_text(encoding="utf-8"))
KNOWN = {track: {entry["code"] for entry in VOCABULARY[track]} for track in ("outcome", "response")}
TODAY = today()


LETTERS = read_rows("letters.json")
ASKS = read_rows("asks.json")
INDICATORS = read_rows("indicators.json")
UPDATES = read_rows("status_updates.csv")
OBSERVATIONS = read_rows("observations.csv")


def is_web_url(value: str | None) -> bool:
    parsed = urlparse(value or "")
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in value


def is_past_iso_date(value: str | None) -> bool:
    if not value or len(value) != 10:
        return False
    try:
        return dt.date.fromisoformat(value) <= TODAY
    except ValueError:
        return False


def rows(db, sql: str, params: tuple = ()) -> list[dict]:
    return list(db.query(sql, params))


def test_demo_folder_holds_one_letter_seven_asks_and_seven_indicators():
    assert len(LETTERS) == 1
    assert len(ASKS) == 7
    assert len(INDICATORS) == 7
    assert len({ask["key"] for ask in ASKS}) == len(ASKS)
    assert len({item["key"] for item in INDICATORS}) == len(INDICATORS)


# --- sources ---------------------------------------------------------------------------------


def test_every_status_update_in_the_file_has_a_web_source():
    unsourced = [r for r in UPDATES if not is_web_url(r["evidence_url"])]
    assert unsourced == []


def test_every_observation_in_the_file_has_a_web_source():
    unsourced = [r for r in OBSERVATIONS if not is_web_url(r["source_url"])]
    assert unsourced == []


def test_every_loaded_status_update_and_observation_has_a_web_source(demo_db):
    updates = rows(demo_db, "SELECT id, evidence_url FROM status_updates")
    observations = rows(demo_db, "SELECT id, source_url FROM observations")
    assert len(updates) == len(UPDATES)
    assert len(observations) == len(OBSERVATIONS)
    assert [r for r in updates if not is_web_url(r["evidence_url"])] == []
    assert [r for r in observations if not is_web_url(r["source_url"])] == []


def test_letter_and_indicator_sources_are_web_addresses():
    for letter in LETTERS:
        assert is_web_url(letter["url"])
        assert all(is_web_url(source) for source in letter.get("sources", []))
    for item in INDICATORS:
        assert is_web_url(item["source"]), item["key"]


# --- statuses and dates ----------------------------------------------------------------------


def test_every_status_in_the_file_is_known_on_its_track():
    unknown = [
        (r["ask_key"], r["track"], r["status"])
        for r in UPDATES
        if r["track"] not in KNOWN or r["status"] not in KNOWN[r["track"]]
    ]
    assert unknown == []


def test_every_loaded_status_is_in_the_vocabulary_table(demo_db):
    unknown = rows(
        demo_db,
        """SELECT u.id, u.track, u.status FROM status_updates u
           LEFT JOIN statuses s ON s.track = u.track AND s.code = u.status
           WHERE s.code IS NULL""",
    )
    assert unknown == []


def test_every_status_update_is_public_demo_data():
    assert {r["visibility"] for r in UPDATES} == {"public"}
    assert {r["recorded_by"] for r in UPDATES} == {"demo-data"}
    assert all(r["note"].strip() for r in UPDATES)


def test_every_date_in_the_files_is_a_valid_past_iso_date():
    dates = (
        [("status update", r["effective_date"]) for r in UPDATES]
        + [("observation", r["date"]) for r in OBSERVATIONS]
        + [("letter", letter["date_sent"]) for letter in LETTERS]
        + [("ask", ask["added_on"]) for ask in ASKS]
        + [("baseline", item["baseline_date"]) for item in INDICATORS if item["baseline_date"]]
    )
    assert len(dates) > len(UPDATES) + len(OBSERVATIONS)
    assert [(what, value) for what, value in dates if not is_past_iso_date(value)] == []


def test_every_loaded_date_is_a_valid_past_iso_date(demo_db):
    dates = [
        r[0]
        for sql in (
            "SELECT effective_date FROM status_updates",
            "SELECT date FROM observations",
            "SELECT date_sent FROM letters",
            "SELECT added_on FROM asks",
        )
        for r in demo_db.conn.execute(sql)
    ]
    assert [value for value in dates if not is_past_iso_date(value)] == []


def test_observation_values_are_plain_numbers():
    for row in OBSERVATIONS:
        assert "," not in row["value"] and "%" not in row["value"], row
        float(row["value"])


# --- asks, letter and history ----------------------------------------------------------------


def test_every_ask_has_a_history_in_the_file():
    with_history = {r["ask_key"] for r in UPDATES}
    assert [ask["key"] for ask in ASKS if ask["key"] not in with_history] == []
    assert with_history <= {ask["key"] for ask in ASKS}


def test_every_loaded_ask_has_a_history(demo_db):
    counts = rows(
        demo_db,
        """SELECT a.id, a.title, COUNT(u.id) AS entries FROM asks a
           LEFT JOIN status_updates u ON u.ask_id = a.id GROUP BY a.id""",
    )
    assert len(counts) == len(ASKS)
    assert [r for r in counts if r["entries"] == 0] == []


def test_every_ask_has_an_outcome_status_when_the_letter_was_sent():
    sent = LETTERS[0]["date_sent"]
    for ask in ASKS:
        before = [
            r
            for r in UPDATES
            if r["ask_key"] == ask["key"]
            and r["track"] == "outcome"
            and r["effective_date"] <= sent
        ]
        assert before, f"{ask['key']} has no status as of the letter ({sent})"


def test_every_ask_is_linked_to_the_letter_by_a_passage_of_its_full_text(demo_db):
    letters = rows(demo_db, "SELECT id, full_text FROM letters")
    assert len(letters) == 1
    (letter,) = letters
    assert letter["full_text"]
    links = rows(demo_db, "SELECT letter_id, ask_id, passage FROM letter_asks")
    linked = {link["ask_id"] for link in links}
    all_asks = {r["id"] for r in rows(demo_db, "SELECT id FROM asks")}
    assert linked == all_asks
    for link in links:
        assert link["letter_id"] == letter["id"]
        assert link["passage"], link
        assert link["passage"] in letter["full_text"], link


def test_every_ask_in_the_file_names_the_letter_and_a_passage_of_it():
    letter_keys = {letter["key"]: letter for letter in LETTERS}
    for ask in ASKS:
        assert ask["letters"], ask["key"]
        for link in ask["letters"]:
            assert link["letter"] in letter_keys
            assert link["passage"] in letter_keys[link["letter"]]["full_text"], ask["key"]


@pytest.mark.parametrize(
    "keywords",
    [
        ("independent", "prosecutor"),
        ("anti-corruption", "system"),
        ("asylum",),
        ("military",),
        ("torture", "disappearances"),
        ("defenders", "journalists"),
        ("ayotzinapa",),
    ],
    ids=lambda words: "-".join(words),
)
def test_the_seven_asks_of_the_brief_are_loaded(demo_db, keywords):
    titles = [r[0] for r in demo_db.conn.execute("SELECT title FROM asks")]
    matches = [t for t in titles if all(word in t.lower() for word in keywords)]
    assert len(matches) == 1, (keywords, titles)


def test_the_seven_keyword_groups_name_seven_different_asks(demo_db):
    titles = [r[0].lower() for r in demo_db.conn.execute("SELECT title FROM asks")]
    groups = ["prosecutor", "anti-corruption", "asylum", "military", "torture", "defenders"]
    groups.append("ayotzinapa")
    matched = {next(i for i, t in enumerate(titles) if word in t) for word in groups}
    assert len(matched) == 7 == len(titles)


# --- indicators ------------------------------------------------------------------------------


def test_every_indicator_has_observations_and_a_direction(demo_db):
    summary = rows(
        demo_db,
        """SELECT i.id, i.name, i.direction, COUNT(o.id) AS observations FROM indicators i
           LEFT JOIN observations o ON o.indicator_id = i.id GROUP BY i.id""",
    )
    assert len(summary) == len(INDICATORS)
    for row in summary:
        assert row["observations"] >= 1, row
        assert row["direction"] in ("higher", "lower"), row


def test_every_indicator_in_the_file_has_observations_and_links_known_asks():
    ask_keys = {ask["key"] for ask in ASKS}
    observed = {r["indicator_key"] for r in OBSERVATIONS}
    assert observed == {item["key"] for item in INDICATORS}
    for item in INDICATORS:
        assert item["direction"] in ("higher", "lower"), item["key"]
        assert item["asks"] and set(item["asks"]) <= ask_keys, item["key"]


def test_every_indicator_baseline_is_its_earliest_observation():
    for item in INDICATORS:
        series = sorted(
            (r for r in OBSERVATIONS if r["indicator_key"] == item["key"]),
            key=lambda r: r["date"],
        )
        assert item["baseline_date"] == series[0]["date"], item["key"]
        assert item["baseline_value"] == pytest.approx(float(series[0]["value"])), item["key"]


# --- no unverified material ------------------------------------------------------------------


def test_no_unverified_text_in_the_demo_data_files():
    data_files = [p for p in DEMO_DIR.iterdir() if p.is_file() and p.name != "README.md"]
    assert {p.suffix for p in data_files} == {".json", ".csv"}
    flagged = [p.name for p in data_files if "unverified" in p.read_text(encoding="utf-8").lower()]
    assert flagged == []


def test_demo_readme_mentions_unverified_only_to_say_it_was_left_out():
    """The README documents the rule that excluded unverified rows; it may name the word only
    there."""
    lines = (DEMO_DIR / "README.md").read_text(encoding="utf-8").splitlines()
    for line in lines:
        if "unverified" in line.lower():
            assert "not included" in line or "left out" in line.lower(), line


# --- loading is all-or-nothing ---------------------------------------------------------------


def _update_row(track="outcome", date="2020-01-01", status="stalled", source=None) -> list[str]:
    """A status_updates.csv row of the demo's first ask."""
    source = source or "https://example.org/source"
    return ["fgr-independence", track, date, status, "A bad row.", source, "public", "demo-data"]


BAD_UPDATES = {  # the row, and a word the refusal must name (None: any refusal)
    "unknown-status": (_update_row(status="nearly_there"), None),
    "future-date": (_update_row(date="2999-01-01"), None),
    "malformed-date": (_update_row(date="2020-13-45"), None),
    "status-of-other-track": (_update_row(track="response"), None),
    "javascript-source": (
        _update_row(status="achieved", source="javascript:alert(1)"),
        "javascript",
    ),
}


def _copy_demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo-copy"
    shutil.copytree(DEMO_DIR, folder)
    return folder


def _append(path: Path, row: list[str]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(row)


def assert_nothing_loaded(db) -> None:
    for table in (
        "letters",
        "asks",
        "letter_asks",
        "status_updates",
        "indicators",
        "observations",
    ):
        assert db[table].count == 0, table


def test_the_copied_demo_folder_loads_cleanly(fresh_db, tmp_path):
    counts = load_demo(fresh_db, _copy_demo(tmp_path))
    assert counts["letters"] == len(LETTERS) and counts["asks"] == len(ASKS)
    assert fresh_db["status_updates"].count == len(UPDATES)


@pytest.mark.parametrize(("row", "named"), list(BAD_UPDATES.values()), ids=list(BAD_UPDATES))
def test_one_bad_status_update_row_loads_nothing(fresh_db, tmp_path, row, named):
    folder = _copy_demo(tmp_path)
    _append(folder / "status_updates.csv", row)
    with pytest.raises(TrackerError, match=named):
        load_demo(fresh_db, folder)
    assert_nothing_loaded(fresh_db)


def test_a_bad_last_observation_rolls_back_everything_before_it(fresh_db, tmp_path):
    """Observations load last, so this row fails after every other write has been made."""
    folder = _copy_demo(tmp_path)
    _append(
        folder / "observations.csv",
        ["cpi-mexico", "2020-06-30", "lots", "https://example.org/cpi", "", "demo-data"],
    )
    with pytest.raises(TrackerError, match="lots"):
        load_demo(fresh_db, folder)
    assert_nothing_loaded(fresh_db)


# --- the facts sheet's corrections --------------------------------------------------------

TITLE_42 = (
    "https://www.aljazeera.com/news/2023/5/8/timeline-title-42-expulsions-at-the-us-mexico-border"
)
# The asylum ask's outcome track as the facts sheet sets it (section 2a, corrected): the two
# COMAR capacity rows are context while MPP is in force, so they keep the status "reversed";
# the two Title 42 events are in, sourced to Al Jazeera's timeline.
ASYLUM_OUTCOMES = [
    ("2018-07-11", "no_progress"),
    ("2019-01-29", "reversed"),
    ("2019-06-01", "reversed"),
    ("2019-06-07", "reversed"),
    ("2019-06-10", "reversed"),
    ("2019-09-01", "reversed"),
    ("2020-03-01", "reversed"),
    ("2021-02-19", "partially_achieved"),
    ("2021-08-01", "reversed"),
    ("2022-10-25", "partially_achieved"),
    ("2023-05-11", "partially_achieved"),
    ("2025-01-20", "reversed"),
    ("2025-02-03", "reversed"),
]


def test_asylum_outcomes_follow_the_corrected_facts_sheet():
    outcomes = [
        (r["effective_date"], r["status"])
        for r in UPDATES
        if r["ask_key"] == "asylum-rights-cooperation" and r["track"] == "outcome"
    ]
    assert outcomes == ASYLUM_OUTCOMES


def test_title_42_events_cite_their_source():
    cited = {
        r["effective_date"]
        for r in UPDATES
        if r["ask_key"] == "asylum-rights-cooperation" and r["evidence_url"] == TITLE_42
    }
    assert cited == {"2020-03-01", "2023-05-11"}


@pytest.mark.parametrize("day", ["2019-06-05", "2019-09-15", "2020-06-30"])
def test_comar_capacity_rows_do_not_lift_the_mpp_reversal(demo_db, db_path, day):
    """Asked through the CLI as a person would: the asylum ask stays reversed."""
    result = CliRunner().invoke(cli, ["--db", str(db_path), "asks", "--as-of", day, "--json"])
    assert result.exit_code == 0, result.output
    (asylum,) = [a for a in json.loads(result.output) if a["title"].startswith("Asylum seekers")]
    assert asylum["status"] == "reversed"
