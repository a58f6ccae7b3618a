"""The demo dataset: the July 2018 letter to Secretary Pompeo, its asks, their sourced status
history and sourced indicator series, read from the files in ``data/demo/``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlite_utils import Database

from tracker import records
from tracker.auth import require
from tracker.db import is_empty
from tracker.errors import TrackerError

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"


def read_rows(name: str, folder: str | Path = DEMO_DIR) -> list[dict]:
    """The rows of one demo file (JSON or CSV), keyed by the write functions' parameter names."""
    path = Path(folder) / name
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    return json.loads(path.read_text(encoding="utf-8"))


def _without(row: dict, *keys: str) -> dict:
    return {k: v for k, v in row.items() if k not in keys}


def check_can_load(db: Database, *, force: bool = False) -> None:
    """Refuse to add the demo to a database that holds data, unless ``force``."""
    if not force and not is_empty(db):
        raise TrackerError(
            "the database already holds data: use --force to add the demo dataset anyway."
        )


def load_demo(db: Database, folder: str | Path = DEMO_DIR, *, force: bool = False) -> dict:
    """Load the demo files through the same validated writes as everything else, in one
    transaction (all of it or none), into an empty database unless ``force``; returns counts."""
    require("record")
    check_can_load(db, force=force)
    updates = read_rows("status_updates.csv", folder)
    observations = read_rows("observations.csv", folder)
    with db.atomic():
        letter_ids = {
            # a letter's "sources" tell the file's reader where its facts come from
            row["key"]: records.add_letter(db, **_without(row, "key", "sources"), by="demo-data")
            for row in read_rows("letters.json", folder)
        }
        ask_ids = {
            ask["key"]: records.add_ask(
                db,
                **_without(ask, "key", "letters"),
                letters=[
                    (letter_ids[link["letter"]], link.get("passage", ""))
                    for link in ask.get("letters", [])
                ],
                by="demo-data",
            )
            for ask in read_rows("asks.json", folder)
        }
        for row in sorted(updates, key=lambda r: (r["ask_key"], r["track"], r["effective_date"])):
            fields = _without(row, "ask_key") | {
                "visibility": row.get("visibility") or "public",
                "recorded_by": row.get("recorded_by") or "demo-data",
            }
            records.record_status_update(db, ask_ids[row["ask_key"]], **fields)
        indicator_ids = {
            item["key"]: records.add_indicator(
                db,
                **_without(item, "key", "asks"),
                ask_ids=[ask_ids[key] for key in item.get("asks", [])],
            )
            for item in read_rows("indicators.json", folder)
        }
        for row in observations:
            fields = _without(row, "indicator_key") | {
                "note": row.get("note", ""),
                "recorded_by": row.get("recorded_by") or "demo-data",
            }
            records.record_observation(db, indicator_ids[row["indicator_key"]], **fields)
    return {
        "letters": len(letter_ids),
        "asks": len(ask_ids),
        "status updates": len(updates),
        "indicators": len(indicator_ids),
        "observations": len(observations),
    }
