"""Work plans and PK targets over GraphQL: queries, mutations, their inputs and types."""

from api.work_plan.mutations import WorkPlanMutation
from api.work_plan.queries import WorkPlanQuery

__all__ = ["WorkPlanMutation", "WorkPlanQuery"]
