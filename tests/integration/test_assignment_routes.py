"""Every route of every profile, walked through the application — generated from the profile
data so the tests follow it, asserting what each step really does.

For each profile and each mode x scope it allows: the happy path to an active assignment; at
each step after the request, a wrong actor (refused, naming whose step it is), a refusal without
a reason (refused, nothing recorded) and a refusal with one (ends the request); and every mode x
scope it does not allow, refused with the regulation's reason and article. Test ids name the
article of the route or step.

Store: these exhaustive walks run on SQLite only (a world per profile is built once and copied
per test), to keep `make test` short; tests/integration/test_assignment.py runs a
representative route, the race and the idempotency behaviours on SQLite and PostgreSQL.
"""

import re
from datetime import date

import pytest

from application.commands.assignments import (
    AcceptAssignment,
    ApproveStep,
    DesignateUnit,
    IssueLetter,
    NameOfficials,
    RequestAssignment,
)
from application.principal import Principal
from domain.errors import Forbidden, InvalidInput
from domain.profile import Mode, Scope, cite, list_profiles, load_profile
from projections.assignments.queries import AssignmentQueries
from tests.integration.assignment_walk import (
    REQUEST_LETTER,
    decided,
    is_external,
    open_request,
    reject,
    take,
    walk_to,
    world_system,
)

ROUTES = [
    pytest.param(p, r, id=f"{p}-{r.mode.value}-{r.scope.value}-{r.citation}")
    for p in list_profiles()
    for r in load_profile(p).assignment.routes
]
STEPS = [
    pytest.param(p, r, n, id=f"{p}-{r.mode.value}-{r.scope.value}-step{n}-{s.action.value}-{s.citation}")
    for p in list_profiles()
    for r in load_profile(p).assignment.routes
    for n, s in enumerate(r.steps, start=1)
    if n > 1
]
REFUSED = [
    pytest.param(p, x, id=f"{p}-{x.mode.value}-{x.scope.value}-{x.citation}")
    for p in list_profiles()
    for x in load_profile(p).assignment.refused
]
SIDES = [
    pytest.param(p, r, side, id=f"{p}-{r.mode.value}-{r.scope.value}-tenant-{side}-{r.citation}")
    for p in list_profiles()
    for r in load_profile(p).assignment.routes
    for side in ("OWNING", "OFFICIAL")
    if r.scope is Scope.CROSS_INSTITUTION
]


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("worlds")


@pytest.fixture
def world(tmp_path, template_dir, request):
    profile = request.node.callspec.params["profile"]
    system, built = world_system(tmp_path, template_dir, profile)
    yield system, built
    system.close()


def walk_all(system, world, route, tenant_side="OWNING"):
    app = system.app
    a = open_request(app, world, route, tenant_side)
    for n in range(2, len(route.steps) + 1):
        assert a.current[0] == n
        a = take(app, world, a, n)
    return a


@pytest.mark.parametrize(("profile", "route"), ROUTES)
def test_happy_path_ends_in_an_active_assignment_with_every_step_cited(world, profile, route):
    system, w = world
    a = walk_all(system, w, route)
    profile_data = load_profile(profile)
    assert a.status == "ACTIVE"
    history = AssignmentQueries(system.store).history(str(a.id))
    taken = [row for row in history if row["step"] is not None]
    by_step = {row["step"]: row for row in taken}
    for n, step in enumerate(route.steps, start=1):
        assert by_step[n]["legal_basis"] == cite(profile_data, step.citation)
        assert by_step[n]["role"] == step.role.value
        expected_kind = "EXTERNAL_LETTER" if is_external(system.app, a, step.role.value) else None
        if expected_kind:
            assert by_step[n]["capacity_kind"] == expected_kind
            assert by_step[n]["letter_reference"]
        else:
            assert by_step[n]["capacity_kind"] in ("POSITION", "SELF")
    events = [system.app.mapper.to_domain_event(e) for e in system.app.recorder.select_events(a.id)]
    decisions = {getattr(e, "step", 1): e.decision for e in events}
    for n, step in enumerate(route.steps, start=1):  # a step sent "dengan tembusan" records to whom
        assert [c["role"] for c in decisions[n].get("copies", [])] == [c.value for c in step.copies]
    if not is_external(system.app, a, route.letter_step.role.value):
        assert re.fullmatch(r"1/ST/[A-Z0-9.]+/I/2025", a.letter["number"])
    assert [c["role"] for c in a.letter["copies"]] == [c.value for c in route.letter.copies]
    row = AssignmentQueries(system.store).assignment(str(a.id))
    assert (row["status"], row["open_step"]) == ("ACTIVE", None)


@pytest.mark.parametrize(("profile", "route", "tenant_side"), SIDES)
def test_cross_institution_walks_from_either_side(world, profile, route, tenant_side):
    system, w = world
    a = walk_all(system, w, route, tenant_side)
    assert a.status == "ACTIVE"
    assert a.counterpart["tenant_side"] == tenant_side


