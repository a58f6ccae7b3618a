"""Indicators: their series, progress towards target, and a computed progress status by Open
SDG's method (Statistics Canada's compound-annual-growth-rate ratio)."""

from __future__ import annotations

import datetime as dt
import inspect
import math
import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd
from sqlite_utils import Database

from tracker.dates import as_of_or_today, parse_date, years_between
from tracker.errors import NotFound, ValidationError

# each progress status's label and colour (colour-blind-safe Okabe-Ito, best to worst)
PROGRESS = {
    "target_achieved": ("Target achieved", "#009E73"),
    "on_track": ("On track", "#0072B2"),
    "acceleration_needed": ("Progress made, acceleration needed", "#56B4E9"),
    "limited_progress": ("Limited progress", "#E69F00"),
    "deterioration": ("Deterioration", "#D55E00"),
    "insufficient_data": ("Insufficient data", "#BBBBBB"),
}
DIRECTION_LABELS = {"higher": "Higher is better", "lower": "Lower is better"}
# an indicator's move between two dates in words (indicators_moved_between's assessment codes)
ASSESSMENT_LABELS = {
    "better": "Better",
    "worse": "Worse",
    "same": "No change",
    "new": "First value",
}
PROGRESS_STATUSES = {status: label for status, (label, _) in PROGRESS.items()}
PROGRESS_COLOURS = {status: colour for status, (_, colour) in PROGRESS.items()}
# units that say what a value may be (see value_rule)
_PERCENT = re.compile(r"%|\bper ?cent", re.IGNORECASE)
_RANGE = re.compile(r"(-?\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(-?\d+(?:\.\d+)?)")
_COUNT = re.compile(
    r"\b(count|number of|people|persons|cases|claims|applications|killed|deaths|victims|"
    r"journalists|defenders|arrests|convictions|complaints|incidents)\b",
    re.IGNORECASE,
)
_NOT_COUNT = re.compile(r"\b(net|change|rate|ratio|average|mean|index|score)\b", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", re.ASCII)
_GROUPED = re.compile(r"^[+-]?\d{1,3}([,  '_]\d{3})+(\.\d+)?$", re.ASCII)


@dataclass(frozen=True)
class ValueRule:
    """What values an indicator takes: bounds and whether they are whole numbers."""

    minimum: float = -math.inf
    maximum: float = math.inf
    whole: bool = False
    description: str = "any number"


def value_rule(unit: str | None) -> ValueRule:
    """What a value may be, read from the unit, the indicator's own words: a percentage is 0 to
    100, a range ("0-100", "1 to 7") bounds it, people or events are counted (but "net change in
    people" is not a count); any other unit takes any finite number."""
    text = unit or ""
    if _PERCENT.search(text):
        return ValueRule(0, 100, description="a percentage, from 0 to 100")
    bounds = _RANGE.search(text)
    if bounds:
        low, high = sorted(float(b) for b in bounds.groups())
        return ValueRule(low, high, description=f"values from {low:g} to {high:g}")
    if _COUNT.search(text) and not _NOT_COUNT.search(text):
        return ValueRule(0, whole=True, description="a whole number, 0 or more")
    return ValueRule()


def parse_number(value: object, field: str = "value") -> float:
    """A number typed by a person: digits with an optional decimal point, nothing else. A comma
    is never guessed at ("1,5" may be one and a half or fifteen): it is refused with the number
    written plainly, instead of stored as 15 when the person meant something else."""
    if isinstance(value, bool):
        raise ValidationError(f"{field} '{value}' is not a number.", field)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value if value is not None else "").strip()
        if not text:
            raise ValidationError(f"{field} is required: type a number, e.g. 74.5.", field)
        if _GROUPED.match(text):
            plain = re.sub(r"[,  '_]", "", text)
            raise ValidationError(
                f"{field} '{text}' has thousands separators: type it without them, as {plain}.",
                field,
            )
        if re.match(r"^[+-]?\d+,\d+$", text, re.ASCII):
            raise ValidationError(
                f"{field} '{text}' has a comma: use a point for decimals "
                f"({text.replace(',', '.')}) and no thousands separators "
                f"({text.replace(',', '')}).",
                field,
            )
        if text.endswith("%") and _PLAIN_NUMBER.match(text[:-1].strip()):
            raise ValidationError(
                f"{field} '{text}': type the number alone ({text[:-1].strip()}); the unit is "
                "the indicator's.",
                field,
            )
        if not _PLAIN_NUMBER.match(text):
            raise ValidationError(
                f"{field} '{text}' is not a number: type digits with a point for decimals, "
                "e.g. 74.5.",
                field,
            )
        number = float(text)
    if math.isnan(number) or math.isinf(number):
        raise ValidationError(f"{field} '{value}' is not a finite number.", field)
    return number


