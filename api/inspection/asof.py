"""Point in time on both axes (ADR 0011): the arguments, the answers' types, and the resolvers'
work, all served from the history views (projections.asof), never by replaying the store.

- `recordedAt` (an instant; `asOf` is its former name): what the record said at that instant;
- `effectiveOn` (a day): what was in force on that day, by TMT, as the record says now;
- both: what the record said at that instant about that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.context import context
from api.enums import AssignmentState, TeamState
from api.inspection.types import DelegationAsOf, OfficialAsOf, Person, UnitAsOf
from api.scalars import day
from api.teams.types import TeamHeadTitle
from domain.assignment_lifecycle import Standing
from domain.errors import InvalidInput
from domain.ids import official_id
from domain.profile.common import TimeZone
from projections.asof.bitemporal import FOREVER, recorded
from projections.asof.queries import AsOfQueries

AS_OF = "Former name of `recordedAt` (still accepted)."
RECORDED_AT = "What the record said at this instant (UTC if no offset is given)."
EFFECTIVE_ON = "What was in force on this day, by TMT (as recorded at `recordedAt`, else as recorded now)."

AsOfArg = Annotated[datetime | None, strawberry.argument(description=AS_OF)]
RecordedAtArg = Annotated[datetime | None, strawberry.argument(description=RECORDED_AT)]
EffectiveOnArg = Annotated[date | None, strawberry.argument(description=EFFECTIVE_ON)]


@dataclass(frozen=True)
class Moment:
    """The point asked about: `at` on the recorded axis, `on` on the effective axis, and the day
    a delegation's validity period is judged on."""

    at: str
    on: str
    validity_day: str


def moment(
    as_of: datetime | None, recorded_at: datetime | None, effective_on: date | None, zone: TimeZone
) -> Moment:
    """`zone`: the government's local time (its profile's), whose calendar a delegation's period is
    written in."""
    if as_of is not None and recorded_at is not None:
        raise InvalidInput("AS_OF_TWICE", field="asOf")
    instant = recorded_at or as_of
    if instant is None and effective_on is None:
        raise InvalidInput("AS_OF_INSTANT_REQUIRED", field="recordedAt")
    at = recorded(instant if instant is not None else datetime.now(UTC))
    on = effective_on.isoformat() if effective_on is not None else FOREVER
    if effective_on is not None:
        return Moment(at, on, on)
    # Only a recorded instant given: the delegation's period is judged on that instant's local day.
    return Moment(at, on, _local_day(at, zone))


def _local_day(at: str, zone: TimeZone) -> str:
    """The day in `zone` of a recorded instant (bitemporal.recorded's UTC text); the ends of the
    calendar stay the UTC day."""
    instant = datetime.fromisoformat(at.replace("Z", "+00:00"))
    try:
        return (instant + timedelta(hours=zone.utc_offset_hours)).date().isoformat()
    except OverflowError:
        return at[:10]


def _queries(info: Info) -> AsOfQueries:
    return AsOfQueries(context(info).store)


def _names(info: Info, nips: list[str | None]) -> dict[str, str]:
    rows = context(info).queries.officials_by_nip([nip for nip in dict.fromkeys(nips) if nip])
    return {nip: row["name"] for nip, row in rows.items()}


def _person(nip: str | None, name: str | None) -> Person | None:
    return Person(nip=nip, name=name) if nip else None


def _delegation(row: dict[str, Any]) -> DelegationAsOf:
    return DelegationAsOf(
        delegation_id=row["delegation_id"],
        grantor_nip=row["grantor_nip"],
        delegate_nip=row["delegate_nip"],
        authority=row["authority"],
        valid_from=day(row["valid_from"]),
        valid_until=day(row["valid_until"]),
        revoked=row["revoked"],
    )


def organisation(info: Info, when: Moment, agency_code: str | None) -> list[UnitAsOf]:
    units = _queries(info).units(when.at, when.on, agency_code)
    return [
        UnitAsOf(
            code=u["code"],
            name=u["name"],
            kind=u["kind"],
            level=u["level"],
            parent_code=u["parent_code"],
            agency_code=u["agency_code"],
            head=_person(u["head_nip"], u["head_name"]),
        )
        for u in units
    ]


def official(info: Info, nip: str, when: Moment) -> OfficialAsOf | None:
    queries = _queries(info)
    row = queries.official(str(official_id(nip)), when.at, when.on)
    if row is None:
        return None
    return OfficialAsOf(
        nip=row["nip"],
        name=row["name"],
        position_type=row["position_type"],
        head_of=row["head_of"],
        unit_code=row["unit_code"],
        placed_since=day(row["placed_since"]),
        appraiser=_person(row["appraiser_nip"], row["appraiser_name"]),
        delegations_granted=[_delegation(d) for d in queries.delegations(when.at, when.on, grantor_nip=nip)],
    )


def delegations_held(info: Info, nip: str, when: Moment) -> list[DelegationAsOf]:
    """Granted to `nip`, not revoked, and within their validity period on the day asked about."""
    held = _queries(info).delegations_held(nip, when.at, when.on, when.validity_day)
    return [_delegation(d) for d in held]


@strawberry.type(description="An assignment as it stood at the point asked about.")
class AssignmentAsOf:
    id: strawberry.ID
    status: AssignmentState
    steps_taken: int = strawberry.field(description="Steps taken; the request itself is step 1.")
    open_step: int | None = strawberry.field(
        description="The step to be taken next, while walking its route."
    )
    owning_unit: str
    official_unit: str
    officials: list[Person]
    accepted: list[str] = strawberry.field(description="NIPs of the officials who had accepted the letter.")
    letter_number: str | None


@strawberry.type(description="A team member as they stood at the point asked about.")
class TeamMemberAsOf:
    nip: str
    name: str | None
    role: str
    unit_code: str | None


@strawberry.type(description="A team as it stood at the point asked about.")
class TeamAsOf:
    id: strawberry.ID
    name: str
    owning_unit: str
    status: TeamState
    leader: Person | None
    head_title: TeamHeadTitle | None
    members: list[TeamMemberAsOf]


def assignment(info: Info, assignment_id: str, when: Moment) -> AssignmentAsOf | None:
    row = _queries(info).assignment(assignment_id, when.at, when.on)
    if row is None:
        return None
    status, done, total = row["status"], row["done"], row["total"]
    return AssignmentAsOf(
        id=row["id"],
        status=status,
        steps_taken=done,
        open_step=Standing(status, done).open_step(total),
        owning_unit=row["owning_unit"],
        official_unit=row["official_unit"],
        officials=[Person(nip=o["nip"], name=o.get("name")) for o in row["officials"]],
        accepted=row["accepted"],
        letter_number=row["letter_number"],
    )


def team(info: Info, team_id: str, when: Moment) -> TeamAsOf | None:
    row = _queries(info).team(team_id, when.at, when.on)
    if row is None:
        return None
    members = row["members"]
    names = _names(info, [row["leader_nip"], *members])
    return TeamAsOf(
        id=row["id"],
        name=row["name"],
        owning_unit=row["owning_unit"],
        status=row["status"],
        leader=_person(row["leader_nip"], names.get(row["leader_nip"])),
        head_title=TeamHeadTitle(row["head_title"]) if row["head_title"] else None,
        members=[
            TeamMemberAsOf(nip=nip, name=names.get(nip), role=m["role"], unit_code=m["unit_code"])
            for nip, m in sorted(members.items())
        ],
    )
