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
from webapp.common import db, plain


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


class StaleGuard:
    """A form filled in against the latest entry its page showed (``expect_latest``): when a
    colleague recorded one meanwhile, the write is refused (tracker.errors.StaleForm) and the
    person's entry is kept for "Record mine anyway" or "Discard mine", never lost or silently
    saved over theirs. ``name`` keys the state (``upd``, ``obs``); ``subject`` is what the form
    writes to (an ask and track, an indicator): a warning about another subject is dropped."""

    def __init__(self, name: str, subject, shown_id: int | None):
        self.key, self.subject, self.shown_id = f"{name}_stale", subject, shown_id
        self.seen_key = f"{name}_seen_{subject}"
        self.expected = st.session_state.get(self.seen_key, shown_id)
        self.stale = st.session_state.get(self.key)
        if self.stale and self.stale["subject"] != subject:
            forget(self.key)
            self.stale = None

    def refused(self, error, fields: dict) -> None:
        """Keep the refused entry for the confirmation, and show it in a fresh run."""
        st.session_state[self.key] = {
            "subject": self.subject,
            "fields": fields,
            "latest": error.latest.get("id", self.shown_id),
            "message": error.message,
        }
        st.rerun()

    def done(self) -> None:
        """Saved or discarded: the next form starts from what the page shows then."""
        forget(self.seen_key, self.key)

    def confirmation(self, headline: str, save, discard, yours: str = "") -> None:
        """The warning with both choices when the last save was refused; otherwise remember
        the entry the form is now filled in against. ``save(fields, expect_latest)``."""
        if not self.stale:
            st.session_state[self.seen_key] = self.shown_id
            return
        message = self.stale["message"]
        box = st.empty()
        with box.container(border=True, key=f"{self.key}_box"):
            st.warning(
                f"**{headline}** " + plain(message[:1].upper() + message[1:]),
                icon=":material/group:",
            )
            if yours:
                st.markdown(yours)
            left, right = st.columns(2)
            anyway = left.button("Record mine anyway", type="primary", key=f"{self.key}_confirm")
            if right.button("Discard mine", key=f"{self.key}_discard"):
                discard()
                self.done()
                st.rerun()
        if anyway:
            save(self.stale["fields"], self.stale["latest"])
            # save reruns when it writes or meets another colleague's entry; back here, a rule
            # refused it and said why by the field: the choice is answered, the form is theirs
            self.done()
            box.empty()
