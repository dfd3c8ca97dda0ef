"""Fast tier for the team handlers (application.handlers.teams, application.handlers.team_leader).

Kab. Serang's profile (the default): the agency head forms a team and fixes its leader on the unit
head's proposal (Lampiran B, Lampiran E.1 huruf k); members join through a fixed team assignment.
"""

from datetime import date

import pytest

from application.commands.teams import (
    AdmitTeamMembers,
    AppointTeamLeader,
    ChangeTeamMemberRole,
    DissolveTeam,
    FormTeam,
    ProposeTeamLeader,
    ProposeTeamMembers,
    RemoveTeamMember,
)
from application.principal import Principal
from domain.errors import Conflict, Forbidden, InvalidInput
from tests.integration.team_world import END, START, TeamWorld, _build, fixed_team_assignment

ON = date(2025, 6, 30)


def names(events: list[object]) -> list[str]:
    return [type(e).__qualname__ for e in events]


def as_(nip: str) -> Principal:
    return Principal(nip)


def form_team(world: TeamWorld, **changes) -> FormTeam:
    fields = dict(
        owning_unit=world.w.a.unit,
        scope="WITHIN_UNIT",
        name="Tim Stunting",
        tasks=["Peta sebaran"],
        targets=[{"description": "Peta per desa", "measure": "1 dokumen"}],
        planned_members=[{"nip": world.w.official, "role": "Analis data"}],
        period_start=START,
        period_end=END,
    )
    return FormTeam(**{**fields, **changes})


@pytest.fixture
def world(given):
    g = given()
    return g, _build(g.app)


def formed(g, world: TeamWorld, **changes) -> str:
    return g.given(as_(world.heads["A"]), form_team(world, **changes))[0].result


def led(g, world: TeamWorld) -> str:
    team_id = formed(g, world)
    g.given(as_(world.heads[world.w.a.unit]), ProposeTeamLeader(team_id=team_id, nip=world.leader))
    g.given(as_(world.heads["A"]), AppointTeamLeader(team_id=team_id, nip=world.leader))
    return team_id


def staffed(g, world: TeamWorld) -> str:
    team_id = led(g, world)
    a = fixed_team_assignment(g.app, owning_unit=world.w.a.unit, nips=[world.w.official, world.w.second])
    g.given(as_(world.heads["A"]), AdmitTeamMembers(team_id=team_id, assignment_id=str(a.id)))
    return team_id


def test_form_team_records_the_team_by_the_office_the_profile_names(world):
    g, w = world
    outcome, events = g.when(as_(w.heads["A"]), form_team(w))
    assert names(events) == ["Team.Formed"]
    assert outcome.result == str(events[0].originator_id)
    team = events[0]
    assert (team.unit_code, team.scope, team.targets[0]["code"]) == (w.w.a.unit, "WITHIN_UNIT", "T1")
    assert team.decision["actor_nip"] == w.heads["A"] and "Lampiran B" in team.decision["legal_basis"]


def test_form_team_refuses_another_office_and_a_scope_the_profile_does_not_allow(world):
    g, w = world
    with pytest.raises(Forbidden) as refused:
        g.when(as_(w.heads[w.w.a.subunit]), form_team(w))
    assert refused.value.code == "NOT_YOUR_STEP"
    with pytest.raises(InvalidInput) as scope:
        g.when(as_(w.heads["A"]), form_team(w, scope="CROSS_INSTITUTION"))  # Lampiran B.1: no such team
    assert scope.value.code == "SCOPE_NOT_ALLOWED"


def test_propose_team_leader_records_the_unit_heads_proposal(world):
    g, w = world
    team_id = formed(g, w)
    outcome, events = g.when(as_(w.heads[w.w.a.unit]), ProposeTeamLeader(team_id=team_id, nip=w.leader))
    assert (outcome.result, names(events), events[0].nip) == (team_id, ["Team.LeaderProposed"], w.leader)


def test_propose_team_leader_refuses_whoever_does_not_hold_the_unit(world):
    g, w = world
    team_id = formed(g, w)
    with pytest.raises(Forbidden) as refused:
        g.when(as_(w.w.bystander), ProposeTeamLeader(team_id=team_id, nip=w.leader))
    assert refused.value.code == "NOT_YOUR_STEP"


