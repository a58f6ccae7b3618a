"""Advocacy Tracker's Streamlit entry point (placeholder until the app issue lands)."""

import streamlit as st

from tracker.db import connect, default_db_path
from tracker.queries import list_asks

st.set_page_config(page_title="Advocacy Tracker", layout="wide")
st.title("Advocacy Tracker")
asks = list_asks(connect(default_db_path()))
st.dataframe(asks[["ask_id", "title", "theme", "status", "since", "response"]], hide_index=True)
