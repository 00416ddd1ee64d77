"""The rules a 政府信息公开工作年度报告 is checked against.

``run_checks(report, previous, config)`` returns ``Finding`` objects, each from a rule of
``RULES`` with a stable id (``T3-BALANCE``), a severity and a Chinese explanation. The
rules live in one module per category (arithmetic, blanks, format, identity, narrative,
crossyear, plausibility, publication); ``docs/checks.md`` lists them all.
"""

from gongkai.report.checks.context import CheckConfig, CheckContext
from gongkai.report.checks.findings import Finding, FindingLocation, Severity
from gongkai.report.checks.registry import RULES, Rule, load_rules, rules_markdown
from gongkai.report.checks.runner import run_checks

load_rules()

__all__ = [
    "RULES",
    "CheckConfig",
    "CheckContext",
    "Finding",
    "FindingLocation",
    "Rule",
    "Severity",
    "rules_markdown",
    "run_checks",
]
