"""Reading a letter: pasted text, an uploaded file (.pdf, .docx, .html, .txt, .md) or a link,
turned into plain text. Nothing here writes; every failure is a ReadError sentence that tells
the person what to do instead (paste the text, upload a Word file...).

Limits (product decisions, documented in the README): files and downloads up to
``MAX_BYTES``; text up to ``MAX_CHARS``; links over http(s) only, answered within
``LINK_TIMEOUT`` seconds, and never to private or loopback addresses unless an administrator
allows them (``tracker.intake.set_private_links``; the tests use it for a local server).
"""

from __future__ import annotations

import io
import ipaddress
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import docx
import trafilatura
from docx.opc.exceptions import PackageNotFoundError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from tracker.errors import ValidationError, not_a_web_address

MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a long letter with images; more is not a letter
MAX_CHARS = 400_000  # about 100 pages of text
LINK_TIMEOUT = 10.0  # seconds for the whole answer
MIN_PAGE_WORDS = 20  # a web page with less text than this is a menu or a shell, not a letter
PRIVATE_LINKS_SETTING = "links_to_private_addresses"


class ReadError(ValidationError):
    """The letter could not be read; the message says why and what to do."""


@dataclass(frozen=True)
class Document:
    """A letter's text and where it came from (``url`` only for links)."""

    text: str
    source: str  # "pasted", a file name, or the link
    kind: str  # "text", "pdf", "docx", "html"
    url: str | None = None
    title: str = ""  # a title the format itself carries (web page, PDF metadata)


