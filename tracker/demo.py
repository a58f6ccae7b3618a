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


def _json(folder: Path, name: str) -> list[dict]:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def _csv(folder: Path, name: str) -> list[dict]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_can_load(db: Database, *, force: bool = False) -> None:
    """Refuse to add the demo to a database that holds data, unless ``force``."""
    if not force and not is_empty(db):
        raise TrackerError(
            "the database already holds data: use --force to add the demo dataset anyway."
        )


def load_demo(db: Database, folder: str | Path = DEMO_DIR, *, force: bool = False) -> dict:
    """Load the demo files through the same validated writes as everything else, in one
    transaction: either all of it lands or none. Refuses a database that holds data unless
    ``force``. Returns counts of what was loaded."""
    require("record")
    folder = Path(folder)
    check_can_load(db, force=force)
    letters = _json(folder, "letters.json")
    asks = _json(folder, "asks.json")
    indicators = _json(folder, "indicators.json")
    updates = _csv(folder, "status_updates.csv")
    observations = _csv(folder, "observations.csv")
    with db.atomic():
        letter_ids = {
            letter["key"]: records.add_letter(
                db,
                title=letter["title"],
                date_sent=letter["date_sent"],
                author_org=letter["author_org"],
                cosigners=letter.get("cosigners", []),
                recipient_person=letter.get("recipient_person"),
                recipient_office=letter.get("recipient_office"),
                url=letter.get("url"),
                full_text=letter.get("full_text", ""),
                summary=letter.get("summary", ""),
                by="demo-data",
            )
            for letter in letters
        }
        ask_ids = {
            ask["key"]: records.add_ask(
                db,
                title=ask["title"],
                wording=ask.get("wording", ""),
                target=ask["target"],
                theme=ask["theme"],
                country=ask["country"],
                owner=ask.get("owner"),
                priority=ask.get("priority", "medium"),
                added_on=ask.get("added_on"),
                letters=[
                    (letter_ids[link["letter"]], link.get("passage", ""))
                    for link in ask.get("letters", [])
                ],
                by="demo-data",
            )
            for ask in asks
        }
        for row in sorted(updates, key=lambda r: (r["ask_key"], r["track"], r["effective_date"])):
            records.record_status_update(
                db,
                ask_ids[row["ask_key"]],
                row["status"],
                effective_date=row["effective_date"],
                note=row["note"],
                track=row["track"],
                evidence_url=row["evidence_url"],
                visibility=row.get("visibility") or "public",
                recorded_by=row.get("recorded_by") or "demo-data",
            )
        indicator_ids = {
            item["key"]: records.add_indicator(
                db,
                name=item["name"],
                unit=item.get("unit", ""),
                description=item.get("description", ""),
                direction=item["direction"],
                baseline_value=item.get("baseline_value"),
                baseline_date=item.get("baseline_date"),
                target_value=item.get("target_value"),
                target_date=item.get("target_date"),
                source=item.get("source"),
                ask_ids=[ask_ids[key] for key in item.get("asks", [])],
            )
            for item in indicators
        }
        for row in observations:
            records.record_observation(
                db,
                indicator_ids[row["indicator_key"]],
                row["value"],
                date=row["date"],
                source_url=row["source_url"],
                note=row.get("note", ""),
                recorded_by=row.get("recorded_by") or "demo-data",
            )
    return {
        "letters": len(letter_ids),
        "asks": len(ask_ids),
        "status updates": len(updates),
        "indicators": len(indicator_ids),
        "observations": len(observations),
    }
