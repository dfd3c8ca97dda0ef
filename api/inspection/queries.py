"""Inspection queries: the decision ledger, the organisation and officials as of an instant,
any aggregate's history and everything done by or to an official."""

from datetime import datetime
from uuid import UUID

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.input_limits import query_id
from api.inspection.inputs import LedgerFilterInput
from api.inspection.types import (
    AggregateSnapshot,
    DelegationAsOf,
    HistoryEntry,
    LedgerEntry,
    OfficialAsOf,
    Person,
    UnitAsOf,
    delegation_as_of,
)
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import Oversight, Requires, SelfOrOversight
from api.scalars import day
from application.inspection import Inspection, require_inspector, state_of
from domain.errors import InvalidInput, NotFound
from domain.ids import official_id, unit_id
from projections.ledger.queries import LedgerQueries


def _position(after: str | None) -> int:
    raw = decode_cursor(after)
    if raw is None:
        return 0
    if not raw.isdigit():
        raise InvalidInput("INVALID_CURSOR", field="after")
    return int(raw)


def _aggregate_id(unit_code: str | None, nip: str | None, aggregate_id: str | None) -> UUID:
    if sum(value is not None for value in (unit_code, nip, aggregate_id)) != 1:
        raise InvalidInput("ONE_SUBJECT_REQUIRED")
    if unit_code is not None:
        return unit_id(unit_code.strip().upper())
    if nip is not None:
        return official_id(nip.strip())
    return UUID(query_id(aggregate_id, "aggregateId"))  # malformed: INVALID_ID, as on every id field


def _names(info: Info, nips: list[str]) -> dict[str, str]:
    rows = context(info).queries.officials_by_nip([nip for nip in dict.fromkeys(nips) if nip])
    return {nip: row["name"] for nip, row in rows.items()}


def _organisation_as_of(info: Info, as_of: datetime, agency_code: str | None) -> list[UnitAsOf]:
    ctx = context(info)
    codes = [row["code"] for row in ctx.queries.units(agency_code=agency_code, limit=100_000)]
    units = Inspection(ctx.app).units_as_of(codes, as_of)
    names = _names(info, [unit.head_nip for unit in units])
    return [
        UnitAsOf(
            code=u.code,
            name=u.name,
            kind=u.kind,
            level=u.level,
            parent_code=u.parent_code,
            agency_code=u.agency_code,
            head=Person(nip=u.head_nip, name=names.get(u.head_nip)) if u.head_nip else None,
        )
        for u in units
    ]


def _official_as_of(info: Info, nip: str, as_of: datetime) -> OfficialAsOf | None:
    official = Inspection(context(info).app).official_as_of(nip, as_of)
    if official is None:
        return None
    placement = official.placement or {}
    appraiser = placement.get("appraiser_nip")
    return OfficialAsOf(
        nip=official.nip,
        name=official.name,
        position_type=official.position_type,
        head_of=official.head_of,
        unit_code=placement.get("unit_code"),
        placed_since=day(placement.get("effective_date")),
        appraiser=Person(nip=appraiser, name=_names(info, [appraiser]).get(appraiser)) if appraiser else None,
        delegations_granted=[
            delegation_as_of(grant, official.nip) for grant in official.delegations.values()
        ],
    )


def _history(info: Info, aggregate_id: UUID) -> list[HistoryEntry]:
    ctx = context(info)
    events = Inspection(ctx.app).history(aggregate_id)
    if not events:
        raise NotFound("NOTHING_RECORDED")
    positions = LedgerQueries(ctx.store).positions(str(aggregate_id))
    return [HistoryEntry.from_event(event, positions.get(event.version)) for event in events]


@strawberry.type
class InspectionQuery:
    @strawberry.field(
        description="Decisions of every kind in recorded order (administrator, inspectorate, auditors).",
        extensions=[Requires(Oversight())],
    )
    async def decision_ledger(
        self, info: Info, filter: LedgerFilterInput | None = None, first: int = 50, after: str | None = None
    ) -> Connection[LedgerEntry]:
        require_inspector(context(info).principal)
        size, where = page_size(first), (filter or LedgerFilterInput()).to_filter()
        rows = await blocking(
            LedgerQueries(context(info).store).decisions, where, after=_position(after), limit=size + 1
        )
        return connection(rows, size, "position", LedgerEntry.from_row)

    @strawberry.field(
        description="Everything done by or to an official (as actor, subject or delegating official).",
        extensions=[Requires(SelfOrOversight())],
    )
    async def official_activity(
        self, info: Info, nip: str, first: int = 50, after: str | None = None
    ) -> Connection[LedgerEntry]:
        require_inspector(context(info).principal, own_nip=nip.strip())
        size = page_size(first)
        rows = await blocking(
            LedgerQueries(context(info).store).involving, nip.strip(), after=_position(after), limit=size + 1
        )
        return connection(rows, size, "position", LedgerEntry.from_row)

    @strawberry.field(
        description="Every event of a unit, an official or any aggregate, in order.",
        extensions=[Requires(SelfOrOversight())],
    )
    async def history(
        self,
        info: Info,
        unit_code: str | None = None,
        nip: str | None = None,
        aggregate_id: strawberry.ID | None = None,
    ) -> list[HistoryEntry]:
        require_inspector(context(info).principal, own_nip=nip.strip() if nip else None)
        return await blocking(_history, info, _aggregate_id(unit_code, nip, aggregate_id))

    @strawberry.field(
        description="The organisation tree and its heads as they were at `asOf`, in tree order.",
        extensions=[Requires(Oversight())],
    )
    async def organisation_as_of(
        self, info: Info, as_of: datetime, agency_code: str | None = None
    ) -> list[UnitAsOf]:
        require_inspector(context(info).principal)
        return await blocking(_organisation_as_of, info, as_of, agency_code)

    @strawberry.field(
        description="An official's position, placement and appraiser as they were at `asOf`.",
        extensions=[Requires(SelfOrOversight())],
    )
    async def official_as_of(self, info: Info, nip: str, as_of: datetime) -> OfficialAsOf | None:
        require_inspector(context(info).principal, own_nip=nip.strip())
        return await blocking(_official_as_of, info, nip.strip(), as_of)

    @strawberry.field(
        description="Delegations the official held (granted, unrevoked, in period) at `asOf`.",
        extensions=[Requires(SelfOrOversight())],
    )
    async def delegations_held_as_of(self, info: Info, nip: str, as_of: datetime) -> list[DelegationAsOf]:
        require_inspector(context(info).principal, own_nip=nip.strip())
        ctx = context(info)
        grantors = [
            row["grantor_nip"] for row in await blocking(ctx.queries.delegations, delegate_nip=nip.strip())
        ]
        held = await blocking(Inspection(ctx.app).delegations_held_as_of, nip.strip(), grantors, as_of)
        return [delegation_as_of(grant, grant["grantor_nip"]) for grant in held]

    @strawberry.field(
        description="Any aggregate (unit, official, team, assignment, …) as it was at `asOf`.",
        extensions=[Requires(Oversight())],
    )
    async def aggregate_as_of(
        self, info: Info, aggregate_id: strawberry.ID, as_of: datetime
    ) -> AggregateSnapshot | None:
        require_inspector(context(info).principal)
        aggregate = await blocking(
            Inspection(context(info).app).aggregate_as_of, _aggregate_id(None, None, aggregate_id), as_of
        )
        if aggregate is None:
            return None
        return AggregateSnapshot(
            aggregate_id=str(aggregate.id),
            aggregate_type=type(aggregate).__name__,
            version=aggregate.version,
            state=state_of(aggregate),
        )
