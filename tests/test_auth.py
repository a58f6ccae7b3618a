"""Who may do what, and the audit trail that records it.

Every write in ``tracker`` checks the acting user's role itself: a refused call raises
PermissionDenied naming the role and the action, and leaves the database byte-for-byte as it
was (compared through a full SQL dump). Every allowed write adds exactly one audit entry, in
the same transaction as the data; the audit log and the status history refuse UPDATE and
DELETE."""

from __future__ import annotations

import ast
import datetime as dt
import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from dbkit import audit_rows, dump

from tracker import (
    audit,
    backups,
    demo,
    importer,
    intake,
    records,
    snapshots,
    spans,
    users,
    vocabulary,
)
from tracker.auth import (
    ACTION_NAMES,
    ROLE_LABELS,
    Actor,
    PermissionDenied,
    acting_as,
    can,
    current_actor,
    require,
)
from tracker.db import open_db
from tracker.errors import ValidationError
from tracker.spreadsheet import read_file

ADMIN_EMAIL = "admin@example.org"  # the conftest's acting administrator


def as_role(role: str | None) -> Actor | None:
    return None if role is None else Actor(email=f"{role}@example.org", role=role, via="app")


# Writes that act on a published snapshot: only their tests publish one first (publishing
# renders the report, too slow to do for every test).
NEEDS_SNAPSHOT = {"snapshots.withdraw"}
# Writes of derived data: their tests first edit the ask outside the tracker, so that
# recomputing its spans changes them.
NEEDS_STALE_SPANS = {"spans.refresh_spans", "spans.rebuild_spans"}


def _atomically(db, write):
    with db.atomic():
        return write()


@pytest.fixture
def seeded(one_ask, tmp_path, request):
    """one_ask plus an outcome status, a second letter, an indicator, two users and a changed
    copy of the status vocabulary: something for every write to act on (and a published
    snapshot for the writes in NEEDS_SNAPSHOT)."""
    db, ask = one_ask
    letter = db.conn.execute("SELECT letter_id FROM letter_asks WHERE ask_id = ?", (ask,))
    records.record_status_update(
        db, ask, "in_progress", effective_date="2024-03-01", note="Bill tabled."
    )
    second_letter = records.add_letter(
        db, title="Follow-up", date_sent="2024-04-01", author_org="Test NGO"
    )
    indicator = records.add_indicator(db, name="Cases opened", direction="higher", ask_ids=[ask])
    users.add_user(db, "boss@example.org", "admin")
    users.add_user(db, "target@example.org", "donor")
    vocabulary_file = tmp_path / "statuses.json"
    data = json.loads(vocabulary.DEFAULT_VOCABULARY.read_text(encoding="utf-8"))
    data["outcome"][0]["label"] = "Not yet assessed"
    vocabulary_file.write_text(json.dumps(data), encoding="utf-8")
    snapshot = None
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("name") in NEEDS_SNAPSHOT:
        snapshot = snapshots.publish(
            db, "2024-06-30", title="Mid-2024", narrative="Where the asks stood."
        )["id"]
    backup = tmp_path / "backup.db"
    if callspec is not None and callspec.params.get("name") == "backups.restore":
        backups.backup(db, backup)
    if callspec is not None and callspec.params.get("name") in NEEDS_STALE_SPANS:
        db.execute("UPDATE asks SET theme = 'Edited in Datasette' WHERE id = ?", (ask,))
        db.conn.commit()
    return SimpleNamespace(
        db=db,
        ask=ask,
        letter=letter.fetchone()[0],
        second_letter=second_letter,
        indicator=indicator,
        vocabulary_file=vocabulary_file,
        snapshot=snapshot,
        backup=backup,
    )


IMPORT_CSV = (
    b"Ask,Target,Theme,Country,Status,Date\n"
    b"Publish the register,Congress,Transparency,Peru,In progress,2024-02-01\n"
)


def _new_letter(title: str, date_sent: str) -> dict:
    return {"title": title, "date_sent": date_sent, "author_org": "Other NGO"}


def _new_ask(title: str, passage: str) -> dict:
    return dict(title=title, target="Senate", theme="Justice", country="Mexico", passage=passage)