def test_appoint_team_leader_fixes_the_proposed_leader(world):
    g, w = world
    team_id = formed(g, w)
    g.given(as_(w.heads[w.w.a.unit]), ProposeTeamLeader(team_id=team_id, nip=w.leader))
    outcome, events = g.when(as_(w.heads["A"]), AppointTeamLeader(team_id=team_id, nip=w.leader))
    assert (outcome.result, names(events)) == (team_id, ["Team.LeaderAppointed"])
    assert (events[0].nip, events[0].previous_nip, events[0].warnings_confirmed) == (w.leader, None, [])


def test_appoint_team_leader_refuses_one_not_proposed(world):
    g, w = world
    team_id = formed(g, w)
    with pytest.raises(InvalidInput) as refused:
        g.when(as_(w.heads["A"]), AppointTeamLeader(team_id=team_id, nip=w.leader))
    assert refused.value.code == "LEADER_NOT_PROPOSED"


def test_appoint_team_leader_from_outside_a_cross_unit_teams_unit_answers_warnings_until_confirmed(world):
    g, w = world
    team_id = formed(g, w, scope="CROSS_UNIT")
    g.given(as_(w.heads[w.w.a.unit]), ProposeTeamLeader(team_id=team_id, nip=w.outsider_leader))
    appoint = AppointTeamLeader(team_id=team_id, nip=w.outsider_leader)
    outcome, events = g.when(as_(w.heads["A"]), appoint)
    assert events == [] and [x["code"] for x in outcome.result["warnings"]] == ["LEADER_NOT_FROM_OWNING_UNIT"]
    outcome, events = g.when(
        as_(w.heads["A"]), AppointTeamLeader(team_id=team_id, nip=w.outsider_leader, confirm_warnings=True)
    )
    assert (outcome.result, names(events)) == (team_id, ["Team.LeaderAppointed"])
    assert [x["code"] for x in events[0].warnings_confirmed] == ["LEADER_NOT_FROM_OWNING_UNIT"]


def test_admit_team_members_admits_every_official_of_the_fixed_assignment_with_their_roles(world):
    g, w = world
    team_id = led(g, w)
    a = fixed_team_assignment(g.app, owning_unit=w.w.a.unit, nips=[w.w.official, w.w.second])
    admit = AdmitTeamMembers(
        team_id=team_id, assignment_id=str(a.id), roles=[{"nip": w.w.second, "role": "Verifikator"}]
    )
    outcome, events = g.when(as_(w.heads["A"]), admit)
    assert (outcome.result, names(events)) == (team_id, ["Team.MemberJoined", "Team.MemberJoined"])
    assert {e.nip: e.role for e in events} == {w.w.official: "Analis data", w.w.second: "Verifikator"}
    assert {e.assignment_id for e in events} == {str(a.id)}
    assert events[0].decision["actor_nip"] == w.heads["A"]
    assert "Lampiran B (penugasan kepada tim kerja ditetapkan" in events[0].decision["legal_basis"]


def test_admit_and_remove_refuse_the_leader_with_the_articles_giving_membership_to_the_office(world):
    """Kab. Serang Lampiran B: the Kepala Perangkat Daerah fixes the team; the leader divides roles."""
    g, w = world
    team_id = staffed(g, w)
    a = fixed_team_assignment(g.app, owning_unit=w.w.a.unit, nips=[w.weak_leader])
    for command in (
        AdmitTeamMembers(team_id=team_id, assignment_id=str(a.id)),
        RemoveTeamMember(team_id=team_id, nip=w.w.second, reason="Mutasi"),
    ):
        with pytest.raises(Forbidden) as refused:
            g.when(as_(w.leader), command)
        assert refused.value.code == "MEMBERSHIP_NOT_THE_LEADERS"
        assert "Lampiran B (penugasan kepada tim kerja ditetapkan" in refused.value.details["legal_basis"]
        assert refused.value.details["holders"] == [
            {"nip": w.heads["A"], "name": g.app.repo.official(w.heads["A"]).name}
        ]


