"""Search: letters, asks (titles, wordings, the passages that make them) and status notes,
through the full-text index (tracker.search). Donors search what is public only: ask titles
and public status notes."""

import streamlit as st

from tracker import search
from tracker.auth import can
from tracker.counting import how_many
from webapp.common import plain, read

KINDS = {
    "letter": "Letter",
    "ask": "Ask",
    "passage": "Passage of a letter",
    "status note": "Status note",
}


def _snippet(text: str) -> str:
    """The matched words in bold; everything else shown as typed, on one line: a letter's
    paragraph break inside a snippet would set the words after it apart, as a second result."""
    one_line = " ".join(text.split())
    return plain(one_line).replace(search.MARK_START, "**").replace(search.MARK_END, "**")


def _link(row, internal: bool) -> str:
    if not internal:
        return ""
    if row.kind == "letter":
        return f"/letters?letter={int(row.letter_id)}"
    return f"/asks?ask={int(row.ask_id)}"


st.title("Search")
internal = can("read_internal")
query = st.text_input(
    "Search words",
    key="search_query",
    value=st.query_params.get("q", ""),
    placeholder="e.g. protection mechanism, fiscalía, asylum",
)
if not internal:
    st.caption("You are searching published content: ask titles and public status notes.")
if query.strip():
    st.query_params["q"] = query
    results = read(search.search, query, public_only=not internal)
    if results.empty:
        st.info(f"Nothing matches “{query}”. Try fewer or other words.")
    else:
        st.caption(how_many(len(results), "match", "matches"))
        for row in results.itertuples():
            link = _link(row, internal)
            title = plain(row.title)
            head = f"[{title}]({link})" if link else f"**{title}**"
            with st.container(border=True):
                st.markdown(f"{KINDS.get(row.kind, row.kind)} · {head}")
                st.markdown(_snippet(row.snippet))
else:
    st.query_params.pop("q", None)
    st.write("Type words to find letters, asks and status notes that contain them all.")
