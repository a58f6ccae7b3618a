"""Reading a spreadsheet someone brings (an XLSX workbook, a CSV file or a zip of CSV files) as
plain sheets of values: a formula is never evaluated (it is reported), merged cells are filled
with their value, blank rows are dropped.

The limits (README, "Bringing your spreadsheet") are product decisions: a hand-kept sheet longer
than ``MAX_SHEET_ROWS`` is nearly always a mistake (a formula filled down, a pasted dump), so
reading stops there; the history sheets of our own format (``LONG_SHEETS``) may be longer."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

import openpyxl
from python_calamine import CalamineWorkbook, SheetTypeEnum

from tracker.dates import impossible_day
from tracker.errors import ValidationError
from tracker.spreadsheets import restore_text

MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # a zip (an xlsx is one) that unpacks to more is refused
MAX_SHEET_ROWS = 20_000
MAX_HISTORY_ROWS = 300_000
LONG_SHEETS = ("status_updates", "observations", "letter_asks", "indicator_asks")


READ = "import an Excel workbook (.xlsx), a CSV file or a zip of CSV files."
NOT_SPREADSHEETS = {  # a file's first bytes -> why it is refused
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "is an old Excel 97-2003 workbook (.xls): open it and "
    "save it as an Excel workbook (.xlsx), then import that.",
    b"%PDF": f"is a PDF document, not a spreadsheet: {READ}",
    b"\x89PNG": f"is a PNG image, not a spreadsheet: {READ}",
    b"\xff\xd8\xff": f"is a JPEG image, not a spreadsheet: {READ}",
    b"GIF8": f"is a GIF image, not a spreadsheet: {READ}",
    b"{\\rtf": f"is an RTF document, not a spreadsheet: {READ}",
}


@dataclass
class Sheet:
    """One sheet's non-blank rows as ``(row number, values)`` and its formula cells as ``(row,
    column, formula text)``, counted from 1 as a spreadsheet does."""

    name: str
    rows: list[tuple[int, list]] = field(default_factory=list)
    formulas: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class Workbook:
    file_name: str
    sheets: list[Sheet]


def normalise(text: object) -> str:
    """Text as a person means it: no accents, lower case, words separated by one space
    ("  Fecha de  actualización " -> "fecha de actualizacion")."""
    return _normalise_text(text if isinstance(text, str) else "" if text is None else str(text))


@functools.lru_cache(maxsize=65536)  # the same statuses, tracks and headers, row after row
def _normalise_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def row_limit(sheet_name: str) -> int:
    key = normalise(sheet_name).replace(" ", "_")
    return MAX_HISTORY_ROWS if key in LONG_SHEETS else MAX_SHEET_ROWS


def _too_many_rows(file_name: str, sheet: str) -> ValidationError:
    limit = row_limit(sheet)
    return ValidationError(
        f"'{file_name}': the sheet '{sheet}' has more than {limit:,} rows, the most one sheet "
        "may hold. Nothing was imported: split it into several files, or delete the rows "
        "below your data (a formula filled down the whole column does this).",
        "file",
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse(file_name: str, why: str) -> ValidationError:
    return ValidationError(f"'{file_name}' {why} Nothing was imported.", "file")


def read_file(data: bytes, file_name: str) -> Workbook:
    """Read ``data`` (the bytes of ``file_name``) into sheets, or say in one sentence why it
    cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(
            file_name,
            f"is {len(data) / 1024 / 1024:.0f} MB; the tracker imports files of up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB: split it into several files.",
        )
    if not data.strip():
        raise _refuse(file_name, "is empty.")
    for magic, why in NOT_SPREADSHEETS.items():
        if data.startswith(magic):
            raise _refuse(file_name, why)
    if data[:4] == b"PK\x03\x04":
        return _read_zip(data, file_name)
    text = _decode(data)
    if text is None:
        raise _refuse(file_name, f"is not a spreadsheet: {READ}")
    sheet = _read_csv(text, file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0], file_name)
    return _nonempty(Workbook(file_name, [sheet]))


