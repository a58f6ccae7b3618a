"""Letters: the list and each letter's page (``?letter=ID``: full text, signers, its asks).
Letters are added on the Add a letter page, which starts from the letter itself."""

import json

import streamlit as st

from tracker import limits, records
from tracker.auth import can
from tracker.filters import ask_choices
from tracker.letters import get_letter, letter_asks, list_letters
from webapp import details, tables
from webapp.access import guard
from webapp.common import flash, one_or_list, open_item, plain, read, run_write, show_flash
from webapp.forms import apply_clears, clear_later, limit_help


def link_form(letter_id: int, linked: set[int]) -> None:
    """*Link an ask this letter also makes*: an ask already tracked (from an earlier letter,
    or stored without this one) joins this letter with the passage that makes it here, so the
    ask's page lists this letter and the letter's page the ask, as Add a letter does for a
    repeat it finds."""
    apply_clears()  # a link just made empties the form
    choices = {i: label for i, label in read(ask_choices).items() if i not in linked}
    with st.expander("Link an ask this letter also makes", icon=":material/link:"):
        if not choices:
            st.write("Every tracked ask is linked to this letter already.")
            return
        key = f"link_{letter_id}"
        # the ask picked before this run, if a colleague linked it meanwhile: it has left the
        # choices (and the picker), and Link says so instead of "pick an ask"
        was_picked = st.session_state.get(f"{key}_ask")
        ask_id = st.selectbox(
            "Ask",
            list(choices),
            index=None,
            format_func=choices.get,
            placeholder="Search the tracked asks...",
            key=f"{key}_ask",
        )
        slots = {"ask": st.empty()}
        passage = st.text_area(
            "The passage of this letter that makes it",
            key=f"{key}_passage",
            help=limit_help(limits.PASSAGE, "Copy it from the full text below."),
        )
        slots["passage"] = st.empty()
        go = st.button("Link the ask", icon=":material/add_link:", key=f"{key}_go")
        if ask_id is None and was_picked in linked:
            ask_id = was_picked
        if go and run_write(
            records.link_ask, letter_id, ask_id, passage, replace=False, errors=slots
        ):
            clear_later({f"{key}_ask": None, f"{key}_passage": ""})
            flash(f"Linked {choices[ask_id]} to this letter.")
            st.rerun()


def letter_page(letter_id: int) -> None:
    show_flash()
    letter = read(get_letter, letter_id)
    if st.button("← All letters", key="back"):
        del st.query_params["letter"]
        st.rerun()
    if letter is None:
        st.error(f"There is no letter with id {letter_id}.")
        return
    st.title(plain(letter["title"]), anchor=False)
    cosigners = json.loads(letter["cosigners"] or "[]")
    recipient = ", ".join(x for x in (letter["recipient_person"], letter["recipient_office"]) if x)
    st.markdown(
        f"**Sent:** {letter['date_sent']} · **From:** {plain(letter['author_org'])}"
        + (f" · **Co-signed by:** {plain(', '.join(cosigners))}" if cosigners else "")
        + (f"  \n**To:** {plain(recipient)}" if recipient else "")
    )
    if can("record"):
        details.letter_form(letter)
    if letter["url"]:
        st.link_button("Open the published letter", letter["url"], icon=":material/open_in_new:")
    if letter["summary"]:
        st.info(plain(letter["summary"]))
    st.subheader("Asks in this letter")
    asks = read(letter_asks, letter_id)
    if asks.empty:
        st.write("No asks are linked to this letter yet.")
    for row in asks.itertuples():
        st.markdown(f"- [{plain(row.title)}](/asks?ask={row.ask_id}) · {plain(row.theme)}")
    if can("record"):
        link_form(letter_id, set(asks["ask_id"].astype(int)))
    st.subheader("Full text")
    if not (letter["full_text"] or "").strip():
        st.markdown("_No text stored._")  # (not at the top of an empty scroll box)
        return
    with st.container(border=True, height=420):
        st.markdown(plain(letter["full_text"]))


def letter_list() -> None:
    st.title("Letters")
    if can("record"):  # one way to add a letter: from its text, a file or a link
        st.page_link(
            "webapp/pages/add_letter.py",
            label="Add a letter from its text, a file or a link",
            icon=":material/note_add:",
        )
    letters = read(list_letters)
    if letters.empty:
        st.info(
            "No letters yet."
            + (" Add the first one with the link above." if can("record") else ""),
            icon=":material/info:",
        )
        return
    tables.show(
        letters.assign(open="/letters?letter=" + letters["id"].astype(str)),
        {
            "open": st.column_config.LinkColumn("Open", display_text="Open"),
            "title": tables.title_column("Letter"),
            "date_sent": "Sent",
            "author_org": "From",
            "recipient_office": "To",
            "asks": "Asks",
            "id": "Letter #",
        },
    )
    choice = st.selectbox(
        "Open a letter",
        letters["id"].tolist(),
        index=None,
        format_func=dict(
            zip(letters["id"], letters["date_sent"] + " — " + letters["title"], strict=True)
        ).get,
        placeholder="Search letters...",
        key="letter_open",
    )
    open_item("letter", choice)


guard("read_internal")
one_or_list("letter", letter_page, letter_list)
