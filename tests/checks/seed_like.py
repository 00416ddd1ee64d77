"""Reports built by hand to mimic real documents, until the readers land.

The narrative is cut from the real text (seed and corpus) at the section headings; the
tables and the labels are set as the documents have them, as a reader would record them.
"""

from __future__ import annotations

import re

from gongkai.report.model import AnnualReport, LabelSeen, Section, empty_report
from gongkai.statute import get_format
from tests.checks.conftest import put
from tests.conftest import shared_path

SEED = ("seed", "000_4f0b4356af47fe62.txt")
HUAIAN_2024 = ("corpus", "pdf-text", "huaian_city_gov_2024.pypdf.txt")
HONGZE_2024 = ("corpus", "pdf-text", "hongze_district_gov_2024.pypdf.txt")
HONGZE_2023 = ("corpus", "pdf-text", "hongze_district_gov_2023.pypdf.txt")

BOTH = ("2019", "2021")
FEES = "本年收费金额（单位：万元）"
APPEALS = "四、政府信息公开行政复议、行政诉讼情况"
SUPERVISION = "（五）监督保障情况"
LAW_FORBIDS = "2.其他法律行政法规禁止公开"
_PAGE = re.compile(r"^\s*-\s*\d+\s*-\s*$", re.MULTILINE)


def read_text(parts: tuple[str, ...]) -> str:
    return _PAGE.sub("", shared_path(*parts).read_text(encoding="utf-8"))


def split_sections(report: AnnualReport, text: str, headings: dict[str, str]) -> None:
    """Cut the text at the written headings (key -> heading as written); the part before
    the first heading, less its first two lines (the title), is the preamble."""
    fmt = get_format(report.meta.format_id or "2021")
    found = sorted((text.index(written), key, written) for key, written in headings.items())
    report.preamble = text[: found[0][0]].split("\n", 2)[2]
    for i, (start, key, written) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        body = text[start + len(written) : end].strip("\n")
        report.sections.append(Section(key if key in {h.key for h in fmt.sections} else None, written, body))


def seed_report() -> AnnualReport:
    """淄博市张店区残疾人联合会机关 2021 (the seed): as its text and tables are."""
    agency = "淄博市张店区残疾人联合会机关"
    report = empty_report("2021", year=2021, agency=agency, title=f"{agency}\n2021年政府信息公开工作年度报告")
    text = read_text(SEED)
    split_sections(
        report,
        text,
        {
            "overview": "一、总体情况",
            "proactive": "二、主动公开政府信息情况",
            "applications": "三、收到和处理政府信息公开申请情况",
            "appeals": "4、 政府信息公开行政复议、行政诉讼情况",
            "problems": "五、存在的主要问题及改进情况",
            "other": "六、其他需要报告的事项",
        },
    )
    # Table bodies are not narrative: keep the text of sections 二 to 四 empty.
    for section in report.sections:
        if section.key in ("proactive", "applications", "appeals"):
            section.text = ""
    # Table 二: （一） is written with the 2019 columns; the others with 2021's.
    for row in ("regulations", "normative_docs"):
        for column in ("issued", "repealed", "in_force"):
            del report.tables["二"][(row, column)]
        for column in ("made", "published", "total_public"):
            put(report, "二", row, column, 0)
    for row in ("licensing", "penalty", "enforcement"):
        put(report, "二", row, "decisions", 0)
    put(report, "二", "fees", "amount", 0)
    report.labels += [
        LabelSeen("二", "column", "本年新制作数量", "made", "本年新制作数量", "exact", ("2019",)),
        LabelSeen("二", "column", "本年新\n公开数量", "published", "本年新公开数量", "exact", ("2019",)),
        LabelSeen("二", "column", "对外公开\n总数量", "total_public", "对外公开总数量", "exact", ("2019",)),
        LabelSeen("二", "row", "规范性文件", "normative_docs", "规范性文件", "exact", ("2019",)),
        LabelSeen("二", "column", "本年处理决定数量", "decisions", "本年处理决定数量", "exact", ("2021",)),
        LabelSeen("二", "column", FEES, "amount", FEES, "exact", ("2021",)),
        LabelSeen("", "subhead", "（5） 监督保障情况。", "overview.supervision", SUPERVISION, "normalised", BOTH),
        LabelSeen("", "heading", "4、 政府信息公开行政复议、行政诉讼情况", "appeals", APPEALS, "normalised", BOTH),
        LabelSeen("三", "group", "（6） 其他\n处理", "other", "（六）其他处理", "normalised", BOTH),
        LabelSeen(
            "三",
            "row",
            "1.申请人无不正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
            "other_no_supplement",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "fuzzy",
            ("2021",),
        ),
    ]
    # Table 三: only 总计 is filled (zeros), except （六）2 and 3 which are blank throughout.
    for row in get_format("2021").table("三").rows:
        put(report, "三", row.key, "total", "" if row.key in ("other_fee_unpaid", "other_misc") else 0)
    # Table 四: as written, some zeros and some blanks.
    t4 = ["0", "", "0", "", "0", "", "", "", "", "0", "", "", "", "", "0"]
    for column, value in zip(get_format("2021").table("四").columns, t4, strict=True):
        put(report, "四", "cases", column.key, value)
    names = ("履职依据", "会议公开", "建议提案", "财政信息", "重点领域信息公开", "政策解读", "业务动态")
    report.categories = dict(zip(names, (1, 3, 1, 3, 4, 1, 6), strict=True))
    report.categories_total = 19
    return report