# Every write function in tracker/, with the permission it needs and the audit actions an
# allowed call adds (None: a composite write, or one checked separately).
WRITES = {
    "records.add_letter": (
        "record",
        ["letter.add"],
        lambda s: records.add_letter(
            s.db, title="New letter", date_sent="2024-05-01", author_org="Other NGO"
        ),
    ),
    "records.add_ask": (
        "record",
        ["ask.add"],
        lambda s: records.add_ask(
            s.db,
            title="New ask",
            target="Congress",
            theme="Migration",
            country="Mexico",
            letters=[(s.letter, "We also urge.")],
        ),
    ),
    "records.edit_ask": (
        "record",
        ["ask.edit"],
        lambda s: records.edit_ask(s.db, s.ask, owner="A new owner"),
    ),
    "records.edit_letter": (
        "record",
        ["letter.edit"],
        lambda s: records.edit_letter(s.db, s.letter, summary="A corrected summary."),
    ),
    "records.link_ask": (
        "record",
        ["ask.link"],
        lambda s: records.link_ask(s.db, s.second_letter, s.ask, "We repeat our call."),
    ),
    "records.record_status_update": (
        "record",
        ["status.change"],
        lambda s: records.record_status_update(
            s.db, s.ask, "achieved", effective_date="2024-06-01", note="Law passed."
        ),
    ),
    "records.verify_ask": (
        "record",
        ["status.verification"],
        lambda s: records.verify_ask(s.db, s.ask, on="2024-06-01"),
    ),
    "records.verify_asks": (
        "record",
        ["status.verification"],
        lambda s: records.verify_asks(s.db, [s.ask], on="2024-06-01"),
    ),
    "records.add_indicator": (
        "record",
        ["indicator.add"],
        lambda s: records.add_indicator(
            s.db, name="Convictions", direction="higher", ask_ids=[s.ask]
        ),
    ),
    "records.record_observation": (
        "record",
        ["observation.add"],
        lambda s: records.record_observation(s.db, s.indicator, 12, date="2024-06-01"),
    ),
    "intake.add_letter_with_asks": (
        "record",
        ["letter.add", "ask.add", "ask.link"],
        lambda s: intake.add_letter_with_asks(
            s.db,
            _new_letter("Intake letter", "2024-05-02"),
            [_new_ask("Intake ask", "We ask.")],
            [(s.ask, "Again.")],
        ),
    ),
    "intake.accept_draft": (
        "record",
        ["letter.add", "ask.add", "ask.link"],
        lambda s: intake.accept_draft(
            s.db,
            _new_letter("Drafted letter", "2024-05-03"),
            [
                _new_ask("Drafted ask", "We urge the Senate to act."),
                {"same_as": s.ask, "passage": "We repeat our call."},
            ],
        ),
    ),
    "intake.set_private_links": (
        "manage_users",
        ["setting.change"],
        lambda s: intake.set_private_links(s.db, True),
    ),
    "demo.load_demo": ("record", None, lambda s: demo.load_demo(s.db, force=True)),
    "vocabulary.load_vocabulary": (
        "manage_users",
        ["vocabulary.update"],
        lambda s: vocabulary.load_vocabulary(s.db, s.vocabulary_file),
    ),
    "users.add_user": (
        "manage_users",
        ["user.add"],
        lambda s: users.add_user(s.db, "new@example.org", "officer"),
    ),
    "users.set_role": (
        "manage_users",
        ["user.role"],
        lambda s: users.set_role(s.db, "target@example.org", "admin"),
    ),
    "users.remove_user": (
        "manage_users",
        ["user.remove"],
        lambda s: users.remove_user(s.db, "target@example.org"),
    ),
    "users.set_password": (  # someone else's
        "manage_users",
        ["user.password"],
        lambda s: users.set_password(s.db, "target@example.org", "a long new password"),
    ),
    "users.sign_out_everywhere": (
        "manage_users",
        ["user.sign-out-everywhere"],
        lambda s: users.sign_out_everywhere(s.db, "target@example.org"),
    ),
    "spans.refresh_spans": (
        "record",
        None,
        lambda s: _atomically(s.db, lambda: spans.refresh_spans(s.db, [s.ask])),
    ),
    "spans.rebuild_spans": ("manage_users", None, lambda s: spans.rebuild_spans(s.db)),
    "backups.backup": (
        "manage_users",
        ["backup.made"],
        lambda s: backups.backup(s.db, s.backup),
    ),
    "backups.restore": (
        "manage_users",
        None,  # the restored content's log, then its entry
        lambda s: backups.restore(s.db, s.backup),
    ),
    "records.set_earliest_date": (
        "manage_users",
        ["setting.change"],
        lambda s: records.set_earliest_date(s.db, "1950-01-01"),
    ),
    "records.change_setting": (
        "manage_users",
        ["setting.change"],
        lambda s: records.change_setting(s.db, "earliest_date", "1960-01-01"),
    ),
    "snapshots.set_links_without_sign_in": (
        "manage_users",
        ["setting.change"],
        lambda s: snapshots.set_links_without_sign_in(s.db, True),
    ),
    "snapshots.publish": (
        "publish",
        ["snapshot.publish"],
        lambda s: snapshots.publish(
            s.db, "2024-06-30", title="Mid-2024", narrative="Where the asks stood."
        ),
    ),
    "snapshots.withdraw": (
        "publish",
        ["snapshot.withdraw"],
        lambda s: snapshots.withdraw(s.db, s.snapshot, "Figures revised."),
    ),
    "importer.import_file": (
        "record",
        ["import"],
        lambda s: importer.import_file(s.db, IMPORT_CSV, "asks.csv"),
    ),
    "importer.run_import": ("record", ["import"], lambda s: _run_import(s.db)),
}


