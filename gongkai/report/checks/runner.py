"""``run_checks``: every enabled rule over one report, findings in reading order."""

from __future__ import annotations

from gongkai.report.checks.context import CheckConfig, CheckContext
from gongkai.report.checks.findings import Finding, FindingLocation, Severity
from gongkai.report.checks.registry import load_rules
from gongkai.report.model import AnnualReport


def run_checks(
    report: AnnualReport, previous: AnnualReport | None = None, config: CheckConfig | None = None
) -> list[Finding]:
    """Check a report (against last year's, when given).

    Findings come sorted: errors first, then warnings, then notices; within a severity,
    text before tables and tables 二, 三, 四 row by row and column by column.
    """
    config = config or CheckConfig()
    ctx = CheckContext(report, previous, config)
    rules = load_rules()
    order = {rule_id: i for i, rule_id in enumerate(rules)}
    findings: list[Finding] = []
    for rule in rules.values():
        if rule.id in config.disabled:
            continue
        try:
            findings.extend(rule.check(ctx))
        except Exception as exc:
            if config.strict:
                raise
            # One broken rule must not cost the user the other findings.
            message = f"规则 {rule.id} 执行出错，未能完成这项检查：{exc}"
            findings.append(Finding(rule.id, Severity.NOTICE, message, FindingLocation()))
    findings.sort(key=lambda f: (f.severity.rank, ctx.order_key(f.location), order[f.rule]))
    return findings
