"""A file that is not a letter, dropped on Add a letter's uploader (dragging bypasses the file
dialog's filter), is refused by name with what to upload instead (QA 13); a spreadsheet is
pointed to Import and export."""

from __future__ import annotations

import io

import openpyxl
import pytest
from clikit import assert_rejected
from filemaker import docx_bytes

from tracker import reading
from tracker.reading import ReadError

FORMATS = "upload a .pdf (with a text layer), .docx, .html, .txt or .md."
TO_IMPORT = "To bring in a spreadsheet of asks, use Import and export."


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Ask", "Status"])
    book.active.append(["Free the press", "In progress"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "content_type", "message"),
    [
        (_xlsx(), "hand_kept.xlsx", "", f"hand_kept.xlsx is not a letter: {FORMATS} {TO_IMPORT}"),
        # the same workbook renamed, as a browser sends it
        (_xlsx(), "tracker", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         f"tracker is not a letter: {FORMATS} {TO_IMPORT}"),
        (b"Ask,Status\nFree the press,In progress\n", "asks.csv", "text/csv",
         f"asks.csv is not a letter: {FORMATS} {TO_IMPORT}"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.png", "image/png",
         f"photo.png is not a letter: {FORMATS}"),
    ],
)  # fmt: skip
def test_an_upload_that_is_not_a_letter_is_refused_by_name(data, name, content_type, message):
    with pytest.raises(ReadError) as refused:
        reading.from_bytes(data, name, content_type)
    assert refused.value.message == message
    assert reading.is_spreadsheet(name, content_type) == (TO_IMPORT in message)


def test_a_word_file_without_its_suffix_is_still_read():
    document = reading.from_bytes(docx_bytes(), "letter", "")
    assert document.kind == "docx" and document.text


def test_the_cli_names_a_spreadsheet_in_its_own_words(runner, demo_file, tmp_path):
    """The same refusal from 'tracker extract' and 'tracker intake', pointing to the CLI's
    importer rather than the app's page."""
    path = tmp_path / "hand_kept.xlsx"
    path.write_bytes(_xlsx())
    for command in (["extract", str(path)], ["intake", str(path), "--accept-all"]):
        assert_rejected(
            runner,
            demo_file,
            command,
            "hand_kept.xlsx is not a letter: give a .pdf (with a text layer), .docx, .html, "
            ".txt or .md. To bring in a spreadsheet of asks, use 'tracker import'.",
        )
