"""A world for team work, per profile: build_world's agencies plus a Setda with an Asisten, a
RSUD and a Kecamatan, officials eligible to lead, and fixed team assignments walked through
the assignment routes by whoever holds each step.

Built once per profile and copied (SQLite file) for each test, so the per-profile walks stay fast.
"""

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from application.commands.assignments import (
    ApproveStep,
    ConfigureOffices,
    IssueLetter,
    NameOfficials,
    RequestAssignment,
)
from application.commands.organisation import AppointHead, EstablishUnit, PlaceOfficial
from application.commands.teams import (
    AdmitTeamMembers,
    AppointTeamLeader,
    FormTeam,
    ProposeTeamLeader,
    ProposeTeamMembers,
)
from application.principal import ADMIN_ROLE, Principal
from domain.profile import Role
from domain.routes import is_other_government
from infra.bootstrap import System, build
from infra.settings import Settings
from tests.integration.assignment_walk import decided
from tests.support import World, build_agency, build_world, register

ADMIN = Principal(nip="196805121990031003", roles=frozenset({ADMIN_ROLE}))
PROFILES = ["kab-serang-2024", "kota-serang-2023", "banjarnegara-2024", "pemalang-2023", "banyumas-2024"]
START, END = date(2025, 1, 1), date(2025, 12, 31)
# The PPK's signed decision (Kota Serang Pasal 8 ayat (6)), as the administrator records it.
PPK_LETTER = {
    "reference": "Kep. Wali Kota 800/7/2025",
    "signatory": "Wali Kota Serang",
    "date": date(2025, 1, 3),
}
_templates: dict[str, tuple[Path, "TeamWorld"]] = {}
# Stated on every appointment: the rules that ask for it (Kota Serang Pelaksana) then admit.
EXPERIENCE = {"statement": "Pengelola data stunting 2021-2024", "evidence": "SK Kepala Dinas 800/12/2021"}


@dataclass
class TeamWorld:
    w: World
    leader: str  # Pelaksana S1 III/b, placed in A.U1.S1: eligible everywhere
    weak_leader: str  # Pelaksana SMA II/c: not eligible in Kota Serang (Pasal 8(4))
    outsider_leader: str  # Fungsional placed in A.U2: eligible, but not from A.U1
    asisten: str  # SETDA.AS1 (Asisten) > SETDA.AS1.B1 (Bagian)
    bagian: str
    rsud: str
    kecamatan: str

    @property
    def heads(self) -> dict:
        return self.w.heads


def _build(app) -> TeamWorld:
    w = build_world(app, ADMIN)
    people = []
    for unit, appraiser, kind, rank, edu in (
        (w.a.subunit, w.a.unit_head, "PELAKSANA", "III/b", "S1"),
        (w.a.subunit, w.a.unit_head, "PELAKSANA", "II/c", "SMA"),
        (w.a_u2, w.heads[w.a_u2], "FUNGSIONAL", "III/c", "S1"),
    ):
        person = register(
            app,
            ADMIN,
            position_type=kind,
            grade="AHLI_PERTAMA" if kind == "FUNGSIONAL" else None,
            rank=rank,
            education=edu,
        )
        app.handle(
            ADMIN,
            PlaceOfficial(
                nip=person, unit_code=unit, appraiser_nip=appraiser, effective_date=date(2024, 1, 2)
            ),
        )
        people.append(person)
    app.handle(
        ADMIN,
        ConfigureOffices(
            setda_code="SETDA", ppk_name="Wali Kota", ppk_office="Wali Kota", legal_basis="Perbup kewenangan"
        ),
    )
    basis = "Perbup SOTK"
    app.handle(
        ADMIN,
        EstablishUnit(
            code="SETDA.AS1",
            name="Asisten Pemerintahan",
            kind="ASISTEN",
            head_position="JPT_PRATAMA",
            parent_code="SETDA",
            legal_basis=basis,
        ),
    )
    app.handle(
        ADMIN,
        EstablishUnit(
            code="SETDA.AS1.B1",
            name="Bagian Organisasi",
            kind="BAGIAN",
            head_position="ADMINISTRATOR",
            parent_code="SETDA.AS1",
            legal_basis=basis,
        ),
    )
    for unit, position, rank in (
        ("SETDA.AS1", "JPT_PRATAMA", "IV/c"),
        ("SETDA.AS1.B1", "ADMINISTRATOR", "IV/a"),
    ):
        head = register(app, ADMIN, position_type=position, rank=rank)
        app.handle(
            ADMIN, AppointHead(unit_code=unit, nip=head, effective_date=date(2024, 1, 2), legal_basis="SK")
        )
        w.heads[unit] = head
    rsud = build_agency(app, ADMIN, code="RSUD", kind="RSUD", unit_kind="BIDANG", subunit_kind="SEKSI")
    kec = build_agency(app, ADMIN, code="KEC", kind="KECAMATAN", unit_kind="SEKSI", subunit_kind="SEKSI")
    for agency in (rsud, kec):
        w.heads.update(
            {
                agency.agency: agency.agency_head,
                agency.unit: agency.unit_head,
                agency.subunit: agency.subunit_head,
            }
        )
    return TeamWorld(
        w, *people, asisten="SETDA.AS1", bagian="SETDA.AS1.B1", rsud=rsud.unit, kecamatan=kec.unit
    )


