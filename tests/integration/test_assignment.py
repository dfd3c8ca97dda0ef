"""Assignments on SQLite AND PostgreSQL: a representative route (Banjarnegara cross-unit
appointment, Pasal 20 ayat (3)), the race on one step, idempotency keys, delegation in the
inbox, withdrawal and ending. The exhaustive walks of every route run on SQLite in
test_assignment_routes.py."""

import dataclasses
import threading
from datetime import date

import pytest

from application.commands.assignments import (
    AcceptAssignment,
    ApproveStep,
    EndAssignment,
    IssueLetter,
    NameOfficials,
    RecordExternalStep,
    RejectStep,
    RequestAssignment,
    WithdrawAssignment,
)
from application.commands.organisation import GrantDelegation, PlaceOfficial
from application.principal import Principal
from domain.errors import Conflict, DomainError, Forbidden
from projections.assignments.queries import AssignmentQueries
from tests.integration.assignment_walk import decided
from tests.support import build_world, register

pytestmark = pytest.mark.profile("banjarnegara-2024")
LETTER = {"purpose": "Audit kinerja", "competencies": "Akuntansi", "expected_target": "Laporan audit"}


@pytest.fixture
def world(system, admin):
    return build_world(system.app, admin)


def requested(w, **extra) -> RequestAssignment:
    args = dict(
        mode="APPOINTMENT",
        scope="CROSS_UNIT",
        owning_unit_code="A.U2",
        work="Audit kinerja",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        official_nips=[w.official],
        request_letter=LETTER,
    )
    return RequestAssignment(**{**args, **extra})


def request(app, w, **extra):
    return decided(app, Principal(nip=w.heads["A.U2"]), requested(w, **extra))


def test_cross_unit_appointment_walks_pasal_20_ayat_3_and_shows_in_the_read_models(system, world):
    app, q, w = system.app, AssignmentQueries(system.store), world
    a = request(app, w)
    assert [r["id"] for r in q.inbox(w.a.unit_head, date.today())] == [str(a.id)]  # huruf b: the appraiser
    assert [r["id"] for r in q.outgoing(w.heads["A.U2"])] == [str(a.id)]
    app.handle(Principal(nip=w.a.unit_head), ApproveStep(assignment_id=str(a.id), step=2))
    assert q.inbox(w.a.unit_head, date.today()) == []
    assert [h["nip"] for h in q.waiting_for(str(a.id), date.today())] == [w.a.subunit_head]  # huruf c
    a = decided(
        app,
        Principal(nip=w.a.subunit_head),
        IssueLetter(assignment_id=str(a.id), step=3, on=date(2025, 1, 2)),
    )
    assert a.letter["number"] == "1/ST/A.U1.S1/I/2025"
    assert a.steps[2]["citation"] == "banjarnegara-2024 Pasal 20 ayat (3) huruf c"
    assert [r["id"] for r in q.workload(w.official)] == [str(a.id)]


def test_the_request_letter_must_state_its_four_contents_pasal_21(system, world):
    with pytest.raises(DomainError) as refused:
        request(
            system.app, world, request_letter={"purpose": "Audit", "competencies": "", "expected_target": "x"}
        )
    assert refused.value.code == "REQUIRED" and "competencies" in refused.value.message_en


def test_an_official_may_hold_several_assignments_at_once_pasal_18_ayat_7(system, world):
    app, w = system.app, world
    for _ in range(2):
        a = request(app, w)
        app.handle(Principal(nip=w.a.unit_head), ApproveStep(assignment_id=str(a.id), step=2))
        app.handle(Principal(nip=w.a.subunit_head), IssueLetter(assignment_id=str(a.id), step=3))
    assert len(AssignmentQueries(system.store).workload(w.official)) == 2


def test_a_delegate_of_the_appraiser_finds_the_step_in_their_inbox_and_acts_as_delegate(system, world, admin):
    app, q, w = system.app, AssignmentQueries(system.store), world
    delegate = w.a.subunit_head
    app.handle(
        admin,
        GrantDelegation(
            grantor_nip=w.a.unit_head,
            delegate_nip=delegate,
            valid_from=date(2020, 1, 1),
            valid_until=date(2099, 1, 1),
        ),
    )
    a = request(app, w)
    inbox = q.inbox(delegate, date.today())
    assert [(r["id"], r["via"], r["delegated_by"]) for r in inbox] == [
        (str(a.id), "DELEGATION", w.a.unit_head)
    ]
    app.handle(Principal(nip=delegate), ApproveStep(assignment_id=str(a.id), step=2))
    step = q.history(str(a.id))[-1]
    assert (step["capacity_kind"], step["delegated_by"]) == ("DELEGATION", w.a.unit_head)


def test_a_delegate_of_a_unit_head_takes_the_unit_heads_step_like_a_plh(system, world, admin):
    """Banjarnegara Pasal 20 ayat (3) huruf c is the unit head's step; a delegate acts in their place
    and the event says so (the same rule as team and evaluation decisions, ADR 0001)."""
    app, w = system.app, world
    deputy = register(app, admin, position_type="PELAKSANA", rank="III/a")
    app.handle(
        admin,
        GrantDelegation(
            grantor_nip=w.a.subunit_head,
            delegate_nip=deputy,
            valid_from=date(2020, 1, 1),
            valid_until=date(2099, 1, 1),
        ),
    )
    a = request(app, w)
    app.handle(Principal(nip=w.a.unit_head), ApproveStep(assignment_id=str(a.id), step=2))
    with pytest.raises(Forbidden):
        app.handle(Principal(nip=w.b.unit_head), IssueLetter(assignment_id=str(a.id), step=3))
    a = decided(app, Principal(nip=deputy), IssueLetter(assignment_id=str(a.id), step=3, on=date(2025, 1, 2)))
    step = AssignmentQueries(system.store).history(str(a.id))[-1]
    assert (step["capacity_kind"], step["delegated_by"]) == ("DELEGATION", w.a.subunit_head)


def test_two_officials_racing_on_one_step_record_exactly_one_event(system, world, admin):
    app, w = system.app, world
    app.handle(
        admin,
        GrantDelegation(
            grantor_nip=w.a.unit_head,
            delegate_nip=w.a.subunit_head,
            valid_from=date(2020, 1, 1),
            valid_until=date(2099, 1, 1),
        ),
    )
    a = request(app, w)
    barrier, save = threading.Barrier(2), app.save
    app.save = lambda *aggs: (barrier.wait(timeout=10), save(*aggs))[1]  # both checked before either saves
    outcomes: list[object] = []

    def act(nip: str, refuse: bool) -> None:
        try:
            if refuse:
                app.handle(
                    Principal(nip=nip), RejectStep(assignment_id=str(a.id), step=2, reason="Sedang penuh")
                )
            else:
                app.handle(Principal(nip=nip), ApproveStep(assignment_id=str(a.id), step=2))
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error)

    threads = [
        threading.Thread(target=act, args=(w.a.unit_head, False)),
        threading.Thread(target=act, args=(w.a.subunit_head, True)),
    ]
    [t.start() for t in threads]
    [t.join() for t in threads]
    app.save = save
    assert outcomes.count("ok") == 1
    conflict = next(o for o in outcomes if o != "ok")
    assert isinstance(conflict, Conflict) and conflict.code == "CONCURRENT_UPDATE"
    assert app.repo.assignment(a.id).version == 2
    assert len(AssignmentQueries(system.store).history(str(a.id))) == 2


def test_a_retried_request_returns_the_first_result_and_records_nothing(system, world):
    app, w = system.app, world
    requester, command = Principal(nip=w.heads["A.U2"]), requested(world, idempotency_key="req-1")
    first = app.handle(requester, command)
    head = app.recorder.max_notification_id()
    again = app.handle(requester, command)
    assert (again.result, again.replayed) == (first.result, True)
    assert app.recorder.max_notification_id() == head
    with pytest.raises(Conflict) as reused:
        app.handle(requester, dataclasses.replace(command, scope="WITHIN_UNIT"))
    assert reused.value.code == "IDEMPOTENCY_KEY_REUSED"
    assert len(AssignmentQueries(system.store).outgoing(w.heads["A.U2"])) == 1


