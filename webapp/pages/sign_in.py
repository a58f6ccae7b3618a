"""Sign in: the identity provider's button (OIDC), or a built-in account's email and password."""

import streamlit as st

from tracker import users
from tracker.db import DatabaseBusy
from webapp.access import oidc_configured, sign_in, signed_out_notice
from webapp.common import db, plain

st.title("Sign in to Advocacy Tracker")
if notice := signed_out_notice():
    st.warning(notice, icon=":material/logout:")
if st.query_params.get("snapshot"):  # a shared link, opened signed out
    st.info(
        "This link opens a progress snapshot: sign in to read it (this tracker's links need an "
        "account). Nothing else is shown before you sign in.",
        icon=":material/photo:",
    )
if oidc_configured():
    st.write("Sign in with your organization's account.")
    if st.button("Sign in", type="primary", icon=":material/login:", key="oidc_login"):
        st.login()
else:
    with st.form("sign_in"):
        email = st.text_input("Email", key="signin_email", autocomplete="email")
        password = st.text_input("Password", type="password", key="signin_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        try:
            with st.spinner("Checking your password..."):
                sign_in(db(), email, password)
        except users.SignInError as error:
            st.error(plain(error.message.capitalize()), icon=":material/lock:")
        except DatabaseBusy as error:
            st.error(plain(error.message.capitalize()), icon=":material/hourglass:")
        else:
            st.rerun()
    st.caption("Forgotten password? An administrator can set a new one.")
