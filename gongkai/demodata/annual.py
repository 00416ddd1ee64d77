"""Demo annual reports (``make demo``), built from the records by the annual app's actions.

- 张店区残联, 2021: its records are the publishing demo's 19 items in the example report's
  categories, no applications and no cases. The report built from them is the example report
  done right: the figures from the records, its own texts (from ``../shared/seed``) with the
  sentences copied from another agency corrected, the 2021 format throughout, no blank cells;
  published on 2022-01-20, within the departments' deadline.
- 张店区教体局, 2025: a draft with one finding for the browser test: a 规章 in its register,
  which a county department cannot make (PL-REGULATIONS). Fixing the register record (it is a
  行政规范性文件) and running the checks again clears it; the approver ``shenhe`` approves.
- 张店区人民政府, 2025: a draft that rolls up its departments' and its street office's records.

The applications behind the 2025 reports are recorded here, not as demo samples (which reports
never count), and are found again by agency and description: loading twice adds nothing.
A demo user ``nianbao`` (no password: it cannot log in) holds the roles the 残联 and 区政府
steps need, so that every step goes through the actions with an accountable actor.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

D = date
SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_4f0b4356af47fe62.txt"
ACTOR = "nianbao"
REGULATION_TITLE = "张店区中小学生校外培训机构管理规定"

# (agency key, received, applicant kind, description, outcome or "" for open, decided on)
APPLICATIONS: tuple[tuple[str, date, str, str, str, date | None], ...] = (
    ("zhangdian", D(2025, 2, 17), "natural", "张店区2025年重点民生实事项目清单", "DISCLOSED", D(2025, 3, 4)),
    ("zhangdian", D(2025, 6, 9), "commercial", "某地块土地征收补偿安置方案", "PARTIAL", D(2025, 7, 1)),
    ("jiaoti", D(2025, 3, 10), "natural", "2025年城区小学学区划分依据", "DISCLOSED", D(2025, 3, 28)),
    ("jiaoti", D(2025, 5, 12), "natural", "某中学食堂承包合同", "WITHHELD_THIRD_PARTY", D(2025, 6, 3)),
    ("jiaoti", D(2025, 12, 29), "legal_services", "2025年教师招聘考察材料", "DISCLOSED", D(2026, 1, 16)),
    ("weijian", D(2025, 4, 7), "natural", "辖区社区卫生服务中心名单", "DISCLOSED", D(2025, 4, 18)),
    ("mashang", D(2025, 8, 4), "natural", "马尚街道老旧小区改造计划", "UNABLE_NOT_HELD", D(2025, 8, 20)),
)

DISTRICT_TEXTS = {
    "（三）政府信息管理情况。": "（三）政府信息管理情况。严格执行公开前审查和保密审查，定期清理过时信息。",
    "（四）政府信息公开平台建设情况。": "（四）政府信息公开平台建设情况。区政府门户网站公开专栏运行正常。",
    "（五）监督保障情况。": "（五）监督保障情况。开展政务公开业务培训两次，将政务公开纳入年度考核。",
    "工作考核、社会评议和责任追究结果情况：": "工作考核、社会评议和责任追究结果情况：本年度未发生责任追究情况。",
}
PROBLEMS = "主要问题是政策解读形式较为单一。下一步将丰富图解、视频等解读形式，提升公开质量。"


def _agencies() -> dict[str, Any]:
    from gongkai.demodata.agencies import demo_agencies

    return demo_agencies()


def _actor(agencies: dict[str, Any]) -> Any:
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Membership

    user, created = get_user_model().objects.get_or_create(
        username=ACTOR, defaults={"full_name": "年报演示", "email": "nianbao@example.com"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    for key in ("canlian", "zhangdian"):
        if key in agencies:
            for role in ("officer", "approver"):
                Membership.objects.get_or_create(user=user, agency=agencies[key], role=role)
    return user


def _user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).first()


def _fill(version: Any, actor: Any, replacements: dict[str, str]) -> None:
    from gongkai.annual.actions import do_edit_text
    from gongkai.annual.narrative import has_placeholder

    for key, text in list(version.texts.items()):
        if not has_placeholder(text):
            continue
        lines = []
        for line in text.split("\n"):
            if has_placeholder(line):
                line = next((new for start, new in replacements.items() if line.startswith(start)), "")
            if line:
                lines.append(line)
        do_edit_text(version, key, "\n".join(lines) if key != "problems" else PROBLEMS, actor=actor)


# --- 张店区残联 2021 ---------------------------------------------------------------------------------


def seed_texts() -> dict[str, str]:
    """The example report's own section texts, corrected as its officer would (gongkai.demo)."""
    from gongkai.demo import EXAMPLE_TEXT_FIXES
    from gongkai.report.conform import conform
    from gongkai.report.readers import read

    report, _ = conform(read(SEED)[0])
    texts = {}
    for section in report.sections:
        if not section.key:
            continue
        text = section.text
        for old, new in EXAMPLE_TEXT_FIXES.items():
            text = text.replace(old, new)
        lines = [line for line in text.split("\n") if line.strip() and not line.startswith("[image:")]
        texts[section.key] = "\n".join(lines)
    return texts


