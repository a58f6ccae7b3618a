"""Bringing an existing tracker in from a spreadsheet: the column and status mapping, the dry
run (every problem with its sheet, row and column), and the all-or-nothing load.

Two shapes are read: the tracker's own export (``tracker/export.py``, sheets tied by IDs), and
a sheet as an NGO keeps it (a row per ask with a status column, or a column per status date;
often a tab per year). Headers and statuses are matched by name and English or Spanish synonym;
both mappings can be edited. Every row imported is filed in ``import_keys`` under its ID (an
ask without one, its title), so importing the same file again adds nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter
from sqlite_utils import Database

from tracker import audit
from tracker.auth import check_role, require
from tracker.counting import how_many
from tracker.dates import now_timestamp, today
from tracker.errors import TrackerError, ValidationError
from tracker.export import ABOUT_SHEET, AUDIT_TABLE, IMPORTED_TABLES, TABLES, Progress
from tracker.history import current_status_of
from tracker.indicators import date_taken, observation_on
from tracker.migrations import website_sql
from tracker.records import check_url
from tracker.spans import refresh_spans
from tracker.spreadsheet import Sheet, Workbook, header_date, normalise, read_date, read_file
from tracker.users import check_email, check_name
from tracker.vocabulary import TRACKS, UNRECORDED, statuses

KINDS = tuple(t.name for t in IMPORTED_TABLES)
KIND_LABELS = {t.name: t.title for t in IMPORTED_TABLES}
SPREADSHEET_SCOPE = "spreadsheet"
DATED_STATUS = "dated_status"
HEADER_SEARCH_ROWS = 15
MAX_PROBLEMS = 5000  # listed; more are counted
INSERT_CHUNK = 20_000  # rows per insert statement: the progress bar moves between them
# the order the rows go in (a table after those it refers to), the tables whose rows have ids
# (filed in import_keys), and each table's references: column -> the table it names
LOAD_ORDER = (
    "letters", "asks", "indicators", "letter_asks", "indicator_asks", "status_updates",
    "observations", "users",
)  # fmt: skip
KEYED = ("letters", "asks", "indicators", "status_updates", "observations")
REFERENCES = {
    "letter_asks": {"letter_id": "letters", "ask_id": "asks"},
    "indicator_asks": {"indicator_id": "indicators", "ask_id": "asks"},
    "status_updates": {"ask_id": "asks", "supersedes_id": "status_updates"},
    "observations": {"indicator_id": "indicators"},
}
PLAIN_URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z")

# fields an asks sheet kept by hand may also hold: its status entries
ENTRY_FIELDS = {
    "status": "Status",
    "effective_date": "Status date",
    "track": "Track",
    "note": "Note",
    "evidence_url": "Evidence URL",
    "visibility": "Visibility",
    "recorded_by": "Recorded by",
    DATED_STATUS: "Status on the date in the header",
    "letter": "Letter",
    "letter_date": "Letter date",
}
# the header and value synonyms: data, so that adding a word touches no code
WORDS = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "import_words.json").read_text("utf-8")
)
SYNONYMS: dict[str, dict[str, list[str]]] = WORDS["fields"]
STATUS_SYNONYMS: dict[str, list[str]] = WORDS["statuses"]
VISIBILITY_WORDS: dict[str, list[str]] = WORDS["visibility"]
PRIORITY_WORDS: dict[str, list[str]] = WORDS["priority"]
DIRECTION_WORDS: dict[str, list[str]] = WORDS["direction"]
TRACK_WORDS: dict[str, list[str]] = {track: [] for track in TRACKS}
KIND_WORDS: dict[str, list[str]] = {"change": [], "verification": [], "correction": []}


def held_back(problems: int) -> str:
    """A dry run's headline when rows are refused: nothing is imported until every problem is
    fixed (the verb agrees with the count)."""
    it = "it is" if problems == 1 else "they are"
    return f"{how_many(problems, 'problem')}: nothing will be imported until {it} fixed"


def _field_synonyms() -> dict[str, dict[str, str]]:
    """normalised header -> field, per kind: each column's own name and label, then the
    synonyms above."""
    table = {}
    for t in IMPORTED_TABLES:
        words: dict[str, str] = {}
        for column in t.columns:
            words.setdefault(normalise(column.name), column.name)
            words.setdefault(normalise(column.label), column.name)
        if t.name == "asks":
            for name, label in ENTRY_FIELDS.items():
                words.setdefault(normalise(label), name)
        for name, synonyms in SYNONYMS.get(t.name, {}).items():
            for word in synonyms:
                words.setdefault(word, name)
        table[t.name] = words
    return table


FIELD_WORDS = _field_synonyms()


def field_labels(kind: str) -> dict[str, str]:
    """The fields a sheet of ``kind`` can fill, as {field: label} (for the mapping editor)."""
    table = next(t for t in IMPORTED_TABLES if t.name == kind)
    labels = {c.name: c.label for c in table.columns}
    if kind == "asks":
        labels.update(ENTRY_FIELDS)
    return labels


# --- the mapping ----------------------------------------------------------------------------


@dataclass
class SheetMapping:
    """How one sheet is read: as which kind ("" = left out), which row holds the headers, and
    which field each column fills (by column number; "" = not imported)."""

    sheet: str
    kind: str
    header_row: int
    headers: dict[int, str]
    fields: dict[int, str]

    def column_name(self, number: int) -> str:
        header = self.headers.get(number, "")
        letter = get_column_letter(number)  # 1 -> A, 27 -> AA, as the spreadsheet names it
        return f"{letter} ({header})" if header else letter


@dataclass
class Mapping:
    sheets: list[SheetMapping]
    statuses: dict[str, str]  # normalised sheet word -> status code ("" = not mapped yet)
    status_words: dict[str, tuple[str, int]]  # normalised word -> (as first written, rows)
    defaults: dict[str, str] = field(default_factory=dict)
    day_first: bool = True
    scope: str = SPREADSHEET_SCOPE

    def unmapped_statuses(self) -> list[str]:
        return [self.status_words[w][0] for w, code in self.statuses.items() if not code]


def _header_text(value: object) -> str:
    """A header as text: a date header as its date (without a datetime's time)."""
    return read_date(value).isoformat() if isinstance(value, dt.date) else _text(value)


def guess_field(kind: str, header: object) -> str:
    """The field a column header names, by name or synonym ("" when none does)."""
    words = FIELD_WORDS.get(kind, {})
    text = normalise(header)
    if text in words:
        return words[text]
    raw = _header_text(header)
    for separator in ("/", "(", "|", " - ", ":"):
        if separator in raw:
            for part in raw.replace(")", "").split(separator):
                if normalise(part) in words:
                    return words[normalise(part)]
    if kind == "asks" and header_date(header, today()):
        return DATED_STATUS
    return ""


def _sheet_kind(sheet: Sheet) -> str | None:
    """The kind a sheet's name says (the export's sheet names and titles), None if it names
    none, "" for sheets never imported."""
    name = normalise(sheet.name)
    for table in TABLES:
        if name in (normalise(table.name), normalise(table.title)):
            return table.name if table.imported else ""
    if name in ("read me", "readme", "about", "audit log", "instructions", "instrucciones"):
        return ""
    return None


def _columns(kind: str, values: list) -> dict[int, str]:
    fields: dict[int, str] = {}
    taken: set[str] = set()
    for number, value in enumerate(values, start=1):
        guessed = guess_field(kind, value)
        if guessed and guessed != DATED_STATUS and guessed in taken:
            guessed = ""
        taken.add(guessed)
        fields[number] = guessed
    return fields


def _guess_sheet(sheet: Sheet) -> SheetMapping:
    """A sheet's kind (its name's, else asks when a column names an ask's title) and header
    row (the export's first, else the one of the first few that names the most fields)."""
    named = _sheet_kind(sheet)
    if named == "" or not sheet.rows:
        return sheet_mapping(sheet, "", sheet.rows[0][0] if sheet.rows else 1)
    kind = named or "asks"
    best: tuple[int, int, set] = (-1, 0, set())
    for number, values in sheet.rows[: 1 if named else HEADER_SEARCH_ROWS]:
        found = {f for f in _columns(kind, values).values() if f}
        score = len(found) + (5 if "title" in found or named else 0)
        if score >= best[0]:
            best = (score, number, found)
    _, number, found = best
    return sheet_mapping(sheet, kind if named or "title" in found else "", number)


def sheet_mapping(sheet: Sheet, kind: str, header_row: int) -> SheetMapping:
    """Read ``sheet`` as ``kind`` with its headers on ``header_row`` (the person's choice on
    the mapping page), each column guessed again from its header."""
    values = next((v for n, v in sheet.rows if n == header_row), [])
    headers = {n: _header_text(v) for n, v in enumerate(values, start=1)}
    return SheetMapping(
        sheet.name, kind, header_row, headers, _columns(kind, values) if kind else {}
    )


def _status_guesses(db: Database) -> dict[str, str]:
    vocabulary = statuses(db)
    words = {
        normalise(word): code
        for code, label in zip(vocabulary["code"], vocabulary["label"], strict=True)
        for word in (code, label)
    }
    for code, synonyms in STATUS_SYNONYMS.items():
        if code in words.values():
            for word in synonyms:
                words.setdefault(word, code)
    return words


def _status_words(book: Workbook, sheets: list[SheetMapping]) -> dict[str, tuple[str, int]]:
    """normalised word -> (as first written, rows) of every status cell."""
    words: dict[str, tuple[str, int]] = {}
    by_name = {s.name: s for s in book.sheets}
    for mapping in sheets:
        columns = [n - 1 for n, f in mapping.fields.items() if f in ("status", DATED_STATUS)]
        if not mapping.kind or not columns:
            continue
        for number, values in by_name[mapping.sheet].rows:
            if number <= mapping.header_row:
                continue
            for text in (_text(values[i]) for i in columns if i < len(values)):
                if text:
                    shown, count = words.get(normalise(text), (text, 0))
                    words[normalise(text)] = (shown, count + 1)
    return words


def guess_mapping(db: Database, book: Workbook) -> Mapping:
    """The mapping the tracker proposes for ``book``: each sheet's kind, header row and
    columns, and each status word found in it."""
    mapping = Mapping([_guess_sheet(sheet) for sheet in book.sheets], {}, {}, scope=_scope(book))
    refresh_statuses(db, book, mapping)
    return mapping


def refresh_statuses(db: Database, book: Workbook, mapping: Mapping) -> None:
    """Re-collect the status words after the columns changed, keeping choices already made."""
    guesses = _status_guesses(db)
    mapping.status_words = _status_words(book, mapping.sheets)
    mapping.statuses = {
        key: mapping.statuses.get(key) or guesses.get(key, "") for key in mapping.status_words
    }


def _scope(book: Workbook) -> str:
    """A tracker export's keys are its database's ids: they are filed under its identity.
    Anything else shares one scope (an ask's ID in your sheets names it in every file)."""
    for sheet in book.sheets:
        if normalise(sheet.name) == ABOUT_SHEET:
            facts = {normalise(r[0]): r[1] for _, r in sheet.rows if len(r) >= 2}
            identity = _text(facts.get("database identity"))
            if identity:
                return f"tracker:{identity}"
    return SPREADSHEET_SCOPE


# --- the plan (the dry run) -----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str


@dataclass
class Plan:
    """What an import would do: the problems that stop it, and the rows it would add."""

    file_name: str
    sha256: str
    problems: list[Problem]
    problem_count: int
    notes: list[str]
    adds: dict[str, int]
    matched: dict[str, int]
    rows: dict[str, list[dict]] = field(default_factory=dict, repr=False)
    mapping: Mapping | None = field(default=None, repr=False)  # how the file was read

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def nothing_to_add(self) -> bool:
        return not any(self.adds.values())

    @property
    def unowned(self) -> int:
        """How many of the new asks have no owner: no review queue would ever show them."""
        return sum(1 for ask in self.rows.get("asks", []) if not ask.get("owner"))


def unowned_sentence(count: int, *, done: bool) -> str:
    """What a count of new asks with no owner means, said before an import and after it (the
    import page and ``tracker import`` alike)."""
    has, them, are = ("has", "it", "is") if count == 1 else ("have", "they", "are")
    if done:
        return f"{how_many(count, 'new ask')} {has} no owner, so {them} {are} in no review queue."
    return (
        f"{how_many(count, 'new ask')} {has} no owner: {them} will not appear in anyone's "
        "review queue. Give an Owner for every new ask without one, or map a column to "
        "Owner; or import as it is."
    )


def _cell(record: dict, name: str) -> str:
    """The text of a row's ``name`` field ("" when the field is not mapped or empty)."""
    return _text(record.get(name, (None,))[0])


def _text(value: object) -> str:
    """A cell as text: "" for an empty cell, 12 for 12.0, dates in ISO form."""
    if type(value) is str:  # nearly every cell: first, and cheap
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    return str(value).strip()


class _Builder:
    """Reads every mapped row, checks it, and resolves keys to rows new or already there."""

    def __init__(self, db: Database, book: Workbook, mapping: Mapping, by: str):
        self.db = db
        self.book = book
        self.mapping = mapping
        self.by = by
        self.today = today()
        self.problems: list[Problem] = []
        self.problem_count = 0
        self.notes: list[str] = []
        self.today_iso = self.today.isoformat()
        self._dates: dict[str, str] = {}
        self._words: dict[tuple, object] = {}
        self.now = now_timestamp()
        identity = db.conn.execute("SELECT identity FROM data_version").fetchone()[0]
        self.own = mapping.scope == f"tracker:{identity}"
        known = list(statuses(db)[["track", "code", "label"]].itertuples(index=False, name=None))
        self.vocabulary = {code: track for track, code, _ in known}
        self.labels = {(track, normalise(label)): code for track, code, label in known}
        self.new: dict[str, list[dict]] = {kind: [] for kind in KINDS}  # the rows to add
        self.matched: Counter = Counter()  # rows already in the tracker, per kind
        self.seen: dict[str, dict[str, int]] = defaultdict(dict)  # kind -> ID -> its row
        self.file_keys: dict[str, dict[str, object]] = defaultdict(dict)  # entity -> key -> ref
        self.existing_cache: dict[str, dict[str, int]] = {}
        self.unmapped: set[tuple[str, str]] = set()  # (sheet, field) already reported
        self.given_entries: list[dict] = []  # from status update sheets
        self.free_entries: list[dict] = []  # from asks sheets kept by hand
        self.linked: set[tuple] = set()  # (kind, (left ref, ask ref)) of links planned
        self.first_dates: dict[int, str] = {}  # new ask's index -> its earliest letter's date
        letters = db.conn.execute("SELECT id, title, date_sent FROM letters")
        self.letters_here = {(normalise(title), date): i for i, title, date in letters}

    # problems
    def problem(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(sheet, row, column, message))

    def repeat(self, entity: str, key: str, where, column, noun: str) -> bool:
        """Whether ``key``'s row is no new row: its ID already used in this sheet (a problem),
        or a row the tracker holds (matched, and filed for the rows that refer to it)."""
        seen = self.seen[entity]
        if key in seen:
            self.problem(
                *where,
                column,
                f"ID {key} is used twice in this sheet (rows {seen[key]} and {where[1]}): give "
                f"each {noun} its own ID.",
            )
            return True
        seen[key] = where[1]
        return self.known(entity, key)

    def known(self, entity: str, key: str) -> bool:
        """Whether the tracker already holds the row ``key`` names (then counted as matched)."""
        if key not in self.existing(entity):
            return False
        self.file_keys[entity][key] = ("old", self.existing(entity)[key])
        self.matched[entity] += 1
        return True

    def add(self, entity: str, row: dict) -> tuple[str, int]:
        """A new row, filed under its key for the rows that refer to it; its reference."""
        self.file_keys[entity][row["_key"]] = ("new", len(self.new[entity]))
        self.new[entity].append(row)
        return self.file_keys[entity][row["_key"]]

    # keys already in the tracker
    def existing(self, entity: str) -> dict[str, int]:
        if entity not in self.existing_cache:
            found = dict(
                self.db.conn.execute(
                    "SELECT key, row_id FROM import_keys WHERE scope = ? AND entity = ?",
                    (self.mapping.scope, entity),
                )
            )
            if self.own and entity not in ("letter_asks", "indicator_asks"):
                found |= {str(i): i for (i,) in self.db.conn.execute(f"SELECT id FROM {entity}")}
            self.existing_cache[entity] = found
        return self.existing_cache[entity]

    def records(self, kind: str):
        """(sheet mapping, (sheet name, row number), {field: (value, column name)}, the wide
        sheet's dated statuses) for each data row: where a problem is filed, then what."""
        sheets = {s.name: s for s in self.book.sheets}
        for mapping in self.mapping.sheets:
            if mapping.kind != kind:
                continue
            sheet = sheets[mapping.sheet]
            for row, column, formula in sheet.formulas:
                if row > mapping.header_row:
                    self.problem(
                        sheet.name,
                        row,
                        mapping.column_name(column),
                        f"the cell holds a formula ({formula[:60]}): the tracker reads values "
                        "only. Replace it with its value (copy, then paste values) and import "
                        "again.",
                    )
            dated = [
                (n - 1, mapping.column_name(n), mapping.headers.get(n, ""))
                for n, f in mapping.fields.items()
                if f == DATED_STATUS
            ]
            named = [
                (n - 1, f, mapping.column_name(n))
                for n, f in mapping.fields.items()
                if f and f != DATED_STATUS
            ]
            for number, values in sheet.rows:
                if number <= mapping.header_row:
                    continue
                size = len(values)
                record = {name: (values[i], label) for i, name, label in named if i < size}
                wide = [
                    (values[i], label, header)
                    for i, label, header in dated
                    if i < size and _text(values[i])
                ]
                if not wide and all(v is None or v == "" for v, _ in record.values()):
                    continue
                yield mapping, (mapping.sheet, number), record, wide

    # value checks: each returns None and files a problem when the value is wrong
    def date(self, where, record, name, *, required=True, future=False):
        value, column = record.get(name, (None, None))
        if not _text(value):
            if required:
                self.problem(*where, column, f"{_field(name)} is empty: give a date (YYYY-MM-DD).")
            return None
        parsed = self._dates.get(value) if type(value) is str else None
        if parsed is None:  # the same few thousand dates, row after row: each parsed once
            try:
                parsed = read_date(value, day_first=self.mapping.day_first).isoformat()
            except ValueError as error:
                self.problem(*where, column, f"'{_text(value)}' {error}.")
                return None
            if type(value) is str:
                self._dates[value] = parsed
        if not future and parsed > self.today_iso:
            self.problem(*where, column, f"{parsed} is in the future: record what has happened.")
            return None
        return parsed

    def required(self, where, record, name, default: str = ""):
        value, column = record.get(name, (None, None))
        text = _text(value) or default
        if not text:
            self.problem(*where, column, f"{_field(name)} is empty.")
            return None
        return text

    def url(self, where, record, name):
        value, column = record.get(name, (None, None))
        text = _text(value)
        if not text:
            return None
        if PLAIN_URL.match(text):  # what check_url accepts, without parsing every link
            return text
        try:
            return check_url(text, _field(name))
        except ValidationError as error:
            self.problem(*where, column, error.message)
            return None

    def word(self, where, record, name, words: dict[str, list[str]], default):
        value, column = record.get(name, (None, None))
        memo = (name, value, default)
        if memo not in self._words:  # the same few words, row after row
            text = normalise(_text(value))
            lookup = {w: v for v, synonyms in words.items() for w in (*synonyms, v)}
            self._words[memo] = lookup.get(text, _UNKNOWN) if text else default
        found = self._words[memo]
        if found is _UNKNOWN:
            self.problem(
                *where,
                column,
                f"{_field(name)} '{_text(value)}' is not one of {', '.join(words)}.",
            )
            return None
        return found

    def number(self, where, record, name, *, required=False):
        value, column = record.get(name, (None, None))
        text = _text(value)
        if not text:
            if required:
                self.problem(*where, column, f"{_field(name)} is empty: give a number.")
            return None
        try:
            number = float(text.replace(",", "")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            self.problem(*where, column, f"{_field(name)} '{text}' is not a number.")
            return None
        if math.isnan(number) or math.isinf(number):
            self.problem(*where, column, f"{_field(name)} '{text}' is not a finite number.")
            return None
        return number

    def status(self, where, column, value, track_given: str | None):
        """(track, code) for a status word, or (None, None) and a problem."""
        text = _text(value)
        key = normalise(text)
        code = self.mapping.statuses.get(key, "")
        if not code and track_given:
            code = self.labels.get((track_given, key), "")
        track = self.vocabulary.get(code)
        if not code:
            problem = (
                f"unknown status '{text}': map it to a status of the vocabulary in the status "
                "mapping."
            )
        elif track is None:
            problem = f"the status mapping names '{code}', which is unknown."
        elif track_given and track_given != track:
            problem = f"status '{text}' belongs to the {track} track, not {track_given}."
        else:
            return track, code
        self.problem(*where, column, problem)
        return None, None

    def lookup(self, entity: str, key: str):
        """The row a key names, ("new", index) or ("old", id); None when there is none."""
        ref = self.file_keys[entity].get(key)
        if ref is None and key in self.existing(entity):
            ref = ("old", self.existing(entity)[key])
        return ref

    @staticmethod
    def key(record, name, fallback: str | None = None):
        """A row's key (its ID, else ``fallback``) and the column it is in."""
        value, column = record.get(name, (None, None))
        return (_text(value) or fallback), column

    def resolve(self, entity: str, key: str, where, column, what: str):
        """The row a key names: ("new", index) in this file, ("old", id) already there."""
        ref = self.lookup(entity, key)
        if ref is not None:
            return ref
        self.problem(
            *where,
            column,
            f"{what} '{key}' is neither in this file's {KIND_LABELS[entity].lower()} nor in "
            "the tracker.",
        )
        return None


_UNKNOWN = object()  # a word that is in none of a list's entries
FIELD_LABELS = {c.name: c.label for t in IMPORTED_TABLES for c in t.columns} | ENTRY_FIELDS


def _field(name: str) -> str:
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


def plan_import(db: Database, book: Workbook, mapping: Mapping, data: bytes | None = None) -> Plan:
    """The dry run: check every mapped row and work out what would be added, writing
    nothing. ``data`` (the file's bytes) gives the plan the file's fingerprint."""
    actor = require("record")
    b = _Builder(db, book, mapping, actor.email)
    for mapping_ in mapping.sheets:
        named = normalise(mapping_.sheet)
        if mapping_.kind or named in (ABOUT_SHEET, "read me", "audit log"):
            continue
        elif any(s.name == mapping_.sheet and s.rows for s in book.sheets):
            b.notes.append(f"Sheet '{mapping_.sheet}' is left out.")
    _plan_letters(b)
    _plan_asks(b)
    _plan_links(b, "letter_asks", "letter_id", "letters", "letter")
    _plan_status_updates(b)
    _plan_indicators(b)
    _plan_links(b, "indicator_asks", "indicator_id", "indicators", "indicator")
    _plan_observations(b)
    _plan_users(b, actor)
    _entries(b)
    _finish_asks(b)
    _check_defaults(b)
    if not any(m.kind for m in mapping.sheets):
        b.problem(
            book.sheets[0].name,
            None,
            None,
            "no sheet is read: no column is named like an ask's title (Ask, Title, Demand, "
            "Recommendation...). Map the columns, or start from the template.",
        )
    return Plan(
        book.file_name,
        hashlib.sha256(data).hexdigest() if data is not None else "",
        b.problems,
        b.problem_count,
        b.notes,
        {kind: len(rows) for kind, rows in b.new.items()},
        dict(b.matched),
        rows=b.new,
        mapping=mapping,
    )


def _check_defaults(b: _Builder) -> None:
    for mapping in b.mapping.sheets:
        if mapping.kind != "asks":
            continue
        mapped = set(mapping.fields.values())
        if "status" in mapped and "effective_date" not in mapped and not _sheet_year(mapping):
            b.problem(
                mapping.sheet,
                None,
                None,
                "statuses need a date: map a column to Status date (or name the sheet after "
                "its year, e.g. 2023, to date them on its last day).",
            )


def _sheet_year(mapping: SheetMapping) -> str | None:
    found = header_date(mapping.sheet, today())
    return found.isoformat() if found else None


def _plan_letters(b: _Builder) -> None:
    for _, where, record, _ in b.records("letters"):
        title = b.required(where, record, "title")
        date_sent = b.date(where, record, "date_sent")
        key, column = b.key(record, "id", f"{title}|{date_sent}")
        if b.repeat("letters", key, where, column, "letter"):
            continue
        author = b.required(where, record, "author_org")
        url = b.url(where, record, "url")
        b.add("letters", _new_letter(b, key, title, date_sent, author, url, record))


def _new_letter(b: _Builder, key, title, date_sent, author, url=None, record=None) -> dict:
    """A new letter's row: what its Letters sheet row gives, else (a letter an asks sheet's
    Letter column names) its title, date and author alone."""
    record = record or {}
    cosigners = [c.strip() for c in _cell(record, "cosigners").split(";")]
    return {
        "_key": key,
        "title": title,
        "date_sent": date_sent,
        "author_org": author,
        "cosigners": json.dumps([c for c in cosigners if c], ensure_ascii=False),
        "recipient_person": _cell(record, "recipient_person") or None,
        "recipient_office": _cell(record, "recipient_office") or None,
        "url": url,
        "full_text": _cell(record, "full_text"),
        "summary": _cell(record, "summary"),
        "created_at": _timestamp(record.get("created_at"), b.now),
        "created_by": _cell(record, "created_by") or b.by,
    }


def _timestamp(cell, default: str) -> str:
    text = _text(cell[0]) if cell else ""
    if len(text) >= 19 and text[4] == "-" and text[10] in "T ":
        return text
    return default


def _plan_asks(b: _Builder) -> None:
    """Asks, and the status entries an asks sheet kept by hand holds. Rows naming the same ask
    (its ID, else its title) are one ask: a tab per year lists each ask again."""
    first: dict[str, tuple[str, int, str]] = {}  # key -> (sheet, row, title)
    defaults = b.mapping.defaults
    for sheet, where, record, wide in b.records("asks"):
        title_value, title_column = record.get("title", (None, None))
        title = _text(title_value)
        key, column = b.key(record, "id", f"title:{normalise(title)}")
        if key == "title:":
            b.problem(*where, title_column, "the ask has no title (and no ID).")
            continue
        if key in first:
            earlier = first[key]
            if title and earlier[2] and normalise(title) != normalise(earlier[2]):
                b.problem(
                    *where,
                    column,
                    f"ID {key} names two different asks: '{earlier[2]}' ({earlier[0]}, row "
                    f"{earlier[1]}) and '{title}': give each ask its own ID.",
                )
                continue
        else:
            first[key] = (*where, title)
            if not b.known("asks", key):
                fields = {}
                for name in ("title", "target", "theme", "country"):
                    if name in sheet.fields.values() or defaults.get(name):
                        fields[name] = b.required(where, record, name, defaults.get(name, ""))
                    elif (sheet.sheet, name) not in b.unmapped:
                        b.unmapped.add((sheet.sheet, name))
                        b.problem(
                            *where,
                            None,
                            f"no column is mapped to {_field(name)} and no default {name} is "
                            f"given: map a column, or give one {name} for every new ask.",
                        )
                priority = defaults.get("priority") or "medium"
                ask = {
                    "_key": key,
                    **fields,
                    "wording": _cell(record, "wording"),
                    "owner": _cell(record, "owner") or defaults.get("owner") or None,
                    "priority": b.word(where, record, "priority", PRIORITY_WORDS, priority),
                    "added_on": b.date(where, record, "added_on", required=False),
                    "created_at": _timestamp(record.get("created_at"), b.now),
                    "created_by": _cell(record, "created_by") or b.by,
                }
                b.add("asks", ask)
        ref = b.file_keys["asks"].get(key)
        if ref is None:
            continue
        _free_entries(b, sheet, where, record, wide, key, ref)
        letter, when = _letter_of(b, where, record)
        if letter is not None:
            _link(b, "letter_asks", "letter_id", (letter, ref), passage="")
            if ref[0] == "new":  # an ask was made no later than the letter that makes it
                b.first_dates[ref[1]] = min(b.first_dates.get(ref[1], when), when)


_TRAILING_DATE = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{1,2}\s+(?:de\s+)?[^\W\d]+\s+(?:de\s+)?\d{4}|[^\W\d]+\s+\d{1,2},?\s+\d{4})\)?\s*\Z"
)


