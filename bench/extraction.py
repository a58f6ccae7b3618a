"""Drafting quality and speed: precision and recall of the drafted passages against the
annotated development set (tests/data/letters/), the possible tier's own figures, the share of
repeated asks whose earlier ask is among the top 3 suggestions, a 10-page letter's drafting
time, and repeat suggestions against 10,000 asks.

    .venv/bin/python bench/extraction.py            # builds bench/out/large-*.db if missing

Benchmarks are not tests: this prints figures and always exits 0.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from devset import LETTERS, evaluate, load  # noqa: E402

from tracker import reading  # noqa: E402
from tracker.auth import Actor, acting_as  # noqa: E402
from tracker.db import open_db  # noqa: E402
from tracker.drafting import blocks_of, draft_letter, parts_of  # noqa: E402
from tracker.search import suggest_repeats  # noqa: E402
from tracker.vocabulary import load_vocabulary  # noqa: E402

BENCH = Actor(email="bench@example.org", role="admin", via="bench")
FLOORS = {"recall": 0.90, "precision": 0.85, "repeats top-3": 0.85}


def timed(func, repeat: int = 5) -> str:
    """The median of ``repeat`` runs: wall-clock and CPU milliseconds. On a shared, loaded
    machine the CPU time is what the same run takes when it has a core to itself."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return f"{statistics.median(walls):8.1f} ms wall, {statistics.median(cpus):7.1f} ms CPU"


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
    print(
        f"  'same as' prefilled: {score.prefilled_right} right (of {score.repeats} repeats), "
        f"{score.prefilled_wrong} wrong"
    )
    found = score.matched + score.possible_matched
    print(
        f"  possible tier: {score.possible} offered unticked, {score.possible_matched} find an "
        f"annotated ask the strict tier missed, {score.possible - score.possible_matched} match "
        f"none; recall with it {found / max(score.annotated, 1):.3f}, its precision "
        f"{score.possible_matched / score.possible if score.possible else 1.0:.3f}"
    )
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
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    for paragraph in text.split("\n\n"):
        line = paragraph.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def ten_page_letter(letters) -> str:
    """One long letter: the first letter's heading and signature around the bodies of the
    development letters, in turn, to about 5,000 words (ten pages of 500)."""

    def body(text: str) -> str:
        parts = parts_of(text, blocks_of(text))
        return "\n\n".join(text[b.start : b.end] for b in parts.body)

    first = letters[0].text
    parts = parts_of(first, blocks_of(first))
    head = first[: parts.salutation.end]
    tail = first[parts.signature[0].start :]
    bodies = [body(letter.text) for letter in letters]
    middle: list[str] = []
    while len(" ".join(middle).split()) < 5000:  # (one body at a time: 5,000 words, not more)
        middle.append(bodies[len(middle) % len(bodies)])
    return head + "\n\n" + "\n\n".join(middle) + "\n\n" + tail


def speed() -> None:
    letters = load()
    ten_pages = ten_page_letter(letters)
    pdf = ten_page_pdf(ten_pages)
    read_ms = timed(lambda: draft_letter(None, reading.from_bytes(pdf, "ten.pdf").text), repeat=3)
    pages = len(__import__("pypdf").PdfReader(__import__("io").BytesIO(pdf)).pages)
    path = large_db()
    with acting_as(BENCH):
        db = open_db(path)
        asks = db.conn.execute("SELECT count(*) FROM asks").fetchone()[0]
        draft_ms = timed(lambda: draft_letter(None, ten_pages), repeat=3)
        full_ms = timed(lambda: draft_letter(db, ten_pages), repeat=3)
        passages = [a["passage"] for letter in letters for a in letter.asks][:20]
        one_ms = timed(lambda: [suggest_repeats(db, p) for p in passages], repeat=3)
        each_ms = timed(lambda: suggest_repeats(db, passages[0]), repeat=9)
        db.close()
    # a pasted text without full stops: one 100,000-character sentence of calls and modals (the
    # rules look at each call's clause, not all that precedes it, so this stays near-linear)
    run_on = "Dear Minister,\n\n" + (
        "the organizations call on the council, and the ministry should urge the police and " * 1200
    )
    run_on_ms = timed(lambda: draft_letter(None, run_on + ".\n\nSincerely,\n\nA\nB\n"), repeat=1)
    words = len(ten_pages.split())
    first, warmed = first_spanish_draft()
    print(f"Speed ({asks:,} asks in {path.name}):")
    print(f"  draft a {words:,}-word letter (~10 pages), rules only:  {draft_ms}")
    print(f"  read an {pages}-page PDF of it and draft, rules only:   {read_ms}")
    print(f"  the same letter, with values in use and repeat suggestions: {full_ms}")
    print(f"  repeat suggestions, 20 passages one by one (total):  {one_ms}")
    print(f"  repeat suggestions for one passage:                 {each_ms}")
    print(f"  a {len(run_on):,}-character run-on sentence, rules only:  {run_on_ms}")
    print(
        f"  a fresh process's first Spanish letter: {first:.0f} ms; after load_word_lists "
        f"(the Add a letter page starts it on opening): {warmed:.0f} ms"
    )


def first_spanish_draft() -> tuple[float, float]:
    """The first draft in a new process pays for simplemma's word lists (about a second) unless
    they were loaded before: each figure from its own fresh process."""
    letter = next(p for p in LETTERS.glob("*.txt") if "exigimos" in p.name)
    script = (
        "import sys, time; from tracker import drafting; text = open(sys.argv[1]).read()\n"
        "if sys.argv[2] == 'warm': drafting.load_word_lists()\n"
        "t = time.perf_counter(); drafting.draft_letter(None, text)\n"
        "print((time.perf_counter() - t) * 1000)"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, str(letter), mode],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        for mode in ("cold", "warm")
    ]
    return float(runs[0]), float(runs[1])


if __name__ == "__main__":
    print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    quality()
    speed()
