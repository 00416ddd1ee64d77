"""Agencies, the regions they form, and staff membership with roles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from gongkai.agencies import creditcode
from gongkai.agencies.validators import validate_credit_code, validate_postcode


class CreditCodeField(models.CharField):
    """A 统一社会信用代码, stored normalised (ASCII capitals, no spaces) and validated.

    Normalising in ``to_python`` means model forms, the admin and ``full_clean`` all store the
    same spelling, so the uniqueness constraint compares like with like.
    """

    description = "统一社会信用代码"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", creditcode.LENGTH)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_credit_code)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return creditcode.normalize(value) if isinstance(value, str) else value


class Agency(models.Model):
    """A 行政机关 (or other body) that handles 政府信息公开, placed in a region by ``parent``.

    A county government is the parent of its departments and townships, a city government
    the parent of its counties; a supervisor of one agency sees the whole subtree.
    """

    class Level(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"
        TOWNSHIP = "township", "乡镇（街道）"
        OTHER = "other", "其他"

    name = models.CharField("机构全称", max_length=200)
    short_name = models.CharField("简称", max_length=100, blank=True)
    credit_code = CreditCodeField(
        "统一社会信用代码",
        blank=True,
        help_text="18 位，按 GB 32100-2015 校验；内设机构等没有代码的可留空。",
    )
    level = models.CharField("层级", max_length=20, choices=Level.choices, default=Level.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        # A region cannot lose its parent by accident: move or delete the children first.
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField("启用", default=True, help_text="机构撤销或合并后取消勾选，其记录和历史仍然保留。")

    # The 政府信息公开工作机构 and its contact block (条例 Art 12: 名称、办公地址、办公时间、
    # 联系电话、传真号码、互联网联系方式), printed in the 公开指南 and the annual report preamble.
    disclosure_office = models.CharField(
        "政府信息公开工作机构", max_length=200, blank=True, help_text="如：××县人民政府办公室"
    )
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True, validators=[validate_postcode])
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=100, blank=True)
    fax = models.CharField("传真", max_length=100, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("网站", blank=True)

    history = HistoricalRecords(verbose_name="机构历史")

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ("name",)
        constraints = (
            # Blank is allowed for bodies without a code, so uniqueness applies to real codes only.
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="agency_credit_code_unique",
                violation_error_message="已有机构使用该统一社会信用代码",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        if self.pk is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": "上级机构不能是本机构"})
        if self.pk is not None:
            # Imported here: regions builds its SQL from this model.
            from gongkai.agencies.regions import descendants

            if descendants(self).filter(pk=self.parent_id).exists():
                raise ValidationError({"parent": "上级机构不能是本机构的下级机构（会形成循环）"})


class Membership(models.Model):
    """A user's role in one agency. One user may hold several roles (a small agency's officer
    is often also its approver), hence one row per role."""

    class Role(models.TextChoices):
        OFFICER = "officer", "经办人"
        APPROVER = "approver", "负责人（审核人）"
        VIEWER = "viewer", "查看"
        SUPERVISOR = "supervisor", "监督"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField("加入时间", auto_now_add=True)

    # Who was given which rights, and by whom, must be traceable after the fact.
    history = HistoricalRecords(verbose_name="人员角色历史")

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        ordering = ("agency__name", "role", "user__username")
        constraints = (
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                name="membership_user_agency_role_unique",
                violation_error_message="该用户在该机构已有此角色",
            ),
        )
        indexes = (models.Index(fields=["user", "role"], name="membership_user_role_idx"),)

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"

    def clean(self) -> None:
        super().clean()
        if self.user_id is not None and not self.user.is_active:
            raise ValidationError({"user": "该用户已停用，不能分配角色"})
        if self.agency_id is not None and not self.agency.is_active and self._state.adding:
            raise ValidationError({"agency": "该机构已停用，不能添加人员"})
