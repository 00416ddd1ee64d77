"""Demo agencies of 张店区 and the demo users with their roles.

The district government heads the region; under it the example report's agency (区残联, whose
contact block is copied from its 2021 report in ``../shared/seed``), four departments and a
street office. The other contact blocks are invented for the demo (e-mail at example.com).
Everything goes through ``gongkai.agencies.actions``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai.agencies.creditcode import check_character
from gongkai.demodata.logins import DEMO_LOGINS

# Division code of 张店区, 淄博市 (GB/T 2260).
ZHANGDIAN = "370303"


def credit_code(category: str, body: str) -> str:
    """A GB 32100 code: registering authority and category, 张店区, the 9-character body, check."""
    first17 = category + ZHANGDIAN + body
    return first17 + check_character(first17)


@dataclass(frozen=True)
class DemoAgency:
    key: str
    name: str
    short_name: str
    level: str  # an Agency.Level value
    parent: str  # key, "" for the top of the region
    code: str
    fields: dict[str, str] = field(default_factory=dict)


def _contact(office: str, address: str, phone: str, email: str, fax: str = "") -> dict[str, str]:
    return {
        "disclosure_office": office,
        "office_address": address,
        "postcode": "255000",
        "office_hours": "工作日 上午8:30—12:00，下午13:30—17:30（法定节假日除外）",
        "phone": phone,
        "fax": fax,
        "email": email,
    }


# 11 = 机构编制 / 机关; 13 = 机构编制 / 群众团体 (the 残联 is a mass organisation).
AGENCIES: tuple[DemoAgency, ...] = (
    DemoAgency(
        "zhangdian", "淄博市张店区人民政府", "张店区政府", "government", "", credit_code("11", "004338015"),
        _contact("淄博市张店区人民政府办公室（区政务公开办公室）", "淄博市张店区人民西路56号区政务中心",
                 "0533-2180001", "zwgk-zhangdian@example.com", "0533-2180002"),
    ),
    DemoAgency(
        "canlian", "淄博市张店区残疾人联合会", "张店区残联", "other", "zhangdian", credit_code("13", "004338023"),
        {
            # The contact block of its 2021 report (../shared/seed/000_4f0b4356af47fe62.txt).
            "disclosure_office": "淄博市张店区残疾人联合会机关办公室",
            "office_address": "张店区新村西路226号区政务中心517房间",
            "postcode": "255020",
            "office_hours": "工作日 上午8:30—12:00，下午13:30—17:30（法定节假日除外）",
            "phone": "0533-2212161",
            "email": "zdqclbgs@zb.shandong.cn",
            "website": "http://www.zhangdian.gov.cn/gongkai/site_zdqcjrlhh",
        },
    ),
    DemoAgency(
        "jiaoti", "淄博市张店区教育和体育局", "张店区教体局", "department", "zhangdian",
        credit_code("11", "004338031"),
        _contact("淄博市张店区教育和体育局办公室", "淄博市张店区华光路188号", "0533-2180101",
                 "jiaoti-zhangdian@example.com"),
    ),
    DemoAgency(
        "weijian", "淄博市张店区卫生健康局", "张店区卫健局", "department", "zhangdian",
        credit_code("11", "004338040"),
        _contact("淄博市张店区卫生健康局办公室", "淄博市张店区共青团西路97号", "0533-2180201",
                 "weijian-zhangdian@example.com"),
    ),
    DemoAgency(
        "zhujian", "淄博市张店区住房和城乡建设局", "张店区住建局", "department", "zhangdian",
        credit_code("11", "004338058"),
        _contact("淄博市张店区住房和城乡建设局办公室", "淄博市张店区柳泉路121号", "0533-2180301",
                 "zhujian-zhangdian@example.com"),
    ),
    DemoAgency(
        "mashang", "淄博市张店区马尚街道办事处", "马尚街道", "township", "zhangdian", credit_code("11", "004338066"),
        _contact("马尚街道党政办公室", "淄博市张店区马尚街道办事处便民服务中心", "0533-2180401",
                 "mashang-zhangdian@example.com"),
    ),
)
AGENCY_NAMES = {a.key: a.name for a in AGENCIES}


def demo_agencies() -> dict[str, Any]:
    """The demo agencies that exist now, by key (found by full name)."""
    from gongkai.agencies.models import Agency

    found = {a.name: a for a in Agency.objects.filter(name__in=AGENCY_NAMES.values())}
    return {key: found[name] for key, name in AGENCY_NAMES.items() if name in found}


def load(reset: bool = False) -> None:
    """Create what is missing; with ``reset`` also put back the demo contact blocks, passwords
    and roles that someone changed while trying the demo."""
    from django.contrib.auth import get_user_model

    from gongkai.agencies.actions import do_add_member, do_create_agency, do_set_roles, do_update_agency

    existing = demo_agencies()
    for spec in AGENCIES:
        values: dict[str, Any] = {
            "short_name": spec.short_name,
            "level": spec.level,
            "credit_code": spec.code,
            "parent": existing[spec.parent] if spec.parent else None,
            **spec.fields,
        }
        agency = existing.get(spec.key)
        if agency is None:
            existing[spec.key] = do_create_agency(name=spec.name, **values)
        elif reset:
            do_update_agency(agency, is_active=True, **values)

    User = get_user_model()
    for login in DEMO_LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            create = User.objects.create_superuser if login.superuser else User.objects.create_user
            user = create(username=login.username, password=login.password, email=login.email,
                          full_name=login.full_name)
        elif reset:
            user.set_password(login.password)
            user.email, user.full_name, user.is_active = login.email, login.full_name, True
            user.is_superuser = user.is_staff = login.superuser
            user.save()
        if not login.agency:
            continue
        agency = existing[login.agency]
        if reset:
            do_set_roles(agency, user, [login.role])
        else:
            do_add_member(agency, user, login.role)


def reset() -> None:
    """Put back the demo agencies' contact blocks and the demo users' passwords and roles."""
    load(reset=True)
