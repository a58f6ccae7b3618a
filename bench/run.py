"""Advocacy Tracker speed benchmarks (``make bench``). Not tests: always exits 0.

Builds two databases under ``bench/out/`` (git-ignored): ``demo`` (the demo dataset, rebuilt
every run; it takes a second) and ``large`` (10k asks, 200k status updates, 100k observations
from ``bench/generate.py``; cached, and regenerated only when the generator or its parameters
change). Then times every case on both and prints a table against its target.

Each case is timed on a fresh connection: the first call ("cold": SQLite's page cache is empty,
the OS file cache is probably warm) doubles as the warm-up, then the best of ``--repeat`` more
calls ("best"). Slow cases get fewer repeats so a run stays within a few minutes.

Sections: ``open``, ``queries``, ``dashboard`` (tracker calls), ``pages`` (each page's first
run and warm rerun through Streamlit's AppTest, and the large/demo ratio of the warm reruns)
and ``snapshots`` (publish and HTML export). Cases are ``(section, name, callable, target_ms)``
entries in ``CASES``; register more with ``@case``.

    .venv/bin/python bench/run.py                      # everything
    .venv/bin/python bench/run.py --only status_mix,open    # cases whose name contains either
    .venv/bin/python bench/run.py --only queries --sizes large --rebuild
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import json
import logging
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from math import nan
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
# Appended, not prepended: the installed package (or PYTHONPATH, to benchmark another checkout
# of tracker/) wins; ROOT only helps when tracker is not installed.
sys.path.append(str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

from tracker import indicators  # noqa: E402
from tracker.auth import acting_as  # noqa: E402
from tracker.changes import asks_moved_between, status_change_feed  # noqa: E402
from tracker.db import open_db  # noqa: E402
from tracker.demo import load_demo  # noqa: E402
from tracker.filters import AskFilter, filter_options  # noqa: E402
from tracker.history import ask_history, ask_timeline  # noqa: E402
from tracker.mix import progress_index, status_mix  # noqa: E402
from tracker.standing import current_status, list_asks, stale_asks, status_counts  # noqa: E402
from tracker.vocabulary import load_vocabulary  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
AS_OF = "2026-06-30"  # the generated history runs to this date
YEAR_AGO = "2025-06-30"
MID_HISTORY = "2020-06-30"  # time travel: every span that ends later is in the index range
EARLY = "2016-06-30"
MONTH_AGO = "2026-05-31"
QUERY_TARGET_MS = 100
OPEN_TARGET_MS = 200
CASE_BUDGET_S = 2.5  # stop repeating a case once it has used this much time
LARGE = {
    "letters": 2_000,
    "asks": 10_000,
    "updates": 200_000,
    "observations": 100_000,
    "indicators": 200,
    "seed": 42,
}


# --- Databases -----------------------------------------------------------------------------


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_demo(out: Path, rebuild: bool = False) -> tuple[Path, str]:
    path = out / "demo.db"
    _remove(path)
    t = time.perf_counter()
    db = open_db(path, create=True)
    with acting_as(generate.BENCH_ACTOR):
        load_vocabulary(db)
        load_demo(db)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path, f"built in {time.perf_counter() - t:.1f}s"


def build_large(out: Path, rebuild: bool = False) -> tuple[Path, str]:
    source = Path(generate.__file__).read_bytes() + json.dumps(LARGE, sort_keys=True).encode()
    key = hashlib.sha1(source).hexdigest()[:10]
    path = out / f"large-{key}.db"
    cached = path.exists() and not rebuild
    for old in out.glob("large-*.db*"):  # 200 MB each: only the one in use is kept
        if not (cached and old.name.startswith(path.name)):
            old.unlink()
    if cached:
        return path, "cached"
    partial = out / f"large-{key}.partial.db"
    _remove(partial)
    t = time.perf_counter()
    stats = generate.generate(partial, **LARGE)
    _remove(Path(f"{partial}-wal"))  # empty after the generator's checkpoint
    partial.rename(path)
    return path, (
        f"generated in {time.perf_counter() - t:.1f}s "
        f"(rows built {stats['build_s']}s, inserted {stats['insert_s']}s)"
    )


SIZES: dict[str, Callable[[Path, bool], tuple[Path, str]]] = {
    "demo": build_demo,
    "large": build_large,
}


# --- Cases ---------------------------------------------------------------------------------


@dataclass
class Context:
    """What a case runs against: the database file, a lazily opened connection, and sample
    ids (the ask with the longest history, the indicator with the most observations)."""

    path: Path
    ask_id: int = 0
    indicator_id: int = 0
    _db: object = field(default=None, repr=False)

    @property
    def db(self):
        if self._db is None:
            self._db = open_db(self.path)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


@dataclass
class Case:
    section: str
    name: str
    run: Callable[[Context], object]
    target_ms: float


CASES: list[Case] = []


def case(section: str, name: str, target_ms: float = QUERY_TARGET_MS):
    def register(fn: Callable[[Context], object]):
        CASES.append(Case(section, name, fn, target_ms))
        return fn

    return register


@case("open", "open + migrate", OPEN_TARGET_MS)
def _open(ctx: Context):
    open_db(ctx.path).close()


def _sample(c: Context, column: str) -> AskFilter:
    """A filter on the sample ask's value of ``column`` (target or country): what a page
    filtered in the sidebar reads."""
    value = c.db.conn.execute(f"SELECT {column} FROM asks WHERE id = ?", [c.ask_id]).fetchone()
    return AskFilter(**{"target": {"targets": value}, "country": {"countries": value}}[column])


QUERY_CASES: list[tuple[str, Callable[[Context], object]]] = [
    ("current_status", lambda c: current_status(c.db, AS_OF)),
    ("current_status (mid-history)", lambda c: current_status(c.db, MID_HISTORY)),
    ("status_counts", lambda c: status_counts(c.db, AS_OF)),
    ("status_counts by theme", lambda c: status_counts(c.db, AS_OF, by="theme")),
    ("status_mix", lambda c: status_mix(c.db, AS_OF)),
    ("status_mix by theme", lambda c: status_mix(c.db, AS_OF, by="theme")),
    ("progress_index", lambda c: progress_index(c.db, AS_OF)),
    ("progress_index by theme", lambda c: progress_index(c.db, AS_OF, by="theme")),
    ("ask_timeline", lambda c: ask_timeline(c.db, c.ask_id, AS_OF)),
    ("ask_history", lambda c: ask_history(c.db, c.ask_id)),
    ("stale_asks", lambda c: stale_asks(c.db, AS_OF, days=90)),
    ("asks_moved_between (1 year)", lambda c: asks_moved_between(c.db, YEAR_AGO, AS_OF)),
    (
        "asks_moved_between (early years)",
        lambda c: asks_moved_between(c.db, EARLY, MID_HISTORY),
    ),
    ("status_change_feed (30 days)", lambda c: status_change_feed(c.db, MONTH_AGO, AS_OF)),
    ("list_asks", lambda c: list_asks(c.db, AS_OF)),
    ("list_indicators", lambda c: indicators.list_indicators(c.db, AS_OF)),
    ("indicator_series", lambda c: indicators.indicator_series(c.db, c.indicator_id, AS_OF)),
    ("sparklines", lambda c: indicators.sparklines(c.db, AS_OF)),
    (
        "indicators_moved_between",
        lambda c: indicators.indicators_moved_between(c.db, YEAR_AGO, AS_OF),
    ),
    ("filter_options", lambda c: filter_options(c.db)),
    ("status_mix (one target)", lambda c: status_mix(c.db, AS_OF, ask_filter=_sample(c, "target"))),
]
for _name, _fn in QUERY_CASES:
    case("queries", _name)(_fn)

try:  # leadership's headline numbers (tracker.dashboard), when this checkout has them
    from tracker import dashboard
except ImportError:
    dashboard = None
if dashboard is not None:
    case("dashboard", "kpis_with_change (90 days)")(
        lambda c: dashboard.kpis_with_change(c.db, AS_OF, days=90)
    )
    case("dashboard", "evidence_sources")(lambda c: dashboard.evidence_sources(c.db))
    case("dashboard", "needs_attention (90 days)")(
        lambda c: dashboard.needs_attention(c.db, AS_OF, days=90)
    )
    case("dashboard", "progress_over_time (one country)")(
        lambda c: dashboard.progress_over_time(c.db, AS_OF, ask_filter=_sample(c, "country"))
    )


# Pages through Streamlit's AppTest: the first run (caches cleared) and a warm rerun of the same
# session, on the page scripts themselves (signed in as leadership, or an officer for the
# officer pages). Targets at the large size: dashboard first run <= 2 s, warm rerun <= 300 ms.
PAGE_FIRST_TARGET_MS = 2000
PAGE_WARM_TARGET_MS = 300
PAGES = {
    "dashboard": "leadership",
    "asks": "leadership",
    "letters": "leadership",
    "indicators": "leadership",
    "public_dashboard": "donor",
    "record_update": "officer",
    "review_queue": "officer",
    "snapshots": "leadership",
    "methodology": "donor",
}
_SESSIONS: dict[tuple[str, str], object] = {}
NOTES: list[str] = []


def _entry_file(page: str, role: str) -> Path:
    """An entry script beside app.py (so page links resolve) that signs in as ``role`` and
    makes ``page`` the default page of a navigation holding every page."""
    entry = ROOT / f".bench_entry_{page}.py"
    if not entry.exists():
        atexit.register(entry.unlink, missing_ok=True)  # AppTest rereads it on each run
    entry.write_text(
        "import streamlit as st\n"
        "from tracker.auth import Actor, set_actor\n"
        f"set_actor(Actor(email='bench-{role}@example.org', role='{role}'))\n"
        f"pages = [st.Page(f'webapp/pages/{{p}}.py', default=(p == {page!r}))\n"
        f"         for p in {list(PAGES)!r}]\n"
        "st.navigation(pages, position='hidden').run()\n"
    )
    return entry


def _page_run(page: str, role: str, first: bool):
    def run(ctx: Context):
        os.environ["TRACKER_DB"] = str(ctx.path)
        key = (str(ctx.path), page)
        if first or key not in _SESSIONS:
            st.cache_data.clear()
            at = AppTest.from_file(str(_entry_file(page, role)), default_timeout=120)
            at.run()
            _SESSIONS[key] = at
        else:
            at = _SESSIONS[key]
            at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        return at

    return run


for _page, _role in PAGES.items():
    case("pages", f"{_page}: first run", PAGE_FIRST_TARGET_MS)(_page_run(_page, _role, True))
    case("pages", f"{_page}: warm rerun", PAGE_WARM_TARGET_MS)(_page_run(_page, _role, False))


# Snapshots: build the public content, publish (content + frozen HTML), render the HTML report.
SNAPSHOT_TARGET_MS = 5000
try:
    from tracker import report, snapshots
except ImportError:
    snapshots = None
if snapshots is not None:
    _SCRATCH: dict[Path, object] = {}

    def _scratch_db(path: Path):
        """A copy of the database to publish into, made once a run: a snapshot cannot be
        deleted, and each one adds about 15 MB at the large size, so publishing into the
        cached database grew it (and its snapshot list) with every run."""
        if path not in _SCRATCH:
            copy = path.with_name(f"{path.stem}.scratch.db")
            _remove(copy)
            atexit.register(_remove, copy)
            source, target = sqlite3.connect(path), sqlite3.connect(copy)
            source.backup(target)
            source.close()
            target.close()
            _SCRATCH[path] = open_db(copy)
        return _SCRATCH[path]

    def _publish(ctx: Context):
        with acting_as(generate.BENCH_ACTOR):
            row = snapshots.publish(
                _scratch_db(ctx.path), AS_OF, title="Benchmark snapshot", narrative="Benchmark run."
            )
        NOTES.append(
            f"{ctx.path.name}: snapshot HTML {len(row['html'].encode()) / 1e6:.2f} MB "
            f"({len(row['content']) / 1e6:.2f} MB of frozen content)"
        )
        return row

    def _render(ctx: Context):
        with acting_as(generate.BENCH_ACTOR):
            content = snapshots.preview(ctx.db, AS_OF, title="Benchmark", narrative="x")
        return report.render_html(content)

    case("snapshots", "publish (content + HTML)", SNAPSHOT_TARGET_MS)(_publish)
    case("snapshots", "HTML export (render)", SNAPSHOT_TARGET_MS)(_render)


# --- Running -------------------------------------------------------------------------------


@dataclass
class Timing:
    cold_ms: float
    best_ms: float
    runs: int
    rows: int | None
    error: str | None = None
    cpu_ms: float = float("nan")  # the best call's CPU time: less moved by other work


def _rows(result: object) -> int | None:
    try:
        return len(result)  # type: ignore[arg-type]
    except TypeError:
        return None


def time_case(c: Case, path: Path, ask_id: int, indicator_id: int, repeat: int) -> Timing:
    ctx = Context(path, ask_id, indicator_id)
    try:
        if c.section != "open":
            ctx.db  # noqa: B018 - connect (and migrate) outside the timed calls
        t = time.perf_counter()
        result = c.run(ctx)
        cold = time.perf_counter() - t
        used, times, cpu = cold, [], []
        for _ in range(repeat):
            if times and used > CASE_BUDGET_S:
                break
            t, p = time.perf_counter(), time.process_time()
            c.run(ctx)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - p)
            used += times[-1]
        best = min(times or [cold]) * 1000
        return Timing(cold * 1000, best, len(times), _rows(result), None, min(cpu or [nan]) * 1000)
    except Exception as exc:  # a broken case is reported, not fatal
        return Timing(float("nan"), float("nan"), 0, None, f"{type(exc).__name__}: {exc}")
    finally:
        ctx.close()


def sample_ids(path: Path) -> tuple[int, int, dict[str, int]]:
    conn = sqlite3.connect(path)
    try:
        ask = conn.execute(
            "SELECT ask_id FROM status_updates GROUP BY ask_id ORDER BY COUNT(*) DESC, ask_id"
            " LIMIT 1"
        ).fetchone()
        indicator = conn.execute(
            "SELECT indicator_id FROM observations GROUP BY indicator_id"
            " ORDER BY COUNT(*) DESC, indicator_id LIMIT 1"
        ).fetchone()
        counts = {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("letters", "asks", "status_updates", "indicators", "observations")
        }
    finally:
        conn.close()
    return (ask[0] if ask else 1), (indicator[0] if indicator else 1), counts


def machine() -> str:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"nproc {usable} (cpu_count {os.cpu_count()}), load average {load}\n"
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLite {sqlite3.sqlite_version}, sqlite-utils {version('sqlite-utils')}, "
        f"pandas {version('pandas')}, {platform.platform()}"
    )


def calibration_ms() -> float:
    """The best of 5 runs of a fixed workload (Python and SQLite, like the queries): a shared
    VM's speed drifts by as much as 2x within minutes, and this figure says how fast the
    machine was when the table was made: compare it between runs before comparing times."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (n INTEGER, s TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", ((n, f"row {n}") for n in range(50_000)))
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        rows = conn.execute("SELECT n % 97, s FROM t ORDER BY s").fetchall()
        sum(n for n, _ in rows)
        best = min(best, time.perf_counter() - began)
    conn.close()
    return best * 1000


