"""Forms of the workspace: list filters, paper intake, and one small form per case action.

Each action form knows the ``do_*`` business action it performs and the trial events that
tell, by replaying the log with them (``lifecycle.replay``), whether the action is lawful now.
The forms validate input; the actions validate the law. ``ValidationError``s raised by an
action are put back on the form (``add_errors``), so the officer sees them next to the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.casework import actions
from gongkai.casework.fees import FeeMethod
from gongkai.casework.lifecycle import (
    MAX_EXTENSION_WORKDAYS,
    RESERVED_OUTCOMES,
    TERMINATING_OUTCOME,
    CaseEvent,
    EventKind,
    EventLike,
    Status,
    TransitionError,
    full_date,
    replay,
)
from gongkai.casework.models import (
    APPLICANT_KIND_CHOICES,
    CHANNEL_CHOICES,
    STATE_CHOICES,
    Application,
    DeliveryMethod,
)
from gongkai.casework.selectors import DEFAULT_DUE_WITHIN, TAB_LABELS, ListFilters
from gongkai.statute.formats import UnknownFormatError, format_for_year
from gongkai.statute.outcomes import Outcome, outcome_label, outcome_row


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = True, help_text: str = "", today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        initial=timezone.localdate if today else None,
        error_messages={"invalid": "请输入有效的日期（如 2026-11-27）", "required": f"请填写{label}"},
    )


def add_errors(form: forms.Form, exc: ValidationError | TransitionError) -> None:
    """Put an action's error on the form: on the field it names, else above the form."""
    if isinstance(exc, TransitionError):
        form.add_error(None, str(exc))
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- the list filters ---------------------------------------------------------------------------


