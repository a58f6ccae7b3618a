"""Read queries. Each returns a small pandas DataFrame (``mix_grid`` a grid of counts); the
heavy work happens in SQL over the derived status spans and monthly sums (tracker/periods.py),
never in Python loops over history: SQL returns narrow columns, and pandas, Arrow or numpy
put them together (joining titles and notes per row in SQL costs more for 10k asks).

"As of" means world time: the entries whose effective date is on or before that date, with
corrections applied (a corrected entry is replaced by the entry that supersedes it).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlite_utils import Database

from tracker import kept
from tracker.dates import as_of_or_today, parse_date
from tracker.errors import TrackerError, ValidationError
from tracker.filters import NO_FILTER, AskFilter
from tracker.frames import STRING, STRINGS, read_arrow, read_frame, read_packed
from tracker.periods import LONG, OPEN
from tracker.records import get_ask
from tracker.vocabulary import UNRECORDED, check_track

GROUPINGS = ("theme", "target", "country", "owner", "priority")
STALE_DAYS = 90  # an ask not updated or verified for longer needs a look


def _frame(db: Database, sql: str, params: dict | tuple = ()) -> pd.DataFrame:
    return read_frame(db.conn, sql, params)


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


def _spans_in_force(where: str, track: str, on: str = ":as_of") -> str:
    """The status span of ``track`` in force on ``on`` for each ask in view (made by then),
    from the span table's variant (tracker/periods.py): the parts of ``_spans_in_force_parts``
    as one query."""
    return "\nUNION ALL\n".join(_spans_in_force_parts(where, track, on))


def _spans_in_force_parts(where: str, track: str, on: str = ":as_of") -> list[str]:
    """The spans in force, one query per length class (``reach``): a span of class k in force
    on a date ends within 2**k days after it, so each class is one short range of ends, the
    longest spans one range that is short because they are few, and the open spans one range
    of starts. Together they read about twice the rows they return, for any date: one range
    of every span ending later read 20 times as many for a date ten years back."""
    head = f"""SELECT p.ask_id, p.status, p.since, p.entry_id, p.start,
                      p.theme, p.target, p.country, p.owner, p.priority
               FROM status_spans p INDEXED BY idx_status_spans_in_force
               WHERE p.variant = :variant AND p.track = {track}
                 AND p.start <= {on} AND p.added_on <= {on} AND {where}"""
    classes = [f"p.reach IS NULL AND p.stop = '{OPEN}'", f"p.reach = {LONG} AND p.stop > {on}"]
    classes += [
        f"p.reach = {k} AND p.stop > {on}"
        f" AND p.stop <= COALESCE(date({on}, '+{2**k} days'), '{OPEN}')"  # NULL past year 9999
        for k in range(LONG)
    ]
    return [f"{head}\n AND {span_class}" for span_class in classes]


def _variant_params(ask_filter: AskFilter, public_only: bool, **extra) -> tuple[str, dict]:
    where, params = ask_filter.sql("p", id_column="ask_id")
    params.update(variant="public" if public_only else "all", **extra)
    return where, params


SPAN_COLUMNS = {
    "status": "p.status",
    "entry_id": "p.entry_id",
    "since": "CASE WHEN p.entry_id IS NOT NULL THEN p.since END",
    "checked": "CASE WHEN p.entry_id IS NOT NULL THEN p.start END",
}


def _spans_frame(
    db: Database,
    where: str,
    params: dict,
    track: str,
    *,
    on: str = ":as_of",
    columns: tuple[str, ...] = tuple(SPAN_COLUMNS),
) -> pd.DataFrame:
    """The spans of ``track`` in force on ``on``, by ask id: the status, and for a span that
    comes from an entry (not "not assessed yet"), the entry, its date (``checked``) and the
    start of its run (``since``). Narrow on purpose (each cell costs a Python object):
    titles and notes come from ``tracker.kept``."""
    wanted = ", ".join(f"{SPAN_COLUMNS[c]} AS {c}" for c in columns)
    parts = [
        f"SELECT p.ask_id, {wanted} FROM ({part}) AS p"
        for part in _spans_in_force_parts(where, f"'{track}'", on)
    ]
    kinds = {"ask_id": "int", **{c: "int" if c == "entry_id" else "text" for c in columns}}
    spans = read_packed(db.conn, parts, params, kinds)
    if spans.empty:  # typed as when there are rows, so merged columns keep their dtypes
        spans = spans.astype(
            {"ask_id": "int64", **{c: "float64" if c == "entry_id" else STRING for c in columns}}
        )
    return spans.set_index("ask_id").sort_index()


def _status_frame(
    db: Database,
    track: str,
    where: str,
    params: dict,
    outcome: pd.DataFrame,
    *,
    stale_after: int | None = None,
) -> pd.DataFrame:
    """Every ask of ``outcome`` (outcome spans in force, sorted by ask) with its status on
    ``track`` as of :as_of and the entry behind it, when anyone last checked it (either
    track), and each status's label, colour, score and whether it is terminal; with
    ``stale_after``, only the asks unchecked for longer, stalest first. The spans, the asks
    and the vocabulary are read apart and put together here, rows picked on the narrow
    columns first: joining them per row in SQL costs twice as much for 10k asks."""
    needed = tuple(SPAN_COLUMNS) if track == "response" else ("status", "checked")
    response = _spans_frame(db, where, params, "response", columns=needed)
    response = response.reindex(outcome.index)
    by_outcome, by_response = outcome["checked"], response["checked"]
    later = by_response.notna() & (by_outcome.isna() | (by_response > by_outcome))
    last_checked = by_outcome.mask(later, by_response)
    asks = kept.ask_details(db)
    # never checked: "not yet checked", counted from when the ask was added to the tracker
    # (not from its letter's date, years back), so a new ask is stale only after the interval
    since_added = _added_to_tracker(db, last_checked.index[last_checked.isna()])
    reference = last_checked.fillna(since_added)
    days = pd.Series(_days_between(reference, params["as_of"]), outcome.index).clip(lower=0)
    if stale_after is not None:
        days = days[days > stale_after]
        days = days.iloc[np.lexsort((days.index.to_numpy(), -days.to_numpy()))]
        outcome, response, last_checked = (
            outcome.loc[days.index],
            response.loc[days.index],
            last_checked.loc[days.index],
        )
    mine, other = (outcome, response) if track == "outcome" else (response, outcome)
    status = mine["status"]
    if UNRECORDED[track] is not None:
        status = status.fillna(UNRECORDED[track])
    columns = {"status": status, **_vocabulary_columns(_vocabulary(db, track), status)}
    columns.update(
        since=mine["since"],
        last_update=mine["checked"],
        **kept.entry_details(db, mine["entry_id"]),
        last_checked=last_checked,
        days_since_checked=days,
        other_status=other["status"],
    )
    frame = pd.concat([asks.reindex(days.index), pd.DataFrame(columns)], axis=1)
    frame.index.name = "ask_id"
    return frame.reset_index()


def _added_to_tracker(db: Database, ask_ids: pd.Index) -> pd.Series:
    """The day each ask was added to the tracker (its record's creation, or its added_on if
    that is later), by ask id."""
    if ask_ids.empty:
        return pd.Series(dtype=STRING)
    rows = db.conn.execute(
        """SELECT id, MAX(substr(created_at, 1, 10), added_on) FROM asks
           WHERE id IN (SELECT value FROM json_each(?))""",
        (json.dumps([int(i) for i in ask_ids]),),
    ).fetchall()
    return pd.Series(dict(rows), dtype=STRING).reindex(ask_ids)


def _days_between(dates: pd.Series, on: str) -> np.ndarray:
    """Whole days from each date in ``dates`` (none missing; a time after the date, as one
    edited in Datasette may have, is ignored) to ``on``, parsed by Arrow (pandas' to_datetime
    costs 6 ms for 10k dates)."""
    days = pc.utf8_slice_codeunits(pa.array(dates.astype(STRING).array), 0, 10)
    try:
        day_numbers = days.cast(pa.date32()).cast(pa.int32()).to_numpy()
    except pa.ArrowInvalid as error:
        raise TrackerError(
            f"a date in the database is not YYYY-MM-DD ({error}): correct it, then run "
            "'tracker init --rebuild'."
        ) from None
    epoch = dt.date(1970, 1, 1).toordinal()
    return dt.date.fromisoformat(on).toordinal() - epoch - day_numbers.astype(np.int64)


def _vocabulary(db: Database, track: str) -> pd.DataFrame:
    """The track's statuses by code, in order: label, colour, score and whether each is
    terminal."""
    return _frame(
        db,
        "SELECT code, label, colour, score, terminal FROM statuses WHERE track = ? "
        "ORDER BY sort_order",
        (track,),
    ).set_index("code")


def _vocabulary_columns(vocabulary: pd.DataFrame, status: pd.Series) -> dict[str, pd.Series]:
    """Each status's vocabulary columns, aligned with ``status`` (NaN where there is none)."""
    known = vocabulary.index.get_indexer(status)  # -1: no status (response not recorded)
    return {
        column: pd.Series(vocabulary[column].array.take(known, allow_fill=True), index=status.index)
        for column in vocabulary.columns
    }