def check_value(value: object, unit: str | None, field: str = "value") -> float:
    """``value`` as a number that fits the indicator's unit, or a sentence saying what does."""
    rule = value_rule(unit)
    unit_text = f" (unit: {unit})" if unit else ""
    try:
        number = parse_number(value, field)
    except ValidationError as error:
        if rule == ValueRule():  # any number: nothing to add
            raise
        # "1,234.5" for a percentage: say the range too, so the fix is not refused in turn
        raise ValidationError(
            f"{error.message[:-1]}; this indicator takes {rule.description}{unit_text}.", field
        ) from None
    if not rule.minimum <= number <= rule.maximum:
        raise ValidationError(
            f"{field} {number:g} is out of range: this indicator takes {rule.description}"
            f"{unit_text}.",
            field,
        )
    if rule.whole and not number.is_integer():
        raise ValidationError(
            f"{field} {number:g} is not a whole number: this indicator counts, so it takes "
            f"{rule.description}{unit_text}.",
            field,
        )
    return number


# Without a target, the direction-adjusted growth rate is compared with these yearly rates.
NO_TARGET_THRESHOLDS = (0.015, 0.005, 0.0)
# With a target, the ratio R; either way, below the last one is deterioration.
TARGET_THRESHOLDS = (0.95, 0.60, 0.0)
GRADES = ("on_track", "acceleration_needed", "limited_progress")


def _grade(value: float, thresholds: tuple[float, ...]) -> str:
    """The first status whose threshold ``value`` reaches, else deterioration."""
    grades = zip(thresholds, GRADES, strict=True)
    return next((status for threshold, status in grades if value >= threshold), "deterioration")


@dataclass(frozen=True)
class Progress:
    status: str
    ratio: float | None = None  # R, with a target
    growth: float | None = None  # direction-adjusted yearly growth, without a target
    method: str = ""

    @property
    def label(self) -> str:
        return PROGRESS_STATUSES[self.status]


def _cagr(start: float, end: float, years: float) -> float | None:
    if years <= 0 or start <= 0 or end < 0:
        return None
    return (end / start) ** (1 / years) - 1


def progress_status(
    *,
    direction: str,
    baseline_value: float | None,
    baseline_date: str | None,
    latest_value: float | None,
    latest_date: str | None,
    points: int,
    target_value: float | None = None,
    target_date: str | None = None,
) -> Progress:
    """Classify progress from baseline to latest value as Open SDG does: with a target, R = d *
    observed CAGR / |CAGR needed to meet it on time| (linear yearly change when a value is zero
    or negative) against TARGET_THRESHOLDS; without, d * observed CAGR against
    NO_TARGET_THRESHOLDS. Fewer than two dated points: insufficient_data."""
    d = 1 if direction == "higher" else -1
    dated = baseline_date and latest_date and latest_date > baseline_date
    if points < 2 or baseline_value is None or latest_value is None or not dated:
        return Progress("insufficient_data", method="fewer than two dated values")
    years = years_between(baseline_date, latest_date)
    if target_value is not None:
        if d * (latest_value - target_value) >= 0:
            return Progress("target_achieved", method="latest value meets the target")
        if not target_date or target_date <= baseline_date:
            return Progress("insufficient_data", method="target date is not after the baseline")
        target_years = years_between(baseline_date, target_date)
        observed = _cagr(baseline_value, latest_value, years)
        required = _cagr(baseline_value, target_value, target_years)
        method = "compound annual growth rates"
        if observed is None or required is None:
            observed = (latest_value - baseline_value) / years
            required = (target_value - baseline_value) / target_years
            method = "linear yearly change (a value is zero or negative)"
        if required == 0:
            return Progress("insufficient_data", method="baseline already equals the target")
        ratio = d * observed / abs(required)
        return Progress(_grade(ratio, TARGET_THRESHOLDS), ratio=ratio, method=method)
    observed = _cagr(baseline_value, latest_value, years)
    if observed is None:
        return Progress(
            "insufficient_data", method="growth rate undefined for a zero or negative value"
        )
    growth = d * observed
    return Progress(
        _grade(growth, NO_TARGET_THRESHOLDS),
        growth=growth,
        method="direction-adjusted growth rate (no target)",
    )