def _title_and_date(text: str, day_first: bool) -> tuple[str, str | None]:
    """ "To the Minister, 3 March 2022" -> ("To the Minister", "2022-03-03"); a date alone ->
    ("", its date); a title alone -> (the title, None)."""
    found = _TRAILING_DATE.search(text)
    if found:
        try:
            when = read_date(found[1], day_first=day_first).isoformat()
        except ValueError:
            return text, None
        return text[: found.start()].rstrip(" ,;:(-\u2013"), when
    return text, None


def _letter_of(b: _Builder, where, record):
    """(the letter, its date) an asks sheet's Letter column names ("To the Minister, 3 March
    2022", or a title with a Letter date column): this file's, the tracker's, or a new one."""
    value, column = record.get("letter", (None, None))
    if _cell(record, "letter_date"):
        title, when = _text(value), b.date(where, record, "letter_date")
        if when is None:
            return None, None
    elif isinstance(value, dt.date | dt.datetime):  # a date cell (a number is a title)
        title, when = "", b.date(where, record, "letter")
        if when is None:
            return None, None
    elif _text(value):
        title, when = _title_and_date(_text(value), b.mapping.day_first)
    else:
        return None, None
    title = title or f"Letter of {when}"
    if not when:
        b.problem(
            *where,
            column,
            f"the letter '{title}' has no date: map a column to Letter date, or write its date "
            "after the title (e.g. 'To the Minister, 2024-03-01').",
        )
        return None, None
    if when > b.today_iso:
        b.problem(*where, column, f"{when} is in the future: record letters already sent.")
        return None, None
    key = f"{title}|{when}"
    ref = b.lookup("letters", key)
    if ref is None and (normalise(title), when) in b.letters_here:
        ref = ("old", b.letters_here[(normalise(title), when)])
    if ref is not None:
        return ref, when
    author = b.mapping.defaults.get("author_org", "")
    if not author and (where[0], "author_org") not in b.unmapped:
        b.unmapped.add((where[0], "author_org"))
        b.problem(
            *where,
            column,
            "no author is given for the new letters the Letter column names: give one "
            "(Letters' author), e.g. your organization.",
        )
    return b.add("letters", _new_letter(b, key, title, when, author)), when


