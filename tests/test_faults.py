"""The database under faults: writers in several processes and threads at once, a rebuild
running alongside them, and kill -9 at random points of a multi-row write. After each, the
file is intact, every write is all-or-nothing, and the derived tables (status spans, monthly
counts) equal a rebuild from the history."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from tracker import records, spans
from tracker.auth import set_actor
from tracker.db import open_db

ROOT = Path(__file__).resolve().parent.parent

SPAN_COLUMNS = "ask_id, track, variant, start, stop, status, since, entry_id, theme"


def derived(path: Path) -> tuple[list, list]:
    """The derived tables as sorted rows (monthly counts without their zero rows)."""
    with closing(sqlite3.connect(path)) as conn:
        spans = conn.execute(f"SELECT {SPAN_COLUMNS} FROM status_spans ORDER BY 1,2,3,4").fetchall()
        mix = conn.execute(
            "SELECT variant, track, month, status, theme, delta FROM status_mix_months "
            "WHERE delta != 0 ORDER BY 1, 2, 3, 4, 5"
        ).fetchall()
    return spans, mix


def rebuilt(path: Path, tmp_path: Path) -> tuple[list, list]:
    """``derived`` of a copy whose derived tables were rebuilt from scratch in one go."""
    copy = tmp_path / f"rebuilt-{time.monotonic_ns()}.db"
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    db = open_db(copy)
    with db.atomic():
        spans.refresh_spans(db)
    db.close()
    return derived(copy)


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


# A writer process: THREADS threads, each with its own connection, each recording WRITES
# status updates on random asks; prints the errors it met (none expected).
WRITER = textwrap.dedent(
    """
    import random, sys, threading
    from tracker import records
    from tracker.auth import Actor, set_actor
    from tracker.db import open_db

    path, seed, threads, writes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    statuses = ["in_progress", "stalled", "partially_achieved", "no_progress", "achieved"]
    errors = []

    def work(number):
        set_actor(Actor(email=f"writer{seed}-{number}@example.org", role="officer", via="test"))
        rng = random.Random(seed * 100 + number)
        db = open_db(path)
        asks = [r[0] for r in db.conn.execute("SELECT id FROM asks")]
        for i in range(writes):
            try:
                records.record_status_update(
                    db, rng.choice(asks), rng.choice(statuses),
                    effective_date=(
                        f"20{rng.randint(15, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                    ),
                    note=f"writer {seed}-{number} entry {i}",
                )
            except Exception as error:
                errors.append(repr(error))
        db.close()

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool: t.start()
    for t in pool: t.join()
    print(len(errors)); print("\\n".join(errors))
    """
)


def test_writers_in_processes_and_threads_with_a_rebuild_alongside(demo_file, tmp_path):
    """2 processes x 2 threads x 15 updates, while this process rebuilds the derived tables in
    small batches: every write lands, none fails, and the derived tables equal a rebuild."""
    before = _count(demo_file, "status_updates")
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(demo_file), str(seed), "2", "15"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for seed in (1, 2)
    ]
    db = open_db(demo_file)
    rebuilds = 0
    while any(w.poll() is None for w in writers):
        spans.rebuild_spans(db, batch=2)
        rebuilds += 1
    db.close()
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.splitlines()[0] == "0", out
    assert rebuilds >= 1
    assert _count(demo_file, "status_updates") == before + 60
    assert integrity(demo_file) == "ok"
    assert derived(demo_file) == rebuilt(demo_file, tmp_path)


def _count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_a_rebuild_lets_other_writers_in_between_its_batches(demo_file, tmp_path):
    """Regression: 'tracker init --rebuild' held the write lock for the whole rebuild (12.9 s
    at 5,000 asks), so the app's writes failed with "database is locked". Now each batch is its
    own transaction: a writer that will not wait at all gets in between two batches."""
    db = open_db(demo_file)
    with db.atomic():  # edited outside the tracker: spans now disagree with the asks
        db.execute("UPDATE asks SET theme = 'Edited outside'")
    other = sqlite3.connect(demo_file, timeout=0)
    landed = []

    def write_between(done: int, total: int) -> None:
        if done < total:
            other.execute("UPDATE settings SET value = value WHERE 0")  # takes the write lock
            other.execute("INSERT INTO settings (key, value) VALUES (?, 'x')", (f"k{done}",))
            other.commit()
            landed.append(done)

    spans.rebuild_spans(db, batch=2, progress=write_between)
    other.close()
    db.close()
    assert landed == [2, 4, 6]
    assert derived(demo_file) == rebuilt(demo_file, tmp_path)
    assert {row[8] for row in derived(demo_file)[0]} == {"Edited outside"}


def test_a_rebuild_recounts_monthly_counts_edited_outside(one_ask, tmp_path):
    db, ask = one_ask
    records.record_status_update(db, ask, "in_progress", effective_date="2024-03-01", note="x")
    path = Path(db.conn.execute("PRAGMA database_list").fetchone()[2])
    with db.atomic():
        db.execute("UPDATE status_mix_months SET delta = delta + 5")
        db.execute("INSERT INTO status_mix_months VALUES ('all', 'outcome', '2020-01', 'x', '', 5)")
    assert derived(path) != rebuilt(path, tmp_path)
    spans.rebuild_spans(db)
    assert derived(path) == rebuilt(path, tmp_path)


# A multi-row write in a loop: verify every ask in one transaction (one entry per ask), and
# say "ready" once the first one is committed, so the kill lands mid-loop.
VERIFIER = textwrap.dedent(
    """
    import sys
    from tracker import records
    from tracker.auth import Actor, set_actor
    from tracker.db import open_db

    set_actor(Actor(email="looper@example.org", role="officer", via="test"))
    db = open_db(sys.argv[1])
    asks = [r[0] for r in db.conn.execute("SELECT id FROM asks")]
    for round_ in range(10_000):
        records.verify_asks(db, asks)
        if round_ == 0:
            print("ready", flush=True)
    """
)


@pytest.mark.parametrize("seed", range(3))
def test_kill_9_at_a_random_point_of_a_multi_row_write_loses_nothing_half_done(
    demo_file, tmp_path, seed
):
    rng = random.Random(seed)
    asks = _count(demo_file, "asks")
    before = _count(demo_file, "status_updates")
    process = subprocess.Popen(
        [sys.executable, "-c", VERIFIER, str(demo_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
        time.sleep(rng.uniform(0.0, 0.5))
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert integrity(demo_file) == "ok"
    added = _count(demo_file, "status_updates") - before
    assert added >= asks and added % asks == 0  # whole rounds only
    with closing(sqlite3.connect(demo_file)) as conn:
        audits = conn.execute(
            "SELECT COUNT(*) FROM audit_log WHERE actor = 'looper@example.org'"
        ).fetchone()[0]
    assert audits == added  # each entry's audit entry committed with it, and no other
    assert derived(demo_file) == rebuilt(demo_file, tmp_path)
    shutil.copyfile(demo_file, tmp_path / "after.db")  # and the file still opens and writes
    set_actor(None)
