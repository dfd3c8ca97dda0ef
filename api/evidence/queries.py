"""Queries of the evidence: the dossier of an official, the e-Kinerja export of an agency, and the
dashboards of a unit head and of an official (Relay pagination on every list)."""

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.assignments.types import Assignment
from api.context import blocking, context
from api.evaluation.types import Evaluation
from api.evidence.types import (
    Dossier,
    EkinerjaExport,
    Owed,
    PerformanceInput,
    PlanItemBoard,
    TeamPlace,
    WorkItem,
    owed,
)
from api.organisation.types import AppraisalRecommendation, Official
from api.pagination import Connection, connection, decode_cursor, page_size
from api.performance.types import Expectation, Feedback, OverdueFeedback, PendingDialogue
from api.permissions import Requires, SelfOrLine, UnitLine
from api.reporting.types import Report
from api.scalars import day
from api.teams.types import Team
from api.work_plan.types import PlanItem
from domain.errors import NotFound
from projections.evidence import dashboard
from projections.evidence.periods import Span, span
from projections.evidence.queries import EvidenceQueries
from projections.evidence.workbook import export

AS_OF = "The day to tell due and overdue against (default today)."


def _span(info: Info, period: str) -> Span:
    return span(context(info).app.profile, period)


def _paged(rows: list[dict], key: str, first: int, after: str | None, make) -> Connection:
    size = page_size(first)
    return connection(dashboard.page(rows, key, decode_cursor(after), size + 1), size, key, make)


