"""Every write: letters, asks, status updates, indicators, observations. The CLI and the app
both call these; each validates first (every problem of one call at once, as FormErrors) and
writes in one transaction, so a rejected input leaves the database exactly as it was.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

from sqlite_utils import Database

from tracker import audit, limits
from tracker.auth import require
from tracker.dates import EARLIEST_SETTING, check_date, check_earliest, now_timestamp, today
from tracker.errors import (
    Checks,
    FormErrors,
    NotFound,
    StaleForm,
    ValidationError,
    not_a_web_address,
)
from tracker.history import current_status_of, get_ask
from tracker.indicators import check_value, date_taken, observation_on
from tracker.latest import entry_id, latest_observation, latest_status_entry
from tracker.limits import check_length
from tracker.spans import refresh_spans
from tracker.vocabulary import check_status, check_track

PRIORITIES = ("high", "medium", "low")
VISIBILITIES = ("internal", "public")
DIRECTIONS = ("higher", "lower")


def _optional(value: str | None) -> str | None:
    return (value or "").strip() or None


def _text(value: str | None, limit: int, label: str, *, required: bool = False) -> str:
    """A text field stripped and within its limit ("" when empty and optional)."""
    text = check_length(value, limit, label)
    if required and not text:
        raise ValidationError(f"{label} is required.", label)
    return text


def _name(value: str | None, label: str, *, required: bool = False) -> str | None:
    """A name (organization, recipient, target...): None when optional and empty."""
    return _text(value, limits.NAME, label, required=required) or None


def check_url(value: str | None, field: str = "evidence URL") -> str | None:
    """None when empty, else an http(s) URL; anything else (javascript:, typos) is refused."""
    text = _optional(value)
    if text is None:
        return None
    if len(text) > limits.URL:
        raise ValidationError(
            f"{field} is {len(text):,} characters long; a web address may have up to "
            f"{limits.URL:,}.",
            field,
        )
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in text:
        raise ValidationError(not_a_web_address(text, field), field)
    return text


def _choice(value: str, allowed: Sequence[str], field: str) -> str:
    if value not in allowed:
        raise ValidationError(f"{field} '{value}' is not allowed: use {', '.join(allowed)}.", field)
    return value


def check_id(value: object, what: str) -> int:
    """An id as typed (a form's field, a command's argument), as a number."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"{what} id '{value}' is not a number.", what) from None


