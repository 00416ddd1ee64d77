"""Attachment checks: the extension and the file's first bytes must agree, and the size must
be within ``PUBLISHING_MAX_ATTACHMENT_MB`` (default 20).

A renamed executable or HTML page gets a clear refusal rather than being published under a
harmless name: published attachments are downloaded by the public.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError

DEFAULT_MAX_MB = 20


@dataclass(frozen=True)
class FileKind:
    extensions: tuple[str, ...]
    label: str
    content_type: str


PDF = FileKind((".pdf",), "PDF", "application/pdf")
DOCX = FileKind((".docx",), "Word（DOCX）", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind((".xlsx",), "Excel（XLSX）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PNG = FileKind((".png",), "PNG 图片", "image/png")
JPEG = FileKind((".jpg", ".jpeg"), "JPEG 图片", "image/jpeg")
KINDS = (PDF, DOCX, XLSX, PNG, JPEG)
ALLOWED_DESCRIPTION = "PDF、DOCX、XLSX、PNG、JPG"


def max_bytes() -> int:
    mb = getattr(settings, "PUBLISHING_MAX_ATTACHMENT_MB", DEFAULT_MAX_MB)
    return int(float(mb) * 1024 * 1024)


def _kind_for(name: str) -> FileKind | None:
    suffix = PurePath(name).suffix.lower()
    return next((k for k in KINDS if suffix in k.extensions), None)


def _zip_has(stream: IO[bytes], member: str) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _content_matches(kind: FileKind, stream: IO[bytes]) -> bool:
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if kind is PDF:
        return head.startswith(b"%PDF-")
    if kind is PNG:
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind is JPEG:
        return head.startswith(b"\xff\xd8\xff")
    if not head.startswith(b"PK\x03\x04"):
        return False
    found = _zip_has(stream, "word/document.xml" if kind is DOCX else "xl/workbook.xml")
    stream.seek(0)
    return found


def check_attachment(upload: Any) -> FileKind:
    """Validate an uploaded file (Django ``UploadedFile`` or any object with ``name``, ``size``
    and a binary file interface); return its kind or raise ``ValidationError`` in Chinese."""
    name = PurePath(getattr(upload, "name", "") or "").name
    if not name:
        raise ValidationError("附件没有文件名")
    kind = _kind_for(name)
    if kind is None:
        raise ValidationError(f"不支持的附件类型：“{name}”。只能上传 {ALLOWED_DESCRIPTION} 文件。")
    size = getattr(upload, "size", None)
    limit = max_bytes()
    if size is None:
        raise ValidationError("无法确定附件大小")
    if size == 0:
        raise ValidationError(f"附件“{name}”是空文件")
    if size > limit:
        raise ValidationError(
            f"附件“{name}”大小为 {size / 1024 / 1024:.1f} MB，超过上限 {limit / 1024 / 1024:g} MB。"
        )
    stream = upload.file if hasattr(upload, "file") else upload
    if not _content_matches(kind, stream):
        raise ValidationError(
            f"附件“{name}”的内容不是{kind.label}文件（扩展名与文件内容不符），请检查后重新上传。"
        )
    return kind
