"""Read queries. Each returns a small pandas DataFrame (``mix_grid`` a grid of counts), read
with ``pd.read_sql_query``; the work happens in SQL over the derived status spans and monthly
sums (tracker/spans.py), never in Python loops over history.

"As of" means world time: the entries whose effective date is on or before that date, with
corrections applied (a corrected entry is replaced by the entry that supersedes it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sqlite_utils import Database

from tracker.dates import as_of_or_today, parse_date
from tracker.errors import TrackerError, ValidationError
from tracker.filters import NO_FILTER, AskFilter
from tracker.records import get_ask
from tracker.vocabulary import UNRECORDED, check_track

GROUPINGS = ("theme", "target", "country", "owner", "priority")
STALE_DAYS = 90  # an ask not updated or verified for longer needs a look


def _frame(db: Database, sql: str, params: dict | tuple = ()) -> pd.DataFrame:
    return pd.read_sql_query(sql, db.conn, params=params)


def _live(u: str, public_only: bool = False) -> str:
    """Entry ``u`` counts as of :as_of: effective by then, not corrected (and public, for public
    views). For per-ask lookups that walk idx_status_updates_history."""
    public = f"AND {u}.visibility = 'public'" if public_only else ""
    return (
        f"{u}.effective_date <= :as_of {public} AND NOT EXISTS "
        f"(SELECT 1 FROM status_updates c WHERE c.supersedes_id = {u}.id)"
    )


NEWEST = "ORDER BY {u}.effective_date DESC, {u}.recorded_at DESC, {u}.id DESC LIMIT 1"


def _params(ask_filter: AskFilter, **extra) -> tuple[str, dict]:
    where, params = ask_filter.sql("a")
    params.update(extra)
    return where, params


def ask_choices(db: Database) -> dict[int, str]:
    """Every ask's id and a label to pick it by ("#12 Title"), for search boxes: no status
    work, so a 10k-ask picker costs one small query (cached by the pages)."""
    return dict(db.conn.execute("SELECT id, '#' || id || ' ' || title FROM asks ORDER BY id"))


def list_letters(db: Database) -> pd.DataFrame:
    """Letters, newest first, with how many asks each makes."""
    return _frame(
        db,
        """SELECT l.id, l.date_sent, l.title, l.author_org, l.cosigners, l.recipient_person,
                  l.recipient_office, l.url,
                  (SELECT COUNT(*) FROM letter_asks la WHERE la.letter_id = l.id) AS asks
           FROM letters l ORDER BY l.date_sent DESC, l.id DESC""",
    )


def get_letter(db: Database, letter_id: int) -> dict | None:
    rows = _frame(db, "SELECT * FROM letters WHERE id = ?", (int(letter_id),))
    return None if rows.empty else rows.iloc[0].to_dict()


def letter_asks(db: Database, letter_id: int) -> pd.DataFrame:
    """The asks a letter makes, with the passage that makes each."""
    return _frame(
        db,
        """SELECT a.id AS ask_id, a.title, a.theme, a.target, la.passage
           FROM letter_asks la JOIN asks a ON a.id = la.ask_id
           WHERE la.letter_id = ? ORDER BY a.id""",
        (int(letter_id),),
    )


def ask_letters(db: Database, ask_id: int) -> pd.DataFrame:
    """The letters that made an ask, oldest first."""
    return _frame(
        db,
        """SELECT l.id AS letter_id, l.date_sent, l.title, l.author_org, la.passage
           FROM letter_asks la JOIN letters l ON l.id = la.letter_id
           WHERE la.ask_id = ? ORDER BY l.date_sent, l.id""",
        (int(ask_id),),
    )


def filter_options(db: Database) -> dict:
    """Distinct values for each filter, for pickers, and the date the first ask was made."""
    options = {
        plural: [
            r[0]
            for r in db.conn.execute(
                f"SELECT DISTINCT {column} FROM asks WHERE {column} IS NOT NULL ORDER BY 1"
            )
        ]
        for column, plural in (
            ("theme", "themes"),
            ("target", "targets"),
            ("country", "countries"),
            ("owner", "owners"),
        )
    }
    options["letters"] = [
        (r[0], r[1])
        for r in db.conn.execute(
            "SELECT id, date_sent || ' — ' || title FROM letters ORDER BY date_sent DESC"
        )
    ]
    options["first_date"] = db.conn.execute("SELECT MIN(added_on) FROM asks").fetchone()[0]
    return options


def in_force(alias: str, track: str, on: str = ":as_of") -> str:
    """Span ``alias`` is of ``track`` in the view's variant and in force on ``on``."""
    return (
        f"{alias}.variant = :variant AND {alias}.track = {track} "
        f"AND {alias}.start <= {on} AND {alias}.stop > {on}"
    )


