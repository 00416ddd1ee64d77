"""Demo data for ``make demo``: the agencies of 张店区, demo logins, and each app's sample records.

Not a Django app (no models): a registry of loader modules, run in order by ``load_demo``.
A loader module has ``load() -> None``, which creates its demo data if missing and is safe to
run again, and may have ``reset() -> None``, which removes (or restores) its demo data so that
the next ``load`` starts afresh. Modules later in the list may rely on the earlier ones (all
build on the agencies and users). ``reset`` runs in reverse order before the loads, so records
that point at earlier ones are removed first.

Modules not written yet are skipped with a note; any other error propagates, and the whole
load is one transaction, so a failure leaves the database as it was.

``python -m gongkai.demodata [--reset]`` reloads the demo data into the configured database.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from gongkai.demodata.logins import DEMO_LOGINS, DEMO_URLS, DemoLogin, demo_urls

__all__ = ["DEMO_LOGINS", "DEMO_URLS", "LOADERS", "DemoLogin", "DemoSummary", "demo_urls", "describe_login",
           "load_demo"]

LOADERS: tuple[str, ...] = (
    "gongkai.demodata.agencies",
    "gongkai.demodata.casework",
    "gongkai.demodata.publishing",
    "gongkai.demodata.appeals",
    "gongkai.demodata.annual",
)


@dataclass
class DemoSummary:
    loaded: list[str] = field(default_factory=list)  # loader modules that ran
    skipped: list[str] = field(default_factory=list)  # loader modules not there yet
    agencies: int = 0
    users: int = 0
    applications: int = 0
    states: dict[str, int] = field(default_factory=dict)  # Chinese state label → sample applications

    def lines(self) -> list[str]:
        states = "，".join(f"{label} {n}" for label, n in self.states.items())
        return [
            f"演示机构 {self.agencies} 个，演示用户 {self.users} 个。",
            f"演示申请 {self.applications} 件（{states}）。" if self.applications else "演示申请 0 件。",
        ]


def _import(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        # Only the loader's own absence means "not written yet"; a missing import inside it is a bug.
        if exc.name != name:
            raise
        return None


def load_demo(reset: bool = False, *, note: Callable[[str], None] = print) -> DemoSummary:
    """Load every registered module's demo data (once; ``reset`` to start afresh)."""
    from django.db import transaction

    summary = DemoSummary()
    modules: list[ModuleType] = []
    for name in LOADERS:
        module = _import(name)
        if module is None:
            summary.skipped.append(name)
            note(f"演示数据：{name} 尚未提供，跳过。")
        else:
            modules.append(module)
    with transaction.atomic():
        if reset:
            for module in reversed(modules):
                if hasattr(module, "reset"):
                    module.reset()
        for module in modules:
            module.load()
            summary.loaded.append(module.__name__)
    _count(summary)
    return summary


def _count(summary: DemoSummary) -> None:
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from gongkai.casework.lifecycle import STATE_LABELS
    from gongkai.casework.models import Application
    from gongkai.demodata.agencies import demo_agencies

    agencies = demo_agencies()
    summary.agencies = len(agencies)
    summary.users = get_user_model().objects.filter(username__in=[x.username for x in DEMO_LOGINS]).count()
    rows = (
        Application.objects.filter(agency__in=agencies.values(), is_sample=True)
        .values("state").annotate(n=Count("pk")).order_by()
    )
    counts = {row["state"]: row["n"] for row in rows}
    summary.states = {label: counts[state.value] for state, label in STATE_LABELS.items() if counts.get(state.value)}
    summary.applications = sum(counts.values())


def describe_login(login: DemoLogin) -> str:
    """One printed line: user name, password, role and agency, in Chinese."""
    from gongkai.agencies.models import Membership
    from gongkai.demodata.agencies import AGENCY_NAMES

    if login.superuser:
        role = "系统管理员（超级用户）"
    else:
        role = f"{Membership.Role(login.role).label} · {AGENCY_NAMES[login.agency]}"
    return f"{login.username:<8} 密码 {login.password:<13} {login.full_name}　{role}（{login.note}）"
