"""The whole tracker as files, in the shape ``tracker/importer.py`` reads back: an XLSX
workbook with one sheet per kind (labelled headers, dates as dates, ids kept), a zip of the
same sheets as CSV files, and a Frictionless Data Package (those CSV files and a
``datapackage.json`` describing each one's fields and types). Users are exported without their
password hashes or sessions; the audit log only when asked for. Also the import template: the
same sheets with one example row each and a *Read me* sheet.

Nothing a spreadsheet would run leaves here as a formula: XLSX cells are typed as text, and
CSV text that starts like a formula gets an apostrophe (``tracker.spreadsheets.neutralise_text``,
the rule every export follows), which the importer takes off again."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from tracker import audit
from tracker.auth import require
from tracker.dates import now_timestamp
from tracker.spreadsheets import SheetRows, neutralise_text, stream_xlsx

FORMAT = "advocacy-tracker-export/1"
ABOUT_SHEET = "about"


@dataclass(frozen=True)
class Column:
    """One column of the format: its CSV and Data Package name, its XLSX header, its
    Frictionless type, the SQL that reads it, and what it means (for the Read me sheet)."""

    name: str
    label: str
    type: str  # integer, number, string, date or datetime
    sql: str
    description: str
    example: object = None


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    source: str  # FROM ... (ORDER BY included)
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, table, field)
    imported: bool = True


def _c(name, label, type_, sql, description, example=None) -> Column:
    return Column(name, label, type_, sql or name, description, example)


ID = "A number that identifies the row in this file; other sheets refer to it."
TABLES: tuple[Table, ...] = (
    Table(
        "letters",
        "Letters",
        "letters ORDER BY id",
        (
            _c("id", "ID", "integer", "", ID, 1),
            _c("title", "Title", "string", "", "The letter's title.", "Letter to the Minister"),
            _c("date_sent", "Date sent", "date", "", "When it was sent.", dt.date(2024, 3, 1)),
            _c("author_org", "Author organization", "string", "", "Who wrote it.", "Our NGO"),
            _c(
                "cosigners",
                "Cosigners",
                "string",
                "(SELECT group_concat(value, '; ') FROM json_each(letters.cosigners))",
                "Other signers, separated by semicolons.",
                "Partner A; Partner B",
            ),
            _c("recipient_person", "Recipient person", "string", "", "Addressee.", "The Minister"),
            _c("recipient_office", "Recipient office", "string", "", "Their office.", "Ministry"),
            _c("url", "URL", "string", "", "Where the letter is published (http/https).", None),
            _c("summary", "Summary", "string", "", "A short summary.", ""),
            _c("full_text", "Full text", "string", "", "The letter's text.", ""),
            _c("created_at", "Created at", "datetime", "", "When it was entered (UTC).", None),
            _c("created_by", "Created by", "string", "", "Who entered it.", None),
        ),
    ),
    Table(
        "asks",
        "Asks",
        "asks ORDER BY id",
        (
            _c("id", "ID", "integer", "", ID, 1),
            _c("title", "Title", "string", "", "The ask, in a few words.", "Publish the register"),
            _c("wording", "Wording", "string", "", "The ask as the letter words it.", ""),
            _c("target", "Target", "string", "", "Who must act.", "Ministry of the Interior"),
            _c("theme", "Theme", "string", "", "The theme it belongs to.", "Transparency"),
            _c("country", "Country", "string", "", "The country it concerns.", "Mexico"),
            _c("owner", "Owner", "string", "", "The colleague who follows it.", "Ana"),
            _c("priority", "Priority", "string", "", "high, medium or low.", "medium"),
            _c("added_on", "Added on", "date", "", "When it was first made.", dt.date(2024, 3, 1)),
            _c("created_at", "Created at", "datetime", "", "When it was entered (UTC).", None),
            _c("created_by", "Created by", "string", "", "Who entered it.", None),
        ),
    ),
    Table(
        "letter_asks",
        "Letters' asks",
        "letter_asks ORDER BY letter_id, ask_id",
        (
            _c("letter_id", "Letter ID", "integer", "", "The letter (its ID in Letters).", 1),
            _c("ask_id", "Ask ID", "integer", "", "The ask it makes (its ID in Asks).", 1),
            _c("passage", "Passage", "string", "", "The passage that makes the ask.", ""),
        ),
        primary_key=("letter_id", "ask_id"),
        foreign_keys=(("letter_id", "letters", "id"), ("ask_id", "asks", "id")),
    ),
    Table(
        "status_updates",
        "Status updates",
        "status_updates u JOIN statuses s ON s.track = u.track AND s.code = u.status ORDER BY u.id",
        (
            _c("id", "ID", "integer", "u.id", ID, 1),
            _c("ask_id", "Ask ID", "integer", "u.ask_id", "The ask (its ID in Asks).", 1),
            _c("track", "Track", "string", "u.track", "outcome or response.", "outcome"),
            _c(
                "status",
                "Status",
                "string",
                "s.label",
                "The status, in the vocabulary's words (see below).",
                "In progress",
            ),
            _c(
                "effective_date",
                "Effective date",
                "date",
                "u.effective_date",
                "When the ask reached this status.",
                dt.date(2024, 6, 1),
            ),
            _c("recorded_at", "Recorded at", "datetime", "u.recorded_at", "When entered.", None),
            _c("note", "Note", "string", "u.note", "What happened.", "A bill was tabled."),
            _c("evidence_url", "Evidence URL", "string", "u.evidence_url", "The source.", None),
            _c(
                "visibility",
                "Visibility",
                "string",
                "u.visibility",
                "internal (staff only, the default) or public (donors may see it).",
                "internal",
            ),
            _c("recorded_by", "Recorded by", "string", "u.recorded_by", "Who entered it.", None),
            _c(
                "kind",
                "Kind",
                "string",
                "u.kind",
                "change, verification (checked, no change) or correction.",
                "change",
            ),
            _c(
                "supersedes_id",
                "Corrects ID",
                "integer",
                "u.supersedes_id",
                "For a correction: the ID of the update it corrects.",
                None,
            ),
        ),
        foreign_keys=(("ask_id", "asks", "id"), ("supersedes_id", "status_updates", "id")),
    ),
    Table(
        "indicators",
        "Indicators",
        "indicators ORDER BY id",
        (
            _c("id", "ID", "integer", "", ID, 1),
            _c("name", "Name", "string", "", "What is measured.", "Registered cases"),
            _c("unit", "Unit", "string", "", "Its unit.", "cases"),
            _c("description", "Description", "string", "", "How it is measured.", ""),
            _c("direction", "Direction", "string", "", "higher or lower is better.", "higher"),
            _c("baseline_value", "Baseline value", "number", "", "Starting value.", None),
            _c("baseline_date", "Baseline date", "date", "", "Date of the baseline.", None),
            _c("target_value", "Target value", "number", "", "Value aimed for.", None),
            _c("target_date", "Target date", "date", "", "Date of the target.", None),
            _c("source", "Source", "string", "", "Where the series comes from.", None),
            _c("created_at", "Created at", "datetime", "", "When entered (UTC).", None),
        ),
    ),
    Table(
        "indicator_asks",
        "Indicators' asks",
        "indicator_asks ORDER BY indicator_id, ask_id",
        (
            _c("indicator_id", "Indicator ID", "integer", "", "The indicator.", 1),
            _c("ask_id", "Ask ID", "integer", "", "An ask it measures.", 1),
        ),
        primary_key=("indicator_id", "ask_id"),
        foreign_keys=(("indicator_id", "indicators", "id"), ("ask_id", "asks", "id")),
    ),
    Table(
        "observations",
        "Observations",
        "observations ORDER BY id",
        (
            _c("id", "ID", "integer", "", ID, 1),
            _c("indicator_id", "Indicator ID", "integer", "", "The indicator.", 1),
            _c("date", "Date", "date", "", "The date the value is for.", dt.date(2024, 6, 1)),
            _c("value", "Value", "number", "", "The value.", 12),
            _c("source_url", "Source URL", "string", "", "Where it was published.", None),
            _c("note", "Note", "string", "", "A note.", ""),
            _c("recorded_by", "Recorded by", "string", "", "Who entered it.", None),
            _c("recorded_at", "Recorded at", "datetime", "", "When entered (UTC).", None),
        ),
        foreign_keys=(("indicator_id", "indicators", "id"),),
    ),
    Table(
        "users",
        "Users",
        "users ORDER BY email",
        (
            _c("email", "Email", "string", "", "Their sign-in email.", "ana@example.org"),
            _c("name", "Name", "string", "", "Their name.", "Ana"),
            _c(
                "role",
                "Role",
                "string",
                "",
                "admin, officer, leadership or donor. Imported by an administrator only; "
                "people come in without a password (they sign in with your organization's "
                "single sign-on, or an administrator sets one on the Users page).",
                "officer",
            ),
            _c("created_at", "Created at", "datetime", "", "When added (UTC).", None),
            _c("last_sign_in", "Last sign-in", "datetime", "", "Last sign-in (UTC).", None),
        ),
        primary_key=("email",),
    ),
)
AUDIT_TABLE = Table(
    "audit_log",
    "Audit log",
    "audit_log ORDER BY id",
    tuple(
        _c(
            name,
            name.replace("_", " ").capitalize(),
            "integer" if name == "id" else "string",
            "",
            "",
        )
        for name in ("id", "at", "actor", "role", "via", "action", "entity", "entity_id", "details")
    ),
    imported=False,
)
IMPORTED_TABLES = tuple(t for t in TABLES if t.imported)
TABLE_BY_NAME = {t.name: t for t in (*TABLES, AUDIT_TABLE)}

Progress = Callable[[float, str], None]


def _tables(audit_log: bool) -> tuple[Table, ...]:
    return (*TABLES, AUDIT_TABLE) if audit_log else TABLES


def _rows(db: Database, table: Table) -> Iterator[tuple]:
    sql = ", ".join(c.sql for c in table.columns)
    return db.conn.execute(f"SELECT {sql} FROM {table.source}")


def _count(db: Database, table: Table) -> int:
    return db.conn.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]


def _about(db: Database, audit_log: bool) -> list[tuple[str, str]]:
    identity = db.conn.execute("SELECT identity FROM data_version").fetchone()[0]
    actor = require("export")
    return [
        ("Format", FORMAT),
        ("Database identity", identity or ""),
        ("Exported at", now_timestamp()),
        ("Exported by", actor.email),
        ("Audit log included", "yes" if audit_log else "no"),
    ]


def _log(db: Database, kind: str, counts: dict[str, int], audit_log: bool) -> None:
    with db.atomic():
        audit.log(db, "export.all", "tracker", None, {"as": kind, "audit_log": audit_log, **counts})


def write_xlsx(
    db: Database, out, *, audit_log: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """The whole tracker as one workbook written to ``out`` (a path or a binary file),
    streamed row by row (``tracker.spreadsheets.stream_xlsx``: text never a formula, dates as
    date cells)."""
    about = _about(db, audit_log)
    tables = _tables(audit_log)
    total = sum(_count(db, t) for t in tables) or 1
    sheets = [
        SheetRows(
            table.name,
            [c.label for c in table.columns],
            _rows(db, table),
            frozenset(n for n, c in enumerate(table.columns) if c.type == "date"),
            [40 if c.type == "string" else 14 for c in table.columns],
        )
        for table in tables
    ]
    sheets.append(SheetRows(ABOUT_SHEET, list(about[0]), about[1:], widths=[22, 40]))

    def written(rows: int) -> None:
        if progress:
            progress(min(rows / total, 1.0), f"Writing {rows:,} of {total:,} rows")

    counts = stream_xlsx(out, sheets, written)
    del counts[ABOUT_SHEET]
    _log(db, "xlsx", counts, audit_log)
    if progress:
        progress(1.0, "Done")
    return counts


def _letter(number: int) -> str:
    from tracker.spreadsheet import column_letter

    return column_letter(number)


def _csv_bytes(db: Database, table: Table) -> tuple[bytes, int]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    count = 0
    for row in _rows(db, table):
        writer.writerow([neutralise_text(v) for v in row])
        count += 1
    return buffer.getvalue().encode("utf-8"), count


def datapackage(tables: tuple[Table, ...], about: list[tuple[str, str]]) -> dict:
    """The ``datapackage.json`` describing each CSV file's fields and types."""
    facts = dict(about)
    resources = []
    for table in tables:
        schema: dict = {
            "fields": [
                {"name": c.name, "title": c.label, "type": c.type, "description": c.description}
                for c in table.columns
            ],
            "primaryKey": list(table.primary_key),
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": field, "reference": {"resource": other, "fields": key}}
                for field, other, key in table.foreign_keys
            ]
        resources.append(
            {
                "name": table.name,
                "title": table.title,
                "path": f"{table.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": "advocacy-tracker-export",
        "title": "Advocacy Tracker export",
        "description": (
            "Every letter, ask, status update, indicator and observation of one tracker, "
            "exported by Advocacy Tracker. Text that starts with =, +, - or @ has an apostrophe "
            "in front so that spreadsheets show it instead of running it."
        ),
        "created": facts["Exported at"],
        "profile": "tabular-data-package",
        "keywords": ["advocacy", "human rights", "policy tracking"],
        "advocacy_tracker": {"format": FORMAT, "database_identity": facts["Database identity"]},
        "resources": [
            *resources,
            {
                "name": ABOUT_SHEET,
                "title": "About this export",
                "path": f"{ABOUT_SHEET}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": "field", "type": "string"},
                        {"name": "value", "type": "string"},
                    ]
                },
            },
        ],
    }