def get_indicator(db: Database, indicator_id: int) -> dict:
    found = next(db.query("SELECT * FROM indicators WHERE id = ?", [int(indicator_id)]), None)
    if found is None:
        raise NotFound(
            f"no indicator with id {indicator_id}: 'tracker indicators' lists them.", "indicator"
        )
    return found


# One row per indicator (or one ask's): its baseline (declared, else first observation), latest
# value and dated points as of :as_of, by three index lookups per indicator rather than window
# functions over every observation.
SUMMARY_SQL = """
    WITH ends AS MATERIALIZED (
        SELECT i.id,
               (SELECT o.id FROM observations o WHERE o.indicator_id = i.id AND o.date <= :as_of
                ORDER BY o.date DESC, o.recorded_at DESC, o.id DESC LIMIT 1) AS last_id,
               (SELECT o.id FROM observations o WHERE o.indicator_id = i.id AND o.date <= :as_of
                ORDER BY o.date, o.recorded_at, o.id LIMIT 1) AS first_id,
               (SELECT COUNT(*) FROM observations o
                WHERE o.indicator_id = i.id AND o.date <= :as_of) AS n
        FROM indicators i
    )
    SELECT i.id AS indicator_id, i.name, i.unit, i.direction, i.description, i.source,
           COALESCE(i.baseline_value, f.value) AS baseline_value,
           COALESCE(i.baseline_date, f.date) AS baseline_date,
           i.target_value, i.target_date,
           l.value AS latest_value, l.date AS latest_date, l.source_url AS latest_source,
           e.n + CASE WHEN i.baseline_date IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM observations x WHERE x.indicator_id = i.id
               AND x.date = i.baseline_date) THEN 1 ELSE 0 END AS points,
           (SELECT GROUP_CONCAT(ask_id) FROM indicator_asks ia WHERE ia.indicator_id = i.id)
               AS ask_ids
    FROM indicators i
    JOIN ends e ON e.id = i.id
    LEFT JOIN observations l ON l.id = e.last_id
    LEFT JOIN observations f ON f.id = e.first_id
    WHERE :ask_id IS NULL
       OR i.id IN (SELECT indicator_id FROM indicator_asks WHERE ask_id = :ask_id)
    ORDER BY i.id"""


def progress_pct(baseline: float | None, value: float | None, target: float | None) -> float | None:
    """How far from baseline to target a value has come, in percent (negative = went back)."""
    if any(pd.isna(v) for v in (baseline, value, target)) or target == baseline:
        return None
    return (value - baseline) / (target - baseline) * 100  # type: ignore[operator]


def list_indicators(
    db: Database, as_of: str | dt.date | None = None, *, ask_id: int | None = None
) -> pd.DataFrame:
    """Every indicator (or one ask's) with latest value as of a date and progress status."""
    params = {"as_of": as_of_or_today(as_of), "ask_id": None if ask_id is None else int(ask_id)}
    frame = pd.read_sql_query(SUMMARY_SQL, db.conn, params=params)
    # each row's progress, from its values (None for missing)
    inputs = list(inspect.signature(progress_status).parameters)
    rows = frame[inputs].astype(object).where(frame[inputs].notna(), None).to_dict("records")
    results = [progress_status(**row) for row in rows]
    return frame.assign(
        progress_status=[r.status for r in results],
        progress_label=[r.label for r in results],
        progress_colour=[PROGRESS_COLOURS[r.status] for r in results],
        ratio=[r.ratio for r in results],
        growth=[r.growth for r in results],
        method=[r.method for r in results],
        progress_pct=[
            progress_pct(r["baseline_value"], r["latest_value"], r["target_value"]) for r in rows
        ],
    )


