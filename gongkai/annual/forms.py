"""Forms of the staff screens. Validation of substance happens in the actions; these check
shape (a year is a number, a file was chosen) with Chinese messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from gongkai.agencies.models import Agency


def _years() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [(y, f"{y}年") for y in range(this_year, 2018, -1)]


class BuildForm(forms.Form):
    agency = forms.ModelChoiceField(Agency.objects.none(), label="机构", empty_label=None)
    year = forms.TypedChoiceField(label="报告年度", coerce=int, choices=())
    include_departments = forms.BooleanField(
        label="汇总所属部门和乡镇（街道）的记录", required=False, help_text="仅人民政府的报告适用"
    )

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()
        self.fields["year"].choices = _years()
        self.fields["year"].initial = timezone.localdate().year - 1


class TextForm(forms.Form):
    text = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 16}), required=False,
                           help_text="每段一行；第一部分的小标题写作“（一）主动公开情况。”等。")


class AckForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label="确认说明", widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="说明为什么报告无需修改", error_messages={"required": "请填写确认说明。"})


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写理由。"})


class PublishForm(forms.Form):
    on = forms.DateField(label="公开日期", widget=forms.DateInput(attrs={"type": "date"}),
                         error_messages={"invalid": "请输入有效的日期，如 2026-01-20。",
                                         "required": "请填写公开日期。"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class HistoricalImportForm(forms.Form):
    agency = forms.ModelChoiceField(Agency.objects.none(), label="机构", empty_label=None)
    year = forms.IntegerField(label="报告年度", required=False, min_value=2008, max_value=2100,
                              help_text="留空则从文件中识别")
    file = forms.FileField(label="报告文件", help_text="txt、docx、pdf、html、md 或 json，不超过 50 MB",
                           error_messages={"required": "请选择文件。", "empty": "文件是空的。"})

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()


class FilterForm(forms.Form):
    year = forms.TypedChoiceField(label="年度", coerce=int, required=False, empty_value=None, choices=())
    status = forms.ChoiceField(label="状态", required=False, choices=())
    q = forms.CharField(label="机构名称", required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from gongkai.annual.models import Status

        self.fields["year"].choices = [("", "全部年度"), *_years()]
        self.fields["status"].choices = [("", "全部状态"), *Status.choices]
