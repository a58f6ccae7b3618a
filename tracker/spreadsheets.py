"""CSV and XLSX files a spreadsheet opens without running anything in them.

Notes and sources are typed by people and copied from the web: a cell such as ``=HYPERLINK(...)``
would run as a formula when a donor opens the file (CSV injection). So every CSV and XLSX we
write goes through :func:`csv_bytes` or :func:`stream_xlsx`, which follow OWASP's rule: text
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe
in a CSV; in an XLSX text is never a formula, and such cells are "quote prefix". Numbers stay
numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

import jinja2
import pandas as pd
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def looks_like_formula(value: object) -> bool:
    """True for text a spreadsheet would read as a formula (OWASP's first characters)."""
    return isinstance(value, str) and value[:1] in FORMULA_TRIGGERS


def _behind_apostrophes(value: object) -> bool:
    return isinstance(value, str) and value.lstrip("'")[:1] in FORMULA_TRIGGERS


def neutralise_text(value: object) -> object:
    """One CSV cell made inert: formula-like text (even behind apostrophes, so that
    :func:`restore_text` undoes this exactly on import) gets a leading apostrophe."""
    return "'" + value if _behind_apostrophes(value) else value


def restore_text(text: str) -> str:
    """What :func:`neutralise_text` was given: its apostrophe comes off again."""
    return text[1:] if text[:1] == "'" and _behind_apostrophes(text) else text


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV, formula-like text behind an apostrophe in any column that is not
    numbers or dates (an object column may mix them); CRLF lines (RFC 4180) quote a lone CR."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue  # (booleans are numeric)
        if values.map(looks_like_formula).any():
            out[column] = values.astype(object).map(neutralise_text)
    out.columns = [neutralise_text(c) for c in out.columns]
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


# --- workbooks, streamed -------------------------------------------------------------------

_DAY_ZERO = dt.date(1899, 12, 30)  # day 0 of a spreadsheet's date serial numbers
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 cannot hold them: _xHHHH_
_LOOKS_ESCAPED = re.compile("_(x[0-9A-Fa-f]{4}_)")  # typed text like that is escaped itself
_BOLD, _DATE, _QUOTED, _WRAPPED = 1, 2, 3, 4  # the cellXfs of templates/xlsx/styles.xml
# the workbook's package parts, written once per file (the rows are written in code, fast)
PARTS = jinja2.Environment(loader=jinja2.PackageLoader("tracker", "templates/xlsx"))


@dataclass
class SheetRows:
    """One sheet of a streamed workbook: header, rows (tuples of str, int, float, bool, None),
    the columns of ISO dates (date cells), widths; a sheet of prose wraps, ``headings`` bold."""

    name: str
    header: list[str]
    rows: Iterable[tuple]
    dates: frozenset[int] = frozenset()
    widths: list[int] = field(default_factory=list)
    wrapped: bool = False
    headings: frozenset[int] = frozenset()


def _xml_text(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:  # a literal one would be read back as a line feed
        text = text.replace("\r", "&#13;")
    if "_x" in text:
        text = _LOOKS_ESCAPED.sub(r"_x005F_\1", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m[0]):04X}_", text)
    return text.replace("\ufffe", "").replace("\uffff", "")


def _cells(values, number: int, letters: list[str], dates, style: int | None = None) -> str:
    cells = []
    for col, value in enumerate(values):
        if value is None:
            continue
        ref = f"{letters[col]}{number}"
        kind = type(value)
        if kind is int or kind is float:
            cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            continue
        if kind is bool:
            cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            continue
        if kind is not str:
            value = str(value)  # a Timestamp, a Decimal...: its text, never its repr
        if col in dates and len(value) == 10:
            try:
                serial = (dt.date.fromisoformat(value) - _DAY_ZERO).days
                cells.append(f'<c r="{ref}" s="{_DATE}"><v>{serial}</v></c>')
                continue
            except ValueError:
                pass
        s = style or (_QUOTED if value[:1] in FORMULA_TRIGGERS else 0)
        cells.append(
            f'<c r="{ref}"{f" s={chr(34)}{s}{chr(34)}" if s else ""} t="inlineStr">'
            f'<is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'
        )
    return f'<row r="{number}">{"".join(cells)}</row>'


def stream_xlsx(out, sheets: Iterable[SheetRows], progress=None) -> dict[str, int]:
    """Write ``sheets`` as one workbook to ``out`` (a path or a binary file), row by row, where
    openpyxl builds an object per cell. Text is an inline string, never a formula;
    ``progress(rows written)`` every 5,000 rows. Returns the data rows per sheet."""
    counts: dict[str, int] = {}
    written = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for number, sheet in enumerate(sheets, start=1):
            width = max(len(sheet.header), len(sheet.widths), 1)
            letters = [get_column_letter(n) for n in range(1, width + 1)]
            with book.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as part:
                part.write(
                    PARTS.get_template("sheet_start.xml").render(widths=sheet.widths).encode()
                )
                part.write(_cells(sheet.header, 1, letters, (), _BOLD).encode())
                chunk, count = [], 0
                for count, row in enumerate(sheet.rows, start=1):
                    style = None
                    if sheet.wrapped:
                        style = _BOLD if count in sheet.headings else _WRAPPED
                    chunk.append(_cells(row, count + 1, letters, sheet.dates, style))
                    if len(chunk) == 5000:
                        part.write("".join(chunk).encode())
                        chunk = []
                        if progress:
                            progress(written + count)
                part.write(("".join(chunk) + "</sheetData></worksheet>").encode())
            counts[sheet.name] = count
            written += count
        names = [_xml_text(name) for name in counts]
        for path, template in (
            ("[Content_Types].xml", "content_types.xml"),
            ("_rels/.rels", "package.rels"),
            ("xl/workbook.xml", "workbook.xml"),
            ("xl/_rels/workbook.xml.rels", "workbook.xml.rels"),
            ("xl/styles.xml", "styles.xml"),
        ):
            book.writestr(path, PARTS.get_template(template).render(names=names))
    return counts


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per frame (in order, no index), by :func:`stream_xlsx`:
    the one XLSX writer, so small downloads follow the same rule as the whole export."""
    buffer = io.BytesIO()
    stream_xlsx(
        buffer,
        [
            SheetRows(
                name,
                [str(column) for column in frame.columns],
                # Python values (NumPy's repr is not a number), a missing one None, not NaN
                frame.astype(object).where(frame.notna(), None).itertuples(False, None),
            )
            for name, frame in sheets.items()
        ],
    )
    return buffer.getvalue()
