"""CSV and XLSX files a spreadsheet opens without running anything in them.

Notes, titles and sources are typed by people and copied from the web; a cell such as
``=HYPERLINK("https://evil.example.org", "click")`` or ``@SUM(...)`` would run as a formula when
a donor opens the file in Excel or LibreOffice (CSV or formula injection). Every CSV and XLSX
the product writes goes through :func:`csv_bytes` or :func:`xlsx_bytes`, which apply OWASP's
rule through :func:`looks_like_formula`: text starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return (or their full-width forms) is made inert. In a CSV it gets a leading
apostrophe (spreadsheets show the text and hide the apostrophe); in an XLSX every text cell is
stored as a string, never a formula, and such cells are marked "quote prefix" so that editing
one keeps it text. Numbers stay numbers (a negative number is not text).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def looks_like_formula(value: object) -> bool:
    """True for text a spreadsheet would read as a formula (OWASP's first characters)."""
    return isinstance(value, str) and value[:1] in FORMULA_TRIGGERS


def _behind_apostrophes(value: object) -> bool:
    return isinstance(value, str) and value.lstrip("'")[:1] in FORMULA_TRIGGERS


def neutralise_text(value: object) -> object:
    """One CSV cell made inert: formula-like text gets a leading apostrophe. So does such
    text already behind apostrophes, so that :func:`restore_text` undoes this exactly (an
    import reads back what an export wrote)."""
    return "'" + value if _behind_apostrophes(value) else value


def restore_text(text: str) -> str:
    """What :func:`neutralise_text` was given: its apostrophe comes off again."""
    return text[1:] if text[:1] == "'" and _behind_apostrophes(text) else text


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose formula-like text cells start with an apostrophe: what a CSV
    must hold. Checks every column, whatever its dtype (pandas 3 keeps text as ``str``, an
    object column may mix text and numbers)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_datetime64_any_dtype(values):
            continue
        if values.map(looks_like_formula).any():
            out[column] = values.astype(object).map(neutralise_text)
    out.columns = [neutralise_text(c) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV (no index), formula-like text neutralised. Lines end in CRLF
    (RFC 4180), so that a cell holding a carriage return or a line break is quoted too."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per frame (in order, no index): every text cell a string,
    never a formula, and formula-like text kept as typed but quote-prefixed."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
        for sheet in writer.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    # openpyxl stores text starting with "=" as a formula: keep it text
                    if cell.data_type == "f":
                        cell.data_type = "s"
                    if looks_like_formula(cell.value):
                        cell.quotePrefix = True
    return buffer.getvalue()


# --- a large workbook, streamed -------------------------------------------------------------

_DAY_ZERO = dt.date(1899, 12, 30)  # day 0 of a spreadsheet's date serial numbers
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 cannot hold them: _xHHHH_
_LOOKS_ESCAPED = re.compile("_(x[0-9A-Fa-f]{4}_)")  # typed text like that is escaped itself
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_BOLD, _DATE, _QUOTED = 1, 2, 3  # the cellXfs above
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass
class SheetRows:
    """One sheet of a streamed workbook: its header, its rows (an iterator of tuples of str,
    int, float or None), the columns holding ISO dates (written as date cells) and each
    column's width."""

    name: str
    header: list[str]
    rows: Iterable[tuple]
    dates: frozenset[int] = frozenset()
    widths: list[int] = field(default_factory=list)


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
        if type(value) is str:
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
        else:
            cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def stream_xlsx(out, sheets: Iterable[SheetRows], progress=None) -> dict[str, int]:
    """Write ``sheets`` as one workbook to ``out`` (a path or a binary file), row by row into
    the zip: 300,000 rows in seconds, where openpyxl and xlsxwriter spend about 10 µs a cell.
    The same rule as :func:`xlsx_bytes`: every text an inline string, never a formula, and
    formula-like text quote-prefixed. The header row is bold and stays in view.
    ``progress(rows written)`` is called every 5,000 rows. Returns the data rows per sheet."""
    counts: dict[str, int] = {}
    written = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for number, sheet in enumerate(sheets, start=1):
            width = max(len(sheet.header), len(sheet.widths), 1)
            letters = [get_column_letter(n) for n in range(1, width + 1)]
            with book.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as part:
                cols = "".join(
                    f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>'
                    for n, w in enumerate(sheet.widths, start=1)
                )
                part.write(
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<worksheet xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheetViews>'
                    '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
                    f"{f'<cols>{cols}</cols>' if cols else ''}<sheetData>".encode()
                )
                part.write(_cells(sheet.header, 1, letters, (), _BOLD).encode())
                chunk, count = [], 0
                for count, row in enumerate(sheet.rows, start=1):
                    chunk.append(_cells(row, count + 1, letters, sheet.dates))
                    if len(chunk) == 5000:
                        part.write("".join(chunk).encode())
                        chunk = []
                        if progress:
                            progress(written + count)
                part.write(("".join(chunk) + "</sheetData></worksheet>").encode())
            counts[sheet.name] = count
            written += count
        names = list(counts)
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for n in range(1, len(names) + 1)
            )
            + "</Types>",
        )
        book.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{_PACKAGE_RELS}"><Relationship Id="rId1" Type="{_RELS}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        book.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>'
            + "".join(
                f'<sheet name="{_xml_text(name)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, name in enumerate(names, start=1)
            )
            + "</sheets></workbook>",
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{_PACKAGE_RELS}">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{_RELS}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(names) + 1)
            )
            + f'<Relationship Id="rId{len(names) + 1}" Type="{_RELS}/styles" '
            'Target="styles.xml"/></Relationships>',
        )
        book.writestr("xl/styles.xml", _STYLES)
    return counts
