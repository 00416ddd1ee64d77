"""Checks of a report version: the engine's full rule set, plus what only a draft can have.

A finding is stored as the engine's ``Finding.to_dict()`` with a ``key`` that names it
stably (rule and cell, or rule and message for text findings), so that an acknowledgement
survives a re-run that finds the same thing, and lapses when the finding changes.
"""

from __future__ import annotations

import hashlib
from typing import Any

from gongkai.annual.conf import deadlines
from gongkai.annual.narrative import has_placeholder
from gongkai.report.checks import run_checks
from gongkai.report.checks.context import CheckConfig
from gongkai.report.checks.findings import Finding, FindingLocation, Severity
from gongkai.report.model import AnnualReport

PLACEHOLDER_RULE = "DRAFT-PLACEHOLDER"


def check_config(level: str) -> CheckConfig:
    d = deadlines()
    return CheckConfig(
        agency_level=level,
        department_deadline=d["department"] or (1, 31),
        government_deadline=d["government"] or (3, 31),
        township_deadline=d["township"],
        other_deadline=d["other"],
    )


def finding_key(finding: dict[str, Any]) -> str:
    location = finding.get("location") or {}
    if location.get("table"):
        row, column = location.get("row_key") or "", location.get("column_key") or ""
        return f"{finding['rule']}@{location['table']}:{row}:{column}"
    digest = hashlib.sha1(finding["message"].encode("utf-8")).hexdigest()[:12]
    return f"{finding['rule']}@text:{digest}"


def placeholder_findings(report: AnnualReport) -> list[Finding]:
    found = []
    for section in report.sections:
        if has_placeholder(section.text):
            found.append(
                Finding(
                    PLACEHOLDER_RULE,
                    Severity.ERROR,
                    f"“{section.heading}”还有待填写的内容（【请填写…】），请改写为本机关的实际情况。",
                    FindingLocation(),
                )
            )
    return found


def check_report(report: AnnualReport, previous: AnnualReport | None, level: str) -> list[dict[str, Any]]:
    """Every finding as a dict with its ``key``, errors first."""
    findings = placeholder_findings(report) + run_checks(report, previous=previous, config=check_config(level))
    findings.sort(key=lambda f: f.severity.rank)
    out = []
    for finding in findings:
        data = finding.to_dict()
        data["severity_label"] = finding.severity.label
        data["key"] = finding_key(data)
        out.append(data)
    return out
