"""First run: with no users at all, create the first administrator (only then)."""

import streamlit as st

from tracker import users
from tracker.errors import TrackerError
from webapp.access import sign_in
from webapp.common import db, plain

st.title("Welcome to Advocacy Tracker")
st.write(
    "There are no accounts yet. Create the first administrator: you can then add program "
    "officers, leadership and donors from the Users page."
)
with st.form("first_admin"):
    name = st.text_input("Your name", key="first_name")
    email = st.text_input("Email", key="first_email", autocomplete="email")
    password = st.text_input(
        "Password (at least 10 characters)", type="password", key="first_password"
    )
    confirm = st.text_input("Password again", type="password", key="first_confirm")
    submitted = st.form_submit_button("Create administrator", type="primary")
if submitted:
    if password != confirm:
        st.error("The two passwords differ: type the same password twice.")
    else:
        try:
            with st.spinner("Creating the administrator..."):
                actor = users.create_first_admin(db(), email, password, name)
                sign_in(db(), actor.email, password)
        except TrackerError as error:
            st.error(plain(error.message.capitalize()))
        else:
            st.rerun()