@pytest.mark.parametrize(("profile", "route", "step"), STEPS)
def test_each_step_refuses_a_wrong_actor_and_a_reasonless_refusal_then_ends_on_a_reasoned_one(
    world, profile, route, step
):
    system, w = world
    app = system.app
    a = walk_to(app, w, route, step)
    spec = a.steps[step - 1]
    version = a.version
    for intruder in {w.bystander, a.requester_nip} - {h.nip for h in app.roles.holders(a, spec["role"])}:
        with pytest.raises(Forbidden) as refused:
            take_as(app, w, a, step, Principal(nip=intruder))
        assert refused.value.code == "NOT_YOUR_STEP" and refused.value.details["role"] == spec["role"]
        for holder in app.roles.holders(a, spec["role"]):
            assert holder.nip in refused.value.message_en
    if spec["action"] == "ACCEPT" and app.profile.common.acceptance_is_a_duty:  # issue 10 item 1
        with pytest.raises(InvalidInput) as duty:
            reject(app, a, step, "Pegawai sedang menyelesaikan audit kinerja")
        assert duty.value.code == "ACCEPTANCE_IS_A_DUTY" and spec["citation"] in duty.value.legal_basis
        assert app.repo.assignment(a.id).version == version  # nothing recorded
        return
    with pytest.raises(InvalidInput) as empty:
        reject(app, a, step, "   ")
    assert empty.value.code == "REQUIRED"
    assert app.repo.assignment(a.id).version == version  # nothing recorded
    a = reject(app, a, step, "Pegawai sedang menyelesaikan audit kinerja")
    assert a.status == "REJECTED" and a.current is None
    last = AssignmentQueries(system.store).history(str(a.id))[-1]
    assert (last["outcome"], last["step"], last["reason"]) == (
        "REJECTED",
        step,
        "Pegawai sedang menyelesaikan audit kinerja",
    )
    assert last["legal_basis"] == spec["citation"]
    assert AssignmentQueries(system.store).assignment(str(a.id))["status"] == "REJECTED"


def take_as(app, w, a, step, actor):
    action = a.steps[step - 1]["action"]
    key = str(a.id)
    if a.steps[step - 1].get("designates_unit"):
        return app.handle(actor, DesignateUnit(assignment_id=key, step=step, unit_code=w.a.unit))
    if action in ("APPROVE", "RECOMMEND", "PROPOSE"):
        return app.handle(actor, ApproveStep(assignment_id=key, step=step))
    if action == "NAME_OFFICIALS":
        return app.handle(actor, NameOfficials(assignment_id=key, step=step, nips=[w.official]))
    if action in ("ISSUE_LETTER", "FIX"):
        return app.handle(actor, IssueLetter(assignment_id=key, step=step))
    return app.handle(actor, AcceptAssignment(assignment_id=key, step=step))


@pytest.mark.parametrize(("profile", "refusal"), REFUSED)
def test_a_route_the_regulation_does_not_allow_is_refused_with_its_reason(world, profile, refusal):
    system, w = world
    with pytest.raises(InvalidInput) as refused:
        system.app.handle(
            Principal(nip=w.official if refusal.mode.value == "VOLUNTARY" else w.a.unit_head),
            RequestAssignment(
                mode=refusal.mode.value,
                scope=refusal.scope.value,
                owning_unit_code=w.a_u2,
                work="x",
                period_start=date(2025, 1, 1),
                period_end=date(2025, 2, 1),
            ),
        )
    assert refused.value.code == "ROUTE_NOT_ALLOWED"
    assert refused.value.details["citation"] == cite(load_profile(profile), refusal.citation)
    assert refusal.reason_id in refused.value.message_id


@pytest.mark.parametrize("profile", ["banjarnegara-2024"])
def test_banjarnegara_pasal_20_ayat_4_huruf_a_the_request_is_copied_to_the_requesters_own_appraiser(
    world, profile
):
    """ "Dengan tembusan Pejabat Penilai Kinerja bersangkutan di instansinya": the requesting unit
    head's appraiser — the head above his unit; the Sekda above an agency head."""
    system, w = world
    app = system.app
    for owning, appraiser in (
        (w.a_u2, w.a.agency_head),
        (w.a.subunit, w.a.unit_head),
        (w.a.agency, w.setda.agency_head),
    ):
        a = decided(
            app,
            Principal(nip=w.heads[owning]),
            RequestAssignment(
                mode="APPOINTMENT",
                scope="CROSS_INSTITUTION",
                owning_unit_code=owning,
                work="Penyusunan peta stunting",
                period_start=date(2025, 1, 1),
                period_end=date(2025, 6, 30),
                criteria="Pelaksana dengan keahlian analisis data",
                request_letter=REQUEST_LETTER,
                counterpart={"government": "Kabupaten Tegal", "tenant_side": "OWNING"},
            ),
        )
        first = system.app.mapper.to_domain_event(next(iter(system.app.recorder.select_events(a.id))))
        assert [(c["role"], c.get("nip")) for c in first.decision["copies"]] == [
            ("REQUESTER_APPRAISER", appraiser)
        ]
    # When the other government requests, its requester's appraiser is theirs: named by government.
    route = load_profile(profile).assignment.route(Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
    theirs = open_request(app, w, route, "OFFICIAL")
    first = system.app.mapper.to_domain_event(next(iter(system.app.recorder.select_events(theirs.id))))
    assert first.decision["copies"] == [{"role": "REQUESTER_APPRAISER", "government": "Kabupaten Tegal"}]
