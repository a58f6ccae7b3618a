"""A seeded synthetic Advocacy Tracker database, for benchmarks.

    python bench/generate.py OUT.db --asks 10000 --updates 200000 --observations 100000

Rows are built in Python and bulk-inserted with ``insert_all`` inside one transaction (going
through ``tracker.records`` row by row is far too slow at this size). The data follow the
schema's rules and the app's conventions: an ask's ``added_on`` is its earliest letter's date;
each (ask, track) history is in date order, repeating a status is a ``verification``, about 1%
of entries are corrections naming an earlier entry of the same ask and track (never two
corrections of one entry); ``recorded_at`` is an ISO timestamp and ids follow it.

Every insert also fires the ``data_version`` counter triggers (one ``UPDATE`` per row); at this
size that costs a few seconds at most, so they are left in place: the file is a real database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: find tracker/ if it is not installed
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from tracker.auth import Actor, acting_as  # noqa: E402
from tracker.db import open_db
from tracker.spans import refresh_spans  # noqa: E402
from tracker.vocabulary import load_vocabulary, read_vocabulary_file  # noqa: E402

BATCH = 1000  # sqlite-utils caps each statement at 999 variables; this just means "as many"
FIRST_LETTER = dt.date(2014, 1, 1).toordinal()
LAST_LETTER = dt.date(2025, 12, 31).toordinal()
LAST_ENTRY = dt.date(2026, 6, 30).toordinal()
FIRST_OBSERVATION = dt.date(2008, 1, 1).toordinal()

THEMES = [
    "Rule of law",
    "Anti-corruption",
    "Migration and asylum",
    "Military accountability",
    "Human rights",
    "Press freedom",
    "Human rights defenders",
    "Enforced disappearances",
    "Torture prevention",
    "Police reform",
    "Judicial independence",
    "Indigenous rights",
    "Land rights",
    "Gender-based violence",
    "LGBTI rights",
    "Prison conditions",
    "Freedom of assembly",
    "Environmental defenders",
    "Transitional justice",
    "Arms transfers",
]
COUNTRIES = [
    "Mexico",
    "Guatemala",
    "Honduras",
    "El Salvador",
    "Nicaragua",
    "Colombia",
    "Venezuela",
    "Ecuador",
    "Peru",
    "Bolivia",
    "Brazil",
    "Paraguay",
    "Cuba",
    "Haiti",
    "United States",
]
TARGETS = (
    [
        "US Department of State",
        "US Department of Homeland Security",
        "US Department of Defense",
        "US Congress",
        "USAID",
        "European Commission",
        "European Parliament",
        "Inter-American Commission on Human Rights",
        "UN Human Rights Council",
        "UN Committee against Torture",
    ]
    + [f"Government of {c}" for c in COUNTRIES if c != "United States"]
    + [
        "Attorney General's Office",
        "Supreme Court",
        "National Congress",
        "Ministry of Defence",
        "Ministry of the Interior",
        "National Police",
    ]
)
FIRST_NAMES = ["Ana", "Luis", "María", "Jorge", "Sofía", "Daniel", "Lucía", "Pedro", "Elena"]
LAST_NAMES = ["García", "Hernández", "Smith", "López", "Martínez", "Brown", "Ramírez", "Pérez"]
ORGS = [
    "WOLA",
    "Latin America Working Group",
    "RFK Human Rights",
    "Amnesty International USA",
    "Human Rights Watch",
    "CEJIL",
    "DPLF",
    "Centro Prodh",
    "Fundar",
    "Article 19",
    "Due Process of Law Foundation",
    "Washington Office on Latin America",
]
DOMAINS = ["wola.org", "lawg.org", "hrw.org", "amnesty.org", "elpais.com", "reuters.com"]
VERBS = ["Ensure", "Guarantee", "Establish", "Investigate", "Suspend", "Fund", "Publish", "End"]
OBJECTS = [
    "an independent prosecutor's office",
    "protection for human rights defenders",
    "access to asylum at the border",
    "accountability for military abuses",
    "a search for the disappeared",
    "the anti-corruption system's budget",
    "independent forensic investigations",
    "transparency in security assistance",
    "consultation with indigenous communities",
    "safe conditions for journalists",
    "an end to arbitrary detention",
    "civilian control of public security",
]
SENTENCES = [
    "We write to urge you to use every diplomatic tool at your disposal.",
    "Civil society organizations have documented a pattern of abuses over several years.",
    "The lack of accountability sends a message that these crimes will go unpunished.",
    "We respectfully request a meeting to discuss these concerns.",
    "Security assistance should be conditioned on measurable progress.",
    "Victims and their families deserve truth, justice and reparation.",
    "Independent experts have repeatedly recommended these reforms.",
    "We remain available to provide further information.",
]
NOTES = [
    "Government announced a reform; implementation not yet started.",
    "Bill tabled in Congress; committee hearing scheduled.",
    "Budget for the programme was cut in the new fiscal year.",
    "Court ruling ordered the authorities to comply.",
    "Officials acknowledged the letter at a meeting with partners.",
    "Independent experts' report found no meaningful progress.",
    "New regulations published in the official gazette.",
    "Partners report that the measure is being applied unevenly.",
    "Investigation reopened after public pressure.",
    "Authorities reversed the earlier decision.",
]
INDICATOR_NAMES = [
    "Asylum applications",
    "Reported disappearances",
    "Journalists killed",
    "Homicide rate per 100,000",
    "Cases prosecuted",
    "Convictions for torture",
    "Complaints against the armed forces",
    "Defenders under protection",
    "Budget of the protection mechanism",
    "Pre-trial detainees",
]
VISIBILITY_PUBLIC = 0.35
# Writes through tracker (the vocabulary, the demo) need an actor allowed to make them.
BENCH_ACTOR = Actor(email="bench@example.org", role="admin", name="Benchmark", via="bench")


_ISO_BASE = dt.date(2000, 1, 1).toordinal()
_ISO = [dt.date.fromordinal(_ISO_BASE + i).isoformat() for i in range(366 * 40)]


def _iso(ordinal: int) -> str:
    return _ISO[ordinal - _ISO_BASE]


def _timestamp(ordinal: int, seconds: int) -> str:
    """A UTC timestamp in ``now_timestamp``'s format, ``seconds`` into the day."""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{_iso(ordinal)}T{h:02d}:{m:02d}:{s:02d}.{seconds * 7919 % 1000000:06d}Z"


