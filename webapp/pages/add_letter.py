"""Add a letter, starting from the letter: paste its text, upload it or give its link; the
tracker drafts its details and asks (tracker.drafting), the officer reviews them here, and
*Accept* stores the letter, its new asks and its links to repeated asks in one transaction
(tracker.intake.accept_draft). Nothing is stored before that; the draft lives in the session,
so it survives reruns."""

from __future__ import annotations

import datetime as dt
import html
import threading

import pandas as pd
import streamlit as st

from tracker import intake, reading, search
from tracker.auth import can
from tracker.counting import how_many
from tracker.drafting import PICKED, draft_letter, load_word_lists, values_in_use
from tracker.errors import FormErrors, TrackerError
from tracker.records import PRIORITIES
from tracker.report import joined
from tracker.same_letter import same_letter
from tracker.vocabulary import PRIORITY_LABELS
from webapp.access import guard
from webapp.common import db, flash, plain, read, run_write, show_flash, today, write
from webapp.forms import date_field

STATE = "intake_draft"
NEW = "new…"
NEW_ASK = 0  # "same as" value of a row that is a new ask
COLUMNS = [
    "keep",
    "found",
    "title",
    "same_as",
    "owner",  # before target: on screen at 1280 px (it was the off-screen last but one)
    "target",
    "theme",
    "country",
    "priority",
    "passage",
]


@st.cache_resource
def _word_lists() -> threading.Thread:
    """Start loading the drafter's word lists once a server process, in the background, while
    the person pastes or uploads the letter (see tracker.drafting.load_word_lists)."""
    loading = threading.Thread(target=load_word_lists, name="word-lists", daemon=True)
    loading.start()
    return loading


def _version() -> int:
    return st.session_state.get("intake_version", 0)


def _ask_state(a) -> dict:
    """What the page keeps of a drafted ask beside its row: its place and its reasons."""
    return {
        "start": a.start,
        "end": a.end,
        "why": a.why,
        "sure": a.sure,
        "target_why": a.target_why,
        "theme_why": a.theme_why,
        "repeats": [
            {"ask_id": r.ask_id, "title": r.title, "score": r.score, "words": r.words}
            for r in a.repeats
        ],
    }


def _start_review(text: str, url: str | None = None, title: str = "") -> None:
    """Draft from the letter's text and keep the draft in the session."""
    with st.spinner("Reading the letter and drafting its asks..."):
        draft = draft_letter(db(), text, url=url, title_hint=title)
    st.session_state[STATE] = {
        "letter": intake.draft_letter_fields(draft),
        "language": draft.language,
        "rows": intake.draft_rows(draft, owner=intake.default_owner()),
        # (in the order of draft_rows; None for a row added with +, until a row is picked)
        "asks": [_ask_state(a) for a in [*draft.asks, *draft.possible]],
        "extra_choices": {},
    }
    st.session_state["intake_version"] = _version() + 1
    st.rerun()


def private_links_switch() -> None:
    """The administrators' switch beside the link field: the refusal an officer gets for a
    local address says an administrator may allow it, and this is where (tracker
    private-links on, from the command line)."""
    allowed = intake.private_links_allowed(db())
    choice = st.toggle(
        "Fetch links to private or local addresses",
        value=allowed,
        key="intake_private_links",
        help="Off (the default): the server fetches only public addresses, so a link cannot "
        "make it probe the office network. On: an intranet's letters can be fetched. "
        "Administrators only.",
    )
    if choice != allowed:
        run_write(intake.set_private_links, choice)
        st.rerun()


