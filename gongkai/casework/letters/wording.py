"""Every sentence of every letter, and the legal basis of each reply, in one place.

The DOCX and the PDF are both rendered from the paragraphs ``compose`` builds out of these
templates, so the two formats always say the same thing. Placeholders are ``str.format``
fields filled by ``compose``: ``{you}`` is 您 for a natural person and 你单位 otherwise,
``{doc}`` the letter's own noun (答复书, 告知书, 通知书), ``{regulation}`` the 条例's title.

Articles are written as the 条例 cites itself: 第三十六条第（三）项, 第十六条第二款.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.statute.outcomes import Outcome

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

# The kind slugs of the public API, with their titles (the reply and consultation titles
# depend on the case, see REPLY_BASIS and CONSULTATION_TITLES).
KIND_TITLES = {
    "supplement": "政府信息公开申请补正通知书",
    "extension": "政府信息公开申请延期答复告知书",
    "fee": "政府信息公开信息处理费收费通知书",
}
CONSULTATION_TITLES = {
    "third_party": "政府信息公开第三方意见征询函",
    "other_organ": "政府信息公开征求意见函",
}
# A short mark after the receipt number makes each letter's document number unique.
NUMBER_MARKS = {"reply": "答复", "supplement": "补正", "extension": "延期", "consultation": "征询", "fee": "收费"}
NUMBER_LINE = "{receipt_number}（{mark}）"

YOU = {True: "您", False: "你单位"}  # natural person or not
CONSULTED_YOU = {"third_party": "贵方", "other_organ": "贵机关"}


@dataclass(frozen=True)
class ReplyBasis:
    """The reply to one outcome: what the organ found, the articles it rests on, what it decides."""

    title: str
    articles: tuple[str, ...]  # of the 条例; empty when no article governs (withdrawal)
    finding: str
    decision: str
    instruments: tuple[str, ...] = ()  # other instruments cited after the 条例
    closing: str = "特此答复。"

    @property
    def doc(self) -> str:
        return self.title[-3:]  # 答复书 / 告知书

    def citation(self) -> str:
        """E.g. 《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项."""
        parts = [REGULATION + "、".join(self.articles)] if self.articles else []
        return "、".join([*parts, *self.instruments])


_ANSWER = "政府信息公开申请答复书"
_NOTICE = "政府信息公开申请告知书"
_ENDED = "政府信息公开申请终止办理告知书"
_WITHHOLD = "本机关决定不予公开。"
_UNABLE = "本机关无法提供。"
_NO_LONGER = "本机关不再处理{you}的该政府信息公开申请。"

# One entry per outcome code. The row each code is counted in is statute.outcomes; the
# articles follow spec §3 (outcome → article) and §1.2 (the exemptions behind 不予公开).
REPLY_BASIS: dict[Outcome, ReplyBasis] = {
    # spec §3: Art 36(1)(2); answered under (二), "可以公开的，向申请人提供该政府信息".
    Outcome.DISCLOSED: ReplyBasis(
        _ANSWER, ("第三十六条第（二）项",),
        "经审查，{you}申请获取的政府信息属于公开范围。",
        "本机关予以公开，现将该政府信息提供给{you}（见附件）。",
    ),
    # spec §3: Art 37 (区分处理); the reason for the withheld part follows in its own paragraph.
    Outcome.PARTIAL: ReplyBasis(
        _ANSWER, ("第三十七条",),
        "经审查，{you}申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。",
        "本机关向{you}提供可以公开的部分（见附件），其余部分不予提供。",
    ),
    # spec §1.2 STATE_SECRET, §3: Art 14, replied under Art 36(3).
    Outcome.WITHHELD_STATE_SECRET: ReplyBasis(
        _ANSWER, ("第十四条", "第三十六条第（三）项"),
        "经审查，{you}申请获取的政府信息经依法确定为国家秘密。", _WITHHOLD,
    ),
    # spec §1.2 LAW_FORBIDS, §3: Art 14, Art 36(3).
    Outcome.WITHHELD_LAW_FORBIDS: ReplyBasis(
        _ANSWER, ("第十四条", "第三十六条第（三）项"),
        "经审查，{you}申请获取的政府信息属于法律、行政法规禁止公开的政府信息。", _WITHHOLD,
    ),
    # spec §1.2 THREE_SECURITY_ONE_STABILITY, §3: Art 14, Art 36(3).
    Outcome.WITHHELD_3S1S: ReplyBasis(
        _ANSWER, ("第十四条", "第三十六条第（三）项"),
        "经审查，{you}申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。", _WITHHOLD,
    ),
    # spec §1.2 THIRD_PARTY, §3: Art 15, Art 36(3).
    Outcome.WITHHELD_THIRD_PARTY: ReplyBasis(
        _ANSWER, ("第十五条", "第三十六条第（三）项"),
        "经审查，{you}申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "且第三方不同意公开，本机关认为不公开不会对公共利益造成重大影响。",
        _WITHHOLD,
    ),
    # spec §1.2 INTERNAL_AFFAIRS, §3: Art 16 ¶1, Art 36(3).
    Outcome.WITHHELD_INTERNAL: ReplyBasis(
        _ANSWER, ("第十六条第一款", "第三十六条第（三）项"),
        "经审查，{you}申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息。", _WITHHOLD,
    ),
    # spec §1.2 PROCESS_INFO, §3: Art 16 ¶2, Art 36(3).
    Outcome.WITHHELD_PROCESS: ReplyBasis(
        _ANSWER, ("第十六条第二款", "第三十六条第（三）项"),
        "经审查，{you}申请获取的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、"
        "请示报告等过程性信息，法律、法规、规章未规定应当公开。",
        _WITHHOLD,
    ),
    # spec §1.2 ENFORCEMENT_FILE, §3: Art 16 ¶2, Art 36(3).
    Outcome.WITHHELD_ENFORCEMENT_FILE: ReplyBasis(
        _ANSWER, ("第十六条第二款", "第三十六条第（三）项"),
        "经审查，{you}申请获取的政府信息属于行政执法案卷信息，法律、法规、规章未规定应当公开。", _WITHHOLD,
    ),
    # spec §3: Art 36(7) (工商、不动产登记资料等) — the mapping is UNCONFIRMED there.
    Outcome.WITHHELD_ADMIN_QUERY: ReplyBasis(
        _ANSWER, ("第三十六条第（七）项",),
        "经审查，{you}申请获取的信息属于工商、不动产登记资料等行政查询事项，有关法律、行政法规对信息的获取有特别规定。",
        "本机关不予公开，请{you}依照有关法律、行政法规的规定办理查询。",
    ),
    # spec §3: Art 36(4) or (5), UNCONFIRMED which; (四) "告知申请人该政府信息不存在" is used.
    Outcome.UNABLE_NOT_HELD: ReplyBasis(
        _ANSWER, ("第三十六条第（四）项",),
        "经检索，本机关没有{you}申请公开的政府信息。",
        "现告知{you}该政府信息在本机关不存在，本机关无法提供。",
    ),
    # spec §3: Art 38 (only existing information; no 加工、分析).
    Outcome.UNABLE_NEEDS_CREATION: ReplyBasis(
        _ANSWER, ("第三十八条",),
        "经审查，{you}申请获取的信息需要本机关对现有政府信息进行加工、分析或者另行制作，"
        "不属于本机关已制作或者获取的政府信息。",
        _UNABLE,
    ),
    # spec §3: Art 30 (still unclear after the one 补正).
    Outcome.UNABLE_STILL_UNCLEAR: ReplyBasis(
        _ANSWER, ("第三十条",),
        "本机关已告知{you}补正申请，但补正后{you}申请公开的政府信息的名称、文号或者特征性描述仍不明确，"
        "本机关无法据此确定{you}所需的政府信息。",
        _UNABLE,
    ),
    # spec §3: Art 39 ¶1.
    Outcome.NOT_HANDLED_PETITION: ReplyBasis(
        _NOTICE, ("第三十九条第一款",),
        "经审查，{you}以政府信息公开申请的形式进行信访、投诉、举报等活动。",
        "本机关不作为政府信息公开申请处理，{you}可以通过信访、投诉、举报等相应渠道提出。",
        closing="特此告知。",
    ),
    # spec §3: Art 36(6).
    Outcome.NOT_HANDLED_REPEAT: ReplyBasis(
        _NOTICE, ("第三十六条第（六）项",),
        "经审查，本机关已就{you}申请公开的政府信息作出过答复，{you}重复申请公开相同的政府信息。",
        "本机关不予重复处理。",
        closing="特此告知。",
    ),
    # spec §3: Art 39 ¶2.
    Outcome.NOT_HANDLED_PUBLICATION: ReplyBasis(
        _NOTICE, ("第三十九条第二款",),
        "经审查，{you}申请获取的是政府公报、报刊、书籍等公开出版物。",
        "本机关不予处理，{you}可以通过公开出版物的发行渠道获取。",
        closing="特此告知。",
    ),
    # spec §3: Art 35 (asked for reasons, the reasons were not reasonable).
    Outcome.NOT_HANDLED_EXCESSIVE: ReplyBasis(
        _NOTICE, ("第三十五条",),
        "{you}申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，{you}说明的理由不合理。",
        "本机关不予处理。",
        closing="特此告知。",
    ),
    # spec §3: no article found (UNCONFIRMED). Art 38 is cited: the organ provides information
    # it has made or obtained, it does not confirm or re-issue what the applicant already holds.
    Outcome.NOT_HANDLED_CONFIRM: ReplyBasis(
        _NOTICE, ("第三十八条",),
        "经审查，{you}要求本机关确认或者重新出具{you}已经获取的信息，不属于申请获取本机关已制作或者获取的政府信息。",
        "本机关不作为政府信息公开申请处理。",
        closing="特此告知。",
    ),
    # spec §1.4 and §3: Art 30, 视为放弃申请.
    Outcome.OTHER_NO_SUPPLEMENT: ReplyBasis(
        _ENDED, ("第三十条",),
        "本机关已于{supplement_requested_on}告知{you}补正申请，补正期限至{supplement_deadline}届满，"
        "{you}无正当理由逾期未补正，视为放弃申请。",
        _NO_LONGER,
        closing="特此告知。",
    ),
    # spec §6: Art 42 and 109号 (unpaid within 20 WD → 视为放弃申请, per the Sichuan notice [S20]).
    Outcome.OTHER_FEE_UNPAID: ReplyBasis(
        _ENDED, ("第四十二条",),
        "本机关已于{fee_notice_on}向{you}发出收费通知，{you}逾期未按收费通知要求缴纳信息处理费，视为放弃申请。",
        _NO_LONGER,
        instruments=(FEE_RULES,),
        closing="特此告知。",
    ),
    # spec §3: （六）3 其他, e.g. a withdrawal; no article of the 条例 governs it. A withdrawal
    # uses WITHDRAWAL below; this is the reply to any other case the officer files here.
    Outcome.OTHER: ReplyBasis(
        _NOTICE, (),
        "经审查，本机关对{you}的申请作其他处理（处理情况见下文说明）。",
        "",
        closing="特此告知。",
    ),
}

WITHDRAWAL = ReplyBasis(
    _ENDED, (),
    "{you}已于{withdrawn_on}向本机关撤回该政府信息公开申请。",
    "本机关终止办理{you}的该政府信息公开申请。",
    closing="特此告知。",
)

# --- paragraphs -------------------------------------------------------------------------------

OPENING = (
    "{you}于{received_on}向本机关提出的政府信息公开申请（受理编号：{receipt_number}）收悉。{you}申请获取：“{description}”。"
)
SUPPLEMENT_RECEIVED = "本机关于{supplement_received_on}收到{you}补正后的申请。"
DECISION = "{finding}根据{citation}的规定，{decision}"
DECISION_WITHOUT_ARTICLE = "{finding}{decision}"
PARTIAL_REASON = "其余部分的理由：{finding}根据{citation}的规定，{decision}"
NOTE = "说明：{note}"

SUPPLEMENT = (
    "经审查，{you}的申请内容不明确。根据{regulation}第三十条的规定，现一次性告知{you}需要补正的事项如下：{items}",
    "请{you}于{deadline}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。"
    "{you}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
)
SUPPLEMENT_BASIS = "第三十条"

EXTENSION = (
    "因{reason}，本机关不能在原定期限{old_due}前作出答复。根据{regulation}第三十三条第二款的规定，"
    "经本机关政府信息公开工作机构负责人同意，答复期限延长{workdays}个工作日，本机关将于{due}前作出答复。{provisional}",
)
EXTENSION_BASIS = "第三十三条第二款"
PROVISIONAL = "（{years}年节假日安排尚未公布，该日期暂按周末休息计算，如有变化另行告知。）"
EXCLUDED_PERIODS = "征求第三方或者其他机关意见、缴纳信息处理费等所需时间不计算在答复期限内，上述日期将相应顺延。"

CONSULTATION_OPENING = (
    "本机关于{received_on}收到一份政府信息公开申请（受理编号：{receipt_number}），申请获取：“{description}”。"
)
CONSULTATION = {
    "third_party": (
        "经审查，该政府信息的公开可能损害贵方的合法权益。根据{regulation}第三十二条的规定，现书面征求贵方意见。"
        "请贵方自收到本函之日起15个工作日内{due}书面提出是否同意公开的意见；不同意公开的，请说明理由。",
        "贵方逾期未提出意见的，本机关将依照{regulation}的规定决定是否公开。第三方不同意公开且有合理理由的，"
        "本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，"
        "并将决定公开的政府信息内容和理由书面告知贵方。",
    ),
    "other_organ": (
        "该政府信息涉及贵机关。根据{regulation}第三十四条的规定，现征求贵机关意见。"
        "请贵机关自收到本函之日起15个工作日内{due}提出意见；逾期未提出意见的，视为同意公开。",
    ),
}
CONSULTATION_BASIS = {"third_party": "第三十二条", "other_organ": "第三十四条"}
CONSULTATION_DUE = {True: "（即{date}前）", False: "（自本函发出之日起计算，即{date}前）"}
CONSULTATION_CLOSING = "特此函询。"
CONSULTATION_ADDRESSEE = {"third_party": "第三方", "other_organ": "有关机关"}

FEE = (
    "{you}申请公开政府信息的数量、频次明显超过合理范围。根据{regulation}第四十二条和{fee_rules}{fee_article}的规定，"
    "本机关对该申请{method}信息处理费（超额累进计算），计费如下：",
    "应缴纳信息处理费合计{amount}元。",
    "请{you}自收到本通知书次日起20个工作日内{due}缴纳。缴费方式请与本机关联系（联系方式见文末）。"
    "{you}逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
)
FEE_ARTICLES = {"per_item": "第四条", "per_page": "第五条"}
FEE_DUE = {True: "（即{date}前）", False: "（按本通知书发出次日收到计算，即{date}前）"}
FEE_LINE = "{line}"

# --- remedies (spec §1.4 practice, §2) ------------------------------------------------------
# The periods ({review_period} 60日, {suit_period} 6个月, {after_review_period} 15日) and the
# 复议前置 article come from gongkai.statute.remedies, where the appeals app reads them too.

REMEDY_CHOICE = (
    "{you}如对本{doc}不服，可以自收到本{doc}之日起{review_period}内向{review_body}申请行政复议，"
    "或者自收到本{doc}之日起{suit_period}内依法向人民法院提起行政诉讼。"
)
# 复议法 Art 23(4) and ¶2, in force 2024-01-01 (spec §2): for 不予公开 the organ must say that
# review comes first. The fixed phrase below is what tests and readers look for.
REVIEW_FIRST_PHRASE = "应当先申请行政复议，对复议决定不服的再提起行政诉讼"
REMEDY_REVIEW_FIRST = (
    "根据{review_first_article}的规定，{you}如对本{doc}不服，" + REVIEW_FIRST_PHRASE + "："
    "{you}可以自收到本{doc}之日起{review_period}内向{review_body}申请行政复议；对行政复议决定不服的，"
    "可以自收到行政复议决定书之日起{after_review_period}内依法向人民法院提起行政诉讼。"
)
REVIEW_BODY_UNKNOWN = "有管辖权的行政复议机关"
# Before 2024-01-01 (复议法 2017 Art 12) a department's case could also go to its superior
# department; from 2024 the same-level government handles it (复议法 2023 Art 24).
REVIEW_BODY_DEPARTMENT_BEFORE_2024 = "{government}或者上一级主管部门"

# --- contact block and signature ----------------------------------------------------------------

# Grouped a few to a line so that the block stays short enough to end the last page.
CONTACT_LINES = (
    (("disclosure_office", "联系机构：{}"),),
    (("office_address", "通信地址：{}"), ("postcode", "邮政编码：{}")),
    (("phone", "联系电话：{}"), ("fax", "传真：{}")),
    (("email", "电子邮箱：{}"), ("website", "网站：{}")),
)
CONTACT_SEPARATOR = "　"
