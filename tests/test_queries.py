"""Read queries on hand-built histories whose answers are worked out by hand in the comments.

Outcome scores (data/statuses.json): reversed 0, no_progress 0, stalled 0.2, in_progress 0.4,
partially_achieved 0.7, achieved 1.0; not_assessed and dropped have no score.
"""

from __future__ import annotations

import datetime as dt
import math
import random

import pandas as pd
import pytest
from dbkit import update
from pandas.testing import assert_frame_equal

from tracker import records
from tracker.changes import asks_moved_between, readable_feed, status_change_feed
from tracker.dashboard import progress_over_time
from tracker.dates import today
from tracker.errors import NotFound, ValidationError
from tracker.filters import AskFilter, ask_choices
from tracker.history import ask_history, ask_timeline, get_ask
from tracker.letters import ask_letters, get_letter, letter_asks, list_letters
from tracker.mix import progress_index, status_mix
from tracker.spans import refresh_spans
from tracker.standing import (
    current_status,
    list_asks,
    stale_asks,
    stalest_asks,
    status_counts,
)

OUTCOME_CODES = [
    "not_assessed",
    "reversed",
    "no_progress",
    "stalled",
    "in_progress",
    "partially_achieved",
    "achieved",
    "dropped",
]


def ask(db, title, added_on, theme="Press", owner="Ana", letters=()):
    return records.add_ask(
        db,
        title=title,
        target="Government",
        theme=theme,
        country="Mexico",
        owner=owner,
        added_on=added_on,
        letters=letters,
    )


def status_of(frame: pd.DataFrame, ask_id: int) -> str:
    return frame.set_index("ask_id").loc[ask_id, "status"]


def nonzero_counts(frame: pd.DataFrame) -> dict:
    return {row.status: row.count for row in frame.itertuples() if row.count}


def mix_table(frame: pd.DataFrame) -> dict:
    """{month: {status: count}} with zero counts left out."""
    table: dict = {}
    for row in frame.itertuples():
        table.setdefault(row.month, {})
        if row.count:
            table[row.month][row.status] = row.count
    return table


# --- current_status and status_counts -----------------------------------------------------------


@pytest.fixture
def march_june(one_ask):
    """one_ask (added 2024-01-15): in_progress on 2024-03-10, stalled on 2024-06-20."""
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-03-10")
    update(db, ask_id, "stalled", "2024-06-20")
    return db, ask_id


def test_current_status_as_of_april_is_in_progress(march_june):
    db, ask_id = march_june
    frame = current_status(db, "2024-04-01")
    assert list(frame["ask_id"]) == [ask_id]
    row = frame.iloc[0]
    assert row["status"] == "in_progress"
    assert row["label"] == "In progress"
    assert row["score"] == pytest.approx(0.4)
    assert row["since"] == "2024-03-10"
    assert row["last_update"] == "2024-03-10"
    # 2024-03-10 -> 2024-04-01: 21 days left in March + 1 = 22 days.
    assert row["days_since_checked"] == 22


def test_current_status_as_of_july_is_stalled(march_june):
    db, ask_id = march_june
    row = current_status(db, "2024-07-01", notes=True).iloc[0]
    assert row["status"] == "stalled"
    assert row["since"] == "2024-06-20"
    assert row["last_note"] == "stalled on 2024-06-20"


def test_current_status_before_any_update_is_not_assessed(march_june):
    db, ask_id = march_june
    row = current_status(db, "2024-02-01").iloc[0]
    assert row["status"] == "not_assessed"
    assert pd.isna(row["since"]) and pd.isna(row["last_checked"])
    # Never checked, and added to the tracker today (after 2024-02-01): not yet due.
    assert row["days_since_checked"] == 0


def test_current_status_leaves_out_asks_not_yet_made(march_june):
    db, _ = march_june
    assert current_status(db, "2024-01-14").empty


def test_current_status_response_track_is_empty_until_recorded(march_june):
    db, ask_id = march_june
    assert pd.isna(current_status(db, "2024-07-01", track="response").iloc[0]["status"])
    update(db, ask_id, "committed", "2024-05-01", track="response")
    frame = current_status(db, "2024-07-01", track="response")
    assert status_of(frame, ask_id) == "committed"
    # The outcome view counts the response entry as a check of the ask (either track).
    assert current_status(db, "2024-05-02").iloc[0]["last_checked"] == "2024-05-01"


def test_status_counts_follow_the_as_of_date(march_june):
    db, _ = march_june
    april = status_counts(db, "2024-04-01")
    assert list(april["status"]) == OUTCOME_CODES  # every status, in display order
    assert nonzero_counts(april) == {"in_progress": 1}
    assert nonzero_counts(status_counts(db, "2024-07-01")) == {"stalled": 1}
    assert nonzero_counts(status_counts(db, "2024-02-01")) == {"not_assessed": 1}


def test_status_counts_rejects_unknown_grouping_and_track(march_june):
    db, _ = march_june
    with pytest.raises(ValidationError, match="colour"):
        status_counts(db, "2024-04-01", by="colour")
    with pytest.raises(ValidationError, match="impact"):
        status_counts(db, "2024-04-01", track="impact")


