"""The audit trail: who wrote what, and when. Every write function adds its entry inside its
own transaction, so the log and the data can never disagree."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
from sqlite_utils import Database

from tracker.auth import ROLE_LABELS, PermissionDenied, current_actor, require
from tracker.dates import now_timestamp
from tracker.errors import TrackerError
from tracker.numbers import readable

# the permission an action needs, by its part before the first "." (else "record")
ACTION_PERMISSIONS = dict.fromkeys(
    ("user", "setting", "vocabulary", "backup", "tracker"), "manage_users"
)
ACTION_PERMISSIONS |= {"snapshot": "publish", "export": "export"}
# what anyone signed in may do to their own account
# each action as people read it in the log (the code stays in the database and the CLI)
ACTION_LABELS = {
    "letter.add": "Letter added",
    "ask.add": "Ask added",
    "ask.link": "Ask linked to a letter",
    "ask.edit": "Ask details corrected",
    "letter.edit": "Letter details corrected",
    "status.change": "Status changed",
    "status.verification": "Checked, no change",
    "status.correction": "Entry corrected",
    "indicator.add": "Indicator added",
    "observation.add": "Observation added",
    "observation.correct": "Observation corrected",
    "setting.change": "Setting changed",
    "user.add": "User added",
    "user.role": "Role changed",
    "user.remove": "User removed",
    "user.password": "Password set",
    "user.sign-out-everywhere": "Signed out everywhere",
    "sign-in": "Signed in",
    "sign-in.failed": "Sign-in refused: wrong password",
    "sign-in.locked": "Sign-in locked after repeated failures",
    "sign-in.refused-locked": "Sign-in refused: account locked",
    "backup.made": "Backup made",
    "backup.restore": "Backup restored",
    "export.all": "Whole tracker exported",
    "import": "Spreadsheet imported",
    "vocabulary.update": "Status vocabulary updated",
    "snapshot.publish": "Snapshot published",
    "snapshot.withdraw": "Snapshot withdrawn",
}
SELF_SERVICE = ("user.password", "user.sign-out-everywhere")
# an ask's and a letter's details as the forms and the log name them
FIELD_LABELS = {
    "title": "Title",
    "wording": "Wording",
    "target": "Target",
    "theme": "Theme",
    "country": "Country",
    "owner": "Owner",
    "priority": "Priority",
    "added_on": "Made since",
    "date_sent": "Date sent",
    "author_org": "Authoring organization",
    "cosigners": "Co-signers",
    "recipient_person": "Recipient",
    "recipient_office": "Recipient office",
    "url": "Published at (URL)",
    "summary": "Summary",
}
SHOWN_CHARACTERS = 80  # a long wording or summary is cut in the sentence, kept whole in the log


def value_in_words(value: object, field: str = "") -> str:
    """A detail as a sentence quotes it: empty as "(none)", a list joined, long text cut."""
    from tracker.vocabulary import PRIORITY_LABELS  # (vocabulary imports this module)

    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    if value is None or value == "":
        return "(none)"
    text = PRIORITY_LABELS.get(str(value), str(value)) if field == "priority" else str(value)
    text = " ".join(text.split())
    if len(text) > SHOWN_CHARACTERS:
        text = text[: SHOWN_CHARACTERS - 1].rstrip() + "…"
    return f"\u201c{text}\u201d"


def changes_in_words(changes: dict) -> list[str]:
    """``{field: (before, after)}`` (or the log's ``{field: {"from", "to"}}``) as sentences:
    "Owner: “Ana” → “Ben”"."""
    lines = []
    for field, change in changes.items():
        before, after = (change["from"], change["to"]) if isinstance(change, dict) else change
        lines.append(
            f"{FIELD_LABELS.get(field, field)}: {value_in_words(before, field)} → "
            f"{value_in_words(after, field)}"
        )
    return lines


# the words for a detail's key where its name alone would not do
DETAIL_LABELS = {"sessions_ended": "Sessions ended", "first_run": "First run", "as": "As"}
# detail keys holding an id though not named *_id: written "#1234" like the others
ID_KEYS = {"corrects": "Corrects"}


# each administrators' setting by the words its switch or field shows (keyed as stored in
# the settings table: tracker.dates, tracker.reading and tracker.snapshots name them)
SETTING_LABELS = {
    "earliest_date": "Earliest date that may be recorded",
    "links_to_private_addresses": "Fetch links to private or local addresses",
    "snapshot_links_without_sign_in": "Snapshot links open without sign-in",
}


def _detail_value(key: str, value: object) -> str:
    """One detail's value in words: a role by its label, yes or no, a number as the app's
    tiles and tables write it (99, not the stored 99.0)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return readable(value)  # (a number, like a date, needs no quotes)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)):
        return str(value)
    if key in ("role", "from", "to") and value in ROLE_LABELS:
        return ROLE_LABELS[value]
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_detail_value(k, v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    return f"\u201c{value}\u201d"  # whole: the log is the record (a title, a file's name)


def _status_in_words(data: dict, status_labels: dict) -> str:
    """A status entry's details: "Outcome: Partially achieved, dated 2024-03-01 (entry #12)"."""
    from tracker.vocabulary import TRACK_LABELS  # (vocabulary imports this module)

    track, status = data.get("track"), data.get("status")
    said = (
        f"{TRACK_LABELS.get(track, track)}: {status_labels.get((track, status), status)}, "
        f"dated {data.get('date')} (entry #{data.get('update_id')}"
    )
    if data.get("supersedes"):
        said += f", correcting #{data['supersedes']}"
    return said + ")"


def details_in_words(action: str, details: str, status_labels: dict | None = None) -> str:
    """An entry's details as the audit page shows them, in words rather than the stored JSON:
    a correction's changes from what to what, a status entry by its labels (``status_labels``
    maps ``(track, code)`` to a label), anything else as "Key: value" pairs."""
    try:
        data = json.loads(details)
    except (TypeError, ValueError):
        return details
    if not isinstance(data, dict):
        return details
    if not data:
        return "—"
    try:
        if action in ("ask.edit", "letter.edit"):
            said = "; ".join(changes_in_words(data["changes"]))
            if data.get("letter_id"):
                said += f" (letter {data['letter_id']}'s date was corrected)"
            return said
        if action.startswith("status.") and "status" in data:
            return _status_in_words(data, status_labels or {})
        if action == "setting.change" and "setting" in data:
            name = SETTING_LABELS.get(data["setting"], str(data["setting"]))
            return f"{name}: {_detail_value('value', data.get('value'))}"
    except (KeyError, TypeError, AttributeError):
        return details
    if "from" in data and "to" in data:
        data = {
            "role": f"{_detail_value('role', data.pop('from'))} → "
            f"{_detail_value('role', data.pop('to'))}",
            **data,
        }
    pairs = []
    for key, value in data.items():
        if value is None:
            continue
        if key in ID_KEYS and isinstance(value, int):  # an id as the app writes one: #1234
            pairs.append(f"{ID_KEYS[key]} #{value}")
            continue
        if key.endswith("_id") and isinstance(value, int):
            pairs.append(f"{key[:-3].replace('_', ' ').capitalize()} #{value}")
            continue
        label = DETAIL_LABELS.get(key, key.replace("_", " ").capitalize())
        shown = value if key == "role" and "→" in str(value) else _detail_value(key, value)
        pairs.append(f"{label}: {shown}")
    return "; ".join(pairs) or "—"


def log(
    db: Database,
    action: str,
    entity: str,
    entity_id: object = None,
    details: dict | None = None,
    *,
    actor_email: str | None = None,
) -> None:
    """Append one audit entry, inside the write's own transaction. The acting user's role must
    allow the action, so a crafted call cannot forge entries; only sign-in events name their
    own ``actor_email``: nobody has signed in yet."""
    if not db.conn.in_transaction:
        raise TrackerError(f"audit entry '{action}' written outside its write's transaction.")
    actor = current_actor()
    if actor_email is not None:
        if not action.startswith("sign-in"):
            raise PermissionDenied(f"only sign-in events name their own actor, not '{action}'.")
        role, via = None, "sign-in"
    else:
        if not (actor and action in SELF_SERVICE and str(entity_id) == actor.email):
            require(ACTION_PERMISSIONS.get(action.split(".", 1)[0], "record"))  # or nobody acts
        actor_email, role, via = actor.email, actor.role, actor.via
    db["audit_log"].insert(
        {
            "at": now_timestamp(),
            "actor": actor_email,
            "role": role,
            "via": via,
            "action": action,
            "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "details": json.dumps(details or {}, default=str, ensure_ascii=False),
        }
    )


def _like_literal(text: str) -> str:
    """``text`` for a LIKE pattern, matching itself only ('_' and '%' in an email are letters)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def audit_log(
    db: Database,
    *,
    actor: str | None = None,
    action: str | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    limit: int = 1000,
) -> pd.DataFrame:
    """The log, newest first, filtered by who, what and when (admin and leadership only)."""
    require("read_audit")
    given = {  # each filter given: its clause and its parameter's value
        "actor": ("actor LIKE :actor ESCAPE '\\'", actor and f"%{_like_literal(actor)}%"),
        "action": ("action LIKE :action ESCAPE '\\'", action and f"{_like_literal(action)}%"),
        "start": ("at >= :start", start and str(start)),
        "end": ("at < date(:end, '+1 day')", end and str(end)),
    }
    given = {name: pair for name, pair in given.items() if pair[1]}
    clauses = ["1", *(clause for clause, _ in given.values())]
    params = {name: value for name, (_, value) in given.items()} | {"limit": int(limit)}
    return pd.read_sql_query(
        f"""SELECT id, at, actor, role, via, action, entity, entity_id, details FROM audit_log
            WHERE {" AND ".join(clauses)} ORDER BY id DESC LIMIT :limit""",
        db.conn,
        params=params,
    )


def audit_actions(db: Database) -> list[str]:
    require("read_audit")
    return [r[0] for r in db.conn.execute("SELECT DISTINCT action FROM audit_log ORDER BY 1")]