def team_system(tmp_path: Path, template_dir: Path, profile: str) -> tuple[System, TeamWorld]:
    if profile not in _templates:
        path = template_dir / f"team-{profile}.db"
        system = build(Settings(database_url=f"sqlite:///{path}", profile=profile, jwt_secret="t" * 40))
        world = _build(system.app)
        system.close()
        _templates[profile] = (path, world)
    path, world = _templates[profile]
    shutil.copy(path, tmp_path / "store.db")
    return build(
        Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", profile=profile, jwt_secret="t" * 40)
    ), world


def open_team_assignment(
    app, *, owning_unit: str, nips: list[str], scope: str = "WITHIN_UNIT", team: bool = True
):
    """A request to appoint `nips` to team work of `owning_unit`, opened by whoever holds step 1."""
    from domain.assignment import Assignment
    from domain.profile import Mode, Scope

    first = app.profile.assignment.route(Mode.APPOINTMENT, Scope(scope)).steps[0].role.value
    probe = Assignment(
        mode="APPOINTMENT",
        scope=scope,
        route_citation="",
        steps=[{"role": first}],
        letter={},
        owning_unit=owning_unit,
        official_unit=None,
        counterpart=None,
        officials=[],
        criteria=None,
        team=team,
        work="",
        request_letter=None,
        period_start="",
        period_end="",
        requester_nip="",
        decision={},
    )  # never saved: tells who holds step 1
    return decided(
        app,
        Principal(nip=app.roles.holders(probe, first)[0].nip),
        RequestAssignment(
            mode="APPOINTMENT",
            scope=scope,
            owning_unit_code=owning_unit,
            work="Percepatan penurunan stunting",
            period_start=START,
            period_end=END,
            official_nips=nips,
            team=team,
            request_letter={
                "purpose": "Tim percepatan",
                "competencies": "Analisis data",
                "expected_target": "Peta",
            },
        ),
    )


def fixed_team_assignment(
    app, *, owning_unit: str, nips: list[str], scope: str = "WITHIN_UNIT", team: bool = True
):
    """The same request walked, step by step by each step's holder, until its letter is issued."""
    a = open_team_assignment(app, owning_unit=owning_unit, nips=nips, scope=scope, team=team)
    while a.status == "PENDING":
        step, spec = a.current
        action, role = spec["action"], spec["role"]
        if is_other_government(role, a.tenant_side) or not app.roles.holders(a, role):
            raise AssertionError(f"step {step} ({role}) has no holder in the test world")
        actor = Principal(nip=app.roles.holders(a, role)[0].nip)
        if action in ("ISSUE_LETTER", "FIX"):
            a = decided(app, actor, IssueLetter(assignment_id=str(a.id), step=step, on=START))
        elif action == "NAME_OFFICIALS":
            a = decided(app, actor, NameOfficials(assignment_id=str(a.id), step=step, nips=nips))
        else:
            a = decided(app, actor, ApproveStep(assignment_id=str(a.id), step=step))
    return a


def events(app, aggregate_id) -> list:
    return list(app.repository.event_store.get(aggregate_id))


def world_for(profile: str, tmp_path: Path, tmp_path_factory) -> tuple[System, TeamWorld]:
    templates = tmp_path_factory.getbasetemp() / "team-templates"
    templates.mkdir(exist_ok=True)
    return team_system(tmp_path, templates, profile)


