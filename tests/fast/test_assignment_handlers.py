"""Fast tier for the assignment handlers (application.handlers.assignment_request, .assignments,
.external): given events → when a command → then events, or a typed refusal.

The worlds are tests/support.py's (agencies A and B, a Setda, officials placed in A.U1.S1 under
the head of A.U1). Banjarnegara's cross-unit appointment (Pasal 20 ayat (3)): the head of A.U2
requests, the appraiser approves, the head of A.U1.S1 issues the letter. Pemalang's (Pasal 11 ayat
(4)): the agency head recommends, the unit head names the officials, the agency head issues the
letter, each official accepts.
"""

from datetime import date

import pytest

from application.commands.assignments import (
    AcceptAssignment,
    ApproveStep,
    ConfigureOffices,
    EndAssignment,
    IssueLetter,
    NameOfficials,
    RecordExternalStep,
    RejectStep,
    RequestAssignment,
    WithdrawAssignment,
)
from application.principal import Principal
from domain.assignment import OFFICES_ID
from domain.errors import Conflict, Forbidden, InvalidInput
from domain.profile import Mode, Scope
from domain.routes import TenantSide
from tests.fast.conftest import ADMIN
from tests.integration.assignment_walk import LETTER, open_request, take
from tests.support import World, build_world

AUDIT = {"purpose": "Audit kinerja", "competencies": "Akuntansi", "expected_target": "Laporan audit"}
START, END = date(2025, 1, 1), date(2025, 3, 31)


def names(events: list[object]) -> list[str]:
    return [type(e).__qualname__ for e in events]


def world(given, profile: str):
    g = given(profile)
    return g, build_world(g.app, ADMIN)


def cross_unit(w: World, **changes) -> RequestAssignment:
    """The head of A.U2 asks for the official of A.U1.S1."""
    fields = dict(
        mode="APPOINTMENT",
        scope="CROSS_UNIT",
        owning_unit_code="A.U2",
        work="Audit kinerja",
        period_start=START,
        period_end=END,
        official_nips=[w.official],
        request_letter=AUDIT,
    )
    return RequestAssignment(**{**fields, **changes})


def requested(g, w: World) -> str:
    return g.given(Principal(w.heads["A.U2"]), cross_unit(w))[0].result


def fixed(g, w: World) -> str:
    """A Banjarnegara request walked to its letter."""
    aid = requested(g, w)
    g.given(Principal(w.a.unit_head), ApproveStep(assignment_id=aid, step=2))
    g.given(Principal(w.a.subunit_head), IssueLetter(assignment_id=aid, step=3, on=START))
    return aid


def named_later(g, w: World) -> str:
    """A Pemalang team request whose officials the target side names (step 3)."""
    return g.given(
        Principal(w.heads["A.U2"]),
        RequestAssignment(
            mode="APPOINTMENT",
            scope="CROSS_UNIT",
            owning_unit_code="A.U2",
            work="Tim percepatan",
            period_start=START,
            period_end=END,
            team=True,
            criteria="Pelaksana administrasi",
            official_unit_code=w.a.subunit,
            request_letter=AUDIT,
        ),
    )[0].result


# request_assignment ----------------------------------------------------------------------------


def test_request_assignment_records_the_route_and_step_one_in_the_requesters_capacity(given):
    g, w = world(given, "banjarnegara-2024")
    outcome, events = g.when(Principal(w.heads["A.U2"]), cross_unit(w))
    assert names(events) == ["Assignment.Requested"]
    made = events[0]
    assert str(made.originator_id) == outcome.result
    assert [s["action"] for s in made.steps] == ["REQUEST", "APPROVE", "ISSUE_LETTER"]
    assert [o["nip"] for o in made.officials] == [w.official]
    assert (made.decision["actor_nip"], made.decision["capacity"]["kind"]) == (w.heads["A.U2"], "POSITION")
    assert made.decision["legal_basis"] == made.steps[0]["citation"]
    assert made.request_letter["duration"] == "2025-01-01/2025-03-31"


