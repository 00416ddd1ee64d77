"""Demo applications (依申请公开) across last year and this year, in every state.

Each scenario is a story told through the real business actions (``gongkai.casework.actions``):
receive, 补正, consultation, extension, fees, decision, withdrawal, delivery, archive. Nothing
is written to the tables directly, so the cached state always equals the replayed events.

Last year's cases have fixed dates; this year's are placed a number of working days before
today, so that a demo started on any day shows cases due in a day or two, cases just overdue
and cases waiting for the applicant. All are ``is_sample`` (not counted in statistics or the
annual report). 区残联 gets none: its 2021 report says it had no applications.

A scenario is found again by its agency and description, so loading twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from gongkai.demodata.agencies import demo_agencies
from gongkai.demodata.logins import DEMO_LOGINS


@dataclass(frozen=True)
class Applicant:
    kind: str  # an ApplicantKind value
    name: str
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


# Invented people and bodies; telephone numbers in the 1380000xxxx test range, e-mail at example.com.
ZHANG = Applicant("natural", "张伟", phone="13800000101", address="淄博市张店区某小区3号楼2单元")
LI = Applicant("natural", "李娜", phone="13800000102", email="lina@example.com")
WANG = Applicant("natural", "王磊", phone="13800000103", address="淄博市张店区马尚街道某村")
ZHOU = Applicant("natural", "周丽", phone="13800000104")
WU = Applicant("natural", "吴刚", phone="13800000105", email="wugang@example.com")
ZHENG = Applicant("natural", "郑华", phone="13800000106")
MA = Applicant("natural", "马强", phone="13800000107", address="淄博市张店区某社区")
GAO = Applicant("natural", "高峰", phone="13800000108")
HUANG = Applicant("natural", "黄敏", phone="13800000109", email="huangmin@example.com")
COMPANY = Applicant("commercial", "淄博某建材商贸有限公司", contact_person="何静", phone="13800000201",
                    email="hejing@example.com")
BUILDER = Applicant("commercial", "山东某建筑工程有限公司", contact_person="林涛", phone="13800000202")
SCHOLAR = Applicant("research", "山东某大学公共管理学院课题组", contact_person="宋教授", phone="13800000301",
                    email="research@example.com")
CHARITY = Applicant("public_interest", "淄博市某助残公益服务中心", contact_person="许芳", phone="13800000401")
LAWYER = Applicant("legal_services", "山东某律师事务所", contact_person="冯律师", phone="13800000501",
                   email="law@example.com")
OWNERS = Applicant("other_org", "张店区某小区业主委员会", contact_person="韩主任", phone="13800000601")


class Story:
    """What a scenario can do: date arithmetic on the statutory calendar and the actions,
    with the demo officer and approver of the agency as actors."""

    def __init__(self, today: date, agencies: dict[str, Any], users: dict[str, Any]) -> None:
        from gongkai.casework.calendar import calendar

        self.today = today
        self.agencies = agencies
        self.users = users
        self.calendar = calendar()

    # --- dates ---------------------------------------------------------------------------
    def workday(self, d: date) -> date:
        """``d`` or the next working day: offices receive people on working days."""
        while not self.calendar.is_workday(d):
            d += timedelta(days=1)
        return d

    def after(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d``."""
        from gongkai.workdays.arithmetic import add_workdays

        return add_workdays(self.calendar, d, n).date

    def ago(self, n: int) -> date:
        """The working day from which today is the ``n``-th working day (the receipt day not
        counted), so that a case received then has used ``n`` working days today."""
        from gongkai.workdays.arithmetic import count_workdays

        # Walk back counting the working days passed (one pass), then let count_workdays, which
        # knows whether the start day counts, confirm or push the date back.
        d, passed = self.today, 0
        while passed < n or not self.calendar.is_workday(d):
            passed += self.calendar.is_workday(d)
            d -= timedelta(days=1)
        while count_workdays(self.calendar, d, self.today) < n or not self.calendar.is_workday(d):
            d -= timedelta(days=1)
        return d

    def last_year(self, month: int, day: int) -> date:
        return self.workday(date(self.today.year - 1, month, day))

    def received(self, when: tuple[int, int] | int) -> date:
        return self.ago(when) if isinstance(when, int) else self.last_year(*when)

    # --- actions -------------------------------------------------------------------------
    def officer(self, agency: str) -> Any:
        return self.users.get(("officer", agency))

    def approver(self, agency: str) -> Any:
        return self.users.get(("approver", agency))

    def receive(self, agency: str, applicant: Applicant, description: str, on: date, *, channel: str = "in_person",
                purpose: str = "", requested_form: str = "paper", delivery_method: str = "pick_up") -> Any:
        from gongkai.casework.actions import do_receive_application

        dates = {"submitted_on": on} if channel == "in_person" else {"signed_on": on} if channel == "signed_post" \
            else {"confirmed_on": on}
        return do_receive_application(
            agency=self.agencies[agency], channel=channel, applicant_kind=applicant.kind,
            applicant_name=applicant.name, description=description, actor=self.officer(agency), is_sample=True,
            contact_person=applicant.contact_person, phone=applicant.phone, email=applicant.email,
            address=applicant.address, purpose=purpose, requested_form=requested_form,
            delivery_method=delivery_method, **dates,
        )


