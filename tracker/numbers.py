"""How a number reads for people, in the report, its charts and the app alike: thousands
separated, whole values whole, a few sensible decimals, never scientific notation (Python's
``:,g`` wrote 1234567 as 1.23457e+06)."""

from __future__ import annotations

import math

MISSING = "—"


def readable(value, missing: str = MISSING) -> str:
    """``1,234,567``; ``3.2``; ``1,234.57`` (two decimals at most from 1 up); ``0.43`` and
    ``0.0042`` (two significant digits below 1); ``missing`` for None or NaN. Text is
    returned as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if float(value).is_integer():
        return f"{int(value):,}"
    size = abs(value)
    decimals = 2 if size >= 1 else max(2, 1 - math.floor(math.log10(size)))
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
