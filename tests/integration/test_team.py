"""Teams (Tim Kerja) for every profile: who forms them, what the decision states, who may lead,
the owning-unit preference, members through fixed assignments, roles, leaving, dissolution.

Parametrised over the five profiles on SQLite (a world built once per profile, copied per test);
tests/integration/test_team_life.py runs a representative team's whole life on SQLite and PostgreSQL.
"""

import pytest

from application.commands.teams import (
    AdmitTeamMembers,
    AppointTeamLeader,
    ChangeTeamMemberRole,
    DissolveTeam,
    ProposeTeamLeader,
    ProposeTeamMembers,
    RemoveTeamMember,
)
from domain.errors import Conflict, Forbidden, InvalidInput
from domain.profile import cite
from tests.integration.team_world import (
    END,
    PROFILES,
    START,
    admit,
    as_,
    events,
    fixed_team_assignment,
    form,
    lead,
    leader_appointer,
    open_team_assignment,
    staffed_team,
    world_for,
)

# Who fixes a within-unit and a cross-unit team, and where the regulation says so.
FORMED_BY = {
    "kab-serang-2024": [
        ("WITHIN_UNIT", "OWNING_AGENCY_HEAD", "Lampiran B"),
        ("CROSS_UNIT", "OWNING_AGENCY_HEAD", "Lampiran B.1.b"),
    ],
    "kota-serang-2023": [
        ("WITHIN_UNIT", "OWNING_UNIT_HEAD", "Pasal 13 ayat (2) huruf a"),
        ("CROSS_UNIT", "SEKDA", "Pasal 13 ayat (2) huruf b"),
    ],
    "banjarnegara-2024": [
        ("WITHIN_UNIT", "OWNING_UNIT_HEAD", "Pasal 23 ayat (8)"),
        ("CROSS_UNIT", "OWNING_UNIT_HEAD", "Pasal 23 ayat (4)"),
    ],
    "pemalang-2023": [
        ("WITHIN_UNIT", "OWNING_UNIT_HEAD", "Pasal 13 ayat (2)"),
        ("CROSS_UNIT", "OWNING_UNIT_HEAD", "Pasal 13 ayat (3)"),
    ],
    "banyumas-2024": [
        ("WITHIN_UNIT", "OWNING_UNIT_HEAD", "Lampiran BAB II B.3"),
        ("CROSS_UNIT", "OWNING_UNIT_HEAD", "Lampiran BAB II B.3"),
    ],
}
ROLE_HOLDER = {
    "OWNING_UNIT_HEAD": lambda w: w.heads[w.w.a.unit],
    "OWNING_AGENCY_HEAD": lambda w: w.heads["A"],
    "SEKDA": lambda w: w.heads["SETDA"],
}


@pytest.fixture(params=PROFILES)
def tw(request, tmp_path, tmp_path_factory):
    system, world = world_for(request.param, tmp_path, tmp_path_factory)
    yield system.app, world
    system.close()


def test_a_team_is_formed_only_by_the_authority_the_profile_names(tw):
    app, world = tw
    for scope, role, article in FORMED_BY[app.profile.id]:
        rightful = ROLE_HOLDER[role](world)
        team = form(app, world, scope=scope, by=rightful)
        stored = events(app, team.id)[0]
        assert stored.decision["actor_nip"] == rightful and article in stored.decision["legal_basis"]
        assert stored.decision["capacity"]["kind"] == "POSITION" and team.scope == scope
        wrong = world.heads[world.w.a.subunit]  # a Pengawas below the owning unit holds none of these roles
        with pytest.raises(Forbidden) as refused:
            form(app, world, scope=scope, by=wrong)
        assert refused.value.code == "NOT_YOUR_STEP" and rightful in str(refused.value.details["holders"])


def test_kota_serang_pasal_13_ayat_4_the_decision_states_tasks_targets_and_member_roles(tw):
    app, world = tw
    if app.profile.id != "kota-serang-2023":
        assert form(app, world, planned=[]).planned_members == []  # the others prescribe no contents
        return
    with pytest.raises(InvalidInput) as refused:
        form(app, world, planned=[])
    assert refused.value.code == "TEAM_DECISION_INCOMPLETE" and refused.value.details["missing"] == [
        "MEMBER_ROLES"
    ]
    assert "Pasal 13 ayat (4)" in refused.value.message_en


