"""Letters (告知书): every outcome's reply and the notices on the way, read back from DOCX and PDF.

Cases are built with the real ``do_*`` actions; the DOCX is read back with python-docx and
the PDF with pdfplumber. Set ``LETTERS_DUMP_DIR`` to keep the rendered files for a look.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import docx
import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from docx.oxml.ns import qn

from gongkai.agencies.actions import do_add_member
from gongkai.casework import actions as act
from gongkai.casework.calendar import calendar
from gongkai.casework.clock import compute_clock, consultation_due, fee_payment_due
from gongkai.casework.letters import available_letters, build_letter, render_letter
from gongkai.casework.letters.to_pdf import html as letter_html
from gongkai.casework.letters.wording import REPLY_BASIS, REVIEW_FIRST_PHRASE
from gongkai.casework.lifecycle import full_date
from gongkai.statute.outcomes import Outcome
from gongkai.workdays.arithmetic import count_workdays

pytestmark = pytest.mark.django_db

RECEIVED = date(2025, 3, 3)
DECIDED = date(2025, 3, 20)
DESCRIPTION = "2024年度残疾人就业保障金征收使用情况"
REVIEW_BODY = "淄博市张店区人民政府"  # the 残联's parent government

# The articles each reply must cite, from spec §3 and §1.2 (written out here, not read from
# the code, so that a slip in the wording table fails).
EXPECTED_ARTICLES = {
    Outcome.DISCLOSED: ["第三十六条第（二）项"],
    Outcome.PARTIAL: ["第三十七条"],
    Outcome.WITHHELD_STATE_SECRET: ["第十四条", "第三十六条第（三）项"],
    Outcome.WITHHELD_LAW_FORBIDS: ["第十四条", "第三十六条第（三）项"],
    Outcome.WITHHELD_3S1S: ["第十四条", "第三十六条第（三）项"],
    Outcome.WITHHELD_THIRD_PARTY: ["第十五条", "第三十六条第（三）项"],
    Outcome.WITHHELD_INTERNAL: ["第十六条第一款", "第三十六条第（三）项"],
    Outcome.WITHHELD_PROCESS: ["第十六条第二款", "第三十六条第（三）项"],
    Outcome.WITHHELD_ENFORCEMENT_FILE: ["第十六条第二款", "第三十六条第（三）项"],
    Outcome.WITHHELD_ADMIN_QUERY: ["第三十六条第（七）项"],
    Outcome.UNABLE_NOT_HELD: ["第三十六条第（四）项"],
    Outcome.UNABLE_NEEDS_CREATION: ["第三十八条"],
    Outcome.UNABLE_STILL_UNCLEAR: ["第三十条"],
    Outcome.NOT_HANDLED_PETITION: ["第三十九条第一款"],
    Outcome.NOT_HANDLED_REPEAT: ["第三十六条第（六）项"],
    Outcome.NOT_HANDLED_PUBLICATION: ["第三十九条第二款"],
    Outcome.NOT_HANDLED_EXCESSIVE: ["第三十五条"],
    Outcome.NOT_HANDLED_CONFIRM: ["第三十八条"],
    Outcome.OTHER_NO_SUPPLEMENT: ["第三十条"],
    Outcome.OTHER_FEE_UNPAID: ["第四十二条", "国办函〔2020〕109号"],
    Outcome.OTHER: ["撤回"],  # a withdrawal: no article governs it, the letter states the fact
}


def squash(text: str) -> str:
    return "".join(text.split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return squash("".join(p.text for p in document.paragraphs))


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return squash("".join(page.extract_text() or "" for page in pdf.pages))


def rendered_texts(application, kind: str) -> dict[str, str]:
    texts = {}
    for fmt, reader in (("docx", docx_text), ("pdf", pdf_text)):
        name, data = render_letter(application, kind, fmt)
        assert name.endswith(f".{fmt}")
        dump = os.environ.get("LETTERS_DUMP_DIR")
        if dump:
            Path(dump).mkdir(parents=True, exist_ok=True)
            (Path(dump) / name).write_bytes(data)
        texts[fmt] = reader(data)
    return texts


@pytest.fixture
def federation(region):
    agency = region.county_department  # 淄博市张店区残疾人联合会, under 张店区人民政府
    agency.short_name = "张店区残联"
    agency.disclosure_office = "淄博市张店区残疾人联合会办公室"
    agency.office_address = "淄博市张店区人民西路88号"
    agency.postcode = "255000"
    agency.phone = "0533-2180000"
    agency.fax = "0533-2180001"
    agency.email = "gongkai@zdcl.example.cn"
    agency.website = "https://zdcl.example.cn/"
    agency.save()
    return agency


def receive(agency, on: date = RECEIVED, *, kind: str = "natural", name: str = "张三", description=DESCRIPTION):
    return act.do_receive_application(
        agency=agency, channel="in_person", submitted_on=on, applicant_kind=kind, applicant_name=name,
        description=description,
    )


def decided(agency, outcome: Outcome, on: date = DECIDED, received: date = RECEIVED, **decide):
    application = receive(agency, received)
    if outcome is Outcome.OTHER_NO_SUPPLEMENT:
        act.do_request_supplement(application, deadline=date(2025, 3, 14), items="请写明文件名称", on=date(2025, 3, 5))
        act.do_lapse_supplement(application, on=on)
    elif outcome is Outcome.OTHER_FEE_UNPAID:
        act.do_send_fee_notice(application, method="per_page", pages=50, on=date(2025, 3, 5))
        act.do_lapse_fee(application, on=date(2025, 5, 6))
    elif outcome is Outcome.OTHER:
        act.do_withdraw(application, reason="已通过其他途径获取", on=on)
    else:
        act.do_decide(application, outcome, on=on, **decide)
    return application


@pytest.mark.parametrize("outcome", list(Outcome), ids=lambda o: o.value)
def test_every_outcome_has_a_reply_in_both_formats(federation, outcome):
    application = decided(federation, outcome)
    spec = available_letters(application)[-1]
    assert spec.kind == "reply" and spec.title.startswith("政府信息公开申请") and spec.on == application.decided_on
    citation = squash(REPLY_BASIS[outcome].citation()) if outcome is not Outcome.OTHER else ""
    for fmt, text in rendered_texts(application, "reply").items():
        assert federation.name in text, fmt
        assert application.receipt_number in text, fmt
        assert "张三" in text and DESCRIPTION in text and full_date(RECEIVED) in text, fmt
        for article in EXPECTED_ARTICLES[outcome]:
            assert article in text, (fmt, article)
        assert citation in text, fmt
        assert f"向{REVIEW_BODY}申请行政复议" in text and "行政诉讼" in text, fmt
        if outcome.value.startswith("WITHHELD_"):  # decided in 2025: review first
            assert REVIEW_FIRST_PHRASE in text and "6个月内" not in text, fmt
        else:
            assert REVIEW_FIRST_PHRASE not in text and "6个月内" in text, fmt
        assert "0533-2180000" in text and "gongkai@zdcl.example.cn" in text, fmt


def test_review_first_from_2024(federation):
    after = decided(federation, Outcome.WITHHELD_PROCESS, on=date(2024, 1, 2), received=date(2023, 12, 20))
    before = decided(federation, Outcome.WITHHELD_PROCESS, on=date(2023, 12, 29), received=date(2023, 12, 18))
    for text in rendered_texts(after, "reply").values():
        assert REVIEW_FIRST_PHRASE in text and "行政复议法》（2023年修订）第二十三条第一款第（四）项" in text
        assert "6个月内" not in text and "2024年1月2日" in text
    for text in rendered_texts(before, "reply").values():
        assert REVIEW_FIRST_PHRASE not in text
        assert f"向{REVIEW_BODY}申请行政复议，或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼" in text


def test_department_before_2024_may_also_apply_to_its_superior_department(region):
    bureau = region.other_department  # 淄川区教育和体育局, a government department
    before = decided(bureau, Outcome.WITHHELD_INTERNAL, on=date(2023, 12, 29), received=date(2023, 12, 18))
    after = decided(bureau, Outcome.WITHHELD_INTERNAL, on=date(2024, 1, 2), received=date(2023, 12, 20))
    assert "向淄博市淄川区人民政府或者上一级主管部门申请行政复议" in build_letter(before, "reply").text
    assert "向淄博市淄川区人民政府申请行政复议" in build_letter(after, "reply").text


def test_review_body_unknown_without_a_government_above(region):
    letter = build_letter(decided(region.city, Outcome.DISCLOSED), "reply")
    assert "向有管辖权的行政复议机关申请行政复议" in letter.text


def test_partial_disclosure_review_first_is_a_setting(federation, settings):
    application = decided(federation, Outcome.PARTIAL, on=date(2024, 6, 3), received=date(2024, 5, 20))
    assert REVIEW_FIRST_PHRASE not in build_letter(application, "reply").text
    settings.CASEWORK_PARTIAL_DISCLOSURE_REVIEW_FIRST = True
    for text in rendered_texts(application, "reply").values():
        assert REVIEW_FIRST_PHRASE in text and "第三十七条" in text
    # Before 2024 there is no 复议前置 at all, whatever the setting.
    old = decided(federation, Outcome.PARTIAL, on=date(2023, 6, 5), received=date(2023, 5, 22))
    assert REVIEW_FIRST_PHRASE not in build_letter(old, "reply").text


def test_separated_reply_gives_the_reason_for_the_withheld_part(federation):
    application = decided(federation, Outcome.WITHHELD_THIRD_PARTY, separated=True, note="第3页个人信息已遮盖")
    assert application.outcome == Outcome.PARTIAL.value
    text = squash(build_letter(application, "reply").text)
    assert "第三十七条" in text and "其余部分的理由" in text
    assert "第十五条、第三十六条第（三）项" in text and "说明：第3页个人信息已遮盖" in text


def test_organisation_is_addressed_as_such(federation):
    application = receive(federation, kind="commercial", name="淄博某某科技有限公司")
    act.do_decide(application, Outcome.DISCLOSED, on=DECIDED)
    letter = build_letter(application, "reply")
    assert letter.addressee == "淄博某某科技有限公司："
    assert "你单位申请获取" in letter.text and "您" not in letter.text


def test_letters_that_do_not_apply_yet_are_refused(federation):
    application = receive(federation)
    assert available_letters(application) == []
    for kind in ("reply", "supplement", "extension", "consultation", "fee"):
        for fmt in ("docx", "pdf"):
            with pytest.raises(ValidationError, match="该申请尚不需要"):
                render_letter(application, kind, fmt)
    with pytest.raises(ValidationError, match="未知的文书类型"):
        render_letter(application, "apology", "pdf")
    act.do_decide(application, Outcome.DISCLOSED, on=DECIDED)
    with pytest.raises(ValidationError, match="不支持的文件格式"):
        render_letter(application, "reply", "odt")
    with pytest.raises(ValidationError, match="尚未告知补正"):
        render_letter(application, "supplement", "docx")


def test_the_letters_along_a_full_case(federation, make_user):
    approver = make_user("approver")
    do_add_member(federation, approver, "approver")
    application = receive(federation)
    act.do_request_supplement(application, deadline=date(2025, 3, 20), items="请写明所需文件的名称或文号",
                              on=date(2025, 3, 5))
    assert [s.kind for s in available_letters(application)] == ["supplement"]
    act.do_receive_supplement(application, on=date(2025, 3, 10))
    act.do_send_consultation(application, party="third_party", name="淄博某某康复器材有限公司", on=date(2025, 3, 11))
    act.do_return_consultation(application, on=date(2025, 3, 18), reply="不同意公开")
    act.do_send_consultation(application, party="other_organ", name="淄博市张店区财政局", on=date(2025, 3, 19),
                             received_on=date(2025, 3, 20))
    act.do_return_consultation(application, on=date(2025, 3, 25))
    act.do_approve_extension(application, workdays=15, reason="需要调取多年档案", actor=approver, on=date(2025, 4, 1))
    act.do_send_fee_notice(application, method="per_page", pages=120, on=date(2025, 4, 2))
    act.do_record_payment(application, on=date(2025, 4, 10))
    act.do_decide(application, Outcome.DISCLOSED, on=date(2025, 4, 20))

    specs = available_letters(application)
    assert [s.kind for s in specs] == ["supplement", "consultation", "extension", "fee", "reply"]
    assert [s.title for s in specs] == [
        "政府信息公开申请补正通知书", "政府信息公开征求意见函", "政府信息公开申请延期答复告知书",
        "政府信息公开信息处理费收费通知书", "政府信息公开申请答复书",
    ]
    assert [s.on for s in specs] == [date(2025, 3, 5), date(2025, 3, 19), date(2025, 4, 1), date(2025, 4, 2),
                                     date(2025, 4, 20)]
    events = list(application.events.order_by("seq"))

    for text in rendered_texts(application, "supplement").values():
        assert "请写明所需文件的名称或文号" in text and "请您于2025年3月20日前" in text
        assert "第三十条" in text and "一次性告知" in text and "2025年3月5日" in text

    # The latest consultation, addressed to the organ; the applicant's name is not disclosed to it.
    consultation = next(e for e in reversed(events) if e.kind == "consultation_sent")
    reply_due, _ = consultation_due(calendar(), consultation)
    for text in rendered_texts(application, "consultation").values():
        assert "淄博市张店区财政局：" in text and "第三十四条" in text and "视为同意公开" in text
        assert f"（即{full_date(reply_due.date)}前）" in text
        assert "张三" not in text and "康复器材" not in text and "行政复议" not in text

    extension = next(e for e in events if e.kind == "extension_approved")
    clock = compute_clock([e for e in events if e.seq <= extension.seq], calendar(), extension.date)
    for text in rendered_texts(application, "extension").values():
        assert "需要调取多年档案" in text and "第三十三条第二款" in text and "延长15个工作日" in text
        assert f"本机关将于{full_date(clock.due.date)}前作出答复" in text
        old_due, new_due = (date(*map(int, m)) for m in re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日前", text)[:2])
        assert count_workdays(calendar(), old_due, new_due) == 15

    notice = next(e for e in events if e.kind == "fee_notice_sent")
    pay_by, _ = fee_payment_due(calendar(), notice)
    for text in rendered_texts(application, "fee").values():
        assert "按量计收" in text and "第五条" in text and "第四十二条" in text
        assert "合计1100元" in text  # 70 pages × 10 元 + 20 pages × 20 元
        assert squash("第31至第100页：70页 × 10元 = 700元") in text
        assert f"按本通知书发出次日收到计算，即{full_date(pay_by.date)}前" in text

    for text in rendered_texts(application, "reply").values():
        assert "本机关于2025年3月10日收到您补正后的申请" in text and "2025年4月20日" in text


def test_extension_into_an_unloaded_year_says_the_date_is_provisional(federation, make_user):
    approver = make_user("approver")
    do_add_member(federation, approver, "approver")
    application = receive(federation, date(2026, 11, 20))
    act.do_approve_extension(application, workdays=20, reason="情况复杂", actor=approver, on=date(2026, 11, 27))
    events = list(application.events.order_by("seq"))
    clock = compute_clock(events, calendar(), date(2026, 11, 27))
    text = build_letter(application, "extension").text
    assert full_date(clock.due.date) in text
    assert ("节假日安排尚未公布" in text) == clock.due.provisional


def test_docx_layout_fonts_and_signature(federation):
    application = decided(federation, Outcome.UNABLE_NOT_HELD)
    _, data = render_letter(application, "reply", "docx")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    paragraphs = [p for p in document.paragraphs if p.text]
    issuer, title = paragraphs[0], paragraphs[1]
    assert (issuer.text, title.text) == ("淄博市张店区残疾人联合会", "政府信息公开申请答复书")
    title_run = title.runs[0]
    assert title_run.bold and title_run._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = next(p for p in paragraphs if p.text.startswith("您于"))
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.first_line_indent is not None
    texts = [p.text for p in paragraphs]
    signature = texts.index("2025年3月20日")
    assert texts[signature - 1] == "淄博市张店区残疾人联合会"
    assert paragraphs[signature].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert "联系机构：淄博市张店区残疾人联合会办公室" in texts
    assert "联系电话：0533-2180000　传真：0533-2180001" in texts
    assert "张店区残联〔2025〕第0001号（答复）" in texts


def test_filenames_are_chinese_and_safe(federation, settings):
    application = decided(federation, Outcome.DISCLOSED)
    name, _ = render_letter(application, "reply", "docx")
    assert name == "张店区残联〔2025〕第0001号-政府信息公开申请答复书.docx"
    settings.CASEWORK_RECEIPT_NUMBER_FORMAT = '{agency}/{year}:"{number}"?'
    odd = decided(federation, Outcome.DISCLOSED)
    assert odd.receipt_number == '张店区残联/2025:"2"?'
    name, data = render_letter(odd, "reply", "pdf")
    assert data.startswith(b"%PDF")
    assert not re.search(r'[\\/:*?"<>|\s]', name)
    assert name.endswith("政府信息公开申请答复书.pdf") and "张店区残联" in name


def test_applicant_text_is_escaped_in_the_pdf_html(federation):
    application = receive(federation, description='<b>加粗</b> & {占位} "引号"')
    act.do_decide(application, Outcome.DISCLOSED, on=DECIDED)
    markup = letter_html(build_letter(application, "reply"))
    assert "&lt;b&gt;加粗&lt;/b&gt; &amp; {占位}" in markup and "<b>" not in markup
    assert '<b>加粗</b>&{占位}"引号"' in rendered_texts(application, "reply")["pdf"]


def test_other_outcome_filed_by_the_officer_prints_the_note(federation):
    application = receive(federation)
    act.do_decide(application, Outcome.OTHER, on=DECIDED, note="申请人要求查阅的档案已移交淄博市档案馆")
    act.do_deliver(application, on=date(2025, 3, 21))
    act.do_archive(application, on=date(2025, 3, 24))
    [spec] = available_letters(application)  # still there after delivery and archiving
    assert spec.title == "政府信息公开申请告知书"
    text = build_letter(application, "reply").text
    assert "其他处理" in text and "说明：申请人要求查阅的档案已移交淄博市档案馆" in text and "撤回" not in text


def test_the_documented_basis_table_matches_the_wording():
    docs = (Path(__file__).resolve().parents[3] / "docs" / "letters.md").read_text(encoding="utf-8")
    for outcome, basis in REPLY_BASIS.items():
        [row] = [line for line in docs.splitlines() if line.startswith(f"| `{outcome.value}` |")]
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if basis.articles:
            assert cells[3].startswith("、".join(basis.articles)), outcome
        assert basis.title in cells[2], outcome


def test_control_characters_and_line_breaks_in_applicant_text_do_not_break_the_files(federation):
    application = receive(federation, name="李\x0c四", description="第一行\r\n第二行\t\x0b结束")
    act.do_decide(application, Outcome.DISCLOSED, on=DECIDED)
    for text in rendered_texts(application, "reply").values():
        assert "“第一行第二行结束”" in text and "李四：" in text