class ListFilterForm(forms.Form):
    """GET filters of the case list; invalid values are reported and ignored, never a crash."""

    tab = forms.ChoiceField(label="视图", choices=list(TAB_LABELS.items()), required=False)
    agency = forms.TypedChoiceField(label="机构", required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label="办理状态", required=False, choices=[("", "全部状态"), *STATE_CHOICES])
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100,
                              error_messages={"invalid": "年度应为四位数字",
                                              "min_value": "年度应在2000至2100之间",
                                              "max_value": "年度应在2000至2100之间"})
    kind = forms.ChoiceField(label="申请人类型", required=False, choices=[("", "全部类型"), *APPLICANT_KIND_CHOICES])
    q = forms.CharField(label="搜索", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    within = forms.IntegerField(label="到期天数（工作日）", required=False, min_value=1, max_value=20,
                                error_messages={"invalid": "请输入1至20之间的整数",
                                                "min_value": "请输入1至20之间的整数",
                                                "max_value": "请输入1至20之间的整数"})

    def __init__(self, data: Any, *, agencies: Sequence[Any], default_tab: str, searches_names: bool) -> None:
        super().__init__(data)
        self.default_tab = default_tab
        self.fields["agency"].choices = [("", "全部机构"), *((a.pk, a.name) for a in agencies)]
        self.fields["q"].help_text = (
            "受理编号、申请内容或申请人姓名（姓名只在本人承办的机构中检索）" if searches_names
            else "受理编号或申请内容"
        )
        self.fields["within"].help_text = f"“即将到期”的范围，默认{DEFAULT_DUE_WITHIN}个工作日"

    def filters(self) -> ListFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ListFilters(
            tab=data.get("tab") or self.default_tab,
            agency_id=data.get("agency"),
            state=data.get("state") or "",
            year=data.get("year"),
            applicant_kind=data.get("kind") or "",
            q=(data.get("q") or "").strip(),
            within=data.get("within") or DEFAULT_DUE_WITHIN,
        )


class SupervisionFilterForm(forms.Form):
    agency = forms.TypedChoiceField(label="机构", required=False, coerce=int, empty_value=None)
    within = ListFilterForm.base_fields["within"]

    def __init__(self, data: Any, *, agencies: Sequence[Any]) -> None:
        super().__init__(data)
        self.fields["agency"].choices = [("", "区域内全部机构"), *((a.pk, a.name) for a in agencies)]

    def values(self) -> tuple[int | None, int]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("agency"), data.get("within") or DEFAULT_DUE_WITHIN


# --- intake ---------------------------------------------------------------------------------------


class IntakeForm(forms.Form):
    """A paper (or e-mail, fax, phone-noted) application as the officer registers it."""

    agency = forms.ModelChoiceField(label="受理机构", queryset=Agency.objects.none(), empty_label="请选择",
                                    error_messages={"required": "请选择受理机构",
                                                    "invalid_choice": "请从列表中选择受理机构"})
    channel = forms.ChoiceField(label="提交方式", choices=CHANNEL_CHOICES, initial="in_person",
                                help_text="收到申请之日按条例第三十一条由提交方式和下列日期计算，不必手工填写")
    submitted_on = date_field("提交日期", required=False,
                              help_text="当面提交之日；邮寄、网上提交时为寄出或提交日期（如知道）")
    signed_on = date_field("签收（收信）日期", required=False, help_text="邮寄件签收之日；平常信函收到之日")
    confirmed_on = date_field("确认日期", required=False,
                              help_text="互联网、传真、电子邮件：双方确认之日；平常信函：与申请人确认之日")
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=APPLICANT_KIND_CHOICES)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=200)
    id_type = forms.ChoiceField(label="身份证明类型", required=False,
                                choices=[("", "未提供"), *Application._meta.get_field("id_type").choices])
    id_number = forms.CharField(label="身份证明号码", max_length=60, required=False)
    contact_person = forms.CharField(label="联系人", max_length=100, required=False, help_text="法人或其他组织的联系人")
    phone = forms.CharField(label="联系电话", max_length=50, required=False)
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱地址"})
    address = forms.CharField(label="通信地址", max_length=300, required=False)
    postcode = forms.RegexField(label="邮政编码", regex=r"^\d{6}$", required=False,
                                error_messages={"invalid": "邮政编码应为6位数字"})
    description = forms.CharField(label="所需政府信息的名称、文号或特征性描述",
                                  widget=forms.Textarea(attrs={"rows": 4}))
    purpose = forms.CharField(label="用途说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    requested_form = forms.ChoiceField(label="信息形式要求", required=False,
                                       choices=[("", "未说明"), *Application._meta.get_field("requested_form").choices])
    delivery_method = forms.ChoiceField(label="获取信息的方式", required=False,
                                        choices=[("", "未说明"), *DeliveryMethod.choices])
    units = forms.IntegerField(label="计件数", min_value=1, max_value=999, initial=1,
                               help_text="按件计收信息处理费时的件数（“一事一申请”拆分后的件数），通常为1",
                               error_messages={"min_value": "计件数至少为1", "invalid": "计件数应为整数"})

    GROUPS = (
        ("受理", ("agency", "channel", "submitted_on", "signed_on", "confirmed_on")),
        ("申请人", ("applicant_kind", "applicant_name", "id_type", "id_number", "contact_person", "phone", "email",
                  "address", "postcode")),
        ("申请内容", ("description", "purpose", "requested_form", "delivery_method", "units")),
    )
    FIELDS_FOR_ACTION = ("id_type", "id_number", "contact_person", "phone", "email", "address", "postcode",
                         "purpose", "requested_form", "delivery_method", "units")

    def __init__(self, *args: Any, agencies: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies]).order_by("name")
        if len(agencies) == 1:
            field.initial = agencies[0].pk
        for name in ("applicant_name", "description"):
            self.fields[name].error_messages["required"] = f"请填写{self.fields[name].label}"

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in fieldsets, for the template."""
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def clean_applicant_name(self) -> str:
        value = self.cleaned_data["applicant_name"].strip()
        if not value:
            raise ValidationError("请填写申请人姓名或名称")
        return value

    def clean_description(self) -> str:
        value = self.cleaned_data["description"].strip()
        if not value:
            raise ValidationError("请填写所需政府信息的名称、文号或特征性描述（条例第二十九条）")
        return value

    def register(self, actor: Any) -> Application:
        data = self.cleaned_data
        extra = {name: data[name] for name in self.FIELDS_FOR_ACTION if data.get(name) not in (None, "")}
        return actions.do_receive_application(
            agency=data["agency"],
            channel=data["channel"],
            applicant_kind=data["applicant_kind"],
            applicant_name=data["applicant_name"],
            description=data["description"],
            submitted_on=data.get("submitted_on"),
            signed_on=data.get("signed_on"),
            confirmed_on=data.get("confirmed_on"),
            actor=actor,
            **extra,
        )


# --- case actions ---------------------------------------------------------------------------------


class ActionForm(forms.Form):
    """One action on a case. ``slug`` names it in the URL; the form prefix keeps ids unique."""

    slug: ClassVar[str] = ""
    title: ClassVar[str] = ""
    button: ClassVar[str] = "登记"
    note: ClassVar[str] = ""
    approver_only: ClassVar[bool] = False

    on = date_field("日期", today=True)

    def __init__(self, data: Any = None, *, application: Application, status: Status) -> None:
        super().__init__(data, prefix=self.slug)
        self.application = application
        self.status = status

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        """Events that stand for this action when checking that the lifecycle allows it now."""
        raise NotImplementedError

    def clean_on(self) -> date:
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise ValidationError(f"日期（{full_date(on)}）不能晚于今天")
        if on < self.application.received_on:
            raise ValidationError(
                f"日期（{full_date(on)}）不能早于收到申请日期（{full_date(self.application.received_on)}）"
            )
        return on

    def perform(self, actor: Any) -> Status:
        raise NotImplementedError


def _terminating(kind: EventKind) -> list[tuple[EventKind, dict[str, Any]]]:
    return [(kind, {}), (EventKind.DECIDED, {"outcome": TERMINATING_OUTCOME[kind].value})]


class RequestSupplementForm(ActionForm):
    slug, title, button = "request_supplement", "告知补正", "登记补正告知"
    note = ("应在收到申请之日起7个工作日内一次性告知需要补正的事项和合理的补正期限（条例第三十条）；"
            "超期告知仍可登记，但会标记为超期。")
    on = date_field("告知日期", today=True)
    deadline = date_field("补正期限", help_text="机关确定的合理补正期限，申请人应在此日期前补正")
    items = forms.CharField(label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": "请写明需要补正的事项（一次性告知）"})

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return [(EventKind.SUPPLEMENT_REQUESTED, {})]

    def perform(self, actor: Any) -> Status:
        d = self.cleaned_data
        return actions.do_request_supplement(self.application, deadline=d["deadline"], items=d["items"], on=d["on"],
                                             actor=actor)


class ReceiveSupplementForm(ActionForm):
    slug, title, button = "receive_supplement", "收到补正材料", "登记收到补正"
    note = "答复期限自收到补正材料之日起重新计算20个工作日（条例第三十条）。"
    on = date_field("收到补正材料日期", today=True)

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return [(EventKind.SUPPLEMENT_RECEIVED, {})]

    def perform(self, actor: Any) -> Status:
        return actions.do_receive_supplement(self.application, on=self.cleaned_data["on"], actor=actor)


class LapseSupplementForm(ActionForm):
    slug, title, button = "lapse_supplement", "逾期未补正", "登记逾期未补正并终止办理"
    note = "补正期限届满后，申请人无正当理由未补正的，视为放弃申请，不再处理（表三（六）1）。"

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return _terminating(EventKind.SUPPLEMENT_LAPSED)

    def perform(self, actor: Any) -> Status:
        return actions.do_lapse_supplement(self.application, on=self.cleaned_data["on"], actor=actor)


class SendConsultationForm(ActionForm):
    slug, title, button = "send_consultation", "征求意见", "登记征求意见"
    note = ("征求第三方（第三十二条）或其他机关（第三十四条）意见期间不计入答复期限；"
            "对方应在收到征求意见函之日起15个工作日内答复。")
    on = date_field("发函日期", today=True)
    party = forms.ChoiceField(label="征求意见对象", choices=list(actions.CONSULTATION_PARTIES.items()),
                              error_messages={"invalid_choice": "征求意见的对象应为第三方或其他机关"})
    name = forms.CharField(label="对方名称", max_length=200, error_messages={"required": "请填写征求意见对象的名称"})
    received_on = date_field("对方收到日期", required=False, help_text="如已知；未填写的按发函之日计算对方答复期限")

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return [(EventKind.CONSULTATION_SENT, {})]

    def perform(self, actor: Any) -> Status:
        d = self.cleaned_data
        return actions.do_send_consultation(self.application, party=d["party"], name=d["name"], on=d["on"],
                                            received_on=d.get("received_on"), actor=actor)


class ReturnConsultationForm(ActionForm):
    slug, title, button = "return_consultation", "征求意见办结", "登记征求意见办结"
    note = "收到对方意见，或对方逾期未答复（也在此登记并注明）。"
    on = date_field("办结日期", today=True)
    consultation = forms.TypedChoiceField(label="哪一次征求意见", coerce=int,
                                          error_messages={"invalid_choice": "请选择尚未办结的征求意见"})
    reply = forms.CharField(label="对方意见", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="对方逾期未答复的，请注明")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consultation"].choices = [(n, f"第{n}次征求意见") for n in self.status.open_consultations]

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        first = status.open_consultations[0] if status.open_consultations else None
        return [(EventKind.CONSULTATION_RETURNED, {"consultation": first})]

    def perform(self, actor: Any) -> Status:
        d = self.cleaned_data
        return actions.do_return_consultation(self.application, consultation=d["consultation"], reply=d["reply"],
                                              on=d["on"], actor=actor)


class ApproveExtensionForm(ActionForm):
    slug, title, button = "approve_extension", "批准延期答复", "批准延期"
    note = "经政府信息公开工作机构负责人同意，可延长一次，不超过20个工作日，并告知申请人（条例第三十三条第二款）。"
    approver_only = True
    on = date_field("批准日期", today=True)
    workdays = forms.IntegerField(
        label="延长的工作日数", min_value=1, max_value=MAX_EXTENSION_WORKDAYS, initial=MAX_EXTENSION_WORKDAYS,
        error_messages={
            "required": "请填写延长的工作日数",
            "invalid": "延长的工作日数应为整数",
            "min_value": f"延长期限应为1至{MAX_EXTENSION_WORKDAYS}个工作日（条例第三十三条）",
            "max_value": f"延长期限不能超过{MAX_EXTENSION_WORKDAYS}个工作日（条例第三十三条）",
        },
    )
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "请写明延期理由"})
    applicant_notified_on = date_field("告知申请人日期", required=False)

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return [(EventKind.EXTENSION_APPROVED, {"workdays": 1})]

    def perform(self, actor: Any) -> Status:
        d = self.cleaned_data
        return actions.do_approve_extension(self.application, workdays=d["workdays"], reason=d["reason"], on=d["on"],
                                            applicant_notified_on=d.get("applicant_notified_on"), actor=actor)


class FeeNoticeForm(ActionForm):
    slug, title, button = "fee_notice", "发出收费通知", "登记收费通知"
    note = ("依国办函〔2020〕109号，每件申请只能选择一种方式计收：按件计收（同一申请人同一自然月累计，10件以内免费）"
            "或按量计收（30页以内免费）。金额由系统计算；申请人自收到通知次日起20个工作日内缴费。")
    on = date_field("发出日期", today=True)
    method = forms.ChoiceField(label="计收方式", choices=[(m.value, m.label) for m in FeeMethod],
                               error_messages={"invalid_choice": "计收方式应为按件计收或按量计收"})
    pages = forms.IntegerField(label="页数", required=False, min_value=1, max_value=1_000_000,
                               help_text="按量计收时必填",
                               error_messages={"min_value": "页数至少为1", "invalid": "页数应为整数"})
    received_on = date_field("申请人收到通知日期", required=False, help_text="如已知；未填写的按发出次日计算")

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return [(EventKind.FEE_NOTICE_SENT, {})]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("method") == FeeMethod.PER_PAGE.value and not data.get("pages"):
            self.add_error("pages", "按量计收须填写页数")
        return data

    def perform(self, actor: Any) -> Status:
        d = self.cleaned_data
        return actions.do_send_fee_notice(self.application, method=d["method"], pages=d.get("pages"), on=d["on"],
                                          received_on=d.get("received_on"), actor=actor)


class RecordPaymentForm(ActionForm):
    slug, title, button = "record_payment", "缴纳费用", "登记已缴费"
    on = date_field("缴费日期", today=True)

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return [(EventKind.FEE_PAID, {})]

    def perform(self, actor: Any) -> Status:
        return actions.do_record_payment(self.application, on=self.cleaned_data["on"], actor=actor)


class LapseFeeForm(ActionForm):
    slug, title, button = "lapse_fee", "逾期未缴费", "登记逾期未缴费并终止办理"
    note = "缴费期限届满后未缴费的，视为放弃申请，不再处理（表三（六）2）。"

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return _terminating(EventKind.FEE_LAPSED)

    def perform(self, actor: Any) -> Status:
        return actions.do_lapse_fee(self.application, on=self.cleaned_data["on"], actor=actor)


def outcome_choices(year: int) -> list[tuple[str, str]]:
    """Outcomes an officer may choose, labelled with the table 三 rows of ``year``'s format."""
    try:
        fmt = format_for_year(year)
    except UnknownFormatError:
        return []
    return [(o.value, outcome_label(o, fmt)) for o in Outcome if o not in RESERVED_OUTCOMES]