def _run_import(db):
    book = read_file(IMPORT_CSV, "asks.csv")
    return importer.run_import(db, book, importer.guess_mapping(db, book), IMPORT_CSV)


MAY_NOT = {
    "record": ("leadership", "donor", None),
    "manage_users": ("officer", "leadership", "donor", None),
    # officers and leadership publish (an officer or leadership picks an as-of date...)
    "publish": ("donor", None),
}
# Functions that check a write permission but only read (shown to whoever may write).
READS_BEHIND_A_WRITE_PERMISSION = {
    "users.list_users",
    "snapshots.preview",
    "importer.plan_import",  # the dry run
    "users._self_or_admin",  # the check set_password and sign_out_everywhere share
}
DENIED = [
    pytest.param(name, role, id=f"{name}-{role or 'nobody'}")
    for name, (permission, _, _) in WRITES.items()
    for role in MAY_NOT[permission]
]
SINGLE_WRITES = [name for name, (_, actions, _) in WRITES.items() if actions and len(actions) == 1]


def assert_denied(db, role, permission, call):
    """``call`` raises PermissionDenied naming the role (or nobody) and the action, and writes
    nothing."""
    before = dump(db)
    with acting_as(as_role(role)), pytest.raises(PermissionDenied) as info:
        call()
    message = str(info.value)
    assert ACTION_NAMES[permission] in message
    if role is None:
        assert "nobody is signed in" in message
    else:
        assert f"{role}@example.org is {ROLE_LABELS[role]}" in message
        assert "may not" in message
    assert info.value.field == "permission"
    assert dump(db) == before
    assert not db.conn.in_transaction


# --- refused writes -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "role"), DENIED)
def test_a_write_without_the_permission_is_refused_and_writes_nothing(seeded, name, role):
    permission, _, write = WRITES[name]
    assert_denied(seeded.db, role, permission, lambda: write(seeded))


@pytest.mark.parametrize("name", list(WRITES))
def test_an_administrator_may_make_every_write(seeded, name):
    """The other side of the refusals above: the same calls do write when allowed."""
    before = dump(seeded.db)
    WRITES[name][2](seeded)
    assert dump(seeded.db) != before


@pytest.mark.parametrize("name", [n for n, (p, _, _) in WRITES.items() if p == "record"])
def test_a_program_officer_may_record(seeded, name):
    before = dump(seeded.db)
    with acting_as(as_role("officer")):
        WRITES[name][2](seeded)
    assert dump(seeded.db) != before


@pytest.mark.parametrize("role", ["officer", "leadership"])
@pytest.mark.parametrize("name", [n for n, (p, _, _) in WRITES.items() if p == "publish"])
def test_officers_and_leadership_may_publish_and_withdraw_snapshots(seeded, name, role):
    before = len(audit_rows(seeded.db))
    with acting_as(as_role(role)):
        WRITES[name][2](seeded)
    [entry] = audit_rows(seeded.db)[before:]
    assert (entry["action"], entry["actor"]) == (WRITES[name][1][0], f"{role}@example.org")


