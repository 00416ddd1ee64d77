"""ID-document uploads: type from the file's first bytes (never from the name or the browser's
claim), a size limit, and storage under PRIVATE_MEDIA_ROOT, outside every web root.

Setting ``PORTAL_MAX_UPLOAD_MB`` (default 5).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

DEFAULT_MAX_UPLOAD_MB = 5


@dataclass(frozen=True)
class FileType:
    magic: bytes
    extension: str
    content_type: str
    label: str


FILE_TYPES = (
    FileType(b"%PDF-", "pdf", "application/pdf", "PDF"),
    FileType(b"\xff\xd8\xff", "jpg", "image/jpeg", "JPEG"),
    FileType(b"\x89PNG\r\n\x1a\n", "png", "image/png", "PNG"),
)
ALLOWED_TEXT = "、".join(t.label for t in FILE_TYPES)


def max_upload_bytes() -> int:
    return int(float(getattr(settings, "PORTAL_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024)


def private_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT)


def detect_type(head: bytes) -> FileType | None:
    for file_type in FILE_TYPES:
        if head.startswith(file_type.magic):
            return file_type
    return None


def validate_upload(upload: UploadedFile) -> FileType:
    """The file's type, or a ValidationError in Chinese (too large, empty, not PDF/JPEG/PNG)."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            f"文件过大（{upload.size / 1024 / 1024:.1f} MB），身份证明文件不能超过 {limit / 1024 / 1024:g} MB",
            code="too_large",
        )
    if not upload.size:
        raise ValidationError("上传的文件是空的，请重新选择", code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    file_type = detect_type(head)
    if file_type is None:
        raise ValidationError(
            f"只能上传 {ALLOWED_TEXT} 格式的身份证明文件，所选文件不是这些格式（按文件内容判断，与扩展名无关）",
            code="wrong_type",
        )
    return file_type


def store(upload: UploadedFile, file_type: FileType) -> str:
    """Write the upload under PRIVATE_MEDIA_ROOT; returns the path relative to that root."""
    today = timezone.localdate()
    relative = Path("portal", "id-documents", f"{today:%Y}", f"{today:%m}", f"{uuid.uuid4().hex}.{file_type.extension}")
    target = private_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with open(target, "xb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return relative.as_posix()


def resolve(relative: str) -> Path | None:
    """The stored file for a path from the database, refusing anything outside the root."""
    root = private_root().resolve()
    path = (root / relative).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path


def remove(relative: str) -> None:
    path = resolve(relative)
    if path is not None:
        path.unlink(missing_ok=True)