def test_request_assignment_refuses_whoever_does_not_hold_step_one_and_a_missing_counterpart(given):
    g, w = world(given, "banjarnegara-2024")
    with pytest.raises(Forbidden) as not_theirs:
        g.when(Principal(w.bystander), cross_unit(w))
    assert not_theirs.value.code == "NOT_YOUR_STEP"
    with pytest.raises(InvalidInput) as missing:
        g.when(Principal(w.heads["A.U2"]), cross_unit(w, scope="CROSS_INSTITUTION"))
    assert missing.value.code == "COUNTERPART_REQUIRED"


def test_a_cross_institution_request_records_this_governments_side_as_text(given):
    """The API hands the side as an enum member; the event holds its value."""
    g, w = world(given, "banjarnegara-2024")
    counterpart = {"government": "Kabupaten Tegal", "tenant_side": TenantSide.OWNING, "unit": "Dinkes Tegal"}
    _, events = g.when(
        Principal(w.heads["A.U2"]),
        cross_unit(
            w, scope="CROSS_INSTITUTION", official_nips=[], criteria="Ahli gizi", counterpart=counterpart
        ),
    )
    side = events[0].counterpart["tenant_side"]
    assert (type(side), side) == (str, "OWNING")
    with pytest.raises(InvalidInput) as unknown:
        g.when(
            Principal(w.heads["A.U2"]),
            cross_unit(
                w,
                scope="CROSS_INSTITUTION",
                criteria="Ahli gizi",
                counterpart={**counterpart, "tenant_side": "BOTH"},
            ),
        )
    assert unknown.value.code == "INVALID_VALUE"


# approve_step, reject_step ---------------------------------------------------------------------


def test_approve_step_records_the_appraisers_approval(given):
    g, w = world(given, "banjarnegara-2024")
    aid = requested(g, w)
    _, events = g.when(Principal(w.a.unit_head), ApproveStep(assignment_id=aid, step=2))
    assert names(events) == ["Assignment.StepApproved"]
    approved = events[0]
    assert (approved.step, approved.role, approved.decision["actor_nip"]) == (
        2,
        "OFFICIAL_APPRAISER",
        w.a.unit_head,
    )


def test_approve_step_refuses_another_officials_step_a_step_of_another_kind_and_a_step_taken(given):
    g, w = world(given, "banjarnegara-2024")
    aid = requested(g, w)
    with pytest.raises(Forbidden) as not_theirs:
        g.when(Principal(w.bystander), ApproveStep(assignment_id=aid, step=2))
    assert (not_theirs.value.code, not_theirs.value.details["role"]) == (
        "NOT_YOUR_STEP",
        "OFFICIAL_APPRAISER",
    )
    g.given(Principal(w.a.unit_head), ApproveStep(assignment_id=aid, step=2))
    with pytest.raises(InvalidInput) as wrong:
        g.when(Principal(w.a.subunit_head), ApproveStep(assignment_id=aid, step=3))
    assert (wrong.value.code, wrong.value.details["command"]) == ("WRONG_ACTION", "issueLetter")
    with pytest.raises(Conflict) as taken:
        g.when(Principal(w.a.unit_head), ApproveStep(assignment_id=aid, step=2))
    assert taken.value.code == "STEP_ALREADY_TAKEN"


def test_reject_step_records_the_refusal_with_its_reason(given):
    """Banjarnegara Pasal 20 ayat (3) huruf d: the official's unit head answers the refusal."""
    g, w = world(given, "banjarnegara-2024")
    aid = requested(g, w)
    _, events = g.when(
        Principal(w.a.subunit_head), RejectStep(assignment_id=aid, step=2, reason="Sedang penuh")
    )
    assert names(events) == ["Assignment.StepRejected"]
    assert (events[0].step, events[0].role, events[0].decision["reason"]) == (
        2,
        "OFFICIAL_UNIT_HEAD",
        "Sedang penuh",
    )