def _functions_requiring_a_write_permission() -> set[str]:
    """Every top-level function in tracker/ that calls require() with a write permission."""
    found = set()
    for path in (Path(records.__file__).parent).glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id == "require"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                    and call.args[0].value in MAY_NOT
                ):
                    found.add(f"{path.stem}.{node.name}")
    return found


def test_the_table_of_writes_lists_every_write_function_in_tracker():
    """A new write that checks a permission must be added to WRITES, so the refusal tests
    above cover it."""
    found = _functions_requiring_a_write_permission()
    assert "records.verify_asks" in found and "snapshots.withdraw" in found  # the scan works
    missing = found - READS_BEHIND_A_WRITE_PERMISSION - set(WRITES)
    assert not missing, f"add these writes to WRITES: {sorted(missing)}"


def test_the_refusal_reads_as_one_plain_sentence(seeded):
    with acting_as(Actor("dana@example.org", "donor")), pytest.raises(PermissionDenied) as info:
        records.add_letter(seeded.db, title="X", date_sent="2024-05-01", author_org="Y")
    assert str(info.value) == (
        "dana@example.org is Donor, who may not record updates, observations, letters or asks. "
        "Ask an administrator if you need to."
    )
    with acting_as(None), pytest.raises(PermissionDenied) as info:
        users.add_user(seeded.db, "x@example.org", "admin")
    assert str(info.value) == "nobody is signed in: sign in to manage users."


def assert_denied_as(db, actor, call):
    before = dump(db)
    with acting_as(actor), pytest.raises(PermissionDenied):
        call()
    assert dump(db) == before


def test_a_user_cannot_make_themselves_administrator(seeded):
    target = Actor("target@example.org", "donor")
    assert_denied_as(seeded.db, target, lambda: users.set_role(seeded.db, target.email, "admin"))
    assert users.get_user(seeded.db, target.email)["role"] == "donor"


def test_an_officer_cannot_set_someone_elses_password_but_can_set_their_own(seeded):
    db = seeded.db
    users.add_user(db, "olga@example.org", "officer")
    olga = Actor("olga@example.org", "officer")
    assert_denied_as(db, olga, lambda: users.set_password(db, "boss@example.org", "x" * 12))
    with acting_as(olga):
        users.set_password(db, "olga@example.org", "olga's own password")
    assert users.get_user(db, "olga@example.org")["has_password"] == 1
    assert users.get_user(db, "boss@example.org")["has_password"] == 0


@pytest.mark.parametrize("role", ["officer", "donor", None])
def test_reading_the_audit_log_is_refused_to_officers_donors_and_nobody(seeded, role):
    assert_denied(seeded.db, role, "read_audit", lambda: audit.audit_log(seeded.db))
    assert_denied(seeded.db, role, "read_audit", lambda: audit.audit_actions(seeded.db))


@pytest.mark.parametrize("role", ["admin", "leadership"])
def test_administrators_and_leadership_may_read_the_audit_log(seeded, role):
    with acting_as(as_role(role)):
        log = audit.audit_log(seeded.db)
        actions = audit.audit_actions(seeded.db)
    assert len(log) == len(audit_rows(seeded.db)) > 0
    assert "status.change" in actions


@pytest.mark.parametrize("role", ["officer", "leadership", "donor", None])
def test_listing_users_is_for_administrators_only(seeded, role):
    assert_denied(seeded.db, role, "manage_users", lambda: users.list_users(seeded.db))


def test_require_and_can_follow_the_acting_user():
    assert current_actor().role == "admin"
    with acting_as(as_role("leadership")) as lead:
        assert current_actor() is lead
        assert can("read_audit") and can("publish")
        assert not can("record") and not can("manage_users")
        assert require("read_internal") is lead
        with acting_as(None):
            assert not can("read_internal")
            with pytest.raises(PermissionDenied):
                require("publish")
        assert current_actor() is lead  # restored after the inner block
    assert current_actor().role == "admin"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", {"record", "read_internal", "read_audit", "manage_users", "publish", "export"}),
        ("officer", {"record", "read_internal", "publish"}),
        ("leadership", {"read_internal", "read_audit", "publish", "export"}),
        ("donor", set()),
    ],
)
def test_each_role_has_exactly_its_permissions(role, allowed):
    actor = as_role(role)
    assert {p for p in ACTION_NAMES if actor.can(p)} == allowed


