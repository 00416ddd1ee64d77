"""Parts that the 2019 and 2021 formats share, declared once.

Sources are the tags of ``shared/spec/legal_spec.md``: §4.2 sections, §4.4 table 三,
§4.5 table 四.
"""

from __future__ import annotations

from gongkai.statute.structure import Column, Heading, Row, TableSpec

TITLE_SUFFIX = "政府信息公开工作年度报告"

SECTIONS = (
    Heading("overview", "一、", "总体情况", source="spec §4.2 [S9][S12][S14][S17]"),
    Heading("proactive", "二、", "主动公开政府信息情况", source="spec §4.2"),
    Heading("applications", "三、", "收到和处理政府信息公开申请情况", source="spec §4.2"),
    Heading(
        "appeals",
        "四、",
        "政府信息公开行政复议、行政诉讼情况",
        aliases=("政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
        source="spec §4.2",
    ),
    Heading("problems", "五、", "存在的主要问题及改进情况", source="spec §4.2"),
    Heading("other", "六、", "其他需要报告的事项", source="spec §4.2"),
)

# Section 一's five aspects (30号 (一)总体情况, spec §4.2 [S4]); the seed uses exactly these.
OVERVIEW_HEADS = (
    Heading("overview.proactive", "（一）", "主动公开情况", source="spec §4.2 [S4]"),
    Heading("overview.applications", "（二）", "依申请公开情况", source="spec §4.2 [S4]"),
    Heading("overview.management", "（三）", "政府信息管理情况", source="spec §4.2 [S4]"),
    Heading("overview.platform", "（四）", "政府信息公开平台建设情况", source="spec §4.2 [S4]"),
    Heading(
        "overview.supervision",
        "（五）",
        "监督保障情况",
        aliases=("政府信息公开监督保障情况",),
        source="spec §4.2 [S4]",
    ),
)

T3_TITLE = "收到和处理政府信息公开申请情况"
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_RESULTS = "三、本年度办理结果"
T3_APPLICANTS = "申请人情况"
T3_ORGANISATIONS = "法人或其他组织"

# Column order is fixed by the format (spec §4.4); these keys are the applicant kinds.
T3_COLUMNS = (
    Column("natural", "自然人", source="spec §4.4"),
    Column("commercial", "商业企业", (T3_ORGANISATIONS,), source="spec §4.4"),
    Column("research", "科研机构", (T3_ORGANISATIONS,), source="spec §4.4"),
    Column("public_interest", "社会公益组织", (T3_ORGANISATIONS,), source="spec §4.4"),
    Column("legal_services", "法律服务机构", (T3_ORGANISATIONS,), source="spec §4.4"),
    Column("other_org", "其他", (T3_ORGANISATIONS,), source="spec §4.4"),
    Column("total", "总计", source="spec §4.4"),
)

WITHHELD = "（三）不予公开"
UNABLE = "（四）无法提供"
NOT_HANDLED = "（五）不予处理"
OTHER = "（六）其他处理"

T3_HEAD_ROWS = (
    Row("new", "一、本年新收政府信息公开申请数量", source="spec §4.4"),
    Row("carried_in", "二、上年结转政府信息公开申请数量", source="spec §4.4"),
    Row("disclosed", "（一）予以公开", source="spec §4.4"),
    Row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        aliases=("（二）部分公开（区分处理的，只计这一情况，不计其他情况）", "（二）部分公开"),
        source="spec §4.4; typo 只计这一情况 seen in [S15]",
    ),
    Row("withheld_state_secret", "1.属于国家秘密", WITHHELD, source="spec §3, Art 14"),
    Row(
        "withheld_law_forbids",
        "2.其他法律行政法规禁止公开",
        WITHHELD,
        aliases=("2.其他法律行政止公开",),
        source="spec §3, Art 14; typo seen in the 洪泽区 2023/2024 reports",
    ),
    Row("withheld_3s1s", "3.危及“三安全一稳定”", WITHHELD, source="spec §3, Art 14"),
    Row("withheld_third_party", "4.保护第三方合法权益", WITHHELD, source="spec §3, Art 15"),
    Row(
        "withheld_internal",
        "5.属于三类内部事务信息",
        WITHHELD,
        aliases=("5.属于三类内容事务信息",),
        source="spec §3, Art 16 ¶1; typo seen in [S15]",
    ),
    Row("withheld_process", "6.属于四类过程性信息", WITHHELD, source="spec §3, Art 16 ¶2"),
    Row("withheld_enforcement_file", "7.属于行政执法案卷", WITHHELD, source="spec §3, Art 16 ¶2"),
    Row("withheld_admin_query", "8.属于行政查询事项", WITHHELD, source="spec §3 (mapping UNCONFIRMED)"),
    Row("unable_not_held", "1.本机关不掌握相关政府信息", UNABLE, source="spec §3, Art 36(4)/(5)"),
    Row("unable_needs_creation", "2.没有现成信息需要另行制作", UNABLE, source="spec §3, Art 38"),
    Row("unable_still_unclear", "3.补正后申请内容仍不明确", UNABLE, source="spec §3, Art 30"),
    Row("not_handled_petition", "1.信访举报投诉类申请", NOT_HANDLED, source="spec §3, Art 39 ¶1"),
    Row("not_handled_repeat", "2.重复申请", NOT_HANDLED, source="spec §3, Art 36(6)"),
    Row("not_handled_publication", "3.要求提供公开出版物", NOT_HANDLED, source="spec §3, Art 39 ¶2"),
    Row("not_handled_excessive", "4.无正当理由大量反复申请", NOT_HANDLED, source="spec §3, Art 35"),
    Row(
        "not_handled_confirm",
        "5.要求行政机关确认或重新出具已获取信息",
        NOT_HANDLED,
        source="spec §3 (article UNCONFIRMED)",
    ),
)

