"""Snapshots in the app: preview exactly what donors see, publish, open by link, withdraw,
not found, and whether a link needs sign-in."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from appkit import open_app, rendered_text
from dbkit import EMAIL, add_ask, demo_database
from filekit import xlsx_text
from streamlit.testing.v1 import AppTest

from tracker import methodology, records, report, snapshots
from tracker.auth import Actor, acting_as
from tracker.db import open_db
from tracker.standing import current_status

PASSWORD = "correct horse battery"
MARKER = "INTERNAL-SNAPSHOT-MARKER-5150"
OWNER_MARKER = "OWNER-SNAPSHOT-MARKER-8086"
DEMO_OWNER = "Program officer, Mexico"  # every demo ask's owner (data/demo/asks.json)
ADMIN = Actor(email=EMAIL["admin"], role="admin")
DONOR = Actor(email=EMAIL["donor"], role="donor")
TABLE_FILES = ("xlsx", *report.CSV_TABLES)  # made on the snapshot page


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = demo_database(
        tmp_path / "snap.db", [(email, role, "") for role, email in EMAIL.items()], PASSWORD
    )
    db = open_db(path)
    records.record_status_update(
        db,
        2,
        "achieved",
        effective_date="2025-06-01",
        note=f"Leak {MARKER}",
        evidence_url=f"https://internal.example.org/{MARKER}",
        visibility="internal",
    )
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def run(role: str | None, page: str | None = None, **params) -> AppTest:
    return open_app(EMAIL[role] if role else None, page, **params)


def test_the_published_link_is_at_the_public_address(app_db, monkeypatch):
    """TRACKER_PUBLIC_URL, when set, is the address donors reach: the page shows its link."""
    monkeypatch.setenv("TRACKER_PUBLIC_URL", "https://progress.example.org/tracker/")
    at = run("officer", "snapshots")
    at.text_input(key="snap_as_of").input("2025-12-31")
    at.text_area(key="snap_narrative").input("Shared by link.")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    at.button(key="snap_publish").click().run()
    db = open_db(app_db)
    token = snapshots.list_snapshots(db).iloc[0]["token"]
    db.close()
    link = f"https://progress.example.org/tracker/snapshots?snapshot={token}"
    assert [c.value for c in at.code] == [link]


def test_a_public_address_that_is_no_web_address_publishes_nothing(app_db, monkeypatch):
    monkeypatch.setenv("TRACKER_PUBLIC_URL", "progress.example.org")
    at = run("officer", "snapshots")
    at.text_input(key="snap_as_of").input("2025-12-31")
    at.text_area(key="snap_narrative").input("Shared by link.")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert not at.exception
    shown = [e.value.replace("\\", "") for e in at.error]  # as plain() escaped it
    assert any("TRACKER_PUBLIC_URL 'progress.example.org' is not a web address" in e for e in shown)
    assert "snap_publish" not in [b.key for b in at.button]
    db = open_db(app_db)
    assert snapshots.list_snapshots(db).empty
    db.close()


def exports(path: Path, snapshot_id: int) -> dict[str, str]:
    """Every export of a snapshot but the PDF (printed from the same HTML; its scan is in
    test_snapshots.py), as text, as a donor downloads it."""
    db = open_db(path)
    with acting_as(DONOR):
        files = {kind: snapshots.export_file(db, snapshot_id, kind) for kind in report.KINDS}
    db.close()
    files.pop("pdf")
    return {
        kind: xlsx_text(data) if kind == "xlsx" else data.decode("utf-8")
        for kind, data in files.items()
    }


def publish(path: Path, as_of: str = "2024-06-30", **kwargs) -> dict:
    db = open_db(path)
    with acting_as(ADMIN):
        row = snapshots.publish(
            db,
            as_of,
            title=kwargs.pop("title", "Mid-2024"),
            narrative=kwargs.pop("narrative", "Where we stood."),
            **kwargs,
        )
    db.close()
    return row


def test_officer_previews_then_publishes_and_donor_opens_the_link(app_db):
    at = run("officer", "snapshots")
    at.text_input(key="snap_as_of").input("2025-12-31")
    at.text_input(key="snap_title").input("End of 2025")
    at.text_area(key="snap_narrative").input("A hard year for accountability.")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert not at.exception, [e.value for e in at.exception]
    preview = rendered_text(at)
    assert "End of 2025" in preview and "A hard year for accountability" in preview
    assert MARKER not in preview and "internal.example.org" not in preview
    at.button(key="snap_publish").click().run()
    assert any("Published" in s.value for s in at.success)
    db = open_db(app_db)
    table = snapshots.list_snapshots(db)
    token = table.iloc[0]["token"]
    db.close()
    # published: the button is disabled (a second click would publish a copy), the link shown
    assert at.button(key="snap_publish").disabled
    # the whole link (AppTest has no browser address: the one `make run` serves)
    assert [c.value for c in at.code] == [f"http://localhost:8501/snapshots?snapshot={token}"]
    assert len(table) == 1

    donor = run("donor", snapshot=token)
    assert donor.title[0].value == "End of 2025"
    shown = rendered_text(donor)
    assert MARKER not in shown and "A hard year for accountability" in shown
    listing = run("donor", "snapshots")
    assert "End of 2025" in [link.proto.label for link in listing.get("page_link")]


def test_snapshot_page_shows_frozen_content_after_later_updates(app_db):
    row = publish(app_db)
    before = rendered_text(run("donor", snapshot=row["token"]))
    db = open_db(app_db)
    with acting_as(ADMIN):
        records.record_status_update(
            db,
            1,
            "achieved",
            effective_date="2024-06-01",
            note="Backdated public change",
            visibility="public",
        )
    db.close()
    after = rendered_text(run("donor", snapshot=row["token"]))
    assert after == before


def test_withdrawn_link_says_so_and_wrong_token_says_not_found(app_db):
    row = publish(app_db)
    db = open_db(app_db)
    with acting_as(ADMIN):
        snapshots.withdraw(db, row["id"], "Superseded by the annual report")
    db.close()
    at = run("donor", snapshot=row["token"])
    assert not at.exception
    assert at.title[0].value == "This snapshot was withdrawn"
    assert any("Superseded by the annual report" in w.value for w in at.warning)
    wrong = run("donor", snapshot="not-a-real-token")
    assert not wrong.exception
    assert wrong.title[0].value == "Snapshot not found"


def test_link_needs_sign_in_unless_the_setting_allows(app_db):
    row = publish(app_db)
    anonymous = run(None, snapshot=row["token"])
    assert anonymous.title[0].value == "Sign in to Advocacy Tracker"
    # the person who opened a shared link is told what it is and that it opens after sign-in
    assert any("opens a progress snapshot" in i.value for i in anonymous.info)
    assert MARKER not in rendered_text(anonymous)
    plain = run(None)
    assert not any("snapshot" in i.value for i in plain.info)
    db = open_db(app_db)
    with acting_as(ADMIN):
        snapshots.set_links_without_sign_in(db, True)
    db.close()
    opened = run(None, snapshot=row["token"])
    assert opened.title[0].value.replace("\\", "") == "Mid-2024"
    assert MARKER not in rendered_text(opened)


def test_donor_sees_only_published_snapshots_newest_first(app_db):
    end_2022 = publish(app_db, "2022-12-31", title="End of 2022")
    rights = publish(
        app_db, "2023-06-30", title="Human rights, mid-2023", scope={"themes": ["Human rights"]}
    )
    letter = publish(
        app_db, "2023-12-31", title="The 2018 letter, end of 2023", scope={"letter_ids": [1]}
    )
    end_2024 = publish(app_db, "2024-12-31", title="End of 2024")
    db = open_db(app_db)
    with acting_as(ADMIN):
        snapshots.withdraw(db, rights["id"], "Old")
    with acting_as(DONOR):
        listed = snapshots.list_snapshots(db)
    db.close()
    expected = [end_2024, letter, end_2022]  # the withdrawn one left out
    assert list(listed["title"]) == [r["title"] for r in expected]
    assert list(listed["as_of"]) == ["2024-12-31", "2023-12-31", "2022-12-31"]
    published = list(listed["published_at"])
    assert published == sorted(published, reverse=True) and len(set(published)) == 3

    at = run("donor", "snapshots")
    assert not at.exception
    links = [link.proto for link in at.get("page_link")]
    assert [link.label.replace("\\", "") for link in links] == [r["title"] for r in expected]
    # one click opens each: a link to the snapshot's token, not a table cell to select first
    assert [link.query_string for link in links] == ["snapshot=" + r["token"] for r in expected]
    captions = [c.value for c in at.caption if c.value.startswith("As of")]
    assert [c[6:16] for c in captions] == ["2024-12-31", "2023-12-31", "2022-12-31"]
    assert not at.dataframe  # the register, with who published, is for publishers only
    assert rights["token"] not in rendered_text(at)


def test_donor_page_and_every_export_keep_owners_notes_and_evidence_out(app_db):
    """The scope holds an internal entry with the note and evidence marker (ask 2, from the
    fixture) and an ask whose owner is a marker; every demo ask's owner is named too."""
    scope = {"themes": ["Anti-corruption", "Human rights"]}
    db = open_db(app_db)
    with acting_as(ADMIN):
        named = add_ask(
            db,
            "Ask with a named owner",
            theme="Human rights",
            owner=OWNER_MARKER,
            added_on="2024-01-01",
            letters=[(1, "We urge you to act.")],
        )
        records.record_status_update(
            db,
            named,
            "in_progress",
            effective_date="2024-02-01",
            note="A public step 1234.",
            evidence_url="https://public.example.org/step",
            visibility="public",
        )
    # The secrets are really in scope for staff, so their absence below means something.
    staff = current_status(db, "2025-12-31", ask_filter=snapshots.scope_filter(scope), notes=True)
    owners = set(staff["owner"])
    assert owners == {DEMO_OWNER, OWNER_MARKER}
    assert staff.set_index("ask_id").loc[2, "last_note"] == f"Leak {MARKER}"
    db.close()
    row = publish(app_db, "2025-12-31", title="End of 2025", scope=scope)

    page = rendered_text(run("donor", snapshot=row["token"]))
    files = exports(app_db, row["id"])
    assert set(files) == {"html", *TABLE_FILES}
    places = {"page": page, **files}
    secrets = (*owners, MARKER, "internal.example.org")
    leaks = [(where, s) for where, text in places.items() for s in secrets if s in text]
    assert leaks == []
    # ... while the public entry of the owner's ask is shown.
    for where in ("page", "html", "xlsx", "asks.csv"):
        assert "A public step 1234." in places[where], where
    assert "Human rights,In progress,1" in places["status-by-theme.csv"]


