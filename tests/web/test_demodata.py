"""Demo data: loads through the real actions, once, in every state, and the logins work."""

from __future__ import annotations

import sys
import types
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db.models import Count

from gongkai.agencies.creditcode import is_valid
from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import agencies_visible_to, can_approve, can_handle, can_supervise
from gongkai.casework.lifecycle import EventKind, State
from gongkai.casework.models import Application, ApplicationEvent, ReceiptCounter
from gongkai.casework.services import clock_for
from gongkai.demodata import DEMO_LOGINS, LOADERS, describe_login, load_demo
from gongkai.demodata.agencies import AGENCIES, demo_agencies
from gongkai.statute.outcomes import Outcome
from tests.conftest import SEED

pytestmark = pytest.mark.django_db


def quiet(_: str) -> None:
    pass


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # The default PBKDF2 takes a second per demo user on this machine; what is tested here is
    # that the right password is set, not how it is hashed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def snapshot() -> dict[str, Any]:
    return {
        "agencies": Agency.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": sorted(Membership.objects.values_list("user__username", "agency__name", "role")),
        "applications": sorted(Application.objects.values_list("receipt_number", "state", "outcome")),
        "events": ApplicationEvent.objects.count(),
    }


MINE = ("gongkai.demodata.agencies", "gongkai.demodata.casework")


@pytest.fixture
def demo(monkeypatch: Any) -> Any:
    # Agencies and casework only: the other apps' loaders add records of their own (the annual
    # demo adds real applications behind its reports); the whole registry is tested below.
    monkeypatch.setattr("gongkai.demodata.LOADERS", MINE)
    return load_demo(note=quiet)


def test_loads_once_however_often_it_runs(demo):
    first = snapshot()
    assert first["agencies"] == len(AGENCIES) and first["applications"]
    second_summary = load_demo(note=quiet)
    assert snapshot() == first
    assert second_summary.applications == demo.applications == len(first["applications"])


def test_every_state_and_story_is_present(demo):
    apps = Application.objects.all()
    assert apps.exists() and not apps.filter(is_sample=False).exists()
    assert {a.state for a in apps} == {s.value for s in State}
    kinds = Counter(ApplicationEvent.objects.values_list("kind", flat=True))
    assert set(kinds) == {k.value for k in EventKind}
    # Supplemented and extended cases still open, not only closed ones.
    open_kinds = set(ApplicationEvent.objects.filter(application__state=State.PROCESSING.value)
                     .values_list("kind", flat=True))
    assert {EventKind.SUPPLEMENT_RECEIVED.value, EventKind.EXTENSION_APPROVED.value} <= open_kinds
    outcomes = set(apps.exclude(outcome="").values_list("outcome", flat=True))
    assert {Outcome.OTHER.value, Outcome.OTHER_NO_SUPPLEMENT.value, Outcome.OTHER_FEE_UNPAID.value,
            Outcome.DISCLOSED.value, Outcome.PARTIAL.value} <= outcomes
    assert len(outcomes) >= 10
    assert ApplicationEvent.objects.filter(kind=EventKind.DECIDED.value, details__separated=True).exists()
    years = set(apps.values_list("year", flat=True))
    assert len(years) == 2 and max(years) - min(years) == 1
    assert set(apps.values_list("applicant_kind", flat=True)) >= {"natural", "commercial", "research",
                                                                  "public_interest", "legal_services", "other_org"}


def test_cached_state_equals_the_replayed_events(demo):
    for app in Application.objects.prefetch_related("events"):
        status = app.replay()
        assert (status.state.value, status.outcome.value if status.outcome else "", status.decided_on) == (
            app.state, app.outcome, app.decided_on), app.receipt_number


def test_some_overdue_and_some_due_soon_today(demo):
    clocks = [clock_for(a) for a in Application.objects.open()]
    assert any(c.overdue for c in clocks)
    assert any(c.due and not c.overdue and c.days_left <= 3 for c in clocks)
    assert any(c.due is None for c in clocks)  # waiting for a 补正


def test_receipt_numbers_follow_the_receipt_dates_without_gaps(demo):
    for counter in ReceiptCounter.objects.all():
        rows = list(Application.objects.filter(agency=counter.agency, year=counter.year)
                    .order_by("sequence").values_list("sequence", "received_on"))
        assert [n for n, _ in rows] == list(range(1, counter.last + 1))
        assert [d for _, d in rows] == sorted(d for _, d in rows)


def test_agencies_region_codes_and_the_example_agency(demo):
    agencies = demo_agencies()
    government = agencies["zhangdian"]
    assert government.level == Agency.Level.GOVERNMENT and government.parent is None
    assert all(a.parent_id == government.pk for key, a in agencies.items() if key != "zhangdian")
    assert all(is_valid(a.credit_code) for a in agencies.values())
    assert len({a.credit_code for a in agencies.values()}) == len(agencies)
    canlian = agencies["canlian"]
    assert canlian.name == "淄博市张店区残疾人联合会"
    assert not Application.objects.filter(agency=canlian).exists()  # its 2021 report has none
    seed = SEED.read_text(encoding="utf-8")
    for value in (canlian.office_address, canlian.phone, canlian.email, canlian.postcode, canlian.website):
        assert value and value in seed
    for agency in agencies.values():
        assert agency.phone and agency.office_address and agency.disclosure_office