# --- an officer's update ----------------------------------------------------------------------


def test_an_officers_status_update_is_audited_under_their_name(one_ask):
    db, ask = one_ask
    olga = Actor(email="olga@example.org", role="officer", name="Olga", via="app")
    with acting_as(olga):
        row = records.record_status_update(
            db, ask, "in_progress", effective_date="2024-03-01", note="Bill tabled."
        )
    assert row["recorded_by"] == "olga@example.org"
    stored = db.conn.execute(
        "SELECT recorded_by FROM status_updates WHERE id = ?", (row["id"],)
    ).fetchone()[0]
    assert stored == "olga@example.org"
    entry = audit.audit_log(db).iloc[0]  # newest first, read as the conftest's admin
    assert entry["actor"] == "olga@example.org"
    assert entry["role"] == "officer"
    assert entry["via"] == "app"
    assert entry["action"] == "status.change"
    assert entry["entity"] == "ask"
    assert entry["entity_id"] == str(ask)
    assert json.loads(entry["details"]) == {
        "update_id": row["id"],
        "track": "outcome",
        "status": "in_progress",
        "date": "2024-03-01",
        "supersedes": None,
    }


def test_naming_someone_else_as_recorder_does_not_change_who_is_audited(one_ask):
    db, ask = one_ask
    with acting_as(Actor("olga@example.org", "officer")):
        row = records.record_status_update(
            db,
            ask,
            "in_progress",
            effective_date="2024-03-01",
            note="Told by Ana.",
            recorded_by="Ana",
        )
    assert row["recorded_by"] == "Ana"
    assert audit_rows(db)[-1]["actor"] == "olga@example.org"


# --- one audit entry per write, in the same transaction ------------------------------------------


@pytest.mark.parametrize("name", SINGLE_WRITES)
def test_every_write_adds_exactly_one_audit_entry(seeded, name):
    _, [action], write = WRITES[name]
    before = audit_rows(seeded.db)
    write(seeded)
    added = audit_rows(seeded.db)[len(before) :]
    assert [e["action"] for e in added] == [action]
    assert (added[0]["actor"], added[0]["role"], added[0]["via"]) == (ADMIN_EMAIL, "admin", "test")


def test_intake_adds_one_audit_entry_per_letter_ask_and_link(seeded):
    _, actions, write = WRITES["intake.add_letter_with_asks"]
    before = len(audit_rows(seeded.db))
    letter_id, [ask_id] = write(seeded)
    added = audit_rows(seeded.db)[before:]
    assert [(e["action"], e["entity_id"]) for e in added] == [
        ("letter.add", str(letter_id)),
        ("ask.add", str(ask_id)),
        ("ask.link", str(seeded.ask)),
    ]
    assert [e["action"] for e in added] == actions


def test_loading_the_demo_audits_every_record_it_writes(fresh_db):
    counts = demo.load_demo(fresh_db)
    actions = [e["action"] for e in audit_rows(fresh_db)]
    assert actions.count("letter.add") == counts["letters"]
    assert actions.count("ask.add") == counts["asks"]
    assert actions.count("indicator.add") == counts["indicators"]
    assert actions.count("observation.add") == counts["observations"]
    statuses = [a for a in actions if a.startswith("status.")]
    assert len(statuses) == counts["status updates"]


def test_changing_the_status_vocabulary_is_audited_and_reloading_it_is_not(seeded):
    db = seeded.db
    before = len(audit_rows(db))
    vocabulary.load_vocabulary(db, seeded.vocabulary_file)
    assert db.conn.execute(
        "SELECT label FROM statuses WHERE track = 'outcome' AND code = 'not_assessed'"
    ).fetchone() == ("Not yet assessed",)
    [entry] = audit_rows(db)[before:]
    assert (entry["action"], entry["actor"]) == ("vocabulary.update", ADMIN_EMAIL)
    assert "outcome:not_assessed" in entry["details"]
    unchanged = dump(db)
    vocabulary.load_vocabulary(db, seeded.vocabulary_file)  # nothing changed: nothing written
    assert dump(db) == unchanged