def start() -> None:
    """The three ways in, each with its error next to it."""
    st.write(
        "Start from the letter: the tracker drafts its details and asks for you to review. "
        "Nothing is saved until you accept."
    )
    # keyed: a rerun (an error shown next to its field) keeps the tab the officer was on
    paste, upload, link = st.tabs(
        ["Paste the text", "Upload a file", "From a link"], key="intake_tab"
    )
    with paste, st.form("intake_paste", enter_to_submit=False):
        text = st.text_area("The letter's text", height=280, key="intake_text")
        slot = st.empty()
        if st.form_submit_button("Draft the asks", type="primary"):
            try:
                if not text.strip():  # as the other tabs say it ("Choose a file first.")
                    raise TrackerError("Paste the letter's text first.", "source")
                document = reading.from_text(text)
            except TrackerError as error:
                slot.error(plain(error.message), icon=":material/error:")
            else:
                _start_review(document.text)
    with upload, st.form("intake_upload", enter_to_submit=False):
        # no type filter: a file dragged onto a filtered uploader is refused in the browser,
        # unseen by the server ("Choose a file first."); the tracker names what it is instead
        file = st.file_uploader(
            f"A letter as {reading.UPLOAD_FORMATS}",
            max_upload_size=reading.MAX_BYTES // 2**20,
            key="intake_file",
        )
        slot = st.empty()
        if st.form_submit_button("Draft the asks", type="primary"):
            if file is None:  # (or one over the limit: the uploader keeps it from the server)
                slot.error(
                    f"Choose a file first. A file over {reading.MAX_BYTES // 2**20} MB is not "
                    "taken (the uploader marks it red): paste its text instead, or upload a "
                    "smaller copy.",
                    icon=":material/error:",
                )
            else:
                try:
                    document = reading.from_bytes(file.getvalue(), file.name, file.type or "")
                except TrackerError as error:
                    with slot.container():
                        st.error(plain(error.message), icon=":material/error:")
                        if reading.is_spreadsheet(file.name, file.type or "", file.getvalue()):
                            st.page_link(
                                "webapp/pages/import_export.py",
                                label="Go to Import and export",
                                icon=":material/upload_file:",
                            )
                else:
                    _start_review(document.text, title=document.title)
    with link, st.form("intake_link", enter_to_submit=False):
        url = st.text_input("Link to the letter (http or https)", key="intake_url")
        slot = st.empty()
        if st.form_submit_button("Fetch and draft", type="primary"):
            try:
                with st.spinner("Fetching the letter..."):
                    document = reading.from_link(
                        url, allow_private=intake.private_links_allowed(db())
                    )
            except TrackerError as error:
                slot.error(plain(error.message), icon=":material/error:")
            else:
                _start_review(document.text, url=document.url, title=document.title)
    if can("manage_users"):
        private_links_switch()
    if st.button("Or type a letter in by hand", key="intake_by_hand"):
        st.session_state[STATE] = {
            "letter": {
                "title": "",
                "date_sent": None,
                "author_org": "",
                "cosigners": [],
                "recipient_person": "",
                "recipient_office": "",
                "url": None,
                "full_text": "",
            },
            "language": "",
            "rows": [],
            "asks": [],
            "extra_choices": {},
            "by_hand": True,  # no letter was read: the page says what to type, not what it found
        }
        st.session_state["intake_version"] = _version() + 1
        st.rerun()


def _choices(in_use: list[str], drafted: list[str]) -> list[str]:
    values = list(dict.fromkeys([*in_use, *(d for d in drafted if d and d != NEW)]))
    return [*values, NEW]


# the tracker's names for fields this page labels otherwise
RELABELLED = {"letter URL": "Published at (URL)"}


def _as_labelled(message: str) -> str:
    """A sentence from the tracker as shown next to its field: starting with a capital, and
    naming the field by its label here."""
    for name, label in RELABELLED.items():
        if message.startswith(name):
            message = label + message[len(name) :]
    return message[:1].upper() + message[1:]


def _keep_edits(
    state: dict, table: list[dict], origin: list[int | None], typed: dict | None = None
) -> None:
    """Fold the review table's edits into the draft's rows and start a new table from them:
    a rerun that changes the table's choices (an offered ask) draws a new table, and the
    edits kept only in the old one would be lost. ``origin`` says which drafted row each
    table row is (None: added with +), so each row keeps its own reasons and place in the
    letter after a row above it was deleted; ``typed`` holds the "new…" values typed."""
    rows, asks = state["rows"], state["asks"]
    kept_rows, kept_asks = [], []
    for n, row in enumerate(table):
        was = origin[n] if n < len(origin) else None
        values = {c: (None if pd.isna(row.get(c)) else row.get(c)) for c in COLUMNS}
        for column in ("target", "theme", "country", "owner"):
            if values.get(column) == NEW and (typed or {}).get((n + 1, column)):
                values[column] = typed[(n + 1, column)]
        kept_rows.append({**(rows[was] if was is not None and was < len(rows) else {})} | values)
        kept_asks.append(asks[was] if was is not None and was < len(asks) else None)
    state["rows"], state["asks"] = kept_rows, kept_asks
    state["table"] = state.get("table", 0) + 1