def test_propose_team_members_is_no_step_where_the_office_fixes_members_directly(world):
    g, w = world
    team_id = led(g, w)
    with pytest.raises(InvalidInput) as refused:
        g.when(
            as_(w.leader), ProposeTeamMembers(team_id=team_id, members=[{"nip": w.w.official, "role": "X"}])
        )
    assert refused.value.code == "NO_MEMBER_PROPOSAL"


def test_admit_team_members_refuses_an_assignment_for_individual_work(world):
    g, w = world
    team_id = led(g, w)
    individual = fixed_team_assignment(g.app, owning_unit=w.w.a.unit, nips=[w.w.official], team=False)
    with pytest.raises(InvalidInput) as refused:
        g.when(as_(w.heads["A"]), AdmitTeamMembers(team_id=team_id, assignment_id=str(individual.id)))
    assert refused.value.code == "ASSIGNMENT_NOT_FOR_TEAM"


def test_change_team_member_role_records_the_new_role(world):
    g, w = world
    team_id = staffed(g, w)
    change = ChangeTeamMemberRole(team_id=team_id, nip=w.w.second, role=" Verifikator ")
    outcome, events = g.when(as_(w.leader), change)
    assert (outcome.result, names(events)) == (team_id, ["Team.MemberRoleChanged"])
    assert (events[0].nip, events[0].role) == (w.w.second, "Verifikator")
    # "membagi peran anggota tim" is the leader's own duty (Lampiran C angka 3 huruf b)
    assert events[0].decision["capacity"]["position"] == "TEAM_LEADER"
    assert events[0].decision["legal_basis"].endswith("Lampiran C angka 3 huruf b (tanggung jawab Ketua Tim)")


def test_change_team_member_role_refuses_whoever_neither_formed_nor_leads_the_team(world):
    g, w = world
    team_id = staffed(g, w)
    with pytest.raises(Forbidden) as refused:
        g.when(as_(w.w.bystander), ChangeTeamMemberRole(team_id=team_id, nip=w.w.second, role="X"))
    assert w.leader in str(refused.value.details["holders"])  # the leader may, and is named


def test_remove_team_member_records_the_leaving_with_its_reason(world):
    g, w = world
    team_id = staffed(g, w)
    part = g.app.repo.team(team_id).members[w.w.second]["assignment_id"]
    remove = RemoveTeamMember(team_id=team_id, nip=w.w.second, reason="Mutasi")
    outcome, events = g.when(as_(w.heads["A"]), remove)
    assert (outcome.result, names(events), events[0].nip) == (team_id, ["Team.MemberLeft"], w.w.second)
    assert events[0].decision["reason"] == "Mutasi"
    # The member's part in the team's fixed assignment ends with the leaving (teams.membership.note).
    assert events[0].assignment_id == part and part is not None


def test_remove_team_member_refuses_one_who_is_not_a_member(world):
    g, w = world
    team_id = staffed(g, w)
    with pytest.raises(InvalidInput) as refused:
        g.when(as_(w.heads["A"]), RemoveTeamMember(team_id=team_id, nip=w.w.bystander, reason="Mutasi"))
    assert refused.value.code == "NOT_A_MEMBER"


def test_dissolve_team_records_the_day_and_the_reason(world):
    g, w = world
    team_id = staffed(g, w)
    dissolve = DissolveTeam(team_id=team_id, on=ON, reason="Target tercapai")
    outcome, events = g.when(as_(w.heads["A"]), dissolve)
    assert (outcome.result, names(events), events[0].on) == (team_id, ["Team.Dissolved"], ON.isoformat())
    assert events[0].decision["effective_date"] == ON.isoformat()


def test_dissolve_team_refuses_a_team_already_dissolved(world):
    g, w = world
    team_id = formed(g, w)
    g.given(as_(w.heads["A"]), DissolveTeam(team_id=team_id, on=ON, reason="Selesai"))
    with pytest.raises(Conflict) as refused:
        g.when(as_(w.heads["A"]), DissolveTeam(team_id=team_id, on=ON, reason="Lagi"))
    assert refused.value.code == "TEAM_DISSOLVED"