def _link(b: _Builder, kind, left, refs, **extra) -> None:
    """A link of a letter (or indicator) to an ask, once, unless the tracker has it."""
    if (kind, refs) in b.linked:
        return
    b.linked.add((kind, refs))
    if all(r[0] == "old" for r in refs):
        exists = b.db.conn.execute(
            f"SELECT 1 FROM {kind} WHERE {left} = ? AND ask_id = ?", (refs[0][1], refs[1][1])
        ).fetchone()
        if exists:
            b.matched[kind] += 1
            return
    b.new[kind].append({"_refs": {left: refs[0], "ask_id": refs[1]}, **extra})


def _free_entries(b: _Builder, sheet, where, record, wide, ask_key, ref) -> None:
    track_given = b.word(where, record, "track", TRACK_WORDS, None)
    note = _cell(record, "note")
    common = {
        "evidence_url": b.url(where, record, "evidence_url"),
        "visibility": b.word(where, record, "visibility", VISIBILITY_WORDS, "internal"),
        "recorded_by": _cell(record, "recorded_by") or b.by,
        "recorded_at": b.now,
    }
    found = []
    status_value, status_column = record.get("status", (None, None))
    if _text(status_value):
        track, code = b.status(where, status_column, status_value, track_given)
        # undated, on a tab named for its year: the year's last day
        year = None if _cell(record, "effective_date") else _sheet_year(sheet)
        when = year or b.date(where, record, "effective_date")
        found.append((track, code, when, note))
    for value, column, header in wide:
        track, code = b.status(where, column, value, track_given)
        when = header_date(header, b.today)
        found.append((track, code, when.isoformat() if when else None, ""))
    if wide and note and found:
        last = max(range(len(found)), key=lambda n: found[n][2] or "")
        found[last] = (*found[last][:3], note)
    here = {"_ask": ref, "_ask_key": ask_key, "_where": where}
    b.free_entries += [
        {**here, "track": track, "status": code, "effective_date": when, "note": text, **common}
        for track, code, when, text in found
        if code and when
    ]


