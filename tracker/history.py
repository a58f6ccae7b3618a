"""One ask's record: the ask itself, its status on a date, every entry of its history, and
its status periods for the timeline chart."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlite_utils import Database

from tracker.dates import as_of_or_today, check_date, today
from tracker.errors import NotFound, ValidationError
from tracker.in_force import live_entry, status_in_force
from tracker.vocabulary import UNRECORDED


def ask_id_of(value: object) -> int:
    """``value`` as an ask id, or a clear error for one that is not a number."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"ask id '{value}' is not a number.", "ask") from None


def get_ask(db: Database, ask_id: int) -> dict:
    """The ask's row, or NotFound naming where to find the asks."""
    row = next(db.query("SELECT * FROM asks WHERE id = ?", (ask_id_of(ask_id),)), None)
    if row is None:
        raise NotFound(f"no ask with id {ask_id}: 'tracker asks' lists them.", "ask")
    return row


def status_entry(db: Database, entry_id: int) -> dict | None:
    """One entry of a history, with its status label and the entry that corrects it (if
    any): what a correction starts from."""
    rows = db.query(
        """SELECT u.id, u.ask_id, u.track, u.status, s.label, u.effective_date, u.note,
                  u.evidence_url, u.visibility, u.kind,
                  (SELECT c.id FROM status_updates c WHERE c.supersedes_id = u.id)
                      AS superseded_by
           FROM status_updates u JOIN statuses s ON s.track = u.track AND s.code = u.status
           WHERE u.id = ?""",
        (int(entry_id),),
    )
    return next(rows, None)


def dated_before_added(db: Database, ask_id: int, effective_date: str) -> str | None:
    """What to say of an entry dated before its ask was added (None for any other date, and
    for one the write refuses anyway): every as-of view shows an ask from its added date on,
    so such an entry only says where things stood when the ask was first made (a background
    entry), and a mistyped year looks just like one. The update form asks to confirm it."""
    try:
        when = check_date(db, effective_date, "effective date")
    except ValidationError:
        return None  # the write says what is wrong with it, next to the field
    ask = get_ask(db, ask_id)
    if when >= ask["added_on"]:
        return None
    return (
        f"{when} is before #{ask['id']} was first asked, on {ask['added_on']}: views as of "
        f"earlier dates do not show the ask, so this entry only says where things stood "
        f"on {ask['added_on']}."
    )


def current_status_of(
    db: Database, ask_id: int, track: str, as_of: str | None = None
) -> str | None:
    """The ask's status on ``track`` as of a date (default today), corrections applied: the
    status span in force then (tracker/spans.py). Writes ask it to tell a change from a
    verification."""
    sql = f"SELECT {status_in_force(':ask', ':track', ':as_of')}"
    params = {"ask": ask_id, "track": track, "as_of": as_of or today().isoformat()}
    status = db.conn.execute(sql, params | {"variant": "all"}).fetchone()[0]
    return UNRECORDED[track] if status is None else status


def ask_history(
    db: Database,
    ask_id: int,
    *,
    public_only: bool = False,
    as_of: str | dt.date | None = None,
) -> pd.DataFrame:
    """Every entry of an ask's history (up to ``as_of``, when given), newest first, with what
    corrected what (``entry``, in words) and, for the internal history, who recorded it by
    name (``recorded_by_name``: the email where no name is known). The public history names
    nobody."""
    ask_id = get_ask(db, ask_id)["id"]
    public = "AND u.visibility = 'public'" if public_only else ""
    if as_of is not None:
        public += " AND u.effective_date <= :as_of"
    name = (
        "" if public_only else ", COALESCE(NULLIF(p.name, ''), u.recorded_by) AS recorded_by_name"
    )
    history = pd.read_sql_query(
        f"""SELECT u.id, u.track, u.effective_date, u.status, s.label, s.colour, u.kind,
                   u.note, u.evidence_url, u.visibility, u.recorded_by, u.recorded_at,
                   u.supersedes_id,
                   (SELECT c.id FROM status_updates c WHERE c.supersedes_id = u.id)
                       AS superseded_by {name}
            FROM status_updates u
            JOIN statuses s ON s.track = u.track AND s.code = u.status
            LEFT JOIN users p ON p.email = u.recorded_by
            WHERE u.ask_id = :ask_id {public}
            ORDER BY u.effective_date DESC, u.recorded_at DESC, u.id DESC""",
        db.conn,
        params={"ask_id": ask_id, "as_of": None if as_of is None else as_of_or_today(as_of)},
    )
    history["entry"] = [
        entry_in_words(*row)
        for row in zip(
            history["id"], history["supersedes_id"], history["superseded_by"], strict=True
        )
    ]
    return history


def entry_in_words(entry_id: int, supersedes: object, superseded_by: object) -> str:
    """An entry's number and its standing, short enough for a phone's first column: a
    corrected entry must not look like one still in force ("#7 · corrected by #9")."""
    said = f"#{int(entry_id)}"
    if pd.notna(superseded_by):
        said += f" · corrected by #{int(superseded_by)}"
    if pd.notna(supersedes):
        said += f" · corrects #{int(supersedes)}"
    return said


def ask_timeline(
    db: Database,
    ask_id: int,
    as_of: str | dt.date | None = None,
    *,
    public_only: bool = False,
) -> pd.DataFrame:
    """An ask's status periods per track: consecutive entries with the same status (changes and
    verifications) merge into one period that runs until the next change (or ``as_of``)."""
    ask_id = get_ask(db, ask_id)["id"]
    sql = f"""
    WITH live AS (
        SELECT u.* FROM status_updates u
        WHERE u.ask_id = :ask_id AND {live_entry("u", public_only)}
    ),
    marked AS (
        SELECT live.*, CASE WHEN status IS LAG(status) OVER w THEN 0 ELSE 1 END AS is_change
        FROM live WINDOW w AS (PARTITION BY track ORDER BY effective_date, recorded_at, id)
    ),
    runs AS (
        SELECT marked.*, SUM(is_change) OVER (PARTITION BY track
               ORDER BY effective_date, recorded_at, id) AS run
        FROM marked
    ),
    periods AS (
        SELECT track, run, status, MIN(effective_date) AS start, COUNT(*) AS entries,
               MAX(effective_date) AS last_checked
        FROM runs GROUP BY track, run
    )
    SELECT p.track, p.status, s.label, s.colour, p.start,
           COALESCE(LEAD(p.start) OVER (PARTITION BY p.track ORDER BY p.run), :as_of) AS "end",
           LEAD(p.start) OVER (PARTITION BY p.track ORDER BY p.run) IS NULL AS is_current,
           p.entries, p.last_checked,
           (SELECT r.note FROM runs r WHERE r.track = p.track AND r.run = p.run
            ORDER BY r.effective_date, r.recorded_at, r.id LIMIT 1) AS note,
           (SELECT r.evidence_url FROM runs r WHERE r.track = p.track AND r.run = p.run
            ORDER BY r.effective_date, r.recorded_at, r.id LIMIT 1) AS evidence_url
    FROM periods p JOIN statuses s ON s.track = p.track AND s.code = p.status
    ORDER BY p.track, p.start"""
    return pd.read_sql_query(
        sql, db.conn, params={"ask_id": ask_id, "as_of": as_of_or_today(as_of)}
    )