@dataclass(frozen=True)
class Case:
    agency: str
    description: str
    # When the application was received: (month, day) of last year, or working days before today.
    received: tuple[int, int] | int
    tell: Callable[[Story, Case, date], None]


def _act(name: str) -> Callable[..., Any]:
    from gongkai.casework import actions

    return getattr(actions, name)


def _decide(s: Story, app: Any, agency: str, outcome: str, on: date, **kwargs: Any) -> None:
    _act("do_decide")(app, outcome, on=on, actor=s.officer(agency), **kwargs)


def _close(s: Story, app: Any, agency: str, delivered: date | None, archived: date | None = None,
           method: str = "pick_up") -> None:
    if delivered is not None:
        _act("do_deliver")(app, method=method, on=delivered, actor=s.officer(agency))
    if archived is not None:
        _act("do_archive")(app, on=archived, actor=s.officer(agency))


# --- last year: every kind of ending, all delivered or archived ------------------------------------


def c_disclosed(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, ZHANG, case.description, on, purpose="了解子女入学政策")
    _decide(s, app, case.agency, "DISCLOSED", s.after(on, 9))
    _close(s, app, case.agency, s.after(on, 11), s.after(on, 25))


def c_partial(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, COMPANY, case.description, on, channel="online", requested_form="electronic",
                    delivery_method="email")
    # The bidders' unit prices are their trade secrets: 区分处理 (Art 37), which counts as 部分公开.
    _decide(s, app, case.agency, "WITHHELD_THIRD_PARTY", s.after(on, 16), separated=True,
            note="投标人分项报价涉及商业秘密，作区分处理")
    _close(s, app, case.agency, s.after(on, 17), s.after(on, 30), method="email")


def c_process_info(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, WANG, case.description, on)
    _decide(s, app, case.agency, "WITHHELD_PROCESS", s.after(on, 14))
    _close(s, app, case.agency, s.after(on, 15), s.after(on, 28))


def c_not_held(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, OWNERS, case.description, on, channel="signed_post", delivery_method="post")
    _decide(s, app, case.agency, "UNABLE_NOT_HELD", s.after(on, 8),
            note="该信息由市级主管部门制作保存，已告知其名称和联系方式")
    _close(s, app, case.agency, s.after(on, 10), s.after(on, 22), method="post")


def c_petition(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, ZHOU, case.description, on)
    _decide(s, app, case.agency, "NOT_HANDLED_PETITION", s.after(on, 5), note="已告知通过信访渠道反映")
    _close(s, app, case.agency, s.after(on, 6))


def c_withdrawn(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, WU, case.description, on, channel="email")
    _act("do_withdraw")(app, reason="申请人已通过医院官网查到所需信息，书面撤回申请", on=s.after(on, 6))
    _close(s, app, case.agency, None, s.after(on, 12))


def c_supplement_lapsed(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, GAO, case.description, on, channel="ordinary_letter")
    asked = s.after(on, 4)
    deadline = asked + timedelta(days=15)
    _act("do_request_supplement")(app, deadline=deadline, on=asked, actor=s.officer(case.agency),
                                  items="请写明所需信息的名称、文号或者便于查询的其他特征性描述")
    _act("do_lapse_supplement")(app, on=s.after(deadline, 1), actor=s.officer(case.agency))
    _close(s, app, case.agency, None, s.after(deadline, 5))


def c_fee_lapsed(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, BUILDER, case.description, on, requested_form="paper", delivery_method="post")
    notice = s.after(on, 5)
    _act("do_send_fee_notice")(app, method="per_page", pages=86, on=notice, actor=s.officer(case.agency))
    _act("do_lapse_fee")(app, on=s.after(notice, 23), actor=s.officer(case.agency))
    _close(s, app, case.agency, None, s.after(notice, 28))


