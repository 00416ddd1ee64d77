"""Sample reports for the writer tests: complete and arithmetically consistent.

Built programmatically through the model's API, as the records-to-report code would.
The numbers vary from cell to cell so that a cell written in the wrong place shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.report.model import AnnualReport, Cell, Section, empty_report
from gongkai.statute import get_format

FORMAT_IDS = ("2019", "2021")
YEARS = {"2019": 2020, "2021": 2021}
AGENCY = "淄博市张店区残疾人联合会"
OUT = Path(__file__).resolve().parents[2] / "out"

# The seed report's own category data (its trailing chart data block).
CATEGORIES = {
    "履职依据": 1,
    "会议公开": 3,
    "建议提案": 1,
    "财政信息": 3,
    "重点领域信息公开": 4,
    "政策解读": 1,
    "业务动态": 6,
}

TABLE_2 = {
    "2021": {
        ("regulations", "issued"): "0",
        ("regulations", "repealed"): "0",
        ("regulations", "in_force"): "2",
        ("normative_docs", "issued"): "3",
        ("normative_docs", "repealed"): "1",
        ("normative_docs", "in_force"): "12",
        ("licensing", "decisions"): "156",
        ("penalty", "decisions"): "23",
        ("enforcement", "decisions"): "4",
        ("fees", "amount"): "0.35",
    },
    "2019": {
        ("regulations", "made"): "0",
        ("regulations", "published"): "0",
        ("regulations", "total_public"): "2",
        ("normative_docs", "made"): "3",
        ("normative_docs", "published"): "3",
        ("normative_docs", "total_public"): "11",
        ("licensing", "prev_items"): "14",
        ("licensing", "change"): "+3",
        ("licensing", "decisions"): "156",
        ("other_services", "prev_items"): "9",
        ("other_services", "change"): "-2",
        ("other_services", "decisions"): "41",
        ("penalty", "prev_items"): "35",
        ("penalty", "change"): "0",
        ("penalty", "decisions"): "23",
        ("enforcement", "prev_items"): "6",
        ("enforcement", "change"): "+1",
        ("enforcement", "decisions"): "4",
        ("fees", "prev_items"): "2",
        ("fees", "change"): "-1",
        ("procurement", "items"): "5",
        ("procurement", "amount"): "123.4567",
    },
}

# Table 三 outcomes for the six applicant columns (自然人, 商业企业, 科研机构, 社会公益组织,
# 法律服务机构, 其他); 总计 and the derived rows are computed below.
_OUTCOMES = {
    "disclosed": (21, 4, 1, 0, 2, 1),
    "partial": (5, 1, 0, 0, 1, 0),
    "withheld_state_secret": (1, 0, 0, 0, 0, 0),
    "withheld_law_forbids": (0, 1, 0, 0, 0, 0),
    "withheld_3s1s": (1, 0, 0, 0, 0, 0),
    "withheld_third_party": (2, 1, 0, 0, 0, 0),
    "withheld_internal": (1, 0, 0, 0, 0, 0),
    "withheld_process": (3, 0, 1, 0, 0, 0),
    "withheld_enforcement_file": (1, 0, 0, 0, 0, 0),
    "withheld_admin_query": (2, 0, 0, 0, 0, 1),
    "unable_not_held": (9, 2, 0, 1, 1, 0),
    "unable_needs_creation": (3, 1, 0, 0, 0, 0),
    "unable_still_unclear": (2, 0, 0, 0, 0, 0),
    "not_handled_petition": (4, 0, 0, 0, 0, 0),
    "not_handled_repeat": (2, 0, 0, 0, 0, 0),
    "not_handled_publication": (1, 0, 0, 0, 0, 0),
    "not_handled_excessive": (1, 0, 0, 0, 0, 0),
    "not_handled_confirm": (1, 1, 0, 0, 0, 0),
    "other_no_supplement": (3, 0, 0, 0, 0, 0),
    "other_fee_unpaid": (1, 0, 0, 0, 0, 0),
    "other_misc": (1, 0, 0, 1, 0, 0),
}
_CARRIED_IN = (3, 1, 0, 0, 0, 0)
_CARRIED_OUT = (2, 1, 0, 0, 1, 0)

TABLE_4 = {
    "review": (2, 1, 1, 0),
    "suit_direct": (1, 0, 0, 1),
    "suit_after_review": (0, 0, 1, 0),
}

PREAMBLE = (
    "本报告由淄博市张店区残疾人联合会按照《中华人民共和国政府信息公开条例》要求编制。"
    "所列数据的统计期限是{year}年1月1日至{year}年12月31日。"
    "本报告电子版可在张店区政务公开网站查阅或下载。"
    "如对报告内容有疑问，请与淄博市张店区残疾人联合会联系（电话：0533-2212161）。"
)

OVERVIEW = (
    "{year}年，区残联以残疾人工作为中心，严格按照政务公开工作要求开展政府信息公开工作。\n"
    "（一）主动公开情况。{year}年共主动公开政府信息19条，其中履职依据1条、会议公开3条、建议提案1条、"
    "财政信息3条、重点领域信息公开4条、政策解读1条、业务动态6条。\n"
    "（二）依申请公开情况。全年新收政府信息公开申请{new}件，均在法定期限内答复。\n"
    "（三）政府信息管理情况。严格执行信息发布审查制度，确保发布信息准确。\n"
    "（四）政府信息公开平台建设情况。依托区政府门户网站政府信息公开专栏发布信息。\n"
    "（五）监督保障情况。实行内部监督和外部监督相结合的监督机制。"
)


def build_sample_report(format_id: str) -> AnnualReport:
    fmt = get_format(format_id)
    year = YEARS[format_id]
    report = empty_report(format_id, year=year, agency=AGENCY)
    t2, t3 = fmt.tables["二"], fmt.tables["三"]
    for (row, column), text in TABLE_2[format_id].items():
        report.set_cell("二", row, column, Cell(text, unit=t2.column(column, t2.row(row)).unit))

    outcomes = dict(_OUTCOMES)
    if format_id == "2019":  # （六）其他处理 is one row in 2019: the three 2021 sub-rows summed
        parts = [outcomes.pop(k) for k in ("other_no_supplement", "other_fee_unpaid", "other_misc")]
        outcomes["other"] = tuple(sum(x) for x in zip(*parts, strict=True))
    outcome_rows = [row.key for row in t3.rows if row.key not in ("new", "carried_in", "total", "carried_out")]
    assert sorted(outcome_rows) == sorted(outcomes), "sample data must cover every outcome row"
    total = tuple(sum(outcomes[k][i] for k in outcome_rows) for i in range(6))
    new = tuple(total[i] + _CARRIED_OUT[i] - _CARRIED_IN[i] for i in range(6))
    values = {**outcomes, "new": new, "carried_in": _CARRIED_IN, "total": total, "carried_out": _CARRIED_OUT}
    for row in t3.rows:
        six = values[row.key]
        for column, value in zip(t3.columns, (*six, sum(six)), strict=True):
            report.set_cell("三", row.key, column.key, Cell(str(value)))

    for kind, four in TABLE_4.items():
        for result, value in zip(("upheld", "corrected", "other", "pending", "total"), (*four, sum(four)), strict=True):
            report.set_cell("四", "cases", f"{kind}.{result}", Cell(str(value)))

    report.preamble = PREAMBLE.format(year=year)
    sections = {h.key: h.label for h in fmt.sections}
    report.sections.append(Section("overview", sections["overview"], OVERVIEW.format(year=year, new=sum(new))))
    report.sections.append(Section("proactive", sections["proactive"], ""))
    report.sections.append(Section("applications", sections["applications"], ""))
    report.sections.append(Section("appeals", sections["appeals"], ""))
    report.sections.append(
        Section(
            "problems",
            sections["problems"],
            "政府信息公开工作长效机制还不够完善。\n下一步将进一步完善制度，加强监督。",
        )
    )
    report.sections.append(Section("other", sections["other"], "本年度未收取信息处理费。没有需要报告的其他事项。"))
    report.categories = dict(CATEGORIES)
    report.categories_total = sum(CATEGORIES.values())
    return report


@pytest.fixture
def sample_report() -> Callable[[str], AnnualReport]:
    """A factory: ``sample_report("2021")`` gives a fresh, complete report."""
    return build_sample_report


@pytest.fixture(params=FORMAT_IDS)
def format_id(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def report(format_id: str) -> AnnualReport:
    return build_sample_report(format_id)


_RENDERED: dict[tuple[str, str], bytes] = {}


def rendered_sample(format_id: str, to: str) -> bytes:
    """The unmodified sample report rendered once per session: PDF rendering is the slow
    part (seconds per font face without HarfBuzz's subsetter), so tests share it."""
    from gongkai.report.writers import render

    key = (format_id, to)
    if key not in _RENDERED:
        _RENDERED[key] = render(build_sample_report(format_id), to)
    return _RENDERED[key]


@pytest.fixture(scope="session")
def out_dir() -> Path:
    """Where rendered samples go for looking at (gitignored)."""
    OUT.mkdir(exist_ok=True)
    return OUT