def _plan_links(b: _Builder, kind, left, left_entity, what) -> None:
    for _, where, record, _ in b.records(kind):
        refs = []
        for name, entity, label in ((left, left_entity, what), ("ask_id", "asks", "ask")):
            key, column = b.key(record, name)
            if not key:
                b.problem(*where, column, f"{_field(name)} is empty.")
                refs.append(None)
                continue
            refs.append(b.resolve(entity, key, where, column, f"{label.capitalize()} ID"))
        if None in refs:
            continue
        extra = {}
        if kind == "letter_asks":
            extra["passage"] = _cell(record, "passage")
        _link(b, kind, left, tuple(refs), **extra)


def _plan_status_updates(b: _Builder) -> None:
    given: list[dict] = []
    for _, where, record, _ in b.records("status_updates"):
        key, key_column = b.key(record, "id")
        ask_key, ask_column = b.key(record, "ask_id")
        if not ask_key:
            b.problem(*where, ask_column, "Ask ID is empty: say which ask this update is for.")
            continue
        ask = b.resolve("asks", ask_key, where, ask_column, "Ask ID")
        track_given = b.word(where, record, "track", TRACK_WORDS, None)
        status_value, status_column = record.get("status", (None, None))
        if not _text(status_value):
            b.problem(*where, status_column, "Status is empty.")
            continue
        track, code = b.status(where, status_column, status_value, track_given)
        when = b.date(where, record, "effective_date")
        entry = {
            "_ask": ask,
            "_ask_key": ask_key,
            "_where": where,
            "_key": key or None,
            "track": track,
            "status": code,
            "effective_date": when,
            "recorded_at": _timestamp(record.get("recorded_at"), b.now),
            "note": _cell(record, "note"),
            "evidence_url": b.url(where, record, "evidence_url"),
            "visibility": b.word(where, record, "visibility", VISIBILITY_WORDS, "internal"),
            "recorded_by": _cell(record, "recorded_by") or b.by,
            "kind": b.word(where, record, "kind", KIND_WORDS, None),
            "_supersedes": _cell(record, "supersedes_id") or None,
            "_supersedes_column": record.get("supersedes_id", (None, None))[1],
        }
        if key and b.repeat("status_updates", key, where, key_column, "update"):
            continue
        if None in (ask, track, code, when):
            continue
        given.append(entry)
    b.given_entries = sorted(given, key=lambda e: (_numeric(e["_key"]), e["_where"]))