def asks_in_force(where: str, on: str = ":as_of", joins: str = "") -> str:
    """FROM and WHERE for every ask in view made by ``on`` (``a``) with its outcome span (``o``,
    every such ask has one) and its response span (``r``, if any) in force on ``on``."""
    return f"""FROM status_spans o JOIN asks a ON a.id = o.ask_id
    LEFT JOIN status_spans r ON r.ask_id = o.ask_id AND {in_force("r", "'response'", on)}
    {joins}
    WHERE {in_force("o", "'outcome'", on)} AND a.added_on <= {on} AND {where}"""


def view_params(ask_filter: AskFilter, public_only: bool, **extra) -> tuple[str, dict]:
    """The filter's WHERE on ``a`` and the parameters, with the span variant of the view."""
    where, params = ask_filter.sql("a")
    params.update(variant="public" if public_only else "all", **extra)
    return where, params


def checked(alias: str) -> str:
    """When someone last checked the ask on the span's track: its entry's date, if any."""
    return f"CASE WHEN {alias}.entry_id IS NOT NULL THEN {alias}.start END"


LAST_CHECKED = f"""CASE WHEN r.entry_id IS NOT NULL AND (o.entry_id IS NULL OR r.start > o.start)
    THEN r.start ELSE {checked("o")} END"""


def _status_sql(track: str, where: str, *, stale: bool = False, include_terminal: bool = True):
    """Every ask in view with its status on ``track`` as of :as_of, the entry behind it, when
    anyone last checked it (either track) and the other track's status; ``stale``: only the
    asks unchecked for more than :days, stalest first."""
    mine, other = ("o", "r") if track == "outcome" else ("r", "o")
    # the first 10 characters: a date edited outside the tracker may carry a time
    days = f"""CAST(julianday(:as_of)
        - julianday(substr(COALESCE({LAST_CHECKED}, a.added_on), 1, 10)) AS INTEGER)"""
    wanted = "1"
    if stale:
        wanted = "days_since_checked > :days"
        if not include_terminal:
            wanted += " AND NOT s.terminal"
    joins = f"""LEFT JOIN status_updates u ON u.id = {mine}.entry_id
    LEFT JOIN statuses s ON s.track = '{track}' AND s.code = {mine}.status"""
    return f"""SELECT a.id AS ask_id, a.title, a.theme, a.target, a.country, a.owner,
           a.priority, a.added_on, {mine}.status, s.label, s.colour, s.score, s.terminal,
           CASE WHEN {mine}.entry_id IS NOT NULL THEN {mine}.since END AS since,
           {checked(mine)} AS last_update, u.note AS last_note,
           u.evidence_url AS last_evidence, u.visibility AS last_visibility,
           {LAST_CHECKED} AS last_checked, {days} AS days_since_checked,
           {other}.status AS other_status
    {asks_in_force(where, joins=joins)} AND {wanted}
    ORDER BY {"days_since_checked DESC, " if stale else ""}a.id"""


def _status_frame(db: Database, sql: str, params: dict) -> pd.DataFrame:
    frame = _frame(db, sql, params)
    if frame["days_since_checked"].isna().any():
        raise TrackerError(
            "a date in the database is not YYYY-MM-DD: correct it, then run "
            "'tracker init --rebuild'."
        )
    return frame


def _status_params(
    ask_filter: AskFilter, public_only: bool, as_of: str | dt.date | None, track: str, **extra
) -> tuple[str, dict]:
    check_track(track)
    return view_params(ask_filter, public_only, as_of=as_of_or_today(as_of), track=track, **extra)


