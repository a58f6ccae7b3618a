"""Progress snapshots for donors: everything a report shows as of a date, computed once from
public entries and frozen with its HTML when published, so later corrections never change it.
A snapshot can be withdrawn, never edited or deleted."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
from sqlite_utils import Database

from tracker import audit, dashboard, indicators, methodology, report
from tracker.auth import can, require
from tracker.dates import check_date, now_timestamp, parse_date
from tracker.db import setting
from tracker.errors import (
    FormErrors,
    NotFound,
    TrackerError,
    ValidationError,
    not_a_web_address,
)
from tracker.filters import AskFilter
from tracker.records import change_setting
from tracker.standing import PUBLIC_ASK_COLUMNS, public_asks, status_counts
from tracker.vocabulary import statuses

PUBLIC_LINKS_SETTING = "snapshot_links_without_sign_in"
MAX_INDICATOR_CHARTS = 12
PUBLIC_URL_SETTING = "TRACKER_PUBLIC_URL"  # the environment variable
DEFAULT_PUBLIC_URL = "http://localhost:8501"  # what `make run` serves


class Withdrawn(TrackerError):
    """The snapshot exists but was withdrawn."""


def public_url(browser: str | None = None) -> str:
    """The app's address in the links people send: ``TRACKER_PUBLIC_URL`` when set (the
    address donors reach, which may not be the sender's), else ``browser`` (the address the
    sender's browser shows), else the one `make run` serves. No trailing slash; a path prefix
    (an app served under /tracker) is kept."""
    given = os.environ.get(PUBLIC_URL_SETTING, "").strip()
    address = given or (browser or "").strip() or DEFAULT_PUBLIC_URL
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        if not given:  # a browser's address is always whole; never refuse the sender for it
            return DEFAULT_PUBLIC_URL
        # quoted only where the page would not show it as a link to the address refused
        why = not_a_web_address(given, PUBLIC_URL_SETTING)
        raise ValidationError(
            f"{why} Set it to the app's address as donors open it, e.g. "
            f"https://progress.example.org (or leave it unset for {DEFAULT_PUBLIC_URL}).",
            PUBLIC_URL_SETTING,
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def snapshot_link(token: str, address: str) -> str:
    """The whole link to a snapshot, at ``address`` (:func:`public_url`): it opens the
    Snapshots page on that snapshot, signed in or after signing in."""
    return f"{address}/snapshots?{urlencode({'snapshot': token})}"


def scope_filter(scope: dict) -> AskFilter:
    return AskFilter(
        themes=tuple(scope.get("themes", ())), letter_ids=tuple(scope.get("letter_ids", ()))
    )


def normalise_scope(themes=(), letter_ids=()) -> dict:
    """A canonical scope: sorted, de-duplicated; empty means all asks."""
    scope = {
        "themes": sorted({str(t) for t in themes}),
        "letter_ids": sorted({int(i) for i in letter_ids}),
    }
    return {key: values for key, values in scope.items() if values}


def describe_scope(db: Database, scope: dict) -> str:
    parts = []
    if scope.get("themes"):
        parts.append("themes: " + ", ".join(scope["themes"]))
    if ids := scope.get("letter_ids"):
        marks = ",".join("?" * len(ids))
        found = db.conn.execute(f"SELECT title FROM letters WHERE id IN ({marks})", ids)
        parts.append("letters: " + "; ".join(title for (title,) in found))
    return "; ".join(parts) or "all asks"


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    part = frame[columns].astype(object).where(frame[columns].notna(), None)
    return part.to_dict("records")


def build_content(
    db: Database,
    as_of: str | dt.date,
    *,
    scope: dict | None = None,
    title: str = "",
    narrative: str = "",
    previous: dict | None = None,
) -> dict:
    """Everything a donor report shows as of ``as_of``: public entries only, no owners, internal
    notes or evidence; ``previous``: an earlier snapshot's content, to compare with."""
    as_of = parse_date(as_of, "as-of date")
    scope = scope or {}
    ask_filter = scope_filter(scope)
    public = {"ask_filter": ask_filter, "public_only": True}  # the view every count reads
    kpis = dashboard.kpis(db, as_of, **public)
    mix, _, progress = dashboard.progress_over_time(db, as_of, **public)  # mix and progress at once
    by_theme = status_counts(db, as_of, by="theme", **public)
    latest_progress = progress[progress["month"] == progress["month"].max()]
    asks = public_asks(db, as_of, ask_filter=ask_filter)
    ask_ids = set(asks["ask_id"])
    table = indicators.list_indicators(db, as_of)
    if not ask_filter.is_empty:  # the indicators linked to an ask in scope
        linked = table["ask_ids"].fillna("").str.split(",")
        in_scope = [bool(ask_ids & {int(i) for i in ids if i}) for ids in linked]
        table = table.loc[pd.Series(in_scope, index=table.index, dtype=bool)]  # rows, even if none
    series = {}
    for indicator_id in table["indicator_id"].head(MAX_INDICATOR_CHARTS):
        frame = indicators.indicator_series(db, int(indicator_id), as_of)
        series[str(int(indicator_id))] = _records(frame, ["date", "value", "source_url"])
    vocabulary = statuses(db, "outcome")
    content = {
        "version": 2,  # 2: keeps the methodology text, frozen like the rest
        "title": title.strip() or f"Progress as of {as_of}",
        "as_of": as_of,
        "scope": scope,
        "scope_label": describe_scope(db, scope),
        "narrative": narrative.strip(),
        "kpis": {key: getattr(kpis, key) for key in ("asks", "achieved", "moving", "stuck")},
        "status_mix": _records(
            mix[mix["count"] > 0], ["month", "status", "label", "colour", "count"]
        ),
        "status_order": _records(vocabulary, ["code", "label", "colour"]),
        "by_theme": _records(
            by_theme[by_theme["count"] > 0],
            ["group", "status", "label", "colour", "sort_order", "count"],
        ),
        "progress_by_theme": _records(
            latest_progress, ["group", "progress_index", "assessed", "asks"]
        ),
        "asks": _records(asks, PUBLIC_ASK_COLUMNS),
        "indicators": _records(table, ["indicator_id", *report.TABLE_COLUMNS["indicators"]]),
        "indicator_series": series,
        # with each status's headline figure, so the report says what each figure counts
        "vocabulary": _records(vocabulary, ["label", "description", "score", "bucket"]),
        "methodology": methodology.now(),
    }
    content["changes"] = compare(previous, content)
    return content