def test_reject_step_refuses_a_refusal_without_a_reason_and_another_officials_step(given):
    """The appraiser holds step 2 but Banjarnegara gives its refusal to the official's unit head."""
    g, w = world(given, "banjarnegara-2024")
    aid = requested(g, w)
    with pytest.raises(InvalidInput) as reasonless:
        g.when(Principal(w.a.subunit_head), RejectStep(assignment_id=aid, step=2, reason="  "))
    assert reasonless.value.code == "REQUIRED"
    with pytest.raises(Forbidden) as not_theirs:
        g.when(Principal(w.a.unit_head), RejectStep(assignment_id=aid, step=2, reason="Sedang penuh"))
    assert not_theirs.value.code == "NOT_YOUR_STEP"


# name_officials, issue_letter, accept_assignment -----------------------------------------------


def test_name_officials_records_whom_the_target_side_names(given):
    g, w = world(given, "pemalang-2023")
    aid = named_later(g, w)
    g.given(Principal(w.a.agency_head), ApproveStep(assignment_id=aid, step=2))
    _, events = g.when(
        Principal(w.a.subunit_head), NameOfficials(assignment_id=aid, step=3, nips=[w.official, w.second])
    )
    assert names(events) == ["Assignment.OfficialsNamed"]
    assert [o["nip"] for o in events[0].officials] == [w.official, w.second]


def test_name_officials_refuses_an_official_outside_the_requested_unit_and_a_step_of_another_kind(given):
    g, w = world(given, "pemalang-2023")
    aid = named_later(g, w)
    with pytest.raises(InvalidInput) as wrong:
        g.when(Principal(w.a.agency_head), NameOfficials(assignment_id=aid, step=2, nips=[w.official]))
    assert (wrong.value.code, wrong.value.details["command"]) == ("WRONG_ACTION", "approveStep")
    g.given(Principal(w.a.agency_head), ApproveStep(assignment_id=aid, step=2))
    with pytest.raises(InvalidInput) as outside:  # the bystander stands in B.U1
        g.when(Principal(w.a.subunit_head), NameOfficials(assignment_id=aid, step=3, nips=[w.bystander]))
    assert outside.value.code == "OFFICIAL_OUTSIDE_UNIT"


def test_issue_letter_numbers_the_letter_in_the_issuing_units_register(given):
    g, w = world(given, "banjarnegara-2024")
    first = fixed(g, w)
    aid = requested(g, w)
    g.given(Principal(w.a.unit_head), ApproveStep(assignment_id=aid, step=2))
    _, events = g.when(
        Principal(w.a.subunit_head), IssueLetter(assignment_id=aid, step=3, on=date(2025, 1, 2))
    )
    assert names(events) == ["Assignment.LetterIssued", "LetterRegister.Numbered"]  # the register runs on
    letter = events[0]
    assert (letter.number, letter.issued_on) == ("2/ST/A.U1.S1/I/2025", "2025-01-02")
    assert letter.decision["letter_basis"] == g.app.repo.assignment(first).letter_rule["citation"]


def test_issue_letter_refuses_a_step_of_another_kind(given):
    g, w = world(given, "banjarnegara-2024")
    aid = requested(g, w)
    with pytest.raises(InvalidInput) as wrong:
        g.when(Principal(w.a.unit_head), IssueLetter(assignment_id=aid, step=2))
    assert (wrong.value.code, wrong.value.details["command"]) == ("WRONG_ACTION", "approveStep")


def test_accept_assignment_records_each_officials_acceptance_once(given):
    g, w = world(given, "pemalang-2023")
    aid = named_later(g, w)
    g.given(Principal(w.a.agency_head), ApproveStep(assignment_id=aid, step=2))
    g.given(
        Principal(w.a.subunit_head), NameOfficials(assignment_id=aid, step=3, nips=[w.official, w.second])
    )
    g.given(Principal(w.a.agency_head), IssueLetter(assignment_id=aid, step=4, on=START))
    _, events = g.when(Principal(w.official), AcceptAssignment(assignment_id=aid, step=5))
    assert names(events) == ["Assignment.Accepted"]
    assert (events[0].nip, events[0].decision["capacity"]["kind"]) == (w.official, "SELF")
    with pytest.raises(Conflict) as again:
        g.when(Principal(w.official), AcceptAssignment(assignment_id=aid, step=5))
    assert again.value.code == "ALREADY_ACCEPTED"
    with pytest.raises(Forbidden) as not_named:
        g.when(Principal(w.bystander), AcceptAssignment(assignment_id=aid, step=5))
    assert not_named.value.code == "NOT_YOUR_STEP"


