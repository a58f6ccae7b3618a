"""The status spans in force on a date: the SQL every as-of read shares.

A span (tracker/spans.py) names the entry in force from its start to its stop, so "as of" a
date is one seek of each ask's spans in their index, never a pass over the history. ``o``
and ``r`` are the outcome and response spans of the ask ``a``.
"""

from __future__ import annotations

from tracker.filters import AskFilter


def in_force(alias: str, track: str, on: str = ":as_of") -> str:
    """Span ``alias`` is of ``track`` in the view's variant and in force on ``on``."""
    return (
        f"{alias}.variant = :variant AND {alias}.track = {track} "
        f"AND {alias}.start <= {on} AND {alias}.stop > {on}"
    )


def asks_in_force(where: str, on: str = ":as_of", joins: str = "", *, response: bool = True) -> str:
    """FROM and WHERE for every ask in view made by ``on`` (``a``) with its outcome span (``o``,
    every such ask has one) and, unless ``response`` is false, its response span (``r``, if
    any) in force on ``on``: a read of the outcome track alone skips a lookup per ask.

    The asks are read in id order and each one's spans looked up by ask (CROSS JOIN is how
    SQLite is told the order of a join): rows come out in the order lists show them, with no
    sort, and a filter on the asks narrows the lookups. Led by the spans' range instead, SQLite
    sorted the whole list afterwards."""
    spans = "r.ask_id = o.ask_id AND " + in_force("r", "'response'", on)
    other = f"LEFT JOIN status_spans r ON {spans}" if response else ""
    return f"""FROM asks a CROSS JOIN status_spans o ON o.ask_id = a.id
    {other}
    {joins}
    WHERE {in_force("o", "'outcome'", on)} AND a.added_on <= {on} AND {where}"""


def live_entry(u: str, public_only: bool = False) -> str:
    """Entry ``u`` counts as of :as_of: effective by then and not corrected (and public, for
    public views); the same rule the spans are laid out by (tracker/spans.py)."""
    public = f"AND {u}.visibility = 'public'" if public_only else ""
    return (
        f"{u}.effective_date <= :as_of {public} AND NOT EXISTS "
        f"(SELECT 1 FROM status_updates c WHERE c.supersedes_id = {u}.id)"
    )


def status_in_force(ask: str, track: str, on: str) -> str:
    """The status of ask ``ask``'s span on ``track`` in force on ``on`` (NULL if none), as one
    seek: its spans ending after ``on`` are read in order of their end and the first that
    has begun is the one. A join on the same condition also reads every later span of the
    ask, which for a date early in the history is most of them."""
    return f"""(SELECT s.status FROM status_spans s WHERE s.ask_id = {ask}
        AND {in_force("s", track, on)} ORDER BY s.stop LIMIT 1)"""


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