def _canlian_2021(agencies: dict[str, Any], actor: Any) -> None:
    from gongkai.annual import actions
    from gongkai.annual.models import ReportVersion, Status

    agency = agencies.get("canlian")
    if agency is None or ReportVersion.objects.filter(agency=agency, year=2021).exists():
        return
    version = actions.do_build_draft(agency, 2021, actor=actor)
    if SEED.exists():
        texts = seed_texts()
        for key in ("overview", "problems", "other"):
            if texts.get(key):
                actions.do_edit_text(version, key, texts[key], actor=actor)
    _fill(version, actor, {})
    for finding in actions.unacknowledged_warnings(version):
        actions.do_acknowledge_warning(version, finding["key"], "演示：已核实。", actor=actor)
    actions.do_submit(version, actor=actor)
    actions.do_approve(version, actor=actor)
    actions.do_publish(version, actor=actor, on=D(2022, 1, 20))
    assert version.status == Status.PUBLISHED


# --- 2025: applications, the 教体局 draft with a finding, the district roll-up ------------------------


def _records(agencies: dict[str, Any]) -> None:
    from gongkai.casework import actions as casework
    from gongkai.casework.models import Application
    from gongkai.publishing.models import NormativeDocument

    for key, received, kind, description, outcome, decided in APPLICATIONS:
        agency = agencies.get(key)
        if agency is None or Application.objects.filter(agency=agency, description=description).exists():
            continue
        app = casework.do_receive_application(
            agency=agency, channel="online", confirmed_on=received, applicant_kind=kind,
            applicant_name="王某" if kind == "natural" else "某公司", description=description,
        )
        if outcome and decided is not None:
            casework.do_decide(app, outcome, on=decided)
    jiaoti = agencies.get("jiaoti")
    if jiaoti is not None and not NormativeDocument.objects.filter(agency=jiaoti, title=REGULATION_TITLE).exists():
        # Registered as a 规章 by mistake: it is a 行政规范性文件 (the finding of the browser test).
        NormativeDocument.objects.create(
            agency=jiaoti, kind="regulations", title=REGULATION_TITLE, document_number="张教体发〔2025〕12号",
            issued_on=D(2025, 6, 1),
        )


def _draft_2025(agency: Any, actor: Any, *, include_departments: bool | None = None) -> None:
    from gongkai.annual import actions
    from gongkai.annual.models import ReportVersion

    if agency is None or actor is None or ReportVersion.objects.filter(agency=agency, year=2025).exists():
        return
    version = actions.do_build_draft(agency, 2025, actor=actor, include_departments=include_departments)
    _fill(version, actor, DISTRICT_TEXTS)


def load() -> None:
    agencies = _agencies()
    if not agencies:
        return
    actor = _actor(agencies)
    _canlian_2021(agencies, actor)
    _records(agencies)
    _draft_2025(agencies.get("jiaoti"), _user("jingban"))
    _draft_2025(agencies.get("zhangdian"), actor, include_departments=True)


def reset() -> None:
    """Drafts go; published versions are immutable and the records are not samples: they stay."""
    from gongkai.annual.models import ReportVersion, Status

    ReportVersion.objects.filter(agency__in=list(_agencies().values()), year=2025).exclude(
        status=Status.PUBLISHED
    ).delete()


