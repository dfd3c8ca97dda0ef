"""Queries of teams: one team, and the teams of a unit or of a member."""

import calendar
import csv
import io
import re
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.enums import TeamState
from api.input_limits import query_id
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import GovernmentMember, ReadPermission, Requires
from api.teams.types import Team, TeamHeadDays, TeamHeadDaysReport, TeamHeadTitle, TransformationTeam
from domain.errors import InvalidInput
from domain.profile import cite
from projections.assignments.queries import AssignmentQueries
from projections.teams.queries import TeamQueries

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


class PersonnelAgency(ReadPermission):
    """The administrator, oversight, or an official of the personnel agency (BKPSDM), which pays
    the leaders' and coordinators' extra income."""

    case = "read_personnel"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        ctx = context(info)
        offices = await blocking(AssignmentQueries(ctx.store).offices)
        official = await ctx.officials.load(me)
        if not offices or not offices["personnel_agency_code"] or official is None:
            return False
        unit = await ctx.units.load(official["unit_code"] or official["head_of"] or "")
        return unit is not None and unit["agency_code"] == offices["personnel_agency_code"]


def period_days(period: str) -> tuple[date, date]:
    """'2026' (a year) or '2026-03' (a month): its first and last day."""
    found = _PERIOD.match(period.strip())
    month = int(found.group(2)) if found and found.group(2) else None
    if not found or (month is not None and not 1 <= month <= 12):
        raise InvalidInput("INVALID_HEAD_DAYS_PERIOD", field="period", value=period)
    year = int(found.group(1))
    if year < 1900:  # no team was headed before the civil service's NIPs begin
        raise InvalidInput("INVALID_HEAD_DAYS_PERIOD", field="period", value=period)
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def as_csv(rows: list[TeamHeadDays]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(
        [
            "nip",
            "title",
            "team_id",
            "team",
            "owning_unit",
            "from",
            "to",
            "days",
            "eligibility",
            "extra_income",
        ]
    )
    for r in rows:
        writer.writerow(
            [
                r.nip,
                r.title.value,
                r.team_id,
                r.team_name,
                r.owning_unit,
                r.from_day,
                r.to_day,
                r.days,
                r.eligibility or "",
                "yes" if r.extra_income else "no",
            ]
        )
    return out.getvalue()


def team_queries(info: Info) -> TeamQueries:
    return TeamQueries(context(info).store)


async def load_team(info: Info, team_id: str) -> Team | None:
    row = await blocking(team_queries(info).team, team_id)
    return Team.from_row(row) if row else None


@strawberry.type
class TeamQuery:
    @strawberry.field(
        description="A team: leader, members with roles, targets, units spanned.",
        extensions=[Requires(GovernmentMember())],
    )
    async def team(self, info: Info, id: strawberry.ID) -> Team | None:
        return await load_team(info, query_id(id, "id"))

    @strawberry.field(
        description="Teams of a unit, or those a member belongs to, by id.",
        extensions=[Requires(GovernmentMember())],
    )
    async def teams(
        self,
        info: Info,
        owning_unit: str | None = None,
        member_nip: str | None = None,
        status: TeamState | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Team]:
        size = page_size(first)
        rows = await blocking(
            team_queries(info).teams,
            owning_unit=owning_unit,
            member_nip=member_nip,
            status=status,
            after=decode_cursor(after),
            limit=size + 1,
        )
        full = [await blocking(team_queries(info).team, row["id"]) for row in rows]
        return connection(full, size, "id", Team.from_row)

    @strawberry.field(
        description="Who headed a team as Ketua Tim or Koordinator, and on how many days of the period "
        "('2026' or '2026-03'): from the appointment to the day before the replacement, removal or "
        "dissolution, within the team's period (for the leaders' and coordinators' extra income). "
        "The administrator, oversight and the personnel agency read it.",
        extensions=[Requires(PersonnelAgency())],
    )
    async def team_head_days(self, info: Info, period: str) -> TeamHeadDaysReport:
        first, last = period_days(period)
        profile = context(info).app.profile
        income = profile.teams.extra_income
        paid = set(income.eligibility) if income else set()
        rows = [
            TeamHeadDays(
                nip=r["nip"],
                title=TeamHeadTitle(r["title"]),
                team_id=r["team_id"],
                team_name=r["team_name"],
                owning_unit=r["owning_unit"],
                from_day=date.fromisoformat(r["from_day"]),
                to_day=date.fromisoformat(r["to_day"]),
                days=r["days"],
                eligibility=r["eligibility"],
                extra_income=r["eligibility"] in paid,
            )
            for r in await blocking(team_queries(info).head_days, first, last)
        ]
        return TeamHeadDaysReport(
            period=period.strip(),
            first_day=first,
            last_day=last,
            rows=rows,
            csv=as_csv(rows),
            legal_basis=cite(profile, income.citation) if income else None,
        )

    @strawberry.field(
        description="Transformation-management teams as their decrees fixed them, newest first.",
        extensions=[Requires(GovernmentMember())],
    )
    async def transformation_teams(self, info: Info) -> list[TransformationTeam]:
        return [
            TransformationTeam.from_row(r) for r in await blocking(team_queries(info).transformation_teams)
        ]
