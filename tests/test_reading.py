"""Reading letters in every format we accept, from files made here by the libraries that write
them, and from a local web server; and every bad input refused with a sentence."""

from __future__ import annotations

import pytest
from filemaker import (
    HTML,
    PARAGRAPHS,
    docx_bytes,
    letter_server,
    long_pdf_bytes,
    pdf_bytes,
    scan_pdf_bytes,
)

from tracker import reading
from tracker.drafting import draft_letter
from tracker.reading import ReadError

ASK = "We urge you to press the Mexican government to fund the Protection Mechanism in full."


def test_pdf_with_a_text_layer_is_read_and_drafted():
    document = reading.from_bytes(pdf_bytes(), "letter.pdf")
    assert document.kind == "pdf"
    assert ASK in " ".join(document.text.split())
    draft = draft_letter(None, document.text)
    assert [a.text for a in draft.asks][:1] == [ASK]
    assert draft.date == "2024-03-03"
    assert draft.author_org == "Center for Press Freedom in the Americas"


def test_a_ten_page_pdf_is_read_whole():
    document = reading.from_bytes(long_pdf_bytes(10), "long.pdf")
    assert "Paragraph 9-11" in document.text
    assert "Paragraph 0-0" in document.text


def test_docx_paragraphs_and_numbered_items_become_asks():
    items = ["Fund the Protection Mechanism in full.", "Publish a yearly report on attacks."]
    document = reading.from_bytes(docx_bytes(items=items), "letter.docx")
    assert document.kind == "docx"
    assert "- Fund the Protection Mechanism in full." in document.text
    titles = [a.title for a in draft_letter(None, document.text).asks]
    assert "Fund the Protection Mechanism in full" in titles
    assert "Publish a yearly report on attacks" in titles


def test_html_keeps_the_article_and_drops_the_navigation():
    document = reading.from_bytes(HTML.encode(), "letter.html")
    assert document.kind == "html"
    assert ASK in " ".join(document.text.split())
    assert "privacy policy" not in document.text
    assert document.title == "Groups urge action on press freedom"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_text_of_unknown_encoding_is_decoded(encoding):
    text = "Ciudad de México, 3 de marzo de 2024\n\nExhortamos a la Comisión de Búsqueda a actuar."
    if encoding == "utf-16":
        # UTF-16 carries NUL bytes: it is refused as binary unless marked; a BOM marks it
        data = text.encode("utf-16")
        with pytest.raises(ReadError, match="not text"):
            reading.from_bytes(data, "carta.txt")
        return
    document = reading.from_bytes(text.encode(encoding), "carta.txt")
    assert "Búsqueda" in document.text
    assert "México" in document.text


def test_pasted_text_is_kept_as_typed():
    document = reading.from_text("  Dear Minister,\r\n\r\nWe urge you to act now.  ")
    assert document.text == "Dear Minister,\n\nWe urge you to act now."
    assert document.kind == "text" and document.url is None


BAD_FILES = [
    (b"", "letter.txt", "is empty"),
    (b"\x00\x01\x02\x03binary\x00data", "letter.bin", "not text"),
    (b"%PDF-1.4\nthis is not really a pdf", "letter.pdf", "not a readable PDF"),
    (b"PK\x03\x04 not a word file", "letter.docx", "not a readable Word file"),
    (b"<html><body><nav>Home</nav></body></html>", "page.html", "no readable text"),
    (b"   \n\n  ", "blank.txt", "holds no text"),
]


@pytest.mark.parametrize(("data", "name", "message"), BAD_FILES)
def test_bad_files_are_refused_with_a_sentence(data, name, message):
    with pytest.raises(ReadError, match=message):
        reading.from_bytes(data, name)


def test_a_scanned_pdf_is_refused_with_what_to_do():
    with pytest.raises(ReadError, match="this PDF is a scan: paste its text or upload a Word"):
        reading.from_bytes(scan_pdf_bytes(), "scan.pdf")


def test_an_encrypted_pdf_is_refused():
    with pytest.raises(ReadError, match="encrypted PDF"):
        reading.from_bytes(pdf_bytes(password="secret"), "locked.pdf")


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(ReadError, match="the limit is 10 MB"):
        reading.from_bytes(b"a" * (reading.MAX_BYTES + 1), "huge.txt")


def test_text_over_the_character_limit_is_refused():
    with pytest.raises(ReadError, match="longer than 400,000 characters"):
        reading.from_text("word " * 90_000)


# --- links ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            "www.example.org/letter",
            "The link is not a web address yet: add https:// before the www.",
        ),
        ("ftp:/letters/1", "The link 'ftp:/letters/1' is not a web address: it must start with"),
    ],
)
def test_a_link_that_is_no_web_address_is_refused_without_linking_it(typed, said):
    """A refused "www." link was quoted in its error, which the page showed as a link to it
    (QA 2026-12-02, as for the evidence field); what markdown would not link is quoted."""
    with pytest.raises(ReadError) as refused:
        reading.check_link(typed)
    assert refused.value.message.startswith(said)
    assert refused.value.field == "url"


@pytest.fixture(scope="module")
def server():
    with letter_server() as url:
        yield url


def test_links_to_loopback_are_refused_unless_allowed(server):
    with pytest.raises(ReadError, match="private or local address"):
        reading.from_link(f"{server}/letter.html")
    document = reading.from_link(f"{server}/letter.html", allow_private=True)
    assert document.url == f"{server}/letter.html"
    assert ASK in " ".join(document.text.split())


def test_a_linked_pdf_is_read(server):
    document = reading.from_link(f"{server}/letter.pdf", allow_private=True)
    assert document.kind == "pdf"
    assert PARAGRAPHS[-1] in document.text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "answered 404"),
        ("/gone", "answered 410"),
        ("/image.png", r"is not a document \(image/png\)"),
    ],
)
def test_bad_links_are_refused_with_a_sentence(server, path, message):
    with pytest.raises(ReadError, match=message):
        reading.from_link(f"{server}{path}", allow_private=True)


def test_a_link_that_does_not_answer_in_time(server):
    with pytest.raises(ReadError, match="did not answer within 0.5 seconds"):
        reading.from_link(f"{server}/slow", allow_private=True, timeout=0.5)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/letter.pdf", "not a web address"),
        ("file:///etc/passwd", "not a web address"),
        ("javascript:alert(1)", "not a web address"),
        ("http://10.1.2.3/letter", "private or local address"),
        ("http://localhost/letter", "private or local address"),
        ("http://[::1]/letter", "private or local address"),
        ("http://169.254.169.254/latest/meta-data", "private or local address"),
    ],
)
def test_links_the_server_must_not_fetch(url, message):
    with pytest.raises(ReadError, match=message):
        reading.from_link(url)