def c_consulted(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, LAWYER, case.description, on, channel="signed_post", delivery_method="post")
    sent = s.after(on, 3)
    officer = s.officer(case.agency)
    _act("do_send_consultation")(app, party="third_party", name="山东某置业有限公司", on=sent, actor=officer)
    _act("do_return_consultation")(app, reply="第三方书面同意公开", on=s.after(sent, 8), actor=officer)
    _decide(s, app, case.agency, "DISCLOSED", s.after(sent, 20))
    _close(s, app, case.agency, s.after(sent, 22), s.after(sent, 35), method="post")


def c_late_reply(s: Story, case: Case, on: date) -> None:
    # Replied three working days after the period: the clock on the case page says so.
    app = s.receive(case.agency, MA, case.description, on)
    _decide(s, app, case.agency, "DISCLOSED", s.after(on, 23))
    _close(s, app, case.agency, s.after(on, 24), s.after(on, 35))


def c_needs_creation(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, SCHOLAR, case.description, on, channel="online", requested_form="electronic",
                    delivery_method="email")
    _decide(s, app, case.agency, "UNABLE_NEEDS_CREATION", s.after(on, 12),
            note="所需统计数据需要对现有信息进行汇总、加工，不属于应当提供的政府信息（条例第三十八条）")
    _close(s, app, case.agency, s.after(on, 12), s.after(on, 20), method="email")


def c_year_end(s: Story, case: Case, on: date) -> None:
    # Received in December, answered in January: 结转 in last year's table 三, decided this year.
    app = s.receive(case.agency, LI, case.description, on, channel="online", requested_form="electronic",
                    delivery_method="email")
    _decide(s, app, case.agency, "DISCLOSED", s.after(on, 14))
    _close(s, app, case.agency, s.after(on, 15), method="email")


# --- this year: closed cases, placed by working days before today -------------------------------


def d_decided(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, HUANG, case.description, on, channel="online", requested_form="electronic",
                    delivery_method="email")
    _decide(s, app, case.agency, "DISCLOSED", s.after(on, 8))


def d_partial_delivered(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, CHARITY, case.description, on)
    _decide(s, app, case.agency, "PARTIAL", s.after(on, 15), note="涉及个人隐私的学生姓名、身份证号不予公开")
    _close(s, app, case.agency, s.after(on, 17))


def d_repeat(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, WANG, case.description, on)
    _decide(s, app, case.agency, "NOT_HANDLED_REPEAT", s.after(on, 4), note="申请人已于上年就同一内容提出申请并获答复")
    _close(s, app, case.agency, s.after(on, 5))


def d_fee_paid(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, COMPANY, case.description, on, delivery_method="post")
    officer = s.officer(case.agency)
    notice = s.after(on, 6)
    _act("do_send_fee_notice")(app, method="per_page", pages=64, on=notice, actor=officer)
    paid = s.after(notice, 7)
    _act("do_record_payment")(app, on=paid, actor=officer)
    _decide(s, app, case.agency, "DISCLOSED", s.after(paid, 5))
    _close(s, app, case.agency, s.after(paid, 7), s.after(paid, 15), method="post")


def d_withdrawn(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, ZHENG, case.description, on)
    _act("do_withdraw")(app, reason="申请人电话告知不再需要，并补交书面撤回申请", on=s.after(on, 3),
                        actor=s.officer(case.agency))


def d_supplement_lapsed(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, ZHOU, case.description, on, channel="ordinary_letter")
    asked = s.after(on, 5)
    deadline = asked + timedelta(days=15)
    _act("do_request_supplement")(app, deadline=deadline, items="请提供申请人身份证明，并明确所需信息的时间范围",
                                  on=asked, actor=s.officer(case.agency))
    _act("do_lapse_supplement")(app, on=s.after(deadline, 2), actor=s.officer(case.agency))


def d_extended_unclear(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, OWNERS, case.description, on, channel="signed_post", delivery_method="post")
    officer = s.officer(case.agency)
    asked = s.after(on, 2)
    _act("do_request_supplement")(app, deadline=asked + timedelta(days=10), items="请明确所指的具体楼栋和年份",
                                  on=asked, actor=officer)
    supplemented = s.after(asked, 4)
    _act("do_receive_supplement")(app, on=supplemented, actor=officer)
    _act("do_approve_extension")(app, workdays=10, reason="需调取多年档案核实", on=s.after(supplemented, 18),
                                 actor=s.approver(case.agency), applicant_notified_on=s.after(supplemented, 18))
    _decide(s, app, case.agency, "UNABLE_STILL_UNCLEAR", s.after(supplemented, 26))
    _close(s, app, case.agency, s.after(supplemented, 28), s.after(supplemented, 40), method="post")