T3_TAIL_ROWS = (
    Row("total", "（七）总计", source="spec §4.4"),
    Row("carried_out", "四、结转下年度继续办理", source="spec §4.4"),
)

T3_GROUPS = (T3_RESULTS, WITHHELD, UNABLE, NOT_HANDLED, OTHER)

T4_TITLE = "政府信息公开行政复议、行政诉讼情况"
REVIEW = "行政复议"
SUIT = "行政诉讼"
SUIT_DIRECT = "未经复议直接起诉"
SUIT_AFTER_REVIEW = "复议后起诉"

# The four results and their total, repeated under each of the three case kinds (spec §4.5).
T4_RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
T4_KINDS = (
    ("review", (REVIEW,)),
    ("suit_direct", (SUIT, SUIT_DIRECT)),
    ("suit_after_review", (SUIT, SUIT_AFTER_REVIEW)),
)
T4_COLUMNS = tuple(
    Column(f"{kind}.{result}", label, group, source="spec §4.5")
    for kind, group in T4_KINDS
    for result, label in T4_RESULTS
)
T4_ROW = Row("cases", "", source="spec §4.5: table 四 has a single data row without a label")

TABLE_4 = TableSpec(
    key="四",
    title=T4_TITLE,
    rows=(T4_ROW,),
    columns=T4_COLUMNS,
    groups=(REVIEW, SUIT, SUIT_DIRECT, SUIT_AFTER_REVIEW),
    source="spec §4.5 [S9][S11][S12][S17][S40]",
)


def table_3(other_rows: tuple[Row, ...], source: str) -> TableSpec:
    return TableSpec(
        key="三",
        title=T3_TITLE,
        rows=(*T3_HEAD_ROWS, *other_rows, *T3_TAIL_ROWS),
        columns=T3_COLUMNS,
        groups=T3_GROUPS,
        header_labels=(T3_NOTE, T3_APPLICANTS, T3_ORGANISATIONS),
        source=source,
    )