# (position, education, rank) -> may lead, with the article deciding it.
LEADERS = {
    "kota-serang-2023": {
        "strong": True,
        "weak": False,
        "admin": True,
    },  # Pasal 8(4)a: S1 + III/b; Pasal 12(4)
    "kab-serang-2024": {
        "strong": True,
        "weak": True,
        "admin": True,
    },  # Pasal 7(4): JPT, Administrator, JF, Pelaksana
    "banjarnegara-2024": {"strong": True, "weak": True, "admin": False},  # Pasal 23(6): JF or Pelaksana
    "pemalang-2023": {"strong": True, "weak": True, "admin": False},  # Pasal 13(2)
    "banyumas-2024": {"strong": True, "weak": True, "admin": False},  # Lampiran BAB II B.3 huruf b
}


def test_leader_eligibility_per_profile_kota_serang_pasal_8_ayat_4(tw):
    app, world = tw
    team = form(app, world)
    candidates = {"strong": world.leader, "weak": world.weak_leader, "admin": world.heads[world.w.a_u2]}
    for name, nip in candidates.items():
        if LEADERS[app.profile.id][name]:
            assert app.repo.team(lead(app, team, nip)).leader_nip == nip
        else:
            with pytest.raises(InvalidInput) as refused:
                lead(app, team, nip)
            assert refused.value.code == "LEADER_NOT_ELIGIBLE"
    if app.profile.id == "kota-serang-2023":
        with pytest.raises(InvalidInput) as refused:
            lead(app, team, world.weak_leader)
        assert "Pasal 8 ayat (4) huruf a" in refused.value.message_en and "S1" in refused.value.message_en
    with pytest.raises(Forbidden):  # the leader is appointed by the profile's office only
        lead(app, team, world.leader, by=world.w.bystander)


def test_where_the_profile_says_so_the_leader_is_fixed_on_a_proposal(tw):
    """Kab. Serang Lampiran E.1 huruf k (unit head proposes, agency head fixes); Kota Serang Pasal 12
    ayat (1) and (4) with Pasal 8 ayat (6) (unit head designates, PPK fixes); elsewhere the unit head
    appoints directly (e.g. Banjarnegara Pasal 23 ayat (6))."""
    app, world = tw
    team = form(app, world)
    (appointer, letter), tid = leader_appointer(app, team), str(team.id)
    if app.profile.teams.leader_proposed_by is None:
        with pytest.raises(InvalidInput) as refused:
            app.handle(as_(world.heads[world.w.a.unit]), ProposeTeamLeader(team_id=tid, nip=world.leader))
        assert refused.value.code == "NO_LEADER_PROPOSAL"
        return
    with pytest.raises(InvalidInput) as unproposed:
        app.handle(appointer, AppointTeamLeader(team_id=tid, nip=world.leader, letter=letter))
    assert unproposed.value.code == "LEADER_NOT_PROPOSED"
    assert app.profile.teams.leader_proposed_by.citation in unproposed.value.message_en
    with pytest.raises(Forbidden):
        app.handle(as_(world.w.bystander), ProposeTeamLeader(team_id=tid, nip=world.leader))
    app.handle(as_(world.heads[world.w.a.unit]), ProposeTeamLeader(team_id=tid, nip=world.leader))
    with pytest.raises(InvalidInput):  # another than the one proposed
        app.handle(appointer, AppointTeamLeader(team_id=tid, nip=world.weak_leader, letter=letter))
    app.handle(appointer, AppointTeamLeader(team_id=tid, nip=world.leader, letter=letter))
    assert app.repo.team(tid).leader_nip == world.leader


def test_a_cross_unit_leader_from_outside_the_owning_unit_is_a_warning_to_confirm(tw):
    app, world = tw
    team = form(app, world, scope="CROSS_UNIT")
    before = app.repo.team(str(team.id)).version
    answer = lead(app, team, world.outsider_leader, confirm=False)
    assert answer["warnings"][0]["code"] == "LEADER_NOT_FROM_OWNING_UNIT"
    preferred = app.profile.teams.leader_from_owning_unit_preferred
    assert preferred.citation in answer["warnings"][0]["legal_basis"]
    proposed = 1 if app.profile.teams.leader_proposed_by else 0
    assert app.repo.team(str(team.id)).version == before + proposed  # the appointment recorded nothing
    appointer, letter = leader_appointer(app, team)
    app.handle(
        appointer,
        AppointTeamLeader(
            team_id=str(team.id), nip=world.outsider_leader, confirm_warnings=True, letter=letter
        ),
    )
    event = events(app, team.id)[-1]
    assert app.repo.team(str(team.id)).leader_nip == world.outsider_leader
    assert event.warnings_confirmed[0]["code"] == "LEADER_NOT_FROM_OWNING_UNIT"
    # A leader from the owning unit needs no confirmation.
    assert app.repo.team(lead(app, team, world.leader, confirm=False)).leader_nip == world.leader


