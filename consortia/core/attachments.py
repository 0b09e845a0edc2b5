"""What an uploaded attachment may be (threads, the fund, the practice library): its
size, its type (by extension) and its content checked against that extension, so a file cannot pass for what it is not (an HTML
page named report.pdf). Pure checks; the service stores what passes through Django's
storage API under a random name."""

import re
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

from consortia.core.errors import ServiceError

MAX_BYTES = 10 * 1024 * 1024
NAME_MAX = 200


@dataclass(frozen=True)
class Kind:
    content_type: str
    magic: tuple[bytes, ...] = ()  # the file starts with one of these; () means text
    zip_member: str = ""  # an Office file: a zip holding this member


KINDS: dict[str, Kind] = {
    "pdf": Kind("application/pdf", (b"%PDF-",)),
    "png": Kind("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": Kind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
        "word/document.xml",
    ),
    "xlsx": Kind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
        "xl/workbook.xml",
    ),
    "txt": Kind("text/plain"),
    "csv": Kind("text/csv"),
}
ALLOWED = ", ".join(sorted({k.upper() for k in KINDS} - {"JPEG"}))


def attachment_name(name: str) -> str:
    """The name to show and to download as: no folders, no control characters."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    return name[-NAME_MAX:] or "attachment"


def attachment_check(upload: UploadedFile) -> tuple[str, str]:
    """(safe name, content type) of an acceptable upload; ServiceError (on the
    attachment field) for one too large, of a type not allowed, or whose content is
    not what its extension says."""
    name = attachment_name(upload.name or "")
    if upload.size is None or upload.size > MAX_BYTES:
        raise ServiceError("The file must be smaller than 10 MB", field="attachment")
    if upload.size == 0:
        raise ServiceError("The selected file is empty", field="attachment")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = KINDS.get(extension)
    if kind is None:
        raise ServiceError(f"The file must be a {ALLOWED}", field="attachment")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if kind.magic:
        ok = head.startswith(kind.magic)
        if ok and kind.zip_member:
            try:
                with zipfile.ZipFile(upload) as archive:
                    ok = kind.zip_member in archive.namelist()
            except zipfile.BadZipFile:
                ok = False
            upload.seek(0)
    else:
        ok = b"\x00" not in head and not head.lstrip().lower().startswith(
            (b"<!doctype", b"<html", b"<script", b"<svg")
        )
        if ok:
            try:
                head.decode("utf-8")
            except UnicodeDecodeError as error:  # a multi-byte character cut at 2048 bytes is fine
                ok = error.start >= len(head) - 3
    if not ok:
        raise ServiceError(f"The content of the file is not a {extension.upper()} file", field="attachment")
    return name, kind.content_type
