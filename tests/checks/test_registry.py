"""The registry itself: ids, severities, explanations, documentation, ordering, JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

from gongkai.report.checks import RULES, CheckConfig, Finding, FindingLocation, Severity, rules_markdown, run_checks
from gongkai.report.checks.registry import CATEGORIES
from gongkai.report.model import Location
from tests.checks.conftest import check, consistent_report, put, rule_ids

CHINESE = re.compile(r"[\u4e00-\u9fff]")
HERE = Path(__file__).resolve().parent
DOCS = HERE.parents[1] / "docs" / "checks.md"


def test_every_rule_is_complete_and_unique() -> None:
    assert len(RULES) >= 30
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert re.fullmatch(r"[A-Z0-9]+(?:-[A-Z0-9]+)+", rule_id), rule_id
        assert isinstance(rule.severity, Severity)
        assert rule.category in CATEGORIES
        assert CHINESE.search(rule.title) and CHINESE.search(rule.explanation), rule_id
        assert rule.explanation.endswith("。"), rule_id
        assert rule.source, rule_id
    assert len({r.id for r in RULES.values()}) == len(RULES)


def test_every_rule_has_a_test() -> None:
    """A rule no test names could be removed without a test failing."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in HERE.glob("test_*.py") if p.name != Path(__file__).name)
    untested = [rule_id for rule_id in RULES if f'"{rule_id}"' not in sources]
    assert not untested


def test_docs_list_every_rule_and_are_current() -> None:
    markdown = rules_markdown()
    for rule in RULES.values():
        assert f"`{rule.id}`" in markdown
    assert DOCS.read_text(encoding="utf-8") == markdown, "regenerate: python -m gongkai.report.checks > docs/checks.md"


def test_clean_reports_yield_nothing() -> None:
    for format_id, year in (("2021", 2021), ("2021", 2024), ("2019", 2019), ("2019", 2020)):
        assert check(consistent_report(format_id, year)) == []


def test_findings_are_sorted_errors_first_then_by_table_and_row() -> None:
    report = consistent_report("2021", 2021)
    put(report, "三", "carried_out", "total", 999)  # T3-ROW-TOTAL (四、) and T3-BALANCE
    put(report, "三", "disclosed", "natural", "")  # BLANK-CELL (warning)
    put(report, "二", "fees", "amount", "-1")  # CELL-NEGATIVE (table 二)
    findings = check(report)
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert errors[0].location.table == "二"
    tables = [f.location.table for f in errors]
    assert tables == sorted(tables, key="二三四".index)


def test_disabled_rules_do_not_run() -> None:
    report = consistent_report("2021", 2021)
    put(report, "三", "new", "total", 999)
    assert "T3-ROW-TOTAL" in rule_ids(check(report))
    findings = run_checks(report, config=CheckConfig(disabled=frozenset({"T3-ROW-TOTAL", "T3-BALANCE"})))
    assert not {"T3-ROW-TOTAL", "T3-BALANCE"} & rule_ids(findings)


def test_a_broken_rule_becomes_a_notice_unless_strict(monkeypatch) -> None:
    from gongkai.report.checks import registry

    original = RULES["T3-BALANCE"]

    def boom(ctx):
        raise RuntimeError("坏了")

    monkeypatch.setitem(registry.RULES, "T3-BALANCE", original.__class__(**{**original.__dict__, "check": boom}))
    findings = run_checks(consistent_report("2021", 2021))
    assert [f.rule for f in findings] == ["T3-BALANCE"] and findings[0].severity is Severity.NOTICE
    try:
        run_checks(consistent_report("2021", 2021), config=CheckConfig(strict=True))
    except RuntimeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("strict mode must re-raise")


def test_finding_to_dict_is_json_safe() -> None:
    location = FindingLocation("三", "（七）总计", "总计", Location(line=12, page=3), "total", "total")
    finding = Finding("T3-BALANCE", Severity.ERROR, "勾稽关系不成立。", location)
    data = json.loads(json.dumps(finding.to_dict(), ensure_ascii=False))
    assert data["rule"] == "T3-BALANCE" and data["severity"] == "error"
    assert data["location"]["source"] == {"line": 12, "page": 3}
    assert data["location"]["description"] == "表三“（七）总计”行“总计”列（第3页 第12行）"
    assert FindingLocation().describe() == "全文"


def test_agency_level_is_validated() -> None:
    try:
        CheckConfig(agency_level="county")
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError
