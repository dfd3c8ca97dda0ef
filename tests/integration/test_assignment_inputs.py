"""Bad requests and stale steps get a clear typed error and record nothing (Banjarnegara
profile, both stores)."""

from datetime import date

import pytest

from application.commands.assignments import ApproveStep, IssueLetter, RequestAssignment
from application.principal import Principal
from domain.errors import DomainError
from tests.integration.assignment_walk import decided
from tests.support import build_world, register

pytestmark = pytest.mark.profile("banjarnegara-2024")
LETTER = {"purpose": "Audit kinerja", "competencies": "Akuntansi", "expected_target": "Laporan audit"}


@pytest.fixture
def world(system, admin):
    return build_world(system.app, admin)


def attempt(app, actor: str, **changes) -> str:
    args = dict(
        mode="APPOINTMENT",
        scope="CROSS_UNIT",
        owning_unit_code="A.U2",
        work="Audit",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        request_letter=LETTER,
    )
    head = app.recorder.max_notification_id()
    with pytest.raises(DomainError) as refused:
        app.handle(Principal(nip=actor), RequestAssignment(**{**args, **changes}))
    assert app.recorder.max_notification_id() == head  # nothing recorded
    return refused.value.code


def test_requests_that_do_not_fit_the_organisation_or_the_route_are_refused(system, world, admin):
    app, w = system.app, world
    requester = w.heads["A.U2"]
    assert (
        attempt(app, requester, scope="WITHIN_UNIT", owning_unit_code="A.U2", official_nips=[w.official])
        == "SCOPE_MISMATCH"
    )
    assert (
        attempt(
            app,
            requester,
            official_nips=[w.official],
            counterpart={"government": "X", "tenant_side": "OWNING"},
        )
        == "COUNTERPART_NOT_APPLICABLE"
    )
    assert attempt(app, requester, scope="CROSS_INSTITUTION") == "COUNTERPART_REQUIRED"
    assert (
        attempt(app, requester, official_unit_code=w.a.subunit) == "OFFICIALS_REQUIRED"
    )  # Pasal 20 ayat (3): no naming step
    assert (
        attempt(app, requester, official_nips=[w.official], period_end=date(2024, 12, 1)) == "INVALID_PERIOD"
    )
    assert attempt(app, requester, official_nips=[w.official, w.second]) == "TEAM_REQUIRED"
    assert attempt(app, requester, official_nips=[w.official], mode="CHOSEN") == "INVALID_VALUE"
    unplaced = register(app, admin, position_type="PELAKSANA", rank="II/a", education="SMA")
    assert attempt(app, requester, official_nips=[unplaced]) == "OFFICIAL_NOT_PLACED"  # Pasal 18 ayat (8)
    assert (
        attempt(app, w.bystander, official_nips=[w.official]) == "NOT_YOUR_STEP"
    )  # Pasal 20 ayat (3) huruf a
    assert attempt(app, w.official, mode="VOLUNTARY", official_nips=[w.second]) == "VOLUNTARY_IS_PERSONAL"


def test_a_stale_or_wrong_command_on_a_step_is_refused(system, world):
    app, w = system.app, world
    a = decided(
        app,
        Principal(nip=w.heads["A.U2"]),
        RequestAssignment(
            mode="APPOINTMENT",
            scope="CROSS_UNIT",
            owning_unit_code="A.U2",
            work="Audit",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 3, 31),
            official_nips=[w.official],
            request_letter=LETTER,
        ),
    )
    appraiser = Principal(nip=w.a.unit_head)
    with pytest.raises(DomainError) as wrong:
        app.handle(appraiser, IssueLetter(assignment_id=str(a.id), step=2))
    assert wrong.value.code == "WRONG_ACTION" and "approveStep" in wrong.value.message_en
    app.handle(appraiser, ApproveStep(assignment_id=str(a.id), step=2))
    with pytest.raises(DomainError) as stale:
        app.handle(appraiser, ApproveStep(assignment_id=str(a.id), step=2))
    assert stale.value.code == "STEP_ALREADY_TAKEN"
    with pytest.raises(DomainError) as malformed:  # one code for one fault: a malformed id is INVALID_ID
        app.handle(appraiser, ApproveStep(assignment_id="not-an-id", step=2))
    assert malformed.value.code == "INVALID_ID"
    with pytest.raises(DomainError) as missing:
        app.handle(appraiser, ApproveStep(assignment_id="00000000-0000-4000-8000-000000000000", step=2))
    assert missing.value.code == "ASSIGNMENT_NOT_FOUND"