def test_members_join_through_fixed_assignments_take_roles_leave_and_the_team_dissolves(tw):
    app, world = tw
    team = staffed_team(app, world)
    assert set(team.members) == {world.w.official, world.w.second}
    assert team.members[world.w.official]["role"] == "Analis data"  # the role the decision stated
    manager = as_(team.formed_by_nip)
    # The leader "membagi peran anggota tim" where the profile says so; else the forming office does.
    divider = world.leader if app.profile.teams.membership.roles_divided_by else team.formed_by_nip
    app.handle(
        as_(divider), ChangeTeamMemberRole(team_id=str(team.id), nip=world.w.second, role="Verifikator")
    )
    team = app.repo.team(str(team.id))
    assert team.members[world.w.second]["role"] == "Verifikator"
    with pytest.raises(Forbidden) as not_the_leaders:  # the composition is the forming office's
        app.handle(as_(world.leader), RemoveTeamMember(team_id=str(team.id), nip=world.w.second, reason="X"))
    assert not_the_leaders.value.code == "MEMBERSHIP_NOT_THE_LEADERS"
    assert (
        cite(app.profile, app.profile.teams.membership.citation)
        in not_the_leaders.value.details["legal_basis"]
    )
    with pytest.raises(Forbidden):
        app.handle(
            as_(world.w.bystander), ChangeTeamMemberRole(team_id=str(team.id), nip=world.w.second, role="X")
        )
    with pytest.raises(InvalidInput) as no_reason:
        app.handle(manager, RemoveTeamMember(team_id=str(team.id), nip=world.w.second, reason=" "))
    assert no_reason.value.code == "REQUIRED"
    part = team.members[world.w.second]["assignment_id"]
    app.handle(manager, RemoveTeamMember(team_id=str(team.id), nip=world.w.second, reason="Mutasi"))
    team = app.repo.team(str(team.id))
    assert set(team.members) == {world.w.official}
    left = events(app, team.id)[-1]
    assert (left.assignment_id, left.decision["reason"]) == (part, "Mutasi")  # the member's part ends
    other = form(app, world)
    pending = open_team_assignment(app, owning_unit=world.w.a.unit, nips=[world.w.second])
    assert pending.status == "PENDING"
    with pytest.raises(InvalidInput) as not_fixed:
        app.handle(manager, AdmitTeamMembers(team_id=str(other.id), assignment_id=str(pending.id)))
    assert not_fixed.value.code == "ASSIGNMENT_NOT_FIXED"
    app.handle(manager, DissolveTeam(team_id=str(team.id), on=END, reason="Target tercapai"))
    assert app.repo.team(str(team.id)).status == "DISSOLVED"
    with pytest.raises(Conflict) as after:
        app.handle(manager, ChangeTeamMemberRole(team_id=str(team.id), nip=world.w.official, role="X"))
    assert after.value.code == "TEAM_DISSOLVED"


def test_members_are_admitted_by_the_forming_office_on_the_leaders_proposal_where_the_text_says_so(tw):
    """Kota Serang Pasal 12 ayat (5): the leader proposes, the office of Pasal 13 ayat (2) admits only
    those proposed; the other profiles have no proposal step and the leader never admits."""
    app, world = tw
    team = form(app, world)
    lead(app, team, world.leader)
    a = fixed_team_assignment(app, owning_unit=team.owning_unit, nips=[world.w.official, world.w.second])
    admit_ = AdmitTeamMembers(team_id=str(team.id), assignment_id=str(a.id))
    with pytest.raises(Forbidden) as by_leader:
        app.handle(as_(world.leader), admit_)
    assert by_leader.value.code == "MEMBERSHIP_NOT_THE_LEADERS"
    propose = ProposeTeamMembers(team_id=str(team.id), members=[{"nip": world.w.official, "role": "Analis"}])
    if app.profile.teams.members_proposed_by is None:
        with pytest.raises(InvalidInput) as no_step:
            app.handle(as_(world.leader), propose)
        assert no_step.value.code == "NO_MEMBER_PROPOSAL"
        app.handle(as_(team.formed_by_nip), admit_)
        assert set(app.repo.team(str(team.id)).members) == {world.w.official, world.w.second}
        return
    with pytest.raises(Forbidden):  # the leader's proposal, not the office's
        app.handle(as_(team.formed_by_nip), propose)
    app.handle(as_(world.leader), propose)
    with pytest.raises(InvalidInput) as unproposed:
        app.handle(as_(team.formed_by_nip), admit_)
    assert (
        unproposed.value.code == "MEMBER_NOT_PROPOSED" and unproposed.value.details["nip"] == world.w.second
    )
    assert "Pasal 12 ayat (5)" in unproposed.value.details["legal_basis"]
    app.handle(
        as_(world.leader),
        ProposeTeamMembers(team_id=str(team.id), members=[{"nip": world.w.second, "role": "Verifikator"}]),
    )
    app.handle(as_(team.formed_by_nip), admit_)
    joined = app.repo.team(str(team.id)).members
    assert {n: m["role"] for n, m in joined.items()} == {  # the decision's roles (Pasal 13 ayat (4))
        world.w.official: "Analis data",
        world.w.second: "Pengumpul data",
    }