def indicator_series(
    db: Database, indicator_id: int, as_of: str | dt.date | None = None
) -> pd.DataFrame:
    """An indicator's observations up to a date, oldest first, with progress in percent."""
    indicator = get_indicator(db, indicator_id)
    frame = pd.read_sql_query(
        """SELECT id, date, value, source_url, note, recorded_by FROM observations
           WHERE indicator_id = :id AND date <= :as_of ORDER BY date, recorded_at, id""",
        db.conn,
        params={"id": indicator["id"], "as_of": as_of_or_today(as_of)},
    )
    baseline = indicator["baseline_value"]
    if baseline is None or pd.isna(baseline):
        baseline = frame["value"].iloc[0] if not frame.empty else None
    frame["progress_pct"] = [
        progress_pct(baseline, v, indicator["target_value"]) for v in frame["value"]
    ]
    return frame


def observation_on(db: Database, indicator_id: int, date: str) -> dict | None:
    """The value an indicator holds for a date, its source and who recorded it (their name when
    a user of the app): one value per indicator and date, so a second is refused naming this."""
    cursor = db.conn.execute(
        """SELECT o.id, o.indicator_id, o.date, o.value, o.source_url, o.note, o.recorded_by,
                  o.recorded_at, COALESCE(NULLIF(p.name, ''), o.recorded_by) AS recorded_by_name
           FROM observations o LEFT JOIN users p ON p.email = o.recorded_by
           WHERE o.indicator_id = ? AND o.date = ?
           ORDER BY o.recorded_at DESC, o.id DESC LIMIT 1""",
        (int(indicator_id), date),
    )
    row = cursor.fetchone()
    return None if row is None else dict(zip([d[0] for d in cursor.description], row, strict=True))


def date_taken(there: dict) -> str:
    """Why a second value for a date is refused (by the form, the CLI and the import): the
    value there, and how to correct it."""
    source = urlparse(there["source_url"] or "").netloc.removeprefix("www.")
    who = there["recorded_by_name"] or "someone"
    return (
        f"{there['date']} already has the value {there['value']:g} "
        f"({f'source {source}' if source else 'no source'}, recorded by {who}; observation "
        f"#{there['id']}): to correct it, record your value as a correction of that one "
        f"(\u201cCorrect the value already recorded for this date\u201d in the form, "
        f"--corrects {there['id']} on the command line)."
    )


def sparklines(db: Database, as_of: str | dt.date | None = None, limit: int = 24) -> pd.DataFrame:
    """The last ``limit`` observations of every indicator, for small tiles."""
    return pd.read_sql_query(
        """SELECT o.indicator_id, o.date, o.value FROM indicators i
           JOIN observations o ON o.id IN (
               SELECT x.id FROM observations x WHERE x.indicator_id = i.id AND x.date <= :as_of
               ORDER BY x.date DESC, x.id DESC LIMIT :limit)
           ORDER BY o.indicator_id, o.date, o.id""",
        db.conn,
        params={"as_of": as_of_or_today(as_of), "limit": int(limit)},
    )


def indicators_moved_between(
    db: Database, start: str | dt.date, end: str | dt.date
) -> pd.DataFrame:
    """Indicators whose latest value differs between two dates, and whether that is better."""
    start_s = parse_date(start, "start date", allow_future=True)
    end_s = parse_date(end, "end date", allow_future=True)
    if start_s > end_s:
        raise ValidationError(f"start date {start_s} is after end date {end_s}.", "start date")
    latest = ["indicator_id", "latest_value", "latest_date", "progress_status"]
    before = list_indicators(db, start_s)[latest]
    after = list_indicators(db, end_s)[["name", "unit", "direction", *latest]]
    merged = after.merge(before, on="indicator_id", how="left", suffixes=("", "_before"))
    changed = merged[
        merged["latest_date"].notna() & (merged["latest_date"] != merged["latest_date_before"])
    ].copy()
    sign = changed["direction"].map({"higher": 1, "lower": -1})
    delta = changed["latest_value"] - changed["latest_value_before"]
    changed["change"] = delta
    changed["assessment"] = [
        "new" if pd.isna(dv) else ("better" if dv * s > 0 else "worse" if dv * s < 0 else "same")
        for dv, s in zip(delta, sign, strict=True)
    ]
    return changed.reset_index(drop=True)
