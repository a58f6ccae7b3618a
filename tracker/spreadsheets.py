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

import io

import pandas as pd

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
