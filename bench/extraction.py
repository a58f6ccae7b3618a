"""Drafting quality and speed: precision and recall of the drafted passages against the
annotated development set (tests/data/letters/), the share of repeated asks whose earlier
ask is among the top 3 suggestions, a 10-page letter's drafting time, and repeat suggestions
against 10,000 asks.

    .venv/bin/python bench/extraction.py            # builds bench/out/large-*.db if missing

Benchmarks are not tests: this prints figures and always exits 0.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from devset import evaluate, load  # noqa: E402

from tracker.auth import Actor, acting_as  # noqa: E402
from tracker.db import open_db  # noqa: E402
from tracker.drafting import draft_letter  # noqa: E402
from tracker.search import suggest_repeats  # noqa: E402
from tracker.vocabulary import load_vocabulary  # noqa: E402

BENCH = Actor(email="bench@example.org", role="admin", via="bench")
FLOORS = {"recall": 0.90, "precision": 0.85, "repeats top-3": 0.85}


def timed(func, repeat: int = 5) -> float:
    """The median of ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def quality() -> None:
    with tempfile.TemporaryDirectory() as folder, acting_as(BENCH):
        db = open_db(Path(folder) / "dev.db", create=True)
        load_vocabulary(db)
        score = evaluate(db)
        db.close()
    figures = {
        "recall": score.recall,
        "precision": score.precision,
        "repeats top-3": score.repeat_share,
    }
    print(
        f"Development set: {len(load())} letters, {score.annotated} annotated asks, "
        f"{score.drafted} drafted, {score.repeats} repeats"
    )
    for name, value in figures.items():
        verdict = "ok" if value >= FLOORS[name] else "BELOW FLOOR"
        print(f"  {name:<14} {value:.3f}   (floor {FLOORS[name]:.2f}: {verdict})")
    for label, items in (
        ("missed", score.misses),
        ("extra", score.extras),
        ("repeat not in top 3", score.repeat_misses),
    ):
        for item in items:
            print(f"    {label}: {item}")


def large_db() -> Path:
    out = ROOT / "bench" / "out"
    found = sorted(out.glob("large-*.db"))
    if found:
        return found[-1]
    out.mkdir(parents=True, exist_ok=True)
    path = out / "asks-10k.db"
    if not path.exists():
        import subprocess

        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate.py"),
                str(path),
                "--asks",
                "10000",
                "--updates",
                "20000",
                "--observations",
                "1000",
            ],
            check=True,
        )
    return path


def ten_page_pdf(text: str) -> bytes:
    """The text as a PDF with a text layer (fpdf2, as the tests make theirs)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    for paragraph in text.split("\n\n"):
        line = paragraph.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def speed() -> None:
    letters = load()
    body = "\n\n".join(letter.text for letter in letters)
    ten_pages = body
    while len(ten_pages.split()) < 5000:  # about ten pages of 500 words
        ten_pages += "\n\n" + body
    pdf = ten_page_pdf(ten_pages)
    from tracker import reading

    read_ms = timed(lambda: draft_letter(None, reading.from_bytes(pdf, "ten.pdf").text), repeat=3)
    pages = len(__import__("pypdf").PdfReader(__import__("io").BytesIO(pdf)).pages)
    path = large_db()
    with acting_as(BENCH):
        db = open_db(path)
        asks = db.conn.execute("SELECT count(*) FROM asks").fetchone()[0]
        draft_ms = timed(lambda: draft_letter(None, ten_pages), repeat=3)
        full_ms = timed(lambda: draft_letter(db, ten_pages), repeat=3)
        passages = [a["passage"] for letter in letters for a in letter.asks][:20]
        per_ask = statistics.median(
            timed(lambda p=p: suggest_repeats(db, p), repeat=3) for p in passages
        )
        worst = max(timed(lambda p=p: suggest_repeats(db, p), repeat=1) for p in passages)
        db.close()
    words = len(ten_pages.split())
    print(f"Speed ({asks:,} asks in {path.name}):")
    print(f"  draft a {words:,}-word letter (~10 pages), rules only:   {draft_ms:8.1f} ms")
    print(f"  read a {pages}-page PDF of it and draft, rules only:       {read_ms:8.1f} ms")
    print(f"  the same with values in use and repeat suggestions:   {full_ms:8.1f} ms")
    print(
        f"  repeat suggestions for one passage, median / worst:   {per_ask:8.1f} / {worst:.1f} ms"
    )


if __name__ == "__main__":
    quality()
    speed()
