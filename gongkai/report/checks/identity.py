"""The agency and the year the report is about (spec §5.4 rule 14).

A report copied from another organ's report betrays itself: another organ's name as the
one doing the work (「淄博市张店区机关事务服务中心共公开政务信息19次」), a self-reference
of the wrong kind of organ (「全中心」 in a 残联 report), or last year's dates. The
patterns are deliberately narrow — an organ named at the start of a clause and followed
by a verb of disclosure work — because other bodies are named all the time as
non-actors (「按照国务院、省政府要求」).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.report.checks.agency import core_name, organ_type, refers_to, split_regions
from gongkai.report.checks.context import CheckContext
from gongkai.report.checks.findings import FindingLocation, Severity
from gongkai.report.checks.registry import Issue, rule
from gongkai.report.checks.text import CLAUSE_END, flatten, quote

_ORGAN_END = r"(?:人民政府|政府|委员会|联合会|办公室|办公厅|办事处|中心|机关|局|委|办|厅|院|署|所|队|处|会|部)"
_TIME = r"(?:\d{4}年度?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:以来|期间|内)?|今年|本年度?|全年|年内)"
_GLUE = r"(?:共|全年共?|累计|依法|主动|已|年内|先后|共计|本年度?)*"
_WORK = r"(?:公开|发布|受理|收到|接收|办理|答复|办结|收取)"
# An organ at the start of a clause, doing disclosure work.
_ACTOR = re.compile(rf"^{_TIME}*(?P<org>[\u4e00-\u9fff]{{1,28}}?{_ORGAN_END}){_GLUE}{_WORK}")
# The body that compiled the report: 本报告由…按照/根据…编制.
_COMPILER = re.compile(rf"本报告由(?P<org>[\u4e00-\u9fff]{{2,30}}?{_ORGAN_END})(?:按照|根据|依据|依照|编制|负责)")
# Words joining two organs in one subject: 区政府办代表区政府.
_JOINERS = re.compile(r"代表|会同|联合|协同|指导|督促|及|与|等")
# A mention we judge must name a place (淄博市…) or start with a one-character level
# (区…, 市…); bare names of higher bodies (国务院办公厅) are never this agency's double.
_PLACE_START = re.compile(r"^[区市县省镇乡州旗]")
_GENERIC_START = re.compile(r"^(?:各|全|本|我|该|上级|下属|相关|有关)")

# 本局, 全中心, 我委 …: the organ-type word must fit the agency's own name. The look-arounds
# keep out words that only look like one: 大局, 全局性, 本办法, 我会同, 队伍, 所有 ….
_SELF_REFERENCE = re.compile(
    r"(?<![大顾筹眼握怀务])(?P<ref>(?:全|本|我)(?:中心|局(?!性|观|意识|高度|面)|委(?!托)"
    r"|办(?!法|理|事|公|结|件|好|实)|厅|院(?!校|士|系)|署(?!名)|所(?!有|在|属|以|得|谓|需|述)"
    r"|队(?!伍)|处(?!理|置|罚|分))|(?:本|我)会(?!议|计|同|商|上))"
)


def _agency(ctx: CheckContext) -> str:
    return core_name(ctx.report.meta.agency)


def _mentions(text: str) -> Iterator[tuple[str, int, int]]:
    """(organ, start, end) of every organ named as the actor of a clause or as the compiler."""
    start = 0
    for match in [*CLAUSE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        clause = text[start:end]
        actor = _ACTOR.match(clause)
        if actor:
            yield actor["org"], start + actor.start("org"), start + actor.end()
        start = match.end() if match else len(text)
    for match in _COMPILER.finditer(text):
        yield match["org"], match.start("org"), match.end()


def _is_candidate(organ: str) -> bool:
    if _GENERIC_START.match(organ):
        return False
    regions, _ = split_regions(organ)
    return bool(regions) or bool(_PLACE_START.match(organ))


@rule(
    "ID-OTHER-AGENCY",
    Severity.ERROR,
    "正文出现其他机关",
    "正文中作为工作主体出现的机关应是本报告的机关；出现其他机关的名称，通常是照搬了其他机关的报告。",
    "identity",
    "spec §5.4 rule 14",
)
def other_agency(ctx: CheckContext) -> Iterator[Issue]:
    agency = _agency(ctx)
    if not agency:
        return
    text = ctx.narrative
    reported: set[str] = set()
    for organ, start, end in _mentions(text):
        for part in _JOINERS.split(organ):
            if not part or part in reported or not re.search(f"{_ORGAN_END}$", part) or not _is_candidate(part):
                continue
            if refers_to(part, agency):
                continue
            reported.add(part)
            yield Issue(
                f"正文把“{part}”写作工作主体（“{quote(text, start, end)}”），"
                f"但本报告的机关是“{ctx.report.meta.agency}”，疑为照搬其他机关的报告。",
                FindingLocation(),
            )


@rule(
    "ID-SELF-REFERENCE",
    Severity.WARNING,
    "自称与机关类型不符",
    "正文中的自称（如“本局”“全中心”）应与本机关的类型相符；不相符的自称通常来自其他机关的报告。",
    "identity",
    "spec §5.4 rule 14",
)
def self_reference(ctx: CheckContext) -> Iterator[Issue]:
    agency = _agency(ctx)
    if not agency or organ_type(agency) is None:
        return  # the agency's own type is unknown: no reference can be judged
    text = ctx.narrative
    found: dict[str, list[re.Match[str]]] = {}
    for match in _SELF_REFERENCE.finditer(text):
        kind = match["ref"][1:]
        if kind not in agency:
            found.setdefault(match["ref"], []).append(match)
    for ref, matches in found.items():
        first = matches[0]
        yield Issue(
            f"正文中的自称“{ref}”（{len(matches)} 处，如“{quote(text, first.start(), first.end())}”）"
            f"与本机关“{ctx.report.meta.agency}”的机构类型不符，疑为照搬其他机关的报告。",
            FindingLocation(),
        )


_PERIOD = re.compile(
    r"统计(?:期限|期间|时限|时间|范围|周期|时段)[^。]{0,12}?"
    r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:起)?(?:至|到|-|—|－|~|～)(\d{4})年(\d{1,2})月(\d{1,2})日"
)


@rule(
    "ID-PERIOD",
    Severity.ERROR,
    "统计期限与年度不符",
    "报告所列数据的统计期限应为报告年度的1月1日至12月31日。",
    "identity",
    "spec §4.2 (统计期限); DB51/T 2660—2019",
)
def statistics_period(ctx: CheckContext) -> Iterator[Issue]:
    year = ctx.report.meta.year
    if not year:
        return
    text = ctx.narrative
    for match in _PERIOD.finditer(text):
        y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
        if (y1, m1, d1, y2, m2, d2) != (year, 1, 1, year, 12, 31):
            yield Issue(
                f"统计期限写作“{y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日”，"
                f"但这是{year}年度报告，应为{year}年1月1日至{year}年12月31日。",
                FindingLocation(),
            )


_TITLE_YEAR = re.compile(r"(\d{4})年(?:度)?")


@rule(
    "ID-TITLE-YEAR",
    Severity.ERROR,
    "标题年度不符",
    "报告标题中的年度应与报告年度一致。",
    "identity",
    "spec §8",
)
def title_year(ctx: CheckContext) -> Iterator[Issue]:
    year, title = ctx.report.meta.year, flatten(ctx.report.meta.title)
    match = _TITLE_YEAR.search(title)
    if year and match and int(match.group(1)) != year:
        yield Issue(f"标题“{title}”中的年度为 {match.group(1)} 年，但报告年度为 {year} 年。", FindingLocation())


_YEAR = re.compile(r"(?<!\d)(\d{4})(?=年)")
_QUOTED = re.compile(r"《[^《》]*》|〔[^〔〕]*〕|［[^［］]*］|\[[^\[\]]*\]|“[^“”]*”")
# Words near last year's date that make it a comparison or a span, not a copied date.
_COMPARISON = re.compile(r"较|比|同比|相比|对比|上年|去年|以来|延续|结转|基础上|增长|下降|减少|增加|至|规划|纲要")


@rule(
    "ID-YEAR-MENTION",
    Severity.NOTICE,
    "正文年份异常",
    "正文中的年份一般应是报告年度（或在计划中提到下一年度）；其他年份可能是沿用了往年报告的文字。",
    "identity",
    "spec §5.4 rule 14",
)
def year_mention(ctx: CheckContext) -> Iterator[Issue]:
    year = ctx.report.meta.year
    if not year:
        return
    text = ctx.narrative
    skipped = [m.span() for m in (*_QUOTED.finditer(text), *_PERIOD.finditer(text))]
    odd: dict[int, list[re.Match[str]]] = {}
    for match in _YEAR.finditer(text):
        value = int(match.group(1))
        if value in (year, year + 1) or not 1949 <= value <= year + 10:
            continue
        if any(a <= match.start() < b for a, b in skipped):
            continue
        if value == year - 1 and _COMPARISON.search(text, max(0, match.start() - 8), min(len(text), match.end() + 9)):
            continue
        odd.setdefault(value, []).append(match)
    for value, matches in sorted(odd.items()):
        first = matches[0]
        yield Issue(
            f"正文提到 {value} 年（{len(matches)} 处，如“{quote(text, first.start(), first.end() + 1)}”），"
            f"既不是报告年度 {year} 年，也不是下一年度，请核对是否沿用了往年的文字。",
            FindingLocation(),
        )