def _numeric(key: str | None) -> tuple:
    if key is None:
        return (1, 0, "")
    return (0, int(key), "") if key.isdigit() else (0, math.inf, key)


def _entries(b: _Builder) -> None:
    """Every new status entry, in insertion order, with its key, kind and note."""
    existing, filed = b.existing("status_updates"), b.file_keys["status_updates"]
    free = sorted(
        b.free_entries,
        key=lambda e: (e["_ask_key"], e["track"], e["effective_date"], e["_where"]),
    )
    for given, entry in [(True, e) for e in b.given_entries] + [(False, e) for e in free]:
        key = entry["_key"] = entry.get("_key") or _entry_key(entry)
        if key in filed and not given:
            continue  # the same entry twice in the file (a row copied to two tabs)
        if key in filed or key in existing:
            b.matched["status_updates"] += 1
            continue
        b.add("status_updates", entry)
    _kinds(b, b.new["status_updates"])


def _entry_key(entry: dict) -> str:
    """A hand-kept entry has no ID: its ask, track, date, status and note are its key."""
    fields = [entry[name] for name in ("_ask_key", "track", "effective_date", "status")]
    return "|".join([*fields, normalise(entry["note"])])


def _kinds(b: _Builder, entries: list[dict]) -> None:
    """Corrections resolved to the entry they correct; otherwise a repeat of the status in
    force is a verification, anything else a change. Empty notes say where they came from."""
    previous: dict[tuple, str | None] = {}
    for entry in entries:
        sheet, row = entry["_where"]
        if not entry["note"]:
            entry["note"] = f"Imported from {b.book.file_name} ({sheet}, row {row})."
        given, column = entry.get("_supersedes"), entry.get("_supersedes_column")
        ref = given and b.resolve("status_updates", given, (sheet, row), column, "Corrects ID")
        entry["_refs"] = {"ask_id": entry["_ask"], "supersedes_id": ref or None}
        if given:
            entry["kind"] = "correction"
            continue
        if entry.get("kind") in ("change", "verification"):
            continue
        if entry.get("kind") == "correction":
            b.problem(sheet, row, None, "a correction needs Corrects ID: the update it corrects.")
            continue
        slot = (entry["_ask"], entry["track"])
        if slot not in previous:
            if entry["_ask"][0] == "old":
                previous[slot] = current_status_of(
                    b.db, entry["_ask"][1], entry["track"], entry["effective_date"]
                )
            else:
                previous[slot] = UNRECORDED[entry["track"]]
        entry["kind"] = "verification" if previous[slot] == entry["status"] else "change"
        previous[slot] = entry["status"]


