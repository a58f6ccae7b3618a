"""Where each ask stands on a date: its status on either track, the entry behind it, when
anyone last checked it, and the counts by status. Each list is one SQL query over the spans in
force (tracker/in_force.py) joined to the asks and their latest entries, with the vocabulary's
labels added by status code.

"As of" means world time: the entries whose effective date is on or before that date, with
corrections applied (a corrected entry is replaced by the entry that supersedes it).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlite_utils import Database

from tracker.dates import as_of_or_today, days_before
from tracker.errors import TrackerError, ValidationError
from tracker.filters import NO_FILTER, AskFilter, check_grouping
from tracker.in_force import LAST_CHECKED, asks_in_force, checked, view_params
from tracker.vocabulary import by_code, check_track, statuses

STALE_DAYS = 90  # an ask not updated or verified for longer needs a look
# what donors see of an ask: no owner, priority, internal entry or who recorded what
PUBLIC_ASK_COLUMNS = [
    "ask_id",
    "title",
    "theme",
    "target",
    "country",
    "status",
    "label",
    "colour",
    "score",
    "since",
    "last_update",
    "last_note",
    "last_evidence",
]


def _status_list(
    db: Database,
    as_of: str | dt.date | None,
    *,
    track: str = "outcome",
    ask_filter: AskFilter = NO_FILTER,
    public_only: bool = False,
    days: int | None = None,
    include_terminal: bool = True,
    limit: int | None = None,
    other_track: bool = False,
    notes: bool = False,
) -> pd.DataFrame:
    """Every ask in view with its status on ``track`` as of a date, the date of the entry
    behind it and when anyone last checked it (either track), in ask order; ``days``: only the
    asks unchecked for longer; ``limit``: only the stalest ``limit`` of those, with how many
    there are in all (``stale_count``); ``other_track``: the other track's status and label
    last (``response``, ``response_label``); ``notes``: that entry's note and evidence link
    too, and the ask's priority and date added (what a download of the list carries).

    Only the columns some list shows: handing each value of every row to Python and pandas
    is about half of what a list costs, and the notes need a lookup of each entry besides (an
    ask's priority and added_on are on its own page and in downloads, not in lists)."""
    check_track(track)
    as_of = as_of_or_today(as_of)
    mine, other = ("o", "r") if track == "outcome" else ("r", "o")
    # the first 10 characters: a date edited outside the tracker may carry a time. Never
    # checked: "not yet checked", counted from when the ask was added to the tracker (its
    # record's creation; not its letter's date, years back), so a new ask is stale only once
    # the review interval has passed; never negative in a look-back before it was entered
    added = "MAX(substr(a.created_at, 1, 10), substr(a.added_on, 1, 10))"
    checked_on = f"COALESCE(substr({LAST_CHECKED}, 1, 10), {added})"
    since_checked = f"MAX(0, CAST(julianday(:as_of) - julianday({checked_on}) AS INTEGER))"
    wanted = "1"
    if days is not None:
        # unchecked for more than :days days: checked before that many days back, compared as
        # text (ISO dates sort as they fall), so no ask's days are worked out to pick it
        wanted = f"{checked_on} < :checked_before"
        if not include_terminal:
            wanted += f""" AND {mine}.status NOT IN
                (SELECT code FROM statuses WHERE track = '{track}' AND terminal)"""
    joins, entry = "", ""
    if notes:
        joins = f"LEFT JOIN status_updates u ON u.id = {mine}.entry_id"
        entry = "u.note AS last_note, u.evidence_url AS last_evidence, a.priority, a.added_on,"
    where, params = view_params(ask_filter, public_only, as_of=as_of, days=days, limit=limit)
    if days is not None:
        params["checked_before"] = days_before(as_of, days)
    columns = f"""SELECT a.id AS ask_id, a.title, a.theme, a.target, a.country, a.owner,
           {mine}.status, CASE WHEN {mine}.entry_id IS NOT NULL THEN {mine}.since END AS since,
           {checked(mine)} AS last_update, {entry} {LAST_CHECKED} AS last_checked,
           {since_checked} AS days_since_checked
           {f", {other}.status AS other_status" if other_track else ""}"""
    if limit is None:
        sql = f"{columns} {asks_in_force(where, joins=joins)} AND {wanted} ORDER BY a.id"
    else:
        # the stalest few: every stale ask is counted and cut by its date alone (stalest
        # first, then by ask), and only those few are read whole
        sql = f"""WITH stale AS MATERIALIZED (
            SELECT a.id, {checked_on} AS checked_on {asks_in_force(where)} AND {wanted}
        ),
        cut AS (SELECT id FROM stale ORDER BY checked_on, id LIMIT :limit)
        {columns}, (SELECT COUNT(*) FROM stale) AS stale_count
        {asks_in_force(f"{where} AND a.id IN (SELECT id FROM cut)", joins=joins)}
        ORDER BY days_since_checked DESC, ask_id"""
    frame = pd.read_sql_query(sql, db.conn, params=params)
    if frame["days_since_checked"].isna().any():
        raise TrackerError(
            "a date in the database is not YYYY-MM-DD: correct it, then run "
            "'tracker init --rebuild'."
        )
    vocabulary = statuses(db).set_index("code")
    own = vocabulary[vocabulary["track"] == track][["label", "colour", "score", "terminal"]]
    described = by_code(own, frame["status"])
    for column, values in described.items():
        if values.isna().all():  # e.g. no score among these statuses: None, as SQL reads it
            described[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    place = frame.columns.get_loc("status") + 1
    frame = pd.concat([frame.iloc[:, :place], described, frame.iloc[:, place:]], axis=1)
    if other_track:
        labels = vocabulary[vocabulary["track"] == "response"][["label"]]
        frame = frame.rename(columns={"other_status": "response"})
        frame["response_label"] = by_code(labels, frame["response"])["label"]
    return frame


def current_status(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    track: str = "outcome",
    ask_filter: AskFilter = NO_FILTER,
    public_only: bool = False,
    notes: bool = False,
) -> pd.DataFrame:
    """Every ask in view with its status on ``track`` as of a date, the date that status began,
    the date of the entry in force (``notes``: its note and evidence link too), and when anyone
    last checked it (either track). A range lookup in the status spans, not a pass over the
    whole history."""
    view = {"ask_filter": ask_filter, "public_only": public_only, "notes": notes}
    return _status_list(db, as_of, track=track, **view)


def public_asks(
    db: Database, as_of: str | dt.date | None = None, *, ask_filter: AskFilter = NO_FILTER
) -> pd.DataFrame:
    """The public view of each ask as of a date, from public entries only: the one the public
    dashboard, snapshots and their reports show, so none of them can show more."""
    frame = current_status(db, as_of, ask_filter=ask_filter, public_only=True, notes=True)
    return frame[PUBLIC_ASK_COLUMNS]


def status_counts(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    track: str = "outcome",
    ask_filter: AskFilter = NO_FILTER,
    by: str | None = None,
    public_only: bool = False,
) -> pd.DataFrame:
    """How many asks are in each status as of a date (every status listed, zeros included),
    optionally broken down by theme, target, country, owner or priority."""
    check_track(track)
    check_grouping(by)
    group = f"a.{by}" if by else "''"
    mine = "o" if track == "outcome" else "r"
    where, params = view_params(ask_filter, public_only, as_of=as_of_or_today(as_of), track=track)
    sql = f"""
    WITH counted AS (
        SELECT {group} AS grp, {mine}.status, COUNT(*) AS n
        {asks_in_force(where, response=track == "response")}
        GROUP BY 1, 2
    ),
    groups AS (SELECT DISTINCT grp FROM counted)
    SELECT g.grp AS "group", s.code AS status, s.label, s.colour, s.score, s.sort_order,
           COALESCE(c.n, 0) AS count
    FROM groups g CROSS JOIN statuses s
    LEFT JOIN counted c ON c.grp IS g.grp AND c.status = s.code
    WHERE s.track = :track
    ORDER BY g.grp, s.sort_order"""
    frame = pd.read_sql_query(sql, db.conn, params=params)
    return frame if by else frame.drop(columns="group")


def stale_asks(db: Database, as_of: str | dt.date | None = None, **view) -> pd.DataFrame:
    """Asks nobody has updated or verified in more than ``days`` days as of a date, stalest
    first (then by ask). The view (days, ask_filter, include_terminal, notes) is
    ``stalest_asks``'."""
    return stalest_asks(db, as_of, **view)[1]


def stalest_asks(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    limit: int | None = None,
    days: int = STALE_DAYS,
    ask_filter: AskFilter = NO_FILTER,
    include_terminal: bool = False,
    notes: bool = False,
) -> tuple[int, pd.DataFrame]:
    """How many asks nobody has updated or verified in more than ``days`` days as of a date,
    and the stalest ``limit`` of them (all when None), stalest first, then by ask: a summary
    of the stalest few hands only those to Python. Asks in a terminal status (achieved,
    dropped) need no review unless asked for. ``notes``: each one's last note and evidence
    too, as ``current_status``'s (for downloads)."""
    for name, value in (("days", days), ("limit", limit or 0)):
        if int(value) < 0:
            raise ValidationError(f"{name} '{value}' must be zero or more.", name)
    view = {"ask_filter": ask_filter, "include_terminal": include_terminal, "notes": notes}
    if limit is not None:  # at least one row read, which carries the count
        cut = _status_list(db, as_of, days=int(days), limit=max(int(limit), 1), **view)
        counted = cut.pop("stale_count")
        return (int(counted.iloc[0]) if len(cut) else 0), cut.head(int(limit))
    frame = _status_list(db, as_of, days=int(days), **view)
    # stalest first, then by ask (the stable sort keeps SQL's order among equals): sorted
    # here, a whole list sorts faster in pandas than in SQL
    stalest = frame.sort_values("days_since_checked", ascending=False, kind="stable")
    return len(stalest), stalest.reset_index(drop=True)


def list_asks(db: Database, as_of: str | dt.date | None = None, **view) -> pd.DataFrame:
    """Asks with both tracks' current status, for lists and the CLI: the outcome track's list
    with the response track's status and label beside it. The view (ask_filter, public_only,
    notes) is ``current_status``'s."""
    return _status_list(db, as_of, other_track=True, **view)