def _allocate(rng: random.Random, total: int, n: int, shape: float) -> list[int]:
    """Split ``total`` items among ``n`` owners with gamma-distributed (skewed) weights."""
    if n == 0:
        return []
    weights = [rng.gammavariate(shape, 1.0) for _ in range(n)]
    counts = [0] * n
    for i in rng.choices(range(n), weights=weights, k=total):
        counts[i] += 1
    return counts


def _vocabulary() -> dict[str, tuple[list[str], list[float]]]:
    """Per track, the status codes and the cumulative weights of how often a change lands on
    each."""
    weights = {
        "not_assessed": 0.02,
        "reversed": 0.06,
        "no_progress": 0.2,
        "stalled": 0.15,
        "in_progress": 0.3,
        "partially_achieved": 0.15,
        "achieved": 0.07,
        "dropped": 0.05,
        "no_response": 0.3,
        "acknowledged": 0.3,
        "committed": 0.2,
        "acted": 0.1,
        "declined": 0.1,
    }
    vocab: dict[str, tuple[list[str], list[float]]] = {}
    for row in read_vocabulary_file():
        codes, ws = vocab.setdefault(row["track"], ([], []))
        codes.append(row["code"])
        ws.append((ws[-1] if ws else 0.0) + weights.get(row["code"], 0.05))
    return vocab


