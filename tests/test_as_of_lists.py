"""The lists of every ask as of a date (current_status, list_asks, stale_asks, asks_moved_between)
against an oracle that walks the raw entries in Python, on seeded random histories on both
tracks; and the spans in force that those lists read.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from tracker import records, spans
from tracker.auth import Actor, acting_as
from tracker.changes import asks_moved_between
from tracker.db import open_db
from tracker.filters import AskFilter
from tracker.in_force import asks_in_force, in_force, status_in_force, view_params
from tracker.standing import current_status, list_asks, stale_asks
from tracker.vocabulary import load_vocabulary

OUTCOMES = ["no_progress", "in_progress", "stalled", "achieved", "reversed", "dropped"]
RESPONSES = ["acknowledged", "committed", "acted", "declined"]
DATES = ["2018-06-30", "2019-12-31", "2021-03-15", "2022-12-31", "2024-07-01"]


def random_date(rng: random.Random, first: int, last: int) -> str:
    return f"20{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


@pytest.fixture(scope="module")
def histories(tmp_path_factory):
    """30 asks in three themes; changes, verifications, corrections, public and internal
    entries on both tracks, some dated before the ask was made."""
    db = open_db(tmp_path_factory.mktemp("lists") / "tracker.db", create=True)
    rng = random.Random(11)
    with acting_as(Actor(email="builder@example.org", role="admin", name="Builder", via="test")):
        load_vocabulary(db)
        for number in range(30):
            ask_id = records.add_ask(
                db,
                title=f"Ask {number}",
                target="Government",
                theme=rng.choice(["Press", "Rule of law", "Asylum"]),
                country="Mexico",
                owner=rng.choice(["Ana", "Luis"]),
                added_on=random_date(rng, 18, 21),
            )
            for track, statuses, count in (
                ("outcome", OUTCOMES, rng.randint(0, 8)),
                ("response", RESPONSES, rng.choice([0, 0, 1, 3])),
            ):
                entries = [
                    records.record_status_update(
                        db,
                        ask_id,
                        rng.choice(statuses),
                        effective_date=random_date(rng, 17, 24),
                        track=track,
                        note=f"note {number} {track} {n}",
                        evidence_url=f"https://example.org/{number}/{track}/{n}",
                        visibility=rng.choice(["public", "internal"]),
                    )
                    for n in range(count)
                ]
                if entries and rng.random() < 0.4:
                    target = rng.choice(entries)
                    records.record_status_update(
                        db,
                        ask_id,
                        rng.choice(statuses),
                        effective_date=target["effective_date"],
                        track=track,
                        note="a correction",
                        supersedes_id=target["id"],
                    )
    yield db
    db.close()


def oracle(db, as_of: str, track: str, public_only: bool) -> dict[int, dict]:
    """Each ask made by ``as_of``: its status on ``track`` and the entry behind it, the start
    of the status's run, and when either track was last checked, from the raw entries."""
    asks = {r["id"]: r for r in db["asks"].rows}
    corrected = {r["supersedes_id"] for r in db["status_updates"].rows if r["supersedes_id"]}
    live: dict[tuple[int, str], list[dict]] = {}
    for entry in db["status_updates"].rows:
        if entry["id"] in corrected or entry["effective_date"] > as_of:
            continue
        if public_only and entry["visibility"] != "public":
            continue
        live.setdefault((entry["ask_id"], entry["track"]), []).append(entry)
    for entries in live.values():
        entries.sort(key=lambda e: (e["effective_date"], e["recorded_at"], e["id"]))
    answer = {}
    for ask_id, ask in asks.items():
        if ask["added_on"] > as_of:
            continue
        mine = live.get((ask_id, track), [])
        row = {"status": "not_assessed" if track == "outcome" else None, "since": None}
        row.update(last_note=None, last_update=None)
        if mine:
            latest = mine[-1]
            first_of_run = len(mine) - 1
            while first_of_run and mine[first_of_run - 1]["status"] == latest["status"]:
                first_of_run -= 1
            since = mine[first_of_run]["effective_date"]
            if first_of_run == 0 and latest["status"] == "not_assessed" and since > ask["added_on"]:
                since = ask["added_on"]  # the run began with the ask itself
            row.update(
                status=latest["status"],
                since=since,
                last_note=latest["note"],
                last_update=latest["effective_date"],
            )
        dates = [
            e[-1]["effective_date"] for t in ("outcome", "response") if (e := live.get((ask_id, t)))
        ]
        checked = max(dates) if dates else None
        row["last_checked"] = checked
        # never checked: "not yet checked", counted from when it was added to the tracker
        added = max(ask["created_at"][:10], ask["added_on"])
        row["days_since_checked"] = max(
            0, (dt.date.fromisoformat(as_of) - dt.date.fromisoformat(checked or added)).days
        )
        answer[ask_id] = row
    return answer


