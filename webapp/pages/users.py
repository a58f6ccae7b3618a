"""Users: who may use the app and in which role (administrators only). Every change is
audited."""

import functools

import streamlit as st

from tracker import backups, records, users
from tracker.auth import ROLE_LABELS, ROLES, acting_as, current_actor
from tracker.counting import how_many
from tracker.dates import EARLIEST_DEFAULT, earliest_date
from webapp.access import guard, oidc_configured
from webapp.common import db, plain, run_write


def backup_download(actor) -> bytes:
    """Made on click (the button shows a spinner meanwhile), not on every rerun; the click is
    served outside the page's run, so the signed-in administrator is passed in."""
    with acting_as(actor):
        return backups.backup_bytes(db())


guard("manage_users")
st.title("Users")
st.caption(
    "Sign-in proves who someone is; the role here decides what they may do. "
    + (
        "Sign-in is through your identity provider: add people by the email it reports."
        if oidc_configured()
        else "Sign-in uses built-in accounts: give each person a password (at least 10 characters)."
    )
)
table = users.users_in_words(db())
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "email": "Email",
        "name": "Name",
        "role": "Role",
        "has_password": st.column_config.CheckboxColumn("Password set"),
        "last_sign_in": "Last sign-in",
        "locked_until": "Locked until",
    },
)

add, change, remove, sign_out, backup = st.tabs(  # keyed: a form's rerun keeps its tab
    ["Add a user", "Change a role", "Remove a user", "Sign out everywhere", "Backup"],
    key="users_tab",
)
with add, st.form("add_user", clear_on_submit=True):
    email = st.text_input("Email", key="new_user_email")
    err_email = st.empty()
    name = st.text_input("Name", key="new_user_name")
    role = st.selectbox("Role", ROLES, index=1, format_func=ROLE_LABELS.get, key="new_user_role")
    password = st.text_input(
        "Password (built-in sign-in only)",
        type="password",
        key="new_user_password",
        disabled=oidc_configured(),
    )
    err_password = st.empty()
    if st.form_submit_button("Add user", type="primary"):
        saved = run_write(
            users.add_user,
            email,
            role,
            name=name,
            password=password or None,
            errors={"email": err_email, "password": err_password},
        )
        if saved:
            st.toast(f"Added {plain(saved['email'])} as {ROLE_LABELS[saved['role']]}.")
            st.rerun()
emails = table["email"].tolist()
with change, st.form("change_role"):
    who = st.selectbox("User", emails, key="role_user")
    new_role = st.selectbox("New role", ROLES, format_func=ROLE_LABELS.get, key="role_new")
    if st.form_submit_button("Change role") and run_write(users.set_role, who, new_role):
        st.toast(f"{plain(who)} is now {ROLE_LABELS[new_role]}.")
        st.rerun()
with remove, st.form("remove_user"):
    gone = st.selectbox("User", emails, key="remove_user_email")
    sure = st.checkbox("Yes, take away this person's access", key="remove_confirm")
    if st.form_submit_button("Remove user"):
        if not sure:
            st.error("Tick the box to confirm.")
        elif run_write(users.remove_user, gone):
            st.toast(f"Removed {plain(gone)}.")
            st.rerun()
with sign_out, st.form("sign_out_everywhere"):
    st.caption(
        "Ends every session of this person in every browser (a lost laptop, a shared "
        "computer): their next click asks them to sign in again. Changing someone's role or "
        "password, or removing them, does this too."
    )
    leaving = st.selectbox("User", emails, key="sign_out_user")
    if st.form_submit_button("Sign out everywhere"):
        ended = run_write(users.sign_out_everywhere, leaving)
        if ended is not None:
            sessions = how_many(int(ended), "session")
            st.toast(f"Signed {plain(leaving)} out everywhere ({sessions} ended).")
with backup:
    st.caption(
        "A complete copy of the tracker (every letter, ask, history entry, user and the audit "
        "log) as one SQLite file, made safely while others keep working. Keep it somewhere "
        "safe: it holds internal notes and password hashes. Restore one with "
        '`tracker restore FILE` (see the README, "Backups").'
    )
    st.download_button(
        "Download a backup",
        functools.partial(backup_download, current_actor()),
        file_name=backups.backup_file_name(),
        mime="application/vnd.sqlite3",
        icon=":material/backup:",
        key="download_backup",
        on_click="ignore",
    )

st.subheader("Dates")
with st.form("earliest_date_form"):
    earliest = st.text_input(
        "Earliest date that may be recorded",
        value=earliest_date(db()).isoformat(),
        key="earliest_date",
        placeholder="YYYY-MM-DD",
        help=f"Letters, status updates and observations may be dated from this day to today. "
        f"The default is {EARLIEST_DEFAULT.isoformat()}; move it earlier to enter older "
        "background (from 1800-01-01).",
    )
    err_earliest = st.empty()
    if st.form_submit_button("Save earliest date"):
        saved = run_write(records.set_earliest_date, earliest, errors={"_form": err_earliest})
        if saved:
            st.toast(f"Dates from {saved} may now be recorded.")
            st.rerun()
