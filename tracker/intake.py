"""Letter intake: a letter and the asks it makes, new or repeated, stored in one transaction;
and accepting a reviewed draft (tracker.drafting) with every problem named next to its field.

Also the administrator's setting that lets the server fetch links to private or loopback
addresses (off by default: a link must not make the server probe the office network)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from tracker import drafting, limits, records
from tracker.auth import current_actor, require
from tracker.db import setting
from tracker.errors import Checks, TrackerError
from tracker.reading import PRIVATE_LINKS_SETTING
from tracker.same_letter import same_letter


def _filled(row: dict) -> bool:
    """A row of the intake table that holds anything (blank rows are left over, not errors)."""
    return any(isinstance(v, str) and v.strip() for v in row.values())


def _ask_row(row: dict) -> dict:
    """An intake row as add_ask's fields: empty cells as "", priority medium unless given."""
    ask = {k: (v if isinstance(v, str) else "") for k, v in row.items()}
    ask["priority"] = ask.get("priority") or "medium"
    return ask


def _check_new_ask(checks: Checks, db: Database, label: str, number: int, ask: dict, passage):
    """Check a new ask by records' rules into ``checks``, keyed ``asks[N].field`` and each
    sentence starting with ``label`` (the row, as the person sees the table)."""
    row = Checks(prefix=f"asks[{number}].")
    row("", records.ask_row, db, **ask)
    row("passage", limits.check_length, passage, limits.PASSAGE, "passage")
    for key, message in row.errors.items():
        checks.errors.setdefault(key, f"{label}: {message}")


def add_letter_with_asks(
    db: Database,
    letter: dict,
    new_asks: Iterable[dict] = (),
    existing_asks: Iterable[tuple[int, str]] = (),
) -> tuple[int, list[int]]:
    """Store a letter, its new asks (dicts of add_ask's fields plus ``passage``; blank rows are
    skipped, priority defaults to medium) and links to asks it repeats. All or nothing: a bad
    ask leaves no letter behind. Returns the letter id and the new asks' ids."""
    new_asks = [_ask_row(a) for a in new_asks if _filled(a)]
    existing_asks = list(existing_asks)
    # every problem of the letter and of each row at once, keyed as the form's fields are
    # (``title``; ``asks[2].target``), before anything is written
    checks = Checks()
    checks("letter", records.letter_row, db, **letter)
    passages = []
    for number, ask in enumerate(new_asks, start=1):
        passages.append(ask.pop("passage", "") or "")
        _check_new_ask(checks, db, f"new ask {number}", number, ask, passages[-1])
    checks.done()
    with db.atomic():
        letter_id = records.add_letter(db, **letter)
        ask_ids = [
            records.add_ask(db, **ask, letters=[(letter_id, passage)])
            for ask, passage in zip(new_asks, passages, strict=True)
        ]
        for ask_id, passage in existing_asks:
            records.link_ask(db, letter_id, ask_id, passage)
    return letter_id, ask_ids


def private_links_allowed(db: Database) -> bool:
    """Whether the server may fetch links to private and loopback addresses (default no)."""
    return setting(db, PRIVATE_LINKS_SETTING) == "true"


def set_private_links(db: Database, allowed: bool) -> None:
    """Let the server fetch links to private or loopback addresses (an intranet's letters, or
    a test's local server), or stop it. Administrators only."""
    records.change_setting(db, PRIVATE_LINKS_SETTING, allowed)