def _vocabulary(db: Database, track: str) -> pd.DataFrame:
    """The track's statuses by code, in order: label, colour, score and whether each is
    terminal."""
    return _frame(
        db,
        "SELECT code, label, colour, score, terminal FROM statuses WHERE track = ? "
        "ORDER BY sort_order",
        (track,),
    ).set_index("code")


def current_status(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    track: str = "outcome",
    ask_filter: AskFilter = NO_FILTER,
    public_only: bool = False,
) -> pd.DataFrame:
    """Every ask in view with its status on ``track`` as of a date, the date that status began,
    its latest entry, and when anyone last checked it (either track). A range lookup in the
    status spans, not a pass over the whole history."""
    where, params = _status_params(ask_filter, public_only, as_of, track)
    frame = _status_frame(db, _status_sql(track, where), params)
    return frame.drop(columns="other_status")


def _check_counting(track: str, by: str | None) -> None:
    """A known track, and a column counts can be grouped by (or none)."""
    check_track(track)
    if by is not None and by not in GROUPINGS:
        raise ValidationError(f"cannot group by '{by}': use one of {', '.join(GROUPINGS)}.", "by")


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
    _check_counting(track, by)
    group = f"a.{by}" if by else "''"
    mine = "o" if track == "outcome" else "r"
    where, params = _status_params(ask_filter, public_only, as_of, track)
    sql = f"""
    WITH counted AS (
        SELECT {group} AS grp, {mine}.status, COUNT(*) AS n {asks_in_force(where)}
        GROUP BY 1, 2
    ),
    groups AS (SELECT DISTINCT grp FROM (SELECT {group} AS grp {asks_in_force(where)}))
    SELECT g.grp AS "group", s.code AS status, s.label, s.colour, s.score, s.sort_order,
           COALESCE(c.n, 0) AS count
    FROM groups g CROSS JOIN statuses s
    LEFT JOIN counted c ON c.grp IS g.grp AND c.status = s.code
    WHERE s.track = :track
    ORDER BY g.grp, s.sort_order"""
    frame = _frame(db, sql, params)
    return frame if by else frame.drop(columns="group")


def _mix_sql(where: str, by: str | None, summed: bool, themes_where: str) -> str:
    """Monthly status changes by change-point accounting over the status runs: each run adds
    +1 in the month it starts (or the ask was made, if later) and -1 in the month it ends
    (``deltas``, one row per month, group and status of each part); their running sum
    (``mix_grid``) gives the counts at each month's end.

    ``summed`` (no filter but themes, grouped by theme or not at all): the months before
    :as_of's come from ``status_mix_months``, where those changes are kept summed by the theme
    each run was counted under (``p.theme``), and only :as_of's own month is counted from the
    runs."""
    asks_where = where
    if summed:
        group = "p.theme" if by else "''"
        where = themes_where
    else:
        # NULL groups (an ask without an owner) become '' so they group and sort like the others
        group = f"IFNULL(a.{by}, '')" if by else "''"
    starts, stops = "p.mix_start IS NOT NULL", "p.run_stop_month IS NOT NULL"
    summed_months = ""
    if summed:
        starts, stops = "p.mix_start = :as_month", "p.run_stop_month = :as_month"
        summed_months = f"""
        SELECT p.month, {group}, p.status, SUM(p.delta) FROM status_mix_months p
        WHERE p.variant = :variant AND p.track = :track AND p.month < :as_month AND {where}
        GROUP BY 1, 2, 3
        UNION ALL"""
    runs = f"""FROM status_spans p JOIN asks a ON a.id = p.ask_id
        WHERE p.variant = :variant AND p.track = :track AND a.added_on <= :as_of AND {where}"""
    return f"""
    WITH bounds AS (
        SELECT substr(MIN(a.added_on), 1, 7) AS first_month FROM asks a
        WHERE a.added_on <= :as_of AND {asks_where}
    ),
    deltas (m, grp, status, d) AS ({summed_months}
        SELECT p.mix_start, {group}, p.status, COUNT(*) {runs}
          AND {starts} AND p.start <= :as_of
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT p.run_stop_month, {group}, p.status, -COUNT(*) {runs}
          AND {stops} AND p.mix_start IS NOT NULL AND p.run_stop <= :as_of
        GROUP BY 1, 2, 3
    ),
    groups AS (
        SELECT DISTINCT {group.replace("p.", "a.")} AS grp FROM asks a
        WHERE a.added_on <= :as_of AND {asks_where}
    )"""


