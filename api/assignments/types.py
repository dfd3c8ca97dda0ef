"""GraphQL types of assignments and of the offices, built from the read-model rows."""

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.documents.types import Document
from api.documents.types import documents as documents_of_decision
from api.enums import (
    AssignmentMode,
    AssignmentState,
    CapacityKindType,
    RouteRole,
    StepAction,
    TenantSideType,
    WorkScope,
)
from api.scalars import day, instant
from projections.assignments.queries import AssignmentQueries
from projections.assignments.view import OUTCOME

# What a decision did to the request, as the read model records it (projections.assignments.view).
StepOutcome = strawberry.enum(
    Enum("StepOutcome", {outcome: outcome for outcome in OUTCOME.values()}),
    description="What a decision did to the request.",
)


def queries(info: Info) -> AssignmentQueries:
    return AssignmentQueries(context(info).store)


@strawberry.type(description="Who gets a copy (tembusan) of what a step sends, as the regulation names them.")
class RouteCopy:
    role: RouteRole = strawberry.field(
        description="The role, relative to the request, as the profile names it."
    )
    citation: str = strawberry.field(description="The article that lists the copy: the step's.")


@strawberry.type(description="One step of the route, as the regulation prescribes it.")
class RouteStep:
    number: int
    role: RouteRole
    action: StepAction
    citation: str
    copies: list[RouteCopy] = strawberry.field(description="Tembusan of what this step sends; often none.")
    designates_unit: bool = strawberry.field(
        default=False,
        description="The holder approves with designateUnit, naming the unit of the official's agency"
        " whose appraiser goes on (the request named the agency only).",
    )
    refused_by: list[RouteRole] = strawberry.field(
        default_factory=list,
        description="Who answers a refusal at this step when the regulation gives it to someone other"
        " than the step's holder; empty: the holder.",
    )

    @staticmethod
    def from_snapshot(number: int, step: dict[str, Any]) -> "RouteStep":
        """From a step as the request stored it (domain.routes.steps_snapshot). Built from the
        known keys only: a key the snapshot gains later must not break every answer."""
        citation = step.get("citation") or ""  # every profile step has one (domain.profile.Step)
        return RouteStep(
            number=number,
            role=step["role"],
            action=step["action"],
            citation=citation,
            copies=[RouteCopy(role=role, citation=citation) for role in step.get("copies", [])],
            designates_unit=bool(step.get("designates_unit")),
            refused_by=list(step.get("refused_by", [])),
        )


@strawberry.type(
    description="One copy (tembusan) of the issued letter: the role the regulation lists and "
    "who held it when the letter was issued (an official, the other government, or "
    "vacant)."
)
class LetterCopy:
    role: RouteRole
    nip: str | None
    name: str | None
    government: str | None = strawberry.field(description="For a copy to the other government.")
    vacant: bool = strawberry.field(description="Nobody held the role when the letter was issued.")


@strawberry.type(
    description="The assignment letter (surat tugas): the rule the route sets, and once issued "
    "its number, date, issuer and copies."
)
class AssignmentLetter:
    issued_at_step: int = strawberry.field(description="The route step that issues it.")
    citation: str = strawberry.field(description="The article that prescribes the letter and its copies.")
    copies_required: list[RouteCopy] = strawberry.field(description="Tembusan as the regulation lists them.")
    number: str | None = strawberry.field(description="Null until issued.")
    issued_on: date | None
    issuer_nip: str | None
    copies: list[LetterCopy] = strawberry.field(description="To whom the copies went; empty until issued.")

    @staticmethod
    def from_row(row: dict[str, Any]) -> "AssignmentLetter":
        return AssignmentLetter(
            issued_at_step=row["issued_at_step"],
            citation=row["citation"],
            copies_required=[
                RouteCopy(role=role, citation=row["citation"]) for role in json.loads(row["copy_roles"])
            ],
            number=row["number"],
            issued_on=day(row["issued_on"]),
            issuer_nip=row["issuer_nip"],
            copies=[
                LetterCopy(
                    role=c["role"],
                    nip=c.get("nip"),
                    name=c.get("name"),
                    government=c.get("government"),
                    vacant=bool(c.get("vacant")),
                )
                for c in json.loads(row["copies"] or "[]")
            ],
        )


@strawberry.type
class AssignedOfficial:
    nip: str
    name: str
    accepted: bool


@strawberry.type(
    description="The other tenant's event a step recorded here rests on (a native cross-tenant route, "
    "capacity OTHER_TENANT): its place in that tenant's hash chain."
)
class OtherTenantEvent:
    tenant: str
    government: str
    position: int = strawberry.field(description="Its chain position in the other tenant's ledger.")
    hash: str = strawberry.field(description="Its chain hash there (hex, SHA-256).")


