"""Native cross-tenant routes through the application and the relay (issue 13 part 4, ADR 0010):
Banjarnegara requests an official of Pemalang; each side takes its own steps under its own
regulation, each step reaches the other tenant as its event, exactly once, and both hash chains
still verify. On both stores."""

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest
from typer.testing import CliRunner

from application.commands.assignments import (
    ApproveStep,
    RecordExternalStep,
    RejectStep,
    RequestAssignment,
    WithdrawAssignment,
)
from application.principal import Principal
from domain.crossing import native_route
from domain.errors import Forbidden, InvalidInput
from domain.profile import Mode, load_profile
from infra.audit.store import reading
from infra.audit.verify import verify_chain
from infra.bootstrap import build
from infra.cli import app as cli
from infra.crossing.relay import Relay
from infra.settings import Settings
from projections.assignments.queries import AssignmentQueries
from tests.integration.assignment_walk import ADMIN, LETTER, decided, rightful_actor, take
from tests.integration.crossing_platform import platform


@pytest.fixture(params=["sqlite", "postgres"])
def world(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'platform.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    with platform(url) as made:
        yield made


def _opened(p):
    """Banjarnegara's unit head requests, its PyB approves; both steps relayed to Pemalang."""
    a = decided(p.bn_app, p.requester, p.request())
    a = take(p.bn_app, p.bn_world, a, 2)
    return a


def _events(app, assignment_id: str):
    return app.recorder.select_events(app.repo.assignment(assignment_id).id)


def test_each_side_takes_its_own_steps_and_the_other_records_them_as_events(world):
    p, relay = world, Relay(world.tenants, only=world.ids)
    a = _opened(p)
    assert relay.once() == 2  # the request, and the PyB's approval
    mirror = p.pm_app.repo.assignment(str(a.id))
    assert (mirror.tenant_side, mirror.counterpart["tenant"], mirror.done) == ("OFFICIAL", p.bn.id, 2)
    assert mirror.counterpart["government"] == p.bn.government
    assert mirror.official_unit == p.pm_world.a.subunit  # the unit Banjarnegara named, in Pemalang
    # One route on both sides: Banjarnegara's steps under its Perbup, Pemalang's under its own.
    both = native_route(load_profile("banjarnegara-2024"), load_profile("pemalang-2023"), Mode.APPOINTMENT)
    assert mirror.steps == a.steps == both["steps"]
    assert [s["citation"].split()[0] for s in a.steps] == ["banjarnegara-2024"] * 2 + ["pemalang-2023"] * 5
    for step in range(3, 8):  # Pemalang's officials, in Pemalang
        mirror = take(p.pm_app, p.pm_world, mirror, step)
        assert relay.once() == 1
    a = p.bn_app.repo.assignment(str(a.id))
    assert (a.status, mirror.status) == ("ACTIVE", "ACTIVE")
    assert a.letter["number"] == mirror.letter["number"]
    assert a.officials == mirror.officials and a.accepted == mirror.accepted
    assert relay.once() == 0  # nothing new, nothing twice
    # Each side's record of the other's step names the other's event by chain position and hash.
    for app, other in ((p.bn_app, p.pm_app), (p.pm_app, p.bn_app)):
        for event in _events(app, str(a.id)):
            decision = app.mapper.to_domain_event(event).decision
            if decision["capacity"]["kind"] != "OTHER_TENANT":
                continue
            ref = decision["other_tenant_event"]
            with reading(other.recorder) as tables:
                row = tables.chain_after(ref["position"] - 1, 1)[0]
                original = tables.events_after(row.notification_id - 1, 1)[0]
            assert (row.seq, row.hash.hex()) == (ref["position"], ref["hash"])
            assert UUID(original.originator_id) == a.id
    own = {app: {e.originator_version: e for e in _events(app, str(a.id))} for app in (p.bn_app, p.pm_app)}
    kinds = {
        app: [app.mapper.to_domain_event(e).decision["capacity"]["kind"] for e in own[app].values()]
        for app in own
    }
    assert kinds[p.bn_app].count("OTHER_TENANT") == 5 and kinds[p.pm_app].count("OTHER_TENANT") == 2
    for app in (p.bn_app, p.pm_app):
        assert verify_chain(app.recorder, None).ok
    # Contract: the step records (read side) name the same events as the decisions (write side).
    for tenant, app in ((p.bn, p.bn_app), (p.pm, p.pm_app)):
        read = AssignmentQueries(p.tenants.system(tenant.id).store).history(str(a.id))
        written = [
            app.mapper.to_domain_event(e).decision.get("other_tenant_event") for e in _events(app, str(a.id))
        ]
        assert [
            {k: r[f"other_{k}"] for k in ("tenant", "government", "position", "hash")}
            if r["other_tenant"]
            else None
            for r in read
        ] == written


def test_a_refusal_on_the_other_side_ends_the_request_on_both(world):
    p, relay = world, Relay(world.tenants, only=world.ids)
    a = _opened(p)
    relay.once()
    pyb = rightful_actor(p.pm_app, p.pm_app.repo.assignment(str(a.id)), 3)
    decided(
        p.pm_app, pyb, RejectStep(assignment_id=str(a.id), step=3, reason="Tidak ada pegawai yang sesuai")
    )
    assert relay.once() == 1
    a = p.bn_app.repo.assignment(str(a.id))
    assert a.status == "REJECTED"
    last = p.bn_app.mapper.to_domain_event(_events(p.bn_app, str(a.id))[-1])
    assert last.decision["reason"] == "Tidak ada pegawai yang sesuai"
    assert last.decision["actor_nip"] == pyb.nip and last.decision["legal_basis"].startswith("pemalang-2023")


def test_a_delivery_repeated_after_a_crash_records_nothing_twice(world, monkeypatch):
    p = world
    a = _opened(p)
    registry = p.tenants.registry
    moved = registry.move_crossing_cursor

    def crash(tenant_id, position):
        raise RuntimeError("the relay died before its cursor moved")

    monkeypatch.setattr(registry, "move_crossing_cursor", crash)
    Relay(p.tenants, only=p.ids).once()  # logged: both delivered, the cursor stayed where it was
    assert registry.crossing_cursor(p.bn.id) == 0
    assert p.pm_app.repo.assignment(str(a.id)).done == 2
    monkeypatch.setattr(registry, "move_crossing_cursor", moved)
    stored = p.pm_app.recorder.max_notification_id()
    # Both handed over again, each answered from the inbox as it was the first time: nothing stored.
    assert Relay(p.tenants, only=p.ids).once() == 2
    assert p.pm_app.recorder.max_notification_id() == stored
    assert len(_events(p.pm_app, str(a.id))) == 2  # Requested and the PyB's approval, once each
    assert registry.crossing_cursor(p.bn.id) > 0
    assert Relay(p.tenants, only=p.ids).once() == 0


def test_the_other_sides_steps_are_taken_only_in_the_other_tenant(world):
    p, relay = world, Relay(world.tenants, only=world.ids)
    a = decided(p.bn_app, p.requester, p.request())
    relay.once()
    key = str(a.id)
    with pytest.raises(Forbidden) as record:  # Pemalang's administrator cannot type in step 2
        p.pm_app.handle(ADMIN, RecordExternalStep(assignment_id=key, step=2, approved=True, letter=LETTER))
    assert record.value.code == "TAKEN_IN_OTHER_TENANT" and record.value.details["tenant"] == p.bn.id
    a = take(p.bn_app, p.bn_world, a, 2)
    relay.once()
    with pytest.raises(Forbidden) as record:  # nor Banjarnegara's, step 3
        p.bn_app.handle(ADMIN, RecordExternalStep(assignment_id=key, step=3, approved=True, letter=LETTER))
    assert record.value.code == "TAKEN_IN_OTHER_TENANT" and record.value.details["tenant"] == p.pm.id
    sekda = Principal(nip=p.bn_world.heads["SETDA"])  # Banjarnegara's PyB is not Pemalang's
    with pytest.raises(Forbidden) as step:
        p.bn_app.handle(sekda, ApproveStep(assignment_id=key, step=3))
    assert step.value.code == "NOT_YOUR_STEP" and "own tenant" in step.value.message("en")


def test_a_native_request_is_opened_only_where_its_first_step_is_taken(world):
    """Banjarnegara asks for one of Pemalang's officials: Pemalang cannot open it on its behalf."""
    p = world
    theirs = replace(
        p.request(tenant=p.bn.id, tenant_side="OFFICIAL"),
        owning_unit_code=None,
        criteria=None,
        official_nips=[p.pm_world.official],
        external_letter=LETTER,
    )
    with pytest.raises(Forbidden) as refused:
        p.pm_app.handle(ADMIN, theirs)
    assert refused.value.code == "TAKEN_IN_OTHER_TENANT" and refused.value.details["step"] == 1


def test_a_request_withdrawn_by_its_requester_is_withdrawn_in_the_other_tenant(world):
    p, relay = world, Relay(world.tenants, only=world.ids)
    a = decided(p.bn_app, p.requester, p.request())
    relay.once()
    withdraw = WithdrawAssignment(assignment_id=str(a.id), reason="Kegiatan dibatalkan")
    with pytest.raises(Forbidden) as there:  # the requester's NIP in Pemalang's tenant: not there
        p.pm_app.handle(p.requester, withdraw)
    assert there.value.code == "TAKEN_IN_OTHER_TENANT"
    decided(p.bn_app, p.requester, withdraw)
    assert relay.once() == 1
    mirror = p.pm_app.repo.assignment(str(a.id))
    assert mirror.status == "WITHDRAWN"


@pytest.mark.parametrize(
    ("counterpart", "code", "case"),
    [
        ({"tenant": "self"}, "COUNTERPART_TENANT_INVALID", "self"),
        ({"tenant": "nowhere"}, "COUNTERPART_TENANT_INVALID", "unknown"),
        ({"tenant": "disabled"}, "COUNTERPART_TENANT_INVALID", "disabled"),
        ({"unit": "NO.SUCH.UNIT"}, "COUNTERPART_UNIT_NOT_FOUND", None),
    ],
)
def test_a_request_naming_a_tenant_it_cannot_cross_to_is_refused_and_records_nothing(
    world, counterpart, code, case
):
    p = world
    if counterpart.get("tenant") == "self":
        counterpart = {"tenant": p.bn.id}
    if counterpart.get("tenant") == "disabled":
        p.tenants.registry.set_status(p.pm.id, "disabled")
        counterpart = {"tenant": p.pm.id}
    before = p.bn_app.recorder.max_notification_id()
    with pytest.raises(InvalidInput) as refused:
        p.bn_app.handle(p.requester, p.request(**counterpart))
    assert refused.value.code == code and refused.value.details.get("case") == case
    assert p.bn_app.recorder.max_notification_id() == before


def test_with_one_tenant_a_request_naming_a_tenant_is_refused(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'one.db'}", profile="banjarnegara-2024")
    system = build(settings)
    request = RequestAssignment(
        mode="APPOINTMENT",
        scope="CROSS_INSTITUTION",
        owning_unit_code="A",
        work="Penyusunan peta stunting",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 2, 1),
        counterpart={"government": "Pemalang", "tenant_side": "OWNING", "tenant": "pemalang"},
    )
    try:
        with pytest.raises(InvalidInput) as refused:
            system.app.handle(ADMIN, request)
        assert (refused.value.code, refused.value.details["case"]) == (
            "COUNTERPART_TENANT_INVALID",
            "one_tenant",
        )
    finally:
        system.close()


def test_the_operators_command_relays_every_tenant_once(tmp_path, monkeypatch):
    with platform(f"sqlite:///{tmp_path / 'platform.db'}") as p:
        a = _opened(p)
        monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", p.settings.database_url)
        monkeypatch.setenv("SISTEMKERJA_MULTI_TENANT", "true")
        only = [arg for tenant in p.ids for arg in ("--tenant", tenant)]
        ran = CliRunner().invoke(cli, ["crossing", "relay", "--once", *only])
        assert ran.exit_code == 0, ran.output
        assert "2 event(s) delivered" in ran.output
        assert p.pm_app.repo.assignment(str(a.id)).done == 2
        again = CliRunner().invoke(cli, ["crossing", "relay", "--once", *only])
        assert "0 event(s) delivered" in again.output