def test_downloads_offer_every_table_made_from_the_frozen_content(app_db):
    """Each table's CSV is offered, made from the frozen content (not the live data), on the
    first visit with a progress indicator, and kept: later visits make nothing."""
    row = publish(app_db, "2024-12-31", title="End of 2024")
    db = open_db(app_db)
    with acting_as(ADMIN):  # after publishing: the live view of ask 1 changes, not the snapshot
        records.record_status_update(
            db, 1, "achieved", effective_date="2024-06-01", note="Backdated.", visibility="public"
        )
    assert snapshots.stored_kinds(db, row["id"]) == set()
    db.close()

    at = run("donor", snapshot=row["token"])
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.status) == 1
    progress = at.status[0]
    assert (progress.label, progress.proto.state) == ("Downloads ready", progress.proto.COMPLETE)
    buttons = at.download_button
    labels = sorted(b.label for b in buttons)
    assert labels == sorted(["HTML report", "Excel (XLSX)", *report.TABLES.values()])
    assert all(b.proto.deferred_file_id for b in buttons)  # read on click, with a spinner
    db = open_db(app_db)
    assert snapshots.stored_kinds(db, row["id"]) == set(TABLE_FILES)
    made = {kind: snapshots.export_file(db, row["id"], kind) for kind in TABLE_FILES}
    db.close()
    frozen = json.loads(row["content"])
    for kind in report.CSV_TABLES:
        assert made[kind] == report.export(frozen, kind), kind
    asks = list(csv.DictReader(io.StringIO(made["asks.csv"].decode("utf-8"))))
    # FGR as of 2024-12-31 when published: stalled since 2021-05-20 (not the later "achieved")
    fgr = next(r for r in asks if r["Ask"].startswith("Independent National Prosecutor"))
    assert (fgr["Status"], fgr["Since"]) == ("Stalled", "2021-05-20")

    again = run("donor", snapshot=row["token"])
    assert not again.exception and len(again.status) == 0  # nothing left to prepare
    assert sorted(b.label for b in again.download_button) == labels
    db = open_db(app_db)
    assert {kind: snapshots.export_file(db, row["id"], kind) for kind in TABLE_FILES} == made
    db.close()