@dataclass(frozen=True)
class MixGrid:
    """Status counts at each month's end as a month x group x status array, with its axes:
    the status mix and the progress index are both read off it, overall or by group, without
    going back to the database (groups are ``''`` when not grouped, and for asks with no
    value in the grouping column)."""

    months: list[str]
    groups: list[str]
    vocabulary: pd.DataFrame  # status, label, colour, score, terminal; in the track's order
    counts: np.ndarray
    by: str | None

    def since(self, month: str) -> MixGrid:
        """The months from ``month`` (``YYYY-MM``) on."""
        first = int(np.searchsorted(np.array(self.months, dtype=object), month))
        return replace(self, months=self.months[first:], counts=self.counts[first:])

    def overall(self) -> MixGrid:
        """Summed over the groups: as if not grouped."""
        counts = self.counts.sum(axis=1, keepdims=True)
        return replace(self, groups=[""], counts=counts, by=None)

    def frame(self) -> pd.DataFrame:
        """As ``status_mix`` gives it: every status in every month (and group); typed alike
        when there are no months."""
        months, groups, vocabulary = self.months, self.groups, self.vocabulary
        cells_per_month = len(groups) * len(vocabulary)
        status_at = np.tile(np.arange(len(vocabulary)), len(months) * len(groups))

        def text(values: list, at: np.ndarray) -> pd.Series:
            return pd.Series(np.array(values, dtype=object)[at], dtype="str")

        frame = pd.DataFrame(
            {
                "month": text(months, np.repeat(np.arange(len(months)), cells_per_month)),
                "group": text(
                    [g or None for g in groups],
                    np.tile(np.repeat(np.arange(len(groups)), len(vocabulary)), len(months)),
                ),
                "status": text(vocabulary["status"].tolist(), status_at),
                "label": text(vocabulary["label"].tolist(), status_at),
                "colour": text(vocabulary["colour"].tolist(), status_at),
                "score": vocabulary["score"].to_numpy(dtype=float)[status_at],
                "count": self.counts.reshape(-1),  # month, then group, then status order
            }
        )
        return frame if self.by else frame.drop(columns="group")

    def progress(self) -> pd.DataFrame:
        """As ``progress_index`` gives it: month (and group, asks with no value last), the
        mean score of assessed asks, how many were assessed and how many there were."""
        score = pd.to_numeric(self.vocabulary["score"]).to_numpy(dtype=float)
        counts, groups = self.counts, [None]  # not grouped: one group, ''
        if self.by:
            order = sorted(
                range(len(self.groups)), key=lambda g: (not self.groups[g], self.groups[g])
            )
            counts, groups = counts[:, order, :], [self.groups[g] or None for g in order]
        weighted = (counts * np.nan_to_num(score)).sum(axis=2).reshape(-1)
        assessed = counts[:, :, ~np.isnan(score)].sum(axis=2).reshape(-1)
        with np.errstate(invalid="ignore", divide="ignore"):
            index = np.where(assessed > 0, weighted / assessed, np.nan)
        frame = {"month": pd.array(np.repeat(self.months, len(groups)), dtype="str")}
        if self.by:
            frame["group"] = pd.array(groups * len(self.months), dtype="str")
        return pd.DataFrame(frame).assign(
            progress_index=index, assessed=assessed, asks=counts.sum(axis=2).reshape(-1)
        )