def selected(c: Case, only: list[str]) -> bool:
    if not only:
        return True
    return any(p in c.section.lower() or p in c.name.lower() for p in only)


def _fmt(ms: float) -> str:
    if ms != ms:  # nan
        return "error"
    return f"{ms:.1f}" if ms < 100 else f"{ms:.0f}"


# AppTest runs the pages in bare mode, where Streamlit warns on every cached read and every
# widget; those two warnings are dropped so the table reads cleanly (any other still prints)
BARE_MODE_WARNINGS = {
    "streamlit.runtime.caching.cache_data_api": "No runtime found",
    "streamlit.runtime.scriptrunner_utils.script_run_context": (
        "Thread '%s': missing ScriptRunContext"
    ),
}


def quiet_bare_mode() -> None:
    for name, start in BARE_MODE_WARNINGS.items():
        logging.getLogger(name).addFilter(lambda record, s=start: not str(record.msg).startswith(s))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Advocacy Tracker speed benchmarks.")
    parser.add_argument(
        "--only", default="", help="comma-separated substrings of section or case names"
    )
    parser.add_argument("--sizes", default="demo,large", help="comma-separated: demo,large")
    parser.add_argument("--repeat", type=int, default=5, help="timed calls after the cold one")
    parser.add_argument("--rebuild", action="store_true", help="regenerate cached databases")
    parser.add_argument(
        "--out", type=Path, default=OUT, help="where databases are built and cached"
    )
    parser.add_argument("--json", type=Path, help="results file (default OUT/results.json)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    args.json = args.json or out / "results.json"
    only = [p.strip().lower() for p in args.only.split(",") if p.strip()]
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip() in SIZES]
    cases = [c for c in CASES if selected(c, only)]
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    quiet_bare_mode()

    print("Advocacy Tracker benchmark")
    print(machine())
    print(
        f"as of {AS_OF}; cold = first call on a fresh connection, best = best of {args.repeat}, "
        "cpu = the least CPU time of those calls"
    )
    print(f"machine speed: a fixed workload takes {calibration_ms():.1f} ms (lower is faster)")
    print()

    results: dict[str, dict[str, Timing]] = {}
    for size in sizes:
        path, how = SIZES[size](out, args.rebuild)
        open_db(path).close()  # apply any new migrations before timing
        if snapshots is not None and any(c.section == "snapshots" for c in cases):
            _scratch_db(path)  # copied before timing, not in the first publish
        ask_id, indicator_id, counts = sample_ids(path)
        mb = path.stat().st_size / 1e6
        rows = ", ".join(f"{v:,} {k}" for k, v in counts.items())
        print(f"{size}: {path} ({mb:.1f} MB, {how})")
        print(f"  {rows}; sample ask {ask_id}, indicator {indicator_id}")
        results[size] = {
            c.name: time_case(c, path, ask_id, indicator_id, args.repeat) for c in cases
        }
    print()

    headers = ["section", "case"]
    for size in sizes:
        headers += [f"{size} cold", f"{size} best", f"{size} cpu"]
    headers += ["target", "result"]
    table = []
    for c in cases:
        row = [c.section, c.name]
        verdict = "PASS"
        for size in sizes:
            t = results[size][c.name]
            short = "*" if 0 < t.runs < args.repeat else ""
            row += [_fmt(t.cold_ms), _fmt(t.best_ms) + short, _fmt(t.cpu_ms)]
            if t.error or not t.best_ms <= c.target_ms:
                verdict = "FAIL"
        row += [f"{c.target_ms:.0f}", verdict]
        table.append(row)
    widths = [max(len(str(r[i])) for r in [headers, *table]) for i in range(len(headers))]
    left = {0, 1, len(headers) - 1}

    def line(cells):
        return "  ".join(
            str(x).ljust(w) if i in left else str(x).rjust(w)
            for i, (x, w) in enumerate(zip(cells, widths, strict=True))
        )

    print("times in ms")
    print(line(headers))
    print(line(["-" * w for w in widths]))
    for row in table:
        print(line(row))
    failed = sum(r[-1] == "FAIL" for r in table)
    print()
    print(f"* fewer than {args.repeat} timed calls: the case used up its {CASE_BUDGET_S:g}s budget")
    print(f"{len(table) - failed} PASS, {failed} FAIL; total {time.perf_counter() - started:.0f}s")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"load average now {load} (above nproc means other work inflated the wall times)")
    print(f"machine speed now: the fixed workload takes {calibration_ms():.1f} ms")
    for size in sizes:
        for name, t in results[size].items():
            if t.error:
                print(f"error: {size} / {name}: {t.error}")
    if {"demo", "large"} <= set(sizes):
        for name in results["large"]:
            if name.endswith("warm rerun") and name in results["demo"]:
                demo_ms, large_ms = results["demo"][name].best_ms, results["large"][name].best_ms
                if demo_ms == demo_ms and large_ms == large_ms and demo_ms > 0:
                    ratio = large_ms / demo_ms
                    verdict = "PASS" if ratio <= 3 else "FAIL"
                    print(
                        f"large/demo warm-rerun ratio, {name}: {ratio:.2f} (target <= 3) {verdict}"
                    )
    for note in dict.fromkeys(NOTES):
        print(note)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "machine": machine(),
                "as_of": AS_OF,
                "results": {
                    size: {
                        name: {
                            "cold_ms": t.cold_ms,
                            "best_ms": t.best_ms,
                            "cpu_ms": t.cpu_ms,
                            "runs": t.runs,
                            "rows": t.rows,
                            "error": t.error,
                        }
                        for name, t in by_case.items()
                    }
                    for size, by_case in results.items()
                },
                "targets_ms": {c.name: c.target_ms for c in cases},
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # benchmarks are not tests: report and exit 0
        print(f"benchmark aborted: {type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(0)
