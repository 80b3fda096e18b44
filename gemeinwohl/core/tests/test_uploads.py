"""Uploaded files are judged by their content, not their name, and only ever handed out as downloads."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gemeinwohl.core.uploads import DOCUMENT_KINDS, PDF, PNG, check_upload

LIMIT = 1024 * 1024
PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def office_file(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_BYTES = office_file({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX_BYTES = office_file({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT_BYTES = office_file({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")  # the browser's claim is ignored


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("protokoll.pdf", PDF_BYTES, "pdf"),
        ("foto.PNG", PNG_BYTES, "png"),
        ("foto.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "jpeg"),
        ("antrag.docx", DOCX_BYTES, "docx"),
        ("haushalt.xlsx", XLSX_BYTES, "xlsx"),
        ("text.odt", ODT_BYTES, "odt"),
    ],
)
def test_known_documents_are_accepted_by_their_content(name, content, kind):
    checked = check_upload(upload(name, content), max_bytes=LIMIT)
    assert checked.kind.key == kind
    assert checked.size == len(content)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("einladung.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("grafik.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("grafik.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("seite.html", b"<html></html>"),
        ("programm.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("archiv.zip", office_file({"readme.txt": b"hallo"})),
        ("kaputt.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_anything_else_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content), max_bytes=LIMIT)
    assert "Dieser Dateityp ist nicht erlaubt" in str(error.value)
    assert error.value.code == "type_not_allowed"


def test_a_name_that_lies_about_the_content_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("bild.pdf", PNG_BYTES), max_bytes=LIMIT)
    assert "muss auf .png enden" in str(error.value)


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("gross.pdf", PDF_BYTES + b"0" * LIMIT), max_bytes=LIMIT)
    assert error.value.code == "too_large"
    assert "zu groß" in str(error.value)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("leer.pdf", b""), max_bytes=LIMIT)
    assert error.value.code == "empty"


def test_only_the_allowed_kinds_pass():
    with pytest.raises(ValidationError):
        check_upload(upload("protokoll.pdf", PDF_BYTES), kinds=(PNG,), max_bytes=LIMIT)
    assert PDF in DOCUMENT_KINDS
