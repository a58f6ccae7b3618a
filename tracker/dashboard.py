"""Leadership's headline numbers: where we stand, and how that compares with 90 days earlier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlite_utils import Database

from tracker.dates import as_of_or_today
from tracker.filters import NO_FILTER, AskFilter
from tracker.queries import _cover, _variant_params, last_entry_date


@dataclass(frozen=True)
class Kpis:
    as_of: str
    asks: int
    achieved: int
    moving: int
    stuck: int
    verified_share: float | None  # share of asks checked in the 90 days before as_of

    def delta(self, earlier: Kpis) -> dict[str, float | None]:
        """Change of each figure against an earlier set."""
        out: dict[str, float | None] = {}
        for name in ("asks", "achieved", "moving", "stuck", "verified_share"):
            now, then = getattr(self, name), getattr(earlier, name)
            out[name] = None if now is None or then is None else now - then
        return out


def kpis(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    ask_filter: AskFilter = NO_FILTER,
    window_days: int = 90,
    public_only: bool = False,
) -> Kpis:
    """Counts of asks tracked, achieved, moving and stuck, and the share recently verified, in
    one SQL pass."""
    as_of_s = as_of_or_today(as_of)
    where, params = _variant_params(ask_filter, public_only, as_of=as_of_s, window=int(window_days))
    sql = f"""
    WITH {_cover(where)},
    per_ask AS (
        SELECT ask_id,
               MAX(CASE WHEN track = 'outcome' THEN status END) AS status,
               MAX({last_entry_date("cover", public_only)}) AS last_checked
        FROM cover GROUP BY ask_id
    )
    SELECT COUNT(*) AS asks,
           SUM(status IN ('achieved')) AS achieved,
           SUM(status IN ('in_progress', 'partially_achieved')) AS moving,
           SUM(status IN ('stalled', 'reversed')) AS stuck,
           SUM(julianday(:as_of) - julianday(last_checked) <= :window) AS verified
    FROM per_ask"""
    row = db.conn.execute(sql, params).fetchone()
    asks, achieved, moving, stuck, verified = (v or 0 for v in row)
    return Kpis(
        as_of=as_of_s,
        asks=asks,
        achieved=achieved,
        moving=moving,
        stuck=stuck,
        verified_share=(verified / asks) if asks else None,
    )


def kpis_with_change(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    ask_filter: AskFilter = NO_FILTER,
    days: int = 90,
    public_only: bool = False,
) -> tuple[Kpis, dict[str, float | None]]:
    """The KPIs as of a date and their change against ``days`` earlier."""
    now = kpis(db, as_of, ask_filter=ask_filter, public_only=public_only)
    earlier_date = (dt.date.fromisoformat(now.as_of) - dt.timedelta(days=days)).isoformat()
    earlier = kpis(db, earlier_date, ask_filter=ask_filter, public_only=public_only)
    return now, now.delta(earlier)


def evidence_sources(db: Database, *, public_only: bool = False) -> pd.DataFrame:
    """Which websites our evidence comes from, and how many entries cite each (public entries
    only for public views)."""
    public = "AND visibility = 'public'" if public_only else ""
    return pd.read_sql_query(
        f"""WITH urls AS (
               SELECT evidence_url AS url FROM status_updates
               WHERE evidence_url IS NOT NULL {public}
               UNION ALL
               SELECT source_url FROM observations WHERE source_url IS NOT NULL),
           rest AS (SELECT substr(url, instr(url, '//') + 2) || '/' AS r FROM urls)
           SELECT substr(r, 1, MIN(instr(r, '/'), COALESCE(NULLIF(instr(r, '?'), 0), length(r)),
                                   COALESCE(NULLIF(instr(r, '#'), 0), length(r))) - 1) AS website,
                  COUNT(*) AS entries
           FROM rest GROUP BY website ORDER BY entries DESC, website""",
        db.conn,
    )


def needs_attention(
    db: Database,
    as_of: str | dt.date | None = None,
    *,
    ask_filter: AskFilter = NO_FILTER,
    days: int = 90,
    limit: int = 100,
) -> tuple[int, pd.DataFrame, pd.DataFrame]:
    """What leadership should look at: how many asks were not checked in ``days`` days and the
    stalest ``limit`` of them, and the asks that moved backwards over the same span. One small
    result (cheap to cache) from two as-of lookups."""
    from tracker.queries import classify_changes, current_status, stale_from

    as_of_s = as_of_or_today(as_of)
    earlier = (dt.date.fromisoformat(as_of_s) - dt.timedelta(days=days)).isoformat()
    now = current_status(db, as_of_s, ask_filter=ask_filter)
    stale = stale_from(now, days)
    moved = classify_changes(current_status(db, earlier, ask_filter=ask_filter), now)
    return len(stale), stale.head(limit), moved[moved["change"] == "down"]
