"""The status mix over time: how many asks were in each status at each month's end, and the
progress index read off the same counts. Runs of one status add +1 in the month they start
counting and -1 in the month they end; the unfiltered and by-theme sums of those changes are
kept in ``status_mix_months`` (tracker/spans.py), so only the current month is counted from
the spans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sqlite_utils import Database

from tracker.dates import as_of_or_today
from tracker.errors import TrackerError
from tracker.filters import NO_FILTER, AskFilter, check_grouping
from tracker.in_force import view_params
from tracker.vocabulary import check_track, statuses


def _mix_sql(
    where: str, by: str | None, summed: bool, themes_where: str, each_run: bool = False
) -> str:
    """Monthly status changes by change-point accounting over the status runs: each run adds
    +1 in the month it starts (or the ask was made, if later) and -1 in the month it ends
    (``deltas``: month, group, status and change); their running sum (``mix_grid``) gives the
    counts at each month's end.

    ``summed`` (no filter but themes, grouped by theme or not at all): the months before
    :as_of's come from ``status_mix_months``, where those changes are kept summed by the theme
    each run was counted under (``p.theme``), and only :as_of's own month is counted from the
    runs, found by month in their indexes. Otherwise the asks in view are read first and each
    one's runs found by ask, so a filter narrows what is read. ``each_run``: each run is a row
    of its own (``runs``: the months it starts and, if it has by :as_of, stops counting, its
    group and status), read once and summed where it is placed in the grid: a few hundred asks
    grouped by a column have few runs in common, and SQLite sorting them by month, group and
    status to sum them cost more than reading them."""
    asks_where = where
    # NULL groups (an ask without an owner) become '' so they group and sort like the others
    group = f"IFNULL(a.{by}, '')" if by else "''"
    starts, stops = "p.mix_start IS NOT NULL", "p.run_stop_month IS NOT NULL"
    joined, summed_months = "asks a CROSS JOIN status_spans p ON p.ask_id = a.id", ""
    if summed:
        group, where = ("p.theme" if by else "''"), themes_where
        joined = "status_spans p JOIN asks a ON a.id = p.ask_id"
        starts, stops = "p.mix_start = :as_month", "p.run_stop_month = :as_month"
        # by theme the kept sums are already one row per month, theme and status: read as
        # they are (summing them again in SQL cost more than reading them)
        delta, regroup = ("p.delta", "") if by else ("SUM(p.delta)", "GROUP BY 1, 2, 3")
        summed_months = f"""
        SELECT p.month, {group}, p.status, {delta} FROM status_mix_months p
        WHERE p.variant = :variant AND p.track = :track AND p.month < :as_month AND {where}
        {regroup}
        UNION ALL"""
    runs = f"""FROM {joined}
        WHERE p.variant = :variant AND p.track = :track AND a.added_on <= :as_of AND {where}"""
    counted = f"""SELECT p.mix_start, {group}, p.status, COUNT(*) {runs}
          AND {starts} AND p.start <= :as_of
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT p.run_stop_month, {group}, p.status, -COUNT(*) {runs}
          AND {stops} AND p.mix_start IS NOT NULL AND p.run_stop <= :as_of
        GROUP BY 1, 2, 3"""
    if each_run:  # a run that stops counting by :as_of has started counting by then
        counted = f"""SELECT p.mix_start,
               CASE WHEN p.run_stop <= :as_of THEN p.run_stop_month END, {group}, p.status
        {runs} AND {starts} AND p.start <= :as_of"""
    table = "runs (m, stop, grp, status)" if each_run else "deltas (m, grp, status, d)"
    return f"""
    WITH {table} AS ({summed_months}
        {counted}
    ),
    groups AS (  -- each group of asks in view, and the month its first ask was made
        SELECT {group.replace("p.", "a.")} AS grp, substr(MIN(a.added_on), 1, 7) AS first_month
        FROM asks a WHERE a.added_on <= :as_of AND {asks_where} GROUP BY 1
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
            # each distinct value stored once, then repeated: not one string per cell
            return pd.Series(pd.array(values, dtype="str").take(at))

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
    check_track(track)
    check_grouping(by)
    as_of = as_of_or_today(as_of)
    where, params = view_params(
        ask_filter, public_only, as_of=as_of, as_month=as_of[:7], track=track
    )
    summed = by in (None, "theme") and replace(ask_filter, themes=()).is_empty
    each_run = not summed and by is not None and not ask_filter.is_empty
    base = _mix_sql(where, by, summed, ask_filter.sql("p")[0], each_run)
    vocabulary = statuses(db, track).rename(columns={"code": "status"})
    found = db.conn.execute(base + " SELECT grp, first_month FROM groups", params).fetchall()
    if not found:
        return MixGrid([], [], vocabulary, np.zeros((0, 0, len(vocabulary)), np.int64), by)
    first, groups = min(month for _, month in found), {grp for grp, _ in found}
    months = list(pd.period_range(first, as_of[:7], freq="M").strftime("%Y-%m"))
    month, group, status, delta = _changes(db, base, params, each_run)
    # an ask edited outside the tracker keeps its old theme in the spans until its next entry
    groups = sorted(groups.union(group))
    counts = np.zeros((len(months), len(groups), len(vocabulary)), dtype=np.int64)
    # each change placed in the grid by its three keys, looked up together (plain arrays,
    # not a frame)
    at = tuple(
        pd.Index(axis, dtype=object).get_indexer(pd.Index(keys, dtype=object))
        for keys, axis in ((month, months), (group, groups), (status, vocabulary["status"]))
    )
    if any((place < 0).any() for place in at):  # a month or status outside the grid
        raise TrackerError(
            "the monthly status counts are out of step with the history: run "
            "'tracker init --rebuild' to recompute them."
        )
    np.add.at(counts, at, delta)
    return MixGrid(months, groups, vocabulary, counts.cumsum(axis=0), by)


def _changes(
    db: Database, base: str, params: dict, each_run: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The monthly changes as arrays of month, group, status and change: read as SQL summed
    them, or (``each_run``) each run's +1 where it starts counting and -1 where it stops."""
    if not each_run:
        rows = db.conn.execute(base + " SELECT m, grp, status, d FROM deltas", params).fetchall()
        month, group, status, delta = _columns(rows, 4)
        return month, group, status, delta.astype(np.int64)
    rows = db.conn.execute(base + " SELECT m, stop, grp, status FROM runs", params).fetchall()
    start, stop, group, status = _columns(rows, 4)
    stopped = pd.notna(stop)
    return (
        np.concatenate([start, stop[stopped]]),
        np.concatenate([group, group[stopped]]),
        np.concatenate([status, status[stopped]]),
        np.concatenate([np.ones(len(start), np.int64), np.full(stopped.sum(), -1, np.int64)]),
    )


def _columns(rows: list[tuple], width: int) -> list[np.ndarray]:
    """Rows of plain values as one array per column, each value kept as it is."""
    columns = zip(*rows, strict=True) if rows else ((),) * width
    return [np.fromiter(column, dtype=object, count=len(rows)) for column in columns]


def status_mix(db: Database, as_of: str | dt.date | None = None, **view) -> pd.DataFrame:
    """Status counts at the end of each month, from the first ask's month to ``as_of``:
    month, (group,) status, label, colour, score, count; every status in every month. The
    view (track, ask_filter, by, public_only) is ``mix_grid``'s."""
    return mix_grid(db, as_of, **view).frame()


def progress_index(db: Database, as_of: str | dt.date | None = None, **view) -> pd.DataFrame:
    """The mean progress score of assessed asks at each month's end (0 = nothing moved or
    reversed, 1 = all achieved). Statuses without a score (not assessed, dropped) don't count.
    The view (ask_filter, by, public_only) is ``mix_grid``'s."""
    return mix_grid(db, as_of, **view).progress()