def as_dict(frame: pd.DataFrame, columns: list[str]) -> dict[int, dict]:
    return {
        row["ask_id"]: {c: None if pd.isna(row[c]) else row[c] for c in columns}
        for row in frame.to_dict("records")
    }


COLUMNS = ["status", "since", "last_note", "last_update", "last_checked", "days_since_checked"]
NOTES = ["last_note", "last_evidence", "priority", "added_on"]  # only with notes=True


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("track", ["outcome", "response"])
@pytest.mark.parametrize("public_only", [False, True])
def test_current_status_matches_the_raw_entries(histories, as_of, track, public_only):
    frame = current_status(histories, as_of, track=track, public_only=public_only, notes=True)
    assert frame["ask_id"].is_monotonic_increasing
    assert as_dict(frame, COLUMNS) == oracle(histories, as_of, track, public_only)
    plain = current_status(histories, as_of, track=track, public_only=public_only)
    pd.testing.assert_frame_equal(plain, frame.drop(columns=NOTES))


@pytest.mark.parametrize("as_of", DATES)
def test_list_asks_carries_the_response_track_of_the_raw_entries(histories, as_of):
    frame = list_asks(histories, as_of, notes=True)
    response = oracle(histories, as_of, "response", False)
    assert {k: v["response"] for k, v in as_dict(frame, ["response"]).items()} == {
        k: v["status"] for k, v in response.items()
    }
    assert as_dict(frame, COLUMNS) == oracle(histories, as_of, "outcome", False)


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("days", [0, 90, 400])
@pytest.mark.parametrize("include_terminal", [False, True])
def test_stale_asks_are_the_raw_entries_unchecked_for_longer(
    histories, as_of, days, include_terminal
):
    terminal = {"achieved", "dropped"}
    expected = {
        k: v
        for k, v in oracle(histories, as_of, "outcome", False).items()
        if v["days_since_checked"] > days and (include_terminal or v["status"] not in terminal)
    }
    frame = stale_asks(histories, as_of, days=days, include_terminal=include_terminal)
    without_notes = [c for c in COLUMNS if c not in NOTES]
    assert as_dict(frame, without_notes) == {
        k: {c: v[c] for c in without_notes} for k, v in expected.items()
    }
    order = list(zip(-frame["days_since_checked"], frame["ask_id"], strict=True))
    assert order == sorted(order)  # stalest first, then by ask


@pytest.mark.parametrize(
    ("start", "end"), [("2018-06-30", "2021-03-15"), ("2021-03-15", "2024-07-01")]
)
@pytest.mark.parametrize("track", ["outcome", "response"])
def test_asks_moved_between_compare_the_raw_entries_on_both_dates(histories, start, end, track):
    before, after = oracle(histories, start, track, False), oracle(histories, end, track, False)
    expected = {
        k: (before[k]["status"] if k in before else None, v["status"])
        for k, v in after.items()
        if k not in before or before[k]["status"] != v["status"]
    }
    frame = asks_moved_between(histories, start, end, track=track)
    got = {r.ask_id: (r.status_before, r.status_after) for r in frame.itertuples()}
    assert {k: tuple(None if pd.isna(s) else s for s in v) for k, v in got.items()} == expected
    assert set(frame.loc[frame["change"] == "added", "ask_id"]) == set(after) - set(before)
    assert expected  # the histories do move between these dates


def test_a_filter_keeps_the_rows_of_its_asks(histories):
    themes = AskFilter(themes=("Press",))
    frame = current_status(histories, "2024-07-01", ask_filter=themes, notes=True)
    press = {r["id"] for r in histories["asks"].rows_where("theme = 'Press'")}
    assert set(frame["ask_id"]) == press
    everything = as_dict(current_status(histories, "2024-07-01", notes=True), COLUMNS)
    assert as_dict(frame, COLUMNS) == {k: everything[k] for k in press}


# --- what the lists show ----------------------------------------------------------------------


