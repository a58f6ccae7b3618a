"""The *Edit details* forms of an ask's page and a letter's page (program officers and
administrators): prefilled with what is stored, the target, theme, country and owner picked
from those in use or typed new (as on Add a letter), each refusal under its field. Only the
fields the person changed are sent (tracker.records.edit_ask / edit_letter), with the details
the form was opened with (``expected``): if a colleague changed the ask or letter meanwhile,
nothing is saved, what was typed stays, and the page says who changed what, offering *Save
mine anyway* (still only the fields changed here) or *Discard mine*.

Widget keys start ``edit_`` so that a sign-out in another tab keeps what was typed
(webapp.access.TYPED_PREFIXES); prefilling never overwrites a value already held."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from tracker import audit, limits, records
from tracker.errors import StaleForm
from tracker.filters import filter_options
from tracker.records import ASK_DETAILS, LETTER_DETAILS, PRIORITIES
from tracker.vocabulary import PRIORITY_LABELS
from webapp.common import flash, plain, read, run_write
from webapp.forms import apply_clears, clear_later, date_field, forget, limit_help

NEW = "new…"
PICKED = {"target": "targets", "theme": "themes", "country": "countries", "owner": "owners"}


class _Form:
    """One record's form: its widget keys, the details it was opened with, a refusal kept."""

    def __init__(self, kind: str, record_id: int, stored: dict, fields: tuple[str, ...]):
        self.kind, self.record_id, self.fields = kind, int(record_id), fields
        self.prefix = f"edit_{kind}_{self.record_id}"
        self.stored = {f: records.detail_value(f, stored[f]) for f in fields}
        apply_clears()  # a save's or a discard's new values, before the widgets are drawn
        self.seen_key, self.stale_key = f"_{self.prefix}_seen", f"_{self.prefix}_stale"
        st.session_state.setdefault(self.seen_key, self.stored)
        self.seen = st.session_state[self.seen_key]
        self.slots: dict[str, object] = {}

    def key(self, field: str) -> str:
        return f"{self.prefix}_{field}"

    def prefill(self, field: str, shown: str) -> None:
        st.session_state.setdefault(self.key(field), shown)

    def text(self, field: str, label: str, *, area: bool = False, limit: int | None = None):
        self.prefill(field, _shown(field, self.stored[field]))
        widget = st.text_area if area else st.text_input
        value = widget(label, key=self.key(field), help=limit_help(limit) if limit else None)
        self.slots[field] = st.empty()
        return value

    def picker(self, field: str, label: str, in_use: list[str], where=st) -> str:
        """A value from those in use (the stored one first if missing), or typed new."""
        current = self.stored[field] or ""
        held = st.session_state.get(self.key(field))
        options = list(dict.fromkeys([*in_use, current, *([held] if held else [])]))
        options = [o for o in options if o and o != NEW] + [NEW]
        if field == "owner":
            options = ["", *options]
        self.prefill(field, current)
        with where:
            chosen = st.selectbox(
                label,
                options,
                key=self.key(field),
                format_func=lambda o: "(nobody)" if o == "" else o,
            )
            if chosen == NEW:
                chosen = st.text_input(f"New {label.lower()}", key=self.key(f"{field}_new"))
            self.slots[field] = st.empty()
        return chosen

    def changed(self, typed: dict) -> dict:
        """The fields typed otherwise than the form showed when opened."""
        return {
            f: value
            for f, value in typed.items()
            if records.detail_value(f, value) != records.detail_value(f, self.seen[f])
        }

    def save(self, write: Callable, typed: dict, expected: dict, done: Callable[[object], str]):
        changes = self.changed(typed)
        try:
            result = run_write(
                write, self.record_id, expected=expected, errors=self.slots, **changes
            )
        except StaleForm as error:
            # what they changed and this form did not shows theirs; what was typed here stays
            theirs = error.latest.get("fields", {})
            clear_later({self.key(f): _shown(f, v) for f, v in theirs.items() if f not in changes})
            st.session_state[self.stale_key] = error.message
            st.rerun()
        if result:
            flash(done(result))
            now = self.stored | {f: records.detail_value(f, v) for f, v in changes.items()}
            self.reset(now)

    def reset(self, values: dict) -> None:
        """The form shows ``values`` from the next run, opened afresh."""
        clear_later({self.key(f): _shown(f, v) for f, v in values.items()})
        clear_later({self.key(f"{f}_new"): "" for f in PICKED if f in values})
        forget(self.seen_key, self.stale_key)
        st.rerun()

    def buttons(self, write: Callable, typed: dict, done: Callable[[object], str]) -> None:
        """Save, or after a refusal the colleague's change and the two choices; a problem
        that is no field's goes under them."""
        stale = st.session_state.get(self.stale_key)
        if stale:
            st.warning(
                "**Not saved: someone else changed this "
                f"{self.kind} while you were editing it.** " + plain(stale[:1].upper() + stale[1:]),
                icon=":material/group:",
            )
            left, right = st.columns(2)
            anyway = left.button("Save mine anyway", type="primary", key=f"{self.prefix}__anyway")
            discard = right.button("Discard mine", key=f"{self.prefix}__discard")
            self.slots["_form"] = st.empty()
            if anyway:
                self.save(write, typed, self.stored, done)  # against what is stored now
            if discard:
                self.reset(self.stored)
            return
        saving = st.button("Save details", type="primary", key=f"{self.prefix}__save")
        self.slots["_form"] = st.empty()
        if saving:
            self.save(write, typed, self.seen, done)