def mix_grid(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    track: str = "outcome",
    ask_filter: AskFilter = NO_FILTER,
    by: str | None = None,
    public_only: bool = False,
) -> MixGrid:
    """Status counts at the end of each month, from the first ask's month to ``as_of``, as a
    grid. SQL sums the monthly changes; they are placed in the grid and run along the months
    here."""
    _check_counting(track, by)
    as_of = as_of_or_today(as_of)
    where, params = view_params(
        ask_filter, public_only, as_of=as_of, as_month=as_of[:7], track=track
    )
    summed = by in (None, "theme") and replace(ask_filter, themes=()).is_empty
    base = _mix_sql(where, by, summed, ask_filter.sql("p")[0])
    vocabulary = _vocabulary(db, track).rename_axis("status").reset_index()
    first = db.conn.execute(base + " SELECT first_month FROM bounds", params).fetchone()[0]
    if first is None:
        return MixGrid([], [], vocabulary, np.zeros((0, 0, len(vocabulary)), np.int64), by)
    groups = {r[0] for r in db.conn.execute(base + " SELECT grp FROM groups", params)}
    months = list(pd.period_range(first, as_of[:7], freq="M").strftime("%Y-%m"))
    rows = _frame(db, base + " SELECT m, grp, status, d FROM deltas", params)
    # an ask edited outside the tracker keeps its old theme in the spans until its next entry
    groups = sorted(groups | set(rows["grp"]))
    counts = np.zeros((len(months), len(groups), len(vocabulary)), dtype=np.int64)
    at = tuple(
        pd.Index(values).get_indexer(rows[column])
        for column, values in (("m", months), ("grp", groups), ("status", vocabulary["status"]))
    )
    if any((where_ < 0).any() for where_ in at):  # a month or status outside the grid
        raise TrackerError(
            "the monthly status counts are out of step with the history: run "
            "'tracker init --rebuild' to recompute them."
        )
    np.add.at(counts, at, rows["d"].to_numpy(dtype=np.int64))
    return MixGrid(months, groups, vocabulary, counts.cumsum(axis=0), by)


def status_mix(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    track: str = "outcome",
    ask_filter: AskFilter = NO_FILTER,
    by: str | None = None,
    public_only: bool = False,
) -> pd.DataFrame:
    """Status counts at the end of each month, from the first ask's month to ``as_of``:
    month, (group,) status, label, colour, score, count; every status in every month."""
    grid = mix_grid(db, as_of, track=track, ask_filter=ask_filter, by=by, public_only=public_only)
    return grid.frame()


def progress_index(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    ask_filter: AskFilter = NO_FILTER,
    by: str | None = None,
    public_only: bool = False,
) -> pd.DataFrame:
    """The mean progress score of assessed asks at each month's end (0 = nothing moved or
    reversed, 1 = all achieved). Statuses without a score (not assessed, dropped) don't count."""
    grid = mix_grid(db, as_of, ask_filter=ask_filter, by=by, public_only=public_only)
    return grid.progress()


