"""Driving the ``tracker`` CLI in tests: run a command, expect success, or expect a clean
refusal that leaves the database file untouched."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli


def run(runner: CliRunner, path: Path, *args: str, input: str | None = None):
    """``tracker --db PATH ARGS...``, with ``input`` on standard input."""
    return runner.invoke(cli, ["--db", str(path), *args], input=input)


def ok(runner: CliRunner, path: Path, *args: str, stderr: str = "", input: str | None = None):
    result = run(runner, path, *args, input=input)
    assert result.exit_code == 0, f"{args}: {result.output}"
    assert result.exception is None
    assert result.stderr == stderr
    return result


def query(path: Path, sql: str, params: tuple = ()) -> list[dict]:
    with closing(sqlite3.connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql, params)]


def count(path: Path, table: str) -> int:
    return query(path, f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]


def file_bytes(path: Path) -> bytes:
    """The database file's bytes, after checking that no write is pending in a WAL file (the
    CLI closes its connection, which checkpoints and removes the WAL)."""
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "a write is still pending in the WAL"
    return path.read_bytes()


def assert_rejected(
    runner: CliRunner, path: Path, args: list[str], *fragments: str, input: str | None = None
) -> str:
    """The command fails cleanly: exit status 1, one 'Error:' line on stderr containing every
    fragment, nothing on stdout, no traceback, and the database file untouched (or still
    absent). ``input``: what the command reads on standard input."""
    existed = path.exists()
    before = file_bytes(path) if existed else None
    result = run(runner, path, *args, input=input)
    assert result.exit_code == 1, f"{args}: exit {result.exit_code}: {result.output}"
    assert isinstance(result.exception, SystemExit), f"{args}: crashed with {result.exc_info}"
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"{args}: expected one line on stderr, got {result.stderr!r}"
    line = lines[0]
    assert line.startswith("Error: ")
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"
    if existed:
        assert file_bytes(path) == before, f"{args} changed the database"
    else:
        assert not path.exists(), f"{args} created a database"
    return line
