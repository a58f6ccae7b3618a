"""What moved over a span of time: the asks whose status differs between two dates, and the
feed of status changes recorded in between."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from sqlite_utils import Database

from tracker.dates import parse_date
from tracker.errors import ValidationError
from tracker.filters import NO_FILTER, AskFilter
from tracker.in_force import asks_in_force, checked, live_entry, status_in_force, view_params
from tracker.vocabulary import TRACK_LABELS, UNRECORDED, VISIBILITY_LABELS, check_track

DIRECTION_LABELS = {"up": "Forward", "down": "Backward", "level": "Changed, same score"}
# the feed as a person's CSV: labels under readable headers, no codes, colours or scores
FEED_COLUMNS = {
    "effective_date": "Date",
    "title": "Ask",
    "track": "Track",
    "previous_label": "From",
    "label": "To",
    "direction": "Direction",
    "theme": "Theme",
    "owner": "Owner",
    "note": "Note",
    "evidence_url": "Evidence",
    "visibility": "Visibility",
    "recorded_by": "Recorded by",
    "ask_id": "Ask #",
    "id": "Entry #",
}


def asks_moved_between(
    db: Database,
    start: str | dt.date,
    end: str | dt.date,
    *,
    ask_filter: AskFilter = NO_FILTER,
    track: str = "outcome",
    public_only: bool = False,
) -> pd.DataFrame:
    """Asks whose status differs between two dates: ``up`` or ``down`` by progress score,
    ``changed`` when neither (e.g. to or from dropped), ``added`` when made in between. An ask
    whose run of one status in force at the end began by the start had that status then too,
    so only the others have their status at the start looked up."""
    start_s = parse_date(start, "start date", allow_future=True)
    end_s = parse_date(end, "end date", allow_future=True)
    if start_s > end_s:
        raise ValidationError(
            f"start date {start_s} is after end date {end_s}: swap them.", "start date"
        )
    check_track(track)
    where, params = view_params(
        ask_filter, public_only, start=start_s, as_of=end_s, unrecorded=UNRECORDED[track]
    )
    after = "o" if track == "outcome" else "r"
    before = status_in_force("a.id", f"'{track}'", ":start")
    joins = f"LEFT JOIN status_updates u ON u.id = {after}.entry_id"
    sql = f"""
    WITH moved AS (
        SELECT a.id AS ask_id, a.title, a.theme, a.target, a.owner,
               a.added_on > :start AS added,
               CASE WHEN a.added_on <= :start THEN COALESCE({before}, :unrecorded) END
                   AS status_before,
               COALESCE({after}.status, :unrecorded) AS status_after,
               {checked(after)} AS last_update, u.note AS last_note
        {asks_in_force(where, joins=joins, response=track == "response")}
          AND ({after}.since > :start OR a.added_on > :start)
    )
    SELECT m.ask_id, m.title, m.theme, m.target, m.owner,
           CASE WHEN m.added THEN 'added'
                WHEN sb.score IS NOT NULL AND sa.score IS NOT NULL AND sa.score > sb.score
                    THEN 'up'
                WHEN sb.score IS NOT NULL AND sa.score IS NOT NULL AND sa.score < sb.score
                    THEN 'down'
                ELSE 'changed' END AS change,
           m.status_before, sb.label AS label_before, m.status_after, sa.label AS label_after,
           m.last_update, m.last_note
    FROM moved m
    LEFT JOIN statuses sb ON sb.track = '{track}' AND sb.code = m.status_before
    LEFT JOIN statuses sa ON sa.track = '{track}' AND sa.code = m.status_after
    WHERE m.added OR m.status_before IS NOT m.status_after
    ORDER BY m.ask_id"""
    return pd.read_sql_query(sql, db.conn, params=params)


def status_change_feed(
    db: Database,
    start: str | dt.date,
    end: str | dt.date,
    *,
    ask_filter: AskFilter = NO_FILTER,
    public_only: bool = False,
) -> pd.DataFrame:
    """The feed of status changes (not verifications) effective in ``(start, end]``, newest
    first, each with the status it replaced and its ``direction`` (up, down or level, by
    progress score; a first assessment counts from 0). Reads only the entries in the window
    (and, for each, the one before it), not the whole history."""
    start_s = parse_date(start, "start date", allow_future=True)
    end_s = parse_date(end, "end date", allow_future=True)
    where, params = ask_filter.sql("a")
    params.update(as_of=end_s, start=start_s)
    live = lambda u: live_entry(u, public_only)  # noqa: E731
    sql = f"""
    WITH seq AS MATERIALIZED (
        SELECT u.*, a.title, a.theme, a.owner,
               (SELECT p.status FROM status_updates p
                WHERE p.ask_id = u.ask_id AND p.track = u.track
                  AND p.effective_date <= u.effective_date
                  AND (p.effective_date, p.recorded_at, p.id)
                      < (u.effective_date, u.recorded_at, u.id)
                  AND {live("p")}
                ORDER BY p.effective_date DESC, p.recorded_at DESC, p.id DESC LIMIT 1) AS previous
        FROM status_updates u JOIN asks a
        WHERE u.effective_date > :start AND {live("u")}
          AND a.id = u.ask_id AND {where} AND a.added_on <= :as_of
    )
    SELECT seq.id, seq.ask_id, seq.title, seq.theme, seq.owner, seq.track, seq.effective_date,
           seq.previous, seq.status, s.label, s.colour, s.score,
           (SELECT score FROM statuses p WHERE p.track = seq.track AND p.code = seq.previous)
               AS previous_score,
           (SELECT label FROM statuses p WHERE p.track = seq.track AND p.code = seq.previous)
               AS previous_label,
           seq.note, seq.evidence_url, seq.visibility, seq.recorded_by
    FROM seq JOIN statuses s ON s.track = seq.track AND s.code = seq.status
    WHERE seq.status IS NOT seq.previous
    ORDER BY seq.effective_date DESC, seq.id DESC"""
    feed = pd.read_sql_query(sql, db.conn, params=params)
    rise = pd.to_numeric(feed["score"]).fillna(0) - pd.to_numeric(feed["previous_score"]).fillna(0)
    feed["direction"] = np.select([rise > 0, rise < 0], ["up", "down"], default="level")
    return feed


def readable_feed(feed: pd.DataFrame) -> pd.DataFrame:
    """``status_change_feed`` as people read it (the dashboard's CSV): FEED_COLUMNS, each code
    in words, "First assessment" where nothing came before."""
    return (
        feed.assign(
            track=feed["track"].map(TRACK_LABELS),
            previous_label=feed["previous_label"].fillna("First assessment"),
            direction=feed["direction"].map(DIRECTION_LABELS),
            visibility=feed["visibility"].map(VISIBILITY_LABELS),
        )
        .reindex(columns=list(FEED_COLUMNS))
        .rename(columns=FEED_COLUMNS)
    )
