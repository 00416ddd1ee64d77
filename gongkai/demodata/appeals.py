"""Demo 复议 and 诉讼 cases on the sample applications of 张店区's departments.

Told through the business actions (``gongkai.appeals.actions``), so every rule holds. Each case
hangs on a sample application found by its agency and description (``demodata.casework``); the
dates follow that application's reply date, and anything that would fall after today is left
unrecorded, so the demo is consistent on whatever day it is loaded. A case is found again by its
agency, body and case number: loading twice adds nothing. All cases are ``is_sample``.

- 教体局: a 复议 about a 区分处理 reply, upheld, then a suit after it, withdrawn (其他结果);
- 教体局: a 复议 about a 行政查询 reply received a few days ago, its answer due in the coming days;
- 住建局: a direct suit about a “本机关不掌握” reply, the claim dismissed (结果维持);
- 马尚街道: a 复议 about a “需要另行制作” reply, corrected (责令重新答复);
- 卫健局: a historical 复议 registered without its application, withdrawn (其他结果).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

GOVERNMENT = "淄博市张店区人民政府"
COURT = "淄博市张店区人民法院"


@dataclass(frozen=True)
class DemoCase:
    agency: str  # key in demodata.agencies
    description: str  # of the sample application it concerns; "" for a historical case
    build: Callable[[Any, Any, Any], None]  # (context, agency, application)


class Context:
    def __init__(self) -> None:
        from django.utils import timezone

        from gongkai.casework.calendar import calendar

        self.today = timezone.localdate()
        self.calendar = calendar()

    def after(self, d: date, workdays: int) -> date:
        from gongkai.workdays.arithmetic import add_workdays

        return add_workdays(self.calendar, d, workdays).date

    def before(self, d: date, workdays: int) -> date:
        """The ``workdays``-th working day before ``d``."""
        while workdays:
            d -= timedelta(days=1)
            workdays -= self.calendar.is_workday(d)
        return d

    def upto_today(self, **dates: date | None) -> dict[str, date | None]:
        """The dates that have happened by today; later ones are not recorded yet."""
        return {name: (d if d is not None and d <= self.today else None) for name, d in dates.items()}

    def officer(self, agency: Any) -> Any:
        from gongkai.agencies.models import Membership

        member = Membership.objects.filter(agency=agency, role=Membership.Role.OFFICER).select_related("user").first()
        return member.user if member else None


def _exists(agency: Any, body: str, case_number: str) -> Any:
    from gongkai.appeals.models import AppealCase

    return AppealCase.objects.filter(agency=agency, body=body, case_number=case_number).first()


def _register(ctx: Context, agency: Any, application: Any, *, kind: str, body: str, case_number: str,
              filed_on: date, **fields: Any) -> Any:
    from gongkai.appeals.actions import do_register_appeal

    existing = _exists(agency, body, case_number)
    if existing is not None:
        return existing
    if filed_on > ctx.today:
        return None
    claimant = application.applicant_name if application is not None else fields.pop("claimant", "")
    return do_register_appeal(
        agency=agency, application=application, kind=kind, body=body, case_number=case_number, filed_on=filed_on,
        claimant=claimant, actor=ctx.officer(agency), is_sample=True, **fields,
    )


def _result(ctx: Context, case: Any, result: str, on: date, detail: str) -> None:
    from gongkai.appeals.actions import do_record_result

    if case is not None and case.decided_on is None and on <= ctx.today:
        do_record_result(case, result=result, decided_on=on, detail=detail, actor=ctx.officer(case.agency))


def review_upheld_then_suit(ctx: Context, agency: Any, application: Any) -> None:
    replied = application.decided_on
    filed = replied + timedelta(days=25)
    accepted = ctx.after(filed, 3)
    copy = ctx.after(accepted, 2)
    review = _register(
        ctx, agency, application, kind="review", body=GOVERNMENT, case_number=f"张政复〔{filed.year}〕15号",
        filed_on=filed, procedure="simple", claim="请求撤销区分处理答复中不予公开中标价格明细的部分",
        **ctx.upto_today(knew_on=replied + timedelta(days=3), accepted_on=accepted, copy_received_on=copy,
                         answered_on=ctx.after(copy, 4)),
    )
    decided = accepted + timedelta(days=28)
    _result(ctx, review, "upheld", decided, "决定维持：中标价格明细涉及第三方商业秘密，第三方不同意公开")
    if review is None or review.decided_on is None:
        return
    filed = decided + timedelta(days=12)
    accepted = ctx.after(filed, 5)
    copy = ctx.after(accepted, 3)
    suit = _register(
        ctx, agency, application, kind="suit_after_review", body=COURT, case_number=f"（{filed.year}）鲁0303行初41号",
        filed_on=filed, review_case=review, procedure="simple", claim="请求撤销被诉答复及行政复议决定",
        **ctx.upto_today(accepted_on=accepted, copy_received_on=copy, answered_on=copy + timedelta(days=12)),
    )
    _result(ctx, suit, "other", accepted + timedelta(days=30), "原告申请撤诉，裁定准予撤诉")


def review_answer_due(ctx: Context, agency: Any, application: Any) -> None:
    # Placed a few working days before today, so that the demo shows an answer falling due.
    replied = application.decided_on
    filed = max(replied + timedelta(days=1), ctx.before(ctx.today, 5))
    accepted = max(filed, ctx.before(ctx.today, 3))
    copy = max(accepted, ctx.before(ctx.today, 2))
    _register(
        ctx, agency, application, kind="review", body=GOVERNMENT, case_number=f"张政复〔{filed.year}〕88号",
        filed_on=filed, procedure="simple", claim="请求撤销不予公开学籍档案的答复，责令重新答复",
        **ctx.upto_today(accepted_on=accepted, copy_received_on=copy),
    )


def direct_suit_dismissed(ctx: Context, agency: Any, application: Any) -> None:
    replied = application.decided_on
    filed = replied + timedelta(days=40)
    accepted = ctx.after(filed, 5)
    copy = ctx.after(accepted, 3)
    suit = _register(
        ctx, agency, application, kind="suit_direct", body=COURT, case_number=f"（{filed.year}）鲁0303行初27号",
        filed_on=filed, procedure="simple", claim="请求确认被告“本机关不掌握”的答复违法并责令公开",
        **ctx.upto_today(knew_on=replied + timedelta(days=2), accepted_on=accepted, copy_received_on=copy,
                         answered_on=copy + timedelta(days=10)),
    )
    _result(ctx, suit, "upheld", accepted + timedelta(days=40), "判决驳回原告的诉讼请求：经检索档案，确未制作、保存")


def review_corrected(ctx: Context, agency: Any, application: Any) -> None:
    replied = application.decided_on
    filed = replied + timedelta(days=20)
    accepted = ctx.after(filed, 4)
    copy = ctx.after(accepted, 1)
    review = _register(
        ctx, agency, application, kind="review", body=GOVERNMENT, case_number=f"张政复〔{filed.year}〕31号",
        filed_on=filed, procedure="simple", claim="请求责令被申请人提供已掌握的人口统计数据",
        **ctx.upto_today(accepted_on=accepted, copy_received_on=copy, answered_on=ctx.after(copy, 5)),
    )
    _result(ctx, review, "corrected", accepted + timedelta(days=26),
            "决定撤销原答复，责令在十五个工作日内对已掌握的统计数据重新答复")


def historical_review(ctx: Context, agency: Any, application: Any) -> None:
    review = _register(
        ctx, agency, None, kind="review", body=GOVERNMENT, case_number="张政复〔2025〕3号",
        filed_on=date(2025, 1, 8), claimant="某医疗器械销售有限公司", procedure="simple",
        unlinked_note="2024年11月收到的申请（原编号 卫健依申〔2024〕12号），本系统启用前办理，未登记在本系统",
        accepted_on=date(2025, 1, 10), copy_received_on=date(2025, 1, 13), answered_on=date(2025, 1, 17),
    )
    _result(ctx, review, "other", date(2025, 2, 20), "申请人撤回行政复议申请，决定终止")


TENDER = "张店区某小学2025年校舍维修改造项目的招标文件、中标通知书及中标价格明细"
CASES: tuple[DemoCase, ...] = (
    DemoCase("jiaoti", TENDER, review_upheld_then_suit),
    DemoCase("jiaoti", "本人2008年初中学籍档案及毕业登记表", review_answer_due),
    DemoCase("zhujian", "某小区1997年建设工程规划许可证及竣工验收资料", direct_suit_dismissed),
    DemoCase("mashang", "马尚街道2018年至2025年各村居人口变化情况统计分析", review_corrected),
    DemoCase("weijian", "", historical_review),
)


def load() -> None:
    """Create the demo cases that are missing (safe to run again)."""
    from gongkai.casework.models import Application
    from gongkai.demodata.agencies import demo_agencies

    agencies = demo_agencies()
    ctx = Context()
    for spec in CASES:
        agency = agencies.get(spec.agency)
        if agency is None:
            continue
        application = None
        if spec.description:
            application = (
                Application.objects.filter(agency=agency, description=spec.description, is_sample=True)
                .exclude(decided_on=None).order_by("-received_on").first()
            )
            if application is None:
                continue
        spec.build(ctx, agency, application)


def reset() -> None:
    """Remove the demo cases (suits first: they point at their 复议)."""
    from gongkai.appeals.models import AppealCase
    from gongkai.demodata.agencies import demo_agencies

    samples = AppealCase.objects.filter(agency__in=list(demo_agencies().values()), is_sample=True)
    samples.filter(review_case__isnull=False).delete()
    samples.delete()
