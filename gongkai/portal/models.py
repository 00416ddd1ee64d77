"""What the portal keeps about an online application beyond the casework record.

The application itself (applicant, request, receipt number, events) lives in
``gongkai.casework``; this holds what only the online channel has: the hash of the private
tracking code, the client address and the uploaded ID document. Per-applicant counts for 条例第三十五条
are read from the casework records themselves (every channel counts), see ``excessive.py``.
"""

from __future__ import annotations

from django.db import models

from gongkai.casework.models import Application


class OnlineSubmission(models.Model):
    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="online_submission"
    )
    # The tracking code is shown once; only its salted keyed hash is kept (see tracking.py).
    tracking_code_hash = models.CharField("查询码（散列）", max_length=200)
    client_ip = models.GenericIPAddressField("提交地址", null=True, blank=True)
    upload_path = models.CharField("身份证明文件（存储路径）", max_length=300, blank=True)
    upload_name = models.CharField("身份证明文件（原文件名）", max_length=200, blank=True)
    upload_type = models.CharField("身份证明文件类型", max_length=50, blank=True)
    upload_size = models.PositiveIntegerField("身份证明文件大小（字节）", null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "在线申请"
        verbose_name_plural = "在线申请"
        ordering = ("-submitted_at",)

    def __str__(self) -> str:
        return f"在线申请 {self.application.receipt_number}"