def _origins(edited: pd.DataFrame, editor_key: str) -> list[int | None]:
    """Which drafted row each row of the edited table is: the editor keeps a surviving row's
    index and appends the rows added with + (which have none of the draft's reasons)."""
    added = len((st.session_state.get(editor_key) or {}).get("added_rows") or [])
    kept = [int(i) for i in edited.index[: len(edited) - added]]
    return kept + [None] * added


def _same_letter_warning(slot, slots: dict, v: int, **fields) -> bool:
    """Under the title: the stored letter this one looks like (tracker.same_letter), a link to
    it and the deliberate "Add it anyway" Accept then needs. Returns whether it is ticked."""
    slots["add_anyway"] = slot  # (also where Accept says it, if another officer just added it)
    match = read(same_letter, **fields)
    if match is None:
        return False
    with slot.container():
        slots["add_anyway"] = st.empty()
        slots["add_anyway"].warning(plain(match.sentence), icon=":material/content_copy:")
        st.page_link(
            "webapp/pages/letters.py",
            label=f"Open letter #{match.letter_id}",
            query_params={"letter": str(match.letter_id)},
            icon=":material/open_in_new:",
        )
        return st.checkbox(
            "Add it anyway: it is another letter",
            key=f"il_anyway_{v}",
            help="Accept stores a letter that looks like one already stored only when this is "
            "ticked.",
        )


def _unowned_sentence(numbers: list[int]) -> str:
    """Which rows would be new asks that nobody reviews, said plainly before Accept."""
    if len(numbers) == 1:
        return (
            f"Row {numbers[0]} (a new ask) has no owner: it will not appear in anyone's "
            "review queue."
        )
    listed = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
    return f"Rows {listed} (new asks) have no owner: they will not appear in anyone's review queue."


def _lacking_sentence(rows: list[dict]) -> str | None:
    """The kept rows that would be new asks without a target, theme or country, said before
    Accept refuses them: a picker's blank choice (Streamlit's, in a column that must stay open
    for rows added with +) leaves the cell empty, as a draft that could not tell does."""
    gaps = intake.lacking(rows)
    if not gaps:
        return None
    said = "; ".join(f"row {number} has no {joined(missing, 'or')}" for number, missing in gaps)
    pick = "it" if len(gaps) == 1 and len(gaps[0][1]) == 1 else "them"
    untick = "the row" if len(gaps) == 1 else "the rows"
    return (
        f"New asks need a target, theme and country before Accept: {said}. Pick {pick} in the "
        f"table, or untick {untick}."
    )


def _marked(text: str, start: int | None, end: int | None) -> str:
    """The letter's text as HTML with the selected passage marked (everything escaped)."""
    if start is None or end is None or not (0 <= start < end <= len(text)):
        body = html.escape(text)
    else:
        body = (
            html.escape(text[:start])
            + "<mark id='intake-passage' style='background:#ffe08a;padding:0 2px'>"
            + html.escape(text[start:end])
            + "</mark>"
            + html.escape(text[end:])
        )
    return (
        "<div data-testid='intake-letter' style='white-space:pre-wrap;font-size:0.92rem;"
        f"line-height:1.45'>{body}</div>"
    )


# The letter's box has a fixed height, so a passage far down the letter was marked out of
# sight: this scrolls the box (only the box, never the page) to show the mark a third down.
SHOW_MARK = """<script>
setTimeout(() => {
  const mark = document.getElementById("intake-passage");
  let box = mark && mark.parentElement;
  while (box && box.tagName !== "MAIN" && !(box.scrollHeight > box.clientHeight + 1
         && ["auto", "scroll"].includes(getComputedStyle(box).overflowY))) {
    box = box.parentElement;
  }
  if (!box || box.tagName === "MAIN") return;
  const top = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
  box.scrollTop = Math.max(0, box.scrollTop + top - box.clientHeight / 3);
}, 50);
</script>"""


