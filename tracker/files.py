"""Writing the files the tracker makes (exports, backups) so that a failure leaves no partial
file: a temporary file beside the destination, flushed, then renamed over it in one step (a
symlink there is replaced, never followed). The live database and its WAL files are refused."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from tracker.errors import TrackerError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_destination(out: Path, protected: Path | None = None) -> None:
    """Refuse ``out`` if it is (or links to) the database or its -wal, -shm, -journal files."""
    out = Path(out)
    if protected is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if _same_file(out, Path(f"{protected}{suffix}")):
                raise TrackerError(
                    f"cannot write '{out}': it is the tracker's database"
                    f"{' (its ' + suffix + ' file)' if suffix else ''} or links to it; choose "
                    "another file name."
                )
    if not out.parent.is_dir():
        raise TrackerError(f"cannot write '{out}': there is no folder '{out.parent}'.")


def write_atomically(
    out: Path,
    data: bytes | Callable[[Path], None],
    *,
    protected: Path | None = None,
    mode: int = 0o644,
) -> None:
    """Write ``data`` (bytes, or a function writing the temporary file it is given) to ``out``
    whole or not at all; ``mode``: 0o600 for backups, which hold password hashes."""
    out = Path(out)
    check_destination(out, protected)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    except OSError as error:
        raise TrackerError(f"cannot write '{out}': {error.strerror or error}.") from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            if isinstance(data, bytes | bytearray):
                file.write(data)
        if callable(data):
            data(temporary)
        with open(temporary, "rb+") as file:
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, out)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            message = f"cannot write '{out}': {error.strerror or error}. No file was written."
            raise TrackerError(message) from None
        raise