def _shown(field: str, value: object) -> str:
    """A stored detail as its widget holds it ("" for none; co-signers one a line)."""
    value = records.detail_value(field, value)
    if field == "cosigners":
        return "\n".join(value or [])
    return "" if value is None else str(value)


def _said(changes: dict) -> str:
    return "; ".join(plain(line) for line in audit.changes_in_words(changes))


def ask_form(ask: dict) -> None:
    """*Edit details* of an ask, in an expander under its details."""
    with st.expander("Edit details", icon=":material/edit:"):
        form = _Form("ask", ask["id"], ask, ASK_DETAILS)
        in_use = read(filter_options)
        title = form.text("title", "Title", limit=limits.TITLE)
        wording = form.text("wording", "Wording", area=True, limit=limits.WORDING)
        first, second = st.columns(2), st.columns(2)  # (a phone stacks them in this order)
        typed = {
            "title": title,
            "wording": wording,
            "target": form.picker("target", "Target", in_use["targets"], first[0]),
            "theme": form.picker("theme", "Theme", in_use["themes"], first[1]),
            "country": form.picker("country", "Country", in_use["countries"], second[0]),
            "owner": form.picker("owner", "Owner", in_use["owners"], second[1]),
        }
        form.prefill("priority", form.stored["priority"])
        typed["priority"] = st.radio(
            "Priority",
            list(PRIORITIES),
            format_func=PRIORITY_LABELS.get,
            horizontal=True,
            key=form.key("priority"),
        )
        form.slots["priority"] = st.empty()
        st.caption("The audit log keeps what each field was before.")
        form.buttons(
            records.edit_ask,
            typed,
            lambda changed: f"Details saved. {_said(changed)}.",
        )


def letter_form(letter: dict) -> None:
    """*Edit details* of a letter, in an expander under its details."""
    with st.expander("Edit details", icon=":material/edit:"):
        stored = {f: letter[f] for f in LETTER_DETAILS}
        form = _Form("letter", letter["id"], stored, LETTER_DETAILS)
        typed = {"title": form.text("title", "Title", limit=limits.TITLE)}
        left, right = st.columns(2)
        with left:
            form.prefill("date_sent", form.stored["date_sent"])
            typed["date_sent"] = date_field("Date sent", key=form.key("date_sent"), value=None)
            form.slots["date_sent"] = st.empty()
        with right:
            typed["author_org"] = form.text("author_org", "Authoring organization")
        form.prefill("cosigners", _shown("cosigners", stored["cosigners"]))
        typed["cosigners"] = st.text_area(
            "Co-signers (one per line)", key=form.key("cosigners")
        ).splitlines()
        form.slots["cosigners"] = st.empty()
        left, right = st.columns(2)
        with left:
            typed["recipient_person"] = form.text("recipient_person", "Recipient (person)")
        with right:
            typed["recipient_office"] = form.text("recipient_office", "Recipient (office)")
        typed["url"] = form.text("url", "Published at (URL)")
        typed["summary"] = form.text("summary", "Summary", area=True, limit=limits.SUMMARY)
        st.caption(
            "The audit log keeps what each field was before. A new date moves the *made "
            "since* date of the asks dated by their letters."
        )
        form.buttons(records.edit_letter, typed, _letter_saved)


def _letter_saved(result: dict) -> str:
    moved = "".join(
        f" Ask #{ask} is now made since {after} (was {before})."
        for ask, (before, after) in result["asks_moved"].items()
    )
    return f"Details saved. {_said(result['changes'])}.{moved}"
