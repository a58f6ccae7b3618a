"""First run: with no users at all, create the first administrator (only then)."""

import streamlit as st

from tracker import users
from tracker.errors import TrackerError
from webapp.access import sign_in
from webapp.common import db, show_errors

st.title("Welcome to Advocacy Tracker")
st.write(
    "There are no accounts yet. Create the first administrator: you can then add program "
    "officers, leadership and donors from the Users page."
)
with st.form("first_admin"):
    name = st.text_input("Your name", key="first_name")
    slots = {"name": st.empty()}
    email = st.text_input("Email", key="first_email", autocomplete="email")
    slots["email"] = st.empty()
    password = st.text_input(
        "Password (at least 10 characters)", type="password", key="first_password"
    )
    slots["password"] = st.empty()
    confirm = st.text_input("Password again", type="password", key="first_confirm")
    slots["confirm"] = st.empty()
    slots["_form"] = st.empty()
    submitted = st.form_submit_button("Create administrator", type="primary")
if submitted:
    try:
        with st.spinner("Creating the administrator..."):
            actor = users.create_first_admin(db(), email, password, name, confirm=confirm)
            sign_in(db(), actor.email, password)
    except TrackerError as error:
        show_errors(error, slots)
    else:
        st.rerun()