def test_status_since_is_the_start_of_the_current_run(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-02-01")
    update(db, ask_id, "stalled", "2024-03-01")
    update(db, ask_id, "in_progress", "2024-04-01")
    records.verify_ask(db, ask_id, on="2024-05-01")
    row = current_status(db, "2024-06-01").iloc[0]
    # Back to in_progress on 04-01; the 05-01 verification does not restart the period.
    assert row["status"] == "in_progress"
    assert row["since"] == "2024-04-01"
    assert row["last_update"] == "2024-05-01"


# --- corrections --------------------------------------------------------------------------------


@pytest.fixture
def corrected(one_ask):
    """achieved on 2024-03-01 recorded by mistake, corrected to in_progress (same date)."""
    db, ask_id = one_ask
    wrong = update(db, ask_id, "achieved", "2024-03-01")
    fix = update(
        db, ask_id, "in_progress", "2024-03-01", note="Only tabled.", supersedes_id=wrong["id"]
    )
    return db, ask_id, wrong["id"], fix["id"]


def test_correction_replaces_entry_in_current_status(corrected):
    db, ask_id, _, _ = corrected
    row = current_status(db, "2024-04-15", notes=True).iloc[0]
    assert row["status"] == "in_progress"
    assert row["last_note"] == "Only tabled."
    assert nonzero_counts(status_counts(db, "2024-04-15")) == {"in_progress": 1}


def test_correction_replaces_entry_in_timeline(corrected):
    db, ask_id, _, _ = corrected
    timeline = ask_timeline(db, ask_id, "2024-04-15")
    assert list(zip(timeline["status"], timeline["start"], timeline["end"], strict=True)) == [
        ("in_progress", "2024-03-01", "2024-04-15")
    ]
    assert timeline.iloc[0]["entries"] == 1


def test_correction_replaces_entry_in_status_mix(corrected):
    db, _, _, _ = corrected
    # Ask added 2024-01-15: not assessed in Jan and Feb, in progress from March; never achieved.
    assert mix_table(status_mix(db, "2024-04-15")) == {
        "2024-01": {"not_assessed": 1},
        "2024-02": {"not_assessed": 1},
        "2024-03": {"in_progress": 1},
        "2024-04": {"in_progress": 1},
    }


def test_ask_history_keeps_corrected_entry_with_superseded_by(corrected):
    db, ask_id, wrong, fix = corrected
    history = ask_history(db, ask_id).set_index("id")
    assert set(history.index) == {wrong, fix}
    assert history.loc[wrong, "superseded_by"] == fix
    assert history.loc[wrong, "status"] == "achieved"
    assert history.loc[fix, "supersedes_id"] == wrong
    assert history.loc[fix, "kind"] == "correction"
    assert pd.isna(history.loc[fix, "superseded_by"])


def test_ask_history_is_newest_first(march_june):
    db, ask_id = march_june
    history = ask_history(db, ask_id)
    assert list(history["effective_date"]) == ["2024-06-20", "2024-03-10"]
    with pytest.raises(NotFound, match="99"):
        ask_history(db, 99)


def test_correction_with_a_later_date_moves_the_change(one_ask):
    db, ask_id = one_ask
    wrong = update(db, ask_id, "in_progress", "2024-02-01")
    update(
        db, ask_id, "in_progress", "2024-03-20", note="Date was wrong.", supersedes_id=wrong["id"]
    )
    # The corrected entry no longer counts anywhere, so on 2024-03-01 nothing was recorded yet.
    assert current_status(db, "2024-03-01").iloc[0]["status"] == "not_assessed"
    assert current_status(db, "2024-03-21").iloc[0]["since"] == "2024-03-20"


# --- staleness ----------------------------------------------------------------------------------


@pytest.fixture
def checked_in_february(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-02-01")
    return db, ask_id


def test_stale_asks_lists_ask_unchecked_for_100_days(checked_in_february):
    db, ask_id = checked_in_february
    # 2024-02-01 + 100 days: Feb (29) + Mar (31) + Apr (30) = 90 -> 2024-05-01, +10 -> 05-11.
    stale = stale_asks(db, "2024-05-11", days=90)
    assert list(stale["ask_id"]) == [ask_id]
    assert stale.iloc[0]["days_since_checked"] == 100


def test_stale_asks_threshold_is_strictly_more_than_days(checked_in_february):
    db, ask_id = checked_in_february
    # On 2024-05-01 the ask was last checked exactly 90 days ago.
    assert stale_asks(db, "2024-05-01", days=90).empty
    assert list(stale_asks(db, "2024-05-01", days=89)["ask_id"]) == [ask_id]


def test_verification_refreshes_staleness_without_changing_status(checked_in_february):
    db, ask_id = checked_in_february
    records.verify_ask(db, ask_id, on="2024-04-01")
    assert stale_asks(db, "2024-05-11", days=90).empty
    row = current_status(db, "2024-05-11").iloc[0]
    assert row["status"] == "in_progress"
    assert row["since"] == "2024-02-01"
    assert row["last_checked"] == "2024-04-01"
    # 2024-04-01 -> 2024-05-11 = 30 + 10 = 40 days.
    assert row["days_since_checked"] == 40


def test_verification_after_the_as_of_date_does_not_count(checked_in_february):
    db, ask_id = checked_in_february
    records.verify_ask(db, ask_id, on="2024-06-01")
    assert list(stale_asks(db, "2024-05-11", days=90)["ask_id"]) == [ask_id]


def test_stale_asks_skips_terminal_statuses_unless_asked(fresh_db):
    db = fresh_db
    done = ask(db, "Done", "2023-01-01")
    gone = ask(db, "Gone", "2023-01-01")
    open_ = ask(db, "Open", "2023-01-01")
    update(db, done, "achieved", "2023-02-01")
    update(db, gone, "dropped", "2023-02-01")
    update(db, open_, "stalled", "2023-03-01")
    # As of 2024-01-01: done and gone 334 days unchecked, open 306 days.
    assert list(stale_asks(db, "2024-01-01")["ask_id"]) == [open_]
    everything = stale_asks(db, "2024-01-01", include_terminal=True)
    # Stalest first, ties by id.
    assert list(everything["ask_id"]) == [done, gone, open_]
    assert list(everything["days_since_checked"]) == [334, 334, 306]
    # the stalest few, cut in SQL, in the same order and counted among all of them
    count, stalest = stalest_asks(db, "2024-01-01", limit=2, include_terminal=True)
    assert count == 3
    pd.testing.assert_frame_equal(stalest, everything.head(2))
    assert stalest_asks(db, "2024-01-01", limit=5)[0] == 1
    count, nothing = stalest_asks(db, "2024-01-01", limit=0, include_terminal=True)
    assert count == 3 and nothing.empty and list(nothing.columns) == list(everything.columns)
    with pytest.raises(ValidationError, match="limit"):
        stalest_asks(db, "2024-01-01", limit=-1)
    count, none = stalest_asks(db, "2023-03-02", limit=5)
    assert count == 0 and list(none.columns) == list(everything.columns)


def test_stale_asks_counts_never_checked_asks_from_when_they_were_added(fresh_db):
    never = ask(fresh_db, "Never checked", "2024-01-01")
    fresh_db.execute("UPDATE asks SET created_at = '2024-01-01T09:00:00Z' WHERE id = ?", [never])
    # added to the tracker 2024-01-01 -> 2024-04-30: 31 + 29 + 31 + 29 = 120 days.
    stale = stale_asks(fresh_db, "2024-04-30", days=90)
    assert list(stale["ask_id"]) == [never]
    assert stale.iloc[0]["days_since_checked"] == 120


def test_a_new_ask_is_not_yet_checked_not_stale(fresh_db):
    """An ask entered today from a letter of years ago is "not yet checked": stale only once
    the review interval has passed since it was added, not 1,000 days overdue at once."""
    new = ask(fresh_db, "Entered today from an old letter", "2022-05-01")
    today_s = today().isoformat()
    assert stale_asks(fresh_db, today_s, days=90).empty
    row = current_status(fresh_db, today_s).set_index("ask_id").loc[new]
    assert pd.isna(row["last_checked"]) and row["days_since_checked"] == 0
    added = (today() - dt.timedelta(days=91)).isoformat()  # as if added 91 days ago
    fresh_db.execute("UPDATE asks SET created_at = ? WHERE id = ?", [added + "T09:00:00Z", new])
    assert list(stale_asks(fresh_db, today_s, days=90)["ask_id"]) == [new]


def test_stale_asks_rejects_negative_days(fresh_db):
    with pytest.raises(ValidationError, match="-1"):
        stale_asks(fresh_db, "2024-01-01", days=-1)


# --- status_mix and progress_index --------------------------------------------------------------


@pytest.fixture
def three_asks(fresh_db):
    """A (Press, added 2024-01-15): in_progress 02-10, stalled 04-05.
    B (Press, added 2024-03-20): in_progress 2023-12-01 (before it was added), achieved 05-10.
    C (Migration, added 2024-02-15): never updated."""
    db = fresh_db
    a = ask(db, "A", "2024-01-15", theme="Press", owner="Ana")
    b = ask(db, "B", "2024-03-20", theme="Press", owner="Leo")
    c = ask(db, "C", "2024-02-15", theme="Migration", owner="Leo")
    update(db, a, "in_progress", "2024-02-10")
    update(db, a, "stalled", "2024-04-05")
    update(db, b, "in_progress", "2023-12-01")
    update(db, b, "achieved", "2024-05-10")
    return db, a, b, c


# End of each month (A, B, C):
#   Jan: A not_assessed                              -> not_assessed 1
#   Feb: A in_progress, C not_assessed               -> in_progress 1, not_assessed 1
#   Mar: A in_progress, B in_progress (from 03-20), C -> in_progress 2, not_assessed 1
#   Apr: A stalled, B in_progress, C                 -> stalled 1, in_progress 1, not_assessed 1
#   May: A stalled, B achieved, C                    -> stalled 1, achieved 1, not_assessed 1
THREE_ASKS_MIX = {
    "2024-01": {"not_assessed": 1},
    "2024-02": {"in_progress": 1, "not_assessed": 1},
    "2024-03": {"in_progress": 2, "not_assessed": 1},
    "2024-04": {"stalled": 1, "in_progress": 1, "not_assessed": 1},
    "2024-05": {"stalled": 1, "achieved": 1, "not_assessed": 1},
}


def test_status_mix_monthly_counts(three_asks):
    db, *_ = three_asks
    frame = status_mix(db, "2024-05-31")
    assert mix_table(frame) == THREE_ASKS_MIX
    assert len(frame) == 5 * len(OUTCOME_CODES)  # every status in every month, zeros included


def test_status_mix_before_an_ask_is_added(three_asks):
    db, *_ = three_asks
    # As of 2024-03-10, B (added 03-20) is not in view yet.
    assert mix_table(status_mix(db, "2024-03-10")) == {
        "2024-01": {"not_assessed": 1},
        "2024-02": {"in_progress": 1, "not_assessed": 1},
        "2024-03": {"in_progress": 1, "not_assessed": 1},
    }


def test_status_mix_by_theme(three_asks):
    db, *_ = three_asks
    frame = status_mix(db, "2024-05-31", by="theme")
    press = mix_table(frame[frame["group"] == "Press"])
    migration = mix_table(frame[frame["group"] == "Migration"])
    assert press == {
        "2024-01": {"not_assessed": 1},
        "2024-02": {"in_progress": 1},
        "2024-03": {"in_progress": 2},
        "2024-04": {"stalled": 1, "in_progress": 1},
        "2024-05": {"stalled": 1, "achieved": 1},
    }
    assert migration == {
        "2024-01": {},
        "2024-02": {"not_assessed": 1},
        "2024-03": {"not_assessed": 1},
        "2024-04": {"not_assessed": 1},
        "2024-05": {"not_assessed": 1},
    }


def test_status_mix_change_within_the_month_counts_only_the_last_status(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-03-05")
    update(db, ask_id, "stalled", "2024-03-25")
    assert mix_table(status_mix(db, "2024-04-10"))["2024-03"] == {"stalled": 1}


def _index_rows(frame: pd.DataFrame) -> dict:
    return {
        row.month: (
            None if pd.isna(row.progress_index) else round(row.progress_index, 6),
            row.assessed,
            row.asks,
        )
        for row in frame.itertuples()
    }


def test_progress_index_by_hand(three_asks):
    db, *_ = three_asks
    # Jan: only A, not assessed -> no index.  Feb: A 0.4 -> 0.4 (C not assessed, excluded).
    # Mar: A 0.4, B 0.4 -> 0.4.  Apr: A 0.2, B 0.4 -> 0.3.  May: A 0.2, B 1.0 -> 0.6.
    assert _index_rows(progress_index(db, "2024-05-31")) == {
        "2024-01": (None, 0, 1),
        "2024-02": (0.4, 1, 2),
        "2024-03": (0.4, 2, 3),
        "2024-04": (0.3, 2, 3),
        "2024-05": (0.6, 2, 3),
    }


def test_progress_index_by_theme(three_asks):
    db, *_ = three_asks
    frame = progress_index(db, "2024-05-31", by="theme")
    press = _index_rows(frame[frame["group"] == "Press"])
    migration = _index_rows(frame[frame["group"] == "Migration"])
    assert press["2024-04"] == (0.3, 2, 2)  # (0.2 + 0.4) / 2
    assert press["2024-05"] == (0.6, 2, 2)  # (0.2 + 1.0) / 2
    assert migration["2024-05"] == (None, 0, 1)  # C only, never assessed
    assert migration["2024-01"] == (None, 0, 0)  # C not yet added


def test_progress_index_leaves_out_dropped_asks(fresh_db):
    db = fresh_db
    won = ask(db, "Won", "2024-01-01")
    gone = ask(db, "Gone", "2024-01-01")
    update(db, won, "achieved", "2024-01-10")
    update(db, gone, "dropped", "2024-01-10")
    # Dropped has no score: index = 1.0 / 1 assessed ask, out of 2 asks.
    assert _index_rows(progress_index(db, "2024-01-31")) == {"2024-01": (1.0, 1, 2)}


def test_status_counts_by_theme(three_asks):
    db, *_ = three_asks
    frame = status_counts(db, "2024-05-31", by="theme")
    assert nonzero_counts(frame[frame["group"] == "Press"]) == {"stalled": 1, "achieved": 1}
    assert nonzero_counts(frame[frame["group"] == "Migration"]) == {"not_assessed": 1}


def test_grouping_by_owner(three_asks):
    db, *_ = three_asks
    frame = status_counts(db, "2024-05-31", by="owner")
    assert nonzero_counts(frame[frame["group"] == "Ana"]) == {"stalled": 1}
    assert nonzero_counts(frame[frame["group"] == "Leo"]) == {"achieved": 1, "not_assessed": 1}
    with pytest.raises(ValidationError, match="status"):
        progress_index(db, "2024-05-31", by="status")


# --- ask_timeline -------------------------------------------------------------------------------


@pytest.fixture
def timeline_ask(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-02-01")
    records.verify_ask(db, ask_id, on="2024-03-01")
    update(db, ask_id, "stalled", "2024-04-01")
    records.verify_ask(db, ask_id, on="2024-05-01")
    update(db, ask_id, "in_progress", "2024-06-01")
    update(db, ask_id, "acknowledged", "2024-02-15", track="response")
    return db, ask_id


def test_ask_timeline_merges_same_status_and_ends_at_as_of(timeline_ask):
    db, ask_id = timeline_ask
    timeline = ask_timeline(db, ask_id, "2024-07-01")
    outcome = timeline[timeline["track"] == "outcome"]
    assert [
        (r.status, r.start, r.end, r.entries, r.last_checked, bool(r.is_current))
        for r in outcome.itertuples()
    ] == [
        ("in_progress", "2024-02-01", "2024-04-01", 2, "2024-03-01", False),
        ("stalled", "2024-04-01", "2024-06-01", 2, "2024-05-01", False),
        ("in_progress", "2024-06-01", "2024-07-01", 1, "2024-06-01", True),
    ]
    assert list(outcome["note"]) == [
        "in_progress on 2024-02-01",
        "stalled on 2024-04-01",
        "in_progress on 2024-06-01",
    ]
    response = timeline[timeline["track"] == "response"]
    assert [(r.status, r.start, r.end) for r in response.itertuples()] == [
        ("acknowledged", "2024-02-15", "2024-07-01")
    ]


def test_ask_timeline_as_of_cuts_history(timeline_ask):
    db, ask_id = timeline_ask
    timeline = ask_timeline(db, ask_id, "2024-04-15")
    outcome = timeline[timeline["track"] == "outcome"]
    assert [(r.status, r.start, r.end, r.entries) for r in outcome.itertuples()] == [
        ("in_progress", "2024-02-01", "2024-04-01", 2),
        ("stalled", "2024-04-01", "2024-04-15", 1),
    ]
    assert ask_timeline(db, ask_id, "2024-01-31").empty


# --- asks_moved_between and status_change_feed ----------------------------------------------


@pytest.fixture
def movers(fresh_db):
    db = fresh_db
    ids = {name: ask(db, name, "2024-01-10") for name in ("up", "down", "changed", "same", "back")}
    ids["added"] = ask(db, "added", "2024-04-01")
    for name in ("up", "down", "changed", "same", "back"):
        update(db, ids[name], "in_progress", "2024-02-01")
    update(db, ids["up"], "achieved", "2024-05-01")  # 0.4 -> 1.0
    update(db, ids["down"], "stalled", "2024-05-01")  # 0.4 -> 0.2
    update(db, ids["changed"], "dropped", "2024-05-01")  # 0.4 -> no score
    records.verify_ask(db, ids["same"], on="2024-05-01")
    update(db, ids["back"], "stalled", "2024-03-15")
    update(db, ids["back"], "in_progress", "2024-04-15")
    return db, ids


def test_asks_moved_between_classifies_moves(movers):
    db, ids = movers
    frame = asks_moved_between(db, "2024-03-01", "2024-06-01")
    got = {
        row.ask_id: (
            row.change,
            None if pd.isna(row.status_before) else row.status_before,
            row.status_after,
        )
        for row in frame.itertuples()
    }
    assert got == {
        ids["up"]: ("up", "in_progress", "achieved"),
        ids["down"]: ("down", "in_progress", "stalled"),
        ids["changed"]: ("changed", "in_progress", "dropped"),
        ids["added"]: ("added", None, "not_assessed"),
    }


def test_asks_moved_between_rejects_reversed_dates(movers):
    db, _ = movers
    with pytest.raises(ValidationError, match="2024-06-01"):
        asks_moved_between(db, "2024-06-01", "2024-03-01")


def test_asks_moved_between_with_nothing_in_view_is_empty(fresh_db):
    frame = asks_moved_between(fresh_db, "2024-01-01", "2024-02-01")
    assert frame.empty
    assert "change" in frame.columns


def test_status_change_feed_feed_skips_verifications_and_carries_previous(movers):
    db, ids = movers
    feed = status_change_feed(db, "2024-02-01", "2024-06-01")
    got = [(r.ask_id, r.effective_date, r.previous, r.status) for r in feed.itertuples()]
    # Entries effective after 2024-02-01 (exclusive), newest first (date, then id), and no
    # verification (the 'same' ask's 05-01 entry).
    assert got == [
        (ids["changed"], "2024-05-01", "in_progress", "dropped"),
        (ids["down"], "2024-05-01", "in_progress", "stalled"),
        (ids["up"], "2024-05-01", "in_progress", "achieved"),
        (ids["back"], "2024-04-15", "stalled", "in_progress"),
        (ids["back"], "2024-03-15", "in_progress", "stalled"),
    ]
    up = feed[feed["ask_id"] == ids["up"]].iloc[0]
    assert up["previous_score"] == pytest.approx(0.4)
    assert up["score"] == pytest.approx(1.0)
    assert list(feed["direction"]) == ["down", "down", "up", "up", "down"]


def test_status_change_feed_first_entry_has_no_previous(movers):
    db, ids = movers
    feed = status_change_feed(db, "2024-01-31", "2024-02-29")
    assert sorted(feed["ask_id"]) == sorted(
        ids[n] for n in ("up", "down", "changed", "same", "back")
    )
    assert feed["previous"].isna().all()


def test_the_feed_for_people_names_statuses_in_words_without_colours_or_scores(movers):
    """The dashboard's "What changed" CSV: labels under readable headers, never a code, a
    colour or a score (the QA's file had status, previous, colour, score, previous_score)."""
    db, ids = movers
    feed = readable_feed(status_change_feed(db, "2024-01-31", "2024-06-01"))
    assert list(feed.columns[:6]) == ["Date", "Ask", "Track", "From", "To", "Direction"]
    assert all(c[:1].isupper() and "_" not in c for c in feed.columns)
    cells = set(feed[["Track", "From", "To", "Direction", "Visibility"]].astype(str).stack())
    codes = {"in_progress", "stalled", "achieved", "dropped", "outcome", "internal", "up"}
    assert not cells & codes and not any(c.startswith("#") for c in cells)
    up = feed[(feed["Ask #"] == ids["up"]) & (feed["Date"] == "2024-05-01")].iloc[0]
    assert (up["Track"], up["From"], up["To"], up["Direction"]) == (
        "Outcome",
        "In progress",
        "Achieved",
        "Forward",
    )
    first = feed[feed["Date"] <= "2024-02-29"]
    assert not first.empty and (first["From"] == "First assessment").all()


# --- filters ------------------------------------------------------------------------------------


@pytest.fixture
def two_letters(fresh_db):
    """Ask P (Press, Ana, letter 1) and ask M (Migration, Leo, letter 2), each with history."""
    db = fresh_db
    l1 = records.add_letter(db, title="One", date_sent="2024-01-01", author_org="X")
    l2 = records.add_letter(db, title="Two", date_sent="2024-01-01", author_org="X")
    p = ask(db, "P", "2024-01-01", theme="Press", owner="Ana", letters=[(l1, "")])
    m = ask(db, "M", "2024-01-01", theme="Migration", owner="Leo", letters=[(l2, "")])
    update(db, p, "in_progress", "2024-02-01")
    update(db, m, "achieved", "2024-02-01")
    update(db, m, "stalled", "2024-03-01")
    return db, l1, l2, p, m


@pytest.mark.parametrize(
    "make_filter",
    [
        lambda l1, l2, p: AskFilter(themes=("Press",)),
        lambda l1, l2, p: AskFilter(owners=("Ana",)),
        lambda l1, l2, p: AskFilter(letter_ids=(l1,)),
        lambda l1, l2, p: AskFilter(themes=("Press", "Nothing"), owners=("Ana",)),
        lambda l1, l2, p: AskFilter(ask_ids=(p,)),
    ],
    ids=["theme", "owner", "letter", "theme-and-owner", "one-ask"],
)
def test_filter_restricts_every_query(two_letters, make_filter):
    db, l1, l2, p, m = two_letters
    f = make_filter(l1, l2, p)
    as_of = "2024-06-01"
    assert list(current_status(db, as_of, ask_filter=f)["ask_id"]) == [p]
    assert nonzero_counts(status_counts(db, as_of, ask_filter=f)) == {"in_progress": 1}
    mix = mix_table(status_mix(db, as_of, ask_filter=f))
    assert mix["2024-03"] == {"in_progress": 1}
    assert mix["2024-06"] == {"in_progress": 1}
    index = _index_rows(progress_index(db, as_of, ask_filter=f))
    assert index["2024-03"] == (0.4, 1, 1)
    assert list(stale_asks(db, as_of, days=30, ask_filter=f)["ask_id"]) == [p]
    assert list(asks_moved_between(db, "2024-01-15", as_of, ask_filter=f)["ask_id"]) == [p]
    assert list(status_change_feed(db, "2024-01-01", as_of, ask_filter=f)["ask_id"]) == [p]
    assert list(list_asks(db, as_of, ask_filter=f)["ask_id"]) == [p]


def test_filter_on_the_other_letter_shows_only_its_ask(two_letters):
    db, l1, l2, p, m = two_letters
    f = AskFilter(letter_ids=(l2,))
    assert list(current_status(db, "2024-06-01", ask_filter=f)["ask_id"]) == [m]
    # M: achieved (1.0) in February, stalled (0.2) from March.
    index = _index_rows(progress_index(db, "2024-06-01", ask_filter=f))
    assert index["2024-02"] == (1.0, 1, 1)
    assert index["2024-03"] == (0.2, 1, 1)


def test_unfiltered_queries_see_both_asks(two_letters):
    db, l1, l2, p, m = two_letters
    assert list(current_status(db, "2024-06-01")["ask_id"]) == [p, m]
    assert _index_rows(progress_index(db, "2024-06-01"))["2024-03"] == (0.3, 2, 2)


def test_filter_matching_nothing_gives_empty_views(two_letters):
    db, *_ = two_letters
    f = AskFilter(themes=("Nothing",))
    assert current_status(db, "2024-06-01", ask_filter=f).empty
    assert status_mix(db, "2024-06-01", ask_filter=f).empty
    assert status_counts(db, "2024-06-01", ask_filter=f)["count"].sum() == 0


@pytest.mark.parametrize(
    "view", [{"ask_filter": AskFilter(owners=("Ana",))}, {"by": "owner"}], ids=["owner", "by"]
)
def test_a_mix_not_kept_summed_reads_its_asks_spans_by_ask(two_letters, view):
    """A mix the kept monthly sums cannot answer reads the asks in view first and each one's
    runs from the spans' index by ask: a filter narrows what is read, and no span is read
    from the table itself."""
    db, *_ = two_letters
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    status_mix(db, "2024-06-01", **view)
    db.conn.set_trace_callback(None)
    deltas = next(s for s in statements if s.rstrip().endswith("FROM deltas"))
    plan = [row[-1] for row in db.conn.execute(f"EXPLAIN QUERY PLAN {deltas}")]
    spans = [step for step in plan if step.startswith(("SCAN p", "SEARCH p"))]
    assert len(spans) == 2  # where runs start counting, and where they stop
    assert all(
        step.startswith("SEARCH p USING COVERING INDEX idx_status_spans_runs (ask_id=?")
        for step in spans
    )


# --- public_only --------------------------------------------------------------------------------


@pytest.fixture
def mixed_visibility(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-02-01", visibility="public")
    update(db, ask_id, "stalled", "2024-04-01")  # internal by default
    return db, ask_id


def test_public_only_hides_internal_entries(mixed_visibility):
    db, ask_id = mixed_visibility
    as_of = "2024-05-01"
    assert current_status(db, as_of).iloc[0]["status"] == "stalled"
    public = current_status(db, as_of, public_only=True).iloc[0]
    assert public["status"] == "in_progress"
    assert public["last_update"] == "2024-02-01"  # the public entry's, not the internal one's
    assert nonzero_counts(status_counts(db, as_of, public_only=True)) == {"in_progress": 1}
    assert mix_table(status_mix(db, as_of, public_only=True))["2024-04"] == {"in_progress": 1}
    assert list(ask_history(db, ask_id, public_only=True)["status"]) == ["in_progress"]
    assert list(ask_history(db, ask_id)["status"]) == ["stalled", "in_progress"]
    timeline = ask_timeline(db, ask_id, as_of, public_only=True)
    assert list(timeline["status"]) == ["in_progress"]
    feed = status_change_feed(db, "2024-01-01", as_of, public_only=True)
    assert list(feed["status"]) == ["in_progress"]
    assert asks_moved_between(db, "2024-03-01", as_of, public_only=True).empty
    assert list(asks_moved_between(db, "2024-03-01", as_of)["change"]) == ["down"]


# --- lists --------------------------------------------------------------------------------------


def test_list_asks_carries_both_tracks(one_ask):
    db, ask_id = one_ask
    update(db, ask_id, "in_progress", "2024-02-01")
    update(db, ask_id, "committed", "2024-02-10", track="response")
    row = list_asks(db, "2024-03-01").iloc[0]
    assert (row["status"], row["response"], row["response_label"]) == (
        "in_progress",
        "committed",
        "Committed",
    )


def test_letters_and_their_asks(two_letters):
    db, l1, l2, p, m = two_letters
    records.link_ask(db, l2, p, "repeated")
    letters = list_letters(db)
    assert dict(zip(letters["id"], letters["asks"], strict=True)) == {l1: 1, l2: 2}
    assert list(letter_asks(db, l2)["ask_id"]) == [p, m]
    assert list(ask_letters(db, p)["letter_id"]) == [l1, l2]
    assert get_letter(db, l1)["title"] == "One"
    assert get_letter(db, 999) is None


# --- the demo dataset ---------------------------------------------------------------------------

DEMO_ASKS = {
    "Independent National Prosecutor's Office (FGR)": "fgr",
    "Implementation of the National Anti-Corruption System (SNA)": "sna",
    "Asylum seekers' rights in US-Mexico immigration cooperation": "asylum",
    "Accountability for military abuses": "military",
}


def _demo_status(demo_db, as_of):
    frame = current_status(demo_db, as_of)
    return {DEMO_ASKS.get(t, t): s for t, s in zip(frame["title"], frame["status"], strict=True)}


def test_demo_statuses_on_the_letter_date(demo_db):
    # From data/demo/status_updates.csv, the latest outcome entry on or before 2018-07-11:
    # asylum no_progress (2018-07-11), fgr stalled (2018-04-19), sna in_progress (2017-07-19),
    # military reversed (2017-12-01).
    status = _demo_status(demo_db, "2018-07-11")
    assert status["asylum"] == "no_progress"
    assert status["fgr"] == "stalled"
    assert status["sna"] == "in_progress"
    assert status["military"] == "reversed"
    # All seven asks: + torture partially_achieved, defenders no_progress, ayotzinapa in_progress.
    assert nonzero_counts(status_counts(demo_db, "2018-07-11")) == {
        "no_progress": 2,
        "reversed": 1,
        "stalled": 1,
        "in_progress": 2,
        "partially_achieved": 1,
    }


def test_demo_asylum_ask_over_time(demo_db):
    # 2019-01-29 reversed; 06-01 (COMAR capacity), 06-07 and 06-10 keep it reversed: checks,
    # not changes, so the status dates from January and the last check is 06-10.
    assert _demo_status(demo_db, "2019-01-28")["asylum"] == "no_progress"
    assert _demo_status(demo_db, "2019-06-05")["asylum"] == "reversed"
    frame = current_status(demo_db, "2019-07-01").set_index("title")
    asylum = frame.loc["Asylum seekers' rights in US-Mexico immigration cooperation"]
    assert asylum["status"] == "reversed"
    assert asylum["since"] == "2019-01-29"
    assert asylum["last_update"] == "2019-06-10"
    assert _demo_status(demo_db, "2021-03-01")["asylum"] == "partially_achieved"


def test_demo_asylum_feed_for_2019(demo_db):
    # 2019 outcome changes: 01-29 reversed only (06-01, 06-07, 06-10 and 09-01 repeat it);
    # response: 06-07 declined (first response entry).
    feed = status_change_feed(
        demo_db, "2018-12-31", "2019-12-31", ask_filter=AskFilter(themes=("Migration and asylum",))
    )
    got = [
        (r.track, r.effective_date, None if pd.isna(r.previous) else r.previous, r.status)
        for r in feed.itertuples()
    ]
    assert got == [
        ("response", "2019-06-07", None, "declined"),
        ("outcome", "2019-01-29", "no_progress", "reversed"),
    ]


def test_demo_queries_before_the_letter_are_empty(demo_db):
    assert current_status(demo_db, "2018-07-10").empty
    mix = status_mix(demo_db, "2018-07-31")
    assert sum(mix["count"]) == 7
    # July 2018: 0.2 (fgr) + 0.4 (sna) + 0 + 0 + 0.7 (torture) + 0 + 0.4 (ayotzinapa) = 1.7 / 7.
    index = progress_index(demo_db, "2018-07-31")
    assert list(index["month"]) == ["2018-07"]
    assert math.isclose(index["progress_index"][0], 1.7 / 7)


def _progress_by_hand(mix: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The progress index from a status mix, summed with a pandas groupby (the oracle)."""
    scored = mix.assign(
        assessed=mix["count"].where(mix["score"].notna(), 0),
        weighted=mix["count"] * mix["score"].fillna(0),
    )
    sums = scored.groupby(keys, dropna=False, sort=True)[["weighted", "assessed", "count"]].sum()
    sums = sums.reset_index()
    index = (sums["weighted"] / sums["assessed"]).where(sums["assessed"] > 0)
    return sums[keys].assign(progress_index=index, assessed=sums["assessed"], asks=sums["count"])


@pytest.mark.parametrize("as_of", ["2018-07-11", "2020-06-30", "2025-12-31"])
@pytest.mark.parametrize("by", [None, "theme", "owner"])
def test_progress_index_is_the_score_weighted_mean_of_the_mix(demo_db, as_of, by):
    """progress_index (read off the grid of counts) says what summing the status mix by hand
    says, groups of asks with no value included (sorted last)."""
    records.add_ask(
        demo_db,
        title="No owner",
        target="T",
        theme="Asylum",
        country="Mexico",
        added_on="2019-01-01",
    )
    mix = status_mix(demo_db, as_of, by=by)
    keys = ["month", "group"] if by else ["month"]
    expected = _progress_by_hand(mix, keys)
    got = progress_index(demo_db, as_of, by=by)
    assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
    if by == "owner" and as_of > "2019":
        assert got["group"].isna().sum() == got["month"].nunique()  # the ask with no owner


@pytest.mark.parametrize("as_of", ["2018-07-11", "2020-06-30", "2025-12-31"])
@pytest.mark.parametrize("since", [None, "2019-03-15", "2030-01-01"])
def test_dashboard_charts_from_one_grid_by_theme_match_the_queries(demo_db, as_of, since):
    """The dashboard reads one grid by theme; the overall mix and both progress lines read
    off it are what the queries give, from ``since``'s month on."""

    def from_since(frame):
        kept_rows = frame if since is None else frame[frame["month"] >= since[:7]]
        return kept_rows.reset_index(drop=True)

    mix, progress, by_theme = progress_over_time(demo_db, as_of, since=since)
    assert_frame_equal(mix.reset_index(drop=True), from_since(status_mix(demo_db, as_of)))
    # both progress lines, against the mix summed by hand
    assert_frame_equal(progress, _progress_by_hand(mix, ["month"]), check_dtype=False)
    themed = from_since(status_mix(demo_db, as_of, by="theme"))
    expected = _progress_by_hand(themed, ["month", "group"])
    assert_frame_equal(by_theme, expected, check_dtype=False)
    after_as_of = since is not None and since[:7] > as_of[:7]
    assert mix.empty == progress.empty == by_theme.empty == after_as_of


@pytest.mark.parametrize("public_only", [False, True])
def test_stale_and_changes_agree_with_two_as_of_lookups(demo_db, public_only):
    """stale_asks and asks_moved_between (one SQL pass each) say what comparing two
    current_status frames in pandas says."""
    now = current_status(demo_db, "2025-12-31", public_only=public_only)
    before = current_status(demo_db, "2021-12-31", public_only=public_only)
    if not public_only:
        stale = stale_asks(demo_db, "2025-12-31", days=90)
        expected = now[(now["days_since_checked"] > 90) & (now["terminal"].fillna(0) == 0)]
        assert sorted(stale["ask_id"]) == sorted(expected["ask_id"])
        assert stale["days_since_checked"].is_monotonic_decreasing
    changes = asks_moved_between(demo_db, "2021-12-31", "2025-12-31", public_only=public_only)
    merged = now.merge(before, on="ask_id", suffixes=("", "_before"))
    moved = merged[merged["status"] != merged["status_before"]]
    assert not moved.empty
    assert sorted(changes["ask_id"]) == sorted(moved["ask_id"])
    for row in moved.itertuples():
        got = changes[changes["ask_id"] == row.ask_id].iloc[0]
        assert (got["status_before"], got["status_after"]) == (row.status_before, row.status)
        if pd.notna(row.score) and pd.notna(row.score_before) and row.score != row.score_before:
            assert got["change"] == ("up" if row.score > row.score_before else "down")


# --- the summed monthly mix agrees with counting every run --------------------------------------


@pytest.fixture
def random_histories(fresh_db):
    """25 asks in three themes with seeded random histories: changes,
    verifications, public and internal entries, corrections, entries before the ask was made."""
    rng = random.Random(7)
    statuses = ["no_progress", "in_progress", "stalled", "achieved", "reversed", "dropped"]
    for number in range(25):
        added = f"20{rng.randint(18, 21)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ask_id = ask(
            fresh_db, f"Ask {number}", added, theme=rng.choice(["Press", "Rule of law", "Asylum"])
        )
        entries = []
        for _ in range(rng.randint(0, 8)):
            date = f"20{rng.randint(17, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            row = update(
                fresh_db,
                ask_id,
                rng.choice(statuses),
                date,
                visibility=rng.choice(["public", "internal"]),
            )
            entries.append(row)
        if entries and rng.random() < 0.4:
            target = rng.choice(entries)
            update(
                fresh_db,
                ask_id,
                rng.choice(statuses),
                target["effective_date"],
                supersedes_id=target["id"],
            )
    return fresh_db


def mix_rows_by_counting(db, as_of, by, public_only):
    """status_mix forced through the runs (a filter on every target selects every ask)."""
    targets = tuple(r[0] for r in db.conn.execute("SELECT DISTINCT target FROM asks"))
    return status_mix(
        db, as_of, by=by, public_only=public_only, ask_filter=AskFilter(targets=targets)
    )


@pytest.mark.parametrize("as_of", ["2019-01-01", "2020-06-15", "2022-12-31", "2025-03-01"])
@pytest.mark.parametrize("by", [None, "theme"])
@pytest.mark.parametrize("public_only", [False, True])
def test_summed_mix_matches_counting_every_run(random_histories, as_of, by, public_only):
    summed = status_mix(random_histories, as_of, by=by, public_only=public_only)
    counted = mix_rows_by_counting(random_histories, as_of, by, public_only)
    assert summed["count"].sum() > 0
    assert_frame_equal(summed, counted)


def test_summed_mix_months_equal_a_full_rebuild(random_histories):
    """Kept up to date write by write, the monthly sums equal rebuilding them from scratch."""

    def table():
        return sorted(
            random_histories.conn.execute(
                "SELECT variant, track, month, status, theme, delta FROM status_mix_months "
                "WHERE delta != 0"
            )
        )

    incremental = table()
    assert incremental
    with random_histories.atomic():
        refresh_spans(random_histories)
    assert table() == incremental


def test_ask_choices_label_every_ask_by_id_and_title(march_june):
    db, ask_id = march_june
    other = ask(db, "Second ask", "2024-01-02")
    assert ask_choices(db) == {
        ask_id: f"#{ask_id} {get_ask(db, ask_id)['title']}",
        other: f"#{other} Second ask",
    }
