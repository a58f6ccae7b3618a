"""Time travel through the pages, on a hand-built history: the dashboard, the asks list, an
ask's page, the public page and the snapshot preview each show the ask as the history says it
stood on the as-of date (set by the link's ``as_of``, as the sidebar keeps it, or by the
snapshot form's date), corrections applied, and the stale flag as of that date.

The history, and what it means (worked out by hand; STALE_DAYS = 90, scores: in progress .4,
stalled .2, achieved 1):

- REVIEWED, made 2024-01-15: in_progress on 2024-03-10; achieved on 2024-06-20, recorded by
  mistake and corrected to stalled (same date, public); a verification on 2024-09-01
  (internal: "checked, no change").
- EARLY, made 2024-01-15: achieved on 2024-02-01 (terminal: never stale).

| as of      | REVIEWED    | last checked | days | stale |
|------------|-------------|--------------|------|-------|
| 2024-04-15 | In progress | 2024-03-10   |   36 | no    |
| 2024-06-15 | In progress | 2024-03-10   |   97 | yes   |
| 2024-07-15 | Stalled     | 2024-06-20   |   25 | no    |
| 2024-10-15 | Stalled     | 2024-09-01   |   44 | no (117 without the verification) |
| 2025-01-15 | Stalled     | 2024-09-01   |  136 | yes   |
"""

from __future__ import annotations

import pytest
from appkit import run_as
from dbkit import EMAIL, add_ask
from streamlit.testing.v1 import AppTest

from tracker import records, users
from tracker.auth import Actor, acting_as
from tracker.db import open_db
from tracker.history import ask_history
from tracker.vocabulary import load_vocabulary

OFFICER = Actor(email=EMAIL["officer"], role="officer")
REVIEWED = "Hand-built ask under review"
EARLY = "Hand-built ask achieved early"
TABLED = "Bill tabled in March."
MISTAKE = "Law passed (recorded by mistake)."
CORRECTION = "Correction: the bill stalled in committee; nothing passed."

# as of -> (REVIEWED's status label, its last check, whether it is stale)
EXPECTED = {
    "2024-04-15": ("In progress", "2024-03-10", False),
    "2024-06-15": ("In progress", "2024-03-10", True),
    "2024-07-15": ("Stalled", "2024-06-20", False),
    "2024-10-15": ("Stalled", "2024-09-01", False),
    "2025-01-15": ("Stalled", "2024-09-01", True),
}


@pytest.fixture
def history(tmp_path, monkeypatch):
    """The hand-built history above; returns (database path, {title: ask id})."""
    path = tmp_path / "history.db"
    db = open_db(path, create=True)
    load_vocabulary(db)
    for role, email in EMAIL.items():
        users.add_user(db, email, role, password="correct horse battery")
    with acting_as(OFFICER):
        letter = records.add_letter(
            db, title="Hand-built letter", date_sent="2024-01-15", author_org="Test NGO"
        )
        ids = {
            title: add_ask(
                db,
                title,
                owner="Ana",
                added_on="2024-01-15",
                letters=[(letter, "We urge you to act.")],
            )
            for title in (REVIEWED, EARLY)
        }
        ask = ids[REVIEWED]
        public = {"visibility": "public", "evidence_url": "https://example.org/evidence"}
        records.record_status_update(
            db, ids[EARLY], "achieved", effective_date="2024-02-01", note="Done.", **public
        )
        records.record_status_update(
            db, ask, "in_progress", effective_date="2024-03-10", note=TABLED, **public
        )
        wrong = records.record_status_update(
            db, ask, "achieved", effective_date="2024-06-20", note=MISTAKE, **public
        )
        fix = records.record_status_update(
            db,
            ask,
            "stalled",
            effective_date="2024-06-20",
            note=CORRECTION,
            supersedes_id=wrong["id"],
            **public,
        )
        check = records.verify_ask(db, ask, on="2024-09-01")
    assert (fix["kind"], check["kind"]) == ("correction", "verification")
    # The mistaken entry is really in the history, so its absence from the pages means the
    # correction was applied (not that the entry was never there).
    assert MISTAKE in set(ask_history(db, ask)["note"])
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path, ids