@pytest.mark.parametrize("name", SINGLE_WRITES)
def test_a_write_whose_audit_entry_fails_writes_nothing(seeded, name):
    """The data and its audit entry commit together or not at all."""
    db = seeded.db
    db.conn.execute(
        "CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON main.audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit refused for the test'); END"
    )
    before = dump(db)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="audit refused"):
            WRITES[name][2](seeded)
        assert dump(db) == before
        assert not db.conn.in_transaction
    finally:
        db.conn.execute("DROP TRIGGER temp.refuse_audit")


def test_a_refused_write_adds_no_audit_entry(seeded):
    db = seeded.db
    before = audit_rows(db)
    with pytest.raises(ValidationError):
        records.record_status_update(db, seeded.ask, "bogus", effective_date="2024-06-01", note="x")
    with pytest.raises(ValidationError):
        users.add_user(db, "boss@example.org", "admin")  # already exists
    with pytest.raises(ValidationError):
        intake.add_letter_with_asks(
            db,
            {"title": "Letter", "date_sent": "2024-05-02", "author_org": "NGO"},
            [{"title": "", "target": "T", "theme": "X", "country": "Mexico"}],
        )
    assert audit_rows(db) == before


# --- reading the log --------------------------------------------------------------------------


@pytest.fixture
def timeline(db_path, monkeypatch):
    """Six audited writes by three people at known times, 29 February to 4 March 2024."""
    times = iter(
        [
            "2024-02-29T12:00:00.000000Z",
            "2024-03-01T10:00:00.000000Z",
            "2024-03-02T23:59:59.999999Z",
            "2024-03-03T00:00:00.000000Z",
            "2024-03-04T08:00:00.000000Z",
            "2024-03-04T09:00:00.000000Z",
        ]
    )
    monkeypatch.setattr(audit, "now_timestamp", lambda: next(times))
    db = open_db(db_path, create=True)
    vocabulary.load_vocabulary(db)
    letter = records.add_letter(db, title="L", date_sent="2024-01-15", author_org="NGO")
    with acting_as(Actor("olga@example.org", "officer")):
        ask = records.add_ask(
            db, title="A", target="T", theme="X", country="Mexico", letters=[(letter, "")]
        )
        records.record_status_update(
            db, ask, "in_progress", effective_date="2024-02-01", note="Moved."
        )
    with acting_as(Actor("first_last@example.org", "officer")):
        records.verify_ask(db, ask, on="2024-02-15")
    users.add_user(db, "firstxlast@example.org", "officer")
    yield db
    db.close()


def log_of(db, **filters) -> list[tuple[str, str]]:
    log = audit.audit_log(db, **filters)
    return list(zip(log["actor"], log["action"], strict=True))


def test_the_log_lists_newest_first(timeline):
    log = audit.audit_log(timeline)
    assert list(log["id"]) == sorted(log["id"], reverse=True)
    assert list(log["at"]) == sorted(log["at"], reverse=True)
    assert list(log["action"]) == [
        "user.add",
        "status.verification",
        "status.change",
        "ask.add",
        "letter.add",
        "vocabulary.update",
    ]


def test_the_log_filters_by_a_part_of_the_actors_email(timeline):
    assert log_of(timeline, actor="olga") == [
        ("olga@example.org", "status.change"),
        ("olga@example.org", "ask.add"),
    ]
    assert [a for a, _ in log_of(timeline, actor="OLGA@EXAMPLE")] == ["olga@example.org"] * 2
    assert {a for a, _ in log_of(timeline, actor="example.org")} == {
        ADMIN_EMAIL,
        "olga@example.org",
        "first_last@example.org",
    }
    assert log_of(timeline, actor="nobody") == []


def test_the_actor_filter_takes_wildcard_characters_literally(timeline):
    assert log_of(timeline, actor="first_last") == [
        ("first_last@example.org", "status.verification")
    ]
    assert log_of(timeline, actor="%") == []
    assert log_of(timeline, actor="\\") == []
    assert log_of(timeline, action="%") == []
    assert log_of(timeline, actor="_") == [("first_last@example.org", "status.verification")]


