"""The whole tracker as files, in the shape ``tracker/importer.py`` reads back (so an NGO can
leave with its data, or move it): an XLSX workbook with a sheet per kind, a zip of the same
sheets as CSV files, or a Frictionless Data Package folder; and the import template. Users go
without password hashes; the audit log only when asked for. The format is data
(``data/export_format.json``); nothing leaves as a formula (``tracker.spreadsheets``)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from tracker import audit
from tracker.auth import require
from tracker.dates import now_timestamp
from tracker.spreadsheets import SheetRows, neutralise_text, stream_xlsx
from tracker.vocabulary import statuses

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
    nouns: tuple[str, str] = ("row", "rows")  # one row, many: "1 letter", "54 status updates"


def _table(spec: dict) -> Table:
    """A table of ``data/export_format.json``, whose keys are the fields above: a column's SQL
    is its name (prefixed by the source's alias, ``u.`` for status updates) unless given."""
    alias = "u." if spec["name"] == "status_updates" else ""
    columns = tuple(Column(**{"sql": alias + c["name"], **c}) for c in spec["columns"])
    lists = {key: tuple(spec[key]) for key in ("primary_key", "nouns") if key in spec}
    keys = tuple(tuple(key) for key in spec.get("foreign_keys", ()))
    return Table(**spec | lists | {"columns": columns, "foreign_keys": keys})


# the format is data, read by this module (export, template) and the importer
FORMAT_FILE = Path(__file__).resolve().parent.parent / "data" / "export_format.json"
_FORMAT_TABLES = [_table(spec) for spec in json.loads(FORMAT_FILE.read_text("utf-8"))["tables"]]
TABLES = tuple(t for t in _FORMAT_TABLES if t.name != "audit_log")
AUDIT_TABLE = next(t for t in _FORMAT_TABLES if t.name == "audit_log")
IMPORTED_TABLES = tuple(t for t in TABLES if t.imported)
FILLED_IN = ("created_at", "created_by", "recorded_at")  # by the tracker: not in the template

Progress = Callable[[float, str], None]


def _rows(db: Database, table: Table) -> Iterator[tuple]:
    sql = ", ".join(c.sql for c in table.columns)
    return db.conn.execute(f"SELECT {sql} FROM {table.source}")


def _start(db: Database, audit_log: bool) -> tuple[list[tuple], tuple[Table, ...], int]:
    """An export's About rows, its tables, and their rows in all (for the progress bar)."""
    identity = db.conn.execute("SELECT identity FROM data_version").fetchone()[0]
    about = [
        ("Format", FORMAT),
        ("Database identity", identity or ""),
        ("Exported at", now_timestamp()),
        ("Exported by", require("export").email),
        ("Audit log included", "yes" if audit_log else "no"),
    ]
    tables = (*TABLES, AUDIT_TABLE) if audit_log else TABLES
    total = sum(db.conn.execute(f"SELECT COUNT(*) FROM {t.name}").fetchone()[0] for t in tables)
    return about, tables, total or 1


def _done(db: Database, kind: str, counts: dict, audit_log: bool, progress=None) -> dict:
    """An export written: audited, the progress bar full; its row counts."""
    with db.atomic():
        audit.log(db, "export.all", "tracker", None, {"as": kind, "audit_log": audit_log, **counts})
    if progress:
        progress(1.0, "Done")
    return counts


def _sheet(name: str, columns, rows, widths: tuple[int, int]) -> SheetRows:
    """A sheet of the format: labelled headers, date columns as dates, and each column's
    width, ``widths`` being (text, anything else)."""
    return SheetRows(
        name,
        [c.label for c in columns],
        rows,
        frozenset(n for n, c in enumerate(columns) if c.type == "date"),
        [widths[0] if c.type == "string" else widths[1] for c in columns],
    )


def write_xlsx(
    db: Database, out, *, audit_log: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """The whole tracker as one workbook written to ``out`` (a path or a binary file), by
    ``stream_xlsx`` (rows streamed, not held as cells; text never a formula)."""
    about, tables, total = _start(db, audit_log)
    sheets = [_sheet(table.name, table.columns, _rows(db, table), (40, 14)) for table in tables]
    sheets.append(SheetRows(ABOUT_SHEET, list(about[0]), about[1:], widths=[22, 40]))

    def written(rows: int) -> None:
        if progress:
            progress(min(rows / total, 1.0), f"Writing {rows:,} of {total:,} rows")

    counts = stream_xlsx(out, sheets, written)
    del counts[ABOUT_SHEET]
    return _done(db, "xlsx", counts, audit_log, progress)


def _csv_bytes(header: Iterable[str], rows: Iterable[tuple]) -> tuple[bytes, int]:
    """One CSV file, formula-like text behind an apostrophe; and its number of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
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
        resources.append(_resource(table.name, table.title, schema))
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
            _resource(
                ABOUT_SHEET,
                "About this export",
                {"fields": [{"name": n, "type": "string"} for n in ("field", "value")]},
            ),
        ],
    }


def _resource(name: str, title: str, schema: dict) -> dict:
    """One CSV file of the Data Package."""
    return {
        "name": name,
        "title": title,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def csv_files(
    db: Database, *, audit_log: bool = False, progress: Progress | None = None
) -> tuple[dict[str, bytes], dict]:
    """Each table as CSV bytes, plus ``datapackage.json``; and the row counts."""
    about, tables, total = _start(db, audit_log)
    files, counts = {}, {}
    for table in tables:
        if progress:
            progress(sum(counts.values()) / total, f"Writing {table.title.lower()}")
        header = [c.name for c in table.columns]
        files[f"{table.name}.csv"], counts[table.name] = _csv_bytes(header, _rows(db, table))
    files[f"{ABOUT_SHEET}.csv"] = _csv_bytes(("field", "value"), about)[0]
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
    return _done(db, "zip", counts, audit_log, progress)


WRITERS = {"xlsx": write_xlsx, "zip": write_zip}  # a file's kind, by its extension


def export_tracker(
    db: Database, out: str | Path, *, audit_log: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """Export to ``out``: a workbook when it ends in .xlsx, a zip of CSV files (a zipped Data
    Package) when .zip, else a Data Package folder. Returns the rows written per table."""
    require("export")
    path = Path(out)
    if writer := WRITERS.get(path.suffix.lower().removeprefix(".")):
        return writer(db, path, audit_log=audit_log, progress=progress)
    files, counts = csv_files(db, audit_log=audit_log)
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (path / name).write_bytes(data)
    return _done(db, "datapackage", counts, audit_log)


def export_bytes(
    db: Database, kind: str, *, audit_log: bool = False, progress: Progress | None = None
) -> bytes:
    """An export as bytes, for a download: ``xlsx`` or ``zip``."""
    require("export")
    buffer = io.BytesIO()
    WRITERS[kind](db, buffer, audit_log=audit_log, progress=progress)
    return buffer.getvalue()


# --- the template ---------------------------------------------------------------------------


def template_xlsx(db: Database) -> bytes:
    """The import template: a *Read me* sheet (each column explained, the status vocabulary),
    then each sheet of the format with its headers and one example row."""
    lines: list[tuple] = [
        (
            "Fill in the sheets you need and import the file on the Import page (or with "
            "'tracker import FILE.xlsx'). Every sheet is optional. IDs are numbers you choose: "
            "they tie the sheets together (an update's Ask ID is the ID of a row in Asks), and "
            "importing the same file again adds nothing. Dates: YYYY-MM-DD or a date cell. "
            "Type values, not formulas: a formula is refused.",
        ),
        (),
        ("Sheet", "Column", "Meaning"),
    ]
    for table in IMPORTED_TABLES:
        for column in table.columns:
            if column.name not in FILLED_IN:
                lines.append((table.name, column.label, column.description))
    lines += [(), ("Track", "Status", "Meaning")]
    bold = frozenset({3, len(lines)})  # the two tables' headings
    lines += statuses(db)[["track", "label", "description"]].itertuples(index=False, name=None)
    title = ["Advocacy Tracker import template"]
    sheets = [SheetRows("Read me", title, lines, widths=[18, 24, 90], wrapped=True, headings=bold)]
    for table in IMPORTED_TABLES:
        columns = [c for c in table.columns if c.name not in FILLED_IN]
        sheets.append(_sheet(table.name, columns, [tuple(c.example for c in columns)], (30, 16)))
    buffer = io.BytesIO()
    stream_xlsx(buffer, sheets)
    return buffer.getvalue()
