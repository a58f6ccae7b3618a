"""Form fields shared by the pages that record things: a typed date that is saved exactly as
the person sees it, and the limits said next to the field.

Why a text field for dates: Streamlit 1.67's ``st.date_input`` keeps its previous value when a
typed date is outside ``min_value``/``max_value`` (the field shows 1800/01/01 while the form
submits today) and quietly turns 2019-02-30 into 2019-02-28. An append-only history cannot
take a date the person did not see, so the date is typed as YYYY-MM-DD and checked by
tracker.dates, whose sentence (with the allowed range) is shown next to the field.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from tracker.dates import range_text
from tracker.limits import help_text
from webapp.common import db


def date_field(label: str, *, key: str, value: dt.date | None, where=st, help: str = "") -> str:
    """A date typed as YYYY-MM-DD (prefilled with ``value``), returned exactly as typed."""
    st.session_state.setdefault(key, value.isoformat() if value else "")
    return where.text_input(
        label,
        key=key,
        placeholder="YYYY-MM-DD",
        help=(help + " " if help else "") + f"Type it as YYYY-MM-DD, {range_text(db())}.",
    )


def limit_help(limit: int, extra: str = "") -> str:
    """Help text that says a field's size limit (tracker.limits)."""
    return help_text(limit, extra)


def forget(*keys: str) -> None:
    """Drop remembered state (not widgets: see ``clear_later``)."""
    for key in keys:
        st.session_state.pop(key, None)


def clear_later(values: dict) -> None:
    """Set widgets to ``values`` at the start of the next run (``apply_clears``): a form
    cleared after a save. Popping a widget's key is not enough: the browser keeps showing, and
    sends back, what it holds, and a widget's value cannot be set once it is drawn."""
    st.session_state["_form_clears"] = {**st.session_state.get("_form_clears", {}), **values}


def apply_clears() -> None:
    """Call at the top of a page, before its widgets."""
    for key, value in st.session_state.pop("_form_clears", {}).items():
        st.session_state[key] = value
