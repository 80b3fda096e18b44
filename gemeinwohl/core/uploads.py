"""Checking uploaded files by what they contain, and handing them out safely.

The type comes from the file's first bytes (and, for office files, from the
ZIP container's inventory), never from its name or the browser's claim. An
HTML or SVG file renamed to .pdf is refused. Files are only ever sent as
attachments, with the checked type and ``nosniff``.
"""

import hashlib
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileKind("pdf", "PDF", "application/pdf", (".pdf",))
PNG = FileKind("png", "PNG", "image/png", (".png",))
JPEG = FileKind("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg"))
ODT = FileKind("odt", "ODT", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = FileKind("ods", "ODS", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
DOCX = FileKind("docx", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileKind("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))

DOCUMENT_KINDS = (PDF, ODT, ODS, DOCX, XLSX, PNG, JPEG)


def _zip_kind(upload) -> FileKind | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", errors="replace").strip()
                return {ODT.content_type: ODT, ODS.content_type: ODS}.get(mimetype)
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def sniff(upload) -> FileKind | None:
    """The kind of file ``upload`` really is, among the kinds we know, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(upload)
        return None
    finally:
        upload.seek(0)


@dataclass(frozen=True)
class CheckedFile:
    kind: FileKind
    name: str
    size: int
    sha256: str


def check_upload(upload, *, kinds=DOCUMENT_KINDS, max_bytes: int) -> CheckedFile:
    """Accept ``upload`` only if it is one of ``kinds`` by content, named accordingly, and small enough.

    Raises a ValidationError with a German message otherwise.
    """
    allowed = ", ".join(kind.label for kind in kinds)
    if upload.size > max_bytes:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s MB); erlaubt sind höchstens %(limit)s MB.")
            % {
                "size": number_format(upload.size / 1024 / 1024, decimal_pos=1),
                "limit": number_format(max_bytes / 1024 / 1024, decimal_pos=0),
            },
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    kind = sniff(upload)
    if kind is None or kind not in kinds:
        raise ValidationError(
            _(
                "Dieser Dateityp ist nicht erlaubt. Erlaubt sind: %(allowed)s. Der Inhalt der Datei entscheidet, nicht ihr Name."
            )
            % {"allowed": allowed},
            code="type_not_allowed",
        )
    name = (upload.name or "datei").replace("\\", "/").rsplit("/", 1)[-1][:150]
    if not name.lower().endswith(kind.extensions):
        raise ValidationError(
            _("Der Dateiname passt nicht zum Inhalt: Die Datei ist ein %(kind)s und muss auf %(extension)s enden.")
            % {"kind": kind.label, "extension": kind.extensions[0]},
            code="name_does_not_match",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(kind=kind, name=name, size=upload.size, sha256=digest.hexdigest())


def checked_upload(upload, *, max_bytes: int, field: str = "file", kinds=DOCUMENT_KINDS) -> CheckedFile:
    """``check_upload`` with its message on the form's file field."""
    try:
        return check_upload(upload, kinds=kinds, max_bytes=max_bytes)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from None


def save_with_file(record, *, upload, checked: CheckedFile) -> None:
    """Validate ``record`` (a model with ``file`` and the checked file's facts), then store file and row.

    The file is written last, after everything else was checked; should saving
    the row fail, the file goes again. (A rollback of an enclosing transaction
    could still leave an orphaned file, never a row without its file.)
    """
    record.full_clean(exclude=["file"])
    record.file.save(f"{checked.sha256[:16]}{checked.kind.extensions[0]}", upload, save=False)
    try:
        record.save()
    except Exception:
        record.file.delete(save=False)
        raise


def attachment_response(file_field, *, file_name: str, content_type: str) -> FileResponse:
    """Send a stored file as a download, never to be shown inline or sniffed as HTML."""
    response = FileResponse(file_field.open("rb"), as_attachment=True, filename=file_name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
