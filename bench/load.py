"""How many signed-in people one ``streamlit run`` holds on the dashboard (a benchmark, not a
test): N headless Chromium contexts, each signed in as its own program officer, each in a loop
reloading the dashboard and recording a status update, against one server on 127.0.0.1 over a
synthetic tracker of 1,000 asks. Prints, per N, the p50/p95 time until the server has sent the
whole dashboard ("served"), until the browser has drawn it ("settled"), and to a saved update,
every error seen (timeouts, exceptions shown on the page, "busy"), and the load average.

    python bench/load.py                      # N = 5, 10, 20; 3 rounds each
    python bench/load.py --sessions 5 --rounds 2

"Settled" is what a person waits for: the page's title is drawn, every chart has drawn, and
Streamlit shows no running indicator or placeholder. Uses Debian's Chromium
(tracker.report.chromium_path), never a downloaded browser.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright

if __package__ in (None, ""):  # run as a script: find tracker/ and bench/ if not installed
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from bench.generate import generate  # noqa: E402
from tracker import users  # noqa: E402
from tracker.auth import Actor, acting_as  # noqa: E402
from tracker.db import open_db  # noqa: E402
from tracker.report import CHROMIUM_QUIET, chromium_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PASSWORD = "a long load-test password"
SETUP = Actor(email="bench@example.org", role="admin", via="bench")
# the server is done: the script ran to its end (no running indicator, no placeholder left)
SERVED = (
    "() => document.querySelector('[data-testid=\"stMain\"] h1')"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
)
# and the browser is done too: every chart has drawn
SETTLED = (
    SERVED + " && document.querySelectorAll('.js-plotly-plot').length >="
    " document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length"
)


def database(asks: int) -> Path:
    """A seeded synthetic tracker of ``asks`` asks, made once and copied for each run."""
    OUT.mkdir(parents=True, exist_ok=True)
    template = OUT / f"load-{asks}.db"
    if not template.exists():
        print(f"Generating a tracker of {asks:,} asks (once)...", flush=True)
        generate(
            template,
            letters=max(1, asks // 5),
            asks=asks,
            updates=asks * 20,
            observations=asks * 5,
            indicators=max(1, asks // 50),
        )
    run = OUT / f"load-{asks}-run.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{run}{suffix}").unlink(missing_ok=True)
    source = open_db(template)
    with contextlib.closing(sqlite3.connect(run)) as target:
        source.conn.backup(target)
    source.close()
    return run


def sessions(db_file: Path, count: int) -> list[str]:
    """``count`` officers, each signed in once through the real sign-in (scrypt at full cost):
    the session tokens their browsers keep."""
    db = open_db(db_file)
    tokens = []
    with acting_as(SETUP):
        for number in range(count):
            email = f"officer{number}@example.org"
            if users.get_user(db, email) is None:
                users.add_user(db, email, "officer", password=PASSWORD)
            tokens.append(users.sign_in(db, email, PASSWORD)[1])
    db.close()
    return tokens


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_file: Path, port: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "TRACKER_DB": str(db_file)},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"streamlit exited: {log.read_text()}") from None
            time.sleep(0.3)
    process.kill()
    raise SystemExit("streamlit did not start")


async def settle(page, timeout: float) -> None:
    """Wait until the page is settled, then make sure it stays so (a rerun can follow)."""
    await page.wait_for_function(SETTLED, timeout=timeout * 1000)
    await page.wait_for_timeout(250)
    await page.wait_for_function(SETTLED, timeout=timeout * 1000)


async def problems(page) -> list[str]:
    """Errors a person would see on the page: exceptions, tracebacks, error boxes."""
    found = []
    if await page.locator("[data-testid='stException']").count():
        found.append("exception shown")
    for text in await page.locator("[data-testid='stAlertContentError']").all_inner_texts():
        found.append(f"error shown: {text[:80]}")
    return found


async def person(browser, url: str, token: str, rounds: int, asks: int, seed: int, timeout):
    """One signed-in officer: ``rounds`` x (reload the dashboard, record an update)."""
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    await context.add_cookies([{"name": "tracker_session", "value": token, "url": url}])
    page = await context.new_page()
    page.set_default_timeout(timeout * 1000)
    served, dashboard, updates, errors = [], [], [], []
    for round_ in range(rounds):
        try:
            start = time.perf_counter()
            await page.goto(url)
            await page.get_by_role("heading", name="Dashboard").wait_for()
            await page.wait_for_function(SERVED, timeout=timeout * 1000)
            served.append(time.perf_counter() - start)
            await settle(page, timeout)
            dashboard.append(time.perf_counter() - start)
            errors += await problems(page)

            ask = rng.randint(1, asks)
            await page.goto(f"{url}/record_update?ask={ask}")
            await page.get_by_text("Current outcome", exact=True).wait_for()
            await settle(page, timeout)
            start = time.perf_counter()
            await page.get_by_role("combobox", name="New status").click()
            await page.get_by_role("option").nth(rng.randint(1, 4)).click()
            await page.get_by_role("textbox", name="Note").fill(
                f"Load test: person {seed}, round {round_}."
            )
            await page.get_by_role("button", name="Record update").click()
            outcome = page.get_by_text("recorded for").or_(
                page.locator("[data-testid='stAlertContentError']")
            )
            await outcome.first.wait_for()
            updates.append(time.perf_counter() - start)
            errors += await problems(page)
        except Exception as error:  # a timeout or a broken page: count it, go on
            errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:100]}")
    await context.close()
    return served, dashboard, updates, errors


def cpu_seconds(pids) -> float:
    """User + system CPU seconds used so far by the processes ``pids`` (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def browser_pids() -> list[int]:
    """Every Chromium process on the machine (the bench's browser is the only one it runs)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if b"chromium" in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
    return found


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


async def measure(
    url: str, tokens: list[str], rounds: int, asks: int, timeout: float, server: int
) -> dict:
    """One run of N people; also the CPU seconds the server and the browser spent per page
    shown, which say which side of this one machine runs out first."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_QUIET
        )
        try:
            started = time.perf_counter()
            server_cpu, browser_cpu = cpu_seconds([server]), cpu_seconds(browser_pids())
            results = await asyncio.gather(
                *(
                    person(browser, url, token, rounds, asks, seed, timeout)
                    for seed, token in enumerate(tokens)
                )
            )
            wall = time.perf_counter() - started
            server_cpu = cpu_seconds([server]) - server_cpu
            browser_cpu = cpu_seconds(browser_pids()) - browser_cpu
        finally:
            await browser.close()
    served = [t for r in results for t in r[0]]
    dashboard = [t for r in results for t in r[1]]
    updates = [t for r in results for t in r[2]]
    errors = [e for r in results for e in r[3]]
    return {
        "sessions": len(tokens),
        "load_average": round(os.getloadavg()[0], 1),
        "served_p50_s": round(percentile(served, 0.50) or 0, 2),
        "served_p95_s": round(percentile(served, 0.95) or 0, 2),
        "dashboard_loads": len(dashboard),
        "dashboard_p50_s": round(percentile(dashboard, 0.50) or 0, 2),
        "dashboard_p95_s": round(percentile(dashboard, 0.95) or 0, 2),
        "updates_saved": len(updates),
        "update_p50_s": round(percentile(updates, 0.50) or 0, 2),
        "update_p95_s": round(percentile(updates, 0.95) or 0, 2),
        "server_cpu_per_page_s": round(server_cpu / max(1, 2 * len(dashboard)), 2),
        "browser_cpu_per_page_s": round(browser_cpu / max(1, 2 * len(dashboard)), 2),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:8],
        "wall_s": round(wall, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--rounds", type=int, default=3, help="dashboard + update per person")
    parser.add_argument("--asks", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per page step")
    args = parser.parse_args(argv)
    if chromium_path() is None:
        raise SystemExit("needs Chromium: apt-get install chromium")
    db_file = database(args.asks)
    tokens = sessions(db_file, max(args.sessions))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(db_file, port, OUT / "load-streamlit.log")
    rows = []
    try:
        # one warm-up visit, so N=5 does not pay for the server's first imports alone
        asyncio.run(measure(url, tokens[:1], 1, args.asks, args.timeout, server.pid))
        for count in args.sessions:
            row = asyncio.run(
                measure(url, tokens[:count], args.rounds, args.asks, args.timeout, server.pid)
            )
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    print()
    print(
        f"{'N':>3} {'served p50/p95':>15} {'settled p50/p95':>16} {'update p50/p95':>15} "
        f"{'cpu/page srv+brw':>17} {'errors':>6} {'load':>5}"
    )
    for row in rows:
        print(
            f"{row['sessions']:>3} {row['served_p50_s']:>7}/{row['served_p95_s']:<6}s "
            f"{row['dashboard_p50_s']:>8}/{row['dashboard_p95_s']:<6}s "
            f"{row['update_p50_s']:>7}/{row['update_p95_s']:<6}s "
            f"{row['server_cpu_per_page_s']:>7}+{row['browser_cpu_per_page_s']:<6}s "
            f"{row['errors']:>6} "
            f"{row['load_average']:>5}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
