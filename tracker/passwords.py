"""Built-in accounts' passwords: scrypt (memory-hard, stdlib) with a per-user salt, at OWASP's
minimum cost (N=2^17, r=8, p=1: 128 MiB, a few hundred milliseconds a hash). Each hash records
its parameters, so older, cheaper ones still verify and are replaced on the next sign-in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

N, R, P = 2**17, 8, 1
MIN_LENGTH = 10
MAX_LENGTH = 1024  # scrypt takes any length; a megabyte "password" is only a way to burn CPU


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int = 32) -> bytes:
    """hashlib's scrypt with the memory it needs (128 * n * r * p bytes) and room to spare:
    its default limit (32 MiB) refuses OWASP's parameters."""
    maxmem = (2 * 128 * n * r + (1 << 20)) * p
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=maxmem)


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` with a fresh random salt and today's parameters."""
    salt = secrets.token_bytes(16)
    encode = base64.b64encode
    digest = _scrypt(password, salt, N, R, P)
    return f"scrypt${N}${R}${P}${encode(salt).decode()}${encode(digest).decode()}"


def _parse(stored: str | None) -> tuple[int, int, int, str, str] | None:
    try:
        kind, n, r, p, salt, digest = stored.split("$")  # type: ignore[union-attr]
        return (int(n), int(r), int(p), salt, digest) if kind == "scrypt" else None
    except (ValueError, AttributeError):
        return None


def needs_rehash(stored: str | None) -> bool:
    """True when ``stored`` was made with other parameters than today's (N, R, P)."""
    parsed = _parse(stored)
    return bool(stored) and (parsed is None or parsed[:3] != (N, R, P))


def verify_password(password: str, stored: str | None) -> bool:
    """True when ``password`` matches ``stored``; compared in constant time."""
    parsed = _parse(stored)
    if parsed is None or len(password) > MAX_LENGTH:
        return False
    n, r, p, salt, digest = parsed
    if n > 2**20 or r > 32 or p > 16:  # a hash edited to cost gigabytes is refused, not run
        return False
    try:
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), n, r, p, dklen=len(expected))
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
