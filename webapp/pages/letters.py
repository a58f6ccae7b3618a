"""Letters: the list, each letter's page (``?letter=ID``: full text, signers, its asks), and a
form to add a letter with its asks, new or repeated from earlier letters."""

import json

import pandas as pd
import streamlit as st

from tracker import limits
from tracker.auth import can
from tracker.filters import ask_choices
from tracker.intake import add_letter_with_asks
from tracker.letters import get_letter, letter_asks, list_letters
from tracker.records import PRIORITIES
from webapp.access import guard
from webapp.common import plain, read, run_write, show_flash, today
from webapp.forms import date_field, forget, limit_help

LETTER_FIELDS = (
    "let_title",
    "let_date",
    "let_author",
    "let_cosigners",
    "let_person",
    "let_office",
    "let_url",
    "let_summary",
    "let_text",
    "let_new_asks",
    "let_repeats",
)


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


def add_letter_form() -> None:
    existing = read(ask_choices)
    name_help = limit_help(limits.NAME)
    with st.form("add_letter", enter_to_submit=False):
        st.markdown("**The letter**")
        title = st.text_input("Title", key="let_title", help=limit_help(limits.TITLE))
        err_title = st.empty()
        cols = st.columns(2)
        date_sent = date_field("Date sent", value=today(), key="let_date", where=cols[0])
        err_date = cols[0].empty()
        author = cols[1].text_input("Authoring organization", key="let_author", help=name_help)
        err_author = cols[1].empty()
        cosigners = st.text_area(
            "Co-signers (one per line)",
            key="let_cosigners",
            help=f"Up to {limits.COSIGNERS} names of up to {limits.NAME} characters each.",
        )
        err_cosigners = st.empty()
        cols = st.columns(2)
        person = cols[0].text_input("Recipient (person)", key="let_person", help=name_help)
        err_person = cols[0].empty()
        office = cols[1].text_input("Recipient (office)", key="let_office", help=name_help)
        err_office = cols[1].empty()
        url = st.text_input("Published at (URL)", key="let_url", placeholder="https://...")
        err_url = st.empty()
        summary = st.text_area("Summary", key="let_summary", help=limit_help(limits.SUMMARY))
        err_summary = st.empty()
        full_text = st.text_area(
            "Full text",
            height=200,
            key="let_text",
            help=limit_help(limits.LETTER_TEXT, "The letter as sent, in our own records."),
        )
        err_text = st.empty()
        st.markdown("**New asks this letter makes** (one row each)")
        new_asks = st.data_editor(
            pd.DataFrame(
                columns=[
                    "title",
                    "target",
                    "theme",
                    "country",
                    "owner",
                    "priority",
                    "wording",
                    "passage",
                ]
            ).astype(str),
            num_rows="dynamic",
            width="stretch",
            key="let_new_asks",
            column_config={
                "title": st.column_config.TextColumn(
                    "Title", help=limit_help(limits.TITLE, "Required.")
                ),
                "target": st.column_config.TextColumn("Target", help=name_help + " Required."),
                "theme": st.column_config.TextColumn("Theme", help=name_help + " Required."),
                "country": st.column_config.TextColumn("Country", help=name_help + " Required."),
                "owner": st.column_config.TextColumn("Owner", help=name_help),
                "priority": st.column_config.SelectboxColumn("Priority", options=PRIORITIES),
                "wording": st.column_config.TextColumn("Wording", help=limit_help(limits.WORDING)),
                "passage": st.column_config.TextColumn("Passage", help=limit_help(limits.PASSAGE)),
            },
        )
        err_asks = st.empty()
        repeated = st.multiselect(
            "Asks it repeats from earlier letters",
            list(existing),
            format_func=existing.get,
            key="let_repeats",
        )
        submitted = st.form_submit_button("Add letter", type="primary")
        err_form = st.empty()
    if not submitted:
        return
    asks = new_asks.fillna("").to_dict("records")
    result = run_write(
        add_letter_with_asks,
        {
            "title": title,
            "date_sent": date_sent,
            "author_org": author,
            "cosigners": cosigners.splitlines(),
            "recipient_person": person,
            "recipient_office": office,
            "url": url,
            "full_text": full_text,
            "summary": summary,
        },
        asks,
        [(ask_id, "") for ask_id in repeated],
        errors={
            "title": err_title,
            "date_sent": err_date,
            "author_org": err_author,
            "cosigners": err_cosigners,
            "recipient_person": err_person,
            "recipient_office": err_office,
            "url": err_url,
            "summary": err_summary,
            "full_text": err_text,
            "asks": err_asks,
            "_form": err_form,
        },
    )
    if result:
        letter_id, ask_ids = result
        st.toast(f"Added the letter with {len(ask_ids)} new asks.", icon=":material/check_circle:")
        forget(*LETTER_FIELDS)
        st.query_params["letter"] = str(letter_id)
        st.rerun()


def letter_list() -> None:
    st.title("Letters")
    if can("record"):
        st.page_link(
            "webapp/pages/add_letter.py",
            label="Add a letter from its text, a file or a link",
            icon=":material/note_add:",
        )
    letters = read(list_letters)
    tab_list, tab_add = st.tabs(
        ["All letters", "Add a letter"] if can("record") else ["All letters", "—"]
    )
    with tab_list:
        if letters.empty:
            st.info("No letters yet. Add the first one in the next tab.")
        else:
            shown = letters[["id", "date_sent", "title", "author_org", "asks"]].copy()
            shown.insert(0, "open", "/letters?letter=" + shown["id"].astype(str))
            st.dataframe(
                shown,
                hide_index=True,
                width="stretch",
                column_config={"open": st.column_config.LinkColumn("Open", display_text="Open")},
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
            if choice is not None:
                st.query_params["letter"] = str(choice)
                st.rerun()
    with tab_add:
        if can("record"):
            add_letter_form()
        else:
            st.write("Adding letters is for program officers and administrators.")


guard("read_internal")
param = st.query_params.get("letter")
if param and param.isdigit():
    letter_page(int(param))
else:
    letter_list()