def test_an_assignment_of_another_unit_or_for_individual_work_admits_nobody(tw):
    app, world = tw
    team = form(app, world)
    other_unit = fixed_team_assignment(app, owning_unit=world.w.a.subunit, nips=[world.w.official])
    with pytest.raises(InvalidInput) as refused:
        app.handle(
            as_(team.formed_by_nip), AdmitTeamMembers(team_id=str(team.id), assignment_id=str(other_unit.id))
        )
    assert refused.value.code == "ASSIGNMENT_OF_OTHER_UNIT"
    individual = fixed_team_assignment(app, owning_unit=team.owning_unit, nips=[world.w.official], team=False)
    with pytest.raises(InvalidInput) as refused:
        app.handle(
            as_(team.formed_by_nip), AdmitTeamMembers(team_id=str(team.id), assignment_id=str(individual.id))
        )
    assert refused.value.code == "ASSIGNMENT_NOT_FOR_TEAM"
    with pytest.raises(Forbidden):  # neither the former nor the leader
        app.handle(
            as_(world.w.bystander), AdmitTeamMembers(team_id=str(team.id), assignment_id=str(individual.id))
        )


def test_a_team_across_governments_admits_an_official_of_the_other_government(tw):
    """Kota Serang Pasal 13 ayat (2) huruf c, Banjarnegara Pasal 20 ayat (4), Pemalang Pasal 11 ayat (5);
    Kab. Serang (Lampiran B.1) and Banyumas (Pasal 9 ayat (2)) allow no such team."""
    from application.commands.assignments import RequestAssignment
    from domain.profile import Mode, Scope
    from tests.integration.assignment_walk import EXTERNAL, REQUEST_LETTER, decided, names_later, take

    app, world = tw
    if Scope.CROSS_INSTITUTION not in app.profile.assignment.scopes_allowed.values:
        with pytest.raises(InvalidInput) as refused:
            form(app, world, owning_unit=world.w.a_u2, scope="CROSS_INSTITUTION", by=world.heads["A.U2"])
        assert refused.value.code == "SCOPE_NOT_ALLOWED"
        return
    route = app.profile.assignment.route(Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
    kwargs = dict(
        mode="APPOINTMENT",
        scope="CROSS_INSTITUTION",
        owning_unit_code=world.w.a_u2,
        work="Kajian stunting",
        period_start=START,
        period_end=END,
        request_letter=REQUEST_LETTER,
        team=True,
        counterpart={"government": "Kabupaten Tegal", "tenant_side": "OWNING", "unit": "Dinkes Tegal"},
    )
    if names_later(route):
        kwargs["criteria"] = "Ahli gizi"
    else:
        kwargs["external_officials"] = EXTERNAL
    first_unit = world.w.a_u2 if route.steps[0].role.value == "OWNING_UNIT_HEAD" else "A"
    a = decided(app, as_(world.heads[first_unit]), RequestAssignment(**kwargs))
    while a.status == "PENDING":
        a = take(app, world.w, a, a.current[0])
    team = form(
        app,
        world,
        owning_unit=world.w.a_u2,
        scope="CROSS_INSTITUTION",
        planned=[{"nip": EXTERNAL[0]["nip"], "role": "Pakar gizi"}],
    )
    admit(app, team, a, leader=world.leader)
    team = app.repo.team(str(team.id))
    assert team.members[EXTERNAL[0]["nip"]] == {
        "nip": EXTERNAL[0]["nip"],
        "role": "Pakar gizi",
        "unit_code": None,
        "assignment_id": str(a.id),
    }
