"""The 政府信息公开指南 of an agency (条例第十二条), generated from its records.

Art 12 asks for 信息分类、编排体系、获取方式 and the 工作机构's 名称、办公地址、办公时间、联系电话、
传真号码、互联网联系方式. The contact block comes from the Agency row; the categories from its
catalogue; time limits from the casework clock rules; fees from ``casework.fees`` — nothing
here is typed twice, so the guide stays current when the data changes (条例第五十三条).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency
from gongkai.casework.clock import ClockRules
from gongkai.casework.fees import ITEM_BAND_SIZE, ITEM_FIRST_BAND_LAST, ITEM_FREE, PAGE_BANDS, item_rate
from gongkai.casework.intake import CHANNEL_LABELS, Channel
from gongkai.casework.lifecycle import MAX_EXTENSION_WORKDAYS

MISSING = "（暂未公布）"


@dataclass(frozen=True)
class ContactLine:
    label: str
    value: str
    href: str = ""


def contact_lines(agency: Agency) -> list[ContactLine]:
    return [
        ContactLine("工作机构", agency.disclosure_office or MISSING),
        ContactLine("办公地址", agency.office_address or MISSING),
        ContactLine("邮政编码", agency.postcode or MISSING),
        ContactLine("办公时间", agency.office_hours or MISSING),
        ContactLine("联系电话", agency.phone or MISSING, f"tel:{agency.phone}" if agency.phone else ""),
        ContactLine("传真号码", agency.fax or MISSING),
        ContactLine("电子邮箱", agency.email or MISSING, f"mailto:{agency.email}" if agency.email else ""),
        ContactLine("网站", agency.website or MISSING, agency.website or ""),
    ]


# Art 31, one line per channel; the labels are casework's.
RECEIPT_RULES = (
    (Channel.IN_PERSON, "以提交之日为收到申请之日"),
    (Channel.SIGNED_POST, "以本机关签收之日为收到申请之日"),
    (Channel.ORDINARY_LETTER, "本机关于收到申请的当日与申请人确认，确认之日为收到申请之日"),
    (Channel.ONLINE, "以双方确认之日为收到申请之日；在本平台提交的，系统当即确认，提交之日即为收到申请之日"),
    (Channel.FAX, "以双方确认之日为收到申请之日"),
    (Channel.EMAIL, "以双方确认之日为收到申请之日"),
)


def receipt_rules() -> list[tuple[str, str]]:
    return [(CHANNEL_LABELS[channel], rule) for channel, rule in RECEIPT_RULES]


def time_limits(rules: ClockRules | None = None) -> list[str]:
    rules = rules or ClockRules()
    return [
        "能够当场答复的，当场予以答复（条例第三十三条第一款）。",
        f"不能当场答复的，自收到申请之日起{rules.reply_workdays}个工作日内予以答复；需要延长答复期限的，"
        f"经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过{MAX_EXTENSION_WORKDAYS}个工作日"
        "（条例第三十三条第二款）。",
        f"申请内容不明确的，本机关自收到申请之日起{rules.supplement_notice_workdays}个工作日内一次性告知申请人"
        "作出补正，答复期限自收到补正的申请之日起计算；申请人无正当理由逾期不补正的，视为放弃申请（条例第三十条）。",
        f"征求第三方或者其他机关意见的，对方自收到征求意见书之日起{rules.consultation_workdays}个工作日内提出意见，"
        "征求意见所需时间不计算在答复期限内（条例第三十二条、第三十三条第三款、第三十四条）。",
        "期限按法定工作日计算，不含法定节假日和休息日，调休上班日计入。",
    ]


def fee_lines() -> list[str]:
    """Art 42 and 国办函〔2020〕109号, from casework.fees (the same figures the fee notices use)."""
    page_parts = []
    for band in PAGE_BANDS:
        span = f"{band.first}页以上" if band.last is None else f"{band.first}—{band.last}页"
        page_parts.append(f"{span}{'免费' if not band.rate else f'每页{band.rate}元'}")
    second = item_rate(ITEM_FREE + 1)
    third = item_rate(ITEM_FIRST_BAND_LAST + 1)
    return [
        "行政机关依申请提供政府信息，不收取费用（条例第四十二条第一款）。",
        "申请人申请公开政府信息的数量、频次明显超过合理范围的，可以依照《政府信息公开信息处理费管理办法》"
        "（国办函〔2020〕109号）收取信息处理费，按件计收或者按量计收，对一件申请只选择一种方式。",
        f"按件计收：同一申请人一个自然月内累计申请{ITEM_FREE}件以下（含）免费；"
        f"{ITEM_FREE + 1}—{ITEM_FIRST_BAND_LAST}件的部分每件{second}元；{ITEM_FIRST_BAND_LAST + 1}件以上的部分"
        f"以{ITEM_BAND_SIZE}件为一档，每增加一档，收费标准提高{third - second}元/件。",
        "按量计收（一件申请）：" + "；".join(page_parts) + "。",
        "需要收费的，本机关出具收费通知，申请人自收到通知之日起20个工作日内缴纳；逾期未缴纳的，视为放弃申请。",
    ]


REMEDIES = (
    "申请人认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、"
    "举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。",
    "申请行政复议的期限为自知道或者应当知道该行政行为之日起60日（《中华人民共和国行政复议法》第二十条）。",
    "直接提起行政诉讼的期限为自知道或者应当知道作出行政行为之日起6个月（《中华人民共和国行政诉讼法》第四十六条）。",
)