def _status_params(
    ask_filter: AskFilter, public_only: bool, as_of: str | dt.date | None, track: str, **extra
) -> tuple[str, dict]:
    check_track(track)
    return _variant_params(
        ask_filter,
        public_only,
        as_of=as_of_or_today(as_of),
        track=track,
        **extra,
    )


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
    outcome = _spans_frame(db, where, params, "outcome")
    frame = _status_frame(db, track, where, params, outcome)
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
    group = f"p.{by}" if by else "''"
    where, params = _status_params(ask_filter, public_only, as_of, track)
    sql = f"""
    WITH counted AS (
        SELECT {group} AS grp, p.status, COUNT(*) AS n
        FROM ({_spans_in_force(where, ":track")}) p
        GROUP BY 1, 2
    ),
    groups AS (
        SELECT DISTINCT {group} AS grp FROM ({_spans_in_force(where, "'outcome'")}) p
    )
    SELECT g.grp AS "group", s.code AS status, s.label, s.colour, s.score, s.sort_order,
           COALESCE(c.n, 0) AS count
    FROM groups g CROSS JOIN statuses s
    LEFT JOIN counted c ON c.grp IS g.grp AND c.status = s.code
    WHERE s.track = :track
    ORDER BY g.grp, s.sort_order"""
    frame = _frame(db, sql, params)
    return frame if by else frame.drop(columns="group")


