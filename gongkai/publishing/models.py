"""主动公开 records: each agency's catalogue, the items it publishes with their attachments and
保密审查 record, and the registers that table 二 of the annual report is computed from.

Business actions in :mod:`gongkai.publishing.actions` are the only code that changes the
workflow state, the 索引号 and the sanitised body; the portal reads ``Item.objects.public()``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from gongkai.agencies.counters import AgencyYearCounter
from gongkai.agencies.models import Agency
from gongkai.statute import disclosure
from gongkai.statute.formats import get_format

_T2 = get_format("2021").table("二")


def _row_label(key: str) -> str:
    return _T2.row(key).label


class ItemState(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待保密审查"
    RETURNED = "returned", "已退回修改"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", "同意发布"
    RETURNED = "returned", "退回修改"


class DocumentKind(models.TextChoices):
    """The table 二 rows of 第二十条第（一）项; values are the row keys of the formats."""

    REGULATION = "regulations", _row_label("regulations")
    NORMATIVE = "normative_docs", _row_label("normative_docs")


class DecisionKind(models.TextChoices):
    """The table 二 rows of 第二十条第（五）（六）项; values are the row keys of the formats."""

    LICENSING = "licensing", _row_label("licensing")
    PENALTY = "penalty", _row_label("penalty")
    ENFORCEMENT = "enforcement", _row_label("enforcement")


def private_storage() -> FileSystemStorage:
    """Attachments live outside the web roots and are served by a view that checks the item is
    public (or the reader is staff): a draft's attachment must not be reachable by URL."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