def open_page(page: str, role: str = "officer", **params: str) -> AppTest:
    """Signed in as ``role``, on ``page``, with ``params`` in the link (as a shared link has)."""
    at = run_as(role, page, **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def table_with(at: AppTest, *columns: str):
    """The first table on the page that has all these columns."""
    return next(df.value for df in at.dataframe if set(columns) <= set(df.value.columns))


def historical(at: AppTest, as_of: str) -> bool:
    return any(f"shown as it stood on {as_of}" in w.value for w in at.warning)


@pytest.mark.parametrize("as_of", list(EXPECTED))
def test_dashboard_as_of_a_date(history, as_of):
    label, _, stale = EXPECTED[as_of]
    at = open_page("dashboard", as_of=as_of)
    assert historical(at, as_of)
    assert at.query_params["as_of"] in (as_of, [as_of])
    assert metric(at, "Asks tracked") == "2"
    # EARLY is achieved throughout; REVIEWED's mistaken "achieved" never counts.
    assert metric(at, "Achieved") == "1"
    assert metric(at, "In progress or partly achieved") == ("1" if label == "In progress" else "0")
    assert metric(at, "Stalled or reversed") == ("1" if label == "Stalled" else "0")
    counted = [m.value for m in at.markdown if m.value.startswith("**Not checked in 90 days**")]
    assert counted == [f"**Not checked in 90 days** ({int(stale)})"]
    if stale:
        assert table_with(at, "title", "days_since_checked")["title"].tolist() == [REVIEWED]
    else:
        assert "Every open ask was added or checked in the last 90 days." in [
            m.value for m in at.markdown
        ]


def test_dashboard_shows_the_corrected_move_as_backwards(history):
    # As of 2024-07-15 REVIEWED went in progress -> stalled (the correction), a move back; the
    # mistaken entry (in progress -> achieved) would have been a move forward.
    at = open_page("dashboard", as_of="2024-07-15")
    moved = table_with(at, "label_before", "label_after")
    assert moved[["title", "label_before", "label_after"]].values.tolist() == [
        [REVIEWED, "In progress", "Stalled"]
    ]


@pytest.mark.parametrize("as_of", list(EXPECTED))
def test_asks_list_as_of_a_date_with_its_stale_flag(history, as_of):
    label, checked, stale = EXPECTED[as_of]
    at = open_page("asks", as_of=as_of)
    assert historical(at, as_of)
    rows = table_with(at, "title", "label", "last_checked").set_index("title")
    assert rows.loc[REVIEWED, "label"] == label
    assert rows.loc[REVIEWED, "last_checked"] == checked
    assert rows.loc[EARLY, "label"] == "Achieved"
    at.toggle(key="ask_stale").set_value(True).run()
    assert not at.exception
    said = "1 ask" if int(stale) == 1 else f"{int(stale)} asks"  # "1 asks" before
    assert any(c.value == said for c in at.caption)
    if stale:
        assert table_with(at, "title", "label")["title"].tolist() == [REVIEWED]


@pytest.mark.parametrize("as_of", ["2024-04-15", "2024-07-15", "2024-10-15"])
def test_ask_page_as_of_a_date(history, as_of):
    _, ids = history
    label, checked, _ = EXPECTED[as_of]
    at = open_page("asks", ask=str(ids[REVIEWED]), as_of=as_of)
    assert at.title[0].value.replace("\\", "") == REVIEWED  # markdown-escaped
    assert historical(at, as_of)
    assert metric(at, "Outcome") == label
    assert metric(at, "Last checked") == checked


@pytest.mark.parametrize("as_of", ["2024-04-15", "2024-07-15"])
def test_public_page_as_of_a_date(history, as_of):
    """Donors: public entries only (the internal verification does not show), corrections
    applied: the correction's status and note, never the entry it replaced."""
    label, _, _ = EXPECTED[as_of]
    at = open_page("public_dashboard", role="donor", as_of=as_of)
    assert historical(at, as_of)
    rows = table_with(at, "title", "label", "last_note").set_index("title")
    assert rows.loc[REVIEWED, "label"] == label
    assert rows.loc[REVIEWED, "last_note"] == (TABLED if label == "In progress" else CORRECTION)
    assert rows.loc[EARLY, "label"] == "Achieved"
    assert metric(at, "Achieved") == "1"
    shown = "\n".join(df.value.to_csv() for df in at.dataframe)
    assert MISTAKE not in shown and "owner" not in rows.columns


@pytest.mark.parametrize("as_of", ["2024-04-15", "2024-07-15"])
def test_snapshot_preview_as_of_a_date(history, as_of):
    label, _, _ = EXPECTED[as_of]
    at = open_page("snapshots")
    at.text_input(key="snap_as_of").input(as_of)
    at.text_area(key="snap_narrative").input("Where the hand-built asks stood.")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"As of {as_of}" in c.value for c in at.caption)
    rows = table_with(at, "title", "label", "last_note").set_index("title")
    assert rows.loc[REVIEWED, "label"] == label
    assert rows.loc[REVIEWED, "last_note"] == (TABLED if label == "In progress" else CORRECTION)
    assert metric(at, "Achieved") == "1"
    assert metric(at, "Stalled or reversed") == ("1" if label == "Stalled" else "0")
    assert MISTAKE not in "\n".join(df.value.to_csv() for df in at.dataframe)
