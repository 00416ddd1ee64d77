"""The rule registry: every rule with its stable id, severity and Chinese explanation.

Rule modules declare their rules with ``@rule(...)``. A rule function takes the
``CheckContext`` and yields ``Issue(message, location)`` pairs; the registry turns them
into ``Finding`` objects carrying the rule's id and severity, so that a rule never
repeats (or mistypes) its own id.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from gongkai.report.checks.findings import Finding, FindingLocation, Severity

if TYPE_CHECKING:
    from gongkai.report.checks.context import CheckContext

# Category ids, in the order the documentation lists them, with their Chinese names.
CATEGORIES: dict[str, str] = {
    "arithmetic": "表格算术",
    "blank": "空白单元格",
    "format": "格式与版本",
    "identity": "机关名称与年份",
    "narrative": "正文与表格一致",
    "cross-year": "跨年度衔接",
    "plausibility": "合理性",
    "publication": "公开时限",
}

# The modules that hold the rules, imported once so that ``RULES`` is complete.
RULE_MODULES = (
    "arithmetic",
    "blanks",
    "format",
    "identity",
    "narrative",
    "crossyear",
    "plausibility",
    "publication",
)


class Issue(NamedTuple):
    """What a rule function yields: the message and where it points."""

    message: str
    location: FindingLocation


IssueFunction = Callable[["CheckContext"], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    explanation: str
    category: str
    source: str
    check: Callable[[CheckContext], Iterable[Finding]]


RULES: dict[str, Rule] = {}


def rule(
    id: str,
    severity: Severity,
    title: str,
    explanation: str,
    category: str,
    source: str,
) -> Callable[[IssueFunction], IssueFunction]:
    """Register a rule function under a stable id."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown rule category {category!r}")

    def register(function: IssueFunction) -> IssueFunction:
        if id in RULES:
            raise ValueError(f"duplicate rule id {id!r}")

        def check(ctx: CheckContext) -> Iterator[Finding]:
            for message, location in function(ctx):
                yield Finding(id, severity, message, location)

        RULES[id] = Rule(id, severity, title, explanation, category, source, check)
        return function

    return register


def load_rules() -> dict[str, Rule]:
    """Import every rule module (idempotent) and return the registry."""
    for name in RULE_MODULES:
        importlib.import_module(f"gongkai.report.checks.{name}")
    return RULES


def rules_markdown() -> str:
    """docs/checks.md: every rule, grouped by category. A test keeps the file equal to this."""
    rules = load_rules()
    lines = [
        "# 年度报告检查规则",
        "",
        "本文件由 `gongkai.report.checks.registry.rules_markdown()` 生成，请勿手工编辑；"
        "重新生成：`.venv/bin/python -m gongkai.report.checks > docs/checks.md`。",
        "",
        "级别：错误（error）表示报告有误；警告（warning）表示很可能有误，或违反推导出的（非法定）规则；"
        "提示（notice）表示值得复核。",
        "",
    ]
    for category, name in CATEGORIES.items():
        members = [r for r in rules.values() if r.category == category]
        if not members:
            continue
        lines += [f"## {name}（{category}）", "", "| 编号 | 级别 | 名称 | 说明 | 依据 |", "|---|---|---|---|---|"]
        for r in members:
            cells = (f"`{r.id}`", f"{r.severity.label}（{r.severity.value}）", r.title, r.explanation, r.source)
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)