class Category(models.Model):
    """A column of an agency's 政府信息公开目录: a tree the agency edits."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.CASCADE, related_name="categories")
    parent = models.ForeignKey(
        "self", verbose_name="上级栏目", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField("栏目名称", max_length=200)
    slug = models.SlugField("栏目标识", max_length=60, help_text="用于网址，同一机构内唯一")
    order = models.PositiveIntegerField("排序", default=0)
    source = models.CharField("来源", max_length=300, blank=True, help_text="默认栏目的依据")
    art20_hint = models.JSONField(
        "对应的第二十条项", default=list, blank=True, help_text="新建信息时默认勾选的条例第二十条项"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "目录栏目"
        verbose_name_plural = "目录栏目"
        ordering = ("agency", "order", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "slug"],
                name="category_agency_slug_unique",
                violation_error_message="栏目标识已被使用",
            ),
        )

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Category]:
        out: list[Category] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return list(reversed(out))

    @property
    def path(self) -> str:
        return " / ".join([*(c.name for c in self.ancestors()), self.name])


class Art20Item(models.Model):
    """The fifteen items of 条例第二十条, seeded from ``gongkai.statute.disclosure`` by migration."""

    key = models.CharField("代码", max_length=20, primary_key=True)
    number = models.PositiveSmallIntegerField("项", unique=True)
    text = models.CharField("内容", max_length=200)

    class Meta:
        verbose_name = "条例第二十条所列信息"
        verbose_name_plural = "条例第二十条所列信息"
        ordering = ("number",)

    def __str__(self) -> str:
        return self.statute.full_label

    @property
    def statute(self) -> disclosure.Art20Item:
        return disclosure.art20_item(self.key)

    @property
    def label(self) -> str:
        return self.statute.label


class ItemQuerySet(models.QuerySet["Item"]):
    def public(self) -> ItemQuerySet:
        """What the public site shows: published and not withdrawn."""
        return self.filter(state=ItemState.PUBLISHED, published_on__isnull=False)

    def real(self) -> ItemQuerySet:
        """Without demo data: what statistics and the annual report count."""
        return self.filter(is_sample=False)


class Item(models.Model):
    """One piece of proactively disclosed information (a 目录 entry)."""

    agency = models.ForeignKey(Agency, verbose_name="发布机构", on_delete=models.PROTECT, related_name="items")
    # Empty until publication: numbers are taken only for published items so the serial is
    # gap-free; once given the number never changes (目录系统实施指引, spec §7).
    index_number = models.CharField("索引号", max_length=80, blank=True, editable=False)
    index_year = models.PositiveSmallIntegerField("索引号年度", null=True, blank=True, editable=False)
    index_serial = models.PositiveIntegerField("索引号序号", null=True, blank=True, editable=False)

    title = models.CharField("标题", max_length=500)
    document_number = models.CharField("文号", max_length=100, blank=True, help_text="如：张残联发〔2021〕3号")
    issuing_body = models.CharField("发文机关", max_length=200, blank=True, help_text="留空则为本机构")
    formed_on = models.DateField("生成日期", help_text="信息形成或者变更之日（条例第二十六条的起算日）")
    published_on = models.DateField("发布日期", null=True, blank=True)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True, help_text="已清理的 HTML")
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    categories = models.ManyToManyField(Category, verbose_name="目录栏目", blank=True, related_name="items")
    art20_items = models.ManyToManyField(
        Art20Item, verbose_name="条例第二十条所列信息", blank=True, related_name="items"
    )

    state = models.CharField("状态", max_length=20, choices=ItemState.choices, default=ItemState.DRAFT)
    withdraw_reason = models.TextField("撤回理由", blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="撤回人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    # The latest 保密审查 decision (条例第十七条); every round is kept in ItemReview.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_on = models.DateField("审查日期", null=True, blank=True)
    review_decision = models.CharField("审查结论", max_length=20, choices=ReviewDecision.choices, blank=True)
    review_comment = models.TextField("审查意见", blank=True)

    is_sample = models.BooleanField("演示数据", default=False, help_text="演示用数据，不计入统计和年度报告")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(verbose_name="信息历史", excluded_fields=["updated_at", "body_text"])

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ("-published_on", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["index_number"],
                condition=~Q(index_number=""),
                name="item_index_number_unique",
                violation_error_message="索引号已被使用",
            ),
            models.UniqueConstraint(
                fields=["agency", "index_year", "index_serial"],
                condition=Q(index_serial__isnull=False),
                name="item_index_serial_unique",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(published_on__gte=F("formed_on")),
                name="item_published_after_formed",
                violation_error_message="发布日期不能早于生成日期",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["published", "withdrawn"]) | Q(published_on__isnull=False),
                name="item_published_has_date",
            ),
        )
        indexes = (
            models.Index(fields=["agency", "state", "published_on"], name="item_agency_state_pub_idx"),
            models.Index(fields=["state", "published_on"], name="item_state_pub_idx"),
            models.Index(fields=["published_on"], name="item_published_idx"),
            models.Index(fields=["formed_on"], name="item_formed_idx"),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state == ItemState.PUBLISHED and self.published_on is not None

    @property
    def is_editable(self) -> bool:
        return self.state in (ItemState.DRAFT, ItemState.RETURNED)

    @property
    def issuer(self) -> str:
        return self.issuing_body or self.agency.name


class ItemReview(models.Model):
    """One 保密审查 round: who decided what, when, and why. Append-only."""

    item = models.ForeignKey(Item, verbose_name="信息", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT,
                                 related_name="+")
    decided_on = models.DateField("审查日期")
    decision = models.CharField("审查结论", max_length=20, choices=ReviewDecision.choices)
    comment = models.TextField("审查意见", blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "保密审查记录"
        verbose_name_plural = "保密审查记录"
        ordering = ("item", "created_at", "pk")

    def __str__(self) -> str:
        return f"{self.decided_on.isoformat()} {self.get_decision_display()}"


class IndexCounter(AgencyYearCounter):
    """The last 索引号 serial given per agency and year; locked while a number is taken."""

    class Meta:
        verbose_name = "索引号计数器"
        verbose_name_plural = "索引号计数器"
        constraints = (models.UniqueConstraint(fields=["agency", "year"], name="index_counter_unique"),)


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is not the uploaded name: no user text in paths.
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()
    return f"publishing/{instance.item.agency_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    item = models.ForeignKey(Item, verbose_name="信息", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, storage=private_storage, max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    order = models.PositiveIntegerField("排序", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ("item", "order", "pk")

    def __str__(self) -> str:
        return self.original_name

    @property
    def size_display(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / 1024 / 1024:.1f} MB"
        return f"{max(1, round(self.size / 1024))} KB"


class NormativeDocument(models.Model):
    """A 规章 or 行政规范性文件 the agency issued: table 二 第二十条第（一）项 is counted from these."""

    agency = models.ForeignKey(
        Agency, verbose_name="制发机构", on_delete=models.PROTECT, related_name="normative_documents"
    )
    kind = models.CharField("类别", max_length=20, choices=DocumentKind.choices)
    title = models.CharField("名称", max_length=500)
    document_number = models.CharField("文号", max_length=100, blank=True)
    issued_on = models.DateField("制发日期", help_text="印发（公布）之日")
    repealed_on = models.DateField("废止日期", null=True, blank=True, help_text="废止或失效之日；现行有效的留空")
    repeal_note = models.CharField("废止说明", max_length=300, blank=True)
    item = models.ForeignKey(
        Item, verbose_name="对应的公开信息", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="文件登记历史")

    class Meta:
        verbose_name = "规章和行政规范性文件"
        verbose_name_plural = "规章和行政规范性文件"
        ordering = ("-issued_on", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(repealed_on__isnull=True) | Q(repealed_on__gte=F("issued_on")),
                name="document_repealed_after_issued",
                violation_error_message="废止日期不能早于制发日期",
            ),
        )
        indexes = (
            models.Index(fields=["agency", "kind", "issued_on"], name="document_agency_issued_idx"),
            models.Index(fields=["agency", "repealed_on"], name="document_agency_repealed_idx"),
        )

    def __str__(self) -> str:
        return self.title


class YearlyDecisionCount(models.Model):
    """Decisions of one kind made in one month (行政许可、行政处罚、行政强制)."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField("月份", validators=[MinValueValidator(1), MaxValueValidator(12)])
    kind = models.CharField("类别", max_length=20, choices=DecisionKind.choices)
    count = models.PositiveIntegerField("处理决定数量", default=0)
    is_sample = models.BooleanField("演示数据", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(verbose_name="决定数量历史", excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "行政许可、处罚、强制决定数量"
        verbose_name_plural = "行政许可、处罚、强制决定数量"
        ordering = ("agency", "year", "month", "kind")
        constraints = (
            models.UniqueConstraint(fields=["agency", "year", "month", "kind"], name="decision_count_unique"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="decision_count_month_range"),
        )

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年{self.month}月 {self.get_kind_display()} {self.count}"


class FeeIncome(models.Model):
    """行政事业性收费 collected in one month, in 万元 (table 二 第二十条第（八）项)."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField("月份", validators=[MinValueValidator(1), MaxValueValidator(12)])
    amount = models.DecimalField(
        "收费金额（万元）", max_digits=12, decimal_places=4, default=0, validators=[MinValueValidator(0)]
    )
    is_sample = models.BooleanField("演示数据", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(verbose_name="收费金额历史", excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "行政事业性收费金额"
        verbose_name_plural = "行政事业性收费金额"
        ordering = ("agency", "year", "month")
        constraints = (
            models.UniqueConstraint(fields=["agency", "year", "month"], name="fee_income_unique"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="fee_income_month_range"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_income_amount_nonnegative"),
        )

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年{self.month}月 {self.amount}万元"


def art20_choices() -> list[tuple[str, str]]:
    return [(item.key, item.full_label) for item in disclosure.ART20_ITEMS]


__all__ = [
    "Art20Item",
    "Attachment",
    "Category",
    "DecisionKind",
    "DocumentKind",
    "FeeIncome",
    "IndexCounter",
    "Item",
    "ItemReview",
    "ItemState",
    "NormativeDocument",
    "ReviewDecision",
    "YearlyDecisionCount",
]