def _decode(data: bytes) -> str | None:
    """CSV text: UTF-8 (with or without a byte-order mark), else Windows-1252, which is what
    Excel writes for "CSV" on many machines. Binary data is not text."""
    if b"\x00" in data[:4096]:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t")
        return None if controls else text
    return None


def _read_csv(text: str, name: str, file_name: str) -> Sheet:
    # the delimiter is the one the header line uses most: "," or ";" (Excel in many
    # countries) or a tab; sniffing the whole sample is fooled by quoted notes
    header = text.lstrip("\ufeff\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)
    sheet = Sheet(name)
    limit = row_limit(name)
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    for number, values in enumerate(rows, start=1):
        if not any(map(str.strip, values)):  # a blank row
            continue
        if len(sheet.rows) > limit:
            raise _too_many_rows(file_name, name)
        sheet.rows.append((number, [restore_text(v) if v[:1] == "'" else v for v in values]))
    return sheet


def _read_zip(data: bytes, file_name: str) -> Workbook:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile:
        raise _refuse(file_name, "is a damaged zip or Excel file: it cannot be opened.") from None
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise _refuse(
            file_name,
            f"unpacks to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB: split it "
            "into several files.",
        )
    names = {m.filename for m in members}
    if "xl/workbook.xml" in names:
        return _nonempty(_read_xlsx(data, file_name))
    if "word/document.xml" in names:
        raise _refuse(file_name, "is a Word document, not a spreadsheet.")
    if "content.xml" in names and "mimetype" in names:
        raise _refuse(
            file_name,
            "is an OpenDocument spreadsheet (.ods): save it as an Excel workbook (.xlsx) "
            "and import that.",
        )
    csvs = [m for m in members if m.filename.lower().endswith(".csv") and not m.is_dir()]
    if not csvs:
        raise _refuse(file_name, "is a zip with no CSV file in it.")
    sheets = []
    for member in sorted(csvs, key=lambda m: m.filename):
        text = _decode(archive.read(member))
        stem = member.filename.rsplit("/", 1)[-1][: -len(".csv")]
        if text is None:
            raise _refuse(file_name, f"holds '{member.filename}', which is not a CSV file.")
        sheets.append(_read_csv(text, stem, file_name))
    return _nonempty(Workbook(file_name, sheets))


def _read_xlsx(data: bytes, file_name: str) -> Workbook:
    """Values by calamine (rows read whole, where openpyxl goes cell by cell, far slower). It
    never shows a formula, so a file that holds any is opened by openpyxl too, to name each
    formula cell."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        formulas = _formula_cells(data) if _holds_formulas(data) else {}
    except Exception:  # calamine and openpyxl raise many kinds for files they cannot read
        raise _refuse(
            file_name, "is damaged or not an Excel workbook: it cannot be opened."
        ) from None
    sheets = []
    for name in names:
        worksheet = book.get_sheet_by_name(name)
        limit = row_limit(name)
        if worksheet.total_height > 4 * limit:  # blank rows count too: a column filled down
            raise _too_many_rows(file_name, name)
        grid = worksheet.to_python(skip_empty_area=False)
        for (top, left), (bottom, right) in worksheet.merged_cell_ranges or ():
            value = grid[top][left] if top < len(grid) and left < len(grid[top]) else None
            for row in grid[top : bottom + 1]:
                row[left : right + 1] = [value] * (min(right + 1, len(row)) - left)
        sheet = Sheet(name, formulas=formulas.get(name, []))
        for row, column, _ in sheet.formulas:
            grid[row - 1][column - 1] = None  # its value is not read: the formula is reported
        for number, values in enumerate(grid, start=1):
            while values and _blank(values[-1]):
                values.pop()
            if not values:  # a blank row
                continue
            if len(sheet.rows) > limit:
                raise _too_many_rows(file_name, name)
            sheet.rows.append((number, values))
        sheets.append(sheet)
    return Workbook(file_name, sheets)


_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _holds_formulas(data: bytes) -> bool:
    """Whether a sheet's XML has a formula element (text cannot hold a raw "<")."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            _FORMULA_ELEMENT.search(archive.read(m))
            for m in archive.infolist()
            if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")
        )