def d_internal(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, LAWYER, case.description, on, channel="email", requested_form="electronic",
                    delivery_method="email")
    _decide(s, app, case.agency, "WITHHELD_INTERNAL", s.after(on, 11))
    _close(s, app, case.agency, s.after(on, 11), method="email")


def d_publication(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, MA, case.description, on)
    _decide(s, app, case.agency, "NOT_HANDLED_PUBLICATION", s.after(on, 3), note="已告知可在区政府网站年鉴栏目获取")
    _close(s, app, case.agency, s.after(on, 4), s.after(on, 10))


def d_admin_query(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, GAO, case.description, on)
    _decide(s, app, case.agency, "WITHHELD_ADMIN_QUERY", s.after(on, 6), note="学籍档案查询已告知按相关规定办理")
    _close(s, app, case.agency, s.after(on, 7))


# --- open cases: due soon, overdue, waiting -----------------------------------------------------


def o_due_soon(s: Story, case: Case, on: date) -> None:
    s.receive(case.agency, LI, case.description, on, channel="online", requested_form="electronic",
              delivery_method="email")


def o_overdue(s: Story, case: Case, on: date) -> None:
    s.receive(case.agency, ZHANG, case.description, on)


def o_fresh(s: Story, case: Case, on: date) -> None:
    s.receive(case.agency, SCHOLAR, case.description, on, channel="online", requested_form="electronic",
              delivery_method="email")


def o_awaiting_supplement(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, WU, case.description, on, channel="ordinary_letter")
    asked = s.after(on, 3)
    _act("do_request_supplement")(app, deadline=s.today + timedelta(days=15),
                                  items="请写明所需信息涉及的学校名称和学年", on=asked, actor=s.officer(case.agency))


def o_supplemented(s: Story, case: Case, on: date) -> None:
    supplemented = s.ago(17)
    app = s.receive(case.agency, ZHENG, case.description, on)
    officer = s.officer(case.agency)
    _act("do_request_supplement")(app, deadline=supplemented + timedelta(days=3),
                                  items="请提供所需信息的文号或者发文时间", on=s.after(on, 4), actor=officer)
    _act("do_receive_supplement")(app, on=supplemented, actor=officer)


def o_consulting(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, BUILDER, case.description, on, delivery_method="post")
    _act("do_send_consultation")(app, party="third_party", name="淄博某教育装备有限公司", on=s.after(on, 5),
                                 received_on=s.after(on, 6), actor=s.officer(case.agency))


def o_extended(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, CHARITY, case.description, on)
    approved = s.after(on, 18)
    _act("do_approve_extension")(app, workdays=15, reason="申请内容涉及多所学校，需逐校汇总核实", on=approved,
                                 actor=s.approver(case.agency), applicant_notified_on=approved)


def o_fee_pending(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, OWNERS, case.description, on, delivery_method="post")
    _act("do_send_fee_notice")(app, method="per_page", pages=160, on=s.after(on, 6), actor=s.officer(case.agency))


def o_consulted_back(s: Story, case: Case, on: date) -> None:
    app = s.receive(case.agency, HUANG, case.description, on, channel="online")
    sent = s.after(on, 3)
    _act("do_send_consultation")(app, party="other_organ", name="淄博市医疗保障局张店分局", on=sent)
    _act("do_return_consultation")(app, reply="同意公开", on=s.after(sent, 6))