def ask_history(
    db: Database,
    ask_id: int,
    *,
    public_only: bool = False,
    as_of: str | dt.date | None = None,
) -> pd.DataFrame:
    """Every entry of an ask's history (up to ``as_of``, when given), newest first, with what
    corrected what."""
    ask_id = get_ask(db, ask_id)["id"]
    public = "AND u.visibility = 'public'" if public_only else ""
    if as_of is not None:
        public += " AND u.effective_date <= :as_of"
    return _frame(
        db,
        f"""SELECT u.id, u.track, u.effective_date, u.status, s.label, s.colour, u.kind,
                   u.note, u.evidence_url, u.visibility, u.recorded_by, u.recorded_at,
                   u.supersedes_id,
                   (SELECT c.id FROM status_updates c WHERE c.supersedes_id = u.id)
                       AS superseded_by
            FROM status_updates u
            JOIN statuses s ON s.track = u.track AND s.code = u.status
            WHERE u.ask_id = :ask_id {public}
            ORDER BY u.effective_date DESC, u.recorded_at DESC, u.id DESC""",
        {"ask_id": ask_id, "as_of": None if as_of is None else as_of_or_today(as_of)},
    )


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
    public = "AND u.visibility = 'public'" if public_only else ""
    sql = f"""
    WITH live AS (
        SELECT u.* FROM status_updates u
        WHERE u.ask_id = :ask_id AND u.effective_date <= :as_of {public}
          AND NOT EXISTS (SELECT 1 FROM status_updates c WHERE c.supersedes_id = u.id)
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
    return _frame(db, sql, {"ask_id": ask_id, "as_of": as_of_or_today(as_of)})


def stale_asks(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    days: int = STALE_DAYS,
    ask_filter: AskFilter = NO_FILTER,
    include_terminal: bool = False,
) -> pd.DataFrame:
    """Asks nobody has updated or verified in more than ``days`` days as of a date, stalest
    first. Asks in a terminal status (achieved, dropped) need no review unless asked for."""
    if int(days) < 0:
        raise ValidationError(f"days '{days}' must be zero or more.", "days")
    where, params = _status_params(ask_filter, False, as_of, "outcome", days=int(days))
    sql = _status_sql("outcome", where, stale=True, include_terminal=include_terminal)
    return _status_frame(db, sql, params).drop(columns="other_status")


def changes_between(
    db: Database,
    start: str | dt.date,
    end: str | dt.date,
    *,
    ask_filter: AskFilter = NO_FILTER,
    track: str = "outcome",
    public_only: bool = False,
) -> pd.DataFrame:
    """Asks whose status differs between two dates: ``up`` or ``down`` by progress score,
    ``changed`` when neither (e.g. to or from dropped), ``added`` when made in between."""
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
    joins = f"""LEFT JOIN status_spans b ON b.ask_id = o.ask_id
        AND {in_force("b", f"'{track}'", ":start")}
    LEFT JOIN status_updates u ON u.id = {after}.entry_id"""
    sql = f"""
    WITH moved AS (
        SELECT a.id AS ask_id, a.title, a.theme, a.target, a.owner,
               a.added_on > :start AS added,
               CASE WHEN a.added_on <= :start THEN COALESCE(b.status, :unrecorded) END
                   AS status_before,
               COALESCE({after}.status, :unrecorded) AS status_after,
               {checked(after)} AS last_update, u.note AS last_note
        {asks_in_force(where, joins=joins)}
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
    return _frame(db, sql, params)


def status_changes(
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
    live = lambda u: _live(u, public_only)  # noqa: E731
    sql = f"""
    WITH seq AS MATERIALIZED (
        SELECT u.*, a.title, a.theme, a.owner,
               (SELECT p.status FROM status_updates p
                WHERE p.ask_id = u.ask_id AND p.track = u.track
                  AND p.effective_date <= u.effective_date
                  AND (p.effective_date, p.recorded_at, p.id)
                      < (u.effective_date, u.recorded_at, u.id)
                  AND {live("p")}
                {NEWEST.format(u="p")}) AS previous
        FROM status_updates u JOIN asks a
        WHERE u.effective_date > :start AND {live("u")}
          AND a.id = u.ask_id AND {where} AND a.added_on <= :as_of
    )
    SELECT seq.id, seq.ask_id, seq.title, seq.theme, seq.owner, seq.track, seq.effective_date,
           seq.previous, seq.status, s.label, s.colour, s.score,
           (SELECT score FROM statuses p WHERE p.track = seq.track AND p.code = seq.previous)
               AS previous_score,
           seq.note, seq.evidence_url, seq.visibility, seq.recorded_by
    FROM seq JOIN statuses s ON s.track = seq.track AND s.code = seq.status
    WHERE seq.status IS NOT seq.previous
    ORDER BY seq.effective_date DESC, seq.id DESC"""
    feed = _frame(db, sql, params)
    rise = pd.to_numeric(feed["score"]).fillna(0) - pd.to_numeric(feed["previous_score"]).fillna(0)
    feed["direction"] = np.select([rise > 0, rise < 0], ["up", "down"], default="level")
    return feed


def list_asks(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    ask_filter: AskFilter = NO_FILTER,
    public_only: bool = False,
) -> pd.DataFrame:
    """Asks with both tracks' current status, for lists and the CLI."""
    where, params = _status_params(ask_filter, public_only, as_of, "outcome")
    frame = _status_frame(db, _status_sql("outcome", where), params)
    response = frame.pop("other_status")
    labels = _vocabulary(db, "response")["label"]
    return frame.assign(response=response, response_label=response.map(labels))
