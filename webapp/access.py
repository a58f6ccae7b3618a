"""Who is using the app: OpenID Connect (``st.login``) when ``[auth]`` is configured in
secrets, built-in accounts otherwise. The role always comes from the users table."""

from __future__ import annotations

import streamlit as st

from tracker import users
from tracker.auth import PERMISSIONS, ROLE_LABELS, ROLES, Actor, can, current_actor, set_actor
from tracker.errors import TrackerError


def oidc_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section for st.login."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def oidc_email() -> str | None:
    try:
        if st.user.is_logged_in:
            return (st.user.get("email") or "").lower() or None
    except Exception:
        return None
    return None


def resolve_actor(db) -> Actor | None:
    """The signed-in user with their current role, or None. Checked on every run (one
    primary-key lookup and one users row): a session that expired, was signed out elsewhere
    or was revoked (a new password, a new role, a removal, "sign out everywhere") signs this
    tab out at its next rerun, and a role change takes effect at once."""
    if oidc_configured():
        email = oidc_email()
        return users.actor_for(db, email, via="oidc") if email else None
    token = st.session_state.get("session_token")
    if token is None and "user_email" not in st.session_state:
        token = _cookie()  # a reload or a new tab: the browser's cookie
    if token is not None:
        email = users.email_for_session(db, token)
        if not email:
            _signed_out_here()
            return None
        st.session_state["user_email"] = email
        st.session_state["session_token"] = token
    email = st.session_state.get("user_email")
    if not email:
        return None
    actor = users.actor_for(db, email, via="password")
    if actor is None:
        _signed_out_here()
    return actor


# the widgets whose typed values a sign-out elsewhere must not lose: the update, observation,
# letter, snapshot and edit-details forms (text, dates, choices; never a button's or a
# checkbox's state)
TYPED_PREFIXES = ("upd_", "obs_", "intake_", "il_", "snap_", "withdraw_", "edit_")
KEPT = "_kept_while_signed_out"


def _signed_out_here() -> None:
    """This tab's session ended elsewhere (signed out in another tab, expired, "sign out
    everywhere", a removed account): keep what its forms hold, for the same person only, so
    the sign-in page can say nothing was saved and signing in again gives it back. (The run
    that shows the sign-in page draws none of those widgets, and Streamlit drops the values
    of widgets a run does not draw.)"""
    email = st.session_state.get("user_email")
    if email:
        typed = {
            key: value
            for key, value in st.session_state.items()
            if isinstance(key, str)
            and key.startswith(TYPED_PREFIXES)
            and (isinstance(value, str) or (isinstance(value, list) and value))
        }
        st.session_state[KEPT] = {"email": email, "typed": typed}
    _forget_session(clear_cookie=True)


def signed_out_notice() -> str | None:
    """What the sign-in page says to a tab whose session ended under it, or None."""
    kept = st.session_state.get(KEPT)
    if not kept:
        return None
    back = (
        " Sign in again as the same person and what you typed comes back, to finish it."
        if any(str(v).strip() for v in kept["typed"].values())
        else ""
    )
    return (
        "You were signed out: in another tab, because your session ended, or by an "
        f"administrator. Nothing was saved.{back}"
    )


def restore_typed_work(actor: Actor) -> None:
    """After signing in again, give this tab's forms back what they held when its session
    ended, if the same person signed in (another person never sees it)."""
    kept = st.session_state.pop(KEPT, None)
    if kept and kept["email"] == actor.email:
        for key, value in kept["typed"].items():
            st.session_state[key] = value


def _forget_session(*, clear_cookie: bool) -> None:
    st.session_state.pop("user_email", None)
    st.session_state.pop("session_token", None)
    if clear_cookie:
        st.session_state["cookie_to_clear"] = True


COOKIE = "tracker_session"


def _cookie() -> str | None:
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser request behind this session (e.g. tests)
        return None
    return value if isinstance(value, str) and value else None


def sign_in(db, email: str, password: str):
    """Built-in sign-in: check the password, start a server-side session and have the browser
    keep its token in a cookie (set on the next run), so a reload or a new tab stays signed
    in. Raises users.SignInError when refused."""
    actor, token = users.sign_in(db, email, password)
    remember_session(actor.email, token)
    return actor


def remember_session(email: str, token: str) -> None:
    st.session_state["user_email"] = email
    st.session_state["session_token"] = token
    st.session_state["cookie_to_set"] = token


def sync_cookie() -> None:
    """Write or clear the session cookie in the browser when a sign-in or sign-out asked to.

    Streamlit gives a script no way to set a response header (``st.context`` is read-only and
    the script runs over a websocket after the page's HTTP response), so the cookie is
    written by JavaScript and cannot be HttpOnly; it is SameSite=Strict, Secure whenever the
    page is served over HTTPS, holds only a random token (the server keeps its hash) and is
    checked against the server on every run (see README, "Signing in").

    The script's place is drawn on every run, script or not: drawn only on the run after a
    sign-in, it shifted every later element by one, so on the next run Streamlit took each
    unkeyed tab set, expander and form for a new one (a form's result collapsed out of view)."""
    place = st.empty()
    token = st.session_state.pop("cookie_to_set", None)
    clear = st.session_state.pop("cookie_to_clear", False)
    secure = "(location.protocol === 'https:' ? '; Secure' : '')"
    if token:
        lifetime = int(users.SESSION_LIFETIME.total_seconds())
        script = (
            f"document.cookie = '{COOKIE}={token}; path=/; max-age={lifetime}; "
            f"SameSite=Strict' + {secure}"
        )
    elif clear:
        script = f"document.cookie = '{COOKIE}=; path=/; max-age=0; SameSite=Strict' + {secure}"
    else:
        return
    place.html(f"<script>{script}</script>", unsafe_allow_javascript=True, width=1)


def sign_out(db=None) -> None:
    if db is not None:
        try:
            users.end_session(db, st.session_state.get("session_token"))
        except TrackerError as error:  # the tracker is busy: stay signed in, say so
            st.sidebar.error(error.message.capitalize(), icon=":material/hourglass_top:")
            return
    _forget_session(clear_cookie=True)
    set_actor(None)
    if oidc_configured():
        st.logout()
    else:
        st.rerun()


def needs_role(permission: str) -> str:
    """Why a page is closed to the signed-in user, in words: the roles that may open it and
    the one they have (e.g. "...for Administrator or Program officer; you are signed in as
    Leadership.")."""
    roles = [ROLE_LABELS[role] for role in ROLES if role in PERMISSIONS[permission]]
    needed = roles[0] if len(roles) == 1 else ", ".join(roles[:-1]) + " or " + roles[-1]
    actor = current_actor()
    have = f"; you are signed in as {ROLE_LABELS[actor.role]}" if actor else ""
    return (
        f"You do not have access to this page: it is for the {needed} role{have}. "
        "Ask an administrator if you need it."
    )


def refuse_page(title: str, permission: str) -> None:
    """What a page the role may not open shows instead (opened by its link or a bookmark):
    its name, and which role it needs, never a silent jump to another page."""
    st.title(title)
    st.error(needs_role(permission), icon=":material/lock:")
    st.page_link(
        "webapp/pages/public_dashboard.py"
        if not can("read_internal")
        else "webapp/pages/dashboard.py",
        label="Go to your start page",
        icon=":material/home:",
    )


def guard(permission: str) -> None:
    """Stop the page unless the signed-in role has ``permission`` (pages check again even
    though the router refuses them first)."""
    if not can(permission):
        st.error(needs_role(permission), icon=":material/lock:")
        st.stop()