@strawberry.type(description="A decision taken on the request: who, in which capacity, under which article.")
class StepRecord:
    step: int | None
    role: RouteRole | None
    action: StepAction | None
    outcome: StepOutcome  # type: ignore[valid-type]
    actor_nip: str
    capacity_kind: CapacityKindType
    delegated_by: str | None
    legal_basis: str
    reason: str | None
    letter_reference: str | None
    recorded_at: datetime
    other_tenant_event: OtherTenantEvent | None = strawberry.field(
        default=None, description="Taken by the other tenant's officials there: their event (ADR 0010)."
    )

    @staticmethod
    def from_row(row: dict[str, Any]) -> "StepRecord":
        own = ("recorded_at", "other_tenant_event")
        fields = {k: row[k] for k in StepRecord.__annotations__ if k not in own}
        other = None
        if row.get("other_tenant"):
            other = OtherTenantEvent(
                tenant=row["other_tenant"],
                government=row["other_government"],
                position=row["other_position"],
                hash=row["other_hash"],
            )
        return StepRecord(**fields, recorded_at=instant(row["recorded_at"]), other_tenant_event=other)


@strawberry.type(
    description="Who may take the open step now (via POSITION, SELF, DELEGATION, EXTERNAL_LETTER, or "
    "OTHER_TENANT: the other government's officials in their own tenant)."
)
class StepHolder:
    nip: str | None
    via: CapacityKindType
    delegated_by: str | None


@strawberry.type
class Assignment:
    id: strawberry.ID
    mode: AssignmentMode
    scope: WorkScope
    status: AssignmentState
    route_citation: str
    owning_unit: str
    official_unit: str
    counterpart_government: str | None
    tenant_side: TenantSideType | None
    team: bool
    work: str
    criteria: str | None
    period_start: date
    period_end: date
    requester_nip: str
    requested_at: datetime
    route: list[RouteStep]
    open_step: RouteStep | None
    letter_number: str | None
    letter_issued_on: date | None
    via: CapacityKindType | None = strawberry.field(
        default=None, description="In an inbox: how the caller holds the step."
    )
    plan_item_id: strawberry.ID | None = strawberry.field(
        default=None, description="The work-plan item it serves (workPlan): of the owning unit's plan."
    )

    @staticmethod
    def from_row(row: dict[str, Any]) -> "Assignment":
        steps = [RouteStep.from_snapshot(n, s) for n, s in enumerate(json.loads(row["steps"]), start=1)]
        return Assignment(
            id=strawberry.ID(row["id"]),
            mode=row["mode"],
            scope=row["scope"],
            status=row["status"],
            route_citation=row["route_citation"],
            owning_unit=row["owning_unit"],
            official_unit=row["official_unit"],
            counterpart_government=row["counterpart"],
            tenant_side=row["tenant_side"],
            team=bool(row["team"]),
            work=row["work"],
            criteria=row["criteria"],
            period_start=day(row["period_start"]),
            period_end=day(row["period_end"]),
            requester_nip=row["requester_nip"],
            requested_at=instant(row["requested_at"]),
            route=steps,
            open_step=steps[row["open_step"] - 1] if row["open_step"] else None,
            letter_number=row["letter_number"],
            letter_issued_on=day(row["letter_issued_on"]),
            via=row.get("via"),
            plan_item_id=row.get("plan_item_id"),
        )

    @strawberry.field
    async def officials(self, info: Info) -> list[AssignedOfficial]:
        rows = await blocking(queries(info).officials_of, str(self.id))
        return [AssignedOfficial(nip=r["nip"], name=r["name"], accepted=bool(r["accepted"])) for r in rows]

    @strawberry.field(description="Every decision so far, in order.")
    async def history(self, info: Info) -> list[StepRecord]:
        rows = await blocking(queries(info).history, str(self.id))
        return [StepRecord.from_row(r) for r in rows]

    @strawberry.field(
        description="The assignment letter: what the route requires and, once issued, what "
        "was issued. Null only for requests recorded before this field existed, "
        "until the read models are rebuilt (`sistemkerja projections rebuild`)."
    )
    async def letter(self, info: Info) -> AssignmentLetter | None:
        row = await blocking(queries(info).letter, str(self.id))
        return AssignmentLetter.from_row(row) if row else None

    @strawberry.field(description="Its letters: the request letter, the reply, the Surat Tugas (issue 12).")
    async def documents(self, info: Info) -> list[Document]:
        return await documents_of_decision(info, str(self.id))

    @strawberry.field(description="Who must act next, resolved against today's organisation.")
    async def waiting_for(self, info: Info) -> list[StepHolder]:
        rows = await blocking(queries(info).waiting_for, str(self.id), date.today())
        return [StepHolder(nip=r["nip"], via=r["via"], delegated_by=r["delegated_by"]) for r in rows]


@strawberry.type(description="Offices the organisation tree cannot tell.")
class Offices:
    setda_code: str | None
    personnel_agency_code: str | None
    pyb_nip: str | None
    ppk_name: str | None = strawberry.field(description="The PPK, an elected official (no NIP).")
    ppk_office: str | None

    @staticmethod
    def from_row(row: dict[str, Any]) -> "Offices":
        return Offices(
            setda_code=row["setda_code"],
            personnel_agency_code=row["personnel_agency_code"],
            pyb_nip=row["pyb_nip"],
            ppk_name=row["ppk_name"],
            ppk_office=row["ppk_office"],
        )
