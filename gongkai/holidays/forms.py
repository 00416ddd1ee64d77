"""Forms of the admin page that loads a year: upload (and preview), then confirm.

Both forms validate the file with ``gongkai.workdays``' own reader, so the page reports the
same problems, in the same words, as the command line.  The confirm form carries the file
back (base64, so that TOML's line breaks survive) and reads it again: nothing is trusted
from the preview, and nothing is stored before the confirmation.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from pathlib import Path
from typing import Any

from django import forms

from gongkai.workdays.yearfile import YEAR_FILE_SUFFIXES, YearFileError, YearNotice, read_year_notice

MAX_FILE_BYTES = 64 * 1024


def read_uploaded_notice(name: str, content: bytes) -> YearNotice:
    """Read a notice file's content through ``read_year_notice`` (same checks as the command).

    ``YearFileError`` lists the problems; the file name only decides JSON or TOML.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in YEAR_FILE_SUFFIXES:
        raise YearFileError(name, [f"不支持的文件类型“{suffix or name}”（应为 .json 或 .toml）"])
    if len(content) > MAX_FILE_BYTES:
        raise YearFileError(name, [f"文件过大（{len(content)} 字节）：节假日安排文件通常只有几千字节"])
    with tempfile.TemporaryDirectory(prefix="gongkai-holidays-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        return read_year_notice(path)


def _problems(exc: YearFileError) -> forms.ValidationError:
    return forms.ValidationError([forms.ValidationError(p) for p in exc.problems])


class UploadForm(forms.Form):
    file = forms.FileField(
        label="节假日安排文件",
        help_text="按国务院办公厅通知编写的 JSON 或 TOML 文件（格式见 docs/workdays.md）。上传后先预览，确认后才载入。",
    )

    notice: YearNotice
    content: bytes

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(f"文件过大（{upload.size} 字节）：节假日安排文件通常只有几千字节。")
        self.content = upload.read()
        try:
            self.notice = read_uploaded_notice(upload.name, self.content)
        except YearFileError as exc:
            raise _problems(exc) from None
        return upload

    def confirm_form(self, replace: bool) -> ConfirmForm:
        return ConfirmForm(
            initial={
                "file_name": Path(self.cleaned_data["file"].name).name,
                "content": base64.b64encode(self.content).decode("ascii"),
                "replace": replace,
            }
        )


class ConfirmForm(forms.Form):
    file_name = forms.CharField(widget=forms.HiddenInput, max_length=200)
    content = forms.CharField(widget=forms.HiddenInput, strip=False)
    replace = forms.BooleanField(widget=forms.HiddenInput, required=False)

    notice: YearNotice
    text: str

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            content = base64.b64decode(cleaned["content"], validate=True)
            self.notice = read_uploaded_notice(cleaned["file_name"], content)
        except (binascii.Error, ValueError) as exc:
            problems = exc.problems if isinstance(exc, YearFileError) else ["提交的文件内容已损坏"]
            raise forms.ValidationError([forms.ValidationError(p) for p in problems]) from None
        self.text = content.decode("utf-8")
        return cleaned
