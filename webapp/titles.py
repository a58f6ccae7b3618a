"""Long titles in a list, read whole: a table's title column keeps its phone width (the status
beside it shows on a 375 px screen) and its rows grow just tall enough for the longest title
to wrap onto a few lines, where one line cut it at 1280 px ("Implementation of the Nation")."""

from __future__ import annotations

import textwrap

import pandas as pd

from webapp.tables import TITLE_PX  # a title and a status side by side on a phone

__all__ = ["TITLE_PX", "layout", "lines_needed"]
CHARS_PER_LINE = 24  # a 180 px cell's line of 14 px text inside its padding, words kept whole
LINE_PX, PAD_PX = 19, 8  # a wrapped line, and the cell's padding above and below it
WRAP_FROM_PX = 65  # Streamlit wraps a cell's text only in rows taller than 4rem (64 px)
MAX_LINES = 5  # a longer title ends with "…" there, whole in its tooltip and the CSV
HEADER_PX, ROWS_SHOWN = 38, 10  # the header row; rows shown before the table scrolls


LONGEST_WRAPPED = 50  # the titles wrapped to find the most lines: the longest by characters


def lines_needed(titles: pd.Series) -> int:
    """The lines the longest of ``titles`` takes, wrapped at word boundaries (MAX_LINES at most).
    Only the LONGEST_WRAPPED longest are wrapped: a list of thousands of asks is redrawn on every
    rerun, and wrapping each title took longer than the rest of the rerun."""
    text = titles.dropna().astype(str)
    longest = text.loc[text.str.len().nlargest(LONGEST_WRAPPED).index]
    widest = max((len(textwrap.wrap(t, CHARS_PER_LINE)) for t in longest), default=1)
    return min(max(1, widest), MAX_LINES)


def layout(titles: pd.Series) -> dict:
    """``st.dataframe``'s ``row_height`` and ``height`` for a list of ``titles``: nothing when
    each fits on one line (Streamlit's own rows), else rows in which the longest wraps whole,
    and a table tall enough to show ROWS_SHOWN of them before it scrolls."""
    lines = lines_needed(titles)
    if lines == 1:
        return {}
    row = max(WRAP_FROM_PX, 2 * PAD_PX + LINE_PX * lines)
    return {"row_height": row, "height": HEADER_PX + row * min(len(titles), ROWS_SHOWN) + 2}