# --- the head beyond the Ketua Tim (application.handlers.team_head) and the transformation team ---

EXPERIENCE = {"statement": "Analis investasi 2020-2025", "evidence": "SK 800/7/2020"}


def test_kota_serang_coordinator_appointment_records_its_articles_and_the_stated_experience(given):
    from application.commands.organisation import DeclareAgencyAffairs
    from application.commands.teams import AppointTeamCoordinator
    from tests.integration.team_world import ADMIN, PPK_LETTER

    g = given("kota-serang-2023")
    w = _build(g.app)
    planned = [{"nip": w.w.official, "role": "Analis", "task": "Memetakan hambatan perizinan"}]
    team_id = g.given(as_(w.heads[w.w.a.unit]), form_team(w, planned_members=planned))[0].result
    g.given(ADMIN, DeclareAgencyAffairs(agency_code="A", affairs=["INVESTMENT"], legal_basis="Perwal SOTK"))
    coordinator = w.heads[w.w.a_u2]  # an Administrator, IV/a
    outcome, events = g.when(
        ADMIN,
        AppointTeamCoordinator(
            team_id=team_id, nip=coordinator, relevant_experience=EXPERIENCE, letter=PPK_LETTER
        ),
    )
    assert names(events) == ["Team.CoordinatorAppointed"]
    event = events[0]
    assert (event.nip, event.experience, event.eligibility) == (
        coordinator,
        EXPERIENCE,
        "Pasal 8 ayat (4) huruf b",
    )
    assert event.decision["legal_basis"] == (
        "kota-serang-2023 Pasal 8 ayat (6); kota-serang-2023 Pasal 8 ayat (5); "
        "kota-serang-2023 Pasal 8 ayat (4) huruf b"
    )
    team = g.app.repo.team(team_id)
    assert (team.leader_nip, team.head_title) == (coordinator, "KOORDINATOR")


def test_kab_serang_pptk_designation_records_the_decree_and_period(world):
    from application.commands.organisation import Decree
    from application.commands.teams import DesignateTeamLeaderPptk

    g, w = world
    team_id = led(g, w)
    decree = Decree(number="900/12/2025", date=date(2025, 1, 10), signed_by="Kepala Dinas A")
    designate = DesignateTeamLeaderPptk(
        team_id=team_id, nip=w.leader, valid_from=START, valid_until=END, decree=decree
    )
    outcome, events = g.when(as_(w.heads["A"]), designate)
    assert names(events) == ["Team.PptkDesignated"]
    assert events[0].decree == {"number": "900/12/2025", "date": "2025-01-10", "signed_by": "Kepala Dinas A"}
    assert (events[0].valid_from, events[0].valid_until) == (START.isoformat(), END.isoformat())
    assert g.app.repo.team(team_id).pptk["nip"] == w.leader


def test_banjarnegara_transformation_team_records_members_by_role_from_the_decree(given):
    from application.commands.organisation import Decree
    from application.commands.teams import RecordTransformationTeam
    from tests.integration.team_world import ADMIN

    g = given("banjarnegara-2024")
    w = _build(g.app)
    members = [
        {"nip": w.heads["SETDA"], "role": "PYB"},
        {"nip": w.heads[w.w.a.unit], "role": "APPRAISER"},
        {"nip": w.heads["B"], "role": "HR_UNIT_HEAD"},
        {"nip": w.heads["A"], "role": "PLANNING_BUDGETING_UNIT_HEAD"},
    ]
    decree = Decree(number="061/1/2024", date=date(2024, 6, 3), signed_by="Bupati Banjarnegara")
    outcome, events = g.when(ADMIN, RecordTransformationTeam(name="Tim TM", decree=decree, members=members))
    assert names(events) == ["TransformationTeam.Fixed"]
    assert [(m["nip"], m["role"]) for m in events[0].members] == [(m["nip"], m["role"]) for m in members]
    with pytest.raises(InvalidInput) as refused:
        g.when(ADMIN, RecordTransformationTeam(name="Tim TM", decree=decree, members=members[:3]))
    assert refused.value.details["missing"] == ["PLANNING_BUDGETING_UNIT_HEAD"]
