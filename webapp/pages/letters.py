"""Letters: the list and each letter's page (``?letter=ID``: full text, signers, its asks).
Letters are added on the Add a letter page, which starts from the letter itself."""

import json

import streamlit as st

from tracker.auth import can
from tracker.letters import get_letter, letter_asks, list_letters
from webapp import details, tables
from webapp.access import guard
from webapp.common import one_or_list, open_item, plain, read, show_flash


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
    st.subheader("Full text")
    with st.container(border=True, height=420):
        st.markdown(plain(letter["full_text"]) or "_No text stored._")


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
