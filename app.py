"""Advocacy Tracker's Streamlit entry point: only the router. It decides who the user is,
builds the navigation for that role, and runs the chosen page (pages live in webapp/pages and
call into tracker/)."""

import streamlit as st

from tracker import snapshots, users
from tracker.auth import ROLE_LABELS, set_actor
from webapp.access import oidc_configured, oidc_email, resolve_actor, sign_out, sync_cookie
from webapp.common import db, plain

st.set_page_config(page_title="Advocacy Tracker", page_icon=":material/flag:", layout="wide")


def page(path: str, title: str, icon: str, **kwargs) -> st.Page:
    return st.Page(f"webapp/pages/{path}.py", title=title, icon=f":material/{icon}:", **kwargs)


# Each page, and the permission it needs (tracker.auth.PERMISSIONS); None = everyone signed in.
SECTIONS = {
    "Overview": [
        ("dashboard", "Dashboard", "dashboard", "read_internal"),
        ("asks", "Asks", "checklist", "read_internal"),
        ("letters", "Letters", "mail", "read_internal"),
        ("indicators", "Indicators", "monitoring", "read_internal"),
        ("public_dashboard", "Public progress", "public", None),
        ("snapshots", "Snapshots", "photo_library", None),
    ],
    "Program work": [
        ("record_update", "Record an update", "edit_note", "record"),
        ("review_queue", "My review queue", "fact_check", "record"),
    ],
    "Administration": [
        ("users", "Users", "group", "manage_users"),
        ("audit", "Audit log", "history", "read_audit"),
        ("import_export", "Import and export", "swap_vert", "read_internal"),
    ],
    "About": [("methodology", "Methodology", "menu_book", None)],
}

database = db()
actor = resolve_actor(database)
set_actor(actor)
sync_cookie()

if "snapshot" in st.query_params and (
    actor is not None or snapshots.links_without_sign_in(database)
):
    # a snapshot link: the frozen report alone (sign-in first unless the setting allows)
    st.navigation([page("snapshot", "Snapshot", "photo")], position="hidden").run()
    st.stop()

if actor is None:
    if oidc_configured() and oidc_email():
        only = page("no_access", "No access", "block")
    elif not oidc_configured() and users.count_users(database) == 0:
        only = page("first_run", "First run", "waving_hand")
    else:
        only = page("sign_in", "Sign in", "login")
    st.navigation([only], position="hidden").run()
    st.stop()

home = "dashboard" if actor.can("read_internal") else "public_dashboard"
navigation = {}
for section, entries in SECTIONS.items():
    allowed = [
        page(path, title, icon, default=path == home)
        for path, title, icon, permission in entries
        if permission is None or actor.can(permission)
    ]
    if allowed:
        navigation[section] = allowed
with st.sidebar:
    st.caption(f"Signed in as **{plain(actor.display)}** · {ROLE_LABELS[actor.role]}")
    if st.button("Sign out", icon=":material/logout:", key="sign_out"):
        sign_out(database)
st.navigation(navigation).run()
