"""Moving a large tracker out and back in (issue 14). Not a test: prints its figures.

    .venv/bin/python bench/transfer.py            # the cached large database of bench/run.py
    .venv/bin/python bench/transfer.py --rebuild  # regenerate it first
    .venv/bin/python bench/transfer.py --repeat 3 # best of three (the machine is shared)

Exports the large database (10,000 asks, 200,000 status updates, 2,000 letters, 100,000
observations: ``bench/generate.py``) to XLSX and to a CSV zip, then imports each file into a
fresh database through ``tracker.importer`` exactly as ``tracker import`` does (read, map, plan
under the write lock, bulk insert, rebuild the derived status tables), printing the progress
as it goes, with the CPU time beside the wall time (on a loaded machine the wall time is
mostly waiting for a core) and the load average. Targets: export under 30 s, import under 60 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from run import build_large  # noqa: E402

from tracker import export, importer  # noqa: E402
from tracker.auth import Actor, acting_as  # noqa: E402
from tracker.db import open_db  # noqa: E402
from tracker.spreadsheet import read_file  # noqa: E402
from tracker.vocabulary import load_vocabulary  # noqa: E402

ADMIN = Actor(email="bench@example.org", role="admin", via="bench")
EXPORT_TARGET_S, IMPORT_TARGET_S = 30, 60


def progress(fraction: float, text: str) -> None:
    print(f"\r    {fraction:4.0%} {text:<60}", end="", flush=True)


def _export_and_import(source, folder: Path, kind: str, attempt: int, counts, figures) -> None:
    file = folder / f"large.{kind}"
    print(f"export {kind}:")
    t, cpu = time.perf_counter(), time.process_time()
    export.export_tracker(source, file, progress=progress)
    seconds = time.perf_counter() - t
    print(
        f"\n    {seconds:.1f} s ({time.process_time() - cpu:.1f} s of CPU), "
        f"{file.stat().st_size / 2**20:.1f} MB"
    )
    figures.append((f"export {kind}", seconds, EXPORT_TARGET_S))

    target = open_db(folder / f"import-{kind}-{attempt}.db", create=True)
    load_vocabulary(target)
    print(f"import {kind}:")
    t, cpu = time.perf_counter(), time.process_time()
    data = file.read_bytes()
    book = read_file(data, file.name)
    read_s = time.perf_counter() - t
    mapping = importer.guess_mapping(target, book)
    marks: dict[str, float] = {}

    def timed(fraction: float, text: str, marks=marks) -> None:
        marks.setdefault(text.split(" of ")[0], time.perf_counter())
        progress(fraction, text)

    plan = importer.run_import(target, book, mapping, data, progress=timed)
    seconds = time.perf_counter() - t
    rebuilt = marks.get("Rebuilding the status timelines") or t
    cpu_s = time.process_time() - cpu
    rows_s = rebuilt - t - read_s
    spans_s = time.perf_counter() - rebuilt
    print(
        f"\n    {seconds:.1f} s ({cpu_s:.1f} s of CPU): reading the file {read_s:.1f} s, "
        f"checking and adding the rows {rows_s:.1f} s, rebuilding the derived status "
        f"tables {spans_s:.1f} s; added "
        + ", ".join(f"{n:,} {k}" for k, n in plan.adds.items() if n)
    )
    assert plan.adds["status_updates"] == counts["status_updates"]
    figures.append((f"import {kind}", seconds, IMPORT_TARGET_S))
    target.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="Regenerate the large database.")
    parser.add_argument("--formats", default="zip,xlsx", help="Which exports to time.")
    parser.add_argument(
        "--repeat", type=int, default=1, help="Run each case N times and keep the best."
    )
    args = parser.parse_args(argv)
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    path, how = build_large(out, args.rebuild)
    print(f"large database: {path.name} ({how})")
    figures = []
    with acting_as(ADMIN), tempfile.TemporaryDirectory() as folder:
        source = open_db(path)
        counts = {
            t: source.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("asks", "status_updates", "letters", "observations")
        }
        print("rows: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
        for kind in args.formats.split(","):
            for attempt in range(args.repeat):
                _export_and_import(source, Path(folder), kind, attempt, counts, figures)
        source.close()
    print()
    print(f"load average while running: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    best: dict[str, tuple[float, int]] = {}
    for name, seconds, target_s in figures:
        if name not in best or seconds < best[name][0]:
            best[name] = (seconds, target_s)
    if args.repeat > 1:
        print(f"best of {args.repeat} runs:")
    print(f"{'case':<14} {'seconds':>8} {'target':>7}")
    for name, (seconds, target_s) in best.items():
        flag = "" if seconds <= target_s else "  over target"
        print(f"{name:<14} {seconds:8.1f} {target_s:7d}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
