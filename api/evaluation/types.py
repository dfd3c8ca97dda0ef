"""GraphQL types of evaluation: the chain of reviewing levels, each step taken, and the success
the mutations answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry

from api.enums import CapacityKindType, EvaluationState, EvaluationStepAction, UnitKindType, WorkSubjectKind
from api.errors import CommandError
from api.scalars import instant


@strawberry.type
class ChainLevel:
    unit_code: str
    unit_kind: UnitKindType


@strawberry.type
class EvaluationStep:
    round: int
    level: int | None
    unit_code: str | None
    action: EvaluationStepAction
    actor_nip: str
    capacity_kind: CapacityKindType
    note: str | None
    legal_basis: str
    at: datetime


@strawberry.type
class Evaluation:
    subject_id: strawberry.ID
    subject_kind: WorkSubjectKind
    title: str
    owning_unit: str
    agency_kind: UnitKindType
    chain: list[ChainLevel]
    status: EvaluationState
    level: int = strawberry.field(description="The level reviewing now (1-based), 0 when none")
    round: int
    reviewing_unit: str | None
    completed_at: datetime | None
    last_notes: str | None
    steps: list[EvaluationStep]

    @staticmethod
    def from_row(row: dict[str, Any], steps: list[dict[str, Any]]) -> Evaluation:
        return Evaluation(
            subject_id=row["subject_id"],
            subject_kind=row["subject_kind"],
            title=row["title"],
            owning_unit=row["owning_unit"],
            agency_kind=row["agency_kind"],
            chain=[ChainLevel(**c) for c in row["chain"]],
            status=row["status"],
            level=row["level"],
            round=row["round"],
            reviewing_unit=row["reviewing_unit"],
            completed_at=instant(row["completed_at"]),
            last_notes=row["last_notes"],
            steps=[
                EvaluationStep(
                    round=s["round"],
                    level=s["level"],
                    unit_code=s["unit_code"],
                    action=s["action"],
                    actor_nip=s["actor_nip"],
                    capacity_kind=s["capacity"]["kind"],
                    note=s["note"],
                    legal_basis=s["legal_basis"],
                    at=instant(s["at"]),
                )
                for s in steps
            ],
        )


@strawberry.type
class EvaluationSuccess:
    evaluation: Evaluation


EvaluationResult = Annotated[EvaluationSuccess | CommandError, strawberry.union("EvaluationResult")]
