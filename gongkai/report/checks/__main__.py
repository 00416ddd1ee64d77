"""``python -m gongkai.report.checks > docs/checks.md`` regenerates the rule documentation."""

from gongkai.report.checks.registry import rules_markdown

print(rules_markdown(), end="")