def test_lists_follow_an_added_or_edited_ask(fresh_db):
    def titles():
        return current_status(fresh_db, "2020-02-01").set_index("ask_id")["title"]

    first = records.add_ask(
        fresh_db, title="First", target="T", theme="Press", country="Mexico", added_on="2020-01-01"
    )
    assert titles().loc[first] == "First"
    second = records.add_ask(
        fresh_db, title="Second", target="T", theme="Press", country="Mexico", added_on="2020-01-01"
    )
    assert list(titles()) == ["First", "Second"]
    with fresh_db.conn:  # an edit from outside the tracker (e.g. Datasette)
        fresh_db.conn.execute("UPDATE asks SET title = 'Renamed' WHERE id = ?", (second,))
    assert titles().loc[second] == "Renamed"
    assert (
        current_status(fresh_db, "2020-02-01").set_index("ask_id").loc[second, "title"] == "Renamed"
    )


def test_nothing_read_inside_a_rolled_back_transaction_shows_later(fresh_db):
    """A rolled-back ask is seen inside its transaction and never after it."""

    def make(title):
        return records.add_ask(
            fresh_db,
            title=title,
            target="T",
            theme="Press",
            country="Mexico",
            added_on="2020-01-01",
        )

    make("Kept")
    with pytest.raises(RuntimeError), fresh_db.atomic():
        make("Rolled back")
        assert "Rolled back" in set(current_status(fresh_db, "2020-02-01")["title"])
        raise RuntimeError("undo")
    make("Committed")
    assert list(current_status(fresh_db, "2020-02-01")["title"]) == ["Kept", "Committed"]


def test_each_ask_shows_its_latest_entrys_text_and_nothing_before_one(fresh_db):
    ask_id = records.add_ask(
        fresh_db, title="A", target="T", theme="Press", country="Mexico", added_on="2020-01-01"
    )
    records.add_ask(
        fresh_db, title="B", target="T", theme="Press", country="Mexico", added_on="2020-01-01"
    )
    records.record_status_update(
        fresh_db, ask_id, "in_progress", effective_date="2020-02-01", note="first <b>note</b>"
    )
    records.record_status_update(
        fresh_db,
        ask_id,
        "stalled",
        effective_date="2020-03-01",
        note="second",
        evidence_url="https://example.org/2",
        visibility="public",
    )
    got = current_status(fresh_db, "2020-04-01", notes=True)
    earlier = current_status(fresh_db, "2020-02-15", notes=True)
    assert got["title"].tolist() == earlier["title"].tolist() == ["A", "B"]
    assert got.loc[0, "last_note"] == "second"
    assert earlier.loc[0, "last_note"] == "first <b>note</b>"
    assert got["last_note"].isna().tolist() == earlier["last_note"].isna().tolist()
    assert got["last_note"].isna().tolist() == [False, True]
    assert got.loc[0, "last_evidence"] == "https://example.org/2"
    # asked again, the answer is the same; without notes, the same less those two columns
    pd.testing.assert_frame_equal(current_status(fresh_db, "2020-04-01", notes=True), got)
    plain = current_status(fresh_db, "2020-04-01")
    pd.testing.assert_frame_equal(plain, got.drop(columns=NOTES))


def _in_force_by_index(db, on: str, track: str, variant: str) -> list[tuple]:
    rows = db.conn.execute(
        f"""SELECT o.ask_id, o.start FROM status_spans o JOIN asks a ON a.id = o.ask_id
            WHERE {in_force("o", f"'{track}'")} AND a.added_on <= :as_of
            ORDER BY 1, 2""",
        {"variant": variant, "as_of": on},
    )
    return rows.fetchall()


def _in_force_by_definition(db, on: str, track: str, variant: str) -> list[tuple]:
    return db.conn.execute(
        """SELECT p.ask_id, p.start FROM status_spans p NOT INDEXED
           JOIN asks a ON a.id = p.ask_id
           WHERE variant = ? AND track = ? AND start <= ? AND stop > ? AND a.added_on <= ?
           ORDER BY 1, 2""",
        (variant, track, on, on, on),
    ).fetchall()


def _status_by_seek(db, on: str, track: str, variant: str) -> list[tuple]:
    """Each ask's status on ``on`` as ``status_in_force`` seeks it (asks with none left out)."""
    return db.conn.execute(
        f"""SELECT * FROM (SELECT a.id, {status_in_force("a.id", f"'{track}'", ":as_of")} AS s
            FROM asks a WHERE a.added_on <= :as_of) WHERE s IS NOT NULL ORDER BY 1""",
        {"variant": variant, "as_of": on},
    ).fetchall()