def _mix_sql(where: str, by: str | None, asks_where: str = "1", summed: bool = False) -> str:
    """Monthly status changes by change-point accounting over the status runs: each run adds
    +1 in the month it starts (or the ask was made, if later) and -1 in the month it ends
    (``deltas``, one row per month, group and status of each part); their running sum
    (``mix_grid``) gives the counts at each month's end.

    ``summed`` (no filter but themes, grouped by theme or not at all): the months before
    :as_of's come from ``status_mix_months``, where those changes are kept summed by theme,
    and only :as_of's own month is counted from the runs."""
    # NULL groups (an ask without an owner) become '' so they group and sort like the others
    group = f"IFNULL(p.{by}, '')" if by else "''"
    group_by = f", p.{by}" if by else ""  # grouping by a constant would cost a sort
    starts, stops = "p.mix_start IS NOT NULL", "p.run_stop_month IS NOT NULL"
    summed_months = ""
    if summed:
        starts, stops = "p.mix_start = :as_month", "p.run_stop_month = :as_month"
        # by theme, the table's rows are the groups already (its key): nothing to sum
        summed_months = f"""
        SELECT p.month, {"p.theme, p.status, p.delta" if by else "'', p.status, SUM(p.delta)"}
        FROM status_mix_months p
        WHERE p.variant = :variant AND p.track = :track AND p.month < :as_month AND {where}
        {"" if by else "GROUP BY p.month, p.status"}
        UNION ALL"""
    return f"""
    WITH bounds AS (
        SELECT substr(MIN(a.added_on), 1, 7) AS first_month FROM asks a
        WHERE a.added_on <= :as_of AND {asks_where}
    ),
    deltas (m, grp, status, d) AS ({summed_months}
        SELECT p.mix_start, {group}, p.status, COUNT(*)
        FROM status_spans p INDEXED BY idx_status_spans_starts
        WHERE p.variant = :variant AND p.track = :track AND {starts}
          AND p.start <= :as_of AND p.added_on <= :as_of AND {where}
        GROUP BY p.mix_start, p.status{group_by}
        UNION ALL
        SELECT p.run_stop_month, {group}, p.status, -COUNT(*)
        FROM status_spans p INDEXED BY idx_status_spans_stops
        WHERE p.variant = :variant AND p.track = :track AND {stops}
          AND p.mix_start IS NOT NULL AND p.run_stop <= :as_of AND p.added_on <= :as_of
          AND {where}
        GROUP BY p.run_stop_month, p.status{group_by}
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

        def text(values: list, at: np.ndarray) -> pa.Array:
            return pa.array(values, type=pa.large_string()).take(pa.array(at))

        table = {
            "month": text(months, np.repeat(np.arange(len(months)), cells_per_month)),
            "group": text(
                [g or None for g in groups],
                np.tile(np.repeat(np.arange(len(groups)), len(vocabulary)), len(months)),
            ),
            "status": text(vocabulary["status"].tolist(), status_at),
            "label": text(vocabulary["label"].tolist(), status_at),
            "colour": text(vocabulary["colour"].tolist(), status_at),
            "score": pa.array(vocabulary["score"].to_numpy(dtype=float)).take(pa.array(status_at)),
            "count": pa.array(self.counts.reshape(-1)),  # month, then group, then status order
        }
        frame = pa.table(table).to_pandas(types_mapper=STRINGS.get)
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
        frame = {"month": pd.array(np.repeat(self.months, len(groups)), dtype=STRING)}
        if self.by:
            frame["group"] = pd.array(groups * len(self.months), dtype=STRING)
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
    grid. SQL sums the monthly changes (read packed into Arrow: no Python object per row);
    they are placed in the grid and run along the months here."""
    _check_counting(track, by)
    as_of_s = as_of_or_today(as_of)
    where, params = _variant_params(
        ask_filter, public_only, as_of=as_of_s, as_month=as_of_s[:7], track=track
    )
    summed = by in (None, "theme") and replace(ask_filter, themes=()).is_empty
    base = _mix_sql(where, by, ask_filter.sql("a")[0], summed=summed)
    vocabulary = _vocabulary(db, track).rename_axis("status").reset_index()
    first = db.conn.execute(base + " SELECT first_month FROM bounds", params).fetchone()[0]
    if first is None:
        return MixGrid([], [], vocabulary, np.zeros((0, 0, len(vocabulary)), np.int64), by)
    groups = {r[0] for r in db.conn.execute(base + " SELECT grp FROM groups", params)}
    months = list(pd.period_range(first, as_of_s[:7], freq="M").strftime("%Y-%m"))
    rows = read_arrow(
        db.conn,
        base + " SELECT m, grp, status, d FROM deltas",
        params,
        {"m": "text", "grp": "text", "status": "text", "d": "int"},
    )
    # an ask edited outside the tracker keeps its old theme in the spans until its next entry
    groups = sorted(groups | set(pc.unique(rows["grp"]).to_pylist()))
    counts = np.zeros((len(months), len(groups), len(vocabulary)), dtype=np.int64)
    if rows.num_rows:
        at = [
            pc.index_in(rows[column], value_set=pa.array(values, pa.large_string()))
            for column, values in (("m", months), ("grp", groups), ("status", vocabulary["status"]))
        ]
        if any(where_.null_count for where_ in at):  # a month or status outside the grid
            raise TrackerError(
                "the monthly status counts are out of step with the history: run "
                "'tracker init --rebuild' to recompute them."
            )
        where_ = tuple(where_.to_numpy(zero_copy_only=False) for where_ in at)
        np.add.at(counts, where_, rows["d"].to_numpy())
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
    # a check on the response track only makes an ask fresher: keep the asks whose outcome
    # entry is old enough (or absent) in SQL, and decide with both tracks below
    old_enough = f"""{where} AND (p.entry_id IS NULL
                                  OR julianday(:as_of) - julianday(p.start) > :days)"""
    if not include_terminal:
        old_enough += """ AND p.status NOT IN
            (SELECT code FROM statuses WHERE track = 'outcome' AND terminal)"""
    outcome = _spans_frame(db, old_enough, params, "outcome")
    frame = _status_frame(db, "outcome", where, params, outcome, stale_after=int(days))
    return frame.drop(columns="other_status")


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
    where, params = _variant_params(ask_filter, public_only, start=start_s, as_of=end_s)
    asks = _spans_frame(db, where, params, "outcome")
    after = asks
    if track != "outcome":
        after = _spans_frame(db, where, params, track).reindex(asks.index)
    before = _spans_frame(db, where, params, track, on=":start", columns=("status",))
    before = before.reindex(asks.index)
    details = kept.ask_details(db).reindex(asks.index)
    added = (details["added_on"] > start_s).to_numpy()
    unrecorded = UNRECORDED[track]
    status_after, status_before = after["status"], before["status"]
    if unrecorded is not None:
        status_after, status_before = (
            status_after.fillna(unrecorded),
            status_before.fillna(unrecorded),
        )
    status_before = status_before.mask(added)
    same = (status_before == status_after).fillna(False) | (
        status_before.isna() & status_after.isna()
    )
    moved = added | ~same.to_numpy()
    status_before, status_after, after = status_before[moved], status_after[moved], after[moved]
    vocabulary = _vocabulary(db, track)
    was = _vocabulary_columns(vocabulary, status_before)
    now = _vocabulary_columns(vocabulary, status_after)
    before_score, after_score = pd.to_numeric(was["score"]), pd.to_numeric(now["score"])
    scored = before_score.notna() & after_score.notna() & (before_score != after_score)
    change = np.select(
        [
            added[moved],
            scored & (after_score > before_score),
            scored & (after_score < before_score),
        ],
        ["added", "up", "down"],
        default="changed",
    )
    changed = details.loc[moved, ["title", "theme", "target", "owner"]].assign(
        change=pd.Series(change, index=after.index, dtype=STRING),
        status_before=status_before,
        label_before=was["label"],
        status_after=status_after,
        label_after=now["label"],
        last_update=after["checked"],
        last_note=kept.entry_details(db, after["entry_id"])["last_note"],
    )
    changed.index.name = "ask_id"
    return changed.reset_index()


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
    where, params = _params(ask_filter, as_of=end_s, start=start_s)
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
        -- the window's entries by date (idx_status_updates_effective_date), each ask by its
        -- key: CROSS JOIN keeps that order (not the history of every ask in view)
        FROM status_updates u CROSS JOIN asks a
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
    outcome = _spans_frame(db, where, params, "outcome")
    frame = _status_frame(db, "outcome", where, params, outcome)
    response = frame.pop("other_status")
    labels = _vocabulary_columns(_vocabulary(db, "response"), response)["label"]
    return frame.assign(response=response, response_label=labels)
