"""What every page shares: the database connection, cached reads keyed on the data version,
writes that clear the caches, the sidebar filters kept in the URL, and safe text output."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import sqlite3
from collections.abc import Callable
from dataclasses import astuple
from pathlib import Path

import pandas as pd
import streamlit as st

from tracker.auth import Actor, acting_as, can
from tracker.counting import how_many
from tracker.dates import earliest_date, parse_date, today
from tracker.db import connect, data_version, default_db_path, open_db, translate
from tracker.demo import load_demo
from tracker.errors import FormErrors, StaleForm, TrackerError, ValidationError
from tracker.filters import AskFilter
from tracker.spreadsheets import csv_bytes
from tracker.vocabulary import load_vocabulary

FILTER_KEYS = ("theme", "target", "country", "owner", "letter")
SYSTEM = Actor(email="system", role="admin", via="bootstrap")


def db_path() -> Path:
    return default_db_path()


def db():
    """This thread's connection; creates an empty database (with the vocabulary) on first run."""
    path = db_path()
    if not path.exists():
        new = open_db(path, create=True)
        with acting_as(SYSTEM):
            load_vocabulary(new)
        new.close()
    try:
        database = connect(path)
    except TrackerError as error:  # e.g. read-only and in need of an upgrade: say so, stop
        st.error(plain(error.message[:1].upper() + error.message[1:]), icon=":material/error:")
        st.stop()
    if not database.conn.execute("SELECT 1 FROM statuses LIMIT 1").fetchone():
        with acting_as(SYSTEM):
            load_vocabulary(database)
    return database


@st.cache_data(show_spinner="Reading the tracker...", max_entries=512, ttl=3600)
def _cached_call(path: str, version: int, target: str, args: tuple, kwargs: tuple):
    module_name, func_name = target.rsplit(".", 1)
    func = getattr(importlib.import_module(module_name), func_name)
    kw = dict(kwargs)
    if "ask_filter" in kw:
        kw["ask_filter"] = AskFilter(*kw["ask_filter"])
    return func(connect(path), *args, **kw)


def read(func: Callable, *args, **kwargs):
    """Call a ``tracker`` read function through the cache. The key includes the database's data
    version, so any write (from the app or the CLI) makes the next read fresh."""
    database = db()
    if isinstance(kwargs.get("ask_filter"), AskFilter):
        kwargs["ask_filter"] = astuple(kwargs["ask_filter"])  # hashable, for the cache key
    return _cached_call(
        str(db_path()),
        data_version(database),
        f"{func.__module__}.{func.__name__}",
        args,
        tuple(sorted(kwargs.items())),
    )


def write(func: Callable, *args, **kwargs):
    """Run a ``tracker`` write; clear every cache after it so all pages show the new state."""
    result = func(db(), *args, **kwargs)
    st.cache_data.clear()
    return result


def run_write(func: Callable, *args, errors: dict | None = None, **kwargs):
    """``write`` that turns a TrackerError into messages next to the fields at fault (through
    the ``errors`` placeholders, keyed by field name as in tracker.errors.FormErrors) or under
    the form (``_form``). Returns None on error, and on success the function's result, or True
    when it returns nothing (so ``if run_write(...)`` always means "it was written"). A
    StaleForm is left to the caller, which asked for the guard (``expect_latest``) and offers
    the confirmation."""
    try:
        result = write(func, *args, **kwargs)
    except StaleForm:
        raise
    except TrackerError as error:
        show_errors(error, errors)
        return None
    except sqlite3.Error as error:
        known = translate(error, db_path())  # busy (a long write elsewhere), or read-only
        slot = (errors or {}).get("_form") or st
        slot.error(
            plain(known.message.capitalize())
            if known
            else f"The database could not save this ({plain(error)}). Nothing was written: "
            "try again.",
            icon=":material/hourglass_top:" if known else ":material/error:",
        )
        return None
    return True if result is None else result