def _span_of(state: dict, was: int | None, passage: str) -> tuple[int | None, int | None]:
    """Where a row's passage is in the letter: the drafted place of drafted row ``was`` while
    its passage is the drafted one, else where the passage's text is found."""
    asks = state["asks"]
    if was is not None and was < len(asks) and asks[was]:
        start, end = asks[was]["start"], asks[was]["end"]
        if state["letter"]["full_text"][start:end].strip() == (passage or "").strip():
            return start, end
    text = state["letter"]["full_text"]
    at = text.find(passage) if passage else -1
    return (at, at + len(passage)) if at >= 0 else (None, None)


PICK_LABEL = 90  # characters of a sentence a picker's option shows


def _option(text: str, span: tuple[int, int]) -> str:
    """A sentence as a picker's option: its start, on one line, a long one cut at a word."""
    sentence = " ".join(text[span[0] : span[1]].split())
    if len(sentence) <= PICK_LABEL:
        return sentence
    return sentence[:PICK_LABEL].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _pick_missed(state: dict, table: list[dict], origin: list, typed: dict) -> None:
    """An ask the draft missed, in two clicks: pick its sentence (the letter's sentences and
    list items no row holds), then Add: the tracker drafts it as it drafts its own asks and it
    becomes a row, selected, with every edit to the other rows kept."""
    text = state["letter"]["full_text"]
    st.subheader("Add an ask the draft missed", anchor=False)
    missed = intake.missed_passages(text, table)
    if not missed:
        st.caption("Every sentence of the letter's body is already in a row of the table.")
        return
    key = f"il_pick_{_version()}_{state.get('table', 0)}"
    cols = st.columns([4, 1], vertical_alignment="bottom")
    span = cols[0].selectbox(
        "A sentence or list item of the letter that no row holds",
        missed,
        index=None,
        format_func=lambda s: _option(text, s),
        placeholder="Type a few of its words to find it…",
        key=key,
        help="The tracker drafts its title, target, theme, country and likely repeats; "
        "you check them in the table.",
    )
    slot = st.empty()
    if cols[1].button("Add as an ask", icon=":material/add:", key=f"{key}_add"):
        if span is None:
            slot.error("Pick a sentence of the letter first.", icon=":material/error:")
            return
        try:
            with st.spinner("Drafting it..."):  # (the whole letter again: under a second)
                row, ask = intake.picked_row(
                    db(), text, tuple(span), table, owner=intake.default_owner()
                )
        except TrackerError as error:
            slot.error(plain(error.message), icon=":material/error:")
            return
        _keep_edits(state, table, origin, typed)
        state["asks"].append(_ask_state(ask))
        state["rows"].append(row)
        state["show"] = len(state["rows"]) - 1
        st.rerun()


