"""Queries of the planning half: an agency's PK, a unit's plan, the plans of a year, the units still
without one (with the profile's deadline), and who works on a plan item."""

from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.input_limits import query_id
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import GovernmentMember, ReadPermission, Requires, heads_over
from api.work_plan.types import (
    PerformanceAgreement,
    PlanItem,
    PlanItemAssignment,
    PlanItemTeam,
    PlanItemWork,
    PlanWorker,
    UnitWithoutPlan,
    WorkPlan,
    plan_queries,
)
from application.handlers.work_plan import plan_year


class PlanItemLine(ReadPermission):
    """Who works on a plan item: the head of the plan's unit or of a unit above it (who directs the
    work), and oversight. An unknown item protects nothing (the answer is null)."""

    case = "read_unit_line"  # its texts: NOT_AUTHORISED in domain/messages.yaml

    async def allows(self, me: str, source: Any, info: Info, **kwargs: Any) -> bool:
        key = str(kwargs.get("plan_item_id") or "").strip()
        item = await blocking(plan_queries(info).item, key) if key and "\x00" not in key else None
        return item is None or me in await heads_over(info, item["unit_code"])


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@strawberry.type
class WorkPlanQuery:
    @strawberry.field(
        description="An agency's Perjanjian Kinerja for a year, with its targets.",
        extensions=[Requires(GovernmentMember())],
    )
    async def performance_agreement(
        self, info: Info, agency_code: str, year: int
    ) -> PerformanceAgreement | None:
        row = await blocking(plan_queries(info).agreement, agency_code.strip().upper(), year)
        return PerformanceAgreement.from_row(row) if row else None

    @strawberry.field(
        description="A unit's work plan: by id, or by unitCode and year.",
        extensions=[Requires(GovernmentMember())],
    )
    async def work_plan(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        unit_code: str | None = None,
        year: int | None = None,
    ) -> WorkPlan | None:
        queries = plan_queries(info)
        if id is not None:
            row = await blocking(queries.plan, query_id(id, "id"))
        else:
            row = await blocking(queries.plan, unit_code=(unit_code or "").strip().upper(), year=year)
        return WorkPlan.from_row(row) if row else None

    @strawberry.field(
        description="The plans fixed for a year, by unit code (optionally of one agency).",
        extensions=[Requires(GovernmentMember())],
    )
    async def work_plans(
        self, info: Info, year: int, agency_code: str | None = None, first: int = 50, after: str | None = None
    ) -> Connection[WorkPlan]:
        size = page_size(first)
        rows = await blocking(
            plan_queries(info).plans,
            year=year,
            agency_code=(agency_code or "").strip().upper() or None,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(rows, size, "unit_code", WorkPlan.from_row)

    @strawberry.field(
        description="Units with no plan fixed for the year (default: next year), with the deadline the "
        "profile sets (work_plan.deadline: Kota Serang's end of December before the year) and whether "
        "it passed.",
        extensions=[Requires(GovernmentMember())],
    )
    async def units_without_work_plan(
        self,
        info: Info,
        year: int | None = None,
        agency_code: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[UnitWithoutPlan]:
        size = page_size(first)
        chosen = plan_year(year if year is not None else date.today().year + 1)
        rule = context(info).app.profile.work_plan.deadline
        due = rule.for_year(chosen) if rule else None
        rows = await blocking(
            plan_queries(info).units_without_plan,
            year=chosen,
            agency_code=(agency_code or "").strip().upper() or None,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(
            rows,
            size,
            "code",
            lambda r: UnitWithoutPlan(
                code=r["code"],
                name=r["name"],
                agency_code=r["agency_code"],
                head_nip=r["head_nip"],
                deadline=due,
                overdue=bool(due and date.today() > due),
            ),
        )

    @strawberry.field(
        description="Who works on a plan item: the assignments and teams that name it, with their officials.",
        extensions=[Requires(PlanItemLine())],
    )
    async def plan_item_work(self, info: Info, plan_item_id: strawberry.ID) -> PlanItemWork | None:
        queries = plan_queries(info)
        key = query_id(plan_item_id, "planItemId")
        item = await blocking(queries.item, key)
        if item is None:
            return None
        assignments = await blocking(queries.assignments_on, key)
        teams = await blocking(queries.teams_on, key)
        return PlanItemWork(
            item=PlanItem.from_row(item),
            assignments=[
                PlanItemAssignment(
                    id=strawberry.ID(a["id"]),
                    status=a["status"],
                    work=a["work"],
                    owning_unit=a["owning_unit"],
                    team=bool(a["team"]),
                    period_start=date.fromisoformat(a["period_start"]),
                    period_end=date.fromisoformat(a["period_end"]),
                    letter_number=a["letter_number"],
                    officials=[PlanWorker(nip=o["nip"], name=o["name"]) for o in a["officials"]],
                )
                for a in assignments
            ],
            teams=[
                PlanItemTeam(
                    id=strawberry.ID(t["id"]),
                    name=t["name"],
                    status=t["status"],
                    owning_unit=t["owning_unit"],
                    leader_nip=t["leader_nip"],
                    period_start=date.fromisoformat(t["period_start"]),
                    period_end=date.fromisoformat(t["period_end"]),
                    members=[PlanWorker(nip=m["nip"], role=m["role"]) for m in t["members"]],
                )
                for t in teams
            ],
        )