def _formula_cells(data: bytes) -> dict[str, list[tuple[int, int, str]]]:
    """Each sheet's formula cells as (row, column, formula text), 1-based."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, rich_text=False)
    try:
        return {
            ws.title: [
                (cell.row, cell.column, str(getattr(cell.value, "text", cell.value)))
                for row in ws.iter_rows()
                for cell in row
                if getattr(cell, "data_type", None) == "f"
            ]
            for ws in book.worksheets
        }
    finally:
        book.close()


def _nonempty(book: Workbook) -> Workbook:
    if not any(sheet.rows or sheet.formulas for sheet in book.sheets):
        raise _refuse(book.file_name, "holds no data: every sheet in it is empty.")
    return book


# --- dates written by people ----------------------------------------------------------------

MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
)
MONTHS = {m: n for names in MONTH_NAMES for n, m in enumerate(names.split(), start=1)}
MONTHS["setiembre"] = 9  # Spanish spelt as in Peru and Uruguay
_ABBREVIATED = {name[:3]: number for name, number in MONTHS.items()}
_ABBREVIATED["sept"] = 9
EXCEL_EPOCH = dt.date(1899, 12, 30)


def _month(word: str) -> int | None:
    return MONTHS.get(word) or _ABBREVIATED.get(word[:4]) or _ABBREVIATED.get(word[:3])


def read_date(value: object, *, day_first: bool = True) -> dt.date:
    """The date a cell means: a date cell, an Excel serial number, or text (2022-03-15,
    15/03/2022 or 3/15/2022 by ``day_first``, 15 March 2022, 15 de marzo de 2022). Raises
    ValueError with the reason."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466:  # up to 9999-12-31
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError("is a number, not a date")
    text = str(value).strip()
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T][0-9:.]+Z?)?", text)
    if iso:
        return _date(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", text)
    if numeric:
        first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
        year += 2000 if year < 100 else 0
        if first > 12 or (day_first and second <= 12):
            return _date(year, second, first)
        return _date(year, first, second)
    words = normalise(text).replace(" de ", " ").replace(" del ", " ").split()
    if len(words) == 3:
        if words[0].isdigit() and _month(words[1]) and words[2].isdigit():
            return _date(int(words[2]), _month(words[1]), int(words[0]))
        if _month(words[0]) and words[1].isdigit() and words[2].isdigit():
            return _date(int(words[2]), _month(words[0]), int(words[1]))
    raise ValueError("is not a date the tracker can read (write it as YYYY-MM-DD)")


def _date(year: int, month: int, day: int) -> dt.date:
    if not 1900 <= year <= 9999:
        raise ValueError(f"has the year {year}")
    why = impossible_day(year, month, day)
    if why:
        raise ValueError(f"is not a real date: {why}")
    return dt.date(year, month, day)


def header_date(text: object, today: dt.date) -> dt.date | None:
    """The date a wide sheet's column header names, never after ``today``: a date, else the
    last day of a month, a quarter (Q1 2023) or a year ("Status 2022"); None if none."""
    if isinstance(text, dt.date | dt.datetime):
        return min(read_date(text), today)
    words = normalise(text)
    if not words:
        return None
    with_day = re.search(r"\d{1,4}\D\d{1,2}\D\d{2,4}", str(text))
    if with_day:
        try:
            return min(read_date(with_day[0]), today)
        except ValueError:
            return None
    year = re.search(r"\b(19[5-9]\d|20\d\d)\b", words)
    if not year:
        return None
    number = int(year[1])
    quarter = re.search(r"\bq([1-4])\b", words) or re.search(r"\b([1-4])\s*t\b", words)
    month = next((_month(w) for w in words.split() if not w.isdigit() and _month(w)), None)
    if quarter:
        last_month = int(quarter[1]) * 3
    elif month and len(words.split()) <= 3:
        last_month = month
    else:
        last_month = 12
    following = dt.date(number + (last_month == 12), last_month % 12 + 1, 1)
    return min(following - dt.timedelta(days=1), today)
