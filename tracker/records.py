"""Every write: letters, asks, status updates, indicators, observations.

Each function validates first and writes in one transaction, so a rejected input leaves the
database exactly as it was. The CLI and the app both call these.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

from sqlite_utils import Database

from tracker import audit
from tracker.auth import require
from tracker.dates import now_timestamp, parse_date, today
from tracker.errors import NotFound, ValidationError
from tracker.history import current_status_of, get_ask
from tracker.spans import refresh_spans
from tracker.vocabulary import check_status, check_track

PRIORITIES = ("high", "medium", "low")
VISIBILITIES = ("internal", "public")
DIRECTIONS = ("higher", "lower")


def _required(value: str | None, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{field} is required.", field)
    return text


def _optional(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def check_url(value: str | None, field: str = "evidence URL") -> str | None:
    """Accept an empty value or an http(s) URL; anything else (javascript:, typos) is refused."""
    text = _optional(value)
    if text is None:
        return None
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in text:
        raise ValidationError(
            f"{field} '{text}' is not a web address: it must start with http:// or https://.",
            field,
        )
    return text


def _choice(value: str, allowed: Sequence[str], field: str) -> str:
    if value not in allowed:
        raise ValidationError(f"{field} '{value}' is not allowed: use {', '.join(allowed)}.", field)
    return value


def _number(value: object, field: str) -> float:
    try:
        number = (
            float(str(value).strip().replace(",", ""))
            if isinstance(value, str)
            else float(
                value  # type: ignore[arg-type]
            )
        )
    except (TypeError, ValueError):
        raise ValidationError(f"{field} '{value}' is not a number.", field) from None
    if math.isnan(number) or math.isinf(number):
        raise ValidationError(f"{field} '{value}' is not a finite number.", field)
    return number


def _id(value: object, what: str) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"{what} id '{value}' is not a number.", what) from None


def _exists(db: Database, table: str, row_id: object, what: str, hint: str) -> int:
    row_id = _id(row_id, what)
    if not db.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone():
        raise NotFound(f"no {what} with id {row_id}: {hint}", what)
    return row_id


def add_letter(
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
    by: str | None = None,
) -> int:
    """Store a letter and return its id."""
    actor = require("record")
    row = {
        "title": _required(title, "title"),
        "date_sent": parse_date(date_sent, "date sent"),
        "author_org": _required(author_org, "authoring organization"),
        "cosigners": json.dumps([c.strip() for c in cosigners if c and c.strip()]),
        "recipient_person": _optional(recipient_person),
        "recipient_office": _optional(recipient_office),
        "url": check_url(url, "letter URL"),
        "full_text": (full_text or "").strip(),
        "summary": (summary or "").strip(),
        "created_at": now_timestamp(),
        "created_by": _optional(by) or actor.email,
    }
    with db.atomic():
        letter_id = db["letters"].insert(row).last_pk
        audit.log(db, "letter.add", "letter", letter_id, {"title": row["title"]})
    return letter_id


def add_ask(
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
    letters: Iterable[tuple[int, str]] = (),
    by: str | None = None,
) -> int:
    """Store an ask, linked to the letters that make it as ``(letter_id, passage)`` pairs.

    ``added_on`` defaults to the date of the earliest linked letter, else today.
    """
    actor = require("record")
    first_passage: dict[int, str] = {}
    for lid, p in letters:
        # A letter named twice is linked once (first passage), not a constraint error.
        first_passage.setdefault(
            _exists(db, "letters", lid, "letter", "'tracker letters' lists them."), p or ""
        )
    links = list(first_passage.items())
    if added_on:
        added = parse_date(added_on, "added on")
    elif links:
        added = min(
            db.conn.execute("SELECT date_sent FROM letters WHERE id = ?", (lid,)).fetchone()[0]
            for lid, _ in links
        )
    else:
        added = today().isoformat()
    row = {
        "title": _required(title, "title"),
        "wording": (wording or "").strip(),
        "target": _required(target, "target"),
        "theme": _required(theme, "theme"),
        "country": _required(country, "country"),
        "owner": _optional(owner),
        "priority": _choice(priority, PRIORITIES, "priority"),
        "added_on": added,
        "created_at": now_timestamp(),
        "created_by": _optional(by) or actor.email,
    }
    with db.atomic():
        ask_id = db["asks"].insert(row).last_pk
        refresh_spans(db, [ask_id])
        audit.log(db, "ask.add", "ask", ask_id, {"title": row["title"]})
        for letter_id, passage in links:
            db["letter_asks"].insert(
                {"letter_id": letter_id, "ask_id": ask_id, "passage": passage.strip()}
            )
    return ask_id


def link_ask(db: Database, letter_id: int, ask_id: int, passage: str = "") -> None:
    """Record that a letter (re)makes an existing ask, with the passage that makes it."""
    require("record")
    letter_id = _exists(db, "letters", letter_id, "letter", "'tracker letters' lists them.")
    ask_id = get_ask(db, ask_id)["id"]
    with db.atomic():
        db["letter_asks"].upsert(
            {"letter_id": letter_id, "ask_id": ask_id, "passage": (passage or "").strip()},
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
) -> dict:
    """Append a status update. Same status as before = a verification ("checked, no change");
    naming ``supersedes_id`` = a correction of that entry. Returns the stored row."""
    actor = require("record")
    ask = get_ask(db, ask_id)
    track = check_track(track)
    if not status:
        raise ValidationError("status is required: pick the ask's new status.", "status")
    status = check_status(db, track, status)
    when = parse_date(effective_date, "effective date")
    visibility = _choice(visibility, VISIBILITIES, "visibility")
    evidence = check_url(evidence_url)
    note_text = (note or "").strip()
    if not note_text:  # said at once, not after waiting for a colleague's write to finish
        if supersedes_id is not None:
            raise ValidationError("a correction needs a note saying what was wrong.", "note")
        if current_status_of(db, ask["id"], track, when) != status:
            raise ValidationError("note is required: say what happened and why.", "note")
    # checked under the write lock (BEGIN IMMEDIATE): whether this is a change, a
    # verification or a valid correction cannot be changed by a colleague's write midway
    with db.atomic():
        kind = _entry_kind(db, ask["id"], track, status, when, supersedes_id, note_text)
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
            "kind": kind,
            "supersedes_id": supersedes_id,
        }
        row["id"] = db["status_updates"].insert(row).last_pk
        refresh_spans(db, [ask["id"]])
        audit.log(
            db,
            f"status.{kind}",
            "ask",
            ask["id"],
            {
                "update_id": row["id"],
                "track": track,
                "status": status,
                "date": when,
                "supersedes": supersedes_id,
            },
        )
    return row


def _entry_kind(
    db: Database,
    ask_id: int,
    track: str,
    status: str,
    when: str,
    supersedes_id: int | None,
    note: str,
) -> str:
    """``correction`` (of a valid, uncorrected entry of the same ask and track), else
    ``verification`` when the status is the one in force on ``when``, else ``change`` (which
    needs a note; the caller has already refused a correction without one)."""
    if supersedes_id is not None:
        old = db.conn.execute(
            "SELECT ask_id, track FROM status_updates WHERE id = ?",
            (_id(supersedes_id, "status update"),),
        ).fetchone()
        if old is None:
            raise NotFound(f"no status update with id {supersedes_id} to correct.", "supersedes")
        if (old[0], old[1]) != (ask_id, track):
            raise ValidationError(
                f"status update {supersedes_id} belongs to another ask or track: "
                "a correction must name an entry of the same ask and track.",
                "supersedes",
            )
        if db.conn.execute(
            "SELECT 1 FROM status_updates WHERE supersedes_id = ?", (supersedes_id,)
        ).fetchone():
            raise ValidationError(
                f"status update {supersedes_id} has already been corrected: "
                "correct the latest correction instead.",
                "supersedes",
            )
        return "correction"
    if current_status_of(db, ask_id, track, when) == status:
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
    when = parse_date(on or today().isoformat(), "effective date")
    ask = get_ask(db, ask_id)["id"]
    if current_status_of(db, ask, track, when) is None:  # said at once, before the lock
        raise ValidationError(
            f"ask {ask_id} has no {track} status yet: record one before verifying it.", "status"
        )
    with db.atomic():  # the status verified is the one in force under the write lock
        return record_status_update(
            db,
            ask,
            current_status_of(db, ask, track, when),
            effective_date=when,
            note=note,
            track=track,
            recorded_by=recorded_by,
            visibility="internal",
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
    """Store an indicator (with optional baseline and target) linked to asks."""
    require("record")
    row = {
        "name": _required(name, "name"),
        "unit": (unit or "").strip(),
        "description": (description or "").strip(),
        "direction": _choice(direction, DIRECTIONS, "direction"),
        "baseline_value": None if baseline_value is None else _number(baseline_value, "baseline"),
        "baseline_date": parse_date(baseline_date, "baseline date") if baseline_date else None,
        "target_value": None if target_value is None else _number(target_value, "target"),
        "target_date": (
            parse_date(target_date, "target date", allow_future=True) if target_date else None
        ),
        "source": check_url(source, "source"),
        "created_at": now_timestamp(),
    }
    if (row["baseline_value"] is None) != (row["baseline_date"] is None):
        raise ValidationError("a baseline needs both a value and a date.", "baseline")
    if row["target_value"] is not None and row["target_date"] is None:
        raise ValidationError("a target needs a date by which to reach it.", "target date")
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
) -> int:
    """Append one dated, sourced value of an indicator."""
    actor = require("record")
    indicator_id = _exists(
        db, "indicators", indicator_id, "indicator", "'tracker indicators' lists them."
    )
    row = {
        "indicator_id": indicator_id,
        "value": _number(value, "value"),
        "date": parse_date(date, "date"),
        "source_url": check_url(source_url, "source URL"),
        "note": (note or "").strip(),
        "recorded_by": _optional(recorded_by) or actor.email,
        "recorded_at": now_timestamp(),
    }
    with db.atomic():
        obs_id = db["observations"].insert(row).last_pk
        audit.log(
            db,
            "observation.add",
            "indicator",
            indicator_id,
            {"observation_id": obs_id, "date": row["date"], "value": row["value"]},
        )
    return obs_id