def test_logins_authenticate_with_their_roles(demo):
    agencies = demo_agencies()
    for login in DEMO_LOGINS:
        user = authenticate(username=login.username, password=login.password)
        assert user is not None, login.username
        assert describe_login(login).startswith(login.username)
        if login.superuser:
            assert user.is_superuser and user.is_staff
        else:
            assert Membership.objects.filter(user=user, agency=agencies[login.agency], role=login.role).exists()
    users = {u.username: u for u in get_user_model().objects.all()}
    jiaoti = agencies["jiaoti"]
    assert can_handle(users["jingban"], jiaoti) and not can_approve(users["jingban"], jiaoti)
    assert can_approve(users["shenhe"], jiaoti)
    assert not can_handle(users["chakan"], jiaoti)
    assert all(can_supervise(users["jiandu"], a) for a in agencies.values())
    assert set(agencies_visible_to(users["jiandu"])) == set(agencies.values())
    assert can_handle(users["quzf"], agencies["zhangdian"]) and not can_handle(users["quzf"], jiaoti)


def test_handlers_of_the_busy_agencies_have_cases(demo):
    per_agency = dict(Application.objects.values_list("agency__name").annotate(n=Count("pk")))
    agencies = demo_agencies()
    assert per_agency[agencies["jiaoti"].name] >= 10 and per_agency[agencies["zhangdian"].name] >= 5


def test_reset_restores_passwords_roles_and_contacts_and_renumbers(demo):
    User = get_user_model()
    officer = User.objects.get(username="jingban")
    officer.set_password("changed")
    officer.is_active = False
    officer.save()
    Membership.objects.filter(user__username="shenhe").delete()
    canlian = demo_agencies()["canlian"]
    canlian.phone = "0533-0000000"
    canlian.save()
    before = snapshot()["applications"]

    load_demo(reset=True, note=quiet)
    assert authenticate(username="jingban", password="jingban-demo") is not None
    assert Membership.objects.filter(user__username="shenhe", role="approver").exists()
    assert demo_agencies()["canlian"].phone == "0533-2212161"
    after = snapshot()["applications"]
    assert len(after) == len(before)
    # The old samples are gone and the new ones are numbered from 1 again.
    assert Application.objects.filter(sequence=1).count() == ReceiptCounter.objects.count()


def test_the_whole_registry_loads_twice_resets_and_stays_consistent():
    first = load_demo(note=quiet)
    assert first.loaded[:2] == list(MINE)
    assert sorted(first.loaded + first.skipped) == sorted(LOADERS)
    before = snapshot()
    load_demo(note=quiet)
    assert snapshot() == before
    load_demo(reset=True, note=quiet)
    assert snapshot()["events"] == before["events"]
    for app in Application.objects.prefetch_related("events"):
        status = app.replay()
        assert (status.state.value, status.outcome.value if status.outcome else "", status.decided_on) == (
            app.state, app.outcome, app.decided_on), app.receipt_number
    assert not Application.objects.filter(agency=demo_agencies()["canlian"]).exists()
    for login in DEMO_LOGINS:
        assert authenticate(username=login.username, password=login.password) is not None


def test_loader_registry_order_and_missing_modules(monkeypatch):
    assert LOADERS[:2] == ("gongkai.demodata.agencies", "gongkai.demodata.casework")
    assert LOADERS[2:] == ("gongkai.demodata.publishing", "gongkai.demodata.appeals", "gongkai.demodata.annual")
    notes: list[str] = []
    monkeypatch.setattr("gongkai.demodata.LOADERS", ("gongkai.demodata.agencies", "gongkai.demodata.no_such_loader"))
    summary = load_demo(note=notes.append)
    assert summary.skipped == ["gongkai.demodata.no_such_loader"]
    assert summary.loaded == ["gongkai.demodata.agencies"]
    assert notes == ["演示数据：gongkai.demodata.no_such_loader 尚未提供，跳过。"]
    assert summary.applications == 0 and summary.agencies == len(AGENCIES)


def test_a_broken_loader_propagates_and_saves_nothing(monkeypatch, tmp_path):
    failing = types.ModuleType("h3_failing_loader")

    def load() -> None:
        Agency.objects.create(name="不应保存的机构")
        raise RuntimeError("loader bug")

    failing.load = load  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "h3_failing_loader", failing)
    monkeypatch.setattr("gongkai.demodata.LOADERS", ("gongkai.demodata.agencies", "h3_failing_loader"))
    with pytest.raises(RuntimeError, match="loader bug"):
        load_demo(note=quiet)
    assert not Agency.objects.exists()

    # A loader that exists but imports something missing is a bug, not "not written yet".
    (tmp_path / "h3_broken_import.py").write_text("import h3_no_such_dependency\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr("gongkai.demodata.LOADERS", ("h3_broken_import",))
    with pytest.raises(ModuleNotFoundError, match="h3_no_such_dependency"):
        load_demo(note=quiet)
