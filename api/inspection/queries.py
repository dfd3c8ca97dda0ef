"""Inspection queries: the decision ledger, the organisation and officials as of an instant,
any aggregate's history and everything done by or to an official."""

from datetime import datetime
from uuid import UUID

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.input_limits import query_id
from api.inspection import asof
from api.inspection.asof import AsOfArg, AssignmentAsOf, EffectiveOnArg, RecordedAtArg, TeamAsOf
from api.inspection.inputs import LedgerFilterInput
from api.inspection.types import (
    AggregateSnapshot,
    DelegationAsOf,
    HistoryEntry,
    LedgerEntry,
    OfficialAsOf,
    UnitAsOf,
)
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import Oversight, Requires, SelfOrOversight
from application.inspection import Inspection, require_inspector, state_of
from domain.errors import InvalidInput, NotFound
from domain.ids import official_id, unit_id
from domain.profile.common import TimeZone
from projections.ledger.queries import LedgerQueries


def _position(after: str | None) -> int:
    raw = decode_cursor(after)
    if raw is None:
        return 0
    if not raw.isdigit():
        raise InvalidInput("INVALID_CURSOR", field="after")
    return int(raw)


def _zone(info: Info) -> TimeZone:
    return context(info).app.profile.time_zone


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
        description="The organisation tree and heads at `recordedAt` and/or `effectiveOn`, in tree order.",
        extensions=[Requires(Oversight())],
    )
    async def organisation_as_of(
        self,
        info: Info,
        as_of: AsOfArg = None,
        agency_code: str | None = None,
        recorded_at: RecordedAtArg = None,
        effective_on: EffectiveOnArg = None,
    ) -> list[UnitAsOf]:
        require_inspector(context(info).principal)
        when = asof.moment(as_of, recorded_at, effective_on, _zone(info))
        return await blocking(asof.organisation, info, when, agency_code)

    @strawberry.field(
        description="An official's position, placement and appraiser at `recordedAt` and/or `effectiveOn`.",
        extensions=[Requires(SelfOrOversight())],
    )
    async def official_as_of(
        self,
        info: Info,
        nip: str,
        as_of: AsOfArg = None,
        recorded_at: RecordedAtArg = None,
        effective_on: EffectiveOnArg = None,
    ) -> OfficialAsOf | None:
        require_inspector(context(info).principal, own_nip=nip.strip())
        when = asof.moment(as_of, recorded_at, effective_on, _zone(info))
        return await blocking(asof.official, info, nip.strip(), when)

    @strawberry.field(
        description=(
            "Delegations the official held (granted, unrevoked, in period) at `recordedAt` and/or"
            " `effectiveOn` (the period is judged on `effectiveOn`, else on the day of `recordedAt` in the"
            " government's time zone)."
        ),
        extensions=[Requires(SelfOrOversight())],
    )
    async def delegations_held_as_of(
        self,
        info: Info,
        nip: str,
        as_of: AsOfArg = None,
        recorded_at: RecordedAtArg = None,
        effective_on: EffectiveOnArg = None,
    ) -> list[DelegationAsOf]:
        require_inspector(context(info).principal, own_nip=nip.strip())
        when = asof.moment(as_of, recorded_at, effective_on, _zone(info))
        return await blocking(asof.delegations_held, info, nip.strip(), when)

    @strawberry.field(
        description="An assignment's status, steps and officials at `recordedAt` and/or `effectiveOn`.",
        extensions=[Requires(Oversight())],
    )
    async def assignment_as_of(
        self,
        info: Info,
        id: strawberry.ID,
        recorded_at: RecordedAtArg = None,
        effective_on: EffectiveOnArg = None,
    ) -> AssignmentAsOf | None:
        require_inspector(context(info).principal)
        key = str(query_id(id, "id"))  # a malformed id is INVALID_ID, whatever else is wrong
        return await blocking(
            asof.assignment, info, key, asof.moment(None, recorded_at, effective_on, _zone(info))
        )

    @strawberry.field(
        description="A team's status, head and members at `recordedAt` and/or `effectiveOn`.",
        extensions=[Requires(Oversight())],
    )
    async def team_as_of(
        self,
        info: Info,
        id: strawberry.ID,
        recorded_at: RecordedAtArg = None,
        effective_on: EffectiveOnArg = None,
    ) -> TeamAsOf | None:
        require_inspector(context(info).principal)
        key = str(query_id(id, "id"))  # a malformed id is INVALID_ID, whatever else is wrong
        return await blocking(asof.team, info, key, asof.moment(None, recorded_at, effective_on, _zone(info)))

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
