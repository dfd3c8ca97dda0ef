"""One import: the steps in the order their rules need (units, officials, heads, placements), on
the government's own system or — for a dry run — on a scratch copy of its organisation in memory,
so a dry run checks every row by the same rules and records nothing."""

from collections.abc import Callable
from typing import Any

from application.commands.organisation import AppointHead, EstablishUnit, PlaceOfficial, RegisterOfficial
from application.principal import ADMIN_ROLE, Principal
from domain.errors import DomainError
from infra.bootstrap import System, build
from infra.onboarding.importer import Importer, Summary, parse_date
from infra.onboarding.reader import Row
from infra.settings import Settings


def run(
    system: System,
    actor_nip: str,
    org: list[Row],
    officials: list[Row],
    *,
    dry_run: bool = False,
    tick: Callable[[], None] | None = None,
) -> Summary:
    target = scratch_copy(system, actor_nip) if dry_run else system
    try:
        importer = Importer(target.app, target.store, actor_nip, tick)
        importer.units(org)
        importer.register(officials)
        importer.heads(org)
        importer.place(officials)
        return importer.summary
    finally:
        if target is not system:
            target.close()


def steps(org: list[Row], officials: list[Row]) -> int:
    return 2 * len(org) + 2 * len(officials)


def scratch_copy(system: System, actor_nip: str) -> System:
    """An in-memory system of the same profile holding the organisation as the read models show it
    (units, officials, heads, placements), rebuilt through the commands."""
    settings = Settings(database_url="sqlite:///:memory:", profile=system.settings.profile)
    scratch = build(settings, migrate=True)
    actor, query = Principal(actor_nip, frozenset({ADMIN_ROLE})), system.store.query
    units = query("SELECT * FROM units ORDER BY level, code")
    people = query("SELECT * FROM officials ORDER BY nip")
    for unit in units:
        _quietly(scratch, actor, EstablishUnit(
            code=unit["code"], name=unit["name"], kind=unit["kind"], head_position=unit["head_position"],
            parent_code=unit["parent_code"], legal_basis=unit["legal_basis"],
            structure_type=unit["structure_type"], unit_kerja_mandiri=bool(unit["unit_kerja_mandiri"]),
        ))  # fmt: skip
    for person in people:
        _quietly(scratch, actor, RegisterOfficial(
            nip=person["nip"], name=person["name"], employee_type=person["employee_type"],
            position_type=person["position_type"], position_title=person["position_title"],
            grade=person["grade"], rank=person["rank"], education=person["education"], legal_basis="copy",
        ))  # fmt: skip
    for unit in units:
        if unit["head_nip"]:
            since = parse_date(str(unit["head_since"])[:10], "head_since")
            _quietly(scratch, actor, AppointHead(
                unit_code=unit["code"], nip=unit["head_nip"], effective_date=since, legal_basis="copy"
            ))  # fmt: skip
    for person in people:
        if person["unit_code"] and person["placed_since"]:
            since = parse_date(str(person["placed_since"])[:10], "placed_since")
            _quietly(scratch, actor, PlaceOfficial(
                nip=person["nip"], unit_code=person["unit_code"],
                appraiser_nip=person["appraiser_nip"], effective_date=since,
            ))  # fmt: skip
    return scratch


def _quietly(system: System, actor: Principal, command: Any) -> None:
    """The copy is best effort: what the real store holds was accepted once."""
    try:
        system.app.handle(actor, command)
    except DomainError:
        pass