def _status_by_definition(db, on: str, track: str, variant: str) -> list[tuple]:
    return db.conn.execute(
        """SELECT p.ask_id, p.status FROM status_spans p NOT INDEXED
           JOIN asks a ON a.id = p.ask_id
           WHERE variant = ? AND track = ? AND start <= ? AND stop > ? AND a.added_on <= ?
           ORDER BY 1""",
        (variant, track, on, on, on),
    ).fetchall()


def _around_every_boundary(db) -> list[str]:
    """Every span's first day, last day in force and first day after, and the day before."""
    days = set()
    for start, stop in db.conn.execute("SELECT start, stop FROM status_spans"):
        for boundary in (start, stop):
            if boundary != spans.OPEN:
                day = dt.date.fromisoformat(boundary)
                days |= {boundary, (day - dt.timedelta(days=1)).isoformat()}
    return sorted(days)


@pytest.fixture(scope="module")
def lengths(tmp_path_factory):
    """One ask per span length, from a day to decades: its first status lasts exactly that
    many days, then the second stays open."""
    db = open_db(tmp_path_factory.mktemp("lengths") / "tracker.db", create=True)
    first = dt.date(1999, 1, 1)
    with acting_as(Actor(email="builder@example.org", role="admin", name="Builder", via="test")):
        load_vocabulary(db)
        for days in SPAN_LENGTHS:
            ask_id = records.add_ask(
                db,
                title=f"{days} days",
                target="T",
                theme="Th",
                country="Mexico",
                added_on=first.isoformat(),
            )
            for status, on in (("stalled", first), ("in_progress", first + dt.timedelta(days))):
                records.record_status_update(
                    db, ask_id, status, effective_date=on.isoformat(), note=f"{days}"
                )
    yield db
    db.close()


SPAN_LENGTHS = [1, 2, 3, 4, 5, 7, 8, 9, 255, 256, 257, 2047, 2048, 2049, 2050, 4097, 9000]


@pytest.mark.parametrize("fixture", ["lengths", "histories"])
def test_spans_found_in_force_are_exactly_those_covering_the_date(fixture, request):
    """The index lookup finds, on every day around every span's edges (and before and after
    all of them), exactly the spans that start by then and end later; and the one-span seek
    of an earlier date (``status_in_force``) names the status of that same span."""
    db = request.getfixturevalue(fixture)
    checked = 0
    for on in ["1990-01-01", *_around_every_boundary(db), "2099-12-31"]:
        for track in ("outcome", "response"):
            for variant in ("all", "public"):
                expected = _in_force_by_definition(db, on, track, variant)
                assert _in_force_by_index(db, on, track, variant) == expected, (on, track)
                status = _status_by_definition(db, on, track, variant)
                assert _status_by_seek(db, on, track, variant) == status, (on, track)
                checked += len(expected)
    assert checked > 100


def test_spans_in_force_near_the_last_representable_date(tmp_path, monkeypatch):
    """Dates near 9999-12-31 (where SQLite's date arithmetic gives NULL) still find the spans
    in force."""
    monkeypatch.setenv("TRACKER_TODAY", "9999-12-31")
    db = open_db(tmp_path / "far.db", create=True)
    with acting_as(Actor(email="builder@example.org", role="admin", name="Builder", via="test")):
        load_vocabulary(db)
        ask_id = records.add_ask(
            db, title="Far", target="T", theme="Th", country="Mexico", added_on="9990-01-01"
        )
        for status, on in (("stalled", "9992-01-01"), ("in_progress", "9996-01-01")):
            records.record_status_update(db, ask_id, status, effective_date=on, note=status)
    for on in ["9991-06-30", "9995-01-01", "9995-12-31", "9996-01-01", "9999-12-30"]:
        expected = _in_force_by_definition(db, on, "outcome", "all")
        assert len(expected) == 1
        assert _in_force_by_index(db, on, "outcome", "all") == expected, on
    assert current_status(db, "9995-01-01")["status"].tolist() == ["stalled"]
    db.close()