class DecideForm(ActionForm):
    slug, title, button = "decide", "作出答复", "登记答复"
    note = "每件申请只有一个办理结果，即其在年度报告表三中的行；区分处理的一律计为部分公开（条例第三十七条）。"
    on = date_field("答复日期", today=True)
    outcome = forms.ChoiceField(label="办理结果", error_messages={
        "invalid_choice": "请选择有效的办理结果", "required": "请选择办理结果"})
    separated = forms.BooleanField(label="区分处理（条例第三十七条）", required=False,
                                   help_text="提供可以公开的部分并说明其余部分不予公开的理由；计为部分公开")
    note_text = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "请选择"), *outcome_choices(timezone.localdate().year)]

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return [(EventKind.DECIDED, {"outcome": Outcome.DISCLOSED.value})]

    def clean_on(self) -> date:
        on = self.cleaned_data["on"]
        if on < self.application.received_on:
            raise ValidationError(
                f"答复日期（{full_date(on)}）不能早于收到申请日期（{full_date(self.application.received_on)}）"
            )
        return super().clean_on()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        on, code = data.get("on"), data.get("outcome")
        if on is None or not code:
            return data
        outcome = Outcome(code)
        try:
            fmt = format_for_year(on.year)
            outcome_row(outcome, fmt)
        except (UnknownFormatError, KeyError):
            self.add_error("outcome", f"办理结果“{code}”不适用于{on.year}年度的报告格式")
        return data

    def perform(self, actor: Any) -> Status:
        d = self.cleaned_data
        return actions.do_decide(self.application, d["outcome"], separated=d["separated"], on=d["on"],
                                 note=d.get("note_text") or "", actor=actor)