def _pick_other(rng: random.Random, codes: list[str], cum_weights: list[float], previous) -> str:
    while True:
        code = rng.choices(codes, cum_weights=cum_weights)[0]
        if code != previous:
            return code


def generate(
    path: str | Path,
    *,
    letters: int,
    asks: int,
    updates: int,
    observations: int,
    indicators: int,
    seed: int = 42,
) -> dict:
    """Create the database at ``path`` (which must not exist) and fill it. Returns row counts
    and timings."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists: remove it first")
    if letters < 1 and asks:
        raise ValueError("asks need at least one letter")
    rng = random.Random(seed)
    random_ = rng.random
    t0 = time.perf_counter()
    people = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    owners = rng.sample(people, 28) + [f"Program officer, {c}" for c in COUNTRIES[:12]]

    # Letters, spread evenly over 2014-2025.
    letter_rows = []
    for i in range(1, letters + 1):
        sent = rng.randint(FIRST_LETTER, LAST_LETTER)
        country = rng.choice(COUNTRIES)
        author = rng.choice(ORGS)
        text = " ".join(rng.choices(SENTENCES, k=rng.randint(8, 30)))
        letter_rows.append(
            {
                "id": i,
                "title": f"Letter on {rng.choice(THEMES).lower()} in {country}",
                "date_sent": _iso(sent),
                "author_org": author,
                "cosigners": json.dumps(rng.sample(ORGS, rng.randint(0, 4))),
                "recipient_person": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "recipient_office": rng.choice(TARGETS),
                "url": f"https://www.{rng.choice(DOMAINS)}/letters/{i}",
                "full_text": text,
                "summary": text[:200],
                "created_at": _timestamp(sent + rng.randint(0, 10), rng.randint(0, 86399)),
                "created_by": rng.choice(owners),
            }
        )
    letter_dates = sorted((r["date_sent"], r["id"]) for r in letter_rows)

    # Asks: each made by 1-3 letters; the first sets added_on, later ones repeat the ask.
    ask_rows, link_rows, added = [], [], []
    for i in range(1, asks + 1):
        k = rng.choices((1, 2, 3), weights=(0.5, 0.3, 0.2))[0]
        first = rng.randrange(len(letter_dates))
        chosen = {first}
        for _ in range(k - 1):
            chosen.add(rng.randrange(first, len(letter_dates)))
        date_sent = letter_dates[first][0]
        added_ord = dt.date.fromisoformat(date_sent).toordinal()
        added.append(added_ord)
        country = rng.choice(COUNTRIES)
        ask_rows.append(
            {
                "id": i,
                "title": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({country}, #{i})",
                "wording": " ".join(rng.choices(SENTENCES, k=2)),
                "target": rng.choice(TARGETS),
                "theme": rng.choice(THEMES),
                "country": country,
                "owner": rng.choice(owners) if random_() < 0.95 else None,
                "priority": rng.choices(("high", "medium", "low"), weights=(0.25, 0.5, 0.25))[0],
                "added_on": date_sent,
                "created_at": _timestamp(added_ord + rng.randint(0, 30), rng.randint(0, 86399)),
                "created_by": rng.choice(owners),
            }
        )
        for index in sorted(chosen):
            link_rows.append(
                {
                    "letter_id": letter_dates[index][1],
                    "ask_id": i,
                    "passage": rng.choice(SENTENCES),
                }
            )

    # Status history, per (ask, track) in date order; ids follow recorded_at afterwards.
    vocab = _vocabulary()
    entries = []  # (recorded_at, key, row); key lets a correction find its target's new id
    for ask_index, n in enumerate(_allocate(rng, updates, asks, shape=1.5)):
        if n == 0:
            continue
        ask_id = ask_index + 1
        ask_added = added[ask_index]
        owner = ask_rows[ask_index]["owner"]
        n_response = sum(random_() < 0.1 for _ in range(n))
        for track, k in (("outcome", n - n_response), ("response", n_response)):
            if k == 0:
                continue
            codes, weights = vocab[track]
            # Some asks carry background history from before the letter; many go quiet
            # (achieved, dropped, forgotten) long before the end of the data.
            lo = ask_added - (rng.randint(30, 1500) if random_() < 0.15 else 0)
            hi = LAST_ENTRY if random_() < 0.5 else rng.randint(ask_added, LAST_ENTRY)
            span = hi - lo + 1
            dates = sorted(lo + int(random_() * span) for _ in range(k))
            history: list[tuple[int, str, int]] = []  # (key, status, date) of this track
            corrected: set[int] = set()
            previous, recorded = None, 0
            for date in dates:
                recorded = max(recorded, max(date, ask_added) + int(random_() * 21))
                seconds = int(random_() * 86400)
                key = len(entries)
                public = random_() < VISIBILITY_PUBLIC
                candidates = [h for h in history if h[0] not in corrected]
                if candidates and random_() < 0.01:
                    target_key, target_status, target_date = rng.choice(candidates)
                    corrected.add(target_key)
                    status = _pick_other(rng, codes, weights, target_status)
                    row = {
                        "ask_id": ask_id,
                        "track": track,
                        "status": status,
                        "effective_date": _iso(target_date),
                        "note": "Correction: the earlier entry misread the source.",
                        "kind": "correction",
                        "supersedes_key": target_key,
                    }
                    recorded += 1  # strictly after the entry it corrects
                elif previous is not None and random_() < 0.2:
                    status = previous
                    public = False
                    row = {"status": status, "note": "Checked: no change.", "kind": "verification"}
                else:
                    status = _pick_other(rng, codes, weights, previous)
                    row = {"status": status, "note": rng.choice(NOTES), "kind": "change"}
                row.update(
                    ask_id=ask_id,
                    track=track,
                    effective_date=row.get("effective_date") or _iso(date),
                    evidence_url=(
                        f"https://www.{rng.choice(DOMAINS)}/{_iso(date)[:4]}/news-{key}"
                        if row["kind"] != "verification" and random_() < 0.7
                        else None
                    ),
                    visibility="public" if public else "internal",
                    recorded_by=owner,
                )
                entries.append((_timestamp(recorded, seconds), key, row))
                history.append((key, status, date))
                if row["kind"] != "correction":
                    previous = status
    entries.sort(key=lambda e: (e[0], e[1]))
    new_id = {key: i for i, (_, key, _) in enumerate(entries, start=1)}
    update_rows = []
    for i, (recorded_at, _, row) in enumerate(entries, start=1):
        target = row.pop("supersedes_key", None)
        row["id"] = i
        row["recorded_at"] = recorded_at
        row["supersedes_id"] = None if target is None else new_id[target]
        update_rows.append(row)

    # Indicators and their observations (skewed: a few dense series, many yearly ones).
    indicator_rows, indicator_links, observation_entries = [], [], []
    per_indicator = _allocate(rng, observations, indicators, shape=1.0)
    for i in range(1, indicators + 1):
        direction = rng.choice(("higher", "lower"))
        start = rng.randint(FIRST_OBSERVATION, dt.date(2019, 12, 31).toordinal())
        value = rng.uniform(10, 10000)
        drift = rng.uniform(-0.05, 0.08) * (1 if direction == "higher" else -1)
        # one value per indicator and date (records.record_observation refuses a second):
        # k distinct days, the series started earlier when it is denser than its span
        k = min(per_indicator[i - 1], LAST_ENTRY - FIRST_OBSERVATION + 1)
        start = min(start, LAST_ENTRY - k + 1)
        dates = sorted(rng.sample(range(start, LAST_ENTRY + 1), k))
        first_value = value
        for date in dates:
            value = max(0.5, value * (1 + drift / 12 + rng.gauss(0, 0.03)))
            recorded = date + rng.randint(1, 60)
            observation_entries.append(
                (
                    _timestamp(recorded, rng.randint(0, 86399)),
                    {
                        "indicator_id": i,
                        "date": _iso(date),
                        "value": round(value, 2),
                        "source_url": f"https://www.{rng.choice(DOMAINS)}/data/{i}",
                        "note": "",
                        "recorded_by": rng.choice(owners),
                    },
                )
            )
        has_baseline = random_() < 0.7
        has_target = random_() < 0.5
        factor = 1.5 if direction == "higher" else 0.6
        indicator_rows.append(
            {
                "id": i,
                "name": f"{rng.choice(INDICATOR_NAMES)} ({rng.choice(COUNTRIES)}, #{i})",
                "unit": rng.choice(("people", "cases", "per 100,000", "USD million", "%")),
                "description": rng.choice(SENTENCES),
                "direction": direction,
                "baseline_value": round(first_value, 2) if has_baseline else None,
                "baseline_date": _iso(start) if has_baseline else None,
                "target_value": round(first_value * factor, 2) if has_target else None,
                "target_date": _iso(rng.randint(LAST_ENTRY, LAST_ENTRY + 1500))
                if has_target
                else None,
                "source": f"https://www.{rng.choice(DOMAINS)}/data/{i}",
                "created_at": _timestamp(start + rng.randint(0, 30), rng.randint(0, 86399)),
            }
        )
        if asks:
            for ask_id in rng.sample(range(1, asks + 1), min(asks, rng.randint(1, 3))):
                indicator_links.append({"indicator_id": i, "ask_id": ask_id})
    observation_entries.sort(key=lambda e: e[0])
    observation_rows = []
    for i, (recorded_at, row) in enumerate(observation_entries, start=1):
        row["id"] = i
        row["recorded_at"] = recorded_at
        observation_rows.append(row)
    t_build = time.perf_counter() - t0

    db = open_db(path, create=True)
    with acting_as(BENCH_ACTOR):
        load_vocabulary(db)
    t1 = time.perf_counter()
    with db.atomic():
        for table, rows in (
            ("letters", letter_rows),
            ("asks", ask_rows),
            ("letter_asks", link_rows),
            ("indicators", indicator_rows),
            ("indicator_asks", indicator_links),
            ("status_updates", update_rows),
            ("observations", observation_rows),
        ):
            if rows:
                db[table].insert_all(rows, batch_size=BATCH)
        # bulk inserts bypass records.*, so derive the status periods once at the end
        with acting_as(BENCH_ACTOR):
            refresh_spans(db)
    t_insert = time.perf_counter() - t1
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {
        "letters": len(letter_rows),
        "asks": len(ask_rows),
        "letter_asks": len(link_rows),
        "status_updates": len(update_rows),
        "corrections": sum(r["kind"] == "correction" for r in update_rows),
        "verifications": sum(r["kind"] == "verification" for r in update_rows),
        "indicators": len(indicator_rows),
        "indicator_asks": len(indicator_links),
        "observations": len(observation_rows),
        "build_s": round(t_build, 2),
        "insert_s": round(t_insert, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="database file to create")
    parser.add_argument("--letters", type=int, help="default: asks / 5")
    parser.add_argument("--asks", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=200_000)
    parser.add_argument("--observations", type=int, default=100_000)
    parser.add_argument("--indicators", type=int, help="default: asks / 50")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    args = parser.parse_args(argv)
    if args.force:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.out}{suffix}").unlink(missing_ok=True)
    stats = generate(
        args.out,
        letters=args.letters if args.letters is not None else max(1, args.asks // 5),
        asks=args.asks,
        updates=args.updates,
        observations=args.observations,
        indicators=args.indicators if args.indicators is not None else max(1, args.asks // 50),
        seed=args.seed,
    )
    print(json.dumps(stats, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
