"""Built-in accounts' passwords: scrypt (memory-hard, stdlib) with a per-user salt, at OWASP's
minimum cost (N=2^17, r=8, p=1: 128 MiB and a few hundred milliseconds per hash). Each hash
records its parameters, so hashes made with older, cheaper ones still verify and are replaced
on the next successful sign-in (``needs_rehash``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

N, R, P = 2**17, 8, 1
MIN_LENGTH = 10
MAX_LENGTH = 1024  # scrypt takes any length; a megabyte "password" is only a way to burn CPU


def _maxmem(n: int, r: int) -> int:
    """Memory scrypt needs for ``n`` and ``r`` (128 * n * r bytes), with room to spare:
    hashlib's default limit (32 MiB) refuses OWASP's parameters."""
    return 2 * 128 * n * r + (1 << 20)


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` with a fresh random salt and today's parameters."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=32, maxmem=_maxmem(N, R)
    )
    encode = base64.b64encode
    return f"scrypt${N}${R}${P}${encode(salt).decode()}${encode(digest).decode()}"


def _parameters(stored: str) -> tuple[int, int, int] | None:
    try:
        kind, n, r, p, _salt, _digest = stored.split("$")
        return (int(n), int(r), int(p)) if kind == "scrypt" else None
    except (ValueError, AttributeError):
        return None


def needs_rehash(stored: str | None) -> bool:
    """True when ``stored`` was made with other parameters than today's (N, R, P)."""
    return bool(stored) and _parameters(stored) != (N, R, P)


def verify_password(password: str, stored: str | None) -> bool:
    """True when ``password`` matches ``stored``; compared in constant time."""
    if not stored or not stored.startswith("scrypt$") or len(password) > MAX_LENGTH:
        return False
    parameters = _parameters(stored)
    if parameters is None:
        return False
    n, r, p = parameters
    if n > 2**20 or r > 32 or p > 16:  # a hash edited to cost gigabytes is refused, not run
        return False
    try:
        _, _, _, _, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=n,
            r=r,
            p=p,
            dklen=len(expected),
            maxmem=_maxmem(n, r) * p,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, or None."""
    if len(password) < MIN_LENGTH:
        return f"the password must be at least {MIN_LENGTH} characters long."
    if len(password) > MAX_LENGTH:
        return f"the password must be at most {MAX_LENGTH} characters long."
    if password.strip() != password:
        return "the password must not start or end with spaces."
    if "\x00" in password:
        return "the password must not contain a NUL character."
    return None
