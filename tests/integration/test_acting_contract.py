"""The contract between the write side and the read side on who must act (issue 9, part 2).

For every route of every profile (cross-institution routes from both sides) and every step after
the request, the officials the read side shows as waiting (`waitingFor`, and the step in their
`myInbox`) are exactly those the write side accepts for that step. The world: every unit head has
delegated to a deputy of their own (a Plh); one head also to someone whose delegation has ended,
and one to someone whose delegation was revoked; the PPK (an elected official) is named with his
office, never a NIP, so nobody here holds his steps; the rest are bystanders. Every official is a
candidate at every step.

"Accepted by the write side" is asked through the step commands themselves: a command of the
wrong kind for the step is refused WRONG_ACTION only after the actor was found entitled
(application.handlers.assignments: "whose step, first"), and NOT_YOUR_STEP otherwise; nothing is recorded.

Runs on SQLite and PostgreSQL, one world per profile and store.
"""

from datetime import date

import pytest

from application.commands.assignments import AcceptAssignment, ApproveStep, ConfigureOffices
from application.commands.organisation import GrantDelegation, RevokeDelegation
from application.principal import Principal
from domain.errors import Forbidden, InvalidInput
from domain.profile import Action, Scope, list_profiles, load_profile
from infra.bootstrap import build
from projections.assignments.queries import AssignmentQueries
from tests.integration.assignment_walk import ADMIN, open_request, take
from tests.support import build_world, register

ALWAYS = (date(2020, 1, 1), date(2099, 12, 31))
ENDED = (date(2020, 1, 1), date(2021, 12, 31))
PROFILES = list_profiles()


@pytest.fixture(params=PROFILES)
def contract_world(request, settings):
    system = build(settings.model_copy(update={"profile": request.param}))
    app = system.app
    world = build_world(app, ADMIN)
    app.handle(
        ADMIN,
        ConfigureOffices(
            setda_code="SETDA", ppk_name="Kepala Daerah", ppk_office="Bupati", legal_basis="Perbup kewenangan"
        ),
    )
    heads = [
        row["head_nip"]
        for row in system.store.query("SELECT head_nip FROM units ORDER BY code", {})
        if row["head_nip"]
    ]
    for head in heads:  # each role holder's Plh
        deputy = register(app, ADMIN, position_type="PELAKSANA", rank="III/a")
        app.handle(
            ADMIN,
            GrantDelegation(
                grantor_nip=head, delegate_nip=deputy, valid_from=ALWAYS[0], valid_until=ALWAYS[1]
            ),
        )
    ended = register(app, ADMIN, position_type="PELAKSANA", rank="III/a")
    app.handle(
        ADMIN,
        GrantDelegation(
            grantor_nip=world.a.unit_head, delegate_nip=ended, valid_from=ENDED[0], valid_until=ENDED[1]
        ),
    )
    revoked = register(app, ADMIN, position_type="PELAKSANA", rank="III/a")
    grant = app.handle(
        ADMIN,
        GrantDelegation(
            grantor_nip=world.a.subunit_head,
            delegate_nip=revoked,
            valid_from=ALWAYS[0],
            valid_until=ALWAYS[1],
        ),
    ).result["delegation_id"]
    app.handle(
        ADMIN,
        RevokeDelegation(grantor_nip=world.a.subunit_head, delegation_id=grant, reason="Kembali bertugas"),
    )
    candidates = sorted(row["nip"] for row in system.store.query("SELECT nip FROM officials", {}))
    yield system, world, candidates
    system.close()


def accepted_by_write_side(app, a, step: int, nip: str) -> bool:
    probe = ApproveStep if a.steps[step - 1]["action"] == Action.ACCEPT.value else AcceptAssignment
    try:
        app.handle(Principal(nip=nip), probe(assignment_id=str(a.id), step=step))
    except Forbidden as refused:
        assert refused.code == "NOT_YOUR_STEP", refused
        return False
    except InvalidInput as refused:
        assert refused.code == "WRONG_ACTION", refused
        return True
    raise AssertionError(f"step {step} of the wrong kind was taken as {nip}")


def walks(profile: str):
    for route in load_profile(profile).assignment.routes:
        sides = ("OWNING", "OFFICIAL") if route.scope is Scope.CROSS_INSTITUTION else ("OWNING",)
        for side in sides:
            yield route, side


def test_the_read_side_shows_waiting_exactly_whom_the_write_side_accepts(contract_world):
    system, world, candidates = contract_world
    app, q, today = system.app, AssignmentQueries(system.store), date.today()
    grantors = {r["grantor_nip"] for r in system.store.query("SELECT grantor_nip FROM delegations", {})}
    assert {
        world.a.unit_head,
        world.a.subunit_head,
        world.heads["A.U2"],
        world.b.unit_head,
        world.setda.agency_head,
    } <= grantors  # the contract means something only with delegates
    disagreements, compared = [], 0
    for route, side in walks(system.settings.profile):
        a = open_request(app, world, route, side)
        for step in range(2, len(route.steps) + 1):
            aid, version = str(a.id), a.version
            role = route.steps[step - 1].role.value
            write = {nip for nip in candidates if accepted_by_write_side(app, a, step, nip)}
            waiting = {row["nip"] for row in q.waiting_for(aid, today) if row["nip"]}
            inbox = {
                nip: row
                for nip in candidates
                for row in q.inbox(nip, today, limit=10_000)
                if row["id"] == aid
            }
            assert app.repo.assignment(aid).version == version  # the probes recorded nothing
            where = f"{route.mode.value}-{route.scope.value}-{side} step {step} {role}"
            if not write == waiting == set(inbox):
                disagreements.append(
                    f"{where}: write {sorted(write)}, waitingFor {sorted(waiting)}, myInbox {sorted(inbox)}"
                )
            for nip in write & set(inbox):  # and in the capacity the write side would record
                capacity = app.roles.capacity_for(nip, a, step, role, today)
                if (inbox[nip]["via"], inbox[nip]["delegated_by"]) != (capacity.kind, capacity.delegated_by):
                    disagreements.append(f"{where}: {nip} acts as {capacity}, myInbox: {inbox[nip]['via']}")
            compared += 1
            a = take(app, world, a, step)
        assert a.status == "ACTIVE"
    assert compared > 0
    assert disagreements == []