def csv_files(
    db: Database, *, audit_log: bool = False, progress: Progress | None = None
) -> tuple[dict[str, bytes], dict]:
    """Each table as CSV bytes, plus ``datapackage.json``; and the row counts."""
    about = _about(db, audit_log)
    tables = _tables(audit_log)
    total = sum(_count(db, t) for t in tables) or 1
    files, counts = {}, {}
    for table in tables:
        if progress:
            progress(sum(counts.values()) / total, f"Writing {table.title.lower()}")
        files[f"{table.name}.csv"], counts[table.name] = _csv_bytes(db, table)
    about_csv = io.StringIO()
    csv.writer(about_csv, lineterminator="\n").writerows([("field", "value"), *about])
    files[f"{ABOUT_SHEET}.csv"] = about_csv.getvalue().encode("utf-8")
    files["datapackage.json"] = json.dumps(
        datapackage(tables, about), indent=2, ensure_ascii=False
    ).encode("utf-8")
    return files, counts


def write_zip(
    db: Database, out, *, audit_log: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """The CSV files and their ``datapackage.json`` in one zip (a zipped Data Package)."""
    files, counts = csv_files(db, audit_log=audit_log, progress=progress)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    _log(db, "zip", counts, audit_log)
    if progress:
        progress(1.0, "Done")
    return counts


def write_folder(db: Database, folder: Path, *, audit_log: bool = False) -> dict[str, int]:
    """The Data Package as a folder: the CSV files and ``datapackage.json``."""
    files, counts = csv_files(db, audit_log=audit_log)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    _log(db, "datapackage", counts, audit_log)
    return counts


def export_tracker(
    db: Database, out: str | Path, *, audit_log: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """Export to ``out``: a workbook when it ends in .xlsx, a zip of CSV files (a zipped Data
    Package) when .zip, else a Data Package folder. Returns the rows written per table."""
    require("export")
    path = Path(out)
    if path.suffix.lower() == ".xlsx":
        return write_xlsx(db, path, audit_log=audit_log, progress=progress)
    if path.suffix.lower() == ".zip":
        return write_zip(db, path, audit_log=audit_log, progress=progress)
    return write_folder(db, path, audit_log=audit_log)


def export_bytes(
    db: Database, kind: str, *, audit_log: bool = False, progress: Progress | None = None
) -> bytes:
    """An export as bytes, for a download: ``xlsx`` or ``zip``."""
    require("export")
    buffer = io.BytesIO()
    if kind == "xlsx":
        write_xlsx(db, buffer, audit_log=audit_log, progress=progress)
    else:
        write_zip(db, buffer, audit_log=audit_log, progress=progress)
    return buffer.getvalue()


# --- the template ---------------------------------------------------------------------------


def template_xlsx(db: Database) -> bytes:
    """The import template: a *Read me* sheet (each column explained, the status vocabulary),
    then each sheet of the format with its headers and one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    readme = book.active
    readme.title = "Read me"
    bold = Font(bold=True)
    lines: list[list] = [
        ["Advocacy Tracker import template"],
        [
            "Fill in the sheets you need and import the file on the Import page (or with "
            "'tracker import FILE.xlsx'). Every sheet is optional. IDs are numbers you choose: "
            "they tie the sheets together (an update's Ask ID is the ID of a row in Asks), and "
            "importing the same file again adds nothing. Dates: YYYY-MM-DD or a date cell. "
            "Type values, not formulas: a formula is refused."
        ],
        [],
        ["Sheet", "Column", "Meaning"],
    ]
    for table in IMPORTED_TABLES:
        for column in table.columns:
            if column.name in ("created_at", "created_by", "recorded_at"):
                continue
            lines.append([table.name, column.label, column.description])
    lines += [[], ["Track", "Status", "Meaning"]]
    for track, label, description in db.conn.execute(
        "SELECT track, label, description FROM statuses ORDER BY track, sort_order"
    ):
        lines.append([track, label, description])
    for line in lines:
        readme.append(line)
    for row in readme.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.row in (1, 4) or (cell.value in ("Track",) and cell.column == 1):
                cell.font = bold
    readme.column_dimensions["A"].width = 18
    readme.column_dimensions["B"].width = 24
    readme.column_dimensions["C"].width = 90
    for table in IMPORTED_TABLES:
        sheet = book.create_sheet(table.name)
        columns = [c for c in table.columns if c.name not in ("created_at", "created_by")]
        columns = [c for c in columns if c.name != "recorded_at"]
        sheet.append([c.label for c in columns])
        sheet.append([c.example for c in columns])
        for number, column in enumerate(columns, start=1):
            sheet.cell(1, number).font = bold
            sheet.column_dimensions[_letter(number)].width = 16 if column.type != "string" else 30
            if column.type == "date":
                sheet.cell(2, number).number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