def compare(previous: dict | None, current: dict) -> dict:
    """What changed since an earlier snapshot: asks up, down, changed or new; indicators moved."""
    changes = {"previous": None, "up": [], "down": [], "changed": [], "new": [], "indicators": []}
    if previous is None:
        return changes
    changes["previous"] = {"title": previous["title"], "as_of": previous["as_of"]}
    before = {a["ask_id"]: a for a in previous["asks"]}
    for ask in current["asks"]:
        old = before.get(ask["ask_id"])
        if old is None:
            changes["new"].append({"title": ask["title"], "to": ask["label"]})
        elif old["status"] != ask["status"]:
            a, b = old.get("score"), ask.get("score")
            kind = "changed" if a is None or b is None or a == b else "up" if b > a else "down"
            changes[kind].append({"title": ask["title"], "from": old["label"], "to": ask["label"]})
    old_ind = {i["indicator_id"]: i for i in previous["indicators"]}
    for ind in current["indicators"]:
        old = old_ind.get(ind["indicator_id"])
        if old and old.get("latest_date") != ind.get("latest_date"):
            change = {"name": ind["name"], "status": ind.get("progress_label")}
            for side, values in (("from", old), ("to", ind)):
                change[side], change[f"{side}_date"] = (
                    values.get("latest_value"),
                    values.get("latest_date"),
                )
            changes["indicators"].append(change)
    return changes


def _content(db: Database, as_of, scope: dict, title: str, narrative: str) -> tuple:
    """The content compared with the last earlier one of its scope, that one's id, the scope key."""
    as_of = parse_date(as_of, "as-of date")
    scope_key = json.dumps(scope, sort_keys=True)
    row = db.conn.execute(
        """SELECT id, content FROM snapshots
           WHERE scope_key = ? AND status = 'published' AND as_of <= ?
           ORDER BY as_of DESC, id DESC LIMIT 1""",
        (scope_key, as_of),
    ).fetchone()
    previous_id, previous = (row[0], json.loads(row[1])) if row else (None, None)
    content = build_content(
        db, as_of, scope=scope, title=title, narrative=narrative, previous=previous
    )
    return content, previous_id, scope_key