def _clean(text: str, source: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise ReadError(f"{source} holds no text: paste the letter's text instead.", "source")
    if len(text) > MAX_CHARS:
        raise ReadError(
            f"{source} is longer than {MAX_CHARS:,} characters (about 100 pages): "
            "paste only the letter itself.",
            "source",
        )
    return text


def from_text(text: str, source: str = "The pasted text") -> Document:
    """Pasted text, as typed."""
    return Document(_clean(text or "", source), "pasted", "text")


def _too_big(source: str, size: int, field: str = "source") -> ReadError:
    return ReadError(
        f"{source} is {size / 1e6:.1f} MB: the limit is {MAX_BYTES // 2**20} MB.", field
    )


def _pdf(data: bytes, source: str) -> tuple[str, str]:
    encrypted = ReadError(
        f"{source} is an encrypted PDF: save it without a password, or paste its text.", "source"
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise encrypted
        text = "\n\n".join((page.extract_text() or "") for page in reader.pages)
        title = str((reader.metadata or {}).get("/Title") or "")
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        if "decrypt" in str(error).lower() or "encrypt" in str(error).lower():
            raise encrypted from None
        raise ReadError(
            f"{source} is not a readable PDF: paste its text instead.", "source"
        ) from None
    if not text.strip():
        raise ReadError(
            f"{source}: this PDF is a scan: paste its text or upload a Word file.", "source"
        )
    return _unwrap(text), title


def _unwrap(text: str) -> str:
    """PDF text comes in printed lines: join a line to the next when the sentence goes on
    (no end punctuation, next line starts in lower case), and mend words hyphenated at a break."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return re.sub(r"(?<=[\w,;(])[ \t]*\n(?=[ \t]*[a-záéíóúñ(])", " ", text)


def _docx(data: bytes, source: str) -> tuple[str, str]:
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ReadError(
            f"{source} is not a readable Word file: paste its text instead.", "source"
        ) from None
    lines = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        if text and (style.lower().startswith("list") or numbered):
            text = f"- {text}"  # Word keeps numbering apart from the text: mark the list item
        lines.append(text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(line for line in lines if line), ""


def _html(data: bytes, source: str) -> tuple[str, str]:
    html = _decode(data, source)
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title if metadata else "") or ""
    if not text or len(text.split()) < MIN_PAGE_WORDS:
        raise ReadError(
            f"{source} has no readable text (a menu or a few words at most): "
            "paste the letter's text.",
            "source",
        )
    return text, title


def _decode(data: bytes, source: str) -> str:
    """Bytes of unknown encoding as text (UTF-8 first, then charset-normalizer's best guess);
    binary data is refused."""
    binary = ReadError(
        f"{source} is not text (it looks like a binary file): "
        "upload a .pdf, .docx, .html, .txt or .md file.",
        "source",
    )
    if b"\x00" in data[:4096]:
        raise binary
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise binary
    return str(best)


# what a spreadsheet is called or sent as: a letter it is not (Import and export reads those)
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv")
SPREADSHEET_TYPES = ("spreadsheetml", "ms-excel", "opendocument.spreadsheet", "text/csv")
UPLOAD_FORMATS = ".pdf (with a text layer), .docx, .html, .txt or .md"


def is_spreadsheet(name: str, content_type: str = "", data: bytes = b"") -> bool:
    """Whether an upload is a spreadsheet (by its name, type or a workbook's parts), which the
    importer reads, not the letter reader: the person is sent there."""
    lowered = name.lower().split("?")[0]
    return (
        lowered.endswith(SPREADSHEET_SUFFIXES)
        or any(kind in content_type for kind in SPREADSHEET_TYPES)
        or (data.startswith(b"PK") and b"xl/workbook.xml" in data)
    )


def _kind(name: str, data: bytes, content_type: str = "") -> str:
    lowered = name.lower().split("?")[0]
    if is_spreadsheet(name, content_type, data):
        return "spreadsheet"
    if data.startswith(b"%PDF") or lowered.endswith(".pdf") or "pdf" in content_type:
        return "pdf"
    if (
        lowered.endswith(".docx")
        or "wordprocessingml" in content_type
        or (data.startswith(b"PK") and b"word/document.xml" in data)
    ):
        return "docx"
    head = data[:2048].lower()
    if (
        lowered.endswith((".html", ".htm"))
        or "html" in content_type
        or b"<html" in head
        or b"<!doctype html" in head
    ):
        return "html"
    if lowered.endswith((".txt", ".md")) or content_type.startswith("text/") or not content_type:
        return "text"
    return "other"


# what to do instead of giving a file that is not a letter, as the app and the CLI say it
NOT_A_LETTER = {
    "app": ("upload", "use Import and export"),
    "cli": ("give", "use 'tracker import'"),
}


def from_bytes(
    data: bytes, name: str, content_type: str = "", url: str | None = None, *, via: str = "app"
) -> Document:
    """An uploaded (or downloaded) file, read by what it is: its first bytes, then its name.
    ``via`` ("app" or "cli") words what to do with a file that is not a letter."""
    source = url or name or "The file"
    if len(data) > MAX_BYTES:
        raise _too_big(source, len(data))
    if not data:
        raise ReadError(f"{source} is empty.", "source")
    kind = _kind(name, data, content_type)
    readers = {"pdf": _pdf, "docx": _docx, "html": _html, "text": lambda *a: (_decode(*a), "")}
    if kind not in readers and url is None:  # an upload: said by its name, with what to do
        give, importer = NOT_A_LETTER[via]
        raise ReadError(
            f"{source} is not a letter: {give} a {UPLOAD_FORMATS}."
            + (f" To bring in a spreadsheet of asks, {importer}." if kind == "spreadsheet" else ""),
            "source",
        )
    if kind not in readers:
        raise ReadError(
            f"{source} is not a document ({content_type or 'unknown type'}): "
            "link to a web page, PDF or Word file.",
            "source",
        )
    text, title = readers[kind](data, source)  # (with a title the format carries, if any)
    return Document(_clean(text, source), url or name, kind, url, title.strip())


def check_link(url: str, allow_private: bool = False) -> None:
    """Refuse what the server must not fetch: other schemes, private and loopback hosts."""
    text = (url or "").strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ReadError(not_a_web_address(text, "The link"), "url")
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        raise ReadError(f"The address {host} could not be found: check the link.", "url") from None
    if allow_private:
        return
    kinds = ("private", "loopback", "link_local", "reserved", "multicast", "unspecified")
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if any(getattr(address, f"is_{kind}") for kind in kinds):
            raise ReadError(
                f"The link points to a private or local address ({host}): the server does "
                "not fetch those unless an administrator allows it.",
                "url",
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to an address the first link could have named."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_link(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def from_link(url: str, *, allow_private: bool = False, timeout: float = LINK_TIMEOUT) -> Document:
    """Fetch a letter over http(s) and read it; the link is kept as the letter's source."""
    url = url.strip()
    check_link(url, allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    request = urllib.request.Request(
        url, headers={"User-Agent": "AdvocacyTracker/0.1 (letter intake)"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = (response.headers.get("Content-Type") or "").lower()
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BYTES:
                raise _too_big(url, int(length), "url")
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise ReadError(
            f"{url} answered {error.code} ({error.reason}): check the link.", "url"
        ) from None
    except (TimeoutError, urllib.error.URLError) as error:
        if isinstance(getattr(error, "reason", error), TimeoutError):  # (a URLError wraps one)
            raise ReadError(
                f"{url} did not answer within {timeout:g} seconds: "
                "try again later or upload the file.",
                "url",
            ) from None
        raise ReadError(f"{url} could not be reached ({error.reason}).", "url") from None
    except (OSError, ValueError) as error:
        raise ReadError(f"{url} could not be read ({error}).", "url") from None
    if len(data) > MAX_BYTES:
        raise ReadError(f"{url} is larger than the {MAX_BYTES // 2**20} MB limit.", "url")
    documents = ("pdf", "html", "wordprocessingml")
    if content_type and not (
        content_type.startswith("text/") or any(kind in content_type for kind in documents)
    ):
        raise ReadError(
            f"{url} is not a document ({content_type.split(';')[0]}): "
            "link to a web page, PDF or Word file.",
            "url",
        )
    name = urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]
    try:
        return from_bytes(data, name, content_type, url=url)
    except ReadError as error:
        raise ReadError(error.message, "url") from None


def read_source(
    source: str, *, allow_private: bool = False, timeout: float = LINK_TIMEOUT
) -> Document:
    """What the CLI reads: a link when it looks like one, else a file path."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source.strip()):
        return from_link(source, allow_private=allow_private, timeout=timeout)
    path = Path(source)
    if not path.is_file():
        raise ReadError(f"There is no file {source}.", "source")
    if path.stat().st_size > MAX_BYTES:
        raise _too_big(source, path.stat().st_size)
    return from_bytes(path.read_bytes(), path.name, via="cli")