def _plan_indicators(b: _Builder) -> None:
    for _, where, record, _ in b.records("indicators"):
        name = b.required(where, record, "name")
        key, column = b.key(record, "id", f"name:{normalise(name)}")
        if b.repeat("indicators", key, where, column, "indicator"):
            continue
        item = {
            "_key": key,
            "name": name,
            "unit": _cell(record, "unit"),
            "description": _cell(record, "description"),
            "direction": b.word(where, record, "direction", DIRECTION_WORDS, None),
            "baseline_value": b.number(where, record, "baseline_value"),
            "baseline_date": b.date(where, record, "baseline_date", required=False),
            "target_value": b.number(where, record, "target_value"),
            "target_date": b.date(where, record, "target_date", required=False, future=True),
            "source": b.url(where, record, "source"),
            "created_at": _timestamp(record.get("created_at"), b.now),
        }
        if item["direction"] is None and "direction" not in record:
            b.problem(*where, None, "Direction is missing: say whether higher or lower is better.")
        if (item["baseline_value"] is None) != (item["baseline_date"] is None):
            b.problem(*where, None, "a baseline needs both a value and a date.")
        if item["target_value"] is not None and item["target_date"] is None:
            b.problem(*where, None, "a target needs a date by which to reach it.")
        b.add("indicators", item)


