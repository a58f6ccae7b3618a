"""Advocacy Tracker's Streamlit entry point: only the router. It builds the navigation and runs
the chosen page; pages live in webapp/pages and call into tracker/."""

import streamlit as st

st.set_page_config(page_title="Advocacy Tracker", page_icon=":material/flag:", layout="wide")

PAGES = {
    "Overview": [
        st.Page(
            "webapp/pages/dashboard.py",
            title="Dashboard",
            icon=":material/dashboard:",
            default=True,
        ),
        st.Page("webapp/pages/asks.py", title="Asks", icon=":material/checklist:"),
        st.Page("webapp/pages/letters.py", title="Letters", icon=":material/mail:"),
        st.Page("webapp/pages/indicators.py", title="Indicators", icon=":material/monitoring:"),
    ],
    "Program work": [
        st.Page(
            "webapp/pages/record_update.py", title="Record an update", icon=":material/edit_note:"
        ),
        st.Page(
            "webapp/pages/review_queue.py", title="My review queue", icon=":material/fact_check:"
        ),
    ],
    "About": [
        st.Page("webapp/pages/methodology.py", title="Methodology", icon=":material/menu_book:"),
    ],
}

st.navigation(PAGES).run()