def test_snapshot_page_keeps_the_methodology_it_was_published_with(app_db, monkeypatch):
    row = publish(app_db)
    before = rendered_text(run("donor", snapshot=row["token"]))
    assert methodology.INDICATOR_STATUS in before and methodology.TRACKS in before
    monkeypatch.setattr(methodology, "INDICATOR_STATUS", "Indicator method rewritten 6060.")
    monkeypatch.setattr(methodology, "TRACKS", "Tracks rewritten 6060.")
    # The app's Methodology page shows the new text: the change reaches the pages...
    assert "Tracks rewritten 6060." in rendered_text(run("donor", "methodology"))
    # ... but not the published snapshot's page.
    after = rendered_text(run("donor", snapshot=row["token"]))
    assert after == before
    assert "rewritten 6060" not in after


def test_a_blank_title_follows_the_as_of_date_not_today(app_db):
    """As of 2024-12-31 in December 2026: the default title names 2024-12-31."""
    at = run("officer", "snapshots")
    assert at.text_input(key="snap_title").value == ""
    at.text_input(key="snap_as_of").input("2024-12-31")
    at.text_area(key="snap_narrative").input("Year end.")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert not at.exception
    assert "Progress as of 2024-12-31" in [t.value.replace("\\", "") for t in at.title]


