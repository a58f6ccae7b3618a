"""Who is acting, and what they may do. Every write in ``tracker`` calls :func:`require`
itself, so a hidden page or a crafted call fails like a visible button. The acting user is a
context variable, set on every run of each Streamlit session (its own thread) and by the CLI;
with nobody set, every write is refused.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.errors import TrackerError, ValidationError

ROLE_LABELS = {
    "admin": "Administrator",
    "officer": "Program officer",
    "leadership": "Leadership",
    "donor": "Donor",
}
ROLES = tuple(ROLE_LABELS)

# permission -> roles that have it
PERMISSIONS: dict[str, frozenset[str]] = {
    "record": frozenset({"admin", "officer"}),  # status updates, observations, letters, asks
    "read_internal": frozenset({"admin", "officer", "leadership"}),
    "read_audit": frozenset({"admin", "leadership"}),
    "manage_users": frozenset({"admin"}),
    "publish": frozenset({"admin", "officer", "leadership"}),
    "export": frozenset({"admin", "leadership"}),  # the whole tracker as files (export.py)
}
ACTION_NAMES = {
    "record": "record updates, observations, letters or asks",
    "read_internal": "see internal notes",
    "read_audit": "read the audit log",
    "manage_users": "manage users",
    "publish": "publish snapshots",
    "export": "export the whole tracker",
}


class PermissionDenied(TrackerError):
    """The acting user's role does not allow this."""


@dataclass(frozen=True)
class Actor:
    """Someone acting on the tracker: an email (the identity), a role, and how they came in."""

    email: str
    role: str
    name: str = ""
    via: str = "app"

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]

    @property
    def display(self) -> str:
        return self.name or self.email


_current: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("actor", default=None)


def set_actor(actor: Actor | None) -> None:
    """Make ``actor`` the one acting in this thread (the app calls this on every run)."""
    _current.set(actor)


def current_actor() -> Actor | None:
    return _current.get()


@contextlib.contextmanager
def acting_as(actor: Actor | None) -> Iterator[Actor | None]:
    """Act as ``actor`` inside the block, then restore whoever acted before."""
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def require(permission: str) -> Actor:
    """The acting user, if their role has ``permission``; otherwise PermissionDenied."""
    actor = _current.get()
    if actor is None:
        raise PermissionDenied(
            f"nobody is signed in: sign in to {ACTION_NAMES[permission]}.", "permission"
        )
    if not actor.can(permission):
        raise PermissionDenied(
            f"{actor.email} is {ROLE_LABELS.get(actor.role, actor.role)}, who may not "
            f"{ACTION_NAMES[permission]}. Ask an administrator if you need to.",
            "permission",
        )
    return actor


def can(permission: str) -> bool:
    """Whether the acting user has ``permission`` (False when nobody is acting)."""
    actor = _current.get()
    return actor is not None and actor.can(permission)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(f"unknown role '{role}': use one of {', '.join(ROLES)}.", "role")
    return role
