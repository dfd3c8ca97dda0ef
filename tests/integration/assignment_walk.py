"""Walking an assignment route through the application, as the officials who hold each step.

Shared by the route tests: a world per profile is built once and copied for each test (SQLite
file copy), so the exhaustive walks stay fast.
"""

import shutil
from datetime import date
from pathlib import Path

from application.commands.assignments import (
    AcceptAssignment,
    ApproveStep,
    DesignateUnit,
    IssueLetter,
    NameOfficials,
    RecordExternalStep,
    RejectStep,
    RequestAssignment,
)
from application.pipeline import Command
from application.principal import ADMIN_ROLE, Principal
from domain.assignment import Assignment
from domain.profile import Action, Mode, Role, Route, Scope
from domain.routes import is_other_government
from infra.bootstrap import System, build
from infra.settings import Settings
from tests.support import World, build_world

ADMIN = Principal(nip="196805121990031003", roles=frozenset({ADMIN_ROLE}))
LETTER = {
    "reference": "800/123/Dinkes/2025",
    "signatory": "dr. Budi, Sekretaris Daerah",
    "date": date(2025, 1, 10),
}
EXTERNAL = [
    {"nip": "198001012005011001", "name": "Siti Rahayu, S.E."}
]  # a name has no brackets (domain.limits.NAME)
REQUEST_LETTER = {
    "purpose": "Percepatan penurunan stunting",
    "competencies": "Analisis data gizi",
    "expected_target": "Peta sebaran stunting per desa",
}
_templates: dict[str, tuple[Path, World]] = {}


def sqlite_settings(path: Path, profile: str) -> Settings:
    return Settings(database_url=f"sqlite:///{path}", profile=profile, jwt_secret="test-secret")


def world_system(tmp_path: Path, template_dir: Path, profile: str) -> tuple[System, World]:
    """A fresh SQLite system holding the profile's world, copied from a template built once."""
    if profile not in _templates:
        path = template_dir / f"{profile}.db"
        system = build(sqlite_settings(path, profile))
        world = build_world(system.app, ADMIN)
        system.close()
        _templates[profile] = (path, world)
    path, world = _templates[profile]
    target = tmp_path / "store.db"
    shutil.copy(path, target)
    return build(sqlite_settings(target, profile)), world


def decided(app, actor: Principal, command: Command) -> Assignment:
    """Run the command; the assignment as it now stands."""
    return app.repo.assignment(app.handle(actor, command).result)


def owning_unit(world: World, scope: Scope) -> str:
    return {
        Scope.WITHIN_UNIT: world.a.unit,
        Scope.CROSS_UNIT: world.a_u2,
        Scope.CROSS_AGENCY: world.b.unit,
        Scope.CROSS_INSTITUTION: world.a_u2,
    }[scope]


def names_later(route: Route) -> bool:
    return any(step.action is Action.NAME_OFFICIALS for step in route.steps[1:])


def designates(route: Route) -> bool:
    return any(step.designates_unit for step in route.steps)


def open_request(app, world: World, route: Route, tenant_side: str = "OWNING"):
    """Step 1, taken by whoever holds it (the administrator from the letter when the other
    government requests)."""
    owning = owning_unit(world, route.scope)
    kwargs: dict = dict(
        mode=route.mode.value,
        scope=route.scope.value,
        owning_unit_code=owning,
        work="Penyusunan peta stunting",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
        request_letter=REQUEST_LETTER,
    )
    if route.scope is Scope.CROSS_INSTITUTION:
        kwargs["counterpart"] = {
            "government": "Kabupaten Tegal",
            "tenant_side": tenant_side,
            "unit": "Dinas Kesehatan Kabupaten Tegal",
        }
    external_official = route.scope is Scope.CROSS_INSTITUTION and tenant_side == "OWNING"
    if route.mode is Mode.VOLUNTARY and external_official:  # their official applies: from the letter
        kwargs.update(external_officials=EXTERNAL, external_letter=LETTER)
        return decided(app, ADMIN, RequestAssignment(**kwargs))
    if route.mode is Mode.VOLUNTARY:
        return decided(app, Principal(nip=world.official), RequestAssignment(**kwargs))
    if names_later(route):
        # The target agency's head chooses the unit where a step designates it: name the agency.
        target = world.a.agency if designates(route) else world.a.subunit
        kwargs.update(
            criteria="Pelaksana dengan keahlian analisis data",
            official_unit_code=None if external_official else target,
        )
    elif external_official:
        kwargs["external_officials"] = EXTERNAL
    else:
        kwargs["official_nips"] = [world.official]
    first = route.steps[0].role
    if route.scope is Scope.CROSS_INSTITUTION and tenant_side == "OFFICIAL":
        return decided(app, ADMIN, RequestAssignment(external_letter=LETTER, **kwargs))
    unit = owning if first is Role.OWNING_UNIT_HEAD else owning.split(".")[0]
    return decided(app, Principal(nip=world.heads[unit]), RequestAssignment(**kwargs))


def is_external(app, a, role: str) -> bool:
    return is_other_government(role, a.tenant_side) or (
        role == Role.PPK.value and not app.roles.holders(a, role)
    )


def rightful_actor(app, a, step: int) -> Principal:
    role = a.steps[step - 1]["role"]
    if is_external(app, a, role):
        return ADMIN
    return Principal(nip=app.roles.holders(a, role)[0].nip)


def take(app, world: World, a, step: int):
    """Take step `step` as its rightful actor, approving."""
    spec = a.steps[step - 1]
    key, action = str(a.id), spec["action"]
    if is_external(app, a, spec["role"]):
        return decided(
            app,
            ADMIN,
            RecordExternalStep(
                assignment_id=key,
                step=step,
                approved=True,
                letter=LETTER,
                officials=EXTERNAL if action == "NAME_OFFICIALS" else None,
                letter_number="800/77/ST/2025",
            ),
        )
    actor = rightful_actor(app, a, step)
    if spec.get("designates_unit"):  # the unit whose head appraises the official
        return decided(app, actor, DesignateUnit(assignment_id=key, step=step, unit_code=world.a.unit))
    if action in ("APPROVE", "RECOMMEND", "PROPOSE"):
        return decided(app, actor, ApproveStep(assignment_id=key, step=step))
    if action == "NAME_OFFICIALS":
        return decided(app, actor, NameOfficials(assignment_id=key, step=step, nips=[world.official]))
    if action in ("ISSUE_LETTER", "FIX"):
        return decided(app, actor, IssueLetter(assignment_id=key, step=step, on=date(2025, 1, 15)))
    return decided(app, actor, AcceptAssignment(assignment_id=key, step=step))


def reject(app, a, step: int, reason: str):
    if is_external(app, a, a.steps[step - 1]["role"]):
        return decided(
            app,
            ADMIN,
            RecordExternalStep(
                assignment_id=str(a.id), step=step, approved=False, letter=LETTER, reason=reason
            ),
        )
    refuser = (a.steps[step - 1].get("refused_by") or [a.steps[step - 1]["role"]])[0]
    actor = Principal(nip=app.roles.holders(a, refuser)[0].nip)  # whom the profile gives the refusal
    return decided(app, actor, RejectStep(assignment_id=str(a.id), step=step, reason=reason))


def walk_to(app, world: World, route: Route, step: int, tenant_side: str = "OWNING"):
    """Open the request and take every step before `step`."""
    a = open_request(app, world, route, tenant_side)
    for n in range(2, step):
        a = take(app, world, a, n)
    return a
