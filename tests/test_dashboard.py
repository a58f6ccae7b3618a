"""Leadership's headline numbers (tracker/dashboard.py) on a hand-built history whose answers are
worked out by hand below, and letter intake (tracker/intake.py): a letter with its new and
repeated asks, stored all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest
from dbkit import dump, update
from pandas.testing import assert_frame_equal

from tracker import dashboard, records
from tracker.auth import Actor, acting_as
from tracker.changes import asks_moved_between
from tracker.dates import today
from tracker.errors import NotFound, ValidationError
from tracker.filters import AskFilter
from tracker.history import get_ask
from tracker.intake import add_letter_with_asks
from tracker.letters import ask_letters, get_letter, letter_asks
from tracker.mix import progress_index, status_mix
from tracker.standing import stale_asks, status_counts

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"


@pytest.fixture
def history(fresh_db):
    """Seven asks on a letter of 2024-01-15 (A5 added on 2024-05-01).

    A1 Rule of law: in_progress 2024-02-01 (public), achieved 2024-05-10 (public)
    A2 Rule of law: stalled 2024-02-01, verified (stalled again) 2024-03-31
    A3 Migration:   partially_achieved 2024-03-01, reversed 2024-06-01 (public)
    A4 Migration:   no outcome entry; response acknowledged 2024-04-01
    A5 Migration:   added 2024-05-01; achieved 2024-05-15
    A6 Rule of law: stalled 2024-01-20, corrected to in_progress (same date)
    A7 Rule of law: dropped 2024-06-30

    Returns (db, {"A1": id, ...})."""
    db = fresh_db
    letter = records.add_letter(db, title="Letter", date_sent="2024-01-15", author_org="NGO")
    themes = {
        "A1": "Rule of law",
        "A2": "Rule of law",
        "A3": "Migration",
        "A4": "Migration",
        "A5": "Migration",
        "A6": "Rule of law",
        "A7": "Rule of law",
    }
    ids = {
        name: records.add_ask(
            db,
            title=f"Ask {name}",
            target="Government of Mexico",
            theme=theme,
            country="Mexico",
            added_on="2024-05-01" if name == "A5" else None,
            letters=[(letter, f"Passage {name}")],
        )
        for name, theme in themes.items()
    }
    update(db, ids["A1"], "in_progress", "2024-02-01", visibility="public")
    update(db, ids["A1"], "achieved", "2024-05-10", visibility="public")
    update(db, ids["A2"], "stalled", "2024-02-01")
    assert update(db, ids["A2"], "stalled", "2024-03-31", note="")["kind"] == "verification"
    update(db, ids["A3"], "partially_achieved", "2024-03-01")
    update(db, ids["A3"], "reversed", "2024-06-01", visibility="public")
    update(db, ids["A4"], "acknowledged", "2024-04-01", track="response")
    update(db, ids["A5"], "achieved", "2024-05-15")
    wrong = update(db, ids["A6"], "stalled", "2024-01-20")
    update(db, ids["A6"], "in_progress", "2024-01-20", supersedes_id=wrong["id"], note="Misread.")
    update(db, ids["A7"], "dropped", "2024-06-30")
    return db, ids


# --- kpis ---------------------------------------------------------------------------------------


def test_kpis_on_a_hand_built_history(history):
    db, _ = history
    # As of 2024-06-30 every ask exists. Achieved: A1, A5. Moving: A6 (its stalled entry was
    # corrected to in_progress). Stuck: A2 stalled, A3 reversed. A4 is not assessed, A7 dropped.
    # Checked on or after 2024-04-01 (90 days back): A1 05-10, A3 06-01, A4 04-01 (response
    # track, exactly 90 days), A5 05-15, A7 06-30; not A2 (03-31, 91 days) nor A6 (01-20).
    k = dashboard.kpis(db, "2024-06-30")
    assert k.as_of == "2024-06-30"
    assert (k.asks, k.achieved, k.moving, k.stuck) == (7, 2, 1, 2)
    assert k.verified_share == pytest.approx(5 / 7)


def test_kpis_before_later_asks_and_changes(history):
    db, _ = history
    # As of 2024-04-01: A5 not yet added (6 asks). A1 in_progress, A3 partially_achieved,
    # A6 in_progress -> moving 3; A2 stalled -> stuck 1; nothing achieved. Checked within 90
    # days (since 2024-01-02): A1, A2, A3, A4 (response that very day), A6; A7 never.
    k = dashboard.kpis(db, dt.date(2024, 4, 1))
    assert k.as_of == "2024-04-01"
    assert (k.asks, k.achieved, k.moving, k.stuck) == (6, 0, 3, 1)
    assert k.verified_share == pytest.approx(5 / 6)


def test_kpis_before_any_ask_existed(history):
    db, _ = history
    k = dashboard.kpis(db, "2024-01-14")
    assert (k.asks, k.achieved, k.moving, k.stuck) == (0, 0, 0, 0)
    assert k.verified_share is None


def test_kpis_window_days(history):
    db, _ = history
    # A 30-day window back from 2024-06-30 reaches 2024-05-31: A3 (06-01) and A7 (06-30).
    assert dashboard.kpis(db, "2024-06-30", window_days=30).verified_share == pytest.approx(2 / 7)


def test_kpis_on_an_empty_database(fresh_db):
    k = dashboard.kpis(fresh_db, "2024-06-30")
    assert (k.asks, k.achieved, k.moving, k.stuck, k.verified_share) == (0, 0, 0, 0, None)


def test_kpis_with_change_against_90_days_earlier(history):
    db, _ = history
    now, change = dashboard.kpis_with_change(db, "2024-06-30")
    assert now.as_of == "2024-06-30"
    assert (now.asks, now.achieved, now.moving, now.stuck) == (7, 2, 1, 2)
    # Against 2024-04-01 (see the two tests above).
    assert change["asks"] == 1
    assert change["achieved"] == 2
    assert change["moving"] == -2
    assert change["stuck"] == 1
    assert change["verified_share"] == pytest.approx(5 / 7 - 5 / 6)


def test_kpis_with_change_over_other_spans(history):
    db, _ = history
    # 2024-06-30 minus 170 days is 2024-01-12, before the letter: no asks then, so there is
    # no previous period to compare with, and no change is reported at all (not "+7").
    _, change = dashboard.kpis_with_change(db, "2024-06-30", days=170)
    assert change == dict.fromkeys(["asks", "achieved", "moving", "stuck", "verified_share"])


def test_kpis_with_change_is_zero_when_nothing_changed(history):
    db, _ = history
    # 2024-12-31 against 2024-10-02: same statuses (A5 added long before), but nobody checked
    # anything after 2024-06-30, so the share stays at 0 both times.
    now, change = dashboard.kpis_with_change(db, "2024-12-31")
    assert now.verified_share == 0
    assert change == {"asks": 0, "achieved": 0, "moving": 0, "stuck": 0, "verified_share": 0}


def test_ask_filter_restricts_the_counts(history):
    db, ids = history
    migration = dashboard.kpis(db, "2024-06-30", ask_filter=AskFilter(themes=("Migration",)))
    # A3 reversed, A4 not assessed, A5 achieved; all three checked since 2024-04-01.
    assert (migration.asks, migration.achieved, migration.moving, migration.stuck) == (3, 1, 0, 1)
    assert migration.verified_share == pytest.approx(1.0)
    rule = dashboard.kpis(db, "2024-06-30", ask_filter=AskFilter(themes=("Rule of law",)))
    # A1 achieved, A2 stalled, A6 in_progress, A7 dropped; A1 and A7 checked.
    assert (rule.asks, rule.achieved, rule.moving, rule.stuck) == (4, 1, 1, 1)
    assert rule.verified_share == pytest.approx(0.5)
    nobody = dashboard.kpis(db, "2024-06-30", ask_filter=AskFilter(owners=("Nobody",)))
    assert (nobody.asks, nobody.verified_share) == (0, None)


def test_ask_filter_restricts_the_change_too(history):
    db, _ = history
    _, change = dashboard.kpis_with_change(
        db, "2024-06-30", ask_filter=AskFilter(themes=("Migration",))
    )
    # As of 2024-04-01: A3 partially_achieved, A4 not assessed (checked 04-01); A5 not added.
    # Share then 2/2, now 3/3.
    assert change == {
        "asks": 1,
        "achieved": 1,
        "moving": -1,
        "stuck": 1,
        "verified_share": 0,
    }


def test_ask_filter_by_letter(history):
    db, ids = history
    second = records.add_letter(db, title="Again", date_sent="2024-02-10", author_org="NGO")
    records.link_ask(db, second, ids["A3"], "Again")
    records.link_ask(db, second, ids["A6"], "Again")
    k = dashboard.kpis(db, "2024-06-30", ask_filter=AskFilter(letter_ids=(second,)))
    # A3 reversed (checked 06-01), A6 in_progress (checked 01-20).
    assert (k.asks, k.achieved, k.moving, k.stuck) == (2, 0, 1, 1)
    assert k.verified_share == pytest.approx(0.5)


def test_public_kpis_count_only_public_entries(history):
    db, _ = history
    # Public entries: A1 in_progress and achieved, A3 reversed. Everything else looks
    # unassessed and unchecked from outside.
    k = dashboard.kpis(db, "2024-06-30", public_only=True)
    assert (k.asks, k.achieved, k.moving, k.stuck) == (7, 1, 0, 1)
    assert k.verified_share == pytest.approx(2 / 7)


def test_kpis_agree_with_status_counts(history):
    db, _ = history
    counts = status_counts(db, "2024-06-30").set_index("status")["count"]
    k = dashboard.kpis(db, "2024-06-30")
    assert k.asks == counts.sum()
    assert k.achieved == counts["achieved"]
    assert k.moving == counts["in_progress"] + counts["partially_achieved"]
    assert k.stuck == counts["stalled"] + counts["reversed"]


# --- evidence_sources ---------------------------------------------------------------------------


def test_evidence_sources_counts_websites(one_ask):
    db, ask = one_ask
    update(db, ask, "in_progress", "2024-02-01", evidence_url="https://www.wola.org/analysis/x")
    update(db, ask, "stalled", "2024-03-01", evidence_url="https://www.wola.org/2018/07/y")
    update(db, ask, "in_progress", "2024-04-01", evidence_url="http://example.org")
    update(db, ask, "stalled", "2024-05-01", evidence_url="https://example.org?id=3")
    update(db, ask, "stalled", "2024-06-01", note="")  # no evidence: not counted
    indicator = records.add_indicator(db, name="Cases", direction="lower")
    records.record_observation(
        db, indicator, 5, date="2024-01-31", source_url="https://data.example.net/series.csv"
    )
    records.record_observation(db, indicator, 4, date="2024-02-29")  # no source
    sources = dashboard.evidence_sources(db)
    assert list(sources.columns) == ["website", "entries"]
    assert sources.to_dict("records") == [
        {"website": "example.org", "entries": 2},
        {"website": "www.wola.org", "entries": 2},
        {"website": "data.example.net", "entries": 1},
    ]


def test_evidence_sources_follow_visibility_and_edited_observations(one_ask):
    db, ask = one_ask
    update(db, ask, "in_progress", "2024-02-01", evidence_url="https://internal.example.org/a")
    update(
        db,
        ask,
        "stalled",
        "2024-03-01",
        evidence_url="https://www.wola.org/b",
        visibility="public",
    )
    indicator = records.add_indicator(db, name="Cases", direction="lower")
    records.record_observation(db, indicator, 5, date="2024-01-31", source_url="https://a.net/x")
    public = dashboard.evidence_sources(db, public_only=True)
    assert dict(zip(public["website"], public["entries"], strict=True)) == {
        "www.wola.org": 1,
        "a.net": 1,
    }
    # an observation's source edited, then the observation removed (outside the app)
    with db.conn:
        db.conn.execute("UPDATE observations SET source_url = 'https://b.net/y'")
    counts = dashboard.evidence_sources(db)
    assert dict(zip(counts["website"], counts["entries"], strict=True)) == {
        "internal.example.org": 1,
        "www.wola.org": 1,
        "b.net": 1,
    }
    with db.conn:
        db.conn.execute("DELETE FROM observations")
    assert "b.net" not in set(dashboard.evidence_sources(db)["website"])


def test_evidence_sources_on_an_empty_database(fresh_db):
    assert dashboard.evidence_sources(fresh_db).empty


def test_evidence_sources_on_the_demo_match_the_csv_files(demo_db):
    expected: Counter = Counter()
    for name, column in (
        ("status_updates.csv", "evidence_url"),
        ("observations.csv", "source_url"),
    ):
        with (DEMO / name).open(encoding="utf-8", newline="") as handle:
            expected.update(urlparse(r[column]).netloc for r in csv.DictReader(handle) if r[column])
    sources = dashboard.evidence_sources(demo_db)
    assert dict(zip(sources["website"], sources["entries"], strict=True)) == dict(expected)
    assert list(sources["entries"]) == sorted(sources["entries"], reverse=True)


# --- intake -------------------------------------------------------------------------------------


LETTER = {
    "title": "Follow-up letter",
    "date_sent": "2024-03-01",
    "author_org": "Test NGO",
    "cosigners": ["Partner A", "Partner B"],
}


def new_ask(title: str, **changes) -> dict:
    ask = {
        "title": title,
        "target": "Congress of Mexico",
        "theme": "Press freedom",
        "country": "Mexico",
        "passage": f"We ask you to {title.lower()}.",
    }
    ask.update(changes)
    return ask


def test_intake_stores_letter_new_asks_and_links_in_one_go(one_ask):
    db, existing = one_ask
    asks = [new_ask("Protect journalists"), new_ask("Fund the mechanism", priority="high")]
    ana = Actor(email="ana@example.org", role="officer", via="test")
    with acting_as(ana):  # the person signed in stores the letter, as in the app and the CLI
        letter_id, new_ids = add_letter_with_asks(
            db, LETTER, asks, [(existing, "  As we asked before.  ")]
        )
    assert len(new_ids) == 2 and existing not in new_ids
    letter = get_letter(db, letter_id)
    assert letter["title"] == "Follow-up letter"
    assert letter["date_sent"] == "2024-03-01"
    assert letter["created_by"] == "ana@example.org"
    linked = letter_asks(db, letter_id)
    assert dict(zip(linked["ask_id"], linked["passage"], strict=True)) == {
        existing: "As we asked before.",
        new_ids[0]: "We ask you to protect journalists.",
        new_ids[1]: "We ask you to fund the mechanism.",
    }
    for ask_id, title in zip(new_ids, ("Protect journalists", "Fund the mechanism"), strict=True):
        stored = get_ask(db, ask_id)
        assert stored["title"] == title
        assert stored["added_on"] == "2024-03-01"  # the letter's date
        assert stored["created_by"] == "ana@example.org"
    assert get_ask(db, new_ids[1])["priority"] == "high"
    # The repeated ask keeps its first letter and gains the new one.
    assert list(ask_letters(db, existing)["letter_id"]) == [1, letter_id]
    # The caller's dicts are not consumed.
    assert asks[0]["passage"] == "We ask you to protect journalists."


def test_intake_with_only_existing_asks(one_ask):
    db, existing = one_ask
    letter_id, new_ids = add_letter_with_asks(db, LETTER, existing_asks=[(existing, "")])
    assert new_ids == []
    assert list(letter_asks(db, letter_id)["ask_id"]) == [existing]


@pytest.mark.parametrize("bad_target", ["", "   "])
def test_intake_bad_second_ask_names_it_and_writes_nothing(one_ask, bad_target):
    db, existing = one_ask
    before = dump(db)
    with pytest.raises(ValidationError) as info:
        add_letter_with_asks(
            db,
            LETTER,
            [new_ask("Protect journalists"), new_ask("Fund the mechanism", target=bad_target)],
            [(existing, "Again")],
        )
    assert "new ask 2" in str(info.value)
    assert "target" in str(info.value)
    assert info.value.field == "asks[2].target"
    assert dump(db) == before
    assert db["letters"].count == 1
    assert db["asks"].count == 1


def test_intake_bad_first_ask_is_numbered_one(one_ask):
    db, _ = one_ask
    before = dump(db)
    with pytest.raises(ValidationError, match="new ask 1") as info:
        add_letter_with_asks(db, LETTER, [new_ask("Protect", priority="urgent"), new_ask("Fund")])
    assert "urgent" in str(info.value)
    assert dump(db) == before


def test_intake_unknown_existing_ask_leaves_no_letter_behind(one_ask):
    db, existing = one_ask
    before = dump(db)
    with pytest.raises(NotFound):
        add_letter_with_asks(db, LETTER, [new_ask("Protect")], [(existing, ""), (999, "")])
    assert dump(db) == before


def test_intake_bad_letter_writes_nothing(one_ask):
    db, _ = one_ask
    before = dump(db)
    future = (today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError) as info:
        add_letter_with_asks(db, dict(LETTER, date_sent=future), [new_ask("Protect")])
    assert "future" in str(info.value)
    assert "new ask" not in str(info.value)
    assert dump(db) == before


def test_needs_attention_matches_stale_asks_and_backward_moves(demo_db):

    count, stale, backwards = dashboard.needs_attention(demo_db, "2025-12-31", days=90, limit=3)
    expected_stale = stale_asks(demo_db, "2025-12-31", days=90)
    assert count == len(expected_stale) > 3
    pd.testing.assert_frame_equal(stale, expected_stale.head(3))
    moved = asks_moved_between(demo_db, "2025-10-02", "2025-12-31")
    assert backwards["ask_id"].tolist() == moved[moved["change"] == "down"]["ask_id"].tolist()


def test_progress_over_time_matches_the_queries_it_replaces(demo_db):
    mix, overall, by_theme = dashboard.progress_over_time(demo_db, "2025-12-31", since="2020-03-15")
    direct = status_mix(demo_db, "2025-12-31")
    direct = direct[direct["month"] >= "2020-03"].reset_index(drop=True)
    assert_frame_equal(mix.reset_index(drop=True), direct, check_dtype=False)
    assert mix["month"].min() == "2020-03"
    progress = progress_index(demo_db, "2025-12-31")
    progress = progress[progress["month"] >= "2020-03"].reset_index(drop=True)
    assert_frame_equal(overall.reset_index(drop=True), progress, check_dtype=False)
    themed = progress_index(demo_db, "2025-12-31", by="theme")
    themed = themed[themed["month"] >= "2020-03"].reset_index(drop=True)
    assert_frame_equal(by_theme.reset_index(drop=True), themed, check_dtype=False)


def test_intake_skips_blank_table_rows_and_defaults_priority(fresh_db):
    blank = {key: "" for key in new_ask("x")} | {"owner": None}
    asks = [blank, new_ask("Protect journalists", priority="", owner=None), blank]
    _, new_ids = add_letter_with_asks(fresh_db, LETTER, asks)
    assert len(new_ids) == 1
    stored = fresh_db.conn.execute(
        "SELECT title, priority, owner FROM asks WHERE id = ?", (new_ids[0],)
    ).fetchone()
    assert stored == ("Protect journalists", "medium", None)