class WithdrawForm(ActionForm):
    slug, title, button = "withdraw", "申请人撤回申请", "登记撤回并终止办理"
    note = "撤回后终止办理，计入表三（六）其他处理。"
    reason = forms.CharField(label="撤回说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return _terminating(EventKind.WITHDRAWN)

    def perform(self, actor: Any) -> Status:
        return actions.do_withdraw(self.application, reason=self.cleaned_data["reason"], on=self.cleaned_data["on"],
                                   actor=actor)


class DeliverForm(ActionForm):
    slug, title, button = "deliver", "送达", "登记送达"
    on = date_field("送达日期", today=True)
    method = forms.ChoiceField(label="送达方式", required=False, choices=[("", "未说明"), *DeliveryMethod.choices])

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return [(EventKind.DELIVERED, {})]

    def perform(self, actor: Any) -> Status:
        return actions.do_deliver(self.application, method=self.cleaned_data["method"], on=self.cleaned_data["on"],
                                  actor=actor)


class ArchiveForm(ActionForm):
    slug, title, button = "archive", "归档", "归档"
    note = "归档后不能再登记任何办理事件（条例第四十五条）。"
    on = date_field("归档日期", today=True)

    @classmethod
    def trial(cls, status: Status) -> list[tuple[EventKind, dict[str, Any]]]:
        return [(EventKind.ARCHIVED, {})]

    def perform(self, actor: Any) -> Status:
        return actions.do_archive(self.application, on=self.cleaned_data["on"], actor=actor)


ACTION_FORMS: dict[str, type[ActionForm]] = {
    form.slug: form
    for form in (
        RequestSupplementForm,
        ReceiveSupplementForm,
        LapseSupplementForm,
        SendConsultationForm,
        ReturnConsultationForm,
        ApproveExtensionForm,
        FeeNoticeForm,
        RecordPaymentForm,
        LapseFeeForm,
        DecideForm,
        WithdrawForm,
        DeliverForm,
        ArchiveForm,
    )
}


def lawful_actions(events: Sequence[EventLike]) -> list[str]:
    """Slugs of the actions the lifecycle allows after ``events``, found by replaying the log
    with each action's trial events (the same check the business action will make)."""
    status = replay(events)
    last = events[-1].date
    lawful = []
    for slug, form in ACTION_FORMS.items():
        trial = [CaseEvent(kind, last, details) for kind, details in form.trial(status)]
        try:
            replay([*events, *trial])
        except TransitionError:
            continue
        lawful.append(slug)
    return lawful