def review(state: dict) -> None:
    v = _version()
    letter = state["letter"]
    in_use = read(values_in_use)
    by_hand = state.get("by_hand", False)
    top = st.columns([3, 1])
    top[0].caption(
        "Type the letter's details and its asks."
        if by_hand
        else "Drafted from the letter: check each field. "
        + (
            f"Language: {'Spanish' if state['language'] == 'es' else 'English'}. "
            if state["language"]
            else ""
        )
        + (f"Source: {letter['url']}" if letter.get("url") else "")
    )
    if top[1].button("Start over", icon=":material/restart_alt:", key="intake_restart"):
        st.session_state.pop(STATE, None)
        st.rerun()

    st.subheader("The letter", anchor=False)
    slots: dict[str, object] = {}
    title = st.text_input("Title", value=letter["title"], key=f"il_title_{v}")
    slots["title"] = st.empty()
    same_slot = st.empty()  # "this looks like letter #3", once the fields below are read
    cols = st.columns(2)
    drafted_date = dt.date.fromisoformat(letter["date_sent"]) if letter["date_sent"] else None
    with cols[0]:
        # typed, and checked by the tracker like every date (tracker.dates: its range, real days)
        date_sent = date_field("Date sent", value=drafted_date or today(), key=f"il_date_{v}")
        if by_hand:
            st.caption("Type the date the letter was sent (today is shown).")
        elif drafted_date is None:
            st.caption("No date was found in the letter: today is shown, change it if needed.")
        slots["date_sent"] = st.empty()
    with cols[1]:
        author = st.text_input(
            "Authoring organization", value=letter["author_org"], key=f"il_author_{v}"
        )
        slots["author_org"] = st.empty()
    cosigners = st.text_area(
        "Co-signers (one per line)", value="\n".join(letter["cosigners"]), key=f"il_cos_{v}"
    )
    cols = st.columns(2)
    person = cols[0].text_input(
        "Recipient (person)", value=letter["recipient_person"] or "", key=f"il_person_{v}"
    )
    office = cols[1].text_input(
        "Recipient (office)", value=letter["recipient_office"] or "", key=f"il_office_{v}"
    )
    url = st.text_input("Published at (URL)", value=letter.get("url") or "", key=f"il_url_{v}")
    slots["url"] = st.empty()
    summary = st.text_area("Summary (optional)", key=f"il_summary_{v}")
    add_anyway = _same_letter_warning(
        same_slot,
        slots,
        v,
        title=title,
        date_sent=date_sent,
        author_org=author,
        recipient_office=office,
        full_text=letter["full_text"],
    )

    st.subheader("Its asks", anchor=False)
    rows = state["rows"]
    if by_hand:
        st.caption("Add one row per ask (the + below the table).")
    elif not rows:
        st.info(
            "No asks were found in this letter. Pick its sentences that are asks under "
            "“Add an ask the draft missed” below, or add rows with the + below the table.",
            icon=":material/info:",
        )
    suggestions: dict[int, str] = dict(state["extra_choices"])
    for ask in state["asks"]:
        for r in (ask or {}).get("repeats", ()):  # (None: a row added with +)
            suggestions.setdefault(r["ask_id"], r["title"])
    same_options = [NEW_ASK, *suggestions]
    frame = pd.DataFrame(
        [
            {**{c: row.get(c) for c in COLUMNS}, "same_as": row.get("same_as") or NEW_ASK}
            for row in rows
        ],
        columns=COLUMNS,
    )
    frame["same_as"] = frame["same_as"].astype("Int64")
    owners = _choices(in_use.owners, [intake.default_owner(), *(r["owner"] for r in rows)])
    editor_key = f"intake_asks_{v}_{state.get('table', 0)}"
    edited = st.data_editor(
        frame,
        key=editor_key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "keep": st.column_config.CheckboxColumn("Keep", default=True, width="small"),
            "found": st.column_config.TextColumn(
                "Found as",
                disabled=True,
                width="small",
                help="Possible asks come unticked; Picked: a passage you added from the letter",
            ),
            # widths so that Keep to Owner fit a laptop's 1280 px (the rest scrolls)
            "title": st.column_config.TextColumn("Title", max_chars=200, width=280),
            "same_as": st.column_config.SelectboxColumn(
                "Same as existing ask",
                options=same_options,
                format_func=lambda i: "New ask" if not i else f"#{i} · {suggestions.get(i, '')}",
                default=NEW_ASK,
                required=True,  # no empty choice above "New ask"
                width=200,
            ),
            "target": st.column_config.SelectboxColumn(
                "Target", options=_choices(in_use.targets, [r["target"] for r in rows])
            ),
            "theme": st.column_config.SelectboxColumn(
                "Theme", options=_choices(in_use.themes, [r["theme"] for r in rows])
            ),
            "country": st.column_config.SelectboxColumn(
                "Country", options=_choices(in_use.countries, [r["country"] for r in rows])
            ),
            "owner": st.column_config.SelectboxColumn(
                "Owner",
                options=owners,
                default=intake.default_owner() or None,  # (a row added with +, too)
                width=130,
                help="Who reviews a new ask (a repeated ask keeps its own owner). An ask "
                "with no owner is in nobody's review queue.",
            ),
            "priority": st.column_config.SelectboxColumn(
                "Priority",
                options=list(PRIORITIES),
                format_func=PRIORITY_LABELS.get,
                default="medium",
                required=True,
            ),
            "passage": st.column_config.TextColumn("Passage (from the letter)", width="large"),
        },
    )
    asks_slot = st.empty()
    table = edited.to_dict("records")
    origin = _origins(edited, editor_key)
    new_values: dict[tuple[int, str], str] = {}
    for number, row in enumerate(table, start=1):
        # (keyed by the row itself, not its place: a row deleted above keeps what was typed)
        was = origin[number - 1]
        row_key = f"d{was}" if was is not None else f"a{number - len(table)}"
        for column in ("target", "theme", "country", "owner"):
            if row.get(column) == NEW:
                new_values[(number, column)] = st.text_input(
                    f"New {column} for row {number}",
                    key=f"il_new_{column}_{row_key}_{v}_{state.get('table', 0)}",
                )
    if any(origin[n - 1] is None for n, _ in new_values):
        # a row added with + has no identity in the editor (deleting one above or below it
        # renumbers them), so its typed "new…" value could move to another row: once it is
        # given "new…", it becomes one of the draft's rows, keyed like them, in a new table
        _keep_edits(state, table, origin, new_values)
        st.rerun()

    with st.expander("Link a row to another existing ask", icon=":material/link:"):
        found_query = st.text_input("Find an ask by its words", key=f"il_find_{v}")
        if found_query.strip():
            found = read(search.search, found_query)
            found = found[found["kind"].isin(["ask", "passage"])].drop_duplicates("ask_id")
            if found.empty:
                st.write("No ask matches those words.")
            for item in found.head(8).itertuples():
                cols = st.columns([3, 2])
                cols[0].markdown(f"#{item.ask_id} · {plain(item.title)}")
                if int(item.ask_id) in suggestions:  # (offered, or a likely repeat drafted)
                    cols[1].caption(
                        "Offered: pick it in a row's “Same as existing ask” column",
                    )
                elif cols[1].button("Offer it", key=f"il_offer_{item.ask_id}_{v}"):
                    _keep_edits(state, table, origin, new_values)
                    state["extra_choices"][int(item.ask_id)] = item.title
                    st.rerun()

    if letter["full_text"] and not by_hand:
        _pick_missed(state, table, origin, new_values)

    if table:
        st.subheader("Where each ask is in the letter", anchor=False)
        labels = {
            i: f"Row {i + 1}: {row.get('title') or '(no title)'}" for i, row in enumerate(table)
        }
        if "show" in state:  # (a row just picked: shown selected, its passage highlighted)
            st.session_state[f"il_show_{v}"] = state.pop("show")
        chosen = st.selectbox("Ask", list(labels), format_func=labels.get, key=f"il_show_{v}")
        row, was = table[chosen], origin[chosen]
        start, end = _span_of(state, was, row.get("passage") or "")
        if row.get("same_as") and not pd.isna(row["same_as"]):
            st.caption(
                f"Same as ask #{int(row['same_as'])}: Accept links this letter to it with this "
                "passage; that ask keeps its own title, target, theme, country, owner and "
                "priority (change them on its page)."
            )
        if was is not None and was < len(state["asks"]) and state["asks"][was]:
            ask = state["asks"][was]
            why = intake.reason(ask["why"])
            sure = ask.get("sure", True)
            taken = f"taken because it {why}" if sure else f"a possible ask, unticked: it {why}"
            if ask["why"] == PICKED:
                taken = "picked by you: the draft had missed it"
            reasons = [taken, f"target: {ask['target_why']}"]
            if ask["theme_why"]:
                reasons.append(f"theme from the words {', '.join(ask['theme_why'])}")
            st.caption(" · ".join(plain(r) for r in reasons))
            if ask["repeats"]:
                st.caption(
                    "Likely repeats: "
                    + "; ".join(
                        f"#{r['ask_id']} {plain(r['title'])} (score {r['score']:.2f}, shared "
                        f"words: {plain(', '.join(r['words']))})"
                        for r in ask["repeats"]
                    )
                )
        with st.container(border=True, height=360):
            # (the letter is escaped; the one script is ours: it brings the mark into view)
            st.html(
                _marked(letter["full_text"], start, end) + SHOW_MARK, unsafe_allow_javascript=True
            )
    elif letter["full_text"]:
        with st.container(border=True, height=300):
            st.html(_marked(letter["full_text"], None, None))

    rows_out = []  # every row of the table, numbered as shown (the tracker skips empty ones)
    for number, row in enumerate(table, start=1):
        out = {c: (None if pd.isna(row.get(c)) else row.get(c)) for c in COLUMNS}
        for column in ("target", "theme", "country", "owner"):
            if out.get(column) == NEW:
                out[column] = new_values.get((number, column), "")
        out["keep"] = bool(out.get("keep")) if out.get("keep") is not None else True
        out["same_as"] = int(out["same_as"]) if out.get("same_as") else None
        rows_out.append(out)
    lacking = _lacking_sentence(rows_out)
    if lacking:  # under the table (Accept's refusal, if it comes, takes its place)
        asks_slot.warning(plain(lacking), icon=":material/warning:")
    unowned = intake.unowned(rows_out)
    if unowned:
        st.warning(
            _unowned_sentence(unowned)
            + " Pick an owner in the table's Owner column, or accept it as it is.",
            icon=":material/person_off:",
        )

    without_asks = by_hand  # (typed in by hand, nothing drafted was unticked by a slip)
    if not by_hand and not intake.kept(rows_out):
        slots["without_asks"] = st.empty()
        without_asks = st.checkbox(
            "Store it without asks: this letter makes none",
            key=f"il_no_asks_{v}",
            help="Accept stores a letter with no ask kept only when this is ticked; its asks "
            "can be linked from its page later.",
        )

    form_slot = st.empty()
    if st.button("Accept", type="primary", icon=":material/check:", key=f"il_accept_{v}"):
        fields = {
            "title": title,
            "date_sent": date_sent,
            "author_org": author,
            "cosigners": cosigners.splitlines(),
            "recipient_person": person,
            "recipient_office": office,
            "url": url,
            "full_text": letter["full_text"],
            "summary": summary,
        }
        try:
            letter_id, new_ids, linked = write(
                intake.accept_draft, fields, rows_out, add_anyway, without_asks
            )
        except FormErrors as error:
            table_errors = []
            for field_name, message in error.errors.items():
                message = _as_labelled(message)
                if field_name == "add_anyway":  # (the tracker's words, as this page asks it)
                    message = message.replace("add it anyway.", "tick “Add it anyway” below.")
                if field_name == "without_asks":
                    message = message.replace(
                        "store the letter without asks", "tick “Store it without asks” below"
                    )
                slot = slots.get(field_name)
                if slot is not None:
                    slot.error(plain(message), icon=":material/error:")
                else:
                    table_errors.append(message)
            if table_errors:
                asks_slot.error(
                    "  \n".join(plain(m) for m in table_errors), icon=":material/error:"
                )
            form_slot.error(
                "Nothing was saved: fix the fields marked above.", icon=":material/error:"
            )
        except TrackerError as error:
            form_slot.error(plain(error.message), icon=":material/error:")
        else:
            st.session_state.pop(STATE, None)
            flash(
                "Added the letter with no asks."
                if not new_ids and not linked
                else f"Added the letter with {how_many(len(new_ids), 'new ask')}"
                + (f" and {len(linked):,} repeated" if linked else "")
                + "."
                + (
                    f" {how_many(len(unowned), 'new ask')} "
                    + ("has" if len(unowned) == 1 else "have")
                    + " no owner, so "
                    + ("it is" if len(unowned) == 1 else "they are")
                    + " in no review queue."
                    if unowned
                    else ""
                )
            )
            st.switch_page("webapp/pages/letters.py", query_params={"letter": str(letter_id)})


guard("record")
_word_lists()
st.title("Add a letter")
show_flash()
if STATE in st.session_state:
    review(st.session_state[STATE])
else:
    start()
