"""Real letter files for the reading tests, made by the libraries that write them: PDFs with
a text layer (fpdf2), a scanned-looking PDF (a drawing, no text), an encrypted PDF, Word files
(python-docx, numbered list items included), and a local web server that serves them."""

from __future__ import annotations

import contextlib
import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import docx
from fpdf import FPDF

PARAGRAPHS = [
    "March 3, 2024",
    "Dear Secretary Example,",
    "We write about the safety of journalists in Mexico, where reporters keep being attacked.",
    "We urge you to press the Mexican government to fund the Protection Mechanism in full.",
    "The Department should publish a yearly report on attacks against the press.",
    "Sincerely,",
    "Center for Press Freedom in the Americas",
    "Red de Defensores Comunitarios",
]


def pdf_bytes(paragraphs: list[str] = PARAGRAPHS, *, password: str | None = None) -> bytes:
    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def scan_pdf_bytes() -> bytes:
    """A page with only a picture-like drawing: what a scanner gives, no text layer."""
    pdf = FPDF()
    pdf.add_page()
    for row in range(40):
        pdf.rect(20, 20 + row * 6, 150 - (row % 7) * 9, 3, style="F")
    return bytes(pdf.output())


def long_pdf_bytes(pages: int = 10) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for page in range(pages):
        pdf.add_page()
        for n in range(12):
            pdf.multi_cell(
                0,
                5,
                f"Paragraph {page}-{n}: the situation described here has lasted for years and "
                "the organizations that sign this letter have documented it in detail, with "
                "testimonies from the families affected and from local officials.",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    return bytes(pdf.output())


def docx_bytes(paragraphs: list[str] = PARAGRAPHS, items: list[str] = ()) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs[:3]:
        document.add_paragraph(paragraph)
    if items:
        document.add_paragraph("We therefore urge you to:")
        for item in items:
            document.add_paragraph(item, style="List Number")
    for paragraph in paragraphs[3:]:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


HTML = """<!doctype html><html><head><title>Groups urge action on press freedom</title></head>
<body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
<article><h1>Groups urge action on press freedom</h1>
<p>March 3, 2024</p>
<p>Dear Secretary Example,</p>
<p>We write about the safety of journalists in Mexico, where reporters keep being attacked
and the authorities rarely find those responsible.</p>
<p>We urge you to press the Mexican government to fund the Protection Mechanism in full.</p>
<p>Sincerely,</p><p>Center for Press Freedom in the Americas</p></article>
<footer>Copyright and privacy policy</footer></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self):  # noqa: N802 (the http.server API)
        if self.path == "/slow":
            time.sleep(3)
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@contextlib.contextmanager
def letter_server() -> Iterator[str]:
    """A web server on 127.0.0.1 (a free port) serving letters and bad answers; stopped after."""
    _Handler.routes = {
        "/letter.html": (200, "text/html; charset=utf-8", HTML.encode()),
        "/letter.pdf": (200, "application/pdf", pdf_bytes()),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/slow": (200, "text/plain", b"late"),
        "/gone": (410, "text/plain", b"gone"),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
