"""Demo 主动公开 data.

- 淄博市张店区残疾人联合会, 2021: the 19 items its 2021 report counts (``../shared/seed``,
  trailing breakdown 履职依据1 会议公开3 建议提案1 财政信息3 重点领域信息公开4 政策解读1
  业务动态6), with plausible titles and dates, all published on time; the registers hold
  zeros for every month of 2021, as its table 二 does. These reconstruct the example agency's
  real figures, so they are not marked ``is_sample``: the report built from the records
  reproduces the corrected example report.
- A handful of invented items for other 张店区 agencies in 2025–2026: published, one published
  late (Art 26 flag), one waiting for the approver's 保密审查, one draft, one withdrawn. They are
  not marked ``is_sample`` either: the demo's 2025 reports are built from them, and a portal
  listing items that the agency's own report does not count would look like the very fault
  Gongkai exists to prevent.

``load()`` is idempotent (an item is found by agency and title); ``reset()`` removes it all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

CANLIAN = "淄博市张店区残疾人联合会"
ZHANGDIAN = "淄博市张店区人民政府"


@dataclass(frozen=True)
class DemoItem:
    category: str  # slug in the default catalogue
    title: str
    formed: date
    published: date | None
    art20: tuple[str, ...] = ()
    summary: str = ""
    document_number: str = ""


D = date
CANLIAN_2021: tuple[DemoItem, ...] = (
    DemoItem("duties-basis", "淄博市张店区残疾人联合会主要职责、内设机构和联系方式", D(2021, 3, 1), D(2021, 3, 3),
             ("art20_2",), "区残联的主要职责、内设机构、办公地址、办公时间和联系电话。"),
    DemoItem("meetings", "区残联召开2021年全区残疾人工作会议", D(2021, 2, 25), D(2021, 2, 26)),
    DemoItem("meetings", "区残联召开党史学习教育动员部署会议", D(2021, 3, 12), D(2021, 3, 15)),
    DemoItem("meetings", "区残联召开2021年上半年重点工作推进会", D(2021, 7, 8), D(2021, 7, 9)),
    DemoItem("proposals", "关于区政协十届五次会议第58号提案的答复", D(2021, 6, 10), D(2021, 6, 18),
             ("art20_15",), "关于加快残疾人托养服务机构建设的提案的答复。", "张残联函〔2021〕6号"),
    DemoItem("finance", "淄博市张店区残疾人联合会2021年部门预算", D(2021, 2, 5), D(2021, 2, 8), ("art20_7",)),
    DemoItem("finance", "淄博市张店区残疾人联合会2020年部门决算", D(2021, 8, 20), D(2021, 8, 25), ("art20_7",)),
    DemoItem("finance", "淄博市张店区残疾人联合会2021年“三公”经费预算情况说明", D(2021, 2, 5), D(2021, 2, 8),
             ("art20_7",)),
    DemoItem("key-areas", "2021年第一季度困难残疾人生活补贴和重度残疾人护理补贴发放情况", D(2021, 4, 6),
             D(2021, 4, 12), ("art20_11",)),
    DemoItem("key-areas", "2021年残疾儿童康复救助定点服务机构名单", D(2021, 3, 22), D(2021, 3, 25), ("art20_11",)),
    DemoItem("key-areas", "2021年残疾人机动轮椅车燃油补贴发放名单公示", D(2021, 9, 13), D(2021, 9, 15),
             ("art20_11",)),
    DemoItem("key-areas", "2021年困难重度残疾人家庭无障碍改造项目实施情况", D(2021, 11, 29), D(2021, 12, 3),
             ("art20_11",)),
    DemoItem("interpretation", "《张店区困难残疾人生活补贴和重度残疾人护理补贴实施办法》政策解读", D(2021, 5, 10),
             D(2021, 5, 12), ("art20_1",)),
    DemoItem("news", "区残联开展第二十二次全国“爱耳日”宣传活动", D(2021, 3, 3), D(2021, 3, 4)),
    DemoItem("news", "区残联举办2021年残疾人职业技能培训班", D(2021, 4, 20), D(2021, 4, 22)),
    DemoItem("news", "区残联开展第三十一次全国助残日系列活动", D(2021, 5, 16), D(2021, 5, 18)),
    DemoItem("news", "残疾人证办理服务进社区活动走进马尚街道", D(2021, 8, 11), D(2021, 8, 12)),
    DemoItem("news", "区残联开展国际残疾人日宣传活动", D(2021, 12, 3), D(2021, 12, 6)),
    DemoItem("news", "区残联开展“两节”走访慰问困难残疾人活动", D(2021, 12, 27), D(2021, 12, 29)),
)

# (agency name, item, state): invented for the demo.
OTHERS: tuple[tuple[str, DemoItem, str], ...] = (
    ("淄博市张店区教育和体育局",
     DemoItem("finance", "淄博市张店区教育和体育局2025年部门预算", D(2025, 2, 7), D(2025, 2, 12), ("art20_7",)),
     "published"),
    ("淄博市张店区教育和体育局",
     DemoItem("key-areas", "2025年张店区义务教育阶段学校招生工作实施方案", D(2025, 4, 1), D(2025, 5, 20),
              ("art20_11",), "招生范围、时间安排和报名方式。", "张教体发〔2025〕12号"),
     "published"),  # published after the 20 working days: flagged late
    ("淄博市张店区教育和体育局",
     DemoItem("key-areas", "2026年秋季学期家庭经济困难学生资助名单公示", D(2026, 11, 20), None, ("art20_11",)),
     "in_review"),
    ("淄博市张店区教育和体育局",
     DemoItem("news", "张店区举办2026年中小学生运动会", D(2026, 11, 24), None), "draft"),
    ("淄博市张店区卫生健康局",
     DemoItem("key-areas", "2025年张店区基本公共卫生服务项目实施情况", D(2025, 12, 15), D(2025, 12, 22),
              ("art20_13",)),
     "published"),
    ("淄博市张店区人民政府",
     DemoItem("meetings", "张店区人民政府第32次常务会议", D(2026, 3, 10), D(2026, 3, 12)), "withdrawn"),
)


def _agency(name: str) -> Any:
    from gongkai.agencies.models import Agency

    return Agency.objects.filter(name=name).order_by("pk").first()


def _canlian() -> Any:
    from gongkai.agencies.actions import do_create_agency

    agency = _agency(CANLIAN)
    if agency is None:
        agency = do_create_agency(name=CANLIAN, short_name="张店区残联", level="other", parent=_agency(ZHANGDIAN))
    return agency


def _make(agency: Any, spec: DemoItem, state: str, *, is_sample: bool) -> None:
    from gongkai.publishing.actions import do_create_item, do_withdraw_item
    from gongkai.publishing.catalogue import ensure_default_catalogue
    from gongkai.publishing.indexno import take_index_number
    from gongkai.publishing.models import Item, ItemState

    if Item.objects.filter(agency=agency, title=spec.title).exists():
        return
    categories = [c for c in ensure_default_catalogue(agency) if c.slug == spec.category]
    item = do_create_item(
        agency=agency, title=spec.title, formed_on=spec.formed, categories=categories, art20_items=spec.art20,
        summary=spec.summary or spec.title + "。", document_number=spec.document_number,
        body=f"<p>{spec.summary or spec.title}</p>", is_sample=is_sample,
    )
    if state == "draft":
        return
    if state == "in_review":
        Item.objects.filter(pk=item.pk).update(state=ItemState.IN_REVIEW)
        return
    # Demo agencies may have no approver: publication is recorded directly, as for imports.
    item.state = ItemState.PUBLISHED
    item.published_on = spec.published
    item.review_comment = "演示数据"
    take_index_number(item)
    item.save()
    if state == "withdrawn":
        do_withdraw_item(item, reason="会议信息重复发布，已合并到第33次常务会议信息中", on=spec.published)


def load() -> None:
    from django.db import transaction

    from gongkai.publishing.actions import do_set_monthly_figures
    from gongkai.publishing.models import DecisionKind

    with transaction.atomic():
        canlian = _canlian()
        # Earlier publications first, so the 索引号 serials follow the dates.
        for spec in sorted(CANLIAN_2021, key=lambda s: (s.published, s.title)):
            _make(canlian, spec, "published", is_sample=False)
        zeros = dict.fromkeys(DecisionKind.values, 0)
        for month in range(1, 13):
            do_set_monthly_figures(canlian, 2021, month, counts=zeros, fees=0)
        for name, spec, state in sorted(OTHERS, key=lambda o: (o[1].published or date.max, o[1].title)):
            agency = _agency(name)
            if agency is not None:
                _make(agency, spec, state, is_sample=False)


def reset() -> None:
    from gongkai.publishing.models import FeeIncome, IndexCounter, Item, YearlyDecisionCount

    canlian = _agency(CANLIAN)
    if canlian is not None:
        Item.objects.filter(agency=canlian, title__in=[s.title for s in CANLIAN_2021]).delete()
        YearlyDecisionCount.objects.filter(agency=canlian, year=2021).delete()
        FeeIncome.objects.filter(agency=canlian, year=2021).delete()
    others = [a for a in (_agency(name) for name in {n for n, _, _ in OTHERS}) if a is not None]
    Item.objects.filter(agency__in=others, title__in=[s.title for _, s, _ in OTHERS]).delete()
    agencies = [a for a in [canlian, *others] if a is not None]
    used = set(Item.objects.filter(agency__in=agencies).exclude(index_year=None).values_list("agency_id",
                                                                                           "index_year"))
    for counter in IndexCounter.objects.filter(agency__in=agencies):
        if (counter.agency_id, counter.year) not in used:
            counter.delete()