def test_a_date_edited_outside_the_tracker_still_finds_its_spans(tmp_path):
    """An ask's date written in Datasette with a time (not a plain ISO date): its spans are
    rebuilt and found."""
    db = open_db(tmp_path / "edited.db", create=True)
    with acting_as(Actor(email="builder@example.org", role="admin", name="Builder", via="test")):
        load_vocabulary(db)
        ask_id = records.add_ask(
            db, title="Edited", target="T", theme="Th", country="Mexico", added_on="2019-01-01"
        )
        db.execute("UPDATE asks SET added_on = '2019-01-01 09:00' WHERE id = ?", [ask_id])
        records.record_status_update(
            db, ask_id, "stalled", effective_date="2020-01-01", note="Stalled"
        )
    first = db.conn.execute(
        "SELECT start FROM status_spans WHERE variant = 'all' AND track = 'outcome' ORDER BY start"
    ).fetchone()
    assert first == ("2019-01-01 09:00",)
    assert current_status(db, "2019-06-01")["status"].tolist() == ["not_assessed"]
    assert current_status(db, "2020-06-01")["status"].tolist() == ["stalled"]
    db.close()


def test_spans_in_force_are_one_seek_per_ask_in_list_order(histories):
    """Every ask's spans in force are found by one seek of the ask's index range per track,
    the asks read in id order (the order lists show): nothing scans the spans whole, and the
    list is never sorted afterwards."""
    where, params = view_params(AskFilter(), False, as_of="2020-01-01")
    plan = histories.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT o.ask_id, r.status {asks_in_force(where)} ORDER BY a.id",
        params,
    ).fetchall()
    steps = {row[-1].split()[1]: row[-1] for row in plan}
    assert steps["a"] == "SCAN a"
    assert steps["o"].startswith("SEARCH o USING COVERING INDEX idx_status_spans_ask (ask_id=?")
    assert steps["r"].startswith("SEARCH r USING COVERING INDEX idx_status_spans_ask (ask_id=?")
    assert not any("TEMP B-TREE" in row[-1] for row in plan)
    outcome_only = histories.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT o.ask_id {asks_in_force(where, response=False)}", params
    ).fetchall()
    assert [row[-1].split()[1] for row in outcome_only] == ["a", "o"]  # no response lookup


def test_connections_agree_and_a_recreated_database_answers_for_itself(tmp_path):
    """Each rerun of a Streamlit page opens its own connection: they give the same answer. A
    database re-created at the same path answers from its own rows."""

    def make(title):
        db = open_db(tmp_path / "same.db", create=True)
        load_vocabulary(db)
        ask_id = records.add_ask(
            db, title=title, target="T", theme="Press", country="Mexico", added_on="2020-01-01"
        )
        records.record_status_update(
            db, ask_id, "in_progress", effective_date="2020-02-01", note=f"{title} note"
        )
        return db

    first = make("First database")
    before = current_status(first, "2020-03-01", notes=True)
    other = open_db(tmp_path / "same.db")
    assert current_status(other, "2020-03-01", notes=True).equals(before)
    other.close()
    first.close()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"same.db{suffix}").unlink(missing_ok=True)
    again = make("Second database")  # same path, same ids, same versions
    now = current_status(again, "2020-03-01", notes=True)
    assert now["title"].tolist() == ["Second database"]
    assert now["last_note"].tolist() == ["Second database note"]
    again.close()


def test_the_detailed_list_a_download_reads_carries_each_asks_priority_and_date_added(
    histories,
):
    """The asks page's CSV reads the list with notes: the one file that holds every column
    an officer sorts a spreadsheet by, priority and the date the ask was added among them."""
    frame = current_status(histories, "2024-07-01", notes=True)
    stored = {row["id"]: (row["priority"], row["added_on"]) for row in histories["asks"].rows}
    got = frame.set_index("ask_id")[["priority", "added_on"]].to_dict("index")
    assert {ask: (row["priority"], row["added_on"]) for ask, row in got.items()} == {
        ask: stored[ask] for ask in got
    }


def test_the_stale_list_a_download_reads_carries_each_asks_last_note(histories):
    """The dashboard's 'not checked' CSV reads the stale list with notes: whoever follows the
    asks up needs what was last said of each, as the asks page's CSV has it."""
    plain = stale_asks(histories, "2024-07-01", days=30)
    full = stale_asks(histories, "2024-07-01", days=30, notes=True)
    assert not plain.empty
    pd.testing.assert_frame_equal(plain, full.drop(columns=NOTES))
    listed = current_status(histories, "2024-07-01", notes=True).set_index("ask_id")
    assert full.set_index("ask_id")["last_note"].equals(listed.loc[full["ask_id"], "last_note"])