def test_reject_step_cannot_refuse_the_acceptance_pemalang_pasal_11_ayat_4_huruf_e(given):
    """ "menerima penugasan untuk dilaksanakan dengan penuh tanggung jawab": a duty, not a choice."""
    g, w = world(given, "pemalang-2023")
    aid = named_later(g, w)
    g.given(Principal(w.a.agency_head), ApproveStep(assignment_id=aid, step=2))
    g.given(Principal(w.a.subunit_head), NameOfficials(assignment_id=aid, step=3, nips=[w.official]))
    g.given(Principal(w.a.agency_head), IssueLetter(assignment_id=aid, step=4, on=START))
    with pytest.raises(InvalidInput) as duty:
        g.when(Principal(w.official), RejectStep(assignment_id=aid, step=5, reason="Sedang sibuk"))
    assert duty.value.code == "ACCEPTANCE_IS_A_DUTY"
    assert duty.value.legal_basis[0] == (
        "pemalang-2023 Pasal 11 ayat (4) huruf e, ayat (5) huruf e;"
        " Pasal 12 ayat (3) huruf c, ayat (4) huruf c"
    )
    assert g.app.repo.assignment(aid).status == "FIXED"


# withdraw_assignment, end_assignment -----------------------------------------------------------


def test_withdraw_assignment_records_the_requesters_withdrawal(given):
    g, w = world(given, "banjarnegara-2024")
    aid = requested(g, w)
    _, events = g.when(
        Principal(w.heads["A.U2"]), WithdrawAssignment(assignment_id=aid, reason="Tidak perlu")
    )
    assert names(events) == ["Assignment.Withdrawn"]
    assert (events[0].decision["capacity"]["kind"], events[0].decision["reason"]) == ("SELF", "Tidak perlu")


def test_withdraw_assignment_refuses_anyone_but_the_requester_and_a_fixed_assignment(given):
    g, w = world(given, "banjarnegara-2024")
    with pytest.raises(Forbidden) as not_requester:
        g.when(Principal(w.a.unit_head), WithdrawAssignment(assignment_id=requested(g, w), reason="x"))
    assert not_requester.value.code == "NOT_THE_REQUESTER"
    with pytest.raises(Conflict) as too_late:
        g.when(Principal(w.heads["A.U2"]), WithdrawAssignment(assignment_id=fixed(g, w), reason="x"))
    assert too_late.value.code == "CANNOT_WITHDRAW"


def test_end_assignment_closes_it_the_day_after_its_period(given):
    g, w = world(given, "banjarnegara-2024")
    aid = fixed(g, w)
    _, events = g.when(ADMIN, EndAssignment(assignment_id=aid, on=date(2025, 4, 1)))
    assert names(events) == ["Assignment.Ended"]
    assert (events[0].on, events[0].decision["effective_date"]) == ("2025-04-01", "2025-03-31")


def test_end_assignment_refuses_a_period_still_running_and_anyone_but_the_administrator(given):
    g, w = world(given, "banjarnegara-2024")
    aid = fixed(g, w)
    with pytest.raises(Conflict) as running:
        g.when(ADMIN, EndAssignment(assignment_id=aid, on=END))
    assert running.value.code == "NOT_EXPIRED"
    with pytest.raises(Forbidden) as not_admin:
        g.when(Principal(w.heads["A.U2"]), EndAssignment(assignment_id=aid, on=date(2025, 4, 1)))
    assert not_admin.value.code == "NOT_AUTHORISED"


# record_external_step, configure_offices -------------------------------------------------------