def preview(
    db: Database, as_of, *, scope: dict | None = None, title: str = "", narrative: str = ""
) -> dict:
    """Exactly what donors would see if this were published now."""
    require("publish")
    return _content(db, as_of, scope or {}, title, narrative)[0]


def check_form(db: Database, as_of, narrative: str) -> str:
    """The as-of date (ISO) if it and the narrative may be published; else FormErrors with
    every problem at once, keyed by field (``as_of``, ``narrative``), so a form shows each
    next to its field rather than one per click."""
    errors = {}
    try:
        as_of = check_date(db, as_of, "as-of date")
    except ValidationError as error:
        errors["as_of"] = error.message
    if not (narrative or "").strip():
        errors["narrative"] = "write a short narrative: donors read it first."
    if errors:
        raise FormErrors(errors)
    return as_of


def publish(
    db: Database, as_of, *, scope: dict | None = None, title: str = "", narrative: str = ""
) -> dict:
    """Freeze and publish a snapshot; returns its row (with the unguessable ``token``)."""
    actor = require("publish")
    scope = scope or {}
    as_of = check_form(db, as_of, narrative)
    content, previous_id, scope_key = _content(db, as_of, scope, title, narrative)
    if content["kpis"]["asks"] == 0:  # donors would open four zeros (the page says so first)
        raise ValidationError(
            f"no public ask in this snapshot as of {as_of} ({content['scope_label']}): donors "
            "would open an empty report. Pick a later as-of date, or fewer themes and letters.",
            "as_of",
        )
    row = {
        "token": secrets.token_urlsafe(18),
        "title": content["title"],
        "as_of": as_of,
        "scope": scope_key,
        "scope_key": scope_key,
        "narrative": content["narrative"],
        "content": json.dumps(content, sort_keys=True, ensure_ascii=False),
        "html": report.render_html(content),
        "previous_id": previous_id,
        "status": "published",
        "published_at": now_timestamp(),
        "published_by": actor.email,
    }
    with db.atomic():
        row["id"] = db["snapshots"].insert(row).last_pk
        details = {"as_of": as_of, "scope": scope, "title": row["title"]}
        audit.log(db, "snapshot.publish", "snapshot", row["id"], details)
    return row


def withdraw(db: Database, snapshot_id: int, reason: str) -> None:
    """Withdraw a snapshot: its link then says so. Nothing is deleted or edited."""
    actor = require("publish")
    if not (reason or "").strip():
        raise ValidationError("say why the snapshot is withdrawn.", "reason")
    _status(db, int(snapshot_id))  # NotFound, before the write lock
    with db.atomic():
        changed = db.execute(
            "UPDATE snapshots SET status = 'withdrawn', withdrawn_at = ?, withdrawn_by = ?, "
            "withdrawn_reason = ? WHERE id = ? AND status = 'published'",
            (now_timestamp(), actor.email, reason.strip(), int(snapshot_id)),
        ).rowcount
        if changed == 0:
            raise ValidationError(f"snapshot {snapshot_id} is already withdrawn.", "snapshot")
        audit.log(db, "snapshot.withdraw", "snapshot", snapshot_id, {"reason": reason.strip()})


def list_snapshots(db: Database) -> pd.DataFrame:
    """Snapshots newest first; those who may publish also see withdrawn ones, and by whom."""
    columns = "id, token, title, as_of, scope_key, status, published_at, withdrawn_at"
    if can("publish"):
        columns, where = f"{columns}, withdrawn_reason, published_by, withdrawn_by", ""
    else:
        columns, where = f"{columns}, withdrawn_reason", "WHERE status = 'published'"
    sql = f"SELECT {columns} FROM snapshots {where} ORDER BY published_at DESC, id DESC"
    return pd.read_sql_query(sql, db.conn)


def withdrawn_count(db: Database) -> int:
    """How many snapshots were withdrawn: an empty donor's list says so, rather than that none
    was ever published."""
    sql = "SELECT count(*) FROM snapshots WHERE status = 'withdrawn'"
    return db.conn.execute(sql).fetchone()[0]