def test_concurrent_retries_with_one_key_record_once(system, world):
    app, w = system.app, world
    a = request(app, w)
    barrier, save, outcomes = threading.Barrier(2), app.save, []
    app.save = lambda *aggs: (barrier.wait(timeout=10), save(*aggs))[1]

    def approve() -> None:
        outcomes.append(
            app.handle(
                Principal(nip=w.a.unit_head),
                ApproveStep(assignment_id=str(a.id), step=2, idempotency_key="k"),
            )
        )

    threads = [threading.Thread(target=approve) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    app.save = save
    # The copy that lost the race answers as the first was answered.
    assert sorted((o.result, o.replayed) for o in outcomes) == [(str(a.id), False), (str(a.id), True)]
    assert app.repo.assignment(a.id).version == 2


def test_withdrawal_by_the_requester_only_and_before_it_is_fixed(system, world):
    app, w = system.app, world
    a = request(app, w)
    with pytest.raises(Forbidden):
        app.handle(Principal(nip=w.a.unit_head), WithdrawAssignment(assignment_id=str(a.id), reason="x"))
    a = decided(
        app,
        Principal(nip=w.heads["A.U2"]),
        WithdrawAssignment(assignment_id=str(a.id), reason="Tidak lagi diperlukan"),
    )
    assert AssignmentQueries(system.store).assignment(str(a.id))["status"] == "WITHDRAWN"
    b = request(app, w)
    app.handle(Principal(nip=w.a.unit_head), ApproveStep(assignment_id=str(b.id), step=2))
    app.handle(Principal(nip=w.a.subunit_head), IssueLetter(assignment_id=str(b.id), step=3))
    with pytest.raises(Conflict) as fixed:
        app.handle(Principal(nip=w.heads["A.U2"]), WithdrawAssignment(assignment_id=str(b.id), reason="x"))
    assert fixed.value.code == "CANNOT_WITHDRAW"


def test_an_assignment_ends_when_its_period_has_run_out(system, world, admin):
    app, w = system.app, world
    a = request(app, w)
    app.handle(Principal(nip=w.a.unit_head), ApproveStep(assignment_id=str(a.id), step=2))
    app.handle(Principal(nip=w.a.subunit_head), IssueLetter(assignment_id=str(a.id), step=3))
    with pytest.raises(Conflict):
        app.handle(admin, EndAssignment(assignment_id=str(a.id), on=date(2025, 3, 31)))
    app.handle(admin, EndAssignment(assignment_id=str(a.id), on=date(2025, 4, 1)))
    assert AssignmentQueries(system.store).workload(w.official) == []


@pytest.mark.parametrize("tenant_side", ["OWNING", "OFFICIAL"])
def test_cross_institution_steps_of_the_other_government_are_recorded_from_letters_pasal_20_ayat_4(
    system, world, admin, tenant_side
):
    """docs/adr/0002-cross-institution-steps.md, on both stores."""
    from domain.profile import Mode, Scope
    from tests.integration.assignment_walk import LETTER, is_external, open_request, take

    app = system.app
    route = app.profile.assignment.route(Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
    a = open_request(app, world, route, tenant_side)
    external = [n for n, s in enumerate(a.steps, start=1) if is_external(app, a, s["role"])]
    assert external  # the other government has steps on this route
    q = AssignmentQueries(system.store)
    for n in range(2, len(a.steps) + 1):
        awaiting = [r["id"] for r in q.awaiting_letters()]
        assert awaiting == ([str(a.id)] if n in external else [])
        if n in external:
            with pytest.raises(Forbidden) as not_theirs:
                app.handle(Principal(nip=world.bystander), ApproveStep(assignment_id=str(a.id), step=n))
            assert "other government" in not_theirs.value.message_en
        else:
            with pytest.raises(Forbidden) as internal:
                app.handle(
                    admin, RecordExternalStep(assignment_id=str(a.id), step=n, approved=True, letter=LETTER)
                )
            assert internal.value.code == "NOT_AN_EXTERNAL_STEP"
        a = take(app, world, a, n)
    assert a.status == "ACTIVE"
    rows = AssignmentQueries(system.store).history(str(a.id))
    recorded = [r for r in rows if r["capacity_kind"] == "EXTERNAL_LETTER"]
    assert {r["step"] for r in recorded} >= set(external) - {1}
    assert all(r["letter_reference"] == LETTER["reference"] and r["actor_nip"] == admin.nip for r in recorded)


def test_officials_under_different_appraisers_need_one_request_each(system, world, admin):
    app, w = system.app, world
    app.handle(
        admin,
        PlaceOfficial(
            nip=w.second,
            unit_code=w.a.subunit,
            appraiser_nip=w.a.subunit_head,
            effective_date=date(2024, 2, 1),
        ),
    )
    with pytest.raises(DomainError) as refused:
        request(app, w, official_nips=[w.official, w.second], team=True)
    assert refused.value.code == "ONE_APPRAISER_PER_REQUEST"


@pytest.mark.profile("pemalang-2023")
def test_a_team_named_by_the_target_side_is_active_once_every_member_accepts_pasal_11_ayat_4(system, world):
    app, q, w = system.app, AssignmentQueries(system.store), world
    a = decided(
        app,
        Principal(nip=w.heads["A.U2"]),
        RequestAssignment(
            mode="APPOINTMENT",
            scope="CROSS_UNIT",
            owning_unit_code="A.U2",
            work="Tim percepatan",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 6, 30),
            team=True,
            criteria="Pelaksana administrasi",
            official_unit_code=w.a.subunit,
            request_letter=LETTER,
        ),
    )
    a = decided(
        app, Principal(nip=w.a.agency_head), ApproveStep(assignment_id=str(a.id), step=2)
    )  # huruf b: recommendation
    a = decided(
        app,
        Principal(nip=w.a.subunit_head),
        NameOfficials(assignment_id=str(a.id), step=3, nips=[w.official, w.second]),
    )
    a = decided(app, Principal(nip=w.a.agency_head), IssueLetter(assignment_id=str(a.id), step=4))  # huruf c
    assert a.status == "FIXED" and {o["role"] for o in a.letter["copies"]} == set()
    app.handle(Principal(nip=w.official), AcceptAssignment(assignment_id=str(a.id), step=5))
    assert [r["id"] for r in q.inbox(w.second, date.today())] == [str(a.id)]
    assert q.inbox(w.official, date.today()) == []
    a = decided(app, Principal(nip=w.second), AcceptAssignment(assignment_id=str(a.id), step=5))
    assert a.status == "ACTIVE" and q.assignment(str(a.id))["status"] == "ACTIVE"
    assert [r["id"] for r in q.workload(w.second)] == [str(a.id)]


def test_the_daily_job_ends_every_assignment_whose_period_ran_out(system, world, admin):
    from infra.assignments_cli import end_expired

    app, w = system.app, world
    a = request(app, w)
    app.handle(Principal(nip=w.a.unit_head), ApproveStep(assignment_id=str(a.id), step=2))
    app.handle(Principal(nip=w.a.subunit_head), IssueLetter(assignment_id=str(a.id), step=3))
    pending = request(app, w)
    assert end_expired(system, admin, date(2025, 3, 31)) == []
    assert end_expired(system, admin, date(2025, 4, 1)) == [str(a.id)]
    q = AssignmentQueries(system.store)
    assert (
        q.assignment(str(a.id))["status"] == "ENDED" and q.assignment(str(pending.id))["status"] == "PENDING"
    )


def test_a_rebuild_of_the_read_models_gives_the_same_assignment_tables(system, world, admin):
    app, w = system.app, world
    done = request(app, w)
    app.handle(Principal(nip=w.a.unit_head), ApproveStep(assignment_id=str(done.id), step=2))
    app.handle(Principal(nip=w.a.subunit_head), IssueLetter(assignment_id=str(done.id), step=3))
    refused = request(app, w)
    app.handle(  # the official's unit head answers a refusal (Pasal 20 ayat (3) huruf d)
        Principal(nip=w.a.subunit_head),
        RejectStep(assignment_id=str(refused.id), step=2, reason="Sedang penuh"),
    )
    request(app, w)

    def snapshot() -> dict:
        tables = {
            "assignments": "id",
            "assignment_officials": "assignment_id, nip",
            "assignment_steps": "assignment_id, version",
            "assignment_waiting": "assignment_id, official_nip",
            "government_offices": "id",
        }
        return {t: system.store.query(f"SELECT * FROM {t} ORDER BY {order}") for t, order in tables.items()}

    before = snapshot()
    system.projector.rebuild()
    assert snapshot() == before
    assert len(before["assignments"]) == 3 and before["government_offices"]