def at_the_other_governments_step(g, w: World) -> tuple[str, int]:
    """Banjarnegara's cross-institution request (Pasal 20 ayat (4)) from the requesting side,
    walked to step 3: the other government's PyB approves, by letter."""
    route = g.app.profile.assignment.route(Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
    a = take(g.app, w, open_request(g.app, w, route, "OWNING"), 2)
    return str(a.id), 3


def test_record_external_step_records_the_other_governments_decision_from_its_letter(given):
    g, w = world(given, "banjarnegara-2024")
    aid, step = at_the_other_governments_step(g, w)
    _, events = g.when(ADMIN, RecordExternalStep(assignment_id=aid, step=step, approved=True, letter=LETTER))
    assert names(events) == ["Assignment.StepApproved"]
    decision = events[0].decision
    assert (decision["capacity"]["kind"], decision["capacity"]["position"]) == (
        "EXTERNAL_LETTER",
        "OFFICIAL_PYB",
    )
    assert decision["letter"] == {
        "reference": LETTER["reference"],
        "signatory": LETTER["signatory"],
        "date": "2025-01-10",
        "government": "Kabupaten Tegal",
    }


def test_record_external_step_refuses_a_step_of_this_government_and_a_letter_without_its_date(given):
    g, w = world(given, "banjarnegara-2024")
    aid, step = at_the_other_governments_step(g, w)
    with pytest.raises(Forbidden) as not_admin:
        g.when(
            Principal(w.heads["A.U2"]),
            RecordExternalStep(assignment_id=aid, step=step, approved=True, letter=LETTER),
        )
    assert not_admin.value.code == "NOT_AUTHORISED"
    with pytest.raises(InvalidInput) as undated:
        g.when(
            ADMIN,
            RecordExternalStep(assignment_id=aid, step=step, approved=True, letter={**LETTER, "date": None}),
        )
    assert (undated.value.code, undated.value.details["field"]) == ("REQUIRED", "letter date")
    internal = requested(g, w)
    with pytest.raises(Forbidden) as not_external:
        g.when(ADMIN, RecordExternalStep(assignment_id=internal, step=2, approved=True, letter=LETTER))
    assert not_external.value.code == "NOT_AN_EXTERNAL_STEP"


def test_configure_offices_records_the_first_configuration_and_each_change(given):
    g = given("banjarnegara-2024")
    outcome, events = g.when(ADMIN, ConfigureOffices(legal_basis="Perbup kewenangan"))
    assert (outcome.result, names(events)) == (
        str(OFFICES_ID),
        ["GovernmentOffices.Configured", "GovernmentOffices.Changed"],
    )
    w = build_world(g.app, ADMIN)
    _, events = g.when(
        ADMIN, ConfigureOffices(setda_code="SETDA", pyb_nip=w.b.agency_head, legal_basis="Perbup")
    )
    assert names(events) == ["GovernmentOffices.Changed"]
    assert (events[0].setda_code, events[0].pyb_nip) == ("SETDA", w.b.agency_head)


def test_configure_offices_refuses_a_unit_that_is_no_setda_and_anyone_but_the_administrator(given):
    g, w = world(given, "banjarnegara-2024")
    with pytest.raises(InvalidInput) as not_setda:
        g.when(ADMIN, ConfigureOffices(setda_code="A", legal_basis="Perbup"))
    assert not_setda.value.code == "NOT_A_SETDA"
    with pytest.raises(Forbidden) as not_admin:
        g.when(Principal(w.a.agency_head), ConfigureOffices(legal_basis="Perbup"))
    assert not_admin.value.code == "NOT_AUTHORISED"


def test_a_retried_step_answers_the_first_outcome_and_records_nothing_new(given):
    g, w = world(given, "banjarnegara-2024")
    aid = requested(g, w)
    approve = ApproveStep(assignment_id=aid, step=2, idempotency_key="approve-1")
    first, _ = g.when(Principal(w.a.unit_head), approve)
    again, nothing = g.when(Principal(w.a.unit_head), approve)
    assert (again.result, again.replayed, nothing) == (first.result, True, [])
