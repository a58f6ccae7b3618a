"""Every CSV and XLSX the product writes is inert in a spreadsheet (OWASP's CSV injection rule),
whatever pandas stores the text as."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from tracker import records, report, snapshots
from tracker.spreadsheets import SheetRows, csv_bytes, looks_like_formula, stream_xlsx, xlsx_bytes

RUNNABLE = [
    '=HYPERLINK("https://evil.example.org","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
]


def _csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize("dtype", ["str", object])
def test_csv_neutralises_formula_text_in_any_text_column(dtype):
    """Regression: only ``object`` columns were checked, and pandas 3 keeps text as ``str``."""
    frame = pd.DataFrame({"note": RUNNABLE, "n": range(len(RUNNABLE))}).astype({"note": dtype})
    rows = _csv_cells(csv_bytes(frame))
    assert [row[0] for row in rows[1:]] == ["'" + value for value in RUNNABLE]
    assert [row[1] for row in rows[1:]] == [str(n) for n in range(len(RUNNABLE))]


def test_csv_leaves_numbers_and_plain_text_alone():
    frame = pd.DataFrame({"value": [-5.5, 3.0], "text": ["a - b", "x@y.org"], "neg": [-1, 2]})
    assert _csv_cells(csv_bytes(frame))[1:] == [["-5.5", "a - b", "-1"], ["3.0", "x@y.org", "2"]]


def test_xlsx_cells_are_strings_never_formulas():
    frame = pd.DataFrame({"note": pd.array(RUNNABLE, dtype="str"), "value": range(7)})
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"asks": frame})))
    cells = [row[0] for row in book["asks"].iter_rows(min_row=2)]
    # (XML may read a carriage return back as a line feed: openpyxl without lxml does)
    assert [c.data_type for c in cells] == ["s"] * len(RUNNABLE)
    assert all(c.value in (v, v.replace("\r", "\n")) for c, v in zip(cells, RUNNABLE, strict=True))
    assert all(c.quotePrefix for c in cells)
    assert [row[1].value for row in book["asks"].iter_rows(min_row=2)] == list(range(7))


def test_streamed_workbook_keeps_text_text_dates_dates_and_numbers_numbers():

    odd = ["a < b & c > d", "  padded  ", "line\r\nbreak", "bell\x07gone", "_x0041_ stays"]
    rows = [(text, "2024-03-01", n, -1.5) for n, text in enumerate(RUNNABLE + odd)]
    buffer = io.BytesIO()
    counts = stream_xlsx(
        buffer, [SheetRows("notes", ["Note", "Date", "N", "Value"], rows, frozenset({1}))]
    )
    assert counts == {"notes": len(rows)}
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    cells = list(book["notes"].iter_rows(min_row=2))
    assert [c[0].data_type for c in cells] == ["s"] * len(rows)
    assert [c[0].quotePrefix for c in cells] == [True] * len(RUNNABLE) + [False] * len(odd)
    assert {c[1].value for c in cells} == {dt.datetime(2024, 3, 1)}
    assert cells[0][1].number_format == "yyyy-mm-dd"
    assert [c[2].value for c in cells] == list(range(len(rows))) and cells[0][3].value == -1.5
    assert book["notes"].freeze_panes == "A2" and cells[0][0].font.b is False
    # and read back exactly (calamine, as the import reads it; OOXML's _xHHHH_ escapes)
    grid = CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue())).get_sheet_by_index(0)
    texts = [row[0] for row in grid.to_python()[1:]]
    assert texts == RUNNABLE + odd


def test_snapshot_csvs_neutralise_formula_notes(one_ask):
    db, ask = one_ask
    for day, note in enumerate(RUNNABLE[:4], start=1):
        records.record_status_update(
            db, ask, "in_progress", effective_date=f"2024-03-0{day}", note=note, visibility="public"
        )
    content = snapshots.build_content(db, "2024-06-30", title="=cmd|' /C calc'!A0")
    rows = _csv_cells(report.export(content, "asks.csv"))
    header = rows[0]
    assert rows[1][header.index("Latest public note")] == "'" + RUNNABLE[3]
    for kind in report.CSV_TABLES:
        for row in _csv_cells(report.export(content, kind)):
            assert not any(looks_like_formula(cell) for cell in row), (kind, row)
    assert json.loads(json.dumps(content))["title"].startswith("=")


def test_every_csv_and_xlsx_writer_goes_through_the_neutraliser():
    """Regression: the app's CSV downloads (webapp/common.py) wrote ``frame.to_csv`` as is.
    Only tracker/spreadsheets.py may call pandas' CSV or Excel writers."""
    root = Path(__file__).resolve().parent.parent
    writers = {"to_csv", "to_excel", "ExcelWriter"}
    offenders = []
    for path in [
        root / "app.py",
        *(root / "tracker").rglob("*.py"),
        *(root / "webapp").rglob("*.py"),
    ]:
        if path.name == "spreadsheets.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in writers:
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []


def test_small_workbooks_write_any_pandas_value_as_a_cell():
    """xlsx_bytes streams frames too: a boolean stays a boolean, a missing value is an empty
    cell (not "nan" or "<NA>"), anything else (a timestamp) is its text, never Python's repr."""
    frame = pd.DataFrame(
        {"when": pd.to_datetime(["2024-03-01"]), "ok": [True], "n": [pd.NA], "x": [float("nan")]}
    ).astype({"n": "Int64"})
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"s": frame})))
    assert list(book["s"].iter_rows(values_only=True)) == [
        ("when", "ok", "n", "x"),
        ("2024-03-01 00:00:00", True, None, None),
    ]
