"""Types of the evidence queries: the dossier, the e-Kinerja export and the dashboards."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

import strawberry

from api.assignments.types import Assignment
from api.context import blocking
from api.evaluation.types import Evaluation
from api.organisation.types import AppraisalRecommendation, Official
from api.performance.types import Expectation, Feedback, OverdueFeedback, PendingDialogue
from api.reporting.types import Progress, Recipient, Report, ReportObligation
from api.scalars import day, instant
from api.teams.types import Team
from api.work_plan.types import PlanItem
from projections.evidence.workbook import MATRIX_SHEET, SKP_SHEET, Export


@strawberry.type(description="The official's place in a team during the period, in effect.")
class TeamPlace:
    team: Team
    role: str = strawberry.field(description="The role in the team, or KETUA_TIM / KOORDINATOR for its head.")
    since: date | None = strawberry.field(description="From the assignment's start (or the appointment).")
    until: date | None


@strawberry.type
class ResultRecorded:
    target: str
    result: str


@strawberry.type(description="The leader's input on the official's performance for one reporting period.")
class PerformanceInput:
    team_id: strawberry.ID
    period: str
    role: str
    results: list[ResultRecorded]
    contribution: str
    recipients: list[Recipient]
    recorded_at: datetime
    legal_basis: str

    @staticmethod
    def from_row(row: dict[str, Any]) -> PerformanceInput:
        return PerformanceInput(
            team_id=row["team_id"],
            period=row["period"],
            role=row["role"],
            results=[ResultRecorded(target=r["target"], result=r["result"]) for r in row["results"]],
            contribution=row["contribution"],
            recipients=[Recipient(**x) for x in row["recipients"]],
            recorded_at=instant(row["recorded_at"]),  # type: ignore[arg-type]
            legal_basis=row["legal_basis"],
        )


@strawberry.type(
    description="Everything on record of one official's work in a period (year or reporting period)."
)
class Dossier:
    nip: str
    period: str
    first_day: date
    last_day: date
    official: Official | None
    assignments: list[Assignment] = strawberry.field(
        description="Assignments naming the official (each with its letter)."
    )
    teams: list[TeamPlace]
    plan_items: list[PlanItem] = strawberry.field(
        description="The items of the units' work plans the official's assignments and teams serve."
    )
    reports: list[Report] = strawberry.field(
        description="Reports the official made for the period's reporting periods."
    )
    evaluations: list[Evaluation] = strawberry.field(
        description="Evaluation of the work the official took part in."
    )
    member_performance: list[PerformanceInput] = strawberry.field(
        description="The leader's input on the official's performance (the Matriks Peran Hasil)."
    )
    expectations: list[Expectation] = strawberry.field(
        description="The agreed results (Rencana Hasil Kerja) and expectations of the performance dialogue."
    )
    feedback_received: list[Feedback] = strawberry.field(
        description="Feedback the official received in the period."
    )
    appraisal_recommendations: list[AppraisalRecommendation] = strawberry.field(
        description="The unit head's recommendation for appraising the official in the year, "
        "where the profile has it."
    )


@strawberry.type(description="The e-Kinerja hand-off of an agency for a period, with Indonesian headers.")
class EkinerjaExport:
    """The files are made only when asked for (the workbook costs more than the rows)."""

    agency_code: str
    period: str
    skp_rows: int
    matrix_rows: int
    export: strawberry.Private[Export]

    @strawberry.field(description="The SKP sheet: one line per result, with 'Penugasan dari'.")
    def skp_csv(self) -> str:
        return self.export.csv(SKP_SHEET)

    @strawberry.field(description="The Matriks Peran Hasil of every team of the agency.")
    def matrix_csv(self) -> str:
        return self.export.csv(MATRIX_SHEET)

    @strawberry.field(description="Both sheets in one workbook (XLSX), base64.")
    async def xlsx_base64(self) -> str:
        return base64.b64encode(await blocking(self.export.xlsx)).decode()


@strawberry.type(description="Reports owed, with whether the day they were due has passed.")
class Owed:
    obligation: ReportObligation
    overdue: bool


@strawberry.type(description="One assignment or team on a dashboard, with its progress and reports.")
class WorkItem:
    kind: str = strawberry.field(description="ASSIGNMENT or TEAM.")
    id: strawberry.ID
    title: str
    owning_unit: str
    status: str
    period_start: date | None
    period_end: date | None
    people: list[str] = strawberry.field(description="NIPs of those doing the work.")
    plan_item_id: strawberry.ID | None = strawberry.field(description="The plan item it serves, if named.")
    reports: int = strawberry.field(description="Reports made on it in the period.")
    latest_progress: list[Progress]
    last_reported_at: datetime | None
    reports_due: list[Owed]
    reports_overdue: list[Owed]
    dialogues_pending: list[PendingDialogue] = strawberry.field(
        description="Performance dialogues on it not held or not agreed within the tenant's period."
    )
    feedback_overdue: list[OverdueFeedback] = strawberry.field(
        description="Its officials to whom no feedback was given within the tenant's period."
    )

    @staticmethod
    def from_row(row: dict[str, Any]) -> WorkItem:
        return WorkItem(
            kind=row["kind"],
            id=strawberry.ID(row["id"]),
            title=row["title"],
            owning_unit=row["owning_unit"],
            status=row["status"],
            period_start=day(row["period_start"]),
            period_end=day(row["period_end"]),
            people=row["people"],
            plan_item_id=row["plan_item_id"],
            reports=row["reports"],
            latest_progress=[
                Progress(target=p["target"], progress=p["progress"]) for p in row["latest_progress"]
            ],
            last_reported_at=instant(row["last_reported_at"]),
            reports_due=[owed(o) for o in row["reports_due"]],
            reports_overdue=[owed(o) for o in row["reports_overdue"]],
            dialogues_pending=[PendingDialogue(**d) for d in row["dialogues_pending"]],
            feedback_overdue=[OverdueFeedback(**f) for f in row["feedback_overdue"]],
        )


def owed(row: dict[str, Any]) -> Owed:
    fields = {k: row[k] for k in ReportObligation.__annotations__ if k in row}
    return Owed(obligation=ReportObligation(**fields), overdue=row["overdue"])


@strawberry.type(description="A plan item of the unit's work plan with the work that serves it.")
class PlanItemBoard:
    item: PlanItem | None = strawberry.field(description="Null: the unit's work that names no plan item.")
    work: list[WorkItem]
