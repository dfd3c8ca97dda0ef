"""The application refuses what the API refuses (issue 8, defects 1(a), 4, 5): the CLI, the demo and
any other entry call the commands directly, so the limits hold there too, on both stores; and the
last line of defence refuses any event carrying a character the record must never hold."""

import unicodedata
from datetime import date

import pytest

from application.commands.assignments import ApproveStep, ConfigureOffices, RequestAssignment
from application.commands.organisation import EstablishUnit, GrantDelegation, PlaceOfficial
from application.commands.reporting import DecideEscalation
from application.commands.teams import DissolveTeam, ProposeTeamLeader
from application.principal import Principal
from domain.errors import DomainError
from tests.integration.assignment_walk import decided
from tests.integration.team_world import _build, fixed_team_assignment, form
from tests.support import build_world, register


def refusal(system, fn, *args, **kwargs) -> DomainError:
    """The typed refusal of a command, and proof it recorded nothing."""
    before = system.app.recorder.max_notification_id()
    with pytest.raises(DomainError) as raised:
        fn(*args, **kwargs)
    assert system.app.recorder.max_notification_id() == before
    return raised.value


def request(app, world, **changes):
    fields = dict(
        mode="APPOINTMENT",
        scope="WITHIN_UNIT",
        owning_unit_code=world.a.unit,
        work="Analisis data",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        official_nips=[world.official],
    )
    return decided(app, Principal(nip=world.a.unit_head), RequestAssignment(**{**fields, **changes}))


def test_work_with_nul_or_a_megabyte_is_refused_by_the_command_itself(system, admin):
    world = build_world(system.app, admin)
    for work, field in (("a\x00b", "work"), ("x" * 1_000_000, "work"), ("a\u202eb", "work")):
        error = refusal(system, request, system.app, world, work=work)
        assert (error.code, error.details["field"]) == ("INVALID_VALUE", field)
    assert request(system.app, world, work="Dua\nbaris").work == "Dua\nbaris"


def test_names_legal_bases_and_dates_are_checked_by_the_commands(system, admin):
    app = system.app
    world = build_world(app, admin)
    assert (
        refusal(
            system,
            register,
            app,
            admin,
            position_type="PELAKSANA",
            rank="II/c",
            education="SMA",
            name="Budi\x07Santoso",
        ).code
        == "INVALID_VALUE"
    )
    assert (
        refusal(
            system,
            register,
            app,
            admin,
            position_type="PELAKSANA",
            rank="II/c",
            education="SMA",
            name="Budi 2",
        ).code
        == "INVALID_VALUE"
    )
    decomposed = unicodedata.normalize("NFD", "Zoë Ibrahimović")
    number = register(app, admin, position_type="PELAKSANA", rank="II/c", education="SMA", name=decomposed)
    assert app.repo.official(number).name == "Zoë Ibrahimović"
    for day in (date(9999, 12, 31), date(1800, 1, 1)):
        error = refusal(
            system,
            app.handle,
            admin,
            PlaceOfficial(
                nip=world.bystander,
                unit_code=world.a.subunit,
                appraiser_nip=world.a.unit_head,
                effective_date=day,
            ),
        )
        assert (error.code, error.details["field"]) == ("INVALID_VALUE", "effective date")
    error = refusal(
        system,
        app.handle,
        Principal(nip=world.a.unit_head),
        GrantDelegation(
            grantor_nip=world.a.unit_head,
            delegate_nip=world.a.subunit_head,
            valid_from=date.today(),
            valid_until=date(2100, 1, 1),
        ),
    )
    assert error.details["field"] == "valid until"
    assert (
        refusal(
            system,
            app.handle,
            admin,
            EstablishUnit(
                code="A.U9",
                name="Bidang",
                kind="BIDANG",
                head_position="ADMINISTRATOR",
                parent_code="A",
                legal_basis="Perbup\nSOTK",
            ),
        ).code
        == "INVALID_VALUE"
    )


def test_an_empty_pyb_nip_is_refused(system, admin):
    build_world(system.app, admin)
    error = refusal(
        system,
        system.app.handle,
        admin,
        ConfigureOffices(setda_code="SETDA", legal_basis="Perbup", pyb_nip=""),
    )
    assert error.code == "REQUIRED"


def test_the_last_line_of_defence_refuses_any_event_with_a_control_character_or_not_in_nfc(system, admin):
    """Whatever path builds an event (a command that forgot a check, a script), save_decision
    refuses a string the record must never hold, and nothing is stored."""
    world = build_world(system.app, admin)
    for bad, why in (("A.U1\x00", "NUL"), (unicodedata.normalize("NFD", "Zoë"), "not NFC")):
        official = system.app.repo.official(world.bystander)
        official.assume_headship(unit_code=bad, decision={"actor_nip": admin.nip, "basis": "SK"})
        error = refusal(system, system.app.save_decision, official)
        assert (error.code, error.details["field"]) == ("INVALID_VALUE", "unit_code"), why
    official = system.app.repo.official(world.bystander)
    official.assume_headship(unit_code="A.U1", decision={"actor_nip": admin.nip, "basis": "SK"})
    assert system.app.save_decision(official)


@pytest.mark.profile("kota-serang-2023")
def test_an_aggregate_of_another_kind_is_not_found_by_the_commands(system):
    app = system.app
    world = _build(app)
    team = form(app, world)
    assignment = fixed_team_assignment(
        app, owning_unit=team.owning_unit, nips=[world.w.official, world.w.second]
    )
    wrong = str(assignment.id)
    former = Principal(nip=team.formed_by_nip)
    dissolve = refusal(system, app.handle, former, DissolveTeam(team_id=wrong, on=date.today(), reason="x"))
    assert dissolve.code == "TEAM_NOT_FOUND"
    proposal = refusal(system, app.handle, former, ProposeTeamLeader(team_id=wrong, nip=world.leader))
    assert proposal.code == "TEAM_NOT_FOUND"
    assert (
        refusal(
            system,
            app.handle,
            former,
            DecideEscalation(escalation_id=wrong, unit_code="A.U1", decision="Ya", reason="x"),
        ).code
        == "ESCALATION_NOT_FOUND"
    )
    step = ApproveStep(assignment_id=str(team.id), step=2)
    assert refusal(system, app.handle, former, step).code == "ASSIGNMENT_NOT_FOUND"
    assert refusal(system, app.repo.team, "not-an-id").code == "INVALID_ID"
