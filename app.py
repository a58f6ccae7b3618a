"""Advocacy Tracker's Streamlit entry point: only the router. It decides who the user is,
builds the navigation for that role, and runs the chosen page (pages live in webapp/pages and
call into tracker/).

Every page's URL is registered in every navigation, whoever is signed in, so no link ever meets
Streamlit's "Page not found": signed out, each URL runs the sign-in page (and keeps the URL, so
signing in lands where the link pointed); a page the role may not open says which role it
needs; a snapshot link (``?snapshot=TOKEN`` on any URL) shows that snapshot."""

import streamlit as st

from tracker import snapshots, users
from tracker.auth import ROLE_LABELS, set_actor
from webapp.access import (
    oidc_configured,
    oidc_email,
    refuse_page,
    resolve_actor,
    restore_typed_work,
    sign_out,
    sync_cookie,
)
from webapp.common import db, enter_applies_dates, plain

st.set_page_config(page_title="Advocacy Tracker", page_icon=":material/flag:", layout="wide")


def page(
    path: str, title: str, icon: str, *, default=False, hidden=False, script: str | None = None
) -> st.Page:
    """The page at URL ``/path``, running ``webapp/pages/{script or path}.py``: the URL (and so
    Streamlit's page identity) stays the same whichever script stands in for it."""
    return st.Page(
        f"webapp/pages/{script or path}.py",
        title=title,
        icon=f":material/{icon}:",
        url_path=path,
        default=default,
        visibility="hidden" if hidden else "visible",
    )


# Each page, and the permission it needs (tracker.auth.PERMISSIONS); None = everyone signed in.
SECTIONS = {
    "Overview": [
        ("dashboard", "Dashboard", "dashboard", "read_internal"),
        ("asks", "Asks", "checklist", "read_internal"),
        ("letters", "Letters", "mail", "read_internal"),
        ("indicators", "Indicators", "monitoring", "read_internal"),
        ("public_dashboard", "Public progress", "public", None),
        ("snapshots", "Snapshots", "photo_library", None),
        ("search", "Search", "search", None),
    ],
    "Program work": [
        ("record_update", "Record an update", "edit_note", "record"),
        ("add_letter", "Add a letter", "note_add", "record"),
        ("review_queue", "My review queue", "fact_check", "record"),
    ],
    "Administration": [
        ("users", "Users", "group", "manage_users"),
        ("audit", "Audit log", "history", "read_audit"),
        ("import_export", "Import and export", "swap_vert", "read_internal"),
    ],
    "About": [("methodology", "Methodology", "menu_book", None)],
}
# the page a snapshot link may name; shown only with a token
LINK_ONLY = [("snapshot", "Snapshot", "photo", None)]
EVERY_PAGE = [entry for entries in SECTIONS.values() for entry in entries] + LINK_ONLY


def stand_in(script: str, title: str, icon: str) -> None:
    """Run ``script`` whatever the URL: the landing page at ``/`` and every known URL kept
    (hidden), so the address bar and its query parameters survive until the next run."""
    pages = [page(script, title, icon, default=True)]
    pages += [
        page(path, title, icon, hidden=True, script=script)
        for path, *_ in EVERY_PAGE
        if path != script
    ]
    st.navigation(pages, position="hidden").run()
    st.stop()


database = db()
actor = resolve_actor(database)
set_actor(actor)
sync_cookie()

if st.query_params.get("snapshot") and (
    actor is not None or snapshots.links_without_sign_in(database)
):
    # a snapshot link: the frozen report alone (sign-in first unless the setting allows)
    stand_in("snapshot", "Snapshot", "photo")

if actor is None:
    if oidc_configured() and oidc_email():
        stand_in("no_access", "No access", "block")
    elif not oidc_configured() and users.count_users(database) == 0:
        stand_in("first_run", "First run", "waving_hand")
    else:
        stand_in("sign_in", "Sign in", "login")

restore_typed_work(actor)
home = "dashboard" if actor.can("read_internal") else "public_dashboard"
navigation: dict[str, list] = {}
refused: dict[str, str] = {}  # URL path -> the permission its page needs
for section, entries in {**SECTIONS, "": LINK_ONLY}.items():
    for path, title, icon, permission in entries:
        allowed = permission is None or actor.can(permission)
        if not allowed:
            refused[path] = permission
        hidden = not allowed or section == ""
        if path == home:
            # the start page is served at /, and Streamlit reserves the default page's own
            # address without serving it ("Page not found" for a typed /dashboard): so / is
            # the default under another name, and the page's address is a hidden twin
            navigation.setdefault(section, []).append(
                page(f"{path}-start", title, icon, default=True, script=path)
            )
            hidden = True
        navigation.setdefault(section or "About", []).append(page(path, title, icon, hidden=hidden))
with st.sidebar:
    st.caption(f"Signed in as **{plain(actor.display)}** · {ROLE_LABELS[actor.role]}")
    if st.button("Sign out", icon=":material/logout:", key="sign_out"):
        sign_out(database)
    enter_applies_dates()
# expanded: every page listed (collapsed, an admin's Users and Audit log were behind "View
# 4 more" at 1280x800)
chosen = st.navigation(navigation, expanded=True)
st.session_state["_page"] = chosen.url_path  # the sidebar's view carries across pages
if chosen.url_path in refused:
    refuse_page(chosen.title, refused[chosen.url_path])
else:
    chosen.run()
