"""How a number reads for people, in the report, its charts and the app alike: thousands
separated, whole values whole, a few sensible decimals, never scientific notation (Python's
``:,g`` wrote 1234567 as 1.23457e+06)."""

from __future__ import annotations

import math
from numbers import Integral, Real

import pandas as pd

MISSING = "—"


def readable(value, missing: str = MISSING) -> str:
    """``1,234,567``; ``3.2``; ``1,234.57`` (two decimals at most from 1 up); ``0.125`` and
    ``0.0042`` (three significant digits at most below 1, so a recorded rate reads as it was
    typed); ``missing`` for None or NaN. Text is returned as it is. The one rule for numbers
    people read: the app's tiles and tables, the report and its charts."""
    if value is None or value is pd.NA or (isinstance(value, Real) and math.isnan(value)):
        return missing
    if isinstance(value, bool) or not isinstance(value, Real):  # numpy's numbers are Real
        return str(value)
    value = int(value) if isinstance(value, Integral) else float(value)
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if float(value).is_integer():
        return f"{int(value):,}"
    size = abs(value)
    decimals = 2 if size >= 1 else max(2, 2 - math.floor(math.log10(size)))
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def _numbers(values: pd.Series) -> bool:
    """A column of numbers, some with decimals (float64, or objects beside missing values)."""
    if pd.api.types.is_float_dtype(values):
        return True
    present = [v for v in values if v is not None and not pd.isna(v)]
    kinds = {type(v) for v in present}
    return values.dtype == object and bool(present) and kinds <= {int, float} and float in kinds


def plain_numbers(frame: pd.DataFrame, places: int | None = None) -> pd.DataFrame:
    """``frame`` for a CSV or sheet people open: each whole value of a decimal column as a
    whole number (1296, not 1296.0), other decimals as they are or, for computed ones, to
    ``places`` places (0.3667, not 0.3666666666666667), a missing number as an empty cell
    (not a dash a spreadsheet reads as text), other columns as they are."""
    decimals = [name for name in frame.columns if _numbers(frame[name])]
    plain = {  # object columns built whole: Series.map would infer float64 again
        name: pd.Series(
            [_plain(v, places) for v in frame[name]],
            index=frame.index,
            dtype=object,
        )
        for name in decimals
    }
    return frame.assign(**plain)


def _plain(value, places: int | None):
    if value is None or pd.isna(value):
        return None
    value = float(value) if places is None else round(float(value), places)
    return int(value) if value.is_integer() else value
