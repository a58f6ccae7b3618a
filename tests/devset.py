"""The development set of letters (tests/data/letters/: letters we wrote ourselves, each with
a JSON file naming its asks' passages and the earlier asks they repeat) and how a draft is
scored against it. Shared by the drafting tests and bench/extraction.py.

A drafted passage matches an annotated one when each holds at least 60% of the other's words
("shares most of its words"). Repeats are scored in the order the letters were written: every
letter is drafted against a tracker holding the letters before it, then stored as annotated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker.drafting import Draft, draft_letter
from tracker.intake import add_letter_with_asks
from tracker.words import fold

LETTERS = Path(__file__).resolve().parent / "data" / "letters"
SHARE = 0.6


@dataclass
class Letter:
    name: str
    text: str
    note: dict

    @property
    def asks(self) -> list[dict]:
        return self.note["asks"]


def load() -> list[Letter]:
    return [
        Letter(
            path.stem,
            path.read_text(encoding="utf-8"),
            json.loads(path.with_suffix(".json").read_text(encoding="utf-8")),
        )
        for path in sorted(LETTERS.glob("*.txt"))
    ]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def overlap(drafted: str, annotated: str) -> float:
    a, b = _words(drafted), _words(annotated)
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return min(shared / len(a), shared / len(b))


def pair(draft: Draft, annotated: list[dict]) -> dict[int, int]:
    """Annotated ask index -> drafted ask index, best overlaps first, each used once."""
    scores = sorted(
        (
            (overlap(d.text, a["passage"]), i, j)
            for i, a in enumerate(annotated)
            for j, d in enumerate(draft.asks)
        ),
        reverse=True,
    )
    taken_a, taken_d, pairs = set(), set(), {}
    for score, i, j in scores:
        if score >= SHARE and i not in taken_a and j not in taken_d:
            pairs[i] = j
            taken_a.add(i)
            taken_d.add(j)
    return pairs


@dataclass
class Score:
    drafted: int = 0
    annotated: int = 0
    matched: int = 0
    repeats: int = 0
    repeats_top3: int = 0
    prefilled_right: int = 0  # "same as" prefilled with the ask it truly repeats
    prefilled_wrong: int = 0  # prefilled with another ask, or for an ask that repeats none
    possible: int = 0  # possible asks offered (the second tier, drafting.possible_asks)
    possible_matched: int = 0  # annotated asks the strict tier missed that a possible one finds
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    repeat_misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.annotated if self.annotated else 1.0

    @property
    def repeat_share(self) -> float:
        return self.repeats_top3 / self.repeats if self.repeats else 1.0


def evaluate(db, letters: list[Letter] | None = None) -> Score:
    """Draft every letter in order against ``db`` (an empty tracker to start with), score it,
    then store it as annotated so later letters can repeat its asks."""
    score = Score()
    stored: dict[str, int] = {}
    for letter in letters or load():
        draft = draft_letter(db, letter.text)
        pairs = pair(draft, letter.asks)
        score.drafted += len(draft.asks)
        score.annotated += len(letter.asks)
        score.matched += len(pairs)
        score.possible += len(draft.possible)
        with_possible = replace(draft, asks=draft.asks + draft.possible)
        score.possible_matched += len(pair(with_possible, letter.asks)) - len(pairs)
        for i, ask in enumerate(letter.asks):
            if i not in pairs:
                score.misses.append(f"{letter.name}#{i + 1}: {ask['passage'][:70]}")
        for j, drafted in enumerate(draft.asks):
            if j not in pairs.values():
                score.extras.append(f"{letter.name}: {drafted.text[:70]}")
        for j, drafted in enumerate(draft.asks):
            if drafted.same_as is None:
                continue
            i = next((i for i, jj in pairs.items() if jj == j), None)
            truth = stored.get(letter.asks[i].get("repeats", "")) if i is not None else None
            if drafted.same_as == truth:
                score.prefilled_right += 1
            else:
                score.prefilled_wrong += 1
        new, links = [], []
        for i, ask in enumerate(letter.asks):
            drafted = draft.asks[pairs[i]] if i in pairs else None
            if ask.get("repeats"):
                earlier = stored[ask["repeats"]]
                score.repeats += 1
                suggested = [r.ask_id for r in drafted.repeats[:3]] if drafted else []
                if earlier in suggested:
                    score.repeats_top3 += 1
                else:
                    score.repeat_misses.append(f"{letter.name}#{i + 1} -> {ask['repeats']}")
                links.append((earlier, ask["passage"]))
                stored[f"{letter.name}#{i + 1}"] = earlier
                continue
            new.append(
                {
                    "title": drafted.title if drafted else ask["passage"][:80],
                    "target": (drafted.target if drafted else "") or "Unknown",
                    "theme": (drafted.theme if drafted else "") or "Unknown",
                    "country": (drafted.country if drafted else "") or "Unknown",
                    "wording": ask["passage"],
                    "passage": ask["passage"],
                    "_key": f"{letter.name}#{i + 1}",
                }
            )
        keys = [a.pop("_key") for a in new]
        _, ids = add_letter_with_asks(
            db,
            {
                "title": draft.title,
                "date_sent": letter.note["date"] or "2025-01-01",  # (a submission without a date)
                "author_org": letter.note["author_org"],
                "full_text": letter.text,
            },
            new,
            links,
        )
        stored.update(zip(keys, ids, strict=True))
    return score
