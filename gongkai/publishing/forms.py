"""Forms of the publishing screens. They check shapes (dates, numbers, choices); the business
rules are in ``actions`` and their errors are put back on these forms by the views."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.agencies.models import Agency
from gongkai.publishing.catalogue import catalogue_tree
from gongkai.publishing.models import Art20Item, Category, DecisionKind, DocumentKind, ItemState

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DATE, help_text=help_text,
        error_messages={"invalid": "请输入有效的日期，如 2021-03-05", "required": f"请填写{label}"},
    )


class CategoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        depth = getattr(obj, "_depth", 0)
        return ("　" * depth) + obj.name


def _ordered_categories(agency: Agency) -> list[Category]:
    out = []
    for node in catalogue_tree(agency):
        node.category._depth = node.depth  # type: ignore[attr-defined]
        out.append(node.category)
    return out


class ItemForm(forms.Form):
    title = forms.CharField(label="标题", max_length=500, error_messages={"required": "请填写标题"})
    document_number = forms.CharField(label="文号", max_length=100, required=False,
                                      help_text="如：张残联发〔2021〕3号；没有文号的留空")
    issuing_body = forms.CharField(label="发文机关", max_length=200, required=False, help_text="留空则为本机构")
    formed_on = _date_field(
        "生成日期", help_text="信息形成或者变更之日；自次日起20个工作日内应当公开（条例第二十六条）"
    )
    summary = forms.CharField(label="内容概述", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(
        label="正文", required=False, widget=forms.Textarea(attrs={"rows": 12}),
        help_text=(
            "可直接输入文字（每行一段），或粘贴 HTML；只保留段落、加粗、列表、表格、链接和小标题，脚本和样式会被删除。"
        ),
    )
    categories = CategoryChoiceField(
        label="目录栏目", queryset=Category.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="提交审查前至少选择一个栏目",
    )
    art20_items = forms.ModelMultipleChoiceField(
        label="对应的条例第二十条所列信息", queryset=Art20Item.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cats = _ordered_categories(agency)
        field = self.fields["categories"]
        field.queryset = Category.objects.filter(agency=agency)
        # Keep the tree order (the queryset's own order would lose the nesting).
        field.choices = [(c.pk, ("　" * c._depth) + c.name) for c in cats]  # type: ignore[attr-defined]


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件", help_text="PDF、DOCX、XLSX、PNG、JPG", error_messages={
        "required": "请选择要上传的文件", "empty": "上传的文件是空的", "invalid": "上传的不是文件"})


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="保密审查结论", choices=[("approve", "同意发布"), ("return", "退回修改")], widget=forms.RadioSelect,
        error_messages={"required": "请选择审查结论"},
    )
    published_on = _date_field("发布日期", required=False, help_text="同意发布时的发布日期，留空为今天")
    comment = forms.CharField(label="审查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="退回修改时必须填写")


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写撤回理由"},
                             help_text="撤回后信息不再在网站上显示，但记录和理由永久保留")


class FilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *ItemState.choices])
    category = forms.TypedChoiceField(label="栏目", required=False, coerce=int, choices=[("", "全部")])
    year = forms.IntegerField(label="发布年度", required=False, min_value=2000, max_value=2100,
                              error_messages={"invalid": "请输入年份，如 2021"})
    late = forms.BooleanField(label="只看逾期", required=False)
    q = forms.CharField(label="标题或文号", required=False, max_length=100)

    def __init__(self, *args: Any, agency: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["category"].choices = [("", "全部")] + [
                (n.category.pk, ("　" * n.depth) + n.category.name) for n in catalogue_tree(agency)
            ]


class CategoryForm(forms.Form):
    name = forms.CharField(label="栏目名称", max_length=200, error_messages={"required": "请填写栏目名称"})
    parent = forms.TypedChoiceField(label="上级栏目", required=False, coerce=int, empty_value=None,
                                    choices=[("", "（顶级栏目）")])
    order = forms.IntegerField(label="排序", required=False, min_value=0, help_text="数字小的排在前面")

    def __init__(self, *args: Any, agency: Agency, exclude: Category | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "（顶级栏目）")] + [
            (n.category.pk, ("　" * n.depth) + n.category.name)
            for n in catalogue_tree(agency)
            if exclude is None or n.category.pk != exclude.pk
        ]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=DocumentKind.choices)
    title = forms.CharField(label="名称", max_length=500, error_messages={"required": "请填写文件名称"})
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    issued_on = _date_field("制发日期")
    repealed_on = _date_field("废止日期", required=False, help_text="现行有效的留空；废止时填写废止之日")
    repeal_note = forms.CharField(label="废止说明", max_length=300, required=False)


class FiguresForm(forms.Form):
    """Twelve months × (行政许可、行政处罚、行政强制, 收费金额)."""

    def __init__(self, *args: Any, months: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.months = months
        for month in months:
            for kind, label in DecisionKind.choices:
                self.fields[f"m{month}_{kind}"] = forms.IntegerField(
                    label=f"{month}月{label}", required=False, min_value=0, max_value=10**9,
                    error_messages={"invalid": "请输入整数", "min_value": "不能小于0"},
                    widget=forms.NumberInput(
                        attrs={"inputmode": "numeric", "min": 0, "aria-label": f"{month}月{label}"}
                    ),
                )
            self.fields[f"m{month}_fees"] = forms.DecimalField(
                label=f"{month}月行政事业性收费（万元）", required=False, min_value=0, max_digits=12,
                decimal_places=4,
                error_messages={"invalid": "请输入数字", "min_value": "不能小于0",
                                "max_decimal_places": "最多四位小数", "max_digits": "数字过大"},
                widget=forms.NumberInput(
                    attrs={"step": "0.0001", "min": 0, "aria-label": f"{month}月行政事业性收费（万元）"}
                ),
            )

    def grid(self) -> list[dict[str, Any]]:
        return [
            {"month": m, "fields": [self[f"m{m}_{k}"] for k in DecisionKind.values], "fees": self[f"m{m}_fees"]}
            for m in self.months
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV 或 XLSX 文件", error_messages={"required": "请选择要导入的文件",
                                                                    "empty": "上传的文件是空的"})
