"""GraphQL types of teams: the team, its targets and members, and the answers of its mutations."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.documents.types import Document
from api.documents.types import documents as documents_of_decision
from api.enums import TeamState, WorkScope
from api.errors import CommandError
from api.organisation.types import Decree, Official, load_official
from domain.profile.teams import TransformationRole
from domain.team import HeadTitle

TeamHeadTitle = strawberry.enum(
    HeadTitle, name="TeamHeadTitle", description="The team's one head: its Ketua Tim or its Koordinator."
)
TransformationRoleType = strawberry.enum(
    TransformationRole,
    name="TransformationRole",
    description="A member's role on a transformation-management team, as the profile lists them.",
)


@strawberry.enum(description="A preference of the regulation that a decision goes against.")
class DecisionWarningCode(Enum):
    LEADER_NOT_FROM_OWNING_UNIT = "LEADER_NOT_FROM_OWNING_UNIT"


@strawberry.type
class Target:
    code: str
    description: str
    measure: str


@strawberry.type
class PlannedMember:
    nip: str
    role: str
    task: str | None = strawberry.field(
        default=None, description="The member's task, where the decision states one."
    )


@strawberry.type(description="Stated on the appointment: the relevant experience and its evidence.")
class Experience:
    statement: str
    evidence: str


@strawberry.type(
    description="A member the leader proposed to the office that fixes the team, not yet admitted."
)
class MemberProposal:
    nip: str
    role: str
    proposed_by: str
    proposed_at: datetime

    @strawberry.field
    async def official(self, info: Info) -> Official | None:
        return await load_official(info, self.nip)


@strawberry.type(description="The Ketua Tim designated pejabat pelaksana teknis kegiatan (PPTK).")
class PptkDesignation:
    nip: str
    valid_from: date
    valid_until: date
    decree: Decree
    designated_by: str
    legal_basis: str


@strawberry.type
class TeamMember:
    nip: str
    role: str
    unit_code: str | None
    assignment_id: strawberry.ID
    joined_at: datetime

    @strawberry.field
    async def official(self, info: Info) -> Official | None:
        return await load_official(info, self.nip)


@strawberry.type
class Team:
    id: strawberry.ID
    name: str
    owning_unit: str
    scope: WorkScope
    status: TeamState
    leader_nip: str | None = strawberry.field(
        description="The team's head: its Ketua Tim, or its Koordinator where headTitle says so."
    )
    head_title: TeamHeadTitle | None
    head_experience: Experience | None = strawberry.field(
        description="The relevant experience stated on the head's appointment, where stated."
    )
    tasks: list[str]
    targets: list[Target]
    planned_members: list[PlannedMember]
    members: list[TeamMember]
    units_spanned: list[str]
    period_start: date
    period_end: date
    formed_by: str
    formed_at: datetime
    legal_basis: str
    leader_warnings_confirmed: list[DecisionWarningCode] = strawberry.field(
        description="Warnings the appointing official confirmed."
    )
    pending_member_proposals: list[MemberProposal] = strawberry.field(
        description="Members the leader proposed that the team's office has not admitted yet."
    )
    pptk: PptkDesignation | None = strawberry.field(description="The leader's designation as PPTK, if any.")
    decree: Decree | None = strawberry.field(description="The Keputusan fixing the team, where recorded.")
    dissolved_at: date | None = strawberry.field(default=None, description="The day the team was dissolved.")
    plan_item_id: strawberry.ID | None = strawberry.field(
        default=None, description="The work-plan item it serves (workPlan): of the owning unit's plan."
    )

    @strawberry.field(description="Its Keputusan, generated from the decision that formed it.")
    async def documents(self, info: Info) -> list[Document]:
        return await documents_of_decision(info, str(self.id))

    @strawberry.field(description="The head (Ketua Tim or Koordinator).")
    async def leader(self, info: Info) -> Official | None:
        return await load_official(info, self.leader_nip)

    @strawberry.field(description="The Koordinator, where the team is headed by one.")
    async def coordinator(self, info: Info) -> Official | None:
        if self.head_title is not HeadTitle.KOORDINATOR:
            return None
        return await load_official(info, self.leader_nip)

    @staticmethod
    def from_row(row: dict[str, Any]) -> Team:
        members = row.get("members", [])
        head, pptk, decree = row.get("head"), row.get("pptk"), row.get("decree")
        return Team(
            id=row["id"],
            name=row["name"],
            owning_unit=row["owning_unit"],
            scope=row["scope"],
            status=row["status"],
            leader_nip=row["leader_nip"],
            head_title=HeadTitle(head["title"]) if head else None,
            head_experience=Experience(**head["experience"]) if head and head["experience"] else None,
            tasks=row["tasks"],
            targets=[Target(**t) for t in row["targets"]],
            planned_members=[
                PlannedMember(nip=m["nip"], role=m["role"], task=m.get("task"))
                for m in row["planned_members"]
            ],
            members=[
                TeamMember(
                    nip=m["nip"],
                    role=m["role"],
                    unit_code=m["unit_code"],
                    assignment_id=m["assignment_id"],
                    joined_at=datetime.fromisoformat(m["joined_at"]),
                )
                for m in members
            ],
            units_spanned=row.get("units_spanned") or [row["owning_unit"]],
            period_start=date.fromisoformat(row["period_start"]),
            period_end=date.fromisoformat(row["period_end"]),
            formed_by=row["formed_by"],
            formed_at=datetime.fromisoformat(row["formed_at"]),
            legal_basis=row["legal_basis"],
            leader_warnings_confirmed=[DecisionWarningCode(w["code"]) for w in row["leader_warnings"] or []],
            pending_member_proposals=[
                MemberProposal(
                    nip=p["nip"],
                    role=p["role"],
                    proposed_by=p["proposed_by"],
                    proposed_at=datetime.fromisoformat(p["proposed_at"]),
                )
                for p in row.get("pending_proposals") or []
            ],
            pptk=PptkDesignation(
                nip=pptk["nip"],
                valid_from=date.fromisoformat(pptk["valid_from"]),
                valid_until=date.fromisoformat(pptk["valid_until"]),
                decree=Decree(
                    number=pptk["decree_number"],
                    date=date.fromisoformat(pptk["decree_date"]),
                    signed_by=pptk["decree_signed_by"],
                ),
                designated_by=pptk["designated_by"],
                legal_basis=pptk["legal_basis"],
            )
            if pptk
            else None,
            decree=Decree(
                number=decree["number"],
                date=date.fromisoformat(decree["decided_on"]),
                signed_by=decree["signed_by"],
            )
            if decree
            else None,
            dissolved_at=date.fromisoformat(row["dissolved_at"]) if row["dissolved_at"] else None,
            plan_item_id=row.get("plan_item_id"),
        )


@strawberry.type(
    description="A decision the regulation allows but advises against: nothing was recorded. "
    "Send the same mutation with confirmWarnings: true to record it."
)
class ConfirmationNeeded:
    warnings: list[DecisionWarning]


@strawberry.type
class DecisionWarning:
    code: DecisionWarningCode
    message: str
    pesan: str
    legal_basis: str


@strawberry.type
class TeamSuccess:
    team: Team


@strawberry.type(description="Who headed a team on how many days of the period (for their extra income).")
class TeamHeadDays:
    nip: str
    title: TeamHeadTitle
    team_id: strawberry.ID
    team_name: str
    owning_unit: str
    from_day: date
    to_day: date
    days: int
    eligibility: str | None = strawberry.field(description="The citation of the rule that admitted the head.")
    extra_income: bool = strawberry.field(
        description="The regulation gives this head extra income (the profile's teams.extra_income)."
    )

    @strawberry.field
    async def official(self, info: Info) -> Official | None:
        return await load_official(info, self.nip)


@strawberry.type
class TeamHeadDaysReport:
    period: str
    first_day: date
    last_day: date
    rows: list[TeamHeadDays]
    csv: str = strawberry.field(
        description="The rows as CSV (nip;title;team_id;team;owning_unit;from;to;days;eligibility;"
        "extra_income), for the payroll."
    )
    legal_basis: str | None = strawberry.field(
        default=None, description="The article giving the extra income, where the profile has one."
    )


@strawberry.type
class TransformationMember:
    nip: str
    name: str
    role: TransformationRoleType


@strawberry.type(description="A transformation-management team as its decree fixes it.")
class TransformationTeam:
    id: strawberry.ID
    name: str
    decree: Decree
    members: list[TransformationMember]
    legal_basis: str
    recorded_by: str
    recorded_at: datetime

    @staticmethod
    def from_row(row: dict[str, Any]) -> TransformationTeam:
        return TransformationTeam(
            id=row["id"],
            name=row["name"],
            decree=Decree(
                number=row["decree_number"],
                date=date.fromisoformat(row["decree_date"]),
                signed_by=row["decree_signed_by"],
            ),
            members=[
                TransformationMember(nip=m["nip"], name=m["name"], role=TransformationRole(m["role"]))
                for m in row["members"]
            ],
            legal_basis=row["legal_basis"],
            recorded_by=row["recorded_by"],
            recorded_at=datetime.fromisoformat(row["recorded_at"]),
        )


@strawberry.type
class TransformationTeamSuccess:
    transformation_team: TransformationTeam


TransformationTeamResult = Annotated[
    TransformationTeamSuccess | CommandError, strawberry.union("TransformationTeamResult")
]


TeamResult = Annotated[TeamSuccess | CommandError, strawberry.union("TeamResult")]
TeamLeaderResult = Annotated[
    TeamSuccess | ConfirmationNeeded | CommandError, strawberry.union("TeamLeaderResult")
]