def as_(nip: str) -> Principal:
    return Principal(nip=nip)


def form(
    app,
    world: TeamWorld,
    *,
    owning_unit: str | None = None,
    scope: str = "WITHIN_UNIT",
    by: str | None = None,
    planned: list[dict] | None = None,
    plan_item_id: str | None = None,
):
    """A team formed by whoever the profile names (or `by`), stating tasks, targets and roles."""
    from application.roles import Work
    from domain.profile import Scope

    owning = owning_unit or world.w.a.unit
    # `by` given: the scope may be one the profile does not allow, with no one to form it.
    if by is None:
        # The first office of the rule someone here holds (Kota Serang across governments: "PPK
        # dan/atau pejabat yang berwenang", the PyB where the PPK decides by letter).
        former = app.profile.teams.former(Scope(scope))
        by = next(h for role in former.roles for h in app.roles.role_holders(role.value, Work(owning))).nip
    actor = by
    formed = app.handle(
        as_(actor),
        FormTeam(
            owning_unit=owning,
            scope=scope,
            name="Tim Percepatan Penurunan Stunting",
            tasks=["Menyusun peta sebaran stunting", "Menyusun rekomendasi intervensi"],
            targets=[{"description": "Peta sebaran stunting per desa", "measure": "1 dokumen, Juni 2025"}],
            planned_members=planned
            if planned is not None
            else [
                {"nip": world.w.official, "role": "Analis data", "task": "Menganalisis data stunting"},
                {"nip": world.w.second, "role": "Pengumpul data", "task": "Mengumpulkan data per desa"},
            ],
            period_start=START,
            period_end=END,
            plan_item_id=plan_item_id,
        ),
    )
    return app.repo.team(formed.result)


def leader_appointer(app, team) -> tuple[Principal, dict | None]:
    """Who appoints the leader, and the letter the administrator records where that office has no
    holder here (the PPK: docs/adr/0008-the-ppk-has-no-nip.md)."""
    from application.roles import Work

    role = app.profile.teams.leader_appointed_by.role
    if role is Role.PPK:
        return ADMIN, PPK_LETTER
    return as_(app.roles.role_holders(role.value, Work(team.owning_unit))[0].nip), None


def lead(app, team, nip: str, *, by: str | None = None, confirm: bool = True):
    """Propose (where the profile has the leader proposed) and appoint, each by its office."""
    from application.roles import Work

    rule = app.profile.teams.leader_proposed_by
    if rule is not None:
        proposer = app.roles.role_holders(rule.role.value, Work(team.owning_unit))[0].nip
        app.handle(as_(proposer), ProposeTeamLeader(team_id=str(team.id), nip=nip))
    actor, letter = (as_(by), None) if by else leader_appointer(app, team)
    return app.handle(
        actor,
        AppointTeamLeader(
            team_id=str(team.id),
            nip=nip,
            confirm_warnings=confirm,
            letter=letter,
            relevant_experience=EXPERIENCE,
        ),
    ).result


def staffed_team(app, world: TeamWorld, *, owning_unit: str | None = None, plan_item_id: str | None = None):
    """Formed (serving `plan_item_id` where given), led by an eligible official of the owning unit,
    both officials admitted."""
    team = form(app, world, owning_unit=owning_unit, plan_item_id=plan_item_id)
    lead(app, team, world.leader)
    a = fixed_team_assignment(app, owning_unit=team.owning_unit, nips=[world.w.official, world.w.second])
    admit(app, team, a)
    return app.repo.team(str(team.id))


def admit(app, team, assignment, *, leader: str | None = None, **command) -> None:
    """The team's office admits the assignment's officials, proposed first by the leader where the
    profile has it (teams.members_proposed_by, Kota Serang Pasal 12 ayat (5)); a team without a
    leader is first given `leader` there."""
    team_id = str(team.id)
    if app.profile.teams.members_proposed_by is not None:
        if app.repo.team(team_id).leader_nip is None and leader is not None:
            lead(app, team, leader)
        leader = app.repo.team(team_id).leader_nip
        proposed = [{"nip": o["nip"], "role": "Anggota"} for o in assignment.officials]
        app.handle(as_(leader), ProposeTeamMembers(team_id=team_id, members=proposed))
    app.handle(
        as_(team.formed_by_nip),
        AdmitTeamMembers(team_id=team_id, assignment_id=str(assignment.id), **command),
    )
