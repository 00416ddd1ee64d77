"""Public forms: the online application (条例第二十九条), tracking and search."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from gongkai.agencies.validators import validate_credit_code
from gongkai.casework.models import APPLICANT_KIND_CHOICES, DeliveryMethod, IdDocument, RequestedForm
from gongkai.portal import uploads
from gongkai.portal.identity import normalize_id_number, resident_id_problem
from gongkai.statute.applicants import ApplicantKind

PHONE_RE = re.compile(r"^\+?[0-9][0-9\- ]{5,22}[0-9]$")
BLANK = [("", "请选择")]


class ApplicationForm(forms.Form):
    """The Art 29 contents: who applies and how to reach them, what is asked for, in what form."""

    applicant_kind = forms.ChoiceField(label="申请人类型", choices=BLANK + APPLICANT_KIND_CHOICES)
    applicant_name = forms.CharField(
        label="姓名或名称", max_length=200, help_text="自然人填写姓名；法人或其他组织填写全称"
    )
    id_type = forms.ChoiceField(label="身份证明类型", choices=BLANK + list(IdDocument.choices))
    id_number = forms.CharField(label="身份证明号码", max_length=60, help_text="法人或其他组织填写统一社会信用代码")
    contact_person = forms.CharField(label="联系人", max_length=100, required=False, help_text="法人或其他组织必填")
    phone = forms.CharField(label="联系电话", max_length=50, required=False)
    email = forms.EmailField(
        label="电子邮箱", required=False, help_text="填写后将收到受理回执邮件",
        error_messages={"invalid": "电子邮箱格式不正确，例如 name@example.com"},
    )
    address = forms.CharField(label="通信地址", max_length=300, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    purpose = forms.CharField(
        label="用途说明（选填）", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    requested_form = forms.ChoiceField(label="所需信息的形式", choices=BLANK + list(RequestedForm.choices))
    delivery_method = forms.ChoiceField(label="获取信息的方式", choices=BLANK + list(DeliveryMethod.choices))
    id_document = forms.FileField(
        label="身份证明文件（选填）",
        required=False,
        error_messages={"empty": "上传的文件是空的，请重新选择", "invalid": "上传失败，请重新选择文件"},
        help_text=f"{uploads.ALLOWED_TEXT} 格式，不超过 {uploads.DEFAULT_MAX_UPLOAD_MB} MB；仅受理机关经办人员可以查看",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_mb = uploads.max_upload_bytes() / 1024 / 1024
        self.fields["id_document"].help_text = (
            f"{uploads.ALLOWED_TEXT} 格式，不超过 {limit_mb:g} MB；仅受理机关经办人员可以查看"
        )
        self.fields["phone"].widget.input_type = "tel"
        self.file_type: uploads.FileType | None = None

    def clean_applicant_name(self) -> str:
        value = " ".join(self.cleaned_data["applicant_name"].split())
        if not value:
            raise ValidationError("请填写申请人姓名或名称")
        return value

    def clean_description(self) -> str:
        value = self.cleaned_data["description"].strip()
        if len(value) < 4:
            raise ValidationError("请具体描述所需的政府信息（名称、文号或其他特征），至少4个字")
        return value

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        if value and not PHONE_RE.match(value):
            raise ValidationError("联系电话格式不正确，只能包含数字、空格、“-”和开头的“+”")
        return value

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if value and not re.fullmatch(r"\d{6}", value):
            raise ValidationError("邮政编码应为6位数字")
        return value

    def clean_id_document(self) -> Any:
        upload = self.cleaned_data.get("id_document")
        if upload:
            self.file_type = uploads.validate_upload(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, id_type = data.get("applicant_kind"), data.get("id_type")
        number = normalize_id_number(data.get("id_number", ""))
        if "id_number" in data:
            data["id_number"] = number
            if id_type == IdDocument.RESIDENT_ID and (problem := resident_id_problem(number)):
                self.add_error("id_number", problem)
            elif id_type == IdDocument.CREDIT_CODE:
                try:
                    validate_credit_code(number)
                except ValidationError as exc:
                    self.add_error("id_number", exc)
        organisation = kind and kind != ApplicantKind.NATURAL.value
        if organisation and not data.get("contact_person", "").strip():
            self.add_error("contact_person", "法人或其他组织申请的，请填写联系人")
        if kind == ApplicantKind.NATURAL.value and id_type == IdDocument.CREDIT_CODE:
            self.add_error("id_type", "自然人请选择居民身份证、护照等个人身份证明")
        contact_errors = "phone" in self.errors or "email" in self.errors
        if not data.get("phone") and not data.get("email") and not contact_errors:
            self.add_error("phone", "请至少填写联系电话或电子邮箱中的一项，以便联系和送达")
        delivery = data.get("delivery_method")
        if delivery == DeliveryMethod.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "选择以电子邮件获取信息的，请填写电子邮箱")
        if delivery == DeliveryMethod.POST and not data.get("address", "").strip():
            self.add_error("address", "选择邮寄的，请填写通信地址")
        return data


class TrackForm(forms.Form):
    receipt_number = forms.CharField(label="受理编号", max_length=80, help_text="提交申请后页面显示的受理编号")
    code = forms.CharField(
        label="查询码",
        max_length=40,
        help_text="提交申请时页面显示的12位查询码（不区分大小写，可不输入“-”）",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_receipt_number(self) -> str:
        return self.cleaned_data["receipt_number"].strip()


class SearchForm(forms.Form):
    """The search box and its filters; every filter is optional and checked."""

    q = forms.CharField(
        label="检索词", max_length=100, required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "标题、内容概述或正文中的字词"}),
    )
    agency = forms.TypedChoiceField(label="发布机构", required=False, coerce=int, empty_value=None)
    category = forms.IntegerField(label="目录栏目", required=False, min_value=1, widget=forms.Select)
    year = forms.TypedChoiceField(label="发布年度", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.utils import timezone

        from gongkai.agencies.models import Agency

        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "全部机构")] + [
            (a.pk, a.name) for a in Agency.objects.filter(is_active=True).order_by("name")
        ]
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", "全部年度")] + [(y, f"{y}年") for y in range(this_year, 2007, -1)]
        self.fields["category"].widget.choices = [("", "全部栏目")]
        self.fields["agency"].error_messages["invalid_choice"] = "所选机构不存在"
        self.fields["year"].error_messages["invalid_choice"] = "发布年度应在2008年至今年之间"

    def set_category_choices(self, choices: list[tuple[int, str]]) -> None:
        self.fields["category"].widget.choices = [("", "全部栏目"), *choices]

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())