def _row(db: Database, table: str, row_id: object, what: str, column: str = "id") -> tuple:
    """The row's id (checked) and ``column``; NotFound, naming the command that lists them."""
    row_id = check_id(row_id, what)
    row = db.conn.execute(f"SELECT id, {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise NotFound(f"no {what} with id {row_id}: 'tracker {table}' lists them.", what)
    return row


def letter_row(
    db: Database,
    *,
    title: str,
    date_sent: str,
    author_org: str,
    cosigners: Iterable[str] = (),
    recipient_person: str | None = None,
    recipient_office: str | None = None,
    url: str | None = None,
    full_text: str = "",
    summary: str = "",
) -> dict:
    """A letter's fields checked (all problems at once), as the row to store."""
    checks = Checks()
    names = [c.strip() for c in cosigners if c and c.strip()]
    if len(names) > limits.COSIGNERS:
        checks.add(
            "cosigners",
            f"a letter may list up to {limits.COSIGNERS} co-signers; this one has {len(names)}.",
        )
    for name in names:
        if checks("cosigners", _name, name, "a co-signer's name") is None:
            break
    row = {
        "title": checks("title", _text, title, limits.TITLE, "title", required=True),
        "date_sent": checks("date_sent", check_date, db, date_sent, "date sent"),
        "author_org": checks(
            "author_org", _name, author_org, "authoring organization", required=True
        ),
        "cosigners": json.dumps(names),
        "recipient_person": checks("recipient_person", _name, recipient_person, "recipient"),
        "recipient_office": checks("recipient_office", _name, recipient_office, "recipient office"),
        "url": checks("url", check_url, url, "letter URL"),
        "full_text": checks("full_text", _text, full_text, limits.LETTER_TEXT, "full text"),
        "summary": checks("summary", _text, summary, limits.SUMMARY, "summary"),
    }
    checks.done()
    return row


# letter_row's (and add_letter's) fields, from its signature: one list to keep
LETTER_FIELDS = tuple(inspect.signature(letter_row).parameters)[1:]


def add_letter(db: Database, *, by: str | None = None, **fields) -> int:
    """Store a letter and return its id (fields as ``letter_row``)."""
    actor = require("record")
    row = letter_row(db, **fields)
    row |= {"created_at": now_timestamp(), "created_by": _optional(by) or actor.email}
    with db.atomic():
        letter_id = db["letters"].insert(row).last_pk
        audit.log(db, "letter.add", "letter", letter_id, {"title": row["title"]})
    return letter_id


def ask_row(
    db: Database,
    *,
    title: str,
    target: str,
    theme: str,
    country: str,
    wording: str = "",
    owner: str | None = None,
    priority: str = "medium",
    added_on: str | None = None,
) -> dict:
    """An ask's own fields checked (all problems at once); ``added_on`` None when not given."""
    checks = Checks()
    row = {
        "title": checks("title", _text, title, limits.TITLE, "title", required=True),
        "wording": checks("wording", _text, wording, limits.WORDING, "wording"),
        "target": checks("target", _name, target, "target", required=True),
        "theme": checks("theme", _name, theme, "theme", required=True),
        "country": checks("country", _name, country, "country", required=True),
        "owner": checks("owner", _name, owner, "owner"),
        "priority": checks("priority", _choice, priority, PRIORITIES, "priority"),
        "added_on": checks("added_on", check_date, db, added_on, "added on") if added_on else None,
    }
    checks.done()
    return row


def add_ask(
    db: Database,
    *,
    letters: Iterable[tuple[int, str]] = (),
    by: str | None = None,
    **fields,
) -> int:
    """Store an ask (fields as ``ask_row``), linked to the letters that make it as
    ``(letter_id, passage)`` pairs; ``added_on`` defaults to the earliest letter's date, else today.
    """
    actor = require("record")
    row = ask_row(db, **fields)
    passages: dict[int, str] = {}
    for lid, p in letters:
        # A letter named twice is linked once (first passage), not a constraint error.
        passages.setdefault(
            _row(db, "letters", lid, "letter")[0], check_length(p, limits.PASSAGE, "passage")
        )
    if row["added_on"] is None:
        sql = f"SELECT MIN(date_sent) FROM letters WHERE id IN ({', '.join('?' * len(passages))})"
        row["added_on"] = db.conn.execute(sql, list(passages)).fetchone()[0] or today().isoformat()
    row |= {"created_at": now_timestamp(), "created_by": _optional(by) or actor.email}
    with db.atomic():
        ask_id = db["asks"].insert(row).last_pk
        refresh_spans(db, [ask_id])
        audit.log(db, "ask.add", "ask", ask_id, {"title": row["title"]})
        for letter_id, passage in passages.items():
            db["letter_asks"].insert({"letter_id": letter_id, "ask_id": ask_id, "passage": passage})
    return ask_id


def link_ask(
    db: Database, letter_id: int, ask_id: int | None, passage: str = "", *, replace: bool = True
) -> None:
    """Record that a letter (re)makes an existing ask, with the passage that makes it; a link
    already there gets this passage, unless ``replace`` is false (a form that only adds links:
    a colleague's link made since it opened is refused, decided under the write lock, not
    overwritten). No ask picked yet (a form's empty picker) is refused here, like every other
    bad input."""
    require("record")
    if ask_id is None:
        raise ValidationError("Pick the ask this letter makes.", "ask")
    letter_id = _row(db, "letters", letter_id, "letter")[0]
    ask_id = get_ask(db, ask_id)["id"]
    passage = check_length(passage, limits.PASSAGE, "passage")
    with db.atomic():
        there = db.conn.execute(
            "SELECT passage FROM letter_asks WHERE letter_id = ? AND ask_id = ?",
            (letter_id, ask_id),
        ).fetchone()
        if there is not None and not replace:
            quoted = (
                f", with the passage \u201c{there[0]}\u201d" if (there[0] or "").strip() else ""
            )
            raise ValidationError(
                f"ask #{ask_id} is already linked to this letter{quoted} (someone linked it "
                "since this page was opened): nothing was changed.",
                "ask",
            )
        db["letter_asks"].upsert(
            {"letter_id": letter_id, "ask_id": ask_id, "passage": passage},
            pk=("letter_id", "ask_id"),
        )
        audit.log(db, "ask.link", "ask", ask_id, {"letter_id": letter_id})


def record_status_update(
    db: Database,
    ask_id: int,
    status: str,
    *,
    effective_date: str,
    note: str = "",
    track: str = "outcome",
    evidence_url: str | None = None,
    visibility: str = "internal",
    recorded_by: str | None = None,
    supersedes_id: int | None = None,
    expect_latest: int | None = None,
) -> dict:
    """Append a status update and return it (the same status again: a verification; naming
    ``supersedes_id``: a correction). If an entry landed since the one the form showed
    (``expect_latest``, ``latest.NO_ENTRY`` for none), StaleForm, decided under the write lock:
    two officers cannot silently reverse each other."""
    actor = require("record")
    ask = get_ask(db, ask_id)
    checks = Checks()
    track = checks("track", check_track, track)
    if not status:
        checks.add("status", "status is required: pick the ask's new status.")
    elif track:
        status = checks("status", check_status, db, track, status)
    when = checks("effective_date", check_date, db, effective_date, "effective date")
    visibility = checks("visibility", _choice, visibility, VISIBILITIES, "visibility")
    evidence = checks("evidence_url", check_url, evidence_url)
    note_text = checks("note", _text, note, limits.NOTE, "note")
    if note_text == "":  # said at once, not after the lock (None: the note was refused)
        if supersedes_id is not None:
            checks.add("note", "a correction needs a note saying what was wrong.")
        elif status and track and when and current_status_of(db, ask["id"], track, when) != status:
            checks.add("note", "note is required: say what happened and why.")
    checks.done()
    # under the write lock, a colleague's write cannot change midway whether this is a change, a
    # verification or a valid correction, or whether the form is stale
    with db.atomic():
        if expect_latest is not None:
            _refuse_if_stale(
                latest_status_entry(db, ask["id"], track), expect_latest, f"ask {ask['id']}"
            )
        row = {
            "ask_id": ask["id"],
            "track": track,
            "status": status,
            "effective_date": when,
            "recorded_at": now_timestamp(),
            "note": note_text or "Checked: no change.",
            "evidence_url": evidence,
            "visibility": visibility,
            "recorded_by": _optional(recorded_by) or actor.email,
            "supersedes_id": supersedes_id,
        }
        kind = row["kind"] = _entry_kind(db, row, note_text)
        row["id"] = db["status_updates"].insert(row).last_pk
        refresh_spans(db, [ask["id"]])
        details = {"update_id": row["id"], "track": track, "status": status, "date": when}
        audit.log(db, f"status.{kind}", "ask", ask["id"], details | {"supersedes": supersedes_id})
    return row


# how a refusal of a stale write starts: the app's words, which the CLI says its own way
SINCE_OPENED = "since this form was opened"
RECORD_ANYWAY = "then record yours anyway if it still holds"
RELOAD = "reload the page and check"


def _refuse_if_stale(latest: dict | None, expected: object, what: str) -> None:
    """StaleForm, saying who recorded what and when, if the form showed another latest entry."""
    expected_id = check_id(expected, "expected latest entry")
    if entry_id(latest) == expected_id:
        return
    if latest is None:  # the entry the form showed is gone: only a hand edit does that
        raise StaleForm(
            f"{what} has changed {SINCE_OPENED}: its entries are not the ones "
            f"shown. Nothing was saved: {RELOAD}.",
            {},
        )
    who = latest["recorded_by_name"] or "someone"
    if latest["recorded_by_name"] != latest["recorded_by"] and latest["recorded_by"]:
        who += f" ({latest['recorded_by']})"
    when = str(latest["recorded_at"]).replace("T", " ")[:16] + " UTC"
    if "status" in latest:
        what_they = f"recorded {latest['status_label']} (effective {latest['effective_date']})"
    else:
        what_they = f"recorded the value {latest['value']:g} for {latest['date']}"
    note = (latest.get("note") or "").strip()
    if len(note) > 200:
        note = note[:200].rstrip() + "…"
    raise StaleForm(
        f"{SINCE_OPENED}, {who} {what_they} at {when}"
        + (f": \u201c{note}\u201d" if note else "")
        + f" (entry #{latest['id']}). Nothing was saved: check theirs, {RECORD_ANYWAY}.",
        latest,
    )


def _entry_kind(db: Database, row: dict, note: str) -> str:
    """The new ``row``'s kind: ``correction`` (of an uncorrected entry of the same ask and
    track), ``verification`` (the status in force on its date), else ``change``, with a note."""
    ask_id, track, supersedes_id = row["ask_id"], row["track"], row["supersedes_id"]
    if supersedes_id is not None:
        sql = "SELECT ask_id, track FROM status_updates WHERE id = ?"
        old = db.conn.execute(sql, (check_id(supersedes_id, "status update"),)).fetchone()
        if old is None:
            raise NotFound(f"no status update with id {supersedes_id} to correct.", "supersedes")
        if (old[0], old[1]) != (ask_id, track):
            raise ValidationError(
                f"status update {supersedes_id} belongs to another ask or track: "
                "a correction must name an entry of the same ask and track.",
                "supersedes",
            )
        if db["status_updates"].count_where("supersedes_id = ?", [supersedes_id]):
            raise ValidationError(
                f"status update {supersedes_id} has already been corrected: "
                "correct the latest correction instead.",
                "supersedes",
            )
        return "correction"
    if current_status_of(db, ask_id, track, row["effective_date"]) == row["status"]:
        return "verification"
    if not note:
        raise ValidationError("note is required: say what happened and why.", "note")
    return "change"


def verify_ask(
    db: Database,
    ask_id: int,
    *,
    track: str = "outcome",
    on: str | None = None,
    note: str = "Checked: no change.",
    recorded_by: str | None = None,
) -> dict:
    """One-click review: record that the ask was checked and its status has not changed."""
    require("record")
    track = check_track(track)
    when = check_date(db, on or today().isoformat(), "effective date")
    ask = get_ask(db, ask_id)["id"]
    if current_status_of(db, ask, track, when) is None:  # said at once, before the lock
        raise ValidationError(
            f"ask {ask_id} has no {track} status yet: record one before verifying it.", "status"
        )
    with db.atomic():  # the status verified is the one in force under the write lock
        status = current_status_of(db, ask, track, when)
        return record_status_update(
            db, ask, status, effective_date=when, note=note, track=track, recorded_by=recorded_by
        )


def verify_asks(
    db: Database, ask_ids: Iterable[int], *, track: str = "outcome", on: str | None = None
) -> list[dict]:
    """A quarterly review in one go: verify several asks in one transaction (all or none)."""
    require("record")
    with db.atomic():
        return [verify_ask(db, ask_id, track=track, on=on) for ask_id in ask_ids]


def add_indicator(
    db: Database,
    *,
    name: str,
    direction: str,
    unit: str = "",
    description: str = "",
    baseline_value: float | None = None,
    baseline_date: str | None = None,
    target_value: float | None = None,
    target_date: str | None = None,
    source: str | None = None,
    ask_ids: Iterable[int] = (),
) -> int:
    """Store an indicator linked to asks; a baseline and target must fit the unit."""
    require("record")
    checks = Checks()
    unit_text = checks("unit", _text, unit, limits.NAME, "unit") or ""
    has_baseline = baseline_value not in (None, "")
    has_target = target_value not in (None, "")
    row = {
        "name": checks("name", _text, name, limits.NAME, "name", required=True),
        "unit": unit_text,
        "description": checks("description", _text, description, limits.DESCRIPTION, "description"),
        "direction": checks("direction", _choice, direction, DIRECTIONS, "direction"),
    }
    for end, value, given, date, future in (
        ("baseline", baseline_value, has_baseline, baseline_date, False),
        ("target", target_value, has_target, target_date, True),  # a target may lie ahead
    ):
        value_field, date_field = f"{end}_value", f"{end}_date"
        row[value_field] = (
            checks(value_field, check_value, value, unit_text, end) if given else None
        )
        row[date_field] = (
            checks(date_field, check_date, db, date, f"{end} date", future=future) if date else None
        )
    row |= {"source": checks("source", check_url, source, "source"), "created_at": now_timestamp()}
    if has_baseline != bool(baseline_date):
        checks.add(
            "baseline_date" if has_baseline else "baseline_value",
            "a baseline needs both a value and a date.",
        )
    if has_target and not target_date:
        checks.add("target_date", "a target needs a date by which to reach it.")
    checks.done()
    asks = list(dict.fromkeys(get_ask(db, a)["id"] for a in ask_ids))
    with db.atomic():
        indicator_id = db["indicators"].insert(row).last_pk
        audit.log(db, "indicator.add", "indicator", indicator_id, {"name": row["name"]})
        for ask in asks:
            db["indicator_asks"].insert({"indicator_id": indicator_id, "ask_id": ask})
    return indicator_id


def record_observation(
    db: Database,
    indicator_id: int,
    value: object,
    *,
    date: str,
    source_url: str | None = None,
    note: str = "",
    recorded_by: str | None = None,
    expect_latest: int | None = None,
    corrects: int | None = None,
) -> int:
    """Record one dated, sourced value that fits the indicator's unit. An indicator holds one
    value per date: a second is refused naming the first, unless it ``corrects`` that one (its
    id), which it then replaces; the audit log keeps what it replaced."""
    actor = require("record")
    indicator_id, unit = _row(db, "indicators", indicator_id, "indicator", "unit")
    checks = Checks()
    row = {
        "indicator_id": indicator_id,
        "value": checks("value", check_value, value, unit, "value"),
        "date": checks("date", check_date, db, date, "date"),
        "source_url": checks("source_url", check_url, source_url, "source URL"),
        "note": checks("note", _text, note, limits.NOTE, "note"),
        "recorded_by": _optional(recorded_by) or actor.email,
        "recorded_at": now_timestamp(),
    }
    corrected_id = checks("corrects", check_id, corrects, "observation") if corrects else None
    checks.done()
    with db.atomic():  # BEGIN IMMEDIATE: the date's value cannot change between check and write
        if expect_latest is not None:
            _refuse_if_stale(
                latest_observation(db, indicator_id), expect_latest, f"indicator {indicator_id}"
            )
        there = observation_on(db, indicator_id, row["date"])
        if corrected_id is not None:
            return _correct_observation(db, corrected_id, row)
        if there is not None:
            raise FormErrors({"date": date_taken(there)})
        obs_id = db["observations"].insert(row).last_pk
        details = {"observation_id": obs_id, "date": row["date"], "value": row["value"]}
        audit.log(db, "observation.add", "indicator", indicator_id, details)
    return obs_id


def _correct_observation(db: Database, corrected_id: int, row: dict) -> int:
    """Replace observation ``corrected_id`` (same indicator, same date) with ``row``, in the
    caller's transaction; the audit entry keeps the value it replaced. The new row's id."""
    old = next(db.query("SELECT * FROM observations WHERE id = ?", [corrected_id]), None)
    problem = None
    if old is None:
        problem = f"there is no observation #{corrected_id} to correct."
    elif old["indicator_id"] != row["indicator_id"]:
        problem = f"observation #{corrected_id} is a value of another indicator."
    elif old["date"] != row["date"]:
        problem = (
            f"observation #{corrected_id} is the value for {old['date']}, not {row['date']}: "
            "a correction keeps the date of the value it corrects."
        )
    if problem:
        raise FormErrors({"corrects": problem})
    # replaced by a new row, not edited in place: the correction becomes the indicator's latest
    # entry, so a colleague's form opened before it is stopped by the two-people guard
    (last_id,) = db.execute("SELECT MAX(id) FROM observations").fetchone()
    db["observations"].delete(corrected_id)  # first: the date takes one value at a time
    obs_id = db["observations"].insert({"id": last_id + 1, **row}).last_pk  # never reused
    kept = ("value", "source_url", "note", "recorded_by", "recorded_at")
    details = {
        "observation_id": obs_id,
        "corrects": corrected_id,
        "date": row["date"],
        "value": row["value"],
        "before": {key: old[key] for key in kept},
    }
    audit.log(db, "observation.correct", "indicator", row["indicator_id"], details)
    return obs_id


def set_earliest_date(db: Database, value: str) -> str:
    """Move the earliest date that may be recorded, for older background (administrators)."""
    require("manage_users")
    earliest = check_earliest(value)
    change_setting(db, EARLIEST_SETTING, earliest)
    return earliest


def change_setting(db: Database, key: str, value: str | bool) -> None:
    """Set an administrators' setting (a yes/no one stored as "true" or "false"); audited."""
    require("manage_users")
    stored = ("true" if value else "false") if isinstance(value, bool) else value
    with db.atomic():
        db["settings"].upsert({"key": key, "value": stored}, pk="key")
        audit.log(db, "setting.change", "setting", key, {"setting": key, "value": value})


# --- corrections of an ask's or a letter's details ---------------------------------------------

# what can be corrected once stored (an ask's history is corrected by new entries instead; an
# ask's "made since" date follows its letters' dates, see edit_letter)
ASK_DETAILS = ("title", "wording", "target", "theme", "country", "owner", "priority")
LETTER_DETAILS = (
    "title",
    "date_sent",
    "author_org",
    "cosigners",
    "recipient_person",
    "recipient_office",
    "url",
    "summary",
)


def detail_value(field: str, value: object) -> object:
    """A detail as compared and logged: empty is None, co-signers a list (stored as JSON)."""
    if field == "cosigners":
        names = list(value or ())
        if isinstance(value, str):  # as stored (JSON), else one name a line
            try:
                names = json.loads(value)
            except ValueError:
                names = value.splitlines()
        return [str(name).strip() for name in names if name and str(name).strip()]
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return None
    return value if not isinstance(value, str) else (value.strip() or None)


def _checked_details(db: Database, check_row, stand_ins: dict, allowed: tuple, changes: dict):
    """The changed details checked by the row's own checks (every problem at once, keyed by
    field). Its checks are field by field, so the fields not changed are stood in for by
    valid values: a stored value that today's rules would refuse does not block a correction
    of another field."""
    unknown = [field for field in changes if field not in allowed]
    if unknown:
        raise FormErrors(
            {f: f"{f} cannot be corrected here (these can: {', '.join(allowed)})." for f in unknown}
        )
    row = check_row(db, **(stand_ins | changes))
    return {field: row[field] for field in changes}


def _details(db: Database, table: str, row_id: int, fields: tuple) -> dict:
    cursor = db.conn.execute(f"SELECT {', '.join(fields)} FROM {table} WHERE id = ?", (row_id,))
    return {f: detail_value(f, v) for f, v in zip(fields, cursor.fetchone(), strict=True)}


def _last_edit(db: Database, entity: str, entity_id: int) -> dict | None:
    """The latest correction of a record's details (its audit entry), and who made it."""
    rows = db.query(
        """SELECT l.at, l.actor, COALESCE(NULLIF(u.name, ''), l.actor) AS name, l.details
           FROM audit_log l LEFT JOIN users u ON u.email = l.actor
           WHERE l.entity = ? AND l.entity_id = ? AND l.action = ?
           ORDER BY l.id DESC LIMIT 1""",
        (entity, str(entity_id), f"{entity}.edit"),
    )
    return next(rows, None)


def _refuse_if_edited(db, entity: str, row_id: int, stored: dict, expected: dict | None) -> None:
    """StaleForm, saying who changed what and when, if a detail the form showed (``expected``,
    the values it was opened with) is no longer the one stored."""
    if expected is None:
        return
    moved = [f for f in stored if f in expected and detail_value(f, expected[f]) != stored[f]]
    if not moved:
        return
    what = f"{entity} {row_id}"
    now = "; ".join(
        f"{audit.FIELD_LABELS.get(f, f).lower()} is now {audit.value_in_words(stored[f], f)}"
        for f in moved
    )
    edit = _last_edit(db, entity, row_id)
    if edit is None:
        said = f"{what} was changed outside the tracker ({now})"
    else:
        who = edit["name"] + (f" ({edit['actor']})" if edit["name"] != edit["actor"] else "")
        when = str(edit["at"]).replace("T", " ")[:16] + " UTC"
        said = f"{who} changed {what} at {when} ({now})"
    raise StaleForm(
        f"since this form was opened, {said}. Nothing was saved, and your changes are still "
        "in the form: check theirs, then save yours again if they still hold.",
        # (``said``: who changed what, for a caller that words the refusal its own way)
        {"fields": {f: stored[f] for f in moved}, "edit": edit, "said": said},
        field="expected",
    )


def _changes(stored: dict, new: dict) -> dict:
    """{field: (before, after)} for the details that differ from those stored."""
    return {
        f: (stored[f], detail_value(f, value))
        for f, value in new.items()
        if detail_value(f, value) != stored[f]
    }


def _nothing_changed(what: str) -> ValidationError:
    return ValidationError(
        f"nothing to save: every detail given is the one {what} already has.", None
    )


def _logged(changes: dict) -> dict:
    return {f: {"from": before, "to": after} for f, (before, after) in changes.items()}


def _edit_details(
    db: Database,
    entity: str,
    row_id: int,
    check_row,
    stand_ins: dict,
    allowed: tuple,
    changes,
    expected,
) -> tuple[dict, dict]:
    """Inside the caller's transaction: check the changed details, refuse a form opened before
    a colleague's edit or a save that changes nothing, store what changed; (stored, changed)."""
    what = f"{entity} {row_id}"
    checked = _checked_details(db, check_row, stand_ins, allowed, changes)
    if not checked:
        raise _nothing_changed(what)
    table = f"{entity}s"
    stored = _details(db, table, row_id, allowed)
    _refuse_if_edited(db, entity, row_id, stored, expected)
    changed = _changes(stored, checked)
    if not changed:
        raise _nothing_changed(what)
    db[table].update(row_id, {f: checked[f] for f in changed})
    return stored, changed


def edit_ask(db: Database, ask_id: int, *, expected: dict | None = None, **changes) -> dict:
    """Correct an ask's details (any of ASK_DETAILS, checked as ``ask_row`` checks them) and
    return what changed, ``{field: (before, after)}``. ``expected``: the details the form
    showed; if someone changed one since, StaleForm (decided under the write lock). A new
    theme moves the ask's status runs to it in the monthly sums, in the same transaction."""
    require("record")
    ask = get_ask(db, ask_id)["id"]
    stand_ins = {"title": "-", "target": "-", "theme": "-", "country": "-"}
    with db.atomic():
        stored, changed = _edit_details(
            db, "ask", ask, ask_row, stand_ins, ASK_DETAILS, changes, expected
        )
        if "theme" in changed:  # the spans keep the theme their runs are summed under
            refresh_spans(db, [ask])
            # the old theme's sums taken back to zero would still make it a (blank) group of
            # the mix, which a rebuild does not keep
            db.execute(
                "DELETE FROM status_mix_months WHERE theme = ? AND delta = 0", [stored["theme"]]
            )
        audit.log(db, "ask.edit", "ask", ask, {"changes": _logged(changed)})
    return changed


def edit_letter(db: Database, letter_id: int, *, expected: dict | None = None, **changes) -> dict:
    """Correct a letter's details (any of LETTER_DETAILS, checked as ``letter_row`` checks
    them); returns ``{"changes": {field: (before, after)}, "asks_moved": {ask_id: (before,
    after)}}``. ``expected`` as for ``edit_ask``. A new date sent moves the "made since" date
    of each ask that had its letters' earliest date (as the tracker sets it) to their earliest
    date now; an ask given another date by hand keeps it. All in one transaction."""
    require("record")
    letter = _row(db, "letters", letter_id, "letter")[0]
    stand_ins = {"title": "-", "date_sent": today().isoformat(), "author_org": "-"}
    with db.atomic():
        # (read before the date moves; an ask whose date stays put is not moved below)
        followers = _asks_dated_by_their_letters(db, letter) if "date_sent" in changes else []
        _, changed = _edit_details(
            db, "letter", letter, letter_row, stand_ins, LETTER_DETAILS, changes, expected
        )
        audit.log(db, "letter.edit", "letter", letter, {"changes": _logged(changed)})
        moved = _follow_letter_dates(db, letter, followers)
    return {"changes": changed, "asks_moved": moved}


_EARLIEST_LETTER = """(SELECT MIN(l.date_sent) FROM letter_asks x
                       JOIN letters l ON l.id = x.letter_id WHERE x.ask_id = a.id)"""


def _asks_dated_by_their_letters(db: Database, letter_id: int) -> list[int]:
    """The asks this letter makes whose "made since" date is their letters' earliest date."""
    sql = f"""SELECT a.id FROM asks a JOIN letter_asks la ON la.ask_id = a.id
              WHERE la.letter_id = ? AND a.added_on = {_EARLIEST_LETTER} ORDER BY a.id"""
    return [r[0] for r in db.conn.execute(sql, (letter_id,))]


def _follow_letter_dates(db: Database, letter_id: int, ask_ids: list[int]) -> dict:
    """Give ``ask_ids`` their letters' earliest date again (after a letter's date changed),
    with their spans and an audit entry each; {ask_id: (before, after)} of those moved."""
    moved = {}
    for ask in ask_ids:
        before, after = db.conn.execute(
            f"SELECT a.added_on, {_EARLIEST_LETTER} FROM asks a WHERE a.id = ?", (ask,)
        ).fetchone()
        if after and after != before:
            db["asks"].update(ask, {"added_on": after})
            moved[ask] = (before, after)
            details = {"changes": _logged({"added_on": (before, after)}), "letter_id": letter_id}
            audit.log(db, "ask.edit", "ask", ask, details)
    if moved:
        refresh_spans(db, list(moved))
    return moved
