"""Heuristics on Chinese organ names: level, region chain, organ type, short forms.

Names follow a pattern — a chain of places (淄博市张店区) then the organ (残疾人联合会),
sometimes with 机关 appended. These helpers are deliberately cautious: when a name
cannot be read, they answer "unknown" rather than guess, and the rules that use them
stay silent.
"""

from __future__ import annotations

import re

from gongkai.statute.labels import fold

# A place in the region chain: two to six characters and an administrative suffix, or a
# one-character 县 (沛县). 乡/镇/街道 are left out: 城乡/城镇 occur inside organ names.
_REGION = r"(?:[\u4e00-\u9fff]{2,6}?(?:自治区|自治州|自治县|特别行政区|省|市|州|地区|盟|区|县|旗)|[\u4e00-\u9fff]县)"
_REGION_CHAIN = re.compile(rf"^((?:{_REGION})*)(.*)$")
_REGION_TOKEN = re.compile(_REGION)

# Organ suffixes, longest first, with the type a self-reference (本局, 全中心) must fit.
ORGAN_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("人民政府", "政府"),
    ("街道办事处", "街道"),
    ("办事处", "办"),
    ("政府", "政府"),
    ("委员会", "委"),
    ("联合会", "会"),
    ("办公室", "办"),
    ("办公厅", "厅"),
    ("中心", "中心"),
    ("局", "局"),
    ("委", "委"),
    ("办", "办"),
    ("厅", "厅"),
    ("院", "院"),
    ("署", "署"),
    ("所", "所"),
    ("队", "队"),
    ("处", "处"),
    ("会", "会"),
    ("部", "部"),
)

_TOWNSHIP = re.compile(r"(?:乡|镇|街道)(?:人民政府|政府|办事处|党委)?$|街道办事处$")
_GOVERNMENT = re.compile(r"(?:人民政府|政府)$")


def core_name(name: str) -> str:
    """The name folded, without a trailing 机关 (淄博市张店区残疾人联合会机关 → …联合会)."""
    name = fold(name)
    return name[:-2] if name.endswith("机关") and len(name) > 4 else name


def split_regions(name: str) -> tuple[list[str], str]:
    """(['淄博市', '张店区'], '残疾人联合会') for 淄博市张店区残疾人联合会."""
    match = _REGION_CHAIN.match(core_name(name))
    assert match is not None  # the pattern matches every string
    return _REGION_TOKEN.findall(match.group(1)), match.group(2)


def organ_type(name: str) -> str | None:
    """The type a self-reference must fit: 局, 中心, 会, 政府 …; None when unknown."""
    name = core_name(name)
    for suffix, kind in ORGAN_SUFFIXES:
        if name.endswith(suffix):
            return kind
    return None


def infer_level(name: str) -> str:
    """government, township or department from the name; 'other' when there is no name.

    A name ending in 人民政府/政府 is a government, one ending in 乡/镇/街道 (with or
    without 人民政府/办事处) a township; everything else is taken to be a department.
    """
    name = core_name(name)
    if not name:
        return "other"
    if _TOWNSHIP.search(name):
        return "township"
    if _GOVERNMENT.search(name):
        return "government"
    return "department"


def may_make_regulations(name: str, level: str) -> bool | None:
    """Whether the body may make 规章 (立法法: 国务院部门, and the governments of provinces,
    autonomous regions, municipalities, cities divided into districts and autonomous
    prefectures). None when the name does not tell.
    """
    if level == "township":
        return False
    regions, _ = split_regions(name)
    if level == "department":
        # A local government's department never may; a State Council department has no
        # region in its name, and then we cannot tell it from an unnamed local one.
        return False if regions else None
    if level != "government" or not regions:
        return None
    last = regions[-1]
    if last.endswith(("区", "县", "旗")) and not last.endswith(("自治区", "地区")):
        return False  # 区/县/旗 governments
    # Two cities in the chain (苏州市昆山市) make the second a county-level city.
    cities = [r for r in regions if r.endswith("市")]
    if len(cities) >= 2:
        return False
    return True


def is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def refers_to(mention: str, agency: str) -> bool:
    """Whether a name in the text stands for the agency itself (or its general office).

    Short forms keep the full name's characters in order (区残联, 区政府, 洪泽区,
    市政府); a mention that spells out places must spell the agency's own places, so that
    淮安市人民政府 in a report of 淮安市洪泽区人民政府 is not taken for the agency.
    """
    mention, agency = core_name(mention), core_name(agency)
    if not mention or not agency:
        return False
    if mention == agency:
        return True
    if mention.endswith(agency) and split_regions(mention)[1] == split_regions(agency)[1]:
        return True  # a fuller form: 淮安市洪泽区人民政府 for an agency titled 洪泽区人民政府
    # The agency's own general office compiles and files the report (区政府办, 市政府办公室).
    for office in ("办公室", "办"):
        if mention.endswith(office) and refers_to(mention[: -len(office)], agency):
            return True
    if not is_subsequence(mention, agency):
        return False
    mention_regions, _ = split_regions(mention)
    agency_regions, _ = split_regions(agency)
    if mention_regions and mention_regions != agency_regions[-len(mention_regions) :]:
        return False
    kind, own = organ_type(mention), organ_type(agency)
    return kind is None or own is None or kind == own or (kind, own) == ("会", "会")