def _plan_observations(b: _Builder) -> None:
    """Each row a new value, unless matched; one value per indicator and date, as
    records.record_observation has it: a date with a value in the tracker or an earlier row
    is a problem of this row."""
    dated: dict[tuple, int] = {}  # (indicator, date) -> the row that gives it a value
    for _, where, record, _ in b.records("observations"):
        indicator_key, column = b.key(record, "indicator_id")
        if not indicator_key:
            b.problem(*where, column, "Indicator ID is empty.")
            continue
        indicator = b.resolve("indicators", indicator_key, where, column, "Indicator ID")
        when = b.date(where, record, "date")
        value = b.number(where, record, "value", required=True)
        key, key_column = b.key(record, "id", f"{indicator_key}|{when}|{value}")
        if b.repeat("observations", key, where, key_column, "observation"):
            continue
        if indicator is None or when is None or value is None:
            continue
        there = observation_on(b.db, indicator[1], when) if indicator[0] == "old" else None
        earlier = dated.setdefault((indicator, when), where[1])
        if there is not None or earlier != where[1]:
            date_column = record.get("date", (None, None))[1]
            b.problem(
                *where,
                date_column,
                date_taken(there)
                if there is not None
                else f"row {earlier} already gives {when} a value of this indicator, which holds "
                "one value per date: keep one of the two rows.",
            )
            continue
        b.add(
            "observations",
            {
                "_key": key,
                "_refs": {"indicator_id": indicator},
                "date": when,
                "value": value,
                "source_url": b.url(where, record, "source_url"),
                "note": _cell(record, "note"),
                "recorded_by": _cell(record, "recorded_by") or b.by,
                "recorded_at": _timestamp(record.get("recorded_at"), b.now),
            },
        )


def _plan_users(b: _Builder, actor) -> None:
    """People, without passwords (single sign-on, or one set on the Users page), imported by
    an administrator only; an import never changes a role: a different one is a problem."""
    records = list(b.records("users"))
    if records and not actor.can("manage_users"):
        b.notes.append(
            f"Sheet '{records[0][0].sheet}' (users) is left out: only an administrator "
            "imports people."
        )
        return
    present = dict(b.db.conn.execute("SELECT lower(email), role FROM users"))
    seen: dict[str, int] = {}
    for _, where, record, _ in records:
        value, column = record.get("email", (None, None))
        try:
            email = check_email(_text(value))
            role = check_role(normalise(_cell(record, "role")))
            name = check_name(_cell(record, "name"))
        except ValidationError as error:
            label = {"email": column, "role": record.get("role", (None, None))[1]}
            message = error.message[:1].upper() + error.message[1:]
            b.problem(*where, label.get(error.field, column), message)
            continue
        if email in seen:
            b.problem(
                *where, column, f"{email} is listed twice (rows {seen[email]} and {where[1]})."
            )
            continue
        seen[email] = where[1]
        if email in present:
            if present[email] != role:
                b.problem(
                    *where,
                    record["role"][1],
                    f"{email} is already a user here, with the role {present[email]}; the file "
                    f"says {role}. An import never changes a role: change it on the Users page "
                    f"or make the file say {present[email]}, then import again.",
                )
            b.matched["users"] += 1
            continue
        b.new["users"].append(
            {
                "email": email,
                "name": name,
                "role": role,
                "password_hash": None,
                "created_at": _timestamp(record.get("created_at"), b.now),
                "created_by": b.by,
            }
        )


def _finish_asks(b: _Builder) -> None:
    """An ask without an "added on" date was made no later than its first entry."""
    first_date: dict[int, str] = dict(b.first_dates)
    for entry in b.new["status_updates"]:
        kind, index = entry["_ask"]
        if kind == "new":
            date = entry["effective_date"]
            first_date[index] = min(first_date.get(index, date), date)
    for index, ask in enumerate(b.new["asks"]):
        if not ask["added_on"]:
            ask["added_on"] = first_date.get(index) or b.today.isoformat()


# --- the load -------------------------------------------------------------------------------


class ImportProblems(TrackerError):
    """The file has problems: nothing was imported."""

    def __init__(self, plan: Plan):
        super().__init__(
            f"Nothing was imported: '{plan.file_name}' has "
            f"{how_many(plan.problem_count, 'problem')}. The first: "
            f"{problem_line(plan.problems[0])} A dry run lists them all.",
            "file",
        )
        self.plan = plan


def _table_ids(db: Database, table: str, rows: list[dict], preserve: bool) -> list[int]:
    """The ids the new rows get: their own (the file's IDs) when the file is a tracker export
    and none is taken, else the next free ones, in order."""
    if preserve and rows and all(str(r["_key"]).isdigit() for r in rows):
        wanted = [int(r["_key"]) for r in rows]
        taken = db.conn.execute(
            f"SELECT 1 FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(wanted)],
        ).fetchone()
        if not taken and len(set(wanted)) == len(wanted):
            return wanted
    top = db.conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
    return list(range(top + 1, top + 1 + len(rows)))


def _bulk_triggers(db: Database, table: str) -> dict[str, str]:
    """The per-row AFTER INSERT triggers of ``table`` that a bulk insert sets aside, each with
    the one statement that does their work for every new row (``:ids``, a JSON list)."""
    new_rows = f"FROM {table} WHERE rowid IN (SELECT value FROM json_each(:ids))"
    url, public = {
        "status_updates": ("evidence_url", "visibility = 'public'"),
        "observations": ("source_url", "1"),
    }.get(table, (None, None))
    work = {f"{table}_bump_version_insert": "UPDATE data_version SET version = version + 1"}
    fields = ", ".join(f'"{r[1]}"' for r in db.conn.execute(f"PRAGMA table_info({table}_fts)"))
    if fields:  # sqlite-utils' full-text trigger
        work[f"{table}_ai"] = (
            f"INSERT INTO {table}_fts (rowid, {fields}) SELECT rowid, {fields} {new_rows}"
        )
    if url:
        work[f"evidence_websites_{table}_insert"] = f"""
            INSERT INTO evidence_websites (source, public, website, entries)
            SELECT '{table}', {public}, {website_sql(url)}, COUNT(*) {new_rows}
              AND {url} IS NOT NULL
            GROUP BY 2, 3
            ON CONFLICT (source, public, website)
            DO UPDATE SET entries = entries + excluded.entries"""
    return work


def _insert(db: Database, table: str, rows: list[dict]) -> None:
    """Insert ``rows`` (their keys not starting with "_" are the columns) in bulk. The
    per-row triggers (full text, change counter, evidence websites) cost most of the time of
    a large import: while rows with ids go in, they are set aside and their work done in one
    statement each, in the import's transaction. The integrity triggers stay."""
    if not rows:
        return
    columns = [c for c in rows[0] if not c.startswith("_")]
    work = _bulk_triggers(db, table) if "id" in columns else {}
    aside = dict(
        db.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            f"AND name IN ({', '.join('?' * len(work))})",
            [table, *work],
        ).fetchall()
    )
    for name in aside:
        db.execute(f"DROP TRIGGER {name}")
    db.conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [[row[c] for c in columns] for row in rows],
    )
    ids = json.dumps([row["id"] for row in rows]) if aside else None
    for name, sql in aside.items():
        db.conn.execute(work[name], {"ids": ids} if ":ids" in work[name] else {})
        db.execute(sql)