def test_publishing_without_narrative_names_the_field(app_db):
    at = run("leadership", "snapshots")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert any("narrative" in e.value for e in at.error)
    db = open_db(app_db)
    assert db["snapshots"].count == 0
    db.close()


def test_a_snapshot_as_of_2015_is_made_as_typed(app_db):
    """Regression: the as-of picker kept Streamlit's ten-year range, so 2015 could not be
    chosen and a typed early date published today's snapshot instead. (The demo's asks were
    made in 2018, so the preview of 2015 is the sentence an empty snapshot gets, about
    2015-06-30: tests/test_snapshot_empty_preview.py.)"""
    at = run("officer", "snapshots")
    at.text_input(key="snap_as_of").input("2015-06-30")
    at.text_area(key="snap_narrative").input("Background.")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert not at.exception
    said = [w.value.replace("\\", "") for w in at.warning]
    assert any("No public ask in this snapshot as of 2015-06-30" in w for w in said), said


@pytest.mark.parametrize("typed", ["1800-01-01", "2019-02-30", "2999-01-01", "30/06/2015"])
def test_a_snapshot_date_outside_the_range_is_an_error_and_nothing_is_previewed(app_db, typed):
    at = run("officer", "snapshots")
    at.text_input(key="snap_as_of").input(typed)
    at.text_area(key="snap_narrative").input("Background.")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]  # shown escaped, as plain text
    assert any("as-of date" in e.lower() for e in errors), errors
    assert not any("Progress as of" in t.value for t in at.title)
    assert not at.get("button") or all(b.key != "snap_publish" for b in at.button)


def test_a_withdrawn_snapshot_leaves_the_withdraw_form_at_once(app_db):
    """QA 15e: after Withdraw the form still offered the withdrawn snapshot, its reason typed
    and the button live (a second click said "No published snapshot to withdraw.")."""
    first = publish(app_db, "2024-06-30", title="Mid 2024")
    publish(app_db, "2024-12-31", title="End of 2024")
    at = run("leadership", "snapshots")
    at.selectbox(key="withdraw_id").set_value(first["id"])
    at.text_input(key="withdraw_reason").input("Figures revised")
    next(b for b in at.button if b.label == "Withdraw").click().run()
    assert not at.exception
    assert not [o for o in at.selectbox(key="withdraw_id").options if "Mid 2024" in o]
    assert at.text_input(key="withdraw_reason").value == ""
    assert any("withdrawn" in s.value for s in at.success)


@pytest.mark.parametrize("published", [1, 2])
def test_donor_list_says_when_every_snapshot_was_withdrawn(app_db, published):
    """QA (donor view): with its only snapshot withdrawn, the donor's list said none had been
    published yet. It says they were withdrawn and none is available now."""
    db = open_db(app_db)
    rows = [publish(app_db, f"202{4 - n}-06-30", title=f"Snap {n}") for n in range(published)]
    with acting_as(ADMIN):
        for row in rows:
            snapshots.withdraw(db, row["id"], "Figures revised")
    db.close()
    at = run("donor", "snapshots")
    assert not at.exception
    said = " ".join(i.value for i in at.info)
    assert "published yet" not in said
    assert "withdrawn" in said and "none is available now" in said.lower(), said
    assert not at.get("page_link")


def test_donor_list_before_any_snapshot_says_none_was_published(app_db):
    at = run("donor", "snapshots")
    assert [i.value for i in at.info] == ["No snapshots have been published yet."]


def test_the_snapshot_form_shows_every_problem_at_once(app_db):
    """QA (donor view): a bad as-of date hid the missing narrative until it was fixed. Both
    are said on one click, each next to its field."""
    at = run("officer", "snapshots")
    at.text_input(key="snap_as_of").input("2999-01-01")
    next(b for b in at.button if b.label == "Preview what donors will see").click().run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert len(errors) == 2, errors
    assert "as-of date 2999-01-01" in errors[0].lower() and "narrative" in errors[1].lower()
    assert not any("Progress as of" in t.value for t in at.title)


def test_an_indicator_with_one_observation_is_said_not_charted_on_the_page(app_db):
    """QA (donor view): the demo's conviction indicator has one observation by mid-2024; the
    snapshot page says its value, date and source rather than draw a one-point line."""
    row = publish(app_db, "2024-06-30")
    content = json.loads(row["content"])
    ind = next(i for i in content["indicators"] if i["name"].startswith("Military-abuse"))
    (only,) = content["indicator_series"][str(ind["indicator_id"])]
    at = run("donor", snapshot=row["token"])
    at.selectbox(key=f"snap_{row['id']}_ind_pick").set_value(ind["indicator_id"]).run()
    assert not at.exception
    assert not at.get("plotly_chart")[2:]  # the status mix and by theme only
    said = next(m.value for m in at.markdown if "One observation so far" in m.value)
    assert only["date"] in said and only["source_url"] in said.replace("\\", "")