def test_the_log_filters_by_the_start_of_the_action(timeline):
    assert [a for _, a in log_of(timeline, action="status.")] == [
        "status.verification",
        "status.change",
    ]
    assert [a for _, a in log_of(timeline, action="status.change")] == ["status.change"]
    assert log_of(timeline, action="change") == []  # a prefix, not anywhere in the name
    assert [a for _, a in log_of(timeline, action="user")] == ["user.add"]


def test_the_log_filters_by_a_date_range_including_the_whole_end_day(timeline):
    assert [a for _, a in log_of(timeline, start="2024-03-02", end="2024-03-03")] == [
        "status.change",
        "ask.add",
    ]
    assert [a for _, a in log_of(timeline, start=dt.date(2024, 3, 4))] == [
        "user.add",
        "status.verification",
    ]
    assert [a for _, a in log_of(timeline, start="2024-03-01", end="2024-03-01")] == ["letter.add"]
    assert [a for _, a in log_of(timeline, end=dt.date(2024, 2, 29))] == ["vocabulary.update"]
    assert log_of(timeline, start="2024-03-05") == []


def test_the_log_filters_combine_and_limit(timeline):
    assert log_of(timeline, actor="olga", action="status", start="2024-03-03") == [
        ("olga@example.org", "status.change")
    ]
    assert log_of(timeline, actor="olga", end="2024-03-02") == [("olga@example.org", "ask.add")]
    assert [a for _, a in log_of(timeline, limit=2)] == ["user.add", "status.verification"]


# --- append-only --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE audit_log SET actor = 'someone-else@example.org'", "audit log is append-only"),
        ("DELETE FROM audit_log", "audit log is append-only"),
        ("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)", "append-only"),
        ("UPDATE status_updates SET status = 'achieved'", "status history is append-only"),
        ("DELETE FROM status_updates", "status history is append-only"),
    ],
)
def test_the_audit_log_and_status_history_refuse_changes(seeded, statement, message):
    db = seeded.db
    before = dump(db)
    with pytest.raises(sqlite3.IntegrityError, match=message):
        db.execute(statement)
    assert dump(db) == before
    assert db["audit_log"].count > 0 and db["status_updates"].count > 0


def test_the_audit_log_cannot_be_rewritten_even_inside_a_transaction(seeded):
    db = seeded.db
    before = dump(db)
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        db.execute("DELETE FROM audit_log")
    assert dump(db) == before


def test_audit_entries_of_a_removed_user_stay(seeded):
    db = seeded.db
    users.remove_user(db, "target@example.org")
    assert {e["action"] for e in audit_rows(db) if e["entity_id"] == "target@example.org"} == {
        "user.add",
        "user.remove",
    }


def test_audit_timestamps_are_utc_and_follow_the_order_of_entries(seeded):
    stamps = [e["at"] for e in audit_rows(seeded.db)]
    assert len(stamps) >= 5
    assert stamps == sorted(stamps)
    assert all(stamp.endswith("Z") for stamp in stamps)


# --- the audit log takes entries only from writes that were allowed (issue 11) -----------------


@pytest.mark.parametrize("role", ["donor", "leadership", None])
def test_a_crafted_audit_entry_is_refused(fresh_db, role):
    """Regression: audit.log wrote whatever any caller asked, so a donor could forge entries."""
    db = fresh_db
    before = dump(db)
    with acting_as(as_role(role)), pytest.raises(PermissionDenied), db.atomic():
        audit.log(db, "status.change", "ask", 1, {"forged": True})
    with acting_as(as_role(role)), pytest.raises(PermissionDenied), db.atomic():
        audit.log(db, "user.add", "user", "x@example.org", actor_email="boss@example.org")
    assert dump(db) == before


def test_an_audit_entry_outside_a_write_transaction_is_refused(fresh_db):
    before = dump(fresh_db)
    with pytest.raises(Exception, match="outside its write's transaction"):
        audit.log(fresh_db, "letter.add", "letter", 1)
    assert dump(fresh_db) == before


def test_donors_may_sign_out_their_own_sessions_only(seeded):
    db = seeded.db
    with acting_as(Actor(email="target@example.org", role="donor")):
        assert users.sign_out_everywhere(db, "target@example.org") == 0
    assert audit_rows(db)[-1]["action"] == "user.sign-out-everywhere"