def run_import(
    db: Database,
    book: Workbook,
    mapping: Mapping,
    data: bytes,
    *,
    progress: Progress | None = None,
) -> Plan:
    """Import ``book`` all or nothing, in one transaction: planned again under the write lock
    (the dry run may be stale), refused at the first problem. Returns the plan (``adds``)."""
    actor = require("record")
    step = progress or (lambda fraction, text: None)
    step(0.0, "Checking the file")
    with db.atomic():
        plan = plan_import(db, book, mapping, data)
        if not plan.ok:
            raise ImportProblems(plan)
        if plan.nothing_to_add:
            return plan
        preserve = mapping.scope != SPREADSHEET_SCOPE
        batch_row = {
            "file_name": book.file_name,
            "sha256": plan.sha256,
            "imported_at": now_timestamp(),
            "imported_by": actor.email,
            "added": json.dumps(plan.adds),
        }
        batch = db["import_batches"].insert(batch_row).last_pk
        keys: list[tuple] = []
        ids: dict[str, list[int]] = {}
        for number, table in enumerate(LOAD_ORDER):
            rows = plan.rows[table]
            if table in KEYED:
                ids[table] = _table_ids(db, table, rows, preserve)
            for index, row in enumerate(rows):
                if table in KEYED:
                    row["id"] = ids[table][index]
                    keys.append((mapping.scope, table, row["_key"], row["id"], batch))
                for column, entity in REFERENCES.get(table, {}).items():
                    ref = row["_refs"][column]  # ("old", id) or ("new", index in this file)
                    row[column] = ref and (ref[1] if ref[0] == "old" else ids[entity][ref[1]])
            for start in range(0, len(rows), INSERT_CHUNK):
                _insert(db, table, rows[start : start + INSERT_CHUNK])
                done = (number + min(1, (start + INSERT_CHUNK) / len(rows))) / len(LOAD_ORDER)
                step(0.05 + 0.6 * done, f"Adding {KIND_LABELS[table].lower()}")
        step(0.65, "Filing the keys")
        db.conn.executemany(
            "INSERT OR REPLACE INTO import_keys (scope, entity, key, row_id, batch_id) "
            "VALUES (?, ?, ?, ?, ?)",
            keys,
        )
        touched = sorted(set(ids["asks"]) | {e["ask_id"] for e in plan.rows["status_updates"]})
        step(0.7, f"Rebuilding the status timelines of {len(touched):,} asks")
        every = db.conn.execute("SELECT COUNT(*) FROM asks").fetchone()[0] == len(touched)
        refresh_spans(db, None if every else touched)  # every ask: a faster whole rebuild
        details = {"file": book.file_name, "sha256": plan.sha256, "added": plan.adds}
        audit.log(db, "import", "tracker", batch, details)
    step(1.0, "Done")
    return plan


def import_file(
    db: Database,
    data: bytes,
    file_name: str,
    *,
    dry_run: bool = False,
    statuses: dict[str, str] | None = None,
    defaults: dict[str, str] | None = None,
    day_first: bool = True,
    progress: Progress | None = None,
) -> Plan:
    """Read, map (the proposed mapping, dates read ``day_first``, with ``statuses`` and
    ``defaults`` added), then plan (``dry_run``) or import. The CLI's one call."""
    require("record")
    book = read_file(data, file_name)
    mapping = guess_mapping(db, book)
    mapping.day_first = day_first
    for word, code in (statuses or {}).items():
        mapping.statuses[normalise(word)] = code
    mapping.defaults.update(defaults or {})
    if dry_run:
        return plan_import(db, book, mapping, data)
    return run_import(db, book, mapping, data, progress=progress)


# --- in words -------------------------------------------------------------------------------


def problem_line(problem: Problem) -> str:
    """One problem as a line: where, then what."""
    where = [f"sheet '{problem.sheet}'", problem.row and f"row {problem.row}"]
    where.append(problem.column and f"column {problem.column}")
    return f"{', '.join(filter(None, where))}: {problem.message}"


def describe_mapping(mapping: Mapping) -> str:
    """The mapping in words, for the CLI's dry run."""
    lines = []
    for sheet in mapping.sheets:
        if not sheet.kind:
            continue
        labels = field_labels(sheet.kind)
        lines.append(
            f"Sheet '{sheet.sheet}': {KIND_LABELS[sheet.kind].lower()}, headers on row "
            f"{sheet.header_row}"
        )
        for number, name in sheet.fields.items():
            target = labels.get(name, "(not imported)") if name else "(not imported)"
            lines.append(f"  {sheet.column_name(number)} -> {target}")
    if mapping.status_words:
        lines.append("Statuses:")
        for key, (text, count) in mapping.status_words.items():
            code = mapping.statuses.get(key) or "(not mapped: use --status WORD=CODE)"
            lines.append(f"  {text} ({how_many(count, 'row')}) -> {code}")
    return "\n".join(lines)


NOUNS = {t.name: t.nouns for t in (*TABLES, AUDIT_TABLE)}  # one row, many


def counted(number: int, kind: str) -> str:
    """ "1 letter", "54 status updates"."""
    one, many = NOUNS.get(kind, (kind, kind))
    return how_many(number, one, many)


def describe_plan(plan: Plan, *, dry_run: bool, owners: bool = True) -> str:
    """What was (or would be) added, and what was already there; ``owners``: and how many new
    asks have no owner (the import page says that in a warning of its own)."""
    added = [counted(n, k) for k, n in plan.adds.items() if n]
    matched = [counted(n, k) for k, n in plan.matched.items() if n]
    lines = list(plan.notes)
    if dry_run:
        lines.append(
            f"{how_many(plan.problem_count, 'problem')}. "
            + (f"Would add: {', '.join(added)}." if added else "Nothing to add.")
        )
    elif added:
        lines.append(f"Imported {plan.file_name}: added {', '.join(added)}.")
    else:
        lines.append(f"Nothing to add: every row of {plan.file_name} is already in the tracker.")
    if matched:
        lines.append(f"Already in the tracker: {', '.join(matched)}.")
    if owners and plan.unowned and (dry_run or added):
        lines.append(unowned_sentence(plan.unowned, done=not dry_run))
    return "\n".join(lines)