CASES: tuple[Case, ...] = (
    # last year
    Case("jiaoti", "2025年张店区城区小学招生划片范围及确定依据", (3, 10), c_disclosed),
    Case("jiaoti", "张店区某小学2025年校舍维修改造项目的招标文件、中标通知书及中标价格明细", (4, 14), c_partial),
    Case("zhangdian", "区政府常务会议研究某片区城市更新项目的会议纪要", (5, 19), c_process_info),
    Case("zhujian", "某小区1997年建设工程规划许可证及竣工验收资料", (6, 9), c_not_held),
    Case("jiaoti", "关于某幼儿园收费问题的举报处理结果", (7, 7), c_petition),
    Case("weijian", "张店区2025年度家庭医生签约服务考核结果", (8, 4), c_withdrawn),
    Case("jiaoti", "教育局有关文件", (9, 1), c_supplement_lapsed),
    Case("zhujian", "某商住小区二期工程施工图设计文件审查合格书及全部图纸", (9, 15), c_fee_lapsed),
    Case("zhangdian", "某片区国有土地上房屋征收项目的征收补偿方案及评估机构选定结果", (10, 13), c_consulted),
    Case("jiaoti", "2025年度张店区中小学教师招聘面试成绩及考察结果公示材料", (11, 3), c_late_reply),
    Case("mashang", "马尚街道2018年至2025年各村居人口变化情况统计分析", (11, 17), c_needs_creation),
    Case("zhangdian", "张店区2026年民生实事项目征集结果及确定依据", (12, 22), c_year_end),
    # this year, closed
    Case("jiaoti", "张店区2026年普惠性民办幼儿园认定名单及生均补助标准", 9, d_decided),
    Case("jiaoti", "张店区2026年特殊教育随班就读学生资助资金发放情况", 40, d_partial_delivered),
    Case("zhangdian", "某片区城市更新项目会议纪要中关于房屋征收补偿的内容", 120, d_repeat),
    Case("weijian", "张店区2026年基层医疗卫生机构医疗设备采购项目合同及验收报告", 150, d_fee_paid),
    Case("zhangdian", "张店区2026年政府投资项目计划", 60, d_withdrawn),
    Case("mashang", "马尚街道某社区低保评议有关情况", 70, d_supplement_lapsed),
    Case("jiaoti", "某小区周边配套学校建设的历年规划调整材料", 100, d_extended_unclear),
    Case("zhangdian", "区政府办公室2026年内部考勤管理及公务接待审批单", 90, d_internal),
    Case("zhangdian", "《张店年鉴（2025）》全文", 180, d_publication),
    Case("jiaoti", "本人2008年初中学籍档案及毕业登记表", 45, d_admin_query),
    # open
    Case("jiaoti", "2026年张店区城区小学招生划片范围调整情况及依据", 18, o_due_soon),
    Case("jiaoti", "张店区2026年校外培训机构年度检查结果名单", 23, o_overdue),
    Case("jiaoti", "张店区2023—2026年义务教育阶段学位供给与生源预测数据", 2, o_fresh),
    Case("jiaoti", "某中学2026—2027学年课后服务收费标准及批准文件", 6, o_awaiting_supplement),
    Case("jiaoti", "张店区2026年中小学校园食堂食材配送企业遴选结果", 30, o_supplemented),
    Case("jiaoti", "张店区2026年智慧校园建设项目采购合同", 14, o_consulting),
    Case("jiaoti", "张店区2026年各中小学残疾学生送教上门工作记录", 30, o_extended),
    Case("zhujian", "某小区加装电梯项目的规划审批、施工许可及全部设计图纸", 12, o_fee_pending),
    Case("zhangdian", "张店区2026年老旧小区改造项目名单、改造内容及资金安排", 18, o_due_soon),
    Case("zhangdian", "某道路拓宽工程的立项批复及征收范围图", 23, o_overdue),
    Case("weijian", "张店区2026年基本医疗保险定点医疗机构名单", 24, o_consulted_back),
    Case("mashang", "马尚街道2026年人居环境整治专项资金使用明细", 2, o_fresh),
)


def _staff() -> dict[tuple[str, str], Any]:
    from django.contrib.auth import get_user_model

    by_name = {u.username: u for u in get_user_model().objects.filter(username__in=[x.username for x in DEMO_LOGINS])}
    return {(x.role, x.agency): by_name[x.username] for x in DEMO_LOGINS if x.agency and x.username in by_name}


def load() -> None:
    """Tell every scenario not yet in the database (found by agency and description), in the
    order of their receipt dates."""
    from django.db import transaction
    from django.utils import timezone

    from gongkai.casework.models import Application

    agencies = demo_agencies()
    story = Story(timezone.localdate(), agencies, _staff())
    present = set(
        Application.objects.filter(agency__in=agencies.values(), is_sample=True).values_list("agency_id", "description")
    )
    missing = [(story.received(c.received), c) for c in CASES if (agencies[c.agency].pk, c.description) not in present]
    # In order of receipt, so that the receipt numbers of each agency and year follow the dates.
    for received, case in sorted(missing, key=lambda item: item[0]):
        with transaction.atomic():
            case.tell(story, case, received)


def reset() -> None:
    """Remove the demo agencies' sample applications (events go with them) and the receipt
    counters that only they used, so that the next load numbers from 1 again."""
    from gongkai.casework.models import Application, ReceiptCounter

    agencies = list(demo_agencies().values())
    Application.objects.filter(agency__in=agencies, is_sample=True).delete()
    used = set(Application.objects.filter(agency__in=agencies).values_list("agency_id", "year"))
    for counter in ReceiptCounter.objects.filter(agency__in=agencies):
        if (counter.agency_id, counter.year) not in used:
            counter.delete()