def _fill(report: AnnualReport, table3: dict[str, list[int]], table4: list[int]) -> None:
    columns = [c.key for c in get_format("2021").table("三").columns]
    for row, values in table3.items():
        for column, value in zip(columns, values, strict=True):
            put(report, "三", row, column, value)
    for column, value in zip(get_format("2021").table("四").columns, table4, strict=True):
        put(report, "四", "cases", column.key, value)


CORPUS_HEADINGS = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}


def _corpus_report(parts: tuple[str, ...], agency: str, year: int) -> AnnualReport:
    report = empty_report("2021", year=year, agency=agency, title=f"{agency}\n{year} 年政府信息公开工作年度报告")
    split_sections(report, read_text(parts), CORPUS_HEADINGS)
    for section in report.sections:
        if section.key in ("proactive", "applications", "appeals"):
            section.text = ""
    return report


def huaian_2024() -> AnnualReport:
    """淮安市人民政府 2024: a clean report (figures read from the PDF text)."""
    report = _corpus_report(HUAIAN_2024, "淮安市人民政府", 2024)
    for row, values in {
        "regulations": [1, 0, 11],
        "normative_docs": [8, 26, 66],
    }.items():
        for column, value in zip(("issued", "repealed", "in_force"), values, strict=True):
            put(report, "二", row, column, value)
    put(report, "二", "licensing", "decisions", 447228)
    put(report, "二", "penalty", "decisions", 3985758)
    put(report, "二", "enforcement", "decisions", 88283)
    put(report, "二", "fees", "amount", "96171.6")
    _fill(
        report,
        {
            "new": [3001, 53, 0, 0, 61, 4, 3119],
            "carried_in": [34, 0, 0, 0, 0, 0, 34],
            "disclosed": [1288, 21, 0, 0, 50, 3, 1362],
            "partial": [447, 7, 0, 0, 0, 0, 454],
            "withheld_state_secret": [2, 0, 0, 0, 0, 0, 2],
            "withheld_law_forbids": [30, 1, 0, 0, 0, 0, 31],
            "withheld_3s1s": [5, 0, 0, 0, 0, 0, 5],
            "withheld_third_party": [6, 0, 0, 0, 0, 0, 6],
            "withheld_internal": [7, 1, 0, 0, 0, 0, 8],
            "withheld_process": [12, 0, 0, 0, 0, 0, 12],
            "withheld_enforcement_file": [9, 0, 0, 0, 0, 0, 9],
            "withheld_admin_query": [105, 0, 0, 0, 0, 0, 105],
            "unable_not_held": [746, 12, 0, 0, 10, 1, 769],
            "unable_needs_creation": [11, 0, 0, 0, 0, 0, 11],
            "unable_still_unclear": [1, 0, 0, 0, 0, 0, 1],
            "not_handled_petition": [56, 6, 0, 0, 0, 0, 62],
            "not_handled_repeat": [25, 0, 0, 0, 0, 0, 25],
            "not_handled_publication": [0, 0, 0, 0, 0, 0, 0],
            "not_handled_excessive": [0, 0, 0, 0, 0, 0, 0],
            "not_handled_confirm": [1, 0, 0, 0, 0, 0, 1],
            "other_no_supplement": [67, 3, 0, 0, 1, 0, 71],
            "other_fee_unpaid": [6, 0, 0, 0, 0, 0, 6],
            "other_misc": [108, 2, 0, 0, 0, 0, 110],
            "total": [2932, 53, 0, 0, 61, 4, 3050],
            "carried_out": [103, 0, 0, 0, 0, 0, 103],
        },
        [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
    )
    return report


def _hongze(parts: tuple[str, ...], year: int, table3: dict[str, list[int]], table4: list[int]) -> AnnualReport:
    """A 洪泽区 report: 2021 format but （六）其他处理 as the single 2019 row."""
    report = _corpus_report(parts, "淮安市洪泽区人民政府", year)
    for key in ("other_no_supplement", "other_fee_unpaid", "other_misc"):
        for column in get_format("2021").table("三").columns:
            del report.tables["三"][(key, column.key)]
    report.labels += [
        LabelSeen("三", "row", "（六）其他处理", "other", "（六）其他处理", "exact", ("2019",)),
        LabelSeen("三", "row", "2.其他法律行政止公开", "withheld_law_forbids", LAW_FORBIDS, "alias", ("2021",)),
    ]
    zeros = [0] * 7
    rows = {row.key: zeros for row in get_format("2021").table("三").rows if not row.key.startswith("other_")}
    rows.update(table3)
    _fill(report, rows, table4)
    return report


def hongze_2024() -> AnnualReport:
    report = _hongze(
        HONGZE_2024,
        2024,
        {
            "new": [95, 0, 0, 0, 0, 0, 95],
            "disclosed": [50, 0, 0, 0, 0, 0, 50],
            "partial": [9, 0, 0, 0, 0, 0, 9],
            "withheld_3s1s": [1, 0, 0, 0, 0, 0, 1],
            "withheld_process": [1, 0, 0, 0, 0, 0, 1],
            "withheld_enforcement_file": [1, 0, 0, 0, 0, 0, 1],
            "unable_not_held": [31, 0, 0, 0, 0, 0, 31],
            "unable_needs_creation": [1, 0, 0, 0, 0, 0, 1],
            "not_handled_petition": [1, 0, 0, 0, 0, 0, 1],
            "total": [95, 0, 0, 0, 0, 0, 95],
        },
        [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
    )
    for row, values in {"regulations": [0, 0, 0], "normative_docs": [3, 0, 8]}.items():
        for column, value in zip(("issued", "repealed", "in_force"), values, strict=True):
            put(report, "二", row, column, value)
    for row, value in {"licensing": 9487, "penalty": 2776, "enforcement": 84}.items():
        put(report, "二", row, "decisions", value)
    put(report, "二", "fees", "amount", 7545)
    return report


def hongze_2023() -> AnnualReport:
    """洪泽区 2023: table 四 行政复议 and 复议后起诉 have results but 总计 0."""
    report = _hongze(
        HONGZE_2023,
        2023,
        {
            "new": [21, 0, 0, 0, 0, 0, 21],
            "partial": [4, 0, 0, 0, 0, 0, 4],
            "withheld_third_party": [3, 0, 0, 0, 0, 0, 3],
            "unable_not_held": [13, 0, 0, 0, 0, 0, 13],
            "not_handled_repeat": [1, 0, 0, 0, 0, 0, 1],
            "total": [21, 0, 0, 0, 0, 0, 21],
        },
        [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
    )
    report.meta.agency = "洪泽区人民政府"
    for row, values in {"regulations": [0, 0, 0], "normative_docs": [0, 5, 5]}.items():
        for column, value in zip(("issued", "repealed", "in_force"), values, strict=True):
            put(report, "二", row, column, value)
    for row, value in {"licensing": 550, "penalty": 4119, "enforcement": 195}.items():
        put(report, "二", row, "decisions", value)
    put(report, "二", "fees", "amount", "7730.28")
    return report