@strawberry.type(description="An official's dashboard for a period: their work and what they owe whom.")
class OfficialDashboard:
    nip: str
    period: str
    as_of: date = strawberry.field(description="The day against which due and overdue are told.")
    _span: strawberry.Private[Span]

    @strawberry.field(description="The official's assignments and teams in the period, with their progress.")
    async def work(self, info: Info, first: int = 20, after: str | None = None) -> Connection[WorkItem]:
        ctx = context(info)
        rows = await blocking(
            dashboard.official_work, ctx.store, ctx.app.profile, self.nip, self._span, self.as_of
        )
        return _paged(rows, "id", first, after, WorkItem.from_row)

    @strawberry.field(description="Reports the official owes, to whom, since when (overdue or still due).")
    async def owes(self, info: Info, first: int = 20, after: str | None = None) -> Connection[Owed]:
        ctx = context(info)
        rows = await blocking(dashboard.owed_by, ctx.store, ctx.app.profile, self.nip, self._span, self.as_of)
        return _paged(rows, "key", first, after, owed)

    @strawberry.field(description="The plan items the official's work of the period serves.")
    async def plan_items(self, info: Info, first: int = 20, after: str | None = None) -> Connection[PlanItem]:
        rows = await blocking(dashboard.plan_items_of, context(info).store, self.nip, self._span)
        return _paged(rows, "key", first, after, PlanItem.from_row)

    @strawberry.field(description="The official's agreed results and expectations on the work of the period.")
    async def expectations(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[Expectation]:
        rows = await blocking(dashboard.expectations_of, context(info).store, self.nip, self._span)
        return _paged(rows, "id", first, after, Expectation.from_row)

    @strawberry.field(
        description="Performance dialogues the official still owes, as the official or as the counterpart."
    )
    async def dialogues_pending(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[PendingDialogue]:
        ctx = context(info)
        rows = await blocking(dashboard.dialogues_owed, ctx.store, ctx.app.profile, self.nip, self.as_of)
        return _paged(rows, "key", first, after, dashboard.without_key(PendingDialogue))

    @strawberry.field(description="Feedback overdue where the official gives it, or is the giver's superior.")
    async def feedback_overdue(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[OverdueFeedback]:
        ctx = context(info)
        rows = await blocking(dashboard.feedback_owed, ctx.store, ctx.app.profile, self.nip, self.as_of)
        return _paged(rows, "key", first, after, dashboard.without_key(OverdueFeedback))

    @strawberry.field(description="Reports owed to the official (as leader, unit head or appraiser).")
    async def owed_to_them(self, info: Info, first: int = 20, after: str | None = None) -> Connection[Owed]:
        ctx = context(info)
        rows = await blocking(dashboard.owed_to, ctx.store, ctx.app.profile, self.nip, self._span, self.as_of)
        return _paged(rows, "key", first, after, owed)


def _board(row: dict) -> PlanItemBoard:
    item = PlanItem.from_row(row["item"]) if row["item"] else None
    return PlanItemBoard(item=item, work=[WorkItem.from_row(w) for w in row["work"]])


@strawberry.type
class EvidenceQuery:
    @strawberry.field(
        description="One official's evidence for a period ('2025', or a reporting period such as '2025-03' "
        "or '2025-TW1'): assignments with their letters, teams and roles, reports, evaluations, the "
        "leader's input, and the appraisal recommendation. The official, their line, and oversight read it.",
        extensions=[Requires(SelfOrLine())],
    )
    async def official_dossier(self, info: Info, nip: str, period: str) -> Dossier:
        ctx = context(info)
        s = _span(info, period)
        d = await blocking(EvidenceQueries(ctx.store).dossier, nip.strip(), s)
        if d["official"] is None:
            raise NotFound("OFFICIAL_NOT_FOUND", nip=nip)
        return Dossier(
            nip=d["official"]["nip"],
            period=s.label,
            first_day=s.first,
            last_day=s.last,
            official=Official.from_row(d["official"]),
            assignments=[Assignment.from_row(a) for a in d["assignments"]],
            teams=[
                TeamPlace(
                    team=Team.from_row(m["team"]),
                    role=m["role"],
                    since=day(m["since"]),
                    until=day(m["until"]),
                )
                for m in d["memberships"]
                if m["team"] is not None
            ],
            reports=[Report.from_row(r) for r in d["reports"]],
            evaluations=[Evaluation.from_row(row, steps) for row, steps in d["evaluations"]],
            plan_items=[PlanItem.from_row(i) for i in d["plan_items"]],
            member_performance=[PerformanceInput.from_row(p) for p in d["member_performance"]],
            expectations=[Expectation.from_row(e) for e in d["expectations"]],
            feedback_received=[Feedback.from_row(f) for f in d["feedback"]],
            appraisal_recommendations=[AppraisalRecommendation.from_row(r) for r in d["recommendations"]],
        )

    @strawberry.field(
        description="The hand-off to e-Kinerja of an agency (unitCode: the agency or any unit of it) for a "
        "period: the SKP sheet and the Matriks Peran Hasil, as CSV and as an XLSX workbook (base64). The "
        "agency's head (or a head above) and oversight read it.",
        extensions=[Requires(UnitLine())],
    )
    async def ekinerja_export(self, info: Info, unit_code: str, period: str) -> EkinerjaExport:
        ctx = context(info)
        e = await blocking(export, ctx.store, ctx.app.profile, unit_code, period)
        return EkinerjaExport(
            agency_code=e.agency_code,
            period=e.period,
            skp_rows=len(e.skp),
            matrix_rows=len(e.matrix),
            export=e,
        )

    @strawberry.field(
        description="A unit head's dashboard: each individual assignment and team the unit owns that runs in "
        "the period, with its progress, reports, and the reports due and overdue.",
        extensions=[Requires(UnitLine())],
    )
    async def unit_dashboard(
        self,
        info: Info,
        unit_code: str,
        period: str,
        first: int = 20,
        after: str | None = None,
        as_of: Annotated[date | None, strawberry.argument(description=AS_OF)] = None,
    ) -> Connection[WorkItem]:
        ctx = context(info)
        s = _span(info, period)
        rows = await blocking(
            dashboard.unit_work, ctx.store, ctx.app.profile, unit_code.strip(), s, as_of or date.today()
        )
        return _paged(rows, "id", first, after, WorkItem.from_row)

    @strawberry.field(
        description="A unit head's dashboard per plan item: each item of the unit's work plan for the "
        "period's year with the assignments and teams that serve it (their progress, reports and feedback "
        "due and overdue); last, the unit's work that names no item.",
        extensions=[Requires(UnitLine())],
    )
    async def unit_plan_dashboard(
        self,
        info: Info,
        unit_code: str,
        period: str,
        first: int = 20,
        after: str | None = None,
        as_of: Annotated[date | None, strawberry.argument(description=AS_OF)] = None,
    ) -> Connection[PlanItemBoard]:
        ctx = context(info)
        s = _span(info, period)
        rows = await blocking(
            dashboard.unit_plan, ctx.store, ctx.app.profile, unit_code.strip(), s, as_of or date.today()
        )
        return _paged(rows, "key", first, after, _board)

    @strawberry.field(
        description="An official's dashboard for a period: their work, what they owe whom and what is "
        "owed to them. The official, their line, and oversight read it.",
        extensions=[Requires(SelfOrLine())],
    )
    async def official_dashboard(
        self,
        info: Info,
        nip: str,
        period: str,
        as_of: Annotated[date | None, strawberry.argument(description=AS_OF)] = None,
    ) -> OfficialDashboard:
        s = _span(info, period)
        return OfficialDashboard(nip=nip.strip(), period=s.label, as_of=as_of or date.today(), _span=s)