ASK_EXISTS = "SELECT 1 FROM asks WHERE id = ?"
ASK_FIELDS = ("title", "target", "theme", "country")  # what a draft's ask gives, as it is
# what a draft may lack because its text did not show it, said as what to do about it
DRAFT_LACKS = {
    "title": "Give the letter a title.",
    "date_sent": "Enter the date the letter was sent (none was found in its text).",
    "author_org": "Name the organization that wrote the letter.",
}


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _ask_id(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip().lstrip("#").split(" ", 1)[0].split("·", 1)[0].strip()
    try:
        return int(text)
    except ValueError:
        return -1


def accept_draft(
    db: Database,
    letter: dict,
    rows: list[dict],
    add_anyway: bool = False,
    without_asks: bool = False,
) -> tuple[int, list[int], list[int]]:
    """Store a reviewed draft in one transaction: the letter, a new ask per kept row, a link
    (with this letter's passage) per row ``same_as`` an ask; first every problem, as FormErrors
    (``asks[N].theme``, N the row's place in ``rows``: empty rows are skipped, not renumbered
    around). A letter the tracker already holds (tracker.same_letter) is refused as
    ``add_anyway`` unless that is true; one with no ask kept, as ``without_asks`` unless that
    is (every row unticked is more often a slip than a letter that asks nothing). Returns the
    letter id, the new asks' ids and the repeated asks' ids."""
    require("record")
    with db.atomic():  # the same-letter check under the write lock: two officers accepting
        return _accept(db, letter, rows, add_anyway, without_asks)  # one letter store it once


def _blank(row: dict) -> bool:
    """A review row left empty (no title, no passage, no ask it is the same as): left over in
    the table, not an ask; the rows after it keep their numbers."""
    return not (_text(row.get("title")) or _text(row.get("passage")) or row.get("same_as"))


def _accept(db: Database, letter: dict, rows: list[dict], add_anyway: bool, without_asks: bool):
    stored = {k: letter[k] for k in records.LETTER_FIELDS if k in letter}
    if isinstance(stored.get("cosigners"), str):
        stored["cosigners"] = stored["cosigners"].splitlines()
    checks = Checks()
    for field, message in DRAFT_LACKS.items():
        if not str(stored.get(field) or "").strip():
            checks.add(field, message)
    checks("letter", records.letter_row, db, **stored)
    if not add_anyway and (match := same_letter(db, **stored)):
        checks.add("add_anyway", f"{match.sentence} If it is another letter, add it anyway.")
    new, links, seen = [], [], {}
    for number, row in enumerate(rows, start=1):  # (numbered as the table shows them)
        if not row.get("keep", True) or _blank(row):
            continue
        passage = _text(row.get("passage"))
        same_as = _ask_id(row.get("same_as"))
        if same_as is None:
            ask = {name: _text(row.get(name)) for name in ASK_FIELDS}
            ask |= {
                "owner": _text(row.get("owner")) or None,
                "priority": row.get("priority") or "medium",
                "wording": _text(row.get("wording")) or passage,
            }
            _check_new_ask(checks, db, f"Row {number}", number, ask, passage)
            new.append(ask | {"passage": passage})
        elif not (same_as > 0 and db.conn.execute(ASK_EXISTS, (same_as,)).fetchone()):
            checks.add(
                f"asks[{number}].same_as",
                f"Row {number}: there is no ask {row.get('same_as')}: pick one from the list.",
            )
        elif same_as in seen:
            checks.add(
                f"asks[{number}].same_as",
                f"Row {number}: ask #{same_as} is already linked in row {seen[same_as]}.",
            )
        else:
            seen[same_as] = number
            links.append((same_as, passage))
    if not without_asks and not kept(rows):
        checks.add("without_asks", NO_ASK_KEPT)
    checks.done()
    letter_id, ask_ids = add_letter_with_asks(db, stored, new, links)
    return letter_id, ask_ids, [ask_id for ask_id, _ in links]


# what tracker.drafting puts before a possible ask's reason (the tier, said by whoever shows it)
POSSIBLE_LABEL = "possible: "


def reason(why: str) -> str:
    """Why a sentence was offered, as a person reads it: without the possible tier's label,
    which the app and the CLI say in their own words beside it (the label twice read badly)."""
    return why.removeprefix(POSSIBLE_LABEL)


def _review_row(ask, found: str, owner: str) -> dict:
    return (
        {"keep": ask.sure, "found": found}
        | {name: getattr(ask, name) for name in ASK_FIELDS}
        | {"owner": owner, "priority": "medium", "passage": ask.text, "same_as": ask.same_as}
    )


def draft_rows(draft, owner: str = "") -> list[dict]:
    """A draft's asks as review rows (what the app's table and ``intake --accept-all`` use):
    the drafted asks kept, with the likely repeat prefilled as "same as"; then the possible
    ones, unticked (stored only if the officer ticks them). Each row's owner is ``owner``."""
    return [
        _review_row(ask, "Drafted" if ask.sure else "Possible", owner)
        for ask in [*draft.asks, *draft.possible]
    ]


PICKED_FOUND = "Picked"  # the "Found as" of a row the officer picked (it fits the column)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def held_by(text: str, span: tuple[int, int], rows: list[dict]) -> int | None:
    """The number (1-based, as the table shows it) of the row whose passage is this span of the
    letter, or a clause of it (three words or more: a word typed in holds no sentence), or
    holds it; None if no row does."""
    passage = _one_line(text[span[0] : span[1]])
    for number, row in enumerate(rows, start=1):
        held = _one_line(row.get("passage") or "") if isinstance(row.get("passage"), str) else ""
        if held and (
            held == passage or passage in held or (len(held.split()) >= 3 and held in passage)
        ):
            return number
    return None


def missed_passages(text: str, rows: list[dict]) -> list[tuple[int, int]]:
    """The letter's sentences and list items (drafting.passages_of) that no review row holds:
    what the officer may pick as an ask the draft missed."""
    return [span for span in drafting.passages_of(text) if held_by(text, span, rows) is None]


def picked_row(
    db: Database | None, text: str, span: tuple[int, int], rows: list[dict], owner: str = ""
) -> tuple[dict, drafting.DraftAsk]:
    """A review row for a passage the officer picked, drafted as the drafter drafts its own
    asks (title, target, theme, country, likely repeats; draft_letter's ``also``), owned by
    ``owner``, with the drafted ask (its span and reasons). Writes nothing. A passage a row
    already holds is refused, naming the row."""
    start, end = span
    if not (0 <= start < end <= len(text)) or not text[start:end].strip():
        raise TrackerError("Pick a sentence of the letter first.", "picked")
    number = held_by(text, span, rows)
    if number is not None:
        raise TrackerError(f"That passage is already row {number} of the table.", "picked")
    draft = drafting.draft_letter(db, text, also=(span,))
    ask = next((a for a in draft.asks if a.why == drafting.PICKED and a.start == start), None)
    if ask is None:  # (a passage the drafter leaves out whatever its cue: page furniture)
        raise TrackerError(
            "That passage could not be drafted as an ask: add a row with the + below the "
            "table and copy it in.",
            "picked",
        )
    return _review_row(ask, PICKED_FOUND, owner), ask


def default_owner() -> str:
    """Who owns a letter's new asks unless the officer picks someone else: the person adding
    it (as the review queue names owners). An ask with no owner is in nobody's review queue,
    so it would never be checked."""
    actor = current_actor()
    return actor.display if actor else ""


NO_ASK_KEPT = (
    "No ask is kept: keep a row or add the letter's asks, or store the letter without asks "
    "(its asks can be linked from its page later)."
)


def kept(rows: list[dict]) -> list[int]:
    """The numbers (1-based, as the table shows them) of the rows Accept would store."""
    return [n for n, row in enumerate(rows, start=1) if row.get("keep", True) and not _blank(row)]


def unowned(rows: list[dict]) -> list[int]:
    """The numbers (1-based, as the table shows them) of the kept rows that would be new asks
    with no owner: what the page warns about before Accept."""
    return [
        number
        for number, row in enumerate(rows, start=1)
        if row.get("keep", True)
        and not _blank(row)
        and _ask_id(row.get("same_as")) is None
        and not _text(row.get("owner"))
    ]


NEW_ASK_NEEDS = ("target", "theme", "country")  # what records.ask_row requires besides a title


def lacking(rows: list[dict]) -> list[tuple[int, list[str]]]:
    """The kept rows that would be new asks without a target, theme or country, each with what
    it lacks: said before Accept refuses them (a repeated ask keeps its own)."""
    gaps = []
    for number, row in enumerate(rows, start=1):
        if not row.get("keep", True) or _blank(row) or _ask_id(row.get("same_as")) is not None:
            continue
        missing = [name for name in NEW_ASK_NEEDS if not _text(row.get(name))]
        if missing:
            gaps.append((number, missing))
    return gaps


def draft_letter_fields(draft) -> dict:
    """A draft's letter details as add_letter's fields."""
    return {
        "title": draft.title,
        "date_sent": draft.date,
        "author_org": draft.author_org,
        "cosigners": list(draft.cosigners),
        "recipient_person": draft.recipient_person,
        "recipient_office": draft.recipient_office,
        "url": draft.url,
        "full_text": draft.full_text,
    }
