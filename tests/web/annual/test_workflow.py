"""The report workflow: draft → submitted → approved → published, checks and acknowledgements,
corrections and the immutability of a published version, deadlines."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.annual import actions as A
from gongkai.annual.models import Rendering, ReportVersion, Status, WarningAck
from gongkai.annual.versions import diff_versions

from .conftest import add_regulation, fill_in

pytestmark = pytest.mark.django_db


def rules(version):
    return {f["rule"] for f in version.checks}


def warning(version, rule):
    return next(f for f in version.checks if f["rule"] == rule)


@pytest.fixture
def draft(department, officer):
    return A.do_build_draft(department, 2025, actor=officer)


def test_placeholders_block_submission_until_filled(draft, officer):
    assert "DRAFT-PLACEHOLDER" in rules(draft)
    with pytest.raises(ValidationError) as exc:
        A.do_submit(draft, actor=officer)
    assert "错误" in exc.value.messages[0] and "DRAFT-PLACEHOLDER" in exc.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    fill_in(draft, officer)
    assert "DRAFT-PLACEHOLDER" not in rules(draft)
    A.do_submit(draft, actor=officer)
    assert ReportVersion.objects.get(pk=draft.pk).status == Status.SUBMITTED


def test_full_workflow_with_a_warning_acknowledged(draft, department, officer, approver):
    fill_in(draft, officer)
    add_regulation(department)
    A.do_run_checks(draft, actor=officer)
    assert draft.report["tables"]  # figures refreshed from the records
    assert "PL-REGULATIONS" in rules(draft)
    with pytest.raises(ValidationError) as exc:
        A.do_submit(draft, actor=officer)
    assert "警告尚未确认" in exc.value.messages[0] and "PL-REGULATIONS" in exc.value.messages[0]
    key = warning(draft, "PL-REGULATIONS")["key"]
    with pytest.raises(ValidationError) as exc:
        A.do_acknowledge_warning(draft, key, "  ", actor=officer)
    assert "必须填写说明" in exc.value.messages[0]
    A.do_acknowledge_warning(draft, key, "该文件由区政府制定，本局转发，已核实。", actor=officer)
    A.do_submit(draft, actor=officer)
    with pytest.raises(PermissionDenied):
        A.do_approve(draft, actor=officer)
    A.do_approve(draft, actor=approver)
    assert draft.status == Status.APPROVED and draft.approved_by == approver
    A.do_publish(draft, actor=officer, on=date(2026, 1, 20))
    stored = ReportVersion.objects.get(pk=draft.pk)
    assert stored.status == Status.PUBLISHED and stored.published_on == date(2026, 1, 20)
    assert set(Rendering.objects.filter(version=stored).values_list("format", flat=True)) == {
        "html", "docx", "pdf", "json"}
    pdf = Rendering.objects.get(version=stored, format="pdf")
    assert bytes(pdf.content).startswith(b"%PDF")
    assert not stored.is_overdue()


def test_a_published_report_is_immutable(draft, officer, approver):
    published = publish(draft, officer, approver)
    with pytest.raises(ValidationError, match="已公开的年度报告不能修改"):
        A.do_edit_text(published, "other", "改写", actor=officer)
    published.texts = {**published.texts, "other": "改写"}
    with pytest.raises(ValidationError, match="已公开的年度报告不能修改"):
        published.save()
    with pytest.raises(ValidationError, match="已公开"):
        A.do_build_draft(published.agency, 2025, actor=officer)
    with pytest.raises(ValidationError):
        A.do_acknowledge_warning(published, "x", "说明", actor=officer)
    with pytest.raises(ValidationError):
        Rendering.objects.filter(version=published).first().delete()
    assert ReportVersion.objects.get(pk=published.pk).texts["other"] != "改写"


def publish(version, officer, approver, on=date(2026, 1, 20)):
    fill_in(version, officer)
    for f in version.checks:
        if f["severity"] == "warning":
            A.do_acknowledge_warning(version, f["key"], "已核实", actor=officer)
    A.do_submit(version, actor=officer)
    A.do_approve(version, actor=approver)
    return A.do_publish(version, actor=officer, on=on)


def test_correction_is_a_new_version_with_reason_and_diff(draft, department, officer, approver):
    published = publish(draft, officer, approver)
    with pytest.raises(ValidationError) as exc:
        A.do_start_correction(published, actor=officer, reason=" ")
    assert "更正理由" in exc.value.messages[0]
    correction = A.do_start_correction(published, actor=officer, reason="表二漏登一件行政规范性文件")
    assert correction.number == 2 and correction.correction_of == published and correction.status == Status.DRAFT
    with pytest.raises(ValidationError, match="未公开的新版本"):
        A.do_start_correction(published, actor=officer, reason="再次更正")
    from gongkai.publishing.models import NormativeDocument

    NormativeDocument.objects.create(agency=department, kind="normative_docs", title="补登", issued_on=date(2025, 5, 1))
    A.do_run_checks(correction, actor=officer)
    A.do_edit_text(correction, "other", "没有需要报告的其他事项。", actor=officer)
    diff = diff_versions(published, correction)
    changed = {(c.table, c.row, c.column): (c.old, c.new) for c in diff.cells}
    assert changed[("二", "第二十条第（一）项 / 行政规范性文件", "本年制发件数")] == ("0", "1")
    assert [t.key for t in diff.texts] == ["proactive", "other"]
    assert any(line.startswith("-依据") for line in diff.texts[-1].lines)
    corrected = publish(correction, officer, approver, on=date(2026, 2, 3))
    assert corrected.is_overdue()  # a department's deadline is 31 January
    assert ReportVersion.objects.get(pk=published.pk).status == Status.PUBLISHED  # the original stays


def test_publishing_requires_approval_and_no_errors(draft, officer, approver):
    fill_in(draft, officer)
    with pytest.raises(ValidationError, match="审核通过后才能公开"):
        A.do_publish(draft, actor=officer)
    A.do_submit(draft, actor=officer)
    A.do_approve(draft, actor=approver)
    # A text changed behind the workflow's back (say, in the database) is an error at publication.
    ReportVersion.objects.filter(pk=draft.pk).update(texts={**draft.texts, "problems": "【请填写：问题】"})
    with pytest.raises(ValidationError) as exc:
        A.do_publish(draft, actor=officer, on=date(2026, 1, 5))
    assert "不能公开" in exc.value.messages[0]
    assert not Rendering.objects.exists()
    assert ReportVersion.objects.get(pk=draft.pk).status == Status.APPROVED
    with pytest.raises(ValidationError, match="年结束后"):
        A.do_publish(draft, actor=officer, on=date(2025, 12, 31))


def test_fixing_the_record_clears_the_finding(draft, department, officer):
    document = add_regulation(department)
    A.do_run_checks(draft, actor=officer)
    assert "PL-REGULATIONS" in rules(draft)
    document.kind = "normative_docs"
    document.save()
    A.do_run_checks(draft, actor=officer)
    assert "PL-REGULATIONS" not in rules(draft)


def test_acknowledgement_survives_a_recheck_but_not_a_different_finding(draft, department, officer):
    add_regulation(department)
    A.do_run_checks(draft, actor=officer)
    key = warning(draft, "PL-REGULATIONS")["key"]
    A.do_acknowledge_warning(draft, key, "已核实", actor=officer)
    A.do_run_checks(draft, actor=officer)
    assert not [w for w in A.unacknowledged_warnings(draft) if w["rule"] == "PL-REGULATIONS"]
    with pytest.raises(ValidationError, match="错误”必须改正"):
        A.do_acknowledge_warning(draft, warning(draft, "DRAFT-PLACEHOLDER")["key"], "说明", actor=officer)
    with pytest.raises(ValidationError, match="已不在最新的审核结果中"):
        A.do_acknowledge_warning(draft, "NO-SUCH@text:0", "说明", actor=officer)
    assert WarningAck.objects.count() == 1


def test_return_to_draft_needs_the_approver_and_a_reason(draft, officer, approver):
    fill_in(draft, officer)
    A.do_submit(draft, actor=officer)
    with pytest.raises(ValidationError, match="不能修改"):
        A.do_edit_text(draft, "other", "x", actor=officer)
    with pytest.raises(PermissionDenied):
        A.do_return(draft, actor=officer, reason="请修改")
    with pytest.raises(ValidationError, match="退回理由"):
        A.do_return(draft, actor=approver, reason="")
    A.do_return(draft, actor=approver, reason="第五部分请写具体问题")
    assert draft.status == Status.DRAFT and draft.returned_reason == "第五部分请写具体问题"
    A.do_edit_text(draft, "other", "没有需要报告的其他事项。", actor=officer)


def test_only_staff_of_the_agency_may_build(region, department, make_user):
    outsider = make_user("outsider")
    with pytest.raises(PermissionDenied):
        A.do_build_draft(department, 2025, actor=outsider)
    assert not ReportVersion.objects.exists()


def test_refresh_keeps_edited_texts_unless_asked(draft, department, officer, receive):
    A.do_edit_text(draft, "problems", "人员少，已增加一名兼职人员。", actor=officer)
    receive(date(2025, 6, 1), agency=department)
    again = A.do_build_draft(department, 2025, actor=officer)
    assert again.pk == draft.pk
    assert again.texts["problems"] == "人员少，已增加一名兼职人员。"
    assert "新收政府信息公开申请1件" in again.texts["overview"]
    reset = A.do_build_draft(department, 2025, actor=officer, reset_texts=True)
    assert "【请填写" in reset.texts["problems"] and reset.edited == []


def test_deadlines_by_level(region, department, officer, settings):
    gov = ReportVersion(agency=region.county, year=2025)
    dep = ReportVersion(agency=department, year=2025)
    street = ReportVersion(agency=region.street, year=2025)
    assert gov.deadline == date(2026, 3, 31) and dep.deadline == date(2026, 1, 31)
    assert street.deadline == date(2026, 3, 31)
    assert dep.is_overdue(today=date(2026, 2, 1)) and not gov.is_overdue(today=date(2026, 2, 1))
    settings.ANNUAL_DEADLINES = {"township": (2, 20)}
    assert street.deadline == date(2026, 2, 20)
