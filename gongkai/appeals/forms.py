"""Forms of the staff screens. They only collect input: the business actions validate it, and
the views put each action error next to its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.appeals.actions import CASE_FIELD_ORDER
from gongkai.appeals.models import KIND_CHOICES, RESULT_CHOICES, AppealCase
from gongkai.casework.models import Application
from gongkai.statute.remedies import RESULT_LABELS, TYPICAL_DISPOSITIONS, RemedyKind

CASE_FORM_FIELDS = CASE_FIELD_ORDER
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReviewCaseChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: AppealCase) -> str:
        agency = obj.agency.short_name or obj.agency.name
        return f"{agency} · {obj.case_number or '无案号'} · {obj.claimant or obj.body}（{obj.filed_on:%Y-%m-%d}）"


class AppealCaseForm(forms.Form):
    """Register or correct a case. ``agencies`` are those the user handles (create only)."""

    agency = forms.ModelChoiceField(label="被申请人（被告）", queryset=Agency.objects.none(), empty_label=None)
    receipt_number = forms.CharField(
        label="所涉申请的受理编号", max_length=80, required=False,
        help_text="输入本机关受理该申请时的受理编号；本系统启用前的历史案件可留空，并填写“未关联申请的说明”",
    )

    def __init__(
        self, *args: Any, agencies: QuerySet[Agency] | None = None, case: AppealCase | None = None, **kwargs: Any
    ) -> None:
        if case is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(case, name) for name in CASE_FORM_FIELDS}
            kwargs["initial"]["receipt_number"] = case.application.receipt_number if case.application_id else ""
        super().__init__(*args, **kwargs)
        self.case = case
        widgets: dict[str, forms.Widget] = {name: DATE_INPUT for name in CASE_FORM_FIELDS if name.endswith("_on")}
        widgets.update({name: forms.Textarea(attrs={"rows": 3}) for name in ("claim", "unlinked_note")})
        model_fields = forms.fields_for_model(AppealCase, fields=CASE_FORM_FIELDS, widgets=widgets)
        reviews = AppealCase.objects.filter(kind=RemedyKind.REVIEW.value).select_related("agency")
        if case is not None:
            del self.fields["agency"]
            reviews = reviews.filter(agency=case.agency).exclude(pk=case.pk)
        else:
            self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()
            reviews = reviews.filter(agency__in=self.fields["agency"].queryset)
        model_fields["review_case"] = ReviewCaseChoice(
            label="所经行政复议案件", queryset=reviews.order_by("-filed_on"), required=False,
            help_text="复议后起诉时选择本系统登记的行政复议案件；复议在别处办理的，填写下面的“行政复议情况”",
        )
        model_fields["kind"].choices = KIND_CHOICES  # no empty choice: the kind is required
        model_fields["kind"].widget = forms.RadioSelect(choices=KIND_CHOICES)
        self.fields.update(model_fields)
        order = ["agency", "kind", "receipt_number", *[n for n in CASE_FORM_FIELDS if n != "kind"]]
        self.order_fields([n for n in order if n in self.fields])

    def agency_value(self) -> Agency:
        return self.case.agency if self.case is not None else self.cleaned_data["agency"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        number = (data.get("receipt_number") or "").strip()
        data["application"] = None
        if number and (self.case is not None or data.get("agency") is not None):
            agency = self.agency_value()
            application = Application.objects.filter(agency=agency, receipt_number=number).first()
            if application is None:
                self.add_error("receipt_number", f"{agency.name}没有受理编号为“{number}”的申请，请核对")
            data["application"] = application
        return data

    def action_fields(self) -> dict[str, Any]:
        """What the business action receives."""
        data = self.cleaned_data
        fields = {name: data.get(name) for name in CASE_FORM_FIELDS}
        for name in ("body", "case_number", "claimant", "claim", "unlinked_note", "review_elsewhere"):
            fields[name] = fields[name] or ""
        fields["decision_extended"] = bool(fields["decision_extended"])
        fields["application"] = data.get("application")
        return fields


def disposition_help() -> str:
    parts = []
    for kind, items in TYPICAL_DISPOSITIONS.items():
        if kind is RemedyKind.SUIT_AFTER_REVIEW:
            continue
        label = "行政复议" if kind is RemedyKind.REVIEW else "行政诉讼"
        parts.append(label + "：" + "；".join(f"{text}→{RESULT_LABELS[result]}" for text, result in items))
    return "常见归类（格式未作规定，仅供参考）：" + "。".join(parts) + "。"


class ResultForm(forms.Form):
    result = forms.ChoiceField(label="结果", choices=RESULT_CHOICES, widget=forms.RadioSelect)
    decided_on = forms.DateField(
        label="审结日期", required=False, widget=DATE_INPUT,
        help_text="行政复议决定书或裁判文书的日期；尚未审结的留空",
    )
    detail = forms.CharField(
        label="结果说明", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=disposition_help()
    )


class FilterForm(forms.Form):
    FLAGS = (("", "全部"), ("overdue", "已逾期"), ("soon", "即将到期（3日内）"), ("open", "本机关待办期限"))

    q = forms.CharField(
        label="搜索", required=False, max_length=100, help_text="案号、复议机关或法院、申请人、受理编号"
    )
    agency = forms.ModelChoiceField(label="机构", queryset=Agency.objects.none(), required=False, empty_label="全部")
    kind = forms.ChoiceField(label="类别", required=False, choices=[("", "全部"), *KIND_CHOICES])
    result = forms.ChoiceField(label="结果", required=False, choices=[("", "全部"), *RESULT_CHOICES])
    year = forms.IntegerField(label="收到年度", required=False, min_value=2008, max_value=2100)
    flag = forms.ChoiceField(label="期限", required=False, choices=FLAGS)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies.order_by("name")
