"""Signed in through the identity provider, but not given a role by an administrator."""

import streamlit as st

from webapp.access import oidc_email, sign_out
from webapp.common import plain

st.title("Ask an administrator for access")
st.write(
    f"You are signed in as {plain(oidc_email() or 'an unknown user')}, but this account has no "
    "access "
    "to Advocacy Tracker yet. Ask an administrator to add your email with the role you need."
)
if st.button("Sign out", key="no_access_sign_out"):
    sign_out()
