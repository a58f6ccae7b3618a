"""Files in tests: what a person would find inside an exported one, and a workbook saved."""

from __future__ import annotations

import io
import zipfile


def xlsx_text(data: bytes) -> str:
    """Every XML part of an xlsx file, as one text."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return "\n".join(
            book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml")
        )


def saved(book) -> bytes:
    """An openpyxl workbook as the bytes of the file a person would save."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