def get_by_token(db: Database, token: str) -> dict:
    """A published snapshot by its link token; NotFound or Withdrawn otherwise."""
    columns = "id, title, as_of, status, content, published_at, withdrawn_at, withdrawn_reason"
    sql = f"SELECT {columns} FROM snapshots WHERE token = ?"
    snap = next(db.query(sql, [str(token or "")]), None)
    if snap is None:
        raise NotFound("this snapshot link is not valid: check it, or ask who sent it.", "token")
    if snap["status"] == "withdrawn":
        raise Withdrawn(
            f"“{snap['title']}” was withdrawn on {snap['withdrawn_at'][:10]}"
            + (f": {snap['withdrawn_reason']}" if snap["withdrawn_reason"] else "."),
            "token",
        )
    snap["content"] = json.loads(snap["content"])
    return snap


def cached_file(db: Database, snapshot_id: int, kind: str) -> bytes | None:
    """The export of this kind already made for a readable snapshot (see ``_status``), if any."""
    snapshot_id = int(snapshot_id)
    _status(db, snapshot_id)
    sql = "SELECT content FROM snapshot_files WHERE snapshot_id = ? AND kind = ?"
    row = db.conn.execute(sql, (snapshot_id, kind)).fetchone()
    return None if row is None else bytes(row[0])


def _status(db: Database, snapshot_id: int) -> str:
    """A snapshot's status; NotFound when there is none, Withdrawn when it was withdrawn and
    the caller may not publish."""
    row = db.conn.execute("SELECT status FROM snapshots WHERE id = ?", (snapshot_id,)).fetchone()
    if row is None:
        raise NotFound(
            f"no snapshot with id {snapshot_id}: 'tracker snapshots list' lists them.", "snapshot"
        )
    if row[0] == "withdrawn" and not can("publish"):
        raise Withdrawn(f"snapshot {snapshot_id} was withdrawn.", "snapshot")
    return row[0]


def stored_kinds(db: Database, snapshot_id: int) -> set[str]:
    """The kinds of export already made and kept for a snapshot (their bytes are not read)."""
    sql = "SELECT kind FROM snapshot_files WHERE snapshot_id = ?"
    return {kind for (kind,) in db.conn.execute(sql, (int(snapshot_id),))}


def export_file(db: Database, snapshot_id: int, kind: str) -> bytes:
    """The snapshot as html, pdf, xlsx or a table's csv, made once and kept: no download differs."""
    snapshot_id = int(snapshot_id)
    cached = cached_file(db, snapshot_id, kind)
    if cached is not None:
        return cached
    # the frozen HTML (megabytes) is read only for the exports made from it
    column = "html" if kind in ("html", "pdf") else "NULL"
    html, content = db.conn.execute(
        f"SELECT {column}, content FROM snapshots WHERE id = ?", (snapshot_id,)
    ).fetchone()
    if kind == "html":
        return html.encode("utf-8")
    made = report.export(json.loads(content), kind, html=html)
    _keep_file(db, snapshot_id, kind, made)
    return cached_file(db, snapshot_id, kind) or made


def prepare_files(db: Database, snapshot_id: int, kinds: Iterable[str]) -> Iterator[str]:
    """Make and keep each of ``kinds`` (xlsx or table CSVs) not kept yet, from one build of the
    content's tables; yields each kind as its making starts, so a page can show progress."""
    snapshot_id = int(snapshot_id)
    _status(db, snapshot_id)
    missing = [kind for kind in kinds if kind not in stored_kinds(db, snapshot_id)]
    if not missing:
        return
    (text,) = db.conn.execute(
        "SELECT content FROM snapshots WHERE id = ?", (snapshot_id,)
    ).fetchone()
    content = json.loads(text)
    frames = report.tables(content)
    for kind in missing:
        yield kind
        _keep_file(db, snapshot_id, kind, report.export(content, kind, frames=frames))


def _keep_file(db: Database, snapshot_id: int, kind: str, data: bytes) -> None:
    if getattr(db, "read_only", False):
        return  # a read-only database keeps nothing: the file is made again on each download
    with db.atomic():  # another session's file stored meanwhile stays: downloads never differ
        db["snapshot_files"].insert(
            {
                "snapshot_id": snapshot_id,
                "kind": kind,
                "content": data,
                "created_at": now_timestamp(),
            },
            ignore=True,
        )


def links_without_sign_in(db: Database) -> bool:
    return setting(db, PUBLIC_LINKS_SETTING) == "true"


def set_links_without_sign_in(db: Database, allowed: bool) -> None:
    """Whether a snapshot link opens without signing in (default: donors must sign in)."""
    change_setting(db, PUBLIC_LINKS_SETTING, allowed)
