"""Leadership's headline numbers: where we stand, and how that compares with 90 days earlier."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields

import pandas as pd
from sqlite_utils import Database

from tracker.changes import asks_moved_between
from tracker.dates import as_of_or_today, days_before
from tracker.filters import NO_FILTER, AskFilter
from tracker.in_force import asks_in_force, view_params
from tracker.mix import mix_grid
from tracker.standing import STALE_DAYS, stalest_asks
from tracker.vocabulary import statuses


@dataclass(frozen=True)
class Kpis:
    as_of: str
    asks: int
    achieved: int
    moving: int
    stuck: int
    verified_share: float | None  # share of asks checked in the 90 days before as_of

    def delta(self, earlier: Kpis) -> dict[str, float | None]:
        """Change of each figure against an earlier set; None throughout when nothing was
        tracked then (there is no previous period to compare with)."""
        names = [f.name for f in fields(self) if f.name != "as_of"]
        if not earlier.asks:
            return dict.fromkeys(names)
        now, then = asdict(self), asdict(earlier)
        return {n: None if now[n] is None or then[n] is None else now[n] - then[n] for n in names}


def kpis(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    ask_filter: AskFilter = NO_FILTER,
    window_days: int = STALE_DAYS,
    public_only: bool = False,
) -> Kpis:
    """Counts of asks tracked, achieved, moving and stuck, and the share recently verified
    (on either track), from one count per status over the spans in force: each status's
    bucket (data/statuses.json) is applied to its count, not looked up for each ask. Checked
    within the window: an entry dated on or after its first day (ISO dates compare as text)."""
    as_of = as_of_or_today(as_of)
    recent_since = days_before(as_of, int(window_days))
    where, params = view_params(ask_filter, public_only, as_of=as_of, recent_since=recent_since)
    recent = "{0}.entry_id IS NOT NULL AND {0}.start >= :recent_since"
    sql = f"""
    SELECT o.status, COUNT(*), SUM(({recent.format("o")}) OR ({recent.format("r")}))
    {asks_in_force(where)}
    GROUP BY o.status"""
    outcome = statuses(db, "outcome")
    buckets = dict(zip(outcome["code"], outcome["bucket"], strict=True))
    figures = dict.fromkeys(("achieved", "moving", "stuck"), 0)
    asks = verified = 0
    for status, count, recent_count in db.conn.execute(sql, params):
        if status in buckets:  # an ask whose status the vocabulary lacks is not counted
            asks, verified = asks + count, verified + (recent_count or 0)
            if buckets[status] in figures:
                figures[buckets[status]] += count
    return Kpis(as_of, asks, **figures, verified_share=(verified / asks) if asks else None)


def kpis_with_change(
    db: Database, as_of: str | dt.date | None = None, *, days: int = STALE_DAYS, **view
) -> tuple[Kpis, dict[str, float | None]]:
    """The KPIs as of a date and their change against ``days`` earlier. The view
    (ask_filter, public_only) is ``kpis``'."""
    now = kpis(db, as_of, **view)
    earlier_date = (dt.date.fromisoformat(now.as_of) - dt.timedelta(days=days)).isoformat()
    return now, now.delta(kpis(db, earlier_date, **view))


def progress_over_time(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    ask_filter: AskFilter = NO_FILTER,
    since: str | dt.date | None = None,
    public_only: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The dashboard's two charts, read off one grid of monthly counts by theme (from
    ``since``'s month): the status mix per month, and the progress index per month overall
    and by theme (three frames)."""

    by_theme = mix_grid(db, as_of, ask_filter=ask_filter, by="theme", public_only=public_only)
    if since:
        by_theme = by_theme.since(str(since)[:7])
    overall = by_theme.overall()
    return overall.frame(), overall.progress(), by_theme.progress()


def evidence_sources(db: Database, *, public_only: bool = False) -> pd.DataFrame:
    """Which websites our evidence comes from, and how many entries cite each (public entries
    only for public views). Counted by triggers as entries arrive, so this reads a few rows."""
    public = "WHERE public = 1" if public_only else ""
    return pd.read_sql_query(
        f"""SELECT website, SUM(entries) AS entries FROM evidence_websites {public}
            GROUP BY website HAVING SUM(entries) > 0 ORDER BY entries DESC, website""",
        db.conn,
    )


def needs_attention(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    ask_filter: AskFilter = NO_FILTER,
    days: int = STALE_DAYS,
    limit: int = 100,
) -> tuple[int, pd.DataFrame, pd.DataFrame]:
    """What leadership should look at: how many asks were not checked in ``days`` days and the
    stalest ``limit`` of them, and the asks that moved backwards over the same span. One small
    result (cheap to cache) from two as-of lookups."""

    as_of = as_of_or_today(as_of)
    earlier = (dt.date.fromisoformat(as_of) - dt.timedelta(days=days)).isoformat()
    stale_count, stalest = stalest_asks(db, as_of, limit=limit, days=days, ask_filter=ask_filter)
    moved = asks_moved_between(db, earlier, as_of, ask_filter=ask_filter)
    return stale_count, stalest, moved[moved["change"] == "down"]