def show_errors(error: TrackerError, slots: dict | None) -> None:
    """Every sentence of ``error`` in the placeholder of its field: ``slots`` maps field names
    (``note``; ``asks`` for every ``asks[N].x`` of a grid) to ``st.empty()`` placeholders;
    sentences without one go under the form (``_form``), several to one place as one box."""
    slots = slots or {}
    messages = error.errors if isinstance(error, FormErrors) else {error.field or "": error.message}
    grouped: dict[int, tuple[object, list[str]]] = {}
    for field, message in messages.items():
        slot = slots.get(field) or slots.get(field.split("[")[0]) or slots.get("_form") or st
        grouped.setdefault(id(slot), (slot, []))[1].append(message)
    for slot, texts in grouped.values():
        text = "  \n".join(plain(t[:1].upper() + t[1:]) for t in texts)
        slot.error(text, icon=":material/error:")


def flash(message: str) -> None:
    """Keep a success message for the next run: after a write the page reruns (``st.rerun``)
    so that everything on it shows the new state, and the message then shows at the top."""
    st.session_state["_flash"] = message


def show_flash() -> None:
    message = st.session_state.pop("_flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def plain(text: object) -> str:
    """Escape markdown and HTML so user text (titles, notes, letters) shows as typed."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return escaped.replace("\n", "  \n")


# the marks a widget's label renders (bold, italics, strikethrough, code, links, LaTeX, HTML,
# :icon: codes); brackets and hyphens mean nothing there, and a label's raw text is also its
# accessible name, so escaping them makes screen readers read the backslashes
_LABEL_SPECIAL = re.compile(r"([\\`*_\[\]<>~$]|:(?=\w[\w/-]*:))")


def label_text(text: object) -> str:
    """User text (a unit, a name) inside a widget's label, shown as typed."""
    return _LABEL_SPECIAL.sub(r"\\\1", str(text or ""))


def _param_list(key: str) -> list[str]:
    return [v for v in st.query_params.get_all(key) if v]


# the sidebar's view (As of, Charts from and the filters), carried from page to page
VIEW, VIEW_PAGE = "_view", "_view_page"
VIEW_KEYS = ("as_of", "from", *FILTER_KEYS)


def carry_view(keys: tuple[str, ...]) -> None:
    """A page opened from the navigation (whose link carries no view) takes the view the
    person set on the pages before, into its address too: a leader looking back to mid-2024
    who clicks Asks reads mid-2024's asks, not today's. A link that names a view of its own
    (a shared one) shows that; a rerun of the same page keeps what the person just changed."""
    page = st.session_state.get("_page")
    if st.session_state.get(VIEW_PAGE) == page:
        return
    st.session_state[VIEW_PAGE] = page
    if any(key in st.query_params for key in VIEW_KEYS):
        return
    for key in keys:
        values = st.session_state.get(VIEW, {}).get(key)
        if values:
            st.query_params[key] = values


def clear_view() -> None:
    """The view reset on purpose (a button's callback, run before the page draws)."""
    st.session_state.pop(VIEW, None)
    for key in VIEW_KEYS:
        st.query_params.pop(key, None)
    for key in FILTER_KEYS:
        st.session_state[f"flt_{key}"] = []


def remember_view(key: str, values: list[str]) -> None:
    """What the page shows for ``key`` now, for the next page (an empty list: nothing)."""
    st.session_state.setdefault(VIEW, {})[key] = list(values)


LINK_DATES = {"as_of": "as-of date", "from": "'Charts from' date"}  # as a sentence names them


def _date_param(
    key: str, default: dt.date, last: dt.date | None = None, last_is: str = ""
) -> dt.date:
    """The link's date ``key``, or ``default``; a link's date that is not one, or lies outside
    what may be shown (the earliest date recorded to ``last``), is never replaced silently:
    the page says what was wrong and which date it shows (someone sent that link believing
    it shows that date)."""
    raw = st.query_params.get(key)
    if raw is None:
        return default
    name = f"The link's {LINK_DATES[key]}"
    try:
        when = dt.date.fromisoformat(parse_date(raw, name, allow_future=True))
    except ValidationError as error:
        shown = f"Showing {default.isoformat()}."
        st.warning(f"{plain(error.message)} {shown}", icon=":material/link_off:")
        return default
    first = earliest_date(db())
    if when < first:
        said = f"is before {first.isoformat()}, the earliest date this tracker records"
        shown = first
    elif last is not None and when > last:
        said, shown = f"is after {last_is}", last
    else:
        return when
    st.warning(
        f"{name} {when.isoformat()} {said}: showing {shown.isoformat()}.",
        icon=":material/link_off:",
    )
    return shown


# Streamlit's date fields apply a typed date only when the focus leaves the field; a person
# presses Enter. On Enter inside a date field, move the focus to an invisible element, which
# applies it (installed once per browser tab; every date field benefits).
ENTER_APPLIES_DATES = """
if (!window.__trackerEnterAppliesDates) {
  window.__trackerEnterAppliesDates = true;
  const sink = document.createElement('span');
  sink.tabIndex = -1;
  sink.setAttribute('aria-hidden', 'true');
  sink.style.cssText = 'position:fixed;width:0;height:0;overflow:hidden;';
  document.body.appendChild(sink);
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !event.target.closest) return;
    if (!event.target.closest('[data-testid="stDateInputField"]')) return;
    event.preventDefault();
    sink.focus({preventScroll: true});
  }, true);
}
"""


def enter_applies_dates() -> None:
    """Make Enter apply a date typed into any date field (see ENTER_APPLIES_DATES)."""
    st.html(f"<script>{ENTER_APPLIES_DATES}</script>", unsafe_allow_javascript=True, width=1)


# the bounds the browser's date fields are given: wide, so that a date typed out of range
# reaches the server and is answered with a sentence (within tight bounds the field only
# turned red and kept its old date, saying nothing); the last year stays more than ten short
# of 9999, as Streamlit 1.67's field freezes the tab on a year typed within ten of its bound
ANY_DATE = (dt.date(1000, 1, 1), dt.date(9989, 12, 31))


# Streamlit's date field applies a day the month lacks as the month's last day; the server
# receives only that valid date, so the field's help says it before it is typed
PAST_MONTH_END = "A day the month does not have (2019-02-30) becomes its last day (2019-02-28)."


def checked_date(label: str, key: str, initial: dt.date, last: dt.date, last_is: str, **kw):
    """A sidebar date field limited to the earliest date the tracker records up to ``last``
    (``last_is`` says what it is: "today", "the as-of date"). A date out of range is not
    applied: a sentence under the field says the range and the field goes back to the date
    in force. ``initial`` (from the link) sets the field whenever it changes."""
    first = earliest_date(db())
    given, in_force, error = f"{key}__given", f"{key}__in_force", f"{key}__error"
    initial = min(max(initial, first), last)
    if st.session_state.get(given) != initial or key not in st.session_state:
        st.session_state[key] = st.session_state[given] = initial
    elif not first <= st.session_state[key] <= last:  # the limits moved (a new as-of date)
        st.session_state[key] = min(max(st.session_state[key], first), last)

    def check() -> None:
        value = st.session_state[key]
        if value is not None and first <= value <= last:
            return
        allowed = f"pick a date from {first.isoformat()} to {last.isoformat()}"
        if value is None:
            said = f"{label} needs a date (YYYY-MM-DD): {allowed}."
        elif value < first:
            said = (
                f"{label} {value.isoformat()} is before {first.isoformat()}, the earliest date "
                f"this tracker records: {allowed}."
            )
        else:
            said = f"{label} {value.isoformat()} is after {last.isoformat()}, {last_is}: {allowed}."
        st.session_state[error] = said
        st.session_state[key] = st.session_state.get(in_force, initial)

    help_text = " ".join(filter(None, (kw.pop("help", ""), PAST_MONTH_END)))
    value = st.sidebar.date_input(
        label,
        min_value=ANY_DATE[0],
        max_value=ANY_DATE[1],
        key=key,
        on_change=check,
        help=help_text,
        **kw,
    )
    if said := st.session_state.pop(error, None):
        st.sidebar.error(said, icon=":material/event_busy:")
    st.session_state[in_force] = value
    if value is not None:
        # the caller writes this date to the link: on the next run the link must read as
        # this page's own, not as a link opened from elsewhere that resets the field
        st.session_state[given] = value
    return value


def as_of_picker() -> dt.date:
    """The date every view is shown as of (sidebar, kept in the URL as ``as_of``), with a clear
    banner when it is in the past: the append-only history makes any past date answerable."""
    carry_view(("as_of",))
    as_of = checked_date(
        "As of",
        "as_of_date",
        _date_param("as_of", today(), today(), "today"),
        today(),
        "today",
        help="See statuses, counts, charts and indicators as they stood on this date.",
    )
    if as_of < today():
        st.query_params["as_of"] = as_of.isoformat()
        st.warning(
            f"Historical view: everything on this page is shown as it stood on "
            f"{as_of.isoformat()}.",
            icon=":material/history:",
        )
    elif "as_of" in st.query_params:
        del st.query_params["as_of"]
    remember_view("as_of", [as_of.isoformat()] if as_of < today() else [])
    return as_of


def _pulled_back(key: str, param: str, last: dt.date) -> dt.date | None:
    """The date field ``key`` held when a new limit (an earlier As of) falls before it, or
    None: the link holds that date as this page wrote it there, so it is the person's own
    pick moved back (said under the field), not a link's date to warn about."""
    held = st.session_state.get(key)
    written = isinstance(held, dt.date) and st.query_params.get(param) == held.isoformat()
    return held if written and held > last else None


def sidebar_filters(
    options: dict, *, with_dates: bool = True
) -> tuple[AskFilter, dt.date, dt.date]:
    """Sidebar filters shared by every page, kept in the URL's query parameters so a filtered
    view can be shared as a link. Returns the ask filter and the date range."""
    carry_view(VIEW_KEYS if with_dates else ("as_of", *FILTER_KEYS))
    st.sidebar.header("Filters")
    chosen: dict[str, list] = {}
    for key, label, values in (
        ("theme", "Theme", options["themes"]),
        ("target", "Target", options["targets"]),
        ("country", "Country", options["countries"]),
        ("owner", "Owner", options["owners"]),
    ):
        default = [v for v in _param_list(key) if v in values]
        chosen[key] = st.sidebar.multiselect(label, values, default=default, key=f"flt_{key}")
    letters = dict(options["letters"])
    letter_default = [int(v) for v in _param_list("letter") if v.isdigit() and int(v) in letters]
    chosen["letter"] = st.sidebar.multiselect(
        "Letter",
        list(letters),
        default=letter_default,
        format_func=lambda i: f"#{i} · {letters[i]}",  # two of one date and title differ
        key="flt_letter",
    )
    end = as_of_picker()
    # the first ask's date, but never after the as-of date: an as-of date before any ask must
    # not leave its own date in the link as a chosen "from" that outlives it
    default_start = min(
        dt.date.fromisoformat(options["first_date"]) if options.get("first_date") else end, end
    )
    start = default_start
    if with_dates:
        pulled = _pulled_back("flt_from", "from", end)
        start = checked_date(
            "Charts from",
            "flt_from",
            end if pulled else _date_param("from", default_start, end, "the as-of date"),
            end,
            "the as-of date",
            help="Charts over time start here; they end on the as-of date.",
        )
        if pulled:
            st.sidebar.caption(
                f"Charts from moved back from {pulled.isoformat()} to {end.isoformat()}: "
                "charts cannot start after the As of date."
            )
    for key in FILTER_KEYS:
        values = [str(v) for v in chosen[key]]
        if values:
            st.query_params[key] = values
        elif key in st.query_params:
            del st.query_params[key]
        remember_view(key, values)
    if with_dates and start != default_start:
        st.query_params["from"] = start.isoformat()
    elif "from" in st.query_params:
        del st.query_params["from"]
    if with_dates:  # a page without the field leaves the date for the next page that has it
        remember_view("from", [start.isoformat()] if start != default_start else [])
    if any(st.session_state.get(VIEW, {}).values()):
        st.sidebar.button(
            "Clear filters and As of",
            on_click=clear_view,
            icon=":material/filter_alt_off:",
            key="clear_view",
            help="Every page back to today, all asks.",
        )
    ask_filter = AskFilter(
        themes=tuple(chosen["theme"]),
        targets=tuple(chosen["target"]),
        countries=tuple(chosen["country"]),
        owners=tuple(chosen["owner"]),
        letter_ids=tuple(int(v) for v in chosen["letter"]),
    )
    return ask_filter, start, end


def number_column(name: str, label: str, values: pd.Series):
    """A number column's config showing its values in the reader's locale (78,975, where
    Streamlit's default shows 78975), or None for what is not a number or is an id (Ask
    #1234 reads as it is written)."""
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    is_id = name == "id" or name.endswith("_id") or label.endswith("#") or label == "Number"
    if not numeric or is_id:
        return None
    return st.column_config.NumberColumn(label, format="localized")


def csv_download(
    table: pd.DataFrame | Callable[[], pd.DataFrame],
    file_name: str,
    *,
    key: str,
    label: str = "Download CSV",
) -> None:
    """A CSV download of ``table`` (or of what ``table()`` returns), made on click, not on
    every rerun. A callable runs outside the page's run: give it tracker calls, not ``read``."""

    def data() -> bytes:
        frame = table() if callable(table) else table
        return csv_bytes(frame)

    st.download_button(
        label,
        data,
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",  # a download changes nothing on the page: no rerun
    )


def empty_database_notice() -> None:
    """First run: say how to start, and offer the demo dataset in one click."""
    st.info(
        "This tracker is empty. Start by adding a letter and the asks it makes, "
        "or load the demo dataset (the July 2018 letter to Secretary Pompeo on human rights in "
        "Mexico, with its sourced history) to look around.",
        icon=":material/info:",
    )
    if not can("record"):
        st.caption("Program officers and administrators can add letters or load the demo.")
        return
    left, right = st.columns(2)
    left.page_link("webapp/pages/add_letter.py", label="Add a letter", icon=":material/mail:")
    if right.button("Load the demo dataset", icon=":material/download:", key="load_demo"):
        with st.spinner("Loading the demo dataset..."):
            counts = run_write(load_demo)
        if counts:
            asks, indicators = (how_many(counts[k], k[:-1]) for k in ("asks", "indicators"))
            st.toast(f"Loaded {asks} and {indicators}.")
            st.rerun()


def text_or(value, default: str = "—") -> str:
    """A text value, or ``default`` when it is missing (None or NaN from pandas)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return default
    return str(value)


@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(builder: str, frames: tuple, kwargs: tuple):
    module_name, func_name = builder.rsplit(".", 1)
    build = getattr(importlib.import_module(module_name), func_name)
    return build(*frames, **dict(kwargs))


def figure(build: Callable, *frames, **kwargs):
    """A figure from ``tracker.figures``, built once per distinct input and shared: building
    Plotly figures is the slowest part of a rerun. The figures are never mutated after."""
    return _figure(f"{build.__module__}.{build.__name__}", frames, tuple(sorted(kwargs.items())))


def one_or_list(param: str, show_one: Callable[[int], None], show_list: Callable[[], None]):
    """The page of the one item the link names (``?param=ID``), else the list of them."""
    value = st.query_params.get(param)
    if value and value.isdigit():
        show_one(int(value))
    else:
        show_list()


def open_item(param: str, item_id: int | None) -> None:
    """Open the item picked from a list: its id in the link, the page shown again."""
    if item_id is not None:
        st.query_params[param] = str(item_id)
        st.rerun()
